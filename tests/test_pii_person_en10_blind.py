"""A blind set for English PERSON (issue #16, helper en_person10), written by hand before any rule
change of this helper: 218 lines with people in the forms the issue names (names from everywhere:
Indian, Nigerian, Vietnamese, Arabic, Chinese pinyin, Korean, Spanish double surnames; particles such
as van der, de la, bin, al-; initials; hyphenated and apostrophe names; names in lower case and in
capitals in chat and forms; names after a role; signatures, bylines and credits; a first name alone
where the context says person; court text and citations) and 163 look-alike lines with no person
(products, software and tools named like people, places and buildings named after people, brands,
laws, theorems and acts, works, days and months, headings, ALL-CAPS text, citations of standards and
statutes). ``[[P:...]]`` marks each name (titles such as Mr./Dr. left outside); every line is
invented.

Development uses the even lines only (``tests.pii_marked.halves``); the odd lines are scored before a
change and after it, never studied.

    python -m tests.test_pii_person_en10_blind   # prints recall, precision and what is flagged
"""

from __future__ import annotations

from tests.pii_marked import held_out_tests, print_halves

NAMES = """\
[[P:Aditi Raghunathan]], 34, a schoolteacher from Pune, said the fees had doubled.
"We waited six hours," said [[P:Chukwuemeka Okafor]], who drives a taxi in Enugu.
The report was written by [[P:Nguyen Thi Lan]] and [[P:Tran Van Duc]] of the Hanoi office.
Officials named the victim as [[P:Zhang Wei]], a 41-year-old engineer.
[[P:Kim Min-jun]] told reporters the merger would close in March.
Prosecutors say [[P:Juan Carlos Rodríguez Zapatero]] moved the funds through Panama.
The painting was donated by [[P:Pieter van der Berg]] in 1987.
[[P:María de la Cruz]] was elected mayor on Sunday.
Sheikh [[P:Hamdan bin Rashid]] opened the exhibition.
Police questioned [[P:Omar al-Farsi]] for three hours.
The Harry Potter books by [[P:J. K. Rowling]] sold 500 million copies.
Former president [[P:A. P. J. Abdul Kalam]] visited the school in 2010.
[[P:Siobhan O'Neill]] scored the winning goal in extra time.
Ms. [[P:Rebecca Smith-Jones]] chaired the hearing.
hey is [[P:priya]] coming tonight?
NAME: [[P:OLUWASEUN ADEYEMI]]
My landlord [[P:Ravi]] still hasn't fixed the boiler.
The defendant, [[P:Kowalski]], declined to testify.
Thanks, [[P:Dmitri]]
Could you ask [[P:Priya]] to send the invoice?
Best regards,\\n[[P:Hannah Lindqvist]]\\nHead of Procurement
By [[P:Tomasz Wiśniewski]] | Staff Reporter
[[P:Arjun Mehta]] (@arjunm) opened this pull request.
Signed-off-by: [[P:Keiko Tanabe]] <keiko@example.org>
Reviewed by [[P:Femi Adebayo]], 12 March
Co-authored-by: [[P:Lars Eriksson]] <lars@example.com>
Great stay! Our host [[P:Mihaela]] gave us tips for the old town.
The waiter, [[P:Giuseppe]], was rude and slow.
I bought this for my husband [[P:Declan]] and he loves it.
[[P:Sunita Krishnamurthy]] v. State of Maharashtra was decided in 2019.
THE COURT: Mr. [[P:Abernathy]], please approach the bench.
Q. And what did Mrs. [[P:Delgado]] tell you?
Witness [[P:Thandiwe Mokoena]] said she heard two shots.
Counsel for the appellant, Ms. [[P:Farah Haddad]], argued the sentence was excessive.
[[P:Nnamdi Eze]] and [[P:Ifeoma Nwosu]] founded the startup in Lagos.
[[P:Le Van Thanh]] won gold in the 60 kg class.
[[P:Park Ji-hoon]] joined the club from Suwon.
[[P:Liu Yang]], a spokesperson for the ministry, declined to comment.
[[P:Ana Sofía García López]] defended her thesis last week.
[[P:Ahmad bin Ismail]] was sworn in as chief minister.
[[P:Layla Al-Mansouri]] chairs the board of the foundation.
[[P:Jan de Vries]] has coached the team since 2018.
[[P:Lucia di Stefano]] sang the lead in the premiere.
[[P:R. K. Narayan]] wrote about the fictional town of Malgudi.
[[P:C. S. Lewis]] taught at Oxford for nearly thirty years.
Dr. [[P:Aoife McNamara-Byrne]] will see you at 10.
[[P:D'Angelo Harris]] rushed for 112 yards.
[[P:Jean-Luc Moreau]] resigned from the board on Friday.
lol [[P:kevin]] forgot his keys again
[[P:SARAH O'CONNOR]], 52, OF DUBLIN, WAS FINED 200 EUROS.
Full name: [[P:Adebayo Ogunleye]]
Emergency contact: [[P:Grace Mwangi]] (sister)
My neighbour [[P:Gerhard]] helped us move the sofa.
Our tenant, Mr. [[P:Oyelaran]], paid the rent late again.
The plaintiff, [[P:Okonkwo]], seeks damages of $40,000.
Cheers,\\n[[P:Siddharth]]
Sorry [[P:Wei]], I missed your call.
Please loop in [[P:Fatima]] before Friday.
-- \\n[[P:Matteo Ricci]]\\nSenior Engineer, Milan
Story by [[P:Akosua Boateng]]; photos by [[P:Kwame Asante]].
Translated from the Polish by [[P:Agnieszka Nowak]].
Maintainer: [[P:Björn Halvorsen]] <bjorn@example.net>
Thanks to [[P:Yusuf Demir]] for the Turkish translation.
The staff were lovely, especially [[P:Rosa]] at the front desk.
We booked with [[P:Mehmet]] and the tour was excellent.
In [[P:Gonzalez]] v. [[P:Whitfield]] the court held that the notice was defective.
BY THE COURT: [[P:Patricia L. Hargreaves]], Circuit Judge
The accused, [[P:Dinesh Pillai]], was remanded in custody.
[[P:Bola Tinubu]] addressed the nation on Monday.
[[P:Nguyen Van Hung]] moved to Da Nang in 2015.
[[P:Wang Fang]] leads the research group at Zhejiang University.
[[P:Choi Seo-yeon]] won the best actress award.
[[P:José Luis Martínez Ortega]] was appointed ambassador to Chile.
[[P:Willem-Alexander van Oranje]] visited the flood area.
[[P:Karim el-Sayed]] was detained at the airport.
[[P:Hassan bin Talal]] attended the conference.
[[P:E. B. White]] wrote Charlotte's Web.
[[P:T. J. Okonjo]] scored 21 points off the bench.
[[P:Conor O'Sullivan]] was fined for dangerous driving.
[[P:Lily-Rose Pemberton]] took silver in the 200 metres.
ok [[P:anjali]] pls send me the slides
TO: [[P:MARCUS WEBB]]\\nFROM: [[P:DIANE FOSTER]]\\nRE: Q3 budget
Patient name: [[P:Ewa Kaczmarek]]
My boss [[P:Thabo]] said I can leave early.
My friend [[P:Ngozi]] recommended this place.
The respondent, [[P:Hargreaves]], did not appear.
Warm regards,\\n[[P:Ayesha Siddiqui]]
Hi [[P:Dmitri]], thanks for the update.
Good morning [[P:Aisha]], the package arrived.
Sincerely,\\n[[P:Rafael Domínguez]]
Photograph: [[P:Samir Haddad]]/Reuters
Documentation by [[P:Ingrid Solberg]] and [[P:Petr Novák]].
Original author: [[P:Hiroshi Nakamura]]
Ask for [[P:Benedetta]] at reception, she knows the area.
The guide, [[P:Tendai]], spoke excellent English.
I called customer service and [[P:Marisol]] sorted it out in minutes.
In State v. [[P:Okafor]], the appeal was dismissed.
Justice [[P:Ruth Bader Ginsburg]] dissented.
Defendant [[P:Samuel Oduya]] pleaded not guilty.
[[P:Aliko Dangote]] plans a new refinery near Lagos.
[[P:Pham Minh Chinh]] met the delegation in Hanoi.
[[P:Zhou Xiaoming]] was promoted to general manager.
[[P:Lee Jae-won]] signed a two-year contract.
[[P:Fernando Torres Villanueva]] lost the runoff.
[[P:Ludwig van Beethoven]] wrote nine symphonies.
[[P:Sofia de la Fuente]] presented the budget.
[[P:Abdullah bin Zayed]] received the minister.
[[P:Nour al-Hashimi]] teaches at the university.
[[P:W. E. B. Du Bois]] founded the journal in 1910.
[[P:J. R. R. Tolkien]] taught Anglo-Saxon at Oxford.
[[P:Mary-Kate O'Brien]] chaired the panel.
[[P:Hans-Peter Müller]] retired in June.
yo [[P:tyrone]] u coming or not
APPLICANT: [[P:CHIDI NWANKWO]]
First name: [[P:Lakshmi]]  Last name: [[P:Venkatesan]]
My daughter [[P:Amara]] starts school next week.
Our plumber, [[P:Stanislav]], fixed the leak in an hour.
The claimant, Ms. [[P:Achterberg]], was not present.
Kind regards,\\n[[P:Tomás Ó Briain]]
Thank you [[P:Ines]] for the quick reply!
Can you remind [[P:Oluwadamilare]] about the meeting?
Posted by [[P:Rajesh Iyer]] on 4 May 2021
Written by [[P:Eleni Papadopoulou]]
Special thanks to [[P:Kofi Mensah]] for testing the release.
The host, [[P:Ingeborg]], made us breakfast every morning.
Our driver [[P:Babajide]] was on time and very friendly.
The instructor, [[P:Keanu]], was patient with the kids.
Before Judge [[P:Cynthia Okoro-Williams]], the parties agreed to settle.
Cross-examined by Mr. [[P:Rutherford]], the witness hesitated.
[[P:Obiageli Ezekwesili]] spoke at the summit.
[[P:Nguyen Phuong Thao]] opened a bakery in Hue.
[[P:Huang Jing]] translated the report.
[[P:Yoon So-hee]] sang the national anthem.
[[P:Gabriel García Márquez]] won the Nobel Prize in 1982.
[[P:Maarten van den Heuvel]] designed the bridge.
[[P:Carlos de los Santos]] was traded to Boston.
[[P:Mohammed bin Salman]] met the envoy.
[[P:Tariq al-Rashid]] was released on bail.
[[P:H. G. Wells]] published The Time Machine in 1895.
[[P:P. V. Sindhu]] won the match in straight sets.
[[P:Aisling O'Donoghue]] is the new head of research.
[[P:Anne-Marie Duval]] founded the charity.
hi [[P:fatima]] did u get my msg
PASSENGER: [[P:MOHAMMED AL-AMIN]]
Surname: [[P:Kowalczyk]]  Given name: [[P:Zofia]]
My colleague [[P:Bongani]] will cover my shifts.
The victim's brother, [[P:Imran]], spoke to reporters.
The defendant, Mr. [[P:Ferreira]], appeared by video link.
Best,\\n[[P:Noor]]
Thanks [[P:Dmitri]]!
Tell [[P:Kwabena]] I said hello.
Reporting by [[P:Chinonso Okeke]]; editing by [[P:Lucy Marsh]]
Illustrations by [[P:Yuki Tanaka]]
Patch from [[P:Rohan Deshpande]], reviewed by [[P:Olga Ivanova]].
Our server [[P:Esperanza]] was attentive all evening.
Huge thanks to [[P:Lwazi]] who fixed our flat tyre.
The receptionist, [[P:Magdalena]], upgraded our room.
The magistrate, Mrs. [[P:Pillay]], adjourned the case.
Appearing for the Crown, Mr. [[P:Ashworth]] said the evidence was clear.
[[P:Babatunde Fashola]] inspected the bridge.
[[P:Vu Duc Dam]] chaired the meeting.
[[P:Xu Lin]], 28, was among the injured.
[[P:Han Ji-min]] starred in the drama.
[[P:Miguel Ángel Sánchez Pérez]] was named coach.
[[P:Rogier van der Laan]] won the stage.
[[P:Isabel de la Torre]] signed the decree.
[[P:Faisal bin Khalid]] attended the wedding.
[[P:Salma al-Khouri]] published her first novel.
[[P:F. Scott Fitzgerald]] lived in Paris for a time.
[[P:M. S. Swaminathan]] led the program.
[[P:Darragh O'Keeffe]] rode the winner.
[[P:Jean-Baptiste Kouassi]] scored twice.
gm [[P:olumide]] did the build pass?
DEAR MS. [[P:ADEBAYO]],
Name of applicant: [[P:Rukhsana Begum]]
My sister-in-law [[P:Chiamaka]] is a nurse in Leeds.
Our cleaner, [[P:Joanna]], found the ring under the bed.
The appellant, [[P:Nakamura]], challenged the ruling.
Regards,\\n[[P:Vikram]]
Congrats [[P:Zanele]]! Well deserved.
Please ping [[P:Anders]] when the deploy is done.
Text by [[P:Paulina Zielińska]]
Edited by [[P:Tunde Bakare]]
Bug reported by [[P:Gaurav Sharma]] (#4512).
Our guide [[P:Kalani]] knew every plant on the trail.
The manager, [[P:Svetlana]], refunded us without fuss.
Shout out to [[P:Desmond]] at the rental desk.
Counsel, Mr. [[P:Abiodun]], asked for an adjournment.
The witness, Mrs. [[P:Kapoor]], identified the car.
[[P:Aminu Kano]] is remembered as a reformer.
[[P:Doan Thi Huong]] was released in 2019.
[[P:Chen Jie]] won the regional final.
[[P:Jung Ho-yeon]] attended the premiere.
[[P:Pablo Ruiz Picasso]] was born in Málaga.
[[P:Hendrik van Rijn]] sold the farm.
[[P:Alejandro de la Vega]] leads the orchestra.
[[P:Khalid bin Mahfouz]] founded the bank.
[[P:Rania al-Abdullah]] visited the school.
[[P:A. A. Milne]] created Winnie-the-Pooh.
[[P:K. S. Chithra]] recorded the song in 1986.
[[P:Fionnuala O'Reilly-Hughes]] won the prize.
[[P:Marie-Claire Fontaine]] opened the gallery.
thx [[P:bogdan]], that fixed it
CONTACT: [[P:ADAEZE OKONKWO]], 0803 555 0199
Guardian's name: [[P:Musa Abdullahi]]
My cousin [[P:Tuan]] works in Ho Chi Minh City.
Her lawyer, [[P:Silvestri]], called the verdict unjust.
The petitioner, Mrs. [[P:Ogunbanjo]], was represented by counsel.
Love,\\nGrandma [[P:Ruth]]
Hey [[P:Yevgenia]], are you free Thursday?
I'll ask [[P:Kaveh]] to review it.
Words: [[P:Abena Owusu]]. Pictures: [[P:Kojo Darko]].
Proofread by [[P:Helga Brandt]]
Thanks to [[P:Nomvula Dlamini]] and [[P:Pieter Botha]] for the fixes.
Chef [[P:Marco]] came out to greet every table.
See [[P:Okonkwo]] et al. (2019) for the full derivation.
As [[P:Thompson]] (2021) notes, the figures were revised.
[[P:Garcia-Lopez]], M. and [[P:Rossi]], F. (2020). Soil moisture. Hydrology 12(3).
"""

LOOKALIKES = """\
Download the latest Microsoft Teams update before Monday.
The Lincoln Memorial is closed for repairs this week.
Install Jenkins and configure the Maven plugin first.
We drove across the George Washington Bridge at dawn.
The Tesla Model Y outsold every other car in Norway.
Fermat's Last Theorem was proved in 1994.
The Sarbanes-Oxley Act changed how audits are done.
Read Moby Dick before the seminar on Thursday.
Monday, March 4: Quarterly review
CHAPTER SEVEN: THE RETURN OF THE KING
See ISO 8601, clause 5.3, for the full format.
Our flight lands at John F. Kennedy International Airport.
Run Ansible against the staging hosts.
The Ford Mustang Mach-E starts at $43,000.
Bayes' theorem gives the posterior directly.
The Dodd-Frank Act added new reporting rules.
Hamlet opens at the Globe next spring.
Tuesday and Wednesday are fully booked.
INSTALLATION GUIDE FOR LINUX AND WINDOWS
As shown in Table 3 of the annex, the effect is small.
Meet me outside Madison Square Garden at eight.
Set up Kubernetes with Helm and Prometheus.
The Ferrari Roma is a grand tourer.
Newton's second law relates force and acceleration.
The Magna Carta was sealed in 1215.
Pride and Prejudice was adapted again in 2005.
Closed on Sundays and bank holidays.
PLEASE READ THE TERMS AND CONDITIONS CAREFULLY
(Johnson & Johnson, 2018 annual report) lists similar results.
The Rockefeller Center tree goes up in November.
Pandas and NumPy are imported at the top of the script.
He ordered a Jack Daniel's and a Caesar salad.
The Pythagorean theorem holds in Euclidean space.
The Affordable Care Act survived another challenge.
The Great Gatsby is on the summer reading list.
June was wetter than May this year.
ERROR: COULD NOT CONNECT TO SERVER
Equation (4) follows from Lemma 2 in Section 3.
We stayed near Franklin Square in Philadelphia.
Apache Spark reads the Parquet files in parallel.
She drives a Mercedes-Benz and wears Calvin Klein.
Dijkstra's algorithm finds the shortest path.
The Volstead Act enforced Prohibition.
Romeo and Juliet is playing at the Old Vic.
Happy New Year from all of us!
QUICK START
See RFC 7231, Section 6.5.1.
The Eiffel Tower lights up every hour.
Jupyter notebooks run on the Anaconda distribution.
The Dyson V15 vacuum has a laser head.
Ohm's law applies to the resistor network.
The Clean Air Act was amended in 1990.
Don Quixote is longer than most readers expect.
Wednesday, 12 June
FREQUENTLY ASKED QUESTIONS
Regulation (EU) 2016/679, Article 17, covers erasure.
The flight from Charles de Gaulle was delayed.
Flask, Django and FastAPI are all supported.
A bottle of Johnnie Walker costs more at the airport.
Murphy's law struck again during the demo.
The Patriot Act was renewed in 2005.
Frankenstein was first published anonymously.
Valentine's Day falls on a Friday this year.
TABLE OF CONTENTS
[12] IEEE Std 754-2019, Floating-Point Arithmetic.
We walked along Queen Elizabeth Olympic Park.
Ruby on Rails powers the admin dashboard.
The Porsche Cayenne comes with a hybrid option.
Hooke's law describes the spring's behaviour.
The Equal Pay Act was passed in 1963.
Jane Eyre was first published under a pseudonym.
Easter Monday is a public holiday here.
SHIPPING AND RETURNS
Per Section 230(c)(1), the platform is not the publisher.
The Hoover Dam supplies power to three states.
Use Git, Docker and Terraform for deployment.
The Land Rover Defender is back in production.
Moore's law is slowing down.
The Taft-Hartley Act restricted union activity.
Oliver Twist was serialised in monthly parts.
Black Friday sales start on Thursday night.
ABOUT THE AUTHOR
Eq. 7 is derived in Appendix B of the report.
The Sydney Opera House sails were retiled.
Cassandra and Redis handle the session store.
Dell laptops ship with Windows preinstalled.
Planck's constant appears in the formula.
The Hatch Act limits political activity by federal staff.
Anna Karenina is over 800 pages long.
Christmas Eve dinner is at seven.
CUSTOMER REVIEWS
Case C-131/12, ECLI:EU:C:2014:317, is cited twice.
Victoria Station was packed this morning.
Alexa, set a timer for ten minutes.
The Hilton in Midtown was fully booked.
Avogadro's number is about 6.02 times ten to the twenty-third.
The Marshall Plan rebuilt Western Europe.
Madame Bovary scandalised French readers.
Labor Day weekend traffic was terrible.
PRIVACY POLICY
Chapter 4 of the Highway Code covers roundabouts.
Lake Victoria is the largest lake in Africa.
Siri and Cortana both failed the test.
Louis Vuitton raised prices again.
Euler's formula links five constants.
The Monroe Doctrine shaped US foreign policy.
Little Women was adapted for the screen again in 2019.
See you on Friday the 13th.
ORDER SUMMARY
The claims under 42 U.S.C. § 1983 were dismissed.
Mount Kenya was covered in cloud.
We moved from Jira to Linear last quarter.
The Hugo Boss store opened on Regent Street.
Boyle's law relates pressure and volume.
The Dawes Plan restructured the reparations.
Wuthering Heights is set on the Yorkshire moors.
August is the busiest month for the hotel.
SPECIFICATIONS
Reference: Journal of Hydrology, vol. 560, pp. 12-20 (2018).
Fort Worth is west of Dallas.
Jasmine and Karma are used for the frontend tests.
Tommy Hilfiger jeans were on sale.
Hubble's law measures the expansion rate.
The Fulbright Program funds exchange students.
Robinson Crusoe is often called the first English novel.
Mother's Day is in May in most countries.
WARNING: DO NOT OPERATE WHILE DROWSY
As the 2020 census notes in chapter 2, the figures were revised.
St. Petersburg hosted the forum.
Hudson and Jackson are the two build agents.
Ben & Jerry's launched a new flavour.
Gauss's law gives the field of a charged sphere.
The Mann Act was passed in 1910.
Sherlock Holmes first appeared in 1887.
Thursday's meeting moved to room 4B.
RELEASE NOTES
(see also ISO/IEC 27001:2022; NIST SP 800-53)
Cape Town is two hours behind Nairobi.
Homer is a static dashboard for your services.
Levi Strauss reported higher quarterly revenue.
Bernoulli's principle explains the lift.
The Smoot-Hawley Tariff deepened the Depression.
Peter Pan premiered in London in 1904.
April showers bring May flowers.
DELIVERY INFORMATION
Data from the Framingham Heart Study were reused.
Port Elizabeth was renamed Gqeberha.
Kafka and Zookeeper run on separate nodes.
Jimmy Choo shoes were featured in the show.
Coulomb's law gives the force between charges.
The Volcker Rule limits proprietary trading.
Alice in Wonderland has never been out of print.
Good Friday is not a bank holiday in every state.
INGREDIENTS
Figure 2 reproduces the plot from the Hubble Space Telescope archive.
San Jose is the largest city in Silicon Valley.
Ollama serves the Llama 3 model locally.
Kenneth Cole shoes are half price today.
Heisenberg's uncertainty principle limits the precision.
The Schengen Agreement removed border checks.
Treasure Island was first serialised in a magazine.
New Year's Day is a Wednesday.
TROUBLESHOOTING
"""

#: one item a line; "\\n" inside an item stands for a line break in its text
NAMES = [line.replace("\\n", "\n") for line in NAMES.splitlines()]
LOOKALIKES = [line.replace("\\n", "\n") for line in LOOKALIKES.splitlines()]

#: measured at the start of this helper's pass (7215b60, before any rule change): recall 0.912 / 0.907
#: (dev / held) at precision 1.0 / 1.0, look-alike lines with a PERSON finding 2 / 5 of 82 / 81
#: after the rules of tests/test_pii_person_en10_rules.py: recall 0.965 / 0.924 at precision 1.0 / 1.0,
#: look-alike lines 2 / 5
RECALL_DEV, RECALL_HELD = 0.96, 0.92
LOOKALIKES_FLAGGED_DEV, LOOKALIKES_FLAGGED_HELD = 2, 5


test_set_sizes, test_names, test_lookalikes = held_out_tests(
    NAMES,
    LOOKALIKES,
    "PERSON",
    sizes=(200, 150),
    recall=(RECALL_DEV, RECALL_HELD),
    flagged=(LOOKALIKES_FLAGGED_DEV, LOOKALIKES_FLAGGED_HELD),
    # lines with a PERSON finding (this set's entity; an ADDRESS finding is the address sets' to judge)
    flag=("PERSON",),
)


if __name__ == "__main__":
    print_halves(NAMES, LOOKALIKES, "PERSON")
