/* Form (kind: form, overrides/partials/form.html): the shell around its parts. It holds the values of the whole
 * tool, reads and checks fields, shows conditions, saves, opens and prints, and hands everything else to the part
 * types (parts/<type>.js, one per `type:` in the YAML), which register as modules under their own name.
 * A part module may have (each called with the form instance and the part's config):
 * - init (before anything is read), started (after the first render), reset (entry forms back to empty);
 * - conditions (instead of the form's own show_if pass over the part), render (after every change), write (state
 *   into the part's inputs);
 * - click / change / keydown / focusout inside the part (click and change return true when they handled it),
 *   valuesChanged (the tool's values changed), changed (a value inside this part changed);
 * - portable (what it adds to storage and files), importRecords / knowsTick (checking a file), reload (another tab
 *   saved). */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var all = PSA.all, setText = PSA.setText, setHidden = PSA.setHidden, t = PSA.t, isObject = PSA.isObject, own = PSA.own;
  var FORMAT = "psa-werkboek-formulier";
  var NOTE = "toelichting:";

  function config(root) {
    var cfg = PSA.json(root, "data-form");
    cfg.byPart = {};
    cfg.globals = {};
    cfg.parts.forEach(function (p) {
      cfg.byPart[p.id] = p;
      p.defs = {};
      (p.fields || []).forEach(function (f) { p.defs[f.id] = f; if (p.type === "fields") cfg.globals[f.id] = { f: f, part: p }; });
      (p.moments || []).forEach(function (m) { m.fields.forEach(function (f) { cfg.globals[f.id] = { f: f, part: p }; }); });
    });
    cfg.parts.forEach(function (p) {
      (p.fields || []).forEach(function (f) { if (f.type === "ref") cfg.byPart[f.source].referenced = true; });
    });
    return cfg;
  }

  /* The module of a part type; types without a script of their own (cards) get an empty one. */
  function spec(part) {
    return PSA.modules[part.type] || {};
  }

  function partEl(f, id) {
    return f.root.querySelector("[data-part='" + id + "']");
  }

  function partOf(f, node) {
    var partNode = node && node.closest("[data-part]");
    return partNode ? f.cfg.byPart[partNode.getAttribute("data-part")] : null;
  }

  function globalDefs(cfg) {
    var out = {};
    Object.keys(cfg.globals).forEach(function (k) { out[k] = cfg.globals[k].f; });
    return out;
  }

  function emptyValue(v) {
    return v === undefined || v === null || v === "" || v === false || (Array.isArray(v) && !v.length) ||
      (isObject(v) && !Object.keys(v).length);
  }

  /* ---- Fields: values from the inputs inside a container; `defs` says what each data-field is ---- */

  function readFields(container, defs) {
    var out = {};
    all(container, "[data-field]").forEach(function (el) {
      var id = el.getAttribute("data-field");
      var fd = defs[id];
      if (!fd) return;
      if (el.hasAttribute("data-note")) {
        if (el.value.trim()) out[NOTE + id] = el.value;
      } else if (el.hasAttribute("data-cell")) {
        if (el.value) (out[id] = out[id] || {})[el.getAttribute("data-cell")] = el.value;
      } else if (el.type === "radio") {
        if (el.checked) out[id] = el.value;
      } else if (el.type === "checkbox") {
        if (fd.type === "check") { if (el.checked) out[id] = true; }
        else if (el.checked) (out[id] = out[id] || []).push(el.value);
      } else if (el.value !== "") {
        out[id] = el.value;
      }
    });
    return out;
  }

  function writeFields(container, defs, values) {
    all(container, "[data-field]").forEach(function (el) {
      var id = el.getAttribute("data-field");
      if (!defs[id]) return;
      var v = values[id];
      if (el.hasAttribute("data-note")) el.value = values[NOTE + id] || "";
      else if (el.hasAttribute("data-cell")) el.value = (isObject(v) && v[el.getAttribute("data-cell")]) || "";
      else if (el.type === "radio") el.checked = v === el.value;
      else if (el.type === "checkbox") el.checked = defs[id].type === "check" ? v === true : Array.isArray(v) && v.indexOf(el.value) >= 0;
      else el.value = v === undefined ? "" : v;
    });
  }

  /* A condition holds when every named field has one of the allowed answers (any of them, for lists). */
  function holds(values, cond) {
    // Plain loops: a report asks this for every rule and every questionnaire, 100,000 times for 10,000 of them.
    for (var name in cond) {
      if (!own(cond, name)) continue;
      var v = values[name], allowed = cond[name], ok = false;
      var flags = false;
      for (var a = 0; a < allowed.length && !flags; a++) flags = typeof allowed[a] === "boolean";
      if (flags) {
        ok = allowed.indexOf(v === true) >= 0;
      } else if (Array.isArray(v)) {
        for (var i = 0; i < v.length && !ok; i++) {
          ok = allowed.indexOf(v[i]) >= 0 || allowed.indexOf(String(v[i]).split(":")[0]) >= 0;
        }
      } else {
        ok = allowed.indexOf(v) >= 0;
      }
      if (!ok) return false;
    }
    return true;
  }

  function visible(fd, values) {
    return !fd.show_if || holds(values, fd.show_if);
  }

  /* Values of fields that apply: a field hidden by its condition does not count, but keeps its text. */
  function activeValues(defs, values) {
    var out = {};
    Object.keys(values).forEach(function (k) {
      var id = k.indexOf(NOTE) === 0 ? k.slice(NOTE.length) : k;
      if (!defs[id] || visible(defs[id], values)) out[k] = values[k];
    });
    return out;
  }

  function applyConditions(container, values) {
    all(container, "[data-show-if]").forEach(function (el) {
      setHidden(el, !holds(values, PSA.json(el, "data-show-if")));
    });
    all(container, "[data-highlight-if]").forEach(function (el) {
      var on = holds(values, PSA.json(el, "data-highlight-if"));
      el.classList.toggle("formulier__veld--let-op", on);
      setHidden(el.querySelector("[data-highlight]"), !on);
    });
    all(container, "input[type='radio'], input[type='checkbox']").forEach(function (input) {
      var label = input.closest("label");
      if (label) label.classList.toggle("is-gekozen", input.checked);
    });
  }

  function optionShort(fd, id) {
    var o = (fd.options || []).filter(function (x) { return x.id === id; })[0];
    return o ? o.short || o.label : id;
  }

  function optionLabel(fd, id) {
    var list = (fd.options || []).concat(fd.rows || []);
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i].label;
    return id;
  }

  function formatValue(fd, v) {
    if (emptyValue(v)) return "";
    if (fd.type === "choice") return optionLabel(fd, v);
    if (fd.type === "multi") return v.map(function (o) { return optionLabel(fd, o); }).join(", ");
    if (fd.type === "grid") {
      return v.map(function (cell) {
        var rc = cell.split(":");
        return optionLabel(fd, rc[0]) + " (" + (fd.columns.filter(function (c) { return c.id === rc[1]; })[0] || {}).label + ")";
      }).join("; ");
    }
    if (fd.type === "check") return t("form.yes");
    if (fd.type === "date" || fd.type === "datetime") return PSA.formatLocal(v);
    if (fd.type === "signatures") return Object.keys(v).map(function (k) { return k + ": " + v[k]; }).join("; ");
    return String(v);
  }

  function numberOf(v) {
    var n = Number(String(v === undefined ? "" : v).replace(",", "."));
    return v === undefined || v === "" || isNaN(n) ? null : n;
  }

  function groupKey(text) {
    return String(text || "").trim().replace(/\s+/g, " ").toLocaleLowerCase(PSA.NL);
  }

  /* ---- Checks: empty required fields and impossible dates ---- */

  function dateLimit(ref, values) {
    if (ref === "today") return { when: new Date(), label: t("form.today") };
    var p = PSA.parseLocal(values[ref]);
    return p ? { when: new Date(p.y, p.m, p.d, p.hh, p.mm), ref: ref, day: !p.time } : null;
  }

  function fieldErrors(defs, values, withEmpty) {
    var errors = [];
    Object.keys(defs).forEach(function (id) {
      var fd = defs[id];
      if (!visible(fd, values)) return;
      var v = values[id];
      if (emptyValue(v)) {
        // A follow-up question ('Zo ja, …') is named together with the question it follows.
        var parent = fd.show_if && defs[Object.keys(fd.show_if)[0]];
        if (withEmpty && fd.required) errors.push({ id: id, text: t("form.error.empty", { label: (parent ? parent.label + " " : "") + fd.label }) });
        return;
      }
      if (fd.numbers) {
        var tokens = String(v).trim().split(/[\s;]+/);
        var bad = tokens.some(function (x) { var n = numberOf(x); return n === null || n < fd.numbers.min || n > fd.numbers.max; });
        if (bad) return errors.push({ id: id, text: t("form.error.numbers", { label: fd.label, min: fd.numbers.min, max: fd.numbers.max }) });
      }
      if (fd.type === "number" && !/^\d+$/.test(String(v).trim())) return errors.push({ id: id, text: t("form.error.whole", { label: fd.label }) });
      if (fd.type !== "date" && fd.type !== "datetime") return;
      var p = PSA.validDate(v, fd.type === "datetime") ? PSA.parseLocal(v) : null;
      if (!p) return errors.push({ id: id, text: t("form.error.date", { label: fd.label }) });
      var at = new Date(p.y, p.m, p.d, p.hh, p.mm);
      var day = new Date(p.y, p.m, p.d);
      ["min", "max"].forEach(function (side) {
        var limit = fd[side] && dateLimit(fd[side], values);
        if (!limit) return;
        var other = limit.ref ? defs[limit.ref] : null;
        var cmpOwn = (limit.day || !p.time || fd[side] === "today" && !p.time) ? day : at;
        var cmpLimit = limit.day || !p.time ? new Date(limit.when.getFullYear(), limit.when.getMonth(), limit.when.getDate()) : limit.when;
        if (side === "max" && cmpOwn > cmpLimit) {
          errors.push({ id: id, text: other ? t("form.error.after", { label: fd.label, other: other.label }) : t("form.error.future", { label: fd.label }) });
        } else if (side === "min" && cmpOwn < cmpLimit) {
          errors.push({ id: id, text: t("form.error.before", { label: fd.label, other: other ? other.label : t("form.today") }) });
        }
      });
    });
    return errors;
  }

  function showFieldErrors(container, errors) {
    var byId = {};
    errors.forEach(function (e) { byId[e.id] = byId[e.id] || e.text; });
    all(container, "[data-error-for]").forEach(function (p) {
      var text = byId[p.getAttribute("data-error-for")];
      setText(p, text || "");
      setHidden(p, !text);
      var wrap = p.closest("[data-wrap], .formulier__veld");
      if (!wrap) return;
      wrap.classList.toggle("formulier__veld--fout", !!text);
      all(wrap, "input:not([data-note]), textarea, select").forEach(function (input) {
        if (text) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      });
    });
  }

  function firstInput(container, id) {
    return container.querySelector("[data-wrap='" + id + "'] input, [data-wrap='" + id + "'] textarea, [data-field='" + id + "']");
  }

  function message(f, partId, text) {
    var el = partId ? partEl(f, partId).querySelector("[data-part-message]") : null;
    setText(el || f.root.querySelector("[data-message]"), text);
  }

  /* A record's own values on top of the tool's global ones (for conditions); a record field never borrows a value. */
  function withGlobals(f, part, values) {
    var merged = Object.assign({}, f.state.values);
    Object.keys(part.defs).forEach(function (id) { delete merged[id]; delete merged[NOTE + id]; });
    return Object.assign(merged, values);
  }

  /* ---- Saving: what is kept is declared per part (cfg part.storage: local, optin or none) ---- */

  function storable(f, part, forFile) {
    return forFile || part.storage === "local" || part.storage === "optin" && f.saved.optedIn();
  }

  /* What may leave the page: to this browser's storage, or (forFile) to a file the user saves. */
  function portable(f, forFile) {
    var cfg = f.cfg, s = f.state;
    var out = { values: {}, records: {}, ticks: {} };
    Object.keys(s.values).forEach(function (k) {
      var id = k.indexOf(NOTE) === 0 ? k.slice(NOTE.length) : k;
      var g = cfg.globals[id];
      if (g && g.f.store !== false && storable(f, g.part, forFile)) out.values[k] = s.values[k];
    });
    cfg.parts.forEach(function (p) {
      if (spec(p).portable && storable(f, p, forFile)) spec(p).portable(f, p, out);
    });
    return out;
  }

  /* True when what is to be stored is stored. A failed write keeps the last good copy and says so. */
  function save(f) {
    if (!PSA.store.available) return true;
    var cfg = f.cfg, data = portable(f, false);
    var empty = !Object.keys(data.values).length && !Object.keys(data.records).length && !Object.keys(data.ticks).length;
    var stored = Object.assign({ format: FORMAT, tool: cfg.id, version: cfg.version }, data);
    PSA.settleConflicts(f.root, data);
    if (f.root.psaConflict) {
      // The same rule as the decision to store in takeIn: open in both tabs, what is stored stays.
      var last = f.saved.last();
      stored = PSA.keepTheirs(f.root, stored, last ? storedState(f, last) : null, last);
      stored.open = PSA.openChoices(f.root);
    } else if (empty && f.saved.current === null) {
      // Nothing stored yet: nothing to store. Once something was, an emptied tool is stored as an empty copy with
      // its revision, so another tab can tell it from a wipe ("Wis" removes the copy).
      stored = null;
    }
    // Nothing to store and nothing of this tab's stored: write nothing (a removal would wipe another tab's copy).
    if (stored === null && f.saved.current === null) return true;
    if (!f.saved.write(stored)) {
      setText(f.root.querySelector("[data-message]"), t("form.notSaved"));
      return false;
    }
    return true;
  }

  function emptyState() {
    return { values: {}, records: {}, ticks: {} };
  }

  /* What a stored copy holds, checked as a file is (what does not fit is named when the tool starts). */
  function storedState(f, data) {
    var result = isObject(data) ? checkData(f, data) : null;
    if (!result || !result.state) return emptyState();
    return { values: result.state.values, records: result.state.records, ticks: result.state.ticks };
  }

  /* ---- Opening a file (or what is stored): what does not fit is named, never taken over ---- */

  function validValue(fd, v, years) {
    var has = function (list, id) { return (list || []).some(function (o) { return o.id === id; }); };
    if (fd.type === "choice") return typeof v === "string" && has(fd.options, v);
    if (fd.type === "multi") return Array.isArray(v) && v.every(function (x) { return has(fd.options, x); });
    if (fd.type === "grid") {
      return Array.isArray(v) && v.every(function (x) {
        var rc = String(x).split(":");
        return has(fd.rows, rc[0]) && has(fd.columns, rc[1]);
      });
    }
    if (fd.type === "check") return v === true;
    if (fd.type === "signatures") {
      // Cells are 'column:row'; a date row holds a real date.
      return isObject(v) && Object.keys(v).every(function (k) {
        var cr = k.split(":"), row = (fd.rows || []).filter(function (r) { return r.id === cr[1]; })[0];
        return cr.length === 2 && has(fd.columns, cr[0]) && row && typeof v[k] === "string" && v[k].length < 20000 &&
          (row.type !== "date" || PSA.validDate(v[k], false, years));
      });
    }
    if (fd.type === "date" || fd.type === "datetime") return PSA.validDate(v, fd.type === "datetime", years);
    if (fd.type === "number") return typeof v === "string" && /^\s*\d{1,9}\s*$/.test(v);
    return typeof v === "string" && v.length < 20000;
  }

  /* Why a value from a file is not taken over, after the field's name. */
  function whyNot(fd, v, years) {
    if (fd.type === "date" || fd.type === "datetime") return ": " + PSA.dateProblem(v, fd.type === "datetime", years);
    if (fd.type === "signatures" && isObject(v)) {
      // Name the cell with the impossible date, when that is what is wrong.
      var find = function (list, id) { return (list || []).filter(function (o) { return o.id === id; })[0]; };
      var bad = Object.keys(v).map(function (k) {
        var cr = k.split(":"), col = find(fd.columns, cr[0]), row = find(fd.rows, cr[1]);
        return col && row && row.type === "date" && typeof v[k] === "string" && !PSA.validDate(v[k], false, years) ?
          " (" + col.label + ", " + row.label + "): " + PSA.dateProblem(v[k], false, years) : null;
      }).filter(Boolean)[0];
      if (bad) return bad;
    }
    return t("form.import.badValue");
  }

  function checkValues(defs, values, where, dropped, years) {
    var out = {};
    if (!isObject(values)) return out;
    Object.keys(values).forEach(function (k) {
      var id = k.indexOf(NOTE) === 0 ? k.slice(NOTE.length) : k;
      var fd = own(defs, id) ? defs[id] : null;
      var note = k !== id;
      var ok = fd && fd.store !== false && (note ? typeof values[k] === "string" && values[k].length < 20000 : validValue(fd, values[k], years));
      if (ok) out[k] = values[k];
      else if (!fd) dropped.push(where + "‘" + PSA.quote(k) + "’" + t("form.import.noField"));
      else dropped.push(where + "‘" + fd.label + "’" + (note ? t("form.import.badValue") : whyNot(fd, values[k], years)));
    });
    return out;
  }

  function checkData(f, data) {
    var cfg = f.cfg, years = cfg.files.years;
    if (!isObject(data) || data.format !== FORMAT || typeof data.tool !== "string") return { error: t("form.import.foreign") };
    if (data.tool !== cfg.id) {
      return { error: t("form.import.other", { title: typeof data.title === "string" ? " (‘" + PSA.quote(data.title, 80) + "’)" : "" }) };
    }
    var version = PSA.checkVersion(data.version);
    if (version) return { error: version };
    if (data.version !== cfg.version) return { error: t("form.import.version", { version: String(data.version) }) };
    // A part of the file that is there but of the wrong kind is damage, not something to skip without a word.
    var wrong = ["values", "records", "ticks"].filter(function (k) { return own(data, k) && !isObject(data[k]); })[0];
    if (wrong) return { error: t("file.damaged", { what: t("form.import.section." + wrong) }) };
    var records = isObject(data.records) ? data.records : {};
    // Too many records: refused before anything is checked or drawn, with the limit (max_records in the YAML).
    var tooMany = Object.keys(records).map(function (pid) {
      var part = own(cfg.byPart, pid) ? cfg.byPart[pid] : null;
      return part && part.max_records && Array.isArray(records[pid]) && records[pid].length > part.max_records ?
        { part: part, count: records[pid].length } : null;
    }).filter(Boolean)[0];
    if (tooMany) {
      return { error: t("file.tooMany", { count: tooMany.count.toLocaleString(PSA.NL), what: tooMany.part.plural,
        max: tooMany.part.max_records.toLocaleString(PSA.NL) }) };
    }
    var dropped = [];
    var state = { values: checkValues(globalDefs(cfg), data.values, "", dropped, years), records: {}, ticks: {} };
    Object.keys(records).forEach(function (pid) {
      var part = own(cfg.byPart, pid) ? cfg.byPart[pid] : null;
      if (!part || !spec(part).importRecords || !Array.isArray(records[pid])) return dropped.push(t("form.import.noPart", { id: PSA.quote(pid) }));
      state.records[pid] = spec(part).importRecords(f, part, records[pid], dropped);
    });
    Object.keys(isObject(data.ticks) ? data.ticks : {}).forEach(function (k) {
      var known = cfg.parts.some(function (p) { return spec(p).knowsTick && spec(p).knowsTick(p, k); });
      if (known && data.ticks[k] === true) state.ticks[k] = true;
      else dropped.push(t("form.import.noTick", { id: PSA.quote(k) }));
    });
    return { state: state, dropped: dropped };
  }

  function hasData(f) {
    var s = f.state;
    return !!(Object.keys(s.values).length || Object.keys(s.ticks).length ||
      Object.keys(s.records).some(function (k) { return (s.records[k] || []).length; }));
  }

  function applyState(f, state) {
    PSA.clearConflicts(f.root);
    f.state = { values: state.values, records: state.records, ticks: state.ticks };
    reset(f);
    writeAll(f);
    var kept = save(f);
    update(f, true);
    return kept;
  }

  /* The organisation's defaults (organisatie.yml, rendered as data-defaults): they fill only fields that are empty,
   * so what was saved wins; text fields get the organisation's choices as suggestions (a datalist). */
  function withDefaults(f) {
    if (!f.defaults) {
      var d = f.root.hasAttribute("data-defaults") ? PSA.json(f.root, "data-defaults") : {};
      f.defaults = d.values || {};
      Object.keys(d.suggest || {}).forEach(function (id) {
        var list = document.createElement("datalist");
        list.id = f.root.id + "__keuzes-" + id;
        d.suggest[id].forEach(function (v) { var o = document.createElement("option"); o.value = v; list.appendChild(o); });
        f.root.appendChild(list);
        all(f.root, "input[type='text'][data-field='" + id + "']").forEach(function (input) { input.setAttribute("list", list.id); });
      });
    }
    return fillDefaults(f, f.state);
  }

  /* Also the ancestor of a merge with another tab: a default this tab shows is not an answer this tab gave. */
  function fillDefaults(f, state) {
    var filled = false;
    Object.keys(f.defaults || {}).forEach(function (id) {
      if (f.cfg.globals[id] && emptyValue(state.values[id])) { state.values[id] = f.defaults[id]; filled = true; }
    });
    return filled;
  }

  function reset(f) {
    f.cfg.parts.forEach(function (p) { if (spec(p).reset) spec(p).reset(f, p); });
  }

  function fileTool(f) {
    return {
      kind: "form",
      say: function (text) { setText(f.root.querySelector("[data-message]"), text); },
      check: function (data) { return checkData(f, data); },
      hasData: function () { return hasData(f); },
      snapshot: function () {
        var before = JSON.stringify({ state: f.state, editing: f.editing }), raw = PSA.store.get(f.cfg.storage.key);
        return function () {
          var back = JSON.parse(before);
          f.state = back.state;
          f.editing = back.editing;
          if (raw === null) PSA.store.remove(f.cfg.storage.key);
          else PSA.store.set(f.cfg.storage.key, raw);
          writeAll(f);
          update(f, true);
        };
      },
      apply: function (state, confirmed) {
        var kept = applyState(f, state);
        return t(confirmed ? "form.import.partly" : "form.import.done") + (kept ? "" : " " + t("form.notSaved"));
      }
    };
  }

  /* Another tab (or a 'Zet in plan' on another page, then Back) changed what is stored: merge it with what this tab
   * changed since it last saw the stored copy; ask where both changed the same value. What this page holds but does
   * not store, and what is typed in an entry form, stays. */
  function reloadFromStorage(f, event) {
    // The copy the other tab wrote (another write may already have followed it; that one comes as its own event).
    if (event && event.key && event.newValue !== null && event.newValue === f.saved.raw) return; // what this tab has
    var now = PSA.store.get(f.cfg.storage.key);
    if (event && event.key && event.newValue === null && now !== null) return; // a removal already replaced
    var raw = event && event.key ? event.newValue : now;
    var read = readRaw(raw);
    var result = read.data ? checkData(f, read.data) : read.error ? null : { state: emptyState() };
    if (!result || !result.state) return;
    var data = read.data || null;
    var theirs = { values: result.state.values, records: result.state.records, ticks: result.state.ticks };
    // The common ancestor: the copy the other tab started from, when this tab knows it; else what it last saw.
    var from = f.saved.ancestor(data);
    var last = from.known ? null : f.saved.last();
    var base = from.known ? (from.data ? storedState(f, from.data) : emptyState()) : (last ? storedState(f, last) : emptyState());
    fillDefaults(f, base);
    var before = f.saved.raw;
    takeIn(f, data, theirs, base, raw);
    // This tab's own later write had already replaced the copy just taken in: store what the page holds now.
    if (now !== raw && now === before && PSA.store.get(f.cfg.storage.key) === now) save(f);
  }

  function readRaw(raw) {
    if (raw === null) return { data: null };
    try { return { data: JSON.parse(raw) }; } catch (e) { return { error: true }; }
  }

  /* Merges a stored copy (`data`, holding `theirs`) into the page from their common ancestor `base`. What this page
   * holds but does not store, and what is typed in an entry form, stays; an edit in progress follows its record. */
  function takeIn(f, data, theirs, base, raw) {
    var mine = portable(f, false);
    var merged = PSA.merge(base, mine, theirs);
    // The merge may hand back theirs' own objects; with a choice open the result is changed in place, so copy it.
    if (f.root.psaConflict) merged.value = JSON.parse(JSON.stringify(merged.value));
    PSA.refreshConflicts(f.root, mine, merged.value, theirs, data);
    var editedBefore = {};
    Object.keys(f.editing).forEach(function (pid) {
      if (f.editing[pid] !== undefined) editedBefore[pid] = JSON.stringify((mine.records[pid] || [])[f.editing[pid]]);
    });
    applyStored(f, merged.value);
    f.saved.synced(data, raw);
    var ended = false;
    Object.keys(editedBefore).forEach(function (pid) {
      var at = (f.state.records[pid] || []).map(function (r) { return JSON.stringify(r); }).indexOf(editedBefore[pid]);
      if (at >= 0) f.editing[pid] = at;
      else {
        f.editing[pid] = undefined;
        ended = true;
      }
    });
    writeAll(f);
    update(f, true);
    if (ended) setText(f.root.querySelector("[data-message]"), t("tabs.editEnded"));
    if (merged.conflicts.length) {
      PSA.showConflicts(f.root, merged.conflicts, function (path, value) {
        if (value === null) return describePath(f, path);
        if (value === undefined || value === "") return t("tabs.empty");
        var fd = fieldOf(f, path);
        return fd ? formatValue(fd, value) : typeof value === "string" ? value : JSON.stringify(value);
      }, function (choice, conflicts) {
        var now = portable(f, false);
        if (choice === "theirs") conflicts.forEach(function (c) { PSA.setPath(now, c.path, c.theirs); });
        applyStored(f, now);
        writeAll(f);
        var kept = save(f);
        update(f, true);
        if (kept) setText(f.root.querySelector("[data-message]"), t(choice === "theirs" ? "tabs.tookTheirs" : "tabs.keptMine"));
      });
    }
    // Stored only when it adds to theirs: with a choice open, what would be stored is theirs at those values.
    if (!PSA.same(PSA.keepTheirs(f.root, merged.value, theirs, data), theirs)) {
      if (save(f) && !ended && !merged.conflicts.length) setText(f.root.querySelector("[data-message]"), t("tabs.merged"));
    } else if (!ended && !merged.conflicts.length && !PSA.same(mine, merged.value)) {
      setText(f.root.querySelector("[data-message]"), t("tabs.updated")); // the page changed: say where that came from
    }
  }

  /* The field a path of the stored state ends in: ["values", id], or ["records", part, {id}, "values", id]. */
  function fieldOf(f, path) {
    var id = path[path.length - 1];
    if (path[0] === "values") {
      var g = f.cfg.globals[String(id).replace(NOTE, "")];
      return g ? g.f : null;
    }
    var part = path[0] === "records" && own(f.cfg.byPart, path[1]) ? f.cfg.byPart[path[1]] : null;
    return part && part.defs && own(part.defs, id) ? part.defs[id] : null;
  }

  /* A path in words: the field's label, and for a record its part and number ("Balies, nummer 2: Naam"). */
  function describePath(f, path) {
    var fd = fieldOf(f, path), label = fd ? fd.label : String(path[path.length - 1]);
    if (path[0] !== "records" || !own(f.cfg.byPart, path[1])) return label;
    var list = f.state.records[path[1]] || [], at = -1;
    list.forEach(function (r, i) { if (isObject(path[2]) && r.id === path[2].id) at = i; });
    return t("tabs.record", { part: f.cfg.byPart[path[1]].label, n: at + 1 }) + ": " + label;
  }

  /* "Bewaar" was ticked or unticked in another tab of this tool: this tab follows, and says so. Ticked: what this
   * tab holds was never stored, so it joins what the other tab stored (from nothing as the common ancestor). */
  function optInElsewhere(f) {
    var on = f.saved.optedIn();
    var boxes = all(f.root, "[data-action='opt-in']");
    if (!boxes.length || boxes[0].checked === on) return;
    boxes.forEach(function (box) { box.checked = on; });
    if (on) {
      var read = f.saved.read();
      var data = isObject(read.data) ? read.data : null;
      takeIn(f, data, data ? storedState(f, data) : emptyState(), emptyState());
    } else {
      update(f, true);
    }
    setText(f.root.querySelector("[data-message]"), t(on ? "tabs.optIn" : "tabs.optOut"));
  }

  /* Puts a stored (portable) state into the page's state: the stored fields, records and ticks. */
  function applyStored(f, fresh) {
    var cfg = f.cfg, s = f.state;
    Object.keys(cfg.globals).forEach(function (id) {
      var g = cfg.globals[id];
      if (g.f.store === false || !storable(f, g.part, false)) return;
      [id, NOTE + id].forEach(function (k) {
        if (own(fresh.values, k)) s.values[k] = fresh.values[k];
        else delete s.values[k];
      });
    });
    cfg.parts.forEach(function (p) { if (spec(p).reload && storable(f, p, false)) spec(p).reload(f, p, fresh); });
  }

  /* ---- The page from the state, and back ---- */

  function writeAll(f) {
    var defs = globalDefs(f.cfg);
    if (PSA.modules.records) PSA.modules.records.fillRefs(f);
    all(f.root, "[data-part]").forEach(function (partNode) {
      var part = f.cfg.byPart[partNode.getAttribute("data-part")];
      if (part.type === "fields" || part.type === "schedule") writeFields(partNode, defs, f.state.values);
      if (spec(part).write) spec(part).write(f, part, partNode);
    });
  }

  /* The values of the whole tool: fields parts and the fields of planned moments. */
  function readGlobals(f) {
    var defs = globalDefs(f.cfg), values = {};
    all(f.root, "[data-part]").forEach(function (partNode) {
      var part = f.cfg.byPart[partNode.getAttribute("data-part")];
      if (part.type === "fields" || part.type === "schedule") Object.assign(values, readFields(partNode, defs));
    });
    return values;
  }

  /* Conditions first (each part may have its own), then what each part shows, then save. */
  function update(f, noSave) {
    var values = f.state.values;
    if (PSA.modules.records) PSA.modules.records.fillRefs(f);
    all(f.root, "[data-part]").forEach(function (partNode) {
      var part = f.cfg.byPart[partNode.getAttribute("data-part")];
      if (spec(part).conditions) spec(part).conditions(f, part, partNode);
      else applyConditions(partNode, values);
    });
    f.active = activeValues(globalDefs(f.cfg), values);
    f.cfg.parts.forEach(function (p) { if (spec(p).render) spec(p).render(f, p, partEl(f, p.id)); });
    if (!noSave) save(f);
  }

  /* ---- Printing one part, filled in or blank ---- */

  function paperCopies(f) {
    var root = f.root, cfg = f.cfg;
    PSA.paperCopies(root, "input[type='text'], input[type='date'], input[type='datetime-local'], input[type='number'], textarea",
      "formulier__papiertekst");
    PSA.printedOn(root);
    setText(root.querySelector("[data-print-context]"), (cfg.printContext || []).filter(function (id) {
      return !emptyValue(f.state.values[id]);
    }).map(function (id) {
      var fd = cfg.globals[id].f, v = f.state.values[id];
      return (fd.short || fd.label).replace(/[?:]$/, "") + ": " + (fd.options ? optionShort(fd, v) : formatValue(fd, v));
    }).join(" · "));
  }

  function printPart(f, partId, blank, style) {
    if (!blank) f.kept = JSON.stringify(f.state); // on paper now
    var root = f.root, node = partEl(f, partId);
    var kept = blank ? JSON.stringify(f.state) : null;
    if (blank) {
      f.state = { values: {}, records: f.state.records, ticks: {} };
      writeAll(f);
      update(f, true);
    }
    paperCopies(f);
    root.setAttribute("data-print-part", partId);
    root.setAttribute("data-print-type", f.cfg.byPart[partId].type);
    node.setAttribute("data-printing", "");
    if (style) node.setAttribute("data-print-style", style);
    PSA.printOnly(root, blank ? { "data-print-blank": "" } : {}, function () {
      root.removeAttribute("data-print-part");
      root.removeAttribute("data-print-type");
      node.removeAttribute("data-printing");
      node.removeAttribute("data-print-style");
      if (blank) {
        f.state = JSON.parse(kept);
        writeAll(f);
        update(f, true);
      }
    });
  }

  /* ---- Events ---- */

  function optIn(f, target) {
    if (!PSA.store.available) {
      target.checked = false;
    } else if (target.checked) {
      if (!f.saved.setOptIn(true) || !save(f)) {
        f.saved.setOptIn(false);
        all(f.root, "[data-action='opt-in']").forEach(function (box) { box.checked = false; });
        var where = partOf(f, target);
        return message(f, where ? where.id : null, t("store.full.optIn"));
      }
    } else {
      f.saved.setOptIn(false);
      PSA.store.removeVersions(f.cfg.id); // also what an older version kept
      f.saved.forget();
      save(f);
    }
    all(f.root, "[data-action='opt-in']").forEach(function (box) { box.checked = target.checked; });
    var part = partOf(f, target);
    message(f, part ? part.id : null, t(!PSA.store.available ? "store.off" : target.checked ? "form.optIn" : "form.optOut"));
    update(f, true);
  }

  function change(f, event) {
    var target = event.target, action = target.getAttribute("data-action");
    if (action === "import") return PSA.importFile(f.root, target, fileTool(f));
    if (action === "opt-in") return optIn(f, target);
    var part = partOf(f, target);
    if (part && spec(part).change && spec(part).change(f, part, target, event)) return;
    var before = f.state.values;
    f.state.values = readGlobals(f);
    f.cfg.parts.forEach(function (p) { if (spec(p).valuesChanged) spec(p).valuesChanged(f, p, before, event); });
    if (part && spec(part).changed) spec(part).changed(f, part, event);
    update(f);
  }

  function click(f, event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    var cfg = f.cfg, root = f.root, action = button.getAttribute("data-action");
    var part = partOf(f, button);
    if (PSA.confirmStep(/^clear-part/.test(action) ? button.closest("[data-part]") : root, action, ["clear", "clear-part"])) return;
    if (PSA.importAnswer(root, action)) return;
    if (PSA.leftoverAnswer(root, action, cfg.id)) return;
    if (PSA.conflictAnswer(root, action)) return;
    if (part && spec(part).click && spec(part).click(f, part, action, button)) return;
    if (action === "print-part" || action === "print-part-blank") {
      printPart(f, part.id, action === "print-part-blank");
    } else if (action === "clear-confirm") {
      PSA.clearConflicts(root);
      f.state = { values: {}, records: {}, ticks: {} };
      f.editing = {};
      withDefaults(f);
      writeAll(f);
      reset(f);
      f.saved.write(null);
      // Answers of another version, or a copy set aside, have their own notice and their own choice.
      update(f);
      setText(root.querySelector("[data-message]"), t("form.cleared"));
    } else if (action === "export") {
      var data = Object.assign({ format: FORMAT, tool: cfg.id, title: cfg.title, version: cfg.version,
        exported: new Date().toISOString() }, portable(f, true));
      message(f, null, PSA.files.saveJSON(data, cfg.id + "-" + PSA.today() + ".json"));
      f.kept = JSON.stringify(f.state);
    }
  }

  PSA.define("form", {
    start: function (root) {
      var cfg = config(root);
      var f = { root: root, cfg: cfg, saved: PSA.saved(cfg.storage), state: { values: {}, records: {}, ticks: {} },
        editing: {}, active: {} };
      cfg.parts.forEach(function (p) { if (spec(p).init) spec(p).init(f, p); });
      all(root, "[data-js]").forEach(function (node) { node.hidden = false; });
      all(root, "[data-action='opt-in']").forEach(function (box) { box.checked = f.saved.optedIn(); });
      var read = f.saved.read(), raw = PSA.store.get(cfg.storage.key);
      var result = read.data ? checkData(f, read.data) : null;
      if (result && result.state) {
        f.state = result.state;
        writeAll(f);
        f.saved.synced(read.data, raw);
        PSA.leftovers(root, cfg.storage, result.dropped.length ? { raw: raw, reasons: result.dropped } : null);
      } else if (read.error || result) {
        PSA.leftovers(root, cfg.storage, { raw: raw, reasons: [t(read.error ? "leftover.json" : "leftover.unknown")] });
      } else {
        PSA.leftovers(root, cfg.storage, null);
      }
      if (withDefaults(f)) writeAll(f);
      update(f, true);
      cfg.parts.forEach(function (p) { if (spec(p).started) spec(p).started(f, p); });
      if (!PSA.store.available) setText(root.querySelector("[data-message]"), t("form.storeOff"));
      return f;
    },
    click: click,
    change: change,
    input: function (f, event) {
      if (["text", "date", "number", "textarea", "datetime-local"].indexOf(event.target.type) >= 0) change(f, event);
    },
    keydown: function (f, event) {
      var part = partOf(f, event.target);
      if (part && spec(part).keydown) spec(part).keydown(f, part, event);
    },
    focusout: function (f, event) {
      var part = partOf(f, event.target);
      if (part && spec(part).focusout) spec(part).focusout(f, part, event);
    },
    // A number field under the mouse would change with the scroll wheel; let the page scroll instead.
    wheel: function (f, event) {
      if (event.target.type === "number" && event.target === document.activeElement) event.target.blur();
    },
    storage: function (f, event) {
      if (event.key === f.cfg.storage.key) reloadFromStorage(f, event);
      else if (f.cfg.storage.optin && event.key === f.cfg.storage.optin) optInElsewhere(f);
    },
    pageshow: function (f, event) {
      if (event.persisted) reloadFromStorage(f);
    },
    beforeprint: paperCopies,
    /* Something on screen that this device does not keep (a part without opt-in or never stored, a field that is
     * never stored), not saved as a file or printed since it changed. */
    unsaved: function (f) {
      var cfg = f.cfg, s = f.state;
      // Typed in an entry form but not yet added to the list: lost on leaving, whatever the storage.
      if (cfg.parts.some(function (p) { return spec(p).typed && spec(p).typed(f, p); })) return true;
      if (JSON.stringify(s) === f.kept) return false;
      if (f.saved.failed && hasData(f)) return true; // the last write did not succeed
      var values = Object.keys(s.values).some(function (k) {
        var g = cfg.globals[k.indexOf(NOTE) === 0 ? k.slice(NOTE.length) : k];
        return g && !emptyValue(s.values[k]) && (g.f.store === false || !PSA.store.available || !storable(f, g.part, false));
      });
      return values || cfg.parts.some(function (p) {
        return (s.records[p.id] || []).length > 0 && (!PSA.store.available || !storable(f, p, false));
      });
    },
    // Shared with the part types.
    partEl: partEl,
    readFields: readFields,
    writeFields: writeFields,
    holds: holds,
    activeValues: activeValues,
    applyConditions: applyConditions,
    optionShort: optionShort,
    optionLabel: optionLabel,
    formatValue: formatValue,
    emptyValue: emptyValue,
    numberOf: numberOf,
    groupKey: groupKey,
    fieldErrors: fieldErrors,
    showFieldErrors: showFieldErrors,
    firstInput: firstInput,
    message: message,
    withGlobals: withGlobals,
    checkValues: checkValues,
    checkData: checkData,
    save: save,
    update: update,
    printPart: printPart
  });
});
