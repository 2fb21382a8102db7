"""The one declaration of the tools' types and browser components.

Part types and report block types are declared here once: the YAML keys each takes, whether it prints, whether it
holds values that may be kept, and which browser files it needs. The JSON schema, the templates
(overrides/partials/parts/<type>.html) and the script registries (docs/psa/parts/<type>.js, blocks/<family>.js)
follow this table; tests/test_components.py fails when they disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

ASSETS = "psa"  # docs/psa/: the browser components


@dataclass(frozen=True)
class PartType:
    keys: frozenset = frozenset()  # YAML keys that only this part type takes
    printable: bool = False        # may have `print:`, a button that prints this part alone
    stored: bool = False           # holds values; `storage:` says whether they are kept (local, optin, none)
    searchable: bool = False       # shows the book's own text (questions, a letter, a protocol): in the search index
    style: bool = True             # has docs/psa/parts/<type>.css besides docs/psa/parts/<type>.js


def _keys(*names: str) -> frozenset:
    return frozenset(names)


PART_TYPES: dict[str, PartType] = {
    "fields": PartType(_keys("check", "fields", "storage"), printable=True, stored=True, searchable=True, style=False),
    "records": PartType(_keys("tally", "label", "plural", "columns", "copy_from", "csv", "storage", "fields",
                              "examples", "examples_label", "inbox", "max_records"), stored=True, searchable=True),
    "template": PartType(_keys("paragraphs"), printable=True, searchable=True),
    # The tasks of a schedule repeat the page's own text (bijlage 15), so the page is found by that.
    "schedule": PartType(_keys("storage", "from", "moments", "calendar", "with"), printable=True, stored=True),
    "report": PartType(_keys("csv", "of", "blocks", "per_record"), printable=True),
    "handout": PartType(_keys("of", "before", "after_fields"), printable=True),
    "cards": PartType(_keys("from"), printable=True),
    "layout": PartType(_keys("of", "field", "where", "title_field", "title_default", "max", "max_warning",
                             "empty_hint"), printable=True),
    "compare": PartType(_keys("of", "paragraphs", "key", "value"), style=False),
    "catalogue": PartType(_keys("label", "plural", "into", "text_field", "source_field", "filters", "groups"),
                          printable=True),
}
# What a file (or a stored copy) may hold at most: the script refuses more with a message naming the limit, before
# it reads or shows anything, so no file can lock the browser. Each is well above any real use: the largest real
# file is B8 with a questionnaire for every employee of a large corporation (10,000 people: about 2 MB, 8 levels
# deep, 150,000 values). `years`: dates outside these years are typing errors, not dates.
FILE_LIMITS = {"bytes": 20_000_000, "depth": 32, "nodes": 2_000_000, "years": [1900, 2100]}
# A records part holds at most this many records, unless its YAML says `max_records`.
RECORDS_MAX = 5000
# The list of saved records shows this many at a time (drawing 10,000 table rows takes seconds).
LIST_PAGE = 100

# Keys every part may have.
COMMON_PART_KEYS = frozenset({"id", "type", "title", "intro", "after", "proposal", "print"})


@dataclass(frozen=True)
class BlockType:
    family: str                    # docs/psa/blocks/<family>.js computes it
    needs: tuple = ()              # keys the block must have
    field_types: frozenset | None = None  # the types its `field` may point at


BLOCK_TYPES: dict[str, BlockType] = {
    "total": BlockType("counts", ("text",)),
    "share": BlockType("counts", ("where", "text")),
    "distribution": BlockType("counts", (), frozenset({"choice", "multi"})),
    "breakdown": BlockType("counts", ("by", "rules"), frozenset({"text", "choice"})),
    "crosstab": BlockType("counts", ("field",), frozenset({"grid"})),
    "periods": BlockType("counts", ("field",), frozenset({"date", "datetime"})),
    "values": BlockType("counts", ("field",), frozenset({"text", "choice"})),
    "texts": BlockType("lists", ("field",), frozenset({"text", "textarea"})),
    "hints": BlockType("lists", ("rules",)),
    "note": BlockType("lists", ("paragraphs",)),
    "compare": BlockType("assessment"),
    "score": BlockType("assessment", ("values", "text")),
    "needs": BlockType("assessment", ("values",)),
    "top": BlockType("workshop", ("field", "text"), frozenset({"number"})),
    "board": BlockType("workshop", ("by", "text")),
    "rows": BlockType("workshop", ("fields",)),
    "stats": BlockType("workshop", ("field", "by"), frozenset({"number", "text"})),
    "tree": BlockType("workshop", ("field", "parent"), frozenset({"choice"})),
}
# Block types that only show text from the YAML: the template renders them, the script computes nothing.
TEXT_ONLY_BLOCKS = frozenset({"note"})
# Families whose blocks have styles of their own (docs/psa/blocks/<family>.css).
STYLED_FAMILIES = frozenset({"workshop"})


@dataclass(frozen=True)
class Component:
    script: str | None
    style: str | None = None


# Everything but the part types and block families, in loading order. `strings` and `core` come with any tool.
COMPONENTS: dict[str, Component] = {
    "strings": Component("strings.js"),
    "core": Component("core.js", "core.css"),
    "checklist": Component("checklist.js", "checklist.css"),
    "codes": Component("codes.js"),
    "team": Component("team.js", "team.css"),
    "inbox": Component("inbox.js"),
    "form": Component("form.js", "form.css"),
    "opslag": Component("opslag.js", "opslag.css"),
    "metingen": Component("metingen.js", "metingen.css"),
    "vergelijken": Component("vergelijken.js"),
    "dossier": Component("dossier.js", "dossier.css"),
}
CORE = ("strings", "core")
# A page with this much text before its first tool is a reading page: its tools load when they come near the
# screen (docs/psa/loader.js), not with the page. About four phone screens.
LAZY_AFTER = 4000
LOADER = "loader.js"


def families() -> list[str]:
    return list(dict.fromkeys(b.family for b in BLOCK_TYPES.values()))


def modules() -> dict[str, Component]:
    """Every browser module by name, in loading order: components, then part types, then block families."""
    out = dict(COMPONENTS)
    for name, part in PART_TYPES.items():
        out[name] = Component(f"parts/{name}.js", f"parts/{name}.css" if part.style else None)
    for family in families():
        out[family] = Component(f"blocks/{family}.js", f"blocks/{family}.css" if family in STYLED_FAMILIES else None)
    return out


def files_for(names, *, scripts: bool = True) -> tuple[list[str], list[str]]:
    """The style and script files (relative to docs/psa/) for the named modules, in loading order."""
    wanted = set(names) | set(CORE)
    chosen = [m for name, m in modules().items() if name in wanted]
    styles = [m.style for m in chosen if m.style]
    return styles, [m.script for m in chosen if m.script] if scripts else []
