"""Building the English tokenizer's rules parses each expression once (``segment._parsed``): the
derived tables are the same as with a fresh parse per derivation, and no tree is kept afterwards."""

from __future__ import annotations

from re import _parser as sre_parse

from operators.text import segment


def test_memoized_parse_gives_the_same_rules(monkeypatch):
    memo = segment.SpacyRules()
    assert segment._PARSED == {}  # emptied once the rules are built
    calls = []

    def fresh(pat):
        calls.append(pat.pattern)
        return sre_parse.parse(pat.pattern, pat.flags)

    monkeypatch.setattr(segment, "_parsed", fresh)
    plain = segment.SpacyRules()
    assert len(calls) > len(set(calls))  # the same expression is read by several derivations
    for name in ("_prefix_start", "_infix_start", "_url_req", "_letters_alone", "_merge", "_merge_pairs"):
        assert getattr(memo, name) == getattr(plain, name), name
    chunks = [
        "(word),",
        "U.S.",
        "can't",
        "http://x.org/a).",
        "a--b",
        "3.14%",
        "e.g.",
        ":-)",
        "x...",
        "Mr.",
        "'90s",
    ]
    chunks += [
        "\u2014word\u2014",
        "\u00bfQu\u00e9?",
        "(\u4e2d\u6587)",
        "1,000.",
        "foo.Bar",
        "a/b",
        "\U0001f600!",
    ]
    assert [memo.tokens(c) for c in chunks] == [plain.tokens(c) for c in chunks]
