"""The warm local Ray's statistics service (engine/stats.py ``StatsService``):
each run's live figures under its own run id, dropped at its end; a crashed
run's figures never reach another run's."""

from __future__ import annotations

import pickle

import pytest

from engine import stats as S


class _Ref:
    def __init__(self, value):
        self.value = value


class _FakeHandle:
    """A stand-in for the service's actor handle: ``call.remote`` runs the method here."""

    def __init__(self, service: S.RunFiguresByRun) -> None:
        self.service = service

    @property
    def call(self):
        service = self.service

        class _Call:
            @staticmethod
            def remote(*args):
                return _Ref(service.call(*args))

        return _Call()

    def __reduce__(self):  # picklable like an actor handle; shares the service in this process
        _SHARED[id(self.service)] = self.service
        return (_restore, (id(self.service),))


_SHARED: dict[int, S.RunFiguresByRun] = {}


def _restore(key: int) -> _FakeHandle:
    return _FakeHandle(_SHARED[key])


def test_each_run_has_its_own_figures_and_closing_drops_them():
    svc = S.RunFiguresByRun()
    svc.open("a")
    svc.open("b")
    svc.call("a", "add", "read", 10, 9, 100, 90, 0.5, 1000.0)
    svc.call("b", "add", "read", 3, 3, 30, 30, 0.1, 2000.0)
    svc.call("a", "add", "read", 5, 5, 50, 50, 0.2, 1001.0)
    a, b = svc.call("a", "snapshot"), svc.call("b", "snapshot")
    assert a["steps"]["read"]["docs_in"] == 15 and a["steps"]["read"]["batches"] == 2
    assert b["steps"]["read"]["docs_in"] == 3 and b["first"]["read"] == 2000.0
    assert a["first"]["read"] == 1000.0 and a["last"]["read"] == 1001.0
    svc.close("a")
    assert svc.runs_held() == ["b"]
    with pytest.raises(KeyError):  # a closed run's figures are gone, not silently recreated
        svc.call("a", "snapshot")
    with pytest.raises(ValueError):
        svc.call("b", "runs_held")  # only the figures' methods


def test_a_crashed_runs_open_calls_and_counts_do_not_reach_a_new_run():
    svc = S.RunFiguresByRun()
    svc.open("crashed")
    svc.call("crashed", "call_started", "t1", {"step": "length_filter", "ranges": [], "n": 4, "id": "x"})
    svc.call("crashed", "add", "length_filter", 4, 4, 40, 40, 0.1)
    svc.call("crashed", "add_errors", "length_filter", 2)
    # the crashed run never closes; a new run with the same step names starts from zero
    svc.open("new")
    assert svc.call("new", "open_calls", "length_filter") == []
    assert svc.call("new", "snapshot")["steps"] == {}
    assert svc.call("new", "add_errors", "length_filter", 1) == 1
    assert [c["token"] for c in svc.call("crashed", "open_calls", "length_filter")] == ["t1"]
    svc.open("new")  # an id opened again starts from zero
    assert svc.call("new", "add_errors", "length_filter", 1) == 1


def test_idle_and_surplus_runs_are_dropped(monkeypatch):
    svc = S.RunFiguresByRun()
    now = [1_000_000.0]
    monkeypatch.setattr(S.time, "time", lambda: now[0])
    svc.open("old")
    now[0] += S.IDLE_DROP_S - 1
    svc.open("recent")
    now[0] += 2  # "old" is idle for IDLE_DROP_S + 1 s, "recent" for 2 s
    svc.open("third")
    assert sorted(svc.runs_held()) == ["recent", "third"]
    for i in range(S.MAX_RUNS + 5):
        now[0] += 1
        svc.open(f"r{i}")
    held = svc.runs_held()
    assert len(held) == S.MAX_RUNS and "recent" not in held and f"r{S.MAX_RUNS + 4}" in held


def test_run_stats_handle_routes_like_an_actor_handle_and_pickles():
    svc = S.RunFiguresByRun()
    svc.open("r1")
    handle = S.RunStats(_FakeHandle(svc), "r1")
    handle.add.remote("read", 2, 2, 20, 20, 0.1)
    copy = pickle.loads(pickle.dumps(handle))  # as a worker receives it
    assert copy.run_id == "r1"
    copy.add.remote("read", 3, 1, 30, 10, 0.1)
    snap = copy.snapshot.remote().value
    assert snap["steps"]["read"]["docs_in"] == 5 and snap["steps"]["read"]["docs_out"] == 3
    with pytest.raises(AttributeError):
        handle.kill  # noqa: B018 - not a method of the figures


def test_service_and_start_stats_on_a_real_ray(ray_session):
    import ray

    from engine import ray_runtime
    from engine.stats import SERVICE_NAME, SERVICE_NAMESPACE, RunStats, StatsActor, StatsService

    service = StatsService.options(
        name=SERVICE_NAME, namespace=SERVICE_NAMESPACE, lifetime="detached"
    ).remote()
    try:
        ray.get(service.ping.remote())
        ray_runtime._warm_local = True
        try:
            first = ray_runtime.start_stats(StatsActor)
            second = ray_runtime.start_stats(StatsActor)
        finally:
            ray_runtime._warm_local = False
        assert isinstance(first, RunStats) and first.run_id != second.run_id

        @ray.remote
        def report(stats, n):  # a worker reporting through the handle it was given
            ray.get(stats.add.remote("read", n, n, 0, 0, 0.0))
            return True

        ray.get([report.remote(first, 7), report.remote(second, 2)])
        assert ray_runtime.stats_snapshot(first)["steps"]["read"]["docs_in"] == 7
        assert ray_runtime.stats_snapshot(second)["steps"]["read"]["docs_in"] == 2
        ray_runtime.stop_stats(first)
        assert ray.get(service.runs_held.remote()) == [second.run_id]
        ray_runtime.stop_stats(second)
        assert ray.get(service.runs_held.remote()) == []
        # without the warm flag: a per-run actor, killed at the end
        own = ray_runtime.start_stats(StatsActor)
        assert not isinstance(own, RunStats)
        ray_runtime.stop_stats(own)
    finally:
        ray.kill(service)
