"""Work proportional to the change (issue 15): a save replaces only what changed on the page (PSA.patch).

Speed is the benchmark's business (make benchmark). These tests check that drawing only the difference gives exactly
the page that drawing everything gives, and that what did not change is left alone (the same nodes)."""

from __future__ import annotations

import json
import random

import pytest
from playwright.sync_api import Page, expect

# (before, after) as HTML of the children; the patch must turn the one into the other.
CASES = {
    "insert in the middle": ("<li>a</li><li>b</li><li>d</li>", "<li>a</li><li>b</li><li>c</li><li>d</li>"),
    "remove the first": ("<li>a</li><li>b</li><li>c</li>", "<li>b</li><li>c</li>"),
    "remove the last": ("<li>a</li><li>b</li><li>c</li>", "<li>a</li><li>b</li>"),
    "one cell of a table": ("<table><thead><tr><th>x</th></tr></thead><tbody><tr><th>a</th><td>1</td></tr>"
                            "<tr><th>b</th><td>2</td></tr></tbody></table>",
                            "<table><thead><tr><th>x</th></tr></thead><tbody><tr><th>a</th><td>1</td></tr>"
                            "<tr><th>b</th><td>3</td></tr></tbody></table>"),
    "same tag, other class": ('<p class="a">x</p>', '<p class="b">x</p>'),
    "empty to list": ("", "<ul><li>a</li></ul>"),
    "list to empty": ("<ul><li>a</li></ul>", ""),
    "text nodes": ("a<b>b</b>c", "a<b>b</b>d"),
    "everything new": ("<p>a</p><p>b</p>", "<ul><li>c</li></ul><p>d</p>"),
    "the same": ("<p>a</p><ul><li>b</li></ul>", "<p>a</p><ul><li>b</li></ul>"),
    "repeated items": ("<li>a</li><li>a</li><li>a</li>", "<li>a</li><li>a</li><li>b</li><li>a</li><li>a</li>"),
}

PATCH = """([before, after]) => {
    const parent = document.createElement('div');
    parent.innerHTML = before;
    const marked = [...parent.querySelectorAll('*')];
    marked.forEach((node, i) => { node.__mark = i; });
    const fresh = document.createElement('div');
    fresh.innerHTML = after;
    PSA.patch(parent, [...fresh.childNodes]);
    const kept = [...parent.querySelectorAll('*')].filter((node) => node.__mark !== undefined).length;
    return [parent.innerHTML, kept, marked.length];
}"""


@pytest.mark.parametrize("case", CASES)
def test_the_patch_gives_the_new_html_and_keeps_what_did_not_change(page: Page, base_url, case):
    page.goto("bijlagen/bijlage-8/")
    page.wait_for_selector("#formulier-vragenlijst-agressie[data-ready]")
    before, after = CASES[case]
    html, kept, had = page.evaluate(PATCH, [before, after])
    assert html == after
    if case == "the same":
        assert kept == had  # nothing replaced
    if case in ("insert in the middle", "remove the first", "one cell of a table", "repeated items"):
        assert kept >= had - 2, f"{kept} of {had} nodes kept"  # only the changed item (and its text) is new


def _b8(n: int) -> dict:
    rng = random.Random(n)
    options = ["niet", "jaar", "halfjaar", "kwartaal", "maand", "week"]
    return {"format": "psa-werkboek-formulier", "tool": "vragenlijst-agressie", "version": 1, "ticks": {},
            "values": {"afdeling-vragen": True},
            "records": {"lijsten": [{"id": f"r{i}", "values": {
                "afdeling": rng.choice(["Noord", "Zuid", "Wijkbeheer", "Klantcentrum"]),
                "q1": rng.choice(options), "q3": rng.choice(options),
                "q2": rng.sample(["bezoekers-klanten", "bewoners", "jongeren"], 2), "q4": ["klanten"],
                **({"opmerkingen": f"Opmerking {i}"} if i % 3 == 0 else {})}} for i in range(n)]}}


def _drawn(root) -> dict[str, str]:
    # Material wraps the tables that are there when a page starts in two divs of its own (to scroll them), and not
    # the tables drawn later: those wrappers are left out of the comparison.
    return root.evaluate("""root => {
        const html = (node) => {
            const copy = node.cloneNode(true);
            copy.querySelectorAll('.md-typeset__scrollwrap').forEach((wrap) =>
                wrap.replaceWith(...wrap.querySelector('.md-typeset__table').childNodes));
            return copy.innerHTML;
        };
        return {report: html(root.querySelector("[data-part='uitkomsten']")),
                list: html(root.querySelector("[data-part='lijsten'] [data-record-table]")),
                count: root.querySelector("[data-part='lijsten'] [data-record-count]").textContent};
    }""")


def test_a_report_drawn_bit_by_bit_is_the_report_drawn_at_once(page: Page, base_url, tmp_path):
    """Open 250 questionnaires, add, change and remove some by hand: then the report and the list are exactly what
    a fresh page draws from the same stored data."""
    page.goto("bijlagen/bijlage-8/")
    root = page.locator("#formulier-vragenlijst-agressie")
    page.wait_for_selector("#formulier-vragenlijst-agressie[data-ready]")
    path = tmp_path / "b8.json"
    path.write_text(json.dumps(_b8(250)), encoding="utf-8")
    entry = root.locator("[data-part='lijsten']")
    entry.locator("input[data-action='opt-in']").check()  # the questionnaires are kept only when asked
    root.locator("input[data-action='import']").set_input_files(str(path))
    expect(entry.locator("[data-record-count]")).to_contain_text("250 vragenlijsten")
    single = entry.locator("[data-entry-form='single']")
    for answer, department, remark in [("week", "Noord", "Schelden aan de balie"), ("niet", "Nieuw team", ""),
                                       ("maand", "Zuid", "Een klant gooide met een stoel")]:
        single.locator(f"input[data-field='q1'][value='{answer}']").check()
        single.locator("input[data-field='afdeling']").fill(department)
        if remark:
            single.locator("textarea[data-field='opmerkingen']").fill(remark)
        entry.locator("[data-action='record-save']").click()
    expect(entry.locator("[data-record-count]")).to_contain_text("253 vragenlijsten")
    # Back to the first page of the list; change number 3 and remove number 2.
    while entry.get_by_role("button", name="Vorige 100").is_enabled():
        entry.get_by_role("button", name="Vorige 100").click()
    entry.get_by_role("button", name="Wijzig nummer 3", exact=True).click()
    single.locator("input[data-field='q1'][value='week']").check()
    entry.locator("[data-action='record-save']").click()
    remove = entry.get_by_role("button", name="Verwijder nummer 2", exact=True)
    remove.click()
    entry.locator("[data-action='record-delete'][data-sure]").click()
    expect(entry.locator("[data-record-count]")).to_contain_text("252 vragenlijsten")
    bit_by_bit = _drawn(root)

    fresh = page.context.new_page()
    fresh.goto(base_url + "bijlagen/bijlage-8/")
    fresh.wait_for_selector("#formulier-vragenlijst-agressie[data-ready]")
    at_once = _drawn(fresh.locator("#formulier-vragenlijst-agressie"))
    assert "Een klant gooide met een stoel" in at_once["report"]
    for key in at_once:
        assert bit_by_bit[key] == at_once[key], key
