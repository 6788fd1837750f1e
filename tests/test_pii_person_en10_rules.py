"""English PERSON rules of helper en_person10 (issue #16), each on invented sentences: hyphenated given
names before a surname, a listed given name and surname around particles the lexicon also knows as a
word ("Maarten van den Heuvel"), a listed surname after initials written apart even when it is a word
or a town ("H. G. Wells"), Korean given-name syllables, people who serve someone named after their role
("Chef Marco"). The look-alikes beside them stay unflagged. Each case failed before these rules (7215b60) unless it is
a look-alike kept clean. Linear time of the new paths: ``test_linear``.
"""

from __future__ import annotations

import gc

import pytest

from operators.pii.recognizers_person import EnglishPersonRecognizer
from tests.pii_linear import grown_ratio


@pytest.fixture(scope="module")
def recognizer():
    r = EnglishPersonRecognizer()
    gc.collect()
    gc.freeze()
    yield r
    gc.unfreeze()


def _spans(r, text: str) -> list[str]:
    return [text[f.start : f.end] for f in r.analyze(text)]


FOUND = [
    ("Mary-Kate O'Brien chaired the panel.", "Mary-Kate O'Brien"),
    ("Lily-Rose Pemberton took silver in the relay.", "Lily-Rose Pemberton"),
    ("Jean-Paul Sartre declined the prize.", "Jean-Paul Sartre"),
    ("The report quotes Anna-Lena McAllister at length.", "Anna-Lena McAllister"),
    ("Maarten van den Heuvel designed the bridge.", "Maarten van den Heuvel"),
    ("H. G. Wells published The Time Machine in 1895.", "H. G. Wells"),
    ("E. B. White wrote a book about a spider.", "E. B. White"),
    ("Park So-young won the election.", "Park So-young"),
    ("Chef Marco came out to greet every table.", "Marco"),
]

CLEAN = [
    "Mercedes-Benz Group reported higher sales.",
    "Winston-Salem State won the game.",
    "Coca-Cola Company shares fell.",
    "Rolls-Royce Holdings cut jobs.",
    "P. S. Thanks for the help.",
    "U. S. Steel was sold.",
    "Open Settings and choose Display.",
]


@pytest.mark.parametrize("text, name", FOUND, ids=[n for _, n in FOUND])
def test_found(recognizer, text, name):
    assert name in _spans(recognizer, text), _spans(recognizer, text)


@pytest.mark.parametrize("text", CLEAN)
def test_clean(recognizer, text):
    assert _spans(recognizer, text) == []


def test_sentence_start_given_name_kept(recognizer):
    # a given name that is also a word stays before a surname ("Will Smith"), and so does a surname first
    assert "Will Smith" in _spans(recognizer, "Will Smith came to the premiere.")
    assert "Mary O'Brien" in _spans(recognizer, "Mary O'Brien chaired the panel.")


def _rep(unit: str):
    return lambda n: unit * max(1, n // len(unit))


CASES = {
    "hyphen_given": _rep("Mary-Kate O'Brien and Lily-Rose Pemberton, "),
    "hyphen_chain": _rep("Mary-Anne-Mary-Anne-"),
    "initials_apart": _rep("H. G. Wells and E. B. White and "),
    "j_j_j": _rep("J. J. J. "),
    "particles": _rep("Maarten van den Heuvel van den Heuvel "),
    "roles": _rep("Chef Marco and our guide Kalani and "),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_linear(recognizer, case):
    ratio, n, _, _ = grown_ratio(
        recognizer.analyze,
        CASES[case],
        n=1024,
        max_n=1 << 11,
        min_seconds=0.003,
        bound=16,
        floor=1e-6,
        reps=3,
        pause_gc=True,
    )
    assert ratio < 16, f"{case}: T(8n)/T(n) = {ratio:.1f} at n={n}"
