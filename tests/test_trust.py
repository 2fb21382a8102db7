"""The two pages for trust: privacy (what stays on this device, and wiping it) and toegankelijkheid (what we test)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Page, expect

from conftest import ROOT
from test_browser import describe, run_axe
from test_instruments_browser import answer, instrument, open_instrument

sys.path.insert(0, str(ROOT / "hooks"))

from instruments import load_folder  # noqa: E402
from instruments.privacy import storage_rows  # noqa: E402

ROWS = {row["id"]: row for row in storage_rows(load_folder(ROOT / "checklists"))}


def test_privacy_table_follows_the_yaml(site_dir: Path):
    html = (site_dir / "privacy" / "index.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr data-opslag-id="([^"]+)">(.*?)</tr>', html, re.S))
    assert set(rows) == set(ROWS) and len(ROWS) == 17
    # Personal lists only after opting in; the registration form never; the names in the aftercare plan never.
    assert "Uw antwoorden: <strong>alleen als u dat aanzet</strong>" in rows["anders-dan-anders"]
    assert "Stap 2: ingevulde lijsten invoeren: <strong>alleen als u dat aanzet</strong>" in rows["vragenlijst-agressie"]
    assert "Het formulier" in rows["agressieregistratie"].split("Wordt nooit bewaard")[1]
    never = rows["opvang-nazorg"].split("Wordt nooit bewaard")[1]
    assert "Direct getroffenen" in never and "Besluit: wordt de medewerker doorverwezen?" in never
    assert "<strong>automatisch</strong>" in rows["werkoverleg"]
    for href in re.findall(r'<th scope="row"><a href="([^"]+)"', html):
        assert (site_dir / "privacy" / href / "index.html").resolve().is_file(), href


def test_footer_links_to_privacy_and_accessibility_on_every_page(site_dir: Path, pages):
    for path in pages:
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        footer = html.split('class="md-copyright__highlight"')[1]
        assert re.search(r'href="[./]*privacy/">Privacy</a>', footer), path
        assert re.search(r'href="[./]*toegankelijkheid/">Toegankelijkheid</a>', footer), path


def test_opening_pages_leaves_nothing_behind(page: Page, base_url):
    for path in ("werkdruk/", "bijlagen/bijlage-7/", "bijlagen/bijlage-13/", "plan-van-aanpak/", "privacy/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert page.evaluate("() => Object.keys(localStorage)") == []
    expect(page.locator("[data-opslag-leeg]")).to_have_text("Er staat nu niets van het PSA-werkboek op dit apparaat.")


def test_privacy_page_lists_what_is_kept_and_wipes_it_all(page: Page, base_url):
    open_instrument(page, "werkoverleg")
    answer(page, "werkoverleg", "1.1", "Kan beter")
    page.goto("bijlagen/bijlage-11/")
    letter = page.locator("#formulier-huisregels-brief")
    expect(letter).to_have_attribute("data-ready", "1")
    letter.get_by_label("Binnen hoeveel weken neemt u contact op?").fill("3")
    page.evaluate("() => localStorage.setItem('iets-anders', 'blijft')")  # not ours: must stay

    page.goto("privacy/")
    now = page.locator("[data-opslag]")
    now.scroll_into_view_if_needed()  # below a page of text: it loads when the reader gets there
    expect(now.locator("[data-opslag-lijst] li")).to_have_text(["Checklist werkoverleg verbeteren",
                                                               "Huisregels-brief voor klanten"])
    wipe = now.get_by_role("button", name="Wis alles van het PSA-werkboek op dit apparaat")
    wipe.click()
    violations = run_axe(page)
    assert not violations, describe(violations)
    now.get_by_role("button", name="Nee, terug").click()
    expect(wipe).to_be_focused()
    expect(now.locator("[data-opslag-lijst] li")).to_have_count(2)
    wipe.click()
    now.get_by_role("button", name="Ja, wis alles").click()
    expect(now.locator("[data-message]")).to_have_text("Alles van het PSA-werkboek is van dit apparaat gewist.")
    expect(now.locator("[data-opslag-leeg]")).to_be_visible()
    expect(now.locator("[data-opslag-leeg]")).to_be_focused()
    stored = page.evaluate("() => Object.keys(localStorage)")
    assert stored == ["iets-anders"]
    open_instrument(page, "werkoverleg")  # ready: the script has had its chance to restore answers
    expect(instrument(page, "werkoverleg").locator("fieldset[data-answered-item='1.1']")
           .get_by_label("Kan beter", exact=True)).not_to_be_checked()


def test_without_javascript_the_privacy_page_says_nothing_is_kept(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    page.goto("privacy/")
    expect(page.locator("[data-opslag-nu]")).to_be_hidden()
    expect(page.locator("[data-opslag] noscript")).to_have_count(1)
    context.close()


def test_accessibility_statement_names_the_versions_we_test_with(site_dir: Path):
    text = re.sub(r"<[^>]+>", " ", (site_dir / "toegankelijkheid" / "index.html").read_text(encoding="utf-8"))
    axe = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text(encoding="utf-8")[:200]
    assert re.search(r"axe v([\d.]+)", axe).group(1) in text
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line)
    for package in ("playwright", "pytest-playwright", "pytest"):
        assert pins[package] in text, package
    assert "WCAG 2.2, niveau AA" in " ".join(text.split())



FOCUS_RING = """() => {
    let el = document.activeElement;
    if (!el || !el.closest('article')) return null;
    const box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) el = el.closest('label') || el;  // a hidden file input: its label shows it
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
    return {ring, what: el.tagName + ' ' + (el.getAttribute('data-action') || el.name || el.textContent.trim().slice(0, 30))};
}"""


def test_keyboard_focus_is_visible_on_everything_in_a_checklist_and_a_form(page: Page, base_url):
    for path in ("bijlagen/bijlage-7/", "bijlagen/bijlage-10/"):
        page.goto(path)
        expect(page.locator("[data-ready='1']").first).to_be_attached()
        stops, kinds, missing = 0, set(), []
        for _ in range(120):
            page.keyboard.press("Tab")
            found = page.evaluate(FOCUS_RING)
            if found:
                stops += 1
                kinds.add(found["what"].split()[0])
                if not found["ring"]:
                    missing.append(found["what"])
        assert stops > 30 and {"A", "BUTTON", "INPUT"} <= kinds, (stops, kinds)
        assert missing == [], (path, missing)


def test_not_found_page_is_dutch_accessible_and_links_home(page: Page, base_url):
    page.goto("404.html")
    expect(page.locator("article h1")).to_have_text("Pagina niet gevonden")
    # The 404 page can be served at any depth, so its links are absolute; they must land on this site.
    href = "el => el.href"
    assert page.get_by_role("link", name="Naar de startpagina van het PSA-werkboek").evaluate(href) == base_url
    for name, path in (("Verantwoording", "verantwoording/"), ("Privacy", "privacy/"),
                       ("Toegankelijkheid", "toegankelijkheid/")):
        assert page.locator(".md-copyright").get_by_role("link", name=name).evaluate(href) == base_url + path
    violations = run_axe(page)
    assert not violations, describe(violations)
