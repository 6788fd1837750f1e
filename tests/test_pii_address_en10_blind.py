# ruff: noqa: E501
"""Tenth hand-written English ADDRESS set (#16, helper address_en10), written in full before any rule
was changed for it, in the kinds an independent set still missed (by kind only: one-word streets with
no type word, a unit written before the number in chat, lower-case addresses in chat and reviews,
Canadian postal codes and French street forms, Australian and New Zealand unit slashes and state
postcodes, Irish Eircodes, Singapore blocks and units, Indian house numbers and localities, P.O. boxes
and rural routes, addresses split over lines in letters and signatures, addresses in tables and forms)
and the usual US, UK, Irish, Canadian, Australian, New Zealand, Indian and Singapore forms in news,
complaints, letters, listings, invoices, contact pages, signatures and chat. Look-alikes: shows, songs
and films named after streets, "Route 66", "Wall Street" the market, "Downing Street said", "Broadway
musical", version numbers, times, prices, scores, court citations, "Sector 7" in games, table rows and
form fields that hold no address.

Convention (that of tests/test_pii_address_en9_blind.py): an address is marked whole from its largest
unit down to the room, flat or postcode (and the country when written inline); recipients, landmarks
and institutions named after the number are left out; a bare city, county or district alone is no
address; a street alone or a junction is a (partial) address. A span cannot hold a line break
(``tests/pii_marked.py``): in an address block only its first line is marked (scoring is by overlap);
``⏎`` stands for a line break.

Lines are split in two: even lines (0, 2, ...) are used to develop rules, odd lines are the held-out
half, looked at only for the score.

    python -m tests.test_pii_address_en10_blind   # both halves' figures and the even misses
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
Police were called to a flat on [[A:Briggate]] in Leeds city centre on Sunday night.
The new bakery on [[A:Kingsway]] opens at 7am every day except Monday.
She has lived on [[A:Broadway]] in Saratoga Springs for forty years.
A man was injured in a fight outside a bar on [[A:Deansgate]] late on Friday.
Shoppers on [[A:Northumberland Street]] were evacuated after a fire alarm.
Two people were hurt when a bus hit a shelter on [[A:Princes Street]], Edinburgh.
The restaurant at [[A:Bowery and Houston]] closed after 20 years.
His office is on [[A:the Strand]], a short walk from Charing Cross.
apt 4 at [[A:220 e 7th st]] is still available if ur interested
unit 12 at [[A:88 queen st]], buzz twice when u get here
its flat 3 above the chippy at [[A:41 market st]] btw
room 5 at [[A:19 hillside ave]], the door code is 2244
im in [[A:apt 2b 315 w 88th st]] come up when ur here
send it to [[A:unit 7/32 eyre st]] not my old place
can someone pick me up from [[A:14 ravenswood rd]] around 5
the party is at [[A:62 oakleigh gardens]] bring snacks
order came to [[A:33 wentworth ave]] but i live at [[A:35 wentworth ave]] lol
worst landlord ever, [[A:18 cromer st]] flat has mould everywhere
1 star. the hotel at [[A:250 harbour rd]] had no hot water for two days
avoid the takeaway at [[A:7 station parade]], food poisoning twice
my cousin lives at [[A:9 birch way]] so ill crash there
dropped the keys at [[A:101 chapel lane]] for the new tenant
we moved to [[A:4 fernhill close, sheffield]] last week
she rents a room at [[A:27 mayfield road]] near the uni
Our office: [[A:1250 boul. René-Lévesque O., Montréal (Québec) H3B 4W8]]
The clinic moved to [[A:355, rue Sainte-Catherine Ouest, Montréal, QC H3B 1A5]].
Chalet for rent: [[A:2140 chemin du Lac-Supérieur, Lac-Supérieur, QC J0T 1J0]]
Envoyez le colis au [[A:45 rue des Érables, Gatineau, QC J8Y 3K2]], merci.
Send cheques to [[A:150 King Street West, Suite 2100, Toronto, ON M5H 1J9]].
The house at [[A:1422 Robie St, Halifax, NS B3H 3E2]] sold over asking.
Mailing address: [[A:Box 128, Kindersley, SK S0L 1S0]]
The warehouse is at [[A:7850 boulevard Métropolitain Est, Anjou, QC H1K 1A1]].
Drop-off: [[A:88 Portage Ave, Winnipeg, MB R3C 0B1]]
We are at [[A:3301 chemin de la Côte-des-Neiges, Montréal]] on weekdays.
Her new address is [[A:12 Riverbend Cres NW, Calgary, AB T3A 5L6]].
The bakery at [[A:910 Commercial Drive, Vancouver, BC V5L 3W8]] has reopened.
For lease: [[A:Shop 3/118 Lonsdale Street, Melbourne VIC 3000]]
Auction on site at [[A:5/27 Kembla Street, Wollongong NSW 2500]].
Send all mail to [[A:U4/61 Brunswick St, Fortitude Valley QLD 4006]].
The practice is at [[A:2/310 Great North Road, Grey Lynn, Auckland 1021]].
New rental: [[A:11/4 Hampden Street, Dunedin 9016]], $380 per week.
Pickup point: [[A:Unit 2, 17 Sheppard Street, Hume ACT 2620]]
We're at [[A:Level 5, 80 Ann Street, Brisbane QLD 4000]].
Postal: [[A:PO Box 9087, Hamilton 3240]]
Returns: [[A:14 Gipps Street, Collingwood VIC 3066, Australia]]
Office: [[A:Suite 12, 456 Hay Street, Subiaco WA 6008]]
Send to [[A:3/9 McKenzie Ave, Christchurch 8024]] before Friday.
The garage at [[A:40 Wakefield Street, Adelaide SA 5000]] is open Saturdays.
Our shop: [[A:14 Shop Street, Galway H91 T2X8]]
Eircode for the house is [[A:V94 X5R2]], it's the blue door.
Deliver to [[A:Apartment 12, The Elms, Blackrock, Co. Dublin, A94 K7P2]].
The practice is at [[A:Unit 5, Knockbeg Point, Shannon, Co. Clare V14 P2X8]].
The cottage at [[A:Derrynane, Caherdaniel, Co. Kerry]] sleeps six.
Send the form to [[A:21 O'Connell Street Upper, Dublin 1, D01 T3X0]].
Contact: [[A:Old Mill House, Kilkenny Road, Carlow R93 E2P6]]
Sold: [[A:4 Church View, Gorey, Co. Wexford]] for €285,000.
Property address: [[A:Ballinacourty, Dungarvan, Co. Waterford, X35 F6P1]]
The shop at [[A:17 Main Street, Listowel]] is up for sale.
Our office is at [[A:Blk 210 Toa Payoh North, #02-15, Singapore 310210]].
For viewing: [[A:Blk 682C Punggol Drive, #12-344]], 5-room flat.
The clinic is at [[A:#03-12, 101 Thomson Road, Singapore 307591]].
Collection at [[A:Block 5 Tampines Street 32, #08-112]] after 7pm.
Please send to [[A:80 Robinson Road, #10-01A, Singapore 068898]].
[[A:blk 45 bedok north st 1 #03-11]] is my address, parcel can leave outside
Meet at the coffee shop at [[A:Blk 18 Jalan Membina, #01-05]].
New outlet: [[A:1 HarbourFront Walk, #02-137 VivoCity, Singapore 098585]]
Send to: [[A:House No. 42, Gali No. 3, Shastri Nagar, Meerut 250004]]
Our branch: [[A:SCO 35, Sector 9-D, Chandigarh 160009]]
Delivery to [[A:Flat No. 203, Lakshmi Residency, Madhapur, Hyderabad 500081]]
Registered office: [[A:A-14, Ashok Vihar Phase II, Delhi 110052]]
Address: [[A:Plot No. 12, Sector 44, Gurugram, Haryana 122003]]
The shop is at [[A:No. 27, 2nd Main Road, Jayanagar, Bengaluru 560011]].
Ship to [[A:D.No. 5-87/1, Srinivasa Colony, Guntur]] after Diwali.
pls courier to [[A:h.no 16 sector 4 panchkula]] asap
Correspondence: [[A:3rd Floor, Pinnacle Tower, Baner Road, Pune 411045]]
[[A:Quarter No. 118, Type II, Sector 2, Bhilai]] is allotted to him.
Send the books to [[A:14/2, Rajendra Nagar, Indore, MP 452012]].
The hostel is at [[A:B-9, Lajpat Nagar IV, New Delhi]], near the market.
Please remit to [[A:P.O. Box 2209, Nairobi Road, Fremont, CA 94536]].
Contest entries: [[A:PO Box 4400, Station A, Toronto, ON M5W 3P8]]
Route all mail to [[A:RR 1, Box 220, Wardsboro, VT 05355]].
Postal address: [[A:RR 3, Site 4, Comp 12, Bridgewater, NS B4V 2W2]]
Send payment to [[A:P.O. Drawer 1180, Bastrop, TX 78602]].
Our mailing address: [[A:Rural Route 2, Lucknow, ON N0G 2H0]]
Write to [[A:PO Box 12, Ballina, Co. Mayo]] for the brochure.
Payments go to [[A:GPO Box 9980, Melbourne VIC 3001]].
Correspondence: [[A:Private Bag 92019, Auckland 1142]]
Mail to [[A:Box 301, Wasilla, AK 99687]] please.
The form goes to [[A:PO Box 2750, Salt Lake City, UT 84110-2750]].
Please write to me at [[A:Post Office Box 611, Ocracoke, NC 27960]].
Kind regards,⏎Helen Marsh⏎Finance Officer⏎[[A:Suite 4, Carlton House]]⏎17 Market Street⏎Derby DE1 2AB
Yours sincerely,⏎⏎J. O'Brien⏎[[A:22 Sallymount Avenue]]⏎Ranelagh⏎Dublin 6
Best,⏎Marcus Lee⏎[[A:475 Brannan Street, Suite 300]]⏎San Francisco, CA 94107
Sincerely,⏎Grace Ndlovu⏎Grace Ndlovu Consulting⏎[[A:Unit 3, 14 Enterprise Way]]⏎Milton Keynes⏎MK9 1AB
Regards,⏎Anil Kapoor⏎[[A:C-112, Greater Kailash I]]⏎New Delhi 110048
Thanks again,⏎Fiona⏎[[A:The Coach House]]⏎Brook Lane⏎Alderley Edge⏎SK9 7QA
--⏎Tom Hughes | Site Manager⏎[[A:1 Wharf Road]]⏎Port Adelaide SA 5015⏎0412 555 019
Cheers,⏎Ruby⏎[[A:14A Hillcrest Road]]⏎Papatoetoe⏎Auckland 2025
Dear Mr Lowe,⏎We confirm receipt of your letter about⏎[[A:61 Tenter Close]]⏎Newark⏎NG24 1SA⏎and will reply shortly.
With thanks,⏎Sinead Walsh⏎[[A:Apt 8, Marina Village]]⏎Malahide⏎Co. Dublin⏎K36 W9E2
Yours faithfully⏎Pradeep Rao⏎[[A:Flat 401, Sai Enclave]]⏎Kondapur⏎Hyderabad 500084
Warm regards,⏎Lucy Carter⏎[[A:1020 SW Taylor St, Suite 800]]⏎Portland, OR 97205
Many thanks,⏎Dr. Ellen Park⏎[[A:Room 210, Chemistry Building]]⏎14 University Drive⏎Halifax, NS B3H 4R2
Best wishes,⏎Owen⏎[[A:Tŷ Newydd]]⏎Llanbedr⏎Gwynedd⏎LL45 2NN
--⏎Jenny Ong⏎Customer Care⏎[[A:10 Ubi Crescent, #05-20]]⏎Singapore 408564
Regards,⏎Sam Whitley⏎[[A:PO Box 771]]⏎Broome WA 6725
Address: [[A:27 Windmill Lane, Histon, Cambridge CB24 9JF]]
Name: Karen Doyle | Address: [[A:15 Lime Tree Walk, Sevenoaks, Kent TN13 1YH]] | Phone: 01732 555 210
Street address: [[A:302 Bayview Ave]]⏎City: Toronto⏎Province: ON⏎Postal code: M4G 2C5
Billing address⏎[[A:4100 Oak Ridge Blvd]]⏎Austin, TX 78731
Address line 1: [[A:Flat 6, Beaumont Court]]⏎Address line 2: 40 Upper Richmond Road⏎Town: London⏎Postcode: SW15 2RE
| Tenant | Address |⏎| R. Gill | [[A:12 Orchard Street, Cardiff CF10 3AB]] |
Delivery Address: [[A:88 Collins Street, Melbourne VIC 3000]]
Customer: Mr P Jones⏎Address: [[A:3 Park Terrace]]⏎Town: Tenby⏎Postcode: SA70 7LY
Ship To:⏎Acme Corp⏎[[A:2200 Mission College Blvd]]⏎Santa Clara CA 95054
Address: [[A:H No 12-5-32, Vijayapuri Colony, Tarnaka, Secunderabad]]
Property: [[A:54 Gladstone Road]] | Bedrooms: 3 | Rent: £950 pcm
Location: [[A:Unit 18, Westway Industrial Estate, Swindon SN5 7SY]]
Home address: [[A:77 Rue Principale, Chelsea, QC J9B 1P4]]
Supplier address:⏎[[A:Unit 4B, Boundary Road Business Park]]⏎Northampton⏎NN3 8RF
Permanent Address: [[A:Vill. Rampur, P.O. Sohna, Dist. Gurgaon, Haryana]]
Mailing Address⏎[[A:P.O. Box 30]]⏎Hope, BC V0X 1L0
Address of premises: [[A:The Red Lion, 2 High Street, Cricklade SN6 6AA]]
Consignee: Blue Ocean Traders, [[A:Shed 9, Port Road, Lyttelton 8082]]
Residential address: [[A:Blk 302 Clementi Avenue 4, #11-208, Singapore 120302]]
Correspondence address: [[A:16 Marine Parade, Dún Laoghaire, Co. Dublin A96 R2T4]]
Police are investigating a burglary at a house on [[A:Woodland Avenue]] in Hove.
Emergency crews were called to [[A:Beech Road]], Headington, after a tree fell on a car.
A man has been charged after a stabbing on [[A:Rusholme Road]].
Homes on [[A:Shore Road]] were flooded after the river burst its banks.
Traders on [[A:Grainger Street]] say the roadworks are killing business.
A teenager was robbed at knifepoint near [[A:Clapham Road]] on Tuesday evening.
The blaze broke out in a first-floor flat on [[A:Lark Lane]].
Police closed [[A:Bridge Street]] after a lorry hit the railway bridge.
Residents of [[A:Brambling Close]] have been without water since Thursday.
Gunshots were reported in the [[A:3400 block of North Avenue]] shortly before 2 a.m.
The fire destroyed a home on [[A:Greenbrier Lane]] in Fairfax County.
Neighbours on [[A:Ashdown Road]] said the house had been empty for months.
A pedestrian was struck at [[A:Colfax Avenue and Grant Street]] on Saturday.
The council plans to pedestrianise [[A:Lord Street]] in Southport.
A burst pipe flooded the basement of a shop on [[A:Queen Street]] in Cardiff.
Officers were called to the [[A:200 block of Elm]] after reports of a break-in.
The home at [[A:5512 Fairview Drive, Raleigh, NC 27609]] is listed at $410,000.
Just listed: [[A:88 Lansdowne Road, Bedford MK40 2BX]] - four bedrooms, garden.
Open house Sunday at [[A:219 Magnolia Ct, Savannah, GA 31405]].
For sale by auction: [[A:4 Mill Row, Brecon LD3 7HF]]
Invoice to: Greenleaf Ltd, [[A:7 Commerce Way, Colchester CO2 8HH]]
BILL TO⏎Harris & Sons⏎[[A:1600 Main Street]]⏎Buffalo, NY 14209
Pay to: Coastal Roofing LLC, [[A:812 Pier Ave, Hermosa Beach, CA 90254]]
Remit to: [[A:Dept 4501, PO Box 890, Portland, OR 97208]]
Visit our showroom at [[A:412 Tottenham Court Road, London W1T 1JA]].
Find us: [[A:Ground Floor, 3 Castle Court, Belfast BT1 1DD]]
Our store is located at [[A:2815 Central Ave, Charlotte, NC 28205]].
Head office: [[A:25 Grosvenor Street, Mayfair, London W1K 4QN]]
I am writing to complain about the overflowing bins behind [[A:22 Rowan Crescent]].
My complaint concerns the noise from [[A:flat 9, 44 Canal Street]] every weekend.
The pothole outside [[A:No. 18 Victoria Avenue]] has been there since January.
Dear Sir, the fence at [[A:5 Laburnum Way]] has been broken for six weeks.
The landlord at [[A:31b Harcourt Road]] refuses to fix the boiler.
Review: great pizza at [[A:200 Bridge St, Warrington]], friendly staff.
The pharmacy on [[A:Dalkey Avenue]] always has a queue.
Complaint: street lights out all along [[A:Ferry Lane]] for a month.
the new flat is at [[A:49 grosvenor rd]] in case u need it
hey, we're at [[A:unit 3 14 beach rd]] come round
my address is [[A:flat 2 8 lansdown place]] if ur sending the card
dropped my bag at [[A:1520 n halsted st]] can u grab it
im on [[A:king st]] now, where r u
leaving from [[A:12 abbey gardens]] at 8
the cat went missing near [[A:hazel grove]] yesterday
parcel left at [[A:3/14 smith st]] but im at [[A:4/14 smith st]]
The apartment at [[A:201 West 74th Street, Apt 5C, New York, NY 10023]] rents for $4,200.
Ship to: [[A:1 Infinite Loop, Cupertino, CA 95014]]
Mail the application to [[A:110 State Street, Albany, NY 12207]].
Tenants at [[A:1900 S. Michigan Avenue]] complained about the elevators.
Our surgery is at [[A:14 Wellington Place, Leeds LS1 4AP]].
The school is at [[A:Ashby Road, Loughborough LE11 3TU]].
Please forward post to [[A:Flat 2, 19 Devonshire Place, Eastbourne BN21 4AH]].
The gallery at [[A:35 Dean Street, Newcastle upon Tyne NE1 1PQ]] opens at ten.
He lived at [[A:Apt 3, 12 Leeson Street Lower, Dublin 2]] during his studies.
The B&B at [[A:Rosehill, Ballyvaughan, Co. Clare]] is open from April.
Vendor: [[A:22 Hastings Street, Napier 4110]]
Studio: [[A:18 Jervois Quay, Wellington 6011, New Zealand]]
The cafe at [[A:Shop 2, 15 Bay Street, Double Bay NSW 2028]] closed last week.
Lot 4 at [[A:17 Banksia Drive, Mount Barker SA 5251]] is now under contract.
Mall office: [[A:Unit 45, Eastgate Shopping Centre, Basildon SS14 1EB]]
Office: [[A:6th Floor, 1 Lower Hatch Street, Dublin 2]]
The flat at [[A:Flat 14, 30 Marsh Wall, London E14 9TP]] is let.
Return to sender: [[A:45 Kloof Street, Gardens, Cape Town 8001]]
The accused lived at [[A:Holly Cottage, School Lane, Great Bardfield]].
Viewing at [[A:The Barn, Manor Farm, Upper Heyford]] by appointment.
The fire started at a house on [[A:Argyle Street]] in Hamilton.
A woman was hit by a car on [[A:Chapel Road]], Oldham, on Monday.
Protesters gathered on [[A:Parliament Street]] outside the Treasury.
The market on [[A:Stanley Road]] will close at 4pm.
Police found the van abandoned on [[A:Coronation Road]] in Bristol.
Roadworks will close [[A:Hagley Road]] for three weekends.
The cafe on [[A:Oxford Road]] near the university is always busy.
A tree fell across [[A:Sandy Lane]] during the storm.
Ambulances attended a crash at the junction of [[A:Hyde Park Road and Woodsley Road]].
A house fire on [[A:Cumberland Avenue]] left a family homeless.
We met outside [[A:10 Downing Street]] for the photo.
Protesters gathered outside [[A:1600 Pennsylvania Avenue]] on Sunday.
Our stall is at [[A:Unit 12, Spitalfields Market, London E1 6BG]].
Tickets from the box office at [[A:8 Quay Street, Manchester M3 3JE]].
Send to: [[A:Room 402, Block B, Tsim Sha Tsui Centre, 66 Mody Road, Kowloon]]
Deliver to [[A:Flat 7, Level 2, 33 Pitt Street, Sydney NSW 2000]].
The tenant of [[A:Flat 1, 2 Hope Street]] is behind on rent.
Post the form to [[A:39 Glenageary Park, Dún Laoghaire]].
Registered office: [[A:Level 14, 333 Collins Street, Melbourne VIC 3000]]
Our store is at [[A:Shop G12, Westfield Carindale, 1151 Creek Road, Carindale QLD 4152]].
Contact us at [[A:150 W. Main Street, Suite 1500, Norfolk, VA 23510]].
Come visit us at [[A:3 Harbour Road, Kilmore Quay, Co. Wexford]].
The house on [[A:Laurier Avenue]] in Ottawa was built in 1878.
A cyclist was hurt on [[A:Bloor Street West]] near Spadina.
Ship to: [[A:PSC 802 Box 74, APO AE 09499]]
Send the donation to [[A:Unit 9220 Box 1040, DPO AP 96520]].
lol im stuck at [[A:7 elm st]] waiting for the bus
picking up the sofa from [[A:40b park ave]] on sat
Shipment address: [[A:23 Cannery Row, Monterey, CA 93940]]
Warehouse: [[A:Dock 4, 900 Harbor Blvd, Long Beach, CA 90802]]
We're now at [[A:41 Broadway, Fitzroy]] after the move.
The firm's address is [[A:100 Piccadilly, London W1J 7NH]].
Send your RSVP to [[A:250 Bowery, New York, NY 10012]].
Her studio is at [[A:7 Deansgate, Manchester M3 1BB]].
Event venue: [[A:The Old Fire Station, 40 George Street, Oxford OX1 2AQ]]
Pickup address: [[A:Door 3, 12 Hope Street, Glasgow G2 6AB]]
Meet me at [[A:Bay St and Front St]] by the fountain.
The crash closed [[A:Route 9 near Saratoga Springs]] for hours.
Deliveries to [[A:1/45 Ocean Parade, Coogee NSW 2034]] only before noon.
Rent for [[A:2/8 Seaview Terrace, Sumner, Christchurch]] is $520 a week.
""".splitlines()
]

LOOKALIKES = """\
Sesame Street celebrated its 50th season on HBO.
Penny Lane and Strawberry Fields were released as a double A-side.
Electric Avenue was Eddy Grant's biggest hit.
Coronation Street's longest-serving star is leaving the cobbles.
Shortland Street returns to TVNZ 2 on Monday night.
The Broadway musical opens at the Palace Theatre in March.
She starred in three Broadway shows before moving to film.
Route 66 is the most famous road in American pop culture.
Get your kicks on Route 66, as the song goes.
Wall Street closed higher on strong bank earnings.
Wall Street analysts expect a rate cut in June.
Downing Street said the talks were constructive.
A Downing Street spokesman declined to comment.
Dalal Street ended the week on a positive note.
Bay Street banks reported record profits this quarter.
Fleet Street editors were summoned to the inquiry.
Whitehall sources said the plan had been shelved.
Threadneedle Street left rates on hold at 5.25%.
Savile Row tailoring is famous around the world.
Harley Street clinics charge premium fees for scans.
Madison Avenue has struggled to adapt to digital ads.
Main Street investors piled into the stock.
Pennsylvania Avenue and Capitol Hill are at odds over the budget.
The Baker Street Irregulars help Holmes in several stories.
Upgrade to version 3.10.4 before running the migration.
Node 18 reaches end of life in April.
The build failed on Ubuntu 22.04 with GCC 12.
Release 2.4.0 adds support for Python 3.11.
iOS 17.2 fixes the battery drain bug.
The train leaves at 10:45 from platform 3.
Doors open at 7pm and the show starts at 8.
The meeting is at 2:30 in Room 12 on Level 4.
Tickets cost $45 each or $160 for a family of four.
The jacket was reduced from £120 to £79.
Rent is 1,450 a month plus bills.
Liverpool beat Chelsea 2-1 at Anfield.
The Lakers won 112-104 in overtime.
India were 245/6 at stumps on day two.
Brown v. Board of Education, 347 U.S. 483 (1954), ended legal segregation.
See Donoghue v Stevenson [1932] AC 562 (HL).
The appeal was heard as [2021] EWCA Civ 1234.
Smith v. Jones, 123 F.3d 456 (9th Cir. 1997), is the leading case.
Sector 7 is where the story of Final Fantasy VII begins.
Clear Sector 12 to unlock the next boss.
The colony on Sector 4 of the map is the hardest to defend.
Phase 3 of the project starts in January.
Block 5 of the exam covers statistics.
Unit 4 of the textbook covers fractions.
Chapter 12 describes the siege of Vienna.
Flight 370 disappeared in 2014.
Platform 9 3/4 is a tourist spot at King's Cross station.
Highway 61 Revisited is Dylan's sixth studio album.
Bourbon Street Blues was the B-side of the single.
Electric Avenue, Penny Lane and Abbey Road topped the poll of songs.
The film 84 Charing Cross Road is based on letters between a writer and a bookseller.
Melrose Place was rebooted in 2009.
The Wire's first season follows the Barksdale crew.
Jump Street 21 is a fan remake of the show.
Ramsay Street residents threw a street party in the finale.
The Avenue Q soundtrack won a Grammy.
Fifth Avenue retailers had a record holiday season.
Carnaby Street fashion defined the sixties.
The song Sultans of Swing mentions a band in a South London pub.
The deal was 3-for-2 on all paperbacks.
Add 2 cups flour and 1/2 tsp salt.
The ratio improved to 3/4 by the end of the trial.
The new iPhone 15 Pro starts at $999.
The Mac Pro 2019 ships with 32 GB of memory.
He scored 42 points in 36 minutes.
Area 51 and Roswell are popular with UFO tourists.
Studio 54 was the most famous club in New York.
Apollo 11 landed on the moon in 1969.
Terminal 5 handles all British Airways flights.
Gate 14 is closed for maintenance.
Exit 12 off the motorway leads to the services.
Junction 9 of the M4 is closed this weekend.
The A1 was closed northbound after a crash.
Interstate 95 runs from Florida to Maine.
The office is open 9 to 5, Monday to Friday.
Order #45512 was dispatched on Friday.
Case No. 2:19-cv-01234 was dismissed.
Section 230 of the Communications Decency Act protects platforms.
Article 50 was triggered in March 2017.
Model S Plaid reaches 60 mph in under 2 seconds.
The Boeing 737 MAX returned to service in 2020.
He lives on the edge and loves extreme sports.
We walked down Abbey Road like the Beatles did.
The runners turned left onto Fifth Avenue at mile 23.
Traffic on Park Lane was slow all morning.
Buy 2 get 1 free on all drinks this week.
Our flight was delayed by 3 hours at Gate 22.
The winning ticket was number 4412.
Route 1 and Route 2 buses run every ten minutes.
Street Fighter 2 Turbo is still the best fighting game.
Version 10.2 Road Map lists the features for the next release.
""".splitlines()


def test_set_sizes():
    check_marked_sets(ADDRESSES, LOOKALIKES, 200, 80)
    check_distinct(ADDRESSES, LOOKALIKES)


#: Floors a little under the figures after this set's rules (recall even, odd; before them: 0.888 / 0.853,
#: precision 0.972 / 0.990; after: 1.0 / 0.879, precision 0.975 / 0.990: the even half's 3 "false" findings are
#: the postcode and second address line of two forms whose label lines the gold leaves unmarked; look-alikes 0
#: of 95 before and after).
FLOORS = (0.99, 0.87)


def test_blind_recall_and_precision(pii_annotator):
    check_halves(pii_annotator, ADDRESSES, "ADDRESS", FLOORS, 0.97)


def test_blind_lookalikes(pii_annotator):
    check_flagged(pii_annotator, LOOKALIKES, "ADDRESS", 0, ("ADDRESS",))


if __name__ == "__main__":
    print_address_halves([("en", ADDRESSES)], [("en look-alikes", LOOKALIKES)])
