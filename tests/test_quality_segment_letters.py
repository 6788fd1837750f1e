"""SpacyRules' letters-only fast path: a string of letters that is no special case is one
token without searching the affix and infix expressions, because none of them can match
letters alone (``segment.no_letters_match``, checked on the rules when they load); and the
per-id whitespace flags the Chinese batch path drops tokens by."""

from __future__ import annotations

import random
import re

import pytest

from operators.quality import common as C
from operators.text import segment
from operators.text.segment import SpacyRules, no_letters_match, spacy_rules


@pytest.mark.parametrize(
    "pattern, flags, expected",
    [
        (r"^US\$|^C\$", 0, True),  # every alternative needs '$'
        (r"(?<=[0-9])(?:km|m|kg)$", 0, True),  # a digit asserted before the unit
        (r"'s$|’S$", 0, True),
        (r"[.,;:]+$", 0, True),
        (r"(?:\.\.)+", 0, True),
        (r"[a-z]+$", 0, False),  # letters alone match
        (r"'s$|s$", 0, False),  # one alternative needs no non-letter
        (r"[^\d]$", 0, False),  # a negated class is not enumerated: not shown
        (r"\W", 0, False),  # a category: not shown
        (r"(?:km)?\$?", 0, False),  # may match the empty string
        (r"\$", re.IGNORECASE, False),  # case-insensitive patterns are not analysed
        (r"x(?=\.)", 0, True),  # a lookahead asserting a '.'
        (r"x(?!\.)", 0, False),  # a negative lookaround asserts nothing present
    ],
)
def test_no_letters_match(pattern, flags, expected):
    pat = re.compile(pattern, flags)
    assert no_letters_match(pat) is expected
    if expected:  # spot check: no letters-only string matches
        for s in ("a", "km", "Us", "ss", "x", "é", "中文", "Σ"):
            assert pat.search(s) is None, s


def test_english_rules_take_the_letters_fast_path():
    assert spacy_rules()._letters_alone is True


def _slow_rules() -> SpacyRules:
    slow = SpacyRules()
    slow._letters_alone = False
    slow._split_sp = slow._build_split()
    return slow


def test_letters_fast_path_gives_the_searched_tokens():
    fast, slow = SpacyRules(), _slow_rules()
    assert fast._letters_alone and not slow._letters_alone
    rng = random.Random(3)
    letters = [chr(c) for c in range(0x250) if chr(c).isalpha()]
    letters += rng.sample([chr(c) for c in range(0x250, 0x110000) if chr(c).isalpha()], 6000)
    strings = ["cannot", "Cannot", "gonna", "US", "C", "A", "Mr", "etc", "vs", "ll", "s", "S"]
    for c in letters:
        strings += [c, "a" + c, c + "s", "U" + c + "S", "A" + c, c * 3]
    for s in strings:
        assert fast._split_sp(s) == slow._split_sp(s), s
        assert fast.tokens(s) == slow.tokens(s), s
    # chunks whose affix steps leave letters-only stems
    for s in (
        "word,",
        "(word)",
        "“Sign",
        "words.",
        "it's",
        "Don't",
        "US$5",
        "(U.S.",
        "x-y",
        "e.g.",
        "A$",
        "Cats’",
    ):
        assert fast.tokens(s) == slow.tokens(s), s


def test_vocabulary_flags_whitespace_tokens():
    C.VOCAB.reset()
    ids = [C.VOCAB.ids[t] for t in (" ", "\u3000", "\r\n", "中文", "a", "\x00", ",")]
    space = C.VOCAB.space_array()
    assert space[ids].tolist() == [True, True, True, False, False, False, False]
    assert len(space) == len(C.VOCAB.arrays()[0])


def test_chinese_group_drops_whitespace_and_separators_by_id():
    C.VOCAB.reset()
    texts = ["我们 今天\u3000去北京。", "", "\n好\r", "天气很好！"]
    part = C._zh_group(texts, [0, 1, 2, 3])
    rows, flat, st, en = part
    inv = {v: k for k, v in C.VOCAB.ids.items()}
    got = [[inv[i] for i in flat[a:b].tolist()] for a, b in zip(st, en)]
    assert got == [segment.words_zh(t) for t in texts]
    assert "\x00" not in {w for ws in got for w in ws}


def test_infix_search_only_at_candidate_positions_matches_finditer():
    rules = spacy_rules()
    assert getattr(rules._infix, "__closure__", None) is not None  # the candidate search is in use
    full = re.compile(*segment.english_rules()["infix"]).finditer
    rng = random.Random(11)
    alphabet = list("aZé中😀0.,-–—/:<=>+*^~'’…_()") + ["--", "...", "a-b", "😀-x", "x.Y", "1+2"]
    chunks = ["", "a", "—" * 30, "a" * 60 + "-", "a-b-c-d-e-f-g-h", "https://a.b/c", "Misc/ACKS", "über-cool"]
    chunks += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20))) for _ in range(20000)]
    for c in chunks:
        assert [m.span() for m in rules._infix(c)] == [m.span() for m in full(c)], c


def test_candidate_finditer_resumes_after_a_match_and_sees_behind():
    pat = re.compile(r"(?<=[a-z])-(?=[a-z])|--")
    it = segment._candidate_finditer(pat, frozenset("-"))
    for s in ("a-b", "a--b", "---", "a-b-c-d-e-f", "-a-", "x---y", "a-b" * 10):
        assert [m.span() for m in it(s)] == [m.span() for m in pat.finditer(s)], s
