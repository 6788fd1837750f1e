"""Running one filter on a table in unit tests, through the engine's own contract
(engine/runner.py): ``judged`` scores and decides without removing anything,
``annotated`` runs the filter as a pipeline step and returns the marked batch."""

from __future__ import annotations

import pyarrow as pa

from engine import columns as C
from engine import runner


def judged(op, table: pa.Table) -> tuple[pa.Table, object, list]:
    """(scored table, keep mask, reasons) of a filter set up as the engine sets it up."""
    j = runner.start(op).judge(table)
    return j.scored, j.keep, j.reasons


def annotated(op, table: pa.Table) -> pa.Table:
    """The batch after the filter ran as a step (engine columns added first): rows it
    removes carry ``_cf_removed_by``/``_cf_reason``; in annotate mode none may."""
    batch = C.add_engine_columns(table, "t.jsonl", 1)
    return runner.run_operator(runner.start(op), batch, op.name)


def removed_count(out: pa.Table) -> int:
    return out.num_rows - out.column(C.REMOVED_BY).null_count
