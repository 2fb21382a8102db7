/* Part type `records` (overrides/partials/parts/records.html): an entry form that is saved many times, as a list
 * with change and remove; with `tally: true` also a pile of forms as counts per answer. `ref` fields elsewhere
 * choose one of these records by name. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var all = PSA.all, setText = PSA.setText, setHidden = PSA.setHidden, t = PSA.t, own = PSA.own, isObject = PSA.isObject;
  var form = function () { return PSA.module("form"); };

  function isInteger(v) {
    return typeof v === "number" && v >= 0 && Math.floor(v) === v && v < 1e6;
  }

  function readTally(node) {
    var total = node.querySelector("[data-tally-total]").value;
    var tl = { n: total === "" ? NaN : Number(total), counts: {}, texts: {} };
    all(node, "[data-tally]").forEach(function (input) {
      if (input.value === "") return;
      var fid = input.getAttribute("data-tally");
      (tl.counts[fid] = tl.counts[fid] || {})[input.getAttribute("data-option")] = Number(input.value);
    });
    all(node, "[data-tally-text]").forEach(function (input) {
      if (input.value.trim()) tl.texts[input.getAttribute("data-tally-text")] = input.value;
    });
    return tl;
  }

  function writeTally(node, tl) {
    node.querySelector("[data-tally-total]").value = tl ? tl.n : "";
    all(node, "[data-tally]").forEach(function (input) {
      var c = tl && tl.counts[input.getAttribute("data-tally")];
      input.value = c && own(c, input.getAttribute("data-option")) ? c[input.getAttribute("data-option")] : "";
    });
    all(node, "[data-tally-text]").forEach(function (input) {
      input.value = (tl && tl.texts[input.getAttribute("data-tally-text")]) || "";
    });
  }

  function tallyErrors(part, tl) {
    var errors = [];
    if (!isInteger(tl.n) || tl.n < 1) errors.push({ id: "aantal", text: t("records.tally.total") });
    Object.keys(tl.counts).forEach(function (fid) {
      var fd = part.defs[fid], counts = tl.counts[fid], sum = 0, problems = [], whole = false;
      Object.keys(counts).forEach(function (o) {
        if (!isInteger(counts[o]) && !whole) { whole = true; problems.push(t("records.tally.whole")); }
        sum += counts[o];
        if (counts[o] > tl.n) problems.push(t("records.tally.more", { option: form().optionLabel(fd, o) }));
      });
      if (fd.type === "choice" && sum > tl.n) problems.push(t("records.tally.sum", { sum: sum, n: tl.n }));
      if (problems.length) errors.push({ id: fid, text: (fd.short || fd.label) + ": " + problems.join(" ") });
    });
    return errors;
  }

  function entryMode(node) {
    var chosen = node.querySelector("[data-entry-mode]:checked");
    return chosen ? chosen.value : "los";
  }

  function setEntryMode(node, mode) {
    all(node, "[data-entry-mode]").forEach(function (r) { r.checked = r.value === mode; });
    var button = node.querySelector("[data-action='record-save']");
    if (button.hasAttribute("data-label-tally") && button.textContent !== button.getAttribute("data-label-edit")) {
      button.textContent = button.getAttribute(mode === "los" ? "data-label-new" : "data-label-tally");
    }
    setHidden(node.querySelector("[data-entry-form='single']"), mode !== "los");
    setHidden(node.querySelector("[data-entry-form='tally']"), mode === "los");
  }

  /* A record is called by its first column when that is a text, otherwise by its number. */
  function recordName(part, rec, index) {
    var first = (part.columns || [])[0];
    var name = first && rec.values && rec.values[first];
    return name && (part.defs[first].type === "text" || part.defs[first].type === "textarea") ? String(name) : part.label + " " + (index + 1);
  }

  /* `quiet`: the caller updates the page itself (the form's reset before taking over a file), so the report is not
   * computed twice. */
  function resetEntry(f, part, quiet) {
    var node = form().partEl(f, part.id);
    form().writeFields(node.querySelector("[data-entry-form='single']"), part.defs, {});
    var tally = node.querySelector("[data-entry-form='tally']");
    if (tally) writeTally(tally, null);
    form().showFieldErrors(node.querySelector("[data-entry]"), []);
    f.editing[part.id] = undefined;
    var mode = node.querySelector(".formulier__invoerwijze");
    if (mode) mode.disabled = false;
    var button = node.querySelector("[data-action='record-save']");
    button.textContent = button.getAttribute("data-label-" + (entryMode(node) === "los" ? "new" : "tally"));
    if (!quiet) form().update(f);
  }

  function focusEntry(node, inputsOnly) {
    var first = node.querySelector("[data-entry-form]:not([hidden]) input" + (inputsOnly ? ":not([type='hidden'])" : "") +
      ", [data-entry-form]:not([hidden]) textarea");
    if (first) first.focus();
  }

  function saveRecord(f, part) {
    var F = form(), node = F.partEl(f, part.id), mode = entryMode(node);
    var rec, errors;
    if (mode === "los") {
      var values = F.readFields(node.querySelector("[data-entry-form='single']"), part.defs);
      var merged = F.withGlobals(f, part, values);
      errors = F.fieldErrors(part.defs, merged, true);
      var active = F.activeValues(part.defs, merged);
      rec = { values: {} };
      Object.keys(values).forEach(function (k) { if (own(active, k)) rec.values[k] = values[k]; });
      if (!errors.length && !Object.keys(rec.values).length) errors.push({ id: "", text: t("records.empty") });
    } else {
      rec = { tally: readTally(node.querySelector("[data-entry-form='tally']")) };
      errors = tallyErrors(part, rec.tally);
    }
    F.showFieldErrors(node.querySelector("[data-entry]"), errors);
    if (errors.length) {
      F.message(f, part.id, t("records.notSaved", { errors: errors.map(function (e) { return e.text; }).join(" ") }));
      var input = errors[0].id && F.firstInput(node.querySelector("[data-entry-form='" + (mode === "los" ? "single" : "tally") + "']"), errors[0].id);
      if (input) input.focus();
      return;
    }
    var list = f.state.records[part.id] = f.state.records[part.id] || [];
    var editing = f.editing[part.id];
    if (editing !== undefined && editing >= list.length) editing = undefined; // the list changed meanwhile
    // No more than a file may hold: otherwise a file saved here could not be opened again.
    if (editing === undefined && list.length >= part.max_records) {
      return F.message(f, part.id, t("records.full", { max: part.max_records.toLocaleString(PSA.NL), what: part.plural }));
    }
    var index = editing === undefined ? list.length : editing;
    if (part.referenced && !rec.tally) {
      // Other records point at this one by name, so names must stay unique and a new name is carried over.
      var name = recordName(part, rec, index);
      var taken = list.some(function (r, i) { return i !== index && F.groupKey(recordName(part, r, i)) === F.groupKey(name); });
      if (taken) return F.message(f, part.id, t("records.nameTaken", { what: part.label.toLowerCase(), name: name }));
      if (editing !== undefined) renameReferences(f, part, recordName(part, list[index], index), name);
    }
    // Every record has an id, so two tabs can tell the same record from a new one; a changed record keeps its id.
    rec.id = editing !== undefined && list[index] && typeof list[index].id === "string" ? list[index].id : PSA.recordId();
    list[index] = rec;
    f.listPage[part.id] = Math.floor(index / part.list_page); // show where it went
    // One update and one write: the write below says whether it was kept.
    resetEntry(f, part, true);
    F.update(f, true);
    // "Opgeslagen" only after a write that succeeded (or for a part that is not kept on this device at all).
    var kept = F.save(f);
    F.message(f, part.id, kept ? t(editing === undefined ? "records.saved" : "records.changed", {
      name: rec.tally ? t("records.pile", { n: rec.tally.n }) : recordName(part, rec, index), n: index + 1 }) :
      t("records.added.notKept", { n: index + 1 }) + " " + t("form.notSaved"));
    focusEntry(node, true);
  }

  function renameReferences(f, source, from, to) {
    if (from === to) return;
    f.cfg.parts.forEach(function (p) {
      (p.fields || []).forEach(function (fd) {
        if (fd.type !== "ref" || fd.source !== source.id) return;
        (f.state.records[p.id] || []).forEach(function (r) { if (r.values && r.values[fd.id] === from) r.values[fd.id] = to; });
      });
    });
  }

  function editRecord(f, part, index) {
    var F = form(), node = F.partEl(f, part.id), rec = f.state.records[part.id][index];
    setEntryMode(node, rec.tally ? "aantallen" : "los");
    var mode = node.querySelector(".formulier__invoerwijze");
    if (mode) mode.disabled = true; // a pile stays a pile, a single form stays single
    if (rec.tally) writeTally(node.querySelector("[data-entry-form='tally']"), rec.tally);
    else F.writeFields(node.querySelector("[data-entry-form='single']"), part.defs, rec.values);
    f.editing[part.id] = index;
    var button = node.querySelector("[data-action='record-save']");
    button.textContent = button.getAttribute("data-label-edit");
    F.update(f);
    F.message(f, part.id, t("records.editing", { n: index + 1 }));
    focusEntry(node, false);
  }

  function deleteRecord(f, part, index, button) {
    var F = form();
    if (!button.hasAttribute("data-sure")) {
      button.setAttribute("data-sure", "");
      button.textContent = t("records.sure");
      return F.message(f, part.id, t("records.sureMessage", { n: index + 1 }));
    }
    f.state.records[part.id].splice(index, 1);
    var editing = f.editing[part.id];
    if (editing === index) resetEntry(f, part);
    else if (editing > index) f.editing[part.id] = editing - 1;
    F.save(f);
    F.update(f);
    F.message(f, part.id, t("records.deleted", { n: index + 1 }));
    F.partEl(f, part.id).querySelector("[data-action='record-save']").focus();
  }

  /* "Zeker weten?" on a remove button lasts only while it has focus; Escape or moving away cancels it. */
  function unsure(button) {
    if (!button || !button.hasAttribute || !button.hasAttribute("data-sure")) return;
    button.removeAttribute("data-sure");
    button.textContent = t("records.delete");
  }

  function copyRecord(f, part) {
    var F = form(), source = f.cfg.byPart[part.copy_from];
    var values = F.activeValues(source.defs, f.state.values);
    var copied = {}, names = [];
    Object.keys(part.defs).forEach(function (id) {
      var fd = part.defs[id], v = values[id];
      if (F.emptyValue(v) || !source.defs[id]) return;
      if (fd.type === "date" && typeof v === "string") v = v.slice(0, 10);
      if (fd.type === "choice" && !(fd.options || []).some(function (o) { return o.id === v; })) return;
      copied[id] = v;
      names.push(fd.label);
    });
    var node = F.partEl(f, part.id);
    setEntryMode(node, "los");
    F.writeFields(node.querySelector("[data-entry-form='single']"), part.defs, copied);
    F.update(f);
    F.message(f, part.id, names.length ? t("records.copied", { names: names.join(", ") }) : t("records.nothingToCopy"));
  }

  function addExamples(f, part) {
    var F = form();
    var list = f.state.records[part.id] = f.state.records[part.id] || [];
    var have = list.map(function (r, i) { return F.groupKey(recordName(part, r, i)); });
    var fresh = part.examples.filter(function (values) { return have.indexOf(F.groupKey(recordName(part, { values: values }, -1))) < 0; });
    if (list.length + fresh.length > part.max_records) {
      return F.message(f, part.id, t("records.full", { max: part.max_records.toLocaleString(PSA.NL), what: part.plural }));
    }
    // The book's examples get the same id in every tab: added in two tabs, they are there once.
    fresh.forEach(function (values) { list.push({ id: PSA.recordId({ values: values }, "voorbeeld"), values: JSON.parse(JSON.stringify(values)) }); });
    F.save(f);
    F.update(f);
    F.message(f, part.id, fresh.length ? t("records.examples", { count: fresh.length }) : t("records.examplesThere"));
  }

  function cellText(part, fd, rec) {
    var F = form();
    if (rec.tally) {
      if (fd.type === "choice" || fd.type === "multi") {
        var c = rec.tally.counts[fd.id] || {};
        return Object.keys(c).filter(function (o) { return c[o]; }).map(function (o) { return F.optionLabel(fd, o) + ": " + c[o]; }).join("; ");
      }
      return rec.tally.texts[fd.id] || "";
    }
    return fd.type === "choice" && rec.values[fd.id] ? F.optionShort(fd, rec.values[fd.id]) : F.formatValue(fd, rec.values[fd.id]);
  }

  /* The list shows one page of part.list_page records: drawing ten thousand table rows would hold the page up for
   * seconds, on every change. */
  function renderList(f, part, node) {
    var list = f.state.records[part.id] || [];
    var table = node.querySelector("[data-record-table]");
    var body = table.querySelector("tbody"), rows = [];
    var size = part.list_page, pages = Math.max(1, Math.ceil(list.length / size));
    var page = Math.min(Math.max(0, f.listPage[part.id] || 0), pages - 1);
    f.listPage[part.id] = page;
    var forms = 0;
    list.forEach(function (rec) { forms += rec.tally ? rec.tally.n : 1; });
    var first = page * size;
    list.slice(first, first + size).forEach(function (rec, at) {
      var index = first + at;
      var tr = document.createElement("tr");
      var th = PSA.el("th", (index + 1) + (rec.tally ? t("records.pileSuffix", { n: rec.tally.n }) : ""));
      th.scope = "row";
      tr.appendChild(th);
      var actions = document.createElement("td");
      [["record-edit", t("records.edit")], ["record-delete", t("records.delete")]].forEach(function (a) {
        var b = PSA.el("button", a[1], "md-button formulier__klein");
        b.type = "button";
        b.setAttribute("data-action", a[0]);
        b.setAttribute("data-index", index);
        b.setAttribute("aria-label", t("records.actionLabel", { action: a[1], n: index + 1 }));
        actions.appendChild(b);
      });
      tr.appendChild(actions);
      (part.columns || []).forEach(function (c) {
        var td = PSA.el("td", cellText(part, part.defs[c], rec) || "–");
        td.setAttribute("data-label", part.defs[c].short || part.defs[c].label);  // cards on a narrow screen
        tr.appendChild(td);
      });
      rows.push(tr);
    });
    // Rows that did not change stay, with the focus on their buttons.
    PSA.patch(body, rows);
    table.hidden = !list.length;
    var pager = node.querySelector("[data-pager]");
    setHidden(pager, pages < 2);
    if (pages > 1) {
      setText(pager.querySelector("[data-pager-text]"), t("records.page", { from: first + 1, to: Math.min(first + size, list.length) }));
      var prev = pager.querySelector("[data-action='records-prev']"), next = pager.querySelector("[data-action='records-next']");
      setText(prev, t("records.prev", { n: size }));
      setText(next, t("records.next", { n: size }));
      prev.disabled = page === 0;
      next.disabled = page === pages - 1;
    }
    setHidden(node.querySelector("[data-not-kept]"), !list.length || f.saved.optedIn());
    setText(node.querySelector("[data-record-count]"), list.length ?
      t("records.count", { n: list.length, what: list.length === 1 ? part.label.toLowerCase() : part.plural,
        forms: part.tally ? t("records.countForms", { n: forms }) : "" }) :
      t("records.none"));
  }

  function recordsCsv(f, part) {
    var F = form();
    var head = part.tally ? [t("csv.nr"), t("csv.kind"), t("csv.forms")] : [t("csv.nr")];
    var cols = [];
    part.fields.forEach(function (fd) {
      if (fd.type === "grid") {
        fd.rows.forEach(function (r) {
          fd.columns.forEach(function (c) { cols.push({ f: fd, cell: r.id + ":" + c.id }); head.push(fd.label + ": " + r.label + " – " + c.label); });
        });
      } else if (part.tally && (fd.type === "choice" || fd.type === "multi") || fd.type === "multi") {
        fd.options.forEach(function (o) { cols.push({ f: fd, option: o.id }); head.push(fd.label + ": " + o.label); });
      } else {
        cols.push({ f: fd });
        head.push(fd.label);
        if (fd.note) { cols.push({ f: fd, note: true }); head.push(t("csv.note", { label: fd.short || fd.label })); }
      }
    });
    var rows = [head];
    (f.state.records[part.id] || []).forEach(function (rec, i) {
      rows.push((part.tally ? [i + 1, rec.tally ? t("csv.pile") : part.label.toLowerCase(), rec.tally ? rec.tally.n : 1] : [i + 1]).concat(cols.map(function (c) {
        if (rec.tally) {
          if (c.option) return ((rec.tally.counts[c.f.id] || {})[c.option]) || 0;
          return rec.tally.texts[c.f.id] || "";
        }
        var v = rec.values[c.f.id];
        if (c.note) return rec.values["toelichting:" + c.f.id] || "";
        if (c.cell) return Array.isArray(v) && v.indexOf(c.cell) >= 0 ? 1 : 0;
        if (c.option) return (Array.isArray(v) ? v.indexOf(c.option) >= 0 : v === c.option) ? 1 : 0;
        return F.formatValue(c.f, v);
      })));
    });
    return PSA.files.csv(rows);
  }

  function checkTally(part, tl) {
    if (!isObject(tl) || !isObject(tl.counts) || !isObject(tl.texts)) return null;
    var clean = { n: tl.n, counts: {}, texts: {} };
    var ok = Object.keys(tl.counts).every(function (fid) {
      var fd = own(part.defs, fid) ? part.defs[fid] : null;
      if (!fd || !fd.options || !isObject(tl.counts[fid])) return false;
      clean.counts[fid] = {};
      return Object.keys(tl.counts[fid]).every(function (o) {
        clean.counts[fid][o] = tl.counts[fid][o];
        return fd.options.some(function (x) { return x.id === o; });
      });
    }) && Object.keys(tl.texts).every(function (fid) {
      clean.texts[fid] = tl.texts[fid];
      return own(part.defs, fid) && typeof tl.texts[fid] === "string";
    });
    return ok && !tallyErrors(part, clean).length ? clean : null;
  }

  /* A 'ref' field chooses one of the records of another part, by name. */
  function fillRefs(f) {
    all(f.root, "select[data-ref]").forEach(function (select) {
      var source = f.cfg.byPart[select.getAttribute("data-ref")];
      var names = (f.state.records[source.id] || []).map(function (rec, i) { return recordName(source, rec, i); });
      var current = select.value;
      var editing = f.editing[source.id];
      var self = select.closest("[data-entry]") && editing !== undefined ?
        recordName(source, f.state.records[source.id][editing], editing) : null;
      while (select.options.length > 1) select.remove(1);
      names.forEach(function (name) {
        if (name !== self) select.add(new Option(name, name)); // a unit is not part of itself
      });
      if (current && names.indexOf(current) < 0) select.add(new Option(t("records.refGone", { name: current }), current));
      select.value = current;
    });
  }

  function entryConditions(f, part, node) {
    var F = form();
    F.applyConditions(node.querySelector("[data-entry]"), F.withGlobals(f, part,
      F.readFields(node.querySelector("[data-entry-form='single']"), part.defs)));
  }

  /* Something typed in the entry form that is not in the list yet (or, while changing a record, differs from it). */
  function typed(f, part) {
    var F = form(), node = F.partEl(f, part.id);
    if (!node) return false;
    var single = node.querySelector("[data-entry-form='single']");
    var values = single ? F.readFields(single, part.defs) : {};
    var editing = f.editing[part.id], list = f.state.records[part.id] || [];
    if (editing !== undefined && list[editing] && list[editing].values) {
      return Object.keys(values).some(function (k) { return JSON.stringify(values[k]) !== JSON.stringify(list[editing].values[k]) && !(F.emptyValue(values[k]) && F.emptyValue(list[editing].values[k])); });
    }
    if (Object.keys(values).some(function (k) { return !F.emptyValue(values[k]); })) return true;
    var tally = node.querySelector("[data-entry-form='tally']");
    return !!tally && PSA.all(tally, "input").some(function (input) { return input.value.trim() !== ""; });
  }

  PSA.define("records", {
    typed: typed,
    init: function (f) { f.listPage = f.listPage || {}; },
    recordName: recordName,
    fillRefs: fillRefs,
    reset: function (f, part) { resetEntry(f, part, true); },
    conditions: function (f, part, node) {
      var F = form();
      F.applyConditions(node, F.withGlobals(f, part, F.readFields(node.querySelector("[data-entry-form='single']"), part.defs)));
      renderList(f, part, node);
    },
    portable: function (f, part, out) {
      if ((f.state.records[part.id] || []).length) out.records[part.id] = f.state.records[part.id];
    },
    importRecords: function (f, part, list, dropped) {
      var out = [], ids = {};
      list.forEach(function (rec, i) {
        var where = part.label + " " + (i + 1) + ": ";
        var checked = null;
        if (isObject(rec) && isObject(rec.tally)) {
          var tl = checkTally(part, rec.tally);
          if (tl) checked = { tally: tl };
          else dropped.push(where + t("records.import.badCounts"));
        } else if (isObject(rec) && isObject(rec.values)) {
          checked = { values: form().checkValues(part.defs, rec.values, where, dropped, f.cfg.files.years) };
        } else {
          dropped.push(where + t("records.import.damaged"));
        }
        if (!checked) return;
        // A record's id is kept when it is a plain, unique one; an older copy without ids gets them from place and
        // content, the same in every tab.
        var id = typeof rec.id === "string" && /^[A-Za-z0-9_-]{1,40}$/.test(rec.id) && !own(ids, rec.id) ? rec.id : PSA.recordId(checked, i);
        while (own(ids, id)) id = PSA.recordId(checked, id);
        ids[id] = true;
        out.push(Object.assign({ id: id }, checked));
      });
      return out;
    },
    reload: function (f, part, fresh) {
      f.state.records[part.id] = fresh.records[part.id] || [];
    },
    change: function (f, part, target) {
      var node = form().partEl(f, part.id);
      if (target.hasAttribute("data-entry-mode")) {
        setEntryMode(node, target.value);
        return true;
      }
      if (target.closest("[data-entry]")) {
        // Typing in the entry form changes nothing saved yet: only its own conditions need updating.
        entryConditions(f, part, node);
        return true;
      }
      return false;
    },
    click: function (f, part, action, button) {
      var F = form();
      if (action === "record-save") saveRecord(f, part);
      else if (action === "record-reset") { resetEntry(f, part); F.message(f, part.id, t("records.emptied")); }
      else if (action === "record-copy") copyRecord(f, part);
      else if (action === "record-examples") addExamples(f, part);
      else if (action === "record-edit") editRecord(f, part, Number(button.getAttribute("data-index")));
      else if (action === "record-delete") deleteRecord(f, part, Number(button.getAttribute("data-index")), button);
      else if (action === "records-prev" || action === "records-next") {
        f.listPage[part.id] = (f.listPage[part.id] || 0) + (action === "records-next" ? 1 : -1);
        renderList(f, part, F.partEl(f, part.id));
      }
      else if (action === "csv-records") {
        F.message(f, part.id, PSA.files.save(recordsCsv(f, part), "text/csv;charset=utf-8", f.cfg.id + "-" + part.id + "-" + PSA.today() + ".csv"));
      } else if (action === "clear-part-confirm") {
        delete f.state.records[part.id];
        resetEntry(f, part);
        F.save(f);
        F.message(f, part.id, t("records.cleared"));
      } else return false;
      return true;
    },
    keydown: function (f, part, event) {
      var target = event.target;
      if (event.key === "Escape") return unsure(target);
      // Enter in a one-line field of the entry form saves the entry, as a form's submit would.
      if (event.key !== "Enter" || target.tagName !== "INPUT" || ["text", "number", "date"].indexOf(target.type) < 0) return;
      var entry = target.closest("[data-entry]");
      if (!entry) return;
      event.preventDefault();
      entry.querySelector("[data-action='record-save']").click();
    },
    focusout: function (f, part, event) { unsure(event.target); }
  });
});
