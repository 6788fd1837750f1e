"""The vectorised keeper check (``peel_all``: every cluster at once) decides exactly as
the per-cluster reference scan (``peel``), including round limits and empty sets."""

from __future__ import annotations

import numpy as np
import pytest

from operators.dedup._verify_keeper import peel, peel_all


def _clusters(rng, n_clusters):
    """Random clusters of shingle lists: members derived from a few bases (near copies,
    chains, strangers, repeated hashes, the odd empty set)."""
    sets, cluster = [], []
    for c in range(n_clusters):
        bases = [rng.integers(0, 2**32, rng.integers(0, 60), dtype=np.uint32) for _ in range(3)]
        for _ in range(int(rng.integers(1, 9))):
            b = bases[int(rng.integers(0, 3))]
            keep = b[rng.random(len(b)) > rng.random() * 0.4]
            extra = rng.integers(0, 2**32, rng.integers(0, 6), dtype=np.uint32)
            member = np.concatenate([keep, extra, keep[:3]])  # repeats: sets, not bags
            sets.append(rng.permutation(member).astype(np.uint32))
            cluster.append(c)
    return sets, np.asarray(cluster, np.int64)


@pytest.mark.parametrize("seed,threshold,rounds", [(0, 0.8, 8), (1, 0.5, 8), (2, 0.7, 1), (3, 0.6, 2)])
def test_peel_all_equals_reference(seed, threshold, rounds):
    rng = np.random.default_rng(seed)
    sets, cluster = _clusters(rng, 300)
    off = np.concatenate([[0], np.cumsum([len(s) for s in sets])]).astype(np.int64)
    xs = np.concatenate(sets) if sets else np.zeros(0, np.uint32)
    keeper, status = peel_all(xs, off, cluster, threshold, rounds)
    starts = np.flatnonzero(np.concatenate([[True], cluster[1:] != cluster[:-1]]))
    ends = np.concatenate([starts[1:], [len(cluster)]])
    for a, b in zip(starts, ends):
        ref_k, ref_s = peel([np.unique(s) for s in sets[a:b]], threshold, rounds)
        assert (status[a:b] == ref_s).all()
        assert (keeper[a:b] == np.where(ref_k >= 0, ref_k + a, -1)).all()
    assert len(set(status.tolist())) >= 3  # the corpus exercises several outcomes


def test_peel_all_empty():
    k, s = peel_all(np.zeros(0, np.uint32), np.zeros(1, np.int64), np.zeros(0, np.int64), 0.8, 8)
    assert len(k) == 0 and len(s) == 0
