"""The markers a page uses to place a tool: `<!-- instrument: ID -->` on a line of its own, at the left margin."""

from __future__ import annotations

import re

from .loader import InstrumentError

MARKER = re.compile(r"^<!--\s*instrument:\s*(\S+?)\s*-->[ \t]*$", re.MULTILINE)
# Anything that looks like a marker but would not be placed: indented (Markdown reads it as part of a list or as
# code), or with other text on the line.
_LOOSE = re.compile(r"^(.*?)<!--\s*instrument:\s*(\S+?)\s*-->(.*)$", re.MULTILINE)


def find_markers(text: str, page: str) -> list[str]:
    """The instrument ids a page places, in order. Raises InstrumentError for a marker that would silently not be
    rendered, and for an instrument placed twice (both copies would write the same saved answers)."""
    found: list[str] = []
    for match in _LOOSE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        before, instrument_id, after = match.group(1), match.group(2), match.group(3)
        if before.strip() == "" and before:
            raise InstrumentError(page, f"de markering voor '{instrument_id}' staat ingesprongen en wordt dan niet "
                                        "getoond; zet hem helemaal links, op een eigen regel", line=line)
        if before.strip() or after.strip():
            raise InstrumentError(page, f"de markering voor '{instrument_id}' moet op een eigen regel staan, zonder "
                                        "andere tekst", line=line)
        if instrument_id in found:
            raise InstrumentError(page, f"instrument '{instrument_id}' staat twee keer op deze pagina; beide zouden "
                                        "dezelfde bewaarde antwoorden gebruiken", line=line)
        found.append(instrument_id)
    return found
