"""Chinese PERSON rules of helper zh_person11 (issue #16), each positive case failing before its
change, the look-alikes each rule must leave alone, and the linear-time shapes of the paths it
touched and of the brief (``tests.pii_linear``: T(8n) / T(n), never a wall clock).

* Minority names: the cued scan starts at parts beginning with 次/多/其/达/拉/才/... too (达瓦, 其木格),
  one part alone opening a sentence is a subject before a time word or an adverb as well
  (达瓦从小), and ``cn_minority_name_parts.txt`` holds more published parts (Tibetan 索南, Uyghur and
  Kazakh 阿力木, 木拉提, Mongol 朝克, Yi clan names 吉克, 曲比).
* A doubled given-name character (叠字小名: 楠楠, 晶晶) is a speaker before a line's colon and a
  name after @ (not 常常, 宝宝).
* A Han name found is found at the later mentions of its given name alone where framed (刘海燕 ...
  海燕把门关上了), not where a word crosses (李春花 ... 春花开了).
* A full name whose surname and first given character make a word (王国|华, 张家|豪) is a name
  between a boundary or a word that comes before names and a word that follows names, when the
  name model's odds say surname and name characters (not 韩国新当选, 《夏秋冬》, 张家的事).
* A finding that starts a 4-character word or idiom beginning with a surname
  (``cn_surname_phrases.txt``, from jieba) is dropped (龙飞凤舞, 万平方米, 祝你|龙马精神), not a
  transliterated name (成吉思汗, 伊万诺夫).
* An eponymous doctrine (马克思主义) is no mention of the person; more transliteration characters
  (肯, 芬, 柯, 林, 米, 恩: 肯尼迪, 哈塔米) and news verbs after a foreign name (抵达, 宣布, 率领); a dash
  before a list (三个人——陈刚、李海峰); kin words (姐夫, 表舅, 嫂子); well-known names (张飞, 赵本山).
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
    ("text", "names"),
    [
        # minority names: new scan characters, one part alone before an adverb, new parts
        ("。达瓦从小跟着爷爷放牧。", ["达瓦"]),
        ("其木格在呼和浩特读书。", ["其木格"]),
        ("丈夫朝克在电台工作。", ["朝克"]),
        # doubled given-name characters as a speaker and after @
        ("楠楠：今天的作业呢？", ["楠楠"]),
        ("@晶晶 明天见", ["晶晶"]),
        # the given name alone after the full name
        ("刘海燕在家。海燕把门关上了。", ["刘海燕", "海燕"]),
        ("王志强来了。志强今天很高兴。", ["王志强", "志强"]),
        # surname and first given character a word
        ("那天，王国华来了。", ["王国华"]),
        ("。张家豪说，他明天到。", ["张家豪"]),
        # transliterations, kin words, dashes, well-known names
        ("，肯尼迪说", ["肯尼迪"]),
        ("，哈塔米抵达", ["哈塔米"]),
        ("我姐夫卫东来了。", ["卫东"]),
        ("三个人——陈刚、李海峰", ["陈刚", "李海峰"]),
        ("我喜欢张飞。", ["张飞"]),
        ("。赵本山是一个演员。", ["赵本山"]),
        # a doctrine after a person found: the person only
        ("马克思曾经指出。马克思主义是", ["马克思"]),
    ],
)
def test_names(rec, text, names):
    assert _names(rec, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "多少钱？其实达到了，特别是拉萨是",
        "常常：嗯",
        "宝宝：饿了",
        "韩国新当选的总统",
        "《夏秋冬》作者",
        "张家的事",
        "他写的字龙飞凤舞。",
        "面积７万平方米。",
        "祝你龙马精神！",
        "芬兰宣布",
        "米兰是意大利的城市",
        "推进马克思主义的发展",
        "医生为其开具了布洛芬作为治疗方案。",  # (芬 is a transliteration character: a medicine)
    ],
)
def test_lookalikes(rec, text):
    assert _names(rec, text) == []


def test_given_alone_not_across_a_word(rec):
    assert _names(rec, "李春花说，春花开了。") == ["李春花"]


def test_phrase_filter_keeps_transliterated_names(rec):
    # 成吉思汗 and 伊万诺夫 are 4-character jieba words beginning with a surname, but names
    assert _names(rec, "伊万诺夫是工程师。") == ["伊万诺夫"]
    assert _names(rec, "成吉思汗是蒙古人。") != []


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞斌辉宇浩凯健俊帆"


def _names_list(n: int) -> str:
    out, k = [], 0
    while len(out) * 4 < n:
        a, b = divmod(k, len(_GIVEN))
        out.append(_SURNAMES[k % len(_SURNAMES)] + _GIVEN[a % len(_GIVEN)] + _GIVEN[b])
        k += 1
    return "、".join(out)[:n]


def _han(n: int) -> str:
    return "".join(chr(0x4E00 + (k * 7919) % 20900) for k in range(n))


def _rep(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


CASES = {
    # the brief's shapes, small sizes
    "names_list": _names_list,
    "kin_lines": lambda n: _rep("孙女田甜来了\n", n),
    "han_run": _han,
    "one_name_repeated": lambda n: _rep("王小明", n),
    "middle_dots": lambda n: "·" * n,
    "word_then_dots": lambda n: _rep("王" + "." * 100, n),
    "one_token": lambda n: "王" + "a" * n,
    "zalgo": lambda n: _rep("Ze\u0301\u0302\u0303lgo 王\u0301小\u0302明 ", n),
    # this helper's paths: given names after full names, doubled names, phrases, minority starts
    "given_alone": lambda n: _rep("刘海燕在家。海燕把门关上了。", n),
    "distinct_given_alone": lambda n: _names_list(n // 2) + "。" + _rep("海燕说，", n // 2),
    "doubled_speakers": lambda n: _rep("楠楠：好的\n@晶晶 到了\n", n),
    "word_headed": lambda n: _rep("那天，王国华来了。张家豪说，", n),
    "phrases": lambda n: _rep("龙飞凤舞，万平方米，祝你龙马精神！", n),
    "minority_starts": lambda n: _rep("。达瓦从小，多吉在，其其格今年，次仁", n),
}

# (one size each: 4,096 characters take milliseconds)
test_linear = linear_tests(_recognizer, CASES, n=4096, max_n=4096, min_seconds=0.0, bound=16.0)
