"""MkDocs adapter: give each page the browser files of the tools on it (hooks/instruments/assets.py).

Styles go in the page's <head> and scripts at the end of its content (overrides/main.html); Material's instant
navigation swaps both, so a reading page never carries the tools' code. On a long reading page with a tool in it,
one small loader brings the tool's files when the tool comes near the screen.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from instruments.assets import missing_files, page_assets


def on_config(config, **kwargs):
    missing = missing_files(Path(config.docs_dir))
    if missing:
        raise PluginError(f"hooks/instruments/components.py noemt bestanden die niet bestaan: {', '.join(missing)}")
    return config


def on_page_context(context, *, page, config, nav, **kwargs):
    try:
        assets = page_assets(page.content or "")
    except ValueError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: {exc}") from None
    url = lambda path: get_relative_url(path, page.url)  # noqa: E731
    context["psa"] = {"styles": [url(s) for s in assets.styles], "scripts": [url(s) for s in assets.scripts],
                      "lazy": assets.lazy, "loader": url(assets.loader)}
    return context
