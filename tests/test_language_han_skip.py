"""language_id: texts the Han-script rule settles whatever the model says are not scored by the model.

A sample whose letters are all Han (share 1), with no kana, Hangul, Cantonese- or Wu-only
character, ends as ``zh`` with score 1 for any label and probability the model could give, so
the model is not asked; every other row still is, and the output is the same as scoring all."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from operators.text import language
from operators.text.language import LanguageId

ALL_HAN = [
    "房间装修不错，早餐也挺好。",  # the bare model says ko
    "市政府周二批准了新的预算，此前议员们就公共交通、学校以及河上旧桥的维修进行了长时间的辩论。",
    "市政府週二批准了新的預算，此前議員們就公共交通、學校以及河上舊橋的維修進行了長時間的辯論。",
    "好" * 3000 + "。",  # sampled
    "价格：128元，2024年3月5日。",  # digits and punctuation are no letters
]
OTHERS = [
    "这家酒店的wifi信号很差，房间还可以。",  # Latin letters: share < 1, the model's zh probability may win
    "市議会は火曜日、新しい予算を承認しました。",  # kana
    "오늘 날씨가 좋네요 好",  # Hangul
    "佢哋喺度食飯，好好味。",  # Cantonese-only characters: a yue label stands
    "侬今朝去哪里？阿拉一道去。",  # Wu-only characters
    "The city council approved the new budget on Tuesday.",
    "12345 !!!",  # no letter: und
    "",
    "Le conseil municipal a approuvé le budget 预算.",
    "好" * 100 + " word " + "好" * 4000,  # sampled: the first chunk holds "word"
]
# sampled: the sample misses the Latin word in the middle, so its letters are all Han
SAMPLED_AWAY = ["好" * 2000 + " word " + "好" * 2000]


@pytest.fixture(scope="module")
def op() -> LanguageId:
    o = LanguageId(keep=["en", "zh"], min_score=0.5)
    o.ensure_setup()
    return o


def _score(op: LanguageId, texts: list[str]) -> tuple[list[str], np.ndarray]:
    out = op.score(pa.table({"text": pa.array(texts, pa.string())}))
    return out.column("lang").to_pylist(), out.column("lang_score").to_numpy()


class _Counting:
    def __init__(self, model) -> None:
        self.model = model
        self.seen: list[str] = []

    def predict(self, text: str, k: int = 1, threshold: float = 0.0):
        self.seen.append(text)
        return self.model.predict(text, k, threshold)


def test_all_han_samples_are_not_scored_by_the_model(op, monkeypatch):
    counting = _Counting(op._model)
    monkeypatch.setattr(op, "_model", counting)
    texts = ALL_HAN + SAMPLED_AWAY + OTHERS
    langs, scores = _score(op, texts)
    with_letters = [t for t in OTHERS if any(c.isalpha() for c in t)]
    assert len(counting.seen) == len(with_letters)
    assert not any(t in counting.seen for t in ALL_HAN[:3])
    settled = len(ALL_HAN) + len(SAMPLED_AWAY)
    assert langs[:settled] == ["zh"] * settled
    assert scores[:settled].tolist() == [1.0] * settled


def test_same_output_as_scoring_every_row(op, monkeypatch):
    texts = ALL_HAN + OTHERS + SAMPLED_AWAY + ALL_HAN[::-1] + OTHERS[::-1]
    langs, scores = _score(op, texts)
    monkeypatch.setattr(language, "_settled_rows", lambda han: set())
    langs_all, scores_all = _score(op, texts)
    assert langs == langs_all
    assert np.array_equal(scores, scores_all)
    assert scores.dtype == scores_all.dtype == np.float32


def test_without_the_han_rule_every_row_is_scored(monkeypatch):
    o = LanguageId(han_rule=False)
    o.ensure_setup()
    counting = _Counting(o._model)
    monkeypatch.setattr(o, "_model", counting)
    _score(o, ALL_HAN)
    assert len(counting.seen) == len(ALL_HAN)


def test_a_share_below_one_is_still_scored(op, monkeypatch):
    counting = _Counting(op._model)
    monkeypatch.setattr(op, "_model", counting)
    text = "这家酒店的wifi信号很差，房间还可以，早餐一般。"
    langs, _ = _score(op, [text])
    assert counting.seen == [text]
    assert langs == ["zh"]


def test_han_share_counts_every_letter_once():
    """The share's letter count (Han less non-letter Han plus non-Han letters) is RE2's \\pL count,
    over every code point: 64 consecutive ones per text, each with a Han character."""
    import pyarrow.compute as pc

    cps = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    texts = pa.array(["好" + "".join(map(chr, cps[i : i + 64])) for i in range(0, len(cps), 64)])
    stats = language._han_stats(texts, 0.5)
    assert len(stats.rows) == len(texts)

    def count(pattern: str) -> np.ndarray:
        return pc.count_substring_regex(texts, pattern).to_numpy(zero_copy_only=False)

    assert np.array_equal(stats.share, count(r"\p{Han}") / count(r"\pL"))
