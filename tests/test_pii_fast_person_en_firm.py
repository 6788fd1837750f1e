"""The English PERSON recognizer's firm test (``_in_firm``) skips its regex pass where the window around
a name holds neither a comma nor a hyphen (every ``_FIRM`` match holds one), with the same answers as
the pass everywhere."""

from __future__ import annotations

import random

import pytest

from operators.pii import recognizers_person
from operators.pii.recognizers_person import _FIRM, _FIRM_WORD, _LIST_AFTER_COLON, EnglishPersonRecognizer


@pytest.fixture(scope="module")
def rec():
    return EnglishPersonRecognizer()


def _in_firm_reference(rec, text: str, start: int, end: int) -> bool:
    """The test as written before the short cut: the regex pass over the window, always."""
    for m in _FIRM.finditer(text, max(0, start - 30), min(len(text), end + 30)):
        if m.start() < end and start < m.end():
            if "-" not in m.group() and all(w in rec.given for w in _FIRM_WORD.findall(m.group())):
                return False
            if "-" not in m.group() and _LIST_AFTER_COLON.search(text, max(0, start - 80), start):
                return False
            return True
    return False


_WORDS = ["Lopez", "Santos", "Coleman", "Oliver", "Priya", "Tomasz", "Ellis", "Ingram", "and", "&", "the",
          "firm", "founders:", "our", "Turgeon", "Guerra", "Ewing", "said", "x"]  # fmt: skip
_SEPS = [" ", " ", " ", ", ", "-", " - ", "\t", "\n", ": "]


def test_same_answers_as_the_regex_pass(rec):
    rng = random.Random(3)
    texts = [
        "Lopez, Santos and Coleman LLP filed the brief.",
        "Oliver, Priya and Tomasz met Ellis-Ingram.",
        "our 3 founders: Turgeon, Guerra and Ewing",
        "Nora is very reliable and Santos said so",
    ]
    for _ in range(1500):
        texts.append("".join(rng.choice(_WORDS) + rng.choice(_SEPS) for _ in range(rng.randint(1, 14))))
    checked = with_firm = 0
    for text in texts:
        for m in recognizers_person._CAP_SPLIT.finditer(text):
            s, e = m.span()
            expected = _in_firm_reference(rec, text, s, e)
            assert rec._in_firm(text, s, e) is expected, (text, s, e)
            checked += 1
            with_firm += expected
    assert checked > 3000 and with_firm > 100


def test_no_regex_pass_without_a_comma_or_hyphen_near(rec, monkeypatch):
    calls = []

    class Spy:
        def finditer(self, text, pos, endpos):
            calls.append((pos, endpos))
            return _FIRM.finditer(text, pos, endpos)

    monkeypatch.setattr(recognizers_person, "_FIRM", Spy())
    text = "Santos met Coleman at the station on Monday and they talked for an hour, then left."
    s = text.index("Santos")
    assert rec._in_firm(text, s, s + len("Santos")) is False
    assert calls == []  # the comma lies more than 30 characters after the name
    s = text.index("Coleman")
    rec._in_firm(text, s, s + len("Coleman"))
    assert calls == []
    s = text.index("hour") - 20
    rec._in_firm(text, s, s + 4)
    assert len(calls) == 1  # a comma in the window: the pass runs
