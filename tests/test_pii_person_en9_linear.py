"""Linear time of the English PERSON recognizer on issue 16's torture shapes ("Mr. Mr. Mr.", short
"Dear John Smith," lines, capitalised words, one name repeated, a word before 100 dots, one long token,
Zalgo marks) and on the paths of the en_person9 pass: runs after "the", lone names joined by and/or/&
to places and technical words, names defined as things ("X is the bot that"), product and term heads
after a name, named storms.

A complexity test, not a speed test (``tests/pii_linear.py``): T(8n) / T(n) of the thread's CPU time stays
below 16 (linear: 8, quadratic: 64). Sizes are small (8n up to 16K characters) to keep the file fast.
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
    "mr_mr_mr": _rep("Mr. "),
    "dear_full_name_lines": _rep("Dear John Smith,\n"),
    "capitalised_words": _rep("Alpha Brennan Corvid Delmar Estuary Fontaine Garrow Hollis "),
    "one_name_repeated": _rep("Margaret Holloway "),
    "word_before_dots": lambda n: ("Pascal" + "." * 100 + " ") * max(1, n // 107),
    "one_token": lambda n: "Q" + "abcdefghij" * (n // 10),
    "zalgo": _rep("Ma\u0301\u0316rv\u0308\u0323in is the bo\u0301t "),
    "the_runs": _rep("the Red Cross and the Muslim Brotherhood and the Eliot Era "),
    "joined_things": _rep("Pascal and Fortran or Haskell & Cobol and "),
    "and_chain": _rep("Charlotte and "),
    "defined_things": _rep("Marvin is the bot that posts. Otto is the German retailer. "),
    "is_the_open": _rep("Marvin is the "),
    "product_and_term_heads": _rep("Kenneth Cole shoes, Huffman coding, Hilbert space, Markov chain. "),
    "storms": _rep("Storm Doris and Hurricane Sandy and Typhoon Haiyan "),
    "possessive_eponyms": _rep("Use Dijkstra's algorithm. "),
}


@pytest.fixture(scope="module")
def recognizer():
    # the heap frozen after set-up: each measurement's gc.collect (pause_gc) then walks little
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
