"""Linear time of the English PERSON recognizer on the paths of the en_person13 pass (issue 16): a
subject run before a verb ("Kasia Tilbury reckons"), its start for an unlisted first word
(``_SUBJECT_PAIR_AFTER``), two-word mates across "and" (``_TWO_CAPS`` / ``_TWO_CAPS_BEFORE``), product
runs (``_thing_run``), and the method's torture shapes (one repeated character, surname-like words,
Zalgo marks).

A complexity test, not a speed test (``tests/pii_linear.py``): T(8n) / T(n) of the thread's CPU time stays
below 16 (linear: 8, quadratic: 64).
"""

from __future__ import annotations

import gc

import pytest

from operators.pii.recognizers_person import EnglishPersonRecognizer
from tests.pii_linear import grown_ratio

MAX_RATIO = 16
MIN_SECONDS = 0.003
START_N = 1024
MAX_N = 1 << 11


def _rep(unit: str):
    return lambda n: unit * max(1, n // len(unit))


CASES = {
    "one_character": _rep("a"),
    "capital_letters": _rep("K"),
    "subject_runs": _rep("Kasia Tilbury reckons that Osric Polglase was hired. "),
    "subject_no_verb": _rep("Kasia Tilbury Osric Polglase Marit Wyvern "),
    "verb_chain": _rep("Kasia said Tilbury told Osric agreed "),
    "and_full_names": _rep("Laura Smith and Ottoline Wyvern and "),
    "and_caps": _rep("Kasia Tilbury & "),
    "thing_runs": _rep("Heather Grey Hoodie, North Korea, Star Wars Jedi, Red Hat. "),
    "headline_verbs": _rep("Alec Baldwin Annoys Donald Trump Wasn't "),
    "zalgo": _rep("Ka\u0301\u0316sia Ti\u0308\u0323lbury reckons "),
}


@pytest.fixture(scope="module")
def recognizer():
    r = EnglishPersonRecognizer()
    gc.collect()
    gc.freeze()
    yield r
    gc.unfreeze()


@pytest.mark.parametrize("case", sorted(CASES))
def test_linear(recognizer, case):
    ratio, n, _, _ = grown_ratio(
        recognizer.analyze,
        CASES[case],
        n=START_N,
        max_n=MAX_N,
        min_seconds=MIN_SECONDS,
        bound=MAX_RATIO,
        floor=1e-6,
        reps=3,
        pause_gc=True,
    )
    assert ratio < MAX_RATIO, f"{case}: T(8n)/T(n) = {ratio:.1f} at n={n}"
