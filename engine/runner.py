"""Run an operator on a batch, without Ray: the one place that knows how a
filter and a mapper are applied, and how an operator starts and ends.

* :func:`run_operator` - one operator on the live rows of one batch: a
  :class:`~engine.operator.Filter` scores, decides and marks its removals
  (:meth:`Filter.process <engine.operator.Filter.process>`), a
  :class:`~engine.operator.Mapper` transforms and its output is checked
  (:func:`check_mapper_output`).
* :func:`start` / :func:`finish` - ``setup(ctx)`` once, ``teardown()`` once.
* :class:`LocalRunner` - a chain of per-document operators in this process,
  with per-step counts and timing: ``corpusforge profile`` (``dry_run``: filters
  decide but remove nothing) and tests use it.

The Ray adapter (engine/step_runner.py, engine/ray_steps.py) adds error
isolation, the watchdog and statistics around :func:`run_operator`.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from engine import columns as C
from engine.errors import AccountingError, OperatorError
from engine.operator import Filter, Mapper, Operator, RunContext

log = logging.getLogger("corpusforge.runner")


def start(op: Operator, ctx: RunContext | None = None) -> Operator:
    """Give the operator its run context and run its ``setup(ctx)`` (once)."""
    op.ensure_setup(ctx)
    return op


def finish(op: Operator, step: str = "") -> None:
    """Run the operator's ``teardown()``; its errors are logged, not raised (the work is done)."""
    try:
        op.end()
    except Exception:  # noqa: BLE001
        log.warning("step '%s': teardown of %s failed", step or op.name, op.name, exc_info=True)


def run_operator(op: Operator, live: pa.Table, step: str) -> pa.Table:
    """Apply ``op`` (set up) to live rows. Returns the rows with the operator's
    columns, rows it removes marked by ``step`` with a reason, and any new rows
    a mapper made after the input rows (marked in ``_cf_generated``)."""
    if isinstance(op, Filter):
        return op.process(live, step)
    if isinstance(op, Mapper):
        return check_mapper_output(step, live, op.transform(live))
    raise TypeError(f"step {step}: {type(op).__name__} is neither a Mapper nor a Filter")


def check_mapper_output(step: str, before: pa.Table, out: pa.Table) -> pa.Table:
    """A mapper returns its input rows first, in order, then any new rows, each
    marked in ``_cf_generated`` (relabelled here with the step name)."""
    n = before.num_rows
    if out.num_rows < n:
        raise AccountingError(
            f"step '{step}': mapper returned {out.num_rows} rows for {n} input rows (documents lost)"
        )
    if out.num_rows == n:
        return out
    if not pc.all(pc.equal(out.column("id").slice(0, n), before.column("id"))).as_py():
        raise OperatorError(
            f"step {step}: a mapper that adds rows must return its input rows first, in order"
        )
    if C.GENERATED not in out.column_names:
        raise OperatorError(f"step {step}: mapper added rows without marking them in {C.GENERATED}")
    head, tail = out.slice(0, n), out.slice(n)
    if tail.column(C.GENERATED).null_count:
        raise OperatorError(f"step {step}: mapper added rows without marking them in {C.GENERATED}")
    tail = C.put_column(tail, C.GENERATED, pa.array([step] * tail.num_rows, pa.string()))
    return C.concat([head, tail])


@dataclass
class StepCounts:
    """What one step of a :class:`LocalRunner` saw."""

    docs_in: int = 0
    docs_out: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    seconds: float = 0.0
    errors: int = 0  # documents of batches the operator raised on
    removed: Counter = field(default_factory=Counter)  # reason -> documents (removed, or would be: dry_run)


class LocalRunner:
    """Per-document operators in this process, one batch at a time.

    ``steps`` are ``(step name, operator)`` pairs; each operator is set up with
    ``ctx`` (seen from its step); ``measure`` gives a batch's bytes. With
    ``dry_run`` filters score and decide but remove nothing (their decisions
    are counted in ``counts[step].removed``),
    and a batch an operator raises on is counted in ``errors`` and passed on
    unchanged instead of stopping the run. Use as a context manager (or call
    :meth:`close`) so every operator's ``teardown()`` runs.
    """

    def __init__(
        self,
        steps: list[tuple[str, Operator]],
        ctx: RunContext | None = None,
        dry_run: bool = False,
        measure: Callable[[pa.Table], int] = C.text_bytes,
    ) -> None:
        self.steps = list(steps)
        self.dry_run = dry_run
        self.measure = measure  # bytes of a batch, for bytes_in / bytes_out
        self.counts = {name: StepCounts() for name, _ in self.steps}
        for i, (name, op) in enumerate(self.steps):
            start(op, ctx.for_step(name, i) if ctx is not None else None)

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for name, op in self.steps:
            finish(op, name)

    def run(self, table: pa.Table) -> pa.Table:
        """Run every step on the live rows of ``table``; returns all rows (removed ones marked)."""
        live, dead = C.split_live(table)
        parts = [] if dead is None else [dead]
        for name, op in self.steps:
            c = self.counts[name]
            t0 = time.perf_counter()
            c.docs_in += live.num_rows
            c.bytes_in += self.measure(live)
            try:
                live, removed = self._one(name, op, live)
            except Exception:  # noqa: BLE001 - dry run: a profile reports failures, it does not stop
                if not self.dry_run:
                    raise
                c.errors += live.num_rows
                removed = None
            if removed is not None:
                reasons = removed.column(C.REASON).to_pylist()
                c.removed.update(r or "unknown" for r in reasons)
                parts.append(removed)
            c.docs_out += live.num_rows
            c.bytes_out += self.measure(live)
            c.seconds += time.perf_counter() - t0
        parts.append(live)
        return C.concat(parts) if len(parts) > 1 else parts[0]

    def _one(self, name: str, op: Operator, live: pa.Table) -> tuple[pa.Table, pa.Table | None]:
        if self.dry_run and isinstance(op, Filter):
            j = op.judge(live, name)
            self.counts[name].removed.update(r or "unknown" for r, k in zip(j.reasons, j.keep) if not k)
            return j.scored, None
        return C.split_live(run_operator(op, live, name))
