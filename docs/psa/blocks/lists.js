/* Report blocks that list (family `lists`): texts (remarks, sorted so their order gives no one away), hints
 * (consistency checks by form number) and note (only text, rendered by the template). */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var el = PSA.el, t = PSA.t;
  // Where a block is drawn → its remarks in form order when it was drawn.
  var drawn = new WeakMap();

  PSA.define("lists", {
    texts: function (b, units, part, f, x, body) {
      var texts = [];
      units.forEach(function (u) {
        var v = u.tally ? u.texts[b.field] : u.values[b.field];
        if (!v) return;
        (u.tally ? String(v).split(/\n\s*\n/) : [String(v)]).forEach(function (x) { if (x.trim()) texts.push(x.trim()); });
      });
      if (!texts.length) {
        if (body) drawn.delete(body);
        return [el("p", b.empty || t("report.nothing"))];
      }
      // The same remarks as last time (a form without one was added): what is drawn there stays, not sorted again.
      var key = texts.join("\u0000");
      if (body && drawn.get(body) === key) return Array.prototype.slice.call(body.childNodes);
      if (body) drawn.set(body, key);
      // Sorted, so the order does not show which form a remark came from.
      texts.sort(PSA.compareText);
      return [PSA.listOf(texts)];
    },
    hints: function (b, units) {
      var form = PSA.module("form"), items = [];
      b.rules.forEach(function (rule) {
        var hits = units.filter(function (u) { return !u.tally && form.holds(u.values, rule.where); })
          .map(function (u) { return u.index + 1; });
        if (hits.length) items.push(rule.text + " " + t("report.numbers", { count: hits.length, list: hits.join(", ") }));
      });
      var out = [items.length ? PSA.listOf(items) : el("p", b.empty || "")];
      if (units.some(function (u) { return u.tally; })) out.push(el("p", t("report.pilesUnchecked")));
      return out;
    }
  });
});
