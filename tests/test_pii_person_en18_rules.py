"""English PERSON rules of en_pii18 (#16), from the misses of its blind development set
(``tests/test_pii_en18_blind.py``): Spanish and Portuguese names of two given names and two surnames
are found whole ("María José García López"), with look-alikes where the word after three name words
is a place, a street, a firm's word or no surname, and a linear-time test of long runs of such names.
"""

from __future__ import annotations

import functools

import pytest

from operators.pii.recognizers_person import EnglishPersonRecognizer
from tests.pii_linear import linear_tests


@functools.cache
def _rec() -> EnglishPersonRecognizer:
    return EnglishPersonRecognizer()


def _names(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _rec().analyze(text)]


@pytest.mark.parametrize(
    "text,name",
    [
        ("María José García López has lived in the village for forty years.", "María José García López"),
        ("The title went to Juan Carlos Fernández Ruiz on Sunday.", "Juan Carlos Fernández Ruiz"),
        ("We met Ana Paula Ferreira Santos yesterday.", "Ana Paula Ferreira Santos"),
        ("Signed: Luis Miguel Sánchez Pérez, notary.", "Luis Miguel Sánchez Pérez"),
    ],
)
def test_second_surname_taken(text, name):
    assert name in _names(text)


@pytest.mark.parametrize(
    "text,name",
    [
        ("Maria Elena Gomez Madrid is on the list.", "Maria Elena Gomez"),  # a place after
        ("I met Juan Carlos Fernández Ruiz Foundation staff.", "Juan Carlos Fernández"),  # the run goes on
        ("Tell Mary Ann Smith Monday.", "Mary Ann Smith"),  # a month, no surname
        ("Ask Mary Ann Smith Yesterday.", "Mary Ann Smith"),
    ],
)
def test_second_surname_not_taken(text, name):
    names = _names(text)
    assert name in names and not any(len(n) > len(name) and n.startswith(name) for n in names)


def test_second_surname_lookalikes():
    for text in (
        "Juan Carlos Fernández Street is closed for repairs.",
        "Mercedes Benz García Motors opened a showroom.",
        "Ford and Toyota both raised prices this quarter.",
    ):
        assert not any(n.endswith(("Street", "Motors")) for n in _names(text)), text


def _runs(n: int) -> str:
    return "María José García López " * n


def _dots(n: int) -> str:
    return "María José García López. " * n


test_linear = linear_tests(
    EnglishPersonRecognizer, {"runs": _runs, "dots": _dots}, n=256, max_n=1 << 12, min_seconds=0.003
)


@pytest.mark.parametrize(
    "text,name",
    [
        ("lol ask kemi she has the notes", "kemi"),
        ("omg ask linh about it", "linh"),
        ("ugh ask kemi", "kemi"),
    ],
)
def test_interjection_before_chat_cue(text, name):
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "lol ask the team first",
        "ok thanks ok",
        "omg tell me everything",
        "btw ping you later",
        "lol ok so what now",
    ],
)
def test_interjection_before_chat_cue_lookalikes(text):
    assert _names(text) == []


def _cues(n: int) -> str:
    return "lol ask ok thanks omg tell " * n


test_linear_cues = linear_tests(
    EnglishPersonRecognizer, {"cues": _cues}, n=256, max_n=1 << 12, min_seconds=0.003
)


@pytest.mark.parametrize(
    "text,name",
    [
        ("Please forward the invoice to Siobhán Ní Bhriain before Friday.", "Siobhán Ní Bhriain"),
        ("Pádraig Ó Súilleabháin runs the pharmacy on Patrick Street.", "Pádraig Ó Súilleabháin"),
    ],
)
def test_irish_given_before_particle(text, name):
    assert name in _names(text)


@pytest.mark.parametrize(
    "text,bad",
    [
        ("The town of Cill Ó Súilleabháin is small.", "Cill Ó Súilleabháin"),  # no listed given name
        ("In 2019 Ó Súilleabháin said no.", "2019 Ó Súilleabháin"),
    ],
)
def test_irish_given_lookalikes(text, bad):
    assert bad not in _names(text)


def _irish(n: int) -> str:
    return "Seán Ó Ní Ó Nic Uí " * n


test_linear_irish = linear_tests(
    EnglishPersonRecognizer, {"irish": _irish}, n=256, max_n=1 << 12, min_seconds=0.003
)
