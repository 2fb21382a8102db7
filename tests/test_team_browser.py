"""Team mode in Chromium: a show of hands on a beamer, result codes from own phones, the team view and report."""

from __future__ import annotations

import json
import random
import sys

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT
from test_browser import describe, run_axe
from test_instruments_browser import PAGES, _random_answers, answer, instrument, open_instrument

sys.path.insert(0, str(ROOT / "hooks"))
from instruments import load_folder  # noqa: E402

TEAM = {i: p for i, p in PAGES.items() if i in
        {"werkdruksignalen-team", "signalen-organisatie", "stellingen-werkdrukcultuur", "werkoverleg", "inspectie-szw"}}


@pytest.fixture(scope="module")
def instruments():
    return load_folder(ROOT / "checklists")


def team_mode(page: Page, instrument_id: str):
    instrument(page, instrument_id).get_by_role("button", name="Samen invullen (team)").click()
    expect(instrument(page, instrument_id).locator("[data-team]")).to_be_visible()


def codes_for(page: Page, instrument_id: str, answer_sets: list[dict]) -> list[str]:
    return page.evaluate("""([id, sets]) => {
        const root = document.getElementById('instrument-' + id);
        const cfg = JSON.parse(root.getAttribute('data-instrument'));
        return sets.map((answers) => PSA.module('team').encode(cfg, answers));
    }""", [instrument_id, answer_sets])


def merge(page: Page, instrument_id: str, codes: list[str]):
    root = instrument(page, instrument_id)
    root.locator("[data-team-codes]").fill("\n".join(codes))
    root.get_by_role("button", name="Tel de codes op").click()


def shown_counts(page: Page, instrument_id: str) -> dict:
    return page.evaluate("""(id) => {
        const out = {};
        document.querySelectorAll('#instrument-' + id + ' [data-team-item]').forEach((item) => {
            item.querySelectorAll('[data-team-option]').forEach((row) => {
                const n = +row.querySelector('[data-count]').textContent;
                if (n) out[item.getAttribute('data-team-item') + ':' + row.getAttribute('data-team-option')] = n;
            });
        });
        return out;
    }""", instrument_id)


def expected_counts(instrument_obj, answer_sets) -> dict:
    coded = {f["id"] for f in instrument_obj.coded_fields()}
    out: dict[str, int] = {}
    for answers in answer_sets:
        for item, values in answers.items():
            for field, value in values.items():
                if field in coded:
                    key = f"{item}:{field}:{'true' if value is True else value}"
                    out[key] = out.get(key, 0) + 1
    return out


@pytest.mark.parametrize("instrument_id", TEAM)
def test_merging_codes_gives_the_right_tallies(page: Page, base_url, instruments, instrument_id):
    instrument_obj = instruments[instrument_id]
    rng = random.Random(f"team-{instrument_id}")
    answer_sets = [_random_answers(instrument_obj, rng) for _ in range(6)]
    open_instrument(page, instrument_id)
    codes = codes_for(page, instrument_id, answer_sets)
    coded = {f["id"] for f in instrument_obj.coded_fields()}
    for code, answers in zip(codes, answer_sets):  # each code decodes to exactly its own answers
        decoded = page.evaluate("([id, code]) => PSA.module('team').decode(JSON.parse(document.getElementById("
                                "'instrument-' + id).getAttribute('data-instrument')), code).answers", [instrument_id, code])
        expected = {i: {f: v for f, v in vals.items() if f in coded} for i, vals in answers.items()}
        assert decoded == {i: v for i, v in expected.items() if v}
    team_mode(page, instrument_id)
    merge(page, instrument_id, codes)
    root = instrument(page, instrument_id)
    expect(root.locator("[data-team-message]")).to_have_text("6 codes opgeteld.")
    expect(root.locator("[data-team-status]")).to_have_text("Deelnemers: 6 (waarvan 6 met een code).")
    assert shown_counts(page, instrument_id) == expected_counts(instrument_obj, answer_sets)
    assert root.locator("[data-team-codes]").input_value() == ""  # the codes themselves are not kept


def test_bad_foreign_and_duplicate_codes_are_named_and_the_valid_ones_count(page: Page, base_url):
    open_instrument(page, "inspectie-szw")
    codes = codes_for(page, "inspectie-szw", [{"1": {"oordeel": "ja"}}, {"1": {"oordeel": "nee"}},
                                              {"1": {"oordeel": "ja"}}])
    other = page.evaluate("""() => PSA.module('team').encode({id: 'werkoverleg', version: 1, items: [{id: '1.1'}],
                              coded: [{id: 'oordeel', type: 'choice', options: ['ok', 'beter', 'nvt']}]},
                              {'1.1': {oordeel: 'ok'}})""")
    older = codes[0].replace("inspectie-szw.1.", "inspectie-szw.0.")
    typo = codes[1][:-3] + ("X" if codes[1][-3] != "X" else "Y") + codes[1][-2:]
    team_mode(page, "inspectie-szw")
    chat = f"[10:31] Piet: {codes[0]}\nhallo allemaal\n{codes[1]}, {other}\n{codes[0]}\n{older}\n{typo}\n{codes[2]}"
    root = instrument(page, "inspectie-szw")
    root.locator("[data-team-codes]").fill(chat)
    root.get_by_role("button", name="Tel de codes op").click()
    expect(root.locator("[data-code-report] li")).to_have_text([
        "Code 3 hoort bij een andere lijst. Deze telt niet mee.",
        "Code 4 is al geteld (dubbel geplakt). Deze telt niet mee.",
        "Code 5 is beschadigd of verkeerd overgetypt. Deze telt niet mee.",
        "Code 6 is beschadigd of verkeerd overgetypt. Deze telt niet mee.",
    ])
    expect(root.locator("[data-team-message]")).to_have_text(
        "3 codes opgeteld; 4 niet. Die staan nog in het vak, zodat u ze kunt verbeteren.")
    assert root.locator("[data-team-codes]").input_value().split("\n") == [other, codes[0], older, typo]
    assert shown_counts(page, "inspectie-szw") == {"1:oordeel:ja": 2, "1:oordeel:nee": 1}
    merge(page, "inspectie-szw", [codes[2]])  # pasted again in a later round
    expect(root.locator("[data-code-report] li")).to_have_count(1)
    expect(root.locator("[data-code-report] li")).to_have_text(["Code 1 is al geteld (dubbel geplakt). Deze telt niet mee."])
    expect(root.locator("[data-team-status]")).to_contain_text("Deelnemers: 3")


def test_a_code_from_another_version_is_refused(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    code = page.evaluate("""() => PSA.module('team').encode({id: 'werkoverleg', version: 2, items: [{id: '1.1'}],
                             coded: [{id: 'oordeel', type: 'choice', options: ['ok']}]}, {'1.1': {oordeel: 'ok'}})""")
    team_mode(page, "werkoverleg")
    merge(page, "werkoverleg", [code])
    expect(instrument(page, "werkoverleg").locator("[data-code-report] li")).to_have_text(
        ["Code 1 komt uit een andere versie van deze lijst. Deze telt niet mee."])


def test_no_result_below_the_minimum_group(page: Page, base_url, instruments):
    assert instruments["werkoverleg"].client_config()["minGroup"] == 3
    open_instrument(page, "werkoverleg")
    codes = codes_for(page, "werkoverleg", [{"1.1": {"oordeel": "ok"}}, {"1.1": {"oordeel": "beter"}},
                                            {"1.1": {"oordeel": "beter"}}])
    team_mode(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    merge(page, "werkoverleg", codes[:2])
    expect(root.locator("[data-team-status]")).to_have_text(
        "Nog geen uitkomst: er zijn minstens 3 resultaatcodes nodig. Nu: 2.")
    expect(root.locator("[data-team-result]")).to_be_hidden()
    expect(root.locator("[data-team-item='1.1']")).to_be_hidden()
    root.get_by_label("Aantal deelnemers").fill("2")  # hands do not make up for too few codes
    expect(root.locator("[data-team-status]")).to_contain_text("minstens 3 resultaatcodes nodig")
    expect(root.locator("[data-team-result]")).to_be_hidden()
    root.get_by_label("Aantal deelnemers").fill("0")
    merge(page, "werkoverleg", codes[2:])
    expect(root.locator("[data-team-result]")).to_be_visible()
    expect(root.locator("[data-team-item='1.1'] [data-team-option='oordeel:beter'] [data-count]")).to_have_text("2")


def test_min_group_is_set_per_instrument(tmp_path):
    from test_instruments import CHECKLISTS, FIXTURES, folder_with

    source = (FIXTURES / "basis.yml").read_text(encoding="utf-8").replace("title: Proeflijst", "title: Proeflijst\nteam: true\nmin_group: 5")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "basis.yml").write_text(source, encoding="utf-8")
    found = load_folder(folder_with(tmp_path, tmp_path / "src" / "basis.yml"), schema_folder=CHECKLISTS)
    assert found["proef"].client_config()["minGroup"] == 5


def test_show_of_hands_on_a_beamer(page: Page, base_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_instrument(page, "werkoverleg")
    team_mode(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    root.get_by_label("Aantal deelnemers").fill("4")
    row = root.locator("[data-team-item='2.5'] [data-team-option='oordeel:beter']")
    plus = row.get_by_role("button", name="Eén meer: Kan beter, Zijn de deelnemers op tijd aanwezig?")
    for _ in range(3):
        plus.click()
    root.locator("[data-team-item='2.5'] [data-team-option='oordeel:ok']").get_by_role("button", name="Eén meer").click()
    expect(row.locator("[data-count]")).to_have_text("3")
    expect(plus).to_be_disabled()  # four hands counted for four people
    row.get_by_role("button", name="Eén minder: Kan beter").press("Enter")
    expect(row.locator("[data-count]")).to_have_text("2")
    divided = root.locator("[data-team-item='2.5'] [data-divided]")
    expect(divided).to_be_hidden()  # 2 of 3 is two thirds: not divided
    root.locator("[data-team-item='2.5'] [data-team-option='oordeel:ok']").get_by_role("button", name="Eén meer").click()
    expect(divided).to_be_visible()  # 2 against 2
    agenda = root.locator("[data-team-list] > li:not([hidden])")
    expect(agenda).to_have_count(1)
    expect(agenda).to_contain_text("Zijn de deelnemers op tijd aanwezig? (2 van de 4 deelnemers: Kan beter)")
    agenda.get_by_label("Wie").fill("Sanne")
    page.reload()
    expect(root.locator("[data-team]")).to_be_visible()  # the facilitator stays in team mode
    expect(row.locator("[data-count]")).to_have_text("2")
    expect(root.locator("[data-team-list] > li:not([hidden])").get_by_label("Wie")).to_have_value("Sanne")


def test_switching_modes_loses_no_answers(page: Page, base_url):
    open_instrument(page, "stellingen-werkdrukcultuur")
    answer(page, "stellingen-werkdrukcultuur", "c", "Deels")
    team_mode(page, "stellingen-werkdrukcultuur")
    root = instrument(page, "stellingen-werkdrukcultuur")
    root.get_by_label("Aantal deelnemers").fill("3")
    root.locator("[data-team-item='a'] [data-team-option='herkenbaar:ja']").get_by_role("button", name="Eén meer").click()
    root.get_by_role("button", name="Alleen invullen").click()
    expect(root.locator("fieldset[data-answered-item='c']").get_by_label("Deels", exact=True)).to_be_checked()
    team_mode(page, "stellingen-werkdrukcultuur")
    expect(root.locator("[data-team-item='a'] [data-team-option='herkenbaar:ja'] [data-count]")).to_have_text("1")


def test_own_code_is_made_from_ones_own_answers(page: Page, base_url):
    open_instrument(page, "inspectie-szw")
    root = instrument(page, "inspectie-szw")
    root.get_by_role("button", name="Maak mijn resultaatcode").click()
    expect(root.locator("[data-code-message]")).to_contain_text("Vul eerst de lijst in")
    answer(page, "inspectie-szw", "4", "Nee")
    root.get_by_role("button", name="Maak mijn resultaatcode").click()
    code = root.get_by_label("Uw resultaatcode").input_value()
    assert code.startswith("inspectie-szw.1.") and len(code) <= 30
    answer(page, "inspectie-szw", "4", "Ja")  # a changed answer makes the old code wrong: it disappears
    expect(root.get_by_label("Uw resultaatcode")).to_be_hidden()
    expect(root.locator("[data-code-message]")).to_contain_text("Maak een nieuwe resultaatcode")


def test_team_export_import_and_a_damaged_file(page: Page, base_url, tmp_path):
    open_instrument(page, "werkoverleg")
    codes = codes_for(page, "werkoverleg", [{"3.5": {"oordeel": "beter"}}] * 3)
    team_mode(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    merge(page, "werkoverleg", codes)
    with page.expect_download() as download:
        root.locator("[data-team]").get_by_role("button", name="Opslaan als bestand").click()
    saved = tmp_path / "team.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "psa-werkboek-team" and data["team"]["merged"]["count"] == 3
    assert not any(code in saved.read_text(encoding="utf-8") for code in codes)  # only fingerprints, no codes
    damaged = dict(data, team=dict(data["team"], participants=-2))
    (tmp_path / "kapot.json").write_text(json.dumps(damaged), encoding="utf-8")
    root.get_by_role("button", name="Wis de teamgegevens").click()
    root.get_by_role("button", name="Ja, wis alles").click()
    expect(root.locator("[data-team-status]")).to_contain_text("Nu: 0")
    upload = root.locator("input[data-action='team-import']")
    upload.set_input_files(str(tmp_path / "kapot.json"))
    expect(root.locator("[data-team-message]")).to_contain_text("beschadigd")
    expect(root.locator("[data-team-status]")).to_contain_text("Nu: 0")
    upload.set_input_files(str(saved))
    expect(root.locator("[data-team-message]")).to_contain_text("3 deelnemers")
    expect(root.locator("[data-team-item='3.5'] [data-team-option='oordeel:beter'] [data-count]")).to_have_text("3")


def test_team_report_prints_distributions_and_agenda_without_controls(page: Page, base_url, tmp_path):
    open_instrument(page, "inspectie-szw")
    codes = codes_for(page, "inspectie-szw", [{"2": {"oordeel": "nee"}}, {"2": {"oordeel": "deels"}},
                                              {"2": {"oordeel": "ja"}}, {"2": {"oordeel": "nee"}}])
    team_mode(page, "inspectie-szw")
    root = instrument(page, "inspectie-szw")
    merge(page, "inspectie-szw", codes)
    page.evaluate("() => { window.__prints = []; window.print = () => window.__prints.push("
                  "[document.body.hasAttribute('data-print-team'), document.body.getAttribute('data-print-instrument')]) }")
    root.get_by_role("button", name="Teamverslag afdrukken").click()
    assert page.evaluate("() => window.__prints") == [[True, "instrument-inspectie-szw"]]
    page.evaluate("() => { document.body.setAttribute('data-print-instrument', 'x'); document.body.setAttribute("
                  "'data-print-team', ''); document.getElementById('instrument-inspectie-szw').classList.add('instrument--printing') }")
    page.emulate_media(media="print")
    expect(root.locator("[data-team-status]")).to_have_text("Deelnemers: 4 (waarvan 4 met een code).")
    expect(root.locator("[data-team-item='2'] [data-team-option='oordeel:nee'] [data-count]")).to_be_visible()
    expect(root.locator(".team__knoppen").first).to_be_hidden()
    expect(root.locator(".team__manier").first).to_be_hidden()
    expect(root.locator("[data-team-list] > li:not([hidden])")).to_contain_text("Heeft u een procedure")
    expect(root.locator(".instrument__bronvermelding")).to_be_visible()
    expect(root.locator(".instrument__formulier")).to_be_hidden()
    page.pdf(path=str(tmp_path / "teamverslag.pdf"), format="A4")


@pytest.mark.parametrize("instrument_id", TEAM)
def test_axe_in_team_mode(page: Page, base_url, instruments, instrument_id):
    open_instrument(page, instrument_id)
    team_mode(page, instrument_id)
    below = run_axe(page)
    assert not below, describe(below)
    rng = random.Random(instrument_id)
    merge(page, instrument_id, codes_for(page, instrument_id,
                                         [_random_answers(instruments[instrument_id], rng) for _ in range(4)]))
    expect(instrument(page, instrument_id).locator("[data-team-result]")).to_be_visible()
    filled = run_axe(page)
    assert not filled, describe(filled)


def test_participants_cannot_drop_below_the_hands_counted(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    team_mode(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    root.get_by_label("Aantal deelnemers").fill("5")
    plus = root.locator("[data-team-item='2.5'] [data-team-option='oordeel:beter']").get_by_role("button", name="Eén meer")
    for _ in range(5):
        plus.click()
    root.get_by_label("Aantal deelnemers").fill("3")
    root.get_by_label("Aantal deelnemers").blur()
    expect(root.locator("[data-team-message]")).to_contain_text("al 5 handen geteld")
    expect(root.locator("[data-team-status]")).to_contain_text("Deelnemers: 5")


def test_what_is_kept_of_a_code_reveals_no_answers(page: Page, base_url):
    open_instrument(page, "werkdruksignalen-team")
    codes = codes_for(page, "werkdruksignalen-team", [{"blijft-liggen": {"herkend": True}}] * 3)
    team_mode(page, "werkdruksignalen-team")
    merge(page, "werkdruksignalen-team", codes)
    stored = json.loads(page.evaluate("() => localStorage.getItem('psa-werkboek:werkdruksignalen-team:v1:team')"))
    assert sorted(stored["merged"]["fingerprints"]) == sorted(code.split(".")[3][:4] for code in codes)
