# ruff: noqa: E501
"""Ninth hand-written English ADDRESS set (#16, helper address_en9), written in full before any rule
was changed for it, in the forms an independent set still missed (by kind only: streets named alone in
news, Indian addresses without a PIN code, UK flats and floors with a locality but no postcode,
Australian and New Zealand unit/number slashes, P.O. boxes and rural routes, addresses split over lines
in letters and signatures, lower-case addresses in chat) and the usual US, UK, Irish, Canadian,
Australian, New Zealand, Indian and Singapore forms in news, complaints, letters, listings, invoices,
contact pages and signatures. Look-alikes: shows, songs and films named after streets, "Route 66",
"Wall Street" the market, "Downing Street said", version numbers, times, prices, scores (a bowler's
3/45), court citations, "Sector 7" in games, phases and sectors of plans, box offices and game boxes.

Convention (that of tests/test_pii_address_blind6.py and test_pii_address_en8_blind.py): an address is
marked whole from its largest unit down to the room, flat or postcode (and the country when written
inline); recipients, landmarks and institutions named after the number are left out; a bare city,
county or district alone is no address; a street alone or a junction is a (partial) address. A span
cannot hold a line break (``tests/pii_marked.py``): in an address block only its first line is marked
(scoring is by overlap); ``⏎`` stands for a line break.

Lines are split in two: even lines (0, 2, ...) are used to develop rules, odd lines are the held-out
half, looked at only for the score.

    python -m tests.test_pii_address_en9_blind   # both halves' figures and the even misses
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
Police were called to a flat on [[A:Deansgate]] shortly after midnight on Saturday.
A man was stabbed outside a shop in [[A:Kings Road, Chelsea]], on Friday evening.
Firefighters tackled a blaze at a terraced house on [[A:Moss Lane]] in Hale.
The cafe on [[A:Church Street]] will reopen next month under new owners.
Residents of [[A:Albert Road]] have complained about parking for years.
A pedestrian was hit by a van on [[A:Harehills Lane]] yesterday evening.
Scaffolding collapsed onto cars parked along [[A:Victoria Parade]] during the storm.
The bakery at the corner of [[A:Queen Street and Bay Street]] has closed for good.
Armed police surrounded a house in [[A:Tennyson Avenue]], Grimsby, for six hours.
The council will resurface [[A:Stanley Road]] between the school and the park.
A sinkhole opened up on [[A:Marsh Lane]] in Bootle on Tuesday.
Two men were arrested after a raid on a property in [[A:Cromwell Street]].
Traffic was diverted after a water main burst on [[A:Ormeau Road]].
She ran a corner shop on [[A:Lozells Road]] for thirty years before retiring.
Police are appealing for witnesses to a robbery at a bookmaker's on [[A:Commercial Road]], Whitechapel.
Neighbours on [[A:Elmwood Avenue]] said they heard shouting before the fire started.
A car hit a lamppost on [[A:Yonge Street]] near Eglinton early Sunday.
The body was found in a flat above a takeaway on [[A:Stapleton Road]].
A gas leak forced the evacuation of homes on [[A:Brunswick Street]] in Glebe.
The shooting happened in the [[A:1200 block of West Polk Street]] around 9 p.m.
Officers found the stolen car abandoned on [[A:Glenpark Drive]] the next morning.
The flooding was worst on [[A:Riverside Walk]], where water reached the front doors.
A 74-year-old woman died after a fall at her home in [[A:Lodge Crescent]], Waltham Cross.
Bin collections on [[A:Penrhyn Road]] are suspended until further notice.
A protest was held outside a hotel on [[A:Bath Road]] in Hounslow on Saturday.
The taxi driver was attacked in [[A:Cheetham Hill Road]] at about 2am.
A fox was rescued from a storm drain on [[A:Ferndale Close]] by the RSPCA.
Roadworks on [[A:Hills Road]] in Cambridge will last six weeks.
A cyclist was seriously injured at the junction of [[A:George Street and Pitt Street]].
The family had lived on [[A:Sycamore Drive]] since the estate was built.
Ship to: [[A:H.No. 14-3-201, Shanti Nagar, Hyderabad]]
Courier for [[A:House No. 221, Sector 15, Faridabad]], call before delivery.
[[A:Flat 302, Sai Krupa Apartments, Ameerpet, Hyderabad]] - 2BHK available for rent from June.
Our office: [[A:12, 3rd Cross, Indiranagar 2nd Stage, Bengaluru]]
Visit us at [[A:Plot No. 45, Phase II, Electronic City, Bangalore]] between 10 and 6.
Registered address: [[A:B-204, Vasant Kunj, New Delhi]]
My address is [[A:45/2, Gandhi Colony, Muzaffarnagar]], please send the form there.
The new branch is at [[A:C-56, Sector 62, Noida]], near the metro station.
Delivery address: [[A:No. 18, 5th Main, HSR Layout, Bengaluru]]
[[A:Shop No. 7, Lajpat Nagar Market, New Delhi]] sells these at half the price.
Correspondence address: [[A:Door No. 9-1-112, Gandhi Road, Vijayawada]]
He rents a room at [[A:House No. 1123, Phase 10, Mohali]] with two friends.
Bill to: [[A:Flat No. 5B, Green Park Enclave, Kolkata]]
We shifted to [[A:D-12, Malviya Nagar, Jaipur]] last month.
Allotted quarter: [[A:Quarter No. 33, Railway Colony, Bhusawal]]
Pickup from [[A:21, Shivaji Nagar, Pune]] tomorrow morning.
pls deliver to [[A:h no 34 ram nagar colony indore]] before 5
Our clinic has moved to [[A:Plot 7, Sector 21, Gandhinagar]].
Head office: [[A:1st Floor, 27 Nehru Place, New Delhi]]
The PG is at [[A:3rd Floor, 112 Koramangala 4th Block, Bengaluru]], food included.
Please forward my post to [[A:Flat 3, 12 Clarendon Road, Southsea]] until March.
[[A:Second Floor Flat, 44 Gloucester Road, Bristol]]: two bedrooms, no parking.
Our new address is [[A:Flat 2/1, 15 Hyndland Road, Glasgow]].
The surgery has moved to [[A:Ground Floor, 7 Market Place, Thirsk]].
Tenant: Mr J Holt, [[A:Flat 6, Jubilee Court, Station Road, Wokingham]]
Send the keys to [[A:Top Floor Flat, 19 Marchmont Crescent, Edinburgh]], thanks.
The agent showed us [[A:Flat B, 88 Stroud Green Road, London]] on Saturday.
Let agreed: [[A:Basement Flat, 3 Royal Crescent, Bath]]
Collection point: [[A:Unit 4, Brunel Way, Thornbury]]
Interview at [[A:Room 12, Hope House, 30 Hope Street, Liverpool]] at 2pm.
The studio flat at [[A:Flat 11, 60 Sauchiehall Street, Glasgow]] is now let.
Mrs Baird's new address is [[A:1st Floor, 23 High Street, Lewes]].
Available now: [[A:3/45 Smith St, Fitzroy VIC 3065]], one bedroom, $420 per week.
Inspection at [[A:12/8 Ocean Street, Bondi]] on Saturday 11am.
Invoice to [[A:2/17 Kent Road, Mascot NSW 2020]]
Deliver to [[A:Unit 5/22 Beach Rd, Mairangi Bay, Auckland 0630]]
Sold: [[A:4/101 Glen Osmond Rd, Parkside SA 5063]] for $512,000.
We're renting [[A:1/3 Rata Street, Naenae, Lower Hutt]] until the build finishes.
mate im at [[A:7/19 bay st glebe]] come over
Open home at [[A:U3/10 Albert Ave, Broadbeach]] this Sunday.
The property at [[A:15A/2 Marine Parade, Napier]] has sea views.
Clinic: [[A:8/240 Hindley Street, Adelaide]]
Lot for sale: [[A:Lot 12, Bruce Highway, Gin Gin QLD 4671]]
Her unit is [[A:6/14 Ross Street, Toowong]], near the station.
Please remit to [[A:PO Box 1234, Kingston ACT 2604]].
Send entries to [[A:P.O. Box 77, Stowe, VT 05672]] by May 1.
Mailing address: [[A:Post Office Box 412, Helena, MT 59624]]
Route deliveries to [[A:RR 2, Box 118, Tyrone, PA 16686]].
Correspondence: [[A:Rural Route 3, Swift Current, SK S9H 3X6]]
Our mailing address is [[A:HC 61 Box 29, Forks, WA 98331]].
Postal address: [[A:RD 4, Whangarei 0174]]
Write to us at [[A:PO Box 5021, Wellington 6140]].
Applications to [[A:Locked Bag 2000, Sydney NSW 2001]]
send it to [[A:po box 88, tauranga 3140]] cheers
Contact: [[A:Box 45, Site 12, RR 1, Olds, AB T4H 1P2]]
Return to [[A:Private Bag 3012, Rotorua 3046]] if undelivered.
Remit payment to [[A:Rural Route 1, Box 47, Milford, IA 51351]].
Postal: [[A:Robinson Road PO Box 1020, Singapore 902020]]
Submissions: [[A:GPO Box 2471, Adelaide SA 5001]]
Ship to [[A:PMB 312, 1420 Main St, Brattleboro, VT 05301]]
Kind regards,⏎Sarah Okafor⏎Practice Manager⏎[[A:Unit 7, Harbour Point]]⏎Ferry Road⏎Cardiff CF11 0JL
Yours sincerely,⏎⏎Tom Reilly⏎[[A:14 Ashgrove Park]]⏎Ballincollig⏎Co. Cork
Best,⏎Dana Whitfield⏎Senior Counsel⏎[[A:1800 Larimer Street, Suite 900]]⏎Denver, CO 80202
Dear Sir,⏎I write regarding the property at⏎[[A:27 Beech Grove]]⏎Harrogate⏎HG2 0EX⏎which I rented until June.
Regards⏎Priya Nair⏎[[A:Flat 9, Orchid Residency]]⏎MG Road⏎Kochi 682016
Thanks,⏎Liam⏎--⏎Liam Ferguson | Operations⏎[[A:Level 3, 99 Queen Street]]⏎Auckland 1010⏎+64 9 555 0142
From: The Secretary⏎Riverside Bowls Club⏎[[A:Mill Lane]]⏎Shrewsbury SY1 2AB
Sincerely,⏎⏎Margaret Chen⏎[[A:402-1155 Robson Street]]⏎Vancouver, BC V6E 1B5
Warm regards,⏎Hannah⏎⏎[[A:The Old Forge]]⏎Upper Slaughter⏎Gloucestershire
Dear Ms Kowalski,⏎Re: [[A:Apartment 4C, 250 West 85th Street]]⏎Your lease renewal is enclosed.
Cheers⏎Ben Tait⏎Tait Plumbing Ltd⏎[[A:22 Industrial Way]]⏎Hastings 4120⏎Ph 06 870 1234
Best wishes,⏎Aoife⏎[[A:Apt 2, 18 Rathmines Road Upper]]⏎Dublin 6
Yours faithfully⏎R. Sharma⏎[[A:Flat 12, Sunrise Towers]]⏎Sector 9, Rohini⏎Delhi
-- ⏎Karen Liu⏎Office Manager⏎[[A:3 Temasek Avenue]], #18-01⏎Singapore 039190
Regards,⏎Mark Evans⏎[[A:PO Box 318]]⏎Toowoomba QLD 4350
Please return the signed copy to:⏎[[A:Room 214, Davies Building]]⏎University of Otago⏎Dunedin 9016
hey can u grab me from [[A:22 oakfield rd]] at 6
the parcel went to [[A:14 kings avenue]] instead of mine smh
moving into [[A:flat 4, 9 albert terrace]] next week lol
pls drop it at [[A:unit 3 45 princes hwy dapto]]
my nan lives on [[A:elm grove]] near the park
party at [[A:88 mill rd]] sat night bring drinks
who keeps leaving their bins out on [[A:rosehill crescent]]
omw to [[A:55 park st]] now, traffic is bad
its [[A:12b victoria road, st albans]] if ur using the satnav
u coming to [[A:apt 6 410 e 14th st]] later?
my new place is [[A:27 jubilee close]], come round sunday
the leak is at [[A:flat 2, 31 grange avenue]], landlord still hasnt called back
meet u outside [[A:3 high st]] at noon
im staying at my mums on [[A:birchwood drive]] this week
just moved to [[A:19 ngaio street, wellington]] finally
grab pizza from the place on [[A:dundas st]]
The house at [[A:1418 Maple Avenue, Evanston, IL 60201]] sold for $895,000.
Listing: [[A:72 Wellesley Street East, Toronto, ON M4Y 1H6]], 2 bed, 1 bath.
Invoice No. 5521 - Bill to: Acme Tools, [[A:3300 Industrial Pkwy, Hayward, CA 94545]]
Contact us: [[A:500 Boylston Street, Suite 1200, Boston, MA 02116]] | (617) 555-0199
Please mail the check to [[A:2250 N. Commerce Pkwy, Weston, FL 33326]].
Open house at [[A:9 Ridgeview Court, Hendersonville, TN 37075]] this Sunday 1-4 pm.
Our warehouse is located at [[A:4800 W 96th St, Indianapolis, IN 46268]].
The tenant at [[A:3345 Cedar Springs Rd, Apt 210, Dallas, TX 75219]] has not paid.
Return address: [[A:71 Cherry Hinton Road, Cambridge CB1 7BS]]
Viewing of [[A:16 Elm Park Gardens, London SW10 9NY]] is by appointment only.
The shop at [[A:5 Castle Street, Farnham GU9 7HR]] is closing down.
Contact: [[A:Unit 14, Kingsway Business Park, Rochdale OL16 4NB]]
Registered office: [[A:2 Charlotte Square, Edinburgh EH2 4DR]]
Please send the refund to [[A:43 Orchard Way, Didcot, Oxfordshire OX11 7LG]].
The flat at [[A:58 Baggot Street Lower, Dublin 2, D02 Y754]] is available in May.
Our address: [[A:Unit 3, Ballybrit Business Park, Galway H91 P2DK]]
He was born at [[A:12 Sráid an Mhuilinn, Dingle, Co. Kerry]] in 1951.
Send applications to [[A:Main Street, Castleisland, Co. Kerry]].
Farmhouse for sale at [[A:Coolnagarrane, Skibbereen, Co. Cork]], 40 acres.
The office at [[A:1 Place Ville Marie, Suite 2500, Montreal, QC H3B 4M7]] is open weekdays.
Mail to: [[A:10423 Whyte Avenue NW, Edmonton, AB T6E 2A1]]
The restaurant at [[A:287 Argyle Street, Halifax, NS B3J 1N8]] has a new chef.
Deliver to [[A:Apt 1507, 88 Harbour Street, Toronto]] after 6 pm.
Open for inspection: [[A:14 Wattle Grove, Ringwood East VIC 3135]]
The cafe at [[A:182 Oxford Street, Paddington NSW 2021]] serves breakfast all day.
Address: [[A:37 Grey Street, South Brisbane QLD 4101]]
Send the parcel to [[A:6 Kowhai Place, Rototuna, Hamilton 3210]].
Our clinic is at [[A:211 Karangahape Road, Auckland Central]].
Office: [[A:1 Raffles Place, #20-61 One Raffles Place Tower 2, Singapore 048616]]
[[A:Blk 456 Jurong West Street 41, #05-123, Singapore 640456]] - HDB 4-room for rent.
lost my wallet near [[A:blk 123 ang mo kio ave 3]], pls contact me if found
Please deliver to [[A:10 Anson Road, #22-02 International Plaza, Singapore 079903]].
The dentist is at [[A:27 Bukit Timah Road, Singapore 229833]].
The suspect was last seen near [[A:Fifth Avenue and 42nd Street]] heading north.
Police cordoned off [[A:Union Street]] after a suspicious package was found.
A house on [[A:Laurel Canyon Boulevard]] was damaged in the mudslide.
The fire started in a restaurant kitchen on [[A:Granville Street]] in Vancouver.
Roads around [[A:Hunter Street]] were closed for hours after the crash.
Three people were hurt when a wall collapsed on [[A:Jervois Road]], Herne Bay.
A man was arrested at a house in [[A:Mount Pleasant Road]], Hastings.
Investigators searched a home on [[A:Ridgeway Avenue]] late Thursday.
The crash happened on [[A:Main Street]] in Wappingers Falls, near the Route 9 junction.
A gunman fired shots outside a bar on [[A:Frankford Avenue]] in Fishtown.
Our showroom has moved round the corner to [[A:Dale Street]], next to the bank.
The new library on [[A:Clifton Road]] opens on Monday.
Tenants in [[A:Marlborough Road]] say the landlord ignored the damp for months.
Planning permission was refused for the flats on [[A:Coldharbour Lane]].
The pub on [[A:Northgate]] has been sold to a developer.
Three shops on [[A:Broadmead]] were broken into overnight.
The water was cut off to houses in [[A:Dunkeld Terrace]] for two days.
Drivers on [[A:Western Avenue]] face delays because of the roadworks.
COMPLAINT - noise from the house next door at [[A:34 Fernbank Road]] every night since March.
I am writing to complain about the state of the pavement outside [[A:11 Hollybush Lane]].
The potholes on [[A:Brook Street]] have damaged my car twice this winter.
Dear council, the streetlight outside [[A:no. 7 Linden Avenue]] has been out for a month.
Review: the takeaway at [[A:142 Walworth Road]] delivered cold food again.
The landlord of [[A:9a Wilton Place]] never answers his phone.
Worst hotel ever - Hotel Rialto, [[A:31 Grafton Street, Dublin 2]] - avoid.
my flat at [[A:16 cranbrook road]] has had no heating for 3 weeks
The noise from the building site on [[A:Lime Street]] starts at 6am.
Fly-tipping at the end of [[A:Bramble Close]] has been reported five times.
The stall holders at [[A:Unit 2, Camden Lock Place, London NW1 8AF]] pay rent monthly.
VENDOR: Harbour Supplies Ltd, [[A:8 Quay Road, Lymington SO41 3AW]]
SHIP TO:⏎Mr D Patel⏎[[A:77 Belgrave Road]]⏎Leicester⏎LE4 6AR
Bill To: Northside Clinic, [[A:1200 N State Pkwy, Chicago, IL 60610]]
REMIT TO: [[A:P.O. Box 660367, Dallas, TX 75266-0367]]
Ship-to address: [[A:Unit 9/12 Production Ave, Molendinar QLD 4214]]
Supplier: [[A:Plot No. 88, Sector 5, IMT Manesar, Gurgaon]]
Sold to: [[A:Flat 5, Cedar House, 22 Regent Street, Leamington Spa]]
Our address⏎[[A:The Granary, Manor Farm]]⏎Little Wittenham⏎Oxfordshire⏎OX14 4RA
Visit our store: [[A:1530 Pearl Street, Boulder, CO 80302]]. Open daily 10-8.
Find us at [[A:Unit 6, The Courtyard, Lynch Lane, Weymouth DT4 9DN]]
Headquarters: [[A:One Microsoft Way, Redmond, WA 98052]]
Studio: [[A:Level 1, 12 Waterloo Quay, Pipitea, Wellington 6011]]
Where to find us: [[A:Shop 4, 55 Beach Road, Batemans Bay NSW 2536]]
Postal address: [[A:PO Box 371, Nelson 7040]]; street address: [[A:42 Halifax Street, Nelson]]
We are located at [[A:2nd Floor, Anand Towers, Sector 18, Noida]].
The new clinic opens at [[A:Suite 3, 210 Victoria Avenue, Chatswood]] in August.
The property is on [[A:Mulgrave Road]] in Cairns, close to the lagoon.
Police said the victim lived in [[A:Bridge Street]], Mallow.
The meeting will be held at St Mary's Hall, [[A:4 Chapel Street, Alnwick]].
Prizes can be collected from [[A:Unit 1, Westside Centre, Fenton]].
He gave his address as [[A:Flat 8, Nelson House, Dolphin Square]] when he was charged.
Her last known address was [[A:112 Tremont Street, Apt 3]], Boston.
The court heard he lived at [[A:Ivy Cottage, Church Lane, Wrington]].
The victim was found at her home on [[A:Wellington Crescent]], Winnipeg.
Firefighters rescued two dogs from a house on [[A:Dovercourt Road]].
The riders met at [[A:Carlton Street and Church Street]] before the protest march.
Deliveries for the bakery go to the back door on [[A:Mill Street]], not the front.
Send your CV to: HR Department, [[A:45 Lygon Street, Carlton VIC 3053]]
hi, delivery for [[A:flat 7 14 wellington st]] pls ring the bell twice
new address: [[A:2/41 ngaio gorge road, wellington 6035]]
txt me when ur outside [[A:41 beechwood close]]
the shop at [[A:10 the crescent]] has shut down
Dear Residents of [[A:Carrick Court]], the lifts will be serviced on Monday.
The vet on [[A:Stoney Stanton Road]] is open on Sundays.
Ambulances were called to [[A:Saltwell Road]] after reports of a fight.
Parents have called for a crossing on [[A:Chester Road]] outside the primary school.
""".splitlines()
]

LOOKALIKES = """\
Coronation Street has been on ITV since 1960.
The Beatles released Penny Lane as a single in 1967.
Eddy Grant's Electric Avenue reached number two in the charts.
Kids have learned to count with Sesame Street for decades.
Abbey Road was the last album the band recorded together.
Gerry Rafferty's Baker Street has a famous saxophone solo.
Bob Dylan closed the album with Desolation Row.
David Lynch's Mulholland Drive topped the critics' poll.
Sunset Boulevard returned to the West End with Nicole Scherzinger.
We drove Route 66 from Chicago to Santa Monica last summer.
Wall Street rallied after the Fed held rates steady.
Downing Street said the Prime Minister had full confidence in the minister.
Fleet Street was once the home of British newspapers.
Madison Avenue agencies are cutting budgets for print ads.
Threadneedle Street is expected to cut rates in the spring.
Hollyoaks and EastEnders both aired double episodes this week.
Update to version 12.4.1 before installing the plugin.
Python 3.12 removes the distutils module.
The meeting starts at 10:30 in Room 4.
The deal costs $12 per month for the first year.
Arsenal won 3-1 at the Emirates on Saturday.
Roe v. Wade, 410 U.S. 113 (1973), was overturned in 2022.
See R (Miller) v Prime Minister [2019] UKSC 41 at paragraph 50.
Cloud and Tifa escape from Sector 7 after the plate falls.
Phase 2 of the vaccine trial enrolled 400 volunteers.
The company filed for Chapter 11 in March.
Apollo 13 launched on April 11, 1970.
Studio 54 opened in 1977 and closed in 1980.
Harry catches the train from Platform 9 3/4 at King's Cross.
Flights to Madrid leave from Terminal 5.
Starc took 3/45 from his ten overs on the second day.
Add 3/4 cup of sugar and 2 eggs.
The box office took $45 million on its opening weekend.
He bought an Xbox 360 and 12 games for £80.
Sector 18 of the map unlocks after level 40.
The new Layout 3 template is in the shared drive.
The panchayat elections in Nagar district were postponed.
She played Street Fighter 6 for 12 hours straight.
The bus on Route 24 was cancelled again today.
Catch-22 was published in 1961.
Area 51 is a highly classified facility.
Formula 1 returns to Las Vegas in November.
Windows 11 Pro costs more than the Home edition.
They scored 2 tries in 5 minutes.
The 12 Days of Christmas begins on Christmas Day.
Box 3 of the archive holds the letters from 1940 to 1945.
Grand Theft Auto V is set in Los Santos.
A Nightmare on Elm Street was released in 1984.
Miracle on 34th Street is a Christmas classic.
The Jump Street films starred Jonah Hill and Channing Tatum.
Melrose Place ran for seven seasons on Fox.
The Big Bang Theory is set in Pasadena.
Downton Abbey was filmed at Highclere Castle.
Ramsay Street is the setting of Neighbours.
Shortland Street is New Zealand's longest-running soap.
Home and Away is filmed at Palm Beach in Sydney.
We took the high road and the low road on the hike.
Life is not always easy street.
walking down memory lane with these old photos
he lives life in the fast lane these days
im at 12% battery brb
the game starts at 7 on channel 4
lol i got 14 likes on that post
gonna grab 2 coffees and 3 donuts
level 5 drive is the hardest in the game
my score was 3/10 on the quiz
Section 4.2 of the Act was amended in 2019.
The model achieved 97.3% accuracy on the test set.
Order 1234 shipped on 3 March and arrived on 7 March.
Interest rates rose by 0.25 points to 5.5%.
The M25 was gridlocked for hours on Friday.
Junction 14 of the M1 will close overnight.
Gate 22 is at the far end of the pier.
The A-Team aired from 1983 to 1987.
Chapter 7 explains the street grid of ancient Rome.
Bond Street and Park Lane are the most expensive squares on the Monopoly board.
Harley-Davidson sales fell 8% in the quarter.
Old Kent Road is the cheapest property in Monopoly.
The Broadway show Hamilton won 11 Tony Awards.
Tax year 2023/24 ends on 5 April.
The ratio was 4/17 in favour of the motion.
Vote for Proposition 12 on Tuesday.
Track 9 on the album is a cover.
She lives for rock music and late nights.
He won 6-4, 6-3 in the second round at Queen's.
Colony 9 is the first town you visit in Xenoblade Chronicles.
The shares rose 12% on Main Street optimism, the analyst said.
Lane 4 won the 400 metres final.
Seat 12A is a window seat.
Their PO number is 4500012345.
""".splitlines()


def test_set_sizes():
    check_marked_sets(ADDRESSES, LOOKALIKES, 200, 80)
    check_distinct(ADDRESSES, LOOKALIKES)


#: Floors a little under the figures measured after this set's rules (recall even, odd; before them: 0.636 /
#: 0.676, precision 0.986 / 1.0; after: 0.827 / 0.874, precision 1.0 / 1.0; look-alikes 0 / 90 before and after).
FLOORS = (0.82, 0.87)


def test_blind_recall_and_precision(pii_annotator):
    check_halves(pii_annotator, ADDRESSES, "ADDRESS", FLOORS, 0.98)


def test_blind_lookalikes(pii_annotator):
    check_flagged(pii_annotator, LOOKALIKES, "ADDRESS", 0, ("ADDRESS",))


if __name__ == "__main__":
    print_address_halves([("en", ADDRESSES)], [("en look-alikes", LOOKALIKES)])
