"""quality_classifier + train_classifier: train a tiny model on generated data,
then score with it, so CI proves fastText training and prediction both work."""

from __future__ import annotations

import gzip
import io
import json
import pickle
import random
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from filter_helpers import annotated, judged, removed_count
from pydantic import ValidationError

from operators._fasttext import FastTextModel, model_format
from operators.quality.classifier import (
    QualityClassifier,
    preprocess,
    read_sidecar,
    sidecar_path,
    train_classifier,
    train_classifier_main,
)

GOOD_EN = [
    "the",
    "committee",
    "published",
    "a",
    "detailed",
    "report",
    "on",
    "water",
    "quality",
    "and",
    "public",
    "health",
    "across",
    "the",
    "region",
    "researchers",
    "measured",
    "samples",
    "from",
    "rivers",
    "lakes",
    "and",
    "wells",
    "over",
    "three",
    "years",
]
BAD_EN = [
    "click",
    "here",
    "buy",
    "cheap",
    "casino",
    "bonus",
    "free",
    "win",
    "now",
    "best",
    "deal",
    "offer",
    "limited",
    "sale",
    "viagra",
]
GOOD_ZH = list("研究人员在三年内对河流湖泊和水井的水质进行了详细测量并发布了公共卫生报告")
BAD_ZH = list("点击这里免费领取优惠券赌场红包限时抢购最低价秒杀")

FAST = {"epoch": 15, "lr": 0.5, "dim": 16, "seed": 7}


def make_doc(rng: random.Random, words: list[str], sep: str) -> str:
    return "\n".join(sep.join(rng.choices(words, k=14)) for _ in range(3))


def write_jsonl(path: Path, texts: list[str], opener=open) -> Path:
    with opener(path, "wt", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": str(i), "body": t}, ensure_ascii=False) + "\n")
        fh.write("not json\n")  # skipped
        fh.write(json.dumps({"id": "x", "other": "no body"}) + "\n")  # skipped
    return path


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("qc_data")
    rng = random.Random(0)
    pos = [make_doc(rng, GOOD_EN, " ") for _ in range(120)] + [make_doc(rng, GOOD_ZH, "") for _ in range(120)]
    neg = [make_doc(rng, BAD_EN, " ") for _ in range(150)] + [make_doc(rng, BAD_ZH, "") for _ in range(150)]
    rng.shuffle(pos)
    rng.shuffle(neg)
    # positives split over a .jsonl.gz and a .jsonl.zst file, negatives in Parquet
    write_jsonl(d / "pos_a.jsonl.gz", pos[:120], gzip.open)
    raw = io.StringIO()
    for t in pos[120:]:
        raw.write(json.dumps({"body": t}, ensure_ascii=False) + "\n")
    (d / "pos_b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(raw.getvalue().encode()))
    pq.write_table(pa.table({"body": neg}), d / "neg.parquet")
    return {"dir": d, "pos": [d / "pos_a.jsonl.gz", d / "pos_b.jsonl.zst"], "neg": d / "neg.parquet"}


@pytest.fixture(scope="module")
def model(corpora) -> Path:
    out = corpora["dir"] / "quality.bin"
    report = train_classifier(corpora["pos"], corpora["neg"], out, text_field="body", **FAST)
    assert report["heldout"]["f1"] >= 0.9
    return out


def table(texts) -> pa.Table:
    return pa.table({"id": [str(i) for i in range(len(texts))], "text": pa.array(texts, pa.string())})


def scores(op: QualityClassifier, texts) -> list[float]:
    op.ensure_setup()  # the engine's runner does this before the first batch
    return op.score(table(texts)).column("quality_score").to_pylist()


def test_training_balances_holds_out_and_writes_sidecar(model):
    side = read_sidecar(model)
    assert model_format(model) == "floret"
    assert side["backend"] == "floret"
    assert side["preprocess"] == {"newlines": "space", "lowercase": False, "cjk_tokenize": "chars"}
    assert side["labels"] == {"positive": "hq", "negative": "lq"}
    data = side["data"]
    assert data["docs_read"] == {"positive": 240, "negative": 300}
    assert data["per_class"] == 240  # larger class downsampled
    assert data["holdout"] == {"positive": 24, "negative": 24}
    assert data["train"] == {"positive": 216, "negative": 216}
    held = side["heldout"]
    assert held["tp"] + held["fn"] == 24 and held["fp"] + held["tn"] == 24


def test_scores_english_and_chinese(model):
    op = QualityClassifier(model_path=str(model))
    rng = random.Random(99)
    good = [make_doc(rng, GOOD_EN, " "), make_doc(rng, GOOD_ZH, "")]
    bad = [make_doc(rng, BAD_EN, " "), make_doc(rng, BAD_ZH, "")]
    s = scores(op, good + bad)
    assert s[0] > 0.8 and s[1] > 0.8
    assert s[2] < 0.2 and s[3] < 0.2
    _, keep, reasons = judged(op, table(good + bad))
    assert keep.tolist() == [True, True, False, False]
    assert reasons == [None, None, "quality_score_below_min", "quality_score_below_min"]


def test_threshold_boundary(model):
    op = QualityClassifier(model_path=str(model), mode="annotate")
    doc = "the committee published a casino bonus report on free water deals"
    (s,) = scores(op, [doc])
    assert 0.0 < s < 1.0
    exact = float(np.float32(s))
    above = float(np.nextafter(np.float32(s), np.float32(1)))
    _, keep, _ = judged(QualityClassifier(model_path=str(model), min_score=exact), table([doc]))
    assert keep.tolist() == [True]
    _, keep, reasons = judged(QualityClassifier(model_path=str(model), min_score=above), table([doc]))
    assert keep.tolist() == [False] and reasons == ["quality_score_below_min"]


def test_min_score_zero_keeps_everything_including_empty(model):
    op = QualityClassifier(model_path=str(model), min_score=0.0)
    scored, keep, _ = judged(op, table(["", None, "casino"]))
    assert keep.all()
    assert scored.column("quality_score").to_pylist()[:2] == [0.0, 0.0]


def test_empty_text_is_removed_at_default_threshold(model):
    _, keep, reasons = judged(QualityClassifier(model_path=str(model)), table(["", "\n\n"]))
    assert keep.tolist() == [False, False] and reasons == ["quality_score_below_min"] * 2


def test_annotate_mode(model):
    op = QualityClassifier(model_path=str(model), min_score=0.99, mode="annotate")
    scored = annotated(op, table(["casino bonus", "water quality report"]))
    assert removed_count(scored) == 0
    assert [c for c in scored.column_names if not c.startswith("_cf_")] == ["id", "text", "quality_score"]
    assert scored.schema.field("quality_score").type == pa.float32()


def test_positive_label_selects_the_other_class(model):
    hq = QualityClassifier(model_path=str(model), mode="annotate")
    lq = QualityClassifier(model_path=str(model), positive_label="__label__lq", mode="annotate")
    texts = ["casino bonus free win", "public health report"]
    a, b = scores(hq, texts), scores(lq, texts)
    assert np.allclose(np.array(a) + np.array(b), 1.0, atol=1e-3)


def test_unknown_positive_label_fails_at_setup(model):
    op = QualityClassifier(model_path=str(model), positive_label="good")
    with pytest.raises(ValueError, match="not a label"):
        op.ensure_setup()


def test_missing_model_fails_at_construction(tmp_path):
    with pytest.raises(ValidationError, match="quality model not found"):
        QualityClassifier(model_path=str(tmp_path / "nope.bin"))
    with pytest.raises(ValidationError):
        QualityClassifier()  # model_path is required


def test_preprocessing_contradicting_the_sidecar_is_an_error(model):
    with pytest.raises(ValueError, match="contradicts the model's sidecar"):
        QualityClassifier(model_path=str(model), cjk_tokenize="none")
    QualityClassifier(model_path=str(model), cjk_tokenize="chars")  # agreeing is fine


def test_model_without_sidecar_uses_raw_text_defaults(model, tmp_path):
    bare = tmp_path / "external.bin"
    bare.write_bytes(model.read_bytes())
    op = QualityClassifier(model_path=str(bare))
    assert (op.lowercase, op.cjk_tokenize) == (False, "none")
    op = QualityClassifier(model_path=str(bare), cjk_tokenize="chars")
    assert op.cjk_tokenize == "chars"


def test_preprocess_variants():
    texts = pa.array(["Hello\nWORLD\r\n", "中文文本 and English", None])
    assert preprocess(texts, False, "none") == ["Hello WORLD  ", "中文文本 and English", ""]
    assert preprocess(texts, True, "none")[0] == "hello world  "
    chars = preprocess(texts, False, "chars")[1].split()
    assert chars == ["中", "文", "文", "本", "and", "English"]
    words = preprocess(texts, False, "jieba")[1].split()
    assert "English" in words and "中文" in words


def test_lowercase_and_jieba_models_are_consistent(corpora, tmp_path):
    out = tmp_path / "lower_jieba.bin"
    report = train_classifier(
        corpora["pos"], corpora["neg"], out, text_field="body", lowercase=True, cjk_tokenize="jieba", **FAST
    )
    assert report["heldout"]["f1"] >= 0.9
    op = QualityClassifier(model_path=str(out), mode="annotate")
    assert (op.lowercase, op.cjk_tokenize) == (True, "jieba")
    a, b = scores(op, ["PUBLIC HEALTH REPORT ON WATER", "public health report on water"])
    assert a == b


def test_training_is_reproducible(corpora, tmp_path):
    texts = ["the report on casino water", "免费领取水质报告"]
    results = []
    for name in ("a.bin", "b.bin"):
        out = tmp_path / name
        train_classifier(corpora["pos"], corpora["neg"], out, text_field="body", max_per_class=60, **FAST)
        results.append(scores(QualityClassifier(model_path=str(out), mode="annotate"), texts))
    assert results[0] == results[1]


def test_cli_prints_heldout_report(corpora, tmp_path):
    out = tmp_path / "cli.bin"
    buf = io.StringIO()
    argv = ["--positive", str(corpora["pos"][0]), "--positive", str(corpora["pos"][1])]
    argv += ["--negative", str(corpora["dir"] / "*.parquet"), "--out", str(out), "--text-field", "body"]
    argv += [
        "--epoch",
        "15",
        "--lr",
        "0.5",
        "--dim",
        "16",
        "--wordNgrams",
        "2",
        "--holdout",
        "0.2",
        "--seed",
        "3",
    ]
    with redirect_stdout(buf):
        rc = train_classifier_main(argv)
    assert rc == 0
    report = json.loads(buf.getvalue())
    assert set(report["heldout"]) >= {"precision", "recall", "f1"}
    assert report["holdout"] == {"positive": 48, "negative": 48}
    assert out.is_file() and sidecar_path(out).is_file()


def test_cli_reports_missing_input(tmp_path, capsys):
    rc = train_classifier_main(
        ["--positive", str(tmp_path / "no.jsonl"), "--negative", "x", "--out", str(tmp_path / "m.bin")]
    )
    assert rc == 2
    assert "not found" in capsys.readouterr().err


def test_operator_pickles_without_the_native_model(model):
    op = QualityClassifier(model_path=str(model), mode="annotate")
    before = scores(op, ["public health report"])
    clone = pickle.loads(pickle.dumps(op))
    assert clone._model is None
    assert scores(clone, ["public health report"]) == before


def test_compat_labels_and_format(model):
    m = FastTextModel(model)
    assert sorted(m.labels()) == ["__label__hq", "__label__lq"]
    assert m.predict("", 2) == []


def test_end_to_end_language_id_and_quality_classifier_on_ray(ray_session, model, tmp_path):
    """normalize -> language_id (keep en, zh) -> quality_classifier through the engine."""
    from engine.executor import run_config

    rng = random.Random(5)
    docs = {
        "good_en": make_doc(rng, GOOD_EN, " "),
        "good_zh": "".join(GOOD_ZH) + "。\n" + "".join(GOOD_ZH) + "。",  # real sentences: LID says zh
        "bad_en": make_doc(rng, BAD_EN, " "),
        "bad_zh": "这是全网最低价的秒杀活动，我们的赌场红包限时抢购，点击这里就可以免费领取优惠券。\n"
        "现在点击这里，免费领取优惠券，限时抢购。",
        "fr": "Le conseil municipal a approuvé mardi le nouveau budget après un long débat sur les transports.",
        "digits": "12345\n67890",
    }
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n" for k, v in docs.items())
    )
    out = tmp_path / "out"
    report = run_config(
        {
            "name": "lid_quality_e2e",
            "input": {"paths": [str(src)], "format": "jsonl"},
            "output": {"path": str(out), "format": "parquet", "overwrite": True},
            "execution": {"progress": False},
            "pipeline": [
                {"op": "normalize_text"},
                {"op": "language_id", "keep": ["en", "zh"], "resources": {"concurrency": 1}},
                {
                    "op": "quality_classifier",
                    "model_path": str(model),
                    "min_score": 0.5,
                    "resources": {"concurrency": 1},
                },
            ],
        }
    )
    assert report["accounting_ok"]
    assert (report["input_docs"], report["output_docs"]) == (6, 2)
    removed = {op["op"]: op["removed"] for op in report["ops"]}
    assert removed["language_id"] == {"lang_not_kept": 2}
    assert removed["quality_classifier"] == {"quality_score_below_min": 2}
    kept = pq.read_table(out / "data").to_pydict()
    assert sorted(kept["id"]) == ["good_en", "good_zh"]
    assert sorted(kept["lang"]) == ["en", "zh"]
    assert all(s >= 0.5 for s in kept["quality_score"])
