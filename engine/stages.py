"""Global stages: materialize the stage input to Parquet, run the stage, count
its output; and the stage work directories."""

from __future__ import annotations

import os
import posixpath
import shutil
import uuid

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine import columns as C
from engine.accounting import StageCounter, merge_steps, split_tallies
from engine.columns import conform
from engine.config import RunConfig, Step
from engine.fault_hooks import kill_point
from engine.operator import GlobalStage, StageContext
from engine.read_plan import empty_input

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
    if step.op_cls.name in ("exact_dedup", "minhash_dedup") and step.params.index:  # release index (operators/dedup/index.py)
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
            return ray.data.from_arrow(empty_input()), empty
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


def cleanup_scratch() -> None:
    """Remove the local scratch directories this process made for stages of object-storage runs."""
    while _SCRATCH:
        shutil.rmtree(_SCRATCH.pop(), ignore_errors=True)
