"""Runs one operator on the live rows of a batch, with error isolation and the
per-document watchdog (engine/deadline.py)."""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

import numpy as np
import pyarrow as pa

from engine import columns as C
from engine import runner
from engine.columns import text_bytes
from engine.config import Step
from engine.deadline import CallBudget, OperatorTimeout, deadline, kill_after
from engine.errors import FatalOperatorError, OperatorError
from engine.operator import Operator, RunContext
from engine.runner import check_mapper_output as _check_mapper_output  # noqa: F401 - old import path
from engine.stats import add_live

log = logging.getLogger("corpusforge.executor")


class OperatorFailed(FatalOperatorError):
    """An operator failed on more documents than ``execution.max_errors`` allows."""


class StepRunner:
    """Applies one operator to the live rows of a batch (engine/runner.py), with
    error isolation and the per-document watchdog: the Ray side of running a step.

    A batch on which the operator raises is bisected until the failing
    documents are isolated; those are quarantined with the step name and the
    exception type (``operator_error: ...``), the others are processed
    normally. Every call runs under a deadline (engine/deadline.py:
    :class:`~engine.deadline.CallBudget` sizes it from the documents and this
    step's measured rate); a call that overruns is bisected the same way, and a
    single document on which the operator alone spends more than
    ``doc_timeout_s`` is quarantined as ``operator_timeout: <step>``. A call
    that cannot be interrupted ends its process (engine/deadline.py); each
    call's documents are recorded in the statistics actor before it starts, so
    the retried batch isolates them (:meth:`_recover`). More than
    ``max_errors`` failed or timed-out documents in a step stops the run.
    """

    def __init__(
        self,
        step: Step,
        stats=None,
        max_errors: int = 100,
        context: RunContext | None = None,
        doc_timeout_s: float | None = None,
    ) -> None:
        self.step = step
        self.op: Operator = step.build()
        self.context = context
        self.stats = stats
        self.max_errors = max_errors
        self.errors = 0
        self.budget = CallBudget(doc_timeout_s)
        self._closed = False

    def setup(self) -> None:
        """The operator's ``setup(ctx)``, once (before the first batch at the latest)."""
        runner.start(self.op, self.context)

    def teardown(self) -> None:
        """The operator's ``teardown()``, once (its errors are logged, not raised: the work is done)."""
        if self._closed:
            return
        self._closed = True
        runner.finish(self.op, self.step.name)

    def __call__(self, table: pa.Table) -> pa.Table:
        t0 = time.perf_counter()
        self.setup()
        live, dead = C.split_live(table)
        bytes_in = text_bytes(live)
        c0 = (
            time.thread_time()
        )  # the operator's CPU on this thread (work it hands to other threads: not counted)
        out_live = self._process(live)
        cpu = time.thread_time() - c0
        new_live, new_dead = C.split_live(out_live)
        bytes_out = text_bytes(new_live)
        if self.stats is not None:
            add_live(
                self.stats,
                self.step.name,
                live.num_rows,
                new_live.num_rows,
                bytes_in,
                bytes_out,
                time.perf_counter() - t0,
                time.time(),
                cpu,
            )
        return C.concat([out_live, dead]) if dead is not None else out_live

    def _process(self, live: pa.Table) -> pa.Table:
        n = live.num_rows
        died_on = self._calls_of_dead_workers(live)
        if died_on:
            return self._recover(live, died_on)
        if self.budget.probe(n):  # first call in this worker: one document alone measures the rate
            return C.concat([self._run(live.slice(0, 1)), self._run(live.slice(1))])
        return self._run(live)

    def _run(self, rows: pa.Table, strikes: int = 0) -> pa.Table:
        """Apply the operator; on an exception or a timeout, bisect down to the documents at fault.
        ``strikes``: how many recorded calls holding these documents already died (:meth:`_recover`)."""
        n = rows.num_rows
        nbytes = text_bytes(rows) if self.budget.enabled else 0
        # no deadline on a call with no documents (the probe's rest of a 1-row batch): no document can be at
        # fault, and a timeout there was re-raised and failed the run (doc_timeout_s under the call's fixed cost)
        seconds = self.budget.seconds(n, nbytes) if n else None
        token = self._call_started(rows, seconds, strikes)
        failure: BaseException | None = None
        t0 = time.perf_counter()
        try:
            with deadline(seconds, kill_after(seconds) if token else None):
                out = runner.run_operator(self.op, rows, self.step.name)
        except FatalOperatorError:
            raise
        except (Exception, OperatorTimeout) as exc:  # noqa: BLE001 - isolate the documents that fail
            if n == 0:
                raise
            failure = exc
        finally:
            if token:
                self.stats.call_ended.remote(token)
        if failure is None:
            self.budget.observe(n, nbytes, time.perf_counter() - t0)
            return out
        if n > 1:
            mid = n // 2
            return C.concat([self._run(rows.slice(0, mid)), self._run(rows.slice(mid))])
        return self._quarantine(rows, failure)

    # -- calls that never returned: the worker was ended by the watchdog (or died) ---------------
    def _call_started(self, rows: pa.Table, seconds: float | None, strikes: int = 0) -> str | None:
        """Record the documents of a call with a deadline before it starts (in the statistics
        actor, which outlives workers), so that if the process is ended in the call (a stuck
        C call: engine/deadline.py) the retried batch knows which documents to isolate."""
        if self.stats is None or seconds is None or C.SOURCE not in rows.column_names or rows.num_rows == 0:
            return None
        src = pa.compute.fill_null(rows.column(C.SOURCE), "")
        line = pa.compute.fill_null(rows.column(C.LINE), -1)
        agg = (
            pa.table({"s": src, "l": line})
            .group_by("s", use_threads=False)
            .aggregate([("l", "min"), ("l", "max")])
        )
        call = {
            "step": self.step.name,
            "ranges": list(zip(agg["s"].to_pylist(), agg["l_min"].to_pylist(), agg["l_max"].to_pylist())),
            "n": rows.num_rows,
            "id": str(rows.column("id")[0].as_py()) if rows.num_rows == 1 else None,
            "kill_after": kill_after(seconds),
            "strikes": strikes,
        }
        token = uuid.uuid4().hex
        self.stats.call_started.remote(token, call)
        return token

    def _calls_of_dead_workers(self, rows: pa.Table) -> list[dict[str, Any]]:
        """Recorded calls of this step on documents of this batch that never ended: a batch
        runs in one worker at a time, so they are an earlier attempt whose worker died."""
        if (
            self.stats is None
            or not self.budget.enabled
            or C.SOURCE not in rows.column_names
            or not rows.num_rows
            or not is_retry()
        ):
            return []
        import ray

        try:
            calls = ray.get(self.stats.open_calls.remote(self.step.name), timeout=60)
        except Exception:  # noqa: BLE001 - statistics lost: nothing to recover from
            return []
        return [c for c in calls if _call_mask(rows, c).any()]

    def _recover(self, rows: pa.Table, calls: list[dict[str, Any]]) -> pa.Table:
        """Rerun a batch whose earlier attempt died in an operator call. A document is
        quarantined only when a call holding it *alone* died after an earlier death of a
        call that held it (two strikes): ``operator_timeout`` when that call outlived its
        deadline (the watchdog ended it), else ``operator_error: WorkerDied``. One death
        proves nothing about a document: the worker's node may have been lost (Ray
        reschedules the batch; tests/test_cluster.py removes a node mid-run), and a late
        retry makes any lost call look as old as a stuck one. So the documents of a dead
        call (one or many) run again one at a time, each recorded with one strike, and the
        next death names one document; the rest of the batch runs as usual."""
        n = rows.num_rows
        poison = np.zeros(n, dtype=bool)
        suspect = np.zeros(n, dtype=bool)
        causes: dict[int, BaseException] = {}
        ids = np.array([str(i) for i in rows.column("id").to_pylist()], dtype=object)
        for call in calls:
            mask = _call_mask(rows, call)
            if call["n"] == 1:
                mask &= ids == call["id"]
            if call["n"] == 1 and call.get("strikes", 0) >= 1:
                poison |= mask
                for i in np.flatnonzero(mask):
                    causes[int(i)] = (
                        OperatorTimeout()
                        if call["stuck"]
                        else WorkerDied("the worker process ended while the operator ran on this document")
                    )
            else:
                suspect |= mask
            self.stats.call_ended.remote(call["token"])
        suspect &= ~poison
        pieces = []
        i = 0
        while i < n:
            if poison[i]:
                pieces.append(self._quarantine(rows.slice(i, 1), causes[i]))
                i += 1
            elif suspect[i]:
                pieces.append(self._run(rows.slice(i, 1), strikes=1))
                i += 1
            else:
                j = i
                while j < n and not poison[j] and not suspect[j]:
                    j += 1
                pieces.append(self._run(rows.slice(i, j - i)))
                i = j
        return C.concat(pieces)

    def _quarantine(self, row: pa.Table, exc: BaseException) -> pa.Table:
        """Quarantine one document the operator failed or timed out on; count it against max_errors."""
        self.errors += 1
        total = self.errors
        if self.stats is not None:
            import ray

            try:
                total = ray.get(self.stats.add_errors.remote(self.step.name, 1))
            except ray.exceptions.RayActorError:  # statistics lost with their node: count locally
                total = self.errors
        if isinstance(exc, OperatorTimeout):
            reason = f"operator_timeout: {self.step.name}"
            message = f"{reason} (over execution.doc_timeout_s={self.budget.doc_timeout_s:g} s)"
        else:
            message = _safe_message(exc)
            reason = f"operator_error: {message}"
        if total > self.max_errors:
            raise OperatorFailed(
                f"step '{self.step.name}' ({self.op.name}) failed on {total} documents, more than "
                f"execution.max_errors={self.max_errors}; last error: {message}"
            ) from None
        return C.mark_removed(row, np.zeros(1, dtype=bool), [reason], self.step.name, quarantined=True)


def is_retry() -> bool:
    """Whether this batch may be a retry of an attempt whose worker died: the only case in
    which documents of a dead call can be in it, so the only case that needs the watchdog's
    blocking round trip to the statistics actor (:meth:`StepRunner._calls_of_dead_workers`;
    before, one per batch and step, and at a run's start a wait for that actor's process).

    * A task (task-pool step, read): Ray runs a task whose worker died again as another
      attempt of it (``max_retries``; a lost block is rebuilt the same way): attempt > 0.
    * A pool actor: a batch whose actor died is retried on the same actor once Ray has
      restarted it (``max_restarts``, ``max_task_retries``); Ray Data runs the batch on a
      thread of the actor, where the attempt number stays 0, so the question is whether
      this actor process is a restart (every batch it takes then asks).

    Where Ray does not tell (outside a worker, another Ray version): True, ask."""
    try:
        import ray

        worker = ray._private.worker.global_worker
        if worker.mode != ray.WORKER_MODE:
            return True
        context = ray.get_runtime_context()
        if context.get_actor_id() is not None:
            return bool(context.was_current_actor_reconstructed)
        return worker.core_worker.get_current_task_attempt_number() > 0
    except Exception:  # noqa: BLE001 - not known: the safe answer
        return True


class WorkerDied(OperatorError):
    """A worker process ended (killed, out of memory, crashed) during an operator call."""


def _call_mask(rows: pa.Table, call: dict[str, Any]) -> np.ndarray:
    """Rows of ``rows`` inside the (source, line range) pieces of a recorded call."""
    src = pa.compute.fill_null(rows.column(C.SOURCE), "")
    line = pa.compute.fill_null(rows.column(C.LINE), -1)
    mask = np.zeros(rows.num_rows, dtype=bool)
    for source, lo, hi in call["ranges"]:
        inside = pa.compute.and_(
            pa.compute.equal(src, source),
            pa.compute.and_(pa.compute.greater_equal(line, lo), pa.compute.less_equal(line, hi)),
        )
        mask |= inside.to_numpy(zero_copy_only=False)
    return mask


_EMAIL = re.compile(r"\S+@\S+")
_DIGITS = re.compile(r"\d")


def _safe_message(exc: BaseException) -> str:
    """Exception type and a short message with e-mail addresses and digits
    masked, so that document content (PII) does not reach reports and logs."""
    msg = str(exc).splitlines()[0] if str(exc) else ""
    msg = _DIGITS.sub("#", _EMAIL.sub("<email>", msg[:160]))
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
