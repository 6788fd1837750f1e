"""Linear time of the Chinese ADDRESS recognizer (``operators/pii/recognizers_address_zh.py``) on the torture
shapes of helper address_zh10 (#16; issue 16's run of 路, short lines 家住阳光小区3栋, 长江路与 runs and digit run
are test_pii_address_zh9_linear's): a word then 100 dots, one long token, Zalgo, and shapes of the one-pass scan
(``_scan``: division suffixes before long names, numbers before their words, address words, joins), the
division-name search (``_division_anchors``), the traditional-character pass (``simplified``) and the recall
rules (listings, 坐标, Hong Kong roads, buildings and floors, villages after towns, subdistricts), with small
sizes: T(8n) / T(n) of the thread's CPU time stays below 16 (linear 8, quadratic 64; tests/pii_linear.py's
shared check, a complexity test, not a speed test). The same shapes at 500 KB were measured by hand (commit
message)."""

from __future__ import annotations

from operators.pii.recognizers_address_zh import ChineseAddressRecognizer
from tests.pii_linear import linear_tests


def _rep(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


CASES = {
    "dots_after_word": _rep("家住阳光小区" + "." * 100),
    "one_token": _rep("址"),
    "zalgo": _rep("收\u0301\u0316货\u0334地\u0335址\u0336：\u0337"),
    "suffix_before_names": _rep("市" + "中" * 30),
    "numbers_before_words": _rep("1号2栋3单元4室5层6弄7楼8巷9区1期2"),
    "numeral_run_then_word": _rep("一二三四五六七八九十" * 5 + "号"),
    "address_words": _rep("户籍所在地住址居住地"),
    "division_names": _rep("北京市朝阳区上海浦东新区"),
    "traditional": _rep("臺北市大安區忠孝東路1號3樓"),
    "joins": _rep("路与街和道与"),
    "listing_words": _rep("整租丽景华庭二期"),
    "listing_names": _rep("合租" + "苑" * 40),
    "located_runs": _rep("坐标成都市武侯区"),
    "hk_roads_after_cue": _rep("我住在九龍何文田公主"),
    "road_building_floor": _rep("道宏利金融中心8樓"),
    "villages_after_towns": _rep("利民镇张庄"),
    "subdistrict_runs": _rep("西乡街道"),
}

test_linear_time = linear_tests(ChineseAddressRecognizer, CASES, n=1024, max_n=1 << 11, min_seconds=0.003)
