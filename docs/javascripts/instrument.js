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
        try {
          Object.keys(ls).forEach(function (k) {
            if (k.indexOf(start) === 0 && /^\d+$/.test(k.slice(start.length))) ls.removeItem(k);
          });
        } catch (e) { /* nothing to remove */ }
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
  function copyValuesForPaper(root) {
    all(root, "input[type='text'], input[type='date']").forEach(function (input) {
      var copy = input.nextElementSibling;
      if (!copy || !copy.classList.contains("instrument__papier")) {
        copy = document.createElement("span");
        copy.className = "instrument__papier";
        copy.setAttribute("aria-hidden", "true");
        input.after(copy);
      }
      setText(copy, input.value);
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

  function download(root, data, filename, say) {
    var blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    say(root, "Opgeslagen in het bestand " + filename + ".");
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

  function print(root, blank, teamReport) {
    var state = readState(root);
    stamp(root);
    document.body.setAttribute("data-print-instrument", root.id);
    if (teamReport) document.body.setAttribute("data-print-team", "");
    root.classList.add("instrument--printing");
    if (blank) {
      document.body.setAttribute("data-print-blank", "");
      writeState(root, emptyState());
      copyValuesForPaper(root);
    }
    var restored = false;
    function restore() {
      if (restored) return;
      restored = true;
      if (blank) {
        writeState(root, state);
        copyValuesForPaper(root);
        document.body.removeAttribute("data-print-blank");
      }
      document.body.removeAttribute("data-print-instrument");
      document.body.removeAttribute("data-print-team");
      root.classList.remove("instrument--printing");
      if (root.getAttribute("data-mode") === "team") updateTeam(root);
      else update(root);
    }
    // Desktop browsers block in print() and fire afterprint; some phones return at once and fire it later.
    window.addEventListener("afterprint", restore, { once: true });
    window.print();
    setTimeout(restore, 1000);
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
    if (storage) storage.setItem(key(config(root)) + ":modus", mode);
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

  function onClick(event) {
    var button = event.target.closest && event.target.closest("button[data-action]");
    var root = rootOf(button);
    if (!root) return;
    var action = button.getAttribute("data-action");
    var ask = action.replace(/-(confirm|cancel)$/, "");
    var box = CONFIRMED.indexOf(ask) >= 0 ? root.querySelector("[data-confirm='" + ask + "']") : null;
    if (box && action === ask) {
      box.hidden = false;
      box.querySelector("[data-action$='-cancel']").focus();
      return;
    }
    if (box) {
      box.hidden = true;
      root.querySelector("[data-action='" + ask + "']").focus();
      if (action === ask + "-cancel") return;
    }
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

  function initAll() {
    all(document, "section.instrument[data-instrument]").forEach(init);
  }

  document.addEventListener("change", onChange);
  document.addEventListener("input", function (event) {
    if (["text", "date", "number"].indexOf(event.target.type) >= 0) onChange(event);
  });
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", function (event) {
    var box = event.key === "Escape" && event.target.closest && event.target.closest(".instrument__bevestig");
    if (box) box.querySelector("[data-action$='-cancel']").click();
  });
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

  window.PSAInstrument = { readState: readState, writeState: writeState, checkImport: checkImport, update: update,
    encode: encode, decode: decode };
})();
