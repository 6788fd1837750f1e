"""A small input is read by as few tasks as there are idle workers (engine/read_plan.py
``small_input_tasks``); a large one, or one read unit, keeps one task per unit."""

from __future__ import annotations

import pytest
import ray

from engine import read_plan
from engine.io_read import InputFile


def _files(n, size, suffix=".jsonl"):
    return [
        InputFile(path=f"/data/f{i}{suffix}", uri=f"/data/f{i}{suffix}", rel=f"f{i}", size=size, mtime=None)
        for i in range(n)
    ]


@pytest.fixture
def cpus(monkeypatch):
    def set_cpus(n):
        monkeypatch.setattr(ray, "cluster_resources", lambda: {"CPU": float(n)})

    monkeypatch.delenv(read_plan.SMALL_INPUT_ENV, raising=False)
    monkeypatch.delenv(read_plan.SMALL_INPUT_MB_ENV, raising=False)
    return set_cpus


def test_small_input_on_two_cpus_is_one_task(cpus):
    cpus(2)
    assert read_plan.small_input_tasks(_files(4, 500_000), 4) == 1


def test_more_cpus_more_tasks_never_more_than_units(cpus):
    cpus(8)
    assert read_plan.small_input_tasks(_files(4, 100_000), 4) == 4
    cpus(4)
    assert read_plan.small_input_tasks(_files(4, 100_000), 4) == 3


def test_large_input_one_unit_or_switch_off_keeps_one_task_per_unit(cpus, monkeypatch):
    cpus(2)
    big = read_plan.SMALL_INPUT_BYTES
    assert read_plan.small_input_tasks(_files(2, big), 2) == 0
    # compressed files count four times their size (engine/stages.py estimate_input_bytes)
    assert read_plan.small_input_tasks(_files(4, big // 8, ".jsonl.gz"), 4) == 0
    assert read_plan.small_input_tasks(_files(4, big // 8), 4) == 1
    assert read_plan.small_input_tasks(_files(1, 10), 1) == 0
    monkeypatch.setenv(read_plan.SMALL_INPUT_ENV, "0")
    assert read_plan.small_input_tasks(_files(4, 10), 4) == 0


def test_the_small_input_limit_can_be_set_in_mb(cpus, monkeypatch):
    cpus(2)
    mid = _files(4, 3 << 20)  # 12 MB: above the default limit
    assert read_plan.small_input_tasks(mid, 4) == 0
    monkeypatch.setenv(read_plan.SMALL_INPUT_MB_ENV, "16")
    assert read_plan.small_input_tasks(mid, 4) == 1
    monkeypatch.setenv(read_plan.SMALL_INPUT_MB_ENV, "11.5")
    assert read_plan.small_input_tasks(mid, 4) == 0
    monkeypatch.setenv(read_plan.SMALL_INPUT_MB_ENV, "0")  # no input is small
    assert read_plan.small_input_tasks(_files(4, 10), 4) == 0
    for bad in ("", "big", "-1"):  # ignored: the default
        monkeypatch.setenv(read_plan.SMALL_INPUT_MB_ENV, bad)
        assert read_plan.small_input_limit() == read_plan.SMALL_INPUT_BYTES
        assert read_plan.small_input_tasks(mid, 4) == 0
        assert read_plan.small_input_tasks(_files(4, 1 << 20), 4) == 1


def _steps(*names):
    from types import SimpleNamespace

    from engine.config import resolve_operator

    return [SimpleNamespace(name=n, op_cls=resolve_operator(n)) for n in names]


def test_a_chain_of_light_steps_is_small_up_to_16_mb(cpus):
    cpus(2)
    rules = _steps("gopher_repetition", "gopher_quality", "c4_quality", "fineweb_quality")
    assert read_plan.light_chain(rules)
    mid = _files(4, 3 << 20)  # 12 MB
    assert read_plan.small_input_tasks(mid, 4, rules) == 1
    assert read_plan.small_input_tasks(_files(4, 5 << 20), 4, rules) == 0  # 20 MB
    # a model step, a global stage, no step at all: the 8 MB limit
    for steps in (
        rules + _steps("pii_redact"),
        _steps("language_id", "gopher_quality"),
        rules + _steps("exact_dedup"),
        [],
    ):
        assert not read_plan.light_chain(steps)
        assert read_plan.small_input_tasks(mid, 4, steps) == 0
        assert read_plan.small_input_tasks(_files(4, 1 << 20), 4, steps) == 1


def test_a_plugin_step_is_not_light(cpus):
    from types import SimpleNamespace

    from operators.quality.gopher import GopherQuality

    class Plugin(GopherQuality):  # stateless, but not a built-in: its cost is unknown
        pass

    assert Plugin.__module__ == __name__
    assert not read_plan.light_chain([SimpleNamespace(name="p", op_cls=Plugin)])


def test_the_mb_setting_wins_over_the_light_limit(cpus, monkeypatch):
    cpus(2)
    rules = _steps("gopher_quality", "c4_quality")
    monkeypatch.setenv(read_plan.SMALL_INPUT_MB_ENV, "8")
    assert read_plan.small_input_tasks(_files(4, 3 << 20), 4, rules) == 0
    monkeypatch.setenv(read_plan.SMALL_INPUT_MB_ENV, "x")
    assert read_plan.small_input_limit(rules) == read_plan.LIGHT_INPUT_BYTES


def _run(inp, out):
    from engine.executor import run_config

    cfg = {
        "name": "small",
        "input": {"paths": [str(inp)], "format": "jsonl"},
        "output": {"path": str(out), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": [{"op": "length_filter", "min_words": 4}, {"op": "exact_dedup"}],
    }
    return run_config(cfg)


def test_a_small_multi_file_run_gives_the_same_documents_and_counts(ray_session, tmp_path, monkeypatch):
    """Three small files with different columns, a per-document step and a global stage: with the
    small-input plan (one task on 2 CPUs, blocks of several files may share a shard) and without
    it (one task per file), the same kept documents with the same values, the same removals and
    counts, one schema across shards."""
    import json

    import pyarrow.dataset as pads

    inp = tmp_path / "in"
    inp.mkdir()
    files = {
        "a.jsonl": [
            {"id": f"a{i}", "text": f"first file document {i} here", "score": None} for i in range(30)
        ],
        "b.jsonl": [{"id": f"b{i}", "text": f"second file doc {i % 7} here", "score": i} for i in range(30)],
        "c.jsonl": [
            {"id": f"c{i}", "text": "short" if i % 3 == 0 else f"third file text {i} x"} for i in range(30)
        ],
    }
    for name, docs in files.items():
        (inp / name).write_text("".join(json.dumps(d) + "\n" for d in docs))
    results, shards = {}, {}
    for mode in ("1", "0"):
        monkeypatch.setenv(read_plan.SMALL_INPUT_ENV, mode)
        out = tmp_path / f"out{mode}"
        report = _run(inp, out)
        kept = pads.dataset(str(out / "data"), format="parquet").to_table()
        removed = pads.dataset(str(out / "removed"), format="parquet").to_table()
        schemas = [pads.dataset(str(p), format="parquet").schema for p in sorted((out / "data").iterdir())]
        assert all(s.equals(schemas[0]) for s in schemas)
        shards[mode] = len(schemas)
        results[mode] = (
            sorted(zip(kept.column("id").to_pylist(), kept.column("score").to_pylist())),
            sorted(zip(removed.column("id").to_pylist(), removed.column("removal_reason").to_pylist())),
            report["accounting_ok"],
            (report["input_docs"], report["output_docs"], report["removed_docs"]),
        )
    assert results["1"] == results["0"]
    assert shards["1"] < shards["0"] == 3  # one task: its small blocks share a shard; else one per file
    assert results["1"][2] and results["1"][3][0] == 90 and results["1"][3][2] > 0
