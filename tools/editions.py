"""The editions beside the website: the offline zip, the whole book as PDF, and the blank handouts as PDF.

    python tools/editions.py offline [--out dist]   # dist/psa-werkboek-offline.zip
    python tools/editions.py pdf [--out dist]       # dist/psa-werkboek.pdf and dist/psa-werkboek-handouts.pdf

The PDFs are printed by the same Chromium the tests use, from the site's own print page (afdrukken/), so paper looks
like what a reader gets with Ctrl+P. Called by `make offline` and `make pdf`.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import NamedTuple

from sitebuild import CHROMIUM, ROOT, build_or_fail, serve

sys.path.insert(0, str(ROOT / "hooks"))
from organisation import ENV, load, locate  # noqa: E402

OFFLINE_ZIP = "psa-werkboek-offline.zip"
BOOK_PDF = "psa-werkboek.pdf"
HANDOUTS_PDF = "psa-werkboek-handouts.pdf"
FOLDER = "psa-werkboek"  # the one folder inside the zip

LEESMIJ = """PSA-werkboek, offline versie
============================

Arbo-werkboek deel 6: psychosociale arbeidsbelasting, voor woningcorporaties.

Zo gebruikt u deze versie zonder internet:

1. Pak het zip-bestand eerst uit, bijvoorbeeld op een usb-stick of in de map Documenten.
   Openen vanuit het zip-bestand zelf werkt niet goed.
2. Open de map psa-werkboek en dubbelklik op index.html. De site opent in uw browser.

Alles werkt zonder internet: de tekst, het zoeken en alle checklijsten en formulieren.
Wat u invult, blijft in deze browser op deze computer. Het gaat nergens heen.
Op de pagina Privacy leest u hoe u het weer wist.
"""

# Playwright page.pdf() header and footer; they are rendered outside the page, so they need their own styles.
FOOTER = ('<div style="width:100%;margin:0 16mm;font:8px sans-serif;color:#444;display:flex;'
          'justify-content:space-between"><span>{left}</span>'
          '<span>pagina <span class="pageNumber"></span> van <span class="totalPages"></span></span></div>')
PDF_OPTIONS = {"format": "A4", "print_background": True, "prefer_css_page_size": True, "display_header_footer": True,
               "header_template": "<span></span>", "margin": {"top": "14mm", "bottom": "16mm"}}

# The text of a heading as a reader sees it: without the permalink sign, with single spaces.
_TEXT_OF = """const textOf = heading => {
    const copy = heading.cloneNode(true);
    copy.querySelectorAll('.headerlink').forEach(a => a.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
};"""
_HEADING = "h1, h2, h3, h4, h5, h6"
# Keeps only the instruments of the print page, each from a new sheet; returns their titles.
ONLY_INSTRUMENTS = """(selector) => {
    %s
    const instruments = [...document.querySelectorAll(selector)];
    // An organisation's own edition keeps its name, logo and contacts above the first instrument.
    const organisation = document.querySelector('[data-afdruk-organisatie]:not([data-afdruk-organisatie=""])');
    document.querySelector('[data-afdruk]').replaceChildren(...(organisation ? [organisation] : []), ...instruments);
    return instruments.map((instrument, n) => {
        if (n) instrument.style.breakBefore = 'page';
        // On its own, an instrument carries the attribution its page has in the text (verbatim, from the YAML).
        instrument.querySelectorAll('.instrument__bronvermelding').forEach(p => {
            p.style.display = 'block';
            p.style.fontSize = '0.7rem';
        });
        return textOf(instrument.querySelector('%s'));
    });
}""" % (_TEXT_OF, _HEADING)
# Chromium builds the PDF outline from the headings but drops the space where a heading wraps
# ("geweld bijklantcontacten"); the page knows the real texts.
HEADINGS = """() => { %s return [...document.querySelectorAll('[data-afdruk] :is(%s)')].map(textOf); }""" % (
    _TEXT_OF, _HEADING)
# The heading each entry of the contents points to, in order.
CONTENTS_TARGETS = """() => {
    %s
    return [...document.querySelectorAll('.afdruk__inhoud a')].map(a => {
        const target = document.getElementById(decodeURIComponent(a.hash.slice(1)));  // Material makes hrefs absolute
        return textOf(target.matches('%s') ? target : target.querySelector('%s'));
    });
}""" % (_TEXT_OF, _HEADING, _HEADING)
SET_PAGE_NUMBERS = """(numbers) => document.querySelectorAll('.afdruk__inhoud a').forEach((a, n) => {
    let number = a.parentElement.querySelector(':scope > .afdruk__bladzijde');
    if (!number) {
        number = document.createElement('span');
        number.className = 'afdruk__bladzijde';
        a.after(number);
    }
    number.textContent = numbers[n];
})"""
INSTRUMENTS = "[data-afdruk] :is(section.instrument[data-instrument], section.formulier[data-form])"
# The short name of the organisation whose edition this is (organisatie.yml), or '' in the neutral book.
ORGANISATION = "() => document.querySelector('[data-afdruk-organisatie]')?.dataset.afdrukOrganisatie || ''"


def offline(out: Path) -> Path:
    """Build with mkdocs.offline.yml and zip it into one folder with a LEESMIJ.txt."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / OFFLINE_ZIP
    with tempfile.TemporaryDirectory() as tmp:
        site = build_or_fail(Path(tmp) / FOLDER, config="mkdocs.offline.yml")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{FOLDER}/LEESMIJ.txt", LEESMIJ + _edition_note())
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    archive.write(path, f"{FOLDER}/{path.relative_to(site).as_posix()}")
    return target


def _edition_note() -> str:
    """For an organisation's own edition (organisatie.yml): whose it is and where to find help."""
    path = locate(ROOT, os.environ.get(ENV))
    if path is None:
        return ""
    org = load(path, path.name, ROOT)
    lines = [f"Deze uitgave is van {org.name}." + (f" Website: {org.website}" if org.website else ""),
             "Op de pagina Hulp en contact staat bij wie u terecht kunt."]
    lines += [f"- {c.title}: {c.line()}" for c in org.contacts.values()]
    return "\n" + "\n".join(lines) + "\n"


def pdfs(out: Path) -> Printed:
    """Build the site, then print the whole book and every blank instrument with Chromium."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        site = build_or_fail(Path(tmp) / "site")
        with serve(site) as base:
            browser = p.chromium.launch(executable_path=CHROMIUM)
            try:
                return print_pdfs(browser, base, out)
            finally:
                browser.close()


class Printed(NamedTuple):
    book: Path
    handouts: Path
    contents: list[tuple[str, int]]  # each heading in the book's contents, with the page number printed beside it


def print_pdfs(browser, base: str, out: Path) -> Printed:
    """Print the site served at `base` into the book PDF and the handouts PDF, in `out`."""
    from pypdf import PdfReader, PdfWriter

    out.mkdir(parents=True, exist_ok=True)
    book, handouts = out / BOOK_PDF, out / HANDOUTS_PDF
    # A fresh context has no saved answers (and the print page never loads them); Dutch, as a reader's browser is.
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        page.emulate_media(media="print")  # before goto, so Material opens every <details>
        page.goto(base + "afdrukken/")
        # The contents get page numbers from a first print; print again until they no longer move anything.
        name = "PSA-werkboek" + (f" · {_escape(org)}" if (org := page.evaluate(ORGANISATION)) else "")
        numbers: list[int] = []
        for _ in range(4):
            pdf = page.pdf(outline=True, tagged=True, footer_template=FOOTER.format(left=name), **PDF_OPTIONS)
            targets = page.evaluate(CONTENTS_TARGETS)
            found = _contents_pages(PdfReader(io.BytesIO(pdf)), targets)
            if found == numbers:
                break
            numbers = found
            page.evaluate(SET_PAGE_NUMBERS, numbers)
        else:
            raise RuntimeError("de bladzijdenummers in de inhoudsopgave blijven verschuiven")
        writer = PdfWriter(clone_from=io.BytesIO(pdf))  # a clone keeps the tags for assistive technology
        _mend_outline(writer, page.evaluate(HEADINGS))
        _save(writer, book, "PSA-werkboek: Arbo-werkboek deel 6, psychosociale arbeidsbelasting")

        page.goto(base + "afdrukken/")
        titles = page.evaluate(ONLY_INSTRUMENTS, INSTRUMENTS)
        footer = FOOTER.format(left=f"{name} · checklijsten en formulieren, blanco")
        writer = PdfWriter(clone_from=io.BytesIO(page.pdf(tagged=True, footer_template=footer, **PDF_OPTIONS)))
        for title, first in zip(titles, _first_pages(writer, titles)):
            writer.add_outline_item(title=title, page_number=first)
        _save(writer, handouts, "PSA-werkboek: alle checklijsten en formulieren, blanco")
    finally:
        context.close()
    return Printed(book, handouts, list(zip(targets, numbers)))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _save(writer, path: Path, title: str) -> None:
    writer.add_metadata({"/Title": title})
    writer.page_mode = "/UseOutlines"  # a PDF reader opens with the bookmarks showing
    with path.open("wb") as handle:
        writer.write(handle)


def _contents_pages(reader, targets: list[str]) -> list[int]:
    """The page of each heading the contents point to: the outline lists the headings in reading order, so each
    target is the first match after the previous one (several bijlagen have an 'Inleiding')."""
    flat = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                flat.append((re.sub(r"\s+", "", item.title).lower(), reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    numbers, at = [], 0
    for target in targets:
        key = re.sub(r"\s+", "", target).lower()
        while at < len(flat) and flat[at][0] != key:
            at += 1
        if at == len(flat):
            raise RuntimeError(f"'{target.strip()}' uit de inhoudsopgave staat niet in de bladwijzers")
        numbers.append(flat[at][1])
    return numbers


def _first_pages(writer, titles: list[str]) -> list[int]:
    """The sheet each instrument starts on: the first, from the previous one on, with its header."""
    firsts, sheet = [], 0
    for title in titles:
        header = f"INVULLEN {title} Bron:"  # text order in a PDF need not be reading order: look for the whole header
        while header not in " ".join(writer.pages[sheet].extract_text().split()):
            sheet += 1
            if sheet == len(writer.pages):
                raise RuntimeError(f"de kop van '{title}' staat op geen enkele bladzijde van de handouts")
        firsts.append(sheet)
    return firsts


def _mend_outline(writer, headings: list[str]) -> None:
    from pypdf.generic import NameObject, TextStringObject

    # Chromium takes the text as rendered: without the spaces where a heading wraps, in capitals where CSS says so.
    real = {re.sub(r"\s+", "", text).lower(): text for text in headings}

    def walk(item):
        while item is not None:
            item = item.get_object()
            key = re.sub(r"\s+", "", str(item.get("/Title", ""))).lower()
            if key in real:
                item[NameObject("/Title")] = TextStringObject(real[key])
            walk(item.get("/First"))
            item = item.get("/Next")

    outlines = writer.root_object.get("/Outlines")
    if outlines is not None:
        walk(outlines.get_object().get("/First"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("edition", choices=["offline", "pdf"])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    made = [offline(args.out)] if args.edition == "offline" else list(pdfs(args.out)[:2])
    for path in made:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
