"""English PERSON on a second held-out set, written before any tuning on it: names in the forms
real text uses them (news, reviews, web pages, forms, all-caps form fields, signatures, e-mail
headers, lists, dialogue, bylines, captions, citations, "Last, First", titles and ranks, Indian,
Chinese pinyin in both orders, Arabic, Spanish, Vietnamese, Nigerian, Slavic, Korean names), and
look-alikes that hold no person (firms named after people, streets and airports named after
people, "Dear Sir or Madam", month and weekday names, sentence-initial capitalised words, titles
of works, software, places, eponyms). ``[[...]]`` marks each name.

Scored on ``pii_redact``'s own findings (all default entities, so "Martin Luther King Jr. Blvd"
may be an ADDRESS, never a PERSON): recall over gold names (a PERSON finding overlapping the name),
precision of PERSON findings (overlapping a gold name), and the share of look-alike sentences with
no PERSON finding. Rules are developed on the even-indexed items only; the odd-indexed items stay
unseen and are reported separately (``python -m tests.test_pii_person_en_varied``). All names and
sentences are invented for the test."""

from __future__ import annotations

import re

from operators.pii import PiiRedact

#: Floors under the figures measured after the pass (whole set: recall 0.914, precision 0.996,
#: look-alikes 88.0% clean; the odd half, never used to choose a rule: 0.866 / 1.0 / 83.3%). Before any
#: tuning the set scored 0.816 / 0.995 / 74.7% (odd half 0.803 / 1.0 / 71.3%). After the rules for works,
#: brands, places, institutions and eponyms (written against tests/test_pii_person_en_works.py, not this
#: set): look-alikes 96.8% clean (odd half 94.4%), recall and precision unchanged. After the third pass
#: (chat frames, surname-first East Asian names, towns in place frames; chosen on
#: tests/test_pii_person_en_frames.py, not this set): 0.934 / 0.996 / 97.2% (odd half 0.906 / 1.0 / 95.4%).
RECALL_MIN, PRECISION_MIN, CLEAN_MIN = 0.92, 0.98, 0.96
_MARK = re.compile(r"\[\[(.+?)\]\]", re.S)

NAMES = [
    "Former finance minister [[Abdullahi Musa]] was cleared of all charges on Thursday.",
    "The company's chief executive, [[Rosalind Achebe]], announced 400 job cuts.",
    "[[Vikram Malhotra]], 41, was arrested at Mumbai airport late on Sunday.",
    "Prosecutors say [[Hiroshi Kawaguchi]] transferred the money through three shell firms.",
    "A spokesman for [[Chancellor Gerhard Lindemann]] declined to comment.",
    "Local resident [[Doreen Whitlock]] said the flooding was the worst she had seen.",
    "The bill was introduced by Representative [[Marisol Delgado]] of Arizona.",
    "[[Tran Thi Mai]], a garment worker, told the court she was paid nothing for six weeks.",
    "Opposition leader [[Chukwuemeka Obi]] called the result a fraud.",
    "Defender [[Jakub Nowicki]] limped off with a hamstring injury in the 70th minute.",
    "The victim was later named as [[Leon Ashcroft]], a father of two from Hull.",
    "[[Dr. Funmilayo Adebayo]] led the team that sequenced the virus.",
    "Coach [[Gareth Pritchard]] said his side lacked energy.",
    "[[Nikolai Vasiliev]] and [[Irina Sokolova]] were detained at the border.",
    "Investigators questioned [[Ahmed bin Rashid Al Maktoum]] for several hours.",
    "The fire was reported by a passer-by, [[Kelsey Brandon]], shortly after midnight.",
    "[[Ana María Gutiérrez López]] was appointed ambassador to Chile.",
    '"It was chaos," said [[Yaw Asante]], who runs a stall at the market.',
    "The judge, [[Cordelia Haverford]], adjourned the case until May.",
    "[[Pham Quoc Bao]] won gold in the men's 60kg final.",
    "I bought this kettle on the advice of my sister [[Joanne]] and it's brilliant.",
    "Five stars for [[Tomás]], who fixed our boiler in twenty minutes.",
    "Ask for [[Priyanka]] at the Oxford Street branch, she knows everything about cameras.",
    "Terrible stay. The manager, [[Mr. Kessler]], refused to give us a refund.",
    "Reviewed by [[Bettina Halvorsen]]: the strap broke after a week.",
    '[[Gavin R.]] from Leeds wrote: "Arrived on time, well packed."',
    "Our guide [[Nomvula]] was patient and funny and knew every bird by name.",
    "Shout-out to [[Deshawn]] in the bakery section for the birthday cake!",
    "Verified purchase, [[Lin Xiaoyu]], 4 out of 5: works but the cable is short.",
    "I've been seeing [[Dr. Okafor]] for years and she always listens.",
    "Would not recommend. [[Brent]] on the phone was rude and hung up on me.",
    "Thank you [[Magdalena and Piotr]] for a wonderful wedding cake!",
    "The tour with [[Hemi Walker]] was the highlight of our trip to Rotorua.",
    "Stayed at [[Farah]]'s guesthouse for a week, spotless rooms.",
    "Rating: 2/5 - [[Kwabena Owusu-Ansah]]",
    "About the author: [[Leopoldine Marchetti]] teaches history at a school in Turin.",
    "Meet our team: [[Raúl Fuentes]] (founder), [[Dagny Halvorsen]] (design), [[Sipho Dlamini]] (sales).",
    "Contact our press office: [[Harriet Vance]], +44 20 7946 0000.",
    "Posted on 14 March 2021 by [[Kevin O'Dell]] | 3 comments",
    "Written by [[Anjali Krishnan]] | Updated 2 hours ago",
    "Founder and CEO [[Benedikt Auer]] started the shop in his garage in 2009.",
    "Hosted by [[Zainab Hussain]] and [[Callum Reid]].",
    "Photography by [[Eero Lindholm]]",
    "Site maintained by [[Gwen Talbot]].",
    "Webmaster: [[Rodrigo Salazar]]",
    "First name: [[Alinta]]",
    "Last name: [[Coolwell]]",
    "Surname: [[Okonkwo-Eze]], given names: [[Chinedu Daniel]]",
    "Name of applicant: [[Fergus McTavish]]",
    "Policy holder: [[Wilhelmina de Graaf]]",
    "Insured: [[Bartholomew Crane]]",
    "Cardholder name: [[Sunita Reddy]]",
    "Signature of parent/guardian: [[Lorraine Baptiste]]",
    "Referring physician: [[Dr. Arvind Kulkarni]]",
    "Passenger name: [[Nguyen Thi Lan]]",
    "Employee: [[Mateusz Zieliński]]   Department: Logistics",
    "NAME: [[ROBERT HALLORAN]]",
    "APPLICANT NAME: [[PATRICIA OYELOWO]]",
    "SURNAME: [[FITZGERALD]]   FORENAMES: [[EILEEN MARGARET]]",
    "Patient name: [[GONZALEZ, MARIA]]",
    "BILL TO: [[DENNIS KOWALSKI]], 42 Birch Lane, Albany NY 12203",
    "DRIVER: [[SAMUEL ADEWALE]]   VEHICLE: Toyota Corolla",
    "Ship to: [[CHEN JIAHUI]]",
    "Tenant: [[Mr. Oluwadamilare Bankole]]",
    "Regards,\n[[Wendell Price]]",
    "Kind regards,\n[[Aisha Rahman]]\nSenior Analyst",
    "Best,\n[[Yannick]]",
    "Many thanks,\n[[Dr. Sushila Menon]]\nHead of Research",
    "Warm wishes,\n[[Granny Pat]]",
    "Thanks again,\n[[Mariusz]]",
    "Yours faithfully,\n[[Clement Oduya]]",
    "Sent from my iPhone, [[Tess]]",
    "-- \n[[Grigor Petrosyan]] | Lead Engineer | grigor@example.net",
    "Cheers, [[Lowri]] x",
    "Yours sincerely, [[Hugh Ellesmere]], Company Secretary",
    "All the best,\n[[Zhou Min]]",
    "From: [[Jane Doe]] <jane.doe@example.com>",
    'From: "[[Okafor, Emeka]]" <e.okafor@example.org>',
    "To: [[Mei Lin Tan]] <meilin.tan@example.com>",
    "Cc: [[Rashid Khan]] <r.khan@example.net>, [[Ellen Brooks]] <ellen@example.com>",
    "From: [[Brzeziński, Krzysztof]] <kb@example.pl>",
    "Reply-To: [[Dolores Vidal]] <dvidal@example.es>",
    "Sender: [[Arjun Nair]] <arjun.nair@example.in>",
    "From: [[Siddharth Rao]] [mailto:srao@example.com]",
    'To: "[[Huong Le]]" <huong.le@example.vn>',
    "Forwarded message from [[Beatrix Holm]] <beatrix.holm@example.se>",
    "On Tue, 3 May 2022, [[Ivan Horvat]] <ivan.horvat@example.hr> wrote:",
    "Attendees: [[Obinna]], [[Marguerite]], [[Haruto]], [[Svetlana]]",
    "Shortlisted: [[Kerry-Ann Bailey]]; [[Olumide Fashola]]; [[Xu Jing]]; [[Radek Novák]]",
    "Volunteers this week:\n- [[Agnes Thorpe]]\n- [[Ravi Menon]]\n- [[Lucía Herrera]]",
    "1st place: [[Eitan Levi]], 2nd place: [[Oksana Kovalenko]], 3rd place: [[Kofi Boateng]]",
    "Board of directors: [[H. W. Castleford]] (chair), [[Deirdre Lyons]], [[Amit Shah]]",
    "Cast: [[Imelda Staunton-Reyes]], [[Paolo Rinaldi]], [[Thuy Nguyen]]",
    "[[Marta]]: Are you coming to the party?",
    "[[Jorge]]: Only if [[Lucia]] is going.",
    '"Don\'t be late," [[Mum]] said.',
    '"I\'m not hungry," muttered [[Ingrid]].',
    "[[MAX]]: Where is the key?",
    "[[ELENA]]: In the drawer, where it always is.",
    '"You again?" said [[Bilal]], laughing.',
    "[[Dmitri Orlov]]: We ship on Friday. [[Aiko Tanaka]]: Then I'll tell the client.",
    '"Good morning, [[Mrs. Petrakis]]," said the postman.',
    '"Pass the salt, [[Kemi]]."',
    '[[Anton]] whispered, "They\'re watching us."',
    "Interviewer: Thank you for joining us. [[Oduya]]: My pleasure.",
    "By [[Sarah Connor]]",
    "By [[Adebola Ogunleye]] and [[Martin Fischer]], Staff Reporters",
    "By [[SIMON BRADLEY]], Political Editor",
    "Story by [[Nguyen Hoang Nam]]",
    "By [[Rachel Kim]] | March 4, 2023",
    "Words: [[Clíodhna Ní Bhriain]]",
    "Report by [[Faisal bin Abdulaziz]]",
    "By [[Liu Fang]] in Beijing",
    "Reporting by [[Catalina Restrepo Vélez]]; editing by [[Tom Hargreaves]]",
    "By [[Prof. Ekaterina Smirnova]]",
    "Pictured: [[Desmond Okoye]] with his award at the ceremony in Lagos.",
    "Above: [[Marguerite Lavoie]] (left) and her daughter [[Camille]].",
    "Photo: [[Jin-woo Park]]/Reuters",
    "[[Ifeoma Nwosu]], centre, celebrates with team-mates.",
    "Image credit: [[Ansel Whitby]]",
    "From left: [[Thabo Mokoena]], [[Greta Hansen]] and [[Rohan Gupta]].",
    "Caption: [[Bogdan Ionescu]] at his workshop in Cluj.",
    "Photograph: [[Kasia Lewandowska]] for the Observer",
    "[[Smith, J.]] and [[Lee, K.]] (2019). Deep learning for crops. Journal of Agronomy, 12, 1-10.",
    "[[Okonjo, A.]], [[Bello, M.]], & [[Chen, L.]] (2020). Urban heat islands in Lagos.",
    "See [[Hartmann et al.]] (2017) for a review.",
    "As shown by [[Kowalczyk and Nguyen]] (2021), the effect is small.",
    "[[Ramírez-Ortega, C.]] (2018). Migración y memoria. Madrid: Cátedra.",
    "[[Wang, Y.]], [[Zhang, H.]] and [[Li, Q.]] 2015. Soil carbon. Geoderma 239: 1-9.",
    '[1] [[D. Patel]], [[S. Iyer]], "Edge caching," in Proc. INFOCOM, 2016.',
    "[[Brown]] (2004) argues the opposite.",
    "This follows [[Adeyemi]]'s earlier work on malaria.",
    "[[Müller, Hans-Peter]]: Die Stadt im Wandel. Berlin 1999.",
    "Cited in: [[Svensson, Annika]] (2012), p. 44.",
    "Author: [[Thompson, Grace]]",
    "Contact person: [[Nakamura, Kenji]]",
    "[[Haddad, Rami]] (Lebanon) - 2nd place",
    "Registered: [[Ferreira, Ana Paula]], 12/04/1988",
    "[[O'Brien, Patrick J.]], Plaintiff",
    "Name (Last, First): [[Mbeki, Lindiwe]]",
    "[[Dubois, Étienne]] and [[Moreau, Sylvie]] were absent.",
    "[[Rao, Sunil]]; [[Iyer, Meenakshi]]; [[Pillai, Anand]]",
    "[[JOHN SMITH]] VS [[PETER GRANT]] - MAIN EVENT",
    "ATTENTION: [[MARGARET O'NEILL]], ACCOUNTS PAYABLE",
    "[[Priya Venkataraman]] presented the results at the Bangalore meeting.",
    "[[Subramaniam Iyer]] retired from the railways in 2001.",
    "[[Rajesh Kumar Sharma]] filed the petition.",
    "[[Lakshmi]] and her husband [[Gopal]] run a tea stall.",
    "[[Zhang Wei]] joined the lab as a postdoc.",
    "[[Wei Zhang]] and [[Xiaoming Li]] received the best paper award.",
    "[[Huang Jianguo]] was re-elected as party secretary.",
    "[[Mohammed bin Salman]] met the delegation in Riyadh.",
    "[[Abdullah ibn Hamad]] signed the treaty.",
    "[[Fatima Al-Zahra Mansour]] is a pediatrician in Amman.",
    "[[Omar Abdel Rahman]] spoke at the conference.",
    "[[Yousef Haddad]] won the Arabic poetry prize.",
    "[[Gabriel García Márquez]] wrote the novel in eighteen months.",
    "[[María José Fernández Ruiz]] was elected mayor.",
    "[[José Luis Rodríguez Zapatero]] visited the plant.",
    "[[Nguyen Van An]] and [[Le Thi Hoa]] were married in Hue.",
    "[[Tran Duc Thang]] owns the noodle shop.",
    "[[Chinonso Eze]] plays for the national team.",
    "[[Oluwaseyi Adebanjo]] founded a fintech startup in Lagos.",
    "[[Ngozi Okonjo-Iweala]] addressed the assembly.",
    "[[Babatunde Fashola]] opened the new bridge.",
    "[[Aleksandr Petrov]] and [[Yekaterina Ivanova]] skated the final program.",
    "[[Miroslav Klose]] scored from a header.",
    "[[Dragana Jovanović]] defended her thesis in Belgrade.",
    "[[Wojciech Szymański]] repaired the organ.",
    "[[Volodymyr Bondarenko]] runs the bakery on the corner.",
    "[[Ayşe Yılmaz]] won the election in Izmir.",
    "[[Kim Min-jun]] and [[Park Ji-yeon]] opened a café in Seoul.",
    "[[Siddiqui]] said the data had been misread.",
    "[[Amara Diallo]] teaches maths in Dakar.",
    "[[Thulani Ndlovu]] was named player of the match.",
    "[[Sione Tupou]] captained the side.",
    "[[Bao]] has worked here for ten years.",
    "The award goes to [[Hannelore Weiss]] for lifetime achievement.",
    "My neighbour [[Ken]] lent me his ladder.",
    "[[Cressida]] never answers her phone.",
    "We had dinner with [[Dolores]] and [[Frank]] on Saturday.",
    "Please welcome our new intern, [[Tavita Leota]].",
    "[[Ines]] from HR will send you the forms.",
    "Happy retirement, [[Bernard]]!",
    "[[Mr. Adeyinka]] will teach Year 5 this term.",
    "Call [[Mrs. Fairweather]] on Monday about the rent.",
    "[[Uncle Rashid]] is visiting from Karachi.",
    "[[Aunt Bea]] makes the best pies.",
    "Condolences to the family of [[Evelyn Marsh]], who died on 2 April.",
    "In loving memory of [[Reginald Thomas Hale]], 1931-2020.",
    "[[Nkechi]]'s birthday is next week.",
    "Meeting notes taken by [[Ottoline]].",
    "[[Sr. Bernadette]] taught at the convent school for forty years.",
    "[[Fr. Michael Doyle]] celebrated the mass.",
    "[[Rabbi Eliezer Cohen]] spoke at the vigil.",
    "[[Imam Yusuf Bello]] led the prayers.",
    "[[Sheikh Hamad]] attended the opening.",
    "[[Capt. Lorenzo Ricci]] landed the plane safely.",
    "[[Sgt. Dwayne Mercer]] was first on the scene.",
    "[[Lt. Col. Ayodele Ojo]] commands the battalion.",
    "[[Judge Harriet Okwu]] dismissed the case.",
    "[[Rev. Thomas Akintola]] officiated.",
    "[[Sir Nigel Ashby]] chaired the inquiry.",
    "[[Dame Felicity Carr]] received the award.",
    "[[Mx. Jordan Ellery]] will lead the workshop.",
    "[[Deepika Chaudhary]] and [[Arvind Swaminathan]] wrote the report.",
    "Ask [[Xu Li]] or [[Li Na]] for the keys.",
    "[[Hoang Thi Thu]] sells flowers at the market.",
    "[[Emeka Nwachukwu]], a lawyer, represented the family.",
    "[[Borislav Dimitrov]] repaired the roof.",
]

LOOK_ALIKES = [
    "Johnson & Johnson agreed to pay $2 billion to settle the claims.",
    "Morgan Stanley cut its price target on the shares.",
    "Ford Motor reported a quarterly loss.",
    "Goldman Sachs advised on the merger.",
    "Wells Fargo was fined for opening fake accounts.",
    "Ben & Jerry's launched a new flavour.",
    "Shares of Johnson Matthey fell 4% in London.",
    "Merrill Lynch agreed to pay the fine.",
    "Lehman Brothers collapsed in September 2008.",
    "JP Morgan Chase raised its dividend.",
    "Charles Schwab lowered trading fees.",
    "Edward Jones opened forty new offices.",
    "Baker McKenzie advised the buyer.",
    "Allen & Overy merged with a US firm.",
    "Clifford Chance hired three partners.",
    "Dow Jones Industrial Average closed at a record.",
    "Standard & Poor's downgraded the bonds.",
    "Boeing and Lockheed Martin compete for the contract.",
    "Rolls Royce delivered the engines late.",
    "Harley Davidson sales slumped.",
    "Aston Martin lost money again.",
    "Louis Vuitton opened a flagship store in Milan.",
    "Calvin Klein and Tommy Hilfiger belong to the same group.",
    "Ralph Lauren shares jumped after the results.",
    "Hugo Boss cut its forecast.",
    "Kate Spade handbags are on sale this week.",
    "Estée Lauder bought the skincare brand.",
    "Levi Strauss raised prices on jeans.",
    "Walt Disney World was packed over Easter.",
    "Martha Stewart Living relaunched its magazine.",
    "Chick-fil-A is closed on Sundays.",
    "McDonald's added a new burger to the menu.",
    "Wendy's and Arby's reported higher sales.",
    "Dr Pepper is owned by Keurig.",
    "Jack Daniel's whiskey sales rose.",
    "Johnnie Walker Blue Label costs more than ever.",
    "Dyson vacuums are expensive but durable.",
    "Ferrari won the Italian Grand Prix.",
    "Porsche Cayenne recalls were announced.",
    "Meet me at 1200 Martin Luther King Jr. Blvd at noon.",
    "The clinic is on Martin Luther King Jr. Boulevard, next to the pharmacy.",
    "Turn left onto George Washington Memorial Parkway.",
    "The parade goes down Abraham Lincoln Way.",
    "She lives at 15 Victoria Road, Cambridge.",
    "Take the exit for John F. Kennedy Boulevard.",
    "The shop at 300 Cesar Chavez Avenue closed.",
    "Traffic is heavy on Robert Moses Causeway.",
    "We met outside the Nelson Mandela Square mall.",
    "Cross the bridge and follow Frederick Douglass Boulevard north.",
    "The flight lands at John F. Kennedy International Airport.",
    "Charles de Gaulle Airport was fogged in.",
    "Ronald Reagan Washington National Airport reopened.",
    "Indira Gandhi International Airport handled record traffic.",
    "George Bush Intercontinental Airport is in Houston.",
    "We took the train from Gare du Nord.",
    "Dear Sir or Madam,",
    "Dear Sir/Madam, I am writing to complain about my order.",
    "To Whom It May Concern:",
    "Dear Customer, your order has shipped.",
    "Dear Valued Member, your subscription renews soon.",
    "Dear Hiring Manager,",
    "Dear Colleagues, the office will close early on Friday.",
    "Dear Friends and Family,",
    "Hello World!",
    "Hi there, thanks for stopping by.",
    "Good morning everyone.",
    "Monday was a washout but Tuesday looks better.",
    "See you on Wednesday.",
    "The shop is closed on Sundays in August.",
    "We are booked from March to May.",
    "June was the wettest month on record.",
    "April showers bring May flowers.",
    "In January the lake freezes over.",
    "The deadline is Friday, 3 June.",
    "Thursday's meeting has been moved to Saturday morning.",
    "Sales peaked in December and fell in February.",
    "Christmas Eve falls on a Sunday this year.",
    "Valentine's Day is on a Tuesday.",
    "Good Friday is a bank holiday.",
    "New Year's Day was quiet.",
    "Mother's Day brunch is fully booked.",
    "Saint Patrick's Day parade starts at noon.",
    "Halloween costumes are already in the shops.",
    "Thanksgiving dinner was at my aunt's place.",
    "Although it rained, we enjoyed the walk.",
    "Despite the delays, the train was comfortable.",
    "Sadly the museum was closed.",
    "Luckily nobody was hurt.",
    "Yesterday the council approved the plan.",
    "Tomorrow we fly home.",
    "Afterwards we went for ice cream.",
    "Instead we took a taxi.",
    "Besides the price, the location is perfect.",
    "Apparently the owner is selling up.",
    "Surprisingly the coffee was excellent.",
    "Initially the app worked well.",
    "Eventually the parcel turned up.",
    "Frankly the service was appalling.",
    "Obviously it was a mistake.",
    "Generally speaking the staff were helpful.",
    "Recently the prices went up.",
    "Still, it was worth the money.",
    "Anyway, we had fun.",
    "Great value, would buy again.",
    "Highly recommended for families.",
    "Excellent quality and fast delivery.",
    "Love it!",
    "Not worth the price.",
    "Works as described.",
    "Absolutely perfect.",
    "Very Good Product",
    "Five Stars",
    "Terrible Customer Service",
    "Gone with the Wind is nearly four hours long.",
    "To Kill a Mockingbird is taught in many schools.",
    "The Catcher in the Rye was published in 1951.",
    "One Hundred Years of Solitude was translated into 46 languages.",
    "Romeo and Juliet opens at the Globe next week.",
    "Harry Potter and the Philosopher's Stone was rejected by twelve publishers.",
    "Anna Karenina is my favourite novel.",
    "Jane Eyre was published under a pseudonym.",
    "Oliver Twist was adapted for television again.",
    "David Copperfield is partly autobiographical.",
    "Don Quixote is often called the first modern novel.",
    "Citizen Kane topped the critics' poll.",
    "Forrest Gump won six Oscars.",
    "Jerry Maguire was a box office hit.",
    "Billy Elliot became a stage musical.",
    "Mrs Doubtfire is getting a sequel.",
    "Desperate Housewives ran for eight seasons.",
    "Game of Thrones ended in 2019.",
    "The Sopranos changed television.",
    "Mad Men is set in the 1960s.",
    "Grey's Anatomy was renewed again.",
    "Ted Lasso won the comedy award.",
    "Hamlet is Shakespeare's longest play.",
    "Macbeth was performed in the castle courtyard.",
    "Peter Pan flies again this Christmas at the Palladium.",
    "Sherlock Holmes stories are in the public domain.",
    "Mona Lisa is behind bulletproof glass.",
    "Beethoven's Fifth Symphony opened the concert.",
    "Bohemian Rhapsody topped the charts again.",
    "Visual Basic is still used in offices.",
    "Adobe Acrobat Reader needs an update.",
    "Google Chrome uses a lot of memory.",
    "Microsoft Edge is the default browser.",
    "Open Android Studio and create a new project.",
    "Ubuntu Server runs on the old machine.",
    "Debian Linux released a new version.",
    "Jenkins Pipeline failed on the build step.",
    "Apache Kafka handles the event stream.",
    "Ansible Tower manages the playbooks.",
    "Homebrew installs packages on macOS.",
    "Oracle Database licences are expensive.",
    "Wolfram Alpha solved the integral.",
    "Hugging Face hosts the models.",
    "GitHub Copilot suggested the function.",
    "Jira Service Management tracks the tickets.",
    "Zoom Meetings crashed during the call.",
    "Siri and Alexa both misheard me.",
    "Cortana was removed from Windows.",
    "Tesla Autopilot disengaged on the motorway.",
    "Kindle Paperwhite has a warmer light.",
    "Fitbit Charge measures sleep.",
    "Victoria Falls is on the Zambezi River.",
    "Lake Victoria borders three countries.",
    "Prince Edward Island is Canada's smallest province.",
    "Queen Elizabeth Olympic Park hosts concerts.",
    "Washington State has strict rules.",
    "Charlotte Motor Speedway sold out.",
    "Florence is beautiful in spring.",
    "Eugene Oregon is a college town.",
    "Austin Texas is growing fast.",
    "Jackson Hole is expensive in winter.",
    "Lincoln Nebraska has a new stadium.",
    "Marshall Islands are at risk from rising seas.",
    "St. Louis Cardinals won the game.",
    "San Antonio Spurs drafted a French centre.",
    "São Paulo is the largest city in Brazil.",
    "Ho Chi Minh City traffic is intense.",
    "Kuala Lumpur has a new metro line.",
    "Addis Ababa hosted the summit.",
    "Abu Dhabi opened a new museum.",
    "New Delhi recorded its hottest day.",
    "Port Harcourt is an oil hub.",
    "Nizhny Novgorod lies on the Volga.",
    "Santa Cruz de Tenerife has a carnival.",
    "Bank of America cut overdraft fees.",
    "Stanford University is in California.",
    "Johns Hopkins University leads the study.",
    "Smithsonian Institution opened a new gallery.",
    "Nobel Peace Prize was announced in Oslo.",
    "Pulitzer Prize winners were named on Monday.",
    "Rhodes Scholarship applications are open.",
    "Fulbright Program funds the exchange.",
    "Guggenheim Museum Bilbao reopened.",
    "Salvation Army needs volunteers.",
    "Bill and Melinda Gates Foundation funds vaccines.",
    "Alzheimer's disease affects millions.",
    "Parkinson's disease is progressive.",
    "Down syndrome awareness week begins.",
    "Crohn's disease can be managed with diet.",
    "Hodgkin lymphoma is treatable.",
    "Newton's laws of motion are taught early.",
    "Ohm's law relates voltage and current.",
    "Fibonacci numbers appear in nature.",
    "Bayesian inference updates beliefs.",
    "Gaussian noise was added to the images.",
    "Euclidean distance measures similarity.",
    "Markov chains model the weather.",
    "Boolean logic underlies computing.",
    "Freudian slips are common.",
    "Victorian houses are expensive here.",
    "Elizabethan drama flourished in London.",
    "Georgian architecture dominates Bath.",
    "Marxist theory was discussed in class.",
    "Darwinian evolution explains the finches.",
]


def parse(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The plain text and the gold spans of ``[[...]]``."""
    parts: list[str] = []
    spans = []
    pos = 0
    for m in _MARK.finditer(marked):
        parts.append(marked[pos : m.start()])
        start = sum(map(len, parts))
        parts.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    parts.append(marked[pos:])
    return "".join(parts), spans


def score(pii_annotator, names: list[str], look_alikes: list[str]) -> dict:
    """Recall, precision, share of clean look-alikes, and the misses and false findings."""
    gold = hit = pred = right = 0
    missed, false = [], []
    for marked in names:
        text, spans = parse(marked)
        found = [f for f in pii_annotator.find(text) if f.entity == "PERSON"]
        for s, e in spans:
            gold += 1
            if any(f.start < e and s < f.end for f in found):
                hit += 1
            else:
                missed.append((text[s:e], marked))
        for f in found:
            pred += 1
            if any(f.start < e and s < f.end for s, e in spans):
                right += 1
            else:
                false.append((text[f.start : f.end], marked))
    flagged = []
    for text in look_alikes:
        found = [f for f in pii_annotator.find(text) if f.entity == "PERSON"]
        if found:
            flagged.append(([text[f.start : f.end] for f in found], text))
    return {
        "recall": hit / gold,
        "precision": right / max(pred, 1),
        "clean": 1 - len(flagged) / len(look_alikes),
        "gold": gold,
        "missed": missed,
        "false": false,
        "flagged": flagged,
    }


def check_marked_set(names: list[str], look_alikes: list[str], min_names: int, min_look_alikes: int) -> None:
    """A set is big enough, every name line is marked, no look-alike is, and no line repeats."""
    assert len(names) >= min_names and len(look_alikes) >= min_look_alikes
    assert all(_MARK.search(s) for s in names)
    assert not any(_MARK.search(s) for s in look_alikes)
    assert len(set(names)) == len(names) and len(set(look_alikes)) == len(look_alikes)


def check_scores(
    pii_annotator,
    names: list[str],
    look_alikes: list[str],
    recall: float,
    clean: float,
    precision: float | None,
) -> None:
    """Recall, share of clean look-alikes and (when given) precision at least these."""
    s = score(pii_annotator, names, look_alikes)
    assert s["recall"] >= recall, (s["recall"], s["missed"])
    if precision is not None:
        assert s["precision"] >= precision, (s["precision"], s["false"])
    assert s["clean"] >= clean, (s["clean"], s["flagged"])


def test_parse_marks():
    assert parse("Hi [[Ann Lee]] and [[Bo]].") == ("Hi Ann Lee and Bo.", [(3, 10), (15, 17)])
    assert parse("Best,\n[[Al]]") == ("Best,\nAl", [(6, 8)])


def test_sets_are_large_and_varied():
    check_marked_set(NAMES, LOOK_ALIKES, 200, 200)


def test_varied_names_and_look_alikes(pii_annotator):
    check_scores(pii_annotator, NAMES, LOOK_ALIKES, RECALL_MIN, CLEAN_MIN, PRECISION_MIN)


def test_unseen_half_holds(pii_annotator):
    """The odd-indexed half, never used to choose a rule, scores like the whole."""
    check_scores(pii_annotator, NAMES[1::2], LOOK_ALIKES[1::2], RECALL_MIN - 0.03, CLEAN_MIN - 0.03, None)


if __name__ == "__main__":  # python -m tests.test_pii_person_en_varied [even|odd|all]
    import sys

    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    cut = {"even": slice(0, None, 2), "odd": slice(1, None, 2), "all": slice(None)}[which]
    o = PiiRedact(mode="annotate")
    o.ensure_setup()
    s = score(o, NAMES[cut], LOOK_ALIKES[cut])
    print(which, {k: round(s[k], 4) for k in ("recall", "precision", "clean")}, "gold", s["gold"])
    if "-v" in sys.argv:
        for k in ("missed", "false", "flagged"):
            print(f"--- {k} ({len(s[k])})")
            for item in s[k]:
                print("  ", item[0], "|", item[1].replace("\n", " / "))
