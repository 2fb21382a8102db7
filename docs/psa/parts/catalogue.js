/* Part type `catalogue` (overrides/partials/parts/catalogue.html): a filterable list of the book's measures, each
 * linked to its section, with "Zet in plan" into a records part of the same tool. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var all = PSA.all, t = PSA.t;

  function filter(f, part) {
    var node = PSA.module("form").partEl(f, part.id);
    var chosen = {};
    all(node, "select[data-filter]").forEach(function (s) { chosen[s.getAttribute("data-filter")] = s.value; });
    var shown = 0;
    all(node, "[data-entry-item]").forEach(function (li) {
      var ok = Object.keys(chosen).every(function (k) {
        return !chosen[k] || (li.getAttribute("data-" + k) || "").split(" ").indexOf(chosen[k]) >= 0;
      });
      PSA.setHidden(li, !ok);
      if (ok) shown++;
    });
    all(node, "[data-catalogue-group]").forEach(function (group) {
      PSA.setHidden(group, !group.querySelector("[data-entry-item]:not([hidden])"));
    });
    PSA.setText(node.querySelector("[data-catalogue-count]"), shown + " " + (shown === 1 ? part.label : part.plural));
  }

  function add(f, part, button) {
    var F = PSA.module("form");
    var values = {};
    values[part.text_field] = button.getAttribute("data-text");
    if (part.source_field) values[part.source_field] = button.getAttribute("data-source");
    var list = f.state.records[part.into] = f.state.records[part.into] || [];
    var at = -1;
    list.forEach(function (r, i) { if (r.values && r.values[part.text_field] === values[part.text_field]) at = i; });
    var into = f.cfg.byPart[part.into];
    if (at < 0 && list.length >= into.max_records) {
      // A plan that holds more than a file may could not be opened again.
      return PSA.setText(button.closest("li").querySelector("[data-item-message]"),
        t("records.full", { max: into.max_records.toLocaleString(PSA.NL), what: into.plural }));
    }
    var kept = true;
    if (at < 0) {
      list.push({ id: PSA.recordId(), values: values });
      kept = F.save(f);
      F.update(f);
    }
    // "Staat nu in het plan" only after a write that succeeded.
    PSA.setText(button.closest("li").querySelector("[data-item-message]"),
      at >= 0 ? t("catalogue.there", { n: at + 1 }) : kept ? t("catalogue.added", { n: list.length }) :
        t("records.added.notKept", { n: list.length }) + " " + t("form.notSaved"));
  }

  PSA.define("catalogue", {
    started: filter,
    change: function (f, part, target) {
      if (!target.hasAttribute("data-filter")) return false;
      filter(f, part);
      return true;
    },
    click: function (f, part, action, button) {
      if (action !== "catalogue-add") return false;
      add(f, part, button);
      return true;
    }
  });
});
