"""The whole book on one page: ids stay unique, references follow, and links land inside the page."""

from __future__ import annotations

import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from printbook import Page, join, section_id  # noqa: E402

INTRO = Page("inleiding/", "1 Inleiding", '<h1 id="inleiding">1 Inleiding</h1><p id="x">Zie <a href="../bijlagen/'
             'bijlage-5/#vragen">bijlage 5</a> en <a href="../bijlagen/bijlage-5/">de bijlage</a>.<sup id="fnref:1">'
             '<a href="#fn:1">1</a></sup></p><li id="fn:1">Noot</li><a href="https://example.org/a">extern</a>',
             [("x", "Kop")])
BIJLAGE = Page("bijlagen/bijlage-5/", "Bijlage 5", '<h1 id="bijlage-5">Bijlage 5</h1><h2 id="vragen">Vragen</h2>'
               '<label for="x">Naam</label><textarea id="x" aria-describedby="x fn:1"></textarea>'
               '<sup id="fnref:1"><a href="#fn:1">1</a></sup><li id="fn:1">Noot</li>'
               '<a href="../../inleiding/#fn:1">terug</a><img src="../../img/figuur.svg" alt="">', [("vragen", "Vragen")])


def ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]*)"', html)


def test_ids_stay_unique_and_every_reference_follows():
    book = join([INTRO, BIJLAGE], "afdrukken/", reserved={"vragen"})
    first, second = (s["html"] for s in book.sections)
    everything = ids(first) + ids(second) + [s["id"] for s in book.sections] + ["vragen"]
    assert len(everything) == len(set(everything))
    # The first page keeps its ids; the second page's doubles get its key in front, and so do its references.
    assert ids(first) == ["inleiding", "x", "fnref:1", "fn:1"]
    assert 'for="bijlagen-bijlage-5--x"' in second and 'id="bijlagen-bijlage-5--x"' in second
    assert 'aria-describedby="bijlagen-bijlage-5--x bijlagen-bijlage-5--fn:1"' in second
    assert 'href="#bijlagen-bijlage-5--fn:1"' in second and 'href="#fn:1"' in first
    # "vragen" is taken by the print page itself.
    assert 'id="bijlagen-bijlage-5--vragen"' in second


def test_links_between_pages_land_inside_the_print_page():
    first, second = (s["html"] for s in join([INTRO, BIJLAGE], "afdrukken/").sections)
    assert 'href="#vragen"' in first  # a heading on another page
    assert 'href="#pagina-bijlagen-bijlage-5"' in first  # another page as a whole
    assert 'href="#fn:1"' in second  # back to the first page's footnote, which kept its id
    assert 'href="https://example.org/a"' in first
    assert 'src="../img/figuur.svg"' in second  # a file, seen from the print page


def test_a_screen_only_block_is_left_out_of_the_book():
    page = Page("bijlagen/bijlage-7/", "Bijlage 7", '<p>Lijst</p><section class="meting" hidden data-screen-only '
                'data-psa="metingen"><h2>Bewaar als meting</h2><p>Zie <a href="../../metingen/">Metingen</a></p>'
                '</section><p id="na">Daarna</p>')
    html = join([page], "afdrukken/").sections[0]["html"]
    assert "Bewaar als meting" not in html and "metingen/" not in html
    assert "<p>Lijst</p>" in html and "Daarna" in html


def test_offline_urls_with_html_files():
    intro = Page("inleiding.html", "1 Inleiding", '<a href="bijlagen/bijlage-5.html#vragen">b</a><a href="index.html">s</a>')
    bijlage = Page("bijlagen/bijlage-5.html", "Bijlage 5", '<h2 id="vragen">V</h2><a href="../inleiding.html">i</a>'
                   '<img src="../img/f.svg">')
    first, second = (s["html"] for s in join([intro, bijlage], "afdrukken.html").sections)
    assert 'href="#vragen"' in first and 'href="index.html"' in first
    assert 'href="#pagina-inleiding"' in second and 'src="img/f.svg"' in second
    assert section_id("bijlagen/bijlage-5.html") == section_id("bijlagen/bijlage-5/") == "pagina-bijlagen-bijlage-5"


def test_contents_merge_a_section_with_its_index_page():
    index = Page("werkdruk/", "3 Werkdruk", '<h2 id="paragraaf-3-1">3.1</h2>', [("paragraaf-3-1", "3.1 Inleiding")])
    measures = Page("werkdruk/maatregelen/", "3.6 Maatregelen", '<h2 id="paragraaf-3-1">dubbel</h2>', depth=1)
    book = join([INTRO, index, measures], "afdrukken/")
    contents = book.contents([INTRO, ("Werkdruk (menu)", [index, measures], True)])
    assert [c["title"] for c in contents] == ["1 Inleiding", "3 Werkdruk"]  # the page's own title
    werkdruk = contents[1]
    assert werkdruk["href"] == "pagina-werkdruk"
    assert [(c["title"], c["href"]) for c in werkdruk["children"]] == [
        ("3.1 Inleiding", "paragraaf-3-1"), ("3.6 Maatregelen", "pagina-werkdruk-maatregelen")]
    assert 'id="werkdruk-maatregelen--paragraaf-3-1"' in book.sections[2]["html"]


def test_pages_inside_a_section_go_one_level_down():
    measures = Page("werkdruk/maatregelen/", "3.6", '<h1 id="a">3.6</h1><h2 id="b">x</h2><h6 id="c">y</h6>', depth=1)
    html = join([measures], "afdrukken/").sections[0]["html"]
    assert re.findall(r"</?h\d", html) == ["<h2", "</h2", "<h3", "</h3", "<h6", "</h6"]


def test_contents_of_a_section_without_index_page():
    a = Page("bijlagen/a/", "A", "")
    b = Page("bijlagen/b/", "B", "")
    contents = join([a, b], "afdrukken/").contents([("Bijlagen", [a, b], False)])
    assert contents == [{"title": "Bijlagen", "href": "pagina-bijlagen-a", "children": [
        {"title": "A", "href": "pagina-bijlagen-a", "children": []},
        {"title": "B", "href": "pagina-bijlagen-b", "children": []}]}]


def test_svg_references_follow_a_renamed_id():
    svg = ('<svg><defs><marker id="pijl"/></defs><line marker-end="url(#pijl)"/><use xlink:href="#pijl"/></svg>')
    first = Page("a/", "A", svg)
    second = Page("b/", "B", '<h1 id="b">B</h1>' + svg)
    a, b = join([first, second], "afdrukken/").sections
    assert 'marker-end="url(#pijl)"' in a["html"]
    assert 'id="b--pijl"' in b["html"] and 'marker-end="url(#b--pijl)"' in b["html"]
    assert 'xlink:href="#b--pijl"' in b["html"]
    assert b["heading"] == "b" and a["heading"] is None
