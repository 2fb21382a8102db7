"""Where a tool keeps its data in the browser: decided here once, and handed to the script in its config."""

from __future__ import annotations

PREFIX = "psa-werkboek:"


def metingen_key(tool_id: str) -> str:
    """A checklist's measurements (hooks/instruments/metingen.py): one list for every version (a measurement names its
    own version), next to the answers but never wiped with them; opting out of keeping (sensitive lists) wipes it."""
    return f"{PREFIX}{tool_id}:metingen"


def storage_keys(tool_id: str, version: int, *, optin: bool, team: bool = False,
                 metingen: bool = False) -> dict[str, str]:
    """localStorage keys: answers per version ('psa-werkboek:ID:vN'); the opt-in, when the tool saves only after
    the user ticks "Bewaar …"; and for team mode the team data, the remembered view and this device's own result code."""
    key = f"{PREFIX}{tool_id}:v{version}"
    # A stored copy that could not be read is set aside here until the user saves it as a file or wipes it.
    out = {"key": key, "unreadable": f"{key}:onleesbaar"}
    if optin:
        out["optin"] = f"{PREFIX}{tool_id}:bewaren"
    if team:
        out.update(team=f"{key}:team", mode=f"{key}:modus", code=f"{key}:code")
    if metingen:
        out["metingen"] = metingen_key(tool_id)
    return out
