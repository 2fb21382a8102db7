"""MkDocs adapter: render the instruments of checklists/ where a page says <!-- instrument: ID -->.

All loading, validating and rendering lives in the plain-Python package `instruments`; this file only connects
it to MkDocs events and turns its errors into build errors. On the way, the book's own tables are put in regions
that the keyboard can scroll (the plain-Python `tablewrap`).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from instruments import InstrumentError, check_usage, load_folder, plan_target
from instruments.markers import MARKER, find_markers
from instruments.metingen import catalogue
from instruments.privacy import storage_rows
from instruments.render import Renderer
from qr import Code, online_url
from tablewrap import wrap_tables

STORAGE = re.compile(r"^<!--\s*opslag:\s*(\S+?)\s*-->[ \t]*$", re.MULTILINE)
STORAGE_PARTS = ("overzicht", "wissen")
COMPARE = re.compile(r"^<!--\s*metingen:\s*(\S+?)\s*-->[ \t]*$", re.MULTILINE)
COMPARE_MODES = ("tijd", "teams")
IDS = re.compile(r'\sid="([^"]+)"')
HEADING = re.compile(r"^(#{1,6})\s", re.MULTILINE)

_instruments: dict = {}
_used: dict[str, list[str]] = {}
_links: list[tuple] = []
# page → placeholder → (marker, HTML): rendered in on_page_markdown, put in by on_page_content
_html: dict[str, dict[str, tuple]] = {}
_renderer: Renderer | None = None
_plan: dict | None = None


def on_config(config, **kwargs):
    global _renderer, _plan
    root = Path(config.config_file_path).parent
    _instruments.clear(), _used.clear(), _links.clear(), _html.clear()
    try:
        _instruments.update(load_folder(root / "checklists"))
    except InstrumentError as exc:
        raise PluginError(str(exc)) from None
    _plan = plan_target(_instruments)
    _renderer = Renderer(root / "overrides")
    return config


def on_files(files, *, config, **kwargs):
    # Read every page for markers here, not while rendering: with --dirty, unchanged pages are not rendered.
    for file in files.documentation_pages():
        page = f"docs/{file.src_uri}"
        for instrument_id in _fail(lambda: find_markers(file.content_string, page)):
            _used.setdefault(instrument_id, []).append(page)
    _fail(lambda: check_usage(_instruments, _used))
    return files


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    # Rendered here, where the headings above a marker are known, but put in after Markdown: parsing tens of
    # kilobytes of finished HTML as raw blocks would be most of the build's time.
    rendered = _html.setdefault(page.file.src_uri, {})

    def keep(match, html: str) -> str:
        placeholder = f"<!-- psa-html {len(rendered)} -->"
        rendered[placeholder] = (match.group(0), html)
        return placeholder

    def render(match):
        instrument = _instruments[match.group(1)]
        headings = HEADING.findall(markdown, 0, match.start())
        level = len(headings[-1]) + 1 if headings else 2  # one level below the heading it stands under
        link = lambda to: _href(to, instrument.file, page, files)  # noqa: E731
        return keep(match, _renderer.render(instrument, link, level=level, plan=_plan, qr=_code(page, config)))

    def storage(match):
        part = match.group(1)
        if part not in STORAGE_PARTS:
            raise PluginError(f"docs/{page.file.src_uri}: onbekend '{match.group(0)}'; "
                              f"kies uit: {', '.join(STORAGE_PARTS)}")
        rows = [{**row, "page": _used[row["id"]][0].removeprefix("docs/")} for row in storage_rows(_instruments)
                if part == "overzicht"]
        link = lambda to: _href(to, "docs/" + page.file.src_uri, page, files)  # noqa: E731
        return keep(match, _renderer.render_storage(part, rows, link))

    def compare(match):
        mode = match.group(1)
        if mode not in COMPARE_MODES:
            raise PluginError(f"docs/{page.file.src_uri}: onbekend '{match.group(0)}'; "
                              f"kies uit: {', '.join(COMPARE_MODES)}")
        origin = "docs/" + page.file.src_uri
        href = lambda tool: _href(_used[tool.id][0].removeprefix("docs/"), origin, page, files)  # noqa: E731
        return keep(match, _renderer.render_compare(mode, catalogue(_instruments, href)))

    return COMPARE.sub(compare, STORAGE.sub(storage, MARKER.sub(render, markdown)))


def on_page_content(html, *, page, config, files, **kwargs):
    # The book's own tables become regions the keyboard can scroll; before the tools go in, which keep theirs.
    html = wrap_tables(html)
    for placeholder, (marker, rendered) in _html.pop(page.file.src_uri, {}).items():
        if placeholder not in html:
            raise PluginError(f"docs/{page.file.src_uri}: '{marker}' kon niet op de pagina worden gezet; "
                              "staat het binnen een ander blok (lijst, tabel, HTML)?")
        html = html.replace(placeholder, rendered, 1)
        # MkDocs collects anchors while converting Markdown, before this HTML was here: links to it must still work.
        page.present_anchor_ids = set(page.present_anchor_ids or ()) | set(IDS.findall(rendered))
    return html


def on_env(env, *, config, files, **kwargs):
    # Runs once every page has been rendered, so the anchors that instruments link to exist by now.
    for origin, to, target, anchor in _links:
        if anchor and anchor not in (target.page.present_anchor_ids or set()):
            raise PluginError(f"{origin}: de link '{to}' wijst naar een anker dat niet bestaat")
    return env


def _href(to: str, origin, page, files) -> str:
    """The URL of `to` (a docs path, maybe with #anchor) from `page`; `origin` names the file that asked, in errors."""
    if to.startswith(("https://", "http://")):
        return to
    path, _, anchor = to.partition("#")
    target = files.get_file_from_path(path)
    if target is None or target.page is None:
        raise PluginError(f"{origin}: de link '{to}' wijst naar een pagina die niet bestaat")
    _links.append((origin, to, target, anchor))
    return get_relative_url(target.url, page.url) + (f"#{anchor}" if anchor else "")


def _code(page, config):
    """The page's online address as a QR code; read from config here, after every on_config has set site_url."""
    if not config.site_url:
        return None
    offline = any(name.rsplit("/", 1)[-1] == "offline" for name in config.plugins)  # "material/offline"
    return Code(online_url(config.site_url, page.file.src_uri), offline=offline)


def _fail(check):
    try:
        return check()
    except InstrumentError as exc:
        raise PluginError(str(exc)) from None
