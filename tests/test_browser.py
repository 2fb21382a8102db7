"""The site in Debian's Chromium: accessibility, privacy, search, phone width and print."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from playwright.sync_api import Page, expect

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A phone and a laptop: target sizes, sideways scrolling and Material's menus differ between the two.
WIDTHS = {"telefoon": (390, 844), "desktop": (1280, 800)}


def run_axe(page: Page) -> list[dict]:
    # Evaluated through the DevTools protocol, not as a <script>: the pages' Content-Security-Policy refuses inline
    # scripts, and must not be loosened for a test.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    # A transition still running (Material's "terug naar boven" button fading in after a scroll) is measured at
    # partial opacity and reported as too little contrast: wait until the page is at rest.
    page.evaluate("""async () => {
        const ending = document.getAnimations().filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
        await Promise.all(ending.map((a) => a.finished.catch(() => null)));
    }""")
    # A tool further down a reading page is not rendered until it nears the screen (content-visibility, base.css).
    # axe would see its controls as covered and skip their colours; a reader only ever meets them rendered.
    page.evaluate("() => document.querySelectorAll('[data-psa]').forEach((e) => { e.style.contentVisibility = 'visible'; })")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
    page.evaluate("() => document.querySelectorAll('[data-psa]').forEach((e) => { e.style.contentVisibility = ''; })")
    return result["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:5]}"
                     for v in violations)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_passes_axe_and_requests_nothing_from_other_hosts(page: Page, base_url, pages, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    own_host = urlsplit(base_url).netloc
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https", "ws", "wss") and urlsplit(r.url).netloc != own_host
            else None)
    failures = {}
    for path in pages:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        violations = run_axe(page)
        if violations:
            failures[path] = describe(violations)
    assert len(pages) > 25
    assert not failures, "\n\n".join(f"{p}:\n{v}" for p, v in failures.items())
    assert not foreign, foreign


def test_axe_finds_a_planted_violation(page: Page, base_url):
    """The accessibility check can fail: an image without alt text is reported."""
    page.goto("")
    page.evaluate("() => document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert "image-alt" in {v["id"] for v in run_axe(page)}


def test_language_is_dutch(page: Page, base_url):
    page.goto("")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("input.md-search__input")).to_have_attribute("placeholder", "Zoeken")


@pytest.mark.parametrize("word,page_title", [
    ("agressieregistratieformulier", "Bijlage 10"),
    ("vertrouwenspersoon", "5 Ongewenste omgangsvormen"),
])
def test_dutch_search_finds_words_of_the_book(page: Page, base_url, word, page_title):
    page.goto("")
    page.locator("input.md-search__input").fill(word)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text(page_title)


def test_no_page_needs_sideways_scrolling_at_320_pixels(page: Page, base_url, pages):
    """WCAG 1.4.10: 320 CSS pixels is 1280 at 400 % zoom. Wide tables scroll inside their own box."""
    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for path in pages:
        page.goto(path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide[path] = overflow
    assert wide == {}


def test_print_hides_navigation_and_keeps_the_figure(page: Page, base_url, tmp_path):
    page.emulate_media(media="print")
    page.goto("wettelijk-kader/")
    expect(page.locator("header.md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator("#figuur-1 svg")).to_be_visible()
    pdf = tmp_path / "hoofdstuk-2.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.stat().st_size > 10_000


def test_measure_can_be_linked_to_directly(page: Page, base_url):
    page.goto("agressie/maatregelen/#maatregel-4-6-16")
    heading = page.locator("#maatregel-4-6-16")
    expect(heading).to_have_text(re.compile(r"4\.6\.16 Maatregel 16: Opvang en nazorg"))
    expect(heading).to_be_in_viewport()

