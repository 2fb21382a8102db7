"""The summary rules of an instrument, evaluated on given answers.

This is the reference for what the browser script computes: the tests run both on the same answers and compare.
It also lets a report be made without a browser.
"""

from __future__ import annotations

from typing import Any

from .model import Instrument

Answers = dict[str, dict[str, Any]]  # item id → field id → option id, True, or text


def _answered(values: dict | None) -> bool:
    return bool(values)


def matches(group: dict, item: dict, values: dict | None, where: dict) -> bool:
    values = values or {}
    for name, rule in where.items():
        if name == "category":
            if item.get("category") not in rule:
                return False
        elif name == "group":
            if group["id"] not in rule:
                return False
        elif name == "tags":
            if any(group.get("tags", {}).get(k) != v for k, v in rule.items()):
                return False
        elif name == "answered":
            if _answered(values) != rule:
                return False
        else:
            value = values.get(name)
            if rule and isinstance(rule[0], bool):
                value = value is True
            if value not in rule:
                return False
    return True


def evaluate(instrument: Instrument, answers: Answers) -> list[dict]:
    """One result per summary block, in order."""
    items = list(instrument.items())
    results = []
    for block in instrument.data["summary"]["blocks"]:
        kind = block["type"]
        if kind == "count":
            total_rule = block.get("total", {})
            rows = {"": None, **({g["id"]: g["id"] for g in instrument.data["groups"]} if block.get("per_group") else {})}
            counts = {}
            for row, group_id in rows.items():
                scoped = [(g, i) for g, i in items if group_id is None or g["id"] == group_id]
                total = [(g, i) for g, i in scoped if matches(g, i, answers.get(i["id"]), total_rule)]
                n = sum(1 for g, i in total if matches(g, i, answers.get(i["id"]), block["where"]))
                counts[row] = (n, len(total))
            results.append({"type": "count", "counts": counts})
        elif kind == "tally":
            tally: dict[str, int] = {}
            for g, i in items:
                values = answers.get(i["id"]) or {}
                if matches(g, i, values, block.get("where", {})):
                    key = values.get(block["field"], "")
                    tally[key] = tally.get(key, 0) + 1
            results.append({"type": "tally", "counts": tally})
        elif kind == "list":
            alternatives = block["where"] if isinstance(block["where"], list) else [block["where"]]
            order_by = block.get("order_by")
            ranked = []
            for index, (g, i) in enumerate(items):
                values = answers.get(i["id"]) or {}
                alt = next((a for a, w in enumerate(alternatives) if matches(g, i, values, w)), None)
                if alt is None:
                    continue
                rank = 0
                if order_by:  # position of the answer in the rule's list, as the browser script sorts
                    allowed = alternatives[alt].get(order_by, [])
                    rank = allowed.index(values[order_by]) if values.get(order_by) in allowed else -1
                ranked.append((alt, rank, index, i["id"]))
            results.append({"type": "list", "items": [entry[3] for entry in sorted(ranked)]})
        else:
            results.append({"type": kind})
    return results
