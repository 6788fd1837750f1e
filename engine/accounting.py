"""Independent accounting: every party counts from its own side, the driver reconciles.

Who counts what (each count is durable and exact under Ray task retries):

* the **reader**, per read unit, in its unit marker ``OUT/_progress/units/u<N>.json``
  (written when the unit is done; a retried read task rewrites the same marker):
  ``lines`` (JSONL newlines, Parquet metadata rows, text files), ``blank`` (blank
  JSONL lines, skipped), ``rows`` (records it yielded) and ``quarantined`` (of
  those, quarantined by the reader);
* every **per-document step**, per batch, from the rows it received and returned:
  ``rows`` (input documents that passed through it, live or not), ``in`` (live
  documents in), ``out`` (live out), ``removed``, ``quarantined``, ``generated``.
  The counts travel *with the rows* as tally rows (``_cf_removed_by`` =
  :data:`TALLY`, the counts as JSON in ``_cf_reason``), one per read block in
  the batch, so a retried task replaces its tallies together with its rows and
  nothing is counted twice. Operators never see them (they are not live);
* every **global stage**: ``in``/``rows_in`` from the write that materializes its
  input, and ``out``, ``rows``, ``removed``, ``quarantined``, ``generated`` counted
  on its output by :class:`StageCounter` (tally rows again). Tally rows never
  reach a global stage: the materialize step strips them and hands them to the
  driver (kept in the stage input's ``_SUCCESS.json`` for resumed runs);
* the **writer** counts what it wrote (kept, removed and quarantined rows by
  step and reason, generated rows) and strips the tally rows it receives into
  its block tally, which also goes into the shard marker (resume).

:func:`reconcile` then checks, in pipeline order: per unit ``lines = rows + blank``;
for every step ``in`` = ``out`` of the previous one, ``in + generated = out +
removed + quarantined``, every input document passed through it (``rows``), and
the writer wrote the removals, quarantines and generations the step reported;
finally reader rows = kept + removed + quarantined - generated, and kept = ``out``
of the last step. A mismatch fails the run with :class:`AccountingError`.
"""

from __future__ import annotations

import json
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs

from engine import columns as C
from engine.errors import AccountingError  # noqa: F401 - re-exported: the old import path

#: ``_cf_removed_by`` of a tally row (never a step name: names are validated identifiers).
TALLY = "_cf_tally"
COUNTERS = ("rows", "in", "out", "removed", "quarantined", "generated", "rows_in")


@dataclass
class Counts:
    """The independent counts of a run, reconciled against the writer's tally."""

    reader: dict[str, Any] = field(default_factory=dict)  # reader_totals()
    steps: dict[str, dict[str, int]] = field(default_factory=dict)  # merge_steps() of every tally


# ------------------------------------------------------------------ tally rows
def tally_mask(table: pa.Table) -> pa.ChunkedArray:
    """True for tally rows."""
    return pc.fill_null(pc.equal(table.column(C.REMOVED_BY), TALLY), False)


def split_tallies(table: pa.Table) -> tuple[pa.Table, list[dict[str, Any]]]:
    """(document rows, parsed tally entries) of a block."""
    if C.REMOVED_BY not in table.column_names or table.num_rows == 0:
        return table, []
    mask = tally_mask(table)
    if not pc.any(mask).as_py():
        return table, []
    entries = [json.loads(s) for s in table.column(C.REASON).filter(mask).to_pylist()]
    where = np.flatnonzero(mask.to_numpy(zero_copy_only=False))
    if len(where) > _MAX_SLICES:
        return table.filter(pc.invert(mask)), entries
    pieces, start = [], 0  # few tally rows: the documents between them as zero-copy slices
    for i in where:
        if i > start:
            pieces.append(table.slice(start, i - start))
        start = int(i) + 1
    if start < table.num_rows:
        pieces.append(table.slice(start))
    return (pa.concat_tables(pieces) if pieces else table.slice(0, 0)), entries


_MAX_SLICES = 64  # more tally rows than this in one block: copy the documents out instead


def _tally_rows(schema: pa.Schema, entries: list[dict[str, Any]]) -> pa.Table:
    k = len(entries)
    cols = []
    for f in schema:
        if f.name == C.REMOVED_BY:
            cols.append(pa.array([TALLY] * k, f.type))
        elif f.name == C.REASON:
            cols.append(pa.array([json.dumps(e, sort_keys=True) for e in entries], f.type))
        elif f.name == C.QUARANTINED:
            cols.append(pa.array([False] * k, f.type))
        elif f.name in (C.UNIT, C.BLOCK):
            cols.append(pa.array([e["key"][0 if f.name == C.UNIT else 1] for e in entries], f.type))
        else:
            cols.append(pa.nulls(k, f.type))
    return pa.Table.from_arrays(cols, schema=schema)


def _group_sums(table: pa.Table, indicators: dict[str, Any]) -> dict[tuple[int, int], dict[str, int]]:
    """Sums of boolean indicators per (unit, block) of the rows (-1 where unknown)."""
    if table.num_rows == 0:
        return {}
    n = table.num_rows
    unit = table.column(C.UNIT) if C.UNIT in table.column_names else pa.nulls(n, pa.int32())
    block = table.column(C.BLOCK) if C.BLOCK in table.column_names else pa.nulls(n, pa.int32())
    key = _one_key(unit, block)
    if key is not None:  # the usual batch: one read block, so one group: plain counts, no group-by
        return {
            key: {
                name: int(pc.sum(pc.fill_null(mask, False)).as_py() or 0) for name, mask in indicators.items()
            }
        }
    cols = {
        "u": pc.fill_null(pc.cast(unit, pa.int64()), -1),
        "b": pc.fill_null(pc.cast(block, pa.int64()), -1),
    }
    for name, mask in indicators.items():
        cols[name] = pc.cast(pc.fill_null(mask, False), pa.int64())
    grouped = (
        pa.table(cols)
        .group_by(["u", "b"], use_threads=False)
        .aggregate([(name, "sum") for name in indicators])
    )
    out: dict[tuple[int, int], dict[str, int]] = {}
    for row in grouped.to_pylist():
        out[(row["u"], row["b"])] = {name: int(row[f"{name}_sum"] or 0) for name in indicators}
    return out


def _one_key(unit, block) -> tuple[int, int] | None:
    """(unit, block) when every row has the same, both known; else None."""
    if unit.null_count or block.null_count:
        return None
    u, b = pc.min_max(unit), pc.min_max(block)
    if u["min"].as_py() != u["max"].as_py() or b["min"].as_py() != b["max"].as_py():
        return None
    return (int(u["min"].as_py()), int(b["min"].as_py()))


def _step_marks(table: pa.Table, step: str) -> dict[str, Any]:
    by = table.column(C.REMOVED_BY)
    mine = pc.fill_null(pc.equal(by, step), False)
    q = pc.fill_null(table.column(C.QUARANTINED), False)
    gen = (
        table.column(C.GENERATED)
        if C.GENERATED in table.column_names
        else pa.nulls(table.num_rows, pa.string())
    )
    return {
        "out": pc.is_null(by),
        "removed": pc.and_(mine, pc.invert(q)),
        "quarantined": pc.and_(mine, q),
        "generated": pc.fill_null(pc.equal(gen, step), False),
    }


def with_step_tally(step: str, before: pa.Table, after: pa.Table) -> pa.Table:
    """``after`` (what a per-document step returned for ``before``) plus its tally
    rows: one per (unit, block) of the batch, counted from the step's own side.
    Tally rows of earlier steps are excluded by masks, not copied out."""
    n = before.num_rows
    gen_in = before.column(C.GENERATED) if C.GENERATED in before.column_names else pa.nulls(n, pa.string())
    original = pc.and_(pc.is_null(gen_in), pc.invert(tally_mask(before))) if n else pa.array([], pa.bool_())
    ins = _group_sums(before, {"rows": original, "in": pc.is_null(before.column(C.REMOVED_BY))})
    outs = _group_sums(after, _step_marks(after, step))
    entries = []
    for key in sorted(set(ins) | set(outs)):
        e = {
            "step": step,
            "key": list(key),
            **{k: 0 for k in ("rows", "in", "out", "removed", "quarantined", "generated")},
        }
        e.update(ins.get(key, {}))
        e.update(outs.get(key, {}))
        if any(e[k] for k in ("rows", "in", "out", "removed", "quarantined", "generated")):
            entries.append(e)
    if not entries:
        entries.append(
            {
                "step": step,
                "key": [-1, -1],
                "rows": 0,
                "in": 0,
                "out": 0,
                "removed": 0,
                "quarantined": 0,
                "generated": 0,
            }
        )
    return C.concat([after, _tally_rows(after.schema, entries)])


class StageCounter:
    """Counts a global stage's output per block (``out``, ``rows``, ``removed``,
    ``quarantined``, ``generated``) and appends it as one tally row. The
    stage's input side (``in``, ``rows_in``) comes from materialize."""

    def __init__(self, step: str) -> None:
        self.step = step

    def __call__(self, table: pa.Table) -> pa.Table:
        n_tally = int(pc.sum(pc.cast(tally_mask(table), pa.int64())).as_py() or 0) if table.num_rows else 0
        entry = {"step": self.step, "key": [-1, -1], "rows": table.num_rows - n_tally}
        for name, mask in _step_marks(table, self.step).items():  # tally rows match none of these
            entry[name] = (
                int(pc.sum(pc.cast(pc.fill_null(mask, False), pa.int64())).as_py() or 0)
                if table.num_rows
                else 0
            )
        return C.concat([table, _tally_rows(table.schema, [entry])])


# ------------------------------------------------------------------ merging
def merge_steps(
    entries: Iterable[dict[str, Any]], into: dict[str, dict[str, int]] | None = None
) -> dict[str, dict[str, int]]:
    """Sum tally entries per step (``{step: {counter: n}}``)."""
    total: dict[str, dict[str, int]] = into if into is not None else {}
    for e in entries:
        acc = total.setdefault(e["step"], {})
        for k in COUNTERS:
            if k in e:
                acc[k] = acc.get(k, 0) + int(e[k])
    return total


def step_pieces(entries: Iterable[dict[str, Any]]) -> list[list[Any]]:
    """``[unit, block, step, rows]`` of per-document step tallies: for resume, a
    unit is complete only when every step's tallies cover all its rows."""
    acc: dict[tuple[int, int, str], int] = defaultdict(int)
    for e in entries:
        u, b = e.get("key", [-1, -1])
        if u >= 0:
            acc[(u, b, e["step"])] += int(e.get("rows", 0))
    return [[u, b, s, n] for (u, b, s), n in sorted(acc.items())]


# ------------------------------------------------------------------ reader
def reader_totals(fs: pafs.FileSystem, progress: str) -> dict[str, Any]:
    """Sum the reader's own counts over the unit markers in ``progress/units``."""
    units_dir = posixpath.join(progress, "units")
    totals: dict[str, Any] = {
        "units": 0,
        "lines": 0,
        "blank": 0,
        "rows": 0,
        "quarantined": 0,
        "unit_mismatches": [],
    }
    if fs.get_file_info(units_dir).type != pafs.FileType.Directory:
        return totals
    from engine.resume import read_json

    for info in fs.get_file_info(pafs.FileSelector(units_dir, recursive=False)):
        name = info.base_name
        if info.type != pafs.FileType.File or not name.endswith(".json") or name.startswith("."):
            continue
        marker = read_json(fs, info.path)
        rows = int(marker.get("rows", sum(int(v) for v in marker.get("blocks", {}).values())))
        lines = int(marker.get("lines", rows))
        blank = int(marker.get("blank", 0))
        totals["units"] += 1
        totals["lines"] += lines
        totals["blank"] += blank
        totals["rows"] += rows
        totals["quarantined"] += int(marker.get("quarantined", 0))
        for key, value in marker.items():  # WARC/WET: records skipped per record type (counted in blank)
            if key.startswith("skipped_"):
                skipped = totals.setdefault("skipped", {})
                skipped[key[len("skipped_") :]] = skipped.get(key[len("skipped_") :], 0) + int(value)
        if lines != rows + blank:
            totals["unit_mismatches"].append(
                {
                    "unit": int(marker["unit"]),
                    "source": marker.get("source"),
                    "lines": lines,
                    "rows": rows,
                    "blank": blank,
                }
            )
    totals["unit_mismatches"].sort(key=lambda m: m["unit"])
    return totals


# ------------------------------------------------------------------ reconciliation
def _mismatch(step: str, check: str, expected: int, actual: int) -> dict[str, Any]:
    return {
        "step": step,
        "check": check,
        "expected": int(expected),
        "actual": int(actual),
        "difference": int(actual) - int(expected),
    }


def reconcile(
    reader: dict[str, Any],
    steps: list[tuple[str, str]],
    step_tallies: dict[str, dict[str, int]],
    writer: dict[str, Any],
) -> list[dict[str, Any]]:
    """Every mismatch between the independent counts, in pipeline order.

    ``reader``: :func:`reader_totals`; ``steps``: ``(name, kind)`` in order
    (kind ``global`` for global stages); ``step_tallies``: :func:`merge_steps`
    of every tally; ``writer``: the writer's merged tally (``input_docs``,
    ``output_docs``, ``removed``/``quarantined`` ``{step: {reason: n}}``,
    ``generated`` ``{step: n}``). Empty when everything adds up.
    """
    out: list[dict[str, Any]] = []
    for m in reader.get("unit_mismatches", []):
        out.append(
            _mismatch(
                C.INPUT_STEP,
                f"read unit {m['unit']} ({m.get('source')}): lines read = documents + blank lines",
                m["lines"],
                m["rows"] + m["blank"],
            )
        )
    w_removed = {s: sum(r.values()) for s, r in writer.get("removed", {}).items()}
    w_quar = {s: sum(r.values()) for s, r in writer.get("quarantined", {}).items()}
    w_gen = dict(writer.get("generated", {}))
    read_rows = int(reader["rows"])
    read_q = int(reader.get("quarantined", 0))
    if w_quar.get(C.INPUT_STEP, 0) != read_q:
        out.append(
            _mismatch(
                C.INPUT_STEP,
                "documents quarantined by the reader = quarantined rows written for it",
                read_q,
                w_quar.get(C.INPUT_STEP, 0),
            )
        )
    prev_out, prev_name = read_rows - read_q, C.INPUT_STEP
    for name, kind in steps:
        t = step_tallies.get(name)
        if t is None:
            if prev_out or read_rows:
                out.append(_mismatch(name, "the step reported no counts", prev_out, 0))
            t = {}
        t_in, t_out = t.get("in", 0), t.get("out", 0)
        t_rem, t_q, t_gen = t.get("removed", 0), t.get("quarantined", 0), t.get("generated", 0)
        if t_in != prev_out:
            out.append(_mismatch(name, f"documents in = documents out of '{prev_name}'", prev_out, t_in))
        if t_in + t_gen != t_out + t_rem + t_q:
            out.append(
                _mismatch(
                    name, "in + generated = out + removed + quarantined", t_in + t_gen, t_out + t_rem + t_q
                )
            )
        if kind == "global":
            if t.get("rows", 0) != t.get("rows_in", 0) + t_gen:
                out.append(
                    _mismatch(
                        name,
                        "rows out of the stage = rows in + generated (a stage keeps every row)",
                        t.get("rows_in", 0) + t_gen,
                        t.get("rows", 0),
                    )
                )
        elif t.get("rows", 0) != read_rows:
            out.append(
                _mismatch(
                    name,
                    "input documents that passed through the step = documents read",
                    read_rows,
                    t.get("rows", 0),
                )
            )
        if w_removed.get(name, 0) != t_rem:
            out.append(
                _mismatch(
                    name, "removed documents written = removed by the step", t_rem, w_removed.get(name, 0)
                )
            )
        if w_quar.get(name, 0) != t_q:
            out.append(
                _mismatch(
                    name, "quarantined documents written = quarantined by the step", t_q, w_quar.get(name, 0)
                )
            )
        if w_gen.get(name, 0) != t_gen:
            out.append(
                _mismatch(
                    name, "generated documents written = generated by the step", t_gen, w_gen.get(name, 0)
                )
            )
        prev_out, prev_name = t_out, name
    n_removed = sum(w_removed.values())
    n_quar = sum(w_quar.values())
    n_gen = sum(w_gen.values())
    kept = int(writer["output_docs"])
    if read_rows != kept + n_removed + n_quar - n_gen:
        out.append(
            _mismatch(
                "write",
                "documents read = kept + removed + quarantined - generated",
                read_rows,
                kept + n_removed + n_quar - n_gen,
            )
        )
    if kept != prev_out:
        out.append(
            _mismatch("write", f"kept documents written = documents out of '{prev_name}'", prev_out, kept)
        )
    return out


def describe(mismatches: list[dict[str, Any]]) -> str:
    """One line per mismatch: step, check, expected vs actual."""
    return "; ".join(
        f"step '{m['step']}': {m['check']}: expected {m['expected']}, got {m['actual']} ({m['difference']:+d})"
        for m in mismatches
    )


def error_for(mismatches: list[dict[str, Any]]) -> AccountingError:
    first = mismatches[0]["step"]
    return AccountingError(f"documents do not add up at step '{first}': {describe(mismatches)}")


__all__ = [
    "TALLY",
    "AccountingError",
    "Counts",
    "StageCounter",
    "describe",
    "error_for",
    "merge_steps",
    "reader_totals",
    "reconcile",
    "split_tallies",
    "step_pieces",
    "tally_mask",
    "with_step_tally",
]
