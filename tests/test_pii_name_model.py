"""The English name-shape model (``operators/pii/name_model.py``) and the PERSON rule that uses it:
an unlisted capitalised word in a name slot ("says ...", "... said", "by ...") is a name when it is no
English or technical word of the model's lexicon, no place or thing after a determiner, and its
letters score as a name. Names here are written for the tests."""

from __future__ import annotations

import pytest

from operators.pii import recognizers_person
from operators.pii.name_model import NameShapeModel, name_shape_model
from operators.pii.recognizers_person import EnglishPersonRecognizer

UNLISTED = ("Morishita", "Ahtisaari", "Khasanbek")


@pytest.fixture(scope="module")
def rec():
    return EnglishPersonRecognizer()


def names(rec, text):
    return [text[f.start : f.end] for f in rec.analyze(text)]


def test_model_loads_once_and_knows_technical_words():
    m = name_shape_model()
    assert m is name_shape_model()
    assert isinstance(m, NameShapeModel)
    for w in ("Python", "Linux", "Pascal", "Borland", "Windows", "Technologies"):
        assert m.is_word(w), w
    for w in UNLISTED:
        assert not m.is_word(w), w


def test_scores_are_probabilities_and_separate_names_from_words():
    m = name_shape_model()
    for w in UNLISTED:
        assert m.score(w) >= recognizers_person.SHAPE_MIN, w
    for w in ("Technologies", "Matplotlib", "Overture", "Postgres"):
        assert m.score(w) < recognizers_person.SHAPE_MIN, w
    assert all(0.0 < m.score(w) < 1.0 for w in UNLISTED + ("Numpy",))


def test_unlisted_names_are_not_in_the_lists(rec):
    for w in UNLISTED:
        assert w not in rec.given and not rec.is_surname(w), w


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We will see," says Morishita.', ["Morishita"]),
        ("After the vote Ahtisaari said the talks would go on.", ["Ahtisaari"]),
        ("The essay was written by Khasanbek in 1998.", ["Khasanbek"]),
        ("Ahtisaari began writing as a teenager.", ["Ahtisaari"]),
    ],
)
def test_unlisted_name_in_a_name_slot(rec, text, expected):
    assert names(rec, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Morishita is a quiet town.",  # no name slot: the lists decide alone
        "Python said to be the most taught language.",  # a lexicon word
        "The guide was written by Ubuntu maintainers.",
        "The Kremlin said on Monday that talks had stalled.",
        "Linux began as a hobby project.",
        "Some Ahtisaari said nothing.",  # a determiner before the word
        "Built by Matplotlib developers.",  # letters scored as no name
    ],
)
def test_look_alikes_stay_clean(rec, text):
    assert names(rec, text) == []


def test_the_rule_is_off_above_threshold(rec, monkeypatch):
    monkeypatch.setattr(recognizers_person, "SHAPE_MIN", 1.1)
    assert names(rec, '"We will see," says Morishita.') == []
