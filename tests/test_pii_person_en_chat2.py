"""English PERSON in chat, after ordinary words, in full Vietnamese and Indian names, in orders and
forms; and look-alikes named after people (firms, brands, works, institutions, eponyms, food words):
written in full before the rules they check (issue 16, fourth English pass). Names: lower-case and
unlisted names in chat, e-mail and social lines ("thanks kemi"), names after an ordinary word ("met
with Adaeze", "according to Nguyen Van Thanh", "by Oluwaseun"), whole Vietnamese names ("Nguyen Thi
Minh Khai"), Indian names of three or four parts, names in order and form text. Look-alikes: firms and
brands with a person's name (Johnson & Johnson, Wells Fargo, Ben & Jerry's, Tim Hortons), titles of
works, institutions, eponyms, products, places, and food words (kimchi, "Kim chi"). ``[[...]]`` marks
each name; every sentence is invented.

Scored like ``test_pii_person_en_varied`` (``pii_redact``'s PERSON findings). Rules are chosen on the
even-indexed items; the odd-indexed items stay unseen
(``python -m tests.test_pii_person_en_chat2 [even|odd|all] [-v]``)."""

from __future__ import annotations

from tests.pii_marked import check_marked_sets, check_scores, print_names_scores
from tests.pii_names import en_names

#: Floors under the measured figures. Before any rule for this set (written first): whole set recall
#: 0.752, precision 1.0, look-alikes 89.5% clean (even half 0.745 / 1.0 / 89.5%, odd 0.76 / 1.0 / 89.5%).
#: After the fourth pass (rules chosen on the even half): 0.970 / 1.0 / 94.7% (even 1.0 / 1.0 / 97.4%;
#: odd 0.94 / 1.0 / 92.1%). The odd half's gain comes from the name list ``data/en_world_extra.txt`` and
#: the dishes of ``en_named_works.txt``, written after this set by its author: no clean held-out measure.
RECALL_MIN, PRECISION_MIN, CLEAN_MIN = 0.95, 0.98, 0.93

NAMES = [
    # chat, e-mail and social lines: lower case, unlisted names
    "thanks [[kemi]], see you tmrw",
    "lol [[tunde]] you're wild",
    "ok [[funmi]] sending it now",
    "hey [[oluwaseun]] u up?",
    "thanks [[Kemi]]!! ur a star",
    "omg [[chiamaka]] that dress tho",
    "sry [[Babajide]], train was late",
    "[[adaeze]] pls call me back",
    "yo [[Thandiwe]] where u at",
    "miss u [[nomvula]] <3",
    "k thx [[Siddharth]]",
    "gm [[Anjali]], standup in 5",
    "ty [[rohan]] for covering my shift",
    "haha [[Tariq]] same",
    "[[zanele]] said the party is off",
    "Hi [[Wanjiru]],\nCould you resend the slides?\nThanks,\n[[Otieno]]",
    "Hello [[Nkechi]], the contract is attached. Regards, [[Ifeanyi]]",
    "Thanks so much [[Zainab]] - really appreciate it",
    "Hi team, looping in [[Kwabena]] who owns the billing service.",
    "cc'ing [[Folasade]] here for visibility",
    "Shoutout to [[Temitope]] for organising the meetup!",
    "Congrats to [[Bongani]] on the new role 🎉",
    "great pic [[ayesha]]!",
    "happy bday [[tolu]] 🎂",
    "@[[kwame_asante]] where did you get those shoes",
    "[[Mthunzi]]: brb",
    "[[priyanka]]: did anyone see my charger",
    "text from [[Obinna]]: running late",
    "DM from [[Lindiwe]] about the flat",
    "Regards,\n[[Chukwuemeka Obi]]",
    # names after an ordinary word
    "I met with [[Adaeze]] after the conference.",
    "We had lunch with [[Oluwaseun]] on Tuesday.",
    "The report was written by [[Oluwaseun Bakare]].",
    "According to [[Nguyen Van Thanh]], prices will rise.",
    "The painting was bought by [[Tendai Moyo]] in 2019.",
    "A letter from [[Sipho]] arrived this morning.",
    "The keys are with [[Yusuf]] at the front desk.",
    "I spoke to [[Rahul Deshpande]] about the loan.",
    "She works for [[Kofi Mensah]] in the finance team.",
    "The award went to [[Ngozi Okafor]] for her research.",
    "We stayed with [[Amara]] and her parents.",
    "Photos courtesy of [[Thabo Nkosi]].",
    "Interview conducted by [[Hoang Minh Tuan]].",
    "Ask about it at the desk, or email [[Chinedu]] directly.",
    "The car belongs to [[Dumisani]], not me.",
    "Translated from Japanese by [[Sato Yumi]].",
    "It was good to catch up with [[Farhan]] yesterday.",
    "The file was last edited by [[Ikechukwu Eze]].",
    "Thanks again to [[Abimbola]] and [[Tunde]] for the help.",
    "Payment was made to [[Xolani Dube]] on 3 May.",
    # Vietnamese full names
    "[[Nguyen Thi Minh Khai]] chaired the meeting.",
    "The clinic is run by [[Tran Van Duc]].",
    "[[Pham Thi Lan Anh]] won the essay prize.",
    "Our guide, [[Le Quang Huy]], spoke perfect English.",
    "Please contact [[Vo Thi Thanh Huong]] for bookings.",
    "Signed: [[Dang Van Long]]",
    "[[Bui Thi Hoa]] and [[Do Minh Chau]] opened a bakery.",
    "Minutes taken by [[Huynh Thi Ngoc Tram]].",
    "[[Ngo Bao Chau]] gave a public lecture.",
    "Applicant: [[Phan Thanh Binh]]",
    "The shop owner, [[Truong Van Kiet]], declined to comment.",
    "[[Duong Thi My Linh]] has joined the board.",
    # Indian multi-part names
    "[[Venkata Ramana Murthy]] was appointed principal.",
    "The petition was filed by [[Lakshmi Narayanan Iyer]].",
    "[[Sai Krishna Reddy]] topped the exam.",
    "Dr. [[Subramaniam Balakrishnan]] will see you now.",
    "[[Mohammed Irfan Qureshi]] has been transferred to Pune.",
    "Patient: [[Anitha Kumari Pillai]]",
    "[[Rajesh Kumar Sharma]] signed the lease.",
    "[[Gurpreet Singh Dhillon]] runs the family farm.",
    "Tickets were booked by [[Meenakshi Sundaram]].",
    "Witness: [[Harpreet Kaur Sandhu]]",
    "[[Srinivasa Rao Kandula]] retired last year.",
    "The guest lecture by [[Ananya Chatterjee]] was cancelled.",
    # names in order and form text
    "Order #55102 | Ship to: [[Funmilayo Adeyemi]] | 2 items",
    "Customer: [[Tran Minh Quang]]  Phone: on file",
    "Deliver to [[Precious Ndlovu]], Unit 4, gate code 1299",
    "Recipient name: [[Oyelaran Babatunde]]",
    "Billing contact - [[Keerthana Subramanian]]",
    "Gift message: Happy birthday [[Mama Ngozi]]! Love, [[Ada]]",
    "Picked up by: [[Sizwe Khumalo]]",
    "Account holder [[Nnamdi Okonkwo]] requested a refund.",
    "Name of applicant: [[Pooja Venkatesh]]",
    "Emergency contact: [[Ayodele Ogunleye]] (brother)",
    "Received by [[Mbali]] at the front desk, 14:20",
    "Courier note: leave with [[Tshepo]] next door",
    "Order placed by [[Hemant Jagtap]] on 12/04",
    "Driver: [[Kipchoge]] | Vehicle: KBX 221",
    # mixed origins in news
    "[[Aiko Nakamura]], 34, was named head coach.",
    "Mayor [[Oluwatoyin Fashola]] opened the bridge.",
    "Police said [[Jabulani Mokoena]] was released without charge.",
    "The striker [[Wojciech Zielinski]] scored twice.",
    "[[Hemi Walker]] spoke at the rally in Rotorua.",
    "Economist [[Kavita Raghunathan]] expects a slowdown.",
    "[[Ebere Nwosu]] told reporters she would appeal.",
    "The farmer, [[Mandla Zungu]], lost forty cattle.",
]

LOOK_ALIKES = [
    # firms and brands with a person's name
    "Johnson & Johnson recalled a batch of sunscreen.",
    "I opened an account at Wells Fargo last year.",
    "Ben & Jerry's launched a new flavour.",
    "Grab a coffee at Tim Hortons on the way.",
    "Shares of Morgan Stanley fell 2%.",
    "She bought a dress at Marks & Spencer.",
    "Procter & Gamble owns many household brands.",
    "We ate at Wendy's after the game.",
    "Harley-Davidson unveiled an electric bike.",
    "The Walt Disney Company reported earnings.",
    "Goldman Sachs raised its forecast.",
    "Dunkin' Donuts is now just Dunkin'.",
    "A new Trader Joe's opened downtown.",
    "Lockheed Martin won the contract.",
    "He works at Ernst & Young in audit.",
    "Ralph Lauren polo shirts are on sale.",
    "Tommy Hilfiger opened a flagship store.",
    "Dell laptops are cheaper this week.",
    "Hewlett-Packard split into two firms.",
    "Mercedes-Benz recalled 10,000 cars.",
    "Kellogg's cereal prices went up.",
    "Lands' End ships free over $50.",
    "The Sherwin-Williams paint was too glossy.",
    "Jack Daniel's sales rose in Asia.",
    # titles of works
    "We watched Forrest Gump again last night.",
    "Harry Potter and the Goblet of Fire is her favourite.",
    "I'm rereading Anna Karenina this summer.",
    "The class is studying Oliver Twist.",
    "Have you seen Jerry Maguire?",
    "Billy Elliot is playing at the Victoria Palace.",
    "My kids love Peppa Pig.",
    "Erin Brockovich won an Oscar for best actress.",
    "The book club picked Emma for March.",
    "David Copperfield is a long book.",
    # institutions
    "She studied at Johns Hopkins University.",
    "The Carnegie Endowment published a report.",
    "He was treated at Addenbrooke's Hospital.",
    "The Rockefeller Foundation funds the project.",
    "Tickets for the Guggenheim sold out.",
    "The Bill & Melinda Gates Foundation pledged $50 million.",
    "Applications to Trinity College close in January.",
    "The Smithsonian opened a new wing.",
    # eponyms
    "The Heimlich manoeuvre saved his life.",
    "Her father has Alzheimer's disease.",
    "Newton's laws describe motion.",
    "The Fibonacci sequence appears in nature.",
    "A Caesar salad and a Bloody Mary, please.",
    "The Richter scale measures earthquakes.",
    "He was diagnosed with Crohn's disease.",
    "The Nobel Prize in Physics was announced today.",
    # products
    "I ordered a Tesla Model 3.",
    "The new Jeep Grand Cherokee is quieter.",
    "Pour some Jack Daniel's over ice.",
    "She drives a Ford Fiesta.",
    "My Dyson vacuum broke again.",
    "Add a Cadbury Dairy Milk to the basket.",
    # places
    "The ferry leaves from Port Elizabeth at noon.",
    "We hiked up Mount Kenya in March.",
    "Lake Victoria is shared by three countries.",
    "They moved to San Jose for work.",
    "Fort William is the base for Ben Nevis.",
    "We stayed near Martin Place in Sydney.",
    # food words and dishes
    "Kim chi is fermented cabbage.",
    "Add some kimchi to the fried rice.",
    "Beef Wellington is on the Christmas menu.",
    "Eggs Benedict for two, please.",
    "Pad thai and tom yum for the table.",
    "Granny Smith apples are best for pies.",
    "Earl Grey tea with lemon.",
    "Nasi goreng is served with a fried egg.",
    # chat lines with no person
    "thanks team, great work today",
    "lol the wifi is down again",
    "ok boomer",
    "omg Starbucks changed the menu",
    "hey all, happy Friday!",
    "Cheers, Management",
]


def test_sets_are_large_and_written_as_marked():
    check_marked_sets(NAMES, LOOK_ALIKES, 80, 60, distinct=True)


def test_chat_after_words_and_full_names(pii_annotator):
    check_scores(pii_annotator, NAMES, LOOK_ALIKES, RECALL_MIN, CLEAN_MIN, PRECISION_MIN)


def test_unseen_half_holds(pii_annotator):
    check_scores(pii_annotator, NAMES[1::2], LOOK_ALIKES[1::2], RECALL_MIN - 0.05, CLEAN_MIN - 0.05, None)


def test_person_frames():
    """Invented cases beside the held-out set: each frame, and look-alikes it must leave alone."""
    assert en_names("He sent Ebuwa his notes.") == ["Ebuwa"]
    assert en_names("Tovalen was a huge Ajax fan.") == ["Tovalen"]
    assert en_names("Unlike the Vasquelin novel, this one is short.") == ["Vasquelin"]
    assert en_names("He told Reuters his firm would grow.") == []
    assert en_names("She gave Apple her data.") == []
    assert en_names("ex-Soviet Georgia joined the talks.") == []


def test_chat_handles_speakers_and_full_names():
    assert en_names("@tunde_bakare nice!") == ["tunde_bakare"]
    assert en_names("@some_thing here") == []
    assert en_names("Tran Thi Thu Trang sang.") == ["Tran Thi Thu Trang"]
    assert en_names("Nguyen Van An Street is long.") == []
    assert en_names("version: 1.2\nkarma: 5") == []


def test_dishes_named_after_people():
    assert en_names("A Caesar salad and a Reuben sandwich, please.") == []
    assert en_names("Kim chi with rice") == []
    assert en_names("Kim said hi.") == ["Kim"]


if __name__ == "__main__":  # python -m tests.test_pii_person_en_chat2 [even|odd|all] [-v]
    print_names_scores(NAMES, LOOK_ALIKES)
