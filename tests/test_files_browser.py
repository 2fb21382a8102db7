"""Damaged, foreign and oversized files, opened in each tool through its real file input (issue 14, items 5 and 6).

The cases are data: tests/fixtures/files/<tool id>/cases.yml maps each file to what the tool must say. A file is
either in that folder or, when it would be megabytes, made by the test (`make:`). Every case starts from a tool that
already holds answers (goed.json), and must leave them, the stored copy and the page exactly as they were, with no
script error. A case that the tool asks about (`asks:`) is answered with 'Niet overnemen'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

FILES = Path(__file__).parent / "fixtures" / "files"
# Where each tool lives and its root element.
TOOLS = {
    "werkoverleg": ("bijlagen/bijlage-7/", "#instrument-werkoverleg"),
    "inspectie-szw": ("bijlagen/bijlage-16/", "#instrument-inspectie-szw"),
    "vragenlijst-agressie": ("bijlagen/bijlage-8/", "#formulier-vragenlijst-agressie"),
    "agressieregistratie": ("bijlagen/bijlage-10/", "#formulier-agressieregistratie"),
    "baliewerkplekken": ("bijlagen/bijlage-13/", "#formulier-baliewerkplekken"),
    "opvang-nazorg": ("bijlagen/bijlage-15/", "#formulier-opvang-nazorg"),
    "plan-van-aanpak": ("plan-van-aanpak/", "#formulier-plan-van-aanpak"),
}


def _cases():
    for folder in sorted(FILES.iterdir()):
        for name, expected in yaml.safe_load((folder / "cases.yml").read_text(encoding="utf-8")).items():
            if name != "n.v.t.":
                    yield pytest.param(folder.name, name, expected, id=f"{folder.name}/{name}")


def _head(tool_id: str) -> dict:
    """The opening of a file of this tool, as goed.json has it."""
    good = json.loads((FILES / tool_id / "goed.json").read_text(encoding="utf-8"))
    return {k: good[k] for k in ("format", "instrument", "tool", "version") if k in good}


def make(tool_id: str, spec: dict, path: Path) -> Path:
    """The big files: made here rather than kept in the repository."""
    head, kind = _head(tool_id), spec["make"]
    checklist = "instrument" in head
    if kind == "deep":  # 10,000 levels inside a value
        path.write_text(json.dumps(head)[:-1] + ', "' + ("answers" if checklist else "values") + '": {"x": ' +
                        "[" * 10000 + "]" * 10000 + "}}", encoding="utf-8")
    elif kind == "big":  # larger than any real file, though valid JSON
        text = json.dumps({**head, "filler": ""})
        path.write_text(text[:-2] + "a" * (spec["bytes"] - len(text)) + '"}', encoding="utf-8")
    elif kind == "values":  # more separate values than any real file holds
        path.write_text(json.dumps({**head, "filler": [0] * spec["count"]}), encoding="utf-8")
    elif kind == "records":  # one record more than the part may hold
        record = spec["record"]
        path.write_text(json.dumps({**head, "values": {}, "ticks": {}, "records": {spec["part"]: [record] * spec["count"]}}),
                        encoding="utf-8")
    elif kind == "items":  # many unknown questions: the confirm box names the first ones and counts the rest
        path.write_text(json.dumps({**head, "answers": {f"x{i}": {"oordeel": "ok"} for i in range(spec["count"])}}),
                        encoding="utf-8")
    else:
        raise ValueError(kind)
    return path


SNAPSHOT = """root => JSON.stringify({
  stored: Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]),
  state: PSA.instance(root).state || PSA.module('checklist').readState(root),
  inputs: [...root.querySelectorAll('input:not([type=file]), textarea, select')].map(e =>
    e.type === 'checkbox' || e.type === 'radio' ? e.checked : e.value),
  rows: root.querySelectorAll('[data-record-table] tbody tr').length })"""


def open_with_answers(page: Page, tool_id: str):
    path, selector = TOOLS[tool_id]
    page.goto(path)
    root = page.locator(selector)
    expect(root).to_have_attribute("data-ready", "1")
    root.locator("input[data-action='import']").set_input_files(str(FILES / tool_id / "goed.json"))
    expect(root.locator("[data-message]")).to_contain_text("overgenomen")
    return root


@pytest.mark.parametrize("tool_id, name, expected", list(_cases()))
def test_a_bad_file_changes_nothing_and_says_why(page: Page, base_url, tmp_path, tool_id, name, expected):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    root = open_with_answers(page, tool_id)
    before = root.evaluate(SNAPSHOT)
    path = make(tool_id, expected, tmp_path / name) if isinstance(expected, dict) and "make" in expected else FILES / tool_id / name
    message = root.locator("[data-message]")
    root.locator("input[data-action='import']").set_input_files(str(path))
    if isinstance(expected, str) or "message" in expected:
        expect(message).to_have_text(expected if isinstance(expected, str) else expected["message"])
        expect(root.locator("[data-confirm='import']")).to_be_hidden()
    else:
        box = root.locator("[data-confirm='import']")
        expect(box).to_be_visible()
        expect(box.locator("[data-import-problems]")).to_have_text(expected["asks"])
        items = box.locator("[data-import-list] li")
        if "list" in expected:
            expect(items).to_have_text(expected["list"])
        else:
            expect(items).to_have_count(expected["count"])
            expect(items.last).to_have_text(expected["last"])
        box.get_by_role("button", name="Niet overnemen").click()
        expect(message).to_contain_text("niet overgenomen")
    assert root.evaluate(SNAPSHOT) == before
    assert errors == []


@pytest.mark.parametrize("tool_id", ["werkoverleg", "inspectie-szw"])
def test_a_good_checklist_file_asks_before_replacing_answers(page: Page, base_url, tool_id):
    root = open_with_answers(page, tool_id)
    before = root.evaluate(SNAPSHOT)
    root.locator("input[data-action='import']").set_input_files(str(FILES / tool_id / "goed.json"))
    box = root.locator("[data-confirm='import']")
    expect(box).to_be_visible()
    expect(box.locator("[data-import-problems]")).to_contain_text("vervangt het uw huidige antwoorden")
    box.get_by_role("button", name="Niet overnemen").click()
    assert root.evaluate(SNAPSHOT) == before


def test_every_tool_and_every_kind_of_damage_has_a_case():
    """The families of issue 14: each tool has each, or says in its cases.yml why not (a key `n.v.t.`)."""
    families = {"niet-json", "ander-formaat", "ander-hulpmiddel", "versie-tekst", "andere-versie", "onmogelijke-datum",
                "diep", "id-met-regeleinde", "verkeerde-typen", "te-veel", "te-groot"}
    assert set(TOOLS) == {folder.name for folder in FILES.iterdir()}
    for tool_id in TOOLS:
        cases = yaml.safe_load((FILES / tool_id / "cases.yml").read_text(encoding="utf-8"))
        present = {name.removesuffix(".json") for name in cases} | set(cases.get("n.v.t.", {}) or {})
        missing = {f for f in families if not any(p == f or p.startswith(f + "-") for p in present)}
        assert not missing, f"{tool_id}: {sorted(missing)}"
        for name, expected in cases.items():
            if name != "n.v.t." and not (isinstance(expected, dict) and "make" in expected):
                assert (FILES / tool_id / name).is_file(), f"{tool_id}/{name}"
