"""Workshop tools (bijlage 1, 3, 4 and 12) and the plan van aanpak in Chromium, used as a facilitator would."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from test_browser import describe, run_axe
from test_forms_browser import download, part, press, read_csv, stub_print, tool

PAGES = {
    "landkaart": "bijlagen/bijlage-1/",
    "samen-werkdruk-aanpakken": "bijlagen/bijlage-3/",
    "vragen-teamoverleg": "bijlagen/bijlage-4/",
    "gedragsprotocol": "bijlagen/bijlage-12/",
    "plan-van-aanpak": "plan-van-aanpak/",
}


def go(page: Page, tool_id: str):
    page.goto(PAGES[tool_id])
    expect(tool(page, tool_id)).to_have_attribute("data-ready", "1")
    return tool(page, tool_id)


def add_unit(page: Page, name: str, parent: str, colour: str):
    entry = part(page, "landkaart", "eenheden")
    entry.get_by_label("Naam van de afdeling of het team").fill(name)
    if parent:
        entry.get_by_label("Valt onder").select_option(parent)
    entry.locator("[data-wrap='kleur']").get_by_label(re.compile(colour + " op plaatsen")).check()
    entry.get_by_role("button", name="Afdeling of team opslaan").click()


def map_with(page: Page, *units: tuple[str, str, str]):
    """The map page with these (name, parent, colour) units saved; returns the entry part."""
    go(page, "landkaart")
    for unit in units:
        add_unit(page, *unit)
    return part(page, "landkaart", "eenheden")


def test_map_shows_a_tree_with_colour_names_and_patterns(page: Page, base_url):
    go(page, "landkaart")
    add_unit(page, "Directie", "", "Groen")
    add_unit(page, "Wonen", "Directie", "Oranje")
    add_unit(page, "Klantcontact", "Wonen", "Rood")
    tree = part(page, "landkaart", "kaart").locator("ul.rapport__boom").first
    expect(tree.locator(":scope > li")).to_have_count(1)  # one root
    nested = tree.locator("li li li")
    expect(nested).to_have_text("Rood Klantcontact")
    expect(nested.locator(".rapport__kleur")).to_have_class(re.compile("rapport__kleur--rood"))
    # Editing a unit: it cannot be placed under itself.
    entry = part(page, "landkaart", "eenheden")
    entry.get_by_role("button", name="Wijzig nummer 2").click()
    options = entry.get_by_label("Valt onder").locator("option").all_inner_texts()
    assert options == ["(geen)", "Directie", "Klantcontact"]


def test_maps_of_several_people_are_compared(page: Page, base_url, tmp_path):
    root = go(page, "landkaart")
    add_unit(page, "Wonen", "", "Oranje")
    add_unit(page, "Onderhoud", "", "Groen")
    mine = json.loads(download(page, root.get_by_role("button", name="Opslaan als bestand")))
    other = json.loads(json.dumps(mine))
    other["records"]["eenheden"][0]["values"]["kleur"] = "rood"
    (tmp_path / "Fatima.json").write_text(json.dumps(other), encoding="utf-8")
    (tmp_path / "Kees.json").write_text(json.dumps(mine), encoding="utf-8")
    (tmp_path / "kapot.json").write_text("{", encoding="utf-8")
    compare = part(page, "landkaart", "vergelijken")
    compare.locator("input[data-action='compare-files']").set_input_files(
        [str(tmp_path / "Fatima.json"), str(tmp_path / "Kees.json"), str(tmp_path / "kapot.json")])
    rows = compare.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(compare.locator("thead th")).to_have_text(["Naam", "Deze pagina", "Fatima", "Kees", "Verschil?"])
    expect(rows.nth(0)).to_have_text(re.compile(r"^Wonen\s*Oranje\s*Rood\s*Oranje\s*Verschil$"))
    expect(rows.nth(1)).to_have_text(re.compile(r"^Onderhoud\s*Groen\s*Groen\s*Groen\s*$"))
    expect(compare).to_contain_text("kapot.json")
    expect(compare).to_contain_text("Verschillende percepties? Verschillende cijfers? Verschillende ervaringen?")


def test_workshop_steps_count_votes_sort_solutions_and_grade_them(page: Page, base_url):
    root = go(page, "samen-werkdruk-aanpakken")
    memo = part(page, "samen-werkdruk-aanpakken", "memo")
    for flap, text, votes in [("wat goed gaat", "Fijne collega’s", 7), ("wat beter kan", "Te veel mail", 9),
                              ("wat beter kan", "Storingen", 4), ("wat beter kan", "Vergaderen", 12),
                              ("wat beter kan", "Pauzes", 1)]:
        memo.get_by_label(re.compile(flap)).check()
        memo.get_by_label("Onderwerp", exact=True).fill(text)
        memo.get_by_label("Aantal stemmen").fill(str(votes))
        memo.get_by_role("button", name="Onderwerp opslaan").click()
    top = part(page, "samen-werkdruk-aanpakken", "toplijst")
    better = top.locator(".rapport__kolom").nth(1)
    expect(better.locator("li")).to_have_text(["Vergaderen (12 stemmen)", "Te veel mail (9 stemmen)", "Storingen (4 stemmen)"])
    root.get_by_label("Top 5").check()
    expect(better.locator("li")).to_have_count(4)
    root.get_by_label("Onrust").check()
    solutions = part(page, "samen-werkdruk-aanpakken", "oplossingen")
    for text, column in [("Mailvrije ochtend", "samen kunt doen"), ("Notificaties uit", "zelf kan doen"),
                         ("IT laat storingen oplossen", "anderen binnen of buiten")]:
        solutions.get_by_label("Oplossing", exact=True).fill(text)
        solutions.get_by_label(re.compile(column)).check()
        solutions.get_by_role("button", name="Oplossing opslaan").click()
    board = part(page, "samen-werkdruk-aanpakken", "bord")
    expect(board.locator(".rapport__kolom")).to_have_text([re.compile("^Zelf.*Notificaties uit"),
                                                          re.compile("^Samen als groep.*Mailvrije ochtend"),
                                                          re.compile("^Anderen nodig.*IT laat storingen oplossen")])
    grades = part(page, "samen-werkdruk-aanpakken", "cijfers")
    grades.get_by_label("Welke oplossing?").select_option("Mailvrije ochtend")
    grades.get_by_label("Rapportcijfers (1 tot en met 10)").fill("7 8 6,5 9")
    grades.get_by_role("button", name="Rapportcijfer opslaan").click()
    grades.get_by_label("Welke oplossing?").select_option("Mailvrije ochtend")
    grades.get_by_label("Rapportcijfers (1 tot en met 10)").fill("5")
    grades.get_by_role("button", name="Rapportcijfer opslaan").click()
    stats = part(page, "samen-werkdruk-aanpakken", "evaluatie").locator("tbody tr")
    expect(stats).to_have_text([re.compile(r"^Mailvrije ochtend\s*5\s*7,1\s*5\s*9$")])
    agreements = part(page, "samen-werkdruk-aanpakken", "afspraken")
    agreements.get_by_label("Wie", exact=True).fill("Sanne")
    agreements.get_by_label("Wat", exact=True).fill("Mailvrije ochtend uitproberen")
    agreements.get_by_label("Elders in de organisatie bespreken").check()
    agreements.get_by_role("button", name="Afspraak opslaan").click()
    expect(part(page, "samen-werkdruk-aanpakken", "afsprakenlijst").locator("tbody tr")).to_have_text(
        [re.compile(r"^1\s*Sanne\s*Mailvrije ochtend uitproberen\s*–\s*Ja$")])
    # Every step can be printed on its own.
    stub_print(page)
    for button in ["Top afdrukken", "Oplossingen afdrukken", "Afspraken afdrukken", "Rapportcijfers afdrukken",
                   "Afronding afdrukken"]:
        root.get_by_role("button", name=button).click()
    assert [p["part"] for p in page.evaluate("() => window.__prints")] == [
        "toplijst", "bord", "afsprakenlijst", "evaluatie", "stap7"]


def test_discussion_cards_and_the_teams_answers(page: Page, base_url):
    root = go(page, "vragen-teamoverleg")
    cards = part(page, "vragen-teamoverleg", "kaartjes").locator("li.kaartjes__kaart")
    expect(cards).to_have_count(9)
    expect(cards.first).to_contain_text("Hebben wij heldere taken?")
    root.get_by_role("group", name="Vraag 5: is dit bij ons goed geregeld?").get_by_label("Deels").check()
    root.get_by_label("Antwoord van het team op vraag 5").fill("Te weinig tijd voor ideeën.")
    root.get_by_label("Afspraak bij vraag 5: wie doet wat, en wanneer?").fill("Ahmed zet het op de agenda, 1 maart")
    page.reload()
    root = tool(page, "vragen-teamoverleg")
    expect(root.get_by_label("Antwoord van het team op vraag 5")).to_have_value("Te weinig tijd voor ideeën.")
    stub_print(page)
    root.get_by_role("button", name="Kaartjes afdrukken").click()
    assert [p["part"] for p in page.evaluate("() => window.__prints")] == ["kaartjes"]
    page.emulate_media(media="print")
    expect(cards.first).to_have_css("border-top-style", "dashed")


def test_behaviour_protocol_from_the_books_examples_to_card_and_poster(page: Page, base_url):
    root = go(page, "gedragsprotocol")
    points = part(page, "gedragsprotocol", "ergernissen")
    for text, topic in [("Er wordt geroddeld over wie er niet is", "Roddelen"), ("Achter de rug praten", "roddelen "),
                        ("Mails worden niet beantwoord", "Bereikbaarheid")]:
        points.get_by_label(re.compile("^Waar hebben mensen")).fill(text)
        points.get_by_label("Stap 2: bij welk onderwerp hoort dit punt?").fill(topic)
        points.get_by_role("button", name="Punt opslaan").click()
    expect(part(page, "gedragsprotocol", "clusters").locator("tbody tr").first).to_have_text(re.compile(r"^Roddelen\s*2$"))
    statements = part(page, "gedragsprotocol", "uitspraken")
    statements.get_by_role("button", name="Begin met de tien voorbeelden uit het boek").click()
    expect(statements.locator("[data-record-table] tbody tr")).to_have_count(10)
    layout = part(page, "gedragsprotocol", "kaart")
    expect(layout.locator("[data-layout='kaart'] li")).to_have_count(10)
    expect(layout.locator("[data-layout='kaart'] [data-layout-title]")).to_have_text("Uitgangspunten voor goed en prettig werken")
    expect(layout.locator("[data-layout-warn]")).to_be_hidden()
    statements.get_by_label("Positieve uitspraak over gedrag").fill("Wij spreken niet over collega’s die er niet bij zijn")
    statements.get_by_label("Stap 4: hoeveel stemmen kreeg deze uitspraak in de teams?").fill("14")
    statements.get_by_label("Stap 5: in de eindlijst").check()
    statements.get_by_role("button", name="Uitspraak opslaan").click()
    expect(layout.locator("[data-layout-warn]")).to_be_visible()  # 11: a soft warning, not a block
    expect(part(page, "gedragsprotocol", "stemming").locator("[data-block='0'] li").first).to_have_text(
        "Wij spreken niet over collega’s die er niet bij zijn (14 stemmen)")
    root.get_by_label("Hoe noemt u het?").fill("Zo werken wij")
    expect(layout.locator("[data-layout='poster'] [data-layout-title]")).to_have_text("Zo werken wij")
    stub_print(page)
    layout.get_by_role("button", name="Kaartje afdrukken").click()
    assert [p["part"] for p in page.evaluate("() => window.__prints")] == ["kaart"]


def test_plan_takes_measures_from_the_overview_and_points_from_the_checklists(page: Page, base_url):
    root = go(page, "plan-van-aanpak")
    catalogue = part(page, "plan-van-aanpak", "maatregelen")
    expect(catalogue.locator("li.catalogus__item")).to_have_count(8 + 17 + 11)
    expect(catalogue.locator("[data-catalogue-count]")).to_have_text("36 maatregelen")
    catalogue.get_by_label("Thema").select_option("agressie")
    catalogue.get_by_label("Niveau of terrein").select_option("personeel")
    visible = catalogue.locator("li.catalogus__item:not([hidden])")
    expect(visible).to_have_count(5)
    expect(visible.first.locator("a")).to_have_attribute("href", re.compile(r"/agressie/maatregelen/#maatregel-4-6-13$"))
    visible.nth(3).get_by_role("button").click()
    root.get_by_role("group", name="1. Willen (intentieverklaring)").get_by_label("Klaar").check()
    # From bijlage 16 and bijlage 7, with the agreement of the team view.
    page.goto("bijlagen/bijlage-16/")
    page.locator("fieldset[data-answered-item='9']").get_by_label("Nee", exact=True).check()
    item = page.locator("#instrument-inspectie-szw .uitkomst__lijst li[data-item='9']")
    item.get_by_label("Wie").fill("Arbo-coördinator")
    item.get_by_label("Wanneer").fill("voor 1 april")
    item.get_by_role("button", name=re.compile("^Zet in plan van aanpak")).click()
    expect(item.locator("[data-plan-message]")).to_have_text("Toegevoegd aan het plan van aanpak (nummer 2).")
    item.get_by_role("button", name=re.compile("^Zet in plan van aanpak")).click()
    expect(item.locator("[data-plan-message]")).to_have_text("Dit punt staat al in het plan van aanpak (nummer 2).")
    page.goto("plan-van-aanpak/")
    root = tool(page, "plan-van-aanpak")
    rows = part(page, "plan-van-aanpak", "overzicht").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_text(re.compile(r"^1\s*16\. Opvang en nazorg\s*Agressie en geweld, paragraaf 4\.6"))
    expect(rows.nth(1)).to_have_text(re.compile(r"^2\s*9\. Is er een regeling voor opvang.*Inspectie SZW op\?"
                                                r"\s*–\s*Arbo-coördinator\s*voor 1 april"))
    expect(root.get_by_role("group", name="1. Willen (intentieverklaring)").get_by_label("Klaar")).to_be_checked()
    plan = part(page, "plan-van-aanpak", "plan")
    plan.get_by_role("button", name="Wijzig nummer 1").click()
    plan.get_by_label("Doel").fill("Binnen 72 uur nazorg; ‘zo doen we het wél’")
    plan.get_by_label("Bezig").check()
    plan.get_by_role("button", name="Wijzigingen opslaan").click()
    rows_csv = read_csv(download(page, plan.get_by_role("button", name="Opslaan als CSV (Excel)")))
    assert rows_csv[0] == ["Nr.", "Maatregel of actiepunt", "Waar komt het vandaan?", "Doel", "Verantwoordelijke",
                           "Planning van de uitvoering", "Evaluatiemoment", "Stand van zaken"]
    assert rows_csv[1][3] == "Binnen 72 uur nazorg; ‘zo doen we het wél’" and rows_csv[1][7] == "Bezig"
    stub_print(page)
    root.get_by_role("button", name="Plan afdrukken").click()
    assert [p["part"] for p in page.evaluate("() => window.__prints")] == ["overzicht"]


def test_team_agreements_go_into_the_plan(page: Page, base_url):
    page.goto("bijlagen/bijlage-7/")
    root = page.locator("#instrument-werkoverleg")
    expect(root).to_have_attribute("data-ready", "1")
    root.get_by_role("button", name="Samen invullen (team)").click()
    root.get_by_label("Aantal deelnemers").fill("4")
    plus = root.locator("[data-team-item='2.5'] [data-team-option='oordeel:beter']").get_by_role(
        "button", name="Eén meer: Kan beter, Zijn de deelnemers op tijd aanwezig?")
    plus.click()
    plus.click()
    item = root.locator("[data-team-list] > li:not([hidden])").first
    item.get_by_label("Wat").fill("Agenda vooraf rondsturen")
    item.get_by_role("button", name=re.compile("^Zet in plan van aanpak")).click()
    expect(item.locator("[data-plan-message]")).to_contain_text("Toegevoegd aan het plan van aanpak")
    saved = json.loads(page.evaluate("() => localStorage.getItem('psa-werkboek:plan-van-aanpak:v1')"))
    assert saved["records"]["plan"][0]["values"]["doel"] == "Agenda vooraf rondsturen"
    assert saved["records"]["plan"][0]["values"]["bron"].endswith("(team)")


@pytest.mark.parametrize("tool_id", list(PAGES))
def test_filled_in_workshop_tools_pass_axe(page: Page, base_url, tool_id):
    root = go(page, tool_id)
    if tool_id == "landkaart":
        add_unit(page, "Directie", "", "Groen")
        add_unit(page, "Wonen", "Directie", "Rood")
    elif tool_id == "samen-werkdruk-aanpakken":
        memo = part(page, tool_id, "memo")
        memo.get_by_label(re.compile("wat beter kan")).check()
        memo.get_by_label("Onderwerp", exact=True).fill("Te veel mail")
        memo.get_by_role("button", name="Onderwerp opslaan").click()
    elif tool_id == "vragen-teamoverleg":
        root.get_by_label("Antwoord van het team op vraag 1").fill("Ja")
    elif tool_id == "gedragsprotocol":
        part(page, tool_id, "uitspraken").get_by_role("button", name="Begin met de tien voorbeelden uit het boek").click()
    else:
        part(page, tool_id, "maatregelen").get_by_role("button", name=re.compile("Zet in plan")).first.click()
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_keyboard_only_from_examples_to_the_card(page: Page, base_url):
    go(page, "gedragsprotocol")
    statements = part(page, "gedragsprotocol", "uitspraken")
    press(statements.get_by_role("button", name="Begin met de tien voorbeelden uit het boek"))
    expect(statements.locator("[data-record-table] tbody tr")).to_have_count(10)
    press(statements.get_by_role("button", name="Wijzig nummer 2"))
    expect(statements.get_by_label("Bij welk onderwerp hoort deze uitspraak?")).to_be_focused()  # the first field
    page.keyboard.press("Tab")
    expect(statements.get_by_label("Positieve uitspraak over gedrag")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("Wij praten met elkaar, niet over elkaar.")
    press(statements.get_by_role("button", name="Wijzigingen opslaan"))
    layout = part(page, "gedragsprotocol", "kaart")
    expect(layout.locator("[data-layout='kaart'] li").nth(1)).to_have_text("Wij praten met elkaar, niet over elkaar.")
    remove = statements.get_by_role("button", name="Verwijder nummer 10")
    press(remove)
    press(remove, "Escape")  # changed my mind
    expect(remove).to_have_text("Verwijder")
    expect(statements.locator("[data-record-table] tbody tr")).to_have_count(10)
    stub_print(page)
    press(layout.get_by_role("button", name="Poster afdrukken"))
    assert [p["part"] for p in page.evaluate("() => window.__prints")] == ["kaart"]


def test_map_keeps_names_unique_carries_renames_and_shows_loops(page: Page, base_url):
    entry = map_with(page, ("Directie", "", "Groen"), ("Wonen", "Directie", "Oranje"), ("Team Noord", "Wonen", "Rood"))
    entry.get_by_label("Naam van de afdeling of het team").fill("wonen ")
    entry.locator("[data-wrap='kleur']").get_by_label(re.compile("Groen op plaatsen")).check()
    entry.get_by_role("button", name="Afdeling of team opslaan").click()
    expect(entry.locator("[data-part-message]")).to_contain_text("Er is al een afdeling of team met de naam ‘wonen ’")
    entry.get_by_role("button", name="Leegmaken").click()
    entry.get_by_role("button", name="Wijzig nummer 2").click()
    entry.get_by_label("Naam van de afdeling of het team").fill("Wonen en Leefbaarheid")
    entry.get_by_role("button", name="Wijzigingen opslaan").click()
    tree = part(page, "landkaart", "kaart")
    expect(tree.locator("li li li")).to_have_text("Rood Team Noord")  # still under the renamed unit
    entry.get_by_role("button", name="Wijzig nummer 1").click()
    entry.get_by_label("Valt onder").select_option("Team Noord")  # a loop
    entry.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(tree).to_contain_text("Directie")
    expect(tree).to_contain_text("valt onder een afdeling die zelf hieronder valt")


def test_grades_outside_one_to_ten_are_refused(page: Page, base_url):
    go(page, "samen-werkdruk-aanpakken")
    solutions = part(page, "samen-werkdruk-aanpakken", "oplossingen")
    solutions.get_by_label("Oplossing", exact=True).fill("Mailvrije ochtend")
    solutions.get_by_label(re.compile("samen kunt doen")).check()
    solutions.get_by_label("Oplossing", exact=True).press("Enter")  # Enter saves, like a form
    expect(solutions.locator("[data-record-table] tbody tr")).to_have_count(1)
    grades = part(page, "samen-werkdruk-aanpakken", "cijfers")
    grades.get_by_label("Welke oplossing?").select_option("Mailvrije ochtend")
    grades.get_by_label("Rapportcijfers (1 tot en met 10)").fill("7 11 abc")
    grades.get_by_role("button", name="Rapportcijfer opslaan").click()
    expect(grades.locator("[data-part-message]")).to_contain_text("vul alleen getallen van 1 tot en met 10 in")
    expect(grades.locator("[data-record-table] tbody tr")).to_have_count(0)


def test_top_keeps_a_tie_at_the_cut_off(page: Page, base_url):
    go(page, "samen-werkdruk-aanpakken")
    memo = part(page, "samen-werkdruk-aanpakken", "memo")
    for text, votes in [("A", 9), ("B", 6), ("C", 4), ("D", 4), ("E", 1)]:
        memo.get_by_label(re.compile("wat beter kan")).check()
        memo.get_by_label("Onderwerp", exact=True).fill(text)
        memo.get_by_label("Aantal stemmen").fill(str(votes))
        memo.get_by_role("button", name="Onderwerp opslaan").click()
    better = part(page, "samen-werkdruk-aanpakken", "toplijst").locator(".rapport__kolom").nth(1)
    expect(better.locator("li")).to_have_text(["A (9 stemmen)", "B (6 stemmen)", "C (4 stemmen)", "D (4 stemmen)"])


def test_catalogue_says_what_happened_and_adds_a_measure_once(page: Page, base_url):
    go(page, "plan-van-aanpak")
    catalogue = part(page, "plan-van-aanpak", "maatregelen")
    catalogue.get_by_label("Thema").select_option("werkdruk")
    expect(catalogue.locator("[data-catalogue-group]:not([hidden])")).to_have_count(1)
    item = catalogue.locator("li.catalogus__item:not([hidden])").first
    item.get_by_role("button").click()
    expect(item.locator("[data-item-message]")).to_have_text("Staat nu in het plan (nummer 1).")
    item.get_by_role("button").click()
    expect(item.locator("[data-item-message]")).to_have_text("Stond al in het plan (nummer 1).")
    expect(part(page, "plan-van-aanpak", "plan").locator("[data-record-table] tbody tr")).to_have_count(1)


def test_examples_are_added_once_and_opening_a_file_asks_before_replacing(page: Page, base_url, tmp_path):
    root = go(page, "gedragsprotocol")
    statements = part(page, "gedragsprotocol", "uitspraken")
    button = statements.get_by_role("button", name="Begin met de tien voorbeelden uit het boek")
    button.click()
    button.click()
    expect(statements.locator("[data-part-message]")).to_have_text("De voorbeelden uit het boek staan er al.")
    expect(statements.locator("[data-record-table] tbody tr")).to_have_count(10)
    saved = json.loads(download(page, root.get_by_role("button", name="Opslaan als bestand")))
    saved["records"]["uitspraken"] = saved["records"]["uitspraken"][:2]
    path = tmp_path / "collega.json"
    path.write_text(json.dumps(saved), encoding="utf-8")
    root.locator("input[data-action='import']").set_input_files(str(path))
    box = root.locator("[data-confirm='import']")
    expect(box).to_contain_text("vervangt het alles wat u nu heeft ingevuld")
    root.get_by_role("button", name="Niet overnemen").click()
    expect(statements.locator("[data-record-table] tbody tr")).to_have_count(10)


def test_a_plan_open_in_another_tab_keeps_points_added_meanwhile(page: Page, base_url):
    plan_tab = page
    go(plan_tab, "plan-van-aanpak")
    other = plan_tab.context.new_page()
    other.goto("bijlagen/bijlage-16/")
    other.locator("fieldset[data-answered-item='5']").get_by_label("Nee", exact=True).check()
    other.locator("#instrument-inspectie-szw .uitkomst__lijst li[data-item='5']").get_by_role(
        "button", name=re.compile("^Zet in plan van aanpak")).click()
    plan = part(plan_tab, "plan-van-aanpak", "plan")
    expect(plan.locator("[data-record-table] tbody tr")).to_have_count(1)  # the open plan took it over
    tool(plan_tab, "plan-van-aanpak").get_by_role("group", name="2. Weten (risico’s inventariseren)").get_by_label("Bezig").check()
    saved = json.loads(plan_tab.evaluate("() => localStorage.getItem('psa-werkboek:plan-van-aanpak:v1')"))
    assert len(saved["records"]["plan"]) == 1 and saved["values"]["weten"] == "bezig"
    other.close()


def test_personal_signals_cannot_be_put_in_the_plan(page: Page, base_url):
    page.goto("werkdruk/")
    page.locator("#instrument-werkdruksignalen-medewerkers").scroll_into_view_if_needed()
    expect(page.locator("#instrument-werkdruksignalen-medewerkers")).to_have_attribute("data-ready", "1")
    assert page.locator("#instrument-werkdruksignalen-medewerkers [data-action='to-plan']").count() == 0
    assert page.locator("#instrument-werkdruksignalen-team [data-action='to-plan']").count() > 0


def test_top_without_votes_yet_and_examples_after_an_edit(page: Page, base_url):
    go(page, "samen-werkdruk-aanpakken")
    memo = part(page, "samen-werkdruk-aanpakken", "memo")
    for text in ["A", "B", "C", "D"]:
        memo.get_by_label(re.compile("wat beter kan")).check()
        memo.get_by_label("Onderwerp", exact=True).fill(text)
        memo.get_by_role("button", name="Onderwerp opslaan").click()
    better = part(page, "samen-werkdruk-aanpakken", "toplijst").locator(".rapport__kolom").nth(1)
    expect(better.locator("li")).to_have_count(3)  # no votes yet: no tie to keep
    go(page, "gedragsprotocol")
    statements = part(page, "gedragsprotocol", "uitspraken")
    statements.get_by_role("button", name="Begin met de tien voorbeelden uit het boek").click()
    statements.get_by_role("button", name="Wijzig nummer 1", exact=True).click()
    statements.get_by_label("Stap 4: hoeveel stemmen kreeg deze uitspraak in de teams?").fill("3")
    statements.get_by_role("button", name="Wijzigingen opslaan").click()
    statements.get_by_role("button", name="Begin met de tien voorbeelden uit het boek").click()
    expect(statements.locator("[data-record-table] tbody tr")).to_have_count(10)


def test_a_loop_in_the_map_is_shown_once_and_only_its_members_are_marked(page: Page, base_url):
    entry = map_with(page, ("A", "", "Groen"), ("B", "A", "Oranje"), ("C", "A", "Rood"))
    entry.get_by_role("button", name="Wijzig nummer 1").click()
    entry.get_by_label("Valt onder").select_option("B")
    entry.get_by_role("button", name="Wijzigingen opslaan").click()
    tree = part(page, "landkaart", "kaart")
    expect(tree.locator("li")).to_have_count(3)
    expect(tree.locator("li", has_text="valt onder een afdeling die zelf hieronder valt")).to_have_count(2)
