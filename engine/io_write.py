"""The run's writer: one Ray Data datasink that routes every row by its fate.

* live rows -> ``OUT/data/part-<file>-<line>.<ext>`` (Parquet zstd or JSONL.gz);
* quarantined rows -> ``OUT/quarantine/`` (Parquet: id, source, line, step, reason, raw;
  ``raw`` per ``output.quarantine_raw``);
* removed rows -> ``OUT/removed/`` (the removal trace: id, source, line, step, reason,
  text and the signal columns; ``output.removed: ids`` writes only the index in
  ``removed/index/``, ``sample`` a sample plus the index, ``none`` nothing).

With a ``pii_redact`` step in the pipeline, text written to ``removed/`` and
``quarantine/`` goes through the same recognizers first (``engine/sink_redact.py``);
the ``redacted`` and ``sample`` traces then leave out pass-through text columns,
and ``sample`` chooses its rows before redacting them (``engine/sink_sample.py``).

File names come from the first row's input file and line, so they are stable
across runs and a retried write task overwrites its own files. Each write task
returns a small tally (counts by step and reason, bytes, files); the driver
sums these into the report, so the accounting is computed from the data that
was actually written.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import posixpath
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq
from ray.data import Datasink

from engine import columns as C
from engine import profiling, sink_sample
from engine import trace as removal_trace
from engine.accounting import merge_steps, split_tallies, step_pieces
from engine.sink_redact import OutputRedactor, merge_stats, new_stats


@dataclass(frozen=True)
class WriteOptions:
    """What the writer writes, resolved once on the driver from the config and
    pickled with the sink to the write tasks."""

    fmt: str = "parquet"  # output.format of data/: parquet | jsonl
    compression: str | None = "zstd"  # Parquet codec; None: uncompressed
    removed: str = "full"  # output.removed, resolved: redacted | full | ids | sample | none
    quarantine_raw: str = "full"  # redacted | full | none
    drop_columns: frozenset[str] = frozenset()
    removed_sample: tuple[int, int] | None = None  # (documents per step and reason, seed): removed: sample
    profile_options: dict[str, Any] = field(default_factory=dict)  # engine/profiling.py profile_block
    redactor: OutputRedactor | None = None  # removed/ and quarantine/ text through pii_redact
    run_token: str = ""  # removed: sample: names this run's sample bounds in a worker process

    @classmethod
    def from_config(cls, cfg) -> WriteOptions:
        out = cfg.output
        return cls(
            fmt=out.format,
            compression=None if out.compression == "none" else out.compression,
            removed=out.removed,
            quarantine_raw=out.quarantine_raw,
            drop_columns=frozenset(out.drop_columns),
            removed_sample=(out.removed_sample, cfg.execution.seed) if out.removed == "sample" else None,
            profile_options={
                "required_fields": list(cfg.report.required_fields),
                "date_field": cfg.report.date_field,
            },
            redactor=OutputRedactor.from_config(cfg),
            run_token=uuid.uuid4().hex if out.removed == "sample" else "",
        )

    def directories(self) -> list[str]:
        """Output subdirectories the write tasks write into (created by the driver first)."""
        dirs = ["data", "quarantine", "removed"]
        if self.removed in ("ids", "sample"):
            dirs.append(posixpath.join("removed", removal_trace.INDEX_DIR))
        return dirs


class CorpusSink(Datasink):
    """The run's datasink, constructed complete: ``options`` say what to write,
    ``file_index`` numbers the input files (shard names), ``progress_dir`` takes
    the shard markers (resume; None: no markers)."""

    def __init__(
        self,
        out_dir: str,
        fs: pafs.FileSystem,
        options: WriteOptions,
        file_index: dict[str, int],
        progress_dir: str | None = None,
    ) -> None:
        self.out_dir = out_dir
        self.fs = fs
        self.options = options
        self.file_index = file_index
        self.progress_dir = progress_dir
        self.results: list[dict[str, Any]] = []

    @property
    def removed_sample(self) -> tuple[int, int] | None:
        """(k, seed) of ``output.removed: sample`` (engine/trace.py, engine/sink_sample.py)."""
        return self.options.removed_sample

    def create_directories(self) -> None:
        """Driver side, before the write: every directory the write tasks use."""
        for sub in self.options.directories():
            self.fs.create_dir(posixpath.join(self.out_dir, sub), recursive=True)

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
        opts = self.options
        n = table.num_rows
        tally["rows"] = n
        if opts.redactor is not None:
            tally["redaction"] = new_stats()
        generated_col = table.column(C.GENERATED)
        n_gen = n - generated_col.null_count
        tally["input_docs"] = n - n_gen
        if n_gen:
            gen = pc.is_valid(generated_col)
            for step, k in _value_counts(generated_col.filter(gen)).items():
                tally["generated"][step] = k

        removed_by = table.column(C.REMOVED_BY)
        all_live = removed_by.null_count == n  # the common block: nothing removed, no mask, no copy
        live = None if all_live else C.live_mask(table)
        kept = table if all_live else C.filter_rows(table, live)  # dead rows' batches: not copied
        if kept.num_rows:
            data = kept.drop_columns(
                [c for c in kept.column_names if c in opts.drop_columns or c.startswith("_cf_")]
            )
            path = self._write(data, "data", stem)
            tally["files"].append({"path": path, "rows": data.num_rows})
            tally["output_docs"] = kept.num_rows
            tally["output_bytes"] = _text_bytes(kept)

        if not all_live:
            quarantined = pc.fill_null(table.column(C.QUARANTINED), False)
            dead = pc.invert(live)
            q = C.filter_rows(table, pc.and_(dead, quarantined))
            if q.num_rows:
                self._write_quarantine(q, stem, tally)
            r = C.filter_rows(table, pc.and_(dead, pc.invert(quarantined)))
            if r.num_rows:
                self._write_removed(r, stem, tally)
        self._attach_digests(tally["files"])
        tally["profile"] = profiling.profile_block(table, opts.profile_options, kept=kept)  # its live rows
        if self.progress_dir is not None:
            self._mark_written(table, stem, tally, step_entries)
        return tally

    def _write_quarantine(self, q: pa.Table, stem: str, tally: dict[str, Any]) -> None:
        _count_fates(q, tally["quarantined"])
        columns = {
            "id": q.column("id"),
            "source": q.column(C.SOURCE),
            "line": q.column(C.LINE),
            "step": q.column(C.REMOVED_BY),
            "reason": q.column(C.REASON),
        }
        if self.options.quarantine_raw != "none":
            columns["raw"] = pc.coalesce(q.column(C.RAW), q.column("text"))
        qt = pa.table(columns)
        if self.options.redactor is not None:
            qt = self.options.redactor.quarantine(qt, tally.get("redaction"))
        path = self._write(qt, "quarantine", stem, force_parquet=True)
        tally["files"].append({"path": path, "rows": qt.num_rows})

    def _write_removed(self, r: pa.Table, stem: str, tally: dict[str, Any]) -> None:
        """Removed rows: counted always; written per ``output.removed``."""
        _count_fates(r, tally["removed"])
        for step, b in _bytes_by_step(r).items():
            tally["removed_bytes"][step] = b
        mode = self.options.removed
        stats = tally.get("redaction")
        if mode in ("redacted", "full"):
            trace = self._redacted_trace(self._content(_trace_table(r)), stats)
            path = self._write(trace, "removed", stem, force_parquet=True)
            tally["files"].append({"path": path, "rows": trace.num_rows})
        elif mode == "ids":
            index = self._redacted_trace(removal_trace.index_table(_trace_table(r)), stats)
            path = self._write(
                index, posixpath.join("removed", removal_trace.INDEX_DIR), stem, force_parquet=True
            )
            tally["files"].append({"path": path, "rows": index.num_rows})
        elif mode == "sample":
            tally["trace_sample"] = self._write_sample(self._content(_trace_table(r)), stem, tally)

    def _write_sample(self, trace: pa.Table, stem: str, tally: dict[str, Any]) -> dict[str, Any]:
        """``removed: sample``: the block's sample candidates to ``removed/`` and every row's
        index entry to ``removed/index/``; candidates are chosen before redaction, so only
        rows that may stay in the sample are analysed (engine/sink_sample.py). Returns the
        tally entry (candidate hashes per key: the driver prunes to the global sample)."""
        k, seed = self.options.removed_sample
        stats = tally.get("redaction")
        mask, hashes = sink_sample.candidates(trace, k, seed, self.options.run_token)
        if mask.any():
            sample = self._redacted_trace(trace.filter(pa.array(mask)), stats)
            path = self._write(sample, "removed", stem, force_parquet=True)
            tally["files"].append({"path": path, "rows": sample.num_rows})
        index = self._redacted_trace(removal_trace.index_table(trace), stats)
        path = self._write(
            index, posixpath.join("removed", removal_trace.INDEX_DIR), stem, force_parquet=True
        )
        tally["files"].append({"path": path, "rows": index.num_rows})
        return {"k": k, "hashes": hashes}

    def _content(self, trace: pa.Table) -> pa.Table:
        """The trace without pass-through text columns when it is redacted (sink_redact.content_only)."""
        redactor = self.options.redactor
        return redactor.content_only(trace) if redactor is not None else trace

    def _redacted_trace(self, trace: pa.Table, stats: dict[str, Any] | None = None) -> pa.Table:
        redactor = self.options.redactor
        return redactor.trace(trace, stats) if redactor is not None else trace

    def _mark_written(
        self, table: pa.Table, stem: str, tally: dict[str, Any], step_entries: list | None = None
    ) -> None:
        """Record, after the shard's files are in place, which input it covers and
        which (unit, block) rows each step's counts in it cover (resume)."""
        from engine.resume import write_json_atomic

        if C.UNIT not in table.column_names:
            return
        pieces = _unit_block_counts(table)
        plain = merge_tallies([tally])
        marker = {"pieces": pieces, "step_pieces": step_pieces(step_entries or []), "tally": plain}
        write_json_atomic(self.fs, posixpath.join(self.progress_dir, "blocks", stem + ".json"), marker)

    def _stem(self, table: pa.Table) -> str:
        src = table.column(C.SOURCE)[0].as_py()
        line = table.column(C.LINE)[0].as_py() or 0
        idx = self.file_index.get(src, 0)
        return f"part-{idx:05d}-{line:010d}"

    def _write(self, table: pa.Table, sub: str, stem: str, force_parquet: bool = False) -> str:
        """Write one shard (atomically: a temporary name, then rename) and note its size
        and SHA-256, taken from the bytes in memory (the manifest does not read it again),
        and for Parquet a fingerprint of its schema (the end of the run reads no footer
        when a directory's fingerprints agree: engine/shard_schema.py)."""
        directory = posixpath.join(self.out_dir, sub)
        schema = None
        extra: dict[str, list[str]] = {}
        wide = C.wide_int_columns(table)  # the end of the run: text where they meet doubles
        if wide:
            extra["wide_ints"] = wide
        if self.options.fmt == "parquet" or force_parquet:
            path = posixpath.join(directory, stem + ".parquet")
            buf = pa.BufferOutputStream()
            pq.write_table(
                table, buf, compression=self.options.compression or "none", **_parquet_options(table)
            )
            data = buf.getvalue()
            schema = schema_fingerprint(table.schema)
        else:
            path = posixpath.join(directory, stem + ".jsonl.gz")
            encoded: list[str] = []
            data = _jsonl_gz(table, encoded)
            if encoded:
                extra["base64"] = encoded
        tmp = posixpath.join(directory, "." + posixpath.basename(path) + ".tmp")
        with self.fs.open_output_stream(tmp) as out:
            out.write(data)
        self.fs.move(tmp, path)
        rel = posixpath.relpath(path, self.out_dir)
        self._digests()[rel] = (len(data), hashlib.sha256(memoryview(data)).hexdigest(), schema, extra)
        return rel

    def _digests(self) -> dict[str, tuple[int, str, str | None, dict]]:
        """Sizes, SHA-256, schema fingerprints and notes (``wide_ints``: columns with integers
        beyond 2^53; ``base64``: JSONL columns of bytes written as base64) of the shards this
        write task wrote, by relative path."""
        if getattr(self, "_written", None) is None:
            self._written: dict[str, tuple[int, str, str | None, dict]] = {}
        return self._written

    def _attach_digests(self, files: list[dict[str, Any]]) -> None:
        digests = self._digests()
        for entry in files:
            known = digests.pop(entry["path"], None)
            if known is not None:
                entry["bytes"], entry["sha256"], schema, extra = known
                if schema is not None:
                    entry["schema"] = schema
                entry.update(extra)

    def on_write_complete(self, write_result) -> None:
        self.results = list(write_result.write_returns)


# Document-sized string columns: no dictionary (a page's dictionary overflows and falls back to
# plain anyway) and no min/max statistics (text bounds never skip a page): ~10% less Parquet write
# CPU per MB, the same bytes within 0.5%.
_CONTENT_COLUMNS = frozenset({"text", "html", "raw"})


def _parquet_options(table: pa.Table) -> dict[str, Any]:
    """``pq.write_table`` options of a shard: dictionary and statistics for every column but
    the content columns. Only for flat schemas, where a column name is its Parquet path."""
    names = table.column_names
    if not _CONTENT_COLUMNS.intersection(names) or any(pa.types.is_nested(f.type) for f in table.schema):
        return {}
    others = [n for n in names if n not in _CONTENT_COLUMNS]
    return {"use_dictionary": others, "write_statistics": others}


def schema_fingerprint(schema: pa.Schema) -> str:
    """SHA-256 of a schema's IPC serialization: equal fingerprints, equal schemas."""
    return hashlib.sha256(memoryview(schema.serialize())).hexdigest()


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


def _unit_block_counts(table: pa.Table) -> list[list[int]]:
    """``[unit, block, rows]`` of the input rows (not generated ones) of a block, sorted:
    a block usually holds rows of one or a few read blocks (numpy over int32 columns)."""
    original = table.column(C.GENERATED).null_count == table.num_rows
    sub = table if original else table.filter(pc.is_null(table.column(C.GENERATED)))
    if sub.num_rows == 0:
        return []
    unit = pc.fill_null(sub.column(C.UNIT), -1).to_numpy().astype(np.int64)
    block = pc.fill_null(sub.column(C.BLOCK), -1).to_numpy().astype(np.int64)
    if unit.min() == unit.max() and block.min() == block.max():  # the usual block: one read block
        return [[int(unit[0]), int(block[0]), int(unit.size)]]
    # one int64 key per row (unit and block are int32 columns): a 1-D unique, not a row-wise one
    keys, counts = np.unique(((unit + 1) << 32) | (block + 1), return_counts=True)
    return [
        [int((k >> 32) - 1), int((k & 0xFFFFFFFF) - 1), int(c)]
        for k, c in zip(keys.tolist(), counts.tolist())
    ]


# gzip level of JSONL shards: level 1 compresses 100 MB of English JSONL in 1.0 CPU-s to 49.8 MB,
# level 6 (the old setting) in 4.3-4.6 CPU-s to 42.9 MB; level 6 was the largest single cost of a
# MinHash run's final stream (#19). Parquet output (the default) keeps zstd.
JSONL_GZIP_LEVEL = 1


def _jsonl_gz(table: pa.Table, base64_columns: list[str] | None = None) -> bytes:
    """A shard as gzipped JSON lines. Bytes columns (``binary``, also inside lists and structs:
    Parquet input) have no JSON type: a column whose values are all valid UTF-8 in the shard is
    written as text; a column with any other bytes is written as base64 (standard alphabet,
    padded) in every row of the shard, so each of its values is exact and of one kind, and its
    name is added to ``base64_columns`` (the file's entry in report.json: ``base64``; the end of
    the run writes that column as base64 in every shard: engine/shard_schema.py)."""
    encoded = _not_utf8_columns(table)
    if base64_columns is not None:
        base64_columns.extend(encoded)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=JSONL_GZIP_LEVEL, mtime=0) as gz:
        for batch in table.to_batches(max_chunksize=JSONL_BATCH_ROWS):
            gz.write(jsonl_lines(batch, frozenset(encoded)))
    return buf.getvalue()


def _is_bytes(t: pa.DataType) -> bool:
    return (
        pa.types.is_binary(t)
        or pa.types.is_large_binary(t)
        or pa.types.is_fixed_size_binary(t)
        or pa.types.is_binary_view(t)
    )


def _not_utf8_columns(table: pa.Table) -> list[str]:
    """Columns of ``table`` with bytes (at any depth) that are not valid UTF-8 (Arrow's cast
    to ``string`` validates them); nothing is scanned where no column has bytes."""
    out = []
    for col in table.schema:
        if not C._has_leaf(col.type, _is_bytes):
            continue
        for leaf in C._leaves(table.column(col.name), _is_bytes):
            try:
                leaf.cast(pa.string())
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                out.append(col.name)
                break
    return out


def _bytes_as_text(value):
    """``json.dumps``'s ``default`` for a column whose bytes are all UTF-8: the text."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8")
    return str(value)


def _bytes_as_base64(value):
    """``json.dumps``'s ``default`` for a column written as base64."""
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    return str(value)


JSONL_BATCH_ROWS = 4096  # rows per Arrow string array of lines (int32 offsets)
# JSON string escapes that Arrow compute writes (json.dumps's own, ensure_ascii=False); a value
# with any other control character (\b, \f, \u00XX) is written by json.dumps itself
_JSON_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
_RARE_CONTROLS = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]"  # RE2: no backtracking


def jsonl_lines(batch: pa.RecordBatch, base64_columns: frozenset[str] = frozenset()) -> memoryview:
    """A batch as JSON lines, byte for byte what ``json.dumps(row, ensure_ascii=False,
    default=str)`` per row joined by newlines writes, built column by column: strings
    escaped by Arrow compute, numbers and booleans by one ``json.dumps`` of the column,
    other types per value; the lines are one Arrow string array whose data buffer is
    the output (no per-row Python objects for text). Bytes as text (UTF-8), or as base64 in
    the ``base64_columns`` (:func:`_jsonl_gz`)."""
    if batch.num_rows == 0:
        return memoryview(b"")
    if batch.num_columns == 0:
        return memoryview(b"{}\n" * batch.num_rows)
    parts: list = []
    for i, name in enumerate(batch.schema.names):
        parts.append(("{" if i == 0 else ", ") + json.dumps(name, ensure_ascii=False) + ": ")
        parts.append(_json_values(batch.column(i), name in base64_columns))
    parts.append("}\n")
    lines = _concat_strings(parts)
    offsets_type = np.int64 if pa.types.is_large_string(lines.type) else np.int32
    bufs = lines.buffers()
    offsets = np.frombuffer(bufs[1], dtype=offsets_type)[lines.offset : lines.offset + len(lines) + 1]
    return memoryview(bufs[2])[int(offsets[0]) : int(offsets[-1])]


def _json_values(arr: pa.Array, as_base64: bool = False) -> pa.Array:
    """Each value of a column as JSON text (a string array without nulls); bytes as their
    UTF-8 text, or as base64 where ``as_base64``."""
    typ = arr.type
    if _is_bytes(typ) and not as_base64:
        arr = arr.cast(pa.string())  # valid UTF-8 (_not_utf8_columns): the string path below
        typ = arr.type
    if C._has_leaf(typ, _is_bytes):
        default = _bytes_as_base64 if as_base64 else _bytes_as_text
        return pa.array(
            [json.dumps(v, ensure_ascii=False, default=default) for v in arr.to_pylist()], pa.string()
        )
    if pa.types.is_string(typ) or pa.types.is_large_string(typ):
        out = arr
        for plain, escaped in _JSON_ESCAPES:
            out = pc.replace_substring(out, plain, escaped)
        out = _concat_strings(['"', out, '"'])
        if out.null_count:
            out = pc.fill_null(out, "null")
        rare = pc.fill_null(pc.match_substring_regex(arr, _RARE_CONTROLS), False)
        if pc.any(rare).as_py():
            where = np.flatnonzero(rare.to_numpy(zero_copy_only=False))
            values = out.to_pylist()
            for i, text in zip(where.tolist(), _json_each(arr.take(pa.array(where)))):
                values[i] = text
            out = pa.array(values, out.type)
        return out
    if (
        pa.types.is_integer(typ)
        or pa.types.is_floating(typ)
        or pa.types.is_boolean(typ)
        or pa.types.is_null(typ)
    ):
        # one json.dumps of the column: no number's JSON text holds ", " (NaN, Infinity as json writes them)
        return pa.array(json.dumps(arr.to_pylist())[1:-1].split(", "), pa.string())
    return pa.array(_json_each(arr), pa.string())


def _concat_strings(parts: list) -> pa.Array:
    """Element-wise concatenation of string arrays and constants (large strings when any part is)."""
    if any(isinstance(p, pa.Array) and pa.types.is_large_string(p.type) for p in parts):  # one offset width
        typ = pa.large_string()
        parts = [p.cast(typ) if isinstance(p, pa.Array) else pa.scalar(p, typ) for p in parts]
        return pc.binary_join_element_wise(*parts, pa.scalar("", typ))
    return pc.binary_join_element_wise(*parts, "")


def _json_each(arr: pa.Array) -> list[str]:
    return [json.dumps(v, ensure_ascii=False, default=str) for v in arr.to_pylist()]


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
    """Text bytes per removing step, in the steps' sorted order. One Arrow group-by: the
    step names went through numpy as Python strings (``np.unique`` sorted them, then one
    comparison of every row per step)."""
    t = pa.table(
        {
            "step": table.column(C.REMOVED_BY),
            "bytes": pc.fill_null(pc.binary_length(table.column("text")), 0),
        }
    )
    sums = t.group_by("step", use_threads=False).aggregate([("bytes", "sum")]).to_pydict()
    by_step = dict(zip(sums["step"], sums["bytes_sum"]))
    return {str(s): int(by_step[s] or 0) for s in sorted(by_step, key=str)}


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
        total["redaction"] = merge_stats(total.get("redaction"), t.get("redaction"))
    total["profile"] = profiling.merge_all([t.get("profile") for t in tallies])
    total["removed"] = {k: dict(v) for k, v in total["removed"].items()}
    total["quarantined"] = {k: dict(v) for k, v in total["quarantined"].items()}
    total["files"].sort(key=lambda f: f["path"])
    return total


# ------------------------------------------------------------------ repeated ids
#: Output documents up to which repeated ids are counted in the driver's process (their ids,
#: ~30-60 MB at most); above, by a Ray Data group-by over the shards' ``id`` column.
IDS_IN_PROCESS = 1_000_000


def repeated_ids(fs: pafs.FileSystem, out_dir: str, files: list[dict[str, Any]]) -> dict[str, int] | None:
    """How many ids of the output (``data/``) name more than one document, and how many
    documents share them: two different documents with the same input id are both kept
    under it (the reader never renames an id; exact_dedup removes only equal texts).

    Exact, from the written shards' ``id`` column (Parquet: that column alone is read).
    Up to ``IDS_IN_PROCESS`` documents in this process (one value count); above, a Ray Data
    group-by on the id (a hash shuffle across the cluster, spilling as needed: bounded memory,
    no ids on the driver). ``None`` for JSONL output or where ``data/`` has no ``id``."""
    paths = [
        (posixpath.join(out_dir, f["path"]), int(f["rows"])) for f in files if f["path"].startswith("data/")
    ]
    if not paths:
        return {"ids_repeated": 0, "docs_sharing_an_id": 0}
    if not all(p.endswith(".parquet") for p, _ in paths):
        return None
    with fs.open_input_file(paths[0][0]) as f:
        if "id" not in pq.read_schema(f).names:
            return None
    import ray

    if sum(rows for _, rows in paths) > IDS_IN_PROCESS and ray.is_initialized():
        return _repeated_ids_ray(fs, [p for p, _ in paths])
    ids = []
    for path, _ in paths:
        with fs.open_input_file(path) as f:
            ids.append(pq.read_table(f, columns=["id"]).column("id").cast(pa.string()))
    counts = pc.value_counts(pa.chunked_array([c for col in ids for c in col.chunks], pa.string()))
    many = counts.field("counts").to_numpy()
    many = many[many > 1]
    return {"ids_repeated": int(len(many)), "docs_sharing_an_id": int(many.sum())}


def _repeated_ids_ray(fs: pafs.FileSystem, paths: list[str]) -> dict[str, int]:
    import ray

    listing = ray.data.from_items([{"path": p} for p in paths], override_num_blocks=min(len(paths), 1000))
    groups = (
        listing.map_batches(_ReadIds(fs), batch_size=1, batch_format="pyarrow")
        .groupby("id")
        .count()
        .map_batches(_shared_ids, batch_format="pyarrow")
    )
    stats = groups.aggregate(ray.data.aggregate.Count(), ray.data.aggregate.Sum("count()"))
    return {
        "ids_repeated": int(stats.get("count()") or 0),
        "docs_sharing_an_id": int(stats.get("sum(count())") or 0),
    }


def _shared_ids(counts: pa.Table) -> pa.Table:
    return counts.filter(pc.greater(counts.column("count()"), 1))


class _ReadIds:
    """One shard's ``id`` column (Parquet: only that column is read)."""

    def __init__(self, fs: pafs.FileSystem) -> None:
        self.fs = fs

    def __call__(self, batch: pa.Table) -> pa.Table:
        parts = []
        for path in batch.column("path").to_pylist():
            with self.fs.open_input_file(path) as f:
                parts.append(pq.read_table(f, columns=["id"]).cast(pa.schema([("id", pa.string())])))
        return pa.concat_tables(parts)
