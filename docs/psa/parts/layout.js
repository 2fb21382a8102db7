/* Part type `layout` (overrides/partials/parts/layout.html): chosen records as a wallet card and as a poster,
 * under a title the user picks (bijlage 12). */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";

  PSA.define("layout", {
    render: function (f, part, node) {
      var F = PSA.module("form");
      var recs = (f.state.records[part.of] || []).filter(function (r) { return !r.tally && (!part.where || F.holds(r.values, part.where)); });
      var title = f.state.values[part.title_field];
      PSA.all(node, "[data-layout]").forEach(function (box) {
        PSA.setText(box.querySelector("[data-layout-title]"), title ? F.formatValue(f.cfg.globals[part.title_field].f, title) : part.title_default || "");
        var ol = box.querySelector("[data-layout-list]");
        ol.textContent = "";
        recs.forEach(function (r) { ol.appendChild(PSA.el("li", String(r.values[part.field] || ""))); });
      });
      PSA.setHidden(node.querySelector("[data-layout-empty]"), !!recs.length);
      PSA.setHidden(node.querySelector("[data-layout-warn]"), !(part.max && recs.length > part.max));
    },
    click: function (f, part, action, button) {
      if (action !== "print-layout") return false;
      PSA.module("form").printPart(f, part.id, false, button.getAttribute("data-style"));
      return true;
    }
  });
});
