"""A small first-step input of ``minhash_dedup`` is copied by the engine's pass
(engine/stages.py, ``GlobalStage.copy_small_input``): uncompressed Parquet that
the single task reads the cluster members' texts from and the final stream
reads back, instead of parsing the input files twice more. The decisions are
those of the path that reads the input files again (``single_task_mb: 0``)."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from make_sample_data import generate  # noqa: E402


def test_copy_only_within_single_task_mb():
    from operators.dedup.minhash import MinHashDedup

    op = MinHashDedup(single_task_mb=1)
    assert op.copy_small_input(1 << 20) and not op.copy_small_input((1 << 20) + 1)
    assert not op.copy_small_input(None)  # size unknown: read the files again
    assert not MinHashDedup(single_task_mb=0).copy_small_input(10)


@pytest.mark.parametrize("codec, expected", [("none", "UNCOMPRESSED"), ("zstd", "ZSTD")])
def test_input_pass_writes_the_copy_with_the_codec(tmp_path, codec, expected):
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    from engine.columns import add_engine_columns
    from engine.stages import _InputPass

    table = add_engine_columns(
        pa.table({"id": ["a", "b"], "text": ["x y z", "u v w"]}), "file:///in.jsonl", 1
    )
    row = _InputPass(pafs.LocalFileSystem(), str(tmp_path), None, codec)(table).to_pylist()[0]
    assert row["rows"] == 2 and row["live_rows"] == 2
    meta = pq.ParquetFile(row["path"]).metadata
    assert {meta.row_group(0).column(i).compression for i in range(meta.num_columns)} == {expected}
    assert pq.read_table(row["path"]).equals(table)


def _run(inp: Path, out: Path, params: dict) -> dict:
    from engine.executor import run_config

    cfg = {
        "name": "small_copy",
        "input": {"paths": [str(inp)], "block_mb": 0.05},
        "output": {"path": str(out)},
        "ray": {"num_cpus": 2},
        "execution": {"progress": False},
        "report": {"html": False},
        "card": {"enabled": False},
        "pipeline": [{"op": "minhash_dedup", "threshold": 0.8, **params}],
    }
    return run_config(cfg)


def _removed(out: Path) -> list[tuple[str, str]]:
    t = pads.dataset(str(out / "removed"), format="parquet").to_table(columns=["id", "removal_reason"])
    return sorted(zip(t.column("id").to_pylist(), t.column("removal_reason").to_pylist()))


def _kept(out: Path) -> list[str]:
    return sorted(
        pads.dataset(str(out / "data"), format="parquet").to_table(columns=["id"])["id"].to_pylist()
    )


@pytest.mark.timeout(1200)
def test_small_first_step_input_is_copied_and_decides_as_the_files(ray_session, tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    lines = generate(300, seed=21)
    half = len(lines) // 2
    for s, part in enumerate((lines[:half], lines[half:])):
        with gzip.open(inp / f"part-{s}.jsonl.gz", "wb") as f:
            f.write(b"\n".join(part) + b"\n")
    copied = _run(inp, tmp_path / "copied", {})
    files = _run(inp, tmp_path / "files", {"single_task_mb": 0})
    assert copied["accounting_ok"] and files["accounting_ok"]
    a, b = copied["ops"][0], files["ops"][0]
    assert a["execution"]["input"] == "materialized" and b["execution"]["input"] == "raw"
    # the members' texts come from the copy: one task after the pass, no map over the input
    assert [e["label"] for e in a["execution"]["execution_seconds"]] == ["input", "single_task"]
    assert a["stage"]["path"] == "single_task" and b["stage"]["path"] == "distributed"
    assert a["stage"]["keeper_verification"]["checked"] > 0
    assert _removed(tmp_path / "copied") == _removed(tmp_path / "files") != []
    assert _kept(tmp_path / "copied") == _kept(tmp_path / "files")
    assert a["removed"] == b["removed"] and a["docs_in"] == b["docs_in"] and a["bytes_in"] == b["bytes_in"]
    assert copied["input_bytes"] == files["input_bytes"] > 0  # the copy is not counted as input again
    # the copy is a stage intermediate: gone with OUT/_work at the end of the run
    assert not (tmp_path / "copied" / "_work").exists()
