"""The job-less workers readied between runs on the warm local Ray skip the rule filters' warm-up
(operators/quality/_prestart.py) when the last run used none of them (engine/worker_preload.py
``skip_unused_filter_warm_up``; the driver publishes its operators, engine/ray_runtime.py
``ready_next_run``)."""

from __future__ import annotations

import json

import pytest

from engine import ray_runtime, worker_preload
from engine.worker_preload import KV_ENV, LAST_OPS_KEY, PRESTART_ENV


class _KV:
    def __init__(self, value=None):
        self.store = {} if value is None else {LAST_OPS_KEY: value}

    def _internal_kv_get(self, key, namespace=None):
        assert namespace == worker_preload.KV_NAMESPACE
        return self.store.get(key)

    def _internal_kv_put(self, key, value, overwrite=False, namespace=None):
        assert namespace == worker_preload.KV_NAMESPACE and overwrite
        self.store[key] = value.encode() if isinstance(value, str) else value


@pytest.fixture
def worker(monkeypatch):
    """A job-less worker of the warm Ray: the key-value store is the returned fake."""
    from ray.experimental import internal_kv

    kv = _KV()
    for name in ("_internal_kv_get", "_internal_kv_put"):
        monkeypatch.setattr(internal_kv, name, getattr(kv, name))
    monkeypatch.setenv(KV_ENV, "1")
    monkeypatch.setenv("RAY_JOB_ID", "ffffffff")
    monkeypatch.delenv(PRESTART_ENV, raising=False)
    monkeypatch.setattr(worker_preload, "_in_ray_worker", lambda: True)
    return kv


def test_the_filters_named_are_those_the_warm_up_runs():
    from operators.quality import _prestart

    assert worker_preload.PRESTART_FILTERS == _prestart.FILTERS
    assert worker_preload.PRESTART_ENV == _prestart.ENV


def test_after_a_run_without_rule_filters_the_warm_up_is_off(worker, monkeypatch):
    worker_preload.publish_last_ops(["normalize_text", "exact_dedup", "minhash_dedup", "pii_redact"])
    assert worker_preload.skip_unused_filter_warm_up() is True
    import os

    assert os.environ[PRESTART_ENV] == "0"
    from operators.quality import _prestart

    assert _prestart.should_warm() is False  # what the module imported next decides with


@pytest.mark.parametrize(
    "ops",
    [
        ["normalize_text", "gopher_quality"],  # the last run used a rule filter: warm them
        None,  # no run yet (ray up's own workers): as before
        "not json",
        {"op": "x"},
    ],
)
def test_otherwise_the_warm_up_stays(worker, ops):
    import os

    if ops is not None:
        worker.store[LAST_OPS_KEY] = (ops if isinstance(ops, str) else json.dumps(ops)).encode()
    assert worker_preload.skip_unused_filter_warm_up() is False
    assert PRESTART_ENV not in os.environ


@pytest.mark.parametrize("case", ["run_worker", "switch_set", "not_warm_ray", "driver"])
def test_only_job_less_workers_of_the_warm_ray_look(worker, monkeypatch, case):
    import os

    worker_preload.publish_last_ops(["minhash_dedup"])
    if case == "run_worker":
        monkeypatch.setenv("RAY_JOB_ID", "01000000")  # started for a run: nothing to warm
    elif case == "switch_set":
        monkeypatch.setenv(PRESTART_ENV, "1")  # set in the environment of `ray up`: kept
    elif case == "not_warm_ray":
        monkeypatch.delenv(KV_ENV)
    else:
        monkeypatch.setattr(worker_preload, "_in_ray_worker", lambda: False)
    assert worker_preload.skip_unused_filter_warm_up() is False
    assert os.environ.get(PRESTART_ENV) == ("1" if case == "switch_set" else None)


def test_the_ending_run_publishes_its_operators_before_asking_for_workers(monkeypatch):
    from engine import warm_workers

    calls = []
    monkeypatch.setattr(worker_preload, "publish_last_ops", lambda ops: calls.append(("ops", list(ops))))
    monkeypatch.setattr(warm_workers, "enabled", lambda: True)
    monkeypatch.setattr(warm_workers, "raylet_address", lambda: ("127.0.0.1", 1))
    monkeypatch.setattr(
        warm_workers, "prestart_after_exit", lambda n, a: calls.append(("prestart", n)) or True
    )
    import ray

    monkeypatch.setattr(ray, "cluster_resources", lambda: {"CPU": 2.0})
    monkeypatch.setattr(ray_runtime, "_run_ops", ["normalize_text", "minhash_dedup"])
    assert ray_runtime.ready_next_run() is True
    assert calls == [("ops", ["normalize_text", "minhash_dedup"]), ("prestart", 2)]
