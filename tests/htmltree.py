"""A tiny HTML tree for tests that read built pages without a browser."""

from __future__ import annotations

import html.parser
from dataclasses import dataclass, field
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find(self, tag: str | None = None, **attrs) -> Node | None:
        return next(self.find_all(tag, **attrs), None)

    def find_all(self, tag: str | None = None, **attrs):
        for node in self.iter(tag):
            if all(_matches(node, k.rstrip("_"), v) for k, v in attrs.items()):
                yield node

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def _matches(node: Node, key: str, value: str) -> bool:
    if key == "class":
        return value in node.classes
    return node.attrs.get(key) == value


class _Builder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(path: Path) -> Node:
    builder = _Builder()
    builder.feed(path.read_text(encoding="utf-8"))
    return builder.root


def article(path: Path) -> Node:
    root = parse(path)
    node = root.find("article")
    assert node is not None, f"{path} has no <article>"
    return node
