"""The faster paths of minhash_dedup equal the plain ones they replaced, output for output:
compiled band keys vs the numpy hash, star edges with singleton buckets dropped first vs
one sort of all rows, and the index's stable sort vs numpy's stable argsort."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from operators.dedup import minhash_kernel as mk
from operators.dedup.connected_components import EDGE_SCHEMA, U, V
from operators.dedup.index import stable_argsort
from operators.dedup.minhash import BKEY, CKEY, RID, MinHashDedup


@pytest.mark.parametrize(
    ("bands", "rows", "perms"), [(36, 7, 256), (14, 8, 112), (1, 128, 128), (9, 13, 128)]
)
def test_band_keys_compiled_equal_numpy(bands, rows, perms):
    rng = np.random.default_rng(bands * 1000 + rows)
    sig = rng.integers(0, 1 << 32, (517, perms), dtype=np.uint64).astype(np.uint32)
    sig[:3] = 0xFFFFFFFF  # documents without tokens
    sig[10] = sig[11]  # equal signatures: equal keys
    got = mk.band_keys(sig, bands, rows)
    assert got.dtype == np.int64 and got.shape == (517, bands)
    assert np.array_equal(got, mk.band_keys_numpy(sig, bands, rows))
    assert np.array_equal(got[10], got[11]) and not np.array_equal(got[12], got[13])
    assert mk.band_keys(sig[:0], bands, rows).shape == (0, bands)


def _star_edges_reference(table: pa.Table) -> pa.Table:
    """star_edges as it was: one sort of every row by (key, content key, row id)."""
    key, rid, ckey = (table.column(c).to_numpy() for c in (BKEY, RID, CKEY))
    order = np.lexsort((rid, ckey, key))
    key, rid = key[order], rid[order]
    start = np.ones(len(key), bool)
    start[1:] = key[1:] != key[:-1]
    anchor = rid[np.maximum.accumulate(np.where(start, np.arange(len(key)), 0))]
    sel = (~start) & (rid != anchor)
    a, m = anchor[sel], rid[sel]
    return pa.table({U: np.minimum(a, m), V: np.maximum(a, m)}, schema=EDGE_SCHEMA)


@pytest.mark.parametrize("shared_fraction", [0.0, 0.05, 0.5, 1.0])
def test_star_edges_equal_full_sort(shared_fraction):
    rng = np.random.default_rng(int(shared_fraction * 100))
    n = 20_000
    key = rng.integers(-(1 << 63), (1 << 63) - 1, n, dtype=np.int64)
    k = int(n * shared_fraction)
    key[:k] = rng.integers(0, max(k // 3, 1), k)  # buckets of several rows
    rid = rng.integers(-(1 << 63), (1 << 63) - 1, n, dtype=np.int64)
    rid[5:9] = rid[4]  # a row id twice in one bucket (the same document's two bands)
    ckey = rng.integers(-50, 50, n, dtype=np.int64)  # tied content keys: the row id decides
    t = pa.table({BKEY: key, RID: rid, CKEY: ckey})
    got = MinHashDedup.star_edges(t)
    want = _star_edges_reference(t)
    assert got.equals(want)
    assert (got.num_rows > 0) == (k > 0)


def test_stable_argsort_equals_numpy_stable():
    rng = np.random.default_rng(3)
    for n, distinct in ((50_000, None), (50_000, 40), (7, 2), (1, None), (0, None)):
        if distinct is None:
            keys = rng.integers(-(1 << 63), (1 << 63) - 1, n, dtype=np.int64).view(np.uint64)
        else:
            keys = rng.integers(0, distinct, n, dtype=np.int64).view(np.uint64)
        if n > 100:
            keys[::97] = keys[5]  # tied runs among distinct keys
        assert np.array_equal(stable_argsort(keys), np.argsort(keys, kind="stable"))


def test_bucket_rows_without_content_key_are_the_same_rows():
    from operators.dedup.minhash import NTOK, SIG, MinHashDedupParams, _sig_column

    op = MinHashDedup(MinHashDedupParams(num_perm=64, threshold=0.7))
    rng = np.random.default_rng(5)
    sig = rng.integers(0, 1 << 32, (40, 64), dtype=np.uint64).astype(np.uint32)
    ntok = np.where(np.arange(40) % 7 == 0, 0, 9)  # documents without tokens are dropped by both
    t = pa.table({RID: np.arange(40, dtype=np.int64) * 3, SIG: _sig_column(sig), NTOK: ntok})
    full = op.bucket_rows(t)
    lean = op.bucket_rows(t, content=False)
    assert CKEY in full.column_names and lean.column_names == [BKEY, RID]
    assert lean.equals(full.select([BKEY, RID]))
    assert full.num_rows == (ntok > 0).sum() * op.params.lsh()[0]


def _dictionary_columns(path) -> set[str]:
    import pyarrow.parquet as pq

    md = pq.ParquetFile(path).metadata
    out = set()
    for g in range(md.num_row_groups):
        for c in range(md.num_columns):
            col = md.row_group(g).column(c)
            if col.dictionary_page_offset is not None or any("DICTIONARY" in e for e in col.encodings):
                out.add(col.path_in_schema)
    return out


def test_stage_files_use_a_dictionary_only_for_the_source_column(tmp_path):
    """Hashes, row ids and signatures are (nearly) all distinct: the writer's dictionary attempt on
    them is wasted (~7x the plain write of 64-bit keys in the index's small row groups); the
    source file name repeats and keeps its dictionary. The values read back are the same."""
    import pyarrow.parquet as pq

    from operators.dedup.common import SRC, write_atomic, write_block_updates
    from operators.dedup.index import write_partitioned

    rng = np.random.default_rng(11)
    n = 20_000
    rid = rng.integers(-(1 << 63), (1 << 63) - 1, n, dtype=np.int64)
    t = pa.table({RID: rid, BKEY: rid[::-1].copy(), SRC: ["file:///a.jsonl"] * n})
    write_atomic(t, str(tmp_path / "plain"), "x.parquet")
    path = tmp_path / "plain" / "x.parquet"
    assert _dictionary_columns(path) == {SRC}
    assert pq.read_table(path).equals(t)

    write_partitioned(t.select([BKEY, RID]), BKEY, 2, str(tmp_path / "index"))
    files = sorted((tmp_path / "index").rglob("*.parquet"))
    assert files and all(_dictionary_columns(f) == set() for f in files)
    assert sum(pq.read_table(f).num_rows for f in files) == n

    from operators.dedup.common import BLK, GROUP, KEEP

    verdicts = pa.table({RID: rid[:100], GROUP: rid[:100], KEEP: [True] * 100, BLK: [7] * 100})
    write_block_updates(verdicts, str(tmp_path / "verdicts"))
    files = sorted((tmp_path / "verdicts").rglob("*.parquet"))
    assert files and all(_dictionary_columns(f) == set() for f in files)
