"""The phone matcher's region-independent work shared across regions (``_MemoMatcher``'s
``plans``: the next candidate from an index, dates and time stamps, inner groups) gives what
phonenumbers' own ``PhoneNumberMatcher`` gives, region by region and in the same order, on
random texts full of candidates, inner groups, dates, time stamps and extensions; and a cut
tries budget is spent as phonenumbers spends it."""

from __future__ import annotations

import random

import pytest
from phonenumbers import Leniency, PhoneNumberMatcher

from operators.pii.recognizers_phone import _MemoMatcher

REGIONS = ("US", "GB", "DE", "FR", "IL", "IN", "CA", "BR")
_ATOMS = [
    "(212) 555-0123", "+44 20 7946 0958", "030 1234567", "2024-01-15 12", ":30", "12/05/2023", "ext. 12",
    "0049 30 1234", "+49 1689", " ", " ", "-", "/", ".", "(", ")", "0", "00", "1", "7", "13800138000",
    "06 12 34 56 78", "98765 43210", "x", "Tel ", "on ", "，", "电话", "0..4866510", "192.168.0.1", "#",
    "1 800 555 0123", "555-0199 / 555-0100", "011 683 7012",
]  # fmt: skip


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ATOMS) for _ in range(rng.randint(1, 14))) for _ in range(n)]


def _found(matcher) -> list[tuple]:
    return [(m.start, m.end, m.raw_string, m.number) for m in matcher]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_matches_as_phonenumbers(seed):
    total = 0
    for text in _texts(seed, 400):
        memo: dict = {}
        plans: dict = {}  # shared by the regions, as in the recognizer
        for region in REGIONS:
            ours = _found(_MemoMatcher(text, region, Leniency.VALID, memo, plans))
            stock = _found(PhoneNumberMatcher(text, region, leniency=Leniency.VALID))
            assert ours == stock, (text, region)
            total += len(ours)
    assert total > 1000


def test_the_tries_budget_is_spent_as_phonenumbers_spends_it():
    for text in _texts(5, 300):
        for tries in (0, 1, 2, 3, 5):
            plans: dict = {}
            for region in ("US", "DE"):
                ours = _MemoMatcher(text, region, Leniency.VALID, {}, plans)
                ours._max_tries = tries
                stock = PhoneNumberMatcher(text, region, leniency=Leniency.VALID, max_tries=tries)
                assert _found(ours) == _found(stock), (text, region, tries)
