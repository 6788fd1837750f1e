"""The statistical name model for Chinese PERSON candidates in weak context
(``operators/pii/zh_name_model.py``) and what the recognizer does with it: a surname and one
given-name character that no cue frames are a name where the model's log odds reach THRESHOLD;
dictionary words, prepositions, transliterations, organisations and brands named after people
are not."""

from __future__ import annotations

import math

import pytest

from operators.pii import zh_name_model
from operators.pii.recognizers_person_zh import ChinesePersonRecognizer
from operators.pii.zh_name_model import THRESHOLD, ZhNameModel, build


@pytest.fixture(scope="module")
def recognizer() -> ChinesePersonRecognizer:
    return ChinesePersonRecognizer()


def _names(recognizer, text):
    return [text[f.start : f.end] for f in recognizer.analyze(text)]


@pytest.mark.parametrize(
    "text, names",
    [
        ("周婷考上了研究生。", ["周婷"]),  # a line start, a word after
        ("我昨天碰见杨帆了。", ["杨帆"]),  # after an ordinary verb, no cue
        ("楼主韩冰说得对。", ["韩冰"]),  # after a role word no list holds
        ("这个方案车辉不同意。", ["车辉"]),  # a word ends before it and one starts after it
        ("我看见张伟在跑", ["张伟"]),
        # a third character where a word that follows names comes after it (梁坤奠是)
        ("。梁坤奠是广东汕头人。", ["梁坤奠"]),
        ("李茹是随父母来的。", ["李茹"]),  # 是 is no given name: two characters
        ("梁军感到很温暖。", ["梁军"]),  # 感到 is a word: no third character
    ],
)
def test_model_names(recognizer, text, names):
    assert _names(recognizer, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "五星红旗冉冉升起。",  # a jieba word (冉冉), whatever its tag
        "杨梅季节到了。",
        "道教景观闻名于世。",  # 于 after a word is a preposition
        "他担任菲律宾大使。",  # 任 after 担 closes a word
        "塔吉克斯坦总统访问。",  # inside a transliteration
        "湛江市惠珍联合医院院长。",  # an organisation named after it
        "我喜欢住索菲特。",  # a hotel stayed at
        "金龙鱼食用油正在促销。",  # a brand (cn_brand_names.txt, always)
        "李宁的这款跑鞋穿着很舒服。",  # a brand named after a person, a product close after it
        "我买了一箱康师傅方便面。",  # a purchase word before it
        "周大福今年推出了生肖系列。",
    ],
)
def test_model_not_names(recognizer, text):
    assert _names(recognizer, text) == []


def test_brand_named_person_kept(recognizer):
    # a word that follows a person right after the brand's name: the person (李宁曾说过)
    assert _names(recognizer, "李宁曾说过，李宁牌要创新。") == ["李宁"]
    assert _names(recognizer, "王老吉说") == ["王老吉"]  # (a cue after the name: no brand window)


def _write(tmp_path, lines):
    path = tmp_path / "model.txt"
    path.write_text("".join(lines), encoding="utf-8")
    return ZhNameModel(path)


def test_threshold_decides(recognizer, tmp_path, monkeypatch):
    """The same candidate is a name with log odds at THRESHOLD and none just below it: the
    given character's odds are set so that the sum lands on either side."""
    text = "今天我碰见杨帆了。"
    i = text.index("杨")
    base = _write(tmp_path, ["s\t杨\t1\t1\n", "g\t帆\t1\t1\n"])  # odds log(2/2) = 0 for both
    z0 = base.logit(text, i, i + 1, i + 2, text[i - 1])
    # the given character's odds that make the sum THRESHOLD exactly (weight g), then 0.01 less
    need = (THRESHOLD - z0) / zh_name_model.WEIGHTS["g"]
    for odds, name in ((need, True), (need - 0.01, False)):
        # names / words so that log((names + 1) / (words + 1)) is odds, rounded up at the threshold
        names = (math.ceil if name else math.floor)(1_000_000 * math.exp(odds)) - 1
        model = _write(tmp_path, ["s\t杨\t1\t1\n", f"g\t帆\t{names}\t999999\n"])
        z = model.logit(text, i, i + 1, i + 2, text[i - 1])
        assert (z >= THRESHOLD) == name, (odds, z)
        monkeypatch.setattr(recognizer, "_model", model)
        assert (_names(recognizer, text) == ["杨帆"]) == name


def test_logit_features(tmp_path):
    model = _write(tmp_path, ["s\t王\t50\t0\n", "g\t明\t50\t5\n", "p\t明天\n", "w\t王者\n"])
    z = model.logit("，王明，", 1, 2, 3, "，")
    assert z > THRESHOLD
    assert model.logit("，王明天", 1, 2, 3, "，") < z  # 明天 is a word: the given character leaves
    assert model.logit("，王者，", 1, 2, 3, "，") == -100.0  # a word of the dictionary
    assert model.logit("塔王明，", 1, 2, 3, "塔") < model.logit("我王明，", 1, 2, 3, "我")  # transliteration
    assert model.logit("，王明是", 1, 2, 3, "，") > model.logit("，王明斯", 1, 2, 3, "，")


def test_build(tmp_path):
    """``build`` counts the given-name characters of jieba's 3-character names (tag nr) against
    their uses in 2-character non-name words, and keeps the dictionary's 2-character entries that
    begin with a surname."""
    d = tmp_path / "dict.txt"
    d.write_text(
        "王晓明 5 nr\n李晓红 3 nr\n晓得 50 v\n王者 281 n\n明天 900 t\n冉冉 202 nr\n李子 40 n\n",
        encoding="utf-8",
    )
    text = build(str(d), {"王", "李", "冉"})
    lines = set(text.splitlines())
    assert "s\t王\t1\t1" in lines  # one name, one word (王者) start with 王
    assert "g\t晓\t2\t1" in lines  # in two names, one word (晓得)
    assert "p\t明天" in lines and "p\t王者" in lines  # frequent pairs
    assert "w\t冉冉" in lines and "w\t李子" in lines  # entries of any tag
    model = _write(tmp_path, [text])
    assert model.logit("，王晓，", 1, 2, 3, "，") > model.logit("，王得，", 1, 2, 3, "，")
