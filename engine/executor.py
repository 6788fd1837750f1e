"""The executor: the only module that knows Ray.

Plan: read -> chain of ``map_batches`` (tasks for stateless operators, actor
pools for operators with ``setup()``) -> global stages (input materialized to
Parquet in ``OUT/_work/``) -> one datasink that writes kept, quarantined and
removed rows and tallies them. The driver only ever holds file lists, tallies
and statistics, never documents.
"""

from __future__ import annotations

import os
import posixpath
import sys
import threading
import time
import uuid
import logging
import re
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine import columns as C
from engine.columns import conform
from engine.config import ConfigError, RunConfig, Step, load_config
from engine.io_read import InputFile, ReadSpec, expand_inputs, filesystem_for, plan_units, read_unit
from engine.io_write import CorpusSink, merge_tallies
from engine.sink_redact import output_redaction_info
from engine.deadline import CallBudget, OperatorTimeout, deadline, kill_after
from engine.operator import FatalOperatorError, Filter, GlobalStage, Mapper, Operator, RunContext, StageContext
from engine import accounting, output_dir, products
from engine.manifest import write_manifest
from engine.fault_hooks import kill_point
from engine.accounting import AccountingError, StageCounter, merge_steps, split_tallies, with_step_tally
from engine.report import build_report
from engine.resume import ResumeState, plan_resume, previous_run_hash, progress_dir, start_fresh

log = logging.getLogger("corpusforge.executor")

RUN_PRODUCTS = ("data", "quarantine", "removed", "_work", "report.json")


class OperatorFailed(FatalOperatorError):
    """An operator failed on more documents than ``execution.max_errors`` allows."""


# ------------------------------------------------------------------ public API
def run_config(
    source, overrides: list[str] | None = None, progress: bool | None = None, restart: bool = False
) -> dict[str, Any]:
    """Load, validate and run a config (path or dict). Returns the report."""
    cfg = load_config(source, overrides)
    if progress is not None:
        cfg.execution.progress = progress
    return run(cfg, restart=restart)


def run(cfg: RunConfig, restart: bool = False) -> dict[str, Any]:
    """Run a validated config. An unfinished run of the same config in the
    output directory is resumed; ``restart`` discards it instead. SIGTERM stops
    it like Ctrl-C, and no process of an embedded Ray outlives it (engine/shutdown.py)."""
    import ray

    from engine.shutdown import guarded_run

    with guarded_run(embedded=not cfg.ray.address and not ray.is_initialized()):
        return _run(cfg, restart)


def _run(cfg: RunConfig, restart: bool = False) -> dict[str, Any]:
    started = time.time()
    files = expand_inputs(cfg.input, cfg.storage)  # fails fast, before Ray
    out_fs, out_dir = filesystem_for(cfg.output.path, cfg.storage)
    fingerprint = run_fingerprint(cfg, files)
    has_global = any(issubclass(s.op_cls, GlobalStage) for s in cfg.steps)
    output_dir.check_path(cfg.output.path, out_fs, out_dir, [f.uri for f in files])  # before Ray starts
    doc_steps = tuple(s.name for s in cfg.steps if not issubclass(s.op_cls, GlobalStage))
    state = prepare_output_dir(
        out_fs, out_dir, cfg.output.overwrite, fingerprint, restart, has_global, cfg.config_hash(), doc_steps
    )
    started_ray = init_ray(cfg)
    import ray

    from engine.shutdown import rearm

    rearm()  # ray.init replaced the SIGTERM handler of engine/shutdown.py

    from engine.stats import StatsActor

    stats = _start_stats(StatsActor)
    run_ctx = RunContext(
        run_id=uuid.uuid4().hex[:16], output_uri=_output_uri(cfg), output_dir=out_dir, filesystem=out_fs
    )
    try:
        ds = build_read(cfg, files, stats, out_fs, out_dir, state.complete_units)
        stage_reports: dict[str, dict[str, Any]] = {}
        stage_tallies: list[dict[str, Any]] = []  # step counts that reached the driver through materialize
        pool_cpus = actor_pool_cpus(cfg.steps, float(ray.cluster_resources().get("CPU", 1)))
        for step in cfg.steps:
            if issubclass(step.op_cls, GlobalStage):
                ds = run_global_stage(cfg, step, ds, out_fs, out_dir, stage_reports, stage_tallies)
            else:
                ds = apply_step(
                    ds,
                    step,
                    stats,
                    cfg.execution.max_errors,
                    run_ctx,
                    cfg.execution.doc_timeout_s,
                    num_cpus=pool_cpus.get(step.name),
                )
        sink = CorpusSink(
            out_dir,
            out_fs,
            cfg.output.format,
            cfg.output.compression,
            cfg.output.removed in ("redacted", "full"),
            cfg.output.drop_columns,
            {f.uri: i for i, f in enumerate(files)},
            progress_dir(out_dir),
        )
        for sub in ("data", "quarantine", "removed"):
            out_fs.create_dir(posixpath.join(out_dir, sub), recursive=True)
        products.configure_sink(sink, cfg)
        sink.configure_text(cfg)  # removed/ and quarantine/ text through pii_redact (engine/sink_redact.py)
        progress = _Progress(stats, cfg) if cfg.execution.progress else None
        if progress:
            progress.start()
        try:
            ds.write_datasink(sink)
        finally:
            if progress:
                progress.stop()
        tally = merge_tallies(list(sink.results) + state.kept_tallies)
        from engine.shard_schema import unify_parquet_shards

        unified = unify_parquet_shards(out_fs, out_dir, tally["files"])
        live = _stats_snapshot(stats)
        counts = accounting.Counts(
            reader=accounting.reader_totals(out_fs, progress_dir(out_dir)),
            steps=accounting.merge_steps(stage_tallies, into={k: dict(v) for k, v in tally["steps"].items()}),
        )
        report = build_report(cfg, files, tally, live, stage_reports, started, counts)
        report["output_text"] = output_redaction_info(cfg)
        if state.resumed:
            report["resumed"] = True
        notes = []
        if live.get("lost"):
            notes.append("live statistics were lost with a node: per-step bytes and seconds are incomplete")
        for directory, columns in unified["conflicts"].items():
            notes.append(f"{directory}/: columns with conflicting types across shards: {', '.join(columns)}")
        report["shards_unified"] = unified["rewritten"]
        if notes:
            report["notes"] = notes
        _add_synthetic_summary(report, out_fs, out_dir)
        products.finish_report(cfg, files, report, tally, out_fs, out_dir)
        from engine.release import finish_release

        finish_release(cfg, report, out_fs, out_dir)  # release lineage and drift alerts (engine/alerts.py)
        _cleanup_work(out_fs, out_dir)
        write_json(out_fs, posixpath.join(out_dir, "report.json"), report)
        products.write_products(cfg, files, report, out_fs, out_dir)
        out_fs.delete_dir(progress_dir(out_dir))
        write_manifest(out_fs, out_dir, report)  # last: covers every other file
        if not report["accounting_ok"]:
            raise accounting.error_for(report["accounting_mismatches"])
        return report
    finally:
        ray.kill(stats)
        if started_ray:
            ray.shutdown()


# ------------------------------------------------------------------ output dir
def _add_synthetic_summary(report: dict[str, Any], fs: pafs.FileSystem, out_dir: str) -> None:
    """Totals of the generators' technical log in ``OUT/synthetic_log/`` (generations,
    requests, retries, tokens, failures), when there is one (any filesystem)."""
    from operators.synthetic import LOG_SUBDIR, summarize_log

    log_dir = posixpath.join(out_dir, LOG_SUBDIR)
    if fs.get_file_info(log_dir).type == pafs.FileType.Directory:
        report["synthetic"] = {"log_dir": LOG_SUBDIR, **summarize_log(log_dir, fs)}


def _output_uri(cfg: RunConfig) -> str:
    path = cfg.output.path
    return path if "://" in path else os.path.abspath(path)


def run_fingerprint(cfg: RunConfig, files: list[InputFile]) -> str:
    """Config hash plus the input listing (paths, sizes, mtimes): what a resumed run must match."""
    import hashlib
    import json

    listing = [[f.uri, f.size, f.mtime] for f in files]
    blob = json.dumps({"config": cfg.config_hash(), "inputs": listing}, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()


def prepare_output_dir(
    fs: pafs.FileSystem,
    out_dir: str,
    overwrite: bool,
    fingerprint: str = "",
    restart: bool = False,
    has_global_stage: bool = False,
    config_hash: str = "",
    doc_steps: tuple[str, ...] = (),
) -> ResumeState:
    """Check the output directory before anything runs. Returns what to resume.

    A non-empty folder is reused (resumed or replaced) only when it is ours
    (engine/output_dir.py: ownership marker, only entries corpusforge creates);
    replacing deletes only those entries. A fresh run writes the marker first."""
    listing = output_dir.entries(fs, out_dir)
    if listing:
        previous = previous_run_hash(fs, out_dir)
        if previous is not None and not restart and previous != fingerprint and not overwrite:
            output_dir.check_owned(fs, out_dir, listing)
            raise ConfigError(
                f"output.path: '{out_dir}' holds an unfinished run of a different config or input; "
                f"run with --restart (or output.overwrite: true) to discard it"
            )
        if (previous is None or restart) and not (overwrite or restart):
            try:
                output_dir.check_owned(fs, out_dir, listing)
            except output_dir.OutputDirError as exc:  # not ours: overwrite would not help, say so
                raise output_dir.OutputDirError(
                    f"output.path: '{out_dir}' is not empty; set output.overwrite: true would not replace it "
                    f"either: {str(exc).split(': ', 1)[1]}"
                ) from None
            raise ConfigError(
                f"output.path: '{out_dir}' is not empty; set output.overwrite: true "
                f"(or --set output.overwrite=true) to replace it"
            )
        output_dir.check_owned(fs, out_dir, listing)
        if previous is not None and not restart and previous == fingerprint:
            return plan_resume(fs, out_dir, has_global_stage, doc_steps)
        output_dir.clear(fs, out_dir)
    output_dir.write_marker(fs, out_dir, config_hash)  # first: the folder is ours from here on
    start_fresh(fs, out_dir, fingerprint)
    return ResumeState()


def _cleanup_work(fs: pafs.FileSystem, out_dir: str) -> None:
    import shutil

    while _SCRATCH:
        shutil.rmtree(_SCRATCH.pop(), ignore_errors=True)
    work = posixpath.join(out_dir, "_work")
    if fs.get_file_info(work).type == pafs.FileType.Directory:
        fs.delete_dir(work)


def write_json(fs: pafs.FileSystem, path: str, obj: Any) -> None:
    import json

    tmp = path + ".tmp"
    with fs.open_output_stream(tmp) as out:
        out.write(json.dumps(obj, indent=2, ensure_ascii=False, default=str).encode("utf-8"))
    fs.move(tmp, path)


# ------------------------------------------------------------------ ray setup
def cluster_runtime_env(root: str) -> dict[str, Any]:
    """Runtime env of a run on an existing cluster: the engine's own code travels
    to the workers, given as directories (not module objects, which Ray cannot
    deep-copy when it merges them with a job's runtime env under `ray job
    submit`), with the driver's object-storage credentials."""
    modules = [os.path.join(root, "engine"), os.path.join(root, "operators")]
    return {"py_modules": modules, "env_vars": storage_env()}


def init_ray(cfg: RunConfig) -> bool:
    """Start an embedded local Ray (or connect to ``ray.address``). Returns True
    when this call started it (and the run should shut it down)."""
    import logging

    import ray
    from ray.data import DataContext

    started = False
    if not ray.is_initialized():
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        kwargs: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": True}
        if cfg.ray.address:
            kwargs["runtime_env"] = cluster_runtime_env(root)
            ray.init(address=cfg.ray.address, **kwargs)
        else:
            # Workers find the engine's code through PYTHONPATH, inherited from the raylet that
            # ray.init spawns from this process's environment. (A runtime_env with env_vars would
            # do the same, but then no worker of Ray's prestarted pool can be used: ~1 s more.)
            before = os.environ.get("PYTHONPATH")
            os.environ["PYTHONPATH"] = root + (os.pathsep + before if before else "")
            try:
                ray.init(
                    address="local",  # embedded: never attach to a cluster found via /tmp/ray/ray_current_cluster
                    num_cpus=cfg.ray.num_cpus,
                    object_store_memory=cfg.ray.object_store_mb * 1024 * 1024 if cfg.ray.object_store_mb else None,
                    include_dashboard=False,
                    **kwargs,
                )
            finally:
                if before is None:
                    os.environ.pop("PYTHONPATH", None)
                else:
                    os.environ["PYTHONPATH"] = before
        started = True
    ctx = DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.execution_options.preserve_order = False
    # A worker's fatal error (AccountingError, OperatorFailed) reaches the caller as its own type
    # (RayTaskError(AccountingError)), not as an opaque UserCodeException.
    ctx.raise_original_map_exception = True
    # Blocks are what the reader yields: keep Ray from merging them beyond block_mb.
    ctx.target_max_block_size = int(cfg.input.block_mb * 1024 * 1024 * 1.5)
    return started


#: Standard object-store variables forwarded to the workers of a cluster run.
#: The pickled S3 filesystem carries endpoint and region, never credentials:
#: each worker resolves them from its own environment (or instance role).
STORAGE_ENV = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_PROFILE",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
    "AWS_CA_BUNDLE",
)


def storage_env() -> dict[str, str]:
    """The driver's AWS_* variables, for ``runtime_env.env_vars`` of a cluster run."""
    return {k: os.environ[k] for k in STORAGE_ENV if os.environ.get(k)}


def _start_stats(actor_cls):
    """The statistics actor, pinned (soft) to the head node, else the driver's:
    losing a worker node must not lose the run's live figures. (On a
    ``ray.cluster_utils.Cluster`` several raylets share one IP and the driver
    may attach to a worker's raylet, so the driver's node alone is not safe.)"""
    import ray
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    node = None
    try:
        heads = [n["NodeID"] for n in ray.nodes() if n.get("Alive") and "node:__internal_head__" in n.get("Resources", {})]
        node = heads[0] if heads else ray.get_runtime_context().get_node_id()
    except Exception:  # noqa: BLE001 - Ray Client: no local node
        node = None
    if not node:
        return actor_cls.remote()
    return actor_cls.options(scheduling_strategy=NodeAffinitySchedulingStrategy(node, soft=True)).remote()


def _stats_snapshot(stats) -> dict[str, Any]:
    """The live figures; empty when their actor was lost with its node. Counts
    in the report come from the writer's tallies, so only timings are lost."""
    import ray

    try:
        return ray.get(stats.snapshot.remote(), timeout=60)
    except (ray.exceptions.RayActorError, ray.exceptions.GetTimeoutError):
        log.warning("the statistics actor was lost; per-step timings are missing from this report")
        return {"elapsed": 0.0, "steps": {}, "errors": {}, "lost": True}


# ------------------------------------------------------------------ reading
class _ReadFn:
    """Read task: one unit of input -> stream of tables. Tags rows with their
    unit and block, and records the unit's block sizes when it is done (resume)."""

    def __init__(self, spec: ReadSpec, units: list, stats, fs: pafs.FileSystem, progress: str) -> None:
        self.spec = spec
        self.units = units
        self.stats = stats
        self.fs = fs
        self.progress = progress

    def __call__(self, batch: pa.Table):
        from engine.resume import write_json_atomic

        for idx in batch.column("unit").to_pylist():
            files, span = self.units[idx]
            blocks: dict[int, int] = {}
            counts = {"lines": 0, "blank": 0, "quarantined": 0}  # the reader's own counts (engine/accounting.py)
            for seq, table in enumerate(read_unit(self.spec, files, span, counts)):
                t0 = time.perf_counter()
                n = table.num_rows
                table = table.append_column(C.UNIT, pa.array(np.full(n, idx, dtype=np.int32)))
                table = table.append_column(C.BLOCK, pa.array(np.full(n, seq, dtype=np.int32)))
                blocks[seq] = n
                live = C.live_mask(table)
                n_live = int(pa.compute.sum(live).as_py() or 0)
                counts["quarantined"] += n - n_live
                b = _text_bytes(table.filter(live))
                self.stats.add.remote(C.INPUT_STEP, n, n_live, b, b, time.perf_counter() - t0)
                yield table
            marker = posixpath.join(self.progress, "units", f"u{idx:06d}.json")
            marker_body = {"unit": idx, "blocks": blocks, "rows": sum(blocks.values()), "source": files[0].uri, **counts}
            write_json_atomic(self.fs, marker, marker_body)


def build_read(cfg: RunConfig, files: list[InputFile], stats, fs, out_dir: str, skip_units: set[int] = frozenset()):
    import ray

    units = plan_units(files, cfg.input)
    items = [{"unit": i} for i in range(len(units)) if i not in skip_units]
    if not items:  # everything was already written by an earlier, interrupted run
        return ray.data.from_arrow(_empty_input())
    ds = ray.data.from_items(items, override_num_blocks=len(items))
    return ds.map_batches(
        _ReadFn(ReadSpec(cfg.input, cfg.storage), units, stats, fs, progress_dir(out_dir)),
        batch_size=1,
        batch_format="pyarrow",
        num_cpus=1,
        # A read task holds about one block being parsed plus the finished Arrow block:
        # declared so the scheduler does not start more reads than memory allows. It also
        # keeps the read from being fused with the per-document steps (Ray Data fuses only
        # operators with equal remote args, ray/data/_internal/logical/rules/operator_fusion.py:
        # are_remote_args_compatible; steps never declare memory). Fused, one read unit =
        # one task = one core for the whole chain, so a single .gz/.zst file (one unit: it
        # cannot be split) ran on one core. Unfused, the read task streams its blocks
        # through the object store and the steps take them on every core, still streaming
        # (no repartition barrier); many small files keep one read task each. The cost is
        # one object-store hop per block (measured by scripts/cpu_utilisation.py).
        memory=read_task_memory(cfg.input.block_mb),
    )


def read_task_memory(block_mb: float) -> int:
    """Bytes a read task declares: three blocks (text being parsed, Arrow builders, the
    finished block). Also what separates the read from the steps' fused chain (build_read)."""
    return int(3 * block_mb * 1024 * 1024)


def _empty_input() -> pa.Table:
    fields = [pa.field("id", pa.string()), pa.field("text", pa.string())]
    fields += [pa.field(name, typ) for name, typ in C.ENGINE_TYPES.items()]
    return pa.schema(fields).empty_table()


# ------------------------------------------------------------------ operators
def resolve_device(step: Step, cluster_gpus: float) -> tuple[Step, float]:
    """Settle an operator's ``device: auto|cpu|cuda`` parameter against the cluster.

    Returns the step with a concrete device (``cpu`` or ``cuda``, what the
    operator sees in the workers) and the GPUs to request per worker: GPUs are
    requested only when the device is ``cuda``. ``auto`` without a GPU in the
    cluster falls back to ``cpu`` and says so once in the log; ``cuda`` without
    one is an error (the step could never be scheduled).
    """
    import dataclasses
    import logging

    device = getattr(step.params, "device", None)
    if device is None:
        return step, step.resources.num_gpus
    if device == "auto":
        device = "cuda" if cluster_gpus > 0 else "cpu"
        if device == "cpu":
            logging.getLogger("corpusforge").warning(
                "step '%s' (%s): device auto -> cpu (the Ray cluster advertises no GPU)", step.name, step.op_cls.name
            )
    elif device == "cuda" and cluster_gpus <= 0:
        raise ConfigError(
            f"pipeline[{step.index}].device: cuda requested for '{step.name}' but the Ray cluster advertises no GPU; "
            f"use device: auto to fall back to the CPU"
        )
    gpus = (step.resources.num_gpus or 1.0) if device == "cuda" else 0.0
    return dataclasses.replace(step, params=step.params.model_copy(update={"device": device})), gpus


def actor_pool_cpus(steps, cluster_cpus: float) -> dict[str, float]:
    """CPUs each pool actor requests, per stateful step, so that the actor pools of one
    streaming execution never hold every CPU of the cluster.

    Pool actors keep their CPUs for the whole execution. When the pools of the
    per-document steps between two global stages (one Ray Data execution) ask for
    more than ``cluster_cpus - 1`` CPUs together (two single-actor pools on a 2-CPU
    machine: ``language_id`` and ``quality_classifier`` in ``configs/web_text.yaml``),
    no read task and no task step could ever be scheduled and the run would wait
    forever. Their requests are then scaled down to share ``max(C - 1, C / 2)`` CPUs
    (a logical reservation: the actors still run at full speed, the OS shares the
    cores). Steps absent from the result keep their declared ``num_cpus``.
    """
    out: dict[str, float] = {}
    budget = max(cluster_cpus - 1.0, cluster_cpus / 2.0)
    segment: list[Step] = []

    def settle() -> None:
        pools = [s for s in segment if s.op_cls.is_stateful()]
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
):
    """Add one per-document step to the plan: a task pool for stateless operators,
    an actor pool for operators with ``setup()``. ``context`` is bound to the
    operator in every worker (for this step); ``doc_timeout_s`` is the watchdog's
    per-document limit (engine/deadline.py); ``num_cpus`` overrides the step's
    declared CPUs per worker (see :func:`actor_pool_cpus`)."""
    import ray

    step, num_gpus = resolve_device(step, float(ray.cluster_resources().get("GPU", 0)))
    if context is not None:
        context = context.for_step(step.name, step.index)
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
    if step.op_cls.is_stateful():
        kwargs["compute"] = ray.data.ActorPoolStrategy(size=res.concurrency or 1)
        return ds.map_batches(_StepActor, fn_constructor_args=args, **kwargs)
    if res.concurrency:
        kwargs["compute"] = ray.data.TaskPoolStrategy(size=res.concurrency)
    return ds.map_batches(_StepTask(*args), **kwargs)


#: Rows per batch for a GPU step that does not set ``resources.batch_size``.
GPU_BATCH_SIZE = 1024


class _StepActor:
    """Actor-pool wrapper: builds the operator and runs setup() once per actor;
    closes it when Ray Data lets the actor go (it drops this object on graceful
    actor shutdown, so ``__del__`` runs; not after a crash or ``ray.kill``)."""

    def __init__(
        self, step: Step, stats, max_errors: int, context: RunContext | None = None, doc_timeout_s: float | None = None
    ) -> None:
        self.runner = StepRunner(step, stats, max_errors, context, doc_timeout_s)
        self.runner.op.ensure_setup()

    def __call__(self, table: pa.Table) -> pa.Table:
        # the step's own counts travel with its rows (engine/accounting.py)
        return with_step_tally(self.runner.step.name, table, self.runner(table))

    def __del__(self) -> None:
        runner = getattr(self, "runner", None)
        if runner is not None:
            runner.close()


class _StepTask:
    """Task wrapper: the operator is built once per worker process and cached,
    and closed when the worker process exits."""

    _cache: dict[str, "StepRunner"] = {}

    def __init__(
        self, step: Step, stats, max_errors: int, context: RunContext | None = None, doc_timeout_s: float | None = None
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
            runner = StepRunner(self.step, self.stats, self.max_errors, self.context, self.doc_timeout_s)
            _StepTask._cache[self.key] = runner
        return with_step_tally(self.step.name, table, runner(table))  # counts travel with the rows

    @staticmethod
    def close_all() -> None:
        while _StepTask._cache:
            _StepTask._cache.popitem()[1].close()


class StepRunner:
    """Applies one operator to the live rows of a batch, with error isolation
    and the per-document watchdog.

    A batch on which the operator raises is bisected until the failing
    documents are isolated; those are quarantined with the step name and the
    exception type (``operator_error: ...``), the others are processed
    normally. Every call runs under a deadline (engine/deadline.py:
    :class:`~engine.deadline.CallBudget` sizes it from the documents and this
    step's measured rate); a call that overruns is bisected the same way, and a
    single document on which the operator alone spends more than
    ``doc_timeout_s`` is quarantined as ``operator_timeout: <step>``. A call
    that cannot be interrupted ends its process (engine/deadline.py); each
    call's documents are recorded in the statistics actor before it starts, so
    the retried batch isolates them (:meth:`_recover`). More than
    ``max_errors`` failed or timed-out documents in a step stops the run.
    """

    def __init__(
        self,
        step: Step,
        stats=None,
        max_errors: int = 100,
        context: RunContext | None = None,
        doc_timeout_s: float | None = None,
    ) -> None:
        self.step = step
        self.op: Operator = step.build()
        if context is not None:
            self.op.bind(context)
        self.stats = stats
        self.max_errors = max_errors
        self.errors = 0
        self.budget = CallBudget(doc_timeout_s)
        self._closed = False

    def close(self) -> None:
        """Close the operator once (its ``close()`` errors are logged, not raised: the work is done)."""
        if self._closed:
            return
        self._closed = True
        try:
            self.op.close()
        except Exception:  # noqa: BLE001
            log.warning("step '%s': closing %s failed", self.step.name, self.op.name, exc_info=True)

    def __call__(self, table: pa.Table) -> pa.Table:
        t0 = time.perf_counter()
        self.op.ensure_setup()
        live, dead = C.split_live(table)
        bytes_in = _text_bytes(live)
        out_live = self._process(live)
        new_live, new_dead = C.split_live(out_live)
        bytes_out = _text_bytes(new_live)
        if self.stats is not None:
            self.stats.add.remote(
                self.step.name, live.num_rows, new_live.num_rows, bytes_in, bytes_out, time.perf_counter() - t0
            )
        return C.concat([out_live, dead]) if dead is not None else out_live

    def _process(self, live: pa.Table) -> pa.Table:
        n = live.num_rows
        died_on = self._calls_of_dead_workers(live)
        if died_on:
            return self._recover(live, died_on)
        if self.budget.probe(n):  # first call in this worker: one document alone measures the rate
            return C.concat([self._run(live.slice(0, 1)), self._run(live.slice(1))])
        return self._run(live)

    def _run(self, rows: pa.Table) -> pa.Table:
        """Apply the operator; on an exception or a timeout, bisect down to the documents at fault."""
        n = rows.num_rows
        nbytes = _text_bytes(rows) if self.budget.enabled else 0
        seconds = self.budget.seconds(n, nbytes)
        token = self._call_started(rows, seconds)
        failure: BaseException | None = None
        t0 = time.perf_counter()
        try:
            with deadline(seconds, kill_after(seconds) if token else None):
                out = self._apply(rows)
        except FatalOperatorError:
            raise
        except (Exception, OperatorTimeout) as exc:  # noqa: BLE001 - isolate the documents that fail
            if n == 0:
                raise
            failure = exc
        finally:
            if token:
                self.stats.call_ended.remote(token)
        if failure is None:
            self.budget.observe(n, nbytes, time.perf_counter() - t0)
            return out
        if n > 1:
            mid = n // 2
            return C.concat([self._run(rows.slice(0, mid)), self._run(rows.slice(mid))])
        return self._quarantine(rows, failure)

    # -- calls that never returned: the worker was ended by the watchdog (or died) ---------------
    def _call_started(self, rows: pa.Table, seconds: float | None) -> str | None:
        """Record the documents of a call with a deadline before it starts (in the statistics
        actor, which outlives workers), so that if the process is ended in the call (a stuck
        C call: engine/deadline.py) the retried batch knows which documents to isolate."""
        if self.stats is None or seconds is None or C.SOURCE not in rows.column_names or rows.num_rows == 0:
            return None
        src = pa.compute.fill_null(rows.column(C.SOURCE), "")
        line = pa.compute.fill_null(rows.column(C.LINE), -1)
        agg = pa.table({"s": src, "l": line}).group_by("s", use_threads=False).aggregate([("l", "min"), ("l", "max")])
        call = {
            "step": self.step.name,
            "ranges": list(zip(agg["s"].to_pylist(), agg["l_min"].to_pylist(), agg["l_max"].to_pylist())),
            "n": rows.num_rows,
            "id": str(rows.column("id")[0].as_py()) if rows.num_rows == 1 else None,
            "kill_after": kill_after(seconds),
        }
        token = uuid.uuid4().hex
        self.stats.call_started.remote(token, call)
        return token

    def _calls_of_dead_workers(self, rows: pa.Table) -> list[dict[str, Any]]:
        """Recorded calls of this step on documents of this batch that never ended: a batch
        runs in one worker at a time, so they are an earlier attempt whose worker died."""
        if self.stats is None or not self.budget.enabled or C.SOURCE not in rows.column_names or not rows.num_rows:
            return []
        import ray

        try:
            calls = ray.get(self.stats.open_calls.remote(self.step.name), timeout=60)
        except Exception:  # noqa: BLE001 - statistics lost: nothing to recover from
            return []
        return [c for c in calls if _call_mask(rows, c).any()]

    def _recover(self, rows: pa.Table, calls: list[dict[str, Any]]) -> pa.Table:
        """Rerun a batch whose earlier attempt died in an operator call: a single document
        the call held is quarantined (``operator_timeout`` when the call outlived its
        deadline and was ended by the watchdog, else ``operator_error: WorkerDied``); the
        documents of a larger call run one at a time, each recorded, so the next death
        names one document; the rest of the batch runs as usual."""
        n = rows.num_rows
        poison = np.zeros(n, dtype=bool)
        suspect = np.zeros(n, dtype=bool)
        causes: dict[int, BaseException] = {}
        ids = np.array([str(i) for i in rows.column("id").to_pylist()], dtype=object)
        for call in calls:
            mask = _call_mask(rows, call)
            if call["n"] == 1:
                mask &= ids == call["id"]
                poison |= mask
                for i in np.flatnonzero(mask):
                    causes[int(i)] = OperatorTimeout() if call["stuck"] else WorkerDied(
                        "the worker process ended while the operator ran on this document"
                    )
            else:
                suspect |= mask
            self.stats.call_ended.remote(call["token"])
        pieces = []
        i = 0
        while i < n:
            if poison[i]:
                pieces.append(self._quarantine(rows.slice(i, 1), causes[i]))
                i += 1
            elif suspect[i]:
                pieces.append(self._run(rows.slice(i, 1)))
                i += 1
            else:
                j = i
                while j < n and not poison[j] and not suspect[j]:
                    j += 1
                pieces.append(self._run(rows.slice(i, j - i)))
                i = j
        return C.concat(pieces)

    def _apply(self, live: pa.Table) -> pa.Table:
        op = self.op
        name = self.step.name
        if isinstance(op, Filter):
            scored, keep, reasons = op.apply(live)
            _check_rows(name, live, scored)
            if keep is None:
                return scored
            return C.mark_removed(scored, keep, reasons, name)
        if isinstance(op, Mapper):
            out = op.transform(live)
            return _check_mapper_output(name, live, out)
        raise TypeError(f"step {name}: {type(op).__name__} is neither a Mapper nor a Filter")

    def _quarantine(self, row: pa.Table, exc: BaseException) -> pa.Table:
        """Quarantine one document the operator failed or timed out on; count it against max_errors."""
        self.errors += 1
        total = self.errors
        if self.stats is not None:
            import ray

            try:
                total = ray.get(self.stats.add_errors.remote(self.step.name, 1))
            except ray.exceptions.RayActorError:  # statistics lost with their node: count locally
                total = self.errors
        if isinstance(exc, OperatorTimeout):
            reason = f"operator_timeout: {self.step.name}"
            message = f"{reason} (over execution.doc_timeout_s={self.budget.doc_timeout_s:g} s)"
        else:
            message = _safe_message(exc)
            reason = f"operator_error: {message}"
        if total > self.max_errors:
            raise OperatorFailed(
                f"step '{self.step.name}' ({self.op.name}) failed on {total} documents, more than "
                f"execution.max_errors={self.max_errors}; last error: {message}"
            ) from None
        return C.mark_removed(row, np.zeros(1, dtype=bool), [reason], self.step.name, quarantined=True)


class WorkerDied(Exception):
    """A worker process ended (killed, out of memory, crashed) during an operator call."""


def _call_mask(rows: pa.Table, call: dict[str, Any]) -> np.ndarray:
    """Rows of ``rows`` inside the (source, line range) pieces of a recorded call."""
    src = pa.compute.fill_null(rows.column(C.SOURCE), "")
    line = pa.compute.fill_null(rows.column(C.LINE), -1)
    mask = np.zeros(rows.num_rows, dtype=bool)
    for source, lo, hi in call["ranges"]:
        inside = pa.compute.and_(
            pa.compute.equal(src, source),
            pa.compute.and_(pa.compute.greater_equal(line, lo), pa.compute.less_equal(line, hi)),
        )
        mask |= inside.to_numpy(zero_copy_only=False)
    return mask


_EMAIL = re.compile(r"\S+@\S+")
_DIGITS = re.compile(r"\d")


def _safe_message(exc: BaseException) -> str:
    """Exception type and a short message with e-mail addresses and digits
    masked, so that document content (PII) does not reach reports and logs."""
    msg = str(exc).splitlines()[0] if str(exc) else ""
    msg = _DIGITS.sub("#", _EMAIL.sub("<email>", msg[:160]))
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def _check_rows(name: str, before: pa.Table, after: pa.Table) -> None:
    if after.num_rows != before.num_rows:
        raise AccountingError(f"step '{name}': filter changed the row count ({before.num_rows} -> {after.num_rows})")


def _check_mapper_output(name: str, before: pa.Table, out: pa.Table) -> pa.Table:
    """A mapper returns its input rows first, in order, then any new rows, each
    marked in ``_cf_generated`` (relabelled here with the step name)."""
    n = before.num_rows
    if out.num_rows < n:
        raise AccountingError(f"step '{name}': mapper returned {out.num_rows} rows for {n} input rows (documents lost)")
    if out.num_rows == n:
        return out
    if not pa.compute.all(pa.compute.equal(out.column("id").slice(0, n), before.column("id"))).as_py():
        raise RuntimeError(f"step {name}: a mapper that adds rows must return its input rows first, in order")
    if C.GENERATED not in out.column_names:
        raise RuntimeError(f"step {name}: mapper added rows without marking them in {C.GENERATED}")
    head, tail = out.slice(0, n), out.slice(n)
    if tail.column(C.GENERATED).null_count:
        raise RuntimeError(f"step {name}: mapper added rows without marking them in {C.GENERATED}")
    tail = C.put_column(tail, C.GENERATED, pa.array([name] * tail.num_rows, pa.string()))
    return C.concat([head, tail])


def _text_bytes(table: pa.Table) -> int:
    """Content bytes of a batch: ``text``, or ``html`` where the text is still empty
    (raw web pages before html_extract: its MB/s is HTML bytes in)."""
    if table.num_rows == 0:
        return 0
    lengths = pa.compute.binary_length(table.column("text"))
    if "html" in table.column_names:
        html = pa.compute.fill_null(pa.compute.binary_length(table.column("html")), 0)
        lengths = pa.compute.if_else(pa.compute.equal(pa.compute.fill_null(lengths, 0), 0), html, lengths)
    return int(pa.compute.sum(lengths).as_py() or 0)


# ------------------------------------------------------------------ global stages
def run_global_stage(
    cfg: RunConfig, step: Step, ds, fs: pafs.FileSystem, out_dir: str, stage_reports: dict, tallies: list | None = None
):
    """Materialize the stage's input, run the stage, count its output. ``tallies``
    receives the step counts that materialize took off the rows and the stage's
    input counts (engine/accounting.py)."""
    import ray

    work = posixpath.join(out_dir, "_work", step.name)
    ds, sizes = materialize(ds, fs, posixpath.join(work, "input"))
    if tallies is not None:
        tallies.extend({"step": name, **counts} for name, counts in sizes.get("step_tallies", {}).items())
        tallies.append({"step": step.name, "in": sizes["live_rows"] or 0, "rows_in": sizes["rows"] or 0})
    kill_point(step.name, "materialize")
    op = step.build()
    if not isinstance(op, GlobalStage):
        raise TypeError(step.name)
    op.ensure_setup()
    stage_dir = _stage_dir(cfg, fs, work)
    ctx = StageContext(
        step_name=step.name,
        work_dir=stage_dir,
        num_cpus=float(ray.cluster_resources().get("CPU", 1)),
        seed=cfg.execution.seed,
        input_rows=sizes["rows"],
        input_live_rows=sizes["live_rows"],
        input_bytes=sizes["bytes"],
        input_blocks=sizes["blocks"],
        against=(cfg._against or {}).get(step.name, []),
        storage=cfg.storage,
    )
    index_uri = posixpath.join(out_dir, "index", step.name)
    if step.op_cls.name in ("exact_dedup", "minhash_dedup") and step.params.index:  # release index (operators/dedup_index.py)
        if fs.get_file_info(index_uri).type == pafs.FileType.Directory:
            fs.delete_dir(index_uri)  # left by a killed run: the stage writes it again
        local = isinstance(fs, pafs.LocalFileSystem)
        ctx.index_dir = index_uri if local else os.path.join(stage_dir, "_index")
    ds = op.run(ds, ctx)
    if ctx.index_dir and not isinstance(fs, pafs.LocalFileSystem) and os.path.isdir(ctx.index_dir):
        pafs.copy_files(ctx.index_dir, index_uri, source_filesystem=pafs.LocalFileSystem(), destination_filesystem=fs)
    stage_reports[step.name] = ctx.report
    # the stage's output counted from the rows it returned (retry-exact: tally rows)
    return ds.map_batches(StageCounter(step.name), batch_size=None, batch_format="pyarrow")


def _stage_dir(cfg: RunConfig, fs: pafs.FileSystem, work: str) -> str:
    """A global stage's work directory: a local (or shared) path, as stages use
    plain file APIs. Beside the output when it is local; under
    ``storage.scratch_dir`` (or a temporary directory) when it is object storage."""
    if isinstance(fs, pafs.LocalFileSystem):
        stage_dir = posixpath.join(work, "stage")
        if fs.get_file_info(stage_dir).type == pafs.FileType.Directory:
            # left by a killed run: the stage restarts from its materialized input, and
            # intermediates written under random names (write_parquet) must not add up
            fs.delete_dir_contents(stage_dir)
        fs.create_dir(stage_dir, recursive=True)
        return stage_dir
    import tempfile

    base = cfg.storage.scratch_dir or tempfile.gettempdir()
    scratch = os.path.join(os.path.abspath(base), f"corpusforge-{uuid.uuid4().hex[:12]}")
    stage_dir = os.path.join(scratch, posixpath.basename(work))
    os.makedirs(stage_dir, exist_ok=True)
    _SCRATCH.append(scratch)
    return stage_dir


_SCRATCH: list[str] = []  # local scratch directories of this process's runs, removed by _cleanup_work


class _WriteBlock:
    def __init__(self, fs: pafs.FileSystem, directory: str) -> None:
        self.fs = fs
        self.directory = directory

    def __call__(self, table: pa.Table) -> pa.Table:
        import json
        import uuid

        table, tallies = split_tallies(table)  # step counts go to the driver, not to the stage
        if table.num_rows == 0:
            k = 1 if tallies else 0
            return pa.table(
                {
                    "path": pa.array([""] * k, pa.string()),
                    "schema": pa.array([b""] * k, pa.binary()),
                    "rows": pa.array([0] * k, pa.int64()),
                    "live_rows": pa.array([0] * k, pa.int64()),
                    "bytes": pa.array([0] * k, pa.int64()),
                    "tallies": pa.array([json.dumps(tallies)] * k, pa.string()),
                }
            )
        src = table.column(C.SOURCE)[0].as_py()
        line = table.column(C.LINE)[0].as_py()
        name = f"block-{abs(hash(src)) % 10**8:08d}-{line:010d}-{uuid.uuid4().hex[:8]}.parquet"
        path = posixpath.join(self.directory, name)
        with self.fs.open_output_stream(path) as out:
            pq.write_table(table, out, compression="zstd")
        live = table.column(C.REMOVED_BY).null_count if C.REMOVED_BY in table.column_names else table.num_rows
        return pa.table(
            {
                "path": [path],
                "schema": [table.schema.serialize().to_pybytes()],
                "rows": [table.num_rows],
                "live_rows": [live],
                "bytes": [table.nbytes],
                "tallies": [json.dumps(tallies)],
            }
        )


class _ReadBlock:
    def __init__(self, fs: pafs.FileSystem, schema: pa.Schema) -> None:
        self.fs = fs
        self.schema = schema

    def __call__(self, batch: pa.Table) -> pa.Table:
        parts = []
        for path in batch.column("path").to_pylist():
            with self.fs.open_input_file(path) as f:
                parts.append(conform(pq.read_table(f), self.schema))
        return pa.concat_tables(parts)


def materialize(ds, fs: pafs.FileSystem, directory: str):
    """Write the dataset to Parquet under ``directory``; return a dataset reading
    it back with one unified schema, and its sizes (rows, live rows, bytes,
    blocks). Only file paths, schemas and per-block counts reach the driver."""
    import ray

    from engine.resume import read_json, write_json_atomic

    done = posixpath.join(directory, "_SUCCESS.json")
    if fs.get_file_info(done).type == pafs.FileType.File:  # completed by an interrupted run: reuse
        listing = read_json(fs, done)
        paths = listing["paths"]
        schema = pa.ipc.read_schema(pa.py_buffer(bytes.fromhex(listing["schema"])))
        sizes = {"rows": None, "live_rows": None, "bytes": None, **listing.get("sizes", {})}
        sizes.setdefault("blocks", len(paths))
        sizes["step_tallies"] = listing.get("step_tallies", {})
    else:
        if fs.get_file_info(directory).type == pafs.FileType.Directory:
            fs.delete_dir_contents(directory)
        fs.create_dir(directory, recursive=True)
        written = ds.map_batches(_WriteBlock(fs, directory), batch_size=None, batch_format="pyarrow")
        rows = written.take_all()  # one small row per block: path, schema, counts, step tallies
        import json

        step_tallies = merge_steps(e for r in rows for e in json.loads(r["tallies"] or "[]"))
        rows = [r for r in rows if r["path"]]
        if not rows:
            empty = {"rows": 0, "live_rows": 0, "bytes": 0, "blocks": 1, "step_tallies": step_tallies}
            return ray.data.from_arrow(_empty_input()), empty
        schemas = [pa.ipc.read_schema(pa.py_buffer(r["schema"])) for r in rows]
        schema = pa.unify_schemas(schemas, promote_options="permissive")
        paths = sorted(r["path"] for r in rows)
        sizes = {k: int(sum(r[k] for r in rows)) for k in ("rows", "live_rows", "bytes")}
        sizes["blocks"] = len(paths)
        write_json_atomic(
            fs,
            done,
            {"paths": paths, "schema": schema.serialize().to_pybytes().hex(), "sizes": sizes, "step_tallies": step_tallies},
        )
        sizes["step_tallies"] = step_tallies
    listing = ray.data.from_items([{"path": p} for p in paths], override_num_blocks=len(paths))
    return listing.map_batches(_ReadBlock(fs, schema), batch_size=1, batch_format="pyarrow"), sizes


# ------------------------------------------------------------------ progress
class _Progress(threading.Thread):
    """Prints docs/s, MB/s and each step's kept ratio to stderr while running."""

    def __init__(self, stats, cfg: RunConfig, interval: float = 2.0) -> None:
        super().__init__(daemon=True)
        self.stats = stats
        self.cfg = cfg
        self.interval = interval
        self._stop_event = threading.Event()
        self.tty = sys.stderr.isatty()

    def run(self) -> None:
        import ray

        last_print = 0.0
        while not self._stop_event.wait(self.interval):
            try:
                snap = ray.get(self.stats.snapshot.remote(), timeout=5)
            except Exception:  # noqa: BLE001 - progress is best effort
                continue
            now = time.time()
            if not self.tty and now - last_print < 10:
                continue
            last_print = now
            sys.stderr.write(("\r" if self.tty else "") + format_progress(snap, self.cfg) + ("" if self.tty else "\n"))
            sys.stderr.flush()
        try:  # always end with the final figures
            snap = ray.get(self.stats.snapshot.remote(), timeout=5)
            sys.stderr.write(("\r" if self.tty else "") + format_progress(snap, self.cfg) + "\n")
        except Exception:  # noqa: BLE001
            pass

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=10)


def format_progress(snap: dict[str, Any], cfg: RunConfig) -> str:
    elapsed = max(snap.get("elapsed", 0.0), 1e-9)
    steps = snap.get("steps", {})
    read = steps.get(C.INPUT_STEP, {})
    docs = read.get("docs_in", 0)
    mb = read.get("bytes_in", 0) / 1e6
    parts = [f"[{elapsed:6.1f}s] read {docs:,} docs ({docs / elapsed:,.0f}/s, {mb / elapsed:,.1f} MB/s)"]
    for step in cfg.steps:
        s = steps.get(step.name)
        if s and s["docs_in"]:
            parts.append(f"{step.name} {100.0 * s['docs_out'] / s['docs_in']:.1f}% kept")
    return " | ".join(parts)


__all__ = ["run", "run_config", "OperatorFailed", "AccountingError", "materialize", "conform", "StepRunner"]
