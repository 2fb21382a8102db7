"""Nothing is lost: failed writes, two tabs, stored data that cannot be used, and leaving a page with answers that
are not kept (issue 14), in Chromium, the way a user meets them."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from test_browser import describe, run_axe
from test_forms_browser import open_tool, tool
from test_instruments_browser import answer, instrument, open_instrument

B7 = "werkoverleg"
KEY = "psa-werkboek:werkoverleg:v1"
NOT_SAVED = "Let op: uw antwoorden konden niet worden bewaard."


def fill_storage(page: Page):
    """Fills this origin's localStorage to the brim with someone else's data."""
    page.evaluate("""() => { let size = 1 << 20;
        for (let i = 0; size > 0; i++) { try { localStorage.setItem('vol' + i, 'x'.repeat(size)); } catch (e) { size >>= 1; } } }""")


def stored_answers(page: Page, key: str = KEY):
    text = page.evaluate("(k) => localStorage.getItem(k)", key)
    return None if text is None else json.loads(text)["answers"]


def test_a_failed_write_keeps_the_last_good_copy_and_says_so(page: Page, base_url):
    open_instrument(page, B7)
    answer(page, B7, "1.1", "In orde")
    answer(page, B7, "1.2", "Kan beter")
    fill_storage(page)
    root = instrument(page, B7)
    answer(page, B7, "2.5", "Kan beter")
    expect(root.locator("[data-message]")).to_contain_text(NOT_SAVED)
    assert stored_answers(page) == {"1.1": {"oordeel": "ok"}, "1.2": {"oordeel": "beter"}}  # not removed
    page.reload()
    expect(root.locator("fieldset[data-answered-item='1.2']").get_by_label("Kan beter", exact=True)).to_be_checked()


def test_an_import_into_full_storage_says_it_was_not_kept(page: Page, base_url, tmp_path):
    open_instrument(page, B7)
    data = {"format": "psa-werkboek-antwoorden", "instrument": B7, "version": 1,
            "answers": {"1.1": {"oordeel": "beter"}}, "context": {}, "agreements": {}}
    (tmp_path / "b7.json").write_text(json.dumps(data), encoding="utf-8")
    fill_storage(page)
    root = instrument(page, B7)
    root.locator("input[data-action='import']").set_input_files(str(tmp_path / "b7.json"))
    message = root.locator("[data-message]")
    expect(message).to_contain_text("Antwoorden uit het bestand overgenomen")
    expect(message).to_contain_text(NOT_SAVED)


def test_opting_in_with_full_storage_does_not_claim_to_keep(page: Page, base_url):
    open_tool(page, "vragenlijst-agressie")
    fill_storage(page)
    root = tool(page, "vragenlijst-agressie")
    box = root.get_by_label("Bewaar", exact=False).first
    box.click()  # it unchecks itself again
    expect(root.get_by_text("Bewaren lukt niet: de opslag van de browser is vol.").first).to_be_visible()
    expect(box).not_to_be_checked()
    assert page.evaluate("() => localStorage.getItem('psa-werkboek:vragenlijst-agressie:bewaren')") is None


def test_two_tabs_of_a_checklist_merge_and_ask_on_a_conflict(browser, base_url):
    context = browser.new_context(base_url=base_url)
    a, b = context.new_page(), context.new_page()
    for p in (a, b):
        open_instrument(p, B7)
    answer(a, B7, "1.1", "In orde")
    answer(b, B7, "1.2", "Kan beter")
    expect(instrument(a, B7).locator("fieldset[data-answered-item='1.2']").get_by_label("Kan beter", exact=True)).to_be_checked()
    expect(instrument(b, B7).locator("fieldset[data-answered-item='1.1']").get_by_label("In orde", exact=True)).to_be_checked()
    assert stored_answers(a) == {"1.1": {"oordeel": "ok"}, "1.2": {"oordeel": "beter"}}
    a.reload()
    expect(instrument(a, B7).locator("fieldset[data-answered-item='1.1']").get_by_label("In orde", exact=True)).to_be_checked()
    # Both change the same answer while the other is not looking: B's storage event comes while A differs.
    a.evaluate("""() => { const e = document.querySelector("#instrument-werkoverleg fieldset[data-answered-item='2.5'] input[value='ok']");
        e.checked = true; }""")  # typed in A, not saved yet (as between two events)
    answer(b, B7, "2.5", "Kan beter")
    conflict = instrument(a, B7).locator("[data-conflict]")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("hier ‘In orde’, in het andere tabblad ‘Kan beter’")
    conflict.get_by_role("button", name="Neem het andere tabblad over").click()
    expect(instrument(a, B7).locator("fieldset[data-answered-item='2.5']").get_by_label("Kan beter", exact=True)).to_be_checked()
    expect(instrument(a, B7).locator("[data-message]")).to_have_text("Wat in het andere tabblad stond, is overgenomen.")
    assert stored_answers(a)["2.5"] == {"oordeel": "beter"}
    context.close()


def test_two_tabs_of_a_form_keep_both_records_and_the_unsaved_entry(browser, base_url):
    context = browser.new_context(base_url=base_url)
    a, b = context.new_page(), context.new_page()
    for p in (a, b):
        p.goto("bijlagen/bijlage-13/")
        expect(tool(p, "baliewerkplekken")).to_have_attribute("data-ready", "1")
    entry_a = tool(a, "baliewerkplekken").locator("[data-part='balies']")
    entry_b = tool(b, "baliewerkplekken").locator("[data-part='balies']")
    entry_b.get_by_label("Naam of plek van de balie").fill("Zuid (nog niet opgeslagen)")
    entry_a.get_by_label("Naam of plek van de balie").fill("Noord")
    entry_a.get_by_role("button", name="Balie opslaan").click()
    expect(entry_b.get_by_label("Naam of plek van de balie")).to_have_value("Zuid (nog niet opgeslagen)")
    entry_b.get_by_label("Naam of plek van de balie").fill("Zuid")
    entry_b.get_by_role("button", name="Balie opslaan").click()
    expect(entry_a).to_contain_text("Zuid")
    expect(entry_b).to_contain_text("Noord")
    # Storage events travel between tabs on their own time: the copy both tabs end with holds both.
    for _ in range(50):
        saved = json.loads(a.evaluate("() => localStorage.getItem('psa-werkboek:baliewerkplekken:v1')"))
        names = sorted(r["values"].get("naam") for r in saved["records"]["balies"])
        if names == ["Noord", "Zuid"]:
            break
        a.wait_for_timeout(100)
    assert names == ["Noord", "Zuid"], names
    context.close()


def test_answers_of_an_older_version_are_named_kept_and_offered_as_a_file(page: Page, base_url):
    open_instrument(page, B7)
    old = {"format": "psa-werkboek-antwoorden", "instrument": B7, "version": 0, "answers": {"1.1": {"oordeel": "beter"}}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", ["psa-werkboek:werkoverleg:v0", json.dumps(old)])
    page.reload()
    root = instrument(page, B7)
    notice = root.locator("[data-leftover]")
    expect(notice).to_contain_text("andere versie van dit hulpmiddel (versie 0)")
    with page.expect_download() as download:
        notice.get_by_role("button", name="Sla de oude gegevens op als bestand").click()
    assert json.loads(open(download.value.path(), encoding="utf-8").read()) == old
    answer(page, B7, "1.2", "In orde")  # saving this version leaves the old one alone
    assert page.evaluate("() => localStorage.getItem('psa-werkboek:werkoverleg:v0')") is not None
    notice.get_by_role("button", name="Wis de oude gegevens").click()
    expect(notice).to_be_hidden()
    assert page.evaluate("() => localStorage.getItem('psa-werkboek:werkoverleg:v0')") is None


@pytest.mark.parametrize("stored,reason", [
    ("{kapot", "het is geen leesbare tekst"),
    (json.dumps({"answers": {"1.1": {"oordeel": "ok"}, "9.9": {"oordeel": "ok"}}}), "vraag ‘9.9’ staat niet (meer) in deze lijst"),
])
def test_stored_answers_that_cannot_be_read_are_set_aside_not_overwritten(page: Page, base_url, stored, reason):
    open_instrument(page, B7)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, stored])
    page.reload()
    root = instrument(page, B7)
    expect(root.locator("[data-leftover]")).to_contain_text(reason)
    answer(page, B7, "1.2", "Kan beter")  # the page saves again: the old copy stays aside
    assert page.evaluate("(k) => localStorage.getItem(k + ':onleesbaar')", KEY) == stored
    page.reload()
    expect(root.locator("[data-leftover]")).to_be_visible()
    with page.expect_download() as download:
        root.locator("[data-leftover]").get_by_role("button", name="Sla de oude gegevens op als bestand").click()
    assert open(download.value.path(), encoding="utf-8").read() == stored


def test_a_stored_record_of_an_unknown_kind_is_named_and_kept(page: Page, base_url):
    key = "psa-werkboek:baliewerkplekken:v1"
    data = {"format": "psa-werkboek-formulier", "tool": "baliewerkplekken", "version": 1, "values": {},
            "records": {"balies": [{"values": {"naam": "Noord"}}], "kassa": [{"values": {"x": 1}}]}, "ticks": {}}
    page.goto("bijlagen/bijlage-13/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(data)])
    page.reload()
    root = tool(page, "baliewerkplekken")
    expect(root.locator("[data-leftover]")).to_contain_text("kassa")
    expect(root.locator("[data-part='balies']")).to_contain_text("Noord")
    assert json.loads(page.evaluate("(k) => localStorage.getItem(k + ':onleesbaar')", key)) == data


def test_zet_in_plan_leaves_an_unreadable_plan_alone(page: Page, base_url):
    open_instrument(page, B7)
    plan_key = page.evaluate("() => JSON.parse(document.getElementById('instrument-werkoverleg').getAttribute('data-plan-target')).key")
    page.evaluate("([k]) => localStorage.setItem(k, '{kapot')", [plan_key])
    answer(page, B7, "2.5", "Kan beter")
    point = instrument(page, B7).locator("[data-summary] li[data-item='2.5']")
    point.get_by_role("button", name="Zet in plan van aanpak").click()
    expect(point.locator("[data-plan-message]")).to_contain_text("het plan van aanpak op dit apparaat kan niet worden gelezen")
    assert page.evaluate("(k) => localStorage.getItem(k)", plan_key) == "{kapot"


def test_leaving_b5_with_answers_that_are_not_kept_asks_first(page: Page, base_url):
    open_instrument(page, "anders-dan-anders")
    root = instrument(page, "anders-dan-anders")
    root.get_by_label("Onderpresteren", exact=True).check()
    asked = []

    def on_dialog(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.get_by_role("link", name="Privacy").first.click()
    page.wait_for_timeout(500)
    assert asked and "niet op dit apparaat wordt bewaard" in asked[0]
    assert "bijlage-5" in page.url  # stayed
    expect(root.get_by_label("Onderpresteren", exact=True)).to_be_checked()
    page.remove_listener("dialog", on_dialog)
    root.get_by_label("Bewaar mijn antwoorden op dit apparaat").check()  # kept now: no question
    page.get_by_role("link", name="Privacy").first.click()
    page.wait_for_url("**/privacy/")


# ---- Two tabs that save at the same moment: each tab's storage event arrives after its own save ----

# Listeners on window run in the order they were added, so the one that holds events back is added before the
# page's own scripts (an init script), and switched on when the test wants two saves to cross.
HOLD = """(() => { window.__held = []; window.__hold = false;
    window.addEventListener('storage', (e) => { if (window.__hold && e.isTrusted) { e.stopImmediatePropagation();
        window.__held.push({ key: e.key, oldValue: e.oldValue, newValue: e.newValue }); } }); })()"""
RELEASE = """() => { window.__hold = false; const held = window.__held; window.__held = [];
    held.forEach((x) => window.dispatchEvent(new StorageEvent('storage', Object.assign({ storageArea: localStorage }, x))));
    return held.length; }"""


def hold(*tabs):
    for tab in tabs:
        tab.evaluate("() => { window.__hold = true; }")


def release(*tabs):
    # Storage events travel between tabs on their own time: wait until every tab has the others' saves in hand, so
    # that they really crossed, then let them through.
    for tab in tabs:
        for _ in range(100):
            if tab.evaluate("() => window.__held.length"):
                break
            tab.wait_for_timeout(50)
    held = [tab.evaluate(RELEASE) for tab in tabs]
    assert all(held), held


def chosen(page: Page, instrument_id: str, item: str, option: str):
    return (instrument(page, instrument_id).locator(f"fieldset[data-answered-item='{item}']")
            .get_by_label(option, exact=True))


def tabs(browser, base_url, count, opener):
    context = browser.new_context(base_url=base_url)
    context.add_init_script(HOLD)
    pages = [context.new_page() for _ in range(count)]
    for p in pages:
        opener(p)
    return context, pages


def test_tabs_that_save_at_the_same_moment_keep_every_answer(browser, base_url):
    context, (a, b, c) = tabs(browser, base_url, 3, lambda p: open_instrument(p, B7))
    answer(a, B7, "1.1", "In orde")  # a common starting point that every tab has seen
    expect(chosen(c, B7, "1.1", "In orde")).to_be_checked()
    hold(a, b, c)
    answer(a, B7, "1.2", "Kan beter")
    answer(b, B7, "2.1", "In orde")
    answer(c, B7, "2.5", "Kan beter")
    release(a, b, c)
    want = {"1.1": {"oordeel": "ok"}, "1.2": {"oordeel": "beter"}, "2.1": {"oordeel": "ok"}, "2.5": {"oordeel": "beter"}}
    for p in (a, b, c):
        expect(chosen(p, B7, "1.2", "Kan beter")).to_be_checked()
        expect(chosen(p, B7, "2.1", "In orde")).to_be_checked()
        expect(chosen(p, B7, "2.5", "Kan beter")).to_be_checked()
    a.wait_for_function("(k) => Object.keys(JSON.parse(localStorage.getItem(k)).answers).length === 4", arg=KEY)
    assert stored_answers(a) == want
    # An answer taken away in one tab, after the others saw it, goes in every tab: not brought back by a merge.
    answer(b, B7, "2.5", "In orde")
    expect(chosen(a, B7, "2.5", "In orde")).to_be_checked()
    expect(chosen(c, B7, "2.5", "In orde")).to_be_checked()
    assert stored_answers(a)["2.5"] == {"oordeel": "ok"}
    context.close()


def test_the_same_answer_changed_at_the_same_moment_is_shown_and_kept_until_chosen(browser, base_url):
    context, (a, b) = tabs(browser, base_url, 2, lambda p: open_instrument(p, B7))
    hold(a, b)
    answer(a, B7, "1.1", "In orde")
    answer(b, B7, "1.1", "Kan beter")
    release(a, b)
    for p, other in ((a, "Kan beter"), (b, "In orde")):
        conflict = instrument(p, B7).locator("[data-conflict]")
        expect(conflict).to_be_visible()
        expect(conflict).to_contain_text(f"in het andere tabblad ‘{other}’")
    found = run_axe(a)
    assert not found, describe(found)
    # While the choice is open in both tabs, A goes on: 1.1 is not decided by A's saving (either answer may stay
    # stored), the choice stays open in both tabs, and both tabs keep their own answer on screen.
    answer(a, B7, "3.1", "In orde")
    assert stored_answers(a)["1.1"] in ({"oordeel": "ok"}, {"oordeel": "beter"}) and stored_answers(a)["3.1"] == {"oordeel": "ok"}
    expect(chosen(a, B7, "1.1", "In orde")).to_be_checked()
    expect(chosen(b, B7, "1.1", "Kan beter")).to_be_checked()
    expect(chosen(b, B7, "3.1", "In orde")).to_be_checked()
    for p in (a, b):
        expect(instrument(p, B7).locator("[data-conflict]")).to_be_visible()
    instrument(a, B7).locator("[data-conflict]").get_by_role("button", name="Houd wat in dit tabblad staat").click()
    expect(instrument(a, B7).locator("[data-message]")).to_have_text("Wat in dit tabblad staat, is bewaard.")
    assert stored_answers(a)["1.1"] == {"oordeel": "ok"}
    context.close()


def test_two_tabs_of_a_form_adding_at_the_same_moment_keep_both(browser, base_url):
    context, (a, b) = tabs(browser, base_url, 2, lambda p: open_tool(p, "baliewerkplekken"))
    hold(a, b)
    for p, name in ((a, "Balie A"), (b, "Balie B")):
        entry = tool(p, "baliewerkplekken").locator("[data-part='balies']")
        entry.get_by_label("Naam of plek van de balie").fill(name)
        entry.get_by_role("button", name="Balie opslaan").click()
    release(a, b)
    for p in (a, b):
        expect(tool(p, "baliewerkplekken").locator("[data-part='balies']")).to_contain_text("Balie A")
        expect(tool(p, "baliewerkplekken").locator("[data-part='balies']")).to_contain_text("Balie B")
    a.wait_for_function("() => JSON.parse(localStorage.getItem('psa-werkboek:baliewerkplekken:v1')).records.balies.length === 2")
    context.close()


def test_opting_out_in_one_tab_is_followed_in_the_other(browser, base_url):
    def open_b5(p):
        open_instrument(p, "anders-dan-anders")

    context, (a, b) = tabs(browser, base_url, 2, open_b5)
    box_a = instrument(a, "anders-dan-anders").get_by_label("Bewaar mijn antwoorden op dit apparaat")
    box_b = instrument(b, "anders-dan-anders").get_by_label("Bewaar mijn antwoorden op dit apparaat")
    instrument(b, "anders-dan-anders").get_by_label("Onderpresteren", exact=True).check()
    box_a.check()
    expect(box_b).to_be_checked()
    expect(instrument(b, "anders-dan-anders").locator("[data-message]")).to_contain_text("In een ander tabblad is ‘Bewaar’ aangezet")
    # B's answer, never stored before, joins what A stored.
    expect(instrument(a, "anders-dan-anders").get_by_label("Onderpresteren", exact=True)).to_be_checked()
    box_a.uncheck()
    expect(box_b).not_to_be_checked()
    expect(instrument(b, "anders-dan-anders").locator("[data-message]")).to_contain_text("‘Bewaar’ uitgezet")
    context.close()


def test_a_record_saved_into_full_storage_is_not_called_saved(page: Page, base_url):
    root = open_tool(page, "baliewerkplekken")
    fill_storage(page)
    entry = root.locator("[data-part='balies']")
    entry.get_by_label("Naam of plek van de balie").fill("Kassa")
    entry.get_by_role("button", name="Balie opslaan").click()
    expect(entry).to_contain_text("Toegevoegd als nummer 1, maar alleen op deze pagina.")
    expect(entry).not_to_contain_text("opgeslagen als nummer")


def test_leaving_after_a_failed_write_asks_first(page: Page, base_url):
    open_instrument(page, B7)
    fill_storage(page)
    answer(page, B7, "1.1", "Kan beter")
    assert_leaving_asks(page, "bijlage-7")


def assert_leaving_asks(page: Page, stays_on: str):
    """A link away asks first; saying no keeps the page."""
    asked = []
    page.on("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("link", name="Privacy").first.click()
    page.wait_for_timeout(300)
    assert asked and "niet op dit apparaat wordt bewaard" in asked[0] and stays_on in page.url


def test_back_with_instant_navigation_asks_before_leaving_answers_that_are_not_kept(page: Page, base_url):
    page.goto("bijlagen/bijlage-4/")
    page.locator(".md-nav--primary a[href$='bijlage-5/']").first.click()  # instant navigation
    page.wait_for_url("**/bijlage-5/")
    root = instrument(page, "anders-dan-anders")
    expect(root).to_have_attribute("data-ready", "1")
    root.get_by_label("Onderpresteren", exact=True).check()
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.go_back()
    page.wait_for_timeout(500)
    assert asked and "niet op dit apparaat wordt bewaard" in asked[0]
    assert page.url.endswith("bijlage-5/")
    expect(root.get_by_label("Onderpresteren", exact=True)).to_be_checked()


def test_wiping_the_list_leaves_answers_of_an_older_version_to_their_own_notice(page: Page, base_url):
    open_instrument(page, B7)
    old = {"format": "psa-werkboek-antwoorden", "instrument": B7, "version": 0, "answers": {"1.1": {"oordeel": "beter"}}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", ["psa-werkboek:werkoverleg:v0", json.dumps(old)])
    page.reload()
    answer(page, B7, "1.2", "In orde")
    root = instrument(page, B7)
    root.locator("button[data-action='clear']").click()
    root.locator("button[data-action='clear-confirm']").click()
    assert page.evaluate("(k) => localStorage.getItem(k)", KEY) is None
    assert page.evaluate("() => localStorage.getItem('psa-werkboek:werkoverleg:v0')") is not None
    expect(root.locator("[data-leftover]")).to_be_visible()


def test_leaving_with_a_typed_record_that_is_not_added_asks_first(page: Page, base_url):
    root = open_tool(page, "baliewerkplekken")
    root.locator("[data-part='balies']").get_by_label("Naam of plek van de balie").fill("Kassa")
    assert_leaving_asks(page, "bijlage-13")


def test_a_second_unreadable_copy_is_set_aside_beside_the_first(page: Page, base_url):
    open_instrument(page, B7)
    page.evaluate("([k]) => localStorage.setItem(k + ':onleesbaar', '{oud')", [KEY])
    second = json.dumps({"answers": {"1.1": {"oordeel": "ok"}, "9.9": {"oordeel": "ok"}}})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, second])
    page.reload()
    root = instrument(page, B7)
    expect(root.locator("[data-leftover]")).to_contain_text("9.9")
    answer(page, B7, "1.2", "Kan beter")  # saving again: both earlier copies stay
    assert page.evaluate("(k) => localStorage.getItem(k + ':onleesbaar')", KEY) == "{oud"
    assert page.evaluate("(k) => localStorage.getItem(k + ':onleesbaar:2')", KEY) == second
    names = []
    for _ in range(2):
        page.once("download", lambda d: names.append(d.suggested_filename))
    with page.expect_download():
        root.locator("[data-leftover]").get_by_role("button", name="Sla de oude gegevens op als bestand").click()
    page.wait_for_timeout(500)
    assert len(names) == 2, names
    root.locator("[data-leftover]").get_by_role("button", name="Wis de oude gegevens").click()
    assert page.evaluate("(k) => Object.keys(localStorage).filter(x => x.startsWith(k + ':onleesbaar'))", KEY) == []


def test_two_tabs_counting_hands_keep_both_counts(browser, base_url):
    from test_team_browser import TEAM_KEY, shown_counts, team_mode

    def open_team(p):
        open_instrument(p, B7)
        team_mode(p, B7)

    context, (a, b) = tabs(browser, base_url, 2, open_team)
    participants = instrument(a, B7).get_by_label("Aantal deelnemers")
    participants.fill("5")
    participants.blur()
    expect(instrument(b, B7).get_by_label("Aantal deelnemers")).to_have_value("5")
    hold(a, b)  # both raise a hand at the same moment
    instrument(a, B7).get_by_role("button", name="Eén meer: In orde,").first.click()
    instrument(b, B7).get_by_role("button", name="Eén meer: Kan beter,").first.click()
    release(a, b)
    expect(instrument(a, B7).locator("[data-team-message]")).to_contain_text("Beide tellingen zijn samengevoegd")
    a.wait_for_timeout(300)
    assert shown_counts(a, B7) == shown_counts(b, B7) and sum(shown_counts(a, B7).values()) == 2
    stored_team = json.loads(a.evaluate("(k) => localStorage.getItem(k)", TEAM_KEY.format(B7)))
    assert sum(n for options in stored_team["manual"].values() for field in options.values() for n in field.values()) == 2
    context.close()


def test_damaged_team_data_is_set_aside_and_offered_as_a_file(page: Page, base_url):
    from test_team_browser import TEAM_KEY, team_mode

    open_instrument(page, B7)
    key = TEAM_KEY.format(B7)
    page.evaluate("([k]) => localStorage.setItem(k, '{kapot')", [key])
    page.reload()
    team_mode(page, B7)
    root = instrument(page, B7)
    expect(root.locator("[data-team-notice]")).to_contain_text("staat apart op dit apparaat")
    root.locator("[data-team-context]").first.fill("Team Noord")  # saves the team data: the old copy stays aside
    root.locator("[data-team-context]").first.blur()
    assert page.evaluate("(k) => localStorage.getItem(k + ':onleesbaar')", key) == "{kapot"
    with page.expect_download() as download:
        root.get_by_role("button", name="Sla de oude teamgegevens op als bestand").click()
    assert open(download.value.path(), encoding="utf-8").read() == "{kapot"
    root.get_by_role("button", name="Wis de oude teamgegevens").click()
    assert page.evaluate("(k) => localStorage.getItem(k + ':onleesbaar')", key) is None
    expect(root.get_by_role("button", name="Wis de oude teamgegevens")).to_be_hidden()


def test_a_record_removed_in_one_tab_stays_removed_in_the_other(browser, base_url):
    context, (a,) = tabs(browser, base_url, 1, lambda p: open_tool(p, "baliewerkplekken"))
    entry_a = tool(a, "baliewerkplekken").locator("[data-part='balies']")
    for name in ("Noord", "Zuid"):  # made on this page: the records' keys are in another order than when read back
        entry_a.get_by_label("Naam of plek van de balie").fill(name)
        entry_a.get_by_role("button", name="Balie opslaan").click()
    b = context.new_page()
    open_tool(b, "baliewerkplekken")
    entry_b = tool(b, "baliewerkplekken").locator("[data-part='balies']")
    entry_b.locator("[data-action='record-delete'][data-index='0']").click()
    entry_b.locator("[data-action='record-delete'][data-index='0']").click()  # "Zeker weten?"
    expect(entry_b).not_to_contain_text("Noord")
    expect(entry_a).not_to_contain_text("Noord")
    a.wait_for_timeout(300)
    saved = json.loads(a.evaluate("() => localStorage.getItem('psa-werkboek:baliewerkplekken:v1')"))
    assert [r["values"]["naam"] for r in saved["records"]["balies"]] == ["Zuid"]
    context.close()


def test_two_tabs_changing_the_same_record_are_asked_and_keep_the_list(browser, base_url):
    context, (a, b) = tabs(browser, base_url, 2, lambda p: open_tool(p, "baliewerkplekken"))
    errors = []
    for p in (a, b):
        p.on("pageerror", lambda e: errors.append(str(e)))
    entry = {p: tool(p, "baliewerkplekken").locator("[data-part='balies']") for p in (a, b)}
    entry[a].get_by_label("Naam of plek van de balie").fill("Noord")
    entry[a].get_by_role("button", name="Balie opslaan").click()
    expect(entry[b]).to_contain_text("Noord")
    hold(a, b)
    for p, name in ((a, "Noord A"), (b, "Noord B")):
        entry[p].locator("[data-action='record-edit'][data-index='0']").click()
        entry[p].get_by_label("Naam of plek van de balie").fill(name)
        entry[p].locator("[data-action='record-save']").click()
    release(a, b)
    for p, other in ((a, "Noord B"), (b, "Noord A")):
        conflict = tool(p, "baliewerkplekken").locator("[data-conflict]")
        expect(conflict).to_be_visible()
        expect(conflict).to_contain_text("Balie, nummer 1: Naam of plek van de balie: hier")
        expect(conflict).to_contain_text(f"in het andere tabblad ‘{other}’")
    a.wait_for_timeout(300)
    saved = json.loads(a.evaluate("() => localStorage.getItem('psa-werkboek:baliewerkplekken:v1')"))
    assert len(saved["records"]["balies"]) == 1  # the list is whole
    tool(a, "baliewerkplekken").locator("[data-conflict]").get_by_role("button", name="Neem het andere tabblad over").click()
    expect(entry[a]).to_contain_text("Noord B")
    assert errors == []
    context.close()


def test_open_choices_add_up_and_the_tabs_settle(browser, base_url):
    context, (a, b) = tabs(browser, base_url, 2, lambda p: open_instrument(p, B7))
    context.add_init_script("""(() => { const set = Storage.prototype.setItem; window.__writes = 0;
        Storage.prototype.setItem = function (k, v) { window.__writes += 1; return set.call(this, k, v); }; })()""")
    for p in (a, b):
        p.reload()
        expect(instrument(p, B7)).to_have_attribute("data-ready", "1")
    hold(a, b)
    answer(a, B7, "1.1", "In orde")
    answer(a, B7, "1.2", "In orde")
    answer(b, B7, "1.1", "Kan beter")
    answer(b, B7, "1.2", "Kan beter")
    release(a, b)
    for p in (a, b):
        expect(instrument(p, B7).locator("[data-conflict] li")).to_have_count(2)
    answer(b, B7, "1.2", "In orde")  # B now gives A's answer on 1.2: that choice closes in both tabs
    for p in (a, b):
        expect(instrument(p, B7).locator("[data-conflict] li")).to_have_count(1)
        expect(instrument(p, B7).locator("[data-conflict] li")).to_contain_text("Is het doel van het overleg duidelijk?")
    a.wait_for_timeout(500)
    before = [p.evaluate("() => window.__writes") for p in (a, b)]
    a.wait_for_timeout(1000)
    assert [p.evaluate("() => window.__writes") for p in (a, b)] == before  # no tab keeps writing
    context.close()


def test_wiping_team_data_in_one_tab_starts_the_other_from_nothing(browser, base_url):
    from test_team_browser import TEAM_KEY, shown_counts, team_mode

    def open_team(p):
        open_instrument(p, B7)
        team_mode(p, B7)

    context, (a, b) = tabs(browser, base_url, 2, open_team)
    root_a, root_b = instrument(a, B7), instrument(b, B7)
    root_a.get_by_label("Aantal deelnemers").fill("5")
    root_a.get_by_label("Aantal deelnemers").blur()
    for _ in range(3):
        root_a.get_by_role("button", name="Eén meer: In orde,").first.click()
    expect(root_b.get_by_label("Aantal deelnemers")).to_have_value("5")
    root_a.get_by_role("button", name="Wis de teamgegevens").click()
    root_a.locator("button[data-action='team-clear-confirm']").click()
    expect(root_b.locator("[data-team-message]")).to_contain_text("gewist")
    root_a.get_by_label("Aantal deelnemers").fill("4")
    root_a.get_by_label("Aantal deelnemers").blur()
    root_a.get_by_role("button", name="Eén meer: Kan beter,").first.click()
    expect(root_b.get_by_label("Aantal deelnemers")).to_have_value("4")
    b.wait_for_timeout(300)
    assert shown_counts(b, B7) == shown_counts(a, B7) and sum(shown_counts(a, B7).values()) == 1
    context.close()
