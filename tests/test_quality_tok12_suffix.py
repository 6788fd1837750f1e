"""The English tokenizer's fixed suffix lengths (#13, quality_tok12): for most last characters
the suffix length of spaCy's suffix expression does not depend on the characters before it
(``,`` ``)`` ``:`` always one, many letters and digits never one); ``suffix_length_fn``'s ``fixed`` table
gives it without the per-alternative loop, and -1 where the loop must run."""

import random

from operators.text.segment import SpacyRules, spacy_rules


def _strings(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = list("abcXYZ019.,;:!?()[]{}'\"-—–…$%#*&/°FfCcKk’‘“”«»'sS") + ["km", "US$", "n't", "..."]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))) for _ in range(n)]


def test_fixed_lengths_equal_the_loop():
    suffix_len = spacy_rules()._suffix_len
    fixed = suffix_len.fixed
    checked = 0
    for s in _strings(30_000, 1):
        v = fixed[s[-1]]
        if v >= 0:
            checked += 1
            assert v == suffix_len(s), s
    assert checked > 10_000


def test_fixed_table_values():
    fixed = spacy_rules()._suffix_len.fixed
    assert fixed[","] == 1 and fixed[")"] == 1 and fixed[":"] == 1  # always a one-character suffix
    assert fixed["e"] == 0 and fixed["7"] == 0  # no alternative ends in them
    assert fixed["m"] == -1  # units after a digit (5m, 3km): the loop decides
    assert fixed["."] == -1  # lookbehinds and the run '..+': the loop decides
    assert fixed["s"] == -1  # 's is a two-character suffix
    assert fixed["\n"] == -1


def test_tokens_unchanged_without_the_table():
    """The tokens with the table equal those of a tokenizer whose suffix function has none."""
    with_table = spacy_rules()
    plain = SpacyRules()
    del plain._suffix_len.fixed  # _build_split then asks suffix_len for every string
    plain._split_sp = plain._build_split()
    chunks = _strings(20_000, 2) + [
        "word,",
        "(word)",
        "U.S.",
        "Dr.",
        "e.g.,",
        "it's.",
        "x.y,",
        ":)",
        "a..",
        "km².",
    ]
    assert with_table.tokens_many(chunks) == plain.tokens_many(chunks)
    assert [with_table.tokens(c) for c in chunks] == [plain.tokens(c) for c in chunks]
