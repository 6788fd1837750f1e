"""English PERSON look-alikes named after people or named like them (issue #16, helper en_person9): each
rule of this pass with invented lines it must clear, and lines with real people it must leave alone.

Rules (``operators/pii/recognizers_person.py``, ``_without_works``: per accepted finding, no text pass):
works and feats after a name (Tunnel, Trail, Falls, Day, Cup, Trophy; "Martin Luther King Jr. Day");
named storms (Storm, Hurricane, Typhoon, Cyclone before a name); terms of science after one word with no
possessive (Markov chain, Hilbert space, Bunsen burner, Phillips screwdriver); a brand's product or a
technique after a name (Kenneth Cole shoes, Huffman coding); an eponym's possessive after a sentence's
verb ("Use Dijkstra's algorithm"); a run after "the" ending in an ordinary word, a technical word no
surname list has, or a body's or plural's word ("the Red Cross", "the Muslim Brotherhood", "the Green Bay
Packers"; not a common given name and a surname: "the Curtis Hill version"); a lone name defined as a
thing ("Marvin is the bot that ..."); a lone place or technical word joined by and/or/& to a lone place
or technical word no name list has ("Pascal and Fortran"). And a month that is a surname after a title
and a common given name ("Mrs. Theresa May"; not before a day's number: "Professor Ann June 3"), and a
month greeted at a line's start before a comma ("Hi April, are we ...").
"""

from __future__ import annotations

import pytest

from operators.pii.recognizers_person import EnglishPersonRecognizer

#: lines with no person: every one had a PERSON finding before this pass
LOOKALIKES = [
    "Offices are closed on Martin Luther King Jr. Day.",
    "Storm Doris caused delays on the railways.",
    "A Markov chain has no memory of its past states.",
    "Hilbert space is complete.",
    "Bunsen burners must be switched off after class.",
    "A Phillips screwdriver is needed for the back panel.",
    "Sam Adams lager is brewed in Boston.",
    "Kenneth Cole shoes fit well.",
    "Huffman coding compresses text.",
    "Sandro shoes are on sale this week.",
    "Use Dijkstra's algorithm to find the shortest path.",
    "He gave a few bucks to the Red Cross to help.",
    "The country is dominated by the Muslim Brotherhood.",
    "More proof that the Green Bay Packers need a running back.",
    "We're pretty much still in the Eliot Era.",
    "The Sina Weibo traffic on the trial was modest.",
    "Marvin is the bot that posts build results.",
    "Sherlock is our internal search tool.",
    "Otto is the German retailer.",
    "Pascal and Fortran were taught in the 1980s.",
    "Retired languages such as Fortran or Pascal still run banks.",
]

#: lines with people (marked by the names expected) this pass must not lose
PEOPLE = [
    ("The Lance Armstrong story is not over.", ["Lance Armstrong"]),
    ("Sienna and Tom stopped for lunch.", ["Sienna", "Tom"]),
    ("Our memory favours good news (Levy & Anderson, 2008).", ["Levy", "Anderson"]),
    ("I have worked with both Doug and Jim on many projects.", ["Doug", "Jim"]),
    ("Either Rice or Tate was involved in three of the scores.", ["Tate"]),
    ("Based on Nash's numbers, he should shoot more.", ["Nash"]),
    ("As Fraction puts it, Johnny spaces it because he's Johnny.", ["Johnny"]),
    ("Doris Day sang the theme.", ["Doris Day"]),
    ("Paris Hilton said she would testify.", ["Paris Hilton"]),
    ("Marvin is the manager of the store.", ["Marvin"]),
    ("The Curtis Hill version became the first hit.", ["Curtis Hill"]),
    ("Please block my card. My name is Carla Dam.", ["Carla Dam"]),
    ("They sang verses from Timothy Dam's Cautionary Tales.", ["Timothy Dam"]),
    ("Mrs. Theresa May visited the school on Friday.", ["Theresa May"]),
    ("Dr. Hans August presented the results.", ["Hans August"]),
    ("Hi April, are we still on for the 5th?", ["April"]),
    ("Thanks for the update.\nHello June,\nThe card arrived.", ["June"]),
    ("Marvin is the company's founder.", ["Marvin"]),
    ("Photos of Obama and Gov. Mitt Romney were combined.", ["Obama", "Mitt Romney"]),
]


@pytest.fixture(scope="module")
def recognizer() -> EnglishPersonRecognizer:
    return EnglishPersonRecognizer()


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike_is_no_person(recognizer, text):
    assert [text[f.start : f.end] for f in recognizer.analyze(text)] == []


@pytest.mark.parametrize("text, names", PEOPLE)
def test_people_stay(recognizer, text, names):
    found = [text[f.start : f.end] for f in recognizer.analyze(text)]
    for name in names:
        assert any(name in f for f in found), (name, found)


@pytest.mark.parametrize(
    "text, span",
    [
        ("Professor Ann June 3 lecture notes are online.", "Professor Ann"),
        ("Dr. John Smith May 2020", "Dr. John Smith"),
    ],
)
def test_month_after_name_with_date_stays_a_date(recognizer, text, span):
    assert [text[f.start : f.end] for f in recognizer.analyze(text)] == [span]


@pytest.mark.parametrize(
    "text", ["See you in June, Bob is coming too.", "Hi, April is busy for us.", "thanks May for the help"]
)
def test_month_not_greeted_stays_a_month(recognizer, text):
    assert not any(text[f.start : f.end] in ("June", "April", "May") for f in recognizer.analyze(text))
