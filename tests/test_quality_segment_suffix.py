"""SpacyRules' suffix search (tail start + alternatives chosen by the last
character) finds the same match as spaCy's full ``suffix_search``."""

from __future__ import annotations

import random

from operators.text.segment import spacy_rules, spacy_tokenizer


def test_suffix_search_is_specialised():
    # the fast path is in use (a closure), not spaCy's bound regex method
    assert getattr(spacy_rules()._suffix, "__closure__", None) is not None


def test_suffix_search_matches_spacy():
    full = spacy_tokenizer().tokenizer.suffix_search
    fast = spacy_rules()._suffix
    rng = random.Random(5)
    alphabet = list("aAzs.'S%km²³0129)]\"”’…-:;!?$€£°Cx\n") + ["n't", "'s", "km", "°C", "..", "...", "’s"]
    chunks = ["", ".", "..", "....", "word.", "5km", "10°C.", "cats'", "don't", "U.S.", "end\n", "a)\n"]
    chunks += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(20000)]
    for c in chunks:
        a, b = full(c), fast(c)
        assert (a and a.span()) == (b and b.span()), c
