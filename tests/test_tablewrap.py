"""The book's tables in regions that the keyboard can scroll (hooks/tablewrap), without MkDocs."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from tablewrap import wrap_tables  # noqa: E402

TABLE = "<table>\n<thead><tr><th>A</th></tr></thead>\n<tbody><tr><td>1</td></tr></tbody>\n</table>"


def region(html: str) -> str:
    return html[html.index('<div class="psa-tabel"'):html.index(">", html.index('<div class="psa-tabel"')) + 1]


def test_a_table_gets_a_focusable_named_region_around_it():
    html = wrap_tables(f"<p>Tekst.</p>\n{TABLE}\n<p>Verder.</p>")
    assert html == (f'<p>Tekst.</p>\n<div class="psa-tabel" role="region" tabindex="0" aria-label="Tabel">{TABLE}'
                    "</div>\n<p>Verder.</p>")


def test_the_heading_or_bold_line_just_above_names_the_table():
    heading = ('<h2 id="typefouten">Typefouten die wij hebben verbeterd<a class="headerlink" href="#typefouten" '
               'title="Link naar dit onderdeel">#</a></h2>\n')
    assert 'aria-label="Typefouten die wij hebben verbeterd"' in region(wrap_tables(heading + TABLE))
    bold = '<p id="tabel-2"><strong>Tabel 2: Maatregelen &amp; bijlagen</strong></p>\n'
    assert 'aria-label="Tabel 2: Maatregelen &amp; bijlagen"' in region(wrap_tables(bold + TABLE))
    assert 'aria-label="Programma"' in region(wrap_tables("<p><strong>Programma:</strong></p>\n" + TABLE))


def test_only_what_is_right_above_names_the_table():
    for before in ("<h2>Kop</h2>\n<p>Een gewone alinea.</p>\n",
                   "<p><strong>Let op</strong>: dit is geen titel.</p>\n",
                   '<h3 id="a">A</h3><p>tekst</p><h3 id="b">B</h3>\n<ul><li>x</li></ul>\n'):
        assert 'aria-label="Tabel"' in region(wrap_tables(before + TABLE)), before


def test_tables_with_attributes_and_every_other_byte_stay_as_they_are():
    tool = '<table class="team__verdeling"><tr><td>1</td></tr></table><table data-record-table hidden></table>'
    assert wrap_tables(tool) == tool
    html = wrap_tables(f"<h2>Een</h2>{TABLE}<p>x</p>{TABLE}")
    assert html.count('role="region"') == 2
    assert html.replace('<div class="psa-tabel" role="region" tabindex="0" aria-label="Een">', "").replace(
        '<div class="psa-tabel" role="region" tabindex="0" aria-label="Tabel">', "").replace(
        f"{TABLE}</div>", TABLE) == f"<h2>Een</h2>{TABLE}<p>x</p>{TABLE}"
