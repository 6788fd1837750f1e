"""c4_quality sentence counting: a chunk without a sentence-final character needs no tokens."""

from __future__ import annotations

import pytest

from operators.quality import c4
from operators.text.segment import _PUNCT_ONLY_RE, SENTENCE_FINAL, chunk_tokens

CHUNKS = [
    "word", "word,", "(word)", "--", "\u2014", "¶", "_", "__init__", "'s", "can't", "cannot", "e.g.",
    "U.S.", "Mr.", "end.", "...", "?!", "word...", "(see", "Fig.3", "3.5kg", "http://example.com/a.",
    "a" + "." * 90, "x" * 5000, "Z\u0335\u0336\u0337" * 40, "\u0301\u0302", "٣", "²", "①", "“quoted”",
    "好。", "好", "。", "end.)", ")", "word!\"", "x" * 300 + ",", "#" * 70,
]  # fmt: skip


def _token_pass(chunk: str):
    out = []
    for seen_final in (False, True):
        inc = 0
        for t in chunk_tokens(chunk):
            if t in SENTENCE_FINAL:
                seen_final = True
            elif seen_final and not _PUNCT_ONLY_RE.fullmatch(t):
                inc += 1
                seen_final = False
        out.append((inc, seen_final))
    return tuple(out)


@pytest.mark.parametrize("chunk", CHUNKS)
def test_effect_equals_the_token_pass(chunk):
    assert tuple(c4._chunk_effect(chunk)) == _token_pass(chunk)


def test_chunks_without_a_final_character_are_not_tokenized(monkeypatch):
    def boom(chunk):
        raise AssertionError(f"tokenized {chunk!r}")

    monkeypatch.setattr(c4, "chunk_tokens", boom)
    c4._SENT_MEMO.clear()
    assert c4._sentences_default(["no", "final", "character", "here,", "(none)", "--"]) == 1
    with pytest.raises(AssertionError):
        c4._chunk_effect("end.")


def test_sentence_counts_at_the_rule_threshold():
    import pyarrow as pa

    from operators.quality.c4 import C4Quality

    four = "\n".join(f"Line {i} says a thing. And then another thing." for i in range(2))  # 4 sentences
    five = four + "\nOne more line with words here."
    op = C4Quality()
    j = op.judge(pa.table({"id": ["4", "5"], "text": [four, five]}))
    assert j.scored.column("c4_sentences").to_pylist() == [4, 5]
    assert list(j.keep) == [False, True]


BATCH_TEXTS = [
    "",
    "\n",
    "  One. Two.  \n\n  Three four. ",
    "a\u2028b. c\x1cd. e\u0085f. g\u3000h. i",
    "word" + "." * 90 + " next",
    "Z\u0335\u0336 " * 50 + ". After.",
    'e.g. this. U.S. that! (quoted.) "end." next',
    "\n".join(["short line.", "", "   ", "Another line. With two."] * 3),
    "好。 English. 中文。",
]


def _reference(text: str) -> int:
    return sum(c4._sentences_default(line.split()) for line in text.split("\n"))


def test_batch_counts_equal_the_per_line_counts():
    got = c4._sentences_batch(BATCH_TEXTS).tolist()
    assert got == [_reference(t) for t in BATCH_TEXTS]
    assert got[2] == 3
    assert c4._sentences_batch([]).tolist() == []


def test_arrow_whitespace_split_is_pythons():
    """_sentences_batch splits chunks with Arrow (utf8_split_whitespace): on every code point it splits
    exactly where str.split() does (a chunk holding other Python whitespace would be split again)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cps = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    parts = pc.list_value_length(pc.utf8_split_whitespace(pa.array(["a" + chr(c) + "b" for c in cps])))
    arrow = {cps[i] for i, k in enumerate(parts.to_pylist()) if k == 2}
    assert arrow == {c for c in cps if chr(c).isspace()}


def test_split_effect_composes_the_pieces():
    assert c4._split_effect("end.\u2028Next") == _token_pass_pieces(["end.", "Next"])


def _token_pass_pieces(pieces):
    out = []
    for state in (False, True):
        inc = 0
        for p in pieces:
            step, state = _token_pass(p)[state]
            inc += step
        out.append((inc, state))
    return tuple(out)
