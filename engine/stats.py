"""Live run statistics: one small Ray actor that workers report to.

Used for the progress display and for the measured per-step figures that
cannot be derived from the written rows (bytes in/out, seconds, error
counts). These figures are measurements (a retried task is measured twice)
and may be lost with the actor's node. Document counts in the report never
come from here: they come from the reader's unit markers, the steps' own
tally rows and the writer's tallies, which are durable and exact under
retries (engine/accounting.py).

Three ways to hold them:

* :class:`GcsStats` (the default for a run of its own, an embedded Ray or a
  cluster): the figures in the GCS's key-value store, which every Ray process
  reaches already. No process of its own: the actor below took one of the
  workers Ray prestarts (one of two on 2 CPUs, ~0.9 CPU-s a run), and survives
  the loss of any worker node. ``CORPUSFORGE_STATS=actor`` restores the actor.
* :class:`StatsActor`: one actor per run: its process starts with the run.
* :class:`StatsService`: one long-lived, detached actor in the warm local Ray
  of ``corpusforge ray up`` (engine/ray_local.py), already running when a run
  attaches. Each run gets its own :class:`RunFigures`, keyed by its run id
  (:meth:`StatsService.open`), and drops it at its end (:meth:`close`). The
  run holds a :class:`RunStats` handle whose methods look like the actor's
  (``stats.add.remote(...)``), so workers do not know which one they talk to.
  A crashed run's figures stay under its own id (never another run's: the
  watchdog's open calls and the live counts are per run), and are dropped
  when they have been idle for :data:`IDLE_DROP_S` or when more than
  :data:`MAX_RUNS` runs are held.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import threading
import time
import uuid
from collections import defaultdict
from typing import Any

import ray

log = logging.getLogger("corpusforge.executor")

#: How long a worker waits for the statistics actor to take one block's figures.
LIVE_WAIT_S = 60.0


def add_live(stats: Any, *args: Any) -> None:
    """Report one block's live figures (``stats.add``) and wait until they are taken.

    The run reads its live statistics once its last block is written; a worker's
    message still in flight then (nothing else orders a worker's calls before the
    driver's) would be missing from the report's bytes and seconds per step (seen:
    ``bytes_in`` 0 in a fresh-clone test run). One round trip per block. A statistics
    actor that is gone or does not answer within :data:`LIVE_WAIT_S` costs these
    figures (measurements), never the block: document counts do not come from here."""
    ref = stats.add.remote(*args)
    if not isinstance(ref, ray.ObjectRef):  # a stand-in that returns no reference: nothing to wait for
        return
    try:
        ray.get(ref, timeout=LIVE_WAIT_S)
    except ray.exceptions.RayError as exc:
        log.warning("live statistics of a block not taken: %s", type(exc).__name__)


#: The warm local Ray's statistics service: a named, detached actor in its own namespace.
SERVICE_NAME = "corpusforge_stats"
SERVICE_NAMESPACE = "corpusforge"
#: A run's figures untouched this long (its driver died without closing them) are dropped.
IDLE_DROP_S = 6 * 3600.0
#: At most this many runs' figures are held; the least recently used go first.
MAX_RUNS = 64


class RunFigures:
    """One run's live figures (the methods of :class:`StatsActor`)."""

    def __init__(self) -> None:
        self.started = time.time()
        self.steps: dict[str, dict[str, float]] = defaultdict(
            lambda: {
                "docs_in": 0,
                "docs_out": 0,
                "bytes_in": 0,
                "bytes_out": 0,
                "seconds": 0.0,
                "cpu_seconds": 0.0,
                "batches": 0,
            }
        )
        self.errors: dict[str, int] = defaultdict(int)
        # wall-clock time of each step's first and latest report: the progress line's phase
        # rates and the report's first-block time (engine/phases.py)
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        # operator calls in progress, for the watchdog (engine/step_runner.py StepRunner): token -> call
        self.calls: dict[str, dict[str, Any]] = {}

    def add(
        self,
        step: str,
        docs_in: int,
        docs_out: int,
        bytes_in: int,
        bytes_out: int,
        seconds: float,
        at: float | None = None,
        cpu_seconds: float = 0.0,
    ) -> None:
        """Add one batch's figures; ``at``: when the worker finished it (its clock), else now;
        ``cpu_seconds``: the CPU time of the operator's calls on it (engine/step_runner.py).
        Reports are sent without waiting, so they may arrive late (this actor's process
        comes up while the first blocks are read): the time is the sender's."""
        now = at if at is not None else time.time()
        self.first[step] = min(self.first.get(step, now), now)
        self.last[step] = max(self.last.get(step, now), now)
        s = self.steps[step]
        s["docs_in"] += docs_in
        s["docs_out"] += docs_out
        s["bytes_in"] += bytes_in
        s["bytes_out"] += bytes_out
        s["seconds"] += seconds
        s["cpu_seconds"] += cpu_seconds
        s["batches"] += 1

    def add_errors(self, step: str, n: int) -> int:
        self.errors[step] += n
        return self.errors[step]

    def call_started(self, token: str, call: dict[str, Any]) -> None:
        """An operator call began on the documents described by ``call`` (step, ranges, n, id, kill_after)."""
        self.calls[token] = {**call, "started": time.time()}

    def call_ended(self, token: str) -> None:
        self.calls.pop(token, None)

    def open_calls(self, step: str) -> list[dict[str, Any]]:
        """Calls of ``step`` that began and have not ended: running now, or their worker died.
        ``stuck`` tells whether the call outlived its ``kill_after`` (the watchdog ended it)."""
        now = time.time()
        return [
            {**c, "token": t, "stuck": now - c["started"] >= c.get("kill_after", float("inf"))}
            for t, c in self.calls.items()
            if c["step"] == step
        ]

    def snapshot(self) -> dict[str, Any]:
        now = time.time()
        return {
            "elapsed": now - self.started,
            "started": self.started,
            "now": now,
            "steps": {k: dict(v) for k, v in self.steps.items()},
            "errors": dict(self.errors),
            "first": dict(self.first),
            "last": dict(self.last),
        }


#: One actor per run.
StatsActor = ray.remote(num_cpus=0)(RunFigures)

_METHODS = ("add", "add_errors", "call_started", "call_ended", "open_calls", "snapshot")


class RunFiguresByRun:
    """Every run's figures on a warm local Ray, each under its run id (:class:`StatsService`)."""

    def __init__(self) -> None:
        self.runs: dict[str, RunFigures] = {}
        self.touched: dict[str, float] = {}

    def ping(self) -> bool:
        return True

    def open(self, run_id: str) -> None:
        """New, empty figures for ``run_id`` (an id already held starts again from zero)."""
        self._drop_idle()
        self.runs[run_id] = RunFigures()
        self.touched[run_id] = time.time()

    def close(self, run_id: str) -> None:
        self.runs.pop(run_id, None)
        self.touched.pop(run_id, None)

    def runs_held(self) -> list[str]:
        return list(self.runs)

    def call(self, run_id: str, method: str, *args: Any) -> Any:
        """``method`` of ``run_id``'s figures. A run closed (or dropped) has none: an error,
        not another run's figures or a fresh set."""
        if method not in _METHODS:
            raise ValueError(f"no statistics method {method!r}")
        figures = self.runs.get(run_id)
        if figures is None:
            raise KeyError(f"no live statistics for run {run_id}")
        self.touched[run_id] = time.time()
        return getattr(figures, method)(*args)

    def _drop_idle(self) -> None:
        now = time.time()
        for run_id, at in list(self.touched.items()):
            if now - at >= IDLE_DROP_S:
                self.close(run_id)
        while len(self.runs) >= MAX_RUNS:
            self.close(min(self.touched, key=self.touched.__getitem__))


#: The warm local Ray's long-lived statistics actor.
StatsService = ray.remote(num_cpus=0)(RunFiguresByRun)


class _Method:
    """``handle.<method>.remote(*args)`` on a :class:`RunStats`: the service's call for one run."""

    __slots__ = ("service", "run_id", "name")

    def __init__(self, service: Any, run_id: str, name: str) -> None:
        self.service, self.run_id, self.name = service, run_id, name

    def remote(self, *args: Any) -> Any:
        return self.service.call.remote(self.run_id, self.name, *args)


class RunStats:
    """A run's handle on :class:`StatsService`, used like a :class:`StatsActor` handle
    (picklable: workers get it with their tasks)."""

    def __init__(self, service: Any, run_id: str) -> None:
        self.service, self.run_id = service, run_id

    def __getattr__(self, name: str) -> _Method:
        if name in _METHODS:
            return _Method(self.__dict__["service"], self.__dict__["run_id"], name)
        raise AttributeError(name)

    def __reduce__(self):
        return (RunStats, (self.service, self.run_id))


# ------------------------------------------------------------------ the GCS's key-value store
#: Chooses how a run of its own holds its figures: ``actor`` (:class:`StatsActor`), else :class:`GcsStats`.
STATS_ENV = "CORPUSFORGE_STATS"
#: The GCS key-value namespace of every run's live figures.
KV_NAMESPACE = "corpusforge_stats"
#: This process, in the keys it writes (Ray worker ids are not known outside a worker).
_PROCESS = uuid.uuid4().hex[:16]
#: This process's running totals per (run, step), written whole at each report.
_TOTALS: dict[tuple[str, str], dict[str, Any]] = {}
_LOCK = threading.Lock()
#: Numbers of this process's keys, one per (run, step), never reused.
_SLOTS = itertools.count()


#: A long-lived worker (a cluster's, reused by many runs) keeps the totals of this many runs at most.
KEEP_RUNS = 8


def _forget_old_runs(run_id: str) -> None:
    """Drop this process's totals of all but the latest :data:`KEEP_RUNS` runs (their keys stay:
    what they last wrote is what the driver reads), so a worker reused by many runs stays small."""
    runs = list(dict.fromkeys(r for r, _ in _TOTALS))  # in first-report order
    if run_id in runs or len(runs) < KEEP_RUNS:
        return
    for gone in runs[: len(runs) - KEEP_RUNS + 1]:
        for key in [k for k in _TOTALS if k[0] == gone]:
            del _TOTALS[key]


def _kv():
    from ray.experimental import internal_kv

    return internal_kv


class _Now:
    """``handle.<method>.remote(*args)`` on a :class:`GcsStats`: done at once, in the calling process.
    A method with an answer returns it as an object reference (what ``ray.get`` expects of an
    actor's method); one without returns None (nothing to wait for: the store has it)."""

    __slots__ = ("fn",)

    def __init__(self, fn) -> None:
        self.fn = fn

    def remote(self, *args: Any) -> Any:
        return self.fn(*args)


class GcsStats:
    """A run's live figures in the GCS's key-value store, used like a :class:`StatsActor`
    handle (``stats.add.remote(...)``; picklable: workers get it with their tasks).

    Each process keeps its running totals per step and writes them whole under its own
    key at each report (one synchronous put, ~0.1 CPU-ms: when ``add`` returns the
    figures are taken, as :func:`add_live` requires); a snapshot merges the keys, one
    per process and step, so its cost grows with processes, not blocks. Watchdog calls
    are one key each (written before the call, deleted after it); errors one key each,
    their count in the key, so ``add_errors``' total is one listing. The run deletes
    its keys at its end (:meth:`close`); a driver that dies first leaves them in a
    cluster's GCS (a few hundred bytes per process and step)."""

    def __init__(self, run_id: str | None = None, started: float | None = None) -> None:
        self.run_id = run_id or uuid.uuid4().hex
        self.started = started if started is not None else time.time()

    def __reduce__(self):
        return (GcsStats, (self.run_id, self.started))

    def __getattr__(self, name: str) -> _Now:
        if name in _METHODS:
            return _Now(getattr(self, "_" + name))
        raise AttributeError(name)

    # keys: "<run>:s:<process>:<n>" (a process's totals of one step), "<run>:c:<token>" (an open
    # call), "<run>:e:<step as hex>:<unique>:<n>" (n errors)
    def _key(self, kind: str, rest: str) -> str:
        return f"{self.run_id}:{kind}:{rest}"

    def _add(
        self,
        step: str,
        docs_in: int,
        docs_out: int,
        bytes_in: int,
        bytes_out: int,
        seconds: float,
        at: float | None = None,
        cpu_seconds: float = 0.0,
    ) -> None:
        now = at if at is not None else time.time()
        with _LOCK:  # the put too: two threads of one actor must not write older totals last
            key = (self.run_id, step)
            s = _TOTALS.get(key)
            if s is None:
                _forget_old_runs(self.run_id)
                s = _TOTALS[key] = {
                    "step": step,
                    "slot": next(_SLOTS),
                    "docs_in": 0,
                    "docs_out": 0,
                    "bytes_in": 0,
                    "bytes_out": 0,
                    "seconds": 0.0,
                    "cpu_seconds": 0.0,
                    "batches": 0,
                    "first": now,
                    "last": now,
                }
            s["docs_in"] += docs_in
            s["docs_out"] += docs_out
            s["bytes_in"] += bytes_in
            s["bytes_out"] += bytes_out
            s["seconds"] += seconds
            s["cpu_seconds"] += cpu_seconds
            s["batches"] += 1
            s["first"] = min(s["first"], now)
            s["last"] = max(s["last"], now)
            _kv()._internal_kv_put(
                self._key("s", f"{_PROCESS}:{s['slot']}"), json.dumps(s), namespace=KV_NAMESPACE
            )

    def _add_errors(self, step: str, n: int):
        import ray

        kv = _kv()
        prefix = self._key("e", step.encode().hex() + ":")
        kv._internal_kv_put(f"{prefix}{uuid.uuid4().hex}:{int(n)}", b"", namespace=KV_NAMESPACE)
        keys = kv._internal_kv_list(prefix, namespace=KV_NAMESPACE)
        return ray.put(sum(int(k.rsplit(b":", 1)[1]) for k in keys))

    def _call_started(self, token: str, call: dict[str, Any]) -> None:
        body = json.dumps({**call, "token": token, "started": time.time()})
        _kv()._internal_kv_put(self._key("c", token), body, namespace=KV_NAMESPACE)

    def _call_ended(self, token: str) -> None:
        _kv()._internal_kv_del(self._key("c", token), namespace=KV_NAMESPACE)

    def _values(self, kind: str) -> list[dict[str, Any]]:
        kv = _kv()
        out = []
        for key in kv._internal_kv_list(self._key(kind, ""), namespace=KV_NAMESPACE):
            body = kv._internal_kv_get(key, namespace=KV_NAMESPACE)
            if body is not None:  # ended between the listing and now
                out.append(json.loads(body))
        return out

    def _open_calls(self, step: str):
        import ray

        now = time.time()
        calls = [
            {**c, "stuck": now - c["started"] >= c.get("kill_after", float("inf"))}
            for c in self._values("c")
            if c["step"] == step
        ]
        return ray.put(calls)

    def figures(self) -> dict[str, Any]:
        """The run's figures merged (the shape of :meth:`RunFigures.snapshot`), in this process."""
        now = time.time()
        steps: dict[str, dict[str, float]] = {}
        first: dict[str, float] = {}
        last: dict[str, float] = {}
        for s in self._values("s"):
            name = s["step"]
            t = steps.setdefault(
                name,
                dict.fromkeys(
                    ("docs_in", "docs_out", "bytes_in", "bytes_out", "seconds", "cpu_seconds", "batches"), 0
                ),
            )
            for k in t:
                t[k] += s.get(k, 0)
            first[name] = min(first.get(name, s["first"]), s["first"])
            last[name] = max(last.get(name, s["last"]), s["last"])
        errors: dict[str, int] = defaultdict(int)
        for key in _kv()._internal_kv_list(self._key("e", ""), namespace=KV_NAMESPACE):
            _, _, hexstep, _, n = key.decode().rsplit(":", 4)
            errors[bytes.fromhex(hexstep).decode()] += int(n)
        return {
            "elapsed": now - self.started,
            "started": self.started,
            "now": now,
            "steps": steps,
            "errors": dict(errors),
            "first": first,
            "last": last,
        }

    def _snapshot(self):
        import ray

        return ray.put(self.figures())

    def close(self) -> None:
        """Delete the run's keys (its figures are read by then)."""
        try:
            _kv()._internal_kv_del(f"{self.run_id}:", del_by_prefix=True, namespace=KV_NAMESPACE)
        except Exception as exc:  # noqa: BLE001 - never hide the run's own outcome behind this
            log.warning("ending the run's live statistics: %s", exc)


class GcsStatsStarter:
    """What :func:`engine.ray_runtime.start_stats` starts for a run of its own when the figures
    live in the GCS: ``.options(...)`` (where an actor would be placed) is ignored, ``.remote()``
    gives a new :class:`GcsStats`."""

    @staticmethod
    def options(**_kwargs: Any) -> type[GcsStatsStarter]:
        return GcsStatsStarter

    @staticmethod
    def remote() -> GcsStats:
        return GcsStats()


def run_stats_class():
    """The statistics of a run of its own: :class:`GcsStatsStarter`, or :class:`StatsActor`
    when ``CORPUSFORGE_STATS=actor``."""
    return StatsActor if os.environ.get(STATS_ENV) == "actor" else GcsStatsStarter


def end_stats(stats) -> None:
    """End the run's live statistics: its keys deleted from the GCS, else
    :func:`engine.ray_runtime.stop_stats` (the service's figures dropped, or the actor killed)."""
    if isinstance(stats, GcsStats):
        stats.close()
        return
    from engine.ray_runtime import stop_stats

    stop_stats(stats)
