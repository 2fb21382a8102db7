"""Check that every sentence of the book appears on the site.

The comparison ignores case, accents, spaces, hyphens and punctuation, so PDF hyphenation, line wraps and
typography do not count; any change of words does. Corrections that the site makes on purpose are read from the
tables on the Verantwoording page (docs/verantwoording.md) and applied to the book first, so a correction that is
not listed there shows up as a missing sentence.

Usage:
    python tools/fidelity.py                  # compare with the Markdown sources in docs/
    python tools/fidelity.py --site site/     # compare with a built site
    python tools/fidelity.py --lines 246-694  # only report sentences that start in this line range
"""

from __future__ import annotations

import argparse
import html.parser
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "tests" / "data" / "werkboek.txt"
VERANTWOORDING = ROOT / "docs" / "verantwoording.md"

# Stray page numbers of the PDF (inventaris §1); they are not text of the book.
PAGE_NUMBER_LINES = {126, 1465, 1529, 1593, 3000, 3004, 3627}
# Titles that the PDF printed away from their text (inventaris §2.2); the site moves them, so they stand alone.
MOVED_TITLE_LINES = {2910, 2996, 3056, 3101, 3235, 3290, 3368, 3422, 3531, 3579, 3666, 3729, 3807, 3976, 4057, 4237,
                     4087}  # and a heading that a table's header row now follows

# First lines of each page's part of the book: text never runs on from one page into the next.
PAGE_START_LINES = {1, 31, 128, 246, 695, 1116, 1652, 2556, 2874, 2911, 3006, 3057, 3102, 3236, 3291, 3369, 3472,
                    3532, 3629, 3667, 3919, 3999, 4177, 4373, 4546, 4550}
_NUMBERED_HEADING = re.compile(r"^\s*\d+\.\d+(?:\.\d+)?\s+[A-Z]")
# List markers; an HTML list shows its numbers but does not hold them as text, so they are not compared.
_BULLET = re.compile(r"^\s*(?:[•❏]|-\s|\d+[.)]\s|[a-r][.)]\s)")
_SENTENCE_END = re.compile(r"[.?!:;](?=[\s’”')]*\s)")


def normalise(text: str) -> str:
    """Letters and digits only, lower case, accents removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.lower() if c.isalnum() and not unicodedata.combining(c))


@dataclass
class Segment:
    line: int
    raw: str
    norm: str


@dataclass
class Correction:
    lines: list[int]
    original: str
    corrected: str


def read_corrections(path: Path = VERANTWOORDING) -> list[Correction]:
    """Rows of the Verantwoording tables: | L123 | original | corrected | ... |."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.fullmatch(r"L\d+(?:[–-]\d+)?(?:,\s*L\d+(?:[–-]\d+)?)*", cells[0]):
            continue
        lines = [int(n) for n in re.findall(r"L(\d+)", cells[0])]
        rows.append(Correction(lines, _cell_text(cells[1]), _cell_text(cells[2])))
    return rows


def _cell_text(cell: str) -> str:
    cell = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)  # links
    cell = re.sub(r"<[^>]+>", "", cell)
    return cell.replace("\\|", "|").replace("*", "").replace("`", "")


class _Stream:
    """The book as normalised characters, each with its source line and a flag for 'a segment starts here'."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.lines: list[int] = []
        self.starts: list[bool] = []
        self._pending_start = True

    def boundary(self) -> None:
        self._pending_start = True

    def add(self, raw: str, line: int) -> None:
        for c in normalise(raw):
            self.chars.append(c)
            self.lines.append(line)
            self.starts.append(self._pending_start)
            self._pending_start = False

    def replace_near(self, old: str, new: str, lines: list[int]) -> bool:
        text = "".join(self.chars)
        for line in lines:
            lo = self._first_index_at_or_after(line - 1)
            hi = self._first_index_at_or_after(line + 3)
            at = text.find(old, lo, hi + len(old))
            if at >= 0:
                self._splice(at, at + len(old), new)
                return True
        return False

    def _first_index_at_or_after(self, line: int) -> int:
        for i, ln in enumerate(self.lines):
            if ln >= line:
                return i
        return len(self.lines)

    def _splice(self, start: int, end: int, new: str) -> None:
        line, first = self.lines[start], self.starts[start]
        self.chars[start:end] = list(new)
        self.lines[start:end] = [line] * len(new)
        self.starts[start:end] = [first] + [False] * (len(new) - 1) if new else []
        if not new and start < len(self.starts):
            self.starts[start] = self.starts[start] or first


def book_segments(book: Path = BOOK, corrections: list[Correction] | None = None) -> tuple[list[Segment], list[str]]:
    """Split the book into sentences (and list items, and blank-line blocks), after applying corrections.

    Returns the segments and a list of problems with the corrections themselves.
    """
    raw_lines = book.read_text(encoding="utf-8").splitlines()
    stream = _Stream()
    for number, line in enumerate(raw_lines, start=1):
        if number in PAGE_NUMBER_LINES or not line.strip():
            stream.boundary()
            continue
        if number in PAGE_START_LINES or _NUMBERED_HEADING.match(line):
            stream.boundary()
        bullet = _BULLET.match(line)
        if bullet:
            stream.boundary()
            line = line[bullet.end() :]
        if number in MOVED_TITLE_LINES:
            stream.boundary()
            stream.add(line, number)
            stream.boundary()
            continue
        pos = 0
        for match in _SENTENCE_END.finditer(line + " "):
            stream.add(line[pos : match.end()], number)
            stream.boundary()
            pos = match.end()
        stream.add(line[pos:], number)

    problems = []
    for corr in corrections or []:
        old, new = normalise(corr.original), normalise(corr.corrected)
        if old == new:
            continue
        if not stream.replace_near(old, new, corr.lines):
            problems.append(f"L{corr.lines[0]}: '{corr.original}' staat niet in het boek op die regel")

    segments: list[Segment] = []
    current: list[int] = []
    for i, start in enumerate(stream.starts):
        if start and current:
            segments.append(_segment(stream, current, raw_lines))
            current = []
        current.append(i)
    if current:
        segments.append(_segment(stream, current, raw_lines))
    return segments, problems


def _segment(stream: _Stream, idx: list[int], raw_lines: list[str]) -> Segment:
    line = stream.lines[idx[0]]
    return Segment(line, raw_lines[line - 1].strip(), "".join(stream.chars[i] for i in idx))


class _TextExtractor(html.parser.HTMLParser):
    """Text of the page's article, without scripts, styles and permalink anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += tag not in _VOID
        elif tag == "article":
            self.depth = 1
        if self.depth and (tag in ("script", "style") or "headerlink" in (attrs.get("class") or "")):
            self.skip += 1

    def handle_endtag(self, tag):
        if self.depth:
            if self.skip and tag in ("script", "style", "a"):
                self.skip -= 1
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# "Het hele werkboek" copies every page; a sentence must be on a page of its own, not only in that copy.
COPIES = {"afdrukken/index.html", "afdrukken.html"}


def site_text_from_html(site: Path) -> dict[str, str]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).as_posix() in COPIES:
            continue
        parser = _TextExtractor()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.parts:
            pages[str(path.relative_to(site))] = " ".join(parser.parts)
    return pages


def site_text_from_markdown(docs: Path) -> dict[str, str]:
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
        text = re.sub(r"\{[^{}]*\}", "", text)  # attribute lists
        text = re.sub(r"<[^>]+>", " ", text)
        pages[str(path.relative_to(docs))] = text
    return pages


def missing_segments(pages: dict[str, str], segments: list[Segment]) -> list[Segment]:
    haystack = "\n".join(normalise(t) for t in pages.values())
    return [s for s in segments if s.norm and s.norm not in haystack]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site folder (default: the Markdown in docs/)")
    parser.add_argument("--lines", help="only report sentences starting in this range, e.g. 246-694")
    args = parser.parse_args(argv)

    segments, problems = book_segments(corrections=read_corrections())
    pages = site_text_from_html(args.site) if args.site else site_text_from_markdown(ROOT / "docs")
    missing = missing_segments(pages, segments)
    if args.lines:
        lo, hi = (int(n) for n in args.lines.split("-"))
        missing = [s for s in missing if lo <= s.line <= hi]
        segments = [s for s in segments if lo <= s.line <= hi]
    for p in problems:
        print("correctie:", p)
    for s in missing:
        print(f"L{s.line}: {s.raw[:100]}")
    print(f"{len(segments) - len(missing)} van {len(segments)} zinnen gevonden; {len(missing)} ontbreken.")
    return 1 if missing or problems else 0


if __name__ == "__main__":
    sys.exit(main())
