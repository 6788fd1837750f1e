"""Behaviour of the Chinese PERSON recognizer (``operators/pii/recognizers_person_zh.py``): each
rule of its docstring on a short text, with the exact spans and scores it gives."""

from __future__ import annotations

import pytest

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer


@pytest.fixture(scope="module")
def recognizer() -> ChinesePersonRecognizer:
    return ChinesePersonRecognizer()


def _spans(recognizer, text):
    return [(text[f.start : f.end], f.start, f.end, round(f.score, 6)) for f in recognizer.analyze(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("联系人张伟，电话13800138000", [("张伟", 3, 5, 0.75)]),  # a label before: boosted
        ("这次会议由刘娜主持。", [("刘娜", 5, 7, 0.45)]),  # between function words
        ("请联系王先生13800138000", [("王", 3, 4, 0.5)]),  # a bare surname before a title
        ("张伟先生", [("张伟", 0, 2, 0.75)]),  # a title after: the second given character stops
        ("欧阳娜娜女士今年二十岁", [("欧阳娜娜", 0, 4, 0.6)]),  # a compound surname
        ("我和陈静一起去", [("陈静", 2, 4, 0.45)]),  # 一起 is a word: the name ends before it
        ("户名高明", [("高明", 2, 4, 0.75)]),  # a label overrides the word list
        ("患者黄金，女，45岁", [("黄金", 2, 4, 0.75)]),
        ("李明是我的同学。李明今天没来", [("李明", 0, 2, 0.45), ("李明", 8, 10, 0.75)]),
        ("姓名：高明。高明很忙", [("高明", 3, 5, 0.85), ("高明", 6, 8, 0.6)]),  # accepted elsewhere
        ("高明很忙。户名高明", [("高明", 0, 2, 0.6), ("高明", 7, 9, 0.75)]),  # also before the label
        ("张伟", [("张伟", 0, 2, 0.45)]),  # the text's start and end count as punctuation
    ],
)
def test_names(recognizer, text, expected):
    assert _spans(recognizer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "王者荣耀很好玩，我很高兴",  # frequent words starting with a surname character
        "周末我们买了黄金和李子",
        "我们去张家界旅游，再到石家庄",  # place names
        "文三路和林业局都在黄山市",  # place and organisation suffixes
        "我看见张伟在跑",  # two characters, no context, not between function words: below 0.4
        "公司中东",  # the surname character ends a word begun before it
        "司马光砸缸",
        "no Chinese at all, Mr. Wang",
        "",
    ],
)
def test_not_names(recognizer, text):
    assert _spans(recognizer, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("快递员马超把包裹送到了门口。", ["马超"]),
        ("裁判董明判罚了一个点球。", ["董明"]),
        ("听老张说，这条路明年要拓宽。", ["老张"]),
        ("你跟小李说一声。", ["小李"]),
    ],
)
def test_roles_before_and_address_forms(recognizer, text, expected):
    assert [s[0] for s in _spans(recognizer, text)] == expected


@pytest.mark.parametrize("text", ["大小王都出了。", "这个古老李子树结果了。", "裁判高度评价了双方的表现。"])
def test_address_forms_and_roles_leave_words_alone(recognizer, text):
    assert _spans(recognizer, text) == []
