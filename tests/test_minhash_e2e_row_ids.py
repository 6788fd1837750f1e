"""Row ids (operators/dedup/common.row_ids) built by Arrow in one pass are the ids of the
per-row formula, xxh3 of f"{source}\\x1f{line}\\x1f{generated}\\x1f{id}" (None for a missing column or
value), on every column type the engine and its inputs give them."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
import xxhash

from engine.columns import GENERATED, LINE, SOURCE
from operators.dedup.common import row_ids


def _reference(table: pa.Table) -> list[int]:
    n = table.num_rows

    def col(name):
        return table.column(name).to_pylist() if name in table.column_names else [None] * n

    out = []
    for s, ln, g, i in zip(col(SOURCE), col(LINE), col(GENERATED), col("id")):
        h = xxhash.xxh3_64_intdigest(f"{s}\x1f{ln}\x1f{g}\x1f{i}".encode("utf-8", "surrogatepass"))
        out.append(int(np.uint64(h).view(np.int64)))
    return out


SRC = ["file:///data/a.jsonl", None, "s3://b/中文/ü.jsonl.gz", "file:///x 😀.jsonl", "", "None"]
LINES = [0, 1, None, 2**40, -3, 7]
GEN = [None, "split_paragraphs", None, "", "augment 中", None]
IDS = ["doc-1", None, "文档", "", "None", "x" * 300]


def _table(**over) -> pa.Table:
    cols = {
        "id": pa.array(IDS, pa.string()),
        "text": pa.array(["t"] * 6),
        SOURCE: pa.array(SRC, pa.string()),
        LINE: pa.array(LINES, pa.int64()),
        GENERATED: pa.array(GEN, pa.string()),
    }
    for k, v in over.items():
        if v is None:
            cols.pop(k)
        else:
            cols[k] = v
    return pa.table(cols)


@pytest.mark.parametrize(
    "over",
    [
        {},
        {"id": pa.array([1, None, -2, 3, 2**62, 0], pa.int64())},
        {"id": pa.array([1, 2, 3, 4, 5, 6], pa.uint32())},
        {"id": pa.array(IDS, pa.large_string())},
        {"id": pa.array(IDS, pa.string()).dictionary_encode()},
        {"id": pa.array([1.0, 2.5, None, 1e20, -0.0, 3.0])},  # Python's float text: the per-row path
        {"id": pa.array([True, False, None, True, True, False])},
        {"id": pa.array([[1], [2], None, [], [3, 4], [5]])},
        {"id": pa.nulls(6)},
        {"id": None},
        {LINE: pa.array([0, 1, 2, 3, 4, None], pa.int32())},
        {LINE: None, GENERATED: None},
        {SOURCE: None, LINE: None, GENERATED: None, "id": None},
        {SOURCE: pa.array(SRC, pa.large_string())},
    ],
)
def test_row_ids_equal_the_per_row_formula(over):
    table = _table(**over)
    assert row_ids(table).to_pylist() == _reference(table)


def test_row_ids_chunked_and_sliced_and_empty():
    t = pa.concat_tables([_table(), _table(), _table()]).slice(2, 13)
    assert t.column("id").num_chunks > 1
    assert row_ids(t).to_pylist() == _reference(t)
    assert row_ids(t.slice(0, 0)).to_pylist() == []
    ids = row_ids(_table()).to_pylist()
    assert len(set(ids)) == len(ids)
