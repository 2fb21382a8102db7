"""The browser half of the benchmark: what a user waits for, measured in the system Chromium.

Everything is driven through the tools' public surface: clicks on what a user clicks, files opened through the
"Bestand openen" button, codes pasted into the team box. Nothing reaches into a tool's internal state, so the
figures survive a restructure of the scripts. A time is the synchronous work of a click plus the style and layout
it causes (`document.body.offsetHeight` forces them), as one frame of the browser has to do it.

Each time is also taken as thread time: the CPU time of the browser task that did the work, from a Chromium trace.
On a machine that is busy with other work the wall-clock time grows, the thread time hardly does; on a quiet
machine the two are about the same.

The pages run with bypass_csp: Playwright's own waiting helpers evaluate strings, which our Content-Security-Policy
forbids. The policy changes nothing about the speed of our own scripts.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from pathlib import Path

from sitebuild import CHROMIUM

# A click on an answer of a tool, then layout. Inputs a user can see and answer: not an entry form of a list (that
# is the "add one" below), not the buttons that switch storage or mode.
CLICK_TIMER = """async ([selector, clicks]) => {
    const root = document.querySelector(selector);
    const inputs = [...root.querySelectorAll("input[type=radio], input[type=checkbox]")].filter((input) =>
        !input.hasAttribute('data-action') && !input.closest('[data-entry-form], [data-team], [hidden]') &&
        input.getClientRects().length);
    const times = [];
    for (let n = 0; n < clicks && inputs.length; n++) {
        const input = inputs[(n * 7) % inputs.length];
        performance.mark('psa-start');
        const start = performance.now();
        input.click();
        document.body.offsetHeight;
        times.push(performance.now() - start);
        performance.mark('psa-end');
        await new Promise(requestAnimationFrame);
    }
    return [times, inputs.length];
}"""

# One click on a button, then layout; the time it took.
BUTTON_TIMER = """async ([selector]) => {
    const button = document.querySelector(selector);
    await new Promise(requestAnimationFrame);
    performance.mark('psa-start');
    const start = performance.now();
    button.click();
    document.body.offsetHeight;
    const took = performance.now() - start;
    performance.mark('psa-end');
    return took;
}"""

# Long tasks while a file opens: the page is responsive when none is long.
LONG_TASKS = """() => {
    window.__longest = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => {
        window.__longest = Math.max(window.__longest, e.duration); })).observe({type: 'longtask', buffered: false});
}"""

Q = ["niet", "jaar", "halfjaar", "kwartaal", "maand", "week"]
PLACES = ["Noord", "Zuid", "Oost", "West", "Centrum", "Wijkkantoor De Hoven", "Klantcentrum"]


def _b8(n: int, rng: random.Random) -> dict:
    return {"format": "psa-werkboek-formulier", "tool": "vragenlijst-agressie", "version": 1, "values": {}, "ticks": {},
            "records": {"lijsten": [{"id": f"b{i}", "values": {
                "q1": rng.choice(Q), "q3": rng.choice(Q), "q2": ["bezoekers-klanten"], "q4": ["klanten", "jongeren"],
                **({"opmerkingen": f"Opmerking {i} over de balie in {rng.choice(PLACES)}"} if i % 4 == 0 else {})}}
                for i in range(n)]}}


def _b10(n: int, rng: random.Random) -> dict:
    rows = ["verbaal", "discriminatie", "intimidatie", "fysiek-zaak", "fysiek-persoon"]
    columns = ["telefoon", "gebouw", "huisbezoek"]
    return {"format": "psa-werkboek-formulier", "tool": "agressieregistratie", "version": 1, "values": {}, "ticks": {},
            "records": {"logboek": [{"id": f"i{i}", "values": {
                "datum": f"20{20 + i % 6}-{1 + i % 12:02}-{1 + i % 28:02}", "vestiging": rng.choice(PLACES),
                "aard": [f"{rng.choice(rows)}:{rng.choice(columns)}"], "letsel": rng.choice(["ja", "nee"]),
                "aangifte": rng.choice(["ja", "nee"])}} for i in range(n)]}}


def _plan(n: int, rng: random.Random) -> dict:
    return {"format": "psa-werkboek-formulier", "tool": "plan-van-aanpak", "version": 1, "values": {}, "ticks": {},
            "records": {"plan": [{"id": f"p{i}", "values": {
                "maatregel": f"Maatregel {i}: werkoverleg {rng.choice(PLACES)} elke maand", "bron": "Bijlage 7",
                "verantwoordelijke": "Teamleider", "planning": "Voor de zomer",
                "status": rng.choice(["nog-niet", "bezig", "uitgevoerd"])}} for i in range(n)]}}


# (label, page, root, file maker, records part, how to fill one new record, opt in first)
LISTS = [
    ("B8 vragenlijst: save one more", "bijlagen/bijlage-8/", "#formulier-vragenlijst-agressie", _b8, "lijsten",
     [("check", "[data-entry-form='single'] input[data-field='q1'][value='maand']")], False),
    ("B10 logboek: add one incident", "bijlagen/bijlage-10/", "#formulier-agressieregistratie", _b10, "logboek",
     [("fill", "[data-entry-form='single'] input[data-field='datum']", "2026-03-02"),
      ("check", "[data-entry-form='single'] input[value='verbaal:telefoon']")], True),
    ("Plan van aanpak: add one point", "plan-van-aanpak/", "#formulier-plan-van-aanpak", _plan, "plan",
     [("fill", "[data-entry-form='single'] input[data-field='maatregel']", "Nieuwe maatregel")], False),
]
SIZES = {"B8 vragenlijst: save one more": (100, 300, 1000, 3000), "B10 logboek: add one incident": (100, 300, 1000, 3000),
         # The plan holds at most 1,000 points (its YAML): 200 is a large organisation's plan.
         "Plan van aanpak: add one point": (50, 100, 200, 500)}
BUDGET_SIZE = {"B8 vragenlijst: save one more": 1000, "B10 logboek: add one incident": 1000,
               "Plan van aanpak: add one point": 200}
# Flat: the larger no slower than twice the smaller.
GROWTH = {"B8 vragenlijst: save one more": (1000, 3000), "B10 logboek: add one incident": (1000, 3000)}
# The team-mode list with the most answers.
TEAM = ("bijlagen/bijlage-2/", "#instrument-signalen-organisatie")


class Traced:
    """Thread times of what the timers measure, between their marks 'psa-start' and 'psa-end', in order."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.events: list[dict] = []
        self.done = False
        self.cdp.on("Tracing.dataCollected", lambda e: self.events.extend(e["value"]))
        self.cdp.on("Tracing.tracingComplete", lambda e: setattr(self, "done", True))

    def __enter__(self):
        self.cdp.send("Tracing.start", {"categories": "toplevel,blink.user_timing", "transferMode": "ReportEvents"})
        return self

    def __exit__(self, *exc):
        self.cdp.send("Tracing.end")
        while not self.done:
            self.page.wait_for_timeout(20)

    def times(self) -> list[float]:
        """Thread time between each 'psa-start' and the 'psa-end' after it: trace events carry the thread's own
        clock (tts, in µs), which stands still while the thread waits for a core."""
        marks = sorted((e["ts"], e["name"], e.get("tts")) for e in self.events if e.get("name") in ("psa-start", "psa-end"))
        out, start = [], None
        for _, name, tts in marks:
            if name == "psa-start":
                start = tts
            elif start is not None and tts is not None:
                out.append((tts - start) / 1000)
                start = None
        return out


class Browser:
    def __init__(self, base: str):
        from playwright.sync_api import sync_playwright
        self._p = sync_playwright().start()
        self.browser = self._p.chromium.launch(executable_path=CHROMIUM)
        self.base = base
        self.tmp = Path(tempfile.mkdtemp(prefix="psa-bench-"))

    def close(self):
        self.browser.close()
        self._p.stop()

    def page(self, path: str, ready: str | None = None):
        page = self.browser.new_context(bypass_csp=True).new_page()
        page.goto(self.base + path)
        if ready:
            page.locator(ready).scroll_into_view_if_needed()
            page.wait_for_selector(ready + "[data-ready]")
        return page

    def open_file(self, page, root: str, data: dict) -> tuple[float, float, str]:
        """Opens `data` as a file through the tool's own button: seconds until the tool says it is done, the longest
        task meanwhile (ms), and what it said."""
        path = self.tmp / f"{time.monotonic_ns()}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        message = page.locator(f"{root} > [data-message], {root} [data-file-message], {root} [data-message]").first
        page.evaluate(LONG_TASKS)
        page.evaluate("(sel) => document.querySelectorAll(sel).forEach((m) => { m.textContent = ''; })",
                      f"{root} [data-message]")
        start = time.perf_counter()
        page.set_input_files(f"{root} input[data-action='import']", str(path))
        page.wait_for_function("(sel) => [...document.querySelectorAll(sel)].some((m) => m.textContent.trim())",
                               arg=f"{root} [data-message]", polling=5)
        seconds = time.perf_counter() - start
        said = " ".join(t.strip() for t in page.locator(f"{root} [data-message]").all_text_contents() if t.strip())
        page.wait_for_timeout(300)  # a long task that ends after the message still counts
        return seconds, page.evaluate("window.__longest"), said or message.text_content()


def clicks(b: Browser, pages: dict[str, list[str]], n: int) -> list[tuple[str, list[float], list[float], int]]:
    """Click → page updated, for every tool on every page."""
    out = []
    for path, roots in pages.items():
        for root in roots:
            page = b.page(path, root)
            page.evaluate(CLICK_TIMER, [root, 10])  # warm-up: the first clicks compile the scripts
            with Traced(page) as traced:
                times, inputs = page.evaluate(CLICK_TIMER, [root, n])
            if inputs:  # a letter or a protocol has only text to type
                out.append((f"{path} {root}", times, traced.times(), inputs))
            page.context.close()
    return out


def add_one(b: Browser, saves: int = 12) -> list[tuple[str, int, list[float], list[float], str]]:
    """Per list and size: open a file with that many records, then add records one by one through the entry form."""
    out = []
    rng = random.Random(8)
    for label, path, root, make, part, fill, opt_in in LISTS:
        for size in SIZES[label]:
            page = b.page(path, root)
            if opt_in:
                page.locator(f"{root} [data-part='{part}'] input[data-action='opt-in']").first.check()
            _, _, said = b.open_file(page, root, make(size, rng))
            entry = page.locator(f"{root} [data-part='{part}']")
            times, cpu = [], []
            for _ in range(saves):
                for step in fill:
                    target = entry.locator(step[1]).first
                    target.check() if step[0] == "check" else target.fill(step[2])
                with Traced(page) as traced:
                    times.append(page.evaluate(BUTTON_TIMER, [f"{root} [data-part='{part}'] [data-action='record-save']"]))
                cpu += traced.times()
            said += " / " + (page.locator(f"{root} [data-part='{part}'] [data-part-message]").text_content() or "") + \
                " / " + (page.locator(f"{root} [data-part='{part}'] [data-record-count]").text_content() or "")
            out.append((label, size, times, cpu, said))
            page.context.close()
    return out


def open_large(b: Browser, n: int = 10_000) -> tuple[float, float, str]:
    page = b.page("bijlagen/bijlage-8/", "#formulier-vragenlijst-agressie")
    result = b.open_file(page, "#formulier-vragenlijst-agressie", _b8(n, random.Random(10)))
    page.context.close()
    return result


def team_codes(b: Browser, path: str, root: str, people: int = 40) -> tuple[float, float, str]:
    """Each of `people` phones fills in the list and makes its code; the facilitator pastes all and counts."""
    rng = random.Random(40)
    codes = []
    for _ in range(people):
        page = b.page(path, root)
        for group in page.evaluate("""(sel) => [...new Set([...document.querySelector(sel)
                .querySelectorAll('input[data-item][type=radio]')].map((i) => i.name))]""", root):
            options = page.locator(f"{root} input[name='{group}']")
            options.nth(rng.randrange(options.count())).check()
        page.locator(f"{root} [data-action='make-code']").click()
        codes.append(page.locator(f"{root} [data-code-output]").input_value())
        page.context.close()
    page = b.page(path, root)
    page.locator(f"{root} [data-action='mode-team']").click()
    page.locator(f"{root} [data-team-codes]").fill("\n".join(codes))
    with Traced(page) as traced:
        took = page.evaluate(BUTTON_TIMER, [f"{root} [data-action='merge-codes']"])
    said = page.locator(f"{root} [data-code-summary]").text_content()
    page.context.close()
    return took, (traced.times() or [float("nan")])[0], said
