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
time is then a pass over the file list).

Columns whose types truly conflict (``int64`` in one input file, ``string`` or a
struct in another) are text in every shard of the run: numbers as their text,
nested values as JSON (engine/columns.py ``unify_schemas``). Which columns is
decided from the input itself, not from how blocks happened to meet: each read
unit's marker lists its column types (engine/read_plan.py), and a column whose
types across the run have no common type is a conflict, whichever shards it
reached. Blocks that met on the way were already given one schema by Ray Data's
tolerant concatenation (``columns.install_tolerant_concat``); here the shards that
still hold another type are rewritten, and the run report names each column,
its types and what became of it. A column every file agrees on keeps its type.
"""

from __future__ import annotations

import hashlib
import posixpath
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine import columns as C
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
    Columns whose types conflict across the run's input (:func:`input_conflicts`) or across
    a directory's shards become text in every shard that has them.
    Returns ``{"rewritten": n, "conflicts": {directory: ["column (types): as text"]},
    "coerced": {column: [types]}, "digests": {path: (bytes, sha256)}}`` (the new size and
    hash of every rewritten shard)."""
    fingerprints = fingerprints or {}
    as_text = input_conflicts(fs, out_dir)  # column -> its types across the run's input
    by_dir: dict[str, list[str]] = {}
    prints: dict[str, set[str | None]] = {}
    for entry in files:
        rel = entry["path"]
        if rel.endswith(".parquet"):
            directory = posixpath.dirname(rel)
            by_dir.setdefault(directory, []).append(posixpath.join(out_dir, rel))
            prints.setdefault(directory, set()).add(fingerprints.get(rel))
    # JSONL shards are not rewritten: each row's values are as its block held them
    jsonl_dirs = sorted(
        {posixpath.dirname(e["path"]) for e in files if e["path"].endswith((".jsonl", ".jsonl.gz"))}
    )
    rewritten = 0
    conflicts: dict[str, list[str]] = {}  # directory -> "column (types): as text"
    coerced: dict[str, list[str]] = {}  # column -> its types, where the output has it as text
    digests: dict[str, tuple[int, str]] = {}  # relative path -> (bytes, SHA-256) of rewritten shards
    with ThreadPoolExecutor(max_workers=16) as pool:
        for directory, paths in sorted(by_dir.items()):
            agreeing = len(prints[directory]) == 1 and None not in prints[directory]
            if not as_text and (len(paths) < 2 or agreeing):
                continue
            # agreeing fingerprints: one footer says every shard's schema
            schemas = list(pool.map(lambda p: _read_schema(fs, p), paths[:1] if agreeing else paths))
            if agreeing:
                schemas = schemas * len(paths)
            names = {f.name for s in schemas for f in s}
            forced = {n for n in as_text if n in names}
            if not forced and all(s.equals(schemas[0]) for s in schemas[1:]):
                continue
            shard_conflicts = C.conflicting_columns(schemas)
            unified = C.unify_schemas(schemas)  # conflicting shard types: text
            unified = pa.schema(
                [pa.field(f.name, pa.string()) if f.name in forced else f for f in unified],
                metadata=unified.metadata,
            )
            changed = {n: as_text.get(n) or shard_conflicts[n] for n in sorted(forced | set(shard_conflicts))}
            if changed:
                conflicts[directory] = [f"{n} ({', '.join(t)}): as text" for n, t in changed.items()]
                coerced.update(changed)
            stale = [p for p, s in zip(paths, schemas) if not s.equals(unified)]
            for path, size, digest in _rewrite_all(fs, stale, unified):
                digests[posixpath.relpath(path, out_dir)] = (size, digest)
            rewritten += len(stale)
    for directory in jsonl_dirs if as_text else ():
        conflicts[directory] = [
            f"{n} ({', '.join(t)}): text where blocks met" for n, t in sorted(as_text.items())
        ]
        coerced.update(as_text)
    return {"rewritten": rewritten, "conflicts": conflicts, "coerced": coerced, "digests": digests}


def input_conflicts(fs: pafs.FileSystem, out_dir: str) -> dict[str, list[str]]:
    """Input columns whose types across the whole run have no common type, each with its
    types, from the read units' markers (their column types: engine/read_plan.py). A marker
    per read unit is read; each distinct schema is decoded once."""
    from engine.resume import progress_dir, read_json

    units = posixpath.join(progress_dir(out_dir), "units")
    if fs.get_file_info(units).type != pafs.FileType.Directory:
        return {}
    paths = [
        info.path
        for info in fs.get_file_info(pafs.FileSelector(units, recursive=False))
        if info.type == pafs.FileType.File
        and info.base_name.endswith(".json")
        and not info.base_name.startswith(".")
    ]
    with ThreadPoolExecutor(max_workers=16) as pool:
        markers = list(pool.map(lambda p: read_json(fs, p), paths))
    tokens = {t for m in markers for t in m.get("schemas", ())}
    if len(tokens) < 2:
        return {}
    return C.conflicting_columns([C.schema_from_token(t) for t in sorted(tokens)])
