"""The checklists in Chromium, used the way a team leader would: fill in, read the summary, save, print."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from test_browser import describe, run_axe

PAGES = {
    "werkdruksignalen-medewerkers": "werkdruk/",
    "werkdruksignalen-team": "werkdruk/",
    "signalen-organisatie": "bijlagen/bijlage-2/",
    "anders-dan-anders": "bijlagen/bijlage-5/",
    "stellingen-werkdrukcultuur": "bijlagen/bijlage-6/",
    "werkoverleg": "bijlagen/bijlage-7/",
    "inspectie-szw": "bijlagen/bijlage-16/",
}


def instrument(page: Page, instrument_id: str):
    return page.locator(f"#instrument-{instrument_id}")


def answer(page: Page, instrument_id: str, item: str, option: str):
    (instrument(page, instrument_id).locator(f"fieldset[data-answered-item='{item}']")
     .get_by_label(option, exact=True).check())


def tick(page: Page, instrument_id: str, text: str):
    instrument(page, instrument_id).get_by_label(text, exact=True).check()


def open_instrument(page: Page, instrument_id: str):
    page.goto(PAGES[instrument_id])
    # On a long reading page (werkdruk/) a tool loads when it comes near the screen, as a reader scrolls to it.
    instrument(page, instrument_id).scroll_into_view_if_needed()
    expect(instrument(page, instrument_id)).to_have_attribute("data-ready", "1")


def test_werkoverleg_scores_as_answers_are_given(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    total = root.locator(".uitkomst__totaal")
    expect(total).to_contain_text("0 van 0 toepasselijke punten in orde")
    answer(page, "werkoverleg", "1.1", "In orde")
    expect(total).to_contain_text("1 van 1 toepasselijke punten in orde")
    answer(page, "werkoverleg", "1.2", "Kan beter")
    answer(page, "werkoverleg", "2.1", "Niet van toepassing")
    answer(page, "werkoverleg", "3.5", "Kan beter")
    expect(total).to_contain_text("1 van 3 toepasselijke punten in orde")
    expect(root.locator("[data-group-row='algemeen']")).to_contain_text("1. Algemeen: 1 van 2")
    expect(root.locator("[data-group-row='vooraf']")).to_contain_text("2. Vooraf: 0 van 0")
    points = root.locator(".uitkomst__lijst .uitkomst__punten > li:not([hidden]) .uitkomst__punt")
    expect(points).to_have_text(["Zitten de juiste werknemers bij het overleg aan tafel?",
                                 re.compile(r"^Vinden er tijdens het overleg verstoringen plaats")])
    answer(page, "werkoverleg", "1.2", "In orde")  # changing an answer updates the list
    expect(points).to_have_count(1)


def test_answers_survive_a_reload_and_instant_navigation(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    answer(page, "werkoverleg", "2.4", "Kan beter")
    instrument(page, "werkoverleg").get_by_label("Team of organisatie (niet verplicht)").fill("Team Noord")
    page.reload()
    expect(instrument(page, "werkoverleg").locator("fieldset[data-answered-item='2.4']")
           .get_by_label("Kan beter", exact=True)).to_be_checked()
    expect(instrument(page, "werkoverleg").get_by_label("Team of organisatie (niet verplicht)")).to_have_value("Team Noord")
    page.evaluate("() => { window.__zelfde = 'ja' }")
    page.locator(".md-nav__link", has_text="8 Vragenlijst agressie en geweld").first.click()
    expect(page).to_have_url(re.compile(r"bijlage-8/$"))
    page.locator(".md-nav__link", has_text="7 Checklist werkoverleg").first.click()
    expect(instrument(page, "werkoverleg")).to_have_attribute("data-ready", "1")
    assert page.evaluate("() => window.__zelfde") == "ja"  # instant navigation, no full page load
    expect(instrument(page, "werkoverleg").locator("fieldset[data-answered-item='2.4']")
           .get_by_label("Kan beter", exact=True)).to_be_checked()
    expect(instrument(page, "werkoverleg").locator(".uitkomst__lijst .uitkomst__punten > li:not([hidden])")).to_have_count(1)


def test_sensitive_list_is_saved_only_after_opt_in(page: Page, base_url):
    open_instrument(page, "anders-dan-anders")
    root = instrument(page, "anders-dan-anders")
    expect(root.locator(".instrument__privacy")).to_contain_text("alleen als u dat zelf aanzet")
    tick(page, "anders-dan-anders", "Onderpresteren")
    page.reload()
    expect(root.get_by_label("Onderpresteren", exact=True)).not_to_be_checked()
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.includes('anders'))") == []
    tick(page, "anders-dan-anders", "Onderpresteren")
    root.get_by_label("Bewaar mijn antwoorden op dit apparaat").check()
    page.reload()
    expect(root.get_by_label("Onderpresteren", exact=True)).to_be_checked()
    root.get_by_label("Bewaar mijn antwoorden op dit apparaat").uncheck()
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.includes('anders'))") == []


def test_anders_dan_anders_counts_per_column_without_a_score(page: Page, base_url):
    open_instrument(page, "anders-dan-anders")
    root = instrument(page, "anders-dan-anders")
    for signal in ("Onderpresteren", "Sociale isolatie", "Prikkelbaar", "Hoge bloeddruk"):
        tick(page, "anders-dan-anders", signal)
    summary = root.locator("[data-summary]")
    expect(summary).to_contain_text("Herkende signalen")
    expect(root.locator(".uitkomst__lijst .uitkomst__punten > li:not([hidden])")).to_have_count(4)
    counts = root.locator(".uitkomst__telling .uitkomst__totaal")
    expect(counts.filter(has_text="gedrag")).to_contain_text("2")
    expect(summary).not_to_contain_text("score")


def test_export_then_import_restores_the_answers(page: Page, base_url, tmp_path):
    open_instrument(page, "inspectie-szw")
    root = instrument(page, "inspectie-szw")
    answer(page, "inspectie-szw", "1", "Ja")
    answer(page, "inspectie-szw", "2", "Nee")
    answer(page, "inspectie-szw", "5", "Deels")
    with page.expect_download() as download:
        root.get_by_role("button", name="Opslaan als bestand").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["instrument"] == "inspectie-szw" and data["answers"]["2"] == {"oordeel": "nee"}
    root.get_by_role("button", name="Wis mijn antwoorden").click()
    root.get_by_role("button", name="Ja, wis alles").click()
    expect(root.locator("[data-message]")).to_have_text("Uw antwoorden zijn gewist.")
    expect(root.locator("input[data-item]:checked")).to_have_count(0)
    root.locator("input[data-action='import']").set_input_files(str(saved))
    expect(root.locator("[data-message]")).to_contain_text("overgenomen: 3 vragen")
    expect(root.locator("fieldset[data-answered-item='2']").get_by_label("Nee", exact=True)).to_be_checked()


def _answers_snapshot(page: Page, instrument_id: str):
    return page.evaluate("(id) => JSON.stringify(PSA.module('checklist').readState(document.getElementById('instrument-' + id)))",
                         instrument_id)


def test_bad_files_leave_the_answers_alone(page: Page, base_url, tmp_path):
    open_instrument(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    answer(page, "werkoverleg", "1.1", "Kan beter")
    before = _answers_snapshot(page, "werkoverleg")
    upload = root.locator("input[data-action='import']")
    message = root.locator("[data-message]")

    (tmp_path / "kapot.json").write_text('{"format": "psa-werkboek-antwoorden", "answ', encoding="utf-8")
    upload.set_input_files(str(tmp_path / "kapot.json"))
    expect(message).to_contain_text("Dit bestand kunnen we niet lezen")
    (tmp_path / "ander.json").write_text(json.dumps({"format": "psa-werkboek-antwoorden", "instrument": "inspectie-szw",
                                                     "title": "Agressie en geweld: waar let de Inspectie SZW op?",
                                                     "version": 1, "answers": {"1": {"oordeel": "ja"}}}), encoding="utf-8")
    upload.set_input_files(str(tmp_path / "ander.json"))
    expect(message).to_contain_text("hoort bij ‘Agressie en geweld: waar let de Inspectie SZW op?’")
    (tmp_path / "foto.json").write_text("[1, 2, 3]", encoding="utf-8")
    upload.set_input_files(str(tmp_path / "foto.json"))
    expect(message).to_contain_text("geen antwoordbestand")
    assert _answers_snapshot(page, "werkoverleg") == before

    old = {"format": "psa-werkboek-antwoorden", "instrument": "werkoverleg", "version": 0,
           "answers": {"1.2": {"oordeel": "ok"}, "9.9": {"oordeel": "ok"}, "2.1": {"oordeel": "misschien"}}}
    (tmp_path / "oud.json").write_text(json.dumps(old), encoding="utf-8")
    upload.set_input_files(str(tmp_path / "oud.json"))
    box = root.locator("[data-confirm='import']")
    expect(box).to_be_visible()
    expect(box).to_contain_text("andere versie van deze lijst (versie 0")
    expect(box.locator("li")).to_have_text(["vraag ‘9.9’ staat niet (meer) in deze lijst",
                                            "vraag ‘2.1’: het antwoord ‘misschien’ past niet (meer) bij deze lijst"])
    box.get_by_role("button", name="Niet overnemen").click()
    assert _answers_snapshot(page, "werkoverleg") == before
    upload.set_input_files(str(tmp_path / "oud.json"))
    box.get_by_role("button", name="Neem over wat klopt").click()
    expect(root.locator("fieldset[data-answered-item='1.2']").get_by_label("In orde", exact=True)).to_be_checked()


def test_clearing_asks_first(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    answer(page, "werkoverleg", "4.3", "In orde")
    root.get_by_role("button", name="Wis mijn antwoorden").click()
    root.get_by_role("button", name="Nee, terug").click()
    expect(root.locator("fieldset[data-answered-item='4.3']").get_by_label("In orde", exact=True)).to_be_checked()
    root.get_by_role("button", name="Wis mijn antwoorden").click()
    root.get_by_role("button", name="Ja, wis alles").click()
    page.reload()
    expect(root.locator("input[data-item]:checked")).to_have_count(0)


def test_works_and_says_so_when_storage_is_blocked(page: Page, base_url):
    page.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked'); }})")
    open_instrument(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    expect(root.locator("[data-message]")).to_contain_text("kunnen op dit apparaat niet worden bewaard")
    answer(page, "werkoverleg", "1.1", "In orde")
    expect(root.locator(".uitkomst__totaal")).to_contain_text("1 van 1")


def test_stellingen_show_the_split_only_after_answering(page: Page, base_url):
    open_instrument(page, "stellingen-werkdrukcultuur")
    root = instrument(page, "stellingen-werkdrukcultuur")
    blocks = root.locator("[data-blocks]")
    expect(blocks).to_be_hidden()
    expect(root.locator("[data-remaining]")).to_have_text("18")
    for letter in "abcdefghijklmnopq":
        answer(page, "stellingen-werkdrukcultuur", letter, "Nee")
    expect(blocks).to_be_hidden()
    answer(page, "stellingen-werkdrukcultuur", "r", "Ja")
    expect(blocks).to_be_visible()
    agenda = root.locator(".uitkomst__lijst", has_text="Gespreksagenda").locator("li:not([hidden]) .uitkomst__punt")
    # Recognised unhealthy statements first (r), then healthy ones not recognised (c, d, h, j, n, q).
    expect(agenda).to_have_count(7)
    expect(agenda.first).to_contain_text("Als de mensen hier hun tijd aan werken")


def test_inspectie_list_puts_nee_before_deels_with_links_to_the_book(page: Page, base_url):
    open_instrument(page, "inspectie-szw")
    root = instrument(page, "inspectie-szw")
    answer(page, "inspectie-szw", "3", "Deels")
    answer(page, "inspectie-szw", "8", "Nee")
    answer(page, "inspectie-szw", "1", "N.v.t.")
    todo = root.locator(".uitkomst__lijst", has_text="Nog op te pakken").locator(".uitkomst__punten > li:not([hidden])")
    expect(todo).to_have_count(2)
    expect(todo.nth(0)).to_contain_text("alarmsysteem")
    expect(todo.nth(1)).to_contain_text("voorlichting")
    todo.nth(0).get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"agressie/maatregelen/#maatregel-4-6-\d+$"))
    page.go_back()
    expect(root.locator("[data-summary]")).to_contain_text("zelfinspectie")


def test_signalen_list_shows_the_filled_in_values(page: Page, base_url):
    open_instrument(page, "signalen-organisatie")
    root = instrument(page, "signalen-organisatie")
    row = root.locator("fieldset[data-answered-item]").nth(10)  # Verzuimcijfers
    row.get_by_label("Huidige situatie").fill("6,1 %")
    row.get_by_label("Norm").fill("4 %")
    row.get_by_label("Ja, gestegen").check()
    expect(root.locator(".uitkomst__lijst", has_text="ter overweging").locator(".uitkomst__punten > li:not([hidden])")).to_have_count(1)
    row.get_by_label("Signaal?").check()
    signals = root.locator(".uitkomst__lijst", has_text="Signalen").first.locator(".uitkomst__punten > li:not([hidden])")
    expect(signals).to_have_count(1)
    expect(signals).to_contain_text("Verzuimcijfers")
    expect(signals).to_contain_text("6,1 %")
    expect(signals).to_contain_text("Ja, gestegen")


def test_print_shows_answers_and_summary_without_controls(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    answer(page, "werkoverleg", "1.1", "Kan beter")
    page.emulate_media(media="print")
    expect(root.locator(".instrument__acties")).to_be_hidden()
    expect(root.locator("[data-summary]")).to_be_visible()
    first = root.locator("fieldset[data-answered-item='1.1']")
    expect(first.get_by_text("Kan beter", exact=True)).to_be_visible()
    expect(first.get_by_text("In orde", exact=True)).to_be_hidden()
    expect(root.locator("fieldset[data-answered-item='1.2'] .instrument__leeg")).to_be_visible()
    expect(page.locator("header.md-header")).to_be_hidden()
    expect(root.locator(".instrument__bron")).to_contain_text("bijlage 7")


def test_print_buttons_print_the_instrument_filled_or_blank(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    answer(page, "werkoverleg", "1.1", "Kan beter")
    root.locator(".uitkomst__punten > li:not([hidden])").get_by_label("Wat").fill("Agenda een week vooraf rondsturen")
    page.evaluate("""() => { window.__prints = []; window.print = () => window.__prints.push({
        scope: document.body.getAttribute('data-print-instrument'),
        blank: document.body.hasAttribute('data-print-blank'),
        checked: document.querySelectorAll('#instrument-werkoverleg input[data-item]:checked').length,
        chosen: document.querySelectorAll('#instrument-werkoverleg .is-gekozen').length,
        paper: [...document.querySelectorAll('#instrument-werkoverleg .instrument__papier')].map(e => e.textContent).join('|'),
        stamp: document.querySelector('#instrument-werkoverleg [data-printed]').textContent }) }""")
    root.get_by_role("button", name="Afdrukken", exact=True).click()
    root.get_by_role("button", name="Leeg afdrukken").click()
    prints = page.evaluate("() => window.__prints")
    assert [(p["scope"], p["blank"], p["checked"], p["chosen"]) for p in prints] == [
        ("instrument-werkoverleg", False, 1, 1), ("instrument-werkoverleg", True, 0, 0)]
    assert "Agenda een week vooraf rondsturen" in prints[0]["paper"]  # whole agreements on paper
    assert "Agenda" not in prints[1]["paper"]
    assert prints[0]["stamp"].startswith("Afgedrukt op ")
    expect(root.locator("fieldset[data-answered-item='1.1']").get_by_label("Kan beter", exact=True)).to_be_checked()


def test_print_button_output_on_a4(page: Page, base_url, tmp_path):
    open_instrument(page, "inspectie-szw")
    answer(page, "inspectie-szw", "2", "Nee")
    page.evaluate("() => { document.body.setAttribute('data-print-instrument', 'x');"
                  " document.getElementById('instrument-inspectie-szw').classList.add('instrument--printing') }")
    page.emulate_media(media="print")
    expect(page.locator("article > p").first).to_be_hidden()  # the book's text around it stays off the paper
    expect(instrument(page, "inspectie-szw").locator(".instrument__bronvermelding")).to_have_text(
        "Tekst afkomstig uit folder Inspectie SZW.")
    pdf = tmp_path / "bijlage-16.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 10_000


def test_without_javascript_the_form_is_a_blank_handout(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    page.goto(PAGES["werkoverleg"])
    root = instrument(page, "werkoverleg")
    expect(root.locator("fieldset[data-answered-item]")).to_have_count(19)
    expect(root.locator(".instrument__acties")).to_be_hidden()
    expect(root.locator("[data-summary]")).to_be_hidden()
    page.emulate_media(media="print")
    expect(root.locator("fieldset[data-answered-item='1.1']").get_by_text("Niet van toepassing")).to_be_visible()
    context.close()


def _fill_everything(page: Page, instrument_id: str):
    page.evaluate("""(id) => {
        const root = document.getElementById('instrument-' + id);
        const seen = new Set();
        root.querySelectorAll('input[data-item]').forEach((input, n) => {
            if (input.type === 'radio') {
                if (seen.has(input.name)) return;
                seen.add(input.name);
                if (n % 3 === 0) return;
            }
            if (input.type === 'checkbox' && n % 2) return;
            if (input.type === 'text') { input.value = 'ingevuld ' + n; input.dispatchEvent(new Event('input', {bubbles: true})); return; }
            input.click();
        });
        const reveal = root.querySelector("[data-action='reveal']");
        if (reveal && !reveal.closest('[hidden]')) reveal.click();
        root.querySelectorAll('input[data-agreement]').forEach((input) => { input.value = 'afspraak'; });
    }""", instrument_id)


@pytest.mark.parametrize("instrument_id", PAGES)
def test_axe_finds_nothing_empty_or_filled_in(page: Page, base_url, instrument_id):
    open_instrument(page, instrument_id)
    empty = run_axe(page)
    assert not empty, describe(empty)
    _fill_everything(page, instrument_id)
    expect(instrument(page, instrument_id).locator("[data-summary]")).to_be_visible()
    filled = run_axe(page)
    assert not filled, describe(filled)


def _random_answers(instrument, rng):
    answers = {}
    for _, item in instrument.items():
        values = {}
        for f in instrument.data["fields"]:
            if rng.random() < 0.3:
                continue
            if f["type"] == "choice":
                values[f["id"]] = rng.choice(instrument.field_options(f))["id"]
            elif f["type"] == "check":
                values[f["id"]] = True
            else:
                values[f["id"]] = f"waarde {rng.randint(1, 99)}"
        if values:
            answers[item["id"]] = values
    return answers


READ_SUMMARY = """([id, answers]) => {
    const root = document.getElementById('instrument-' + id);
    const checklist = PSA.module('checklist');
    checklist.writeState(root, {answers: answers, context: {}, agreements: {}});
    PSA.instance(root).revealed = true;
    checklist.update(PSA.instance(root));
    return [...root.querySelectorAll('[data-block]')].map((b) => {
        const type = b.getAttribute('data-block');
        if (type === 'count') {
            const counts = {};
            b.querySelectorAll('[data-group-row]').forEach((r) => {
                counts[r.getAttribute('data-group-row')] = [+r.querySelector('[data-n]').textContent,
                                                            +r.querySelector('[data-total]').textContent];
            });
            return {type, counts};
        }
        if (type === 'tally') {
            const counts = {};
            b.querySelectorAll('[data-option]').forEach((c) => {
                if (+c.textContent) counts[c.getAttribute('data-option')] = +c.textContent;
            });
            return {type, counts};
        }
        return {type, items: [...b.querySelectorAll('.uitkomst__punten > li:not([hidden])')].map((l) => l.dataset.item)};
    });
}"""


@pytest.mark.parametrize("instrument_id", PAGES)
def test_browser_summary_equals_the_python_reference(page: Page, base_url, instrument_id):
    import random
    import sys

    from conftest import ROOT
    sys.path.insert(0, str(ROOT / "hooks"))
    from instruments import load_folder
    from instruments.summary import evaluate

    instrument = load_folder(ROOT / "checklists")[instrument_id]
    open_instrument(page, instrument_id)
    rng = random.Random(instrument_id)
    for _ in range(5):
        answers = _random_answers(instrument, rng)
        expected = [r for r in evaluate(instrument, answers) if r["type"] != "text"]
        for r in expected:
            if r["type"] == "count":
                r["counts"] = {k: list(v) for k, v in r["counts"].items()}
        assert page.evaluate(READ_SUMMARY, [instrument_id, answers]) == expected


def test_works_from_file_url(page: Page, site_dir):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto((site_dir / "bijlagen" / "bijlage-7" / "index.html").as_uri())
    expect(instrument(page, "werkoverleg")).to_have_attribute("data-ready", "1")
    answer(page, "werkoverleg", "1.1", "Kan beter")
    expect(instrument(page, "werkoverleg").locator(".uitkomst__totaal")).to_contain_text("0 van 1")
    page.reload()
    expect(instrument(page, "werkoverleg").locator("fieldset[data-answered-item='1.1']")
           .get_by_label("Kan beter", exact=True)).to_be_checked()
    assert outside == []


def test_an_import_cannot_pollute_the_page(page: Page, base_url, tmp_path):
    open_instrument(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    evil = {"format": "psa-werkboek-antwoorden", "instrument": "werkoverleg", "version": 1,
            "answers": {"__proto__": {"oordeel": "beter"}, "toString": {"oordeel": "beter"}}}
    (tmp_path / "evil.json").write_text(json.dumps(evil), encoding="utf-8")
    root.locator("input[data-action='import']").set_input_files(str(tmp_path / "evil.json"))
    expect(root.locator("[data-confirm='import'] li")).to_have_count(2)
    root.get_by_role("button", name="Neem over wat klopt").click()
    assert page.evaluate("() => ({}).oordeel") is None
    expect(root.locator("input[data-item]:checked")).to_have_count(0)
