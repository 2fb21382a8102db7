"""Which browser files a page loads: only those of the tools on it, found by their data-psa markers.

The templates write `data-psa="<component>"` and `data-psa-needs="<modules>"` on every tool (from Instrument.needs and
FormTool.needs); this module turns the markers on a page into style and script files (components.files_for).
- A page whose tools come after a lot of text (a chapter with a checklist in it) is a reading page first: its
  tools load when they come near the screen (`lazy`, docs/psa/loader.js), and their styles are in the page for
  print only until then.
- A page with the whole book for paper ([data-afdruk]) gets the styles only: its forms are blank paper.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .components import ASSETS, LAZY_AFTER, LOADER, files_for, modules

# A tool: data-psa="component" data-psa-needs="modules". Content that only needs a component's styles (the privacy
# page's table of what each tool keeps): data-psa-styles="component".
_MARKER = re.compile(r'\sdata-psa(?:-styles)?="([^"]+)"(?:\s+data-psa-needs="([^"]*)")?')
_TAG = re.compile(r"<[^>]+>")


@dataclass
class PageAssets:
    styles: list[str] = field(default_factory=list)   # paths under docs/, in loading order
    scripts: list[str] = field(default_factory=list)
    lazy: bool = False                                  # scripts and styles come later, through the loader
    loader: str = f"{ASSETS}/{LOADER}"


def modules_in(html: str) -> list[str]:
    names: list[str] = []
    for component, needs in _MARKER.findall(html):
        names += [component, *needs.split()]
    unknown = sorted(set(names) - set(modules()))
    if unknown:
        raise ValueError(f"onbekend onderdeel in data-psa: {', '.join(unknown)}")
    return list(dict.fromkeys(names))


def text_before_first_tool(html: str) -> int:
    first = _MARKER.search(html)
    if first is None:
        return 0
    return len(" ".join(htmllib.unescape(_TAG.sub(" ", html[:first.start()])).split()))


def page_assets(html: str) -> PageAssets:
    names = modules_in(html)
    if not names:
        return PageAssets()
    paper = "data-afdruk" in html
    styles, scripts = files_for(names, scripts=not paper)
    return PageAssets([f"{ASSETS}/{s}" for s in styles], [f"{ASSETS}/{s}" for s in scripts],
                      lazy=not paper and text_before_first_tool(html) > LAZY_AFTER)


def missing_files(docs_dir: Path) -> list[str]:
    """Declared files that do not exist: Material's instant navigation stalls on a script that does not load."""
    declared = [f for m in modules().values() for f in (m.script, m.style) if f] + [LOADER]
    return [f"docs/{ASSETS}/{f}" for f in declared if not (docs_dir / ASSETS / f).is_file()]
