"""An edit of the engine after ``corpusforge ray up``: the next run on the warm Ray runs the
edited code, not the code its idle workers imported as they started (engine/warm_workers.py
``retire_stale``). A copy of the checkout is edited, never this one (other work shares it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _worker_logs(state_dir: Path) -> list[Path]:
    return sorted((state_dir / "r" / "session_latest" / "logs").glob("worker-*-ffffffff-*.out"))


def test_first_run_after_an_edit_runs_the_edited_code():
    from engine.warm_workers import _started_at

    base = Path(tempfile.mkdtemp(prefix="cfs", dir="/tmp"))  # short: Ray's socket paths live under it
    checkout, state_dir = base / "co", base / "s"
    ignore = shutil.ignore_patterns("__pycache__")
    for top in ("engine", "operators"):
        shutil.copytree(ROOT / top, checkout / top, ignore=ignore)
    env = {**os.environ, "PYTHONPATH": str(checkout), "CORPUSFORGE_RAY_DIR": str(state_dir),
           "CORPUSFORGE_WARM_DRIVER": "0"}  # fmt: skip
    env.pop("RAY_ADDRESS", None)
    env.pop("CORPUSFORGE_WARM_WORKERS", None)

    def cli(*argv):
        return subprocess.run(
            [sys.executable, "-m", "engine.cli", *argv], env=env, cwd=checkout, capture_output=True,
            text=True, timeout=300,
        )  # fmt: skip

    try:
        up = cli("ray", "up", "--num-cpus", "2")
        assert up.returncode == 0, up.stdout + up.stderr
        deadline = time.monotonic() + 30
        while not _worker_logs(state_dir) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.2)
        edited = checkout / "engine" / "io_write.py"  # run by every run's write tasks
        with edited.open("a") as f:
            f.write("\n# edited after ray up\n")
        changed = edited.stat().st_mtime
        older = [
            p
            for p in _worker_logs(state_dir)
            if (_started_at(int(p.stem.rsplit("-", 1)[1])) or changed) < changed
        ]
        assert older, "no idle worker from before the edit: nothing to check"
        src = base / "in.jsonl"
        src.write_text(
            "".join(json.dumps({"id": str(i), "text": f"some words of doc {i}"}) + "\n" for i in range(50))
        )
        cfg = {"name": "stale", "input": {"paths": [str(src)]}, "output": {"path": str(base / "out")},
               "pipeline": [{"op": "length_filter", "min_words": 3}]}  # fmt: skip
        (base / "c.json").write_text(json.dumps(cfg))
        run = cli("run", str(base / "c.json"), "--ray", "auto", "--json")
        assert run.returncode == 0, run.stdout + run.stderr
        assert json.loads(run.stdout)["output_docs"] == 50
        # no task of the run ran in a worker that had imported the engine before the edit
        ran_old = [p.name for p in older if ":task_name:" in p.read_text(errors="replace")]
        assert ran_old == [], ran_old
    finally:
        cli("ray", "down")
        shutil.rmtree(base, ignore_errors=True)


def test_only_idle_workers_older_than_the_code_are_ended_and_the_switch(tmp_path, monkeypatch):
    """Without Ray: processes that look like the warm Ray's idle workers (``ray::IDLE``, the
    instance's token), one started before the code's last change and one after."""
    import signal
    import uuid

    from engine import warm_workers
    from engine.shutdown import TOKEN_ENV

    (tmp_path / "engine").mkdir()
    code = tmp_path / "engine" / "m.py"
    token = uuid.uuid4().hex
    idle = "import time; time.sleep(60)"

    def worker():
        # a process whose command line reads ray::IDLE, like a Ray worker waiting for work
        return subprocess.Popen(["bash", "-c", f"exec -a ray::IDLE {sys.executable} -c '{idle}'"],
                                env={**os.environ, TOKEN_ENV: token})  # fmt: skip

    old = worker()
    time.sleep(0.3)
    code.write_text("x = 1\n")  # the code changes after the old worker started
    time.sleep(0.3)
    new = worker()
    other = subprocess.Popen([sys.executable, "-c", idle], env={**os.environ, TOKEN_ENV: token})
    try:
        assert _wait_for_cmdline(old.pid) and _wait_for_cmdline(new.pid)
        assert warm_workers.stale_idle_workers(token, str(tmp_path)) == [old.pid]
        monkeypatch.setenv(warm_workers.KEEP_STALE_ENV, "1")
        assert warm_workers.retire_stale(token, str(tmp_path)) == []
        assert old.poll() is None
        monkeypatch.delenv(warm_workers.KEEP_STALE_ENV)
        assert warm_workers.retire_stale(token, str(tmp_path)) == [old.pid]
        assert old.wait(timeout=10) in (-signal.SIGTERM, -signal.SIGKILL)
        assert new.poll() is None and other.poll() is None  # newer than the code, or not idle
    finally:
        for p in (old, new, other):
            if p.poll() is None:
                p.kill()
                p.wait()


def _wait_for_cmdline(pid: int) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"ray::IDLE"):
                return True
        except OSError:
            return False
        time.sleep(0.02)
    return False
