"""``columns.filter_rows`` is ``Table.filter`` without copying the record batches the mask keeps
whole (e2e18): the same rows in the same chunks, so Parquet written from it is byte-identical.
The step wrapper's live/dead split, the writer's kept/removed/quarantined rows and the block
profile use it; the removed bytes per step (writer tally and profile) no longer filter the text."""

from __future__ import annotations

import io

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine import columns as C
from engine import io_write
from engine import profiling as P


def _layout(t: pa.Table) -> list[list[int]]:
    return [[len(c) for c in t.column(i).chunks] for i in range(t.num_columns)]


def _chunked(values: pa.Array, cuts: list[int]) -> pa.ChunkedArray:
    bounds = [0, *cuts, len(values)]
    return pa.chunked_array([values[a:b] for a, b in zip(bounds, bounds[1:])], type=values.type)


def _table(rng: np.random.Generator, n: int) -> pa.Table:
    """Columns chunked differently (one with empty chunks, one whole), as concatenation leaves them."""
    cuts = sorted(int(x) for x in rng.integers(0, n + 1, size=int(rng.integers(0, 5))))
    other = sorted(int(x) for x in rng.integers(0, n + 1, size=int(rng.integers(0, 3))))
    text = pa.array(["文本 " * int(k) + str(i) for i, k in enumerate(rng.integers(0, 6, n))])
    return pa.table(
        {
            "text": _chunked(text, cuts),
            "n": pa.chunked_array([pa.array(rng.integers(0, 9, n))]),
            "x": _chunked(pa.array(rng.random(n)), other),
            C.REMOVED_BY: _chunked(
                pa.array([None if k else "s" for k in rng.random(n) < 0.5], pa.string()), cuts
            ),
        }
    )


def _mask(rng: np.random.Generator, n: int, kind: int) -> np.ndarray:
    if kind == 0:
        return rng.random(n) < 0.5
    if kind == 1:
        return np.ones(n, bool)
    if kind == 2:
        return np.zeros(n, bool)
    m = np.ones(n, bool)  # a kept prefix (or its complement): whole batches on one side
    k = int(rng.integers(0, n + 1))
    m[k:] = False
    if rng.random() < 0.5:
        m = ~m
    return m


def test_same_rows_and_chunks_as_table_filter():
    rng = np.random.default_rng(18)
    for trial in range(600):
        n = int(rng.integers(0, 50))
        t = _table(rng, n)
        m = _mask(rng, n, trial % 4)
        want = t.filter(pa.array(m, pa.bool_()))
        for mask in (m, pa.array(m), pa.chunked_array([pa.array(m)])):
            got = C.filter_rows(t, mask)
            assert got.equals(want) and _layout(got) == _layout(want), (n, m, _layout(t))
            assert got.schema == t.schema


def test_whole_batches_are_reused_and_parquet_is_identical():
    rng = np.random.default_rng(5)
    live = pa.table({"text": ["a", "b", "c"], "k": [1, 2, 3]})
    dead = pa.table({"text": ["x" * 50] * 4, "k": [4, 5, 6, 7]})
    t = pa.concat_tables([live, dead])
    got = C.filter_rows(t, np.array([True, False, True, False, False, False, False]))
    assert got.to_pydict() == {"text": ["a", "c"], "k": [1, 3]}
    dead_rows = C.filter_rows(t, np.array([False, True, False, True, True, True, True]))
    # the dead batch is the same buffers, not a copy
    assert (
        dead_rows.column("text").chunks[-1].buffers()[2].address
        == dead.column("text").chunks[0].buffers()[2].address
    )
    for _ in range(50):
        tt = _table(rng, 200)
        m = _mask(rng, 200, 3)
        a, b = io.BytesIO(), io.BytesIO()
        pq.write_table(tt.filter(pa.array(m)), a, compression="zstd")
        pq.write_table(C.filter_rows(tt, m), b, compression="zstd")
        assert a.getvalue() == b.getvalue()


def test_split_live_as_before():
    rng = np.random.default_rng(7)
    for _ in range(300):
        t = _table(rng, int(rng.integers(1, 40)))
        live, dead = C.split_live(t)
        mask = C.live_mask(t)
        if dead is None:
            assert t.column(C.REMOVED_BY).null_count == t.num_rows
            continue
        for got, want in ((live, t.filter(mask)), (dead, t.filter(pa.compute.invert(mask)))):
            assert got.equals(want) and _layout(got) == _layout(want)


def _removed_block() -> pa.Table:
    steps = ["c4_quality", "gopher_quality", None, "c4_quality", "fineweb_quality", None, "gopher_quality"]
    n = len(steps)
    return pa.table(
        {
            "id": [str(i) for i in range(n)],
            "text": ["abc", "中文", "kept", None, "x" * 10, "kept too", "été"],
            C.REMOVED_BY: pa.array(steps, pa.string()),
            C.REASON: pa.array(
                [None if s is None else ("r1" if i % 2 else None) for i, s in enumerate(steps)]
            ),
            C.QUARANTINED: pa.array([None if s is None else False for s in steps], pa.bool_()),
            C.GENERATED: pa.array([None] * n, pa.string()),
        }
    )


def test_bytes_by_step_sorted_sums():
    r = _removed_block().filter(pa.compute.is_valid(_removed_block().column(C.REMOVED_BY)))
    got = io_write._bytes_by_step(r)
    assert got == {"c4_quality": 3, "fineweb_quality": 10, "gopher_quality": 6 + 5}
    assert list(got) == sorted(got)


@pytest.mark.parametrize("quarantine_last", [False, True])
def test_profile_removed_bytes_by_step_and_reason(quarantine_last):
    t = _removed_block()
    if quarantine_last:  # a quarantined row stays out of removed_bytes
        q = t.column(C.QUARANTINED).to_pylist()
        q[-1] = True
        t = t.set_column(t.schema.get_field_index(C.QUARANTINED), C.QUARANTINED, pa.array(q, pa.bool_()))
    prof = P.profile_block(t)
    want = {
        "c4_quality": {"unknown": 3, "r1": 0},
        "gopher_quality": {"r1": 6},
        "fineweb_quality": {"unknown": 10},
    }
    if not quarantine_last:
        want["gopher_quality"]["unknown"] = 5
    assert prof["removed_bytes"] == want


def test_group_sums_one_block_fast_path_matches_group_by():
    """``with_step_tally``'s counts per (unit, block): a batch of one block is counted without a
    group-by; several blocks, or rows without unit/block, still group."""
    from engine import accounting as A

    rng = np.random.default_rng(3)
    for _ in range(200):
        n = int(rng.integers(1, 30))
        units = rng.integers(0, 2, n) if rng.random() < 0.5 else np.full(n, 4)
        blocks = np.full(n, 2) if rng.random() < 0.7 else rng.integers(0, 3, n)
        cols = {
            "x": pa.array(np.arange(n)),
            C.UNIT: pa.array(units, pa.int32()),
            C.BLOCK: pa.array(blocks, pa.int32()),
        }
        if rng.random() < 0.2:
            cols[C.BLOCK] = pa.array([None if k == 0 else int(b) for k, b in enumerate(blocks)], pa.int32())
        t = pa.table(cols)
        flags = {
            "rows": pa.array(rng.random(n) < 0.5),
            "in": pa.array([None if k % 3 == 0 else True for k in range(n)], pa.bool_()),
        }
        want: dict = {}
        for k in range(n):
            b = cols[C.BLOCK][k].as_py()
            key = (int(units[k]), -1 if b is None else int(b))
            e = want.setdefault(key, {"rows": 0, "in": 0})
            e["rows"] += bool(flags["rows"][k].as_py())
            e["in"] += bool(flags["in"][k].as_py())
        assert A._group_sums(t, flags) == want
