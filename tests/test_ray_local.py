"""``corpusforge ray up | down | status`` (engine/ray_local.py): start a warm
local Ray, run a small job on it with ``--ray auto``, stop it, and leave no
process behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from engine.shutdown import processes_with_token

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def ray_dir():
    # short: Ray's unix socket paths live under it (about 107 characters at most)
    path = tempfile.mkdtemp(prefix="cfr", dir="/tmp")
    yield path
    env = {**os.environ, "CORPUSFORGE_RAY_DIR": path}
    subprocess.run([sys.executable, "-m", "engine.cli", "ray", "down"], env=env, cwd=ROOT, timeout=120)
    shutil.rmtree(path, ignore_errors=True)


def _cli(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


_RUNS_HELD = """
import json, logging, os, ray
from engine.stats import SERVICE_NAME, SERVICE_NAMESPACE
ray.init(address=os.environ["RAY_ADDRESS"], logging_level=logging.WARNING)
print(json.dumps(ray.get(ray.get_actor(SERVICE_NAME, namespace=SERVICE_NAMESPACE).runs_held.remote())))
"""


def test_up_run_down_leaves_no_process(ray_dir, tmp_path):
    env = {**os.environ, "CORPUSFORGE_RAY_DIR": ray_dir}
    env.pop("RAY_ADDRESS", None)
    assert _cli(env, "ray", "status").returncode == 3  # nothing up yet

    up = _cli(env, "ray", "up", "--num-cpus", "2")
    assert up.returncode == 0, up.stdout + up.stderr
    state = json.loads(Path(ray_dir, "state.json").read_text())
    assert processes_with_token(state["token"]), "no process of the local Ray"
    assert "already up" in _cli(env, "ray", "up").stdout  # idempotent
    status = json.loads(_cli(env, "ray", "status", "--json").stdout)
    assert status["up"] and status["address"] == state["address"] and status["num_cpus"] == 2

    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": str(i), "text": f"some words of document {i}"}) + "\n" for i in range(30))
    )
    cfg = {"name": "warm", "input": {"paths": [str(src)]}, "output": {"path": str(tmp_path / "out")},
           "pipeline": [{"op": "length_filter", "min_words": 3}, {"op": "exact_dedup"}]}  # fmt: skip
    (tmp_path / "c.json").write_text(json.dumps(cfg))
    run = _cli(env, "run", str(tmp_path / "c.json"), "--ray", "auto", "--json")
    assert run.returncode == 0, run.stdout + run.stderr
    summary = json.loads(run.stdout)
    assert summary["accounting_ok"] and summary["input_docs"] == 30
    assert "Token authentication" not in run.stderr and "core_worker" not in run.stderr
    assert processes_with_token(state["token"]), "the run stopped the warm Ray"
    # the run's live figures came from the warm Ray's statistics service, and were dropped at its end
    assert state["stats_service"] is True
    assert summary["first_block_s"] is not None
    held = subprocess.run(
        [sys.executable, "-c", _RUNS_HELD], env={**env, "RAY_ADDRESS": state["address"], "RAY_AUTH_MODE": state["auth_mode"]}, cwd=ROOT,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert held.returncode == 0, held.stdout + held.stderr
    assert json.loads(held.stdout.strip().splitlines()[-1]) == []

    down = _cli(env, "ray", "down")
    assert down.returncode == 0 and "stopped" in down.stdout
    assert processes_with_token(state["token"]) == []
    assert not Path(ray_dir, "state.json").exists()
    assert _cli(env, "ray", "status").returncode == 3


def test_auto_without_a_local_ray_is_rays_own_auto(monkeypatch, tmp_path):
    from engine import ray_local

    monkeypatch.setenv("CORPUSFORGE_RAY_DIR", str(tmp_path))
    assert ray_local.resolve_address("auto") == ("auto", False)
    assert ray_local.resolve_address(None) == (None, False)
    assert ray_local.resolve_address("ray://head:10001") == ("ray://head:10001", False)
    (tmp_path / "state.json").write_text(
        json.dumps({"address": "1.2.3.4:5", "token": "no-such-token", "root": "x"})
    )
    assert ray_local.resolve_address("auto") == ("auto", False)  # stale: its processes are gone
    assert not (tmp_path / "state.json").exists()
