"""The forms and planners without MkDocs or a browser: the book's counts and texts, errors, escaping, rendering."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from htmltree import Node, _Builder

sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))

import fidelity  # noqa: E402
from instruments import InstrumentError, load_folder  # noqa: E402
from instruments.forms import FormTool  # noqa: E402
from instruments.render import Renderer  # noqa: E402

CHECKLISTS = ROOT / "checklists"
FIXTURES = Path(__file__).parent / "fixtures" / "instruments" / "forms"
BROKEN = yaml.safe_load((FIXTURES / "broken.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def forms() -> dict[str, FormTool]:
    return {k: v for k, v in load_folder(CHECKLISTS).items() if isinstance(v, FormTool)}


@pytest.fixture(scope="module")
def book() -> str:
    segments, _ = fidelity.book_segments(corrections=fidelity.read_corrections())
    return "".join(s.norm for s in segments)


def parse_html(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    return builder.root


def inputs(tool: FormTool, part_id: str) -> list[dict]:
    return [f for f in tool.part(part_id)["fields"] if f["type"] != "heading"]


def test_the_five_forms_are_there(forms):
    assert sorted(forms) == ["agressieregistratie", "baliewerkplekken", "gedragsprotocol", "huisregels-brief",
                             "landkaart", "opvang-nazorg", "plan-van-aanpak", "samen-werkdruk-aanpakken",
                             "vragen-teamoverleg", "vragenlijst-agressie"]


def test_bijlage_8_has_four_closed_questions_and_room_for_remarks(forms):
    fields = {f["id"]: f for f in inputs(forms["vragenlijst-agressie"], "lijsten")}
    assert [fields[q]["type"] for q in ("q1", "q2", "q3", "q4")] == ["choice", "multi", "choice", "multi"]
    assert [len(fields[q]["options"]) for q in ("q1", "q2", "q3", "q4")] == [6, 6, 6, 6]
    assert fields["q1"]["options"] == fields["q3"]["options"]  # the same frequency scale
    assert fields["opmerkingen"]["paper_lines"] == 19
    blocks = forms["vragenlijst-agressie"].part("uitkomsten")["blocks"]
    assert [b["min_group"] for b in blocks if b["type"] == "breakdown"] == [16]  # 'meer dan 15 respondenten'


def test_bijlage_10_has_the_books_26_rows_and_the_6_by_3_grid(forms):
    fields = inputs(forms["agressieregistratie"], "formulier")
    # Three fields split a printed row ('Ja, datum', 'Anders, nl', 'nummers noteren'); both signature blocks are one field.
    split = {"aangifte-datum", "sanctie-anders", "nummers"}
    signatures = [f for f in fields if f["type"] == "signatures"]
    rows = [f for f in fields if f["id"] not in split and f["type"] != "signatures"]
    assert len(rows) + sum(len(f["columns"]) for f in signatures) == 26
    grid = next(f for f in fields if f["type"] == "grid")
    assert (len(grid["rows"]), [c["label"] for c in grid["columns"]]) == (6, ["Telefoon", "Gebouw", "Huisbezoek"])
    assert forms["agressieregistratie"].part("formulier")["storage"] == "none"
    assert forms["agressieregistratie"].part("logboek")["storage"] == "optin"
    log = {f["id"] for f in inputs(forms["agressieregistratie"], "logboek")}
    assert not log & {"naam", "geboortedatum", "dader", "adres", "leidinggevende", "omschrijving"}


def test_bijlage_11_has_five_blanks_in_the_books_letter(forms, book):
    tool = forms["huisregels-brief"]
    book_blanks = [f for f in inputs(tool, "gegevens") if not f.get("proposal")]
    assert [f["id"] for f in book_blanks] == ["beroep", "adres", "weken", "sancties", "slot"]
    for paragraph in tool.part("brief")["paragraphs"]:
        for piece in paragraph.split("{"):
            text = piece.split("}")[-1]
            assert fidelity.normalise(text) in book, text


def test_bijlage_13_has_three_questions_and_fourteen_guidelines(forms):
    fields = inputs(forms["baliewerkplekken"], "balies")
    groups, current = {}, None
    for f in forms["baliewerkplekken"].part("balies")["fields"]:
        if f["type"] == "heading":
            current = f["label"]
        elif f.get("scale") == "voldoet":
            groups[current] = groups.get(current, 0) + 1
    assert list(groups.values()) == [2, 5, 3, 4]
    assert [f["id"] for f in fields if f["id"] in ("handelingen", "soort", "geld")] == ["handelingen", "soort", "geld"]
    money = [f["id"] for f in fields if "highlight_if" in f]
    assert money == ["ontwerp-2", "veiligheid-2"]  # the two guidelines that mention geldhandelingen


def test_bijlage_15_plan_follows_the_books_schedule(forms):
    plan = forms["opvang-nazorg"].part("plan")
    moments = {m["id"]: m for m in plan["moments"]}
    assert len(moments["opvang"]["items"]) == 7
    assert [len(t.get("items", [])) for t in moments["opvang"]["items"]] == [0, 0, 0, 0, 4, 0, 3]
    assert len(moments["dag-na"]["items"]) == 5  # 4 topics and the follow-up appointment
    assert [len(moments[m]["items"]) for m in ("week-1", "week-2", "week-4")] == [5, 5, 5]
    assert len(moments["afsluiting"]["items"]) == 6
    at = {m: (moments[m]["at"], moments[m].get("until")) for m in moments}
    assert at["nazorg-start"] == ({"hours": 72}, None)
    assert at["dag-na"] == ({"days": 1}, None)
    assert at["week-2"] == ({"days": 7}, {"days": 14})
    assert at["week-4"] == ({"days": 28}, None)
    assert at["afsluiting"] == ({"days": 42}, None)
    assert len([f for f in inputs(forms["opvang-nazorg"], "organisatie")]) == 4  # the book's blanks
    private = [f["id"] for f in forms["opvang-nazorg"].global_fields().values() if f.get("store") is False]
    assert private == ["wie", "direct", "indirect", "doorverwijzen"]


def test_texts_from_the_book_are_verbatim(forms, book):
    """Questions, options, guidelines and tasks are the book's words (own words are marked as a proposal)."""
    own_words = {("agressieregistratie", "formulier"): {"aangifte-datum", "sanctie-anders", "nummers", "schadebedrag"},
                 ("baliewerkplekken", "balies"): {"naam"}}
    checked = 0
    for tool_id, part_id in [("vragenlijst-agressie", "lijsten"), ("agressieregistratie", "formulier"),
                             ("baliewerkplekken", "balies")]:
        for f in inputs(forms[tool_id], part_id):
            if f["id"] in own_words.get((tool_id, part_id), set()) or f.get("proposal") or f["type"] == "signatures":
                continue
            texts = [f["label"]] + [o["label"] for o in f.get("options", []) + f.get("rows", [])
                                    if not f.get("scale_proposal") and f.get("scale") != "ja-nee"]
            for text in texts:
                text = re.sub(r"^\d+\.\s*", "", text)  # the book's list numbers are not part of its sentences
                assert fidelity.normalise(text) in book, (tool_id, f["id"], text)
                checked += 1
    for moment in forms["opvang-nazorg"].part("plan")["moments"]:
        for text in moment.get("intro", []) + [t["text"] for t in moment["items"]] + \
                [s for t in moment["items"] for s in t.get("items", [])]:
            assert fidelity.normalise(text) in book, (moment["id"], text)
            checked += 1
    assert checked > 100


def folder_with(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "checklists"
    folder.mkdir()
    shutil.copy(CHECKLISTS / "scales.yml", folder / "scales.yml")
    (folder / "formulier.yml").write_text(text, encoding="utf-8")
    return folder


def test_a_valid_form_loads(tmp_path):
    found = load_folder(folder_with(tmp_path, (FIXTURES / "basis.yml").read_text(encoding="utf-8")),
                        schema_folder=CHECKLISTS)
    assert isinstance(found["proefformulier"], FormTool)


@pytest.mark.parametrize("case", BROKEN, ids=[c["error"].split(": ", 1)[1][:40] for c in BROKEN])
def test_broken_form_stops_with_a_clear_message(tmp_path, case):
    text = (FIXTURES / "basis.yml").read_text(encoding="utf-8")
    old, new = case["replace"]
    assert text.count(old) == 1, old
    with pytest.raises(InstrumentError) as caught:
        load_folder(folder_with(tmp_path, text.replace(old, new)), schema_folder=CHECKLISTS)
    assert case["error"] in str(caught.value)


def test_texts_are_escaped(tmp_path):
    text = (FIXTURES / "basis.yml").read_text(encoding="utf-8").replace(
        "label: Soort,", "label: \"<script>alert(1)</script> & ok\",").replace("text: Eerste taak", "text: \"<b>taak</b>\"")
    tool = load_folder(folder_with(tmp_path, text), schema_folder=CHECKLISTS)["proefformulier"]
    html = Renderer(ROOT / "overrides").render(tool, lambda to: to)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ok" in html and "&lt;b&gt;taak&lt;/b&gt;" in html


@pytest.mark.parametrize("tool_id", ["agressieregistratie", "baliewerkplekken", "huisregels-brief", "opvang-nazorg",
                                     "vragenlijst-agressie", "landkaart", "samen-werkdruk-aanpakken",
                                     "vragen-teamoverleg", "gedragsprotocol", "plan-van-aanpak"])
def test_rendered_form_is_semantic(forms, tool_id):
    root = parse_html(Renderer(ROOT / "overrides").render(forms[tool_id], lambda to: to, level=2))
    section = root.find("section", class_="formulier")
    assert section.attrs["data-form"].startswith("{")
    assert section.find("h2").text().strip() == forms[tool_id].data["title"]
    ids = [n.attrs["id"] for n in section.find_all(lambda n: "id" in n.attrs)]
    assert len(ids) == len(set(ids)), "ids are unique"
    labelled = {n.attrs["for"] for n in section.find_all("label") if "for" in n.attrs}
    for control in section.find_all(lambda n: n.tag in ("input", "textarea", "select")):
        kind = control.attrs.get("type")
        if kind in ("radio", "checkbox") and not control.attrs.get("aria-label"):
            assert control.parent.tag == "label", control.attrs  # wrapped in its label
        elif kind != "file" and not control.attrs.get("aria-label"):
            assert control.attrs.get("id") in labelled, control.attrs
    for fieldset in section.find_all("fieldset"):
        assert fieldset.children and any(getattr(c, "tag", None) == "legend" for c in fieldset.children)


def test_the_command_line_check_lists_every_tool():
    import subprocess
    result = subprocess.run([sys.executable, str(ROOT / "hooks" / "instruments")], capture_output=True, text=True,
                            check=True)
    assert "vragenlijst-agressie, formulier met 4 onderdelen" in result.stdout
    assert "werkoverleg, 19 vragen in 4 groepen" in result.stdout


# ---- Workshop tools and the plan van aanpak (issue 6) ----

def test_bijlage_4_has_nine_questions_as_cards(forms, book):
    tool = forms["vragen-teamoverleg"]
    questions = [f for f in tool.part("antwoorden")["fields"] if f["type"] == "heading"]
    assert len(questions) == 9
    assert tool.part("kaartjes")["from"] == "antwoorden"
    for q in questions:
        assert fidelity.normalise(q["label"] + q["hint"]) in book, q["label"]


def test_bijlage_12_starts_from_the_books_ten_statements(forms, book):
    part = forms["gedragsprotocol"].part("uitspraken")
    assert len(part["examples"]) == 10
    for example in part["examples"]:
        assert fidelity.normalise(example["uitspraak"]) in book
    assert forms["gedragsprotocol"].part("kaart")["max"] == 10


def test_bijlage_1_uses_the_books_colour_definitions(forms, book):
    colour = next(f for f in forms["landkaart"].part("eenheden")["fields"] if f["id"] == "kleur")
    assert [o["short"] for o in colour["options"]] == ["Rood", "Oranje", "Groen"]
    for option in colour["options"]:
        assert fidelity.normalise(option["label"]) in book, option["label"]
    assert fidelity.normalise(forms["landkaart"].part("vergelijken")["paragraphs"][0]) in book


def test_bijlage_3_has_a_printable_part_for_steps_3_to_7(forms):
    tool = forms["samen-werkdruk-aanpakken"]
    titles = " ".join(p.get("title", "") for p in tool.parts()).lower()
    assert all(f"stap {n}" in titles for n in range(3, 8))
    assert len([p for p in tool.parts() if p.get("print")]) >= 5


def test_plan_lists_the_25_numbered_measures_and_those_of_5_5(forms, book):
    catalogue = forms["plan-van-aanpak"].part("maatregelen")
    items = [(g, i) for g in catalogue["groups"] for i in g["items"]]
    numbered = [i for g, i in items if re.match(r"\d+\. ", i["title"])]
    assert len(numbered) == 25
    assert len([i for g, i in items if i["tags"]["thema"] == "werkdruk"]) == 8
    assert len([i for g, i in items if i["tags"]["thema"] == "agressie"]) == 17
    assert len([i for g, i in items if i["tags"]["thema"] == "omgangsvormen"]) == 11
    for _, item in items:
        title = re.sub(r"^\d+\. ", "", item["title"])
        assert fidelity.normalise(title) in book, title
    phases = [f for f in forms["plan-van-aanpak"].part("cyclus")["fields"] if f["type"] == "choice"]
    assert [f["id"] for f in phases] == ["willen", "weten", "wegen", "werken", "waken"]
    plan = {f["id"] for f in forms["plan-van-aanpak"].part("plan")["fields"]}
    assert {"doel", "verantwoordelijke", "planning", "evaluatie", "status"} <= plan


def test_checklists_know_where_the_plan_is(forms):
    from instruments import plan_target
    target = plan_target(load_folder(CHECKLISTS))
    assert target == {"key": "psa-werkboek:plan-van-aanpak:v1", "tool": "plan-van-aanpak", "version": 1,
                      "part": "plan", "text": "maatregel", "source": "bron",
                      "agreement": {"wie": "verantwoordelijke", "wat": "doel", "wanneer": "planning"},
                      "max": 1000}  # the plan's max_records: "Zet in plan" stops there, as opening a file does
