"""The scored pass of the Chinese PERSON recognizer (issue #16, zh_person13: ``_scored``,
``ZhNameModel.span_logit``): a surname and one or two characters no given-name list holds, after a
role word, a boundary or a function word, taken where the characters' odds and the place make a name
likely. Each found case below is unfound on 9c72d40 (before the pass); the look-alikes stay
unfound."""

from __future__ import annotations

from functools import lru_cache

import pytest

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer
from operators.pii.zh_name_model import SPAN_ROLE_THRESHOLD, SPAN_THRESHOLD, SPAN_WEIGHTS, model


@lru_cache(maxsize=1)
def rec() -> ChinesePersonRecognizer:
    return ChinesePersonRecognizer()


def names(text: str) -> list[str]:
    return [text[f.start : f.end] for f in rec().analyze(text) if f.score >= 0.4]


FOUND = [
    # after a role or an office (given characters no list holds: 刚, 继, 伯, 少, 正, 纪, 相)
    ("外经贸部副部长孙振刚昨天会见了代表团一行。", ["孙振刚"]),
    ("该行行长冯继平在年会上作了工作报告。", ["冯继平"]),
    ("厂长吕少华告诉我们，今年订单比去年多了一倍。", ["吕少华"]),
    ("高级工程师刘纪元主持了这项技术攻关。", ["刘纪元"]),
    ("据该所所长赵相如介绍，试验已取得初步成果。", ["赵相如"]),
    ("演员郭少卿凭借这部电影获得最佳男主角提名。", ["郭少卿"]),
    ("派出所民警曹继光接到报警后迅速赶到现场。", ["曹继光"]),
    ("队员许刚在比赛中受伤下场。", ["许刚"]),
    ("董事长何权表示，公司将继续加大研发投入。", ["何权"]),
    ("中国驻法国大使吴正龙出席了招待会。", ["吴正龙"]),
    ("服务员邵刚很热情，菜也上得快。", ["邵刚"]),
    ("主教练贾伯涛赛后表示，球队还需要提高。", ["贾伯涛"]),
    ("（新华社记者黎少刚摄）", ["黎少刚"]),
    # a clause's subject before a word that follows names
    ("那天晚上，邓刚一直没有回家，家里人急坏了。", ["邓刚"]),
    ("那年冬天特别冷。许刚每天天不亮就起床去镇上卖豆腐。", ["许刚"]),
    ("个体户张继英在镇上开了一家裁缝铺。", ["张继英"]),
    # the longer reading before a date (a digit after it, no cue): 吴正刚, not 吴正
    ("中国驻法国大使吴正刚１２月３０日会见了代表团。", ["吴正刚"]),
]


@pytest.mark.parametrize("text,expected", FOUND)
def test_found(text, expected):
    assert names(text) == expected


LOOKALIKES = [
    "外交部长会见了来访的代表团。",
    "记者从有关部门获悉，新规将于下月实施。",
    "帮助理解文章的意思。",  # (助理 is a role: 解文章 no name)
    "同事曾向我力荐这本书。",  # (曾: an adverb)
    "蔡林记的热干面是武汉特色。",  # (a shop's 记)
    "超四星！康师傅的红烧牛肉面很好吃。",  # (a brand)
    "发现金鼎和夏威夷在网上都显示有房。",  # (a place)
    "烟台山、东炮台、张裕葡萄酒博物馆都在附近。",  # (a firm before its product)
    "其中，乌克兰选手获得了第三名。",  # (a transliterated country)
    "那道“胡氏一品锅”很有名。",  # (a family's name)
    "主任医师高度重视这个病例。",  # (a word after the role: 高度)
    "总统曾于去年访华。",
    "这里是方正集团的总部。",
    "那一年，高考刚刚恢复。",
    "每天早上，王府井大街上人来人往。",
    "天刚亮，路上就堵得水泄不通。",
    "厂长负责制是企业管理的一种形式。",
    "冶金部部长刘淇全面分析了钢铁工业的形势。",  # (刘淇, not 刘淇全: 全面 is a word)
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes(text):
    found = names(text)
    if text.startswith("冶金部"):
        assert found == ["刘淇"]
    else:
        assert found == []


def test_span_logit_orders_names_over_words():
    """The model alone: a name's characters score above a word's with the same surname, a cue
    after a candidate raises it, a word started by its last character lowers it."""
    m = model()
    text = "孙振刚说。高速路"
    name = m.span_logit(text, 0, 3, True)
    assert name > m.span_logit(text, 0, 3, False)
    assert m.span_logit("李明天来", 0, 2, False) < m.span_logit("李明来了", 0, 2, False)  # (明天)
    assert m.span_logit("孙振刚说", 0, 3, True) > m.span_logit("高速路上", 0, 3, True)
    assert SPAN_ROLE_THRESHOLD < SPAN_THRESHOLD


def test_repeated_mention_counts():
    """The pass alone: a weakly placed candidate (a boundary before it, a word that follows names
    after it, its characters' odds just short of SPAN_THRESHOLD) is a name where the text holds a
    second candidate mention of it, not alone."""
    r = rec()
    m = model()
    one = "这时，范刚说了一句话。"
    two = one + "第二天，范刚说他要走。"
    z = m.span_logit(one, 3, 5, True) + SPAN_WEIGHTS["boundary"]
    assert SPAN_THRESHOLD - SPAN_WEIGHTS["repeat"] <= z < SPAN_THRESHOLD
    for text, count in ((one, 0), (two, 2)):
        more: list = []
        framed: set = set()
        r._scored(text, [], more, framed)
        assert [text[f.start : f.end] for f in more] == ["范刚"] * count
        assert framed == ({"范刚"} if count else set())
