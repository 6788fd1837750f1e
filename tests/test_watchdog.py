"""The per-document watchdog (execution.doc_timeout_s): a document on which an
operator hangs is quarantined as ``operator_timeout: <step>``, the rest of its
batch goes on and the run finishes. Deadlines themselves (main thread: SIGALRM;
other threads: an asynchronous exception) and the budget rule are unit-tested
without Ray; the end-to-end tests run the real Ray executor with a task-pool
operator (main thread of a worker) and an actor-pool one (a thread of the actor)."""

from __future__ import annotations

import json
import re
import signal
import sys
import threading
import time
from pathlib import Path
from typing import ClassVar, Literal

import pyarrow as pa
import pyarrow.dataset as pads
import pytest
from ray import cloudpickle

import engine.config
from engine import Mapper, OpParams
from engine.config import ConfigError, load_config
from engine.deadline import CallBudget, OperatorTimeout, deadline
from engine.executor import run_config
from engine.step_runner import OperatorFailed, StepRunner

cloudpickle.register_pickle_by_value(sys.modules[__name__])

MARK = "HANG-HERE"


def _hang(how: str) -> None:
    """Hang (practically) forever, in one of three ways."""
    if how == "sleep":
        for _ in range(10_000):
            time.sleep(0.05)
    elif how == "spin":
        x = 0
        while x >= 0:
            x += 1
    else:  # catastrophic backtracking: 2**60 paths
        re.match(r"(a+)+$", "a" * 60 + "b")


class HangParams(OpParams):
    how: Literal["sleep", "spin", "regex"] = "sleep"
    per_doc_s: float = 0.0


class HangMapper(Mapper):
    """Test operator (task pool): hangs on documents containing the mark."""

    name: ClassVar[str] = "hang_mapper"
    Params: ClassVar[type[OpParams]] = HangParams

    def transform(self, table):
        texts = table.column("text").to_pylist()
        for t in texts:
            if MARK in t:
                _hang(self.params.how)
            if self.params.per_doc_s:
                time.sleep(self.params.per_doc_s)
        return table.append_column("seen", pa.array([True] * table.num_rows))


class HangActorMapper(HangMapper):
    """Test operator (actor pool, as it has setup): hangs on documents containing the mark."""

    name: ClassVar[str] = "hang_actor_mapper"

    def setup(self) -> None:
        self.ready = True


@pytest.fixture
def hang_ops():
    for cls in (HangMapper, HangActorMapper):
        engine.config.register_operator(cls)
    yield
    for cls in (HangMapper, HangActorMapper):
        engine.config.unregister_operator(cls.name)


# ---------------------------------------------------------------- deadlines, no Ray
def _timed(fn, seconds=0.3):
    t0 = time.monotonic()
    try:
        with deadline(seconds):
            fn()
    except OperatorTimeout:
        return "timeout", time.monotonic() - t0
    return "done", time.monotonic() - t0


@pytest.mark.parametrize("how", ["sleep", "spin", "regex"])
def test_deadline_interrupts_the_main_thread(how):
    before = signal.getsignal(signal.SIGALRM)
    outer = signal.getitimer(signal.ITIMER_REAL)[0]  # pytest-timeout may hold one: it must survive
    outcome, took = _timed(lambda: _hang(how))
    assert outcome == "timeout" and took < 5
    left = signal.getitimer(signal.ITIMER_REAL)[0]
    assert (left == 0.0) if outer == 0.0 else (0 < left <= outer)  # no alarm of ours left behind
    assert signal.getsignal(signal.SIGALRM) is before  # the previous handler is back


@pytest.mark.parametrize("how", ["sleep", "spin"])
def test_deadline_interrupts_another_thread(how):
    out = []
    t = threading.Thread(target=lambda: out.append(_timed(lambda: _hang(how))), daemon=True)
    t.start()
    t.join(10)
    assert out and out[0][0] == "timeout" and out[0][1] < 5


def test_deadline_does_not_leak_or_fire_late():
    for seconds in (0.05, 0.2):
        with deadline(seconds):
            pass
    time.sleep(0.3)  # a leaked alarm would raise here
    out = []

    def body():
        with deadline(0.05):
            pass
        time.sleep(0.2)  # a leaked asynchronous exception would raise here
        out.append("ok")

    t = threading.Thread(target=body, daemon=True)
    t.start()
    t.join(5)
    assert out == ["ok"]


def test_nested_deadlines_keep_the_outer_one():
    outer = signal.getitimer(signal.ITIMER_REAL)[0]
    with pytest.raises(OperatorTimeout):
        with deadline(0.3):
            with deadline(5):  # a longer inner deadline must not extend the outer one
                time.sleep(2)
    t0 = time.monotonic()
    with deadline(5):
        with pytest.raises(OperatorTimeout):
            with deadline(0.1):
                time.sleep(2)
        time.sleep(0.2)  # the outer deadline is restored and has not fired
    assert time.monotonic() - t0 < 2
    left = signal.getitimer(signal.ITIMER_REAL)[0]
    assert (left == 0.0) if outer == 0.0 else (0 < left <= outer)


def test_exception_handlers_in_operators_cannot_swallow_the_timeout():
    def swallowing():
        try:
            _hang("sleep")
        except Exception:  # noqa: BLE001 - what careless operator code does
            pass

    assert _timed(swallowing)[0] == "timeout"


def test_budget_rule():
    b = CallBudget(10.0)
    assert b.seconds(1, 10**9) == 10.0  # one document: exactly doc_timeout_s, whatever its size
    assert b.probe(100) and not b.probe(1)
    b.observe(1, 1000, 0.5)  # measured: 0.5 s per document, 0.0005 s per byte
    assert not b.probe(100)
    assert b.seconds(100, 1000) == pytest.approx(2.0 + 4 * 0.5 * 100)
    assert b.seconds(2, 10**6) == pytest.approx(2.0 + 4 * 0.0005 * 10**6)  # long texts: the byte rate rules
    b.observe(10, 10_000, 50.0)  # a slower batch raises the rate at once
    assert b.per_doc == pytest.approx(5.0)
    b.observe(10, 10_000, 1.0)  # a faster one lowers it slowly
    assert b.per_doc == pytest.approx(0.8 * 5.0 + 0.2 * 0.1)
    assert CallBudget(None).seconds(10, 10) is None and CallBudget(0).seconds(1, 1) is None


def _step(tmp_path, **params):
    cfg = load_config(
        {
            "input": {"paths": [str(tmp_path)]},
            "output": {"path": str(tmp_path / "o")},
            "pipeline": [{"op": "hang_mapper", **params}],
        }
    )
    return cfg.steps[0]


def _batch(texts):
    from engine.columns import ENGINE_TYPES

    n = len(texts)
    cols = {"id": pa.array([f"d{i}" for i in range(n)]), "text": pa.array(texts)}
    for name, typ in ENGINE_TYPES.items():
        cols[name] = pa.nulls(n, typ)
    return pa.table(cols)


def test_slow_documents_under_the_limit_are_never_quarantined(tmp_path, hang_ops):
    """A batch far slower than its first document suggested is bisected, never quarantined:
    every document takes 0.05 s (under doc_timeout_s=0.4), the whole batch 2 s."""
    runner = StepRunner(_step(tmp_path, per_doc_s=0.05), doc_timeout_s=0.4)
    runner.budget.observe(1, 10, 0.001)  # a misleading first measurement: 1 ms per document
    out = runner(_batch([f"doc {i}" for i in range(40)]))
    assert out.column("_cf_removed_by").null_count == 40 and all(out.column("seen").to_pylist())


def test_timeouts_count_against_max_errors(tmp_path, hang_ops):
    texts = [f"doc {i}" for i in range(8)]
    texts[2] = texts[6] = f"{MARK} x"
    runner = StepRunner(_step(tmp_path, how="spin"), max_errors=1, doc_timeout_s=0.2)
    with pytest.raises(OperatorFailed, match="operator_timeout: hang_mapper"):
        runner(_batch(texts))


def test_config_key_is_validated(tmp_path):
    base = {"input": {"paths": [str(tmp_path)]}, "output": {"path": str(tmp_path / "o")}, "pipeline": []}
    assert load_config(base).execution.doc_timeout_s == 30.0
    assert load_config({**base, "execution": {"doc_timeout_s": None}}).execution.doc_timeout_s is None
    with pytest.raises(ConfigError):
        load_config({**base, "execution": {"doc_timeout_s": -1}})
    with pytest.raises(ConfigError):
        load_config({**base, "execution": {"doc_timeout_s": "soon"}})


# ---------------------------------------------------------------- real Ray executor
def _write(path: Path, texts):
    path.mkdir(parents=True, exist_ok=True)
    (path / "p.jsonl").write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts))
    )


@pytest.mark.parametrize(
    "op,how",
    [
        ("hang_mapper", "spin"),  # time.sleep in the main thread: test_deadline_interrupts_the_main_thread
        ("hang_mapper", "regex"),
        ("hang_actor_mapper", "sleep"),
        ("hang_actor_mapper", "spin"),
        # stuck in C holding the GIL, in an actor thread: only the process can end (faulthandler's
        # watchdog), Ray retries the batch and the recorded call names the document
        ("hang_actor_mapper", "regex"),
    ],
)
def test_hanging_document_is_quarantined_and_the_run_finishes(ray_session, tmp_path, hang_ops, op, how):
    texts = [f"normal document {i}" for i in range(48)]
    texts[37] = f"this one makes the operator {MARK}"
    _write(tmp_path / "in", texts)
    cfg = {
        "name": "watchdog",
        "input": {"paths": [str(tmp_path / "in")], "format": "jsonl"},
        "output": {"path": str(tmp_path / "out"), "format": "parquet", "overwrite": True},
        "execution": {"progress": False, "doc_timeout_s": 1},
        "pipeline": [{"op": op, "how": how}],
    }
    report = run_config(cfg)
    assert report["accounting_ok"] and report["output_docs"] == 47 and report["quarantined"] == 1
    assert report["ops"][0]["quarantined"] == {f"operator_timeout: {op}": 1}
    q = pads.dataset(str(tmp_path / "out" / "quarantine"), format="parquet").to_table()
    assert q.column("id").to_pylist() == ["d37"] and q.column("step").to_pylist() == [op]
    data = pads.dataset(str(tmp_path / "out" / "data"), format="parquet").to_table()
    assert all(data.column("seen").to_pylist()) and "d37" not in data.column("id").to_pylist()
