"""The global stages' input and runtime (engine/stages.py, engine/stage_runtime.py).

* a stage that is the first step reads the input files (report: ``input: raw``,
  no Parquet copy) and decides exactly as when the same rows come materialized
  from an upstream step that changes nothing;
* the stage's first phase runs inside the engine's input pass (no separate
  ``hashes``/``signatures`` execution), and the stage report carries documents
  and bytes in and out, phases and executions;
* a first-step stage killed at its phase boundaries resumes to the output of an
  uninterrupted run;
* the runtime counts and times its executions; no operator imports Ray.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from make_sample_data import generate  # noqa: E402

DRIVER = ROOT / "tests" / "resume_driver.py"


def test_no_operator_imports_ray():
    pattern = re.compile(r"^\s*(import ray\b|from ray\b)", re.M)
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "operators").rglob("*.py")
        if pattern.search(p.read_text("utf-8"))
    ]
    assert offenders == []


def test_runtime_counts_and_times_executions(ray_session, tmp_path):
    from engine.stage_runtime import StageRuntime, parquet_files

    rt = StageRuntime()
    schema = pa.schema([("x", pa.int64())])
    ds = rt.from_items([{"x": i} for i in range(10)], blocks=3)
    back, rows = rt.persist(ds, str(tmp_path / "p"), schema, "persist")
    assert rows == 10
    totals = rt.sum_rows(
        back.map_batches(lambda t: pa.table({"n": [t.num_rows]}), batch_format="pyarrow"), "sum"
    )
    assert totals == {"n": 10}
    items = rt.run_items([{"k": 1}, {"k": 2}], lambda t: pa.table({"k": t.column("k")}), "items")
    assert items == {"k": 3}
    # one remote task (a module the workers import: the function travels by reference)
    assert rt.call(parquet_files, str(tmp_path / "p"), label="call") == parquet_files(str(tmp_path / "p"))
    empty, n = rt.persist(rt.from_table(schema.empty_table()), str(tmp_path / "e"), schema, "empty")
    assert n == 0 and empty.count() == 0
    with rt.phase("a"):
        rt.drain(back, "drain")
    assert [e.label for e in rt.executions] == ["persist", "sum", "items", "call", "empty", "drain"]
    assert all(e.seconds >= 0 for e in rt.executions) and rt.phases["a"] >= 0
    assert rt.device("cpu", "'x' (op)") == "cpu" and rt.device("auto", "'x' (op)") == "cpu"  # no GPU here


def _corpus(path: Path, n: int = 300, seed: int = 21) -> None:
    path.mkdir(parents=True)
    lines = generate(n, seed=seed)
    half = len(lines) // 2
    for s, part in enumerate((lines[:half], lines[half:])):
        with gzip.open(path / f"part-{s}.jsonl.gz", "wb") as f:
            f.write(b"\n".join(part) + b"\n")


def _config(inp: Path, out: Path, pipeline: list[dict]) -> dict:
    return {
        "name": "stage_input",
        "input": {"paths": [str(inp)], "block_mb": 0.05},
        "output": {"path": str(out)},
        "ray": {"num_cpus": 2},
        "execution": {"progress": False},
        "report": {"html": False},
        "card": {"enabled": False},
        "pipeline": pipeline,
    }


def _ids(out: Path) -> list[str]:
    return sorted(
        pads.dataset(str(out / "data"), format="parquet").to_table(columns=["id"]).column("id").to_pylist()
    )


DEDUP = [{"op": "exact_dedup"}, {"op": "minhash_dedup", "threshold": 0.8}]


@pytest.mark.timeout(1200)  # two runs of two stages: slow on a loaded 2-core machine
def test_first_step_stage_reads_the_input_files_and_decides_as_materialized(
    ray_session, tmp_path, monkeypatch
):
    from engine.executor import run_config

    _corpus(tmp_path / "in")
    # the two stages one after the other (not fused, engine/stage_fusion.py): exact_dedup reads the files
    monkeypatch.setenv("CORPUSFORGE_STAGE_FUSION", "0")
    raw = run_config(_config(tmp_path / "in", tmp_path / "raw", DEDUP))
    monkeypatch.delenv("CORPUSFORGE_STAGE_FUSION")
    # an upstream step that changes nothing (annotate mode) makes the first stage's input materialized;
    # fused: minhash_dedup's first phase runs in exact_dedup's pass, it has no pass of its own
    upstream = [{"op": "length_filter", "min_words": 1, "mode": "annotate"}]
    mat = run_config(_config(tmp_path / "in", tmp_path / "mat", upstream + DEDUP))
    assert raw["accounting_ok"] and mat["accounting_ok"]
    assert _ids(tmp_path / "raw") == _ids(tmp_path / "mat")
    stages = {o["name"]: o for o in raw["ops"]}
    mstages = {o["name"]: o for o in mat["ops"]}
    assert stages["exact_dedup"]["execution"]["input"] == "raw"
    assert stages["minhash_dedup"]["execution"]["input"] == "materialized"  # after exact_dedup
    assert mstages["exact_dedup"]["execution"]["input"] == "materialized"
    assert mstages["minhash_dedup"]["execution"]["input"] == "fused:exact_dedup"
    for name in ("exact_dedup", "minhash_dedup"):
        a, b = stages[name], mstages[name]
        assert a["removed"] == b["removed"] and a["removed"]  # the corpus has both kinds of copies
        assert a["docs_in"] == b["docs_in"] and a["docs_out"] == b["docs_out"]
        assert a["bytes_in"] == b["bytes_in"] and a["bytes_out"] == b["bytes_out"]
        # documents and bytes in and out, measured (not 0)
        assert a["bytes_in"] > a["bytes_out"] > 0
        for op, first in ((a, "input"), (b, "input" if name == "exact_dedup" else "single_task")):
            ex = op["execution"]
            labels = [e["label"] for e in ex["execution_seconds"]]
            # the first phase ran inside an input pass: no execution of its own
            assert labels[0] == first and "hashes" not in labels and "signatures" not in labels
            assert ex["executions"] == len(labels) and "input" in ex["phases"]
        assert a["stage"] == b["stage"]  # the stage's own figures do not depend on how its input came
    # the raw input's bytes are counted once in the live statistics (the stage reads the files twice)
    assert raw["input_bytes"] == mat["input_bytes"] > 0


def _start(cfg: dict, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), json.dumps(cfg)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )


def _finish(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err[-3000:]
    return json.loads([ln for ln in out.splitlines() if ln.startswith("REPORT ")][-1][len("REPORT ") :])


@pytest.mark.timeout(1200)
def test_first_step_stage_killed_at_its_phases_resumes_identically(tmp_path):
    _corpus(tmp_path / "in", n=240, seed=5)
    pipeline = [{"op": "minhash_dedup", "threshold": 0.8}, {"op": "slow_mapper", "seconds": 0.05}]
    clean = _finish(_start(_config(tmp_path / "in", tmp_path / "clean", pipeline)))
    out = tmp_path / "killed"
    for phase in ("minhash_dedup:materialize", "minhash_dedup:lsh"):
        proc = _start(_config(tmp_path / "in", out, pipeline), {"CORPUSFORGE_TEST_KILL_AT": phase})
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == -signal.SIGKILL and f"KILLED_AT {phase}" in err, err[-3000:]
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the killed driver's raylet and workers
        except ProcessLookupError:
            pass
    report = _finish(_start(_config(tmp_path / "in", out, pipeline)))
    assert report["resumed"] and report["accounting_ok"]
    assert {k: report[k] for k in clean if k != "resumed"} == {k: clean[k] for k in clean if k != "resumed"}
    assert _ids(out) == _ids(tmp_path / "clean")
