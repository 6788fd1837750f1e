"""Chinese PERSON (issue #16, helper zh_person7): transliterated foreign and minority names without
a middle dot, found by a character-class model (``_translit``: a run of transliteration characters
weighed by how often each writes a transliteration, framed by a role word, a word that follows a
person or a boundary; not a known place, loanword or brand: ``cn_translit_words.txt``); names
after @ in chat; 老周/小美 after a service role; minority names after a role word; and look-alikes
these rules and older ones must leave alone (places, reign eras, idioms, brands, eponyms)."""

from __future__ import annotations

import pytest

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer


@pytest.fixture(scope="module")
def rec():
    return ChinesePersonRecognizer()


def _names(rec, text):
    return [text[f.start : f.end] for f in rec.analyze(text)]


@pytest.mark.parametrize(
    "text, name",
    [
        ("德国前总理默克尔出席了论坛开幕式。", "默克尔"),  # a role before, a person's verb after
        ("留学生伊万诺夫的中文说得很流利。", "伊万诺夫"),
        ("拜登签署了一项行政令。", "拜登"),  # a boundary before, a person's verb after
        ("吐尔逊老人把家里的果园打理得井井有条。", "吐尔逊"),
        ("会议由约翰主持", "约翰"),
        ("俄罗斯总统普京当天下午抵达北京。", "普京"),
        ("英国首相布莱尔５日在唐宁街表示", "布莱尔"),
        ("洛克菲勒提出一项计划", "洛克菲勒"),  # its last character starts no word of it (提出)
        ("@刘洋 周五的聚餐你来不来？", "刘洋"),  # chat: after @
        ("回复@孙丽丽：这个问题我也遇到过。", "孙丽丽"),
        ("装修师傅老周活干得很细致。", "老周"),  # after a service role
        ("客服小美耐心地帮我处理了退款。", "小美"),
        ("服务员小张很热情", "小张"),
        ("我的室友买买提来自和田", "买买提"),  # a minority name after a role word
        ("苗族姑娘阿朵在台上演唱", "阿朵"),
        ("昨天阿卜杜拉·艾力来店里了。", "阿卜杜拉·艾力"),  # the dotted name ends before the verb
        ("艾米丽：好的，我马上到", "艾米丽"),  # a transliterated speaker at a line start
    ],
)
def test_found(rec, text, name):
    assert name in _names(rec, text)


@pytest.mark.parametrize(
    "text",
    [
        "莫斯科的冬天非常寒冷。",  # transliterated places and words (cn_translit_words.txt)
        "马尔代夫的海水特别清澈。",
        "伊斯坦布尔横跨欧亚两大洲。",
        "记者从乌克兰获悉，当地局势紧张。",
        "诺贝尔奖的颁奖典礼在斯德哥尔摩举行。",
        "哈哈哈哈，太好笑了",  # reduplicated
        "@所有人 明天放假",  # a word after @
        "服务员小妹很热情",  # a form of address after a role
        "师傅老是迟到",
        "祝大家新年快乐，平安健康。",  # a surname before 大家
        "他是我高中同学。",  # a word after a pronoun before a title
        "吴越文化底蕴深厚。",  # a word and a word's start
        "通知：请于明天上午到人事处报到。",  # 请于: a preposition
        "雷锋精神代代相传。",  # an eponymous virtue
        "方太的油烟机吸力很强。",  # a brand named like a person
        "玻利维亚是南美洲国家",  # a place's ending
    ],
)
def test_not_found(rec, text):
    assert _names(rec, text) == []
