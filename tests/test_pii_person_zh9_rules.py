"""Chinese PERSON rules of helper zh_person9 (issue #16), each case failing before its rule, with
look-alikes at the same thresholds; the suffix and prefix sets that replace ``str.endswith`` /
``str.startswith`` over long word tuples checked against them; linear time of the new paths
(tests/pii_linear.py's shared check, small sizes).

* a kin or social relation word right before a name is its context (前妻何静, 表弟高翔, 外甥付强);
  not a word away (朋友选择江景房), and not for a word (哥哥高兴地跳了起来);
* 老/小/阿 and a name character opening a sentence before a time word, an adverb or a verb of a life
  (阿强今天迟到了, 小美昨天生日, 阿珍去年结婚了, 老周退休以后); not 小心今天, 老虎今天;
* one minority name part alone opening a sentence before 是/在/和/把/被 (央金是村里的老师, 顿珠在门口);
* 小/老/阿, a surname and a day word (小陈明天) are the nickname and its time word (CN_DAY_WORDS);
* 今年 and 是一个 after a word are weak context, as roles are: they raise a name's score but make no
  word a name (黄金今年涨了很多, 江南今年雨水多, 江山是一个好地方; 是一位/是一名 are said of people).
"""

from __future__ import annotations

import random

import pytest

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer, _Ends, _Starts
from tests.pii_linear import grown_ratio


@pytest.fixture(scope="module")
def recognizer() -> ChinesePersonRecognizer:
    return ChinesePersonRecognizer()


def _names(rec: ChinesePersonRecognizer, text: str) -> list[str]:
    return [text[f.start : f.end] for f in rec.analyze(text) if f.score >= 0.4]


@pytest.mark.parametrize(
    "text, name",
    [
        ("前妻何静一直没有露面。", "何静"),
        ("表弟高翔总是借我的车。", "高翔"),
        ("前夫高强一直没有付钱。", "高强"),
        ("外甥付强考上了大学。", "付强"),
        ("阿强今天迟到了。", "阿强"),
        ("小美昨天生日。", "小美"),
        ("阿珍去年结婚了。", "阿珍"),
        ("央金是村里的老师。", "央金"),
        ("天亮了。顿珠在门口等着。", "顿珠"),
        # after 小/老/阿, a surname and a day word are the nickname and its time word, not a full name
        # (the nickname found, not a wrong span); a full name with those characters is still one where nothing precedes
        ("小陈明天去北京。", "小陈"),
        ("小李明年毕业。", "小李"),
        ("我和小陈明天去北京。", "小陈"),
        ("老王明天去北京。", "老王"),
        ("他叫陈明天。", "陈明天"),
        ("李明天是我同学。", "李明天"),
    ],
)
def test_found(recognizer, text, name):
    assert _names(recognizer, text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "朋友选择江景房很合适。",  # a kin word three characters before: no context
        "哥哥高兴地跳了起来。",
        "孙女很乖，每天按时写作业。",
        "弟弟王者荣耀打得很好。",
        "小心今天路滑。",
        "老虎今天很凶。",
        "老实说今天不想去。",
        "小时候我们常去河边。",
        # 今年 and 是一个 after a word raise no score that overrides the word lists (said of anything)
        "黄金今年涨了很多。",
        "江南今年雨水多。",
        "江山是一个好地方。",
    ],
)
def test_lookalikes(recognizer, text):
    assert _names(recognizer, text) == []


def test_suffix_and_prefix_sets_match_str_methods():
    words = ["记者", "班主任", "致", "快递小哥", "老板娘", "室友"]
    ends, starts = _Ends(words), _Starts(words)
    rng = random.Random(16)
    alphabet = "记者班主任致快递小哥老板娘室友王芳"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        lo, hi = rng.randint(0, 10), rng.randint(0, 10)
        at = rng.randint(0, 10)
        hi = min(hi, len(text))
        lo = min(lo, len(text))
        assert ends(text, lo, hi) == text.endswith(tuple(words), lo, hi), (text, lo, hi)
        assert starts(text, at) == text.startswith(tuple(words), at), (text, at)


LINEAR = {
    "kin_lines": lambda n: "孙女田甜来了\n" * (n // 7),
    "kin_word_runs": lambda n: "前夫" * (n // 2),
    "kin_listed": lambda n: "闺蜜苏菲、" * (n // 5),
    "address_subject_lines": lambda n: "。阿强今天" * (n // 5),
    "minority_part_lines": lambda n: "。央金是" * (n // 4),
    "wide_spaces": lambda n: "\u3000" * n,
    "colons": lambda n: "：" * n,
    "speaker_colon_lines": lambda n: "王芳：好\n" * (n // 5),
}


@pytest.mark.parametrize("case", sorted(LINEAR))
def test_linear(recognizer, case):
    ratio, n, _, _ = grown_ratio(
        recognizer.analyze,
        LINEAR[case],
        n=2048,
        max_n=1 << 13,
        min_seconds=0.01,
        bound=16,
        floor=1e-6,
        reps=3,
        pause_gc=True,
    )
    assert ratio < 16, f"{case}: T(8n)/T(n) = {ratio:.1f} at n={n}"
