"""One schema for all Parquet shards of an output directory.

Blocks are written as they stream, and pass-through input columns get their
type from the block they were read in: a column that is null in every row of
one block reads as Arrow's ``null`` type there and as ``int64`` elsewhere, and
a column absent from one input file is missing from its shards. Tools that
read a directory as one dataset (pyarrow, Ray, Spark, Hugging Face datasets)
take the schema of one file and fail or drop columns on the others.

At the end of a run the engine unifies the shard schemas of each directory
(``pa.unify_schemas``, permissive: ``null`` widens to the other type, missing
columns become nulls) and rewrites only the shards that differ, as Ray tasks:
the driver reads only the Parquet footers, and none at all in a directory whose
shards the writer reported with one schema fingerprint (the usual case; the
time is then a pass over the file list). Columns whose
types truly conflict (``int64`` in one shard, ``string`` in another) cannot be
unified without changing data: those shards are left as they are and the run
report says which columns.
"""

from __future__ import annotations

import hashlib
import posixpath
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine.columns import conform


def _read_schema(fs: pafs.FileSystem, path: str) -> pa.Schema:
    with fs.open_input_file(path) as f:
        return pq.read_schema(f)


def _rewrite(fs: pafs.FileSystem, path: str, schema: pa.Schema) -> tuple[str, int, str]:
    """Rewrite one shard with ``schema``; returns (path, bytes, SHA-256) of the new file."""
    with fs.open_input_file(path) as f:
        meta = pq.ParquetFile(f).metadata
        table = pq.read_table(f)
    compression = "zstd"
    if meta.num_row_groups and meta.num_columns:
        compression = meta.row_group(0).column(0).compression.lower()
    buf = pa.BufferOutputStream()
    pq.write_table(
        conform(table, schema), buf, compression=compression if compression != "uncompressed" else "none"
    )
    data = buf.getvalue()
    tmp = posixpath.join(posixpath.dirname(path), "." + posixpath.basename(path) + ".unify.tmp")
    with fs.open_output_stream(tmp) as out:
        out.write(data)
    fs.move(tmp, path)
    return path, len(data), hashlib.sha256(memoryview(data)).hexdigest()


def _rewrite_all(fs: pafs.FileSystem, paths: list[str], schema: pa.Schema) -> list[tuple[str, int, str]]:
    """Rewrite shards as Ray tasks (one shard in memory per task, none on the
    driver); in-process when Ray is not running."""
    import ray

    if not paths:
        return []
    if not ray.is_initialized():
        return [_rewrite(fs, path, schema) for path in paths]
    task = ray.remote(num_cpus=1, max_retries=3)(_rewrite)
    return ray.get([task.remote(fs, path, schema) for path in paths])


def unify_parquet_shards(
    fs: pafs.FileSystem,
    out_dir: str,
    files: list[dict[str, Any]],
    fingerprints: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Rewrite the Parquet shards listed in ``files`` (paths relative to
    ``out_dir``) whose schema differs from their directory's unified schema.
    ``fingerprints`` (relative path -> the writer's schema fingerprint): a
    directory whose shards all have one is left alone without reading a footer.
    Returns ``{"rewritten": n, "conflicts": {directory: [columns]}, "digests":
    {path: (bytes, sha256)}}`` (the new size and hash of every rewritten shard)."""
    fingerprints = fingerprints or {}
    by_dir: dict[str, list[str]] = {}
    prints: dict[str, set[str | None]] = {}
    for entry in files:
        rel = entry["path"]
        if rel.endswith(".parquet"):
            directory = posixpath.dirname(rel)
            by_dir.setdefault(directory, []).append(posixpath.join(out_dir, rel))
            prints.setdefault(directory, set()).add(fingerprints.get(rel))
    rewritten = 0
    conflicts: dict[str, list[str]] = {}
    digests: dict[str, tuple[int, str]] = {}  # relative path -> (bytes, SHA-256) of rewritten shards
    with ThreadPoolExecutor(max_workers=16) as pool:
        for directory, paths in sorted(by_dir.items()):
            if len(paths) < 2 or (len(prints[directory]) == 1 and None not in prints[directory]):
                continue
            schemas = list(pool.map(lambda p: _read_schema(fs, p), paths))
            if all(s.equals(schemas[0]) for s in schemas[1:]):
                continue
            try:
                unified = pa.unify_schemas(schemas, promote_options="permissive")
            except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
                conflicts[directory] = _conflicting_columns(schemas)
                continue
            stale = [p for p, s in zip(paths, schemas) if not s.equals(unified)]
            for path, size, digest in _rewrite_all(fs, stale, unified):
                digests[posixpath.relpath(path, out_dir)] = (size, digest)
            rewritten += len(stale)
    return {"rewritten": rewritten, "conflicts": conflicts, "digests": digests}


def _conflicting_columns(schemas: list[pa.Schema]) -> list[str]:
    types: dict[str, set[str]] = {}
    for s in schemas:
        for field in s:
            if not pa.types.is_null(field.type):
                types.setdefault(field.name, set()).add(str(field.type))
    return sorted(name for name, ts in types.items() if len(ts) > 1)
