"""augment_text: methods (English, Chinese, Japanese, mixed), determinism across
runs and batch boundaries, selection, provenance, technical log, the engine's
generated-rows contract, and end to end on Ray."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import re

import pyarrow as pa
import pyarrow.dataset as pads
import pytest
from pydantic import ValidationError

from engine.columns import GENERATED, LINE, QUARANTINED, REMOVED_BY, SOURCE, add_engine_columns
from engine.config import load_config
from engine.step_runner import StepRunner, _check_mapper_output
from operators.synthetic import common as S
from operators.synthetic.augment import METHODS, AugmentParams, AugmentText, segment

EN = (
    "The quick brown fox jumps over the lazy dog. It was a sunny day in the park! "
    "Everyone was happy and the children played football until evening."
)
ZH = "我爱北京天安门。天安门上太阳升。伟大的城市有很多美丽的公园，人们每天早上在公园里锻炼身体！"
JA = "日本語のテキストです。東京は大きい都市です。毎日たくさんの人が電車に乗ります。"
MIXED = "Mixed 中文 and English text, with 数字 123 here. Second sentence is here."
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _table(texts, ids=None):
    ids = ids or [f"d{i}" for i in range(len(texts))]
    return pa.table({"id": ids, "text": texts, "lang": ["x"] * len(texts)})


def _new_rows(out: pa.Table, n_orig: int) -> list[dict]:
    return out.slice(n_orig).to_pylist()


def _op(tmp_path, **kw) -> AugmentText:
    kw.setdefault("log_dir", str(tmp_path / "log"))
    return AugmentText(**kw)


# ------------------------------------------------------------------ segmentation
@pytest.mark.parametrize("unit", ["word", "char"])
def test_segment_is_lossless(unit):
    rng = random.Random(7)
    alphabet = list("ab cd\n\t。，！中文字日本語カタカナ한국어 .,!?-'") + ["  ", "\u3000"]
    samples = [EN, ZH, JA, MIXED, "", "   ", " leading and trailing  ", "中文 中文\n\nEnglish"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(200)]
    for text in samples:
        assert segment(text, unit).text() == text


def test_segment_cjk_units():
    zh_words = segment(ZH, "word")
    assert "天安门" in zh_words.units and "北京" in zh_words.units  # jieba words
    zh_chars = segment(ZH, "char")
    assert all(len(u) == 1 for u in zh_chars.units if _CJK.match(u))
    en = segment(EN)
    assert en.units[:3] == ["The", "quick", "brown"]
    ja = segment(JA)
    assert "テキスト" in ja.units  # script runs, not single characters
    punct = [u for u in zh_words.units if u in "。，！"]
    assert punct and not any(i in zh_words.words for i, u in enumerate(zh_words.units) if u in "。，！")


# ------------------------------------------------------------------ methods
@pytest.mark.parametrize("method", METHODS)
def test_each_method_changes_every_language(tmp_path, method):
    texts = [EN, ZH, JA, MIXED]
    op = _op(tmp_path, methods=[method], variants=2, rate=0.2)
    out = op.transform(_table(texts))
    new = _new_rows(out, len(texts))
    parents = {r["parent_id"] for r in new}
    # sentence_shuffle of a two-sentence text has a single other order: one variant
    assert parents == {"d0", "d1", "d2", "d3"}
    for r in new:
        src = texts[int(r["parent_id"][1:])]
        assert r["text"] != src and r["text"]
        assert json.loads(r["generator"])["method"] == method
        if r["parent_id"] in ("d1", "d2"):  # pure CJK text: no spaces appear
            assert " " not in r["text"].replace("[MASK]", "")


def test_method_semantics_english(tmp_path):
    t = _table([EN])
    words = EN.split()

    def one(method, **kw):
        out = _op(tmp_path, methods=[method], rate=0.2, **kw).transform(t)
        return _new_rows(out, 1)[0]["text"]

    swapped = one("word_swap")
    assert sorted(swapped.split()) == sorted(words)
    deleted = one("word_delete").split()
    assert len(deleted) == len(words) - round(0.2 * len(words))
    it = iter(words)
    assert all(w in it for w in deleted)  # an ordered subsequence
    inserted = one("word_insert").split()
    assert len(inserted) == len(words) + round(0.2 * len(words))
    assert set(inserted) == set(words)  # only in-document words are inserted
    chars = one("char_swap")
    assert sorted(chars) == sorted(EN) and len(chars.split()) == len(words)
    shuffled = one("sentence_shuffle")
    sentences = [
        "The quick brown fox jumps over the lazy dog.",
        "It was a sunny day in the park!",
        "Everyone was happy and the children played football until evening.",
    ]
    assert sorted(re.split(r"(?<=[.!]) ", shuffled)) == sorted(sentences)
    masked = one("span_mask", mask_token="<M>")
    assert "<M>" in masked and len(masked.split()) < len(words)


def test_method_semantics_chinese(tmp_path):
    t = _table([ZH])
    base = segment(ZH).units
    out = _op(tmp_path, methods=["word_swap"], rate=0.2).transform(t)
    swapped = _new_rows(out, 1)[0]["text"]
    assert sorted(swapped) == sorted(ZH)  # same characters, moved as jieba words
    out = _op(tmp_path, methods=["word_delete"], rate=0.2).transform(t)
    deleted = _new_rows(out, 1)[0]["text"]
    assert len(deleted) < len(ZH) and "。" in deleted
    out = _op(tmp_path, methods=["sentence_shuffle"]).transform(t)
    shuffled = _new_rows(out, 1)[0]["text"]
    assert sorted(shuffled) == sorted(ZH) and shuffled.endswith(("。", "！"))
    out = _op(tmp_path, methods=["word_insert"], rate=0.2, cjk_unit="char").transform(t)
    inserted = _new_rows(out, 1)[0]["text"]
    assert set(inserted) == set(ZH) and len(inserted) > len(ZH)
    assert base  # segmentation used jieba words


def test_short_empty_and_null_documents(tmp_path):
    op = _op(tmp_path, methods=["word_swap", "sentence_shuffle"], variants=3, min_words=3)
    t = _table(["two words", "", None, "   ", "single"], ids=["a", "b", "c", "d", "e"])
    out = op.transform(t)
    assert out.num_rows == 5  # nothing to augment, nothing made
    assert out.column("synthetic").to_pylist() == [False] * 5
    assert op.transform(t.slice(0, 0)).num_rows == 0


# ------------------------------------------------------------------ determinism, selection
def test_deterministic_across_runs_and_batches(tmp_path):
    rng = random.Random(3)
    vocab = EN.split() + list("中文测试数据")
    texts = [" ".join(rng.choice(vocab) for _ in range(rng.randint(4, 40))) + "." for _ in range(60)]
    texts += [ZH, JA, MIXED]
    t = _table(texts)
    kw = dict(methods=list(METHODS), variants=3, fraction=0.5, seed=11)
    whole = _op(tmp_path, **kw).transform(t)
    again = _op(tmp_path, **kw).transform(t)
    pieces = [_op(tmp_path, **kw).transform(t.slice(a, b)) for a, b in ((0, 7), (7, 30), (37, 100))]

    def synthetic(table):
        rows = [r for r in table.to_pylist() if r["synthetic"]]
        return sorted((r["id"], r["text"], r["parent_id"], r["generator"]) for r in rows)

    assert synthetic(whole) == synthetic(again)
    assert synthetic(whole) == sorted(x for p in pieces for x in synthetic(p))
    assert len(synthetic(whole)) > 60
    other = _op(tmp_path, **{**kw, "seed": 12}).transform(t)
    assert synthetic(other) != synthetic(whole)


def test_fraction_selects_by_hash(tmp_path):
    n = 2000
    t = _table([f"document number {i} has several words in it." for i in range(n)])
    out = _op(tmp_path, methods=["word_swap"], fraction=0.25, seed=5, log=False).transform(t)
    parents = set(out.column("parent_id").drop_null().to_pylist())
    assert 0.22 * n < len(parents) < 0.28 * n
    keys = [f"d{i}" for i in range(n)]
    assert parents == {k for k, s in zip(keys, S.selected(keys, 5, 0.25)) if s}
    assert _op(tmp_path, fraction=0.0).transform(t).num_rows == n


# ------------------------------------------------------------------ provenance and log
def test_provenance_columns_and_log(tmp_path):
    texts = [EN, ZH, MIXED]
    t = add_engine_columns(_table(texts), "in.jsonl", 1)
    op = _op(tmp_path, methods=["word_swap", "span_mask"], variants=2, seed=3)
    out = op.transform(t)
    orig = out.slice(0, 3)
    assert orig.column("text").to_pylist() == texts and orig.column("id").to_pylist() == ["d0", "d1", "d2"]
    assert orig.column("synthetic").to_pylist() == [False] * 3
    assert orig.column("parent_id").null_count == 3 and orig.column(GENERATED).null_count == 3
    new = _new_rows(out, 3)
    assert len(new) == 6
    for r in new:
        assert r["synthetic"] is True
        assert r["id"].startswith(r["parent_id"] + "#aug-")
        g = json.loads(r["generator"])
        assert (
            g["operator"] == "augment_text" and g["seed"] == 3 and g["method"] in ("word_swap", "span_mask")
        )
        assert g["params"]["variants"] == 2 and g["variant"] in (0, 1)
        created = dt.datetime.strptime(r["created_at"], "%Y-%m-%dT%H:%M:%S.%fZ")
        assert abs((dt.datetime.now(dt.UTC).replace(tzinfo=None) - created).total_seconds()) < 600
        assert r[GENERATED] == "augment_text" and r[REMOVED_BY] is None and r[QUARANTINED] is False
        parent = int(r["parent_id"][1:])
        assert r[SOURCE] == "in.jsonl" and r[LINE] == parent + 1 and r["lang"] == "x"
    records = S.read_log(tmp_path / "log")
    assert sorted(r["id"] for r in records) == sorted(r["id"] for r in new)
    for rec in records:
        assert rec["operator"] == "augment_text" and rec["outcome"] == "ok" and rec["attempts"] == 1
        assert len(rec["request_hash"]) == 64 and rec["latency_ms"] >= 0
        assert rec["parameters"]["seed"] == 3 and "prompt_template_version" in rec and "usage" in rec
    files = list((tmp_path / "log").glob("augment_text-*-000001.jsonl"))
    assert len(files) == 1
    op.transform(t)
    assert len(list((tmp_path / "log").glob("augment_text-*.jsonl"))) == 2  # one file per batch


def test_provenance_kept_through_a_second_generating_step(tmp_path):
    first = _op(tmp_path, methods=["word_swap"]).transform(_table([EN]))
    second = _op(tmp_path, methods=["word_delete"]).transform(first)
    assert second.column("synthetic").to_pylist() == [False, True, True, True]
    assert (
        second.column("parent_id").to_pylist()[3]
        == "d0#aug-" + first.column("id")[1].as_py().split("#aug-")[1]
    )


def test_engine_contract_for_generated_rows(tmp_path):
    t = add_engine_columns(_table([EN, ZH, "tiny"]), "f.jsonl", 10)
    out = _op(tmp_path, variants=2).transform(t)
    checked = _check_mapper_output("augment_text_2", t, out)
    assert checked.column(GENERATED).drop_null().unique().to_pylist() == ["augment_text_2"]
    cfg = load_config(
        {
            "input": {"paths": [str(tmp_path)]},
            "output": {"path": str(tmp_path / "o")},
            "pipeline": [{"op": "augment_text", "variants": 2, "log_dir": str(tmp_path / "log2")}],
        }
    )
    res = StepRunner(cfg.steps[0])(t)
    assert res.num_rows == 3 + 4 and res.column(GENERATED).null_count == 3


def test_params_are_validated():
    with pytest.raises(ValidationError):
        AugmentParams(methods=["synonym_replace"])
    with pytest.raises(ValidationError):
        AugmentParams(methods=[])
    with pytest.raises(ValidationError):
        AugmentParams(variant=2)  # typo
    with pytest.raises(ValidationError):
        AugmentParams(rate=0.9)


# ------------------------------------------------------------------ end to end on Ray
def test_end_to_end_on_ray(ray_session, tmp_path):
    from engine.executor import run_config

    inp = tmp_path / "in"
    inp.mkdir()
    rng = random.Random(1)
    lines = []
    for i in range(40):
        text = ZH if i % 4 == 0 else " ".join(rng.choice(EN.split()) for _ in range(rng.randint(3, 30))) + "."
        lines.append(json.dumps({"id": f"doc{i}", "text": text}, ensure_ascii=False))
    with gzip.open(inp / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    out = tmp_path / "out"
    log_dir = tmp_path / "synthetic_log"
    cfg = {
        "name": "augment-e2e",
        "input": {"paths": [str(inp)], "format": "jsonl"},
        "output": {"path": str(out), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": [
            {
                "op": "augment_text",
                "methods": ["word_swap", "word_delete"],
                "variants": 2,
                "seed": 4,
                "log_dir": str(log_dir),
            },
            {"op": "length_filter", "min_words": 8},
        ],
    }
    report = run_config(cfg)
    assert report["accounting_ok"]
    n_gen = report["generated_docs"]
    assert n_gen > 40
    assert (
        report["input_docs"] + n_gen == report["output_docs"] + report["removed_docs"] + report["quarantined"]
    )
    ops = {o["name"]: o for o in report["ops"]}
    assert ops["augment_text"]["generated"] == n_gen and ops["augment_text"]["docs_out"] == 40 + n_gen
    data = pads.dataset(str(out / "data"), format="parquet").to_table()
    syn = data.filter(pa.compute.equal(data.column("synthetic"), True))
    assert syn.num_rows > 0 and syn.column("parent_id").null_count == 0
    # the same documents as the operator makes outside Ray (deterministic, batch-independent)
    local = AugmentText(methods=["word_swap", "word_delete"], variants=2, seed=4, log=False)
    src = pa.table({"id": [f"doc{i}" for i in range(40)], "text": [json.loads(x)["text"] for x in lines]})
    expected = {r["id"]: r["text"] for r in local.transform(src).to_pylist() if r["synthetic"]}
    assert dict(zip(syn.column("id").to_pylist(), syn.column("text").to_pylist())).items() <= expected.items()
    records = S.read_log(log_dir)
    assert len(records) == n_gen and {r["id"] for r in records} == set(expected)
