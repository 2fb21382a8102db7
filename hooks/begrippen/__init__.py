"""The glossary (Begrippen): one file in abbr syntax, explained once per page, and listed on its own page.

`includes/begrippen.md` holds lines `*[term]: explanation`. Python-Markdown's `abbr` extension reads it (pymdownx
snippets appends it to every page) and wraps every occurrence; Material's `content.tooltips` shows the explanation.
This module adds what those two leave open:

- a term written in lower case is also found at the start of a sentence (one line in the file, not two);
- only the first occurrence per page in running text stays an `<abbr>`, with `tabindex="0"` so that the keyboard
  and a tap reach it (an `abbr` cannot take focus by itself); the rest become plain text again, so a page about
  werkdruk does not underline every "werkdruk" and the keyboard does not stop at each one;
- no explanation in headings, links, buttons or the glossary list itself: those are not read as running text.

An explanation that ends in `(boek, 3.2)` quotes the book, which defines the term in that section; any other
explanation is ours. Plain Python: unit-tested without MkDocs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<text>\S.*?)\s*$")
SOURCE = re.compile(r"\(boek, (?P<section>\d+(?:\.\d+)+)\)")
# Where an explanation would not be read as part of the text, or would be a second control inside a control.
NOT_HERE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "button", "label", "abbr"}
LIST_CLASS = "psa-begrippen"


class GlossaryError(ValueError):
    """A line of the glossary file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Term:
    term: str
    text: str
    line: int

    @property
    def section(self) -> str | None:
        """The book's section that defines the term, or None when the explanation is ours."""
        match = SOURCE.search(self.text)
        return match.group("section") if match else None

    @property
    def anchor(self) -> str | None:
        return f"paragraaf-{self.section.replace('.', '-')}" if self.section else None

    @property
    def explanation(self) -> str:
        """The text without the source note, for the glossary page (which names the source as a link)."""
        return SOURCE.sub("", self.text).strip()


def variants(term: str) -> list[str]:
    """The forms of a term found in the text: as written, and with a capital at the start of a sentence."""
    capital = term[:1].upper() + term[1:]
    return [term] if capital == term else [term, capital]


def load(path: Path) -> list[Term]:
    terms: list[Term] = []
    seen: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path.name}: kan het bestand niet lezen: {exc}") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.match(line)
        if not match:
            raise GlossaryError(f"{path.name}, regel {number}: verwacht '*[begrip]: uitleg', niet '{line[:60]}'")
        term = Term(match.group("term").strip(), match.group("text"), number)
        key = term.term.lower()
        if key in seen:
            raise GlossaryError(f"{path.name}, regel {number}: '{term.term}' staat al op regel {seen[key]}")
        if "<" in term.text or '"' in term.text:
            # Material puts the explanation into its tooltip as HTML: keep it plain text.
            raise GlossaryError(f"{path.name}, regel {number}: '{term.term}': gebruik geen < of \" in de uitleg")
        seen[key] = number
        terms.append(term)
    if not terms:
        raise GlossaryError(f"{path.name}: er staan geen begrippen in")
    return sorted(terms, key=lambda t: t.term.lower())


class _Variants(Treeprocessor):
    """Before abbr runs: a term in lower case also matches with a capital."""

    def run(self, root):
        abbrs = self.md.treeprocessors["abbr"].abbrs
        for term, title in list(abbrs.items()):
            for form in variants(term):
                abbrs.setdefault(form, title)


class _OncePerPage(Treeprocessor):
    """After abbr runs: keep the first explanation of each term in running text, focusable; unwrap the rest."""

    def run(self, root):
        kept: set[str] = set()
        found: list[tuple[etree.Element, etree.Element]] = []

        def walk(element, blocked):
            for child in list(element):
                if child.tag == "abbr" and child.get("title"):
                    found.append((element, child, blocked))
                classes = (child.get("class") or "").split()
                walk(child, blocked or child.tag in NOT_HERE or LIST_CLASS in classes)

        walk(root, False)
        for parent, abbr, blocked in found:
            title = abbr.get("title")
            if not blocked and title not in kept:
                kept.add(title)
                abbr.set("tabindex", "0")
        for parent, abbr, _ in reversed(found):
            if abbr.get("tabindex") is None:
                _unwrap(parent, abbr)


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    text = (child.text or "") + (child.tail or "")
    index = list(parent).index(child)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    parent.remove(child)


class GlossaryExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_Variants(md), "begrippen-vormen", 7.5)  # abbr is 7
        md.treeprocessors.register(_OncePerPage(md), "begrippen", 6.5)      # toc (5) then sees plain headings
