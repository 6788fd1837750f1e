# ruff: noqa: E501
"""Eighth hand-written English ADDRESS set (#16, helper address_en8), written in full before any rule
was changed for it, in the forms issue 16's held-out evaluation asks for and the forms an independent set
still missed (by kind only): Irish addresses (townlands, "Co. Cork", Eircodes, often no house number),
addresses in news sentences, in complaints and reviews written in lower case without a postcode, inside
long documents (letters, reports, pages: ``⏎`` stands for a line break), a house number before a one-word
street with no type ("2230 Broadway"), and US, UK, Canadian, Australian, New Zealand, Indian and Singapore
addresses in listings, invoices, contact pages and letters. Look-alikes: TV shows, films and songs named
after streets, "Route 66", version numbers, times, prices, sports scores, court citations, counts.

Convention (that of tests/test_pii_address_blind6.py): an address is marked whole from its largest unit
down to the room, flat or postcode (and the country when written inline); recipients, landmarks and
institutions named after the number are left out; a bare city, county or district alone is no address;
a street alone or a junction is a (partial) address. A span cannot hold a line break (``tests/pii_marked.py``):
in an address block only its first line is marked (scoring is by overlap).

Lines are split in two: even lines (0, 2, ...) were used to develop rules, odd lines are the held-out
half, looked at only for the score. Scoring is that of tests/pii_marked.py (a gold span is
found when an ADDRESS finding overlaps it).

    python -m tests.test_pii_address_en8_blind   # prints both halves' figures and the even misses
"""

from __future__ import annotations

from tests.pii_marked import (
    check_distinct,
    check_flagged,
    check_halves,
    check_marked_sets,
    print_address_halves,
)

ADDRESSES = [
    line.replace("⏎", "\n")
    for line in """\
Please post the signed lease to [[A:Knockanree, Ballinhassig, Co. Cork, P43 YX27]] by Friday.
The farm at [[A:Gortnaclohy, Skibbereen, Co. Cork]] was sold at auction for €410,000.
Deliver to: [[A:Ardmore House, Cloonfad, Ballyhaunis, Co. Mayo F35 E2W7]]
Our shop is at [[A:Main Street, Ennistymon, Co. Clare V95 KX20]].
Send correspondence to [[A:14 Seafield Road, Clontarf, Dublin 3, D03 P6K2]].
The gardaí were called to a house in [[A:Ballymacarbry, Co. Waterford]] on Monday night.
Our family home, [[A:Derrylahan, Ballyconnell, Co. Cavan]], has been in the family for 200 years.
Apply in writing to [[A:The Secretary, Kilcoole Community Centre, Main Street, Kilcoole, Co. Wicklow A63 HW22]].
Registered address: [[A:Unit 4, Ballycoolin Business Park, Blanchardstown, Dublin 15, D15 R9T1]]
My eircode is [[A:R95 F8K3]] and the house is the yellow one past the church.
Rent a cottage at [[A:Cloghane, Dingle Peninsula, Co. Kerry]] this summer.
The clinic has moved to [[A:22 O'Connell Street, Limerick V94 T2YX]].
Address: [[A:Tullyvin, Cootehill, Co Cavan H16 DK70]]
A fire broke out at a derelict property on [[A:Bridge Street, Westport]] early on Sunday.
Return completed forms to [[A:Revenue Commissioners, PO Box 12, Dungarvan, Co. Waterford]].
Please note our new address: [[A:3 Church View, Athenry, Co. Galway H65 R2D7]].
Viewing by appointment at [[A:Carrowkeel, Ballymote, Co. Sligo F56 H9P4]].
The creamery at [[A:Lisnagry, Co. Limerick]] closed in 1986.
She lives in [[A:Apartment 12, The Granary, Mill Road, Midleton, Co. Cork]].
Ship to [[A:Unit 7B, Sandyford Industrial Estate, Dublin 18]] before Christmas.
The bungalow at [[A:Ballinroad, Dungarvan, Co. Waterford X35 KD82]] is for sale by private treaty.
Contact the parish office, [[A:Parochial House, Newtownforbes, Co. Longford]].
Our B&B is [[A:Rossbeigh, Glenbeigh, Co. Kerry V93 C2X5]], ten minutes from the beach.
Write to me at [[A:Knockroe, Castlerea, Co. Roscommon]].
The accident happened on the [[A:N25 near Killeagh]], gardaí said.
A man was injured in an assault on [[A:Shop Street in Galway]] on Saturday.
Police sealed off [[A:Elm Grove]] in Hackney after the shooting.
Two people were taken to hospital after a crash at [[A:Lyndale Avenue and 26th Street]] in Minneapolis.
A 34-year-old woman was stabbed at a house on [[A:Harcourt Terrace]] last night.
Firefighters tackled a blaze at a warehouse on [[A:Bermondsey Wall East]] on Thursday.
Officers were called to [[A:Glenfield Road, Leicester]], at about 21:40 BST.
The robbery took place at a convenience store on [[A:Dorchester Avenue]] around 3 a.m.
Residents of [[A:Fairview Crescent]] in Portadown were evacuated after a suspicious device was found.
The victim was found in the 2300 block of [[A:South Kedzie Avenue]], police said.
A gas leak forced the closure of [[A:Deansgate]] between Peter Street and Quay Street.
The home at [[A:4117 Lindell Blvd]] was raided by federal agents on Tuesday.
A sinkhole opened up on [[A:Collins Avenue]] in Miami Beach overnight.
The suspect was arrested outside his home on [[A:Kelvin Way]], Glasgow.
Emergency crews responded to a collapse at [[A:85 Merrion Square]] shortly after noon.
A water main burst flooded [[A:Yonge Street]] near Bloor on Monday morning.
The driver struck a parked car on [[A:Lawrence Avenue East]] in Scarborough.
Detectives are appealing for witnesses to an incident on [[A:Castle Street, Dudley]].
Two men were charged after drugs were found at a flat in [[A:Wilton Road]], Pimlico.
Shots were fired near [[A:Flatbush Avenue and Church Avenue]] on Saturday.
The blaze started in the kitchen of a terraced house in [[A:Alma Street, Eastleigh]].
The landlord still hasnt fixed the boiler at [[A:14 grange park avenue]] three weeks later
worst takeaway ever, they delivered to [[A:22 oak lane]] instead of 22 oak close and wouldnt refund
parking outside [[A:18 mill st]] is a nightmare since they put the bollards in
my parcel was left at [[A:117 ashgrove road]] with no photo, never arrived
the council bins at [[A:43 kingsway]] havent been emptied for a month
avoid this agency, the flat at [[A:9b elm court, whitby road]] had mould everywhere
builder never finished the extension at [[A:6 the paddocks, little haywood]], still waiting
noise every night from the pub at [[A:2 market square]], complained 4 times
i live at [[A:31 primrose hill drive]] and the streetlight has been out since june
the bus stop outside [[A:205 high st]] was removed without any notice
no water at [[A:12 cedar close]] since yesterday morning, anyone else on the street?
they quoted £300 then charged £520 for the job at [[A:4 beech avenue]]
the dog on [[A:willow way]] barks all night, the owner ignores every letter
delivery driver threw my parcel over the gate at [[A:88 station road]] and it broke
potholes on [[A:church lane]] are getting dangerous, nearly lost a tyre
Dear Ms Walsh,⏎⏎Thank you for your letter of 3 May. I confirm that your application for planning permission at [[A:Lisheen, Ballinamult, Co. Tipperary]] has been received.⏎⏎Yours sincerely
MINUTES OF THE ANNUAL GENERAL MEETING⏎Held at the Community Hall, [[A:Church Road, Ballinteer]] on 12 March.⏎Present: eleven members.
Report on the inspection carried out on 4 June.⏎The premises at [[A:Unit 3, Kilbarry Industrial Park, Waterford]] were found to be clean and in good order. No further action is required.
From the desk of the Director⏎⏎Our offices will close on Friday. From Monday please direct all post to our new premises at [[A:Level 2, 90 Collins Street, Melbourne VIC 3000]]. Phone numbers stay the same.
NOTICE OF SALE⏎The property known as [[A:27 Beaumont Drive, Cork, T12 X5P8]] will be sold by public auction on 20 July at 3pm.⏎Solicitor: J. Byrne & Co.
Dear Sir or Madam,⏎⏎I am writing to complain about the repair work done at my home, [[A:41 Cherrywood Avenue, Bangor BT19 6FA]], in April. The roof still leaks.⏎⏎Regards,⏎Alan Hughes
About us⏎We are a family-run bakery founded in 1972.⏎Find us⏎[[A:12 Quay Lane]]⏎Kinsale⏎Co. Cork⏎P17 RD60⏎Open 8am to 6pm daily.
Job posting: Warehouse operative. Location: [[A:Unit 9, Greenogue Business Park, Rathcoole, Co. Dublin]]. Hours: 40 per week. Pay: €14.50/hour.
TERMS AND CONDITIONS⏎1. These terms are issued by Harbour Supplies Ltd, whose registered office is at [[A:Harbour Road, Howth, Co. Dublin D13 W2K7]].⏎2. All prices exclude VAT.
Quarterly report, Q3.⏎The Belfast branch moved in August from Donegall Place to [[A:45 Victoria Street, Belfast BT1 4QF]]. Sales were up 6% on the quarter.
Hi all,⏎Just a reminder that Sunday's barbecue is at our place, [[A:16 Wattle Grove, Brunswick]]. Bring a chair!⏎Cheers, Tom
Wedding invitation⏎Ceremony at 2pm, St Mary's Church, followed by the reception at [[A:Ballyseedy Castle, Tralee, Co. Kerry]].⏎RSVP by 1 May.
Statement of account⏎Customer: P. Doyle⏎Service address: [[A:8 Rathmore Park, Naas, Co. Kildare W91 F6E3]]⏎Amount due: €86.40
Press release, 2 February⏎Greenline Energy today opened its new headquarters at [[A:200 Water Street, St. John's, NL A1C 1B6]], creating 60 jobs.
To whom it may concern,⏎This is to certify that Mr. R. Sharma has resided at [[A:Flat 302, Sai Residency, 4th Cross, Indiranagar, Bengaluru 560038]] since 2019.
The flagship store at [[A:2230 Broadway]] reopens next week.
Meet us at [[A:1600 Amphitheatre]] for the open day.
The deli at [[A:350 Bowery]] has the best pastrami.
Our studio moved to [[A:77 Massachusetts]] in the spring.
Protesters gathered outside [[A:1 Kingsway]] on Monday.
The gallery is at [[A:548 West 22nd]], Chelsea.
We used to live at [[A:84 Charing Cross]] near the bookshops.
The restaurant at [[A:15 Piccadilly]] closes at midnight.
She bought the condo at [[A:432 Park]] for $16 million.
The theater at [[A:1564 Broadway]] is dark until fall.
Package returned: [[A:1110 Embarcadero]] refused delivery.
The bar at [[A:66 Bowery]] was shut by the health department.
Bids go to [[A:900 Lakeshore]] by 5 pm.
He was spotted leaving [[A:740 Park]] on Sunday.
Our pop-up is at [[A:2 Strand]] through December.
Ship to: [[A:4827 Ridgeview Drive, Apt 210, Boise, ID 83709]]
Property tax bill for [[A:1190 Magnolia Ave, Chico, CA 95926]]
The home at [[A:3318 Old Shell Road, Mobile, Alabama 36607]] listed at $289,000.
Directions: take I-95 to exit 12, the office is at [[A:75 Commerce Drive, Suite B, Milford, CT 06460]].
Jury duty summons returned from [[A:PO Box 4471, Santa Fe, NM 87502]].
The clinic relocated to [[A:1801 N Highland Ave, Hollywood, CA 90028]].
Remit payment to [[A:Dept 5512, PO Box 98765, Pittsburgh, PA 15264-0001]].
Return address: [[A:52 W 8th St Apt 4F, New York, NY 10011]]
Come visit the farm stand at [[A:6690 County Road 12, Waconia, MN 55387]].
The cabin at [[A:HC 65 Box 219, Kingston, AR 72742]] has no phone.
The suspect's last known address was [[A:2720 Mission St, San Francisco]].
Our warehouse: [[A:W2310 Industrial Dr, Appleton, WI 54914]]
The church at [[A:611 Sixth St. NE, Washington, DC 20002]] hosts the food bank.
Tenant: J. Ortiz, [[A:925 E Rosecrans Ave #3, Compton, CA 90221]]
Lot 14, [[A:Quail Hollow Estates, 18 Covey Lane, Pinehurst, NC 28374]] - 0.5 acres.
Visit our showroom at [[A:4400 Main Street, Kansas City, MO 64111]].
The wedding is at [[A:The Barn at Willow Creek, 905 Creek Rd, Lititz, PA 17543]].
Vote at [[A:Lincoln Elementary, 1500 Lincoln Ave, Evanston, IL 60201]] on Tuesday.
Please remit to [[A:Box 771, Wasilla, AK 99687]].
Flat to let: [[A:Flat 5, 19 Pembroke Road, Clifton, Bristol BS8 3BB]], £1,150 pcm.
Company registered office: [[A:2nd Floor, 7 Albion Place, Maidstone, Kent ME14 5DY]]
The surgery has moved to [[A:The Health Centre, Bridge Street, Otley LS21 1BQ]].
Deliveries to [[A:Ashcombe Farm, Ashcombe Lane, Kingston, Lewes BN7 3JZ]] via the side gate.
Your parcel is waiting at [[A:Post Office, 5 Fore Street, St Ives TR26 1AB]].
Please send the cheque to [[A:12a Windsor Terrace, Penarth CF64 1AA]].
The bistro at [[A:3 Grassmarket, Edinburgh EH1 2HS]] serves haggis all day.
I rent a room at [[A:44 Cowley Road, Oxford]] for the term.
Send complaints to [[A:Customer Relations, Freepost RTKX-ABCD, Sheffield S9 2RX]].
He moved to [[A:Flat 0/2, 17 Dumbarton Road, Glasgow G11 6PR]] last year.
Viewings at [[A:Lilac Cottage, The Green, Ewelme, Wallingford OX10 6HS]] on Saturdays.
The hall at [[A:Victoria Hall, 2 Queen Street, Stranraer DG9 7HJ]] can be booked online.
Returns: [[A:Unit 6, Brook Park, Shirebrook, Mansfield NG20 8RY]]
Write to us at [[A:13 Rue Cartier, Montréal, QC H2X 1L9]] for a catalogue.
Mail to: [[A:1101 Robson Street, Unit 905, Vancouver, BC V6E 1B5]]
The bakery at [[A:275 Queen St W, Toronto, ON M5V 1Z9]] sells out by noon.
Send the forms to [[A:PO Box 2020, Station Main, Edmonton AB T5J 2T6]].
Our cottage is at [[A:R.R. 3, Site 12, Comp 4, Kentville, NS B4N 3V9]].
The office at [[A:155 Carlton Street, Suite 1700, Winnipeg, Manitoba R3C 3H8]] is closed on Fridays.
He lived at [[A:88 Water St, Charlottetown, PE C1A 1A5]] for ten years.
The dépanneur at [[A:4210 boul. Saint-Laurent, Montréal, QC H2W 1Z3]] is open late.
Please send to [[A:Unit 3/14 Railway Parade, Burwood NSW 2134]].
Deliver to [[A:42 Wallaby Way, Sydney NSW 2000]] by Friday.
The café at [[A:Shop 2, 51 Hindley Street, Adelaide SA 5000]] closed.
Postal address: [[A:PO Box 1033, Fremantle WA 6959]]
The farmhouse at [[A:1450 Bruce Highway, Gin Gin QLD 4671]] sits on 40 acres.
We moved to [[A:7/22 Acland Street, St Kilda VIC 3182]] last month.
Invoices to [[A:Locked Bag 5000, Parramatta NSW 2124]].
The clinic at [[A:Level 3, 100 Elizabeth Street, Hobart TAS 7000]] bulk-bills.
Mail to [[A:18 Ponsonby Road, Grey Lynn, Auckland 1021]].
The bach at [[A:12 Marine Parade, Paraparaumu Beach 5032]] sleeps six.
Send to [[A:PO Box 5014, Lambton Quay, Wellington 6140]].
The orchard at [[A:RD 3, Motueka 7198]] takes pickers in March.
Our office: [[A:Level 5, 120 Featherston Street, Wellington 6011]]
She lives at [[A:27 Tuam Street, Christchurch Central, Christchurch 8011]].
Deliver to [[A:H. No. 8-2-293/82/A, Road No. 36, Jubilee Hills, Hyderabad 500033]].
Our branch: [[A:Plot No. 17, Sector 44, Gurugram, Haryana 122003]]
Send the documents to [[A:B-204, Lodha Paradise, Majiwada, Thane West, Maharashtra 400601]].
Office: [[A:3rd Floor, Prestige Towers, 99 Residency Road, Bengaluru 560025]]
Ship to [[A:No. 45, 2nd Main Road, Gandhi Nagar, Adyar, Chennai 600020]].
The shop is at [[A:Shop No. 6, Shivaji Market, Sadashiv Peth, Pune 411030]].
Courier to [[A:D-12, Sector 63, Noida 201301]].
Head office: [[A:14, Park Street, Kolkata 700016]]
Send to [[A:10 Anson Road, #27-15 International Plaza, Singapore 079903]].
Our clinic: [[A:Blk 201 Tampines Street 21, #01-1133, Singapore 520201]]
Visit us at [[A:1 Raffles Place, #44-01, Singapore 048616]].
Deliver to [[A:Blk 456 Jurong West Street 41, #08-220, Singapore 640456]].
Office: [[A:80 Robinson Road, #10-01A, Singapore 068898]]
Contact us⏎Phone: 01 555 0199⏎Email: hello@example.ie⏎Address: [[A:Unit 2, Block C, Liffey Valley Office Campus, Dublin 22]]
Find us: [[A:The Old Forge, Main Street, Adare, Co. Limerick V94 X2Y6]] | Open 9-5
Our address is [[A:Cill Chiaráin, Co. na Gaillimhe]] and we speak Irish at home.
Please ship my order to [[A:Lough Eske, Donegal Town, Co. Donegal F94 W8K2]].
The parish hall, [[A:Kilmeena, Westport, Co. Mayo]], hosts bingo on Thursdays.
Send the invoice to [[A:Dromahair Road, Manorhamilton, Co. Leitrim]].
The garage at [[A:Ballyhale, Co. Kilkenny R95 W6K1]] does NCT prep.
Our guesthouse, [[A:Cloonagh, Mullaghmore, Co. Sligo]], is open all year.
Contact: [[A:Tinure, Monasterboice, Drogheda, Co. Louth A92 F6T4]]
Residents on [[A:Ballymun Road]] in Dublin complained about the works for months.
A man in his 40s died after a collision on the [[A:R445 at Castletroy]], Co. Limerick.
Gardaí are investigating a burglary at a house in [[A:Oranmore, Co. Galway]] on Tuesday.
The council will resurface [[A:Patrick Street]] in Fermoy next month.
two years of damp at [[A:flat 3, 27 clarence st]] and the landlord just paints over it
got a parking ticket outside my own house at [[A:59 rosehill road]], ridiculous
the shop at [[A:10 the crescent]] sold me out of date milk twice
please fix the streetlight on [[A:hawthorn drive]], kids walk home in the dark
Our 3-bed semi at [[A:17 Orchard Close, Leixlip, Co. Kildare]] is back on the market.
The 911 call came from [[A:6 Laurel Court]] just before midnight.
Sheriff's deputies responded to [[A:1200 Bay Street]] after reports of gunfire.
The property at [[A:Rathcoffey, Co. Kildare]] includes 12 acres of paddocks.
The store at [[A:1701 Lexington]] has closed for good.
Her first flat was at [[A:22 Moorhouse]], off Ringsend Road.
The new branch is at [[A:9 Fitzwilliam]] in the heart of Dublin 2.
Consignee: K. Tan, [[A:25 Changi South Avenue 2, #03-01, Singapore 486594]]
Bill to⏎Acme Cleaning Ltd⏎[[A:Unit 12]]⏎Parkmore Business Park West⏎Galway⏎H91 P2DE⏎Invoice no. 00417
MEMO⏎Re: office move⏎From 1 September the finance team will sit at [[A:4th floor, 33 Sir John Rogerson's Quay, Dublin 2]]. Please update your signatures.
Customer review: Stayed at the guesthouse on [[A:Strand Road, Ballybunion]] for three nights, lovely views, cold showers.
Nearest stockist: [[A:McCarthy's Hardware, Main St, Bantry, Co. Cork]]
The cattle mart at [[A:Ballyjamesduff, Co. Cavan]] reopens in spring.
Lost dog near [[A:Knocknacarra Road]], Salthill, answers to Bran.
Write to the editor at [[A:PO Box 74, Letterkenny, Co. Donegal]].
A cyclist was seriously injured on [[A:Ranelagh Road]] on Wednesday morning.
The shooting occurred near [[A:Marcy Avenue and Myrtle Avenue]] in Bedford-Stuyvesant.
Flooding closed [[A:Riverside Drive]] in Ottawa for the second day.
A lorry overturned on [[A:Lisburn Road]] in Belfast, blocking both lanes.
cockroaches in the kitchen at [[A:3 albert road]], do NOT rent from them
the estate agent for [[A:41 beechwood close]] never returned the deposit
Dear Resident,⏎⏎Water supply to [[A:Ashfield Lawn]] and nearby streets will be interrupted on 9 May from 9am to 1pm.⏎⏎Uisce Éireann
Application No. 23/4417: Permission for a two-storey extension at [[A:Ard Na Gréine, Clonakilty, Co. Cork P85 TY21]].
Programme⏎10:00 Welcome⏎10:30 Keynote⏎Venue: [[A:Croke Park Conference Centre, Jones's Road, Dublin 3]]⏎Lunch is provided.
The new café at [[A:410 Fulton]] does great croissants.
Our studio is at [[A:85 Spadina]], second floor.
Send returns to [[A:Fulfilment Centre, 1 Amazon Way, Dunstable LU5 4FE]].
Consignee address: [[A:Rm 1203, 12/F, Tower 1, Times Square, 1 Matheson Street, Causeway Bay, Hong Kong]]
The retreat is at [[A:Glenmore, Kilmacthomas, Co. Waterford]], off the R677.
Please forward my mail to [[A:27 Elgin Road, Ballsbridge, Dublin 4]].
The house at [[A:Cnoc Rua, Spiddal, Co. Galway]] has sea views.
Our sales team is based at [[A:2 Grand Canal Square, Dublin 2, D02 A342]].
Police said the incident happened on [[A:Commercial Road]] in Whitechapel at 4pm.
A vigil was held outside the home on [[A:Maple Street]] where the family died.
Hotel review: lovely stay at the inn on [[A:Main Street, Castlecomer]], staff were great.
Mail to [[A:Box 38, Site 4, RR 1, Lacombe, AB T4L 2N1]].
""".splitlines()
]

LOOKALIKES = """\
We binge-watched 21 Jump Street and then the sequel 22 Jump Street.
The film 84 Charing Cross Road stars Anne Bancroft.
Get your kicks on Route 66 is a 1946 song.
Penny Lane and Strawberry Fields Forever were released on one single.
The show Coronation Street has run since 1960.
She starred in 90210 and Melrose Place in the nineties.
Sesame Street celebrates its 50th season this year.
The band played Baker Street by Gerry Rafferty as an encore.
Miracle on 34th Street is on TV every Christmas.
Nightmare on Elm Street 3 was released in 1987.
Upgrade to version 12.4 Main Branch before Monday.
Python 3.11 Release Notes are online.
Kernel 6.8 Stable Series ended support last week.
The match ended 3-1 at Anfield on Saturday.
Leinster beat Munster 27 to 14 at the Aviva.
Kilkenny 2-22 Tipperary 1-19, the All-Ireland final.
The Lakers won 112-108 in overtime.
Meeting at 10:30 in Room 4 on the third floor.
The train leaves at 14:45 from Platform 9.
Tickets cost $45 each, or 3 for $120.
Prices start at €12.99 per month.
See Brown v. Board of Education, 347 U.S. 483 (1954).
The court cited Donoghue v Stevenson [1932] AC 562.
Roe v. Wade, 410 U.S. 113, was overturned in 2022.
See 42 U.S.C. § 1983 for the remedy.
The ruling in [2019] IESC 65 concerned planning law.
Section 12 Part 3 of the Act applies.
Over 2500 Marathon Runners crossed the line.
We planted 300 Oak Trees along the river.
Chapter 7 Street Art in the City.
Read Psalm 23 Verse 4 aloud.
The N7 Motorway was closed for resurfacing works in 2019.
Take Exit 14 Boulevard Ramp.
Apollo 11 Landed in 1969.
Studio 54 Opened in 1977.
The Tour de France Stage 17 Route crosses the Alps.
Wall Street rallied after the Fed decision.
He works in Fleet Street as a journalist.
Downing Street declined to comment.
Harley Street clinics charge a lot.
The Abbey Road album cover is famous.
We watched Hollyoaks and EastEnders back to back.
The novel 1984 was published in 1949.
The cook book 101 Easy Dinners sold well.
She scored 18 points and 9 rebounds.
Order 3 Large Pizzas for delivery.
Model 3 Long Range costs $47,000.
Boeing 737 Max jets were grounded.
The Galaxy S24 Ultra has a 200 MP camera.
Flight 370 Disappeared in 2014.
Windows 11 Pro costs more than Home.
iOS 17.2 Update fixes the bug.
Form 1040 Schedule C is for the self-employed.
Box 12 Code D shows your 401(k) contributions.
Page 44 Line 7 has a typo.
Temperatures hit 31 Degrees in Cork yesterday.
The 7 Deadly Sins were listed.
He ran 5 Miles before breakfast.
Population 4,500 Village of the year award.
The Cork Jazz Festival runs from 25 to 28 October.
Co. Cork beat Co. Kerry in the Munster final.
She moved to Galway after college.
He grew up in County Mayo and now lives abroad.
Dublin 2 to 1 Galway was the final score in the league.
Pier 39 Sea Lions attract tourists.
Area 51 Conspiracy theories abound.
Terminal 5 Check-in opens at 4am.
The book Mrs Dalloway is set in Bond Street and Regent's Park.
Pantone 2230 Broadway Blue is this year's colour.
The 1600 Series Amphitheatre speakers are on sale.
Article 5 Paragraph 2 of the treaty.
Clause 14 Termination applies.
The Blue Jays beat the Yankees 5-4 on Tuesday.
Interstate 80 Traffic was backed up for miles.
Call 555-0142 Monday to Friday.
Unit 731 Documentary aired on Sunday.
Gate 22 Boarding closes 20 minutes before departure.
The recipe needs 250 g flour and 2 eggs.
The M50 toll is €2.10 for a car.
Check in at 3pm, check out at 11am.
He was born in 1965 in Limerick.
Version 2.4.1 Hotfix Road map is published.
She sang Streets of Philadelphia at the gala.
The 39 Steps is a Hitchcock film.
They scored 2 Goals in 3 Minutes.
Episode 9 Rose Street is the season finale.
The TV drama Brookside ran on Channel 4.
Our Grand Designs episode features a house in Wicklow.
""".splitlines()


def test_set_sizes():
    check_marked_sets(ADDRESSES, LOOKALIKES, 200, 80)
    check_distinct(ADDRESSES, LOOKALIKES)


#: Floors a little under the figures measured after this set's rules (recall even, odd; before them: 0.619 /
#: 0.552; after: 0.990 / 0.848; precision 1.0 before and after).
FLOORS = (0.97, 0.83)


def test_blind_recall_and_precision(pii_annotator):
    check_halves(pii_annotator, ADDRESSES, "ADDRESS", FLOORS, 0.98)


def test_blind_lookalikes(pii_annotator):
    check_flagged(pii_annotator, LOOKALIKES, "ADDRESS", 0, ("ADDRESS",))


if __name__ == "__main__":
    print_address_halves([("en", ADDRESSES)], [("en look-alikes", LOOKALIKES)])
