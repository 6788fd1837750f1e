"""The writer's (unit, block) piece counts for resume markers (engine/io_write.py
_unit_block_counts): one entry per read block, generated rows left out."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pyarrow as pa
import pytest

from engine import columns as C
from engine.io_write import _unit_block_counts


def _table(units, blocks, generated=None):
    n = len(units)
    t = C.add_engine_columns(pa.table({"id": [str(i) for i in range(n)], "text": ["t"] * n}), "f", 1)
    if generated is not None:
        t = t.set_column(t.schema.get_field_index(C.GENERATED), C.GENERATED, pa.array(generated, pa.string()))
    return t.append_column(C.UNIT, pa.array(units, pa.int32())).append_column(
        C.BLOCK, pa.array(blocks, pa.int32())
    )


@pytest.mark.parametrize("seed", range(5))
def test_counts_match_a_plain_count(seed):
    rng = np.random.default_rng(seed)
    n = 500
    units = [None if rng.random() < 0.02 else int(u) for u in rng.integers(0, 4000, n)]
    blocks = [None if rng.random() < 0.02 else int(b) for b in rng.integers(0, 70000, n)]
    expected = Counter((-1 if u is None else u, -1 if b is None else b) for u, b in zip(units, blocks))
    assert _unit_block_counts(_table(units, blocks)) == [[u, b, c] for (u, b), c in sorted(expected.items())]


def test_one_read_block_and_generated_rows():
    assert _unit_block_counts(_table([7] * 3, [2] * 3)) == [[7, 2, 3]]
    gen = _table([7, 7, 8], [2, 2, 0], generated=[None, "augment", None])
    assert _unit_block_counts(gen) == [[7, 2, 1], [8, 0, 1]]
    assert _unit_block_counts(_table([1], [1], generated=["augment"])) == []
