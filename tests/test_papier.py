"""Paper and wording, found when the tools were tried as a user would (issue 18, part 3): one test per point."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from test_forms_browser import download
from test_instruments_browser import answer, instrument, open_instrument

MM = 96 / 25.4  # CSS pixels per millimetre


def print_tool(page: Page, root, blank: bool):
    """What the buttons 'Afdrukken' / 'Leeg afdrukken' put on paper, without the browser's print dialog."""
    page.emulate_media(media="screen")
    page.evaluate("() => { window.print = () => {} }")
    root.locator(f"[data-action='{'print-blank' if blank else 'print'}']").first.click()
    page.emulate_media(media="print")


def pdf_pages(page: Page) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True))).pages]


# --- B6: the healthy/unhealthy split stays hidden until it is revealed ------------------------------------------

def test_b6_gives_nothing_away_before_the_result(page: Page, base_url):
    open_instrument(page, "stellingen-werkdrukcultuur")
    root = instrument(page, "stellingen-werkdrukcultuur")
    before = root.locator("[data-summary]").evaluate(
        "(summary) => { const r = document.createRange(); r.setStartBefore(summary.closest('.instrument'));"
        " r.setEndBefore(summary); return r.toString(); }")
    assert "Stelling k" not in before and "tot de ongezonde" not in before
    assert "Na de laatste stelling" not in before                 # not true on paper
    print_tool(page, root, blank=True)
    assert not any("Stelling k" in text or "tot de ongezonde" in text for text in pdf_pages(page))
    page.emulate_media(media="screen")
    for item in "abcdefghijklmnopqr":
        answer(page, "stellingen-werkdrukcultuur", item, "Nee")
    expect(root.locator("[data-summary]")).to_contain_text("Stelling k gaat over uzelf")


# --- Blank handouts: a date line to write on, and room for agreements ----------------------------------------------

def test_blank_handout_has_a_real_date_line_and_room_for_agreements(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    sheet = root.locator(".instrument__afsprakenblad")
    expect(sheet).to_be_hidden()                                     # not on screen
    print_tool(page, root, blank=True)
    date = root.locator(".instrument__context p").filter(has_text="Datum")
    assert date.bounding_box()["width"] >= 40 * MM
    expect(sheet).to_be_visible()
    expect(sheet.locator("thead th")).to_have_text(["Punt", "Wie", "Wat", "Wanneer"])
    assert sheet.locator("tbody tr").count() >= 5
    assert sheet.locator("tbody td").first.bounding_box()["height"] >= 10 * MM
    print_tool(page, root, blank=False)                              # filled in: the agreements are in the result
    expect(sheet).to_be_hidden()


# --- Plan van aanpak -------------------------------------------------------------------------------------------------

def _plan_with_points(page: Page):
    page.goto("plan-van-aanpak/")
    plan = page.locator("[data-part=plan]")
    expect(page.locator("#formulier-plan-van-aanpak")).to_have_attribute("data-ready", "1")
    for maatregel, wie in [("Registratiesystematiek invoeren voor agressie-incidenten", "Arbo-coördinator"),
                           ("Huisregels opstellen", "Afdelingshoofd Wonen")]:
        plan.get_by_label("Maatregel of actiepunt").fill(maatregel)
        plan.get_by_label("Verantwoordelijke").fill(wie)
        plan.get_by_label("Doel").fill("Alle incidenten in beeld, ook de kleine scheldpartijen aan de telefoon")
        plan.get_by_role("button", name="Punt opslaan").click()
    return plan


def test_plan_fits_a_narrow_phone_without_sideways_scrolling(page: Page, base_url):
    page.set_viewport_size({"width": 320, "height": 800})
    _plan_with_points(page)
    for table in (page.locator("[data-record-table]"), page.locator("[data-part=overzicht] table")):
        expect(table).to_be_visible()
        wrap = table.locator("xpath=..")
        assert wrap.evaluate("(w) => w.scrollWidth <= w.clientWidth + 1"), "the table scrolls sideways"
        expect(table.locator("td[data-label='Verantwoordelijke']").first).to_have_text("Arbo-coördinator")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320


def test_plan_on_paper_breaks_no_word_and_has_one_csv_button(page: Page, base_url):
    _plan_with_points(page)
    expect(page.get_by_role("button", name=re.compile("CSV"))).to_have_count(1)
    page.evaluate("() => { window.print = () => {} }")
    page.get_by_role("button", name="Plan afdrukken").click()
    page.emulate_media(media="print")
    # Every header fits its column on one line: no "Verantwoord|elijke".
    lines = page.locator("[data-part=overzicht] thead th").evaluate_all(
        "(ths) => ths.map((th) => { const r = document.createRange(); r.selectNodeContents(th);"
        " return [th.textContent, new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size]; })")
    assert [name for name, n in lines if n > 1] == []
    text = "\n".join(pdf_pages(page))
    assert "Verantwoordelijke" in text and "Registratiesystematiek" in text


# --- B2: no empty space on screen, "Niet ingevuld" once on paper ---------------------------------------------------

def test_b2_items_have_no_gap_and_say_not_filled_in_once(page: Page, base_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_instrument(page, "signalen-organisatie")
    item = instrument(page, "signalen-organisatie").locator("fieldset.instrument__vraag").nth(1)
    legend, field = item.locator("> legend").bounding_box(), item.locator("input[type=text]").first.bounding_box()
    assert field["y"] - (legend["y"] + legend["height"]) < 60        # was about 160 px
    answer(page, "signalen-organisatie", "productiviteit", "Nee")
    print_tool(page, instrument(page, "signalen-organisatie"), blank=False)
    marks = item.evaluate("""(fs) => [fs.querySelector('.instrument__leeg').checkVisibility(),
        ...[...fs.querySelectorAll('.instrument__opties[data-leeg]')].map((o) => getComputedStyle(o, '::after').content)]""")
    assert marks[0] is True and all(c in ("none", "normal") for c in marks[1:]), marks
    text = pdf_pages(page)[0]
    block = text[text.index("Werkvoorraden of achterstanden"):]
    block = block[:block.index("Steeds bezig")] if "Steeds bezig" in block else block
    assert block.count("Niet ingevuld") == 1


# --- B16, B7, B13 wording --------------------------------------------------------------------------------------------

def test_b16_result_has_no_heading_voorwoord(site_dir):
    html = (site_dir / "bijlagen" / "bijlage-16" / "index.html").read_text(encoding="utf-8")
    summary = html[html.index('id="instrument-inspectie-szw__uitkomst"'):]
    assert not re.search(r"<h\d[^>]*>\s*Voorwoord\s*<", summary)
    assert "Voorbehoud uit het voorwoord" in summary


def test_b7_says_what_in_orde_means_for_disturbances(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    item = instrument(page, "werkoverleg").locator("fieldset[data-answered-item='3.5']")
    expect(item.locator("legend")).to_have_text(
        "Vinden er tijdens het overleg verstoringen plaats (mobiele telefoons of andere oproepen)?")
    note = item.locator(".instrument__antwoorduitleg")
    expect(note).to_contain_text("‘In orde’ betekent hier: er zijn geen verstoringen.")
    expect(note.locator(".instrument__voorstel-label")).to_be_visible()


# --- Team file, outcome list, B7's last page, Material's sticky title ----------------------------------------------

def test_team_file_is_named_after_the_meeting(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    root.get_by_role("button", name="Samen invullen (team)").click()
    root.get_by_label("Datum van het overleg").fill("2026-03-12")
    root.get_by_label("Aantal deelnemers").fill("6")
    plus = root.locator("[data-team-item='1.1'] [data-team-option='oordeel:ok'] button").last
    for _ in range(6):
        plus.click()
    with page.expect_download() as info:
        root.get_by_role("button", name="Opslaan als bestand").last.click()
    assert info.value.suggested_filename == "werkoverleg-team-2026-03-12.json"


def test_outcome_list_has_one_marker(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    answer(page, "werkoverleg", "1.1", "In orde")
    rows = instrument(page, "werkoverleg").locator("ul.uitkomst__per-groep > li")
    expect(rows.first).to_contain_text("1. Algemeen")
    assert rows.first.evaluate("(li) => getComputedStyle(li).listStyleType") == "none"


@pytest.mark.parametrize("choice", ["Kan beter", "In orde"])
def test_b7_printout_does_not_end_with_a_page_of_a_few_lines(page: Page, base_url, choice):
    open_instrument(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    root.locator("form input[value='%s']" % ("beter" if choice == "Kan beter" else "ok")).evaluate_all(
        "(inputs) => inputs.forEach((i) => i.click())")
    print_tool(page, root, blank=False)
    last = [line for line in pdf_pages(page)[-1].splitlines() if line.strip()]
    closing = [line for line in last if "Ergo-balans" in line or "Woningcorporaties" in line or "online" in line
               or line.startswith("http") or "bronvermelding" in line]
    assert len(last) - len(closing) >= 2, last                  # the closing lines are not alone


def test_the_menu_title_does_not_cover_the_menu_on_desktop(page: Page, base_url):
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto("bijlagen/bijlage-7/")
    page.mouse.move(640, 400)
    for _ in range(8):
        page.mouse.wheel(0, 400)
    page.wait_for_timeout(400)
    covered = page.evaluate("""() => {
        const title = document.querySelector('.md-nav--primary > .md-nav__title').getBoundingClientRect();
        return [...document.querySelectorAll('.md-sidebar--primary .md-nav__link')].filter((a) => {
            const r = a.getBoundingClientRect();
            return r.height && r.bottom > title.top && r.top < title.bottom && title.height; }).length; }""")
    assert covered == 0
