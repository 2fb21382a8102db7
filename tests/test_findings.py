"""What Lighthouse found on Material's own parts of the page (issue 15), fixed in Material's way and kept fixed.

- Accessibility: Material's search dialog (`div.md-search role=dialog`) had no accessible name. The fix overrides
  Material's partial; the override must stay Material's own file but for that one attribute.
- SEO: the menu link "Start" counted as non-descriptive link text. No link on any page may use such a text.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from htmltree import parse

ROOT = Path(__file__).resolve().parents[1]
MATERIAL = Path(material.__file__).parent / "templates"

# Lighthouse 12's list of non-descriptive link texts (audits/seo/link-text.js), English and Dutch, and the Dutch
# words a menu might use the same way.
NON_DESCRIPTIVE = {"click here", "click this", "go", "here", "information", "learn more", "more", "more info",
                   "more information", "right here", "read more", "see more", "start", "this",
                   "klik hier", "hier", "meer", "meer info", "meer informatie", "lees meer", "lees verder", "deze",
                   "dit", "ga", "begin", "link"}


def test_the_search_override_is_materials_own_partial_but_for_the_name():
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    strip = lambda text: re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)  # noqa: E731 - the header comment
    named = strip(theirs).replace('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1)
    assert named != strip(theirs), "Material's search partial no longer has the dialog this override names"
    assert strip(ours) == named, "overrides/partials/search.html differs from Material's own: copy it again"


def test_every_page_names_the_search_dialog(site_dir, pages):
    for page in pages:
        tree = parse(site_dir / page / "index.html")
        dialogs = [node for node in tree.find_all("div") if node.attrs.get("role") == "dialog"]
        assert dialogs, page
        for dialog in dialogs:
            assert (dialog.attrs.get("aria-label") or "").strip() == "Zoeken", page


@pytest.mark.parametrize("kind", ["menu", "text"])
def test_no_link_says_only_start_or_here(site_dir, pages, kind):
    bad = []
    for page in pages:
        tree = parse(site_dir / page / "index.html")
        for link in tree.find_all("a"):
            in_menu = any(node.tag == "nav" for node in link.ancestors())
            if in_menu != (kind == "menu") or not link.attrs.get("href"):
                continue
            text = " ".join(link.text().split()).lower().strip(" .:")
            if text in NON_DESCRIPTIVE and not link.attrs.get("aria-label"):
                bad.append(f"{page or '(start)'}: {text!r} → {link.attrs['href']}")
    assert not bad, "\n".join(bad[:20])
