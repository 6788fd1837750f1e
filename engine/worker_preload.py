"""A Ray worker that runs the run's per-document steps sets up their operators ahead, on a
thread, so that a step's first block here finds its operator ready instead of
loading its model on the block's path (pii_redact: Presidio and its recognizers, ~1.3 CPU-s,
in the quickstart's final stream, long after the worker's first step).

How it gets there: the process that starts the run's Ray puts :data:`PRELOAD_ENV` (the
config's path and ``--set`` overrides, or the validated config itself) into the environment
the head's processes inherit; on the warm local Ray of ``corpusforge ray up``, whose
environment is fixed, the driver publishes it in Ray's key-value store under its job
(:func:`publish`). Ray imports this module in every worker before the worker takes work
(``preload_python_modules``, engine/ray_runtime.py). In a Ray worker (never in a driver) the
preload begins with the worker's first per-document step (:func:`kick`;
``CORPUSFORGE_PRELOAD_WHEN=start``: as the worker starts): a thread (:data:`PRELOAD_NICE`)
reads the config and builds and sets up, one after the other, the operators of the steps that can be set up ahead of their run context
(:func:`preloadable`), while the worker's main thread runs its tasks. A step's first batch in
this worker adopts the ready operator (:func:`adopt_preloaded`); it waits when that setup is
under way (the same work it would otherwise do itself); when the preload has not begun it,
the step sets up its own, as without a preload, and the preload skips it.

An operator is set up ahead only where that cannot change what it does: a built-in operator
(its ``setup`` reads no run context; the run's context is bound to it before its first
batch), with no ``teardown`` (a task worker's cached operator ends at process exit, where Ray
may skip exit hooks: engine/ray_steps.py), on the CPU (a ``device: auto`` step is settled
against the cluster by the driver: its parameters, the key, differ). The key is the operator
class and its parameters, so an operator is adopted only by a step of the same configuration.
A worker that turns out to host another actor (the statistics actor) stops after the step
under way. Any failure only logs: the step then sets up its operator as before.
When it runs (:func:`prestart_spec`):

* ``CORPUSFORGE_WORKER_PRELOAD=1``: every preloadable step of the pipeline, in every run.
* ``CORPUSFORGE_WORKER_PRELOAD=behind``: only where it cannot set up an operator twice and its
  setup would otherwise wait on the run's path: a command-line run on its embedded head whose small input is read by one
  worker (engine/ray_runtime.py ``one_task_input``: the head prestarts one worker fewer) and
  whose pipeline has steps after a global stage. Only those steps are set up ahead
  (``behind_stage`` in the spec): the one worker begins with the input pass at the first block,
  its preload thread sets up the final stream's operators (the quickstart's pii_redact:
  Presidio, spaCy and the recognizers, ~1.5 CPU-s) while the stages run, and the stream
  starts with them ready instead of setting them up on its first batch.
* Unset (the default) or ``0``: never. ``behind`` was the default for a few hours: quiet
  quickstarts with it took 12.1-14.0 s against 8.0-9.3 s without (2026-12-02 11:01-11:14; the
  exact_dedup stage 3.4-4.1 s against 1.2-1.3 s: the preload thread holds the GIL the stage's
  work needs, and the stream gained less than the stages lost).

Measured before the default: with every preloadable step and every prestarted worker (two on
this 2-core machine), ``scripts/bench_startup.py --ab CORPUSFORGE_WORKER_PRELOAD=1`` took ~1.3 s
off the quickstart's final stream but added 0.6-1.8 CPU-s per run (the second worker set up
pii_redact that only one used) and lengthened the first stage. With one worker and only the
steps behind a stage, nothing is set up twice: docs/startup.md has the figures.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from typing import Any

log = logging.getLogger("corpusforge.preload")

#: The environment variable a worker reads its run's config from (JSON: ``{"config": path,
#: "overrides": [...]}`` or ``{"raw": {...}}``); set to ``0`` before the run starts: no preload.
PRELOAD_ENV = "CORPUSFORGE_WORKER_PRELOAD"

_lock = threading.Lock()
#: (operator class, parameters) -> set once the preload has set that operator up (or failed).
_started: dict[tuple[type, str], threading.Event] = {}
#: (operator class, parameters) -> operators set up ahead, not adopted yet.
_ready: dict[tuple[type, str], list[Any]] = {}
#: Operators a step of this worker set up itself before the preload began them: skipped.
_claimed: set[tuple[type, str]] = set()
_thread: threading.Thread | None = None
#: Set by a step's pool actor as it starts: its worker goes on preloading.
_step_actor_started = threading.Event()
#: Niceness the preload thread adds to its process's. 0: a thread of higher niceness holds the
#: GIL while the scheduler passes it over, and its worker's tasks stall meanwhile (at +10 the
#: quickstart's first stage took 17.1 vs 12.2 s at load 17-30; at 0, 5.4 vs 4.8 s at load 18).
PRELOAD_NICE = 0
_native_id: int | None = None
_base_nice = 0


#: Set in the environment of the warm local Ray (``corpusforge ray up``): its workers outlive no
#: run but are started by its raylet, whose environment is fixed; a worker of a run reads the
#: run's value of :data:`PRELOAD_ENV` from Ray's key-value store instead (:func:`publish`).
KV_ENV = "CORPUSFORGE_PRELOAD_FROM_KV"
KV_NAMESPACE = "corpusforge"
#: How long a worker of the warm Ray looks for its run's config (its driver publishes it right
#: after attaching: it is there before the worker has imported the engine).
KV_WAIT_S = 10.0
_to_publish: str | None = None


def _kv_key(job_id: str) -> str:
    return f"preload/{job_id}"


def publish_on_attach(spec: str) -> None:
    """The spec :func:`publish` will put in the key-value store once the driver has attached."""
    global _to_publish
    _to_publish = spec


def publish() -> None:
    """In a driver attached to the warm local Ray: make the run's config (given to
    :func:`publish_on_attach`) readable by its job's workers."""
    global _to_publish
    spec, _to_publish = _to_publish, None
    if spec is None:
        return
    try:
        import ray
        from ray.experimental import internal_kv

        job = ray.get_runtime_context().get_job_id()
        internal_kv._internal_kv_put(_kv_key(job), spec, overwrite=True, namespace=KV_NAMESPACE)
    except Exception as exc:  # noqa: BLE001 - the workers set up their operators on the first block
        log.info("preload spec not published (%s)", exc)


def unpublish() -> None:
    """Drop the run's published config (at the end of a run on the warm local Ray)."""
    try:
        import ray
        from ray.experimental import internal_kv

        internal_kv._internal_kv_del(_kv_key(ray.get_runtime_context().get_job_id()), namespace=KV_NAMESPACE)
    except Exception:  # noqa: BLE001 - a few bytes left in the store of a Ray that ends with its `down`
        pass


def _spec_from_kv() -> str:
    """In a worker of the warm Ray: its run's spec, waited for up to :data:`KV_WAIT_S`."""
    import time

    job = os.environ.get("RAY_JOB_ID", "")
    if not job or set(job) == {"f"}:
        # started job-less (the raylet's boot workers, engine/warm_workers.py): the job is the one
        # of the task that kicked the preload; none yet (CORPUSFORGE_PRELOAD_WHEN=start): no run
        try:
            import ray

            job = ray.get_runtime_context().get_job_id() or ""
        except Exception:  # noqa: BLE001 - not in a task of a job
            job = ""
        if not job or set(job) == {"f"}:
            return ""
    from ray.experimental import internal_kv

    deadline = time.monotonic() + KV_WAIT_S
    while time.monotonic() < deadline:
        value = internal_kv._internal_kv_get(_kv_key(job), namespace=KV_NAMESPACE)
        if value:
            return value.decode() if isinstance(value, bytes) else str(value)
        time.sleep(0.05)
    return ""


def enabled() -> bool:
    """Whether a run started from this process asks its workers to preload every preloadable
    step (``CORPUSFORGE_WORKER_PRELOAD=1``; module doc)."""
    return os.environ.get(PRELOAD_ENV, "") == "1"


def spec_for(
    config_path: str | None = None,
    overrides: list[str] | None = None,
    raw: dict | None = None,
    behind_stage: bool = False,
) -> str:
    """The value of :data:`PRELOAD_ENV` for a run's config (a path with overrides, or raw);
    ``behind_stage``: only the steps after the pipeline's first global stage are set up ahead."""
    data: dict[str, Any] = (
        {"raw": raw}
        if raw is not None
        else {"config": os.path.abspath(config_path or ""), "overrides": list(overrides or [])}
    )
    if behind_stage:
        data["behind_stage"] = True
    return json.dumps(data, default=str)


#: The built-in global stages by YAML name (a test keeps this equal to the GlobalStage operators
#: of operators.BUILTIN): :func:`prestart_spec` reads the config's YAML before any operator's
#: module is imported.
GLOBAL_STAGE_OPS = ("exact_dedup", "minhash_dedup", "decontaminate")


#: The value of :data:`PRELOAD_ENV` that sets up only the steps behind a stage, on the one worker
#: of a small input (module doc). Opt-in: on a quiet machine it made the quickstart slower.
BEHIND = "behind"


def prestart_spec(config_path: str, overrides: list[str], one_worker: bool) -> str | None:
    """The preload spec for the head a command-line run starts before its config is validated
    (engine/ray_runtime.py ``prestart``), or None (module doc). ``one_worker``: the head
    prestarts one worker fewer because the small input is read by one task
    (engine/ray_runtime.py ``one_task_input``, which also holds the overrides to ``ray.*`` and
    ``output.*``, so the YAML's pipeline is the run's). By default a spec only when
    ``one_worker`` and a step of the YAML's pipeline comes after a built-in global stage, when
    the switch is :data:`BEHIND`; a pipeline that cannot be read plainly gets none (the
    validation reports it)."""
    value = os.environ.get(PRELOAD_ENV, "")
    if value == "1":
        return spec_for(config_path, overrides)
    if value != BEHIND or not one_worker:
        return None
    try:
        import yaml

        with open(config_path, encoding="utf-8") as f:
            raw = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        ops = [step.get("op") if isinstance(step, dict) else None for step in raw.get("pipeline") or []]
    except Exception:  # noqa: BLE001 - not plainly readable: no preload
        return None
    stages = [i for i, op in enumerate(ops) if op in GLOBAL_STAGE_OPS]
    if not stages or stages[0] == len(ops) - 1:
        return None
    return spec_for(config_path, overrides, behind_stage=True)


def preloadable(step) -> bool:
    """Whether a per-document step's operator can be set up before its run context exists
    (module doc): built in, with ``setup`` and without ``teardown``, not on a GPU."""
    from engine.operator import GlobalStage, Operator

    cls = step.op_cls
    if issubclass(cls, GlobalStage) or not cls.is_stateful():
        return False
    if cls.teardown is not Operator.teardown or cls.close is not Operator.close:
        return False
    if step.resources.num_gpus > 0 or getattr(step.params, "device", None) not in (None, "cpu"):
        return False
    return _builtin(cls)


def _builtin(cls: type) -> bool:
    from operators import BUILTIN

    module = cls.__module__
    return any(
        cls.__name__ == name and (module == f"operators.{mod}" or module.startswith(f"operators.{mod}."))
        for _, mod, name in BUILTIN
    )


def key_of(step) -> tuple[type, str]:
    return step.op_cls, step.params.model_dump_json()


def adopt_preloaded(runner) -> bool:
    """Give ``runner`` (engine/step_runner.py) the operator this worker set up ahead for its
    step, waiting while that setup is under way; when the preload has not begun it, the step
    sets up its own (as without a preload) and the preload skips it. Returns whether it did."""
    if _thread is None or not preloadable(runner.step):
        return False
    key = key_of(runner.step)
    with _lock:
        event = _started.get(key)
        if event is None:
            _claimed.add(key)
            return False
    if not event.is_set():
        _set_priority(_base_nice)  # a step waits for it now: its process's priority, where allowed
        event.wait()
    with _lock:
        ready = _ready.get(key)
        op = ready.pop() if ready else None
    if op is None:
        return False
    runner.op = op
    return True


# ------------------------------------------------------------------ the next run's warm-up
#: The rule filters operators/quality/_prestart.py runs once in every job-less worker of the warm
#: Ray (its ``FILTERS``; a test keeps the two equal), and its switch.
PRESTART_FILTERS = ("gopher_repetition", "gopher_quality", "c4_quality", "fineweb_quality")
PRESTART_ENV = "CORPUSFORGE_PRESTART_FILTERS"
#: Key (in :data:`KV_NAMESPACE`) of the operators of the last run on the warm Ray (JSON list).
LAST_OPS_KEY = "warm/last_ops"


def publish_last_ops(ops: list[str]) -> None:
    """In a driver on the warm local Ray, as its run ends: the run's operators, read by the
    job-less workers readied for the next run (:func:`skip_unused_filter_warm_up`)."""
    try:
        from ray.experimental import internal_kv

        internal_kv._internal_kv_put(
            LAST_OPS_KEY, json.dumps(list(ops)), overwrite=True, namespace=KV_NAMESPACE
        )
    except Exception as exc:  # noqa: BLE001 - the next workers warm every rule filter, as before
        log.debug("last run's operators not published (%s)", exc)


def skip_unused_filter_warm_up() -> bool:
    """In a job-less worker of the warm Ray, as it starts: when the last run on this Ray used
    none of the rule filters that operators/quality/_prestart.py warms (imported after this
    module), turn that warm-up off in this process (``CORPUSFORGE_PRESTART_FILTERS=0``). The
    workers readied between runs are for the next run, most often the same config again; a
    quickstart or MinHash run then does not pay two workers' filter warm-up (numba registries,
    kernel cache loads, tokenizer tables: ~0.5 CPU-s each) after every run; numba itself is
    still imported here (MinHash's kernels use it). Before any run
    (``ray up``'s own workers), after a run with a rule filter, with the switch set in the
    environment of ``ray up`` (either value), or when the key cannot be read: as before.
    Returns whether it turned the warm-up off."""
    job = os.environ.get("RAY_JOB_ID", "")
    if os.environ.get(KV_ENV) != "1" or PRESTART_ENV in os.environ or (job and set(job) != {"f"}):
        return False
    if not _in_ray_worker():
        return False
    try:
        from ray.experimental import internal_kv

        value = internal_kv._internal_kv_get(LAST_OPS_KEY, namespace=KV_NAMESPACE)
        if not value:
            return False
        ops = json.loads(value)
    except Exception:  # noqa: BLE001 - warm as before
        return False
    if not isinstance(ops, list) or any(op in PRESTART_FILTERS for op in ops):
        return False
    os.environ[PRESTART_ENV] = "0"
    try:  # still ahead of the run: MinHash's kernels use numba too (~0.2 CPU-s to import)
        import numba  # noqa: F401
    except Exception:  # noqa: BLE001 - its first user imports it
        pass
    return True


def step_actor_started() -> None:
    """Called by a step's pool actor as it starts (engine/ray_steps.py)."""
    _step_actor_started.set()


def _in_ray_worker() -> bool:
    import sys

    worker = sys.modules.get("ray._private.worker")  # loaded in a worker by now; never imported here
    return worker is not None and getattr(worker.global_worker, "mode", None) == worker.WORKER_MODE


def _hosts_other_actor() -> bool:
    """Whether this worker became an actor that is not a step's pool actor (whose ``__init__``
    adopts what this module sets up)."""
    try:
        import ray

        actor = ray.get_runtime_context().get_actor_id()
    except Exception:  # noqa: BLE001 - not knowable: go on
        return False
    return actor is not None and not _step_actor_started.is_set()


def _load_steps(spec: str) -> list:
    """The config's per-document steps that can be set up ahead: its pipeline validated as the
    driver validates it (the rest of the config is the driver's business); with
    ``behind_stage``, only those after its first global stage."""
    import yaml

    from engine.config import YAML_LOADER, _validate_steps, apply_overrides
    from engine.operator import GlobalStage

    data = json.loads(spec)
    if "raw" in data:
        raw = data["raw"]
    else:
        with open(data["config"], encoding="utf-8") as f:
            raw = apply_overrides(yaml.load(f, Loader=YAML_LOADER), data.get("overrides") or [])
    steps = _validate_steps(list(raw.get("pipeline") or []))
    if data.get("behind_stage"):
        first = next((i for i, s in enumerate(steps) if issubclass(s.op_cls, GlobalStage)), len(steps))
        steps = steps[first + 1 :]
    return [s for s in steps if preloadable(s)]


def _set_priority(nice: int) -> None:
    """Set the preload thread's niceness (Linux: a thread is a task of its own for
    ``setpriority``). Lowering it again (when a step waits) needs a privilege a user may
    lack: then the thread keeps its niceness."""
    if _native_id is None:
        return
    try:
        os.setpriority(os.PRIO_PROCESS, _native_id, nice)
    except (AttributeError, OSError):
        pass


def _preload(steps: list) -> None:
    """Set up each step's operator, in pipeline order, unless a step of this worker began it."""
    for step in steps:
        if _hosts_other_actor():
            return
        key = key_of(step)
        with _lock:
            if key in _claimed or key in _started:
                continue
            event = _started[key] = threading.Event()
        try:
            op = step.build()
            op.ensure_setup(None)
            with _lock:
                _ready.setdefault(key, []).append(op)
        except Exception as exc:  # noqa: BLE001 - the step sets up its own operator
            log.info("preloading %s failed (%s): the step sets it up itself", step.name, exc)
        finally:
            event.set()


#: ``task`` (default): a worker begins its preload when it runs its first per-document step
#: (:func:`kick`): a worker that only hosts an actor (the statistics actor) or that Ray started
#: and never used sets nothing up. ``start``: as soon as the worker starts (also while the
#: driver still plans; costs those workers' setups). Read in the worker (inherited).
WHEN_ENV = "CORPUSFORGE_PRELOAD_WHEN"
_deferred: str | None = None


def start() -> bool:
    """Prepare the preload in this process when it is a Ray worker of a run that asked for it,
    and begin it now under ``CORPUSFORGE_PRELOAD_WHEN=start``. Returns whether it began."""
    global _deferred
    spec = os.environ.get(PRELOAD_ENV, "")
    if spec in ("0", "1", BEHIND):  # the switch a driver's environment passed on, not a run's config
        spec = ""
    if spec == "" and os.environ.get(KV_ENV) == "1":
        spec = "kv"
    if _thread is not None or spec in ("", "0") or not _in_ray_worker():
        return False
    _deferred = spec
    if os.environ.get(WHEN_ENV, "task") == "start":
        return kick()
    return False


def kick() -> bool:
    """Begin the prepared preload (on a thread: the worker takes tasks meanwhile), once; called
    by a per-document step's first batch in this worker (engine/ray_steps.py)."""
    global _thread, _deferred
    spec, _deferred = _deferred, None
    if spec is None:
        return False
    _thread = threading.Thread(target=_run, args=(spec,), name="corpusforge-preload", daemon=True)
    _thread.start()
    return True


def _run(spec: str) -> None:
    global _native_id, _base_nice
    _native_id = threading.get_native_id()
    try:
        _base_nice = os.getpriority(os.PRIO_PROCESS, 0)
    except (AttributeError, OSError):
        _base_nice = 0
    _set_priority(min(_base_nice + PRELOAD_NICE, 19))
    try:
        if spec == "kv":
            spec = _spec_from_kv()
            if not spec or spec == "0":
                return
        steps = _load_steps(spec)
    except Exception as exc:  # noqa: BLE001 - the config is the driver's to report
        log.info("no preload (%s)", exc)
        return
    _preload(steps)


skip_unused_filter_warm_up()
start()
