"""Instruments: load every YAML file of a folder, validate it against the schema and against itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .components import FILE_LIMITS
from .forms import FORM_SCHEMA_FILE, FormTool, build_form
from .storage import storage_keys
from .loader import InstrumentError, Located, load_schema, read_yaml, schema_errors, suggest

DEFAULT_CONTEXT = [
    {"id": "organisatie", "type": "text", "label": "Team of organisatie (niet verplicht)"},
    {"id": "datum", "type": "date", "label": "Datum"},
]
_SCALE_SCHEMA = {
    "type": "object",
    "additionalProperties": {
        "type": "object",
        "additionalProperties": False,
        "required": ["options"],
        "properties": {
            "proposal": {"type": "boolean"},
            "options": {
                "type": "array",
                "minItems": 2,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "label"],
                    "properties": {"id": {"$ref": "#/$defs/id"}, "label": {"type": "string", "minLength": 1}},
                },
            },
        },
    },
}
_CONDITION_KEYS = {"category", "group", "tags", "answered"}
DEFAULT_MIN_GROUP = 3


@dataclass
class Instrument:
    """One validated instrument, with its answer scales resolved."""

    data: dict
    file: str
    scales: dict[str, dict]
    used_by: list[str] = field(default_factory=list)
    kind = "checklist"

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def context(self) -> list[dict]:
        return self.data.get("context", DEFAULT_CONTEXT)

    def items(self):
        for group in self.data["groups"]:
            for item in group["items"]:
                yield group, item

    def field_options(self, field_def: dict) -> list[dict]:
        return self.scales[field_def["scale"]]["options"] if field_def["type"] == "choice" else []

    def client_config(self) -> dict[str, Any]:
        """What the browser script needs: ids and structure, never the texts (those are in the HTML)."""
        return {
            "id": self.id,
            "version": self.data["version"],
            "title": self.data["title"],
            "sensitive": self.data.get("sensitive", False),
            "fields": [{"id": f["id"], "type": f["type"],
                        "options": [o["id"] for o in self.field_options(f)]} for f in self.data["fields"]],
            "context": [{"id": f["id"], "type": f["type"],
                         "options": [o["id"] for o in self.field_options(f)]} for f in self.context],
            "items": [{"id": i["id"], "group": g["id"],
                       **({"category": i["category"]} if "category" in i else {}),
                       **({"tags": g["tags"]} if "tags" in g else {})} for g, i in self.items()],
            "reveal": self.data["summary"].get("reveal", "always"),
            "files": FILE_LIMITS,
            "storage": storage_keys(self.id, self.data["version"], optin=bool(self.data.get("sensitive")),
                                    team=bool(self.data.get("team")), metingen=True),
            **({"team": True, "minGroup": self.min_group, "agenda": self.agenda_rule(),
                "coded": [{"id": f["id"], "type": f["type"], "options": [o["id"] for o in self.field_options(f)]}
                          for f in self.coded_fields()]} if self.data.get("team") else {}),
        }

    def needs(self, plan: dict | None = None) -> list[str]:
        """The browser modules this checklist uses besides the core."""
        return ["checklist"] + ["codes", "team"] * bool(self.data.get("team")) + ["inbox"] * bool(plan)

    @property
    def min_group(self) -> int:
        return self.data.get("min_group", DEFAULT_MIN_GROUP)

    def coded_fields(self) -> list[dict]:
        """The fields that result codes and team counts carry: choices and ticks, never free text."""
        return [f for f in self.data["fields"] if f["type"] in ("choice", "check")]

    def agenda_block(self) -> dict | None:
        """The team's discussion list follows the first summary list (e.g. 'Kan beter', 'Nee' or 'Deels')."""
        return next((b for b in self.data["summary"]["blocks"] if b["type"] == "list"), None)

    def agenda_rule(self) -> list[dict]:
        block = self.agenda_block()
        if block is None:
            return []
        return block["where"] if isinstance(block["where"], list) else [block["where"]]


def load_folder(folder: Path, display_root: str = "checklists",
                schema_folder: Path | None = None) -> dict[str, Instrument | FormTool]:
    """Every instrument and form in the folder, by id. Raises InstrumentError on the first problem."""
    schema = load_schema(schema_folder or folder)
    form_schema = load_schema(schema_folder or folder, FORM_SCHEMA_FILE)
    scales = load_scales(folder, schema, display_root)
    instruments: dict[str, Instrument | FormTool] = {}
    for path in sorted(folder.glob("*.yml")):
        if path.name == "scales.yml":
            continue
        instrument = load_instrument(path, schema, scales, f"{display_root}/{path.name}", form_schema)
        if instrument.id in instruments:
            raise InstrumentError(instrument.file, f"de id '{instrument.id}' wordt ook gebruikt in "
                                                   f"{instruments[instrument.id].file}")
        instruments[instrument.id] = instrument
    return instruments


def load_scales(folder: Path, schema: dict, display_root: str) -> dict[str, dict]:
    display = f"{display_root}/scales.yml"
    located = read_yaml(folder / "scales.yml", display)
    error = schema_errors(located, {**_SCALE_SCHEMA, "$defs": schema["$defs"]}, display)
    if error:
        raise error
    for name, scale in located.data.items():
        _unique([o["id"] for o in scale["options"]], located, (name, "options"), display, "antwoord")
    return located.data


def load_instrument(path: Path, schema: dict, scales: dict[str, dict], display: str,
                    form_schema: dict | None = None) -> Instrument | FormTool:
    located = read_yaml(path, display)
    if not isinstance(located.data, dict):
        raise InstrumentError(display, "het bestand moet een instrument beschrijven (velden id, title, …)", line=1)
    if located.data.get("kind") == "form" and form_schema is not None:
        error = schema_errors(located, form_schema, display)
        if error:
            raise error
        return build_form(located, display, scales)
    error = schema_errors(located, schema, display)
    if error:
        raise error
    data = located.data
    used_scales = {}
    for kind in ("fields", "context"):
        for i, f in enumerate(data.get(kind, [])):
            if f["type"] == "choice":
                if f["scale"] not in scales:
                    raise InstrumentError(display, f"onbekende antwoordschaal '{f['scale']}'{suggest(f['scale'], scales)}; "
                                                   f"de schalen staan in scales.yml", line=located.line((kind, i, "scale")))
                used_scales[f["scale"]] = scales[f["scale"]]
            elif "scale" in f:
                raise InstrumentError(display, f"het veld '{f['id']}' is geen keuzeveld en heeft dus geen schaal",
                                      line=located.line((kind, i, "scale")))
    _check_ids(located, display)
    instrument = Instrument(data, display, used_scales)
    _check_references(instrument, located, display)
    _check_team(instrument, located, display)
    return instrument


def _check_team(instrument: Instrument, located: Located, display: str) -> None:
    """Team counts are totals per answer, so the discussion list can only count one answer field per condition."""
    if not instrument.data.get("team"):
        if "min_group" in instrument.data:
            raise InstrumentError(display, "min_group hoort alleen bij een lijst met team: true",
                                  line=located.line(("min_group",)))
        return
    if not instrument.coded_fields():
        raise InstrumentError(display, "een teamlijst heeft minstens één keuzeveld of vinkje nodig", line=located.line(("team",)))
    fields = {f["id"] for f in instrument.data["fields"]}
    for where in instrument.agenda_rule():
        if "answered" in where or any(v is False for k in where if k in fields for v in where[k]):
            raise InstrumentError(display, "de bespreeklijst van het team telt antwoorden; 'answered' of false "
                                           "kan daar niet in", line=located.line(("summary",)))
        if len([k for k in where if k in fields]) != 1:
            raise InstrumentError(display, "de eerste lijst in de samenvatting is ook de bespreeklijst van het team; "
                                           "elke voorwaarde daarin moet precies één antwoordveld noemen",
                                  line=located.line(("summary",)))


def _unique(ids: list[str], located: Located, path: tuple, display: str, what: str) -> None:
    seen = set()
    for i, value in enumerate(ids):
        if value in seen:
            raise InstrumentError(display, f"dubbele id '{value}' ({what})", item=value if what == "vraag" else None,
                                  line=located.line(path + (i,)))
        seen.add(value)


def _check_ids(located: Located, display: str) -> None:
    data = located.data
    _unique([f["id"] for f in data["fields"]], located, ("fields",), display, "antwoordveld")
    _unique([f["id"] for f in data.get("context", [])], located, ("context",), display, "contextveld")
    _unique([g["id"] for g in data["groups"]], located, ("groups",), display, "groep")
    _unique([c["id"] for c in data.get("categories", [])], located, ("categories",), display, "indeling")
    seen: dict[str, tuple] = {}
    for gi, group in enumerate(data["groups"]):
        for ii, item in enumerate(group["items"]):
            path = ("groups", gi, "items", ii)
            if item["id"] in seen:
                raise InstrumentError(display, f"dubbele id '{item['id']}'", item=item["id"],
                                      line=located.line(path + ("id",)))
            seen[item["id"]] = path


def _check_references(instrument: Instrument, located: Located, display: str) -> None:
    """Categories, fields and answers named in items and summary rules must exist."""
    data = instrument.data
    categories = {c["id"] for c in data.get("categories", [])}
    for gi, group in enumerate(data["groups"]):
        for ii, item in enumerate(group["items"]):
            if "category" in item and item["category"] not in categories:
                raise InstrumentError(display, f"onbekende indeling '{item['category']}'{suggest(item['category'], categories)}",
                                      item=item["id"], line=located.line(("groups", gi, "items", ii, "category")))
    fields = {f["id"]: f for f in data["fields"]}
    groups = {g["id"] for g in data["groups"]}
    for bi, block in enumerate(data["summary"]["blocks"]):
        path = ("summary", "blocks", bi)
        wheres = []
        for key in ("where", "total"):
            value = block.get(key)
            if isinstance(value, list):
                wheres += [(path + (key, i), w) for i, w in enumerate(value)]
            elif value is not None:
                wheres.append((path + (key,), value))
        for where_path, where in wheres:
            for key, allowed in where.items():
                line = located.line(where_path + (key,))
                if key == "category":
                    _known(allowed, categories, "indeling", display, line)
                elif key == "group":
                    _known(allowed, groups, "groep", display, line)
                elif key not in _CONDITION_KEYS:
                    if key not in fields:
                        raise InstrumentError(display, f"onbekend antwoordveld '{key}' in de samenvatting{suggest(key, fields)}",
                                              line=line)
                    _check_values(fields[key], allowed, instrument, display, line)
        for key in ("field", "order_by"):
            if key in block and block[key] not in fields:
                raise InstrumentError(display, f"onbekend antwoordveld '{block[key]}' in de samenvatting"
                                               f"{suggest(block[key], fields)}", line=located.line(path + (key,)))
        if block["type"] == "tally" and fields[block["field"]]["type"] != "choice":
            raise InstrumentError(display, f"een verdeling (tally) kan alleen over een keuzeveld, niet over "
                                           f"'{block['field']}'", line=located.line(path + ("field",)))
        for name in block.get("show", []):
            if name not in fields:
                raise InstrumentError(display, f"onbekend antwoordveld '{name}' in de samenvatting{suggest(name, fields)}",
                                      line=located.line(path + ("show",)))
    _check_dossier(data.get("dossier"), fields, located, display)


def _check_dossier(dossier: dict | None, fields: dict, located: Located, display: str) -> None:
    """The dossier names fields of this list: a choice for its status, a date for its review."""
    if dossier is None:
        return
    for key, names in (("status", [dossier["status"]]), ("fields", dossier["fields"]),
                       ("review", [dossier["review"]] if "review" in dossier else [])):
        for name in names:
            if name not in fields:
                raise InstrumentError(display, f"onbekend antwoordveld '{name}' in het dossier{suggest(name, fields)}",
                                      line=located.line(("dossier", key)))
    if fields[dossier["status"]]["type"] != "choice":
        raise InstrumentError(display, "de status van het dossier moet een keuzeveld zijn", line=located.line(("dossier", "status")))
    if "review" in dossier and (fields[dossier["review"]]["type"] != "date" or dossier["review"] not in dossier["fields"]):
        raise InstrumentError(display, "de herziening van het dossier moet een datumveld uit 'fields' zijn",
                              line=located.line(("dossier", "review")))


def _known(values, known, what, display, line):
    for value in values:
        if value not in known:
            raise InstrumentError(display, f"onbekende {what} '{value}'{suggest(value, known)}", line=line)


def _check_values(field_def: dict, allowed: list, instrument: Instrument, display: str, line: int | None) -> None:
    if field_def["type"] == "check":
        bad = [v for v in allowed if not isinstance(v, bool)]
        if bad:
            raise InstrumentError(display, f"het vinkje '{field_def['id']}' kent alleen true en false, niet {bad[0]!r}", line=line)
    elif field_def["type"] == "choice":
        options = [o["id"] for o in instrument.field_options(field_def)]
        for value in allowed:
            if value not in options:
                raise InstrumentError(display, f"'{value}' is geen antwoord van '{field_def['id']}'{suggest(str(value), options)}; "
                                               f"kies uit: {', '.join(options)}", line=line)
    else:
        raise InstrumentError(display, f"op het tekstveld '{field_def['id']}' kan de samenvatting niet filteren", line=line)


def check_usage(instruments: dict[str, Instrument], used: dict[str, list[str]]) -> None:
    """Every instrument is on a page; every page names a real instrument."""
    for instrument_id, pages in used.items():
        if instrument_id not in instruments:
            raise InstrumentError(pages[0], f"de pagina verwijst naar instrument '{instrument_id}', maar dat bestaat niet"
                                            f"{suggest(instrument_id, instruments)}")
    for instrument in instruments.values():
        if instrument.id not in used:
            raise InstrumentError(instrument.file, f"geen enkele pagina gebruikt instrument '{instrument.id}'; zet "
                                                   f"<!-- instrument: {instrument.id} --> op de pagina waar het hoort")


def plan_target(instruments: dict) -> dict | None:
    """The one form whose plan takes points from the checklists, if there is one."""
    targets = [t.inbox() for t in instruments.values() if isinstance(t, FormTool) and t.inbox()]
    if len(targets) > 1:
        raise InstrumentError("checklists", "meer dan één formulier heeft een onderdeel met inbox; er kan maar één plan zijn")
    return targets[0] if targets else None


__all__ = ["Instrument", "InstrumentError", "load_folder", "check_usage", "plan_target"]
