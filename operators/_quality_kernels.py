"""Compiled (numba) kernels for the Gopher repetition n-gram statistics.

Why: the n-gram fractions were computed with one ``argsort`` of 64-bit keys
over all tokens of a batch per n (nine sorts at the defaults, O(T log T)
each) plus a Python scan for documents with overlapping repeats; that was
half of the quality chain's CPU time on ``en_docs``. Here each document is
scanned once per n with an open-addressing hash table sized to the
document: expected linear time in its token count, no sort, no Python loop.

Semantics are datatrove's ``find_top_duplicate`` / ``find_all_duplicate``
(``datatrove/pipeline/filters/gopher_repetition_filter.py``), as the
previous numpy implementation reproduced them: an n-gram is compared by a
64-bit polynomial hash of its tokens' random 64-bit values; the top n-gram
is the most frequent one, ties going to the earliest first occurrence
(``Counter.most_common``); duplicated n-grams are found by a left-to-right
scan that, on an n-gram seen before, counts its characters and jumps past
it. An n-gram's characters are its tokens' characters plus ``sep`` per gap
(one space between words in space-delimited languages, none in CJK).
"""

from __future__ import annotations

import numba
import numpy as np

_P = np.uint64(0x100000001B3)


@numba.njit(cache=True, nogil=True)
def _table_size(n: int) -> int:
    size = 16
    while size < 2 * n:
        size *= 2
    return size


@numba.njit(cache=True, nogil=True)
def ngram_fractions_kernel(r, lens, offsets, sep, n_chars, top_ns, dup_ns, max_n, top_out, dup_out):
    """Fill ``top_out[j, d]`` / ``dup_out[j, d]`` for n = ``top_ns[j]`` / ``dup_ns[j]`` and document ``d``.

    ``r``: uint64 random value per token; ``lens``: characters per token;
    ``offsets``: n_docs + 1 token offsets. Work per document is
    O(max_n * tokens) plus the hash-table size (2-4x its tokens)."""
    n_docs = offsets.shape[0] - 1
    max_tok = 0
    for d in range(n_docs):
        m = offsets[d + 1] - offsets[d]
        if m > max_tok:
            max_tok = m
    size_max = _table_size(max_tok)
    keys = np.zeros(size_max, np.uint64)
    stamp = np.zeros(size_max, np.int64)  # slot used in the current epoch
    count = np.zeros(size_max, np.int64)
    first = np.zeros(size_max, np.int64)
    h = np.zeros(max_tok, np.uint64)
    cum = np.zeros(max_tok + 1, np.int64)
    epoch = 0
    for d in range(n_docs):
        a = offsets[d]
        m = offsets[d + 1] - a
        if m == 0:
            continue
        denom = float(max(n_chars[d], 1))
        size = _table_size(m)
        mask = size - 1
        for i in range(m):
            h[i] = r[a + i]
            cum[i + 1] = cum[i] + lens[a + i]
        for k in range(1, max_n + 1):
            if k > m:
                break
            if k > 1:
                for i in range(m - k + 1):
                    h[i] = h[i] * _P + r[a + i + k - 1]
            nwin = m - k + 1
            gap = (k - 1) * sep[d]
            # top n-gram: counts per distinct n-gram, earliest first occurrence on ties
            for j in range(top_ns.shape[0]):
                if top_ns[j] != k:
                    continue
                epoch += 1
                best_c = 0
                best_first = 0
                for i in range(nwin):
                    key = h[i]
                    s = np.int64(key & np.uint64(mask))
                    while stamp[s] == epoch and keys[s] != key:
                        s = (s + 1) & mask
                    if stamp[s] != epoch:
                        stamp[s] = epoch
                        keys[s] = key
                        count[s] = 0
                        first[s] = i
                    count[s] += 1
                    c = count[s]
                    f = first[s]
                    if c > best_c or (c == best_c and f < best_first):
                        best_c = c
                        best_first = f
                chars = cum[best_first + k] - cum[best_first] + gap
                top_out[j, d] = best_c * chars / denom
            # duplicated n-grams: left-to-right scan, jump past a repeat
            for j in range(dup_ns.shape[0]):
                if dup_ns[j] != k:
                    continue
                epoch += 1
                acc = 0
                i = 0
                while i < nwin:
                    key = h[i]
                    s = np.int64(key & np.uint64(mask))
                    while stamp[s] == epoch and keys[s] != key:
                        s = (s + 1) & mask
                    if stamp[s] == epoch:
                        acc += cum[i + k] - cum[i]
                        i += k
                    else:
                        stamp[s] = epoch
                        keys[s] = key
                        i += 1
                dup_out[j, d] = acc / denom
    return top_out, dup_out
