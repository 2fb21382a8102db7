"""Render an instrument to HTML with the Jinja templates under overrides/."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup, escape

from .components import PART_TYPES
from .forms import PLACEHOLDER, FormTool
from .metingen import form_measure, panel_config
from .model import Instrument

TEMPLATE = "partials/instrument.html"
FORM_TEMPLATE = "partials/form.html"
STORAGE_TEMPLATE = "partials/opslag.html"
COMPARE_TEMPLATE = "partials/vergelijken.html"
_PLACEHOLDER = re.compile(r"\{(n|total)\}")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def source_text(instrument: Instrument) -> str:
    source = instrument.data["source"]
    where = f"bijlage {source['bijlage']}" if "bijlage" in source else f"paragraaf {source['section']}"
    return f"Arbo-werkboek deel 6: psychosociale arbeidsbelasting, {where}"


def _parts(text: str) -> Markup:
    """'{n} van {total} punten' → escaped text with <output> elements that the script fills in."""
    out = []
    for piece in _PLACEHOLDER.split(text):
        if piece in ("n", "total"):
            out.append(Markup(f'<output data-{piece}>–</output>'))
        else:
            out.append(escape(piece))
    return Markup("").join(out)


class Renderer:
    def __init__(self, templates: Path):
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )

    def render(self, instrument: Instrument | FormTool, link: Callable[[str], str], level: int = 2,
               plan: dict | None = None, qr=None) -> str:
        """HTML for the instrument; `level` is the heading level of its title, below the page's own headings;
        `plan` is where its points can be put in the plan van aanpak (see FormTool.inbox); `qr` the page's online
        address as a QR code (qr.Code), printed with the tool and shown large in team mode."""
        if isinstance(instrument, FormTool):
            html = self.render_form(instrument, link, level, qr)
        else:
            html = self.render_checklist(instrument, link, level, plan, qr)
        return html

    def render_form(self, tool: FormTool, link: Callable[[str], str], level: int, qr=None) -> str:
        fields = tool.global_fields()
        return self.env.get_template(FORM_TEMPLATE).render(
            qr=qr,
            rich=lambda text: _rich(text, link),
            link=link,
            d=_wrap(tool.data),
            config=json.dumps(tool.client_config(), ensure_ascii=False, separators=(",", ":")),
            needs=" ".join(tool.needs()),
            searchable=[name for name, part in PART_TYPES.items() if part.searchable],
            source=source_text(tool),
            h=lambda extra=0: f"h{min(level + extra, 6)}",
            slots=lambda text: _slots(text, fields),
            privacy=privacy_text(tool),
            optin=optin_text(tool),
            metingen=json.dumps(panel_config(tool), ensure_ascii=False, separators=(",", ":")) if form_measure(tool) else None,
        )

    def render_storage(self, part: str, rows: list[dict], link: Callable[[str], str]) -> str:
        """The privacy page: `part` 'overzicht' is what every tool keeps (rows from privacy.storage_rows, each
        linked to its page), 'wissen' is what is on this device now and wiping it all."""
        template = self.env.get_template(STORAGE_TEMPLATE).module
        return str(getattr(template, part)([{**row, "href": link(row["page"])} for row in rows]))

    def render_compare(self, mode: str, config: dict) -> str:
        """The pages 'Metingen vergelijken' (mode 'tijd') and 'Organisatie-overzicht' (mode 'teams'); `config` from
        metingen.catalogue (only team lists on the second)."""
        if mode == "teams":
            config = {**config, "instruments": [i for i in config["instruments"] if i["team"]]}
        return self.env.get_template(COMPARE_TEMPLATE).render(
            mode=mode, instruments=_wrap(config["instruments"]),
            config=json.dumps(config, ensure_ascii=False, separators=(",", ":")))

    def render_checklist(self, instrument: Instrument, link: Callable[[str], str], level: int, plan: dict | None,
                         qr=None) -> str:
        return self.env.get_template(TEMPLATE).render(
            qr=qr,
            plan=plan,
            rich=lambda text: _rich(text, link),
            i=instrument,
            d=_wrap(instrument.data),
            scales=_wrap(instrument.scales),
            context=_wrap(instrument.context),
            config=json.dumps(instrument.client_config(), ensure_ascii=False, separators=(",", ":")),
            needs=" ".join(instrument.needs(plan)),
            source=source_text(instrument),
            link=link,
            parts=_parts,
            h=lambda extra=0: f"h{min(level + extra, 6)}",
            coded_fields=_wrap(instrument.coded_fields()),
            min_group=instrument.min_group,
            metingen=json.dumps(panel_config(instrument), ensure_ascii=False, separators=(",", ":")),
            dossier=json.dumps(_dossier_config(instrument, link), ensure_ascii=False, separators=(",", ":")),
            agenda_title=(instrument.agenda_block() or {}).get("title", ""),
            proposal_scale=any(instrument.scales[f["scale"]].get("proposal")
                               for f in instrument.data["fields"] if f["type"] == "choice"),
        )


def _dossier_config(instrument: Instrument, link: Callable[[str], str]) -> dict | None:
    """What docs/psa/dossier.js needs to print the dossier and write the calendar: the fields with their labels, the
    status answers with theirs, and per point its text and the parts of the book that help (shown for 'nee' and
    'deels', as the summary does)."""
    dossier = instrument.data.get("dossier")
    if not dossier:
        return None
    fields = {f["id"]: f for f in instrument.data["fields"]}
    status = fields[dossier["status"]]
    bad = [v for where in instrument.agenda_rule() for v in where.get(dossier["status"], [])]
    # In order, and what counts at all: the list's own count of the status field ('n van total punten op orde').
    count = next((b for b in instrument.data["summary"]["blocks"]
                  if b["type"] == "count" and dossier["status"] in b["where"]), None)
    options = [o["id"] for o in instrument.field_options(status)]
    good = count["where"][dossier["status"]] if count else []
    counted = (count.get("total") or {}).get(dossier["status"], options) if count else options
    return {"id": instrument.id, "title": instrument.data["title"], "heading": dossier["title"],
            "calendar": dossier.get("calendar", dossier["title"]), "review": dossier.get("review"),
            "status": {"id": status["id"], "label": status["label"], "bad": bad, "good": good, "counted": counted,
                       "options": {o["id"]: o["label"] for o in instrument.field_options(status)}},
            "fields": [{"id": n, "label": fields[n]["label"], "type": fields[n]["type"]} for n in dossier["fields"]],
            "items": [{"id": i["id"], "label": i.get("label", ""), "text": i["text"],
                       "links": [{"text": lk["text"], "href": link(lk["to"])} for lk in i.get("links", [])]}
                      for _, i in instrument.items()]}


def _rich(text: str, link: Callable[[str], str]) -> Markup:
    """Escaped text in which [words](page.md#anchor) becomes a link, so our own notes can point into the book."""
    out, last = [], 0
    for match in _LINK.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(Markup('<a href="{}">{}</a>').format(link(match.group(2)), match.group(1)))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _slots(text: str, fields: dict) -> Markup:
    """A paragraph of a template: the open places become spans that the script fills in; escaped text around them."""
    pieces = PLACEHOLDER.split(text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            blank = fields[piece].get("blank", "……")
            out.append(Markup('<span class="formulier__plek" data-slot="{}" data-blank="{}">{}</span>').format(
                piece, blank, blank))
        else:
            out.append(escape(piece))
    only = len(pieces) == 3 and not pieces[0].strip() and not pieces[2].strip() and not fields[pieces[1]].get("blank")
    if len(pieces) > 1 and not pieces[-1].strip() and not only:
        out[-2] = Markup(str(out[-2]).replace("<span ", "<span data-ends ", 1))
    return Markup('<p{}>{}</p>').format(Markup(" data-only-slot hidden") if only else "", Markup("").join(out))


def privacy_text(tool: FormTool) -> str:
    sentences = ["Wat u invult, blijft op dit apparaat en wordt nergens naartoe gestuurd."]
    how = {"local": "wordt bewaard in deze browser, tot u het wist",
           "optin": "wordt alleen bewaard als u dat onderaan aanzet",
           "none": "wordt niet bewaard: sluit u de pagina, dan is het weg"}
    for part in tool.parts("fields", "records", "schedule"):
        sentences.append(f"‘{part.get('title') or tool.data['title']}’ {how[part.get('storage', 'local')]}.")
    if any(f.get("store") is False for f in tool.global_fields().values()):
        sentences.append("Velden met ‘Dit wordt niet bewaard’ worden nooit bewaard, ook niet in een bestand.")
    return " ".join(sentences)


def optin_text(tool: FormTool) -> str:
    titles = [f"‘{p.get('title') or tool.data['title']}’" for p in tool.parts() if p.get("storage") == "optin"]
    return f"Bewaar {' en '.join(titles)} op dit apparaat" if titles else ""


class _Attrs(dict):
    """Dict whose optional keys read as None in templates (d.summary.reveal); typos elsewhere still fail."""

    def __getattr__(self, name):
        return self.get(name)


def _wrap(value):
    if isinstance(value, dict):
        return _Attrs({k: _wrap(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value
