"""Build the site and serve it on loopback: shared by the tests, the editions and the benchmark."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def build(dest: Path, project: Path = ROOT, config: str = "mkdocs.yml", site_url: str | None = None,
          env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`. No --quiet: with it, MkDocs 1.6 drops the warnings that --strict turns into errors.
    `env` adds variables, e.g. PSA_ORGANISATIE for an organisation's own edition."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "--config-file", str(project / config), "--site-dir", str(dest)],
        env=env, cwd=project, capture_output=True, text=True,
    )


def build_or_fail(dest: Path, **kwargs) -> Path:
    result = build(dest, **kwargs)
    if result.returncode:
        raise SystemExit(f"mkdocs build --strict mislukte:\n{result.stdout}\n{result.stderr}")
    return dest


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Compressed(_Quiet):
    """Text files gzipped, as every static host and CDN serves them: the benchmark measures what a reader gets."""
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
    _cache: dict[tuple[str, float], bytes] = {}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.endswith(self.TEXT) \
                or not os.path.isfile(path):
            return super().send_head()
        key = (path, os.path.getmtime(path))
        if key not in self._cache:
            with open(path, "rb") as file:
                self._cache[key] = gzip.compress(file.read(), compresslevel=6)
        body = self._cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a connection early (Lighthouse does, between runs) is not an error of the site.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, port: int = 0, compress: bool = False):
    """Serve a built site on 127.0.0.1; yields the base URL, ending in '/'. `compress`: gzip text as hosts do."""
    handler = _Compressed if compress else _Quiet
    server = _Server(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _Env(list):
    """`!ENV [NAME, default]` of mkdocs.yml, kept as is: the stock build must read SITE_URL the way ours does."""


class _EnvLoader(yaml.SafeLoader):
    pass


class _EnvDumper(yaml.SafeDumper):
    pass


_EnvLoader.add_constructor("!ENV", lambda loader, node: _Env(
    loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]))
_EnvDumper.add_representer(_Env, lambda dumper, value: dumper.represent_sequence("!ENV", value, flow_style=True))


def stock_project(project: Path, dest: Path) -> Path:
    """The same docs/ with the project's mkdocs.yml minus everything of ours: hooks, CSS, JS and templates.

    The instrument markers in the Markdown are HTML comments, so they simply vanish; the result builds with --strict."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    for key in ("hooks", "extra_css", "extra_javascript", "watch"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    # The glossary (includes/begrippen.md, appended by snippets) is ours too.
    config["markdown_extensions"] = [e for e in config["markdown_extensions"]
                                     if not (isinstance(e, dict) and "pymdownx.snippets" in e)]
    shutil.copytree(project / "docs", dest / "docs")
    (dest / "mkdocs.yml").write_text(yaml.dump(config, Dumper=_EnvDumper, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    return dest
