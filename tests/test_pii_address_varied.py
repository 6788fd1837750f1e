"""Second hand-written held-out ADDRESS set (#16), written in full before any rule was tuned on
it: 151 Chinese sentences (e-commerce 收货地址, forms, news 位于/坐落于, government notices,
partial addresses in running text, 栋/单元/室/号楼/层, rural 村/组/屯, 自治州/盟/旗, no province,
landmarks with a number, Hong Kong / Macau / Taiwan), 150 English (US suite/apt/unit, P.O.
boxes, rural routes, UK, Canadian, Australian and Indian postcodes, one line with commas,
several lines, "Flat 3, 12 High St", continental and Asian forms, partial addresses in prose)
and 75 + 75 look-alikes.

What counts as an ADDRESS here (the granularity rule of docs/pii.md): a place written down to
a street, road, lane, town (镇/乡/街道), village (村/屯/组), estate or building, or with a house,
building or unit number; a city, district, province or country named alone is no address
(石家庄今天下雨, 他在南山区工作, He lives in London), nor is a road named without a number in
directions or as a title (沿中山路直行, Take Main Street north, Route 66 the song).

Lines are split in two: even lines (0, 2, ...) were used to develop rules, odd lines are the
held-out half, looked at only for the score. Scores count a gold span found when a finding
overlaps it (recall), a finding right when it overlaps a gold span (precision), and report the
share of each found gold span's characters covered (coverage).

    python -m tests.test_pii_address_varied   # prints both halves' figures and the misses
"""

from __future__ import annotations

import re

import pytest

from operators.pii import PiiRedact

ZH_ADDRESSES = """\
收货地址：[[A:浙江省杭州市余杭区五常街道文一西路969号]]，收件人王先生。
默认地址 [[A:江苏省南京市鼓楼区中山北路28号2单元502]]
请发到[[A:上海市浦东新区张杨路500号华润时代广场18楼]]，谢谢。
地址：[[A:四川省成都市武侯区人民南路四段27号]] 收件人：赵敏
收件地址：[[A:湖北省武汉市洪山区珞喻路1037号华中科技大学东校区]]
亲，收货地址填[[A:北京市朝阳区望京街道阜通东大街6号院3号楼1单元801]]就行。
麻烦寄到[[A:福建省厦门市思明区莲前西路2号莲富大厦12楼]]。
收货信息：陈晓，[[A:河南省郑州市金水区花园路39号院5号楼2单元12层1203]]
包裹已签收，签收地址为[[A:山东省青岛市市南区香港中路76号]]。
请把地址修改为[[A:天津市南开区卫津路94号南开大学西区公寓]]。
配送至：[[A:重庆市渝北区龙溪街道金开大道1号]]
新地址 [[A:广州市天河区天河路385号太古汇一座2305]]
地址是[[A:长沙市岳麓区麓山南路932号]]，麻烦放快递柜。
我的地址：[[A:陕西省西安市雁塔区小寨东路126号百隆广场B座1606室]]
订单将发往[[A:云南省昆明市五华区东风西路11号]]，预计三天送达。
户籍地址：[[A:河北省保定市莲池区五四东路180号]]
现住址：[[A:辽宁省沈阳市和平区三好街55号2-3-1]]
家庭住址 [[A:安徽省合肥市蜀山区长江西路130号]]
通讯地址：[[A:江西省南昌市红谷滩区丰和中大道1099号]]，邮编330038
住所地：[[A:黑龙江省哈尔滨市南岗区西大直街92号]]
户籍所在地：[[A:广西壮族自治区南宁市青秀区民族大道100号]]
联系地址：[[A:吉林省长春市朝阳区人民大街5988号]]
居住地址：[[A:贵州省贵阳市南明区遵义路38号附1号]]
单位地址：[[A:甘肃省兰州市城关区天水南路222号]]
现居住地：[[A:海南省海口市美兰区人民大道58号]]
被告住[[A:湖南省株洲市芦淞区建设中路16号]]。
原告张某，住[[A:江苏省苏州市姑苏区干将东路333号]]。
申请人住所：[[A:浙江省宁波市鄞州区天童南路588号]]
邮寄地址 [[A:山西省太原市小店区坞城路92号]]
法定代表人住址：[[A:内蒙古自治区呼和浩特市赛罕区大学西街235号]]
该项目位于[[A:杭州市滨江区江南大道3850号]]，总投资5亿元。
新馆坐落于[[A:成都市高新区天府大道北段1700号]]。
事发地点位于[[A:深圳市龙岗区坂田街道五和大道]]与雅宝路交汇处。
记者来到位于[[A:南京市玄武区珠江路88号]]的新世界中心。
公司总部位于[[A:北京市海淀区中关村大街27号]]。
该小区坐落于[[A:苏州市工业园区星湖街328号]]。
火灾发生在[[A:广州市白云区石井街道庆丰村]]一处出租屋内。
博物馆位于[[A:西安市碑林区三学街15号]]，免费开放。
警方在[[A:武汉市江汉区新华路218号]]附近将其抓获。
这座老宅位于[[A:福州市鼓楼区南后街]]，已有百年历史。
嫌疑人藏身于[[A:东莞市长安镇乌沙社区兴发南路]]一间出租屋。
新店开在[[A:上海市黄浦区南京东路299号]]。
该企业注册地址为[[A:宁夏回族自治区银川市金凤区宁安大街490号]]。
发布会在[[A:北京市东城区王府井大街1号]]举行。
涉事餐馆位于[[A:温州市鹿城区五马街道解放街126号]]。
现将[[A:海淀区学院路街道清华东路35号院]]列为中风险区。
请于5月10日前到朝阳区政务服务中心（[[A:来广营西路3号]]）办理。
公示期间，如有异议请寄至[[A:济南市历下区龙奥北路8号]]。
征收范围为[[A:佛山市南海区桂城街道夏北社区]]部分地块。
封控区域：[[A:石家庄市长安区建设北大街95号院]]
报名地点：[[A:泉州市丰泽区东海街道]]办事处三楼。
举报信件请寄：[[A:合肥市包河区徽州大道1688号]]，邮编230001。
公告：[[A:大连市甘井子区红旗西路1000号]]将于下周二停水。
接种点设在[[A:无锡市梁溪区崇安寺街道]]社区卫生服务中心。
请符合条件的居民到[[A:徐州市云龙区和平路58号]]领取补贴。
我住在[[A:朝阳区望京街道]]，离公司不远。
他家在[[A:海淀区五道口华清嘉园12号楼]]。
我们搬到了[[A:浦东新区金桥镇]]，通勤要一小时。
她租的房子在[[A:天河区龙口西路15号]]，离地铁站很近。
老李住在[[A:西湖区文三路]]上的一个老小区里。
明天来[[A:静安区南京西路1266号]]找我。
我家就在[[A:越秀区大南路8号]]，楼下有个菜市场。
他从小住在[[A:秦淮区剪子巷]]。
快递放到[[A:3号楼2单元]]门口就行。
我在[[A:武侯区玉林北路]]开了家小店。
周末去了朋友在[[A:昌平区回龙观东大街]]的新家。
他们住在[[A:罗湖区东门街道]]一栋老楼里。
我姐住[[A:鼓楼区湖东路]]那边。
外卖送到[[A:2栋1单元1102]]，谢谢。
我现在住在[[A:宝安区西乡街道固戍社区]]。
地址：[[A:万科城市花园8栋2单元603室]]
地址：[[A:滨江区长河街道江南星城5幢1单元1801]]
放[[A:丽都花园12号楼3单元101]]，请敲门。
请送到[[A:金融街中心B座15层]]前台。
我在[[A:天河区珠江新城花城大道85号高德置地广场A座3302]]上班。
房屋坐落：[[A:青羊区光华村街55号附5号6栋1单元4楼2号]]
房号：[[A:2号楼1单元1202室]]
收货地址：[[A:南山区蛇口街道海上世界双玺花园3栋28C]]
住[[A:碧桂园凤凰城凤祥苑11座602]]
交房地址：[[A:绿地香树花城17-2-501]]
家住[[A:河南省周口市郸城县汲冢镇李楼村3组]]
户籍：[[A:湖南省邵阳市隆回县六都寨镇大水田村5组]]
地址：[[A:黑龙江省绥化市青冈县芦河镇永兴村六屯]]
她住在[[A:四川省凉山彝族自治州布拖县拖觉镇]]的一个小山村。
[[A:广西百色市田阳区那坡镇那驮屯]]村民反映饮水困难。
寄到[[A:江西省赣州市于都县罗坳镇步前村下坝组12号]]
收货地址：[[A:安徽省阜阳市临泉县长官镇王庄村]]
户口所在地：[[A:山东省菏泽市曹县庄寨镇刘庄村]]
住址：[[A:贵州省毕节市威宁彝族回族苗族自治县雪山镇灼甫村一组]]
他回到了[[A:陕西省延安市延川县文安驿镇梁家河村]]。
收件：[[A:吉林省延边朝鲜族自治州延吉市光明街1088号]]
地址：[[A:内蒙古锡林郭勒盟锡林浩特市额尔敦路15号]]
住址：[[A:内蒙古鄂尔多斯市伊金霍洛旗阿勒腾席热镇]]
他一直住在[[A:阿拉善盟阿拉善左旗巴彦浩特镇]]。
寄往[[A:新疆伊犁哈萨克自治州伊宁市解放路28号]]
地址：[[A:西藏自治区拉萨市城关区北京中路48号]]
单位：[[A:云南省西双版纳傣族自治州景洪市勐泐大道6号]]
家住[[A:湖北省恩施土家族苗族自治州恩施市舞阳大道]]。
地址：[[A:青海省海西蒙古族藏族自治州格尔木市昆仑路12号]]
他在[[A:呼伦贝尔市海拉尔区胜利大街]]开了一家奶茶店。
发货地址：[[A:昆山市玉山镇前进西路1801号]]
发货地址：[[A:义乌市稠城街道工人北路1号]]
地址：[[A:余姚市阳明街道新建北路88号]]
门店地址：[[A:顺德区大良街道南国东路12号]]
她家在[[A:江阴市澄江街道人民东路]]。
取货点：[[A:银泰城5楼501]]
取货点：[[A:万达广场B1层12号商铺]]
请到[[A:软件园二期观日路24号]]面试。
我们在[[A:西湖文化广场E区3楼]]等你。
公司在[[A:中关村软件园10号楼2层]]。
地址：[[A:香港九龙旺角弥敦道688号]]
办公室：[[A:香港湾仔港湾道18号中环广场35楼]]
寄到[[A:澳门氹仔孙逸仙大马路185号]]
地址：[[A:台北市大安区忠孝东路四段216号5楼]]
公司地址：[[A:台湾新北市板桥区文化路一段188巷10号]]
收件地址：[[A:高雄市苓雅区四维三路2号]]
地址：[[A:澳门特别行政区新口岸友谊大马路1103号]]
地址：[[A:香港新界沙田石门安群街3号京瑞广场一期10楼]]
门市：[[A:台中市西屯区台湾大道三段99号]]
他住在[[A:香港北角英皇道250号]]。
寄件人地址：[[A:湖北省宜昌市西陵区东山大道95号]]
[[A:北京市西城区金融大街35号国际企业大厦C座8层]]
快递员把包裹送到了[[A:海珠区新港中路397号]]。
收货人：刘洋 [[A:浙江 温州 乐清市 柳市镇 长江路88号]]
地址 [[A:广东 广州 番禺区 市桥街道 光明北路205号]]
地址:[[A:江苏省,无锡市,滨湖区,蠡湖大道1800号]]
【收货地址】[[A:福建省泉州市晋江市陈埭镇岸兜村]]
寄：[[A:河北省廊坊市三河市燕郊镇迎宾北路18号]]
会议地点：[[A:上海市闵行区七宝镇漕宝路3366号]]
新房在[[A:郑州市郑东新区龙湖中环路]]边上。
报警人称其电动车在[[A:南昌市青山湖区北京东路]]被盗。
[[A:哈尔滨市道里区中央大街]]一家商店昨晚失窃。
失主家住[[A:济南市天桥区北园大街]]。
报到地点：[[A:长春市南关区人民大街2677号]]
我们学校在[[A:重庆市沙坪坝区沙正街174号]]。
寄到：[[A:杭州市上城区解放路138号]]
请寄[[A:沈阳市皇姑区黄河南大街70号]]
考点设在[[A:兰州市七里河区西津西路16号]]。
书店搬到了[[A:贵阳市云岩区中华北路242号]]。
他在[[A:乌鲁木齐市天山区解放南路]]经营一家干果店。
我们住在[[A:拉萨市城关区江苏路]]附近。
活动在[[A:呼和浩特市新城区新华大街1号]]举办。
老店在[[A:银川市兴庆区解放西街]]。
他租住在[[A:西宁市城西区五四大街]]。
酒店位于[[A:海口市龙华区滨海大道]]。
女儿在[[A:苏州市吴中区东吴北路]]附近租了房子。
第二现场在[[A:合肥市瑶海区长江东路]]。
目前暂住在[[A:东营市东营区西四路]]亲戚家。
事发于[[A:大理白族自治州大理市下关镇]]。
住：[[A:延边州龙井市安民街]]
寄至[[A:黔东南州凯里市北京东路]]某小区。
"""

EN_ADDRESSES = """\
Please ship to [[A:4820 Lakeview Drive, Apt 12, Madison, WI 53704]].
Our new office: [[A:200 Park Avenue South, Suite 1511, New York, NY 10003]]
Send it to [[A:15 Oakmont Rd Unit 4B, Plano, TX 75024]].
Visit us at [[A:3300 N Central Ave #210, Phoenix, AZ 85012]].
Her apartment is at [[A:1010 Massachusetts Ave NW, Apt 612]].
Mailing address: [[A:77 Summer St, Ste 300, Boston, MA 02110]]
The clinic moved to [[A:2501 W. Colorado Blvd, Suite 105, Pasadena, CA 91107]].
You can reach us at [[A:610 Kenmore Ave, Unit 3, Buffalo, NY 14216]].
Bill to: [[A:1 Infinite Loop, Cupertino, CA 95014]]
HQ: [[A:9400 Research Blvd Bldg 2, Austin, TX 78759]]
The tenant lives at [[A:45 Orchard St., Apt. 5F]] and pays on time.
Deliver to [[A:8 Hillside Terrace, Apartment 2]] after 5pm.
Our Jersey office is at [[A:1200 Harbor Blvd, Floor 3, Weehawken, NJ 07086]].
Our store at [[A:6021 Burnet Rd]] opens at nine.
Address on file: [[A:33 Pearl Street, Unit 1402, Denver, CO 80203]]
Send payment to [[A:PO Box 4501, Tulsa, OK 74159]].
Mail: [[A:P.O. Box 92, Stowe, VT 05672]]
Write to us at [[A:Post Office Box 1100, Juneau, AK 99802]].
Entries go to [[A:PO Box 30, Perth WA 6849]].
Remit to [[A:P. O. Box 6009, Carol Stream, IL 60197-6009]]
Letters may be sent to [[A:GPO Box 2471, Sydney NSW 2001]].
His mail goes to [[A:Box 218, Ely, NV 89301]].
Address: [[A:RR 3 Box 42, Hillsboro, WV 24946]]
Ship to [[A:Rural Route 1, Box 88A, Norton, KS 67654]].
Mailing: [[A:HC 65 Box 12, Moab, UT 84532]]
Our farm is at [[A:RR 2, Site 3, Comp 14, Olds, AB T4H 1P3]].
The cabin is at [[A:N4521 County Road K, Merrill, WI 54452]].
We're at [[A:17895 State Highway 16, Bandera, TX 78003]].
The letter was addressed to [[A:10 Downing Street, London SW1A 2AA]].
Please send it to [[A:Flat 3, 12 High St, Oxford OX1 4AP]].
He lives at [[A:27 Church Lane, Little Snoring, Norfolk NR21 0AA]].
Address: [[A:Flat 14B, Marlborough House, 45 Kings Road, Brighton BN1 2PL]]
Our address: [[A:Unit 5, Riverside Business Park, Leeds LS10 1RS]]
The shop is at [[A:221 Cowley Road, Oxford, OX4 1UH]].
Return to [[A:The Old Rectory, Mill Lane, Ashwell, SG7 5LY]]
She moved to [[A:42 Princes Street, Edinburgh EH2 2BY]].
Write to [[A:3 Castle Terrace, Cardiff CF10 1AA]].
Deliver to [[A:Apartment 7, 9 Quayside, Newcastle upon Tyne NE1 3DE]].
They live at [[A:14 Acacia Avenue, Wembley HA9 8BU]].
Invoices to [[A:2nd Floor, 100 Bishopsgate, London EC2N 4AG]].
The residence is at [[A:24 Sussex Drive, Ottawa, ON K1M 1M4]].
Write to [[A:111 Wellington St, Ottawa, Ontario K1A 0A9]].
Ship to [[A:1500 Rue Sherbrooke Ouest, Montréal, QC H3G 1L3]].
Our office: [[A:305 Main St, Winnipeg, MB R3C 1B2]]
My address is [[A:88 Water Street, Apt 204, St. John's, NL A1C 1A5]].
Office: [[A:10180 101 St NW, Edmonton, AB T5J 3S4]]
We are at [[A:1055 W Georgia St, Vancouver, BC V6E 3P3]].
Mail to [[A:PO Box 1000, Station A, Fredericton NB E3B 5H1]].
Parliament House is at [[A:1 Macquarie Street, Sydney NSW 2000]].
Our office: [[A:Level 12, 200 Queen Street, Melbourne VIC 3000]]
Send to [[A:Unit 4/17 Beach Road, Bondi NSW 2026]].
Address: [[A:45 Adelaide Tce, Perth WA 6000]]
She lives at [[A:8/120 Grey St, South Brisbane QLD 4101]].
Our shop: [[A:Shop 3, 55 Rundle Mall, Adelaide SA 5000]]
Post it to [[A:12 Smith Street, Darwin NT 0800]].
We moved to [[A:33 Sandy Bay Rd, Hobart TAS 7005]].
Our Auckland office is at [[A:15 Queen Street, Auckland 1010]].
Address: [[A:Flat 201, Sai Residency, MG Road, Bengaluru 560001]]
Deliver at [[A:12/4 Park Street, Kolkata - 700016]].
Address: [[A:House No. 45, Sector 21, Gurgaon, Haryana 122016]]
He stays at [[A:B-12, Lajpat Nagar II, New Delhi 110024]].
Office: [[A:Plot No. 7, Road No. 2, Banjara Hills, Hyderabad, Telangana 500034]]
Address: [[A:No. 15, 3rd Cross, Indiranagar, Bangalore - 560038]]
Please courier to [[A:302, Shanti Apartments, Linking Road, Bandra West, Mumbai 400050]].
Registered office: [[A:14 Anna Salai, Chennai, Tamil Nadu 600002]]
John lives at [[A:58 Birch Street, Salem, OR 97301]], USA.
Google is at [[A:1600 Amphitheatre Parkway, Mountain View, CA 94043, USA]].
Address: [[A:7 Rue de la Paix, 75002 Paris, France]]
The office is at [[A:Friedrichstraße 43, 10117 Berlin, Germany]].
We live at [[A:Calle Mayor 12, 28013 Madrid]].
Her flat: [[A:Via del Corso 120, 00186 Roma RM]]
Address: [[A:Keizersgracht 123, 1015 CJ Amsterdam]]
Our address is [[A:Bahnhofstrasse 10, 8001 Zürich]].
Ship to:\\n[[A:742 Oakdale Ave\\nApt 3\\nChicago, IL 60614]]
Address:\\n[[A:Flat 3\\n12 High Street\\nCambridge\\nCB2 1TN]]
Return address:\\n[[A:PO Box 555\\nHelena, MT 59624]]
Send to:\\n[[A:1234 Elm St.\\nSuite 500\\nDallas, TX 75201]]
Deliver to\\n[[A:17 Rose Avenue\\nNorwich\\nNR1 1AA\\nUnited Kingdom]]
Postal address:\\n[[A:Level 3, 60 Margaret Street\\nSydney NSW 2000\\nAustralia]]
Mail:\\n[[A:55 Yonge Street\\nToronto ON\\nM5E 1J4]]
I live at [[A:14 Birchwood Lane]].
The accident happened outside [[A:310 Maple Ave]].
They bought the house at [[A:96 Sycamore Court]] last year.
Meet me at [[A:221 Prospect Street]] at noon.
Police were called to the [[A:1400 block of South Wabash Avenue]] on Friday.
She grew up at [[A:8 Primrose Hill Road]].
The party is at my place, [[A:45 Walnut St]].
We stayed at [[A:19 Beach Road, Hove]] for a week.
Drop the keys off at [[A:3 Mill Road]] please.
The house at [[A:1313 Mockingbird Lane]] was empty.
His last known address was [[A:512 W. 112th St., New York]].
Their office is at [[A:500 N. Michigan Ave.]] in Chicago.
The shooting occurred near [[A:2200 E. Jefferson St.]] on Sunday.
The letter was sent from [[A:62 Brook Street, Mayfair]].
I'm staying at [[A:7 Kensington Gardens Square]] until Friday.
The store: [[A:5 Times Sq, New York, NY 10036]]
Visit [[A:3401 Walnut St, Philadelphia, PA 19104]] for the open day.
Our firm is at [[A:701 Brazos Street, Suite 1600, Austin, Texas 78701]].
Ship to [[A:2 E. 79th St. #4A, New York, NY 10075]].
The exchange moved to [[A:11 Wall Street, New York, NY 10005]] in 1903.
Tickets: [[A:100 Universal City Plaza, Universal City, CA 91608]]
The sign is near [[A:4059 Mt Lee Dr, Hollywood, CA 90068]].
Microsoft: [[A:1 Microsoft Way, Redmond, WA 98052]]
We're at [[A:350 Mission St, San Francisco, CA 94105]].
The tower is at [[A:233 S Wacker Dr, Chicago, IL 60606]].
Office: [[A:405 Lexington Ave, New York, NY 10174]]
My home: [[A:18 Circle Drive, Lakewood, CO 80215]]
Mail it to [[A:902 Bay Shore Blvd., Tampa, FL 33606]].
Registered agent: [[A:1209 Orange Street, Wilmington, Delaware 19801]]
She lives at [[A:680 Broadway, Apt. 3R, Brooklyn, New York 11206]].
Mailing address: [[A:PMB 318, 2885 Sanford Ave SW, Grandville, MI 49418]]
Shop: [[A:125 Old Stage Rd, Unit C, Centerville, MA 02632]]
Our diner is at [[A:2950 Route 66, Unit 9, Neptune, NJ 07753]].
Find us at [[A:400 Highway 35, Red Bank, NJ 07701]].
Lot rent for [[A:16 Loop Rd, Space 12, Ukiah, CA 95482]] is due.
He rents [[A:Flat 2/1, 37 Byres Road, Glasgow G11 5RG]].
Address: [[A:9 Merrion Square, Dublin 2, D02 X285]]
Address: [[A:Rose Cottage, Back Lane, Chipping Campden GL55 6HP]]
The bank is at [[A:1 Canada Square, Canary Wharf, London E14 5AB]].
We live at [[A:57 Hertford Street, Coventry CV1 1LB]].
Street address: [[A:812 Juniper Way]]
Home address - [[A:63 Linden Blvd, Apt 2C, Brooklyn, NY 11226]]
Address line 1: [[A:Flat 8, 21 Cedar Court]]
Permanent address: [[A:22 Gandhi Road, Pune 411001]]
Residence: [[A:4150 Sunset Blvd, Los Angeles 90029]]
Current address — [[A:19 Thornbury Road, Bristol BS6 6NR]]
Shipping: [[A:1024 Silicon Ave, San Jose CA 95134]]
Address: [[A:Apt 4, 230 Elm Street, Portland, ME 04101]]
Correspondence: c/o the editor, [[A:40 Lake Shore Dr, Chicago, IL 60611]]
Office: [[A:Suite 900, 1000 Second Avenue, Seattle, WA 98104]]
Firefighters responded to a blaze at [[A:418 Greenwood Ave]] in Evanston.
The suspect's home at [[A:1133 Pine Hollow Road]] was searched.
A sinkhole opened at [[A:51 Lexington Street]] on Monday.
The restaurant, at [[A:1520 Pike Place]], closes Sunday.
The consulate is located at [[A:520 12th Avenue, New York]].
Address: [[A:Av. Paulista, 1578 - Bela Vista, São Paulo - SP, 01310-200]]
Office: [[A:1-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005]]
Address: [[A:Rua Augusta 274, 1100-053 Lisboa]]
Address: [[A:ul. Marszałkowska 10, 00-590 Warszawa]]
Address: [[A:Storgatan 5, 111 23 Stockholm]]
Our office is at [[A:2 Orchard Road, Singapore 238823]].
The hotel is at [[A:34 Nathan Road, Tsim Sha Tsui, Kowloon, Hong Kong]].
Address: [[A:Flat B, 12/F, 88 Queen's Road Central, Hong Kong]]
Mail: [[A:PO Box 120, Rural Route 4, Osage, IA 50461]]
The Treasury is at [[A:1500 Pennsylvania Avenue, Washington, D.C. 20220]].
I mailed it to [[A:2715 Ashby Ave, Berkeley]] yesterday.
Our family home, [[A:39 Oakwood Circle]], is up for sale.
Contact: [[A:10 S Dearborn St, 48th Floor, Chicago, IL 60603]]
The venue is at [[A:3 Old Bailey, London EC4M 7EH]].
Patient address: [[A:55 Fruit Street, Boston MA 02114]]
"""

ZH_LOOKALIKES = """\
张家界的风景很美，每年吸引大量游客。
石家庄今天下了一场大雨。
沿中山路一直往东走，第二个路口右转。
华为Mate60 Pro 12GB+256GB 售价5999元。
版本号v3.2.1已于2023年5月12日发布。
本次会议在北京召开。
他出差去了上海和深圳。
人民路上早高峰堵车很严重。
订单号：202305120001234，请妥善保管。
客服电话：400-820-8820。
第3单元的练习题请在周五前完成。
第5层神经网络的输出维度是128。
这部电影讲述了武汉长江大桥建设的故事。
江苏队以3比1战胜山东队。
全省共有12个地级市、95个县区。
他是湖南人，现在在广东工作。
2号线地铁今早延误了十分钟。
本产品型号为KFR-35GW/BpXDC1，能效等级1级。
总价：3,280元，已优惠200元。
第12号台风"梅花"将在浙江沿海登陆。
他在第三章第2节中提到了这个问题。
东北三省冬天很冷。
中山大学今年录取分数线有所提高。
长安街是北京最著名的街道之一。
这款手机支持5G网络，内存8GB。
他的生日是1990年3月5日。
北京路步行街周末人很多。
南京大学和东南大学都在南京。
新疆的葡萄干很甜。
内蒙古草原风光无限。
西湖十景之一是苏堤春晓。
上证指数收于3200点，深证成指上涨1.2%。
他买了一辆比亚迪汉EV。
一楼大厅有自动售货机。
第二单元测试成绩已经公布。
iPhone 15 Pro Max 256G 现货。
广州队在主场以2:0获胜。
重庆火锅和四川火锅有什么区别？
我们下周去黄山旅游。
这条街上有很多小吃店。
请拨打12345热线反映问题。
本公司注册资本为1000万元。
学号：2021010203，班级：计科3班。
房价每平方米涨了2000元。
去年全市GDP达到1.2万亿元。
杭州亚运会于2023年9月23日开幕。
他在朝阳医院做了手术。
延安精神永放光芒。
青岛啤酒节下月开幕。
京东618大促即将开始。
请在第3栏填写您的姓名。
这一层的会议室都满了。
天津大学的学生来参观。
长江三峡是著名景点。
他写了一本关于黄河的书。
中国人民银行今天发布了数据。
本次列车开往济南西站。
宏光MINI EV销量突破100万辆。
芯片采用7nm工艺，主频3.2GHz。
会议室在5楼。
第6号选手表现出色。
我喜欢吃北京烤鸭和天津狗不理包子。
红楼梦第八十回写得最好。
今年广东省高考人数达到70万。
海淀区教委发布通知。
朝阳区人民法院判决如下。
浦东新区的发展速度很快。
他在南山区工作。
她是香港人。
台湾海峡今天天气晴朗。
澳门回归二十五周年。
乘坐3路公交车到终点站。
电池容量5000mAh，支持65W快充。
本书共12章，第5章讨论数据结构。
1号选手和2号选手进入决赛。
"""

EN_LOOKALIKES = """\
Get Your Kicks on Route 66 is a classic song.
Take Main Street north and turn left on Oak Avenue.
He wore Number 10 for Argentina.
The Samsung Galaxy S23 Ultra costs $1,199.
Version 2.14.3 was released on March 5, 2023.
Call us at (555) 123-4567 for details.
The meeting is in Room 204 at 3 PM.
She scored 24 points in Game 7.
Chapter 12, Section 4 covers property law.
Our revenue grew 15% to $4.2 million in Q3.
Boston is a great city to visit.
I grew up in Texas.
Wall Street reacted badly to the news.
The Fifth Avenue parade was canceled.
Flight 1234 to Chicago departs from Gate 22.
Apple released iOS 17.2 last week.
Interstate 95 was closed after the crash.
The price is 1,250 dollars per unit.
We ordered 500 units of model X200 Pro.
The 3 Little Pigs lived in brick houses.
Highway 61 Revisited is Dylan's sixth album.
Turn right on Elm and follow it to the park.
Python 3.12 includes faster startup.
The Bears won 21 to 17 on Sunday.
He lives in London now.
Paris in the spring is lovely.
The 42nd Street musical returns to Broadway.
Order #100234 shipped on 12/04/2023.
Invoice 2023-0045 totals $3,400.00.
The Boeing 747 has four engines.
Downing Street declined to comment.
Abbey Road was released in 1969.
Baker Street is a Gerry Rafferty song.
The Penny Lane single sold millions.
Lot 49 sold for 2 million at auction.
Apartment prices rose 8 percent in Manhattan.
The suite of tools includes 12 plugins.
Unit 4 of the course covers photosynthesis.
Box 3 of the survey asks about income.
Drive 5 miles along Park Road to reach the lake.
The Route 1 bus runs every 15 minutes.
I have 3 apartments and 2 houses.
He was born in 1984 in Ohio.
The ZIP file is 12 MB.
Court 3 hosted the final match.
Sunset Boulevard is a 1950 film.
The Texas Rangers beat the Yankees 5-3.
Windows 11 Pro costs $199.
NSW won the State of Origin series 2-1.
California passed SB 1047 in 2024.
The temperature hit 102 degrees in Phoenix.
Street Fighter 6 launched in June 2023.
He ran the 100 meters in 9.58 seconds.
Pier 39 is a popular tourist attraction.
The GPU has 24 GB of memory and 16384 cores.
See page 42, line 7.
Their flat white costs 4 pounds.
A Nightmare on Elm Street came out in 1984.
Ocean Drive was crowded this weekend.
Toronto Raptors won the 2019 NBA title.
Our team meets on Floor 3 every Monday.
Studio 54 was a famous nightclub.
The Court Street station is closed for repairs.
Section 8 housing vouchers were increased.
Building 7 collapsed later that day.
Terminal 5 at Heathrow opened in 2008.
The I-405 was jammed at 5 pm.
A 12 oz steak costs $34.
The swimmer in Lane 3 set a record.
Channel 4 aired the documentary.
Boulevard of Broken Dreams was a hit single.
He paid 2,000 rupees for the SIM card.
Dial 911 in an emergency.
Mission: Impossible 7 grossed $567 million.
The 1600 Series printer supports duplex.
"""

_MARK = re.compile(r"\[\[A:(.*?)\]\]", re.S)


def parse(line: str) -> tuple[str, list[tuple[int, int]]]:
    """A sentence with its gold addresses marked [[A:...]]; a literal \\n stands for a line break."""
    line = line.replace("\\n", "\n")
    parts: list[str] = []
    spans = []
    pos = 0
    for m in _MARK.finditer(line):
        parts.append(line[pos : m.start()])
        start = sum(map(len, parts))
        parts.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    parts.append(line[pos:])
    return "".join(parts), spans


def lines(block: str, half: str) -> list[str]:
    rows = block.splitlines()
    if half == "all":
        return rows
    return rows[0 if half == "dev" else 1 :: 2]


def score(pii_annotator, rows: list[str]) -> dict:
    gold = hit = pred = right = 0
    covered_sum = 0.0
    misses, wrong = [], []
    for row in rows:
        text, spans = parse(row)
        found = [(f.start, f.end) for f in pii_annotator.find(text) if f.entity == "ADDRESS"]
        gold += len(spans)
        for s, e in spans:
            over = [(a, b) for a, b in found if a < e and s < b]
            if not over:
                misses.append(text[s:e])
                continue
            hit += 1
            chars = set()
            for a, b in over:
                chars.update(range(max(s, a), min(e, b)))
            covered_sum += len(chars) / (e - s)
        pred += len(found)
        for a, b in found:
            if any(a < e and s < b for s, e in spans):
                right += 1
            else:
                wrong.append(text[a:b])
    return {
        "recall": hit / gold if gold else None,
        "precision": right / pred if pred else None,
        "coverage": covered_sum / hit if hit else None,
        "gold": gold,
        "predicted": pred,
        "misses": misses,
        "wrong": wrong,
    }


def test_set_sizes():
    assert len(ZH_ADDRESSES.splitlines()) >= 150 and len(EN_ADDRESSES.splitlines()) >= 150
    assert len(ZH_LOOKALIKES.splitlines()) + len(EN_LOOKALIKES.splitlines()) >= 150
    for row in ZH_ADDRESSES.splitlines() + EN_ADDRESSES.splitlines():
        assert parse(row)[1], row


@pytest.mark.parametrize("half", ["dev", "held"])
def test_chinese_addresses(pii_annotator, half):
    s = score(pii_annotator, lines(ZH_ADDRESSES, half))
    assert s["recall"] >= ZH_FLOOR[half] and s["precision"] >= 0.97 and s["coverage"] >= 0.85, s


@pytest.mark.parametrize("half", ["dev", "held"])
def test_english_addresses(pii_annotator, half):
    s = score(pii_annotator, lines(EN_ADDRESSES, half))
    assert s["recall"] >= EN_FLOOR[half] and s["precision"] >= 0.97 and s["coverage"] >= 0.85, s


@pytest.mark.parametrize("block", [ZH_LOOKALIKES, EN_LOOKALIKES], ids=["zh", "en"])
def test_lookalikes_have_no_address(pii_annotator, block):
    flagged = [
        row for row in block.splitlines() if any(f.entity == "ADDRESS" for f in pii_annotator.find(row))
    ]
    assert not flagged, flagged


# Floors a little under the figures measured when these rules were committed (docs/pii.md):
# before tuning zh 0.829 / 0.813 and en 0.88 / 0.88 (dev / held-out).
ZH_FLOOR = {"dev": 0.96, "held": 0.92}
EN_FLOOR = {"dev": 0.96, "held": 0.90}


@pytest.mark.parametrize(
    "text, address",
    [
        ("报警人称其电动车在南昌市青山湖区北京东路被盗。", "南昌市青山湖区北京东路"),
        ("我们搬到了浦东新区金桥镇，通勤要一小时。", "浦东新区金桥镇"),
        ("外卖送到2栋1单元1102，谢谢。", "2栋1单元1102"),
        ("原告张某，住江苏省苏州市姑苏区干将东路333号。", "江苏省苏州市姑苏区干将东路333号"),
        ("住址是吉林省长春市朝阳区红旗街1209号，电话", "吉林省长春市朝阳区红旗街1209号"),
        ("现住址：辽宁省沈阳市和平区三好街55号2-3-1", "辽宁省沈阳市和平区三好街55号2-3-1"),
        (
            "地址：青海省海西蒙古族藏族自治州格尔木市昆仑路12号",
            "青海省海西蒙古族藏族自治州格尔木市昆仑路12号",
        ),
        ("发货地址：昆山市玉山镇前进西路1801号", "昆山市玉山镇前进西路1801号"),
        ("Police were called to the 1400 block of South Wabash Avenue.", "1400 block of South Wabash Avenue"),
        ("Send to Unit 4/17 Beach Road, Bondi NSW 2026.", "4/17 Beach Road, Bondi NSW 2026"),
        (
            "Registered office: 14 Anna Salai, Chennai, Tamil Nadu 600002",
            "14 Anna Salai, Chennai, Tamil Nadu 600002",
        ),
        ("He stays at B-12, Lajpat Nagar II, New Delhi 110024.", "B-12, Lajpat Nagar II, New Delhi 110024"),
        ("The cabin is at N4521 County Road K, Merrill, WI 54452.", "N4521 County Road K, Merrill, WI 54452"),
        ("Return to The Old Rectory, Mill Lane, Ashwell, SG7 5LY", "Mill Lane, Ashwell, SG7 5LY"),
    ],
)
def test_address_forms(pii_annotator, text, address):
    spans = [text[f.start : f.end] for f in pii_annotator.find(text) if f.entity == "ADDRESS"]
    assert any(address in s for s in spans), spans


@pytest.mark.parametrize(
    "text",
    [
        "逊,我们住的3号楼二层,底楼地方小。",  # a hotel's building and floor
        "她说1号楼2号楼都是好的。",
        "上网订票看的是2层3层的房间。",
        "搅得沸腾的时候，一幢十层星级宾馆在小镇落成。",
        "眼下，该支队一幢２５层高的交警综合楼正在施工。",
        "以往都住上海苏州一些品牌酒店。",
        "江苏省委常委、苏州市委书记曹路宝出席。",
        "美国马里兰州盖茨堡镇举办新年灯展。",
        "甘明和重庆市电影公司送电影下乡流动放映队。",
        "他在南山区工作。",
        "沿中山路一直往东走，第二个路口右转。",
    ],
)
def test_address_lookalike_forms(pii_annotator, text):
    assert not [text[f.start : f.end] for f in pii_annotator.find(text) if f.entity == "ADDRESS"], text


# A third, smaller set written after the rules above and scored once, untouched since: zh 20/20,
# en 19/20 (missed: 8 Jalan Sultan, 50000 Kuala Lumpur), precision 1.0; one look-alike of 18
# flagged (杭州亚运村: the Asian Games village reads as a village, as before this set).
THIRD_ZH = """\
快递请寄：[[A:广东省东莞市南城街道宏图路88号]]，收件人黄小姐。
我老家在[[A:湖南省衡阳市衡东县杨桥镇]]，每年春节都回去。
收货地址 [[A:浙江省金华市义乌市福田街道商城大道L11号]]
事故发生在[[A:沈阳市铁西区建设大路]]与兴华街交汇处。
家住[[A:成都市金牛区营门口路318号附12号]]的王大爷报了警。
她在[[A:杭州市拱墅区湖墅南路]]开了一家花店。
通知：[[A:长沙市开福区芙蓉中路一段478号]]即日起暂停办公。
请把材料送到[[A:南宁市西乡塘区大学东路100号]]行政楼。
小区地址：[[A:青岛市崂山区香港东路195号9号楼2单元]]
我租的房子在[[A:6号楼3单元502]]，有事来找我。
户籍地：[[A:河北省衡水市故城县郑口镇]]
嫌疑人住在[[A:佛山市禅城区祖庙街道]]一出租屋内。
项目选址于[[A:苏州市相城区元和街道]]。
发件地址：[[A:台北市信义区松仁路100号]]
送货至[[A:香港九龙观塘道388号]]
他搬去了[[A:宁波市北仑区新碶街道]]，离港口很近。
请寄往[[A:新疆维吾尔自治区喀什地区喀什市人民东路]]。
我们公司在[[A:武汉市东湖新技术开发区光谷大道77号]]。
住址：[[A:甘肃省临夏回族自治州临夏市红园路]]
寄给我：[[A:上海市徐汇区漕溪北路18号A座1203室]]
"""

THIRD_EN = """\
Please mail the check to [[A:2750 Hampton Rd, Apt 7, Norfolk, VA 23503]].
We moved into [[A:19 Birchfield Gardens, Leeds LS16 6DT]] in March.
The parcel went to [[A:PO Box 2210, Anchorage, AK 99510]].
Our studio is at [[A:44 Lygon Street, Carlton VIC 3053]].
Deliver to [[A:Flat 5, 31 Marine Parade, Brighton BN2 1TL]].
Her home at [[A:615 Magnolia Ave]] was damaged in the storm.
Send applications to [[A:1800 Jefferson Blvd, Suite 400, Dayton, OH 45402]].
[[A:77 Rue Saint-Denis, Montréal, QC H2X 3K7]] is the new store.
The office moved to [[A:250 Yonge St, Suite 1800, Toronto, ON M5B 2L7]].
He lives at [[A:32 Oak Hill Road, Rural Route 5, Guelph, ON N1H 6J2]].
Shipping address: [[A:8 Jalan Sultan, 50000 Kuala Lumpur]]
My address: [[A:House No. 12, Sector 15, Chandigarh 160015]]
Return to sender: [[A:901 W. Main St., Louisville, KY 40202]]
The meeting is at my house, [[A:27 Holly Lane]].
Write to me at [[A:Apt 3C, 455 East 86th Street, New York, NY 10028]].
Address:\\n[[A:14 Kings Road\\nReading\\nRG1 3AA]]
The bakery at [[A:1204 Sutter Street]] closed last year.
Mailing address: [[A:Rural Route 3, Box 77, Hays, KS 67601]]
Our Perth office: [[A:Level 5, 140 St Georges Terrace, Perth WA 6000]]
Contact us at [[A:12 Nehru Place, New Delhi 110019]].
"""

THIRD_LOOKALIKES = """\
今年衡阳的雨水特别多。
沿着解放路往北走十分钟就到了。
这款空调型号KFR-72LW，售价4999元。
第3号楼盘开盘价每平方米两万元。
杭州亚运村的志愿者很热情。
他在深圳工作了十年。
3单元的数学题太难了。
本次航班CA1234于14:05起飞。
Take Route 9 north to Albany.
The Route 66 Diner sells milkshakes.
Game 5 is scheduled for Sunday.
Apple Park opened in 2017.
He lives in Seattle.
Version 10.4.2 fixes the crash.
The 12 Days of Christmas is a carol.
Suite 16 is a piano piece.
Call 0800 123 456 for help.
Unit 731 was a wartime unit.
"""


def test_third_set_scored_once(pii_annotator):
    for block in (THIRD_ZH, THIRD_EN):
        s = score(pii_annotator, block.splitlines())
        assert s["recall"] >= 0.95 and s["precision"] >= 0.97, s
    flagged = [
        r for r in THIRD_LOOKALIKES.splitlines() if any(f.entity == "ADDRESS" for f in pii_annotator.find(r))
    ]
    assert len(flagged) <= 1, flagged


if __name__ == "__main__":
    o = PiiRedact(mode="annotate")
    o.ensure_setup()
    for title, block in (
        ("zh", ZH_ADDRESSES),
        ("en", EN_ADDRESSES),
        ("zh look-alikes", ZH_LOOKALIKES),
        ("en look-alikes", EN_LOOKALIKES),
    ):
        for half in ("dev", "held"):
            s = score(o, lines(block, half))
            print(
                title,
                half,
                {
                    k: (round(v, 3) if isinstance(v, float) else v)
                    for k, v in s.items()
                    if k not in ("misses", "wrong")
                },
            )
            for m in s["misses"]:
                print("   missed:", m.replace("\n", " / "))
            for w in s["wrong"]:
                print("   wrong:", w.replace("\n", " / "))
