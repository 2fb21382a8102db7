/* Part type `template` (overrides/partials/parts/template.html): the book's text with {field} in the open places,
 * filled in live from the tool's values (e.g. the letter of bijlage 11). */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var all = PSA.all, t = PSA.t;
  var form = function () { return PSA.module("form"); };

  function globalDefs(cfg) {
    var out = {};
    Object.keys(cfg.globals).forEach(function (k) { out[k] = cfg.globals[k].f; });
    return out;
  }

  PSA.define("template", {
    render: function (f, part, node) {
      var F = form(), defs = globalDefs(f.cfg), values = f.active;
      all(node, "[data-slot]").forEach(function (span) {
        var id = span.getAttribute("data-slot");
        var filled = !F.emptyValue(values[id]);
        var text = filled ? F.formatValue(defs[id], values[id]).trim() : span.getAttribute("data-blank");
        // A blank at the end of a sentence: the sentence still ends with a full stop.
        if (filled && span.hasAttribute("data-ends") && !/[.!?…]$/.test(text)) text += ".";
        PSA.setText(span, text);
        span.classList.toggle("formulier__plek--leeg", !filled);
      });
      all(node, "[data-only-slot]").forEach(function (p) {
        PSA.setHidden(p, !p.querySelector(".formulier__plek:not(.formulier__plek--leeg)"));
      });
    },
    click: function (f, part, action) {
      if (action !== "print-part") return false;
      var open = all(form().partEl(f, part.id), "[data-slot].formulier__plek--leeg").filter(function (slot) {
        return !slot.closest("[data-only-slot]");
      });
      form().printPart(f, part.id, false);
      if (open.length) form().message(f, part.id, t("template.open", { count: open.length }));
      return true;
    }
  });
});
