/* Part type `report` (overrides/partials/parts/report.html): declared blocks over a records part. Every block works
 * on 'units' (one record, or a pile entered as counts); the block types live in families (blocks/<family>.js),
 * and the config names each block's family, so a new block type needs no change here. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var all = PSA.all, setHidden = PSA.setHidden, t = PSA.t;
  var form = function () { return PSA.module("form"); };

  function unitsOf(f, source) {
    return (f.state.records[source.id] || []).map(function (rec, index) {
      if (rec.tally) return { n: rec.tally.n, counts: rec.tally.counts, texts: rec.tally.texts, index: index, tally: true };
      var counts = {};
      Object.keys(rec.values).forEach(function (k) {
        var v = rec.values[k];
        if (!source.defs[k]) return;
        counts[k] = {};
        (Array.isArray(v) ? v : [String(v)]).forEach(function (o) { counts[k][o] = 1; });
      });
      return { n: 1, counts: counts, values: rec.values, index: index };
    });
  }

  /* What every block family uses. */
  var tools = {
    countWhere: function (units, where) {
      var name = Object.keys(where)[0];
      return units.reduce(function (sum, u) {
        if (!u.tally) return sum + (form().holds(u.values, where) ? 1 : 0);
        var c = u.counts[name] || {};
        return sum + where[name].reduce(function (s, o) { return s + (c[o] || 0); }, 0);
      }, 0);
    },
    total: function (units) {
      return units.reduce(function (s, u) { return s + u.n; }, 0);
    },
    pct: function (n, of) {
      return of ? Math.round(100 * n / of) + "%" : "–";
    },
    fill: function (text, n, of) {
      return text.replace("{n}", n).replace("{total}", of).replace("{pct}", tools.pct(n, of));
    },
    blockFields: function (source, b) {
      if (b.scale) return source.fields.filter(function (fd) { return fd.scale === b.scale; });
      return (b.fields || []).map(function (id) { return source.defs[id]; });
    },
    recordName: function (source, u) {
      return PSA.module("records").recordName(source, { values: u.values }, u.index);
    },
    decimal: function (n) {
      return (Math.round(n * 10) / 10).toLocaleString(PSA.NL);
    }
  };

  function fillBlocks(f, container, blocks, units, source) {
    blocks.forEach(function (b, i) {
      var body = container.querySelector("[data-block='" + i + "'] [data-block-body]");
      var family = PSA.module(b.family);
      if (!family[b.type]) return; // a block that is only text (note) has nothing to compute
      // Only what changed is replaced: the browser then lays out that, not the whole report (long lists of remarks).
      PSA.patch(body, family[b.type](b, units, source, f, tools, body));
    });
  }

  /* The report as shown: each block's title, sentences and table rows. */
  function reportCsv(f, part) {
    var rows = [[f.cfg.title], [t("csv.made"), PSA.formatDate(new Date(), false)], []];
    all(form().partEl(f, part.id), "[data-block]").forEach(function (block) {
      if (block.hidden) return;
      var title = block.querySelector("h1, h2, h3, h4, h5, h6");
      if (title) rows.push([title.textContent.replace(/voorstel$/, "").trim()]);
      all(block, "[data-block-body] > p, [data-block-body] li, [data-block-body] tr").forEach(function (node) {
        if (node.tagName === "TR") rows.push(all(node, "th, td").map(function (c) { return c.textContent === "–" ? "" : c.textContent; }));
        else rows.push([node.textContent]);
      });
      rows.push([]);
    });
    return PSA.files.csv(rows);
  }

  PSA.define("report", {
    tools: tools,
    conditions: function () { /* a report has no fields of its own */ },
    render: function (f, part, node) {
      var source = f.cfg.byPart[part.of];
      var units = unitsOf(f, source);
      setHidden(node.querySelector("[data-report-empty]"), !!units.length);
      if (part.per_record) {
        var holder = node.querySelector("[data-report-records]");
        holder.textContent = "";
        var template = node.querySelector("[data-report-template]");
        units.forEach(function (u) {
          if (u.tally) return;
          var article = template.content.firstElementChild.cloneNode(true);
          PSA.setText(article.querySelector("[data-record-name]"), tools.recordName(source, u));
          fillBlocks(f, article, part.blocks, [u], source);
          holder.appendChild(article);
        });
        return;
      }
      all(node, "[data-block]").forEach(function (b) { setHidden(b, !units.length); });
      if (units.length) fillBlocks(f, node, part.blocks, units, source);
    },
    click: function (f, part, action) {
      if (action !== "csv-report") return false;
      form().message(f, part.id, PSA.files.save(reportCsv(f, part), "text/csv;charset=utf-8", f.cfg.id + "-" + part.id + "-" + PSA.today() + ".csv"));
      return true;
    }
  });
});
