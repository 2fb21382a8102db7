"""The instrument engine without MkDocs or a browser: loading, validation errors, counts and rendering."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build, copy_project
from htmltree import Node, _Builder

sys.path.insert(0, str(ROOT / "hooks"))

from instruments import Instrument, InstrumentError, check_usage, load_folder  # noqa: E402
from instruments.render import Renderer  # noqa: E402
from instruments.summary import evaluate  # noqa: E402

CHECKLISTS = ROOT / "checklists"
FIXTURES = Path(__file__).parent / "fixtures" / "instruments"
BROKEN = yaml.safe_load((FIXTURES / "broken" / "cases.yml").read_text(encoding="utf-8"))

# The book's counts (inventaris §3 and §9).
BOOK_COUNTS = {
    "werkdruksignalen-medewerkers": [5, 6, 6],
    "werkdruksignalen-team": [6, 6, 3],
    "signalen-organisatie": [18],
    "anders-dan-anders": [11, 13, 9, 5, 9, 8],
    "stellingen-werkdrukcultuur": [18],
    "werkoverleg": [2, 8, 6, 3],
    "inspectie-szw": [11],
}


@pytest.fixture(scope="module")
def instruments():
    """The checklists; the forms (kind: form) have their own tests in test_forms.py."""
    return {k: v for k, v in load_folder(CHECKLISTS).items() if isinstance(v, Instrument)}


def parse_html(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    return builder.root


def folder_with(tmp_path: Path, *files: Path) -> Path:
    folder = tmp_path / "checklists"
    folder.mkdir()
    shutil.copy(CHECKLISTS / "scales.yml", folder)
    for f in files:
        shutil.copy(f, folder)
    return folder


def test_every_instrument_has_the_books_counts(instruments):
    assert set(instruments) == set(BOOK_COUNTS)
    for instrument_id, counts in BOOK_COUNTS.items():
        groups = instruments[instrument_id].data["groups"]
        assert [len(g["items"]) for g in groups] == counts, instrument_id


def test_item_texts_are_the_books(instruments):
    """Every item text is a sentence of the book (the same normalisation as the fidelity check)."""
    import fidelity

    segments, _ = fidelity.book_segments(corrections=fidelity.read_corrections())
    book = "".join(s.norm for s in segments)
    for instrument in instruments.values():
        for _, item in instrument.items():
            assert fidelity.normalise(item["text"]) in book, (instrument.id, item["id"], item["text"])


def test_a_valid_fixture_loads(tmp_path):
    found = load_folder(folder_with(tmp_path, FIXTURES / "basis.yml"), schema_folder=CHECKLISTS)
    assert list(found) == ["proef"]


@pytest.mark.parametrize("name,expected", BROKEN.items())
def test_broken_file_stops_with_a_clear_message(tmp_path, name, expected):
    folder = folder_with(tmp_path, FIXTURES / "broken" / name)
    with pytest.raises(InstrumentError) as caught:
        load_folder(folder, schema_folder=CHECKLISTS)
    assert expected in str(caught.value)


@pytest.mark.parametrize("name,expected", BROKEN.items())
def test_broken_file_stops_quickly_without_a_traceback(tmp_path, name, expected):
    """The build's own error, fast: an alias bomb must not take minutes or gigabytes."""
    import time

    folder = folder_with(tmp_path, FIXTURES / "broken" / name)
    start = time.perf_counter()
    with pytest.raises(InstrumentError):
        load_folder(folder, schema_folder=CHECKLISTS)
    assert time.perf_counter() - start < 10


MARKER_CASES = {
    "indented": ("Tekst\n\n    <!-- instrument: proef -->\n", "docs/x.md, regel 3: de markering voor 'proef' staat ingesprongen"),
    "in a list": ("- punt\n  <!-- instrument: proef -->\n", "docs/x.md, regel 2: de markering voor 'proef' staat ingesprongen"),
    "with text": ("Zie <!-- instrument: proef --> hier\n", "docs/x.md, regel 1: de markering voor 'proef' moet op een eigen regel staan"),
    "twice": ("<!-- instrument: proef -->\n\n<!-- instrument: proef -->\n",
              "docs/x.md, regel 3: instrument 'proef' staat twee keer op deze pagina"),
}


@pytest.mark.parametrize("case", MARKER_CASES)
def test_a_marker_that_would_not_show_stops_the_build(case):
    from instruments.markers import find_markers

    text, expected = MARKER_CASES[case]
    with pytest.raises(InstrumentError) as caught:
        find_markers(text, "docs/x.md")
    assert expected in str(caught.value)


def test_markers_on_their_own_lines_are_found():
    from instruments.markers import find_markers

    assert find_markers("# Kop\n\n<!-- instrument: a -->\n\nTekst\n<!--instrument:b-->  \n", "docs/x.md") == ["a", "b"]


def test_same_id_in_two_files_is_refused(tmp_path):
    folder = folder_with(tmp_path, FIXTURES / "basis.yml")
    shutil.copy(FIXTURES / "basis.yml", folder / "kopie.yml")
    with pytest.raises(InstrumentError, match=r"checklists/kopie.yml: de id 'proef' wordt ook gebruikt in checklists/basis.yml"):
        load_folder(folder, schema_folder=CHECKLISTS)


def test_page_naming_an_unknown_instrument_is_refused(instruments):
    used = {i: ["docs/x.md"] for i in instruments} | {"werkoverlg": ["docs/bijlagen/bijlage-7.md"]}
    with pytest.raises(InstrumentError, match=r"docs/bijlagen/bijlage-7.md: de pagina verwijst naar instrument "
                                              r"'werkoverlg', maar dat bestaat niet \(bedoelt u 'werkoverleg'\?\)"):
        check_usage(instruments, used)


def test_instrument_that_no_page_uses_is_refused(instruments):
    used = {i: ["docs/x.md"] for i in instruments if i != "werkoverleg"}
    with pytest.raises(InstrumentError, match=r"bijlage-7-werkoverleg.yml: geen enkele pagina gebruikt instrument 'werkoverleg'"):
        check_usage(instruments, used)


def test_text_from_yaml_is_escaped(tmp_path):
    source = (FIXTURES / "basis.yml").read_text(encoding="utf-8").replace(
        '"Eerste vraag?"', '"<script>alert(1)</script> & \\"quotes\\""')
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "basis.yml").write_text(source, encoding="utf-8")
    found = load_folder(folder_with(tmp_path, tmp_path / "src" / "basis.yml"), schema_folder=CHECKLISTS)
    html = Renderer(ROOT / "overrides").render(found["proef"], lambda to: to)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;" in html


@pytest.mark.parametrize("instrument_id", BOOK_COUNTS)
def test_rendered_form_is_semantic(instruments, instrument_id):
    instrument = instruments[instrument_id]
    root = parse_html(Renderer(ROOT / "overrides").render(instrument, lambda to: "../" + to))
    section = root.find("section", class_="instrument")
    assert section.attrs["data-instrument"].startswith("{")
    items = list(instrument.items())
    inputs = [n for n in section.iter("input") if "data-item" in n.attrs]
    choice_fields = [f for f in instrument.data["fields"] if f["type"] == "choice"]
    expected = sum(len(instrument.field_options(f)) for f in choice_fields) * len(items)
    expected += sum(1 for f in instrument.data["fields"] if f["type"] != "choice") * len(items)
    assert len(inputs) == expected
    for node in section.iter("input"):
        if node.attrs.get("type") in ("radio", "checkbox"):
            assert any(a.tag == "label" for a in node.ancestors()), node.attrs  # every choice has a real label
        elif node.attrs.get("type") in ("text", "date"):
            assert section.find("label", **{"for": node.attrs["id"]}) is not None, node.attrs
    for fieldset in section.iter("fieldset"):
        legend = next((c for c in fieldset.children if isinstance(c, Node) and c.tag == "legend"), None)
        assert legend is not None and legend.text().strip() not in ("", "None"), fieldset.attrs
    for label in section.iter("label"):
        assert label.text().strip() not in ("", "None"), label.attrs
    ids = [n.attrs["id"] for n in section.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    # The tools and the summary need the script; without it only the blank form is shown.
    assert section.find("div", class_="instrument__acties").attrs.get("hidden") is not None
    assert section.find("section", class_="instrument__uitkomst").attrs.get("hidden") is not None


def test_sensitive_instruments_offer_an_opt_in(instruments):
    renderer = Renderer(ROOT / "overrides")
    for instrument in instruments.values():
        html = renderer.render(instrument, lambda to: to)
        assert ('data-action="opt-in"' in html) == instrument.data.get("sensitive", False), instrument.id
    assert instruments["anders-dan-anders"].data["sensitive"] is True


def _scale_that_does_not_exist(project: Path) -> None:
    shutil.copy(FIXTURES / "broken" / "onbekende-schaal.yml", project / "checklists" / "bijlage-7-werkoverleg.yml")


def _page_naming_a_misspelled_instrument(project: Path) -> None:
    page = project / "docs" / "bijlagen" / "bijlage-7.md"
    page.write_text(page.read_text(encoding="utf-8").replace("instrument: werkoverleg", "instrument: werkoverlg"),
                    encoding="utf-8")


@pytest.mark.parametrize("breaker,message", [
    (_scale_that_does_not_exist,
     "checklists/bijlage-7-werkoverleg.yml, regel 8: onbekende antwoordschaal 'ja-nee-misschien'"),
    (_page_naming_a_misspelled_instrument,
     "docs/bijlagen/bijlage-7.md: de pagina verwijst naar instrument 'werkoverlg'"),
])
def test_build_stops_with_the_message_and_no_traceback(tmp_path, breaker, message):
    project = copy_project(tmp_path)
    breaker(project)
    result = build(tmp_path / "site", project=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert message in output
    assert "Traceback" not in output


# ---- Summary rules on fixed answers (the reference the browser script is compared with) ----


def test_werkoverleg_counts_applicable_points(instruments):
    answers = {"1.1": {"oordeel": "ok"}, "1.2": {"oordeel": "beter"}, "2.1": {"oordeel": "nvt"},
               "3.5": {"oordeel": "beter"}, "4.3": {"oordeel": "ok"}}
    count, improvements = evaluate(instruments["werkoverleg"], answers)
    assert count["counts"][""] == (2, 4)  # N.v.t. is left out of the applicable points
    assert count["counts"]["algemeen"] == (1, 2)
    assert count["counts"]["vooraf"] == (0, 0)
    assert improvements["items"] == ["1.2", "3.5"]


def test_inspectie_lists_nee_before_deels(instruments):
    answers = {"1": {"oordeel": "deels"}, "2": {"oordeel": "ja"}, "7": {"oordeel": "nee"}, "9": {"oordeel": "deels"},
               "11": {"oordeel": "nvt"}}
    results = evaluate(instruments["inspectie-szw"], answers)
    tally = next(r for r in results if r["type"] == "tally")
    assert tally["counts"] == {"deels": 2, "ja": 1, "nee": 1, "nvt": 1, "": 6}
    count = next(r for r in results if r["type"] == "count")
    assert count["counts"][""] == (1, 4)
    todo = next(r for r in results if r["type"] == "list")
    assert todo["items"] == ["7", "1", "9"]


def test_stellingen_agenda_puts_recognised_unhealthy_first(instruments):
    instrument = instruments["stellingen-werkdrukcultuur"]
    answers = {letter: {"herkenbaar": "nee"} for letter in "abcdefghijklmnopqr"}
    answers["r"] = {"herkenbaar": "ja"}
    answers["b"] = {"herkenbaar": "deels"}
    answers["c"] = {"herkenbaar": "ja"}
    lists = [r for r in evaluate(instrument, answers) if r["type"] == "list"]
    agenda, strengths = lists[0], lists[1]
    assert agenda["items"] == ["b", "r", "d", "h", "j", "n", "q"]
    assert strengths["items"] == ["c"]


def test_signalen_separates_signals_from_changes_to_consider(instruments):
    instrument = instruments["signalen-organisatie"]
    first, second, third = [i["id"] for _, i in list(instrument.items())[:3]]
    answers = {first: {"signaal": True, "huidig": "veel"}, second: {"verandering": "gestegen"},
               third: {"verandering": "gedaald", "signaal": True}}
    results = evaluate(instrument, answers)
    signals, to_consider = [r["items"] for r in results if r["type"] == "list"]
    assert signals == [first, third]
    assert to_consider == [second]
    empty_rows = [r for r in results if r["type"] == "count"][-1]
    assert empty_rows["counts"][""] == (15, 18)


def test_anders_dan_anders_counts_by_column_and_block(instruments):
    instrument = instruments["anders-dan-anders"]
    ticked = {}
    for group, item in instrument.items():
        if group["tags"]["kolom"] == "gedrag" or (group["tags"]["blok"] == "niet-zichtbaar" and len(ticked) < 20):
            ticked[item["id"]] = {"herkend": True}
    counts = {instrument.data["summary"]["blocks"][n]["text"]: r["counts"][""]
              for n, r in enumerate(evaluate(instrument, ticked)) if r["type"] == "count"}
    gedrag = next(v for k, v in counts.items() if "gedrag" in k.lower())
    assert gedrag[0] == 16  # 11 visible + 5 invisible behaviour signals
