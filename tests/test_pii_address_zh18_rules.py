"""Rules of helper address_zh18 (#16) in the Chinese ADDRESS recognizer, each with its look-alikes, and their linear
time: Macau's squares (前地) with a house number (澳門亞馬喇前地6號), 也 as a road name's last character (氹仔官也街13號),
Hong Kong estates named 上邨/下邨 (牛頭角下邨貴顯樓), a road written in Latin letters before its 號 (中環Queen's Road
Central 18號新世界大廈1期10樓), and Taiwan's 鄰 and 衖 and Shanghai's 支弄 inside a chain (三共里12鄰光華路55號,
康定路173巷3衖2號, 陕西北路186弄12支弄5号), Taiwan's districts as divisions (搬到永和區中正路了), and spaces between Chinese and digits read
as absent (景平路 700 號 3 樓).
"""

from __future__ import annotations

import pytest

from operators.pii import PiiRedact
from operators.pii.recognizers_address_zh import ChineseAddressRecognizer
from tests.pii_linear import linear_tests
from tests.pii_marked import finding_texts


@pytest.fixture(scope="module")
def op():
    op = PiiRedact(mode="annotate")
    op.ensure_setup()
    return op


FOUND = [
    ("他一家住在澳門亞馬喇前地6號二樓。", "澳門亞馬喇前地6號二樓"),
    ("學校舊址在澳門白鴿巢前地12號，現已改建。", "澳門白鴿巢前地12號"),
    ("收件地址：板樟堂前地3號地下", "板樟堂前地3號地下"),
    ("餐廳開在氹仔官也街13號，葡國菜做得不錯。", "氹仔官也街13號"),
    ("地址：官也街13號", "官也街13號"),
    ("屋企喺牛頭角下邨貴顯樓，由細住到大。", "牛頭角下邨貴顯樓"),
    ("我住牛頭角上邨常逸樓。", "牛頭角上邨常逸樓"),
    (
        "辦公室地址：中環Queen's Road Central 18號新世界大廈1期10樓",
        "中環Queen's Road Central 18號新世界大廈1期10樓",
    ),
    ("我住尖沙咀Nathan Road 132號美麗都大廈A座6樓。", "尖沙咀Nathan Road 132號美麗都大廈A座6樓"),
    ("送到Des Voeux Road West 88號2樓B室", "Des Voeux Road West 88號2樓B室"),
    ("他的戶籍地在屏東縣潮州鎮三共里12鄰光華路55號。", "屏東縣潮州鎮三共里12鄰光華路55號"),
    ("老家在臺北市萬華區康定路173巷3衖2號，門口有棵老榕樹。", "臺北市萬華區康定路173巷3衖2號"),
    ("寄到上海市静安区陕西北路186弄12支弄5号。", "上海市静安区陕西北路186弄12支弄5号"),
    ("他家在新闸路1124弄2支弄18号的亭子间。", "新闸路1124弄2支弄18号"),
    ("住址：新北市中和區景平路 700 號 3 樓", "新北市中和區景平路 700 號 3 樓"),
    ("寄到板橋區文化路一段188號", "板橋區文化路一段188號"),
    ("搬到永和區中正路了", "永和區中正路"),
    ("在中正區重慶南路開店", "中正區重慶南路"),
    ("住在三重區重新路五段", "三重區重新路五段"),
    ("我住在新店區北新路", "新店區北新路"),
    ("請寄 景平路 700 號 3 樓 給我", "景平路 700 號 3 樓"),
    ("收件：永和區保生路 1 號", "永和區保生路 1 號"),
    ("九龍塘窩打老道 200 號", "九龍塘窩打老道 200 號"),
    ("地址︰香港 灣仔 駱克道 33 號 15 樓", "灣仔 駱克道 33 號 15 樓"),
    ("中環德輔道中 141 號 中保集團大廈 6 樓", "中環德輔道中 141 號 中保集團大廈 6 樓"),
]

NOT_FOUND = [
    "議事亭前地擠滿了遊客。",  # a square named alone: a sight
    "在前地3号",  # no name before 前地
    "我也住3号楼",  # 也 with no name before it
    "他们也街5号",
    "在门前花园里乘凉",  # a place by a house (上/下/前 end no estate but 邨's)
    "屋后花园种了菜",
    "我在Abbey Road上听了这张专辑",  # a Latin street with no 号
    "我买了Street Fighter 5号",  # no street name before the word
    "我们是12邻居",  # 邻居 is no 鄰
    "走在上海的弄堂里",
    "我下週要去新北市板橋區找朋友。",  # a district alone
    "永和區的豆漿很有名",
    "他在中正區工作",
    "新社区建设进展顺利",  # 新社區 is left out of Taiwan's list
    "我買了 3 號線的票",  # spaced as written: a metro line stays none
    "共有 12 號 選手參賽",
    "第 5 號 颱風 明天 登陸",
]


@pytest.mark.parametrize(("text", "span"), FOUND)
def test_found(op, text, span):
    assert span in finding_texts(op, text, "ADDRESS")


@pytest.mark.parametrize("text", NOT_FOUND)
def test_not_found(op, text):
    assert finding_texts(op, text, "ADDRESS") == []


def test_also_road_keeps_its_left():
    """也 ends a road's name only after a name character: the sentence before it stays out."""
    r = ChineseAddressRecognizer()
    text = "他也路过中山路5号"
    assert [text[f.start : f.end] for f in r.analyze(text)] == ["中山路5号"]


def test_spaced_spans_map_back():
    """A finding in spaced text is mapped back onto the text as written, its spaces inside it."""
    r = ChineseAddressRecognizer()
    text = "寄件：台中市南屯區公益路二段 51 號 18 樓，謝謝"
    assert [text[f.start : f.end] for f in r.analyze(text)] == ["台中市南屯區公益路二段 51 號 18 樓"]


def _rep(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


CASES = {
    "squares": _rep("澳门亚马喇前地6号二楼，"),
    "square_run": _rep("前地6号"),
    "ye_roads": _rep("氹仔官也街13号"),
    "ye_run": _rep("也街1号"),
    "cun_xia": _rep("牛头角下邨贵显楼，"),
    "latin_roads": _rep("中環Queen's Road Central 18號新世界大廈1期10樓"),
    "latin_words": _rep("Road Road Street 號"),
    "latin_caps": _rep("Ab Cd Ef Gh Road 1號"),
    "latin_no_number": _rep("A B C D E F Road 號"),
    "latin_gate_run": _rep("a 1号a1号"),
    "lin_lanes": _rep("三共里12邻光华路55号"),
    "zhi_long": _rep("陕西北路186弄12支弄5号"),
    "zhi_run": _rep("1支弄2衖3邻"),
    "tw_districts": _rep("永和區中正路"),
    "tw_district_run": _rep("區區三重"),
    "spaced_numbers": _rep("景平路 700 號 3 樓 "),
    "spaced_run": _rep("號 1 號 1 樓 "),
    "spaced_wide": _rep("路\u30001\u3000號"),
}

test_linear_time = linear_tests(ChineseAddressRecognizer, CASES, n=512, max_n=1 << 10, min_seconds=0.002)
