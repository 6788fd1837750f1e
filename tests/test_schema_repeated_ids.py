"""report.json ``repeated_ids``: ids of data/ that name more than one document (two different input
documents with the same id are both kept under it), counted exactly from the written shards: in
process for a small output, by a Ray Data group-by above ``IDS_IN_PROCESS``."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine import io_write
from engine.executor import run_config

TEXT = "an ordinary sentence with enough words in it to be kept by the filter"


def _shards(tmp_path, parts: list[list[str]]) -> list[dict]:
    (tmp_path / "data").mkdir()
    files = []
    for i, ids in enumerate(parts):
        pq.write_table(pa.table({"id": ids, "text": ["t"] * len(ids)}), tmp_path / "data" / f"{i}.parquet")
        files.append({"path": f"data/{i}.parquet", "rows": len(ids)})
    files.append({"path": "removed/x.parquet", "rows": 5})  # not data/: never read
    return files


PARTS = [["a", "b", "a"], ["c", "a", "b"], ["d"]]  # a x3, b x2: 2 ids, 5 documents


def test_repeated_ids_in_process(tmp_path):
    files = _shards(tmp_path, PARTS)
    got = io_write.repeated_ids(pafs.LocalFileSystem(), str(tmp_path), files)
    assert got == {"ids_repeated": 2, "docs_sharing_an_id": 5}
    (tmp_path / "u").mkdir()
    unique = _shards(tmp_path / "u", [["a", "b"], ["c"]])
    assert io_write.repeated_ids(pafs.LocalFileSystem(), str(tmp_path / "u"), unique) == {
        "ids_repeated": 0,
        "docs_sharing_an_id": 0,
    }


def test_repeated_ids_by_ray_group_by(ray_session, tmp_path, monkeypatch):
    monkeypatch.setattr(io_write, "IDS_IN_PROCESS", 0)
    files = _shards(tmp_path, PARTS)
    got = io_write.repeated_ids(pafs.LocalFileSystem(), str(tmp_path), files)
    assert got == {"ids_repeated": 2, "docs_sharing_an_id": 5}


def test_jsonl_output_is_not_counted(tmp_path):
    assert (
        io_write.repeated_ids(pafs.LocalFileSystem(), str(tmp_path), [{"path": "data/a.jsonl.gz", "rows": 1}])
        is None
    )


def test_run_reports_repeated_ids(ray_session, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [
        {"id": "same", "text": f"{TEXT} one"},
        {"id": "same", "text": f"{TEXT} two"},
        {"id": "x", "text": TEXT},
    ]
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (folder / "b.jsonl").write_text(json.dumps({"id": "x", "text": f"{TEXT} three"}) + "\n")
    report = run_config(
        {
            "name": "repeated_ids",
            "input": {"paths": [str(folder)], "format": "jsonl"},
            "output": {"path": str(tmp_path / "out"), "format": "parquet", "overwrite": True},
            "execution": {"progress": False},
            "pipeline": [{"op": "length_filter", "min_words": 1}],
        }
    )
    assert report["output_docs"] == 4
    assert report["repeated_ids"] == {"ids_repeated": 2, "docs_sharing_an_id": 4}
    saved = json.loads((tmp_path / "out" / "report.json").read_text())
    assert saved["repeated_ids"] == report["repeated_ids"]
