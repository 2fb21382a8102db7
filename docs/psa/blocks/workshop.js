/* Report blocks for the workshops (family `workshop`, bijlage 1 and 3): top (sorted by votes, per flap), board
 * (three columns), stats (n, mean, lowest, highest of grades), rows (the records as a table) and tree (a map by a
 * `ref` field 'Valt onder', with the colour as text and pattern). */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var el = PSA.el, t = PSA.t;
  var form = function () { return PSA.module("form"); };

  /* Grades written as '7 8 6,5 9': spaces or semicolons between them, a comma as decimal sign. */
  function numbersIn(v) {
    var F = form();
    return String(v === undefined ? "" : v).split(/[\s;]+/).map(F.numberOf).filter(function (n) { return n !== null; });
  }

  PSA.define("workshop", {
    top: function (b, units, part, f) {
      var F = form(), num = F.numberOf;
      var size = Number(f.state.values[b.size_field]) || b.size || 3;
      var out = [];
      (b.by ? part.defs[b.by].options : [{ id: null, label: "" }]).forEach(function (o) {
        var items = units.filter(function (u) { return !u.tally && (!b.by || u.values[b.by] === o.id) && u.values[b.text]; });
        items.sort(function (p, q) { return (num(q.values[b.field]) || 0) - (num(p.values[b.field]) || 0) || p.index - q.index; });
        var box = el("div", undefined, "rapport__kolom");
        if (b.by) box.appendChild(el("p", t("report.topOf", { label: o.label, n: Math.min(size, items.length), of: items.length }), "rapport__kolomtitel"));
        var ol = el("ol");
        // A tie at the cut-off stays in: the top may then be a little longer.
        var last = items.length > size ? num(items[size - 1].values[b.field]) || 0 : null;
        if (last === 0) last = null; // no votes yet: no tie to keep
        items.filter(function (u, i) { return i < size || (num(u.values[b.field]) || 0) === last; }).forEach(function (u) {
          var votes = num(u.values[b.field]) || 0;
          ol.appendChild(el("li", u.values[b.text] + " " + t("report.votes", { count: votes })));
        });
        box.appendChild(items.length ? ol : el("p", t("report.nothing")));
        out.push(box);
      });
      return out;
    },
    board: function (b, units, part) {
      var F = form(), by = part.defs[b.by];
      var wrap = el("div", undefined, "rapport__bord");
      by.options.forEach(function (o) {
        var col = el("div", undefined, "rapport__kolom");
        col.appendChild(el("p", o.short || o.label, "rapport__kolomtitel"));
        var items = units.filter(function (u) { return !u.tally && u.values[b.by] === o.id && u.values[b.text]; });
        col.appendChild(items.length ? PSA.listOf(items.map(function (u) {
          return u.values[b.text] + (b.sub && u.values[b.sub] ? " (" + F.formatValue(part.defs[b.sub], u.values[b.sub]) + ")" : "");
        })) : el("p", t("report.nothing")));
        wrap.appendChild(col);
      });
      return [wrap];
    },
    stats: function (b, units, part, f, x) {
      var F = form(), groups = {}, order = [];
      units.forEach(function (u) {
        if (u.tally) return;
        var list = numbersIn(u.values[b.field]);
        if (!list.length) return;
        var name = u.values[b.by] ? F.formatValue(part.defs[b.by], u.values[b.by]) : t("report.noName");
        if (!groups[name]) { groups[name] = []; order.push(name); }
        groups[name] = groups[name].concat(list);
      });
      if (!order.length) return [el("p", b.empty || t("report.noGrades"))];
      var by = part.defs[b.by];
      return [PSA.table([by.short || by.label, t("report.n"), t("report.mean"), t("report.lowest"), t("report.highest")], order.map(function (name) {
        var list = groups[name];
        var sum = list.reduce(function (a, c) { return a + c; }, 0);
        return [name, String(list.length), x.decimal(sum / list.length), x.decimal(Math.min.apply(null, list)), x.decimal(Math.max.apply(null, list))];
      }))];
    },
    rows: function (b, units, part, f, x) {
      var F = form();
      var recs = units.filter(function (u) { return !u.tally; });
      if (!recs.length) return [el("p", b.empty || t("report.nothing"))];
      var fields = x.blockFields(part, b);
      return [PSA.table([t("csv.nr")].concat(fields.map(function (fd) { return fd.short || fd.label; })), recs.map(function (u) {
        return [String(u.index + 1)].concat(fields.map(function (fd) { return F.formatValue(fd, u.values[fd.id]) || "–"; }));
      }))];
    },
    tree: function (b, units, part, f, x) {
      var F = form(), byName = {}, children = {};
      var name = function (u) { return x.recordName(part, u); };
      var recs = units.filter(function (u) { return !u.tally; });
      recs.forEach(function (u) { byName[name(u)] = u; });
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
          walk(children[name(u)] || []);
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
          var own = name(u);
          var li = el("li");
          var v = u.values[b.field];
          li.appendChild(el("span", v ? F.optionShort(colour, v) : t("report.noColour"), "rapport__kleur rapport__kleur--" + (v || "geen")));
          li.appendChild(document.createTextNode(" " + own));
          if (u.values["toelichting:" + b.field]) li.appendChild(el("span", " – " + u.values["toelichting:" + b.field], "rapport__toelichting"));
          if (u.loop) li.appendChild(el("span", t("report.loop"), "rapport__let-op"));
          var below = (children[own] || []).filter(function (c) { return seen.indexOf(name(c)) < 0; });
          if (below.length) li.appendChild(branch(below, seen.concat([own])));
          ul.appendChild(li);
        });
        return ul;
      }
      return recs.length ? [branch(roots, roots.map(name))] : [el("p", b.empty || "")];
    }
  });
});
