""" "Col." is a colonel's title before a name, and the colonia of a Mexican address after a house
number ("Av. Insurgentes Sur 1602, Col. Crédito Constructor"): there it is no person, and the
address keeps its whole span (tests/test_pii_address_world2.py::test_floors failed when the dotted
military titles of b825dd1 took the colonia for a colonel)."""

from __future__ import annotations

import pytest

from engine import runner
from operators.pii import PiiRedact


@pytest.fixture(scope="module")
def op():
    o = PiiRedact(mode="annotate", entities=["PERSON", "ADDRESS"])
    runner.start(o)
    return o


def _found(op, text):
    return [(f.entity, text[f.start : f.end]) for f in op.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Av. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de México",
        "Calle 5 de Mayo 32, Col. Centro, 06000 Cuauhtémoc, CDMX",
    ],
)
def test_a_colonia_after_a_house_number_is_no_person(op, text):
    assert not [e for e, _ in _found(op, text) if e == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [("Col. Jessup ordered the code red.", "Jessup"), ("Lt. Col. Alexander Vindman testified.", "Vindman")],
)
def test_a_colonel_is_still_a_title(op, text, name):
    assert any(e == "PERSON" and name in s for e, s in _found(op, text))
