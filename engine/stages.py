"""Global stages: one pass over the stage input (read, count, materialize only
when needed, and the stage's first phase fused in), run the stage, count its
output; and the stage work directories.

The stage input is read once by the pass:

* the stage is the first step (nothing upstream changes rows or text): the pass
  reads the input files, counts them and runs the stage's ``prepare()``; the
  stage's later passes read the input files again (no Parquet copy is written;
  the read sends no live statistics the second time);
* upstream steps exist: the pass writes their output to Parquet in
  ``OUT/_work/<step>/input/`` (so they never run twice, and an interrupted run
  resumes from it) and runs ``prepare()`` on the same blocks;
* the stage is the first step, but its input is small and the stage would read
  it more than once more (``GlobalStage.copy_small_input``: minhash_dedup's
  single-task path reads the cluster members' texts, then the final stream
  reads everything): the pass writes an uncompressed copy there, as above, in
  Arrow IPC (``.arrow``: written as the blocks lie in memory, read back
  memory-mapped; ~0.04 CPU-s per 100 MB to write and ~0 to read, against ~0.09
  and ~0.07 per read for uncompressed Parquet; parsing the JSONL again costs ~0.6
  CPU-s each time, plus a Ray execution for the members). A small materialized
  input (after upstream steps) is written so as well; a larger one is zstd Parquet.

Every execution and phase of the stage is timed (engine/stage_runtime.py) and
the figures go to the stage's typed report (:class:`engine.operator.StageReport`).
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine import columns as C
from engine.accounting import StageCounter, merge_steps, split_tallies
from engine.columns import conform, text_bytes
from engine.config import RunConfig, Step
from engine.fault_hooks import kill_point
from engine.operator import GlobalStage, StageContext, StageReport
from engine.read_plan import empty_input
from engine.stage_runtime import ARROW_SUFFIX, StageRuntime, read_table_file, write_table_file
from engine.stats import add_live


@dataclass
class StageSource:
    """What the executor tells a global stage about where its input comes from.

    ``reread(stats)`` returns a fresh dataset reading the input files (``stats``:
    the live-statistics handle its read tasks report to); set only when the stage
    is the first step, so its input is the raw input. ``estimated_bytes`` sizes
    what the stage must decide before its input is counted; ``stats`` is the run's
    live statistics (the stage's bytes and seconds go there, as every step's)."""

    reread: Callable[[Any], Any] | None = None
    estimated_bytes: int | None = None
    stats: Any = None


def estimate_input_bytes(files: list) -> int:
    """Uncompressed bytes of the input files, estimated before reading them
    (compressed files count four times their size)."""
    total = 0
    for f in files:
        compressed = f.uri.endswith((".gz", ".zst", ".bz2", ".xz"))
        total += int(f.size or 0) * (4 if compressed else 1)
    return total


class _NoRemote:
    def remote(self, *args: Any, **kwargs: Any) -> None:
        return None


class SilentStats:
    """A live-statistics handle that drops what it gets: the input files read a
    second time for a stage must not count twice in the run's statistics."""

    add = _NoRemote()


# ------------------------------------------------------------------ global stages
@dataclass
class _OpenStage:
    """A global stage being run: its step, operator, context, runtime and clock."""

    step: Step
    op: GlobalStage
    ctx: StageContext
    rt: StageRuntime
    work: str
    index_uri: str
    started: float


def _open_stage(
    cfg: RunConfig, step: Step, fs: pafs.FileSystem, out_dir: str, source: StageSource
) -> _OpenStage:
    """Build the stage's operator and context (work directory, device, release index)."""
    from engine.ray_steps import resolve_device

    started = time.perf_counter()
    work = posixpath.join(out_dir, "_work", step.name)
    op = step.build()
    if not isinstance(op, GlobalStage):
        raise TypeError(step.name)
    op.ensure_setup()
    rt = StageRuntime()
    stage_dir = _stage_dir(cfg, fs, work)
    ctx = StageContext(
        step_name=step.name,
        work_dir=stage_dir,
        num_cpus=rt.cluster_cpus(),
        seed=cfg.execution.seed,
        against=(cfg._against or {}).get(step.name, []),
        storage=cfg.storage,
        estimated_input_bytes=source.estimated_bytes,
        runtime=rt,
    )
    if (
        getattr(step.params, "device", None) is not None
    ):  # the engine's one device policy (engine/ray_steps.py)
        ctx.device = resolve_device(step, rt.cluster_gpus())[0].params.device
    index_uri = posixpath.join(out_dir, "index", step.name)
    if getattr(step.params, "index", False):  # release index of a dedup stage (operators/dedup/index.py)
        if fs.get_file_info(index_uri).type == pafs.FileType.Directory:
            fs.delete_dir(index_uri)  # left by a killed run: the stage writes it again
        ctx.index_dir = (
            index_uri if isinstance(fs, pafs.LocalFileSystem) else os.path.join(stage_dir, "_index")
        )
    return _OpenStage(step, op, ctx, rt, work, index_uri, started)


def _stage_input(ds, fs: pafs.FileSystem, st: _OpenStage, source: StageSource, prepare, small: bool):
    """The pass over the stage input (raw or materialized, ``prepare`` fused in):
    (dataset of the input, sizes, how it was obtained)."""
    from engine.read_plan import read_task_args

    # the raw read (the stage is the first step): the pass declares what the read tasks do, so
    # Ray Data fuses it into them (each task reads and prepares its own blocks: no object-store
    # hop of the blocks, the read units' balance is the pass's; engine/read_plan.py)
    fuse = (read_task_args(ds) or {}) if source.reread is not None else {}
    with st.rt.phase("input"):
        if source.reread is not None and not small:
            ds, sizes = _raw_input(ds, source, st.rt, prepare, fuse)
            how = "raw"
        else:
            codec = ARROW if small else "zstd"
            ds, sizes, how = materialize(
                ds, fs, posixpath.join(st.work, "input"), st.rt, prepare, codec, fuse
            )
            if isinstance(fs, pafs.LocalFileSystem):  # the single-task path of a stage reads them directly
                st.ctx.input_paths = list(sizes.get("paths") or [])
    return ds, sizes, how


def _take_input(st: _OpenStage, sizes: dict[str, Any], tallies: list | None) -> None:
    """The pass's counts: the step tallies it took off the rows and the stage's input
    counts to ``tallies``; the input's sizes and schema to the stage context."""
    if tallies is not None:
        tallies.extend({"step": name, **counts} for name, counts in sizes.get("step_tallies", {}).items())
        tallies.append({"step": st.step.name, "in": sizes["live_rows"] or 0, "rows_in": sizes["rows"] or 0})
    ctx = st.ctx
    ctx.input_rows, ctx.input_live_rows = sizes["rows"], sizes["live_rows"]
    ctx.input_bytes, ctx.input_blocks, ctx.input_schema = sizes["bytes"], sizes["blocks"], sizes.get("schema")


def _close_stage(
    st: _OpenStage,
    fs: pafs.FileSystem,
    how: str,
    counts: dict[str, int],
    stage_reports: dict,
    source: StageSource,
    inputs_counted: bool = False,
) -> None:
    """Copy the release index to object storage, write the stage's report and send its
    seconds (and ``counts``: docs and text bytes in, unless ``inputs_counted`` on the
    output blocks of the fused stage before it) to the live statistics."""
    ctx = st.ctx
    if ctx.index_dir and not isinstance(fs, pafs.LocalFileSystem) and os.path.isdir(ctx.index_dir):
        pafs.copy_files(
            ctx.index_dir, st.index_uri, source_filesystem=pafs.LocalFileSystem(), destination_filesystem=fs
        )
    seconds = round(time.perf_counter() - st.started, 3)
    stage_reports[st.step.name] = StageReport(
        docs_in=counts["docs"],
        rows_in=counts["rows"],
        bytes_in=counts["text_bytes"],
        input=how,
        seconds=seconds,
        phases=dict(st.rt.phases),
        executions=[{"label": e.label, "seconds": e.seconds} for e in st.rt.executions],
        details=ctx.report,
    )
    if source.stats is not None:  # the stage's own seconds and bytes in, as every step reports them
        docs, nbytes = (0, 0) if inputs_counted else (counts["docs"], counts["text_bytes"])
        source.stats.add.remote(st.step.name, docs, 0, nbytes, 0, seconds)


def _input_counts(sizes: dict[str, Any]) -> dict[str, int]:
    return {
        "docs": int(sizes["live_rows"] or 0),
        "rows": int(sizes["rows"] or 0),
        "text_bytes": int(sizes.get("text_bytes") or 0),
    }


def run_global_stage(
    cfg: RunConfig,
    step: Step,
    ds,
    fs: pafs.FileSystem,
    out_dir: str,
    stage_reports: dict,
    tallies: list | None = None,
    source: StageSource | None = None,
):
    """Read the stage's input once (materialized only when needed, the stage's
    first phase fused in), run the stage, count its output. ``tallies``
    receives the step counts that the pass took off the rows and the stage's
    input counts (engine/accounting.py); ``stage_reports`` the stage's
    :class:`StageReport`."""
    source = source or StageSource()
    st = _open_stage(cfg, step, fs, out_dir, source)
    prepare = st.op.prepare(st.ctx)
    # a small first-step input the stage would read again more than once (e.g. minhash's keeper
    # texts, then the final stream): an uncompressed local copy costs less than parsing it again;
    # a small materialized input is written uncompressed too (Arrow IPC, see the module docstring)
    small = isinstance(fs, pafs.LocalFileSystem) and st.op.copy_small_input(source.estimated_bytes)
    ds, sizes, how = _stage_input(ds, fs, st, source, prepare, small)
    _take_input(st, sizes, tallies)
    kill_point(step.name, "materialize")
    st.ctx.prepared = sizes.get("prepared") if prepare is not None else None
    ds = st.op.run(ds, st.ctx)
    _close_stage(st, fs, how, _input_counts(sizes), stage_reports, source)
    # the stage's output counted from the rows it returned (retry-exact: tally rows)
    return ds.map_batches(_StageOutput(step.name, source.stats), batch_size=None, batch_format="pyarrow")


def run_fused_stages(
    cfg: RunConfig,
    first: Step,
    second: Step,
    ds,
    fs: pafs.FileSystem,
    out_dir: str,
    stage_reports: dict,
    tallies: list | None = None,
    source: StageSource | None = None,
    timeline: Any = None,
):
    """Two consecutive global stages over one pass of their input (engine/stage_fusion.py:
    ``exact_dedup`` then ``minhash_dedup``): the pass runs both first phases, the first
    stage decides, its removals are dropped from the second stage's prepared files, and
    the second stage runs on the first stage's output without a pass of its own. When
    the second stage's first phase cannot run in the pass (a GPU), the stages run one
    after the other. ``timeline`` (engine/phases.py) gets ``stage:<name>`` marks."""
    from engine.stage_fusion import BothPrepares, drop_first_stage_removals, split_prepared

    source = source or StageSource()
    local = isinstance(fs, pafs.LocalFileSystem)
    st1 = _open_stage(cfg, first, fs, out_dir, source)
    st2 = _open_stage(cfg, second, fs, out_dir, source)
    prepare2 = st2.op.prepare(st2.ctx)
    if prepare2 is None:
        shutil.rmtree(st2.ctx.work_dir, ignore_errors=True)
        ds = run_global_stage(cfg, first, ds, fs, out_dir, stage_reports, tallies, source)
        if timeline is not None:
            timeline.mark(f"stage:{first.name}")
        ds = run_global_stage(cfg, second, ds, fs, out_dir, stage_reports, tallies, source)
        if timeline is not None:
            timeline.mark(f"stage:{second.name}")
        return ds
    prepare1 = st1.op.prepare(st1.ctx)
    est = source.estimated_bytes
    small = local and (st1.op.copy_small_input(est) or st2.op.copy_small_input(est))
    ds, sizes, how = _stage_input(ds, fs, st1, source, BothPrepares(prepare1, prepare2), small)
    _take_input(st1, sizes, tallies)
    kill_point(first.name, "materialize")
    prepared1, prepared2 = split_prepared(sizes.get("prepared"))
    st1.ctx.prepared = prepared1 if prepare1 is not None else None
    out1 = st1.op.run(ds, st1.ctx)
    _close_stage(st1, fs, how, _input_counts(sizes), stage_reports, source)
    if timeline is not None:
        timeline.mark(f"stage:{first.name}")
    # the second stage: its input is the first stage's output (same rows, same columns: filter mode)
    st2.started = time.perf_counter()
    ctx1, ctx2 = st1.ctx, st2.ctx
    verdicts = os.path.join(ctx1.work_dir, "verdicts")
    with st2.rt.phase("input"):
        dropped = drop_first_stage_removals(st2.rt, ctx2.work_dir, verdicts, local)
    live = int(sizes["live_rows"] or 0) - int(dropped.get("rows", 0))
    if tallies is not None:
        tallies.append({"step": second.name, "in": live, "rows_in": sizes["rows"] or 0})
    ctx2.input_rows, ctx2.input_live_rows = sizes["rows"], live
    ctx2.input_bytes, ctx2.input_blocks = sizes["bytes"], sizes["blocks"]
    ctx2.input_schema = ctx1.input_schema
    ctx2.input_paths = ctx1.input_paths
    ctx2.prepared = prepared2
    kill_point(second.name, "materialize")
    out2 = st2.op.run(out1, ctx2)
    # its text bytes in are counted on the output blocks (_FusedOutput), not known here
    counts = {"docs": live, "rows": int(sizes["rows"] or 0), "text_bytes": 0}
    _close_stage(st2, fs, f"fused:{first.name}", counts, stage_reports, source, inputs_counted=True)
    if timeline is not None:
        timeline.mark(f"stage:{second.name}")
    # both stages' outputs counted on the final blocks (out1 has no side effects: the second stage
    # may execute it more than once, e.g. keeper verification's map over its input)
    return out2.map_batches(
        _FusedOutput(first.name, second.name, source.stats), batch_size=None, batch_format="pyarrow"
    )


def live_sizes(table: pa.Table) -> tuple[int, int]:
    """(live rows, their text bytes) of a block, as ``text_bytes`` counts them on the live rows
    (0 bytes without a ``text`` column), from the column lengths: the rows are not copied."""
    mask = C.live_mask(table) if C.REMOVED_BY in table.column_names else None
    n = table.num_rows if mask is None else int(pc.sum(pc.cast(mask, pa.int64())).as_py() or 0)
    if "text" not in table.column_names or n == 0:
        return n, 0
    if mask is None and "html" not in table.column_names:
        return n, text_bytes(table)
    lengths = pc.binary_length(table.column("text"))
    if "html" in table.column_names:  # text_bytes: the HTML's bytes where the text is still empty
        html = pc.fill_null(pc.binary_length(table.column("html")), 0)
        lengths = pc.if_else(pc.equal(pc.fill_null(lengths, 0), 0), html, lengths)
    if mask is not None:
        lengths = pc.filter(lengths, mask)
    return n, int(pc.sum(lengths).as_py() or 0)


class _StageOutput(C.TolerantConcatTask):
    """Counts a stage's output per block (tally rows, engine/accounting.py) and
    reports its live documents and text bytes out to the live statistics."""

    def __init__(self, step: str, stats: Any) -> None:
        self.counter = StageCounter(step)
        self.step = step
        self.stats = stats

    def __call__(self, table: pa.Table) -> pa.Table:
        if self.stats is not None and table.num_rows and C.REMOVED_BY in table.column_names:
            n, nbytes = live_sizes(table)
            add_live(self.stats, self.step, 0, n, 0, nbytes, 0.0)  # waited for
        return self.counter(table)


class _FusedOutput(C.TolerantConcatTask):
    """Two fused stages' outputs counted on the second stage's output blocks: the
    first stage's view is the block with the second stage's removals undone (the
    rows it passed on), counted as :class:`_StageOutput` would have on its own
    output; the second stage's input figures are the first's output figures."""

    def __init__(self, first: str, second: str, stats: Any) -> None:
        self.first = StageCounter(first)
        self.second = StageCounter(second)
        self.names = (first, second)
        self.stats = stats

    def __call__(self, table: pa.Table) -> pa.Table:
        if table.num_rows == 0 or C.REMOVED_BY not in table.column_names:
            return self.second(self.first(table))
        by = table.column(C.REMOVED_BY)
        undone = pc.if_else(pc.fill_null(pc.equal(by, self.names[1]), False), pa.scalar(None, by.type), by)
        view = table.set_column(table.schema.get_field_index(C.REMOVED_BY), C.REMOVED_BY, undone)
        first_tally = self.first(view).slice(view.num_rows)  # its one tally row
        if self.stats is not None:
            n1, b1 = live_sizes(view)
            n2, b2 = live_sizes(table)
            add_live(self.stats, self.names[0], 0, n1, 0, b1, 0.0)
            add_live(self.stats, self.names[1], n1, n2, b1, b2, 0.0)
        return self.second(C.concat([table, first_tally]))


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


#: The codec of a small stage copy: an uncompressed Arrow IPC file (any other codec: Parquet).
ARROW = "arrow"


class _InputPass(C.TolerantConcatTask):
    """The pass over a stage's input, per block: take the step tallies off (they
    go to the driver, not to the stage), write the block under ``directory`` (when
    materializing: Parquet with ``compression``, or Arrow IPC when it is :data:`ARROW`),
    run the stage's ``prepare`` function, and return one small row: path, schema,
    counts and the prepare counters."""

    def __init__(
        self,
        fs: pafs.FileSystem | None,
        directory: str | None,
        prepare: Callable | None,
        compression: str = "zstd",
    ) -> None:
        self.fs = fs
        self.directory = directory
        self.prepare = prepare
        self.compression = compression

    def __call__(self, table: pa.Table) -> pa.Table:
        table, tallies = split_tallies(table)
        if table.num_rows == 0:
            k = 1 if tallies else 0
            return pa.table(
                {
                    "path": pa.array([""] * k, pa.string()),
                    "schema": pa.array([b""] * k, pa.binary()),
                    "rows": pa.array([0] * k, pa.int64()),
                    "live_rows": pa.array([0] * k, pa.int64()),
                    "bytes": pa.array([0] * k, pa.int64()),
                    "text_bytes": pa.array([0] * k, pa.int64()),
                    "tallies": pa.array([json.dumps(tallies)] * k, pa.string()),
                    "prepared": pa.array(["{}"] * k, pa.string()),
                }
            )
        path = ""
        if self.directory is not None:
            src = table.column(C.SOURCE)[0].as_py()
            line = table.column(C.LINE)[0].as_py()
            # "arrow": an Arrow IPC file (engine/stage_runtime.py ARROW_SUFFIX); else Parquet
            ipc = self.compression == ARROW
            suffix = ARROW_SUFFIX if ipc else ".parquet"
            name = f"block-{abs(hash(src)) % 10**8:08d}-{line:010d}-{uuid.uuid4().hex[:8]}{suffix}"
            path = posixpath.join(self.directory, name)
            with self.fs.open_output_stream(path) as out:
                if ipc:
                    write_table_file(table, out)
                else:
                    pq.write_table(table, out, compression=self.compression)
        counters = self.prepare(table) if self.prepare is not None else {}
        n_live, live_bytes = live_sizes(table)
        return pa.table(
            {
                "path": [path],
                "schema": [table.schema.serialize().to_pybytes()],
                "rows": [table.num_rows],
                "live_rows": [n_live],
                "bytes": [table.nbytes],
                "text_bytes": [live_bytes],
                "tallies": [json.dumps(tallies)],
                "prepared": [json.dumps({k: int(v) for k, v in (counters or {}).items()})],
            }
        )


def _summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The pass's per-block rows -> sizes (rows, live rows, bytes, text bytes, blocks),
    step tallies, prepare counters, unified schema and the written paths."""
    step_tallies = merge_steps(e for r in rows for e in json.loads(r["tallies"] or "[]"))
    prepared: dict[str, int] = {}
    for r in rows:
        for k, v in json.loads(r.get("prepared") or "{}").items():
            prepared[k] = prepared.get(k, 0) + int(v)
    blocks = [r for r in rows if r["schema"]]
    sizes: dict[str, Any] = {
        k: int(sum(r[k] for r in blocks)) for k in ("rows", "live_rows", "bytes", "text_bytes")
    }
    sizes.update(blocks=len(blocks), step_tallies=step_tallies, prepared=prepared)
    if blocks:
        schemas = [pa.ipc.read_schema(pa.py_buffer(r["schema"])) for r in blocks]
        sizes["schema"] = C.unify_schemas(schemas)  # conflicting pass-through types: string
    sizes["paths"] = sorted(r["path"] for r in blocks if r["path"])
    return sizes


class _Conform(C.TolerantConcatTask):
    def __init__(self, schema: pa.Schema) -> None:
        self.schema = schema

    def __call__(self, table: pa.Table) -> pa.Table:
        return conform(table, self.schema)


def _raw_input(
    ds, source: StageSource, rt: StageRuntime, prepare: Callable | None, remote: dict | None = None
):
    """The stage is the first step: count the input and run ``prepare`` in one read
    of the input files; the stage then reads the files again (conformed to one
    schema, without live statistics). No copy is written, so a resumed run does this again.
    ``remote``: the pass's remote arguments (those of the read tasks: fused into them)."""
    rows = rt.take_small(
        ds.map_batches(
            _InputPass(None, None, prepare), batch_size=None, batch_format="pyarrow", **(remote or {})
        ),
        "input",
    )
    sizes = _summarize(rows)
    if not sizes["blocks"]:
        sizes.update(blocks=1, schema=empty_input().schema)
        return rt.from_table(empty_input()), sizes
    again = source.reread(SilentStats())
    return again.map_batches(_Conform(sizes["schema"]), batch_size=None, batch_format="pyarrow"), sizes


class _ReadBlock(C.TolerantConcatTask):
    def __init__(self, fs: pafs.FileSystem, schema: pa.Schema) -> None:
        self.fs = fs
        self.schema = schema

    def __call__(self, batch: pa.Table) -> pa.Table:
        parts = []
        for path in batch.column("path").to_pylist():
            parts.append(conform(read_table_file(path, self.fs), self.schema))
        return pa.concat_tables(parts)


def materialize(
    ds,
    fs: pafs.FileSystem,
    directory: str,
    rt: StageRuntime | None = None,
    prepare: Callable | None = None,
    compression: str = "zstd",
    remote: dict | None = None,
):
    """Write the dataset (Parquet with ``compression``, or Arrow IPC: :data:`ARROW`) under
    ``directory`` and run ``prepare`` on the same blocks; return a dataset reading it back with
    one unified schema, its sizes (rows, live rows, bytes, text bytes, blocks, schema, step
    tallies, prepare counters) and how it was obtained (``materialized``, or ``reused``
    when an interrupted run had completed it: ``prepare`` then runs over the copy).
    Only file paths, schemas and per-block counts reach the driver. ``remote``: the pass's
    remote arguments (those of the read tasks when ``ds`` is the raw read: fused into them)."""
    from engine.resume import read_json, write_json_atomic

    rt = rt or StageRuntime()
    done = posixpath.join(directory, "_SUCCESS.json")
    if fs.get_file_info(done).type == pafs.FileType.File:  # completed by an interrupted run: reuse
        listing = read_json(fs, done)
        paths = listing["paths"]
        schema = pa.ipc.read_schema(pa.py_buffer(bytes.fromhex(listing["schema"])))
        sizes = {
            "rows": None,
            "live_rows": None,
            "bytes": None,
            "text_bytes": None,
            **listing.get("sizes", {}),
        }
        sizes.setdefault("blocks", len(paths))
        sizes["paths"] = paths
        sizes["step_tallies"] = listing.get("step_tallies", {})
        sizes["schema"] = schema
        how = "reused"
    else:
        if fs.get_file_info(directory).type == pafs.FileType.Directory:
            fs.delete_dir_contents(directory)
        fs.create_dir(directory, recursive=True)
        written = ds.map_batches(
            _InputPass(fs, directory, prepare, compression),
            batch_size=None,
            batch_format="pyarrow",
            **(remote or {}),
        )
        sizes = _summarize(rt.take_small(written, "input"))  # one small row per block
        paths = sizes["paths"]
        if not paths:
            sizes.update(blocks=1, schema=empty_input().schema)
            return rt.from_table(empty_input()), sizes, "materialized"
        schema = sizes["schema"]
        keep = {k: sizes[k] for k in ("rows", "live_rows", "bytes", "text_bytes", "blocks")}
        write_json_atomic(
            fs,
            done,
            {
                "paths": paths,
                "schema": schema.serialize().to_pybytes().hex(),
                "sizes": keep,
                "step_tallies": sizes["step_tallies"],
            },
        )
        how = "materialized"
    listing_ds = rt.from_items([{"path": p} for p in paths])
    out = listing_ds.map_batches(_ReadBlock(fs, schema), batch_size=1, batch_format="pyarrow")
    if (
        how == "reused" and prepare is not None
    ):  # the stage's work directory was cleared: its first phase again
        rows = rt.take_small(
            out.map_batches(_InputPass(None, None, prepare), batch_size=None, batch_format="pyarrow"),
            "prepare",
        )
        sizes["prepared"] = _summarize(rows)["prepared"]
    return out, sizes, how


def cleanup_scratch() -> None:
    """Remove the local scratch directories this process made for stages of object-storage runs."""
    while _SCRATCH:
        shutil.rmtree(_SCRATCH.pop(), ignore_errors=True)
