/* Result codes of team mode: the format, and reading them back out of whatever a facilitator pastes (chat lines
 * with names and times, wrapped lines, capitals, stray spaces). No page elements here: team.js shows the outcome.
 *
 * A code is  <list id>.<version>.<data><3 check characters>, for example  werkoverleg.1.7K3M9QH2XA0B4C.
 * <data> is one number in Crockford base 32 (no I, L, O or U to misread). Inside it, from the outside in:
 *   kind       0 = a new code, 1 = replaces this device's previous code, 2 = withdraws it;
 *   answers    one digit per question (0 = not answered, n = the n-th option), left out when withdrawing;
 *   previous   the answers of this device's previous code, for a replacement or a withdrawal: the facilitator's
 *              device keeps no one's answers, so a code must say what to take out of the totals;
 *   revision   0, 1, 2 … : how many codes this device made before, so an older code cannot come back;
 *   device     40 random bits, chosen once per device and list: one device counts as one participant.
 * The check characters are a hash of the whole code: a typo is caught, whatever it is. */
(window.psaWerkboek = window.psaWerkboek || []).push(function (PSA) {
  "use strict";
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  var DEVICE_BITS = 40, REVISIONS = 1024;
  var NEW = 0, REPLACE = 1, WITHDRAW = 2;
  var B = function (n) { return BigInt(n); };

  /* One slot per item and coded field (cfg.coded, from the build: choices and ticks, never free text). */
  function slots(cfg) {
    var out = [];
    cfg.items.forEach(function (item) {
      cfg.coded.forEach(function (f) {
        out.push({ item: item.id, field: f.id, check: f.type === "check", options: f.type === "check" ? ["true"] : f.options });
      });
    });
    return out;
  }

  function radixProduct(list) {
    return list.reduce(function (r, slot) { return r * B(slot.options.length + 1); }, B(1));
  }

  function answersToNumber(list, answers) {
    var big = B(0);
    list.forEach(function (slot) {
      var value = (answers[slot.item] || {})[slot.field];
      var digit = slot.options.indexOf(value === true ? "true" : value) + 1;
      big = big * B(slot.options.length + 1) + B(digit);
    });
    return big;
  }

  function numberToAnswers(list, big) {
    var answers = {};
    for (var i = list.length - 1; i >= 0; i--) {
      var radix = B(list[i].options.length + 1);
      var digit = Number(big % radix);
      big = big / radix;
      if (digit) (answers[list[i].item] = answers[list[i].item] || {})[list[i].field] = list[i].check || list[i].options[digit - 1];
    }
    return answers;
  }

  function toBase32(big) {
    var out = "";
    do {
      out = ALPHABET[Number(big % B(32))] + out;
      big = big / B(32);
    } while (big > B(0));
    return out;
  }

  function fromBase32(text) {
    var big = B(0);
    for (var i = 0; i < text.length; i++) big = big * B(32) + B(ALPHABET.indexOf(text[i]));
    return big;
  }

  /* FNV-1a, 32 bits, cut to 15 bits = 3 characters: one wrong character slips through once in 32,768 tries. */
  function check(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h = (h >>> 0) % 32768;
    return ALPHABET[h >> 10] + ALPHABET[(h >> 5) & 31] + ALPHABET[h & 31];
  }

  function randomDevice() {
    var bytes = new Uint8Array(5);
    window.crypto.getRandomValues(bytes);
    var big = B(0);
    bytes.forEach(function (b) { big = big * B(256) + B(b); });
    var text = toBase32(big);
    while (text.length < 8) text = "0" + text;
    return text;
  }

  /* opts: device (8 base 32 characters), revision, kind (new, replace or withdraw), previous answers. Without opts
   * a new code for a new device. */
  function encode(cfg, answers, opts) {
    opts = opts || {};
    var list = slots(cfg), radix = radixProduct(list);
    var kind = opts.kind === "withdraw" ? WITHDRAW : opts.kind === "replace" ? REPLACE : NEW;
    var big = fromBase32(opts.device || randomDevice()) * B(REVISIONS) + B(opts.revision || 0);
    if (kind !== NEW) big = big * radix + answersToNumber(list, opts.previous || {});
    if (kind !== WITHDRAW) big = big * radix + answersToNumber(list, answers);
    big = big * B(3) + B(kind);
    var body = cfg.id + "." + cfg.version + "." + toBase32(big);
    return body + check(body);
  }

  /* The parts of a code whose check characters are right: { id, version, data }; or null. */
  function verify(id, version, data) {
    if (data.length < 4 || /U/.test(data)) return null;
    var body = id + "." + version + "." + data.slice(0, -3);
    return check(body) === data.slice(-3) ? { id: id, version: version, data: data.slice(0, -3) } : null;
  }

  /* What a verified code says, for this list: { device, revision, kind, answers, previous } or { error }. */
  function read(cfg, code) {
    if (code.id !== cfg.id) return { error: "otherList" };
    if (code.version !== cfg.version) return { error: "otherVersion" };
    var list = slots(cfg), radix = radixProduct(list);
    var big = fromBase32(code.data);
    var kind = Number(big % B(3));
    big = big / B(3);
    var out = { kind: ["new", "replace", "withdraw"][kind] };
    if (kind !== WITHDRAW) {
      out.answers = numberToAnswers(list, big % radix);
      big = big / radix;
    }
    if (kind !== NEW) {
      out.previous = numberToAnswers(list, big % radix);
      big = big / radix;
    }
    out.revision = Number(big % B(REVISIONS));
    big = big / B(REVISIONS);
    // A device number too large: the code was made for a list with other questions (or forged).
    if (big >= B(2) ** B(DEVICE_BITS)) return { error: "damaged" };
    var device = toBase32(big);
    while (device.length < 8) device = "0" + device;
    out.device = device;
    return out;
  }

  function decode(cfg, text) {
    var found = scan(String(text)).codes[0];
    if (!found) return { error: "none" };
    if (!found.code) return { error: "damaged" };
    return read(cfg, found.code);
  }

  /* ---- Reading pasted text ---- */

  // Zero-width spaces and joiners, the word joiner, the byte-order mark and the soft hyphen: invisible in chat.
  var INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
  var HEAD = /([A-Za-z][A-Za-z0-9-]{2,})[ \t]*\.[ \t]*(\d{1,4})[ \t]*\.[ \t]*/g;
  var RUN = /^[0-9A-Za-z \t]*/;
  var CONTINUATION = /^[ \t]*[0-9A-Za-z][0-9A-Za-z \t]*$/;
  var MAX_WRAPPED = 3, MIN_DATA = 8;

  function normalise(line) {
    return (line.normalize ? line.normalize("NFKC") : line).replace(INVISIBLE, "");
  }

  function crockford(text) {
    return text.toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
  }

  function findHeads(line) {
    var heads = [], m;
    HEAD.lastIndex = 0;
    while ((m = HEAD.exec(line.norm))) heads.push({ at: m.index, end: HEAD.lastIndex, id: m[1].toLowerCase(), version: Number(m[2]) });
    return heads;
  }

  /* The pieces of a code after its head: the rest of the run on its line and, when the run reaches the end of the
   * line, following lines that hold nothing else (a code wrapped by the chat). Joined until the check characters fit,
   * shortest first, so text after a code ("dank je") is not taken in. { code | null, to (its last line) }. */
  function readCode(lines, i, head, stop, lastHead) {
    var run = RUN.exec(lines[i].norm.slice(head.end, stop))[0];
    var pieces = run.split(/[ \t]+/).filter(Boolean).map(function (p) { return { text: p, line: i }; });
    var toLineEnd = head.end + run.length >= stop && lastHead;
    for (var j = i + 1; toLineEnd && j < lines.length && j <= i + MAX_WRAPPED; j++) {
      if (lines[j].into !== undefined) continue; // already part of line i
      if (lines[j].heads.length || !CONTINUATION.test(lines[j].norm)) break;
      lines[j].norm.trim().split(/[ \t]+/).forEach(function (p) { pieces.push({ text: p, line: j }); });
    }
    var joined = "", found = null, to = i;
    for (var k = 0; k < pieces.length && !found; k++) {
      joined += crockford(pieces[k].text);
      found = verify(head.id, head.version, joined);
      if (found) to = pieces[k].line;
    }
    // Damaged: the wrapped lines that could belong to it stay with it in the report.
    if (!found) pieces.forEach(function (p) { if (p.line > to) to = p.line; });
    return { code: found, to: to, length: joined.length };
  }

  /* A wrap inside the list name or version ("werkover" / "leg.1.7K3M…"): the two lines are read as one when, and
   * only when, the check characters of the code across them fit. */
  function joinWrappedHeads(lines) {
    for (var i = 0; i + 1 < lines.length; i++) {
      var a = lines[i].norm.replace(/[ \t]+$/, ""), b = lines[i + 1].norm.replace(/^[ \t]+/, "");
      if (!a || !b || lines[i + 1].into !== undefined) continue;
      var both = { norm: a + b }, tried = findHeads(both);
      var fits = tried.some(function (head, h) {
        if (head.at >= a.length || head.end <= a.length) return false; // not across the wrap
        var stop = h + 1 < tried.length ? tried[h + 1].at : both.norm.length;
        var probe = [{ norm: both.norm, heads: tried }].concat(lines.slice(i + 2));
        return !!readCode(probe, 0, head, stop, h + 1 === tried.length).code;
      });
      if (!fits) continue;
      lines[i].norm = both.norm;
      lines[i].heads = tried;
      lines[i + 1].norm = "";
      lines[i + 1].heads = [];
      lines[i + 1].into = i;
    }
  }

  /* Every code in the pasted text, with the lines it came from: { lines: [{ text, norm, heads }], codes: [{ line
   * (where it starts), from (its chat header above, or line), to (its last line), code | null, name }] }. A code may
   * be split by spaces or wrapped over following lines, also inside its list name. */
  function scan(text) {
    var raw = text.split(/\r\n|\r|\n/);
    var lines = raw.map(function (line) { return { text: line, norm: normalise(line), heads: [] }; });
    lines.forEach(function (line) { line.heads = findHeads(line); });
    joinWrappedHeads(lines);
    var codes = [];
    lines.forEach(function (line, i) {
      line.heads.forEach(function (head, h) {
        var stop = h + 1 < line.heads.length ? line.heads[h + 1].at : line.norm.length;
        var read = readCode(lines, i, head, stop, h + 1 === line.heads.length);
        // Too short for a code, even a damaged one (a device number alone takes 8 characters): a sentence such as
        // "ik heb de lijst. 2. klaar" has no code in it.
        if (!read.code && read.length < MIN_DATA) return;
        var to = read.to;
        while (to + 1 < lines.length && lines[to + 1].into !== undefined && lines[to + 1].into >= i) to++;
        var who = name(lines, i, head.at);
        codes.push({ line: i, from: who.above ? i - 1 : i, to: to, code: read.code, name: who.name });
      });
    });
    return { lines: lines, codes: codes };
  }

  /* Who sent the code, as far as the text says: what comes before it on its line, or a line of its own just above
   * it (as WhatsApp and Teams copy a name above the message); times and dates are left out. */
  function name(lines, i, at) {
    var clean = function (text) {
      return text.replace(/\[[^\]]*\]/g, " ").replace(/\b\d{1,2}[:.]\d{2}(?::\d{2})?\b/g, " ")
        .replace(/\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/g, " ").replace(/[:,\-–—]+\s*$/, "").replace(/^\s*[-–—:,]+/, "")
        .replace(/\s+/g, " ").trim();
    };
    // Earlier codes on the same line are not part of the name.
    var before = clean(lines[i].norm.slice(0, at).replace(/[A-Za-z][A-Za-z0-9-]{2,}[ \t]*\.[ \t]*\d{1,4}[ \t]*\.[ \t]*[0-9A-Za-z]*/g, " "));
    var fromAbove = false;
    // A line above only counts as a name when it looks like a chat header: with a time, or ending in a colon.
    // Such a header belongs to the code: it goes when the code is counted, and stays with it when not.
    var above = i > 0 && !lines[i - 1].heads.length && !lines[i - 1].header && at === lines[i].heads[0].at ? lines[i - 1].norm : "";
    if (!before && above.length <= 60 && (/\d{1,2}[:.]\d{2}/.test(above) || /:\s*$/.test(above))) {
      before = clean(above);
      fromAbove = !!before;
      lines[i - 1].header = fromAbove;
    }
    // "Teun: sorry, nog iets aangepast:": the sender is what comes before the message.
    before = before.split(/\s*:\s+/)[0];
    return { name: before.length > 40 ? before.slice(0, 40) + "…" : before, above: fromAbove };
  }

  PSA.define("codes", {
    slots: slots,
    encode: encode,
    decode: decode,
    read: read,
    scan: scan,
    randomDevice: randomDevice,
    sameAnswers: function (cfg, a, b) {
      var list = slots(cfg);
      return answersToNumber(list, a) === answersToNumber(list, b);
    }
  });
});
