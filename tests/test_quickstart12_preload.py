"""The one worker of a small input sets up the steps behind a global stage while the stages run
(engine/worker_preload.py ``prestart_spec``, ``behind_stage``): with
``CORPUSFORGE_WORKER_PRELOAD=behind`` (off by default), only for a command-line run whose
embedded head prestarts one worker (engine/ray_runtime.py ``one_task_input``) and whose
pipeline has a step after a global stage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine import worker_preload as wp
from engine.operator import GlobalStage

ROOT = Path(__file__).resolve().parents[1]
QUICKSTART_LIKE = "[{op: normalize_text}, {op: language_id, keep: [en], min_score: 0.3}, {op: exact_dedup}, {op: pii_redact}]"


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    monkeypatch.delenv(wp.PRELOAD_ENV, raising=False)
    for var in ("CORPUSFORGE_SPARE_WORKER", "CORPUSFORGE_SMALL_INPUT", "CORPUSFORGE_SMALL_INPUT_MB"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("CORPUSFORGE_STATS", raising=False)


def _config(tmp_path: Path, pipeline: str = QUICKSTART_LIKE, files: int = 2) -> str:
    data = tmp_path / "in"
    data.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        (data / f"{i}.jsonl").write_text(
            json.dumps({"id": str(i), "text": f"write to me{i}@example.com"}) + "\n"
        )
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        f"input: {{paths: ['{data / '*.jsonl'}'], format: jsonl}}\n"
        f"output: {{path: {tmp_path / 'out'}}}\npipeline: {pipeline}\n"
    )
    return str(cfg)


def test_the_yaml_names_of_global_stages_are_the_built_in_global_stages():
    from operators import builtin_operators

    assert set(wp.GLOBAL_STAGE_OPS) == {c.name for c in builtin_operators() if issubclass(c, GlobalStage)}


def test_behind_preloads_only_a_one_worker_run_with_a_step_behind_a_stage(tmp_path, monkeypatch):
    cfg = _config(tmp_path)
    assert wp.prestart_spec(cfg, [], one_worker=True) is None  # off by default
    monkeypatch.setenv(wp.PRELOAD_ENV, wp.BEHIND)
    spec = wp.prestart_spec(cfg, ["output.path=/x"], one_worker=True)
    assert json.loads(spec) == {
        "config": os.path.abspath(cfg),
        "overrides": ["output.path=/x"],
        "behind_stage": True,
    }
    assert wp.prestart_spec(cfg, [], one_worker=False) is None  # every worker prestarted: as before
    for pipeline in (
        "[{op: normalize_text}, {op: pii_redact}]",
        "[{op: pii_redact}, {op: exact_dedup}]",
        "[]",
    ):
        assert wp.prestart_spec(_config(tmp_path / pipeline[:12], pipeline), [], one_worker=True) is None
    assert wp.prestart_spec(str(tmp_path / "missing.yaml"), [], one_worker=True) is None
    bad = tmp_path / "bad.yaml"
    bad.write_text("pipeline: [1, 2\n")
    assert wp.prestart_spec(str(bad), [], one_worker=True) is None


def test_the_switch(tmp_path, monkeypatch):
    cfg = _config(tmp_path)
    monkeypatch.setenv(wp.PRELOAD_ENV, "0")
    assert wp.prestart_spec(cfg, [], one_worker=True) is None
    monkeypatch.setenv(wp.PRELOAD_ENV, "1")  # every preloadable step, in any run (as before)
    for one in (True, False):
        assert json.loads(wp.prestart_spec(cfg, [], one_worker=one)) == {
            "config": os.path.abspath(cfg),
            "overrides": [],
        }


def test_behind_stage_sets_up_only_the_steps_after_the_first_global_stage(tmp_path):
    cfg = _config(tmp_path)
    assert [s.name for s in wp._load_steps(wp.spec_for(cfg, []))] == ["language_id", "pii_redact"]
    assert [s.name for s in wp._load_steps(wp.spec_for(cfg, [], behind_stage=True))] == ["pii_redact"]
    raw = {
        "pipeline": [
            {"op": "pii_redact"},
            {"op": "minhash_dedup"},
            {"op": "language_id"},
            {"op": "exact_dedup"},
        ]
    }
    assert [s.name for s in wp._load_steps(wp.spec_for(raw=raw, behind_stage=True))] == ["language_id"]


DRIVER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from engine import console, ray_runtime
from engine.config import load_config
from engine.shutdown import guarded_run, processes_with_token
overrides = ["output.path=" + sys.argv[3], "ray.num_cpus=2"]
ray_runtime.prestart(sys.argv[2], overrides, None)
cfg = load_config(sys.argv[2], overrides)
console.enable()
with guarded_run(embedded=True) as token:
    ray_runtime.init_ray(cfg, sys.argv[3])
    import ray
    import pyarrow as pa

    @ray.remote
    def first_step(first, behind):
        import os
        from engine import worker_preload as wp
        from engine.columns import add_engine_columns
        from engine.ray_steps import _StepTask

        table = add_engine_columns(pa.table({"id": ["1"], "text": ["mail me at someone@example.com"]}), "x", 0)
        assert not wp._started  # nothing set up before this worker runs a step
        _StepTask(first, None, 10)(table)  # the worker's first step: its preload begins
        t0 = time.time()
        while wp.key_of(behind) not in wp._started and time.time() - t0 < 120:
            time.sleep(0.05)
        wp._started[wp.key_of(behind)].wait(120)
        ready = [id(op) for op in wp._ready.get(wp.key_of(behind), [])]
        task = _StepTask(behind, None, 10)
        out = task(table)
        return {
            "spec": json.loads(os.environ.get(wp.PRELOAD_ENV) or "{}"),
            "preloaded": sorted(key[0].name for key in wp._started),
            "ready": ready,
            "used": id(_StepTask._cache[task.key].op),
            "text": out.column("text")[0].as_py(),
        }

    steps = {s.name: s for s in cfg.steps}
    result = ray.get(first_step.remote(steps["normalize_text"], steps["pii_redact"]))
    console.release()
    ray.shutdown()
    ray_runtime.stop_lean_head()
print(json.dumps({**result, "left": processes_with_token(token)}))
"""


def test_the_one_worker_of_a_small_input_sets_up_the_step_behind_the_stage(tmp_path):
    """``behind``: the prestarted head's worker reads the run's config with ``behind_stage``;
    its first step begins the preload, which sets up pii_redact (behind exact_dedup) and not
    language_id (before it: its step sets it up itself); pii_redact's task adopts the operator
    and redacts with it; nothing is left."""
    cfg = _config(tmp_path)
    env = {**os.environ, wp.PRELOAD_ENV: wp.BEHIND}
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, str(ROOT), cfg, str(tmp_path / "out")],
        capture_output=True, text=True, timeout=600, cwd=ROOT, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["spec"].get("behind_stage") is True
    assert result["preloaded"] == ["pii_redact"]
    assert len(result["ready"]) == 1 and result["used"] == result["ready"][0]
    assert "someone@example.com" not in result["text"]
    assert result["left"] == []
