"""Linear time of the Chinese ADDRESS recognizer (``operators/pii/recognizers_address_zh.py``) on the shapes of helper
address_zh14's rules (#16): buildings counted with 第 or written with #, spaces between an estate's parts, dashed
rooms after an estate (星河湾东区3-1-2001), Hong Kong blocks after 邨 (彩虹邨金華樓), roads' parts and named sections
(干諾道中12號, 青山公路元朗段188號), 之 in a road's name, junctions (南京东路西藏中路路口, 大学路跟黄河路), estates tied
by their clause (房子在碧水云天，小区, 我们小区是保利香槟国际, 康乐新村是老小区), and the torture inputs of #16: 100k of 路, 号, 栋 and 室,
a megabyte of digits and 号, and Zalgo; the shapes with many findings at 250 KB. T(8n) / T(n) of the thread's CPU
time stays below 16 (linear 8, quadratic 64; tests/pii_linear.py's shared check, a complexity test, not a speed
test: no wall-clock bound).
"""

from __future__ import annotations

import pytest

from operators.pii.recognizers_address_zh import ChineseAddressRecognizer
from tests.pii_linear import check_grown, linear_tests


def _rep(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


CASES = {
    "di_buildings": _rep("紫荆花园第3栋5楼B室"),
    "di_run": _rep("第3栋"),
    "hash_buildings": _rep("阳光小区5#楼1单元302，"),
    "hash_run": _rep("5#"),
    "spaced_parts": _rep("新城小区 3栋 2单元 402 "),
    "space_run": _rep("3栋 "),
    "dashed_rooms": _rep("星河湾东区3-1-2001"),
    "dash_run": _rep("1-"),
    "dash_digits": _rep("12-3-"),
    "hk_blocks": _rep("彩虹邨金华楼10楼"),
    "cun_run": _rep("邨楼"),
    "road_parts": _rep("干诺道中200号信德中心西座31楼3104室"),
    "named_sections": _rep("青山公路元朗段188号"),
    "zhi_roads": _rep("祖冲之路"),
    "latin_buildings": _rep("梳士巴利道18号K11 Musea 3楼"),
    "latin_run": _rep("K1 M1 "),
    "zhi_buildings": _rep("观塘道388号创纪之城1期渣打中心15楼"),
    "town_villages": _rep("大王庄乡后寨村"),
    "corners": _rep("南京东路西藏中路路口"),
    "corner_run": _rep("路路口"),
    "gen_joins": _rep("大学路跟黄河路十字路口"),
    "ring_joins": _rep("北四环与京藏高速交汇处"),
    "clause_estates": _rep("房子在碧水云天，小区"),
    "xiaoqu_is": _rep("我们小区是保利香槟国际，"),
    "xiaoqu_run": _rep("小区是"),
    "joined_estates": _rep("住世纪花园还是新世纪花园"),
    "joined_before_residents": _rep("阳光小区和幸福小区的居民"),
    "conj_run": _rep("小区和"),
    "estate_is_xiaoqu": _rep("康乐新村是老小区"),
    "ju_estates": _rep("搬到了桃源居"),
    "zalgo": _rep("住\u0301在\u0316阳\u0334光\u0335小\u0336区\u03373\u0338栋\u0339第\u033a2\u033b座"),
}

test_linear_time = linear_tests(ChineseAddressRecognizer, CASES, n=512, max_n=1 << 10, min_seconds=0.002)

#: #16's torture inputs at full size: 100,000 characters of 路, 号, 栋 and 室 (T(100k) against T(12.5k)), and a
#: megabyte of digits and 号 (T(1M) against T(128k)).
TORTURE = {
    "lu_100k": (_rep("路"), 12_500),
    "hao_100k": (_rep("号"), 12_500),
    "dong_100k": (_rep("栋"), 12_500),
    "shi_100k": (_rep("室"), 12_500),
    "digits_hao_1mb": (_rep("1234567号"), 1 << 17),
    # many findings, each given way to by a dashed room (31.25 KB against 250 KB: a filter of each finding against
    # every room, quadratic, shows only at this size)
    "dashed_after_found": (_rep("金地格林小城5期32-1-602"), 31_250),
    "dashed_after_estate": (_rep("万科城二期5-2-301的业主"), 31_250),
}


@pytest.fixture(scope="module")
def rec() -> ChineseAddressRecognizer:
    return ChineseAddressRecognizer()


@pytest.mark.parametrize("case", sorted(TORTURE))
def test_torture_linear(rec, case):
    make, n = TORTURE[case]
    check_grown(rec.analyze, make, case, n=n, max_n=n, min_seconds=0.0)
