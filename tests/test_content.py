"""The built site against the book: every sentence, every reference, the attributions. No browser needed."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

import fidelity
from conftest import build, copy_project
from htmltree import Node, article

BIJLAGEN = {
    1: "Werkvorm: Organogram als landkaart inkleuren",
    2: "Checklist Signalen van werkdruk op organisatie- en teamniveau",
    3: "Werkvorm: Zo pak je samen werkdruk aan!",
    4: "Vragen om op gang te komen: in teamoverleg praten over werkdruk",
    5: "Checklist ‘Anders dan anders, signalen op individueel niveau’",
    6: "Stellingen over de werkdrukcultuur",
    7: "Checklist werkoverleg verbeteren",
    8: "Vragenlijst Agressie en geweld op het werk",
    9: "Voorbeeld van een quickscan agressie",
    10: "Voorbeeld Agressieregistratieformulier",
    11: "Voorbeeld huisregels voor klanten",
    12: "Opzet voor een gedragsprotocol",
    13: "Richtlijnen voor veilige baliewerkplekken",
    14: "Voorbeeld inhoud agressietraining",
    15: "Voorbeeld van een opvang- en nazorgprotocol",
    16: "Agressie en geweld: waar let de Inspectie SZW op?",
}
# "Het hele werkboek" repeats every page; its links stay on the page (checked in test_editions.py).
PRINT_COPY = "afdrukken/"
MEASURES = {
    "werkdruk/maatregelen/": [f"maatregel-3-6-{n}" for n in range(1, 9)],
    "agressie/maatregelen/": [f"maatregel-4-6-{n}" for n in range(1, 18)],
}
_VAN_DEN_BENT = "‘Werkdruk in de hand – Een praktische aanpak voor managers’, A. van den Bent, 2004."
_GEBRUIK = "Woningcorporaties kunnen deze checklijst (met bronvermelding) voor eigen gebruik inzetten."
ATTRIBUTIONS = {  # inventaris §6, verbatim
    "bijlagen/bijlage-1/": f"© Deze werkvorm is afkomstig uit: {_VAN_DEN_BENT} {_GEBRUIK}",
    "bijlagen/bijlage-2/": f"© Deze werkvorm is afkomstig uit: {_VAN_DEN_BENT} {_GEBRUIK}",
    "bijlagen/bijlage-3/": "Deze aanpak is beschikbaar gesteld door Ergo-balans, © Aukje van den Bent, 2009. "
    "Woningcorporaties kunnen deze bijlage (met bronvermelding) voor eigen gebruik inzetten.",
    "bijlagen/bijlage-4/": "Deze vragen werden ontwikkeld tijdens het arboconvenant voor woningcorporaties, 2001-2005.",
    "bijlagen/bijlage-5/": f"© Deze checklist is afkomstig uit: {_VAN_DEN_BENT} {_GEBRUIK}",
    "bijlagen/bijlage-6/": f"© Deze stellingenlijst is afkomstig uit: {_VAN_DEN_BENT} {_GEBRUIK}",
    "bijlagen/bijlage-7/": "Deze checklist is beschikbaar gesteld door Ergo-balans, © Huub Pennock, 2008. " + _GEBRUIK,
}
REFERENCE = re.compile(r"\b(?:bijlagen?|hoofdstuk|paragraaf|paragrafen|maatregel|tabel|figuur)\s+\d", re.I)


def _page(site_dir: Path, page: str) -> Node:
    return article(site_dir / page / "index.html")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _heading_text(node: Node) -> str:
    return _clean("".join(c if isinstance(c, str) else ("" if "headerlink" in c.classes else c.text())
                          for c in node.children))


def _target(page: str, href: str) -> str:
    path = href.split("#")[0]
    return posixpath.normpath(posixpath.join(page, path)).strip("/") if path else page.strip("/")


def _text_before(node: Node, limit: int = 80) -> str:
    parent = node.parent
    parts = []
    for child in parent.children:
        if child is node:
            break
        parts.append(child if isinstance(child, str) else child.text())
    return "".join(parts)[-limit:]


def test_site_has_every_page_of_the_book(pages):
    expected = {"", "voorwoord/", "inleiding/", "wettelijk-kader/", "werkdruk/", "werkdruk/maatregelen/",
                "agressie/", "agressie/maatregelen/", "ongewenste-omgangsvormen/", "bijlagen/",
                "literatuur/", "internetbronnen/", "verantwoording/"}
    expected |= {f"bijlagen/bijlage-{n}/" for n in BIJLAGEN}
    assert expected <= set(pages)


def test_every_sentence_of_the_book_is_on_the_site(site_dir):
    segments, problems = fidelity.book_segments(corrections=fidelity.read_corrections())
    assert not problems, problems
    assert len(segments) > 2500  # the whole book was read, not an empty file
    missing = fidelity.missing_segments(fidelity.site_text_from_html(site_dir), segments)
    assert not missing, f"{len(missing)} zinnen uit het boek ontbreken:\n" + "\n".join(
        f"L{s.line}: {s.raw}" for s in missing[:50])


def test_fidelity_check_notices_a_missing_paragraph(site_dir):
    segments, _ = fidelity.book_segments(corrections=fidelity.read_corrections())
    pages = fidelity.site_text_from_html(site_dir)
    page = "voorwoord/index.html"
    pages[page] = pages[page].replace("Dit zesde Arbo-werkboek behandelt het thema", "")
    missing = fidelity.missing_segments(pages, segments)
    assert [s.line for s in missing] == [9]


def test_fidelity_check_notices_an_unlisted_correction(site_dir):
    segments, _ = fidelity.book_segments(corrections=[])  # as if the Verantwoording listed nothing
    missing = fidelity.missing_segments(fidelity.site_text_from_html(site_dir), segments)
    assert any("gemotiveerdear" in s.norm for s in missing)  # L1101, corrected to "gemotiveerder" on the site


@pytest.mark.parametrize("number", BIJLAGEN)
def test_bijlage_page_has_its_real_title_at_the_top(site_dir, number):
    h1 = _page(site_dir, f"bijlagen/bijlage-{number}/").find("h1")
    assert _heading_text(h1) == f"Bijlage {number} {BIJLAGEN[number]}"


def test_links_that_name_a_bijlage_land_on_it(site_dir, pages):
    checked = 0
    for page in pages:
        if page == PRINT_COPY:
            continue
        for a in _page(site_dir, page).iter("a"):
            text = _clean(a.text())
            named = re.match(r"[Bb]ijlagen? (\d+)\b", text)
            listed = re.fullmatch(r"\d+", text) and re.search(
                r"[Bb]ijlagen?\s*(?:\d+\s*(?:,|en|t/m)\s*)*$", _clean(_text_before(a)) + " ")
            if not (named or listed):
                continue
            number = named.group(1) if named else text
            assert _target(page, a.attrs["href"]) == f"bijlagen/bijlage-{number}", (page, text, a.attrs["href"])
            checked += 1
    assert checked > 60


def test_references_in_the_text_are_links(site_dir, pages):
    SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "svg"}
    unlinked = []
    for page in pages:
        if page in ("verantwoording/", PRINT_COPY):  # quotes the book's wrong references on purpose; a copy
            continue
        for node in _page(site_dir, page).iter():
            if any(n.tag in SKIP or n.attrs.get("id", "").startswith("tabel-") or "instrument__bron" in n.classes
                   for n in [node, *node.ancestors()]):
                continue  # links, headings, captions of figures and tables, and a checklist's own source line
            for child in node.children:
                if isinstance(child, str):
                    unlinked += [f"{page}: …{child[max(0, m.start() - 30):m.end() + 20]}…"
                                 for m in REFERENCE.finditer(child)]
    assert not unlinked, "\n".join(unlinked)


@pytest.mark.parametrize("page", MEASURES)
def test_every_measure_has_an_anchor_and_the_same_parts(site_dir, page):
    root = _page(site_dir, page)
    for anchor in MEASURES[page]:
        heading = root.find("h2", id=anchor)
        assert heading is not None, anchor
        siblings = [c for c in heading.parent.children if isinstance(c, Node)]
        start = siblings.index(heading) + 1
        end = next((i for i in range(start, len(siblings)) if siblings[i].tag in {"h1", "h2"}), len(siblings))
        section = siblings[start:end]
        assert section[0].tag == "blockquote", f"{anchor}: opens without the practice quote"
        kop = [_heading_text(n) for n in section if n.tag == "h3" and "maatregel-kop" in n.classes]
        assert any(k.startswith(("Wat vraagt", "Wat betekent")) for k in kop), (anchor, kop)


@pytest.mark.parametrize("page,note", ATTRIBUTIONS.items())
def test_attribution_is_verbatim_on_its_page(site_dir, page, note):
    notes = [_clean(p.text()) for p in _page(site_dir, page).find_all("p", class_="bronvermelding")]
    assert note in notes


def test_bijlage_16_footnote_is_a_real_footnote(site_dir):
    root = _page(site_dir, "bijlagen/bijlage-16/")
    footnotes = root.find("div", class_="footnote")
    assert footnotes is not None
    assert "Tekst afkomstig uit folder Inspectie SZW." in _clean(footnotes.text())
    ref = root.find("sup")
    assert ref is not None and ref.find("a").attrs["href"].startswith("#fn:")


def test_figure_1_is_text_with_its_credit(site_dir):
    figure = _page(site_dir, "wettelijk-kader/").find("figure", id="figuur-1")
    assert figure is not None
    steps = [_clean(t.find("tspan").text()) for t in figure.find_all("text")]
    assert steps == ["Willen", "Weten", "Wegen", "Werken", "Waken"]
    assert _clean(figure.find("figcaption").text()) == \
        "Figuur 1. Schematische processtappen arbozorg (AI-1, Sdu Uitgevers)"


@pytest.mark.parametrize("page,anchor,measures", [
    ("werkdruk/maatregelen/", "tabel-1", 8),
    ("agressie/maatregelen/", "tabel-2", 17),
])
def test_tables_1_and_2_are_real_tables_linking_every_measure(site_dir, page, anchor, measures):
    root = _page(site_dir, page)
    caption = root.find(id=anchor)
    assert caption is not None
    siblings = [c for c in caption.parent.children if isinstance(c, Node)]
    region = siblings[siblings.index(caption) + 1]
    # The keyboard-scrollable region around the table (hooks/tablewrap) is named after the caption.
    assert region.tag == "div" and region.attrs.get("role") == "region", region.tag
    assert region.attrs["aria-label"].startswith(anchor.replace("tabel-", "Tabel ") + ":")
    table = next(region.iter("table"))
    hrefs = {a.attrs.get("href", "") for a in table.iter("a")}
    prefix = anchor.replace("tabel-1", "maatregel-3-6-").replace("tabel-2", "maatregel-4-6-")
    linked = {int(h.rsplit("-", 1)[1]) for h in hrefs if "#" + prefix in h}
    assert linked == set(range(1, measures + 1))


def test_strict_build_fails_on_a_broken_anchor(tmp_path):
    project = copy_project(tmp_path)
    with open(project / "docs" / "voorwoord.md", "a", encoding="utf-8") as f:
        f.write("\nZie [bijlage 3](bijlagen/bijlage-3.md#bestaat-niet).\n")
    result = build(tmp_path / "site", project=project)
    assert result.returncode != 0
    assert "bestaat-niet" in result.stdout + result.stderr


def test_links_to_anchors_inside_an_instrument_pass_the_strict_build(tmp_path):
    """Instruments are put in after Markdown; their ids must still count as link targets."""
    project = copy_project(tmp_path)
    with open(project / "docs" / "voorwoord.md", "a", encoding="utf-8") as f:
        f.write("\nZie [de checklijst](bijlagen/bijlage-7.md#instrument-werkoverleg) en "
                "[het formulier](bijlagen/bijlage-10.md#formulier-agressieregistratie__formulier).\n")
    result = build(tmp_path / "site", project=project)
    assert result.returncode == 0, result.stdout + result.stderr
