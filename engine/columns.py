"""Engine bookkeeping columns carried beside every document.

Every row in flight has:

* ``_cf_source`` (string) - the input file it came from;
* ``_cf_line`` (int64) - its 1-based line (JSONL), row (Parquet) or 1 (text file);
* ``_cf_removed_by`` (string, null while live) - step name that removed it, or
  ``input`` for documents quarantined by the reader;
* ``_cf_reason`` (string) - why it was removed or quarantined;
* ``_cf_quarantined`` (bool) - true for quarantine, false for a filter removal;
* ``_cf_raw`` (string) - the raw content of a quarantined input line, as far
  as it could be decoded (null otherwise);
* ``_cf_generated`` (string, null for input documents) - the step that created
  a synthetic document;
* ``_cf_unit`` / ``_cf_block`` (int32) - the read task and block a row came
  from, so the writer can record which input is fully written (resume).

Removed rows travel to the end of the plan, where the writer routes them to
``quarantine/`` or the removal trace and counts them, so the accounting
identity is computed from the data itself (exact under task retries).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import sys
from typing import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

SOURCE = "_cf_source"
LINE = "_cf_line"
REMOVED_BY = "_cf_removed_by"
REASON = "_cf_reason"
QUARANTINED = "_cf_quarantined"
RAW = "_cf_raw"
GENERATED = "_cf_generated"
UNIT = "_cf_unit"  # read unit (task) the row came from: resume bookkeeping
BLOCK = "_cf_block"  # block number within that unit

ENGINE_COLUMNS = (SOURCE, LINE, REMOVED_BY, REASON, QUARANTINED, RAW, GENERATED, UNIT, BLOCK)
ENGINE_TYPES = {
    SOURCE: pa.string(),
    LINE: pa.int64(),
    REMOVED_BY: pa.string(),
    REASON: pa.string(),
    QUARANTINED: pa.bool_(),
    RAW: pa.string(),
    GENERATED: pa.string(),
    UNIT: pa.int32(),
    BLOCK: pa.int32(),
}
INPUT_STEP = "input"
#: The errors Arrow raises when values cannot be cast or concatenated.
ARROW_ERRORS = (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError)
log = logging.getLogger(__name__)


def live_mask(table: pa.Table) -> pa.ChunkedArray:
    """True for rows not yet removed or quarantined."""
    return pc.is_null(table.column(REMOVED_BY))


def split_live(table: pa.Table) -> tuple[pa.Table, pa.Table | None]:
    """Split a batch into (live rows, dead rows or None)."""
    removed = table.column(REMOVED_BY)
    if removed.null_count == table.num_rows:
        return table, None
    live = live_mask(table).to_numpy(zero_copy_only=False)
    return filter_rows(table, live), filter_rows(table, ~live)


def filter_rows(table: pa.Table, mask) -> pa.Table:
    """``table.filter(mask)`` (``mask``: booleans without nulls, numpy or Arrow), the same
    rows in the same chunks, without copying the record batches the mask keeps whole.

    ``Table.filter`` filters each of the table's record batches (its columns cut at every
    chunk boundary of any column) and drops the batches left empty; it copies a batch it
    keeps whole. The dead rows a step passes on sit in such batches (``concat`` puts them
    after its output), and each step and the writer filtered them again: 110k of the
    117k zh_reviews documents, copied once per step. Here those batches are reused as they
    are: the same values in the same chunk layout, so every file written from the result
    is byte-identical (tests/test_filter_rows.py compares against ``Table.filter``)."""
    keep = np.asarray(mask.to_numpy(zero_copy_only=False) if not isinstance(mask, np.ndarray) else mask)
    keep = keep.astype(bool, copy=False)
    batches = table.to_batches()
    bounds = np.cumsum([0] + [b.num_rows for b in batches])
    whole = [bool(hi > lo and keep[lo:hi].all()) for lo, hi in zip(bounds[:-1], bounds[1:])]
    if not any(whole):  # nothing to reuse: Arrow's own filter, in one call
        return table.filter(pa.array(keep))
    out = []
    for batch, lo, hi, reuse in zip(batches, bounds[:-1], bounds[1:], whole):
        if reuse:
            out.append(batch)
        elif hi > lo and keep[lo:hi].any():
            out.append(batch.filter(pa.array(keep[lo:hi])))
    return pa.Table.from_batches(out, schema=table.schema)


def concat(tables: list[pa.Table]) -> pa.Table:
    """Concatenate tables whose columns may differ (missing columns become null; a column
    whose types conflict becomes text: :func:`unify_schemas`)."""
    tables = [t for t in tables if t is not None]
    if len(tables) == 1:
        return tables[0]
    try:
        return pa.concat_tables(tables, promote_options="permissive")
    except ARROW_ERRORS:
        schema = unify_schemas([t.schema for t in tables], force_text=lossy_columns(tables))
        return pa.concat_tables([conform(t, schema) for t in tables])


def mark_removed(
    table: pa.Table,
    keep: np.ndarray | pa.Array | pa.ChunkedArray,
    reasons: list[str | None] | pa.Array | pa.ChunkedArray,
    step: str,
    quarantined: bool = False,
) -> pa.Table:
    """Mark rows where ``keep`` is false as removed by ``step`` with their reason."""
    keep_np = _to_bool_numpy(keep, table.num_rows)
    if keep_np.all():
        return table
    drop = ~keep_np
    if isinstance(reasons, (pa.Array, pa.ChunkedArray)):
        reasons_arr = reasons.cast(pa.string())
        if isinstance(reasons_arr, pa.ChunkedArray):
            reasons_arr = reasons_arr.combine_chunks()
    else:
        reasons_arr = pa.array(reasons, type=pa.string())
    drop_arr = pa.array(drop)
    removed_by = pc.if_else(drop_arr, pa.scalar(step, pa.string()), table.column(REMOVED_BY))
    reason = pc.if_else(drop_arr, reasons_arr, table.column(REASON))
    quarantine = pc.if_else(drop_arr, pa.scalar(quarantined), table.column(QUARANTINED))
    table = _set(table, REMOVED_BY, removed_by)
    table = _set(table, REASON, reason)
    return _set(table, QUARANTINED, quarantine)


def _set(table: pa.Table, name: str, values) -> pa.Table:
    return table.set_column(table.schema.get_field_index(name), name, values)


def put_column(table: pa.Table, name: str, values) -> pa.Table:
    """Replace column ``name`` or append it when absent."""
    if not isinstance(values, (pa.Array, pa.ChunkedArray)):
        values = pa.array(values)
    idx = table.schema.get_field_index(name)
    if idx >= 0:
        return table.set_column(idx, name, values)
    return table.append_column(name, values)


def _to_bool_numpy(keep, n: int) -> np.ndarray:
    if isinstance(keep, np.ndarray):
        arr = keep.astype(bool, copy=False)
    elif isinstance(keep, (pa.Array, pa.ChunkedArray)):
        arr = np.asarray(keep.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
    else:
        arr = np.asarray(keep, dtype=bool)
    if arr.shape != (n,):
        raise ValueError(f"keep mask has shape {arr.shape}, expected ({n},)")
    return arr


def add_engine_columns(table: pa.Table, source: str, first_line: int) -> pa.Table:
    """Attach fresh bookkeeping columns to rows read from ``source``."""
    n = table.num_rows
    cols = {
        SOURCE: pa.repeat(pa.scalar(source, pa.string()), n),
        LINE: pa.array(np.arange(first_line, first_line + n, dtype=np.int64)),
        REMOVED_BY: pa.nulls(n, pa.string()),
        REASON: pa.nulls(n, pa.string()),
        QUARANTINED: pa.array(np.zeros(n, dtype=bool)),
        RAW: pa.nulls(n, pa.string()),
        GENERATED: pa.nulls(n, pa.string()),
    }
    for name, values in cols.items():
        if name in table.column_names:
            table = _set(table, name, values)
        else:
            table = table.append_column(name, values)
    return table


def user_columns(schema: pa.Schema) -> list[str]:
    """Columns of the dataset proper (everything but the bookkeeping)."""
    return [n for n in schema.names if n not in ENGINE_COLUMNS]


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """Give a table exactly ``schema``: add missing columns as nulls, cast, reorder.
    A column that becomes ``string`` (its types conflict across input files:
    :func:`unify_schemas`) takes its values' text (:func:`text_value`)."""
    cols = []
    index = {name: i for i, name in enumerate(table.column_names)}  # (one list, not one per column)
    for field in schema:
        i = index.get(field.name)
        if i is not None:
            col = table.column(i)
            if col.type == field.type:
                cols.append(col)
            elif pa.types.is_string(field.type):
                cols.append(as_text(col))
            else:
                cols.append(col.cast(field.type))
        else:
            cols.append(pa.nulls(table.num_rows, field.type))
    return pa.Table.from_arrays(cols, schema=schema)


def text_value(value) -> str | None:
    """A pass-through value as text where its column's types conflict: a string as it is,
    numbers, booleans, lists and objects as their JSON (``7``, ``2.5``, ``true``, ``[1, 2]``,
    ``{"k": "v"}``; dates and bytes inside as their ``str``), a date or decimal as its ``str``,
    bytes decoded as UTF-8. A number is written by its value, not by its Arrow type: an
    integral float is written as an integer (``1.0`` as ``1``, also inside lists and objects),
    so the text is the same whether or not the column was promoted from ``int64`` to ``double``
    where blocks met before it became text (which blocks meet first is Ray Data's bundling).
    The reader (a block whose records disagree) and the blocks that meet later
    (:func:`conform`) write the same text for the same value."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    if isinstance(value, float):
        return json.dumps(_plain_number(value))
    if isinstance(value, (bool, int)):
        return json.dumps(value)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(_plain_numbers(value), ensure_ascii=False, default=str)
    return str(value)  # a date, a time, a decimal


#: Integral floats up to this magnitude are written as integers (every int64 is within it).
_INTEGRAL_FLOAT_MAX = float(2**63)


def _plain_number(value: float) -> int | float:
    """An integral float as the integer it equals (int64 range), any other float as it is."""
    if value.is_integer() and abs(value) <= _INTEGRAL_FLOAT_MAX:
        return int(value)
    return value


def _plain_numbers(value):
    """``value`` with :func:`_plain_number` applied to every float inside lists and objects."""
    if isinstance(value, float):
        return _plain_number(value)
    if isinstance(value, dict):
        return {k: _plain_numbers(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_numbers(v) for v in value]
    return value


def as_text(col: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """A column as text by :func:`text_value`: Arrow's own cast where it writes the same
    (strings, integers, booleans, nulls), each value's text otherwise (floats, nested values,
    dates: per value, so a float and the integer it was promoted from read alike)."""
    t = col.type
    if pa.types.is_null(t) or pa.types.is_string(t) or pa.types.is_integer(t) or pa.types.is_boolean(t):
        return col.cast(pa.string())
    if pa.types.is_large_string(t):
        return col.cast(pa.string())
    return pa.array([text_value(v) for v in col.to_pylist()], pa.string())


def unify_schemas(schemas: list[pa.Schema], force_text=()) -> pa.Schema:
    """One schema for blocks of different input files: ``pa.unify_schemas`` (permissive:
    ``null`` widens, numbers promote, missing columns are nullable), and where a column's
    types truly conflict (``int64`` in one file, ``string`` or a struct in another) that
    column becomes ``string``: numbers and text as their text, nested values as JSON
    (:func:`conform`). Never a failed run over a pass-through column's type. The columns
    named in ``force_text`` become ``string`` too (integers beyond 2^53 that would meet
    doubles: :func:`lossy_columns`)."""
    force = set(force_text)
    if not force:
        try:
            return pa.unify_schemas(schemas, promote_options="permissive")
        except ARROW_ERRORS:
            pass
    as_text = set(conflicting_columns(schemas)) | force
    widened = []
    for s in schemas:
        fields = [pa.field(f.name, pa.string()) if f.name in as_text else f for f in s]
        widened.append(pa.schema(fields, metadata=s.metadata))
    return pa.unify_schemas(widened, promote_options="permissive")


#: Integers of a larger magnitude are not all exact as doubles (2^53 + 1 is the first that is not).
EXACT_INT_IN_DOUBLE = 2**53


def _leaves(arr, pred) -> Iterator[pa.Array]:
    """The arrays of ``arr``'s values whose type satisfies ``pred``: the column itself, the
    values of its lists, the fields of its structs, the keys and items of its maps, at any depth."""
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    for chunk in chunks:
        t = chunk.type
        if pred(t):
            yield chunk
        elif pa.types.is_map(t):
            yield from _leaves(chunk.keys, pred)
            yield from _leaves(chunk.items, pred)
        elif pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
            yield from _leaves(chunk.flatten(), pred)
        elif pa.types.is_struct(t):
            for child in chunk.flatten():
                yield from _leaves(child, pred)


def _has_leaf(t: pa.DataType, pred) -> bool:
    """Whether type ``t`` or a type inside it satisfies ``pred``."""
    todo = [t]
    while todo:  # not recursive: a type may nest deeply
        t = todo.pop()
        if pred(t):
            return True
        todo.extend(t.field(i).type for i in range(t.num_fields))
    return False


def _wide_int(t: pa.DataType) -> bool:
    return pa.types.is_int64(t) or pa.types.is_uint64(t)


def wide_int_columns(table: pa.Table) -> list[str]:
    """Columns holding an integer (also inside lists, structs, maps) beyond +-2^53, which a
    ``double`` cannot hold exactly: where such a column meets doubles (another block, shard or
    input file) it is carried as text (:func:`lossy_columns`, engine/shard_schema.py), not rounded.
    One min/max per 64-bit integer column; nothing for the other columns."""
    out = []
    for field in table.schema:
        if not _has_leaf(field.type, _wide_int):
            continue
        for leaf in _leaves(table.column(field.name), _wide_int):
            if len(leaf) == leaf.null_count:
                continue
            bounds = pc.min_max(leaf)
            low, high = bounds["min"].as_py(), bounds["max"].as_py()
            if high > EXACT_INT_IN_DOUBLE or low < -EXACT_INT_IN_DOUBLE:
                out.append(field.name)
                break
    return out


def promotes(t: pa.DataType, unified: pa.DataType) -> bool:
    """Whether ``unified`` (the type blocks of ``t`` and others meet in) holds a float where
    ``t`` has an integer: at the top, in list values, struct fields (by name) or map items."""
    if pa.types.is_integer(t):
        return pa.types.is_floating(unified)
    if pa.types.is_struct(t) and pa.types.is_struct(unified):
        names = {unified.field(i).name: unified.field(i).type for i in range(unified.num_fields)}
        return any(
            t.field(i).name in names and promotes(t.field(i).type, names[t.field(i).name])
            for i in range(t.num_fields)
        )
    if t.num_fields and t.num_fields == unified.num_fields and not pa.types.is_struct(t):
        # lists (their values), maps (keys and items: one struct field)
        return any(promotes(t.field(i).type, unified.field(i).type) for i in range(t.num_fields))
    return False


def promoted_columns(schemas: list[pa.Schema]) -> dict[str, pa.DataType]:
    """Columns (no conflict among their types) whose integers some schemas have where the type
    they meet in has floats (``int64`` and ``double``, ``list<int64>`` and ``list<double>``,
    structs likewise), each with that common type."""
    types: dict[str, dict[pa.DataType, None]] = {}
    for s in schemas:
        for field in s:
            if not pa.types.is_null(field.type):
                types.setdefault(field.name, {})[field.type] = None
    out = {}
    for name, seen in types.items():
        if len(seen) < 2:
            continue
        try:
            common = (
                pa.unify_schemas([pa.schema([pa.field(name, t)]) for t in seen], promote_options="permissive")
                .field(name)
                .type
            )
        except ARROW_ERRORS:
            continue  # a conflict: text anyway
        if any(promotes(t, common) for t in seen):
            out[name] = common
    return out


def lossy_columns(tables: list[pa.Table]) -> dict[str, list[str]]:
    """Columns that have, in some table, integers beyond +-2^53 (:func:`wide_int_columns`) where
    the tables' common type has doubles: Arrow refuses the cast (or would round), so they are
    carried as text instead (``9007199254740993`` and ``0.5`` as such). Each with its types."""
    promoted = promoted_columns([t.schema for t in tables])
    if not promoted:
        return {}
    out: dict[str, list[str]] = {}
    for table in tables:
        names = set(table.column_names)
        sub = [n for n in promoted if n in names and promotes(table.schema.field(n).type, promoted[n])]
        if sub:
            for name in wide_int_columns(table.select(sub)):
                out[name] = sorted(
                    {str(t.schema.field(name).type) for t in tables if t.schema.get_field_index(name) >= 0}
                    - {"null"}
                )
    return out


def conflicting_columns(schemas: list[pa.Schema]) -> dict[str, list[str]]:
    """Columns whose types across ``schemas`` have no common Arrow type (``int64`` and
    ``string``, a struct and a list, ...; not ``null`` and ``int64``, nor ``int64`` and
    ``double``, nor two structs with different fields), each with its types by name."""
    types: dict[str, dict[pa.DataType, None]] = {}
    for s in schemas:
        for field in s:
            types.setdefault(field.name, {})[field.type] = None
    out = {}
    for name, seen in types.items():
        if len(seen) < 2:
            continue
        try:
            pa.unify_schemas([pa.schema([pa.field(name, t)]) for t in seen], promote_options="permissive")
        except ARROW_ERRORS:
            out[name] = sorted({str(t) for t in seen if not pa.types.is_null(t)})
    return out


def user_schema_token(schema: pa.Schema) -> str:
    """The dataset columns of ``schema`` (no bookkeeping columns) as short text for a JSON
    marker (base64 of the Arrow IPC schema): the reader records each read unit's (engine/read_plan.py)
    and the end of the run finds the input columns whose types conflict across the run
    (engine/shard_schema.py)."""
    fields = [f for f in schema if f.name not in ENGINE_COLUMNS]
    return base64.b64encode(pa.schema(fields).serialize().to_pybytes()).decode("ascii")


def schema_from_token(token: str) -> pa.Schema:
    return pa.ipc.read_schema(pa.py_buffer(base64.b64decode(token)))


# ------------------------------------------------------------------ Ray Data's concatenation
#: ``0`` leaves Ray Data's block concatenation as it is (a type conflict then fails the run).
TOLERANT_CONCAT_ENV = "CORPUSFORGE_TOLERANT_CONCAT"
_warned: set[tuple[str, ...]] = set()


def _tolerant(ray_concat):
    """Ray Data's ``concat`` that, where the blocks' types conflict, gives them one schema first."""

    def concat_blocks(blocks, *args, **kwargs):
        blocks = list(blocks)
        try:
            return ray_concat(blocks, *args, **kwargs)
        except Exception as error:  # Ray's ArrowConversionError (a ValueError) or pyarrow's
            if not blocks or not all(isinstance(b, pa.Table) for b in blocks):
                raise
            schemas = [b.schema for b in blocks]
            as_text = conflicting_columns(schemas)
            lossy = lossy_columns(blocks)  # integers beyond 2^53 meeting doubles: exact as text
            as_text.update(lossy)
            if not as_text:
                raise
            try:
                schema = unify_schemas(schemas, force_text=lossy)
                blocks = [conform(b, schema) for b in blocks]
            except ARROW_ERRORS:
                raise error from None
            key = tuple(sorted(as_text))
            if key not in _warned:
                _warned.add(key)
                log.warning(
                    "columns with conflicting types met in one block, carried as text: %s",
                    "; ".join(f"{n} ({', '.join(t)})" for n, t in sorted(as_text.items())),
                )
            return ray_concat(blocks, *args, **kwargs)

    concat_blocks.corpusforge_wraps = ray_concat
    return concat_blocks


def install_tolerant_concat() -> bool:
    """Make Ray Data's block concatenation tolerate pass-through columns whose types conflict.

    Blocks of different read tasks meet in Ray Data's code, not ours: a step's ``batch_size``
    joins blocks into a batch, a task's small outputs are joined into one block, a shuffle
    joins partitions (``ray.data._internal.arrow_ops.transform_pyarrow.concat``, also bound as
    ``table_block.concat``). There a column that is ``int64`` in one input file and ``string``
    in another failed the whole run. Where Ray's concatenation fails and the blocks have
    such columns (:func:`conflicting_columns`), they get one schema first (:func:`unify_schemas`:
    those columns as text) and are joined; blocks that agree take Ray's own path, untouched.
    The end of the run gives every shard (Parquet or JSONL) the same types (engine/shard_schema.py).

    Runs in every process that imports this module after Ray Data (Ray workers import it
    with the run's tasks, on every node) and on the driver when the read is planned.
    Returns whether Ray Data's concatenation is the tolerant one now.
    ``CORPUSFORGE_TOLERANT_CONCAT=0`` leaves Ray Data alone."""
    if os.environ.get(TOLERANT_CONCAT_ENV) == "0" or "ray.data" not in sys.modules:
        return False
    try:
        from ray.data._internal import table_block
        from ray.data._internal.arrow_ops import transform_pyarrow
    except ImportError:
        return False
    done = False
    for module in (transform_pyarrow, table_block):
        current = getattr(module, "concat", None)
        if current is None:
            continue
        if not hasattr(current, "corpusforge_wraps"):
            module.concat = _tolerant(current)
        done = True
    return done


class TolerantConcatTask:
    """Base of the callables the engine hands to Ray Data's ``map_batches``: unpickling one in
    a worker (at the start of the task, before Ray Data joins any block there) makes that
    worker's concatenation tolerant. The import-time call below misses a worker that imported
    this module before Ray Data (another task, the preload, a test's remote function)."""

    def __setstate__(self, state: dict) -> None:
        install_tolerant_concat()
        self.__dict__.update(state)


def text_bytes(table: pa.Table) -> int:
    """Content bytes of a batch: ``text``, or ``html`` where the text is still empty
    (raw web pages before html_extract: its MB/s is HTML bytes in)."""
    if table.num_rows == 0:
        return 0
    lengths = pc.binary_length(table.column("text"))
    if "html" in table.column_names:
        html = pc.fill_null(pc.binary_length(table.column("html")), 0)
        lengths = pc.if_else(pc.equal(pc.fill_null(lengths, 0), 0), html, lengths)
    return int(pc.sum(lengths).as_py() or 0)


install_tolerant_concat()  # a Ray worker: Ray Data is loaded before the run's tasks import this module
