"""English PERSON in frames that say "person" without a title, and places named like people: written
in full before the rules they check (issue 16, third English pass). Names: lone given names in chat
(greetings, thanks, addressing, sign-offs, cc lines, speaker labels, "my friend X", "ask X"), lower-case
names in chat only where a frame says so, surname-first East Asian names (Vietnamese, Japanese,
Korean, Chinese) with no cue, and names in e-mails, forms, news and orders from many origins.
Look-alikes: bare place names that are also given names or surnames (Austin, Chester, Florence,
Jackson, Lincoln, Victoria, Charlotte) in travel, weather, sports and news text, "X, Texas", "X County",
and chat lines with capitalised words that are no person. ``[[...]]`` marks each name; every
sentence is invented.

Scored like ``test_pii_person_en_varied`` (``pii_redact``'s PERSON findings). Rules are chosen on the
even-indexed items; the odd-indexed items stay unseen
(``python -m tests.test_pii_person_en_frames [even|odd|all] [-v]``)."""

from __future__ import annotations

from tests.pii_marked import check_marked_sets, check_scores, print_names_scores
from tests.pii_names import en_names

#: Floors under the measured figures. Before any rule for this set (written first): whole set recall
#: 0.771, precision 1.0, look-alikes 81.5% clean (even half 0.80 / 1.0 / 73.9%, odd 0.741 / 1.0 / 89.1%).
#: After the chat, surname-first and place-frame rules (chosen on the even half): 0.941 / 1.0 / 98.9%
#: (even 0.967 / 1.0 / 97.8%; odd, never used to choose a rule, 0.914 / 1.0 / 100%).
RECALL_MIN, PRECISION_MIN, CLEAN_MIN = 0.93, 0.98, 0.97

NAMES = [
    # chat: greetings, thanks, addressing
    "hi [[Sarah]], are you coming tonight?",
    "thx [[Mike]]! see you at 8",
    "Hey [[Tom]], did you push the fix?",
    "thanks, [[mike]]",
    "ok [[Jenny]] I'll call you back",
    "morning [[Raj]] :) coffee?",
    "Thanks [[Priya]], that works for me.",
    "lol [[Dave]] you're the best",
    "good night [[Aisha]] xx",
    "cheers [[Liam]], owe you one",
    "@[[jenny]] can you check the doc?",
    "ping [[Kofi]] when the build is green",
    "ask [[sarah]] about the keys",
    "Ask [[Raj]], he knows the password.",
    "tell [[Emeka]] I said hi",
    "can you remind [[Olivia]] about friday?",
    "my friend [[Jenny]] is moving to Leeds next week",
    "my buddy [[Chidi]] fixed my bike",
    "[[Tom]]: where are you guys?",
    "[[Hana]]: running 10 min late sorry",
    "[[mike]]: ok see u there",
    "<[[Anil]]> the server is down again",
    "btw [[Kevin]] says hi",
    "[[Sophie]] said she'd bring the cake",
    "wait is [[Ngozi]] coming too?",
    "omg [[Yuki]] just texted me",
    "congrats [[Ethan]]!!",
    "happy birthday [[Mei]]!",
    "sorry [[Bilal]], I missed your call",
    "Yo [[Carlos]], game tonight?",
    # e-mail: greetings, sign-offs, cc
    "Hi [[Megan]],\nPlease find the invoice attached.\nBest,\n[[Tom]]",
    "Dear [[Mr. Nguyen]],\nThank you for your order.",
    "Hello [[Anjali]],\nThe meeting moved to 3 pm.\nRegards,\n[[Daniel]]",
    "Thanks,\n[[Grace]]",
    "cc [[Priya]], [[Marcus]]",
    "CC: [[Olumide Adeyemi]]",
    "Looping in [[Fatima]] from finance.",
    "- [[Tom]]",
    "Sent from my iPhone\n-- [[Jess]]",
    "Kind regards,\n[[Kwabena Mensah]]\nAccounts Team",
    "[[Hiroshi]], could you confirm the figures by Friday?",
    "Forwarding on behalf of [[Lakshmi Narayanan]].",
    "From: [[Nguyen Thi Lan]]\nTo: sales team",
    "Per [[Kenji]]'s note, the release is on hold.",
    # forms
    "Name: [[Tran Van Minh]]",
    "Full name: [[Pham Thi Hoa]]",
    "Applicant: [[Tanaka Hiroshi]]",
    "Patient name: [[Kim Min-jun]]",
    "Emergency contact: [[Abena Owusu]] (sister)",
    "Guardian: [[Rahul Deshpande]]",
    "First name: [[Chiamaka]]  Last name: [[Eze]]",
    "Signature: [[Lars Becker]]",
    "Employee: [[Le Thi Thu]]",
    "Contact person: [[Park Ji-hoon]]",
    "Attendee: [[Sato Yuki]], Osaka office",
    "Referred by: [[Dr. Okonkwo]]",
    # news and running text, surname-first East Asian
    "[[Nguyen Van An]] opened the shop in 2015.",
    "[[Tanaka Hiroshi]] has coached the team for ten years.",
    "[[Kim Min-jun]] scored twice in the second half.",
    "The award went to [[Tran Thi Mai]] of Hanoi.",
    "[[Pham Minh Chinh]] met the delegation on Tuesday.",
    "Police said [[Suzuki Taro]], 42, was arrested at the scene.",
    "[[Lee Seo-yeon]] won gold in the 500 metres.",
    "[[Le Van Hung]] and [[Do Thi Hanh]] run the clinic together.",
    "[[Watanabe Kenji]], a local farmer, found the coins.",
    "[[Choi Ji-woo]] starred in the drama.",
    "[[Hoang Duc Anh]] was elected chairman.",
    "Coach [[Yamamoto Daisuke]] praised the defence.",
    "[[Vu Thi Lan]] told reporters the water had receded.",
    "[[Park Seo-jun]] signed a new contract.",
    # news, other origins
    "[[Amara Nwosu]] told the court she had not seen the letter.",
    "The mayor, [[Rajesh Kumar]], cut the ribbon.",
    "[[Klaus Weber]] retired after 30 years at the plant.",
    "[[Oluwaseun Bakare]] leads the research group.",
    "Residents like [[Mary Collins]] want the bridge reopened.",
    "[[Siddharth Rao]] said the vote was close.",
    "[[Thandiwe Dlamini]], 29, finished third.",
    "Jackson police charged [[Austin Reed]] with burglary.",
    "[[Lincoln Moyo]] was named player of the match.",
    "[[Victoria Adebayo]] opened the new library in Lagos.",
    "[[Florence Mutua]] took the bus from Florence to Pisa.",
    "Manager [[Chester Hughes]] resigned on Monday.",
    "[[Charlotte Meier]] moved from Charlotte to Zurich.",
    "Witnesses said [[Dakota]] ran toward the river.",
    # orders
    "Ship to: [[Nguyen Thi Hong]], 12 Le Loi, District 1",
    "Order #55812 for [[Aditi Sharma]] has shipped.",
    "Deliver to [[Kwame Asante]], Flat 3",
    "Customer: [[Yamada Hanako]]",
    "Recipient: [[Choi Min-seo]]",
    "Buyer: [[Ingrid Hoffmann]]   Qty: 2",
    "Your order is ready for pickup, [[Jessica]]!",
    "Hi [[Brandon]], your package is out for delivery.",
    "Bill to: [[Emmanuel Okafor]]",
    "Gift message: Happy birthday [[Nana]]! Love, [[Ama]]",
    "Pickup name: [[Tran Quoc Bao]]",
    "Order placed by [[Sakura Ito]] on 3 May.",
    # informal and lower-case in chat frames
    "hey [[jake]] u up?",
    "love you [[kat]] lol",
    "thanks [[kemi]]!",
    "where's [[brian]]?",
    "[[Ravi]] pls send the file",
    "[[Grace]] can you grab milk",
    "call [[Omar]] when you land",
    "me and [[Josh]] are heading out",
    "[[Zainab]] and I will be late",
    "is [[Mateo]] still at work?",
    "ugh [[Kyle]] forgot the tickets again",
    "xoxo [[Bea]]",
    "see ya, [[Tyrone]]",
    "nice one [[Amir]] :D",
    "text [[Hannah]] the address",
    "dm [[Lucas]] for the link",
]

LOOK_ALIKES = [
    # places named like people, in travel, weather and sports text
    "Flights to Austin are cheaper in March.",
    "We drove from Chester to Liverpool in an hour.",
    "Florence is packed with tourists in August.",
    "Heavy rain is expected in Jackson on Friday.",
    "Lincoln is the capital of Nebraska.",
    "Victoria has the mildest winters in Canada.",
    "Charlotte beat Atlanta 3-1 on Saturday.",
    "The train from Florence arrives at noon.",
    "Sunny in Austin, 31C, with a light breeze.",
    "Jackson, Mississippi, declared a water emergency.",
    "I spent a week in Charlotte for work.",
    "Our hotel near Victoria was small but clean.",
    "Chester Zoo reopened after the storm.",
    "Travelling to Lincoln by coach takes four hours.",
    "Austin, Texas, is growing fast.",
    "Orange County raised its property taxes.",
    "Madison is the capital of Wisconsin.",
    "Traffic is heavy around Dallas this morning.",
    "Snow closed roads near Aspen overnight.",
    "The ferry to Victoria leaves at seven.",
    "Beverly Hills is next to Los Angeles.",
    "Houston hosted the final this year.",
    "Tyler, Texas, is known for its roses.",
    "We stopped in Eugene on the way to Portland.",
    "Florence, Alabama, sits on the Tennessee River.",
    "Jackson County schools are closed today.",
    "Fog in Lincoln delayed the morning trains.",
    "The conference moves from Austin to Denver next year.",
    "Kingston is the capital of Jamaica.",
    "Warren, Ohio, lost its last steel mill.",
    "Weather: Charlotte 24C, Raleigh 26C, Durham 25C.",
    "Sydney was hit by a heatwave.",
    "Chelsea won away at Brighton.",
    "Derby County were promoted.",
    "Nelson is a small city on the South Island.",
    "Hamilton beat Austin in the semi-final.",
    "Salem, Oregon, is the state capital.",
    "From Florence we took the bus to Siena.",
    "The road to Chester is closed for repairs.",
    "We flew into Jackson Hole for the ski week.",
    "Marion County reported three new cases.",
    "Savannah is lovely in the spring.",
    "Highs near 30 in Phoenix and Tucson.",
    "Everett, Washington, is north of Seattle.",
    "A storm warning is in effect for Lafayette.",
    "Visiting Lincoln Cathedral was the highlight of the trip.",
    "Lowell and Worcester are both in Massachusetts.",
    "The Florence team won the regional cup.",
    "Columbus is the largest city in Ohio.",
    "Clinton, Iowa, sits on the Mississippi.",
    # chat lines with capitalised words that are no person
    "omg the new iPhone is so expensive",
    "lol Monday again",
    "thx for the Netflix password",
    "hi all, standup moved to 10",
    "Thanks everyone, great meeting!",
    "ok Google, set an alarm",
    "ask Siri to play some jazz",
    "cc the Finance team on this",
    "Hey guys, pizza's here",
    "Cheers mate, see you Friday",
    "good morning London!",
    "sorry Team, I'm out sick today",
    "my friend from Boston is visiting",
    "thanks Amazon, the box was empty",
    "hi Support, my login fails",
    "ping the DevOps channel",
    "Dear Customer, your order has shipped.",
    "Hello World is the first program most people write.",
    "Best regards, the Sales Team",
    "- The Management",
    # orders, citations, letters without a person
    "Order #88123: Victoria sponge cake, 2 units.",
    "Item: Lincoln Log set, 1 pc.",
    "Ship to: Austin Distribution Center, Dock 4",
    "Product: Charlotte Tilbury lipstick, shade Pillow Talk.",
    "SKU JACK-22: Jackson guitar strap",
    "Ordered: Florence Nightingale biography (hardcover)",
    "Reference: Smithsonian Institution Annual Report 2019.",
    "See Table 3 in Appendix B.",
    "Source: Reuters, Associated Press",
    "Retrieved from the Library of Congress archive.",
    "To whom it may concern,",
    "Dear Hiring Manager,",
    "Yours faithfully, Customer Relations",
    "Re: Invoice 4471 from Chester Supplies Ltd",
    # East Asian words that are no person
    "Kim chi is served with every meal.",
    "Pho and banh mi are popular in Hanoi.",
    "We flew Vietnam Airlines to Da Nang.",
    "Tanaka Corporation reported record profits.",
    "Hyundai and Kia share a platform.",
    "Le Mans hosts a famous 24-hour race.",
    "Ho Chi Minh City is in southern Vietnam.",
    "Osaka Castle was rebuilt in 1931.",
]


def test_sets_are_large_and_written_as_marked():
    check_marked_sets(NAMES, LOOK_ALIKES, 100, 80, distinct=True)


def test_framed_names_and_place_look_alikes(pii_annotator):
    check_scores(pii_annotator, NAMES, LOOK_ALIKES, RECALL_MIN, CLEAN_MIN, PRECISION_MIN)


def test_unseen_half_holds(pii_annotator):
    check_scores(pii_annotator, NAMES[1::2], LOOK_ALIKES[1::2], RECALL_MIN - 0.05, CLEAN_MIN - 0.05, None)


def test_chat_frames():
    """Invented cases beside the held-out set: each chat rule and a look-alike it must leave alone."""
    assert en_names("thanks, mike") == ["mike"]
    assert en_names("@jenny can you check") == ["jenny"]
    assert en_names("mike: ok see u there") == ["mike"]
    assert en_names("Best,\nTom") == ["Tom"]
    assert en_names("ok Will do") == []
    assert en_names("ask Siri to play jazz") == []
    assert en_names("nada: object = None") == []
    assert en_names("Hey Storm, come here") == []
    assert en_names("mail me at jenny@example.com") == []


def test_surname_first_and_place_frames():
    assert en_names("Nguyen Van An opened the shop.") == ["Nguyen Van An"]
    assert en_names("Watanabe Kenji, a farmer, found the coins.") == ["Watanabe Kenji"]
    assert en_names("Kim Min-jun scored twice.") == ["Kim Min-jun"]
    assert en_names("Ho Chi Minh City is hot.") == []
    assert en_names("Tanaka Corporation reported profits.") == []
    assert en_names("Snow closed roads near Aspen.") == []
    assert en_names("Nelson is a small city on the coast.") == []
    assert en_names("Austin, Texas, is growing fast.") == []
    assert en_names("Nelson fixed the roof.") == ["Nelson"]


#: Pathological inputs for the new paths: chat cues, handles, speaker labels, sign-offs, surname-first
#: runs and place frames, repeated.
TORTURE = {
    "chat_cues": lambda n: "thanks, mike hi Sarah ask raj " * (n // 30),
    "handles": lambda n: "@jenny @" * (n // 8),
    "speakers": lambda n: "Tom: hi\n" * (n // 8),
    "sign_offs": lambda n: "Best,\nTom\n" * (n // 10),
    "dashes": lambda n: "-" * n + "Tom",
    "surname_first": lambda n: "Nguyen Van An and Le Thi Thu met Kim Min-jun. " * (n // 45),
    "place_frames": lambda n: "near Aspen, Texas County is the capital city 24C beat Austin " * (n // 60),
    "le_runs": lambda n: "Le " * (n // 3) + "Thi Thu",
    "cue_words_joined": lambda n: "with" * (n // 4),
    "cue_phrases": lambda n: "TASK FORWRITTEN BY " * (n // 19),
    "cue_words": lambda n: "with name calls ASK FOR Ann " * (n // 28),
}


def test_re2_finditer_gives_the_wrappers_matches():
    """``_finditer`` (RE2 read directly, offsets converted once) gives the RE2 wrapper's matches:
    spans of every group, texts and ``lastindex``, on ASCII and non-ASCII text, and empty matches."""
    import random

    import re2

    from operators.pii import recognizers_person as rp

    patterns = [rp._ONE_PASS, rp._CHAT_PASS, re2.compile(r"(a)|(é+)|(\b)"), re2.compile(r"x*")]
    pieces = [
        "Smith, J.",
        "ANN LEE",
        "hi Sarah,",
        "@jenny ",
        "é",
        "’",
        "中文",
        "\n",
        " ",
        "Best,\nTom\n",
        "a",
        "x",
    ]
    rng = random.Random(11)
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        for p in patterns:
            want = [
                (
                    [m.span(k) for k in range(p.groups + 1)],
                    [m.group(k) for k in range(p.groups + 1)],
                    m.lastindex,
                )
                for m in p.finditer(text)
            ]
            got = [
                (
                    [m.span(k) for k in range(p.groups + 1)],
                    [m.group(k) for k in range(p.groups + 1)],
                    m.lastindex,
                )
                for m in rp._finditer(p, text)
            ]
            assert got == want, (p.pattern[:40], text)


def test_cue_scan_gives_the_automaton_word_hits():
    """``_CueScan`` (one RE2 pass) gives the cue automaton's hits that stand alone as words, in its
    order, and pickles (the recognizer is loaded from a pickle cache)."""
    import pickle
    import random

    from operators.pii.recognizers_person import EnglishPersonRecognizer

    r = EnglishPersonRecognizer()
    r2 = pickle.loads(pickle.dumps(r))
    pieces = ["with", "calls", "call", "ASK", " FOR", "ASK FOR", "WRITTEN BY", "REPORTED", " BY", "name", "d",
              "T", " ", "\n", "é", "’", "x", "Dear", "named"]  # fmt: skip
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        n = len(text)
        want = [
            (e, v)
            for e, v in r._auto.iter(text)
            if not ((e - v[1] >= 0 and text[e - v[1]].isalnum()) or (e + 1 < n and text[e + 1].isalnum()))
        ]
        assert r._cue_scan.hits(text) == want, text
        assert r2._cue_scan.hits(text) == want, text


def test_new_paths_are_linear():
    from operators.pii.recognizers_person import EnglishPersonRecognizer
    from tests.test_pii_linear import _check

    _check(EnglishPersonRecognizer().analyze, TORTURE)


if __name__ == "__main__":  # python -m tests.test_pii_person_en_frames [even|odd|all] [-v]
    print_names_scores(NAMES, LOOK_ALIKES)
