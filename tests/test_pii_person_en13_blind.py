"""Blind set en13 (issue 16, en_person13): English PERSON in varied forms, written before any rule
change of that pass and frozen with its baseline figures (not tuned on case by case).

Positives: news, forum posts, reviews, letters and e-mails, resumes, court notices, chat,
obituaries, novel-like prose; weak-context subjects before a verb, repeated mentions and a surname
alone after a full name, coordination and lists, non-Anglo names, particle surnames, nicknames,
initials and given names alone. Gold names are marked ``[[...]]``. Look-alikes: brands, products,
software, places, capitalised headings and common words, titles of works, eponyms, institutions.

Scoring: :class:`EnglishPersonRecognizer` alone, findings scoring 0.4 or more (``pii_redact``'s
default threshold); a gold name is recalled when a PERSON finding overlaps it, a finding is right
when it overlaps a gold name; a look-alike text counts when it has any finding. The floors are the
figures the recognizer reached when the set was frozen; the pass raised them (see the git log).
"""

from __future__ import annotations

import functools
import re

import pytest

from operators.pii.recognizers_person import EnglishPersonRecognizer

_MARK = re.compile(r"\[\[(.+?)\]\]")

RECALL_FLOOR = 149 / 163
PRECISION_FLOOR = 1.0
LOOKALIKE_CEILING = 6

POSITIVE = [
    # news
    "[[Harriet Oyelaran]] said the council would vote again in March.",
    "Police identified the driver as [[Colm Dwyer]], 34, of Limerick.",
    "The bill was sponsored by state senator [[Renata Kowalczyk]], who called it overdue.",
    "[[Tobias Lindqvist]] resigned on Friday after three years as chief executive.",
    "In a statement, [[Marguerite Ashdown]] thanked the volunteers who searched the woods overnight.",
    "The prize went to [[Desmond Achterberg]] for his work on river sediment.",
    "Striker [[Emeka Nwachukwu]] headed in the winner in the 88th minute.",
    "[[Priyanka Raghunathan]], a nurse at the county hospital, was among those honoured.",
    "The mayor, [[Gail Forsythe]], declined to comment.",
    "[[Dmitri Sokolenko]] and [[Yulia Barsukova]] were detained at the border crossing.",
    "According to [[Hamid al-Rashidi]], the talks broke down late on Tuesday.",
    "Witnesses told reporters that [[Fergus McAllister]] had left the bar shortly before midnight.",
    "[[Laurentiu Popescu]] finished fourth in the downhill.",
    "Former coach [[Sven-Erik Holmgren]] will take charge of the under-21 side.",
    "[[Oyelaran]] later told the committee she had no regrets.",
    # forum posts
    "Honestly [[Brandon Keeler]] explained this way better in the other thread, go read his post.",
    "my brother [[Jake]] fixed the exact same issue by swapping the fuse",
    "Does anyone know if [[Tamsin Greaves]] still runs the allotment group? Her number changed.",
    "[[Rhys Penhaligon]] posted the wiring diagram last week, scroll up.",
    "+1 to what [[Ollie Brandt]] said, the firmware update bricked mine too",
    "I emailed [[Noor Siddiqui]] from the admissions office and she replied within a day.",
    "Shoutout to [[Kenji Moriyama]] who lent me his torque wrench.",
    "[[Marisol Quintero]] and I went to the meetup, it was packed.",
    # reviews
    "Our server [[Delphine]] was lovely and remembered my allergy without being reminded.",
    "Ask for [[Tomasz Wrobel]] at the service desk, he sorted out my warranty claim in ten minutes.",
    "Dr. [[Anika Sorensen]] took time to explain every option. Highly recommend.",
    "The tour guide, [[Babatunde Okafor]], kept the kids entertained the whole afternoon.",
    "[[Lorraine Petty]] at the front desk upgraded our room for free!",
    "Booked a lesson with [[Caspian Rowe]] and my swing is finally fixed.",
    "Stylist [[Giedre Petrauskaite]] listened to exactly what I wanted.",
    # letters and e-mails
    "Dear [[Ms. Halvorsen]],\nThank you for your letter of 4 June.",
    "Hi [[Wendell]],\nCould you send the signed copy by Thursday?\nThanks,\n[[Maeve]]",
    "Kind regards,\n[[Augustin Delacroix-Morel]]\nProcurement Manager",
    "Please forward this to [[Imogen Tuck]] in accounts before the end of the month.",
    "From: [[Stanislav Vrabec]]\nTo: facilities\nSubject: broken heater on floor 3",
    "Hello [[Fatima]], I have attached the revised invoice.",
    "I am writing on behalf of my mother, [[Edna Birchall]], who is unable to attend.",
    "Best wishes,\n[[Rosalind]] and [[Piers]]",
    "cc: [[Anselm Okonkwo]], [[Lucinda Farr]]",
    # resumes
    "[[JONATHAN ABERNATHY]]\nSenior Data Engineer\nLeeds, UK",
    "Name: [[Xiomara Becerra]]\nDate of birth: 1991",
    "References: [[Prof. Ingrid Vasquez]] (thesis supervisor), [[Henrik Aalto]] (line manager).",
    "[[Chidinma Eze]] - Curriculum Vitae\nEducation: BSc Chemistry, University of Lagos",
    "Supervised by [[Ruairi O'Flaherty]] during a six-month placement.",
    # court notices
    "IN THE MATTER OF the estate of [[Winifred Ann Cobbold]], deceased.",
    "The defendant, [[Kieran Mulvaney]], pleaded not guilty to all charges.",
    "Before the Honourable Justice [[Adaeze Nnamdi]].",
    "[[Terrence Hollis]] was sentenced to eighteen months for fraud.",
    "Claimant: [[Bogdan Marinescu]]. Respondent: Westfield Logistics Ltd.",
    "Notice is hereby given that [[Cedric Vance Pumphrey]] of 12 Mill Lane has applied for a licence.",
    # chat
    "[[lena]]: are we still on for 7?\n[[marco]]: yep, see you there",
    "thx [[Dev]]! that worked",
    "@[[sunita]] can you check the build?",
    "ok so [[Callum]] is bringing the speakers and [[Aoife]] has the cake",
    "[[Zara]] left the chat",
    "[[Ayo]]: lol no way",
    # obituaries
    '[[Margaret "Peggy" Lindhurst]], 87, passed away peacefully on Sunday surrounded by family.',
    "He is survived by his wife of 52 years, [[Dolores]], and his sons [[Vincent]] and [[Raymond]].",
    "[[Archibald Fenwick]] was born in Dundee in 1931 and worked as a ship's engineer.",
    "She was predeceased by her brother [[Lionel Garrity]].",
    "Services for [[Beatrix Oduya]] will be held at St. Anne's on Saturday.",
    # novel-like prose
    "[[Cormac]] pushed the door open and stared at the empty hallway.",
    '"You\'re late," said [[Evangeline Marsh]], not looking up from her book.',
    "[[Thaddeus Grimsby]] had never trusted the lighthouse keeper.",
    "When [[Isolde]] finally spoke, her voice was barely a whisper.",
    "[[Ned Varley]] laughed and tossed the keys across the table.",
    "The letter was from [[Aurelia]], and it changed everything.",
    # weak context: subject + verb
    "[[Grant Pellegrino]] runs the hardware store on the corner.",
    "[[Yasmin Cavanagh]] believes the plan is too expensive.",
    "[[Oskar Nyberg]] wrote the first draft in a single weekend.",
    "[[Nadia Fairweather]] agreed to chair the next meeting.",
    "[[Leopold Ekwueme]] owns three restaurants in the city.",
    "[[Cosmo Tremblay]] argued that the data was incomplete.",
    "Last summer [[Petra Hollister]] moved to Bristol with her partner.",
    "[[Abigail Ramsbottom]] teaches piano to children on weekends.",
    "[[Idris Kamara]] admitted he had underestimated the cost.",
    "[[Solveig Haugen]] plans to retire next spring.",
    "[[Barnaby Quint]] suggested we move the launch to autumn.",
    "[[Mirela Dobrev]] signed the lease yesterday.",
    # repeated mentions, surname alone
    "[[Clementine Ashby]] opened the bakery in 2015. [[Ashby]] says the sourdough sells out by ten.",
    "[[Hugo Bellweather]] chairs the board. Critics say [[Bellweather]] has been slow to act.",
    "We met [[Rafaela Quispe]] at the market. [[Rafaela]] sells alpaca wool.",
    "[[Magnus Thorvaldsen]] won the vote. [[Thorvaldsen]] thanked his supporters.",
    "The report was written by [[Ottilie Brandauer]]; [[Brandauer]] spent two years on it.",
    # coordination
    "[[Simone Garland]] and [[Beckett]] arrived together.",
    "Photos by [[Anders Kjeldsen]] and [[Lupita Ortega]].",
    "The couple, [[Hollis Breen]] and [[Marta Breen]], married in 1988.",
    "[[Kwame Asiedu]], [[Femi Adeyemi]] and [[Tunde Bakare]] founded the club.",
    # lists
    "Attendees: [[Rowan Pike]], [[Esther Liebowitz]], [[Farid Haddad]], [[Greta Nilsson]]",
    "Team leads\n- [[Ozzie Malloy]]\n- [[Priscilla Vane]]\n- [[Dariusz Zielinski]]",
    "Winners: 1. [[Ines Carvalho]] 2. [[Tobiah Wren]] 3. [[Malak Haddad]]",
    "Committee members: [[Gwendolyn Price]] (chair), [[Ewan Strachan]] (treasurer), [[Aditi Bose]] (secretary).",
    # non-Anglo
    "[[Nguyen Thanh Tung]] opened a pho shop near the station.",
    "[[Oluwaseun Adebayo]] will present the findings.",
    "The award was accepted by [[Siddharth Venkatesan]] on behalf of the team.",
    "[[Svetlana Kuznetsova]] returned to coaching after a long break.",
    "[[Abdulrahman Al-Mutairi]] chaired the session on water rights.",
    "[[Wanjiru Kamau]] runs a tailoring business in Nairobi.",
    "[[Park Ji-hoon]] joined the lab as a postdoctoral fellow.",
    "[[Thandiwe Mokoena]] was elected branch secretary.",
    "[[Zbigniew Wojcik]] repaired the church organ.",
    "[[Ravindra Jayasuriya]] testified for the defence.",
    "[[Bongani Dlamini]] scored twice in the first half.",
    "[[Mehmet Yildirim]] sold the family orchard last year.",
    # particle surnames
    "[[Joost van der Meulen]] designed the new bridge.",
    "[[Maria de la Cruz]] chaired the hearing.",
    "[[Anwar bin Ibrahim]] addressed the conference.",
    "[[Faisal al-Harbi]] was appointed ambassador.",
    "[[Pieter de Vries]] and [[Lotte van Dijk]] ran the workshop.",
    "[[Ludovica di Stefano]] restored the frescoes.",
    "[[Jean-Luc du Plessis]] coached the forwards.",
    # nicknames
    '[[Bobby "The Brain" Heenan]] was a wrestling manager.',
    "Everyone calls him [[Smitty]].",
    '[[Charles "Chuck" Delaney]] ran the diner for forty years.',
    "[[Big Mike]] at the garage says the part is on order.",
    # initials
    "[[J. R. R. Tolkien]] wrote much of it in his study.",
    "[[A. K. Ramanujan]] translated the poems.",
    "[[H. L. Mencken]] disliked the proposal.",
    "[[C. S. Lewis]] and [[J. R. R. Tolkien]] were friends.",
    "[[T. J. Okafor]] signed for the club on Monday.",
    "Report prepared by [[M. Haverford]].",
    # given name only
    "[[Brigid]] says the new timetable is worse.",
    "Thanks to [[Sunil]] for sorting the rota.",
    "I asked [[Ingrid]] whether she had the key.",
    "[[Lachlan]] was the first to notice the leak.",
    # misc
    "Written by [[Perpetua Nwosu]] | Photography: [[Dag Eriksen]]",
    "Interview conducted by [[Yusra Mansour]].",
    "Q&A with [[Florian Achterberg]], head of product",
    "Happy birthday [[Gianluca]]! Have a great one.",
    "the new manager is [[tessa]] i think",
    "Congratulations to [[Ama Boateng]] on her promotion to senior analyst.",
    "Posted by [[Reginald Thistlewood]] on 3 March 2021",
]
NEGATIVE = [
    # brands, products, software
    "The Ford Ranger handled the gravel roads well.",
    "I switched from Visual Studio Code to Sublime Text last year.",
    "Apple Music and Amazon Prime both raised prices.",
    "Install Docker Desktop and restart the machine.",
    "The Tesla Model Y sold out in hours.",
    "We use Google Sheets for the rota and Microsoft Teams for calls.",
    "Red Bull Racing topped the practice session.",
    "Johnson & Johnson reported higher quarterly sales.",
    "Goldman Sachs and Morgan Stanley lead the deal.",
    "Try the Ben & Jerry's Phish Food, it's amazing.",
    "The Dyson V15 picks up pet hair well.",
    "Adobe Photoshop crashed again after the update.",
    "Kraft Heinz shares fell four percent.",
    "Harley Davidson bikes are loud but fun.",
    "The new Ubuntu Server release ships with a newer kernel.",
    "Firefox Nightly now supports the feature.",
    "Mercedes Benz recalled 20,000 vans.",
    "Dell Latitude laptops are standard issue at work.",
    "Warner Bros Discovery announced layoffs.",
    "The Rolls Royce engine failed the test.",
    # places
    "We drove from Phoenix to Santa Fe in one day.",
    "Victoria Station was closed for repairs.",
    "Lake Louise is beautiful in winter.",
    "Port Elizabeth has a lovely beachfront.",
    "The flight to San Jose was delayed.",
    "Mount Kilimanjaro is the tallest peak in Africa.",
    "Houston and Dallas both saw record heat.",
    "Jordan and Lebanon signed a trade agreement.",
    "Washington Heights is in northern Manhattan.",
    "Charlotte beat Orlando 2-1 on Saturday.",
    "The storm moved from Georgia into the Carolinas.",
    "Sydney Harbour was packed for the fireworks.",
    "Camden Market is busy on Sundays.",
    "St. Petersburg hosted the final.",
    "Virginia Beach has a long boardwalk.",
    # capitalised common words / headings
    "Terms And Conditions Apply",
    "Click Here To Subscribe",
    "Frequently Asked Questions",
    "Grace Under Pressure is the theme of this year's summit.",
    "Will Power Tools Ltd reported record profits.",
    "Hope Springs Eternal.",
    "Summer Sale: Everything Must Go",
    "Chapter Seven: The Long Road Home",
    "Customer Service Hours: Monday to Friday",
    "Best Practices For Remote Teams",
    "Executive Summary",
    "Section 4.2 Payment Terms",
    "Read More About Our Mission",
    "Happy New Year From All Of Us",
    "Table of Contents",
    # titles, works, eponyms
    "Romeo and Juliet opens at the Globe next week.",
    "Have you read Jane Eyre?",
    "The Nobel Prize in Physics was announced today.",
    "Parkinson's disease affects movement.",
    "The Kennedy Center honors were broadcast live.",
    "Newton's laws of motion are taught in year nine.",
    "We watched Forrest Gump again last night.",
    "The Alzheimer's Society runs support groups.",
    "Halley's Comet returns in 2061.",
    "The Eiffel Tower was lit up in blue.",
    "Harry Potter and the Goblet of Fire is the fourth book.",
    "The Hubble Space Telescope captured the image.",
    "Martin Luther King Jr. Day is a federal holiday.",
    "The Taylor series converges for all x.",
    "A Caesar salad and a Bloody Mary, please.",
    # organisations / institutions
    "Stanford University announced new scholarships.",
    "The Bill & Melinda Gates Foundation funded the trial.",
    "Lincoln Memorial University opened a new campus.",
    "The Supreme Court heard arguments on Monday.",
    "Barclays Bank closed the branch.",
    "Wells Fargo settled the lawsuit.",
    "The Royal Society elected new fellows.",
    "Churchill Downs hosts the Kentucky Derby.",
    "Walt Disney World raised ticket prices.",
    "The Smithsonian Institution reopened its galleries.",
    # misc look-alikes
    "Rust Analyzer and Python Language Server both support this.",
    "Sterling Silver Necklace with Rose Gold Pendant",
    "Black Friday deals start at midnight.",
    "Easter Monday is a bank holiday.",
    "The Boston Celtics signed a new guard.",
    "Amber Alert issued for the county.",
    "Crystal Palace drew with Aston Villa.",
    "Queen Elizabeth Hospital has a new wing.",
    "The Prince Albert Hotel is fully booked.",
    "Angel Falls is the world's highest waterfall.",
    "Sunny Side Up Cafe opens at seven.",
    "Wilson Tennis Rackets are on sale.",
    "Marshall Amplifiers have a distinctive sound.",
]


def _gold(marked: str) -> tuple[str, list[tuple[int, int]]]:
    out, spans, last = [], [], 0
    n = 0
    for m in _MARK.finditer(marked):
        out.append(marked[last : m.start()])
        n += m.start() - last
        spans.append((n, n + len(m.group(1))))
        out.append(m.group(1))
        n += len(m.group(1))
        last = m.end()
    out.append(marked[last:])
    return "".join(out), spans


@functools.cache
def _recognizer() -> EnglishPersonRecognizer:
    return EnglishPersonRecognizer()


def _found(text: str) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in _recognizer().analyze(text) if f.entity == "PERSON" and f.score >= 0.4]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score() -> dict[str, float]:
    hit = gold = right = found = 0
    for marked in POSITIVE:
        text, spans = _gold(marked)
        pred = _found(text)
        gold += len(spans)
        hit += sum(any(_overlap(g, p) for p in pred) for g in spans)
        found += len(pred)
        right += sum(any(_overlap(p, g) for g in spans) for p in pred)
    lookalikes = sum(bool(_found(t)) for t in NEGATIVE)
    return {
        "recall": hit / gold,
        "precision": right / found if found else 1.0,
        "lookalikes": lookalikes,
        "gold": gold,
        "hit": hit,
    }


def test_set_size():
    assert len(POSITIVE) >= 120 and len(NEGATIVE) >= 80
    assert all(_gold(t)[1] for t in POSITIVE)
    assert not any("[[" in t for t in NEGATIVE)


def test_gold_marks():
    text, spans = _gold("Hi [[Ann]] and [[Bo Li]].")
    assert text == "Hi Ann and Bo Li." and [text[a:b] for a, b in spans] == ["Ann", "Bo Li"]


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    return score()


def test_recall_floor(figures):
    assert figures["recall"] >= RECALL_FLOOR


def test_precision_floor(figures):
    assert figures["precision"] >= PRECISION_FLOOR


def test_lookalikes_ceiling(figures):
    assert figures["lookalikes"] <= LOOKALIKE_CEILING


if __name__ == "__main__":
    print(score())
