"""The Content-Security-Policy: the browser itself refuses anything from or to another host, and every inline
script or style that the policy does not name. Every browser test also fails on a refusal (tests/conftest.py)."""

from __future__ import annotations

import re
import sys

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from policy import add_policy, inline_hashes, policy  # noqa: E402

MATERIAL_LIKE = ('<html><head><title>t</title><script>var a=1</script><script id="__config" type="application/json">'
                 '{"x":1}</script><script src="x.js"></script><script type="text/javascript">b()</script></head>'
                 '<body><script>var a=1</script></body></html>')


def rules_of(text: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in text.split(";"))


def test_only_executable_inline_scripts_are_hashed_once_each():
    import base64
    import hashlib

    def digest(body: str) -> str:
        return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"

    # 'var a=1' twice and 'b()': the JSON data and the external script need no hash.
    assert inline_hashes(MATERIAL_LIKE) == sorted({digest("var a=1"), digest("b()")})


def test_policy_names_only_this_site_and_the_hashes():
    rules = rules_of(policy(MATERIAL_LIKE))
    assert rules["default-src"] == rules["connect-src"] == rules["img-src"].split()[0] == "'self'"
    assert rules["script-src"].split()[0] == "'self'" and len(rules["script-src"].split()) == 3
    assert rules["style-src"] == "'self'"
    assert rules["object-src"] == rules["base-uri"] == rules["form-action"] == "'none'"
    offline = rules_of(policy(MATERIAL_LIKE, offline=True))
    assert offline["default-src"] == "'self' file:" and "http" not in policy(MATERIAL_LIKE, offline=True)


def test_policy_goes_first_in_head_and_a_page_without_head_stops_the_build():
    html = add_policy(MATERIAL_LIKE)
    assert re.match(r'<html><head><meta http-equiv="Content-Security-Policy" content="[^"]+"><title>', html)
    with pytest.raises(ValueError, match="geen <head>"):
        add_policy("<p>los</p>")


def test_every_page_has_a_policy_that_refuses_other_hosts_and_inline_code(site_dir, pages):
    for rel in pages + ["404.html"]:
        path = site_dir / rel if rel.endswith(".html") else site_dir / rel / "index.html"
        html = path.read_text(encoding="utf-8")
        head = html[:html.index("</head>")]
        found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
        assert found, rel
        assert head.index("Content-Security-Policy") < head.index("<script"), rel  # before any script
        rules = rules_of(found.group(1))
        assert rules["default-src"] == "'self'" and rules["connect-src"] == "'self'", rel
        for directive in ("script-src", "style-src"):
            assert "'unsafe-inline'" not in rules[directive] and "'unsafe-eval'" not in rules[directive], rel
        assert rules["object-src"] == "'none'" and rules["form-action"] == "'none'", rel
        assert not re.search(r"<[a-z][^>]*\sstyle=", html), rel  # no inline style attributes
        # Every inline script that runs is named by its hash.
        for digest in inline_hashes(html):
            assert digest in rules["script-src"], rel


def test_every_ruled_line_count_the_schema_allows_has_its_style():
    import json

    schema = json.loads((ROOT / "checklists" / "form-schema.json").read_text(encoding="utf-8"))
    limits = [v for v in _find(schema, "paper_lines")]
    assert limits, "paper_lines not in the form schema"
    css = (ROOT / "docs" / "psa" / "form.css").read_text(encoding="utf-8")
    for limit in limits:
        for n in range(limit["minimum"], limit["maximum"] + 1):
            assert f'[data-regels="{n}"] + .formulier__papiertekst {{ --regels: {n}; }}' in css, n
        assert f'[data-regels="{limit["maximum"] + 1}"]' not in css


def _find(node, key):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield v
            else:
                yield from _find(v, key)
    elif isinstance(node, list):
        for v in node:
            yield from _find(v, key)


@pytest.mark.parametrize("media", ["screen", "print"])
def test_every_page_and_its_tools_start_without_a_refusal(page: Page, pages, media):
    """The autouse check in conftest.py fails this test on any refusal; here every page is opened and every tool on
    it started (a tool on a long reading page loads when it comes near), on screen and for print."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.emulate_media(media=media)
    for rel in pages:
        page.goto(rel)
        roots = page.locator("[data-psa]:not(script)")
        for n in range(roots.count()):
            if rel.startswith("afdrukken"):
                break  # the whole-book page: paper forms, no scripts
            # A part that belongs to the screen only (the 'Bewaar als meting' panel inside a checklist) is not on
            # paper: it starts with the checklist around it, which was scrolled to just before.
            if media == "screen" or roots.nth(n).is_visible():
                roots.nth(n).scroll_into_view_if_needed()
            expect(roots.nth(n)).to_have_attribute("data-ready", re.compile("."))
    assert errors == []


def test_without_resizeobserver_nothing_is_fetched_from_unpkg(browser, base_url):
    """Material's bundle asks unpkg.com for a polyfill in old browsers; the policy refuses it before it leaves."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.add_init_script("delete window.ResizeObserver")
    refused, answered = [], []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("response", lambda r: answered.append(r.url) if not r.url.startswith(base_url) else None)
    page.goto("werkdruk/")
    page.wait_for_timeout(500)
    assert any("unpkg.com" in text for text in refused)
    assert answered == []
    context.close()
