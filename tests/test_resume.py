"""Resumable runs: SIGKILL the driver at several points, start again with the
same config, and get exactly the output of an uninterrupted run."""

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


def _corpus(path: Path) -> None:
    path.mkdir(parents=True)
    lines = generate(600, seed=5)
    for s in range(6):
        with gzip.open(path / f"part-{s}.jsonl.gz", "wb") as f:
            f.write(b"\n".join(lines[s * 101 : (s + 1) * 101]) + b"\n")


def _config(inp: Path, out: Path, slow: float) -> dict:
    return {
        "name": "resume",
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


def _start(cfg: dict, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), json.dumps(cfg), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group: we kill Ray with it
    )


def _finish(proc: subprocess.Popen) -> dict:
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, out
    line = [ln for ln in out.splitlines() if ln.startswith("REPORT ")][-1]
    return json.loads(line[len("REPORT ") :])


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=60)
    time.sleep(1.0)  # let the raylet and workers of the killed run go


def _snapshot(out: Path) -> dict:
    snap = {}
    for sub in ("data", "quarantine", "removed"):
        table = pads.dataset(str(out / sub), format="parquet").to_table()
        cols = ["id", "text"] if "text" in table.column_names else ["id"]
        rows = sorted(zip(*[table.column(c).to_pylist() for c in cols]), key=lambda r: (r[0], r[-1] or ""))
        snap[sub] = rows
    report = json.loads((out / "report.json").read_text())
    snap["counts"] = {
        k: report[k]
        for k in ("input_docs", "output_docs", "removed_docs", "quarantined", "quarantine_reasons")
    }
    snap["ops"] = [(o["name"], o["docs_in"], o["docs_out"], o["removed"]) for o in report["ops"]]
    return snap


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("resume")
    _corpus(base / "in")
    report = _finish(_start(_config(base / "in", base / "clean", 0.0)))
    assert report["accounting_ok"] and not report["resumed"]
    return base, _snapshot(base / "clean")


def _markers(out: Path) -> int:
    d = out / "_progress" / "blocks"
    return len(list(d.glob("*.json"))) if d.exists() else 0


@pytest.mark.parametrize("kill_after_markers", [0, 4])
def test_resume_after_sigkill_gives_identical_output(clean_run, kill_after_markers):
    base, expected = clean_run
    out = base / f"killed-{kill_after_markers}"
    cfg = _config(base / "in", out, 0.25)
    proc = _start(cfg)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if kill_after_markers == 0 and (out / "_progress" / "run.json").exists():
            break
        if kill_after_markers and _markers(out) >= kill_after_markers:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed; slow it down"
    _kill_group(proc)
    assert not (out / "report.json").exists()
    report = _finish(_start(cfg))
    assert report["resumed"] and report["accounting_ok"]
    assert _snapshot(out) == expected
    assert not (out / "_progress").exists()


def test_changed_config_is_refused_unless_restart(clean_run):
    base, expected = clean_run
    out = base / "changed"
    cfg = _config(base / "in", out, 0.25)
    proc = _start(cfg)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None and _markers(out) < 2:
        time.sleep(0.05)
    _kill_group(proc)
    cfg["pipeline"][2]["min_words"] = 21
    refused = _start(cfg)
    out_text, _ = refused.communicate(timeout=120)
    assert refused.returncode != 0
    cfg["pipeline"][2]["min_words"] = 20
    cfg["pipeline"][1]["seconds"] = 0.0
    report = _finish(_start(cfg, "--restart"))
    assert not report["resumed"]
    assert _snapshot(out) == expected
