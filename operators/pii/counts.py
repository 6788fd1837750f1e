"""The ``pii_counts`` and ``pii_spans`` columns, and summing counts for a report.

``pii_counts`` is ``map<string, int32>`` (entity type -> findings in the
document; an empty map when none). A run report totals it per entity with
:func:`total_pii_counts`, batch by batch, with Arrow kernels only.
"""

from __future__ import annotations

from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc

COUNTS_TYPE = pa.map_(pa.string(), pa.int32())
SPAN_TYPE = pa.struct(
    [("entity", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("score", pa.float32())]
)
SPANS_TYPE = pa.list_(SPAN_TYPE)


def counts_array(per_doc: list[Counter | None]) -> pa.Array:
    """One map per document (entity -> findings, keys sorted; empty where None), built from flat
    key/value columns and offsets (one Arrow call per column, not a conversion of nested lists)."""
    offsets, keys, values = [0], [], []
    for c in per_doc:
        if c:
            for k, v in sorted(c.items()):
                keys.append(k)
                values.append(v)
        offsets.append(len(keys))
    return pa.MapArray.from_arrays(
        pa.array(offsets, pa.int32()), pa.array(keys, pa.string()), pa.array(values, pa.int32())
    )


def spans_array(per_doc: list[list[tuple[str, int, int, float]] | None]) -> pa.Array:
    """One list of spans per document (empty where None), scores rounded to 4 decimals, built from
    flat columns and offsets like :func:`counts_array`."""
    offsets = [0]
    flat: list = []
    for spans in per_doc:
        if spans:
            flat += spans
        offsets.append(len(flat))
    entities, starts, ends, scores = zip(*flat) if flat else ((), (), (), ())
    fields = pa.StructArray.from_arrays(
        [
            pa.array(entities, pa.string()),
            pa.array(starts, pa.int32()),
            pa.array(ends, pa.int32()),
            pa.array([round(float(x), 4) for x in scores], pa.float32()),
        ],
        fields=list(SPAN_TYPE),
    )
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), fields, type=SPANS_TYPE)


def total_pii_counts(column: pa.Array | pa.ChunkedArray) -> dict[str, int]:
    """Sum a ``pii_counts`` column (nulls ignored) into ``{entity: total}``."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    totals: Counter = Counter()
    for chunk in chunks:
        if len(chunk) == 0:
            continue
        valid = chunk.filter(pc.is_valid(chunk)) if chunk.null_count else chunk
        pairs = pc.list_flatten(
            valid.cast(pa.list_(pa.struct([("key", pa.string()), ("value", pa.int32())])))
        )
        keys, items = pairs.field("key"), pairs.field("value")
        if len(keys) == 0:
            continue
        grouped = (
            pa.table({"k": keys, "v": items.cast(pa.int64())})
            .group_by("k", use_threads=False)
            .aggregate([("v", "sum")])
        )
        for k, v in zip(grouped.column("k").to_pylist(), grouped.column("v_sum").to_pylist()):
            totals[k] += v
    return dict(sorted(totals.items()))
