"""Shared plumbing of the dedup stages: row ids, keep policies, persisted
intermediates and a shuffle-based lookup join on Ray Data datasets.

Nothing here collects data on the driver: every step is a ``map_batches`` or
a hash-partitioned ``repartition(keys=...)`` (one block per partition, the
invariant Ray's own ``map_groups`` relies on), with intermediates written as
Parquet under the stage's work directory. Executions go through the stage's
runtime (``rt``: engine/stage_runtime.py), so nothing here imports Ray.
"""

from __future__ import annotations

import glob
import os
import re
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import xxhash

from engine.columns import BLOCK, GENERATED, LINE, REMOVED_BY, SOURCE, UNIT, mark_removed, put_column

RID = "_dd_rid"  # 64-bit row id: xxh3 of (source, line, generated, id)
PRIO = "_dd_prio"  # keep-policy value, smaller is better
SRC = "_dd_src"
LINE_COL = "_dd_line"
ID = "_dd_id"
GROUP = "_dd_group"  # cluster id (exact: text hash; minhash: min row id of the component)
KEEP = "_dd_keep"
SIDE = "_dd_side"
BLK = "_dd_blk"  # where a row lives: its read unit and block (see block_keys)

DUP_CLUSTER = "dup_cluster"
DUP_KEEP = "dup_keep"

_KEEP_RE = re.compile(r"^(first|longest|max:[A-Za-z_][\w.-]*)$")


def validate_keep(value: str) -> str:
    if not _KEEP_RE.match(value):
        raise ValueError("keep must be 'first', 'longest' or 'max:<column>'")
    return value


def live_rows(table: pa.Table) -> pa.Table:
    """The rows not yet removed or quarantined."""
    removed = table.column(REMOVED_BY)
    if removed.null_count == table.num_rows:
        return table
    return table.filter(pc.is_null(removed))


def row_ids(table: pa.Table) -> pa.Array:
    """Stable 64-bit id per row from its provenance (source, line, generated, id).

    Provenance is unique per input document, so the id does not depend on
    batch boundaries or run; two rows collide with probability ~2^-64.
    The id is the xxh3 of ``f"{source}\x1f{line}\x1f{generated}\x1f{id}"`` (a missing
    column or null value reads ``None``): built by Arrow in one pass when the columns are
    text and integers (:func:`_provenance_keys`, the same bytes), else in Python.
    """
    keys = _provenance_keys(table)
    n = table.num_rows
    if keys is None:
        return _row_ids_python(table)
    out = np.fromiter(map(xxhash.xxh3_64_intdigest, keys.to_pylist()), dtype=np.uint64, count=n)
    return pa.array(out.view(np.int64))


def _provenance_keys(table: pa.Table) -> pa.ChunkedArray | pa.Array | None:
    """The UTF-8 bytes :func:`row_ids` hashes, one binary value per row, joined by Arrow; None
    when a column's text form could differ from Python's ``str()`` (floats, booleans, nested)."""
    n = table.num_rows
    parts = []
    for name in (SOURCE, LINE, GENERATED, "id"):
        if name not in table.column_names:
            parts.append(pa.scalar("None"))
            continue
        col = table.column(name)
        t = col.type
        if pa.types.is_dictionary(t):
            col, t = col.cast(t.value_type), t.value_type
        if pa.types.is_integer(t):
            col = pc.cast(col, pa.string())  # decimal digits, as str(int)
        elif pa.types.is_large_string(t):
            col = pc.cast(col, pa.string())
        elif pa.types.is_null(t):
            parts.append(pa.scalar("None"))
            continue
        elif not pa.types.is_string(t):
            return None
        parts.append(pc.fill_null(col, "None") if col.null_count else col)
    if all(isinstance(p, pa.Scalar) for p in parts):
        return pa.array(["\x1f".join(p.as_py() for p in parts)] * n, pa.binary())
    joined = pc.binary_join_element_wise(*parts, "\x1f")
    return joined.cast(pa.binary()) if not isinstance(joined, pa.Scalar) else None


def _row_ids_python(table: pa.Table) -> pa.Array:
    """:func:`row_ids` one row at a time (any column types)."""
    cols = [
        table.column(c).to_pylist() if c in table.column_names else None for c in (SOURCE, LINE, GENERATED)
    ]
    ids = table.column("id").to_pylist() if "id" in table.column_names else [None] * table.num_rows
    src, line, gen = (c if c is not None else [None] * table.num_rows for c in cols)
    h = xxhash.xxh3_64_intdigest
    out = np.fromiter(
        (
            h(f"{s}\x1f{ln}\x1f{g}\x1f{i}".encode("utf-8", "surrogatepass"))
            for s, ln, g, i in zip(src, line, gen, ids)
        ),
        dtype=np.uint64,
        count=table.num_rows,
    )
    return pa.array(out.view(np.int64))


def priority_columns(table: pa.Table, keep: str) -> dict[str, pa.Array]:
    """Columns that order the members of a duplicate cluster (first row wins)."""
    n = table.num_rows
    if keep == "first":
        prio = np.zeros(n)
    elif keep == "longest":
        prio = -np.asarray(pc.utf8_length(table.column("text").fill_null("")).to_numpy(), dtype=np.float64)
    else:
        col = keep.split(":", 1)[1]
        if col not in table.column_names:
            raise KeyError(f"keep={keep!r}: the batch has no column {col!r}")
        vals = pc.cast(table.column(col), pa.float64()).to_numpy(zero_copy_only=False)
        vals = np.where(np.isnan(vals), -np.inf, vals)
        prio = -vals
    src = table.column(SOURCE) if SOURCE in table.column_names else pa.nulls(n, pa.string())
    line = table.column(LINE) if LINE in table.column_names else pa.nulls(n, pa.int64())
    ids = table.column("id").cast(pa.string()) if "id" in table.column_names else pa.nulls(n, pa.string())
    return {PRIO: pa.array(prio, pa.float64()), SRC: src, LINE_COL: line, ID: ids}


def priority_sort_keys(keep: str) -> list[tuple[str, str]]:
    """Sort order of cluster members; ties are broken by id, then provenance."""
    if keep == "first":
        order = [SRC, LINE_COL, ID, RID]
    else:
        order = [PRIO, ID, SRC, LINE_COL, RID]
    return [(c, "ascending") for c in order]


def pick_keepers(table: pa.Table, group_cols: list[str], keep: str, carry: list[str] = ()) -> pa.Table:
    """For a table holding whole groups: sort by group then priority, flag the first row.

    Returns the input's group and row-id columns with a boolean ``KEEP`` (and
    the ``carry`` columns), one row per distinct (group, row id).
    """
    if table.num_rows == 0:
        return table
    table = table.sort_by([(g, "ascending") for g in group_cols] + priority_sort_keys(keep))
    rid = table.column(RID).to_numpy()
    new_group = np.zeros(table.num_rows, dtype=bool)
    new_group[0] = True
    for g in group_cols:
        v = table.column(g).to_numpy()
        new_group[1:] |= v[1:] != v[:-1]
    # duplicated (group, row) pairs (a component center reported twice) are dropped
    dup_row = np.zeros(table.num_rows, dtype=bool)
    dup_row[1:] = (~new_group[1:]) & (rid[1:] == rid[:-1])
    keep_mask = ~dup_row
    return pa.table(
        {
            **{g: table.column(g) for g in group_cols},
            RID: table.column(RID),
            KEEP: pa.array(new_group),
            **{c: table.column(c) for c in carry},
        }
    ).filter(pa.array(keep_mask))


def group_sizes_at_least_two(table: pa.Table, group_cols: list[str]) -> np.ndarray:
    """Mask of rows whose group (sorted contiguous) has at least two rows."""
    n = table.num_rows
    if n == 0:
        return np.zeros(0, dtype=bool)
    start = np.zeros(n, dtype=bool)
    start[0] = True
    for g in group_cols:
        v = table.column(g).to_numpy()
        start[1:] |= v[1:] != v[:-1]
    seg = np.cumsum(start) - 1
    sizes = np.bincount(seg)
    return sizes[seg] >= 2


# --------------------------------------------------------------------------- intermediates
def block_sums(
    rt: Any, ds: Any, fn: Any, columns: list[str] | None = None, label: str = "block_sums"
) -> dict[str, int]:
    """Sum small per-block counters: ``fn(block) -> one-row table`` of integers,
    in one execution of ``rt`` (engine/stage_runtime.py StageRuntime).

    Only one row per block reaches the driver (a plain map, no aggregation shuffle).
    """
    if columns is not None:
        ds = ds.select_columns(columns)
    return rt.sum_rows(ds.map_batches(fn, batch_size=None, batch_format="pyarrow"), label)


def run_prepare(rt: Any, ds: Any, fn: Any, label: str, **remote_args: Any) -> dict[str, int]:
    """Run a stage's ``prepare`` function (``fn(block) -> {counter: int}``) over
    ``ds`` in one execution, when the engine did not fuse it into its input pass
    (``remote_args``: e.g. ``num_gpus`` for the tasks)."""

    def one_row(t: pa.Table) -> pa.Table:
        return pa.table({k: [int(v)] for k, v in fn(t).items()})

    return rt.sum_rows(ds.map_batches(one_row, batch_size=None, batch_format="pyarrow", **remote_args), label)


# Columns of the stage's files whose values repeat (the source file of a block): the only ones worth
# a Parquet dictionary. Every other column holds hashes, row ids, signatures, lines or texts, all
# (nearly) distinct: the writer's dictionary attempt on them is wasted work, and on 64-bit keys in
# small row groups (the release index) it costs ~7x the plain write (0.24 vs 0.035 CPU-s for 1.5M
# band rows); the files are smaller without it.
DICTIONARY_COLUMNS = frozenset({SRC})


def write_parquet(table: pa.Table, where: Any, **kwargs: Any) -> None:
    """``pq.write_table`` with a dictionary only for :data:`DICTIONARY_COLUMNS` (plain encoding
    elsewhere: the values read back are the same)."""
    pq.write_table(
        table, where, use_dictionary=[c for c in table.column_names if c in DICTIONARY_COLUMNS], **kwargs
    )


def write_atomic(table: pa.Table, directory: str, name: str) -> None:
    """Write ``table`` as ``directory/name`` (Parquet) under a temporary name, then
    rename: a retried task replaces its own file, readers never see half a file."""
    os.makedirs(directory, exist_ok=True)
    tmp = os.path.join(directory, f".{name}.{os.getpid()}.tmp")
    write_parquet(table, tmp)
    os.replace(tmp, os.path.join(directory, name))


def rows_name(rid: pa.Array | pa.ChunkedArray | np.ndarray, n: int) -> str:
    """A file name derived from the row ids a task wrote (a retry writes the same name)."""
    arr = (
        rid
        if isinstance(rid, np.ndarray)
        else np.asarray(rid.to_numpy() if hasattr(rid, "to_numpy") else rid)
    )
    return f"{xxhash.xxh3_64_hexdigest(np.ascontiguousarray(arr).tobytes())}-{n}.parquet"


def count_live(t: pa.Table) -> pa.Table:
    """Per-block counter of live rows (for :func:`block_sums`)."""
    return pa.table({"live": [t.column(REMOVED_BY).null_count]})


def parquet_files(path: str) -> list[str]:
    return sorted(glob.glob(os.path.join(path, "**", "*.parquet"), recursive=True))


# --------------------------------------------------------------------------- the single-task path
# A stage input up to this size (in-memory Arrow bytes, counted by the engine's pass) is processed
# after the pass by ONE remote task reading the pass's files with pyarrow: Ray Data shuffles
# (hash repartition) and executions cost seconds each however small the data, the work itself on a
# few MB costs milliseconds. Sized by what one task may hold: the keys/signatures of every row and
# the texts of the duplicate clusters, a few times the input at most (single_task_memory).
SINGLE_TASK_MB = 256


def single_task_field() -> Any:
    """The ``single_task_mb`` parameter of the dedup stages."""
    from pydantic import Field

    return Field(
        SINGLE_TASK_MB,
        ge=0,
        description="stage input (in-memory MB, counted by the engine's pass over it) up to which "
        "everything after that pass runs in one task without shuffles (same results as the "
        "distributed path); 0 = always distributed",
    )


def single_task_bytes(ctx: Any, limit_mb: int) -> int | None:
    """The stage input's bytes when the single-task path applies (known and at most
    ``limit_mb``), else None (unknown size: the distributed path, which bounds memory)."""
    nbytes = ctx.input_bytes if ctx.input_bytes is not None else ctx.estimated_input_bytes
    if limit_mb <= 0 or nbytes is None or nbytes > limit_mb << 20:
        return None
    return int(nbytes)


def single_task_memory(nbytes: int) -> int:
    """Memory to request for the single task over an input of ``nbytes``."""
    return (128 << 20) + 3 * int(nbytes)


def read_parquet_dir(path: str, schema: pa.Schema | None = None) -> pa.Table | None:
    """All Parquet files under ``path`` as one table (cast to ``schema``), None when there are none."""
    files = parquet_files(path)
    if not files:
        return None
    parts = [pq.read_table(f) for f in files]
    if schema is not None:
        parts = [t.select(schema.names).cast(schema) for t in parts]
    return pa.concat_tables(parts)


def num_partitions(ctx_cpus: float, nbytes: int | None, target_bytes: int = 64 << 20) -> int:
    """Shuffle partitions: two per CPU, more when partitions would exceed ``target_bytes``."""
    p = max(2, int(2 * max(ctx_cpus, 1)))
    if nbytes:
        p = max(p, int(nbytes // target_bytes) + 1)
    return p


def lookup_join(
    left: Any,
    right: Any,
    left_key: str,
    right_key: str,
    right_cols: list[str],
    left_schema: pa.Schema,
    right_schema: pa.Schema,
    partitions: int,
    how: str = "left",
    finish: Any = None,
) -> Any:
    """Attach ``right_cols`` of the row of ``right`` whose ``right_key`` equals
    each left row's ``left_key`` (right keys are unique).

    A hash-partitioned shuffle: both sides are mapped onto one schema, unioned
    and repartitioned by the key, so each partition (one block) holds all
    rows of its keys from both sides and is joined with numpy. ``how="left"``
    keeps unmatched left rows (null right columns), ``"inner"`` drops them.
    ``finish(table) -> table`` post-processes each joined partition in the
    same task (saves a pass). No side is ever collected on the driver.
    """
    names = list(left_schema.names)
    rtypes = {c: right_schema.field(c).type for c in right_cols}
    union_fields = [left_schema.field(c) for c in names] + [pa.field(c, rtypes[c]) for c in right_cols]
    union_fields.append(pa.field(SIDE, pa.int8()))
    union_schema = pa.schema(union_fields)
    key_type = left_schema.field(left_key).type

    def conform(t: pa.Table, c: str) -> pa.Array | pa.ChunkedArray:
        typ = left_schema.field(c).type
        if c not in t.column_names:  # a block without the column (all null upstream)
            return pa.nulls(t.num_rows, typ)
        col = t.column(c)
        return col if col.type == typ else col.cast(typ)

    def left_side(t: pa.Table) -> pa.Table:
        n = t.num_rows
        cols = [conform(t, c) for c in names] + [pa.nulls(n, rtypes[c]) for c in right_cols]
        cols.append(pa.array(np.zeros(n, np.int8)))
        return pa.Table.from_arrays(cols, schema=union_schema)

    def right_side(t: pa.Table) -> pa.Table:
        n = t.num_rows
        cols = []
        for c in names:
            if c == left_key:
                cols.append(t.column(right_key).cast(key_type))
            else:
                cols.append(pa.nulls(n, left_schema.field(c).type))
        cols += [t.column(c) for c in right_cols]
        cols.append(pa.array(np.ones(n, np.int8)))
        return pa.Table.from_arrays(cols, schema=union_schema)

    def merge(t: pa.Table) -> pa.Table:
        side = t.column(SIDE).to_numpy()
        lt = t.filter(pa.array(side == 0))
        rt = t.filter(pa.array(side == 1))
        lk = lt.column(left_key).to_numpy()
        rk = rt.column(left_key).to_numpy()
        order = np.argsort(rk, kind="stable")
        rk_sorted = rk[order]
        pos = np.searchsorted(rk_sorted, lk)
        pos_c = np.minimum(pos, max(len(rk_sorted) - 1, 0))
        found = (
            (pos < len(rk_sorted)) & (rk_sorted[pos_c] == lk) if len(rk_sorted) else np.zeros(len(lk), bool)
        )
        idx = pa.array(order[pos_c] if len(rk_sorted) else np.zeros(len(lk), np.int64), mask=~found)
        out_cols = [lt.column(c) for c in names]
        for c in right_cols:
            out_cols.append(rt.column(c).take(idx) if len(rk_sorted) else pa.nulls(lt.num_rows, rtypes[c]))
        out = pa.Table.from_arrays(out_cols, names=names + right_cols)
        if how == "inner":
            out = out.filter(pa.array(found))
        return finish(out) if finish is not None else out

    # the two sides are light column shuffles: fractional CPUs let both branches
    # of the union and the shuffle run at once on small clusters
    both = left.map_batches(left_side, batch_format="pyarrow", num_cpus=0.25).union(
        right.map_batches(right_side, batch_format="pyarrow", num_cpus=0.25)
    )
    return both.repartition(partitions, keys=[left_key]).map_batches(
        merge, batch_size=None, batch_format="pyarrow"
    )


def apply_updates(table: pa.Table, step: str, reason: str, annotate: bool, out_names: list[str]) -> pa.Table:
    """Turn joined (GROUP, KEEP) columns into removals or annotation columns."""
    group = table.column(GROUP)
    keep = table.column(KEEP)
    if annotate:
        live = pc.is_null(table.column(REMOVED_BY))
        dup_keep = pc.if_else(live, pc.fill_null(keep, True), pa.scalar(None, pa.bool_()))
        table = put_column(table, DUP_CLUSTER, group)
        table = put_column(table, DUP_KEEP, dup_keep)
    else:
        drop = np.asarray(pc.fill_null(pc.invert(keep), False).to_numpy(zero_copy_only=False), dtype=bool)
        drop &= np.asarray(pc.is_null(table.column(REMOVED_BY)).to_numpy(zero_copy_only=False), dtype=bool)
        reasons = pa.array(np.where(drop, reason, None), pa.string())
        table = mark_removed(table, ~drop, reasons, step)
    return table.select(out_names)


# --------------------------------------------------------------------------- removal by block
# The verdicts (cluster, keep) of the duplicate members are written in one small
# file per read block of the corpus, and applied to the corpus by a plain map:
# each batch loads the verdicts of its own blocks only. The corpus is never
# shuffled and no process holds the set of removed ids.
UPDATE_FILE_SCHEMA = pa.schema([(RID, pa.int64()), (GROUP, pa.int64()), (KEEP, pa.bool_())])


def block_keys(table: pa.Table) -> pa.Array:
    """Key of each row's read block: ``unit << 32 | block`` from the engine's
    ``_cf_unit``/``_cf_block``; rows without them (built outside the reader)
    fall back to a negative hash of their source file."""
    n = table.num_rows
    if UNIT in table.column_names and BLOCK in table.column_names:
        unit = table.column(UNIT)
        block = table.column(BLOCK)
        u = pc.fill_null(unit, 0).to_numpy().astype(np.int64)
        b = pc.fill_null(block, 0).to_numpy().astype(np.int64)
        keys = (u << 32) | (b & 0xFFFFFFFF)
        missing = np.asarray(pc.is_null(unit).to_numpy(zero_copy_only=False), bool) | np.asarray(
            pc.is_null(block).to_numpy(zero_copy_only=False), bool
        )
    else:
        keys = np.zeros(n, np.int64)
        missing = np.ones(n, bool)
    if missing.any():
        src = table.column(SOURCE).to_pylist() if SOURCE in table.column_names else [None] * n
        cache: dict[Any, int] = {}
        for i in np.flatnonzero(missing):
            s_ = src[i]
            if s_ not in cache:
                cache[s_] = -1 - (xxhash.xxh3_64_intdigest(str(s_).encode("utf-8", "surrogatepass")) >> 2)
            keys[i] = cache[s_]
    return pa.array(keys, pa.int64())


def _block_dir(root: str, key: int) -> str:
    return os.path.join(root, f"blk={key}")


def write_block_updates(table: pa.Table, root: str) -> pa.Table:
    """Write verdict rows (RID, GROUP, KEEP, BLK) as one file per block key
    under ``root``. File names derive from the content, so a retried task
    overwrites its own files instead of adding copies. Returns one row of
    counts (members, kept) for :func:`block_sums`-style totals."""
    if table.num_rows == 0:
        return pa.table({"members": [0], "kept": [0]})
    table = table.sort_by([(BLK, "ascending"), (RID, "ascending")])
    keys = table.column(BLK).to_numpy()
    cuts = np.flatnonzero(np.diff(keys)) + 1
    starts = np.concatenate([[0], cuts])
    ends = np.concatenate([cuts, [len(keys)]])
    for a, b in zip(starts, ends):
        part = table.slice(int(a), int(b - a))
        rids = part.column(RID).to_numpy()
        name = f"{xxhash.xxh3_64_hexdigest(rids.tobytes())}.parquet"
        d = _block_dir(root, int(keys[a]))
        os.makedirs(d, exist_ok=True)
        tmp = os.path.join(d, f".{name}.{os.getpid()}.tmp")
        write_parquet(part.select(UPDATE_FILE_SCHEMA.names).cast(UPDATE_FILE_SCHEMA), tmp)
        os.replace(tmp, os.path.join(d, name))
    kept = int(pc.sum(table.column(KEEP)).as_py() or 0)
    return pa.table({"members": [table.num_rows], "kept": [kept]})


DIRECT_WRITE_MAX_PARTITIONS = 64


def store_block_updates(
    rt: Any, updates: Any, root: str, partitions: int, work_dir: str, schema: pa.Schema
) -> tuple[int, int]:
    """Write the verdict dataset ``updates`` (RID, GROUP, KEEP, BLK) as block
    files under ``root``; returns (members, kept).

    Up to ``DIRECT_WRITE_MAX_PARTITIONS`` partitions, each task writes its
    rows straight into the block directories (at most partitions x blocks
    small files). Beyond that the verdicts are persisted and hash-shuffled by
    block key first, so each block gets one file per partition that holds it.
    """
    if partitions > DIRECT_WRITE_MAX_PARTITIONS:
        updates, _ = rt.persist(updates, os.path.join(work_dir, "verdict_rows"), schema, "verdict_rows")
        updates = updates.repartition(partitions, keys=[BLK])
    counts = block_sums(rt, updates, lambda t: write_block_updates(t, root), label="verdicts")
    return counts.get("members", 0), counts.get("kept", 0)


def read_block_verdicts(root: str, keys: np.ndarray) -> pa.Table:
    """The verdict rows stored under ``root`` for the given block keys."""
    parts = []
    for key in np.unique(keys):
        d = _block_dir(root, int(key))
        if os.path.isdir(d):
            parts += [
                pq.read_table(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith(".parquet")
            ]
    return pa.concat_tables(parts) if parts else UPDATE_FILE_SCHEMA.empty_table()


def block_verdicts(table: pa.Table, root: str) -> tuple[pa.Table, pa.Array | None]:
    """(verdicts of the table's blocks, index of each row's verdict: null where
    it has none). Removed rows never took part: a verdict applies to live rows only."""
    n = table.num_rows
    verdicts = (
        read_block_verdicts(root, block_keys(table).to_numpy()) if n else UPDATE_FILE_SCHEMA.empty_table()
    )
    if verdicts.num_rows == 0:
        return verdicts, None
    rid = row_ids(table).to_numpy()
    vr = verdicts.column(RID).to_numpy()
    order = np.argsort(vr, kind="stable")
    vr_sorted = vr[order]
    pos = np.minimum(np.searchsorted(vr_sorted, rid), len(vr_sorted) - 1)
    found = vr_sorted[pos] == rid
    found &= np.asarray(pc.is_null(table.column(REMOVED_BY)).to_numpy(zero_copy_only=False), bool)
    return verdicts, pa.array(order[pos], mask=~found)


class ApplyBlockUpdates:
    """Map over the corpus: attach each row's verdict from its block's files
    and turn it into a removal (filter mode) or ``dup_cluster``/``dup_keep``
    columns (annotate mode). Memory: the verdicts of the blocks in one batch."""

    def __init__(self, root: str, step: str, reason: str, annotate: bool, out_names: list[str]) -> None:
        self.root = root
        self.step = step
        self.reason = reason
        self.annotate = annotate
        self.out_names = out_names

    def __call__(self, table: pa.Table) -> pa.Table:
        n = table.num_rows
        verdicts, idx = block_verdicts(table, self.root)
        if verdicts.num_rows == 0:
            group = pa.nulls(n, pa.int64())
            keep = pa.nulls(n, pa.bool_())
        else:
            group = verdicts.column(GROUP).take(idx)
            keep = verdicts.column(KEEP).take(idx)
        joined = table.append_column(GROUP, group).append_column(KEEP, keep)
        return apply_updates(joined, self.step, self.reason, self.annotate, self.out_names)


def apply_block_updates(ds: Any, root: str, schema: pa.Schema, step: str, reason: str, annotate: bool) -> Any:
    """The stage's output: ``ds`` with the verdicts under ``root`` applied (a map, no shuffle)."""
    out_names = list(schema.names)
    if annotate:
        out_names += [n for n in (DUP_CLUSTER, DUP_KEEP) if n not in out_names]
    return ds.map_batches(
        ApplyBlockUpdates(root, step, reason, annotate, out_names), batch_size=None, batch_format="pyarrow"
    )
