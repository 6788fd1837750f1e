"""ADDRESS in Chinese and English text: street addresses with a house
number, unit and the administrative divisions above them; offline (lists in
``lexicon.py``).

Chinese (:class:`ChineseAddressRecognizer`). An address is a chain of
components read left to right from an anchor:

* anchors: a division name from GB/T 2260 (黑龙江省, 哈尔滨, 南岗区; Aho-Corasick
  over about 3,000 names), or a road/estate word followed by a house number
  (中山路123号, 阳光小区3栋), the road name taken from up to six characters
  before it;
* components: up to six name characters and a suffix (省 自治区 市 州 盟 区 县
  旗 镇 乡 街道 社区 村 路 大道 大街 街 巷 弄 胡同 里 小区 花园 大厦 公寓 家园 新村
  苑 广场 大楼 园 号院), or a number part (123号, 3栋, 2单元, 501室, 12层, 甲2号).

The chain is an ADDRESS (0.8) when it places a home: a house number (123号,
3栋, 501室, 1单元801, 55号2-3-1) or a village, community or housing estate (村,
社区, 小区, 花园). A division written with its suffix followed by a road, street,
town or village (南昌市青山湖区北京东路, 浦东新区金桥镇, 大理白族自治州大理市下关镇)
counts too (0.6): the granularity rule is "down to a street or a town"; a city,
district or province alone (石家庄, 他在南山区工作) is no address. Other chains
count (0.6) only after an address word (住址, 地址, 住在, 家住, 住, 居住于, 寄往,
户籍, 地点, 位于). Two building/unit/floor numbers in a row (2栋1单元1102, 3号楼2单元,
B1层12号商铺) are an address with no division before them (0.7), with the estate
name before them. Name characters exclude function words (的, 在, 是, 他, ...), so
a chain does not run into the sentence; a road or town name inside a chain may
hold 和 将 向 会 那 (和平路, 干将东路, 那坡镇), and words that end like a road but
are none (下乡, 道路, 乡镇) end it.

English (:class:`EnglishAddressRecognizer`): house number, one to four
street-name words (or an ordinal: 5th), a street type (USPS Publication 28:
Street, St, Avenue, Ave, Road, Blvd, Lane, Drive, ...), then optionally a
unit (Apt, Suite, Unit, #), a city, a US state (name or USPS code) and a ZIP
code (0.7; 0.85 with city and state); P.O. boxes; and continental
European forms, street word then number ("Chausseestr. 32", "Rue du Centre
108", "Via Roma 12", 0.6), the street word as its own word ("Freistädter
Strasse 61", "Gosposka ulica 47") and the number-first French and Spanish form
("12 rue de la Paix", 0.7). A year before the number's words ("in 2019
Central Park") is not a house number. The forms most of the world writes
(street name then house number, building numbers before it, unit, town,
postcode and country after it over commas and lines) are read by
``address_parts.py`` with the evidence they need (an address cue, a unit, an
address block); a postcode after "zip code"/"postcode" and a street named
without number where someone lives ("lives on Gordon Street", 0.5) count too.

Linear time: Aho-Corasick and ``regex`` passes with bounded, possessive
repetitions; the chain advances at every step and a text position is read by
a bounded number of chains (an anchor inside an address already found is
skipped).
"""

from __future__ import annotations

import bisect
import re

import ahocorasick
import re2
import regex

from .actions import Finding
from .address_parts import (
    BUILDING_BEFORE,
    CORE_ANY,
    CORE_UP,
    FLOOR_UNIT,
    NAMED_BUILDING_BEFORE,
    POSTCODE,
    STRONG_CUE,
    UNIT_ANY,
    UNIT_BEFORE,
    UNIT_UP,
    ZIP_CUE,
    core_at,
    cue_ends,
    has_street_word,
    has_town_after,
    lead_start,
    tail_end,
    tail_has_evidence,
)
from .lexicon import STREET_TYPES, UNIT_WORDS, US_STATES, chinese

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile("[\u3400-\u9fff]")
#: Characters that never belong to a place name: function words and pronouns.
CN_ADDR_STOP = "的了是在和与及或也就说为对把被从向到给让着过将于而并但之其这那个们去有没不很更最又还再已会能要以所我你他她它您该此每各"
_NAME = f"(?:(?![{CN_ADDR_STOP}])[{_CJK}])"
#: Stop characters that also begin or fill common road, town and village names (和平路, 干将路,
#: 向阳路, 会展路, 那坡镇): allowed in a road/town name inside a chain (after a division) or before a
#: house number, where a name is expected.
_ROAD_NAME_CHARS = "和将向会那"
_LOOSE_STOP = "".join(c for c in CN_ADDR_STOP if c not in _ROAD_NAME_CHARS)
_NAME_LOOSE = f"(?:(?![{_LOOSE_STOP}])[{_CJK}])"
#: Road, street, town and village words: a division followed by one of these is a place down to a
#: street or a town (the granularity that counts as an ADDRESS, docs/pii.md).
_STREET_SUFFIXES = ("街道", "大道", "大街", "胡同", "社区", "路", "街", "巷", "弄", "镇", "乡", "村", "屯")
_STREET_COMPONENT = regex.compile(
    f"{_NAME_LOOSE}{{1,8}}?(?:大道|大街|胡同|路|街|巷|弄)|{_NAME_LOOSE}{{1,3}}?(?:街道|镇|乡|村|屯)"
)
#: Words that end like a road or a town but are none (下乡, 城乡, 道路, 线路, 乡镇): a component
#: ending in one of these ends the chain. ``_NOT_STREET_ALONE``: words that are no place alone
#: (马路, 小镇) but end real names (南湖大路, 中山一路, 沪宁公路, 周庄古镇).
#: A village named after a street (西街村, 前路村): the road word then 村 or 屯.
_STREET_VILLAGE = regex.compile(f"{_NAME_LOOSE}{{1,8}}?[街路巷][村屯]")
_NOT_STREET = frozenset(
    "下乡 城乡 家乡 故乡 老乡 同乡 回乡 返乡 还乡 思乡 异乡 他乡 梦乡 乡镇 城镇 市镇 集镇 道路 铁路 线路 电路 思路 "
    "出路 网路 沿路 上路 退路 门路 套路 走路 让路 带路 领路 问路 来路 去路 半路 生路 死路 活路 上街 逛街 满街 临街 "
    "沿街 当街".split()
)
#: An office or its holder inside a would-be road or town name (市委书记曹路, 监狱管理局镇).
_OFFICE = re.compile("委|局|书记|政府|主任|部长")
_NOT_STREET_ALONE = frozenset(
    "马路 公路 大路 小路 一路 新路 老路 前路 后路 长街 水乡 小镇 重镇 古镇 名镇".split()
)
_SUFFIX_DIV = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "省",
    "市",
    "州",
    "盟",
    "区",
    "县",
    "旗",
)
_SUFFIX_SUB = (
    "街道", "社区", "镇", "乡", "村", "大道", "大街", "路", "街", "巷", "弄", "胡同", "里", "小区", "花园", "大厦",
    "公寓", "家园", "新村", "苑", "广场", "大楼", "号院", "园区", "园", "屯", "条", "道",
)  # fmt: skip
#: Components that place a person (a home), not only a street or a town.
_RESIDENTIAL = ("村", "社区", "小区", "花园", "家园", "新村", "苑", "公寓", "大厦", "号院", "屯")
_SUFFIXES = sorted(_SUFFIX_DIV + _SUFFIX_SUB, key=len, reverse=True)
#: Hong Kong's "Road Central/East/West" (皇后大道中99号) is a road only before its house number.
_COMPONENT = regex.compile(f"{_NAME}{{1,6}}?(?:大道[中东西](?=[0-9０-９])|{'|'.join(_SUFFIXES)})")
_NUM = "0-9０-９一二三四五六七八九十百千零〇"
_NUMBER_PART = regex.compile(
    f"第[{_NUM}]{{1,3}}+(?:村民小组|村民组|生产队|小组|组|队)|[东南西北中]段|村委会|居委会|[东南西北中](?:单元|户)"
    "|[东西南北]门(?![\u4e00-\u9fff])"
    f"|(?:(?![{CN_ADDR_STOP}组])[{_CJK}]){{1,3}}+组(?=[{_NUM}]{{1,4}}号)"  # 新屋组16号: a named group, then the house
    "|(?<=村)(?:委会|民委员会)|地下(?=$|[^\u4e00-\u9fff]|[A-Za-z0-9０-９铺舖])"  # 长岭村委会, 226號地下 (ground floor)
    f"|邮政信箱[{_NUM}]{{1,6}}+(?:[-－][0-9０-９]{{1,4}}+)?+号?|[0-9０-９]{{1,6}}+信箱(?:[0-9０-９]{{1,4}}+分箱)?+"
    f"|附?(?:[A-Za-zＡ-Ｚ]?+[{_NUM}]{{1,6}}+|[甲乙丙丁A-Za-zＡ-Ｚ])(?:[-－之][{_NUM}]{{1,4}}+)?"
    "(?:号楼|号院|号商铺|号铺|号|栋|幢|座|塔|楼|单元|门|层|室|房|户|排|弄|期|组|队|社|段|巷|区)"
    f"(?:之[{_NUM}]{{1,3}}+(?![{_NUM}号楼层室]))?"  # 18号之3, 12楼之2 (Taiwan), not 3号之3号楼
)
#: What may not follow a bare room number: a unit of count, money, time or measure.
_ROOM_NEXT = "(?![年月日号元块万亿个人次米平套间位名家台辆件条天份层楼栋%％])"
#: A building or landmark named after a house number and before its floor, block or room
#: (弥敦道123号信和中心5楼B室, 恒隆广场办公楼一座2501): two to eight name characters right before
#: a number part; bounded and lazy, tried only inside a chain.
_BUILDING_NAME = regex.compile(
    f"(?:{_NAME_LOOSE}|[A-Za-z]){{2,12}}?(?=[A-Za-zＡ-Ｚ]?+[0-9０-９]{{1,4}}+(?:号楼|楼|层|座|栋|幢|单元|室|期|区)|[A-Za-zＡ-Ｚ][座塔]"
    "|[一二三四五六七八九十]{1,3}+(?:座|栋|楼|层)[0-9０-９]|[A-Z]?+[0-9]{1,3}+-[0-9]{1,4}+(?![0-9-])|[东西南北]门"
    "|(?<=中心|大厦|广场|大楼|写字楼|公寓|城|府|苑|园|汇|港|湾|阁|轩|庭|邸|居)"
    f"(?=[0-9]{{3,5}}+(?:室|房)?(?![0-9０-９A-Za-z]){_ROOM_NEXT}))"
)  # a building counted in Chinese numerals only before a room (一座2501), not 建起一座, 华都一楼
#: A room number written bare after a named building (富力中心2708, 万科城1203室): three to five digits, not a
#: count, a price, a date or a measure.
_ROOM_AFTER_NAME = regex.compile(f"[0-9]{{3,5}}+(?:室|房)?(?![0-9０-９A-Za-z]){_ROOM_NEXT}")
#: A room written bare after a building, unit or floor (1单元801, 11座602, 3栋28C, 5楼501) or
#: the 号-2-3-1 form (55号2-3-1: building, unit, room).
_BARE_ROOM = regex.compile(
    r"[A-Za-z]?+[0-9０-９]{2,5}+[A-Za-z]?+(?:-[0-9]{1,4}+)?+(?![0-9０-９A-Za-z年月日元万个人次号-])"
)  # (B座12F-3: floor 12, unit 3)
_DASH_ROOM = regex.compile(r"[A-Z]?+[0-9]{1,3}+-[0-9]{1,4}+(?:-[0-9]{1,4}+)?+(?![0-9-])")
#: Components after which a building's floor-room number may follow bare (未来国际大厦23-8, 中关村大厦B1-1203).
_BUILDING_SUFFIXES = ("大厦", "大楼", "广场", "公寓", "花园", "小区", "家园", "苑")
_FLAT_LETTER = regex.compile(r"[A-Z](?![A-Za-z0-9])")
_ROOM_BEFORE = ("单元", "门", "栋", "幢", "座", "塔", "号楼", "楼", "层")
#: Building, unit and floor parts: two number parts in a row place a home even with no division
#: or road before them (2栋1单元1102, 3号楼2单元, B1层12号商铺, 5楼501) when one is a unit or a
#: room (``_UNIT_WORDS``; "" is a bare room number) or a block is followed by a floor; a building
#: and a floor of it (3号楼二层: a hotel review), two buildings or two floors (1号楼2号楼, 2层3层) are not.
_UNIT_WORDS = frozenset(("单元", "室", "房", "户", "号", "号商铺", "号铺", ""))
_BLOCK_WORDS = frozenset(("栋", "幢", "座", "区"))
_FLOOR_WORDS = frozenset(("层", "楼"))
_NUMBER_WORD = regex.compile(
    "(?:号楼|号院|号商铺|号铺|号|栋|幢|座|塔|楼|单元|门|层|室|房|户|排|弄|期|组|队|社|段|巷|区)(?=(?:之[0-9０-９一二三四五六七八九十]+)?$)"
)


#: A single building written after an estate's or a park's name ending in one of ``_ESTATE_SUFFIXES`` (four
#: characters at least: 翠湖天地5栋, 中关村软件园10号楼, 天府软件园D区6栋), maybe after its phase or area; not a
#: count of buildings (12栋楼, 5栋房子, 3栋住宅) and not a floor alone (购物中心3楼: a shop's floor).
_ONE_BUILDING = frozenset(("栋", "幢", "号楼"))
_ONE_BUILDING_WITH = _ONE_BUILDING | {"期", "区"}
_NOT_AFTER_BUILDING = frozenset("楼房住宅别墅建厂宿")
_PHASE_END = regex.compile(
    "(?:[A-Z]区|[0-9０-９一二三四五六七八九十]{1,2}期)$"
)  # (金地格林小城5期, 天府软件园D区)
#: Place words and verbs of selling or renting that end no estate name: the estate starts after them.
_LEFT_PLACE = regex.compile("楼下|楼上|对面|旁边|隔壁|附近|门口|出售|出租|转让|招租|购买|买了|卖了|租了")
_ESTATE_SUFFIXES = (
    "花园", "小区", "家园", "苑", "公寓", "大厦", "广场", "中心", "城", "国际", "天地", "园", "府", "湾", "庭", "邸",
    "居", "阁", "轩", "郡", "新村", "山庄", "公馆",
)  # fmt: skip


def _number_word(part: str) -> str:
    """The word of a number part (3栋 -> 栋, 2单元 -> 单元), or "" for a bare room number (801)."""
    m = _NUMBER_WORD.search(part)
    return "" if m is None else m.group()


#: A phase, then building-unit-room written with dashes (金地格林小城5期32-1-602).
_PHASE_DASH = regex.compile("(?<![0-9第])[0-9]{1,2}+期(?=[0-9]{1,3}+-[0-9]{1,2}+-[0-9]{3,4}+(?![0-9-]))")


def _has_phase_dash(text: str) -> bool:
    """A phase-dash room in ``text``: each 期 followed by a digit checked (news text has many 期: 期间, 时期)."""
    i = text.find("期")
    while i != -1:
        if text[i + 1 : i + 2].isdigit() and _PHASE_DASH.search(text, max(0, i - 2), i + 16) is not None:
            return True
        i = text.find("期", i + 1)
    return False


_BUILDING_START = regex.compile(
    "(?<![第0-9０-９A-Za-z一二三四五六七八九十百几两])[A-Za-zＡ-Ｚ]?+[0-9０-９]{1,4}+(?:号楼|栋|幢|座|单元|层|区)"
)  # (and _PHASE_DASH and _letter_blocks, searched apart: one alternation of them scans ten times slower)
#: An estate's name right before its building chain: two to ten name characters (no function word, no
#: verb of sending or staying: 放, 送到, 住), maybe with its phase (二期, 3期).
_ESTATE_LEFT = regex.compile(
    f"(?:(?![{CN_ADDR_STOP.replace('之', '').replace('能', '')}放送寄发到住搬来找等收交至往])[{_CJK}]){{2,10}}+"
    "(?:[0-9０-９]{1,2}+期)?$"
)  # (之 and 能 begin no sentence here but end estate and developer names: 城市之光, 鲁能)
#: No estate: a time word (今天下午3栋), or a place word ending in a locative (小区里, 楼下).
_NOT_ESTATE = regex.compile(
    "今天|明天|昨天|后天|上午|下午|晚上|早上|中午|凌晨|刚才|现在|今年|去年|明年|[里下上边旁内外前后]$"
)
_SPACE = regex.compile(r"[ \u3000]?")
_ROAD_NUMBER = re.compile(
    f"(?:大道|大街|路|街|巷|弄|胡同|小区|花园|大厦|公寓|家园|新村|苑|广场|村|大楼|道)"
    f"(?=[{_NUM}]{{1,6}}(?:号|弄|栋|幢|座|巷)|[{_NUM}]{{1,3}}(?:楼|层)[{_NUM}]{{2,5}}(?:室|房)"
    f"|(?:[{_NUM}]{{1,3}}|[东南西北中])段[{_NUM}]{{1,6}}号"  # 芙蓉中路二段200号, 中山路北段12号
    f"|[{_NUM}]{{1,2}}期[{_NUM}]{{1,4}}(?:号楼|栋|幢|座))"  # 万科城市花园二期8栋: a phase, then a building
)
#: Estate and building words that ``_EVIDENCE`` finds (by their first character), read as anchors when a
#: lettered block follows (国贸大厦B座18层, 阳光花园B栋) or, after 大厦, a floor (华润大厦28楼): these are
#: their own evidence. (A separate pass for them, or for 大楼, 中心 and 广场, costs more than the rest of a
#: zh_news text's address search.)
_EVIDENCE_WORDS = {"小": "小区", "花": "花园", "家": "家园", "苑": "苑", "公": "公寓", "大": "大厦"}
_BLOCK_AFTER = re.compile("[A-ZＡ-Ｚ][0-9]{0,2}(?:座|栋|幢)")
_FLOOR_AFTER = re.compile("[0-9０-９]{1,2}(?:楼|层)(?![0-9０-９])")
_ROOM_DIGITS = re.compile("[0-9]{3,5}")
_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def _letter_blocks(text: str) -> list[int]:
    """Starts of a lettered block and its room (新城国际A座1205: a building chain's start): each 座 read
    with str.find (a regex pass over a news text costs more than the rest of its address search)."""
    out = []
    i = text.find("座", 1)
    while i != -1:
        if (
            "A" <= text[i - 1] <= "Z"
            and (i < 2 or text[i - 2] not in _ASCII_ALNUM)
            and _ROOM_DIGITS.match(text, i + 1) is not None
        ):
            out.append(i - 1)
        i = text.find("座", i + 1)
    return out


#: Verbs of staying and sending that end no estate or road name (住幸福小区, 放丽景苑7栋): a left name
#: starts after the last of them.
_LEFT_VERBS = regex.compile("[住放寄送搬找][至到往]?")  # (送至紫荆公寓: 至 too)
#: Road words a street named after an address word ends in (家住南京路附近, 位于中山路): the street alone.
_CUE_ROAD_SUFFIXES = ("大道", "大街", "胡同", "路", "街", "巷", "弄")
#: What may follow such a street: no name character (耶路撒冷 is no road), a locative or a conjunction.
_AFTER_CUE_ROAD = regex.compile("$|[^\u3400-\u9fff]|[附旁上边口东西南北中段一和与及、的对以内外两]")
_NOT_CUE_ROAD = frozenset(("公路", "马路", "大路", "小路", "新路", "老路", "前路", "后路", "长街"))
_ROAD_HOUSE_NUMBER = re.compile(f"[{_NUM}]{{1,6}}号")
_LEFT_NAME = regex.compile(f"(?:(?![{_LOOSE_STOP}区县市省镇乡村])[{_CJK}]){{1,8}}+")
CN_ADDRESS_CUES = regex.compile(
    "(?:住址|地址|住在|家住|居住于|居住在|现居|住于|寄往|寄到|寄至|发往|送到|送至|户籍|户籍地|户籍所在地|所在地|住所"
    "|居住地|籍贯|搬到|搬至|迁至|位于|坐落于|坐落|暂住|租住)[：:为是在]?$"
)


#: Written as one first character, then the rest of each word behind a look-behind (the same matches as
#: ``[数]{1,6}(?:号|...)|村|社区|...``): `re` then skips to the next possible first character instead of
#: trying every alternative at every position (13.0 -> 7.5 CPU-ms on 1,200 zh_news docs, same positions).
_EVIDENCE = re.compile(
    f"[{_NUM}村社小花家新苑公大号屯信](?:(?<=[{_NUM}])[{_NUM}]{{0,5}}(?:号|栋|幢|座|室|单元|层|弄)"
    "|(?<=村)|(?<=社)区|(?<=小)区|(?<=[花家])园|(?<=新)村|(?<=苑)|(?<=公)寓|(?<=大)厦|(?<=号)院|(?<=屯)|(?<=信)箱)"
)
EVIDENCE_REACH = 48  # characters from an anchor's end to the evidence (a chain is at most 12 x 8)

#: Most components a chain takes (省 市 区 街道 路 号 栋 单元 层 室 is ten): keeps every chain
#: O(1), so anchors that do not make an address cannot add up to quadratic time.
MAX_COMPONENTS = 12


_ANY_CUE = re.compile(CN_ADDRESS_CUES.pattern.split("[")[0])
#: Where a division suffix is followed, within nine characters, by a road/town/village word.
_DIVISION_THEN_STREET = re.compile(  # bounded: at most nine characters read from each suffix
    "[市区县旗州盟][\u3400-\u9fff]{1,9}?(?:" + "|".join(_STREET_SUFFIXES) + ")"
)
#: Anchors of the division-then-street rule: a name written with its suffix (合肥市, 瑶海区,
#: 大理白族自治州, three-character short forms such as 延边州); not a prefecture written without 市
#: (兰州 in 马里兰州, 杭州).
_STREET_RULE_ANCHOR = ("省", "市", "区", "县", "旗", "盟", "自治州", "特别行政区")
_BUILDING_GATE = re.compile("[0-9０-９](?:号楼|栋|幢|座|单元|层|楼|区|期[0-9])")  # as _BUILDING_START


#: Traditional characters of address words and common place names, to their simplified forms
#: (one character to one: offsets stay): Taiwan, Hong Kong and Macau addresses (臺北市大安區忠孝東路
#: 四段1號3樓) are read with the simplified rules and lists. Applied only to a text holding 號, 區 or
#: 樓.
TRADITIONAL_TO_SIMPLIFIED = _TRAD = str.maketrans(
    "號樓區層單棟縣鎮鄉臺灣東門廣場園廈龍環義興華國陽長蘭會橋豐鳳雙貿樂蓮嶺雲條莊館壽寧頭灣鐵實業體育愛麗"
    "內萬與雞濱淺將頂嘉彎",
    "号楼区层单栋县镇乡台湾东门广场园厦龙环义兴华国阳长兰会桥丰凤双贸乐莲岭云条庄馆寿宁头湾铁实业体育爱丽"
    "内万与鸡滨浅将顶嘉弯",
)


class ChineseAddressRecognizer:
    """Chinese addresses (module docstring)."""

    ENTITY = "ADDRESS"

    def __init__(self) -> None:
        self.divisions = chinese().divisions
        auto = ahocorasick.Automaton()
        for name in self.divisions:
            if len(name) >= 2:
                auto.add_word(name, len(name))
        auto.make_automaton()
        self._auto = auto
        self._longest = max(len(k) for k in self.divisions)
        # _division_at's candidates: the lengths of the names with a suffix, by their first two
        # characters, longest first (a handful, instead of every length up to the longest name)
        by_prefix: dict[str, set[int]] = {}
        for name in self.divisions:
            if len(name) >= 3 and name.endswith(_SUFFIX_DIV):
                by_prefix.setdefault(name[:2], set()).add(len(name))
        self._lengths = {k: sorted(v, reverse=True) for k, v in by_prefix.items()}

    def _windows(self, evidence: list[int], cues: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
        """Disjoint text ranges holding every anchor :meth:`analyze` may follow (see there)."""
        reach = EVIDENCE_REACH + self._longest
        spans = [(max(0, e - reach), e + 1) for e in evidence]
        spans += [(s, e + 8 + self._longest) for s, e in cues]
        spans.sort()
        out: list[list[int]] = []
        for lo, hi in spans:
            if out and lo <= out[-1][1]:
                out[-1][1] = max(out[-1][1], hi)
            else:
                out.append([lo, hi])
        return [(lo, min(hi, n)) for lo, hi in out]

    def _division_at(self, text: str, q: int) -> int:
        """Length of the longest listed division name written at ``q`` with its suffix, or 0."""
        for k in self._lengths.get(text[q : q + 2], ()):
            if q + k <= len(text) and text[q : q + k] in self.divisions:
                return k
        return 0

    def _chain(self, text: str, p: int) -> tuple[int, bool, int, bool]:
        """Extend from ``p``: (end, reached below county, components, took a road/town/village)."""
        n = len(text)
        sub = street = False
        parts = 0
        last = ""  # the number word of the part just taken (号, 单元, ...), or ""
        while p < n and parts < MAX_COMPONENTS:
            q = _SPACE.match(text, p).end()
            m = _NUMBER_PART.match(text, q)
            if m is None and last.endswith(_ROOM_BEFORE):
                m = _BARE_ROOM.match(text, q) or _DASH_ROOM.match(text, q)  # (3单元6-2: floor-room)
            elif m is None and last in ("号", "区", "期"):  # 55号2-3-1, E1区1-2-1205
                m = _DASH_ROOM.match(text, q)
            elif m is None and last == "名":  # 富力中心2708: a bare room after a named building
                m = _ROOM_AFTER_NAME.match(text, q)
            if m is None and last in ("楼", "层"):
                m = _FLAT_LETTER.match(text, q)  # 12楼A: a Hong Kong flat letter
            if m is not None:
                p, sub, parts = m.end(), True, parts + 1
                last = _number_word(m.group())
                continue
            last = ""
            k = self._division_at(text, q)
            if k:  # a listed division (成都市: 都 is also a function word, so no generic component)
                p, parts = q + k, parts + 1
                continue
            m = _COMPONENT.match(text, q, min(n, q + 16))
            if (
                m is not None and m.group()[-1] in "旗州区县市盟园里苑村"
            ):  # 红旗街, 田园街, 科苑路, 杨村路: not the banner 红旗, not the village 杨村
                longer = _STREET_COMPONENT.match(text, q, min(n, q + 18))
                if longer is not None and m.end() < longer.end() <= m.end() + 2:
                    m = longer
            if m is None:  # 和平路, 干将东路, 那坡镇: a road or town name with a stop character
                m = _STREET_COMPONENT.match(text, q, min(n, q + 18))
                if m is None and parts:  # 123号信和中心5楼B室: a building name, then its floor or room
                    m = _BUILDING_NAME.match(text, q, min(n, q + 20))
                    if m is not None:  # (写字楼25-7: a floor-room number may follow, as after 号)
                        p, parts, last = m.end(), parts + 1, "号"
                        if _ROOM_AFTER_NAME.match(text, p) is not None:
                            last = "名"
                        continue
                if m is None:
                    break
            if m.end() < n and text[m.end()] in "村屯" and m.group()[-1] in "街路巷":  # 西街村: a village
                m = _STREET_VILLAGE.match(text, q, m.end() + 1) or m
            if m.group().endswith(_STREET_SUFFIXES):
                if m.group()[-2:] in _NOT_STREET or m.group() in _NOT_STREET_ALONE:
                    break
                if _OFFICE.search(m.group()) is not None:  # 苏州市委书记曹路宝: an office, then a name
                    break
                street = True
            if m.group().endswith(_RESIDENTIAL):
                sub = True
            p, parts = m.end(), parts + 1
            if m.group()[-1] == "街" and text.startswith("道", p) and not text.startswith("道路", p):
                p += 1  # 银州街道: a subdistrict (the street component stopped at 街)
            if m.group().endswith(_BUILDING_SUFFIXES):
                last = "号"
                if (
                    _ROOM_AFTER_NAME.match(text, p) is not None
                ):  # 置地广场2301: a bare room after the building
                    last = "名"
            elif m.group().endswith(("区", "期")):  # 家园北区12-3-402: a block of an estate, then its room
                last = "区"
        return p, sub, parts, street

    def _cue_roads(self, text: str, found: list[Finding], roads: list[tuple[int, int]]) -> list[Finding]:
        """``found`` (sorted, disjoint) with each street named alone right after an address word (住在南京路
        附近, 位于民族大道, 住在劳动北路任家村: 0.6) that no finding overlaps; not 位于耶路|撒冷 (a name
        character follows)."""
        extra: list[Finding] = []
        j = 0
        for q, e in roads:  # (sorted: one per cue)
            while j < len(found) and found[j].end <= q:
                j += 1
            end = self._chain(text, e)[0]
            if end == e and _AFTER_CUE_ROAD.match(text, e) is None:
                continue
            if (j < len(found) and found[j].start < end) or (extra and extra[-1].end > q):
                continue
            extra.append(Finding(self.ENTITY, q, end, 0.6))
        return sorted(found + extra, key=lambda f: f.start) if extra else found

    def _villages(self, text: str, found: list[Finding], places: list[int]) -> list[Finding]:
        """``found`` (sorted, disjoint) with each village named alone by a place word before 村
        (李家庄村, 王营村, 石门寨村, 张家沟村5组: 0.6), outside every finding; not 农村, 度假村, 本村.
        ``places``: where 村 follows such a word (sorted)."""
        out: list[Finding] = []
        j = 0
        for i in places:
            if text[i - 2] != "村" and not (out and out[-1].end > i):
                left = _LEFT_NAME.match(text[max(0, i - 4) : i - 1][::-1])
                if left is not None:
                    start = i - 1 - left.end()
                    while j < len(found) and found[j].end <= start:
                        out.append(found[j])
                        j += 1
                    inside = (j < len(found) and found[j].start <= i) or (out and out[-1].end > start)
                    if not inside:
                        end = i + 1
                        for _ in range(3):  # its group, committee or house (5组, 村委会, 18号)
                            part = _NUMBER_PART.match(text, end)
                            if part is None or (j < len(found) and found[j].start < part.end()):
                                break
                            end = part.end()
                        out.append(Finding(self.ENTITY, start, end, 0.6))
        return out + found[j:] if out else found

    def _buildings(self, text: str, taken: list[Finding]) -> list[Finding]:
        """Building, unit and room numbers with no division or road before them (2栋1单元1102,
        丽都花园12号楼3单元101): two number parts in a row, one a building, unit or floor word,
        with the estate or landmark name right before them when there is one."""
        out: list[Finding] = []
        last_end = 0
        i = 0  # ``taken`` is sorted and disjoint: one forward walk
        starts = [m.start() for m in _BUILDING_START.finditer(text)]
        if "期" in text:  # (a rare path: the building gate held)
            starts = sorted(starts + [m.start() for m in _PHASE_DASH.finditer(text)])
        if "座" in text:
            starts = sorted(starts + _letter_blocks(text))
        for start in starts:
            while i < len(taken) and taken[i].end <= start:
                i += 1
            if start < last_end or (i < len(taken) and taken[i].start <= start):
                continue
            p, last, words = start, "", []
            while len(words) < 6:
                n = _NUMBER_PART.match(text, p)
                if n is None and last.endswith(_ROOM_BEFORE):
                    n = _BARE_ROOM.match(text, p)
                elif n is None and last == "期":  # 5期32-1-602
                    n = _DASH_ROOM.match(text, p)
                if n is None:
                    break
                p, last = n.end(), _number_word(n.group())
                words.append(last)
            kinds = set(words)
            first = start
            single = (
                False  # one building of a named estate (万科城市花园12栋, 金地格林小城5期32栋): see below
            )
            if len(kinds) < 2 or not (kinds & _UNIT_WORDS or (kinds & _BLOCK_WORDS and kinds & _FLOOR_WORDS)):
                if (
                    not (kinds & _ONE_BUILDING and kinds <= _ONE_BUILDING_WITH)
                    or text[p : p + 1] in _NOT_AFTER_BUILDING
                ):
                    continue
                single = True
            if start >= 2 and text[start - 1] == "区" and "A" <= text[start - 2] <= "Z":
                start -= 2  # an estate's lettered area (天府软件园D区6栋)
            for k in range(min(10, start), 1, -1):  # an estate or landmark name ending right here
                if _COMPONENT.fullmatch(text, start - k, start) is not None:
                    start -= k
                    break
            else:  # an estate named without a listed suffix (融创玖玺台, 龙湖春江郦城二期, 绿地香树花城3期)
                e = _ESTATE_LEFT.search(text, max(0, start - 14), start)
                if e is not None and _NOT_ESTATE.search(e.group()) is None:
                    start = e.start()
            for v in _LEFT_VERBS.finditer(text, start, first):  # (送至紫荆公寓2号楼806)
                start = v.end()
            for v in _LEFT_PLACE.finditer(text, start, first):  # (楼下翠湖天地5栋: 楼下 names no estate)
                start = v.end()
            if single and (
                first - start < 4
                or not _PHASE_END.sub("", text[start:first]).endswith(_ESTATE_SUFFIXES)
                or _NOT_ESTATE.search(text, start, first) is not None
            ):
                continue
            out.append(Finding(self.ENTITY, start, p, 0.7))
            last_end = p
        return out

    def analyze(self, text: str) -> list[Finding]:
        if _HAS_CJK.search(text) is None:
            return []
        if "號" in text or "區" in text or "樓" in text:  # a traditional address has one of these
            text = text.translate(_TRAD)  # (three substring searches: a quarter of a regex pass)
        # Where a chain could become an address: a house number or a residential word. An
        # anchor with none within reach and no address word before it is not followed
        # (news text names many cities and few homes).
        evidence = [m.start() for m in _EVIDENCE.finditer(text)]
        cues = [m.span() for m in _ANY_CUE.finditer(text)]
        # A division then a road, street, town or village (南昌市青山湖区北京东路, 浦东新区金桥镇): a
        # place down to a street, which counts with no house number and no address word.
        for m in _DIVISION_THEN_STREET.finditer(text):
            evidence.append(m.end())
        evidence.sort()
        phased = (
            False  # 5期32-1-602: a phase, then building-unit-room (the one building chain with no evidence)
        )
        if not evidence and not cues:
            # (a lettered block and its room, 新城国际A座1205, is the other)
            phased = _has_phase_dash(text) or ("座" in text and bool(_letter_blocks(text)))
            if not phased:  # no address but a road named with its direction can come out
                return _direction_roads(text, []) if _has_road_word(text) else []
        anchors: list[tuple[int, int]] = []  # (start, end of the anchor)
        # Division names only where an anchor can be followed (the Aho-Corasick pass over
        # Chinese text is the slow part): ending at most EVIDENCE_REACH before an evidence, or
        # starting right after an address word (``CN_ADDRESS_CUES``: a cue, maybe one of
        # ：:为是 and a line break). A cue hidden by an overlapping one found first starts inside
        # it and ends at most two characters after it.
        for lo, hi in self._windows(evidence, cues, len(text)):
            for end_idx, length in self._auto.iter(text, lo, hi):
                anchors.append((end_idx + 1 - length, end_idx + 1))
        words = []  # (start, end) of a road or estate word before its number
        for m in _ROAD_NUMBER.finditer(text):
            if m.group() == "道" and _ROAD_HOUSE_NUMBER.match(text, m.end()) is None:
                continue  # 弥敦道132号 is a road; 通道29座 counts passages
            words.append(m.span())
        blocks = []
        for e in evidence:
            w = _EVIDENCE_WORDS.get(text[e : e + 1])  # (a division-then-street evidence may end the text)
            if w is not None and text.startswith(w, e):
                end = e + len(w)
                if _BLOCK_AFTER.match(text, end) is not None or (
                    w == "大厦" and _FLOOR_AFTER.match(text, end)
                ):
                    words.append((e, end))
                    blocks.append(end)
        if blocks:
            evidence = sorted(evidence + blocks)
        for ws, we in words:
            left = _LEFT_NAME.match(text[max(0, ws - 6) : ws][::-1])
            if left is not None:
                start = ws - left.end()
                for v in _LEFT_VERBS.finditer(text, start, ws):
                    start = v.end()
                anchors.append((start, we))
        cue_roads = []  # streets named right after an address word (家住南京路附近), taken where no chain is
        for _, q in cues:
            if text[q : q + 1] in ("：", ":", "为", "是", "在"):
                q += 1
            m = _STREET_COMPONENT.match(text, q, min(len(text), q + 12))
            if (
                m is not None
                and len(m.group()) >= 3  # (住在大街边: no name)
                and m.group().endswith(_CUE_ROAD_SUFFIXES)
                and m.group()[-2:] not in _NOT_STREET
                and m.group()[-2:] not in _NOT_CUE_ROAD
                and "一带" not in m.group()
                and _OFFICE.search(m.group()) is None
            ):
                end = m.end() + (text[m.end() - 1 : m.end() + 1] == "街道")  # (长安街道: a subdistrict)
                cue_roads.append((q, end))
        anchors.sort(key=lambda a: (a[0], -a[1]))
        found: list[Finding] = []
        last_end = 0
        for start, a_end in anchors:
            if start < last_end:
                continue
            k = bisect.bisect_left(evidence, a_end)
            near = k < len(evidence) and evidence[k] - a_end <= EVIDENCE_REACH
            if not near and CN_ADDRESS_CUES.search(text, max(0, start - 8), start) is None:
                continue
            end, sub, parts, street = self._chain(text, a_end)
            if sub and end > a_end:
                score = 0.8
            elif parts >= 1 and CN_ADDRESS_CUES.search(text, max(0, start - 8), start) is not None:
                score = 0.6
            elif street and a_end - start >= 3 and text[start:a_end].endswith(_STREET_RULE_ANCHOR + ("州",)):
                score = 0.6
            else:
                continue
            for _ in range(3):  # a listed area right before the anchor (香港 before 九龙尖沙咀广东道)
                k = next(
                    (k for k in (2, 3, 4) if start >= k and text[start - k : start] in self.divisions), 0
                )
                if not k or start - k < last_end:
                    break
                start -= k
            found.append(Finding(self.ENTITY, start, end, score))
            last_end = end
        if cue_roads:
            found = self._cue_roads(text, found, cue_roads)
        if _has_road_word(text):  # a road named with its direction or before a word of nearness, alone
            found = _direction_roads(text, found)
        if found and "与" in text and ("交" in text or "路口" in text):
            crossings = [
                m
                for m in _CROSSING.finditer(text)
                if m.group(1)[-1] not in _NOT_CROSSING
                and text[m.start() - 1 : m.start()] not in _NOT_CROSSING
            ]
            found = _with_crossings(text, found, crossings) if crossings else found
        places = [
            e
            for e in evidence
            if text[e : e + 1] == "村"
            and e >= 2
            and (text[e - 1] in _VILLAGE_WORDS or _GROUP_AFTER.match(text, e + 1) is not None)
        ]  # (李家村7组: any village before its group)
        if places:  # (every 村 is an evidence)
            found = self._villages(text, found, places)
        # every building chain holds an evidence (3栋, 2单元, 501室) or a floor in 楼 (5楼501)
        if (evidence or phased or "楼" in text) and (
            _BUILDING_GATE.search(text) is not None or ("座" in text and bool(_letter_blocks(text)))
        ):
            found += self._buildings(text, found)
            found.sort(key=lambda f: f.start)
        return _joined(text, found) if len(found) > 1 else found


#: What may follow it: no name character (路易, 路军, 路线, 路过), but a locative, a conjunction, 步行街, 沿线.
_AFTER_DIRECTION_ROAD = regex.compile(
    "$|[^\u3400-\u9fff]|[附旁上边口段和与及、的对以内外两步沿周辅一二三四五六七八九十]"
)
#: Kinds of street, not names (商业街附近, 步行街一带).
_KIND_OF_STREET = frozenset(
    "商业街 步行街 美食街 小吃街 酒吧街 风情街 文化街 特色街 购物街 一条街 商业路".split()
)
_NEAR_WORDS = ("附近", "一带", "旁边", "两侧", "沿线", "周边")
_ROAD_LEFT_VERB = regex.compile("[离逛看见受够靠走过沿经近临朝向往去来到从在住搬找]")
_NOT_ROAD_NAME = regex.compile("[往向朝去从沿]|[东西南北中]$")  # (往北路上, 东北路边)


def _has_road_word(text: str) -> bool:
    return "路" in text or "街" in text or "大道" in text


def _alone_road_words(text: str) -> list[tuple[int, int]]:
    """(end of the name, end) of each road word after a direction (解放西路: the name ends before 西) or before a
    word of nearness (中山路附近): each 路, 街 and 大道 found with str.find (a regex pass over every Chinese
    text with a direction character cost more than the rest of its address search)."""
    out = []
    for word in ("路", "街", "大道"):
        i = text.find(word)
        while i != -1:
            w0 = i - 1 if word == "街" and i >= 1 and text[i - 1] == "大" else i  # (东大街)
            e = i + len(word)
            if w0 >= 1 and text[w0 - 1] in "东西南北":
                out.append((w0 - 1, e))
            elif text.startswith(_NEAR_WORDS, e):
                out.append((w0, e))
            i = text.find(word, e)
    out.sort()
    return out


def _direction_roads(text: str, found: list[Finding]) -> list[Finding]:
    """``found`` (sorted, disjoint) with each road named alone (0.6) that no finding overlaps: a road named
    with its direction (解放西路, 和平里北街), or a road before a word of nearness (中山路附近, 淮海路一带);
    two name characters before the direction or road word, or three right after a function word (在和平里北街)."""
    extra: list[Finding] = []
    j = 0
    for s, e in _alone_road_words(text):
        left = _LEFT_NAME.match(text[max(0, s - 6) : s][::-1])
        if left is None or left.end() < 2 or _AFTER_DIRECTION_ROAD.match(text, e) is None:
            continue
        start = s - (left.end() if left.end() <= 3 else 2)
        for v in _ROAD_LEFT_VERB.finditer(text, start, s):  # 离南京东路, 逛西街: a verb, then the road
            start = v.end()
        if s - start < 2 or _NOT_ROAD_NAME.search(text, start, s) is not None:
            continue
        name = text[start:e]
        if (
            name[-2:] in _NOT_STREET
            or name[-2:] in _NOT_CUE_ROAD
            or name[-2:] in _NOT_STREET_ALONE
            or name[-2:] in ("字路", "岔路", "古街", "老街")  # 十字路, 三岔路
            or name[-3:] in _KIND_OF_STREET
            or "一带" in name
            or _OFFICE.search(name) is not None
        ):
            continue
        while j < len(found) and found[j].end <= start:
            j += 1
        if (j < len(found) and found[j].start < e) or (extra and extra[-1].end > start):
            continue
        extra.append(Finding(ChineseAddressRecognizer.ENTITY, start, e, 0.6))
    return sorted(found + extra, key=lambda f: f.start) if extra else found


#: Two roads and the junction where they cross (长江西路与科学大道交口, 人民中路与中山路路口), after a chain
#: that ends at the first road (the first road's name is read leftwards by ``_LEFT_NAME``). Bounded: at
#: most eight name characters.
_CROSSING = regex.compile(
    f"(?:大道|大街|路|街)与({_NAME_LOOSE}{{1,8}}?)(?:大道|大街|路|街|道)(?:交叉口|交汇处|交汇口|交界处|交口|十字路口|路口)"
)
#: Words before a road word that name no road (道路, 线路, 公路 and 铁路 are kinds of road).
_NOT_CROSSING = frozenset(("道", "线", "公", "铁", "马", "网", "电", "思", "出"))


#: Place words a village's name ends in before 村 (李家庄村, 石门寨村, 张家沟村, 王营村).
_GROUP_AFTER = re.compile(f"第?[{_NUM}]{{1,3}}(?:村民小组|村民组|小组|组|社)")
_VILLAGE_WORDS = frozenset("庄寨屯堡营沟湾坪岭坝洼")


def _with_crossings(text: str, found: list[Finding], crossings: list) -> list[Finding]:
    """``found`` (sorted, disjoint) with each junction of two roads after a chain that ends at the first
    road (合肥市蜀山区长江西路|与科学大道交口): the chain runs on to the junction's end. A junction named alone
    (我们在长安街与王府井大街交叉口集合) is a meeting point, no address (docs/pii.md). One forward walk over
    both lists."""
    found = list(found)
    out: list[Finding] = []
    j = 0
    for m in crossings:
        left = _LEFT_NAME.match(text[max(0, m.start() - 6) : m.start()][::-1])
        if left is None:
            continue
        start, end = m.start() - left.end(), m.end()
        while j < len(found) and found[j].end <= start:
            out.append(found[j])
            j += 1
        if j < len(found) and found[j].start <= start:  # a chain holds the first road
            f = found[j]
            if m.start() <= f.end <= m.start() + 2 < end:  # and stopped at 与
                found[j] = Finding(f.entity, f.start, end, f.score)
            continue
    out += found[j:]
    merged = [out[0]] if out else []
    for f in out[1:]:  # (a chain run on to a junction may now reach the next finding)
        if f.start < merged[-1].end:
            a = merged[-1]
            merged[-1] = Finding(a.entity, a.start, max(a.end, f.end), max(a.score, f.score))
        else:
            merged.append(f)
    return merged


#: Between two address pieces, the name of one place (解放路112号|鲁能|康桥小区15号楼: a developer's name with
#: the stop character 能 cut the chain): one to four name characters, no function word or punctuation.
_JOIN_GAP = regex.compile(
    f"(?:(?![{CN_ADDR_STOP.replace('之', '').replace('能', '')}放送寄发到住搬来找等收交至往])[{_CJK}]){{1,4}}+"
)


def _joined(text: str, found: list[Finding]) -> list[Finding]:
    """Findings (sorted, disjoint) as one where the first ends in a house or room number and only a short
    name lies between them."""
    out = [found[0]]
    for f in found[1:]:
        a = out[-1]
        if (
            0 < f.start - a.end <= 4
            and text[a.end - 1] in "号栋幢座室楼层"
            and _JOIN_GAP.fullmatch(text, a.end, f.start) is not None
        ):
            out[-1] = Finding(a.entity, a.start, f.end, max(a.score, f.score))
        else:
            out.append(f)
    return out


#: Street types of Commonwealth addresses that USPS does not list ("101 Lambton Quay", "5 The Parade").
_MORE_TYPES = (
    "Str",
    "Quay",
    "Parade",
    "Esplanade",
    "Promenade",
    "Approach",
    "Embankment",
    "Chase",
    "Wynd",
    "Circus",
)
_TYPES = "|".join(sorted((*STREET_TYPES, *_MORE_TYPES), key=len, reverse=True))
_UNITS = "|".join(UNIT_WORDS)
_STATE_NAMES = "|".join(sorted(US_STATES.values(), key=len, reverse=True))
_STATE_CODES = "|".join(US_STATES)
#: Types that may follow another type word that is part of the name ("Orchard View Road", "Pine Hill
#: Street", "Laurel Green Court").
_MAIN_TYPES = "Street|Road|Avenue|Lane|Drive|Boulevard|Circle|Court|Way|Place|Terrace|Turnpike|Parkway|Highway|Trail|Crescent"
_EN_ADDRESS = regex.compile(
    r"(?=[NSEW]?\d)(?<![\w#/.,-])(?P<num>(?:[NSEW](?=\d{3}))?\d{1,6}+(?:/\d{1,5}+(?![\d/]))?[A-Za-z]?(?:-\d{1,4}+)?)\s++"
    r"(?:block\s++of\s++)?(?P<street>(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s++)?"
    r"(?:(?:\p{Lu}[\p{L}'’.-]*+|\d{1,3}+(?:st|nd|rd|th)"
    r"|\d{1,3}+(?=[ \t](?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Trail)\.?[ \t](?:NW|NE|SW|SE)(?![\w])))"
    r"\s++){1,4}?)"
    rf"(?P<type>{_TYPES})(?![\w-])(?:\s(?:{_MAIN_TYPES}|Rd|Ave|Blvd|Ln|Dr|Ct|Pl|Cir|Ter|Trl|Pkwy)(?![\w-]))?(?P<dot>\.)?"
    r"(?:\s(?:N|S|E|W|NE|NW|SE|SW|[A-Z]{1,2}(?=,)|\d{1,4}(?=,)"
    r"|(?:Northwest|Northeast|Southwest|Southeast|North|South|East|West|Central)(?![ \t]++\p{Lu}))(?![\w]))?"
    rf"(?P<unit>,?\s++(?:(?:{_UNITS})\.?\s*+#?|#)\s*+[\w-]{{1,8}}+)?"
    rf"(?P<tail>,\s*+(?P<city>\p{{Lu}}\p{{Ll}}++(?:\s\p{{Lu}}\p{{Ll}}++){{0,2}}+),?\s++"
    rf"(?P<state>{_STATE_NAMES}|{_STATE_CODES})(?![\w])(?:,?\s++(?P<zip>\d{{5}}(?:-\d{{4}})?)(?!\d))?)?"
)
_ABBREVIATIONS = frozenset(
    "St Ave Av Rd Blvd Ln Dr Ct Pl Ter Pkwy Cir Hwy Sq Trl Cres Aly Plz Expy Fwy Xing Pt Hts Rte Tpke".split()
)
#: Continental European forms: a street word then the number ("Chausseestr. 32", "Lodskovvej 28",
#: "Rue du Centre 108", "Via Roma 12", "Calle Mayor 5").
_EU_ADDRESS = regex.compile(
    r"(?=\p{Lu}|ul\.)(?<![\w])(?:\p{Lu}\p{Ll}{2,30}?(?:straße|strasse|str\.|gasse|weg|allee|platz|ring|damm|vej|gade|gate|vägen|"
    r"gatan|veien|straat|laan|gracht|plein|kade|katu|tie|utca|ulica)"
    r"|(?:Rue|Avenue|Boulevard|Chemin|Place|Via|Viale|Piazza|Corso|Calle|Avenida|Paseo|Carrer|Plaza|Rua|Praça|Travessa"
    r"|Av\.|Avda\.|Bv\.|Pje\.|Pasaje|Alameda|Rynek|ul\.)"  # (Av. Arequipa 1234, ul. Nowy Świat 15/17)
    r"(?:\s++(?:\p{Ll}{1,3}+\s++){0,2}+\p{Lu}[\p{L}'’.-]*+){1,3}?)"
    r"\s++\d{1,4}+[a-zA-Z]?(?:[-/]\d{1,4}+[a-zA-Z]?)?(?![\w])"
)
#: Street word after the name, as its own word ("Freistädter Strasse 61", "Gosposka ulica 47",
#: "Hegedűs Gyula utca 76.", "Piroska u. 97.").
_EU_WORD_AFTER = regex.compile(
    r"(?<![\w])\p{Lu}[\p{L}'’.-]*+(?:[ \t]++\p{Lu}[\p{L}'’.-]*+){0,3}?[ \t]++"
    r"(?:Strasse|Straße|Str\.|Gasse|Weg|Allee|Platz|Damm|Vej|Gade|Gata|Gatan|Straat|Laan|Plein|ulica|utca|útja|út|u\.|"
    r"tér|körút|sétány|sokak|caddesi|cad\.|sk\.)"
    r"[ \t]++\d{1,4}+[a-zA-Z]?(?![\w-])\.?"
)
#: Number, then the street word, then its name: French, Belgian, Spanish and Portuguese forms
#: ("12 rue de la Paix", "16 avenue Jules Ferry", "5 Calle Mayor", "33 Rua Augusta").
_NUMBER_FIRST = regex.compile(
    r"(?<![\w#/.,:-])\d{1,5}+(?:[ \t]?(?:bis|ter|[a-zA-Z]))?,?[ \t]++"
    r"(?:(?i:rue|avenue|av\.|bd|boulevard|chemin|allée|impasse|quai|calle|avenida|rua|travessa|estrada|largo|"
    r"viale|piazza|corso|strada|paseo|carrer|camino)|Via|Place|Route|Cours|Passage)[ \t]++"
    r"(?:(?:\p{Lu}[\p{L}'’.-]*+|della|des|dos|das|del|de|du|la|les|le|l'|d'|di|da|do|y|e)[ \t]*+){1,6}+"
)
_NUMBER_FIRST_GATE = re2.compile(
    r"(?i)\d(?:\s?(?:bis|ter)|[a-z])?,?\s(?:rue|avenue|av\.|bd|boulevard|place|chemin|allée|impasse|quai|route|cours|passage|calle|avenida|rua|"
    r"travessa|estrada|largo|via|viale|piazza|corso|strada|paseo|carrer|camino)\s"
)
#: A street named without a number where someone lives ("lives on Gordon Street", "our house on
#: Larkspur Lane"); "offices on Wall Street", "a shop on Sixth Avenue" name places, not homes.
_NAMED_STREET = regex.compile(
    r"(?<![\w])(?:(?:live[sd]?|living|reside[sd]?|residing|house|home|flat|apartment|grew[ \t]up)[ \t]++(?:on|in))[ \t]++"
    r"(?P<street>\p{Lu}[\p{L}'’-]*+(?:[ \t]++\p{Lu}[\p{L}'’-]*+){0,2}?[ \t]++"
    r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Boulevard|Blvd\.|Drive|Dr\.|Court|Crescent|Terrace|Close|Circle))(?![\w])"
)
#: The same in lower case, as in chat ("we live on willow crescent"; no article or pronoun as its name).
_NAMED_LOWER = regex.compile(
    r"(?<![\w])(?:live[sd]?|living|reside[sd]?|residing|house|home|flat|apartment|grew[ \t]up)[ \t]++on[ \t]++"
    r"(?P<street>(?P<name>[a-z][a-z'’-]*+(?:[ \t]++[a-z][a-z'’-]*+){0,1}?)[ \t]++"
    r"(?:street|road|rd|avenue|ave|lane|ln|drive|dr|court|crescent|cres|terrace|close|boulevard|blvd))(?![\w'’-])"
)
#: A street named without a number where a news event happened ("was arrested at a home on Ridgewood
#: Drive", "a crash on Kings Road", "the fire started in a house on Elm Street"): an event word, at most
#: 40 characters of the same sentence, a preposition and the street.
_NEWS_STREET = regex.compile(
    r"(?<![\w])(?:crash(?:ed)?|collision|stabb(?:ed|ing)|shot|shooting|killed|injured|arrested|blaze|robbed|robbery"
    r"|burglary|raided|evacuated|happened|occurred|struck|disturbance)(?![\w])[^.!?\n]{0,40}?(?<![\w])"
    r"(?:on|in|along|off)[ \t]++"
    r"(?P<street>\p{Lu}[\p{L}'’-]*+(?:[ \t]++\p{Lu}[\p{L}'’-]*+){0,2}?[ \t]++"
    r"(?:Street|Road|Avenue|Lane|Boulevard|Drive|Court|Crescent|Terrace|Close|Circle|Place|Way))(?![\w])"
    r"(?![ \t]++\p{Lu})"  # (a stall in Hester Street Fair: a name, not the street)
)
#: First words of no street named alone ("in The Street in ...", "of This Road").
_NOT_STREET_FIRST = frozenset("the this that a an our my his her their your its every each no".split())
#: Type words a street named without a number ends in (``_NAMED_STREET``, ``_NEWS_STREET``).
_ALONE_TYPE_WORDS = frozenset(
    "Street St Road Rd Avenue Ave Lane Boulevard Blvd Drive Dr Court Crescent Terrace Close Circle Place Way".split()
)
#: "on", "in", "along" or "off", then one to three capitalised words, right before a type word.
_PREP_BEFORE = regex.compile(
    r"(?<![\w])(?:on|in|along|off|of)[ \t]++(?P<name>(?:\p{Lu}[\p{L}'’-]*+[ \t]++){1,3}+)$"
)
#: A town right after a street named without a number ("on Cedar Avenue in Scarborough", "Residents of
#: Carlton Street in Cambridge", "in Greenfield Avenue, Harrow"): the street is placed, not a title or a
#: market ("Hester Street Fair"); no month or weekday ("on Kings Road in May").
_TOWN_AFTER = regex.compile(
    r"(?:[ \t]++in|[ \t]*+,)[ \t]++(?!(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|A|An)(?![\w]))"
    r"\p{Lu}\p{Ll}++(?:[ \t]\p{Lu}\p{Ll}++)?(?=[ \t]*+(?:[,.;:!?)\n]|$)|[ \t]++\p{Ll})"
)
#: Texts this short (a chat message, a form field) are also read for streets written in lower case.
SHORT_TEXT = 1000
_PO_BOX = regex.compile(
    r"(?i)(?<![\w])(?:G?P\.?\s?O\.?\s?Box\s++\d{1,8}+(?!\d)"
    r"|(?:RR|R\.R\.|Rural[ \t]Route)[ \t]?\d{1,4}+(?:,?[ \t]Site[ \t]\d{1,4}+)?,?[ \t](?:Box|Comp)[ \t]\d{1,5}+(?!\d)"
    # Australian and New Zealand bags, a Canadian case postale, a private mailbox; a New Zealand rural
    # delivery number and Canada Post's general delivery only before a comma and a capitalised town
    r"|(?:GPO|Locked|Private)[ \t]Bag[ \t]\d{1,6}+(?!\d)|C\.P\.[ \t]?\d{1,6}+(?!\d)|PMB[ \t]\d{1,6}+(?!\d)"
    r"|(?-i:RD[ \t]\d{1,2}+(?=,[ \t]*+(?:\p{Lu}\p{Ll}++[ \t]){1,3}+\d{4}(?![\w]))|General[ \t]Delivery(?=,[ \t]*+\p{Lu})))"
)
#: US military mail: "Unit 2962 Box 5219, DPO AP 36157", "PSC 1234, Box 5678, APO AE 09012",
#: "USNS Björklund, FPO AP 07688".
_MILITARY = regex.compile(
    r"(?<![\w])(?:Unit[ \t]\d{3,5}+[ \t]Box[ \t]\d{3,5}+|PSC[ \t]\d{3,5}+,?[ \t]Box[ \t]\d{3,5}+|"
    r"(?:USNS|USNV|USS|USCGC)[ \t]\p{Lu}[\p{L}'’-]{1,30}+)"
    r"[ \t]*+[\n,|]?[ \t]*+(?:APO|FPO|DPO)[ \t](?:AA|AE|AP)[ \t]\d{5}(?!\d)"
)
#: House number, one to three capitalised words, number: a street written number-name-number
#: ("971 Kesk 53", "35 Kromwater 38"); taken only when a unit or a city line follows it.
_NUM_NAME_NUM = regex.compile(
    r"(?<![\w#/.,-])\d{1,5}+[ \t](?:\p{Lu}[\p{L}'’.-]{1,30}+[ \t]){1,3}?\d{1,4}+[a-zA-Z]?(?=[ \t]*+[\n|,])"
)
_UNIT_START = regex.compile(r"[ \t]*+[\n|,][ \t]*+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Room|Floor)\b")
_YEAR_BEFORE = regex.compile(
    r"(?i)\b(?:in|since|by|of|from|until|during|year|around|circa|before|after|than)\s++$"
)


#: Street-type words (RE2, an automaton): the US pattern runs only in a window around each,
#: not over the whole text (the regex scan is several times slower than this pass).
_TYPE_WORD = re2.compile(rf"\b(?:{_TYPES})\b")
_EU_GATE = re2.compile(
    r"\p{Ll}(?:straße|strasse|str\.|gasse|weg|allee|platz|ring|damm|vej|gade|gate|vägen|gatan|veien|straat|laan|"
    r"gracht|plein|kade|katu|tie|utca|ulica)\s\d|\b(?:Rue|Avenue|Boulevard|Chemin|Place|Via|Viale|Piazza|Corso|Calle|"
    r"Avenida|Paseo|Carrer|Plaza|Rua|Praça|Travessa|Av\.|Avda\.|Bv\.|Pje\.|Pasaje|Alameda|Rynek)\s"
    r"(?:\p{Ll}{1,3}\s)?\p{Lu}|(?:^|[^\p{L}\p{N}])ul\.\s\p{Lu}"
)
_UPPER = re.compile(r"[A-Z\u00c0-\u00de\u0391-\u03a9\u0410-\u042f]")
#: A street (name then number) that ends right before a unit ("Vana-Viru 25 Apt. 971").
_BEFORE_UNIT = r"[ \t]*+,?[ \t]*+(?:\n[^\w\n]{0,4}+[ \t]*+)?$"
_CORE_BEFORE_UP = regex.compile(r"(?<![\w#/.,:-])" + CORE_UP.pattern + _BEFORE_UNIT)
_CORE_BEFORE_ANY = regex.compile(r"(?<![\w#/.,:-])" + CORE_ANY.pattern + _BEFORE_UNIT)
_ZIP_GATE = re2.compile(r"(?i)\b(?:zip|postal|post ?code)")
_HOUSE_NUMBER_CAP = regex.compile(r"(?<![\w#/.,:$€£-])\d{1,6}+[ \t](?=\p{Lu}\p{Ll})")
_YEAR = re.compile(r"(?:1[89]|20)\d\d ")
_LINE_START_NUMBER = regex.compile(
    r"\n[^\w\n]{0,4}+(?=\d)"
)  # a literal first: the engine skips to line breaks
_LINE_END = regex.compile(r"[ \t]*+(?:\n|$)")


#: Korean road names: a name, then -ro, -gil or -daero (and "12beon-gil"), with the house number before or after.
_KR_ROAD = regex.compile(
    r"(?<![\w#/.,:-])(?:(?P<pre>\d{1,5}+(?:-\d{1,3}+)?)[ \t]++)?"
    r"\p{Lu}\p{Ll}++(?:-\p{Ll}++)?-(?:daero|ro|gil)(?:[ \t]++\d{1,3}+(?:beon)?-?gil)?(?![\w-])"
    r"(?:[ \t]++(?P<post>\d{1,5}+(?:-\d{1,3}+)?)(?![\w-]))?"
)
#: Taiwan addresses in English: house number, lane/alley, section, then the road.
_TW_ROAD = regex.compile(
    r"(?<![\w])No\.[ \t]?\d{1,5}+(?:-\d{1,3}+)?,[ \t]*+(?:(?:Aly|Ln|Alley|Lane)\.?[ \t]\d{1,4}+,[ \t]*+){0,2}+"
    r"(?:Sec\.?[ \t]\d{1,2}+,[ \t]*+)?(?:\p{Lu}[\p{L}'’-]*+[ \t]++){1,3}?(?:[NSEW]\.[ \t]++)?"
    r"(?:Rd|St|Road|Street|Blvd|Ave|Avenue|Boulevard)\.?(?![\w])"
)
#: Indonesian and Malaysian streets: "Jl. Sudirman No. 28", "Jalan Ampang 50".
_ID_ROAD = regex.compile(
    r"(?<![\w])(?:Jl\.|Jln\.|Jalan)[ \t]++(?:\p{Lu}[\p{L}'’.-]*+[ \t]++){1,4}?(?:No\.[ \t]?)?\d{1,5}+[A-Za-z]?(?![\w])"
)
#: Colombian grid addresses: "Calle 93 # 11-26", "Carrera 7 No. 32-16".
_CO_ROAD = regex.compile(
    r"(?<![\w])(?:Calle|Carrera|Cra\.|Kr\.|Cl\.|Avenida|Av\.|Diagonal|Transversal)[ \t]\d{1,3}+[A-Z]?(?:[ \t]Bis)?"
    r"[ \t]*+(?:#|No\.)[ \t]*+\d{1,3}+[A-Z]?[ \t]*+-[ \t]*+\d{1,3}+(?![\w])"
)
_BR_CEP = re2.compile(r"\b\d{5}-\d{3}\b")
_BR_STREET = regex.compile(
    r"(?<![\w])(?:Av\.|Avenida|Rua|R\.|Alameda|Al\.|Travessa|Praça|Estrada|Rodovia|Largo)[ \t]++\p{Lu}"
)
_BR_BREAK = regex.compile(r"[!?;]|\p{Ll}{3}\.[ \t]")
#: Supersets of the five rules of ``_world`` (RE2, one pass).
_WORLD_GATE = re2.compile(
    r"\p{Ll}-(?:daero|ro|gil)\b|\bNo\.\s?\d{1,5}(?:-\d{1,3})?,|\bJl\.|\bJln\.|\bJalan\s|\d\s*(?:#|No\.)\s*\d{1,3}[A-Z]?\s*-|"
    r"\b\d{5}-\d{3}\b"
)
#: A postcode and its town after a comma or a line break (the evidence of ``_name_first_postcode``).
_PC_TOWN_GATE = regex.compile(
    r"(?:,[ \t]*+|[ \t]*+\n[ \t]*+)(?P<pc>\d{4,5}+|\d{4}[ \t]?[A-Z]{2}|\d{3}[ \t]\d{2}|\d{4}-\d{3}|\d{2}-\d{3}|[A-Z]\d{4}[A-Z]{3})"
    r"[ \t]++\p{Lu}"
)
#: Its gate (a superset for the RE2 union): a house number's last digit, then the postcode; 4-digit
#: years (", 2012 By George") are left out, as the rule leaves them out.
_PC_TOWN_RE2 = re2.compile(
    r"\d(?:[a-zA-Z.]|bis|ter)?(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*)(?:\d{5}|[03-9]\d{3}|1[0-8]\d\d|2[1-9]\d\d|"
    r"\d{4}[ \t]?[A-Z]{2}|\d{3}[ \t]\d{2}|\d{4}-\d{3}|\d{2}-\d{3}|[A-Z]\d{4}[A-Z]{3})[ \t]+\p{Lu}"
)
#: A French street written number first with a word that is English too (place, cours, passage, route,
#: square, villa): taken only when a postcode follows in its tail ("8 place Bellecour\n69002 Lyon").
_FR_NUMBER_FIRST = regex.compile(
    r"(?<![\w#/.,:$€£-])\d{1,4}+(?:[ \t]?(?:bis|ter))?,?[ \t]++(?:place|cours|passage|route|square|villa)[ \t]++"
    r"(?:(?:\p{Lu}[\p{L}'’.-]*+|de|du|des|la|le|les|l'|d')[ \t]++){0,5}+\p{Lu}[\p{L}'’.-]*+"
)
#: Names of numbered things that are no street ("Route 66", "Terminal 5", "Area 51", "Vol. 2").
_NOT_NAME_FIRST = frozenset(
    "route highway interstate terminal studio area pier gate platform vol. vol volume flight bus line model type "
    "exit junction room suite level floor unit apollo boeing airbus windows iphone galaxy model season episode "
    "chapter part round game week day year number no. no".split()
)
_WORLD_PC_GATE = re2.compile(f"(?:{_WORLD_GATE.pattern})|(?:{_PC_TOWN_RE2.pattern})")
_CORE_BEFORE_PC = regex.compile(r"(?<![\w#/.,:-])" + CORE_UP.pattern + r"[ \t]*+$")
_WORD_NEXT = re.compile(r"[ \t]+[a-z]")  # "2024 drew": the number is part of a sentence
_YEAR_END = re.compile(r"(?<!\d)(?:19|20)\d\d$")


def _covered(found: list[Finding], n: int) -> bytearray:
    """1 at every position from a finding's start + 1 to its end (O(1) look-ups, no scan per candidate)."""
    mask = bytearray(n + 1)
    for f in found:
        mask[f.start + 1 : f.end + 1] = b"\x01" * (f.end - f.start)
    return mask


def _name_words_ok(number_and_name: str) -> bool:
    """The words after a house number name a street, not a count ("12 Apples", "3 Days")."""
    return not any(w.lower() in _NOT_A_STREET for w in number_and_name.split()[1:])


#: Words that after a number make a count or a product, not a street.
_NOT_A_STREET = frozenset(
    "days weeks months years hours minutes people items units pages points games apples copies "
    "dollars euros pounds miles km percent players members students".split()
)


def _merged(found: list[Finding]) -> list[Finding]:
    """Overlapping findings as one (the widest span, the highest score)."""
    found.sort(key=lambda f: (f.start, -f.end))
    out: list[Finding] = []
    for f in found:
        if out and f.start < out[-1].end:
            last = out[-1]
            if f.end > last.end or f.score > last.score:
                out[-1] = Finding(last.entity, last.start, max(last.end, f.end), max(last.score, f.score))
            continue
        out.append(f)
    return out


#: A street written in lower case, as in chat ("im at 42 elm st", "1520 n halsted apt 3" has no type and is
#: not read): house number, maybe a direction, one or two lower-case name words (or an ordinal), then a
#: street type, maybe a quadrant and a unit. Types that end common phrases ("4 wheel drive", "3 hot dogs
#: way", "2 supreme court") are read only abbreviated.
_LOWER_TYPES = (
    "street|st|road|rd|avenue|ave|av|lane|ln|boulevard|blvd|dr|ct|crescent|cres|pl|hwy|pkwy|ter|cir"
)
_LOWER_STREET = regex.compile(
    r"(?<![\w#/.,:$€£%-])\d{1,5}+[a-z]?[ \t]++(?:(?:[nsew]|north|south|east|west)[ \t]++)?"
    r"(?P<name>(?:[a-z][a-z'’-]{1,20}+|\d{1,3}+(?:st|nd|rd|th))(?:[ \t]++[a-z][a-z'’-]{1,20}+)?)[ \t]++"
    rf"(?P<type>{_LOWER_TYPES})(?![\w'’-])\.?(?:[ \t]++(?:[nsew]|ne|nw|se|sw)(?![\w'’-]))?"
    r"(?:,?[ \t]++(?:apt|unit|ste|suite|flat|#)\.?[ \t]*+#?[0-9][\w-]{0,5}+|[ \t]++#[0-9][\w-]{0,5}+)?"
)
_LOWER_GATE = re2.compile(rf"[0-9][a-z]?[ \t][a-z0-9][a-z0-9'’ \t-]*[ \t](?:{_LOWER_TYPES})(?:[^a-z'’-]|$)")
#: Words no lower-case street is named by: articles, pronouns, prepositions, counts and measures, and the
#: street types themselves ("2 lane road").
_NOT_LOWER_NAME = frozenset(
    """the a an of on in at to into onto off from by for with and or but my your our his her their its this that
    these those some any all more most other few many much very so too not no is are was were be been am do does did
    has have had will would can could may might must shall should over under up down out about near past per via
    than then just only also even still each every both same own such what which who whom whose where when why how
    block blocks mile miles km kms kilometres kilometers metre metres meter meters ft feet foot yards yard minute
    minutes min mins hour hours hr hrs day days week weeks month months year years times people person kids cars car
    lanes lane way ways road roads street streets avenue ave st rd dr ln blvd ct pl cres hwy pkwy ter cir
    wheel hard flash disk thumb usb test gb tb mb kb cm mm kg lbs lb pounds points goals games percent pm am""".split()
)

_MILITARY_ANY_CASE = regex.compile("(?i)" + _MILITARY.pattern)
_EU_WORD_GATE = re2.compile(
    r"\s(?:Strasse|Straße|Str\.|Gasse|Weg|Allee|Platz|Damm|Vej|Gade|Gata|Gatan|Straat|Laan|Plein|ulica|utca|útja|út|u\.|"
    r"tér|körút|sétány|sokak|caddesi|cad\.|sk\.)\s\d"
)
_NAMED_GATE = re2.compile(r"(?:live[sd]?|living|resid\w*|house|home|flat|apartment|grew up) on \p{Lu}")
#: Names of streets that are places or institutions more than addresses ("Wall Street", "Silk Road").
_STREET_NAME_WORDS = regex.compile(
    r"^(?:Wall|Silk|Easy|Abbey|Sesame|Main|High|Fleet|Downing|Baker|Broad)[ \t]"
)
_STREET_NAME_WORDS_ANY = regex.compile(
    r"(?i)^(?:wall|silk|easy|abbey|sesame|main|high|fleet|downing|baker|broad|dead)(?:[ \t]|$)"
)
#: Indian states and the largest cities, written before a six-digit PIN code ("Tamil Nadu 600002").
_INDIAN_PIN_PLACES = (
    "Andhra Pradesh", "Assam", "Bihar", "Chhattisgarh", "Goa", "Gujarat", "Haryana", "Himachal Pradesh",
    "Jharkhand", "Karnataka", "Kerala", "Madhya Pradesh", "Maharashtra", "Odisha", "Punjab", "Rajasthan",
    "Tamil Nadu", "Telangana", "Uttar Pradesh", "Uttarakhand", "West Bengal", "Delhi", "Mumbai", "Bengaluru",
    "Bangalore", "Chennai", "Kolkata", "Hyderabad", "Pune", "Ahmedabad", "Gurgaon", "Gurugram", "Noida",
    "Jaipur", "Lucknow", "Kochi", "Chandigarh",
)  # fmt: skip
#: A US state or Canadian province code and its ZIP or postal code, or a UK postcode, or an Indian
#: state or city and its PIN code: where a street
#: with no street-type word ("88 Kingsway, Burnaby, BC V5H 4L8") may end a line before it.
_POSTAL_GATE = re2.compile(
    r"\b[A-Z]{2}[ \t]+(?:\d{5}(?:-\d{4})?|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)\b|\b[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}\b"
    r"|\b[A-Z]\d[\dW][ \t](?:[A-Z][A-Z\d]{3}|\d[A-Z][A-Z\d]{2}|\d\d[A-Z][A-Z\d]|\d{3}[A-Z])\b"  # an Eircode
    rf"|\b(?:{'|'.join(_INDIAN_PIN_PLACES)})[ \t]*[-–]?[ \t]*[1-9]\d{{5}}\b"
)
_INDIAN_PIN = re2.compile(rf"\b(?:{'|'.join(_INDIAN_PIN_PLACES)})[ \t]*[-–]?[ \t]*[1-9]\d{{5}}\b")
#: A sentence break inside a one-line Indian address: not the full stop of an abbreviation ("Opp. City Mall",
#: "Nr. Bus Stand", "H. No.").
_SENTENCE_BREAK = regex.compile(
    r"[!?;]|(?<!\b(?:Opp|Nr|No|Rd|St|Dist|Distt|Teh|Vill|Ph|Sec|Mkt|Extn|Ext|Bldg|Apt|[A-Z]))\.[ \t]++(?!\d)"
)
#: Any town or state code after a comma and its six-digit PIN code ("..., Ranchi 834002", "..., UP 284001"):
#: an Indian address whose town is not listed, taken when a locality word names its parts (``_INDIAN_PARTS``).
_INDIAN_PIN_ANY = regex.compile(
    r",[ \t]*+(?P<place>(?:\p{Lu}[\p{L}.]*+[ \t]++){0,2}\p{Lu}[\p{L}.]*+)[ \t]*+[-–]?[ \t]*+[1-9]\d{5}(?![\w])"
)
_INDIAN_PIN_ANY_GATE = re2.compile(
    r",[ \t]*(?:\p{Lu}[\p{L}.]*[ \t]+){0,2}\p{Lu}[\p{L}.]*[ \t]*[-–]?[ \t]*[1-9]\d{5}\b"
)
_INDIAN_PARTS = regex.compile(
    r"(?<![\w])(?:Nagar|Vihar|Colony|Layout|Sector|Phase|Marg|Enclave|Puram|Lines|Cross|Main|Bazar|Bazaar|Chowk|Gali"
    r"|Mohalla|Ward|Tehsil|District|Dist|Distt|Taluk|Taluka|Village|Vill|Post|Kunj|Apartments?|Society|Residency|Heights"
    r"|Road|Rd|Street|Lane|Block|Stage|Extension|Extn|Towers?|Complex|Plaza|Market|Park|Garden|Bagh|Ganj|Pur|Abad)(?![\w])"
)
#: The house of an Indian address, first part before a comma: "House No. 45,", "B-12,", "12/4 ...".
_INDIAN_HOUSE = regex.compile(
    r"(?<![\w/-])(?:(?:House|Flat|Plot|Door|Shop|Block|Quarter|Qtr|Survey|Khasra|Office|SCO|SCF)[ \t]++"
    r"(?:No\.?[ \t]*+)?|(?:[HD]\.?[ \t]?)?No\.?[ \t]*+)?"
    r"(?:[A-Z]-?\d{1,4}+(?:/\d{1,4}+)?|\d{1,4}+(?:-\d{1,4}+){1,3}+(?:/[A-Z0-9]{1,4}+)?|\d{1,4}+(?:/\d{1,4}+)?[A-Z]?)"
    r"(?=[ \t]*+,|[ \t]++\p{Lu})"
)
#: A house name before the street, ending in a house word ("The Old Rectory, Church Lane", "Rose
#: Cottage, 2 Mill Lane"): British rural addresses often have one instead of, or before, a number.
_HOUSE_NAME_BEFORE = regex.compile(
    r"(?<![\w])(?:The[ \t]++)?(?:\p{Lu}[\p{L}'’-]*+[ \t]++){0,3}?"
    r"(?:Cottage|Cottages|House|Rectory|Vicarage|Farm|Farmhouse|Lodge|Barn|Mill|Hall|Manor|View|Villa|Grange|"
    r"Croft|Gables|Orchard|Mews|Chambers|Mansions|Court|Tower|Towers|Building|Apartments|Granary|Stables|Forge|Oast|"
    r"Bungalow|Dairy|Chapel|Schoolhouse|Smithy|Coach[ \t]House|Old[ \t]School|Bakery|Brewery|Maltings|Boathouse|"
    r"Post[ \t]Office|Arches|Warehouse)[ \t]*+(?:,[ \t]*+|\n[ \t]*+)$"
)
#: A Japanese block address (chōme-banchi-gō, then the town or ward before a comma): "4-2-8 Shibakoen,".
_JP_BLOCK = regex.compile(
    r"(?<![\w/.:-])\d{1,2}+-\d{1,3}+(?:-\d{1,4}+)?[ \t]++\p{Lu}\p{Ll}{2,20}+(?:-\p{L}\p{Ll}{1,20}+)?(?=[ \t]*+,)"
)
#: The town first ("Shibuya 2-21-1, Shibuya-ku, Tokyo"): three numbers, no month ("October 23-31, 2012").
_JP_TOWN_BLOCK = regex.compile(
    r"(?<![\w])(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
    r"\p{Lu}\p{Ll}{2,20}+(?:-\p{L}\p{Ll}{1,20}+)?[ \t]++\d{1,2}+-\d{1,3}+-\d{1,4}+(?![\w-])(?=[ \t]*+,)"
)
_JP_TOWN_GATE = re2.compile(r"\p{Ll}[ \t]\d{1,2}-\d{1,3}-\d{1,4}[ \t]*,")
_BLOCK_BEFORE = regex.compile(r"(?<![\w])(?:Blk|Block)\.?[ \t]$")
_JP_GATE = re2.compile(rf"\d-\d{{1,3}}(?:-\d{{1,4}})?[ \t]\p{{Lu}}|{_JP_TOWN_GATE.pattern}")
_JP_POSTCODE = regex.compile(r"(?<![\w-])\d{3}-\d{4}(?![\w-])")
#: Every rule but the named street needs a decimal digit (``\d`` of `regex`: any script's digits).
_DIGIT = regex.compile(r"\d")
_ANY_DIGIT = re.compile(r"\d")  # the same digits (Unicode Nd) with `re`, for short ranges
#: One RE2 pass for the rules most texts give nothing: the six gates above, and what every match
#: of the P.O. box, number-name-number, unit and building-number rules must contain (``\s`` and ``\d`` of `regex`
#: are Unicode: here ``[^\p{L}\p{N}]`` and ``\p{Nd}``; no look-arounds or possessive repeats, so
#: each is a superset of its pattern). Without a match none of those rules can find anything.
_RARE_GATE = re2.compile(
    "|".join(
        [
            f"(?:{g.pattern})"
            for g in (_EU_GATE, _EU_WORD_GATE, _NAMED_GATE, _POSTAL_GATE, _JP_GATE, _WORLD_GATE, _PC_TOWN_RE2)
        ]
        + [f"(?i:{g.pattern[len('(?i)') :]})" for g in (_NUMBER_FIRST_GATE, _ZIP_GATE)]
        + [
            r"(?i:box)[^\p{L}\p{N}]+\p{Nd}",
            r"(?i:bag|c\.p\.|pmb)[ \t]?\p{Nd}|RD[ \t]\p{Nd}|General[ \t]Delivery",  # (_PO_BOX)
            r"[A-Za-z.][ \t]{1,3}(?:[-–][ \t]{0,3})?[1-9][0-9]{5}\b",  # (a six-digit PIN after a town: _indian)
            r"(?:\p{Nd}|G)/F",  # a Hong Kong floor (_hk_floor)
            r"\p{Nd}[ \t]\p{Lu}[\p{L}'’.\- \t]*\p{Nd}+[a-zA-Z]?[ \t]*[\n|,]",
            r"(?i:Apt|Apartment|Suite|Ste|Unit|Flat|Room|Rm|Floor|Fl|Bldg)\.?[ \t]?#?[0-9]",
            # building number, street words, house number, comma (the rule of _HOUSE_NUMBER_CAP)
            r"\p{Nd}[ \t]+\p{Lu}[\p{L}\p{M}'’.\-/ \t]*\p{Nd}+[a-zA-Z]?\.?[ \t]*,",
        ]
    )
)
#: House number and one to three capitalised words before a comma ("88 Kingsway,", "12 Rue Haute,").
_NUMBER_NAME_COMMA = regex.compile(
    r"(?<![\w#/.,:$€£-])\d{1,5}+[a-zA-Z]?[ \t](?:\p{Lu}[\p{L}'’.-]*+[ \t]){0,2}?\p{Lu}[\p{L}'’.-]*+(?=[ \t]*+,)"
)
#: A street type alone on its line, named without a number ("High Street" in a UK address block).
_NAMED_LINE = regex.compile(rf"(?<=\n[ \t]*)(?:\p{{Lu}}\p{{Ll}}++[ \t]){{1,3}}?(?:{_TYPES})[ \t]*+(?=\n)")
_HK_FLOOR = regex.compile(
    r"(?<![\w/])(?:(?:Flat|Room|Unit|Shop|Suite)[ \t][A-Z0-9]{1,5}+[ \t]*+,[ \t]*+)?(?:\d{1,3}+|G|LG|UG)/F(?![\w])"
)
_HK_AREA = regex.compile(r"Hong[ \t]Kong|Kowloon|New[ \t]Territories|\bHK\b")
_UNIT_SLASH_BEFORE = regex.compile(r"(?:Unit|Apt|Flat|Shop|Suite|Villa|Townhouse)\.?[ \t]$")
#: The number after a unit word: an Australian slash number (4/17 Beach Road) or a flat number alone
#: on its line ("Flat 12B" then "Cavendish Court" below it).
_SLASH_NUMBER = regex.compile(r"\d{1,5}+(?:/\d|[A-Za-z]?[ \t]*+\n)")
#: A street named without a house number, before a comma (the rule of ``_street_postcode``).
_NAMED_BEFORE_COMMA = regex.compile(
    rf"(?<![\w#/.,:$€£-])(?:\p{{Lu}}\p{{Ll}}++[ \t]){{1,3}}?(?:{_TYPES})(?=[ \t]*+,)"
)
#: A full UK or Canadian postcode (no bare digits: those are years, prices and counts too).
#: An Irish Eircode (routing key, space, four characters with a letter: "P17 X123", not "M25 2020").
_EIRCODE = r"[A-Z]\d[\dW][ \t](?:[A-Z][A-Z\d]{3}|\d[A-Z][A-Z\d]{2}|\d\d[A-Z][A-Z\d]|\d{3}[A-Z])"
_UK_CA_POSTCODE = re2.compile(
    rf"\b(?:[A-Z]{{1,2}}\d[A-Z\d]?[ \t]\d[A-Z]{{2}}|[A-Z]\d[A-Z][ \t]\d[A-Z]\d|{_EIRCODE})\b"
)
#: Where a part of an address may start: the text's or a line's start, a comma, a colon, after 'to'/'at'.
_PART_START = regex.compile(r"(?:^|[\n,:]|\b(?:to|at|is|in))[ \t]*+$")
POSTAL_REACH = 100  # characters from a house number to the postcode that ends its address
WINDOW_BEFORE = 120  # number + direction + four words before the type word
WINDOW_AFTER = 160  # unit, city, state and ZIP after it


class EnglishAddressRecognizer:
    """English street addresses (module docstring)."""

    ENTITY = "ADDRESS"

    def analyze(self, text: str) -> list[Finding]:
        lower_doc = _UPPER.search(text) is None
        if _DIGIT.search(text) is None:  # only a street named where someone lives needs no number
            found = self._named_streets(text) if _NAMED_GATE.search(text) is not None else []
            found += self._event_streets(text, list(_TYPE_WORD.finditer(text)))
            if (lower_doc or len(text) <= SHORT_TEXT) and " on " in text:
                found += self._named_lower(text)
            return _merged([self._widened(text, f, lower_doc) for f in found])
        rare = _RARE_GATE.search(text) is not None
        found: list[Finding] = []
        seen: set[int] = set()
        n = len(text)
        done = 0  # windows never overlap: each character is scanned once
        types = []  # the street-type words (streets named without a number end in one)
        for t in _TYPE_WORD.finditer(text):
            types.append(t)
            lo, hi = max(done, t.start() - WINDOW_BEFORE), min(n, t.end() + WINDOW_AFTER)
            if lo >= hi or t.start() < done:
                continue
            if _ANY_DIGIT.search(text, lo, hi) is None:  # every match has a house number: no scan
                done = hi - WINDOW_AFTER  # (what the scan finding nothing leaves)
                continue
            matches = list(_EN_ADDRESS.finditer(text, lo, hi))
            done = max([hi - WINDOW_AFTER] + [m.end() for m in matches])
            for m in matches:
                if m.start() not in seen:
                    seen.add(m.start())
                    found.append(self._finding(text, m))
        if rare and _EU_GATE.search(text) is not None:
            for m in _EU_ADDRESS.finditer(text):
                if _YEAR_END.search(m.group()) and _WORD_NEXT.match(text, m.end()) is not None:
                    continue  # "Calle Ocho Festival 2024", "Corso Italia 2023 results"
                found.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
        for m in _PO_BOX.finditer(text) if rare else ():
            found.append(Finding(self.ENTITY, m.start(), m.end(), 0.7))
        if "PO " in text or "po " in text:  # APO / FPO / DPO
            for m in (_MILITARY if "PO " in text else _MILITARY_ANY_CASE).finditer(text):
                found.append(Finding(self.ENTITY, m.start(), m.end(), 0.75))
        for m in _EU_WORD_AFTER.finditer(text) if rare and _EU_WORD_GATE.search(text) is not None else ():
            found.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
        if rare and _NUMBER_FIRST_GATE.search(text) is not None:
            for m in _NUMBER_FIRST.finditer(text):
                end = m.end()
                while end > m.start() and text[end - 1] in " \t":
                    end -= 1
                found.append(Finding(self.ENTITY, m.start(), end, 0.7))
            for m in _FR_NUMBER_FIRST.finditer(text):
                tail = tail_end(text, m.end(), False, loose_pc=False)
                if tail > m.end() and POSTCODE.search(text, m.end(), tail) is not None:
                    found.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
        if rare and _NAMED_GATE.search(text) is not None:
            found += self._named_streets(text)
        found += self._event_streets(text, types)
        if rare and ("\n" in text or "|" in text):
            for m in _NUM_NAME_NUM.finditer(text):
                if _UNIT_START.match(text, m.end()) is not None:
                    found.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
        found = [f for f in found if f is not None]
        found += self._number_name_postal(text, found) if rare else []
        found += self._street_postcode(text, found) if rare else []
        found += self._indian(text) if rare else []
        found += self._hk_floor(text) if rare and "/F" in text else []
        found += self._japanese(text) if rare and _JP_GATE.search(text) is not None else []
        if rare and _WORLD_PC_GATE.search(text) is not None:  # one pass for both rules (a few texts)
            found += self._world(text) if _WORLD_GATE.search(text) is not None else []
            found += self._name_first_postcode(text, found)
        found += self._street_then_number(text, found, lower_doc, rare)
        if rare and _ZIP_GATE.search(text) is not None:
            found += [Finding(self.ENTITY, m.start("pc"), m.end("pc"), 0.6) for m in ZIP_CUE.finditer(text)]
        if (lower_doc or n <= SHORT_TEXT) and _LOWER_GATE.search(
            text
        ) is not None:  # (chat: short or lower case)
            found += self._lower_streets(text)
            found += self._named_lower(text) if " on " in text else []
        # building numbers before a street, and the unit, town, region, postcode and country
        # after it (same line after commas, or the next lines: "... 98| Suite 464| OULU|| Finland 80896")
        return _merged([self._widened(text, f, lower_doc) for f in found])

    def _number_name_postal(self, text: str, found: list[Finding]) -> list[Finding]:
        """A house number and a street name with no street-type word, then a town and a state or
        province code with its postcode, or a UK postcode ("88 Kingsway, Burnaby, BC V5H 4L8")."""
        out: list[Finding] = []
        done = 0
        for g in _POSTAL_GATE.finditer(text):
            lo = max(done, g.start() - POSTAL_REACH)
            for m in _NUMBER_NAME_COMMA.finditer(text, lo, g.start()):
                if _YEAR.match(m.group()) or any(f.start <= m.start() < f.end for f in found):
                    continue
                if _name_words_ok(m.group()) and tail_end(text, m.end(), False) >= g.end():
                    out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
                    break
            done = g.end()
        return out

    def _world(self, text: str) -> list[Finding]:
        """Korean road names (123 Teheran-ro, Olympic-ro 300), Taiwan in English (No. 7, Sec. 5,
        Xinyi Rd.), Indonesian (Jl. Sudirman No. 28), Colombian (Calle 93 # 11-26) streets, and a
        Brazilian street up to its CEP on one line (Av. Paulista, 1578 - Bela Vista, São Paulo - SP,
        01310-200)."""
        out: list[Finding] = []
        for m in _KR_ROAD.finditer(text):
            if m.group("pre") or m.group("post"):
                out.append(Finding(self.ENTITY, m.start(), m.end(), 0.65))
        for rule in (_TW_ROAD, _ID_ROAD, _CO_ROAD):
            out += [Finding(self.ENTITY, m.start(), m.end(), 0.65) for m in rule.finditer(text)]
        done = 0
        for g in _BR_CEP.finditer(text):
            lo = max(done, g.start() - POSTAL_REACH - 20, text.rfind("\n", 0, g.start()) + 1)
            done = g.end()
            m = _BR_STREET.search(text, lo, g.start())
            if m is not None and _BR_BREAK.search(text, m.end(), g.start()) is None:
                out.append(Finding(self.ENTITY, m.start(), g.end(), 0.65))
        return out

    def _name_first_postcode(self, text: str, found: list[Finding]) -> list[Finding]:
        """A street written name-then-number right before a postcode and its town, after a comma
        or on the next line ("Damrak 70, 1012 LM Amsterdam", "Kärntner Ring 5, 1010 Wien",
        "Vesterbrogade 35\n1620 København V"): the postcode is the evidence."""
        out: list[Finding] = []
        inside = _covered(found, len(text))
        for g in _PC_TOWN_GATE.finditer(text):
            s = g.start()
            if inside[s]:
                continue
            lo = max(0, s - POSTAL_REACH, text.rfind("\n", 0, s) + 1)
            m = _CORE_BEFORE_PC.search(text, lo, s)
            if m is None:
                continue
            c = core_at(text, m.start(), False)
            if c is None or c.end() != m.end("num"):
                continue
            pc = g.group("pc")
            if len(pc) == 4 and pc[:2] in ("19", "20"):
                continue  # "Season 3, 2024 Edition": a year, not a postcode (as the gate)
            street_word = has_street_word(c.group("name"))
            if not street_word and c.group("name").split()[0].lower() in _NOT_NAME_FIRST:
                continue  # "Route 66, 2448 Miles", "Terminal 5, 12000 Passengers"
            # with no street word the town must end the part ("Damrak 70, 1012 LM Amsterdam."), not run
            # into the sentence ("Studio 54, 10000 Guests a night")
            if tail_end(text, c.end(), False, loose_pc=street_word) <= g.end("pc"):
                continue
            out.append(Finding(self.ENTITY, c.start(), c.end(), 0.6))
        return out

    def _indian(self, text: str) -> list[Finding]:
        """An Indian address on one line: a house ("B-12", "House No. 45", "12/4 Park Street"), then
        comma-separated parts, up to a state or city and its six-digit PIN code ("New Delhi 110024",
        "Bangalore - 560038")."""
        out: list[Finding] = []
        done = 0
        pins = list(_INDIAN_PIN.finditer(text))
        listed = {g.end() for g in pins}
        if _INDIAN_PIN_ANY_GATE.search(text) is not None:  # (an unlisted town: a locality word is needed)
            pins = sorted(
                pins + [g for g in _INDIAN_PIN_ANY.finditer(text) if g.end() not in listed],
                key=lambda g: g.end(),
            )
        for g in pins:
            if g.end() <= done:
                continue
            lo = max(done, g.start() - POSTAL_REACH, text.rfind("\n", 0, g.start()) + 1)
            done = g.end()
            for m in _INDIAN_HOUSE.finditer(text, lo, g.start()):
                between = text[m.end() : g.start() + 1]
                if (
                    "," in between
                    and _SENTENCE_BREAK.search(between) is None
                    and (g.end() in listed or _INDIAN_PARTS.search(text, m.end(), g.end()) is not None)
                ):
                    out.append(Finding(self.ENTITY, m.start(), g.end(), 0.6))
                    break
        return out

    def _japanese(self, text: str) -> list[Finding]:
        """A Japanese block address whose ward, city and postcode follow after commas ("4-2-8
        Shibakoen, Minato-ku, Tokyo 105-0011, Japan"): the block number alone reads like a range."""
        out: list[Finding] = []
        blocks = list(_JP_BLOCK.finditer(text))
        if _JP_TOWN_GATE.search(text) is not None:
            blocks += _JP_TOWN_BLOCK.finditer(text)
        for m in blocks:
            end = tail_end(text, m.end(), False)
            if end > m.end() and (
                tail_has_evidence(text, m.end(), end) or _JP_POSTCODE.search(text, m.end(), end)
            ):
                out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
        return out

    def _street_postcode(self, text: str, found: list[Finding]) -> list[Finding]:
        """A street named without a house number whose town and full UK or Canadian postcode follow
        on the same line ("The Old Rectory, Mill Lane, Ashwell, SG7 5LY")."""
        out: list[Finding] = []
        done = 0
        inside = None  # characters inside a finding (built once, when the block rule first needs it)
        for g in _UK_CA_POSTCODE.finditer(text):
            lo = max(done, g.start() - POSTAL_REACH, text.rfind("\n", 0, g.start()) + 1)
            done = g.end()
            for m in _NAMED_BEFORE_COMMA.finditer(text, lo, g.start()):
                if tail_end(text, m.end(), False) >= g.end():  # (Main Street, Kinsale, ..., P17 X123: an
                    out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))  # address, not a landmark)
                    break
            else:  # an address block: the street on a line of its own, town and postcode lines below
                if inside is None:
                    inside = _covered(found, len(text))
                if inside[g.start()]:
                    continue
                # a flat and its building with no street ("Apartment 5, Block C, Riverside Quarter, London
                # SW18 1PB"): a unit opening a part, whose parts run to the postcode
                u = UNIT_UP.search(text, lo, g.start())
                if (
                    u is not None
                    and _PART_START.search(text, max(0, u.start() - 4), u.start()) is not None
                    and tail_end(text, u.end(), False) >= g.end()
                ):
                    out.append(Finding(self.ENTITY, u.start(), u.end(), 0.6))
                    continue
                for m in _NAMED_LINE.finditer(text, max(0, g.start() - POSTAL_REACH), lo):
                    if tail_end(text, m.end(), False) >= g.end():
                        out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
                        break
        return out

    def _hk_floor(self, text: str) -> list[Finding]:
        """A Hong Kong flat and floor with no street number, up to its district ("Flat D, 23/F, Block 5,
        Taikoo Shing, Quarry Bay, Hong Kong"): the parts after it must reach a Hong Kong area."""
        out: list[Finding] = []
        for m in _HK_FLOOR.finditer(text):
            end = tail_end(text, m.end(), False)
            if end > m.end() and _HK_AREA.search(text, m.end(), end) is not None:
                out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
        return out

    def _lower_streets(self, text: str) -> list[Finding]:
        """Streets written in lower case ("im at 42 elm st"; ``_LOWER_STREET``): 0.6."""
        out: list[Finding] = []
        for m in _LOWER_STREET.finditer(text):
            words = m.group("name").split()
            if any(w in _NOT_LOWER_NAME for w in words) or _YEAR.match(m.group()):
                continue
            out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
        return out

    def _named_streets(self, text: str) -> list[Finding]:
        """Streets named without a number where someone lives ("lives on Gordon Street")."""
        return [
            Finding(self.ENTITY, m.start("street"), m.end("street"), 0.5)
            for m in _NAMED_STREET.finditer(text)
            if _STREET_NAME_WORDS.search(m.group("street")) is None
        ]

    def _event_streets(self, text: str, types: list) -> list[Finding]:
        """Streets named without a number where someone lives or a news event happened, read back from
        each street-type word (``types``) after "on/in/along/off" and up to three capitalised words:
        "a house in Elm Road", "arrested at a home on Ridgewood Drive", "a crash on Kings Road"."""
        out: list[Finding] = []
        n = len(text)
        for t in types:
            if t.group() not in _ALONE_TYPE_WORDS:
                continue
            p = _PREP_BEFORE.search(text, max(0, t.start() - 48), t.start())
            if p is None:
                continue
            for rule in (_NAMED_STREET, _NEWS_STREET):
                m = rule.search(text, max(0, t.start() - 120), min(n, t.end() + 40))
                if (
                    m is not None
                    and m.end("street") == t.end()
                    and _STREET_NAME_WORDS.search(m.group("street")) is None
                ):
                    out.append(Finding(self.ENTITY, m.start("street"), m.end("street"), 0.5))
                    break
            else:  # "Residents of Carlton Street in Cambridge": a street and its town
                name = p.group("name")
                if (
                    _TOWN_AFTER.match(text, t.end(), min(n, t.end() + 40)) is not None
                    and _STREET_NAME_WORDS.match(name) is None
                    and name.split()[0].lower() not in _NOT_STREET_FIRST
                ):
                    out.append(Finding(self.ENTITY, p.start("name"), t.end(), 0.5))
        return out

    def _named_lower(self, text: str) -> list[Finding]:
        """Streets named in lower case where someone lives ("we live on willow crescent")."""
        out: list[Finding] = []
        for m in _NAMED_LOWER.finditer(text):
            words = m.group("name").split()
            if (
                not any(w in _NOT_LOWER_NAME for w in words)
                and _STREET_NAME_WORDS_ANY.search(m.group("name")) is None
            ):
                out.append(Finding(self.ENTITY, m.start("street"), m.end("street"), 0.5))
        return out

    def _widened(self, text: str, f: Finding, lower_doc: bool) -> Finding:
        start = lead_start(text, f.start)
        lead = _UNIT_SLASH_BEFORE.search(text, max(0, start - 12), start)
        if lead is not None and _SLASH_NUMBER.match(text, start) is not None:
            start = lead.start()  # "Unit 4/17 Beach Road": the unit word of an Australian number
        if start >= 2 and (text[start - 2 : start].strip() == "," or text[start - 1] == "\n"):
            house = _HOUSE_NAME_BEFORE.search(text, max(0, start - 48), start)
            if house is not None:  # "Rose Cottage, 2 Mill Lane", "Flat 4B, Marlowe Court, 9 Queens Road"
                start = house.start()
        for _ in range(4):  # "Apt. 630 39 Rincon 9082", "Suite 12, Level 4, 88 Phillip Street"
            unit = UNIT_BEFORE.search(text, max(0, start - 24), start)
            if unit is None:  # "15/F, Wing On Centre, 111 Connaught Road": a building after a floor
                b = BUILDING_BEFORE.search(text, max(0, start - 40), start)
                unit = None if b is None else UNIT_BEFORE.search(text, max(0, b.start() - 24), b.start())
                if unit is None or FLOOR_UNIT.search(unit.group()) is None:
                    # "Unit 12, Riverside Business Park\nWandle Way": a unit, then a named building or park
                    b = NAMED_BUILDING_BEFORE.search(text, max(0, start - 60), start)
                    unit = None if b is None else UNIT_BEFORE.search(text, max(0, b.start() - 24), b.start())
                    if unit is None:
                        break
            start = unit.start()
        block = _BLOCK_BEFORE.search(text, max(0, start - 8), start)
        if block is not None:  # "Blk 123 Ang Mo Kio Avenue 3": a Singapore block
            start = block.start()
        end = tail_end(text, f.end, lower_doc)
        if (start, end) == (f.start, f.end):
            return f
        return Finding(f.entity, start, end, f.score)

    def _street_then_number(
        self, text: str, found: list[Finding], lower_doc: bool, rare: bool = True
    ) -> list[Finding]:
        """Streets written name-then-number (``address_parts``), taken after an address cue,
        before a unit, or as the first line of an address block. ``rare`` False: the text has
        no unit word before a number and no building-number street before a comma (``_RARE_GATE``),
        so the unit and building-number rules are skipped."""
        mask = bytearray(len(text) + 1)  # characters inside an address found so far (O(1) look-ups)

        def cover(a: int, b: int) -> None:
            mask[a:b] = b"\x01" * (b - a)

        for f in found:
            cover(f.start, f.end)

        def inside(i: int) -> bool:
            return mask[i] == 1

        out: list[Finding] = []
        for p in cue_ends(text):
            if inside(p):
                continue
            cue = text[max(0, p - 40) : p]
            strong = STRONG_CUE.search(cue[cue.rfind("\n", 0, len(cue) - 2) + 1 :]) is not None
            # after "address:" or "lives at" the street's words may be in lower case ("Árpád fejedelem útja 3.")
            m = core_at(text, p, lower_doc or strong)
            if m is None:
                continue
            if not (
                strong
                or m.group("lead")
                or has_street_word(m.group("name"))
                or len(m.group("name").split()) >= 2
            ):
                continue  # "is at Gate 12"
            out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
            cover(m.start(), m.end())
        for u in (UNIT_ANY if lower_doc else UNIT_UP).finditer(text) if rare else ():
            if inside(u.start()):
                continue
            m = (
                _CORE_BEFORE_ANY.search(text, max(0, u.start() - 100), u.start())
                if lower_doc
                else (_CORE_BEFORE_UP.search(text, max(0, u.start() - 100), u.start()))
            )
            if m is None or inside(m.start()):
                continue
            c = core_at(text, m.start(), lower_doc)
            if c is None or c.end() != m.end("num"):
                continue
            if not (c.group("lead") or has_street_word(c.group("name"))):
                continue  # "Chapter 12 Unit 3": a house number before the street or a street word
            out.append(Finding(self.ENTITY, c.start(), c.end(), 0.65))
            cover(c.start(), u.end())
        for u in (UNIT_ANY if lower_doc else UNIT_UP).finditer(text) if rare else ():
            # a unit, then the building number and a street written name-then-number
            # ("Suite 574 34 Sireli 74|Tartu TA 56325", "apt. 731 96 törneby 2|gualöv nan 27660")
            q = u.end()
            while q < len(text) and text[q] in " \t,":
                q += 1
            if q == u.end() or inside(q):
                continue
            m = core_at(text, q, lower_doc)
            if m is None or not m.group("lead"):
                continue
            if not (has_street_word(m.group("name")) or tail_end(text, m.end(), lower_doc) > m.end()):
                continue
            # (the finding starts after the unit: a name before it may run into the unit word,
            # "Miss Gabriella Villanueva Suite", and a PERSON overlapping it would drop the address)
            out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
            cover(u.start(), m.end())
        for h in _HOUSE_NUMBER_CAP.finditer(text) if rare and not lower_doc else ():
            # "98 Hlíðarvegur 25, Kirkjubæjarklaustur": building number, street, house number, town
            if inside(h.start()) or _YEAR.match(h.group()):
                continue
            m = core_at(text, h.start(), False)
            if m is None or not m.group("lead") or not has_town_after(text, m.end()):
                continue
            out.append(Finding(self.ENTITY, m.start(), m.end(), 0.55))
            cover(m.start(), m.end())
        if "\n" in text:
            for line in _LINE_START_NUMBER.finditer(text):
                q = line.end()
                if inside(q):
                    continue
                m = core_at(text, q, lower_doc)
                if m is None or not m.group("lead") or _LINE_END.match(text, m.end(), m.end() + 16) is None:
                    continue
                tail = tail_end(text, m.end(), lower_doc)
                if "\n" in text[m.end() : tail] and tail_has_evidence(text, m.end(), tail):
                    out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
                    cover(m.start(), tail)
        return out

    def _finding(self, text: str, m) -> Finding | None:
        """The finding of one US-pattern match (None: a year, not a house number)."""
        num = m.group("num")
        if (
            len(num) == 4
            and num[:2] in ("19", "20")
            and _YEAR_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ):
            return None
        score = 0.85 if m.group("state") else 0.7
        end = m.end()
        if m.group("dot") and end == m.end("dot") and m.group("type") not in _ABBREVIATIONS:
            end -= 1  # "97 Lincoln Street." ends a sentence
        return Finding(self.ENTITY, m.start(), end, score)
