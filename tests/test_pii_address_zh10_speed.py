"""The Chinese ADDRESS recognizer's one-pass scan and its division-name search give what the passes they
replaced gave (#16, helper address_zh10): the same positions, so the same findings.

* ``_scan`` (one ``_SCAN`` pass) against each rule's own pass: ``_ANY_CUE.finditer`` (address and tie words),
  ``_EVIDENCE.finditer`` (house numbers and residential words), ``_DIVISION_THEN_STREET.finditer``, and the
  gates ``_ROAD_NUMBER_GATE``, ``_BUILDING_GATE`` and ``_CROSSING_JOIN``;
* ``_division_anchors`` against a pyahocorasick automaton of the division names (the search it replaced);
* ``simplified`` against ``str.translate(TRADITIONAL_TO_SIMPLIFIED)``.
"""

from __future__ import annotations

import random

import ahocorasick
import pytest

from operators.pii import recognizers_address_zh as zh
from operators.pii.recognizers_address_zh import ChineseAddressRecognizer

#: Characters of every rule the scan answers for, and a few that end or interrupt them.
_ALPHABET = (
    "号栋幢座室层弄楼巷元单村区园苑屯邨寓厦箱院新社小花家公大信1２一十甲x市县旗州盟路街道胡同镇乡与和住址在于所地"
    "居现寄往到至发送户籍贯搬迁位坐落暂租标去进我他上出车汽期0 ，\n整直合转售急房源："
)
_SENTENCES = [
    "收货地址：浙江省杭州市西湖区文三路478号华星时代广场A座1203室",
    "户籍所在地河南省周口市郸城县汲冢镇王庄村3组",
    "我家住在阳光小区3号楼2单元501，离长江路与黄河路交叉口不远。",
    "他在五道口上班，出租车司机说新村村口有3号院。",
    "中国有23个省、5个自治区，第一层是大厅，12345678号不是门牌。",
]


def _passes(text: str) -> tuple:
    return (
        [m.span() for m in zh._ANY_CUE.finditer(text)],
        [m.start() for m in zh._EVIDENCE.finditer(text)],
        [m.end() for m in zh._DIVISION_THEN_STREET.finditer(text)],
        zh._ROAD_NUMBER_GATE.search(text) is not None,
        zh._BUILDING_GATE.search(text) is not None,
        zh._CROSSING_JOIN.search(text) is not None,
    )


def _scanned(text: str) -> tuple:
    s = zh._scan(text)
    return ([m.span() for m in s.cues], s.evidence, s.streets, s.road_numbers, s.buildings, s.joins)


def _random_texts(seed: int, n: int, alphabet: str, most: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, most))) for _ in range(n)]


def test_scan_equals_each_rules_own_pass():
    texts = _SENTENCES + _random_texts(10, 6000, _ALPHABET, 24)
    for text in texts:
        assert _scanned(text) == _passes(text), text
    found = [_passes(t) for t in texts]
    for k in range(6):  # every answer is exercised (each rule finds something in some texts)
        assert sum(bool(f[k]) for f in found) >= 40  # (241, 2366, 836, 272, 132 and 48 of 6,005)


def test_scan_on_a_sentence():
    text = "户籍所在地河南省周口市郸城县汲冢镇王庄村3组，现住新村12345678号院"
    s = zh._scan(text)
    assert [m.group() for m in s.cues] == ["户籍", "所在地"]  # (现住 is no address word; 住 after 现 no tie)
    # 王庄村's 村, 新村 at 新, and the house number from the sixth numeral before 号 (not 号院: 8号 is the house)
    assert s.evidence == [19, 25, 29]
    assert s.streets == [17]  # 周口市 ... 汲冢镇: a division, then a town
    assert s.road_numbers and not s.buildings and not s.joins


@pytest.fixture(scope="module")
def recognizer() -> ChineseAddressRecognizer:
    return ChineseAddressRecognizer()


def test_division_anchors_equal_an_automaton_of_the_names(recognizer):
    names = sorted(n for n in recognizer.divisions if len(n) >= 2)
    auto = ahocorasick.Automaton()
    for name in names:
        auto.add_word(name, len(name))
    auto.make_automaton()
    rng = random.Random(11)
    pieces = names[::7] + [n[:-1] for n in names[::13]] + list("的在和市区县省路号1，")
    hits = 0
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        got: list[tuple[int, int]] = []
        recognizer._division_anchors(text, lo, hi, got)
        want = [(lo + e + 1 - k, lo + e + 1) for e, k in auto.iter(text[lo:hi])]
        assert sorted(got) == sorted(want), (text, lo, hi)
        hits += len(want)
    assert hits > 1000


def test_simplified_equals_translate():
    trad = "".join(chr(k) for k in zh.TRADITIONAL_TO_SIMPLIFIED)
    for text in [
        "臺北市大安區忠孝東路四段1號3樓",
        "九龍旺角彌敦道123號信和中心5樓B室",
        *_random_texts(12, 500, trad + "路街a1", 30),
    ]:
        assert zh.simplified(text) == text.translate(zh.TRADITIONAL_TO_SIMPLIFIED)
