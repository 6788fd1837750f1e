"""English PERSON: names after a form's label ("First name: Chiamaka  Last name: Eze") and lone
words a trait of character is said of ("Why is Avtorhan so impulsive?"). All cases invented."""

import gc

import pytest

from operators.pii.recognizers_person import EnglishPersonRecognizer, _letter_runs
from tests.pii_linear import ratio


@pytest.fixture(scope="module")
def rec(pii_annotator):
    # the session's recognizer, not a second one: a second ~9 MB of live objects made the garbage
    # collector's passes in tests/test_pii_linear.py grow with its input (military: x26 for x8)
    return next(r for r in pii_annotator._lexical if isinstance(r, EnglishPersonRecognizer))


def _names(rec, text):
    return [text[f.start : f.end] for f in rec.analyze(text)]


@pytest.mark.parametrize(
    "text, name",
    [
        ("First name: Chiamaka  Last name: Eze", "Chiamaka"),
        ("First name: Chiamaka  Last name: Eze", "Eze"),
        ("Surname: Okonkwo Given name: Adaeze", "Okonkwo"),
        ("Surname: Okonkwo Given name: Adaeze", "Adaeze"),
        ("Why is Zorvakin so impulsive?", "Zorvakin"),
        ("Why is Avtorhan so impulsive?", "Avtorhan"),
        ("Drovenka is very reliable. You can count on it.", "Drovenka"),
        ("Why was Glyceria so stubborn as a child?", "Glyceria"),
    ],
)
def test_found(rec, text, name):
    assert name in _names(rec, text)


@pytest.mark.parametrize(
    "text",
    [
        "Why is Python so slow?",
        "Why is Chrome so reliable?",
        "Why is Amazon so greedy?",
        "Is Toyota so reliable?",
        "Why is Texas so friendly?",
        "The Zorvakin is very reliable.",
        "File name: Report  Size: 4 MB",
        "Name: Support Team",
        "Host name: localhost",
    ],
)
def test_look_alikes_left(rec, text):
    assert _names(rec, text) == []


def test_form_field_ends_at_next_label(rec):
    text = "Last name: Okafor  First name: Ifeoma"
    assert _names(rec, text) == ["Okafor", "Ifeoma"]


@pytest.mark.parametrize(
    "unit", ["First name: Chiamaka Okonkwo Adaeze Eze ", "Why is Zorvakin so impulsive? ", "Name: " * 3]
)
def test_linear(rec, unit):
    try:
        _linear(rec, unit)
    finally:  # the big texts leave no cached letter runs or garbage to later timing tests
        _letter_runs.cache_clear()
        gc.collect()


def _linear(rec, unit):
    rec.analyze(unit * 200)  # warm the caches
    # x4 input: well under quadratic growth (x16); least of 3 runs each when the ratio comes near 8
    r, small, big = ratio(rec.analyze, unit * 2000, unit * 8000, bound=8, floor=0.01, reps=3)
    assert r < 8, (unit, small, big)
