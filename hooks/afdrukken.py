"""MkDocs adapter: put the whole book on the print page (docs/afdrukken.md) where it says <!-- werkboek: alles -->.

The joining lives in the plain-Python module `printbook`; the HTML around it in overrides/partials/afdruk.html.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Section
from mkdocs.utils import get_relative_url

from printbook import Page, ids, join

PRINT_PAGE = "afdrukken.md"
MARKER = "<!-- werkboek: alles -->"
TEMPLATE = "partials/afdruk.html"

_nav = None


def on_nav(nav, *, config, files, **kwargs):
    global _nav
    _nav = nav
    return nav


def on_env(env, *, config, files, **kwargs):
    # Every page's HTML exists by now, and no page template has been rendered yet.
    file = files.get_file_from_path(PRINT_PAGE)
    if file is None:
        raise PluginError(f"docs/{PRINT_PAGE} ontbreekt: de pagina met het hele werkboek")
    if file.page.content is None:
        return env  # `mkdocs serve --dirty` did not rebuild the print page
    if MARKER not in file.page.content:
        raise PluginError(f"docs/{PRINT_PAGE}: '{MARKER}' ontbreekt op de pagina")
    if any(p.content is None for p in _nav.pages):
        raise PluginError(f"docs/{PRINT_PAGE} heeft alle pagina's nodig: bouw zonder --dirty")
    # The start page and pages about the website (`print: false`) are not part of the book.
    pages = {p.file.src_uri: _page(p) for p in _nav.pages
             if not p.is_homepage and p.file.src_uri != PRINT_PAGE and p.meta.get("print", True)}
    template = Path(config.config_file_path).parent / "overrides" / TEMPLATE
    reserved = ids(file.page.content) | ids(template.read_text(encoding="utf-8"))
    book = join(list(pages.values()), file.page.url, reserved)
    templates = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(config.config_file_path).parent / "overrides"),
                                   autoescape=True, undefined=jinja2.StrictUndefined)
    html = templates.get_template(TEMPLATE).render(
        sections=[{**s, "html": Markup(s["html"])} for s in book.sections],
        contents=book.contents(_tree(_nav.items, pages)), organisatie=_organisation(config, file.page.url))
    file.page.content = file.page.content.replace(MARKER, html)
    return env


def _organisation(config, url: str) -> dict | None:
    """The organisation of this edition for the cover (hooks/organisatie.py puts it in config.extra), if any."""
    found = config.extra.get("organisatie")
    if not found:
        return None
    return {**found, "logo_url": get_relative_url(found["logo"], url) if found["logo"] else None}


def _page(page) -> Page:
    h1 = page.toc.items[0] if page.toc.items else None
    # A page under a section that is not the section's own index page sits one level lower in the book.
    inner = page.parent is not None and not page.is_index
    return Page(page.url, page.title, page.content, [(h.id, h.title) for h in (h1.children if h1 else [])],
                depth=1 if inner else 0)


def _tree(items, pages: dict) -> list:
    tree = []
    for item in items:
        if isinstance(item, Section):
            children = [c for c in item.children if not isinstance(c, Section) and c.file.src_uri in pages]
            has_index = bool(children) and children[0] is item.children[0] and children[0].is_index
            tree.append((item.title, _tree(item.children, pages), has_index))
        elif getattr(item, "file", None) is not None and item.file.src_uri in pages:
            tree.append(pages[item.file.src_uri])
    return tree
