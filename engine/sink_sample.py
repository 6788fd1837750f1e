"""``output.removed: sample``: which removed rows a write task writes, decided before redaction.

The sample is the ``k`` removed documents per (step, reason) with the smallest
seeded provenance hash (engine/trace.py). A write task cannot know the global
k-th smallest hash while the run streams, but any upper bound of it is enough
to choose *candidates*: a row of the global sample has fewer than ``k`` smaller
hashes anywhere, so it has fewer than ``k`` smaller hashes among the rows this
worker process has seen, and is kept by the test "hash <= the k-th smallest
hash this process has seen for its key, this block included". The driver then
prunes the candidates above the global k-th smallest (engine/trace.py prune).

Each worker process keeps, per run and key, the ``k`` smallest hashes it has
seen, so after its first blocks a block yields only the few rows below that
running bound: about ``k * (1 + ln(n / k))`` candidates per key for ``n``
removals in one process (rows in random hash order), against up to ``k`` per
key in *every* block with a block-local bottom-k. The bound is kept over distinct
hashes, so a retried task, seeing its rows again, chooses the same candidates. Only candidates are redacted
and written, so the writer's PII analysis is bounded by the sample, not by the
removals. The state is a cache: a fresh process (a retried task, another
node) starts with none and chooses more candidates, never fewer than needed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
import pyarrow as pa

from engine.trace import keyed_hashes

_RUNS_KEPT = 4  # runs whose bounds a worker process keeps (a long-lived worker serves several runs)
_BOUNDS: OrderedDict[str, dict[str, np.ndarray]] = OrderedDict()  # run token -> key -> sorted hashes
_LOCK = threading.Lock()


def _run_bounds(token: str) -> dict[str, np.ndarray]:
    bounds = _BOUNDS.get(token)
    if bounds is None:
        bounds = _BOUNDS[token] = {}
        while len(_BOUNDS) > _RUNS_KEPT:
            _BOUNDS.popitem(last=False)
    else:
        _BOUNDS.move_to_end(token)
    return bounds


def candidates(trace: pa.Table, k: int, seed: int, token: str) -> tuple[np.ndarray, dict[str, list[int]]]:
    """Row mask of the block's sample candidates (hash at most the k-th smallest this
    process has seen for the row's (step, reason) in run ``token``, this block
    included) and their hashes per key, sorted (the tally's ``trace_sample``)."""
    n = trace.num_rows
    if n == 0:
        return np.zeros(0, dtype=bool), {}
    hashes, codes, names = keyed_hashes(trace, seed)
    mask = np.zeros(n, dtype=bool)
    chosen: dict[str, list[int]] = {}
    with _LOCK:
        bounds = _run_bounds(token)
        for code, key in enumerate(names):
            rows = np.flatnonzero(codes == code)
            mine = hashes[rows]
            # distinct hashes: a retried task sees its rows again, and must choose them again
            seen = np.unique(np.concatenate([bounds.get(key, np.empty(0, np.uint64)), mine]))[:k]
            bounds[key] = seen
            limit = seen[-1] if len(seen) == k else np.iinfo(np.uint64).max
            take = mine <= limit
            mask[rows[take]] = True
            if take.any():
                chosen[key] = np.sort(mine[take]).tolist()
    return mask, chosen
