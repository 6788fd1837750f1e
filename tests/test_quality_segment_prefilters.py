"""The cold tokenizer's prefilters (operators/text/segment.py): the start and required
characters derived from spaCy's prefix, infix and URL expressions must never skip a match,
and the batched path must give spaCy's tokens."""

from __future__ import annotations

import random
import re

import pytest

from operators.text import segment

ALPHABET = list(".,;:!?()[]{}'\"-_/\\@#$%^&*+=<>~`|’“”…—–°©") + list("aAzZ09éß")


def _random_strings(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 10))) for _ in range(n)]


def test_start_and_required_chars_of_toy_patterns():
    assert segment.infix_start_chars(re.compile(r"(?<=a)-(?=b)|\.\.+|[xy]z")) == frozenset("-.xy")
    assert segment.infix_start_chars(re.compile(r"^\$|^US\$")) == frozenset("$U")
    assert segment.infix_start_chars(re.compile(r"a|b?")) is None  # can match empty
    assert segment.infix_start_chars(re.compile(r"[^a]b")) is None  # negated class: not enumerated
    assert segment.required_chars(re.compile(r"^\w+(?:\.\w+)+$")) == frozenset(".")
    assert segment.required_chars(re.compile(r"a\d|b\d")) == frozenset("ab")
    assert segment.required_chars(re.compile(r"a?\d")) is None


def test_prefilters_never_skip_a_spacy_match():
    rules = segment.spacy_rules()
    tok = segment.spacy_tokenizer().tokenizer
    prefix, infix, url = tok.prefix_search, tok.infix_finditer, tok.url_match
    assert rules._prefix_start is not None and rules._infix_start is not None
    assert rules._url_req == frozenset(".")
    samples = _random_strings(20_000, 7) + ["a.b", "x.co", "http://a.bc/d", "US$5", "10-20", "a:b", "C++"]
    for s in samples:
        if s[0] not in rules._prefix_start:
            assert prefix(s) is None, s
        if rules._infix_start.isdisjoint(s):
            assert next(iter(infix(s)), None) is None, s
        if rules._url_req.isdisjoint(s):
            assert url(s) is None, s


@pytest.mark.parametrize("seed", [1, 2])
def test_batched_chunks_are_spacys_tokens(seed):
    nlp = segment.spacy_tokenizer()
    chunks = _random_strings(3_000, seed) + ["(don't", "it's.", ":-)", "e.g.,", "a.m.", "10a.m.", "'cause,"]
    segment._CHUNK_CACHE.clear()
    segment.spacy_rules()._memo.clear()
    got = segment.chunk_tokens_many(chunks)
    for c, toks in zip(chunks, got):
        assert toks == tuple(t.text for t in nlp(c)), c
