"""Speed and size of the site, measured on this machine, with the budgets of issue 15 beside them. Not a test.

    make benchmark                     (installs what it needs, then runs this with --lighthouse)
    .venv/bin/python tools/benchmark.py [--runs 5] [--clicks 60] [--quick] [--lighthouse] [--project PATH]

Against a stock Material build of the same docs/ as the anchor, in one run:
- the build (fastest of --runs), also without the hooks, and the stock build;
- the HTML per page type, and per page our own CSS and JS; the search index against stock;
- in the system Chromium, through the tools' public surface (tools/benchbrowser.py): click → page updated for every
  tool on every page; adding one record to the B8 questionnaires, the B10 log and the plan van aanpak after opening a
  file with 100 to 3,000 of them (how the time grows); opening a B8 file with 10,000 questionnaires; pasting the
  codes of 40 phones into team mode and counting them;
- with --lighthouse: Lighthouse (pinned in tools/lighthouse/) on our pages and on a chapter of stock.

--quick builds each variant once and skips the browser (some seconds); --lighthouse adds about five minutes.
--project measures another checkout, e.g. a clean clone while this one is being worked on.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

import benchbrowser
from sitebuild import CHROMIUM, ROOT, build_or_fail, serve, stock_project

# Configurations written next to mkdocs.yml for the run (INHERIT resolves paths from there), then removed.
VARIANTS = {"full": None,
            "without the print page hook": "INHERIT: mkdocs.yml\nhooks: [hooks/checklists.py]\n",
            "without hooks": "INHERIT: mkdocs.yml\nhooks: []\n"}
STOCK = "stock Material"

# Material's own files; every other stylesheet or script a page loads is ours, whatever the restructure names it.
MATERIAL_ASSET = re.compile(r"assets/(?:javascripts/(?:bundle\.[^/]+\.js|lunr/|workers/)"
                            r"|stylesheets/(?:main|palette)\.[^/]+\.css)")
# The markers of an instrument or form in the built HTML, before and after the restructure.
INSTRUMENT = re.compile(r'data-(?:instrument|form|psa)=')
PRINT_PAGE = "afdrukken/"

# The search index's text cut at tags and after each sentence, to find what ours repeats.
SENTENCE = re.compile(r"<[^>]+>|(?<=[.?!:])\s+")
# UI strings of the instruments that end up in the search index; counted in ours and in stock.
INDEX_STRINGS = ["Ja Deels Nee", "Niet ingevuld", "Alleen invullen", "Samen invullen", "Opslaan als bestand",
                 "Verschil in beleving", "Wis mijn antwoorden", "Neem over wat klopt"]

LIGHTHOUSE = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE_RUNS = 3
# The chapter in both variants (the anchor), then our start page and the heaviest instrument and form pages.
LIGHTHOUSE_PAGES = [("werkdruk/", "ours"), ("werkdruk/", "stock"), ("", "ours"), ("bijlagen/bijlage-16/", "ours"),
                    ("bijlagen/bijlage-5/", "ours"), ("bijlagen/bijlage-8/", "ours"), ("plan-van-aanpak/", "ours")]
# No background fetches, updates or sync: there is no internet here, and they would only add noise to the timings.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking"
                " --disable-component-update --disable-sync --no-first-run")
LIGHTHOUSE_CATEGORIES = {"performance": "performance", "accessibility": "accessibility",
                         "best practices": "best-practices", "SEO": "seo"}
LIGHTHOUSE_COLUMNS = ["performance", "LCP", "TBT", "accessibility", "best practices", "SEO"]
# Issue 15: instrument pages ≥ 90 for performance, the chapter ≥ stock in the same run; 100 for the rest everywhere.
LIGHTHOUSE_INSTRUMENTS = {"bijlagen/bijlage-16/", "bijlagen/bijlage-5/", "bijlagen/bijlage-8/", "plan-van-aanpak/"}
CLICK_BUDGET = (4.0, 16.0)  # median, p95 in ms
ADD_BUDGET = 50.0           # ms, at 1,000 records (the plan: at 200 points)
TOOL_ROOT = re.compile(r'<(?:div|section|form)[^>]*\bid="((?:instrument|formulier)-[a-z0-9-]+)"[^>]*\bdata-(?:instrument|form)=')


# ---------------------------------------------------------------------------------------------------------- builds

def builds(project: Path, stock: Path, sites: dict[str, Path], urls: dict[str, str], runs: int
           ) -> dict[str, list[float]]:
    """Every variant in turn, `runs` times, so machine noise hits them alike. Each ends in sites[name]."""
    jobs, written = {STOCK: {"project": stock}}, []
    for n, (name, text) in enumerate(VARIANTS.items()):
        jobs[name] = {"project": project, "config": "mkdocs.yml" if text is None else f"mkdocs.benchmark-{n}.yml"}
        if text is not None:
            written.append(project / jobs[name]["config"])
            written[-1].write_text(text, encoding="utf-8")
    times: dict[str, list[float]] = {name: [] for name in jobs}
    try:
        for _ in range(runs):
            for name, job in reversed(jobs.items()):
                start = time.perf_counter()
                build_or_fail(sites[name], site_url=urls.get(name), **job)
                times[name].append(time.perf_counter() - start)
    finally:
        for config in written:
            config.unlink()
    return times


# ----------------------------------------------------------------------------------------------------------- bytes

class _Assets(HTMLParser):
    """The stylesheets and scripts a page loads by itself, as (url, when): 'page' for what it needs to show,
    'print' for print-only stylesheets, 'later' for what the loader brings when a tool comes near the screen."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.urls.append((attrs["href"], "print" if attrs.get("media") == "print" else "page"))
        elif tag == "script" and attrs.get("src"):
            self.urls.append((attrs["src"], "page"))
            for key in ("data-psa-styles", "data-psa-scripts"):
                self.urls += [(url, "later") for url in (attrs.get(key) or "").split()]


def own_assets(site: Path, page: str, html: str) -> list[tuple[Path, str]]:
    """Our files among what the page loads (see _Assets), resolved against the page."""
    parser = _Assets()
    parser.feed(html)
    found = []
    for url, when in parser.urls:
        parts = urlsplit(urljoin("http://site/" + page, url))
        path = unquote(parts.path).lstrip("/")
        # Another host would be neither ours nor Material's; MkDocs and Material link every file relatively.
        if parts.netloc != "site" or MATERIAL_ASSET.match(path):
            continue
        if not (site / path).is_file():
            raise SystemExit(f"{page or '(start)'} loads {url}, which is not in the built site")
        found.append((site / path, when))
    return found


def pages(site: Path) -> dict[str, dict]:
    """Every page by its URL (the start page is ''): its kind, its HTML bytes and our files it loads."""
    found = {}
    for html in sorted(site.rglob("index.html")):
        page = html.parent.relative_to(site).as_posix() + "/" if html.parent != site else ""
        text = html.read_text(encoding="utf-8")
        kind = "print page" if page == PRINT_PAGE else "instrument page" if INSTRUMENT.search(text) else "chapter"
        found[page] = {"kind": kind, "bytes": len(text.encode("utf-8")), "assets": own_assets(site, page, text)}
    return found


def kb(size: float) -> str:
    return f"{size / 1000:.1f} KB"


def byte_rows(site: Path, found: dict[str, dict]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Table rows per page type, and lines naming the files behind each own-bytes figure."""
    rows = []
    for kind in ("chapter", "instrument page", "print page"):
        sizes = [page["bytes"] for page in found.values() if page["kind"] == kind]
        rows.append((f"HTML per {kind} ({len(sizes)}): median / largest",
                     f"{kb(statistics.median(sizes))} / {kb(max(sizes))}", ""))
    instruments = sorted((page["bytes"], url) for url, page in found.items() if page["kind"] == "instrument page"
                         and not any(when == "later" for _, when in page["assets"]))
    targets = {"chapter with two checklists": "werkdruk/", "reading page": "voorwoord/",
               "smallest instrument page": instruments[0][1], "largest instrument page": instruments[-1][1],
               "privacy page": "privacy/", "print page": PRINT_PAGE}
    files: dict[str, list[str]] = collections.defaultdict(list)  # the file list → the pages that load it
    for label, url in targets.items():
        for when, what, budget in (("page", "to show the page", "≤ 12 KiB" if url == "werkdruk/" else ""),
                                   ("print", "print-only styles, low priority", ""),
                                   ("later", "when a tool comes near the screen", "")):
            assets = [path for path, w in found[url]["assets"] if w == when]
            if not assets and when != "page":
                continue
            data = [path.read_bytes() for path in assets]
            # Per file, as a static host serves (and compresses) each file by itself.
            zipped = sum(len(gzip.compress(d, compresslevel=9)) for d in data)
            if budget:  # 12 KiB: 12,288 bytes, as tests/test_components.py counts
                budget += ": " + verdict(sum(map(len, data)) <= 12 * 1024)
            rows.append((f"Own CSS+JS, {label} ({url or '(start)'}), {what}: uncompressed (gzip -9)",
                         f"{kb(sum(map(len, data)))} = {sum(map(len, data)):,} bytes ({kb(zipped)})", budget))
            if when == "page":
                files[" + ".join(f"{path.relative_to(site).as_posix()} {kb(len(d))}"
                                 for path, d in zip(assets, data)) or "none"].append(url or "(start)")
    return rows, [f"Own CSS+JS to show {', '.join(urls)}: {names}" for names, urls in files.items()]


# ---------------------------------------------------------------------------------------------------- search index

def search_index(ours: Path, stock: Path) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The index against stock as table rows, and an analysis of where the difference comes from as lines."""
    raw = {name: (site / "search" / "search_index.json").read_bytes() for name, site in (("ours", ours),
                                                                                        ("stock", stock))}
    docs = {name: json.loads(data)["docs"] for name, data in raw.items()}
    ratio = len(raw["ours"]) / len(raw["stock"])
    rows = [("Search index, ours / stock", f"{kb(len(raw['ours']))} / {kb(len(raw['stock']))}", ""),
            ("Search index, ours ÷ stock", f"{ratio:.2f}×", "≤ 1.15×")]

    lines = []
    stock_by_location = {doc["location"]: doc for doc in docs["stock"]}
    extra = [doc for doc in docs["ours"] if doc["location"] not in stock_by_location]
    grown = sum(len(doc["text"]) - len(stock_by_location[doc["location"]]["text"])
                for doc in docs["ours"] if doc["location"] in stock_by_location)
    lines.append(f"{len(docs['ours'])} entries in ours, {len(docs['stock'])} in stock. "
                 f"Text of the {len(extra)} entries only in ours: {kb(sum(len(doc['text']) for doc in extra))}; "
                 f"growth of the shared ones: {kb(grown)}.")
    # The kind of an extra entry from its anchor: the leading word and the last part, e.g. team…titel, the
    # instrument's summary (instrument…uitkomst), a part of a form (formulier…titel).
    kinds: collections.Counter = collections.Counter()
    for doc in extra:
        anchor = doc["location"].partition("#")[2]
        kinds[re.match(r"[a-z]*", anchor).group() + "…" + anchor.rpartition("__")[2]] += len(doc["text"])
    lines.append("  by kind: " + ", ".join(f"{kind} {kb(size)}" for kind, size in kinds.most_common()))

    lines.append("Largest entries of ours (characters of text):")
    for doc in sorted(docs["ours"], key=lambda doc: -len(doc["text"]))[:10]:
        lines.append(f"  {len(doc['text']):6}  {doc['location']}")

    texts = {name: "\n".join(doc["title"] + "\n" + doc["text"] for doc in found) for name, found in docs.items()}
    lines.append("UI strings, occurrences ours / stock:")
    for string in INDEX_STRINGS:
        lines.append(f"  {texts['ours'].count(string):4} / {texts['stock'].count(string):<4} {string}")

    # Generic: the text between tags, cut after each sentence, that ours repeats more often than stock, by the
    # characters that adds. The instruments repeat each item of the book in several parts of the page.
    pieces = {name: collections.Counter(piece.strip() for doc in found for piece in SENTENCE.split(doc["text"])
                                        if piece and piece.strip()) for name, found in docs.items()}
    repeated = sorted((((n - max(1, pieces["stock"][piece])) * len(piece), piece)
                       for piece, n in pieces["ours"].items() if n > max(1, pieces["stock"][piece])), reverse=True)
    lines.append(f"Text ours repeats more often than stock: {len(repeated)} sentences, "
                 f"{kb(sum(size for size, _ in repeated))} of text added by the repeats; "
                 "most (added, times ours / stock):")
    for size, piece in repeated[:12]:
        short = piece if len(piece) <= 70 else piece[:69] + "…"
        lines.append(f"  {size:6}  {pieces['ours'][piece]:3} / {pieces['stock'][piece]:<3} {short}")
    return rows, lines


# --------------------------------------------------------------------------------------------------------- browser

def lighthouse_once(binary: Path, url: str) -> dict[str, float]:
    result = subprocess.run(
        [str(binary), url, "--quiet", "--output=json", "--output-path=stdout", f"--chrome-flags={CHROME_FLAGS}",
         "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES.values())],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"Lighthouse on {url} failed:\n{result.stderr}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise SystemExit(f"Lighthouse on {url}: {report['runtimeError']}")
    scores = {name: report["categories"][key]["score"] * 100 for name, key in LIGHTHOUSE_CATEGORIES.items()}
    return {**scores, "LCP": report["audits"]["largest-contentful-paint"]["numericValue"],
            "TBT": report["audits"]["total-blocking-time"]["numericValue"]}


def lighthouse(bases: dict[str, str]) -> tuple[list[tuple[str, ...]], dict[tuple[str, str], dict[str, float]]]:
    """Mobile emulation (Lighthouse's default); the median of each figure over the runs."""
    binary = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--prefix", str(LIGHTHOUSE), "--no-audit", "--no-fund"], check=True)
    runs: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for _ in range(LIGHTHOUSE_RUNS):  # round by round, so drift of the machine hits every page alike
        for page, variant in LIGHTHOUSE_PAGES:
            runs[page, variant].append(lighthouse_once(binary, bases[variant] + page))
    medians = {key: {column: statistics.median(run[column] for run in found) for column in LIGHTHOUSE_COLUMNS}
               for key, found in runs.items()}
    stock = medians["werkdruk/", "stock"]["performance"]
    rows = []
    for (page, variant), median in medians.items():
        if variant == "stock":
            budget = "(the anchor)"
        else:
            floor = stock if page == "werkdruk/" else 90 if page in LIGHTHOUSE_INSTRUMENTS else None
            budget = (f"performance ≥ {floor:.0f}, " if floor is not None else "") + "the other three 100"
            met = (floor is None or median["performance"] >= floor) and all(
                median[c] == 100 for c in ("accessibility", "best practices", "SEO"))
            budget += ": met" if met else ": NOT MET"
        rows.append((page or "(start)", variant, f"{median['performance']:.0f}", f"{median['LCP'] / 1000:.1f} s",
                     f"{median['TBT']:.0f} ms", *(f"{median[c]:.0f}" for c in LIGHTHOUSE_COLUMNS[3:]), budget))
    return rows, medians


def tools_on_pages(site: Path) -> dict[str, list[str]]:
    """Every page with a tool, and the tools' root selectors (the print page only gathers them)."""
    found = {}
    for html in sorted(site.rglob("index.html")):
        page = html.parent.relative_to(site).as_posix() + "/" if html.parent != site else ""
        roots = TOOL_ROOT.findall(html.read_text(encoding="utf-8"))
        if roots and page != PRINT_PAGE:
            found[page] = ["#" + root for root in roots]
    return found


def ms(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def browser_rows(base: str, site: Path, clicks: int) -> list[tuple[str, str, str]]:
    """Wall-clock time, and in brackets thread time (what a quiet machine shows); the budget is judged on the
    wall-clock time of a quiet machine, so the worse of the two figures counts when the machine was busy."""
    rows = []
    b = benchbrowser.Browser(base)
    try:
        for name, times, cpu, inputs in benchbrowser.clicks(b, tools_on_pages(site), clicks):
            median, p95 = ms(times)
            cmedian, cp95 = ms(cpu)
            ok = min(median, cmedian) <= CLICK_BUDGET[0] and min(p95, cp95) <= CLICK_BUDGET[1]
            rows.append((f"Click → page updated, {name} ({inputs} answers): median / p95",
                         f"{median:.1f} / {p95:.1f} ms ({cmedian:.1f} / {cp95:.1f})",
                         f"≤ {CLICK_BUDGET[0]:.0f} / ≤ {CLICK_BUDGET[1]:.0f} ms: " + verdict(ok)))
        medians: dict[tuple[str, int], float] = {}
        for label, size, times, cpu, said in benchbrowser.add_one(b):
            median, p95 = ms(times)
            cmedian, cp95 = ms(cpu)
            medians[label, size] = cmedian
            budget = ""
            if size == benchbrowser.BUDGET_SIZE[label]:
                budget = f"≤ {ADD_BUDGET:.0f} ms: " + verdict(min(median, cmedian) <= ADD_BUDGET)
            rows.append((f"{label}, with {size:,} there: median / p95", f"{median:.1f} / {p95:.1f} ms "
                         f"({cmedian:.1f} / {cp95:.1f})", budget))
            if not said.startswith("Alles uit het bestand"):
                rows.append(("  (the file was not taken in whole)", said[:60], "NOT MET"))
        for label, sizes in benchbrowser.GROWTH.items():
            small, large = sizes
            ratio = medians[label, large] / medians[label, small]
            rows.append((f"{label}: {large:,} ÷ {small:,} (thread time)", f"{ratio:.2f}×", "≤ 2×: " + verdict(ratio <= 2)))
        seconds, longest, said = benchbrowser.open_large(b)
        rows.append(("Open a B8 file with 10,000 questionnaires", f"{seconds:.2f} s", "≤ 2 s: " + verdict(seconds <= 2)))
        rows.append(("  longest task meanwhile (the page cannot respond)", f"{longest:.0f} ms", said[:40]))
        took, cpu, said = benchbrowser.team_codes(b, *benchbrowser.TEAM)
        rows.append((f"Team mode: paste 40 codes and count ({said})", f"{took:.1f} ms ({cpu:.1f})",
                     "≤ 50 ms: " + verdict(min(took, cpu) <= 50)))
    finally:
        b.close()
    return rows


# ---------------------------------------------------------------------------------------------------------- report

def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for n, row in enumerate([header, *rows]):
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if n == 0:
            print("-|-".join("-" * width for width in widths))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clicks", type=int, default=60)
    parser.add_argument("--quick", action="store_true", help="one build of each variant, no browser")
    parser.add_argument("--lighthouse", action="store_true",
                        help=f"Lighthouse, median of {LIGHTHOUSE_RUNS} runs per page (a few minutes)")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to measure (default: this one)")
    args = parser.parse_args()
    project, runs = args.project.resolve(), 1 if args.quick else args.runs
    started = time.perf_counter()

    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        tmp = Path(tmp)
        stock = stock_project(project, tmp / "stock")
        sites = {name: tmp / f"site-{n}" for n, name in enumerate([*VARIANTS, STOCK])}
        # Serve first, then build with site_url set to the server: Material's instant navigation needs them to match.
        # Both gzipped, as any static host serves them.
        bases = {"ours": stack.enter_context(serve(sites["full"], compress=True)),
                 "stock": stack.enter_context(serve(sites[STOCK], compress=True))}
        times = {name: min(found) for name, found in
                 builds(project, stock, sites, {"full": bases["ours"], STOCK: bases["stock"]}, runs).items()}
        found = pages(sites["full"])
        rows = [(f"Build (mkdocs build --strict), fastest of {runs} ({len(found)} pages)", f"{times['full']:.2f} s",
                 "≤ 3 s: " + verdict(times["full"] <= 3)),
                ("Build without hooks (no instruments, no print page)", f"{times['without hooks']:.2f} s", ""),
                ("Build with only the checklist hook", f"{times['without the print page hook']:.2f} s", ""),
                ("Build of stock Material (same docs/, nothing of ours)", f"{times[STOCK]:.2f} s", "")]
        byte_table, file_lines = byte_rows(sites["full"], found)
        index_rows, index_lines = search_index(sites["full"], sites[STOCK])
        rows += byte_table + index_rows
        if not args.quick:
            rows += browser_rows(bases["ours"], sites["full"], args.clicks)
        lighthouse_rows = lighthouse(bases)[0] if args.lighthouse else []

    table(("What", "Measured", "Budget"), rows)
    print("\n".join(file_lines))
    print()
    print("\n".join(index_lines))
    if lighthouse_rows:
        print()
        version = json.loads((LIGHTHOUSE / "package.json").read_text())["dependencies"]["lighthouse"]
        print(f"Lighthouse {version}, median of {LIGHTHOUSE_RUNS} runs per page, mobile emulation, {CHROMIUM}")
        table(("Page", "Variant", *LIGHTHOUSE_COLUMNS, "Budget"), lighthouse_rows)
    print(f"\nTook {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
