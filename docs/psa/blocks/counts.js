/* Report blocks that count (family `counts`): total, share, distribution, breakdown, crosstab, periods, values.
 * Each takes (block, units, source records part, form instance, report tools, the element it is drawn in) and returns
 * nodes. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var el = PSA.el, t = PSA.t, own = PSA.own;
  var form = function () { return PSA.module("form"); };

  PSA.define("counts", {
    total: function (b, units, part, f, x) {
      var n = x.total(units);
      var out = [el("p", x.fill(b.text, n, n), "rapport__getal")];
      if (b.min_group && n < b.min_group && b.empty) out.push(el("p", b.empty, "rapport__let-op"));
      return out;
    },
    share: function (b, units, part, f, x) {
      var n = x.countWhere(units, b.where);
      var out = [el("p", x.fill(b.text, n, x.total(units)))];
      if (b.warn_above !== undefined && n > b.warn_above) out.push(el("p", b.warn, "rapport__let-op"));
      return out;
    },
    distribution: function (b, units, part, f, x) {
      var n = x.total(units);
      if (b.fields) {
        return [PSA.table(["", t("report.count"), t("report.of", { n: n })], x.blockFields(part, b).map(function (fd) {
          var where = {};
          where[fd.id] = b.values;
          var c = x.countWhere(units, where);
          return [fd.label, String(c), x.pct(c, n)];
        }))];
      }
      var fd = part.defs[b.field];
      var base = b.base ? x.countWhere(units, b.base) : n;
      // With a base, a single form counts only when it meets the base; a pile's counts cannot be split that way.
      var within = b.base ? units.filter(function (u) { return u.tally || form().holds(u.values, b.base); }) : units;
      // One pass over the forms, not one per answer.
      var tally = {};
      within.forEach(function (u) {
        var c = u.counts[fd.id];
        for (var id in c) if (own(c, id)) tally[id] = (tally[id] || 0) + c[id];
      });
      var rows = fd.options.filter(function (o) { return (b.exclude || []).indexOf(o.id) < 0; }).map(function (o) {
        var c = tally[o.id] || 0;
        return [o.label, String(c), x.pct(c, base)];
      });
      if (fd.type === "choice") {
        var answered = rows.reduce(function (s, r) { return s + Number(r[1]); }, 0);
        rows.push([t("report.notFilled"), String(Math.max(0, base - answered)), x.pct(Math.max(0, base - answered), base)]);
      }
      var out = [PSA.table([t("report.answer"), t("report.count"), t("report.pctOf", { n: base })], rows)];
      if (b.base && units.some(function (u) { return u.tally; })) out.push(el("p", t("report.pileBase"), "rapport__noot"));
      return out;
    },
    breakdown: function (b, units, part, f, x) {
      var F = form(), groups = {}, keys = {};
      units.forEach(function (u) {
        var v = u.tally ? u.texts[b.by] : u.values[b.by];
        if (part.defs[b.by].type === "choice" && v) v = F.optionLabel(part.defs[b.by], v);
        // Many forms name the same department: its key is worked out once.
        var k = own(keys, v) ? keys[v] : (keys[v] = F.groupKey(v));
        (groups[k] = groups[k] || { key: k, name: k ? String(v).trim() : t("report.unknown"), units: [] }).units.push(u);
      });
      var min = b.min_group || 2;
      var shown = Object.keys(groups).map(function (k) { return groups[k]; }).filter(function (g) { return x.total(g.units) >= min; });
      shown.sort(function (p, q) { return x.total(q.units) - x.total(p.units); });
      var rest = x.total(units) - shown.reduce(function (s, g) { return s + x.total(g.units); }, 0);
      // Whatever is left must be big enough too, or it could be worked out by subtraction.
      while (rest > 0 && rest < min && shown.length) rest += x.total(shown.pop().units);
      if (!shown.length) return [el("p", b.empty || "")];
      // The rest: every group that is not shown (looking each form up in the shown ones took seconds at 10,000).
      var isShown = {}, restUnits = [];
      shown.forEach(function (g) { isShown[g.key] = true; });
      Object.keys(groups).forEach(function (k) { if (!isShown[k]) restUnits = restUnits.concat(groups[k].units); });
      var rows = shown.map(function (g) { return [g.name, g.units]; });
      if (restUnits.length) rows.push([b.rest || t("report.rest"), restUnits]);
      var out = [PSA.table([part.defs[b.by].label, t("report.count")].concat(b.rules.map(function (r) { return r.text; })),
        rows.map(function (r) {
          var n = x.total(r[1]);
          return [r[0], String(n)].concat(b.rules.map(function (rule) { var c = x.countWhere(r[1], rule.where); return c + " (" + x.pct(c, n) + ")"; }));
        }))];
      if (b.empty) out.push(el("p", b.empty, "rapport__noot"));
      return out;
    },
    crosstab: function (b, units, part) {
      var fd = part.defs[b.field];
      var colTotals = fd.columns.map(function () { return 0; });
      // One pass over the records, not one per cell.
      var tally = {};
      units.forEach(function (u) {
        var c = u.counts[fd.id];
        for (var cell in c) if (own(c, cell)) tally[cell] = (tally[cell] || 0) + c[cell];
      });
      var rows = fd.rows.map(function (r) {
        var sum = 0;
        var cells = fd.columns.map(function (c, i) {
          var n = tally[r.id + ":" + c.id] || 0;
          sum += n;
          colTotals[i] += n;
          return String(n);
        });
        return [r.label].concat(cells, [String(sum)]);
      });
      rows.push([t("report.sum")].concat(colTotals.map(String), [String(colTotals.reduce(function (a, c) { return a + c; }, 0))]));
      return [PSA.table([fd.label].concat(fd.columns.map(function (c) { return c.label; }), [t("report.sum")]), rows)];
    },
    periods: function (b, units) {
      var counts = {}, keys = [];
      units.forEach(function (u) {
        var p = PSA.parseLocal(u.values && u.values[b.field]);
        if (!p) return;
        var k = p.y * 4 + Math.floor(p.m / 3);
        counts[k] = (counts[k] || 0) + 1;
        keys.push(k);
      });
      if (!keys.length) return [el("p", t("report.noDates"))];
      var rows = [];
      for (var k = Math.min.apply(null, keys); k <= Math.max.apply(null, keys); k++) {
        rows.push([t("report.quarter", { year: Math.floor(k / 4), q: k % 4 + 1 }), String(counts[k] || 0)]);
      }
      return [PSA.table([t("report.quarterHead"), t("report.count")], rows)];
    },
    values: function (b, units, part) {
      var F = form(), groups = {}, keys = {};
      units.forEach(function (u) {
        var v = F.formatValue(part.defs[b.field], u.values && u.values[b.field]);
        var k = own(keys, v) ? keys[v] : (keys[v] = F.groupKey(v)); // many records name the same place
        (groups[k] = groups[k] || { name: k ? v.trim() : t("report.unknown"), n: 0 }).n += u.n;
      });
      var rows = Object.keys(groups).map(function (k) { return groups[k]; });
      rows.sort(function (p, q) { return q.n - p.n || PSA.compareText(p.name, q.name); });
      return [PSA.table(["", t("report.count")], rows.map(function (g) { return [g.name, String(g.n)]; }))];
    }
  });
});
