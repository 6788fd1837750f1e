"""English ADDRESS forms of helper address_en8 (#16): Irish addresses up to their county (townlands, no
house number), a house number before a well-known street named without its type ("2230 Broadway"),
junctions of two typed streets in news, a numbered road and the place on it, streets named alone after
"to"/"at" with their town after a comma, a direction after the type, lower-case streets after a place word
(complaints), a box number with no "P.O.", a unit in a named business park; and the look-alikes these
rules must leave alone (shows named after streets, "Exit 14", meeting points, a man "from" a town, a club in
brackets). The English recognizer alone: these tests are fast and fail on the code before these rules.
"""

from __future__ import annotations

import pytest

from operators.pii.recognizers_address_en import EnglishAddressRecognizer
from tests.pii_linear import ratio

_REC = EnglishAddressRecognizer()


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _REC.analyze(text)]


@pytest.mark.parametrize(
    "text, address",
    [
        # Irish: townland, town, county (and the Eircode after it), with no house number
        ("Write to me at Knockroe, Castlerea, Co. Roscommon.", "Knockroe, Castlerea, Co. Roscommon"),
        (
            "Viewing at Carrowkeel, Ballymote, Co. Sligo F56 H9P4 by appointment.",
            "Carrowkeel, Ballymote, Co. Sligo F56 H9P4",
        ),
        (
            "Our home, Derrylahan, Ballyconnell, County Cavan, is old.",
            "Derrylahan, Ballyconnell, County Cavan",
        ),
        ("A burglary at a house in Oranmore, Co. Galway on Tuesday.", "Oranmore, Co. Galway"),
        ("Send it to Dromahair Road, Manorhamilton, Co Leitrim", "Dromahair Road, Manorhamilton, Co Leitrim"),
        ("Our address is Cill Chiaráin, Co. na Gaillimhe.", "Cill Chiaráin, Co. na Gaillimhe"),
        # a house number and a well-known street named without its type
        ("The flagship store at 2230 Broadway reopens.", "2230 Broadway"),
        ("The deli at 350 Bowery is open.", "350 Bowery"),
        ("The gallery is at 548 West 22nd, Chelsea.", "548 West 22nd"),
        ("She bought the condo at 432 Park for $16 million.", "432 Park"),
        # junctions of two typed streets in news, and two streets sharing a plural type
        (
            "Shots were fired near Flatbush Avenue and Church Avenue on Saturday.",
            "Flatbush Avenue and Church Avenue",
        ),
        ("A crash at Lyndale Avenue and 26th Street injured two.", "Lyndale Avenue and 26th Street"),
        ("Police said shots rang out at Main and Elm streets.", "Main and Elm streets"),
        # a numbered road and the place on it
        ("A man died after a collision on the N25 near Killeagh, gardaí said.", "N25 near Killeagh"),
        # a street named alone: town after a comma, a direction after the type, Grove after 'off'
        ("Officers were called to Glenfield Road, Leicester, at 9pm.", "Glenfield Road"),
        ("The driver struck a car on Lawrence Avenue East in Scarborough.", "Lawrence Avenue East"),
        ("Police sealed off Elm Grove in Hackney.", "Elm Grove"),
        ("Stayed at the inn on Main Street, Castlecomer for two nights.", "Main Street"),
        # lower-case streets after a place word (complaints), and after 'address is'
        ("avoid this agency, the flat at 9b elm court had mould", "9b elm court"),
        ("the shop at 10 the crescent sold me out of date milk", "10 the crescent"),
        ("the estate agent for 41 beechwood close never paid", "41 beechwood close"),
        ("Thanks for the reply. " * 60 + "My address is 4 oak lane, please update it.", "4 oak lane"),
        ("I complained many times. " * 60 + "We live at 14 grange road and nobody cares.", "14 grange road"),
        # a lower-case street named alone after on/along (chat, complaints), a hundred block, a Dublin district
        ("the bins on willow grove are never emptied", "willow grove"),
        ("parking on maple avenue is a nightmare", "maple avenue"),
        ("Shots were fired in the 400 block of Main late Friday.", "400 block of Main"),
        ("She lives in Rathgar, Dublin 6 with her parents.", "Rathgar, Dublin 6"),
        # a box number with no P.O., a unit in a named business park
        ("Please remit to Box 771, Wasilla, AK 99687.", "Box 771, Wasilla, AK 99687"),
        (
            "The premises at Unit 3, Kilbarry Industrial Park, Waterford were clean.",
            "Unit 3, Kilbarry Industrial Park",
        ),
    ],
)
def test_new_forms(text, address):
    spans = _spans(text)
    assert any(address in s for s in spans), spans


@pytest.mark.parametrize(
    "text",
    [
        "We binge-watched 21 Jump Street and then the sequel.",
        "Take Exit 14 Boulevard Ramp.",
        "Traffic is backed up on the M25 near Junction 10 this morning.",
        "A man from Thurles, Co. Tipperary won the prize.",
        "J. Smith (Ballyhale, Co. Kilkenny) scored twice.",
        "Co. Cork beat Co. Kerry in the Munster final.",
        "He grew up in County Mayo and now lives abroad.",
        "They saw 2 Broadway shows in one weekend.",
        "Pantone 2230 Broadway Blue is this year's colour.",
        "The case went to 3 supreme court judges.",
        "He died at his home in Pine Grove, Schuylkill County on Tuesday.",
        "The hearing takes place at Westminster Magistrate's Court in London.",
        "We walked between Peter Street and Quay Street.",
        "Box 12 Code D shows your contributions.",
        "we walked down memory lane together",
        "i was stuck in the fast lane on the way home",
        "He beat Cork, Dublin 2 weeks ago.",
        "Dublin 2 to 1 Galway was the final score.",
        "In 2019 Broadway had a record season.",
        "A long text about nothing. " * 50 + "we got to 3 main st eventually",  # no one lives there
    ],
)
def test_new_forms_lookalikes(text):
    assert not _spans(text), text


#: Torture shapes (issue 16's and one per new rule): 8x the input costs about 8x the CPU time.
SHAPES = {
    "road_words": lambda n: "Road " * (n // 5),
    "main_st_lines": lambda n: "12 Main St\n" * (n // 11),
    "digit_run": lambda n: "1" * n,
    "co_run": lambda n: "Co. " * (n // 4),
    "co_county_run": lambda n: "Co. Cork, " * (n // 10),
    "townland_parts": lambda n: "Knockroe, " * (n // 10) + "Co. Cork",
    "one_word": lambda n: "at 2230 Broadway " * (n // 17),
    "lower_cued": lambda n: "at 9 elm court " * (n // 15),
    "junctions": lambda n: "near Marcy Avenue and Myrtle Avenue and " * (n // 40),
    "plural_junctions": lambda n: "at Main and Elm streets " * (n // 24),
    "roads_near": lambda n: "on the N25 near Killeagh " * (n // 25),
    "boxes": lambda n: "Box 771, " * (n // 9),
    "block_of": lambda n: "the 400 block of Main " * (n // 22),
    "lower_alone": lambda n: "on willow grove " * (n // 16),
    "dublin_districts": lambda n: "Rathgar, Dublin 6, " * (n // 19),
    "unit_parks": lambda n: "Unit 3, Kilbarry Industrial Park, " * (n // 34),
    "zalgo": lambda n: "Z\u0351\u0352a\u0354l\u0355g\u0356o " * (n // 12),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_linear_time(shape):
    """8x the input costs below 16x the CPU time (linear: 8, quadratic: 64), 2 KB -> 16 KB, the garbage
    collector paused (``tests/pii_linear.ratio``)."""
    n = 2_000
    r, t, t8 = ratio(_REC.analyze, SHAPES[shape](n), SHAPES[shape](8 * n))
    assert t8 < 0.02 or r < 16, (shape, t, t8)
