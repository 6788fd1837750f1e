"""The filters' shared token vocabulary (operators/quality/common.py) after the per-batch work was
moved out of per-token Python: token properties computed in bulk when read, token runs gathered
by a compiled kernel, and C4's sentence counting reading the batch's memoized chunk tokens."""

from __future__ import annotations

import random

import numpy as np

from operators.quality import c4
from operators.quality import common as C
from operators.quality._kernels import gather_runs_kernel
from operators.text import segment

TOKENS = [
    "the",
    "The",
    "and",
    "word",
    ",",
    ".",
    "...",
    "…",
    "#",
    "$",
    "%",
    "2024",
    "x1",
    "don't",
    "n't",
    "'s",
    "U.S.",
    "e-mail",
    "中文",
    "的",
    "。",
    "！",
    "ｓ",
    "é",
    "Σ",
    "²",
    "😀",
    "😀a",
    " ",
    "\u3000",
    "\r\n",
    "\x00",
    "\x1c",
    "_",
    "a_b",
    "--",
    "->",
    "¶",
    "server¶",
]


def _by_definition(tok: str) -> tuple[int, bool, bool, int, bool]:
    return (
        len(tok),
        not C.is_symbol_token(tok),
        any(c.isalpha() for c in tok),
        C._STOP_ID.get(tok, -1),
        tok.isspace(),
    )


def test_properties_are_the_per_token_definitions_across_reads_and_growth():
    C.VOCAB.reset()
    rng = random.Random(4)
    pool = TOKENS + [
        "".join(rng.choice("ab,.;:!?(){}中文😀 \t'’-_#$%0123") for _ in range(rng.randint(1, 6)))
        for _ in range(3000)
    ]
    seen: dict[str, int] = {}
    for round_ in range(6):  # ids handed out between reads; the arrays grow past their first size
        batch = rng.sample(pool, 700)
        for t in batch:
            i = C.VOCAB.ids[t]
            assert seen.setdefault(t, i) == i
        assert sorted(seen.values()) == list(range(len(seen)))  # ids 0, 1, ... in order of arrival
        length, nonsym, alpha, stop = C.VOCAB.arrays()
        space = C.VOCAB.space_array()
        assert len(length) == len(space) == len(C.VOCAB) == len(seen)
        for t, i in seen.items():
            assert (
                int(length[i]),
                bool(nonsym[i]),
                bool(alpha[i]),
                int(stop[i]),
                bool(space[i]),
            ) == _by_definition(t), t
            assert C.VOCAB.strings[i] == t


def test_gather_runs_is_the_index_gather():
    rng = np.random.default_rng(2)
    for _ in range(200):
        src = rng.integers(0, 1000, int(rng.integers(0, 50))).astype(np.int64)
        k = int(rng.integers(0, 30))
        if len(src):
            starts = rng.integers(0, len(src), k).astype(np.int64)
            counts = np.array([int(rng.integers(0, len(src) - s + 1)) for s in starts], np.int64)
        else:
            starts = np.zeros(k, np.int64)
            counts = np.zeros(k, np.int64)
        total = int(counts.sum())
        out = np.empty(total, np.int64)
        gather_runs_kernel(src, starts, counts, out)
        idx = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts) + np.arange(total)
        assert out.tolist() == (src[idx].tolist() if total else [])


def test_c4_sentence_effects_read_the_batch_tokens():
    """A chunk the batch tokenized is not tokenized again for C4's sentence count: its tokens
    come from the vocabulary's memo, and give the same effect as the tokenizer's."""
    C.VOCAB.reset()
    chunks = ["word.", "e.g.", "Hello!", "U.S.", "x?y", "a.b.c.", "(see", "Mr.", "...", "“Yes.”"]
    C.VOCAB.chunk_ids_many(chunks)
    for ch in chunks:
        assert C.VOCAB.known_tokens(ch) == segment.chunk_tokens(ch), ch
    assert C.VOCAB.known_tokens("never-seen.") is None
    calls = []
    real = c4.chunk_tokens
    try:
        c4.chunk_tokens = lambda ch: calls.append(ch) or real(ch)
        got = {ch: c4._chunk_effect(ch) for ch in chunks + ["never-seen."]}
    finally:
        c4.chunk_tokens = real
    assert calls == ["never-seen."]  # only the chunk the batch did not tokenize
    C.VOCAB.reset()  # nothing memoized: the tokenizer's tokens, the same effects
    assert {ch: c4._chunk_effect(ch) for ch in got} == got
