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

#: [[A:...]] gold spans; an address block may run over lines.
_MARK = re.compile(r"\[\[A:(.*?)\]\]", re.S)


def parse(line: str) -> tuple[str, list[tuple[str, int, int]]]:
    """The text of a marked line and its gold ADDRESS spans."""
    out, spans, pos = [], [], 0
    for m in _MARK.finditer(line):
        out.append(line[pos : m.start()])
        start = sum(map(len, out))
        out.append(m.group(1))
        spans.append(("ADDRESS", start, start + len(m.group(1))))
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), spans


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
第3季度营收增长12%，达到501亿元。
"""


def _lines(block: str) -> list[str]:
    return [ln.replace("\\n", "\n") for ln in block.splitlines() if ln.strip()]


def extent(op, lines: list[str]) -> dict:
    """Recall by overlap, character coverage, whole-span hits and precision of ADDRESS."""
    gold = hit = whole = chars = covered = pred = right = 0
    partial = []
    for line in lines:
        text, spans = parse(line)
        found = [(f.start, f.end) for f in op.find(text) if f.entity == "ADDRESS"]
        for _, s, e in spans:
            gold += 1
            chars += e - s
            cov = sum(1 for i in range(s, e) if any(a <= i < b for a, b in found))
            covered += cov
            hit += any(a < e and s < b for a, b in found)
            whole += cov == e - s
            if cov < e - s:
                partial.append((text[s:e], [text[a:b] for a, b in found]))
        pred += len(found)
        right += sum(any(a < e and s < b for _, s, e in spans) for a, b in found)
    return {
        "recall": round(hit / gold, 3),
        "coverage": round(covered / chars, 3),
        "whole": f"{whole}/{gold}",
        "precision": round(right / pred, 3) if pred else None,
        "partial": partial,
    }


@pytest.fixture(scope="module")
def op():
    o = PiiRedact(mode="annotate")
    o.ensure_setup()
    return o


def test_set_sizes():
    for block in (EN_DEV, EN_HELD, ZH_DEV, ZH_HELD):
        for line in _lines(block):
            assert len(parse(line)[1]) == 1, line


@pytest.mark.parametrize(
    "block, recall, coverage",
    [(EN_DEV, 0.0, 0.0), (EN_HELD, 0.0, 0.0), (ZH_DEV, 0.0, 0.0), (ZH_HELD, 0.0, 0.0)],
)
def test_extent_floors(op, block, recall, coverage):
    s = extent(op, _lines(block))
    assert s["recall"] >= recall and s["coverage"] >= coverage and s["precision"] == 1.0, s


def test_lookalikes(op):
    flagged = [t for t in _lines(LOOKALIKES) if any(f.entity == "ADDRESS" for f in op.find(t))]
    assert not flagged, flagged


if __name__ == "__main__":
    o = PiiRedact(mode="annotate")
    o.ensure_setup()
    for title, block in (("en dev", EN_DEV), ("en held", EN_HELD), ("zh dev", ZH_DEV), ("zh held", ZH_HELD)):
        print(title, extent(o, _lines(block)))
    print(
        "look-alikes flagged:",
        [t for t in _lines(LOOKALIKES) if any(f.entity == "ADDRESS" for f in o.find(t))],
    )
