"""The English PERSON recognizer's fast paths give the answers of the plain ones: the
lower-case word look-up (``_LowerWords`` against ``_lower_word_in``), candidates found by
one split of the capitalised words (a word inside a longer word, the word before a
surname, an initial between them), and the scans anchored on a line break (a name
that starts the text and one that starts a later line)."""

from __future__ import annotations

import random

import pytest

from operators.pii import recognizers_person
from operators.pii.recognizers_person import EnglishPersonRecognizer, _lower_word_in, _LowerWords


@pytest.fixture(scope="module")
def rec():
    return EnglishPersonRecognizer()


def names(rec, text):
    return [text[f.start : f.end] for f in rec.analyze(text)]


def test_lower_words_answer_like_the_scan():
    rng = random.Random(7)
    pieces = [
        "bleach",
        "Bleach",
        "bleaches",
        "o'neil",
        "python",
        "pythonic",
        " ",
        ", ",
        "\n",
        "é",
        "1",
        "-",
        "_",
    ]
    asked = ["bleach", "python", "o'neil", "neil", "ble", "zzz", "é"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        lw = _LowerWords(text)
        for word in rng.sample(asked, len(asked)):  # any order: the budget runs out at different words
            assert (word in lw) is _lower_word_in(text, word), (text, word)


def test_lower_words_past_the_budget(monkeypatch):
    monkeypatch.setattr(recognizers_person, "_FIND_BUDGET", 2)
    text = "alpha beta gamma Delta epsilon"
    lw = _LowerWords(text)
    assert [w in lw for w in ("alpha", "beta", "gamma", "delta", "epsilon", "eta")] == [
        True,
        True,
        True,
        False,
        True,
        False,
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("McDonald said hello.", []),  # "Donald" inside a longer word is no candidate
        ("We met Briana Wallace at noon.", ["Briana Wallace"]),  # the word before a surname starts it
        ("The report by Faina D. Yefremova came late.", ["Faina D. Yefremova"]),
        ("samantha is a very sympathetic person", ["samantha"]),  # a lower-case name at the text's start
        ("Notes\nsamantha is a very sympathetic person", ["samantha"]),  # and at a line's start
        ('Heather: "Who are you?"', ["Heather"]),  # a speaker label at the text's start
        ('Scene two\nHeather: "Who are you?"', ["Heather"]),  # and at a line's start
    ],
)
def test_candidates_from_the_split(rec, text, expected):
    assert names(rec, text) == expected


def test_a_shape_score_follows_the_threshold(rec, monkeypatch):
    text = '"We will see," says Morishita.'
    assert names(rec, text) == ["Morishita"]  # scored and remembered
    monkeypatch.setattr(recognizers_person, "SHAPE_MIN", 1.1)
    assert names(rec, text) == []  # the remembered score is compared with the threshold of now
