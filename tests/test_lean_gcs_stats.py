"""A run's live figures in the GCS's key-value store (engine/stats.py ``GcsStats``): the
statistics actor's methods without its process. Reports from several worker processes
merge per step; watchdog calls are listed until they end; errors add up across workers;
the run's keys are gone after ``close``; another run's figures never mix in."""

from __future__ import annotations

import pickle

import pytest
import ray

from engine import stats as S


@pytest.fixture()
def gcs_stats(ray_session):
    handle = S.GcsStats()
    yield handle
    handle.close()


@ray.remote(num_cpus=0)
def _report(handle, step: str, blocks: int, docs: int) -> None:
    for _ in range(blocks):
        S.add_live(handle, step, docs, docs - 1, 10 * docs, 10 * docs - 5, 0.25, None)


def test_reports_from_workers_merge_per_step(gcs_stats):
    ray.get([_report.remote(gcs_stats, "filter", 3, 4), _report.remote(gcs_stats, "filter", 2, 5)])
    ray.get(_report.remote(gcs_stats, "read", 1, 9))
    snap = ray.get(gcs_stats.snapshot.remote())
    f = snap["steps"]["filter"]
    assert (f["docs_in"], f["docs_out"], f["batches"]) == (3 * 4 + 2 * 5, 3 * 3 + 2 * 4, 5)
    assert (f["bytes_in"], f["bytes_out"]) == (220, 220 - 25)
    assert f["seconds"] == pytest.approx(1.25)
    assert snap["steps"]["read"]["docs_in"] == 9
    assert snap["first"]["filter"] <= snap["last"]["filter"]
    assert snap["started"] == gcs_stats.started and snap["elapsed"] >= 0


def test_runs_are_separate_and_close_drops_keys(gcs_stats):
    other = S.GcsStats()
    try:
        ray.get(_report.remote(other, "filter", 1, 3))
        assert ray.get(gcs_stats.snapshot.remote())["steps"] == {}
        assert ray.get(other.snapshot.remote())["steps"]["filter"]["docs_in"] == 3
    finally:
        other.close()
    assert other.figures()["steps"] == {}


def test_watchdog_calls_listed_until_ended(gcs_stats):
    call = {"step": "f", "ranges": [("a.jsonl", 0, 9)], "n": 10, "id": None, "kill_after": 0.0}
    assert gcs_stats.call_started.remote("t1", call) is None
    gcs_stats.call_started.remote("t2", {**call, "step": "g", "kill_after": 1e9})
    open_f = ray.get(gcs_stats.open_calls.remote("f"))
    assert [(c["token"], c["stuck"], c["n"]) for c in open_f] == [("t1", True, 10)]
    assert [tuple(r) for r in open_f[0]["ranges"]] == [("a.jsonl", 0, 9)]
    assert ray.get(gcs_stats.open_calls.remote("g"))[0]["stuck"] is False
    gcs_stats.call_ended.remote("t1")
    assert ray.get(gcs_stats.open_calls.remote("f")) == []


@ray.remote(num_cpus=0)
def _errors(handle, step: str, n: int) -> int:
    return ray.get(handle.add_errors.remote(step, n))


def test_errors_add_up_across_processes(gcs_stats):
    assert ray.get(gcs_stats.add_errors.remote("step:one", 2)) == 2
    assert ray.get(_errors.remote(gcs_stats, "step:one", 3)) == 5
    assert ray.get(_errors.remote(gcs_stats, "other", 1)) == 1
    assert gcs_stats.figures()["errors"] == {"step:one": 5, "other": 1}


def test_handle_pickles_to_the_same_run(gcs_stats):
    copy = pickle.loads(pickle.dumps(gcs_stats))
    assert (copy.run_id, copy.started) == (gcs_stats.run_id, gcs_stats.started)
    with pytest.raises(AttributeError):
        copy.no_such_method  # noqa: B018


def test_the_default_is_the_store_and_the_actor_on_request(monkeypatch):
    monkeypatch.delenv(S.STATS_ENV, raising=False)
    starter = S.run_stats_class()
    assert isinstance(starter.options(scheduling_strategy=None).remote(), S.GcsStats)
    monkeypatch.setenv(S.STATS_ENV, "actor")
    assert S.run_stats_class() is S.StatsActor


class _Recorder:
    """Stands in for the statistics: keeps the arguments of every ``add``."""

    def __init__(self) -> None:
        self.added: list[tuple] = []
        recorder = self

        class _Add:
            @staticmethod
            def remote(*args):
                recorder.added.append(args)

        self.add = _Add()


def test_step_runner_reports_the_operators_cpu(monkeypatch, tmp_path):
    """Each batch's report carries the CPU time of the operator's calls (the report's ``cpu_seconds``)."""
    import time

    from engine import runner
    from engine.config import load_config
    from engine.step_runner import StepRunner
    from tests.test_watchdog_retry import _batch

    cfg = load_config(
        {
            "input": {"paths": [str(tmp_path)]},
            "output": {"path": str(tmp_path / "o")},
            "pipeline": [{"op": "length_filter", "min_words": 1}],
        }
    )
    real = runner.run_operator

    def busy(op, rows, name):
        end = time.thread_time() + 0.05 * rows.num_rows  # 50 ms of CPU per document
        while time.thread_time() < end:
            pass
        return real(op, rows, name)

    monkeypatch.setattr(runner, "run_operator", busy)
    stats = _Recorder()
    StepRunner(cfg.steps[0], stats, doc_timeout_s=None)(_batch(4))
    (args,) = stats.added
    cpu = args[7]
    assert 0.19 <= cpu <= args[5] + 0.01  # 4 x 50 ms, and never more than the call's wall time


def test_a_worker_reused_by_many_runs_keeps_few_totals(monkeypatch):
    """Only the latest KEEP_RUNS runs' totals stay in a process; keys of one run never collide."""
    monkeypatch.setattr(S, "_TOTALS", {})
    puts: dict[str, str] = {}

    class _KV:
        @staticmethod
        def _internal_kv_put(key, value, namespace=None):
            puts[key] = value

    monkeypatch.setattr(S, "_kv", lambda: _KV)
    handles = [S.GcsStats(f"run{i}") for i in range(S.KEEP_RUNS + 5)]
    for h in handles:
        h.add.remote("a", 1, 1, 1, 1, 0.0)
        h.add.remote("b", 1, 1, 1, 1, 0.0)
    assert {r for r, _ in S._TOTALS} == {h.run_id for h in handles[-S.KEEP_RUNS :]}
    assert len(puts) == 2 * len(handles)  # every (run, step) under its own key, none written over
    last = handles[-1]
    last.add.remote("a", 2, 2, 2, 2, 0.0)  # the latest run's totals go on from where they were
    assert S._TOTALS[(last.run_id, "a")]["docs_in"] == 3
