"""Rules of the en_person14 pass (issue 16) in the English ADDRESS recognizer.

- after an address cue, capitalised words before a number that starts a street found number-first are the
  addressee, not a street named before its number: "Deliver to Ivo Petrov 221 Elm Street" is the address
  "221 Elm Street", and the PERSON recognizer takes the name; a continental street after a cue ("Address:
  Calle Mayor 12") stays an address;
- a house named with no street, then its village or town and a full UK postcode, needs no cue ("Mill Farm,
  Carrbridge PH23 3AA");
- a junction after "intersection of" / "junction of" / "corner of" whose first street has its type, the
  second typed, a numbered route or a name ("the intersection of Elm Street and Route 9");
- "Post Office Box 45" written out; a box with a Canadian station ("Box 318, Station A, Toronto ON M5W
  1B2"); a numbered route with no house number before its town and postcode ("State Route 9, Cedar
  Hollow, WV 25071").

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


@pytest.mark.parametrize(
    "text, address",
    [
        ("We're staying at Mill Farm, Carrbridge PH23 3AA this week.", "Mill Farm, Carrbridge PH23 3AA"),
        (
            "Pick-up: Rose Cottage, Lower Slaughter, Cheltenham GL54 2HP",
            "Rose Cottage, Lower Slaughter, Cheltenham GL54 2HP",
        ),
        ("Police closed the intersection of Elm Street and Route 9 overnight.", "Elm Street and Route 9"),
        (
            "Roadworks at the junction of London Road and Station Approach until May.",
            "London Road and Station Approach",
        ),
        (
            "Gifts can be mailed to Box 318, Station A, Toronto ON M5W 1B2.",
            "Box 318, Station A, Toronto ON M5W 1B2",
        ),
        ("Send it to Post Office Box 1207, Dayton, OH 45401", "Post Office Box 1207, Dayton, OH 45401"),
        (
            "The stall at State Route 9, Cedar Hollow, WV 25071 sells honey.",
            "State Route 9, Cedar Hollow, WV 25071",
        ),
    ],
)
def test_addresses_without_a_house_number(text, address):
    assert address in _addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "Visit Tate House, the museum, on Sunday.",
        "Buckingham Palace is open in August.",
        "Take Route 9, then turn left at the mill.",
        "the intersection of art and science",
        "Route 66, the mother road, crosses eight states.",
    ],
)
def test_no_address(text):
    assert _addresses(text) == []
