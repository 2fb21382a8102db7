/* Part type `handout` (overrides/partials/parts/handout.html): a records part's questions as a blank paper form,
 * with the organisation's own texts (introduction, anonymity, where to hand it in) put in. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";

  PSA.define("handout", {
    render: function (f, part, node) {
      PSA.all(node, "[data-handout-text]").forEach(function (box) {
        var v = f.active[box.getAttribute("data-handout-text")];
        box.textContent = "";
        String(v || "").split(/\n\s*\n/).forEach(function (p) { if (p.trim()) box.appendChild(PSA.el("p", p.trim())); });
        PSA.setHidden(box, PSA.module("form").emptyValue(v));
      });
    }
  });
});
