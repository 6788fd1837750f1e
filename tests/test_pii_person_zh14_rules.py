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


@pytest.mark.parametrize(
    "text, name",
    [
        ("王秀英在厂里干了三十年。退休那天，秀英哭了。", "秀英"),  # after its full name, as before
        ("赵振华当选为村主任。振华上任第一天就下了地。", "振华"),  # a word too: both characters a name's
        ("我们去医院看望了孙梦瑶。护士见到梦瑶时，她已经睡着了。", "梦瑶"),  # after 见到
    ],
)
def test_given_name_after_its_full_name(recognizer, text, name):
    assert name in names(recognizer, text)


def test_given_part_word_stays_a_word_without_its_name(recognizer):
    # 振华 alone (no 赵振华 before it) is no name; nor is a frequent word's mention
    assert "振华" not in names(recognizer, "我们要振华中华。")


@pytest.mark.parametrize(
    "text, name",
    [
        ("感谢小林帮我修好了电脑。", "小林"),  # the object of a verb that takes a person
        ("谢谢阿伟替我值班。", "阿伟"),
    ],
)
def test_nickname_after_a_verb_that_takes_a_person(recognizer, text, name):
    assert name in names(recognizer, text)


@pytest.mark.parametrize("text", ["谢谢小姐帮忙。", "感谢老师的关心。", "请小心地滑。"])
def test_nickname_after_a_verb_lookalikes(recognizer, text):
    assert names(recognizer, text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("娜丽把行李箱推进了房间。", "娜丽"),  # a light transliteration opening a sentence before 把
        ("他回来了。莉丽还在楼上睡觉。", "莉丽"),
    ],
)
def test_transliteration_opening_a_sentence(recognizer, text, name):
    assert name in names(recognizer, text)


@pytest.mark.parametrize("text", ["巴西把比赛拿下了。", "伊拉克也在考虑。", "德里在印度北部。"])
def test_transliteration_opening_lookalikes(recognizer, text):
    assert names(recognizer, text) == []


def test_a_list_goes_on_past_an_item_no_name():
    # a place's name between list marks is passed over: the names after it are the list's
    text = "值班人员：林晓、高远、金山、方圆、马达。"
    found = names(ChinesePersonRecognizer(), text)
    assert "方圆" in found and "马达" in found


def test_a_list_passes_over_one_item_only():
    # two items in a row that are no names end the list
    found = names(ChinesePersonRecognizer(), "名单：林晓、高远、金山、江湖、方圆。")
    assert "方圆" not in found


@pytest.mark.parametrize(
    "text, name",
    [
        ("梓萱妈妈，明天记得带水彩笔。", "梓萱妈妈"),  # a parent addressed by the child's name
        ("浩宇爸爸，家长会改到周五了。", "浩宇爸爸"),
        ("斌哥，周末一起钓鱼？", "斌哥"),  # 哥/姐 address someone whatever follows
    ],
)
def test_parents_and_kin_forms_need_no_second_person(recognizer, text, name):
    assert name in names(recognizer, text)


@pytest.mark.parametrize("text", ["宝宝妈妈，你好。", "大哥，来一碗面。", "帅哥，来一份？", "老板，结账。"])
def test_parents_and_kin_forms_lookalikes(recognizer, text):
    assert names(recognizer, text) == []
