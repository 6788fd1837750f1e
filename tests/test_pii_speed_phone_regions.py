"""The phone recognizer runs phonenumbers' candidate scan once per piece, not once per region
(``recognizers_phone._none_in``): a region whose answers to the parse-and-verify calls of a region
that found nothing are all None is skipped. Its findings must be Presidio's own
``PhoneRecognizer.analyze`` (every region's matcher run in full): checked on phonenumbers' example
numbers of every region written in several forms inside text, next to figures, dates and other
regions' numbers, and on random digit-and-separator texts."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import Leniency, PhoneNumberMatcher
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from operators.pii.recognizers_phone import _MemoMatcher, _none_in
from tests.phone_cases import example_numbers, ours_and_presidio, spans

REGIONS = PhoneRecognizer.DEFAULT_SUPPORTED_REGIONS


@pytest.fixture(scope="module")
def recognizers():
    return ours_and_presidio(REGIONS)


def _example_texts() -> list[str]:
    texts = []
    for ex in example_numbers(sorted(phonenumbers.SUPPORTED_REGIONS)):
        texts.append(f"Call {ex.national} or {ex.intl} (ref 2024-01-15, 12,345 units)")
        texts.append(f"Tel: {ex.e164[1:]}; fax 00{ex.e164[1:]} / page 12-14")
    return texts


def test_example_numbers_of_every_region_as_presidio_finds_them(recognizers):
    ours, plain = recognizers
    found = 0
    for text in _example_texts():
        expected = spans(plain.analyze(text, ["PHONE_NUMBER"]))
        got = spans(ours._matches(text, None, {}))
        assert got == expected, text
        found += len(expected)
    assert found > 500  # the regions' numbers are found, so both paths of _none_in run


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_digit_texts_as_presidio_finds_them(recognizers, seed):
    ours, plain = recognizers
    rng = random.Random(seed)
    atoms = [
        "0",
        "1",
        "2",
        "44",
        "49",
        "555",
        "0123",
        "+",
        "(",
        ")",
        " ",
        "-",
        ".",
        "/",
        "x",
        "ext ",
        ", ",
        "a",
    ]
    found = 0
    for _ in range(400):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(3, 30)))
        expected = spans(plain.analyze(text, ["PHONE_NUMBER"]))
        assert spans(ours._matches(text, None, {})) == expected, text
        found += len(expected)
    assert found > 20


def test_none_in_answers_as_the_region_matcher():
    text = "Order 20240115 shipped, call 020 7946 0958 or (212) 555-0123, room 1204"
    for first in REGIONS:
        calls: list = []
        if list(_MemoMatcher(text, first, Leniency.VALID, {}, calls)):
            continue  # only a region that found nothing gives the calls
        assert calls  # the matcher asked about candidates
        for region in REGIONS:
            finds = bool(list(PhoneNumberMatcher(text, region, leniency=Leniency.VALID)))
            assert _none_in(calls, text, region, Leniency.VALID, {}) is (not finds), (first, region)


def test_a_region_that_finds_nothing_makes_the_same_calls_as_every_other():
    text = "Figures 1234567, 2020-2021, 12.5%, 3/4 and 0800 then 99 99 99"
    traces = []
    for region in REGIONS:
        calls: list = []
        assert not list(_MemoMatcher(text, region, Leniency.VALID, {}, calls))
        traces.append(calls)
    assert traces[0] and all(t == traces[0] for t in traces)
