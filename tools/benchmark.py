"""Speed and size of the site, measured on this machine. Run by hand; prints a table. Not a test.

    .venv/bin/python tools/benchmark.py [--runs 5] [--clicks 60]

Measures, with the budgets of the README beside them:
- the full build, and the build with the hooks switched off (the overhead of the hooks as a ratio);
- the bytes of each page type (chapter, instrument page, the whole-book print page) and of our own JS and CSS;
- the time from a click on an answer to the updated summary, in the system Chromium (median and 95th percentile).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitebuild import CHROMIUM, ROOT, serve

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


# Configurations written next to mkdocs.yml for the run (INHERIT resolves paths from there), then removed.
VARIANTS = {"full": None,
            "without the print page hook": "INHERIT: mkdocs.yml\nhooks: [hooks/checklists.py]\n",
            "without hooks": "INHERIT: mkdocs.yml\nhooks: []\n"}


def build(site: Path, config: str = "mkdocs.yml") -> float:
    # --strict as `make site` builds; not --quiet, which would hide the warnings that strict counts.
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(site)],
                   cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True, capture_output=True)
    return time.perf_counter() - start


def builds(site: Path, runs: int) -> dict[str, list[float]]:
    """Every variant in turn, `runs` times, so machine noise hits them alike. The full build ends in `site`."""
    configs = {}
    for n, (name, text) in enumerate(VARIANTS.items()):
        configs[name] = "mkdocs.yml" if text is None else f"mkdocs.benchmark-{n}.yml"
        if text is not None:
            (ROOT / configs[name]).write_text(text, encoding="utf-8")
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    try:
        for _ in range(runs):
            for name in reversed(VARIANTS):
                times[name].append(build(site if name == "full" else site.with_name(name), configs[name]))
    finally:
        for config in configs.values():
            if config != "mkdocs.yml":
                (ROOT / config).unlink()
    return times


def page_sizes(site: Path) -> dict[str, list[int]]:
    kinds: dict[str, list[int]] = {"chapter": [], "instrument page": [], "print page (afdrukken/)": []}
    for html in site.rglob("index.html"):
        text = html.read_text(encoding="utf-8")
        if html.parent.name == "afdrukken":
            kind = "print page (afdrukken/)"
        elif re.search(r'data-(?:instrument|form)="', text):
            kind = "instrument page"
        else:
            kind = "chapter"
        kinds[kind].append(len(text.encode("utf-8")))
    return kinds


def click_times(site: Path, clicks: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    results = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
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
    return results


def kb(size: float) -> str:
    return f"{size / 1000:.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clicks", type=int, default=60)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        # The fastest run: the other runs differ by what else the machine was doing, not by what the build does.
        times = {name: min(found) for name, found in builds(site, args.runs).items()}
        sizes = page_sizes(site)
        clicks = click_times(site, args.clicks)

    full, checklists, bare = times["full"], times["without the print page hook"], times["without hooks"]
    rows = [(f"Build, fastest of {args.runs} ({sum(map(len, sizes.values()))} pages)", f"{full:.2f} s", "< 10 s"),
            ("Build without hooks (no instruments, no print page)", f"{bare:.2f} s", ""),
            ("Build with only the checklist hook", f"{checklists:.2f} s", ""),
            ("Overhead of the checklist hook (only it / none − 1)", f"{checklists / bare - 1:.0%}", "< 25 %"),
            ("Overhead of both hooks (full / none − 1)", f"{full / bare - 1:.0%}", "")]
    for kind, found in sizes.items():
        rows.append((f"HTML per {kind} ({len(found)}): median / largest",
                     f"{kb(statistics.median(found))} / {kb(max(found))}", ""))
    own = [(ROOT / asset).read_bytes() for asset in OWN_ASSETS]
    for asset, data in zip(OWN_ASSETS, own):
        rows.append((f"  {asset}", f"{kb(len(data))} ({kb(len(gzip.compress(data)))} gzip)", ""))
    total = b"".join(own)
    rows.append(("Own JS+CSS, uncompressed (gzip)", f"{kb(len(total))} ({kb(len(gzip.compress(total)))})", "< 30 KB"))
    for instrument, times in clicks.items():
        times = sorted(times)
        p95 = times[int(0.95 * (len(times) - 1))]
        budget = "< 16 ms" if instrument == CLICK_TARGETS[0][1] else ""
        rows.append((f"Click → summary, {instrument} (median / p95)",
                     f"{statistics.median(times):.1f} / {p95:.1f} ms", budget))
    widths = [max(len(r[i]) for r in rows + [("What", "Measured", "Budget")]) for i in range(3)]
    for n, row in enumerate([("What", "Measured", "Budget")] + rows):
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print("-|-".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
