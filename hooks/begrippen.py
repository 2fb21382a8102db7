"""MkDocs adapter of the glossary (plain Python in `begrippen/`).

The glossary file is the one that `pymdownx.snippets` appends to every page (mkdocs.yml, `auto_append`); this hook
reads the same file, adds the Markdown extension that explains each term once per page, and puts the list on the
page that says `<!-- begrippen: lijst -->`, with links to the book's sections that define a term.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError

from begrippen import GlossaryError, GlossaryExtension, load

MARKER = re.compile(r"^<!--\s*begrippen:\s*lijst\s*-->[ \t]*$", re.MULTILINE)
ANCHOR = re.compile(r"\{#(paragraaf-[0-9-]+)")
ABBR_TAG = re.compile(r"</?abbr\b[^>]*>")

_terms: list = []
_sections: dict[str, str] = {}
_template = None


def on_config(config, **kwargs):
    global _template
    root = Path(config.config_file_path).parent
    snippets = config.mdx_configs.get("pymdownx.snippets") or {}
    files = snippets.get("auto_append") or []
    if not files:
        raise PluginError("mkdocs.yml: pymdownx.snippets heeft geen auto_append met het bestand met begrippen")
    # Relative to mkdocs.yml, not to the folder the build was started from.
    snippets["base_path"] = [str(root)]
    try:
        _terms[:] = load(root / files[0])
    except GlossaryError as exc:
        raise PluginError(str(exc)) from None
    config.markdown_extensions.append(GlossaryExtension())
    _template = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root / "overrides"), autoescape=False, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    ).get_template("partials/begrippen.md")
    return config


def on_files(files, *, config, **kwargs):
    _sections.clear()
    for file in files.documentation_pages():
        for anchor in ANCHOR.findall(file.content_string):
            _sections[anchor] = file.src_uri
    for term in _terms:
        if term.anchor and term.anchor not in _sections:
            raise PluginError(f"begrippen: '{term.term}' noemt paragraaf {term.section}, die bestaat niet")
    return files


def on_page_markdown(markdown, *, page, config, files, **kwargs):
    here = posixpath.dirname(page.file.src_uri)

    def link(term) -> str:
        return posixpath.relpath(_sections[term.anchor], here or ".") + "#" + term.anchor

    return MARKER.sub(lambda _: _template.render(terms=_terms, link=link), markdown)


def on_env(env, *, config, files, **kwargs):
    # After the print page has taken in every page (hooks/afdrukken.py runs first): a page with `begrippen: false`
    # is paper, where an explanation cannot be opened, so its terms become plain words again.
    for file in files.documentation_pages():
        if file.page is not None and file.page.content and file.page.meta.get("begrippen", True) is False:
            file.page.content = ABBR_TAG.sub("", file.page.content)
    return env
