"""Operators on the document shapes a scaling sweep found slow (issue #11: linear time on any input).

A sweep of every operator that is not PII over ~35 shapes (CRLF and "\\r" lines, short, blank and
long lines, URLs, e-mails, HTML, tables, code, dot, bang and CJK runs, Zalgo, ZWJ emoji, RTL marks,
controls, repeated lines and n-grams, Chinese without punctuation...) at 32 KB and 256 KB per
document, and 64 vs 512 small documents per batch, measured in thread CPU time (the sweep's table
is in the commit message that added this file). Two kinds of defect, two kinds of test:

* a cliff: a shape that costs many times what the same text costs in its ordinary form (CRLF lines
  in normalize_text: ~20x the CPU of the same text with "\\n"). Tested as the ratio of the two CPU
  times (never a wall-clock bound);
* growth: T(8n) / T(n) of a shape (``tests/pii_linear.py``'s helper: linear is 8, quadratic 64).
"""

from __future__ import annotations

import random

import pyarrow as pa
import pytest
from pii_linear import best_cpu, ratio
from torture_corpus import chinese_prose, english_prose

from engine import columns as C
from operators.text.normalize import NormalizeText
from operators.web.html_extract import HtmlExtract


def _cpu(fn, table: pa.Table, reps: int) -> float:
    """The least CPU time of this thread over ``reps`` calls, the collector paused."""
    return best_cpu(lambda: fn(table), reps)


def cliff(
    fn, shaped: pa.Table, plain: pa.Table, *, bound: float, reps: int = 3
) -> tuple[float, float, float]:
    """(T(shaped) / T(plain), T(shaped), T(plain)): one call of each, and the best of ``reps`` of
    each only when that ratio reaches half of ``bound`` (a loaded machine)."""
    fn(plain.slice(0, 1))  # lazy set-up (character classes, compiled patterns)
    t, t0 = _cpu(fn, shaped, 1), _cpu(fn, plain, 1)
    if t / t0 >= bound / 2:
        t, t0 = min(t, _cpu(fn, shaped, reps)), min(t0, _cpu(fn, plain, reps))
    return t / t0, t, t0


def _table(texts: list[str]) -> pa.Table:
    return pa.table({"id": [f"d{i}" for i in range(len(texts))], "text": pa.array(texts, pa.string())})


def _sentence_lines(text: str) -> str:
    """Prose with a line break after every sentence (hard-wrapped text: many short lines)."""
    for end in (". ", "? ", "! "):
        text = text.replace(end, end[0] + "\n")
    for end in ("。", "！", "？"):
        text = text.replace(end, end + "\n")
    return text


# with curly apostrophes, as web text has them (all-ASCII text takes ftfy's ASCII fast path)
_EN = _sentence_lines(english_prose(random.Random(3), 262_144)).replace(" it ", " it’s ")
_ZH = _sentence_lines(chinese_prose(random.Random(4), 131_072))

# (shape, the document, the same text with "\n" line breaks)
_BREAK_SHAPES = {
    "crlf_en": _EN.replace("\n", "\r\n"),
    "cr_only_en": _EN.replace("\n", "\r"),
    "crlf_zh": _ZH.replace("\n", "\r\n"),
}


@pytest.fixture(scope="module")
def normalize():
    return NormalizeText().transform


@pytest.mark.parametrize("shape", sorted(_BREAK_SHAPES))
def test_normalize_cr_line_breaks_cost_what_lf_costs(normalize, shape):
    """One 256 KB document of short CRLF (or "\\r") lines: ftfy used to run once per line
    (~25 µs each) for the "\\r" alone, 13-23x the CPU of the same text with "\\n"; now ~1.5x."""
    text = _BREAK_SHAPES[shape]
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    r, t, t0 = cliff(normalize, _table([text]), _table([plain]), bound=4.0)
    assert r < 4.0, f"{shape}: {t * 1e3:.0f} ms against {t0 * 1e3:.0f} ms for the same text with LF"


def test_normalize_many_small_crlf_documents(normalize):
    """512 documents of 2 KB of CRLF lines in one batch (every document reached ftfy per line)."""
    docs = [_EN[i * 2048 : (i + 1) * 2048] for i in range(128)] * 4
    r, t, t0 = cliff(normalize, _table([d.replace("\n", "\r\n") for d in docs]), _table(docs), bound=4.0)
    assert r < 4.0, f"{t * 1e3:.0f} ms against {t0 * 1e3:.0f} ms for the same documents with LF"


@pytest.mark.parametrize("sep", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_normalize_one_mojibake_line_costs_little(normalize, sep):
    """One mojibake line in a 256 KB document of short lines: the Python checks (ftfy's detector,
    ~30 us a line) ran on every line of the document, 6-10x the CPU of the clean document."""
    text = _EN.replace("\n", sep)
    half = len(text) // 2
    dirty = text[:half] + sep + "The caf\u00c3\u00a9 opened last week." + sep + text[half:]
    r, t, t0 = cliff(normalize, _table([dirty]), _table([text]), bound=4.0)
    assert r < 4.0, f"{t * 1e3:.0f} ms against {t0 * 1e3:.0f} ms for the document without the line"


def _rep(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


# shapes whose every line reaches ftfy (a character it changes or may change): linear, the most
# expensive per MB of the sweep's normalize_text shapes (0.25-0.8 CPU-s/MB against 0.06 for text)
_FTFY_SHAPES = {
    "html_entities_lines": lambda n: _rep('<p>Hello &amp; world&nbsp;<a href="/x">link</a></p>\n', n),
    "zalgo": lambda n: _rep(
        "Z\u0351\u036b\u0343\u036a\u0302a\u036b\u033d\u0350l\u0352\u0303g\u0310\u0308o ", n
    ),
    "emoji_zwj": lambda n: _rep(
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 \U0001f3f3\ufe0f\u200d\U0001f308\n", n
    ),
    "rtl_marks": lambda n: _rep("\u200f\u05e9\u05dc\u05d5\u05dd\u200e abc \u202b\u0645\u0631\u202c\n", n),
    "cjk_combining": lambda n: _rep("\u597d\u0301\u0302\u4e2d\u0308", n),
    "mojibake_crlf": lambda n: _rep("The caf\u00c3\u00a9 opened, it\u00e2\u20ac\u2122s popular.\r\n", n),
}


@pytest.mark.parametrize("shape", sorted(_FTFY_SHAPES))
def test_normalize_ftfy_shapes_grow_linearly(normalize, shape):
    make = _FTFY_SHAPES[shape]
    r, t, t8 = ratio(lambda s: normalize(_table([s])), make(32_768), make(262_144), pause_gc=True)
    assert r < 16, f"{shape}: T(8n)/T(n) = {r:.1f} ({t * 1e3:.0f} -> {t8 * 1e3:.0f} ms)"


def _page(body: str) -> str:
    return "<html><head><title>T</title></head><body>" + body + "</body></html>"


# dense markup: one DOM node every 15-30 bytes (0.2-1.0 CPU-s/MB in html_extract, real pages ~0.04)
_HTML_SHAPES = {
    "list_items": lambda n: _page("<ul>" + _rep("<li>item of list</li>", n) + "</ul>"),
    "table_cells": lambda n: _page("<table>" + _rep("<tr><td>1</td><td>two</td></tr>", n) + "</table>"),
    "br_lines": lambda n: _page("<p>" + _rep("line of text<br>", n) + "</p>"),
    "nested_inline": lambda n: _page("<p>" + "<b><i>" * (n // 7) + "x</p>"),
    "unclosed_blocks": lambda n: _page(_rep("<div><p>text here", n)),
    "headings": lambda n: _page(_rep("<h2>Heading</h2><p>Body text of the section.</p>", n)),
}


@pytest.fixture(scope="module")
def html_extract():
    op = HtmlExtract()
    op.ensure_setup()

    def run(html: str):
        table = pa.table({"id": ["d0"], "text": [""], "html": pa.array([html], pa.string())})
        return op.judge(C.add_engine_columns(table, "shapes.jsonl", 1))

    return run


@pytest.mark.parametrize("shape", sorted(_HTML_SHAPES))
def test_html_extract_dense_markup_grows_linearly(html_extract, shape):
    make = _HTML_SHAPES[shape]
    r, t, t8 = ratio(html_extract, make(32_768), make(262_144), pause_gc=True)
    assert r < 16, f"{shape}: T(8n)/T(n) = {r:.1f} ({t * 1e3:.0f} -> {t8 * 1e3:.0f} ms)"
