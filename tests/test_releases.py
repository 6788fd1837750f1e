"""Releases (issue #15) on the real Ray executor: a three-release lineage,
``against`` with exact_dedup and minhash_dedup (default: the parent's
lineage), equality with a full rebuild, the persisted index under the
manifest, a refused parameter mismatch, and drift alerts that fire (exit 3,
data complete) and that do not."""

from __future__ import annotations

import json
import random

import pyarrow.parquet as pq
import pytest

from engine.config import ConfigError, load_config

VOCAB = [f"w{i}" for i in range(3000)]
HAN = [chr(0x4E00 + i) for i in range(2500)]


def _doc(rng: random.Random, i: int, prefix: str, zh: bool) -> dict:
    if zh:
        text = "".join(rng.choice(HAN) for _ in range(120))
    else:
        text = " ".join(rng.choice(VOCAB) for _ in range(60))
    return {"id": f"{prefix}{i}", "text": text, "lang": "zh" if zh else "en", "score": rng.gauss(0, 1)}


def _write(path, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _cfg(inp, out, version, parent=None, alerts=None, **step_kw) -> dict:
    cfg = {
        "name": "releases",
        "input": {"paths": [str(p) for p in inp], "format": "jsonl"},
        "output": {"path": str(out), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "release": {"version": version, **({"parent": str(parent)} if parent else {})},
        "pipeline": [
            {"op": "exact_dedup", **step_kw.get("exact", {})},
            {"op": "minhash_dedup", **step_kw.get("near", {})},
        ],
    }
    if alerts:
        cfg["report"] = {"alerts": alerts}
    return cfg


def _near(text: str, zh: bool) -> str:
    return text + ("尾" if zh else " tail")  # one more token: shingle Jaccard ~0.98


def _kept(out) -> set[str]:
    return set(pq.read_table(out / "data").column("id").to_pylist())


def _removed(out):
    t = pq.read_table(out / "removed")
    return t.to_pylist()


@pytest.fixture(scope="module")
def releases(ray_session, tmp_path_factory):
    from engine.executor import run_config

    base = tmp_path_factory.mktemp("releases")
    rng = random.Random(7)
    a = [_doc(rng, i, "a", i % 3 == 0) for i in range(150)]
    a += [dict(a[i], id=f"a_dup{i}") for i in range(5)]  # exact copies inside v1
    b_new = [_doc(rng, i, "b", i % 3 == 0) for i in range(40)]
    b = b_new + [dict(a[i], id=f"b_exact{i}") for i in range(10, 16)]
    b += [dict(a[i], id=f"b_near{i}", text=_near(a[i]["text"], a[i]["lang"] == "zh")) for i in range(20, 26)]
    c = [dict(b_new[i], id=f"c_from_b{i}") for i in range(3)] + [
        dict(a[i], id=f"c_from_a{i}") for i in range(30, 33)
    ]
    c += [_doc(rng, i, "c", True) for i in range(20)]  # mostly Chinese: the language mix moves
    _write(base / "in_a" / "a.jsonl", a)
    _write(base / "in_b" / "b.jsonl", b)
    _write(base / "in_c" / "c.jsonl", c)
    r1 = run_config(_cfg([base / "in_a"], base / "v1", "2026.10"))
    lenient = {
        "max_psi": 5.0,
        "max_quality_drop": 50,
        "min_kept_fraction": 0.1,
        "max_language_share_change": 0.9,
    }
    r2 = run_config(_cfg([base / "in_b"], base / "v2", "2026.11", parent=base / "v1", alerts=lenient))
    return {"base": base, "a": a, "b": b, "c": c, "r1": r1, "r2": r2}


def test_index_written_and_covered_by_manifest(releases):
    import pyarrow.fs as pafs

    from engine.manifest import verify

    v1 = releases["base"] / "v1"
    for step, subs in (("exact_dedup", ["exact"]), ("minhash_dedup", ["bands", "signatures"])):
        meta = json.loads((v1 / "index" / step / "meta.json").read_text())
        # exact: one hash per document it kept (155 in, 5 copies out); minhash is the last step
        assert meta["op"] == step and meta["docs"] == {"exact_dedup": 150}.get(
            step, releases["r1"]["output_docs"]
        )
        for sub in subs:
            assert list((v1 / "index" / step / sub).glob("part=*/*.parquet"))
    # exact index: one hash per document kept by exact_dedup (155 in, 5 exact copies out)
    exact = pq.read_table(v1 / "index" / "exact_dedup" / "exact")
    assert exact.num_rows == 150
    manifest = json.loads((v1 / "manifest.json").read_text())
    assert any(f["path"].startswith("index/exact_dedup/exact/part=") for f in manifest["files"])
    assert manifest["release"]["version"] == "2026.10" and manifest["release"]["parent"] is None
    assert verify(pafs.LocalFileSystem(), str(v1))["altered"] == []


def test_against_parent_removes_copies_of_earlier_release(releases):
    r2, v2 = releases["r2"], releases["base"] / "v2"
    ops = {o["name"]: o for o in r2["ops"]}
    assert ops["exact_dedup"]["removed"] == {"duplicate_of_release:2026.10": 6}
    assert ops["minhash_dedup"]["removed"] == {"duplicate_of_release:2026.10": 6}
    assert r2["accounting_ok"]
    assert _kept(v2) == {f"b{i}" for i in range(40)}
    # filter mode: the release is named by the reason; data/ gets no (always empty) dup_of_release column
    assert "dup_of_release" not in pq.read_schema(next((v2 / "data").glob("*.parquet"))).names
    trace = _removed(v2)
    assert {r["id"] for r in trace if r["removal_reason"] == "duplicate_of_release:2026.10"} == {
        f"b_exact{i}" for i in range(10, 16)
    } | {f"b_near{i}" for i in range(20, 26)}
    stages = {o["name"]: o.get("stage") or {} for o in r2["ops"]}
    against = (stages["minhash_dedup"].get("details") or stages["minhash_dedup"]).get("against")
    assert against["releases"] == ["2026.10"] and against["matched"] == 6
    rel = r2["release"]
    assert rel["parent_version"] == "2026.10" and rel["against"] == {
        "exact_dedup": ["2026.10"],
        "minhash_dedup": ["2026.10"],
    }
    assert r2["alerts"]["ok"] and len(r2["alerts"]["checks"]) == 4
    assert "Release" in (v2 / "README.md").read_text()


def test_incremental_equals_full_rebuild(releases, ray_session):
    from engine.executor import run_config

    base = releases["base"]
    full = run_config(_cfg([base / "in_a", base / "in_b"], base / "full", "full"))
    assert full["accounting_ok"]
    assert _kept(base / "v1") | _kept(base / "v2") == _kept(base / "full")


def test_third_release_lineage_and_alert_exit_status(releases, ray_session, capsys):
    import pyarrow.fs as pafs

    from engine.cli import main
    from engine.manifest import verify

    base = releases["base"]
    strict = {"max_language_share_change": 0.05, "max_quality_drop": 50}
    cfg = _cfg([base / "in_c"], base / "v3", "2026.12", parent=base / "v2", alerts=strict)
    (base / "v3.json").write_text(json.dumps(cfg))
    assert main(["run", str(base / "v3.json")]) == 3
    err = capsys.readouterr().err
    assert "ALERT: max_language_share_change" in err
    v3 = base / "v3"
    report = json.loads((v3 / "report.json").read_text())
    assert [x["version"] for x in report["release"]["lineage"]] == ["2026.11", "2026.10"]
    assert report["release"]["against"]["exact_dedup"] == ["2026.11", "2026.10"]
    by_id = {r["id"]: r for r in _removed(v3)}
    assert {i: by_id[i]["removal_reason"] for i in ("c_from_b0", "c_from_a30")} == {
        "c_from_b0": "duplicate_of_release:2026.11",
        "c_from_a30": "duplicate_of_release:2026.10",
    }
    assert _kept(v3) == {f"c{i}" for i in range(20)}
    assert not report["alerts"]["ok"] and [c["check"] for c in report["alerts"]["checks"] if not c["ok"]] == [
        "max_language_share_change"
    ]
    assert "max_language_share_change" in (v3 / "README.md").read_text()
    checked = verify(pafs.LocalFileSystem(), str(v3))  # the data is complete although the release alerts
    assert checked["missing"] == checked["altered"] == checked["extra"] == [] and checked["checked"] > 5


def test_parameter_mismatch_refused_by_validate(releases, capsys):
    from engine.cli import main

    base = releases["base"]
    cfg = _cfg([base / "in_c"], base / "vx", "x", parent=base / "v1", near={"num_perm": 64})
    with pytest.raises(ConfigError, match=r"pipeline\[1\]\.against\[0\].*num_perm=128 there, 64 here"):
        load_config(cfg)
    cfg = _cfg([base / "in_c"], base / "vx", "x", exact={"normalize": "none", "against": [str(base / "v1")]})
    (base / "vx.json").write_text(json.dumps(cfg))
    assert main(["validate", str(base / "vx.json")]) == 2
    assert "normalize='whitespace' there, 'none' here" in capsys.readouterr().err
    with pytest.raises(ConfigError, match=r"release\.parent: .*no manifest"):
        load_config(_cfg([base / "in_c"], base / "vx", "x", parent=base / "nowhere"))


def test_index_partitions_grow_with_the_release_not_their_size():
    """An index partition holds about TARGET_ROWS keys whatever the release
    size (the partition count grows instead), so a matching task's memory,
    one partition at a time, does not grow with earlier releases."""
    import numpy as np

    from operators.dedup.index import TARGET_ROWS, partition_bits, prefix

    assert partition_bits(0, TARGET_ROWS) == 2
    for rows in (10 * TARGET_ROWS, 1000 * TARGET_ROWS):
        bits = partition_bits(rows, TARGET_ROWS)
        assert TARGET_ROWS / 2 < rows / (1 << bits) <= TARGET_ROWS
    keys = np.random.default_rng(0).integers(-(2**63), 2**63 - 1, 200_000, dtype=np.int64)
    counts = np.bincount(prefix(keys, 4), minlength=16)
    assert counts.min() > 0.9 * keys.size / 16 and counts.max() < 1.1 * keys.size / 16


def test_annotate_mode_names_the_release_in_data(releases, ray_session):
    """annotate keeps every document; dup_of_release in data/ names the release a copy came from."""
    from engine.executor import run_config

    base = releases["base"]
    ann = {"mode": "annotate"}
    report = run_config(
        _cfg([base / "in_b"], base / "v2_ann", "ann", parent=base / "v1", exact=ann, near=ann)
    )
    assert report["accounting_ok"] and report["output_docs"] == len(releases["b"])
    data = pq.read_table(base / "v2_ann" / "data", columns=["id", "dup_of_release"]).to_pylist()
    flagged = {r["id"]: r["dup_of_release"] for r in data if r["dup_of_release"] is not None}
    assert flagged == {f"b_exact{i}": "2026.10" for i in range(10, 16)} | {
        f"b_near{i}": "2026.10" for i in range(20, 26)
    }


def _block_table(rids: list[str]):
    import pyarrow as pa

    from engine import columns as C

    n = len(rids)
    return pa.table(
        {
            "id": rids,
            "text": [f"text {r}" for r in rids],
            C.SOURCE: ["f.jsonl"] * n,
            C.LINE: list(range(n)),
            C.UNIT: [3] * n,
            C.BLOCK: [1] * n,
            C.REMOVED_BY: pa.nulls(n, pa.string()),
            C.REASON: pa.nulls(n, pa.string()),
            C.QUARANTINED: pa.array([False] * n),
        }
    )


def test_apply_release_matches_filter_and_annotate(tmp_path):
    """Unit test without Ray: the per-block match files of two releases; the
    nearest release in ``against`` order names the removal (filter) or the
    column (annotate); rows without a match are untouched; DropMatched takes
    them off the stage's own keys."""
    import pyarrow as pa

    from engine import columns as C
    from operators.dedup.common import BLK, RID, block_keys, row_ids
    from operators.dedup.index import ApplyReleaseMatches, DropMatched, _write_matches

    table = _block_table(["d0", "d1", "d2", "d3"])
    rid, blk = row_ids(table), block_keys(table)
    root = str(tmp_path / "matches")
    hits = pa.table({RID: rid, BLK: blk})
    assert _write_matches(hits.take([1, 2]), 1, "v1", root) == 2  # the older release (order 1)
    assert _write_matches(hits.take([2]), 0, "v2", root) == 1  # the parent (order 0) also holds d2
    out = ApplyReleaseMatches(root, "exact_dedup", annotate=False)(table)
    assert out.column(C.REASON).to_pylist() == [
        None,
        "duplicate_of_release:v1",
        "duplicate_of_release:v2",
        None,
    ]
    assert out.column(C.REMOVED_BY).to_pylist() == [None, "exact_dedup", "exact_dedup", None]
    assert "dup_of_release" not in out.column_names
    ann = ApplyReleaseMatches(root, "exact_dedup", annotate=True)(table)
    assert ann.column("dup_of_release").to_pylist() == [None, "v1", "v2", None]
    assert ann.column(C.REMOVED_BY).null_count == 4
    kept = DropMatched(root)(pa.table({RID: rid, BLK: blk}))
    assert kept.column(RID).to_pylist() == rid.take([0, 3]).to_pylist()


def test_presigned_signatures_reused_only_when_complete(tmp_path):
    """The lookup's signatures are reused by the stage's LSH (each document is
    signed once) when every live row of the block has one; else None (sign again)."""
    from operators.dedup.index import _write_by_block, presigned
    from operators.dedup.minhash import SIG, MinHashDedup

    stage = MinHashDedup(MinHashDedup.Params())
    table = _block_table([f"d{i}" for i in range(6)])
    sig = stage.sign(table, "cpu")
    root = str(tmp_path / "presigned")
    _write_by_block(sig, root)
    again = presigned(root, table.take([4, 1, 2]))
    assert again.column(SIG).to_pylist() == sig.column(SIG).take([4, 1, 2]).to_pylist()
    assert presigned(root, _block_table(["other"])) is None
    assert presigned(None, table) is None


def test_index_partition_probed_for_wanted_keys(tmp_path):
    """A partition of an earlier index is probed for the wanted keys: files are
    sorted by key in small row groups, and only the row groups whose key range
    holds a wanted key are read (a few new keys read a few row groups, not the
    partition); what comes back is exactly the stored rows with those keys."""
    import numpy as np
    import pyarrow as pa

    from operators.dedup.common import RID
    from operators.dedup.index import (
        ROW_GROUP,
        probe_index_partition,
        read_index_partition,
        write_partitioned,
    )

    rng = np.random.default_rng(1)
    keys = rng.integers(-(2**63), 2**63 - 1, 200_000, dtype=np.int64)
    t = pa.table({RID: keys, "sig": pa.array(keys.astype(str))})
    write_partitioned(t, RID, 2, str(tmp_path / "signatures"))
    part = int(keys[0].view(np.uint64) >> np.uint64(62))
    in_part = keys[(keys.view(np.uint64) >> np.uint64(62)) == part]
    wanted = np.array([keys[0], in_part[7], 12345], np.int64)  # 12345: stored nowhere
    stats: dict = {}
    got = pa.concat_tables(
        list(probe_index_partition(str(tmp_path), "signatures", part, None, [RID, "sig"], wanted, stats))
    )
    assert sorted(got.column(RID).to_pylist()) == sorted([int(keys[0]), int(in_part[7])])
    assert dict(zip(got.column(RID).to_pylist(), got.column("sig").to_pylist()))[int(keys[0])] == str(keys[0])
    assert stats["index_row_groups"] == -(-len(in_part) // ROW_GROUP)
    assert 1 <= stats["index_row_groups_read"] <= 3 and stats["index_rows_read"] <= 3 * ROW_GROUP
    # every key wanted: every row group is read, every row comes back once
    stats = {}
    every = list(probe_index_partition(str(tmp_path), "signatures", part, None, [RID, "sig"], in_part, stats))
    assert sum(x.num_rows for x in every) == len(in_part) == stats["index_rows_read"]
    whole = read_index_partition(str(tmp_path), "signatures", part, None)
    stored = whole.column(RID).to_numpy()
    assert np.all(stored.view(np.uint64)[1:] >= stored.view(np.uint64)[:-1])  # sorted by key
    assert (
        list(probe_index_partition(str(tmp_path), "signatures", part, None, [RID], np.array([], np.int64)))
        == []
    )


@pytest.mark.parametrize("query_rows", [1 << 22, 700])
def test_exact_match_probes_old_partitions_in_query_chunks(tmp_path, monkeypatch, query_rows):
    """The exact lookup finds exactly the new hashes stored in the old index,
    whether the new keys of a partition are probed at once or in several chunks
    (the old partition then read once per chunk); the counts name the rows read."""
    import numpy as np
    import pyarrow as pa

    from operators.dedup import index as ix
    from operators.dedup.common import BLK, RID

    monkeypatch.setattr(ix, "QUERY_ROWS", query_rows)
    rng = np.random.default_rng(5)
    old_h = rng.integers(-(2**63), 2**63 - 1, (20_000, 2), dtype=np.int64)
    bits = 2
    ix.write_partitioned(
        pa.table({ix.H1: old_h[:, 0], ix.H2: old_h[:, 1]}), ix.H1, bits, str(tmp_path / "old" / "exact")
    )
    copies = old_h[rng.choice(len(old_h), 300, replace=False)]
    fresh = rng.integers(-(2**63), 2**63 - 1, (2_700, 2), dtype=np.int64)
    half = copies[:50].copy()
    half[:, 1] += 1  # same first half, other second half: not a copy
    new = np.concatenate([copies, fresh, half])
    rid = np.arange(len(new), dtype=np.int64)
    qdir = tmp_path / "q"
    for a in range(0, len(new), 500):  # one key file per map task, as the query pass writes them
        q = pa.table(
            {
                ix.H1: new[a : a + 500, 0],
                ix.H2: new[a : a + 500, 1],
                RID: rid[a : a + 500],
                BLK: rid[a : a + 500] // 1000,
            }
        )
        ix.write_partitioned(q, ix.H1, bits, ix._ref_dir(str(qdir), 0, "q"))
    refs = [{"index": str(tmp_path / "old"), "version": "v1", "meta": {"bits": {"exact": bits}}}]
    root = tmp_path / "matches"
    tasks = ix._partition_tasks(str(qdir), refs, "q")
    got = ix.ExactMatch(refs, str(qdir), str(root), None)(pa.Table.from_pylist(tasks))
    counts = {k: got.column(k)[0].as_py() for k in got.column_names}
    assert counts["matched_rows"] == 300 and ix.count_matched(str(root)) == 300
    matched = ix._matches(str(root), np.arange(4))
    assert sorted(matched.column(RID).to_pylist()) == list(range(300))
    assert set(matched.column(ix.VERSION).to_pylist()) == {"v1"}
    # every row group of an old partition holds a new key: it is read once per chunk of new keys
    qd = ix._ref_dir(str(qdir), 0, "q")
    chunks = {p: len(list(ix.query_chunks(qd, p, query_rows))) for p in range(4)}
    old_rows = {
        p: ix.read_index_partition(str(tmp_path / "old"), "exact", p, None).num_rows for p in range(4)
    }
    assert counts["index_rows_read"] == sum(old_rows[p] * chunks[p] for p in range(4))
    assert (max(chunks.values()) == 1) == (query_rows > len(new))
