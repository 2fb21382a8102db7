/* Checklists of the PSA-werkboek: live summary, saving in this browser, export/import and printing.
 * Generic: everything instrument-specific is in the HTML (rendered from YAML) and its data-* attributes.
 * A classic script, so it also runs from file://; it works with and without Material's instant navigation. */
(function () {
  "use strict";

  var PREFIX = "psa-werkboek:";
  var FORMAT = "psa-werkboek-antwoorden";
  var pendingImport = {};

  var storage = (function () {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  })();

  function config(root) {
    if (!root._config) root._config = JSON.parse(root.getAttribute("data-instrument"));
    return root._config;
  }

  function key(cfg) {
    return PREFIX + cfg.id + ":v" + cfg.version;
  }

  function optInKey(cfg) {
    return PREFIX + cfg.id + ":bewaren";
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  /* ---- State: the form is the single source of truth; state is read from it and written to it. ---- */

  function readInput(input) {
    if (input.type === "radio") return input.checked ? input.value : undefined;
    if (input.type === "checkbox") return input.checked ? true : undefined;
    return input.value.trim() ? input.value : undefined;
  }

  function readState(root) {
    var state = { answers: {}, context: {}, agreements: {} };
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

  function writeInput(input, value) {
    if (input.type === "radio") input.checked = value === input.value;
    else if (input.type === "checkbox") input.checked = value === true;
    else input.value = value === undefined ? "" : value;
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
  }

  function emptyState() {
    return { answers: {}, context: {}, agreements: {} };
  }

  function isEmpty(state) {
    return !Object.keys(state.answers).length && !Object.keys(state.context).length &&
      !Object.keys(state.agreements).length;
  }

  /* ---- Saving ---- */

  function mayStore(root) {
    var cfg = config(root);
    if (!storage) return false;
    return !cfg.sensitive || storage.getItem(optInKey(cfg)) === "ja";
  }

  function save(root) {
    var cfg = config(root);
    if (!mayStore(root)) return;
    var state = readState(root);
    try {
      if (isEmpty(state)) storage.removeItem(key(cfg));
      else storage.setItem(key(cfg), JSON.stringify({ format: FORMAT, instrument: cfg.id, version: cfg.version,
        saved: new Date().toISOString(), answers: state.answers, context: state.context,
        agreements: state.agreements }));
    } catch (e) {
      message(root, "Uw antwoorden kunnen op dit apparaat niet worden bewaard: de opslag van de browser is vol " +
        "of staat uit. U kunt gewoon verder invullen, afdrukken of een bestand opslaan.");
    }
  }

  function restore(root) {
    if (!mayStore(root)) return;
    var raw = storage.getItem(key(config(root)));
    if (!raw) return;
    try {
      var saved = JSON.parse(raw);
      writeState(root, { answers: saved.answers || {}, context: saved.context || {},
        agreements: saved.agreements || {} });
    } catch (e) {
      message(root, "Eerder bewaarde antwoorden konden niet worden gelezen. U begint met een lege lijst.");
    }
  }

  /* ---- Summary ---- */

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
    if (value === true) return "ja";
    var inputs = all(root, "input[type='radio'][data-item][data-field='" + field + "']");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].getAttribute("data-item") === item && inputs[i].value === value) {
        return inputs[i].closest("label").textContent.trim();
      }
    }
    return value;
  }

  function setText(el, text) {
    if (el && el.textContent !== String(text)) el.textContent = text;
  }

  /* Block rules are parsed once per element. */
  function rule(el, name) {
    el._rules = el._rules || {};
    if (!(name in el._rules)) el._rules[name] = JSON.parse(el.getAttribute(name));
    return el._rules[name];
  }

  function setAttr(el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  function setHidden(el, hidden) {
    if (el && el.hidden !== hidden) el.hidden = hidden;
  }

  function updateCount(block, cfg, answers) {
    var where = rule(block, "data-where");
    var total = rule(block, "data-total");
    all(block, "[data-group-row]").forEach(function (row) {
      var group = row.getAttribute("data-group-row");
      var n = 0, t = 0;
      cfg.items.forEach(function (item) {
        if (group && item.group !== group) return;
        var values = answers[item.id];
        if (matches(item, values, total)) {
          t++;
          if (matches(item, values, where)) n++;
        }
      });
      setText(row.querySelector("[data-n]"), n);
      setText(row.querySelector("[data-total]"), t);
    });
  }

  function updateTally(block, cfg, answers) {
    var field = block.getAttribute("data-field");
    var where = rule(block, "data-where");
    var counts = {};
    cfg.items.forEach(function (item) {
      if (!matches(item, answers[item.id], where)) return;
      var value = (answers[item.id] || {})[field] || "";
      counts[value] = (counts[value] || 0) + 1;
    });
    all(block, "[data-option]").forEach(function (cell) {
      setText(cell, counts[cell.getAttribute("data-option")] || 0);
    });
  }

  function updateList(root, block, cfg, answers) {
    var alternatives = rule(block, "data-where");
    var orderBy = block.getAttribute("data-order-by");
    var list = block.querySelector("ol");
    var byId = {};
    cfg.items.forEach(function (item, index) { byId[item.id] = { item: item, index: index }; });
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
    var current = list.children;
    var inOrder = rows.every(function (row, n) { return current[n] === row.li; });
    rows.forEach(function (row) {
      setHidden(row.li, row.alt < 0);
      if (row.alt >= 0) shown++;
      if (!inOrder) list.appendChild(row.li);
      all(row.li, "[data-show]").forEach(function (span) {
        var name = span.getAttribute("data-show");
        var value = row.values[name];
        setText(span, value === undefined ? "–" : optionLabel(root, row.li.getAttribute("data-item"), name, value));
      });
    });
    setHidden(list, shown === 0);
    setHidden(block.querySelector("[data-empty]"), shown > 0);
  }

  function update(root) {
    var cfg = config(root);
    var state = readState(root);
    var answers = state.answers;
    all(root, "input[data-context]").forEach(function (input) {
      var holder = input.closest(".instrument__contextveld");
      if (holder && holder.hasAttribute("data-leeg") !== !input.value) holder.toggleAttribute("data-leeg", !input.value);
    });
    all(root, "input[data-item]").forEach(function (input) {
      var label = input.type === "radio" || input.type === "checkbox" ? input.closest("label") : null;
      if (label && label.classList.contains("is-gekozen") !== input.checked) label.classList.toggle("is-gekozen", input.checked);
    });
    all(root, "[data-answered-item]").forEach(function (el) {
      setAttr(el, "data-answered", answered(answers[el.getAttribute("data-answered-item")]) ? "1" : "0");
    });
    setHidden(root.querySelector("[data-summary]"), false);
    var remaining = cfg.items.filter(function (item) { return !answered(answers[item.id]); }).length;
    var waiting = root.querySelector("[data-waiting]");
    var blocks = root.querySelector("[data-blocks]");
    if (waiting) {
      var show = remaining === 0 || root._revealed;
      setHidden(waiting, show);
      setHidden(blocks, !show);
      setText(waiting.querySelector("[data-remaining]"), remaining === 1 ? "1 vraag" : remaining + " vragen");
      if (!show) return;
    }
    all(root, "[data-block]").forEach(function (block) {
      var type = block.getAttribute("data-block");
      if (type === "count") updateCount(block, cfg, answers);
      else if (type === "tally") updateTally(block, cfg, answers);
      else if (type === "list") updateList(root, block, cfg, answers);
    });
  }

  /* ---- Messages, export, import ---- */

  function message(root, text) {
    setText(root.querySelector("[data-message]"), text);
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  function exportFile(root) {
    var cfg = config(root);
    var state = readState(root);
    var data = { format: FORMAT, instrument: cfg.id, title: cfg.title, version: cfg.version,
      exported: new Date().toISOString(), answers: state.answers, context: state.context,
      agreements: state.agreements };
    var blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = cfg.id + "-" + today() + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    message(root, "Uw antwoorden staan in het bestand " + a.download + ".");
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* Checks a parsed file against this instrument. Returns {error} or {state, dropped: [descriptions]}. */
  function checkImport(root, data) {
    var cfg = config(root);
    if (!isObject(data) || data.format !== FORMAT || !isObject(data.answers)) {
      return { error: "Dit bestand is geen antwoordbestand van het PSA-werkboek. Uw antwoorden zijn niet veranderd." };
    }
    if (data.instrument !== cfg.id) {
      return { error: "Dit bestand hoort bij ‘" + (data.title || data.instrument) + "’, niet bij deze lijst. " +
        "Open het op de pagina van die lijst. Uw antwoorden zijn niet veranderd." };
    }
    var fields = {}, items = {}, contexts = {};
    cfg.fields.forEach(function (f) { fields[f.id] = f; });
    cfg.context.forEach(function (f) { contexts[f.id] = f; });
    cfg.items.forEach(function (item) { items[item.id] = item; });
    var state = emptyState(), dropped = [];
    function valid(f, value) {
      if (f.type === "choice") return f.options.indexOf(value) >= 0;
      if (f.type === "check") return value === true;
      return typeof value === "string";
    }
    Object.keys(data.answers).forEach(function (itemId) {
      var values = data.answers[itemId];
      if (!items[itemId] || !isObject(values)) {
        dropped.push("vraag " + itemId + " bestaat niet meer");
        return;
      }
      Object.keys(values).forEach(function (fieldId) {
        if (fields[fieldId] && valid(fields[fieldId], values[fieldId])) {
          (state.answers[itemId] = state.answers[itemId] || {})[fieldId] = values[fieldId];
        } else {
          dropped.push("vraag " + itemId + ": antwoord ‘" + values[fieldId] + "’ bestaat niet meer");
        }
      });
    });
    Object.keys(isObject(data.context) ? data.context : {}).forEach(function (id) {
      if (contexts[id] && valid(contexts[id], data.context[id])) state.context[id] = data.context[id];
      else dropped.push("gegeven ‘" + id + "’ bestaat niet meer");
    });
    Object.keys(isObject(data.agreements) ? data.agreements : {}).forEach(function (id) {
      var parts = data.agreements[id];
      var exists = root.querySelector("input[data-agreement='" + id.replace(/'/g, "") + "']");
      if (exists && isObject(parts)) state.agreements[id] = parts;
      else dropped.push("afspraak bij " + id + " hoort nergens meer bij");
    });
    return { state: state, dropped: dropped, older: data.version !== cfg.version, version: data.version };
  }

  function applyImport(root, result) {
    writeState(root, result.state);
    save(root);
    update(root);
    var count = Object.keys(result.state.answers).length;
    message(root, "Antwoorden uit het bestand overgenomen: " + count + (count === 1 ? " vraag." : " vragen."));
  }

  function importFile(root, input) {
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try {
        data = JSON.parse(reader.result);
      } catch (e) {
        message(root, "Dit bestand kunnen we niet lezen: het is beschadigd of het is geen antwoordbestand. " +
          "Uw antwoorden zijn niet veranderd.");
        return;
      }
      var result = checkImport(root, data);
      if (result.error) {
        message(root, result.error);
        return;
      }
      if (!result.dropped.length && !result.older) {
        applyImport(root, result);
        return;
      }
      pendingImport[config(root).id] = result;
      var box = root.querySelector("[data-confirm='import']");
      setText(box.querySelector("[data-import-problems]"), (result.older ?
        "Dit bestand komt uit een andere versie van deze lijst (versie " + result.version + "; deze pagina heeft versie " +
        config(root).version + "). " : "") +
        (result.dropped.length ? "Niet alles uit het bestand past bij deze lijst. Dit nemen we niet over:" :
          "Alle antwoorden passen nog bij deze lijst.") +
        " Uw huidige antwoorden blijven staan tot u kiest.");
      var list = box.querySelector("[data-import-list]");
      list.textContent = "";
      result.dropped.forEach(function (text) {
        var li = document.createElement("li");
        li.textContent = text;
        list.appendChild(li);
      });
      box.hidden = false;
      box.querySelector("[data-action='import-confirm']").focus();
    };
    reader.onerror = function () {
      message(root, "Dit bestand kon niet worden geopend. Uw antwoorden zijn niet veranderd.");
    };
    reader.readAsText(file);
  }

  /* ---- Printing ---- */

  function stamp(root) {
    var d = new Date();
    setText(root.querySelector("[data-printed]"), "Afgedrukt op " + d.toLocaleDateString("nl-NL",
      { day: "numeric", month: "long", year: "numeric" }));
  }

  function print(root, blank) {
    var state = readState(root);
    stamp(root);
    document.body.setAttribute("data-print-instrument", root.id);
    root.classList.add("instrument--printing");
    if (blank) {
      document.body.setAttribute("data-print-blank", "");
      writeState(root, emptyState());
    }
    try {
      window.print();
    } finally {
      if (blank) {
        writeState(root, state);
        document.body.removeAttribute("data-print-blank");
      }
      document.body.removeAttribute("data-print-instrument");
      root.classList.remove("instrument--printing");
      update(root);
    }
  }

  /* ---- Wiring ---- */

  function init(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var cfg = config(root);
    root.querySelector(".instrument__acties").hidden = false;
    var optIn = root.querySelector("[data-action='opt-in']");
    if (optIn) optIn.checked = !!storage && storage.getItem(optInKey(cfg)) === "ja";
    restore(root);
    update(root);
    if (!storage) {
      message(root, "Uw antwoorden kunnen op dit apparaat niet worden bewaard: de opslag van de browser staat uit. " +
        "U kunt gewoon invullen, afdrukken of een bestand opslaan.");
    }
  }

  function rootOf(el) {
    return el && el.closest ? el.closest("section.instrument[data-ready]") : null;
  }

  function onChange(event) {
    var root = rootOf(event.target);
    if (!root) return;
    var action = event.target.getAttribute("data-action");
    if (action === "import") {
      importFile(root, event.target);
    } else if (action === "opt-in") {
      var cfg = config(root);
      if (!storage) {
        event.target.checked = false;
        message(root, "Bewaren kan niet: de opslag van de browser staat uit.");
      } else if (event.target.checked) {
        storage.setItem(optInKey(cfg), "ja");
        save(root);
        message(root, "Uw antwoorden worden nu bewaard op dit apparaat.");
      } else {
        storage.removeItem(optInKey(cfg));
        storage.removeItem(key(cfg));
        message(root, "Uw antwoorden worden niet meer bewaard. Wat bewaard was, is gewist.");
      }
    } else {
      save(root);
      update(root);
    }
  }

  function onClick(event) {
    var button = event.target.closest && event.target.closest("button[data-action]");
    var root = rootOf(button);
    if (!root) return;
    var action = button.getAttribute("data-action");
    var clearBox = root.querySelector("[data-confirm='clear']");
    var importBox = root.querySelector("[data-confirm='import']");
    if (action === "print") print(root, false);
    else if (action === "print-blank") print(root, true);
    else if (action === "export") exportFile(root);
    else if (action === "reveal") {
      root._revealed = true;
      update(root);
    } else if (action === "clear") {
      clearBox.hidden = false;
      clearBox.querySelector("[data-action='clear-cancel']").focus();
    } else if (action === "clear-cancel") {
      clearBox.hidden = true;
      root.querySelector("[data-action='clear']").focus();
    } else if (action === "clear-confirm") {
      writeState(root, emptyState());
      if (storage) storage.removeItem(key(config(root)));
      root._revealed = false;
      clearBox.hidden = true;
      update(root);
      message(root, "Uw antwoorden zijn gewist.");
      root.querySelector("[data-action='clear']").focus();
    } else if (action === "import-confirm") {
      importBox.hidden = true;
      applyImport(root, pendingImport[config(root).id]);
      delete pendingImport[config(root).id];
    } else if (action === "import-cancel") {
      importBox.hidden = true;
      delete pendingImport[config(root).id];
      message(root, "Het bestand is niet overgenomen. Uw antwoorden zijn niet veranderd.");
    }
  }

  function initAll() {
    all(document, "section.instrument[data-instrument]").forEach(init);
  }

  document.addEventListener("change", onChange);
  document.addEventListener("input", function (event) {
    if (event.target.type === "text" || event.target.type === "date") onChange(event);
  });
  document.addEventListener("click", onClick);
  window.addEventListener("beforeprint", function () {
    all(document, "section.instrument[data-ready]").forEach(stamp);
  });

  /* Material's document$ emits on every page view with instant navigation; on file:// it completes without
   * emitting, and without Material it does not exist. */
  function onEveryPage(fn) {
    function whenReady() {
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn, { once: true });
      else fn();
    }
    if (typeof window.document$ === "undefined") return whenReady();
    var emitted = false;
    window.document$.subscribe({
      next: function () { emitted = true; fn(); },
      complete: function () { if (!emitted) whenReady(); }
    });
  }

  onEveryPage(initAll);

  window.PSAInstrument = { readState: readState, writeState: writeState, checkImport: checkImport, update: update };
})();
