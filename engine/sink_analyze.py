"""The writer's PII analysis of one block's string values, spread over the cluster when it is big.

A write task redacts the removed and quarantined values of its block
(engine/sink_redact.py). Most blocks hold little of that text, but one block
can hold tens of megabytes of it: the records of one input file quarantined
as ``text_missing`` (whole HTML pages in their raw line), a file whose every
document a filter removed. The analyzer runs at 0.5-3 MB/s per core on such
text, so that block's task alone would keep one core busy for a minute while
the others wait at the end of the run. Above ``PARALLEL_MIN_BYTES``, when the
cluster has idle CPUs, the values are cut, in order, into one slice for this
task and one per idle CPU (at least ``CHUNK_BYTES`` each), and all but the
first go to Ray tasks; the write task analyses the first and waits for the rest
(Ray lends its CPU to those tasks while it waits; each asks for no more CPU
than the write task holds, so they can always be scheduled). Each process builds the
analyzer once (``operator``). Outside Ray (unit tests, ``run_profiled
--cpu-steps``) everything runs in this process.

The slices travel through the object store, as every block of the run does;
nothing is written to disk before it is redacted.
"""

from __future__ import annotations

import json
import time
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

PARALLEL_MIN_BYTES = 8 << 20  # values of one call above this are analysed by several tasks
CHUNK_BYTES = 2 << 20  # bytes of values per task, at least
_OPERATORS: dict[str, Any] = {}  # params JSON -> ready PiiRedact, one per worker process
_REMOTE = None  # the Ray task, made on first use


def operator(params_json: str):
    """The ``pii_redact`` operator of these parameters, set up once per process."""
    op = _OPERATORS.get(params_json)
    if op is None:
        from operators.pii import PiiRedact, PiiRedactParams

        op = PiiRedact(PiiRedactParams.model_validate(json.loads(params_json)))
        op.ensure_setup()
        _OPERATORS[params_json] = op
    return op


def redact_values(params_json: str, values: pa.Array) -> tuple[pa.Array, np.ndarray, float]:
    """(``values`` redacted, mask of values the analyzer failed on, CPU seconds spent in
    other processes): ``PiiRedact.redact_values``, split over Ray tasks when big."""
    cpus = _slot_cpus()
    cuts = _cuts(values, 1 + _idle_slots(cpus)) if cpus > 0 else []
    if len(cuts) < 2:
        out, failed = operator(params_json).redact_values(values)
        return out, failed, 0.0
    import ray

    task = _remote_task().options(num_cpus=cpus)
    refs = [task.remote(params_json, _compact(values, a, b)) for a, b in cuts[1:]]
    a, b = cuts[0]
    out, failed = operator(params_json).redact_values(values.slice(a, b - a))
    outs, masks, remote_cpu = (out,), (failed,), 0.0
    for out, failed, cpu in ray.get(refs):
        outs += (out,)
        masks += (failed,)
        remote_cpu += cpu
    return pa.concat_arrays([o.cast(values.type) for o in outs]), np.concatenate(masks), remote_cpu


def _analyse_slice(params_json: str, values: pa.Array) -> tuple[pa.Array, np.ndarray, float]:
    t0 = time.thread_time()
    out, failed = operator(params_json).redact_values(values)
    return out, failed, time.thread_time() - t0


def _remote_task():
    global _REMOTE
    if _REMOTE is None:
        import ray

        _REMOTE = ray.remote(max_retries=3)(_analyse_slice)
    return _REMOTE


def _slot_cpus() -> float:
    """CPUs each analysis task asks for: as many as the calling task holds (at most
    one), which Ray lends to them while it waits, so at least one of them can always
    run, whatever the actor pools hold; one from the driver; 0 outside Ray or in a
    task that holds no CPU (the analysis then stays in this process)."""
    import ray

    if not ray.is_initialized():
        return 0.0
    try:
        held = ray.get_runtime_context().get_assigned_resources().get("CPU", 0.0)
    except AssertionError:  # the driver (tests, tools): it holds no task CPU
        return 1.0
    return min(1.0, float(held))


def _idle_slots(cpus: float) -> int:
    """Analysis tasks of ``cpus`` CPUs the cluster could start now besides this task
    (none while steps, reads and other writes hold every CPU: slices would then only
    queue, and each new worker process pays for its own analyzer)."""
    import ray

    return int(ray.available_resources().get("CPU", 0.0) // cpus)


def _cuts(values: pa.Array, slices: int) -> list[tuple[int, int]]:
    """``[start, end)`` row ranges cutting the values, in order, into at most ``slices``
    parts of at least ``CHUNK_BYTES``; none when they are below ``PARALLEL_MIN_BYTES``
    or there is one slice."""
    lengths = np.asarray(pc.fill_null(pc.binary_length(values), 0).to_numpy(zero_copy_only=False), np.int64)
    total = int(lengths.sum())
    if total < PARALLEL_MIN_BYTES or len(values) < 2 or slices < 2:
        return []
    step = max(CHUNK_BYTES, -(-total // slices))
    ends = np.cumsum(lengths)
    marks = np.searchsorted(ends, np.arange(step, total, step), side="left") + 1
    edges = [0, *sorted({int(m) for m in marks if 0 < m < len(values)}), len(values)]
    return list(zip(edges, edges[1:]))


def _compact(values: pa.Array, start: int, end: int) -> pa.Array:
    """Rows ``[start, end)`` in buffers of their own (a slice would ship the whole block)."""
    return values.take(pa.array(np.arange(start, end, dtype=np.int64)))
