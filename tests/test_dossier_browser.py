"""The inspectiedossier of bijlage 16 in Chromium (issue 17): per point where the evidence is, printed as one
overview for an inspector, the review dates as a calendar file (read back with icalendar), kept like the answers."""

from __future__ import annotations

import datetime
import json

import icalendar
import pytest
from playwright.sync_api import Page, expect

from test_browser import WIDTHS, describe, run_axe
from test_instruments_browser import answer, instrument, open_instrument

B16 = "inspectie-szw"
EVIDENCE = {
    "1": ("Ja", "RI&E 2026, hoofdstuk agressie", "SharePoint > Arbo > RI&E", "versie 3, 12 januari 2026", "Arbo-coördinator", "2027-01-12"),
    "2": ("Deels", "Meldprocedure incidenten", "Intranet > Veiligheid", "2024", "Teamleider Wonen", "2026-12-15"),
    "8": ("Nee", "", "", "", "Facilitair manager", ""),
}
FIELDS = ["Bewijs: document of maatregel", "Waar ligt het?", "Versie of datum", "Eigenaar", "Volgende herziening"]


def fill_dossier(page: Page):
    open_instrument(page, B16)
    root = instrument(page, B16)
    root.get_by_label("Team of organisatie (niet verplicht)").first.fill("Woonstichting De Linde")
    for item, (status, *values) in EVIDENCE.items():
        answer(page, B16, item, status)
        point = root.locator(f"fieldset[data-answered-item='{item}']")
        for label, value in zip(FIELDS, values):
            if value:
                point.get_by_label(label).fill(value)


def test_the_dossier_prints_the_eleven_points_with_their_evidence_and_help_for_gaps(page: Page, base_url):
    fill_dossier(page)
    dossier = instrument(page, B16).locator("[data-psa='dossier']")
    expect(dossier).to_be_visible()
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1 } }")
    dossier.get_by_role("button", name="Dossier afdrukken").click()
    assert page.evaluate("window.__printed") == 1
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('[data-dossier-table] tbody tr')).map(
        (tr) => Array.from(tr.children).map((c) => c.textContent.trim()))""")
    assert len(rows) == 11
    assert rows[0][0].startswith("1. Heeft u de risico")
    assert rows[0][1:] == ["Ja", "RI&E 2026, hoofdstuk agressie", "SharePoint > Arbo > RI&E", "versie 3, 12 januari 2026",
                           "Arbo-coördinator", "12 januari 2027"]
    # 'Deels' and 'Nee' name the parts of the book that help, as links; 'Ja' does not.
    assert "Wat helpt:" not in rows[0][0]
    assert "Wat helpt: 4.6.1 Invoeren van registratiesystematiek; Bijlage 10" in rows[1][0]
    assert rows[7][1:] == ["Nee", "–", "–", "–", "Facilitair manager", "–"]
    assert rows[7][0].count("4.6.12") == 1
    assert rows[2][1] == "nog niet ingevuld"
    meta = dossier.locator("[data-dossier-meta]")
    expect(meta).to_contain_text("Afgedrukt op")
    expect(meta).to_contain_text("Organisatie: Woonstichting De Linde. 1 van 3 toepasselijke punten op orde.")
    expect(dossier.locator("[data-dossier-table] a").first).to_have_attribute("href", "../../agressie/maatregelen/#maatregel-4-6-1")


def test_the_printed_dossier_is_the_overview_only(page: Page, base_url, tmp_path):
    fill_dossier(page)
    page.evaluate("() => { window.print = () => {} }")
    instrument(page, B16).get_by_role("button", name="Dossier afdrukken").click()
    # What printOnly sets while the browser prints, held for the PDF.
    page.evaluate("""() => { document.body.setAttribute('data-print-instrument', 'instrument-inspectie-szw');
        document.body.setAttribute('data-print-dossier', '');
        document.getElementById('instrument-inspectie-szw').classList.add('instrument--printing');
        document.querySelector('[data-dossier-paper]').hidden = false; }""")
    page.emulate_media(media="print")
    root = instrument(page, B16)
    expect(root.locator("[data-dossier-table] table")).to_be_visible()
    expect(root.locator(".instrument__formulier")).to_be_hidden()
    expect(root.get_by_role("button", name="Dossier afdrukken")).to_be_hidden()
    expect(page.locator("h1").first).to_be_hidden()
    page.pdf(path=str(tmp_path / "dossier.pdf"), format="A4")
    from pypdf import PdfReader
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(tmp_path / "dossier.pdf").pages).split())
    assert "Inspectiedossier" in text and "RI&E 2026" in text and "Afgedrukt op" in text
    assert "Dossier afdrukken" not in text and "Bewaar als meting" not in text


def test_review_dates_download_as_a_calendar_that_icalendar_reads(page: Page, base_url):
    fill_dossier(page)
    dossier = instrument(page, B16).locator("[data-psa='dossier']")
    with page.expect_download() as download:
        dossier.get_by_role("button", name="Herzieningsdata in uw agenda (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")
    expect(dossier.locator("[data-dossier-message]")).to_contain_text("Er staan 2 herzieningen in.")
    calendar = icalendar.Calendar.from_ical(open(download.value.path(), "rb").read())
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    assert [e.decoded("DTSTART") for e in events] == [datetime.date(2026, 12, 15), datetime.date(2027, 1, 12)]
    assert [e.decoded("DTEND") for e in events] == [datetime.date(2026, 12, 16), datetime.date(2027, 1, 13)]
    assert str(events[1]["SUMMARY"]) == "Herziening inspectiedossier: punt 1 (RI&E 2026, hoofdstuk agressie)"
    description = str(events[1]["DESCRIPTION"])
    assert description.startswith("1. Heeft u de risico") and "Eigenaar: Arbo-coördinator" in description
    assert len({str(e["UID"]) for e in events}) == 2


def test_without_review_dates_the_calendar_says_what_to_do(page: Page, base_url):
    open_instrument(page, B16)
    dossier = instrument(page, B16).locator("[data-psa='dossier']")
    dossier.get_by_role("button", name="Herzieningsdata in uw agenda (.ics)").click()
    expect(dossier.locator("[data-dossier-message]")).to_contain_text("Er staat nog geen datum")


def test_the_dossier_is_kept_in_this_browser_and_in_a_file(page: Page, base_url, tmp_path):
    fill_dossier(page)
    page.reload()
    expect(instrument(page, B16)).to_have_attribute("data-ready", "1")
    point = instrument(page, B16).locator("fieldset[data-answered-item='1']")
    expect(point.get_by_label("Eigenaar")).to_have_value("Arbo-coördinator")
    with page.expect_download() as download:
        instrument(page, B16).get_by_role("button", name="Opslaan als bestand").first.click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["answers"]["1"]["herzien"] == "2027-01-12" and data["answers"]["2"]["vindplaats"] == "Intranet > Veiligheid"
    # A file with an impossible review date changes nothing and says why.
    data["answers"]["1"]["herzien"] = "2027-02-30"
    data["answers"]["1"]["eigenaar"] = "Iemand anders"
    bad = tmp_path / "dossier.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    instrument(page, B16).locator("input[data-action='import']").first.set_input_files(str(bad))
    expect(instrument(page, B16).locator("[data-confirm='import']")).to_contain_text("2027-02-30")
    instrument(page, B16).get_by_role("button", name="Niet overnemen").click()
    expect(point.get_by_label("Eigenaar")).to_have_value("Arbo-coördinator")


@pytest.mark.parametrize("width", WIDTHS)
def test_bijlage_16_with_its_dossier_passes_axe_empty_and_filled(page: Page, base_url, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    open_instrument(page, B16)
    assert (v := run_axe(page)) == [], describe(v)
    fill_dossier(page)
    instrument(page, B16).get_by_role("button", name="Herzieningsdata in uw agenda (.ics)").click()
    assert (v := run_axe(page)) == [], describe(v)
