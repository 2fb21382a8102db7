/* The dossier of a checklist (overrides/partials/dossier.html; bijlage 16 'Inspectiedossier'): per point its status
 * and where the evidence is, printed as one overview with the date, and the review dates as a calendar file. The
 * values are the checklist's own answers (checklist.js keeps them, in this browser and as a file). */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var t = PSA.t, setText = PSA.setText;

  function listRoot(inst) {
    return inst.root.closest("[data-psa='checklist']");
  }
  function say(inst, text) {
    setText(inst.root.querySelector("[data-dossier-message]"), text);
  }
  function state(inst) {
    return PSA.module("checklist").readState(listRoot(inst));
  }

  /* The overview on paper: one row per point; for a point not in order, the parts of the book that help. */
  function paper(inst) {
    var cfg = inst.cfg, s = state(inst), el = PSA.el;
    var years = PSA.instance(listRoot(inst)).cfg.files.years;
    var table = el("table"), head = el("tr");
    [t("dossier.point"), cfg.status.label].concat(cfg.fields.map(function (f) { return f.label; })).forEach(function (h) {
      var th = el("th", h);
      th.scope = "col";
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody"), inOrder = 0, applicable = 0;
    cfg.items.forEach(function (item) {
      var values = s.answers[item.id] || {}, status = values[cfg.status.id];
      var tr = el("tr"), th = el("th");
      th.scope = "row";
      th.appendChild(el("span", (item.label ? item.label + ". " : "") + item.text));
      if (cfg.status.bad.indexOf(status) >= 0 && item.links.length) {
        var help = el("span", t("dossier.help") + " ", "dossier__hulp");
        item.links.forEach(function (link, i) {
          var a = el("a", link.text);
          a.href = link.href;
          if (i) help.appendChild(document.createTextNode("; "));
          help.appendChild(a);
        });
        th.appendChild(help);
      }
      tr.appendChild(th);
      tr.appendChild(el("td", status ? cfg.status.options[status] : t("dossier.open")));
      if (cfg.status.good.indexOf(status) >= 0) inOrder++;
      if (cfg.status.counted.indexOf(status) >= 0) applicable++;
      cfg.fields.forEach(function (f) {
        var v = values[f.id];
        tr.appendChild(el("td", v === undefined ? "–" : f.type === "date" && PSA.validDate(v, false, years) ? PSA.formatLocal(v) : v));
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    var box = inst.root.querySelector("[data-dossier-table]");
    box.textContent = "";
    box.appendChild(table);
    setText(inst.root.querySelector("[data-dossier-heading]"), cfg.heading + ": " + cfg.title);
    var who = s.context.organisatie;
    setText(inst.root.querySelector("[data-dossier-meta]"), t("print.date", { date: PSA.formatDate(new Date(), false) }) + ". " +
      (who ? t("dossier.organisation", { name: who }) + " " : "") + t("dossier.inOrder", { n: inOrder, total: applicable }));
  }

  function print(inst) {
    paper(inst);
    var box = inst.root.querySelector("[data-dossier-paper]");
    box.hidden = false;
    PSA.printOnly(listRoot(inst), { "data-print-dossier": "" }, function () { box.hidden = true; });
  }

  function ymd(text) {
    return text.replace(/-/g, "");
  }

  /* One all-day event per review date; a date that is not a real date is left out and named. */
  function calendar(inst) {
    var cfg = inst.cfg, s = state(inst), ics = PSA.files.icsText;
    var years = PSA.instance(listRoot(inst)).cfg.files.years;
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PSA-werkboek//" + cfg.title + "//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    var n = 0;
    cfg.items.forEach(function (item) {
      var values = s.answers[item.id] || {}, date = values[cfg.review];
      if (!PSA.validDate(date, false, years)) return;
      var p = PSA.parseLocal(date), next = new Date(p.y, p.m, p.d + 1);
      var end = next.getFullYear() + ("0" + (next.getMonth() + 1)).slice(-2) + ("0" + next.getDate()).slice(-2);
      var about = cfg.fields.filter(function (f) { return f.id !== cfg.review && values[f.id]; }).map(function (f) {
        return f.label + ": " + values[f.id];
      });
      n++;
      lines.push("BEGIN:VEVENT",
        "UID:" + cfg.id + "-dossier-" + item.id + "-" + ymd(date) + "@psa-werkboek",
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + ymd(date),
        "DTEND;VALUE=DATE:" + end,
        "SUMMARY:" + ics(cfg.calendar + ": " + t("dossier.point").toLowerCase() + " " + (item.label || item.id) +
          (values[cfg.fields[0].id] && cfg.fields[0].id !== cfg.review ? " (" + values[cfg.fields[0].id] + ")" : "")),
        "DESCRIPTION:" + ics([(item.label ? item.label + ". " : "") + item.text].concat(about).join("\n")),
        "TRANSP:TRANSPARENT",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    if (!n) return say(inst, t("dossier.noDates", { label: cfg.fields.filter(function (f) { return f.id === cfg.review; })[0].label }));
    say(inst, PSA.files.save(PSA.files.ics(lines), "text/calendar;charset=utf-8", cfg.id + "-herzieningen-" + PSA.today() + ".ics") +
      " " + t("dossier.dates", { count: n }));
  }

  PSA.define("dossier", {
    start: function (root) {
      root.hidden = false;
      return { root: root, cfg: PSA.json(root, "data-dossier") };
    },
    click: function (inst, event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "dossier-print") print(inst);
      else if (action === "dossier-ics") calendar(inst);
    }
  });
});
