"""English-text ADDRESS in the forms most countries use (``operators/pii/address_parts.py``):
street name then house number, building numbers before it, the number-first French/Spanish
form, parts after the street over commas and lines, postcodes of several countries, the zip
code after its label; and prose that looks like them but is no address. Addresses here are
written for the tests."""

from __future__ import annotations

import pytest

from operators.pii.recognizers_address_en import EnglishAddressRecognizer
from tests.pii_linear import grown_ratio


@pytest.fixture(scope="module")
def rec():
    return EnglishAddressRecognizer()


def spans(rec, text):
    return [text[f.start : f.end] for f in rec.analyze(text)]


@pytest.mark.parametrize(
    "text, address",
    [
        # street name then number, after an address cue, with the town after a comma
        ("Her address: 14 Via Tornabuoni 27, Firenze", "14 Via Tornabuoni 27, Firenze"),
        ("Oskar lives at 8 Lindholmvej 31, Aarhus", "8 Lindholmvej 31, Aarhus"),
        ("He lives at 3 Kossuth Lajos utca 12., Szeged", "3 Kossuth Lajos utca 12., Szeged"),
        # before a unit, with the town after the unit
        ("Send it to Mühlenweg 18 Apt. 4 Bremen, thanks", "Mühlenweg 18 Apt. 4 Bremen"),
        ("Billing: 61 Korkeavuorenkatu 9 Suite 12, Helsinki", "61 Korkeavuorenkatu 9 Suite 12, Helsinki"),
        # number first (French, Spanish) and a continental postcode before the town
        ("Our office is at 12 rue des Lilas, 69003 Lyon.", "12 rue des Lilas, 69003 Lyon."),
        ("Escríbanos: 5 Calle Alcalá, Madrid", "5 Calle Alcalá, Madrid"),
        # street word after the name, as its own word
        ("Drop it at Mühlbacher Strasse 7 please", "Mühlbacher Strasse 7"),
        # a US street with a UK-style postcode line after it
        ("Meet at 221 Camden Road, London NW1 9LR tomorrow.", "221 Camden Road, London NW1 9LR"),
        # building number before a US-form street
        ("We met at Acme, 51 700 Harbor Street, Portland", "51 700 Harbor Street, Portland"),
        # the zip code alone after its label
        ("my zip code is 30307", "30307"),
        ("Postcode: SW1A 2AA", "SW1A 2AA"),
        # a named street without a number after "lives on"
        ("She lives on Larkspur Lane now.", "Larkspur Lane"),
    ],
)
def test_world_address_forms(rec, text, address):
    assert spans(rec, text) == [address]


def test_address_block_over_lines(rec):
    text = "Ingrid Halvorsen\nNordlys AS\n17 Fjellveien 45\nSuite 3\nTromsø\n\nNorway 9008\nMobile: 555 0101"
    assert spans(rec, text) == ["17 Fjellveien 45\nSuite 3\nTromsø\n\nNorway 9008"]


def test_address_block_with_quote_markers(rec):
    text = "> Lukas Brandt\n> 4 Kastanienallee 19\n> Apt. 7\n> Leipzig\n> Germany 04109"
    assert spans(rec, text) == ["4 Kastanienallee 19\n> Apt. 7\n> Leipzig\n> Germany 04109"]


def test_lower_case_address_after_cue(rec):
    text = "pls send it to 9 vesterbrogade 120 apt. 3, copenhagen, denmark 1620"
    assert spans(rec, text) == ["9 vesterbrogade 120 apt. 3, copenhagen, denmark 1620"]


def test_address_ends_before_the_next_sentence_and_sign_off(rec):
    assert spans(rec, "I live at 40 Ringvej 3, Odense. It is nice.") == ["40 Ringvej 3, Odense."]
    assert spans(rec, "Ship to:\n12 Oak Street\nSuite 4\nSpringfield\nThanks") == [
        "12 Oak Street\nSuite 4\nSpringfield"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "See Chapter 12 Unit 3 for details.",  # a unit word with no street before it
        "The meeting is at Gate 12 today.",  # a weak cue and a one-word name
        "Released on 12 March 2019, Python 3 is fast.",  # a date, a version
        "He moved to Berlin in 2019.",
        "We upgraded to Windows 11 last week.",
        "Read Section 4 and Table 2, then go to Step 5.",
        "In 2019 Apple 3, Samsung 4, Nokia 1 shipped.",
        "He works on Wall Street.",  # a street that names a trade, not a home
        "Unit 4: Fractions. Unit 5: Decimals.",
        "Version 2 Suite 3 passed all tests.",
        "The address of the variable is 0x7ffe.",
    ],
)
def test_prose_is_no_address(rec, text):
    assert spans(rec, text) == []


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "14 Via Roma 27, Firenze " * (n // 24),
        lambda n: "address: " * (n // 9),
        lambda n: "Apt. 4 " * (n // 7),
        lambda n: "12 rue " * (n // 7),
        lambda n: "1 A 2, B\n" * (n // 9),
        lambda n: "Main 4\nSuite 3\nOslo\n\n" * (n // 20),
        lambda n: "zip code is 12345 " * (n // 18),
    ],
)
def test_new_forms_are_linear(rec, make):
    """T(8n)/T(n) below 16 (linear 8, quadratic 64), CPU time (best of two near the bound)."""
    r, _, _, t8 = grown_ratio(rec.analyze, make, n=4096, max_n=1 << 16, min_seconds=0.005, floor=1e-9)
    assert t8 < 0.005 or r < 16
