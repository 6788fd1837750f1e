"""A document is quarantined for a dead worker only after two deaths (engine/step_runner.py
``StepRunner._recover``): one death may be a lost node, and a retry that comes late makes
any lost call look as old as a stuck one. tests/test_cluster.py removes a node mid-run and
once lost a document that way (its one-document probe call died with the node and the
retry quarantined it). Here the recorded calls of a dead attempt are handed to a real
StepRunner as the statistics actor would (through Ray's object store)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from engine import columns as C
from engine.columns import ENGINE_TYPES
from engine.step_runner import StepRunner
from tests.test_watchdog_retry import _step  # one length_filter step, as the retry tests use


class _Stats:
    """The statistics actor's methods the runner calls; ``open_calls`` answers ``calls``."""

    def __init__(self, ray, calls: list[dict]) -> None:
        self.started: list[dict] = []
        self.ended: list[str] = []
        outer = self

        class _M:
            def __init__(self, fn):
                self.fn = fn

            def remote(self, *args):
                return self.fn(*args)

        self.open_calls = _M(lambda step: ray.put(calls))
        self.call_started = _M(lambda token, call: outer.started.append(call))
        self.call_ended = _M(lambda token: outer.ended.append(token))
        self.add = _M(lambda *a: None)
        self.add_live = _M(lambda *a: None)
        self.add_errors = _M(lambda step, n: ray.put(n))


def _batch(n: int = 6) -> pa.Table:
    cols = {"id": pa.array([f"d{i}" for i in range(n)]), "text": pa.array([f"doc {i}" for i in range(n)])}
    for name, typ in ENGINE_TYPES.items():
        cols[name] = pa.nulls(n, typ)
    cols[C.SOURCE] = pa.array(["f.jsonl"] * n)
    cols[C.LINE] = pa.array(range(n), type=ENGINE_TYPES[C.LINE])
    return pa.table(cols)


def _call(step, line: int, n: int, strikes: int, stuck: bool, token: str) -> dict:
    return {
        "step": step.name,
        "ranges": [("f.jsonl", line, line + n - 1)],
        "n": n,
        "id": f"d{line}" if n == 1 else None,
        "kill_after": 4.0,
        "strikes": strikes,
        "stuck": stuck,
        "token": token,
    }


def _quarantined(out: pa.Table) -> dict[str, str]:
    q = out.filter(pc.equal(out.column(C.QUARANTINED), True))
    return dict(zip(q.column("id").to_pylist(), q.column(C.REASON).to_pylist()))


def _run(ray, tmp_path, calls):
    step = _step(tmp_path)
    stats = _Stats(ray, calls)
    out = StepRunner(step, stats, doc_timeout_s=30.0)(_batch())
    return out, stats


def test_one_death_of_a_one_document_call_reruns_it_alone_with_one_strike(ray_session, tmp_path):
    for stuck in (False, True):  # a late retry makes a call lost with its node look stuck
        out, stats = _run(ray_session, tmp_path, [_call(_step(tmp_path), 2, 1, 0, stuck, "t0")])
        assert out.num_rows == 6 and _quarantined(out) == {}
        alone = [c for c in stats.started if c["n"] == 1 and c["id"] == "d2"]
        assert [c["strikes"] for c in alone] == [1]  # recorded: a second death names it
        assert "t0" in stats.ended  # the dead call is closed


def test_second_death_quarantines_the_document_with_the_right_reason(ray_session, tmp_path):
    step = _step(tmp_path)
    out, _ = _run(ray_session, tmp_path, [_call(step, 2, 1, 1, False, "a"), _call(step, 4, 1, 1, True, "b")])
    q = _quarantined(out)
    assert set(q) == {"d2", "d4"} and out.num_rows == 6
    assert q["d2"].startswith("operator_error: WorkerDied")
    assert q["d4"] == f"operator_timeout: {step.name}"


def test_documents_of_a_dead_larger_call_run_alone_with_one_strike(ray_session, tmp_path):
    out, stats = _run(ray_session, tmp_path, [_call(_step(tmp_path), 1, 3, 0, False, "t")])
    assert _quarantined(out) == {} and out.num_rows == 6
    alone = sorted(c["id"] for c in stats.started if c["n"] == 1 and c["strikes"] == 1)
    assert alone == ["d1", "d2", "d3"]
