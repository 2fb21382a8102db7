/* Report blocks that list (family `lists`): texts (remarks, sorted so their order gives no one away), hints
 * (consistency checks by form number) and note (only text, rendered by the template). */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var el = PSA.el, t = PSA.t;

  PSA.define("lists", {
    texts: function (b, units) {
      var texts = [];
      units.forEach(function (u) {
        var v = u.tally ? u.texts[b.field] : u.values[b.field];
        if (!v) return;
        (u.tally ? String(v).split(/\n\s*\n/) : [String(v)]).forEach(function (x) { if (x.trim()) texts.push(x.trim()); });
      });
      // Sorted, so the order does not show which form a remark came from.
      texts.sort(PSA.compareText);
      return texts.length ? [PSA.listOf(texts)] : [el("p", b.empty || t("report.nothing"))];
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
