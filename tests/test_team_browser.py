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
from instruments import InstrumentError, load_folder  # noqa: E402

TEAM = {i: p for i, p in PAGES.items() if i in
        {"werkdruksignalen-team", "signalen-organisatie", "stellingen-werkdrukcultuur", "werkoverleg", "inspectie-szw"}}
TEAM_KEY = "psa-werkboek:{}:v1:team"


@pytest.fixture(scope="module")
def instruments():
    return load_folder(ROOT / "checklists")


def team_mode(page: Page, instrument_id: str):
    instrument(page, instrument_id).get_by_role("button", name="Samen invullen (team)").click()
    expect(instrument(page, instrument_id).locator("[data-team]")).to_be_visible()


def codes_for(page: Page, instrument_id: str, answer_sets: list[dict], options: list[dict] | None = None) -> list[str]:
    """Codes as phones make them; options per code: device, revision, kind, previous."""
    return page.evaluate("""([id, sets, options]) => {
        const root = document.getElementById('instrument-' + id);
        const cfg = JSON.parse(root.getAttribute('data-instrument'));
        return sets.map((answers, i) => PSA.module('team').encode(cfg, answers, options ? options[i] : undefined));
    }""", [instrument_id, answer_sets, options])


def decode(page: Page, instrument_id: str, code: str) -> dict:
    return page.evaluate("([id, code]) => PSA.module('team').decode(JSON.parse(document.getElementById("
                         "'instrument-' + id).getAttribute('data-instrument')), code)", [instrument_id, code])


def merge(page: Page, instrument_id: str, codes: list[str] | str):
    root = instrument(page, instrument_id)
    root.locator("[data-team-codes]").fill(codes if isinstance(codes, str) else "\n".join(codes))
    root.get_by_role("button", name="Tel de codes op").click()


def summary(page: Page, instrument_id: str):
    return instrument(page, instrument_id).locator("[data-code-summary]")


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


def stored(page: Page, instrument_id: str):
    text = page.evaluate("(key) => localStorage.getItem(key)", TEAM_KEY.format(instrument_id))
    return None if text is None else json.loads(text)


def expected_counts(instrument_obj, answer_sets) -> dict:
    coded = {f["id"] for f in instrument_obj.coded_fields()}
    out: dict[str, int] = {}
    for answers in answer_sets:
        for item, values in answers.items():
            for field, value in values.items():
                if field in coded and value not in (None, False, ""):
                    key = f"{item}:{field}:{'true' if value is True else value}"
                    out[key] = out.get(key, 0) + 1
    return out


B16 = "inspectie-szw"


def b16(*answers: str) -> list[dict]:
    """One answer set per value: the answer to point 1 of Bijlage 16."""
    return [{"1": {"oordeel": a}} for a in answers]


@pytest.mark.parametrize("instrument_id", TEAM)
def test_merging_codes_gives_the_right_tallies(page: Page, base_url, instruments, instrument_id):
    instrument_obj = instruments[instrument_id]
    rng = random.Random(f"team-{instrument_id}")
    answer_sets = [_random_answers(instrument_obj, rng) for _ in range(6)]
    open_instrument(page, instrument_id)
    codes = codes_for(page, instrument_id, answer_sets)
    coded = {f["id"] for f in instrument_obj.coded_fields()}
    for code, answers in zip(codes, answer_sets):  # each code decodes to exactly its own answers
        expected = {i: {f: v for f, v in vals.items() if f in coded and v not in (None, False, "")}
                    for i, vals in answers.items()}
        assert decode(page, instrument_id, code)["answers"] == {i: v for i, v in expected.items() if v}
    team_mode(page, instrument_id)
    merge(page, instrument_id, codes)
    root = instrument(page, instrument_id)
    expect(summary(page, instrument_id)).to_have_text("6 codes geteld.")
    expect(root.locator("[data-team-status]")).to_have_text("Deelnemers: 6 (waarvan 6 met een code).")
    assert shown_counts(page, instrument_id) == expected_counts(instrument_obj, answer_sets)
    assert root.locator("[data-team-codes]").input_value() == ""  # counted codes are not kept
    expect(root.locator("[data-code-report]")).to_be_hidden()


def test_every_pasted_line_is_counted_or_kept_with_its_reason(page: Page, base_url):
    open_instrument(page, B16)
    good = codes_for(page, B16, b16("ja", "nee", "deels", "nvt", "ja", "nee", "ja", "deels", "nee", "nvt"))
    other = page.evaluate("""() => PSA.module('team').encode({id: 'werkoverleg', version: 1, items: [{id: '1.1'}],
                              coded: [{id: 'oordeel', type: 'choice', options: ['ok', 'beter', 'nvt']}]},
                              {'1.1': {oordeel: 'ok'}})""")
    older = page.evaluate("""() => { const cfg = JSON.parse(document.getElementById('instrument-inspectie-szw')
                              .getAttribute('data-instrument')); return PSA.module('team').encode({...cfg, version: 2},
                              {'1': {oordeel: 'ja'}}); }""")
    digit = next((i for i, c in enumerate(good[9]) if i > 16 and c.isdigit()), 14)  # else the version's "1"
    full_width = good[9][:digit] + chr(ord(good[9][digit]) + 0xFEE0) + good[9][digit + 1:]
    lines = [
        f"[10:31] Piet: {good[0]}",                              # 1 counted
        "hallo allemaal",                                        # 2 no code
        f"Esra: {good[1][:-2]}",                                 # 3 two characters short
        f"Jan: {good[2]}X",                                      # 4 one character too long
        good[3].upper().replace("INSPECTIE-SZW", "Inspectie-SZW"),  # 5 capitals: counted
        f"{good[4][:20]} {good[4][20:]} dank je",                # 6 a space inside and words after: counted
        f"{good[5][:18]}\u200b{good[5][18:]}",                   # 7 a zero-width space: counted
        full_width,                                              # 8 a full-width digit: counted
        f"Teun 10:40: {good[6][:17]}",                           # 9 wrapped over two lines: counted
        good[6][17:],
        "W" + other[1:],                                         # 11 capital W, another list
        f"Piet (nog eens): {good[0]}",                           # 12 pasted twice
        older,                                                   # 13 another version
        "",
        f"{good[7]}, {good[8]}",                                 # 15 two on a line: both counted
    ]
    team_mode(page, B16)
    root = instrument(page, B16)
    merge(page, B16, "\n".join(lines))
    expect(summary(page, B16)).to_have_text(
        "8 codes geteld. Niet geteld: 2 beschadigd (regel 2, Esra; regel 3, Jan), 1 van een andere lijst (regel 4), "
        "1 al geteld (regel 5, Piet (nog eens)), 1 van een andere versie (regel 6), 1 regel zonder code. "
        "Die staan nog in het vak.")
    assert root.locator("[data-team-codes]").input_value().split("\n") == [
        lines[1], lines[2], lines[3], lines[10], lines[11], lines[12]]  # as pasted, names and times kept
    expect(root.locator("[data-code-report] li")).to_have_text([
        "Regel 1: geen code in deze regel.",
        "Regel 2 (Esra): de code is beschadigd of verkeerd overgetypt. Vraag om de code opnieuw.",
        "Regel 3 (Jan): de code is beschadigd of verkeerd overgetypt. Vraag om de code opnieuw.",
        "Regel 4: de code hoort bij een andere lijst.",
        "Regel 5 (Piet (nog eens)): deze code is al geteld.",
        "Regel 6: de code komt uit een andere versie van deze lijst.",
    ])
    expect(root.locator("[data-team-status]")).to_have_text("Deelnemers: 8 (waarvan 8 met een code).")
    assert shown_counts(page, B16) == {"1:oordeel:ja": 3, "1:oordeel:nee": 2, "1:oordeel:deels": 1, "1:oordeel:nvt": 2}
    # The outcome is next to the button: on a phone it is on screen right after the tap.
    assert page.evaluate("""() => { const r = document.querySelector('#instrument-inspectie-szw [data-code-summary]')
        .getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }""")
    root.get_by_role("button", name="Haal de regels zonder code uit het vak").click()
    assert root.locator("[data-team-codes]").input_value().split("\n") == [
        lines[2], lines[3], lines[10], lines[11], lines[12]]
    expect(root.locator("[data-code-report] li").first).to_have_text(
        "Regel 1 (Esra): de code is beschadigd of verkeerd overgetypt. Vraag om de code opnieuw.")
    expect(root.locator("[data-team-status]")).to_have_text("Deelnemers: 8 (waarvan 8 met een code).")


def test_chat_formats_and_a_code_wrapped_inside_its_name_are_read(page: Page, base_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_instrument(page, "werkoverleg")
    c = codes_for(page, "werkoverleg", [{"1.1": {"oordeel": o}} for o in ("ok", "beter", "beter", "nvt", "ok", "beter")])
    lines = [
        "W" + c[0][1:],                                          # capital W: counted
        f"07-12-2026 10:31 - Piet Jansen: hier is hij: {c[1][:-2]}",  # WhatsApp on Android, damaged
        f"[07-12-2026, 10:31:05] Esra Yilmaz: {c[2]}",           # WhatsApp on iPhone
        "Teun Bakker, [7 dec. 2026 10:33]",                      # a header, and a wrap inside the list name
        c[3][:8], c[3][8:],
        "hallo", c[4],                                           # a word above a code is not part of its name
        "Mo: ik heb de lijst. 2. klaar",                         # looks like the start of a code, but is none
        c[5][:12], c[5][12:],                                    # a wrap right after the list name
        c[3][:9], c[3][9:],                                      # wrapped, and pasted twice: kept whole
    ]
    team_mode(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    root.locator("[data-team-codes]").fill("\n".join(lines))
    # The outcome shows where the button was pressed, also when that was at the bottom edge of the screen.
    page.evaluate("""() => { const b = document.querySelector('#instrument-werkoverleg [data-action=merge-codes]');
        window.scrollBy(0, b.getBoundingClientRect().bottom - innerHeight + 4); }""")
    button = root.get_by_role("button", name="Tel de codes op").bounding_box()
    page.mouse.click(button["x"] + 20, button["y"] + 10)
    expect(summary(page, "werkoverleg")).to_have_text(
        "5 codes geteld. Niet geteld: 1 beschadigd (regel 1, Piet Jansen), 1 al geteld (regels 4–5), "
        "2 regels zonder code. Die staan nog in het vak.")
    assert root.locator("[data-team-codes]").input_value().split("\n") == [
        lines[1], "hallo", lines[8], lines[-2], lines[-1]]
    assert shown_counts(page, "werkoverleg") == {"1.1:oordeel:ok": 2, "1.1:oordeel:beter": 2, "1.1:oordeel:nvt": 1}
    assert page.evaluate("""() => { const r = document.querySelector('#instrument-werkoverleg [data-code-summary]')
        .getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight + 1; }""")


def test_a_chat_header_above_a_code_goes_and_stays_with_it(page: Page, base_url):
    open_instrument(page, B16)
    good = codes_for(page, B16, b16("ja", "nee", "deels"))
    team_mode(page, B16)
    root = instrument(page, B16)
    # As Teams copies messages: the name and time on a line of their own, the message below.
    merge(page, B16, f"Piet Jansen 10:31\n{good[0]}\nEsra Yilmaz 10:33\n{good[1][:-1]}\nTeun:\n{good[2]}, {good[0]}")
    assert root.locator("[data-team-codes]").input_value().split("\n") == [
        "Esra Yilmaz 10:33", good[1][:-1], "Teun:", f"{good[2]}, {good[0]}"]
    expect(root.locator("[data-code-report] li")).to_have_text([
        "Regels 1–2 (Esra Yilmaz): de code is beschadigd of verkeerd overgetypt. Vraag om de code opnieuw.",
        "Regels 3–4 (Teun): Code 1: geteld. Code 2: deze code is al geteld.",
    ])
    expect(summary(page, B16)).to_have_text(
        "2 codes geteld. Niet geteld: 1 beschadigd (regels 1–2, Esra Yilmaz), 1 al geteld (regels 3–4, Teun). "
        "Die staan nog in het vak.")


def test_an_empty_box_and_text_without_codes_are_not_lost(page: Page, base_url):
    open_instrument(page, B16)
    team_mode(page, B16)
    root = instrument(page, B16)
    root.get_by_role("button", name="Tel de codes op").click()
    expect(summary(page, B16)).to_have_text("Plak eerst de codes in het vak.")
    merge(page, B16, "Esra: ik heb hem zo\nPiet: welke lijst?")
    expect(summary(page, B16)).to_have_text("Niets geteld. Niet geteld: 2 regels zonder code. Die staan nog in het vak.")
    # Pressed again, the same outcome is spoken again: the live region's text is set anew.
    page.evaluate("""() => { window.__said = []; const el = document.querySelector('#instrument-inspectie-szw [data-code-summary]');
        new MutationObserver(() => window.__said.push(el.textContent)).observe(el, {childList: true}); }""")
    root.get_by_role("button", name="Tel de codes op").click()
    for _ in range(30):  # polled from here: wait_for_function polls with eval, which the page's CSP refuses
        if page.evaluate("() => window.__said.length") >= 2:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("() => window.__said")[-1] == (
        "Niets geteld. Niet geteld: 2 regels zonder code. Die staan nog in het vak.")
    assert root.locator("[data-team-codes]").input_value() == "Esra: ik heb hem zo\nPiet: welke lijst?"


def test_one_device_counts_once_and_can_replace_or_withdraw(browser, base_url):
    phone = browser.new_context(base_url=base_url).new_page()
    open_instrument(phone, B16)
    own = instrument(phone, B16)
    answer(phone, B16, "1", "Nee")
    made = []
    for _ in range(3):  # pressed three times: one code
        own.get_by_role("button", name="Maak mijn resultaatcode").click()
        made.append(own.get_by_label("Uw resultaatcode").input_value())
    assert len(set(made)) == 1
    expect(own.locator("[data-code-message]")).to_contain_text("dezelfde code als eerst")
    first = made[0]
    answer(phone, B16, "1", "Ja")
    expect(own.get_by_label("Uw resultaatcode")).to_be_hidden()
    own.get_by_role("button", name="Maak mijn resultaatcode").click()
    second = own.get_by_label("Uw resultaatcode").input_value()
    expect(own.locator("[data-code-message]")).to_contain_text("vervangt uw vorige code")
    phone.reload()  # the device is remembered with the answers
    own.get_by_role("button", name="Maak mijn resultaatcode").click()
    assert own.get_by_label("Uw resultaatcode").input_value() == second
    own.get_by_role("button", name="Trek mijn code in").click()
    withdraw = own.get_by_label("Uw resultaatcode").input_value()
    expect(own.locator("[data-code-message]")).to_contain_text("intrekcode")
    expect(own.get_by_role("button", name="Trek mijn code in")).to_be_hidden()
    devices = {decode(phone, B16, c)["device"] for c in (first, second, withdraw)}
    assert len(devices) == 1
    assert [decode(phone, B16, c)["kind"] for c in (first, second, withdraw)] == ["new", "replace", "withdraw"]

    leader = browser.new_context(base_url=base_url).new_page()
    open_instrument(leader, B16)
    team_mode(leader, B16)
    others = codes_for(leader, B16, b16("deels", "deels", "nvt"))
    merge(leader, B16, [first, *others, first])
    expect(summary(leader, B16)).to_contain_text("4 codes geteld. Niet geteld: 1 al geteld (regel 1)")
    merge(leader, B16, [second])
    expect(summary(leader, B16)).to_have_text("1 vervangen.")
    expect(instrument(leader, B16).locator("[data-team-status]")).to_have_text("Deelnemers: 4 (waarvan 4 met een code).")
    assert shown_counts(leader, B16) == {"1:oordeel:ja": 1, "1:oordeel:deels": 2, "1:oordeel:nvt": 1}
    merge(leader, B16, [first])  # the old code again: not counted
    expect(summary(leader, B16)).to_contain_text("1 al vervangen (regel 1)")
    leader.reload()  # a new session: the replaced answers come from the code itself
    expect(instrument(leader, B16).locator("[data-team-status]")).to_have_text("Deelnemers: 4 (waarvan 4 met een code).")
    merge(leader, B16, [withdraw])
    expect(summary(leader, B16)).to_have_text("1 ingetrokken. Nu tellen 3 codes mee.")
    expect(instrument(leader, B16).locator("[data-team-status]")).to_have_text("Deelnemers: 3 (waarvan 3 met een code).")
    assert shown_counts(leader, B16) == {"1:oordeel:deels": 2, "1:oordeel:nvt": 1}
    merge(leader, B16, [second, first])
    expect(summary(leader, B16)).to_contain_text("Niet geteld: 2 al vervangen")

    # A replacement that skips a code not pasted here: asked for, not guessed.
    fresh = browser.new_context(base_url=base_url).new_page()
    open_instrument(fresh, B16)
    team_mode(fresh, B16)
    device = decode(fresh, B16, first)["device"]
    third = codes_for(fresh, B16, b16("deels"), [{"device": device, "revision": 2, "kind": "replace",
                                                   "previous": {"1": {"oordeel": "ja"}}}])[0]
    merge(fresh, B16, [first, *others])
    fresh.reload()
    merge(fresh, B16, [third])
    expect(summary(fresh, B16)).to_contain_text("1 mist een eerdere code (regel 1)")
    expect(instrument(fresh, B16).locator("[data-code-report] li")).to_have_text(
        ["Regel 1: deze code vervangt een code die hier nog niet is geteld. Plak ook de code die daarvoor kwam."])
    merge(fresh, B16, [second, third])  # with the missing code, in any order
    expect(summary(fresh, B16)).to_have_text("2 vervangen.")
    assert shown_counts(fresh, B16) == {"1:oordeel:deels": 3, "1:oordeel:nvt": 1}
    # Clearing one's answers forgets the device: the page says so in the team view's limits.
    own.get_by_role("button", name="Wis mijn antwoorden").click()
    own.get_by_role("button", name="Ja, wis alles").click()
    assert phone.evaluate("() => localStorage.getItem('psa-werkboek:inspectie-szw:v1:code')") is None


def test_a_withdrawal_pasted_before_the_code_keeps_it_out(page: Page, base_url):
    open_instrument(page, B16)
    device = "7K3M9QH2"
    code, withdraw = codes_for(page, B16, [{"1": {"oordeel": "nee"}}, {}], [
        {"device": device}, {"device": device, "revision": 1, "kind": "withdraw", "previous": {"1": {"oordeel": "nee"}}}])
    team_mode(page, B16)
    merge(page, B16, [withdraw, *codes_for(page, B16, b16("ja", "ja", "ja"))])
    expect(summary(page, B16)).to_have_text("3 codes geteld, 1 ingetrokken. Nu tellen 3 codes mee.")
    merge(page, B16, [code])
    expect(summary(page, B16)).to_contain_text("1 al vervangen")
    expect(instrument(page, B16).locator("[data-team-status]")).to_have_text("Deelnemers: 3 (waarvan 3 met een code).")


def test_a_thousand_phones_do_not_collide(page: Page, base_url):
    open_instrument(page, B16)
    codes = codes_for(page, B16, b16(*(["ja", "nee", "deels", "nvt"] * 250)))
    devices = {decode(page, B16, c)["device"] for c in codes}
    assert len(devices) == 1000
    # 40 random bits, not 20: with 20, two of a thousand phones share a number about every third meeting.
    crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    numbers = [sum(crockford.index(ch) * 32 ** (7 - i) for i, ch in enumerate(d)) for d in devices]
    assert max(numbers) >= 2 ** 30 and min(numbers) < 2 ** 39
    team_mode(page, B16)
    merge(page, B16, codes)
    expect(summary(page, B16)).to_have_text("1000 codes geteld.")
    assert shown_counts(page, B16) == {"1:oordeel:ja": 250, "1:oordeel:nee": 250, "1:oordeel:deels": 250,
                                       "1:oordeel:nvt": 250}


def test_nothing_below_the_minimum_group_is_kept_or_exported(page: Page, base_url, tmp_path):
    open_instrument(page, "werkoverleg")
    codes = codes_for(page, "werkoverleg", [{"1.1": {"oordeel": "ok"}}, {"1.1": {"oordeel": "beter"}},
                                            {"1.1": {"oordeel": "beter"}}])
    team_mode(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    merge(page, "werkoverleg", codes[:2])
    expect(root.locator("[data-team-status]")).to_have_text(
        "Nog geen uitkomst: er zijn minstens 3 resultaatcodes nodig. Nu: 2.")
    expect(root.locator("[data-team-result]")).to_be_hidden()
    expect(root.locator("[data-team-kept]")).to_contain_text("Nog niet bewaard")
    assert stored(page, "werkoverleg")["merged"] == {"count": 0, "tallies": {}, "devices": {}}
    root.locator("[data-team]").get_by_role("button", name="Opslaan als bestand").click()
    expect(root.locator("[data-team-message]")).to_have_text(
        "Er is nog niets om op te slaan. Een bestand krijgt pas aantallen vanaf 3 deelnemers.")
    root.get_by_label("Aantal deelnemers").fill("2")  # hands do not make up for too few codes
    root.get_by_label("Aantal deelnemers").blur()
    expect(root.locator("[data-team-result]")).to_be_hidden()
    merge(page, "werkoverleg", codes[2:])
    expect(root.locator("[data-team-result]")).to_be_visible()
    expect(root.locator("[data-team-kept]")).to_be_hidden()
    kept = stored(page, "werkoverleg")
    assert kept["merged"]["count"] == 3 and kept["merged"]["tallies"] == {"1.1": {"oordeel": {"ok": 1, "beter": 2}}}
    assert not any(c.split(".")[2] in json.dumps(kept) for c in codes)  # the codes themselves are not kept
    assert all(set(d) == {"rev", "live"} for d in kept["merged"]["devices"].values())
    with page.expect_download() as download:
        root.locator("[data-team]").get_by_role("button", name="Opslaan als bestand").click()
    download.value.save_as(tmp_path / "team.json")
    assert json.loads((tmp_path / "team.json").read_text())["team"]["merged"]["count"] == 3
    # Two hands counted for two people are shown in the room, but not kept.
    root.get_by_label("Aantal deelnemers").fill("2")
    root.get_by_label("Aantal deelnemers").blur()
    root.locator("[data-team-item='1.1'] [data-team-option='oordeel:ok']").get_by_role("button", name="Eén meer").click()
    assert stored(page, "werkoverleg")["manual"] == {}
    with page.expect_download() as download:
        root.locator("[data-team]").get_by_role("button", name="Opslaan als bestand").click()
    expect(root.locator("[data-team-message]")).to_contain_text("Aantallen van minder dan 3 deelnemers staan niet in het bestand.")
    download.value.save_as(tmp_path / "team2.json")
    assert json.loads((tmp_path / "team2.json").read_text())["team"]["manual"] == {}
    # A withdrawal that takes the codes below the minimum takes them out of storage too.
    device = decode(page, "werkoverleg", codes[0])["device"]
    withdraw = codes_for(page, "werkoverleg", [{}], [{"device": device, "revision": 1, "kind": "withdraw",
                                                     "previous": {"1.1": {"oordeel": "ok"}}}])[0]
    merge(page, "werkoverleg", [withdraw])
    expect(summary(page, "werkoverleg")).to_have_text("1 ingetrokken. Nu tellen 2 codes mee.")
    assert stored(page, "werkoverleg")["merged"] == {"count": 0, "tallies": {}, "devices": {}}


def test_counts_of_one_person_left_by_an_older_version_are_wiped(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    legacy = {"participants": 0, "manual": {}, "agreements": {"1.1": {"wie": "Sanne"}}, "top": 5, "context": {},
              "merged": {"count": 1, "tallies": {"1.1": {"oordeel": {"beter": 1}}}, "fingerprints": ["ABCD"]}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [TEAM_KEY.format("werkoverleg"), json.dumps(legacy)])
    page.reload()
    team_mode(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    expect(root.locator("[data-team-notice]")).to_contain_text("aantallen van minder dan 3 deelnemers. Die zijn gewist")
    kept = stored(page, "werkoverleg")
    assert kept["merged"]["count"] == 0 and kept["merged"]["tallies"] == {}
    assert kept["agreements"] == {"1.1": {"wie": "Sanne"}}


def test_the_schema_refuses_a_minimum_group_below_three(tmp_path):
    from test_instruments import CHECKLISTS, FIXTURES, folder_with

    for n, ok in ((2, False), (3, True), (5, True)):
        source = (FIXTURES / "basis.yml").read_text(encoding="utf-8").replace(
            "title: Proeflijst", f"title: Proeflijst\nteam: true\nmin_group: {n}")
        src = tmp_path / f"src{n}"
        src.mkdir()
        (src / "basis.yml").write_text(source, encoding="utf-8")
        (tmp_path / f"f{n}").mkdir()
        if ok:
            found = load_folder(folder_with(tmp_path / f"f{n}", src / "basis.yml"), schema_folder=CHECKLISTS)
            assert found["proef"].client_config()["minGroup"] == n
        else:
            with pytest.raises(InstrumentError) as error:
                load_folder(folder_with(tmp_path / f"f{n}", src / "basis.yml"), schema_folder=CHECKLISTS)
            assert "min_group" in str(error.value) and "3" in str(error.value)


def test_the_limits_of_the_codes_are_written_down_in_the_team_view_and_on_the_privacy_page(site_dir):
    def text(path):
        return " ".join((site_dir / path / "index.html").read_text(encoding="utf-8").split())

    for path in ("bijlagen/bijlage-7", "privacy"):
        page = text(path)
        for limit in ("twee browsers", "vóór en na één extra code, nieuwe code of intrekcode", "naam van de afzender",
                      "Wie een code in handen krijgt", "in een intrekcode staan ook", "minder dan"):
            assert limit in page, (path, limit)


def _valid_team_file(page: Page, tmp_path) -> dict:
    codes = codes_for(page, "werkoverleg", [{"3.5": {"oordeel": "beter"}}] * 3)
    merge(page, "werkoverleg", codes)
    root = instrument(page, "werkoverleg")
    with page.expect_download() as download:
        root.locator("[data-team]").get_by_role("button", name="Opslaan als bestand").click()
    download.value.save_as(tmp_path / "team.json")
    return json.loads((tmp_path / "team.json").read_text(encoding="utf-8"))


FORGED = {
    "a million votes among three": (lambda t: t["merged"]["tallies"]["3.5"]["oordeel"].update(beter=1_000_000),
                                    "een aantal is geen heel getal"),
    "votes with no participants": (lambda t: t.update(participants=0, manual={"3.5": {"oordeel": {"beter": 50}}}),
                                   "meer antwoorden geteld dan er deelnemers zijn"),
    "1e308 participants": (lambda t: t.update(participants=1e308), "een aantal is geen heel getal"),
    "minus five participants": (lambda t: t.update(participants=-5), "een aantal is geen heel getal"),
    "an object as agreement": (lambda t: t.update(agreements={"3.5": {"wie": {"naam": "x"}}}), "geen gewone tekst"),
    "an agreement for no point": (lambda t: t.update(agreements={"zz": {"wie": "x"}}), "hoort bij geen punt"),
    "an unknown answer": (lambda t: t["merged"]["tallies"]["3.5"]["oordeel"].update(misschien=1), "hoort niet bij deze lijst"),
    "two people": (lambda t: t["merged"].update(count=2, tallies={"3.5": {"oordeel": {"beter": 2}}}, devices={}),
                   "minder dan 3 deelnemers"),
    "more devices than codes": (lambda t: t["merged"]["devices"].update({"ZZZZZZZZ": {"rev": 0, "live": True}}),
                                "apparaten klopt niet"),
    "a string as version": (None, "versie ‘1’"),
}


@pytest.mark.parametrize("case", FORGED)
def test_forged_team_files_change_nothing(page: Page, base_url, tmp_path, case):
    open_instrument(page, "werkoverleg")
    team_mode(page, "werkoverleg")
    data = _valid_team_file(page, tmp_path)
    change, said = FORGED[case]
    if change:
        change(data["team"])
    else:
        data["version"] = "1"
    (tmp_path / "vals.json").write_text(json.dumps(data), encoding="utf-8")
    root = instrument(page, "werkoverleg")
    before = stored(page, "werkoverleg")
    root.locator("input[data-action='team-import']").set_input_files(str(tmp_path / "vals.json"))
    expect(root.locator("[data-team-message]")).to_contain_text(said)
    expect(root.locator("[data-team-message]")).to_contain_text("niet veranderd")
    expect(root.locator("[data-team-status]")).to_have_text("Deelnemers: 3 (waarvan 3 met een code).")
    expect(root.locator("[data-team-item='3.5'] [data-team-option='oordeel:beter'] [data-count]")).to_have_text("3")
    assert stored(page, "werkoverleg") == before
    if case == "a million votes among three":
        found = run_axe(page)  # the message, in a page that still passes
        assert not found, describe(found)
    merge(page, "werkoverleg", codes_for(page, "werkoverleg", [{"3.5": {"oordeel": "ok"}}]))  # the page still works
    expect(root.locator("[data-team-status]")).to_have_text("Deelnemers: 4 (waarvan 4 met een code).")
    assert stored(page, "werkoverleg")["merged"]["count"] == 4


def test_a_team_file_round_trip(page: Page, base_url, tmp_path):
    open_instrument(page, "werkoverleg")
    team_mode(page, "werkoverleg")
    _valid_team_file(page, tmp_path)
    root = instrument(page, "werkoverleg")
    root.get_by_role("button", name="Wis de teamgegevens").click()
    root.get_by_role("button", name="Ja, wis alles").click()
    expect(root.locator("[data-team-status]")).to_contain_text("Nu: 0")
    root.locator("input[data-action='team-import']").set_input_files(str(tmp_path / "team.json"))
    expect(root.locator("[data-team-message]")).to_have_text("Teamgegevens uit het bestand overgenomen: 3 deelnemers.")
    expect(root.locator("[data-team-item='3.5'] [data-team-option='oordeel:beter'] [data-count]")).to_have_text("3")


DAMAGED_STORED = {"an empty object": ("{}", "de opbouw klopt niet"), "a number": ("1", "de opbouw klopt niet"),
                  "not JSON": ("{kapot", "het is geen leesbare tekst"),
                  "minus five": (json.dumps({"participants": -5, "manual": {}, "merged": {"count": 0, "tallies": {},
                                             "devices": {}}, "agreements": {}}), "een aantal is geen heel getal")}


@pytest.mark.parametrize("case", DAMAGED_STORED)
def test_damaged_stored_team_data_is_named_and_kept_until_the_user_counts(page: Page, base_url, case):
    open_instrument(page, "werkoverleg")
    key = TEAM_KEY.format("werkoverleg")
    value, reason = DAMAGED_STORED[case]
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, value])
    page.reload()
    team_mode(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    expect(root.locator("[data-team-notice]")).to_contain_text(f"De bewaarde teamgegevens konden niet worden gelezen: {reason}")
    expect(root.locator("[data-team-status]")).to_have_text(
        "Nog geen uitkomst: er zijn minstens 3 deelnemers nodig. Nu: 0.")
    assert page.evaluate("(k) => localStorage.getItem(k)", key) == value
    if case == "an empty object":
        found = run_axe(page)
        assert not found, describe(found)
    root.get_by_label("Aantal deelnemers").fill("3")  # the rest of the page works
    root.get_by_label("Aantal deelnemers").blur()
    expect(root.locator("[data-team-status]")).to_have_text("Deelnemers: 3.")
    assert stored(page, "werkoverleg")["participants"] == 3


def test_the_plan_button_takes_the_agreement_typed_after_the_first_click(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    answer(page, "werkoverleg", "2.5", "Kan beter")
    root = instrument(page, "werkoverleg")
    point = root.locator("[data-summary] li[data-item='2.5']")
    order = point.evaluate("(li) => [...li.querySelectorAll('fieldset, [data-action=to-plan]')].map((e) => e.tagName)")
    assert order == ["FIELDSET", "BUTTON"]  # the button comes after Wie, Wat and Wanneer
    button = point.get_by_role("button", name="Zet in plan van aanpak")
    button.click()
    expect(point.locator("[data-plan-message]")).to_contain_text("Vul nog in wie, wat en wanneer")
    point.get_by_label("Wie").fill("Sanne")
    point.get_by_label("Wanneer").fill("1 maart")
    button.click()
    expect(point.locator("[data-plan-message]")).to_have_text(
        "Bijgewerkt in het plan van aanpak (nummer 1): wie, wat en wanneer zijn overgenomen.")
    button.click()
    expect(point.locator("[data-plan-message]")).to_have_text("Dit punt staat al in het plan van aanpak (nummer 1).")
    plan = json.loads(page.evaluate("() => localStorage.getItem(Object.keys(localStorage).find((k) => k.includes('plan')))"))
    records = [r for part in plan["records"].values() for r in part]
    assert len(records) == 1 and "Sanne" in records[0]["values"].values() and "1 maart" in records[0]["values"].values()


def test_b16_agenda_ranks_the_worst_answer_first_with_honest_labels(page: Page, base_url):
    open_instrument(page, B16)
    sets = ([{"2": {"oordeel": "deels"}, "3": {"oordeel": "nee"}}] * 2 + [{"2": {"oordeel": "nee"}, "3": {"oordeel": "nee"}}] * 2
            + [{"2": {"oordeel": "ja"}, "3": {"oordeel": "ja"}}] * 2)
    team_mode(page, B16)
    merge(page, B16, codes_for(page, B16, sets))
    agenda = instrument(page, B16).locator("[data-team-list] > li:not([hidden]) .uitkomst__punt")
    expect(agenda).to_have_count(2)
    expect(agenda.nth(0)).to_contain_text("(4 van de 6 deelnemers: 4 Nee)")
    expect(agenda.nth(0)).to_contain_text("3.")
    expect(agenda.nth(1)).to_contain_text("(4 van de 6 deelnemers: 2 Nee, 2 Deels)")


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


def test_a_tick_divides_from_one_third_to_two_thirds(page: Page, base_url):
    open_instrument(page, "werkdruksignalen-team")
    team_mode(page, "werkdruksignalen-team")
    item = "blijft-liggen"
    merge(page, "werkdruksignalen-team", codes_for(page, "werkdruksignalen-team",
                                                   [{item: {"herkend": True}}, {}, {"andere": {"herkend": True}}]))
    divided = instrument(page, "werkdruksignalen-team").locator(f"[data-team-item='{item}'] [data-divided]")
    expect(divided).to_be_visible()  # 1 of 3 ticks it


def test_on_a_tick_list_ticking_nothing_is_a_code_too(page: Page, base_url):
    tool = "werkdruksignalen-team"
    open_instrument(page, tool)
    root = instrument(page, tool)
    root.get_by_role("button", name="Maak mijn resultaatcode").click()
    expect(root.locator("[data-code-message]")).to_have_text(
        "Let op: u heeft niets aangevinkt. Uw code telt mee als ‘niets aangevinkt’.")
    nothing = root.get_by_label("Uw resultaatcode").input_value()
    assert decode(page, tool, nothing)["answers"] == {}
    team_mode(page, tool)
    item = "blijft-liggen"
    merge(page, tool, [nothing, *codes_for(page, tool, [{item: {"herkend": True}}, {}])])
    expect(summary(page, tool)).to_have_text("3 codes geteld.")
    expect(root.locator(f"[data-team-item='{item}'] [data-divided]")).to_be_visible()  # 1 of 3 ticks it


def test_participants_field_shows_the_number_that_counts(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    team_mode(page, "werkoverleg")
    root = instrument(page, "werkoverleg")
    field = root.get_by_label("Aantal deelnemers")
    field.fill("5")
    field.blur()
    plus = root.locator("[data-team-item='2.5'] [data-team-option='oordeel:beter']").get_by_role("button", name="Eén meer")
    for _ in range(5):
        plus.click()
    field.focus()
    field.press("ArrowDown")
    expect(field).to_have_value("5")
    hint = root.locator("[data-team-participants-hint]")
    expect(hint).to_have_text("Bij één punt zijn al 5 handen geteld. Minder deelnemers kan pas als u die aantallen verlaagt.")
    expect(root.locator("[data-team-status]")).to_contain_text("Deelnemers: 5")
    field_box, hint_box = field.bounding_box(), hint.bounding_box()
    assert 0 <= hint_box["y"] - field_box["y"] < 80  # the explanation is at the field
    found = run_axe(page)
    assert not found, describe(found)
    field.fill("3")
    field.blur()
    expect(field).to_have_value("5")


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


def test_own_code_is_made_from_ones_own_answers_and_warns_when_few_are_answered(page: Page, base_url):
    open_instrument(page, B16)
    root = instrument(page, B16)
    root.get_by_role("button", name="Maak mijn resultaatcode").click()
    expect(root.locator("[data-code-message]")).to_contain_text("Vul eerst de lijst in")
    answer(page, B16, "4", "Nee")
    answer(page, B16, "5", "Ja")
    root.get_by_role("button", name="Maak mijn resultaatcode").click()
    expect(root.locator("[data-code-message]")).to_have_text(
        "Let op: u heeft 2 van de 11 punten beantwoord. Punten zonder antwoord tellen niet mee.")
    code = root.get_by_label("Uw resultaatcode").input_value()
    assert code.startswith("inspectie-szw.1.") and len(code) <= 40
    answer(page, B16, "4", "Ja")  # a changed answer makes the old code wrong: it disappears
    expect(root.get_by_label("Uw resultaatcode")).to_be_hidden()
    expect(root.locator("[data-code-message]")).to_contain_text("Maak een nieuwe resultaatcode")


def test_team_report_prints_distributions_and_agenda_without_controls(page: Page, base_url, tmp_path):
    open_instrument(page, B16)
    codes = codes_for(page, B16, [{"2": {"oordeel": "nee"}}, {"2": {"oordeel": "deels"}},
                                  {"2": {"oordeel": "ja"}}, {"2": {"oordeel": "nee"}}])
    team_mode(page, B16)
    root = instrument(page, B16)
    merge(page, B16, codes)
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
    codes = codes_for(page, instrument_id, [_random_answers(instruments[instrument_id], rng) for _ in range(2)])
    merge(page, instrument_id, codes + ["Esra: " + codes[0][:-2], "hallo"])  # too few, and a report
    expect(instrument(page, instrument_id).locator("[data-code-report]")).to_be_visible()
    expect(instrument(page, instrument_id).locator("[data-team-kept]")).to_be_visible()
    pending = run_axe(page)
    assert not pending, describe(pending)
    merge(page, instrument_id, codes_for(page, instrument_id,
                                         [_random_answers(instruments[instrument_id], rng) for _ in range(2)]))
    expect(instrument(page, instrument_id).locator("[data-team-result]")).to_be_visible()
    filled = run_axe(page)
    assert not filled, describe(filled)


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_on_the_own_code_box(page: Page, base_url, width):
    page.set_viewport_size({"width": width, "height": 800})
    open_instrument(page, B16)
    answer(page, B16, "1", "Nee")
    root = instrument(page, B16)
    root.get_by_role("button", name="Maak mijn resultaatcode").click()
    expect(root.get_by_role("button", name="Trek mijn code in")).to_be_visible()
    found = run_axe(page)
    assert not found, describe(found)


def test_a_facilitator_counts_five_phones_from_a_chat(browser, base_url):
    """The walkthrough of issue 13: five phones fill in Bijlage 7, one changes an answer, one withdraws; the
    facilitator, on a beamer, pastes the chat with names, times, a damaged code and a duplicate."""
    refused: list[str] = []
    phones_answers = {
        "Piet": {"1.1": "In orde", "2.5": "Kan beter", "3.5": "Kan beter", "4.3": "In orde"},
        "Esra": {"1.1": "In orde", "2.5": "Kan beter", "3.5": "In orde", "4.3": "Kan beter", "2.7": "Kan beter"},
        "Teun": {"1.1": "Kan beter", "2.5": "Kan beter", "3.5": "Kan beter", "4.3": "Niet van toepassing"},
        "Sanne": {"1.1": "In orde", "2.5": "In orde", "3.5": "Kan beter", "4.3": "Kan beter"},
        "Mo": {"1.1": "In orde", "2.5": "Kan beter", "3.5": "In orde", "4.3": "In orde", "2.7": "Kan beter"},
    }

    contexts = []

    def new_page(width):
        contexts.append(browser.new_context(base_url=base_url, viewport={"width": width, "height": 844 if width < 500 else 720}))
        page = contexts[-1].new_page()
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        return page

    phones, code = {}, {}
    for who, answers in phones_answers.items():
        phone = phones[who] = new_page(390)
        open_instrument(phone, "werkoverleg")
        for item, option in answers.items():
            answer(phone, "werkoverleg", item, option)
        instrument(phone, "werkoverleg").get_by_role("button", name="Maak mijn resultaatcode").click()
        expect(instrument(phone, "werkoverleg").locator("[data-code-message]")).to_have_text(
            f"Let op: u heeft {len(answers)} van de 19 punten beantwoord. Punten zonder antwoord tellen niet mee.")
        code[who] = instrument(phone, "werkoverleg").get_by_label("Uw resultaatcode").input_value()
    teun = instrument(phones["Teun"], "werkoverleg")
    answer(phones["Teun"], "werkoverleg", "3.5", "In orde")
    expect(teun.locator("[data-code-message]")).to_have_text(
        "Uw antwoorden zijn veranderd. Maak een nieuwe resultaatcode. Die vervangt de vorige.")
    teun.get_by_role("button", name="Maak mijn resultaatcode").click()
    expect(teun.locator("[data-code-message]")).to_have_text(
        "Deze code vervangt uw vorige code. Geef alleen deze nieuwe code door. "
        "Let op: u heeft 4 van de 19 punten beantwoord. Punten zonder antwoord tellen niet mee.")
    teun_again = teun.get_by_label("Uw resultaatcode").input_value()
    sanne = instrument(phones["Sanne"], "werkoverleg")
    sanne.get_by_role("button", name="Trek mijn code in").click()
    expect(sanne.locator("[data-code-message]")).to_have_text(
        "Dit is uw intrekcode. Geef hem aan de gespreksleider. Dan telt uw eerdere code niet meer mee.")
    sanne_out = sanne.get_by_label("Uw resultaatcode").input_value()
    answer(phones["Sanne"], "werkoverleg", "1.1", "Kan beter")  # a withdrawal does not depend on the answers
    expect(sanne.get_by_label("Uw resultaatcode")).to_be_visible()
    expect(sanne.get_by_label("Uw resultaatcode")).to_have_value(sanne_out)
    code_box = sanne.get_by_label("Uw resultaatcode").bounding_box()
    assert code_box["x"] + code_box["width"] <= 390  # the whole code in sight on a phone
    found = run_axe(phones["Sanne"])
    assert not found, describe(found)

    leader = new_page(1280)
    open_instrument(leader, "werkoverleg")
    team_mode(leader, "werkoverleg")
    root = instrument(leader, "werkoverleg")
    chat = [
        f"[10:02] Piet: {code['Piet']}",
        "[10:02] Esra: hier is de mijne",
        f"[10:03] Esra: {code['Esra'][:-2]}",
        f"[10:03] Teun: {code['Teun']}",
        f"[10:04] Sanne: {code['Sanne']}",
        f"[10:04] Mo: {code['Mo']}",
        f"[10:05] Piet: {code['Piet']}",
        f"[10:06] Teun: sorry, nog iets aangepast: {teun_again}",
        f"[10:07] Sanne: ik trek de mijne in {sanne_out}",
    ]
    merge(leader, "werkoverleg", "\n".join(chat))
    expect(summary(leader, "werkoverleg")).to_have_text(
        "4 codes geteld, 1 vervangen, 1 ingetrokken. Nu tellen 3 codes mee. Niet geteld: 1 beschadigd (regel 2, Esra), "
        "1 al geteld (regel 3, Piet), 1 regel zonder code. Die staan nog in het vak.")
    assert root.locator("[data-team-codes]").input_value().split("\n") == [chat[1], chat[2], chat[6]]
    expect(root.locator("[data-code-report] li")).to_have_text([
        "Regel 1: geen code in deze regel.",
        "Regel 2 (Esra): de code is beschadigd of verkeerd overgetypt. Vraag om de code opnieuw.",
        "Regel 3 (Piet): deze code is al geteld.",
    ])
    expect(root.locator("[data-team-status]")).to_have_text("Deelnemers: 3 (waarvan 3 met een code).")
    assert shown_counts(leader, "werkoverleg") == {
        "1.1:oordeel:ok": 2, "1.1:oordeel:beter": 1, "2.5:oordeel:beter": 3, "2.7:oordeel:beter": 1,
        "3.5:oordeel:beter": 1, "3.5:oordeel:ok": 2, "4.3:oordeel:ok": 2, "4.3:oordeel:nvt": 1}
    found = run_axe(leader)
    assert not found, describe(found)

    root.get_by_role("button", name="Haal de regels zonder code uit het vak").click()
    root.locator("[data-team-codes]").fill(f"[10:09] Esra: {code['Esra']}")  # she sends it again
    root.get_by_role("button", name="Tel de codes op").click()
    expect(summary(leader, "werkoverleg")).to_have_text("1 code geteld.")
    expect(root.locator("[data-team-status]")).to_have_text("Deelnemers: 4 (waarvan 4 met een code).")
    agenda = root.locator("[data-team-list] > li:not([hidden])")
    expect(agenda.locator(".uitkomst__punt").first).to_have_text(
        "Zijn de deelnemers op tijd aanwezig? (4 van de 4 deelnemers: Kan beter)")
    kept = stored(leader, "werkoverleg")["merged"]
    assert kept["count"] == 4 and not any(c.split(".")[2][:10] in json.dumps(kept) for c in code.values())
    # An agreement typed after the first click on "Zet in plan van aanpak" is taken along by the second.
    point = agenda.first
    order = point.evaluate("(li) => [...li.querySelectorAll('fieldset, [data-action=to-plan]')].map((e) => e.tagName)")
    assert order == ["FIELDSET", "BUTTON"]
    point.get_by_role("button", name="Zet in plan van aanpak").click()
    expect(point.locator("[data-plan-message]")).to_contain_text("Vul nog in wie, wat en wanneer")
    point.get_by_label("Wie").fill("Sanne")
    point.get_by_label("Wat").fill("Om 9 uur beginnen")
    point.get_by_label("Wanneer").fill("1 maart")
    point.get_by_role("button", name="Zet in plan van aanpak").click()
    expect(point.locator("[data-plan-message]")).to_have_text(
        "Bijgewerkt in het plan van aanpak (nummer 1): wie, wat en wanneer zijn overgenomen.")
    found = run_axe(leader)
    assert not found, describe(found)
    assert not refused, refused[:5]
    for context in contexts:
        context.close()
