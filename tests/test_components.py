"""Browser components: one declaration of types (hooks/instruments/components.py) that the schema, the templates and the
script registries follow; which files a page loads; and the components themselves, driven in a blank page without
a site build (the scripts loaded from docs/psa/, the HTML rendered from small fixtures)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from instruments import load_folder  # noqa: E402
from instruments.assets import missing_files, modules_in, page_assets, text_before_first_tool  # noqa: E402
from instruments.render import Renderer  # noqa: E402
from instruments.components import (BLOCK_TYPES, COMMON_PART_KEYS, COMPONENTS, CORE, LAZY_AFTER, PART_TYPES,  # noqa: E402
                               TEXT_ONLY_BLOCKS, families, files_for, modules)

CHECKLISTS = ROOT / "checklists"
PSA = ROOT / "docs" / "psa"
FIXTURES = Path(__file__).parent / "fixtures" / "instruments"
DEFINES = re.compile(r'PSA\.define\("([^"]+)"')


def schema(name: str) -> dict:
    return json.loads((CHECKLISTS / name).read_text(encoding="utf-8"))


def defined_in(path: Path) -> list[str]:
    return DEFINES.findall(path.read_text(encoding="utf-8"))


# ---- One declaration: schema, templates and scripts agree with it ----

def test_the_schema_knows_exactly_the_declared_part_and_block_types():
    defs = schema("form-schema.json")["$defs"]
    assert defs["part"]["properties"]["type"]["enum"] == list(PART_TYPES)
    assert sorted(defs["block"]["properties"]["type"]["enum"]) == sorted(BLOCK_TYPES)
    declared_keys = set(COMMON_PART_KEYS).union(*(p.keys for p in PART_TYPES.values()))
    assert set(defs["part"]["properties"]) == declared_keys


def test_every_part_type_has_its_template_and_script_under_its_own_name():
    templates = {p.stem for p in (ROOT / "overrides" / "partials" / "parts").glob("*.html")}
    scripts = {p.stem: defined_in(p) for p in (PSA / "parts").glob("*.js")}
    styles = {p.stem for p in (PSA / "parts").glob("*.css")}
    assert templates == set(PART_TYPES)
    assert scripts == {name: [name] for name in PART_TYPES}  # each file registers exactly its own type
    assert styles == {name for name, p in PART_TYPES.items() if p.style}


def test_every_block_family_computes_exactly_its_declared_block_types():
    assert {p.stem for p in (PSA / "blocks").glob("*.js")} == set(families())
    for family in families():
        text = (PSA / "blocks" / f"{family}.js").read_text(encoding="utf-8")
        assert defined_in(PSA / "blocks" / f"{family}.js") == [family]
        computed = set(re.findall(r"^ {4}(\w+): function", text, re.MULTILINE))
        declared = {t for t, b in BLOCK_TYPES.items() if b.family == family and t not in TEXT_ONLY_BLOCKS}
        assert computed == declared, family


def test_components_register_under_their_declared_names_and_every_file_is_declared():
    for name, component in COMPONENTS.items():
        if component.script and name != "core":  # the core is the registry itself
            assert defined_in(PSA / component.script) == [name], component.script
    declared = {f for m in modules().values() for f in (m.script, m.style) if f} | {"base.css", "loader.js"}
    on_disk = {p.relative_to(PSA).as_posix() for p in PSA.rglob("*") if p.is_file()}
    assert on_disk == declared
    assert missing_files(ROOT / "docs") == []


def test_the_client_config_carries_the_storage_keys_and_coded_fields():
    found = load_folder(CHECKLISTS)
    for tool in found.values():
        config = tool.client_config()
        assert config["storage"]["key"] == f"psa-werkboek:{tool.id}:v{tool.data['version']}"
        assert ("optin" in config["storage"]) == (tool.kind == "checklist" and bool(tool.data.get("sensitive"))
                                                  or tool.kind == "form" and tool.has_optin())
    team = found["werkoverleg"].client_config()
    assert team["storage"]["team"] == "psa-werkboek:werkoverleg:v1:team"
    assert [f["id"] for f in team["coded"]] == [f["id"] for f in found["werkoverleg"].coded_fields()]
    for part in found["vragenlijst-agressie"].client_config()["parts"]:
        for block in part.get("blocks", []):
            assert block["family"] == BLOCK_TYPES[block["type"]].family


# ---- Which files a page loads ----

def test_a_page_without_tools_loads_nothing_of_ours():
    assert page_assets("<h1>3 Werkdruk</h1><p>tekst</p>").styles == []
    assert page_assets("<h1>3 Werkdruk</h1><p>tekst</p>").scripts == []


def test_a_tool_page_loads_the_core_and_only_its_own_components_in_order():
    html = '<h1>B8</h1><section data-psa="form" data-psa-needs="form fields records report counts"></section>'
    assets = page_assets(html)
    assert not assets.lazy
    assert assets.scripts == ["psa/strings.js", "psa/core.js", "psa/form.js", "psa/parts/fields.js",
                              "psa/parts/records.js", "psa/parts/report.js", "psa/blocks/counts.js"]
    assert "psa/checklist.css" not in assets.styles and assets.styles[0] == "psa/core.css"


def test_a_long_reading_page_loads_its_tool_later_and_paper_gets_styles_only():
    tool = '<section data-psa="checklist" data-psa-needs="checklist team"></section>'
    reading = "<p>" + "woord " * (LAZY_AFTER // 5) + "</p>" + tool
    assert text_before_first_tool(reading) > LAZY_AFTER and page_assets(reading).lazy
    paper = '<div class="afdruk" data-afdruk>' + reading + "</div>"
    assert page_assets(paper).scripts == [] and page_assets(paper).styles and not page_assets(paper).lazy


def test_content_that_only_needs_styles_gets_them_with_the_page():
    table = '<table data-psa-styles="opslag"></table>'
    later = "<p>" + "woord " * (LAZY_AFTER // 5) + '</p><div data-psa="opslag"></div>'
    assets = page_assets(table + later)
    assert "psa/opslag.css" in assets.styles and not assets.lazy  # the table is shown at once, styled


def test_an_unknown_module_name_is_an_error():
    with pytest.raises(ValueError, match="onbekend onderdeel in data-psa: tabel"):
        modules_in('<div data-psa="form" data-psa-needs="tabel"></div>')


def test_a_missing_script_stops_the_build(tmp_path):
    from conftest import copy_project
    from sitebuild import build
    project = copy_project(tmp_path)
    (project / "docs" / "psa" / "parts" / "layout.js").unlink()
    result = build(tmp_path / "site", project=project)
    assert result.returncode != 0
    assert "docs/psa/parts/layout.js" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# ---- The components in a blank page: no site build ----

def render(tool) -> str:
    return Renderer(ROOT / "overrides").render(tool, lambda to: "#" + to, level=2)


def fixture(tmp_path: Path, name: str):
    folder = tmp_path / "checklists"
    folder.mkdir(exist_ok=True)
    shutil.copy(CHECKLISTS / "scales.yml", folder / "scales.yml")
    source = FIXTURES / name
    shutil.copy(source, folder / source.name)
    return next(iter(load_folder(folder, schema_folder=CHECKLISTS).values()))


def blank_page(page: Page, html: str, names, *, reverse: bool = False, before: str = ""):
    """A page with only this HTML and the scripts of these modules (in reverse order: they must not depend on it)."""
    # A made-up origin, so that the page has storage as a real one does; nothing goes over the network.
    page.route("http://onderdelen.test/**", lambda route: route.fulfill(
        content_type="text/html", body=f"<!doctype html><html lang='nl'><body>{html}</body></html>"))
    page.goto("http://onderdelen.test/")
    if before:
        page.evaluate(before)
    scripts = files_for(names)[1]
    for script in reversed(scripts) if reverse else scripts:
        page.add_script_tag(path=str(PSA / script))


def test_a_checklist_starts_once_whatever_order_its_scripts_arrive_in(page: Page, tmp_path):
    tool = fixture(tmp_path, "basis.yml")
    blank_page(page, render(tool), tool.needs(), reverse=True)
    root = page.locator("#instrument-proef")
    expect(root).to_have_attribute("data-ready", "1")
    page.evaluate("() => { PSA.start(); PSA.start(document); }")  # again, as after instant navigation
    root.locator("fieldset[data-answered-item='1.1']").get_by_label("Ja", exact=True).check()
    expect(root.locator(".uitkomst__totaal")).to_contain_text("1 van 2 met ja")
    stored = json.loads(page.evaluate("() => localStorage.getItem('psa-werkboek:proef:v1')"))
    assert stored["answers"] == {"1.1": {"oordeel": "ja"}}
    # Loading a file again registers nothing twice and starts nothing twice.
    page.add_script_tag(path=str(PSA / "checklist.js"))
    page.add_script_tag(path=str(PSA / "core.js"))
    root.locator("fieldset[data-answered-item='1.2']").get_by_label("Nee", exact=True).check()
    expect(root.locator(".uitkomst__totaal")).to_contain_text("1 van 2 met ja")
    assert page.evaluate("() => Object.keys(PSA.modules).sort()") == sorted(["strings", "checklist"])


def test_a_tool_waits_for_every_module_it_needs(page: Page, tmp_path):
    tool = fixture(tmp_path, "forms/basis.yml")
    names = tool.needs()
    blank_page(page, render(tool), [n for n in names if n != "schedule"])
    root = page.locator("#formulier-proefformulier")
    page.wait_for_function("() => window.PSA && PSA.modules.form")
    expect(root).not_to_have_attribute("data-ready", "1")  # its schedule part has no script yet
    page.add_script_tag(path=str(PSA / "parts" / "schedule.js"))
    expect(root).to_have_attribute("data-ready", "1")


def test_a_broken_tool_does_not_stop_the_others(page: Page, tmp_path):
    first = render(fixture(tmp_path, "basis.yml"))
    broken = '<section id="kapot" data-psa="kapot"></section>'
    blank_page(page, broken + first, ["checklist"], before="""() => {
        (window.psaWerkboek = window.psaWerkboek || []).push((PSA) => PSA.define('kapot', {
            start() { throw new Error('stuk'); } }));
    }""")
    expect(page.locator("#kapot")).to_have_attribute("data-psa-error", "")
    expect(page.locator("#instrument-proef")).to_have_attribute("data-ready", "1")


def test_strings_have_plural_forms_and_unknown_keys_fail(page: Page):
    blank_page(page, "", [])
    assert page.evaluate("() => [PSA.t('team.sum.added', {count: 1}), PSA.t('team.sum.added', {count: 4})]") == [
        "1 code geteld", "4 codes geteld"]
    assert page.evaluate("() => { try { PSA.t('bestaat.niet'); } catch (e) { return e.message; } }") == (
        "PSA: onbekende tekst bestaat.niet")


def test_every_string_the_scripts_use_exists_and_none_is_left_over():
    known = set(re.findall(r'^\s+"([^"]+)":', (PSA / "strings.js").read_text(encoding="utf-8"), re.MULTILINE))
    used = set()
    for path in PSA.rglob("*.js"):
        if path.name == "strings.js":
            continue
        for literal in re.findall(r'"([a-z]+(?:\.[a-zA-Z?]+)+\.?)"', path.read_text(encoding="utf-8")):
            # A literal ending in a dot is a prefix completed by the tool's kind ("import.keep." + "form").
            used |= {k for k in known if k.startswith(literal)} if literal.endswith(".") else {literal}
    assert used - known == set()
    assert known - used == set()


def test_records_and_a_report_in_a_form_without_a_site(page: Page, tmp_path):
    tool = fixture(tmp_path, "forms/basis.yml")
    blank_page(page, render(tool), tool.needs())
    root = page.locator("#formulier-proefformulier")
    expect(root).to_have_attribute("data-ready", "1")
    entry = root.locator("[data-part='invoer']")
    single = entry.locator("[data-entry-form='single']")
    for afdeling, answer in (("Wonen", "A"), ("Wonen", "B"), ("Beheer", "A")):
        single.get_by_label("Afdeling").fill(afdeling)
        single.get_by_label(answer, exact=True).check()
        entry.get_by_role("button", name="Lijst opslaan").click()
    expect(entry.locator("[data-record-count]")).to_have_text("Opgeslagen: 3 lijsten, samen 3 lijsten.")
    report = root.locator("[data-part='uitkomst']")
    expect(report).to_contain_text("Aantal: 3")
    expect(report).to_contain_text("A: 2 van 3")
    saved = json.loads(page.evaluate("() => localStorage.getItem('psa-werkboek:proefformulier:v1')"))
    assert [r["values"]["vraag"] for r in saved["records"]["invoer"]] == ["a", "b", "a"]


def test_with_storage_switched_off_a_form_says_so_and_keeps_working(page: Page, tmp_path):
    tool = fixture(tmp_path, "forms/basis.yml")
    blank_page(page, render(tool), tool.needs(), before="""() => Object.defineProperty(window, 'localStorage', {
        get() { throw new Error('uit'); } })""")
    root = page.locator("#formulier-proefformulier")
    expect(root.locator("[data-message]")).to_contain_text("de opslag van de browser staat uit")
    root.locator("[data-part='gegevens']").get_by_label("Ja", exact=True).check()
    expect(root.locator("[data-part='gegevens'] [data-wrap='toelichting']")).to_be_visible()


# ---- On the built site: what each page loads, what search indexes, and instant navigation ----

OWN = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]*psa/[^"]+)"([^>]*)>')


def own_files(site_dir: Path, page: str) -> dict[str, bool]:
    """Our files that the page's HTML loads, each with True when it is needed to show the page (not print-only)."""
    html = (site_dir / page / "index.html").read_text(encoding="utf-8")
    return {href: 'media="print"' not in rest for href, rest in OWN.findall(html)}


def test_a_reading_page_loads_none_of_the_tools(site_dir: Path):
    for page in ("voorwoord", "inleiding", "wettelijk-kader", "literatuur", "agressie", "werkdruk/maatregelen"):
        assert [h.rsplit("psa/", 1)[1] for h in own_files(site_dir, page)] == ["base.css"], page


def test_a_chapter_with_a_checklist_in_it_stays_light(site_dir: Path):
    needed = [h.rsplit("psa/", 1)[1] for h, shown in own_files(site_dir, "werkdruk").items() if shown]
    assert needed == ["base.css", "loader.js"]  # the tools come when a reader gets there
    assert sum((site_dir / "psa" / name).stat().st_size for name in needed) <= 12 * 1024


def test_a_tool_page_loads_only_the_components_it_has(site_dir: Path):
    checklist = {h.rsplit("psa/", 1)[1] for h in own_files(site_dir, "bijlagen/bijlage-7")}
    assert {"core.js", "checklist.js", "team.js", "checklist.css"} <= checklist
    assert not {f for f in checklist if f.startswith(("form", "parts/", "blocks/"))}
    form = {h.rsplit("psa/", 1)[1] for h in own_files(site_dir, "bijlagen/bijlage-11")}
    assert {"form.js", "parts/fields.js", "parts/template.js"} <= form
    assert not {f for f in form if f.startswith(("checklist", "team", "parts/records", "blocks/"))}
    paper = own_files(site_dir, "afdrukken")
    assert paper and not [h for h in paper if h.endswith(".js")]  # the whole book on paper: styles only


def excluded_with_same_tag_inside(html: str) -> list[str]:
    """Material's search parser compares elements by tag: an excluded <div> with a <div> inside stops excluding
    where the inner one ends. Every exclusion must hold no element of its own tag."""
    from html.parser import HTMLParser

    class Finder(HTMLParser):
        VOID = {"input", "br", "img", "hr", "meta", "link", "source", "wbr", "col", "area", "base", "embed", "track"}

        def __init__(self):
            super().__init__()
            self.stack, self.bad = [], []

        def handle_starttag(self, tag, attrs):
            if tag in self.VOID:
                return
            if any(t == tag and excluded for t, excluded in self.stack):
                self.bad.append(f"<{tag}> in <{tag} data-search-exclude>")
            self.stack.append((tag, any(k == "data-search-exclude" for k, _ in attrs)))

        def handle_endtag(self, tag):
            while self.stack:
                if self.stack.pop()[0] == tag:
                    break

    finder = Finder()
    finder.feed(html)
    return finder.bad


def test_search_indexes_the_book_and_not_the_controls(site_dir: Path, tmp_path):
    from sitebuild import build_or_fail, stock_project
    for path in site_dir.rglob("index.html"):
        assert excluded_with_same_tag_inside(path.read_text(encoding="utf-8")) == [], path
    stock = build_or_fail(tmp_path / "stock-site", project=stock_project(ROOT, tmp_path / "stock"))
    ours_size = (site_dir / "search" / "search_index.json").stat().st_size
    stock_size = (stock / "search" / "search_index.json").stat().st_size
    assert ours_size <= 1.15 * stock_size, f"{ours_size / stock_size:.3f}×"
    ours = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["text"] for d in ours)
    stock_text = " ".join(d["text"] for d in json.loads((stock / "search" / "search_index.json").read_text("utf-8"))["docs"])
    for control in ("Opslaan als bestand", "Samen invullen", "Niet ingevuld", "Neem over wat klopt", "Kan beter",
                    "Zet in plan van aanpak", "Verschil in beleving", "Uw resultaatcode", "Ja Deels Nee"):
        assert text.count(control) <= stock_text.count(control), control  # the book's own pages may name them
    b7 = " ".join(d["text"] for d in ours if d["location"].startswith("bijlagen/bijlage-7/"))
    item = next(i for g in load_folder(CHECKLISTS)["werkoverleg"].data["groups"] for i in g["items"])["text"]
    assert item in b7


def test_a_phrase_from_a_checklist_item_finds_its_page(page: Page, base_url):
    page.goto("")
    page.locator("input.md-search__input").fill("rondvraag")
    results = page.locator(".md-search-result__item")
    # The search worker builds its index first; on a busy 2-core machine that can take longer than 5 s.
    expect(results.first).to_be_visible(timeout=20_000)
    expect(page.locator(".md-search-result")).to_contain_text("Checklist werkoverleg verbeteren")


def test_tools_work_after_instant_navigation_there_and_back(page: Page, base_url):
    def go(text: str, url: str):
        page.locator(".md-nav__link", has_text=text).first.click()
        expect(page).to_have_url(re.compile(url))

    def own_in_head() -> list[str]:
        return page.evaluate("() => [...document.head.querySelectorAll('link[rel=stylesheet]')]"
                             ".filter(l => l.href.includes('/psa/') && l.media !== 'print').map(l => l.href)")

    def styles_become(present: list[str], absent: list[str] = (), only: bool = False):
        # The address changes first; Material swaps the head and the content right after. (No `new Function` here:
        # the page's Content-Security-Policy refuses eval, in tests too.)
        page.wait_for_function("""([present, absent, only]) => {
            const own = [...document.head.querySelectorAll('link[rel=stylesheet]')]
                .filter(l => l.href.includes('/psa/') && l.media !== 'print').map(l => l.href.split('/psa/')[1]);
            return present.every(f => own.includes(f)) && !absent.some(f => own.includes(f))
                && (!only || own.every(f => present.includes(f))); }""", arg=[present, list(absent), only])

    page.goto("voorwoord/")
    page.evaluate("() => { window.__zelfde = 'ja' }")
    assert page.evaluate("() => typeof window.PSA") == "undefined" and own_in_head() == [s for s in own_in_head()
                                                                                         if s.endswith("base.css")]
    for _ in range(2):  # chapter → checklist → chapter with a checklist → form → the first checklist again
        go("3 Werkdruk", r"/werkdruk/$")
        team = page.locator("#instrument-werkdruksignalen-team")
        team.scroll_into_view_if_needed()
        expect(team).to_have_attribute("data-ready", "1")
        go("7 Checklist werkoverleg", r"bijlage-7/$")
        b7 = page.locator("#instrument-werkoverleg")
        expect(b7).to_have_attribute("data-ready", "1")
        b7.locator("fieldset[data-answered-item='1.1']").get_by_label("Kan beter", exact=True).check()
        expect(b7.locator(".uitkomst__lijst .uitkomst__punten > li:not([hidden])")).to_have_count(1)
        styles_become(["checklist.css"])
        go("11 Huisregels voor klanten", r"bijlage-11/$")
        letter = page.locator("#formulier-huisregels-brief")
        expect(letter).to_have_attribute("data-ready", "1")
        letter.get_by_label("Binnen hoeveel weken neemt u contact op?").fill("3")
        expect(letter.locator("[data-slot]").first).not_to_have_text("……")
        styles_become(["form.css"], absent=["checklist.css"])
        go("Voorwoord", r"/voorwoord/$")
        styles_become(["base.css"], only=True)
    assert page.evaluate("() => window.__zelfde") == "ja"  # all of it without a full page load
