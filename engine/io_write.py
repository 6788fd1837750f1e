"""The run's writer: one Ray Data datasink that routes every row by its fate.

* live rows -> ``OUT/data/part-<file>-<line>.<ext>`` (Parquet zstd or JSONL.gz);
* quarantined rows -> ``OUT/quarantine/`` (Parquet: id, source, line, step, reason, raw;
  ``raw`` per ``output.quarantine_raw``);
* removed rows -> ``OUT/removed/`` (the removal trace: id, source, line, step, reason,
  text and the signal columns; ``output.removed: ids`` writes only the index in
  ``removed/index/``, ``none`` nothing).

With a ``pii_redact`` step in the pipeline, text written to ``removed/`` and
``quarantine/`` goes through the same recognizers first (``engine/sink_redact.py``).

File names come from the first row's input file and line, so they are stable
across runs and a retried write task overwrites its own files. Each write task
returns a small tally (counts by step and reason, bytes, files); the driver
sums these into the report, so the accounting is computed from the data that
was actually written.
"""

from __future__ import annotations

import gzip
import io
import json
import posixpath
from collections import Counter, defaultdict
from typing import Any, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq
from ray.data import Datasink

from engine import columns as C
from engine import profiling
from engine import trace as removal_trace
from engine.accounting import merge_steps, split_tallies, step_pieces


class CorpusSink(Datasink):
    def __init__(
        self,
        out_dir: str,
        fs: pafs.FileSystem,
        fmt: str,
        compression: str,
        write_removed: bool,
        drop_columns: list[str],
        file_index: dict[str, int],
        progress_dir: str | None = None,
    ) -> None:
        self.out_dir = out_dir
        self.fs = fs
        self.fmt = fmt
        self.compression = None if compression == "none" else compression
        self.write_removed = write_removed
        self.drop_columns = set(drop_columns)
        self.file_index = file_index
        self.progress_dir = progress_dir
        self.results: list[dict[str, Any]] = []
        self.redactor = None  # engine.sink_redact.OutputRedactor, set by configure_text
        self.removed_ids_only = False
        self.quarantine_raw = "full"

    def configure_text(self, cfg) -> None:
        """Driver side: what the run writes of removed and quarantined text
        (``output.removed`` / ``output.quarantine_raw``, resolved by the config)."""
        from engine.sink_redact import OutputRedactor

        self.redactor = OutputRedactor.from_config(cfg)
        self.removed_ids_only = cfg.output.removed == "ids"
        self.quarantine_raw = cfg.output.quarantine_raw
        if self.removed_ids_only:
            self.fs.create_dir(posixpath.join(self.out_dir, "removed", removal_trace.INDEX_DIR), recursive=True)

    def get_name(self) -> str:
        return "CorpusSink"

    @property
    def min_rows_per_write(self):
        return None

    def write(self, blocks: Iterable[pa.Table], ctx) -> dict[str, Any]:
        """Write each block as its own shard (streaming: one block in memory at a time)."""
        tallies = []
        task = getattr(ctx, "task_idx", 0)
        for block in blocks:
            if block is not None and block.num_rows:
                # a block of step counts only: named by task and position (a retried task rewrites it)
                tallies.append(self._write_block(block, f"tally-{task:06d}-{len(tallies):05d}"))
        return merge_tallies(tallies)

    def _write_block(self, table: pa.Table, tally_stem: str = "tally") -> dict[str, Any]:
        table, step_entries = split_tallies(table)  # the steps' own counts (engine/accounting.py)
        tally = _empty_tally()
        tally["steps"] = merge_steps(step_entries)
        if table.num_rows == 0:
            if self.progress_dir is not None:
                self._mark_written(table, tally_stem, tally, step_entries)
            return tally
        stem = self._stem(table)
        live = C.live_mask(table)
        quarantined = pc.fill_null(table.column(C.QUARANTINED), False)
        removed = pc.and_(pc.invert(live), pc.invert(quarantined))
        gen = pc.invert(pc.is_null(table.column(C.GENERATED)))

        tally["rows"] = table.num_rows
        tally["input_docs"] = int(table.num_rows - pc.sum(gen).as_py() if pc.any(gen).as_py() else table.num_rows)
        for step, n in _value_counts(table.column(C.GENERATED).filter(gen)).items():
            tally["generated"][step] = n

        kept = table.filter(live)
        if kept.num_rows:
            data = kept.drop_columns([c for c in kept.column_names if c in self.drop_columns or c.startswith("_cf_")])
            path = self._write(data, "data", stem)
            tally["files"].append({"path": path, "rows": data.num_rows})
            tally["output_docs"] = kept.num_rows
            tally["output_bytes"] = _text_bytes(kept)

        q = table.filter(pc.and_(pc.invert(live), quarantined))
        if q.num_rows:
            _count_fates(q, tally["quarantined"])
            columns = {
                "id": q.column("id"),
                "source": q.column(C.SOURCE),
                "line": q.column(C.LINE),
                "step": q.column(C.REMOVED_BY),
                "reason": q.column(C.REASON),
            }
            if self.quarantine_raw != "none":
                columns["raw"] = pc.coalesce(q.column(C.RAW), q.column("text"))
            qt = pa.table(columns)
            if self.redactor is not None:
                qt = self.redactor.quarantine(qt)
            path = self._write(qt, "quarantine", stem, force_parquet=True)
            tally["files"].append({"path": path, "rows": qt.num_rows})

        r = table.filter(removed)
        if r.num_rows:
            _count_fates(r, tally["removed"])
            for step, b in _bytes_by_step(r).items():
                tally["removed_bytes"][step] = b
            if self.write_removed:
                trace = self._redacted_trace(_trace_table(r))
                path = self._write(trace, "removed", stem, force_parquet=True)
                tally["files"].append({"path": path, "rows": trace.num_rows})
            elif self.removed_ids_only:  # output.removed: ids
                index = self._redacted_trace(removal_trace.index_table(_trace_table(r)))
                path = self._write(index, posixpath.join("removed", removal_trace.INDEX_DIR), stem, force_parquet=True)
                tally["files"].append({"path": path, "rows": index.num_rows})
            elif getattr(self, "removed_sample", None):  # output.removed: sample (engine/trace.py)
                tally["trace_sample"] = removal_trace.write_sample(
                    self, _trace_table(r), stem, tally["files"], redact=self._redacted_trace
                )
        tally["profile"] = profiling.profile_block(table, getattr(self, "profile_options", None))
        if self.progress_dir is not None:
            self._mark_written(table, stem, tally, step_entries)
        return tally

    def _redacted_trace(self, trace: pa.Table) -> pa.Table:
        return self.redactor.trace(trace) if self.redactor is not None else trace

    def _mark_written(self, table: pa.Table, stem: str, tally: dict[str, Any], step_entries: list | None = None) -> None:
        """Record, after the shard's files are in place, which input it covers and
        which (unit, block) rows each step's counts in it cover (resume)."""
        from engine.resume import write_json_atomic

        if C.UNIT not in table.column_names:
            return
        original = table.filter(pc.is_null(table.column(C.GENERATED)))
        keys = pc.binary_join_element_wise(
            pc.cast(original.column(C.UNIT), pa.string()), pc.cast(original.column(C.BLOCK), pa.string()), ":"
        )
        pieces = [[int(k.split(":")[0]), int(k.split(":")[1]), n] for k, n in sorted(_value_counts(keys).items())]
        plain = merge_tallies([tally])
        marker = {"pieces": pieces, "step_pieces": step_pieces(step_entries or []), "tally": plain}
        write_json_atomic(self.fs, posixpath.join(self.progress_dir, "blocks", stem + ".json"), marker)

    def _stem(self, table: pa.Table) -> str:
        src = table.column(C.SOURCE)[0].as_py()
        line = table.column(C.LINE)[0].as_py() or 0
        idx = self.file_index.get(src, 0)
        return f"part-{idx:05d}-{line:010d}"

    def _write(self, table: pa.Table, sub: str, stem: str, force_parquet: bool = False) -> str:
        directory = posixpath.join(self.out_dir, sub)
        if self.fmt == "parquet" or force_parquet:
            path = posixpath.join(directory, stem + ".parquet")
            tmp = posixpath.join(directory, "." + stem + ".parquet.tmp")
            with self.fs.open_output_stream(tmp) as out:
                pq.write_table(table, out, compression=self.compression or "none")
        else:
            path = posixpath.join(directory, stem + ".jsonl.gz")
            tmp = posixpath.join(directory, "." + stem + ".jsonl.gz.tmp")
            with self.fs.open_output_stream(tmp) as out:
                out.write(_jsonl_gz(table))
        self.fs.move(tmp, path)
        return posixpath.relpath(path, self.out_dir)

    def on_write_complete(self, write_result) -> None:
        self.results = list(write_result.write_returns)


TRACE_COLUMNS = {
    C.REMOVED_BY: "removed_by",
    C.REASON: "removal_reason",
    C.SOURCE: "input_file",
    C.LINE: "input_line",
    C.GENERATED: "generated_by",
}


def _trace_table(removed: pa.Table) -> pa.Table:
    """Removed rows for the removal trace: the document, its signals and why it went."""
    drop = (C.QUARANTINED, C.RAW, C.UNIT, C.BLOCK)
    keep = [n for n in removed.column_names if n not in drop and n not in TRACE_COLUMNS.values()]
    table = removed.select(keep)
    return table.rename_columns([TRACE_COLUMNS.get(n, n) for n in keep])


def _jsonl_gz(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=6, mtime=0) as gz:
        for batch in table.to_batches(max_chunksize=4096):
            lines = [json.dumps(row, ensure_ascii=False, default=str) for row in batch.to_pylist()]
            gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buf.getvalue()


def _empty_tally() -> dict[str, Any]:
    return {
        "rows": 0,
        "input_docs": 0,
        "output_docs": 0,
        "output_bytes": 0,
        "generated": {},
        "removed": defaultdict(Counter),
        "removed_bytes": {},
        "quarantined": defaultdict(Counter),
        "files": [],
        "steps": {},  # {step: {rows, in, out, removed, quarantined, generated}}: the steps' own counts
    }


def _value_counts(arr) -> dict[str, int]:
    if len(arr) == 0:
        return {}
    vc = pc.value_counts(arr)
    return {v["values"].as_py(): v["counts"].as_py() for v in vc}


def _count_fates(table: pa.Table, into: dict) -> None:
    keys = pc.binary_join_element_wise(
        table.column(C.REMOVED_BY), pc.fill_null(table.column(C.REASON), "unknown"), "\x1f"
    )
    for key, n in _value_counts(keys).items():
        step, reason = key.split("\x1f", 1)
        into[step][reason] += n


def _text_bytes(table: pa.Table) -> int:
    text = table.column("text")
    return int(pc.sum(pc.binary_length(text)).as_py() or 0)


def _bytes_by_step(table: pa.Table) -> dict[str, int]:
    steps = table.column(C.REMOVED_BY).to_numpy(zero_copy_only=False)
    lengths = np.asarray(pc.fill_null(pc.binary_length(table.column("text")), 0).to_numpy(zero_copy_only=False))
    out: dict[str, int] = defaultdict(int)
    for s in np.unique(steps):
        out[str(s)] += int(lengths[steps == s].sum())
    return dict(out)


def merge_tallies(tallies: list[dict[str, Any]]) -> dict[str, Any]:
    total = _empty_tally()
    for t in tallies:
        for key in ("rows", "input_docs", "output_docs", "output_bytes"):
            total[key] += t[key]
        for step, n in t["generated"].items():
            total["generated"][step] = total["generated"].get(step, 0) + n
        for step, b in t["removed_bytes"].items():
            total["removed_bytes"][step] = total["removed_bytes"].get(step, 0) + b
        for kind in ("removed", "quarantined"):
            for step, reasons in t[kind].items():
                total[kind][step].update(reasons)
        total["files"].extend(t["files"])
        for step, counters in t.get("steps", {}).items():
            acc = total["steps"].setdefault(step, {})
            for key, n in counters.items():
                acc[key] = acc.get(key, 0) + n
        total["trace_sample"] = removal_trace.merge_samples(total.get("trace_sample"), t.get("trace_sample"))
    total["profile"] = profiling.merge_all([t.get("profile") for t in tallies])
    total["removed"] = {k: dict(v) for k, v in total["removed"].items()}
    total["quarantined"] = {k: dict(v) for k, v in total["quarantined"].items()}
    total["files"].sort(key=lambda f: f["path"])
    return total
