"""The executor: one run from a validated config to a finished output.

Plan: read (engine/read_plan.py) -> chain of per-document steps
(engine/ray_steps.py: tasks for stateless operators, actor pools for operators
with ``setup()``) -> global stages (engine/stages.py: input materialized to
Parquet in ``OUT/_work/``) -> one datasink that writes kept, quarantined and
removed rows and tallies them -> the end of the run (engine/products.py finish:
shard schema, report, HTML, card, manifest last).
The driver only ever holds file lists, tallies and statistics, never documents.
"""

from __future__ import annotations

import logging
import os
import posixpath
import time
import uuid
from typing import Any

import pyarrow.fs as pafs

from engine import columns as C
from engine import output_dir, products
from engine.accounting import AccountingError
from engine.config import ConfigError, RunConfig, load_config
from engine.io_read import InputFile, expand_inputs, filesystem_for
from engine.operator import GlobalStage, RunContext
from engine.phases import Timeline
from engine.progress import Progress
from engine.ray_runtime import init_ray, start_stats, stats_snapshot
from engine.ray_steps import actor_pool_cpus, apply_step
from engine.read_plan import build_read
from engine.resume import ResumeState, plan_resume, previous_run_hash, start_fresh
from engine.sink_redact import check_pii_columns
from engine.stage_fusion import fusable
from engine.stages import (
    StageSource,
    cleanup_scratch,
    estimate_input_bytes,
    run_fused_stages,
    run_global_stage,
)
from engine.step_runner import OperatorFailed

log = logging.getLogger("corpusforge.executor")

RUN_PRODUCTS = ("data", "quarantine", "removed", "_work", "report.json")


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
    timeline = Timeline(started)  # where the wall time goes: the report's phases (engine/phases.py)
    files = expand_inputs(cfg.input, cfg.storage)  # fails fast, before Ray
    check_pii_columns(cfg, files)  # pii_redact's columns against the input's first records, before Ray
    out_fs, out_dir = filesystem_for(cfg.output.path, cfg.storage)
    fingerprint = run_fingerprint(cfg, files)
    has_global = any(issubclass(s.op_cls, GlobalStage) for s in cfg.steps)
    output_dir.check_path(cfg.output.path, out_fs, out_dir, [f.uri for f in files])  # before Ray starts
    doc_steps = tuple(s.name for s in cfg.steps if not issubclass(s.op_cls, GlobalStage))
    state = prepare_output_dir(
        out_fs, out_dir, cfg.output.overwrite, fingerprint, restart, has_global, cfg.config_hash(), doc_steps
    )
    timeline.mark("config")
    started_ray = init_ray(cfg, _output_uri(cfg))
    import ray

    from engine.shutdown import rearm

    rearm()  # ray.init replaced the SIGTERM handler of engine/shutdown.py

    from engine.stats import end_stats, run_stats_class

    stats = start_stats(run_stats_class())  # the GCS's key-value store: no process (engine/stats.py)
    timeline.mark("ray_start")
    run_ctx = RunContext(
        run_id=uuid.uuid4().hex[:16],
        output_uri=_output_uri(cfg),
        output_dir=out_dir,
        filesystem=out_fs,
        scratch_dir=cfg.storage.scratch_dir,
    )
    try:
        ds = build_read(cfg, files, stats, out_fs, out_dir, state.complete_units)
        stage_reports: dict[str, dict[str, Any]] = {}
        stage_tallies: list[dict[str, Any]] = []  # step counts that reached the driver through materialize
        cpus, gpus = (float(ray.cluster_resources().get(k, 0)) for k in ("CPU", "GPU"))
        pool_cpus = actor_pool_cpus(cfg.steps, cpus or 1.0, cfg.execution.stateful_steps, gpus)
        fused_into: str | None = None  # the stage run with the previous one (engine/stage_fusion.py)
        for i, step in enumerate(cfg.steps):
            if step.name == fused_into:
                continue
            if issubclass(step.op_cls, GlobalStage):
                # first step: the stage reads the input files again instead of a Parquet copy (engine/stages.py)
                reread = (
                    (lambda st: build_read(cfg, files, st, out_fs, out_dir, state.complete_units))
                    if i == 0
                    else None
                )
                source = StageSource(reread, estimate_input_bytes(files), stats)
                after = cfg.steps[i + 1] if i + 1 < len(cfg.steps) else None
                if after is not None and issubclass(after.op_cls, GlobalStage) and fusable(cfg, step, after):
                    # two consecutive stages over one pass of their input
                    fused_into = after.name
                    ds = run_fused_stages(
                        cfg, step, after, ds, out_fs, out_dir, stage_reports, stage_tallies, source, timeline
                    )
                    continue
                ds = run_global_stage(cfg, step, ds, out_fs, out_dir, stage_reports, stage_tallies, source)
                timeline.mark(f"stage:{step.name}")
            else:
                ds = apply_step(
                    ds,
                    step,
                    stats,
                    cfg.execution.max_errors,
                    run_ctx,
                    cfg.execution.doc_timeout_s,
                    num_cpus=pool_cpus.get(step.name),
                    stateful_steps=cfg.execution.stateful_steps,
                )
        sink = products.open_sink(cfg, out_fs, out_dir, files)  # complete, directories made
        progress = Progress(stats, cfg) if cfg.execution.progress else None
        if progress:
            progress.start()
        try:
            ds.write_datasink(sink)
        finally:
            if progress:
                progress.stop()
        timeline.mark("stream")
        live = stats_snapshot(stats)
        if live.get("first", {}).get(C.INPUT_STEP):
            timeline.mark("first_block", live["first"][C.INPUT_STEP])
        results = products.RunResults(
            tallies=list(sink.results) + state.kept_tallies,
            live={**live, "timeline": timeline},
            stage_reports=stage_reports,
            stage_tallies=stage_tallies,
            started=started,
            resumed=state.resumed,
        )
        _cleanup_work(out_fs, out_dir)  # stage intermediates: OUT/_work and local scratch
        return products.finish(cfg, files, out_fs, out_dir, results)  # report, HTML, card, manifest last
    finally:
        end_stats(stats)  # its keys deleted (or dropped from the warm Ray's service, or its actor killed)
        if started_ray:
            ray.shutdown()


# ------------------------------------------------------------------ output dir
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
    cleanup_scratch()
    work = posixpath.join(out_dir, "_work")
    if fs.get_file_info(work).type == pafs.FileType.Directory:
        fs.delete_dir(work)


__all__ = ["run", "run_config", "OperatorFailed", "AccountingError", "run_fingerprint", "prepare_output_dir"]
