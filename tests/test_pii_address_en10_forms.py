"""English ADDRESS forms of helper address_en10 (#16): well-known one-word streets named alone, Australian
"U4/61" and "12A/3" numbers and towns written without a comma before the state and postcode, Canadian French
forms (boul., ch., rang, bureau, app., a province in brackets), Eircode and PIN code labels, Irish flats, boxes
and "The X" parts before the county, Singapore blocks whose street has no type word, an Indian house over a
signature's lines, Indian village addresses, rural routes and box forms (RR #2, HC, RMB, POB), Irish Upper/Lower
after the type, British houses and flats named with no number, streets named alone after behind/opposite/near/
outside/from or "the end of", corners of streets named without types, US numbered roads in news, a UK outward
code after a street and town, addresses in capitals, a unit before a lower-case street; their look-alikes and
linear time on their shapes."""

from __future__ import annotations

import pytest

from operators.pii import recognizers_address_en as en
from tests.pii_linear import ratio

_REC = en.EnglishAddressRecognizer()


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in _REC.analyze(text)]


@pytest.mark.parametrize(
    "text, address",
    [
        # a well-known street named with no type and no number, after a home, premises or event word
        ("a flat on Deansgate was raided by police", "Deansgate"),
        ("She lives on Kingsway in Hove.", "Kingsway"),
        ("a man was stabbed on Broadway early Sunday", "Broadway"),
        ("His office on the Strand overlooks the river.", "the Strand"),
        # Australian numbers and a town with no comma before the state and postcode
        ("Send all mail to U2/12 Kent St, Rockdale NSW 2216.", "U2/12 Kent St, Rockdale NSW 2216"),
        ("12A/3 Ocean St, Bondi NSW 2026", "12A/3 Ocean St, Bondi NSW 2026"),
        ("12 Smith St Fitzroy VIC 3065", "12 Smith St Fitzroy VIC 3065"),
        ("PO Box 123 Fortitude Valley QLD 4006", "PO Box 123 Fortitude Valley QLD 4006"),
        ("RMB 345, Bega NSW 2550", "RMB 345, Bega NSW 2550"),
        ("Cnr Smith St & Johnston St, Collingwood", "Smith St & Johnston St, Collingwood"),
        ("Cnr George and King Streets, Newtown", "George and King Streets, Newtown"),
        # Canadian French forms
        (
            "1200, boul. Saint-Laurent, Montréal QC H2X 2S6",
            "1200, boul. Saint-Laurent, Montréal QC H2X 2S6",
        ),
        ("500 ch. de la Montagne, Gatineau, QC J8Z 1A1", "500 ch. de la Montagne, Gatineau, QC J8Z 1A1"),
        (
            "1000, rue De La Gauchetière Ouest, bureau 2400, Montréal (Québec) H3B 4W5",
            "1000, rue De La Gauchetière Ouest, bureau 2400, Montréal (Québec) H3B 4W5",
        ),
        ("123, rang Saint-Joseph, Saint-Hyacinthe", "123, rang Saint-Joseph, Saint-Hyacinthe"),
        ("RR #2, Smithville, ON L0R 2A0", "RR #2, Smithville, ON L0R 2A0"),
        # labels of Irish and Indian postcodes
        ("Eircode: D04 E5W8", "D04 E5W8"),
        ("PIN code: 560011", "560011"),
        # Irish parts before the county: a flat or a box, a house or estate named "The X"; Upper/Lower
        (
            "Deliver to Apartment 7, The Paddocks, Naas, Co. Kildare please.",
            "Apartment 7, The Paddocks, Naas, Co. Kildare",
        ),
        ("Write to PO Box 45, Tralee, Co. Kerry today.", "PO Box 45, Tralee, Co. Kerry"),
        (
            "He lived at Apt 3, 12 Leeson Street Lower, Dublin 2 then.",
            "Apt 3, 12 Leeson Street Lower, Dublin 2",
        ),
        # Singapore blocks with no street type
        (
            "Our office is at Blk 210 Toa Payoh North, #02-15, Singapore 310210.",
            "Blk 210 Toa Payoh North, #02-15, Singapore 310210",
        ),
        ("blk 45 bedok north st 1 #03-11 is my address", "blk 45 bedok north st 1 #03-11"),
        (
            "The clinic is at #03-12, 101 Thomson Road, Singapore 307591.",
            "#03-12, 101 Thomson Road, Singapore 307591",
        ),
        # Indian: a house over a signature's lines; a village and its post office and district; "Flat no."
        (
            "Regards,\nAnil Kapoor\nC-112, Greater Kailash I\nNew Delhi 110048",
            "C-112, Greater Kailash I\nNew Delhi 110048",
        ),
        (
            "Permanent Address: Vill. Rampur, P.O. Sohna, Dist. Gurgaon, Haryana",
            "Vill. Rampur, P.O. Sohna, Dist. Gurgaon, Haryana",
        ),
        (
            "Flat no. 5b, Sunshine Apartments, Kothrud, Pune",
            "Flat no. 5b, Sunshine Apartments, Kothrud, Pune",
        ),
        # British houses and flats named with no number
        (
            "The accused lived at Holly Cottage, School Lane, Great Bardfield.",
            "Holly Cottage, School Lane, Great Bardfield",
        ),
        ("Address: Mill Farm, Little Hadham", "Mill Farm, Little Hadham"),
        ("The gutters at Flat 3, Riverside Mews are overflowing.", "Flat 3, Riverside Mews"),
        ("3 bed semi, Elm Road, Leeds LS6", "Elm Road, Leeds LS6"),
        # a street named alone after behind/opposite/near, "the end of", "from ... , Town", shoppers on
        ("The alleyway behind Cromwell Road is full of fly-tipping.", "Cromwell Road"),
        ("The pavement at the end of Mill Lane is cracked.", "Mill Lane"),
        ("A woman, 45, from Kingsley Road, Hounslow, was charged.", "Kingsley Road, Hounslow"),
        ("Shoppers on Northumberland Street were evacuated.", "Northumberland Street"),
        # corners of streets named without types; US numbered roads in news
        ("The shooting happened on the corner of 5th and Main.", "5th and Main"),
        ("a retail shop on the corner of Bedford and Brighton, of which", "Bedford and Brighton"),
        ("A crash on Route 9 in Wappingers Falls injured two.", "Route 9 in Wappingers Falls"),
        # Indian: "Sector-18" parts, a "12-B" house, a landmark before the PIN code, a village's bare "Post"
        ("Plot No 45, Sector-18, Gurgaon", "Plot No 45, Sector-18, Gurgaon"),
        ("Deliver at 12-B, Model Town, Ludhiana", "12-B, Model Town, Ludhiana"),
        ("Near SBI Bank, Station Road, Jhansi 284001", "Near SBI Bank, Station Road, Jhansi 284001"),
        (
            "C/O Ram Singh, Village Bhopalpur, Post Rampur, Distt Meerut",
            "Village Bhopalpur, Post Rampur, Distt Meerut",
        ),
        # a numbered street and a named one at a bare junction; abbreviated types named alone in news
        ("Police said the shooting occurred near 63rd and Halsted on Sunday.", "63rd and Halsted"),
        ("A man was stabbed on George St in the early hours.", "George St"),
        ("The crash on Parramatta Rd left two injured.", "Parramatta Rd"),
        # numbered streets named alone ("a store on 5th Avenue", chat's "the hotel on 5th ave")
        ("A store on 5th Avenue was looted overnight.", "5th Avenue"),
        ("the hotel on 5th ave was amazing", "5th ave"),
        # capitals; a unit before a lower-case street; abbreviated lower-case streets named alone
        ("Address: 14 OAK STREET", "14 OAK STREET"),
        ("send to flat 2 8 lansdown place pls", "flat 2 8 lansdown place"),
        ("im on king st now, where r u", "king st"),
        ("we live off beech rd", "beech rd"),
    ],
)
def test_new_forms(text, address):
    assert any(address in span for span in _spans(text)), _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "She has starred on Broadway for a decade.",
        "The show opened on Broadway in 2019.",
        "Tickets on Broadway are expensive this season.",
        "The Piccadilly line was suspended on Friday.",
        "He walked along the Strand to Trafalgar Square.",
        "A man on the Parade Ground saluted.",
        "Village People sang YMCA at the show.",
        "Greenwich Village, Post Malone and Taylor Swift topped the list.",
        "Village People, Post Malone and Taylor Swift topped the list.",
        "The team scored at 1st and Goal.",
        "He finished at 3rd and 5th in the two races.",
        "Prayers were held on Mount St Helens.",
        "Miracle on 34th Street is on TV tonight.",
        "10 BEST ROAD TRIPS IN SCOTLAND",
        "20 GREAT WAY TO SAVE MONEY",
        "Enter your PIN: 482913",
        "The pin code is 0000 by default.",
        "Block 5 of the course covers #1-2 topics.",
        "Block 5 of the course covers #12-34 topics.",
        "RR 12 is the abbreviation used for the rate.",
        "At the end of the day it does not matter.",
        "The End of Mill Lane was a hit song.",
        "The alleyway behind the theatre is dark.",
        "on st patrick's day we went out",
        "the cafe near memory lane",
        "Flat 3, Monday to Friday.",
        "Meet at the intersection of Oak and Pine around 5.",
        "the corner of Art and Science",
        "We drove on Route 66 in Arizona.",
        "a man was arrested near Downing Street",
        "The Samsung Galaxy S9 was launched in 2018.",
    ],
)
def test_new_forms_lookalikes(text):
    assert not _spans(text), _spans(text)


#: Torture shapes of this file's rules (issue 16's own shapes, "Road Road Road", "12 Main St" lines, digit and
#: "Co." runs, are in test_pii_address_en9_forms): 8x the input costs below 16x the CPU time (linear: 8,
#: quadratic: 64).
SHAPES = {
    "alone_streets": lambda n: "a flat on Deansgate " * (n // 20),
    "on_broadway_run": lambda n: "on Broadway " * (n // 12),
    "au_spaced_towns": lambda n: "12 Smith St Fitzroy VIC 3065 " * (n // 29),
    "sg_blocks": lambda n: "Blk 210 Toa Payoh North, #02-15, " * (n // 33),
    "blk_run": lambda n: "blk 1 " * (n // 6) + "#12-34",
    "corners": lambda n: "the corner of 5th and Main " * (n // 27),
    "village_parts": lambda n: "Vill. Rampur, P.O. Sohna, " * (n // 26),
    "indian_signature_lines": lambda n: "C-112, Greater Kailash I\nNew Delhi 110048\n" * (n // 42),
    "house_streets": lambda n: "Holly Cottage, School Lane, Great Bardfield, " * (n // 45),
    "outward_codes": lambda n: "Elm Road, Leeds LS6, " * (n // 21),
    "caps_streets": lambda n: "14 OAK STREET " * (n // 14),
    "irish_units": lambda n: "Apartment 7, The Paddocks, " * (n // 27) + "Co. Kildare",
    "us_roads": lambda n: "on Route 9 in Wappingers Falls " * (n // 31),
    "ordinal_junctions": lambda n: "near 63rd and Halsted " * (n // 22),
    "landmark_pins": lambda n: "Near SBI Bank, Station Road, Jhansi 284001, " * (n // 44),
    "word_dots": lambda n: ("Broadway" + "." * 100 + " ") * (n // 109),
    "one_token": lambda n: "Blk" * (n // 3),
    "zalgo": lambda n: "Z\u0351\u0352a\u0354l\u0355g\u0356o " * (n // 12),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_linear_time(shape):
    """1.5 KB -> 12 KB (``tests/pii_linear.ratio``)."""
    n = 1_500
    r, t, t8 = ratio(_REC.analyze, SHAPES[shape](n), SHAPES[shape](8 * n))
    assert t8 < 0.02 or r < 16, (shape, t, t8)
