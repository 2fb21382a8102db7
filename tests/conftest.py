"""Shared fixtures: build the site once, serve it on loopback, drive Debian's Chromium."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from sitebuild import CHROMIUM, build, serve  # noqa: E402


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright's own browser download is not possible here; the system Chromium is.
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


def copy_project(tmp_path: Path) -> Path:
    """A copy of everything the build reads, to break on purpose."""
    project = tmp_path / "project"
    for part in ("docs", "overrides", "hooks", "checklists", "includes"):
        shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """Bind a free port first, then build with site_url set to it: instant navigation needs the two to match."""
    site_dir = tmp_path_factory.mktemp("site")
    with serve(site_dir) as url:
        result = build(site_dir, site_url=url)
        if result.returncode:
            pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
        yield url, site_dir


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


@pytest.fixture(autouse=True)
def _no_csp_violations(request):
    """Every browser test doubles as a test of the Content-Security-Policy: a tool that needs something the policy
    refuses (an inline script, another host) fails the test that used it."""
    # A test's own parameter called `page` (a path, in test_content.py) is not a browser page.
    if "page" not in request.fixturenames or "page" in getattr(getattr(request.node, "callspec", None), "params", {}):
        yield
        return
    page = request.getfixturevalue("page")
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield
    assert not refused, "\n".join(refused[:5])
