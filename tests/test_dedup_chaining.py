"""minhash_dedup loses no content to chaining: a document is removed only when
its exact shingle Jaccard with the KEPT document of its cluster reaches the
threshold (``verify_keeper``, the default). Real Ray executor."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pytest

from engine.operator import StageContext
from operators.dedup import minhash_kernel as mk
from operators.dedup._verify_keeper import jaccard, peel
from operators.dedup.minhash import MinHashDedup
from tests.dedup_corpus import to_tables

_VOCAB = [f"w{i}" for i in range(5000)]


def _base(rng: random.Random, n: int = 600) -> list[str]:
    return [rng.choice(_VOCAB) for _ in range(n)]


def _step(rng: random.Random, words: list[str], used: set[int], k: int = 8) -> list[str]:
    """Replace ``k`` words at positions at least 6 apart from every earlier edit: each
    step changes about 5k shingles, so steps add up and chain ends drift apart."""
    out = list(words)
    done = 0
    while done < k:
        i = rng.randrange(len(out))
        if all(abs(i - j) >= 6 for j in used):
            used.add(i)
            out[i] = rng.choice(_VOCAB)
            done += 1
    return out


def _exact(a: str, b: str) -> float:
    xs, off, _ = mk.shingle_hashes(pa.array([a, b]), np.zeros(2, np.int8), 5)
    return jaccard(np.unique(xs[off[0] : off[1]]), np.unique(xs[off[1] : off[2]]))


def _run(ray, rows, tmp_path, name, **params):
    ds = ray.data.from_arrow(to_tables(rows, parts=2))
    ctx = StageContext(step_name="near_dedup", work_dir=str(tmp_path / name), num_cpus=2, input_blocks=2)
    out = MinHashDedup(**params).run(ds, ctx)
    removed = set()
    for batch in out.iter_batches(batch_format="pyarrow", batch_size=None):
        for r in batch.select(["id", "_cf_removed_by"]).to_pylist():
            if r["_cf_removed_by"]:
                removed.add(r["id"])
    return removed, ctx.report


def _chain_rows():
    """A~B~C~D (each step ~0.87 Jaccard) whose ends differ (A vs C ~0.77), in keep order A, B, C, D."""
    rng = random.Random(3)
    used: set[int] = set()
    a = _base(rng)
    b = _step(rng, a, used)
    c = _step(rng, b, used)
    d = _step(rng, c, used)
    texts = [" ".join(w) for w in (a, b, c, d)]
    return [{"id": i, "text": t} for i, t in zip("ABCD", texts)]


def _group_rows():
    """X (first: the keeper) ~ B ~ {G1, G2, G3}: a group of near-exact copies that X does not resemble."""
    rng = random.Random(8)
    used: set[int] = set()
    x = _base(rng)
    b = _step(rng, x, used)
    g = _step(rng, b, used)
    copies = [g, _step(rng, g, used, k=1), _step(rng, g, used, k=1)]
    texts = [" ".join(w) for w in [x, b, *copies]]
    return [{"id": i, "text": t} for i, t in zip(["X", "B", "G1", "G2", "G3"], texts)]


def test_chain_preconditions_hold():
    rows = {r["id"]: r["text"] for r in _chain_rows()}
    for u, v in ("AB", "BC", "CD"):
        assert 0.84 <= _exact(rows[u], rows[v]) <= 0.9
    assert _exact(rows["A"], rows["C"]) < 0.8 and _exact(rows["B"], rows["D"]) < 0.8


def test_peel_is_a_scan_over_keepers():
    s = [
        np.array([1, 2, 3, 4, 5]),
        np.array([1, 2, 3, 4, 6]),
        np.array([1, 2, 9, 10, 11]),
        np.array([1, 2, 9, 10, 12]),
    ]
    keeper, status = peel(s, 0.6, 8)
    assert keeper.tolist() == [0, 0, 2, 2]
    assert status.tolist() == [0, 1, 3, 2]  # first keeper, confirmed, new keeper, reassigned
    keeper, status = peel(s, 0.6, 1)  # one round: the rest is kept, unresolved
    assert keeper.tolist() == [0, 0, -1, -1] and status.tolist() == [0, 1, 5, 5]
    keeper, _ = peel([np.array([1]), np.array([2])], 0.5, 8)
    assert keeper.tolist() == [-1, -1]  # a keeper nobody matches is unique again


@pytest.mark.timeout(1200)
def test_chain_removes_only_docs_near_their_keeper(ray_session, tmp_path):
    rows = _chain_rows()
    removed, report = _run(ray_session, rows, tmp_path, "chain")
    # A kept, B near A; C fails A and becomes a keeper, D near C
    assert removed == {"B", "D"}
    kv = report["keeper_verification"]
    assert kv["clusters_before"] == 1 and kv["duplicates_before"] == 3
    assert kv["checked"] == 4 and kv["confirmed"] == 1 and kv["reassigned"] == 1 and kv["new_keepers"] == 1
    assert report["clusters"] == 2 and report["removed"] == 2
    # without the check, components chain: everything but A goes
    removed_cc, report_cc = _run(ray_session, rows, tmp_path, "chain_cc", verify_keeper=False)
    assert removed_cc == {"B", "C", "D"} and "keeper_verification" not in report_cc


@pytest.mark.timeout(1200)
def test_group_of_copies_survives_an_unrelated_keeper(ray_session, tmp_path):
    rows = _group_rows()
    text = {r["id"]: r["text"] for r in rows}
    assert all(_exact(text["X"], text[g]) < 0.8 for g in ("G1", "G2", "G3"))
    assert all(_exact(text["G1"], text[g]) >= 0.95 for g in ("G2", "G3"))
    removed, report = _run(ray_session, rows, tmp_path, "group", mode="filter")
    assert removed == {"B", "G2", "G3"}  # G1 keeps the group's content
    removed_cc, _ = _run(ray_session, rows, tmp_path, "group_cc", verify_keeper=False)
    assert {"G1", "G2", "G3"} <= removed_cc  # the bug this guards against: the whole group lost
    # annotate mode: two sub-clusters, each around its keeper (id: smallest row id of the sub-cluster)
    ds = ray_session.data.from_arrow(to_tables(rows, parts=2))
    ctx = StageContext(step_name="near_dedup", work_dir=str(tmp_path / "ann"), num_cpus=2, input_blocks=2)
    out = {
        r["id"]: r
        for b in MinHashDedup(mode="annotate")
        .run(ds, ctx)
        .iter_batches(batch_format="pyarrow", batch_size=None)
        for r in b.to_pylist()
    }
    assert out["X"]["dup_cluster"] == out["B"]["dup_cluster"] is not None
    assert (
        out["G1"]["dup_cluster"]
        == out["G2"]["dup_cluster"]
        == out["G3"]["dup_cluster"]
        != out["X"]["dup_cluster"]
    )
    assert sorted(k for k, r in out.items() if r["dup_keep"] is False) == ["B", "G2", "G3"]


@pytest.mark.timeout(1200)
def test_verdicts_regrouped_by_block_give_the_same_result(ray_session, tmp_path, monkeypatch):
    """Many partitions: the verified verdict rows are persisted and shuffled by block first."""
    from operators.dedup import common as _dedup_common

    monkeypatch.setattr(_dedup_common, "DIRECT_WRITE_MAX_PARTITIONS", 0)
    removed, report = _run(ray_session, _chain_rows(), tmp_path, "regroup")
    assert removed == {"B", "D"} and report["keeper_verification"]["reassigned"] == 1
    assert (tmp_path / "regroup" / "verified_rows").is_dir()
