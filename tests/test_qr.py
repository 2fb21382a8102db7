"""QR codes of the online address: small on every printed tool, large in team mode; readable, with the right URL."""

from __future__ import annotations

import base64
import re
import sys
from pathlib import Path

import pytest
import zxingcpp
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from qr import Code, online_url  # noqa: E402
from sitebuild import build_or_fail  # noqa: E402
from test_forms_browser import PAGES as FORM_PAGES, open_tool  # noqa: E402
from test_instruments_browser import PAGES, instrument, open_instrument  # noqa: E402
from test_team_browser import team_mode  # noqa: E402

SIZE = 300
# Draw the SVG as delivered onto a canvas and hand back its grey values, as a camera would see the code.
RASTER = """async (svg) => {
    const img = new Image();
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = %d;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let grey = '';
    for (let i = 0; i < rgba.length; i += 4) grey += String.fromCharCode(rgba[i]);
    return btoa(grey);
}""" % SIZE


def decode(svg_locator) -> list[str]:
    grey = base64.b64decode(svg_locator.evaluate(RASTER))
    return [r.text for r in zxingcpp.read_barcodes(memoryview(grey).cast("B", (SIZE, SIZE)))]


@pytest.mark.parametrize("src, url", [
    ("index.md", "https://x.nl/"),
    ("plan-van-aanpak.md", "https://x.nl/plan-van-aanpak/"),
    ("werkdruk/index.md", "https://x.nl/werkdruk/"),
    ("bijlagen/bijlage-7.md", "https://x.nl/bijlagen/bijlage-7/"),
])
def test_the_address_is_the_online_one_in_every_edition(src, url):
    assert online_url("https://x.nl/", src) == url
    assert online_url("https://x.nl", src) == url


def test_the_code_is_svg_without_style_with_a_name_and_sane_size():
    code = Code("https://werkboek.example.nl/bijlagen/bijlage-16/")
    svg = str(code.svg)
    assert svg.startswith("<svg ") and 'viewBox="0 0 ' in svg
    assert "style" not in svg                                   # the Content-Security-Policy refuses style attributes
    assert 'role="img"' in svg and 'aria-label="QR-code met het adres https://werkboek.example.nl/bijlagen/bijlage-16/"' in svg
    assert code.qr.error in ("M", "Q", "H") and code.qr.version <= 6     # a small code with 15 % or more to spare
    size = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    assert size == code.qr.symbol_size()[0] and size <= 4 * code.qr.version + 17 + 8


def test_every_tool_prints_one_code_of_its_own_page(site_dir, base_url):
    for page in sorted(set(PAGES.values()) | set(FORM_PAGES.values()) | {"plan-van-aanpak/"}):
        html = (site_dir / page / "index.html").read_text(encoding="utf-8")
        tools = len(re.findall(r'<section class="instrument[ "]', html))
        assert html.count("psa-qr--papier") == tools > 0, page
        assert f'<span class="psa-qr__adres">{base_url}{page}</span>' in html, page


@pytest.mark.parametrize("tool_id", ["werkoverleg", "baliewerkplekken"])
def test_on_paper_the_small_code_reads_as_the_page_address(page: Page, base_url, tool_id):
    if tool_id in PAGES:
        open_instrument(page, tool_id)
        code = instrument(page, tool_id).locator(".psa-qr--papier")
    else:
        code = open_tool(page, tool_id).locator(".psa-qr--papier")
    expect(code).to_be_hidden()                                  # not on screen
    page.emulate_media(media="print")
    expect(code).to_be_visible()
    box = code.locator("svg").bounding_box()
    assert 70 <= box["width"] <= 100 and box["width"] == box["height"]   # 22 mm: scannable, not in the way
    assert decode(code.locator("svg")) == [base_url + {**PAGES, **FORM_PAGES}[tool_id]]


def test_in_team_mode_the_beamer_shows_a_large_code_to_join(page: Page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_instrument(page, "werkoverleg")
    team_mode(page, "werkoverleg")
    join = instrument(page, "werkoverleg").locator(".psa-qr--groot")
    expect(join).to_be_visible()
    expect(join).to_contain_text("Scan om mee te doen")
    expect(join).to_contain_text(base_url + "bijlagen/bijlage-7/")
    assert join.locator("svg").bounding_box()["width"] >= 250
    assert decode(join.locator("svg")) == [base_url + "bijlagen/bijlage-7/"]
    page.emulate_media(media="print")
    expect(join).to_be_hidden()


def test_the_offline_edition_points_to_the_online_address_and_says_so(tmp_path):
    site = build_or_fail(tmp_path / "offline", config="mkdocs.offline.yml", site_url="https://werkboek.example.nl/")
    html = (site / "bijlagen" / "bijlage-7.html").read_text(encoding="utf-8")
    assert '<span class="psa-qr__adres">https://werkboek.example.nl/bijlagen/bijlage-7/</span>' in html
    assert "opent de online versie van dit hulpmiddel, niet deze offline uitgave" in html
    assert "de code opent de online versie; deze offline uitgave staat niet op internet" in html
