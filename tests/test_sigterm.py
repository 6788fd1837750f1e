"""SIGTERM stops a run cleanly (engine/shutdown.py): ``corpusforge run`` is
terminated in the middle of a slow step, as ``timeout`` does; within a few
seconds no process of that run (driver, raylet, GCS, workers) is left, the
progress markers are kept, and a rerun resumes and completes with correct
accounting.

The processes of the run are found by an environment variable the test gives
the driver: every Ray process it starts inherits it."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRIVER = ROOT / "tests" / "resume_driver.py"
MARK = "CF_SIGTERM_TEST"


def _marked(value: str) -> list[int]:
    needle = f"{MARK}={value}".encode()
    pids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/environ", "rb") as f:
                    if needle in f.read().split(b"\0"):
                        pids.append(int(name))
            except OSError:
                continue
    return pids


def _corpus(path: Path, files: int = 8, per_file: int = 40) -> int:
    path.mkdir(parents=True)
    n = 0
    for s in range(files):
        rows = []
        for i in range(per_file):
            text = (
                f"document {s}-{i} about rivers and the sea, with enough words to pass"
                if i % 3
                else f"第{s}章第{i}节：江河湖海，山川草木。"
            )
            rows.append(json.dumps({"id": f"f{s}-{i}", "text": text}, ensure_ascii=False))
            n += 1
        with gzip.open(path / f"part-{s}.jsonl.gz", "wt", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n\n")  # a trailing blank line: skipped, not a document
    return n


def _start(cfg_path: Path, mark: str) -> subprocess.Popen:
    env = {**os.environ, MARK: mark}
    return subprocess.Popen(
        [sys.executable, str(DRIVER), "--cli", "run", str(cfg_path), "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own group: the test can always clean up after itself
    )


def _cleanup(mark: str) -> None:
    for pid in _marked(mark):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_sigterm_stops_everything_and_the_rerun_resumes(tmp_path):
    n_docs = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    cfg = {
        "name": "sigterm",
        "input": {"paths": [str(tmp_path / "in")], "block_mb": 0.002},
        "output": {"path": str(out)},
        "ray": {"num_cpus": 2},
        "execution": {"progress": False},
        "pipeline": [
            {"op": "normalize_text"},
            {"op": "slow_mapper", "seconds": 0.4},
            {"op": "length_filter", "min_words": 5},
        ],
    }
    cfg_path = tmp_path / "run.yaml"
    cfg_path.write_text(json.dumps(cfg))
    mark = uuid.uuid4().hex
    proc = _start(cfg_path, mark)
    try:
        deadline = time.monotonic() + 120
        blocks = out / "_progress" / "blocks"
        # mid-step: some shards written, the run not finished
        while time.monotonic() < deadline and not (blocks.is_dir() and any(blocks.glob("*.json"))):
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.1)
        assert len(_marked(mark)) > 2, "the run's Ray processes carry the mark"
        os.kill(proc.pid, signal.SIGTERM)  # the driver only, as `timeout` does
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 143, err
        assert "run the same command again to resume" in err
        left = _marked(mark)
        end = time.monotonic() + 5
        while left and time.monotonic() < end:
            time.sleep(0.2)
            left = _marked(mark)
        assert left == [], f"processes of the terminated run still alive: {left}"
        assert (out / "_progress" / "run.json").exists() and not (out / "report.json").exists()
        written_before = len(list(blocks.glob("*.json")))
        assert written_before >= 1

        proc = _start(cfg_path, mark)
        outs, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        report = json.loads((out / "report.json").read_text())
        assert report["resumed"] and report["accounting_ok"]
        assert report["input_docs"] == n_docs
        assert report["output_docs"] + report["removed_docs"] + report["quarantined"] == n_docs
        assert not (out / "_progress").exists()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        _cleanup(mark)


def test_reap_kills_a_busy_process_that_carries_the_run_token():
    """What Ray's shutdown may leave behind (a worker busy in a task, re-parented
    to init) is found by the token and killed."""
    from engine.shutdown import TOKEN_ENV, processes_with_token, reap

    token = uuid.uuid4().hex
    busy = subprocess.Popen(
        [sys.executable, "-c", "while True: pass"],
        env={**os.environ, TOKEN_ENV: token},
        start_new_session=True,
    )
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        while busy.pid not in processes_with_token(token) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert processes_with_token(token) == [busy.pid]
        assert reap(token, grace=0.2) == [busy.pid]
        assert busy.wait(timeout=10) == -signal.SIGKILL
        assert other.poll() is None  # a process without the token is left alone
    finally:
        for p in (busy, other):
            if p.poll() is None:
                p.kill()
                p.wait(timeout=10)
