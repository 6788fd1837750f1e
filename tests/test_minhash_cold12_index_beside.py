"""minhash_dedup's release index written beside the single task (operators/dedup/_minhash_local.py
``index_beside``, operators/dedup/index.py ``PreparedIndexFile``, engine/stage_runtime.py
``call_beside``): the same files, named the same and holding the same rows in the same order, as
``MinHashIndexWriter`` writes after the verdicts; the second task waits for the first's result."""

from __future__ import annotations

import glob
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ray import cloudpickle

from engine.columns import REMOVED_BY, add_engine_columns
from engine.stage_runtime import StageRuntime
from operators.dedup.common import BLK, GROUP, KEEP, RID, write_block_updates
from operators.dedup.exact import UPDATE_SCHEMA
from operators.dedup.index import MinHashIndexWriter, PreparedIndexFile
from operators.dedup.minhash import MinHashDedup
from tests.dedup_corpus import labeled_corpus

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the tasks below run in Ray workers


def _files(root: str) -> dict[str, pa.Table]:
    return {
        os.path.relpath(f, root): pq.read_table(f)
        for f in sorted(glob.glob(os.path.join(root, "**", "*.parquet"), recursive=True))
    }


def _signed(op: MinHashDedup) -> pa.Table:
    rows, _ = labeled_corpus()
    texts = [r["text"] for r in rows] + ["", "...", "!!"]  # no tokens: not indexed
    t = add_engine_columns(
        pa.table({"id": [f"d{i}" for i in range(len(texts))], "text": texts}), "a.jsonl", 1
    )
    return op.sign(t)


def _verdicts(sig: pa.Table, root: str, drop_every: int) -> None:
    rid = sig.column(RID).to_numpy()
    keep = np.arange(len(rid)) % drop_every != 0
    t = pa.table(
        {GROUP: np.zeros(len(rid), np.int64), RID: rid, KEEP: keep, BLK: sig.column(BLK).to_numpy()},
        schema=UPDATE_SCHEMA,
    )
    write_block_updates(t, root)


@pytest.mark.parametrize("drop_every", [None, 3, 1])
def test_prepared_index_equals_writer(tmp_path, drop_every):
    op = MinHashDedup(num_perm=64, threshold=0.7)
    sig = _signed(op)
    assert sig.num_rows > 100 and (sig.column("_dd_ntok").to_numpy() == 0).sum() == 3
    root = None
    if drop_every is not None:
        root = str(tmp_path / "verdicts")
        _verdicts(sig, root, drop_every)
    a, b = str(tmp_path / "writer"), str(tmp_path / "beside")
    want = MinHashIndexWriter(op, root, a, 2, 2)(sig).column("docs")[0].as_py()
    prepared = PreparedIndexFile(MinHashIndexWriter(op, None, b, 2, 2), sig)
    got = prepared.write(root)
    assert got == want
    fa, fb = _files(a), _files(b)
    assert list(fa) == list(fb)
    assert all(fa[k].equals(fb[k]) for k in fa)  # same rows in the same order
    if drop_every == 1:
        assert got == 0 and not fa
    else:
        assert fa and got == sig.num_rows - 3 - (
            0 if drop_every is None else len(range(0, sig.num_rows, 3)) - 1
        )


def _first(x):
    return {"value": x * 2}


def _second(y, result):
    before = y + 1  # work that does not need the first task's result
    return before + result()["value"]


def _failing(x):
    raise ValueError("first task failed")


def test_call_beside(ray_session):
    rt = StageRuntime()
    a, b = rt.call_beside(_first, (5,), _second, (100,), label="pair")
    assert a == {"value": 10} and b == 111
    assert [e.label for e in rt.executions] == ["pair"]
    with pytest.raises(Exception, match="first task failed"):
        rt.call_beside(_failing, (1,), _second, (1,), label="pair")


def test_index_beside_in_a_stage(ray_session, tmp_path, monkeypatch):
    """The stage's single task with the index beside it (2 CPUs) against the same stage on one CPU
    (the index in the single task, as before): the same index files, rows and report. Then, with
    the default BESIDE_MIN_DOCS, a corpus this small does not take a second task."""
    import operators.dedup.minhash as mh
    from engine.stage_runtime import StageRuntime

    monkeypatch.setattr(mh, "BESIDE_MIN_DOCS", 0)
    calls = []
    real = StageRuntime.call_beside

    def counted(self, *a, **k):
        calls.append(k.get("label"))
        return real(self, *a, **k)

    monkeypatch.setattr(StageRuntime, "call_beside", counted)
    rows, _ = labeled_corpus()
    tables = []
    for i in range(3):
        part = rows[i::3]
        t = add_engine_columns(
            pa.table({"id": [r["id"] for r in part], "text": [r["text"] for r in part]}), f"f{i}.jsonl", 1
        )
        tables.append(t)
    tables[0] = tables[0].set_column(
        tables[0].schema.get_field_index(REMOVED_BY),
        REMOVED_BY,
        pa.array(["lf"] + [None] * (tables[0].num_rows - 1)),
    )
    from engine.operator import StageContext

    out = {}
    for name, cpus in (("beside", 2), ("alone", 1)):
        ctx = StageContext(
            step_name="near",
            work_dir=str(tmp_path / name),
            num_cpus=cpus,
            input_blocks=len(tables),
            input_bytes=1 << 20,
            index_dir=str(tmp_path / name / "index"),
        )
        ds = ray_session.data.from_arrow(tables)
        res = MinHashDedup(mode="annotate").run(ds, ctx)
        kept = sorted(
            r["id"]
            for b in res.iter_batches(batch_format="pyarrow", batch_size=None)
            for r in b.to_pylist()
            if r["dup_keep"] is not False
        )
        out[name] = (_files(ctx.index_dir), ctx.report, kept, dict(ctx.runtime.phases))
    (fa, ra, ka, pa_), (fb, rb, kb, _) = out["beside"], out["alone"]
    layout = ("partitions", "lsh_partitions")  # from the CPUs: two LSH partitions fewer on one CPU
    assert {k: v for k, v in ra.items() if k not in layout} == {
        k: v for k, v in rb.items() if k not in layout
    }
    assert ka == kb and ra["duplicates"] > 0
    assert list(fa) == list(fb) and all(fa[k].equals(fb[k]) for k in fa) and fa
    assert "index" in pa_
    assert calls == ["single_task"]  # the 2-CPU run only

    monkeypatch.setattr(mh, "BESIDE_MIN_DOCS", 20_000)
    ctx = StageContext(
        step_name="near",
        work_dir=str(tmp_path / "small"),
        num_cpus=2,
        input_blocks=len(tables),
        input_bytes=1 << 20,
        index_dir=str(tmp_path / "small" / "index"),
    )
    MinHashDedup(mode="annotate").run(ray_session.data.from_arrow(tables), ctx)
    assert calls == ["single_task"] and _files(ctx.index_dir).keys() == fa.keys()


def test_index_beside_within_its_memory_budget(ray_session, tmp_path, monkeypatch):
    """Files beyond PREPARED_INDEX_BYTES are indexed after the wait, one at a time, as before: the
    same files as with everything prepared."""
    from operators.dedup import _minhash_local as ml

    op = MinHashDedup(num_perm=64, threshold=0.7)
    rows, _ = labeled_corpus()
    sig_dir = tmp_path / "signatures"
    sig_dir.mkdir()
    for i in range(3):
        part = rows[i::3]
        t = add_engine_columns(
            pa.table({"id": [r["id"] for r in part], "text": [r["text"] for r in part]}), f"f{i}.jsonl", 1
        )
        pq.write_table(op.sign(t), sig_dir / f"s{i}.parquet")
    sig = pa.concat_tables([pq.read_table(f) for f in sorted(glob.glob(str(sig_dir / "*.parquet")))])
    root = str(tmp_path / "verdicts")
    _verdicts(sig, root, 4)
    out = {}
    for name, budget in (("all", 1 << 40), ("one", 0)):
        monkeypatch.setattr(ml, "PREPARED_INDEX_BYTES", budget)
        job = ml.LocalJob(
            band_dir="",
            band_parts=1,
            edge_dir="",
            sig_dir=str(sig_dir),
            root=root,
            checked_root=root,
            n_docs=sig.num_rows,
            verify_bound=None,
            index_dir=str(tmp_path / name),
            band_bits=2,
            sig_bits=2,
        )
        got = ml.index_beside(op, job, lambda: {"index_root": root})
        out[name] = (got["indexed"], _files(job.index_dir))
    assert ml.index_beside(op, job, lambda: {"done": "graph"}) is None  # the other task stopped early
    (na, fa), (nb, fb) = out["all"], out["one"]
    assert na == nb > 0 and list(fa) == list(fb) and all(fa[k].equals(fb[k]) for k in fa)
