"""An organisation's own edition (organisatie.yml): checking the file, and every place it shows, with a fixture
organisation (tests/fixtures/organisatie/) and without one (the neutral book)."""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from conftest import ROOT
from sitebuild import build, serve
from test_browser import WIDTHS, describe, run_axe

sys.path.insert(0, str(ROOT / "hooks"))

import editions  # noqa: E402
from instruments import load_folder  # noqa: E402
from organisation import (DEPARTMENT_FIELDS, ENV, PEOPLE_FIELDS, ROLES, SCHEMA, TOOLS, OrganisationError,  # noqa: E402
                          contrast, load, locate)

FIXTURE = ROOT / "tests" / "fixtures" / "organisatie"
BROKEN = sorted((FIXTURE / "broken").glob("*.yml"))
ORG_FILE = (FIXTURE / "organisatie.yml").relative_to(ROOT).as_posix()
NAME = "Woonstichting De Linde"
REFERRAL = "Arbodienst Gezond Werk (bedrijfsarts), 088 555 12 34"  # B15's referral, from the bedrijfsarts contact


def load_fixture():
    return load(FIXTURE / "organisatie.yml", "organisatie.yml", ROOT)


# ---- The file, without MkDocs ----

@pytest.mark.parametrize("case", BROKEN, ids=[p.stem for p in BROKEN])
def test_bad_input_names_file_key_and_line(case: Path):
    expected = case.with_suffix(".txt").read_text(encoding="utf-8").strip()
    with pytest.raises(OrganisationError) as error:
        load(case, case.name, ROOT)
    assert str(error.value) == expected


def test_every_bad_input_case_has_its_expected_message():
    assert len(BROKEN) >= 15
    assert sorted(p.stem for p in (FIXTURE / "broken").glob("*.txt")) == sorted(p.stem for p in BROKEN)


def test_the_fixture_uses_every_role_and_every_tool():
    org = load_fixture()
    assert org.name == NAME and org.short == "De Linde" and org.colour == "#1d5e3a"
    assert org.edition == "https://werkboek.delinde.example.nl/" and org.logo.name == "logo.svg"
    assert [r.key for r in ROLES if r.key in org.contacts] == [r.key for r in ROLES]
    assert org.contacts["overig-1"].title == "Bedrijfsmaatschappelijk werk"
    assert org.contacts["bhv"].tel == "2222" and org.contacts["vertrouwenspersoon-extern"].tel == "+31207654321"
    assert org.privacy.email == "privacy@delinde.example.nl" and org.accessibility.phone == "030 123 45 11"
    assert set(org.tools) == set(TOOLS)
    letter = org.defaults("huisregels-brief")["values"]
    assert letter["organisatie"] == NAME and letter["weken"] == "2"  # the name comes from the file's own naam
    # B15: the referral goes to the bedrijfsarts of the contacts, as the book's example says.
    assert org.defaults("opvang-nazorg")["values"]["verwijzing"] == REFERRAL
    assert org.defaults("landkaart") == {"values": {}, "suggest": {"naam": org.departments}}
    assert "Petra de Vries" in org.defaults("plan-van-aanpak")["suggest"]["verantwoordelijke"]
    assert org.defaults("werkoverleg") is None


def test_house_colour_contrast_is_measured_as_wcag_does():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes
    assert contrast("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("colour, ok", [("#767676", True), ("#777777", False), ("#154273", True), ("#fff", False)])
def test_house_colour_is_refused_below_4_5_to_1(tmp_path, colour, ok):
    path = tmp_path / "organisatie.yml"
    path.write_text(f'naam: X\nhuiskleur: "{colour}"\n', encoding="utf-8")
    if ok:
        assert load(path, path.name, ROOT).colour == colour
    else:
        with pytest.raises(OrganisationError, match=r"huiskleur.*regel 2: .*minstens 4,5:1"):
            load(path, path.name, ROOT)


def test_a_named_file_must_exist_and_no_file_is_the_neutral_book(tmp_path):
    with pytest.raises(OrganisationError, match="bestaat niet"):
        locate(tmp_path, "elders.yml")
    assert locate(tmp_path, None) is None
    assert locate(ROOT, ORG_FILE) == FIXTURE / "organisatie.yml"


def test_schema_roles_and_tools_agree_with_the_code_and_the_checklists():
    schema = json.loads((ROOT / SCHEMA).read_text(encoding="utf-8"))
    assert set(schema["properties"]["contacten"]["properties"]) == {r.key for r in ROLES} | {"overige"}
    tools = schema["properties"]["hulpmiddelen"]["properties"]
    assert set(tools) == set(TOOLS) | {"afdelingen"}
    fields = {}
    for path in (ROOT / "checklists").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for part in data.get("parts", []):
            for f in part.get("fields", []):
                fields.setdefault(data["id"], {})[f["id"]] = (part["type"], f["type"])
    for tool in TOOLS:
        for field in tools[tool]["properties"]:
            assert fields[tool][field][0] == "fields", (tool, field)  # a default fills a field of a fields part
    for tool, field in {**DEPARTMENT_FIELDS, **PEOPLE_FIELDS}.items():
        assert fields[tool][field][1] == "text", (tool, field)  # suggestions go on a text field
    # Editors complete the fixture from the schema, as the checklists do.
    assert (FIXTURE / "organisatie.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../../organisatie-schema.json")


def test_roles_link_to_sections_of_the_book_that_exist():
    for role in ROLES:
        page, anchor = role.book.split("#")
        assert "{#" + anchor + "}" in (ROOT / "docs" / page).read_text(encoding="utf-8"), role.key


def test_the_edition_address_becomes_site_url_unless_site_url_is_given(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.setenv(ENV, ORG_FILE)
    monkeypatch.delenv("SITE_URL", raising=False)
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    assert config.site_url == "https://werkboek.delinde.example.nl/"
    assert config.site_name == "PSA-werkboek · De Linde"
    assert config.theme["logo"] == "organisatie/logo.svg" and config.extra_css[-1] == "psa/organisatie.css"
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8123/")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    assert config.plugins.on_config(config).site_url == "http://127.0.0.1:8123/"


# ---- The built site ----

@pytest.fixture(scope="session")
def org_server(tmp_path_factory):
    """One build with the fixture organisation, served on loopback (instant navigation needs site_url to match)."""
    site = tmp_path_factory.mktemp("org-site")
    with serve(site) as url:
        result = build(site, site_url=url, env={ENV: ORG_FILE})
        if result.returncode:
            pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
        yield url, site


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_fixture_shows_on_every_page_it_belongs_to(org_server):
    _, site = org_server
    start = html(site, "")
    assert f"Uitgave van {NAME}" in start and 'alt="Logo van Woonstichting De Linde"' in start
    assert '<a href="hulp-en-contact/">Hulp' in start
    # Material's header: name, logo and the house colour from a stylesheet file, never a style attribute.
    assert "<title>Over dit werkboek - PSA-werkboek · De Linde</title>" in start
    assert 'src="organisatie/logo.svg"' in start and (site / "organisatie" / "logo.svg").is_file()
    assert 'href="psa/organisatie.css"' in start
    assert "--md-primary-fg-color: #1d5e3a;" in (site / "psa" / "organisatie.css").read_text(encoding="utf-8")
    assert f"Uitgave van {NAME}." in start  # the footer
    help_page = html(site, "hulp-en-contact")
    for name in ("Petra de Vries", "Bureau Vertrouwd", "Arbodienst Gezond Werk", "afdeling P&amp;O", "Karim Bouali",
                 "BHV-ploeg (receptie)", "Meldkamer SecuWoon", "Landelijke Klachtencommissie Ongewenst Gedrag",
                 "Wijkagent Utrecht-Oost", "Sanne Jansen"):
        assert name in help_page, name
    assert 'href="tel:0301234567"' in help_page and 'href="mailto:po@delinde.example.nl"' in help_page
    assert 'href="../ongewenste-omgangsvormen/#paragraaf-5-5"' in help_page
    assert "data-organisatie-leeg" not in help_page
    privacy = html(site, "privacy")
    assert "privacy@delinde.example.nl" in privacy and f"wordt op internet gezet door {NAME}" in privacy
    accessibility = html(site, "toegankelijkheid")
    assert "webredactie@delinde.example.nl" in accessibility and f"geldt voor de uitgave van {NAME}" in accessibility
    for path, tool in (("bijlagen/bijlage-11", "huisregels-brief"), ("bijlagen/bijlage-12", "gedragsprotocol"),
                       ("bijlagen/bijlage-15", "opvang-nazorg"), ("bijlagen/bijlage-8", "vragenlijst-agressie"),
                       ("bijlagen/bijlage-1", "landkaart"), ("plan-van-aanpak", "plan-van-aanpak")):
        assert re.search(f'id="formulier-{tool}" data-defaults="', html(site, path)), tool
    cover = html(site, "afdrukken")
    assert f"Uitgave van {NAME}" in cover and 'data-afdruk-organisatie="De Linde"' in cover
    assert cover.count('id="afdruk-hulp-en-contact"') == 1
    assert 'src="../organisatie/logo.svg"' in cover
    for text in (start, help_page, cover):
        assert not re.search(r"<[a-z][^>]* style=", text.split('class="md-content"', 1)[1])  # the CSP allows none


def test_without_the_file_the_book_is_neutral_with_notes(site_dir):
    start = html(site_dir, "")
    assert "Algemene uitgave" in start and "<title>Over dit werkboek - PSA-werkboek</title>" in start
    assert "organisatie.css" not in start and not (site_dir / "organisatie").exists()
    help_page = html(site_dir, "hulp-en-contact")
    assert help_page.count("data-organisatie-leeg") == 5 and "Nog niet ingevuld" in help_page
    assert "de gegevens invullen van de interne vertrouwenspersoon, de externe vertrouwenspersoon en de " \
           "klachtencommissie" in help_page
    assert "Hier kan uw organisatie" in help_page and "tel:" not in help_page
    assert "noemt hier wie vragen over privacy beantwoordt" in html(site_dir, "privacy")
    assert "noemt hier waar u een probleem met de toegankelijkheid meldt" in html(site_dir, "toegankelijkheid")
    assert "Algemene uitgave, voor elke woningcorporatie" in html(site_dir, "afdrukken")
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "data-defaults" not in text and "data-organisatie-standaard" not in text, page


# ---- In the browser ----

def field(page: Page, tool: str, field_id: str):
    return page.locator(f"#formulier-{tool} [data-field='{field_id}']").first


def open_tool(page: Page, url: str, tool: str):
    page.goto(url)
    root = page.locator(f"#formulier-{tool}")
    root.scroll_into_view_if_needed()
    expect(root).to_have_attribute("data-ready", "1")


def test_tools_start_with_the_organisations_defaults_and_saved_answers_win(page: Page, org_server):
    base, _ = org_server
    open_tool(page, base + "bijlagen/bijlage-11/", "huisregels-brief")
    expect(page.locator("#formulier-huisregels-brief [data-organisatie-standaard]")).to_contain_text(
        f"Een deel is al ingevuld met de gegevens van {NAME}. U kunt alles veranderen.")
    expect(field(page, "huisregels-brief", "beroep")).to_have_value("de teamleider Klantcontact")
    expect(field(page, "huisregels-brief", "organisatie")).to_have_value(NAME)
    expect(field(page, "huisregels-brief", "weken")).to_have_value("2")
    letter = page.locator("#formulier-huisregels-brief [data-part='brief']")
    expect(letter).to_contain_text("dan kunt u beroep doen op de teamleider Klantcontact")
    expect(letter).to_contain_text("J. Smit, directeur-bestuurder")
    # A user's own answer is kept and wins over the default after a reload.
    field(page, "huisregels-brief", "beroep").fill("mevrouw Jansen van het klantcontactcentrum")
    page.reload()
    expect(page.locator("#formulier-huisregels-brief")).to_have_attribute("data-ready", "1")
    expect(field(page, "huisregels-brief", "beroep")).to_have_value("mevrouw Jansen van het klantcontactcentrum")
    expect(field(page, "huisregels-brief", "adres")).to_have_value(re.compile("Postbus 1234"))

    open_tool(page, base + "bijlagen/bijlage-15/", "opvang-nazorg")
    expect(field(page, "opvang-nazorg", "verwijzing")).to_have_value(REFERRAL)
    expect(page.locator("#formulier-opvang-nazorg [data-part='hulp']")).to_contain_text(
        "contact opgenomen worden met Bureau Bedrijfsopvang Midden (030 999 88 77) die de teamleider inschakelt")

    open_tool(page, base + "bijlagen/bijlage-8/", "vragenlijst-agressie")
    expect(field(page, "vragenlijst-agressie", "melden")).to_have_value(re.compile("Petra de Vries"))
    open_tool(page, base + "bijlagen/bijlage-12/", "gedragsprotocol")
    expect(field(page, "gedragsprotocol", "titel")).to_have_value("Zo gaan wij met elkaar om bij De Linde")

    # Departments and people as suggestions: the user still types whatever they like.
    open_tool(page, base + "bijlagen/bijlage-1/", "landkaart")
    assert page.locator("[data-organisatie-standaard]").count() == 0  # suggestions only: nothing was filled in
    name = field(page, "landkaart", "naam")
    list_id = name.get_attribute("list")
    assert page.evaluate("id => [...document.getElementById(id).options].map(o => o.value)", list_id) == [
        "Klantcontact", "Wijkbeheer", "Vastgoedonderhoud", "Financiën"]
    open_tool(page, base + "plan-van-aanpak/", "plan-van-aanpak")
    people = field(page, "plan-van-aanpak", "verantwoordelijke").get_attribute("list")
    assert "Karim Bouali" in page.evaluate("id => [...document.getElementById(id).options].map(o => o.value)", people)


def test_clearing_a_tool_brings_back_the_defaults_not_the_answers(page: Page, org_server):
    base, _ = org_server
    open_tool(page, base + "bijlagen/bijlage-12/", "gedragsprotocol")
    field(page, "gedragsprotocol", "titel").fill("Ons protocol")
    root = page.locator("#formulier-gedragsprotocol")
    root.locator("button[data-action='clear']").first.click()
    root.locator("button[data-action='clear-confirm']").first.click()
    expect(field(page, "gedragsprotocol", "titel")).to_have_value("Zo gaan wij met elkaar om bij De Linde")


def test_two_tabs_take_each_others_answers_over_the_defaults(context, org_server):
    """A default that a tab shows is not an answer it gave: the other tab's answer comes in without a choice."""
    base, _ = org_server
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        open_tool(tab, base + "bijlagen/bijlage-11/", "huisregels-brief")
    field(second, "huisregels-brief", "beroep").fill("mevrouw Jansen")
    expect(field(first, "huisregels-brief", "beroep")).to_have_value("mevrouw Jansen")
    expect(first.locator("#formulier-huisregels-brief [data-message]")).to_contain_text("In een ander tabblad")
    field(first, "huisregels-brief", "weken").fill("3")
    expect(field(second, "huisregels-brief", "weken")).to_have_value("3")
    expect(field(second, "huisregels-brief", "beroep")).to_have_value("mevrouw Jansen")
    expect(field(second, "huisregels-brief", "adres")).to_have_value(re.compile("Postbus 1234"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("edition", ["organisatie", "neutraal"])
@pytest.mark.parametrize("path", ["hulp-en-contact/", ""])
def test_help_page_and_start_page_pass_axe(page: Page, org_server, base_url, width, edition, path):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    page.goto((org_server[0] if edition == "organisatie" else base_url) + path)
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_help_page_links_reach_the_book_by_keyboard(page: Page, org_server):
    base, _ = org_server
    page.goto(base + "hulp-en-contact/")
    links = page.get_by_role("link", name="paragraaf 5.5")
    assert links.count() == 4  # the text and the cards of both vertrouwenspersonen and the klachtencommissie
    for n in range(links.count()):  # Material makes the addresses absolute
        assert links.nth(n).get_attribute("href") == base + "ongewenste-omgangsvormen/#paragraaf-5-5"
    # Tab reaches the first contact card's links, in reading order, after the text above it.
    page.locator("#werkdruk").scroll_into_view_if_needed()
    page.get_by_role("link", name="maatregelen tegen werkdruk").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="030 123 45 00")).to_be_focused()  # the arbo-coördinator comes first
    page.goto(base + "ongewenste-omgangsvormen/#paragraaf-5-5")
    expect(page.locator("#paragraaf-5-5")).to_be_in_viewport()


def test_pages_on_paper_keep_the_organisation(page: Page, org_server):
    base, _ = org_server
    page.emulate_media(media="print")
    page.goto(base)
    expect(page.locator("[data-organisatie-uitgave]")).to_be_visible()
    page.goto(base + "hulp-en-contact/")
    expect(page.get_by_text("Petra de Vries, interne vertrouwenspersoon")).to_be_visible()
    expect(page.get_by_text("030 123 45 67")).to_be_visible()
    # A tool printed from the screen carries what the organisation filled in.
    page.goto(base + "bijlagen/bijlage-11/")
    expect(page.locator("#formulier-huisregels-brief")).to_have_attribute("data-ready", "1")
    letter = page.locator("#formulier-huisregels-brief [data-part='brief']")
    expect(letter).to_contain_text("J. Smit, directeur-bestuurder")
    expect(letter).to_be_visible()


def test_paper_cover_and_handouts_carry_the_organisation(browser, org_server, tmp_path):
    base, _ = org_server
    printed = editions.print_pdfs(browser, base, tmp_path)
    book, handouts = PdfReader(printed.book), PdfReader(printed.handouts)
    cover = " ".join(book.pages[0].extract_text().split())
    assert f"Uitgave van {NAME}" in cover and "Psychosociale arbeidsbelasting" in cover
    assert "PSA-werkboek · De Linde" in book.pages[2].extract_text()  # the footer
    # The contacts on a sheet of their own, after the contents, with a bookmark.
    assert "Hulp en contact" in [item.title for item in book.outline if not isinstance(item, list)]
    contacts = next(n for n, sheet in enumerate(book.pages) if "Hier kunt u terecht" in sheet.extract_text())
    assert 2 <= contacts <= 5 and "Petra de Vries" in book.pages[contacts].extract_text()
    first = " ".join(handouts.pages[0].extract_text().split())
    assert f"Uitgave van {NAME}" in first and "Vertrouwenspersoon (intern): Petra de Vries" in first
    assert "PSA-werkboek · De Linde · checklijsten en formulieren, blanco" in first
    assert len(handouts.outline) == len(load_folder(ROOT / "checklists"))


def test_offline_zip_is_the_organisations_edition(tmp_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV, ORG_FILE)
        target = editions.offline(tmp_path)
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert {"psa-werkboek/organisatie/logo.svg", "psa-werkboek/psa/organisatie.css",
                "psa-werkboek/hulp-en-contact.html"} <= names
        readme = archive.read("psa-werkboek/LEESMIJ.txt").decode("utf-8")
        assert f"Deze uitgave is van {NAME}." in readme
        assert "Bedrijfsarts of arbodienst: Arbodienst Gezond Werk" in readme
        assert "Petra de Vries" in archive.read("psa-werkboek/hulp-en-contact.html").decode("utf-8")
