"""A blind set for English PERSON (issue #16, helper en_person9), written by hand before any rule
change of this helper: 175 lines with real people in the forms text holds them (news with quotes,
reviews, business e-mails and their headers, chat logs and speaker labels, documentation credits and
commit trailers, court text and captions in capitals, academic citations), including people who share
a name with a place, a brand or a month where context says person (Mr. Lincoln, a speaker named
Paris, Dear June); and 262 look-alike lines with no person: product and software names, programming
languages and tools named like people, places and buildings named after people, named storms, ships
and prizes, brands and firms, laws, theorems, algorithms and diseases, titles of works, days and
months, capitalised sentence-initial words, documentation headings and table cells, ALL-CAPS text and
citations. ``[[P:...]]`` marks each name (titles such as Mr./Dr. left outside); every line is invented.

Development uses the even lines only (``tests.pii_marked.halves``); the odd lines are scored
before a change and after it, never studied.

    python -m tests.test_pii_person_en9_blind   # prints recall, precision and what is flagged
"""

from __future__ import annotations

from tests.pii_marked import held_out_tests, print_halves

NAMES = """\
[[P:Marguerite Delacroix]], 61, a retired nurse, said the clinic had been closed for weeks.
Prosecutors said [[P:Dwayne Hollister]] wired the money to an account in Cyprus.
"We were never told," said [[P:Haruto Saito]], who has run the bakery since 1998.
The bill's sponsor, Rep. [[P:Alicia Brandt]], called the vote historic.
[[P:Paris Hilton]] said on Tuesday that she would testify before the committee.
Mr. [[P:Lincoln]] told the board he had not seen the memo.
Actress [[P:Florence Pugh]] arrived at the premiere in a red gown.
[[P:Austin Butler]] thanked his family in an emotional speech.
[[P:Jordan Ellis]], a spokesman for the airline, said flights would resume by noon.
The victim's sister, [[P:Brooklyn Tate]], set up a fundraiser.
Coach [[P:Dale Simmons]] said the injury was not serious.
[[P:Georgia Whitaker]] won the mayoral race by 312 votes.
Police are searching for [[P:Tyrone Mack]], 19, who was last seen on Friday.
Author [[P:Virginia Holt]] will read from her new novel at the library.
"It's a disaster," [[P:Kennedy]] told reporters after the meeting.
Health officials said Dr. [[P:Amara Nwachukwu]] led the response.
[[P:Sydney Clarke]] scored twice as Leeds won 3-1.
Chief Justice [[P:Harlan Pierce]] wrote for the majority.
Twelve people, including [[P:Mateus Oliveira]] and his son, were rescued.
[[P:Dakota Reyes]], the team's goalkeeper, was named player of the match.
Former president [[P:Bill Clinton]] spoke at the memorial.
[[P:Angela Merkel]] met the delegation in Berlin.
Investigators interviewed [[P:Samuel Adams]], the night manager, on Thursday.
[[P:Ben Carson]] said the plan would cut costs.
Hockey great [[P:Tim Horton]] died in a car crash in 1974.
[[P:Charlotte Brooks]], 45, was charged with fraud.
[[P:Hudson Reed]] and [[P:Savannah Cole]] were married on Saturday.
[[P:Ahmed Farouk]] was named ambassador to Canada.
The judge sentenced [[P:Cody Barnes]] to six years.
Economists at the bank, led by [[P:Priya Natarajan]], see inflation easing.
Prime Minister [[P:Theresa May]] told Parliament the deal was dead.
[[P:April Ryan]] asked the press secretary about the memo.
[[P:June Almeida]] identified the first human coronavirus in 1964.
[[P:Denzel Washington]] won his second Oscar in 2002.
[[P:Carolina Herrera]] showed her collection in New York on Monday.
[[P:Lincoln Riley]] was hired as head coach in November.
[[P:Chelsea Handler]] hosted the show for seven seasons.
[[P:Jordan Peele]]'s new film opens Friday.
[[P:Sydney Sweeney]] stars in the remake.
[[P:Calvin Klein]] started his company in 1968.
Our waiter [[P:Jasper]] recommended the lamb and it was perfect.
Dr. [[P:Feldman]] is the best dentist I've ever had.
[[P:Carmen]] at reception was so helpful with our late check-in.
Had a lesson with [[P:Ellie Barrow]], highly recommend her.
The tech who came out, [[P:Luis]], fixed the AC in under an hour.
Avoid this place. [[P:Rick]], the owner, yelled at my kids.
Ask for [[P:Madison]] when you book, she's amazing with curly hair.
Five stars to [[P:Victor Alvarez]] and his team for the kitchen remodel.
Stayed three nights; housekeeper [[P:Rosa]] left little towel animals every day.
Mechanic [[P:Phil Kowalski]] explained everything and charged less than quoted.
I bought the phone from [[P:Aaron]] at the mall kiosk and he lied about the warranty.
[[P:Sofia]] and [[P:Grant]] made our wedding cake and it was stunning.
Our nanny, [[P:Adwoa]], has been with us for four years.
Instructor [[P:Megan Liu]] pushes you hard but it's worth it.
Thanks [[P:Florence]] for the quick delivery!
Went to see Dr. [[P:Washington]] for my back and he was great.
[[P:Chelsea]] at the front desk upgraded us to a suite.
Professor [[P:Hale]] grades fairly and replies to email fast.
Hi [[P:Marcus]],\\nAttached is the revised schedule.
Dear Ms. [[P:Whitfield]],\\nWe regret to inform you that the position has been filled.
Best,\\n[[P:Elena Petrova]]\\nSenior Analyst
From: [[P:Gregory Hunt]] <ghunt@example.org>\\nSent: Monday, March 3, 2025
Cc: [[P:Naomi Fischer]]; [[P:Raj Patel]]
Regards,\\nDr. [[P:Olu Adeyemi]]
Thanks,\\n[[P:Kate]]
Please loop in [[P:Diego]] from legal before we sign.
[[P:Harriet]] will cover my inbox while I'm away; contact her at ext. 4410.
I spoke with [[P:Tom Becker]] yesterday and he agreed to the terms.
Hi [[P:April]], are we still on for Thursday?
Dear [[P:June]],\\nThank you for the lovely card.
Hello [[P:Austin]], your parcel is ready for pickup.
Forwarding this from [[P:Lena Hoffmann]], see below.
On Tue, Jan 7, 2025, [[P:Sam Okoro]] wrote:
Sincerely,\\n[[P:Beatrice Mwangi]]
Kind regards,\\n[[P:Henrik Larsen]] | Head of Procurement
Hi all, please welcome [[P:Camille]], who joins the design team today.
Dear Mr. [[P:Kennedy]], your appointment is confirmed for 10 a.m.
Thanks again,\\n[[P:Victoria]]
[[P:Paul]] and I will be out of office until the 14th.
I've asked [[P:Fiona Grant]] to send you the signed copy.
[[P:jess]]: anyone know why the build is red
[[P:mike_t]]: lol same
<[[P:dominik]]> did you push the fix?
@[[P:sarah.k]] can you review my PR when you get a sec
thx [[P:Ravi]] that worked
[[P:Hannah]]: brb
[10:14] [[P:Carlos]]: meeting moved to 3
lol [[P:Jake]] you're hilarious
ping [[P:Amir]] about the deploy
[[P:Zoe]] joined the channel.
ok [[P:Ben]] ill do it tonight
[[P:Olivia Grant]] reacted with a thumbs up
happy bday [[P:Lucas]]!!!
[[P:Nkechi]]: can someone share the slides
[[P:Paris]]: omw, 5 mins
tell [[P:Jordan]] i said hi
who's [[P:Kyle]] and why is he in our group chat
[[P:mei]]: dinner at 7?
[[P:Devon]]: did anyone take my charger
[[P:Tamsin]] left the conversation.
Original author: [[P:Dmitry Volkov]]
Maintainer: [[P:Helga Sørensen]] <helga@example.net>
Thanks to [[P:Tobias Richter]] for the Windows port.
Copyright (c) 2019 [[P:Andrea Costa]]
Contributors: [[P:Wei Zhang]], [[P:Joost de Vries]], [[P:Maya Goldberg]]
Patch by [[P:Kirill Sokolov]], reviewed by [[P:Emma Lindqvist]].
Written by [[P:Noah Bergström]] and [[P:Ines Duarte]].
This module was contributed by [[P:Rahul Mehta]] in 2017.
Reported-by: [[P:Claire Dubois]] <claire@example.com>
Signed-off-by: [[P:Arjun Rao]] <arjun@example.com>
Special thanks to [[P:Fatima Bello]] for testing on ARM.
Author: [[P:Leo Tanaka]]\\nDate: 2023-04-12
The parser is based on work by [[P:Ingrid Halvorsen]].
Docs: [[P:Peter Kovac]]; translations: [[P:Ana Lima]].
Illustrations by [[P:Quentin Blake]].
Thanks to [[P:Jordan Hill]] for reporting this bug (#412).
Based on a design by [[P:Victor Lin]].
Credits: lead developer [[P:Sven Olsen]], QA [[P:Mira Kapoor]]
| Reviewer | [[P:Tomás Rivera]] | approved |
Release manager for 3.2 is [[P:Grace Kim]].
Defendant [[P:Raymond Cho]] pleaded not guilty to all counts.
The Honorable [[P:Margaret Ellison]], presiding.
Plaintiff [[P:Teresa Vaughn]] alleges that she was dismissed without cause.
[[P:DANIEL FORBES]], Appellant, v. STATE OF OHIO, Appellee.
Counsel for the respondent, Ms. [[P:Okafor]], objected to the question.
Witness [[P:Gerald Pike]] testified that the car was blue.
The court finds that Mr. [[P:Alvarez]] acted in good faith.
Judge [[P:Lorna Cheng]] denied the motion to dismiss.
[[P:Nathaniel Brooks]] v. Meridian Insurance Co., No. 21-cv-0442
Q. Mr. [[P:Dalton]], where were you on the night of the 14th?
The petition of [[P:Yolanda Fuentes]] for a writ of habeas corpus is denied.
Affiant [[P:Curtis Webb]], being duly sworn, states as follows.
IN RE: ESTATE OF [[P:HAROLD J. MILLER]], DECEASED
The jury found [[P:Marvin Teague]] guilty of second-degree murder.
Detective [[P:Lisa Moreno]] took the stand on Wednesday.
[[P:Jamal Porter]], the arresting officer, was cross-examined for two hours.
As shown by [[P:Kahneman]] and [[P:Tversky]] (1979), losses loom larger than gains.
This effect was first reported by [[P:Okonkwo]] et al. (2018).
[[P:Rosalind Franklin]]'s X-ray images revealed the helix.
The method follows [[P:Ramírez]] and [[P:Holt]] (2015) closely.
We thank [[P:Hannah Weiss]] for comments on an earlier draft.
[[P:Ada Lovelace]] wrote the first published algorithm.
[[P:Nikola Tesla]] moved to New York in 1884.
[[P:Alan Turing]] was pardoned in 2013.
Correspondence should be addressed to [[P:Martin Kovalenko]].
[[P:Ruby Bridges]] integrated a New Orleans school at age six.
[[P:Jack Daniel]] learned to distill as a boy in Tennessee.
[[P:Hugo]] said he would be late to practice.
[[P:Will Turner]] and his brother own the hardware store.
[[P:Grace]] told me she got the job!
My uncle [[P:Frank]] still drives a 1978 pickup.
[[P:Dawn Roberts]] has taught third grade for 22 years.
[[P:Mark]] and [[P:Penny]] are hosting the barbecue this year.
Can you ask [[P:Sterling]] to call me back?
[[P:Victoria Adeyemi]] was born in Lagos and moved to Leeds in 2009.
My sister [[P:Madison]] just started college.
"I never wanted fame," [[P:Cassandra Voss]] told the magazine.
[[P:Hadley]] said the twins were doing well.
[[P:Ingrid]] and [[P:Sebastian]] visited us last summer.
The tenant, [[P:Moses Ochieng]], has paid rent on time since 2019.
My grandmother [[P:Rose]] turned 90 on Sunday.
[[P:Kai Andersen]] runs the bike shop on the corner.
[[P:Darnell Hayes]] and [[P:Trevor Lin]] were promoted to sergeant.
We had dinner with [[P:Jordan]] and [[P:Alexis]] on Friday.
Interviewer: [[P:Sarah Chen]]\\nTranscribed by: [[P:Owen Price]]
Submitted by [[P:Greg Whitley]] on 12/04/2024
Posted by [[P:Emily Stratton]] | 4 comments
Photo: [[P:Kwame Mensah]] for The Daily Ledger
Story by [[P:Imogen Clarke]]; editing by [[P:Raúl Navarro]]
JUDGE [[P:PATRICIA OWENS]]: Counsel, approach the bench.
MR. [[P:HALLORAN]]: No further questions, Your Honor.
By: /s/ [[P:Jonathan R. Pierce]]
Prepared for [[P:Anita Desai]], Director of Operations
Assigned to: [[P:Vikram Singh]]
The deceased, [[P:Walter Kemp]], was 83.
"""

LOOKALIKES = """\
Open the project in Visual Studio and press F5.
Run the cells in Jupyter Notebook one by one.
Adobe Reader cannot open this file.
Install Android Studio before cloning the repository.
The data is stored in Microsoft Access.
We migrated from Jenkins to GitHub Actions last year.
Sentry caught the exception before users noticed.
Use Homebrew to install Python 3.12.
Apache Kafka handles the event stream.
The game runs on Unreal Engine 5.
Open Control Panel and select Device Manager.
Export the chart from Google Sheets as a PDF.
The Hugo static site generator builds the docs in milliseconds.
We deploy with Ansible and monitor with Grafana.
Blender crashed while rendering the scene.
Adobe Premiere Pro exports to H.264 by default.
The Jenkins pipeline failed at the test stage.
Django's ORM makes migrations easy.
Sublime Text opens large files quickly.
Windows Defender flagged the installer.
Photoshop Elements is cheaper than the full version.
The Mercedes-Benz Sprinter has a longer wheelbase.
She drives a Honda Civic and he drives a Ford Fiesta.
My Dell Inspiron won't boot after the update.
The Tesla Model Y was the best-selling car in Europe.
Siri mishears my address every time.
I use Obsidian for notes and Zotero for citations.
Ruby on Rails powers the admin site.
Rust and Julia are both fast enough for the solver.
The flight software is written in Ada.
Pascal and Fortran were taught in the 1980s.
Haskell's type system catches many bugs early.
Cassandra stores the click logs.
Maven builds the jar and Gradle builds the app.
Sphinx generates the docs from docstrings.
Hudson CI was forked into Jenkins in 2011.
Jupyter Lab and RStudio are both installed on the cluster.
Flask and Django are both fine for small APIs.
Tableau dashboards refresh every hour.
The Kindle Paperwhite battery lasts for weeks.
The concert is at Lincoln Center on Friday.
We met at Washington Square after lunch.
Flights to St. Louis were delayed by fog.
They climbed Ben Nevis in the rain.
Mount Kenya is the second-highest peak in Africa.
The ship docked at Port Elizabeth before dawn.
Traffic is heavy on the George Washington Bridge.
Take the train to Kennedy Airport and change at Howard Beach.
She studied at Johns Hopkins University.
The final is at Wembley Stadium.
Rockefeller Center's tree was lit on Wednesday.
Houston, Texas, saw record rainfall this spring.
Victoria Falls lies on the border of Zambia and Zimbabwe.
We took the ferry to Martha's Vineyard.
The hotel overlooks Lake Louise.
The conference moved to the Moscone Center.
Carnegie Hall sold out in minutes.
He grew up in San Jose and moved to Santa Clara.
Raleigh and Charlotte both gained population.
Mount Washington recorded a wind gust of 231 mph.
The Hoover Dam supplies power to three states.
Jefferson City is the capital of Missouri.
We landed at Charles de Gaulle at dawn.
The fire started near Madison Square Garden.
The Sydney Opera House was lit up in purple.
Elizabeth line trains run every five minutes.
Prince Edward Island is famous for potatoes.
Lake Victoria is shrinking.
The Kennedy Space Center delayed the launch.
Fort Collins is an hour north of Denver.
Stanford University announced new housing for students.
Prince George's County schools reopened on Monday.
Kings Cross is a ten-minute walk from the office.
The Smithsonian reopened its natural history wing.
The Lincoln Memorial was crowded on the Fourth of July.
Hurricane Katrina flooded most of the city.
The Edmund Fitzgerald sank in Lake Superior in 1975.
Storm Ciarán brought winds of 100 mph to the coast.
The Queen Mary 2 will dock in Southampton.
Tropical Storm Harvey stalled over Houston for days.
The James Webb Space Telescope sent back new images.
The Nobel Prize in Physics was announced today.
The Pulitzer Prize went to a small local paper.
The Marshall Plan rebuilt Western Europe.
The Hope Diamond is on display in Washington.
The Mary Rose was raised from the seabed in 1982.
Halley's Comet returns in 2061.
Typhoon Haiyan killed thousands in 2013.
The Rosetta Stone is in the British Museum.
The Stanley Cup final starts on Saturday.
The Ryder Cup will be played in New York.
Oscar nominations are announced next week.
The Emmy Awards were postponed.
The Tony Awards ceremony runs three hours.
She won a Fulbright scholarship to study in Ghana.
He was a Rhodes Scholar at Oxford.
Offices are closed on Martin Luther King Jr. Day.
Presidents' Day sales start on Friday.
The St. Patrick's Day parade was cancelled.
Ben & Jerry's launched a new flavour.
Grab a coffee at Tim Hortons on the way.
Dr. Pepper is sweeter than cola.
Marks & Spencer reported higher profits.
Johnson & Johnson recalled the sunscreen.
Procter & Gamble raised prices again.
We ordered from Papa John's last night.
Wendy's has a new breakfast menu.
Trader Joe's sells cheap flowers.
McDonald's opened its first franchise in 1955.
Louis Vuitton raised handbag prices by 10%.
Ralph Lauren shares fell 4% on Thursday.
Hugo Boss opened a flagship store in Milan.
Chick-fil-A is closed on Sundays.
Jack Daniel's is aged in charred oak barrels.
Walt Disney World is packed in July.
I used a Betty Crocker cake mix.
Wells Fargo closed the branch downtown.
Morgan Stanley upgraded the stock to overweight.
Goldman Sachs cut 3,000 jobs.
Charles Schwab lowered its trading fees.
Barnes & Noble is closing the store at the mall.
Harley-Davidson sales fell in the third quarter.
Ernst & Young audited the accounts.
Baskin-Robbins has 31 flavours.
Estée Lauder bought the skincare brand.
Mrs. Fields cookies are sold at the airport.
Kellogg's cereal prices rose again.
Aston Martin unveiled a new model in Geneva.
Rolls-Royce won an engine contract.
Merriam-Webster added 370 new words.
The Mayo Clinic ranked first again.
Kaiser Permanente nurses went on strike.
Duke University won the tournament.
Tommy Hilfiger sponsored the racing team.
Bayes' theorem gives the posterior probability.
Newton's laws describe the motion of bodies.
Dodd-Frank tightened the rules on banks.
By Moore's law, transistor counts double every two years.
Ohm's law relates voltage and current.
Apply L'Hôpital's rule to find the limit.
The proof relies on Fermat's Last Theorem.
Gödel's incompleteness theorems shook mathematics.
Murphy's law struck again.
The Sarbanes-Oxley Act requires annual audits.
Boyle's law says pressure and volume are inversely related.
The Glass-Steagall Act separated commercial and investment banking.
Use Dijkstra's algorithm to find the shortest path.
The Black-Scholes model prices European options.
Euler's identity is often called beautiful.
The Turing test is a poor measure of intelligence.
Markov chains model the weather in this example.
Fourier transforms convert signals to frequencies.
Hodgkin lymphoma is highly treatable.
Alzheimer's disease affects memory first.
Kirchhoff's current law applies at every node.
We read Pride and Prejudice in school.
Have you seen Forrest Gump?
Harry Potter and the Goblet of Fire is the longest film.
Jane Eyre was published in 1847.
Billy Elliot opens on Broadway next month.
Hamlet is staged in the park every summer.
Anna Karenina is a long book.
Oliver Twist was serialised monthly.
Annie Hall won Best Picture in 1978.
Frasier is back on TV.
Ted Lasso won another Emmy.
Jerry Maguire is on Netflix tonight.
Madame Bovary shocked its first readers.
Citizen Kane tops the list again.
I'm listening to Bohemian Rhapsody on repeat.
April showers bring May flowers.
June was the hottest month on record.
May is a busy month for weddings.
The store is closed on Sunday and Monday.
Sales rose in August and fell in September.
The deadline is April 30.
See you in June!
Rates will be reviewed in May.
March Madness starts next week.
Christmas Eve falls on a Tuesday this year.
Grant applications are due next week.
Will you send the report by Friday?
Rich people pay less tax, the study found.
Hope is not a strategy.
Bill payments can be made online.
Mark the box if you agree.
Pat the fish dry before frying.
Jack up the car before removing the wheel.
Frank discussions are needed on pay.
Sterling fell against the dollar.
Grace periods vary by lender.
Penny stocks are risky.
Chase the ball, not the player.
Dawn broke over the hills.
Ray tracing makes games look real.
Gene therapy is expensive.
## Getting Started\\n\\nInstall the package with pip.
Usage Notes\\n\\nThe function returns None on failure.
| Parameter | Type | Default |\\n| max_len | int | 512 |
Release Notes\\nVersion 2.1.0
Table 3. Mean Absolute Error by Model
Known Issues\\n- Memory leak on Windows when the cache is full
See Also: Data Loader, Batch Sampler
Returns\\n-------\\nDataFrame\\n    Filtered rows.
| Name | Description |\\n| Grant Type | The OAuth flow to use |
Field Name | Field Type | Required
Advanced Configuration Options
Step 2: Configure Network Settings
Troubleshooting Common Errors
Figure 2: Training Loss Over Time
Appendix B: Glossary of Terms
Contact Support | Privacy Policy | Terms of Service
Home > Products > Kitchen > Carving Knives
| Region | Owner | Status |\\n| North America | Sales Ops | Active |
Author Guidelines\\n\\nManuscripts must be under 8,000 words.
### Parameters\\n\\n- **Max Retries**: how often to retry.
WARNING: DO NOT OPERATE WITHOUT SAFETY GUARD
TERMS AND CONDITIONS APPLY
CHAPTER ONE: THE LONG ROAD HOME
BREAKING NEWS: MARKETS TUMBLE AT THE OPEN
FREE SHIPPING ON ORDERS OVER $50
LINCOLN CENTER PRESENTS A JAZZ EVENING
HURRICANE KATRINA: TEN YEARS LATER
ALL SALES FINAL
NO PARKING FRIDAY THROUGH SUNDAY
JOHNSON & JOHNSON SETTLES LAWSUIT
GRAND OPENING SALE THIS WEEKEND
MICROSOFT VISUAL STUDIO ENTERPRISE 2022
ST. LOUIS CARDINALS WIN IN EXTRA INNINGS
KEEP OUT PRIVATE PROPERTY
WASHINGTON SQUARE PARK CLOSED FOR REPAIRS
See RFC 7231, Section 6.5.1.
Dates follow ISO 8601.
U.S. Const. art. I, § 8.
Claims arise under 42 U.S.C. § 1983.
The motion was brought under Fed. R. Civ. P. 12(b)(6).
[1] IEEE Std 754-2019.
Source: Bureau of Labor Statistics, 2023.
Adapted from the World Health Organization (2021).
See Table 2 and Figure 5 above.
Proc. Natl. Acad. Sci. USA 117(4), 2020.
Journal of Applied Physics, Vol. 12, pp. 44-51.
Manchester United beat Aston Villa 2-0.
The Orlando Magic signed a new point guard.
The Houston Rockets lost at home.
The Salvation Army is collecting coats.
The Boston Celtics won the title.
Everton and Millwall drew 1-1.
Wall Street closed higher on Friday.
The Victoria Cross is the highest award for gallantry.
The Elgin Marbles remain in London.
Add a dash of Tabasco to the sauce.
Order the Caesar salad and the Reuben.
The Ferris wheel was closed for repairs.
Bunsen burners must be switched off after class.
She keeps her notes in a Moleskine notebook.
A Phillips screwdriver is needed for the back panel.
The Hubble Space Telescope captured the image.
The Golden Gate Bridge was shrouded in fog.
The Louvre Abu Dhabi opened in 2017.
The Lincoln Tunnel was closed for an hour.
The Vasco da Gama Bridge is the longest in Europe.
"""

#: one item a line; "\\n" inside an item stands for a line break in its text
NAMES = [line.replace("\\n", "\n") for line in NAMES.splitlines()]
LOOKALIKES = [line.replace("\\n", "\n") for line in LOOKALIKES.splitlines()]

#: measured before this helper's rules (655c64f): recall 0.859 / 0.871 (dev / held) at precision
#: 1.0 / 0.988, look-alike lines with a PERSON finding 11 / 14 of 131 / 131; after the look-alike rules
#: (tests/test_pii_person_en9_rules.py): look-alike lines 5 / 11; with a month greeted at a line's start and a
#: month surname after a title: recall 0.869 / 0.871 at precision 1.0 / 0.988
RECALL_DEV, RECALL_HELD = 0.86, 0.87
LOOKALIKES_FLAGGED_DEV, LOOKALIKES_FLAGGED_HELD = 5, 11


test_set_sizes, test_names, test_lookalikes = held_out_tests(
    NAMES,
    LOOKALIKES,
    "PERSON",
    sizes=(150, 200),
    recall=(RECALL_DEV, RECALL_HELD),
    flagged=(LOOKALIKES_FLAGGED_DEV, LOOKALIKES_FLAGGED_HELD),
    # lines with a PERSON finding (this set's entity; an ADDRESS finding is the address sets' to judge)
    flag=("PERSON",),
)


if __name__ == "__main__":
    print_halves(NAMES, LOOKALIKES, "PERSON")
