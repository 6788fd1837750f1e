"""Removal trace: a bounded, deterministic sample of removed documents.

With ``output.removed: sample`` the trace in ``OUT/removed/`` holds, for every
(step, reason), the ``output.removed_sample`` removed documents with the
smallest seeded hash (a *bottom-k* sample), with their text and signals, and
``OUT/removed/index/`` holds every removed document's id, provenance, step,
reason and scalar signals, without text (so ``corpusforge explain`` can
answer for every document).

Why bottom-k: a document's hash ``xxh3_64(seed, input file, line, generated
by, id)`` does not depend on block boundaries, worker count or run order, so
"the k smallest hashes per (step, reason)" is one well-defined set, uniform
over that reason's removals. It is computed without a global pass:

1. each write task keeps, per (step, reason), only the rows of its block
   whose hash is at most the k-th smallest its process has seen so far in
   the run, this block included (engine/sink_sample.py: any row of the
   global k smallest passes that bound), redacts and writes them to
   ``removed/``, and returns their hashes in its tally;
2. tallies merge by keeping the k smallest hashes per key (bounded: k per
   key), so the driver ends with the global k-th smallest hash per key;
3. the driver drops, file by file, the candidate rows above that threshold.

Disk and driver work are bounded by ``blocks x keys x k`` candidate rows,
independent of the corpus size; the result is identical for any block
layout and after a resumed run.
"""

from __future__ import annotations

import heapq
import posixpath
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import xxhash

KEY_SEP = "\x1f"
INDEX_DIR = "index"


def trace_hashes(trace: pa.Table, seed: int) -> np.ndarray:
    """Seeded 64-bit hash per trace row from its provenance (input file, line,
    generating step, id); the same for a document in every run and layout: xxh3-64 of
    ``f"{seed}\x1f{input_file}\x1f{input_line}\x1f{generated_by}\x1f{id}"`` (a missing
    value written ``None``). The keys are built by Arrow compute and hashed straight
    from the Arrow buffers (no Python string per row)."""
    n = trace.num_rows
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    parts = [pa.scalar(f"{seed}{KEY_SEP}", pa.large_string())]
    for i, name in enumerate(("input_file", "input_line", "generated_by", "id")):
        if name in trace.column_names:
            col = trace.column(name)
            if pa.types.is_integer(col.type):
                col = pc.cast(col, pa.string())
            elif not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
                col = pa.array([None if v is None else str(v) for v in col.to_pylist()], pa.string())
            parts.append(pc.cast(pc.fill_null(col, "None"), pa.large_string()))
        else:
            parts.append(pa.scalar("None", pa.large_string()))
        if i < 3:
            parts.append(pa.scalar(KEY_SEP, pa.large_string()))
    keys = pc.binary_join_element_wise(*parts, pa.scalar("", pa.large_string()))
    if isinstance(keys, pa.ChunkedArray):
        keys = keys.combine_chunks()
    bufs = keys.buffers()
    offsets = np.frombuffer(bufs[1], dtype=np.int64)[keys.offset : keys.offset + n + 1].tolist()
    data = memoryview(bufs[2]) if bufs[2] is not None else memoryview(b"")
    h = xxhash.xxh3_64_intdigest
    return np.fromiter((h(data[a:b]) for a, b in zip(offsets[:-1], offsets[1:])), dtype=np.uint64, count=n)


def trace_keys(trace: pa.Table) -> pa.Array:
    key = pc.binary_join_element_wise(
        pc.fill_null(trace.column("removed_by"), "unknown"),
        pc.fill_null(trace.column("removal_reason"), "unknown"),
        KEY_SEP,
    )
    return key.combine_chunks() if isinstance(key, pa.ChunkedArray) else key


def keyed_hashes(trace: pa.Table, seed: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each row's hash, the code of its (step, reason) key, and the keys by code."""
    hashes = trace_hashes(trace, seed)
    enc = pc.dictionary_encode(trace_keys(trace))
    codes = np.asarray(enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    return hashes, codes, enc.dictionary.to_pylist()


def bottom_k(trace: pa.Table, k: int, seed: int) -> tuple[np.ndarray, dict[str, list[int]]]:
    """Row mask of the block's k smallest hashes per (step, reason), and those hashes."""
    n = trace.num_rows
    if n == 0:
        return np.zeros(0, dtype=bool), {}
    hashes, codes, names = keyed_hashes(trace, seed)
    order = np.lexsort((hashes, codes))
    sorted_codes = codes[order]
    starts = np.searchsorted(sorted_codes, sorted_codes, side="left")
    rank = np.arange(n) - starts
    chosen = order[rank < k]
    mask = np.zeros(n, dtype=bool)
    mask[chosen] = True
    kept: dict[str, list[int]] = {}
    for code, hv in zip(codes[chosen].tolist(), hashes[chosen].tolist()):
        kept.setdefault(names[code], []).append(hv)
    return mask, {key: sorted(v) for key, v in kept.items()}


def index_table(trace: pa.Table) -> pa.Table:
    """Every removed row without its text: id, provenance, step, reason and the
    scalar signal columns (nested and binary columns left out)."""
    keep = []
    for field in trace.schema:
        t = field.type
        if (
            field.name == "text"
            or pa.types.is_nested(t)
            or pa.types.is_binary(t)
            or pa.types.is_large_binary(t)
        ):
            continue
        keep.append(field.name)
    return trace.select(keep)


def merge_samples(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    """Keep the k smallest hashes per (step, reason)."""
    if not a:
        return b
    if not b:
        return a
    k = a["k"]
    hashes = {key: list(v) for key, v in a["hashes"].items()}
    for key, v in b["hashes"].items():
        hashes[key] = (
            heapq.nsmallest(k, list(hashes.get(key, [])) + list(v)) if key in hashes else list(v)[:k]
        )
    return {"k": k, "hashes": hashes}


def prune(fs: pafs.FileSystem, out_dir: str, sample: dict[str, Any], seed: int) -> dict[str, int | None]:
    """Drop candidate rows above each key's global k-th smallest hash.

    Returns ``{relative path: rows left}`` for every file changed (None: deleted).
    """
    k = sample["k"]
    threshold = {key: (v[k - 1] if len(v) >= k else None) for key, v in sample["hashes"].items()}
    if all(t is None for t in threshold.values()):
        return {}
    directory = posixpath.join(out_dir, "removed")
    infos = fs.get_file_info(pafs.FileSelector(directory, recursive=False, allow_not_found=True))
    paths = sorted(i.path for i in infos if i.type == pafs.FileType.File and i.path.endswith(".parquet"))

    def one(path: str) -> tuple[str, int | None] | None:
        with fs.open_input_file(path) as f:
            table = pq.read_table(f)
        hashes = trace_hashes(table, seed)
        keys = trace_keys(table).to_pylist()
        limits = np.array(
            [np.iinfo(np.uint64).max if threshold.get(key) is None else threshold[key] for key in keys],
            dtype=np.uint64,
        )
        keep = hashes <= limits
        rel = posixpath.relpath(path, out_dir)
        if keep.all():
            return None
        if not keep.any():
            fs.delete_file(path)
            return rel, None
        tmp = posixpath.join(directory, "." + posixpath.basename(path) + ".tmp")
        with fs.open_output_stream(tmp) as out:
            pq.write_table(table.filter(pa.array(keep)), out, compression="zstd")
        fs.move(tmp, path)
        return rel, int(keep.sum())

    with ThreadPoolExecutor(max_workers=8) as pool:
        changes = [c for c in pool.map(one, paths) if c is not None]
    return dict(changes)
