"""minhash_dedup on the real Ray: accuracy on a labeled corpus, datasketch parity,
determinism, distributed components, CJK, pass-through of removed rows."""

from __future__ import annotations

import itertools

import numpy as np
import pyarrow as pa
import pytest
from datasketch import MinHash, MinHashLSH

from engine.columns import REMOVED_BY, add_engine_columns
from engine.operator import StageContext
from operators.dedup import minhash_kernel as mk
from operators.dedup.connected_components import local_labels
from operators.dedup.minhash import MinHashDedup
from tests.dedup_corpus import char_jaccard, chinese_corpus, jaccard, labeled_corpus, to_tables


def _run(ray, tables, tmp_path, name, blocks=None, **params):
    """``blocks`` (the input's block count, as the executor passes it) enables the file
    shuffle of the LSH bands; without it the stage uses Ray's hash shuffle."""
    ds = ray.data.from_arrow(tables)
    ctx = StageContext(step_name="near_dedup", work_dir=str(tmp_path / name), num_cpus=2, input_blocks=blocks)
    out = MinHashDedup(**params).run(ds, ctx)
    rows = {}
    for batch in out.iter_batches(batch_format="pyarrow", batch_size=None):
        for r in batch.to_pylist():
            assert r["id"] not in rows
            rows[r["id"]] = r
    return rows, ctx.report


def _with_dead_rows(rows):
    """Input tables where three rows were removed upstream: a copy of a live doc among them."""
    tables = to_tables(rows)
    dead = add_engine_columns(
        pa.table(
            {
                "id": ["dead0", "dead1", "dead2"],
                "text": [rows[0]["text"], rows[0]["text"], "quarantined raw line"],
            }
        ),
        "upstream.jsonl",
        1,
    )
    dead = dead.set_column(
        dead.schema.get_field_index(REMOVED_BY), REMOVED_BY, pa.array(["lf", "lf", "input"])
    )
    dead = dead.set_column(
        dead.schema.get_field_index("_cf_reason"), "_cf_reason", pa.array(["short", "short", "bad_json"])
    )
    dead = dead.set_column(
        dead.schema.get_field_index("_cf_quarantined"), "_cf_quarantined", pa.array([False, False, True])
    )
    return tables + [dead], dead


@pytest.fixture(scope="module")
def corpus():
    return labeled_corpus()


@pytest.fixture(scope="module")
def annotated(ray_session, corpus, tmp_path_factory):
    rows, _ = corpus
    tables, dead = _with_dead_rows(rows)
    tmp = tmp_path_factory.mktemp("mh")
    local = _run(ray_session, tables, tmp, "local", blocks=len(tables), mode="annotate", verify=True)
    # second run: filter mode, LSH through Ray's shuffle, the graph forced onto the distributed path
    distributed = _run(ray_session, tables, tmp, "dist", mode="filter", verify=True, max_local_edges=0)
    return local, distributed, dead


# Ray shuffles on a shared 2-core machine: allow for heavy load (never a speed assertion)
@pytest.mark.timeout(2400)
def test_recall_precision_on_labeled_corpus(annotated, corpus):
    (out, report), _, _ = annotated
    rows, family = corpus
    by_id = {r["id"]: r for r in rows}
    assert report["bands"] == 16 and report["rows"] == 8 and report["docs"] == len(rows)
    # recall: every near copy with true 5-gram Jaccard >= 0.85 shares its original's cluster
    positives = [r for r in rows if r["origin"] and jaccard(r["text"], by_id[r["origin"]]["text"]) >= 0.85]
    assert len(positives) >= 30
    # a pair is resolved when at least one of the two goes (keeper verification may put the
    # original and its copy in different sub-clusters when a third document is their keeper)
    found = sum(out[r["id"]]["dup_keep"] is False or out[r["origin"]]["dup_keep"] is False for r in positives)
    recall = found / len(positives)
    # precision: a document marked for removal shares a family with its cluster's keeper, and
    # resembles that KEPT document itself (exact Jaccard at the threshold: nothing lost to chaining)
    keeper = {r["dup_cluster"]: i for i, r in out.items() if r["dup_cluster"] is not None and r["dup_keep"]}
    removed = [i for i, r in out.items() if r["dup_keep"] is False]
    correct = sum(family[i] == family[keeper[out[i]["dup_cluster"]]] for i in removed)
    assert all(
        jaccard(by_id[i]["text"], by_id[keeper[out[i]["dup_cluster"]]]["text"]) >= 0.8 for i in removed
    )
    precision = correct / max(1, len(removed))
    print(f"recall={recall:.3f} ({found}/{len(positives)}) precision={precision:.3f} removed={len(removed)}")
    assert recall >= 0.98
    assert precision >= 0.99
    # hard negatives (shared template) are never clustered with each other
    negs = [r["id"] for r in rows if r["kind"] == "negative"]
    assert all(out[i]["dup_cluster"] is None for i in negs)
    assert report["clusters"] == len(keeper) and report["duplicates"] == len(removed)


def test_distributed_components_and_determinism(annotated):
    (local, rep_local), (dist, rep_dist), _ = annotated
    assert rep_local["components_path"] == "local" and rep_local["lsh_shuffle"] == "files"
    assert rep_dist["components_path"] == "distributed" and rep_dist["components_rounds"] >= 1
    assert rep_dist["lsh_shuffle"] == "ray"
    # the second run (filter mode, distributed components) removes exactly what the first flagged
    flagged = {i for i, r in local.items() if r["dup_keep"] is False}
    removed = {i for i, r in dist.items() if r["_cf_removed_by"] == "near_dedup"}
    assert removed == flagged and rep_dist["removed"] == len(removed) > 0
    assert all(dist[i]["_cf_reason"] == "near_duplicate" for i in removed)
    for key in ("candidate_edges", "verified_edges", "clusters", "duplicates"):
        assert rep_local[key] == rep_dist[key]


def test_removed_rows_pass_through_untouched(annotated):
    (out, _), _, dead = annotated
    for r in dead.to_pylist():
        got = dict(out[r["id"]])
        assert got.pop("dup_cluster") is None and got.pop("dup_keep") is None
        assert got == r
    # the live document the dead rows copy is clustered only with live documents of its family
    first = out[corpus_first_id(out, dead)]
    if first["dup_cluster"] is not None:
        mates = [r for r in out.values() if r["dup_cluster"] == first["dup_cluster"]]
        assert all(m["_cf_removed_by"] is None for m in mates) and len(mates) >= 2


def corpus_first_id(out, dead):
    text = dead.column("text")[0].as_py()
    return next(i for i, r in out.items() if r["text"] == text and r["_cf_removed_by"] is None)


def _datasketch_removed(rows, threshold, num_perm, seed, verify):
    """Reference: datasketch MinHashLSH candidates, union-find, keep the first (input order)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sigs = {}
    for r in rows:
        toks = mk.tokenize(pa.array([r["text"]]), np.zeros(1, np.int8))[0]
        m = MinHash(num_perm=num_perm, seed=seed)
        for s in mk.shingle_bytes(toks, 5, chars=False):
            m.update(s)
        sigs[r["id"]] = m
        lsh.insert(r["id"], m)
    order = {r["id"]: k for k, r in enumerate(rows)}
    edges, rejected = set(), set()
    for r in rows:
        for other in lsh.query(sigs[r["id"]]):
            if other == r["id"]:
                continue
            pair = tuple(sorted((r["id"], other)))
            if verify and sigs[pair[0]].jaccard(sigs[pair[1]]) < threshold:
                rejected.add(pair)
                continue
            edges.add(pair)
    nodes = sorted({n for e in edges for n in e}, key=order.get)
    idx = {n: k for k, n in enumerate(nodes)}
    _, lab = local_labels(np.array([idx[a] for a, _ in edges]), np.array([idx[b] for _, b in edges]))
    comp: dict[int, list[str]] = {}
    for n, label in zip(nodes, lab.tolist()):
        comp.setdefault(label, []).append(n)
    removed = {n for members in comp.values() for n in sorted(members, key=order.get)[1:]}
    return removed, rejected


# Ray shuffles on a shared 2-core machine: allow for heavy load (never a speed assertion)
@pytest.mark.timeout(2400)
def test_parity_with_datasketch(ray_session, corpus, tmp_path):
    rows, _ = corpus
    tables = to_tables(rows)
    out, report = _run(
        ray_session, tables, tmp_path, "ds", hash="datasketch", verify=False, verify_keeper=False, seed=1
    )
    ours = {i for i, r in out.items() if r["_cf_removed_by"] == "near_dedup"}
    assert all(out[i]["_cf_reason"] == "near_duplicate" for i in ours)
    ref, _ = _datasketch_removed(rows, 0.8, 128, 1, verify=False)
    assert ours == ref
    assert report["removed"] == len(ours)


# Ray shuffles on a shared 2-core machine: allow for heavy load (never a speed assertion)
@pytest.mark.timeout(2400)
def test_chinese_near_duplicates_with_char_shingles(ray_session, tmp_path):
    rows, family = chinese_corpus()
    tables = to_tables(rows, parts=2, extra={"lang": ["zh"] * len(rows)})
    out, report = _run(ray_session, tables, tmp_path, "zh", verify=True, mode="annotate")
    for a, b in itertools.combinations(rows, 2):
        same_cluster = (
            out[a["id"]]["dup_cluster"] is not None
            and out[a["id"]]["dup_cluster"] == out[b["id"]]["dup_cluster"]
        )
        if family[a["id"]] == family[b["id"]]:
            assert char_jaccard(a["text"], b["text"]) >= 0.8
            assert same_cluster, (a["id"], b["id"])
        else:
            assert not same_cluster
    assert report["clusters"] == len(set(family.values()))
    # device: auto on a cluster without GPUs signs on the CPU (and says so in the report)
    assert report["device"] == "cpu"


def test_device_cuda_without_gpu_fails_before_work(ray_session, tmp_path):
    from engine.config import ConfigError

    rows, _ = chinese_corpus()
    # the engine's one device policy (engine/ray_steps.py settle_device): a config error, before any work
    with pytest.raises(ConfigError, match="advertises no GPU"):
        _run(ray_session, to_tables(rows), tmp_path, "cuda", device="cuda")
    assert not (tmp_path / "cuda" / "signatures").exists()
