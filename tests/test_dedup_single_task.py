"""The single-task path of the dedup stages (small inputs: everything after the input
pass in one remote task, operators/dedup/_minhash_local.py and exact.groups_in_one_task)
gives the same results as the distributed path: kept ids, removal reasons, clusters,
report figures and the release index's content; forced both ways by ``single_task_mb``."""

from __future__ import annotations

import glob
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.columns import REMOVED_BY, add_engine_columns
from engine.operator import StageContext
from operators.dedup.common import single_task_bytes
from operators.dedup.exact import ExactDedup
from operators.dedup.minhash import MinHashDedup
from tests.dedup_corpus import labeled_corpus, to_tables

BIG = 1 << 20  # "input bytes" that the engine's pass would report for these small inputs


def _rows(out):
    rows = {}
    for batch in out.iter_batches(batch_format="pyarrow", batch_size=None):
        for r in batch.to_pylist():
            assert r["id"] not in rows
            rows[r["id"]] = r
    return rows


def _index(index_dir):
    """Index content per partition directory, rows sorted (file boundaries may differ)."""
    parts: dict[str, list[pa.Table]] = {}
    for f in glob.glob(os.path.join(index_dir, "**", "*.parquet"), recursive=True):
        parts.setdefault(os.path.relpath(os.path.dirname(f), index_dir), []).append(pq.read_table(f))
    out = {}
    for k, ts in parts.items():
        t = pa.concat_tables(ts)
        out[k] = t.sort_by([(c, "ascending") for c in t.column_names]).to_pydict()
    return out


def _same_report(a, b):
    a, b = dict(a), dict(b)
    assert a.pop("path") == "single_task" and b.pop("path") == "distributed"
    assert a == b


def _corpus_tables():
    rows, _ = labeled_corpus()
    tables = to_tables(rows, parts=4)
    dead = add_engine_columns(pa.table({"id": ["dead0"], "text": [rows[0]["text"]]}), "up.jsonl", 1)
    dead = dead.set_column(dead.schema.get_field_index(REMOVED_BY), REMOVED_BY, pa.array(["lf"]))
    return tables + [dead]


def _materialize(tables, directory):
    """The tables as the engine's pass would leave them: one Parquet file per block."""
    os.makedirs(directory, exist_ok=True)
    paths = []
    for i, t in enumerate(tables):
        p = os.path.join(directory, f"block-{i}.parquet")
        pq.write_table(t, p)
        paths.append(p)
    return paths


def test_threshold():
    ctx = StageContext(step_name="s", work_dir="/tmp", num_cpus=2)
    assert single_task_bytes(ctx, 256) is None  # size unknown: distributed (bounded memory)
    ctx.estimated_input_bytes = 300 << 20
    assert single_task_bytes(ctx, 256) is None
    ctx.input_bytes = 5 << 20  # the pass's count wins over the estimate
    assert single_task_bytes(ctx, 256) == 5 << 20
    assert single_task_bytes(ctx, 0) is None


# Ray shuffles on a shared 2-core machine: allow for heavy load (never a speed assertion)
@pytest.mark.timeout(2400)
@pytest.mark.parametrize("mode", ["filter", "annotate"])
def test_exact_single_task_equals_distributed(ray_session, tmp_path, mode):
    texts = ["a b c", "a  b c", "x y", "a b c ", "x y", "unique", "z", "z", "z"]
    t1 = add_engine_columns(pa.table({"id": [f"d{i}" for i in range(5)], "text": texts[:5]}), "a.jsonl", 1)
    t2 = add_engine_columns(pa.table({"id": [f"e{i}" for i in range(4)], "text": texts[5:]}), "b.jsonl", 1)
    t2 = t2.set_column(t2.schema.get_field_index(REMOVED_BY), REMOVED_BY, pa.array([None, None, "lf", None]))
    results = {}
    for name, mb in (("single", 256), ("dist", 0)):
        ds = ray_session.data.from_arrow([t1, t2])
        ctx = StageContext(
            step_name="exact",
            work_dir=str(tmp_path / name),
            num_cpus=2,
            input_bytes=BIG,
            index_dir=str(tmp_path / name / "index"),
        )
        out = ExactDedup(mode=mode, single_task_mb=mb).run(ds, ctx)
        execs = [e.label for e in ctx.runtime.executions]
        results[name] = (_rows(out), ctx.report, _index(ctx.index_dir), execs)
    (rows_s, rep_s, idx_s, ex_s), (rows_d, rep_d, idx_d, ex_d) = results["single"], results["dist"]
    assert rows_s == rows_d
    _same_report(rep_s, rep_d)
    assert idx_s == idx_d and idx_s  # same hashes in the same index partitions
    assert rep_s["duplicates"] == 4 and rep_s["duplicate_groups"] == 3  # e2 was removed upstream
    if mode == "filter":
        removed = {i for i, r in rows_s.items() if r["_cf_reason"] == "exact_duplicate"}
        assert removed == {"d1", "d3", "d4", "e3"}
    assert "groups_local" in ex_s and "verdicts" not in ex_s and "verdicts" in ex_d


@pytest.fixture(scope="module")
def minhash_runs(ray_session, tmp_path_factory):
    """One corpus through minhash_dedup four ways: single task reading the materialized
    input files; single task with the members taken by a map (input not materialized);
    single task whose graph is too big for it (distributed graph after its LSH); distributed."""
    tables = _corpus_tables()
    tmp = tmp_path_factory.mktemp("mh_single")
    paths = _materialize(tables, str(tmp / "input"))
    schema = pa.unify_schemas([t.schema for t in tables])
    runs = {}
    for name, params, files in (
        ("files", {}, True),
        ("map", {}, False),
        ("too_big", {"max_local_edges": 1}, True),
        ("dist", {"single_task_mb": 0}, True),
    ):
        ds = ray_session.data.from_arrow(tables)
        ctx = StageContext(
            step_name="near",
            work_dir=str(tmp / name),
            num_cpus=2,
            input_blocks=len(tables),
            input_bytes=BIG,
            input_schema=schema,
            input_paths=paths if files else None,
            index_dir=str(tmp / name / "index"),
        )
        out = MinHashDedup(mode="annotate", **params).run(ds, ctx)
        execs = [e.label for e in ctx.runtime.executions]
        runs[name] = (_rows(out), ctx.report, _index(ctx.index_dir), execs, dict(ctx.runtime.phases))
    return runs


@pytest.mark.timeout(2400)
def test_minhash_single_task_equals_distributed(minhash_runs):
    rows_d, rep_d, idx_d, ex_d, _ = minhash_runs["dist"]
    assert rep_d["keeper_verification"]["checked"] > 0 and rep_d["duplicates"] > 0
    assert rows_d["dead0"]["dup_keep"] is None  # a removed row never takes part
    for name in ("files", "map", "too_big"):
        rows, rep, idx, execs, _ = minhash_runs[name]
        assert rows == rows_d, name  # dup_cluster / dup_keep of every row
        if name == "too_big":
            assert rep["path"] == "distributed" and rep["components_path"] == "distributed"
            rep = {**rep, "path": "single_task", "components_path": rep_d["components_path"]}
            rep["components_rounds"] = rep_d["components_rounds"]
        _same_report(rep, rep_d)
        assert idx == idx_d and any(k.startswith("bands") for k in idx), name
    assert "verify_keeper" in ex_d and "index" in ex_d


def test_minhash_single_task_executions(minhash_runs):
    """The phases are timed inside the task; no shuffle or dataset execution after the pass."""
    _, _, _, execs, phases = minhash_runs["files"]
    assert execs == ["signatures", "single_task"]
    assert {"lsh", "graph", "verify_keeper", "index"} <= set(phases)
    _, _, _, execs, _ = minhash_runs["map"]
    assert execs == ["signatures", "single_task", "members", "single_task"]
