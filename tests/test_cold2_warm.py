"""A cold run's prestarted workers warm the kernels its config uses (engine/worker_preload.py
``cold_warm``, engine/ray_runtime.py ``cold_warm_spec``): the rule filters' and MinHash's
first-call costs are paid as the worker starts, before its first task, not on the first block."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine import ray_runtime, worker_preload

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    monkeypatch.delenv(worker_preload.COLD_WARM_ENV, raising=False)
    monkeypatch.delenv("CORPUSFORGE_WORKER_PRELOAD", raising=False)


def _config(tmp_path, pipeline: str) -> str:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        f"input: {{paths: ['{tmp_path / 'in' / '*.jsonl'}'], format: jsonl}}\n"
        f"output: {{path: {tmp_path / 'out'}}}\npipeline: {pipeline}\n"
    )
    return str(cfg)


def test_families_of_a_config(tmp_path, monkeypatch):
    monkeypatch.setenv(worker_preload.COLD_WARM_ENV, "1")  # opt-in
    chain = "[{op: gopher_repetition}, {op: gopher_quality}, {op: c4_quality}, {op: fineweb_quality}]"
    assert ray_runtime.cold_warm_spec(ray_runtime.config_ops(_config(tmp_path, chain), [])) == "rule_filters"
    mixed = "[{op: minhash_dedup}, {op: normalize_text}, {op: c4_quality}, {op: fineweb_quality}]"
    assert ray_runtime.config_ops(_config(tmp_path, mixed), []) == [
        "minhash_dedup",
        "normalize_text",
        "c4_quality",
        "fineweb_quality",
    ]
    assert (
        ray_runtime.cold_warm_spec(ray_runtime.config_ops(_config(tmp_path, mixed), []))
        == "minhash,rule_filters"
    )
    monkeypatch.chdir(ROOT)
    assert ray_runtime.cold_warm_spec(ray_runtime.config_ops("configs/quickstart.yaml", [])) == "minhash"
    # nothing to warm: no such kernel in the chain, a --set on the pipeline, an unreadable config, the switch
    assert (
        ray_runtime.cold_warm_spec(ray_runtime.config_ops(_config(tmp_path, "[{op: normalize_text}]"), []))
        is None
    )
    assert ray_runtime.config_ops(_config(tmp_path, chain), ["pipeline.0.op=normalize_text"]) == []
    assert ray_runtime.config_ops(str(tmp_path / "missing.yaml"), []) == []
    (tmp_path / "bad.yaml").write_text("pipeline: [1, 2\n")
    assert ray_runtime.config_ops(str(tmp_path / "bad.yaml"), []) == []
    for off in ("0", ""):
        monkeypatch.setenv(worker_preload.COLD_WARM_ENV, off)
        assert ray_runtime.cold_warm_spec(["minhash_dedup", "c4_quality"]) is None
    monkeypatch.delenv(worker_preload.COLD_WARM_ENV)
    assert ray_runtime.cold_warm_spec(["minhash_dedup", "c4_quality"]) is None
    # unset, the caller's default decides (a head that spares a worker: on); the switch overrides it
    assert ray_runtime.cold_warm_spec(["minhash_dedup"], default=True) == "minhash"
    monkeypatch.setenv(worker_preload.COLD_WARM_ENV, "0")
    assert ray_runtime.cold_warm_spec(["minhash_dedup"], default=True) is None


class _NoHead:
    """Stands for the head :func:`ray_runtime.prestart` would start: records what it was given."""

    made: list = []

    def __init__(self, num_cpus, object_store_mb, preload=None, spare_worker=False, warm=None):
        self.spare_worker, self.warm = spare_worker, warm
        self.thread = type("T", (), {"start": lambda self: None})()
        _NoHead.made.append(self)

    def join(self):
        return None


def test_prestart_warms_only_when_asked(tmp_path, monkeypatch):
    monkeypatch.setattr(ray_runtime, "_EarlyHead", _NoHead)
    monkeypatch.setattr(ray_runtime, "ray_is_initialized", lambda: False)
    for var in ("CORPUSFORGE_RAY_PRESTART", "CORPUSFORGE_LEAN_RAY", ray_runtime.SPARE_WORKER_ENV):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("CORPUSFORGE_SMALL_INPUT", raising=False)
    monkeypatch.delenv("CORPUSFORGE_SMALL_INPUT_MB", raising=False)
    monkeypatch.delenv("CORPUSFORGE_STATS", raising=False)
    cfg = _config(tmp_path, "[{op: normalize_text}, {op: minhash_dedup}]")
    (tmp_path / "in").mkdir()
    seen = []
    for files in (2, 1):  # two small files: one worker spared; one file: a worker per CPU (both opt-in)
        for f in (tmp_path / "in").iterdir():
            f.unlink()
        for i in range(files):
            (tmp_path / "in" / f"{i}.jsonl").write_text('{"id": "1", "text": "a b c"}\n')
        for switch in (None, "1", "0"):
            if switch is None:
                monkeypatch.delenv(worker_preload.COLD_WARM_ENV, raising=False)
            else:
                monkeypatch.setenv(worker_preload.COLD_WARM_ENV, switch)
            assert ray_runtime.prestart(cfg, [], None) is True
            head = _NoHead.made[-1]
            seen.append((files, switch, head.spare_worker, head.warm))
            ray_runtime.cancel_prestart()
    assert seen == [
        (2, None, True, None),
        (2, "1", True, "minhash"),
        (2, "0", True, None),
        (1, None, False, None),
        (1, "1", False, "minhash"),
        (1, "0", False, None),
    ]


def test_the_family_table_names_the_warm_ups():
    assert worker_preload.COLD_WARM["rule_filters"][0] == worker_preload.PRESTART_FILTERS
    import importlib

    for _, target in worker_preload.COLD_WARM.values():
        module, _, function = target.partition(":")
        assert callable(getattr(importlib.import_module(module), function))


WARM = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
from engine import worker_preload as wp
assert wp.cold_warm() == {}  # imported outside a Ray worker: nothing
wp._in_ray_worker = lambda: True  # as in a prestarted worker of the embedded head
from operators.dedup import minhash_kernel as mk
before = (mk._TABLES is not None, len(mk._signatures_fast.signatures), len(mk._band_keys.signatures))
spent = wp.cold_warm()
after = (mk._TABLES is not None, len(mk._signatures_fast.signatures), len(mk._band_keys.signatures))
print(json.dumps({"spent": sorted(spent), "before": before, "after": after, "numba": "numba" in sys.modules}))
"""


def _warm(env: dict) -> dict:
    import os

    full = {k: v for k, v in os.environ.items() if k not in ("RAY_JOB_ID", worker_preload.COLD_WARM_ENV)}
    proc = subprocess.run(
        [sys.executable, "-c", WARM, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**full, **env},
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_job_less_worker_warms_minhash():
    out = _warm({worker_preload.COLD_WARM_ENV: "minhash,no_such_family", "RAY_JOB_ID": "ffffffff"})
    assert out["spent"] == ["minhash"]
    assert out["before"] == [False, 0, 0]
    assert out["after"][0] is True and out["after"][1] >= 1 and out["after"][2] >= 1
    assert out["numba"] is True


def test_a_worker_of_a_job_and_the_switch_warm_nothing():
    for env in (
        {worker_preload.COLD_WARM_ENV: "minhash", "RAY_JOB_ID": "01000000"},  # started for a waiting task
        {worker_preload.COLD_WARM_ENV: "0"},
        {worker_preload.COLD_WARM_ENV: "1"},  # the driver's switch, not a head's families
        {},
    ):
        out = _warm(env)
        assert out["spent"] == [] and out["after"] == out["before"] == [False, 0, 0], env


def test_a_failing_warm_up_is_skipped(monkeypatch):
    monkeypatch.setitem(worker_preload.COLD_WARM, "broken", (("x",), "engine.no_such_module:warm_up"))
    monkeypatch.setitem(worker_preload.COLD_WARM, "fine", (("y",), "engine.worker_preload:enabled"))
    monkeypatch.setattr(worker_preload, "_in_ray_worker", lambda: True)
    monkeypatch.setenv(worker_preload.COLD_WARM_ENV, "broken,fine")
    monkeypatch.delenv("RAY_JOB_ID", raising=False)
    assert list(worker_preload.cold_warm()) == ["fine"]


HEAD = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
from engine import ray_runtime
from engine.shutdown import processes_with_token, reserve_token
started = ray_runtime.prestart(sys.argv[2], ["ray.num_cpus=2"], None)
token = reserve_token()
ray_runtime._early.join()
def environ(pid):
    with open(f"/proc/{pid}/environ", "rb") as f:
        return dict(v.split("=", 1) for v in f.read().decode().split("\0") if "=" in v)
def cmdline(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().decode().split("\0")
pids = processes_with_token(token)
raylet = [p for p in pids if any(a.startswith("--num_prestart_python_workers=") for a in cmdline(p))]
warm = environ(raylet[0]).get("CORPUSFORGE_COLD_WARM", "unset") if raylet else "no raylet"
mine = os.environ.get("CORPUSFORGE_COLD_WARM", "unset")
ray_runtime.cancel_prestart()
print(json.dumps({"started": started, "raylet": warm, "driver": mine, "left": processes_with_token(token)}))
"""


def test_the_embedded_head_passes_the_families_to_its_workers(tmp_path):
    """Asked for (the switch in the driver's environment), the raylet (and from it every
    worker) gets the run's families; the driver's own value is back once the head is up."""
    import os

    env = {k: v for k, v in os.environ.items() if k != worker_preload.COLD_WARM_ENV}
    env[worker_preload.COLD_WARM_ENV] = "1"
    pipeline = "[{op: gopher_repetition}, {op: minhash_dedup}]"
    proc = subprocess.run(
        [sys.executable, "-c", HEAD, str(ROOT), _config(tmp_path, pipeline)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["started"] is True
    assert out["raylet"] == "rule_filters,minhash"
    assert out["driver"] == "1"
    assert out["left"] == []
