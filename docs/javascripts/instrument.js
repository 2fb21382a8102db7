/* Checklists of the PSA-werkboek: live summary, saving in this browser, export/import and printing.
 * Generic: everything instrument-specific is in the HTML (rendered from YAML) and its data-* attributes.
 * A classic script, so it also runs from file://; it works with and without Material's instant navigation. */
(function () {
  "use strict";

  var PREFIX = "psa-werkboek:";
  var FORMAT = "psa-werkboek-antwoorden";
  var pendingImport = {};

  /* localStorage may be switched off (reading throws) or full (writing throws): every call is guarded. */
  var storage = (function () {
    try {
      window.localStorage.getItem(PREFIX + "probe");
    } catch (e) {
      return null;
    }
    var ls = window.localStorage;
    return {
      getItem: function (k) { try { return ls.getItem(k); } catch (e) { return null; } },
      setItem: function (k, v) { try { ls.setItem(k, v); return true; } catch (e) { return false; } },
      removeItem: function (k) { try { ls.removeItem(k); } catch (e) { /* nothing to remove */ } },
      removeAnswers: function (cfg) {
        // Every version's answers of this instrument, not its team data or settings.
        var start = PREFIX + cfg.id + ":v";
        storedKeys().forEach(function (k) {
          if (k.indexOf(start) === 0 && /^\d+$/.test(k.slice(start.length))) this.removeItem(k);
        }, this);
      }
    };
  })();

  function own(object, name) {
    return Object.prototype.hasOwnProperty.call(object, name) && ["__proto__", "constructor", "prototype"].indexOf(name) < 0;
  }

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
    writeInputs(root, state);
    markChosen(root);
  }

  function writeInputs(root, state) {
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

  /* On paper a text field shows its whole value (an input would cut it off). */
  function copyValuesForPaper(root, selector, className) {
    className = className || "instrument__papier";
    all(root, selector || "input[type='text'], input[type='date']").forEach(function (input) {
      var copy = input.nextElementSibling;
      if (!copy || !copy.classList.contains(className)) {
        copy = document.createElement("span");
        copy.className = className;
        copy.setAttribute("aria-hidden", "true");
        if (input.style.getPropertyValue("--regels")) copy.style.setProperty("--regels", input.style.getPropertyValue("--regels"));
        input.after(copy);
      }
      var v = input.value;
      var p = (input.type === "date" || input.type === "datetime-local") && parseLocal(v);
      setText(copy, p ? formatDate(new Date(p.y, p.m, p.d, p.hh, p.mm), p.time) : v);
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
    if (isEmpty(state)) {
      storage.removeItem(key(cfg));
    } else if (!storage.setItem(key(cfg), JSON.stringify({ format: FORMAT, instrument: cfg.id, version: cfg.version,
        saved: new Date().toISOString(), answers: state.answers, context: state.context,
        agreements: state.agreements }))) {
      storage.removeItem(key(cfg)); // an older copy must not come back after a reload
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
    markChosen(root);
    all(root, "[data-answered-item]").forEach(function (el) {
      setAttr(el, "data-answered", answered(answers[el.getAttribute("data-answered-item")]) ? "1" : "0");
    });
    setHidden(root.querySelector("[data-summary]"), root.getAttribute("data-mode") === "team");
    var remaining = cfg.items.filter(function (item) { return !answered(answers[item.id]); }).length;
    var waiting = root.querySelector("[data-waiting]");
    var blocks = root.querySelector("[data-blocks]");
    if (waiting) {
      var show = remaining === 0 || root._revealed;
      setHidden(waiting, show);
      setHidden(blocks, !show);
      setText(waiting.querySelector("[data-remaining]"), String(remaining));
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

  /* A file made in the browser and handed to the user's downloads; nothing is sent anywhere. */
  function saveFile(text, type, filename) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    return "Opgeslagen in het bestand " + filename + ".";
  }

  function download(root, data, filename, say) {
    say(root, saveFile(JSON.stringify(data, null, 2), "application/json", filename));
  }

  function readFile(root, input, say, onData) {
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try {
        data = JSON.parse(reader.result);
      } catch (e) {
        say(root, "Dit bestand kunnen we niet lezen: het is beschadigd of het is geen bestand van deze lijst. " +
          "Er is niets veranderd.");
        return;
      }
      onData(data);
    };
    reader.onerror = function () {
      say(root, "Dit bestand kon niet worden geopend. Er is niets veranderd.");
    };
    reader.readAsText(file);
  }

  function exportFile(root) {
    var cfg = config(root);
    var state = readState(root);
    download(root, { format: FORMAT, instrument: cfg.id, title: cfg.title, version: cfg.version,
      exported: new Date().toISOString(), answers: state.answers, context: state.context,
      agreements: state.agreements }, cfg.id + "-" + today() + ".json", message);
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
      if (!own(items, itemId) || !isObject(values)) {
        dropped.push("vraag ‘" + itemId + "’ staat niet (meer) in deze lijst");
        return;
      }
      Object.keys(values).forEach(function (fieldId) {
        if (own(fields, fieldId) && valid(fields[fieldId], values[fieldId])) {
          (state.answers[itemId] = state.answers[itemId] || {})[fieldId] = values[fieldId];
        } else {
          dropped.push("vraag ‘" + itemId + "’: het antwoord ‘" + (values[fieldId] === true ? "aangevinkt" : values[fieldId]) +
            "’ past niet (meer) bij deze lijst");
        }
      });
    });
    Object.keys(isObject(data.context) ? data.context : {}).forEach(function (id) {
      if (own(contexts, id) && valid(contexts[id], data.context[id])) state.context[id] = data.context[id];
      else dropped.push("gegeven ‘" + id + "’ past niet (meer) bij deze lijst");
    });
    Object.keys(isObject(data.agreements) ? data.agreements : {}).forEach(function (id) {
      var parts = data.agreements[id];
      var exists = root.querySelector("input[data-agreement='" + id.replace(/'/g, "") + "']");
      if (exists && own(data.agreements, id) && isObject(parts)) state.agreements[id] = parts;
      else dropped.push("afspraak bij ‘" + id + "’ hoort bij geen punt van deze lijst");
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
    readFile(root, input, message, function (data) {
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
        (result.dropped.length ? "Niet alles uit het bestand past bij deze lijst. Uw huidige antwoorden blijven staan " +
          "tot u kiest. Dit nemen we niet over:" : "Alle antwoorden passen nog bij deze lijst. Uw huidige antwoorden " +
          "blijven staan tot u kiest."));
      var list = box.querySelector("[data-import-list]");
      list.textContent = "";
      result.dropped.forEach(function (text) {
        var li = document.createElement("li");
        li.textContent = text;
        list.appendChild(li);
      });
      box.hidden = false;
      box.querySelector("[data-action='import-confirm']").focus();
    });
  }

  /* ---- Printing ---- */

  function stamp(root) {
    copyValuesForPaper(root);
    all(root, "details").forEach(function (details) { details.open = true; });
    var d = new Date();
    setText(root.querySelector("[data-printed]"), "Afgedrukt op " + d.toLocaleDateString("nl-NL",
      { day: "numeric", month: "long", year: "numeric" }));
  }

  /* Print only this instrument or form (body attributes steer the print stylesheet), then put the page back. */
  function printOnly(root, attributes, undo) {
    attributes = Object.assign({ "data-print-instrument": root.id }, attributes);
    Object.keys(attributes).forEach(function (name) { document.body.setAttribute(name, attributes[name]); });
    root.classList.add("instrument--printing");
    var restored = false;
    function restore() {
      if (restored) return;
      restored = true;
      Object.keys(attributes).forEach(function (name) { document.body.removeAttribute(name); });
      root.classList.remove("instrument--printing");
      undo();
    }
    // Desktop browsers block in print() and fire afterprint; some phones return at once and fire it later.
    window.addEventListener("afterprint", restore, { once: true });
    window.print();
    setTimeout(restore, 1000);
  }

  function print(root, blank, teamReport) {
    var state = readState(root);
    stamp(root);
    if (blank) {
      writeState(root, emptyState());
      copyValuesForPaper(root);
    }
    var attributes = {};
    if (blank) attributes["data-print-blank"] = "";
    if (teamReport) attributes["data-print-team"] = "";
    printOnly(root, attributes, function () {
      if (blank) {
        writeState(root, state);
        copyValuesForPaper(root);
      }
      if (root.getAttribute("data-mode") === "team") updateTeam(root);
      else update(root);
    });
  }

  /* ---- Team mode: counts by show of hands and result codes from own devices, added up in this browser ---- */

  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base 32: no I, L, O or U to misread
  var TEAM_FORMAT = "psa-werkboek-team";

  function slots(cfg) {
    var out = [];
    var fields = cfg.fields.filter(function (f) { return f.type === "choice" || f.type === "check"; });
    cfg.items.forEach(function (item) {
      fields.forEach(function (f) {
        out.push({ item: item.id, field: f.id, check: f.type === "check", options: f.type === "choice" ? f.options : ["true"] });
      });
    });
    return out;
  }

  function checksum(text) {
    var h = 7;
    for (var i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 1021;
    return ALPHABET[Math.floor(h / 32)] + ALPHABET[h % 32];
  }

  /* A result code: id.version.answers.nonce + 2 check characters. The answers are one number in mixed radix
   * (per question: 0 = not answered, n = the n-th option), written in base 32. The random 4-character nonce keeps
   * two people with the same answers apart; only the nonce is kept to recognise a code pasted twice, so nothing
   * stored can be turned back into anyone's answers. */
  function encode(cfg, answers) {
    var big = BigInt(0);
    slots(cfg).forEach(function (slot) {
      var value = (answers[slot.item] || {})[slot.field];
      var digit = slot.options.indexOf(value === true ? "true" : value) + 1;
      big = big * BigInt(slot.options.length + 1) + BigInt(digit);
    });
    var payload = "";
    do {
      payload = ALPHABET[Number(big % BigInt(32))] + payload;
      big = big / BigInt(32);
    } while (big > BigInt(0));
    var random = new Uint8Array(4);
    window.crypto.getRandomValues(random);
    var nonce = Array.prototype.map.call(random, function (b) { return ALPHABET[b % 32]; }).join("");
    var body = cfg.id + "." + cfg.version + "." + payload + "." + nonce;
    return body + checksum(body);
  }

  function crockford(text) {
    return text.toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
  }

  function decode(cfg, code) {
    var m = /^([a-z0-9.-]+?)\.(\d+)\.([0-9A-Za-z]+)\.([0-9A-Za-z]{4})([0-9A-Za-z]{2})$/.exec(code);
    if (!m) return { error: "is geen resultaatcode" };
    m[3] = crockford(m[3]);
    m[4] = crockford(m[4]);
    if (/U/.test(m[3] + m[4])) return { error: "is beschadigd of verkeerd overgetypt" };
    var body = m[1] + "." + m[2] + "." + m[3] + "." + m[4];
    if (checksum(body) !== crockford(m[5])) return { error: "is beschadigd of verkeerd overgetypt" };
    if (m[1] !== cfg.id) return { error: "hoort bij een andere lijst" };
    if (Number(m[2]) !== cfg.version) return { error: "komt uit een andere versie van deze lijst" };
    var big = BigInt(0);
    m[3].split("").forEach(function (c) { big = big * BigInt(32) + BigInt(ALPHABET.indexOf(c)); });
    var answers = {};
    var list = slots(cfg).reverse();
    for (var i = 0; i < list.length; i++) {
      var radix = BigInt(list[i].options.length + 1);
      var digit = Number(big % radix);
      big = big / radix;
      if (digit) {
        (answers[list[i].item] = answers[list[i].item] || {})[list[i].field] = list[i].check || list[i].options[digit - 1];
      }
    }
    if (big !== BigInt(0)) return { error: "is beschadigd" };
    return { answers: answers, nonce: m[4] };
  }

  function teamKey(cfg) {
    return key(cfg) + ":team";
  }

  function emptyTeam() {
    return { participants: 0, manual: {}, merged: { count: 0, tallies: {}, fingerprints: [] }, agreements: {}, top: 5,
      context: {} };
  }

  function team(root) {
    if (!root._team) {
      root._team = emptyTeam();
      try {
        var saved = storage && JSON.parse(storage.getItem(teamKey(config(root))) || "null");
        if (saved) root._team = saved;
      } catch (e) { /* unreadable: start empty */ }
    }
    return root._team;
  }

  function saveTeam(root) {
    if (storage && !storage.setItem(teamKey(config(root)), JSON.stringify(team(root)))) {
      teamMessage(root, "De teamgegevens kunnen op dit apparaat niet worden bewaard. Sla ze op als bestand.");
    }
  }

  function teamMessage(root, text) {
    setText(root.querySelector("[data-team-message]"), text);
  }

  function tally(store, item, field, option) {
    return ((store[item] || {})[field] || {})[option] || 0;
  }

  function bump(store, item, field, option, by) {
    var fields = store[item] = store[item] || {};
    var options = fields[field] = fields[field] || {};
    options[option] = (options[option] || 0) + by;
  }

  function count(state, item, field, option) {
    return tally(state.manual, item, field, option) + tally(state.merged.tallies, item, field, option);
  }

  /* How many participants put the item on the agenda, and with which answers (e.g. "Nee, Deels"). */
  function votes(cfg, state, item, block) {
    var total = 0, labels = [];
    (cfg.agenda || []).forEach(function (where) {
      var itemOnly = {}, field = null;
      Object.keys(where).forEach(function (name) {
        if (["category", "group", "tags", "answered"].indexOf(name) >= 0) itemOnly[name] = where[name];
        else field = name;
      });
      if (!field || !matches(item, {}, itemOnly)) return;
      where[field].forEach(function (value) {
        var option = value === true ? "true" : value;
        total += count(state, item.id, field, option);
        var row = block.querySelector("[data-team-option='" + field + ":" + option + "'] th");
        if (row) labels.push(row.textContent);
      });
    });
    return { n: total, labels: labels.join(", ") };
  }

  function updateTeam(root) {
    var cfg = config(root);
    var state = team(root);
    var participants = state.participants + state.merged.count;
    // Hands are counted in the open; codes are not, so codes alone must reach the minimum before any are shown.
    var enough = participants >= cfg.minGroup && (state.merged.count === 0 || state.merged.count >= cfg.minGroup);
    var result = root.querySelector("[data-team-result]");
    setHidden(result, !enough);
    setText(root.querySelector("[data-team-status]"), enough ?
      "Deelnemers: " + participants + (state.merged.count ? " (waarvan " + state.merged.count + " met een code)" : "") + "." :
      (state.merged.count && state.merged.count < cfg.minGroup ?
        "Nog geen uitkomst: er zijn minstens " + cfg.minGroup + " resultaatcodes nodig. Nu: " + state.merged.count + "." :
        "Nog geen uitkomst: er zijn minstens " + cfg.minGroup + " deelnemers nodig. Nu: " + participants + "."));
    var input = root.querySelector("[data-team-participants]");
    if (document.activeElement !== input) input.value = state.participants;
    root.querySelector("[data-team-top]").value = String(state.top);
    if (!enough) return;
    var ranked = [];
    cfg.items.forEach(function (item, index) {
      var block = root.querySelector("[data-team-item='" + item.id.replace(/'/g, "") + "']");
      var divided = false;
      all(block, "table").forEach(function (table) {
        var rows = all(table, "[data-team-option]");
        var manualSum = 0, answered = 0, most = 0;
        rows.forEach(function (row) {
          var parts = row.getAttribute("data-team-option").split(":");
          var n = count(state, item.id, parts[0], parts[1]);
          var manual = tally(state.manual, item.id, parts[0], parts[1]);
          manualSum += manual;
          answered += n;
          most = Math.max(most, n);
          setText(row.querySelector("[data-count]"), n);
          row.querySelector("[data-bar]").style.width = (100 * n / participants) + "%";
          row.querySelector("[data-action='count-down']").disabled = manual === 0;
        });
        rows.forEach(function (row) {
          row.querySelector("[data-action='count-up']").disabled = manualSum >= state.participants;
        });
        // Proposal: "divided" when no answer has two thirds; for a tick, when between a third and two thirds tick it.
        if (rows.length === 1) divided = divided || (answered / participants > 1 / 3 && answered / participants < 2 / 3);
        else divided = divided || (answered >= 2 && most / answered < 2 / 3);
      });
      setHidden(block.querySelector("[data-divided]"), !divided);
      var vote = votes(cfg, state, item, block);
      ranked.push({ item: item, votes: vote.n, labels: vote.labels, index: index });
    });
    ranked.sort(function (a, b) { return b.votes - a.votes || a.index - b.index; });
    var list = root.querySelector("[data-team-list]");
    var shown = 0;
    ranked.forEach(function (entry) {
      var li = list.querySelector("li[data-item='" + entry.item.id.replace(/'/g, "") + "']");
      var show = entry.votes > 0 && shown < state.top;
      if (show) shown++;
      setHidden(li, !show);
      setText(li.querySelector("[data-votes]"), entry.votes);
      setText(li.querySelector("[data-vote-labels]"), entry.labels);
      setText(li.querySelector("[data-of]"), participants);
      list.appendChild(li);
    });
    setHidden(root.querySelector("[data-team-empty]"), shown > 0);
    all(root, "input[data-team-context]").forEach(function (field) {
      if (document.activeElement !== field) field.value = (state.context || {})[field.getAttribute("data-team-context")] || "";
    });
    all(root, "input[data-team-agreement]").forEach(function (field) {
      if (document.activeElement === field) return;
      field.value = (state.agreements[field.getAttribute("data-team-agreement")] || {})[field.getAttribute("data-part")] || "";
    });
  }

  function mergeCodes(root) {
    var cfg = config(root);
    var state = team(root);
    var box = root.querySelector("[data-team-codes]");
    var lines = box.value.match(/[a-z0-9.-]+\.\d+\.[0-9A-Za-z]+\.[0-9A-Za-z]{6}\b/g) || [];
    var rejected = [];
    var report = root.querySelector("[data-code-report]");
    report.textContent = "";
    var added = 0, seen = {};
    lines.forEach(function (code, n) {
      var result = decode(cfg, code.trim());
      var print = result.nonce;
      var problem = result.error ||
        ((seen[print] || state.merged.fingerprints.indexOf(print) >= 0) && "is al geteld (dubbel geplakt)");
      if (problem) {
        rejected.push(code);
        var li = document.createElement("li");
        li.textContent = "Code " + (n + 1) + " " + problem + ". Deze telt niet mee.";
        report.appendChild(li);
        return;
      }
      seen[print] = true;
      state.merged.fingerprints.push(print);
      state.merged.count++;
      added++;
      Object.keys(result.answers).forEach(function (item) {
        Object.keys(result.answers[item]).forEach(function (field) {
          bump(state.merged.tallies, item, field, result.answers[item][field], 1);
        });
      });
    });
    box.value = rejected.join("\n"); // counted codes are not kept, only the totals; rejected ones stay to correct
    saveTeam(root);
    updateTeam(root);
    teamMessage(root, !lines.length ? "In het vak staat geen resultaatcode." :
      added + (added === 1 ? " code" : " codes") + " opgeteld" +
      (rejected.length ? "; " + rejected.length + " niet. Die staan nog in het vak, zodat u ze kunt verbeteren." : "."));
  }

  function teamView(root) {
    var view = root.querySelector("[data-team]");
    if (!view) {
      var template = root.querySelector("template[data-team-template]");
      template.parentNode.insertBefore(template.content.cloneNode(true), template);
      view = root.querySelector("[data-team]");
    }
    return view;
  }

  function setMode(root, mode) {
    var teamMode = mode === "team";
    if (teamMode) teamView(root);
    root.setAttribute("data-mode", mode);
    all(root, "[data-action='mode-single'], [data-action='mode-team']").forEach(function (b) {
      b.setAttribute("aria-pressed", String((b.getAttribute("data-action") === "mode-team") === teamMode));
    });
    setHidden(root.querySelector("[data-team]"), !teamMode);
    setHidden(root.querySelector(".instrument__formulier"), teamMode);
    setHidden(root.querySelector(".instrument__acties"), teamMode);
    setHidden(root.querySelector("[data-own-code]"), teamMode);
    setHidden(root.querySelector("[data-summary]"), teamMode);
    // Only the team view is remembered: opening a page must not leave anything behind (see the privacy page).
    if (storage && teamMode) storage.setItem(key(config(root)) + ":modus", mode);
    else if (storage) storage.removeItem(key(config(root)) + ":modus");
    if (teamMode) updateTeam(root);
    else update(root);
  }

  function initTeam(root) {
    if (!config(root).team) return;
    root.querySelector("[data-mode-switch]").hidden = false;
    root.querySelector("[data-own-code]").hidden = false;
    setMode(root, storage && storage.getItem(key(config(root)) + ":modus") === "team" ? "team" : "single");
  }

  function teamClick(root, action, button) {
    var cfg = config(root);
    var state = team(root);
    if (action === "mode-single" || action === "mode-team") {
      setMode(root, action === "mode-team" ? "team" : "single");
    } else if (action === "make-code") {
      var answers = readState(root).answers;
      var codeMessage = root.querySelector("[data-code-message]");
      if (!Object.keys(answers).length) {
        setText(codeMessage, "Vul eerst de lijst in. Daarna kunt u een resultaatcode maken.");
        return;
      }
      setText(codeMessage, "");
      root.querySelector("[data-code-box]").hidden = false;
      var output = root.querySelector("[data-code-output]");
      output.value = encode(cfg, answers);
      output.select();
    } else if (action === "copy-code") {
      var code = root.querySelector("[data-code-output]");
      code.select();
      var done = function () {
        setText(root.querySelector("[data-code-message]"), "De code is gekopieerd. Plak hem in de chat of in een bericht aan de gespreksleider.");
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(code.value).then(done, done);
      else { document.execCommand("copy"); done(); }
    } else if (action === "merge-codes") {
      mergeCodes(root);
    } else if (action === "count-up" || action === "count-down") {
      var parts = button.closest("[data-team-option]").getAttribute("data-team-option").split(":");
      var item = button.closest("[data-team-item]").getAttribute("data-team-item");
      bump(state.manual, item, parts[0], parts[1], action === "count-up" ? 1 : -1);
      saveTeam(root);
      updateTeam(root);
      if (button.disabled) {
        var other = button.parentNode.querySelector("button:not([disabled])");
        if (other) other.focus();
      }
    } else if (action === "team-print") {
      print(root, false, true);
    } else if (action === "team-export") {
      download(root, { format: TEAM_FORMAT, instrument: cfg.id, title: cfg.title, version: cfg.version,
        exported: new Date().toISOString(), team: state }, cfg.id + "-team-" + today() + ".json", teamMessage);
    } else if (action === "team-clear-confirm") {
      root._team = emptyTeam();
      if (storage) storage.removeItem(teamKey(cfg));
      root.querySelector("[data-code-report]").textContent = "";
      updateTeam(root);
      teamMessage(root, "De teamgegevens zijn gewist.");
    }
  }

  function isCount(value) {
    return typeof value === "number" && value >= 0 && Math.floor(value) === value;
  }

  function validTallies(cfg, store) {
    if (!isObject(store)) return false;
    var known = Object.create(null);
    slots(cfg).forEach(function (s) { known[s.item + ":" + s.field] = s.options; });
    return Object.keys(store).every(function (item) {
      return own(store, item) && isObject(store[item]) && Object.keys(store[item]).every(function (field) {
        var options = known[item + ":" + field];
        return options && isObject(store[item][field]) && Object.keys(store[item][field]).every(function (o) {
          return options.indexOf(o) >= 0 && isCount(store[item][field][o]);
        });
      });
    });
  }

  function importTeam(root, input) {
    readFile(root, input, teamMessage, function (data) {
      var cfg = config(root);
      var t = isObject(data) && data.team;
      if (!isObject(data) || data.format !== TEAM_FORMAT || !isObject(t)) {
        return teamMessage(root, "Dit bestand is geen teambestand van het PSA-werkboek. De teamgegevens zijn niet veranderd.");
      }
      if (data.instrument !== cfg.id || data.version !== cfg.version) {
        return teamMessage(root, "Dit bestand hoort bij ‘" + (data.title || data.instrument) + "’ (versie " + data.version +
          "), niet bij deze lijst. De teamgegevens zijn niet veranderd.");
      }
      if (!isCount(t.participants) || !isObject(t.merged) || !isCount(t.merged.count) ||
          !Array.isArray(t.merged.fingerprints) || !validTallies(cfg, t.manual) || !validTallies(cfg, t.merged.tallies) ||
          !isObject(t.agreements) || maxManual(t) > t.participants) {
        return teamMessage(root, "Dit teambestand is beschadigd: de aantallen kloppen niet. De teamgegevens zijn niet veranderd.");
      }
      root._team = { participants: t.participants, manual: t.manual, merged: t.merged, agreements: t.agreements,
        top: [3, 5, 10].indexOf(t.top) >= 0 ? t.top : 5, context: isObject(t.context) ? t.context : {} };
      saveTeam(root);
      updateTeam(root);
      teamMessage(root, "Teamgegevens uit het bestand overgenomen: " + (t.participants + t.merged.count) + " deelnemers.");
    });
  }

  /* The most hands counted for one question: the number of participants cannot go below it. */
  function maxManual(state) {
    var most = 0;
    Object.keys(state.manual).forEach(function (item) {
      Object.keys(state.manual[item]).forEach(function (field) {
        var options = state.manual[item][field];
        most = Math.max(most, Object.keys(options).reduce(function (sum, o) { return sum + options[o]; }, 0));
      });
    });
    return most;
  }

  function teamChange(root, target) {
    var state = team(root);
    if (target.hasAttribute("data-team-participants")) {
      var n = parseInt(target.value, 10);
      var counted = maxManual(state);
      state.participants = isNaN(n) || n < 0 ? 0 : Math.min(n, 999);
      if (state.participants < counted) {
        state.participants = counted;
        teamMessage(root, "Bij één punt zijn al " + counted + " handen geteld. Verlaag eerst die aantallen.");
      }
    } else if (target.hasAttribute("data-team-top")) {
      state.top = parseInt(target.value, 10);
    } else if (target.hasAttribute("data-team-context")) {
      (state.context = state.context || {})[target.getAttribute("data-team-context")] = target.value;
    } else if (target.hasAttribute("data-team-agreement")) {
      var id = target.getAttribute("data-team-agreement");
      (state.agreements[id] = state.agreements[id] || {})[target.getAttribute("data-part")] = target.value;
    } else {
      return;
    }
    saveTeam(root);
    updateTeam(root);
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
    initTeam(root);
    if (!storage) {
      message(root, "Uw antwoorden kunnen op dit apparaat niet worden bewaard: de opslag van de browser staat uit. " +
        "U kunt gewoon invullen, afdrukken of een bestand opslaan.");
    }
  }

  function rootOf(el) {
    return el && el.closest ? el.closest("section.instrument[data-ready]") : null;
  }

  function onChange(event) {
    var form = formRoot(event.target);
    if (form) return formChange(form, event);
    var root = rootOf(event.target);
    if (!root) return;
    var action = event.target.getAttribute("data-action");
    if (action === "team-import") {
      importTeam(root, event.target);
    } else if (event.target.closest("[data-team]")) {
      teamChange(root, event.target);
    } else if (action === "import") {
      importFile(root, event.target);
    } else if (action === "opt-in") {
      var cfg = config(root);
      if (!storage) {
        event.target.checked = false;
        message(root, "Bewaren kan niet: de opslag van de browser staat uit.");
      } else if (event.target.checked) {
        if (storage.setItem(optInKey(cfg), "ja")) {
          save(root);
          message(root, "Uw antwoorden worden nu bewaard op dit apparaat.");
        } else {
          event.target.checked = false;
          message(root, "Bewaren kan niet: de opslag van de browser is vol.");
        }
      } else {
        storage.removeItem(optInKey(cfg));
        storage.removeAnswers(cfg);
        message(root, "Uw antwoorden worden niet meer bewaard. Wat bewaard was, is gewist.");
      }
    } else {
      save(root);
      update(root);
      var codeBox = root.querySelector("[data-code-box]");
      if (codeBox && !codeBox.hidden) {
        codeBox.hidden = true; // the code would no longer match the answers
        setText(root.querySelector("[data-code-message]"), "Uw antwoorden zijn veranderd. Maak een nieuwe resultaatcode.");
      }
    }
  }

  var CONFIRMED = ["clear", "team-clear"]; // actions that first ask "Weet u het zeker?"

  /* The first click opens "Weet u het zeker?"; the answer closes it. True when nothing more is to be done. */
  function confirmStep(scope, action, confirmable) {
    var ask = action.replace(/-(confirm|cancel)$/, "");
    var box = confirmable.indexOf(ask) >= 0 ? scope.querySelector("[data-confirm='" + ask + "']") : null;
    if (!box) return false;
    box.hidden = action !== ask;
    if (action === ask) {
      box.querySelector("[data-action$='-cancel']").focus();
      return true;
    }
    scope.querySelector("[data-action='" + ask + "']").focus();
    return action === ask + "-cancel";
  }

  function onClick(event) {
    var button = event.target.closest && event.target.closest("button[data-action]");
    if (button && button.getAttribute("data-action") === "to-plan") return addToPlan(button);
    if (button && button.closest("[data-opslag]")) return storageClick(button.closest("[data-opslag]"), button);
    var form = formRoot(button);
    if (form) return formClick(form, button);
    var root = rootOf(button);
    if (!root) return;
    var action = button.getAttribute("data-action");
    if (confirmStep(root, action, CONFIRMED)) return;
    var importBox = root.querySelector("[data-confirm='import']");
    if (action === "print") print(root, false);
    else if (action === "print-blank") print(root, true);
    else if (action === "export") exportFile(root);
    else if (action === "reveal") {
      root._revealed = true;
      update(root);
      root.querySelector("[data-summary] [tabindex='-1']").focus();
    } else if (action === "clear-confirm") {
      writeState(root, emptyState());
      if (storage) storage.removeAnswers(config(root));
      root._revealed = false;
      update(root);
      message(root, "Uw antwoorden zijn gewist.");
    } else if (action === "import-confirm") {
      importBox.hidden = true;
      applyImport(root, pendingImport[config(root).id]);
      delete pendingImport[config(root).id];
      root.querySelector("input[data-action='import']").focus();
    } else if (action === "import-cancel") {
      importBox.hidden = true;
      delete pendingImport[config(root).id];
      message(root, "Het bestand is niet overgenomen. Uw antwoorden zijn niet veranderd.");
      root.querySelector("input[data-action='import']").focus();
    } else {
      teamClick(root, action, button);
    }
  }

  /* ==== Forms and planners (kind: form): fields, records, templates, plans and reports, all driven by the config
   * in data-form. Values of the whole tool live in root._state; the DOM shows them. ==== */

  var FORM_FORMAT = "psa-werkboek-formulier";
  var NL = "nl-NL";

  function formConfig(root) {
    if (!root._config) {
      var cfg = JSON.parse(root.getAttribute("data-form"));
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
      root._config = cfg;
    }
    return root._config;
  }

  function partEl(root, id) {
    return root.querySelector("[data-part='" + id + "']");
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

  /* Field values from the inputs inside a container; `defs` says what each data-field is. */
  function readFields(container, defs) {
    var out = {};
    all(container, "[data-field]").forEach(function (el) {
      var id = el.getAttribute("data-field");
      var f = defs[id];
      if (!f) return;
      if (el.hasAttribute("data-note")) {
        if (el.value.trim()) out["toelichting:" + id] = el.value;
      } else if (el.hasAttribute("data-cell")) {
        if (el.value) (out[id] = out[id] || {})[el.getAttribute("data-cell")] = el.value;
      } else if (el.type === "radio") {
        if (el.checked) out[id] = el.value;
      } else if (el.type === "checkbox") {
        if (f.type === "check") { if (el.checked) out[id] = true; }
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
      if (el.hasAttribute("data-note")) el.value = values["toelichting:" + id] || "";
      else if (el.hasAttribute("data-cell")) el.value = (isObject(v) && v[el.getAttribute("data-cell")]) || "";
      else if (el.type === "radio") el.checked = v === el.value;
      else if (el.type === "checkbox") el.checked = defs[id].type === "check" ? v === true : Array.isArray(v) && v.indexOf(el.value) >= 0;
      else el.value = v === undefined ? "" : v;
    });
  }

  /* A condition holds when every named field has one of the allowed answers (any of them, for lists). */
  function holds(values, cond) {
    return Object.keys(cond).every(function (name) {
      var v = values[name], allowed = cond[name];
      if (allowed.some(function (a) { return typeof a === "boolean"; })) return allowed.indexOf(v === true) >= 0;
      if (Array.isArray(v)) {
        return v.some(function (x) { return allowed.indexOf(x) >= 0 || allowed.indexOf(String(x).split(":")[0]) >= 0; });
      }
      return allowed.indexOf(v) >= 0;
    });
  }

  function visible(f, values) {
    return !f.show_if || holds(values, f.show_if);
  }

  /* Values of fields that apply: a field hidden by its condition does not count, but keeps its text. */
  function activeValues(defs, values) {
    var out = {};
    Object.keys(values).forEach(function (k) {
      var id = k.indexOf("toelichting:") === 0 ? k.slice(12) : k;
      if (!defs[id] || visible(defs[id], values)) out[k] = values[k];
    });
    return out;
  }

  function applyConditions(container, values) {
    all(container, "[data-show-if]").forEach(function (el) {
      setHidden(el, !holds(values, JSON.parse(el.getAttribute("data-show-if"))));
    });
    all(container, "[data-highlight-if]").forEach(function (el) {
      var on = holds(values, JSON.parse(el.getAttribute("data-highlight-if")));
      el.classList.toggle("formulier__veld--let-op", on);
      setHidden(el.querySelector("[data-highlight]"), !on);
    });
    all(container, "input[type='radio'], input[type='checkbox']").forEach(function (input) {
      var label = input.closest("label");
      if (label) label.classList.toggle("is-gekozen", input.checked);
    });
  }

  function optionShort(f, id) {
    var o = (f.options || []).filter(function (x) { return x.id === id; })[0];
    return o ? o.short || o.label : id;
  }

  function optionLabelOf(f, id) {
    var list = (f.options || []).concat(f.rows || []);
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i].label;
    return id;
  }

  function parseLocal(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text || "");
    return m ? { y: +m[1], m: +m[2] - 1, d: +m[3], hh: +(m[4] || 0), mm: +(m[5] || 0), time: !!m[4] } : null;
  }

  function formatDate(date, withTime, weekday) {
    var text = date.toLocaleDateString(NL, { weekday: weekday ? "long" : undefined, day: "numeric", month: "long", year: "numeric" });
    return withTime ? text + ", " + ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2) : text;
  }

  function formatValue(f, v) {
    if (emptyValue(v)) return "";
    if (f.type === "choice") return optionLabelOf(f, v);
    if (f.type === "multi") return v.map(function (o) { return optionLabelOf(f, o); }).join(", ");
    if (f.type === "grid") {
      return v.map(function (cell) {
        var rc = cell.split(":");
        return optionLabelOf(f, rc[0]) + " (" + (f.columns.filter(function (c) { return c.id === rc[1]; })[0] || {}).label + ")";
      }).join("; ");
    }
    if (f.type === "check") return "Ja";
    if (f.type === "date" || f.type === "datetime") {
      var p = parseLocal(v);
      return p ? formatDate(new Date(p.y, p.m, p.d, p.hh, p.mm), p.time) : v;
    }
    if (f.type === "signatures") return Object.keys(v).map(function (k) { return k + ": " + v[k]; }).join("; ");
    return String(v);
  }

  /* ---- Checks: empty required fields and impossible dates ---- */

  function dateLimit(ref, values) {
    if (ref === "today") {
      var now = new Date();
      return { when: now, label: "vandaag" };
    }
    var p = parseLocal(values[ref]);
    return p ? { when: new Date(p.y, p.m, p.d, p.hh, p.mm), ref: ref, day: !p.time } : null;
  }

  function fieldErrors(defs, values, withEmpty) {
    var errors = [];
    Object.keys(defs).forEach(function (id) {
      var f = defs[id];
      if (!visible(f, values)) return;
      var v = values[id];
      if (emptyValue(v)) {
        // A follow-up question ('Zo ja, …') is named together with the question it follows.
        var parent = f.show_if && defs[Object.keys(f.show_if)[0]];
        if (withEmpty && f.required) errors.push({ id: id, text: "Nog niet ingevuld: " + (parent ? parent.label + " " : "") + f.label });
        return;
      }
      if (f.numbers) {
        var tokens = String(v).trim().split(/[\s;]+/);
        var bad = tokens.some(function (t) { var n = numberOf(t); return n === null || n < f.numbers.min || n > f.numbers.max; });
        if (bad) errors.push({ id: id, text: f.label + ": vul alleen getallen van " + f.numbers.min + " tot en met " + f.numbers.max + " in, met een spatie ertussen." });
        if (bad) return;
      }
      if (f.type === "number" && !/^\d+$/.test(String(v).trim())) {
        errors.push({ id: id, text: f.label + ": vul een heel getal in, zonder min-teken." });
        return;
      }
      if (f.type !== "date" && f.type !== "datetime") return;
      var p = parseLocal(v);
      if (!p) {
        errors.push({ id: id, text: f.label + ": dit is geen geldige datum." });
        return;
      }
      var own = new Date(p.y, p.m, p.d, p.hh, p.mm);
      var ownDay = new Date(p.y, p.m, p.d);
      ["min", "max"].forEach(function (side) {
        var limit = f[side] && dateLimit(f[side], values);
        if (!limit) return;
        var other = limit.ref ? defs[limit.ref] : null;
        var cmpOwn = (limit.day || !p.time || f[side] === "today" && !p.time) ? ownDay : own;
        var cmpLimit = limit.day || !p.time ? new Date(limit.when.getFullYear(), limit.when.getMonth(), limit.when.getDate()) : limit.when;
        if (side === "max" && cmpOwn > cmpLimit) {
          errors.push({ id: id, text: f.label + ": " + (other ? "ligt na ‘" + other.label + "’." : "ligt in de toekomst.") });
        } else if (side === "min" && cmpOwn < cmpLimit) {
          errors.push({ id: id, text: f.label + ": ligt vóór ‘" + (other ? other.label : "vandaag") + "’." });
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
      if (wrap) wrap.classList.toggle("formulier__veld--fout", !!text);
      if (wrap) {
        all(wrap, "input:not([data-note]), textarea, select").forEach(function (input) {
          if (text) input.setAttribute("aria-invalid", "true");
          else input.removeAttribute("aria-invalid");
        });
      }
    });
  }

  function firstInput(container, id) {
    return container.querySelector("[data-wrap='" + id + "'] input, [data-wrap='" + id + "'] textarea, [data-field='" + id + "']");
  }

  /* The error summary at the top of the form; kept up to date once shown, focused only when asked for. */
  function checkPart(root, part, quiet) {
    var el = partEl(root, part.id);
    var values = root._state.values;
    var errors = fieldErrors(part.defs, values, true);
    showFieldErrors(el, errors);
    var box = el.querySelector("[data-error-summary]");
    var list = box.querySelector("[data-error-list]");
    list.textContent = "";
    errors.forEach(function (e) {
      var li = document.createElement("li");
      var input = firstInput(el, e.id);
      var a = document.createElement("a");
      a.href = "#" + (input && input.id ? input.id : "");
      a.textContent = e.text;
      a.addEventListener("click", function (event) {
        // Handled here, not by Material's instant navigation: focus the field itself.
        event.preventDefault();
        event.stopPropagation();
        if (input) input.focus();
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    box.hidden = !errors.length;
    if (errors.length && !quiet) box.focus();
    else if (!errors.length) partMessage(root, part.id, "Alles is ingevuld en de datums kloppen.");
  }

  function partMessage(root, partId, text) {
    var el = partId ? partEl(root, partId).querySelector("[data-part-message]") : null;
    if (el) setText(el, text);
    else setText(root.querySelector("[data-message]"), text);
  }

  /* ---- Records: entered one at a time, or as counts per answer for a pile of forms ---- */

  function isInteger(v) {
    return typeof v === "number" && v >= 0 && Math.floor(v) === v && v < 1e6;
  }

  function readTally(form, part) {
    var total = form.querySelector("[data-tally-total]").value;
    var t = { n: total === "" ? NaN : Number(total), counts: {}, texts: {} };
    all(form, "[data-tally]").forEach(function (input) {
      if (input.value === "") return;
      var fid = input.getAttribute("data-tally");
      (t.counts[fid] = t.counts[fid] || {})[input.getAttribute("data-option")] = Number(input.value);
    });
    all(form, "[data-tally-text]").forEach(function (input) {
      if (input.value.trim()) t.texts[input.getAttribute("data-tally-text")] = input.value;
    });
    return t;
  }

  function writeTally(form, t) {
    form.querySelector("[data-tally-total]").value = t ? t.n : "";
    all(form, "[data-tally]").forEach(function (input) {
      var c = t && t.counts[input.getAttribute("data-tally")];
      input.value = c && own(c, input.getAttribute("data-option")) ? c[input.getAttribute("data-option")] : "";
    });
    all(form, "[data-tally-text]").forEach(function (input) {
      input.value = (t && t.texts[input.getAttribute("data-tally-text")]) || "";
    });
  }

  function tallyErrors(part, t) {
    var errors = [];
    if (!isInteger(t.n) || t.n < 1) errors.push({ id: "aantal", text: "Aantal lijsten: vul een heel getal van 1 of meer in." });
    Object.keys(t.counts).forEach(function (fid) {
      var f = part.defs[fid];
      var counts = t.counts[fid];
      var sum = 0;
      var problems = [];
      Object.keys(counts).forEach(function (o) {
        if (!isInteger(counts[o]) && problems.indexOf("hele") < 0) problems.push("hele", "vul hele getallen in (0 of meer).");
        sum += counts[o];
        if (counts[o] > t.n) problems.push("", "‘" + optionLabelOf(f, o) + "’ is vaker gekozen dan er lijsten zijn.");
      });
      if (f.type === "choice" && sum > t.n) {
        problems.push("", "samen " + sum + " antwoorden, maar er zijn " + t.n + " lijsten. Bij deze vraag kan maar één antwoord.");
      }
      var texts = problems.filter(function (x, i) { return i % 2; });
      if (texts.length) errors.push({ id: fid, text: (f.short || f.label) + ": " + texts.join(" ") });
    });
    return errors;
  }

  function entryMode(el) {
    var chosen = el.querySelector("[data-entry-mode]:checked");
    return chosen ? chosen.value : "los";
  }

  function setEntryMode(el, mode) {
    all(el, "[data-entry-mode]").forEach(function (r) { r.checked = r.value === mode; });
    var button = el.querySelector("[data-action='record-save']");
    if (button.hasAttribute("data-label-tally") && button.textContent !== button.getAttribute("data-label-edit")) {
      button.textContent = button.getAttribute(mode === "los" ? "data-label-new" : "data-label-tally");
    }
    setHidden(el.querySelector("[data-entry-form='single']"), mode !== "los");
    var tally = el.querySelector("[data-entry-form='tally']");
    if (tally) setHidden(tally, mode === "los");
  }

  function recordName(part, rec, index) {
    var first = (part.columns || [])[0];
    var name = first && rec.values && rec.values[first];
    return name && (part.defs[first].type === "text" || part.defs[first].type === "textarea") ? String(name) : part.label + " " + (index + 1);
  }

  function resetEntry(root, part) {
    var el = partEl(root, part.id);
    writeFields(el.querySelector("[data-entry-form='single']"), part.defs, {});
    var tally = el.querySelector("[data-entry-form='tally']");
    if (tally) writeTally(tally, null);
    showFieldErrors(el.querySelector("[data-entry]"), []);
    root._editing[part.id] = undefined;
    var mode = el.querySelector(".formulier__invoerwijze");
    if (mode) mode.disabled = false;
    var button = el.querySelector("[data-action='record-save']");
    button.textContent = button.getAttribute("data-label-" + (entryMode(el) === "los" ? "new" : "tally"));
    formUpdate(root);
  }

  /* A record's own values on top of the tool's global ones (for conditions); a record field never borrows a value. */
  function withGlobals(root, part, values) {
    var merged = Object.assign({}, root._state.values);
    Object.keys(part.defs).forEach(function (id) { delete merged[id]; delete merged["toelichting:" + id]; });
    return Object.assign(merged, values);
  }

  function saveRecord(root, part) {
    var el = partEl(root, part.id);
    var mode = entryMode(el);
    var rec, errors;
    if (mode === "los") {
      var values = readFields(el.querySelector("[data-entry-form='single']"), part.defs);
      var merged = withGlobals(root, part, values);
      errors = fieldErrors(part.defs, merged, true);
      var active = activeValues(part.defs, merged);
      rec = { values: {} };
      Object.keys(values).forEach(function (k) { if (own(active, k)) rec.values[k] = values[k]; });
      if (!errors.length && !Object.keys(rec.values).length) errors.push({ id: "", text: "Er is nog niets ingevuld." });
    } else {
      rec = { tally: readTally(el.querySelector("[data-entry-form='tally']"), part) };
      errors = tallyErrors(part, rec.tally);
    }
    showFieldErrors(el.querySelector("[data-entry]"), errors);
    if (errors.length) {
      partMessage(root, part.id, "Niet opgeslagen. " + errors.map(function (e) { return e.text; }).join(" "));
      var input = errors[0].id && firstInput(el.querySelector("[data-entry-form='" + (mode === "los" ? "single" : "tally") + "']"), errors[0].id);
      if (input) input.focus();
      return;
    }
    var list = root._state.records[part.id] = root._state.records[part.id] || [];
    var editing = root._editing[part.id];
    if (editing !== undefined && editing >= list.length) editing = undefined; // the list changed meanwhile
    var index = editing === undefined ? list.length : editing;
    if (part.referenced && !rec.tally) {
      // Other records point at this one by name, so names must stay unique and a new name is carried over.
      var name = recordName(part, rec, index);
      var taken = list.some(function (r, i) { return i !== index && groupKey(recordName(part, r, i)) === groupKey(name); });
      if (taken) {
        partMessage(root, part.id, "Niet opgeslagen. Er is al een " + part.label.toLowerCase() + " met de naam ‘" + name + "’.");
        return;
      }
      if (editing !== undefined) renameReferences(root, part, recordName(part, list[index], index), name);
    }
    list[index] = rec;
    resetEntry(root, part);
    partMessage(root, part.id, (rec.tally ? "Stapel van " + rec.tally.n + " lijsten" : recordName(part, rec, index)) +
      (editing === undefined ? " opgeslagen als nummer " + (index + 1) + "." : " gewijzigd."));
    formSave(root);
    var first = el.querySelector("[data-entry-form]:not([hidden]) input:not([type='hidden']), [data-entry-form]:not([hidden]) textarea");
    if (first) first.focus();
  }

  function renameReferences(root, source, from, to) {
    if (from === to) return;
    root._config.parts.forEach(function (p) {
      (p.fields || []).forEach(function (f) {
        if (f.type !== "ref" || f.source !== source.id) return;
        (root._state.records[p.id] || []).forEach(function (r) { if (r.values && r.values[f.id] === from) r.values[f.id] = to; });
      });
    });
  }

  function editRecord(root, part, index) {
    var el = partEl(root, part.id);
    var rec = root._state.records[part.id][index];
    setEntryMode(el, rec.tally ? "aantallen" : "los");
    var mode = el.querySelector(".formulier__invoerwijze");
    if (mode) mode.disabled = true; // a pile stays a pile, a single form stays single
    if (rec.tally) writeTally(el.querySelector("[data-entry-form='tally']"), rec.tally);
    else writeFields(el.querySelector("[data-entry-form='single']"), part.defs, rec.values);
    root._editing[part.id] = index;
    var button = el.querySelector("[data-action='record-save']");
    button.textContent = button.getAttribute("data-label-edit");
    formUpdate(root);
    partMessage(root, part.id, "U wijzigt nummer " + (index + 1) + ". Klik op ‘Wijzigingen opslaan’ als u klaar bent.");
    var first = el.querySelector("[data-entry-form]:not([hidden]) input, [data-entry-form]:not([hidden]) textarea");
    if (first) first.focus();
  }

  function deleteRecord(root, part, index, button) {
    if (!button.hasAttribute("data-sure")) {
      button.setAttribute("data-sure", "");
      button.textContent = "Zeker weten? Klik nog eens";
      partMessage(root, part.id, "Klik nog een keer op de knop om nummer " + (index + 1) + " te verwijderen.");
      return;
    }
    root._state.records[part.id].splice(index, 1);
    var editing = root._editing[part.id];
    if (editing === index) resetEntry(root, part);
    else if (editing > index) root._editing[part.id] = editing - 1;
    formSave(root);
    formUpdate(root);
    partMessage(root, part.id, "Nummer " + (index + 1) + " is verwijderd. De nummers erna zijn één opgeschoven.");
    var next = partEl(root, part.id).querySelector("[data-action='record-save']");
    next.focus();
  }

  function copyRecord(root, part) {
    var source = root._config.byPart[part.copy_from];
    var values = activeValues(source.defs, root._state.values);
    var copied = {};
    var names = [];
    Object.keys(part.defs).forEach(function (id) {
      var f = part.defs[id], v = values[id];
      if (emptyValue(v) || !source.defs[id]) return;
      if (f.type === "date" && typeof v === "string") v = v.slice(0, 10);
      if (f.type === "choice" && !(f.options || []).some(function (o) { return o.id === v; })) return;
      copied[id] = v;
      names.push(f.label);
    });
    var form = partEl(root, part.id).querySelector("[data-entry-form='single']");
    setEntryMode(partEl(root, part.id), "los");
    writeFields(form, part.defs, copied);
    formUpdate(root);
    partMessage(root, part.id, names.length ? "Overgenomen uit het formulier: " + names.join(", ") +
      ". Andere velden van het formulier horen hier niet bij en worden niet overgenomen. Controleer en klik op opslaan." :
      "Er is nog niets in het formulier ingevuld om over te nemen.");
  }

  function cellText(part, f, rec) {
    if (rec.tally) {
      if (f.type === "choice" || f.type === "multi") {
        var c = rec.tally.counts[f.id] || {};
        return Object.keys(c).filter(function (o) { return c[o]; }).map(function (o) { return optionLabelOf(f, o) + ": " + c[o]; }).join("; ");
      }
      return rec.tally.texts[f.id] || "";
    }
    return f.type === "choice" && rec.values[f.id] ? optionShort(f, rec.values[f.id]) : formatValue(f, rec.values[f.id]);
  }

  function renderRecords(root, part) {
    var el = partEl(root, part.id);
    var list = root._state.records[part.id] || [];
    var table = el.querySelector("[data-record-table]");
    var body = table.querySelector("tbody");
    body.textContent = "";
    var forms = 0;
    list.forEach(function (rec, index) {
      forms += rec.tally ? rec.tally.n : 1;
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = (index + 1) + (rec.tally ? " (stapel van " + rec.tally.n + ")" : "");
      tr.appendChild(th);
      var actions = document.createElement("td");
      [["record-edit", "Wijzig"], ["record-delete", "Verwijder"]].forEach(function (a) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "md-button formulier__klein";
        b.setAttribute("data-action", a[0]);
        b.setAttribute("data-index", index);
        b.textContent = a[1];
        b.setAttribute("aria-label", a[1] + " nummer " + (index + 1));
        actions.appendChild(b);
      });
      tr.appendChild(actions);
      (part.columns || []).forEach(function (c) {
        var td = document.createElement("td");
        td.textContent = cellText(part, part.defs[c], rec) || "–";
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.hidden = !list.length;
    var notKept = el.querySelector("[data-not-kept]");
    if (notKept) setHidden(notKept, !list.length || optedIn(root._config));
    setText(el.querySelector("[data-record-count]"), list.length ?
      "Opgeslagen: " + list.length + " " + (list.length === 1 ? part.label.toLowerCase() : part.plural) + (part.tally ? ", samen " + forms + " lijsten" : "") + "." :
      "Nog niets opgeslagen.");
  }

  /* ---- Reports: every block works on 'units' (one record, or a pile entered as counts) ---- */

  function unitsOf(root, part) {
    return (root._state.records[part.id] || []).map(function (rec, index) {
      if (rec.tally) return { n: rec.tally.n, counts: rec.tally.counts, texts: rec.tally.texts, index: index, tally: true };
      var counts = {};
      Object.keys(rec.values).forEach(function (k) {
        var v = rec.values[k];
        var f = part.defs[k];
        if (!f) return;
        var list = Array.isArray(v) ? v : [String(v)];
        counts[k] = {};
        list.forEach(function (o) { counts[k][o] = 1; });
      });
      return { n: 1, counts: counts, values: rec.values, index: index };
    });
  }

  function countWhere(units, where) {
    var name = Object.keys(where)[0];
    return units.reduce(function (sum, u) {
      if (!u.tally) return sum + (holds(u.values, where) ? 1 : 0);
      var c = u.counts[name] || {};
      return sum + where[name].reduce(function (s, o) { return s + (c[o] || 0); }, 0);
    }, 0);
  }

  function total(units) {
    return units.reduce(function (s, u) { return s + u.n; }, 0);
  }

  function pct(n, of) {
    return of ? Math.round(100 * n / of) + "%" : "–";
  }

  function fill(text, n, of) {
    return text.replace("{n}", n).replace("{total}", of).replace("{pct}", pct(n, of));
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function table(head, rows, caption) {
    var t = el("table");
    if (caption) t.appendChild(el("caption", caption));
    var thead = el("thead"), tr = el("tr");
    head.forEach(function (h) { var th = el("th", h); th.scope = "col"; tr.appendChild(th); });
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = el("tbody");
    rows.forEach(function (r) {
      var row = el("tr");
      r.forEach(function (cell, i) {
        var c = el(i ? "td" : "th", cell);
        if (!i) c.scope = "row";
        row.appendChild(c);
      });
      tbody.appendChild(row);
    });
    t.appendChild(tbody);
    var wrap = el("div", undefined, "formulier__tabel");
    wrap.tabIndex = 0; // a wide table scrolls sideways; the keyboard must be able to scroll it too
    wrap.setAttribute("role", "group");
    wrap.setAttribute("aria-label", caption || "Tabel");
    wrap.appendChild(t);
    return wrap;
  }

  function listOf(items) {
    var ul = el("ul");
    items.forEach(function (item) { ul.appendChild(typeof item === "string" ? el("li", item) : item); });
    return ul;
  }

  function blockFields(part, b) {
    if (b.scale) return part.fields.filter(function (f) { return f.scale === b.scale; });
    return (b.fields || []).map(function (id) { return part.defs[id]; });
  }

  function groupKey(text) {
    return String(text || "").trim().replace(/\s+/g, " ").toLocaleLowerCase(NL);
  }

  var BLOCKS = {
    total: function (b, units, part) {
      var n = total(units);
      var out = [el("p", fill(b.text, n, n), "rapport__getal")];
      if (b.min_group && n < b.min_group && b.empty) out.push(el("p", b.empty, "rapport__let-op"));
      return out;
    },
    share: function (b, units) {
      var n = countWhere(units, b.where);
      var out = [el("p", fill(b.text, n, total(units)))];
      if (b.warn_above !== undefined && n > b.warn_above) out.push(el("p", b.warn, "rapport__let-op"));
      return out;
    },
    distribution: function (b, units, part) {
      var n = total(units);
      if (b.fields) {
        return [table(["", "Aantal", "Van " + n], blockFields(part, b).map(function (f) {
          var c = countWhere(units, (function () { var w = {}; w[f.id] = b.values; return w; })());
          return [f.label, String(c), pct(c, n)];
        }))];
      }
      var f = part.defs[b.field];
      var base = b.base ? countWhere(units, b.base) : n;
      // With a base, a single form counts only when it meets the base; a pile's counts cannot be split that way.
      var within = b.base ? units.filter(function (u) { return u.tally || holds(u.values, b.base); }) : units;
      var rows = f.options.filter(function (o) { return (b.exclude || []).indexOf(o.id) < 0; }).map(function (o) {
        var c = within.reduce(function (s, u) { return s + ((u.counts[f.id] || {})[o.id] || 0); }, 0);
        return [o.label, String(c), pct(c, base)];
      });
      if (f.type === "choice") {
        var answered = rows.reduce(function (s, r) { return s + Number(r[1]); }, 0);
        rows.push(["Niet ingevuld", String(Math.max(0, base - answered)), pct(Math.max(0, base - answered), base)]);
      }
      var out = [table(["Antwoord", "Aantal", "Percentage van " + base], rows)];
      if (b.base && units.some(function (u) { return u.tally; })) {
        out.push(el("p", "Bij stapels die als aantallen zijn ingevoerd, tellen alle antwoorden op deze vraag mee; daar kan niet per lijst worden nagegaan of de voorwaarde klopt.", "rapport__noot"));
      }
      return out;
    },
    texts: function (b, units) {
      var texts = [];
      units.forEach(function (u) {
        var v = u.tally ? u.texts[b.field] : u.values[b.field];
        if (!v) return;
        (u.tally ? String(v).split(/\n\s*\n/) : [String(v)]).forEach(function (t) { if (t.trim()) texts.push(t.trim()); });
      });
      // Sorted, so the order does not show which form a remark came from.
      texts.sort(function (a, c) { return a.localeCompare(c, NL); });
      return texts.length ? [listOf(texts)] : [el("p", b.empty || "Nog niets.")];
    },
    hints: function (b, units, part) {
      var items = [];
      b.rules.forEach(function (rule) {
        var hits = units.filter(function (u) { return !u.tally && holds(u.values, rule.where); })
          .map(function (u) { return u.index + 1; });
        if (hits.length) items.push(rule.text + " " + (hits.length === 1 ? "Nummer " : "Nummers ") + hits.join(", ") + ".");
      });
      var out = [items.length ? listOf(items) : el("p", b.empty || "")];
      if (units.some(function (u) { return u.tally; })) out.push(el("p", "Stapels die als aantallen zijn ingevoerd, kunnen niet per lijst worden gecontroleerd."));
      return out;
    },
    breakdown: function (b, units, part) {
      var groups = {};
      units.forEach(function (u) {
        var v = u.tally ? u.texts[b.by] : u.values[b.by];
        if (part.defs[b.by].type === "choice" && v) v = optionLabelOf(part.defs[b.by], v);
        var k = groupKey(v);
        (groups[k] = groups[k] || { name: k ? String(v).trim() : "Onbekend", units: [] }).units.push(u);
      });
      var min = b.min_group || 2;
      var shown = Object.keys(groups).map(function (k) { return groups[k]; }).filter(function (g) { return total(g.units) >= min; });
      shown.sort(function (x, y) { return total(y.units) - total(x.units); });
      var rest = total(units) - shown.reduce(function (s, g) { return s + total(g.units); }, 0);
      // Whatever is left must be big enough too, or it could be worked out by subtraction.
      while (rest > 0 && rest < min && shown.length) rest += total(shown.pop().units);
      if (!shown.length) return [el("p", b.empty || "")];
      var inShown = [];
      shown.forEach(function (g) { inShown = inShown.concat(g.units); });
      var restUnits = units.filter(function (u) { return inShown.indexOf(u) < 0; });
      var rows = shown.map(function (g) { return [g.name, g.units]; });
      if (restUnits.length) rows.push([b.rest || "Overige samen", restUnits]);
      var out = [table([part.defs[b.by].label, "Aantal"].concat(b.rules.map(function (r) { return r.text; })),
        rows.map(function (r) {
          var n = total(r[1]);
          return [r[0], String(n)].concat(b.rules.map(function (rule) { var c = countWhere(r[1], rule.where); return c + " (" + pct(c, n) + ")"; }));
        }))];
      if (b.empty) out.push(el("p", b.empty, "rapport__noot"));
      return out;
    },
    crosstab: function (b, units, part) {
      var f = part.defs[b.field];
      var colTotals = f.columns.map(function () { return 0; });
      var rows = f.rows.map(function (r) {
        var sum = 0;
        var cells = f.columns.map(function (c, i) {
          var n = units.reduce(function (s, u) { return s + ((u.counts[f.id] || {})[r.id + ":" + c.id] || 0); }, 0);
          sum += n;
          colTotals[i] += n;
          return String(n);
        });
        return [r.label].concat(cells, [String(sum)]);
      });
      rows.push(["Totaal"].concat(colTotals.map(String), [String(colTotals.reduce(function (a, c) { return a + c; }, 0))]));
      return [table([f.label].concat(f.columns.map(function (c) { return c.label; }), ["Totaal"]), rows)];
    },
    periods: function (b, units) {
      var counts = {}, keys = [];
      units.forEach(function (u) {
        var p = parseLocal(u.values && u.values[b.field]);
        if (!p) return;
        var k = p.y * 4 + Math.floor(p.m / 3);
        counts[k] = (counts[k] || 0) + 1;
        keys.push(k);
      });
      if (!keys.length) return [el("p", "Nog geen incidenten met een datum.")];
      var rows = [];
      for (var k = Math.min.apply(null, keys); k <= Math.max.apply(null, keys); k++) {
        rows.push([Math.floor(k / 4) + ", kwartaal " + (k % 4 + 1), String(counts[k] || 0)]);
      }
      return [table(["Kwartaal", "Aantal"], rows)];
    },
    values: function (b, units, part) {
      var groups = {};
      units.forEach(function (u) {
        var v = formatValue(part.defs[b.field], u.values && u.values[b.field]);
        var k = groupKey(v);
        (groups[k] = groups[k] || { name: k ? v.trim() : "Onbekend", n: 0 }).n += u.n;
      });
      var rows = Object.keys(groups).map(function (k) { return groups[k]; });
      rows.sort(function (x, y) { return y.n - x.n || x.name.localeCompare(y.name, NL); });
      return [table(["", "Aantal"], rows.map(function (g) { return [g.name, String(g.n)]; }))];
    },
    compare: function (b, units, part, root) {
      var recs = units.filter(function (u) { return !u.tally; });
      if (!recs.length) return [el("p", b.empty || "")];
      var fields = blockFields(part, b);
      var rows = fields.map(function (f) {
        return [f.short || f.label].concat(recs.map(function (u) {
          var text = formatValue(f, u.values[f.id]) || "Niet beoordeeld";
          if (f.highlight_if && holds(withGlobals(root, part, u.values), f.highlight_if)) text += " (let op)";
          return text;
        }));
      });
      return [table(["Richtlijn"].concat(recs.map(function (u) { return recordName(part, { values: u.values }, u.index); })), rows)];
    },
    score: function (b, units, part) {
      var u = units[0];
      var fields = blockFields(part, b);
      var answered = fields.filter(function (f) { return !emptyValue(u.values[f.id]); });
      var counted = answered.filter(function (f) { return (b.exclude || []).indexOf(u.values[f.id]) < 0; });
      var n = counted.filter(function (f) { return b.values.indexOf(u.values[f.id]) >= 0; }).length;
      var out = [el("p", counted.length ? fill(b.text, n, counted.length) : "Nog niets beoordeeld.", "rapport__getal")];
      if (answered.length < fields.length) out.push(el("p", "Nog niet beoordeeld: " + (fields.length - answered.length) + " van " + fields.length + "."));
      return out;
    },
    needs: function (b, units, part, root) {
      var u = units[0];
      var items = [];
      b.values.forEach(function (value) {
        blockFields(part, b).forEach(function (f) {
          if (u.values[f.id] !== value) return;
          var li = el("li");
          li.appendChild(el("strong", optionLabelOf(f, value) + ": "));
          li.appendChild(document.createTextNode(f.label));
          var note = u.values["toelichting:" + f.id];
          if (note) li.appendChild(el("span", " Toelichting: " + note, "rapport__toelichting"));
          if (f.highlight_if && holds(withGlobals(root, part, u.values), f.highlight_if)) li.appendChild(el("span", " Let op: " + f.highlight, "rapport__toelichting"));
          items.push(li);
        });
      });
      return [items.length ? listOf(items) : el("p", b.empty || "")];
    },
    note: function () { return []; }
  };

  function fillBlocks(container, blocks, units, part, root) {
    blocks.forEach(function (b, i) {
      var body = container.querySelector("[data-block='" + i + "'] [data-block-body]");
      body.textContent = "";
      BLOCKS[b.type](b, units, part, root).forEach(function (node) { body.appendChild(node); });
    });
  }

  function renderReport(root, report) {
    var el2 = partEl(root, report.id);
    var part = root._config.byPart[report.of];
    var units = unitsOf(root, part);
    setHidden(el2.querySelector("[data-report-empty]"), !!units.length);
    if (report.per_record) {
      var holder = el2.querySelector("[data-report-records]");
      holder.textContent = "";
      var template = el2.querySelector("[data-report-template]");
      units.forEach(function (u) {
        if (u.tally) return;
        var article = template.content.firstElementChild.cloneNode(true);
        setText(article.querySelector("[data-record-name]"), recordName(part, { values: u.values }, u.index));
        fillBlocks(article, report.blocks, [u], part, root);
        holder.appendChild(article);
      });
      return;
    }
    all(el2, "[data-block]").forEach(function (b) { setHidden(b, !units.length); });
    if (units.length) fillBlocks(el2, report.blocks, units, part, root);
  }

  /* ---- Plans: dates counted from a start moment, in local calendar days ---- */

  function momentDates(m, start) {
    function at(offset) {
      if (offset.hours) {
        // Hours are real elapsed time (72 hours stays 72 hours across a change to or from summer time).
        return { date: new Date(new Date(start.y, start.m, start.d, start.hh, start.mm).getTime() + offset.hours * 3600000), time: true };
      }
      return { date: new Date(start.y, start.m, start.d + (offset.days || 0)), time: false };
    }
    return { from: at(m.at), until: m.until ? at(m.until) : null };
  }

  function momentText(m, dates) {
    if (m.deadline) return "Uiterlijk " + formatDate(dates.from.date, dates.from.time && true, true);
    if (dates.until) return "Van " + formatDate(dates.from.date, false, true) + " tot en met " + formatDate(dates.until.date, false, true);
    return formatDate(dates.from.date, false, true);
  }

  function renderSchedule(root, part) {
    var el2 = partEl(root, part.id);
    var start = parseLocal(root._state.values[part.from]);
    setHidden(el2.querySelector("[data-no-date]"), !!start);
    var about = [];
    if (start) about.push(root._config.globals[part.from].f.label + ": " + formatValue(root._config.globals[part.from].f, root._state.values[part.from]));
    (part.with || []).forEach(function (w) {
      var v = root._state.values[w.field];
      if (!emptyValue(v)) about.push(w.label + ": " + formatValue(root._config.globals[w.field].f, v));
    });
    var line = about.join(". ");
    setText(el2.querySelector("[data-plan-about]"), line && !/[.!?]$/.test(line) ? line + "." : line);
    setHidden(el2.querySelector("[data-plan-about]"), !about.length);
    part.moments.forEach(function (m) {
      var li = el2.querySelector("[data-moment='" + m.id + "']");
      setText(li.querySelector("[data-moment-date]"), start ? momentText(m, momentDates(m, start)) : "Datum: ……");
    });
  }

  function ymd(date) {
    return date.getFullYear() + ("0" + (date.getMonth() + 1)).slice(-2) + ("0" + date.getDate()).slice(-2);
  }

  function icsText(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  /* Lines of at most 75 octets; a continuation line starts with a space (RFC 5545, 3.1). */
  var encoder = typeof TextEncoder === "undefined" ? { encode: function (c) { return unescape(encodeURIComponent(c)); } } : new TextEncoder();

  function fold(line) {
    var out = [], current = "", size = 0;
    Array.from(line).forEach(function (ch) {
      var bytes = encoder.encode(ch).length;
      if (size + bytes > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
        size = 0;
      }
      current += ch;
      size += bytes;
    });
    out.push(current);
    return out.join("\r\n ");
  }

  function makeIcs(root, part) {
    var cfg = root._config;
    var start = parseLocal(root._state.values[part.from]);
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PSA-werkboek//" + cfg.title + "//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    part.moments.forEach(function (m) {
      if (m.show_if && !holds(root._state.values, m.show_if)) return;
      var dates = momentDates(m, start);
      var first = dates.from.date;
      var last = dates.until ? dates.until.date : first;
      var end = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
      var summary = (part.calendar || cfg.title) + ": " + m.title;
      if (m.deadline && dates.from.time) summary += " (uiterlijk " + ("0" + first.getHours()).slice(-2) + ":" + ("0" + first.getMinutes()).slice(-2) + ")";
      lines.push("BEGIN:VEVENT",
        "UID:" + cfg.id + "-" + m.id + "-" + ymd(new Date(start.y, start.m, start.d)) + ("0" + start.hh).slice(-2) + ("0" + start.mm).slice(-2) + "@psa-werkboek",
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + ymd(first),
        "DTEND;VALUE=DATE:" + ymd(end),
        "SUMMARY:" + icsText(summary),
        "DESCRIPTION:" + icsText(m.items.map(function (t, i) {
          return ["- " + t].concat((m.subs[i] || []).map(function (sub) { return "   • " + sub; })).join("\n");
        }).join("\n")),
        "TRANSP:TRANSPARENT",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  /* ---- Templates and handouts: text with the user's words in the open places ---- */

  function renderTemplate(root, values) {
    var defs = globalDefs(root._config);
    all(root, "[data-slot]").forEach(function (span) {
      var id = span.getAttribute("data-slot");
      var filled = !emptyValue(values[id]);
      var text = filled ? formatValue(defs[id], values[id]).trim() : span.getAttribute("data-blank");
      // A blank at the end of a sentence: the sentence still ends with a full stop.
      if (filled && span.hasAttribute("data-ends") && !/[.!?…]$/.test(text)) text += ".";
      setText(span, text);
      span.classList.toggle("formulier__plek--leeg", !filled);
    });
    all(root, "[data-only-slot]").forEach(function (p) {
      setHidden(p, !p.querySelector(".formulier__plek:not(.formulier__plek--leeg)"));
    });
    all(root, "[data-handout-text]").forEach(function (box) {
      var v = values[box.getAttribute("data-handout-text")];
      box.textContent = "";
      String(v || "").split(/\n\s*\n/).forEach(function (t) { if (t.trim()) box.appendChild(el("p", t.trim())); });
      setHidden(box, emptyValue(v));
    });
  }

  /* ---- CSV for Excel: UTF-8 with BOM, semicolons, CRLF; cells that Excel would run as a formula get a quote ---- */

  function csvCell(value) {
    var s = String(value === undefined || value === null ? "" : value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[";\r\n]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
  }

  function csv(rows) {
    return "\uFEFF" + rows.map(function (r) { return r.map(csvCell).join(";"); }).join("\r\n") + "\r\n";
  }

  function recordsCsv(root, part) {
    var head = part.tally ? ["Nr.", "Soort", "Aantal lijsten"] : ["Nr."];
    var cols = [];
    part.fields.forEach(function (f) {
      if (f.type === "grid") {
        f.rows.forEach(function (r) { f.columns.forEach(function (c) { cols.push({ f: f, cell: r.id + ":" + c.id }); head.push(f.label + ": " + r.label + " – " + c.label); }); });
      } else if (part.tally && (f.type === "choice" || f.type === "multi") || f.type === "multi") {
        f.options.forEach(function (o) { cols.push({ f: f, option: o.id }); head.push(f.label + ": " + o.label); });
      } else {
        cols.push({ f: f });
        head.push(f.label);
        if (f.note) { cols.push({ f: f, note: true }); head.push("Toelichting: " + (f.short || f.label)); }
      }
    });
    var rows = [head];
    (root._state.records[part.id] || []).forEach(function (rec, i) {
      rows.push((part.tally ? [i + 1, rec.tally ? "stapel" : part.label.toLowerCase(), rec.tally ? rec.tally.n : 1] : [i + 1]).concat(cols.map(function (c) {
        if (rec.tally) {
          if (c.option) return ((rec.tally.counts[c.f.id] || {})[c.option]) || 0;
          return rec.tally.texts[c.f.id] || "";
        }
        var v = rec.values[c.f.id];
        if (c.note) return rec.values["toelichting:" + c.f.id] || "";
        if (c.cell) return Array.isArray(v) && v.indexOf(c.cell) >= 0 ? 1 : 0;
        if (c.option) return (Array.isArray(v) ? v.indexOf(c.option) >= 0 : v === c.option) ? 1 : 0;
        return formatValue(c.f, v);
      })));
    });
    return csv(rows);
  }

  /* The report as shown: each block's title, sentences and table rows. */
  function reportCsv(root, part) {
    var rows = [[root._config.title], ["Gemaakt op", formatDate(new Date(), false)], []];
    all(partEl(root, part.id), "[data-block]").forEach(function (block) {
      if (block.hidden) return;
      var title = block.querySelector("h1, h2, h3, h4, h5, h6");
      if (title) rows.push([title.textContent.replace(/voorstel$/, "").trim()]);
      all(block, "[data-block-body] > p, [data-block-body] li, [data-block-body] tr").forEach(function (node) {
        if (node.tagName === "TR") rows.push(all(node, "th, td").map(function (c) { return c.textContent === "–" ? "" : c.textContent; }));
        else rows.push([node.textContent]);
      });
      rows.push([]);
    });
    return csv(rows);
  }

  function downloadText(root, text, type, filename, partId) {
    partMessage(root, partId, saveFile(text, type, filename));
  }

  /* ---- Saving, files and clearing ---- */

  function formKey(cfg) {
    return PREFIX + cfg.id + ":v" + cfg.version;
  }

  function optedIn(cfg) {
    return !!storage && storage.getItem(optInKey(cfg)) === "ja";
  }

  function storable(cfg, part, forFile) {
    var how = part.storage || "local";
    return forFile || how === "local" || how === "optin" && optedIn(cfg);
  }

  /* What may leave the page: to this browser's storage, or (forFile) to a file the user saves. */
  function portable(root, forFile) {
    var cfg = root._config, s = root._state;
    var out = { values: {}, records: {}, ticks: {} };
    Object.keys(s.values).forEach(function (k) {
      var id = k.indexOf("toelichting:") === 0 ? k.slice(12) : k;
      var g = cfg.globals[id];
      if (g && g.f.store !== false && storable(cfg, g.part, forFile)) out.values[k] = s.values[k];
    });
    cfg.parts.forEach(function (p) {
      if (p.type === "records" && storable(cfg, p, forFile) && (s.records[p.id] || []).length) out.records[p.id] = s.records[p.id];
      if (p.type === "schedule" && storable(cfg, p, forFile)) {
        Object.keys(s.ticks).forEach(function (k) { if (k.split(":")[0] in p.byMoment) out.ticks[k] = true; });
      }
    });
    return out;
  }

  function formSave(root) {
    var cfg = root._config;
    if (!storage) return;
    var data = portable(root, false);
    if (!Object.keys(data.values).length && !Object.keys(data.records).length && !Object.keys(data.ticks).length) {
      storage.removeItem(formKey(cfg));
    } else if (!storage.setItem(formKey(cfg), JSON.stringify(Object.assign({ format: FORM_FORMAT, tool: cfg.id, version: cfg.version }, data)))) {
      storage.removeItem(formKey(cfg));
      setText(root.querySelector("[data-message]"), "Er kan op dit apparaat niets worden bewaard: de opslag van de browser is vol of staat uit. U kunt gewoon verder werken, afdrukken of een bestand opslaan.");
    }
  }

  function validValue(f, v) {
    if (f.type === "choice") return typeof v === "string" && f.options.some(function (o) { return o.id === v; });
    if (f.type === "multi") return Array.isArray(v) && v.every(function (x) { return f.options.some(function (o) { return o.id === x; }); });
    if (f.type === "grid") {
      return Array.isArray(v) && v.every(function (x) {
        var rc = String(x).split(":");
        return f.rows.some(function (r) { return r.id === rc[0]; }) && f.columns.some(function (c) { return c.id === rc[1]; });
      });
    }
    if (f.type === "check") return v === true;
    if (f.type === "signatures") return isObject(v) && Object.keys(v).every(function (k) { return typeof v[k] === "string"; });
    if (f.type === "date" || f.type === "datetime") return parseLocal(v) !== null;
    return typeof v === "string" && v.length < 20000;
  }

  function checkValues(defs, values, where, dropped) {
    var out = {};
    if (!isObject(values)) return out;
    Object.keys(values).forEach(function (k) {
      var id = k.indexOf("toelichting:") === 0 ? k.slice(12) : k;
      var f = own(defs, id) ? defs[id] : null;
      var ok = f && f.store !== false && (k === id ? validValue(f, values[k]) : typeof values[k] === "string");
      if (ok) out[k] = values[k];
      else dropped.push(where + "‘" + (f ? f.label : k) + "’" + (f ? " heeft een onbekende waarde" : " bestaat niet in dit hulpmiddel"));
    });
    return out;
  }

  function checkTally(part, t) {
    if (!isObject(t) || !isObject(t.counts) || !isObject(t.texts)) return null;
    var clean = { n: t.n, counts: {}, texts: {} };
    var ok = Object.keys(t.counts).every(function (fid) {
      var f = own(part.defs, fid) ? part.defs[fid] : null;
      if (!f || !f.options || !isObject(t.counts[fid])) return false;
      clean.counts[fid] = {};
      return Object.keys(t.counts[fid]).every(function (o) {
        clean.counts[fid][o] = t.counts[fid][o];
        return f.options.some(function (x) { return x.id === o; });
      });
    }) && Object.keys(t.texts).every(function (fid) {
      clean.texts[fid] = t.texts[fid];
      return own(part.defs, fid) && typeof t.texts[fid] === "string";
    });
    return ok && !tallyErrors(part, clean).length ? clean : null;
  }

  function checkFormData(root, data) {
    var cfg = root._config;
    if (!isObject(data) || data.format !== FORM_FORMAT) return { error: "Dit bestand hoort niet bij dit hulpmiddel, of het is beschadigd. Er is niets veranderd." };
    if (data.tool !== cfg.id) return { error: "Dit bestand hoort bij een ander hulpmiddel" + (typeof data.title === "string" ? " (‘" + data.title.slice(0, 80) + "’)" : "") + ". Er is niets veranderd." };
    if (data.version !== cfg.version) return { error: "Dit bestand komt uit een andere versie van dit hulpmiddel (versie " + String(data.version) + "). Er is niets veranderd." };
    var dropped = [];
    var state = { values: checkValues(globalDefs(cfg), data.values, "", dropped), records: {}, ticks: {} };
    Object.keys(isObject(data.records) ? data.records : {}).forEach(function (pid) {
      var part = own(cfg.byPart, pid) ? cfg.byPart[pid] : null;
      if (!part || part.type !== "records" || !Array.isArray(data.records[pid])) {
        dropped.push("Onbekend onderdeel ‘" + pid + "’");
        return;
      }
      state.records[pid] = [];
      data.records[pid].forEach(function (rec, i) {
        var where = part.label + " " + (i + 1) + ": ";
        if (isObject(rec) && isObject(rec.tally)) {
          var t = checkTally(part, rec.tally);
          if (t) state.records[pid].push({ tally: t });
          else dropped.push(where + "de aantallen kloppen niet");
        } else if (isObject(rec) && isObject(rec.values)) {
          state.records[pid].push({ values: checkValues(part.defs, rec.values, where, dropped) });
        } else {
          dropped.push(where + "beschadigd");
        }
      });
    });
    Object.keys(isObject(data.ticks) ? data.ticks : {}).forEach(function (k) {
      var known = cfg.parts.some(function (p) { return p.type === "schedule" && p.taskKeys.indexOf(k) >= 0; });
      if (known && data.ticks[k] === true) state.ticks[k] = true;
      else dropped.push("Onbekend vinkje ‘" + k + "’");
    });
    return { state: state, dropped: dropped };
  }

  function applyFormState(root, state) {
    root._state = { values: state.values, records: state.records, ticks: state.ticks };
    root._config.parts.forEach(function (p) { if (p.type === "records") resetEntry(root, p); });
    writeAll(root);
    formSave(root);
    formUpdate(root);
  }

  function formImport(root, input) {
    var say = function (r, text) { setText(r.querySelector("[data-message]"), text); };
    readFile(root, input, say, function (data) {
      var result = checkFormData(root, data);
      if (result.error) return say(root, result.error);
      var s = root._state;
      var hasData = Object.keys(s.values).length || Object.keys(s.ticks).length ||
        Object.keys(s.records).some(function (k) { return (s.records[k] || []).length; });
      if (!result.dropped.length && !hasData) {
        applyFormState(root, result.state);
        return say(root, "Alles uit het bestand is overgenomen.");
      }
      root._pending = result;
      var box = root.querySelector("[data-confirm='import']");
      setText(box.querySelector("[data-import-problems]"), (hasData ? "Als u dit bestand overneemt, vervangt het alles wat u nu heeft ingevuld. " : "") +
        (result.dropped.length ? "Niet alles uit het bestand past bij dit hulpmiddel. Wat u nu heeft, blijft staan tot u kiest. Dit nemen we niet over:" : "Wat u nu heeft, blijft staan tot u kiest."));
      var list = box.querySelector("[data-import-list]");
      list.textContent = "";
      result.dropped.forEach(function (text) { list.appendChild(el("li", text)); });
      box.hidden = false;
      box.querySelector("[data-action='import-confirm']").focus();
    });
  }

  function writeAll(root) {
    var cfg = root._config, s = root._state;
    fillRefs(root);
    var defs = globalDefs(cfg);
    all(root, "[data-part]").forEach(function (partNode) {
      var type = cfg.byPart[partNode.getAttribute("data-part")].type;
      if (type === "fields" || type === "schedule") writeFields(partNode, defs, s.values);
    });
    all(root, "[data-task]").forEach(function (box) { box.checked = !!s.ticks[box.getAttribute("data-task")]; });
  }

  /* ---- Printing one part, filled in or blank ---- */

  function paperCopies(root) {
    copyValuesForPaper(root, "input[type='text'], input[type='date'], input[type='datetime-local'], input[type='number'], textarea",
      "formulier__papiertekst");
    setText(root.querySelector("[data-printed]"), "Afgedrukt op " + formatDate(new Date(), false));
    var cfg = root._config;
    setText(root.querySelector("[data-print-context]"), (cfg.printContext || []).filter(function (id) {
      return !emptyValue(root._state.values[id]);
    }).map(function (id) {
      var f = cfg.globals[id].f;
      return (f.short || f.label).replace(/[?:]$/, "") + ": " + (f.options ? optionShort(f, root._state.values[id]) : formatValue(f, root._state.values[id]));
    }).join(" · "));
  }

  function printPart(root, partId, blank, style) {
    var part = partEl(root, partId);
    var saved = blank ? JSON.stringify(root._state) : null;
    if (blank) {
      root._state = { values: {}, records: root._state.records, ticks: {} };
      writeAll(root);
      formUpdate(root, true);
    }
    paperCopies(root);
    root.setAttribute("data-print-part", partId);
    root.setAttribute("data-print-type", root._config.byPart[partId].type);
    part.setAttribute("data-printing", "");
    if (style) part.setAttribute("data-print-style", style);
    printOnly(root, blank ? { "data-print-blank": "" } : {}, function () {
      root.removeAttribute("data-print-part");
      root.removeAttribute("data-print-type");
      part.removeAttribute("data-printing");
      part.removeAttribute("data-print-style");
      if (blank) {
        root._state = JSON.parse(saved);
        writeAll(root);
        formUpdate(root, true);
      }
    });
  }

  /* ---- Updating the page from the state ---- */

  function formUpdate(root, noSave) {
    var cfg = root._config;
    var values = root._state.values;
    fillRefs(root);
    all(root, "[data-part]").forEach(function (partNode) {
      var part = cfg.byPart[partNode.getAttribute("data-part")];
      if (part.type === "records") {
        var entry = partNode.querySelector("[data-entry-form='single']");
        applyConditions(partNode, withGlobals(root, part, readFields(entry, part.defs)));
        renderRecords(root, part);
      } else if (part.type !== "report") {
        applyConditions(partNode, values);
      }
    });
    renderTemplate(root, activeValues(globalDefs(cfg), values));
    cfg.parts.forEach(function (p) {
      if (p.type === "schedule") renderSchedule(root, p);
      if (p.type === "report") renderReport(root, p);
      if (p.type === "layout") renderLayout(root, p);
    });
    if (!noSave) formSave(root);
  }

  function readGlobals(root) {
    var defs = globalDefs(root._config);
    var values = {};
    all(root, "[data-part]").forEach(function (partNode) {
      var p = root._config.byPart[partNode.getAttribute("data-part")];
      if (p.type === "fields" || p.type === "schedule") Object.assign(values, readFields(partNode, defs));
    });
    return values;
  }

  function formInit(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var cfg = formConfig(root);
    cfg.parts.forEach(function (p) {
      if (p.type !== "schedule") return;
      p.byMoment = {};
      p.taskKeys = [];
      p.moments.forEach(function (m) {
        p.byMoment[m.id] = m;
        m.tasks.forEach(function (t) { p.taskKeys.push(m.id + ":" + t); });
      });
    });
    root._state = { values: {}, records: {}, ticks: {} };
    root._editing = {};
    all(root, "[data-js]").forEach(function (node) { node.hidden = false; });
    all(root, "[data-action='opt-in']").forEach(function (box) { box.checked = optedIn(cfg); });
    var raw = storage && storage.getItem(formKey(cfg));
    if (raw) {
      var result = null;
      try { result = checkFormData(root, JSON.parse(raw)); } catch (e) { result = null; }
      if (result && result.state) {
        root._state = result.state;
        writeAll(root);
      } else {
        setText(root.querySelector("[data-message]"), "Wat eerder bewaard was, kon niet worden gelezen. U begint leeg.");
      }
    }
    formUpdate(root, true);
    cfg.parts.forEach(function (p) { if (p.type === "catalogue") filterCatalogue(root, p); });
    if (!storage) setText(root.querySelector("[data-message]"), "Er kan op dit apparaat niets worden bewaard: de opslag van de browser staat uit. U kunt gewoon invullen, afdrukken of een bestand opslaan.");
  }

  function formChange(root, event) {
    var target = event.target;
    var cfg = root._config;
    var action = target.getAttribute("data-action");
    if (action === "import") return formImport(root, target);
    if (action === "opt-in") {
      if (!storage) {
        target.checked = false;
      } else if (target.checked) {
        storage.setItem(optInKey(cfg), "ja");
        formSave(root);
      } else {
        storage.removeItem(optInKey(cfg));
        storage.removeAnswers(cfg); // also what an older version kept
        formSave(root);
      }
      all(root, "[data-action='opt-in']").forEach(function (box) { box.checked = target.checked; });
      partMessage(root, target.closest("[data-part]") ? target.closest("[data-part]").getAttribute("data-part") : null,
        !storage ? "Bewaren kan niet: de opslag van de browser staat uit." :
        target.checked ? "Wordt nu bewaard op dit apparaat." : "Wordt niet meer bewaard. Wat bewaard was, is gewist.");
      formUpdate(root, true);
      return;
    }
    if (target.hasAttribute("data-filter")) return filterCatalogue(root, cfg.byPart[target.closest("[data-part]").getAttribute("data-part")]);
    if (action === "compare-files") return compareFiles(root, cfg.byPart[target.closest("[data-part]").getAttribute("data-part")], target);
    if (target.hasAttribute("data-entry-mode")) {
      setEntryMode(target.closest("[data-part]"), target.value);
      return;
    }
    var entryPart = target.closest("[data-entry]") && target.closest("[data-part]");
    if (entryPart) {
      // Typing in the entry form changes nothing saved yet: only its own conditions need updating.
      var ep = cfg.byPart[entryPart.getAttribute("data-part")];
      applyConditions(entryPart.querySelector("[data-entry]"), withGlobals(root, ep,
        readFields(entryPart.querySelector("[data-entry-form='single']"), ep.defs)));
      return;
    }
    if (target.hasAttribute("data-task")) {
      if (target.checked) root._state.ticks[target.getAttribute("data-task")] = true;
      else delete root._state.ticks[target.getAttribute("data-task")];
    } else {
      var before = root._state.values;
      root._state.values = readGlobals(root);
      cfg.parts.forEach(function (p) {
        if (p.type === "schedule" && before[p.from] && root._state.values[p.from] !== before[p.from] && Object.keys(root._state.ticks).length && event.type === "change") {
          partMessage(root, p.id, "De datum is veranderd; de vinkjes staan er nog. Gaat het om een ander incident? Kies dan onderaan ‘Wis alles’ en begin opnieuw.");
        }
      });
      var partNode = target.closest("[data-part]");
      var part = partNode && cfg.byPart[partNode.getAttribute("data-part")];
      // Dates are checked as soon as they change; empty fields only once the user has asked for the check.
      var summary = partNode && partNode.querySelector("[data-error-summary]");
      if (summary && !summary.hidden) checkPart(root, part, true);
      else if (part && part.type === "fields") showFieldErrors(partNode, fieldErrors(part.defs, root._state.values, false));
    }
    formUpdate(root);
  }

  function formClick(root, button) {
    var cfg = root._config;
    var action = button.getAttribute("data-action");
    var partNode = button.closest("[data-part]");
    var part = partNode && cfg.byPart[partNode.getAttribute("data-part")];
    if (confirmStep(/^clear-part/.test(action) ? partNode : root, action, ["clear", "clear-part"])) return;
    if (action === "print-part" || action === "print-part-blank") {
      var open = all(partNode, "[data-slot].formulier__plek--leeg").filter(function (slot) { return !slot.closest("[data-only-slot]"); });
      printPart(root, part.id, action === "print-part-blank");
      if (open.length) partMessage(root, part.id, "Let op: er " + (open.length === 1 ? "is nog 1 open plek" : "zijn nog " + open.length + " open plekken") + " met puntjes. Vul die in voordat u de brief verstuurt.");
    }
    else if (action === "check") checkPart(root, part);
    else if (action === "record-save") saveRecord(root, part);
    else if (action === "record-reset") { resetEntry(root, part); partMessage(root, part.id, "Het invulformulier is leeggemaakt."); }
    else if (action === "record-copy") copyRecord(root, part);
    else if (action === "record-examples") {
      var list = root._state.records[part.id] = root._state.records[part.id] || [];
      var have = list.map(function (r, i) { return groupKey(recordName(part, r, i)); });
      var fresh = part.examples.filter(function (values) { return have.indexOf(groupKey(recordName(part, { values: values }, -1))) < 0; });
      fresh.forEach(function (values) { list.push({ values: JSON.parse(JSON.stringify(values)) }); });
      formSave(root);
      formUpdate(root);
      partMessage(root, part.id, fresh.length ? fresh.length + " voorbeelden uit het boek toegevoegd. Pas ze aan of verwijder wat niet past." :
        "De voorbeelden uit het boek staan er al.");
    } else if (action === "catalogue-add") addFromCatalogue(root, part, button);
    else if (action === "print-layout") printPart(root, part.id, false, button.getAttribute("data-style"));
    else if (action === "record-edit") editRecord(root, part, Number(button.getAttribute("data-index")));
    else if (action === "record-delete") deleteRecord(root, part, Number(button.getAttribute("data-index")), button);
    else if (action === "csv-records") downloadText(root, recordsCsv(root, part), "text/csv;charset=utf-8", cfg.id + "-" + part.id + "-" + today() + ".csv", part.id);
    else if (action === "csv-report") downloadText(root, reportCsv(root, part), "text/csv;charset=utf-8", cfg.id + "-" + part.id + "-" + today() + ".csv", part.id);
    else if (action === "ics") {
      if (!parseLocal(root._state.values[part.from])) {
        partMessage(root, part.id, "Vul eerst de datum en het tijdstip van het incident in.");
        return;
      }
      downloadText(root, makeIcs(root, part), "text/calendar;charset=utf-8", cfg.id + "-" + today() + ".ics", part.id);
    } else if (action === "clear-part-confirm") {
      delete root._state.records[part.id];
      resetEntry(root, part);
      formSave(root);
      partMessage(root, part.id, "Alles is gewist.");
    } else if (action === "clear-confirm") {
      root._state = { values: {}, records: {}, ticks: {} };
      root._editing = {};
      writeAll(root);
      cfg.parts.forEach(function (p) { if (p.type === "records") resetEntry(root, p); });
      if (storage) storage.removeAnswers(cfg);
      formUpdate(root);
      setText(root.querySelector("[data-message]"), "Alles is gewist, ook op dit apparaat.");
    } else if (action === "export") {
      var data = Object.assign({ format: FORM_FORMAT, tool: cfg.id, title: cfg.title, version: cfg.version, exported: new Date().toISOString() }, portable(root, true));
      downloadText(root, JSON.stringify(data, null, 2), "application/json", cfg.id + "-" + today() + ".json", null);
    } else if (action === "import-confirm" || action === "import-cancel") {
      root.querySelector("[data-confirm='import']").hidden = true;
      if (action === "import-confirm" && root._pending) applyFormState(root, root._pending.state);
      setText(root.querySelector("[data-message]"), action === "import-confirm" ? "Overgenomen wat klopte." : "Het bestand is niet overgenomen. Er is niets veranderd.");
      root._pending = null;
      root.querySelector("input[data-action='import']").focus();
    }
  }

  /* ---- Workshop tools: references between records, top lists, boards, trees, cards, comparisons, catalogues ---- */

  /* A 'ref' field chooses one of the records of another part, by name. */
  function fillRefs(root) {
    all(root, "select[data-ref]").forEach(function (select) {
      var source = root._config.byPart[select.getAttribute("data-ref")];
      var names = (root._state.records[source.id] || []).map(function (rec, i) { return recordName(source, rec, i); });
      var current = select.value;
      var own = select.closest("[data-entry]") && root._editing[source.id] !== undefined ?
        recordName(source, root._state.records[source.id][root._editing[source.id]], root._editing[source.id]) : null;
      while (select.options.length > 1) select.remove(1);
      names.forEach(function (name) {
        if (name === own) return; // a unit is not part of itself
        select.add(new Option(name, name));
      });
      if (current && names.indexOf(current) < 0) select.add(new Option(current + " (bestaat niet meer)", current));
      select.value = current;
    });
  }

  function numberOf(v) {
    var n = Number(String(v === undefined ? "" : v).replace(",", "."));
    return v === undefined || v === "" || isNaN(n) ? null : n;
  }

  function decimal(n) {
    return (Math.round(n * 10) / 10).toLocaleString(NL);
  }

  BLOCKS.top = function (b, units, part, root) {
    var size = Number(root._state.values[b.size_field]) || b.size || 3;
    var out = [];
    (b.by ? part.defs[b.by].options : [{ id: null, label: "" }]).forEach(function (o) {
      var items = units.filter(function (u) { return !u.tally && (!b.by || u.values[b.by] === o.id) && u.values[b.text]; });
      items.sort(function (x, y) { return (numberOf(y.values[b.field]) || 0) - (numberOf(x.values[b.field]) || 0) || x.index - y.index; });
      var box = el("div", undefined, "rapport__kolom");
      if (b.by) box.appendChild(el("p", o.label + ": top " + Math.min(size, items.length) + " van " + items.length, "rapport__kolomtitel"));
      var ol = el("ol");
      // A tie at the cut-off stays in: the top may then be a little longer.
      var last = items.length > size ? numberOf(items[size - 1].values[b.field]) || 0 : null;
      if (last === 0) last = null; // no votes yet: no tie to keep
      items.filter(function (u, i) { return i < size || (numberOf(u.values[b.field]) || 0) === last; }).forEach(function (u) {
        ol.appendChild(el("li", u.values[b.text] + " (" + (numberOf(u.values[b.field]) || 0) + " " + (numberOf(u.values[b.field]) === 1 ? "stem" : "stemmen") + ")"));
      });
      box.appendChild(items.length ? ol : el("p", "Nog niets."));
      out.push(box);
    });
    return out;
  };

  BLOCKS.board = function (b, units, part) {
    var by = part.defs[b.by];
    var wrap = el("div", undefined, "rapport__bord");
    by.options.forEach(function (o) {
      var col = el("div", undefined, "rapport__kolom");
      col.appendChild(el("p", o.short || o.label, "rapport__kolomtitel"));
      var items = units.filter(function (u) { return !u.tally && u.values[b.by] === o.id && u.values[b.text]; });
      col.appendChild(items.length ? listOf(items.map(function (u) {
        return u.values[b.text] + (b.sub && u.values[b.sub] ? " (" + formatValue(part.defs[b.sub], u.values[b.sub]) + ")" : "");
      })) : el("p", "Nog niets."));
      wrap.appendChild(col);
    });
    return [wrap];
  };

  /* Grades written as '7 8 6,5 9': spaces or semicolons between them, a comma as decimal sign. */
  function numbersIn(v) {
    return String(v === undefined ? "" : v).split(/[\s;]+/).map(numberOf).filter(function (n) { return n !== null; });
  }

  BLOCKS.stats = function (b, units, part) {
    var groups = {}, order = [];
    units.forEach(function (u) {
      if (u.tally) return;
      var list = numbersIn(u.values[b.field]);
      if (!list.length) return;
      var name = u.values[b.by] ? formatValue(part.defs[b.by], u.values[b.by]) : "Zonder naam";
      if (!groups[name]) { groups[name] = []; order.push(name); }
      groups[name] = groups[name].concat(list);
    });
    if (!order.length) return [el("p", b.empty || "Nog geen cijfers.")];
    return [table([part.defs[b.by].short || part.defs[b.by].label, "Aantal (n)", "Gemiddeld", "Laagste", "Hoogste"], order.map(function (name) {
      var list = groups[name];
      var sum = list.reduce(function (a, c) { return a + c; }, 0);
      return [name, String(list.length), decimal(sum / list.length), decimal(Math.min.apply(null, list)), decimal(Math.max.apply(null, list))];
    }))];
  };

  BLOCKS.rows = function (b, units, part) {
    var recs = units.filter(function (u) { return !u.tally; });
    if (!recs.length) return [el("p", b.empty || "Nog niets.")];
    var fields = blockFields(part, b);
    return [table(["Nr."].concat(fields.map(function (f) { return f.short || f.label; })), recs.map(function (u) {
      return [String(u.index + 1)].concat(fields.map(function (f) { return formatValue(f, u.values[f.id]) || "–"; }));
    }))];
  };

  BLOCKS.tree = function (b, units, part) {
    var byName = {}, children = {};
    var recs = units.filter(function (u) { return !u.tally; });
    recs.forEach(function (u) { byName[recordName(part, { values: u.values }, u.index)] = u; });
    var roots = [];
    recs.forEach(function (u) {
      var parent = u.values[b.parent];
      if (parent && byName[parent] && byName[parent] !== u) (children[parent] = children[parent] || []).push(u);
      else roots.push(u);
    });
    // Units in a loop ('A under B, B under A') have no way up to a root. Each loop is shown once, from one of its
    // members; only the members are marked.
    var reached = [];
    function walk(list) {
      list.forEach(function (u) {
        if (reached.indexOf(u) >= 0) return;
        reached.push(u);
        walk(children[recordName(part, { values: u.values }, u.index)] || []);
      });
    }
    walk(roots);
    recs.forEach(function (u) {
      var up = u, steps = 0;
      while (up && steps++ <= recs.length) {
        up = byName[up.values[b.parent]];
        if (up === u) { u.loop = true; break; }
      }
    });
    recs.forEach(function (u) {
      if (reached.indexOf(u) >= 0 || !u.loop) return;
      roots.push(u);
      walk([u]);
    });
    var colour = part.defs[b.field];
    function branch(list, seen) {
      var ul = el("ul", undefined, "rapport__boom");
      list.forEach(function (u) {
        var name = recordName(part, { values: u.values }, u.index);
        var li = el("li");
        var v = u.values[b.field];
        var tag = el("span", v ? optionShort(colour, v) : "Niet ingekleurd", "rapport__kleur rapport__kleur--" + (v || "geen"));
        li.appendChild(tag);
        li.appendChild(document.createTextNode(" " + name));
        if (u.values["toelichting:" + b.field]) li.appendChild(el("span", " – " + u.values["toelichting:" + b.field], "rapport__toelichting"));
        if (u.loop) li.appendChild(el("span", " (valt onder een afdeling die zelf hieronder valt: kies bij ‘Valt onder’ een andere)", "rapport__let-op"));
        var below = (children[name] || []).filter(function (c) { return seen.indexOf(recordName(part, { values: c.values }, c.index)) < 0; });
        if (below.length) li.appendChild(branch(below, seen.concat([name])));
        ul.appendChild(li);
      });
      return ul;
    }
    return recs.length ? [branch(roots, roots.map(function (u) { return recordName(part, { values: u.values }, u.index); }))] : [el("p", b.empty || "")];
  };

  /* Wallet card and poster: the chosen records as a list, under a title the user picked. */
  function renderLayout(root, part) {
    var node = partEl(root, part.id);
    var source = root._config.byPart[part.of];
    var recs = (root._state.records[source.id] || []).filter(function (r) { return !r.tally && (!part.where || holds(r.values, part.where)); });
    var title = root._state.values[part.title_field];
    all(node, "[data-layout]").forEach(function (box) {
      setText(box.querySelector("[data-layout-title]"), title ? formatValue(root._config.globals[part.title_field].f, title) : part.title_default || "");
      var ol = box.querySelector("[data-layout-list]");
      ol.textContent = "";
      recs.forEach(function (r) { ol.appendChild(el("li", String(r.values[part.field] || ""))); });
    });
    setHidden(node.querySelector("[data-layout-empty]"), !!recs.length);
    var warn = node.querySelector("[data-layout-warn]");
    if (warn) setHidden(warn, !(part.max && recs.length > part.max));
  }

  /* Several people's files side by side: one row per name, one column per person; rows that differ are marked. */
  function compareFiles(root, part, input) {
    var files = Array.prototype.slice.call(input.files || []);
    input.value = "";
    var cfg = root._config, source = cfg.byPart[part.of];
    var people = [{ name: "Deze pagina", records: root._state.records[source.id] || [] }];
    var problems = [];
    var pending = files.length;
    if (!pending) return;
    files.forEach(function (file) {
      var reader = new FileReader();
      reader.onload = function () {
        var result = null;
        try { result = checkFormData(root, JSON.parse(reader.result)); } catch (e) { result = null; }
        if (!result || result.error) problems.push(file.name + ": " + (result ? result.error : "dit bestand is beschadigd."));
        else people.push({ name: file.name.replace(/\.json$/i, ""), records: result.state.records[source.id] || [] });
        if (--pending === 0) showComparison(root, part, people, problems);
      };
      reader.onerror = function () {
        problems.push(file.name + ": kon niet worden geopend.");
        if (--pending === 0) showComparison(root, part, people, problems);
      };
      reader.readAsText(file);
    });
  }

  function showComparison(root, part, people, problems) {
    var node = partEl(root, part.id);
    var source = root._config.byPart[part.of];
    var value = source.defs[part.value];
    var rows = {}, order = [];
    people.forEach(function (person, p) {
      person.records.forEach(function (rec, i) {
        if (rec.tally) return;
        var name = recordName(source, rec, i);
        var k = groupKey(name);
        if (!rows[k]) { rows[k] = { name: name, cells: [] }; order.push(k); }
        rows[k].cells[p] = rec.values[part.value];
      });
    });
    var body = node.querySelector("[data-compare-result]");
    body.textContent = "";
    var differ = 0;
    var data = order.map(function (k) {
      var cells = people.map(function (x, p) { return rows[k].cells[p]; });
      var given = cells.filter(function (c) { return c; });
      var split = given.some(function (c) { return c !== given[0]; });
      if (split) differ++;
      return [rows[k].name].concat(cells.map(function (c) { return c ? optionShort(value, c) : "–"; }), [split ? "Verschil" : ""]);
    });
    body.appendChild(table([source.defs[source.columns[0]].short || source.defs[source.columns[0]].label]
      .concat(people.map(function (x) { return x.name; }), ["Verschil?"]), data));
    problems.forEach(function (text) { body.appendChild(el("p", text, "formulier__fout")); });
    partMessage(root, part.id, (people.length - 1) + " bestand(en) vergeleken. " + (differ === 1 ? "Bij 1 onderdeel" : "Bij " + differ + " onderdelen") + " zijn de kleuren verschillend.");
  }

  /* A catalogue of the book's measures: filter, then put one in a records part with one click. */
  function filterCatalogue(root, part) {
    var node = partEl(root, part.id);
    var chosen = {};
    all(node, "select[data-filter]").forEach(function (s) { chosen[s.getAttribute("data-filter")] = s.value; });
    var shown = 0;
    all(node, "[data-entry-item]").forEach(function (li) {
      var ok = Object.keys(chosen).every(function (k) { return !chosen[k] || (li.getAttribute("data-" + k) || "").split(" ").indexOf(chosen[k]) >= 0; });
      setHidden(li, !ok);
      if (ok) shown++;
    });
    all(node, "[data-catalogue-group]").forEach(function (group) {
      setHidden(group, !group.querySelector("[data-entry-item]:not([hidden])"));
    });
    setText(node.querySelector("[data-catalogue-count]"), shown + " " + (shown === 1 ? part.label : part.plural));
  }

  function addFromCatalogue(root, part, button) {
    var target = root._config.byPart[part.into];
    var values = {};
    values[part.text_field] = button.getAttribute("data-text");
    if (part.source_field) values[part.source_field] = button.getAttribute("data-source");
    var list = root._state.records[target.id] = root._state.records[target.id] || [];
    var at = -1;
    list.forEach(function (r, i) { if (r.values && r.values[part.text_field] === values[part.text_field]) at = i; });
    if (at < 0) {
      list.push({ values: values });
      formSave(root);
      formUpdate(root);
    }
    setText(button.closest("li").querySelector("[data-item-message]"), at < 0 ?
      "Staat nu in het plan (nummer " + list.length + ")." : "Stond al in het plan (nummer " + (at + 1) + ").");
  }

  /* From any checklist: put a point in the plan of the plan tool, in this browser's storage. */
  function addToPlan(button) {
    var plan = JSON.parse(document.querySelector("[data-plan-target]").getAttribute("data-plan-target"));
    var item = button.closest("li");
    var values = {};
    values[plan.text] = button.getAttribute("data-text");
    values[plan.source] = button.getAttribute("data-source");
    all(item, "input[data-part]").forEach(function (input) {
      var to = plan.agreement[input.getAttribute("data-part")];
      if (to && input.value.trim()) values[to] = input.value.trim();
    });
    var say = function (text) { setText(button.parentNode.querySelector("[data-plan-message]"), text); };
    if (!storage) return say("Dit kan niet: de opslag van de browser staat uit.");
    var saved = null;
    try { saved = JSON.parse(storage.getItem(plan.key) || "null"); } catch (e) { saved = null; }
    if (!isObject(saved) || saved.format !== FORM_FORMAT) saved = { format: FORM_FORMAT, tool: plan.tool, version: plan.version, values: {}, records: {}, ticks: {} };
    if (!isObject(saved.records)) saved.records = {};
    var list = Array.isArray(saved.records[plan.part]) ? saved.records[plan.part] : [];
    var already = list.some(function (r) { return r && r.values && r.values[plan.text] === values[plan.text] && r.values[plan.source] === values[plan.source]; });
    if (!already) list.push({ values: values });
    saved.records[plan.part] = list;
    if (!storage.setItem(plan.key, JSON.stringify(saved))) return say("Dit kan niet: de opslag van de browser is vol.");
    say(already ? "Dit punt stond al in het plan van aanpak." : "Toegevoegd aan het plan van aanpak (nummer " + list.length + ").");
  }

  /* Another tab (or a 'Zet in plan' on another page, then Back) changed what is stored: take over what is stored,
   * keep what this page holds but does not store. */
  function reloadFromStorage(root) {
    var cfg = root._config;
    var raw = storage && storage.getItem(formKey(cfg));
    var result = null;
    try { result = raw ? checkFormData(root, JSON.parse(raw)) : null; } catch (e) { result = null; }
    if (!result || !result.state) return;
    var s = root._state, fresh = result.state;
    Object.keys(cfg.globals).forEach(function (id) {
      var g = cfg.globals[id];
      if (g.f.store === false || !storable(cfg, g.part, false)) return;
      [id, "toelichting:" + id].forEach(function (k) {
        if (own(fresh.values, k)) s.values[k] = fresh.values[k];
        else delete s.values[k];
      });
    });
    cfg.parts.forEach(function (p) {
      if (p.type === "records" && storable(cfg, p, false)) s.records[p.id] = fresh.records[p.id] || [];
      if (p.type === "schedule" && storable(cfg, p, false)) s.ticks = fresh.ticks;
    });
    root._editing = {};
    cfg.parts.forEach(function (p) { if (p.type === "records") resetEntry(root, p); });
    writeAll(root);
    formUpdate(root, true);
  }

  window.addEventListener("storage", function (event) {
    all(document, "section.formulier[data-ready]").forEach(function (root) {
      if (event.key === formKey(root._config)) reloadFromStorage(root);
    });
    all(document, "[data-opslag][data-ready]").forEach(listStored);
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) all(document, "section.formulier[data-ready]").forEach(reloadFromStorage);
  });

  function formRoot(node) {
    return node && node.closest ? node.closest("section.formulier[data-ready]") : null;
  }

  /* ---- The privacy page: what this site keeps on this device, and wiping all of it ---- */

  /* Every key of this site in the browser's storage (none when storage is off). */
  function storedKeys() {
    try {
      return Object.keys(window.localStorage).filter(function (k) { return k.indexOf(PREFIX) === 0; });
    } catch (e) {
      return [];
    }
  }

  function listStored(root) {
    var names = {}, found = {};
    all(document, "[data-opslag-id]").forEach(function (row) {
      names[row.getAttribute("data-opslag-id")] = row.querySelector("th").textContent.trim();
    });
    storedKeys().forEach(function (k) {
      var id = k.slice(PREFIX.length).split(":")[0];
      found[id] = (found[id] || 0) + 1;
    });
    var ids = Object.keys(found).sort(function (a, b) { return (names[a] || a).localeCompare(names[b] || b, "nl"); });
    var list = root.querySelector("[data-opslag-lijst]");
    list.textContent = "";
    ids.forEach(function (id) {
      var item = document.createElement("li");
      item.textContent = names[id] || "Een hulpmiddel dat niet meer op deze site staat (" + id + ")";
      list.appendChild(item);
    });
    root.querySelector("[data-opslag-leeg]").hidden = ids.length > 0;
    root.querySelector("[data-opslag-vol]").hidden = ids.length === 0;
    if (!storage) setText(root.querySelector("[data-opslag-leeg]"),
      "De opslag van deze browser staat uit. Er staat dus niets van het PSA-werkboek op dit apparaat.");
  }

  function initStorage(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    root.querySelector("[data-opslag-nu]").hidden = false;
    listStored(root);
  }

  function storageClick(root, button) {
    var action = button.getAttribute("data-action");
    if (confirmStep(root, action, ["wipe-all"]) || action !== "wipe-all-confirm") return;
    storedKeys().forEach(function (k) { storage.removeItem(k); });
    listStored(root);
    setText(root.querySelector("[data-message]"), "Alles van het PSA-werkboek is van dit apparaat gewist.");
    root.querySelector("[data-opslag-leeg]").setAttribute("tabindex", "-1");
    root.querySelector("[data-opslag-leeg]").focus();
  }

  // The whole-book print page (afdrukken/) shows every instrument as a blank paper form: answers belong to the
  // instrument's own page, and one page must not load or save them twice.
  function onOwnPage(root) { return !root.closest("[data-afdruk]"); }

  function initAll() {
    all(document, "section.instrument[data-instrument]").filter(onOwnPage).forEach(init);
    all(document, "section.formulier[data-form]").filter(onOwnPage).forEach(formInit);
    all(document, "[data-opslag]").filter(onOwnPage).forEach(initStorage);
  }

  document.addEventListener("change", onChange);
  document.addEventListener("input", function (event) {
    if (["text", "date", "number", "textarea", "datetime-local"].indexOf(event.target.type) >= 0) onChange(event);
  });
  document.addEventListener("click", onClick);
  // "Zeker weten?" on a remove button lasts only while it has focus; Escape or moving away cancels it.
  function unsure(button) {
    if (!button || !button.hasAttribute || !button.hasAttribute("data-sure")) return;
    button.removeAttribute("data-sure");
    button.textContent = "Verwijder";
  }
  document.addEventListener("focusout", function (event) { unsure(event.target); });
  // Enter in a one-line field of an entry form saves the entry, as a form's submit would.
  document.addEventListener("keydown", function (event) {
    var t = event.target;
    if (event.key !== "Enter" || t.tagName !== "INPUT" || ["text", "number", "date"].indexOf(t.type) < 0) return;
    var entry = formRoot(t) && t.closest("[data-entry]");
    if (!entry) return;
    event.preventDefault();
    entry.querySelector("[data-action='record-save']").click();
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") unsure(event.target); });
  // A number field under the mouse would change with the scroll wheel; let the page scroll instead.
  document.addEventListener("wheel", function (event) {
    if (event.target.type === "number" && event.target === document.activeElement && formRoot(event.target)) event.target.blur();
  }, { passive: true });
  document.addEventListener("keydown", function (event) {
    var box = event.key === "Escape" && event.target.closest && event.target.closest(".instrument__bevestig");
    if (box) box.querySelector("[data-action$='-cancel']").click();
  });
  window.addEventListener("beforeprint", function () {
    all(document, "section.instrument[data-instrument][data-ready]").forEach(stamp);
    all(document, "section.formulier[data-ready]").forEach(paperCopies);
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

  window.PSAInstrument = { readState: readState, writeState: writeState, checkImport: checkImport, update: update,
    encode: encode, decode: decode };
})();
