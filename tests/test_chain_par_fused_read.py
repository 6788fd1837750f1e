"""Read units that share out evenly over the cores are read by tasks fused with the
per-document steps (engine/read_plan.py ``fused_read``): one task per unit, biggest first, no
object-store hop; one unit, or a few big ones, keep the separate read whose blocks any core takes.
Documents, decisions and counts are the same either way."""

from __future__ import annotations

import json

import pyarrow.dataset as pads
import pytest

from engine import read_plan
from engine.config import load_config
from engine.io_read import ByteRange, InputFile


def _files(sizes, suffix=".jsonl"):
    return [
        InputFile(path=f"/data/f{i}{suffix}", uri=f"/data/f{i}{suffix}", rel=f"f{i}", size=s, mtime=None)
        for i, s in enumerate(sizes)
    ]


def _units(files):
    return [([f], None) for f in files]


def _cfg(pipeline=None, block_mb=32.0, **execution):
    return load_config(
        {
            "name": "plan",
            "input": {"paths": ["/nonexistent/*.jsonl"], "format": "jsonl", "block_mb": block_mb},
            "output": {"path": "/tmp/unused"},
            "execution": {"progress": False, **execution},
            "pipeline": pipeline
            or [{"op": "gopher_repetition"}, {"op": "gopher_quality"}, {"op": "c4_quality"}],
        }
    )


@pytest.fixture(autouse=True)
def _no_switch(monkeypatch):
    monkeypatch.delenv(read_plan.FUSED_READ_ENV, raising=False)


MB = 1 << 20


def test_busiest_core_deals_biggest_first_to_the_least_loaded():
    assert read_plan.busiest_core([6, 6, 6, 6], 2) == 12
    assert read_plan.busiest_core([1, 7, 2, 6], 2) == 8  # 7+1 and 6+2
    assert read_plan.busiest_core([10, 1, 1], 2) == 10
    assert read_plan.busiest_core([3, 3, 3], 2) == 6
    assert read_plan.busiest_core([5], 4) == 5


def test_four_files_of_about_one_block_on_two_cores_are_fused():
    # the quality-chain bench: 4 JSONL files of 6 MB (each one block at the default block_mb)
    units = _units(_files([6.4 * MB, 6.8 * MB, 6.4 * MB, 5.9 * MB]))
    assert read_plan.fused_read(_cfg(), units, 2)
    # many compressed files (one unit each, four times their size estimated) share out too
    assert read_plan.fused_read(_cfg(), _units(_files([2 * MB] * 16, ".jsonl.gz")), 2)


def test_one_unit_or_a_few_big_ones_keep_the_separate_read():
    # one .gz file: one unit, which a fused plan could not share between cores
    assert not read_plan.fused_read(_cfg(), _units(_files([100 * MB], ".jsonl.gz")), 2)
    # three 100 MB files on two cores: fused, one core reads two of them (200 vs ~150 MB)
    assert not read_plan.fused_read(_cfg(), _units(_files([100 * MB] * 3)), 2)
    # the same in blocks as big as the files: nothing to gain from the separate read
    assert read_plan.fused_read(_cfg(block_mb=128), _units(_files([100 * MB] * 3)), 2)
    # fewer units than cores
    assert not read_plan.fused_read(_cfg(), _units(_files([6 * MB] * 3)), 4)


def test_byte_ranges_count_their_own_bytes():
    f = _files([64 * MB])[0]
    half = 32 * MB
    units = [([f], ByteRange(0, half, 1)), ([f], ByteRange(half, 64 * MB, 1000))]
    assert read_plan.fused_read(_cfg(), units, 2)
    uneven = [([f], ByteRange(0, 60 * MB, 1)), ([f], ByteRange(60 * MB, 64 * MB, 1000))]
    assert not read_plan.fused_read(_cfg(block_mb=4), uneven, 2)


def test_switch_off_no_steps_or_an_unfusable_first_step_keep_the_separate_read(monkeypatch):
    units = _units(_files([6 * MB] * 4))
    monkeypatch.setenv(read_plan.FUSED_READ_ENV, "0")
    assert not read_plan.fused_read(_cfg(), units, 2)
    monkeypatch.delenv(read_plan.FUSED_READ_ENV)
    # a first step that asks for other resources is not fused into one-CPU read tasks
    two_cpus = [{"op": "gopher_repetition", "resources": {"num_cpus": 2}}]
    assert not read_plan.fused_read(_cfg(two_cpus), units, 2)
    limited = [{"op": "gopher_repetition", "resources": {"concurrency": 1}}]
    assert not read_plan.fused_read(_cfg(limited), units, 2)
    # a step asking for batches of N rows gets them joined from the blocks of several units
    batched = [{"op": "gopher_repetition", "resources": {"batch_size": 64}}]
    assert not read_plan.fused_read(_cfg(batched), units, 2)
    # a stateful first step run as an actor pool
    assert not read_plan.fused_read(_cfg([{"op": "language_id"}], stateful_steps="actors"), units, 2)
    assert read_plan.fused_read(_cfg([{"op": "language_id"}], stateful_steps="tasks"), units, 2)


# ------------------------------------------------------------------ end to end
def _write_inputs(path, sizes_docs):
    path.mkdir(parents=True)
    k = 0
    for i, n in enumerate(sizes_docs):
        with open(path / f"part-{i}.jsonl", "w", encoding="utf-8") as f:
            for _ in range(n):
                words = " ".join(f"w{(k * 7 + j) % 97}" for j in range(40 + k % 60))
                text = f"The document number {k} says that. {words}.\nIt has a second line here.\n"
                if k % 5 == 0:
                    text = "lorem " * 3  # too short: gopher_quality removes it
                f.write(json.dumps({"id": f"d{k}", "text": text}) + "\n")
                k += 1


def _run_cfg(inp, out):
    return {
        "name": "fused",
        "input": {"paths": [str(inp / "*.jsonl")], "format": "jsonl"},
        "output": {"path": str(out), "format": "parquet", "overwrite": True, "removed": "ids"},
        "execution": {"progress": False},
        "pipeline": [{"op": "gopher_repetition"}, {"op": "gopher_quality"}, {"op": "fineweb_quality"}],
    }


def _snapshot(out):
    snap = {}
    for sub in ("data", "removed"):
        t = pads.dataset(str(out / sub), format="parquet").to_table()
        cols = [c for c in ("id", "text", "removed_by") if c in t.column_names]
        snap[sub] = sorted(zip(*[t.column(c).to_pylist() for c in cols]))
    report = json.loads((out / "report.json").read_text())
    snap["counts"] = {k: report[k] for k in ("input_docs", "output_docs", "removed_docs", "quarantined")}
    snap["ops"] = [(o["name"], o["docs_in"], o["docs_out"], o["removed"]) for o in report["ops"]]
    assert report["accounting_ok"]
    return snap


def test_fused_plan_is_one_operator_and_gives_the_same_output(ray_session, tmp_path, monkeypatch):
    import pyarrow.fs as pafs

    from engine.executor import run_config
    from engine.io_read import expand_inputs
    from engine.ray_steps import apply_step
    from engine.stats import StatsActor

    monkeypatch.setenv(read_plan.SMALL_INPUT_ENV, "0")  # a few KB: planned as a large input
    _write_inputs(tmp_path / "in", [30, 50, 40, 20])
    cfg = load_config(_run_cfg(tmp_path / "in", tmp_path / "plan"))
    out = tmp_path / "plan"
    (out / "_progress" / "units").mkdir(parents=True)
    stats = StatsActor.remote()
    files = expand_inputs(cfg.input, cfg.storage)
    ds = build = read_plan.build_read(cfg, files, stats, pafs.LocalFileSystem(), str(out))
    assert read_plan.read_task_args(build) == {}  # no memory argument: fusable with the steps
    ds = apply_step(ds, cfg.steps[0], stats, 10)
    names = ds.materialize().stats()
    assert "_ReadFn)->MapBatches" in names, names

    fused = _snapshot_of(run_config, tmp_path, "fused", monkeypatch, "1")
    separate = _snapshot_of(run_config, tmp_path, "separate", monkeypatch, "0")
    assert fused == separate
    assert fused["counts"]["input_docs"] == 140


def _snapshot_of(run_config, tmp_path, name, monkeypatch, switch):
    monkeypatch.setenv(read_plan.FUSED_READ_ENV, switch)
    run_config(_run_cfg(tmp_path / "in", tmp_path / name))
    return _snapshot(tmp_path / name)


def test_fused_units_are_dealt_biggest_first():
    files = _files([1 * MB, 6 * MB, 3 * MB, 4 * MB], ".jsonl")
    gz = _files([1 * MB], ".jsonl.gz")[0]  # 4 MB estimated
    units = _units(files) + [([gz], None)]
    items = [{"unit": i} for i in range(len(units)) if i != 2]  # unit 2 already written (resume)
    order = [it["unit"] for it in read_plan.biggest_first(items, units)]
    assert order == [1, 3, 4, 0]  # stable between equal sizes: the earlier unit first
