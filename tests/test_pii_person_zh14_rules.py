"""Chinese PERSON forms of issue #16's fourteenth pass (zh_person14): compound surnames wherever they
stand (``_compound``), dotted names whose later parts hold 万 or 里 (``_dotted``), and given names and
their 哥/姐 forms addressed at a clause's start (``_vocative``); with the look-alikes each must leave.
Sentences written for these tests (no corpus or evaluation text)."""

from __future__ import annotations

import pytest

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return ChinesePersonRecognizer()


def names(recognizer, text: str) -> list[str]:
    return [text[f.start : f.end] for f in recognizer.analyze(text) if f.score >= 0.4]


@pytest.mark.parametrize(
    "text, name",
    [
        ("上官秋雯是我们学校新来的音乐老师。", "上官秋雯"),  # 雯 ends the name: a name's character
        ("隔壁班的慕容晴很会唱歌。", "慕容晴"),  # after 的, before an adverb
        ("后来皇甫谧还写了一部医书。", "皇甫谧"),  # a character no given-name list holds
        ("这次夏侯渊没有来开会。", "夏侯渊"),
        ("他把钥匙交给了尉迟敏，转身就走。", "尉迟敏"),
        ("宇文泰在一旁看着，一句话也没说。", "宇文泰"),
    ],
)
def test_compound_surnames_anywhere(recognizer, text, name):
    assert name in names(recognizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "第五届运动会明天开幕。",  # a compound that is a word as often (CN_COMPOUND_WORDS)
        "西门子推出了新款冰箱。",
        "请登录上官方网站查询。",  # the compound's second character starts a word (官方)
        "新闻主人公孙女士说了几句。",  # the compound's first character ends a word (主人公)
        "欧阳自己也不清楚。",  # the given character starts a word (自己)
        "司马光砸缸",  # no word that follows names after it: a story's title
    ],
)
def test_compound_lookalikes(recognizer, text):
    found = names(recognizer, text)
    compounds = ("第五", "西门", "上官", "公孙", "欧阳", "司马")
    assert not any(f.startswith(compounds) for f in found), found


@pytest.mark.parametrize(
    "text, name",
    [
        ("鲍里斯·伊万诺维奇教授做了报告。", "鲍里斯·伊万诺维奇"),  # 万 inside a part; a title stops it
        ("约翰·沃尔夫冈·海因里希来信了。", "约翰·沃尔夫冈·海因里希"),  # 里 inside the last part
        ("总理谢里夫·乌马尔出席了会议。", "谢里夫·乌马尔"),
    ],
)
def test_dotted_parts_with_wan_and_li(recognizer, text, name):
    assert name in names(recognizer, text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("“淑芬，你把门关上。”奶奶在屋里说。", "淑芬"),
        ("俊杰，你的作业还没交。", "俊杰"),
        ("梓涵你几点下班？我在门口等。", "梓涵"),  # 你 right after the name
        ("“桂英，快出来看！”", "桂英"),  # inside a quotation: whatever follows
        ("晓燕，周六的聚会你来不来？", "晓燕"),  # 你 later in the clause
        ("“振华哥，你等等我！”", "振华哥"),  # a given name and 哥
        ("敏姐，你明天有空吗？", "敏姐"),  # one given character and 姐
        ("婷姐说她晚点到。", "婷姐"),  # ... before 说
    ],
)
def test_forms_of_address(recognizer, text, name):
    assert name in names(recognizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "其实，你说得也没错。",  # words, not names
        "同时，你也要注意安全。",
        "老师，你好！",
        "宝贝，你今天真棒。",  # a pet word
        "小姐，你的包掉了。",  # 小 of a word
        "表哥，你来了。",  # a kin word
        "大姐说她明天过来。",
        "今天，你去哪儿了？",
        "朋友，你好。",
        "明天，我们出发。",  # no second person after the comma
    ],
)
def test_forms_of_address_lookalikes(recognizer, text):
    assert names(recognizer, text) == []


def test_given_name_needs_a_second_person_outside_quotes(recognizer):
    # a clause's first two characters before a comma, with no 你/您 after, are left
    assert names(recognizer, "春燕，飞回来了。") == []
    assert names(recognizer, "春燕，你飞回来了。") == ["春燕"]
