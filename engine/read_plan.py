"""The read as a Ray Data plan: one task per input unit, streaming Arrow blocks
tagged with their unit and block (engine/io_read.py parses the files)."""

from __future__ import annotations

import posixpath
import time

import numpy as np
import pyarrow as pa
import pyarrow.fs as pafs

from engine import columns as C
from engine.columns import text_bytes
from engine.config import RunConfig
from engine.io_read import ByteRange, InputFile, ReadSpec, _compression, _line_ranges, plan_units, read_unit
from engine.resume import progress_dir
from engine.stats import add_live


# ------------------------------------------------------------------ reading
class _ReadFn(C.TolerantConcatTask):
    """Read task: one unit of input -> stream of tables. Tags rows with their
    unit and block, and records the unit's block sizes when it is done (resume)."""

    def __init__(self, spec: ReadSpec, units: list, stats, fs: pafs.FileSystem, progress: str) -> None:
        self.spec = spec
        self.units = units
        self.stats = stats
        self.fs = fs
        self.progress = progress

    def __call__(self, batch: pa.Table):
        units = batch.column("unit").to_pylist()
        if len(units) == 1:  # one unit per call: its blocks stream out as they are read
            marker: list = []
            yield from self._blocks(units[0], marker)
            self._mark(*marker)
            return
        # Several units in one call: a small input read by few tasks (small_input_tasks), whose
        # tables Ray Data concatenates downstream. Where their pass-through columns' types
        # conflict across files (int64 in one, string in another) that concatenation fails the
        # run: the tables then get one schema, those columns as text (columns.unify_schemas).
        read = []
        for idx in units:
            marker = []
            read.append((list(self._blocks(idx, marker)), marker))
        tables = [t for part, _ in read for t in part]
        schema = None
        try:
            pa.unify_schemas([t.schema for t in tables], promote_options="permissive")
        except C.ARROW_ERRORS:
            schema = C.unify_schemas([t.schema for t in tables])
        for part, marker in read:
            for table in part:
                yield table if schema is None else C.conform(table, schema)
            self._mark(*marker)

    def _blocks(self, idx: int, marker: list):
        """The unit's tables, tagged; ``marker`` gets what :meth:`_mark` writes once they are out."""
        files, span = self.units[idx]
        blocks: dict[int, int] = {}
        counts = {
            "lines": 0,
            "blank": 0,
            "quarantined": 0,
        }  # the reader's own counts (engine/accounting.py)
        schemas: dict[pa.Schema, str] = {}  # the unit's column types (engine/shard_schema.py)
        for seq, table in enumerate(read_unit(self.spec, files, span, counts)):
            t0 = time.perf_counter()
            n = table.num_rows
            if n and table.schema not in schemas:
                schemas[table.schema] = C.user_schema_token(table.schema)
            table = table.append_column(C.UNIT, pa.array(np.full(n, idx, dtype=np.int32)))
            table = table.append_column(C.BLOCK, pa.array(np.full(n, seq, dtype=np.int32)))
            blocks[seq] = n
            n_live = table.column(C.REMOVED_BY).null_count  # live: not quarantined by the reader
            counts["quarantined"] += n - n_live
            b = text_bytes(table if n_live == n else table.filter(C.live_mask(table)))
            add_live(self.stats, C.INPUT_STEP, n, n_live, b, b, time.perf_counter() - t0, time.time())
            yield table
        # the unit's distinct column types in the order its blocks first had them (engine/shard_schema.py)
        marker[:] = [idx, files, blocks, {**counts, "schemas": list(dict.fromkeys(schemas.values()))}]

    def _mark(self, idx: int, files, blocks: dict[int, int], counts: dict) -> None:
        """The unit's resume marker: its blocks' row counts and the reader's counts."""
        from engine.resume import write_json_atomic

        marker = posixpath.join(self.progress, "units", f"u{idx:06d}.json")
        marker_body = {
            "unit": idx,
            "blocks": blocks,
            "rows": sum(blocks.values()),
            "source": files[0].uri,
            **counts,
        }
        write_json_atomic(self.fs, marker, marker_body)


def build_read(
    cfg: RunConfig, files: list[InputFile], stats, fs, out_dir: str, skip_units: set[int] = frozenset()
):
    import ray

    C.install_tolerant_concat()  # the driver's own Ray Data (workers: on importing engine.columns)
    units = plan_units(files, cfg.input)
    items = [{"unit": i} for i in range(len(units)) if i not in skip_units]
    if not items:  # everything was already written by an earlier, interrupted run
        return ray.data.from_arrow(empty_input())
    tasks = small_input_tasks(files, len(items), cfg.steps)
    if not tasks and _has_global_stage(cfg.steps):  # no unit is skipped: every one is read again
        cpus = int(ray.cluster_resources().get("CPU", 1))
        units = balanced_units(units, cpus, cfg.input.block_mb, cfg.input.format)
        items = [{"unit": i} for i in range(len(units))]
    fused = False
    if not tasks and cfg.steps and not _has_global_stage(cfg.steps):
        cpus = int(ray.cluster_resources().get("CPU", 1))
        fused = fused_read(cfg, [units[it["unit"]] for it in items], cpus)
        if fused:
            items = biggest_first(items, units)
    ds = ray.data.from_items(items, override_num_blocks=tasks or len(items))
    separate = cfg.steps and not tasks and not fused
    remote = {"memory": read_task_memory(cfg.input.block_mb)} if separate else {}
    ds = ds.map_batches(
        _ReadFn(ReadSpec(cfg.input, cfg.storage), units, stats, fs, progress_dir(out_dir)),
        batch_size=None if tasks else 1,  # a small input: a task's units in one call
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
        # With no steps at all (``pipeline: []``, a format conversion) there is nothing to
        # spread: the read is left fusable with the write, one task per unit reads and
        # writes its blocks, no hop (scripts/bench_identity.py).
        # A small input (small_input_tasks) is read in as few tasks as there are idle workers,
        # each fused with the steps: no object-store hop, no worker started for it.
        # Units that share out evenly over the cores (fused_read) are read fused with the steps
        # too, one task per unit, the biggest first.
        **remote,
    )
    # what a map over the raw read must declare to be fused into the read tasks (engine/stages.py:
    # a global stage's input pass, when the stage is the first step)
    ds._corpusforge_read_args = remote
    return ds


def read_task_args(ds) -> dict | None:
    """The remote arguments of the read tasks when ``ds`` is :func:`build_read`'s dataset as it
    was returned (a map declaring them fuses into those tasks), else None."""
    args = getattr(ds, "_corpusforge_read_args", None)
    return dict(args) if isinstance(args, dict) else None


def _has_global_stage(steps) -> bool:
    from engine.operator import GlobalStage

    return any(issubclass(s.op_cls, GlobalStage) for s in steps)


#: How much longer than the block-level plan's the busiest core may be for a fused read (fused_read).
FUSED_READ_SLACK = 1.1
FUSED_READ_ENV = "CORPUSFORGE_FUSED_READ"


def fused_read(cfg: RunConfig, units: list, cpus: int) -> bool:
    """Whether the read units are read by tasks fused with the per-document steps (one task per
    unit, no object-store hop) rather than by read tasks of their own whose blocks any core's step
    tasks take (the plan for a large input).

    The separate read costs more than the hop. Ray Data keeps a CPU for the steps, so reads run
    one at a time on the other core; a step task waits for its block's read, and the second core
    starts on steps only once every read is done. Measured on the quality chain (4 files, 25 MB, 2 warm
    workers, Ray Data's own log of task starts): the second step task started 1.4-2.0 s into a
    5-6 s stream, and the last one often ran alone. Fused, every core reads and filters its own unit
    from the start: the two workers' main threads were running or runnable in 0.89-0.99 of the
    stream (mean 0.96) against 0.82-0.94 (mean 0.89), 4 alternated pairs at load 10-17, and no
    third worker was started (0.2-0.35 CPU-s in each separate-read stream). But a fused unit
    cannot be shared: one .gz file is one unit, one core. So the plan is fused only when the
    units share out over ``cpus`` cores (dealt biggest first to the least loaded core) with the
    busiest core at most :data:`FUSED_READ_SLACK` times as loaded as when their blocks
    (``input.block_mb``) are dealt out instead: many files, or files of about one block. One unit,
    or a few big ones, keep the separate read. Only when the first step can be fused into the read
    tasks (:func:`engine.ray_steps.fuses_with_read`) and no global stage reads the input. The plan's
    units do not change, only how they are read, so resume is unaffected.
    ``CORPUSFORGE_FUSED_READ=0`` turns it off."""
    import math
    import os

    from engine.ray_steps import fuses_with_read

    if os.environ.get(FUSED_READ_ENV) == "0" or len(units) < max(cpus, 2) or not cfg.steps:
        return False
    if not fuses_with_read(cfg.steps[0], cpus, cfg.execution.stateful_steps, _cluster_gpus()):
        return False
    sizes = [max(1, _unit_bytes(u)) for u in units]
    block = max(1, int(cfg.input.block_mb * 1024 * 1024))
    blocks = [s / k for s in sizes for k in [math.ceil(s / block)] for _ in range(k)]
    return busiest_core(sizes, cpus) <= FUSED_READ_SLACK * busiest_core(blocks, cpus)


def biggest_first(items: list[dict], units: list) -> list[dict]:
    """The read items (``{"unit": i}``) biggest unit first, equal ones in plan order: a task pool
    deals them out in this order, so the last ones, which may run while other cores are done,
    are the smallest (a short tail). Unit numbers are unchanged (resume markers)."""
    return sorted(items, key=lambda it: -_unit_bytes(units[it["unit"]]))


def _cluster_gpus() -> float:
    try:
        import ray

        return float(ray.cluster_resources().get("GPU", 0)) if ray.is_initialized() else 0.0
    except Exception:  # noqa: BLE001 - no cluster to ask: no GPU
        return 0.0


def busiest_core(work: list[float], cpus: int) -> float:
    """The load of the busiest of ``cpus`` cores when ``work`` is dealt out biggest first, each
    piece to the least loaded core (how a task pool fed in that order shares it out)."""
    import heapq

    cores = [0.0] * max(1, cpus)
    for w in sorted(work, reverse=True):
        heapq.heapreplace(cores, cores[0] + w)
    return max(cores)


#: Uncompressed bytes below which an input is not re-cut for balance (a few MB read in one go).
BALANCE_MIN_BYTES = 16 << 20
BALANCE_ENV = "CORPUSFORGE_BALANCED_READ"


def balanced_units(
    units: list, cpus: int, block_mb: float, fmt: str = "jsonl", min_bytes: int | None = None
) -> list:
    """The read units re-cut so that every core gets the same amount of work: the input is
    divided into a multiple of ``cpus`` pieces of at most one block each, and every local
    uncompressed JSONL file (the only kind that can be cut: at line boundaries, by byte range)
    into as many equal line-aligned ranges as its share of those pieces. Why: one 100 MB file was
    one unit, read by one task in 32 MB blocks (32, 32, 32, 1 MB); the stage's input pass then
    took blocks 0+1 on one core and 2+3 on the other, and one core idled for a third of the pass.
    Cut in four 25 MB ranges, each core reads and signs two. Compressed files (one unit each:
    a stream cannot be cut) and remote files stay as they are. Only used when a global stage
    reads the input (build_read): every unit is then read again on resume, so a plan that depends
    on the cluster's CPUs never meets another run's unit numbers. ``CORPUSFORGE_BALANCED_READ=0``
    turns it off; an input under ``min_bytes`` (default :data:`BALANCE_MIN_BYTES`) stays as planned."""
    import math
    import os

    if cpus <= 1 or fmt != "jsonl" or os.environ.get(BALANCE_ENV) == "0":
        return units
    whole: dict[str, InputFile] = {}  # a cuttable file -> its InputFile (all its units are re-cut)
    for files, _span in units:
        f = files[0]
        if len(files) == 1 and _compression(f.path) is None and "://" not in f.uri and f.size:
            whole[f.path] = f
    total = sum(_unit_bytes(u) for u in units)
    if not whole or total < (BALANCE_MIN_BYTES if min_bytes is None else min_bytes):
        return units
    block = max(1, int(block_mb * 1024 * 1024))
    pieces = cpus * math.ceil(total / (cpus * block))
    target = total / pieces
    out: list = []
    done: set[str] = set()
    for files, span in units:
        f = files[0]
        if f.path not in whole:
            out.append((files, span))
            continue
        if f.path in done:  # its ranges were all added with its first unit
            continue
        done.add(f.path)
        k = max(1, round(f.size / target))
        if k == 1:
            out.append(([f], None))
            continue
        ranges = _line_ranges(f.path, f.size, math.ceil(f.size / k))
        out.extend(([f], r) for r in ranges)
    return out


def _unit_bytes(unit) -> int:
    files, span = unit
    if isinstance(span, ByteRange):
        return span.end - span.start
    return sum(int(f.size or 0) * (1 if _compression(f.path) is None else 4) for f in files)


#: Estimated input bytes (engine/stages.py ``estimate_input_bytes``) up to which the read is
#: planned as a small input (:func:`small_input_tasks`).
SMALL_INPUT_BYTES = 8 << 20
SMALL_INPUT_ENV = "CORPUSFORGE_SMALL_INPUT"
#: The small-input limit of a chain of light steps only (:func:`light_chain`).
LIGHT_INPUT_BYTES = 16 << 20
#: Overrides the small-input limit (in MB), e.g. to measure where the one-task plan stops paying.
SMALL_INPUT_MB_ENV = "CORPUSFORGE_SMALL_INPUT_MB"


def small_input_tasks(files: list[InputFile], units: int, steps=()) -> int:
    """How many read tasks a small input gets, or 0 (not small: one task per read unit).

    On a fresh Ray a run finds one idle worker per CPU (Ray prestarts them); any further
    task waits for a new Python worker to start (~1 CPU-s: Python, Ray, Ray Data) and to set
    up the run's operators again (language model, Unicode tables, numba kernels: ~1 more).
    For a few MB of input that costs more than the reading and the steps themselves, so an
    input of at most ``SMALL_INPUT_BYTES`` (estimated uncompressed) is read by at most
    CPUs - 1 tasks (one on 2 CPUs), the read fused with the steps. The idle worker left
    over is not used on purpose: with the live figures in the GCS (engine/stats.py) no
    statistics actor takes it any more, but a second task there costs its own operator
    set-up and cold token memos: measured on 2 CPUs, interleaved pairs at load 15-20, the
    quality chain on 12.5 MB took 7.65-7.67 CPU-s as two tasks against 6.76-7.10 as one (with
    the actor; the quickstart 8.60-8.87 against 7.25-8.32) and was no faster. Each
    task reads its units in turn with the same tags, block sizes and resume markers, so every
    document, decision and count is the same; Ray Data may join a task's small blocks of
    several units into one, so the output can have fewer shards (one shard may cover several
    input files, which resume handles: engine/resume.py). A chain of light steps only
    (:func:`light_chain`) is small up to ``LIGHT_INPUT_BYTES``. ``CORPUSFORGE_SMALL_INPUT=0``
    turns it off."""
    import os

    if units <= 1 or os.environ.get(SMALL_INPUT_ENV) == "0":
        return 0
    from engine.stages import estimate_input_bytes

    if estimate_input_bytes(files) > small_input_limit(steps):
        return 0
    import ray

    cpus = int(ray.cluster_resources().get("CPU", 1))
    from engine import ray_runtime

    # On the warm local Ray (`corpusforge ray up`) every CPU has a job-less worker booted and, for
    # the rule filters, warmed between runs (engine/warm_workers.py, operators/quality/_prestart.py):
    # a task on each costs no start-up. Measured (12.5 MB quality chain, 4 warm runs at load 13-19):
    # the busiest worker's CPU 1.6 -> 0.95-1.0 s as two tasks, step CPU +0.1 (cold token memos twice).
    return max(1, min(units, cpus if ray_runtime.attached_warm_local() else cpus - 1))


def light_chain(steps) -> bool:
    """Whether every step is a built-in per-document operator without ``setup()`` (rule-based:
    the text and quality filters, normalize_text, url_filter, ...), and there is at least one.
    A model step (language ID, classifier, ``pii_redact``), a global stage or a plugin is not light."""
    from engine.operator import GlobalStage

    return bool(steps) and all(
        s.op_cls.__module__.startswith("operators.")
        and not issubclass(s.op_cls, GlobalStage)
        and not s.op_cls.is_stateful()
        for s in steps
    )


def small_input_limit(steps=()) -> float:
    """Bytes up to which an input is small: ``SMALL_INPUT_BYTES``, ``LIGHT_INPUT_BYTES`` for a
    :func:`light_chain`, or ``CORPUSFORGE_SMALL_INPUT_MB`` (a number of MB; anything else is
    ignored). Where the one-task plan stops paying depends on the chain: a second task costs a
    new worker (~1 CPU-s to start, the operators' set-up, and Ray often starts one more that stays
    idle) and saves half the steps' work. On 2 CPUs the four rule filters (~0.2 CPU-s/MB) run
    12.5 MB in 7.4-7.9 CPU-s as one task against 10.3-11.1 as one task per file, faster too in
    every pair (docs/startup.md); ``pii_redact`` (~1 CPU-s/MB) gains less than 8 MB."""
    import os

    default = float(LIGHT_INPUT_BYTES if light_chain(steps) else SMALL_INPUT_BYTES)
    try:
        mb = float(os.environ.get(SMALL_INPUT_MB_ENV, ""))
    except ValueError:
        return default
    return mb * (1 << 20) if mb >= 0 else default


def read_task_memory(block_mb: float) -> int:
    """Bytes a read task declares: three blocks (text being parsed, Arrow builders, the
    finished block). Also what separates the read from the steps' fused chain (build_read)."""
    return int(3 * block_mb * 1024 * 1024)


def empty_input() -> pa.Table:
    fields = [pa.field("id", pa.string()), pa.field("text", pa.string())]
    fields += [pa.field(name, typ) for name, typ in C.ENGINE_TYPES.items()]
    return pa.schema(fields).empty_table()
