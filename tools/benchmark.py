"""Speed and size of the site, measured on this machine. Run by hand; prints a table. Not a test.

    .venv/bin/python tools/benchmark.py [--runs 3] [--clicks 60]

Measures: the full strict build (median of runs), the number of pages, the bytes of the project's own JS and CSS,
and the time from a click on an answer to the updated summary, in the system Chromium (median and 95th percentile).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OWN_ASSETS = ["docs/javascripts/instrument.js", "docs/stylesheets/instrument.css", "docs/stylesheets/werkboek.css"]
# (page, instrument): the largest instrument (bijlage 5, 55 signals) and the one with the most summary rules.
CLICK_TARGETS = [("bijlagen/bijlage-5/", "anders-dan-anders"), ("bijlagen/bijlage-16/", "inspectie-szw")]

CLICK_TIMER = """async ([id, clicks]) => {
    const root = document.getElementById('instrument-' + id);
    const inputs = [...root.querySelectorAll('input[data-item]')];
    const times = [];
    for (let n = 0; n < clicks; n++) {
        const input = inputs[(n * 7) % inputs.length];
        const start = performance.now();
        input.click();                                  // change handler: read state, save, update summary
        root.querySelector('[data-summary]').offsetHeight;  // include the style and layout work
        times.push(performance.now() - start);
        await new Promise(requestAnimationFrame);
    }
    return times;
}"""


# Bijlage 8 with many returned forms: saving one more re-renders the list and every table of the report.
RECORD_TIMER = """async ([records, saves]) => {
    const root = document.getElementById('formulier-vragenlijst-agressie');
    const q1 = ['niet', 'jaar', 'halfjaar', 'kwartaal', 'maand', 'week'];
    root._state.records.lijsten = Array.from({length: records}, (_, n) => ({values: {q1: q1[n % 6], q3: q1[(n * 5) % 6],
        q2: ['bezoekers-klanten'], q4: ['klanten', 'jongeren'], opmerkingen: 'Opmerking ' + n}}));
    const part = root.querySelector("[data-part='lijsten']");
    const times = [];
    for (let n = 0; n < saves; n++) {
        part.querySelector("[data-entry-form='single'] input[value='" + q1[n % 6] + "']").click();
        const start = performance.now();
        part.querySelector("[data-action='record-save']").click();
        root.querySelector("[data-part='uitkomsten']").offsetHeight;
        times.push(performance.now() - start);
        await new Promise(requestAnimationFrame);
    }
    return times;
}"""


def build(site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def click_times(site: Path, clicks: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium")
        for path, instrument in CLICK_TARGETS:
            page = browser.new_page()
            page.goto(base + path)
            page.wait_for_selector(f"#instrument-{instrument}[data-ready]")
            page.evaluate(CLICK_TIMER, [instrument, 10])  # warm-up
            results[instrument] = page.evaluate(CLICK_TIMER, [instrument, clicks])
            page.close()
        page = browser.new_page()
        page.goto(base + "bijlagen/bijlage-8/")
        page.wait_for_selector("#formulier-vragenlijst-agressie[data-ready]")
        results["vragenlijst-agressie, opslaan bij 300 lijsten"] = page.evaluate(RECORD_TIMER, [300, 20])
        browser.close()
    server.shutdown()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clicks", type=int, default=60)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        builds = [build(site) for _ in range(args.runs)]
        pages = len(list(site.rglob("index.html")))
        clicks = click_times(site, args.clicks)

    rows = [("Build (mkdocs build --strict), median of %d" % args.runs, f"{statistics.median(builds):.2f} s"),
            ("Pages", str(pages))]
    for asset in OWN_ASSETS:
        rows.append((f"Bytes {asset}", f"{(ROOT / asset).stat().st_size:,}".replace(",", ".")))
    for instrument, times in clicks.items():
        times = sorted(times)
        p95 = times[int(0.95 * (len(times) - 1))]
        rows.append((f"Click → summary, {instrument} (median / p95)", f"{statistics.median(times):.2f} / {p95:.2f} ms"))
    width = max(len(r[0]) for r in rows)
    print(f"{'What'.ljust(width)} | Measured")
    print(f"{'-' * width}-|---------")
    for what, value in rows:
        print(f"{what.ljust(width)} | {value}")


if __name__ == "__main__":
    main()
