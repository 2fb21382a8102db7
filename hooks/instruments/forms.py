"""Forms and planners (kind: form): registration forms, letters with blanks, processing of returned
questionnaires, assessments of several counters, and dated plans. Validated here, rendered by templates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .loader import InstrumentError, Located, suggest
from .storage import storage_keys
from .components import BLOCK_TYPES, COMMON_PART_KEYS, FILE_LIMITS, LIST_PAGE, PART_TYPES, RECORDS_MAX

FORM_SCHEMA_FILE = "form-schema.json"
PLACEHOLDER = re.compile(r"\{([a-z0-9][a-z0-9.-]*)\}")
_INPUT_TYPES = {"text", "textarea", "number", "date", "datetime", "choice", "multi", "check", "grid", "signatures", "ref"}
_ANSWER_TYPES = {"choice", "multi", "check", "grid"}
_OPTION_FIELDS = ("options", "rows", "columns")
# Other fields that blocks name, and the types they must have.
_BLOCK_KEYS = {"by": {"text", "choice", "ref"}, "sub": None, "parent": {"ref"}}


@dataclass
class FormTool:
    """One validated form or planner; choice fields have their scale's options filled in."""

    data: dict
    file: str
    used_by: list[str] = field(default_factory=list)
    kind = "form"

    @property
    def id(self) -> str:
        return self.data["id"]

    def parts(self, *types: str) -> list[dict]:
        return [p for p in self.data["parts"] if not types or p["type"] in types]

    def part(self, part_id: str) -> dict:
        return next(p for p in self.data["parts"] if p["id"] == part_id)

    def global_fields(self) -> dict[str, dict]:
        """Fields of `fields` parts and of planned moments: one value each, shared by the whole tool."""
        out = {}
        for part in self.data["parts"]:
            if part["type"] == "fields":
                out.update((f["id"], f) for f in part["fields"])
            for moment in part.get("moments", []):
                out.update((f["id"], f) for f in moment.get("fields", []))
        return out

    def scope(self, part: dict) -> dict[str, dict]:
        """The fields a condition inside this part can name: its own record fields first, then the global ones."""
        return {**self.global_fields(), **({f["id"]: f for f in part["fields"]} if part["type"] == "records" else {})}

    def inbox(self) -> dict | None:
        """Where checklists put points for the plan: a records part with `inbox`, kept in this browser."""
        part = next((p for p in self.parts("records") if "inbox" in p), None)
        if part is None:
            return None
        return {"key": storage_keys(self.id, self.data["version"], optin=False)["key"], "tool": self.id,
                "version": self.data["version"], "part": part["id"], "max": part.get("max_records", RECORDS_MAX),
                **part["inbox"]}

    def has_optin(self) -> bool:
        return any(p.get("storage") == "optin" for p in self.data["parts"])

    def needs(self) -> list[str]:
        """The browser modules this tool uses: the form, its part types and its report blocks' families."""
        types = [p["type"] for p in self.data["parts"]]
        blocks = [BLOCK_TYPES[b["type"]].family for p in self.data["parts"] for b in p.get("blocks", [])]
        return list(dict.fromkeys(["form"] + types + blocks))

    def client_config(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.data["version"], "title": self.data["title"], "kind": "form",
                "storage": storage_keys(self.id, self.data["version"], optin=self.has_optin()),
                "printContext": self.data.get("print_context", []), "files": FILE_LIMITS,
                "parts": [_client_part(p) for p in self.data["parts"]]}


def _client_field(f: dict) -> dict:
    keep = ("id", "type", "label", "scale", "source", "required", "show_if", "highlight_if", "highlight", "min", "max",
            "store", "note", "short", "numbers")
    out = {k: f[k] for k in keep if k in f}
    for key in _OPTION_FIELDS:
        if key in f:
            out[key] = [{k: o[k] for k in ("id", "label", "short", "type") if k in o} for o in f[key]]
    return out


def _client_part(p: dict) -> dict:
    out = {k: v for k, v in p.items() if k not in ("fields", "moments", "intro", "after", "title", "paragraphs")}
    out["storage"] = p.get("storage", "local")
    out["title"] = p.get("title", "")
    if p["type"] == "records":
        out["max_records"] = p.get("max_records", RECORDS_MAX)
        out["list_page"] = LIST_PAGE
    if "fields" in p:
        out["fields"] = [_client_field(f) for f in p["fields"] if f["type"] in _INPUT_TYPES]
    if "blocks" in p:
        out["blocks"] = [{**b, "family": BLOCK_TYPES[b["type"]].family} for b in p["blocks"]]
    if "moments" in p:
        out["moments"] = [{**{k: m[k] for k in ("id", "title", "at", "until", "deadline", "show_if") if k in m},
                           "items": [t["text"] for t in m.get("items", [])],
                           "subs": [t.get("items", []) for t in m.get("items", [])],
                           "tasks": [t["id"] for t in m.get("items", [])],
                           "fields": [_client_field(f) for f in m.get("fields", [])]} for m in p["moments"]]
    return out


def build_form(located: Located, display: str, scales: dict[str, dict]) -> FormTool:
    """Check a schema-valid form against itself; raise InstrumentError naming the part or field and the line."""
    data = located.data
    checker = _Checker(located, display)
    checker.unique([p["id"] for p in data["parts"]], ("parts",), "onderdeel")
    for pi, part in enumerate(data["parts"]):
        _resolve_scales(part.get("fields", []), ("parts", pi, "fields"), scales, checker)
        for mi, moment in enumerate(part.get("moments", [])):
            _resolve_scales(moment.get("fields", []), ("parts", pi, "moments", mi, "fields"), scales, checker)
    tool = FormTool(data, display)
    global_paths = []
    for pi, part in enumerate(data["parts"]):
        if part["type"] == "fields":
            global_paths += [(("parts", pi, "fields", fi), f) for fi, f in enumerate(part["fields"])]
        for mi, moment in enumerate(part.get("moments", [])):
            global_paths += [(("parts", pi, "moments", mi, "fields", fi), f) for fi, f in enumerate(moment.get("fields", []))]
    checker.unique([f["id"] for _, f in global_paths], None, "veld", paths=[p for p, _ in global_paths])
    for pi, part in enumerate(data["parts"]):
        _check_part(tool, part, ("parts", pi), checker)
    for ci, name in enumerate(data.get("print_context", [])):
        if name not in tool.global_fields():
            checker.fail(f"print_context: onbekend veld '{name}'{suggest(name, tool.global_fields())}", ("print_context", ci))
    return tool


def _resolve_scales(fields: list[dict], path: tuple, scales: dict, checker: "_Checker") -> None:
    heading, count = None, 0
    for fi, f in enumerate(fields):
        if "scale" in f:
            if f["scale"] not in scales:
                checker.fail(f"onbekende antwoordschaal '{f['scale']}'{suggest(f['scale'], scales)}; de schalen staan in "
                             f"scales.yml", path + (fi, "scale"))
            f["options"] = scales[f["scale"]]["options"]
            f["scale_proposal"] = bool(scales[f["scale"]].get("proposal"))
        if f["type"] == "heading":
            heading, count = f["label"], 0
        elif f["type"] == "choice":
            count += 1
            f.setdefault("short", f"{heading} {count}" if heading else f["label"])


class _Checker:
    def __init__(self, located: Located, display: str):
        self.located, self.display = located, display

    def fail(self, message: str, path: tuple):
        from .loader import located_item
        what, item = located_item(self.located.data, path)
        raise InstrumentError(self.display, message, item=item, what=what, line=self.located.line(path))

    def unique(self, ids: list[str], path: tuple | None, what: str, paths: list[tuple] | None = None) -> None:
        seen = set()
        for i, value in enumerate(ids):
            if value in seen:
                self.fail(f"dubbele id '{value}' ({what})", paths[i] + ("id",) if paths else path + (i, "id"))
            seen.add(value)

    def condition(self, cond: dict, scope: dict[str, dict], path: tuple, single: bool = False) -> None:
        if single and len(cond) != 1:
            self.fail("bij invoer als aantallen kan een voorwaarde maar één veld noemen", path)
        for name, allowed in cond.items():
            if name not in scope:
                self.fail(f"onbekend veld '{name}' in de voorwaarde{suggest(name, scope)}", path + (name,))
            self.values(scope[name], allowed, path + (name,))

    def values(self, f: dict, allowed: list, path: tuple) -> None:
        if f["type"] == "check":
            if any(not isinstance(v, bool) for v in allowed):
                self.fail(f"het vinkje '{f['id']}' kent alleen true en false", path)
            return
        known = {"choice": "options", "multi": "options", "grid": "rows"}.get(f["type"])
        if known is None:
            self.fail(f"op het veld '{f['id']}' ({f['type']}) kan niet worden gefilterd; alleen op keuzes en vinkjes", path)
        options = [o["id"] for o in f[known]]
        for value in allowed:
            if value not in options:
                self.fail(f"'{value}' is geen antwoord van '{f['id']}'{suggest(str(value), options)}; kies uit: "
                          f"{', '.join(options)}", path)


def _check_fields(tool: FormTool, fields: list[dict], scope: dict[str, dict], path: tuple, checker: _Checker) -> None:
    checker.unique([f["id"] for f in fields], path, "veld")
    for fi, f in enumerate(fields):
        here = path + (fi,)
        kind = f["type"]
        misplaced = [
            ("options", kind in ("choice", "multi")), ("scale", kind in ("choice", "multi")),
            ("rows", kind in ("grid", "signatures")), ("columns", kind in ("grid", "signatures")), ("note", kind == "choice"),
            ("blank", kind in ("text", "textarea", "number")), ("min", kind in ("date", "datetime")),
            ("max", kind in ("date", "datetime")), ("paper_lines", kind in ("textarea", "paper")),
            ("required", kind in _INPUT_TYPES), ("highlight_if", kind in _INPUT_TYPES),
        ]
        for key, allowed in misplaced:
            if key in f and not allowed:
                checker.fail(f"'{key}' past niet bij een veld van het type {kind}", here + (key,))
        if ("highlight_if" in f) != ("highlight" in f):
            checker.fail("highlight_if en highlight horen bij elkaar", here)
        for key in _OPTION_FIELDS:
            if key in f:
                checker.unique([o["id"] for o in f[key]], here + (key,), "antwoord")
        for key in ("show_if", "highlight_if"):
            if key in f:
                checker.condition(f[key], {k: v for k, v in scope.items() if k != f["id"]}, here + (key,))
        if kind == "ref" and f.get("source") not in [p["id"] for p in tool.parts("records")]:
            checker.fail(f"source moet een onderdeel van het type records zijn, niet '{f.get('source')}'", here + ("source",))
        if "source" in f and kind != "ref":
            checker.fail(f"'source' past niet bij een veld van het type {kind}", here + ("source",))
        for key in ("min", "max"):
            ref = f.get(key)
            if ref and ref != "today" and (ref not in scope or scope[ref]["type"] not in ("date", "datetime")):
                checker.fail(f"{key} moet 'today' zijn of de id van een datumveld, niet '{ref}'", here + (key,))


def _record_part(tool: FormTool, part: dict, path: tuple, checker: _Checker) -> dict:
    ids = {p["id"]: p for p in tool.parts()}
    if part["of"] not in ids or ids[part["of"]]["type"] != "records":
        checker.fail(f"'{part['of']}' is geen onderdeel met ingevoerde gegevens (type records)"
                     f"{suggest(part['of'], [p['id'] for p in tool.parts('records')])}", path + ("of",))
    return ids[part["of"]]


def _check_part(tool: FormTool, part: dict, path: tuple, checker: _Checker) -> None:
    kind = part["type"]
    declared = PART_TYPES[kind]
    for key in part:
        allowed = declared.printable if key == "print" else key in COMMON_PART_KEYS or key in declared.keys
        if not allowed:
            checker.fail(f"'{key}' past niet bij een onderdeel van het type {kind}", path + (key,))
    glob = tool.global_fields()
    if kind in ("fields", "records"):
        _check_fields(tool, part["fields"], tool.scope(part), path + ("fields",), checker)
    if kind == "records":
        own = {f["id"]: f for f in part["fields"]}
        for fi, f in enumerate(part["fields"]):
            # A record is kept and exported whole, so a field that must never be kept cannot be in one.
            if f.get("store") is False:
                checker.fail("store: false kan niet in een onderdeel van het type records", path + ("fields", fi, "store"))
            if part.get("tally") and f["type"] not in ("heading", "text", "textarea", "choice", "multi"):
                checker.fail(f"bij invoer als aantallen (tally) kan een veld van het type {f['type']} niet",
                             path + ("fields", fi, "type"))
        for ci, name in enumerate(part.get("columns", [])):
            if name not in own:
                checker.fail(f"onbekend veld '{name}' in columns{suggest(name, own)}", path + ("columns", ci))
        if "copy_from" in part:
            source = next((p for p in tool.parts("fields") if p["id"] == part["copy_from"]), None)
            if source is None:
                checker.fail(f"copy_from moet een onderdeel van het type fields zijn, niet '{part['copy_from']}'",
                             path + ("copy_from",))
            shared = {f["id"] for f in source["fields"]} & set(own)
            if not shared:
                checker.fail("copy_from: geen enkel veld heeft dezelfde id als in het formulier", path + ("copy_from",))
    if kind == "records":
        own = {f["id"]: f for f in part["fields"]}
        for ei, example in enumerate(part.get("examples", [])):
            for name, value in example.items():
                if name not in own:
                    checker.fail(f"voorbeeld {ei + 1}: onbekend veld '{name}'{suggest(name, own)}", path + ("examples", ei))
                if not _fits(own[name], value):
                    checker.fail(f"voorbeeld {ei + 1}: {value!r} past niet bij het veld '{name}' ({own[name]['type']})",
                                 path + ("examples", ei))
        if "inbox" in part and part.get("storage", "local") != "local":
            checker.fail("een onderdeel met inbox moet storage: local hebben; anders kunnen andere pagina's er niets "
                         "in zetten", path + ("inbox",))
        referenced = any(f.get("source") == part["id"] for p in tool.parts("records") for f in p["fields"])
        first = own.get((part.get("columns") or [None])[0])
        if referenced and not (first and first["type"] == "text" and first.get("required")):
            checker.fail("andere velden kiezen uit dit onderdeel op naam; de eerste kolom moet dan een verplicht "
                         "tekstveld zijn", path + ("columns",))
        for key, name in [("text", part.get("inbox", {}).get("text")), ("source", part.get("inbox", {}).get("source")),
                          *[("agreement", n) for n in part.get("inbox", {}).get("agreement", {}).values()]]:
            if name is not None and name not in own:
                checker.fail(f"inbox: onbekend veld '{name}'{suggest(name, own)}", path + ("inbox", key))
    if kind == "cards":
        if part["from"] not in [p["id"] for p in tool.parts("fields")]:
            checker.fail(f"from moet een onderdeel van het type fields zijn, niet '{part['from']}'", path + ("from",))
    if kind in ("layout", "compare"):
        records = _record_part(tool, part, path, checker)
        own = {f["id"]: f for f in records["fields"]}
        for key, types in [("field", ("text", "textarea")), ("value", ("choice",))]:
            if key in part and (part[key] not in own or own[part[key]]["type"] not in types):
                checker.fail(f"{key}: '{part[key]}' is geen veld van het type {' of '.join(types)} in {records['id']}",
                             path + (key,))
        if "where" in part:
            checker.condition(part["where"], own, path + ("where",))
        if "title_field" in part and part["title_field"] not in glob:
            checker.fail(f"title_field: onbekend veld '{part['title_field']}'", path + ("title_field",))
    if kind == "catalogue":
        into = next((p for p in tool.parts("records") if p["id"] == part["into"]), None)
        if into is None:
            checker.fail(f"into moet een onderdeel van het type records zijn, niet '{part['into']}'", path + ("into",))
        own = {f["id"] for f in into["fields"]}
        filters = {f["id"]: {o["id"] for o in f["options"]} for f in part.get("filters", [])}
        for gi, group in enumerate(part["groups"]):
            for ii, item in enumerate(group["items"]):
                for tag, value in item.get("tags", {}).items():
                    if tag not in filters:
                        checker.fail(f"tag '{tag}' is geen filter{suggest(tag, filters)}", path + ("groups", gi, "items", ii))
                    for v in value.split():
                        if v not in filters[tag]:
                            checker.fail(f"'{v}' is geen keuze van het filter '{tag}'{suggest(v, filters[tag])}",
                                         path + ("groups", gi, "items", ii))
        for key in ("text_field", "source_field"):
            if key in part and part[key] not in own:
                checker.fail(f"{key}: onbekend veld '{part[key]}' in {into['id']}{suggest(part[key], own)}", path + (key,))
    if kind == "template":
        for i, text in enumerate(part["paragraphs"]):
            for name in PLACEHOLDER.findall(text):
                if name not in glob:
                    checker.fail(f"de open plek '{{{name}}}' is geen veld{suggest(name, glob)}", path + ("paragraphs", i))
                if glob[name]["type"] in ("heading", "paper", "grid", "signatures"):
                    checker.fail(f"een open plek kan geen veld van het type {glob[name]['type']} zijn ('{name}')",
                                 path + ("paragraphs", i))
    if kind == "handout":
        _record_part(tool, part, path, checker)
        for key in ("before", "after_fields"):
            for i, name in enumerate(part.get(key, [])):
                if name not in glob or glob[name]["type"] not in ("text", "textarea"):
                    checker.fail(f"'{name}' is geen tekstveld van dit hulpmiddel", path + (key, i))
    if kind == "schedule":
        start = glob.get(part["from"])
        if start is None or start["type"] not in ("date", "datetime"):
            checker.fail(f"from moet een datumveld zijn, niet '{part['from']}'", path + ("from",))
        for wi, extra in enumerate(part.get("with", [])):
            if extra["field"] not in glob:
                checker.fail(f"onbekend veld '{extra['field']}'{suggest(extra['field'], glob)}", path + ("with", wi))
        checker.unique([m["id"] for m in part["moments"]], path + ("moments",), "moment")
        for mi, moment in enumerate(part["moments"]):
            here = path + ("moments", mi)
            checker.unique([t["id"] for t in moment.get("items", [])], here + ("items",), "taak")
            _check_fields(tool, moment.get("fields", []), glob, here + ("fields",), checker)
            if "show_if" in moment:
                checker.condition(moment["show_if"], glob, here + ("show_if",))
            if "until" in moment and _hours(moment["until"]) <= _hours(moment["at"]):
                checker.fail("until moet na at liggen", here + ("until",))
    if kind == "report":
        records = _record_part(tool, part, path, checker)
        for bi, block in enumerate(part.get("blocks", [])):
            _check_block(tool, records, block, path + ("blocks", bi), checker, bool(part.get("per_record")))


def _fits(f: dict, value) -> bool:
    """Whether an example value is one the page can show and keep (the browser checks stored values the same way)."""
    kind = f["type"]
    if kind == "check":
        return value is True
    if kind == "choice":
        return value in [o["id"] for o in f["options"]]
    if kind in ("multi", "grid"):
        return isinstance(value, list)
    return isinstance(value, str)


def _hours(offset: dict) -> int:
    return offset.get("days", 0) * 24 + offset.get("hours", 0)


def _check_block(tool: FormTool, records: dict, block: dict, path: tuple, checker: _Checker, per_record: bool) -> None:
    kind = block["type"]
    for key in BLOCK_TYPES[kind].needs:
        if key not in block:
            checker.fail(f"een blok van het type {kind} heeft '{key}' nodig", path)
    own = {f["id"]: f for f in records["fields"]}
    tally = bool(records.get("tally"))
    names = []
    if "field" in block:
        names.append(("field", block["field"]))
    names += [(("fields", i), n) for i, n in enumerate(block.get("fields", []))]
    for key in ("by", "sub", "parent"):
        if key in block:
            names.append((key, block[key]))
    if block["type"] in ("top", "board"):
        names.append(("text", block["text"]))
    for key, name in names:
        key_path = path + (key if isinstance(key, tuple) else (key,))
        if name not in own:
            checker.fail(f"onbekend veld '{name}' in {records['id']}{suggest(name, own)}", key_path)
        allowed = _BLOCK_KEYS[key] if key in _BLOCK_KEYS else BLOCK_TYPES[kind].field_types if key == "field" else None
        if kind in ("top", "board") and key == "by":
            allowed = {"choice"}
        if allowed and own[name]["type"] not in allowed:
            checker.fail(f"een blok van het type {kind} kan niet over het veld '{name}' ({own[name]['type']})", key_path)
    if kind == "distribution" and ("field" in block) == ("fields" in block):
        checker.fail("een verdeling noemt óf één veld (field) óf een lijst velden met values", path)
    for key in ("where", "base"):
        if key in block:
            checker.condition(block[key], own, path + (key,), single=tally)
    for ri, rule in enumerate(block.get("rules", [])):
        checker.condition(rule["where"], own, path + ("rules", ri, "where"), single=tally and kind == "breakdown")
    if "scale" in block and not [f for f in records["fields"] if f.get("scale") == block["scale"]]:
        checker.fail(f"geen enkel veld in {records['id']} gebruikt de schaal '{block['scale']}'", path + ("scale",))
    if "size_field" in block and block["size_field"] not in tool.global_fields():
        checker.fail(f"size_field: onbekend veld '{block['size_field']}'", path + ("size_field",))
    if kind in ("score", "needs") and not per_record:
        checker.fail(f"een blok van het type {kind} hoort in een rapport met per_record: true", path)
    if kind in ("compare", "score", "needs") and not ("scale" in block or "fields" in block):
        checker.fail(f"een blok van het type {kind} noemt een schaal (scale) of velden (fields)", path)
    targets = _block_fields(records, block)
    for key in ("values", "exclude"):
        for value in block.get(key, []):
            for f in targets:
                if value not in [o["id"] for o in f.get("options", [])]:
                    checker.fail(f"'{value}' is geen antwoord van '{f['id']}'", path + (key,))


def _block_fields(records: dict, block: dict) -> list[dict]:
    own = {f["id"]: f for f in records["fields"]}
    if "scale" in block:
        return [f for f in records["fields"] if f.get("scale") == block["scale"]]
    if "fields" in block:
        return [own[n] for n in block["fields"]]
    return [own[block["field"]]] if "field" in block and block["type"] == "distribution" and "values" in block else []
