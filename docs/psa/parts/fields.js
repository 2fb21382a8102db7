/* Part type `fields` (overrides/partials/parts/fields.html): one set of fields whose values belong to the whole
 * tool. With `check: true` it has "Controleer het formulier" and an error summary at the top. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var t = PSA.t;
  var form = function () { return PSA.module("form"); };

  /* The error summary at the top of the part; kept up to date once shown, focused only when asked for. */
  function checkPart(f, part, quiet) {
    var F = form(), node = F.partEl(f, part.id);
    var errors = F.fieldErrors(part.defs, f.state.values, true);
    F.showFieldErrors(node, errors);
    var box = node.querySelector("[data-error-summary]");
    var list = box.querySelector("[data-error-list]");
    list.textContent = "";
    errors.forEach(function (e) {
      var input = F.firstInput(node, e.id);
      var a = PSA.el("a", e.text);
      a.href = "#" + (input && input.id ? input.id : "");
      a.addEventListener("click", function (event) {
        // Handled here, not by Material's instant navigation: focus the field itself.
        event.preventDefault();
        event.stopPropagation();
        if (input) input.focus();
      });
      var li = PSA.el("li");
      li.appendChild(a);
      list.appendChild(li);
    });
    box.hidden = !errors.length;
    if (errors.length && !quiet) box.focus();
    else if (!errors.length) F.message(f, part.id, t("fields.allGood"));
  }

  PSA.define("fields", {
    click: function (f, part, action) {
      if (action !== "check") return false;
      checkPart(f, part);
      return true;
    },
    /* Dates are checked as soon as they change; empty fields only once the user has asked for the check. */
    changed: function (f, part) {
      var F = form(), node = F.partEl(f, part.id);
      var summary = node.querySelector("[data-error-summary]");
      if (summary && !summary.hidden) checkPart(f, part, true);
      else F.showFieldErrors(node, F.fieldErrors(part.defs, f.state.values, false));
    }
  });
});
