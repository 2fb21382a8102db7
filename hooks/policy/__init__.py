"""The Content-Security-Policy of every page: the browser itself then refuses to load or send anything to another
host. Material's few inline scripts are allowed by their hashes, computed from each finished page.

Neither `script-src` nor `style-src` allows 'unsafe-inline' or 'unsafe-eval'. The pages carry no `style` attributes
(the number of ruled lines on paper is a `data-regels` attribute); Material's bundle sets styles through the CSSOM
(`element.style`), which a policy does not restrict.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Executable inline scripts: no src, and no type or a JavaScript type (JSON data such as Material's __config is
# not run, so it needs no hash).
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}

# For the offline edition on file://: Chromium counts file: URLs as 'self', other browsers do not; naming the
# scheme keeps the zip working everywhere, and still nothing can come from or go to a web host.
ONLINE_SOURCES = "'self'"
OFFLINE_SOURCES = "'self' file:"


def inline_hashes(html: str) -> list[str]:
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") not in _JS_TYPES:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(set(hashes))


def policy(html: str, *, offline: bool = False) -> str:
    own = OFFLINE_SOURCES if offline else ONLINE_SOURCES
    scripts = " ".join([own, *inline_hashes(html)])
    return "; ".join([
        f"default-src {own}",
        f"script-src {scripts}",
        f"style-src {own}",
        f"img-src {own} data:",
        f"font-src {own}",
        f"worker-src {own} blob:",
        f"connect-src {own}",
        f"frame-src {own}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def add_policy(html: str, *, offline: bool = False) -> str:
    """The page with its policy as the first element of <head>, so it covers every script after it."""
    head = _HEAD.search(html)
    if head is None:
        raise ValueError("de pagina heeft geen <head>: het beveiligingsbeleid kan er niet in")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, offline=offline)}">'
    return html[:head.end()] + tag + html[head.end():]
