/* Measurements (metingen): a checklist's result kept with a name and a date (overrides/partials/metingen.html), in
 * this browser and as a file; and the checks and figures that the compare pages (vergelijken.js) use.
 *
 * A measurement is one person's chosen answers (choices and ticks, never free text), or a team's totals, and those
 * only from the list's minimum group up (as team files). Which answer is better or worse is the list's own order
 * (hooks/instruments/metingen.py: `levels`). Checking measurements from files and the figures are in vergelijken.js:
 * a checklist's page only makes and keeps them. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var t = PSA.t, isObject = PSA.isObject, setText = PSA.setText;

  /* ---- The panel under a checklist ---- */

  function listRoot(root) {
    return root.closest("[data-psa='checklist'], [data-psa='form']");
  }

  function say(inst, text) {
    setText(inst.root.querySelector("[data-meting-message]"), text);
  }

  /* What is stored: {list: [...], error}; an unreadable copy is never written over (it is set aside first). */
  function stored(inst) {
    var raw = PSA.store.get(inst.cfg.key);
    if (raw === null) return { list: [] };
    var data;
    try { data = JSON.parse(raw); } catch (e) { data = null; }
    if (!isObject(data) || data.format !== inst.cfg.format || !Array.isArray(data.metingen)) return { list: [], raw: raw, error: true };
    return { list: data.metingen.filter(isObject) };
  }

  function write(inst, list) {
    if (!list.length) {
      PSA.store.remove(inst.cfg.key);
      return PSA.store.get(inst.cfg.key) === null;
    }
    return PSA.store.set(inst.cfg.key, JSON.stringify({ format: inst.cfg.format, formatVersion: inst.cfg.formatVersion, metingen: list }));
  }

  /* The result of now as a measurement, or {error}. */
  function current(inst) {
    var root = listRoot(inst.root), li = root && PSA.instance(root);
    if (!li || !li.cfg) return { error: t("meting.notReady") };
    var cfg = li.cfg, name = inst.root.querySelector("[data-meting-name]").value.trim();
    var date = inst.root.querySelector("[data-meting-date]").value;
    if (!PSA.validDate(date, false, cfg.files.years)) return { error: t("meting.noDate") };
    var m = { id: "m" + PSA.newRev(), name: name || t("meting.defaultName", { title: cfg.title, date: PSA.formatLocal(date) }),
      date: date, instrument: cfg.id, version: cfg.version, saved: new Date().toISOString(), items: inst.cfg.items };
    if (inst.cfg.records) return fromRecords(inst, li, m);
    var coded = {};
    cfg.fields.forEach(function (f) { if (f.type === "choice" || f.type === "check") coded[f.id] = true; });
    if (root.getAttribute("data-mode") === "team") {
      var tt = li.teamState;
      if (!tt) return { error: t("meting.team.none", { min: cfg.minGroup }) };
      var hands = tt.participants >= cfg.minGroup, codes = tt.merged.count >= cfg.minGroup;
      var people = (hands ? tt.participants : 0) + (codes ? tt.merged.count : 0);
      if (people < cfg.minGroup) return { error: t("meting.team.none", { min: cfg.minGroup }) };
      var tallies = {};
      [hands ? tt.manual : {}, codes ? tt.merged.tallies : {}].forEach(function (store) {
        Object.keys(store).forEach(function (item) {
          Object.keys(store[item]).forEach(function (field) {
            Object.keys(store[item][field]).forEach(function (o) {
              var into = (tallies[item] = tallies[item] || {})[field] = tallies[item][field] || {};
              into[o] = (into[o] || 0) + store[item][field][o];
            });
          });
        });
      });
      m.kind = "team";
      m.people = people;
      m.tallies = tallies;
      return { meting: m, left: (!hands && tt.participants > 0) || (!codes && tt.merged.count > 0) };
    }
    var answers = PSA.module("checklist").readState(root).answers, kept = {};
    Object.keys(answers).forEach(function (item) {
      Object.keys(answers[item]).forEach(function (field) {
        if (coded[field]) (kept[item] = kept[item] || {})[field] = answers[item][field];
      });
    });
    if (!Object.keys(kept).length && !cfg.fields.some(function (f) { return f.type === "check"; })) return { error: t("meting.empty") };
    m.kind = "single";
    m.answers = kept;
    return { meting: m, li: li };
  }

  /* A form's records (B13: counters), counted per item and answer; each record is one 'person'. */
  function fromRecords(inst, f, m) {
    var records = f.state.records[inst.cfg.records] || [], tallies = {};
    if (!records.length) return { error: t("meting.records.none", { plural: inst.cfg.unit.other }) };
    records.forEach(function (r) {
      inst.cfg.items.forEach(function (item) {
        var v = r.values && r.values[item];
        if (typeof v !== "string" || !v) return;
        var into = (tallies[item] = tallies[item] || {})[inst.cfg.field] = tallies[item][inst.cfg.field] || {};
        into[v] = (into[v] || 0) + 1;
      });
    });
    m.kind = "records";
    m.people = records.length;
    m.unit = inst.cfg.unit;
    m.tallies = tallies;
    return { meting: m };
  }

  /* How a measurement was made, in words: "één persoon", "team, 8 deelnemers", "5 balies". */
  function who(m, unit) {
    if (m.kind === "single") return t("meting.kind.single");
    if (m.kind === "team") return t("meting.kind.team", { count: m.people });
    unit = unit || { one: "", other: "" };
    return t("meting.kind.records", { count: m.people, unit: m.people === 1 ? unit.one : unit.other });
  }

  function fileData(inst, list) {
    var root = listRoot(inst.root), cfg = PSA.instance(root).cfg;
    return { format: inst.cfg.format, formatVersion: inst.cfg.formatVersion, instrument: cfg.id, title: cfg.title,
      exported: new Date().toISOString(), metingen: list };
  }

  function save(inst) {
    var made = current(inst);
    if (made.error) return say(inst, made.error);
    var li = PSA.instance(listRoot(inst.root));
    if (!PSA.store.available) return say(inst, t("store.off"));
    if ((li.cfg.sensitive || li.cfg.storage.optin) && !li.saved.optedIn()) return say(inst, t("meting.optin"));
    var now = stored(inst);
    if (now.error && !PSA.aside.put(inst.cfg.key + ":onleesbaar", now.raw)) return say(inst, t("meting.notSaved"));
    if (now.list.length >= inst.cfg.max) return say(inst, t("meting.full", { max: inst.cfg.max }));
    if (!write(inst, now.list.concat([made.meting]))) return say(inst, t("meting.notSaved"));
    show(inst);
    say(inst, t("meting.saved", { name: made.meting.name }) + (now.error ? " " + t("meting.aside") : "") +
      (made.left ? " " + t("meting.team.left", { min: li.cfg.minGroup }) : ""));
  }

  function exportOne(inst) {
    var made = current(inst);
    if (made.error) return say(inst, made.error);
    var cfg = PSA.instance(listRoot(inst.root)).cfg;
    say(inst, PSA.files.saveJSON(fileData(inst, [made.meting]), cfg.id + "-meting-" + made.meting.date + ".json"));
  }

  function exportAll(inst) {
    var cfg = PSA.instance(listRoot(inst.root)).cfg;
    say(inst, PSA.files.saveJSON(fileData(inst, stored(inst).list), cfg.id + "-metingen-" + PSA.today() + ".json"));
  }

  function remove(inst, id) {
    var now = stored(inst);
    if (now.error) return;
    var left = now.list.filter(function (m) { return m.id !== id; });
    if (!write(inst, left)) return say(inst, t("meting.notSaved"));
    show(inst);
    say(inst, t("meting.removed"));
  }

  /* "Verwijder" asks first; the answer removes it or puts the focus back on its button. */
  function ask(inst, button) {
    var box = inst.root.querySelector("[data-meting-confirm]"), id = button.getAttribute("data-meting-id");
    var m = stored(inst).list.filter(function (x) { return x.id === id; })[0];
    if (!m) return;
    inst.removing = id;
    setText(box.querySelector("[data-meting-confirm-text]"), t("meting.removeAsk", { name: PSA.quote(m.name, 120) }));
    box.hidden = false;
    box.querySelector("[data-action='meting-remove-cancel']").focus();
  }
  function answer(inst, yes) {
    var id = inst.removing;
    inst.removing = null;
    inst.root.querySelector("[data-meting-confirm]").hidden = true;
    if (yes && id) {
      remove(inst, id);
      inst.root.querySelector("[data-action='meting-save']").focus();
      return;
    }
    var back = PSA.all(inst.root, "[data-action='meting-remove']").filter(function (b) { return b.getAttribute("data-meting-id") === id; })[0];
    if (back) back.focus();
  }

  /* The list of stored measurements of this list, newest first; each with its own "Verwijder" button. */
  function show(inst) {
    var now = stored(inst), ul = inst.root.querySelector("[data-meting-list]");
    ul.textContent = "";
    var list = now.list.slice().sort(function (a, b) { return String(b.date).localeCompare(String(a.date)); });
    list.forEach(function (m) {
      var li = PSA.el("li");
      var what = who(m, inst.cfg.unit);
      li.appendChild(PSA.el("span", PSA.quote(m.name, 120) + " (" + PSA.formatLocal(String(m.date)) + ", " + what + ")"));
      var b = PSA.el("button", t("meting.remove"), "md-button formulier__klein");
      b.type = "button";
      b.setAttribute("data-action", "meting-remove");
      b.setAttribute("data-meting-id", String(m.id));
      b.setAttribute("aria-label", t("meting.removeNamed", { name: PSA.quote(m.name, 120) }));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(b);
      ul.appendChild(li);
    });
    if (now.error) ul.appendChild(PSA.el("li", t("meting.unreadable")));
    PSA.setHidden(inst.root.querySelector("[data-meting-saved]"), !list.length && !now.error);
  }

  PSA.define("metingen", {
    start: function (root) {
      var inst = { root: root, cfg: PSA.json(root, "data-metingen") };
      root.hidden = false;
      var date = root.querySelector("[data-meting-date]");
      if (!date.value) date.value = PSA.today();
      show(inst);
      return inst;
    },
    click: function (inst, event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "meting-save") save(inst);
      else if (action === "meting-export") exportOne(inst);
      else if (action === "meting-export-all") exportAll(inst);
      else if (action === "meting-remove") ask(inst, button);
      else if (action === "meting-remove-confirm" || action === "meting-remove-cancel") answer(inst, action === "meting-remove-confirm");
    },
    storage: function (inst, event) {
      if (event.key === inst.cfg.key || event.key === null) show(inst);
    },
    // For the compare pages (vergelijken.js).
    who: who
  });
});
