"""MkDocs adapter: every finished page gets its Content-Security-Policy (hooks/policy). Not while serving:
`mkdocs serve` injects its own live-reload script."""

from __future__ import annotations

from policy import add_policy

_serving = False


def on_startup(*, command, dirty, **kwargs):
    global _serving
    _serving = command == "serve"


def on_post_page(output, *, page, config, **kwargs):
    return output if _serving else add_policy(output, offline=_offline(config))


def on_post_template(output_content, *, template_name, config, **kwargs):
    if _serving or not template_name.endswith(".html"):
        return output_content
    return add_policy(output_content, offline=_offline(config))


def _offline(config) -> bool:
    # Material's plugin is registered as "offline" or "material/offline", depending on how the config names it.
    return any(name.split("/")[-1] == "offline" for name in config["plugins"])
