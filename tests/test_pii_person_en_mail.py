"""English PERSON in e-mail, chat, citations and lists, and look-alikes named after people in their own
context: written in full before any rule it checks (issue 16, en_person6 pass). Names: greetings,
sign-offs and To/From/Cc header lines of e-mails, lower-case names in chat, citations ("Smith et al.",
"(Nguyen and Patel, 2019)", "Kumar, A."), lists of names, names with no cue word, initials, news,
names at a line's start, reviews. Look-alikes: firms named after people where the text speaks of the
firm, titles of songs, films and books, places, products, eponyms ("Newton's third law"), and streets
named after people inside an address. ``[[...]]`` marks each name; every sentence is invented.

Scored like ``test_pii_person_en_varied`` (``pii_redact``'s PERSON findings). Rules are chosen on the
even-indexed items; the odd-indexed items stay unseen
(``python -m tests.test_pii_person_en_mail [even|odd|all] [-v]``)."""

from __future__ import annotations

from tests.pii_marked import check_marked_sets, check_scores, print_names_scores
from tests.pii_names import en_names

#: Floors under the measured figures. Before any rule for this set (written first): even half recall
#: 0.827, precision 1.0, look-alikes 85.3% clean; odd half 0.835 / 1.0 / 85.3%. After the pass (rules chosen
#: on the even half: an unlisted name shape alone on the line after a closing, cited surnames before
#: "et al." and in "(X, 2012)", eponyms after an ordinal, four works/places/firms): even 0.856 / 1.0 / 100%;
#: odd (never inspected for a rule) 0.845 / 1.0 / 85.3%.
RECALL_MIN, PRECISION_MIN, CLEAN_MIN = 0.84, 0.98, 0.91

NAMES = [
    # e-mail greetings, sign-offs, headers
    "Hi [[Sarah]],\n\nThe invoice is attached. Let me know if anything is missing.",
    "Hello [[Marcus]], quick question about the Q3 numbers.",
    "Dear [[Mrs. Abernathy]],\nThank you for your letter of 4 May.",
    "Hey [[Tobias]] - are we still on for lunch?",
    "Good morning [[Ngozi]],\nplease find the draft below.",
    "Thanks,\n[[Elspeth]]",
    "Best regards,\n[[Declan Fairweather]]\nSenior Analyst",
    "Cheers,\n[[Rhys]]",
    "Kind regards,\n\n[[Imogen Castellanos]]\nAccounts Payable",
    "Sent from my iPhone\n\n-- [[Bartholomew]]",
    "From: [[Linnea Ekström]] <l.ekstrom@example.com>\nSubject: Re: budget",
    "To: [[Oluwadamilare Adeyemi]]\nCc: [[Petra Novakova]]\nSubject: minutes",
    "Cc: [[Haruto Yamashita]], [[Bernadette Kealy]]",
    "From: [[Jaswinder Gill]]\nSent: Monday, 3 June 2024 09:14",
    "To: [[Mireille Dubois]]; [[Anders Lund]]",
    "On Tue, 12 Mar 2024 at 10:02, [[Quentin Harlow]] wrote:",
    "Warmly,\n[[Ysolde]]",
    "Thx, [[Gus]]",
    "Hi [[Fenella]] and [[Ravi]],\nsee notes inline.",
    "Regards\n[[K. Mensah]]",
    "Dear [[Professor Lindqvist]],\nI am writing to ask about your lab.",
    "All the best,\n[[Wojciech]]",
    # lower-case names in chat
    "[[ollie]]: did u push the fix",
    "ok [[jess]] sounds good",
    "thanks [[marek]]!!",
    "ask [[priya]] she has the keys",
    "[[dmitri]] is late again lol",
    "yo [[callum]] where r u",
    "cc [[anneliese]] on that pls",
    "[[sanjay]] said the build is green",
    "haha [[bronwyn]] that's so true",
    "ping [[teodor]] about the deploy",
    "me and [[kofi]] are going to the game",
    "[[ingrid]] u there?",
    # citations
    "This effect was first reported by [[Hargreaves]] et al. (2015).",
    "Prior work ([[Nguyen]] and [[Patel]], 2019) used a smaller corpus.",
    "[[Kumar, A.]], [[Singh, R.]] and [[Bose, T.]] (2020). Graph methods. J. Comp. Biol. 12(3).",
    "as shown in [[Okonjo]] (2011) and later [[Feldstein]] & [[Ruiz]] (2014)",
    "See [[Lindgren et al.]] [4] for a survey.",
    "[[Zhang, W.]], & [[Moretti, L.]] (2018). Sparse attention. NeurIPS.",
    "(e.g., [[Abiodun]], 2007; [[Castellano]], 2012)",
    "[[Whitcombe]] (1998, p. 42) argues the opposite.",
    '[12] [[P. Venkataraman]] and [[L. Osei]], "Robust parsing," in Proc. ACL, 2016.',
    "according to [[Brannigan]] and [[Koh]] (2021)",
    "[[Thorsen, K. M.]] (2009). Soil carbon. Oxford University Press.",
    "cited in [[de Groot]] (2003)",
    # lists of names
    "Attendees: [[Hamish Doyle]], [[Leticia Ramos]], [[Wen Jiahui]], [[Piotr Zielinski]]",
    "Present: [[A. Farouk]], [[B. Lindahl]], [[C. O'Rourke]]",
    "Team leads\n- [[Maren Solberg]]\n- [[Edwin Achterberg]]\n- [[Yusuf Demir]]",
    "Winners: 1. [[Ottilie Grange]] 2. [[Bashir Haddad]] 3. [[Carys Pugh]]",
    "Cast: [[Dorian Valcourt]], [[Sunniva Berg]], [[Tadeo Marín]]",
    "Signed by [[Eamon Kerrigan]], [[Rosa Villalobos]] and [[Hugo Brandt]].",
    "Speakers include [[Adaora Nwankwo]], [[Felix Rautenberg]] and [[Mai Linh Tran]].",
    "Apologies: [[Gwendolyn]], [[Idris]]",
    "Committee: [[Ruairi Mac Domhnaill]] (chair), [[Svetlana Orlova]] (secretary)",
    "Thanks to [[Leif]], [[Nadia]], [[Osvaldo]] and [[Kirsi]] for testing.",
    # no cue word
    "[[Cosimo Albanese]] wants the keys back by Friday.",
    "Will [[Eulalia]] bring the projector?",
    "I think [[Brönte Hallam]] knows the answer.",
    "Nobody told [[Thaddeus]] about the change.",
    "[[Ifeoma]] and I disagree on this.",
    "Apparently [[Rasmus Kjeldsen]] moved to Aarhus.",
    "Can [[Zephyrine]] cover my shift?",
    "We owe [[Augustin Leclercq]] an apology.",
    # chat (cased)
    "[[Marguerite]]: running 10 min late, start without me",
    "@[[Tamsin]] can you review PR 418?",
    "[[Barnaby]] joined the channel.",
    "<[[Henrike]]> anyone tried the new build?",
    "[[Obadiah]] reacted with a thumbs up",
    "lol [[Esperanza]] you're the best",
    "[[Kwame]] (10:42): on my way",
    "Thanks [[Delphine]]! Merged.",
    # initials
    "[[J. R. Okoro]] chaired the meeting.",
    "Signed: [[M.K.]]",
    "Approved by [[T. Halvorsen]] on 2 May.",
    "Contact [[R.J. Whitfield]] for access.",
    "Minutes taken by [[S.P.]]",
    "The report was drafted by [[A.-M. Lefèvre]].",
    "[[D. Abara]], Head of Operations",
    "[[E.M. Lindqvist]] and [[P.J. Ramsay]] reviewed the code.",
    # news
    "Prime Minister [[Caoimhe Brennan]] said on Tuesday the talks would resume.",
    "[[Ruslan Akhmetov]], 52, was sentenced to four years.",
    "Police named the driver as [[Jordan Featherstone]], of Leeds.",
    "The striker [[Mateus Carvalho]] scored twice before half-time.",
    "Senator [[Whitney Okafor]] voted against the bill.",
    "Economist [[Lars Henriksen]] expects rates to fall.",
    "[[Halima Yusuf]] won the by-election with 48 per cent of the vote.",
    "The award went to novelist [[Cormac Delaney]].",
    # line start
    "[[Philippa Drummond]] - Head of Marketing",
    "[[Ezekiel Mbeki]]\n14 Harbour View\nCape Town",
    "[[Sorcha]] will present the results.",
    "[[Benedetta Conti]]: 07700 900123",
    "[[Yosef Adler]] (absent)",
    "[[Clementine]] has left the conversation",
    # reviews
    "Our waiter [[Lorenzo]] was fantastic, very attentive.",
    "Big thanks to [[Agnieszka]] at reception for sorting the room.",
    "[[Dr. Hollis]] explained everything clearly. 5 stars.",
    "The installer, [[Wesley]], left a mess behind.",
    "Asked for [[Mohammed]] at the counter and he sorted it in minutes.",
    "Lovely instructor ([[Freya]]) and a calm studio.",
    "Don't book with [[Gordon Pike]], he never showed up.",
    "Highly recommend [[Tansy]] for bridal make-up!",
    # more mixed: e-mail bodies and forms
    "Please loop in [[Cordula]] from legal before signing.",
    "I spoke to [[Ignatius Obi]] yesterday and he agreed.",
    "Reply-To: [[Hester Quayle]] <hq@example.org>",
    "Forwarded message from [[Vasco Pereira]]",
    "Hi all, [[Lucinda]] here from Accounts.",
    "Regards,\n[[Sione Taufa]] | Logistics",
    "Many thanks\n[[Ailsa]]",
    "Dear [[Dr Okonkwo]],",
    "hi [[rahul]], pls call me back",
    "[[ayesha]]: lmk when ur free",
    "brb, [[tomasz]] is at the door",
    "sry [[leilani]] missed ur call",
    "[[Hoang]] et al. (2022) report similar gains.",
    "([[Silvestri]], [[Baptiste]], & [[Ahn]], 2017)",
    "Participants: [[Roisin]], [[Mateo]], [[Anouk]], [[Kenji]]",
    "Reviewers: [[L. Ferreira]]; [[G. Ostrowski]]",
    "[[Iolanthe Marsh]] is the new treasurer.",
    "Has anyone heard from [[Erasmus]]?",
    "[[Nkechi]]: sure, I'll send it",
    "[[F. Castillo]] (Chair)",
    "Coach [[Brigitte Sauer]] praised her players.",
    "[[Malachy O'Toole]]\nProject Manager\nDublin",
    "Excellent service from [[Kaito]] on the night shift.",
    "Thank you [[Winifred]] for the quick turnaround!",
    "To: [[Rafferty]]\nSubject: keys",
    "From: [[Pilar]]\nDate: Fri",
    "Hey [[georgina]] did you see this",
    "[[Marchetti]] and [[Oyelaran]] (2016) found no effect.",
    "Judges: [[Huw Prothero]], [[Amara Nnadi]], [[Stellan Voss]]",
    "Remind [[Cassius]] to bring the charger.",
    "[[Perpetua]] (09:15): morning all",
    "[[W. Ogunbanjo]], Treasurer",
    "Former coach [[Alistair Penhaligon]] died aged 81.",
    "[[Saoirse Madden]] has been promoted to partner.",
    "Ask [[Bogdan]] at the front desk, he was great.",
    "Lots of love,\n[[Nan]] and [[Grandad]]",
    "[[Evander]] wrote the original script.",
    "speak soon [[hattie]] x",
    "[[yannick]] pushed to main again smh",
    "[[Ó Briain, C.]] (2013). Irish verbs. Dublin: RIA.",
    "Team: [[Solveig]], [[Darius]], [[Hyun-woo]]",
    "I owe [[Marisela Quintero]] a coffee.",
    "[[Z. Haidari]] approved the expense.",
    "Minister [[Tendai Moyo]] resigned on Monday.",
    "[[Crispin Ashdown]]\nSales Director",
    "Great class, [[Oona]] is a patient teacher.",
    "Hi [[Bertrand]],\nCould you resend the file?",
    "Sincerely,\n[[Araminta Holt]]",
    "Bcc: [[Lucius Fenwick]]",
    "[[kaveh]] ur mic is muted",
    "[[Adekunle]] et al., 2019",
    "Authors: [[Isolde Brandauer]], [[Tomasz Wrona]]",
    "[[Cedric]] never replied to my email.",
    "[[Ingeborg]]: what time is the call?",
    "[[K.L. Anand]] presented the keynote.",
    "Striker [[Emeka Okwuosa]] signed a new contract.",
    "[[Hollie Treadwell]], Community Lead",
    "Shoutout to [[Fidelma]] for the amazing cake!",
]

LOOK_ALIKES = [
    # firms named after people, in a firm's context
    "Shares in Morgan Stanley fell 3% after the earnings call.",
    "Goldman Sachs advised on the merger.",
    "I switched my account to Charles Schwab last year.",
    "Johnson & Johnson recalled a batch of baby powder.",
    "The new Tesla plant employs 5,000 people.",
    "She got a job at Ernst & Young in the audit team.",
    "Procter & Gamble raised prices again.",
    "Marks & Spencer opened a food hall in the station.",
    "Ford Motor Company reported a quarterly loss.",
    "We hired Baker McKenzie for the contract review.",
    "Dell shipped our laptops a week late.",
    "Hewlett Packard Enterprise cut its outlook.",
    "Ralph Lauren stock jumped after the results.",
    "Calvin Klein launched a new fragrance line.",
    "Tommy Hilfiger opened three stores in Asia.",
    "Ben & Jerry's announced a new flavour.",
    # titles of songs, films, books
    "My favourite Beatles song is Eleanor Rigby.",
    "We watched Forrest Gump again last night.",
    "Have you read Jane Eyre?",
    "The film Erin Brockovich won an Oscar.",
    "Annie Hall is playing at the cinema on Sunday.",
    "She sang Jolene at karaoke.",
    "David Copperfield is a long novel.",
    "Billie Jean was on the radio all summer.",
    "The book Anna Karenina runs to 800 pages.",
    "I cried at the end of Marley & Me.",
    "Hamlet is being staged at the Globe.",
    "Bohemian Rhapsody topped the charts again.",
    # places
    "We flew into Charles de Gaulle and took the train.",
    "The hike up Mount Washington took five hours.",
    "Lake Victoria is the largest lake in Africa.",
    "They moved from Washington to Victoria last year.",
    "San Francisco is foggy in summer.",
    "We spent a week in St. Petersburg.",
    "Our office is in Fort Collins.",
    "The ferry leaves from Port Elizabeth.",
    "The conference is in Adelaide this year.",
    "Drove through Lincoln on the way to York.",
    # products
    "I upgraded to the Jaguar F-Type.",
    "Buy a Dyson if you have pets.",
    "The Mercedes Benz dealership was closed.",
    "The Ray-Ban sunglasses came in a hard case.",
    "My Kenwood mixer is 20 years old.",
    "Pour some Jack Daniel's into the sauce.",
    "He drinks Johnnie Walker neat.",
    "She drives a Ferrari to work.",
    # eponyms
    "Newton's third law explains recoil.",
    "The Fibonacci sequence appears in sunflowers.",
    "Alzheimer's disease affects memory.",
    "Murphy's law struck again.",
    "Ohm's law relates voltage and current.",
    "A Fourier transform turns signals into frequencies.",
    "We used the Kaplan-Meier estimator.",
    "Parkinson's disease is a movement disorder.",
    "The Doppler effect changes the pitch.",
    "Hodgkin lymphoma is treatable.",
    # streets named after people inside an address
    "Deliver to 42 Abraham Lincoln Avenue, Springfield, IL 62704.",
    "Ship to: 17 George Washington Blvd, Apt 3, Arlington VA 22201",
    "Our shop is at 88 Martin Luther King Jr Way, Oakland, CA.",
    "Address: 5 Victoria Street, London SW1H 0ET",
    "Unit 4, 120 Nelson Mandela Drive, Pretoria 0002",
    "The clinic moved to 9 Franklin Roosevelt Road, Boston MA 02115.",
    "Send it to 301 Winston Churchill Avenue, Ottawa ON K1A 0B1.",
    "Venue: 23 Queen Elizabeth Street, Brisbane QLD 4000",
    # other capitalised non-person text
    "Microsoft Teams crashed during the call.",
    "Open Visual Studio Code and run the tests.",
    "Mount Everest Base Camp was crowded.",
    "The Nobel Prize in Physics went to a team of three.",
]


def test_sets_are_large_and_written_as_marked():
    check_marked_sets(NAMES, LOOK_ALIKES, 150, 60, distinct=True)


def test_mail_chat_citations_and_lists(pii_annotator):
    check_scores(pii_annotator, NAMES, LOOK_ALIKES, RECALL_MIN, CLEAN_MIN, PRECISION_MIN)


def test_unlisted_name_after_a_closing():
    """Invented cases beside the set: a name shape alone on the line after a closing; words are not."""
    assert en_names("Warmly,\nYsolde") == ["Ysolde"]
    assert en_names("Many thanks\nQuorvina\n") == ["Quorvina"]
    assert en_names("Best,\nManagement") == []
    assert en_names("Thanks,\nEveryone") == []


def test_cited_surnames_et_al_and_parenthesised_year():
    assert en_names("See Lindgren et al. [4] for a survey.") == ["Lindgren"]
    assert en_names("(Marwick, 2012)") == ["Marwick"]
    assert en_names("(Tanaka, 2012; Oyelowo, 2015)") == ["Tanaka", "Oyelowo"]
    assert en_names("(London, 2012)") == []
    assert en_names("in Paris, 2019)") == []


def test_eponym_after_an_ordinal_and_new_look_alikes():
    assert en_names("Newton's third law explains recoil.") == []
    assert en_names("Kepler's second law holds.") == []
    assert en_names("Newton's third goal sealed it.") == ["Newton"]
    assert en_names("Prices fell across Asia and Europe.") == []
    assert en_names("Get it at Dell for $549.") == []
    assert en_names("Asia Argento spoke.") == ["Asia Argento"]


if __name__ == "__main__":  # python -m tests.test_pii_person_en_mail [even|odd|all] [-v]
    print_names_scores(NAMES, LOOK_ALIKES)
