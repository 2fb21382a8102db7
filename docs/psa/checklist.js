/* Checklist (overrides/partials/instrument.html): the answers, the live summary, saving in this browser, files
 * and printing. Generic: everything instrument-specific is in the HTML and its data-instrument config.
 * The form is the single source of truth; state is read from it and written to it. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var all = PSA.all, setText = PSA.setText, setHidden = PSA.setHidden, t = PSA.t;
  var FORMAT = "psa-werkboek-antwoorden";

  function emptyState() {
    return { answers: {}, context: {}, agreements: {} };
  }

  function isEmpty(state) {
    return !Object.keys(state.answers).length && !Object.keys(state.context).length &&
      !Object.keys(state.agreements).length;
  }

  function readInput(input) {
    if (input.type === "radio") return input.checked ? input.value : undefined;
    if (input.type === "checkbox") return input.checked ? true : undefined;
    return input.value.trim() ? input.value : undefined;
  }

  function writeInput(input, value) {
    if (input.type === "radio") input.checked = value === input.value;
    else if (input.type === "checkbox") input.checked = value === true;
    else input.value = value === undefined ? "" : value;
  }

  function readState(root) {
    var state = emptyState();
    all(root, "input[data-item]").forEach(function (input) {
      var value = readInput(input);
      if (value === undefined) return;
      var item = input.getAttribute("data-item");
      (state.answers[item] = state.answers[item] || {})[input.getAttribute("data-field")] = value;
    });
    all(root, "input[data-context]").forEach(function (input) {
      var value = readInput(input);
      if (value !== undefined) state.context[input.getAttribute("data-context")] = value;
    });
    all(root, "input[data-agreement]").forEach(function (input) {
      var value = readInput(input);
      if (value === undefined) return;
      var id = input.getAttribute("data-agreement");
      (state.agreements[id] = state.agreements[id] || {})[input.getAttribute("data-part")] = value;
    });
    return state;
  }

  function writeState(root, state) {
    all(root, "input[data-item]").forEach(function (input) {
      var answers = state.answers[input.getAttribute("data-item")] || {};
      writeInput(input, answers[input.getAttribute("data-field")]);
    });
    all(root, "input[data-context]").forEach(function (input) {
      writeInput(input, state.context[input.getAttribute("data-context")]);
    });
    all(root, "input[data-agreement]").forEach(function (input) {
      var parts = state.agreements[input.getAttribute("data-agreement")] || {};
      writeInput(input, parts[input.getAttribute("data-part")]);
    });
    markChosen(root);
  }

  /* Chosen labels get a class (cheaper than :has() on every click); a group with no choice is marked for paper. */
  function markChosen(root) {
    all(root, "input[data-item]").forEach(function (input) {
      var label = input.type === "radio" || input.type === "checkbox" ? input.closest("label") : null;
      if (label && label.classList.contains("is-gekozen") !== input.checked) label.classList.toggle("is-gekozen", input.checked);
    });
    all(root, ".instrument__opties").forEach(function (group) {
      var none = !group.querySelector("input:checked");
      if (group.hasAttribute("data-leeg") !== none) group.toggleAttribute("data-leeg", none);
    });
  }

  function message(inst, text) {
    setText(inst.root.querySelector("[data-message]"), text);
  }

  /* ---- Saving ---- */

  /* True when what the page shows is now what is stored (or nothing is to be stored). A write that fails leaves the
   * last good copy where it is and says so: removing it would lose more. */
  function save(inst) {
    if (!inst.saved.mayStore()) return true;
    var cfg = inst.cfg, state = readState(inst.root);
    var data = { format: FORMAT, instrument: cfg.id, version: cfg.version, saved: new Date().toISOString(),
      answers: state.answers, context: state.context, agreements: state.agreements };
    PSA.settleConflicts(inst.root, state);
    if (inst.root.psaConflict) {
      // The same rule as the decision to store in takeIn: open in both tabs, what is stored stays.
      var last = inst.saved.last();
      data = PSA.keepTheirs(inst.root, data, last ? stateOf(inst, last) : null, last);
      data.open = PSA.openChoices(inst.root);
    } else if (isEmpty(state) && inst.saved.current === null) {
      // Nothing stored yet: nothing to store. Once something was, an emptied list is stored as an empty copy with
      // its revision, so another tab can tell it from a wipe ("Wis" removes the copy).
      data = null;
    }
    // Nothing to store and nothing of this tab's stored: write nothing (a removal would wipe another tab's copy).
    if (data === null && inst.saved.current === null) return true;
    var ok = inst.saved.write(data);
    if (ok) inst.base = data ? { answers: data.answers, context: data.context, agreements: data.agreements } : emptyState();
    else message(inst, t("checklist.notSaved"));
    return ok;
  }

  /* The answers a stored copy holds, checked as a file is (what does not fit is left out here; restore names it). */
  function stateOf(inst, data) {
    var cfg = inst.cfg;
    var result = PSA.isObject(data) ? checkImport(inst, Object.assign({ format: FORMAT, instrument: cfg.id, version: cfg.version }, data)) : { error: true };
    return result.error ? emptyState() : result.state;
  }

  /* The stored copy, checked as strictly as a file. What does not fit is named and set aside (PSA.leftovers), never
   * dropped without a word. */
  function restore(inst) {
    var cfg = inst.cfg, root = inst.root;
    if (!inst.saved.mayStore()) return PSA.leftovers(root, cfg.storage, null);
    var read = inst.saved.read(), raw = PSA.store.get(cfg.storage.key);
    if (read.error || (read.data && !PSA.isObject(read.data))) {
      return PSA.leftovers(root, cfg.storage, { raw: raw, reasons: [t("leftover.json")] });
    }
    if (!read.data) return PSA.leftovers(root, cfg.storage, null);
    var result = checkImport(inst, Object.assign({ format: FORMAT, instrument: cfg.id, version: cfg.version }, read.data));
    if (result.error) return PSA.leftovers(root, cfg.storage, { raw: raw, reasons: [t("leftover.unknown")] });
    writeState(root, result.state);
    inst.base = result.state;
    inst.saved.synced(read.data, raw);
    PSA.leftovers(root, cfg.storage, result.dropped.length ? { raw: raw, reasons: result.dropped } : null);
  }

  /* ---- Another tab saved this list: merge, and ask where both changed the same answer ---- */

  function fromOtherTab(inst, event) {
    var cfg = inst.cfg;
    if (inst.team && cfg.storage.team && event.key === cfg.storage.team) return PSA.module("team").storage(inst, event);
    if (cfg.storage.optin && event.key === cfg.storage.optin) return optInElsewhere(inst);
    if (event.key !== cfg.storage.key || !inst.saved.mayStore()) return;
    if (event.newValue !== null && event.newValue === inst.saved.raw) return; // what this tab has already
    var now = PSA.store.get(cfg.storage.key);
    if (event.newValue === null && now !== null) return; // a removal that a later copy already replaced
    var theirs = emptyState(), data = null;
    if (event.newValue !== null) {
      try { data = JSON.parse(event.newValue); } catch (e) { return; }
      var result = PSA.isObject(data) ? checkImport(inst, Object.assign({ format: FORMAT, instrument: cfg.id, version: cfg.version }, data)) : { error: true };
      if (result.error) return; // the other tab names what it could not read; this one keeps its answers
      theirs = result.state;
    }
    // The common ancestor: the copy the other tab started from, when this tab knows it; else what it last saw.
    var from = inst.saved.ancestor(data);
    var before = inst.saved.raw;
    takeIn(inst, data, theirs, from.known ? (from.data ? stateOf(inst, from.data) : emptyState()) : (inst.base || emptyState()), event.newValue);
    // This tab's own later write had already replaced the copy just taken in: store what the page holds now.
    if (now !== event.newValue && now === before && PSA.store.get(cfg.storage.key) === now) save(inst);
  }

  /* Merges the stored copy `data` (its answers: theirs) into the page, from their common ancestor `base`; shows the
   * answers both changed differently and lets the user choose; stores the result when it holds more than theirs. */
  function takeIn(inst, data, theirs, base, raw) {
    var mine = readState(inst.root);
    var merged = PSA.merge(base, mine, theirs);
    // The merge may hand back theirs' own objects; with a choice open the result is changed in place, so copy it.
    if (inst.root.psaConflict) merged.value = JSON.parse(JSON.stringify(merged.value));
    PSA.refreshConflicts(inst.root, mine, merged.value, theirs, data);
    writeState(inst.root, merged.value);
    inst.saved.synced(data, raw);
    inst.base = theirs;
    update(inst);
    if (merged.conflicts.length) {
      PSA.showConflicts(inst.root, merged.conflicts, function (path, value) { return describe(inst, path, value); },
        function (choice, conflicts) {
          var state = readState(inst.root);
          if (choice === "theirs") conflicts.forEach(function (c) { PSA.setPath(state, c.path, c.theirs); });
          writeState(inst.root, state);
          var kept = save(inst);
          update(inst);
          if (kept) message(inst, t(choice === "theirs" ? "tabs.tookTheirs" : "tabs.keptMine"));
        });
    }
    // Stored only when it adds to theirs: with a choice open, what would be stored is theirs at those answers.
    if (!PSA.same(PSA.keepTheirs(inst.root, merged.value, theirs, data), theirs)) {
      if (save(inst) && !merged.conflicts.length) message(inst, t("tabs.merged"));
    } else if (data === null && !isEmpty(mine)) {
      message(inst, t("tabs.wiped"));
    } else if (!merged.conflicts.length && !PSA.same(mine, merged.value)) {
      message(inst, t("tabs.updated")); // the page changed: say where that came from
    }
  }

  /* "Bewaar" was ticked or unticked in another tab of this list: this tab follows, and says so. Ticked: what this
   * tab holds was never stored, so it joins what the other tab stored (from nothing as the common ancestor). */
  function optInElsewhere(inst) {
    var box = inst.root.querySelector("input[data-action='opt-in']");
    var on = inst.saved.optedIn();
    if (!box || box.checked === on) return;
    box.checked = on;
    if (on) {
      var read = inst.saved.read();
      var data = PSA.isObject(read.data) ? read.data : null;
      takeIn(inst, data, data ? stateOf(inst, data) : emptyState(), emptyState());
    }
    message(inst, t(on ? "tabs.optIn" : "tabs.optOut"));
  }

  /* A path of the state in words: the question (or field) with value null, else the answer as the page shows it. */
  function describe(inst, path, value) {
    var root = inst.root, kind = path[0];
    var clean = function (s) { return window.CSS && CSS.escape ? CSS.escape(String(s)) : String(s).replace(/[^\w.-]/g, ""); };
    if (value === null) {
      var item = kind === "answers" || kind === "agreements" ? inst.cfg.items.filter(function (i) { return i.id === path[1]; })[0] : null;
      var holder = item && root.querySelector("[data-answered-item=\"" + clean(item.id) + "\"]");
      var legend = holder && (holder.querySelector("legend") || holder.querySelector("span"));
      var name = legend ? legend.textContent.trim().replace(/\s+/g, " ") : path.slice(1).join(" ");
      return kind === "agreements" ? name + " (" + path[2] + ")" : name.length > 80 ? name.slice(0, 80) + "…" : name;
    }
    if (value === undefined || value === "") return t("tabs.empty");
    if (value === true) return t("checklist.ticked");
    if (kind === "answers") {
      var input = root.querySelector("input[data-item=\"" + clean(path[1]) + "\"][data-field=\"" + clean(path[2]) + "\"][value=\"" + clean(value) + "\"]");
      var label = input && input.closest("label");
      if (label) return label.textContent.trim();
    }
    return String(value);
  }

  /* ---- Summary: the declared rules, evaluated as hooks/instruments/summary.py does (a test compares them) ---- */

  function valueMatches(value, allowed) {
    return allowed.indexOf(value === undefined ? false : value) >= 0 ||
      (value === undefined && allowed.indexOf(null) >= 0);
  }

  function answered(values) {
    return Object.keys(values || {}).length > 0;
  }

  function matches(item, values, where) {
    for (var name in where) {
      if (!Object.prototype.hasOwnProperty.call(where, name)) continue;
      var rule = where[name];
      if (name === "category") {
        if (rule.indexOf(item.category) < 0) return false;
      } else if (name === "group") {
        if (rule.indexOf(item.group) < 0) return false;
      } else if (name === "tags") {
        for (var tag in rule) if ((item.tags || {})[tag] !== rule[tag]) return false;
      } else if (name === "answered") {
        if (answered(values) !== rule) return false;
      } else {
        var value = (values || {})[name];
        if (typeof rule[0] === "boolean") value = value === true;
        if (!valueMatches(value, rule)) return false;
      }
    }
    return true;
  }

  function optionLabel(root, item, field, value) {
    if (value === true) return t("checklist.ticked");
    var inputs = all(root, "input[type='radio'][data-item][data-field='" + field + "']");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].getAttribute("data-item") === item && inputs[i].value === value) {
        return inputs[i].closest("label").textContent.trim();
      }
    }
    return value;
  }

  /* Block rules are parsed once per element. */
  function rule(inst, el, name) {
    var rules = inst.rules.get(el) || {};
    if (!(name in rules)) rules[name] = PSA.json(el, name);
    inst.rules.set(el, rules);
    return rules[name];
  }

  var SUMMARY = {
    count: function (inst, block, answers) {
      var where = rule(inst, block, "data-where");
      var total = rule(inst, block, "data-total");
      all(block, "[data-group-row]").forEach(function (row) {
        var group = row.getAttribute("data-group-row");
        var n = 0, of = 0;
        inst.cfg.items.forEach(function (item) {
          if (group && item.group !== group) return;
          var values = answers[item.id];
          if (matches(item, values, total)) {
            of++;
            if (matches(item, values, where)) n++;
          }
        });
        setText(row.querySelector("[data-n]"), n);
        setText(row.querySelector("[data-total]"), of);
      });
    },
    tally: function (inst, block, answers) {
      var field = block.getAttribute("data-field");
      var where = rule(inst, block, "data-where");
      var counts = {};
      inst.cfg.items.forEach(function (item) {
        if (!matches(item, answers[item.id], where)) return;
        var value = (answers[item.id] || {})[field] || "";
        counts[value] = (counts[value] || 0) + 1;
      });
      all(block, "[data-option]").forEach(function (cell) {
        setText(cell, counts[cell.getAttribute("data-option")] || 0);
      });
    },
    list: function (inst, block, answers) {
      var alternatives = rule(inst, block, "data-where");
      var orderBy = block.getAttribute("data-order-by");
      var list = block.querySelector("ol");
      var byId = {};
      inst.cfg.items.forEach(function (item, index) { byId[item.id] = { item: item, index: index }; });
      var rows = all(list, "li[data-item]").map(function (li) {
        var entry = byId[li.getAttribute("data-item")];
        var values = answers[entry.item.id] || {};
        var alt = -1;
        for (var a = 0; a < alternatives.length && alt < 0; a++) {
          if (matches(entry.item, values, alternatives[a])) alt = a;
        }
        var rank = alt >= 0 && orderBy ? (alternatives[alt][orderBy] || []).indexOf(values[orderBy]) : 0;
        return { li: li, alt: alt, rank: rank, index: entry.index, values: values };
      });
      rows.sort(function (x, y) {
        return (x.alt < 0) - (y.alt < 0) || x.alt - y.alt || x.rank - y.rank || x.index - y.index;
      });
      var shown = 0;
      // Only the rows out of place move: one answer moves one row, and the browser lays out that row, not the list.
      var next = list.firstElementChild;
      rows.forEach(function (row) {
        setHidden(row.li, row.alt < 0);
        if (row.alt >= 0) shown++;
        if (next === row.li) next = next.nextElementSibling;
        else list.insertBefore(row.li, next);
        all(row.li, "[data-show]").forEach(function (span) {
          var name = span.getAttribute("data-show");
          var value = row.values[name];
          setText(span, value === undefined ? "–" : optionLabel(inst.root, row.li.getAttribute("data-item"), name, value));
        });
      });
      setHidden(list, shown === 0);
      setHidden(block.querySelector("[data-empty]"), shown > 0);
    }
  };

  function update(inst) {
    var root = inst.root, cfg = inst.cfg;
    var answers = readState(root).answers;
    all(root, "input[data-context]").forEach(function (input) {
      var holder = input.closest(".instrument__contextveld");
      if (holder && holder.hasAttribute("data-leeg") !== !input.value) holder.toggleAttribute("data-leeg", !input.value);
    });
    markChosen(root);
    all(root, "[data-answered-item]").forEach(function (el) {
      PSA.setAttr(el, "data-answered", answered(answers[el.getAttribute("data-answered-item")]) ? "1" : "0");
    });
    setHidden(root.querySelector("[data-summary]"), root.getAttribute("data-mode") === "team");
    var remaining = cfg.items.filter(function (item) { return !answered(answers[item.id]); }).length;
    var waiting = root.querySelector("[data-waiting]");
    if (waiting) {
      var show = remaining === 0 || inst.revealed;
      setHidden(waiting, show);
      setHidden(root.querySelector("[data-blocks]"), !show);
      setText(waiting.querySelector("[data-remaining]"), String(remaining));
      if (!show) return;
    }
    all(root, "[data-block]").forEach(function (block) {
      SUMMARY[block.getAttribute("data-block")](inst, block, answers);
    });
  }

  /* The view that is showing: the team view when team mode is on, otherwise this person's summary. */
  function refresh(inst) {
    if (inst.team && inst.root.getAttribute("data-mode") === "team") PSA.module("team").update(inst);
    else update(inst);
  }

  /* ---- Files ---- */

  /* The inputs of the agreements, by point and part: compared in script, because ids from a file may hold any
   * character and must never become part of a CSS selector. */
  function agreementInputs(root) {
    var out = Object.create(null);
    all(root, "input[data-agreement]").forEach(function (input) {
      var id = input.getAttribute("data-agreement");
      (out[id] = out[id] || Object.create(null))[input.getAttribute("data-part")] = input;
    });
    return out;
  }

  /* A context field's label as the page shows it, for messages. */
  function contextLabel(root, id) {
    var input = all(root, "input[data-context]").filter(function (i) { return i.getAttribute("data-context") === id; })[0];
    var label = input && input.labels && input.labels[0];
    return label ? label.textContent.trim().replace(/\s+/g, " ") : id;
  }

  var AGREEMENT_MAX = 500; // the same limit as for team files: a line of a plan, not a document

  /* Checks a parsed file against this instrument: {error} or {state, dropped: [descriptions], note}. */
  function checkImport(inst, data) {
    var cfg = inst.cfg, own = PSA.own, q = PSA.quote;
    if (!PSA.isObject(data) || data.format !== FORMAT || typeof data.instrument !== "string") {
      return { error: t("checklist.import.foreign") };
    }
    if (data.instrument !== cfg.id) {
      return { error: t("checklist.import.other", { title: q(typeof data.title === "string" ? data.title : data.instrument, 80) }) };
    }
    var version = PSA.checkVersion(data.version);
    if (version) return { error: version };
    if (!PSA.isObject(data.answers)) return { error: t("file.damaged", { what: t("checklist.import.answers") }) };
    if (own(data, "context") && !PSA.isObject(data.context)) return { error: t("file.damaged", { what: t("checklist.import.context") }) };
    if (own(data, "agreements") && !PSA.isObject(data.agreements)) {
      return { error: t("file.damaged", { what: t("checklist.import.agreements") }) };
    }
    var fields = {}, items = {}, contexts = {};
    cfg.fields.forEach(function (f) { fields[f.id] = f; });
    cfg.context.forEach(function (f) { contexts[f.id] = f; });
    cfg.items.forEach(function (item) { items[item.id] = item; });
    var state = emptyState(), dropped = [];
    function valid(f, value) {
      if (f.type === "choice") return typeof value === "string" && f.options.indexOf(value) >= 0;
      if (f.type === "check") return value === true;
      if (f.type === "date") return PSA.validDate(value, false, cfg.files.years);
      return typeof value === "string" && value.length <= 20000;
    }
    Object.keys(data.answers).forEach(function (itemId) {
      var values = data.answers[itemId];
      if (!own(items, itemId) || !PSA.isObject(values)) return dropped.push(t("checklist.import.noItem", { item: q(itemId) }));
      Object.keys(values).forEach(function (fieldId) {
        if (own(fields, fieldId) && valid(fields[fieldId], values[fieldId])) {
          (state.answers[itemId] = state.answers[itemId] || {})[fieldId] = values[fieldId];
        } else {
          dropped.push(t("checklist.import.badAnswer", { item: q(itemId),
            value: values[fieldId] === true ? t("checklist.import.ticked") : q(values[fieldId]) }));
        }
      });
    });
    Object.keys(PSA.isObject(data.context) ? data.context : {}).forEach(function (id) {
      var value = data.context[id];
      if (own(contexts, id) && valid(contexts[id], value)) state.context[id] = value;
      else if (!own(contexts, id)) dropped.push(t("checklist.import.badContext", { id: q(id) }));
      else {
        dropped.push("‘" + contextLabel(inst.root, id) + "’: " +
          (contexts[id].type === "date" ? PSA.dateProblem(value, false, cfg.files.years) : t("checklist.import.notText", { value: q(value) })));
      }
    });
    var inputs = agreementInputs(inst.root);
    Object.keys(PSA.isObject(data.agreements) ? data.agreements : {}).forEach(function (id) {
      var parts = data.agreements[id];
      if (!own(inputs, id) || !PSA.isObject(parts)) return dropped.push(t("checklist.import.badAgreement", { id: q(id) }));
      Object.keys(parts).forEach(function (part) {
        var value = parts[part];
        if (own(inputs[id], part) && typeof value === "string" && value.length <= AGREEMENT_MAX) {
          (state.agreements[id] = state.agreements[id] || {})[part] = value;
        } else {
          dropped.push(t("checklist.import.badAgreementPart", { id: q(id), part: q(part), value: q(value) }));
        }
      });
    });
    return { state: state, dropped: dropped,
      note: data.version !== cfg.version ? t("checklist.import.older", { version: data.version, current: cfg.version }) : "" };
  }

  function fileTool(inst) {
    return {
      kind: "checklist",
      say: function (text) { message(inst, text); },
      check: function (data) { return checkImport(inst, data); },
      hasData: function () { return !isEmpty(readState(inst.root)); },
      snapshot: function () {
        var before = readState(inst.root), raw = PSA.store.get(inst.cfg.storage.key);
        return function () {
          writeState(inst.root, before);
          if (raw === null) PSA.store.remove(inst.cfg.storage.key);
          else PSA.store.set(inst.cfg.storage.key, raw);
          update(inst);
        };
      },
      apply: function (state) {
        PSA.clearConflicts(inst.root);
        writeState(inst.root, state);
        var kept = save(inst);
        update(inst);
        return t("checklist.import.done", { count: Object.keys(state.answers).length }) +
          (kept ? "" : " " + t("checklist.notSaved"));
      }
    };
  }

  function exportFile(inst) {
    var cfg = inst.cfg, state = readState(inst.root);
    inst.kept = JSON.stringify(state);
    message(inst, PSA.files.saveJSON({ format: FORMAT, instrument: cfg.id, title: cfg.title, version: cfg.version,
      exported: new Date().toISOString(), answers: state.answers, context: state.context,
      agreements: state.agreements }, cfg.id + "-" + PSA.today() + ".json"));
  }

  /* ---- Printing ---- */

  function stamp(root) {
    PSA.paperCopies(root, "input[type='text'], input[type='date']", "instrument__papier");
    all(root, "details").forEach(function (details) { details.open = true; });
    PSA.printedOn(root);
  }

  function print(inst, blank, teamReport) {
    var root = inst.root, state = readState(root);
    if (!blank) inst.kept = JSON.stringify(state); // on paper now
    stamp(root);
    if (blank) {
      writeState(root, emptyState());
      PSA.paperCopies(root, "input[type='text'], input[type='date']", "instrument__papier");
    }
    var attributes = {};
    if (blank) attributes["data-print-blank"] = "";
    if (teamReport) attributes["data-print-team"] = "";
    PSA.printOnly(root, attributes, function () {
      if (blank) {
        writeState(root, state);
        PSA.paperCopies(root, "input[type='text'], input[type='date']", "instrument__papier");
      }
      refresh(inst);
    });
  }

  /* ---- Events ---- */

  function optIn(inst, box) {
    if (!PSA.store.available) {
      box.checked = false;
      return message(inst, t("store.off"));
    }
    if (!box.checked) {
      inst.saved.setOptIn(false);
      PSA.store.removeVersions(inst.cfg.id);
      if (inst.cfg.storage.metingen) PSA.store.remove(inst.cfg.storage.metingen); // its measurements go too
      inst.saved.forget();
      return message(inst, t("checklist.optOut"));
    }
    if (!inst.saved.setOptIn(true) || !save(inst)) {
      inst.saved.setOptIn(false);
      box.checked = false;
      return message(inst, t("store.full.optIn"));
    }
    message(inst, t("checklist.optIn"));
  }

  function change(inst, event) {
    var target = event.target, action = target.getAttribute("data-action");
    if (target.closest("[data-team]") || action === "team-import") return PSA.module("team").change(inst, event);
    if (action === "import") return PSA.importFile(inst.root, target, fileTool(inst));
    if (action === "opt-in") return optIn(inst, target);
    save(inst);
    update(inst);
    if (inst.team) PSA.module("team").answersChanged(inst);
  }

  function click(inst, event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    var root = inst.root, action = button.getAttribute("data-action");
    if (action === "to-plan") return PSA.module("inbox").add(inst.plan, button);
    if (PSA.confirmStep(root, action, ["clear", "team-clear"])) return;
    if (PSA.importAnswer(root, action)) return;
    if (PSA.leftoverAnswer(root, action, inst.cfg.id)) return;
    if (PSA.conflictAnswer(root, action)) return;
    if (action === "print") print(inst, false);
    else if (action === "print-blank") print(inst, true);
    else if (action === "export") exportFile(inst);
    else if (action === "reveal") {
      inst.revealed = true;
      update(inst);
      root.querySelector("[data-summary] [tabindex='-1']").focus();
    } else if (action === "clear-confirm") {
      PSA.clearConflicts(root);
      writeState(root, emptyState());
      inst.saved.write(null);
      if (inst.team) PSA.module("team").answersCleared(inst);
      // Answers of another version, or a copy set aside, have their own notice and their own choice.
      inst.revealed = false;
      update(inst);
      message(inst, t("checklist.cleared"));
    } else if (inst.team) {
      PSA.module("team").click(inst, action, button);
    }
  }

  PSA.define("checklist", {
    start: function (root) {
      var cfg = PSA.json(root, "data-instrument");
      var inst = { root: root, cfg: cfg, saved: PSA.saved(cfg.storage), rules: new WeakMap(), revealed: false,
        team: !!cfg.team, plan: root.hasAttribute("data-plan-target") ? PSA.json(root, "data-plan-target") : null };
      root.querySelector(".instrument__acties").hidden = false;
      var box = root.querySelector("[data-action='opt-in']");
      if (box) box.checked = inst.saved.optedIn();
      restore(inst);
      update(inst);
      if (inst.team) PSA.module("team").start(inst);
      if (!PSA.store.available) message(inst, t("checklist.storeOff"));
      return inst;
    },
    click: click,
    change: change,
    input: function (inst, event) {
      if (["text", "date", "number", "textarea"].indexOf(event.target.type) >= 0) change(inst, event);
    },
    beforeprint: function (inst) { stamp(inst.root); },
    storage: fromOtherTab,
    /* Answers on screen that are not kept on this device, nor saved as a file or printed since they changed. */
    unsaved: function (inst) {
      if (inst.saved.mayStore() && !inst.saved.failed) return false;
      var state = readState(inst.root);
      return !isEmpty(state) && JSON.stringify(state) !== inst.kept;
    },
    // For tests and for the team view: the same reading and rules as the page uses.
    readState: readState,
    writeState: writeState,
    update: update,
    refresh: refresh,
    print: print,
    matches: matches,
    emptyState: emptyState
  });
});
