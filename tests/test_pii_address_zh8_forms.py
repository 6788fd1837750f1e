"""Chinese ADDRESS forms of helper address_zh8 (#16): an estate named alone where the text ties it to a home
(a verb of staying, sending or moving before it, its residents, management or gates after it), one unit or
block of a named estate (康华苑2单元, 沙田第一城22座), a road named alone as a place (在淮海路开店, 白鹤路，,
康平路那边, 梅花路的下水道), a junction of two named roads, a road's number range (12至18号), 甲5号, towns named
X集镇, villages by 岗/塘..., Hong Kong 邨 estates; and the look-alikes these rules must leave alone (roads of a
life, kinds of road and estate, routes, traffic on a road, seats of a car). Each positive case fails on the
code before these rules. Every case runs on the recognizer alone (no pipeline: fast)."""

from __future__ import annotations

import pytest

from tests.pii_linear import ratio
from tests.pii_names import zh_address_recognizer, zh_addresses


@pytest.fixture(scope="module")
def rec():
    return zh_address_recognizer()


@pytest.mark.parametrize(
    "text, address",
    [
        # an estate named alone, tied to a home
        ("我们家搬到了碧水花园，欢迎来玩。", "碧水花园"),
        ("快递放到了北苑家园门口。", "北苑家园"),
        ("住址：锦绣花园", "锦绣花园"),
        ("望湖苑的业主反映电梯坏了。", "望湖苑"),
        ("他住美孚新邨。", "美孚新邨"),
        # one unit or block of a named estate, a short estate after a verb of staying
        ("快递到康华苑2单元。", "康华苑2单元"),
        ("我住沙田第一城22座。", "沙田第一城22座"),
        ("住碧桂园18栋的朋友帮忙收下快递。", "碧桂园18栋"),
        # a road named alone as a place
        ("他在淮海路开了一家花店。", "淮海路"),
        ("我家就在白鹤路，你直接过来。", "白鹤路"),
        ("我在康平路那边等你。", "康平路"),
        ("梅花路的下水道又堵了。", "梅花路"),
        ("我在九龙旺角西洋菜南街等你。", "南街"),
        # junctions of two named roads
        ("在青年路与红旗街交叉口集合。", "青年路与红旗街交叉口"),
        ("他在长宁路和遵义路口转了一圈。", "长宁路和遵义路口"),
        ("人民路和建设路之间有家超市。", "人民路和建设路之间"),
        # number ranges, 甲 numbers, X集镇, villages
        ("店面在光华路12至18号。", "光华路12至18号"),
        ("北京市西城区西四北三条甲5号", "北京市西城区西四北三条甲5号"),
        ("户籍：安徽省阜阳市临泉县杨集镇", "安徽省阜阳市临泉县杨集镇"),
        ("他们家在黄泥岗村。", "黄泥岗村"),
    ],
)
def test_new_forms(text, address):
    spans = zh_addresses(text)
    assert any(address in s for s in spans), spans
    if not address.endswith("南街"):
        assert address in spans, spans  # the whole span, nothing before it


@pytest.mark.parametrize(
    "text",
    [
        "他在人生路上遇到了很多贵人。",
        "走在阳光大道上，心情舒畅。",
        "我们在高速路上堵了两个小时。",
        "屋顶花园种满了花。",
        "在门前花园里拍照。",
        "精神家园需要守护。",
        "这个小区环境很好。",
        "高档小区的房价很高。",
        "打开了产品销路。",
        "虽然走了点弯路，还是到了。",
        "沿着解放路往北走十分钟就到了。",
        "人民路上早高峰堵车很严重。",
        "这辆汉兰达是7座车。",
        "这个广场有22座位。",
        "请翻到语文课本第2单元。",
        "城市道路与铁路交叉口",
        "一路上都在下雨。",
        "他走进了死胡同。",
        "我们穿过大街小巷。",
        "在網路上買東西。",
        "重新建起了灾民新村。",
        "住在城中村的人越来越少。",
        "在回家的路上下起了雨。",
        "我们今天走了一万步路。",
        "走了三里路才到。",
    ],
)
def test_lookalikes(text):
    assert not zh_addresses(text), text


#: Torture shapes for these rules (8x the input must cost well under 64x: linear, not quadratic).
SHAPES = {
    "hao_run": lambda n: "号" * n,
    "estate_words": lambda n: "小区" * (n // 2),
    "road_words": lambda n: "路" * n,
    "digit_run": lambda n: "1" * n,
    "road_lines": lambda n: "光华路1号\n" * (n // 6),
    "plain_roads": lambda n: "在建设路上，" * (n // 6),
    "estates_alone": lambda n: "住阳光小区，" * (n // 6),
    "estate_units": lambda n: "到康华苑2单元" * (n // 7),
    "junctions": lambda n: "长江路与黄河路交叉口" * (n // 10),
    "junction_chain": lambda n: "路与" * (n // 2) + "路交叉口",
    "zalgo": lambda n: "Z\u0351\u0352a\u0354l\u0355g\u0356o " * (n // 12),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_linear_time(rec, shape):
    """8x the input costs below 16x the CPU time of this thread (linear: 8, quadratic: 64), 5,000 -> 40,000
    characters (small enough for a fast test; the 500 KB figures are in the commit message), the garbage
    collector paused (``tests/pii_linear.ratio``: a collection in a long test session once made it 16.04)."""
    n = 5_000
    r, t, t8 = ratio(rec.analyze, SHAPES[shape](n), SHAPES[shape](8 * n))
    assert t8 < 0.02 or r < 16, (shape, t, t8)
