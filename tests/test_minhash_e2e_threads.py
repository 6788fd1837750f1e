"""The single task's second thread (operators/dedup/_minhash_local.run_phases): the pieces it
splits give what one thread gives. Members' shingle hashes and sorted shingle sets in two halves,
the keeper check on them, and the LSH partitions on a pool: the same arrays, verdicts and edges."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pytest

from operators.dedup import minhash_kernel as mk
from operators.dedup._verify_keeper import peel_all

WORDS = ["alpha", "beta", "gamma", "delta", "中", "文", "ünï", "x1", "42", "zeta"]


def _texts(n: int, seed: int) -> pa.Array:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        k = int(rng.integers(0, 60))
        out.append(None if i % 17 == 5 else " ".join(rng.choice(WORDS, k)))
    return pa.array(out, pa.string())


@pytest.fixture(scope="module")
def pool():
    with ThreadPoolExecutor(max_workers=2) as p:
        yield p


@pytest.mark.parametrize("n", [0, 1, 2, 7, 200])
def test_shingles_in_halves_equal_one_pass(pool, n):
    texts = _texts(n, n)
    modes = np.array([i % 3 - 1 for i in range(n)], np.int8)  # words, chars and decide-by-script
    one = mk.shingle_hashes(texts, modes, 3)
    two = mk.shingle_hashes_split(pa.chunked_array([texts[: n // 3], texts[n // 3 :]]), modes, 3, pool)
    for a, b in zip(one, two):
        assert a.dtype == b.dtype and np.array_equal(a, b)


@pytest.mark.parametrize("n", [0, 1, 2, 9, 300])
def test_unique_sets_in_halves_equal_numpy(pool, n):
    rng = np.random.default_rng(n)
    sizes = rng.integers(0, 40, n)
    off = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    xs = rng.integers(0, 50, int(off[-1])).astype(np.uint32)  # many repeats within a row
    for p in (None, pool):
        us, uoff = mk.unique_sets(xs, off, p)
        assert len(uoff) == n + 1 and uoff[-1] == len(us)
        for i in range(n):
            assert np.array_equal(us[uoff[i] : uoff[i + 1]], np.unique(xs[off[i] : off[i + 1]]))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_peel_with_a_pool_decides_the_same(pool, seed):
    rng = np.random.default_rng(seed)
    base = [rng.integers(0, 1000, int(rng.integers(5, 60))).astype(np.uint32) for _ in range(40)]
    sets, cluster = [], []
    for c, b in enumerate(base):
        for _ in range(int(rng.integers(1, 6))):
            keep = rng.random(len(b)) < 0.85
            sets.append(np.concatenate([b[keep], rng.integers(0, 1000, 3).astype(np.uint32)]))
            cluster.append(c)
    off = np.concatenate([[0], np.cumsum([len(s) for s in sets])]).astype(np.int64)
    xs = np.concatenate(sets)
    one = peel_all(xs, off, np.array(cluster), 0.7, 8)
    two = peel_all(xs, off, np.array(cluster), 0.7, 8, pool)
    assert np.array_equal(one[0], two[0]) and np.array_equal(one[1], two[1])
