"""Shared fixtures: build the site once, serve it on loopback, drive Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright's own browser download is not possible here; the system Chromium is.
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


def build(dest: Path, project: Path = ROOT, config: str = "mkdocs.yml", site_url: str | None = None):
    # No --quiet: with it, MkDocs 1.6 drops the warnings that --strict would turn into a failed build.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "--config-file", str(project / config), "--site-dir", str(dest)],
        env=env, cwd=project, capture_output=True, text=True,
    )


def copy_project(tmp_path: Path) -> Path:
    """A copy of everything the build reads, to break on purpose."""
    project = tmp_path / "project"
    for part in ("docs", "overrides", "hooks", "checklists"):
        shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """Bind a free port first, then build with site_url set to it: instant navigation needs the two to match."""
    site_dir = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = build(site_dir, site_url=url)
    if result.returncode:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url, site_dir
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_dir(site_server) -> Path:
    return site_server[1]


@pytest.fixture(scope="session")
def base_url(site_server) -> str:
    return site_server[0]


@pytest.fixture(scope="session")
def pages(site_dir) -> list[str]:
    """Every page of the site as a URL path relative to the root, e.g. 'bijlagen/bijlage-1/'."""
    found = []
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.parent.relative_to(site_dir).as_posix()
        found.append("" if rel == "." else rel + "/")
    return found
