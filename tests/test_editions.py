"""The editions beside the website: the offline zip opened from file://, the book PDF and the handouts PDF."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from conftest import ROOT
from test_instruments_browser import answer, open_instrument

sys.path.insert(0, str(ROOT / "hooks"))

import editions  # noqa: E402
from instruments import load_folder  # noqa: E402

TITLES = {i.id: i.data["title"] for i in load_folder(ROOT / "checklists").values()}
LOCAL = ("file:", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory) -> Path:
    return editions.offline(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def offline_site(offline_zip) -> Path:
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(offline_zip.parent / "usb")
    return offline_zip.parent / "usb" / editions.FOLDER


def watch_requests(page: Page) -> list[str]:
    """Every request that would leave the file system, and every script error."""
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(LOCAL) else None)
    page.on("pageerror", lambda error: outside.append(f"script error: {error}"))
    return outside


def test_the_zip_is_one_folder_with_a_readme_and_no_outside_addresses(offline_zip, offline_site):
    names = zipfile.ZipFile(offline_zip).namelist()
    assert all(name.startswith("psa-werkboek/") for name in names)
    assert {"psa-werkboek/index.html", "psa-werkboek/LEESMIJ.txt", "psa-werkboek/search/search_index.js",
            "psa-werkboek/afdrukken.html", "psa-werkboek/bijlagen/bijlage-5.html"} <= set(names)
    assert "dubbelklik op index.html" in (offline_site / "LEESMIJ.txt").read_text(encoding="utf-8")
    for html in offline_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not re.search(r"<(?:script|img|iframe)\b[^>]*\bsrc=\"(?:https?:)?//", text), html
        # A canonical link is an address, not a request.
        assert not re.search(r"<link\b(?![^>]*rel=\"canonical\")[^>]*\bhref=\"(?:https?:)?//", text), html
        assert "unpkg.com" not in text, html
        # Its own policy: this folder's files (file:), nothing from a web host.
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert policy and "default-src 'self' file:;" in policy.group(1) and "http" not in policy.group(1), html
    start = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'href="afdrukken.html"' in start  # the print page, with the offline edition's .html links


def test_offline_config_is_the_site_without_instant_navigation():
    import yaml

    site = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    offline = yaml.safe_load((ROOT / "mkdocs.offline.yml").read_text(encoding="utf-8"))
    assert offline["INHERIT"] == "mkdocs.yml"
    assert offline["theme"]["features"] == [f for f in site["theme"]["features"] if f != "navigation.instant"]
    assert offline["plugins"] == [*site["plugins"], "offline"]
    assert (ROOT / "docs" / offline["extra"]["polyfills"][0]).is_file()


def test_offline_edition_navigates_searches_scores_saves_and_prints(page: Page, offline_site):
    outside = watch_requests(page)
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".md-nav--primary").get_by_role("link", name="7 Checklist werkoverleg verbeteren").click()
    expect(page).to_have_url(re.compile(r"/bijlagen/bijlage-7\.html$"))
    checklist = page.locator("#instrument-werkoverleg")
    expect(checklist).to_have_attribute("data-ready", "1")
    question = checklist.locator("fieldset[data-answered-item='1.1']")
    question.get_by_label("Kan beter", exact=True).check()
    checklist.locator("fieldset[data-answered-item='1.2']").get_by_label("In orde", exact=True).check()
    total = checklist.locator(".uitkomst__totaal")
    expect(total).to_contain_text("1 van 2 toepasselijke punten in orde")

    page.reload()
    expect(question.get_by_label("Kan beter", exact=True)).to_be_checked()
    expect(total).to_contain_text("1 van 2 toepasselijke punten in orde")

    page.locator(".md-nav--primary").get_by_role("link", name="11 Huisregels voor klanten").click()
    expect(page).to_have_url(re.compile(r"/bijlagen/bijlage-11\.html$"))
    letter = page.locator("#formulier-huisregels-brief")
    expect(letter).to_have_attribute("data-ready", "1")
    letter.get_by_label("Binnen hoeveel weken neemt u contact op?").fill("2")
    expect(letter.locator("[data-part='brief']")).to_contain_text("Wij zullen dan binnen 2 weken contact")
    page.reload()
    expect(letter.get_by_label("Binnen hoeveel weken neemt u contact op?")).to_have_value("2")

    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1 } }")
    letter.get_by_role("button", name="Brief afdrukken").click()
    page.wait_for_function("() => window.__printed === 1")

    # Dutch search, from the prebuilt index the offline plugin writes next to the pages.
    page.locator("input.md-search__input").fill("baliewerkplekken")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result__meta")).to_contain_text("overeenkomend")
    expect(page.locator(".md-search-result")).to_contain_text("Bijlage 13 Richtlijnen voor veilige baliewerkplekken")
    assert outside == []


def test_offline_without_resizeobserver_nothing_leaves(browser, offline_site):
    """Old browsers: Material's bundle asks unpkg.com for a polyfill; the offline edition's policy refuses it too."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("delete window.ResizeObserver")
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    answered: list[str] = []
    page.on("response", lambda r: answered.append(r.url) if not r.url.startswith(LOCAL) else None)
    page.goto((offline_site / "bijlagen" / "bijlage-7.html").as_uri())
    page.wait_for_timeout(500)
    assert any("unpkg.com" in text for text in refused)
    assert answered == []
    context.close()


def test_every_instrument_starts_from_file_url(page: Page, offline_site):
    outside = watch_requests(page)
    seen = []
    for html in sorted(offline_site.rglob("*.html")):
        if html.name == "afdrukken.html" or not re.search(r'data-(?:instrument|form)="', html.read_text("utf-8")):
            continue
        page.goto(html.as_uri())
        roots = page.locator("section.instrument[data-instrument], section.formulier[data-form]")
        for n in range(roots.count()):
            roots.nth(n).scroll_into_view_if_needed()  # on a long reading page a tool loads as the reader gets there
            expect(roots.nth(n)).to_have_attribute("data-ready", "1")
            seen.append(roots.nth(n).get_attribute("id"))
    assert sorted(re.sub(r"^(instrument|formulier)-", "", s) for s in seen) == sorted(TITLES)
    assert outside == []


# ---- Paper: the whole book and the handouts ----

@pytest.fixture(scope="module")
def printed(browser, site_server, tmp_path_factory) -> editions.Printed:
    return editions.print_pdfs(browser, site_server[0], tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def pdfs(printed) -> tuple[PdfReader, PdfReader]:
    return PdfReader(printed.book), PdfReader(printed.handouts)


def text_of(reader: PdfReader, start: int = 0, end: int | None = None) -> str:
    return "\n".join(p.extract_text() for p in reader.pages[start:end])


def outline_titles(outline) -> list[str]:
    found = []
    for item in outline:
        found.extend(outline_titles(item) if isinstance(item, list) else [item.title])
    return found


def test_book_pdf_has_a_cover_a_table_of_contents_and_numbered_headings(pdfs):
    book, _ = pdfs
    assert len(book.pages) > 150
    cover = " ".join(book.pages[0].extract_text().split())
    assert "Psychosociale arbeidsbelasting" in cover and "De Goede Praktijk" in cover
    assert "Inhoudsopgave" in book.pages[1].extract_text()
    headings = outline_titles(book.outline)
    for heading in ("Voorwoord", "1 Inleiding", "4 Agressie en geweld bij klantcontacten", "3.5.1 Werkdruk aanpakken: preventief beleid", "4.6 Maatregelen",
                    "Bijlage 16 Agressie en geweld: waar let de Inspectie SZW op?", "Verantwoording"):
        assert any(h.startswith(heading) for h in headings), heading
    everything = text_of(book)
    # Every instrument is in the book once, blank, with its source line; footers are Dutch.
    assert everything.count("Bron: Arbo-werkboek deel 6") == len(TITLES)
    assert "pagina 3 van" in book.pages[2].extract_text()
    assert "Page " not in everything
    # Blank paper: no empty results, and nothing read from this browser's storage.
    assert "Er is nog niets ingevoerd" not in everything and "Er staat nu niets" not in everything
    assert "/StructTreeRoot" in book.trailer["/Root"]  # tagged, for assistive technology


def test_contents_give_the_page_each_heading_is_on(pdfs, printed):
    book, _ = pdfs
    assert len(printed.contents) > 50
    for heading, number in printed.contents:
        assert heading.replace(" ", "") in book.pages[number - 1].extract_text().replace(" ", "").replace("\n", ""), (
            heading, number)
    # The numbers printed in the contents, in order (they come first in each contents page's text).
    shown = [int(n) for sheet in book.pages[1:4]
             for n in re.match(r"^((?:\d+\s+)*)", sheet.extract_text()).group(1).split()]
    assert shown == [number for _, number in printed.contents]


def test_handouts_pdf_has_every_instrument_blank_on_its_own_pages(pdfs):
    _, handouts = pdfs
    entries = handouts.outline
    assert sorted(e.title for e in entries) == sorted(TITLES.values())
    starts = [handouts.get_destination_page_number(e) for e in entries]
    assert starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == len(TITLES)
    for entry, start in zip(entries, starts):
        first = " ".join(handouts.pages[start].extract_text().split())
        assert f"INVULLEN {entry.title} Bron: Arbo-werkboek deel 6" in first
        assert "checklijsten en formulieren, blanco pagina" in first  # the footer
    assert "/StructTreeRoot" in handouts.trailer["/Root"]  # tagged, for assistive technology
    everything = text_of(handouts)
    # The third-party attributions travel with the instruments (inventaris §6), e.g. bijlage 7's.
    joined = " ".join(everything.split())
    assert "Deze checklist is beschikbaar gesteld door Ergo-balans, © Huub Pennock, 2008." in joined
    assert joined.count("Woningcorporaties kunnen deze") >= 4
    # Paper, not screens: no empty results, no American date format.
    assert "Er is nog niets ingevoerd" not in joined and "mm/dd/yyyy" not in joined and "(geen)" not in joined
    assert "1.1 Leeswijzer" not in everything  # only the instruments, not the book around them
    # Paper forms, not the started tools: no live counts such as "0 van 0 toepasselijke punten in orde".
    assert "toepasselijke punten in orde" not in everything and "signalen herkend" not in everything


def test_print_page_is_blank_paper_with_links_that_stay_on_the_page(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    answer(page, "werkoverleg", "1.1", "Kan beter")

    page.goto("")
    page.get_by_role("link", name="het hele werkboek").click()
    expect(page).to_have_url(re.compile(r"/afdrukken/(#.*)?$"))  # navigation.tracking may add a heading
    paper = page.locator("[data-afdruk] #instrument-werkoverleg")
    expect(paper).to_be_visible(timeout=20_000)  # the whole book is over 1 MB of HTML
    page.reload()  # a full load: the script has run once the load event has fired
    expect(paper).not_to_have_attribute("data-ready", "1")  # the saved answer is not loaded here
    assert paper.locator("input:checked").count() == 0
    assert page.locator("[data-afdruk] :is(section.instrument, section.formulier)").count() == len(TITLES)
    # Material turns "#x" into a full address, so compare the parts.
    links = page.evaluate("""() => [...document.querySelectorAll('[data-afdruk] a[href]')].map(a => ({
        here: a.origin === location.origin && a.pathname === location.pathname, own: a.origin === location.origin,
        hash: decodeURIComponent(a.hash.slice(1)), href: a.href }))""")
    inside = [link["hash"] for link in links if link["here"]]
    assert len(inside) > 500 and all(inside)
    missing = page.evaluate("ids => ids.filter(id => !document.getElementById(id))", inside)
    assert missing == []
    # Every other link leaves the book (a website, an e-mail address): none goes to another page of the site.
    assert [link["href"] for link in links if link["own"] and not link["here"]] == []
    ids = page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
