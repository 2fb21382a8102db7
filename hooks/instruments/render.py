"""Render an instrument to HTML with the Jinja templates under overrides/."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup, escape

from .model import Instrument

TEMPLATE = "partials/instrument.html"
_PLACEHOLDER = re.compile(r"\{(n|total)\}")


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

    def render(self, instrument: Instrument, link: Callable[[str], str], level: int = 2) -> str:
        """HTML for the instrument; `level` is the heading level of its title, below the page's own headings."""
        html = self.env.get_template(TEMPLATE).render(
            i=instrument,
            d=_wrap(instrument.data),
            scales=_wrap(instrument.scales),
            context=_wrap(instrument.context),
            config=json.dumps(instrument.client_config(), ensure_ascii=False, separators=(",", ":")),
            source=source_text(instrument),
            link=link,
            parts=_parts,
            h=lambda extra=0: f"h{min(level + extra, 6)}",
            coded_fields=_wrap(instrument.coded_fields()),
            min_group=instrument.min_group,
            agenda_title=(instrument.agenda_block() or {}).get("title", ""),
            proposal_scale=any(instrument.scales[f["scale"]].get("proposal")
                               for f in instrument.data["fields"] if f["type"] == "choice"),
        )
        # Markdown ends a raw HTML block at a blank line, so none may remain.
        return "\n".join(line for line in html.splitlines() if line.strip())


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
