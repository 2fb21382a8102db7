/* Measurements (metingen): a checklist's result kept with a name and a date (overrides/partials/metingen.html), in
 * this browser and as a file; and the checks and figures that the compare pages (vergelijken.js) use.
 *
 * A measurement is one person's chosen answers (choices and ticks, never free text), or a team's totals, and those
 * only from the list's minimum group up (as team files). Which answer is better or worse is the list's own order
 * (hooks/instruments/metingen.py: `levels`). */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var t = PSA.t, isObject = PSA.isObject, own = PSA.own, setText = PSA.setText;
  var MAX_PEOPLE = 9999, MAX_VALUE = 100, MAX_ITEMS = 1000;
  // One person's answers; a team's totals; or a form's records counted per answer (B13: how many counters).
  var KINDS = ["single", "team", "records"];

  function optionIds(field) {
    if (field.type === "check") return ["true"];
    return field.options.map(function (o) { return typeof o === "string" ? o : o.id; });
  }
  function isCount(value, max) {
    return typeof value === "number" && Math.floor(value) === value && value >= 0 && value <= max;
  }

  /* ---- Checking a measurement (from a file or from storage) against its list ---- */

  /* `list`: {id, version, minGroup, fields: [{id, type, options}], items: [{id}] or [ids]}; `limits`: FILE_LIMITS.
   * {error} or {meting}: a copy holding only what is known. Another version's items are kept as they are: the
   * comparison names them as not matching. */
  function check(list, m, limits, maxName) {
    var q = PSA.quote;
    if (!isObject(m)) return { error: t("meting.bad.shape") };
    if (m.instrument !== list.id) {
      return { error: t("meting.bad.other", { title: q(typeof m.title === "string" ? m.title : String(m.instrument), 80) }) };
    }
    var version = PSA.checkVersion(m.version);
    if (version) return { error: version };
    if (typeof m.name !== "string" || !m.name.trim() || m.name.length > maxName) return { error: t("meting.bad.name", { max: maxName }) };
    if (!PSA.validDate(m.date, false, limits.years)) return { error: t("meting.bad.date", { name: q(m.name), problem: PSA.dateProblem(m.date, false, limits.years) }) };
    if (KINDS.indexOf(m.kind) < 0) return { error: t("meting.bad.kind", { name: q(m.name) }) };
    var items = own(m, "items") ? m.items : null;
    if (items !== null && (!Array.isArray(items) || items.length > MAX_ITEMS || !items.every(function (i) {
      return typeof i === "string" && i.length <= MAX_VALUE;
    }))) return { error: t("meting.bad.items", { name: q(m.name) }) };
    var same = m.version === list.version;
    var known = Object.create(null), fields = Object.create(null);
    list.items.forEach(function (i) { known[typeof i === "string" ? i : i.id] = true; });
    list.fields.forEach(function (f) { fields[f.id] = f; });
    var out = { id: typeof m.id === "string" && m.id.length <= 40 ? m.id : "m" + PSA.newRev(), name: m.name.trim(),
      date: m.date, instrument: list.id, version: m.version, kind: m.kind,
      items: items || Object.keys(known) };
    if (typeof m.saved === "string" && m.saved.length <= 40) out.saved = m.saved;
    var reason = null;
    // One answer of an item: known here, or (another version) any short value that the comparison will not match.
    function fits(item, field, option) {
      if (!known[item] || !own(fields, field)) return !same;
      return optionIds(fields[field]).indexOf(option) >= 0 || !same;
    }
    var data = m.kind === "single" ? m.answers : m.tallies;
    if (!isObject(data)) return { error: t("meting.bad.answers", { name: q(m.name) }) };
    var copy = {};
    Object.keys(data).every(function (item) {
      var values = data[item];
      if (item.length > MAX_VALUE || !isObject(values)) return !(reason = t("meting.bad.answers", { name: q(m.name) }));
      return Object.keys(values).every(function (field) {
        var value = values[field];
        if (m.kind === "single") {
          var option = value === true ? "true" : value;
          if (typeof option !== "string" || option.length > MAX_VALUE || !fits(item, field, option)) {
            return !(reason = t("meting.bad.answer", { name: q(m.name), item: q(item) }));
          }
          (copy[item] = copy[item] || {})[field] = value;
          return true;
        }
        if (!isObject(value)) return !(reason = t("meting.bad.answers", { name: q(m.name) }));
        var sum = 0;
        var ok = Object.keys(value).every(function (option) {
          if (!fits(item, field, option) || !isCount(value[option], MAX_PEOPLE)) return false;
          sum += value[option];
          return true;
        });
        if (!ok) return !(reason = t("meting.bad.answer", { name: q(m.name), item: q(item) }));
        if (sum > m.people) return !(reason = t("meting.bad.tooMany", { name: q(m.name), item: q(item) }));
        (copy[item] = copy[item] || {})[field] = value;
        return true;
      });
    });
    if (m.kind !== "single" && !isCount(m.people, MAX_PEOPLE)) return { error: t("meting.bad.people", { name: q(m.name) }) };
    if (reason) return { error: reason };
    if (m.kind !== "single") {
      // Never fewer than the list's minimum group: a team result of two people tells who answered what.
      if (m.people < list.minGroup) return { error: t("meting.below", { name: q(m.name), min: list.minGroup }) };
      out.people = m.people;
      out.tallies = copy;
    } else {
      out.answers = copy;
    }
    return { meting: out };
  }

  /* A file of measurements: {error} or {metingen}. A team file (team.js) becomes one team measurement. */
  function readFile(data, list, cfg, fileName) {
    if (!isObject(data)) return { error: t("meting.file.foreign") };
    if (data.format === cfg.teamFormat) return fromTeamFile(data, list, cfg, fileName);
    if (data.format !== cfg.format || !Array.isArray(data.metingen)) return { error: t("meting.file.foreign") };
    var version = PSA.checkVersion(data.formatVersion);
    if (version) return { error: version };
    if (data.formatVersion > cfg.formatVersion) return { error: t("meting.file.newer") };
    if (data.metingen.length > cfg.max) return { error: t("meting.file.many", { max: cfg.max }) };
    var out = [];
    for (var i = 0; i < data.metingen.length; i++) {
      var r = check(list, data.metingen[i], cfg.files, cfg.maxName);
      if (r.error) return r;
      out.push(r.meting);
    }
    return out.length ? { metingen: out } : { error: t("meting.file.empty") };
  }

  /* The team file of "Samen invullen" (team.js keeps hands and codes each only from the minimum group up). */
  function fromTeamFile(data, list, cfg, fileName) {
    var tt = data.team;
    if (data.instrument !== list.id) return check(list, { instrument: data.instrument, title: data.title }, cfg.files, cfg.maxName);
    if (!isObject(tt) || !isObject(tt.merged)) return { error: t("meting.file.foreign") };
    if (!isCount(tt.participants, MAX_PEOPLE) || !isCount(tt.merged.count, MAX_PEOPLE)) return { error: t("meting.bad.people", { name: PSA.quote(fileName) }) };
    var hands = tt.participants >= list.minGroup ? tt.participants : 0;
    var coded = tt.merged.count >= list.minGroup ? tt.merged.count : 0;
    var below = (tt.participants > 0 && !hands && isObject(tt.manual) && Object.keys(tt.manual).length) ||
      (tt.merged.count > 0 && !coded);
    var context = isObject(tt.context) ? tt.context : {};
    var name = typeof context.organisatie === "string" && context.organisatie.trim() ? context.organisatie.trim().slice(0, cfg.maxName) :
      String(fileName || "").replace(/\.json$/i, "").slice(0, cfg.maxName) || list.id;
    if (below || hands + coded < list.minGroup) return { error: t("meting.below", { name: PSA.quote(name), min: list.minGroup }) };
    var tallies = {};
    [hands ? tt.manual : {}, coded ? tt.merged.tallies : {}].forEach(function (store) {
      if (!isObject(store)) return;
      Object.keys(store).forEach(function (item) {
        if (!isObject(store[item])) return;
        Object.keys(store[item]).forEach(function (field) {
          var counts = store[item][field];
          if (!isObject(counts)) return;
          Object.keys(counts).forEach(function (o) {
            var into = (tallies[item] = tallies[item] || {})[field] = tallies[item][field] || {};
            into[o] = (into[o] || 0) + (typeof counts[o] === "number" ? counts[o] : NaN);
          });
        });
      });
    });
    var exported = typeof data.exported === "string" ? data.exported.slice(0, 10) : "";
    var date = PSA.validDate(context.datum, false, cfg.files.years) ? context.datum :
      PSA.validDate(exported, false, cfg.files.years) ? exported : PSA.today();
    return readOne(list, cfg, { instrument: data.instrument, title: data.title, version: data.version, name: name,
      date: date, kind: "team", people: hands + coded, tallies: tallies });
  }
  function readOne(list, cfg, m) {
    var r = check(list, m, cfg.files, cfg.maxName);
    return r.error ? r : { metingen: [r.meting] };
  }

  /* ---- Figures: per item, how bad (the list's own order) ---- */

  /* {answered, bad, sum}: how many answered, how many answered badly, and the sum of their levels. A tick that is
   * not ticked is an answer too (level 0): for a team, every participant answered it. */
  function itemScore(list, m, item) {
    var rules = list.levels[item] || {}, out = { answered: 0, bad: 0, sum: 0 };
    Object.keys(rules).forEach(function (field) {
      var f = list.fields.filter(function (x) { return x.id === field; })[0];
      if (!f) return;
      var counts = {};
      if (m.kind === "single") {
        var v = (m.answers[item] || {})[field];
        if (v !== undefined) counts[v === true ? "true" : v] = 1;
      } else {
        counts = (m.tallies[item] || {})[field] || {};
      }
      var n = Object.keys(counts).reduce(function (s, o) { return s + counts[o]; }, 0);
      if (f.type === "check") n = m.kind === "single" ? 1 : m.people;
      out.answered += n;
      Object.keys(counts).forEach(function (o) {
        var level = rules[field][o] || 0;
        out.sum += level * counts[o];
        if (level) out.bad += counts[o];
      });
    });
    return out;
  }

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
    // For the compare pages.
    check: check,
    readFile: readFile,
    itemScore: itemScore,
    optionIds: optionIds,
    who: who
  });
});
