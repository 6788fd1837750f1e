"""English PERSON across genres, names of many origins and shapes, and look-alikes: written in full
before any rule it checks (issue 16, en_person7 pass). Names: news with quotes, business e-mails,
support chat logs (lower-case speaker names), product reviews, obituaries, court records, academic
citations, sports reports, and name shapes (particles de/van/bin/al-, O'/Mc, hyphens, diacritics,
initials, titles) of Indian, Nigerian, Vietnamese, Arabic, Hispanic, Korean, Polish, Irish and other
origins. Look-alikes: places, firms, products, teams, hotels and stations named like people,
sentence-initial capitalised words, months and days, titles of works, eponyms, software names.
``[[...]]`` marks each name (titles such as Mr./Dr. left outside); every sentence is invented.

Scored like ``test_pii_person_en_varied`` (``pii_redact``'s PERSON findings). Rules are chosen on the
even-indexed items of the flat lists; the odd-indexed items stay unseen
(``python -m tests.test_pii_person_en_genres [even|odd|all] [-v]`` prints per-genre misses)."""

from __future__ import annotations

from operators.pii import PiiRedact
from tests.pii_marked import check_marked_sets, check_scores, parse, score_names
from tests.pii_names import en_names

#: Floors under the measured figures. Before any rule for this set (written first): even half recall
#: 0.844, precision 1.0, look-alikes 95.5% clean; odd half 0.801 / 1.0 / 96.6%. After the pass (rules chosen
#: on the even half: role words before a name, sports slots, abbreviated titles with their dot, Vietnamese
#: marks, chat join lines and short speaker labels, cited hyphenated/possessive surnames, an unlisted word
#: before a surname at a sentence's start): even 0.916 / 1.0 / 95.5%; odd (never inspected) 0.828 / 1.0 / 96.6%.
RECALL_MIN, PRECISION_MIN, CLEAN_MIN = 0.86, 0.98, 0.94

NAMES_BY_GENRE: dict[str, list[str]] = {
    "news": [
        '"We will not back down," said [[Adaeze Okonkwo]], the union\'s regional secretary.',
        "Finance minister [[Rajiv Menon]] told reporters the deficit would narrow.",
        '"It was chaos," [[Tran Thi Hoa]], a street vendor, recalled.',
        "The mayor, [[Lucía Fernández-Ortega]], declined to comment on Tuesday.",
        "[[Park Ji-hoon]], 34, was arrested at the scene, police said.",
        "According to [[Kwame Boateng]], a spokesman for the ministry, talks resumed.",
        '"The numbers are clear," says [[Siobhan O\'Malley]], an economist at the bank.',
        "Senator [[Marcus Whitfield]] (R) voted against the measure.",
        "[[Abdullah al-Harbi]], the kingdom's envoy, arrived late on Monday.",
        "Residents such as [[Grzegorz Wiśniewski]] say the river rose within minutes.",
        "The report was written by [[Eleanor Vance-Hughes]] and two colleagues.",
        '"I saw the smoke first," [[Dmitri]] told the Courier.',
        "Police identified the driver as [[Oluwaseun Adebayo]], 27, of Lagos.",
        "Chief executive [[Hiroshi Tanaka]] will step down in March.",
        "[[Mohammed bin Rashid]] opened the exhibition on Sunday.",
        "The award went to reporter [[Nnamdi Eze]] for his coverage of the floods.",
        '"No comment," Mr. [[Kowalczyk]]\'s lawyer said outside court.',
        "Witness [[Ana Paula Duarte]] described hearing two shots.",
        "[[Vo Van Kiet]] was remembered at a ceremony in Ho Chi Minh City.",
        "The protest was organised by student leader [[Aarav Sharma]].",
        '"We are heartbroken," the family of [[Caoimhe McGrath]] said in a statement.',
        "Governor [[DeShawn Rollins]] signed the bill into law.",
        "Economist [[Fatima Zahra Benali]] expects rates to stay high.",
        "Rescuers pulled [[Kim Min-seo]], 8, from the rubble.",
        '"This is a good day," [[Ibrahim]] said, shaking hands with the crew.',
        "[[Magdalena Nowak-Zielińska]] has led the agency since 2019.",
        "Sources close to [[Jean-Baptiste Moreau]] say he will run again.",
        "The ship's captain, [[Erik van der Berg]], radioed for help.",
        "Opposition leader [[Chukwuemeka Obi]] called the vote a sham.",
        "[[Deepika Raghunathan]], who chairs the panel, said hearings would resume.",
    ],
    "email": [
        "Hi [[Anjali]],\n\nJust following up on the quote from last week.",
        "Dear Mr. [[Nguyen]],\nThank you for your prompt reply.",
        "Best regards,\n[[Tomasz Kaczmarek]]\nProcurement Manager",
        "Hello [[Babajide]], hope you had a good weekend.",
        "Kind regards,\n[[Aoife Ní Bhriain]]",
        "Thanks so much,\n[[Minh]]",
        "Dear Dr. [[Al-Masri]],\nPlease find attached the signed consent form.",
        "Regards,\n[[Javier Ruiz]] | Sales Director | +34 600 000 000",
        "Hi team, looping in [[Chidinma]] who owns the rollout.",
        "Good afternoon Ms. [[Okafor]],\nYour order has shipped.",
        "Cheers,\n[[Liam]]",
        "Dear [[Sung-min]],\nCongratulations on the promotion!",
        "Many thanks,\n[[Priyanka Iyer]]\nHR Business Partner",
        "Hi [[Zofia]] and [[Krzysztof]], the deck is in the shared folder.",
        "From: [[Rahul Venkatesh]]\nTo: [[Emeka Nwosu]]\nSubject: Q4 forecast",
        "Please reach out to [[Sinead Kavanagh]] in accounts if the invoice is wrong.",
        "Best,\n[[Yusuf]]",
        "Dear Mrs. [[de la Cruz]],\nWe are pleased to confirm your booking.",
        "Thanks [[Thuy]], that works for me.",
        "I've copied [[Hamza Qureshi]] so he can approve the budget.",
        "Warm regards,\n[[Ngozi Chukwu-Emeka]]",
        "Hi [[Dave]],\nCould you resend the contract? The link expired.",
        "Sincerely,\n[[Alejandro Gómez]]\nCustomer Success",
        "Dear Professor [[Banerjee]],\nI would like to apply for the assistantship.",
        "On Mon, 4 Nov 2024 at 09:12, [[Declan Murphy]] <dmurphy@example.com> wrote:",
        "Hey [[Kayode]], quick one: can we move our call to 3pm?",
        "Talk soon,\n[[Marisol]]",
        "Attn: [[Bartosz Lewandowski]], Finance Department",
        "Thank you, Mr. [[Haddad]], for the warm welcome.",
        "Yours faithfully,\n[[Padraig O'Sullivan]]",
    ],
    "chat": [
        "[[priya]]: hi, my order hasn't arrived yet",
        "agent [[tomasz]]: sorry to hear that, can you share the order number?",
        "[[chinedu]]: it says delivered but nothing here",
        "[[kevin]] (support): I've escalated this to the courier",
        "[14:02] [[nguyen.an]]: still waiting on the refund",
        "[[maria_g]]: the app crashes when I open settings",
        "hi i'm [[rohan]], my account got locked",
        "thanks [[ayesha]] you were super helpful",
        "[[jakub]]: ok ill try reinstalling",
        "You are now chatting with [[Sipho]].",
        "[[Sipho]]: Hello! How can I help today?",
        "[[fionnuala]]: can i change the delivery address",
        "[[minji]]: does this come in size 6?",
        "Agent [[Rosa]] has joined the conversation.",
        "[[wojtek]] left the chat",
        "ty [[olu]]!!",
        "[[hassan]]: password reset link isn't working",
        "Support - [[Daniela]]: Could you try clearing your cache?",
        "my name is [[tuan]] and i ordered two chairs",
        "[[aisha.b]]: refund still pending after 10 days",
        "[[lee]]: thx for the quick fix",
        "[[mateo]]: can someone call me back",
        "you're talking to [[Hemant]] from billing",
        "[[siobhan]]: where do i find the invoice",
        "ok [[deepak]] i'll wait for the email",
        "[[kasia]]: the discount code says expired",
        "Transferring you to [[Obinna]] in technical support.",
        "[[grace]]: hi can u help",
        "[[faisal]]: the tracking link is broken",
        "[[ha-eun]]: ordered wrong colour, can i swap?",
        "bye [[connor]] thanks",
        "[[anh]]: is there a warranty?",
        "Agent [[Lakshmi]]: I have processed the refund.",
        "[[bongani]]: cool ty",
        "[[ewa]]: app still crashing on android 14",
    ],
    "reviews": [
        "Our server [[Marco]] was attentive and funny. Five stars!",
        "Ask for [[Deborah]] at the front desk, she sorted everything.",
        "Dr. [[Okeke]] explained the procedure clearly and was very patient.",
        "The installer, [[Vikram]], arrived on time and cleaned up after.",
        "Shout-out to [[Tomás]] in the shoe department!",
        "Would not recommend. The manager [[Gary]] was rude on the phone.",
        "[[Nadia]] did my colour and it's perfect.",
        "Thanks to [[Kenji]] for squeezing us in last minute.",
        "Booked a tour with [[Abebe]] - knowledgeable and kind.",
        "Our guide [[Ines Carvalho]] knew every corner of the old town.",
        "I saw Dr. [[Rahman]] for my knee; would go back.",
        "The plumber ([[Sean McCarthy]]) fixed it in twenty minutes.",
        "[[Hyun-woo]] at the counter upgraded our room for free.",
        "Massage by [[Lan]] was the best I've had.",
        "Terrible experience, [[Brian]] never called back.",
        "Everyone should have a teacher like Mrs. [[Adeyemi]].",
        "Big thanks to [[Paulina]] and [[Michał]] from the moving crew.",
        "The chef, [[Antoine Lefèvre]], came out to say hello.",
        "[[Rukhsana]] was so gentle with my daughter's braces.",
        "Realtor [[Jorge Castillo]] made buying our first home painless.",
        "Five stars for [[Thanh]], best pho in the city.",
        "Our wedding planner [[Chiara Bianchi]] thought of everything.",
        "Dentist was fine but receptionist [[Karen]] double-booked us.",
        "Instructor [[Olumide]] pushed us hard but fairly.",
        "Go to [[Svetlana]] for alterations - quick and cheap.",
    ],
    "obituary": [
        "[[Margaret Anne Doherty]], 87, died peacefully at home on March 3.",
        "She is survived by her sons [[Tomasz]] and [[Michał]] and her daughter [[Ewa]].",
        "He was predeceased by his wife of 52 years, [[Rosalind]].",
        "[[Chukwudi Eze]] was born in Enugu in 1941 to [[Nneka]] and [[Obiora Eze]].",
        "Survived by his brother [[Patrick]] and sisters [[Bridget]] and [[Nora]].",
        "[[Nguyen Van Long]] passed away surrounded by family.",
        "Beloved grandmother of [[Aiden]], [[Sofia]] and [[Mateo]].",
        "In lieu of flowers, donations may be made in memory of [[Harold Finch]].",
        "Fr. [[Dominic O'Brien]] will celebrate the funeral Mass.",
        "She leaves behind her husband [[Rajesh]] and daughters [[Meera]] and [[Kavya]].",
        "[[Jadwiga Kowalska]] (née [[Mazur]]) was a teacher for forty years.",
        "Son of the late [[Ahmed]] and [[Layla Haddad]], he grew up in Dearborn.",
        "[[Dolores Ibáñez-Vidal]], a nurse, died on Friday after a short illness.",
        "Predeceased by her parents, [[Seamus]] and [[Mary McLaughlin]].",
        "A memorial for [[Kim Young-ja]] will be held on Saturday.",
        "He married [[Funmilayo]] in 1968 and they raised five children.",
        "[[Walter J. Brennan Jr.]] served in Korea and later ran a hardware store.",
        "She will be missed by her nephew [[Thabo]] and niece [[Lerato]].",
        "[[Pham Thi Lan]], 92, of Westminster, died Tuesday.",
        "Lt. Col. [[Raymond Okafor]] (ret.) is remembered as a mentor.",
        "Grandfather to [[Liam]], [[Noah]] and [[Olivia]].",
        "[[Bernadette Ní Mhurchú]] loved the sea and her garden.",
        "Services will be officiated by Rabbi [[Eli Hirsch]].",
        "Her first husband, [[Stanisław Wójcik]], died in 1990.",
        "[[Imelda Santos-Reyes]] is survived by her partner, [[Carmen]].",
    ],
    "court": [
        "Plaintiff [[Juan de la Cruz]] filed the complaint on June 2, 2021.",
        "Defendant [[Marcus T. Bellamy]] pleaded not guilty.",
        "[[Olga Petrenko]] v. Harrow Logistics Ltd, Case No. 21-cv-0443",
        "The court heard testimony from Det. Sgt. [[Ryan Gallagher]].",
        "Judge [[Anita Deshpande]] denied the motion to dismiss.",
        "State v. [[Okonkwo]], 212 N.J. 441 (2013).",
        "Counsel for the appellant, Ms. [[Fiona Brennan-Lowe]], argued the sentence was excessive.",
        "The defendant, [[Tuan Le]], was represented by the public defender.",
        "Before: Hon. Justice [[K. Adeyemi]]",
        "Mr. [[Zielinski]] testified that he never signed the lease.",
        "IN RE: Estate of [[Harriet Mae Collins]], Deceased",
        "Respondent [[Abdulrahman Al-Sayed]] did not appear.",
        "Witness [[J.P. Morrison]] identified the vehicle.",
        "The jury found [[Raúl Mendoza]] guilty on two counts.",
        "Magistrate [[Chen Wei]] adjourned the hearing.",
        "Affidavit of [[Bolanle Ogunleye]], sworn 3 May 2022.",
        "Petitioner: [[Lee Soo-jin]]; Respondent: [[Lee Dong-hyun]]",
        "Cross-examined by Mr. [[Fitzgerald]], the witness admitted the error.",
        "[[Daniel O'Connor]] was sentenced to 18 months.",
        "Clerk of Court: [[Veronica Alvarado]]",
        "Exhibit 4 is a letter from Dr. [[Harpreet Sandhu]] to the insurer.",
        "The appeal of [[Krzysztof Mazurek]] was dismissed.",
        "Attorney [[Latoya Washington]] moved for a continuance.",
        "[[Smith]] v. [[Jones]] [2019] EWCA Civ 112",
        "The accused, [[Mustafa bin Omar]], was remanded in custody.",
    ],
    "citation": [
        "as reported by [[Nguyen]] and [[Tran]] (2019)",
        "[[Okafor, C.]], & [[Bello, A.]] (2020). Mobile money in Nigeria. World Dev., 128.",
        "([[Kowalski]] et al., 2018)",
        "[[van der Merwe]] (2015) found no effect.",
        "[[Gupta, R. K.]], [[Iyer, S.]], and [[Rao, P.]] (2017). Crop yields. Nature Food.",
        "This extends earlier work by [[Al-Khalil]] (2010).",
        "[[Kim, J.]], [[Park, S.]], & [[Choi, H.]] (2021). Attention in context. ACL.",
        "see also [[O'Neill]] and [[McCarthy]] (2004, ch. 3)",
        "[[Fernández-López]] et al. (2022) replicated the study.",
        '[3] [[A. Mukherjee]], [[T. Osei]], and [[M. Rossi]], "Sparse codes," IEEE Trans., 2016.',
        "([[de Souza]] & [[Lima]], 2014; [[Haddad]], 2019)",
        "[[Wiśniewska, M.]] (2012). Polish syntax. Warsaw: PWN.",
        "A meta-analysis by [[Adeyemi]] and colleagues (2023) disagrees.",
        "[[Le, T. H.]], & [[Pham, Q.]] (2020). Rice exports. Asian Econ. J.",
        "Following [[Dasgupta]] (1993), we define wellbeing broadly.",
        "[[Ben-David]] and [[Cohen]] (2008) proposed the bound.",
        "cf. [[Ó Briain]] (2011)",
        "[[Sánchez, María José]]. 2015. Migration and work. Madrid.",
        "In [[Chukwu]]'s (2016) framework, trust precedes trade.",
        "[[Lindqvist]] et al. [12] use a larger sample.",
        "Edited by [[R. Balasubramanian]] and [[E. Obi]].",
        "[[Nakamura, T.]] (2001), p. 44.",
        "as [[Mbeki]] (1998) argued in a famous speech",
        "Thanks to [[Lucas Moreau]] and [[Seo-yeon Han]] for comments on an earlier draft.",
        "[[Al-Amin, S.]] (2019). Gulf ports. Routledge.",
    ],
    "sports": [
        "The opener was scored by [[Okafor]] after twelve minutes.",
        "[[Salah]] doubled the lead before half-time.",
        "[[Nguyen]] finished third in the 200m freestyle.",
        "Goalkeeper [[Kasper Schmeichel]] made three saves.",
        "[[Díaz]] equalised with a header from a corner.",
        "A brace from [[Lewandowski]] sealed the win.",
        "[[Son Heung-min]] was substituted in the 80th minute.",
        "Captain [[Ciarán Kilkenny]] lifted the cup.",
        "[[O'Brien]] kicked four points in the second half.",
        "Substitute [[Adebayo Akinfenwa]] scored in stoppage time.",
        "[[Virat]] made 82 before he was caught at slip.",
        "Coach [[Erik ten Hag]] praised the defence.",
        "[[McIlroy]] carded a 68 to lead by two.",
        "[[Bukayo Saka]] was fouled in the box and [[Ødegaard]] converted.",
        "[[Kipchoge]] won the marathon in 2:03.",
        "A late goal by [[Gonçalo Ramos]] stunned the home crowd.",
        "[[Nadal]] beat [[Djokovic]] in four sets.",
        "Point guard [[Jamal Whitaker]] had 24 points and 9 assists.",
        "[[Pham Quang]] was booked for a late tackle.",
        "Yellow card: [[Mbappé]] (dissent).",
        "[[Alcaraz]] saved two break points in the final game.",
        "[[Rashford]] hit the post after good work from [[Fernandes]].",
        "Striker [[Victor Osimhen]] was ruled offside.",
        "[[Babar Azam]] and [[Rizwan]] put on 120 for the first wicket.",
        "The try was scored by winger [[Tadhg Beirne]].",
        "[[Szczęsny]] denied him from close range.",
        "She beat [[Iga Świątek]] 6-4, 7-5.",
        "Assist: [[De Bruyne]]. Goal: [[Haaland]].",
        "[[Al-Dawsari]] curled it into the top corner.",
        "[[Ko Jin-young]] shot a final-round 66.",
    ],
    "shapes": [
        "[[Ludwig van Beethoven]] wrote nine symphonies.",
        "The villa belonged to [[Catalina de los Santos]].",
        "[[Omar bin Laden]]'s interview was widely shared.",
        "[[Hassan al-Turabi]] returned to Khartoum.",
        "[[Mary-Kate O'Donnell-Reilly]] chaired the meeting.",
        "[[J. R. R. Tolkien]] taught at Oxford.",
        "[[A.P.J. Abdul Kalam]] visited the school in 2005.",
        "Dr. [[Ngozi Okonjo-Iweala]] addressed the delegates.",
        "Prof. [[Wojciech Kłosowski]] leads the lab.",
        "Sr. [[María del Carmen Ruiz]] runs the shelter.",
        "[[Ælfric Eadwine]] signed the charter.",
        "[[Nguyễn Thị Thu Hà]] won the scholarship.",
        "[[Zoë Saldaña]] hosted the gala.",
        "[[Søren Kierkegaard]] is buried in Copenhagen.",
        "[[D'Andre Jackson]] moved to Atlanta.",
        "[[Shaquille O'Neal]] bought the franchise.",
        "[[MacKenzie Scott]] donated the money.",
        "[[Venkataraghavan Subramaniam]] signed the form.",
        "The winner, [[Adéwálé Ọlátúnjí]], thanked his mother.",
        "Sheikh [[Tamim bin Hamad Al Thani]] met the delegation.",
        "[[Ayodele Oluwaseyi-Bankole]] joined the board.",
        "[[Tiến Dũng]] and [[Quốc Bảo]] started the band.",
        "[[Ji-woo]] and [[Seo-yeon]] shared a flat.",
        "[[Jan de Vries]] sailed alone.",
        "[[Giovanni di Lorenzo]] took over the shop.",
        "[[Björn Ulvaeus]] spoke at the event.",
        "[[Ewelina Szymańska-Kuźniar]] was promoted.",
        "[[K. S. Chithra]] sang at the festival.",
        "Mr. and Mrs. [[Abernathy]] requested a refund.",
        "Baroness [[Amos]] opened the debate.",
        "Sir [[Kenneth Branagh]] directed it.",
        "Aunt [[Bimbo]] cooked for everyone.",
        "Rev. Dr. [[Ifeanyi Okoro]] blessed the couple.",
        "[[Yerlan Nurgaliyev]] and [[Dildora Tashkentova]] were married in June.",
        "[[Nomvula Dlamini-Zuma]] chaired the session.",
    ],
}

LOOK_ALIKES_BY_KIND: dict[str, list[str]] = {
    "place": [
        "We drove from Georgia to the Carolinas in two days.",
        "Florence is beautiful in spring.",
        "The train from Victoria Station was delayed.",
        "St. Louis lost power overnight.",
        "She studied in Madison before moving to Austin.",
        "Our cabin is near Lake Louise.",
        "The tour ends in Charlotte.",
        "Traffic on Kingston Road is heavy.",
        "We took the ferry to Victoria.",
        "Houston reported record heat.",
        "The flight to Jackson was cancelled.",
        "Lincoln is the capital of Nebraska.",
        "The shelter opened in San Jose last year.",
        "Prices in Chelsea keep rising.",
        "He grew up in Santa Clara.",
        "The hike to Mount Elbert starts at dawn.",
        "Regina is colder than Winnipeg in January.",
        "Fort Worth hosted the rodeo.",
        "Most of the rain fell on Sydney.",
        "Adelaide and Darwin recorded storms.",
        "The festival moves to Cleveland next year.",
        "Cape Elizabeth has a famous lighthouse.",
        "We spent the night in Alexandria.",
        "Port Harcourt is a major oil hub.",
        "Sterling Heights approved the new budget.",
        "The bridge links Hamilton and Burlington.",
    ],
    "company": [
        "Ford recalled 40,000 pickups.",
        "Dell shipped fewer laptops this quarter.",
        "Morgan Stanley raised its target price.",
        "We stayed at the Hilton near the airport.",
        "Chelsea FC signed a new goalkeeper.",
        "Goldman Sachs cut 300 jobs.",
        "Ben & Jerry's is launching a vegan flavour.",
        "Johnson & Johnson settled the lawsuit.",
        "Marks & Spencer reported higher sales.",
        "Wells Fargo fined over fees.",
        "Procter & Gamble raised prices again.",
        "Ernst & Young audited the accounts.",
        "Bloomberg reported the deal first.",
        "Hewlett-Packard was founded in a garage.",
        "The Marriott on Fifth Avenue is fully booked.",
        "Cadbury changed the recipe.",
        "Barclays closed 12 branches.",
        "Sainsbury's opened a new store.",
        "McDonald's will raise wages.",
        "Lloyds Bank posted a profit.",
        "Kellogg's cereal sales dipped.",
        "Walt Disney World was packed.",
        "Tesla delivered more cars than expected.",
        "Ferrari unveiled a hybrid.",
        "The Ritz-Carlton is hiring.",
        "Boeing delayed the launch.",
        "Merrill Lynch advised on the merger.",
        "Charles Schwab cut trading fees.",
        "Ralph Lauren beat estimates.",
        "Liverpool FC sold out the stadium.",
    ],
    "product": [
        "Dr Pepper is my favourite soda.",
        "I bought a new Dyson vacuum.",
        "My old Ford Fiesta finally died.",
        "The Mercedes-Benz handled well in snow.",
        "He prefers Jack Daniel's over rum.",
        "The Dell XPS battery lasts all day.",
        "A Honda Civic is cheap to run.",
        "She drives a Porsche Cayenne.",
        "I use a Gillette razor.",
        "Buy the Kenwood Chef for baking.",
        "The Casio watch is waterproof.",
        "Add a splash of Tabasco.",
        "Heinz Ketchup was on sale.",
        "My Lenovo ThinkPad overheats.",
        "The Tim Hortons coffee was cold.",
    ],
    "team_venue": [
        "Manchester United beat Aston Villa 2-0.",
        "The game at Madison Square Garden sold out.",
        "Tottenham Hotspur drew at home.",
        "Trains stop at Waterloo and Charing Cross.",
        "We met outside the Lincoln Memorial.",
        "The Jefferson Memorial is lit at night.",
        "Crystal Palace won on penalties.",
        "Queen Elizabeth Hospital has a new wing.",
        "The Orlando Magic lost again.",
        "Kennedy Airport had long queues.",
        "Nottingham Forest were relegated.",
        "The Hilton Garden Inn has free breakfast.",
        "Preston North End signed a striker.",
        "St. Mary's Hospital is on the corner.",
        "The Louvre reopened after the strike.",
        "Tickets for Wembley Stadium sold fast.",
    ],
    "initial_word": [
        "Will you send the file today?",
        "Grace under pressure is rare.",
        "Hope is not a strategy.",
        "Faith in the project was low.",
        "Joy filled the room.",
        "Bill payments are due Friday.",
        "Mark the boxes before shipping.",
        "Rose petals covered the path.",
        "Patience is needed with this tool.",
        "Frank feedback helps everyone.",
        "Sue the company if they refuse.",
        "Jack up the car before changing the tyre.",
        "Page 4 has the summary.",
        "Summer sales start soon.",
        "Amber lights flashed on the dashboard.",
        "Iris scans are used at the gate.",
        "Dawn broke over the valley.",
        "Rusty nails were everywhere.",
        "Penny stocks are risky.",
        "Miles of traffic blocked the road.",
        "Crystal glasses were on the table.",
        "Ginger tea helps with nausea.",
    ],
    "month_day": [
        "April was unusually dry.",
        "The shop is closed in August.",
        "See you on Monday.",
        "June and July are the busiest months.",
        "The contract ends in May.",
        "Easter falls in April this year.",
        "Sales peak every December.",
        "By Friday the pond had frozen.",
        "Deliveries resume on Saturday.",
        "The March figures were revised.",
    ],
    "work_title": [
        "We watched Forrest Gump on the plane.",
        "She reread Anna Karenina over the holidays.",
        "The musical Hamilton comes to town in June.",
        "Oliver Twist is on the reading list.",
        "I loved the film Amelie.",
        "Harry Potter and the Goblet of Fire is the longest film.",
        "He hummed Eleanor Rigby all day.",
        "Romeo and Juliet opens at the Globe tonight.",
        "The novel Emma was adapted again.",
        "Jerry Maguire is streaming now.",
        "Lady Bird was nominated for five awards.",
        "We played Super Mario all weekend.",
        "The podcast Serial had a new season.",
        "Frankenstein was published in 1818.",
        "Mrs. Doubtfire is a family favourite.",
    ],
    "eponym": [
        "Alzheimer's disease affects millions.",
        "Parkinson's is a movement disorder.",
        "Newton's laws still apply here.",
        "The Doppler effect changes the siren's pitch.",
        "Down syndrome is caused by an extra chromosome.",
        "Crohn's disease can be managed.",
        "Use the Heimlich manoeuvre if someone chokes.",
        "A Caesar salad with extra dressing, please.",
        "Boyle's law relates pressure and volume.",
        "The Gaussian distribution is symmetric.",
        "Murphy's law applies to every deploy.",
        "The Nobel Prize was awarded in October.",
        "Huntington's disease is inherited.",
        "Asperger syndrome is no longer a separate diagnosis.",
        "We ran a Monte Carlo simulation.",
        "Halley's Comet returns in 2061.",
        "The Fulbright scholarship covers tuition.",
    ],
    "software": [
        "Open Visual Studio and rebuild.",
        "Jenkins failed the nightly build.",
        "We moved from Jira to Linear.",
        "Ask Alexa to set a timer.",
        "Django handles the admin pages.",
        "Siri misheard my question.",
        "Install Docker before running the script.",
        "Kafka buffers the events.",
        "Cassandra stores the logs.",
        "Hudson was renamed years ago.",
        "Ruby on Rails powers the site.",
        "Grafana shows the latency spike.",
        "Export the chart from Tableau.",
        "Kubernetes restarted the pod.",
    ],
    "misc": [
        "The Victorian terrace needs a new roof.",
        "Georgian windows were restored.",
        "Shakespearean insults are fun.",
        "The Freudian reading is too simple.",
        "Orwellian surveillance worries critics.",
        "Marxist economics was covered in week two.",
        "Elizabethan drama flourished.",
        "The Gregorian calendar has leap years.",
        "Father's Day is in June.",
        "Saint Patrick's Day parades were cancelled.",
        "Black Friday deals start early.",
        "The Great Barrier Reef is bleaching.",
    ],
}

NAMES = [s for items in NAMES_BY_GENRE.values() for s in items]
LOOK_ALIKES = [s for items in LOOK_ALIKES_BY_KIND.values() for s in items]
_GENRE = [g for g, items in NAMES_BY_GENRE.items() for _ in items]
_KIND = [k for k, items in LOOK_ALIKES_BY_KIND.items() for _ in items]


def test_sets_are_large_and_written_as_marked():
    check_marked_sets(NAMES, LOOK_ALIKES, 250, 150, distinct=True)


def test_genres_names_and_look_alikes(pii_annotator):
    check_scores(pii_annotator, NAMES, LOOK_ALIKES, RECALL_MIN, CLEAN_MIN, PRECISION_MIN)


def report(o, cut: slice, verbose: bool) -> dict:
    """Scores of one half and its misses, false findings and flagged look-alikes per genre."""
    names, look_alikes = NAMES[cut], LOOK_ALIKES[cut]
    genres, kinds = _GENRE[cut], _KIND[cut]
    s = score_names(o, names, look_alikes)
    print({k: round(s[k], 4) for k in ("recall", "precision", "clean")}, "gold", s["gold"])
    genre_of = dict(zip(names, genres))
    for g in NAMES_BY_GENRE:
        gold = sum(len(parse(m)[1]) for m, x in zip(names, genres) if x == g)
        missed = [m for m in s["missed"] if genre_of[m[1]] == g]
        false = [m for m in s["false"] if genre_of[m[1]] == g]
        print(f"  {g:14} missed {len(missed)} of {gold}, false {len(false)}")
        if verbose:
            for item in missed:
                print("     missed", item[0], "|", item[1].replace("\n", " / "))
            for item in false:
                print("     false ", item[0], "|", item[1].replace("\n", " / "))
    for k in LOOK_ALIKES_BY_KIND:
        idx = [i for i, x in enumerate(kinds) if x == k]
        flagged = [f for f in s["flagged"] if look_alikes.index(f[1]) in idx]
        print(f"  {k:14} look-alikes flagged {len(flagged)} of {len(idx)}")
        if verbose:
            for item in flagged:
                print("     flagged", item[0], "|", item[1])
    return s


if __name__ == "__main__":  # python -m tests.test_pii_person_en_genres [even|odd|all] [-v]
    import sys

    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    cut = {"even": slice(0, None, 2), "odd": slice(1, None, 2), "all": slice(None)}[which]
    o = PiiRedact(mode="annotate")
    o.ensure_setup()
    report(o, cut, "-v" in sys.argv)


def test_role_word_before_a_name():
    """Invented cases beside the set: a role before a name is no part of it and no capitalised run."""
    assert en_names("Coach Olamide praised the defence.") == ["Olamide"]
    assert en_names("Instructor Kelechi was late.") == ["Kelechi"]
    assert en_names("Respondent Abdulrahman Al-Sayed did not appear.") == ["Abdulrahman Al-Sayed"]
    assert en_names("Customer Service is closed.") == []
    assert en_names("Teacher Training College") == []


def test_player_slots_in_sports_reports():
    assert en_names("Zelmora scored twice.") == ["Zelmora"]
    assert en_names("Rashford hit the post after good work.") == ["Rashford"]
    assert en_names("Okafor finished third.") == ["Okafor"]
    assert en_names("Budweiser converted its beer lines.") == []
    assert en_names("Tesla hit the bar.") == []


def test_vietnamese_names_with_their_marks():
    assert en_names("Trần Văn Minh said no.") == ["Trần Văn Minh"]
    assert en_names("Nguyễn Thị Thu Hà won the scholarship.") == ["Nguyễn Thị Thu Hà"]
    assert en_names("Nguyen Van An said no.") == ["Nguyen Van An"]


def test_chat_join_lines_and_short_speaker_labels():
    assert en_names("tomek has joined the chat") == ["tomek"]
    assert en_names("You are now chatting with Nkiru.") == ["Nkiru"]
    assert en_names("[09:15] ewa: hello") == ["ewa"]
    assert en_names("marek.n: hi there") == ["marek.n"]
    assert en_names("Everyone left the chat") == []
    assert en_names("talking to strangers") == []
    assert en_names("note: this is fine") == []
    assert en_names("foo.bar: baz") == []


def test_abbreviated_titles_need_their_dot():
    assert en_names("Gov. Whitmer signed it.") == ["Gov. Whitmer"]
    assert en_names("Rep. Ocasio-Cortez spoke.") == ["Rep. Ocasio-Cortez"]
    assert en_names("Gov Tech is a site.") == []
    assert en_names("Lt Col Adebayo Ogunlesi spoke.") == ["Adebayo Ogunlesi"]
    assert en_names("Amartya Sen said so.") == ["Amartya Sen"]


def test_cited_hyphenated_and_possessive_surnames():
    assert en_names("Ruiz-Zafón et al. (2019) agree.") == ["Ruiz-Zafón"]
    assert en_names("In Okonjo's (2003) model") == ["Okonjo"]
    assert en_names("see McCarthy (2004) and O'Neill (2011)") == ["McCarthy", "O'Neill"]
    assert en_names("In Google's (2016) framework") == []


def test_unlisted_first_word_before_a_surname_at_a_sentence_start():
    assert en_names("Venkataraghavan Subramaniam left early.") == ["Venkataraghavan Subramaniam"]
    assert en_names("Later Daniel said no.") == []
    assert en_names("Robotic Butler is here.") == []
