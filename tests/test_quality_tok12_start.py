"""The English tokenizer's start-up in a fresh worker (#13, quality_tok12): the suffix
expression's search (``_tail_search``: its alternatives parsed one by one, an alternation
compiled per last character) is built on its first use, not while the rules are built: the
tokens come from ``suffix_length_fn``'s table, and the special cases split by affixes
(``_merge``) are found with it too."""

import random
import re

from operators.text import segment
from operators.text.segment import SpacyRules, english_rules


def test_rules_built_without_the_suffix_search(monkeypatch):
    def fail(search):
        raise AssertionError("suffix search built while the rules are built")

    monkeypatch.setattr(segment, "_tail_search", fail)
    rules = SpacyRules()
    assert rules.tokens_many(["word,", "(a)", "U.S.", "x.y", "it's", ":)", "e.g.,"]) == [
        ("word", ","),
        ("(", "a", ")"),
        ("U.S.",),
        ("x.y",),
        ("it", "'s"),
        (":)",),
        ("e.g.", ","),
    ]


def test_lazy_suffix_search_equals_the_expression():
    rules = SpacyRules()
    full = re.compile(*english_rules()["suffix"]).search
    rng = random.Random(3)
    alphabet = list("abcXY019.,;:!?()'\"-—…$%°FCkm’”\n") + ["km", "'s", "n't", "..."]
    for _ in range(5000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        a, b = rules._suffix(s), full(s)
        assert (a is None) == (b is None), s
        if a is not None:
            assert a.span() == b.span(), s
        assert rules._find_suffix(s) == (b.end() - b.start() if b is not None else 0)
