"""Linear time of the English PERSON and ADDRESS recognizers on the paths of the en_person14 pass (issue 16)
and on torture inputs of 1 MB: capitalised words, "Mc" repeated, dots after a word, Zalgo marks.

Paths: joined Arabic particles ("Tariq al-Hashimi"), a given name and a word surname before a verb ("Will Cook
said"), initials before a surname found alone ("R. K. Iyer"), opening adverbs, addressed names, nicknames
("Big Mike"), Korean given names first ("Ji-woo Han"), a name before a number-first street; house names before
a postcode, cued junctions, "Post Office Box", boxes with a station, numbered routes.

Two shapes were quadratic before this pass and are linear now: findings after a long run of dots or other
characters with no blank (``_without_works`` sliced the text from its start for each; 1 MB: 1.04 -> 0.18
CPU-s) and a month greeted before a comma ("Hi April, ": the line was read from the text's start; 1 MB of
it 56.6 -> 4.3 CPU-s).

A complexity test, not a speed test (``tests/pii_linear.py``): T(8n) / T(n) of the thread's CPU time stays
below 16 (linear: 8, quadratic: 64), with 8n = 1 MB (2**20 characters) for the torture inputs and 128 KB for
the paths (each path's text is also read whole by the torture inputs' passes).
"""

from __future__ import annotations

import functools

import pytest

from operators.pii.recognizers_address_en import EnglishAddressRecognizer
from operators.pii.recognizers_person import EnglishPersonRecognizer
from tests.pii_linear import ratio

MAX_RATIO = 16
LARGE = 1 << 20  # 1 MB: the torture inputs
PATH_LARGE = 1 << 17  # 128 KB: the paths of this pass


def _rep(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


TORTURE = {
    "capitalised_words": "Kasia Tilbury Osric Wyvern Marit ",
    "mc": "Mc",
    "mc_words": "McMc Mc McDonald ",
    "dots_after_a_word": "Smith" + "." * 200 + " ",
    "no_blank_before_names": "x" * 300 + " Smith Jones, ",
    "word_dot": "Word.",
    "zalgo": "Ka\u0301\u0316sia Ti\u0308\u0323lbury \u0301\u0316\u0308",
}
PERSON_PATHS = {
    "joined_particles": "Tariq al-Hashimi al-",
    "particle_chain": "Jan van der van der al-al-",
    "word_surname_verbs": "Will Cook said Rose Baker has run Abigail Stone folded the ",
    "initials": "R. K. Iyer S. K. ",
    "opening_adverbs": "Honestly Gavin was. Luckily ",
    "addressed": "Jack, don't go! Happy birthday Daisy! ",
    "nicknames": "Big Mike says Old Joe Big Big Little ",
    "korean_given": "Ji-woo Han Ji-woo Ji-",
    "number_first_street": "Ivo Petrov 221 Elm Street Ivo Petrov 221 ",
    "greeted_months": "ok Hi April, ",
}
ADDRESS_PATHS = {
    "house_postcode": "Mill Farm, Carrbridge PH23 3AA Rose Cottage, Farm, ",
    "house_words": "Farm Farm Cottage, ",
    "cued_junctions": "the intersection of Elm Street and Route 9 junction of London Road and ",
    "post_office_boxes": "Post Office Box 45, Hay-on-Wye. Box 318, Station A, Box 1, Station ",
    "routes": "State Route 9, Cedar Hollow, WV 25071 Route 9, ",
    "addressee_before_street": "Deliver to Ivo Petrov 221 Elm Street, Springfield, IL 62704 ",
}


@functools.cache
def _person() -> EnglishPersonRecognizer:
    return EnglishPersonRecognizer()


@functools.cache
def _address() -> EnglishAddressRecognizer:
    return EnglishAddressRecognizer()


def _check(fn, unit: str, case: str, large: int) -> None:
    r, t, t8 = ratio(
        fn, _rep(unit, large // 8), _rep(unit, large), bound=MAX_RATIO, floor=1e-6, pause_gc=True
    )
    assert r < MAX_RATIO, f"{case}: T({large})/T({large // 8}) = {r:.1f} ({t:.4f} s, {t8:.4f} s)"


@pytest.mark.parametrize("case", sorted(TORTURE))
def test_person_torture(case):
    _check(_person().analyze, TORTURE[case], case, LARGE)


@pytest.mark.parametrize("case", sorted(TORTURE))
def test_address_torture(case):
    _check(_address().analyze, TORTURE[case], case, LARGE)


@pytest.mark.parametrize("case", sorted(PERSON_PATHS))
def test_person_paths(case):
    _check(_person().analyze, PERSON_PATHS[case], case, PATH_LARGE)


@pytest.mark.parametrize("case", sorted(ADDRESS_PATHS))
def test_address_paths(case):
    _check(_address().analyze, ADDRESS_PATHS[case], case, PATH_LARGE)
