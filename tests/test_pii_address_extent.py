"""ADDRESS span extent: how much of each address the recognizers cover, not only whether they touch
it. Hand-written by helper address2 (issue #16) BEFORE the changes they measure, in two halves:
``*_DEV`` was used to develop the rules, ``*_HELD`` was only scored. Gold spans run from the first
house/building/street or administrative part to the last unit part, postcode and country included
where written; a name line is not part of the address. Forms: UK flats and house names, European,
Japanese, Singapore, New Zealand, Irish (Eircode), Australian and Canadian addresses, US units,
multi-line letter and order blocks; Chinese estates with building/unit/room tails, 号院, 大厦X座,
Hong Kong, Macau and Taiwan (traditional characters), rural 村/组/屯/队 tails. Look-alikes must
stay unflagged.

    python -m tests.test_pii_address_extent   # recall, character coverage, precision per half
"""

from __future__ import annotations

import re

import pytest

from operators.pii import PiiRedact
from operators.pii.generalize import GeneralizeLevels, generalize
from operators.pii.recognizers_address_en import EnglishAddressRecognizer
from operators.pii.recognizers_address_zh import ChineseAddressRecognizer
from tests.pii_linear import grown_ratio
from tests.pii_marked import block_lines, check_extent, check_flagged, extent, parse, score

EN_DEV = r"""
Please send it to [[A:Flat 3, 12 High Street, Bristol BS1 4DJ]].
Our address is [[A:The Old Rectory, Church Lane, Ashwell SG7 5LY]].
Deliver to: [[A:Hauptstraße 5, 10115 Berlin, Germany]]
She lives at [[A:Keizersgracht 123, 1015 CJ Amsterdam, Netherlands]].
Return address: [[A:24 Rue Lepic, 75018 Paris, France]]
Ship to [[A:7 Marina Boulevard, Singapore 018989]].
My address is [[A:15 Queen Street, Auckland 1010, New Zealand]].
Send the forms to [[A:12 Main Street, Ballymote, Co. Sligo, F56 KD92]].
He lives at [[A:Unit 5, 22 George Street, Sydney NSW 2000, Australia]].
Mailing address: [[A:1200 Pine Street, Apt 4B, Seattle, WA 98101, USA]]
Billing address: [[A:55 Bloor Street West, Suite 1000, Toronto, ON M5S 1A1, Canada]]
Dear Mr Brown,\nPlease reply to:\n[[A:14 Park Road\nLeeds LS6 2AB\nUnited Kingdom]]
Order 5521 ship to:\nJane Smith\n[[A:88 Orchard Road\nSingapore 238839]]
Customer: Li Wei, [[A:3 Cherry Tree Close, Norwich NR4 7TJ, UK]], tel 01603 555 123
The office is at [[A:Level 12, 100 Queen Street, Melbourne VIC 3000]].
Address: [[A:Apartment 7, 40 Merrion Square, Dublin 2, D02 X285, Ireland]]
Send it to [[A:4-2-8 Shibakoen, Minato-ku, Tokyo 105-0011, Japan]].
Ship to [[A:Rose Cottage, 2 Mill Lane, Little Snoring, Norfolk NR21 0AA]].
Please deliver to [[A:PO Box 330, Wellington 6140, New Zealand]].
We moved to [[A:Via Roma 12, 00184 Roma, Italy]].
Address: [[A:Calle Mayor 5, 28013 Madrid, Spain]]
He lives at [[A:Kungsgatan 10, 111 43 Stockholm, Sweden]].
"""

EN_HELD = r"""
Please send it to [[A:Flat 12, 45 London Road, Brighton BN1 4JF]].
Our new address is [[A:Ivy House, Station Road, Great Shelford CB22 5LR]].
Deliver to: [[A:Bahnhofstraße 12, 80335 München, Germany]]
She lives at [[A:Prinsengracht 263, 1016 GV Amsterdam, Netherlands]].
Return address: [[A:8 Rue de la Paix, 75002 Paris, France]]
Ship to [[A:1 Raffles Place, Singapore 048616]].
My address is [[A:22 Willis Street, Wellington 6011, New Zealand]].
Send the forms to [[A:4 Strand Road, Bray, Co. Wicklow, A98 X2Y3]].
He lives at [[A:Unit 9, 150 Elizabeth Street, Brisbane QLD 4000, Australia]].
Mailing address: [[A:455 Market Street, Suite 900, San Francisco, CA 94105, USA]]
Billing address: [[A:200 Bay Street, Unit 12, Vancouver, BC V6C 1S4, Canada]]
Dear Ms Green,\nPlease reply to:\n[[A:27 Castle Street\nEdinburgh EH2 3DN\nUnited Kingdom]]
Order 7781 ship to:\nTom Lee\n[[A:10 Anson Road\nSingapore 079903]]
Customer: Ann Park, [[A:9 Elm Grove, York YO31 7QX, UK]], tel 01904 555 321
The office is at [[A:Level 3, 200 George Street, Sydney NSW 2000]].
Address: [[A:Apartment 2, 18 Fitzwilliam Place, Dublin 2, D02 YX88, Ireland]]
Send it to [[A:1-1-2 Oshiage, Sumida-ku, Tokyo 131-0045, Japan]].
Ship to [[A:Meadow View, 5 Church Road, Long Melford, Suffolk CO10 9DS]].
Please deliver to [[A:PO Box 1200, Christchurch 8140, New Zealand]].
We moved to [[A:Via Garibaldi 8, 10122 Torino, Italy]].
Address: [[A:Calle de Alcalá 20, 28014 Madrid, Spain]]
He lives at [[A:Drottninggatan 5, 111 51 Stockholm, Sweden]].
"""

ZH_DEV = r"""
收件地址：[[A:北京市朝阳区望京街道阳光小区3号楼2单元501室]]
他住在[[A:上海市浦东新区陆家嘴环路1000号恒生银行大厦A座1203]]。
地址：[[A:北京市海淀区中关村大街27号院5号楼]]
寄到[[A:香港九龙旺角弥敦道123号信和中心5楼B室]]。
地址：[[A:澳门氹仔广东大马路202号华宝大厦8楼C座]]
他住在[[A:臺北市大安區忠孝東路四段1號3樓]]。
户籍地：[[A:河南省周口市太康县马头镇李庄村3组15号]]
家住[[A:黑龙江省齐齐哈尔市克山县西河镇王家屯]]。
地址：[[A:广州市天河区体育西路103号维多利广场B座2301房]]
住址：[[A:杭州市西湖区文三路90号东部软件园2号楼3层]]
寄往[[A:深圳市南山区科技园南区科苑路15号科兴科学园C栋1单元601]]。
家住[[A:成都市武侯区玉林北路2号附1号]]。
地址：[[A:天津市河西区友谊路18号之3]]
他住在[[A:南京市鼓楼区中山北路88号3-2-501]]。
户籍：[[A:湖南省邵阳市隆回县六都寨镇大水田村第二村民小组]]
送至[[A:香港新界沙田石门安群街1号京瑞广场一期18楼]]。
他住[[A:高雄市前鎮區中山二路5號12樓之2]]。
"""

ZH_HELD = r"""
收件地址：[[A:北京市丰台区方庄街道芳古园小区5号楼3单元302室]]
他住在[[A:上海市静安区南京西路1266号恒隆广场办公楼一座2501]]。
地址：[[A:北京市西城区月坛北街8号院3号楼]]
寄到[[A:香港九龙尖沙咀广东道33号中港城6楼A室]]。
地址：[[A:澳门新口岸友谊大马路918号澳门世界贸易中心7楼]]
他住在[[A:臺中市西屯區臺灣大道三段99號5樓]]。
户籍地：[[A:山东省临沂市沂南县张庄镇王家庄村2组8号]]
家住[[A:吉林省长春市农安县合隆镇陈家屯]]。
地址：[[A:广州市越秀区环市东路339号广东国际大厦A座1808房]]
住址：[[A:杭州市滨江区网商路699号4号楼5层]]
寄往[[A:深圳市福田区深南大道7008号阳光高尔夫大厦B栋2单元1503]]。
家住[[A:重庆市渝中区解放碑民族路5号附2号]]。
地址：[[A:武汉市江汉区解放大道688号之5]]
他住在[[A:西安市雁塔区小寨东路10号2-1-302]]。
户籍：[[A:四川省南充市仪陇县马鞍镇新华村第三村民小组]]
送至[[A:香港港岛中环皇后大道中99号中环中心20楼]]。
他住[[A:新北市板橋區文化路一段100號8樓之1]]。
"""

#: A second set, written after the halves above had been tuned and scored once before the last fixes
#: (en recall 0.875, coverage 0.832; zh 1.0, 0.945): now development text too.
EN_FRESH = r"""
Ship to: [[A:Flat 4B, Marlowe Court, 9 Queens Road, Bath BA1 2QT]]
Post it to [[A:Honeysuckle Farm, Back Lane, Ripley HG3 3AX, United Kingdom]].
Address: [[A:Schillerstraße 44, 60313 Frankfurt am Main]]
She lives at [[A:Herengracht 401, 1017 BP Amsterdam]].
Deliver to [[A:22 Avenue des Champs-Élysées, 75008 Paris]].
He is at [[A:Blk 123 Ang Mo Kio Avenue 3, #05-12, Singapore 560123]].
Mailing address: [[A:15 Lambton Quay, Wellington 6011]]
Send it to [[A:Apt 5, 3 Eyre Square, Galway, H91 E2F7, Ireland]].
Please deliver to [[A:Unit 2, 14 Smith Street, Fitzroy VIC 3065]].
Return to:\n[[A:901 Cherry Avenue\nSan Bruno, CA 94066\nUSA]]
Invoice #4471\nBill to: Acme Ltd\n[[A:3rd Floor, 25 Old Broad Street\nLondon EC2N 1HQ]]
Address: [[A:3-7-1 Nishi-Shinjuku, Shinjuku-ku, Tokyo 163-1401]]
Find us at [[A:1200 Rene-Levesque Blvd West, Montreal, QC H3B 4W8, Canada]].
Customer address: [[A:Suite 12, Level 4, 88 Phillip Street, Sydney NSW 2000]]
He lives at [[A:Kurfürstendamm 21, 10719 Berlin]].
Our address is [[A:Waterside House, 12 Quay Street, Manchester M3 3JE]].
"""

ZH_FRESH = r"""
地址：[[A:北京市朝阳区建国路88号SOHO现代城2号楼1单元1105室]]
他住在[[A:上海市徐汇区漕溪北路595号上海电影广场A栋12层]]。
寄到[[A:香港湾仔告士打道138号联合鹿岛大厦12楼1203室]]。
地址：[[A:澳門氹仔孫逸仙大馬路88號海洋花園8座12樓A]]
他住[[A:臺南市東區中華東路三段360號7樓之3]]。
户籍地：[[A:江西省赣州市于都县罗坳镇步前村5组12号]]
家住[[A:辽宁省铁岭市昌图县亮中桥镇老城屯]]。
地址：[[A:广州市海珠区新港中路397号东方红大厦B座1105]]
住址：[[A:南京市玄武区珠江路88号新世界中心A座2501室]]
寄往[[A:成都市锦江区春熙路西段9号附3号]]。
他家在[[A:河北省保定市易县高村乡东庄村第三生产队]]。
收货地址：[[A:重庆市江北区观音桥步行街6号金源时代购物广场3楼L301号铺]]
"""

#: A third set (letters, order blocks, Hong Kong and Taiwan forms, then UK flats, rural 社/村委会), scored
#: once before its fixes (first 10 en / 8 zh: coverage 0.815 / 0.973; the next 6 / 8: 0.765 / 0.881):
#: development text too.
EN_PROBE = r"""
Ship to:\nJohn Doe\n[[A:123 Main St\nApt 4\nSpringfield, IL 62704\nUSA]]
Yours sincerely,\nMary Jones\n[[A:Flat 3\n12 High Street\nLondon\nSW1A 1AA]]
Order #8812 | [[A:45 Oak Ave, Portland, OR 97201, USA]] | paid
Deliver to Jane Doe, [[A:7 Elm Road, Cheltenham, Gloucestershire GL50 1AA]], by Friday.
From:\nPeter Wu\n[[A:Unit 6, 33 King Street\nToronto ON M5C 1G6\nCanada]]
Shipping address:\n[[A:Room 1203, 12/F, Tower 2\n18 Harbour Road\nWan Chai, Hong Kong]]
Billing: [[A:2/14 Smith St, Parramatta NSW 2150, Australia]]
Please write to me at [[A:The Coach House, 4 Mill Road, Lewes BN7 2RU]].
Send to [[A:Apartment 12B, 500 W 23rd Street, New York, NY 10011]].
Address: [[A:No. 8, Lane 50, Section 3, Nangang Road, Taipei 115, Taiwan]]
Send it to [[A:Flat 2/1, 45 Byres Road, Glasgow G11 5RG]].
Address: [[A:1st Floor Flat, 22 Gloucester Road, Bristol BS7 8AE]]
Deliver to [[A:12a Station Approach, Hayes, Bromley BR2 7EH]].
He lives at [[A:Apt. 3C, 250 W. 57th St., New York, NY 10107]].
Ship to: [[A:PO Box 4521, Station A, Toronto, ON M5W 4B9, Canada]]
My address: [[A:Unit 3, 10-12 Bridge Street, Cork T12 AB34, Ireland]]
"""

ZH_PROBE = r"""
收货人：王芳\n地址：[[A:浙江省杭州市余杭区五常街道西溪北苑12幢3单元601室]]
他家在[[A:江苏省徐州市沛县敬安镇八里村三队]]。
地址：[[A:上海市长宁区仙霞路99号尚嘉中心20楼2001室]]
寄到[[A:香港新界荃湾杨屋道8号如心广场二期15楼1502室]]。
住址：[[A:北京市朝阳区望京西园三区311号楼1门502]]
地址：[[A:广东省深圳市宝安区西乡街道固戍二路8号铺]]
他住在[[A:黑龙江省哈尔滨市道里区安静街72号3栋2单元401户]]。
家住[[A:台湾省桃園市中壢區中正路100巷5弄3號2樓]]。
地址：[[A:深圳市龙岗区坂田街道万科城市花园二期5栋1单元302]]
家住[[A:佛山市顺德区北滘镇碧桂园凤凰城凤祥苑12座1801]]。
户籍：[[A:河北省邯郸市魏县张二庄镇后屯村委会3组]]
他住在[[A:四川省绵阳市三台县芦溪镇红星村6社12号]]。
收货地址：[[A:北京市海淀区学院路30号院2号楼5层503]]
地址：[[A:上海市闵行区七宝镇万科城市花园T3栋2单元1101室]]
住址：[[A:广西壮族自治区南宁市青秀区民族大道136-5号华润大厦C座3305]]
地址：[[A:香港九龍觀塘道388號創紀之城1期渣打中心15樓]]
"""

LOOKALIKES = r"""
Turn left on High Street and keep going.
The Model 3 Standard Range costs $39,990.
He wore Number 10 for Real Madrid in 2019.
Version 12.4, released 3 May 2021, fixes 15 bugs.
Call 020 7946 0958 or +65 6123 4567 before 5 pm.
The 2020 Olympics were held in Tokyo, Japan.
Flight 12 to Berlin, Germany leaves at 10:15.
The iPhone 15 Pro, Galaxy S24 and Pixel 8 were compared.
他在3号楼开会，下午去2号楼。
这款手机型号为A2650，售价5999元。
会议定于2023年5月12日在北京召开。
村里建起一座新学校，一楼是食堂。
Turn onto Orchard View Road, then Pine Hill Street East.
Scores: 2-1 Arsenal, 3-0 Chelsea.
第3季度营收增长12%，达到501亿元。
"""


def test_set_sizes():
    for block in (EN_DEV, EN_HELD, ZH_DEV, ZH_HELD, EN_FRESH, ZH_FRESH, EN_PROBE, ZH_PROBE):
        for line in block_lines(block):
            assert len(parse(line)[1]) == 1, line


@pytest.mark.parametrize(
    "block, recall, coverage",
    [
        (EN_DEV, 0.95, 0.97),
        (EN_HELD, 0.95, 0.97),
        (ZH_DEV, 0.95, 0.97),
        (ZH_HELD, 0.95, 0.97),
        (EN_FRESH, 0.9, 0.93),
        (ZH_FRESH, 0.95, 0.97),
        (EN_PROBE, 0.95, 0.87),
        (ZH_PROBE, 0.95, 0.95),
    ],
)
def test_extent_floors(pii_annotator, block, recall, coverage):
    check_extent(pii_annotator, block_lines(block), recall, coverage)


#: Shapes aimed at the extent rules: building names and tails, traditional text, house names, Japanese
#: blocks, postcodes and country lines, commas and newlines.
TORTURE = {
    "digits": lambda n: "1234567890" * (n // 10),
    "building_tails": lambda n: "3号楼2单元" * (n // 6),
    "building_names": lambda n: "中山路5号信和中心" * (n // 9),
    "traditional_tails": lambda n: "3號樓2單元5樓之" * (n // 9),
    "village_tails": lambda n: "李庄村3组第二村民小组附1号之3" * (n // 16),
    "commas_newlines": lambda n: ",\n, \n" * (n // 5),
    "postcodes": lambda n: "SW1A 2AA, " * (n // 10),
    "eircodes_jp": lambda n: "D02 X285, 105-0011, " * (n // 20),
    "jp_blocks": lambda n: "4-2-8 Shibakoen, " * (n // 17),
    "house_names": lambda n: "Rose Cottage, 2 Mill Lane, " * (n // 27),
    "country_lines": lambda n: "12 Park Road\nLeeds LS6 2AB\nUnited Kingdom\n" * (n // 42),
}


@pytest.mark.parametrize("shape", sorted(TORTURE))
def test_linear_time(shape):
    """T(8n) / T(n) below 16 (linear: 8, quadratic: 64), CPU time of this thread, n grown until T(n)
    is measurable (as tests/test_pii_linear.py)."""
    zh, en = ChineseAddressRecognizer(), EnglishAddressRecognizer()

    def both(text: str) -> None:
        zh.analyze(text)
        en.analyze(text)

    r, n, small, large = grown_ratio(both, TORTURE[shape], n=4096, max_n=1 << 16, min_seconds=0.005)
    assert r < 16, (shape, n, small, large)


_SETS = ("EN_DEV", "EN_HELD", "ZH_DEV", "ZH_HELD", "EN_FRESH", "ZH_FRESH", "EN_PROBE", "ZH_PROBE")
_STREET_OR_UNIT = re.compile(
    r"\d|\b(?:Street|Road|Lane|Level|Floor|Suite|Unit|Flat)\b|路|街|道|号|號|楼|樓|室|单元|村"
)


def test_generalize_keeps_no_street_or_unit():
    """The whole spans above generalize to a town, region or country (or to the replace tag), never
    to a street, house number or unit."""
    levels = GeneralizeLevels()
    for name in _SETS:
        for line in block_lines(globals()[name]):
            text, spans = parse(line)
            for _, s, e in spans:
                out = generalize("ADDRESS", text[s:e], levels)
                assert out is None or _STREET_OR_UNIT.search(out) is None, (text[s:e], out)


@pytest.mark.parametrize(
    "address, city",
    [
        ("臺北市大安區忠孝東路四段1號3樓", "台湾省台北市"),
        ("台湾省桃園市中壢區中正路100巷5弄3號2樓", "台湾省桃园市"),
        ("Level 3, 200 George Street, Sydney NSW 2000", "Sydney"),
        ("Suite 12, Level 4, 88 Phillip Street, Sydney NSW 2000", "Sydney"),
        ("Herengracht 401, 1017 BP Amsterdam", "Amsterdam"),
    ],
)
def test_generalize_city(address, city):
    assert generalize("ADDRESS", address, GeneralizeLevels()) == city


def test_lookalikes(pii_annotator):
    check_flagged(pii_annotator, block_lines(LOOKALIKES), "ADDRESS", 0, ("ADDRESS",))


if __name__ == "__main__":
    o = PiiRedact(mode="annotate")
    o.ensure_setup()
    for title, block in (
        ("en dev", EN_DEV),
        ("en held", EN_HELD),
        ("zh dev", ZH_DEV),
        ("zh held", ZH_HELD),
        ("en fresh", EN_FRESH),
        ("zh fresh", ZH_FRESH),
        ("en probe", EN_PROBE),
        ("zh probe", ZH_PROBE),
    ):
        print(title, extent(o, block_lines(block)))
    print("look-alikes flagged:", score(o, block_lines(LOOKALIKES), "ADDRESS", ("ADDRESS",))["flagged"])
