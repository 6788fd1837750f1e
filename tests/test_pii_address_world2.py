"""Fifth hand-written ADDRESS set (#16), written in full by helper address4 BEFORE the rules it
measures, aimed at what an independent evaluation still found missed or partly covered: continental
European and Latin American forms (street name first or number first, postcodes before or after the
town, floor/door parts such as "4º izq.", "2. th.", "Stiege 2, Top 14", "Piso 5 Dto. B"), Japanese
and Indian addresses written in English, shipping and order blocks over several lines (name, firm,
street, unit, town, postcode and country lines), partial US addresses in running text, UK flats and
house names; Chinese addresses with full unit detail (…号…栋…单元…室), 小区/花园/苑 estates, 信箱, in
chat and news text.

Gold (the evaluator's rule): from the first street or administrative part to the last unit part,
postcode and country included where written; a person's or firm's name line is never part of it; a
road named alone as a landmark, a shop without street and number, an intersection: no address.

Lines of ``EN`` and ``ZH`` alternate: even lines (0, 2, ...) were used to develop the rules, odd lines
were only scored. Look-alikes (landmarks, intersections, shops, roads named alone, product codes with
numbers, dates, money) must stay unflagged.

    python -m tests.test_pii_address_world2   # recall, coverage, precision per half, misses
"""

from __future__ import annotations

import pytest

from operators.pii import PiiRedact
from operators.pii.generalize import GeneralizeLevels, generalize
from operators.pii.recognizers_address_en import EnglishAddressRecognizer
from operators.pii.recognizers_address_zh import ChineseAddressRecognizer
from tests.pii_linear import ratio
from tests.pii_marked import block_half, block_lines, check_extent, check_flagged, extent, parse, score
from tests.test_pii_address_extent import _STREET_OR_UNIT

EN = r"""
Bitte liefern an: [[A:Friedrichstraße 123, 10117 Berlin, Deutschland]]
Our Hamburg office: [[A:Jungfernstieg 7, 20354 Hamburg]]
Ship to:\nMüller GmbH\n[[A:Industriestraße 14\n70565 Stuttgart\nGermany]]
Adresse : [[A:27 avenue des Champs-Élysées, 75008 Paris]]
Send the invoice to Société Durand, [[A:3 bis rue Victor Hugo, 33000 Bordeaux]], by Friday.
Her flat is at [[A:Prinsengracht 263-2, 1016 GV Amsterdam]].
Address: [[A:Coolsingel 40, 3011 AD Rotterdam, Netherlands]]
Dirección: [[A:Calle de Serrano 41, 4º izq., 28001 Madrid]]
Please post it to [[A:Carrer de Mallorca 401, 08013 Barcelona, Spain]].
Indirizzo: [[A:Via Giuseppe Garibaldi 15, 20121 Milano MI]]
We moved to [[A:Corso Vittorio Emanuele II 82, 10121 Torino]] last year.
Adres: [[A:ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa]]
Ship to: [[A:ul. Floriańska 3/5, 31-019 Kraków, Poland]]
Leveransadress: [[A:Drottninggatan 53, 111 21 Stockholm, Sweden]]
He lives at [[A:Bogstadveien 27B, 0355 Oslo]].
Send to [[A:Nørrebrogade 44, 2. th., 2200 København N, Denmark]]
Toimitusosoite: [[A:Mannerheimintie 12 B 7, 00100 Helsinki]]
Domicilio: [[A:Av. Insurgentes Sur 1602, Piso 4, Col. Crédito Constructor, 03940 Ciudad de México, CDMX]]
My address is [[A:Calle Hidalgo 32, Centro, 68000 Oaxaca, Oax.]]
Envío a: [[A:Av. Corrientes 1234, Piso 5 Dto. B, C1043AAZ Buenos Aires, Argentina]]
Our Córdoba store moved to [[A:Bv. San Juan 450, X5000 Córdoba]].
Dirección: [[A:Av. Providencia 1208, Oficina 405, Providencia, Santiago, Chile]]
Shipping: [[A:Rua Haddock Lobo 595, Apto 52, Cerqueira César, São Paulo - SP, 01414-001]]
Send it to [[A:Avenida Atlântica 1702, Copacabana, Rio de Janeiro, RJ 22021-001, Brazil]].
Ship to:\nTanaka Hiroshi\n[[A:2-11-3 Meguro, Meguro-ku\nTokyo 153-0063\nJapan]]
Our Osaka office: [[A:1-1-88 Oyodonaka, Kita-ku, Osaka 531-6023]]
Address: [[A:Room 805, Shin-Marunouchi Building, 1-5-1 Marunouchi, Chiyoda-ku, Tokyo 100-6590]]
Deliver to [[A:Flat 302, Sai Residency, 14th Cross, Indiranagar, Bengaluru 560038]].
Address: [[A:No. 7, 2nd Main Road, Gandhi Nagar, Adyar, Chennai - 600020, Tamil Nadu]]
Please courier to [[A:C-45, Sector 62, Noida, Uttar Pradesh 201301]].
I'll be at [[A:412 Oak Street]] around six, text me.
The package was left at [[A:1830 W. Maple Ave]] by mistake.
We grew up at [[A:77 Sunset Blvd, Apt 12]] in the nineties.
Drop the keys at [[A:950 Elm Dr., Unit 3B, Boulder, CO 80302]] please.
My new place is [[A:2204 N Halsted St #2F, Chicago, IL 60614]].
meet me at [[A:15 cedar lane]] after school lol
Please post to [[A:Flat 4, Rosemary Court, 27 Kings Road, Reading RG1 3AR]].
Address: [[A:Ivy Cottage, Church Street, Bampton, Oxfordshire OX18 2LW]]
Ship to:\nMrs P. Allen\n[[A:The Granary\nLower Farm Lane\nLittle Hadham\nWare\nSG11 2EF]]
He rents [[A:Flat 2B, 18 Marchmont Road, Edinburgh EH9 1HZ]] with two friends.
Send it to [[A:45 Gloucester Place, London W1U 8HZ]].
Contact: [[A:Apartment 12, 3 Harbour Row, Cobh, Co. Cork, P24 K2X8]]
Ship to [[A:3456 Rue Saint-Denis, Montréal, QC H2X 3L2]].
Our Melbourne studio: [[A:Unit 7, 45 Smith Street, Fitzroy VIC 3065]]
Order #A-2231\nShip to: Kevin O'Brien\nAcme Widgets Ltd\n[[A:Unit 12, Riverside Business Park\nWandle Way\nLondon SW18 4SA\nUnited Kingdom]]
SHIP TO\nMaria Rossi\n[[A:Via dei Mille 24\nScala B, Int. 6\n80121 Napoli NA\nItaly]]
Deliver to\nJan de Vries\n[[A:Oudegracht 158bis\n3511 AZ Utrecht]]
ok the address is [[A:Kastanienallee 12, Hinterhaus, 3. OG, 10435 Berlin]]
Anna Kowalska | [[A:ul. Piotrkowska 104, 90-004 Łódź]] | anna.k@example.com
Best,\nLuis\n[[A:Paseo de la Castellana 259D, 28046 Madrid]]\n+34 91 123 45 67
Permanent address: [[A:H.No. 12-2-831/A, Mehdipatnam, Hyderabad, Telangana 500028]]
Street: [[A:Schönbrunner Straße 213-215, Stiege 2, Top 14, 1120 Wien]]
Home: [[A:Flat 12A, Tower 3, Laguna Verde, 8 Laguna Verde Avenue, Hung Hom, Kowloon]]
Office: [[A:Room 1502, 15/F, Tai Yau Building, 181 Johnston Road, Wan Chai, Hong Kong]]
I live at [[A:Los Leones 1200, depto 1504, Providencia, Santiago]].
Ship to [[A:Bahnhofstrasse 45, 8001 Zürich, Switzerland]]
Address: [[A:Rue de la Loi 16, 1000 Bruxelles]]
Please write to [[A:Rua Garrett 120, 2º Esq., 1200-205 Lisboa]]
Send to [[A:500 Main St Ste 210, Fort Worth TX 76102]]
its [[A:8834 Pinecrest Ave, Tulsa, OK 74136]] lmk when ur here
Kontor: [[A:Aleksanterinkatu 52 A, 00100 Helsinki, Finland]]
Ship to:\nJosé Hernández\n[[A:Calle Morelos 215 Int. 3\nCol. Centro\n44100 Guadalajara, Jal.\nMexico]]
Address: [[A:Av. Santa Fe 2450, 3° B, C1425BGN CABA]]
Endereço / address: [[A:Rua das Flores 87, casa 2, Curitiba - PR, 80010-020]]
We're at [[A:Stationsplein 1, 3818 LE Amersfoort]] from Monday.
Spedire a: [[A:Piazza Navona 45, 00186 Roma]]
Rechnungsadresse:\nKlaus Weber\nc/o Weber & Söhne\n[[A:Am Markt 7\n04109 Leipzig]]
Letters go to [[A:Basement Flat, 9 Royal Crescent, Bath BA1 2LR]].
Address: [[A:C/ Mayor 12, 3ºB, 28013 Madrid]]
Order 7731 - deliver to Sofie Jensen, [[A:Vesterbrogade 98, 3. tv, 1620 København V]], Denmark
We met at the corner of [[A:Fifth Avenue and 42nd Street]].
"""

ZH = r"""
快递寄到[[A:杭州市西湖区文三路478号华星时代广场A座1205室]]就行
我家在[[A:朝阳区望京西园三区312号楼2单元1502]]，你过来吧
记者来到位于[[A:成都市武侯区玉林南路18号]]的社区服务中心。
收件人：王女士，地址：[[A:江苏省苏州市工业园区星湖街328号创意产业园6栋301]]
亲，请发到[[A:广州市天河区珠江新城华夏路10号富力中心2708]]
他住在[[A:南京市鼓楼区汉中门大街301号清凉门小区5幢1单元602室]]。
我在[[A:万科金色家园12栋3单元801]]，楼下有快递柜
事发[[A:长沙市岳麓区麓山南路932号]]附近，消防车很快赶到。
请寄至[[A:北京市海淀区8523信箱12分箱]]，邮编100091
通讯地址：[[A:湖北省武汉市洪山区珞喻路1037号华中科技大学东九楼]]
收货地址：[[A:重庆市渝北区龙溪街道金紫山小区2期7栋18-3]]
他家住[[A:天津市南开区学湖里15号楼4门201]]。
警方在[[A:深圳市宝安区西乡街道固戍社区一巷12号]]将其抓获。
明天送到[[A:绿地香树花城3期11栋2单元1703]]哈
地址：[[A:上海市浦东新区张江镇碧波路690号2号楼5楼]]
寄件人地址：[[A:河南省洛阳市涧西区天津路56号院3号楼1单元401]]
她搬到了[[A:昆明市盘龙区金色半山小区8幢2单元502]]。
据报道，[[A:西安市雁塔区长安南路563号]]一居民楼发生火灾。
请将材料寄往[[A:广州市邮政信箱3019号]]，注明“报名”。
我住[[A:碧桂园十里银滩维港湾8栋1203]]，周末来玩
收货人：李先生 13800138000 [[A:浙江省宁波市鄞州区首南街道泰安中路120弄3号602室]]
他的户籍地址为[[A:山东省菏泽市曹县青堌集镇王楼村128号]]。
涉事门店位于[[A:福州市鼓楼区五四路158号环球广场1层]]。
我换地址了，[[A:厦门市思明区莲前西路2号莲富大厦15楼C]]
地址：[[A:吉林省长春市朝阳区红旗街万达广场B座2306]]
住在[[A:海淀区清河街道毛纺路小区17号楼3门302]]的张大爷说，楼道灯坏了三天。
收件地址：[[A:内蒙古自治区呼和浩特市赛罕区大学东街235号家属院6号楼2单元]]
中午前送到[[A:南山区科技园科苑路15号科兴科学园B栋4单元1002]]。
昨日凌晨，[[A:哈尔滨市道里区中央大街112号]]一商铺起火。
部队地址：[[A:甘肃省酒泉市131信箱10分箱]]
新地址：[[A:合肥市蜀山区长江西路669号华润橡树湾二期23幢1801室]]
放[[A:翠苑一区28幢东单元401]]门口就好
面试地点：[[A:北京市朝阳区建国路88号SOHO现代城C座1806]]
位于[[A:南宁市青秀区民族大道100号]]的广西人民会堂今天对外开放。
收货信息：张三，[[A:湖南省长沙市开福区四方坪街道万科城三区6栋2单元2203]]，电话13812345678
我现在住[[A:石家庄市长安区光华路阳光家园小区6-2-501]]。
他被安置在[[A:贵阳市观山湖区金阳街道碧海花园16栋]]。
寄往[[A:新疆维吾尔自治区乌鲁木齐市天山区解放南路288号]]
地址发你了：[[A:苏州市姑苏区平江路仓街小区47幢302室]]
警方通报，[[A:广东省东莞市长安镇乌沙社区兴发南路8号]]发生一起盗窃案。
寄到[[A:上海市徐汇区漕溪北路595号上海电影广场A栋9楼]]前台
地址：[[A:香港九龍尖沙咀彌敦道132號美麗華大廈12樓1205室]]
快递放[[A:融创玖玺台7号楼1单元]]丰巢柜里了
据悉，[[A:郑州市二七区大学路与陇海路交叉口西南角]]附近的路段将封闭施工。
我在[[A:龙湖春江郦城二期15幢1单元2304室]]，到了打电话
新闻：[[A:江西省赣州市章贡区红旗大道36号]]某小区发生燃气泄漏。
"""

#: Written after the first rules (from first principles, not from the odd half) and used to develop the
#: second ones: more European/Latin American/Japanese/Indian forms, order blocks, UK flats (en), unit
#: tails, estates and 信箱 (zh). Scored at their writing: en 0.889/0.852, zh 0.947/0.93.
DEV2_EN = r"""
Please send it to [[A:25, rue du Faubourg Saint-Honoré, 75008 Paris]].
Our Berlin office: [[A:Unter den Linden 77, 10117 Berlin]]
Ship to [[A:Zeil 106, 60313 Frankfurt am Main]].
Address: [[A:Karl Johans gate 22, 0159 Oslo]]
Send to [[A:Váci utca 10, 1052 Budapest]]
Office: [[A:Václavské náměstí 1, 110 00 Praha 1]]
We're at [[A:Passeig de Gràcia 92, 08008 Barcelona]].
Address: [[A:Via del Corso 300, 00186 Roma RM]]
Hotel: [[A:Avenida da Liberdade 185, 1250-141 Lisboa]]
Office: [[A:Av. Arequipa 1234, Miraflores, Lima 15074, Peru]]
Send to [[A:Paseo de la Reforma 505, piso 12, Cuauhtémoc, 06500 Ciudad de México]]
She lives at [[A:Rynek Główny 1, 31-042 Kraków]].
Ship to:\nJohn Doe\n[[A:742 Evergreen Terrace\nSpringfield, IL 62704\nUSA]]
SHIPPING ADDRESS\nAcme Corp.\nAttn: Receiving\n[[A:1600 Amphitheatre Pkwy\nMountain View, CA 94043]]
Deliver to:\nLena Fischer\n[[A:Karl-Marx-Allee 90\n10243 Berlin\nGermany]]
Come to [[A:120 W 45th St, 3rd floor]] at noon.
The address is [[A:350 5th Ave, New York, NY 10118]].
We met at [[A:55 Water St., Suite 400]] in Brooklyn.
Address: [[A:Flat 3/2, 14 Hyndland Road, Glasgow G12 9UP]]
Ship to [[A:14a Mill Road, Cambridge CB1 2AD]].
Please post it to [[A:Apartment 5, Block C, Riverside Quarter, London SW18 1PB]].
Address: [[A:2 The Green, Richmond TW9 1PL]]
Send to [[A:Hill Farm, Stowe Road, Buckingham MK18 1AB]]
Office: [[A:Plot No. 45, Sector 18, Gurugram, Haryana 122015]]
Deliver to [[A:Flat 4B, Sea View Apartments, Juhu Tara Road, Mumbai 400049]]
Hotel: [[A:Shibuya 2-21-1, Shibuya-ku, Tokyo 150-8510]]
Address: [[A:Storgatan 12, 411 38 Göteborg, Sweden]]
Send the parcel to [[A:Grote Markt 1, 2000 Antwerpen, Belgium]].
My address is [[A:Av. Reforma 222, Col. Juárez, 06600 CDMX]]
Ship to:\nPedro Gómez\n[[A:Calle 10 # 43E-31\nEl Poblado\nMedellín, Antioquia\nColombia]]
Order #5521\nShip to: Hannah Schmidt\n[[A:Marienplatz 8\n80331 München]]\nPhone: +49 89 1234567
Ship to:\nMarta Nowak\n[[A:ul. Nowy Świat 15/17 m. 4\n00-029 Warszawa\nPoland]]
I'm staying at [[A:48 Rue de Rivoli, 75004 Paris]] until Friday.
Deliver to [[A:Rua Augusta, 1500 - Consolação, São Paulo - SP, 01304-001]]
Our new address: [[A:Strandvejen 100, 2900 Hellerup]]
Her parents live at [[A:Kungsgatan 44, 111 35 Stockholm]].
"""

DEV2_ZH = r"""
我家地址是[[A:济南市历下区解放路112号鲁能康桥小区15号楼2单元301室]]
快递放[[A:保利香槟国际二期9栋2单元1101]]门口
他租住在[[A:北京市丰台区方庄芳城园一区15号楼1门1203]]。
收货：[[A:成都市高新区天府三街69号新希望国际B座2306]]
记者在[[A:大连市沙河口区西南路790号]]看到，施工已经停止。
寄到[[A:杭州市余杭区五常街道文一西路969号阿里巴巴西溪园区3号楼]]
我住[[A:金地格林小城5期32-1-602]]，下班来拿
来信寄[[A:北京市东城区100010信箱]]即可
据了解，[[A:武汉市江汉区万松街道青年路277号]]一栋居民楼外墙脱落。
地址：[[A:江苏省南京市江宁区秣陵街道胜太路68号托乐嘉花园78栋508室]]
新家在[[A:世茂滨江花园3期11号楼2单元2801]]，欢迎来玩
[[A:浦东新区世纪大道100号环球金融中心72楼]]的办公室已经搬空。
收件人：刘女士 [[A:广东省佛山市南海区桂城街道灯湖东路1号友邦金融中心1座2203]]
老地方，[[A:华润二十四城8期3栋1单元1702]]
他家在[[A:四川省南充市顺庆区北湖路8号附2号]]
邮寄地址：[[A:云南省昆明市官渡区关上街道春城路289号]]，邮编650200
快递到[[A:青岛市市南区香港中路10号颐和国际A座3105]]
住[[A:长春市南关区自由大路阳光城8栋2单元503]]的居民反映，暖气不热。
我们搬到[[A:万科城市之光12栋1单元902]]了
"""

#: Written last and used for the last rules: US and UK addresses in running text and order blocks (en),
#: chat and news lines (zh). Scored at their writing: en 1.0/0.972, zh 0.917/0.898; left: "742 Evergreen
#: Terrace, Springfield and ring twice" (a town part ends at a comma, line or sentence end) and
#: 华侨城天鹅堡三期C栋 (one building part, no division, no address word).
DEV3_EN = r"""
we just moved into [[A:412 Oak Street, Springfield, IL]] last week
The fire started at [[A:1209 N. Main St.]] around 3 a.m.
Can you pick me up at [[A:88 Pine Rd apt 4]]?
Her office is at [[A:200 Park Ave South, 8th Floor, New York, NY 10003]].
Police were called to [[A:3300 block of W. Division St.]] on Friday.
mail it to [[A:PO Box 120, Burlington VT 05402]] thx
The meeting is at [[A:45 Elm St, Suite #200]] tomorrow.
I'm at [[A:1 Infinite Loop, Cupertino, California 95014]] today.
He grew up at [[A:17 Cherry Tree Lane]], which his parents sold in 1999.
They live at [[A:5 Maple Court, Apartment 2C]], near the school.
Deliver to [[A:742 Evergreen Terrace, Springfield]] and ring twice.
Their new house at [[A:19 Willow Bend Dr]] has a pool.
Return to sender: [[A:11 Wall St Fl 5, New York, NY 10005]]
Ship to:\nAmy Chen\n[[A:2800 Post Oak Blvd\nSte 400\nHouston, TX 77056]]
Bill to: ACME Inc., [[A:1 Market St., San Francisco, CA 94105]]; Ship to: same
Ship to\nTom Baker\n[[A:Flat 6\n21 Princes Street\nEdinburgh\nEH2 2AN]]
ORDER #88\nDeliver: [[A:Apt 12B, 350 W 42nd St, New York NY 10036]]
Address: [[A:Unit 3, 14-16 High Street, Oxford OX1 4AH]]
Our shop: [[A:Shop 4, 2-6 Oxford Street, Darlinghurst NSW 2010]]
Send it to [[A:The Old Mill, Mill Lane, Hebden Bridge, HX7 8AX]].
"""

DEV3_ZH = r"""
妈，我到[[A:长沙市雨花区劳动东路139号新城新世界小区7栋1单元1804]]了
[[A:北京市西城区西长安街174号]]附近交通管制。
收货人：赵先生，手机：13912345678，地址：[[A:辽宁省大连市甘井子区红旗西路银帆小区12号楼3单元6-2]]
你直接导航到[[A:华侨城天鹅堡三期C栋]]，我下楼接你
据央视新闻，[[A:上海市黄浦区南京东路300号]]一商场今晨发生火情。
退货地址：[[A:浙江省金华市义乌市稠江街道杨村路300号电商园B区2楼]]
我家是[[A:恒大名都6号楼2单元2702]]，你到了给我打电话
请寄往[[A:江苏省南京市玄武区中山东路18号国际贸易中心16楼A座]]
他租的房子在[[A:天河区石牌东路118号华师大家属区3栋502房]]
记者从[[A:珠海市香洲区人民东路188号]]的市卫健委获悉
快递到[[A:万象城二期写字楼2座1505]]，谢谢
被告人住[[A:湖北省襄阳市樊城区清河口街道长虹北路8号1栋2单元101室]]。
我们在[[A:长安街与王府井大街交叉口]]集合。
"""

LOOKALIKES_EN = r"""
Traffic is backed up on the M25 near Junction 10 this morning.
The Starbucks on Main Street was closed on Sunday.
Highway 101 was shut between exits 12 and 14.
Model X200 Pro ships with 16 GB RAM and 512 GB storage.
Invoice 4471 dated 12 March 2024 totals €1,250.00.
The Eiffel Tower drew 6.3 million visitors in 2023.
Buckingham Palace opens its State Rooms from 12 July to 28 September.
She ran the Berlin Marathon in 3 hours 12 minutes.
Bus 42 stops at Central Station every 10 minutes.
Take the A40 towards Oxford, then leave at Exit 9.
The store at Westfield Mall has 200 parking spaces.
Room 101 is the worst place in the Ministry of Love.
Apollo 11 landed on 20 July 1969.
Samsung Galaxy S23 Ultra, 256 GB, Phantom Black, $1,199.
Part No. 4471-B, Rev 3, qty 250 units.
The rally marched down Pennsylvania Avenue to the Capitol.
Abbey Road Studios recorded 12 albums that year.
Gate 23 at Terminal 5 is closed for maintenance.
Platform 9 is at King's Cross Station.
Via Appia was begun in 312 BC.
The Rue de Rivoli is busy on weekends.
Calle Ocho hosts a festival every March.
We drove along Route 66 for 2,400 miles.
Order 88231 shipped on 14 May; tracking 1Z999AA10123456784.
Windows 11 Pro costs 199 euros.
Stage 3, 1500 Seats, sold out in an hour.
The Juventus Stadium holds 41,507 fans.
Schedule: Week 12, Day 3, Session 4.
Friedrichstraße station reopened on 4 December 2023.
The 2024 Tour de France finished in Nice, France.
Meet at the intersection of Oak and Pine around 5.
Our Paris shop near Place de la Concorde opens at 10.
Section 8, Row 14, Seat 22, Gate B.
The Kurfürstendamm has dozens of flagship stores.
Amsterdam Centraal to Utrecht takes 27 minutes.
Product code AB-1234-CD, batch 2023-11-05.
Snickers bars cost $1.50 each at the Walgreens on Broadway.
Vol. 23, No. 4, pp. 112-130, Oxford University Press.
Lot 12, 1998 Château Margaux, estimate €2,400.
The Galleria Vittorio Emanuele II opened in 1877.
Unit 4 covers fractions; Unit 5, 2024 edition, covers decimals.
"""

LOOKALIKES_ZH = r"""
这家星巴克就在南京路步行街上。
沿着中山路一直走，到第三个红绿灯右转。
华为Mate 60 Pro售价6999元，12GB+512GB版本。
2024年3月15日，公司在上海召开发布会。
西湖景区今年接待游客2300万人次。
订单号202403151288已于3月16日发货。
这个项目共建3栋楼，总投资12亿元。
第5单元的练习题在课本第12页。
我在天安门广场拍了几张照片。
故宫博物院每天限流4万人。
北京到上海的高铁G12次8点发车。
二环路上堵车堵了一个小时。
这款冰箱型号BCD-520W，容量520升。
门票价格：成人80元，学生40元。
万达广场今天有促销活动。
公司2023年营收达到1.2万亿元。
第3栋教学楼正在装修。
他在淘宝上买了一件328元的外套。
12号线地铁今天开通。
世纪大道站是2号线和4号线的换乘站。
长江大桥全长1670米。
人民路小学今年招生200人。
本次列车终点站是广州南站。
"""


def test_set_sizes():
    en, zh = block_lines(EN), block_lines(ZH)
    assert len(en) >= 60 and len(zh) >= 40
    en, zh = (
        en + block_lines(DEV2_EN) + block_lines(DEV3_EN),
        zh + block_lines(DEV2_ZH) + block_lines(DEV3_ZH),
    )
    assert len(block_lines(LOOKALIKES_EN)) + len(block_lines(LOOKALIKES_ZH)) >= 60
    for line in en + zh:
        assert len(parse(line)[1]) == 1, line
    for line in block_lines(LOOKALIKES_EN) + block_lines(LOOKALIKES_ZH):
        assert not parse(line)[1], line


#: (recall, character coverage) floors per half, under the figures measured after this helper's rules
#: (baseline at the set's commit: en even 0.914/0.795, odd 0.829/0.655; zh even 1.0/0.956, odd 1.0/0.912).
FLOORS = {
    ("EN", False): (0.97, 0.97),
    ("EN", True): (0.9, 0.9),
    ("ZH", False): (0.97, 0.97),
    ("ZH", True): (0.95, 0.92),
    ("DEV2_EN", None): (0.97, 0.97),
    ("DEV2_ZH", None): (0.97, 0.97),
    ("DEV3_EN", None): (0.95, 0.95),
    ("DEV3_ZH", None): (0.9, 0.93),
}


@pytest.mark.parametrize("name, odd", list(FLOORS))
def test_floors(pii_annotator, name, odd):
    lines = block_lines(globals()[name]) if odd is None else block_half(globals()[name], odd)
    check_extent(pii_annotator, lines, *FLOORS[(name, odd)])


def test_lookalike_count_floor(pii_annotator):
    """Every look-alike line is scored; at most the measured number is flagged (see FLAGGED)."""
    lines = block_lines(LOOKALIKES_EN) + block_lines(LOOKALIKES_ZH)
    check_flagged(pii_annotator, lines, "ADDRESS", FLAGGED, ("ADDRESS",))


#: Look-alike lines flagged at most (measured).
FLAGGED = 0

#: Shapes aimed at this set's rules (floor/door parts, staircase letters, bis/slash numbers, town-first
#: Japanese blocks, a unit before a building line or a postcode, Indian house numbers, estates named
#: without a suffix, phase-dash rooms, pieces joined across a name, bare rooms after a building), and the
#: three generic ones: a word followed by 100 dots, one long token, short lines.
SHAPES = {
    "dots_after_word": lambda n: ("Calle" + "." * 100 + " ") * (n // 106),
    "dots_after_number": lambda n: ("Rua 12" + "." * 100 + " ") * (n // 107),
    "one_token": lambda n: "a" * n,
    "short_lines": lambda n: "Hauptstraße 5,\n" * (n // 15),
    "short_parts": lambda n: "Hauptstraße 5, " * (n // 15),
    "world_units": lambda n: "Calle Mayor 5, 4º izq., " * (n // 24),
    "floor_parts": lambda n: "12 Main St, 3rd floor, Piso 5 Dto. B, " * (n // 38),
    "stairs": lambda n: "Aleksanterinkatu 52 A, " * (n // 23),
    "bis_slash": lambda n: "Oudegracht 158bis\n3511 AZ Utrecht\nul. Nowy Świat 15/17 m. 4\n" * (n // 59),
    "jp_town_blocks": lambda n: "Shibuya 2-21-1, " * (n // 16),
    "unit_parts": lambda n: "Apartment 5, Block C, " * (n // 22) + "London SW18 1PB",
    "building_lines": lambda n: "Unit 12, Riverside Business Park\nWandle Way\n" * (n // 44),
    "indian_houses": lambda n: "H.No. 12-2-831/A, Mehdipatnam, " * (n // 31) + "Telangana 500028",
    "av_streets": lambda n: "Av. Arequipa 1234, " * (n // 19),
    "estates": lambda n: "融创玖玺台7号楼1单元" * (n // 11),
    "estate_chars": lambda n: "城市之光" * (n // 4),
    "phase_dash": lambda n: "金地格林小城5期32-1-602" * (n // 17),
    "phase_run": lambda n: "5期32-1-" * (n // 8),
    "joined_pieces": lambda n: "解放路112号鲁能康桥小区15号楼" * (n // 17),
    "building_rooms": lambda n: "华夏路10号富力中心2708" * (n // 14),
}


def test_generalize_keeps_no_street_or_unit():
    """Every whole gold span generalizes to a town, region or country (or the replace tag)."""
    for line in block_lines(EN) + block_lines(ZH):
        text, spans = parse(line)
        for _, s, e in spans:
            out = generalize("ADDRESS", text[s:e], GeneralizeLevels())
            assert out is None or _STREET_OR_UNIT.search(out) is None, (text[s:e], out)


@pytest.mark.parametrize(
    "address, town",
    [
        ("Calle de Serrano 41, 4º izq., 28001 Madrid", "Madrid"),
        ("Nørrebrogade 44, 2. th., 2200 København N, Denmark", "København"),
        ("Schönbrunner Straße 213-215, Stiege 2, Top 14, 1120 Wien", "Wien"),
        ("ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa", "Warszawa"),
        ("Av. Corrientes 1234, Piso 5 Dto. B, C1043AAZ Buenos Aires, Argentina", "Buenos Aires"),
        ("Bv. San Juan 450, X5000 Córdoba", "Córdoba"),
        ("Oudegracht 158bis\n3511 AZ Utrecht", "Utrecht"),
        ("Unit 12, Riverside Business Park\nWandle Way\nLondon SW18 4SA\nUnited Kingdom", "London"),
        ("Mannerheimintie 12 B 7, 00100 Helsinki", "Helsinki"),
        ("500 Main St Ste 210, Fort Worth TX 76102", "Fort Worth, TX"),
        ("广州市天河区珠江新城华夏路10号富力中心2708", "广东省广州市"),
        ("石家庄市长安区光华路阳光家园小区6-2-501", "河北省石家庄市"),
    ],
)
def test_generalize_town(address, town):
    assert generalize("ADDRESS", address, GeneralizeLevels()) == town


@pytest.mark.parametrize(
    "text, spans",
    [
        ("今天下午3栋2单元停水，请大家做好准备。", ["3栋2单元"]),  # a time word is no estate name
        ("楼下3栋2单元住着我同学", ["3栋2单元"]),  # nor a locative
        ("中山路5号门口有3栋2单元的住户", ["中山路5号", "3栋2单元"]),  # 有 joins no pieces
        ("第5期32-1-602页", []),  # an issue number and pages
        ("快递放融创玖玺台7号楼1单元丰巢柜里了", ["融创玖玺台7号楼1单元"]),
    ],
)
def test_estate_names_and_joins(text, spans):
    rec = ChineseAddressRecognizer()
    assert [text[f.start : f.end] for f in rec.analyze(text)] == spans


def test_generalize_estate_without_division_is_the_tag():
    """An estate and its building chain with no division above them name no town: the replace tag."""
    assert generalize("ADDRESS", "融创玖玺台7号楼1单元", GeneralizeLevels()) is None


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_linear_time(shape):
    """8x the input costs below 16x the CPU time of this thread (linear: 8, quadratic: 64; a 4x step with a
    6x bound failed under a loaded fresh-clone suite), for each address recognizer alone: 62.5 KB -> 500 KB
    for the one token and the dots, 31.25 -> 250 KB for the rest (50k short lines at 250 KB: the
    many-findings shapes cost ~3 CPU-ms per KB)."""
    n = 125_000 if shape in ("one_token", "dots_after_word", "dots_after_number") else 62_500
    for rec in (ChineseAddressRecognizer(), EnglishAddressRecognizer()):
        small, large = SHAPES[shape](n // 2), SHAPES[shape](4 * n)
        r, t, t8 = ratio(rec.analyze, small, large)
        assert t8 < 0.02 or r < 16, (shape, type(rec).__name__, t, t8)


if __name__ == "__main__":
    o = PiiRedact(mode="annotate")
    o.ensure_setup()
    for name in ("DEV2_EN", "DEV2_ZH", "DEV3_EN", "DEV3_ZH"):
        print(name, {k: v for k, v in extent(o, block_lines(globals()[name])).items() if k != "partial"})
    for name in ("EN", "ZH"):
        for odd in (False, True):
            s = extent(o, block_half(globals()[name], odd))
            partial = s.pop("partial")
            print(name, "odd" if odd else "even", s)
            if not odd or "--show-odd" in __import__("sys").argv:
                for gold, got in partial:
                    print("   ", repr(gold), "->", got)
    lines = block_lines(LOOKALIKES_EN) + block_lines(LOOKALIKES_ZH)
    print("look-alikes flagged:", score(o, lines, "ADDRESS", ("ADDRESS",))["flagged"])
