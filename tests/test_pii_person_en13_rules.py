"""Rules of the en_person13 pass (issue 16): English PERSON in weak contexts and look-alikes.

- a run of two or three capitalised words before a verb a person does (``_subject_pair``): any listed
  given name or surname with a name-shaped word ("Tamara Lindell joined"), or two unlisted name shapes
  ("Kasia Tilbury reckons"); not after a determiner or a place preposition, not a firm or a place;
- the later mention of such a name's surname ("Later Tilbury sold it");
- a full name joined by "and" / "&" to a found full name ("Laura Smith and Ottoline Brankin");
- product and thing runs (``_thing_run``): "Dakota Access Pipeline", "Red Hat",
  "Star Wars", "North Korea", "Clay County Fair"; a headline's verb after a name is cut off ("Alec
  Simpson Weds in May"), a word before a name dropped ("President Emmanuel Macron").

The development cases of the pass, apart from the frozen blind set
(``tests/test_pii_person_en13_blind.py``).
"""

from __future__ import annotations

import functools

import pytest

from operators.pii.recognizers_person import EnglishPersonRecognizer


@functools.cache
def _rec() -> EnglishPersonRecognizer:
    return EnglishPersonRecognizer()


def _names(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _rec().analyze(text) if f.score >= 0.4]


SUBJECTS = [
    ("Kasia Tilbury reckons the deal is off.", "Kasia Tilbury"),
    ("Kasia Tilbury joined the board in 2019.", "Kasia Tilbury"),
    ("Barnabas Crewe was hired to run the shop.", "Barnabas Crewe"),
    ("Last year Barnabas Crewe moved to Leeds.", "Barnabas Crewe"),
    ("Kerensa Polglase admitted the mistake.", "Kerensa Polglase"),
    ("Peregrine Lusk laughed and shook her head.", "Peregrine Lusk"),
    ("Kaveh Farahani designed the logo.", "Kaveh Farahani"),
    ("Yesterday Sabela Brankin told us the news.", "Sabela Brankin"),
]


@pytest.mark.parametrize("text, name", SUBJECTS)
def test_subject_before_verb(text, name):
    assert name in _names(text)


def test_later_surname_of_a_subject():
    text = "Kasia Tilbury opened the shop. Later Tilbury sold it."
    assert _names(text) == ["Kasia Tilbury", "Tilbury"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Laura Smith and Ottoline Brankin attended.", "Ottoline Brankin"),
        ("Kerensa Polglase and Laura Smith attended.", "Kerensa Polglase"),
        ("Photos by Araski Kuro & David Lopez", "Araski Kuro"),
    ],
)
def test_full_name_mates(text, name):
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Kasia Tilbury reckons nothing.",  # a determiner: a thing's name
        "Tourists in Kasia Tilbury admitted it rained.",  # a place preposition
        "Morgan Stanley said profits fell.",
        "Santa Monica said the pier is closed.",
        "Holly Springs announced a new park.",
        "Himachal Pradesh, Shanta Kumar said.",  # a comma joins no two-word mate: Himachal Pradesh is none
    ],
)
def test_subject_lookalikes(text):
    names = _names(text)
    assert not any(n.startswith(("Kasia", "Morgan", "Santa", "Holly", "Himachal")) for n in names), names


@pytest.mark.parametrize(
    "text",
    [
        "Dakota Access Pipeline protests continued.",
        "Clay County Fair starts today.",
        "Install Red Hat on the server.",
        "Star Wars Jedi: Fallen Order is out.",
        "Talks with North Korea stalled.",
        "Holly Springs is a town in North Carolina.",
        "Read the Case Study first.",
        "Young Republicans met on campus.",
    ],
)
def test_thing_runs(text):
    assert _names(text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Jessica Simpson Weds in May", "Jessica Simpson"),
        ("A message from President Emmanuel Macron today.", "Emmanuel Macron"),
        ("PEP written by Barry Warsaw.", "Barry Warsaw"),
        ("Interview with Emmanuel Macron.", "Emmanuel Macron"),
    ],
)
def test_names_kept_beside_things(text, name):
    assert name in _names(text)


def test_telescope_not_cut_to_a_name():
    assert _names("The James Webb Space Telescope sent back new images.") == []
