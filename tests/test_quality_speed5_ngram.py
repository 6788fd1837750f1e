"""The n-gram kernel of gopher_repetition (operators/quality/_kernels.py) hashes only the windows
that can repeat (their (n-1)-gram prefix and suffix repeat): its fractions must be those of the
plain definition (datatrove's find_top_duplicate / find_all_duplicate) on every document,
whatever the n asked, including documents where most windows repeat."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from operators.quality._kernels import ngram_fractions_kernel
from operators.quality.gopher import _splitmix64


def _reference(tokens: list[int], lens: list[int], sep: int, n_chars: int, n: int) -> tuple[float, float]:
    """(top, duplicated) character fractions of the n-grams of one document, by definition
    (datatrove's ``find_top_duplicate`` over space-joined n-grams, ``find_all_duplicate`` over
    n-grams joined without a separator)."""
    m = len(tokens)
    if n > m or m == 0:
        return 0.0, 0.0
    grams = [tuple(tokens[i : i + n]) for i in range(m - n + 1)]
    # the top n-gram's words joined by a space (sep) each, a duplicated one's joined by nothing
    chars = [sum(lens[i : i + n]) + (n - 1) * sep for i in range(m - n + 1)]
    joined = [sum(lens[i : i + n]) for i in range(m - n + 1)]
    counts = Counter(grams)
    best = max(counts.values())
    first = min(i for i, g in enumerate(grams) if counts[g] == best)
    top = best * chars[first] / max(n_chars, 1)
    seen: set[tuple[int, ...]] = set()
    acc = 0
    i = 0
    while i < len(grams):
        if grams[i] in seen:
            acc += joined[i]
            i += n
        else:
            seen.add(grams[i])
            i += 1
    return top, acc / max(n_chars, 1)


def _docs(rng: np.random.Generator, vocab: int):
    n_docs = int(rng.integers(1, 12))
    docs = []
    for _ in range(n_docs):
        m = int(rng.integers(0, 300))
        toks = rng.integers(0, vocab, m)
        if m > 40:  # planted repeats: copied spans, overlapping or not
            for _ in range(4):
                a, b, k = int(rng.integers(0, m - 20)), int(rng.integers(0, m - 20)), int(rng.integers(1, 20))
                toks[b : b + k] = toks[a : a + k].copy()
        docs.append(toks)
    return docs


@pytest.mark.parametrize("vocab", [1, 2, 3, 7, 50, 5000])
@pytest.mark.parametrize(
    "top_ns,dup_ns",
    [([2, 3, 4], [5, 6, 7, 8, 9, 10]), ([1, 3], [2, 7]), ([4, 2], []), ([], [1, 3, 4]), ([3], [3])],
)
def test_fractions_are_the_definitions(vocab, top_ns, dup_ns):
    rng = np.random.default_rng(vocab * 31 + len(top_ns) * 7 + len(dup_ns))
    for _ in range(8):
        docs = _docs(rng, vocab)
        ids = np.concatenate(docs) if docs else np.zeros(0, np.int64)
        offsets = np.zeros(len(docs) + 1, np.int64)
        np.cumsum([len(d) for d in docs], out=offsets[1:])
        lens = rng.integers(1, 9, len(ids)).astype(np.int64)
        sep = rng.integers(0, 2, len(docs)).astype(np.int64)
        n_chars = np.array([lens[offsets[d] : offsets[d + 1]].sum() + 5 for d in range(len(docs))], np.int64)
        r = _splitmix64(np.arange(vocab, dtype=np.uint64))[ids.astype(np.int64)]
        tops = np.asarray(top_ns, np.int64)
        dups = np.asarray(dup_ns, np.int64)
        top_out = np.zeros((len(tops), len(docs)))
        dup_out = np.zeros((len(dups), len(docs)))
        ngram_fractions_kernel(
            r, lens, offsets, sep, n_chars, tops, dups, max(top_ns + dup_ns), top_out, dup_out
        )
        for d, toks in enumerate(docs):
            tl = toks.tolist()
            dl = lens[offsets[d] : offsets[d + 1]].tolist()
            for j, n in enumerate(top_ns):
                assert top_out[j, d] == pytest.approx(
                    _reference(tl, dl, int(sep[d]), int(n_chars[d]), n)[0], abs=0
                )
            for j, n in enumerate(dup_ns):
                assert dup_out[j, d] == pytest.approx(
                    _reference(tl, dl, int(sep[d]), int(n_chars[d]), n)[1], abs=0
                )


def test_no_repeat_and_all_repeat_documents():
    """Nothing repeats: the top n-gram is the first window, nothing is duplicated; one token
    repeated: every window repeats at every n."""
    for toks in (list(range(40)), [7] * 40):
        ids = np.asarray(toks, np.int64)
        lens = np.full(len(ids), 3, np.int64)
        offsets = np.array([0, len(ids)], np.int64)
        r = _splitmix64(np.arange(100, dtype=np.uint64))[ids]
        top_out = np.zeros((3, 1))
        dup_out = np.zeros((6, 1))
        n_chars = np.array([160], np.int64)
        ngram_fractions_kernel(
            r, lens, offsets, np.ones(1, np.int64), n_chars, np.array([2, 3, 4]), np.arange(5, 11), 10,
            top_out, dup_out,
        )  # fmt: skip
        for j, n in enumerate((2, 3, 4)):
            assert top_out[j, 0] == _reference(toks, lens.tolist(), 1, 160, n)[0]
        for j, n in enumerate(range(5, 11)):
            assert dup_out[j, 0] == _reference(toks, lens.tolist(), 1, 160, n)[1]
        if toks[0] != toks[1]:
            assert not dup_out.any() and top_out[0, 0] == (3 + 3 + 1) / 160
