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

import json

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


def live_mask(table: pa.Table) -> pa.ChunkedArray:
    """True for rows not yet removed or quarantined."""
    return pc.is_null(table.column(REMOVED_BY))


def split_live(table: pa.Table) -> tuple[pa.Table, pa.Table | None]:
    """Split a batch into (live rows, dead rows or None)."""
    removed = table.column(REMOVED_BY)
    if removed.null_count == table.num_rows:
        return table, None
    mask = live_mask(table)
    return table.filter(mask), table.filter(pc.invert(mask))


def concat(tables: list[pa.Table]) -> pa.Table:
    """Concatenate tables whose columns may differ (missing columns become null)."""
    tables = [t for t in tables if t is not None]
    if len(tables) == 1:
        return tables[0]
    return pa.concat_tables(tables, promote_options="permissive")


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
    A value that has no cast to a ``string`` column (a struct or list of one input
    file, where another file has text: :func:`unify_schemas`) becomes its JSON text."""
    cols = []
    for field in schema:
        if field.name in table.column_names:
            col = table.column(field.name)
            if col.type == field.type:
                cols.append(col)
            elif pa.types.is_string(field.type) and pa.types.is_nested(col.type):
                values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in col.to_pylist()]
                cols.append(pa.array(values, pa.string()))
            else:
                cols.append(col.cast(field.type))
        else:
            cols.append(pa.nulls(table.num_rows, field.type))
    return pa.Table.from_arrays(cols, schema=schema)


def unify_schemas(schemas: list[pa.Schema]) -> pa.Schema:
    """One schema for blocks of different input files: ``pa.unify_schemas`` (permissive:
    ``null`` widens, numbers promote, missing columns are nullable), and where a column's
    types truly conflict (``int64`` in one file, ``string`` or a struct in another) that
    column becomes ``string``: numbers and text as their text, nested values as JSON
    (:func:`conform`). Never a failed run over a pass-through column's type."""
    try:
        return pa.unify_schemas(schemas, promote_options="permissive")
    except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    types: dict[str, list[pa.DataType]] = {}
    for s in schemas:
        for field in s:
            types.setdefault(field.name, []).append(field.type)
    widened = []
    for s in schemas:
        fields = []
        for field in s:
            try:
                pa.unify_schemas(
                    [pa.schema([pa.field(field.name, t)]) for t in types[field.name]],
                    promote_options="permissive",
                )
                fields.append(field)
            except (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
                fields.append(pa.field(field.name, pa.string()))
        widened.append(pa.schema(fields, metadata=s.metadata))
    return pa.unify_schemas(widened, promote_options="permissive")


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
