"""The Chinese name recognizer's speed restructurings keep its findings: the candidate scan's
surname-first form (a character class, the rest in a one-character lookbehind holding a lookahead)
finds what the lookahead-first form found, with the same groups (its gate, a test of the next
character, left out of that form: the gate only skips starts no branch takes), and the context
window's quick test of its last four characters says what the four slices said, at the text's start
too."""

from __future__ import annotations

import random
import re

import pytest

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer


@pytest.fixture(scope="module")
def rec() -> ChinesePersonRecognizer:
    return ChinesePersonRecognizer()


SENTENCES = [
    "记者王晓明报道，张伟先生和李娜女士昨天在北京市朝阳区见面。",
    "联系人：欧阳娜娜，电话13800138000。司马光砸缸的故事，诸葛亮说过。",
    "马化腾在会上表示，任正非很少接受采访。曹操、刘备和孙权三分天下。",
    "王者荣耀很好玩，周末去张家界，黄金价格上涨，李子很甜。",
    "请联系王先生；吴厂长说，孔书记今天不在。于是将于国庆出发，位于林区。",
    "患者时秀珍，女，45岁。班主任佘文静说：李白菜不是李白。鲁迅故居在绍兴。",
    "小王，你好！老刘退休了。阿强说他明天来。文三路和林业局旁边是黄山市。",
    "王小明、李小红和赵大刚合伙开店，陈静一起来了，张伟今年三十岁。",
]


def _loop(pattern: re.Pattern, text: str) -> list[tuple]:
    """Every start the analyze loop would see (one character on after each), with all groups."""
    out = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        out.append((m.start(), m.lastindex, *(m.span(g) for g in range(1, pattern.groups + 1))))
        pos = m.start() + 1
    return out


def _lookahead_form(rec: ChinesePersonRecognizer) -> re.Pattern:
    """The scan as it was written before: ``(?=[heads])`` then the body (same groups), without the
    gate the scan now tests first (what every branch needs: the next character may follow a
    surname, or a frame word stands before)."""
    p = rec._candidates.pattern
    hset = p[: p.index("(?<=(?=")]
    inner = p[len(hset) + len("(?<=(?=") : -(len(hset) + 2)]
    assert p == f"{hset}(?<=(?={inner}){hset})"
    k = inner.index("(?:((?>")  # the body: its first branch opens with the surname's atomic group
    gate, body = inner[:k], inner[k:]
    assert gate.startswith("(?:(?=[\\s\\S][") and "(?<=[" in gate and "(?:((?>" not in gate
    return re.compile(f"(?={hset}){body}")


def _alphabet(rec: ChinesePersonRecognizer) -> str:
    pick = random.Random(7)
    chars = set(pick.sample(sorted(rec.surnames), 40)) | set(pick.sample(sorted(rec.given), 40))
    chars |= {c for w in sorted(rec.compound)[:10] for c in w}
    chars |= set("先生女士老师经理书记局长说是在和与、，。：\n路市县一起今年某小老阿的了")
    return "".join(sorted(chars))


def test_candidate_scan_same_starts_and_groups(rec):
    old = _lookahead_form(rec)
    pick = random.Random(16)
    alphabet = _alphabet(rec)
    texts = SENTENCES + ["".join(pick.choice(alphabet) for _ in range(60)) for _ in range(400)]
    compared = 0
    for text in texts:
        a = _loop(old, text)
        b = _loop(rec._candidates, text)
        assert a == b, text
        compared += len(a)
    assert compared > 2000  # the random texts do hold candidates of every branch
    branches = {x[1] for t in texts for x in _loop(rec._candidates, t)}
    assert {2, 3, 4} <= branches


def test_candidate_end_is_the_old_match_end(rec):
    old = _lookahead_form(rec)
    for text in SENTENCES:
        for m in old.finditer(text):
            if m.lastindex == 3:  # a candidate: its end, before the empty group's position
                new = rec._candidates.match(text, m.start())
                assert new is not None and new.end(3) == m.end()


def _old_quick_test(rec: ChinesePersonRecognizer, text: str, start: int) -> bool:
    last = rec._before_last
    return not (
        text[start - 1 : start] in last
        or text[start - 2 : start - 1] in last
        or (start > 2 and (text[start - 3] in last or (start > 3 and text[start - 4] in last)))
    )


@pytest.mark.parametrize(
    "text",
    ["王芳说", "患者王芳", "姓名：王芳", "致王芳", "我和王芳见面了，记者王芳报道", "王芳的同事叫张伟经理"],
)
def test_context_quick_test_at_every_start(rec, text):
    """Where the old four slices found no word end, ``_context`` finds no context word; where they
    did, it gives what its window says (the texts' every start, 0 to 3 included)."""
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 3) + 1):
            got = rec._context(text, start, end)
            if _old_quick_test(rec, text, start) and not (
                text[end : end + 1] in rec._after_first and rec._after.match(text, end, end + 4)
            ):
                assert got == (False, False), (text, start, end)


def test_context_words_still_decide(rec):
    assert rec._context("患者王芳今天", 2, 4) == (True, True)
    assert rec._context("王芳医生来了", 0, 2) == (True, True)
    assert rec._context("今天王芳来了", 2, 4) == (False, False)


@pytest.mark.parametrize(
    "text",
    ["联系人王明路过这里", "王芳路上遇到了", "李明县城的房子", "他住在张庄村"],
)
def test_place_suffix_after_a_candidate_ends_it(rec, text):
    """A place or organisation character right after a candidate rejects it whatever the context
    (the loop now leaves before its other tests): no finding starts at that surname."""
    sur = text.index(next(c for c in text if c in "王李张"))
    assert all(f.start != sur for f in rec.analyze(text))
