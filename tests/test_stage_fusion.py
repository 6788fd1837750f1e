"""exact_dedup directly followed by minhash_dedup over ONE pass of their input
(engine/stage_fusion.py): the same kept and removed documents, reasons, stage
figures and release index as the two stages one after the other, with one Ray
execution fewer; and the pieces (counter split, dropping the first stage's
removals from the second stage's files) on their own."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

from engine.stage_fusion import BothPrepares, DropFromMinhash, split_prepared

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from make_sample_data import generate  # noqa: E402


# ------------------------------------------------------------------ pieces
def test_both_prepares_keep_each_stage_counters_apart():
    both = BothPrepares(lambda t: {"keyed": t.num_rows}, lambda t: {"docs": 2 * t.num_rows})
    table = pa.table({"x": [1, 2, 3]})
    counters = both(table)
    assert counters == {"0:keyed": 3, "1:docs": 6}
    summed = {k: 2 * v for k, v in counters.items()}  # the pass sums them over blocks
    assert split_prepared(summed) == ({"keyed": 6}, {"docs": 12})
    assert split_prepared(BothPrepares(None, lambda t: {"docs": 1})(table)) == ({}, {"docs": 1})


def _verdicts(root: Path, blk: int, rows: list[tuple[int, int, bool]]) -> None:
    from operators.dedup.common import GROUP as G
    from operators.dedup.common import KEEP as K
    from operators.dedup.common import RID as R

    d = root / f"blk={blk}"
    d.mkdir(parents=True)
    pq.write_table(
        pa.table({R: [r for r, _, _ in rows], G: [g for _, g, _ in rows], K: [k for _, _, k in rows]}),
        d / "v.parquet",
    )


def test_drop_removes_the_first_stage_removals_from_signatures_and_band_files(tmp_path):
    from operators.dedup.common import BLK as B
    from operators.dedup.common import RID as R

    work, verdicts = tmp_path / "work", tmp_path / "verdicts"
    (work / "signatures").mkdir(parents=True)
    for k in range(3):
        (work / "bands" / f"part={k}").mkdir(parents=True)
    # block 7: rows 1..5, rows 2 and 4 removed (row 1 kept: its group's keeper); block 9: nothing removed
    pq.write_table(
        pa.table({R: [1, 2, 3, 4, 5], B: [7] * 5, "sig": [b"a"] * 5}), work / "signatures/b7.parquet"
    )
    pq.write_table(pa.table({R: [6, 8], B: [9, 9], "sig": [b"b"] * 2}), work / "signatures/b9.parquet")
    pq.write_table(
        pa.table({R: np.repeat([1, 2, 3, 4, 5], 2), "bkey": np.arange(10)}), work / "bands/part=0/b7.parquet"
    )
    pq.write_table(
        pa.table({R: [2, 4], "bkey": [1, 2]}), work / "bands/part=1/b7.parquet"
    )  # only removed rows
    pq.write_table(pa.table({R: [6, 8], "bkey": [3, 4]}), work / "bands/part=1/b9.parquet")
    _verdicts(verdicts, 7, [(1, 11, True), (2, 11, False), (4, 11, False)])
    _verdicts(verdicts, 9, [(6, 12, True), (8, 12, True)])  # verdicts, none removing
    out = DropFromMinhash(str(work), str(verdicts))(
        pa.table({"path": [str(work / "signatures/b7.parquet"), str(work / "signatures/b9.parquet")]})
    )
    assert out.to_pylist() == [{"files": 1, "rows": 2}]
    assert pq.read_table(work / "signatures/b7.parquet").column(R).to_pylist() == [1, 3, 5]
    assert pq.read_table(work / "signatures/b9.parquet").column(R).to_pylist() == [6, 8]
    assert pq.read_table(work / "bands/part=0/b7.parquet").column(R).to_pylist() == [1, 1, 3, 3, 5, 5]
    assert not (work / "bands/part=1/b7.parquet").exists()  # every row removed: the file goes
    assert pq.read_table(work / "bands/part=1/b9.parquet").column(R).to_pylist() == [6, 8]


# ------------------------------------------------------------------ end to end
def _corpus(path: Path, n: int = 300, seed: int = 21) -> None:
    path.mkdir(parents=True)
    lines = generate(n, seed=seed)
    half = len(lines) // 2
    for s, part in enumerate((lines[:half], lines[half:])):
        with gzip.open(path / f"part-{s}.jsonl.gz", "wb") as f:
            f.write(b"\n".join(part) + b"\n")


def _config(inp: Path, out: Path, single_task_mb: int | None) -> dict:
    extra = {} if single_task_mb is None else {"single_task_mb": single_task_mb}
    return {
        "name": "fusion",
        "input": {"paths": [str(inp)], "block_mb": 0.05},
        "output": {"path": str(out)},
        "ray": {"num_cpus": 2},
        "execution": {"progress": False},
        "report": {"html": False},
        "card": {"enabled": False},
        "pipeline": [
            {"op": "normalize_text"},
            {"op": "exact_dedup", **extra},
            {"op": "minhash_dedup", "threshold": 0.8, **extra},
        ],
    }


def _decisions(out: Path) -> tuple[list, list]:
    kept = pads.dataset(str(out / "data"), format="parquet").to_table(columns=["id"]).column("id").to_pylist()
    rem = pads.dataset(str(out / "removed"), format="parquet").to_table(
        columns=["id", "removed_by", "removal_reason"]
    )
    return sorted(kept), sorted(zip(*[rem.column(c).to_pylist() for c in rem.column_names]))


def _index_rows(out: Path) -> dict[str, list]:
    rows = {}
    for d in sorted((out / "index").glob("*/*")):
        if d.is_dir():
            t = pads.dataset(str(d), format="parquet", partitioning="hive").to_table()
            rows[f"{d.parent.name}/{d.name}"] = sorted(
                map(repr, zip(*[t.column(c).to_pylist() for c in t.column_names]))
            )
    return rows


@pytest.mark.timeout(1200)  # four runs of two stages: slow on a loaded 2-core machine
@pytest.mark.parametrize("single_task_mb", [None, 0], ids=["single_task", "distributed"])
def test_fused_stages_decide_exactly_as_the_stages_one_after_the_other(
    ray_session, tmp_path, monkeypatch, single_task_mb
):
    from engine import stage_fusion
    from engine.executor import run_config

    _corpus(tmp_path / "in")
    monkeypatch.setenv(stage_fusion.ENV, "0")
    apart = run_config(_config(tmp_path / "in", tmp_path / "apart", single_task_mb))
    monkeypatch.delenv(stage_fusion.ENV)
    if single_task_mb == 0:  # the removals dropped by tasks, not by the driver
        monkeypatch.setattr(stage_fusion, "DRIVER_DROP_BYTES", -1)
    fused = run_config(_config(tmp_path / "in", tmp_path / "fused", single_task_mb))
    assert apart["accounting_ok"] and fused["accounting_ok"]
    kept, removed = _decisions(tmp_path / "fused")
    assert (kept, removed) == _decisions(tmp_path / "apart")
    reasons = {r for _, _, r in removed}
    assert {"exact_duplicate", "near_duplicate"} <= reasons  # the corpus has both kinds of copies
    assert _index_rows(tmp_path / "fused") == _index_rows(tmp_path / "apart")
    a = {o["name"]: o for o in apart["ops"]}
    f = {o["name"]: o for o in fused["ops"]}
    for name in ("exact_dedup", "minhash_dedup"):
        for key in ("docs_in", "docs_out", "removed", "bytes_in", "bytes_out", "stage"):
            assert a[name][key] == f[name][key], (name, key)
    assert a["minhash_dedup"]["execution"]["input"] == "materialized"
    assert f["minhash_dedup"]["execution"]["input"] == "fused:exact_dedup"
    labels = {
        n: [e["label"] for e in f[n]["execution"]["execution_seconds"]] for n in f if "execution" in f[n]
    }
    apart_labels = {
        n: [e["label"] for e in a[n]["execution"]["execution_seconds"]] for n in a if "execution" in a[n]
    }
    # minhash_dedup has no pass of its own: one execution fewer over the two stages
    assert "input" not in labels["minhash_dedup"] and "input" in apart_labels["minhash_dedup"]
    assert "signatures" not in labels["minhash_dedup"]
    # the removals dropped from minhash_dedup's files first: by the driver, or in one execution
    extra = ["drop_first_stage_removals"] if single_task_mb == 0 else []
    assert labels["minhash_dedup"] == extra + [x for x in apart_labels["minhash_dedup"] if x != "input"]
    assert labels["exact_dedup"] == apart_labels["exact_dedup"]
