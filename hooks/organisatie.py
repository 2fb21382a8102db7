"""MkDocs adapter: the organisation's own edition (organisatie.yml at the root, or the file named by PSA_ORGANISATIE).

Loading and checking live in the plain-Python package `organisation`; the HTML in overrides/partials/organisatie.html.
This file puts the organisation in Material's header (name, logo, colour), sets site_url from the edition's
address, replaces `<!-- organisatie: … -->` markers on pages, and gives the tools their defaults (data-defaults).
Without the file every marker becomes a short note on what the organisation can fill in.
"""

from __future__ import annotations

import html as htmllib
import os
import re
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from organisation import ENV, ROLE, ROLES, OrganisationError, load, locate

MARKER = re.compile(r"^<!--\s*organisatie:\s*([a-z-]+)((?:\s+[a-z0-9-]+)*)\s*-->[ \t]*$", re.MULTILINE)
KINDS = ("start", "contacten", "overige", "privacy", "toegankelijkheid")
TEMPLATE = "partials/organisatie.html"
STYLESHEET = "psa/organisatie.css"
FORM = re.compile(r'<section class="instrument formulier" id="formulier-([a-z0-9-]+)"')
PART = '<section class="formulier__deel'

_org = None
_templates: jinja2.Environment | None = None
_html: dict[str, dict[str, str]] = {}


def on_config(config, **kwargs):
    global _org, _templates
    root = Path(config.config_file_path).parent
    _html.clear()
    try:
        path = locate(root, os.environ.get(ENV))
        _org = load(path, _display(path, root), root) if path else None
    except OrganisationError as exc:
        raise PluginError(str(exc)) from None
    _templates = jinja2.Environment(loader=jinja2.FileSystemLoader(root / "overrides"), autoescape=True,
                                    undefined=jinja2.StrictUndefined)
    config.extra["organisatie"] = _org.for_templates() if _org else None
    if _org is None:
        return config
    config.watch.append(str(path))  # `mkdocs serve` rebuilds when the file changes
    config["site_name"] = f"PSA-werkboek · {_org.short}"
    # SITE_URL (tests, a build for another host) wins; otherwise the edition's own address.
    if _org.edition and not os.environ.get("SITE_URL"):
        config["site_url"] = _org.edition
    if _org.logo:
        config.theme["logo"] = _org.logo_name
    if _org.colour:
        config.extra_css.append(STYLESHEET)
    return config


def on_files(files, *, config, **kwargs):
    if _org and _org.logo:
        files.append(File.generated(config, _org.logo_name, abs_src_path=str(_org.logo)))
    if _org and _org.colour:
        files.append(File.generated(config, STYLESHEET, content=_org.house_css()))
    return files


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    rendered = _html.setdefault(page.file.src_uri, {})

    def replace(match):
        kind, args = match.group(1), match.group(2).split()
        origin = f"docs/{page.file.src_uri}"
        if kind not in KINDS:
            raise PluginError(f"{origin}: onbekend '{match.group(0)}'; kies uit: {', '.join(KINDS)}")
        unknown = [a for a in args if a not in ROLE]
        if unknown:
            raise PluginError(f"{origin}: onbekende rol '{unknown[0]}' in '{match.group(0)}'; "
                              f"kies uit: {', '.join(ROLE)}")
        link = lambda to: _href(to, origin, page, files)  # noqa: E731
        macro = getattr(_templates.get_template(TEMPLATE).module, kind.replace("-", "_"))
        placeholder = f"<!-- psa-organisatie {len(rendered)} -->"
        rendered[placeholder] = str(macro(org=config.extra["organisatie"], roles=[ROLE[a] for a in args],
                                          all_roles=ROLES, link=link))
        return placeholder

    return MARKER.sub(replace, markdown)


def on_page_content(html, *, page, config, files, **kwargs):
    for placeholder, rendered in _html.pop(page.file.src_uri, {}).items():
        html = html.replace(placeholder, rendered, 1)
    if _org:
        html = _with_defaults(html)
    return html


def _with_defaults(html: str) -> str:
    """Each tool with defaults gets them as data-defaults; one that starts with filled-in fields also gets a note
    above its first part, which the script shows (data-js): without the script nothing is filled in."""
    out, at = [], 0
    for match in FORM.finditer(html):
        defaults = _org.defaults(match.group(1))
        if not defaults:
            continue
        out += [html[at:match.end()], f' data-defaults="{htmllib.escape(_org.defaults_attribute(match.group(1)))}"']
        at = match.end()
        if defaults["values"]:
            first_part = html.find(PART, at)
            note = _templates.get_template(TEMPLATE).module.defaults_note(org=_org.for_templates())
            out += [html[at:first_part], str(note)]
            at = first_part
    return "".join(out) + html[at:]


def _display(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _href(to: str, origin: str, page, files) -> str:
    path, _, anchor = to.partition("#")
    target = files.get_file_from_path(path)
    if target is None:  # the anchors of the roles' sections are checked by tests/test_organisation.py
        raise PluginError(f"{origin}: de link '{to}' wijst naar een pagina die niet bestaat")
    return get_relative_url(target.url, page.url) + (f"#{anchor}" if anchor else "")

