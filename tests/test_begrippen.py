"""The glossary: one file in abbr syntax, explained once per page in the text, listed on the Begrippen page."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import markdown
import pytest
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from begrippen import GlossaryError, GlossaryExtension, load  # noqa: E402
from test_browser import WIDTHS, describe, run_axe  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "includes" / "begrippen.md"
ABBR = re.compile(r'<abbr([^>]*)>(.*?)</abbr>')


def render(text: str) -> str:
    md = markdown.Markdown(extensions=["abbr", "attr_list", GlossaryExtension()])
    return md.convert(text)


def plain(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


# --- the file and the Markdown extension, without MkDocs ---------------------------------------------------------

def test_the_glossary_file_reads_and_names_its_sources():
    terms = {t.term: t for t in load(GLOSSARY)}
    for term in ("RI&E", "PSA", "OR", "BHV", "arbodienst", "bedrijfsarts", "vertrouwenspersoon",
                 "preventiemedewerker", "Arbobesluit", "werkstress", "werkdruk", "reactieve agressie",
                 "proactieve agressie", "agressie en geweld", "ongewenste omgangsvormen"):
        assert term in terms, term
    assert terms["werkstress"].section == "3.2"
    assert terms["agressie en geweld"].section == "4.2"
    assert terms["ongewenste omgangsvormen"].section == "5.2"
    assert terms["RI&E"].section is None          # ours


@pytest.mark.parametrize("text, message", [
    ("*[OR]: Ondernemingsraad\nOR is een raad\n", "regel 2"),
    ("*[OR]: een\n*[or]: twee\n", "'or' staat al op regel 1"),
    ("*[OR]: een <b>raad</b>\n", "gebruik geen <"),
    ("\n\n", "geen begrippen"),
])
def test_a_broken_glossary_line_is_named(tmp_path, text, message):
    path = tmp_path / "begrippen.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError, match=re.escape(message)):
        load(path)


def test_only_the_first_occurrence_in_running_text_is_explained_and_focusable():
    out = render("# Over werkdruk\n\n[werkdruk](x.md) en Werkdruk, en later werkdruk.\n\n"
                 "Nog eens werkdruk.\n\n*[werkdruk]: Te veel werk.\n")
    found = ABBR.findall(out)
    assert found == [(' tabindex="0" title="Te veel werk."', "Werkdruk")], out   # capital found, heading/link not
    assert "<h1" in out and "<abbr" not in out.split("</h1>")[0]
    assert plain(out).split() == plain(render(
        "# Over werkdruk\n\n[werkdruk](x.md) en Werkdruk, en later werkdruk.\n\nNog eens werkdruk.\n")).split()


def test_the_glossary_list_itself_carries_no_explanations():
    out = render('<div class="psa-begrippen" markdown>\n\nwerkdruk\n</div>\n\nwerkdruk\n\n*[werkdruk]: Te veel.\n')
    assert out.count("<abbr") == 1 and out.index("<abbr") > out.index("</div>")


# --- the built site ------------------------------------------------------------------------------------------------

def _article(site_dir: Path, page: str) -> str:
    text = (site_dir / page / "index.html").read_text(encoding="utf-8")
    return text[text.index("<article"):text.index("</article>")]


def test_every_explained_term_is_focusable_and_explained_once_per_page(site_dir, pages):
    seen = 0
    for page in pages:
        titles = []
        for attrs, _ in ABBR.findall(_article(site_dir, page)):
            assert 'tabindex="0"' in attrs and 'title="' in attrs, (page, attrs)
            titles.append(re.search(r'title="([^"]*)"', attrs).group(1))
        assert len(titles) == len(set(titles)), page
        seen += len(titles)
    assert seen > 30


def test_the_begrippen_page_lists_every_term_with_its_source(site_dir):
    article = _article(site_dir, "begrippen")
    for term in load(GLOSSARY):
        assert f"<dt><strong>{html.escape(term.term, quote=False)}</strong></dt>" in article, term.term
    werkstress = article[article.index("<dt><strong>werkstress</strong></dt>"):]
    werkstress = werkstress[:werkstress.index("</dd>")]
    assert "Werkstress is een verzamelnaam voor psychische en lichamelijke klachten" in werkstress
    assert 'href="../werkdruk/#paragraaf-3-2"' in werkstress
    rie = article[article.index("<dt><strong>RI&amp;E</strong></dt>"):]
    assert "Uitleg van ons" in rie[:rie.index("</dd>")]
    assert "<abbr" not in article


def test_the_start_page_links_to_the_begrippen_page_and_search_finds_it(site_dir):
    assert 'href="begrippen/"' in _article(site_dir, "")
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("begrippen/") for doc in index["docs"])


# --- in the browser ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_the_keyboard_reaches_the_explanation_and_it_leaves_the_line_free(page: Page, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    page.goto("wettelijk-kader/")
    term = page.locator("article abbr[tabindex]").first
    expect(term).to_have_text("Arbowet")
    term.scroll_into_view_if_needed()
    # From the element before it, one Tab lands on the term.
    page.evaluate("(el) => { const p = document.createElement('a'); p.href = '#'; p.id = 'voor'; p.textContent = '.';"
                  " el.before(p); p.focus(); }", term.element_handle())
    page.keyboard.press("Tab")
    expect(term).to_be_focused()
    tip = page.locator(".md-tooltip2--active[role=tooltip]")
    expect(tip).to_contain_text("Arbeidsomstandighedenwet")
    expect(term).to_have_attribute("aria-describedby", tip.get_attribute("id"))
    line, box = term.bounding_box(), tip.bounding_box()
    assert box["y"] >= line["y"] + line["height"], "the explanation covers the line with the term"
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS[width][0]
    assert describe(run_axe(page)) == ""
    page.keyboard.press("Escape")      # dismissed where it is (WCAG 1.4.13), the focus stays on the term
    expect(tip).to_have_count(0)
    # Material hides a tooltip that is not active by fading it out (opacity 0), so Playwright still calls it visible.
    expect(page.locator(f"#{term.get_attribute('aria-describedby')}")).to_have_css("opacity", "0")
    expect(term).to_be_focused()
    page.keyboard.press("Shift+Tab")   # back to the element before: the explanation stays closed
    expect(page.locator("#voor")).to_be_focused()
    expect(tip).to_have_count(0)


def test_a_tap_shows_the_explanation(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "wettelijk-kader/")
    term = page.locator("article abbr[tabindex]").first
    term.scroll_into_view_if_needed()
    term.tap()
    expect(page.locator(".md-tooltip2--active[role=tooltip]")).to_contain_text("Arbeidsomstandighedenwet")
    context.close()


def test_on_paper_terms_are_plain_words(page: Page):
    page.goto("wettelijk-kader/")
    term = page.locator("article abbr[tabindex]").first
    term.focus()
    expect(page.locator(".md-tooltip2--active")).to_have_count(1)
    page.emulate_media(media="print")
    assert term.evaluate("(el) => getComputedStyle(el).borderBottomStyle") == "none"
    expect(page.locator(".md-tooltip2")).to_be_hidden()
