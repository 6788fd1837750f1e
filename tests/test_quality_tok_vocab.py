"""The quality filters' chunk memo as flat arrays (``_Vocab.spans``): the token ids of every chunk are
the ids of ``chunk_tokens`` of it, given in the order the per-chunk loop gave them, across calls,
for chunks longer than the memo's limit (not kept past the next call) and for repeated chunks."""

from __future__ import annotations

import random

import numpy as np
import pytest

from operators.quality import common as C
from operators.text import segment


def _chunks(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    pieces = [
        "word", "Word", "42", "3.14", "can't", "U.S.", "Mr.", "e.g.", "(a)", "x,", "end.", "http://x.org/a",
        "a@b.cd", "--", "...", "中文", "😀", "é", "cannot", "gonna", "1,000", "x" * 300, "," * 70, "'", "",
    ]  # fmt: skip
    out = []
    for _ in range(n):
        c = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))
        out.append(c if c else "a")
    return out


def _strings(ids) -> tuple[str, ...]:
    C.VOCAB._arrays()
    return tuple(C.VOCAB.strings[i] for i in ids)


@pytest.fixture(autouse=True)
def _fresh_vocab():
    C.VOCAB.reset()
    yield
    C.VOCAB.reset()


def test_spans_are_the_chunk_tokens_across_calls():
    chunks = _chunks(1, 3000)
    for part in (chunks[:1000], chunks[500:2000], chunks[:], chunks[::-1]):
        flat, starts, lens = C.VOCAB.spans(part)
        for c, a, k in zip(part, starts.tolist(), lens.tolist()):
            assert _strings(flat[a : a + k].tolist()) == segment.chunk_tokens(c), c


def test_ids_are_given_in_chunk_order():
    chunks = ["b,", "a", "c.d", "a", "x" * 400, "e"]
    C.VOCAB.spans(chunks)
    want: dict[str, int] = {}
    for c in chunks:
        for t in segment.chunk_tokens(c):
            want.setdefault(t, len(want))
    assert dict(C.VOCAB.ids) == want


def test_long_chunks_are_not_kept():
    long = "y" * (C.MEMO_MAX_CHARS + 1) + ")"
    flat, starts, lens = C.VOCAB.spans(["a", long, "b"])
    assert _strings(flat[starts[1] : starts[1] + lens[1]].tolist()) == segment.chunk_tokens(long)
    assert long not in C.VOCAB.chunk_index and C.VOCAB.known_tokens(long) is None
    kept = C.VOCAB._flat_kept
    C.VOCAB.spans(["c"])  # the long chunk's ids are dropped, the kept ones stay
    assert C.VOCAB._flat_kept == kept + 1
    flat, starts, lens = C.VOCAB.spans(["b", "a", long])
    assert [_strings(flat[a : a + k].tolist()) for a, k in zip(starts.tolist(), lens.tolist())] == [
        ("b",),
        ("a",),
        segment.chunk_tokens(long),
    ]


def test_chunk_ids_many_and_known_tokens():
    chunks = _chunks(2, 500) + ["a", "a"]
    ids = C.VOCAB.chunk_ids_many(chunks)
    assert [_strings(x) for x in ids] == [segment.chunk_tokens(c) for c in chunks]
    for c in chunks:
        want = segment.chunk_tokens(c) if len(c) <= C.MEMO_MAX_CHARS else None
        assert C.VOCAB.known_tokens(c) == want
    assert C.VOCAB.known_tokens("never seen") is None


def test_tokenize_batch_rows_equal_words_default():
    texts = [" ".join(_chunks(s, 40)) + "\u3000tail\xa0end " for s in range(30)] + ["", "   ", "\n\nx"]
    tb = C.tokenize_batch(texts, ["default"] * len(texts), share=False)
    C.VOCAB._arrays()
    for i, t in enumerate(texts):
        got = [C.VOCAB.strings[j] for j in tb.ids[tb.offsets[i] : tb.offsets[i + 1]].tolist()]
        assert got == segment.words_default(t)
    assert np.array_equal(
        tb.length, np.fromiter(map(len, map(C.VOCAB.strings.__getitem__, tb.ids)), np.int64)
    )
