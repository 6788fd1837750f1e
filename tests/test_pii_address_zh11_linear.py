"""Linear time of the Chinese ADDRESS recognizer (``operators/pii/recognizers_address_zh.py``) on issue 16's torture
shapes as helper address_zh11 (#16) measured them (a run of 路, short lines 家住阳光小区3栋, 长江路与 runs, a digit
run, a word then 100 dots, one long token, Zalgo) and on shapes of its rules: a building after a verb (送到12栋楼下),
a building's room (大厦1205室), a Hong Kong block's floor (閣18樓B室), an estate after a home word (搬到了上地东里),
a development zone then a road (经济开发区诚信大道) and a village after its town (沙河镇南街村), with small sizes:
T(8n) / T(n) of the thread's CPU time stays below 16 (linear 8, quadratic 64; tests/pii_linear.py's shared check,
a complexity test, not a speed test). The same shapes at 500 KB were measured by hand (commit message)."""

from __future__ import annotations

from operators.pii.recognizers_address_zh import ChineseAddressRecognizer
from tests.pii_linear import linear_tests


def _rep(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


CASES = {
    "road_run": _rep("路"),
    "short_lines": _rep("家住阳光小区3栋\n"),
    "junction_runs": _rep("长江路与"),
    "digit_run": _rep("7"),
    "dots_after_word": _rep("送到12栋" + "." * 100),
    "one_token": _rep("栋"),
    "zalgo": _rep("送\u0301\u0316到\u0334阳\u0335光\u0336苑\u03373\u0338栋"),
    "verb_buildings": _rep("送到12栋楼下放丽水湾5号楼"),
    "building_rooms": _rep("住在金桥大厦1205室"),
    "hk_block_floors": _rep("海星閣18樓B室"),
    "home_word_estates": _rep("搬到了上地东里住金茂府"),
    "zone_roads": _rep("江宁经济开发区诚信大道"),
    "zone_words": _rep("开发区新区园区"),
    "town_villages": _rep("沙河镇南街村"),
}

test_linear_time = linear_tests(ChineseAddressRecognizer, CASES, n=512, max_n=1 << 10, min_seconds=0.002)
