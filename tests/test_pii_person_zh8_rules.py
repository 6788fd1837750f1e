"""Chinese PERSON rules of helper zh_person8 (issue #16), each at its boundary: a name found in a
document is a name at its other mentions, the slots of a group chat's system lines (撤回了一条消息, 拍了拍,
邀请...加入了群聊, 修改群名为), and transliterated or minority names before a word of a person's
routine (旺堆今年, 玛丽下周)."""

from __future__ import annotations

import pytest

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer


@pytest.fixture(scope="module")
def rec() -> ChinesePersonRecognizer:
    return ChinesePersonRecognizer()


def _names(rec, text: str) -> list[str]:
    return [text[f.start : f.end] for f in rec.analyze(text)]


@pytest.mark.parametrize(
    "text, names",
    [
        # a name found with a cue is a name at its bare mentions
        ("记者贺建平报道。贺建平在现场看到，队伍排得很长。", ["贺建平", "贺建平"]),
        ("本报记者邱振华。邱振华看到，市民排起了长队。", ["邱振华", "邱振华"]),
        # a word as a name, found in a chat's system line, then as a speaker
        ("汪洋撤回了一条消息\n汪洋：不好意思发错了", ["汪洋", "汪洋"]),
    ],
)
def test_propagated(rec, text, names):
    assert _names(rec, text) == names


@pytest.mark.parametrize(
    "text, names",
    [
        # a given part alone is left (a scan of the text per name cost more than it found), and a
        # two-character name's other mention inside words
        ("晓梅路口的店。张晓梅是我的同学。", ["张晓梅"]),
        ("李建华今年六十岁了。建华路上车很多。", ["李建华"]),
        ("联系人：王国庆。国庆期间工厂放假。", ["王国庆"]),
        ("李建华今年六十岁了。建华公司的账本。", ["李建华"]),
        ("汪洋撤回了一条消息\n一片汪洋大海", ["汪洋"]),
    ],
)
def test_not_propagated(rec, text, names):
    assert _names(rec, text) == names


@pytest.mark.parametrize(
    "text, names",
    [
        # a word after a pronoun and 的 stays a word before a title
        ("张晓梅是我的高中同学。", ["张晓梅"]),
        ("他的大学老师来了。", []),
        # ... a name there is a name
        ("我的同学王芳来了。", ["王芳"]),
    ],
)
def test_pronoun_de_word(rec, text, names):
    assert _names(rec, text) == names


@pytest.mark.parametrize(
    "text, names",
    [
        ('"郑浩"邀请"马丽"加入了群聊', ["郑浩", "马丽"]),
        ("何志远邀请林晓琳、高俊加入了群聊", ["何志远", "林晓琳", "高俊"]),
        ('"冯佳"撤回了一条消息', ["冯佳"]),
        ("汪洋撤回了一条消息", ["汪洋"]),
        ('戴军拍了拍"金鑫"说你真棒', ["戴军", "金鑫"]),
        ('"蒋文"通过扫描二维码加入群聊', ["蒋文"]),
        ('"许晴"修改群名为"读书会"', ["许晴"]),
        ("好的\n汪洋撤回了一条消息\n收到", ["汪洋"]),
    ],
)
def test_chat_events(rec, text, names):
    assert _names(rec, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "你撤回了一条消息 重新编辑",
        "对方撤回了一条消息",
        "群主已开启全员禁言",
        '你邀请"快乐每一天"加入了群聊',
        "他说今天大家都很高兴，然后他撤回了一条消息",  # not the whole line before the event
        "大家好拍了拍你",
        "这个拍了拍功能可以自定义后缀",
    ],
)
def test_chat_events_no_name(rec, text):
    assert _names(rec, text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("旺堆今年已经七十岁了，还每天放牧。", "旺堆"),
        ("伊万诺夫每天早上都去跑步。", "伊万诺夫"),
        ("玛丽下周要回国了。", "玛丽"),
    ],
)
def test_translit_time_words(rec, text, name):
    assert _names(rec, text) == [name]


@pytest.mark.parametrize(
    "text", ["莫斯科今年冬天特别冷。", "马尔代夫每年接待很多游客。", "哈哈哈今年真好笑。"]
)
def test_translit_time_words_places(rec, text):
    assert _names(rec, text) == []
