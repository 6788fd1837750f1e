"""language_id's Han-script rule: mostly-Han text without kana or Hangul is Chinese.

The bundled lid.176.ftz (quantized, pruned n-grams) labels ordinary short
Mandarin as ja / wuu or gives zh a probability under the usual 0.5 cut, so a
`keep: [en, zh], min_score: 0.5` chain removed about 8% of a Chinese review
corpus. The sentences below are written for this test.
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from operators.text.language import LanguageId

# Mandarin the bare model gets wrong (label, or zh under 0.5); checked in test_the_model_alone_gets_these_wrong
MISLABELED = [
    "房子不大但很干净，推荐入住。",  # ja
    "屏幕清晰，电池耐用，性价比高。",  # ja 0.99
    "快递员很负责，下雨天也准时到。",  # wuu
    "外卖送得很快，味道一般。",  # zh 0.44
]
JA = "東京大学に行きます。駅から近いです。"
KO = "서울은 큰 도시입니다. 한강이 흐릅니다."
YUE = "佢哋今日唔嚟啦，你食咗飯未呀？"
EN = "The hotel was clean and the staff were friendly, but breakfast was served far too late."


def _op(**params) -> LanguageId:
    op = LanguageId(**params)
    op.ensure_setup()
    return op


@pytest.fixture(scope="module")
def rule() -> LanguageId:
    return _op(keep=["en", "zh"], min_score=0.5)


@pytest.fixture(scope="module")
def bare() -> LanguageId:
    return _op(keep=["en", "zh"], min_score=0.5, han_rule=False)


def _scored(op: LanguageId, texts: list[str]) -> list[tuple[str, float]]:
    t = op.score(pa.table({"id": [str(i) for i in range(len(texts))], "text": pa.array(texts, pa.string())}))
    return list(zip(t.column("lang").to_pylist(), t.column("lang_score").to_pylist()))


def _kept(op: LanguageId, texts: list[str]) -> list[bool]:
    t = pa.table({"id": [str(i) for i in range(len(texts))], "text": pa.array(texts, pa.string())})
    return op.decide(op.score(t)).keep.tolist()


def test_the_model_alone_gets_these_wrong(bare):
    out = _scored(bare, MISLABELED)
    assert all(lang != "zh" or score < 0.5 for lang, score in out), out
    assert not any(_kept(bare, MISLABELED))


def test_mostly_han_text_is_zh_and_kept(rule):
    out = _scored(rule, MISLABELED)
    assert [lang for lang, _ in out] == ["zh"] * len(MISLABELED)
    assert all(score == pytest.approx(1.0) for _, score in out)  # every letter is Han
    assert all(_kept(rule, MISLABELED))


def test_kana_hangul_cantonese_and_english_keep_the_models_label(rule, bare):
    texts = [JA, KO, YUE, EN]
    assert _scored(rule, texts) == _scored(bare, texts)
    assert _scored(rule, [JA])[0][0] == "ja"
    assert _scored(rule, [YUE])[0][0] == "yue"
    # without a character only Cantonese writes, the model's yue on this Mandarin is not trusted
    mandarin = "来得太晚啦"
    assert _scored(bare, [mandarin])[0][0] == "yue"
    assert _scored(rule, [mandarin])[0] == ("zh", pytest.approx(1.0))


def test_threshold_on_the_han_share_of_letters(rule, bare):
    han = "屏幕清晰电池耐用性价比高"  # 12 Han characters, mislabeled ja by the bare model
    at = f"{han}，abcdef ghijkl。"  # 12 Latin letters: share 0.5
    below = f"{han}，abcdef ghijklm。"  # 13: share 12/25
    (lang_at, score_at), (lang_below, score_below) = _scored(rule, [at, below])
    assert (lang_at, score_at) == ("zh", pytest.approx(0.5))
    assert (lang_below, score_below) == _scored(bare, [below])[0]
    strict = _op(han_min_share=0.6)
    assert _scored(strict, [at])[0] == _scored(bare, [at])[0]


def test_one_kana_leaves_the_decision_to_the_model(rule, bare):
    text = MISLABELED[1] + "の"
    assert _scored(rule, [text]) == _scored(bare, [text])


def test_score_is_the_larger_of_model_zh_and_han_share(rule, bare):
    text = "外卖送得很快，味道一般。Good."  # model: zh under 0.5; Han 10 of 14 letters
    (blang, bscore), (lang, score) = _scored(bare, [text])[0], _scored(rule, [text])[0]
    assert lang == "zh"
    assert score == pytest.approx(max(bscore if blang == "zh" else 0.0, 10 / 14))


def test_predict_one_matches_score(rule):
    for text in MISLABELED + [JA, EN, ""]:
        lang, score = rule.predict_one(text)
        assert (lang, pytest.approx(score)) == _scored(rule, [text])[0]


def test_null_and_letterless_rows(rule):
    t = pa.table({"id": ["a", "b", "c"], "text": pa.array([None, "。。。", "１２３"], pa.string())})
    out = rule.score(t)
    assert out.column("lang").to_pylist() == ["und"] * 3
