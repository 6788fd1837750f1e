"""Fifth hand-written ADDRESS set (#16, helper address5), written in full before any rule was
changed for it, in the categories an independent evaluation found weak: English US, UK,
Canadian, Australian and Indian addresses, news, listings, complaints, informal chat
(lower-case, abbreviations) and forms; Chinese partial addresses (a street alone, 小区 + building
with no city or district before it), buildings, rural addresses, news, delivery lines, listings,
complaints, units and recipient lines; and look-alikes in both languages (Route 66 the song,
路由器, 号码, 10号线, 1号文件, a textbook's 第3单元, "5 minutes walk", versions, product models,
prices, dates, measurements).

Convention: an address is marked whole from its largest unit down to the room, flat or
postcode; a bare city or district alone is no address; a street alone, or 小区 + building, is a
(partial) address.

Lines are split in two: even lines (0, 2, ...) were used to develop rules, odd lines are the
held-out half, looked at only for the score. A gold span is found when an ADDRESS finding
overlaps it; a finding is right when it overlaps a gold span; a look-alike is flagged when any
ADDRESS finding is made on it.

    python -m tests.test_pii_address_blind5   # prints both halves' figures and the misses
"""

from __future__ import annotations

import pytest

from tests.pii_marked import (
    check_flagged,
    check_halves,
    check_marked_sets,
    finding_texts,
    print_address_halves,
)

EN_ADDRESSES = """\
Send the replacement to [[A:4821 Larkspur Lane, Apt 2C, Raleigh, NC 27606]].
The dinner is at our place, [[A:319 W Franklin St, Chapel Hill, NC 27516]].
Mail checks to [[A:PO Box 30512, Salt Lake City, UT 84130-0512]].
He listed his residence as [[A:1127 Delaware Ave SW, Washington, DC 20024]].
Our Denver office: [[A:1801 Wewatta St, Floor 9, Denver, CO 80202]]
Return the kit to [[A:2700 Ygnacio Valley Rd #210, Walnut Creek, CA 94598]].
She rented a room at [[A:56 Beacon St., Boston, MA 02108]] for the summer.
Property located at [[A:8890 Old Kings Hwy N, Jacksonville, FL 32219]].
The shelter at [[A:1450 S. Michigan Avenue, Chicago, Illinois 60605]] needs volunteers.
Our lab moved to [[A:3 Technology Drive, Building 2, Irvine, CA 92618]].
Please send samples to [[A:Room 214, 600 N. Wolfe Street, Baltimore, MD 21287]].
The voting site is [[A:915 E Main St, Mesa, AZ 85203]].
I rent an apartment at [[A:2240 Broadway, Apt 5F, New York, NY 10024]].
Ship to: [[A:77 Massachusetts Ave, Cambridge MA 02139]]
The diner at [[A:105 Route 9W, Haverstraw, NY 10927]] reopened last week.
Address: [[A:HC 64 Box 2190, Castle Valley, UT 84532]]
Please post it to [[A:Flat 4, 27 Marchmont Road, Edinburgh EH9 1HY]].
Our shop is at [[A:112 Deansgate, Manchester M3 2GQ]].
Send your CV to [[A:Unit 3, Riverside Business Park, Leeds LS10 1AB]].
The farm is at [[A:Hill Top Farm, Low Lane, Kirkby Malzeard, Ripon HG4 3RJ]].
He lives at [[A:14a Mill Lane, Cheadle, Cheshire SK8 2PQ]].
Registered address: [[A:Suite 5, 3rd Floor, 45 Gresham Street, London EC2V 7BG]]
Write to us at [[A:Freepost RTKX-ABCD, PO Box 123, Coventry CV1 2XX]].
The pub at [[A:6 The Green, Richmond TW9 1PL]] is dog friendly.
Our tenant at [[A:Flat 12, Albion House, 9 Cathedral Walk, Cardiff CF10 1AH]] complained.
Venue: [[A:The Old School House, 2 Church Street, Ludlow, Shropshire SY8 1AP]]
Deliver to [[A:38 Royal Crescent, Bath BA1 2LT]], leave with neighbour.
Address for service: [[A:27 Botanic Avenue, Belfast BT7 1JL]]
I've lived at [[A:3 Kelvin Drive, Glasgow G20 8QG]] since 2015.
Collection point: [[A:Plot 7, Brunel Way, Swindon SN2 8BB]]
My gran's at [[A:22 Bishopthorpe Road, York YO23 1JJ]].
The surgery on [[A:Castle Street, Tiverton EX16 6RE]] has moved.
Mail it to [[A:1155 Rue Metcalfe, Bureau 800, Montréal, QC H3B 2V6]].
Our Calgary branch is at [[A:335 8 Ave SW, Suite 1200, Calgary, AB T2P 1C9]].
[[A:10123 99 Street NW, Edmonton, Alberta T5J 3H1]] is the address on file.
I moved to [[A:45 Spadina Ave, Unit 1204, Toronto ON M5V 2H6]].
Send to [[A:PO Box 1780, Station Main, Winnipeg, MB R3C 3R2]].
Drop-off at [[A:2389 Shaughnessy St, Port Coquitlam, BC V3C 3E1]].
The cottage is at [[A:1247 Lakeshore Rd, RR 3, Huntsville, ON P1H 2J4]].
Our Halifax address: [[A:1801 Hollis St, Halifax, Nova Scotia B3J 3N4]]
Please ship to [[A:220 Water Street, St. John's, NL A1C 1A9]].
Apartment: [[A:402-1650 Bayview Ave, Toronto, ON M4G 3C2]]
We rent a room at [[A:88 Rue Saint-Jean, Québec, QC G1R 1N4]].
The clinic at [[A:305 Victoria Avenue East, Regina, SK S4N 0N8]] is closed.
Our new place: [[A:17 Birchmount Cres, Saskatoon SK S7N 2L4]]
He was seen near [[A:600 Main Street, Moncton, NB E1C 1E4]] on Friday.
Deliver to [[A:Unit 5/23 Smith Street, Fitzroy VIC 3065]].
Our office is [[A:Level 12, 345 George St, Sydney NSW 2000]].
Send the form to [[A:PO Box 2274, Townsville QLD 4810]].
She lives at [[A:14 Bellbird Crescent, Bonython ACT 2905]].
The house at [[A:7 Wattle Grove, Glen Osmond SA 5064]] sold on Saturday.
Postal address: [[A:Locked Bag 5000, Parramatta NSW 2124]]
Find us at [[A:Shop 3, 120 Murray Street, Perth WA 6000]].
[[A:3/41 Kent Road, Mascot NSW 2020]] is available from March.
Return to [[A:12 Gordon St, Hobart TAS 7000]].
Darwin office: [[A:Suite 2, 60 Smith Street, Darwin NT 0800]]
The farm at [[A:1450 Pinnacle Road, Orange NSW 2800]] had a fire.
Ship to [[A:RMB 2250, Mansfield VIC 3722]].
We're now at [[A:88 Brunswick St, Fortitude Valley, Brisbane QLD 4006]].
Vacant land: [[A:Lot 14, Kingfisher Drive, Bli Bli QLD 4560]]
Deliver to [[A:Flat No. 302, Sai Residency, 4th Cross, Indiranagar, Bengaluru 560038]].
Our office: [[A:B-42, Sector 62, Noida, Uttar Pradesh 201301]]
Address: [[A:H.No. 8-2-293/82, Road No. 12, Banjara Hills, Hyderabad - 500034]]
Send the documents to [[A:12, MG Road, Pune, Maharashtra 411001]].
He stays at [[A:C-14, Lajpat Nagar II, New Delhi 110024]].
Our shop is at [[A:No. 27, Pondy Bazaar, T. Nagar, Chennai 600017]].
Registered office: [[A:701, Maker Chambers V, Nariman Point, Mumbai 400021]]
Courier to [[A:Plot No. 15, Phase II, Gachibowli, Hyderabad, Telangana 500032]].
Residence: [[A:House No. 112, Ward 5, Near Shiv Mandir, Bhiwani, Haryana 127021]]
Please send to [[A:2nd Floor, 18/3 Park Street, Kolkata 700016]].
Office address - [[A:SCO 54, Sector 17-C, Chandigarh 160017]]
[[A:D/204, Shanti Apartments, S.V. Road, Andheri West, Mumbai 400058]]
Ship to [[A:45/1 Residency Road, Bangalore 560025]].
My address is [[A:Qr. No. 3/B, Railway Colony, Kharagpur 721301]].
Contact us at [[A:14, Anna Salai, Guindy, Chennai 600032]].
Village address: [[A:Vill. Rampur, P.O. Baghpat, Dist. Baghpat, U.P. 250609]]
Firefighters were called to a house on [[A:Maple Grove Road]] shortly after 2 a.m.
The shooting happened in the [[A:1400 block of North Elm Street]] on Saturday night.
Police said the man was arrested at a home on [[A:Ridgewood Drive]] in Westfield.
The restaurant, at [[A:215 Main Street]] in Hudson, will close at the end of the month.
A water main broke near [[A:42nd Street and Eighth Avenue]] on Monday.
The body was found in a flat on [[A:Kingsland Road]], Hackney, police said.
The couple's home at [[A:18 Pemberton Way]] was badly damaged in the storm.
The new library will be built on a vacant lot at [[A:900 S. Harbor Blvd]].
Protesters gathered outside the council offices at [[A:1 Town Hall Square]] on Friday.
A man has been charged after a crash on [[A:Albert Street]], Brisbane.
The suspect fled from [[A:3300 W. Peterson Ave.]] in a grey sedan.
Residents of [[A:Oakwood Terrace]] were evacuated after the gas leak.
The fire started in the kitchen of a house at [[A:27 Cranmore Avenue]], Belfast.
The warehouse at [[A:4500 Industrial Blvd]] was raided by federal agents.
The victim lived on [[A:Woodlawn Avenue]] in the city's north end.
The bakery has moved to [[A:61 Front Street East]], next to the market.
For sale: 3 bed semi, [[A:42 Laburnum Avenue, Sheffield S10 3EF]], £285,000.
FOR RENT - [[A:1202 Ocean Drive, Unit 7B, Miami Beach, FL 33139]] - 2BR/2BA, $3,400/mo
Open house Sunday 1-4 pm at [[A:88 Birch Hollow Ct]].
Listing #4471: [[A:15 Chapel St, Marrickville NSW 2204]], 2 bed, 1 bath.
Studio available at [[A:540 Kearny St #3, San Francisco, CA 94108]], $2,100.
Just listed! [[A:9 Heather Way, Inverness IV2 4QR]] - detached bungalow.
Charming 1920s bungalow at [[A:317 N Oak Park Ave]], walk to train.
Office space to let: [[A:2nd Floor, 10 Castle Street, Cardiff CF10 1BS]]
Room for rent near campus, [[A:1120 W Johnson St, Madison, WI 53715]]. Utilities included.
Sold: [[A:23 Riverbend Rd, Kitchener, ON N2B 2G2]] for $720K.
2BHK flat for rent at [[A:Sector 21, Dwarka, New Delhi]], fully furnished.
New on the market - [[A:Apt 3, 58 Grove Park, Camberwell, London SE5 8LE]].
Vacant block: [[A:Lot 2, Old Ferry Road, Banora Point NSW 2486]], 650 m2.
Garage sale Saturday 8am, [[A:2215 Hawthorne Dr]].
Spacious condo, [[A:1500 Bay Street, Suite 2203, Toronto]], parking included.
I've been waiting 3 weeks for my parcel at [[A:16 Lowther Road, Carlisle CA1 2DH]] and nobody answers.
Your driver left my package at [[A:116 Pine St]] instead of [[A:161 Pine St]], the wrong house!
The streetlight outside [[A:24 Brookfield Avenue]] has been broken since January.
Noise complaint: the bar at [[A:701 W 6th St, Austin]] plays music until 3am every night.
Bins not collected again at [[A:Flat 8, Clarence Court, 3 Mill Road, Cambridge CB1 2AD]].
Pothole in front of [[A:3512 Sycamore Ln]] damaged my tyre, please fix it.
I was overcharged at your store at [[A:4400 Eastgate Blvd, Cincinnati, OH 45245]].
My bill still goes to my old address, [[A:52 Hartley Street, Nottingham NG7 3AD]], even though I moved.
Water has been leaking into my unit at [[A:275 King St E, Unit 1108, Toronto]] for days.
Parcel marked delivered but it never came to [[A:Unit 14/2 Bay Road, Waverton NSW 2060]].
The landlord at [[A:80 Garden Street, Apt 4, Hoboken, NJ 07030]] won't return my deposit.
Rats near the bins behind [[A:19 Market Place]], please send someone.
Delivery address was [[A:Flat 5B, Prestige Towers, Residency Road, Bengaluru 560025]] but it went to another city.
The cable guy never showed up at [[A:1418 Cottonwood Dr, Round Rock, TX 78664]].
My neighbour's tree at [[A:7 Linden Close]] is blocking the footpath.
im at [[A:42 elm st]] come over
yo send it to [[A:1520 n halsted apt 3]] lol
meet me at [[A:33 king st w]] at 7
moved to [[A:18 baker rd, leeds]] last wk
pls ship to [[A:221 w 23rd st apt 4b nyc 10011]] thx
my addy is [[A:9 oak ave, sydney 2000]]
party at [[A:76 maple dr]] tonite!! bring chips
its [[A:apt 12, 300 queen st]] buzz 12
we live on [[A:willow crescent]] now, the blue house
can u drop the keys at [[A:5 park ln]]?
ok address is [[A:1200 e pike st #402 seattle wa]]
lol she lives at [[A:14 church rd]] right by the pub
my new place is [[A:88 harbour st, apt 6, halifax]]
send to [[A:flat 3, 12 victoria rd, bristol bs8 1sp]] pls
shes at [[A:no 5, 3rd cross, koramangala]] i think
Address line 1: [[A:Flat 6, 19 Wellington Road]]
Address: [[A:455 Market St Ste 1400, San Francisco CA 94105]]
Permanent address: [[A:House 12, Lane 4, Model Town, Lahore 54700]]
Mailing Address | [[A:PO Box 882, Helena, MT 59624]]
ADDRESS: [[A:1620 W CHESTNUT ST, LOUISVILLE KY 40203]]
Home address: [[A:3 Elm Court, Apt 2, Ithaca, NY 14850]]
Billing addr: [[A:55 Bathurst St, Toronto ON M5V 2P2]]
Ship-to: [[A:9 Rue Lafayette, 75009 Paris, France]]
Applicant address: [[A:27 Cavendish Road, Bournemouth BH1 1RA]]
Residential Address: [[A:Block 231, Ang Mo Kio Ave 3, #05-1120, Singapore 560231]]
Address Line 1: [[A:1234 Sunset Canyon Dr]]
Correspondence address (if different): [[A:PO Box 56, Dunedin 9054]]
Street address: [[A:88 Collins St]]
Delivery address: [[A:Unit 4, 11-15 Albert Road, South Melbourne VIC 3205]]
""".splitlines()

EN_LOOKALIKES = """\
"Get Your Kicks on Route 66" was recorded by Nat King Cole in 1946.
The hotel is a 5 minutes walk from the station.
Upgrade to version 4.12.3 before Friday.
The Samsung QN90C 65 inch TV is on sale for $1,299.
The meeting is on 14 Feb 2025 at 10:30.
The board measures 120 x 60 x 2 cm.
Take the 42 bus to the end of the line.
She ran 10 miles along the river path.
Price: $12.99 per 100 g.
Flight BA 283 departs from Gate 23.
The 1600s saw major changes in Europe.
Chapter 5, Section 3 covers the proof.
He wore number 23 for the Bulls.
The Nikon Z6 II weighs 705 g.
Order #55213 shipped on May 3.
I-95 North is closed between exits 12 and 14.
Unit 3 of the textbook covers fractions.
The recipe needs 3 cups of milk and 2 eggs.
The office is on the 4th floor, next to the lifts.
Interest rates rose to 5.25 percent.
Platform 9 3/4 is a Harry Potter reference.
Room 101 appears in Orwell's novel.
Ubuntu 24.04 LTS ships with kernel 6.8.
The Lakers won 112-104 on Sunday.
Downing Street declined to comment.
Miracle on 34th Street is a holiday classic.
Our API returns error 404 when the page is missing.
Apt-get install python3 fails on this image.
Cello Suite No. 1 by Bach was beautifully played.
He paid 450 pounds for the flight to Lisbon.
The marathon route covers 26.2 miles through five boroughs.
Drive 3 km, then take exit 21 toward Springfield.
The M25 was gridlocked this morning.
Block 5 of the exam has 40 questions.
Lot size: 0.25 acres.
The ISBN is 978-0-306-40615-7.
In 2019, 12 states passed new laws.
The Rolex Submariner 126610LN retails for $10,250.
Temperatures hit 38 C in Madrid on Monday.
Sunset Boulevard is a 1950 film by Billy Wilder.
Take exit 7 off the A1 for the village.
He lives 20 minutes from downtown.
The new iPad Air 11-inch starts at $599.
Rule 34 is an internet meme.
See page 12, line 4.
Resolution 242 was adopted in 1967.
We had 3 bedrooms and 2 baths in our old house.
Highway 1 along the coast is beautiful in spring.
Bitcoin hit $68,000 on 10 Nov 2021.
Floor 3 is closed for renovation.
The 405 freeway is a parking lot at 5pm.
Level 42 released Lessons in Love in 1986.
Box 3 contains the spare cables.
The Boeing 787-9 seats 296 passengers.
Street Fighter II was released in 1991.
Her score was 1450 on the SAT.
Track 12 on the album is the best one.
Main Street USA is the entry to Disneyland.
The parade goes down Fifth Avenue every March.
I walked down the road to buy milk.
The CPU runs at 3.2 GHz with 16 cores.
Apartment 23 was a short-lived sitcom.
The store is 2 blocks north of the park.
""".splitlines()

ZH_ADDRESSES = """\
我家就在[[A:建设路88号]]，楼下有个菜市场。
明天到[[A:翠苑小区5幢2单元301]]来拿钥匙。
他住[[A:阳光花园12栋]]，离公司不远。
快递放[[A:幸福里小区3号楼]]门口就行。
店铺搬到了[[A:人民中路156号]]。
我在[[A:文一西路969号]]上班。
房子在[[A:金地格林小城7栋1802]]，随时可以看房。
请把材料送到[[A:解放大道1277号]]。
老店在[[A:中山北路2号]]，开了三十年。
她租的房子在[[A:万科城市花园8号楼3单元]]。
我们约在[[A:东风路与经三路交叉口]]见面。
新家在[[A:桂花苑二期15幢]]，下个月搬。
诊所就在[[A:红旗街34号]]对面。
我住[[A:碧桂园凤凰城三期6栋902]]。
请寄到[[A:和平路12号院2号楼]]。
老地方，[[A:延安西路1882号]]。
他家在[[A:景湖湾小区11号楼2单元502室]]。
公司地址是[[A:科技园南区高新南七道9号]]。
我们小区是[[A:龙湖时代天街4栋]]，门口有保安。
你到[[A:北苑路甲13号]]等我。
孩子学校在[[A:长江路]]上，每天堵车。
卖家地址：[[A:五一大道368号]]
他在[[A:绿城桂花园18幢1单元]]租了一套房。
叔叔家住[[A:新华街道光明社区6组]]。
送货到[[A:星河湾3号楼1603]]，谢谢。
面试地点：[[A:北京市朝阳区建国路88号SOHO现代城A座1506室]]
公司在[[A:上海市浦东新区陆家嘴环路1000号恒生银行大厦32楼]]。
请到[[A:深圳市南山区科苑路15号科兴科学园B栋4单元1201]]报到。
我们搬到了[[A:国贸大厦B座18层]]。
办公地址：[[A:杭州市西湖区文三路90号东部软件园1号楼5楼]]
门店位于[[A:万达广场3号楼2层201]]。
资料寄到[[A:广州市天河区体育西路191号中石化大厦B塔2108]]。
他在[[A:华润大厦28楼]]上班。
地址：[[A:成都市高新区天府大道北段1700号环球中心W6区1402]]
我们在[[A:银泰中心C座2201室]]。
律所地址为[[A:武汉市江汉区建设大道568号新世界国贸大厦I座40层]]。
诊所在[[A:鼓楼区中山路321号金鹰国际购物中心8楼]]。
快递送到[[A:软件园二期观日路52号]]前台。
新店开在[[A:来福士广场B1层]]。
培训在[[A:中关村大街27号中关村大厦10层]]。
我们的新办公室在[[A:前海嘉里中心T2栋2605]]。
公司注册地址：[[A:天津市滨海新区中新生态城动漫中路126号动漫大厦C区二层]]
店铺在[[A:民治大道展滔科技大厦1楼]]。
门诊部在[[A:人民医院门诊楼3楼]]。
我老家在[[A:河南省周口市郸城县汲冢镇李楼村]]。
寄到[[A:湖南省邵阳市隆回县六都寨镇大山村3组]]。
他家住[[A:四川省巴中市平昌县驷马镇石垭村五社]]。
地址：[[A:山东省临沂市沂水县院东头镇桃棵子村]]
外婆住在[[A:安徽省六安市金寨县天堂寨镇前畈村]]。
事故发生在[[A:广西桂林市阳朔县白沙镇遇龙村]]附近。
收货地址：[[A:江西省赣州市于都县梓山镇潭头村委会]]
老宅在[[A:浙江省丽水市松阳县四都乡陈家铺村]]。
他是[[A:云南省大理州剑川县沙溪镇寺登村]]人。
送到[[A:河北省保定市易县西陵镇忠义村18号]]。
家住[[A:甘肃省定西市通渭县马营镇华川村一社]]。
合作社位于[[A:黑龙江省五常市龙凤山镇乐园村]]。
[[A:陕西省延安市宝塔区枣园镇侯家沟村]]的苹果熟了。
寄件人地址：[[A:福建省南平市武夷山市星村镇桐木村]]
养殖场在[[A:湖北省恩施州利川市谋道镇鱼木村2组]]。
她嫁到了[[A:江苏省盐城市射阳县海河镇红旗村7组]]。
地址是[[A:广东省梅州市大埔县百侯镇侯北村]]。
快递到[[A:内蒙古赤峰市克什克腾旗经棚镇新地村]]。
老家[[A:重庆市酉阳县龚滩镇小银村5组]]，路不好走。
我家在[[A:石垭村五组]]，靠近小学。
他回了[[A:李家庄村]]，帮父母收麦子。
昨晚，[[A:南京市鼓楼区中山北路]]一处民房发生火灾。
事发地点位于[[A:合肥市蜀山区长江西路与科学大道交口]]。
警方在[[A:长沙市岳麓区麓山南路]]一出租屋内将嫌疑人抓获。
新馆选址在[[A:郑州市郑东新区龙湖中环路]]。
该小区位于[[A:西安市雁塔区科技路48号]]，共有住户800余户。
据了解，涉事门店位于[[A:青岛市市南区香港中路10号]]。
14日凌晨，[[A:昆明市盘龙区北京路]]发生一起交通事故。
记者来到位于[[A:沈阳市和平区南京北街206号]]的售楼处。
火灾发生在[[A:厦门市思明区莲前西路]]一栋居民楼。
被告人在[[A:苏州市吴中区木渎镇金山路]]附近实施盗窃。
项目位于[[A:天津市河西区友谊路与平江道交口]]东北侧。
市民反映，[[A:长春市朝阳区西安大路]]附近的井盖丢失。
新开业的书店位于[[A:佛山市禅城区祖庙路33号]]。
案发于[[A:哈尔滨市道里区中央大街]]一家商铺。
截至目前，[[A:石家庄市裕华区槐安东路]]施工路段仍未通车。
该公司注册地在[[A:南昌市红谷滩区丰和中大道1266号]]。
嫌疑人在[[A:贵阳市云岩区中华北路]]被抓获。
事故发生在[[A:无锡市梁溪区人民中路与中山路路口]]。
据报道，[[A:兰州市城关区庆阳路]]一商铺凌晨起火。
警方通报：[[A:宁波市鄞州区天童南路588号]]一公司员工被骗。
收货地址：[[A:北京市海淀区中关村南大街5号院3号楼2单元601]]
请寄到[[A:上海市徐汇区漕溪北路398号]]，王先生收。
默认地址：[[A:广东省深圳市宝安区西乡街道宝源路1068号]]
配送地址 [[A:浙江省温州市鹿城区车站大道577号财富中心2201]]
亲，发[[A:江苏省无锡市滨湖区蠡湖大道2000号]]就行。
地址改成[[A:山东省济南市历下区泉城路180号]]，谢谢。
快递请送至[[A:湖南省长沙市雨花区韶山中路419号]]。
收件地址：[[A:四川省绵阳市涪城区临园路东段59号]]
送货地址：[[A:河南省洛阳市洛龙区开元大道218号]]
麻烦发到[[A:福建省福州市鼓楼区五四路158号]]。
寄[[A:辽宁省大连市中山区人民路23号]]，不要发中通。
改一下地址：[[A:吉林省吉林市船营区北京路99号]]
收货人地址：[[A:广西南宁市西乡塘区大学东路100号]]
新地址[[A:海南省三亚市吉阳区迎宾路300号]]，旧的别用了。
发货到[[A:宁夏银川市金凤区北京中路168号]]。
出租：[[A:朝阳区望京西园三区316号楼]]，两室一厅，月租6500。
急售！[[A:浦东新区世纪大道1568号中建大厦]]，写字楼150平。
房源地址：[[A:南山区后海大道2388号怡化金融科技大厦]]
单间出租，[[A:天河区石牌东路68号]]，近地铁。
二手房：[[A:江北区北滨一路368号]]，三室两厅。
[[A:雁塔区小寨西路232号]]商铺转让，接手即可营业。
【出租】[[A:西湖区文二路391号]]一室户，拎包入住。
[[A:锦江区东大街下东大街段99号]]精装两居，业主直租。
转租：[[A:鼓楼区汉中路2号亚太商务楼]]，面积80平。
售：[[A:历城区花园路101号]]底商，价格面议。
整租[[A:金水区农业路东段22号]]，家电齐全。
[[A:思明区湖滨南路388号]]办公室出租，可注册。
房子位于[[A:江岸区解放大道1698号]]，南北通透。
投诉：[[A:海淀区学院路37号]]附近施工噪音太大。
我家住[[A:幸福小区6号楼]]，楼上每天半夜装修。
[[A:人民路口]]的红绿灯坏了一周了。
我住在[[A:滨江花园3栋]]，物业乱收费。
[[A:天河北路233号]]门口的垃圾没人清理。
反映：[[A:解放西路138号]]的饭店油烟扰民。
快递员把我的件放到了[[A:东湖路56号]]，不是我家。
[[A:长安街道金桥社区12栋]]的电梯坏了三天。
举报[[A:建设大道688号]]的商家虚假宣传。
[[A:花园新村7号楼2单元]]下水道堵了，没人管。
小区[[A:翠湖湾9栋]]楼下停满了车。
[[A:中山路与解放路路口]]经常积水。
我在[[A:滨湖区蠡溪路5号]]买的东西有质量问题。
[[A:芙蓉中路二段200号]]的店拒绝退款。
[[A:东城区东四十条甲22号]]周边路灯不亮。
住址：[[A:5栋2单元1101室]]
楼号：[[A:12号楼3单元602]]
家住[[A:3号楼1单元201室]]，有事找我。
房间号[[A:8栋1502]]，门口放着就行。
[[A:2单元1302室]]的住户请注意停水。
送到[[A:7幢3单元]]楼下。
我住[[A:B座1203]]，上来吧。
宿舍在[[A:11号楼412]]。
[[A:5号楼2单元301室]]漏水了。
他家在[[A:6栋502]]，按门铃就行。
请把包裹放在[[A:18号楼东门]]。
我在[[A:28栋1单元3楼]]等你。
收件人：李伟 138****5678 [[A:江苏省南京市玄武区中山路18号]]
收件人：陈静，电话：139****1234，地址：[[A:北京市西城区西直门南大街2号]]
张涛 186****8899 [[A:上海市静安区南京西路1266号恒隆广场1座20楼]]
收件人 王芳 [[A:广东省广州市越秀区中山五路219号]]
联系人：刘洋，地址：[[A:浙江省杭州市拱墅区湖墅南路186号]]
收货人：赵磊 手机：135****6677 地址：[[A:湖北省武汉市武昌区中南路99号]]
孙丽 152****3344 [[A:四川省成都市青羊区人民中路一段12号]]
收件人：周强 [[A:山东省青岛市崂山区香港东路195号]] 邮编266100
收件人：吴敏 电话：177****2211 [[A:重庆市江北区观音桥步行街9号]]
郑洁，[[A:天津市和平区南京路189号]]，电话158****7788
收件：冯宇 [[A:河北省石家庄市长安区中山东路39号]]
何静 131****9900 [[A:陕西省西安市碑林区南大街52号]]
""".splitlines()

ZH_LOOKALIKES = """\
家里的路由器坏了，网速很慢。
请输入你的手机号码。
地铁10号线今天延误了。
中央1号文件聚焦乡村振兴。
这本教材第3单元讲的是分数。
新版本3.2.1修复了多个漏洞。
小米14 Ultra售价5999元。
会议定于2024年3月15日召开。
这块木板长120厘米，宽60厘米。
他穿23号球衣。
第5章第3节介绍了证明方法。
本次考试共有3个单元。
这条路很长，走了两个小时。
一路顺风！
他的思路很清晰。
我们今天走了一万步路。
号外号外！
3号选手表现出色。
他住在学校附近，走路五分钟。
华为Mate 60 Pro销量火爆。
这款冰箱型号为BCD-470WDPG。
苹果降价了，每斤3块5。
本周六晚8点直播。
温度达到38度。
5号线和2号线在这里换乘。
请到3号窗口办理。
第12届全国运动会在沈阳举行。
楼主说得对。
这个小区的物业很差。
城市道路建设规划出台。
他在北京工作。
杭州市西湖区发布通知。
路线规划显示需要40分钟。
马路上车很多。
单元测试全部通过了。
这套房子三室两厅，120平米。
《道路交通安全法》第22条规定。
我买了2号电池。
请拨打12345热线。
双十一订单号是20231111001。
今年楼市价格上涨了5%。
他是我们班的10号。
丝绸之路经济带建设取得进展。
第3单元第2课的生词要背熟。
本产品净含量500克。
iPhone 15 Pro的价格是7999元。
这辆车百公里油耗6.5升。
他身高180厘米，体重75公斤。
上证指数收于3050点。
第二十条规定了罚则。
3号楼梯口禁止堆放杂物。
我们在路上遇到了老同学。
网络线路出现故障。
号称全国第一的品牌。
这个版本号是V2.0.3。
乘坐K21次列车。
第7栏填写身份证号码。
她的座位在5排12号。
2025年第1季度营收增长12%。
Windows 11系统更新。
口号喊得很响。
门口的路灯坏了。
12号台风明天登陆。
本店3楼有儿童乐园。
他家离这儿两站路。
""".splitlines()


def test_set_sizes():
    check_marked_sets(EN_ADDRESSES, EN_LOOKALIKES, 150, 60)
    check_marked_sets(ZH_ADDRESSES, ZH_LOOKALIKES, 150, 60)


#: Floors a little under the figures measured after the rules of this set's commit (before them: even
#: en 0.831 / zh 0.829, odd en 0.827 / zh 0.882 recall; precision 1.0; no look-alike flagged).
FLOORS = {"en": (0.94, 0.90), "zh": (0.91, 0.90)}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_blind_recall_and_precision(pii_annotator, lang):
    lines = EN_ADDRESSES if lang == "en" else ZH_ADDRESSES
    check_halves(pii_annotator, lines, "ADDRESS", FLOORS[lang], 0.98)


def test_blind_lookalikes(pii_annotator):
    check_flagged(pii_annotator, EN_LOOKALIKES + ZH_LOOKALIKES, "ADDRESS", 0, ("ADDRESS",))


@pytest.mark.parametrize(
    "text, address",
    [
        # a named office building and its floor or lettered block, an estate and its lettered block
        ("他在华润大厦28楼上班。", "华润大厦28楼"),
        ("我们搬到了国贸大厦B座18层。", "国贸大厦B座18层"),
        ("阳光花园B栋门口见。", "阳光花园B栋"),
        ("我们在新城国际A座1205。", "新城国际A座1205"),
        # a road's section before the house number, a phase before the building
        ("芙蓉中路二段200号的店拒绝退款。", "芙蓉中路二段200号"),
        ("中山路北段12号有家面馆。", "中山路北段12号"),
        # a village named alone by its place word, with its group or committee
        ("他回了李家庄村，帮父母收麦子。", "李家庄村"),
        ("张家沟村5组的村民都来了。", "张家沟村5组"),
        # a street alone right after an address word
        ("我家住在南京路附近。", "南京路"),
        ("酒店位于金水路及3路交界。", "金水路"),
        ("住址为长安街道", "长安街道"),
        # a junction after a chain that stopped at its first road
        ("事发地点位于合肥市蜀山区长江西路与科学大道交口。", "合肥市蜀山区长江西路与科学大道交口"),
        # a verb of staying or sending is no part of the estate's name
        ("我住幸福小区三号楼。", "幸福小区三号楼"),
        # English: lower case (chat), a street named where someone lives or a news event happened, a
        # numbered street with its quadrant
        ("im at 42 elm st come over", "42 elm st"),
        ("pls ship to 221 w 23rd st apt 4b nyc 10011 thx", "221 w 23rd st apt 4b"),
        ("ok address is 1200 e pike st #402 seattle wa", "1200 e pike st #402"),
        ("we live on willow crescent now", "willow crescent"),
        ("Police said the man was arrested at a home on Ridgewood Drive in Westfield.", "Ridgewood Drive"),
        ("The fire started in a house in Elm Road on 3 May.", "Elm Road"),
        ("The crash happened on Kings Road at about 9pm.", "Kings Road"),
        ("10123 99 Street NW, Edmonton, Alberta T5J 3H1 is on file.", "10123 99 Street NW"),
    ],
)
def test_new_forms(pii_annotator, text, address):
    spans = finding_texts(pii_annotator, text, "ADDRESS")
    assert any(address in s for s in spans), spans
    if address.startswith(("幸福", "合肥")):
        assert address in spans, spans  # the whole span and nothing before it


@pytest.mark.parametrize(
    "text",
    [
        "他住在度假村里。",
        "建设新农村是大事。",
        "本店3楼有儿童乐园。",
        "购物中心3楼有儿童乐园。",
        "大厦123层高。",
        "他在A座开会。",
        "这些定居点大部分位于耶路撒冷周围。",
        "感觉像是住在大街边。",
        "他住在马路对面。",
        "该项目位于一带一路沿线。",
        "位于高速公路旁。",
        "城市道路与铁路交叉口",
        "i ate 3 hot dogs way too fast",
        "we drove 2 blocks down the road",
        "a 4 wheel drive car",
        "I have a 2 tb hard drive",
        "the 2 lane road",
        "he went 2 miles down main st",
        "living on easy street",
        "he lives on the main road",
        "We happened upon a stall in Hester Street Fair in 2019.",
        "He was injured in a crash on Highway 101.",
        "Shares crashed on Wall Street on 3 May.",
        "In 2019 12 Street NW",
    ],
)
def test_new_forms_lookalikes(pii_annotator, text):
    assert not finding_texts(pii_annotator, text, "ADDRESS"), text


if __name__ == "__main__":
    print_address_halves(
        [("en", EN_ADDRESSES), ("zh", ZH_ADDRESSES)],
        [("en look-alikes", EN_LOOKALIKES), ("zh look-alikes", ZH_LOOKALIKES)],
    )
