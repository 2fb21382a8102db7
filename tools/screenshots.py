"""Screenshots of built pages at phone and desktop width, for looking at the result as a reader would.

Usage: python tools/screenshots.py SITE_DIR OUT_DIR page/path/ [more/pages/ ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitebuild import CHROMIUM, serve

WIDTHS = {"telefoon": (390, 844), "desktop": (1280, 800)}


def main(site: str, out: str, *paths: str) -> None:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with serve(Path(site)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        for name, (w, h) in WIDTHS.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            for path in paths:
                page.goto(base + path)
                slug = path.strip("/").replace("/", "_") or "start"
                page.screenshot(path=str(out_dir / f"{slug}-{name}.png"), full_page="--full" in sys.argv)
        page = browser.new_page()
        page.emulate_media(media="print")
        for path in paths:
            page.goto(base + path)
            slug = path.strip("/").replace("/", "_") or "start"
            page.pdf(path=str(out_dir / f"{slug}.pdf"), format="A4", print_background=True)
        browser.close()


if __name__ == "__main__":
    main(*[a for a in sys.argv[1:] if a != "--full"])
