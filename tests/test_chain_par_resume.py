"""Resume with the fused read (engine/read_plan.py ``fused_read``: one task per read unit, the
read and the steps in it, biggest unit first): SIGKILL the driver in the middle of a run
planned that way, start it again, and get exactly the output of an uninterrupted run."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as pads
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from make_sample_data import generate  # noqa: E402

DRIVER = ROOT / "tests" / "resume_driver.py"
#: above the small-input plan (a few KB would be read by one task), the fused read on
ENV = {**os.environ, "CORPUSFORGE_SMALL_INPUT": "0", "CORPUSFORGE_FUSED_READ": "1"}


def _corpus(path: Path) -> None:
    path.mkdir(parents=True)
    lines = generate(600, seed=11)
    sizes = [150, 60, 120, 90, 100, 80]  # unequal: dealt biggest first, unit numbers unchanged
    k = 0
    for s, n in enumerate(sizes):
        with gzip.open(path / f"part-{s}.jsonl.gz", "wb") as f:
            f.write(b"\n".join(lines[k : k + n]) + b"\n")
        k += n


def _config(inp: Path, out: Path, slow: float) -> dict:
    return {
        "name": "resume_fused",
        "input": {"paths": [str(inp)], "block_mb": 0.02},
        "output": {"path": str(out)},
        "ray": {"num_cpus": 2},
        "execution": {"progress": False},
        "pipeline": [
            {"op": "normalize_text"},
            {"op": "slow_mapper", "seconds": slow},
            {"op": "length_filter", "min_words": 20},
        ],
    }


def _start(cfg: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), json.dumps(cfg)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        start_new_session=True,
    )


def _finish(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, out + err[-3000:]
    line = [ln for ln in out.splitlines() if ln.startswith("REPORT ")][-1]
    return json.loads(line[len("REPORT ") :])


def _snapshot(out: Path) -> dict:
    snap = {}
    for sub in ("data", "quarantine", "removed"):
        table = pads.dataset(str(out / sub), format="parquet").to_table()
        cols = ["id", "text"] if "text" in table.column_names else ["id"]
        snap[sub] = sorted(
            zip(*[table.column(c).to_pylist() for c in cols]), key=lambda r: (r[0], r[-1] or "")
        )
    report = json.loads((out / "report.json").read_text())
    snap["counts"] = {k: report[k] for k in ("input_docs", "output_docs", "removed_docs", "quarantined")}
    snap["ops"] = [(o["name"], o["docs_in"], o["docs_out"], o["removed"]) for o in report["ops"]]
    return snap


def test_the_corpus_is_planned_fused(tmp_path, monkeypatch):
    """The plan the subprocess runs: these units share out over 2 CPUs, the first step fuses."""
    from engine import read_plan
    from engine.config import load_config
    from engine.io_read import expand_inputs, plan_units

    _corpus(tmp_path / "in")
    conf = _config(tmp_path / "in", tmp_path / "out", 0.0)
    conf["pipeline"] = [s for s in conf["pipeline"] if s["op"] != "slow_mapper"]  # the driver's own plugin
    cfg = load_config(conf)
    monkeypatch.delenv(read_plan.FUSED_READ_ENV, raising=False)
    units = plan_units(expand_inputs(cfg.input, cfg.storage), cfg.input)
    assert len(units) == 6 and read_plan.fused_read(cfg, units, 2)


@pytest.mark.parametrize("kill_after_markers", [3])
def test_resume_of_a_fused_read_gives_identical_output(tmp_path, kill_after_markers):
    _corpus(tmp_path / "in")
    report = _finish(_start(_config(tmp_path / "in", tmp_path / "clean", 0.0)))
    assert report["accounting_ok"] and not report["resumed"]
    expected = _snapshot(tmp_path / "clean")
    out = tmp_path / "killed"
    cfg = _config(tmp_path / "in", out, 0.25)
    proc = _start(cfg)
    blocks = out / "_progress" / "blocks"
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if blocks.exists() and len(list(blocks.glob("*.json"))) >= kill_after_markers:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed; slow it down"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    time.sleep(1.0)
    assert not (out / "report.json").exists()
    report = _finish(_start(cfg))
    assert report["resumed"] and report["accounting_ok"]
    assert _snapshot(out) == expected
    assert not (out / "_progress").exists()
