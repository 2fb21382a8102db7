/* Part type `compare` (overrides/partials/parts/compare.html): several people's exported files side by side, one
 * row per name and one column per person; rows that differ are marked (bijlage 1). */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var t = PSA.t;
  var form = function () { return PSA.module("form"); };

  /* Files are read at the same time; the columns keep the order in which they were chosen. */
  function compareFiles(f, part, input) {
    var files = Array.prototype.slice.call(input.files || []);
    input.value = "";
    if (!files.length) return;
    var people = [], problems = [], pending = files.length, limits = PSA.files.limits(input);
    function done() {
      if (--pending) return;
      show(f, part, [{ name: t("compare.thisPage"), records: f.state.records[part.of] || [] }].concat(people.filter(Boolean)),
        problems.filter(Boolean));
    }
    files.forEach(function (file, i) {
      // The same limits as for opening a file: a file larger than any real one is named, not read.
      var big = PSA.files.tooBig(file, limits);
      if (big) {
        problems[i] = file.name + ": " + big;
        return done();
      }
      var reader = new FileReader();
      reader.onload = function () {
        var result = null, data;
        try { data = JSON.parse(reader.result); } catch (e) { data = undefined; }
        var wrong = data === undefined ? null : PSA.files.shape(data, limits);
        try { result = data === undefined ? null : wrong ? { error: wrong } : form().checkData(f, data); } catch (e) { result = null; }
        if (!result || result.error) problems[i] = file.name + ": " + (result ? result.error : t("compare.damaged"));
        else people[i] = { name: file.name.replace(/\.json$/i, ""), records: result.state.records[part.of] || [] };
        done();
      };
      reader.onerror = function () {
        problems[i] = file.name + ": " + t("compare.unopenable");
        done();
      };
      reader.readAsText(file);
    });
  }

  function show(f, part, people, problems) {
    var F = form(), node = F.partEl(f, part.id);
    var source = f.cfg.byPart[part.of];
    var value = source.defs[part.value];
    var recordName = PSA.module("records").recordName;
    var rows = {}, order = [];
    people.forEach(function (person, p) {
      person.records.forEach(function (rec, i) {
        if (rec.tally) return;
        var name = recordName(source, rec, i);
        var k = F.groupKey(name);
        if (!rows[k]) { rows[k] = { name: name, cells: [] }; order.push(k); }
        rows[k].cells[p] = rec.values[part.value];
      });
    });
    var body = node.querySelector("[data-compare-result]");
    body.textContent = "";
    var differ = 0;
    var data = order.map(function (k) {
      var cells = people.map(function (x, p) { return rows[k].cells[p]; });
      var given = cells.filter(function (c) { return c; });
      var split = given.some(function (c) { return c !== given[0]; });
      if (split) differ++;
      return [rows[k].name].concat(cells.map(function (c) { return c ? F.optionShort(value, c) : "–"; }), [split ? t("compare.differs") : ""]);
    });
    var first = source.defs[source.columns[0]];
    body.appendChild(PSA.table([first.short || first.label].concat(people.map(function (x) { return x.name; }), [t("compare.differs?")]), data));
    problems.forEach(function (text) { body.appendChild(PSA.el("p", text, "formulier__fout")); });
    F.message(f, part.id, t("compare.done", { files: people.length - 1, count: differ }));
  }

  PSA.define("compare", {
    change: function (f, part, target) {
      if (target.getAttribute("data-action") !== "compare-files") return false;
      compareFiles(f, part, target);
      return true;
    }
  });
});
