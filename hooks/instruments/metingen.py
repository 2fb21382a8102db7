"""Measurements (metingen): what the compare pages need to know about every checklist, decided here once.

A measurement is a checklist's result kept with a name and a date: one person's answers, or a team's totals (never
below min_group). The pages 'Metingen vergelijken' and 'Organisatie-overzicht' compare them per item. Which answer is
better or worse comes from the instrument itself: its first summary list (the team's discussion list) names the
answers that put an item on the agenda, worst first (B16: 'Nee', then 'Deels'). Such an answer has a level (the worst
the highest); every other answer has level 0. An item whose list rule does not apply has no order and is not ranked.
"""

from __future__ import annotations

from .components import FILE_LIMITS
from .forms import FormTool
from .model import Instrument
from .storage import metingen_key, storage_keys

FORMAT = "psa-werkboek-metingen"  # the file of one or more measurements
FORMAT_VERSION = 1                # the file format's own version, not the instrument's
MAX_NAME = 120                    # a measurement's name: "Werkoverleg team Noord, maart 2026"
MAX_MEASUREMENTS = 200            # per instrument in this browser: years of quarterly measurements for many teams
# An item counts as a problem for a team when at least this share answers badly (organisatie-overzicht). Ours.
PROBLEM_SHARE = 0.5
_ITEM_KEYS = ("category", "group", "tags")


def _item_matches(item: dict, group: dict, where: dict) -> bool:
    for name in _ITEM_KEYS:
        if name not in where:
            continue
        if name == "category" and item.get("category") not in where[name]:
            return False
        if name == "group" and group["id"] not in where[name]:
            return False
        if name == "tags" and any(group.get("tags", {}).get(k) != v for k, v in where[name].items()):
            return False
    return True


def levels(instrument: Instrument) -> dict[str, dict[str, dict[str, int]]]:
    """Per item, per field, the level of every bad answer: {item: {field: {option: level}}}; the worst answer of the
    rule has the highest level. A ticked box is the option 'true', as in team counts."""
    out: dict = {}
    for group, item in instrument.items():
        for where in instrument.agenda_rule():
            if not _item_matches(item, group, where):
                continue
            for field, values in where.items():
                if field in _ITEM_KEYS or field == "answered":
                    continue
                bad = [("true" if v is True else v) for v in values if v is not False]
                ranked = out.setdefault(item["id"], {}).setdefault(field, {})
                for index, value in enumerate(bad):
                    ranked.setdefault(value, len(bad) - index)
    return out


def _options(instrument: Instrument, field: dict) -> list[dict]:
    if field["type"] == "check":
        return [{"id": "true", "label": field["label"]}]
    return [{"id": o["id"], "label": o["label"]} for o in instrument.field_options(field)]


def entry(instrument: Instrument, href: str) -> dict:
    """One instrument for the compare pages: its items and answers with their texts, the order of its answers, and
    the summary figures (count blocks) a measurement of one person shows."""
    coded = instrument.coded_fields()
    return {
        "id": instrument.id,
        "version": instrument.data["version"],
        "title": instrument.data["title"],
        "href": href,
        "team": bool(instrument.data.get("team")),
        "minGroup": instrument.min_group,
        "sensitive": bool(instrument.data.get("sensitive")),
        "key": metingen_key(instrument.id),
        "fields": [{"id": f["id"], "type": f["type"], "label": f["label"], "options": _options(instrument, f)}
                   for f in coded],
        "items": [{"id": i["id"], "label": i.get("label", ""), "text": i["text"], "group": g["id"],
                   **({"category": i["category"]} if "category" in i else {}),
                   **({"tags": g["tags"]} if "tags" in g else {})} for g, i in instrument.items()],
        "levels": levels(instrument),
        "counts": [{"text": b["text"], "where": b["where"], "total": b.get("total", {})}
                   for b in instrument.data["summary"]["blocks"] if b["type"] == "count"],
    }


def form_measure(tool: FormTool) -> dict | None:
    """A form whose records are each judged on a scale (B13: every counter against the guidelines) is measured like
    a team: per guideline, how many records have each answer. Found by its report's `needs` block, which names the
    answers that need work, worst first ('Voldoet niet', then 'Voldoet deels'). None for other forms."""
    for part in tool.parts("report"):
        block = next((b for b in part.get("blocks", []) if b["type"] == "needs" and "scale" in b), None)
        if block is None:
            continue
        records = tool.part(part["of"])
        fields = [f for f in records["fields"] if f["type"] == "choice" and f.get("scale") == block["scale"]]
        return {"part": records, "fields": fields, "levels": {v: len(block["values"]) - i for i, v in enumerate(block["values"])},
                "unit": {"one": records.get("label", "record").lower(), "other": records.get("plural", "records")}}
    return None


MEASURE_FIELD = "oordeel"  # a form's guidelines are items, each with this one answer


def form_entry(tool: FormTool, href: str) -> dict:
    measure = form_measure(tool)
    options = [{"id": o["id"], "label": o["label"]} for o in measure["fields"][0]["options"]]
    return {
        "id": tool.id, "version": tool.data["version"], "title": tool.data["title"], "href": href, "team": False,
        "minGroup": 1, "sensitive": tool.has_optin(), "key": metingen_key(tool.id), "unit": measure["unit"],
        "fields": [{"id": MEASURE_FIELD, "type": "choice", "label": "Oordeel", "options": options}],
        "items": [{"id": f["id"], "label": "", "text": f.get("short") or f["label"], "group": measure["part"]["id"]}
                  for f in measure["fields"]],
        "levels": {f["id"]: {MEASURE_FIELD: measure["levels"]} for f in measure["fields"]},
        "counts": [],
    }


def catalogue(instruments: dict, href) -> dict:
    """The config of the compare pages: every checklist, and the forms with records judged on a scale (B13), in the
    order of the book's pages."""
    entries = [entry(i, href(i)) if isinstance(i, Instrument) else form_entry(i, href(i)) for i in instruments.values()
               if isinstance(i, Instrument) or form_measure(i)]
    return {"format": FORMAT, "formatVersion": FORMAT_VERSION, "maxName": MAX_NAME, "max": MAX_MEASUREMENTS,
            "problemShare": PROBLEM_SHARE, "files": FILE_LIMITS, "teamFormat": "psa-werkboek-team",
            "instruments": entries}


def panel_config(instrument: Instrument | FormTool) -> dict | None:
    """The config of the 'Bewaar als meting' panel on a checklist's page, or on a form's (B13)."""
    if isinstance(instrument, FormTool):
        measure = form_measure(instrument)
        return measure and {"format": FORMAT, "formatVersion": FORMAT_VERSION, "maxName": MAX_NAME,
                            "max": MAX_MEASUREMENTS, "key": metingen_key(instrument.id),
                            "items": [f["id"] for f in measure["fields"]], "records": measure["part"]["id"],
                            "field": MEASURE_FIELD, "unit": measure["unit"]}
    return {"format": FORMAT, "formatVersion": FORMAT_VERSION, "maxName": MAX_NAME, "max": MAX_MEASUREMENTS,
            "key": metingen_key(instrument.id), "items": [i["id"] for _, i in instrument.items()],
            "optin": storage_keys(instrument.id, instrument.data["version"],
                                  optin=bool(instrument.data.get("sensitive"))).get("optin")}
