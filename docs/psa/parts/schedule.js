/* Part type `schedule` (overrides/partials/parts/schedule.html): moments counted from a date field (`days` in
 * calendar days, `hours` in real hours), with the book's tasks to tick; printable and downloadable as .ics. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var t = PSA.t, formatDate = PSA.formatDate;
  var form = function () { return PSA.module("form"); };

  function momentDates(m, start) {
    function at(offset) {
      if (offset.hours) {
        // Hours are real elapsed time (72 hours stays 72 hours across a change to or from summer time).
        return { date: new Date(new Date(start.y, start.m, start.d, start.hh, start.mm).getTime() + offset.hours * 3600000), time: true };
      }
      return { date: new Date(start.y, start.m, start.d + (offset.days || 0)), time: false };
    }
    return { from: at(m.at), until: m.until ? at(m.until) : null };
  }

  function momentText(m, dates) {
    if (m.deadline) return t("schedule.deadline", { date: formatDate(dates.from.date, dates.from.time, true) });
    if (dates.until) return t("schedule.range", { from: formatDate(dates.from.date, false, true), until: formatDate(dates.until.date, false, true) });
    return formatDate(dates.from.date, false, true);
  }

  function ymd(date) {
    return date.getFullYear() + ("0" + (date.getMonth() + 1)).slice(-2) + ("0" + date.getDate()).slice(-2);
  }

  function makeIcs(f, part) {
    var cfg = f.cfg, ics = PSA.files.icsText;
    var start = PSA.parseLocal(f.state.values[part.from]);
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PSA-werkboek//" + cfg.title + "//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    part.moments.forEach(function (m) {
      if (m.show_if && !form().holds(f.state.values, m.show_if)) return;
      var dates = momentDates(m, start);
      var first = dates.from.date;
      var last = dates.until ? dates.until.date : first;
      var end = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
      var summary = (part.calendar || cfg.title) + ": " + m.title;
      if (m.deadline && dates.from.time) {
        summary += t("schedule.icsBy", { time: ("0" + first.getHours()).slice(-2) + ":" + ("0" + first.getMinutes()).slice(-2) });
      }
      lines.push("BEGIN:VEVENT",
        "UID:" + cfg.id + "-" + m.id + "-" + ymd(new Date(start.y, start.m, start.d)) + ("0" + start.hh).slice(-2) + ("0" + start.mm).slice(-2) + "@psa-werkboek",
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + ymd(first),
        "DTEND;VALUE=DATE:" + ymd(end),
        "SUMMARY:" + ics(summary),
        "DESCRIPTION:" + ics(m.items.map(function (text, i) {
          return ["- " + text].concat((m.subs[i] || []).map(function (sub) { return "   • " + sub; })).join("\n");
        }).join("\n")),
        "TRANSP:TRANSPARENT",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return PSA.files.ics(lines);
  }

  PSA.define("schedule", {
    init: function (f, part) {
      part.byMoment = {};
      part.taskKeys = [];
      part.moments.forEach(function (m) {
        part.byMoment[m.id] = m;
        m.tasks.forEach(function (task) { part.taskKeys.push(m.id + ":" + task); });
      });
    },
    render: function (f, part, node) {
      var F = form(), values = f.state.values, globals = f.cfg.globals;
      var start = PSA.parseLocal(values[part.from]);
      PSA.setHidden(node.querySelector("[data-no-date]"), !!start);
      var about = [];
      if (start) about.push(globals[part.from].f.label + ": " + F.formatValue(globals[part.from].f, values[part.from]));
      (part.with || []).forEach(function (w) {
        var v = values[w.field];
        if (!F.emptyValue(v)) about.push(w.label + ": " + F.formatValue(globals[w.field].f, v));
      });
      var line = about.join(". ");
      PSA.setText(node.querySelector("[data-plan-about]"), line && !/[.!?]$/.test(line) ? line + "." : line);
      PSA.setHidden(node.querySelector("[data-plan-about]"), !about.length);
      part.moments.forEach(function (m) {
        var li = node.querySelector("[data-moment='" + m.id + "']");
        PSA.setText(li.querySelector("[data-moment-date]"), start ? momentText(m, momentDates(m, start)) : t("schedule.noDate"));
      });
    },
    write: function (f, part, node) {
      PSA.all(node, "[data-task]").forEach(function (box) { box.checked = !!f.state.ticks[box.getAttribute("data-task")]; });
    },
    portable: function (f, part, out) {
      Object.keys(f.state.ticks).forEach(function (k) { if (k.split(":")[0] in part.byMoment) out.ticks[k] = true; });
    },
    knowsTick: function (part, key) {
      return part.taskKeys.indexOf(key) >= 0;
    },
    reload: function (f, part, fresh) {
      f.state.ticks = fresh.ticks;
    },
    change: function (f, part, target) {
      if (!target.hasAttribute("data-task")) return false;
      if (target.checked) f.state.ticks[target.getAttribute("data-task")] = true;
      else delete f.state.ticks[target.getAttribute("data-task")];
      form().update(f);
      return true;
    },
    /* The start date changed while tasks are ticked: say so, the ticks may belong to another incident. */
    valuesChanged: function (f, part, before, event) {
      if (before[part.from] && f.state.values[part.from] !== before[part.from] && Object.keys(f.state.ticks).length &&
          event.type === "change") {
        form().message(f, part.id, t("schedule.dateChanged"));
      }
    },
    click: function (f, part, action) {
      if (action !== "ics") return false;
      if (!PSA.parseLocal(f.state.values[part.from])) return form().message(f, part.id, t("schedule.fillDate")) || true;
      form().message(f, part.id, PSA.files.save(makeIcs(f, part), "text/calendar;charset=utf-8", f.cfg.id + "-" + PSA.today() + ".ics"));
      return true;
    }
  });
});
