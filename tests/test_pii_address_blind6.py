"""Sixth hand-written ADDRESS set (#16, helper address6), written in full before any rule was
changed for it, in the forms a held-out evaluation asks for: US, UK, Irish, Canadian, Australian,
New Zealand, Singapore and Indian addresses (number + street + type, flat/unit/suite, house names,
PO boxes, rural routes, H.No./Plot/Flat No., sector/phase/nagar/colony/layout, PIN codes, Eircodes),
addresses in news sentences, complaints, listings, invoices and lower-case chat; Chinese from 省 down
to 室 in full and partial forms (小区 + 栋, 村 + 组, a street alone, a junction), named buildings
(大厦, 广场, 中心, 花园, 公寓) before 座/栋/层/室, Hong Kong, Macau and Taiwan forms, traditional
characters, delivery notes, listings, complaints, news, contact pages and invoices; look-alikes in
both languages (Route 66 the song, songs and shows named after streets, version numbers, 10号线,
a textbook's 第3单元, times, prices, counts).

Convention: an address is marked whole from its largest unit down to the room, flat or postcode
(and the country when written inline); recipients, landmarks and institutions named after the
number are left out; a bare city or district alone is no address; a street alone, a junction or
小区 + building is a (partial) address.

Lines are split in two: even lines (0, 2, ...) were used to develop rules, odd lines are the
held-out half, looked at only for the score. Scoring is that of tests/pii_marked.py (a gold
span is found when an ADDRESS finding overlaps it).

    python -m tests.test_pii_address_blind6   # prints both halves' figures and the even misses
"""

from __future__ import annotations

import pytest

from tests.pii_linear import ratio
from tests.pii_marked import (
    check_distinct,
    check_flagged,
    check_halves,
    check_marked_sets,
    finding_texts,
    print_address_halves,
)

EN_ADDRESSES = """\
Please deliver to [[A:1620 Cherry Hill Road, Apt 3B, Ann Arbor, MI 48105]] before noon.
Our returns center is [[A:4400 Industrial Pkwy, Suite 120, Dayton, OH 45414]].
Checks payable to the club may be mailed to [[A:P.O. Box 8841, Tulsa, OK 74101]].
The open house is at [[A:92 Sycamore Court, Naperville, IL 60540]] on Sunday.
Bill to: [[A:780 Harbor Blvd, Unit 7, Costa Mesa, CA 92627]]
The tenant at [[A:1318 Pearl Street, Apt. 2, Boulder, CO 80302]] reported a leak.
He grew up at [[A:RR 1 Box 42, Bloomfield, IA 52537]].
Invoice address: [[A:2500 N Lamar Blvd Ste 300, Austin, TX 78705]]
Send donations to [[A:411 Walnut Street #12, Green Cove Springs, FL 32043]].
My new address is [[A:66 Linden Terrace, Montclair, NJ 07042]].
The shooting happened outside [[A:3400 block of W. Fullerton Ave]] late Friday, police said.
Firefighters were called to a home on [[A:Maple Ridge Drive]] in Fairfax County just after 2 a.m.
The museum at [[A:1000 Fifth Avenue, New York, NY 10028]] opens at ten.
The warehouse at [[A:15 Commerce Way, Edison, NJ 08837]] ships daily.
Return label: [[A:2901 S Sheridan Rd, Tacoma, WA 98409]]
Meet me at [[A:301 E Colfax Ave]] tomorrow.
Corporate HQ: [[A:One Microsoft Way, Redmond, WA 98052]]
We relocated to [[A:5700 Wilshire Boulevard, Suite 410, Los Angeles, California 90036]].
Seller's address: [[A:17 Old County Road, Rutland, VT 05701]]
Mail the ballot to [[A:P O Box 1299, Honolulu, HI 96807]].
The landlord never fixed the heat at [[A:847 Bergen Street, Apt 4R, Brooklyn, NY 11238]].
The suspect fled toward [[A:Pine Street and 3rd Avenue]], according to the report.
Ship order #5521 to [[A:12 Birch Lane, Hanover, NH 03755]].
The church is located at [[A:219 Elm St., Northampton, MA 01060]].
Contact us: [[A:1455 Market St, 4th Floor, San Francisco, CA 94103]] | Tel 415-555-0100
I lost my keys somewhere near [[A:54 Grove Street]].
Deliver to [[A:Flat 3, 12 Hill Road, Sheffield S7 1RX]] after 5pm.
The property at [[A:Rose Cottage, Mill Lane, Little Hadham, Hertfordshire SG11 2AE]] is for sale.
Our registered office is [[A:Unit 14, Parkway Trading Estate, Cardiff CF3 2PZ]].
Please return to [[A:9 Ashdown Close, Reading RG6 4BQ]].
She lives at [[A:Flat 2B, 88 Kensington Church Street, London W8 4BY]].
Send applications to [[A:The Manor House, 4 Church Lane, Oxford OX2 7AB]].
The shop at [[A:27 Market Place, Hexham, Northumberland NE46 1XQ]] has closed.
Our office moved to [[A:3rd Floor, 20 St Andrew Street, Edinburgh EH2 1AF]].
The flat at [[A:14 Cromwell Mews, Bristol BS8 2JP]] was advertised for £1,200 a month.
Write to the council at [[A:Civic Centre, Silver Street, Enfield EN1 3XA]].
Police were called to a house in [[A:Tennyson Crescent]], Wigan, on Tuesday evening.
A man was stabbed on [[A:Stanley Road]] in Bootle at around 11pm.
Address: [[A:Apartment 6, Victoria Wharf, 46 Sovereign Street, Leeds LS1 4BA]]
The pub is at [[A:2 Quay Street, Truro TR1 2HB]].
Please forward post to [[A:11 Honeysuckle Way, Thornbury, Bristol BS35 2FE]].
Our depot: [[A:Units 5-6, Fairfield Industrial Estate, Louth LN11 0YB]]
He gave his address as [[A:43 Glebe Road, Newry BT34 1DQ]].
Drop the parcel at [[A:Ivy House, High Street, Long Crendon HP18 9AN]].
Correspondence to [[A:PO Box 56, Swansea SA1 1XP]].
The café at [[A:1 Princes Parade, Hythe CT21 6AQ]] opens at 8.
The flat at [[A:Flat 7, Osborne Court, 21 Lansdowne Road, Bournemouth BH1 1RZ]] has damp.
Visit us at [[A:12 Grafton Street, Dublin 2, D02 X285]].
Our address is [[A:Unit 4, Ballycoolin Business Park, Dublin 15, D15 YK64]].
The B&B is at [[A:The Bridge House, Main Street, Adare, Co. Limerick V94 F9K2]].
Post the form to [[A:23 O'Connell Street, Ennis, Co. Clare V95 H2R3]].
She lives at [[A:7 Seaview Terrace, Bray, Co. Wicklow A98 W5N6]].
Send it to [[A:Apartment 12, The Maltings, Galway H91 C2X4]].
The meeting is at [[A:Ballyvolane House, Castlelyons, Co. Cork P61 FP70]].
Our store: [[A:14 Patrick Street, Kilkenny R95 K8X3]]
Address: [[A:6 Churchtown Road Upper, Dublin 14]]
The farm at [[A:Knockbrack, Kilmacthomas, Co. Waterford]] was sold.
Ship to [[A:Unit 2, 40 Kent Street, Sydney NSW 2000]].
The auction is at [[A:23 Jacaranda Avenue, Toowong QLD 4066]] on Saturday.
Our Perth office is [[A:Level 3, 190 St Georges Terrace, Perth WA 6000]].
Deliver to [[A:3/41 Chapel Street, St Kilda VIC 3182]].
Send to [[A:PO Box 345, Hobart TAS 7001]].
I live at [[A:8 Banksia Place, Alice Springs NT 0870]].
Registered office: [[A:Suite 2, 12 Grenfell Street, Adelaide SA 5000, Australia]]
The house at [[A:16 Kookaburra Close, Wagga Wagga NSW 2650]] is vacant.
Post to [[A:Unit 9, 150 Albert Road, South Melbourne VIC 3205]].
The clinic at [[A:2/7 Ocean Parade, Coffs Harbour NSW 2450]] closes at 6.
Deliver to [[A:24 Karaka Street, Takapuna, Auckland 0622]].
Our office is at [[A:Level 5, 109 Featherston Street, Wellington 6011, New Zealand]].
Send it to [[A:PO Box 13342, Christchurch 8141]].
The bach at [[A:31 Marine Parade, Paraparaumu Beach 5032]] sleeps six.
She lives at [[A:Flat 2, 17 Rata Road, Hamilton 3216]].
Post to [[A:RD 2, Matamata 3472]].
Address: [[A:5 Kowhai Crescent, Mount Maunganui, Tauranga 3116]]
Please ship to [[A:Blk 456 Ang Mo Kio Avenue 10, #08-1234, Singapore 560456]].
Our office: [[A:1 Raffles Place, #20-61, One Raffles Place Tower 2, Singapore 048616]]
Deliver to [[A:10 Anson Road, #27-15, International Plaza, Singapore 079903]].
She lives at [[A:Block 231 Bain Street, #03-05, Singapore 180231]].
Send to [[A:78 Shenton Way #12-01 Singapore 079120]].
Address: [[A:Blk 12 Toa Payoh Lorong 1 #05-22 S(310012)]]
The shop at [[A:391 Orchard Road, #B1-03, Ngee Ann City, Singapore 238872]] is open.
Mail to [[A:45 Jalan Bukit Merah, Singapore 169878]].
Deliver to [[A:H.No. 12-3-45, Bhagyanagar Colony, Kukatpally, Hyderabad 500072]].
Address: [[A:Flat No. 402, Sai Residency, Sector 15, Kharghar, Navi Mumbai 410210]]
Send the documents to [[A:Plot No. 27, Phase 2, MIDC, Chakan, Pune, Maharashtra 410501]].
My address is [[A:House No. 1123, Sector 21, Panchkula, Haryana 134112]].
Courier to [[A:No. 45, 3rd Cross, 5th Main, Jayanagar 4th Block, Bengaluru 560011]].
The office is at [[A:C-204, Ansal Plaza, Hudco Place, New Delhi 110049]].
Deliver at [[A:D-14, Vasant Vihar, New Delhi - 110057]].
Permanent address: S/o Ramesh Kumar, [[A:Village Rampur, Post Sarai, District Sitapur, Uttar Pradesh 261001]]
Ship to [[A:Flat 5C, Green Valley Apartments, Baner Road, Pune 411045]].
Address: [[A:#12, 1st Floor, 8th Cross, Malleshwaram, Bangalore - 560003, Karnataka]]
Send to [[A:Door No. 4/112, Gandhi Nagar, Vellore, Tamil Nadu 632006]].
Office: [[A:3rd Floor, Tower B, DLF Cyber City, Gurugram, Haryana 122002]]
He lives at [[A:Quarter No. 56, Railway Colony, Gorakhpur 273012]].
Deliver to [[A:Shop No. 7, Ground Floor, Laxmi Market, Lajpat Nagar, Kolkata 700029]].
Contact: [[A:Plot 88, Road No. 12, Banjara Hills, Hyderabad - 500034]]
Courier address: [[A:Flat No. 12, Block A, Kendriya Vihar, Sector 56, Noida 201301]]
Residence: [[A:22/7, Civil Lines, Jhansi, UP 284001]]
Mail: [[A:H. No. 564, Ward No. 9, Near Shiv Mandir, Sirsa, Haryana - 125055]]
Drop at [[A:B-3/45, Paschim Vihar, Delhi 110063]].
Address: [[A:1st Main Road, Indiranagar Stage 2, Bengaluru 560038]]
Send it to [[A:No. 8, Lakshmi Layout, Whitefield, Bangalore 560066]].
Deliver to [[A:Flat 3A, Tower 6, Emerald Heights, Sector 65, Gurgaon 122102]].
Return the parcel to [[A:Survey No. 14/2, Hinjewadi Phase 1, Pune 411057]].
Mailing address: [[A:PO Box 4, Mount Hagen]]
Send to [[A:2150 Lakeshore Blvd W, Unit 509, Toronto, ON M8V 4G9]].
Our Vancouver store is at [[A:1120 Robson Street, Vancouver, BC V6E 1B2]].
Mail to [[A:C.P. 6128, succursale Centre-ville, Montréal QC H3C 3J7]].
The home at [[A:38 Thornhill Crescent, Ottawa, Ontario K2G 4P5]] sold over asking.
Ship to [[A:RR 4, Site 12, Comp 8, Olds, AB T4H 1P5]].
Deliver to [[A:Apt 1207, 55 Elm Drive West, Mississauga ON L5B 3Z3]].
The office is at [[A:200 Bay Street, Suite 3800, Toronto, Ontario M5J 2Z4, Canada]].
Address for notices: [[A:1 Yonge St, Toronto ON M5E 1E5]]
The clinic is located at [[A:95 Bell Street North, Ottawa K1R 7E4]].
She lived at [[A:17 Hawthorne Avenue, Charlottetown, PE C1A 3V4]] as a child.
hey can u send it to [[A:24 oak ave apt 3 springfield]] thx
im at [[A:5 baker st]] come pick me up
new addy: [[A:81 elmwood dr, columbus oh 43213]]
ship to [[A:flat 4 22 kings road london sw3 4ua]] pls
my place is [[A:1209 s 4th st]] btw
dropped off at [[A:77 harbour st]] this morning
package went to [[A:33 cedar ln]] instead of my house
The delivery driver left my package at [[A:14 Rowan Close]] instead of number 41.
I've complained three times about the bins at [[A:Flat 9, Maple House, 2 Orchard Way, Croydon CR0 7AB]].
Nobody has fixed the street light outside [[A:112 Fern Avenue]] for six weeks.
The noise from the unit at [[A:45 Station Road, Harpenden AL5 4RY]] is unbearable.
My order was sent to my old address, [[A:9 Willow Walk, Ely CB7 4AZ]].
Your engineer never came to [[A:23 Abbey Road, Barrow-in-Furness LA14 1XH]].
They keep parking across the driveway of [[A:201 Laurel Street]].
The pothole on [[A:Greenway Avenue]] near the school damaged my tyre.
Water has been leaking into [[A:Apt 6C, 410 Grand Street, Hoboken, NJ 07030]] since March.
My refund was mailed to [[A:PO Box 7731, Fresno, CA 93747]] but never arrived.
The gas leak at [[A:18 Meadow Bank, Leeds LS6 3JZ]] was reported twice.
Two people were injured in a fire at a flat on [[A:Gloucester Road]], Bristol, on Monday.
The victim was found in a house on [[A:Brook Street]] in Ilford.
Officers attended an address in [[A:Greenfield Avenue, Harrow]] following reports of a disturbance.
The incident took place at [[A:500 W. Madison Street]] in Chicago, police said.
The bank robbery occurred at a branch at [[A:2230 Broadway]] in Oakland.
The new school will be built on land at [[A:Harrow Road]], Wembley.
Residents of [[A:Carlton Street]] in Cambridge said the flooding was the worst in years.
Police cordoned off [[A:Queen Street West]] between Spadina and Bathurst.
The blaze broke out at a warehouse on [[A:Industrial Road]] in Slough.
The suspect was arrested at his home on [[A:Oak Hollow Lane]] in Plano.
Listing: 3 bed semi, [[A:41 Beechwood Avenue, Coventry CV5 6FQ]], offers over £250,000
For rent: 2BR at [[A:980 N Damen Ave, Chicago, IL 60622]], $1,950/mo
Open house: [[A:15 Lupin Way, Papakura 2110]], Sunday 1-2pm
Vendor: Acme Supplies Ltd, [[A:14 Mill Street, Bedford MK40 3HD]], VAT No. GB123456789
Ship from: [[A:Building 3, 150 Industrial Road, Guelph ON N1K 1B1]]
Remit to: [[A:Dept 4410, PO Box 9201, Minneapolis MN 55480-9201]]
Head office, [[A:Ground Floor, 5 Mayfair Place, London W1J 8AJ]]
Visit our showroom at [[A:Unit B2, Phoenix Park, Eaton Socon, St Neots PE19 8EP]]
The dental clinic at [[A:Shop 4, 2-6 Hunter Street, Hornsby NSW 2077]] takes new patients.
Venue: [[A:St Mary's Hall, Church Road, Frimley, Camberley GU16 7AD]]
He was born at [[A:12 Coronation Street, Salford]] in 1962.
The family moved from [[A:33 Rue de la Paix, Ottawa]] to Calgary.
Parcel waiting at [[A:Post Office, 16 High Street, Haslemere GU27 2HJ]]
They bought [[A:Woodside Farm, Long Lane, Tatsfield, Westerham TN16 2EP]].
Their cottage at [[A:Low Row, Swaledale, North Yorkshire DL11 6PY]] flooded.
The hostel is at [[A:Flat 1/2, 12 Gibson Street, Glasgow G12 8NX]].
The bookshop at [[A:The Old Bakery, 3 Bridge Street, Hay-on-Wye HR3 5DE]] is famous.
Our clinic is at [[A:Suite 401, 1033 Bay Street, Toronto]].
Kindly send the cheque to [[A:A-52, Sector 2, Noida 201301]].
Please courier it to [[A:12/4 Park Street, Kolkata 700016]].
Please visit [[A:Shop 12, Westfield Plaza, 80 Albert Street, Brisbane QLD 4000]].
The body was found at a property on [[A:Whitehall Road]] in Gateshead.
Her last known address was [[A:Flat 18, Harrison House, Albert Road, Southsea PO4 0JT]].
Court papers list his address as [[A:2210 Oak Street, Apt 14, Santa Monica, CA 90405]].
He was living at [[A:76 Beaumont Street, Auckland Central, Auckland 1010]] at the time.
Address of the premises: [[A:Unit 3, 7 Industry Road, Penrose, Auckland 1061]]
Kindly deliver to [[A:Flat 101, Kamla Heights, Opp. City Mall, Andheri West, Mumbai 400053]].
Address: [[A:Khasra No. 45, Village Bhatgaon, Tehsil Sonipat, Haryana]]
The warehouse: [[A:Plot No. E-12, RIICO Industrial Area, Sitapura, Jaipur 302022]]
Write to The Secretary, [[A:5 Ring Road, Lajpat Nagar IV, New Delhi 110024]].
Send the sample to [[A:45 Gordon Street, Glasgow G1 3PE, Scotland]].
He lived at [[A:7 Fitzroy Street, Newtown, Wellington 6021]].
Shop address: [[A:150 Ponsonby Road, Grey Lynn, Auckland]]
Deliver to [[A:4 Tui Street, Taupō]].
We met at [[A:55 Collins St, Melbourne]] for coffee.
The warehouse is on [[A:Canning Highway, Applecross]].
My post box is [[A:PO Box 301, Gisborne 4040]].
Return to [[A:Unit 8, 22-24 Wharf Road, Ellerslie, Auckland 1051]].
The farmhouse is at [[A:1420 Old Coach Road, RD 1, Taupō 3377]].
Address on the invoice: [[A:Block 8, Tampines Street 81, #02-10, Singapore 520008]]
Deliver to [[A:2 Orchard Turn, #04-11, ION Orchard, Singapore 238801]].
She was staying at [[A:Room 412, Holiday Inn, 15 Church Street, Birmingham B3 2RT]].
Please send the keys to [[A:Basement Flat, 23 Clifton Gardens, London W9 1AL]].
Ship to [[A:Studio 4, The Arches, 67 Queens Road, Brighton BN1 3XD]].
Correspondence: [[A:Suite 1500, 10 King Street East, Toronto, M5C 1C3]]
The hearing will be held at [[A:Courtroom 4, 100 Main Street, Jonesboro, AR 72401]].
He rents a basement on [[A:Cedar Avenue]] in Scarborough.
Bins on [[A:Waverley Road]] have not been collected for two weeks.
The office of [[A:Flat No. 6, Shanti Kunj, Ashok Nagar, Ranchi 834002]] was raided.
Our new studio is at [[A:Unit 12, 3 Sugar House Lane, London E15 2QS]].
Deliver to [[A:Flat 22, Block C, Rosebank Estate, Dunfermline KY11 4JD]].
I'm staying at [[A:19 Laburnum Grove, Portsmouth]] until Friday.
Send the invoice to [[A:4th Floor, 100 Queen Street, Melbourne VIC 3000]].
Address: [[A:32 Hollybush Lane, Welwyn Garden City, Herts AL7 4JS]]
The shop on [[A:Victoria Road, Wargrave]] closed last year.
Reply to [[A:P.O. Box 2250, Station A, Vancouver, BC V6B 3W6]].
Ship to [[A:1 Harbourfront Walk, #03-01, VivoCity, Singapore 098585]].
Registered address: [[A:Office No. 305, Shivalik Shilp, Iskcon Cross Road, Ahmedabad 380015, Gujarat]]
Address: [[A:Room 9, 2nd Floor, Nehru Place, New Delhi 110019]]
Deliver to [[A:27 Rue Principale, Gatineau, QC J8T 4A1]].
The house at [[A:5 Pohutukawa Drive, Whitianga 3510]] is on the market.
The guesthouse at [[A:Ardmore, Kilbrittain, Co. Cork]] is closed for winter.
Mail to [[A:General Delivery, Dawson City, YT Y0B 1G0]].
We stayed at [[A:Apartment 3, 41 Dame Street, Dublin 2]].
Invoice to: [[A:Unit 6, 25 Parkes Street, Queanbeyan NSW 2620]]
The man lived on [[A:Ashford Road]] in Eastbourne, neighbours said.
Our branch: [[A:SCO 42, Sector 17-C, Chandigarh 160017]]
Delivery address - [[A:H No 15, Gali No 3, Shastri Nagar, Meerut 250004]]
Leave it at [[A:The Stables, Brook Lane, Feering, Colchester CO5 9QT]].
""".splitlines()

EN_LOOKALIKES = """\
Get your kicks on Route 66, the band sang all night.
Upgrade to version 12.4.1 before Friday.
The meeting starts at 10:30 and ends at 12 noon.
Tickets cost $45 per person, $30 for students.
Turn to Unit 3 of the textbook and read chapter 12.
Flat 3% growth is expected next quarter.
Line 10 trains are delayed by 15 minutes.
He scored 12 points in the second half.
The model X200 ships with 16 GB of RAM.
Section 4.2 covers the main results.
The 405 Fahrenheit oven setting burned the bread.
She ran 5 miles along the road this morning.
Abbey Road is the eleventh studio album by the Beatles.
Baker Street was a hit single for Gerry Rafferty in 1978.
Penny Lane is in my ears and in my eyes.
Sesame Street first aired in 1969.
Coronation Street is Britain's longest-running soap.
Wall Street rallied on Friday after the jobs report.
The Downing Street spokesman declined to comment.
Fleet Street papers ran the story on page 3.
Park Avenue apartments cost more than houses.
Madison Avenue agencies lost 12 clients this year.
The film 21 Jump Street opened in March 2012.
Interstate 95 traffic was heavy over the holiday weekend.
We watched 42nd Street on Broadway in 2019.
Apollo 13 launched on April 11, 1970.
The score was 21-14 at halftime.
Room temperature should be 20 to 22 degrees.
The Boeing 737 MAX returned to service in 2020.
Call 1-800-555-0199 for support.
Order 12 boxes and get 3 free.
The recipe needs 2 cups flour and 1 tsp salt.
Chapter 11 bankruptcy was filed in 2009.
The building has 45 floors and 12 lifts.
Platform 9 and three quarters is in King's Cross.
Highway 61 Revisited is a Bob Dylan album.
Studio 54 was famous in the 1970s.
There are 7 lanes on the new bridge.
Block 3 of the exam covers statistics.
Suite No. 1 in G major is often played at weddings.
Level 5 of the game is the hardest.
The 2024 Street Fighter tournament had 500 entrants.
The court ruled 5-4 on Monday.
Pages 12 to 45 are missing.
The winning lottery numbers were 4, 12, 19, 33 and 41.
He was born in 1985 in Ohio.
The hotel has 300 rooms across 12 floors.
Our plan costs £9.99 a month.
Windows 11 build 22631 fixed the bug.
Python 3.12 drops the distutils module.
The Thames flows through London.
Travel to Sydney takes 22 hours.
I moved to Toronto last year.
Traffic on the M25 was slow this morning.
The 3 Musketeers is a classic novel.
She lives in Bangalore with her parents.
He works in Dublin but lives in Galway.
Jump Street was the name of the show.
Easy Street is where we all want to live.
My brother drives a 2015 Ford Focus.
Flat white costs 4.50 at the café.
The unit price is 12.99 per box.
Sector 7 of the economy grew fastest.
The Phase 2 trial enrolled 400 patients.
Plot 3 of the novel is the best twist.
Tower 2 of the cathedral was restored.
Mumbai Indians won by 12 runs.
Line 4 of the poem rhymes with line 2.
Gate 14 closes 20 minutes before departure.
He finished 2nd in the 400 m.
The box weighs 12 kg and measures 40 by 30 cm.
The V8 engine delivers 450 hp.
Kingdom Hearts 3 launched in January.
Elm Street nightmares still scare me.
In 2019 she won 3 medals.
The bus stops every 10 minutes at peak times.
The main road was blocked by snow for 3 days.
Apartment prices rose 12 percent in 2023.
The Post Office Box office was closed on Sunday.
Bus 42 goes to the airport.
Hit play on Route 66 by Nat King Cole.
Take 2 tablets 3 times a day after meals.
The flight lands at 6:45 pm local time, gate 22.
Revenue reached 4.5 billion in Q3 2024.
""".splitlines()

ZH_ADDRESSES = """\
收货地址：[[A:浙江省杭州市西湖区文三路478号华星时代广场A座1203室]]
请寄到[[A:江苏省南京市鼓楼区中山北路105号]]，谢谢。
[[A:广东省深圳市南山区科技园南区高新南七道12号]]是我们的新办公地址。
快递放在[[A:北京市朝阳区望京街道阜通东大街6号院3号楼2单元1801]]门口就行。
公司地址：[[A:上海市浦东新区张江高科技园区碧波路690号4幢302室]]
发票邮寄地址：[[A:四川省成都市武侯区人民南路四段27号]]
他家住在[[A:湖南省长沙市岳麓区麓山南路932号]]。
本店地址：[[A:山东省青岛市市南区香港中路76号颐和国际大厦B座15层]]
请将材料寄往[[A:河南省郑州市金水区花园路39号]]。
我的地址是[[A:福建省厦门市思明区鹭江道8号国际银行大厦28楼]]。
[[A:湖北省武汉市洪山区珞喻路1037号]]附近有个地铁站。
收件人：王女士，[[A:陕西省西安市雁塔区小寨东路126号百隆广场2号楼1105]]
送货地址：[[A:辽宁省大连市中山区人民路23号]]
发货地：[[A:天津市和平区南京路189号津汇广场]]
地址：[[A:重庆市渝中区解放碑民权路28号英利国际金融中心42楼]]
请送到[[A:云南省昆明市五华区东风西路11号]]。
他在[[A:安徽省合肥市蜀山区黄山路599号时代数码港1201室]]办公。
老家在[[A:江西省赣州市于都县贡江镇长征大道66号]]。
注册地址：[[A:广西壮族自治区南宁市青秀区民族大道136号]]
我们搬到了[[A:内蒙古自治区呼和浩特市赛罕区大学东街235号]]。
[[A:新疆维吾尔自治区乌鲁木齐市天山区解放南路100号]]有一家老字号。
邮寄至[[A:黑龙江省哈尔滨市南岗区西大直街92号]]。
户籍地址：[[A:河北省保定市涿州市松林店镇南马村3组]]
住址：[[A:贵州省遵义市红花岗区老城街道凤凰路55号2栋3单元401]]
收货人地址：[[A:吉林省长春市朝阳区人民大街5988号]]
办公地点：[[A:山西省太原市小店区长治路111号山西世贸中心A座2001]]
寄送地址为[[A:甘肃省兰州市城关区东岗西路638号]]。
[[A:海南省海口市美兰区海府路3号]]是他的住所。
我家在[[A:宁夏回族自治区银川市兴庆区解放西街2号]]。
他住在[[A:青海省西宁市城西区五四大街18号]]。
快递地址：[[A:西藏自治区拉萨市城关区北京中路48号]]
请寄至[[A:浙江省宁波市鄞州区首南街道天童南路588号宁波城投大厦1802室]]。
收货地址：[[A:广州市天河区珠江新城华夏路10号富力中心32楼]]
请送到[[A:深圳市福田区深南大道6008号特区报业大厦15楼]]。
地址是[[A:杭州市滨江区网商路699号]]。
我住[[A:成都市锦江区春熙路北段18号]]附近。
[[A:南京市玄武区珠江路88号新世界中心A座2208室]]，联系电话见下。
[[A:苏州市工业园区星湖街328号创意产业园7栋]]是我们的研发中心。
[[A:武汉市江汉区建设大道568号新世界国贸大厦I座39层]]
店铺地址：[[A:西安市碑林区南大街端履门口22号]]
[[A:厦门市湖里区吕岭路1733号创想中心5楼]]，欢迎来访。
地址：[[A:长沙市开福区芙蓉中路一段478号运达国际广场18楼]]
请寄到[[A:东莞市南城区鸿福路200号第一国际汇一城2栋1103]]。
[[A:佛山市禅城区季华五路23号]]
收件地址：[[A:无锡市梁溪区中山路218号]]
我在[[A:大连市沙河口区中山路572号星海广场]]等你。
寄到[[A:郑州市郑东新区商务外环路20号海联大厦16层]]就行。
请送至[[A:石家庄市长安区中山东路39号勒泰中心写字楼A座2306]]。
[[A:济南市历下区泉城路180号]]有家银行。
我家住[[A:阳光花园3栋2单元501]]。
快递放[[A:万科城市花园12栋]]门卫。
麻烦送到[[A:碧桂园凤凰城凤馨苑8栋1302]]。
我住在[[A:翠苑小区16幢3单元201室]]。
外卖送到[[A:锦绣江南小区5号楼]]楼下。
地址：[[A:金色家园二期9栋1单元602]]
[[A:华润城润府3期2座2503]]，到了打电话。
他住[[A:恒大名都7号楼1单元1102]]。
快递到[[A:绿地新都会A3栋1808]]。
送货到[[A:保利香槟国际12栋]]，谢谢。
我在[[A:中海国际社区B区23栋]]。
放到[[A:东方明珠花园6号楼]]的快递柜。
住址：[[A:龙湖天街公寓A座1506]]
[[A:融侨华府15号楼2单元]]的业主反映电梯故障。
我们小区[[A:世纪城龙祥苑4栋]]停水了。
寄到[[A:建国门外大街1号国贸大厦A座18层]]。
他在[[A:中关村大街27号中关村大厦1108室]]上班。
请送到[[A:环球金融中心56层]]前台。
我们公司在[[A:来福士广场T1座32楼]]。
会议在[[A:国际会展中心3号馆]]举行。
我在[[A:万达广场B座1208]]办公。
请到[[A:金融街购物中心L3层]]取件。
店在[[A:银泰中心C座1层]]。
送到[[A:华贸中心写字楼3座1501]]。
[[A:世贸大厦28层2808室]]是律师事务所。
他住在[[A:碧海蓝天公寓12层1203室]]。
货送到[[A:新天地大厦B座]]前台即可。
寄到[[A:星河湾花园9座1702]]。
[[A:凯德广场办公楼15层]]招租。
送至[[A:紫荆公寓2号楼806]]。
老家是[[A:河南省周口市郸城县汲冢镇李楼村2组]]的。
地址：[[A:湖北省黄冈市麻城市宋埠镇彭店村五组]]
他回到了[[A:山东省临沂市沂南县岸堤镇朱家林村]]。
[[A:王家庄村3组]]的村民反映道路破损。
收货地址：[[A:安徽省阜阳市临泉县城关镇南街村]]
我们村是[[A:刘家沟村]]，在山里。
户籍：[[A:四川省南充市仪陇县马鞍镇红旗村6社]]
送到[[A:张庄村委会]]旁边的小卖部。
寄到[[A:江西省上饶市鄱阳县饶州街道]]。
他住在[[A:岳麓区桃子湖路]]一带。
我家在[[A:中山路]]上。
店开在[[A:解放西路]]。
事故发生在[[A:人民大道与延安东路交叉口]]。
约在[[A:南京东路]]步行街口见。
他们搬到了[[A:汉阳区鹦鹉大道]]。
[[A:和平里北街]]的老房子要拆了。
快递请寄[[A:香港九龍旺角彌敦道688號旺角中心一期12樓1205室]]。
公司地址：[[A:香港中環皇后大道中99號中環中心45樓]]
寄到[[A:香港九龙尖沙咀广东道30号新港中心2座15楼]]。
我住在[[A:香港新界沙田火炭坳背灣街2號]]。
地址：[[A:香港灣仔港灣道18號中環廣場35樓3501室]]
他家在[[A:香港島北角英皇道500號]]。
送到[[A:九龍觀塘鴻圖道52號百本中心7樓B室]]。
[[A:澳门新口岸宋玉生广场258号建兴龙广场8楼]]
寄往[[A:澳門氹仔飛機場大馬路1號]]。
地址：[[A:澳门水坑尾街162号]]
我们办公室在[[A:台北市大安區忠孝東路四段181號5樓]]。
寄到[[A:台湾台北市信义区信义路五段7号]]。
[[A:台中市西屯區台灣大道三段99號]]
收件地址：[[A:高雄市前金區中正四路211號8樓之1]]
住址：[[A:新北市板橋區文化路一段188巷25號3樓]]
[[A:桃園市中壢區中大路300號]]是大學地址。
送到[[A:台南市東區大學路1號]]。
寄到[[A:臺北市中正區重慶南路一段122號]]。
請寄至[[A:廣東省廣州市越秀區北京路238號]]。
地址：[[A:上海市靜安區南京西路1266號恆隆廣場一座35樓]]
我們搬到了[[A:深圳市南山區海德三道1088號]]。
收貨地址：[[A:北京市海淀區中關村大街1號海龍大廈12層]]
他在[[A:九龍灣宏照道33號國際交易中心]]工作。
【京东快递】您的包裹已到达[[A:朝阳区建国路88号SOHO现代城]]，请及时领取。
【顺丰】收件人王先生，[[A:上海市徐汇区漕溪北路88号圣爱大厦1203室]]，电话138****1234。
订单已发货，收货地址：[[A:福州市鼓楼区五四路89号置地广场2301]]。
配送地址：[[A:杭州市余杭区五常街道文一西路969号]]阿里巴巴西溪园区。
送餐到[[A:天府软件园D区6栋]]。
麻烦放[[A:西湖区古荡街道嘉绿苑小区]]东门快递柜。
【菜鸟驿站】请到[[A:瑞安市安阳街道万松东路85号]]取件。
收件：[[A:南宁市西乡塘区大学东路100号]]广西大学东门。
出租：[[A:朝阳区望京西园三区312号楼]]，两室一厅，月租6500元。
二手房出售：[[A:浦东新区世纪大道1500号东方大厦]]，面积120平米。
房源地址：[[A:天河区体育西路103号维多利广场B塔2506]]，精装修。
招租：[[A:滨江区江南大道3850号创意大厦]]，整层出租。
门面转让，[[A:雁塔区科技路48号]]，临街旺铺。
新盘推荐：[[A:萧山区市心北路与金城路交叉口]]，均价3万。
出售[[A:金地格林小城5期32栋]]，南北通透。
我要投诉，[[A:海淀区学院路30号]]的店铺卖假货。
[[A:长宁区延安西路2299号世贸商城]]的物业一直不管漏水。
[[A:南山区桃园路8号田厦国际中心]]的电梯坏了一个月没人修。
我住[[A:幸福里小区8号楼2单元301]]，楼上天天装修噪音很大。
[[A:丰台区南三环西路16号]]附近的垃圾堆了好几天。
投诉：[[A:天河北路233号中信广场]]停车场乱收费。
[[A:江北区观音桥步行街7号]]的商家缺斤少两。
楼下[[A:翠湖天地5栋]]的餐馆油烟太大。
据报道，火灾发生在[[A:广州市白云区石井街道庆丰村]]一处厂房。
警方在[[A:北京市丰台区看丹路]]一处出租屋内将嫌疑人抓获。
事故发生在[[A:杭州市拱墅区莫干山路1418号]]一家仓库，造成两人受伤。
记者来到位于[[A:成都市武侯区科华北路65号]]的这家医院。
该项目位于[[A:雄安新区容城县容城镇金台路]]，总投资50亿元。
昨日，[[A:郑州市二七区大学路80号]]发生一起燃气泄漏事件。
新开的图书馆位于[[A:深圳市福田区福中一路2001号]]。
救援人员赶到[[A:宜宾市长宁县双河镇葡萄村]]进行搜救。
市民反映，[[A:长春市南关区亚泰大街与卫星路交汇处]]积水严重。
嫌疑人住在[[A:南昌市青山湖区北京东路188号]]。
地址：[[A:北京市东城区东长安街1号东方广场W1座8层]] 电话：010-85181234
联系我们：[[A:上海市黄浦区中山东一路18号]]，邮编200002
总部：[[A:深圳市南山区深南大道10000号腾讯大厦]]
公司地址：[[A:杭州市西湖区西溪路556号8号楼]]，工作时间9:00-18:00
地址：[[A:广州市海珠区新港中路397号]] 邮编：510310
营业地址：[[A:成都市高新区天府大道北段1700号环球中心W6区10楼]]
购方地址：[[A:天津市滨海新区第二大街62号]]，电话022-66281234
销售方地址：[[A:苏州市吴中区东吴北路188号]]
开户行地址：[[A:南京市建邺区江东中路222号]]
单位地址：[[A:合肥市包河区马鞍山路130号]]
学校地址：[[A:湖南省湘潭市雨湖区羊牯塘街道27号]]
医院地址：[[A:广西南宁市双拥路6号]]
请寄到[[A:上海市闵行区七宝镇漕宝路3366号7号楼1402室]]，邮编201101。
寄[[A:北京市西城区金融大街35号国际企业大厦C座6层]]，张先生收。
地址：[[A:浙江省温州市鹿城区五马街道解放街108号]]
[[A:辽宁省沈阳市和平区南京南街1号]]
送达：[[A:重庆市沙坪坝区沙正街174号]]
他家住在[[A:湖北省宜昌市夷陵区小溪塔街道发展大道57号]]。
我的住址是[[A:江苏省扬州市广陵区文昌中路18号]]。
收件地址：[[A:云南省大理白族自治州大理市下关镇人民南路21号]]
请寄到[[A:贵州省黔东南苗族侗族自治州凯里市北京东路3号]]。
地址：[[A:吉林省延边朝鲜族自治州延吉市光明街88号]]
[[A:湖南省湘西土家族苗族自治州吉首市人民北路12号]]
老家：[[A:四川省凉山彝族自治州西昌市长安街道]]
住[[A:西湖区文二路391号西湖国际科技大厦B座9楼]]。
送[[A:望京SOHO塔3B座1608]]。
到了[[A:国贸三期A座]]楼下给我打电话。
我在[[A:中关村软件园10号楼]]。
货放[[A:金茂大厦88层]]。
他在[[A:嘉里中心南楼2209]]上班。
寄到[[A:世纪金源购物中心5楼]]。
住在[[A:保利花园一期6栋1404]]。
[[A:东湖花园三区12栋2单元]]今天停电。
[[A:丽都花园C座8楼]]漏水了。
送到[[A:海岸城购物中心2层]]的星巴克。
寄到[[A:北京市朝阳区东三环中路1号环球金融中心西楼20层]]。
发到[[A:广东省珠海市香洲区吉大九洲大道东1154号]]。
地址是[[A:浙江省义乌市稠城街道宾王路158号]]。
送到[[A:江苏省昆山市花桥镇商务大道99号]]。
快递到[[A:福建省泉州市晋江市陈埭镇湖中村]]。
寄到[[A:广东省汕头市潮阳区谷饶镇华光村六组]]。
户口在[[A:河北省邯郸市魏县牙里镇]]。
我家在[[A:山东省菏泽市曹县庄寨镇]]，做汉服的。
他来自[[A:陕西省榆林市米脂县银州街道]]。
收件地址：[[A:新疆乌鲁木齐市沙依巴克区友好北路689号]]
送货至[[A:内蒙古包头市昆都仑区钢铁大街33号]]
寄往[[A:西藏拉萨市城关区江苏路28号]]。
我住在[[A:上海市长宁区虹桥路1386号文广大厦]]附近。
门店：[[A:北京市西城区西单北大街131号西单大悦城6层]]
[[A:天津市南开区鞍山西道171号]]是他们的旧址。
寄件人地址：[[A:江苏省常州市武进区湖塘镇花园街118号]]
地址：[[A:杭州市上城区解放路138号]]（近延安路）
送到[[A:北京市海淀区上地十街10号百度大厦]]。
收货人：李先生 [[A:湖南省株洲市天元区泰山路88号湘水湾小区7栋2单元1602]] 手机尾号5678
麻烦寄到[[A:宁波市海曙区鼓楼街道中山西路2号]]，到付。
[[A:昆明市盘龙区北京路985号]]，这里有一家老茶馆。
我住在[[A:青岛市崂山区海尔路1号]]附近的小区。
地址：[[A:哈尔滨市道里区中央大街100号]]
寄至：[[A:九龙塘达之路80号又一城]]
[[A:沙田正街18號新城市廣場一期9樓]]的店。
送到[[A:南京市江宁区秣陵街道胜太路77号]]。
他家在[[A:李家村7组12号]]。
[[A:保定市竞秀区朝阳北大街2266号]]，招聘面试地点。
""".splitlines()

ZH_LOOKALIKES = """\
请把软件升级到版本号3.2.1。
地铁10号线今天延误了15分钟。
请翻到课本第3单元第5课。
他买了2号楼盘的股票。
这部电影讲的是66号公路的故事。
会议定在下午3点半开始。
这件衣服售价199元，打八折。
12号台风“山竹”即将登陆。
明天是5月12号，别忘了交作业。
他在第3层关卡卡住了。
我们班在三楼上课。
1号文件强调了乡村振兴。
本次考试共有12道题。
他是3号选手，得了第一名。
这个小区绿化很好。
我喜欢住在海边。
她家离公司很远。
请在A4纸上填写。
他跑了5公里。
国道318号风景很美。
他考了98分。
二号线换乘站在人民广场。
这栋楼有32层高。
第5章讲的是城市规划。
我们公司在北京有三个办公室。
手机号码是138开头的。
文件编号：GB/T 2260-2007。
下单编号12345678，已付款。
第十二届全国人大第三次会议在京召开。
这座大厦建于1998年。
新冠疫情期间他在家办公。
中心思想是热爱祖国。
他在花园里种了三棵树。
广场舞大妈们每天晚上七点开始跳舞。
公寓管理条例第8条规定不能养宠物。
世界第一高楼有163层。
iPhone 15 Pro售价7999元。
三号电池用完了。
他住院住了12天。
请到3号窗口办理。
本店营业时间：9:00-21:00。
第1单元测试成绩出来了。
我买了2斤苹果，花了15块。
他在十字路口等红灯。
高速公路上发生了追尾。
我们走了很长的路。
这条路很宽。
道路千万条，安全第一条。
一号店今天开业。
长江是中国最长的河流。
他去北京出差了。
我在上海工作，在苏州住。
广东省今年GDP增长5%。
成都是一座来了就不想走的城市。
北京时间12点整。
3栋2单元在数学题里代表坐标。
第2期培训班开始报名。
5G基站已覆盖全市。
这次活动共有120人参加。
门票价格：成人80元，儿童40元。
第26届世界大学生运动会在成都举行。
他是班里的3号种子选手。
主楼层数为18层，高度60米。
新版本v2.3.5修复了闪退问题。
请拨打12345市民热线。
会员号：A8801234。
他乘坐的是G102次列车，12车厢5号座。
这首歌叫《南京南京》。
《北京欢迎你》是奥运歌曲。
春天来了，公园里的花都开了。
路由器需要重启一下。
这个产品型号是XH-2000。
三楼的楼梯间灯坏了吗？
口号是“团结一心”。
这部剧一共36集，第12集最精彩。
他在12楼的会议室开会，讨论了3个方案。
全市共有18个区县。
这所学校有3个校区。
股票代码600519。
他今年32岁，身高178厘米。
鲁迅的《故乡》收录在第三单元。
华为Mate 60上市首日销量突破10万台。
这座城市有很多历史建筑。
距离目的地还有3.5公里。
""".splitlines()


def test_set_sizes():
    check_marked_sets(EN_ADDRESSES, EN_LOOKALIKES, 200, 80)
    check_marked_sets(ZH_ADDRESSES, ZH_LOOKALIKES, 200, 80)
    check_distinct(EN_ADDRESSES, ZH_ADDRESSES, EN_LOOKALIKES, ZH_LOOKALIKES)


#: Floors a little under the figures measured after this set's rules (recall even, odd; before them: en
#: 0.841 / 0.877, zh 0.860 / 0.897; after: en 0.944 / 0.906, zh 0.953 / 0.897; precision 1.0).
FLOORS = {"en": (0.93, 0.89), "zh": (0.94, 0.88)}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_blind_recall_and_precision(pii_annotator, lang):
    lines = EN_ADDRESSES if lang == "en" else ZH_ADDRESSES
    check_halves(pii_annotator, lines, "ADDRESS", FLOORS[lang], 0.98)


@pytest.mark.xfail(
    reason="1 English (a TV show named after a street) and 2 Chinese look-alikes flagged, before and after this set's rules",
    strict=True,
)
def test_blind_lookalikes(pii_annotator):
    check_flagged(pii_annotator, EN_LOOKALIKES + ZH_LOOKALIKES, "ADDRESS", 0, ("ADDRESS",))


@pytest.mark.parametrize(
    "text, address",
    [
        # a state code and ZIP before a lower-case word, a unit before a space-separated town
        ("Mail it to PO Box 512, Fresno, CA 93701 but it came back.", "PO Box 512, Fresno, CA 93701"),
        (
            "Send to 9 Temasek Boulevard #31-02 Singapore 038989.",
            "9 Temasek Boulevard #31-02 Singapore 038989",
        ),
        ("Ship to Blk 88 Tampines Street 81, #11-1520, Singapore 520088.", "#11-1520, Singapore 520088"),
        # a building or block word before a flat, a named house before the street
        ("Deliver to Flat 8, Block D, Meadow Court, Kirkcaldy KY1 2AB.", "Flat 8, Block D, Meadow Court"),
        ("Ship from: Building 7, 40 Mill Road, Hamilton ON L8N 3A2", "Building 7, 40 Mill Road"),
        ("Address: The Old Brewery, 5 Kiln Lane, Malton YO17 7AB", "The Old Brewery, 5 Kiln Lane"),
        # PO box forms: GPO box, private bag, case postale, rural delivery, general delivery
        ("Reply to GPO Box 1421, Brisbane QLD 4001.", "GPO Box 1421, Brisbane QLD 4001"),
        ("Write to Private Bag 3012, Rotorua 3046.", "Private Bag 3012, Rotorua 3046"),
        ("Écrivez à C.P. 910, Sherbrooke QC J1H 5L3.", "C.P. 910"),
        ("The farm is at RD 4, Masterton 5884.", "RD 4, Masterton 5884"),
        ("Send it to General Delivery, Whitehorse, YT Y1A 2B0.", "General Delivery, Whitehorse, YT Y1A 2B0"),
        # Indian: any town with its PIN when a locality word names a part; B-3/45 and SCO house numbers
        (
            "Deliver at Flat No. 9, Gokul Kunj, Ram Nagar, Bhopal 462001.",
            "Flat No. 9, Gokul Kunj, Ram Nagar, Bhopal 462001",
        ),
        ("Address: 14/3, Civil Lines, Bareilly, UP 243001", "14/3, Civil Lines, Bareilly, UP 243001"),
        ("Drop at C-7/12, Rohini Sector 8, Delhi 110085.", "C-7/12, Rohini Sector 8, Delhi 110085"),
        ("Branch: SCO 118, Sector 34-A, Chandigarh 160022", "SCO 118, Sector 34-A, Chandigarh 160022"),
        (
            "Ship to Shop 5, Opp. Bus Stand, Main Road, Nashik 422001.",
            "Shop 5, Opp. Bus Stand, Main Road, Nashik 422001",
        ),
        # a street named alone with its town after it (news, complaints)
        ("Residents of Poplar Avenue in Derby say the drains are blocked.", "Poplar Avenue"),
        ("He rents a room on Fenwick Road in Sunderland.", "Fenwick Road"),
        ("Drivers on Barton Lane in Eccles face delays.", "Barton Lane"),
        # Chinese: a road named with its direction or before a word of nearness, alone
        ("店开在建设北路。", "建设北路"),
        ("酒店就在人民路附近，交通方便。", "人民路"),
        ("就在淮海东路上，离地铁近。", "淮海东路"),
        # one building of a named estate or park, with its phase or lettered area
        ("快递放绿城桂语天地8幢门卫。", "绿城桂语天地8幢"),
        ("出售碧桂园天玺湾3期12栋，满五唯一。", "碧桂园天玺湾3期12栋"),
        ("送到高新软件园B区4栋。", "高新软件园B区4栋"),
        # a verb of sending before an estate, a bare room after a plaza, a tower letter, 街道, a village group
        ("请送至金色家园2号楼1203。", "金色家园2号楼1203"),
        ("寄到杭州市上城区解放路100号银泰广场1806。", "杭州市上城区解放路100号银泰广场1806"),
        (
            "地址：深圳市南山区科技南路18号深圳湾科技生态园C塔1201",
            "深圳市南山区科技南路18号深圳湾科技生态园C塔1201",
        ),
        ("户籍：陕西省榆林市米脂县龙州街道。", "陕西省榆林市米脂县龙州街道"),
        ("他家在王家村3组21号。", "王家村3组21号"),
    ],
)
def test_new_forms(pii_annotator, text, address):
    spans = finding_texts(pii_annotator, text, "ADDRESS")
    assert any(address in s for s in spans), spans
    if address.startswith(("金色", "绿城", "碧桂园", "建设", "人民", "淮海")):
        assert address in spans, spans  # the whole span and nothing before it


@pytest.mark.parametrize(
    "text",
    [
        "他们在一带一路沿线投资。",
        "就在商业街附近，很吵。",
        "走到十字路附近就能看到。",
        "红军西路军的故事。",
        "美国东北路易斯安那州。",
        "车辆往北路上走。",
        "小区里有12栋楼。",
        "这个花园共建了12栋。",
        "购物中心3楼有儿童乐园。",
        "能看见西街上的游客。",
        "Shares fell on Wall Street in New York.",
        "We walked on Kings Road in May.",
        "The stall in Hester Street Fair in 2019 sold out.",
        "Order No. 5, Item 4, Total 123456",
        "Take the exit onto Hill RD 2, Then turn left.",
        "Invoice No. 12, Batch 7, Total Amount 250000",
    ],
)
def test_new_forms_lookalikes(pii_annotator, text):
    assert not finding_texts(pii_annotator, text, "ADDRESS"), text


#: Torture shapes for this set's rules (4x the input must cost about 4x the CPU time).
SHAPES = {
    "direction_roads": lambda n: "解放西路" * (n // 4),
    "near_roads": lambda n: "中山路附近" * (n // 5),
    "hao_run": lambda n: "号" * n,
    "estate_buildings": lambda n: "翠湖天地5栋" * (n // 6),
    "village_groups": lambda n: "李家村7组" * (n // 5),
    "indian_parts": lambda n: "Flat No. 6, Shanti Kunj, " * (n // 25) + "Ranchi 834002",
    "indian_pins": lambda n: ", Ranchi 834002" * (n // 15),
    "streets_towns": lambda n: "on Cedar Avenue in Scarborough " * (n // 31),
    "road_words": lambda n: "Road " * (n // 5),
    "main_st_lines": lambda n: "12 Main St\n" * (n // 11),
    "digit_run": lambda n: "1" * n,
    "rd_boxes": lambda n: "RD 2, Matamata 3472 " * (n // 20),
    "zalgo": lambda n: "Z\u0351\u0352a\u0354l\u0355g\u0356o " * (n // 12),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_linear_time(shape):
    """8x the input costs below 16x the CPU time of this thread (linear: 8, quadratic: 64; a 4x step with a
    6x bound failed under a loaded fresh-clone suite), for each address recognizer alone, 62.5 KB -> 500 KB."""
    from operators.pii.recognizers_address_en import EnglishAddressRecognizer
    from operators.pii.recognizers_address_zh import ChineseAddressRecognizer

    n = 125_000
    for rec in (ChineseAddressRecognizer(), EnglishAddressRecognizer()):
        small, large = SHAPES[shape](n // 2), SHAPES[shape](4 * n)
        r, t, t8 = ratio(rec.analyze, small, large)
        assert t8 < 0.02 or r < 16, (shape, type(rec).__name__, t, t8)


if __name__ == "__main__":
    print_address_halves(
        [("en", EN_ADDRESSES), ("zh", ZH_ADDRESSES)],
        [("en look-alikes", EN_LOOKALIKES), ("zh look-alikes", ZH_LOOKALIKES)],
    )
