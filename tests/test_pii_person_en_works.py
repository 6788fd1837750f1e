"""English PERSON look-alikes named after people or characters, written before any rule for them:
titles of works (novels, films, songs, plays and shows named after characters), brands named after
people, places and features with a person-like name (St. Louis, Port Elizabeth, Lake Victoria),
institutions, prizes and buildings named after people, eponyms (diseases, laws, comets, scales),
teams and software; and real-person sentences near such words that must stay found ("Jane Smith
read Jane Eyre", "Dr. Alois Alzheimer"). ``[[...]]`` marks each name; all sentences are invented.

Scored on ``pii_redact``'s PERSON findings (recall and precision over the name sentences, the share
of look-alike sentences with no PERSON finding). Rules are chosen on the even-indexed items; the
odd-indexed items stay unseen (``python -m tests.test_pii_person_en_works [even|odd|all] -v``)."""

from __future__ import annotations

from tests.pii_marked import check_marked_sets, check_scores, print_names_scores

#: Floors under the measured figures. Before any rule for these look-alikes: whole set recall 0.956,
#: precision 0.75, look-alikes 68.8% clean (even half 0.909 / 0.714 / 66.7%, odd 1.0 / 0.793 / 71.0%).
#: After (rules chosen on the even half): 0.956 / 0.956 / 94.9% (even 0.909 / 0.952 / 95.7%, odd, never
#: used to choose a rule, 1.0 / 0.958 / 94.2%).
RECALL_MIN, PRECISION_MIN, CLEAN_MIN = 0.95, 0.95, 0.94

NAMES = [
    "[[Jane Smith]] read Jane Eyre twice before her exams.",
    "[[Dr. Alois Alzheimer]] first described the disease in 1906.",
    "[[Ray Allen]] hit the three-pointer that saved the game.",
    "My colleague [[Oliver Grant]] lent me his copy of Oliver Twist.",
    "[[Anna Petrova]] played the lead in a new production of Anna Karenina.",
    "The film was directed by [[Marcus Lindqvist]] and shot in Norway.",
    "[[Louis Fontaine]] moved to St. Louis last spring.",
    "[[Elizabeth Mwangi]] was born in Port Elizabeth and now lives in Leeds.",
    "Professor [[Helen Carter]] of Johns Hopkins University led the trial.",
    "[[Victoria Osei]] took the train from Victoria Station at noon.",
    "The Nobel Prize was shared by [[Tomasz Wielicki]] and [[Sarah Lund]].",
    "[[Calvin Brooks]] wore a Calvin Klein shirt to the interview.",
    "[[Tommy Reyes]], 34, was charged with theft on Monday.",
    "[[Mr. Kenneth Hale]] lectured on Newton's laws to the first years.",
    "Patient [[Margaret Doyle]] was diagnosed with Parkinson's disease last year.",
    "[[Julia Hernandez]] wrote the parser in Julia over a weekend.",
    "Ask [[Jenkins]] in accounts, he signs the purchase orders.",
    "[[Harry Okoro]] queued all night for the new Harry Potter book.",
    "The song was written by [[Priya Raman]] in 2019.",
    "[[Dr. Grace Mensah]] works at the Kennedy Center as a consultant.",
    "[[Stanford Miles]], a local builder, repaired the roof.",
    "[[Ralph Denton]] and his wife opened a bakery in Fort Worth.",
    "I met [[Erin Walsh]] after a screening of Erin Brockovich.",
    "[[Sherlock]] is what everyone calls my nephew [[Sam Whitby]].",
    "Author [[Nadia Karimova]] signed copies at Carnegie Hall on Friday.",
    "[[James Holloway]] said the James Bond films shaped his childhood.",
    "[[Ms. Victoria Lake]] chaired the meeting.",
    "Contact [[Joseph Kenyatta]] about the Mount Kenya trek.",
    "[[Dr. Yuki Tanaka]] presented new work on Halley's Comet.",
    "The award went to [[Fatima Al-Sayed]] for her reporting.",
    "[[Hugo Marchetti]] drove his Porsche to the office.",
    "Witness [[Lorna McBride]] said she heard two shots.",
    "[[Carlos Mendoza]] joined Yale as an assistant professor.",
    "[[Sofia Lindgren]] directed the film, which premiered in Cannes.",
    "Nurse [[Brigid Foley]] at the Mayo Clinic took my bloods.",
    "[[Kwame Boateng]] signed for the team in January.",
    "Thanks to [[Peter Fibonacci]] for the loan of the ladder.",
    "[[Mrs. Estelle Lauder]] lives at the end of our road.",
    "The case was heard by Judge [[Ronald Pike]].",
    "[[Gabriel Nkosi]] and [[Ada Lim]] wrote the compiler together.",
    "[[Dorothy Vance]] sang Jolene at the pub quiz night.",
    "[[Kenji Mori]] studied at the Rockefeller Foundation's lab in 2010.",
]

LOOK_ALIKES = [
    # titles of works named after characters or people
    "Jane Eyre is still on the school reading list.",
    "She reread Anna Karenina on the long flight home.",
    "Oliver Twist was first published as a serial.",
    "We saw Romeo and Juliet at the open-air theatre.",
    "Harry Potter and the Goblet of Fire is the longest film of the series.",
    "Forrest Gump won the Oscar for best picture.",
    "Citizen Kane is often called the greatest film ever made.",
    "The film Erin Brockovich was based on a real lawsuit.",
    "Sherlock Holmes never actually says the famous line.",
    "James Bond returns in a new film next year.",
    "My favourite novel is David Copperfield.",
    "The movie Annie Hall turned fifty this year.",
    'The song "Jolene" was recorded in 1973.',
    "Hamlet is the longest of the tragedies.",
    "The musical Evita toured the country last winter.",
    "Emma is the only heroine who is rich.",
    "The opera Carmen opens the season in October.",
    "Madame Bovary caused a scandal when it appeared.",
    "The series Ted Lasso ended after three seasons.",
    "Mrs Dalloway takes place over a single day.",
    "Tom Sawyer whitewashes the fence in chapter two.",
    "The biopic Bohemian Rhapsody made a fortune.",
    "Have you watched Frasier from the start?",
    "Jerry Maguire has that famous line about money.",
    "The play Educating Rita is set in Liverpool.",
    "Don Quixote tilts at windmills.",
    "Peter Pan never grows up.",
    "The album Sgt. Pepper changed pop music.",
    "Robinson Crusoe spends years on the island.",
    "The show Seinfeld was about nothing.",
    "Dorian Gray keeps a portrait in the attic.",
    "Jack Reacher is a hero of airport thrillers.",
    "Indiana Jones and the Temple of Doom was the prequel.",
    "The novel Rebecca opens with a dream.",
    "Frankenstein was written by a teenager.",
    "Huckleberry Finn floats down the river on a raft.",
    # brands named after people
    "He traded his Porsche Cayenne for an electric car.",
    "The Ray-Ban sunglasses were on sale.",
    "Tommy Hilfiger opened a new store downtown.",
    "She wore a Calvin Klein dress to the gala.",
    "Ralph Lauren showed its spring collection in New York.",
    "The Louis Vuitton bag cost more than my car.",
    "Estee Lauder reported higher quarterly profits.",
    "We bought sandwiches at Marks & Spencer.",
    "A can of Dr Pepper, please.",
    "Hugo Boss suits are cut slim this season.",
    "The Ford Mustang was restyled again.",
    "Ben & Jerry's launched a new flavour.",
    "He ordered a Jack Daniel's and a beer.",
    "Kellogg's cereal prices went up.",
    "She drove a Ferrari to the wedding.",
    "Giorgio Armani sunglasses are back in fashion.",
    "Coco Chanel perfume makes a classic gift.",
    "The Tesla Model 3 got a cheaper version.",
    "Martha Stewart cookware is sold at most department stores.",
    "The Christian Dior show closed fashion week.",
    "Johnnie Walker Black Label is a blended whisky.",
    "Colonel Sanders smiles from every bucket.",
    # places with person-like names
    "The flight to St. Louis was delayed by fog.",
    "Port Elizabeth lies on Algoa Bay.",
    "Fort Worth is west of Dallas.",
    "San Jose is the largest city in Silicon Valley.",
    "Lake Victoria is shared by three countries.",
    "We climbed Mount Kenya in four days.",
    "Cape Cod is crowded in August.",
    "The train leaves from Gare du Nord at eight.",
    "Meet me at Victoria Station under the clock.",
    "The concert is at Lincoln Center tonight.",
    "Santa Barbara has mild winters.",
    "Mount Elgon straddles the border.",
    "Port Louis is the capital of Mauritius.",
    "Lake Louise freezes in November.",
    "San Antonio is known for the Alamo.",
    "Fort William sits at the foot of Ben Nevis.",
    "Saint Helena is one of the most remote islands.",
    "Cape Horn is feared by sailors.",
    "Mt. Kilimanjaro is Africa's highest peak.",
    "The ferry to Prince Edward Island was cancelled.",
    "Alice Springs is in the middle of Australia.",
    "Port Harcourt is an oil city.",
    # institutions, prizes, buildings named after people
    "Johns Hopkins University published the figures.",
    "The Nobel Prize in physics was announced this morning.",
    "Carnegie Hall was sold out for the recital.",
    "The Rockefeller Foundation funded the study.",
    "Stanford rejected more applicants than ever.",
    "The Kennedy Center honours were broadcast live.",
    "Yale raised its tuition again.",
    "The Pulitzer Prize for fiction went to a debut novel.",
    "She studied at Trinity College before moving abroad.",
    "The Gates Foundation pledged more money for vaccines.",
    "The exhibition moves to the Guggenheim Museum next year.",
    "John Radcliffe Hospital has a new emergency wing.",
    "The Fulbright Scholarship covers a year abroad.",
    "Harvard Business School updated its case studies.",
    "The Royce Hall concert starts at seven.",
    "We landed at John F. Kennedy Airport after midnight.",
    "The Wellcome Trust supports medical research.",
    "The Fields Medal is awarded every four years.",
    "George Washington Bridge traffic was at a standstill.",
    "The Reith Lectures are broadcast every year.",
    # eponyms
    "Alzheimer's disease affects memory first.",
    "Halley's Comet will return in 2061.",
    "Newton's laws describe motion.",
    "Parkinson's is a progressive condition.",
    "Water boils at 212 degrees Fahrenheit.",
    "The Fibonacci sequence appears in sunflower heads.",
    "Down syndrome is caused by an extra chromosome.",
    "The Doppler effect explains the falling siren pitch.",
    "Murphy's law struck again on launch day.",
    "Pythagoras' theorem relates the sides of a right triangle.",
    "The Richter scale is logarithmic.",
    "Schrodinger's equation describes the wave function.",
    "Heisenberg's uncertainty principle limits precision.",
    "Crohn's disease is an inflammatory bowel disease.",
    "The Kelvin scale starts at absolute zero.",
    "Ohm's law relates voltage and current.",
    "Tourette syndrome often starts in childhood.",
    "Avogadro's number is about six times ten to the twenty-third.",
    # teams
    "Aston Villa won away at the weekend.",
    "The Boston Celtics clinched the title.",
    "Queens Park Rangers sacked their manager.",
    "Hamilton Academical were relegated.",
    "The Montreal Canadiens lost in overtime.",
    "Nottingham Forest beat Wolves at home.",
    # software and products
    "Jenkins failed the nightly build again.",
    "Julia compiles code just in time.",
    "Ada is still used in avionics.",
    "Hadoop was named after a toy elephant.",
    "We migrated the pipeline from Travis to GitHub Actions.",
    "Pascal was designed for teaching.",
    "Ask Alexa to set a timer.",
    "Siri misheard the address again.",
    "The Kindle Paperwhite has a warmer light now.",
    "My Dyson vacuum lost suction.",
    "The Hoover was older than me.",
    "Cortana is gone from the taskbar.",
    "Apache Cassandra scales to many nodes.",
    "The Zeiss lens is sharp wide open.",
]


def test_sets_are_large_and_written_as_marked():
    check_marked_sets(NAMES, LOOK_ALIKES, 40, 120, distinct=True)


def test_names_near_works_and_eponyms(pii_annotator):
    check_scores(pii_annotator, NAMES, LOOK_ALIKES, RECALL_MIN, CLEAN_MIN, PRECISION_MIN)


def test_unseen_half_holds(pii_annotator):
    check_scores(pii_annotator, NAMES[1::2], LOOK_ALIKES[1::2], RECALL_MIN - 0.05, CLEAN_MIN - 0.05, None)


#: Pathological inputs for the new paths (``_without_works``): many findings in frames, long runs of
#: quote marks and place links before names, "and the" titles that never close, repeated work names.
TORTURE = {
    "places": lambda n: "St. Louis met Anna Smith at Port Elizabeth. " * (n // 44),
    "and_the_titles": lambda n: "Harry Potter and the Goblet of Fire and " * (n // 39),
    "and_the_open": lambda n: "Anna Smith and the " * (n // 19),
    "quotes_before": lambda n: '"' * n + "Jolene Okafor said",
    "links_before": lambda n: "Gare " + "du " * (n // 3) + "Nord Okafor",
    "heads_after": lambda n: "Dr. Ann Lee met John Smith University and Halley's Comet. " * (n // 58),
    "works_pairs": lambda n: "Romeo and Juliet and Jane Eyre and " * (n // 35),
}


def test_and_the_titles_but_not_bodies():
    """Seen on web text after the rule: "X and the Party of Y" is a person and a body, not a title."""
    from operators.pii.recognizers_person import EnglishPersonRecognizer

    r = EnglishPersonRecognizer()
    kept = "Viktor Yanukovych and the Party of Regions won the vote."
    assert [kept[f.start : f.end] for f in r.analyze(kept)] == ["Viktor Yanukovych"]
    assert r.analyze("Percy Jackson and the Sea of Monsters was filmed in 2013.") == []


def test_new_paths_are_linear():
    from operators.pii.recognizers_person import EnglishPersonRecognizer
    from tests.test_pii_linear import _check

    _check(EnglishPersonRecognizer().analyze, TORTURE)


if __name__ == "__main__":  # python -m tests.test_pii_person_en_works [even|odd|all] [-v]
    print_names_scores(NAMES, LOOK_ALIKES)
