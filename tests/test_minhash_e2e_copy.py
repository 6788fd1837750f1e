"""A stage's small uncompressed input copy is an Arrow IPC file (engine/stages.ARROW): written by
the stage's pass as the block lies in memory, read back (memory-mapped) by the final stream
(_ReadBlock) and the single task (read_table_file) as the same table; Parquet paths still read."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine.columns import REMOVED_BY, add_engine_columns
from engine.stage_runtime import read_table_file
from engine.stages import ARROW, _InputPass, _ReadBlock


def _block() -> pa.Table:
    t = add_engine_columns(
        pa.table({"id": ["a", "b", "c"], "text": ["x y z", "中文 文本", ""], "n": [1, None, 3]}),
        "file:///in.jsonl",
        1,
    )
    return t.set_column(t.schema.get_field_index(REMOVED_BY), REMOVED_BY, pa.array([None, "lf", None]))


def test_small_copy_is_arrow_ipc_and_reads_back_the_same(tmp_path):
    table = _block()
    row = _InputPass(pafs.LocalFileSystem(), str(tmp_path), None, ARROW)(table).to_pylist()[0]
    assert row["path"].endswith(".arrow") and row["rows"] == 3 and row["live_rows"] == 2
    with pa.memory_map(row["path"]) as src:
        assert pa.ipc.open_file(src).read_all().equals(table)  # an Arrow IPC file, not Parquet
    assert read_table_file(row["path"]).equals(table)
    assert read_table_file(row["path"], pafs.LocalFileSystem()).equals(table)
    back = _ReadBlock(pafs.LocalFileSystem(), table.schema)(pa.table({"path": [row["path"]]}))
    assert back.equals(table)


def test_parquet_copies_still_read(tmp_path):
    table = _block()
    row = _InputPass(pafs.LocalFileSystem(), str(tmp_path), None, "zstd")(table).to_pylist()[0]
    assert row["path"].endswith(".parquet")
    assert pq.read_table(row["path"]).equals(table)
    assert read_table_file(row["path"]).equals(table)
    back = _ReadBlock(pafs.LocalFileSystem(), table.schema)(pa.table({"path": [row["path"]]}))
    assert back.equals(table)
