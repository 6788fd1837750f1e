"""Which columns ``pii_redact`` scans besides ``text``, and the string values inside them.

A column "holds text" when it is a string column or a nested column (list, large list, fixed-size
list, struct, map items, dictionary-encoded strings) with string values somewhere inside: a JSONL ``"meta": {"author": ...}``
object is read as a struct, ``"tags": [...]`` as a list. :func:`string_leaves` takes those values
out as flat string arrays (with the row each value belongs to) and :func:`with_string_leaves`
puts changed values back, keeping the column's type, nulls and nesting; both are Arrow buffer
operations (offsets, children), no per-row Python. Map keys stay as they are (they are field
names, not values).

Only pyarrow here: the engine's writer (``engine/sink_redact.py``) and the driver's column check
(:func:`check_columns`, before Ray starts) import this module without Presidio.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

import numpy as np
import pyarrow as pa

#: ``columns: all_strings``: every column holding text except these (and the engine's ``_cf_*``).
NEVER_SCANNED = frozenset({"id"})
ALL_STRINGS = "all_strings"


def _is_string(t: pa.DataType) -> bool:
    return pa.types.is_string(t) or pa.types.is_large_string(t)


def holds_text(t: pa.DataType) -> bool:
    """A string type, or a nested type with a string somewhere inside (map keys aside)."""
    if _is_string(t):
        return True
    if pa.types.is_map(t):
        return holds_text(t.item_type)
    if pa.types.is_dictionary(t):
        return holds_text(t.value_type)
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return holds_text(t.value_type)
    if pa.types.is_struct(t):
        return any(holds_text(t.field(i).type) for i in range(t.num_fields))
    return False


def text_columns(schema: pa.Schema) -> list[str]:
    """The columns of ``schema`` that hold text, in schema order (engine ``_cf_*`` columns aside)."""
    return [f.name for f in schema if not f.name.startswith("_cf_") and holds_text(f.type)]


# -- leaves out ---------------------------------------------------------------------------------


def _list_values(arr: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """(offsets from 0, the values they index) of a list or map array, its slice offset applied."""
    offsets = np.asarray(arr.offsets.to_numpy(zero_copy_only=False), dtype=np.int64)
    start, end = int(offsets[0]), int(offsets[-1])
    values = arr.items if isinstance(arr, pa.MapArray) else arr.values
    return offsets - start, values.slice(start, end - start)


def _leaves(arr: pa.Array, rows: np.ndarray) -> Iterator[tuple[pa.Array, np.ndarray]]:
    t = arr.type
    if _is_string(t):
        yield arr, rows
    elif pa.types.is_dictionary(t):  # Parquet's dictionary-encoded strings: their values, decoded
        yield from _leaves(arr.dictionary_decode(), rows)
    elif pa.types.is_map(t) or pa.types.is_list(t) or pa.types.is_large_list(t):
        offsets, values = _list_values(arr)
        if holds_text(values.type):
            yield from _leaves(values, np.repeat(rows, np.diff(offsets)))
    elif pa.types.is_fixed_size_list(t):
        size = t.list_size
        values = arr.values.slice(arr.offset * size, len(arr) * size)
        if holds_text(values.type):
            yield from _leaves(values, np.repeat(rows, size))
    elif pa.types.is_struct(t):
        for child in arr.flatten():  # the parent's slice and nulls applied to each child
            if holds_text(child.type):
                yield from _leaves(child, rows)


def string_leaves(arr: pa.Array | pa.ChunkedArray) -> list[tuple[pa.Array, np.ndarray]]:
    """The string arrays inside a column, each with the row (of ``arr``) of every value, in the
    order :func:`with_string_leaves` expects them back. A string column is its own one leaf."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return list(_leaves(arr, np.arange(len(arr), dtype=np.int64)))


# -- leaves back --------------------------------------------------------------------------------


def _mask(arr: pa.Array) -> pa.Array | None:
    return arr.is_null() if arr.null_count else None


def _rebuild(arr: pa.Array, new: Iterator[pa.Array]) -> pa.Array:
    t = arr.type
    if _is_string(t):
        return next(new).cast(t)
    if pa.types.is_dictionary(t):
        return _rebuild(arr.dictionary_decode(), new).dictionary_encode().cast(t)
    if pa.types.is_map(t) or pa.types.is_list(t) or pa.types.is_large_list(t):
        offsets, values = _list_values(arr)
        if not holds_text(values.type):
            return arr
        values = _rebuild(values, new)
        offsets = pa.array(offsets, pa.int64() if pa.types.is_large_list(t) else pa.int32())
        if pa.types.is_map(t):
            keys = arr.keys.slice(arr.offsets[0].as_py(), len(values))
            return pa.MapArray.from_arrays(offsets, keys, values, type=t, mask=_mask(arr))
        return type(arr).from_arrays(offsets, values, type=t, mask=_mask(arr))
    if pa.types.is_fixed_size_list(t):
        size = t.list_size
        values = arr.values.slice(arr.offset * size, len(arr) * size)
        if not holds_text(values.type):
            return arr
        return pa.FixedSizeListArray.from_arrays(_rebuild(values, new), type=t, mask=_mask(arr))
    if pa.types.is_struct(t):
        children = [_rebuild(c, new) if holds_text(c.type) else c for c in arr.flatten()]
        return pa.StructArray.from_arrays(children, fields=list(t), mask=_mask(arr))
    return arr


def with_string_leaves(arr: pa.Array | pa.ChunkedArray, leaves: Iterable[pa.Array]) -> pa.Array:
    """``arr`` with its string leaves (:func:`string_leaves` order) replaced; type and nulls kept."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return _rebuild(arr, iter(leaves))


def concat_leaves(leaves: list[pa.Array]) -> pa.Array:
    """The leaves as one ``string`` array (an empty one for none)."""
    if not leaves:
        return pa.array([], pa.string())
    return pa.concat_arrays([leaf.cast(pa.string()) for leaf in leaves])


def split_like(values: pa.Array, leaves: list[pa.Array]) -> list[pa.Array]:
    """``values`` (as from :func:`concat_leaves`) cut back into pieces as long as ``leaves``."""
    out, start = [], 0
    for leaf in leaves:
        out.append(values.slice(start, len(leaf)))
        start += len(leaf)
    return out


# -- which columns --------------------------------------------------------------------------------


def scanned_columns(columns: list[str] | str, schema: pa.Schema, skip: Iterable[str] = ()) -> list[str]:
    """The columns of a batch that ``columns`` (the parameter) names besides ``text``, holding text
    in this batch: a named column absent from a batch or all null there has nothing to scan."""
    skip = set(skip) | NEVER_SCANNED | {"text"}
    if columns == ALL_STRINGS:
        return [c for c in text_columns(schema) if c not in skip]
    names = set(schema.names)
    return [c for c in columns if c not in skip and c in names and holds_text(schema.field(c).type)]


def schema_kinds(schema: pa.Schema) -> dict[str, str]:
    """Column name -> ``text``, ``null`` (no value seen yet) or the type's name."""
    out = {}
    for f in schema:
        if not f.name.startswith("_cf_"):
            out[f.name] = (
                "text" if holds_text(f.type) else "null" if pa.types.is_null(f.type) else str(f.type)
            )
    return out


def _value_kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        kinds = {_value_kind(v) for v in value.values()}
    elif isinstance(value, list):
        kinds = {_value_kind(v) for v in value}
    else:
        return {bool: "bool", int: "int64", float: "double"}.get(type(value), type(value).__name__)
    if "text" in kinds:
        return "text"
    if kinds <= {"null"}:  # empty, or nothing but nulls: its strings may come later
        return "null"
    return "struct" if isinstance(value, dict) else "list"


def record_kinds(records: Iterable[dict]) -> dict[str, str]:
    """:func:`schema_kinds` of JSON records (Python values), without building Arrow arrays: a
    column holds text when any record's value has a string in it (the reader would read it as a
    string, or a list/struct holding strings)."""
    out: dict[str, str] = {}
    for rec in records:
        for name, value in rec.items():
            seen = out.get(name)
            if seen == "text":
                continue
            kind = _value_kind(value)
            if seen is None or seen == "null" or kind == "text":
                out[name] = kind
    return out


def check_columns(columns: list[str] | str, kinds: dict[str, str], where: str, source: str) -> list[str]:
    """Check the named columns against the input's columns (:func:`schema_kinds` or
    :func:`record_kinds` of its first records, ``source``); raise ValueError naming ``where`` and
    the valid choices. Returns the input's text columns that will not be scanned (names only)."""
    available = [c for c, kind in kinds.items() if kind == "text" and c not in NEVER_SCANNED]
    if columns == ALL_STRINGS:
        return []
    for name in columns:
        if name not in kinds:
            close = difflib.get_close_matches(name, available, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"{where}: {name!r} is not a column of the input ({source}){hint}; columns holding text: "
                f"{', '.join(available)} (or {ALL_STRINGS!r})"
            )
        if kinds[name] not in ("text", "null"):  # null: no value in the first records, unknown yet
            raise ValueError(
                f"{where}: column {name!r} is {kinds[name]}, not text (string, or a list/struct holding "
                f"strings); columns holding text: {', '.join(available)} (or {ALL_STRINGS!r})"
            )
    return [c for c in available if c not in columns]
