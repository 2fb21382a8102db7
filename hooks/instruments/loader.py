"""Load instrument YAML with line numbers, so every error can name the file, the item and the line."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SCHEMA_FILE = "schema.json"
SCALES_FILE = "scales.yml"


class InstrumentError(Exception):
    """A problem in a checklist file, worded for the person who edits it."""

    def __init__(self, file: str, message: str, *, item: str | None = None, line: int | None = None,
                 what: str = "vraag"):
        self.file, self.item, self.line, self.message = file, item, line, message
        where = [file]
        if item:
            where.append(f"{what} '{item}'")
        if line:
            where.append(f"regel {line}")
        super().__init__(f"{', '.join(where)}: {message}")


@dataclass
class Located:
    """Parsed YAML plus the line of every node, by path (('groups', 0, 'items', 3, 'text') → 42)."""

    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, path) -> int | None:
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


# libyaml's parser: several times faster, with the same line marks. It is a little more lenient than PyYAML's
# pure-Python parser (a '?' inside a flow mapping), so one parser is used everywhere; PyYAML's wheels include it.
try:
    _LOADER = yaml.CSafeLoader
except AttributeError:
    raise ImportError("PyYAML is zonder libyaml geïnstalleerd; installeer het met: pip install -r requirements.txt") from None


def read_yaml(path: Path, display: str) -> Located:
    text = path.read_text(encoding="utf-8")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise InstrumentError(display, "het bestand is leeg")
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "ongeldige YAML"
        raise InstrumentError(display, f"ongeldige YAML: {problem}", line=mark.line + 1 if mark else None) from None
    if node is None:
        raise InstrumentError(display, "het bestand is leeg")
    located = Located(None)
    located.data = _construct(node, (), located, display, yaml.constructor.SafeConstructor())
    return located


def _construct(node: yaml.Node, path: tuple, located: Located, display: str, scalars):
    located.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in result:
                raise InstrumentError(display, f"het veld '{key}' staat er twee keer", line=key_node.start_mark.line + 1)
            result[key] = _construct(value_node, path + (key,), located, display, scalars)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child, path + (i,), located, display, scalars) for i, child in enumerate(node.value)]
    return scalars.construct_object(node)  # scalars: the standard YAML types


def load_schema(folder: Path, name: str = SCHEMA_FILE) -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def schema_errors(located: Located, schema: dict, display: str) -> InstrumentError | None:
    """The first schema error, explained in Dutch with the item and the line."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(located.data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return None
    error = _most_specific(errors[0])
    path = tuple(error.absolute_path)
    line_path = path
    if error.validator == "additionalProperties":  # point at the unknown key itself
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        line_path = path + (extra[0],) if extra else path
    what, item = located_item(located.data, path)
    return InstrumentError(display, _explain(error, schema), item=item, what=what, line=located.line(line_path))


def _most_specific(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return error


def _explain(error: jsonschema.ValidationError, schema: dict) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or "bovenaan"
    if error.validator == "required":
        missing = [r for r in error.validator_value if r not in (error.instance or {})]
        return f"verplicht veld '{missing[0]}' ontbreekt (in {where})"
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        known = list(error.schema.get("properties", {}))
        hints = []
        for name in extra:
            close = difflib.get_close_matches(name, known, n=1)
            hints.append(f"'{name}'" + (f" (bedoelt u '{close[0]}'?)" if close else ""))
        return f"onbekend veld {', '.join(hints)} in {where}; toegestaan: {', '.join(known)}"
    if error.validator == "enum":
        return f"'{error.instance}' is geen geldige waarde voor {where}; kies uit: {', '.join(map(str, error.validator_value))}"
    if error.validator == "type":
        return f"{where} moet van het type {error.validator_value} zijn, niet {type(error.instance).__name__}"
    if error.validator == "pattern":
        return f"'{error.instance}' ({where}) mag alleen kleine letters, cijfers, punten en streepjes bevatten"
    if error.validator == "maxProperties":
        return f"{where} mag maar {error.validator_value} veld hebben, niet {', '.join(error.instance)}"
    if error.validator in ("minItems", "minLength", "minProperties"):
        return f"{where} is leeg"
    return f"{where}: {error.message}"


# What an id in each kind of list is called in an error message.
_KINDS = {"items": "vraag", "fields": "veld", "moments": "moment", "parts": "onderdeel"}


def located_item(data: Any, path: tuple) -> tuple[str, str | None]:
    """The innermost question, field, moment or part that a path points into, for the error message."""
    node, found, previous = data, ("vraag", None), None
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if previous in _KINDS and isinstance(node, dict) and "id" in node:
            found = ("taak" if previous == "items" and found[0] == "moment" else _KINDS[previous], str(node["id"]))
        previous = step if isinstance(step, str) else previous
    return found



def suggest(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (bedoelt u '{close[0]}'?)" if close else ""
