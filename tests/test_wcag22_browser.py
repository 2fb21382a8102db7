"""WCAG 2.2 AA beyond what axe sees: target sizes, focus not hidden under Material's header, forced colours."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from test_browser import WIDTHS
from test_forms_browser import fill_incident, open_tool, part
from test_instruments_browser import answer, instrument, open_instrument
from test_team_browser import team_mode

# Every visible target in the content and the menus, as {what, text, height, width, own}. A tick box or radio in a
# label is measured with its label: a tap on the words ticks it. Left out: links in running text and in tables
# (WCAG 2.5.8 "inline"), and Material's "#" after a heading (nothing else to tap within 24px of it: "spacing").
TARGETS = """() => {
    const found = [];
    const selector = 'article :is(a[href], button, input:not([type=hidden]), select, textarea, summary, label.md-button),'
        + ' .md-sidebar .md-nav__link[href], .md-header :is(button, label[for], a[href])';
    for (const el of document.querySelectorAll(selector)) {
        if (el.matches('a.headerlink')) continue;
        if (el.matches('a') && !el.closest('nav') && !el.matches('.md-button')
            && getComputedStyle(el).display === 'inline') continue;
        const box = el.matches('input[type=checkbox], input[type=radio], input[type=file]')
            ? (el.closest('label') || el) : el;
        const r = box.getBoundingClientRect();
        if (!r.width || !r.height || getComputedStyle(box).visibility === 'hidden' || box.closest('[hidden]')) continue;
        if (getComputedStyle(el).opacity === '0' && !el.matches('input[type=file]')) continue;
        const own = box.matches('.md-button, .team__knop');
        const what = box.tagName.toLowerCase() + (box.className && typeof box.className === 'string'
            ? '.' + box.className.trim().split(/\\s+/).join('.') : '');
        found.push({what, text: (box.textContent || box.getAttribute('aria-label') || box.id || '').trim().slice(0, 40),
                    height: Math.round(r.height * 10) / 10, width: Math.round(r.width * 10) / 10, own});
    }
    return found;
}"""


def small_targets(page: Page) -> list[str]:
    wrong = []
    for t in page.evaluate(TARGETS):
        least = 44 if t["own"] else 24
        if t["height"] < least or t["width"] < 24:
            wrong.append(f"{t['what']} ‘{t['text']}’ {t['width']}×{t['height']} (minstens {least} hoog)")
    return wrong


def show_every_kind_of_control(page: Page, where: str):
    """Open the tools in the states that bring small controls: team view, a saved record, a summary point."""
    if where == "bijlagen/bijlage-7/":
        open_instrument(page, "werkoverleg")
        answer(page, "werkoverleg", "1.2", "Kan beter")  # a point in the summary, with "Zet in plan van aanpak"
        expect(instrument(page, "werkoverleg").get_by_role("button", name="Zet in plan van aanpak").first).to_be_visible()
        team_mode(page, "werkoverleg")
        team = instrument(page, "werkoverleg").locator("[data-team]")
        team.get_by_label("Aantal deelnemers").fill("3")  # the discussion list, with "Toon de top", from 3 people
        team.get_by_label("Aantal deelnemers").blur()
        expect(team.get_by_label("Toon de top")).to_be_visible()
    elif where == "bijlagen/bijlage-5/":
        open_instrument(page, "anders-dan-anders")
    elif where == "bijlagen/bijlage-10/":
        open_tool(page, "agressieregistratie")
        fill_incident(part(page, "agressieregistratie", "formulier"))
        log = part(page, "agressieregistratie", "logboek")
        log.get_by_role("button", name="Neem over uit het formulier").click()
        log.get_by_role("button", name="Incident opslaan").click()
        expect(log.get_by_role("button", name="Verwijder nummer 1")).to_be_visible()
    else:
        page.goto(where)
        expect(page.locator("[data-psa][data-ready]").first).to_be_attached()


@pytest.mark.parametrize("where", ["bijlagen/bijlage-5/", "bijlagen/bijlage-7/", "bijlagen/bijlage-10/",
                                   "plan-van-aanpak/"])
def test_every_target_in_a_tool_is_24_pixels_and_our_buttons_44_at_phone_width(page: Page, base_url, where):
    page.set_viewport_size({"width": 390, "height": 844})
    show_every_kind_of_control(page, where)
    assert small_targets(page) == []


def test_menu_links_are_24_pixels_high_on_a_wide_screen(page: Page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("bijlagen/bijlage-8/")
    links = [t for t in page.evaluate(TARGETS) if t["what"].startswith("a.md-nav__link")]
    assert len(links) > 20
    assert [t for t in links if t["height"] < 24] == []


def obscured_while_tabbing(page: Page, key: str, stops: int) -> list[str]:
    """Press Tab (or Shift+Tab) and, at every stop, check that the focused element is clear of the sticky header
    and of Material's "Terug naar boven" button, which shows while scrolling up."""
    hidden = []
    for _ in range(stops):
        page.keyboard.press(key)
        found = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body || el.closest('.md-header, .md-sidebar, .md-skip, .md-top')) return null;
            const r = el.getBoundingClientRect();
            if (!r.width && !r.height) return null;
            const covers = [document.querySelector('.md-header'), document.querySelector('.md-top')]
                .filter((c) => c && !c.hidden && getComputedStyle(c).opacity !== '0'
                        && getComputedStyle(c).visibility !== 'hidden')
                .map((c) => c.getBoundingClientRect())
                .filter((c) => c.bottom > r.top + 1 && c.top < r.bottom - 1 && c.right > r.left && c.left < r.right);
            return covers.length ? `${el.tagName} ${(el.textContent || el.id).trim().slice(0, 40)} top ${Math.round(r.top)}`
                + ` under ${covers.map((c) => Math.round(c.bottom)).join(', ')}` : null;
        }""")
        if found:
            hidden.append(found)
    return hidden


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("where,instrument_id", [("bijlagen/bijlage-7/", "werkoverleg"),
                                                 ("bijlagen/bijlage-16/", "inspectie-szw")])
def test_tabbing_forwards_and_back_never_hides_focus_under_the_header(page: Page, base_url, where, instrument_id,
                                                                       width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    open_instrument(page, instrument_id)
    page.evaluate("() => window.scrollTo(0, 0)")
    # Start at the tool's first field, and go through it and back; with a page's worth of tab stops either way.
    instrument(page, instrument_id).locator("input").first.focus()
    stops = page.evaluate("(id) => document.getElementById('instrument-' + id).querySelectorAll("
                          "'input[type=text], input[type=date], input[type=checkbox], fieldset, button').length",
                          instrument_id)
    stops = min(stops, 120)
    assert obscured_while_tabbing(page, "Tab", stops) == []
    assert obscured_while_tabbing(page, "Shift+Tab", stops) == []


def test_the_closed_menu_drawer_at_phone_width_takes_no_focus(page: Page, base_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("bijlagen/bijlage-7/")
    for _ in range(8):  # past the skip link and the header, into the content
        page.keyboard.press("Tab")
        assert page.evaluate("() => !document.activeElement.closest('.md-sidebar--primary')")
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(page.locator(".md-sidebar--primary .md-nav__link", has_text="Voorwoord")).to_be_visible()


def test_a_jump_to_a_heading_lands_below_the_header(page: Page, base_url):
    page.goto("agressie/maatregelen/#maatregel-4-6-16")
    top = page.locator("#maatregel-4-6-16").bounding_box()["y"]
    header = page.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] <= top < 200


def test_in_forced_colours_every_state_stays_visible(page: Page, base_url):
    """A Windows contrast theme replaces colours and drops backgrounds: a state shown by a background alone is gone.
    What is compared here (border widths, a system colour on purpose) survives that."""
    page.emulate_media(forced_colors="active")
    open_instrument(page, "werkoverleg")
    answer(page, "werkoverleg", "1.1", "In orde")
    question = instrument(page, "werkoverleg").locator("fieldset[data-answered-item='1.1']")
    style = "(e) => { const s = getComputedStyle(e); return [s.borderTopWidth, s.borderTopStyle, s.backgroundColor]; }"
    chosen = question.locator(".instrument__optie", has_text="In orde").evaluate(style)
    other = question.locator(".instrument__optie", has_text="Kan beter").evaluate(style)
    assert float(chosen[0].removesuffix("px")) >= float(other[0].removesuffix("px")) + 2, (chosen, other)

    team_mode(page, "werkoverleg")
    modes = instrument(page, "werkoverleg").locator(".instrument__modus")
    pressed = modes.locator("[aria-pressed='true']").evaluate(style)
    not_pressed = modes.locator("[aria-pressed='false']").evaluate(style)
    assert pressed[2] != not_pressed[2] and pressed[0] != not_pressed[0], (pressed, not_pressed)

    team = instrument(page, "werkoverleg").locator("[data-team]")
    team.get_by_label("Aantal deelnemers").fill("3")
    team.get_by_label("Aantal deelnemers").blur()
    team.locator("button[data-action='count-up']").first.click()
    bar = team.locator(".team__balkvulling").first
    canvas = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert bar.evaluate("(e) => getComputedStyle(e).backgroundColor") not in (canvas, "rgba(0, 0, 0, 0)")
    assert bar.bounding_box()["width"] > 10
