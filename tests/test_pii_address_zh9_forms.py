"""Chinese ADDRESS forms of helper address_zh9 (#16): a housing estate named by its developer's brand where the
text ties it to a home (出租龙湖天璞精装四居, 住在碧桂园, 我住金地褐石), a numbered area of an estate
(团结湖二区), a town or village after 家在/老家在, a road with its direction before a verb of doing (在中山北路
开了家花店) or before 有家, a subdistrict before a word of nearness (街道附近), Beijing's 里 estates with
their building (团结湖南里5号楼), an estate before 隔壁/停车, neighbourhoods and new areas named as where someone
lives or works (在西二旗上班, 家住双井桥，, 坐标南沙新区), an address block wrapped after its district; and
the look-alikes these rules must leave alone (the developer as a company, 国家在, 第一区, 门口, 码头, 点头,
hotels after 要住). Each positive case fails on the code before these rules (8918822). Every case runs on
the recognizer alone (no pipeline: fast)."""

from __future__ import annotations

import pytest

from tests.pii_names import zh_addresses


@pytest.mark.parametrize(
    "text, address",
    [
        # a developer's estate tied to a home
        ("出租龙湖天璞精装四居，拎包入住。", "龙湖天璞"),
        ("我住金地褐石，离地铁近。", "金地褐石"),
        ("家在保利罗兰香谷，欢迎来玩。", "保利罗兰香谷"),
        ("他住在碧桂园。", "碧桂园"),
        ("有没有住在融创壹号院的邻居？", "融创壹号院"),
        # a numbered area of an estate
        ("我们住团结湖二区。", "团结湖二区"),
        ("出租劲松五区一居室，月租四千。", "劲松五区"),
        # a town or village after 家在
        ("我家在柳河镇，欢迎来玩。", "柳河镇"),
        ("老家在石桥村。", "石桥村"),
        ("她家在北街村，离县城不远。", "北街村"),
        # a road with its direction before a verb of doing, a road before 有家, a subdistrict before 附近
        ("我在中山北路开了家花店。", "中山北路"),
        ("建国路有家面馆很好吃。", "建国路"),
        ("他在三里屯街道附近上班。", "三里屯街道"),
        # Beijing's 里 estates, estates before 隔壁 or 停车
        ("家住团结湖南里5号楼。", "团结湖南里5号楼"),
        ("住在翠湖花园隔壁的老人。", "翠湖花园"),
        # neighbourhoods and new areas where someone lives or works
        ("本人在西二旗上班，求合租。", "西二旗"),
        ("家住双井桥，想找个舞伴。", "双井桥"),
        ("坐标龙华新区，求推荐驾校。", "龙华新区"),
        ("她住在虹桥镇附近。", "虹桥镇"),
        ("我搬去后沙峪住了。", "后沙峪"),
    ],
)
def test_new_forms(text, address):
    spans = zh_addresses(text)
    assert any(address in s for s in spans), spans


def test_block_wrapped_after_its_district():
    text = "地址：江苏省无锡市梁溪区\n中山路333号"
    assert zh_addresses(text) == ["江苏省无锡市梁溪区\n中山路333号"]


@pytest.mark.parametrize(
    "text",
    [
        "万科发布了今年的年报。",
        "碧桂园集团发布公告。",
        "他在万科上班。",
        "投诉万科物业服务差。",
        "保利和万科合作开发新项目。",
        "国家在北京召开会议。",
        "大家在公园里散步。",
        "请翻到第一区的地图。",
        "全市分为三个区。",
        "他在门口等你。",
        "我在十字路口等你。",
        "我在码头上班。",
        "他禁不住连连点头。",
        "打工就是在用人单位埋头工作。",
        "下次我还是要住请水湾！",
        "住在城中村的人越来越少。",
        "他住在农村。",
        "在人生路上有家人陪伴。",
        "这条街道附近很安静。",
        "他在西北角上班。",
    ],
)
def test_new_forms_lookalikes(text):
    assert zh_addresses(text) == []
