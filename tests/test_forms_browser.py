"""The forms and planners of bijlage 8, 10, 11, 13 and 15 in Chromium, used the way a coordinator or team leader
would: fill in, check, enter returned forms, compare counters, plan aftercare, print, and download files."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from test_browser import describe, run_axe

PAGES = {
    "vragenlijst-agressie": "bijlagen/bijlage-8/",
    "agressieregistratie": "bijlagen/bijlage-10/",
    "huisregels-brief": "bijlagen/bijlage-11/",
    "baliewerkplekken": "bijlagen/bijlage-13/",
    "opvang-nazorg": "bijlagen/bijlage-15/",
}
INCIDENT = ["jaar", "halfjaar", "kwartaal", "maand", "week"]


@pytest.fixture
def browser_context_args(browser_context_args):
    # Summer time matters for the aftercare plan; Dutch dates for everything.
    return {**browser_context_args, "timezone_id": "Europe/Amsterdam", "locale": "nl-NL", "accept_downloads": True}


def tool(page: Page, tool_id: str):
    return page.locator(f"#formulier-{tool_id}")


def open_tool(page: Page, tool_id: str):
    page.goto(PAGES[tool_id])
    expect(tool(page, tool_id)).to_have_attribute("data-ready", "1")
    return tool(page, tool_id)


def part(page: Page, tool_id: str, part_id: str):
    return tool(page, tool_id).locator(f"[data-part='{part_id}']")


def stub_print(page: Page):
    page.evaluate("""() => { window.__prints = []; window.print = () => {
        const root = document.querySelector('[data-print-part]');
        window.__prints.push({ scope: document.body.getAttribute('data-print-instrument'),
          part: root && root.getAttribute('data-print-part'), blank: document.body.hasAttribute('data-print-blank'),
          printing: [...document.querySelectorAll('[data-printing]')].map(e => e.getAttribute('data-part')),
          paper: [...document.querySelectorAll('[data-printing] .formulier__papiertekst')].map(e => e.textContent).join('|') }) } }""")


def press(locator, key: str = "Enter"):
    """Keyboard only: focus a control and press a key on it."""
    locator.focus()
    locator.page.keyboard.press(key)


def download(page: Page, button) -> bytes:
    with page.expect_download() as info:
        button.click()
    return open(info.value.path(), "rb").read()


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte order mark"
    text = data[3:].decode("utf-8")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def stored(page: Page) -> str:
    return page.evaluate("() => JSON.stringify(Object.assign({}, localStorage))")


# ---- Bijlage 11: the letter ----

def test_letter_shows_the_blanks_filled_in_live_and_keeps_them(page: Page, base_url):
    root = open_tool(page, "huisregels-brief")
    letter = part(page, "huisregels-brief", "brief")
    expect(letter).to_contain_text("dan kunt u beroep doen op ………")
    expect(letter).to_contain_text("Wij zullen dan binnen .. weken")
    root.get_by_label("Bij wie kan de klant terecht", exact=False).fill("de teamleider Klantcontact")
    root.get_by_label("Binnen hoeveel weken neemt u contact op?").fill("3")
    root.get_by_label("Welke sancties kunt u opleggen? Geef voorbeelden.").fill("een waarschuwing of <b>toegangsverbod</b>.")
    expect(letter).to_contain_text("dan kunt u beroep doen op de teamleider Klantcontact")
    expect(letter).to_contain_text("Wij zullen dan binnen 3 weken contact met u opnemen")
    expect(letter).to_contain_text("sancties op zal leggen, zoals een waarschuwing of <b>toegangsverbod</b>.")  # as text
    expect(letter.locator("b")).to_have_count(0)
    expect(letter).to_contain_text("schriftelijk kenbaar te maken bij ……...")  # still open
    sender = letter.locator("p[data-only-slot]").first
    expect(sender).to_be_hidden()
    root.get_by_label("Naam van uw woningcorporatie (niet verplicht)").fill("Woonstichting De Brug")
    expect(sender).to_be_visible()
    expect(sender).to_have_text("Woonstichting De Brug")
    page.reload()
    expect(part(page, "huisregels-brief", "brief")).to_contain_text("binnen 3 weken contact")
    expect(root.get_by_label("Binnen hoeveel weken neemt u contact op?")).to_have_value("3")


def test_letter_prints_only_the_letter(page: Page, base_url):
    root = open_tool(page, "huisregels-brief")
    stub_print(page)
    root.get_by_role("button", name="Brief afdrukken").click()
    prints = page.evaluate("() => window.__prints")
    assert [(p["scope"], p["part"], p["blank"], p["printing"]) for p in prints] == [
        ("formulier-huisregels-brief", "brief", False, ["brief"])]
    page.emulate_media(media="print")
    page.evaluate("() => { document.body.setAttribute('data-print-instrument', 'formulier-huisregels-brief');"
                  " const r = document.getElementById('formulier-huisregels-brief'); r.classList.add('instrument--printing');"
                  " r.setAttribute('data-print-part', 'brief'); r.querySelector(\"[data-part='brief']\").setAttribute('data-printing', '') }")
    expect(part(page, "huisregels-brief", "gegevens")).to_be_hidden()
    expect(part(page, "huisregels-brief", "brief")).to_be_visible()
    expect(root.get_by_role("button", name="Brief afdrukken")).to_be_hidden()


# ---- Bijlage 10: registration form and anonymous log ----

def fill_incident(root, when="2026-11-02T10:30"):
    root.get_by_label("Naam medewerker").fill("Petra de Vries")
    root.get_by_label("Vestiging", exact=True).fill("Zuid")
    root.get_by_label("Naam leidinggevende").fill("Ahmed Yılmaz")
    root.get_by_label("Datum en tijdstip incident").fill(when)
    root.get_by_label("Plaats incident").fill("Balie hal")
    root.get_by_label("1. Verbaal geweld, Gebouw").check()
    root.get_by_label("Omschrijving van het incident").fill("Klant schold en sloeg op de balie.")
    for question, answer in [("Is er sprake van letsel?", "Nee"),
                             ("Is er sprake van schade aan persoonlijke eigendommen van de medewerker?", "Nee"),
                             ("Is er sprake van schade aan eigendommen van de werkgever?", "Nee"),
                             ("Is er aangifte gedaan?", "Nee"), ("Betreft het recidive?", "Ja"),
                             ("Wordt er een sanctie opgelegd door de woningcorporatie", "Nee")]:
        root.get_by_role("group", name=question, exact=True).get_by_label(answer, exact=True).check()


def test_registration_form_shows_follow_up_fields_only_when_needed(page: Page, base_url):
    open_tool(page, "agressieregistratie")
    root = part(page, "agressieregistratie", "formulier")
    which = root.get_by_label("Zo ja, welk letsel?")
    expect(which).to_be_hidden()
    root.get_by_role("group", name="Is er sprake van letsel?").get_by_label("Ja", exact=True).check()
    expect(which).to_be_visible()
    numbers = root.get_by_label("Combinatie: welke nummers?")
    expect(numbers).to_be_hidden()
    root.get_by_label("6. Combinatie van agressievormen (nummers noteren), Huisbezoek").check()
    expect(numbers).to_be_visible()
    expect(root.get_by_label("Anders, namelijk")).to_be_hidden()
    root.get_by_role("group", name="Wordt er een sanctie opgelegd door de woningcorporatie").get_by_label("Ja", exact=True).check()
    root.get_by_role("group", name="Zo ja, welke sanctie?").get_by_label("Anders, nl").check()
    expect(root.get_by_label("Anders, namelijk")).to_be_visible()


def test_registration_form_lists_empty_fields_and_wrong_dates(page: Page, base_url):
    open_tool(page, "agressieregistratie")
    root = part(page, "agressieregistratie", "formulier")
    root.get_by_role("button", name="Controleer het formulier").click()
    summary = root.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    links = summary.locator("a")
    expect(links.first).to_have_text("Nog niet ingevuld: Naam medewerker")
    assert links.count() == 13  # the required rows that apply to an empty form
    links.first.click()
    expect(root.get_by_label("Naam medewerker")).to_be_focused()
    fill_incident(root)
    root.get_by_label("Geboortedatum").fill("2027-01-01")
    expect(root.locator("[data-error-for='geboortedatum']")).to_have_text("Geboortedatum: ligt na ‘Datum en tijdstip incident’.")
    root.get_by_label("Geboortedatum").fill("1980-05-17")
    expect(root.locator("[data-error-for='geboortedatum']")).to_be_hidden()
    root.get_by_role("group", name="Is er aangifte gedaan?").get_by_label("Ja, datum").check()
    root.get_by_label("Datum van de aangifte").fill("2026-10-30")
    expect(root.locator("[data-error-for='aangifte-datum']")).to_have_text("Datum van de aangifte: ligt vóór ‘Datum en tijdstip incident’.")
    root.get_by_label("Datum van de aangifte").fill("2026-11-03")
    root.get_by_label("Datum en tijdstip incident").fill("2099-01-01T10:00")
    expect(root.locator("[data-error-for='datum']")).to_have_text("Datum en tijdstip incident: ligt in de toekomst.")
    root.get_by_label("Datum en tijdstip incident").fill("2026-11-02T10:30")
    root.get_by_role("button", name="Controleer het formulier").click()
    expect(summary).to_be_hidden()
    expect(root.locator("[data-part-message]")).to_have_text("Alles is ingevuld en de datums kloppen.")


def test_registration_form_is_never_stored_but_prints_with_signatures(page: Page, base_url):
    open_tool(page, "agressieregistratie")
    root = part(page, "agressieregistratie", "formulier")
    fill_incident(root)
    assert "Petra" not in stored(page) and "Zuid" not in stored(page)
    stub_print(page)
    root.get_by_role("button", name="Formulier afdrukken").click()
    root.get_by_role("button", name="Leeg afdrukken").click()
    prints = page.evaluate("() => window.__prints")
    assert [(p["part"], p["blank"]) for p in prints] == [("formulier", False), ("formulier", True)]
    assert "Klant schold en sloeg op de balie." in prints[0]["paper"]
    assert "Petra" not in prints[1]["paper"]
    expect(root.get_by_label("Naam medewerker")).to_have_value("Petra de Vries")  # back after the blank print
    expect(root.locator(".formulier__ondertekening")).to_contain_text("Handtekening")
    page.reload()
    expect(part(page, "agressieregistratie", "formulier").get_by_label("Naam medewerker")).to_have_value("")


def test_anonymous_log_takes_over_no_names_and_counts_per_quarter(page: Page, base_url):
    open_tool(page, "agressieregistratie")
    root = part(page, "agressieregistratie", "formulier")
    fill_incident(root)
    log = part(page, "agressieregistratie", "logboek")
    log.get_by_role("button", name="Neem over uit het formulier").click()
    expect(log.get_by_label("Datum incident")).to_have_value("2026-11-02")
    expect(log.get_by_label("Vestiging")).to_have_value("Zuid")
    expect(log.get_by_label("1. Verbaal geweld, Gebouw")).to_be_checked()
    log.get_by_role("button", name="Incident opslaan").click()
    log.get_by_label("Datum incident").fill("2026-08-14")
    log.get_by_label("Vestiging").fill("zuid ")
    log.get_by_label("5. Fysiek geweld (persoonsgericht), Huisbezoek").check()
    log.get_by_role("group", name="Letsel?").get_by_label("Ja").check()
    log.get_by_role("button", name="Incident opslaan").click()
    log.get_by_label("Datum incident").fill("2026-01-05")
    log.get_by_label("Vestiging").fill("Café Noord")
    log.get_by_label("1. Verbaal geweld, Telefoon").check()
    log.get_by_role("button", name="Incident opslaan").click()
    expect(log.locator("[data-record-count]")).to_have_text("Opgeslagen: 3 incidenten.")
    analysis = part(page, "agressieregistratie", "analyse")
    expect(analysis.locator("[data-block='0']")).to_contain_text("Incidenten in het logboek: 3")
    quarters = analysis.locator("[data-block='1'] tbody tr")
    expect(quarters).to_have_text([re.compile(r"2026, kwartaal 1\s*1"), re.compile(r"2026, kwartaal 2\s*0"),
                                   re.compile(r"2026, kwartaal 3\s*1"), re.compile(r"2026, kwartaal 4\s*1")])
    cross = analysis.locator("[data-block='2'] tbody tr")
    expect(cross.nth(0)).to_have_text(re.compile(r"1\. Verbaal geweld\s*1\s*1\s*0\s*2"))
    expect(cross.last).to_have_text(re.compile(r"Totaal\s*1\s*1\s*1\s*3"))
    expect(analysis.locator("[data-block='3'] tbody tr").first).to_have_text(re.compile(r"Zuid\s*2"))
    expect(analysis.locator("[data-block='4'] tbody tr").first).to_have_text(re.compile(r"Letsel\?\s*1\s*33%"))
    rows = read_csv(download(page, log.get_by_role("button", name="Opslaan als CSV (Excel)")))
    assert rows[0][:3] == ["Nr.", "Datum incident", "Vestiging"]
    assert rows[3][2] == "Café Noord"
    assert "Petra" not in json.dumps(rows)
    page.reload()  # not stored without opt-in
    expect(part(page, "agressieregistratie", "logboek").locator("[data-record-count]")).to_have_text("Nog niets opgeslagen.")


def test_anonymous_log_is_kept_after_opt_in_and_can_be_wiped(page: Page, base_url):
    root = open_tool(page, "agressieregistratie")
    root.get_by_label("Bewaar ‘Logboek zonder namen’ op dit apparaat").check()
    log = part(page, "agressieregistratie", "logboek")
    log.get_by_label("Datum incident").fill("2026-03-01")
    log.get_by_label("2. Discriminatie, Telefoon").check()
    log.get_by_role("button", name="Incident opslaan").click()
    part(page, "agressieregistratie", "formulier").get_by_label("Naam medewerker").fill("Petra de Vries")
    page.reload()
    log = part(page, "agressieregistratie", "logboek")
    expect(log.locator("[data-record-count]")).to_have_text("Opgeslagen: 1 incident.")
    assert "Petra" not in stored(page)
    log.get_by_role("button", name="Wis alle incidenten").click()
    log.get_by_role("button", name="Ja, wis ze").click()
    expect(log.locator("[data-record-count]")).to_have_text("Nog niets opgeslagen.")
    page.reload()
    expect(part(page, "agressieregistratie", "logboek").locator("[data-record-count]")).to_have_text("Nog niets opgeslagen.")


# ---- Bijlage 13: counters ----

def judge(record, answers: dict[str, str]):
    for field, answer in answers.items():
        record.locator(f"[data-wrap='{field}']").get_by_label(answer, exact=True).check()


def test_counters_are_assessed_listed_and_compared(page: Page, base_url):
    root = open_tool(page, "baliewerkplekken")
    entry = part(page, "baliewerkplekken", "balies")
    entry.get_by_label("Naam of plek van de balie").fill("Balie 1 <hal>")
    judge(entry, {"geld": "Nee", "positie-1": "Voldoet", "positie-2": "Voldoet niet", "ontwerp-1": "Voldoet deels",
                  "ontwerp-2": "N.v.t.", "veiligheid-4": "Voldoet niet"})
    entry.locator("[data-wrap='positie-2']").get_by_label("Toelichting").fill("Pilaar in het zicht")
    expect(entry.locator("[data-wrap='veiligheid-2'] [data-highlight]")).to_be_hidden()
    entry.get_by_role("button", name="Balie opslaan").click()
    expect(entry.get_by_label("Naam of plek van de balie")).to_be_focused()
    entry.get_by_label("Naam of plek van de balie").fill("Kassa")
    judge(entry, {"geld": "Ja", "positie-1": "Voldoet", "veiligheid-2": "Voldoet deels"})
    expect(entry.locator("[data-wrap='veiligheid-2'] [data-highlight]")).to_be_visible()
    expect(entry.locator("[data-wrap='ontwerp-2'] [data-highlight]")).to_be_visible()
    entry.get_by_role("button", name="Balie opslaan").click()
    reports = part(page, "baliewerkplekken", "per-balie").locator("article")
    expect(reports).to_have_count(2)
    first = reports.nth(0)
    expect(first.locator("[data-record-name]")).to_have_text("Balie 1 <hal>")
    expect(first).to_contain_text("1 van 4 richtlijnen die van toepassing zijn, voldoen.")
    expect(first).to_contain_text("Nog niet beoordeeld: 9 van 14.")
    expect(first.locator("li")).to_have_text([re.compile(r"^Voldoet niet: Zorg dat de baliemedewerker direct zicht.*Toelichting: Pilaar in het zicht"),
                                              re.compile(r"^Voldoet niet: Zorg bovendien voor een goede vluchtweg"),
                                              re.compile(r"^Voldoet deels: Zorg dat de baliemedewerker de klant recht in de ogen")])
    expect(reports.nth(1).locator("li")).to_have_text([re.compile(r"^Voldoet deels: Plaats de balie waar geldhandelingen.*Let op: Aan deze balie worden geldhandelingen gedaan")])
    compare = part(page, "baliewerkplekken", "vergelijking").locator("table")
    expect(compare.locator("thead th")).to_have_text(["Richtlijn", "Balie 1 <hal>", "Kassa"])
    expect(compare.locator("tbody tr").nth(1)).to_have_text(re.compile(r"^Positie 2: direct zicht op klanten en entree\s*Voldoet niet\s*Niet beoordeeld$"))
    expect(compare.locator("tbody tr").nth(11)).to_have_text(re.compile(r"^Veiligheid 2: collega’s dichtbij bij geldhandelingen\s*Niet beoordeeld\s*Voldoet deels \(let op, zie onder de tabel\)$"))
    # What "let op" means is said under the table, once per guideline.
    expect(part(page, "baliewerkplekken", "vergelijking").locator("li")).to_have_text(
        [re.compile(r"^Let op bij ‘Ontwerp 2: .*’: Aan deze balie worden geldhandelingen gedaan"),
         re.compile(r"^Let op bij ‘Veiligheid 2: collega’s dichtbij bij geldhandelingen’: Aan deze balie worden geldhandelingen gedaan")])
    # Change the first counter, then remove it.
    table = entry.locator("[data-record-table]")
    table.get_by_role("button", name="Wijzig nummer 1").click()
    expect(entry.get_by_label("Naam of plek van de balie")).to_have_value("Balie 1 <hal>")
    judge(entry, {"veiligheid-4": "Voldoet"})
    entry.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(first).to_contain_text("2 van 4 richtlijnen")
    page.reload()
    entry = part(page, "baliewerkplekken", "balies")
    expect(entry.locator("[data-record-table] tbody tr")).to_have_count(2)
    entry.get_by_role("button", name="Verwijder nummer 1").click()
    entry.get_by_role("button", name="Verwijder nummer 1").click()
    expect(entry.locator("[data-record-table] tbody tr")).to_have_count(1)
    expect(part(page, "baliewerkplekken", "vergelijking").locator("thead th")).to_have_text(["Richtlijn", "Kassa"])


def test_counter_without_a_name_is_not_saved(page: Page, base_url):
    open_tool(page, "baliewerkplekken")
    entry = part(page, "baliewerkplekken", "balies")
    judge(entry, {"positie-1": "Voldoet"})
    entry.get_by_role("button", name="Balie opslaan").click()
    expect(entry.locator("[data-part-message]")).to_contain_text("Niet opgeslagen. Nog niet ingevuld: Naam of plek van de balie")
    expect(entry.get_by_label("Naam of plek van de balie")).to_be_focused()
    expect(entry.locator("[data-record-table] tbody tr")).to_have_count(0)


# ---- Bijlage 15: the aftercare plan ----

def dates(page: Page) -> dict[str, str]:
    plan = part(page, "opvang-nazorg", "plan")
    return {m: plan.locator(f"[data-moment='{m}'] [data-moment-date]").inner_text()
            for m in ["opvang", "nazorg-start", "dag-na", "week-1", "week-2", "week-4", "afsluiting"]}


def test_plan_dates_cross_the_change_to_summer_time(page: Page, base_url):
    root = open_tool(page, "opvang-nazorg")
    expect(part(page, "opvang-nazorg", "plan").locator("[data-no-date]")).to_be_visible()
    root.get_by_label("Datum en tijdstip van het incident").fill("2027-03-26T14:00")  # summer time starts 28 March
    assert dates(page) == {
        "opvang": "vrijdag 26 maart 2027",
        "nazorg-start": "Uiterlijk maandag 29 maart 2027, 15:00",  # 72 real hours: the clock jumped forward
        "dag-na": "zaterdag 27 maart 2027",
        "week-1": "Van zaterdag 27 maart 2027 tot en met vrijdag 2 april 2027",
        "week-2": "Van vrijdag 2 april 2027 tot en met vrijdag 9 april 2027",
        "week-4": "vrijdag 23 april 2027",
        "afsluiting": "vrijdag 7 mei 2027",
    }
    root.get_by_label("Datum en tijdstip van het incident").fill("2027-10-29T00:15")  # winter time starts 31 October
    got = dates(page)
    assert got["nazorg-start"] == "Uiterlijk zondag 31 oktober 2027, 23:15"
    assert got["week-2"] == "Van vrijdag 5 november 2027 tot en met vrijdag 12 november 2027"
    assert got["afsluiting"] == "vrijdag 10 december 2027"


def test_plan_shows_group_care_and_a_repeated_offer_only_when_they_apply(page: Page, base_url):
    root = open_tool(page, "opvang-nazorg")
    plan = part(page, "opvang-nazorg", "plan")
    root.get_by_label("Datum en tijdstip van het incident").fill("2026-11-02T09:00")
    expect(plan.locator("[data-moment='herhalen']")).to_be_hidden()
    expect(plan.locator("[data-moment='groepsopvang']")).to_be_hidden()
    root.get_by_label("De medewerker wil (nu nog) geen gebruik maken van de nazorg.").check()
    root.get_by_label("Er was een groep medewerkers bij het incident betrokken (groepsopvang).").check()
    expect(plan.locator("[data-moment='herhalen'] [data-moment-date]")).to_have_text("maandag 23 november 2026")
    expect(plan.locator("[data-moment='groepsopvang']")).to_be_visible()
    root.get_by_label("Specialistische hulpverlening: met wie moet contact opgenomen worden?").fill("Slachtofferhulp")
    expect(part(page, "opvang-nazorg", "hulp")).to_contain_text("contact opgenomen worden met Slachtofferhulp die ……. inschakelt.")


def test_plan_keeps_dates_and_ticks_but_never_names_or_health_information(page: Page, base_url):
    root = open_tool(page, "opvang-nazorg")
    root.get_by_label("Datum en tijdstip van het incident").fill("2026-11-02T09:00")
    root.get_by_label("Voor wie is dit plan? Initialen zijn genoeg (niet verplicht).").fill("P.d.V.")
    plan = part(page, "opvang-nazorg", "plan")
    plan.get_by_label("Direct getroffenen", exact=True).fill("Petra de Vries")
    plan.get_by_role("group", name="Besluit: wordt de medewerker doorverwezen?").get_by_label("Ja").check()
    plan.locator("[data-task='opvang:beeld']").check()
    plan.locator("[data-task='afsluiting:stand']").check()
    saved = stored(page)
    for private in ["P.d.V.", "Petra", "doorverwijzen"]:
        assert private not in saved
    exported = json.loads(download(page, root.get_by_role("button", name="Opslaan als bestand")))
    assert exported["values"] == {"moment": "2026-11-02T09:00"}
    assert exported["ticks"] == {"opvang:beeld": True, "afsluiting:stand": True}
    page.reload()
    root = tool(page, "opvang-nazorg")
    expect(root.get_by_label("Datum en tijdstip van het incident")).to_have_value("2026-11-02T09:00")
    expect(root.locator("[data-task='opvang:beeld']")).to_be_checked()
    expect(root.get_by_label("Voor wie is dit plan? Initialen zijn genoeg (niet verplicht).")).to_have_value("")


def test_plan_downloads_a_valid_calendar_file(page: Page, base_url):
    root = open_tool(page, "opvang-nazorg")
    plan = part(page, "opvang-nazorg", "plan")
    plan.get_by_role("button", name="Zet in mijn agenda (.ics)").click()
    expect(plan.locator("[data-part-message]")).to_have_text("Vul eerst de datum en het tijdstip van het incident in.")
    root.get_by_label("Datum en tijdstip van het incident").fill("2027-03-26T14:00")
    root.get_by_label("De medewerker wil (nu nog) geen gebruik maken van de nazorg.").check()
    data = download(page, plan.get_by_role("button", name="Zet in mijn agenda (.ics)"))
    text = data.decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == "" and all("\n" not in line for line in lines)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines), "lines are folded at 75 octets"
    calendar = Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar
    events = calendar.walk("VEVENT")
    assert [(str(e["SUMMARY"]).split(": ", 1)[1], e["DTSTART"].dt.isoformat(), e["DTEND"].dt.isoformat()) for e in events] == [
        ("Opvang op de dag van het incident", "2027-03-26", "2027-03-27"),
        ("Nazorg gestart (uiterlijk 15:00)", "2027-03-29", "2027-03-30"),
        ("Gesprek op de dag na het incident", "2027-03-27", "2027-03-28"),
        ("Contact in de week na het incident", "2027-03-27", "2027-04-03"),
        ("Contact na 1 of 2 weken", "2027-04-02", "2027-04-10"),
        ("Aanbod van nazorg herhalen", "2027-04-16", "2027-04-17"),
        ("Contact na 4 weken", "2027-04-23", "2027-04-24"),
        ("Afsluitend gesprek (ongeveer zes weken na incident)", "2027-05-07", "2027-05-08"),
    ]
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert all(e.get("DTSTAMP") for e in events)
    assert "Zijn er nog praktische zaken die geregeld moeten worden?" in str(events[6]["DESCRIPTION"])
    assert "• doen van aangifte (NB: met adres van werkgever en niet het thuisadres!)" in str(events[0]["DESCRIPTION"])


# ---- Bijlage 8: questionnaire and processing ----

def enter_form(entry, q1: str, q2: list[str], q3: str, q4: list[str], remark: str = "", afdeling: str | None = None):
    if afdeling is not None:
        entry.get_by_label("Afdeling").fill(afdeling)
    entry.locator("[data-entry-form='single'] [data-wrap='q1']").get_by_label(q1, exact=True).check()
    for label in q2:
        entry.locator("[data-entry-form='single'] [data-wrap='q2']").get_by_label(label, exact=True).check()
    entry.locator("[data-entry-form='single'] [data-wrap='q3']").get_by_label(q3, exact=True).check()
    for label in q4:
        entry.locator("[data-entry-form='single'] [data-wrap='q4']").get_by_label(label, exact=True).check()
    if remark:
        entry.locator("[data-entry-form='single']").get_by_label("Ruimte voor aanvullende opmerkingen:").fill(remark)
    entry.get_by_role("button", name="Vragenlijst opslaan").click()


def enter_pile(entry, n: int, afdeling: str = "", counts: dict | None = None):
    entry.get_by_label("Aantallen per antwoord (voor een stapel lijsten)").check()
    tally = entry.locator("[data-entry-form='tally']")
    tally.get_by_label("Aantal lijsten in deze stapel").fill(str(n))
    if afdeling:
        tally.get_by_label("Afdeling").fill(afdeling)
    for (question, option), value in (counts or {}).items():
        tally.locator(f"[data-tally='{question}'][data-option='{option}']").fill(str(value))
    entry.get_by_role("button", name="Stapel opslaan").click()


def test_questionnaire_handout_carries_the_organisations_own_texts(page: Page, base_url):
    root = open_tool(page, "vragenlijst-agressie")
    handout = part(page, "vragenlijst-agressie", "vragenlijst")
    expect(handout).to_contain_text("Hoe vaak bent u de afgelopen 12 maanden tijdens uw werk serieus bedreigd?")
    lines = handout.locator(".vragenlijst__regels").last
    expect(lines).to_have_attribute("data-regels", "19")
    assert lines.evaluate("(el) => getComputedStyle(el).getPropertyValue('--regels').trim()") == "19"
    afdeling = handout.locator("[data-show-if]").first
    expect(afdeling).to_be_hidden()
    root.get_by_label("Voorwoord of aanbiedingsbrief").fill("Beste collega,\n\nWij willen weten hoe vaak u agressie meemaakt.")
    root.get_by_label("Vraag op de vragenlijst naar de afdeling").check()
    expect(afdeling).to_be_visible()
    expect(handout.locator("[data-handout-text='voorwoord'] p")).to_have_text(["Beste collega,", "Wij willen weten hoe vaak u agressie meemaakt."])
    stub_print(page)
    handout.get_by_role("button", name="Vragenlijst afdrukken").click()
    assert [(p["part"], p["blank"]) for p in page.evaluate("() => window.__prints")] == [("vragenlijst", False)]


def test_returned_forms_give_numbers_shares_and_remarks(page: Page, base_url):
    open_tool(page, "vragenlijst-agressie")
    entry = part(page, "vragenlijst-agressie", "lijsten")
    enter_form(entry, "Afgelopen jaar niet", ["Niet van toepassing"], "Iedere maand één of meerdere keren",
               ["Klanten/cliënten/patiënten", "Groepje jongeren"], "Zorg voor een tweede uitgang.")
    enter_form(entry, "Iedere week één of meerdere keren", ["Bezoekers / klanten"], "Afgelopen jaar niet",
               ["Bezoekers"], "Alarmknop werkt niet altijd.")
    enter_form(entry, "Afgelopen jaar één of meerdere keren", ["Groepje jongeren", "Bewoners (bijv. bij onderhoud)"],
               "Afgelopen jaar één of meerdere keren", ["Niet van toepassing"])
    enter_pile(entry, 7, counts={("q1", "niet"): 5, ("q1", "maand"): 2, ("q2", "bezoekers-klanten"): 2,
                                 ("q3", "niet"): 7})
    expect(entry.locator("[data-record-count]")).to_have_text("Opgeslagen: 4 vragenlijsten, samen 10 lijsten.")
    report = part(page, "vragenlijst-agressie", "uitkomsten")
    expect(report.locator("[data-block='0']")).to_contain_text("Aantal verwerkte vragenlijsten: 10")
    expect(report.locator("[data-block='0'] .rapport__let-op")).to_be_visible()  # 15 or fewer
    expect(report.locator("[data-block='1'] tbody tr")).to_have_text([
        re.compile(r"^Afgelopen jaar niet\s*6\s*60%$"), re.compile(r"^Afgelopen jaar één of meerdere keren\s*1\s*10%$"),
        re.compile(r"^Iedere 6 maanden.*keren\s*0\s*0%$"), re.compile(r"^Iedere 3 maanden.*keren\s*0\s*0%$"),
        re.compile(r"^Iedere maand één of meerdere keren\s*2\s*20%$"), re.compile(r"^Iedere week.*keren\s*1\s*10%$"),
        re.compile(r"^Niet ingevuld\s*0\s*0%$")])
    expect(report.locator("[data-block='2']")).to_have_text("Minstens één keer lichamelijke agressie meegemaakt: 4 van 10 (40%)")
    expect(report.locator("[data-block='3']")).to_contain_text("Minstens maandelijks lichamelijke agressie: 3 van 10 (30%)")
    # Perpetrators as a share of the 4 who had physical aggression.
    expect(report.locator("[data-block='4'] thead")).to_contain_text("Percentage van 4")
    # 'Niet van toepassing' is not a perpetrator; a pile's counts all count (there is a note about that).
    expect(report.locator("[data-block='4'] tbody tr")).to_have_text([
        re.compile(r"^Bezoekers / klanten\s*3\s*75%$"), re.compile(r"^Bewoners.*\s*1\s*25%$"),
        re.compile(r"^Psychiatrisch.*zwervers\s*0\s*0%$"), re.compile(r"^Groepje jongeren\s*1\s*25%$"),
        re.compile(r"^Bekende personen.*waren\s*0\s*0%$")])
    expect(report.locator("[data-block='4']")).to_contain_text("Bij stapels die als aantallen zijn ingevoerd")
    expect(report.locator("[data-block='6']")).to_have_text("Minstens één keer serieus bedreigd: 2 van 10 (20%)")
    hints = report.locator("[data-block='10'] li")
    expect(hints).to_have_text(["‘Afgelopen jaar niet’ bij bedreiging, maar wel daders genoemd. Nummer 2.",
                                "Wel serieus bedreigd, maar bij de daders ‘Niet van toepassing’. Nummer 3."])
    expect(report.locator("[data-block='10']")).to_contain_text("Stapels die als aantallen zijn ingevoerd")
    expect(report.locator("[data-block='11'] li")).to_have_text(["Alarmknop werkt niet altijd.", "Zorg voor een tweede uitgang."])
    rows = read_csv(download(page, report.get_by_role("button", name="Uitkomsten opslaan als CSV (Excel)")))
    assert ["Afgelopen jaar één of meerdere keren", "1", "10%"] in rows
    assert ["Klanten/cliënten/patiënten", "1", "50%"] in rows
    raw = read_csv(download(page, entry.get_by_role("button", name="Opslaan als CSV (Excel)")))
    assert raw[0][:4] == ["Nr.", "Soort", "Aantal lijsten", "Afdeling"]
    assert raw[4][1:3] == ["stapel", "7"]


def test_breakdown_by_department_only_for_groups_above_fifteen(page: Page, base_url):
    root = open_tool(page, "vragenlijst-agressie")
    root.get_by_label("Vraag op de vragenlijst naar de afdeling").check()
    entry = part(page, "vragenlijst-agressie", "lijsten")
    enter_pile(entry, 20, "Wijkbeheer", {("q1", "jaar"): 5})
    enter_pile(entry, 10, "Klantcontact", {("q1", "jaar"): 10})
    enter_pile(entry, 3, "Directie", {("q1", "jaar"): 3})
    block = part(page, "vragenlijst-agressie", "uitkomsten").locator("[data-block='9']")
    # Showing Wijkbeheer would give away the other 13 by subtraction, so nothing is shown.
    expect(block.locator("table")).to_have_count(0)
    expect(block).to_contain_text("alleen voor afdelingen met meer dan 15 ingevulde lijsten")
    enter_pile(entry, 16, "Onderhoud", {("q1", "niet"): 16})
    expect(block.locator("tbody tr")).to_have_text([re.compile(r"^Wijkbeheer\s*20\s*5 \(25%\)"),
                                                    re.compile(r"^Overige afdelingen samen\s*29\s*13 \(45%\)")])
    enter_pile(entry, 17, "klantcontact ", {})
    expect(block.locator("tbody tr")).to_have_text([re.compile(r"^Klantcontact\s*27"), re.compile(r"^Wijkbeheer\s*20"),
                                                    re.compile(r"^Overige afdelingen samen\s*19")])


def test_pile_with_impossible_counts_is_refused(page: Page, base_url):
    open_tool(page, "vragenlijst-agressie")
    entry = part(page, "vragenlijst-agressie", "lijsten")
    enter_pile(entry, 5, counts={("q1", "niet"): 4, ("q1", "week"): 3})
    expect(entry.locator("[data-part-message]")).to_contain_text("samen 7 antwoorden, maar er zijn 5 lijsten")
    expect(entry.locator("[data-record-table] tbody tr")).to_have_count(0)


def test_returned_forms_are_only_kept_after_opt_in_and_a_damaged_file_changes_nothing(page: Page, base_url, tmp_path):
    root = open_tool(page, "vragenlijst-agressie")
    entry = part(page, "vragenlijst-agressie", "lijsten")
    root.get_by_label("Voorwoord of aanbiedingsbrief").fill("Beste collega,")
    enter_form(entry, "Afgelopen jaar niet", [], "Afgelopen jaar niet", [])
    assert "Beste collega" in stored(page) and "q1" not in stored(page)
    exported = download(page, root.get_by_role("button", name="Opslaan als bestand"))
    bad = tmp_path / "kapot.json"
    bad.write_text(exported.decode("utf-8")[:40], encoding="utf-8")
    root.locator("input[data-action='import']").set_input_files(str(bad))
    expect(root.locator("[data-message]")).to_contain_text("beschadigd")
    other = tmp_path / "ander.json"
    other.write_text(json.dumps({**json.loads(exported), "tool": "huisregels-brief"}), encoding="utf-8")
    root.locator("input[data-action='import']").set_input_files(str(other))
    expect(root.locator("[data-message]")).to_contain_text("hoort bij een ander hulpmiddel")
    expect(entry.locator("[data-record-table] tbody tr")).to_have_count(1)
    page.reload()
    root = tool(page, "vragenlijst-agressie")
    expect(part(page, "vragenlijst-agressie", "lijsten").locator("[data-record-table] tbody tr")).to_have_count(0)
    changed = json.loads(exported)
    changed["records"]["lijsten"].append({"values": {"q1": "vaak", "onbekend": "x"}})
    good = tmp_path / "goed.json"
    good.write_text(json.dumps(changed), encoding="utf-8")
    root.locator("input[data-action='import']").set_input_files(str(good))
    box = root.locator("[data-confirm='import']")
    expect(box).to_be_visible()
    expect(box.locator("li")).to_have_count(2)
    root.get_by_role("button", name="Neem over wat klopt").click()
    expect(part(page, "vragenlijst-agressie", "lijsten").locator("[data-record-table] tbody tr")).to_have_count(2)


# ---- Every tool: keyboard and accessibility, empty and filled ----

def test_keyboard_only_check_and_fix(page: Page, base_url):
    open_tool(page, "agressieregistratie")
    root = part(page, "agressieregistratie", "formulier")
    press(root.get_by_role("button", name="Controleer het formulier"))
    summary = root.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(root.get_by_label("Naam medewerker")).to_be_focused()
    page.keyboard.type("Petra")
    expect(root.get_by_label("Naam medewerker")).to_have_value("Petra")
    page.keyboard.press("Tab")  # to M / V
    expect(root.get_by_label("M", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    expect(root.get_by_label("M", exact=True)).to_be_checked()


@pytest.mark.parametrize("tool_id", list(PAGES))
def test_filled_in_tools_pass_axe(page: Page, base_url, tool_id):
    root = open_tool(page, tool_id)
    if tool_id == "agressieregistratie":
        root.get_by_role("button", name="Controleer het formulier").click()
        fill_incident(part(page, tool_id, "formulier"))
        part(page, tool_id, "logboek").get_by_role("button", name="Neem over uit het formulier").click()
        part(page, tool_id, "logboek").get_by_role("button", name="Incident opslaan").click()
    elif tool_id == "huisregels-brief":
        root.get_by_label("Naam van uw woningcorporatie (niet verplicht)").fill("De Brug")
    elif tool_id == "baliewerkplekken":
        entry = part(page, tool_id, "balies")
        entry.get_by_label("Naam of plek van de balie").fill("Kassa")
        judge(entry, {"geld": "Ja", "veiligheid-2": "Voldoet niet"})
        entry.get_by_role("button", name="Balie opslaan").click()
    elif tool_id == "opvang-nazorg":
        root.get_by_label("Datum en tijdstip van het incident").fill("2026-11-02T09:00")
        root.get_by_label("Er was een groep medewerkers bij het incident betrokken (groepsopvang).").check()
    else:
        root.get_by_label("Vraag op de vragenlijst naar de afdeling").check()
        entry = part(page, tool_id, "lijsten")
        enter_form(entry, "Afgelopen jaar niet", ["Bezoekers / klanten"], "Afgelopen jaar niet", [], "Goed zo")
        enter_pile(entry, 20, "Wijkbeheer", {("q1", "jaar"): 5})
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_tools_start_after_instant_navigation(page: Page, base_url):
    open_tool(page, "huisregels-brief")
    page.evaluate("() => { window.__zelfde = 'ja' }")
    page.locator(".md-nav__link", has_text="13 Veilige baliewerkplekken").first.click()
    expect(tool(page, "baliewerkplekken")).to_have_attribute("data-ready", "1")
    assert page.evaluate("() => window.__zelfde") == "ja"  # no full page load
    entry = part(page, "baliewerkplekken", "balies")
    entry.get_by_label("Naam of plek van de balie").fill("Balie 2")
    entry.get_by_role("button", name="Balie opslaan").click()
    expect(entry.locator("[data-record-table] tbody tr")).to_have_count(1)


def test_without_javascript_the_forms_read_as_blank_paper(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    page.goto(PAGES["agressieregistratie"])
    form = part(page, "agressieregistratie", "formulier")
    expect(form.get_by_label("Naam medewerker")).to_be_visible()
    expect(form.get_by_label("Zo ja, welk letsel?")).to_be_visible()  # nothing is hidden without the script
    expect(tool(page, "agressieregistratie").get_by_role("button", name="Formulier afdrukken")).to_be_hidden()
    page.goto(PAGES["vragenlijst-agressie"])
    expect(part(page, "vragenlijst-agressie", "vragenlijst")).to_contain_text("Ruimte voor aanvullende opmerkingen:")
    page.goto(PAGES["huisregels-brief"])
    expect(part(page, "huisregels-brief", "brief")).to_contain_text("dan kunt u beroep doen op ………")
    context.close()


def test_csv_cells_cannot_become_excel_formulas(page: Page, base_url):
    open_tool(page, "baliewerkplekken")
    entry = part(page, "baliewerkplekken", "balies")
    entry.get_by_label("Naam of plek van de balie").fill('=HYPERLINK("http://x";"klik")')
    entry.get_by_label("Welke handelingen moeten er precies verricht worden", exact=False).fill("Geld; pinnen\nen \"post\"")
    entry.get_by_role("button", name="Balie opslaan").click()
    rows = read_csv(download(page, entry.get_by_role("button", name="Opslaan als CSV (Excel)")))
    head = rows[0]
    assert rows[1][head.index("Naam of plek van de balie")] == "'=HYPERLINK(\"http://x\";\"klik\")"
    assert rows[1][head.index(next(h for h in head if h.startswith("Welke handelingen")))] == "Geld; pinnen\nen \"post\""


def test_import_cannot_pollute_objects_and_editing_survives_an_import(page: Page, base_url, tmp_path):
    root = open_tool(page, "baliewerkplekken")
    entry = part(page, "baliewerkplekken", "balies")
    for name in ["A", "B", "C"]:
        entry.get_by_label("Naam of plek van de balie").fill(name)
        entry.get_by_role("button", name="Balie opslaan").click()
    entry.locator("[data-record-table]").get_by_role("button", name="Wijzig nummer 3").click()
    data = {"format": "psa-werkboek-formulier", "tool": "baliewerkplekken", "version": 1, "values": {},
            "ticks": {}, "records": {"balies": [{"values": {"naam": "Hal", "__proto__": {"vervuild": "ja"}}}],
                                     "__proto__": [{"values": {}}]}}
    path = tmp_path / "balies.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    root.locator("input[data-action='import']").set_input_files(str(path))
    root.get_by_role("button", name="Neem over wat klopt").click()
    assert page.evaluate("() => ({}).vervuild === undefined && [].vervuild === undefined")
    expect(entry.locator("[data-record-table] tbody tr")).to_have_count(1)
    expect(entry.get_by_role("button", name="Balie opslaan")).to_be_visible()  # no longer editing number 3
    entry.get_by_label("Naam of plek van de balie").fill("Nieuw")
    entry.get_by_role("button", name="Balie opslaan").click()
    expect(entry.locator("[data-record-table] tbody tr")).to_have_count(2)
    saved = json.loads(page.evaluate("() => localStorage.getItem('psa-werkboek:baliewerkplekken:v1')"))
    assert [r["values"]["naam"] for r in saved["records"]["balies"]] == ["Hal", "Nieuw"]


def test_turning_saving_off_removes_the_log_of_every_version(page: Page, base_url):
    root = open_tool(page, "agressieregistratie")
    page.evaluate("() => localStorage.setItem('psa-werkboek:agressieregistratie:v0', '{\"oud\": true}')")
    root.get_by_label("Bewaar ‘Logboek zonder namen’ op dit apparaat").check()
    log = part(page, "agressieregistratie", "logboek")
    log.get_by_label("Datum incident").fill("2026-03-01")
    log.get_by_label("2. Discriminatie, Telefoon").check()
    log.get_by_role("button", name="Incident opslaan").click()
    assert "agressieregistratie:v1" in stored(page)
    root.get_by_label("Bewaar ‘Logboek zonder namen’ op dit apparaat").uncheck()
    assert "agressieregistratie:v" not in stored(page)
    expect(log.locator("[data-record-count]")).to_have_text("Opgeslagen: 1 incident.")  # still on screen


def test_log_needs_its_own_date_even_when_the_form_has_one(page: Page, base_url):
    open_tool(page, "agressieregistratie")
    fill_incident(part(page, "agressieregistratie", "formulier"))
    log = part(page, "agressieregistratie", "logboek")
    log.get_by_label("Vestiging").fill("Noord")
    log.get_by_role("button", name="Incident opslaan").click()
    expect(log.locator("[data-part-message]")).to_contain_text("Nog niet ingevuld: Datum incident")
    expect(log.locator("[data-record-table] tbody tr")).to_have_count(0)
