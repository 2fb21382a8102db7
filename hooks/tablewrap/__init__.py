"""Wide tables of the book as regions that the keyboard can reach. Plain Python; no MkDocs needed.

A table wider than the screen scrolls sideways (WCAG 1.4.10 allows that for tables). Material puts every table in a
scrolling box at runtime, but that box cannot get focus, so someone without a mouse cannot scroll it (axe
`scrollable-region-focusable`). Here, at build time and without any script, every table that Markdown made is put in
a box that can get focus and has a name; base.css makes this box the one that scrolls and Material's box inside it
one that does not.
"""

from __future__ import annotations

import html as _html
import re

# Markdown's tables carry no attributes. The tools' tables are not in the HTML yet when this runs
# (hooks/checklists.py), and scroll inside the tools' own layout.
_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
# The element right before the table, when it says what the table is: a heading, or a bold line on its own such as
# the book's "Tabel 2: Overzicht …" or "Programma:".
_HEADING = re.compile(r"<(h[1-6])[\s>](?:(?!</?h[1-6][\s>]).)*?</\1>\s*\Z", re.DOTALL)
_BOLD_LINE = re.compile(r"<p(?:\s[^>]*)?>\s*<strong>((?:(?!</?(?:p|strong)[\s>]).)*?)</strong>\s*</p>\s*\Z", re.DOTALL)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_LOOKBACK = 1000
FALLBACK_NAME = "Tabel"


def table_name(before: str) -> str:
    """The name of a table, from the HTML right before it: the heading or bold line just above, else "Tabel"."""
    tail = before[-_LOOKBACK:]
    found = _HEADING.search(tail) or _BOLD_LINE.search(tail)
    if not found:
        return FALLBACK_NAME
    text = _html.unescape(_TAG.sub("", _PERMALINK.sub("", found.group(0))))
    text = " ".join(text.split()).rstrip(":").strip()
    return text or FALLBACK_NAME


def wrap_tables(html: str) -> str:
    """Put each attribute-less <table> in <div class="psa-tabel" role="region" tabindex="0" aria-label="…">."""
    out, end = [], 0
    for match in _TABLE.finditer(html):
        name = _html.escape(table_name(html[:match.start()]), quote=True)
        out.append(html[end:match.start()])
        out.append(f'<div class="psa-tabel" role="region" tabindex="0" aria-label="{name}">{match.group(0)}</div>')
        end = match.end()
    out.append(html[end:])
    return "".join(out)
