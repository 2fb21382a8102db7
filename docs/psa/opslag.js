/* The privacy page's box (overrides/partials/opslag.html): what this site keeps on this device now, and wiping all
 * of it after a confirmation. Only keys starting with 'psa-werkboek:' are touched. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";

  function list(inst) {
    var root = inst.root, names = {}, found = {};
    PSA.all(document, "[data-opslag-id]").forEach(function (row) {
      names[row.getAttribute("data-opslag-id")] = row.querySelector("th").textContent.trim();
    });
    PSA.store.keys().forEach(function (k) {
      var id = k.slice(PSA.PREFIX.length).split(":")[0];
      found[id] = (found[id] || 0) + 1;
    });
    var ids = Object.keys(found).sort(function (a, b) { return (names[a] || a).localeCompare(names[b] || b, "nl"); });
    var ul = root.querySelector("[data-opslag-lijst]");
    ul.textContent = "";
    ids.forEach(function (id) { ul.appendChild(PSA.el("li", names[id] || PSA.t("opslag.gone", { id: id }))); });
    root.querySelector("[data-opslag-leeg]").hidden = ids.length > 0;
    root.querySelector("[data-opslag-vol]").hidden = ids.length === 0;
    if (!PSA.store.available) PSA.setText(root.querySelector("[data-opslag-leeg]"), PSA.t("opslag.off"));
  }

  PSA.define("opslag", {
    start: function (root) {
      var inst = { root: root };
      root.querySelector("[data-opslag-nu]").hidden = false;
      list(inst);
      return inst;
    },
    click: function (inst, event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var root = inst.root, action = button.getAttribute("data-action");
      if (PSA.confirmStep(root, action, ["wipe-all"]) || action !== "wipe-all-confirm") return;
      PSA.store.keys().forEach(function (k) { PSA.store.remove(k); });
      list(inst);
      PSA.setText(root.querySelector("[data-message]"), PSA.t("opslag.wiped"));
      root.querySelector("[data-opslag-leeg]").setAttribute("tabindex", "-1");
      root.querySelector("[data-opslag-leeg]").focus();
    },
    storage: list
  });
});
