"""decontaminate: identical normalisation on both sides, min_overlap at its boundary (count
and fraction), English and Chinese (words and characters), redaction with a margin, linear
time, and runs on the real Ray executor with both the broadcast and the sharded strategy.
Benchmarks and corpora are generated here."""

from __future__ import annotations

import json
import random

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pydantic import ValidationError

from engine import columns as C
from operators.dedup.common import row_ids
from operators.safety._ngrams import char_offsets, normalize, text_ngrams, tokens
from operators.safety.decontaminate import (
    Decontaminate,
    DecontaminateParams,
    _BroadcastMatch,
    _HashBenchmarks,
    build_set,
    is_flagged,
    redact,
)
from tests.pii_linear import best_cpu

WORDS = [f"w{i}" for i in range(5000)]


def _words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def test_normalisation_is_the_same_for_both_sides():
    a = "The QUICK, brown fox — jumps!! over   the\n lazy dog; Café"
    b = "the quick brown fox jumps over the lazy dog cafe\u0301"
    c = "ｔｈｅ　ＱＵＩＣＫ　ｂｒｏｗｎ　ｆｏｘ　ｊｕｍｐｓ　ｏｖｅｒ　ｔｈｅ　ｌａｚｙ　ｄｏｇ　ｃａｆé"
    ta, tb, tc = (tokens(normalize(x)) for x in (a, b, c))
    assert ta == tb == tc == "the quick brown fox jumps over the lazy dog cafe".split()
    ha, hb = text_ngrams([a, b], 5).hashes.reshape(2, -1)
    assert (ha == hb).all()
    # Chinese punctuation is a separator; full-width digits are ASCII
    assert tokens(normalize("城市，发展。１２３"), "chars") == ["城", "市", "发", "展", "123"]


def test_char_offsets_map_back():
    text = "ﬁne Ｘ!é"
    norm = normalize(text)
    offs = char_offsets(text)
    assert offs[-1] == len(norm)
    assert norm[offs[0] : offs[1]] == "fi" and norm[offs[4] : offs[5]] == "x"


def _set_dir(tmp_path, items, p):
    bench = tmp_path / "bench.jsonl"
    bench.write_text(
        "".join(json.dumps({"question": q}, ensure_ascii=False) + "\n" for q in items), encoding="utf-8"
    )
    stats = tmp_path / "stats"
    stats.mkdir(exist_ok=True)
    t = _HashBenchmarks(p, str(stats))(pa.table({"bench": [0], "path": [str(bench)]}))
    pq.write_table(t, tmp_path / "ngrams.parquet")
    set_dir = tmp_path / "set"
    build_set([str(tmp_path / "ngrams.parquet")], str(set_dir))
    return str(set_dir), str(bench)


def _matched(tmp_path, items, docs, **kw):
    """(shared distinct n-grams, document distinct n-grams, flagged) per document (operator kernels)."""
    bench = tmp_path / "b0.jsonl"
    bench.write_text("{}\n", encoding="utf-8")
    p = DecontaminateParams(benchmarks=[str(bench)], **kw)
    set_dir, _ = _set_dir(tmp_path, items, p)
    table = C.add_engine_columns(
        pa.table({"id": [f"d{i}" for i in range(len(docs))], "text": docs}), "x.jsonl", 1
    )
    m = _BroadcastMatch(p, set_dir)(table)
    got = {}
    ids = {r: i for i, r in enumerate(row_ids(table).to_pylist())}
    for rid, total, hashes in zip(
        m.column("_dd_rid").to_pylist(), m.column("_dc_total").to_pylist(), m.column("_dc_hashes").to_pylist()
    ):
        got[ids[rid]] = (len(hashes), total)
    out = []
    for i in range(len(docs)):
        shared, total = got.get(i, (0, None))
        flagged = (
            bool(is_flagged(np.array([shared]), np.array([total or 1]), p.min_overlap)[0])
            if shared
            else False
        )
        out.append((shared, flagged))
    return out


def test_min_overlap_count_boundary(tmp_path):
    rng = random.Random(1)
    item = _words(rng, 40)
    toks = item.split()
    n = 13
    # a document holding n + k - 1 consecutive item tokens shares exactly k n-grams
    doc_k = lambda k: _words(rng, 30) + " " + " ".join(toks[: n + k - 1]) + " " + _words(rng, 30)  # noqa: E731
    res = _matched(tmp_path, [item], [doc_k(3), doc_k(2), doc_k(1), _words(rng, 80)], min_overlap=3)
    assert res == [(3, True), (2, False), (1, False), (0, False)]


def test_min_overlap_fraction_boundary(tmp_path):
    rng = random.Random(2)
    item = _words(rng, 40)
    toks = item.split()
    # 10 shared n-grams; the documents have 40 and 39 distinct n-grams: 10/40 = 0.25 flagged, 10/41 not
    shared = " ".join(toks[:22])
    doc40 = shared + " " + _words(rng, 30)  # 52 tokens -> 40 n-grams
    doc41 = shared + " " + _words(rng, 31)
    res = _matched(tmp_path, [item], [doc40, doc41], min_overlap=0.25)
    assert res == [(10, True), (10, False)]


def test_light_edits_still_match_english_and_chinese(tmp_path):
    rng = random.Random(3)
    en = " ".join(["alpha", "beta"] + [rng.choice(WORDS) for _ in range(40)])
    zh_words = "城市 河流 学校 老师 学生 今天 明天 市场 花园 窗户 故事 音乐 历史 朋友 早晨 晚上 火车 桥梁 森林 港口".split()
    zh = "".join(rng.choice(zh_words) for _ in range(40)) + "。"
    edited_en = en.upper().replace(" ", ", ", 5)
    w = edited_en.split()
    w[20] = "CHANGED"
    edited_zh = zh.replace("。", "！")[:40] + "，" + zh[40:]
    docs = [
        "intro text here " + " ".join(w) + " outro",
        "前言" + edited_zh + "后记",
        "unrelated " + _words(rng, 60),
        "".join(rng.choice(zh_words) for _ in range(60)),
    ]
    for cjk in ("words", "chars"):
        res = _matched(tmp_path, [en, zh], docs, cjk_tokens=cjk)
        assert [f for _, f in res] == [True, True, False, False], cjk


def test_params_validation(tmp_path):
    bench = tmp_path / "b.jsonl"
    bench.write_text('{"question": "x"}\n', encoding="utf-8")
    for bad in (0, -1, 0.0, 1.5, True):
        with pytest.raises(ValidationError):
            DecontaminateParams(benchmarks=[str(bench)], min_overlap=bad)
    with pytest.raises(ValidationError, match="no file matches"):
        DecontaminateParams(benchmarks=[str(tmp_path / "none*.jsonl")])
    assert DecontaminateParams(benchmarks=[str(bench)], min_overlap=1.0).min_overlap == 1.0


def test_redact_cuts_span_plus_margin_and_removes_short_leftovers(tmp_path):
    rng = random.Random(4)
    item = _words(rng, 30)
    before, after = "A" * 500, "B" * 500
    text = before + " " + item + " " + after
    bench = tmp_path / "b.jsonl"
    bench.write_text("{}\n", encoding="utf-8")
    p = DecontaminateParams(benchmarks=[str(bench)], margin_chars=50, min_remaining_chars=100)
    hashes = set(text_ngrams([item], 13).hashes.tolist())
    new, cut, ok = redact(text, hashes, p)
    assert ok and item not in new
    start = len(before) + 1
    assert new == before[: start - 50].strip() + "\n\n" + after[50 - 1 :].strip()
    assert cut == len(text) - len(new.replace("\n\n", ""))
    # too little left: removed
    p2 = DecontaminateParams(benchmarks=[str(bench)], margin_chars=200, min_remaining_chars=700)
    assert redact(text, hashes, p2)[2] is False


@pytest.mark.timeout(120)
def test_torture_inputs_linear(tmp_path):
    bench = tmp_path / "b.jsonl"
    bench.write_text('{"question": "' + " ".join(["a"] * 30) + '"}\n', encoding="utf-8")
    op = Decontaminate(benchmarks=[str(bench)])
    shapes = {
        "one_token": lambda n: "a" * n,
        "repeated_ngram": lambda n: "a " * (n // 2),
        "zh": lambda n: "城市发展" * (n // 4),
        "punct": lambda n: ".,!?" * (n // 4),
    }
    for name, make in shapes.items():
        small = C.add_engine_columns(pa.table({"id": ["s"], "text": [make(40_000)]}), "x", 1)
        big = C.add_engine_columns(pa.table({"id": ["b"], "text": [make(320_000)]}), "x", 1)
        ts = [best_cpu(lambda t=t: op.doc_ngrams(t), 3) for t in (small, big)]  # CPU of this thread, not wall
        assert ts[1] / max(ts[0], 5e-3) < 20, f"{name}: 8x input took {ts[1] / max(ts[0], 5e-3):.1f}x"


def _corpus(tmp_path):
    """Generated English + Chinese corpus with benchmark items inserted verbatim, edited and in part."""
    rng = random.Random(5)
    en_items = [{"question": _words(rng, 25), "answer": _words(rng, 5)} for _ in range(12)]
    zh_vocab = [
        a + b
        for a in "城河学老今明市花窗故音历朋早晚火桥森港问"
        for b in "市流校师天场园户事乐史友晨上车梁林口题"
    ]
    zh_items = [
        {"question": "".join(rng.choice(zh_vocab) for _ in range(30)) + "？", "answer": "甲"}
        for _ in range(12)
    ]
    (tmp_path / "bench_en.jsonl").write_text(
        "".join(json.dumps(x) + "\n" for x in en_items), encoding="utf-8"
    )
    (tmp_path / "bench_zh.jsonl").write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in zh_items), encoding="utf-8"
    )
    rows = []
    for i in range(60):
        rows.append({"id": f"en-clean-{i}", "text": _words(rng, 120), "dirty": None})
        rows.append(
            {"id": f"zh-clean-{i}", "text": "".join(rng.choice(zh_vocab) for _ in range(120)), "dirty": None}
        )
    for i, it in enumerate(en_items[:9]):
        q = it["question"]
        if i % 3 == 1:
            q = q.upper().replace(" ", "; ", 3)
        elif i % 3 == 2:
            q = " ".join(q.split()[:16])
        rows.append(
            {
                "id": f"en-dirty-{i}",
                "text": _words(rng, 60) + " " + q + " " + _words(rng, 60),
                "dirty": "bench_en",
            }
        )
    for i, it in enumerate(zh_items[:9]):
        q = it["question"]
        if i % 3 == 2:
            q = q[:36]
        rows.append({"id": f"zh-dirty-{i}", "text": "前言。" + q + "。后记" * 50, "dirty": "bench_zh"})
    inp = tmp_path / "docs.jsonl"
    inp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return rows, inp


@pytest.mark.timeout(1200)
@pytest.mark.parametrize("strategy", ["broadcast", "sharded"])
def test_decontaminate_on_ray(ray_session, tmp_path, strategy):
    from engine.executor import run_config

    rows, inp = _corpus(tmp_path)
    out = tmp_path / "out"
    cfg = {
        "name": "dc",
        "input": {"paths": [str(inp)], "format": "jsonl"},
        "output": {"path": str(out), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": [
            {
                "op": "decontaminate",
                "benchmarks": [str(tmp_path / "bench_*.jsonl")],
                "benchmark_fields": ["question", "answer"],
                "strategy": strategy,
            }
        ],
    }
    report = run_config(cfg)
    assert report["accounting_ok"]
    op = report["ops"][0]
    dirty = [r for r in rows if r["dirty"]]
    assert op["removed"] == {"benchmark_contamination": len(dirty)}
    stage = op["stage"]
    assert stage["strategy"] == strategy
    assert stage["benchmarks"]["bench_en"]["docs_matched"] == 9
    assert stage["benchmarks"]["bench_zh"]["docs_matched"] == 9
    assert stage["benchmarks"]["bench_en"]["items"] == 12
    # the first step reads the input files (no copy); broadcast matches inside that pass
    labels = [e["label"] for e in op["execution"]["execution_seconds"]]
    assert op["execution"]["input"] == "raw" and "input" in labels
    assert ("matches" in labels) == (strategy == "sharded")
    assert op["bytes_in"] > op["bytes_out"] > 0
    kept = set(pq.read_table(out / "data").column("id").to_pylist())
    assert kept == {r["id"] for r in rows if not r["dirty"]}
    trace = pq.read_table(out / "removed")
    assert set(trace.column("removal_reason").to_pylist()) == {"benchmark_contamination"}
    assert all(b for b in trace.column("contamination_benchmarks").to_pylist())


@pytest.mark.timeout(1200)
def test_redact_and_annotate_on_ray(ray_session, tmp_path):
    from engine.executor import run_config

    rows, inp = _corpus(tmp_path)
    base = {
        "input": {"paths": [str(inp)], "format": "jsonl"},
        "execution": {"progress": False},
    }
    step = {
        "op": "decontaminate",
        "benchmarks": [str(tmp_path / "bench_*.jsonl")],
        "benchmark_fields": ["question"],
    }
    rep = run_config(
        {
            **base,
            "name": "dc_redact",
            "output": {"path": str(tmp_path / "r"), "format": "parquet", "overwrite": True},
            "pipeline": [{**step, "mode": "redact", "margin_chars": 20, "min_remaining_chars": 100}],
        }
    )
    assert rep["accounting_ok"]
    data = pq.read_table(tmp_path / "r" / "data").to_pylist()
    by_id = {r["id"]: r for r in data}
    en_dirty = [r for r in rows if r["dirty"] == "bench_en"]
    # English: 60 + 60 words of clean text around the item: the item goes, the rest stays
    for r in en_dirty:
        got = by_id[r["id"]]
        assert got["contamination_chars_redacted"] > 0 and len(got["text"]) < len(r["text"])
    # Chinese: "前言。" is too short to stay; "后记" x 50 (100 chars) survives
    zh_dirty = [r for r in rows if r["dirty"] == "bench_zh"]
    assert all(
        by_id[r["id"]]["text"].startswith("后记") or by_id[r["id"]]["text"].startswith("记") for r in zh_dirty
    )
    rep = run_config(
        {
            **base,
            "name": "dc_annotate",
            "output": {"path": str(tmp_path / "a"), "format": "parquet", "overwrite": True},
            "pipeline": [{**step, "mode": "annotate"}],
        }
    )
    assert rep["output_docs"] == len(rows)
    t = pq.read_table(tmp_path / "a" / "data")
    flagged = {
        i for i, n in zip(t.column("id").to_pylist(), t.column("contamination_ngrams").to_pylist()) if n
    }
    assert flagged == {r["id"] for r in rows if r["dirty"]}


def test_batch_path_and_redaction_path_tokenize_alike():
    """text_ngrams splits CJK-free texts with Arrow; redaction re-tokenizes with spans: same n-grams."""
    from operators.safety._ngrams import batch_ngrams

    rng = random.Random(6)
    texts = [
        "",
        None,
        "   ",
        "!!! ...",
        "中",
        "a b",
        "Ｆｕｌｌ-width ＴＥＸＴ, ok",
        "mixed 中文分词 and English, 标点。符号！" * 5,
        "tabs\tand\nnewlines\u00a0nbsp\u2003em-space " * 5,
        _words(rng, 40),
        "城市发展文化经济社会技术公司工作生活" * 3,
    ]
    for cjk in ("words", "chars"):
        a = text_ngrams(texts, 3, cjk)
        b = batch_ngrams([tokens(normalize(t), cjk, with_spans=True)[0] if t else [] for t in texts], 3)
        for f in ("hashes", "doc", "pos", "counts"):
            assert (getattr(a, f) == getattr(b, f)).all(), (cjk, f)
