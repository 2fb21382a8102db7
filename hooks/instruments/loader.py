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


# Far above the largest real file (a few thousand nodes): an alias "bomb" expands to millions and must stop early.
MAX_NODES = 200_000
_STANDARD_TAG = "tag:yaml.org,2002:"


def read_yaml(path: Path, display: str) -> Located:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InstrumentError(display, "het bestand is geen UTF-8-tekst; sla het op als UTF-8 (byte "
                                       f"{raw[exc.start]:#04x} past daar niet)", line=line) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise InstrumentError(display, "het bestand is leeg")
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, display, text) from None
    if node is None:
        raise InstrumentError(display, "het bestand is leeg")
    located = Located(None)
    state = {"nodes": 0, "open": set()}
    located.data = _construct(node, (), located, display, yaml.constructor.SafeConstructor(), state, None)
    return located


def _yaml_error(exc: yaml.MarkedYAMLError, display: str, text: str) -> InstrumentError:
    """PyYAML's error with the line where the problem starts. An unclosed quote is often noticed lines later, where
    the next quote closes it: then the line with the odd quote is named."""
    problem = exc.problem or "ongeldige YAML"
    context = exc.context or ""
    if "quoted scalar" in context and exc.context_mark is not None:
        return InstrumentError(display, "ongeldige YAML: het aanhalingsteken dat hier begint, wordt niet gesloten",
                               line=exc.context_mark.line + 1)
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    odd = _odd_quote_line(text, line) if line else None
    if odd and odd < line:
        return InstrumentError(display, f"ongeldige YAML: het aanhalingsteken (\") op deze regel wordt niet gesloten "
                                        f"(YAML merkt het pas op regel {line}: {problem})", line=odd)
    return InstrumentError(display, f"ongeldige YAML: {problem}", line=line)


def _odd_quote_line(text: str, up_to: int) -> int | None:
    for number, line in enumerate(text.splitlines()[:up_to], start=1):
        code = line.split(" #")[0] if not line.lstrip().startswith("#") else ""
        if (code.count('"') - code.count('\\"')) % 2:
            return number
    return None


def _owner(node: yaml.MappingNode, path: tuple, owner):
    """The question, field, moment or part a mapping is (for messages), read before its keys are built."""
    if len(path) >= 2 and path[-2] in _KINDS and isinstance(path[-1], int):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "id" and isinstance(value_node, yaml.ScalarNode):
                return _KINDS[path[-2]], value_node.value
    return owner


def _fail_at(display: str, message: str, node: yaml.Node, owner) -> InstrumentError:
    what, item = owner or ("vraag", None)
    return InstrumentError(display, message, item=item, what=what, line=node.start_mark.line + 1)


def _construct(node: yaml.Node, path: tuple, located: Located, display: str, scalars, state, owner):
    state["nodes"] += 1
    if state["nodes"] > MAX_NODES:
        raise _fail_at(display, f"het bestand wordt te groot (meer dan {MAX_NODES:,} onderdelen); staan er aliassen "
                                "(*naam) die elkaar steeds opnieuw herhalen?".replace(",", "."), node, owner)
    if node.tag and not node.tag.startswith(_STANDARD_TAG):
        raise _fail_at(display, f"onbekende YAML-tag '{node.tag}'; laat hem weg", node, owner)
    located.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in state["open"]:
            raise _fail_at(display, "een alias (*naam) verwijst naar het blok waar hij zelf in staat", node, owner)
        state["open"].add(id(node))
    try:
        if isinstance(node, yaml.MappingNode):
            owner = _owner(node, path, owner)
            result = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _fail_at(display, "een veldnaam moet een gewoon woord zijn, geen lijst of blok", key_node, owner)
                if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                    raise _fail_at(display, "samenvoegen met '<<' wordt niet ondersteund; schrijf de velden uit",
                                   key_node, owner)
                key = key_node.value
                if key in result:
                    raise _fail_at(display, f"het veld '{key}' staat er twee keer", key_node, owner)
                # A key's own line: for a block below it, the value starts a line later.
                located.lines[path + (key,)] = key_node.start_mark.line + 1
                result[key] = _construct(value_node, path + (key,), located, display, scalars, state, owner)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [_construct(child, path + (i,), located, display, scalars, state, owner)
                    for i, child in enumerate(node.value)]
        try:
            return scalars.construct_object(node)  # scalars: the standard YAML types
        except yaml.YAMLError as exc:
            raise _fail_at(display, f"deze waarde kan niet worden gelezen ({getattr(exc, 'problem', None) or exc})",
                           node, owner) from None
    finally:
        state["open"].discard(id(node))


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
