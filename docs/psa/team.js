/* Team mode of a checklist ("Samen invullen", overrides/partials/instrument-team.html): counts by show of hands and
 * result codes from own devices (codes.js), added up in this browser. Nothing is shown, kept or saved in a file
 * that holds fewer than the minimum group of people. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var all = PSA.all, setText = PSA.setText, setHidden = PSA.setHidden, t = PSA.t, isObject = PSA.isObject, own = PSA.own;
  var codes = function () { return PSA.module("codes"); }; // codes.js: may register after this file
  var TEAM_FORMAT = "psa-werkboek-team";
  var MAX_PEOPLE = 9999, MAX_TEXT = 500, TOPS = [3, 5, 10], PARTS = ["wie", "wat", "wanneer"];
  var COUNTED = { added: true, replaced: true, withdrawn: true, withdrawnEarly: true };

  /* ---- Team state: kept in this browser under cfg.storage.team, only the parts with enough people ---- */

  function emptyMerged() {
    return { count: 0, tallies: {}, devices: {} };
  }

  function emptyTeam() {
    return { participants: 0, manual: {}, merged: emptyMerged(), agreements: {}, top: 5, context: {} };
  }

  function isCount(value, max) {
    return typeof value === "number" && Math.floor(value) === value && value >= 0 && value <= max;
  }

  function isText(value) {
    return typeof value === "string" && value.length <= MAX_TEXT;
  }

  /* Why stored or opened team data cannot be used, in Dutch; or null when it is sound. Checked: whole numbers
   * within the participants, known questions and answers, plain text where text belongs. */
  function problem(cfg, tt) {
    if (!isObject(tt) || !own(tt, "participants") || !isObject(tt.merged)) return t("team.bad.shape");
    if (!isCount(tt.participants, MAX_PEOPLE)) return t("team.bad.number", { max: MAX_PEOPLE });
    var merged = tt.merged;
    if (!isObject(merged) || !isCount(merged.count, MAX_PEOPLE)) return t("team.bad.number", { max: MAX_PEOPLE });
    var tallies = tallyProblem(cfg, tt.manual, tt.participants) || tallyProblem(cfg, merged.tallies, merged.count);
    if (tallies) return tallies;
    if (own(merged, "devices")) {
      if (!isObject(merged.devices)) return t("team.bad.shape");
      var live = 0;
      var devicesOk = Object.keys(merged.devices).every(function (id) {
        var d = merged.devices[id];
        if (d && d.live === true) live++;
        return /^[0-9A-Z]{8}$/.test(id) && isObject(d) && isCount(d.rev, 1023) && typeof d.live === "boolean";
      });
      if (!devicesOk || live > merged.count) return t("team.bad.devices");
    } else if (!Array.isArray(merged.fingerprints)) {
      return t("team.bad.shape");
    }
    var items = Object.create(null);
    cfg.items.forEach(function (item) { items[item.id] = true; });
    if (!isObject(tt.agreements) || !Object.keys(tt.agreements).every(function (id) {
      var a = tt.agreements[id];
      return items[id] && isObject(a) && Object.keys(a).every(function (p) { return PARTS.indexOf(p) >= 0 && isText(a[p]); });
    })) return t("team.bad.text");
    if (own(tt, "context") && (!isObject(tt.context) || !Object.keys(tt.context).every(function (k) {
      return ["organisatie", "datum"].indexOf(k) >= 0 && isText(tt.context[k]);
    }))) return t("team.bad.text");
    if (own(tt, "top") && TOPS.indexOf(tt.top) < 0) return t("team.bad.top");
    return null;
  }

  function tallyProblem(cfg, store, people) {
    if (!isObject(store)) return t("team.bad.shape");
    var known = Object.create(null);
    codes().slots(cfg).forEach(function (s) { known[s.item + ":" + s.field] = s.options; });
    var reason = null;
    Object.keys(store).every(function (item) {
      if (!isObject(store[item])) return !(reason = t("team.bad.shape"));
      return Object.keys(store[item]).every(function (field) {
        var options = known[item + ":" + field], counts = store[item][field];
        if (!options || !isObject(counts)) return !(reason = t("team.bad.unknown"));
        var sum = 0;
        var ok = Object.keys(counts).every(function (o) {
          if (options.indexOf(o) < 0) return !(reason = t("team.bad.unknown"));
          if (!isCount(counts[o], MAX_PEOPLE)) return !(reason = t("team.bad.number", { max: MAX_PEOPLE }));
          sum += counts[o];
          return true;
        });
        if (ok && sum > people) reason = t("team.bad.tooMany");
        return !reason;
      });
    });
    return reason;
  }

  /* A sound state in the current shape: older versions kept fingerprints of codes instead of devices. */
  function tidy(tt) {
    return {
      participants: tt.participants, manual: tt.manual,
      merged: { count: tt.merged.count, tallies: tt.merged.tallies, devices: isObject(tt.merged.devices) ? tt.merged.devices : {} },
      agreements: tt.agreements, top: TOPS.indexOf(tt.top) >= 0 ? tt.top : 5, context: isObject(tt.context) ? tt.context : {}
    };
  }

  function hasTallies(store) {
    return Object.keys(store).length > 0;
  }

  /* What may be kept or saved: hands and codes each only from the minimum group up; agreements always. */
  function keepable(cfg, s) {
    var hands = s.participants >= cfg.minGroup, coded = s.merged.count >= cfg.minGroup;
    return {
      copy: { participants: s.participants, manual: hands ? s.manual : {}, merged: coded ? s.merged : emptyMerged(),
        agreements: s.agreements, top: s.top, context: s.context },
      handsLeft: !hands && hasTallies(s.manual),
      codesLeft: !coded && s.merged.count > 0,
      counts: (hands && hasTallies(s.manual)) || (coded && s.merged.count > 0)
    };
  }

  function team(inst) {
    if (inst.teamState) return inst.teamState;
    inst.teamState = emptyTeam();
    inst.teamSession = {};
    var text = PSA.store.get(inst.cfg.storage.team);
    if (text === null || text === undefined) return inst.teamState;
    var saved, reason;
    try { saved = JSON.parse(text); } catch (e) { reason = t("team.bad.json"); }
    if (!reason) reason = problem(inst.cfg, saved);
    if (reason) {
      // Set aside before anything is saved over it, and offered as a file until the user wipes it. When it cannot
      // be set aside (storage full), nothing is saved over it from this page.
      inst.teamAside = text;
      inst.teamHeld = !PSA.aside.put(inst.cfg.storage.team + ":onleesbaar", text);
      inst.teamNotice = t("team.stored.damaged", { reason: reason }) + " " + t(inst.teamHeld ? "team.stored.held" : "team.stored.aside");
      return inst.teamState;
    }
    inst.teamState = tidy(saved);
    inst.teamBase = tidy(JSON.parse(text)); // its own objects: the state is counted in place
    teamSaved(inst).synced(saved);
    var kept = keepable(inst.cfg, inst.teamState);
    if (kept.handsLeft || kept.codesLeft) {
      // Written by an older version, which kept counts of one or two people: those go now.
      inst.teamState = tidy(kept.copy);
      PSA.store.set(inst.cfg.storage.team, JSON.stringify(kept.copy));
      inst.teamNotice = t("team.stored.below", { min: inst.cfg.minGroup });
    }
    return inst.teamState;
  }

  function message(inst, text) {
    setText(inst.root.querySelector("[data-team-message]"), text);
  }

  /* Another tab's team data, merged with this tab's from what both last had (`base`). Counts are added up as
   * changes (hands raised in both tabs both count); a device's revision takes the higher one; any other value
   * takes the side that changed it, this tab's when both did. */
  function mergeTeam(b, m, th) {
    function same(x, y) { return JSON.stringify(x) === JSON.stringify(y); }
    function walk(bv, mv, tv, path) {
      if (same(mv, tv) || same(tv, bv)) return mv;
      if (same(mv, bv)) return tv;
      var counter = path[0] === "manual" || (path[0] === "merged" && (path[1] === "tallies" || path[1] === "count"));
      if (typeof mv === "number" && typeof tv === "number" || (counter && (typeof mv === "number" || typeof tv === "number"))) {
        if (path[0] === "merged" && path[1] === "devices") return Math.max(mv || 0, tv || 0);
        if (counter) return Math.max(0, (mv || 0) + (tv || 0) - (typeof bv === "number" ? bv : 0));
        return mv;
      }
      if ((mv === undefined || isObject(mv)) && (tv === undefined || isObject(tv)) && (bv === undefined || isObject(bv))) {
        var out = {};
        Object.keys(Object.assign({}, bv || {}, mv || {}, tv || {})).forEach(function (k) {
          var v = walk((bv || {})[k], (mv || {})[k], (tv || {})[k], path.concat(k));
          if (v !== undefined) out[k] = v;
        });
        return out;
      }
      return mv;
    }
    return walk(b, m, th, []);
  }

  function fromOtherTab(inst, event) {
    if (!inst.teamState) return; // not opened here yet: read from storage when it is
    var cfg = inst.cfg, theirs;
    if (event.newValue === null) {
      theirs = emptyTeam();
    } else {
      try { theirs = JSON.parse(event.newValue); } catch (e) { return; }
      if (problem(cfg, theirs)) return; // the other tab names what is wrong; this tab keeps its count
      theirs = tidy(theirs);
    }
    // The common ancestor: the copy the other tab counted from, when this tab knows it (see PSA.saved).
    var from = teamSaved(inst).ancestor(event.newValue === null ? null : JSON.parse(event.newValue));
    var base = from.known ? (from.data && !problem(cfg, from.data) ? tidy(from.data) : emptyTeam()) : (inst.teamBase || emptyTeam());
    teamSaved(inst).synced(event.newValue === null ? null : JSON.parse(event.newValue));
    var merged = mergeTeam(base, inst.teamState, theirs);
    var clean = !problem(cfg, merged);
    inst.teamState = tidy(clean ? merged : theirs);
    inst.teamBase = tidy(JSON.parse(JSON.stringify(theirs)));
    update(inst);
    if (!clean) {
      message(inst, t("team.tabs.theirs"));
    } else if (!PSA.same(keepable(cfg, inst.teamState).copy, keepable(cfg, theirs).copy)) {
      saveTeam(inst);
      message(inst, t("team.tabs.merged"));
    } else if (event.newValue === null) {
      message(inst, t("team.tabs.wiped"));
    }
  }

  function saveTeam(inst) {
    var kept = keepable(inst.cfg, team(inst));
    if (inst.teamHeld) return message(inst, t("team.notSaved")); // the damaged copy could not be set aside
    if (!PSA.store.available) return;
    if (teamSaved(inst).write(kept.copy)) inst.teamBase = tidy(JSON.parse(teamSaved(inst).raw));
    else message(inst, t("team.notSaved"));
  }

  /* The team data's stored copy, with revisions, as a tool's answers have (PSA.saved): two tabs counting at the same
   * moment both keep their counts. */
  function teamSaved(inst) {
    if (!inst.teamSaved) inst.teamSaved = PSA.saved({ key: inst.cfg.storage.team });
    return inst.teamSaved;
  }

  function tally(store, item, field, option) {
    return ((store[item] || {})[field] || {})[option] || 0;
  }

  function bump(store, item, field, option, by) {
    var fields = store[item] = store[item] || {};
    var options = fields[field] = fields[field] || {};
    options[option] = (options[option] || 0) + by;
    if (!options[option]) {
      delete options[option];
      if (!Object.keys(options).length) delete fields[field];
      if (!Object.keys(fields).length) delete store[item];
    }
  }

  function eachAnswer(answers, fn) {
    Object.keys(answers).forEach(function (item) {
      Object.keys(answers[item]).forEach(function (field) {
        var value = answers[item][field];
        fn(item, field, value === true ? "true" : value);
      });
    });
  }

  function count(state, item, field, option) {
    return tally(state.manual, item, field, option) + tally(state.merged.tallies, item, field, option);
  }

  /* ---- The view ---- */

  /* How many participants put the item on the agenda, and with which answers: "4 Nee", or "2 Nee, 1 Deels" where
   * the list takes more than one answer. `key` ranks the worst answer first (the agenda rule's own order). */
  function votes(cfg, state, item, block) {
    var total = 0, key = [], labels = [], values = 0;
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
        var n = count(state, item.id, field, option);
        var row = block.querySelector("[data-team-option='" + field + ":" + option + "'] th");
        total += n;
        key.push(n);
        values++;
        if (n && row) labels.push({ n: n, label: row.textContent });
      });
    });
    return { n: total, key: key, labels: labels.map(function (l) { return values > 1 ? l.n + " " + l.label : l.label; }).join(", ") };
  }

  function byKey(a, b) {
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
      if ((b[i] || 0) !== (a[i] || 0)) return (b[i] || 0) - (a[i] || 0);
    }
    return 0;
  }

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
    var kept = keepable(cfg, state);
    setText(root.querySelector("[data-team-kept]"), kept.handsLeft || kept.codesLeft ? t("team.kept.notYet", { min: cfg.minGroup }) : "");
    var input = root.querySelector("[data-team-participants]");
    if (document.activeElement !== input) input.value = state.participants;
    root.querySelector("[data-team-top]").value = String(state.top);
    if (enough) showResult(inst, state, participants);
    all(root, "input[data-team-context]").forEach(function (field) {
      if (document.activeElement !== field) field.value = state.context[field.getAttribute("data-team-context")] || "";
    });
    all(root, "input[data-team-agreement]").forEach(function (field) {
      if (document.activeElement === field) return;
      field.value = (state.agreements[field.getAttribute("data-team-agreement")] || {})[field.getAttribute("data-part")] || "";
    });
  }

  function showResult(inst, state, participants) {
    var root = inst.root, cfg = inst.cfg;
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
          row.querySelector("[data-bar]").style.width = Math.min(100, 100 * n / participants) + "%";
          row.querySelector("[data-action='count-down']").disabled = manual === 0;
        });
        rows.forEach(function (row) {
          row.querySelector("[data-action='count-up']").disabled = manualSum >= state.participants;
        });
        // Proposal: "divided" when no answer has two thirds; for a tick, when a third up to two thirds tick it.
        var share = answered / participants;
        if (rows.length === 1) divided = divided || (share >= 1 / 3 - 1e-9 && share <= 2 / 3 + 1e-9);
        else divided = divided || (answered >= 2 && most / answered < 2 / 3);
      });
      setHidden(block.querySelector("[data-divided]"), !divided);
      var vote = votes(cfg, state, item, block);
      ranked.push({ item: item, votes: vote.n, key: vote.key, labels: vote.labels, index: index });
    });
    ranked.sort(function (a, b) { return b.votes - a.votes || byKey(a.key, b.key) || a.index - b.index; });
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
  }

  /* ---- Counting pasted codes ---- */

  /* Takes `from` out of the code totals and puts `to` in; false, and nothing changed, if a total would go below
   * zero (the code does not fit what was counted here). */
  function swap(state, from, to) {
    var tallies = state.merged.tallies, fits = true;
    if (from) eachAnswer(from, function (item, field, option) { if (tally(tallies, item, field, option) < 1) fits = false; });
    if (!fits) return false;
    if (from) eachAnswer(from, function (item, field, option) { bump(tallies, item, field, option, -1); });
    if (to) eachAnswer(to, function (item, field, option) { bump(tallies, item, field, option, 1); });
    return true;
  }

  /* One verified code of this list, applied to the totals: what happened, as a key of COUNTED or of team.reason. */
  function apply(inst, code) {
    var state = team(inst), merged = state.merged, session = inst.teamSession;
    var d = own(merged.devices, code.device) ? merged.devices[code.device] : null;
    var mark = function (live) { merged.devices[code.device] = { rev: code.revision, live: live }; };
    if (d && code.revision < d.rev) return "superseded";
    if (d && code.revision === d.rev) return d.live ? "already" : "alreadyWithdrawn";
    if (code.kind === "withdraw") {
      if (!d) {
        mark(false); // an earlier code of this device, pasted later, will not count
        return "withdrawnEarly";
      }
      if (!d.live) return "alreadyWithdrawn";
    }
    if (!d || !d.live) {
      if (code.kind === "withdraw") return "alreadyWithdrawn";
      if (merged.count >= MAX_PEOPLE) return "tooMany";
      swap(state, null, code.answers);
      merged.count++;
      session[code.device] = code.answers;
      mark(true);
      return "added";
    }
    // This device was counted: take its answers out first, from this session or from the code itself.
    var before = own(session, code.device) ? session[code.device] :
      code.kind !== "new" && code.revision === d.rev + 1 ? code.previous : null;
    if (!before) return "missingPrevious";
    if (!swap(state, before, code.kind === "withdraw" ? null : code.answers)) return "inconsistent";
    if (code.kind === "withdraw") {
      merged.count--;
      delete session[code.device];
      mark(false);
      return "withdrawn";
    }
    session[code.device] = code.answers;
    mark(true);
    return "replaced";
  }

  function lineLabel(from, to, inSentence) {
    var key = from === to ? (inSentence ? "team.line.in" : "team.line") : (inSentence ? "team.lines.in" : "team.lines");
    return t(key, { n: from, from: from, to: to });
  }

  function mergeCodes(inst) {
    var root = inst.root, cfg = inst.cfg;
    var box = root.querySelector("[data-team-codes]");
    var summary = root.querySelector("[data-code-summary]");
    var report = root.querySelector("[data-code-report]");
    if (!box.value.trim()) {
      setHidden(report, true);
      return announce(summary, t("team.codes.empty"));
    }
    var scanned = codes().scan(box.value);
    var results = scanned.codes.map(function (found) {
      var read = found.code ? codes().read(cfg, found.code) : { error: "damaged" };
      return { found: found, read: read, outcome: read.error || null };
    });
    // Oldest revision first, so a device's first code and its replacement in one paste count in the right order.
    results.filter(function (r) { return !r.outcome; })
      .sort(function (a, b) { return a.read.revision - b.read.revision || a.found.line - b.found.line; })
      .forEach(function (r) { r.outcome = apply(inst, r.read); });

    // Every line: counted (and gone from the box), or kept as pasted with its reason.
    var byLine = {}, taken = {};
    results.forEach(function (r) {
      (byLine[r.found.line] = byLine[r.found.line] || []).push(r);
      for (var j = r.found.from; j <= r.found.to; j++) if (j !== r.found.line) taken[j] = r.found.line;
    });
    var kept = [], entries = [], outcomes = {};
    var note = function (key, where) { (outcomes[key] = outcomes[key] || []).push(where); };
    scanned.lines.forEach(function (line, i) {
      if (own(taken, i) && !own(byLine, i)) return; // a wrapped part: goes or stays with its first line
      var here = byLine[i] || [];
      var first = i, last = i;
      here.forEach(function (r) { first = Math.min(first, r.found.from); last = Math.max(last, r.found.to); });
      var block = scanned.lines.slice(first, last + 1).map(function (l) { return l.text; });
      if (!here.length) {
        if (!line.norm.trim()) return; // an empty line holds nobody
        note("noCode", null);
        kept.push(line.text);
        entries.push({ from: kept.length, to: kept.length, reasons: [t("team.reason.noCode")], name: "" });
        return;
      }
      here.forEach(function (r) { note(r.outcome, COUNTED[r.outcome] ? null : r); });
      if (here.every(function (r) { return COUNTED[r.outcome]; })) return;
      var from = kept.length + 1;
      kept.push.apply(kept, block);
      var reasons = here.map(function (r, n) {
        var text = t(COUNTED[r.outcome] ? "team.reason.counted" : "team.reason." + r.outcome, { max: MAX_PEOPLE });
        return here.length > 1 ? t("team.reason.nth", { n: n + 1, reason: text }) : text;
      });
      entries.push({ from: from, to: kept.length, reasons: reasons, name: here[0].found.name });
      var who = here[0].found.name; // the sender of the line, also for a second code on it
      here.forEach(function (r) { if (!COUNTED[r.outcome]) r.where = lineLabel(from, kept.length, true) + (who ? ", " + who : ""); });
    });
    box.value = kept.join("\n");

    var list = report.querySelector("ol");
    list.textContent = "";
    entries.forEach(function (e) {
      list.appendChild(PSA.el("li", lineLabel(e.from, e.to) + (e.name ? " (" + e.name + ")" : "") + ": " + e.reasons.join(" ")));
    });
    setHidden(report, !entries.length);
    setHidden(report.querySelector("[data-action='remove-no-code']"), !outcomes.noCode);
    saveTeam(inst);
    update(inst);
    announce(summary, summarise(outcomes, team(inst).merged.count), function () {
      // The outcome is read where the button was pressed: a button at the bottom edge of the screen must not leave
      // it below the fold.
      var box = summary.getBoundingClientRect();
      if (box.bottom > window.innerHeight || box.top < 0) summary.scrollIntoView({ block: "nearest" });
    });
  }

  /* A live region only speaks when its text changes: the same outcome after a second press is emptied first and
   * set again a moment later, so it is announced again. */
  function announce(el, text, then) {
    var done = function () { el.textContent = text; if (then) then(); };
    if (el.textContent !== text) return done();
    el.textContent = "";
    window.setTimeout(done, 150);
  }

  /* "3 codes geteld, 1 ingetrokken. Nu tellen 2 codes mee. Niet geteld: 1 beschadigd (regel 1, Esra). Die staan nog
   * in het vak." */
  function summarise(outcomes, total) {
    var n = function (key) { return (outcomes[key] || []).length; };
    var done = [];
    if (n("added")) done.push(t("team.sum.added", { count: n("added") }));
    if (n("replaced")) done.push(t("team.sum.replaced", { count: n("replaced") }));
    if (n("withdrawn") + n("withdrawnEarly")) done.push(t("team.sum.withdrawn", { count: n("withdrawn") + n("withdrawnEarly") }));
    var failed = [];
    Object.keys(outcomes).forEach(function (key) {
      if (COUNTED[key] || key === "noCode") return;
      var where = outcomes[key].map(function (r) { return r.where; }).join("; ");
      failed.push(t("team.sum.failed", { count: outcomes[key].length, reason: t("team.sum." + key), where: where }));
    });
    if (n("noCode")) failed.push(t("team.sum.noCode", { count: n("noCode") }));
    var out = done.length ? done.join(", ") + "." : t("team.sum.none");
    // "4 geteld, 1 ingetrokken" while 3 count: say how many codes count now.
    if (n("withdrawn") + n("withdrawnEarly")) out += " " + t("team.sum.total", { count: total });
    if (failed.length) out += " " + t("team.sum.notCounted") + " " + failed.join(", ") + ". " + t("team.sum.inBox");
    return out;
  }

  function removeNoCode(inst) {
    var box = inst.root.querySelector("[data-team-codes]");
    var scanned = codes().scan(box.value);
    var keep = {};
    scanned.codes.forEach(function (c) { for (var j = c.from; j <= c.to; j++) keep[j] = true; });
    box.value = scanned.lines.filter(function (l, i) { return keep[i]; }).map(function (l) { return l.text; }).join("\n");
    if (box.value.trim()) return mergeCodes(inst); // the report is numbered again, for the lines that are left
    setHidden(inst.root.querySelector("[data-code-report]"), true);
    setText(inst.root.querySelector("[data-code-summary]"), t("team.codes.cleaned"));
  }

  /* ---- Files ---- */

  /* The file is named after the meeting ("Datum van het overleg"), so a file saved a day later still says which
     meeting it holds; today when that date is not filled in. */
  function meetingDay(inst) {
    var day = (team(inst).context || {}).datum;
    var d = PSA.parseLocal(day);
    return d && !d.time ? day : PSA.today();
  }

  function exportTeam(inst) {
    var cfg = inst.cfg, kept = keepable(cfg, team(inst));
    var agreements = Object.keys(kept.copy.agreements).length > 0;
    if (!kept.counts && !agreements) return message(inst, t("team.export.nothing", { min: cfg.minGroup }));
    var text = PSA.files.saveJSON({ format: TEAM_FORMAT, instrument: cfg.id, title: cfg.title, version: cfg.version,
      exported: new Date().toISOString(), team: kept.copy }, cfg.id + "-team-" + meetingDay(inst) + ".json");
    message(inst, text + (kept.handsLeft || kept.codesLeft ? " " + t("team.export.left", { min: cfg.minGroup }) : ""));
  }

  function importTeam(inst, input) {
    var say = function (text) { message(inst, text); };
    PSA.files.readJSON(input, say, function (data) {
      var cfg = inst.cfg;
      var tt = isObject(data) && data.team;
      if (!isObject(data) || data.format !== TEAM_FORMAT || !isObject(tt)) return say(t("team.import.foreign"));
      if (data.instrument !== cfg.id) return say(t("team.import.other", { title: isText(data.title) ? data.title : String(data.instrument) }));
      if (data.version !== cfg.version) return say(t("team.import.version", { version: String(data.version).slice(0, 20), current: cfg.version }));
      var reason = problem(cfg, tt);
      if (reason) return say(t("team.import.damaged", { reason: reason }));
      var loaded = tidy(tt), kept = keepable(cfg, loaded);
      if (kept.handsLeft || kept.codesLeft) return say(t("team.import.below", { min: cfg.minGroup }));
      inst.teamState = loaded;
      inst.teamSession = {};
      saveTeam(inst);
      update(inst);
      say(t("team.import.done", { count: loaded.participants + loaded.merged.count }));
    });
  }

  /* ---- One participant's own code, made in the single view ---- */

  function mayKeepCode(inst) {
    return PSA.store.available && (!inst.cfg.sensitive || inst.saved.optedIn());
  }

  /* { device, revision, last (coded answers of the last code), code, withdrawn }: kept so that a new code from
   * this device replaces its earlier one. In memory only where answers are not kept either. */
  function codeState(inst) {
    if (inst.codeState !== undefined) return inst.codeState;
    inst.codeState = null;
    if (!mayKeepCode(inst)) return null;
    try {
      var s = JSON.parse(PSA.store.get(inst.cfg.storage.code) || "null");
      if (isObject(s) && /^[0-9A-Z]{8}$/.test(s.device) && isCount(s.revision, 1023) && isObject(s.last) &&
          typeof s.code === "string" && typeof s.withdrawn === "boolean") inst.codeState = s;
    } catch (e) { /* unreadable: the next code starts a new device, as on a new phone */ }
    return inst.codeState;
  }

  function keepCode(inst, s) {
    inst.codeState = s;
    if (mayKeepCode(inst)) PSA.store.set(inst.cfg.storage.code, JSON.stringify(s));
  }

  function codedAnswers(cfg, answers) {
    var out = {};
    codes().slots(cfg).forEach(function (slot) {
      var value = (answers[slot.item] || {})[slot.field];
      if (value === undefined || value === null || value === false || value === "") return;
      (out[slot.item] = out[slot.item] || {})[slot.field] = value;
    });
    return out;
  }

  function showCode(inst, code, text) {
    var root = inst.root;
    setText(root.querySelector("[data-code-message]"), text);
    root.querySelector("[data-code-box]").hidden = false;
    var s = codeState(inst);
    setHidden(root.querySelector("[data-action='withdraw-code']"), !s || s.withdrawn);
    var output = root.querySelector("[data-code-output]");
    output.value = code;
    output.select();
  }

  function makeCode(inst) {
    var cfg = inst.cfg;
    var answers = codedAnswers(cfg, PSA.module("checklist").readState(inst.root).answers);
    var choices = cfg.coded.filter(function (f) { return f.type === "choice"; });
    var none = !Object.keys(answers).length;
    // On a list of ticks only, ticking nothing is an answer: without it only those who tick would count, and a
    // third of the group could never look like a third.
    if (none && choices.length) return setText(inst.root.querySelector("[data-code-message]"), t("team.code.fillFirst"));
    var s = codeState(inst), text = "";
    if (s && !s.withdrawn && codes().sameAnswers(cfg, s.last, answers)) {
      text = t("team.code.same");
    } else if (!s || s.revision >= 1023) {
      s = { device: codes().randomDevice(), revision: 0, last: answers, withdrawn: false };
      s.code = codes().encode(cfg, answers, { device: s.device });
    } else {
      var replace = !s.withdrawn;
      s = { device: s.device, revision: s.revision + 1, last: answers, withdrawn: false,
        code: codes().encode(cfg, answers, { device: s.device, revision: s.revision + 1, kind: replace ? "replace" : "new", previous: s.last }) };
      if (replace) text = t("team.code.replaces");
    }
    keepCode(inst, s);
    if (none) text = (text ? text + " " : "") + t("team.code.noneTicked");
    if (choices.length) {
      var answered = cfg.items.filter(function (item) {
        return choices.some(function (f) { return (answers[item.id] || {})[f.id]; });
      }).length;
      if (answered < cfg.items.length) text = (text ? text + " " : "") + t("team.code.partly", { n: answered, count: cfg.items.length });
    }
    showCode(inst, s.code, text);
  }

  function withdrawCode(inst) {
    var s = codeState(inst);
    if (!s || s.withdrawn) return;
    var next = { device: s.device, revision: s.revision + 1, last: {}, withdrawn: true,
      code: codes().encode(inst.cfg, {}, { device: s.device, revision: s.revision + 1, kind: "withdraw", previous: s.last }) };
    keepCode(inst, next);
    showCode(inst, next.code, t("team.code.withdrawn"));
  }

  function copyCode(root) {
    var code = root.querySelector("[data-code-output]");
    code.select();
    var done = function () { setText(root.querySelector("[data-code-message]"), t("team.code.copied")); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(code.value).then(done, done);
    else { document.execCommand("copy"); done(); }
  }

  /* ---- Modes and events ---- */

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
    if (teamMode) {
      team(inst);
      setText(root.querySelector("[data-team-notice]"), inst.teamNotice || "");
      setHidden(root.querySelector("[data-team-aside]"), !inst.teamAside);
    }
  }

  function asideKeys(inst) {
    return PSA.aside.keys(inst.cfg.storage.team + ":onleesbaar");
  }

  /* The damaged team data set aside: saved as a file, or wiped, when the user chooses. */
  function asideAnswer(inst, action) {
    if (action === "team-aside-save") {
      var copies = asideKeys(inst).map(function (k) { return PSA.store.get(k); });
      if (copies.indexOf(inst.teamAside) < 0) copies.push(inst.teamAside);
      message(inst, copies.map(function (raw, i) {
        return PSA.files.save(raw, "application/json", inst.cfg.id + "-team-onleesbaar-" + PSA.today() + (i ? "-" + (i + 1) : "") + ".json");
      }).join(" "));
      return;
    }
    asideKeys(inst).forEach(function (k) { PSA.store.remove(k); });
    inst.teamAside = null;
    inst.teamHeld = false;
    inst.teamNotice = null;
    setText(inst.root.querySelector("[data-team-notice]"), "");
    setHidden(inst.root.querySelector("[data-team-aside]"), true);
    message(inst, t("team.aside.wiped"));
  }

  function participants(inst, target, committed) {
    var state = team(inst), hint = inst.root.querySelector("[data-team-participants-hint]");
    var n = Number(target.value), counted = maxManual(state);
    var wanted = target.value.trim() === "" || isNaN(n) ? null : Math.floor(n);
    var value = wanted === null ? state.participants : Math.max(counted, Math.min(MAX_PEOPLE, Math.max(0, wanted)));
    var text = "";
    if (wanted !== null && wanted < counted) text = t("team.handsCounted", { n: counted });
    else if (wanted !== null && wanted > MAX_PEOPLE) text = t("team.handsMax", { max: MAX_PEOPLE });
    setText(hint, text);
    if (wanted === null && !committed) return false;
    state.participants = value;
    // While typing, "1" on the way to "12" must not be corrected; once the field is left or stepped, it shows the
    // number that counts.
    if (committed && Number(target.value) !== value) target.value = value;
    return true;
  }

  PSA.define("team", {
    start: function (inst) {
      var root = inst.root;
      root.querySelector("[data-mode-switch]").hidden = false;
      root.querySelector("[data-own-code]").hidden = false;
      setMode(inst, PSA.store.get(inst.cfg.storage.mode) === "team" ? "team" : "single");
    },
    update: update,
    storage: fromOtherTab,
    encode: function (cfg, answers, opts) { return codes().encode(cfg, answers, opts); },
    decode: function (cfg, code) { return codes().decode(cfg, code); },
    /* The answers changed: a code made earlier would no longer match them. */
    answersChanged: function (inst) {
      var codeBox = inst.root.querySelector("[data-code-box]");
      // A withdrawal holds no current answers: it stays valid, and may not have been sent yet.
      if (inst.codeState && inst.codeState.withdrawn) return;
      if (codeBox && !codeBox.hidden) {
        codeBox.hidden = true;
        setText(inst.root.querySelector("[data-code-message]"), t("team.code.stale"));
      }
    },
    /* "Wis mijn antwoorden": the last code's answers go too; a next code counts as a new device. */
    answersCleared: function (inst) {
      inst.codeState = null;
      PSA.store.remove(inst.cfg.storage.code);
      inst.root.querySelector("[data-code-box]").hidden = true;
      setText(inst.root.querySelector("[data-code-message]"), "");
    },
    click: function (inst, action, button) {
      var state = team(inst);
      if (action === "mode-single" || action === "mode-team") setMode(inst, action === "mode-team" ? "team" : "single");
      else if (action === "make-code") makeCode(inst);
      else if (action === "withdraw-code") withdrawCode(inst);
      else if (action === "copy-code") copyCode(inst.root);
      else if (action === "merge-codes") mergeCodes(inst);
      else if (action === "remove-no-code") removeNoCode(inst);
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
        exportTeam(inst);
      } else if (action === "team-aside-save" || action === "team-aside-wipe") {
        asideAnswer(inst, action);
      } else if (action === "team-clear-confirm") {
        inst.teamState = emptyTeam();
        inst.teamSession = {};
        inst.teamNotice = null;
        setText(inst.root.querySelector("[data-team-notice]"), "");
        teamSaved(inst).write(null); // through the revisions: another tab then starts from nothing too
        inst.teamBase = emptyTeam();
        asideKeys(inst).forEach(function (k) { PSA.store.remove(k); });
        inst.teamAside = null;
        inst.teamHeld = false;
        setHidden(inst.root.querySelector("[data-team-aside]"), true);
        setHidden(inst.root.querySelector("[data-code-report]"), true);
        setText(inst.root.querySelector("[data-code-summary]"), "");
        update(inst);
        message(inst, t("team.cleared"));
      }
    },
    change: function (inst, event) {
      var target = event.target, state = team(inst);
      if (target.getAttribute("data-action") === "team-import") return importTeam(inst, target);
      if (target.hasAttribute("data-team-participants")) {
        if (!participants(inst, target, event.type !== "input")) return;
      } else if (target.hasAttribute("data-team-top")) {
        state.top = TOPS.indexOf(Number(target.value)) >= 0 ? Number(target.value) : 5;
      } else if (target.hasAttribute("data-team-context")) {
        state.context[target.getAttribute("data-team-context")] = target.value.slice(0, MAX_TEXT);
      } else if (target.hasAttribute("data-team-agreement")) {
        var id = target.getAttribute("data-team-agreement");
        (state.agreements[id] = state.agreements[id] || {})[target.getAttribute("data-part")] = target.value.slice(0, MAX_TEXT);
      } else {
        return;
      }
      saveTeam(inst);
      update(inst);
    }
  });
});
