"""Chinese ADDRESS rules of helper address_zh13 (#16), each case found by this pass's rules (``FOUND``: each
unfound on 58fd706; ``KEPT``: found there too) and the look-alikes each rule must leave:

* a place named before its gate, locker or desk after 放/送/寄 (``_gate_places``: 快递放丰台科技园南门, 外卖放望京SOHO塔2
  前台); not a hospital, school, shop, office, station, park or sight, nor a name of two characters;
* an estate's phase or building between its name and 业主/物业 (万科城二期的业主), and an estate named by its
  developer's brand before its owners (保利天悦业主反映); not the company (万科物业, 万科集团的业主);
* after a home word, an estate named with its phase (住在金色港湾二期, 本人住万科城3期) or ending in 园 (我住在金桂园); not
  公园, 幼儿园, 校园;
* an estate word with its phase (阳光小区三期) or its building-unit-room in dashes (锦绣花园3-2-501), an estate after 在
  with what someone does there (我在锦绣花园等你), an estate before 后面/前面 after a home word;
* a range in ～ or ~ (幸福小区5～7栋, 花园路15～27号);
* Taiwan's counties and townships in traditional characters (彰化縣員林市中山路一段, 屏東縣恆春鎮);
* Beijing's numbered lanes in 条 before a house number (东四十条甲22号; not 第三条, 两条3号线).

The line for routes stays: a road named as the way taken (走人民路去, 沿着解放路, 从建设路往东拐) is no address.
"""

from __future__ import annotations

import pytest

from operators.pii.recognizers_address_zh import ChineseAddressRecognizer

# (text, the finding expected: its exact text)
FOUND = [
    ("快递放丰台科技园南门", "丰台科技园南门"),
    ("快递请放翠苑一区门口", "翠苑一区"),
    ("外卖放望京SOHO塔2前台", "望京SOHO塔2"),
    ("寄到科技大厦前台", "科技大厦"),
    ("万科城二期的业主", "万科城二期"),
    ("我是万科城二期的业主", "万科城二期"),
    ("碧桂园十里银滩的业主", "碧桂园十里银滩"),
    ("保利天悦业主反映", "保利天悦"),
    ("金色港湾二期的业主", "金色港湾二期"),
    ("万科城业主", "万科城"),
    ("我住在金桂园", "金桂园"),
    ("住在金色港湾二期", "金色港湾二期"),
    ("本人住金色港湾二期，想拼车", "金色港湾二期"),
    ("搬到了桃李园", "桃李园"),
    ("阳光小区三期", "阳光小区三期"),
    ("保利花园二期", "保利花园二期"),
    ("锦绣花园3-2-501", "锦绣花园3-2-501"),
    ("幸福小区5-1-302", "幸福小区5-1-302"),
    ("我在锦绣花园等你", "锦绣花园"),
    ("在阳光小区租房", "阳光小区"),
    ("我家在兴隆小区后面", "兴隆小区"),
    ("住在丽景花园前面", "丽景花园"),
    ("家住碧桂园后面", "碧桂园"),
    ("幸福里小区5~7栋", "幸福里小区5~7栋"),
    ("东风小区12～15号楼", "东风小区12～15号楼"),
    ("花园路15～27号", "花园路15～27号"),
    ("中山路100~108号沿街商铺", "中山路100~108号"),
    ("住在彰化縣員林市", "彰化縣員林市"),
    ("屏東縣恆春鎮", "屏東縣恆春鎮"),
    ("新竹縣竹北市光明六路", "新竹縣竹北市光明六路"),
    ("宜蘭縣三星鄉", "宜蘭縣三星鄉"),
    ("新地址是东四十条甲22号", "东四十条甲22号"),
    ("北新桥三条12号", "北新桥三条12号"),
    ("东四头条5号", "东四头条5号"),
]

# found before this pass too, kept by its rules
KEPT = [
    ("放到丽景花园东门就行", "丽景花园"),
    ("送货到锦绣花园东门", "锦绣花园东门"),
    ("快递送到中关村软件园西门", "中关村软件园西门"),
    ("我住万科城3期", "万科城3期"),
]

LOOKALIKES = [
    # gates
    "送到人民医院门口",
    "放在公司前台",
    "送到小区门口",
    "把孩子送到幼儿园门口",
    "政府开放北门",
    "送到颐和园北门",
    "送到了我们公司前台",
    "快递放在单元门口",
    "护送到天安门广场",
    "寄存在酒店前台",
    "放学校门口",
    "送到急诊科门口",
    "放在物美超市门口",
    "送到市场监管局南门",
    "送到北京西站北门",
    "送到人民公园南门",
    "放在图书馆门口",
    "送到实验小学门口",
    "放在工业园区门卫",
    "放在一楼门口",
    "解放北门",
    # owners
    "万科物业",
    "碧桂园的业主",
    "万科集团的业主",
    "保利物业服务",
    "恒大的业主维权",
    "小区业主",
    "本小区二期业主",
    "一期业主",
    "二期的业主们",
    # phases and 园 after a home word
    "住在公园附近",
    "住在动物园旁边",
    "家住颐和园附近",
    "住在幼儿园",
    "住在一期",
    "住在第三期",
    "他住院期间",
    "我住在校园里",
    "本期花园",
    "第二期花园",
    "在屋顶花园等你",
    "在小区等你",
    "在小区后面",
    # ranges and counties
    "本产品适用于12～15岁儿童",
    "1~3号选手进入决赛",
    "他是彰化縣人",
    "縣長選舉",
    "鄉鎮市長",
    # counts and articles before a number (not Beijing's 条 lanes)
    "第三条12号文件",
    "本法第一百二十条12号",
    "开通了两条3号线",
    "这三条12号线路",
    "他买了三条12号的裤子",
    "一条12号线",
    # routes
    "我们走人民路去火车站",
    "沿着解放路一直往前开",
    "从建设路往东拐就到了",
    "走中山路去医院要二十分钟",
]


@pytest.fixture(scope="module")
def rec() -> ChineseAddressRecognizer:
    return ChineseAddressRecognizer()


@pytest.mark.parametrize(("text", "span"), FOUND + KEPT)
def test_found(rec, text, span):
    got = [text[f.start : f.end] for f in rec.analyze(text)]
    assert span in got, got


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike(rec, text):
    assert [text[f.start : f.end] for f in rec.analyze(text)] == []
