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
        # two characters after an ordinary verb, no cue: the name model (zh_name_model) takes it
        ("我看见张伟在跑", [("张伟", 3, 5, 0.45)]),
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
        "公司中东",  # the surname character ends a word begun before it
        "司马光砸缸",
        # the surname character closes a word and the rest is a frequent word, even before a title
        # or a context word (MultiPriv zh: 现任大学教授, 工商银行的账户)
        "现任大学教授，居住在吉林",
        "其在中国工商银行的账户流水号为S1",
        "去找清华大学教授",
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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("马化腾在发布会上演示了新版微信。", ["马化腾"]),  # framed: a boundary before, 在 after
        ("。任正非很少接受采访", ["任正非"]),  # after a sentence boundary: three characters
        ("市长杨新民出席仪式。杨新民说", ["杨新民", "杨新民"]),  # a framed name at its other mention
        ("张三、李四和王五合伙开店。", ["张三", "李四", "王五"]),  # listed next to a name found
        ("来自喀什的阿卜杜拉·艾尼在比赛中夺冠。", ["阿卜杜拉·艾尼"]),  # a middle dot
        ("印度前总理拉吉夫·甘地的遗孀", ["拉吉夫·甘地"]),  # the role before stays out
        ("老刘退休以后天天下棋。", ["老刘"]),  # 老/小 and a frequent surname as a subject
        ("洪秀全领导了太平天国运动。", ["洪秀全"]),  # 洪 is a surname
    ],
)
def test_framed_listed_and_dotted_names(recognizer, text, expected):
    assert [s[0] for s in _spans(recognizer, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "杨梅季节到了。",  # the last character begins a word (季节)
        "陈皮可以泡水喝。",
        "唐装在春节期间特别受欢迎。",  # a rarer word jieba lists (唐装, 韩剧)
        "韩剧在年轻人中很流行。",
        "，连相机都没来得及带",  # 机 ends no given name
        "龚滩古镇位于乌江边。",  # a place suffix after
        "阮囊羞涩，只能作罢。",  # no following word, 羞 ends no given name
    ],
)
def test_framed_lookalikes(recognizer, text):
    assert _spans(recognizer, text) == []
