"""Traditional Chinese read as simplified, one code point for one (operators/pii/zh_variants.py)."""

from __future__ import annotations

from operators.pii.zh_variants import _map, to_simplified
from tests.pii_linear import best_cpu


def test_traditional_forms_map_to_simplified_with_the_same_length():
    trad = "陳大文住在臺北市大安區忠孝東路四段123號5樓"
    simp = to_simplified(trad)
    assert simp == "陈大文住在台北市大安区忠孝东路四段123号5楼"
    assert len(simp) == len(trad)


def test_simplified_and_ascii_text_come_back_unchanged():
    for text in ("张伟住在北京市朝阳区建国路88号", "乾隆年间於某地征收", "plain ASCII 123", ""):
        for times in (1, 50):  # short texts are checked per character, long ones through the bitmap
            t = text * times
            assert to_simplified(t) is t


def test_long_and_short_texts_are_mapped_alike():
    for trad, simp in (
        ("陳大文住在臺北市大安區", "陈大文住在台北市大安区"),
        ("\ud800 lone surrogate 陳", "\ud800 lone surrogate 陈"),
    ):
        for times in (1, 40):
            assert to_simplified(trad * times) == simp * times


def test_the_map_is_one_code_point_each_and_never_touches_simplified_characters():
    table, _, _ = _map()
    assert len(table) > 4000
    assert all(0 <= v < 0x110000 for v in table.values())
    simplified_values = set(table.values())
    assert not simplified_values & set(table)  # a mapped character's result is never mapped again
    for ch in "乾於徵":  # traditional forms that simplified text also uses: left alone
        assert ord(ch) not in table


def test_linear_time_on_long_text():
    def cpu(text: str) -> float:
        return best_cpu(lambda: to_simplified(text), 3)

    unit = "陳大文於臺北市大安區" * 5_000  # 50k characters
    small, large = cpu(unit), cpu(unit * 4)
    assert large < max(small, 0.01) * 12  # linear: 4x text ~4x CPU (generous bound for a loaded machine)


PAIRS = [  # (traditional, simplified): the same text in both scripts, same length
    ("聯絡人：陳志明先生，電話請洽櫃檯。", "联络人：陈志明先生，电话请洽柜台。"),
    (
        "收件人劉德華，地址：臺北市大安區忠孝東路四段123號5樓",
        "收件人刘德华，地址：台北市大安区忠孝东路四段123号5楼",
    ),
    (
        "被告人張某某於2019年在廣東省深圳市南山區實施詐騙。",
        "被告人张某某於2019年在广东省深圳市南山区实施诈骗。",
    ),
    ("黃先生說，這家店的服務很好。", "黄先生说，这家店的服务很好。"),
]


def test_pii_redact_finds_in_traditional_text_what_it_finds_in_simplified():
    from engine import runner
    from operators.pii import PiiRedact

    op = PiiRedact(mode="annotate", entities=["PERSON", "ADDRESS"])
    runner.start(op)
    for trad, simp in PAIRS:
        assert len(trad) == len(simp)
        want = [(f.entity, f.start, f.end) for f in op.find(simp)]
        assert want, simp  # the simplified form has a name or an address
        assert [(f.entity, f.start, f.end) for f in op.find(trad)] == want, trad
