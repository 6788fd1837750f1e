"""Rules of helper address_zh12 (#16) for the Chinese ADDRESS recognizer (``operators/pii/recognizers_address_zh.py``),
each found case failing before them (on f213880, the session's start): a road named alone after 的 in a clause that
places a home or a shop (我家住在城南的建设路上, 店开在老街的北大街上, 附近的胜利路二段开了一家超市), a road with its
direction before 那边 (中山北路那边), a junction of two of Tianjin's 道 roads (南京道和营口道交口), an estate or a village
named after 叫 (我们小区叫锦绣华庭), a building after 我住/她住 with no estate named (我住5栋，), a listing with a bar
or a comma around the estate (整租 | 万柳华府，三居室), an estate before its owners or management in an estate word
``_estates`` does not read (保利香槟国际的业主), a neighbourhood where someone opened a shop (在龙洞堡开了一家修车铺),
an estate's name holding Latin letters before its building (绿地GOGO新天地2栋) and a lane in 里 with its house number
(永康里3号). Look-alikes: routes and sights in the same shapes, 叫 of no name, companies and kinds before 业主/物业, 道
words that are no roads, 公里/这里/星期里 before a number."""

from __future__ import annotations

import pytest

from operators.pii.recognizers_address_zh import ChineseAddressRecognizer

FOUND = [
    ("我家住在城南的建设路上。", "建设路"),
    ("她搬到了城北的幸福路，离单位近。", "幸福路"),
    ("他的店开在老街的北大街上。", "北大街"),
    ("在东大街开了一家面馆。", "东大街"),
    ("他们在火车站附近的胜利路二段开了一家超市。", "胜利路二段"),
    ("我爸妈住在老城，中山北路那边。", "中山北路"),
    ("我们在南京道和营口道交口见。", "南京道和营口道交口"),
    ("事发地在大理道与睦南道交口。", "大理道与睦南道交口"),
    ("我们小区叫锦绣华庭，离地铁很近。", "锦绣华庭"),
    ("我住的那个小区，叫翠湖新城。", "翠湖新城"),
    ("我们村叫杨家村，在山脚下。", "杨家村"),
    ("我住5栋，你到了打电话。", "5栋"),
    ("她住3号楼。", "3号楼"),
    ("整租 | 海淀区万柳华府，三居室", "海淀区万柳华府"),
    ("【出租】锦绣华府3室2厅，拎包入住", "锦绣华府"),
    ("转租：阳光新城2期，单间朝南", "阳光新城2期"),
    ("保利香槟国际的业主反映电梯故障。", "保利香槟国际"),
    ("华润翡翠城物业服务太差。", "华润翡翠城"),
    ("赵叔在龙洞堡开了一家修车铺。", "龙洞堡"),
    ("外卖放绿地GOGO新天地2栋楼下。", "绿地GOGO新天地2栋"),
    ("她住在永康里3号。", "永康里3号"),
    ("地址是光明里5号院。", "光明里5号院"),
]

LOOKALIKES = [
    "沿着城东的解放路一直往北走。",
    "记者来到城东的解放路，看到积水很深。",
    "他喜欢城东的解放路的夜景。",
    "我家住在北京，喜欢去城东的王府井大街逛街。",
    "新开的楼盘叫翡翠花园，价格不菲。",
    "我们小区叫外卖很方便。",
    "这个小区叫什么名字？",
    "公司在上海开了一家分店。",
    "会议在北京开了三天。",
    "万科物业发布公告。",
    "在国际社区的业主中调查。",
    "大学城物业管理处。",
    "街道与社区联合开展活动。",
    "通道和楼梯要保持畅通。",
    "城市的主干道和次干道交口处设置信号灯。",
    "他在人生的道路上越走越远。",
    "我们在门口开了一家店。",
    "iPhone 5栋梁之材",
    "全长12公里3号线明年通车。",
    "上个星期里5号开了一次会。",
    "在这里12号选手领先。",
]


@pytest.fixture(scope="module")
def rec():
    return ChineseAddressRecognizer()


@pytest.mark.parametrize("text, span", FOUND)
def test_found(rec, text, span):
    found = [text[f.start : f.end] for f in rec.analyze(text)]
    assert span in found, found


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike(rec, text):
    assert [text[f.start : f.end] for f in rec.analyze(text)] == []
