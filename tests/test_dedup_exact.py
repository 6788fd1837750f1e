"""exact_dedup: normalization and keep policies (no Ray), then the whole stage on Ray."""

from __future__ import annotations

import pyarrow as pa
import pytest

from engine.columns import REMOVED_BY, add_engine_columns
from engine.operator import StageContext
from operators.dedup.common import GROUP, KEEP, RID, row_ids
from operators.dedup.exact import ExactDedup, ExactDedupParams, normalize_texts


def test_normalization_modes():
    texts = pa.array(["  Hello,   World 2024!\n", "hello world 1999", "Hello, World 2024!"])
    none = normalize_texts(texts, "none").to_pylist()
    ws = normalize_texts(texts, "whitespace").to_pylist()
    full = normalize_texts(texts, "lowercase_punct_digits").to_pylist()
    assert none[0] != none[2] and ws[0] == ws[2] == "Hello, World 2024!"
    assert full[0] == full[1] == full[2] == "hello world 0000"


def _table(texts, ids=None, extra=None, source="a.jsonl"):
    cols = {"id": ids or [f"d{i}" for i in range(len(texts))], "text": texts}
    cols.update(extra or {})
    return add_engine_columns(pa.table(cols), source, 1)


@pytest.mark.parametrize(
    "keep,expected",
    [("first", "d0"), ("longest", "d2"), ("max:score", "d1")],
)
def test_keep_policies(keep, expected):
    t = _table(["same text", "same  text", " same text ", "other"], extra={"score": [0.1, 0.9, 0.5, 1.0]})
    op = ExactDedup(keep=keep)
    groups = op.groups(op.keyed(t))
    rid_to_id = dict(zip(row_ids(t).to_pylist(), t.column("id").to_pylist()))
    members = {
        rid_to_id[r]: k for r, k in zip(groups.column(RID).to_pylist(), groups.column(KEEP).to_pylist())
    }
    assert set(members) == {"d0", "d1", "d2"}  # "other" is unique: not in any group
    assert [i for i, k in members.items() if k] == [expected]
    assert len(set(groups.column(GROUP).to_pylist())) == 1


def test_ties_broken_by_id_and_params():
    t = _table(["x y", "x y"], ids=["b", "a"])
    op = ExactDedup(keep="longest")
    groups = op.groups(op.keyed(t))
    rid_to_id = dict(zip(row_ids(t).to_pylist(), t.column("id").to_pylist()))
    kept = [
        rid_to_id[r] for r, k in zip(groups.column(RID).to_pylist(), groups.column(KEEP).to_pylist()) if k
    ]
    assert kept == ["a"]
    with pytest.raises(ValueError):
        ExactDedupParams(normalise="none")
    with pytest.raises(ValueError):
        ExactDedupParams(keep="last")


# Ray shuffles on a shared 2-core machine: allow for heavy load (never a speed assertion)
@pytest.mark.timeout(2400)
def test_exact_dedup_on_ray(ray_session, tmp_path):
    t1 = _table(
        ["Hello  world", "hello world", "Hello world ", "unique one", "Big news today."], source="a.jsonl"
    )
    t2 = _table(["Hello world", "unique one", "BIG NEWS, TODAY!"], ids=["e0", "e1", "e2"], source="b.jsonl")
    dead = t2.set_column(
        t2.schema.get_field_index(REMOVED_BY), REMOVED_BY, pa.array([None, "length_filter", None])
    )
    ds = ray_session.data.from_arrow([t1, dead])
    results = {}
    for mode, norm in (("filter", "whitespace"), ("annotate", "lowercase_punct_digits")):
        ctx = StageContext(step_name="exact", work_dir=str(tmp_path / mode), num_cpus=2)
        out = ExactDedup(mode=mode, normalize=norm).run(ds, ctx)
        rows = {r["id"]: r for r in out.take_all()}
        assert len(rows) == 8
        results[mode] = (rows, ctx.report)
    rows, report = results["filter"]
    removed = {i for i, r in rows.items() if r["_cf_removed_by"] == "exact"}
    assert removed == {"d2", "e0"}  # copies of d0 after whitespace normalization; first (a.jsonl:1) kept
    assert all(rows[i]["_cf_reason"] == "exact_duplicate" for i in removed)
    assert rows["e1"]["_cf_removed_by"] == "length_filter" and rows["e1"]["_cf_reason"] is None
    assert report["docs"] == 7 and report["removed"] == 2 and report["duplicate_groups"] == 1
    rows, report = results["annotate"]
    assert all(r["_cf_removed_by"] in (None, "length_filter") for r in rows.values())
    drop = {i for i, r in rows.items() if r["dup_keep"] is False}
    assert drop == {"d1", "d2", "e0", "e2"}
    assert rows["d0"]["dup_cluster"] == rows["d1"]["dup_cluster"] != rows["d4"]["dup_cluster"]
    assert rows["d3"]["dup_cluster"] is None and rows["d3"]["dup_keep"] is True
    assert rows["e1"]["dup_keep"] is None  # the removed row does not take part
    assert report["removed"] == 0 and report["duplicates"] == 4 and report["duplicate_groups"] == 2
