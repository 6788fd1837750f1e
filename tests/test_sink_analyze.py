"""A block with many megabytes of removed or quarantined text is analysed by several
Ray tasks (engine/sink_analyze.py), with the same result as in one process."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from engine import sink_analyze
from engine.sink_redact import OutputRedactor, new_stats
from operators.pii import PiiRedactParams

VALUES = [
    "write to jane.roe@example.com today",
    None,
    "call +1 415 555 0134 now",
    "nothing personal here at all",
    "身份证号11010519491231002X，手机13912345678",
    "",
] * 40


def test_cuts_cover_the_rows_in_order_by_bytes(monkeypatch):
    monkeypatch.setattr(sink_analyze, "PARALLEL_MIN_BYTES", 1000)
    monkeypatch.setattr(sink_analyze, "CHUNK_BYTES", 600)
    values = pa.array(VALUES)
    total = int(pc.sum(pc.binary_length(values)).as_py())
    cuts = sink_analyze._cuts(values, 1000)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(values)
    assert all(a < b and b == c for (a, b), (c, _d) in zip(cuts, cuts[1:]))
    sizes = [int(pc.sum(pc.binary_length(values.slice(a, b - a))).as_py() or 0) for a, b in cuts]
    assert len(cuts) == -(-total // 600) and max(sizes) < 600 + 60  # one value past the mark at most
    three = sink_analyze._cuts(values, 3)  # fewer slices than CHUNK_BYTES allows: larger ones
    assert len(three) == 3 and three[-1][1] == len(values)
    assert sink_analyze._cuts(values, 1) == []
    monkeypatch.setattr(sink_analyze, "PARALLEL_MIN_BYTES", total + 1)
    assert sink_analyze._cuts(values, 1000) == []


def test_compact_slice_owns_its_buffers():
    values = pa.array(VALUES)
    part = sink_analyze._compact(values, 10, 20)
    assert part.to_pylist() == VALUES[10:20]
    assert part.buffers()[2].size < values.buffers()[2].size


def _params() -> str:
    red = OutputRedactor(PiiRedactParams().model_dump(mode="json"), "redacted", "redacted", "pii_redact")
    return red.params_json


def test_split_over_ray_tasks_equals_one_process(ray_session, monkeypatch):
    params = _params()
    values = pa.array([f"{v} #{i}" if v else v for i, v in enumerate(VALUES)])
    alone, failed_alone = sink_analyze.operator(params).redact_values(values)
    monkeypatch.setattr(sink_analyze, "PARALLEL_MIN_BYTES", 2000)
    monkeypatch.setattr(sink_analyze, "CHUNK_BYTES", 1500)
    monkeypatch.setattr(sink_analyze, "_idle_slots", lambda cpus: 3)  # Ray's view of idle CPUs lags
    assert len(sink_analyze._cuts(values, 4)) == 4
    split, failed, remote_cpu = sink_analyze.redact_values(params, values)
    assert split.to_pylist() == alone.to_pylist()
    assert np.array_equal(failed, failed_alone) and not failed.any()
    assert remote_cpu > 0  # the other slices ran in Ray tasks
    assert "jane.roe@example.com" not in str(split.to_pylist())


def test_trace_counts_the_analysis_tasks_cpu(ray_session, monkeypatch):
    monkeypatch.setattr(sink_analyze, "_idle_slots", lambda cpus: 2)
    monkeypatch.setattr(sink_analyze, "PARALLEL_MIN_BYTES", 2000)
    monkeypatch.setattr(sink_analyze, "CHUNK_BYTES", 1500)
    red = OutputRedactor(PiiRedactParams().model_dump(mode="json"), "redacted", "redacted", "pii_redact")
    texts = [f"{v} #{i}" if v else v for i, v in enumerate(VALUES)]
    stats = new_stats()
    out = red.trace(pa.table({"id": [str(i) for i in range(len(texts))], "text": texts}), stats)
    assert red.remote_cpu_s > 0 and stats["cpu_s"] >= red.remote_cpu_s
    assert (
        out.column("text").to_pylist()
        == sink_analyze.operator(red.params_json).redact_values(pa.array(texts))[0].to_pylist()
    )


def test_a_task_shares_its_analysis_only_with_the_cpu_it_holds(ray_session):
    """A write task holding a CPU splits when a CPU is idle (its own is lent to the
    slices while it waits); one holding none analyses alone (its slices might never be
    scheduled), and so does one when no CPU is idle."""

    def in_task(params: str, texts: list, idle: int):  # defined here: shipped by value (tests/ is not on
        import pyarrow as pa  # the workers' path)

        from engine import sink_analyze as sa

        sa.PARALLEL_MIN_BYTES, sa.CHUNK_BYTES = 2000, 1500
        sa._idle_slots = lambda cpus: idle  # Ray's view of idle CPUs lags behind ended tasks
        out, _failed, remote_cpu = sa.redact_values(params, pa.array(texts))
        return out.to_pylist(), remote_cpu

    params = _params()
    texts = [f"{v} #{i}" if v else v for i, v in enumerate(VALUES)]
    expected = sink_analyze.operator(params).redact_values(pa.array(texts))[0].to_pylist()
    task = ray_session.remote(in_task)
    with_cpu = ray_session.get(task.options(num_cpus=1).remote(params, texts, 1))
    without = ray_session.get(task.options(num_cpus=0).remote(params, texts, 1))
    busy = ray_session.get(task.options(num_cpus=1).remote(params, texts, 0))  # no idle CPU
    assert with_cpu[0] == without[0] == busy[0] == expected
    assert with_cpu[1] > 0 and without[1] == 0 and busy[1] == 0
