"""English ADDRESS rules of en_pii18 (#16), from the misses of its blind development set
(``tests/test_pii_en18_blind.py``): a flat or block lettered or numbered in a named building or estate
with no street ("Block C, Riverside Estate", "Flat 7, Harbour View"), in texts with or without a
digit; look-alikes with no building word, a block of a course or an exam, and a linear-time test.
"""

from __future__ import annotations

import functools

import pytest

from operators.pii.recognizers_address_en import EnglishAddressRecognizer
from tests.pii_linear import linear_tests


@functools.cache
def _rec() -> EnglishAddressRecognizer:
    return EnglishAddressRecognizer()


def _found(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _rec().analyze(text)]


@pytest.mark.parametrize(
    "text,address",
    [
        ("The lift at Block C, Riverside Estate will be off on Monday.", "Block C, Riverside Estate"),
        ("Police were called to Flat 7, Harbour View on Tuesday night.", "Flat 7, Harbour View"),
        ("She lives at Flat B, Elm Court.", "Flat B, Elm Court"),
        ("Repairs at Block 4, Meadowbank Estate start on 3 May.", "Block 4, Meadowbank Estate"),
        ("Apt 3, Ocean View has a new tenant.", "Apt 3, Ocean View"),
    ],
)
def test_flat_or_block_in_named_building(text, address):
    assert address in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Block 2, Level 3 is the hardest part of the game.",
        "Flat 5, House of Commons rules apply.",
        "Block C of the exam covers the Lake View poem.",
        "Flat rates apply to all orders over 50 pounds.",
        "Unit 4 of the course covers fractions.",
        "Sea View is a popular name for hotels.",
        "The Estate Agents Act 1979 applies.",
    ],
)
def test_flat_or_block_lookalikes(text):
    assert _found(text) == []


def _blocks(n: int) -> str:
    return "Block C, Riverside Old Green " * n


def _flats(n: int) -> str:
    return "Flat B, Elm Court and Flat 7, Harbour View. " * n


test_linear = linear_tests(
    EnglishAddressRecognizer, {"blocks": _blocks, "flats": _flats}, n=256, max_n=1 << 12, min_seconds=0.003
)
