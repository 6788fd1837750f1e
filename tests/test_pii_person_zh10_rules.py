"""Chinese PERSON rules of helper zh_person10 (issue #16), each case failing before its change, and
the linear-time shapes of the paths it touched (``tests.pii_linear``: T(8n) / T(n), never a wall
clock).

* Characters chosen almost only for given names (翀, 喆, 堃, 玥, 淼, ``cn_given_chars.txt``): a
  surname before one is a candidate like any other (王翀在实验室, 李堃从小), not where a word stands.
* A transliterated name jieba lists as a rarer word (伊万) is a name with a boundary before it and a
  speech verb or a person's word after it (伊万说), not with a weaker frame.
* A surname and a short form of address (张姐, 李哥) after a service or workplace role (月嫂张姐照顾,
  保姆刘姐): the surname is the name, as after a boundary.
* 小/老/阿 and a name before 你/您 are addressed (阿伟你, 小王您好), as before a comma; 小 with a
  kin or pet word's character is no name (小妹你, 小宝).
* The label pass reads only the colons and spaces after a label's last character and speakers'
  colons at a line start: labelled fields, tables and speakers as before (found from any colon), and
  now also in a text that starts with a space or a colon (" 收货人 向华强").
"""

from __future__ import annotations

from functools import cache

import pytest

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer
from tests.pii_linear import linear_tests

#: one recognizer for the module's tests and its linear shapes
_recognizer = cache(ChinesePersonRecognizer)


@pytest.fixture(scope="module")
def rec():
    return _recognizer()


def _names(rec, text: str) -> list[str]:
    return [text[f.start : f.end] for f in rec.analyze(text)]


@pytest.mark.parametrize(
    "text, name",
    [
        ("昨天下午，王翀在实验室里完成了最后一组数据的测量。", "王翀"),
        ("李堃从小跟着爷爷学习书法。", "李堃"),
        ("张喆负责这次活动的宣传工作。", "张喆"),
        ("赵玥是我们班年龄最小的同学。", "赵玥"),
        ("本报北京１月５日讯记者夏珺报道：", "夏珺"),
    ],
)
def test_rare_given_characters(rec, text, name):
    assert name in _names(rec, text)


@pytest.mark.parametrize("text", ["淼淼烟波无尽头。", "这里的水面浩淼无边。", "火焰燚燚。"])
def test_rare_given_characters_no_word(rec, text):
    assert _names(rec, text) == []


def test_transliterated_rarer_word_before_speech_verb(rec):
    assert _names(rec, "伊万说他很喜欢中国的饺子。") == ["伊万"]
    # a weaker frame (a boundary and 的) leaves a word jieba lists as it was
    assert _names(rec, "伊万的饺子。") == []


@pytest.mark.parametrize(
    "text, name",
    [("月嫂张姐照顾宝宝特别细心。", "张"), ("保姆刘姐照顾老人很细心。", "刘"), ("装修师傅李哥来了。", "李")],
)
def test_kin_form_after_role(rec, text, name):
    assert _names(rec, text) == [name]


@pytest.mark.parametrize("text", ["月嫂姐妹俩都很能干。", "保姆大姐照顾老人。", "师傅高工程师来了。"])
def test_kin_form_after_role_no_name(rec, text):
    assert _names(rec, text) == []


@pytest.mark.parametrize(
    "text, name", [("阿伟你是不是忘了？", "阿伟"), ("小王你明天来吗？", "小王"), ("小张您好！", "小张")]
)
def test_address_before_pronoun(rec, text, name):
    assert _names(rec, text) == [name]


@pytest.mark.parametrize(
    "text", ["小妹你好！", "小妹，你好！", "小宝你别哭。", "老公你回来了。", "小心你的钱包。", "阿姨你好。"]
)
def test_address_before_pronoun_no_name(rec, text):
    assert _names(rec, text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("姓名：王芳 性别：女", "王芳"),
        ("姓名 王芳 性别 女", "王芳"),
        ("上诉人（原审被告）：张伟，男", "张伟"),
        ("会议记录\n娄红：收到\n", "娄红"),
        ("娄红：收到", "娄红"),
        ("收货人:訾明 电话", "訾明"),
        ("联系人\u3000李明", "李明"),
    ],
)
def test_label_colons_and_speakers(rec, text, name):
    assert name in _names(rec, text)


@pytest.mark.parametrize("text", [" 收货人 向华强 电话", "：\n联系人：向华强"])
def test_label_pass_in_text_starting_with_its_colon(rec, text):
    # a text that starts with a space or a colon read none of that character's labels (the old
    # ``str.find`` loop stopped at position 0): the scan's 华强 instead of the labelled 向华强
    assert _names(rec, text) == ["向华强"]


def test_label_pass_ignores_other_spaces(rec):
    # spaces after no label (Latin text, numbers) find nothing, as before
    assert _names(rec, "apt install git 说明 and then 王 run") == []


CASES = {
    "label_colons_spaces": lambda n: ("姓名：王芳 学生 李明 " * (n // 12 + 1))[:n],
    "speaker_lines": lambda n: ("王芳：好的\n" * (n // 6 + 1))[:n],
    "latin_spaces": lambda n: ("名 a b c d " * (n // 10 + 1))[:n],
    "new_rules": lambda n: ("月嫂张姐，阿伟你，王翀、李堃说，伊万说，" * (n // 21 + 1))[:n],
}

# (one size each: a run of 4,096 characters takes milliseconds; the other shapes of the brief, 55k
# kin lines, middle dots, Han runs, one name repeated, are in tests/test_pii_person_zh_linear.py)
test_linear = linear_tests(_recognizer, CASES, n=4096, max_n=4096, min_seconds=0.0, bound=16.0)
