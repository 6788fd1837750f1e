"""Word segmentation used by the quality filters: spaCy-convention English
tokens, jieba for Chinese (initialized once), CJK-aware sentences."""

from __future__ import annotations

import pytest

from operators.quality.common import is_symbol_token, tokenize_batch
from operators.text import segment
from operators.text.segment import count_sentences_cjk, family_of, split_sentences, words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hello, world.", ["Hello", ",", "world", "."]),
        ("I don't know, it's fine", ["I", "do", "n't", "know", ",", "it", "'s", "fine"]),
        ("Mr. Smith lives in the U.S. now", ["Mr.", "Smith", "lives", "in", "the", "U.S.", "now"]),
        ("Pi is 3.14 and 1,000 at 10:30", ["Pi", "is", "3.14", "and", "1,000", "at", "10:30"]),
        ("a well-known COVID-19 case", ["a", "well", "-", "known", "COVID-19", "case"]),
        ("see http://x.com/a?b=1. now", ["see", "http://x.com/a?b=1", ".", "now"]),
        ("(quoted) “text” ...", ["(", "quoted", ")", "“", "text", "”", "..."]),
        ("O'Brien cannot go", ["O'Brien", "can", "not", "go"]),
        ("$5.00 or 50%", ["$", "5.00", "or", "50", "%"]),
    ],
)
def test_english_tokens_follow_spacy_conventions(text, expected):
    assert words(text, "default") == expected


def test_family_of():
    assert family_of("zh") == "zh" and family_of("zh-Hant") == "zh" and family_of("zh_TW") == "zh"
    assert family_of("ja") == "ja" and family_of("ko") == "ko"
    assert family_of("en") == "default" and family_of(None) == "default" and family_of("") == "default"


def test_jieba_initialized_once_and_segments():
    tok = segment.jieba_tokenizer()
    assert segment.jieba_tokenizer() is tok
    assert words("我们今天在北京开会。", "zh") == ["我们", "今天", "在", "北京", "开会", "。"]


def test_japanese_script_runs():
    toks = words("東京で会議を行いました。", "ja")
    assert "。" in toks and all(t.strip() for t in toks)
    assert len(toks) >= 4


def test_cjk_sentences():
    assert count_sentences_cjk("他来了。我走了！你好吗？") == 3
    assert count_sentences_cjk("他说：“好。”然后走了。") == 2
    assert count_sentences_cjk("") == 0
    assert split_sentences("他来了。我走了！", "zh") == ["他来了。", "我走了！"]
    assert split_sentences("It rained. We left early.", "default") == ["It rained .", "We left early ."]


def test_symbol_tokens():
    assert is_symbol_token("...") and is_symbol_token("。") and is_symbol_token("#")
    assert is_symbol_token("•")  # Unicode punctuation (Po)
    assert not is_symbol_token("a.")
    assert not is_symbol_token("©")  # a symbol (So), not punctuation


def test_tokenize_batch_mixed_languages():
    tb = tokenize_batch(
        ["Hello, world.", "我们开会。", "", "Hello again"], ["default", "zh", "default", "default"]
    )
    assert list(tb.offsets) == [0, 4, 7, 7, 9]
    assert tb.ids[0] == tb.ids[7]  # same token "Hello" -> same id within the batch


@pytest.mark.parametrize(
    "chunk, expected",
    [
        # these shapes made the old pattern backtrack exponentially / quadratically
        ("好" + "." * 5000, ["好", "." * 5000]),
        ("真的不好" + "。" * 90, ["真的不好"] + ["。"] * 90),
        ("no" + "!" * 3000, ["no"] + ["!"] * 3000),
        ("http://a" + "." * 3000, ["http://a", "." * 3000]),
        (
            "(https://github.com/org/repo.git@v1.2.3#egg=pkg&subdirectory=a/b/c/d).",
            ["(", "https://github.com/org/repo.git@v1.2.3#egg=pkg&subdirectory=a/b/c/d", ")", "."],
        ),
        ("+." * 3000 + "@x", None),  # e-mail branch: one scan per [\w.+-] run
        ("a-" * 3000, ["a", "-"] * 2999 + ["a-"]),
        ("1,000" * 1000 + "km", None),
        ("#1>" + "." * 31, ["#", "1", ">", "." * 31]),  # en_docs doctest prompt: > 3 s before, as spaCy now
        ("http://a" + "." * 3000 + "b", ["http://a" + "." * 3000 + "b"]),
        ("+." * 3000 + "@", None),
    ],
    ids=[
        "dots",
        "cjk_full_stops",
        "bangs",
        "url_dots",
        "git_url",
        "email_runs",
        "hyphen_chain",
        "number_unit",
        "doctest_prompt",
        "url_dot_run",
        "email_no_domain",
    ],
)
def test_pathological_chunks_are_fast_and_keep_conventions(chunk, expected):
    """Each of these took seconds to hours with the backtracking pattern; the
    per-chunk work is now linear, so a few thousand characters are instant.
    (Timing is asserted as a complexity ratio in tests/test_linear_time.py.)"""
    segment._CHUNK_CACHE.clear()
    toks = segment.words_default(chunk)
    assert "".join(toks) == chunk  # nothing lost or invented
    if expected is not None:
        assert toks == expected


def test_email_and_units_keep_their_tokens():
    assert words("mail a.b+c@ex-ample.co.uk, 5km 9am", "default") == [
        "mail",
        "a.b+c@ex-ample.co.uk",
        ",",
        "5",
        "km",
        "9",
        "am",
    ]


# chunks on which the old regular-expression tokenizer and spaCy disagreed
# (code and technical text of en_docs), plus affix/special-case interplay
SPACY_CASES = [
    "last):",
    "main():",
    "--help",
    "--name-only",
    ".gitignore",
    "x.",
    "id.",
    "dont",
    "Im",
    "4G",
    "(8)",
    "''",
    "'',",
    "p.s.",
    "Inc.'s",
    "U.K.'s",
    "z.B.",
    "1.84m.",
    "(0-1):",
    "self->first",
    "/*[clinic",
    "parser.add_argument('--foo',",
    "|---|---|",
    "o)¶",
    "...",
    "etc.).",
    "(dont)",
    ":)",
    "):",
    "..",
    "a.b.c..",
    "http://example.com/x).",
    "can't",
    "“Hello,”",
    "—",
    "9am",
    "$5.00",
    "e.g.,",
]


@pytest.mark.parametrize("chunk", SPACY_CASES)
def test_english_chunks_are_spacys_tokens(chunk):
    """datatrove tokenizes English with spaCy: our chunk tokens are spaCy's exactly."""
    nlp = segment.spacy_tokenizer()
    with nlp.memory_zone():
        ref = tuple(t.text for t in nlp.tokenizer(chunk) if not t.text.isspace())
    assert segment.spacy_rules().tokens(chunk) == ref
    segment._CHUNK_CACHE.pop(chunk, None)
    assert segment.chunk_tokens_many([chunk]) == [ref]


def test_suffix_search_from_the_tail_finds_spacys_suffix():
    import random

    rules = segment.spacy_rules()
    full = segment.spacy_tokenizer().tokenizer.suffix_search
    rng = random.Random(7)
    alphabet = "ab.Z9)'\"%…-:,!?"
    for _ in range(3000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        a, b = rules._suffix(s), full(s)
        assert (a.span() if a else None) == (b.span() if b else None), s
