"""The live statistics in the GCS's key-value store (engine/stats.py ``GcsStats``) on a Ray that
outlives the run (a cluster; here the session's Ray): no key is left behind, neither by a
run that ends well nor by one that fails (errors over ``max_errors``), so the store does not
grow with the number of runs."""

from __future__ import annotations

import json
import sys
from typing import ClassVar

import pyarrow as pa
import pytest
from ray import cloudpickle

import engine.config
from engine.operator import Mapper, OpParams

cloudpickle.register_pickle_by_value(sys.modules[__name__])


class FailParams(OpParams):
    mark: str = "FAIL"


class FailOnMark(Mapper):
    """Test operator: fails on the documents that contain the mark."""

    name: ClassVar[str] = "review_fail_on_mark"
    Params: ClassVar[type[OpParams]] = FailParams

    def transform(self, table):
        if any(self.params.mark in t for t in table.column("text").to_pylist()):
            raise RuntimeError("a document this operator cannot take")
        return table.append_column("seen", pa.array([True] * table.num_rows))


@pytest.fixture
def fail_op():
    engine.config.register_operator(FailOnMark)
    yield
    engine.config.unregister_operator(FailOnMark.name)


def _keys(ray) -> list[bytes]:
    from ray.experimental import internal_kv

    from engine.stats import KV_NAMESPACE

    return internal_kv._internal_kv_list("", namespace=KV_NAMESPACE)


def _config(tmp_path, name, failing: int, max_errors: int):
    from engine.config import load_config

    src = tmp_path / f"{name}.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": str(i), "text": ("FAIL " if i < failing else "") + f"words of document {i}"})
            + "\n"
            for i in range(200)
        )
    )
    return load_config(
        {
            "name": name,
            "input": {"paths": [str(src)]},
            "output": {"path": str(tmp_path / f"out_{name}")},
            "pipeline": [{"op": "review_fail_on_mark"}, {"op": "length_filter", "min_words": 2}],
            "execution": {"max_errors": max_errors, "progress": False},
        }
    )


def test_no_live_statistics_left_after_runs_that_end_well_or_fail(
    ray_session, fail_op, tmp_path, monkeypatch
):
    from engine import stats
    from engine.executor import run
    from engine.operator import FatalOperatorError

    monkeypatch.delenv("CORPUSFORGE_STATS", raising=False)  # the default: the GCS's store
    closed, close = [], stats.GcsStats.close

    def counted(self):  # the runs did hold their figures there (and what they left is checked)
        closed.append(_keys(ray_session))
        close(self)

    monkeypatch.setattr(stats.GcsStats, "close", counted)
    before = _keys(ray_session)
    report = run(_config(tmp_path, "good", failing=3, max_errors=10))  # 3 quarantined, within the limit
    assert report["accounting_ok"] and report["quarantined"] == 3
    assert _keys(ray_session) == before
    with pytest.raises(FatalOperatorError):
        run(_config(tmp_path, "bad", failing=50, max_errors=2))  # over the limit: the run fails
    assert _keys(ray_session) == before
    assert len(closed) == 2 and all(len(keys) > len(before) for keys in closed)  # keys were written
