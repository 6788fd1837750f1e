"""Rules of the en_person14 pass (issue 16) in the English ADDRESS recognizer.

- after an address cue, capitalised words before a number that starts a street found number-first are the
  addressee, not a street named before its number: "Deliver to Ivo Petrov 221 Elm Street" is the address
  "221 Elm Street", and the PERSON recognizer takes the name; a continental street after a cue ("Address:
  Calle Mayor 12") stays an address.

The cases are written for this file (not taken from any evaluation set).
"""

from __future__ import annotations

import functools

import pytest

from operators.pii.recognizers_address_en import EnglishAddressRecognizer


@functools.cache
def _rec() -> EnglishAddressRecognizer:
    return EnglishAddressRecognizer()


def _addresses(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _rec().analyze(text)]


@pytest.mark.parametrize(
    "text, address",
    [
        (
            "Deliver to Ivo Petrov 221 Elm Street, Springfield, IL 62704",
            "221 Elm Street, Springfield, IL 62704",
        ),
        ("Send to Marta Kowalczyk 14 Orchard Way", "14 Orchard Way"),
        ("Deliver to Harriet Okafor 12 Mill Lane, Leeds LS6 2QT", "12 Mill Lane, Leeds LS6 2QT"),
    ],
)
def test_addressee_before_number_first_street(text, address):
    assert _addresses(text) == [address]


@pytest.mark.parametrize(
    "text, address",
    [
        ("Address: Calle Mayor 12, Madrid", "Calle Mayor 12, Madrid"),
        ("She lives at Hauptstrasse 5 in Bonn.", "Hauptstrasse 5"),
    ],
)
def test_street_before_its_number_after_a_cue(text, address):
    assert _addresses(text) == [address]
