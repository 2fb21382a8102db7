"""What each instrument keeps in the browser, read from the same YAML the pages are built from.

The privacy page shows this as a table, so it cannot drift from what the tools actually do.
"""

from __future__ import annotations

from .forms import FormTool
from .metingen import form_measure
from .model import Instrument

AUTOMATIC, AFTER_OPT_IN = "automatisch", "alleen als u dat aanzet"


def storage_rows(instruments: dict[str, Instrument | FormTool]) -> list[dict]:
    """One row per instrument: its id, title, what it keeps (and when) and what it never keeps."""
    rows = [_form(i) if isinstance(i, FormTool) else _checklist(i) for i in instruments.values()]
    return sorted(rows, key=lambda row: row["title"].strip("‘’").lower())


def _checklist(instrument: Instrument) -> dict:
    own = AFTER_OPT_IN if instrument.data.get("sensitive") else AUTOMATIC
    kept, never = [("Uw antwoorden", own)], []
    if instrument.data.get("team"):
        n = instrument.min_group
        kept += [(f"Het teamoverzicht: de antwoorden van het team bij elkaar opgeteld, pas vanaf {n} deelnemers", AUTOMATIC),
                 ("Uw laatste resultaatcode en een willekeurig apparaatnummer, zodat een nieuwe code de vorige "
                  "vervangt", own)]
        never += ["De resultaatcodes van anderen", f"Aantallen van minder dan {n} deelnemers"]
    # 'Bewaar als meting' (hooks/instruments/metingen.py): only when the user presses it; sensitive lists only after
    # opting in, and opting out wipes them.
    kept.append(("Metingen die u zelf bewaart: naam, datum en de gekozen antwoorden"
                 + (" of de opgetelde aantallen van het team" if instrument.data.get("team") else ""),
                 AFTER_OPT_IN if instrument.data.get("sensitive") else "als u op ‘Bewaar als meting’ drukt"))
    return {"id": instrument.id, "title": instrument.data["title"], "kept": kept, "never": never}


def _form(tool: FormTool) -> dict:
    kept, never = [], []
    for part in tool.data["parts"]:
        how = part.get("storage", "local")
        if part["type"] not in ("fields", "records", "schedule"):
            continue  # reports, templates and handouts show what other parts hold
        if how == "none":
            never.append(part["title"])
            continue
        kept.append((part["title"], AFTER_OPT_IN if how == "optin" else AUTOMATIC))
        never.extend(_not_stored(part))
    measure = form_measure(tool)
    if measure:
        kept.append((f"Metingen die u zelf bewaart: naam, datum en per richtlijn hoeveel {measure['unit']['other']} "
                     "elk oordeel kregen", "als u op ‘Bewaar als meting’ drukt"))
    return {"id": tool.id, "title": tool.data["title"], "kept": kept, "never": never}


def _not_stored(node) -> list[str]:
    """Labels of the fields with `store: false`, wherever they sit in a part (a schedule keeps them per moment)."""
    if isinstance(node, list):
        return [label for item in node for label in _not_stored(item)]
    if not isinstance(node, dict):
        return []
    own = [node.get("short") or node["label"]] if node.get("store") is False and "label" in node else []
    return own + [label for value in node.values() for label in _not_stored(value)]
