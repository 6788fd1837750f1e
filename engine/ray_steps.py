"""Per-document steps as Ray Data operations: a task pool for stateless
operators, an actor pool for operators with ``setup()``, and the device and
CPU settings of each."""

from __future__ import annotations

import uuid
from typing import Any

import pyarrow as pa

from engine.accounting import with_step_tally
from engine.columns import TolerantConcatTask, install_tolerant_concat
from engine.config import ConfigError, Step
from engine.operator import GlobalStage, Operator, RunContext
from engine.step_runner import StepRunner


# ------------------------------------------------------------------ operators
def settle_device(
    requested: str, cluster_gpus: float, where: str, name: str, cpu_only_reason: str | None = None
) -> str:
    """The one device policy (per-document steps and global stages): ``requested``
    (``auto``/``cpu``/``cuda``) against the cluster -> ``cpu`` or ``cuda``.

    ``auto`` is ``cuda`` when the Ray cluster advertises a GPU and the operator has
    no ``cpu_only_reason`` for its configuration (e.g. torch not installed), else
    ``cpu``, said once in the log; ``cuda`` without a GPU is a config error (the
    step could never be scheduled). ``where`` (``pipeline[i]``) and ``name`` name the step."""
    import logging

    if requested == "auto":
        reason = "the Ray cluster advertises no GPU" if cluster_gpus <= 0 else cpu_only_reason
        if reason is None:
            return "cuda"
        logging.getLogger("corpusforge").warning("step %s: device auto -> cpu (%s)", name, reason)
        return "cpu"
    if requested == "cuda" and cluster_gpus <= 0:
        raise ConfigError(
            f"{where}.device: cuda requested for {name} but the Ray cluster advertises no GPU; "
            f"use device: auto to fall back to the CPU"
        )
    return requested


def resolve_device(step: Step, cluster_gpus: float) -> tuple[Step, float]:
    """Settle an operator's ``device: auto|cpu|cuda`` parameter against the cluster
    (:func:`settle_device`; an operator class may define ``cpu_only_reason(params)``
    to rule out ``cuda`` for a configuration).

    Returns the step with a concrete device (``cpu`` or ``cuda``, what the
    operator sees in the workers) and the GPUs to request per worker: GPUs are
    requested only when the device is ``cuda``.
    """
    import dataclasses

    device = getattr(step.params, "device", None)
    if device is None:
        return step, step.resources.num_gpus
    hook = getattr(step.op_cls, "cpu_only_reason", None)
    reason = hook(step.params) if hook is not None and device == "auto" else None
    name = f"'{step.name}' ({step.op_cls.name})"
    device = settle_device(device, cluster_gpus, f"pipeline[{step.index}]", name, reason)
    gpus = (step.resources.num_gpus or 1.0) if device == "cuda" else 0.0
    return dataclasses.replace(step, params=step.params.model_copy(update={"device": device})), gpus


#: A Ray of at most this many CPUs is a small machine (:func:`stateful_as_tasks`).
SMALL_MACHINE_CPUS = 4.0


def wants_gpu(step: Step, cluster_gpus: float) -> bool:
    """Whether the step runs on a GPU: it asks for GPUs, or its ``device`` is (or, ``auto``, will be) ``cuda``."""
    device = getattr(step.params, "device", None)
    return step.resources.num_gpus > 0 or device == "cuda" or (device == "auto" and cluster_gpus > 0)


def stateful_as_tasks(step: Step, cluster_cpus: float, mode: str = "auto", cluster_gpus: float = 0.0) -> bool:
    """Whether a stateful step (an operator with ``setup()``) runs as tasks on the task workers,
    its operator built and set up once per worker process and cached, as a stateless step's is,
    instead of as an actor pool (``execution.stateful_steps``).

    ``actors`` and ``tasks`` decide. ``auto`` chooses tasks where the pool would be one CPU actor
    by default (``concurrency`` not set: an operator or a config that sets it, even to 1, asks
    for that many instances, e.g. llm_generate's one rate-limited client; no custom resources)
    on a Ray of at most :data:`SMALL_MACHINE_CPUS` CPUs. There a pool actor is a Python worker
    process of its own (about 1 CPU-s to start on 2 cores, and Ray Data adds another for its
    actor-location tracker), holds a CPU for the whole execution and takes every block through the object
    store, while the task workers are running anyway; the operator's setup once more per task
    worker costs less (language_id 0.04 CPU-s, pii_redact 1.2). A step on a GPU always runs as
    an actor pool (one model per GPU). ``auto`` also keeps a pool for an operator with a
    ``teardown()`` (or ``close()``): a pool actor ends its operator when Ray Data lets it go,
    at the end of the execution, while a task worker's cached operator ends only when the
    worker process exits, which Ray may do without running Python's exit hooks."""
    if not step.op_cls.is_stateful() or wants_gpu(step, cluster_gpus):
        return False
    if mode != "auto":
        return mode == "tasks"
    res = step.resources
    return (
        res.concurrency is None
        and not res.custom
        and cluster_cpus <= SMALL_MACHINE_CPUS
        and not has_teardown(step.op_cls)
    )


def fuses_with_read(
    step: Step, cluster_cpus: float, stateful_steps: str = "auto", cluster_gpus: float = 0.0
) -> bool:
    """Whether this step can be fused into read tasks declaring one CPU and nothing else
    (engine/read_plan.py ``fused_read``): it runs as tasks (:func:`stateful_as_tasks` for an
    operator with ``setup()``) on one CPU, with no GPU, custom resources or task limit (Ray Data
    fuses only operators with equal remote arguments and compatible compute), and takes whole
    blocks (no ``batch_size``: a step that asks for batches of N rows gets them from the blocks of
    any units, joined, as before)."""
    if wants_gpu(step, cluster_gpus):
        return False
    if step.op_cls.is_stateful() and not stateful_as_tasks(step, cluster_cpus, stateful_steps, cluster_gpus):
        return False
    res = step.resources
    return res.num_cpus == 1 and not res.custom and not res.concurrency and res.batch_size is None


def has_teardown(op_cls: type) -> bool:
    """Whether the operator releases something at the end of its life (it overrides
    ``teardown`` or the earlier contract's ``close``)."""
    return op_cls.teardown is not Operator.teardown or op_cls.close is not Operator.close


def actor_pool_cpus(
    steps, cluster_cpus: float, stateful_steps: str = "auto", cluster_gpus: float = 0.0
) -> dict[str, float]:
    """CPUs each pool actor requests, per stateful step, so that the actor pools of one
    streaming execution never hold every CPU of the cluster.

    Pool actors keep their CPUs for the whole execution. When the pools of the
    per-document steps between two global stages (one Ray Data execution) ask for
    more than ``cluster_cpus - 1`` CPUs together (two single-actor pools on a 2-CPU
    machine: ``language_id`` and ``quality_classifier`` in ``configs/web_text.yaml``),
    no read task and no task step could ever be scheduled and the run would wait
    forever. Their requests are then scaled down to share ``max(C - 1, C / 2)`` CPUs
    (a logical reservation: the actors still run at full speed, the OS shares the
    cores). Steps absent from the result keep their declared ``num_cpus``; so do stateful
    steps that run as tasks (:func:`stateful_as_tasks`).
    """
    out: dict[str, float] = {}
    budget = max(cluster_cpus - 1.0, cluster_cpus / 2.0)
    segment: list[Step] = []

    def settle() -> None:
        pools = [
            s
            for s in segment
            if s.op_cls.is_stateful() and not stateful_as_tasks(s, cluster_cpus, stateful_steps, cluster_gpus)
        ]
        wanted = sum(s.resources.num_cpus * (s.resources.concurrency or 1) for s in pools)
        if pools and wanted > budget:
            scale = budget / wanted
            for s in pools:
                out[s.name] = round(s.resources.num_cpus * scale, 4)
        segment.clear()

    for step in steps:
        if issubclass(step.op_cls, GlobalStage):
            settle()
        else:
            segment.append(step)
    settle()
    return out


def apply_step(
    ds,
    step: Step,
    stats,
    max_errors: int,
    context: RunContext | None = None,
    doc_timeout_s: float | None = None,
    num_cpus: float | None = None,
    stateful_steps: str = "auto",
):
    """Add one per-document step to the plan: a task pool for stateless operators,
    an actor pool for operators with ``setup()`` (or tasks: :func:`stateful_as_tasks`,
    ``stateful_steps`` is ``execution.stateful_steps``). ``context`` is bound to the
    operator in every worker (for this step); ``doc_timeout_s`` is the watchdog's
    per-document limit (engine/deadline.py); ``num_cpus`` overrides the step's
    declared CPUs per worker (see :func:`actor_pool_cpus`)."""
    import ray

    cluster = ray.cluster_resources()
    step, num_gpus = resolve_device(step, float(cluster.get("GPU", 0)))
    if context is not None:
        context = context.for_step(step.name, step.index, "cuda" if num_gpus else "cpu")
    res = step.resources
    kwargs: dict[str, Any] = {
        "batch_size": res.batch_size,
        "batch_format": "pyarrow",
        "zero_copy_batch": True,
        "num_cpus": num_cpus if num_cpus is not None else res.num_cpus,
    }
    if num_gpus:
        kwargs["num_gpus"] = num_gpus
        kwargs["batch_size"] = res.batch_size or GPU_BATCH_SIZE  # Ray Data needs a batch size for GPU steps
    if res.custom:
        kwargs["resources"] = dict(res.custom)
    # Fault tolerance is Ray Data's default and is relied on: tasks retry on
    # worker/node loss (max_retries=-1), pool actors restart (max_restarts=-1)
    # and their batches are retried (max_task_retries=-1). Operator exceptions
    # are not retried: StepRunner quarantines them.
    args = (step, stats, max_errors, context, doc_timeout_s)
    as_tasks = stateful_as_tasks(step, float(cluster.get("CPU", 1)), stateful_steps, float(num_gpus))
    if step.op_cls.is_stateful() and not as_tasks:
        kwargs["compute"] = ray.data.ActorPoolStrategy(size=res.concurrency or 1)
        return ds.map_batches(_StepActor, fn_constructor_args=args, **kwargs)
    if res.concurrency:
        kwargs["compute"] = ray.data.TaskPoolStrategy(size=res.concurrency)
    return ds.map_batches(_StepTask(*args), **kwargs)


#: Rows per batch for a GPU step that does not set ``resources.batch_size``.
GPU_BATCH_SIZE = 1024


class _StepActor:
    """Actor-pool wrapper: builds the operator and runs setup(ctx) once per actor;
    runs its teardown() when Ray Data lets the actor go (it drops this object on
    graceful actor shutdown, so ``__del__`` runs; not after a crash or ``ray.kill``)."""

    def __init__(
        self,
        step: Step,
        stats,
        max_errors: int,
        context: RunContext | None = None,
        doc_timeout_s: float | None = None,
    ) -> None:
        from engine import worker_preload

        install_tolerant_concat()  # built in the worker (not unpickled): see TolerantConcatTask
        worker_preload.step_actor_started()
        self.runner = StepRunner(step, stats, max_errors, context, doc_timeout_s)
        worker_preload.adopt_preloaded(self.runner)  # set up while the worker started, if it was
        self.runner.setup()

    def __call__(self, table: pa.Table) -> pa.Table:
        # the step's own counts travel with its rows (engine/accounting.py)
        return with_step_tally(self.runner.step.name, table, self.runner(table))

    def __del__(self) -> None:
        runner = getattr(self, "runner", None)
        if runner is not None:
            runner.teardown()


class _StepTask(TolerantConcatTask):
    """Task wrapper: the operator is built once per worker process and cached,
    and torn down when the worker process exits."""

    _cache: dict[str, "StepRunner"] = {}

    def __init__(
        self,
        step: Step,
        stats,
        max_errors: int,
        context: RunContext | None = None,
        doc_timeout_s: float | None = None,
    ) -> None:
        self.step = step
        self.stats = stats
        self.max_errors = max_errors
        self.context = context
        self.doc_timeout_s = doc_timeout_s
        self.key = uuid.uuid4().hex  # one operator instance per run and step, per worker

    def __call__(self, table: pa.Table) -> pa.Table:
        runner = _StepTask._cache.get(self.key)
        if runner is None:
            if not _StepTask._cache:
                import atexit

                atexit.register(_StepTask.close_all)
            from engine import worker_preload

            worker_preload.kick()  # this worker runs steps: it sets up the run's other operators (once)
            runner = StepRunner(self.step, self.stats, self.max_errors, self.context, self.doc_timeout_s)
            worker_preload.adopt_preloaded(runner)  # set up while the worker started, if it was
            _StepTask._cache[self.key] = runner
        return with_step_tally(self.step.name, table, runner(table))  # counts travel with the rows

    @staticmethod
    def close_all() -> None:
        while _StepTask._cache:
            _StepTask._cache.popitem()[1].teardown()
