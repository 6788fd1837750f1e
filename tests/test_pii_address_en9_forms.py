"""English ADDRESS forms of helper address_en9 (#16): streets named alone in running text, addresses that
open with a house, flat, plot or floor and have no postcode (Indian addresses without their PIN code, British
flats with their building, street and town), their look-alikes; the cheap tests that spare a finding its
look-back searches (each a superset of its pattern); linear time on the new rules' shapes and on the shapes
issue 16 names (short address lines, one long line of postcodes, runs)."""

from __future__ import annotations

import random

import pytest

from operators.pii import address_parts as parts
from operators.pii import recognizers_address_en as en
from tests.pii_linear import ratio

_REC = en.EnglishAddressRecognizer()


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _REC.analyze(text)]


@pytest.mark.parametrize(
    "text, address",
    [
        # a street named alone after on/in/along/off, the word before it a lower-case word of the sentence
        ("Traffic was diverted after a water main burst on Ormeau Road.", "Ormeau Road"),
        ("Officers found the stolen car abandoned on Glenpark Drive the next morning.", "Glenpark Drive"),
        ("The new library on Clifton Road opens on Monday.", "Clifton Road"),
        ("Police cordoned off Union Street after a suspicious package was found.", "Union Street"),
        # ... or its residents or shops (at a sentence's start, or before "of")
        ("Residents of Albert Road have complained about parking for years.", "Albert Road"),
        ("Neighbours on Elmwood Avenue said they heard shouting.", "Elmwood Avenue"),
        # a house, flat, plot or floor, then parts with a locality word, no postcode
        ("Ship to: H.No. 14-3-201, Shanti Nagar, Hyderabad", "H.No. 14-3-201, Shanti Nagar, Hyderabad"),
        (
            "My address is 45/2, Gandhi Colony, Muzaffarnagar, please send it.",
            "45/2, Gandhi Colony, Muzaffarnagar",
        ),
        (
            "Correspondence: Door No. 9-1-112, Gandhi Road, Vijayawada",
            "Door No. 9-1-112, Gandhi Road, Vijayawada",
        ),
        ("Allotted: Quarter No. 33, Railway Colony, Bhusawal", "Quarter No. 33, Railway Colony, Bhusawal"),
        ("We are at 2nd Floor, Anand Towers, Sector 18, Noida.", "2nd Floor, Anand Towers, Sector 18, Noida"),
        (
            "Tenant: Flat 6, Jubilee Court, Station Road, Wokingham",
            "Flat 6, Jubilee Court, Station Road, Wokingham",
        ),
        ("Regards\nR. Sharma\nFlat 12, Sunrise Towers\nSector 9, Rohini\nDelhi", "Flat 12, Sunrise Towers"),
        (
            "Visit us at Plot No. 45, Phase II, Electronic City, Bangalore between 10 and 6.",
            "Plot No. 45, Phase II",
        ),
    ],
)
def test_new_forms(text, address):
    spans = _spans(text)
    assert any(address in s for s in spans), spans


@pytest.mark.parametrize(
    "text",
    [
        # titles, institutions, markets, shows, products
        "A Nightmare on Elm Street was released in 1984.",
        "Miracle on 34th Street is a Christmas classic.",
        "Wall Street rallied after the Fed held rates.",
        "The minister was seen going in Downing Street this morning.",
        "Kids grew up watching the puppets on Sesame Street.",
        "Fans queued for the final episode set on Coronation Street.",
        "Back up your photos on Google Drive before the update.",
        "a stall in Hester Street Fair sold dumplings",
        "We waited on Church Street Station platform 2.",
        # routes and traffic, not places
        "We walked on Kings Road in May.",
        "Drive 5 miles along Park Road to reach the lake.",
        "Take a right on Sixth Avenue and drive straight on.",
        "Drivers on Western Avenue face delays this week.",
        # generic first words, a month or a weekday as the parts after a number
        "The fox ran into the garden on This Road sign.",
        "Order 12, Monday, Tuesday and Friday.",
        "Tax year 2023/24, Phase II, Sector 5 of the plan.",
        "Cloud and Tifa escape from Sector 7 after the plate falls.",
        "Phase 2 of the vaccine trial enrolled 400 volunteers.",
        "Starc took 3/45, then 2/17, in the second innings.",
    ],
)
def test_new_forms_lookalikes(text):
    assert not _spans(text), text


#: Fragments of random texts for the supersets below (units, house words, prepositions, line breaks, spaces
#: before a line break, where `regex`'s ``$`` matches too).
_FRAGMENTS = (
    "12", "4/17", "Flat 2", "Unit 5", "Apt 4B", "suite 12", "Level 3", "Blk 123", "Block C", "Rose Cottage",
    "The Old Rectory", "Coach House", "Post Office", "Riverside Business Park", "Kings Court", "Tower 2", "12/F",
    "G/F", "Main St", "Mill Lane", "Exit 14", "on", "in", "of", "near", "Ground Floor", "First Floor Flat", "Wing B",
    "Townhouse 3", "Shop 4", "Room 12", "Leeds", "1999", "ſte", "İ", "½", "é",
)  # fmt: skip
_SEPARATORS = (" ", " ", ", ", "\n", " \n", "\n\n", "\t", ",\n", ". ")


def _random_texts(count: int = 200) -> list[str]:
    rnd = random.Random(16)
    return [
        "".join(rnd.choice(_FRAGMENTS) + rnd.choice(_SEPARATORS) for _ in range(rnd.randint(2, 12)))
        for _ in range(count)
    ]


def test_cheap_tests_are_supersets():
    """Wherever a look-back pattern matches, the cheap test that lets it run passes (findings unchanged)."""
    for text in _random_texts():
        for pos in range(len(text) + 1):
            if parts.UNIT_BEFORE.search(text, max(0, pos - 24), pos) is not None:
                assert parts.UNIT_BEFORE_WORD.search(text, max(0, pos - 24), pos) is not None, (text, pos)
            if en._HOUSE_NAME_BEFORE.search(text, max(0, pos - 48), pos) is not None:
                assert en._HOUSE_WORD.search(text, max(0, pos - 48), pos) is not None, (text, pos)
            if en._PREP_BEFORE.search(text, max(0, pos - 48), pos) is not None:
                assert en._PREP_WORD.search(text, max(0, pos - 48), pos) is not None, (text, pos)
            for pattern, reach in (
                (en._UNIT_SLASH_BEFORE, 12),
                (en._BLOCK_BEFORE, 8),
                (en._NUMBERED_BEFORE, 12),
            ):
                if pattern.search(text, max(0, pos - reach), pos) is not None:
                    assert parts.space_before(text, pos), (pattern.pattern, text, pos)
            lead = parts._LEAD_BEFORE.search(text, max(0, pos - 16), pos)
            assert parts.lead_start(text, pos) == (pos if lead is None else lead.start()), (text, pos)


def test_space_before_a_final_line_break():
    """``$`` of `regex` matches before a line break that ends the searched text: so does the cheap test."""
    text = "Unit \n4/17 Beach Road"
    assert en._UNIT_SLASH_BEFORE.search(text, 0, 6) is not None and parts.space_before(text, 6)
    assert parts.lead_start("12 \n34 Main St", 4) == 0


#: Torture shapes: 8x the input costs below 16x the CPU time (linear: 8, quadratic: 64).
SHAPES = {
    "main_st_lines": lambda n: "12 Main St\n" * (n // 11),
    "flat_lines": lambda n: "Flat 2\n12 Main St\n" * (n // 18),
    "house_name_lines": lambda n: "Rose Cottage,\n12 Main St\n" * (n // 25),
    "house_parts_line": lambda n: "H.No. 5, Shanti Nagar, Hyderabad, " * (n // 34),
    "house_parts_lines": lambda n: "Flat 6, Jubilee Court, Station Road, Wokingham\n" * (n // 47),
    "postcodes_one_line": lambda n: "Mill Lane, Leeds LS6 2AB " * (n // 25),
    "pins_one_line": lambda n: "House No. 5, Sector 5, Delhi 110024, " * (n // 37),
    "news_streets": lambda n: "a water main burst on Ormeau Road " * (n // 34),
    "residents_of": lambda n: "Residents of Albert Road " * (n // 25),
    "on_kings": lambda n: "on Kings " * (n // 9) + "Road",
    "road_road": lambda n: "Road " * (n // 5),
    "digit_run": lambda n: "1" * n,
    "co_run": lambda n: "Co. " * (n // 4),
    "word_dots": lambda n: ("Street" + "." * 100 + " ") * (n // 107),
    "one_token": lambda n: "Flat" * (n // 4),
    "zalgo": lambda n: "Z\u0351\u0352a\u0354l\u0355g\u0356o " * (n // 12),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_linear_time(shape):
    """2 KB -> 16 KB (``tests/pii_linear.ratio``)."""
    n = 2_000
    r, t, t8 = ratio(_REC.analyze, SHAPES[shape](n), SHAPES[shape](8 * n))
    assert t8 < 0.02 or r < 16, (shape, t, t8)
