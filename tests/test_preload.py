"""Worker preload (engine/worker_preload.py): a Ray worker sets up the run's operators as it
starts; a step's first batch adopts them, and only where that cannot change what they do."""

from __future__ import annotations

import json
import threading

import pytest

from engine import worker_preload as wp
from engine.config import load_config
from engine.operator import Mapper, OpParams
from engine.step_runner import StepRunner

PIPELINE = [
    {"op": "normalize_text"},
    {"op": "language_id", "keep": ["en"], "min_score": 0.3},
    {"op": "length_filter", "min_words": 2},
    {"op": "exact_dedup"},
    {"op": "pii_redact"},
]


def _steps(pipeline=PIPELINE):
    cfg = load_config(
        {"input": {"paths": ["x.jsonl"]}, "output": {"path": "/tmp/unused"}, "pipeline": pipeline}
    )
    return {s.name: s for s in cfg.steps}


@pytest.fixture
def fresh(monkeypatch):
    """The module's per-process state, empty, as in a worker that has just started."""
    monkeypatch.setattr(wp, "_started", {})
    monkeypatch.setattr(wp, "_ready", {})
    monkeypatch.setattr(wp, "_claimed", set())
    monkeypatch.setattr(wp, "_thread", threading.current_thread())  # "a preload runs here"
    monkeypatch.setattr(wp, "_step_actor_started", threading.Event())
    return wp


def test_only_built_in_cpu_operators_with_setup_and_no_teardown_are_preloaded():
    steps = _steps()
    assert {n for n, s in steps.items() if wp.preloadable(s)} == {"language_id", "pii_redact"}


class _Plugin(Mapper):
    """A plugin with setup: its setup may read the run context, so it is never set up ahead."""

    name = "preload_test_plugin"

    class Params(OpParams):
        pass

    def setup(self, ctx):
        self.ready = True

    def transform(self, table):
        return table


def test_a_plugin_or_an_operator_with_teardown_is_not_preloaded():
    from engine.config import register_operator, unregister_operator

    register_operator(_Plugin)
    try:
        step = _steps([{"op": "preload_test_plugin"}])["preload_test_plugin"]
    finally:
        unregister_operator("preload_test_plugin")
    assert step.op_cls.is_stateful() and not wp.preloadable(step)


def test_the_spec_names_the_config_and_its_overrides(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "input: {paths: [x.jsonl]}\noutput: {path: /tmp/o}\n"
        "pipeline: [{op: language_id}, {op: length_filter}, {op: pii_redact}]\n"
    )
    spec = wp.spec_for(str(cfg), ["pipeline.0.min_score=0.9"])
    steps = wp._load_steps(spec)
    assert [s.name for s in steps] == ["language_id", "pii_redact"]
    assert steps[0].params.min_score == 0.9  # the override reached the worker's copy
    raw = json.loads(wp.spec_for(raw={"pipeline": [{"op": "pii_redact"}]}))
    assert [s.name for s in wp._load_steps(json.dumps(raw))] == ["pii_redact"]


def test_a_step_adopts_the_operator_set_up_ahead(fresh):
    steps = _steps()
    fresh._preload([steps["language_id"]])
    key = wp.key_of(steps["language_id"])
    ready = fresh._ready[key][0]
    assert ready._ready  # set up
    runner = StepRunner(steps["language_id"])
    assert wp.adopt_preloaded(runner) and runner.op is ready
    assert fresh._ready[key] == []  # adopted once: a second step of the same config sets up its own
    other = StepRunner(steps["language_id"])
    assert not wp.adopt_preloaded(other) and other.op is not ready


def test_a_step_that_comes_first_sets_up_its_own_and_the_preload_skips_it(fresh):
    steps = _steps()
    runner = StepRunner(steps["language_id"])
    assert not wp.adopt_preloaded(runner)  # the preload had not begun it
    fresh._preload([steps["language_id"]])
    assert wp.key_of(steps["language_id"]) not in fresh._ready  # not set up twice


def test_different_parameters_are_never_adopted(fresh):
    steps = _steps()
    fresh._preload([steps["language_id"]])
    other = _steps([{"op": "language_id", "keep": ["en"], "min_score": 0.9}])["language_id"]
    runner = StepRunner(other)
    assert not wp.adopt_preloaded(runner)
    assert runner.op.params.min_score == 0.9


def test_a_step_waits_for_a_setup_under_way(fresh, monkeypatch):
    steps = _steps()
    step = steps["language_id"]
    gate = threading.Event()
    real_build = type(step).build

    def slow_build(self):
        gate.wait(10)
        return real_build(self)

    monkeypatch.setattr(type(step), "build", slow_build)
    t = threading.Thread(target=fresh._preload, args=([step],))
    t.start()
    while wp.key_of(step) not in fresh._started:  # the preload has begun it
        threading.Event().wait(0.01)
    runner = StepRunner.__new__(StepRunner)
    runner.step = step
    adopted = []
    waiter = threading.Thread(target=lambda: adopted.append(wp.adopt_preloaded(runner)))
    waiter.start()
    waiter.join(0.3)
    assert waiter.is_alive()  # waiting for the setup under way, not setting up a second one
    gate.set()
    waiter.join(30)
    t.join(30)
    assert adopted == [True] and runner.op._ready


def test_a_failed_setup_leaves_the_step_to_set_up_its_own(fresh, monkeypatch):
    steps = _steps()
    step = steps["language_id"]

    def broken(self, ctx=None):
        raise RuntimeError("model file gone")

    monkeypatch.setattr(step.op_cls, "ensure_setup", broken)
    fresh._preload([step])
    monkeypatch.undo()
    runner = StepRunner(step)
    assert not wp.adopt_preloaded(runner)


def test_the_preload_begins_once_with_the_workers_first_step(monkeypatch):
    monkeypatch.setattr(wp, "_thread", None)
    monkeypatch.setattr(wp, "_deferred", None)
    assert not wp.kick()  # nothing prepared (a driver, a run without preload)
    began = []
    monkeypatch.setattr(wp, "_run", lambda spec: began.append(spec))
    monkeypatch.setattr(wp, "_deferred", "spec")
    assert wp.kick() and not wp.kick()
    wp._thread.join(10)
    assert began == ["spec"]


def test_nothing_is_preloaded_outside_a_ray_worker(monkeypatch):
    monkeypatch.setattr(wp, "_thread", None)
    monkeypatch.setenv(wp.PRELOAD_ENV, wp.spec_for(raw={"pipeline": [{"op": "pii_redact"}]}))
    assert not wp.start()  # the driver (or a test) never preloads
    monkeypatch.setenv(wp.PRELOAD_ENV, "0")
    assert not wp.enabled()
    monkeypatch.delenv(wp.PRELOAD_ENV)
    assert not wp.enabled()  # opt-in
    monkeypatch.setenv(wp.PRELOAD_ENV, "1")
    assert wp.enabled()


PRELOAD_DRIVER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from engine import console, ray_runtime
from engine.config import load_config
from engine.shutdown import guarded_run, processes_with_token
overrides = ["output.path=" + sys.argv[3], "ray.num_cpus=1"]
ray_runtime.prestart(sys.argv[2], overrides, None)
cfg = load_config(sys.argv[2], overrides)
console.enable()
with guarded_run(embedded=True) as token:
    ray_runtime.init_ray(cfg, sys.argv[3])
    import ray
    import pyarrow as pa

    @ray.remote
    def adopt(first, step):
        from engine import worker_preload as wp
        from engine.columns import add_engine_columns
        from engine.ray_steps import _StepTask

        table = add_engine_columns(pa.table({"id": ["1"], "text": ["mail me at someone@example.com"]}), "x", 0)
        assert not wp._started  # nothing set up before this worker runs a step
        _StepTask(first, None, 10)(table)  # the worker's first step: its preload begins
        t0 = time.time()
        while wp.key_of(step) not in wp._started and time.time() - t0 < 120:
            time.sleep(0.05)
        wp._started[wp.key_of(step)].wait(120)
        ready = [id(op) for op in wp._ready.get(wp.key_of(step), [])]
        task = _StepTask(step, None, 10)
        out = task(table)
        return {"ready": ready, "used": id(_StepTask._cache[task.key].op), "text": out.column("text")[0].as_py()}

    steps = {s.name: s for s in cfg.steps}
    result = ray.get(adopt.remote(steps["normalize_text"], steps["pii_redact"]))
    console.release()
    ray.shutdown()
    ray_runtime.stop_lean_head()
print(json.dumps({**result, "left": processes_with_token(token)}))
"""


def test_a_command_line_run_sets_up_its_operators_in_the_workers_as_they_start(tmp_path):
    """With ``CORPUSFORGE_WORKER_PRELOAD=1``, the prestarted head's workers read the run's
    config; a worker's first step begins the preload, which sets up pii_redact; that step's
    task adopts the operator and redacts with it; nothing is left."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"input: {{paths: [{tmp_path / 'x.jsonl'}]}}\noutput: {{path: {tmp_path / 'o'}}}\n"
                   "pipeline: [{op: normalize_text}, {op: pii_redact}]\n")  # fmt: skip
    proc = subprocess.run(
        [sys.executable, "-c", PRELOAD_DRIVER, str(root), str(cfg), str(tmp_path / "out")],
        capture_output=True, text=True, timeout=600, cwd=root, env={**os.environ, wp.PRELOAD_ENV: "1"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(result["ready"]) == 1 and result["used"] == result["ready"][0]
    assert "someone@example.com" not in result["text"]
    assert result["left"] == []


WARM_DRIVER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from engine import ray_runtime
from engine.config import load_config
overrides = ["output.path=" + sys.argv[3]]
early = ray_runtime.prestart(sys.argv[2], overrides, "auto")
cfg = load_config(sys.argv[2], overrides)
cfg.ray.address = "auto"
ray_runtime.init_ray(cfg)
import ray

@ray.remote
def ready(step):
    from engine import worker_preload as wp

    wp.kick()  # as the worker's first per-document step does
    t0 = time.time()
    while wp.key_of(step) not in wp._started and time.time() - t0 < 120:
        time.sleep(0.05)
    wp._started[wp.key_of(step)].wait(120)
    return len(wp._ready.get(wp.key_of(step), []))

pii = [s for s in cfg.steps if s.name == "pii_redact"][0]
n = ray.get(ready.remote(pii))
from engine import worker_preload
worker_preload.unpublish()
ray.shutdown()
print(json.dumps({"early": early, "ready": n}))
"""


def test_a_run_on_the_warm_local_ray_attaches_early_and_its_workers_preload(tmp_path):
    """``--ray auto`` with ``corpusforge ray up`` and ``CORPUSFORGE_EARLY_ATTACH=1``: the
    command line attaches while the config loads (its job's workers start then), and the workers read the run's config from Ray's
    key-value store and set up pii_redact; ``ray down`` leaves nothing."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from engine.shutdown import processes_with_token

    root = Path(__file__).resolve().parents[1]
    ray_dir = tempfile.mkdtemp(prefix="cfr", dir="/tmp")  # short: Ray's socket paths live under it
    env = {**os.environ, "CORPUSFORGE_RAY_DIR": ray_dir}
    env.pop("RAY_ADDRESS", None)
    cli = [sys.executable, "-m", "engine.cli", "ray"]
    try:
        up = subprocess.run([*cli, "up", "--num-cpus", "1"], env=env, cwd=root, capture_output=True, text=True,
                            timeout=300)  # fmt: skip
        assert up.returncode == 0, up.stdout + up.stderr
        token = json.loads(Path(ray_dir, "state.json").read_text())["token"]
        cfg = tmp_path / "c.yaml"
        cfg.write_text(f"input: {{paths: [{tmp_path / 'x.jsonl'}]}}\noutput: {{path: {tmp_path / 'o'}}}\n"
                       "pipeline: [{op: normalize_text}, {op: pii_redact}]\n")  # fmt: skip
        proc = subprocess.run(
            [sys.executable, "-c", WARM_DRIVER, str(root), str(cfg), str(tmp_path / "out")],
            capture_output=True, text=True, timeout=600, cwd=root, env={**env, wp.PRELOAD_ENV: "1", "CORPUSFORGE_EARLY_ATTACH": "1"},
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr[-3000:]
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        assert result == {"early": True, "ready": 1}
        # a config refused after the early attach: exit 2, the driver detached, the warm Ray stays
        bad = tmp_path / "bad.yaml"
        bad.write_text(
            f"input: {{paths: [{tmp_path}]}}\noutput: {{path: {tmp_path / 'b'}}}\npipeline: [{{op: nope}}]\n"
        )
        early_env = {**env, "CORPUSFORGE_EARLY_ATTACH": "1"}
        run = subprocess.run([sys.executable, "-m", "engine.cli", "run", str(bad), "--ray", "auto", "--json"],
                             env=early_env, cwd=root, capture_output=True, text=True, timeout=300)  # fmt: skip
        assert run.returncode == 2 and "nope" in run.stderr
        assert processes_with_token(token), "the refused run stopped the warm Ray"
    finally:
        subprocess.run([*cli, "down"], env=env, cwd=root, capture_output=True, timeout=120)
        shutil.rmtree(ray_dir, ignore_errors=True)
    assert processes_with_token(token) == []
