"""Whitespace chunks of a batch by one kernel pass (#13, quality_tok12): the quality filters'
tokenizer splits each space-delimited row at whitespace; ``common._whitespace_chunks`` must give
the chunks of Arrow's ``utf8_split_whitespace`` (without its empty strings, which hold no tokens)."""

import random

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from operators.quality import common
from operators.quality._kernels import SPACE_TABLE


def _reference(texts) -> list[list[str]]:
    rows = pc.utf8_split_whitespace(pa.array(texts, pa.string())).to_pylist()
    return [[c for c in row if c] if row is not None else [] for row in rows]


def _chunks(column: pa.Array) -> list[list[str]]:
    counts, flat = common._whitespace_chunks(column)
    flat = flat.to_pylist()
    assert int(counts.sum()) == len(flat)
    out, k = [], 0
    for n in counts.tolist():
        out.append(flat[k : k + n])
        k += n
    return out


def test_space_table_is_arrows_whitespace():
    """Every code point Arrow splits at is in SPACE_TABLE (str.isspace), and no other."""
    cps = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    parts = pc.list_value_length(pc.utf8_split_whitespace(pa.array(["a" + chr(c) + "b" for c in cps])))
    arrow = {cps[i] for i in np.flatnonzero(parts.to_numpy() == 2).tolist()}
    table = set(np.flatnonzero(SPACE_TABLE).tolist())
    assert arrow == table
    assert arrow == {c for c in range(0x110000) if chr(c).isspace()}


def test_chunks_equal_arrows_split():
    rng = random.Random(12)
    spaces = [chr(c) for c in np.flatnonzero(SPACE_TABLE).tolist()]
    pool = spaces * 2 + list("ab.,'\"-é中😀\u200b\ufeff\u0301\x00") + ["\U0010ffff", "\U0001f600"]
    texts = ["", " ", "  ", "   ", None, "a", " a ", "\u3000x\u2028y\x1cz\x85", "x" * 1000]
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 14))) for _ in range(20_000)]
    assert _chunks(pa.array(texts, pa.large_string())) == _reference(texts)
    assert _chunks(pa.array(texts, pa.string())) == _reference(texts)
    sliced = pa.array(texts, pa.large_string()).slice(7, 5000)
    assert _chunks(sliced) == _reference(texts[7:5007])


def test_torture_shapes():
    texts = [
        "x" * 500_000,
        "a\n" * 50_000,
        "!" * 500_000,
        "word" + "." * 100,
        "".join("e" + "\u0301" * 8 + " " for _ in range(20_000)),
        " \u3000 " * 50_000,
    ]
    assert _chunks(pa.array(texts, pa.large_string())) == _reference(texts)


def test_tokenize_batch_uses_the_chunks():
    """A batch's token ids and offsets: every row's tokens are its chunks' tokens, in order."""
    from operators.text.segment import words_default

    texts = ["Hello, world!  (a test)", "", "  lead and trail  ", "x.y z\u3000w\u2028v", "don't U.S. stop."]
    common.VOCAB.reset()
    tb = common.tokenize_batch(texts, ["default"] * len(texts), share=False)
    strings = common.VOCAB.strings
    common.VOCAB.arrays()
    rows = [[strings[i] for i in tb.ids[a:b]] for a, b in zip(tb.offsets[:-1], tb.offsets[1:])]
    assert rows == [words_default(t) for t in texts]
