"""Measurements in Chromium (issue 17): keeping a result as a dated, named measurement, comparing measurements over
time, teams side by side (organisatie-overzicht), and files that are damaged, foreign or below the minimum group."""

from __future__ import annotations

import csv
import io
import json

import pytest
from playwright.sync_api import Page, expect

from test_browser import WIDTHS, describe, run_axe
from test_instruments_browser import answer, instrument, open_instrument
from test_wcag22_browser import small_targets

B16 = "inspectie-szw"
B7 = "werkoverleg"


def save_measurement(page: Page, instrument_id: str, name: str, date: str):
    panel = instrument(page, instrument_id).locator("[data-psa='metingen']")
    panel.get_by_label("Naam van de meting").fill(name)
    panel.get_by_label("Datum van de meting").fill(date)
    panel.get_by_role("button", name="Bewaar als meting").click()
    expect(panel.locator("[data-meting-message]")).to_contain_text(f"Meting ‘{name}’ is bewaard")


def file_payload(name: str, data) -> dict:
    text = data if isinstance(data, str) else json.dumps(data)
    return {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}


def result_rows(page: Page) -> list[list[str]]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-table] tbody tr')).map(
        (tr) => Array.from(tr.children).map((c) => c.textContent.trim()))""")


def figure_rows(page: Page) -> list[list[str]]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-figures] tbody tr')).map(
        (tr) => Array.from(tr.children).map((c) => c.textContent.trim()))""")


def single(name, date, answers, version=1, items=None):
    m = {"name": name, "date": date, "instrument": B16, "version": version, "kind": "single",
         "answers": {k: {"oordeel": v} for k, v in answers.items()}}
    if items is not None:
        m["items"] = items
    return m


def metingen_file(*metingen, instrument_id=B16):
    return {"format": "psa-werkboek-metingen", "formatVersion": 1, "instrument": instrument_id, "metingen": list(metingen)}


def team_file(name, participants, manual, date="2026-03-10", instrument_id=B7):
    return {"format": "psa-werkboek-team", "instrument": instrument_id, "title": "Checklist werkoverleg", "version": 1,
            "exported": "2026-03-11T10:00:00.000Z",
            "team": {"participants": participants, "manual": manual,
                     "merged": {"count": 0, "tallies": {}, "devices": {}}, "agreements": {}, "top": 5,
                     "context": {"organisatie": name, "datum": date}}}


# ---- One person, twice: the whole way through the page, with exact changes ----

def test_two_measurements_of_one_person_give_the_expected_changes(page: Page, base_url):
    open_instrument(page, B16)
    for item, option in {"1": "Ja", "2": "Deels", "3": "Nee", "4": "Ja"}.items():
        answer(page, B16, item, option)
    save_measurement(page, B16, "Inspectiepunten, maart 2026", "2026-03-15")
    for item, option in {"1": "Deels", "2": "Ja", "5": "Nee"}.items():
        answer(page, B16, item, option)
    save_measurement(page, B16, "Inspectiepunten, september 2026", "2026-09-20")
    panel = instrument(page, B16).locator("[data-psa='metingen']")
    expect(panel.locator("[data-meting-list] li")).to_have_count(2)
    stored = json.loads(page.evaluate("() => localStorage.getItem('psa-werkboek:inspectie-szw:metingen')"))
    assert [m["name"] for m in stored["metingen"]] == ["Inspectiepunten, maart 2026", "Inspectiepunten, september 2026"]
    # Only the chosen answers, never the free text of the dossier.
    assert stored["metingen"][0]["answers"] == {"1": {"oordeel": "ja"}, "2": {"oordeel": "deels"},
                                                "3": {"oordeel": "nee"}, "4": {"oordeel": "ja"}}

    page.goto("metingen/")
    root = page.locator("#vergelijk-tijd")
    expect(root).to_have_attribute("data-ready", "1")
    expect(root.get_by_label("Lijst")).to_have_value(B16)
    expect(root.locator("[data-choices] input")).to_have_count(2)
    rows = result_rows(page)
    assert [(r[0].split(".")[0], r[2], r[3], r[1]) for r in rows[:5]] == [
        ("1", "Ja", "Deels", "▲ Slechter"),
        ("5", "–", "Nee", "+ Nieuw"),
        ("3", "Nee", "Nee", "= Gelijk"),
        ("4", "Ja", "Ja", "= Gelijk"),
        ("2", "Deels", "Ja", "▼ Beter"),
    ]
    assert len(rows) == 5  # the six points neither measurement answered are counted, not drawn
    expect(root.locator("[data-result-intro]")).to_contain_text("6 punten zijn in geen van deze metingen ingevuld")
    expect(root.locator("[data-result-intro]")).to_contain_text("1 slechter, 1 beter, 2 gelijk, 1 nieuw")
    figures = figure_rows(page)
    assert figures[0] == ["Ingevuld door", "één persoon", "één persoon"]
    assert figures[1] == ["Punten die aandacht vragen", "2 van 11 met een slecht antwoord", "3 van 11 met een slecht antwoord"]
    assert figures[2][1:] == ["2 van 4 toepasselijke punten op orde", "2 van 5 toepasselijke punten op orde"]

    # Unticking one measurement leaves one: nothing to compare.
    root.locator("[data-choices] input").first.uncheck()
    expect(root.locator("[data-result]")).to_be_hidden()
    root.locator("[data-choices] input").first.check()
    expect(root.locator("[data-result]")).to_be_visible()

    # CSV: the same table, for Excel.
    with page.expect_download() as download:
        root.get_by_role("button", name="Opslaan als CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][:2] == ["Punt", "Verandering"] and table[0][2].startswith("Inspectiepunten, maart 2026")
    assert table[1][1] == "▲ Slechter" and table[1][0].startswith("1. Heeft u de risico")


def test_a_measurement_file_of_another_version_is_compared_on_the_items_that_match(page: Page, base_url):
    page.goto("metingen/")
    root = page.locator("#vergelijk-tijd")
    expect(root).to_have_attribute("data-ready", "1")
    old_items = [str(n) for n in range(1, 11)] + ["12"]  # version 2 had no point 11 and a point 12
    data = metingen_file(single("Nulmeting 2025", "2025-06-01", {"1": "nee", "2": "ja", "12": "ja"}, version=2, items=old_items),
                         single("Meting 2026", "2026-06-01", {"1": "ja", "2": "ja", "11": "nee"}))
    root.locator("input[data-action='open-files']").set_input_files([file_payload("metingen.json", data)])
    expect(root.locator("[data-message]")).to_have_text("1 bestand geopend.")
    expect(root.locator("[data-choices] li")).to_have_count(2)
    expect(root.locator("[data-choices] li").first).to_contain_text("versie 2")
    rows = result_rows(page)
    assert not [r for r in rows if r[0].startswith("11.")]
    expect(root.locator("[data-result-intro]")).to_contain_text("8 punten zijn in geen van deze metingen ingevuld")
    assert [r[1] for r in rows if r[0].startswith("1.")] == ["▼ Beter"]
    assert [r[1] for r in rows if r[0].startswith("2.")] == ["= Gelijk"]
    note = root.locator("[data-mismatch]")
    expect(note).to_contain_text("Niet vergeleken")
    expect(note).to_contain_text("11. Evalueert u periodiek")
    expect(note).to_contain_text("punt 12 (staat niet meer in de lijst)")


@pytest.mark.parametrize("name, content, message", [
    ("kapot.json", "{\"format\": \"psa-werkboek-metingen\", ", "Dit bestand kunnen we niet lezen"),
    ("vreemd.json", {"format": "iets-anders", "metingen": []}, "Dit is geen bestand met metingen"),
    ("antwoord.json", metingen_file(single("Fout", "2026-01-01", {"1": "misschien"})), "bij punt 1 staat een antwoord dat deze lijst niet kent"),
    ("datum.json", metingen_file(single("Fout", "2026-02-31", {"1": "ja"})), "geen bestaande datum"),
    ("versie.json", metingen_file(single("Fout", "2026-01-01", {"1": "ja"}, version="1")), "versie"),
    ("proto.json", '{"format": "psa-werkboek-metingen", "formatVersion": 1, "metingen": [{"name": "X", "date": "2026-01-01", '
                   '"instrument": "inspectie-szw", "version": 2, "kind": "single", "answers": {"__proto__": {"oordeel": "ja"}}}]}',
     "de antwoorden kloppen niet"),
    ("nieuwer.json", {**metingen_file(single("X", "2026-01-01", {"1": "ja"})), "formatVersion": 9}, "nieuwere versie"),
])
def test_a_damaged_or_foreign_file_changes_nothing_and_says_why(page: Page, base_url, name, content, message):
    page.goto("metingen/")
    root = page.locator("#vergelijk-tijd")
    expect(root).to_have_attribute("data-ready", "1")
    root.locator("input[data-action='open-files']").set_input_files([file_payload(name, content)])
    expect(root.locator("[data-message]")).to_contain_text("1 bestand niet opgenomen")
    expect(root.locator("[data-problems]")).to_contain_text(message)
    expect(root.locator("[data-choices] li")).to_have_count(0)
    assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.endsWith(':metingen'))") == []


# ---- A team: only totals, never below the minimum group ----

def test_a_team_measurement_holds_the_totals_only_from_the_minimum_group(page: Page, base_url):
    open_instrument(page, B7)
    root = instrument(page, B7)
    root.get_by_role("button", name="Samen invullen (team)").click()
    panel = root.locator("[data-psa='metingen']")
    panel.get_by_label("Naam van de meting").fill("Werkoverleg team Noord, maart 2026")
    panel.get_by_role("button", name="Bewaar als meting").click()
    expect(panel.locator("[data-meting-message]")).to_contain_text("vanaf 3 deelnemers")
    root.get_by_label("Aantal deelnemers").fill("4")
    root.get_by_label("Aantal deelnemers").blur()
    item = root.locator("[data-team-item='1.1']")
    for _ in range(3):
        item.locator("[data-team-option='oordeel:beter'] button[data-action='count-up']").click()
    item.locator("[data-team-option='oordeel:ok'] button[data-action='count-up']").click()
    panel.get_by_role("button", name="Bewaar als meting").click()
    expect(panel.locator("[data-meting-message]")).to_contain_text("is bewaard")
    stored = json.loads(page.evaluate("() => localStorage.getItem('psa-werkboek:werkoverleg:metingen')"))
    m = stored["metingen"][0]
    assert (m["kind"], m["people"], m["tallies"]) == ("team", 4, {"1.1": {"oordeel": {"beter": 3, "ok": 1}}})
    assert "answers" not in m


def test_a_sensitive_list_keeps_measurements_only_after_opting_in(page: Page, base_url):
    open_instrument(page, "anders-dan-anders")
    root = instrument(page, "anders-dan-anders")
    root.locator("input[data-item][type='checkbox']").first.check()
    panel = root.locator("[data-psa='metingen']")
    panel.get_by_role("button", name="Bewaar als meting").click()
    expect(panel.locator("[data-meting-message]")).to_contain_text("niet bewaard")
    assert page.evaluate("() => localStorage.getItem('psa-werkboek:anders-dan-anders:metingen')") is None
    root.get_by_label("Bewaar mijn antwoorden op dit apparaat").check()
    panel.get_by_role("button", name="Bewaar als meting").click()
    expect(panel.locator("[data-meting-message]")).to_contain_text("is bewaard")
    assert page.evaluate("() => localStorage.getItem('psa-werkboek:anders-dan-anders:metingen')") is not None
    root.get_by_label("Bewaar mijn antwoorden op dit apparaat").uncheck()
    assert page.evaluate("() => localStorage.getItem('psa-werkboek:anders-dan-anders:metingen')") is None


# ---- Organisatie-overzicht: three teams, one below the minimum ----

TEAMS = [
    team_file("Team Noord", 5, {"1.1": {"oordeel": {"ok": 1, "beter": 4}}, "1.2": {"oordeel": {"ok": 5}}}),
    team_file("Team Zuid", 4, {"1.1": {"oordeel": {"ok": 1, "beter": 3}}, "1.2": {"oordeel": {"ok": 3, "beter": 1}}}),
    team_file("Team West", 6, {"1.1": {"oordeel": {"ok": 6}}, "1.2": {"oordeel": {"ok": 3, "beter": 3}}}),
]


def test_three_team_files_give_the_expected_overview_and_a_small_team_is_refused(page: Page, base_url):
    page.goto("organisatie-overzicht/")
    root = page.locator("#vergelijk-teams")
    expect(root).to_have_attribute("data-ready", "1")
    small = team_file("Team Oost", 2, {"1.1": {"oordeel": {"beter": 2}}})
    root.locator("input[data-action='open-files']").set_input_files(
        [file_payload(f"team-{n}.json", f) for n, f in enumerate(TEAMS)] + [file_payload("team-oost.json", small)])
    expect(root.locator("[data-message]")).to_have_text("3 teams toegevoegd. 1 bestand niet opgenomen; zie hieronder waarom.")
    expect(root.locator("[data-problems]")).to_contain_text("‘Team Oost’ wordt niet opgenomen: er deden minder dan 3 mensen mee")
    rows = result_rows(page)
    head = page.evaluate("() => Array.from(document.querySelectorAll('[data-table] thead th')).map((t) => t.textContent)")
    assert head == ["Punt", "Probleem in", "Team Noord", "Team Zuid", "Team West"]
    assert rows[0][0] == "Is het doel van het overleg duidelijk?" and rows[0][1:] == [
        "2 van 3 teams", "1 In orde, 4 Kan beter (80% slecht) · probleem", "1 In orde, 3 Kan beter (75% slecht) · probleem",
        "6 In orde (0% slecht)"]
    assert rows[1][0] == "Zitten de juiste werknemers bij het overleg aan tafel?" and rows[1][1:] == [
        "1 van 3 teams", "5 In orde (0% slecht)", "3 In orde, 1 Kan beter (25% slecht)",
        "3 In orde, 3 Kan beter (50% slecht) · probleem"]
    assert {r[1] for r in rows[2:]} == {"0 van 3 teams"}
    assert figure_rows(page)[0] == ["Ingevuld door", "team, 5 deelnemers", "team, 4 deelnemers", "team, 6 deelnemers"]
    # Another list's file is refused while these are open; "Begin opnieuw" empties the overview.
    other = team_file("Team B16", 5, {}, instrument_id=B16)
    root.locator("input[data-action='open-files']").set_input_files([file_payload("b16.json", other)])
    expect(root.locator("[data-problems]")).to_contain_text("dit is een andere lijst")
    assert len(result_rows(page)) == len(rows)
    root.get_by_role("button", name="Begin opnieuw").click()
    expect(root.locator("[data-result]")).to_be_hidden()


def test_a_team_file_with_more_answers_than_people_is_refused(page: Page, base_url):
    page.goto("organisatie-overzicht/")
    root = page.locator("#vergelijk-teams")
    expect(root).to_have_attribute("data-ready", "1")
    bad = team_file("Team Fout", 3, {"1.1": {"oordeel": {"beter": 9}}})
    root.locator("input[data-action='open-files']").set_input_files([file_payload("fout.json", bad)])
    expect(root.locator("[data-problems]")).to_contain_text("meer antwoorden dan deelnemers")
    expect(root.locator("[data-result]")).to_be_hidden()


# ---- Accessibility in every state, and print ----

@pytest.mark.parametrize("width", WIDTHS)
def test_the_compare_pages_pass_axe_empty_and_filled(page: Page, base_url, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    page.goto("organisatie-overzicht/")
    expect(page.locator("#vergelijk-teams")).to_have_attribute("data-ready", "1")
    assert (v := run_axe(page)) == [], describe(v)
    page.locator("#vergelijk-teams input[data-action='open-files']").set_input_files(
        [file_payload(f"team-{n}.json", f) for n, f in enumerate(TEAMS)] + [file_payload("x.json", "kapot")])
    expect(page.locator("#vergelijk-teams [data-result]")).to_be_visible()
    assert (v := run_axe(page)) == [], describe(v)
    page.goto("metingen/")
    expect(page.locator("#vergelijk-tijd")).to_have_attribute("data-ready", "1")
    assert (v := run_axe(page)) == [], describe(v)
    data = metingen_file(single("Maart", "2026-03-01", {"1": "nee"}), single("September", "2026-09-01", {"1": "ja", "2": "nee"}))
    page.locator("#vergelijk-tijd input[data-action='open-files']").set_input_files([file_payload("m.json", data)])
    expect(page.locator("#vergelijk-tijd [data-result]")).to_be_visible()
    assert (v := run_axe(page)) == [], describe(v)
    if width == "telefoon":  # WCAG 2.2 target sizes: 24 px, our own buttons 44
        assert small_targets(page) == []
    open_instrument(page, B7)
    answer(page, B7, "1.1", "Kan beter")
    save_measurement(page, B7, "Voorjaar", "2026-03-01")
    instrument(page, B7).get_by_role("button", name="Verwijder meting ‘Voorjaar’").click()
    assert (v := run_axe(page)) == [], describe(v)
    if width == "telefoon":
        assert small_targets(page) == []
    instrument(page, B7).get_by_role("button", name="Samen invullen (team)").click()
    instrument(page, B7).locator("[data-psa='metingen'] button[data-action='meting-save']").click()
    assert (v := run_axe(page)) == [], describe(v)
    page.goto("bijlagen/bijlage-13/")
    expect(page.locator("[data-psa='metingen']")).to_have_attribute("data-ready", "1")
    assert (v := run_axe(page)) == [], describe(v)


def test_the_overview_prints_on_a4_with_the_table_and_without_the_controls(page: Page, base_url, tmp_path):
    page.goto("organisatie-overzicht/")
    root = page.locator("#vergelijk-teams")
    expect(root).to_have_attribute("data-ready", "1")
    root.locator("input[data-action='open-files']").set_input_files(
        [file_payload(f"team-{n}.json", f) for n, f in enumerate(TEAMS)])
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1 } }")
    root.get_by_role("button", name="Afdrukken").click()
    assert page.evaluate("window.__printed") == 1
    expect(root.locator("[data-printed]")).to_contain_text("Afgedrukt op")
    page.emulate_media(media="print")
    expect(root.locator("[data-work]")).to_be_hidden()
    expect(root.locator("[data-table] table")).to_be_visible()
    page.pdf(path=str(tmp_path / "overzicht.pdf"), format="A4")


# ---- Bijlage 13: the counters, counted per guideline ----

def test_b13_counters_are_measured_per_guideline_and_compared_over_time(page: Page, base_url):
    from test_forms_browser import judge, open_tool, part
    root = open_tool(page, "baliewerkplekken")
    entry = part(page, "baliewerkplekken", "balies")
    for name, answers in [("Balie 1, hal hoofdkantoor", {"positie-1": "Voldoet", "positie-2": "Voldoet niet"}),
                          ("Kassa", {"positie-1": "Voldoet deels", "positie-2": "Voldoet niet"})]:
        entry.get_by_label("Naam of plek van de balie").fill(name)
        judge(entry, answers)
        entry.get_by_role("button", name="Balie opslaan").click()
    panel = root.locator("[data-psa='metingen']")
    panel.get_by_label("Naam van de meting").fill("Balies voorjaar 2026")
    panel.get_by_label("Datum van de meting").fill("2026-04-01")
    panel.get_by_role("button", name="Bewaar als meting").click()
    expect(panel.locator("[data-meting-message]")).to_contain_text("is bewaard")
    expect(panel.locator("[data-meting-list] li")).to_have_text(["Balies voorjaar 2026 (1 april 2026, 2 balies) Verwijder"])
    stored = json.loads(page.evaluate("() => localStorage.getItem('psa-werkboek:baliewerkplekken:metingen')"))
    m = stored["metingen"][0]
    assert (m["kind"], m["people"]) == ("records", 2)
    assert m["tallies"] == {"positie-1": {"oordeel": {"voldoet": 1, "deels": 1}}, "positie-2": {"oordeel": {"niet": 2}}}
    # Autumn: the second counter was rebuilt.
    autumn = {**m, "id": "najaar", "name": "Balies najaar 2026", "date": "2026-10-01",
              "tallies": {"positie-1": {"oordeel": {"voldoet": 2}}, "positie-2": {"oordeel": {"niet": 1, "voldoet": 1}}}}
    page.goto("metingen/")
    compare = page.locator("#vergelijk-tijd")
    expect(compare).to_have_attribute("data-ready", "1")
    expect(compare.get_by_label("Lijst")).to_have_value("baliewerkplekken")
    compare.locator("input[data-action='open-files']").set_input_files(
        [file_payload("najaar.json", metingen_file(autumn, instrument_id="baliewerkplekken"))])
    rows = result_rows(page)
    assert rows[0][0].startswith("Positie 1") and rows[0][1] == "▼ Beter" and rows[1][1] == "▼ Beter"
    assert rows[0][2:4] == ["1 Voldoet, 1 Voldoet deels (50% slecht)", "2 Voldoet (0% slecht)"]
    assert figure_rows(page)[0] == ["Ingevuld door", "2 balies", "2 balies"]


def test_removing_a_measurement_asks_first(page: Page, base_url):
    open_instrument(page, B16)
    answer(page, B16, "1", "Nee")
    save_measurement(page, B16, "Eerste keer", "2026-01-10")
    panel = instrument(page, B16).locator("[data-psa='metingen']")
    panel.get_by_role("button", name="Verwijder meting ‘Eerste keer’").click()
    expect(panel.locator("[data-meting-confirm]")).to_contain_text("Weet u zeker")
    page.keyboard.press("Escape")
    expect(panel.locator("[data-meting-confirm]")).to_be_hidden()
    expect(panel.get_by_role("button", name="Verwijder meting ‘Eerste keer’")).to_be_focused()
    panel.get_by_role("button", name="Verwijder meting ‘Eerste keer’").click()
    panel.get_by_role("button", name="Ja, verwijder").click()
    expect(panel.locator("[data-meting-message]")).to_have_text("De meting is verwijderd.")
    assert page.evaluate("() => localStorage.getItem('psa-werkboek:inspectie-szw:metingen')") is None


def test_the_compare_page_starts_after_instant_navigation_and_follows_another_tab(page: Page, base_url):
    open_instrument(page, B7)
    answer(page, B7, "1.1", "Kan beter")
    save_measurement(page, B7, "Voorjaar", "2026-03-01")
    page.evaluate("window.__marker = 'zelfde document'")
    instrument(page, B7).locator("[data-psa='metingen']").get_by_role("link", name="Metingen vergelijken").click()
    expect(page.locator("#vergelijk-tijd")).to_have_attribute("data-ready", "1")
    assert page.evaluate("window.__marker") == "zelfde document"  # Material's instant navigation, no reload
    expect(page.locator("#vergelijk-tijd [data-choices] li")).to_have_count(1)
    # A second tab saves another measurement: this page lists it and compares at once.
    other = page.context.new_page()
    other.goto(base_url + "bijlagen/bijlage-7/")
    expect(instrument(other, B7)).to_have_attribute("data-ready", "1")
    answer(other, B7, "1.1", "In orde")
    save_measurement(other, B7, "Najaar", "2026-10-01")
    expect(page.locator("#vergelijk-tijd [data-choices] li")).to_have_count(2)
    rows = result_rows(page)
    assert rows[0][0] == "Is het doel van het overleg duidelijk?" and rows[0][1:] == ["▼ Beter", "Kan beter", "In orde"]
