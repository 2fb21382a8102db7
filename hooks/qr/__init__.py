"""QR codes of a page's online address, made at build time with segno, as inline SVG.

One code per page, shown at two sizes by CSS: small on every printed handout and result sheet, large in team mode
on the beamer ("Scan om mee te doen"). The address is the page's online address under MkDocs' `site_url` (which an
organisation file sets to the organisation's own address), also in the offline edition: a code on paper or on a
beamer is read by a phone, which cannot open a file on a USB stick.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import segno
from markupsafe import Markup, escape

# Level M: 15 % of the code may be unreadable (a fold, a stain, a dim beamer) and it still scans. segno raises the
# level further when that fits in the same size (boost_error).
ERROR = "m"
BORDER = 4  # the quiet zone the QR standard asks for, in modules


def online_url(site_url: str, src_uri: str) -> str:
    """The address of a page on the online site (directory URLs), whatever the edition being built."""
    path = src_uri.removesuffix(".md")
    if path == "index":
        path = ""
    elif path.endswith("/index"):
        path = path.removesuffix("index")
    else:
        path += "/"
    return site_url.rstrip("/") + "/" + path


@dataclass(frozen=True)
class Code:
    url: str
    offline: bool = False  # built for the offline edition: the text next to the code says it opens the online site

    @cached_property
    def qr(self) -> segno.QRCode:
        return segno.make(self.url, error=ERROR, micro=False, boost_error=True)

    @cached_property
    def svg(self) -> Markup:
        # Only a viewBox: the size comes from CSS. segno writes presentation attributes, never `style`, which the
        # Content-Security-Policy would refuse.
        svg = self.qr.svg_inline(scale=1, border=BORDER, omitsize=True, svgclass="psa-qr__code", lineclass=None,
                                 dark="#000", light="#fff")
        label = escape(f"QR-code met het adres {self.url}")
        return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))
