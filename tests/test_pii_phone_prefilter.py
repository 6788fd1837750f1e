"""The phone pre-check (``recognizers_phone.possible_phone``) only skips text where
phonenumbers finds nothing the recognizer keeps: findings with and without it are equal
on digits joined by every separator phonenumbers knows (and some it does not), and
typical non-phone digit runs (dates, times, thousands) never reach phonenumbers."""

from __future__ import annotations

import random

import pytest
import re2
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from operators.pii.recognizers_phone import MinDigitsPhoneRecognizer, possible_phone

_ATOMS = list("0123456789") * 6 + [
    "+", "(", ")", "-", " ", ".", "/", ",", ":", "#", "＃", "~", "～", "x", "X", "ext", " ext. ", "ｅｘｔ",
    "ｘ", "доб", "ｉｎｔ", "int", ";ext=", "\t", "\xa0", "－", "．", "‐", "―", "a", "Tel ", "\n", "１", "５",
    "年", "月", "  ", "[", "]", "（", "）", "\u3000", "\u200b",
]  # fmt: skip


def _findings(rec, text):
    return sorted((r.start, r.end, r.score) for r in rec.analyze(text, ["PHONE_NUMBER"]))


@pytest.fixture(scope="module")
def pair():
    checked = MinDigitsPhoneRecognizer(supported_language="xx")
    unchecked = MinDigitsPhoneRecognizer(supported_language="xx")
    unchecked._possible = re2.compile("")  # matches everywhere: phonenumbers sees every slice
    return checked, unchecked


@pytest.mark.parametrize("seed", [0, 1])
def test_same_findings_with_and_without_the_precheck(pair, seed):
    checked, unchecked = pair
    rng = random.Random(seed)
    with_findings = 0
    for _ in range(1500):
        text = "".join(rng.choice(_ATOMS) for _ in range(rng.randint(5, 40)))
        expected = _findings(unchecked, text)
        with_findings += bool(expected)
        assert _findings(checked, text) == expected, repr(text)
    assert with_findings > 50  # the strings do hold phone numbers


@pytest.mark.parametrize(
    "text",
    [
        "Call (555) 123-4567 today",
        "+44 20 7946 0958",
        "Tel. 555.123.4567",
        "电话：０７５５－２６６６８８８８",
        "555-1234 ext. 89",
        "12345 ＃ 67 and 1234 доб 567",
        "+49 30 12345678",
    ],
)
def test_phone_numbers_still_reach_phonenumbers(pair, text):
    checked, unchecked = pair
    assert _findings(checked, text) == _findings(unchecked, text)
    assert possible_phone(7).search(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "October 25, 2012, 5:00 am",
        "1,234,567 visitors",
        "12:30:45, 1:05:59",
        "增长３４１．８１万人，2012年10月8日",
        "x = [1, 4, 9, 16, 25, 36]",
    ],
)
def test_non_phone_digit_runs_skip_phonenumbers(pair, monkeypatch, text):
    calls = []
    original = PhoneRecognizer.analyze

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(PhoneRecognizer, "analyze", counting)
    checked, _ = pair
    assert checked.analyze(text, ["PHONE_NUMBER"]) == []
    assert calls == []
