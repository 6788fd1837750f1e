"""Chinese ADDRESS rules of helper address_zh14 (#16), each case found by this pass's rules (``FOUND``: each
unfound or found short of half its length on 21ecf7f; ``KEPT``: found there too) and the look-alikes each rule must
leave:

* an estate's building counted with 第 (紫荆花园第3栋5楼B室, 寶湖花園第3座8樓B室, 东湖小区第三栋二单元) or written with #
  (阳光小区5#楼1单元302, 翠湖花园3#302, 牯岭正街46#); a space between an estate and its building and between the
  parts (新城小区 3栋 2单元 402);
* a building of a community or of villas (南湖国际社区B区12栋, 滟澜山别墅区B12栋), and 住 after it (12栋住; not 3栋住宅);
* an estate's dashed building-unit-room after its name in any estate word (星河湾东区3-1-2001, 万科城二期5-2-301);
* Hong Kong: a 邨's named block (彩虹邨金華樓10樓, 天水圍天恩邨恩澤樓), Cantonese 喺 before the estate, a road's part
  (干諾道中200號), a road's section named by its place (青山公路荃灣段398號), a block's side (信德中心西座), a
  ground-floor shop (地舖, 地下A舖), and characters outside the basic plane (禾輋邨 reads 禾𪨶邨 simplified), a building named
  with 之 or Latin words and digits (創紀之城1期, K11 Musea 3樓);
* 之 inside a road's name (祖冲之路2290弄5号); a village after its town found whole (大王庄乡后寨村);
* an estate named alone and tied by its clause: joined to a first one (住世纪花园还是新世纪花园), called a 小区 after 是
  (康乐新村是...老小区), named after 我们小区是 (保利香槟国际), or the place of a home before ，小区 (房子在碧水云天，小区...;
  not a division or a common word: 我家在上海，小区...); an estate in 居 after a home word (搬到了桃源居; not 新居, 故居);
  an estate's side before its building (紫金苑小区东区9栋: not the district 东区), a building before 楼下 (融科瀚棠3栋楼下);
* junctions joined by 跟, of two roads written one after the other (人民路西藏路路口), of a ring road and an expressway
  (北四环与京藏高速交汇处); not a road before 沿线 (人民路沿线要修地铁: a route) nor 前面路口.

The line for routes stays: a road named as the way taken (走人民路去, 沿着解放路, 从建设路往东拐) is no address.
"""

from __future__ import annotations

import random

import pytest

from operators.pii import recognizers_address_zh as zh
from operators.pii.recognizers_address_zh import ChineseAddressRecognizer
from operators.pii.zh_variants import to_simplified

# (text, the finding expected: its exact text)
FOUND = [
    ("请寄到紫荆花园第3栋5楼B室。", "紫荆花园第3栋5楼B室"),
    ("送貨地址：大埔寶湖花園第3座8樓B室", "大埔寶湖花園第3座8樓B室"),
    ("家住东湖小区第三栋二单元。", "东湖小区第三栋二单元"),
    ("地址：阳光小区5#楼1单元302，电话见下", "阳光小区5#楼1单元302"),
    ("翠湖花园3#302有人吗？", "翠湖花园3#302"),
    ("我家住新城小区 3栋 2单元 402。", "新城小区 3栋 2单元 402"),
    ("我在南湖国际社区B区12栋住。", "南湖国际社区B区12栋"),
    ("龙湖滟澜山别墅区B12栋出售。", "湖滟澜山别墅区B12栋"),
    ("房东的房子在星河湾东区3-1-2001。", "星河湾东区3-1-2001"),
    ("住在万科城二期5-2-301的业主", "万科城二期5-2-301"),
    ("我屋企喺彩虹邨金華樓10樓。", "彩虹邨金華樓10樓"),
    ("他住在天水圍天恩邨恩澤樓。", "天水圍天恩邨恩澤樓"),
    ("沙田禾輋邨豐順樓有人跳樓。", "沙田禾輋邨豐順樓"),
    ("新界葵涌石蔭東邨蔭興樓", "新界葵涌石蔭東邨蔭興樓"),
    ("辦事處：上環干諾道中200號信德中心西座31樓3104室", "上環干諾道中200號信德中心西座31樓3104室"),
    ("公司在德輔道中12號", "德輔道中12號"),
    ("涉事大廈位於元朗青山公路元朗段188號。", "元朗青山公路元朗段188號"),
    ("店舖位於九龍城衙前圍道12號地下A舖。", "九龍城衙前圍道12號地下A舖"),
    ("元朗教育路88號地舖，歡迎光臨。", "元朗教育路88號地舖"),
    ("地址：觀塘道388號創紀之城1期渣打中心15樓", "觀塘道388號創紀之城1期渣打中心15樓"),
    ("尖沙咀梳士巴利道18號K11 Musea 3樓", "尖沙咀梳士巴利道18號K11 Musea 3樓"),
    ("包裹已由上海市浦东新区张江镇祖冲之路2290弄5号的快递员签收", "上海市浦东新区张江镇祖冲之路2290弄5号"),
    ("请大王庄乡后寨村的党员于本周五到乡政府参加学习。", "王庄乡后寨村"),
    # estates named alone, tied by the clause: a second estate joined to a first, 是...小区, 小区是X, X，小区...
    ("你住世纪花园还是新世纪花园？别又走错了", "新世纪花园"),
    ("阳光小区和幸福小区的居民都来了", "阳光小区"),
    ("康乐新村是上世纪八十年代建成的老小区。", "康乐新村"),
    ("我们小区是保利香槟国际，门口有喷泉。", "保利香槟国际"),
    ("房子在碧水云天，小区绿化很好。", "碧水云天"),
    ("他们家在锦绣江南，小区环境不错。", "锦绣江南"),
    ("老张退休后搬到了桃源居。", "桃源居"),
    ("我家在紫金苑小区东区9栋。", "紫金苑小区东区9栋"),
    ("我在融科瀚棠3栋楼下等你", "融科瀚棠3栋"),
    # junctions: 跟, two roads one after the other, a ring road and an expressway
    ("我在人民路西藏路路口等你。", "人民路西藏路路口"),
    ("大学路跟黄河路十字路口新开了一家奶茶店", "大学路跟黄河路十字路口"),
    ("北四环与京藏高速交汇处发生追尾", "北四环与京藏高速交汇处"),
]

# found before this pass too, kept by its rules
KEPT = [
    ("我家在阳光花园3栋2单元501室，有空来坐。", "阳光花园3栋2单元501室"),
    ("家庭住址：康桥水乡 16幢 1单元 503室", "康桥水乡 16幢 1单元 503室"),
    ("锦绣花园3-2-501", "锦绣花园3-2-501"),
    ("屯門良景邨良德樓18樓的男子", "屯門良景邨良德樓18樓"),
    ("九龍旺角彌敦道688號旺角中心12樓1203室", "九龍旺角彌敦道688號旺角中心12樓1203室"),
    ("我住太古城海星閣18樓B室。", "太古城海星閣18樓B室"),
    ("臺北市大安區忠孝東路四段123號5樓之2", "臺北市大安區忠孝東路四段123號5樓之2"),
    ("金色家园小区8号楼3门201的住户", "金色家园小区8号楼3门201"),
    ("彩虹邨有人跳樓", "彩虹邨"),  # (its residents' word after it: not a block named 有人)
]

LOOKALIKES = [
    # 第 before a count or an article, # in a tag or a rank
    "第3栋楼的设计获得了大奖。",
    "本次考试第3座位。",
    "这本书的第12章很精彩。",
    "#话题# 今天天气不错",
    "排名第1#的选手",
    "他们一共建了5栋住宅楼。",
    "小区新建3栋住宅",
    "我买了3栋房子。",
    # dashes that are dates, codes or scores
    "会议定于2023-1-15召开。",
    "比分是3-1-2，主队获胜。",
    "型号ABC12-3-456已停产",
    "订单号 12-3-4567 请查收",
    "希尔顿酒店3-1-2001房间",
    # Hong Kong and Macau words that are no block or road
    "彩虹邨商場二樓",
    "他知道中12号选手",
    "他知道12号选手",  # (found on 21ecf7f)
    "這個通道中3號閘口",
    # 之 and 段
    "两条路之间的路口",
    "成功之路",
    "这一段12号线正在修",
    # estates' clauses that name no estate
    "我家在上海，小区环境不错。",
    "我家在市中心，小区很老。",
    "我们小区是老小区，没有电梯。",
    "我们小区是新建的。",
    "我们小区是人民公园旁边那个",
    "我们小区是万科开发的",
    "中心花园是小区里最漂亮的地方",
    "玫瑰花园是这个小区的特色",
    "花园和菜园的居民",
    "他搬到了新居。",
    "他住在鲁迅故居附近。",
    "阳光花园酒店是一家四星级酒店",
    "公司3栋楼下有停车场",
    # routes and ways
    "人民路沿线要修地铁。",
    "过了马路走到前面路口左转。",
    "沿着这条路一直走到下一个路口。",
    "一路小跑到路口。",
    "我们走人民路去火车站",
    "沿着解放路一直往前开",
    "从建设路往东拐就到了",
    "中山路小吃店的肠粉很好吃。",
]


@pytest.fixture(scope="module")
def rec() -> ChineseAddressRecognizer:
    return ChineseAddressRecognizer()


def _found(rec: ChineseAddressRecognizer, text: str) -> list[str]:
    # (as pii_redact reads it: traditional text as simplified, the offsets unchanged)
    return [text[f.start : f.end] for f in rec.analyze(to_simplified(text))]


@pytest.mark.parametrize(("text", "span"), FOUND + KEPT)
def test_found(rec, text, span):
    got = _found(rec, text)
    assert span in got, got


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike(rec, text):
    assert _found(rec, text) == []


def test_scan_reads_hash_buildings_as_its_own_passes_do():
    """``_scan`` answers for ``_EVIDENCE``, ``_ROAD_NUMBER_GATE`` and ``_CROSSING_JOIN`` with # (5#楼: a building) and
    跟 (大学路跟黄河路) as their passes do."""
    rng = random.Random(14)
    alphabet = "#＃号栋楼层室单元小区花园12３一十甲x路在住 ，跟与和环街道"
    texts = ["阳光小区5#楼1单元302", "翠湖花园3#302", "#话题#"] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(3000)
    ]
    hashed = 0
    for text in texts:
        s = zh._scan(text)
        evidence = [m.start() for m in zh._EVIDENCE.finditer(text)]
        assert s.evidence == evidence, text
        assert s.road_numbers == (zh._ROAD_NUMBER_GATE.search(text) is not None), text
        assert s.joins == (zh._CROSSING_JOIN.search(text) is not None), text  # (跟, and 环 before a join)
        hashed += any(
            text[i - 1 : i] in "#＃" for i in range(1, len(text) + 1) if text[i - 2 : i - 1].isdigit()
        )
    assert hashed >= 100  # (the # cases are exercised)
