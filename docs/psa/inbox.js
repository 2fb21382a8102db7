/* "Zet in plan van aanpak" on a checklist's summary lists and team discussion list: puts the point (with wie,
 * wat and wanneer if filled in) in the plan of the plan tool, in this browser's storage. Where the plan is kept
 * comes from the build (data-plan-target: key, tool, version, part and field names). */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var FORMAT = "psa-werkboek-formulier";

  PSA.define("inbox", {
    add: function (plan, button) {
      var item = button.closest("li");
      var values = {};
      values[plan.text] = button.getAttribute("data-text");
      values[plan.source] = button.getAttribute("data-source");
      PSA.all(item, "input[data-part]").forEach(function (input) {
        var to = plan.agreement[input.getAttribute("data-part")];
        if (to && input.value.trim()) values[to] = input.value.trim();
      });
      var say = function (text) { PSA.setText(button.parentNode.querySelector("[data-plan-message]"), text); };
      if (!PSA.store.available) return say(PSA.t("store.off.plan"));
      var text = PSA.store.get(plan.key), saved = null;
      if (text) {
        // A plan that cannot be read is never replaced from here: the plan page says what is wrong and keeps it.
        try { saved = JSON.parse(text); } catch (e) { return say(PSA.t("inbox.unreadable")); }
        if (!PSA.isObject(saved) || saved.format !== FORMAT || (PSA.own(saved, "records") && !PSA.isObject(saved.records)) ||
            (PSA.isObject(saved.records) && PSA.own(saved.records, plan.part) && !Array.isArray(saved.records[plan.part]))) {
          return say(PSA.t("inbox.unreadable"));
        }
      } else {
        saved = { format: FORMAT, tool: plan.tool, version: plan.version, values: {}, records: {}, ticks: {} };
      }
      if (!PSA.isObject(saved.records)) saved.records = {};
      var list = Array.isArray(saved.records[plan.part]) ? saved.records[plan.part] : [];
      var asks = PSA.all(item, "input[data-part]").length > 0;
      var typed = Object.keys(plan.agreement).some(function (part) { return PSA.own(values, plan.agreement[part]); });
      var index = -1;
      list.forEach(function (r, i) {
        if (index < 0 && r && r.values && r.values[plan.text] === values[plan.text] && r.values[plan.source] === values[plan.source]) index = i;
      });
      var key;
      // The plan holds no more points than a file of it may: otherwise it could not be opened again.
      if (index < 0 && list.length >= plan.max) return say(PSA.t("inbox.full", { max: plan.max.toLocaleString(PSA.NL) }));
      if (index < 0) {
        list.push({ id: PSA.recordId(), values: values });
        index = list.length - 1;
        key = asks && !typed ? "inbox.addedAsk" : "inbox.added";
      } else {
        // Clicked again after typing wie, wat or wanneer: the agreement joins the point that is already there.
        var record = list[index], changed = false;
        Object.keys(values).forEach(function (name) {
          if (record.values[name] !== values[name]) {
            record.values[name] = values[name];
            changed = true;
          }
        });
        key = changed ? "inbox.updated" : "inbox.there";
      }
      saved.records[plan.part] = list;
      // A new revision of the plan, made from the stored one: an open plan page merges it from there.
      PSA.stamp(saved, typeof saved.rev === "string" ? saved.rev : null);
      if (!PSA.store.set(plan.key, JSON.stringify(saved))) return say(PSA.t("store.full.plan"));
      say(PSA.t(key, { n: index + 1 }));
    }
  });
});
