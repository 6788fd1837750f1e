"""One schema for all shards of an output directory (Parquet, and JSONL the same way).

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

The column order is the input's too: which block Ray Data joins first decides the
order of a joined block's columns, so shards of one run (and two runs of one input)
differed. Every shard takes the input's columns in the order the read first met them
(the unit markers in unit order: :func:`input_order`), then the columns the steps and
the removal trace add. JSONL shards get the same keys in the same order and the
conflicting columns as text (:func:`unify_jsonl_shards`). Where the input had one
schema (the usual case) every block already had its columns and order: nothing is
read beyond the unit markers.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
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
    """Give the shards listed in ``files`` (paths relative to ``out_dir``) one schema per
    directory: the Parquet shards whose schema differs from their directory's unified one, and
    the JSONL shards (:func:`unify_jsonl_shards`) whose keys or values differ, are rewritten.
    ``fingerprints`` (relative path -> the writer's schema fingerprint): a directory whose
    shards all have one is left alone without reading a footer, where the input had one schema.
    Columns whose types conflict across the run's input (:func:`input_conflicts`) or across
    a directory's shards become text in every shard that has them. Where the input files' columns
    differ, every shard takes the input's column order (:func:`input_order`), then the columns the
    steps added. Returns ``{"rewritten": n, "conflicts": {directory: ["column (types): as text"]},
    "coerced": {column: [types]}, "digests": {path: (bytes, sha256)}}`` (the new size and
    hash of every rewritten shard), and ``"base64": {column: [directory]}`` where JSONL shards have
    a column of bytes as base64."""
    fingerprints = fingerprints or {}
    schemas_in = input_schemas(fs, out_dir)
    as_text = C.conflicting_columns(schemas_in) if len(schemas_in) > 1 else {}  # column -> its input types
    # integers beyond 2^53 (the writers' ``wide_ints``) where the column meets doubles: text, not rounded
    wide = {n for entry in files for n in entry.get("wide_ints", ())}
    promoted_in = C.promoted_columns(schemas_in) if len(schemas_in) > 1 else {}
    lossy = {n for n in promoted_in if n in wide}
    for name in lossy:
        as_text[name] = _types_of(schemas_in, name)
    # one input schema: every block had its columns in its order; several: the shards may not
    order = input_order(schemas_in) if len(schemas_in) > 1 else []
    by_dir: dict[str, list[str]] = {}
    jsonl_by_dir: dict[str, list[str]] = {}
    prints: dict[str, set[str | None]] = {}
    for entry in files:
        rel = entry["path"]
        directory = posixpath.dirname(rel)
        if rel.endswith(".parquet"):
            by_dir.setdefault(directory, []).append(posixpath.join(out_dir, rel))
            prints.setdefault(directory, set()).add(fingerprints.get(rel))
        elif rel.endswith(JSONL_SUFFIX):
            jsonl_by_dir.setdefault(directory, []).append(posixpath.join(out_dir, rel))
    rewritten = 0
    conflicts: dict[str, list[str]] = {}  # directory -> "column (types): as text"
    coerced: dict[str, list[str]] = {}  # column -> its types, where the output has it as text
    digests: dict[str, tuple[int, str]] = {}  # relative path -> (bytes, SHA-256) of rewritten shards
    base64_columns: dict[str, list[str]] = {}  # JSONL columns of bytes written as base64 -> directories
    with ThreadPoolExecutor(max_workers=16) as pool:
        for directory, paths in sorted(by_dir.items()):
            agreeing = len(prints[directory]) == 1 and None not in prints[directory]
            if not as_text and not order and (len(paths) < 2 or agreeing):
                continue
            # agreeing fingerprints: one footer says every shard's schema
            schemas = list(pool.map(lambda p: _read_schema(fs, p), paths[:1] if agreeing else paths))
            if agreeing:
                schemas = schemas * len(paths)
            names = {f.name for s in schemas for f in s}
            forced = {n for n in as_text if n in names}
            shard_conflicts = C.conflicting_columns(schemas)
            for name in C.promoted_columns(schemas):  # shards of int and double: the first Arrow would round
                if name in wide:
                    shard_conflicts.setdefault(name, _types_of(schemas, name))
                    lossy.add(name)
            text_names = {f.name for sch in schemas for f in sch if pa.types.is_string(f.type)}
            for name in promoted_in:  # numbers in the input, text in a shard: blocks met with wide integers
                if name not in as_text and name in text_names:
                    as_text[name] = _types_of(schemas_in, name)
                    forced.add(name)
                    lossy.add(name)
            unified = C.unify_schemas(schemas, force_text=forced | set(shard_conflicts))
            unified = ordered(unified, order if directory in INPUT_COLUMN_DIRS else [])
            changed = {n: as_text.get(n) or shard_conflicts[n] for n in sorted(forced | set(shard_conflicts))}
            if changed:
                conflicts[directory] = [_note(n, t, n in lossy) for n, t in changed.items()]
                coerced.update(changed)
            stale = [p for p, s in zip(paths, schemas) if not s.equals(unified)]
            for path, size, digest in _rewrite_all(fs, stale, unified):
                digests[posixpath.relpath(path, out_dir)] = (size, digest)
            rewritten += len(stale)
        for directory, paths in sorted(jsonl_by_dir.items()):
            entries = {
                posixpath.join(out_dir, e["path"]): e for e in files if e["path"].endswith(JSONL_SUFFIX)
            }
            encoded = {p: list(entries[p].get("base64", ())) for p in paths if p in entries}
            as_base64 = {n: _bytes_type(schemas_in, n) for cols in encoded.values() for n in cols}
            as_base64 = {n: t for n, t in as_base64.items() if n not in as_text}
            if not as_text and not order and not as_base64:
                continue
            dir_order = order if directory in INPUT_COLUMN_DIRS else []
            done = unify_jsonl_shards(
                fs, paths, as_text, dir_order, promoted_in, as_base64=as_base64, encoded=encoded
            )
            if done["as_text"]:
                conflicts[directory] = [_note(n, as_text[n], n in lossy) for n in done["as_text"]]
                coerced.update({n: as_text[n] for n in done["as_text"]})
            for path, size, digest in done["rewritten"]:
                digests[posixpath.relpath(path, out_dir)] = (size, digest)
            for path in paths:  # every shard of the directory has these columns as base64 now
                listed = [n for n in as_base64 if n in done["keys"]]
                if listed and path in entries:
                    entries[path]["base64"] = listed
            for name in as_base64:
                if name in done["keys"]:
                    base64_columns.setdefault(name, []).append(directory)
            rewritten += len(done["rewritten"])
    done = {"rewritten": rewritten, "conflicts": conflicts, "coerced": coerced, "digests": digests}
    if base64_columns:  # JSONL columns of bytes written as base64, by directory
        done["base64"] = base64_columns
    return done


def _types_of(schemas: list[pa.Schema], name: str) -> list[str]:
    """The types of column ``name`` across ``schemas`` (not ``null``), sorted by name."""
    return sorted({str(s.field(name).type) for s in schemas if s.get_field_index(name) >= 0} - {"null"})


def _note(name: str, types: list[str], lossy: bool) -> str:
    """A column carried as text, for report.json's notes."""
    why = ", integers beyond 2^53 met doubles" if lossy else ""
    return f"{name} ({', '.join(types)}): as text{why}"


def _bytes_type(schemas: list[pa.Schema], name: str) -> pa.DataType:
    """The input type of a column with bytes (the first that has them), or ``binary``."""
    from engine.io_write import _is_bytes

    for schema in schemas:
        if schema.get_field_index(name) >= 0 and C._has_leaf(schema.field(name).type, _is_bytes):
            return schema.field(name).type
    return pa.binary()


#: The output directories whose shards carry the input's columns (data/ and the removal trace),
#: ordered by the input's column order; quarantine/ and removed/index/ have the engine's own columns
#: (an input column of the same name, ``reason`` or ``source``, does not reorder them).
INPUT_COLUMN_DIRS = ("data", "removed")


def ordered(schema: pa.Schema, order: list[str]) -> pa.Schema:
    """``schema`` with the columns named in ``order`` first, in that order, and the others after
    them in their own order (the columns the steps added, the removal trace's own)."""
    if not order:
        return schema
    position = {name: i for i, name in enumerate(order)}
    first = sorted((f for f in schema if f.name in position), key=lambda f: position[f.name])
    return pa.schema(first + [f for f in schema if f.name not in position], metadata=schema.metadata)


def input_order(schemas: list[pa.Schema]) -> list[str]:
    """The input's columns in the order the read first met them (``schemas`` in read order:
    :func:`input_schemas`): the first file's columns in its order, then each column another
    file adds, where it was first seen. Deterministic: it follows the input, not the bundling."""
    return list(dict.fromkeys(name for schema in schemas for name in schema.names))


def input_schemas(fs: pafs.FileSystem, out_dir: str) -> list[pa.Schema]:
    """The distinct column types of the run's input (no bookkeeping columns), in read order:
    the read units' markers (engine/read_plan.py) in unit (input file) order, each unit's schemas in
    the order its blocks first had them. Each distinct schema is decoded once."""
    from engine.resume import progress_dir, read_json

    units = posixpath.join(progress_dir(out_dir), "units")
    if fs.get_file_info(units).type != pafs.FileType.Directory:
        return []
    paths = sorted(
        info.path
        for info in fs.get_file_info(pafs.FileSelector(units, recursive=False))
        if info.type == pafs.FileType.File
        and info.base_name.endswith(".json")
        and not info.base_name.startswith(".")
    )  # u<N>.json, N zero-padded: unit order
    with ThreadPoolExecutor(max_workers=16) as pool:
        markers = list(pool.map(lambda p: read_json(fs, p), paths))
    tokens = dict.fromkeys(t for m in markers for t in m.get("schemas", ()))
    return [C.schema_from_token(t) for t in tokens]


def input_conflicts(fs: pafs.FileSystem, out_dir: str) -> dict[str, list[str]]:
    """Input columns whose types across the whole run have no common type, each with its
    types, from the read units' markers (their column types: :func:`input_schemas`)."""
    schemas = input_schemas(fs, out_dir)
    return C.conflicting_columns(schemas) if len(schemas) > 1 else {}


# ------------------------------------------------------------------ JSONL shards
JSONL_SUFFIX = ".jsonl.gz"


def _jsonl_keys(fs: pafs.FileSystem, path: str) -> list[str]:
    """A JSONL shard's keys, from its first line (the writer writes every row of a shard with
    the same keys, in the same order: one Arrow table, nulls as ``null``)."""
    with fs.open_input_stream(path, compression=None) as raw, gzip.GzipFile(fileobj=raw) as f:
        first = f.readline()
    return list(json.loads(first)) if first.strip() else []


def _rewrite_jsonl(
    fs: pafs.FileSystem,
    path: str,
    keys: list[str],
    as_text: list[str],
    as_float=(),
    as_base64: dict[str, pa.DataType] | None = None,
) -> tuple[str, int, str] | None:
    """Rewrite one JSONL shard with ``keys`` in that order (a missing one as ``null``), the
    ``as_text`` columns' values as text (engine/columns.py ``text_value``) and the ``as_float``
    columns' integers as floats (``as_float``: names, or names and the type they meet in, where
    the integers inside lists and structs become floats too), the ``as_base64`` columns' bytes
    (written as their UTF-8 text in this shard) as base64; each line as the writer writes it
    (``json.dumps``, ``ensure_ascii=False``). Returns (path, bytes, SHA-256) of
    the new file, or None where nothing changed (the file is left as it is)."""
    from engine.io_write import JSONL_GZIP_LEVEL

    with fs.open_input_stream(path, compression=None) as raw:  # the gzip bytes: not auto-decompressed
        before = raw.read()
    text = set(as_text)
    floats = dict(as_float) if isinstance(as_float, dict) else {n: pa.float64() for n in as_float}
    encode = as_base64 or {}
    out = io.BytesIO()
    changed = False
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=JSONL_GZIP_LEVEL, mtime=0) as gz:
        for line in gzip.decompress(before).splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            new = {k: C.text_value(row.get(k)) if k in text else row.get(k) for k in keys}
            for k, t in floats.items():
                if new.get(k) is not None:
                    new[k] = _floats_like(new[k], t)
            for k, t in encode.items():
                if new.get(k) is not None:
                    new[k] = _base64_like(new[k], t)
            written = json.dumps(new, ensure_ascii=False, default=str).encode("utf-8")
            changed = changed or written != line  # the writer's line is this same json.dumps
            gz.write(written + b"\n")
    if not changed:
        return None
    data = out.getvalue()
    tmp = posixpath.join(posixpath.dirname(path), "." + posixpath.basename(path) + ".unify.tmp")
    with fs.open_output_stream(tmp) as stream:
        stream.write(data)
    fs.move(tmp, path)
    return path, len(data), hashlib.sha256(data).hexdigest()


def _json_leaves(value, t: pa.DataType, leaf):
    """``value`` (from JSON) with ``leaf(value, type)`` applied below its lists and structs."""
    if isinstance(value, list) and (
        pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t)
    ):
        return [None if v is None else _json_leaves(v, t.value_type, leaf) for v in value]
    if isinstance(value, dict) and pa.types.is_struct(t):
        fields = {t.field(i).name: t.field(i).type for i in range(t.num_fields)}
        return {
            k: v if v is None or k not in fields else _json_leaves(v, fields[k], leaf)
            for k, v in value.items()
        }
    return leaf(value, t)


def _float_leaf(value, t: pa.DataType):
    if pa.types.is_floating(t) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _floats_like(value, t: pa.DataType):
    """``value`` (from JSON) with its integers as floats where type ``t`` has floats."""
    return _json_leaves(value, t, _float_leaf)


def _base64_leaf(value, t: pa.DataType):
    from engine.io_write import _is_bytes

    if _is_bytes(t) and isinstance(value, str):
        return base64.b64encode(value.encode("utf-8")).decode("ascii")
    return value


def _base64_like(value, t: pa.DataType):
    """``value`` (from JSON) with the bytes that type ``t`` has, written as UTF-8 text, as base64."""
    return _json_leaves(value, t, _base64_leaf)


def unify_jsonl_shards(
    fs: pafs.FileSystem,
    paths: list[str],
    as_text: dict[str, list[str]],
    order: list[str],
    as_float=(),
    as_base64: dict[str, pa.DataType] | None = None,
    encoded: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The JSONL counterpart of the Parquet rule, for one directory's shards: every shard with the same
    keys in the same order (the input's order, :func:`input_order`, then the steps' columns; a key
    missing from a shard's rows as ``null``), and the columns whose types conflict across the run's
    input (``as_text``) as text in every row; a column of integers in some input files and floats in
    others (``as_float``: engine/columns.py ``promoted_columns``, also inside lists and structs) has
    floats in every row, as its Parquet shards have ``double`` (a reader inferring each file's types
    finds one). Only the shards' first lines are read to compare keys; a shard is read whole only
    where such a column is in it or its keys differ, and written again only where a line changes.
    Rewrites run as Ray tasks when Ray is up. A column of bytes that a writer had to write as base64
    in one shard (``as_base64``, its input type; ``encoded``: path -> the shard's base64 columns) is
    base64 in every shard. Returns ``{"rewritten": [(path, bytes, sha256)], "as_text": [column],
    "keys": [key]}``."""
    import ray

    with ThreadPoolExecutor(max_workers=16) as pool:
        shard_keys = list(pool.map(lambda p: _jsonl_keys(fs, p), paths))
    keys = list(dict.fromkeys(k for ks in shard_keys for k in ks))
    keys = ordered(pa.schema([pa.field(k, pa.null()) for k in keys]), order).names
    forced = sorted(n for n in as_text if n in keys)
    if not isinstance(as_float, dict):
        as_float = {n: pa.float64() for n in as_float}
    floats = {n: t for n, t in as_float.items() if n in keys and n not in as_text}
    as_base64 = {n: t for n, t in (as_base64 or {}).items() if n in keys}
    encoded = encoded or {}
    todo = []
    for p, ks in zip(paths, shard_keys):
        b64 = {n: t for n, t in as_base64.items() if n in ks and n not in encoded.get(p, ())}
        if ks != keys or b64 or any(n in ks for n in forced + list(floats)):
            todo.append((p, b64))
    if not todo:
        return {"rewritten": [], "as_text": forced, "keys": keys}
    if ray.is_initialized():
        task = ray.remote(num_cpus=1, max_retries=3)(_rewrite_jsonl)
        done = ray.get([task.remote(fs, p, keys, forced, floats, b64) for p, b64 in todo])
    else:
        done = [_rewrite_jsonl(fs, p, keys, forced, floats, b64) for p, b64 in todo]
    return {"rewritten": [d for d in done if d is not None], "as_text": forced, "keys": keys}
