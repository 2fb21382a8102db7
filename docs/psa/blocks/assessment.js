/* Report blocks that assess records one by one (family `assessment`, bijlage 13): compare (all records side by
 * side), score ('x van y richtlijnen voldoen') and needs (what needs work, with notes). */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var el = PSA.el, t = PSA.t;
  var form = function () { return PSA.module("form"); };

  PSA.define("assessment", {
    compare: function (b, units, part, f, x) {
      var F = form();
      var recs = units.filter(function (u) { return !u.tally; });
      if (!recs.length) return [el("p", b.empty || "")];
      var minded = [];  // fields marked "let op" in the table: what that means goes under it
      var rows = x.blockFields(part, b).map(function (fd) {
        return [fd.short || fd.label].concat(recs.map(function (u) {
          var text = F.formatValue(fd, u.values[fd.id]) || t("report.notAssessed");
          if (fd.highlight_if && F.holds(F.withGlobals(f, part, u.values), fd.highlight_if)) {
            text += t("report.mindSuffix");
            if (minded.indexOf(fd) < 0) minded.push(fd);
          }
          return text;
        }));
      });
      var out = [PSA.table([t("report.guideline")].concat(recs.map(function (u) { return x.recordName(part, u); })), rows)];
      if (minded.length) {
        out.push(PSA.listOf(minded.map(function (fd) { return t("report.mindAt", { field: fd.short || fd.label, text: fd.highlight }); })));
      }
      return out;
    },
    score: function (b, units, part, f, x) {
      var F = form(), u = units[0];
      var fields = x.blockFields(part, b);
      var answered = fields.filter(function (fd) { return !F.emptyValue(u.values[fd.id]); });
      var counted = answered.filter(function (fd) { return (b.exclude || []).indexOf(u.values[fd.id]) < 0; });
      var n = counted.filter(function (fd) { return b.values.indexOf(u.values[fd.id]) >= 0; }).length;
      var out = [el("p", counted.length ? x.fill(b.text, n, counted.length) : t("report.nothingAssessed"), "rapport__getal")];
      if (answered.length < fields.length) out.push(el("p", t("report.notYet", { n: fields.length - answered.length, of: fields.length })));
      return out;
    },
    needs: function (b, units, part, f, x) {
      var F = form(), u = units[0], items = [];
      b.values.forEach(function (value) {
        x.blockFields(part, b).forEach(function (fd) {
          if (u.values[fd.id] !== value) return;
          var li = el("li");
          li.appendChild(el("strong", F.optionLabel(fd, value) + ": "));
          li.appendChild(document.createTextNode(fd.label));
          var note = u.values["toelichting:" + fd.id];
          if (note) li.appendChild(el("span", t("report.noteText", { note: note }), "rapport__toelichting"));
          if (fd.highlight_if && F.holds(F.withGlobals(f, part, u.values), fd.highlight_if)) {
            li.appendChild(el("span", t("report.mind", { text: fd.highlight }), "rapport__toelichting"));
          }
          items.push(li);
        });
      });
      return [items.length ? PSA.listOf(items) : el("p", b.empty || "")];
    }
  });
});
