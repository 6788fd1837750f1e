"""normalize_text on "\\r\\n" and "\\r" line breaks: exactly ftfy.fix_text, without one ftfy call per line.

A line ending in "\\r\\n" holds a character ftfy changes ("\\r", by ``fix_line_breaks``), so every
line of a CRLF document used to go through ftfy (~25 µs a line: 100,000 short lines ~2.5 CPU-s,
against 0.01 for the same text with "\\n"). A segment whose only change is its line breaks now gets
the rewrite directly (whole documents at once where they fit in one of ftfy's segments); these tests
hold the result to ``ftfy.fix_text`` on mojibake and clean lines with every kind of break.
"""

from __future__ import annotations

import random

import ftfy
import pyarrow as pa
import pytest
from test_normalize import CLEAN, MOJIBAKE

from operators.text import normalize
from operators.text.normalize import NormalizeText


def _op(**kw) -> NormalizeText:
    return NormalizeText(
        remove_control_chars=False, strip_trailing_spaces=False, max_blank_lines=None, strip=False, **kw
    )


def _fixed(op: NormalizeText, texts: list[str]) -> list[str]:
    return op._apply_ftfy(pa.array(texts, pa.string())).to_pylist()


def _documents(rng: random.Random, lines: list[str], breaks: list[str], n: int) -> list[str]:
    return [
        "".join(rng.choice(lines) + rng.choice(breaks) for _ in range(rng.randint(1, 12))) for _ in range(n)
    ]


@pytest.mark.parametrize("fix_width,uncurl", [(False, False), (True, True)])
@pytest.mark.parametrize("breaks", [["\r\n"], ["\r"], ["\r\n", "\r", "\n", ""]], ids=["crlf", "cr", "mixed"])
def test_documents_with_cr_breaks_identical_to_fix_text(fix_width, uncurl, breaks):
    """Mojibake, HTML, control and clean lines (Chinese too) ending in each break, alone and mixed."""
    op = _op(fix_character_width=fix_width, uncurl_quotes=uncurl)
    rng = random.Random(7)
    docs = _documents(rng, MOJIBAKE + CLEAN, breaks, 400)
    docs += _documents(rng, CLEAN, breaks, 200)  # the documents that take the shortcut whole
    docs += [m + "\r\n" for m in MOJIBAKE] + ["\r\n".join(CLEAN) + "\r\n" + m for m in MOJIBAKE]
    assert _fixed(op, docs) == [ftfy.fix_text(t, config=op._ftfy_config) for t in docs]


def test_random_strings_with_cr_identical_to_fix_text():
    """Short random strings where "\\r" and "\\r\\n" are common, beside every other trigger."""
    op = _op()
    alphabet = list("ab .,<&;\n") + ["\r", "\r\n", "\r\n", "中", "。", "Ã©", "â€”", "&amp;", "\x85", "\u2028"]
    alphabet += ["\u0301", "\x1b", "\xa0", "é", "Ã", "\x9d"]
    rng = random.Random(11)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(4000)]
    assert _fixed(op, texts) == [ftfy.fix_text(t, config=op._ftfy_config) for t in texts]


def test_segment_cut_between_cr_and_lf():
    """A document longer than ftfy's ``max_decode_length`` is cut into segments that may end in
    "\\r" with the next starting "\\n" (two line breaks in ftfy's result): such documents go
    through the segment loop, which matches ftfy segment by segment."""
    op = _op()
    op._ftfy_config = op._ftfy_config._replace(max_decode_length=7)
    docs = ["abcdef\r\nghijkl\r\n", "abcdefghijkl\r\nx", "ab\r\ncdefg\r\n\r\nh\rij", "CafÃ© \r\nok\r\n"]
    docs += ["x" * k + "\r\n" + "y" * j for k in range(1, 16) for j in range(0, 9, 4)]
    assert _fixed(op, docs) == [ftfy.fix_text(t, config=op._ftfy_config) for t in docs]


def test_clean_crlf_documents_call_ftfy_never(monkeypatch):
    """Clean CRLF and CR documents (English and Chinese) get their line breaks without ftfy; a
    mojibake line among them is the only segment that reaches ftfy."""
    op = _op()
    clean = ["\r\n".join(CLEAN * 50), "\r".join(CLEAN * 50), "\r\n".join(CLEAN[:3] * 50) + "\r"]
    want = [ftfy.fix_text(t, config=op._ftfy_config) for t in clean]
    short = op._ftfy_config._replace(max_decode_length=40)
    mixed = "\r\n".join(CLEAN * 20 + [MOJIBAKE[0]] + CLEAN * 20)
    want_mixed = ftfy.fix_text(mixed, config=short)
    calls = []
    real = normalize.ftfy.fix_and_explain
    monkeypatch.setattr(normalize.ftfy, "fix_and_explain", lambda t, **kw: calls.append(t) or real(t, **kw))
    assert _fixed(op, clean) == want
    assert calls == []
    # a document too long for the whole-document shortcut: the segment loop's shortcut
    op._ftfy_config = short
    assert _fixed(op, [mixed]) == [want_mixed]
    assert calls and all("Ã" in c for c in calls)


@pytest.mark.parametrize("breaks", [["\n"], ["\r\n"], ["\r\n", "\r", "\n"]], ids=["lf", "crlf", "mixed"])
def test_long_documents_segment_checks_identical_to_fix_text(breaks):
    """Documents of 8 to 80 segments (RE2 picks the segments the Python checks see, and those whose
    only change is their line breaks): one or a few trigger lines (mojibake, entities after a '<'
    line, ligatures, escapes) among clean ones."""
    op = _op()
    rng = random.Random(13)
    docs = []
    for _ in range(300):
        lines = [rng.choice(CLEAN) for _ in range(rng.randint(8, 80))]
        for _ in range(rng.randint(0, 3)):
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(MOJIBAKE))
        docs.append("".join(line + rng.choice(breaks) for line in lines))
    assert _fixed(op, docs) == [ftfy.fix_text(t, config=op._ftfy_config) for t in docs]
