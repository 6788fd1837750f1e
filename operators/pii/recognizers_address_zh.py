"""ADDRESS in Chinese text: house numbers, buildings, units and the
administrative divisions above them; offline (lists in ``lexicon.py``). English
and other Latin-script addresses: ``recognizers_address_en.py``.

Chinese (:class:`ChineseAddressRecognizer`). An address is a chain of
components read left to right from an anchor:

* anchors: a division name from GB/T 2260 (黑龙江省, 哈尔滨, 南岗区; about 3,000
  names, looked up by their first two characters), or a road/estate word followed by a house number
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

Where the line is for partial addresses (issue #16, helper address_zh8). A partial address counts when it
places a person, a home or a shop (whereabouts are personal information under PIPL as much as a house number):

* a housing estate named alone (X小区, X花园, X家园, X新村, X苑, Hong Kong X邨: ``_estates``, 0.6) when the text
  ties it to a home: a verb of staying, sending, moving or selling or a preposition of place right before its
  name (我家住在阳光小区, 快递放到了北苑家园, 出售锦江小区, 我在嘉里花园), an address word (住址：锦绣花园),
  or its residents, management or gates after it (金地花园的业主, 天源小区物业, 幸福小区东门, 南苑小区有人...);
  one unit or block of a named estate (康华苑2单元, 沙田第一城22座, 住碧桂园18栋);
* a road named alone as a place (``_plain_road``, 0.6): after a preposition of place or a verb of staying or
  going (在建设路开了一家店, 我家在白云路，, 到中山路吃饭), before 那边/这家/边上 (三里屯路那家咖啡馆), or
  opening a sentence before 的/边/和/与/口 (长青路的下水道);
* a junction of two named roads (长江路与黄河路交叉口, 长宁路和遵义路口, 天河路和体育东路之间: 0.6), a meeting
  point being someone's whereabouts.

Helper address_zh9 added, on the same line:

* a housing estate named by its developer's brand (data/address_zh_developers.txt: 碧桂园十里银滩, 保利天悦, 万科城)
  right after a home word (住在碧桂园, 家在融侨城, 我住万科城, 出租恒大绿洲) and tied to a home by it with no
  name character after the estate's name, or by owners', residents' or home words after it (业主群, 交房,
  精装三居, 二手房); never the company (万科发布年报, 碧桂园集团, 投诉万科物业);
* a numbered area of an estate (天通苑北一区, 劲松八区) tied the same way;
* a neighbourhood or new area named as where someone lives or works (``_HOOD``: 本人在五道口上班, 家住天河北,
  坐标郑东新区, 她住在徐家汇附近): a frame word, a name ending in a character that ends place names or in 新区,
  then work, a word of nearness or the clause's end; not a common word, a listed division or a kind of place;
* a town or village after 我家在/老家在 (家在南街村), a subdistrict before a word of nearness (望京街道附近), a road
  with its direction after 在 and before a verb of doing (在人民南路开了家茶馆), a road before 有家/有个, an estate
  before 隔壁/停车, Beijing's 里 estates with their building (上地东里5号楼), and a chain run on over a line break
  right after its district (涪城区 / 临园路东段68号).

Helper address_zh10 added, on the same line:

* the estate a rent or sale listing offers (整租/直租/合租/转租/出租/出售/急售, then the estate and its area, phase or
  building, then the flat: 整租｜丽景华庭二期两室一厅, 合租远洋山水东区主卧; not 出租房屋一套: ``_listed_estate``);
* where someone says they are after 坐标: divisions, then a place to the clause's end (坐标成都市武侯区玉林; a
  division alone, 坐标杭州, is none: ``_located``);
* a Hong Kong road, building and floor with no house number (觀塘道宏利金融中心8樓), and a Hong Kong or Macau road
  (道, 馬路) after an address word (我住在九龍何文田公主道, 住址：澳門提督馬路; not 通道, 知道, 那条马路);
* a village or group named without 村 after its town or village (献县淮镇刘庄, 金岗村周湾组), a road named after a
  village (中关村大街27号), a subdistrict whose name holds 乡 or 镇 (西乡街道宝源路88号), an estate's direction
  area (金色家园南区居民) and a house number in Chinese numerals after 大道中/西 (珠江大道西二十号).

These are looked for only after a home word found in the cue pass (``_ANY_CUE``: 住在, 家住, 家在, 地址, 我住,
出租, 坐标, 搬去) or before 上班, so a text with none costs no more than before; 经营, 业主, 出售 and 求购 as
triggers cost 1.5% more CPU on news text and were left out (在华强北经营, 绿地新都会业主群 alone stay unfound).

No address: an estate, mall, park, station or landmark named with no such tie (万达广场今天开业, 这个小区环境
很好, 人民公园的樱花), a route (沿着解放路往北走, 经过光明路: directions), traffic on a road (人民路上早高峰
堵车), roads of a life and kinds of road or estate (在人生路上, 高速路, 死胡同, 屋顶花园, 精神家园, 高档小区:
data/address_zh_generic.txt), an estate name of one character (新小区), a company named with its city.

Helper address_zh11 added, on the same line:

* one building of an estate after a verb of sending or staying right before the estate's name (放丽水湾5号楼; a name
  of four characters or more in no estate word: 住东方今典6号楼; an X里 estate: 寄到新华里6号楼) or before its
  residents (东方今典6号楼的业主), and a building right after 送到/住在/放在 with no estate named, before 楼下/楼道 or
  the clause's end (送到12栋楼下, 住在3号楼，); not a hotel, hospital or school (住在希尔顿酒店3号楼), not 住院/住宿;
* a building's room (金桥大厦1205室) and a Hong Kong block's floor and flat (海星閣18樓B室), both read by ``_scan``;
* an estate named in words ``_estates`` does not read (府 庭 阁 邸 轩 郡 城 公馆, 东里/西里/南里/北里) right after a
  home word (刚搬到上地东里，, 家住金茂府附近; not 北京城, 县政府, 卫星城: divisions, offices, kinds), an estate before
  a listing word (红星小区整租两居), and a clause holding residents' words is no estate's name (居民反映小区停水);
* a development zone, industrial park or new area before a road, as a district before a road (江宁经济开发区诚信大道,
  成都市高新区天府三街), and after an address word (位于第三工业园区兴业路); a town after a district named without
  区 or 县 after an address word (搬到了余杭良渚镇; 了 may follow every address word now); a village after its town
  or township (沙河镇南街村, 小河镇新华村民委员会第6村民小组);
* a kind of village ends a chain (澳门威尼斯人度假村, 安徽省农村: data/address_zh_generic.txt; 烂石山村 is a name).

Helper address_zh12 added, on the same line:

* a road named alone after 的 when its clause places a home or a shop on it (``_home_clause``: 住在, 家住, 我家, 搬到,
  开在... before it in the clause, or 开了 right after it: 我家住在老西门附近的蓬莱路，, 搬到了城东的新开路上, 火车站附近的
  胜利路二段开了一家超市); not a route or a sight in the same shape (沿着城东的解放路往北走, 记者来到城东的解放路);
  a road's section (红星路二段), a street whose name begins with its direction (县城的东大街上, 在北大街开店), and a
  road with its direction before 那边/这边 (老城区，中山东路那边);
* a junction of two of Tianjin's 道 roads (成都道与马场道交口; not 街道与, 通道和, 主干道和次干道);
* an estate or a village named after 叫 (我们小区叫锦绣华庭, 住的那个小区，叫华景新城, 我们村叫石桥村; not 小区叫外卖,
  小区叫什么, a development for sale: 新开的楼盘叫翡翠花园);
* a building after 我住/他住/她住/我在 with no estate named (我住5栋，);
* a listing with a bar, a bracket or a comma around the estate (整租 | 双井富力城C区，两居室; 【出租】万达华府3室2厅);
* an estate named before its owners or management in words ``_estates`` does not read (中建锦绣天地的业主们,
  中海国际社区物业; not a brand alone: 万科物业, nor a kind: 国际社区, 大学城);
* a neighbourhood where someone opened a shop (李阿姨在石牌桥开了一家早餐店: ``_HOOD`` after 在 before 开了);
* Latin letters in an estate's name before its building (蓝光COCO金沙5栋, SOHO现代城5号楼).

Helper address_zh13 added, on the same line:

* a place named before its gate, locker or desk after 放, 送 or 寄 (``_gate_places``: 快递放丰台科技园南门, 快递请放翠苑一区
  门口, 外卖放望京SOHO塔2前台): an order note's delivery point; its name ends in a word of an estate, a building or a
  park (``_GATE_PLACE_END``); not a hospital, school, shop, office, station, park or sight (送到人民医院门口, 放在物美超市
  门口, 送到北京西站北门, 送到颐和园北门), nor a name of two characters (送到小区门口, 放在公司前台);
* an estate's phase or building between its name and 业主/物业 (万科城二期的业主, 金色港湾3栋业主), and a developer's
  estate named before its owners (保利天悦业主反映, 碧桂园十里银滩的业主; not the company: 万科物业, 万科集团的业主);
* after a home word, an estate with its phase (住在金色港湾二期; after 我住/本人住 only that) or ending in 园 (我住在金桂园;
  not 公园, 幼儿园, 校园, 动物园);
* an estate word with its phase (阳光小区三期) or a dashed building-unit-room (锦绣花园3-2-501), an estate after 在 with
  what someone does there (我在锦绣花园等你, 在阳光小区租房), and 后面/前面/后边/前边/背后 as locatives (我家在兴隆小区后面);
* ranges in ～ and ~ (幸福小区5～7栋, 花园路15～27号), as in - and 至;
* Taiwan's counties and townships in traditional characters (彰化縣員林市, 屏東縣恆春鎮, 宜蘭縣三星鄉): 縣 now also
  sends a text through ``simplified``;
* Beijing's numbered lanes in 条 before a house number (东四十条甲22号, 北新桥三条12号: ``_hutong_tiao``; not 第三条,
  这三条12号线路, 买了三条12号的).

Helper address_zh14 added, on the same line:

* an estate's building counted with 第 (紫荆花园第3栋5楼B室, 寶湖花園第3座8樓B室) or written with # (阳光小区5#楼1单元302,
  翠湖花园3#302), one space between an estate and its parts (新城小区 3栋 2单元 402), a community's or villas' building
  (南湖国际社区B区12栋, 滟澜山别墅区B12栋), an estate's side before it (紫金苑小区东区9栋: not the district 东区), a building
  before 楼下 (融科瀚棠3栋楼下), and a dashed building-unit-room after a name in any estate word (星河湾东区3-1-2001:
  ``_dashed_estates``);
* Hong Kong: a 邨's named block (彩虹邨金華樓10樓: ``_HK_BLOCK``), 喺 before an estate, a road's part and a named section
  before the house number (干諾道中200號, 青山公路元朗段188號), a block's side (西座), a ground-floor shop (地舖, 地下A舖), and
  characters beyond the basic plane (禾輋邨 reads 禾𪨶邨 simplified), a building named with 之 or Latin words and digits
  (創紀之城1期渣打中心15樓, K11 Musea 3樓: ``_BUILDING_NAME``);
* 之 inside a road's name (祖冲之路), a village after its town found whole (大王庄乡后寨村);
* an estate named alone tied by its clause: a second joined to a first (住世纪花园还是新世纪花园, 阳光小区和幸福小区的居民), one
  called a 小区 after 是 (康乐新村是上世纪八十年代建成的老小区), one named after 我们小区是, or the place of a home before ，小区
  (房子在碧水云天，小区绿化很好: ``_clause_estates``); an estate in 居 after a home word (搬到了桃源居; not 新居, 故居);
* junctions joined by 跟, of two roads one after the other (南京东路西藏中路路口: ``_CORNER``), of a ring road and an
  expressway (北四环与京藏高速交汇处); a road before 沿线 (人民路沿线要修地铁) and 前面路口 name routes, no address.

Helper address_zh18 added, on the same line:

* Macau's squares (前地) before a house number (澳門亞馬喇前地6號, 白鴿巢前地12號; not 議事亭前地 named alone);
* 也 as a road name's last character after a name character (氹仔官也街13號; not 他也3号);
* Hong Kong estates named 上邨/下邨 (牛頭角下邨貴顯樓: 上 and 下 end other estate names as a place by a house);
* a road written in Latin letters before its house number in 號, with the district before it and the building, floor
  and room after it (中環Queen's Road Central 18號新世界大廈1期10樓: ``_latin_roads``; not Abbey Road with no 號);
* Taiwan's 鄰 and 衖 and Shanghai's 支弄 as number parts inside a chain (三共里12鄰光華路55號, 康定路173巷3衖2號,
  陕西北路186弄12支弄5号; not 12邻居);
* spaces between Chinese and digits (Taiwan's and Hong Kong's pangu spacing: 景平路 700 號 3 樓, 駱克道 33 號 15 樓) read
  as absent in a text holding " 号", the findings mapped back onto the text as written (``_unspaced_numbers``);
* Taiwan's districts, county cities, towns and townships as divisions (``recognizers_address_zh_tw.py``: 搬到永和區中正路了,
  在中正區重慶南路開店, 寄到板橋區文化路一段188號; GB/T 2260 holds only those a mainland division shares a name with).

Routes stay no address: a road named as the way taken (走人民路去火车站, 沿着解放路往前开, 从建设路往东拐) names no one's
whereabouts; a road with its house number is an address wherever it stands.

Speed (address_zh10): one ``_SCAN`` pass finds the address words, the evidence (house numbers and residential
words), a division then a street, and the gates of the later passes; division names are looked up by their
first two characters in windows around the evidence and the address words.

Linear time: ``re`` and ``regex`` passes with bounded, possessive
repetitions; the chain advances at every step and a text position is read by
a bounded number of chains (an anchor inside an address already found is
skipped).
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import ahocorasick
import regex

from .actions import Finding
from .lexicon import Division, chinese
from .recognizers_address_zh_tw import TAIWAN_DIVISIONS

_CJK = (
    "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # (and Extension B-G: 禾輋邨 reads 禾𪨶邨 simplified)
)
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
#: 之 inside a road's name (祖冲之路, 王羲之路): after a name character, not as 之间/之后 (a junction's or a time's).
_ROAD_ZHI = f"(?<=[{_CJK}])之(?![间后前中内外上下一])"
_STREET_COMPONENT = regex.compile(
    f"(?:{_NAME_LOOSE}|{_ROAD_ZHI}){{1,8}}?(?:大道|大街|胡同|路|街|巷|弄)|{_NAME_LOOSE}{{1,3}}?(?:街道|镇|乡|村|屯)"
)
#: Words that end like a road or a town but are none (下乡, 城乡, 道路, 线路, 乡镇): a component
#: ending in one of these ends the chain. ``_NOT_STREET_ALONE``: words that are no place alone
#: (马路, 小镇) but end real names (南湖大路, 中山一路, 沪宁公路, 周庄古镇).
#: A village named after a street (西街村, 前路村): the road word then 村 or 屯.
_STREET_VILLAGE = regex.compile(f"{_NAME_LOOSE}{{1,8}}?[街路巷][村屯]")
#: A village or group named without 村 right after its town (河北省沧州市献县淮镇刘庄, 王家庄子, 石龙组): one to
#: four name characters and a word villages end in, then no name character (the address ends) or its group or
#: house number (李庄5组, 张庄18号).
_VILLAGE_AFTER_TOWN = regex.compile(
    f"{_NAME}{{1,4}}?(?:庄子|窝堡|[庄寨堡营沟湾坪岭坝洼塘岗冲畈圩垸埠屯]|(?<![一二三四五六七八九十])组)"
    "(?=$|[^\u3400-\u9fff]|[0-9０-９第一二三四五六七八九十])"
)
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
    "公寓", "家园", "新村", "苑", "广场", "大楼", "号院", "园区", "园", "屯", "条", "道", "邨",
)  # fmt: skip
#: Components that place a person (a home), not only a street or a town.
_RESIDENTIAL = ("村", "社区", "小区", "花园", "家园", "新村", "苑", "公寓", "大厦", "号院", "屯", "邨")
_SUFFIXES = sorted(_SUFFIX_DIV + _SUFFIX_SUB, key=len, reverse=True)
_NUM = "0-9０-９一二三四五六七八九十百千零〇"
#: Hong Kong's "Road Central/East/West" (皇后大道中99号) is a road only before its house number.
_COMPONENT = regex.compile(
    f"{_NAME}{{1,6}}?(?:大道[中东西](?=[0-9０-９]|[{_NUM}]{{1,6}}号)|{'|'.join(_SUFFIXES)})"
)  # (江南大道中一百号)
_NUMBER_PART = regex.compile(
    f"第[{_NUM}]{{1,3}}+(?:村民小组|村民组|生产队|小组|组|队)|[东南西北中]段|村委会|居委会|[东南西北中](?:单元|户|座)"
    "|[东西南北]门(?![\u4e00-\u9fff])"
    f"|(?:(?![{CN_ADDR_STOP}组])[{_CJK}]){{1,3}}+组(?=[{_NUM}]{{1,4}}号)"  # 新屋组16号: a named group, then the house
    "|(?<=村)(?:委会|民委员会)|地下(?=$|[^\u4e00-\u9fff]|[A-Za-z0-9０-９铺舖])"  # 长岭村委会, 226號地下 (ground floor)
    "|地[铺舖](?![\u4e00-\u9fff])"  # 教育路88號地舖: a ground-floor shop (Hong Kong)
    f"|邮政信箱[{_NUM}]{{1,6}}+(?:[-－][0-9０-９]{{1,4}}+)?+号?|[0-9０-９]{{1,6}}+信箱(?:[0-9０-９]{{1,4}}+分箱)?+"
    f"|第[{_NUM}]{{1,3}}+(?:号楼|栋|幢|座)"  # 紫荆花园第3栋, 寶湖花園第3座, 东湖小区第三栋: a building counted with 第
    "|[A-Za-z]?+[0-9０-９]{1,3}+[#＃](?:楼|栋|幢)?+"  # 阳光小区5#楼, 翠湖花园3#302: the building written with #
    f"|(?:(?!段){_NAME}){{2,3}}+段(?=[{_NUM}]{{1,6}}+号)"  # 青山公路荃灣段398號: a road's section named by its place
    f"|(?<=道)[中东西南北](?=[{_NUM}]{{1,6}}+号)"  # 干諾道中200號: a Hong Kong road's part
    f"|附?(?:[A-Za-zＡ-Ｚ甲乙丙丁]?+[{_NUM}]{{1,6}}+|[甲乙丙丁A-Za-zＡ-Ｚ])(?:[-－～~之至][{_NUM}]{{1,4}}+)?"
    "(?:号楼|号院|号商铺|号铺|号|栋|幢|座|塔|楼|单元|门|层|室|房|户|排|支弄|弄|衖|邻(?!居)|期|组|队|社|段|巷|区|[铺舖])"
    f"(?:之[{_NUM}]{{1,3}}+(?![{_NUM}号楼层室]))?"  # 18号之3, 12楼之2 (Taiwan), not 3号之3号楼
)
#: What may not follow a bare room number: a unit of count, money, time or measure.
_ROOM_NEXT = "(?![年月日号元块万亿个人次米平套间位名家台辆件条天份层楼栋%％])"
#: A building or landmark named after a house number and before its floor, block or room
#: (弥敦道123号信和中心5楼B室, 恒隆广场办公楼一座2501): two to eight name characters right before
#: a number part; bounded and lazy, tried only inside a chain.
_BUILDING_NAME = regex.compile(
    f"(?:{_NAME_LOOSE}|(?<=[{_CJK}])之|[A-Za-z]|(?<=[A-Za-z])[0-9]{{1,3}}+|(?<=[A-Za-z0-9]) (?=[A-Za-z])){{2,12}}?"
    f"(?=[ \u3000]?+[A-Za-zＡ-Ｚ]?+[0-9０-９]{{1,4}}+(?:号楼|楼|层|座|栋|幢|单元|室|期|区)"
    "|[A-Za-zＡ-Ｚ][座塔]"
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
#: A block of a Hong Kong estate (邨) named after it (彩虹邨金華樓, 秀茂坪邨秀明樓, 石蔭東邨蔭興樓, 麗晶花園海星閣): one to
#: three name characters, no numeral (not 商场二楼), then 楼 or 阁, not a floor's word after it.
_HK_BLOCK = regex.compile(f"(?:(?![楼阁座层一二三四五六七八九十]){_NAME}){{1,3}}+[楼阁](?![楼层])")
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
    "(?:号楼|号院|号商铺|号铺|号|栋|幢|座|塔|楼|单元|门|层|室|房|户|排|弄|期|组|队|社|段|巷|区|[铺舖])(?=(?:之[0-9０-９一二三四五六七八九十]+)?$)"
)


#: A single building written after an estate's or a park's name ending in one of ``_ESTATE_SUFFIXES`` (four
#: characters at least: 翠湖天地5栋, 中关村软件园10号楼, 天府软件园D区6栋), maybe after its phase or area; not a
#: count of buildings (12栋楼, 5栋房子, 3栋住宅) and not a floor alone (购物中心3楼: a shop's floor).
_ONE_BUILDING = frozenset(("栋", "幢", "号楼", "座", "单元"))  # (沙田第一城22座, 康华苑2单元)
_ONE_BUILDING_WITH = _ONE_BUILDING | {"期", "区"}
_NOT_BEFORE_BUILDING = frozenset(CN_ADDR_STOP + _NUM + "，。、；：！？ \n" + "")
_NOT_AFTER_BUILDING = frozenset("楼房宅别墅建厂宿车位椅")  # (not 12栋楼, 7座车, 22座位)
#: Words of housing after a count of buildings (3栋住宅, 5栋住房): no building of an estate; 住 alone may follow one
#: (我在南湖国际社区B区12栋住).
_NOT_AFTER_BUILDING_WORDS = ("住宅", "住房", "住户")
#: After a building's 楼, a locative of the building: no count (送到15栋楼下, 12栋楼道, 3号楼门口).
_BUILDING_LOCATIVE = ("楼下", "楼道", "楼门口", "楼顶")
#: Verbs of staying, sending or moving right before an estate's name, maybe with 在/到/至/往 (住在, 送到, 放):
#: its single building counts with a short name (放丽水湾5号楼) or a name in no estate word (住书香门第6号楼).
_VERB_BEFORE_ESTATE = "住放寄送搬"
#: A verb of sending or staying and its preposition right before a building with no estate named (送到12栋楼下, 住在
#: 3号楼，: a delivery note's or a neighbour's building inside the estate both know).
_VERB_TO = frozenset(
    ("送到", "送至", "放到", "放在", "寄到", "寄至", "住在", "搬到", "我住", "我在", "他住", "她住")
)
#: Before 里 and its house number, no lane's name (12公里3号线, 夜里12号, 心里).
_NOT_BEFORE_LANE_LI = frozenset("公英海千万百夜月年日天期周拜间心手眼梦嘴怀镇乡市省队厂校")


def _lane_li(text: str, i: int) -> bool:
    """The 里 at ``i`` ends a lane's name before its house number (桃源里12号, 永康里3号, Tianjin's and Shanghai's
    lanes, Beijing's 和平里5号楼): two name characters before it, not a locative (这里, 村里, 家里) nor a measure or
    a time (公里, 夜里)."""
    return (
        i >= 2
        and _name_char(text[i - 1])
        and _name_char(text[i - 2])
        and text[i - 1] not in _NOT_BEFORE_LI
        and text[i - 1] not in _NOT_BEFORE_LANE_LI
    )


def _hutong_tiao(text: str, i: int) -> bool:
    """The 条 at ``i`` ends one of Beijing's numbered lanes before its house number (东四十条甲22号, 北新桥三条12号,
    东四头条5号): one to three numerals (or 头) before it after a name character; not 第, a count after a verb (买三条,
    这两条) nor a line (三条12号线)."""
    j = i
    while j > i - 3 and text[j - 1 : j] in _AREA_NUMERALS + "头":
        j -= 1
    return (
        i - 3 <= j < i
        and j >= 1
        and _name_char(text[j - 1])
        and text[j - 1] not in "第几每两这那条买卖拿送穿要给用换带剩挑选百千零〇" + _AREA_NUMERALS
        and _ROAD_LINE.match(text, i + 1) is None
    )


#: A number then 号线: a metro line, not a house number (三条12号线).
_ROAD_LINE = regex.compile("[甲乙丙丁]?+[0-9０-９一二三四五六七八九十]{1,6}+号线")


#: Before 里 in a place, not an estate's name (小区里, 院子里, 城里: a locative).
_NOT_BEFORE_LI = frozenset("区院家城村子楼屋店园场内这那哪")
#: A name ending in one of these is no estate (住在希尔顿酒店3号楼, 送到人民医院2号楼: a hotel, a hospital).
_NOT_ESTATE_END = (
    "酒店",
    "宾馆",
    "饭店",
    "旅馆",
    "医院",
    "学校",
    "大学",
    "学院",
    "中学",
    "小学",
    "公司",
    "工厂",
)
_NOT_VERB_WORDS = frozenset(("住院", "住宿", "住房", "住户", "寄宿", "放心", "放学", "放假", "送货"))
_PHASE_END = regex.compile(
    "(?:[A-Z]区|[0-9０-９一二三四五六七八九十]{1,2}期)$"
)  # (金地格林小城5期, 天府软件园D区)
#: Place words and verbs of selling or renting that end no estate name: the estate starts after them.
_LEFT_PLACE = regex.compile("楼下|楼上|对面|旁边|隔壁|附近|门口|出售|出租|转让|招租|购买|买了|卖了|租了")
_ESTATE_SUFFIXES = (
    "花园",
    "小区",
    "家园",
    "苑",
    "公寓",
    "大厦",
    "广场",
    "中心",
    "城",
    "国际",
    "天地",
    "园",
    "府",
    "湾",
    "庭",
    "邸",
    "居",
    "阁",
    "轩",
    "郡",
    "新村",
    "山庄",
    "公馆",
    "东里",
    "西里",
    "南里",
    "北里",
    "社区",
    "别墅",
    "别墅区",
)  # fmt: skip (Beijing's 里 estates: 上地东里5号楼, 花家地北里; a community's or villas' building: 南湖国际社区B区12栋)


def _number_word(part: str) -> str:
    """The word of a number part (3栋 -> 栋, 2单元 -> 单元), or "" for a bare room number (801); a building
    written with # (5#, 5#楼) is a building (栋)."""
    if "#" in part or "＃" in part:
        return "栋"
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
    f"(?:(?![{CN_ADDR_STOP.replace('之', '').replace('能', '')}放送寄发到住搬来找等收交至往])[{_CJK}]|[A-Za-z]){{2,10}}+"
    "(?:[0-9０-９]{1,2}+期)?$"
)  # (之 and 能 begin no sentence here but end estate and developer names: 城市之光, 鲁能; Latin letters too: 蓝光COCO金沙)
#: No estate: a time word (今天下午3栋), or a place word ending in a locative (小区里, 楼下).
_TIME_WORD = regex.compile("今天|明天|昨天|后天|上午|下午|晚上|早上|中午|凌晨|刚才|现在|今年|去年|明年")
_NOT_ESTATE = regex.compile(
    _TIME_WORD.pattern + "|(?<![东西南北])里$|[下上边旁内外前后]$"
)  # (上地东里 is one)
#: After a road with no house number, a building and its floor (九龍旺角彌敦道旺角中心12樓, 皇后大道中置地廣場18樓,
#: 軒尼詩道 大新金融中心 3樓: how Hong Kong writes an office or a shop).
_BUILDING_FLOOR_AFTER = (
    f"[中东西南北]?[ \u3000]?(?:(?![{_LOOSE_STOP}])[{_CJK}]){{2,8}}?(?:中心|大厦|广场|大楼|商场|花园|写字楼)"
    "[ \u3000]?[0-9０-９]{1,3}(?:楼|层)"
)
_ROAD_BUILDING_FLOOR = re.compile(f"[道街路](?={_BUILDING_FLOOR_AFTER})")
#: The building words of ``_BUILDING_FLOOR_AFTER``: ``_scan`` looks for one before a floor number.
_FLOOR_BUILDINGS = ("中心", "大厦", "广场", "大楼", "商场", "花园", "写字楼")
#: A floor and its flat (18楼B室, 12樓A, 3楼502室) after a Hong Kong block's name (海星閣).
_ROAD_NUMBER = re.compile(
    f"(?:大道|大街|路|街|巷|弄|胡同|小区|花园|大厦|公寓|家园|新村|苑|广场|村|大楼|道|里|(?<=[一二三四五六七八九十头])条|前地)"
    f"(?=(?:[甲乙丙丁]|[{_NUM}]{{1,6}}[-－～~至])?[{_NUM}]{{1,6}}(?:号|弄|栋|幢|座|巷)|[{_NUM}]{{1,3}}(?:楼|层)[{_NUM}]{{2,5}}(?:室|房)"
    f"|(?:[{_NUM}]{{1,3}}|[东南西北中])段[{_NUM}]{{1,6}}号"  # 芙蓉中路二段200号, 中山路北段12号
    f"|[{_NUM}]{{1,2}}期[{_NUM}]{{1,4}}(?:号楼|栋|幢|座)"  # 万科城市花园二期8栋: a phase, then a building
    f"|(?<=道)[中东西南北](?=[{_NUM}]{{1,6}}号)"  # 干諾道中200號: Hong Kong's road with its part (its 道, then 中)
    f"|第[{_NUM}]{{1,3}}(?:号楼|栋|幢|座)|[0-9０-９]{{1,3}}[#＃])"  # 紫荆花园第3栋, 阳光小区5#楼: a building
)
#: After a Hong Kong block's name (海星閣) and its floor, the flat (18楼B室, 12樓A, 3楼502室): ``_scan`` reads it
#: at each 楼/层 after a number after 阁.
_HK_FLAT = re.compile("[A-HＡ-Ｈ](?:室|(?![A-Za-z\u3400-\u9fff]))|[0-9]{2,4}室")
#: Buildings whose room may follow with no floor (金桥大厦1205室): ``_scan`` reads them before a room's number.
_ROOM_BUILDINGS = ("大厦", "公寓", "大楼")
#: Every ``_ROAD_NUMBER`` match holds a numeral right before one of these words: a text with none skips its pass
#: (``_scan`` answers whether there is one).
_ROAD_NUMBER_GATE = re.compile(f"[{_NUM}][号弄栋幢座巷楼层#＃]")
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
#: starts after the last of them; not the 放 of 解放 and 开放, which begin road names (地址是解放路118号).
_LEFT_VERBS = regex.compile(
    "(?:[住寄送搬找喺]|(?<![解开])放)[至到往]?"
)  # (喺: Cantonese 在, 我屋企喺彩虹邨)  # (送至紫荆公寓: 至 too)
#: Road words a street named after an address word ends in (家住南京路附近, 位于中山路): the street alone; and
#: town, village and subdistrict words (住在沙河镇上, 家在南街村: a place down to a town, docs/pii.md).
_CUE_ROAD_SUFFIXES = ("大道", "大街", "胡同", "路", "街", "巷", "弄", "街道", "镇", "乡", "村", "屯")
#: A Hong Kong or Macau road after an address word (住在九龍旺角彌敦道, 住址：澳門氹仔孫逸仙大馬路, 家住中環皇后大道中):
#: two to eight name characters, 道 or 馬路, maybe its direction; not a kind of way (通道, 隧道, 人行道, 知道).
_HK_ROAD = regex.compile(
    f"{_NAME_LOOSE}{{2,8}}?(?:大[马馬]路|[马馬]路|道)(?:[中东西南北](?![\u3400-\u9fff]))?"
)
_NOT_HK_ROAD = frozenset(
    "通道 隧道 车道 管道 渠道 轨道 频道 跑道 航道 过道 走道 坑道 栈道 步道 绿道 匝道 知道 味道 报道 厚道 公道 地道 "
    "霸道 赤道 食道 正道 人道 行道 古道 山道 小道 河道 巷道 水道 铁道 弯道 坡道 专道 马道 难道 顺道 一道 打道 "
    "称道 当道 街道 大道 门道 鼻道 肠道 茶道 书道 武道 剑道 柔道 商道 孝道 医道 官道 要道 近道 改道 绕道 借道 干道 "
    "国道 省道 县道 乡道 便道 辅道 引道 廊道 楼道 信道 声道 赛道".split()
)


def _hk_road(name: str) -> bool:
    """``name`` (an ``_HK_ROAD`` match) is a road, not a kind of way: Macau's 馬路 only after a name of its own
    (提督馬路, 孫逸仙大馬路; not 那条马路)."""
    road = name[:-1] if name[-1:] in "中东西南北" and name[-2:-1] == "道" else name
    if road.endswith(("马路", "馬路")):
        return not any(c in road for c in "条这那个边")
    return road[-2:] not in _NOT_HK_ROAD


#: What may follow such a street: no name character (耶路撒冷 is no road), a locative or a conjunction.
_AFTER_CUE_ROAD = regex.compile("$|[^\u3400-\u9fff]|[附旁上边口东西南北中段一和与及、的对以内外两]")
_NOT_CUE_ROAD = frozenset(("公路", "马路", "大路", "小路", "新路", "老路", "前路", "后路", "长街"))
_ROAD_HOUSE_NUMBER = re.compile(f"[{_NUM}]{{1,6}}号")
_LEFT_NAME = regex.compile(f"(?:(?![{_LOOSE_STOP}区县市省镇乡村叫])[{_CJK}]){{1,8}}+")
#: The name of a road before its house number may hold 村 (中关村大街27号, 小营村路8号: roads named after villages).
_ROAD_LEFT_NAME = regex.compile(f"(?:(?![{_LOOSE_STOP}区县市省镇乡叫])[{_CJK}]){{1,8}}+")
#: The same read right to left from a road word before its house number: the name's last character may be 也
#: after a name character (Macau's 官也街13號, 新埗頭街; not 他也3号: no name before it).
_ROAD_LEFT_NAME_REV = regex.compile(
    f"(?:也(?=(?![{_LOOSE_STOP}区县市省镇乡叫])[{_CJK}]))?+(?:(?![{_LOOSE_STOP}区县市省镇乡叫])[{_CJK}]){{1,8}}+"
)
#: A subdistrict's name before 街道 (西乡街道, 五常街道): it may hold 乡 or 镇 (not a division word else).
_SUBDISTRICT_NAME = regex.compile(f"(?:(?![{_LOOSE_STOP}区县市省叫])[{_CJK}]){{1,3}}+")
_CUE_PLAIN = (
    "住址|地址|住在|家住|居住于|居住在|现居|住于|寄往|寄到|寄至|发往|送到|送至|户籍|户籍地|户籍所在地|所在地|住所"
    "|居住地|籍贯|搬到|搬至|迁至|位于|坐落于|坐落|暂住|租住"
)
#: 我家在, 老家在, 家就在 (a home), not 国家在, 大家在, 专家在, 作家在 (people), 回家在, 酒家在.
_NOT_HOME_BEFORE = "国大专作画全回酒农商买卖玩行东赢输成当管学藏名"
CN_ADDRESS_CUES = regex.compile(f"(?:{_CUE_PLAIN}|(?<![{_NOT_HOME_BEFORE}])家就?在)[：:为是在了]?$")


#: Evidence: a house, building, room or floor number (3号, 12栋, 501室, 2单元, 一层: up to six numerals and its
#: word) or a residential word (村 社区 小区 花园 家园 新村 苑 公寓 大厦 号院 屯 邨 信箱), found where each starts.
#: The definition: ``_scan`` finds the same starts in its one pass (tests/test_pii_address_zh10_speed.py).
_EVIDENCE = re.compile(
    f"[{_NUM}村社小花家新苑公大号屯信邨](?:(?<=[{_NUM}])[{_NUM}]{{0,5}}(?:号|栋|幢|座|室|单元|层|弄|#|＃)"
    "|(?<=村)|(?<=社)区|(?<=小)区|(?<=[花家])园|(?<=新)村|(?<=苑)|(?<=公)寓|(?<=大)厦|(?<=号)院|(?<=[屯邨])|(?<=信)箱)"
)
EVIDENCE_REACH = 48  # characters from an anchor's end to the evidence (a chain is at most 12 x 8)

#: Most components a chain takes (省 市 区 街道 路 号 栋 单元 层 室 is ten): keeps every chain
#: O(1), so anchors that do not make an address cannot add up to quadratic time.
MAX_COMPONENTS = 12


#: One pass for the address words (家在 kept only where no 国/大/专... comes before it) and the words that tie a
#: place named alone to a home, a shop or work (``_TIE_MATCHES``: the estates, numbered areas and neighbourhoods
#: named alone are searched only next to one of either). Literal alternatives and no capturing group: `re`
#: skips to the next possible first character (with two groups the pass cost ten times more); a tie word whose
#: first character is common (上班, 出售, 经营) is matched by its second one and a look-behind, and 住 only after a
#: person (我住, 他住), so the pass stops at few more places than the address words' alone.
_TIE_MATCHES = {  # what the pass matches -> how many characters of the tie word come before it
    "坐标": 0, "搬去": 0, "搬进": 0, "住": 0, "班": 1, "租": 1, "售": 1,
}  # fmt: skip
_HOOD_WHO_CHARS = "我你他她们您家人主子的就也都还正"
#: Address words after which an estate, a numbered area or a neighbourhood may be named alone (位于, 送到 and
#: the like name places, not homes: not followed, which keeps news text cheap).
_HOME_CUES = frozenset("住在 家住 家在 家就在 搬到 居住在 住址 地址 现居 暂住 租住".split())
#: (Not 出租车. 经营, 业主, 出售 and 求购 cost 1.5% more CPU on news text than these: left out.)
_ANY_CUE = re.compile(
    f"(?:{_CUE_PLAIN}|家就?在|坐标|搬去|搬进|住(?<=[{_HOOD_WHO_CHARS}]住)|班(?<=上班)|租(?<=[出整直合转]租)(?![车汽])"
    "|售(?<=[出急]售))"
)
#: Where a division suffix is followed, within nine characters, by a road/town/village word.
_DIVISION_THEN_STREET = re.compile(  # bounded: at most nine characters read from each suffix
    "[市区县旗州盟][\u3400-\u9fff]{1,9}?(?:" + "|".join(_STREET_SUFFIXES) + ")"
)
#: Anchors of the division-then-street rule: a name written with its suffix (合肥市, 瑶海区,
#: 大理白族自治州, three-character short forms such as 延边州); not a prefecture written without 市
#: (兰州 in 马里兰州, 杭州).
_STREET_RULE_ANCHOR = ("省", "市", "区", "县", "旗", "盟", "自治州", "特别行政区")
#: A digit, then a building, unit, floor, area or phase word: where a building chain can start (as
#: _BUILDING_START; ``_scan`` answers whether there is one).
_BUILDING_GATE = re.compile("[0-9０-９](?:号楼|栋|幢|座|单元|层|楼|区|期[0-9])")


#: Traditional characters of address words and common place names, to their simplified forms
#: (one character to one: offsets stay): Taiwan, Hong Kong and Macau addresses (臺北市大安區忠孝東路
#: 四段1號3樓) are read with the simplified rules and lists. Applied only to a text holding 號, 區 or
#: 樓.
TRADITIONAL_TO_SIMPLIFIED = _TRAD = str.maketrans(
    "號樓區層單棟縣鎮鄉臺灣東門廣場園廈龍環義興華國陽長蘭會橋豐鳳雙貿樂蓮嶺雲條莊館壽寧頭灣鐵實業體育愛麗"
    "內萬與雞濱淺將頂嘉彎閣",
    "号楼区层单栋县镇乡台湾东门广场园厦龙环义兴华国阳长兰会桥丰凤双贸乐莲岭云条庄馆寿宁头湾铁实业体育爱丽"
    "内万与鸡滨浅将顶嘉弯阁",
)

_TRAD_PAIRS = tuple((chr(k), chr(v)) for k, v in _TRAD.items() if k != v)  # (no output is an input)


def simplified(text: str) -> str:
    """``text.translate(TRADITIONAL_TO_SIMPLIFIED)``, one ``str.replace`` for each traditional character it
    holds: ``str.translate`` looks up every character of a non-ASCII text in the table (a tenth of the cost
    on Taiwan's handbook pages)."""
    for trad, simple in _TRAD_PAIRS:
        if trad in text:
            text = text.replace(trad, simple)
    return text


#: A character of each gate word of ``_GATE_PLACE`` (门 of 南门 and 门口, 台 of 前台, 站 of 驿站...): ``_scan`` keeps a
#: 放/送/寄 only where one follows within reach (most have none: 送早餐, 放心), and the match, dearer, is tried there.
_GATE_HINT = re.compile("[门台站柜巢亭室点]")


def _scan_pattern() -> str:
    """``_SCAN``: for each character that may begin or end what the address search looks for, that character
    and, behind and ahead of it (zero-width), the conditions under which one of them is there."""
    conds: dict[str, list[str]] = {}

    def add(chars: str, cond: str) -> None:
        for c in chars:
            conds.setdefault(c, []).append(cond)

    # evidence (``_EVIDENCE``), ``_ROAD_NUMBER_GATE`` and ``_BUILDING_GATE``: a numeral right before the word
    add("号栋幢座室层弄楼巷#＃", f"(?<=[{_NUM}].)")
    add("元", f"(?<=[{_NUM}]单.)")
    add("区", "(?<=[0-9０-９].)")
    add("期", "(?<=[0-9０-９].)(?=[0-9])")
    add("村苑屯邨", "")
    add("区", "(?<=[社小].)")
    add("园", "(?<=[花家].)")
    add("寓", "(?<=公.)")
    add("厦", "(?<=大.)")
    add("箱", "(?<=信.)")
    add("院", "(?<=号.)")
    # ``_DIVISION_THEN_STREET`` (its suffix, then what it matches after it)
    add("市区县旗州盟", f"(?=[\u3400-\u9fff]{{1,9}}?(?:{'|'.join(_STREET_SUFFIXES)}))")
    # ``_CROSSING_JOIN``: 与, 和 or 跟 after a road word (or a ring road's 环)
    add("与和跟", "(?<=[路街道环].)")
    # ``_ANY_CUE``: each alternative's first character, then the rest of it
    for word in _CUE_PLAIN.split("|"):
        add(word[0], f"(?={word[1:]})")
    add("家", "(?=就?在)")
    add("坐", "(?=标)")
    add("搬", "(?=[去进])")
    add("住", f"(?<=[{_HOOD_WHO_CHARS}].)")
    add("班", "(?<=上.)")
    add("租", "(?<=[出整直合转].)(?![车汽])")
    add("售", "(?<=[出急].)")
    # an estate's owners or management (业主, 物业), a shop opened (开了), a name said (小区叫, 村名叫, 小区，叫)
    add("业", "(?=主)")
    add("业", "(?<=物.)")
    add("开", "(?=了)")
    add("叫", "(?<=[区村名子字，].)")
    # a verb of leaving or sending with a gate word within reach (``_gate_places``: 快递放丰台科技园南门)
    add("放送寄", f"(?=[^，。！？；\n]{{3,18}}?{_GATE_HINT.pattern})")
    alternatives = []
    for c in sorted(conds, key=lambda c: (_SCAN_ORDER + c).index(c)):  # (`re` tries them in turn)
        cs = conds[c]
        alternatives.append(c if "" in cs else f"{c}(?:{'|'.join(dict.fromkeys(cs))})")
    return "|".join(alternatives)


#: ``_SCAN``'s characters, commonest first in Chinese text (counted on news, reviews and handbook pages): at each
#: one `re` tries the alternatives in turn, so the common ones come first (the scan costs 4% less).
_SCAN_ORDER = (
    "和地发家房市现住所与区位元期院户村送楼州县层号居园室班售座坐盟租旗箱迁厦暂寄籍弄栋寓搬巷幢苑屯邨开业叫"
)


#: One pass for what six passes looked for (``_scan``): each alternative is one literal character, so `re`
#: skips to the next possible one (a pass over Chinese text costs about the same whatever it looks for), and
#: each match is that one character, so no place where one of them is found hides another.
_SCAN = re.compile(_scan_pattern())
_DIGIT_SET = frozenset("0123456789０１２３４５６７８９")
_NUM_SET = _DIGIT_SET | frozenset(_NUM[6:])  # (``_NUM``'s numerals, its ranges written out)
_CUE_FIRST = frozenset(w[0] for w in _CUE_PLAIN.split("|")) | frozenset("家坐搬住班租售")


class _Scanned:
    """What ``_scan`` found in a text."""

    __slots__ = (
        "cues",
        "evidence",
        "streets",
        "road_numbers",
        "buildings",
        "joins",
        "building_floors",
        "rooms",
        "towns",
        "zones",
        "villages",
        "owners",
        "shops",
        "named",
        "gates",
    )

    def __init__(self) -> None:
        self.cues: list = []  # the matches of ``_ANY_CUE.finditer``
        self.rooms: list[tuple[int, int]] = []  # a building word before its room (大厦1205室, 阁18楼B室)
        self.towns: list[int] = []  # a 村 two or three characters after 镇 or 乡
        self.villages: list[int] = []  # each 村 (at 2 or after) not after 新
        self.owners = False  # 业主 or 物业 (``_owned_estates``)
        self.shops: list[int] = []  # each 开 of 开了 (``_shop_places``)
        self.named = False  # 叫 after 区, 村, 名, 子, 字 or a comma (``_named_estates``)
        self.gates: list[
            int
        ] = []  # each 放, 送 or 寄 with a gate word's character within reach (``_gate_places``)
        self.zones: list[int] = []  # the end of a zone's 区 before a street (开发区, 新区, 园区)
        self.evidence: list[int] = []  # the starts of ``_EVIDENCE.finditer``
        self.streets: list[int] = []  # the ends of ``_DIVISION_THEN_STREET.finditer``
        self.road_numbers = False  # ``_ROAD_NUMBER_GATE.search`` found one
        self.buildings = False  # ``_BUILDING_GATE.search`` found one
        self.joins = False  # ``_CROSSING_JOIN.search`` found one
        self.building_floors = (
            False  # a floor right after a building word (中心12楼, 广场 3层: _FLOOR_BUILDINGS)
        )


def _scan(text: str) -> _Scanned:
    """The address words, the evidence, the ends of a division then a street, and whether the gates of the
    road-number, building and junction passes hold, from one ``_SCAN`` pass: each hit is read again by the
    rule it belongs to (the same answers as each rule's own pass; few places in a text are hits). A text with
    no hit gets ``_NOTHING``, shared (callers only read it)."""
    out = _NOTHING
    cue_end = street_end = 0
    for m in _SCAN.finditer(text):
        if out is _NOTHING:
            out = _Scanned()
        i = m.start()
        c = text[i]
        if c in "放送寄":
            out.gates.append(i)  # (送 and 寄 may begin an address word too, 送到, 寄往: read below)
            if c == "放":
                continue
        if c in "业开叫":
            if c == "开":
                out.shops.append(i)
            elif c == "业":
                out.owners = True
            else:
                out.named = True
            continue
        if (
            c in "号栋幢座室层弄楼巷元#＃"
        ):  # (a numeral before it, or 单 and a numeral before 元; 5#: a building)
            b = i - 1 if c == "元" else i  # (the numerals end before 单元)
            if c not in "楼巷":
                j = b  # the number starts at its first numeral, at most six before its word
                while j > max(0, b - 6) and text[j - 1] in _NUM_SET:
                    j -= 1
                out.evidence.append(j)
                if (
                    c == "室"
                    and 3 <= i - j <= 5
                    and text.endswith(_ROOM_BUILDINGS, 0, j)
                    and text[j:i].isdigit()
                ):
                    out.rooms.append((j - 2, j))  # (金桥大厦1205室: a building, then its room)
            if c not in "室元":
                out.road_numbers = True
                if c in "楼层":  # (旺角中心12楼, 大新金融中心 3楼)
                    j = b
                    while j > max(0, b - 4) and text[j - 1] in _DIGIT_SET:
                        j -= 1
                    k = j - 1 if j and text[j - 1] in " \u3000" else j
                    out.building_floors = out.building_floors or text.endswith(_FLOOR_BUILDINGS, 0, k)
                    if j < i and text[j - 1 : j] == "阁" and _HK_FLAT.match(text, i + 1) is not None:
                        out.rooms.append((j - 1, j))  # (海星阁18楼B室: a Hong Kong block, floor and flat)
            if text[b - 1] in _DIGIT_SET and (
                c in "栋幢座层楼元" or (c == "号" and text.startswith("楼", i + 1))
            ):
                out.buildings = True
            continue
        if c in "村苑屯邨":
            out.evidence.append(i - 1 if c == "村" and i and text[i - 1] == "新" else i)
            if c == "村" and i >= 2 and text[i - 1] != "新":
                out.villages.append(i)  # (every 村 not of 新村: ``_analyze`` reads the villages there)
                if i >= 4 and (text[i - 3] in "镇乡" or text[i - 4] in "镇乡"):
                    out.towns.append(i)  # (沙河镇南街村: a village after its town, ``_town_villages``)
        elif c in "园寓厦箱":
            out.evidence.append(i - 1)
        elif c == "院":
            if i < 2 or text[i - 2] not in _NUM_SET:  # (3号院: the house number 3号)
                out.evidence.append(i - 1)
        elif c == "期" or (c == "区" and i and text[i - 1] in _DIGIT_SET):
            out.buildings = True
        elif c in "与和跟":
            out.joins = True
        if c == "区" and i and text[i - 1] in "社小":
            out.evidence.append(i - 1)
        if c in "市区县旗州盟" and i >= street_end:
            s = _DIVISION_THEN_STREET.match(text, i)
            if s is not None:
                out.streets.append(s.end())
                street_end = s.end()
                k = (
                    i if c == "区" else text.find("区", i + 1, street_end)
                )  # (成都市高新区天府三街: the zone inside)
                if k > 0 and text[k - 1] in _ZONE_BEFORE_QU:
                    out.zones.append(k + 1)  # (高新区科技二路: a development zone, then a road)
        if c in _CUE_FIRST and i >= cue_end:
            cue = _ANY_CUE.match(text, i)
            if cue is not None:
                out.cues.append(cue)
                cue_end = cue.end()
    return out


_NOTHING = _Scanned()  # (what ``_scan`` finds in a text with no hit)


def _with_taiwan(divisions: dict[str, Division]) -> dict[str, Division]:
    """GB/T 2260's divisions and Taiwan's districts, towns and townships (``recognizers_address_zh_tw.py``: 永和區,
    中正區, 三重區), read simplified as the text is; a name the list holds keeps its entry."""
    out = dict(divisions)
    for name in TAIWAN_DIVISIONS:
        out.setdefault(simplified(name), Division(simplified(name), "台湾省", "county", ""))
    return out


class ChineseAddressRecognizer:
    """Chinese addresses (module docstring)."""

    ENTITY = "ADDRESS"

    def __init__(self) -> None:
        self.divisions = _with_taiwan(chinese().divisions)
        # the division names of two characters or more, by their first two characters: each prefix's
        # lengths, and (``_div_start``) a pass that stops only where a name's first character is followed by
        # a second character of one (``_division_anchors``)
        named: dict[str, set[int]] = {}
        for name in self.divisions:
            if len(name) >= 2:
                named.setdefault(name[:2], set()).add(len(name))
        self._div_prefix = {k: tuple(sorted(v)) for k, v in named.items()}
        firsts = "".join(sorted({k[0] for k in named}))
        seconds = "".join(sorted({k[1] for k in named}))
        self._div_start = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")
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

    def _division_anchors(self, text: str, lo: int, hi: int, anchors: list[tuple[int, int]]) -> None:
        """Append (start, end) of every listed division name of two characters or more inside
        ``text[lo:hi]``, overlapping ones too (北京 and 北京市). Each place where a name's first character
        is followed by a second character of one is looked up by its two characters (at most four lengths
        each; a pyahocorasick automaton of the names read Chinese text three times slower: its root has
        900 children)."""
        prefix = self._div_prefix
        names = self.divisions
        for m in self._div_start.finditer(text, lo, hi):
            i = m.start()
            for k in prefix.get(text[i : i + 2], ()):
                if i + k <= hi and (k == 2 or text[i : i + k] in names):
                    anchors.append((i, i + k))

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
        town_end = -1  # where the last town or township taken ends
        last = ""  # the number word of the part just taken (号, 单元, ...), or ""
        while p < n and parts < MAX_COMPONENTS:
            q = p + 1 if p < n and text[p] in " \u3000" else p  # (one space between parts)
            if q < n and text[q] == "\n" and q and text[q - 1] in "区县市镇":
                q += 1  # (an address block wrapped after its district: 涪城区 / 临园路东段68号, 上海市 / 浦东新区)
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
                if m is None and parts and p == town_end:  # 淮镇刘庄, 何畈村杨湾组: a village after its town
                    m = _VILLAGE_AFTER_TOWN.match(text, q, min(n, q + 8))
                if m is None and (
                    parts or (p and text[p - 1] in "道街路")
                ):  # a building name, then its floor
                    # or room (123号信和中心5楼B室; right after a road: 彌敦道旺角中心12樓)
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
                if (
                    (m.group()[-2:] in _NOT_STREET and not (len(m.group()) > 2 and m.group()[-2:] == "集镇"))
                    or m.group() in _NOT_STREET_ALONE
                ):  # (周集镇 is a town named 周集; 集镇 alone a market town)
                    break
                if _OFFICE.search(m.group()) is not None:  # 苏州市委书记曹路宝: an office, then a name
                    break
                if m.group() in _GENERIC or (m.group()[-1] == "村" and _kind_of_village(m.group())):
                    break  # (冠县高速路口; 澳门威尼斯人度假村, 安徽省农村: a kind of road or village, no place)
                street = True
            if m.group().endswith(_RESIDENTIAL):
                sub = True
            p, parts = m.end(), parts + 1
            if m.group()[-1] in "镇乡村":  # (a village or group may follow: 淮镇刘庄, 何畈村杨湾组)
                town_end = p
            if m.group()[-1] == "街" and text.startswith("道", p) and not text.startswith("道路", p):
                p += 1  # 银州街道: a subdistrict (the street component stopped at 街)
            if m.group()[-1] == "邨":  # 天水圍天恩邨恩澤樓: a Hong Kong estate's named block
                block = _HK_BLOCK.match(text, p, min(n, p + 6))
                if block is not None:
                    p, parts = block.end(), parts + 1
                    last = "号"
                    continue
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
                q = (
                    p + 1 if words and text[p : p + 1] in " \u3000" else p
                )  # (3栋 2单元 402: one space between)
                n = _NUMBER_PART.match(text, q)
                if n is None and last.endswith(_ROOM_BEFORE):
                    n = _BARE_ROOM.match(text, q)
                elif n is None and last == "期":  # 5期32-1-602
                    n = _DASH_ROOM.match(text, q)
                if n is None:
                    break
                p, last = n.end(), _number_word(n.group())
                words.append(last)
            kinds = set(words)
            first = start
            single = (
                False  # one building of a named estate (万科城市花园12栋, 金地格林小城5期32栋): see below
            )
            bare = False  # one building right after a verb of sending or staying (送到12栋楼下, 住在3号楼，)
            if len(kinds) < 2 or not (kinds & _UNIT_WORDS or (kinds & _BLOCK_WORDS and kinds & _FLOOR_WORDS)):
                if (
                    not (kinds & _ONE_BUILDING and kinds <= _ONE_BUILDING_WITH)
                    or (
                        (
                            text[p : p + 1] in _NOT_AFTER_BUILDING
                            or text.startswith(_NOT_AFTER_BUILDING_WORDS, p)
                        )
                        and not text.startswith(_BUILDING_LOCATIVE, p)
                    )
                    or text[start - 1 : start] in _NOT_BEFORE_BUILDING  # (有2座, 第2单元: no name before it)
                    or text[start - 2 : start] in _VERB_TO  # (我住3栋。: no estate named)
                ):
                    if not (
                        kinds & _ONE_BUILDING
                        and kinds <= _ONE_BUILDING_WITH
                        and text[start - 2 : start] in _VERB_TO
                        and (
                            text.startswith(_BUILDING_LOCATIVE, p) or not _name_char(text[p : p + 1] or "，")
                        )
                    ):
                        continue
                    bare = True
                single = True
            if bare:
                out.append(Finding(self.ENTITY, start, p, 0.6))
                last_end = p
                continue
            if (
                start >= 4
                and text[start - 1] == "区"
                and (
                    "A" <= text[start - 2] <= "Z"
                    or (text[start - 2] in "东南西北" and text.endswith(_ESTATE_SUFFIXES, 0, start - 2))
                )
            ):
                start -= 2  # an estate's lettered area (天府软件园D区6栋) or its side's (紫金苑小区东区9栋)
            at = start
            if start >= 2 and text[start - 1] in " \u3000" and _name_char(text[start - 2]):
                start -= 1  # (新城小区 3栋 2单元 402: a space after the estate's name)
            for k in range(min(10, start), 1, -1):  # an estate or landmark name ending right here
                if _COMPONENT.fullmatch(text, start - k, start) is not None:
                    start -= k
                    break
            else:  # an estate named without a listed suffix (融创玖玺台, 龙湖春江郦城二期, 绿地香树花城3期)
                e = _ESTATE_LEFT.search(text, max(0, start - 14), start)
                if e is not None and _NOT_ESTATE.search(e.group()) is None:
                    start = e.start()
                else:
                    start = at
            verb = False
            for v in _LEFT_VERBS.finditer(text, start, first):  # (送至紫荆公寓2号楼806)
                start, verb = v.end(), True
            for v in _LEFT_PLACE.finditer(text, start, first):  # (楼下翠湖天地5栋: 楼下 names no estate)
                start = v.end()
            if single and not verb:  # (放丽水湾5号楼, 住在书香门第6号楼: the verb right before the name)
                b = start - 2 if text[start - 1 : start] in "在到至往" else start - 1
                verb = b >= 0 and text[b] in _VERB_BEFORE_ESTATE and text[b : b + 2] not in _NOT_VERB_WORDS
                named = (
                    first - start >= 4
                    and (verb or text.startswith(_RESIDENTS, p) or text.startswith(_BUILDING_LOCATIVE, p))
                    and not text.endswith(_NOT_ESTATE_END, start, first)
                )
            else:
                named = False
            li = (  # (寄到新华里6号楼: an estate named X里)
                verb
                and single
                and text[first - 1 : first] == "里"
                and first - start >= 3
                and text[first - 2] not in _NOT_BEFORE_LI
                and text[start:first] not in _FREQUENT
                and _TIME_WORD.search(text, start, first) is None
            )
            if (
                single
                and (
                    first - start < (3 if verb else 4)  # (住碧桂园18栋: a verb of staying, then a short name)
                    or not (li or named or _PHASE_END.sub("", text[start:first]).endswith(_ESTATE_SUFFIXES))
                    or (not li and _NOT_ESTATE.search(text, start, first) is not None)
                )
            ):
                continue
            out.append(Finding(self.ENTITY, start, p, 0.7))
            last_end = p
        return out

    def analyze(self, text: str) -> list[Finding]:
        if _HAS_CJK.search(text) is None:
            return []
        if "號" in text or "區" in text or "樓" in text or "縣" in text:
            # a traditional address has one of these (彰化縣員林市, 屏東縣恆春鎮: a Taiwan county's address holds
            # none of the first three; its 鎮 and 鄉 come after 縣); substring searches, a few hundredths of a regex
            # pass each
            text = simplified(text)
        k = text.find("号")  # (the pipeline hands this recognizer simplified text: 號 reads 号 here)
        if k == -1:
            found = self._find(text)
            return _dashed_estates(text, found) if "-" in text else found
        if text.find(" 号", k - 1 if k else 0) != -1:
            # 景平路 700 號 3 樓: the spaces Taiwan and Hong Kong text sets between Chinese and digits (pangu
            # spacing) read as absent; the spans are mapped back onto the text as written
            compact, where = _unspaced_numbers(text)
            if where is not None:
                return [
                    Finding(f.entity, where[f.start], where[f.end - 1] + 1, f.score)
                    for f in self._find_all(compact)
                ]
        return self._find_all(text)

    def _find_all(self, text: str) -> list[Finding]:
        """:meth:`analyze`'s findings in ``text`` (simplified, holding 号)."""
        found = self._find(text)
        if _latin_before_number(text, text.find("号")):
            found = _latin_roads(
                text, found
            )  # (Queen's Road Central 18號: a Hong Kong road in Latin letters)
        return _dashed_estates(text, found) if "-" in text else found

    def _find(self, text: str) -> list[Finding]:
        """:meth:`analyze`'s findings but the dashed rooms of ``_dashed_estates``."""
        scanned = _scan(text)
        if scanned is _NOTHING and "期" not in text and "座" not in text:
            # no address word, evidence or street, nor a phase or a block: what _analyze's first test
            # leaves, a road named alone or a junction (most short texts; one call less)
            return _crossings(text, _direction_roads(text, []), False) if _has_road_word(text) else []
        cues, ties = [], []
        for m in scanned.cues:
            back = _TIE_MATCHES.get(m.group())
            if back is not None:
                ties.append((m.start() - back, m.end()))
                continue
            if not (m.group()[0] == "家" and m.start() and text[m.start() - 1] in _NOT_HOME_BEFORE):
                cues.append(m.span())  # (not 国家在, 大家在)
                if m.group() in _HOME_CUES:  # (住在碧桂园, 家在南街村: also a tie)
                    ties.append(m.span())
        found = self._analyze(text, cues, scanned)
        if ties:
            found = _tied_places(text, found, ties, self.divisions)
        if scanned.shops:
            found = _shop_places(text, found, self.divisions, scanned.shops)
        if scanned.owners:
            found = _owned_estates(text, found)
        return _gate_places(text, found, scanned.gates) if scanned.gates else found

    def _analyze(self, text: str, cues: list[tuple[int, int]], scanned: _Scanned) -> list[Finding]:
        # Where a chain could become an address: a house number or a residential word. An
        # anchor with none within reach and no address word before it is not followed
        # (news text names many cities and few homes).
        # A division then a road, street, town or village (南昌市青山湖区北京东路, 浦东新区金桥镇): a
        # place down to a street, which counts with no house number and no address word.
        evidence = sorted(scanned.evidence + scanned.streets)
        if scanned.rooms:  # (海星阁18楼B室: the floor and flat are the block's evidence)
            evidence = sorted(evidence + [j for _, j in scanned.rooms])
        phased = (
            False  # 5期32-1-602: a phase, then building-unit-room (the one building chain with no evidence)
        )
        if not evidence and not cues:
            # (a lettered block and its room, 新城国际A座1205, is the other)
            phased = (
                _has_phase_dash(text)
                or ("座" in text and bool(_letter_blocks(text)))
                or (scanned.building_floors and _ROAD_BUILDING_FLOOR.search(text) is not None)
            )  # (or a road, a building and its floor: 彌敦道旺角中心12樓)
            if not phased:  # no address but a road named alone or a junction can come out
                return (
                    _crossings(text, _direction_roads(text, []), scanned.joins)
                    if scanned.joins or _has_road_word(text)
                    else []
                )
        anchors: list[tuple[int, int]] = []  # (start, end of the anchor)
        # Division names only where an anchor can be followed (a search over the whole of a
        # Chinese text is the slow part): ending at most EVIDENCE_REACH before an evidence, or
        # starting right after an address word (``CN_ADDRESS_CUES``: a cue, maybe one of
        # ：:为是 and a line break). A cue hidden by an overlapping one found first starts inside
        # it and ends at most two characters after it.
        for lo, hi in self._windows(evidence, cues, len(text)):
            self._division_anchors(text, lo, hi, anchors)
        for e in scanned.zones:  # a development zone or new area, then a road (高新区科技二路)
            _zone_anchor(text, e, anchors)
        words = []  # (start, end) of a road or estate word before its number
        for m in _ROAD_NUMBER.finditer(text) if scanned.road_numbers else ():
            if (
                m.group() == "道"
                and (
                    _ROAD_HOUSE_NUMBER.match(text, m.end() + (text[m.end() : m.end() + 1] in "中东西南北"))
                    is None
                    or (
                        text[m.start() - 1 : m.end()] in _NOT_HK_ROAD
                        and not _name_char(text[m.start() - 2 : m.start() - 1] or "，")
                    )
                )
            ):  # (干诺道中200号, 德辅道中12号; not 知道12号, 这个通道中3号: a kind of way with no name before it)
                continue  # 弥敦道132号 is a road; 通道29座 counts passages
            if m.group() == "里" and not _lane_li(text, m.start()):
                continue  # 桃源里12号, 光明里5号院: a lane; not 公里, 这里, 村里, 夜里
            if m.group() == "条" and not _hutong_tiao(text, m.start()):
                continue  # 东四十条甲22号, 北新桥三条12号: Beijing's numbered lanes; not 第三条, 这两条, 三条12号线
            words.append(m.span())
        words += scanned.rooms
        blocks = []
        for m in _ROAD_BUILDING_FLOOR.finditer(text) if scanned.building_floors else ():
            i = (
                m.start()
            )  # a road, then a building and its floor (彌敦道旺角中心12樓): the floor is its evidence
            words.append((i - 1 if text[i - 1 : i + 1] in ("大道", "大街") else i, i + 1))
            blocks.append(i + 1)
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
            left = _ROAD_LEFT_NAME_REV.match(text[max(0, ws - 6) : ws][::-1])
            if left is not None:
                start = ws - left.end()
                k = text.rfind(
                    "街道", max(0, ws - 9), ws
                )  # a subdistrict before the road (西乡街道宝源路88号)
                if k != -1 and (k >= start or ws - start == 6) and _ROAD_LEFT_NAME.fullmatch(text, k + 2, ws):
                    sub_name = _SUBDISTRICT_NAME.match(
                        text[max(0, k - 3) : k][::-1]
                    )  # (its name holds 乡, 镇)
                    start = k - (sub_name.end() if sub_name is not None else 0)
                for v in _LEFT_VERBS.finditer(text, start, ws):
                    start = v.end()
                anchors.append((start, we))
        cue_roads = []  # streets named right after an address word (家住南京路附近), taken where no chain is
        for cs, q in cues:
            home = text[cs:q] in _HOME_CUES  # (a Hong Kong road only after a home word: not 酒店位于主干道)
            if text[q : q + 1] in ("：", ":", "为", "是", "在", "了"):
                q += 1
            g = _CUE_AHEAD.search(text, q, q + 12)  # (one search: most address words have neither after them)
            if (
                g is not None and g.group()[-1] in "区园"
            ):  # 位于江宁经济开发区诚信大道: a development zone, then a road
                z = _ZONE.match(text, q, min(len(text), q + 12))
                m = (
                    _STREET_COMPONENT.match(text, z.end(), min(len(text), z.end() + 10))
                    if z is not None
                    else None
                )
                if m is not None and m.group().endswith(("路", "街", "大道", "大街")) and len(m.group()) >= 3:
                    cue_roads.append((q, m.end()))
                    continue
            elif (
                g is not None
                and g.start() >= q + 3
                and (text[q : q + 2] + "区" in self.divisions or text[q : q + 2] + "县" in self.divisions)
            ):
                m = _TOWN.match(text, q + 2, min(len(text), q + 8))  # 搬到余杭良渚镇: a district without 区
                if m is not None and m.group()[-2:] not in _NOT_STREET and m.group() not in _NOT_STREET_ALONE:
                    cue_roads.append((q, m.end()))
                    continue
            m = _STREET_COMPONENT.match(text, q, min(len(text), q + 12))
            if m is None:
                hk = _HK_ROAD.match(
                    text, q, min(len(text), q + 12)
                )  # (住在九龍旺角彌敦道, 住址：澳門提督馬路)
                if home and hk is not None and _hk_road(hk.group()) and _AFTER_CUE_ROAD.match(text, hk.end()):
                    cue_roads.append((q, hk.end()))
                continue
            end = m.end()
            if text[end - 1] in "街路巷" and text[end : end + 1] in ("村", "屯"):
                end += 1  # (家在南街村: a village named after a street)
            name = text[q:end]
            if (
                len(name) >= 3  # (住在大街边: no name)
                and name.endswith(_CUE_ROAD_SUFFIXES)
                and name[-2:] not in _NOT_STREET
                and name[-2:] not in _NOT_CUE_ROAD
                and "一带" not in name
                and _OFFICE.search(name) is None
                and not (name[-1] in "村镇乡屯" and _is_generic(name[:-1], name[-1]))  # (城中村, 度假村)
            ):
                end += text[end - 1 : end + 1] == "街道"  # (长安街道: a subdistrict)
                cue_roads.append((q, end))
        anchors.sort(key=lambda a: (a[0], -a[1]))
        found: list[Finding] = []
        last_end = 0
        for start, a_end in anchors:
            if start < last_end:
                continue
            if a_end - start == 2 and text[start] in "东南西北" and text.endswith(_ESTATE_SUFFIXES, 0, start):
                continue  # (紫金苑小区东区9栋: an estate's side, not the district 东区: the building rule reads it)
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
            divisions = self.divisions
            for _ in range(3):  # a listed area right before the anchor (香港 before 九龙尖沙咀广东道)
                if (
                    text[start - 2 : start] in divisions and start >= 2
                ):  # (a loop, no generator: most have none)
                    k = 2
                elif text[start - 3 : start] in divisions and start >= 3:
                    k = 3
                elif text[start - 4 : start] in divisions and start >= 4:
                    k = 4
                else:
                    break
                if start - k < last_end:
                    break
                start -= k
            found.append(Finding(self.ENTITY, start, end, score))
            last_end = end
        if cue_roads:
            found = self._cue_roads(text, found, cue_roads)
        if scanned.joins or _has_road_word(
            text
        ):  # a road named with its direction or before a word of nearness, alone
            found = _direction_roads(text, found)
            found = _crossings(text, found, scanned.joins)
        if (
            scanned.towns
        ):  # (沙河镇南街村: a village after its town; before the villages alone: 大王庄乡后寨村)
            extra = _town_villages(text, scanned.towns)
            if extra:
                found = _add_alone(found, extra)
        places = [
            e
            for e in scanned.villages
            if text[e - 1] in _VILLAGE_WORDS or _GROUP_AFTER.match(text, e + 1) is not None
        ]  # (李家村7组: any village before its group; each 村 is an evidence, read by the scan)
        if places:
            found = self._villages(text, found, places)
        # every building chain holds an evidence (3栋, 2单元, 501室) or a floor in 楼 (5楼501)
        if (evidence or phased or "楼" in text) and (
            scanned.buildings or ("座" in text and bool(_letter_blocks(text)))
        ):
            found += self._buildings(text, found)
            found.sort(key=lambda f: f.start)
        homes = [e for e in evidence if text.startswith(_ESTATE_WORDS, e)]
        if homes:  # (every estate word is an evidence)
            found = _estates(text, found, homes)
            xiaoqu = [e for e in homes if text.startswith("小区", e)]
            if xiaoqu:  # (我们小区是保利香槟国际, 房子在碧水云天，小区绿化很好)
                found = _clause_estates(text, found, xiaoqu)
        if scanned.named:  # (小区叫金色阳光)
            found = _named_estates(text, found)
        return _joined(text, found) if len(found) > 1 else found


#: An estate named right before its owners or management (中建锦绣天地的业主们, 中海国际社区物业): words its name ends
#: in that ``_estates`` does not read (its estate words: 小区, 花园...).
_OWNED_END = (
    "城", "国际", "天地", "府", "湾", "庭", "邸", "阁", "轩", "郡", "山庄", "公馆", "社区", "华庭", "名都", "名苑",
    "御园", "公园", "半岛", "一号", "壹号", "首府", "豪庭", "雅苑", "绿洲", "水岸", "江南", "天著", "时代",
)  # fmt: skip
#: A name ending so that is a company, an office or a kind (万科物业, 国际社区, 大学城, 县城).
_OWNED_NOT = ("集团", "公司", "地产", "置业", "大学城", "县城", "省城", "京城", "全城", "满城", "卫星城", "科技城")  # fmt: skip


def _owned_estates(text: str, found: list[Finding]) -> list[Finding]:
    """``found`` (sorted, disjoint) with each estate named right before its owners or management (0.6: 中建锦绣天地
    的业主们, 中海国际社区物业又涨价了): four to eight name characters (after a verb or a place word) ending in an
    estate's word that ``_estates`` does not read (``_OWNED_END``), maybe 的, then 业主 or 物业. Not a developer's
    or a management company (万科物业, 碧桂园的业主: a brand alone), not a kind (国际社区的业主, 大学城物业)."""
    extra = []
    k = text.find("业")
    while k != -1:
        i = k if text[k + 1 : k + 2] == "主" else k - 1 if text[k - 1 : k] == "物" else -1
        k = text.find("业", k + 1)
        if i >= 0:
            e = i - 1 if text[i - 1 : i] == "的" else i
            part = _OWNED_PART.search(text, max(0, e - 8), e)  # (万科城二期的业主, 金色港湾3栋业主)
            if part is not None:
                e = part.start()
            j = e
            while j > 0 and e - j < 9 and _name_char(text[j - 1]):
                j -= 1
            for v in _LEFT_VERBS.finditer(text, j, e):  # (住中海国际社区)
                j = v.end()
            for v in _LEFT_PLACE.finditer(text, j, e):
                j = v.end()
            for v in _OWNED_LEFT.finditer(text, j, e):
                j = v.end()
            name = text[j:e]
            brand = next(
                (k for k in (3, 2) if name[:k] in _BRANDS), 0
            )  # (绿地新都会, 万科城: a brand's estate)
            if (
                (4 <= len(name) <= 8 or (3 <= len(name) and (brand or part is not None)))
                and (
                    name.endswith(_OWNED_END)
                    or (brand and len(name) > brand and not name.startswith(_COMPANY_AFTER, brand))
                )
                and not name.endswith(_OWNED_NOT)
                and name not in _GENERIC  # (国际社区, 智慧社区: kinds)
                and name not in _BRANDS
                and not any(w in name for w in _RESIDENT_WORDS)
                and name not in _FREQUENT
            ):
                extra.append(
                    Finding(ChineseAddressRecognizer.ENTITY, j, e if part is None else part.end(), 0.6)
                )
    if not extra:
        return found
    extra.sort(key=lambda f: f.start)
    return _add_alone(found, extra)


#: An estate's phase, area or building between its name and its owners (万科城二期的业主, 金色港湾3栋业主, 龙湖
#:春江郦城B区物业): one to three of them, read in the eight characters before 的业主/业主/物业.
_OWNED_PART = regex.compile(
    "(?:[0-9０-９一二三四五六七八九十]{1,2}+期|[A-ZＡ-Ｚ东西南北]区|[0-9０-９]{1,3}+(?:栋|幢|号楼|座)){1,3}+$"
)
#: Words before an estate's name that are no part of it (投诉中建锦绣天地的业主, 反映...).
_OWNED_LEFT = regex.compile("投诉|反映|举报|告诉|通知|提醒|询问|请|让|叫|给|帮")


#: An estate or a village named by the words that say its name (我们小区叫金色阳光, 住的小区名叫华景新城, 我们村叫石桥村):
#: its word (小区, 村, 社区), maybe 名/名字, then 叫 and maybe 做; someone's before it (我们, 住的, 那个).
_NAMED_BY = (
    "小区名字叫",
    "小区名叫",
    "小区叫",
    "村名叫",
    "村子叫",
    "村叫",
    "社区叫",
)  # (not 楼盘叫: one for sale)
_NAMED_WHOSE = frozenset("我们住的那个这家")
#: Names that are no place (小区叫外卖, 小区叫什么).
_NAMED_NOT = ("外卖", "快递", "什么", "啥", "车", "人", "物业", "保安", "师傅")


def _named_estates(text: str, found: list[Finding]) -> list[Finding]:
    """``found`` (sorted, disjoint) with each estate or village named after the words that say its name (0.6:
    小区叫金色阳光，我住7栋; 住凯德广场对面那个小区，叫华景新城): two to ten name characters, letters or digits
    after 叫 (or 叫做) up to the clause's end, with someone's (我们, 住的, 那个) right before the estate's word."""
    extra = []
    i = text.find("叫")
    while i != -1:
        k = i - 1 if text[i - 1 : i] == "，" else i  # (那个小区，叫华景新城)
        word = next((w for w in _NAMED_BY if text.endswith(w[:-1], 0, k)), None)
        if word is not None and (
            k == len(word) - 1 or not _name_char(text[k - len(word)]) or text[k - len(word)] in _NAMED_WHOSE
        ):
            q = i + 2 if text[i + 1 : i + 2] == "做" else i + 1
            if text[q : q + 1] in "“「\"'":
                q += 1
            j = q
            while (
                j < len(text)
                and j - q < 10
                and (_name_char(text[j]) or (text[j].isascii() and text[j].isalnum()))
            ):
                j += 1
            nxt = text[j : j + 1]
            if 2 <= j - q <= 10 and not _name_char(nxt or "，") and not text.startswith(_NAMED_NOT, q):
                extra.append(Finding(ChineseAddressRecognizer.ENTITY, q, j, 0.6))
        i = text.find("叫", i + 1)
    return _add_alone(found, extra) if extra else found


#: A development zone, an industrial park or a new area before a road named after an address word (位于江宁经济开发区
#: 诚信大道, 地址在第三工业园区兴业路8号): up to six name characters and the zone's word.
_ZONE = regex.compile(
    f"{_NAME_LOOSE}{{1,6}}?(?:经济技术开发区|经济开发区|技术开发区|开发区|高新区|工业园区|工业园|产业园|园区|新区|保税区)"
)
#: A town or subdistrict after a district named without its 区 or 县 (余杭良渚镇, 宝安沙井街道).
#: After an address word, what the zone and town rules look for (``_analyze``): a zone's word, or a town's.
_CUE_AHEAD = re.compile("(?:开发|高新|经开|保税|新|园)区|工业园|产业园|镇|乡|街道")
_TOWN = regex.compile(f"{_NAME_LOOSE}{{1,3}}?(?:街道|镇|乡)")
#: A village's name after its town (沙河镇南街村): two or three name characters, no division word.
_TOWN_VILLAGE_NAME = regex.compile(f"(?:(?![{_LOOSE_STOP}区县市省镇乡村])[{_CJK}]){{2,3}}")


#: Development zones, industrial parks and new areas (not divisions of GB/T 2260) that name the place of a road
#: after them the way a district does (江宁经济开发区诚信大道, 高新区科技二路, 滨湖新区紫云路): their word's
#: characters before 区, and the words, longest first.
_ZONE_BEFORE_QU = frozenset("发新园税开")
_ZONE_WORDS = (
    "经济技术开发区",
    "经济开发区",
    "技术开发区",
    "开发区",
    "高新区",
    "经开区",
    "工业园区",
    "园区",
    "新区",
    "保税区",
)


def _zone_anchor(text: str, e: int, anchors: list[tuple[int, int]]) -> None:
    """Append (start, ``e``) of the development zone or new area ending at ``e`` (its 区): its word, and one to
    six name characters before it (江宁经济开发区, 苏州工业园区, 滨湖新区; 高新区 and 经开区 may stand alone)."""
    for w in _ZONE_WORDS:
        if text.endswith(w, 0, e):
            s = e - len(w)
            left = _LEFT_NAME.match(text[max(0, s - 6) : s][::-1])
            if left is not None:
                start = s - left.end()
                for v in _LEFT_VERBS.finditer(text, start, s):  # (家住滨湖新区)
                    start = v.end()
                anchors.append((start, e))
            elif w in ("高新区", "经开区"):
                anchors.append((s, e))
            return


def _town_villages(text: str, towns: list[int]) -> list[Finding]:
    """Villages named after their town or township (0.6: 事发沙河镇南街村, 小河镇新华村民委员会第6村民小组): a town of
    two or three name characters (not a kind of town: 乡镇, 古镇, 小镇), then two or three name characters and 村
    (not a kind of village: 度假村, 渔村), then its committee, group or house. ``towns``: where such a 村 is."""
    out: list[Finding] = []
    for e in towns:
        k = e - 3 if text[e - 3] in "镇乡" else e - 4
        if text[k] not in "镇乡" or _TOWN_VILLAGE_NAME.fullmatch(text, k + 1, e) is None:
            continue
        left = _LEFT_NAME.match(text[max(0, k - 6) : k][::-1])
        if left is None or left.end() < 2:
            continue
        start = k - (left.end() if left.end() <= 3 else 2)
        town = text[start : k + 1]
        if (
            town[-2:] in _NOT_STREET
            or town[-2:] in _NOT_STREET_ALONE
            or _OFFICE.search(town) is not None
            or _kind_of_village(text[k + 1 : e + 1])
            or (out and out[-1].end > start)
        ):
            continue
        end = e + 1
        for _ in range(3):  # its committee, group or house (村委会, 第6村民小组, 5组, 18号)
            part = _NUMBER_PART.match(text, end)
            if part is None:
                break
            end = part.end()
        out.append(Finding(ChineseAddressRecognizer.ENTITY, start, end, 0.6))
    return out


#: Estate words of an estate named alone (``_estates``); 社区 and 公寓 name kinds too often (国际社区, 人才公寓).
_ESTATE_WORDS = ("小区", "花园", "家园", "新村", "苑", "邨")
#: An estate's name: two to four name characters, no function word, no division or village word.
_ESTATE_NAME = regex.compile(f"(?:(?![{CN_ADDR_STOP}区县市省镇乡村])[{_CJK}]){{1,4}}+")
#: Before an estate named alone: a verb of staying, sending, moving or selling, a preposition of place, or
#: 我们/我家 (住阳光小区, 放幸福小区东门, 在嘉里花园, 到春晓花园, 出售锦江小区, 投诉天源小区, 我们天鹅湖小区).
_BEFORE_ESTATE = frozenset("住放寄送搬找在到至往售租诉们家回进了喺")
#: After it: its residents, its management, its gates or a building (金地花园的业主, 天源小区物业, 幸福小区东门).
_RESIDENT_WORDS = ("居民", "业主", "住户", "村民", "租户")
#: Its residents after a building (书香苑6号楼的业主): they name the estate before it though it ends in no estate word.
_RESIDENTS = _RESIDENT_WORDS + tuple("的" + w for w in _RESIDENT_WORDS)
_ESTATE_TIES = (
    "业主", "住户", "居民", "物业", "的业主", "的住户", "的居民", "的物业", "门口", "门卫", "楼下", "停水", "停电",
    "东门", "南门", "西门", "北门", "正门", "大门", "有人", "里有", "内有", "整租", "出租", "出售", "急售", "合租", "转租",
)  # fmt: skip


#: After an estate, its building, unit and room written with dashes (锦绣花园3-2-501, 幸福小区12-1-302).
_ESTATE_DASH = regex.compile("[0-9]{1,3}+-[0-9]{1,2}+-[0-9]{3,4}+(?![0-9-])")
#: After 在 and an estate, what someone does there (在锦绣花园等你, 在阳光小区租房, 在翠湖花园上班).
_DOING_AT_ESTATE = (
    "等", "租", "买", "住", "接", "见面", "集合", "碰头", "上班", "工作", "开店", "开了", "摆摊", "看房", "卖",
)  # fmt: skip


#: Between two estates named together (住世纪花园还是新世纪花园, 阳光小区和幸福小区的居民): the second is tied as the first.
_ESTATE_CONJ = ("还是", "或者", "以及", "和", "或", "与", "及", "跟", "、")
#: After an estate, a second one joined to it and their residents (阳光小区和幸福小区的居民, 金桥新村、丽景花园业主).
_NEXT_ESTATE = regex.compile(
    f"[和与及、跟](?:(?![{CN_ADDR_STOP}区县市省镇乡村])[{_CJK}]){{2,4}}?(?:小区|花园|家园|新村|苑)的?(?:居民|业主|住户)"
)
#: After an estate and 是, the words that call it a housing estate in the same clause (康乐新村是上世纪八十年代建成的老小区).
_IS_ESTATE = regex.compile(
    "是[^。！？；，,!?;\n]{0,20}?(?<!这个|那个|本|个)(?:小区|楼盘|住宅区|居民区)(?=$|[。，！？；,.!?;\\s]|之一)"
)  # (not 中心花园是小区里..., 玫瑰花园是这个小区的特色: a garden inside the estate)


def _clause_estates(text: str, found: list[Finding], homes: list[int]) -> list[Finding]:
    """``found`` (sorted, disjoint) with each estate named by the clause around a 小区 (``homes``: where 小区 is): the name
    after 我们小区是 (0.6: 我们小区是保利香槟国际，: ending in an estate's word or beginning with a developer's brand), or
    the place of a home named by the clause before ，小区 (房子在碧水云天，小区绿化很好; 他们家在锦绣江南，小区环境不错: three
    to eight name characters after 家在, 住在, 房子在...). Not a division (我家在上海，小区...), a common word, a kind of
    place (老小区, 市中心) nor a place by something (三环外)."""
    extra: list[Finding] = []
    n = len(text)
    divisions = chinese().divisions
    for e in homes:
        if text.startswith("是", e + 2) and (
            e == 0 or text[e - 1] in _NAMED_WHOSE or not _name_char(text[e - 1])
        ):
            q = e + 3
            j = q
            while j < n and j - q < 10 and (_name_char(text[j]) or (text[j].isascii() and text[j].isalnum())):
                j += 1
            name = text[q:j]
            if (
                3 <= len(name) <= 10
                and (j == n or not _name_char(text[j]))
                and (
                    name.endswith(_OWNED_END + _ESTATE_SUFFIXES + _CUE_ESTATE_END)
                    or any(  # (保利香槟国际; not 万科开发的, 碧桂园 alone: the developer)
                        name[:k] in _BRANDS and len(name) > k and not name.startswith(_COMPANY_AFTER, k)
                        for k in (2, 3)
                    )
                )
                and "小区" not in name
                and not name.endswith(_OWNED_NOT + _NOT_CUE_YUAN[:-2])
                and name[-2:] not in _NOT_CUE_JU
                and not _is_generic(name[:-1], name[-1])
                and name not in _FREQUENT
            ):
                extra.append(Finding(ChineseAddressRecognizer.ENTITY, q, j, 0.6))
            continue
        if e < 4 or text[e - 1] not in "，,":
            continue
        k = e - 1
        j = k
        while j > 0 and k - j < 8 and _name_char(text[j - 1]):
            j -= 1
        cue = _CLAUSE_HOME_CUE.search(text, max(0, j - 4), j)
        if cue is None:
            continue
        name = text[j:k]
        if (
            3 <= len(name) <= 8
            and name not in divisions
            and name[:-1] not in divisions
            and name not in _FREQUENT
            and name not in chinese().common_words
            and name[-1] not in "省市区县镇乡外里内边旁前后上下"
            and not name.endswith(_LOCATIVE_AFTER + _NEAR_WORDS)
            and not _is_generic(name[:-1], name[-1])
            and _TIME_WORD.search(name) is None
            and _OFFICE.search(name) is None
        ):
            extra.append(Finding(ChineseAddressRecognizer.ENTITY, j, k, 0.6))
    return _add_alone(found, extra) if extra else found


#: Before a home's place named in the clause before ，小区 (房子在碧水云天，小区...).
_CLAUSE_HOME_CUE = regex.compile("(?:住在|家住|家在|家就在|房子在|房子买在|我住|他住|她住|搬到了?|住的是)$")


def _estates(text: str, found: list[Finding], homes: list[int]) -> list[Finding]:
    """``found`` (sorted, disjoint) with each housing estate named alone (0.6) that no finding overlaps, where
    the text ties it to a home: a verb of staying, sending, moving or selling or a preposition of place right
    before its name and no name character after it (我家住在阳光小区, 快递放幸福小区东门, 我在嘉里花园), or its
    residents, management or gates after it (金地花园的业主, 南苑小区有人遛狗). ``homes``: where an estate word
    starts. Not a kind or a figure of speech (精神家园, 屋顶花园, 高档小区: data/address_zh_generic.txt), not a
    name of one character (新小区), not a shop or hotel named after an estate (世纪花园酒店)."""
    out: list[Finding] = []
    j = 0
    n = len(text)
    for e in homes:
        word = next(w for w in _ESTATE_WORDS if text.startswith(w, e))
        end = e + len(word)
        if text.startswith(("小区", "花园", "家园"), end):  # (阳光花园小区: the longer word is read next)
            continue
        left = _ESTATE_NAME.match(text[max(0, e - 4) : e][::-1])
        if left is None or left.end() < 2:
            continue
        start = e - left.end()
        for v in _LEFT_VERBS.finditer(text, start, e):  # (住幸福小区, 送至紫荆公寓)
            start = v.end()
        for v in _LEFT_PLACE.finditer(text, start, e):  # (出售锦江小区, 楼下翠湖天地)
            start = v.end()
        name = text[start:e]
        if (
            len(name) < 2
            or any(w in name for w in _RESIDENT_WORDS)  # (朝阳新村的居民反映小区停水: a clause, no name)
            or _is_generic(name, word)
            or _TIME_WORD.search(name) is not None
            or name[-1] in ("边旁内外前后" if word == "邨" else "下上边旁内外前后")
        ):  # (在门前花园里, 屋后花园: a place by a house, no estate; Hong Kong's 牛頭角下邨 and 上邨 are estates)
            continue
        parts, word_end = 0, end
        block = _HK_BLOCK.match(text, end, min(n, end + 6)) if word == "邨" else None
        if block is not None:  # (彩虹邨金華樓10樓: a Hong Kong estate's block, which ties it)
            end, parts = block.end(), 1
        elif end + 1 < n and text[end] in "东南西北中" and text[end + 1] == "区":
            end, parts = end + 2, 1  # its area (新城花园北区居民, 望京花园东区一居室)
        phased = False
        for _ in range(3):  # its phase, building or unit (康华苑2单元, 绿地花园二期门口)
            part = _NUMBER_PART.match(text, end)
            if part is None:
                break
            end, parts = part.end(), parts + 1
            phased = phased or part.group().endswith("期")
        dash = _ESTATE_DASH.match(text, end)  # (锦绣花园3-2-501: building, unit, room)
        if dash is not None:
            end, parts = dash.end(), parts + 1
        tied = (
            phased  # (阳光小区三期, 保利花园二期: a phase names a housing development)
            or block is not None
            or dash is not None
            or text.startswith(_RESIDENT_AFTER, word_end)
            or text.startswith(_RESIDENT_AFTER, end)
        )
        if not tied and text.startswith("是", end):  # (康乐新村是上世纪八十年代建成的老小区)
            tied = _IS_ESTATE.match(text, end, min(n, end + 24)) is not None
        elif not tied and text[end : end + 1] in "和与及、跟":  # (阳光小区和幸福小区的居民: both are tied)
            tied = _NEXT_ESTATE.match(text, end, min(n, end + 12)) is not None
        if (
            not tied
            and start > 0
            and (
                text[start - 1] in _BEFORE_ESTATE
                or CN_ADDRESS_CUES.search(text, max(0, start - 8), start) is not None
                or (
                    out
                    and any(
                        out[-1].end == start - len(c) and text.endswith(c, 0, start) for c in _ESTATE_CONJ
                    )
                )
            )
        ):  # (住址：锦绣花园; 你住世纪花园还是新世纪花园？: the second of two estates joined)
            nxt = text[end : end + 1]
            tied = (
                end == n
                or not "\u3400" <= nxt <= "\u9fff"
                or nxt in CN_ADDR_STOP
                or nxt in "里内旁附门楼一"
                or text.startswith(_LOCATIVE_AFTER, end)
                or (text[start - 1] == "在" and text.startswith(_DOING_AT_ESTATE, end))  # (在锦绣花园等你)
                or parts > 0
            )
        if not tied:
            continue
        while j < len(found) and found[j].end <= start:  # (one forward walk: homes and found are sorted)
            out.append(found[j])
            j += 1
        if (j < len(found) and found[j].start < end) or (out and out[-1].end > start):
            continue
        out.append(Finding(ChineseAddressRecognizer.ENTITY, start, end, 0.6))
    return out + found[j:]


#: What may follow it: no name character (路易, 路军, 路线, 路过), but a locative, a conjunction, 步行街, 沿线.
_AFTER_DIRECTION_ROAD = regex.compile(
    "$|[^\u3400-\u9fff]|[附旁上边口段和与及、的对以内外两步沿周辅等一二三四五六七八九十]"
)
#: Kinds of street, not names (商业街附近, 步行街一带).
_KIND_OF_STREET = frozenset(
    "商业街 步行街 美食街 小吃街 酒吧街 风情街 文化街 特色街 购物街 一条街 商业路".split()
)
_NEAR_WORDS = ("附近", "一带", "旁边", "两侧", "周边")  # (not 沿线: 人民路沿线要修地铁 names a route)
_ROAD_LEFT_VERB = regex.compile("[离逛看见受够靠走过沿经近临朝向往去来到从在住搬找]")
_NOT_ROAD_NAME = regex.compile("[往向朝去从沿]|[东西南北中]$")  # (往北路上, 东北路边)


def _has_road_word(text: str) -> bool:
    return "路" in text or "街" in text or "大道" in text


def _alone_road_words(text: str) -> list[tuple[int, int, bool]]:
    """(end of the name, end, plain) of each road word after a direction (解放西路: the name ends before 西) or
    before a word of nearness (中山路附近), and (plain) of each other road word followed by no name character
    or by a word of place (建设路上, 康乐路那边, 五四路和湖东路: ``_plain_road``): each 路, 街 and 大道 found with
    str.find (a regex pass over every Chinese text with a direction character cost more than the rest of its
    address search)."""
    out = []
    n = len(text)
    for word in ("路", "街", "大道"):
        i = text.find(word)
        while i != -1:
            w0 = i - 1 if word == "街" and i >= 1 and text[i - 1] == "大" else i  # (东大街)
            e = i + len(word)
            if (
                w0 == i - 1
                and w0 >= 1
                and text[w0 - 1] in "东西南北"
                and not _name_char(text[w0 - 2 : w0 - 1] or "，")
            ):
                w0 = i  # (县城的东大街上, 在北大街开店: the direction begins the name 东大)
            if w0 >= 1 and text[w0 - 1] in "东西南北":
                out.append((w0 - 1, e, False))
            elif text.startswith(_NEAR_WORDS, e):
                out.append((w0, e, False))
            elif word == "街" and text.startswith(_NEAR_WORDS, e + 1) and text[e] == "道":
                out.append((w0, e + 1, False))  # (望京街道附近: a subdistrict, then a word of nearness)
            else:
                if text[e : e + 1] in _SECTION_NUMERALS and text[e + 1 : e + 2] == "段":
                    e += 2  # (红星路二段: a section of the road, Chengdu's 人民南路三段)
                if (
                    w0 >= 2
                    and (
                        e == n
                        or text[e] in _AFTER_PLAIN_ROAD
                        or not ("\u3400" <= text[e] <= "\u9fff" or text[e] in _DIGITS)
                    )
                    and text[w0 - 1 : i + len(word)] not in _PLAIN_SKIP
                    and (text[e : e + 2] in _PLACE_AFTER_ROAD or _plain_left(text, w0))
                ):
                    out.append((w0, e, True))
            i = text.find(word, e)
    out.sort()
    return out


#: What may follow a road named alone with no direction (``_plain_road``): a word of place or a second road.
_AFTER_PLAIN_ROAD = frozenset("上边旁口那这拐和与及、的往以之交等开摆住去来回逛跑散走买吃租卖做找玩有")
#: After it, words of place that make a road named alone a place whatever comes before it.
_PLACE_AFTER_ROAD = frozenset("那边 这边 那家 这家 那儿 这儿 那里 这里 边上 一带 有家 有个".split())
#: Before it: a preposition of place or a verb of staying or going (在建设路开店, 住白云路, 到中山路); not a
#: route (沿着解放路往北走, 经过光明路, 从五一路拐: directions, no one's whereabouts).
_BEFORE_PLAIN_ROAD = frozenset("在到去住往于至了")
#: A road's section (红星路二段, 人民南路三段): a numeral, then 段.
_SECTION_NUMERALS = frozenset("一二三四五六七八九十")
#: In the clause before a road named alone after 的 (我家在五角场附近的国权路，, 搬到了城东的新开路上): a word of
#: staying, moving or keeping a shop; or after it, a shop opened there (春熙路附近的红星路二段开了一家花店).
_CLAUSE_HOME = re.compile("住在|家住|家在|住的|我家|搬到|搬去|搬进|搬来|开在|店在|店开|租住|租在|居住|住进")
_SHOP_AFTER_ROAD = ("开了", "开的", "开店", "开个", "开一家", "开家")
_CLAUSE_ENDS = "，。！？；,.!?;\n"
#: Road words read as no name at once (道路, 铁路, 马路, 一路): skipped before any look at their left.
_PLAIN_SKIP = (_NOT_STREET | _NOT_STREET_ALONE | _NOT_CUE_ROAD) - {"一路"}  # (五一路)


def _generic_words() -> frozenset[str]:
    """Words that end like a named road or estate but name none (data/address_zh_generic.txt)."""
    path = Path(__file__).parent / "data" / "address_zh_generic.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


_GENERIC = _generic_words()


def _is_generic(name: str, word: str, after: str = "") -> bool:
    """``name + word`` (or a shorter end of it) is a kind of road or estate, or a figure of speech."""
    return any(name[k:] + word in _GENERIC or name[k:] + word + after in _GENERIC for k in range(len(name)))


def _kind_of_village(name: str) -> bool:
    """``name`` (ending in 村) is a kind of village or a phrase (度假村, 安徽农村, 小康示范村), not a village's name;
    a name before 山村 or 渔村 is one (烂石山村, 南山村)."""
    if any(name[k:] in _GENERIC for k in range(len(name) - 2)):
        return True
    return name[-2:] in _GENERIC and not (len(name) > 2 and name[-2:] in ("山村", "渔村"))


def _plain_road(text: str, start: int, s: int, e: int) -> bool:
    """A road named alone with no direction and no word of nearness (``text[start:e]``, its name
    ``text[start:s]``) is a place when a verb or preposition of place comes before it (``_BEFORE_PLAIN_ROAD``)
    and no name character, a word of place or a verb of doing there after it (在建设路开了一家店, 我家在白云路，:
    ``_AFTER_PLAIN_ROAD``); when 那边/这家/边上... follows it (三里屯路那家咖啡馆); or when it opens a sentence or
    a line and 的/边/和/与/口 follows (长青路的下水道; not 上: 人民路上早高峰堵车 is traffic on it). Not a kind of road or a road of a
    life (在人生路上, 高速路, 死胡同: data/address_zh_generic.txt), not 条/段/些 (那条路, 那些路边店)."""
    name = text[start:s]
    if any(c in name for c in "条段些种样個个点步") or _is_generic(name, text[s:e], text[e : e + 1]):
        return False
    before = text[start - 1 : start] if start else ""
    after = text[e : e + 2]
    if before in _BEFORE_PLAIN_ROAD or after in _PLACE_AFTER_ROAD:  # (知道三里屯路那家咖啡馆)
        return True
    if before == "的":  # (我家住在老西门附近的蓬莱路，: the clause places a home or a shop on it)
        return _home_clause(text, start, e)
    if before == "" or not "\u3400" <= before <= "\u9fff":  # a sentence's or a line's start
        return after.startswith(("的", "边", "和", "与", "、", "口"))
    return False


_DIGITS = frozenset("0123456789０１２３４５６７８９")  # (a road before its number: the chain's)


def _home_clause(text: str, start: int, e: int) -> bool:
    """A road named alone at ``text[start:e]`` after 的 places a home or a shop: a word of staying, moving or
    keeping a shop (``_CLAUSE_HOME``) up to 24 characters before it in its clause, or a shop opened right after
    it. A route or a sight in the same place is none (沿着城东的解放路往北走, 记者来到城东的解放路)."""
    if text.startswith(_SHOP_AFTER_ROAD, e):
        return True
    lo = max(0, start - 25)
    for k in range(start - 2, lo - 1, -1):  # (back to the clause's start)
        if text[k] in _CLAUSE_ENDS:
            lo = k + 1
            break
    return _CLAUSE_HOME.search(text, lo, start - 1) is not None


def _plain_left(text: str, w0: int) -> bool:
    """A cheap look before ``_plain_road``: a verb or preposition of place, or a sentence's start, three or
    four characters before the road word at ``w0`` (before a name of two or three characters)."""
    for k in (w0 - 3, w0 - 4):
        if k < 0 or text[k] in _BEFORE_PLAIN_ROAD or text[k] == "的" or not "\u3400" <= text[k] <= "\u9fff":
            return True
    return False


def _direction_roads(text: str, found: list[Finding]) -> list[Finding]:
    """``found`` (sorted, disjoint) with each road named alone (0.6) that no finding overlaps: a road named
    with its direction (解放西路, 和平里北街), or a road before a word of nearness (中山路附近, 淮海路一带);
    two name characters before the direction or road word, or three right after a function word (在和平里北街)."""
    extra: list[Finding] = []
    j = 0
    for s, e, plain in _alone_road_words(text):
        left = _LEFT_NAME.match(text[max(0, s - 6) : s][::-1])
        if left is None or left.end() < 2:
            continue
        start = s - (left.end() if left.end() <= 3 else 2)
        for v in _ROAD_LEFT_VERB.finditer(text, start, s):  # 离南京东路, 逛西街: a verb, then the road
            start = v.end()
        if (
            not plain
            and _AFTER_DIRECTION_ROAD.match(text, e) is None
            and text[e : e + 2] not in _PLACE_AFTER_ROAD  # (老城区，中山东路那边)
            and not (text[e : e + 1] in _AFTER_PLAIN_ROAD and text[start - 1 : start] in _BEFORE_PLAIN_ROAD)
        ):  # (在人民南路开了家茶馆: a preposition of place before it, a verb of doing after it)
            continue
        if s - start < 2 or _NOT_ROAD_NAME.search(text, start, s) is not None:
            continue
        name = text[start:e]
        if plain and not _plain_road(text, start, s, e):
            continue
        if text.endswith(_LOCATIVE_AFTER + ("里面", "外面", "上面", "下面"), start, s):
            continue  # (走到前面路口, 对面路边: a place by the way, no road's name)
        if (
            name[-2:] in _NOT_STREET
            or name[-2:] in _NOT_CUE_ROAD
            or (name[-2:] in _NOT_STREET_ALONE and not (plain and name[-2:] == "一路" and name[-3] in _NUM))
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
    f"(?:大道|大街|路|街|道|(?<=[一二三四五六七八九十])环)[与和跟]({_NAME_LOOSE}{{1,8}}?)(?:大道|大街|路|街|道|环|高速)"
    "(?:交叉口|交汇处|交汇口|交界处|交界|交口|十字路口|路口|之间|(?<=路)口)"
)  # (大学路跟黄河路十字路口, 北四环与京藏高速交汇处: a ring road and an expressway meet as roads do)
#: Two roads written one after the other before their junction, as Shanghai writes a corner (南京东路西藏中路路口,
#: 淮海中路茂名南路交叉口): the second road's name of two to eight name characters, then the junction's word.
_CORNER = regex.compile(
    f"(?:大道|大街|路|街)((?:(?!路口){_NAME_LOOSE}){{2,8}}?)(?:大道|大街|路|街)(?:交叉口|十字路口|路口|交汇处)"
)
_CROSSING_JOINS = (
    "路与",
    "街与",
    "道与",
    "环与",
    "路和",
    "街和",
    "道和",
    "环和",
    "路跟",
    "街跟",
    "道跟",
    "环跟",
)
#: Any of ``_CROSSING_JOINS`` in one pass (twelve substring searches cost more than it on news text).
_CROSSING_JOIN = re.compile("[路街道环][与和跟]")
#: Words before a road word that name no road (道路, 线路, 公路 and 铁路 are kinds of road).
_NOT_CROSSING = frozenset(("道", "线", "公", "铁", "马", "网", "电", "思", "出"))


#: Place words a village's name ends in before 村 (李家庄村, 石门寨村, 张家沟村, 王营村).
_GROUP_AFTER = re.compile(f"第?[{_NUM}]{{1,3}}(?:村民小组|村民组|小组|组|社)")
_VILLAGE_WORDS = frozenset("庄寨屯堡营沟湾坪岭坝洼塘岗冲畈圩垸埠")


def _crossings(text: str, found: list[Finding], joins: bool) -> list[Finding]:
    """``found`` (sorted, disjoint) with the junctions of two named roads in ``text`` (``_with_crossings``);
    ``joins``: ``_CROSSING_JOIN`` finds one in ``text``. Two roads written one after the other before 路口 or
    交叉口 (南京东路西藏中路路口: ``_CORNER``) are a junction too."""
    if "路口" in text or "交叉口" in text or "交汇处" in text:
        corners = [
            m
            for m in _CORNER.finditer(text)
            if text[m.start() - 1 : m.start()] not in _NOT_CROSSING
            and m.group(1)[-1] not in _NOT_CROSSING
            and not _is_generic(m.group(1)[:-1], m.group(1)[-1])
        ]
        if corners:
            found = _with_crossings(text, found, corners)
    if joins and ("交" in text or "路口" in text or "之间" in text):
        crossings = [
            m
            for m in _CROSSING.finditer(text)
            if m.group(1)[-1] not in _NOT_CROSSING
            and text[m.start() - 1 : m.start()] not in _NOT_CROSSING
            and not (m.group()[0] == "道" and text[m.start() - 1 : m.start() + 1] in _NOT_HK_ROAD)
        ]  # (成都道与马场道交口: Tianjin's roads in 道; not 街道与, 通道和)
        return _with_crossings(text, found, crossings) if crossings else found
    return found


def _with_crossings(text: str, found: list[Finding], crossings: list) -> list[Finding]:
    """``found`` (sorted, disjoint) with each junction of two named roads (长江路与黄河路交叉口, 五四路和湖东路
    交界, 天河路和体育东路之间: 0.6); after a chain that ends at the first road (合肥市蜀山区长江西路|与科学大道
    交口) the chain runs on to the junction's end. A junction of two named roads places someone or something
    as closely as a house number (docs/pii.md); one of a road and a kind of road (道路与铁路) is none. One
    forward walk over both lists."""
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
        for v in _ROAD_LEFT_VERB.finditer(text, start, m.start()):  # (约在|东风路: a verb, then the road)
            start = v.end()
        if m.start() - start >= 2 and not (out and out[-1].end > start):
            out.append(Finding(ChineseAddressRecognizer.ENTITY, start, end, 0.6))  # a junction alone
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


#: Words after an estate's name that tie it to a home: a flat or house for sale or rent (出售恒大绿洲精装三居,
#: 天通苑北一区主卧, 绿城桂花园二手房), its residents' and owners' matters (交房, 业主群, 地下车库, 停车).
_HOME_AFTER = (
    "二手房", "房子", "一套", "房源", "海景房", "学区房", "一居", "两居", "三居", "四居", "两室", "三室", "三房",
    "两房", "四房", "主卧", "次卧", "单间", "精装", "别墅", "洋房", "交房", "业主群", "地下车库", "车库", "停车",
    "隔壁", "的邻居",
)  # fmt: skip
_RESIDENT_AFTER = _ESTATE_TIES + _HOME_AFTER
#: After a name tied by the word before it: a locative (碧桂园附近, 紫荆花园隔壁), or no name character.
_LOCATIVE_AFTER = (
    "附近", "旁边", "隔壁", "对面", "一带", "那边", "这边", "门口", "周边", "后面", "前面", "后边", "前边", "背后",
)  # fmt: skip


def _developers() -> frozenset[str]:
    """Housing developers' brands (data/address_zh_developers.txt)."""
    path = Path(__file__).parent / "data" / "address_zh_developers.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def _brand_automaton():
    auto = ahocorasick.Automaton()
    for w in _developers():
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


_BRAND_AUTO = _brand_automaton()
_BRANDS = _developers()
#: Right after a brand, the company, not an estate (万科发布, 碧桂园集团, 恒大汽车, 万达广场, 万科物业).
_COMPANY_AFTER = (
    "集团", "地产", "置业", "物业", "发展", "控股", "股份", "中国", "服务", "汽车", "万家", "公司", "商业", "酒店",
    "广场", "影城", "影院", "电影", "足球", "冰泉", "健康", "物流", "旗下", "董事", "总裁", "老板", "员工", "股价",
    "股票", "债", "年报", "财报", "业绩", "销售", "拿地", "项目", "开发", "建设", "工程", "品牌", "系", "城市",
    "商管", "文旅", "医疗", "教育", "金融", "资本", "投资", "宣布", "发布", "公告", "声明", "回应", "表示",
)  # fmt: skip
#: Before an estate named by its brand: a verb of staying, moving, selling or renting, or its owners' words.
_BRAND_BEFORE = regex.compile(
    "(?:住在?|家住|家在|家就在|搬[到进去]了?|出售|出租|求购|整租|直租|转租|急售|[买租卖]了|反映|投诉|我们|咱们)[：:]?$"
)
#: Before a brand alone (碧桂园, no estate name after it): only staying and moving (投诉万科 is the company).
_BRAND_ALONE_BEFORE = regex.compile("(?:住在?|家住|家在|家就在|搬[到进去]了?)$")


def _name_char(c: str) -> bool:
    return ("\u3400" <= c <= "\u9fff" or "\U00020000" <= c <= "\U0003134f") and c not in CN_ADDR_STOP


def _brand_estates(text: str, found: list[Finding], hits: list[tuple[int, int]]) -> list[Finding]:
    """``found`` (sorted, disjoint) with each housing estate named by its developer's brand (碧桂园十里银滩,
    保利天悦, 万科城: 0.6) where the text ties it to a home: owners', residents' or home words after its name
    (绿地新都会业主群, 华润城润府楼下, 恒大绿洲精装三居, 万科城四期), or a verb of staying, moving, selling
    or renting before it and no name character after it (住在融侨城？, 我家在碧桂园，). Not the company
    (万科发布年报, 碧桂园集团, 恒大汽车, 投诉万科物业). ``hits``: (end index, length) of each brand."""
    extra: list[Finding] = []
    n = len(text)
    last = -1
    for end_idx, length in hits:
        s, b = end_idx + 1 - length, end_idx + 1
        if s < last or text.startswith(_COMPANY_AFTER, b):
            continue  # (a company)
        before = text[max(0, s - 5) : s]
        tied_before = _BRAND_BEFORE.search(before) is not None
        if s and _name_char(text[s - 1]) and not tied_before:
            continue  # (inside a longer name)
        end, after = -1, False
        for k in range(7):  # the estate's own name after the brand: up to six characters
            pos = b + k
            part = _NUMBER_PART.match(text, pos) if k or text[b : b + 1] in _NUM else None
            if text.startswith(_RESIDENT_AFTER, pos) or (part is not None and k):
                end, after = pos, True
                break
            if pos >= n or text[pos] in _LOOSE_STOP or not "\u3400" <= text[pos] <= "\u9fff":
                end = pos
                break
            if text.startswith(_LOCATIVE_AFTER, pos):
                end = pos
                break
        if end < 0:
            continue
        if not after:
            tied = _BRAND_ALONE_BEFORE.search(before) is not None if end == b else tied_before
            if not tied and CN_ADDRESS_CUES.search(text, max(0, s - 8), s) is None:
                continue
        for _ in range(3):  # its phase, building or unit (万科城四期, 保利花园3栋2单元)
            part = _NUMBER_PART.match(text, end)
            if part is None:
                break
            end = part.end()
        extra.append(Finding(ChineseAddressRecognizer.ENTITY, s, end, 0.6))
        last = end
    return _add_alone(found, extra) if extra else found


_AREA_NUMERALS = "一二三四五六七八九十"
#: The name before a numbered area (天通苑北一区, 劲松八区): two to five name characters, no division word.
_AREA_NAME = regex.compile(f"(?:(?![{CN_ADDR_STOP}区县市省镇乡村第])[{_CJK}]){{2,5}}+")


def _numbered_areas(text: str, places: list[int]) -> list[Finding]:
    """Numbered areas of a housing estate named alone (天通苑北一区, 翠苑三区, 劲松八区: 0.6), tied to a home as
    ``_brand_estates`` ties an estate (a verb of staying or renting before, no name character after; or home
    words after: 天通苑北一区主卧); not 第一区, not a count (三个区). ``places``: where 区 is (sorted)."""
    out = []
    for i in places:
        j = i
        while j > 0 and i - j < 2 and text[j - 1] in _AREA_NUMERALS:
            j -= 1
        if j < i:
            if j > 0 and text[j - 1] in "东西南北":
                j -= 1
            left = _AREA_NAME.match(text[max(0, j - 5) : j][::-1])
            if left is not None:
                start = j - left.end()
                for v in _LEFT_VERBS.finditer(text, start, j):
                    start = v.end()
                e = i + 1
                tied = text.startswith(_RESIDENT_AFTER, e)
                if not tied and j - start >= 2:
                    nxt = text[e : e + 1]
                    tied = (not nxt or not _name_char(nxt) or text.startswith(_LOCATIVE_AFTER, e)) and (
                        _BRAND_BEFORE.search(text[max(0, start - 5) : start]) is not None
                        or text[start - 1 : start] in _BEFORE_ESTATE
                        or CN_ADDRESS_CUES.search(text, max(0, start - 8), start) is not None
                    )
                if tied and j - start >= 2 and not (out and out[-1].end > start):
                    out.append(Finding(ChineseAddressRecognizer.ENTITY, start, e, 0.6))
    return out


#: A place named as where a parcel or a meal is left, before its gate, its locker or its desk (快递放丰台科技园南门,
#: 放到丽景花园东门, 快递请放翠苑一区门口, 外卖放望京SOHO塔2前台: an order note's delivery point, someone's
#: whereabouts as much as an estate's name): 放, 送 or 寄 (maybe 到, 在, 至), three to twelve name characters,
#: numerals or letters ending in a word of an estate, a building or a park (``_GATE_PLACE_END``), then the gate.
#: Not a verb that only holds 放 or 送 (开放, 解放, 播放, 欢送, 护送, 发送), not a name of two characters (送到小区门口,
#: 放在公司前台, 放学校门口), nor a hospital, school, hotel, company, shop, office or station (送到人民医院门口,
#: 放在物美超市门口, 送到北京西站北门), a park or a sight (人民公园南门, 颐和园北门: jieba's frequent words). Each
#: 放/送/寄 is found with str.find; one bounded match after it.
_NOT_BEFORE_GATE_VERB = frozenset("开解释播排投存摆下燃奔欢护赠运输发传遣葬目相白遥外")
_GATE_PLACE = regex.compile(
    f"[货餐]?+(?:到了|到|在|至)?+((?:(?![{CN_ADDR_STOP}放送寄])[{_CJK}]|[A-Za-z0-9０-９]){{3,12}}?)"
    "(?:([东南西北正侧后]门)|门口|门卫|门岗|快递柜|快递点|丰巢|驿站|保安亭|传达室|前台)"
    "(?![一-鿿]{0,1}(?:诊|急|医|病))"
)
_NOT_GATE_NAME_START = frozenset("门楼家大小")
_GATE_KINDS = frozenset(
    "工业园区 产业园区 科技园区 工业园 产业园 开发区 生活区 办公区 住宅区 居民区 宿舍区 教学区 服务区 停车区 商业区 "
    "写字楼 办公楼 教学楼 宿舍楼 住宅楼 综合楼 行政楼 实验楼 图书馆 体育馆 电影院 大学城".split()
)
#: The place's name ends in a word of an estate, a building, a park of offices or a village (or in a letter or a
#: digit: 望京SOHO塔2), not of a shop, an office or a station (物美超市门口, 急诊科门口, 监管局南门, 北京西站北门).
_GATE_PLACE_END = (
    "园", "苑", "区", "城", "庭", "府", "邸", "湾", "居", "里", "院", "座", "栋", "幢", "楼", "厦", "中心", "广场", "村",
    "期", "号", "寓", "阁", "轩", "郡", "新村", "小镇", "公馆", "国际", "天地", "大楼", "产业园",
)  # fmt: skip


def _gate_places(text: str, found: list[Finding], verbs: list[int]) -> list[Finding]:
    """``found`` (sorted, disjoint) with each place named before its gate after a verb of leaving or sending (0.6:
    ``_GATE_PLACE``); ``verbs``: where ``_scan`` found 放, 送 or 寄 (a 送 maybe with no gate word after it)."""
    extra: list[Finding] = []
    for i in verbs:
        if not (i and text[i - 1] in _NOT_BEFORE_GATE_VERB) and _GATE_HINT.search(text, i + 4, i + 20):
            m = _GATE_PLACE.match(text, i + 1, min(len(text), i + 20))
            if m is not None:
                name = m.group(1)
                if (
                    name[0] not in _NOT_GATE_NAME_START
                    and (name.endswith(_GATE_PLACE_END) or name[-1].isascii())
                    and not name.endswith(_NOT_ESTATE_END + ("幼儿园", "大门", "单元", "公园"))
                    and _OFFICE.search(name) is None
                    and not name.isdigit()
                    and name not in _FREQUENT
                    and name not in chinese().common_words
                    and name not in _GATE_KINDS
                    and not _is_generic(name[:-2], name[-2:])
                ):
                    end = m.end(2) if m.group(2) else m.end(1)
                    extra.append(Finding(ChineseAddressRecognizer.ENTITY, m.start(1), end, 0.6))
    if not extra:
        return found
    extra.sort(key=lambda f: f.start)
    return _add_alone(found, extra)


#: One to three spaces between a digit and a Chinese character, either way round (景平路 700 號 3 樓, 33 號 15 樓).
_NUMBER_SPACES = re.compile(
    "(?<=[0-9０-９])[ \u3000]{1,3}(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])[ \u3000]{1,3}(?=[0-9０-９])"
)


def _unspaced_numbers(text: str) -> tuple[str, list[int] | None]:
    """``text`` less the spaces of ``_NUMBER_SPACES`` and, for each of its characters, where it stands in ``text``
    (None: there was none). One pass."""
    pieces, where, last = [], [], 0
    for m in _NUMBER_SPACES.finditer(text):
        pieces.append(text[last : m.start()])
        where.extend(range(last, m.start()))
        last = m.end()
    if not pieces:
        return text, None
    pieces.append(text[last:])
    where.extend(range(last, len(text)))
    return "".join(pieces), where


#: English street words of Hong Kong and Macau roads written in Latin letters inside a Chinese address (中環Queen's Road
#: Central 18號新世界大廈1期10樓): found with str.find, each read only before its house number in 号.
_LATIN_ROAD_WORDS = ("Road", "Street", "Avenue", "Lane", "Terrace", "Drive", "Path", "Crescent", "Circuit")
#: After the street word: its part (Central, East, ...), then the house number in 号.
_LATIN_ROAD_NUMBER = regex.compile(
    r"(?: (?:Central|East|West|North|South)(?![A-Za-z]))?+ ?+[0-9０-９]{1,5}+[A-Za-z]?+号"
)
#: Before the street word, read right to left: one to four capitalised words (Queen's, Des Voeux, Nathan).
_LATIN_ROAD_NAME_REV = regex.compile("(?: [a-z'’]{0,15}+[A-Z](?![A-Za-z'’])){1,4}+")
#: A Hong Kong district written right before the Latin street (中環, 尖沙咀): two to four name characters.
_LATIN_ROAD_AREA_REV = regex.compile(f"(?:(?![{CN_ADDR_STOP}区县市省镇乡村叫])[{_CJK}]){{2,4}}+")


def _latin_before_number(text: str, k: int) -> bool:
    """Whether a house number in 号 from ``k`` (the first 号) on follows a lower-case Latin letter, maybe with one
    space between (Road 18号, Central 18号): the gate of ``_latin_roads``, a look at each 号, not a pass over the
    text."""
    while k != -1:
        j = k - 1
        while j >= 0 and k - j <= 6 and text[j] in _DIGITS:
            j -= 1
        if j < k - 1 and j >= 0:
            if text[j] == " ":
                j -= 1
            if j >= 0 and "a" <= text[j] <= "z":
                return True
        k = text.find("号", k + 1)
    return False


_DIGITS = frozenset("0123456789０１２３４５６７８９")


def _latin_roads(text: str, found: list[Finding]) -> list[Finding]:
    """``found`` (sorted, disjoint) with each road written in Latin letters before its house number in 号 (0.7:
    中環Queen's Road Central 18號, with the district written before it and the building, floor and room after it:
    新世界大廈1期10樓); not a Latin street with no 号 (an English address is ``recognizers_address_en``'s)."""
    extra: list[Finding] = []
    for word in _LATIN_ROAD_WORDS:
        k = text.find(word)
        while k != -1:
            we = k + len(word)
            num = _LATIN_ROAD_NUMBER.match(text, we, we + 16)
            left = _LATIN_ROAD_NAME_REV.match(text[max(0, k - 64) : k][::-1]) if num is not None else None
            if left is not None:
                start = k - left.end()
                area = _LATIN_ROAD_AREA_REV.match(text[max(0, start - 4) : start][::-1])
                if area is not None:
                    start -= area.end()
                    for v in _LEFT_VERBS.finditer(text, start, k):  # (住中環Queen's Road: the verb is none)
                        start = v.end()
                end = num.end()
                building = _BUILDING_NAME.match(text, end, min(len(text), end + 14))
                if building is not None:
                    end = building.end()
                for _ in range(4):  # (1期10樓B室)
                    part = _NUMBER_PART.match(text, end)
                    if part is None:
                        break
                    end = part.end()
                extra.append(Finding(ChineseAddressRecognizer.ENTITY, start, end, 0.7))
            k = text.find(word, we)
    if not extra:
        return found
    # one sweep in start order: a Latin road's span takes in each finding it overlaps (a chain found from its
    # house number on: 號美麗都大廈A座6樓) and is taken in by none
    out: list[Finding] = []
    for f, latin in sorted(
        [(f, False) for f in found] + [(f, True) for f in extra], key=lambda x: x[0].start
    ):
        if out and f.start < out[-1][0].end and (latin or out[-1][1]):
            g, was = out[-1]
            out[-1] = (Finding(g.entity, g.start, max(g.end, f.end), max(g.score, f.score)), True)
        else:
            out.append((f, latin))
    return [f for f, _ in out]


#: A building-unit-room written with dashes (3-1-2001, 12-2-302): read after an estate's name ending in an estate
#: word that ``_estates`` does not read (星河湾东区3-1-2001, 万科城二期5-2-301, 金域华府12-1-1801).
_DASHED_ROOM = regex.compile("[0-9]{1,3}+-[0-9]{1,2}+-[0-9]{3,4}+(?![0-9-])")
#: Between the estate's name and the dashed room: its area or phase (东区, B区, 二期, 3期).
_DASHED_AREA = regex.compile(f"(?:[东南西北中A-Z]区|[{_NUM}]{{1,2}}+期)$")


def _dashed_estates(text: str, found: list[Finding]) -> list[Finding]:
    """``found`` (sorted, disjoint) with each estate named before its dashed building-unit-room (0.7: 星河湾东区3-1-2001,
    万科城二期5-2-301): three to eight name characters (after a verb or a place word) ending in an estate's word
    (``_ESTATE_SUFFIXES``), maybe its area or phase, then the room. Not a hotel, hospital, school or company
    (``_NOT_ESTATE_END``), not a date or a code (2023-1-15: four digits first; no name before 12-3-456). Each
    dash is found with str.find; a match is tried only where a digit is before it."""
    extra: list[Finding] = []
    i = text.find("-")
    while i != -1:
        s = i
        while s > 0 and i - s < 3 and "0" <= text[s - 1] <= "9":
            s -= 1
        nxt = text.find("-", i + 1)
        if s < i and (
            s == 0
            or not (
                "0" <= text[s - 1] <= "9"
                or text[s - 1] == "-"
                or text[s - 1].isascii()
                and text[s - 1].isalpha()
            )
        ):
            m = _DASHED_ROOM.match(text, s, min(len(text), s + 12))
            if m is not None:
                j = s
                a = _DASHED_AREA.search(text, max(0, s - 3), s)
                if a is not None:
                    j = a.start()
                k = j
                while k > 0 and j - k < 8 and _name_char(text[k - 1]):
                    k -= 1
                for v in _LEFT_VERBS.finditer(text, k, j):
                    k = v.end()
                for v in _LEFT_PLACE.finditer(text, k, j):
                    k = v.end()
                name = text[k:j]
                if (
                    len(name) >= 3
                    and name.endswith(_ESTATE_SUFFIXES)
                    and not name.endswith(_NOT_ESTATE_END)
                    and _NOT_ESTATE.search(name) is None
                    and not _is_generic(name[:-1], name[-1])
                ):
                    extra.append(Finding(ChineseAddressRecognizer.ENTITY, k, m.end(), 0.7))
                nxt = text.find("-", m.end())
        i = nxt
    if not extra:
        return found
    # a finding of the estate's name alone (万科城二期 before 的业主) gives way to its name with the room: one forward
    # walk (both sorted; the rooms disjoint, so their ends sorted too)
    keep: list[Finding] = []
    j = 0
    for f in found:
        while j < len(extra) and extra[j].end < f.end:
            j += 1
        if not (j < len(extra) and extra[j].start <= f.start):
            keep.append(f)
    return _add_alone(keep, extra)


def _add_alone(found: list[Finding], extra: list[Finding]) -> list[Finding]:
    """``found`` (sorted, disjoint) with each of ``extra`` (sorted by start) that overlaps none of it nor an
    earlier one taken: one forward walk over both."""
    out: list[Finding] = []
    j = 0
    for f in extra:
        while j < len(found) and found[j].start < f.start:
            out.append(found[j])
            j += 1
        if (j < len(found) and found[j].start < f.end) or (out and out[-1].end > f.start):
            continue
        out.append(f)
    return out + found[j:]


#: A neighbourhood, a business district or a new area named as where someone lives, works or keeps a shop
#: (本人在五道口上班, 在华强北经营一家手机店, 家住天河北，, 坐标郑东新区，, 住在徐家汇附近): a frame of place
#: before it (在, 住在, 家住, 坐标, 搬到), three or four name characters (maybe after a two-character city or
#: area: 东莞樟木头, 香港将军澳) ending in a character that ends place names (口 屯 嘴 汇 北 旗 观 澳 埗 湾
#: 桥 庄 营 寨 岗 坪 塘 洲 ...) or in 新区, then work, a shop, a word of nearness, or (after a verb of staying
#: or moving) the clause's end. Not a common word (门口, 路口, 码头: jieba's frequent words), a listed
#: division (a city or district alone is no address), a kind of place (街角, 西北角, 酒店). One `re` pass, its
#: first step a literal: bounded (at most five characters read after each frame word).
_HOOD = re.compile(
    "(住在|家住|家在|坐标|搬[到去进]|在|住)((?:[\u4e00-\u9fff]{2})??[\u4e00-\u9fff]{2,3}?"
    "[口屯嘴汇北旗观澳埗湾桥庄营寨岗坪塘洲埔涌坝沟峪堡铺甸]|[\u4e00-\u9fff]{2,3}?新区)"
    "(?=上班|工作|打工|开了|开店|开的|开个|开一|经营|的店|一家|一间|附近|一带|那边|这边|住|租了|买了|等|"
    "[，。！？；,.!?;\\s]|$)"
)
_HOOD_NOT_END = frozenset(
    "门口 路口 街口 村口 巷口 出口 入口 港口 窗口 关口 渡口 洞口 胸口 伤口 人口 户口 码头 街头 桥头 山头 村头 "
    "地头 墙角 街角 拐角 转角 东北 西北 华北 江北 城北 以北 南北 港湾 海湾 河湾 港澳 牧场 农庄 山庄 "
    "村庄 饭庄 茶庄 钱庄 营营 军营 阵营 经营 露营 国营 民营 私营 运营 大营 兵营 石桥 木桥 天桥 大桥 小桥 立交桥 "
    "池塘 鱼塘 水塘 山岗 站岗 上岗 下岗 在岗 沙洲 绿洲 亚洲 欧洲 美洲 非洲 澳洲 大洲 五大洲 山沟 水沟 堤坝 大坝 "
    "水坝 城堡 碉堡 古堡 店铺 商铺 床铺 铺铺 当铺 肉铺 药铺 伊甸 城区 景区 社区 念头 尽头 源头 开头 舌头 骨头 "
    "枕头 石头 木头 馒头 龙头 镜头 锄头 拳头 指头 额头 里头 外头 上头 前头 后头 风头 苗头 势头 回头 年头 个头 "
    "老头 丫头 工头 床头 心头 眉头 口头 把头 船头".split()
)
_HOOD_NOT_WORDS = frozenset(
    "西北角 东北角 东南角 西南角 大门口 家门口 十字路口 三岔路口 岔路口 小区门口".split()
)
#: After a frame of staying or moving, the clause may end right after the name (家住天河北，); after 在 alone a
#: word of work, a shop or nearness must follow (在五道口上班), 在X。 being too often a thing or a time.
_HOOD_STAY = frozenset(("住在", "家住", "家在", "坐标", "搬到", "搬去", "搬进", "住"))
#: Before 住 or 在 alone: a person (我住, 他在, 楼主在, 本人在, 男子在, 家人在), or no name character.
_HOOD_WHO = frozenset(_HOOD_WHO_CHARS + "姨叔婶婆爷奶妈爸哥姐弟妹友")  # (李阿姨在石牌桥开了一家早餐店)


def _frequent_words() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "cn_frequent_words.txt"
    return frozenset(
        w
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
        for w in line.split()
    )


_FREQUENT = _frequent_words()


def _neighbourhoods(text: str, divisions, frames: list[int]) -> list[Finding]:
    """Neighbourhoods and new areas named as where someone lives, works or keeps a shop (``_HOOD``: 0.6).
    ``frames``: where a frame word may start (sorted)."""
    out = []
    common = chinese().common_words
    for j in frames:
        m = _HOOD.match(text, j)
        if m is None or (out and out[-1].end > j):
            continue
        frame, name = m.group(1), m.group(2)
        if any(c in _LOOSE_STOP for c in name):  # (将军澳: 将 may be a name's)
            continue
        if frame in ("住", "在") and m.start() and text[m.start() - 1] not in _HOOD_WHO:
            if frame == "住" or _name_char(text[m.start() - 1]):
                continue  # (禁不住连连点头, 用人单位: 住 or 在 inside a word; 一男子在郑东新区: a person before 在)
        e = m.end()
        delimited = e == len(text) or not "\u3400" <= text[e] <= "\u9fff" or text[e] == "住"
        if (delimited or text.startswith("等", e)) and frame not in _HOOD_STAY and frame != "在":
            continue
        if (
            delimited
            and frame == "在"
            and text[m.start() - 1 : m.start()] not in ("我", "他", "她", "们", "主", "人")
        ):
            continue  # (楼主在东莞樟木头，: a person's whereabouts; 在X。 alone is too often a thing)
        if (
            name[-2:] in _HOOD_NOT_END
            or name[-3:] in _HOOD_NOT_WORDS
            or name[-4:] in _HOOD_NOT_WORDS
            or name in common
            or name in _FREQUENT
            or name in divisions
            or name[-3:] in _FREQUENT
            or _is_generic(name[:-1], name[-1])
        ):
            continue
        out.append(Finding(ChineseAddressRecognizer.ENTITY, m.start(2), e, 0.6))
    return out


def _shop_places(text: str, found: list[Finding], divisions, shops: list[int]) -> list[Finding]:
    """``found`` with each neighbourhood named as where someone opened a shop (在石牌桥开了一家早餐店: ``_HOOD``,
    its frame 在 up to seven characters before 开了). ``shops``: where 开了 is (``_scan``)."""
    frames = []
    for i in shops:
        j = text.rfind("在", max(0, i - 7), max(0, i - 2))
        if j != -1:
            frames.append(j)
    extra = _neighbourhoods(text, divisions, frames) if frames else []
    return _add_alone(found, extra) if extra else found


#: Words after which a place named alone is a place of work or a shop (在五道口上班): the frame 在 is looked for
#: up to seven characters before them.
_WORK_TIES = ("上班",)


def _tied_places(text: str, found: list[Finding], spans: list[tuple[int, int]], divisions) -> list[Finding]:
    """``found`` with the estates named by a developer's brand, the numbered areas and the neighbourhoods named
    alone, each looked for only next to an address word or a tie word (``spans``, sorted): a brand starting
    right after one (住在碧桂园, 出售：恒大绿洲) or, around 业主, up to twelve characters before or six after it
    (绿地新都会业主群, 业主反映保利天悦); a 区 up to ten characters after one (or eight before 业主); a frame word
    at one (坐标, 住在, 我住) or, before 上班, 在 up to seven characters before it."""
    n = len(text)
    hits: dict[int, int] = {}
    areas: list[int] = []
    frames: list[int] = []
    listed: list[Finding] = []
    for s, e in spans:
        word = text[s:e]
        if word == "上班":
            j = text.rfind("在", max(0, s - 7), max(0, s - 2))
            if j != -1:
                frames.append(j)
            continue
        windows = ((max(0, s - 12), s), (e, e + 8)) if word == "业主" else ((e, e + 5),)
        for lo, hi in windows:  # (a slice: pyahocorasick's iter(text, lo, hi) reads the whole text)
            for end_idx, length in _BRAND_AUTO.iter(text[lo:hi]):
                hits[lo + end_idx] = max(length, hits.get(lo + end_idx, 0))
        lo = max(1, s - 8) if word == "业主" else e
        i = text.find("区", lo, min(n, e + 10))
        while i != -1:
            areas.append(i)
            i = text.find("区", i + 1, min(n, e + 10))
        if word in _FRAME_WORDS:
            frames.append(s)
        if (word in _HOME_CUES or word == "住") and _CUE_ESTATE_GATE.search(text, e, e + 10) is not None:
            # (搬到上地东里，, 家住金茂府附近: an estate word within reach)
            f = _cue_estate(text, e, divisions, word == "住")
            if f is not None:
                listed.append(f)
        if word in _LISTING_WORDS or word == "坐标":
            f = _listed_estate(text, e) if word != "坐标" else _located(text, e, divisions)
            if f is not None:
                listed.append(f)
    if listed:
        found = _add_alone(found, listed)
    if hits:
        found = _brand_estates(text, found, sorted(hits.items()))
    if areas:
        extra = _numbered_areas(text, sorted(set(areas)))
        if extra:
            found = _add_alone(found, extra)
    if not frames:
        return found
    extra = _neighbourhoods(text, divisions, sorted(set(frames)))
    return _add_alone(found, extra) if extra else found


#: Words an estate's name ends in that ``_estates`` does not read (its words are evidence): an estate named alone
#: right after a home word (住在金茂府, 搬到上地东里, 家住星河湾附近).
_CUE_ESTATE_END = (
    "府",
    "城",
    "庭",
    "阁",
    "邸",
    "轩",
    "郡",
    "公馆",
    "东里",
    "西里",
    "南里",
    "北里",
    "园",
    "居",
)
_CUE_ESTATE_CHARS = frozenset("府城庭阁邸轩郡馆里园期居")
_CUE_ESTATE_GATE = re.compile(
    f"[府庭阁邸轩郡居]|城(?![市区里中外镇乡])|公馆|[东西南北]里|(?<![公校乐果菜茶陵墓儿物])园|[{_NUM}]期"
)
#: Words in 居 that name a way of living or a kind of house, no estate (搬到了新居, 住在鲁迅故居, 一家民居).
_NOT_CUE_JU = frozenset(
    "故居 民居 新居 旧居 寡居 邻居 同居 定居 起居 家居 蜗居 隐居 独居 安居 迁居 分居 移居 聚居 闲居 山居 久居 侨居 群居 "
    "杂居 客居 寓居 散居 穴居 索居 宜居 乔居 简居 别居 故居里 祖居 老居".split()
)
#: After a home word, an estate's name with its phase (住在金色港湾二期, 本人住万科城3期): the phase ties any name.
_CUE_PHASE = regex.compile(f"[{_NUM}]{{1,2}}+期$")
_DIGIT_PHASE = regex.compile("[0-9０-９]{1,2}+期")
#: Kinds of 园 (公园, 幼儿园, 动物园): no estate.
_NOT_CUE_YUAN = (
    "公园",
    "校园",
    "乐园",
    "果园",
    "菜园",
    "茶园",
    "陵园",
    "墓园",
    "儿园",
    "物园",
    "庄园",
    "家园",
    "花园",
)
_NAME_RUN = re.compile(f"[^{CN_ADDR_STOP}\\x00-\u33ff\ua000-\U0010ffff]{{3,9}}")
#: (Not 大厦 or 湾: 住在山东大厦, 住在亚龙湾 in hotel reviews are a hotel and a resort.)


def _cue_estate(text: str, e: int, divisions, bare: bool = False) -> Finding | None:
    """An estate named alone right after a home word ending at ``e`` (0.6: 刚搬到上地东里，, 家住金茂府附近): three to
    eight name characters ending in ``_CUE_ESTATE_END``, then no name character, a locative or its residents'
    and owners' words; after a home word, an estate named with its phase (住在金色港湾二期), and after 我住/本人住
    (``bare``) only that (我住了好多家汉庭: hotels). Not a city (北京城), an office (县政府), a common word (卫星城) or a
    kind of place (公园, 幼儿园)."""
    q = e + 1 if text[e : e + 1] in ("：", ":", "了") else e  # (搬到了金域蓝湾)
    run = _NAME_RUN.match(text, q, q + 9)
    if run is None or not any(c in _CUE_ESTATE_CHARS for c in run.group()):
        return None  # (most home words: no estate word in the name characters after them)
    j = q
    while (
        j < len(text)
        and j - q < 8
        and _name_char(text[j])
        and not text.startswith(_LOCATIVE_AFTER, j)
        and not text.startswith(_RESIDENT_AFTER, j)
    ):
        j += 1
    digits = _DIGIT_PHASE.match(text, j) if j - q >= 2 else None  # (万科城3期: digits are no name character)
    if digits is not None:
        j = digits.end()
    name = text[q:j]
    phase = _CUE_PHASE.search(name)
    if phase is not None:  # (住在金色港湾二期: the estate's name before its phase, of any ending)
        name = name[: phase.start()]
    if (
        (bare and phase is None)
        or len(name) < (2 if phase is not None else 3)
        or not (phase is not None or name.endswith(_CUE_ESTATE_END))
        or name.endswith(_NOT_CUE_YUAN)
        or name[-2:] in _NOT_CUE_JU
        or (j < len(text) and _name_char(text[j]) and j - q >= 8)
        or name in divisions
        or name[:-1] in divisions
        or name in _FREQUENT
        or name in chinese().common_words
        or _OFFICE.search(name) is not None
        or _is_generic(name[:-1], name[-1])
        or _TIME_WORD.search(name) is not None
    ):
        return None
    return Finding(ChineseAddressRecognizer.ENTITY, q, j, 0.6)


#: Address and tie words a neighbourhood's frame starts with (``_HOOD``).
_FRAME_WORDS = frozenset(("住在", "家住", "家在", "家就在", "坐标", "搬去", "搬进", "搬到", "住"))


#: Words of a rent or sale listing before the estate it offers (整租｜万科金色家园两室一厅, 合租锦绣江南二期主卧).
_LISTING_WORDS = frozenset(("出租", "整租", "直租", "合租", "转租", "出售", "急售"))
#: After the estate's name in a listing: the flat offered (its rooms, its fitting, its aspect).
_LISTING_HOME = _HOME_AFTER + (
    "一居", "二居", "一室", "二室", "四室", "一房", "简装", "豪装", "南向", "朝南", "南北通透", "老公房", "整套", "复式",
    "1室", "2室", "3室", "4室", "1房", "2房", "3房", "4房", "单身公寓", "一室户", "两室户",
)  # fmt: skip
#: Between the estate's name and the flat: a space or a comma (整租 | 双井富力城C区，两居室).
_LISTING_SEP = " \u3000，,、|｜"
#: What may stand between a listing word and the estate: a colon, a bar, a bracket or a space.
_LISTING_GAP = "：:｜|】] \u3000"
#: An estate's name ends in an estate word, or in its area, phase, building or unit (劲松八区, 二期, 7号楼).
_LISTING_END = regex.compile(f"(?:{'|'.join(_ESTATE_SUFFIXES)}|区|期|号楼|栋|幢|座|单元|号院|村)$")


def _listed_estate(text: str, e: int) -> Finding | None:
    """The estate a rent or sale listing offers (0.6), right after its listing word (ending at ``e``): three
    to fourteen name characters, numerals or letters (望京花园东区, 天通苑东三区7号楼, 金地格林小城) ending in an
    estate word or its area, phase or building, then (maybe after a space) the flat offered (主卧, 一居室,
    精装两房, 南向两居: ``_LISTING_HOME``). Not a kind of place (出租房屋一套: data/address_zh_generic.txt)."""
    q = e
    while q < len(text) and q - e < 3 and text[q] in _LISTING_GAP:  # (整租 | )
        q += 1
    j = q
    while j < len(text) and j - q < 14 and not text.startswith(_LISTING_HOME, j):
        c = text[j]
        if not (_name_char(c) or c in _NUM_SET or (c.isascii() and c.isalnum())):
            break
        j += 1
    name = text[q:j]
    after = j + 1 if text[j : j + 1] in _LISTING_SEP else j
    if (
        len(name) < 3
        or not text.startswith(_LISTING_HOME, after)
        or _LISTING_END.search(name) is None
        or _is_generic(name[:-1], name[-1])
        or _TIME_WORD.search(name) is not None
    ):
        return None
    return Finding(ChineseAddressRecognizer.ENTITY, q, j, 0.6)


def _located(text: str, e: int, divisions) -> Finding | None:
    """Where someone says they are after 坐标 (楼主坐标长沙市岳麓区梅溪湖，, 坐标杭州余杭区良渚，: 0.6): one to
    three listed divisions, then a place of two to four name characters and the clause's end or a word of
    nearness; a division alone is none (坐标杭州，), nor a common word after it (坐标广州市区)."""
    q = e + 1 if text[e : e + 1] in ("：", ":", " ") else e
    ends = [q]
    for _ in range(3):
        a = ends[-1]
        k = next((k for k in range(min(7, len(text) - a), 1, -1) if text[a : a + k] in divisions), 0)
        if not k:
            break
        ends.append(ends[-1] + k)
    if len(ends) > 2 and text[ends[-2] - 1] in "市区县" and text[ends[-1] - 1] not in "省市区县州":
        ends.pop()  # (成都市武侯区玉林: 玉林 names a city too, but after a district it is the place)
    p = ends[-1]
    if p == q:
        return None
    j = p
    while j < len(text) and j - p < 5 and _name_char(text[j]) and not text.startswith(_LOCATIVE_AFTER, j):
        j += 1
    name = text[p:j]
    end_ok = j == len(text) or not _name_char(text[j]) or text.startswith(_LOCATIVE_AFTER, j)
    if (
        not 2 <= len(name) <= 4
        or not end_ok
        or name in chinese().common_words
        or name in _FREQUENT
        or (name in divisions and text[p - 1] not in "市区县")
        or _is_generic(name[:-1], name[-1])
    ):
        return None
    return Finding(ChineseAddressRecognizer.ENTITY, q, j, 0.6)
