/* The pages 'Metingen vergelijken' (data-mode "tijd") and 'Organisatie-overzicht' (data-mode "teams"),
 * overrides/partials/vergelijken.html. Measurements come from this browser (metingen.js) and from files the user
 * opens; nothing is sent anywhere, and files opened here are not kept. Per item: better or worse by the list's own
 * order of answers (hooks/instruments/metingen.py), the worst changes or the most common problems first. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var t = PSA.t, setText = PSA.setText, setHidden = PSA.setHidden, isObject = PSA.isObject;
  var EPS = 1e-9;
  var ORDER = { worse: 0, "new": 1, same: 2, better: 3, empty: 4 };
  var SIGN = { worse: "▲", "new": "+", same: "=", better: "▼", empty: "–" };

  function M() { return PSA.module("metingen"); }

  var own = PSA.own, MAX_PEOPLE = 9999, MAX_VALUE = 100, MAX_ITEMS = 1000;
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
      // Keys from a file never name '__proto__' or 'constructor' (PSA.own): they would reach an object's prototype.
      if (!own(data, item) || item.length > MAX_VALUE || !isObject(values)) return !(reason = t("meting.bad.answers", { name: q(m.name) }));
      return Object.keys(values).every(function (field) {
        var value = values[field];
        if (!own(values, field)) return !(reason = t("meting.bad.answers", { name: q(m.name) }));
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
          if (!own(value, option) || !fits(item, field, option) || !isCount(value[option], MAX_PEOPLE)) return false;
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
    var tallies = Object.create(null), unsafe = false;
    [hands ? tt.manual : {}, coded ? tt.merged.tallies : {}].forEach(function (store) {
      if (!isObject(store)) return;
      Object.keys(store).forEach(function (item) {
        if (!isObject(store[item])) return;
        Object.keys(store[item]).forEach(function (field) {
          var counts = store[item][field];
          if (!isObject(counts)) return;
          Object.keys(counts).forEach(function (o) {
            if (!own(store, item) || !own(store[item], field) || !own(counts, o)) {
              unsafe = true; // '__proto__' and the like: the file is refused below
              return;
            }
            var into = (tallies[item] = tallies[item] || {})[field] = tallies[item][field] || {};
            into[o] = (into[o] || 0) + (typeof counts[o] === "number" ? counts[o] : NaN);
          });
        });
      });
    });
    if (unsafe) return { error: t("meting.bad.answers", { name: PSA.quote(name) }) };
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


  function entry(inst, id) {
    return inst.cfg.instruments.filter(function (i) { return i.id === id; })[0] || null;
  }
  function say(inst, text) {
    setText(inst.root.querySelector("[data-message]"), text);
  }
  function problems(inst, texts) {
    var ul = inst.root.querySelector("[data-problems]");
    ul.textContent = "";
    texts.forEach(function (text) { ul.appendChild(PSA.el("li", text)); });
  }
  function percent(x) {
    return Math.round(x * 100) + "%";
  }
  function itemName(item) {
    return (item.label ? item.label + ". " : "") + item.text;
  }
  function when(m) {
    return PSA.formatLocal(m.date);
  }
  function byDate(a, b) {
    return a.date.localeCompare(b.date) || String(a.saved || "").localeCompare(String(b.saved || ""));
  }

  /* ---- Reading files: several at once, each checked like every file of ours ---- */

  function readFiles(inst, input, onData, done) {
    var files = Array.prototype.slice.call(input.files || []);
    var limits = PSA.files.limits(input);
    input.value = "";
    var out = [], left = files.length;
    if (!left) return;
    files.forEach(function (file, index) {
      function finish(result) {
        out[index] = { name: file.name, result: result };
        if (--left === 0) done(out);
      }
      var big = PSA.files.tooBig(file, limits);
      if (big) return finish({ error: big });
      var reader = new FileReader();
      reader.onload = function () {
        var data;
        try { data = JSON.parse(reader.result); } catch (e) { return finish({ error: t("file.unreadable") }); }
        var wrong = PSA.files.shape(data, limits);
        if (wrong) return finish({ error: wrong });
        try { finish(onData(data, file.name)); } catch (e) { finish({ error: t("file.failed", { reason: PSA.quote(e && e.message ? e.message : e) }) }); }
      };
      reader.onerror = function () { finish({ error: t("file.unopenable") }); };
      reader.readAsText(file);
    });
  }

  /* The list a file is about, by its own `instrument`; {error} when it is none of ours. */
  function listOf(inst, data) {
    var id = isObject(data) ? data.instrument : undefined;
    if (id === undefined && isObject(data) && Array.isArray(data.metingen) && isObject(data.metingen[0])) id = data.metingen[0].instrument;
    var list = typeof id === "string" ? entry(inst, id) : null;
    if (list) return { list: list };
    if (!isObject(data) || [inst.cfg.format, inst.cfg.teamFormat].indexOf(data.format) < 0) return { error: t("meting.file.foreign") };
    return { error: t(inst.mode === "teams" ? "vergelijk.teams.notTeamList" : "vergelijk.unknownList",
      { title: PSA.quote(typeof data.title === "string" ? data.title : String(id), 80) }) };
  }

  /* ---- What is stored in this browser ---- */

  function storedOf(inst, list) {
    var raw = PSA.store.get(list.key), out = { metingen: [], problems: [] };
    if (raw === null) return out;
    var data;
    try { data = JSON.parse(raw); } catch (e) { data = null; }
    if (!isObject(data) || !Array.isArray(data.metingen)) {
      out.problems.push(t("vergelijk.storedUnreadable"));
      return out;
    }
    data.metingen.forEach(function (m) {
      var r = check(list, m, inst.cfg.files, inst.cfg.maxName);
      if (r.error) out.problems.push(r.error);
      else out.metingen.push(r.meting);
    });
    return out;
  }

  /* ---- Cells ---- */

  function label(list, field, option) {
    var f = list.fields.filter(function (x) { return x.id === field; })[0];
    var o = f && f.options.filter(function (x) { return x.id === option; })[0];
    return o ? o.label : option;
  }

  /* What a measurement says about an item, in words: "Nee", or "3 Ja, 2 Deels, 1 Nee (50% slecht)". */
  function cellText(list, m, item) {
    var parts = [];
    list.fields.forEach(function (f) {
      if (m.kind === "single") {
        var v = (m.answers[item.id] || {})[f.id];
        if (v !== undefined) parts.push(f.type === "check" ? f.label : label(list, f.id, v));
        return;
      }
      var counts = (m.tallies[item.id] || {})[f.id] || {};
      var shown = optionIds(f).filter(function (o) { return counts[o]; }).map(function (o) {
        return counts[o] + " " + label(list, f.id, o);
      });
      if (shown.length) parts.push(shown.join(", "));
    });
    var text = parts.join("; ") || (m.kind === "single" && list.fields.some(function (f) { return f.type === "check"; }) ?
      t("vergelijk.notTicked") : "–");
    if (m.kind !== "single" && list.levels[item.id]) {
      var s = itemScore(list, m, item.id);
      if (s.answered) text += " " + t("vergelijk.shareBad", { share: percent(s.bad / s.answered) });
    }
    return text;
  }

  /* The mean level of an item (0 = nothing bad), or null when it was not answered. */
  function level(list, m, item) {
    var s = itemScore(list, m, item.id);
    return s.answered ? s.sum / s.answered : null;
  }

  /* Items that every chosen measurement's version has; the others are named below the table. */
  function matching(list, chosen) {
    var matched = list.items.filter(function (item) {
      return chosen.every(function (m) { return m.items.indexOf(item.id) >= 0; });
    });
    var ids = {};
    matched.forEach(function (i) { ids[i.id] = true; });
    var other = [];
    chosen.forEach(function (m) {
      m.items.concat(list.items.map(function (i) { return i.id; })).forEach(function (id) {
        if (!ids[id] && other.indexOf(id) < 0) other.push(id);
      });
    });
    return { matched: matched, other: other.map(function (id) {
      var item = list.items.filter(function (i) { return i.id === id; })[0];
      return item ? itemName(item) : t("vergelijk.goneItem", { id: PSA.quote(id) });
    }) };
  }

  /* ---- Over time ---- */

  function compareTime(list, chosen) {
    chosen = chosen.slice().sort(byDate);
    var match = matching(list, chosen), first = chosen[0], last = chosen[chosen.length - 1];
    var rows = match.matched.map(function (item, index) {
      var a = level(list, first, item), b = level(list, last, item), status;
      if (b === null) status = "empty";
      else if (a === null) status = "new";
      else if (b > a + EPS) status = "worse";
      else if (b < a - EPS) status = "better";
      else status = "same";
      return { item: item, index: index, status: status, delta: a !== null && b !== null ? b - a : 0,
        cells: chosen.map(function (m) { return cellText(list, m, item); }) };
    });
    rows.sort(function (x, y) {
      return ORDER[x.status] - ORDER[y.status] || y.delta - x.delta || x.index - y.index;
    });
    // Items no chosen measurement answered say nothing: counted in the intro, not drawn as rows of dashes.
    var blank = rows.filter(function (r) {
      return chosen.every(function (m) { return level(list, m, r.item) === null; });
    });
    return { chosen: chosen, rows: rows.filter(function (r) { return blank.indexOf(r) < 0; }), blank: blank.length,
      items: match.matched, other: match.other };
  }

  /* Summary figures per measurement: who, how many problem items, and the list's own counts (one person only). */
  function figures(inst, list, chosen, matched) {
    var rows = [];
    rows.push([t("vergelijk.fig.who")].concat(chosen.map(function (m) {
      return M().who(m, list.unit);
    })));
    rows.push([t("vergelijk.fig.bad")].concat(chosen.map(function (m) {
      var n = matched.filter(function (item) {
        var s = itemScore(list, m, item.id);
        return m.kind === "single" ? s.bad > 0 : s.answered && s.bad / s.answered >= inst.cfg.problemShare;
      }).length;
      return t(m.kind === "single" ? "vergelijk.fig.badSingle" : "vergelijk.fig.badTeam", { n: n, total: matched.length });
    })));
    var matches = PSA.module("checklist").matches;
    // The list's own counts are about one person's answers: shown when at least one measurement is one person's.
    if (!chosen.some(function (m) { return m.kind === "single"; })) return rows;
    list.counts.forEach(function (block) {
      rows.push([block.text.replace("{n} van {total} ", "").replace("{n}", "n").replace("{total}", t("vergelijk.fig.total"))].concat(chosen.map(function (m) {
        if (m.kind !== "single") return t("vergelijk.fig.teamNone");
        var n = 0, of = 0;
        matched.forEach(function (item) {
          var values = m.answers[item.id];
          if (matches(item, values, block.total)) {
            of++;
            if (matches(item, values, block.where)) n++;
          }
        });
        return block.text.replace("{n}", n).replace("{total}", of);
      })));
    });
    return rows;
  }

  /* ---- Teams side by side ---- */

  function compareTeams(inst, list, teams) {
    var match = matching(list, teams);
    var rows = match.matched.map(function (item, index) {
      var shares = teams.map(function (m) {
        var s = itemScore(list, m, item.id);
        return s.answered ? s.bad / s.answered : null;
      });
      var counted = shares.filter(function (s) { return s !== null; });
      var problemIn = counted.filter(function (s) { return s >= inst.cfg.problemShare - EPS; }).length;
      var mean = counted.length ? counted.reduce(function (a, b) { return a + b; }, 0) / counted.length : 0;
      return { item: item, index: index, problemIn: problemIn, mean: mean,
        cells: teams.map(function (m, i) {
          var text = cellText(list, m, item);
          return shares[i] !== null && shares[i] >= inst.cfg.problemShare - EPS ? text + " · " + t("vergelijk.problem") : text;
        }) };
    });
    rows.sort(function (x, y) { return y.problemIn - x.problemIn || y.mean - x.mean || x.index - y.index; });
    return { rows: rows, other: match.other };
  }

  /* ---- Drawing ---- */

  function table(head, rows, caption, classes) {
    var wrap = PSA.table(head, rows, caption);
    wrap.className = "vergelijk__tabel";
    if (classes) {
      PSA.all(wrap, "tbody tr").forEach(function (tr, i) { if (classes[i]) tr.className = classes[i]; });
    }
    return wrap;
  }

  function show(inst, view) {
    var root = inst.root, result = root.querySelector("[data-result]");
    inst.view = view;
    setHidden(result, !view);
    if (!view) return;
    setText(root.querySelector("[data-result-title]"), view.title);
    setText(root.querySelector("[data-result-intro]"), view.intro);
    var figs = root.querySelector("[data-figures]"), tab = root.querySelector("[data-table]");
    figs.textContent = "";
    tab.textContent = "";
    if (view.figures) figs.appendChild(table(view.figureHead, view.figures, t("vergelijk.fig.caption")));
    tab.appendChild(table(view.head, view.rows, view.caption, view.classes));
    setText(root.querySelector("[data-mismatch]"), view.other.length ? t("vergelijk.mismatch", { count: view.other.length, items: view.other.join("; ") }) : "");
  }

  function drawTime(inst) {
    var list = entry(inst, inst.current);
    var all = (inst.stored[list.id] || []).concat(inst.opened[list.id] || []);
    var chosen = all.filter(function (m) { return !inst.off[m.id]; });
    if (chosen.length < 2) {
      show(inst, null);
      return;
    }
    var c = compareTime(list, chosen);
    var names = c.chosen.map(function (m) { return m.name + " (" + when(m) + ")"; });
    // The change comes right after the item: on a phone the table scrolls sideways, and this is what matters most.
    var head = [t("vergelijk.item"), t("vergelijk.change")].concat(names);
    var counts = {};
    c.rows.forEach(function (r) { counts[r.status] = (counts[r.status] || 0) + 1; });
    show(inst, {
      title: t("vergelijk.time.title", { title: list.title }),
      intro: t("vergelijk.time.intro", { first: names[0], last: names[names.length - 1], worse: counts.worse || 0,
        better: counts.better || 0, same: counts.same || 0, fresh: counts["new"] || 0 }) +
        (c.blank ? " " + t("vergelijk.time.blank", { count: c.blank }) : ""),
      figureHead: [t("vergelijk.fig.what")].concat(names),
      figures: figures(inst, list, c.chosen, c.items),
      head: head,
      caption: t("vergelijk.time.caption"),
      rows: c.rows.map(function (r) {
        return [itemName(r.item), SIGN[r.status] + " " + t("vergelijk.status." + r.status)].concat(r.cells);
      }),
      classes: c.rows.map(function (r) { return "vergelijk--" + r.status; }),
      other: c.other,
      file: list.id + "-vergelijking-" + PSA.today() + ".csv"
    });
  }

  function drawTeams(inst) {
    var list = inst.current && entry(inst, inst.current);
    var ul = inst.root.querySelector("[data-teams]");
    ul.textContent = "";
    inst.teams.forEach(function (m) {
      ul.appendChild(PSA.el("li", t("vergelijk.teams.item", { name: m.name, date: when(m), count: m.people })));
    });
    if (!list || !inst.teams.length) return show(inst, null);
    var c = compareTeams(inst, list, inst.teams);
    var names = inst.teams.map(function (m) { return m.name; });
    show(inst, {
      title: t("vergelijk.teams.title", { title: list.title }),
      intro: t("vergelijk.teams.intro", { count: inst.teams.length, share: percent(inst.cfg.problemShare) }),
      figureHead: [t("vergelijk.fig.what")].concat(names),
      figures: figures(inst, list, inst.teams, c.rows.map(function (r) { return r.item; })).slice(0, 2),
      head: [t("vergelijk.item"), t("vergelijk.teams.problemIn")].concat(names),
      caption: t("vergelijk.teams.caption"),
      rows: c.rows.map(function (r) {
        return [itemName(r.item), t("vergelijk.teams.of", { n: r.problemIn, count: inst.teams.length })].concat(r.cells);
      }),
      classes: c.rows.map(function (r) { return r.problemIn ? "vergelijk--worse" : ""; }),
      other: c.other,
      file: list.id + "-organisatie-overzicht-" + PSA.today() + ".csv"
    });
  }

  /* The measurements of the chosen list, as boxes to tick: all ticked at first. */
  function choices(inst) {
    var list = entry(inst, inst.current), root = inst.root;
    var found = storedOf(inst, list);
    inst.stored[list.id] = found.metingen;
    var all = found.metingen.concat(inst.opened[list.id] || []).sort(byDate);
    var ul = root.querySelector("[data-choices]");
    ul.textContent = "";
    all.forEach(function (m, n) {
      var li = PSA.el("li"), box = PSA.el("input"), lab = PSA.el("label");
      box.type = "checkbox";
      box.id = root.id + "__m" + n;
      box.checked = !inst.off[m.id];
      box.setAttribute("data-meting", m.id);
      lab.htmlFor = box.id;
      var from = inst.opened[list.id] && inst.opened[list.id].indexOf(m) >= 0 ? t("vergelijk.fromFile") : t("vergelijk.fromBrowser");
      lab.textContent = m.name + " (" + when(m) + ", " + M().who(m, list.unit) +
        ", " + from + (m.version !== list.version ? ", " + t("vergelijk.version", { version: m.version }) : "") + ")";
      li.appendChild(box);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(lab);
      ul.appendChild(li);
    });
    setHidden(root.querySelector("[data-none]"), all.length > 0);
    problems(inst, found.problems);
    drawTime(inst);
  }

  /* ---- Files into the page ---- */

  /* A file's measurements with the list they belong to: {list, metingen} or {error}. */
  function measurementsIn(inst, data, name) {
    var which = listOf(inst, data);
    if (which.error) return which;
    var r = readFile(data, which.list, inst.cfg, name);
    if (r.metingen) r.list = which.list;
    return r;
  }

  function openTime(inst, input) {
    readFiles(inst, input, function (data, name) { return measurementsIn(inst, data, name); }, function (results) {
      var said = [], bad = [], last = null;
      results.forEach(function (f) {
        if (f.result.error) return bad.push(t("vergelijk.fileRefused", { file: PSA.quote(f.name, 60), reason: f.result.error }));
        var into = inst.opened[f.result.list.id] = inst.opened[f.result.list.id] || [];
        f.result.metingen.forEach(function (m) {
          if (into.concat(inst.stored[f.result.list.id] || []).some(function (x) { return x.id === m.id; })) return;
          into.push(m);
        });
        said.push(f.name);
        last = f.result.list.id;
      });
      if (last) {
        inst.current = last;
        inst.root.querySelector("[data-instrument-choice]").value = last;
        choices(inst);
      }
      say(inst, (said.length ? t("vergelijk.opened", { count: said.length }) + " " : "") +
        (bad.length ? t("vergelijk.refused", { count: bad.length }) : ""));
      problems(inst, bad);
    });
  }

  function openTeams(inst, input) {
    readFiles(inst, input, function (data, name) { return measurementsIn(inst, data, name); }, function (results) {
      var added = 0, bad = [];
      results.forEach(function (f) {
        var r = f.result, refuse = function (reason) { bad.push(t("vergelijk.fileRefused", { file: PSA.quote(f.name, 60), reason: reason })); };
        if (r.error) return refuse(r.error);
        if (inst.current && r.list.id !== inst.current) return refuse(t("vergelijk.teams.otherList", { title: entry(inst, inst.current).title }));
        var teams = r.metingen.filter(function (m) { return m.kind === "team"; });
        if (!teams.length) return refuse(t("vergelijk.teams.single"));
        inst.current = r.list.id;
        teams.forEach(function (m) {
          if (inst.teams.some(function (x) { return x.id === m.id; })) return;
          inst.teams.push(m);
          added++;
        });
      });
      drawTeams(inst);
      say(inst, t("vergelijk.teams.added", { count: added }) + (bad.length ? " " + t("vergelijk.refused", { count: bad.length }) : ""));
      problems(inst, bad);
    });
  }

  /* ---- Print and CSV ---- */

  function csv(inst) {
    var v = inst.view;
    if (!v) return;
    var rows = [v.head].concat(v.rows);
    if (v.figures) rows = rows.concat([[]], [v.figureHead], v.figures);
    if (v.other.length) rows = rows.concat([[]], [[t("vergelijk.mismatch", { count: v.other.length, items: v.other.join("; ") })]]);
    say(inst, PSA.files.save(PSA.files.csv(rows), "text/csv;charset=utf-8", v.file));
  }

  function print(inst) {
    PSA.printedOn(inst.root);
    PSA.printOnly(inst.root, {}, function () {});
  }

  PSA.define("vergelijken", {
    start: function (root) {
      var inst = { root: root, cfg: PSA.json(root, "data-catalogue"), mode: root.getAttribute("data-mode"),
        stored: {}, opened: {}, off: Object.create(null), teams: [], current: null, view: null };
      root.querySelector("[data-work]").hidden = false;
      root.querySelector("[data-no-script]").hidden = true;
      if (inst.mode === "tijd") {
        var select = root.querySelector("[data-instrument-choice]");
        // The list with the most measurements in this browser comes first.
        var best = inst.cfg.instruments.map(function (l) { return { id: l.id, n: storedOf(inst, l).metingen.length }; })
          .sort(function (a, b) { return b.n - a.n; })[0];
        inst.current = best && best.n ? best.id : select.value;
        select.value = inst.current;
        choices(inst);
      }
      return inst;
    },
    change: function (inst, event) {
      var target = event.target;
      if (target.getAttribute("data-action") === "open-files") {
        return inst.mode === "teams" ? openTeams(inst, target) : openTime(inst, target);
      }
      if (target.hasAttribute("data-instrument-choice")) {
        inst.current = target.value;
        return choices(inst);
      }
      if (target.hasAttribute("data-meting")) {
        inst.off[target.getAttribute("data-meting")] = !target.checked;
        drawTime(inst);
      }
    },
    click: function (inst, event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "print") print(inst);
      else if (action === "csv") csv(inst);
      else if (action === "teams-clear") {
        inst.teams = [];
        inst.current = null;
        drawTeams(inst);
        problems(inst, []);
        say(inst, t("vergelijk.teams.cleared"));
      }
    },
    storage: function (inst, event) {
      if (inst.mode === "tijd" && (event.key === null || /:metingen$/.test(event.key || ""))) choices(inst);
    }
  });
});
