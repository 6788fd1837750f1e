"""The cold English tokenizer without a regular-expression search where the rules' shape allows
(operators/text/segment.py): the suffix's length read from a table of its alternatives
(:func:`segment.suffix_length_fn`), the infix tried only with the alternatives that can start
at a candidate (:func:`segment._by_first_char`), and the batch path's single memo. Every answer
must be the search's answer, on spaCy's own rules and on toy expressions of the same shapes."""

from __future__ import annotations

import random
import re

import pytest

from operators.text import segment

# characters every alternative of spaCy's suffix and infix expressions starts or ends with, and
# the ones their lookbehinds and lookaheads look at: digits, lower/upper case, °F, units, currency
ALPHABET = (
    list(".,;:!?()[]{}'\"-_/\\@#$%^&*+=<>~`|’‘“”…—–°©™¶")
    + list("aAzZ09éßΣкmMkgsSFCUhT")
    + ["中", "。", "，", "ｓ", "😀", "\u2028", "²"]
)


def _strings(n: int, seed: int, most: int = 12) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, most))) for _ in range(n)]


def _search_len(search, s: str) -> int:
    m = search(s)
    return m.end() - m.start() if m is not None else 0


def test_suffix_length_is_spacys_suffix_search():
    rules = segment.spacy_rules()
    full = segment.spacy_tokenizer().tokenizer.suffix_search
    fast = segment.suffix_length_fn(full.__self__)
    assert fast is not None  # spaCy's suffix expression has the shape the table reads
    samples = _strings(40_000, 3) + [
        "word,",
        "word.",
        "WORD.",
        "A.",
        "5°F.",
        "10km",
        "10km²",
        "5US$",
        "it's",
        "Yorker’s",
        "abc……",
        "abc…",
        "a" + "." * 100,
        "..",
        ".",
        "",
        "x\n",
        "ab,\n",
        "中文。",
        "😀",
        "x" * 500_000 + ".",
    ]
    for s in samples:
        assert fast(s) == _search_len(full, s), s
        assert rules._suffix_len(s) == _search_len(full, s), s


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<=[0-9])(?:km|m|kmh|m/s)$|\.\.+$|(?<=x[ab])\.$|…$|……$|[,;]$",
        r"(?<=[a-z])\.$|(?<=[A-Z][A-Z])\.$|'s$|’s$|-$",
        r"a$|ab$|b$|(?<=a)b$",
    ],
)
def test_suffix_length_of_toy_expressions_is_the_search(pattern):
    pat = re.compile(pattern)
    fast = segment.suffix_length_fn(pat)
    assert fast is not None
    rng = random.Random(5)
    alphabet = "abx0.…,;'’skmh/ABZ-"
    for _ in range(20_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert fast(s) == _search_len(pat.search, s), (pattern, s)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?=a)b$",  # a lookahead
        r"\w$",  # a category: not enumerated
        r"[^a]$",  # a negated class
        r"a$|b",  # an alternative not anchored at the end
        r"a*$",  # a repeat that is no run of one character after itself
        r"(?<!a)b$",  # a negative lookbehind
    ],
)
def test_suffix_length_refuses_other_shapes(pattern):
    assert segment.suffix_length_fn(re.compile(pattern)) is None


def test_infix_by_first_character_gives_spacys_matches():
    rules = segment.spacy_rules()
    infix = segment.spacy_tokenizer().tokenizer.infix_finditer
    by_first = segment._by_first_char(infix.__self__)
    assert by_first is not None
    samples = _strings(40_000, 9, most=16) + [
        "abc-def",
        "a--b",
        "a---b",
        "x——y",
        "10-20",
        "3*4",
        "a.B",
        "a,b",
        "a:b",
        "a/b",
        "MockClass()",
        "Template.copy()",
        "self-indictment,",
        "a" + "-" * 100 + "b",
        "中文…中文",
    ]
    for s in samples:
        want = [m.span() for m in infix(s)]
        assert [m.span() for m in rules._infix(s)] == want, s
        # at any position, the subset's match is the whole alternation's
        for q in range(len(s)):
            sub = by_first(s[q])
            whole = infix.__self__.match(s, q)
            got = sub(s, q) if sub is not None else None
            assert (got.span() if got else None) == (whole.span() if whole else None), (s, q)


def _search_rules() -> segment.SpacyRules:
    """SpacyRules with the suffix searched and every infix alternative tried (the previous way)."""
    slow = segment.SpacyRules()
    tail = slow._suffix
    slow._suffix_len = lambda s: _search_len(tail, s)
    infix = re.compile(*segment.english_rules()["infix"])
    slow._infix = infix.finditer
    slow._split_sp = slow._build_split()
    return slow


def test_tokens_equal_the_searched_tokens():
    fast, slow = segment.SpacyRules(), _search_rules()
    samples = _strings(30_000, 13, most=14) + [
        "(word)",
        "“Sign",
        "bpo-21306.)",
        "io.BlockingIOError¶",
        "ctypes.memset(dst,",
        "'ff',",
        "Cinderella).",
        "U.S.",
        "e.g.",
        "can't",
        "5km.",
        "$5.00",
        "a" + "." * 100,
    ]
    for s in samples:
        assert fast.tokens(s) == slow.tokens(s), s
    assert fast.tokens_many(samples) == slow.tokens_many(samples)


def test_batch_path_keeps_one_memo():
    """The filters' vocabulary memoizes token ids per chunk; the token strings are not memoized a
    second time in segment's chunk memo (one look-up and one insertion per new chunk saved)."""
    from operators.quality.common import VOCAB

    chunks = ["speed5-unique-chunk,", "(speed5-other)", "speed5word", "x" * 300]
    for c in chunks:
        segment._CHUNK_CACHE.pop(c, None)
    want = segment.chunk_tokens_many(chunks, remember=False)
    assert not any(c in segment._CHUNK_CACHE for c in chunks)
    ids = VOCAB.chunk_ids_many(chunks)
    assert not any(c in segment._CHUNK_CACHE for c in chunks)
    assert [tuple(VOCAB.ids[t] for t in toks) for toks in want] == ids
    assert segment.chunk_tokens_many(chunks) == want  # remembered by default
    assert all(c in segment._CHUNK_CACHE for c in chunks[:3])


def test_word_and_suffix_shortcut_is_the_affix_step():
    """A new chunk of letters and one trailing character that is its suffix (``word,``, ``word.``)
    gets the affix step's tokens without the step's calls; any other chunk takes the step."""
    rules = segment.SpacyRules()
    rng = random.Random(17)
    words = [
        "word",
        "Word",
        "WORD",
        "A",
        "Mr",
        "Cash",
        "US",
        "C",
        "e",
        "cannot",
        "don",
        "Dec",
        "km",
        "é",
        "中文",
    ]
    tails = list(".,;:!?)]}'\"”’…%$#*&-_/") + ["s", "²"]
    samples = [w + t for w in words for t in tails] + [
        "".join(rng.choice("aZé中.,;:!?)'\"$%") for _ in range(rng.randint(1, 6))) for _ in range(20_000)
    ]
    for s in samples:
        rules._memo.clear()
        assert rules._split_sp.new(s) == rules._split_sp(s), s
