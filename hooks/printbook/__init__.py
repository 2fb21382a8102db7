"""The whole book on one page: every page's HTML in reading order, with ids and links that still work there.

Plain Python, no MkDocs: the hook `hooks/afdrukken.py` hands over the pages and puts the result on the print page.
Pages are joined as they are; only what would break on one page is rewritten:
- an id that an earlier page already uses gets the page's key in front, and the references to it follow:
  href="#…" and xlink:href, url(#…) in SVG, for, headers, list, form and the aria-* id references (not ids inside
  data-* values, which the print page does not use: its tools are paper);
- a link to another page of the book becomes a link to that page's section here, or to the heading it named;
- any other relative address (an image, a file) is made relative to the print page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

_ID = re.compile(r'(\sid=")([^"]*)(")')
_ID_LISTS = re.compile(r'(\s(?:for|headers|list|form|aria-(?:labelledby|describedby|controls|owns|activedescendant|'
                       r'details|errormessage|flowto))=")([^"]*)(")')
# A block that only makes sense on a screen with a script (saving a measurement, which links to a page outside the
# book): left out of the book. A <section> marked data-screen-only, with no section inside it.
_SCREEN_ONLY = re.compile(r'<section\b[^>]*\sdata-screen-only\b[^>]*>.*?</section>', re.S)
_ADDRESS = re.compile(r'(\s(?:xlink:href|href|src)=")([^"]*)(")')
_SVG_REF = re.compile(r"url\(#([^)\s]+)\)")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_FIRST_HEADING = re.compile(r'<h[1-6][^>]*\sid="([^"]+)"')


@dataclass
class Page:
    url: str  # as MkDocs gives it: "" for the start page, "werkdruk/" or "werkdruk/index.html"
    title: str
    html: str
    headings: list[tuple[str, str]] = field(default_factory=list)  # (id, title) of the page's h2 headings
    depth: int = 0  # 1 for a page inside a section (3.6 Maatregelen, a bijlage): its headings go one level down


@dataclass
class Joined:
    sections: list[dict]  # per page: id, title, html (rewritten), heading (its first heading's id), headings

    def contents(self, tree: list) -> list[dict]:
        """The table of contents: `tree` is the reading order as pages and (section title, [pages], has_index)
        triples. A section with an index page (its first page) is listed under that page's title and headings."""
        by_id = {s["id"]: s for s in self.sections}

        def entry(item):
            if isinstance(item, Page):
                section = by_id[section_id(item.url)]
                return {"title": item.title, "href": section["id"],
                        "children": [{"title": t, "href": i, "children": []} for i, t in section["headings"]]}
            title, children, has_index = item
            entries = [entry(child) for child in children]
            if has_index and entries:
                first = entries.pop(0)
                return {"title": first["title"], "href": first["href"], "children": first["children"] + entries}
            return {"title": title, "href": entries[0]["href"] if entries else "", "children": entries}

        return [entry(item) for item in tree]


def ids(html: str) -> set[str]:
    """The ids an HTML text (or a Jinja template's static part) defines."""
    return {m.group(2) for m in _ID.finditer(html) if "{" not in m.group(2)}


def section_id(url: str) -> str:
    path = re.sub(r"(?:index)?\.html$", "", url).strip("/")
    return "pagina-" + (re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "start")


def join(pages: list[Page], print_url: str, reserved: set[str] = frozenset()) -> Joined:
    """Rewrite every page for a place on the print page at `print_url`; `reserved` are ids the print page
    uses itself."""
    by_path = {_path(p.url): p for p in pages}
    taken = {section_id(p.url) for p in pages} | set(reserved)
    renamed: dict[tuple[str, str], str] = {}
    for page in pages:
        key = section_id(page.url).removeprefix("pagina-")
        for value in dict.fromkeys(m.group(2) for m in _ID.finditer(page.html)):
            new = value if value not in taken else f"{key}--{value}"
            while new in taken:
                new += "-"
            taken.add(new)
            renamed[page.url, value] = new

    def target(page: Page, ident: str) -> str:
        return renamed.get((page.url, ident), ident)

    sections = []
    for page in pages:
        def ids(match, page=page):
            return match.group(1) + " ".join(target(page, i) for i in match.group(2).split()) + match.group(3)

        def address(match, page=page):
            return match.group(1) + _address(match.group(2), page, by_path, print_url, target) + match.group(3)

        html = _SCREEN_ONLY.sub("", page.html)
        html = _HEADING.sub(lambda m, d=page.depth: f"<{m.group(1)}h{min(int(m.group(2)) + d, 6)}", html)
        html = _ID.sub(ids, html)
        html = _ID_LISTS.sub(ids, html)
        html = _ADDRESS.sub(address, html)
        html = _SVG_REF.sub(lambda m, page=page: f"url(#{target(page, m.group(1))})", html)
        first = _FIRST_HEADING.search(html)
        sections.append({"id": section_id(page.url), "title": page.title, "html": html,
                         "heading": first.group(1) if first else None,
                         "headings": [(target(page, i), t) for i, t in page.headings]})
    return Joined(sections)


def _path(url: str) -> str:
    return urlsplit(urljoin("/", url)).path


def _address(value: str, page: Page, by_path: dict, print_url: str, target) -> str:
    if not value or _EXTERNAL.match(value):
        return value
    if value.startswith("#"):
        return "#" + target(page, value[1:])
    parts = urlsplit(urljoin("/" + page.url, value))
    linked = by_path.get(parts.path)
    if linked is not None:
        return "#" + (target(linked, parts.fragment) if parts.fragment else section_id(linked.url))
    # Not a page of the book: the same file, seen from the print page.
    here = posixpath.dirname(_path(print_url)) if not print_url.endswith("/") else _path(print_url)
    relative = posixpath.relpath(parts.path, here)
    if parts.path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
