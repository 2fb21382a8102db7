/* Team mode of a checklist ("Samen invullen", overrides/partials/instrument-team.html): counts by show of hands and
 * result codes from own devices, added up in this browser. Nothing is shown below the minimum group. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var all = PSA.all, setText = PSA.setText, setHidden = PSA.setHidden, t = PSA.t, isObject = PSA.isObject;
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base 32: no I, L, O or U to misread
  var TEAM_FORMAT = "psa-werkboek-team";

  /* ---- Result codes ---- */

  /* One slot per item and coded field (cfg.coded, from the build: choices and ticks, never free text). */
  function slots(cfg) {
    var out = [];
    cfg.items.forEach(function (item) {
      cfg.coded.forEach(function (f) {
        out.push({ item: item.id, field: f.id, check: f.type === "check", options: f.type === "check" ? ["true"] : f.options });
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
    if (!m) return { error: t("team.code.none") };
    m[3] = crockford(m[3]);
    m[4] = crockford(m[4]);
    if (/U/.test(m[3] + m[4])) return { error: t("team.code.damaged") };
    var body = m[1] + "." + m[2] + "." + m[3] + "." + m[4];
    if (checksum(body) !== crockford(m[5])) return { error: t("team.code.damaged") };
    if (m[1] !== cfg.id) return { error: t("team.code.otherList") };
    if (Number(m[2]) !== cfg.version) return { error: t("team.code.otherVersion") };
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
    if (big !== BigInt(0)) return { error: t("team.code.broken") };
    return { answers: answers, nonce: m[4] };
  }

  /* ---- Team state, kept in this browser under cfg.storage.team ---- */

  function emptyTeam() {
    return { participants: 0, manual: {}, merged: { count: 0, tallies: {}, fingerprints: [] }, agreements: {}, top: 5,
      context: {} };
  }

  function team(inst) {
    if (!inst.teamState) {
      inst.teamState = emptyTeam();
      try {
        var saved = JSON.parse(PSA.store.get(inst.cfg.storage.team) || "null");
        if (saved) inst.teamState = saved;
      } catch (e) { /* unreadable: start empty */ }
    }
    return inst.teamState;
  }

  function message(inst, text) {
    setText(inst.root.querySelector("[data-team-message]"), text);
  }

  function saveTeam(inst) {
    if (PSA.store.available && !PSA.store.set(inst.cfg.storage.team, JSON.stringify(team(inst)))) message(inst, t("team.notSaved"));
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
    var matches = PSA.module("checklist").matches;
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

  function update(inst) {
    var root = inst.root, cfg = inst.cfg, state = team(inst);
    var participants = state.participants + state.merged.count;
    // Hands are counted in the open; codes are not, so codes alone must reach the minimum before any are shown.
    var enough = participants >= cfg.minGroup && (state.merged.count === 0 || state.merged.count >= cfg.minGroup);
    setHidden(root.querySelector("[data-team-result]"), !enough);
    setText(root.querySelector("[data-team-status]"), enough ?
      (state.merged.count ? t("team.status.withCodes", { n: participants, codes: state.merged.count }) : t("team.status", { n: participants })) :
      (state.merged.count && state.merged.count < cfg.minGroup ?
        t("team.status.fewCodes", { min: cfg.minGroup, n: state.merged.count }) :
        t("team.status.few", { min: cfg.minGroup, n: participants })));
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

  function mergeCodes(inst) {
    var root = inst.root, cfg = inst.cfg, state = team(inst);
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
        ((seen[print] || state.merged.fingerprints.indexOf(print) >= 0) && t("team.code.twice"));
      if (problem) {
        rejected.push(code);
        report.appendChild(PSA.el("li", t("team.code.rejected", { n: n + 1, problem: problem })));
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
    saveTeam(inst);
    update(inst);
    message(inst, !lines.length ? t("team.codes.none") :
      t("team.codes.added", { count: added }) + (rejected.length ? t("team.codes.rejected", { n: rejected.length }) : "."));
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

  function setMode(inst, mode) {
    var root = inst.root, teamMode = mode === "team";
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
    if (teamMode) PSA.store.set(inst.cfg.storage.mode, mode);
    else PSA.store.remove(inst.cfg.storage.mode);
    PSA.module("checklist").refresh(inst);
  }

  function isCount(value) {
    return typeof value === "number" && value >= 0 && Math.floor(value) === value;
  }

  function validTallies(cfg, store) {
    if (!isObject(store)) return false;
    var known = Object.create(null);
    slots(cfg).forEach(function (s) { known[s.item + ":" + s.field] = s.options; });
    return Object.keys(store).every(function (item) {
      return PSA.own(store, item) && isObject(store[item]) && Object.keys(store[item]).every(function (field) {
        var options = known[item + ":" + field];
        return options && isObject(store[item][field]) && Object.keys(store[item][field]).every(function (o) {
          return options.indexOf(o) >= 0 && isCount(store[item][field][o]);
        });
      });
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

  function importTeam(inst, input) {
    var say = function (text) { message(inst, text); };
    PSA.files.readJSON(input, say, function (data) {
      var cfg = inst.cfg;
      var tt = isObject(data) && data.team;
      if (!isObject(data) || data.format !== TEAM_FORMAT || !isObject(tt)) return say(t("team.import.foreign"));
      if (data.instrument !== cfg.id || data.version !== cfg.version) {
        return say(t("team.import.other", { title: data.title || data.instrument, version: data.version }));
      }
      if (!isCount(tt.participants) || !isObject(tt.merged) || !isCount(tt.merged.count) ||
          !Array.isArray(tt.merged.fingerprints) || !validTallies(cfg, tt.manual) || !validTallies(cfg, tt.merged.tallies) ||
          !isObject(tt.agreements) || maxManual(tt) > tt.participants) {
        return say(t("team.import.damaged"));
      }
      inst.teamState = { participants: tt.participants, manual: tt.manual, merged: tt.merged, agreements: tt.agreements,
        top: [3, 5, 10].indexOf(tt.top) >= 0 ? tt.top : 5, context: isObject(tt.context) ? tt.context : {} };
      saveTeam(inst);
      update(inst);
      say(t("team.import.done", { n: tt.participants + tt.merged.count }));
    });
  }

  function copyCode(root) {
    var code = root.querySelector("[data-code-output]");
    code.select();
    var done = function () { setText(root.querySelector("[data-code-message]"), t("team.code.copied")); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(code.value).then(done, done);
    else { document.execCommand("copy"); done(); }
  }

  function makeCode(inst) {
    var root = inst.root;
    var answers = PSA.module("checklist").readState(root).answers;
    var codeMessage = root.querySelector("[data-code-message]");
    if (!Object.keys(answers).length) return setText(codeMessage, t("team.code.fillFirst"));
    setText(codeMessage, "");
    root.querySelector("[data-code-box]").hidden = false;
    var output = root.querySelector("[data-code-output]");
    output.value = encode(inst.cfg, answers);
    output.select();
  }

  PSA.define("team", {
    start: function (inst) {
      var root = inst.root;
      root.querySelector("[data-mode-switch]").hidden = false;
      root.querySelector("[data-own-code]").hidden = false;
      setMode(inst, PSA.store.get(inst.cfg.storage.mode) === "team" ? "team" : "single");
    },
    update: update,
    encode: encode,
    decode: decode,
    /* The answers changed: a code made earlier would no longer match them. */
    answersChanged: function (inst) {
      var codeBox = inst.root.querySelector("[data-code-box]");
      if (codeBox && !codeBox.hidden) {
        codeBox.hidden = true;
        setText(inst.root.querySelector("[data-code-message]"), t("team.code.stale"));
      }
    },
    click: function (inst, action, button) {
      var state = team(inst), cfg = inst.cfg;
      if (action === "mode-single" || action === "mode-team") setMode(inst, action === "mode-team" ? "team" : "single");
      else if (action === "make-code") makeCode(inst);
      else if (action === "copy-code") copyCode(inst.root);
      else if (action === "merge-codes") mergeCodes(inst);
      else if (action === "count-up" || action === "count-down") {
        var parts = button.closest("[data-team-option]").getAttribute("data-team-option").split(":");
        var item = button.closest("[data-team-item]").getAttribute("data-team-item");
        bump(state.manual, item, parts[0], parts[1], action === "count-up" ? 1 : -1);
        saveTeam(inst);
        update(inst);
        if (button.disabled) {
          var other = button.parentNode.querySelector("button:not([disabled])");
          if (other) other.focus();
        }
      } else if (action === "team-print") {
        PSA.module("checklist").print(inst, false, true);
      } else if (action === "team-export") {
        message(inst, PSA.files.saveJSON({ format: TEAM_FORMAT, instrument: cfg.id, title: cfg.title, version: cfg.version,
          exported: new Date().toISOString(), team: state }, cfg.id + "-team-" + PSA.today() + ".json"));
      } else if (action === "team-clear-confirm") {
        inst.teamState = emptyTeam();
        PSA.store.remove(cfg.storage.team);
        inst.root.querySelector("[data-code-report]").textContent = "";
        update(inst);
        message(inst, t("team.cleared"));
      }
    },
    change: function (inst, event) {
      var target = event.target, state = team(inst);
      if (target.getAttribute("data-action") === "team-import") return importTeam(inst, target);
      if (target.hasAttribute("data-team-participants")) {
        var n = parseInt(target.value, 10);
        var counted = maxManual(state);
        state.participants = isNaN(n) || n < 0 ? 0 : Math.min(n, 999);
        if (state.participants < counted) {
          state.participants = counted;
          message(inst, t("team.handsCounted", { n: counted }));
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
      saveTeam(inst);
      update(inst);
    }
  });
});
