"""A run that started its own Ray ends it on a thread while the report, HTML, card and manifest
are written (engine/executor.py ``_RayClosing``): the live statistics are dropped first, then
``ray.shutdown()``; the run returns only once both are done, and nothing of its Ray is left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

DRIVER = r"""
import json, sys, threading, time
sys.path.insert(0, sys.argv[1])
import ray
import engine.stats
from engine import products
from engine.executor import run
from engine.config import load_config
from engine.shutdown import processes_with_token, TOKEN_ENV
import os

events = []
real_shutdown, real_finish, real_end = ray.shutdown, products.finish, engine.stats.end_stats

def shutdown(*a, **k):
    events.append(("shutdown", threading.current_thread().name, time.monotonic()))
    time.sleep(0.3)  # a slow shutdown: the products are written meanwhile
    real_shutdown(*a, **k)
    events.append(("shutdown_done", threading.current_thread().name, time.monotonic()))

def end_stats(stats):
    events.append(("end_stats", threading.current_thread().name, time.monotonic()))
    return real_end(stats)

def finish(*a, **k):
    events.append(("finish", threading.current_thread().name, time.monotonic()))
    if sys.argv[3] == "fail":
        raise RuntimeError("finish failed")
    out = real_finish(*a, **k)
    events.append(("finish_done", threading.current_thread().name, time.monotonic()))
    return out

ray.shutdown, products.finish, engine.stats.end_stats = shutdown, finish, end_stats
cfg = load_config(sys.argv[2])
tokens = []
import engine.shutdown as sd
real_reap = sd.reap
def reap(token, *a, **k):
    tokens.append(token)
    return real_reap(token, *a, **k)
sd.reap = reap
error = None
try:
    report = run(cfg)
    ok = report["accounting_ok"]
except RuntimeError as exc:
    error, ok = str(exc), None
events.append(("returned", threading.current_thread().name, time.monotonic()))
print(json.dumps({"events": events, "ok": ok, "error": error, "initialized": ray.is_initialized(),
                  "left": [p for t in tokens for p in processes_with_token(t)]}))
"""


def _config(tmp_path: Path) -> str:
    data = tmp_path / "in.jsonl"
    data.write_text(
        "".join(json.dumps({"id": str(i), "text": f"document number {i}"}) + "\n" for i in range(20))
    )
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        f"input: {{paths: ['{data}'], format: jsonl}}\noutput: {{path: {tmp_path / 'out'}}}\n"
        "ray: {num_cpus: 1}\nexecution: {progress: false}\npipeline: [{op: normalize_text}]\n"
    )
    return str(cfg)


def _run(tmp_path: Path, mode: str, **env: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, str(ROOT), _config(tmp_path), mode],
        capture_output=True, text=True, timeout=600, cwd=ROOT, env={**os.environ, **env},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _at(events, name):
    return next(e for e in events if e[0] == name)


@pytest.mark.parametrize("switch", ["1", "0"])
def test_ray_ends_on_a_thread_while_the_products_are_written(tmp_path, switch):
    out = _run(tmp_path, "ok", CORPUSFORGE_RAY_CLOSE_BEHIND=switch)
    ev = out["events"]
    assert out["ok"] is True and out["initialized"] is False and out["left"] == []
    assert [e[0] for e in ev if e[0] in ("end_stats", "shutdown")] == ["end_stats", "shutdown"]
    assert _at(ev, "returned")[2] >= _at(ev, "shutdown_done")[2]  # the run returns once Ray is down
    if switch == "1":
        assert _at(ev, "shutdown")[1] == "corpusforge-ray-close"
        assert _at(ev, "finish")[1] == "MainThread"
        # the products were written while the shutdown was under way
        assert _at(ev, "finish")[2] < _at(ev, "shutdown_done")[2]
    else:  # as before: after the products, in the run's thread
        assert _at(ev, "shutdown")[1] == "MainThread"
        assert _at(ev, "shutdown")[2] > _at(ev, "finish_done")[2]


def test_a_failing_end_of_run_still_waits_for_ray_to_end(tmp_path):
    out = _run(tmp_path, "fail")
    ev = out["events"]
    assert out["error"] == "finish failed"
    assert out["initialized"] is False and out["left"] == []
    assert _at(ev, "returned")[2] >= _at(ev, "shutdown_done")[2]
