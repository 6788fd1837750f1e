"""Chinese PERSON rules of helper zh_person12 (issue #16), each positive case failing before its
change, the look-alikes each rule must leave alone, and the linear-time shapes of the brief and of
the paths it touched (``tests.pii_linear``: T(8n) / T(n), never a wall clock).

* Documents: a Han name found is found at the later mentions of its given name alone before any
  word too (孙雪梅 ... 雪梅值夜班; 邓国栋 ... 国栋舅舅), when both its characters are mostly a name's
  (the name model's odds) and no place or organisation is named so (建平县, 惠珍联合诊所); a kin word
  right before the given name frames it as a boundary does (表姐晓燕).
* Sentences: a transliterated or minority name before a verb whose subject is a person
  (CN_ANIMATE_AFTER: 巴特尔骑着马, 阿卜杜拉跪在, 德吉唱) or before 一起/一行 (丹尼尔一起, 佩里一行) is framed
  as before a word that follows names; dances, drinks and foods that such verbs follow are
  transliterated words (cn_translit_words.txt: 迪斯科, 布朗尼, 伏特加).
* Honorifics: a surname before 叔叔, 伯伯, 婶婶, 姥姥, 姥爷, 婆婆 (CN_TITLES) or 教练 (an office title:
  not after a word, 宗教练习) names the person (何姥姥, 孙伯伯, 沈教练).
* Sentences: a transliterated or minority name joined by 和/与/及/、 to a name found next to it is a
  name as after a role word (伊万诺夫和玛利亚, 索菲亚和卡洛斯), not where a known place runs across the
  list word (阿尔及利亚) nor where a function word before it may be a surname (向娜丽、王宁).
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
        # the given name alone after the full name, before a word that is no frame's
        ("许秀兰在纺织厂上班。秀兰值完夜班就回家做饭。", ["许秀兰", "秀兰"]),
        ("邓国栋从部队回来了。国栋舅舅给大家带了礼物。", ["邓国栋", "国栋"]),
        ("护士冯丽娟每天很忙。丽娟值夜班的时候从不打瞌睡。", ["冯丽娟", "丽娟"]),
        # ... after a kin word
        ("记者郑晓燕报道……表姐晓燕给我打了电话。", ["郑晓燕", "晓燕"]),
        # transliterated names joined to a name found
        ("伊万诺夫和玛利亚是同学。", ["伊万诺夫", "玛利亚"]),
        ("索菲亚和卡洛斯一起去了巴西。", ["索菲亚", "卡洛斯"]),
        # a transliterated or minority name before a person's verb, 一起 or 一行
        ("阿卜杜拉跪在地毯上祈祷。", ["阿卜杜拉"]),
        ("。努尔兰骑着摩托车去了县城。", ["努尔兰"]),
        ("我和丹尼尔一起吃饭。", ["丹尼尔"]),
        ("佩里一行是应邀来访的。", ["佩里"]),
        # a surname before a kin word of address or 教练: the surname names the person
        ("何姥姥住在乡下。", ["何"]),
        ("孙伯伯退休了。", ["孙"]),
        ("沈教练很严格。", ["沈"]),
    ],
)
def test_names(rec, text, names):
    assert _names(rec, text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a place or an organisation named like the given name, a given part of poor name odds
        ("郑建平调到了辽宁。建平县的干部都很欢迎他。", ["郑建平"]),
        ("黄惠珍毕业后回到家乡，开办了惠珍联合诊所。", ["黄惠珍"]),
        ("记者张三大报道。三大油田的开发取得进展。", ["张三大"]),
        # a word across the given name's end
        ("李春花说，春花开了。", ["李春花"]),
        # a known place across the list word; a surname-like function word before the run
        ("他访问了摩洛哥和阿尔及利亚。", []),
        ("总统在阿尔及利亚会见了卡洛斯。", ["卡洛斯"]),
        ("向娜丽、王宁获奖。", ["向娜丽", "王宁"]),
        # no name found beside it: a transliteration ending as places do stays unflagged
        ("我和玛利亚是同学。", []),
        # dances, drinks and foods before a person's verb; a delegation
        ("迪斯科跳了一晚上。", []),
        ("布朗尼吃起来很香。", []),
        ("伏特加喝了两瓶。", []),
        ("巧克力吃多了会胖。", []),
        ("代表团一行抵达北京。", []),
        # kin words and 教练 after no surname, or after a word
        ("她婆婆对她很好。", []),
        ("公公婆婆都来了。", []),
        ("我伯伯和婶婶都是农民。", []),
        ("他在宗教练习中很认真。", []),
        ("主教练宣布了首发名单。", []),
        ("邻居叔叔帮我修好了车。", []),
    ],
)
def test_lookalikes(rec, text, names):
    assert _names(rec, text) == names


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞斌辉宇浩凯健俊帆"


def _names_list(n: int) -> str:
    out, k = [], 0
    while len(out) * 4 < n:
        a, b = divmod(k, len(_GIVEN))
        out.append(_SURNAMES[k % len(_SURNAMES)] + _GIVEN[a % len(_GIVEN)] + _GIVEN[b])
        k += 1
    return "、".join(out)[:n]


def _translit_list(n: int) -> str:
    parts = ["伊万诺夫", "玛利亚", "卡洛斯", "索菲亚", "安东尼", "阿尔及利亚"]
    out, k, size = [], 0, 0
    while size < n:
        out.append(parts[k % len(parts)] + ("和" if k % 3 else "、"))
        size += len(out[-1])
        k += 1
    return "".join(out)[:n]


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
    # this helper's paths: given names alone before words, kin words, coordinated transliterations
    "given_before_words": lambda n: _rep("许秀兰上班。秀兰值完夜班，表姐秀兰舅舅", n),
    "many_names_given": lambda n: _names_list(n // 2) + "。" + _rep("伟芳值班，表姐娜敏", n // 2),
    "coordinated_translit": _translit_list,
    "translit_verbs": lambda n: _rep("阿卜杜拉跪在，丹尼尔一起，迪斯科跳了，努尔兰骑着", n),
    "kin_titles": lambda n: _rep("何姥姥孙伯伯沈教练周叔叔宗教练婆婆", n),
}

# (one size each: 4,096 characters take milliseconds)
test_linear = linear_tests(_recognizer, CASES, n=4096, max_n=4096, min_seconds=0.0, bound=16.0)
