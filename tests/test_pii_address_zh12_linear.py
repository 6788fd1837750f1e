"""Linear time of the Chinese ADDRESS recognizer (``operators/pii/recognizers_address_zh.py``) on the shapes of helper
address_zh12's rules (#16): roads after 的 in a home clause (我家住在城南的建设路上), 东大街 and road sections
(红星路二段开了), 道 junctions (南京道和营口道交口), 小区叫 names, buildings after 我住, listings with a bar, estates
before 业主/物业, 在X开了 and Latin letters in an estate's name, and a word then 100 dots, one long token and Zalgo in
this session's words (issue 16's run of 路, short lines 家住阳光小区3栋, 长江路与 runs and digit run are
test_pii_address_zh11_linear's), with small sizes: T(8n) / T(n) of the thread's CPU time stays below 16 (linear 8,
quadratic 64; tests/pii_linear.py's shared check, a complexity test, not a speed test). The same shapes and issue 16's
at 64 KB and 512 KB were measured by hand (commit message).
"""

from __future__ import annotations

from operators.pii.recognizers_address_zh import ChineseAddressRecognizer
from tests.pii_linear import linear_tests


def _rep(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


CASES = {
    "dots_after_word": _rep("我家住在城南的" + "." * 100),
    "one_token": _rep("的"),
    "zalgo": _rep("住\u0301\u0316在\u0334城\u0335南\u0336的\u0337建\u0338设路上"),
    "home_clause_roads": _rep("我家住在城南的建设路上"),
    "home_clause_no_end": _rep("住在的的建设路"),
    "east_streets": _rep("在东大街开了一家红星路二段开了"),
    "dao_junctions": _rep("南京道和营口道交口"),
    "dao_joins": _rep("道与道和"),
    "named_estates": _rep("我们小区叫锦绣华庭，"),
    "jiao_run": _rep("小区叫"),
    "building_after_wo_zhu": _rep("我住5栋，"),
    "listing_bars": _rep("整租 | 万柳华府，三居室"),
    "owners": _rep("中建锦绣天地的业主"),
    "owner_words": _rep("业主物业"),
    "shop_frames": _rep("赵叔在龙洞堡开了"),
    "kai_le_run": _rep("开了"),
    "latin_estates": _rep("放绿地GOGO新天地2栋楼下"),
}

test_linear_time = linear_tests(ChineseAddressRecognizer, CASES, n=512, max_n=1 << 10, min_seconds=0.002)
