/* The core of the PSA-werkboek's tools, loaded only on pages that have one.
 *
 * Classic scripts on one namespace (window.PSA), because ES modules are blocked on file://. Every other file
 * registers itself through the queue `window.psaWerkboek` and does nothing else when it is loaded: after Material's
 * instant navigation the scripts of a page run again, and not necessarily in order. The core holds:
 * - the registry and the start-up of marked elements ([data-psa], started once, marked with data-ready);
 * - instant navigation and file:// (Material's document$ emits per page view, or completes without emitting);
 * - delegated events, routed to the component that owns the element;
 * - storage, files (JSON, CSV, .ics), printing, confirmations, and the UI strings with plural forms. */
(function () {
  "use strict";
  if (window.PSA && window.PSA.start) return; // already running: this page was reached by instant navigation

  var PREFIX = "psa-werkboek:";
  var NL = "nl-NL";
  var modules = Object.create(null);
  var instances = new WeakMap();
  var strings = Object.create(null);
  var PSA = window.PSA = { PREFIX: PREFIX, NL: NL, modules: modules };
  // Sorting Dutch text: one collator, because localeCompare makes one per call (seconds for 10,000 remarks). Made
  // on first use: making it costs more than starting the rest of the page's scripts.
  var collator = null;
  PSA.compareText = function (a, b) { return (collator = collator || new Intl.Collator(NL)).compare(a, b); };

  /* ---- Small DOM helpers, shared by every component ---- */

  PSA.all = function (root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  };
  PSA.setText = function (el, text) {
    if (el && el.textContent !== String(text)) el.textContent = text;
  };
  PSA.setHidden = function (el, hidden) {
    if (el && el.hidden !== hidden) el.hidden = hidden;
  };
  PSA.setAttr = function (el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  };
  PSA.el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  PSA.listOf = function (items) {
    var ul = PSA.el("ul");
    items.forEach(function (item) { ul.appendChild(typeof item === "string" ? PSA.el("li", item) : item); });
    return ul;
  };
  /* Makes `nodes` the children of `parent`, touching only what differs. A save that adds one remark to a list of 3,000
   * inserts one item, so the browser lays out one line instead of the whole report. Nodes are compared by their HTML:
   * the unchanged start and end stay; where one old node became one new node with the same tag and attributes (a table
   * in which one count changed), its children are patched the same way. Nodes that stay keep their focus and scroll. */
  function html(node) {
    return node.nodeType === 1 ? node.outerHTML : node.nodeType === 3 ? "#" + node.nodeValue : "";
  }
  function shell(node) {
    return node.nodeType === 1 ? node.cloneNode(false).outerHTML : null;
  }
  PSA.patch = function (parent, nodes) {
    var old = Array.prototype.slice.call(parent.childNodes);
    var was = [], now = [];
    // The same node (a block that reused what it drew last time) is the same without reading its HTML.
    var same = function (i, j) {
      if (old[i] === nodes[j]) return true;
      if (was[i] === undefined) was[i] = html(old[i]);
      if (now[j] === undefined) now[j] = html(nodes[j]);
      return was[i] === now[j];
    };
    var start = 0, endOld = old.length, endNew = nodes.length;
    while (start < endOld && start < endNew && same(start, start)) start++;
    while (endOld > start && endNew > start && same(endOld - 1, endNew - 1)) { endOld--; endNew--; }
    if (endOld - start === 1 && endNew - start === 1 && shell(old[start]) !== null && shell(old[start]) === shell(nodes[start])) {
      return PSA.patch(old[start], Array.prototype.slice.call(nodes[start].childNodes));
    }
    var before = old[endOld] || null;
    for (var i = start; i < endOld; i++) parent.removeChild(old[i]);
    for (var j = start; j < endNew; j++) parent.insertBefore(nodes[j], before);
  };
  /* A table in a wrapper that scrolls sideways; the keyboard must be able to scroll it too. */
  PSA.table = function (head, rows, caption) {
    var el = PSA.el, t = el("table");
    if (caption) t.appendChild(el("caption", caption));
    var thead = el("thead"), tr = el("tr");
    head.forEach(function (h) { var th = el("th", h); th.scope = "col"; tr.appendChild(th); });
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = el("tbody");
    rows.forEach(function (r) {
      var row = el("tr");
      r.forEach(function (cell, i) {
        var c = el(i ? "td" : "th", cell);
        if (!i) c.scope = "row";
        else if (head[i]) c.setAttribute("data-label", head[i]);  // a narrow screen shows rows as cards (form.css)
        row.appendChild(c);
      });
      tbody.appendChild(row);
    });
    t.appendChild(tbody);
    var wrap = el("div", undefined, "formulier__tabel");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "group");
    wrap.setAttribute("aria-label", caption || PSA.t("table.label"));
    wrap.appendChild(t);
    return wrap;
  };

  /* Own keys only: a file may name '__proto__' or 'constructor', which must never reach an object's prototype. */
  PSA.own = function (object, name) {
    return Object.prototype.hasOwnProperty.call(object, name) && ["__proto__", "constructor", "prototype"].indexOf(name) < 0;
  };
  PSA.isObject = function (value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  };
  /* A value from a file as a message may quote it: short, on one line, and never '[object Object]'. */
  PSA.quote = function (value, max) {
    if (PSA.isObject(value)) return "{…}";
    if (Array.isArray(value)) return "[…]";
    var text = String(value).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
    max = max || 40;
    return text.length > max ? text.slice(0, max) + "…" : text;
  };
  PSA.json = function (el, name) {
    return JSON.parse(el.getAttribute(name));
  };

  /* ---- Dates, in local time ---- */

  PSA.today = function () {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  };
  PSA.parseLocal = function (text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text || "");
    return m ? { y: +m[1], m: +m[2] - 1, d: +m[3], hh: +(m[4] || 0), mm: +(m[5] || 0), time: !!m[4] } : null;
  };
  PSA.formatDate = function (date, withTime, weekday) {
    var text = date.toLocaleDateString(NL, { weekday: weekday ? "long" : undefined, day: "numeric", month: "long", year: "numeric" });
    return withTime ? text + ", " + ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2) : text;
  };
  /* A real calendar date ('2026-02-28'), or with withTime a date and time ('2026-02-28T14:05'), within `years`
   * ([first, last], from the tool's config). The pattern alone lets 2026-02-31 and 2026-13-45T99:99 through, and
   * the Date object would quietly turn those into other days. */
  PSA.validDate = function (text, withTime, years) {
    var m = typeof text === "string" &&
      (withTime ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/ : /^(\d{4})-(\d{2})-(\d{2})$/).exec(text);
    if (!m) return false;
    var y = +m[1], month = +m[2], day = +m[3];
    if (years && (y < years[0] || y > years[1])) return false;
    if (month < 1 || month > 12 || day < 1 || day > new Date(y, month, 0).getDate()) return false;
    return !withTime || (+m[4] < 24 && +m[5] < 60);
  };
  /* Why a date from a file is not taken over (valid or not: call it for a value validDate refused). */
  PSA.dateProblem = function (value, withTime, years) {
    var m = typeof value === "string" && /^(\d{4})-/.exec(value);
    if (m && years && (+m[1] < years[0] || +m[1] > years[1]) && PSA.validDate(value, withTime)) {
      return PSA.t("file.dateYears", { value: PSA.quote(value), from: years[0], to: years[1] });
    }
    return PSA.t(withTime ? "file.badDateTime" : "file.badDate", { value: PSA.quote(value) });
  };
  PSA.formatLocal = function (text) {
    var p = PSA.parseLocal(text);
    return p ? PSA.formatDate(new Date(p.y, p.m, p.d, p.hh, p.mm), p.time) : text;
  };

  /* ---- UI strings: one table (strings.js), with one/other plural forms and %{name} placeholders ---- */

  PSA.strings = function (table) {
    Object.keys(table).forEach(function (k) { strings[k] = table[k]; });
  };
  PSA.t = function (key, vars) {
    var s = strings[key];
    if (s === undefined) throw new Error("PSA: onbekende tekst " + key);
    vars = vars || {};
    if (typeof s === "object") s = vars.count === 1 ? s.one : s.other;
    return s.replace(/%\{(\w+)\}/g, function (m, name) { return name in vars ? String(vars[name]) : m; });
  };

  /* ---- Storage: localStorage may be switched off (reading throws) or full (writing throws) ---- */

  var ls = null;
  try {
    window.localStorage.getItem(PREFIX + "probe");
    ls = window.localStorage;
  } catch (e) {
    ls = null;
  }
  PSA.store = {
    available: !!ls,
    get: function (k) { try { return ls ? ls.getItem(k) : null; } catch (e) { return null; } },
    set: function (k, v) { try { if (!ls) return false; ls.setItem(k, v); return true; } catch (e) { return false; } },
    remove: function (k) { try { if (ls) ls.removeItem(k); } catch (e) { /* nothing to remove */ } },
    /* Every key of this site (none when storage is off). */
    keys: function () {
      try { return ls ? Object.keys(ls).filter(function (k) { return k.indexOf(PREFIX) === 0; }) : []; } catch (e) { return []; }
    },
    /* Every version's answers of one tool ('psa-werkboek:ID:vN'), not its team data or settings. */
    removeVersions: function (id) {
      var start = PREFIX + id + ":v";
      PSA.store.keys().forEach(function (k) {
        if (k.indexOf(start) === 0 && /^\d+$/.test(k.slice(start.length))) PSA.store.remove(k);
      });
    }
  };

  /* A new revision id for a stored copy: random, so two tabs never make the same one. */
  PSA.newRev = function () {
    var bytes = new Uint8Array(8);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  };
  /* Marks `data` as a new revision made from the stored copy `parent` (its rev, or null for none). */
  PSA.stamp = function (data, parent) {
    data.parent = parent || null;
    data.rev = PSA.newRev();
    return data;
  };

  /* A record's id: new records get a random one; a record stored or saved in a file without one (older copies) gets
   * one from its place and content, so every tab that reads the same copy gives it the same id. */
  PSA.recordId = function (record, index) {
    if (record === undefined) return "r" + PSA.newRev();
    var text = index + ":" + JSON.stringify(record), hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return "o" + hash.toString(16);
  };

  /* One tool's saved copy. The keys come from the build (cfg.storage), so the script never makes them up:
   * {key, optin: key or absent}. With an opt-in key, nothing is kept until the user ticks "Bewaar …".
   *
   * Two tabs: every stored copy carries its revision (`rev`) and the revision it was made from (`parent`). A tab
   * remembers the copies it wrote or took in. When another tab's copy arrives, its parent is the common ancestor of
   * both tabs' answers, so a three-way merge can tell "the other tab removed this" from "the other tab had not seen
   * this yet" (two tabs that save at the same moment both keep their answers). `failed` is true while the last
   * write did not succeed: the page then holds answers that are not kept. */
  PSA.saved = function (storage) {
    var history = {}, order = [], size = 0;
    // A few recent copies are enough to find a common ancestor (events arrive in order); a cap on their size keeps
    // a tab with 20,000 questionnaires from holding dozens of copies of them.
    function remember(data, raw) {
      if (!PSA.isObject(data) || typeof data.rev !== "string") return;
      raw = raw || JSON.stringify(data);
      if (PSA.own(history, data.rev)) return;
      order.push(data.rev);
      history[data.rev] = raw;
      size += raw.length;
      while (order.length > 1 && (order.length > 12 || size > 4000000)) {
        size -= history[order[0]].length;
        delete history[order.shift()];
      }
    }
    return {
      current: null,
      failed: false,
      optedIn: function () { return !!storage.optin && PSA.store.get(storage.optin) === "ja"; },
      mayStore: function () { return PSA.store.available && (!storage.optin || this.optedIn()); },
      read: function () {
        var raw = PSA.store.get(storage.key);
        if (!raw) return { data: null };
        try { return { data: JSON.parse(raw) }; } catch (e) { return { error: true }; }
      },
      write: function (data) {
        var ok;
        if (!data) {
          PSA.store.remove(storage.key);
          ok = PSA.store.get(storage.key) === null;
          if (ok) {
            this.current = null;
            this.raw = null;
          }
        } else {
          PSA.stamp(data, this.current);
          var raw = JSON.stringify(data);
          ok = PSA.store.set(storage.key, raw);
          if (ok) {
            this.raw = raw;
            remember(data, raw);
            this.current = data.rev;
          }
        }
        this.failed = !ok;
        return ok;
      },
      /* This tab now holds what `data` holds (read at start, or taken in from another tab). */
      synced: function (data, raw) {
        remember(data, raw);
        this.current = PSA.isObject(data) && typeof data.rev === "string" ? data.rev : null;
        this.raw = data ? (raw || JSON.stringify(data)) : null;
      },
      /* Everything of this tool was removed (opting out): nothing of this tab's is stored any more. */
      forget: function () {
        this.current = null;
        this.raw = null;
      },
      /* The copy this tab last wrote or took in: for a merge whose common ancestor is unknown. */
      last: function () {
        return this.raw ? JSON.parse(this.raw) : null;
      },
      /* The copy `theirs` was made from, if this tab knows it: { known: true, data: object or null (nothing was
       * stored) }; otherwise { known: false } and the caller merges against what it last saw. */
      ancestor: function (theirs) {
        if (!PSA.isObject(theirs) || !PSA.own(theirs, "parent")) return { known: false };
        if (theirs.parent === null) return { known: true, data: null };
        if (typeof theirs.parent === "string" && PSA.own(history, theirs.parent)) {
          return { known: true, data: JSON.parse(history[theirs.parent]) };
        }
        return { known: false };
      },
      setOptIn: function (on) {
        if (!on) {
          PSA.store.remove(storage.optin);
          return PSA.store.get(storage.optin) === null;
        }
        return PSA.store.set(storage.optin, "ja");
      }
    };
  };

  /* While the user has not yet chosen between this tab's and another tab's answer, what is stored keeps the other
   * tab's answer for those questions: the choice stays open, and nothing is overwritten before it is made. */
  PSA.keepTheirs = function (root, data, stored, storedData) {
    var pending = root.psaConflict;
    if (!pending) return data;
    var copy = JSON.parse(JSON.stringify(data));
    var openThere = stored && PSA.isObject(storedData) && Array.isArray(storedData.open) ? storedData.open : [];
    pending.conflicts.forEach(function (c) {
      // Open in both tabs: either value may stay stored, so what is stored (`stored`) counts as kept; writing the
      // other value back would make the two tabs write to each other for ever.
      var both = openThere.indexOf(JSON.stringify(c.path)) >= 0;
      PSA.setPath(copy, c.path, both ? PSA.getPath(stored, c.path) : c.theirs);
    });
    return copy;
  };
  /* A new copy from the other tab while a choice is open. The page keeps its own value at each open choice (the
   * merge must not decide it); the choice now offers what is stored now; and it closes only when the other tab no
   * longer has it open and holds the same value (a tab with an open choice stores the other tab's value there, so an
   * equal value alone does not mean agreement). `value` is the merged state, changed in place. */
  PSA.refreshConflicts = function (root, mine, value, theirs, data) {
    var pending = root.psaConflict;
    if (!pending) return;
    var openThere = PSA.isObject(data) && Array.isArray(data.open) ? data.open : [];
    pending.conflicts = pending.conflicts.filter(function (c) {
      var own = PSA.getPath(mine, c.path);
      PSA.setPath(value, c.path, own);
      c.mine = own;
      // Open there too: what is stored there is this tab's own value, echoed; the other tab's answer is unchanged.
      if (openThere.indexOf(JSON.stringify(c.path)) >= 0) return true;
      c.theirs = PSA.getPath(theirs, c.path);
      return !PSA.same(own, c.theirs);
    });
    if (!pending.conflicts.length) PSA.clearConflicts(root);
    else pending.render();
  };
  /* The user made this tab's answer equal to the other tab's: that choice is made. Called before saving. */
  PSA.settleConflicts = function (root, state) {
    var pending = root.psaConflict;
    if (!pending) return;
    pending.conflicts = pending.conflicts.filter(function (c) { return !PSA.same(PSA.getPath(state, c.path), c.theirs); });
    if (!pending.conflicts.length) PSA.clearConflicts(root);
    else pending.render();
  };
  /* The open choices of this tab, stored with its copy (see refreshConflicts). */
  PSA.openChoices = function (root) {
    return root.psaConflict ? root.psaConflict.conflicts.map(function (c) { return JSON.stringify(c.path); }) : [];
  };
  /* Wiping or opening a file ends any open choice: what it was about is gone. */
  PSA.clearConflicts = function (root) {
    root.psaConflict = null;
    var box = root.querySelector("[data-conflict]");
    if (box) box.hidden = true;
  };

  /* ---- Files: made in the browser and handed to the user's downloads; nothing is sent anywhere ---- */

  PSA.files = {
    save: function (text, type, filename) {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([text], { type: type }));
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      return PSA.t("file.saved", { name: filename });
    },
    saveJSON: function (data, filename) {
      return PSA.files.save(JSON.stringify(data, null, 2), "application/json", filename);
    },
    /* Reads the chosen file as JSON; `say` gets the Dutch message when that fails, `onData` the parsed data. The
     * size is checked before reading and the shape before anything walks the data, against the tool's limits. */
    readJSON: function (input, say, onData) {
      var file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      var limits = fileLimits(input), big = PSA.files.tooBig(file, limits);
      if (big) return say(big);
      var reader = new FileReader();
      reader.onload = function () {
        var data;
        // JSON.parse may also throw a RangeError on absurd nesting: that is a damaged file too.
        try { data = JSON.parse(reader.result); } catch (e) { return say(PSA.t("file.unreadable")); }
        var wrong = PSA.files.shape(data, limits);
        if (wrong) return say(wrong);
        onData(data);
      };
      reader.onerror = function () { say(PSA.t("file.unopenable")); };
      reader.readAsText(file);
    },
    limits: function (input) { return fileLimits(input); },
    tooBig: function (file, limits) {
      return file.size > limits.bytes ? PSA.t("file.tooBig", { size: megabytes(file.size), max: megabytes(limits.bytes) }) : null;
    },
    /* null, or the message for data nested deeper or holding more values than any file of ours. Iterative, so the
     * check itself cannot overflow the stack, and it stops at the first value over the limit. */
    shape: function (data, limits) {
      var stack = [data], depths = [1], nodes = 0;
      while (stack.length) {
        var value = stack.pop(), depth = depths.pop();
        if (++nodes > limits.nodes) return PSA.t("file.tooMuch", { max: limits.nodes.toLocaleString(NL) });
        if (value === null || typeof value !== "object") continue;
        if (depth > limits.depth) return PSA.t("file.tooDeep", { max: limits.depth });
        var children = Array.isArray(value) ? value : Object.keys(value).map(function (k) { return value[k]; });
        for (var i = 0; i < children.length; i++) {
          stack.push(children[i]);
          depths.push(depth + 1);
        }
      }
      return null;
    },
    /* CSV for Excel: UTF-8 with BOM, semicolons, CRLF; cells that Excel would run as a formula get a quote. */
    csv: function (rows) {
      function cell(value) {
        var s = String(value === undefined || value === null ? "" : value);
        if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
        return /[";\r\n]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
      }
      return "\uFEFF" + rows.map(function (r) { return r.map(cell).join(";"); }).join("\r\n") + "\r\n";
    },
    /* iCalendar text value and line folding: lines of at most 75 octets, continuations start with a space
     * (RFC 5545, 3.1 and 3.3.11). */
    icsText: function (text) {
      return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
    },
    ics: function (lines) {
      var encoder = new TextEncoder();
      function fold(line) {
        var out = [], current = "", size = 0;
        Array.from(line).forEach(function (ch) {
          var bytes = encoder.encode(ch).length;
          if (size + bytes > (out.length ? 74 : 75)) {
            out.push(current);
            current = "";
            size = 0;
          }
          current += ch;
          size += bytes;
        });
        out.push(current);
        return out.join("\r\n ");
      }
      return lines.map(fold).join("\r\n") + "\r\n";
    }
  };

  /* The limits of the tool that owns this file input (components.FILE_LIMITS, in every tool's config). */
  var FALLBACK_LIMITS = { bytes: 20000000, depth: 32, nodes: 2000000, years: [1900, 2100] }; // a tool without config
  function fileLimits(input) {
    var root = input.closest && input.closest("[data-psa]"), inst = root && instances.get(root);
    return (inst && inst.cfg && inst.cfg.files) || FALLBACK_LIMITS;
  }
  function megabytes(bytes) {
    return (Math.round(bytes / 100000) / 10).toLocaleString(NL) + " MB";
  }

  /* A file's version: null when it is a whole number (0 or more), else the message. A string "1" is not version 1. */
  PSA.checkVersion = function (version) {
    if (version === undefined || version === null) return PSA.t("file.version.missing");
    if (typeof version === "string") return PSA.t("file.version.text", { value: PSA.quote(version) });
    if (typeof version !== "number") return PSA.t("file.version.kind");
    if (!(version >= 0) || Math.floor(version) !== version) return PSA.t("file.version.bad", { value: String(version) });
    return null;
  };

  /* A script error while checking or taking over a file: the tool is put back as it was and the user is told. */
  function failed(error) {
    return PSA.t("file.failed", { reason: PSA.quote(error && error.message ? error.message : error) });
  }
  function applySafely(tool, state, confirmed) {
    var undo = tool.snapshot();
    try {
      tool.say(tool.apply(state, confirmed));
    } catch (e) {
      try { undo(); } catch (e2) { /* the message below is what is left to do */ }
      tool.say(failed(e));
    }
  }

  /* Opening a file into a tool, the same way for checklists and forms. `tool` gives its kind ("checklist" or
   * "form", for the wording) and check(data) → {error} or {state, dropped: [texts], note}; hasData();
   * apply(state, confirmed) → message; snapshot() → a function that puts back what apply changes; say(text).
   * A clean file into an empty tool is taken over at once; otherwise the confirm box says what would be replaced or
   * dropped, and the user chooses. */
  var SHOWN_DROPPED = 50; // a foreign file may give thousands of lines; the box names the first ones and counts the rest
  PSA.importFile = function (root, input, tool) {
    PSA.files.readJSON(input, tool.say, function (data) {
      var result;
      try { result = tool.check(data); } catch (e) { return tool.say(failed(e)); }
      if (result.error) return tool.say(result.error);
      var has = tool.hasData();
      if (!result.dropped.length && !result.note && !has) return applySafely(tool, result.state, false);
      PSA.instance(root).pendingImport = { result: result, tool: tool };
      var box = root.querySelector("[data-confirm='import']");
      PSA.setText(box.querySelector("[data-import-problems]"), (result.note ? result.note + " " : "") +
        (has ? PSA.t("import.replaces." + tool.kind) + " " : "") +
        PSA.t((result.dropped.length ? "import.dropped." : "import.keep.") + tool.kind));
      var list = box.querySelector("[data-import-list]");
      list.textContent = "";
      result.dropped.slice(0, SHOWN_DROPPED).forEach(function (text) { list.appendChild(PSA.el("li", text)); });
      if (result.dropped.length > SHOWN_DROPPED) {
        list.appendChild(PSA.el("li", PSA.t("import.more", { count: result.dropped.length - SHOWN_DROPPED })));
      }
      box.hidden = false;
      box.querySelector("[data-action='import-confirm']").focus();
    });
  };
  /* The answer to the import confirm box; true when the click was one of its buttons. */
  PSA.importAnswer = function (root, action) {
    if (action !== "import-confirm" && action !== "import-cancel") return false;
    var inst = PSA.instance(root), pending = inst.pendingImport;
    inst.pendingImport = null;
    root.querySelector("[data-confirm='import']").hidden = true;
    if (pending && action === "import-confirm") applySafely(pending.tool, pending.result.state, true);
    else if (pending) pending.tool.say(PSA.t("import.cancelled." + pending.tool.kind));
    root.querySelector("input[data-action='import']").focus();
    return true;
  };

  /* ---- Two tabs: a three-way merge of what this tab has, what it last saw stored, and what another tab stored ---- */

  /* Equal in content: the same keys and values, in whatever order the keys were added (a record made on this page
   * and the same record read back from storage list their keys in different orders). */
  function sameWith(memo) {
    // Each object's canonical text is made once per comparison run (a merge walks the same lists level by level).
    function canonical(value) {
      if (value === null || typeof value !== "object") return JSON.stringify(value);
      var known = memo.get(value);
      if (known !== undefined) return known;
      var text = Array.isArray(value) ? "[" + value.map(canonical).join(",") + "]" :
        "{" + Object.keys(value).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(value[k]); }).join(",") + "}";
      memo.set(value, text);
      return text;
    }
    return function (a, b) { return a === b || canonical(a) === canonical(b); };
  }
  PSA.same = function (a, b) { return sameWith(new WeakMap())(a, b); };

  /* { value, conflicts: [{ path, mine, theirs }] }. Objects merge key by key; a list (records) merges as a set of
   * entries: what this tab added is added, what it removed is removed, the rest is the other tab's. Where both
   * changed the same value differently, this tab's value stays for now and the conflict is reported. */
  PSA.merge = function (base, mine, theirs) {
    var conflicts = [], same = sameWith(new WeakMap());
    function walk(b, m, th, path) {
      if (same(m, th) || same(th, b)) return m;
      if (same(m, b)) return th;
      // A list on one side and nothing on the other (a part whose last record went) is an empty list.
      var list = function (v) { return v === undefined || Array.isArray(v); };
      if (list(m) && list(th) && list(b) && (Array.isArray(m) || Array.isArray(th))) return entries(b || [], m || [], th || [], path);
      var objects = [b, m, th].every(function (v) { return v === undefined || PSA.isObject(v); });
      if (objects && (PSA.isObject(m) || PSA.isObject(th))) {
        var out = {};
        var keys = Object.keys(Object.assign({}, b || {}, m || {}, th || {}));
        keys.forEach(function (k) {
          var v = walk((b || {})[k], (m || {})[k], (th || {})[k], path.concat(k));
          if (v !== undefined) out[k] = v;
        });
        return out;
      }
      conflicts.push({ path: path, mine: m, theirs: th });
      return m;
    }
    function entries(b, m, th, path) {
      var withIds = [b, m, th].every(function (list) {
        return list.every(function (e) { return PSA.isObject(e) && typeof e.id === "string"; });
      });
      return withIds ? byId(b, m, th, path) : asSet(b, m, th);
    }
    /* Records with an id (every record a tool makes has one): merged per record. Removed here is removed there,
     * unless the other tab changed it; added here is added; a record both changed is merged field by field. */
    function byId(b, m, th, path) {
      var index = function (list) { var n = {}; list.forEach(function (e) { n[e.id] = e; }); return n; };
      var ib = index(b), im = index(m), ith = index(th);
      var out = th.filter(function (e) {
        return !(PSA.own(ib, e.id) && !PSA.own(im, e.id) && same(e, ib[e.id]));
      });
      // A record in a path is named by its id, not its place: the list may change while a choice is open.
      out = out.map(function (e) {
        if (!PSA.own(im, e.id)) return e;
        return walk(PSA.own(ib, e.id) ? ib[e.id] : undefined, im[e.id], e, path.concat({ id: e.id }));
      });
      m.forEach(function (e) {
        var removedThere = PSA.own(ib, e.id) && !PSA.own(ith, e.id);
        if (PSA.own(ith, e.id) || (removedThere && same(e, ib[e.id]))) return;
        out.push(e); // new here, or changed here while the other tab removed it: kept
      });
      return out;
    }
    /* Lists without ids (older stored copies): a multiset of entries. */
    function asSet(b, m, th) {
      var count = function (list) {
        var n = {};
        list.forEach(function (e) { var k = JSON.stringify(e); n[k] = (n[k] || 0) + 1; });
        return n;
      };
      var nb = count(b), nm = count(m), out = th.slice();
      Object.keys(nb).forEach(function (k) { // removed here: remove there too, as often as here
        for (var i = (nm[k] || 0); i < nb[k]; i++) {
          var at = out.map(function (e) { return JSON.stringify(e); }).indexOf(k);
          if (at >= 0) out.splice(at, 1);
        }
      });
      m.forEach(function (e) { // added here: add, once for each time it is new
        var k = JSON.stringify(e);
        if ((nm[k] || 0) > (nb[k] || 0)) {
          nm[k]--;
          out.push(e);
        }
      });
      return out;
    }
    return { value: walk(base, mine, theirs, []), conflicts: conflicts };
  };

  /* Both tabs changed the same answers: show them (acties.html, data-conflict) and let the user choose.
   * describe(path, value) → text; resolve("mine" | "theirs", conflicts) does the rest. */
  PSA.showConflicts = function (root, conflicts, describe, resolve) {
    var box = root.querySelector("[data-conflict]");
    var key = function (c) { return JSON.stringify(c.path); };
    var fresh = {};
    conflicts.forEach(function (c) { fresh[key(c)] = true; });
    // Choices still open stay open; a new one about the same answer replaces the old one.
    var all = (root.psaConflict ? root.psaConflict.conflicts : []).filter(function (c) { return !fresh[key(c)]; }).concat(conflicts);
    var pending = root.psaConflict = { conflicts: all, resolve: resolve };
    pending.render = function () {
      var list = box.querySelector("ol");
      list.textContent = "";
      pending.conflicts.forEach(function (c) {
        list.appendChild(PSA.el("li", PSA.t("tabs.conflict.item", { what: describe(c.path, null),
          mine: describe(c.path, c.mine), theirs: describe(c.path, c.theirs) })));
      });
      box.hidden = false;
      // Shown first, then the text: an alert that is hidden when its text changes is not read out.
      var text = box.querySelector("[data-conflict-text]");
      PSA.setText(text, "");
      PSA.setText(text, PSA.t("tabs.conflict", { count: pending.conflicts.length }));
    };
    pending.render();
  };
  PSA.conflictAnswer = function (root, action) {
    if (action !== "conflict-mine" && action !== "conflict-theirs") return false;
    var pending = root.psaConflict;
    PSA.clearConflicts(root);
    if (pending) pending.resolve(action === "conflict-mine" ? "mine" : "theirs", pending.conflicts);
    return true;
  };
  /* A path of keys; a step { id } is the record with that id in a list. */
  function step(node, key) {
    if (PSA.isObject(key)) {
      return Array.isArray(node) ? node.filter(function (e) { return PSA.isObject(e) && e.id === key.id; })[0] : undefined;
    }
    return node !== null && typeof node === "object" && !Array.isArray(node) ? node[key] : undefined;
  }
  PSA.getPath = function (object, path) {
    var node = object;
    for (var i = 0; i < path.length && node !== undefined; i++) node = step(node, path[i]);
    return node;
  };
  /* Sets one value; never replaces a list, and does nothing when the record the path names is gone. */
  PSA.setPath = function (object, path, value) {
    var node = object, chain = [];
    for (var i = 0; i < path.length - 1; i++) {
      var next = step(node, path[i]);
      if (next === undefined && value === undefined) return; // nothing there to remove
      if (next === undefined && !PSA.isObject(path[i]) && !Array.isArray(node)) next = node[path[i]] = {};
      if (next === null || typeof next !== "object") return;
      chain.push([node, path[i]]);
      node = next;
    }
    var last = path[path.length - 1];
    if (PSA.isObject(last) || Array.isArray(node)) return; // a whole record is never a choice of its own
    if (value !== undefined) {
      node[last] = value;
      return;
    }
    delete node[last];
    // An answer removed leaves no empty object behind (below the top level): a stored copy never has one, so the
    // two would never compare equal.
    for (var j = chain.length - 1; j >= 1; j--) {
      var parent = chain[j][0], key = chain[j][1];
      if (PSA.isObject(key) || !PSA.isObject(parent[key]) || Object.keys(parent[key]).length) break;
      delete parent[key];
    }
  };

  /* ---- What is stored but cannot be used: kept, named, and offered as a file until the user decides ---- */

  /* Copies set aside: the first under `first` (e.g. '…:onleesbaar'), later different ones under ':2', ':3', … None
   * is ever replaced: each holds something the user has not yet decided about. Shared by tools and team mode. */
  PSA.aside = {
    keys: function (first) {
      var more = first + ":";
      return PSA.store.keys().filter(function (k) {
        return k === first || (k.indexOf(more) === 0 && /^\d+$/.test(k.slice(more.length)));
      });
    },
    /* True when `raw` is kept aside (already, or now); false when storage refused it. */
    put: function (first, raw) {
      if (PSA.aside.keys(first).some(function (k) { return PSA.store.get(k) === raw; })) return true;
      var key = first;
      for (var n = 2; PSA.store.get(key) !== null; n++) key = first + ":" + n;
      return PSA.store.set(key, raw);
    }
  };

  /* Called once when a tool starts. `unreadable`: null, or { raw, reasons } for a stored copy that could not be
   * (fully) read; it is copied aside under storage.unreadable before the tool saves again. Copies of other
   * versions of the tool ('…:v0') are found here too. The notice (acties.html, data-leftover) stays until the user
   * saves them as a file or wipes them. */
  PSA.leftovers = function (root, storage, unreadable) {
    var prefix = storage.key.replace(/:v\d+$/, ":v");
    var found = PSA.store.keys().filter(function (k) {
      return k.indexOf(prefix) === 0 && k !== storage.key && /^\d+$/.test(k.slice(prefix.length));
    }).map(function (k) { return { key: k, version: k.slice(prefix.length), raw: PSA.store.get(k) }; });
    var memory = null;
    var asideKeys = function () { return PSA.aside.keys(storage.unreadable); };
    if (unreadable && !PSA.aside.put(storage.unreadable, unreadable.raw)) memory = unreadable.raw;
    var kept = asideKeys().length ? PSA.store.get(asideKeys()[0]) : null;
    var box = root.querySelector("[data-leftover]");
    if (!box) return null;
    var texts = [];
    if (kept !== null || memory !== null) {
      texts.push(PSA.t("leftover.unreadable", { reasons: unreadable && unreadable.reasons.length ?
        unreadable.reasons.slice(0, 5).join("; ") + (unreadable.reasons.length > 5 ? "; …" : "") : PSA.t("leftover.unknown") }));
      if (memory !== null) texts.push(PSA.t("leftover.memory"));
    }
    if (found.length) texts.push(PSA.t("leftover.versions", { versions: found.map(function (f) { return f.version; }).join(", "), count: found.length }));
    var state = { root: root, storage: storage, found: found, memory: memory, aside: asideKeys() };
    box.hidden = !texts.length;
    if (texts.length) PSA.setText(box.querySelector("[data-leftover-text]"), texts.join(" ") + " " + PSA.t("leftover.choose"));
    root.psaLeftovers = state;
    return texts.length ? state : null;
  };

  /* The leftover notice's buttons; true when the click was one of them. */
  PSA.leftoverAnswer = function (root, action, name) {
    var state = root.psaLeftovers;
    if (!state || (action !== "leftover-save" && action !== "leftover-wipe")) return false;
    var box = root.querySelector("[data-leftover]");
    if (action === "leftover-save") {
      var said = [];
      var copies = state.aside.map(function (k) { return PSA.store.get(k); }).filter(function (raw) { return raw !== null; });
      if (state.memory !== null) copies.push(state.memory);
      copies.forEach(function (raw, i) {
        said.push(PSA.files.save(raw, "application/json", name + "-onleesbaar-" + PSA.today() + (i ? "-" + (i + 1) : "") + ".json"));
      });
      state.found.forEach(function (f) {
        said.push(PSA.files.save(f.raw, "application/json", name + "-versie-" + f.version + "-" + PSA.today() + ".json"));
      });
      PSA.setText(box.querySelector("[data-leftover-message]"), said.join(" ") + " " + PSA.t("leftover.saved"));
      return true;
    }
    state.aside.forEach(function (k) { PSA.store.remove(k); });
    state.found.forEach(function (f) { PSA.store.remove(f.key); });
    root.psaLeftovers = null;
    box.hidden = true;
    PSA.setText(root.querySelector("[data-message]"), PSA.t("leftover.wiped"));
    return true;
  };

  /* ---- Confirmations: the first click opens "Weet u het zeker?", the answer closes it ---- */

  /* True when nothing more is to be done for this click. */
  PSA.confirmStep = function (scope, action, confirmable) {
    var ask = action.replace(/-(confirm|cancel)$/, "");
    var box = confirmable.indexOf(ask) >= 0 ? scope.querySelector("[data-confirm='" + ask + "']") : null;
    if (!box) return false;
    box.hidden = action !== ask;
    if (action === ask) {
      box.querySelector("[data-action$='-cancel']").focus();
      return true;
    }
    scope.querySelector("[data-action='" + ask + "']").focus();
    return action === ask + "-cancel";
  };

  /* ---- Printing ---- */

  /* On paper a text field shows its whole value (an input would cut it off). */
  PSA.paperCopies = function (root, selector, className) {
    PSA.all(root, selector).forEach(function (input) {
      var copy = input.nextElementSibling;
      if (!copy || !copy.classList.contains(className)) {
        copy = document.createElement("span");
        copy.className = className;
        copy.setAttribute("aria-hidden", "true");
        if (input.style.getPropertyValue("--regels")) copy.style.setProperty("--regels", input.style.getPropertyValue("--regels"));
        input.after(copy);
      }
      var v = input.value;
      PSA.setText(copy, input.type === "date" || input.type === "datetime-local" ? PSA.formatLocal(v) : v);
    });
  };
  PSA.printedOn = function (root) {
    PSA.setText(root.querySelector("[data-printed]"), PSA.t("print.date", { date: PSA.formatDate(new Date(), false) }));
  };

  /* Print only this tool (body attributes steer the print styles), then put the page back. */
  PSA.printOnly = function (root, attributes, undo) {
    attributes = Object.assign({ "data-print-instrument": root.id }, attributes);
    Object.keys(attributes).forEach(function (name) { document.body.setAttribute(name, attributes[name]); });
    root.classList.add("instrument--printing");
    var restored = false;
    function restore() {
      if (restored) return;
      restored = true;
      Object.keys(attributes).forEach(function (name) { document.body.removeAttribute(name); });
      root.classList.remove("instrument--printing");
      undo();
    }
    // Desktop browsers block in print() and fire afterprint; some phones return at once and fire it later.
    window.addEventListener("afterprint", restore, { once: true });
    window.print();
    setTimeout(restore, 1000);
  };

  /* ---- Registry and start-up ---- */

  /* A component: {start(root) → instance, and optional handlers click/change/input/keydown/focusout/wheel
   * (instance, event), storage(instance, event), pageshow(instance, event), beforeprint(instance)}.
   * Parts and block families register the same way; the form looks them up by type. */
  PSA.define = function (name, spec) {
    if (!modules[name]) modules[name] = spec; // loaded again after instant navigation: keep the first
    return modules[name];
  };
  PSA.module = function (name) {
    if (!modules[name]) throw new Error("PSA: onderdeel " + name + " is niet geladen");
    return modules[name];
  };
  PSA.instance = function (root) {
    return instances.get(root);
  };

  // The whole-book print page (afdrukken/) shows every tool as a blank paper form: answers belong to the tool's
  // own page, and one page must not load or save them twice.
  function startable(el) {
    if (el.getAttribute("data-ready") || el.closest("[data-afdruk]")) return false;
    var needs = [el.getAttribute("data-psa")].concat((el.getAttribute("data-psa-needs") || "").split(" ").filter(Boolean));
    return needs.every(function (n) { return modules[n]; }) && modules.strings;
  }

  /* Starts every marked element whose components are all loaded; starting twice is harmless. One broken tool
   * must not stop the others. */
  PSA.start = function (scope) {
    PSA.all(scope || document, "[data-psa]").filter(startable).forEach(function (el) {
      el.setAttribute("data-ready", "1");
      try {
        instances.set(el, modules[el.getAttribute("data-psa")].start(el) || {});
      } catch (e) {
        el.setAttribute("data-psa-error", "");
        if (window.console) window.console.error(e);
      }
    });
  };

  function started(name) {
    return PSA.all(document, "[data-psa='" + name + "'][data-ready]").map(function (el) {
      return instances.get(el);
    }).filter(Boolean);
  }

  /* Delegated events: the started element around the target owns it. */
  function route(type) {
    return function (event) {
      var root = event.target.closest && event.target.closest("[data-psa][data-ready]");
      var spec = root && modules[root.getAttribute("data-psa")];
      var inst = root && instances.get(root);
      if (spec && inst && spec[type]) spec[type](inst, event);
    };
  }
  ["click", "change", "input", "keydown", "focusout"].forEach(function (type) {
    document.addEventListener(type, route(type));
  });
  document.addEventListener("wheel", route("wheel"), { passive: true });
  // Escape in a confirmation box answers "no".
  document.addEventListener("keydown", function (event) {
    var box = event.key === "Escape" && event.target.closest && event.target.closest(".instrument__bevestig");
    if (box) box.querySelector("[data-action$='-cancel']").click();
  });
  /* Leaving a page while a tool holds answers it does not keep (no opt-in, or fields that are never stored): ask
   * first, on a link (also with Material's instant navigation), a reload or closing the tab. */
  function unsaved() {
    return Object.keys(modules).some(function (name) {
      return modules[name].unsaved && started(name).some(function (inst) { return modules[name].unsaved(inst); });
    });
  }
  window.addEventListener("beforeunload", function (event) {
    if (!unsaved()) return;
    event.preventDefault();
    event.returnValue = "";
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || event.defaultPrevented || link.target === "_blank" || link.hasAttribute("download") ||
        event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var to = new URL(link.href, location.href);
    if (to.pathname === location.pathname && to.search === location.search) return; // a heading on this page
    if (unsaved() && !window.confirm(PSA.t("leave.unsaved"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  /* Back and Forward with Material's instant navigation change the page without a click or an unload: the guard in
   * every page's <head> (overrides/main.html) asks here first, before Material's own popstate handler runs. False
   * means stay: the address goes back to this page and Material does not load the other one. */
  var shown = location.href;
  function samePage(a, b) {
    return a.pathname === b.pathname && a.search === b.search;
  }
  PSA.leaving = function () {
    if (samePage(new URL(location.href), new URL(shown))) return true;
    if (unsaved() && !window.confirm(PSA.t("leave.unsaved"))) {
      history.pushState(history.state, "", shown);
      return false;
    }
    shown = location.href;
    return true;
  };
  PSA.pageShown = function () { shown = location.href; };
  ["storage", "pageshow", "beforeprint"].forEach(function (type) {
    window.addEventListener(type, function (event) {
      Object.keys(modules).forEach(function (name) {
        if (modules[name][type]) started(name).forEach(function (inst) { modules[name][type](inst, event); });
      });
    });
  });

  /* Material's document$ emits on every page view with instant navigation; on file:// it completes without
   * emitting, and without Material it does not exist. Scripts in the content run before Material's bundle on a
   * direct load, so document$ is looked for again once the page has loaded. */
  var subscribed = false;
  function subscribe() {
    if (subscribed || typeof window.document$ === "undefined") return false;
    subscribed = true;
    var emitted = false;
    window.document$.subscribe({
      next: function () { emitted = true; PSA.pageShown(); PSA.start(); },
      complete: function () { if (!emitted) PSA.start(); }
    });
    return true;
  }
  if (!subscribe()) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { if (!subscribe()) PSA.start(); }, { once: true });
    } else {
      PSA.start();
    }
  }

  /* The queue: files loaded before the core waited in an array; files loaded after it register at once. Each
   * registration tries the start-up again, because the last component a tool needs may just have arrived. */
  var queued = window.psaWerkboek || [];
  window.psaWerkboek = { push: function (fn) { fn(PSA); PSA.start(); } };
  queued.forEach(function (fn) { fn(PSA); });
  PSA.start();
})();
