"""Word lists of the PERSON and ADDRESS recognizers, read once per process
from ``operators/pii/data/`` (package data; nothing is downloaded).

* ``cn_surnames.txt`` / ``cn_surnames_compound.txt``: about 420 single and 40
  compound Chinese surnames (百家姓 and the census ranking);
* ``cn_given_chars.txt``: characters common in Chinese given names;
* ``cn_common_words.txt`` (``scripts/build_pii_lexicon.py``, from jieba's
  dictionary): frequent words that begin or end with a surname character
  (王者, 高兴, 周末, 黄金, 江山, 李子), not names unless a context word says so;
* ``cn_divisions.txt``: province-level divisions (full names and short forms)
  and their prefecture-level divisions (GB/T 2260); ``cn_counties.txt``
  (also from jieba's place-name tags): districts, counties and banners;
* ``en_given_names.txt`` / ``en_surnames.txt``: common English given names and US surnames;
* ``en_world_given.txt`` / ``en_world_surnames.txt`` / ``en_name_words.txt`` /
  ``en_places.txt`` (``scripts/build_pii_names.py``, from Faker's providers):
  given names and surnames of many languages in Latin letters, the names that
  are also ordinary English words, and one-word place names;
* ``en_east_asian.txt``: Vietnamese, Japanese and Korean surnames and given names (surname-first
  names in Latin letters); ``en_place_given.txt``: towns named like people (Austin, Chester);
* below: US states, street-type words (USPS Publication 28, appendix C1, the
  common ones), titles and capitalised words that are not surnames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _tokens(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [t for line in text.splitlines() if line and not line.startswith("#") for t in line.split()]


@dataclass(frozen=True)
class Division:
    name: str  # as written in the list (北京市, 杭州, 海淀区)
    province: str  # full province-level name (北京市, 浙江省)
    level: str  # "province" | "prefecture" | "county"
    city: (
        str  # the prefecture-level unit, with its suffix (杭州市); the province for municipalities/provinces
    )


_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
#: Regions whose divisions are districts written with 区 (湾仔区, 花地玛堂区), no cities
_SPECIAL_REGIONS = ("香港特别行政区", "澳门特别行政区")
_PREFECTURE_SUFFIXES = ("自治州", "地区", "盟", "林区", "市")


@dataclass(frozen=True)
class ChineseLexicon:
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    given_chars: frozenset[str]
    common_words: frozenset[str]
    divisions: dict[str, Division]  # every written form -> division


def _with_suffix(name: str, suffix: str) -> str:
    return name if name.endswith(_PREFECTURE_SUFFIXES + ("区", "旗")) else name + suffix


@lru_cache(maxsize=1)
def chinese() -> ChineseLexicon:
    divisions: dict[str, Division] = {}
    for line in _tokens_lines("cn_divisions.txt"):
        head, _, rest = line.partition(":")
        full, shorts = head.split()
        province = Division(full, full, "province", full)
        divisions[full] = province
        for s in shorts.split(","):
            if len(s) >= 2:  # one-character forms (京, 沪) are plate/abbreviation use only
                divisions.setdefault(s, province)
        municipality = full in _MUNICIPALITIES or full in _SPECIAL_REGIONS
        for name in rest.split():
            if municipality:
                written = _with_suffix(name, "区")
                d = Division(written, full, "county", full)
            else:
                written = _with_suffix(name, "市")
                d = Division(written, full, "prefecture", written)
            divisions.setdefault(written, d)
            if written != name and len(name) >= 2:
                divisions.setdefault(name, d)
    for name in _tokens("cn_counties.txt"):
        divisions.setdefault(name, Division(name, "", "county", ""))
    return ChineseLexicon(
        surnames=frozenset(_tokens("cn_surnames.txt")),
        compound_surnames=frozenset(_tokens("cn_surnames_compound.txt")),
        given_chars=frozenset(_tokens("cn_given_chars.txt")),
        common_words=frozenset(_tokens("cn_common_words.txt")),
        divisions=divisions,
    )


def _tokens_lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def english_given_names() -> frozenset[str]:
    return frozenset(_tokens("en_given_names.txt"))


@lru_cache(maxsize=1)
def english_surnames() -> frozenset[str]:
    return frozenset(_tokens("en_surnames.txt"))


@lru_cache(maxsize=1)
def world_given_names() -> frozenset[str]:
    """Given names in Latin letters of many languages (``scripts/build_pii_names.py``)."""
    return frozenset(_tokens("en_world_given.txt"))


@lru_cache(maxsize=1)
def world_surnames() -> frozenset[str]:
    """Surnames in Latin letters of many languages (``scripts/build_pii_names.py``)."""
    return frozenset(_tokens("en_world_surnames.txt"))


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Names that are ordinary English words in lower case ("Green", "Hope", "Page")."""
    return frozenset(_tokens("en_name_words.txt"))


_FIRM_TOKEN = re.compile(r"[\w'’-]+|&")


def firm_key(words) -> str:
    """The look-up key of a run of words: case folded, "and" read as "&", dots and a curly
    apostrophe dropped ("Procter and Gamble" and "PROCTER & GAMBLE" are one key)."""
    return " ".join("&" if w.lower() == "and" else w.casefold().replace("’", "'") for w in words)


@lru_cache(maxsize=1)
def eponymous_firms() -> frozenset[str]:
    """Keys (``firm_key``) of firms, brands and products named after people ("Morgan Stanley",
    "Johnson & Johnson", "Wendy's"): ``data/en_eponymous_firms.txt``."""
    return frozenset(
        firm_key(_FIRM_TOKEN.findall(line.replace(".", "")))
        for line in _tokens_lines("en_eponymous_firms.txt")
    )


@lru_cache(maxsize=1)
def named_works() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Works, characters, brands and places spelled like a person's name
    (``data/en_named_works.txt``), as ``firm_key`` keys: (whole names, makes that also start a
    two-word name "Porsche Cayenne", words that count only before a possessive "Parkinson's")."""
    whole, makes, possessive = set(), set(), set()
    for line in _tokens_lines("en_named_works.txt"):
        line = line.strip()
        if line.endswith(" *"):
            makes.add(firm_key(line[:-2].replace(".", "").split()))
        elif line.endswith(("'s", "’s")) and " " not in line:
            possessive.add(firm_key([line[:-2]]))
        else:
            whole.add(firm_key(line.replace(".", "").split()))
    return frozenset(whole | makes), frozenset(makes), frozenset(possessive)


@lru_cache(maxsize=1)
def east_asian_names() -> dict[str, frozenset[str]]:
    """Surname-first East Asian names in Latin letters (``data/en_east_asian.txt``): Vietnamese,
    Japanese and Korean surnames and given names (Korean given-name syllables in lower case), by key
    (``vi_surname``, ``vi_given``, ``ja_surname``, ``ja_given``, ``ko_surname``, ``ko_given``)."""
    out: dict[str, frozenset[str]] = {}
    for line in _tokens_lines("en_east_asian.txt"):
        key, _, words = line.partition(":")
        out[key.strip()] = frozenset(words.split())
    return out


@lru_cache(maxsize=1)
def place_given_names() -> frozenset[str]:
    """Towns and cities whose names are also given names or surnames (``data/en_place_given.txt``:
    Austin, Chester, Florence, Jackson, Lincoln): places alone in a place frame."""
    return frozenset(_tokens("en_place_given.txt"))


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """One-word place names: countries, states, provinces, regions, cities."""
    return frozenset(_tokens("en_places.txt"))


US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico", "GU": "Guam",
    "VI": "Virgin Islands", "AS": "American Samoa", "MP": "Northern Mariana Islands", "FM": "Micronesia",
    "MH": "Marshall Islands", "PW": "Palau", "AA": "Armed Forces Americas", "AE": "Armed Forces Europe",
    "AP": "Armed Forces Pacific",
}  # fmt: skip

#: Street suffixes (USPS Publication 28, appendix C1: the common primary names
#: and their standard abbreviations), plus UK/Commonwealth forms.
STREET_TYPES = (
    "Street", "St", "Avenue", "Ave", "Av", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Ln", "Drive", "Dr",
    "Court", "Ct", "Place", "Pl", "Way", "Terrace", "Ter", "Parkway", "Pkwy", "Circle", "Cir", "Highway", "Hwy",
    "Square", "Sq", "Trail", "Trl", "Crescent", "Cres", "Close", "Row", "Mews", "Gardens", "Grove", "Hill",
    "Park", "Alley", "Aly", "Plaza", "Plz", "Expressway", "Expy", "Freeway", "Fwy", "Loop", "Pike", "Run",
    "Path", "Walk", "Crossing", "Xing", "Point", "Pt", "Ridge", "Estates", "Heights", "Hts", "Common",
    "Cove", "Creek", "Glen", "Green", "Harbor", "Landing", "Meadow", "Meadows", "Pass", "Route", "Rte",
    "Station", "Summit", "Turnpike", "Tpke", "View", "Vista", "Wharf", "Broadway", "Views", "Pines", "Walks",
    "Springs", "Squares", "Lakes", "Hills", "Ports", "Points", "Ridges", "Shores", "Stream", "Tunnel", "Union",
    "Unions", "Valley", "Valleys", "Via", "Village", "Villages", "Ville", "Well", "Wells", "Ways", "Burg", "Burgs",
    "Bypass", "Camp", "Canyon", "Cape", "Causeway", "Center", "Centers", "Cliff", "Cliffs", "Club", "Corner",
    "Corners", "Course", "Courts", "Creek", "Crest", "Curve", "Dale", "Dam", "Divide", "Drives", "Estate",
    "Extension", "Falls", "Ferry", "Field", "Fields", "Flat", "Flats", "Ford", "Fords", "Forest", "Forge",
    "Forges", "Fork", "Forks", "Fort", "Garden", "Gateway", "Glens", "Greens", "Harbors", "Haven", "Hollow",
    "Inlet", "Island", "Islands", "Isle", "Junction", "Junctions", "Key", "Keys", "Knoll", "Knolls", "Lake",
    "Light", "Lights", "Lock", "Locks", "Lodge", "Mall", "Manor", "Manors", "Mill", "Mills", "Mission",
    "Motorway", "Mount", "Mountain", "Mountains", "Neck", "Orchard", "Oval", "Overpass", "Plain", "Plains",
    "Port", "Prairie", "Radial", "Ramp", "Ranch", "Rapid", "Rapids", "Rest", "River", "Roads", "Shoal",
    "Shoals", "Shore", "Skyway", "Spring", "Spur", "Stravenue", "Streets", "Throughway", "Trace", "Track",
    "Trafficway", "Underpass", "Viaduct", "Brook", "Brooks", "Bluff", "Bluffs", "Bottom", "Branch", "Bridge",
    "Crossroad", "Fall", "Freeway", "Extensions", "Parkways", "Coves", "Lights", "Loops", "Mountains", "Isles",
    "Rests", "Tracks", "Traces", "Unions", "Gardens", "Groves", "Harbor", "Heights", "Hills", "Lane", "Loaf", "Meadows",
    "Parks", "Passage", "Pine", "Plaza", "Ports", "Row", "Rue", "Squares", "Terrace", "Trails", "Wall",
)  # fmt: skip
UNIT_WORDS = (
    "Apt",
    "Apartment",
    "Suite",
    "Ste",
    "Unit",
    "Floor",
    "Fl",
    "Room",
    "Rm",
    "Bldg",
    "Building",
    "Flat",
)

#: Given names that are also common words, places, months or products ("Will", "Grace",
#: "Georgia", "Jordan", "June", "Ruby", "Alexa") or romanized Chinese syllables ("Li",
#: "Ming"): alone they are not taken as a name; with a surname or a title they are.
AMBIGUOUS_GIVEN = frozenset(
    """Will Mark Grace Hope Faith Joy June April May Summer Autumn Dawn Rose Lily Iris Ivy Jade Ruby Pearl Hazel
    Violet Daisy Holly Heather Olive Amber Crystal Georgia Virginia Jordan Austin Lincoln Victoria Florence Chelsea
    Chase Hunter Carter Parker Mason Cooper Grant Bill Bob Sue Guy Frank Earl Max Jack Ray Lee Dean Glen Dale
    Sandy Nova Genesis Harper Piper Willow Aurora Savannah Brooklyn Kennedy Madison Eve Jan Miles Brooks Cole Wade
    Wells Young Rich Phil Art Jean Gene Drew Lance Chance Hudson Alexa Julia Jasmine Sierra Camila Paris Sydney
    Dakota Carolina Luna Skylar Quinn Riley Avery Bella Stella Sage Jay Kay Ali Raj Li Wei Ming Hui Jun Yan Ying
    Hong Xin Lei Jing Fang Hao Chen Yu Yi Mei Lin Ling Jian Xiao Zhi Feng Tao Min Seo Ji Hye Jae Kai Beau Jude
    Ken Ben Sam Tom Tim Dan Don Ron Ted Ed Jim Joe Al Pat Kim Liz Deb Kate Nick Matt Rob Reuben Louis Marion
    Christian Justice Noble Major Prince King Royal Sterling Easton Lincoln Logan Everett Graham Rowan Silas Ezra
    Asher Axel Levi Eli Luke Isaac Leo Owen Theodore Oliver Jasper Emery Autumn Everly Paisley Nevaeh Serenity
    Rosemary Blake Morris""".split()
)

#: Given names that are also well-known places (countries, US states, large cities): Faker's city
#: lists hold ~400 given names as the names of small towns ("Melissa", "Moira", "Maurice", "Martin");
#: only these stay places for the PERSON rules ("Phoenix Suns", "met in Geneva", "Florence is famous").
GIVEN_NAMES_THAT_ARE_PLACES = frozenset(
    """Adelaide Alabama Alberta Alexandria America Arizona Atlanta Augusta Aurora Austin Bali Basel Berlin Boston
    Bristol Charlotte Chelsea China Cleveland Columbus Cuba Dallas Denver Florence Florida France Francia Geneva
    Georgia Grecia Holland Houston India Indiana Ireland Israel Jackson Jordan Kenia Kenya Kingston Libia Lincoln
    London Louisiana Lucca Madison Manila Melbourne Memphis Milan Missouri Modena Montana Nevada Oman Orlando
    Paris Philippine Phoenix Raleigh Regina Reno Richmond Roma Rome Salvador Santiago Savannah Siena Sydney Tennessee Texas
    Valencia Venice Verona Victoria Virginia Washington Wellington""".split()
)

#: Surnames that are common English words ("Jelly Bean", "Red Cross", "Golden Gate"): they
#: make a name only after a given name or a title, not after any capitalised word.
SURNAMES_THAT_ARE_WORDS = frozenset(
    """Rose Stone Wood Woods Green Black White Brown Long Bell Hill King Young Cross Day May Page Love Rich Best Good
    Strong Small Wise Golden House Church Branch Case Snow Moon English French Person Frank Christian Short Noble
    Rivers Banks Fields Lane Park Fox Wolf Hunt Mills Marsh Glass Bush Cook Baker Cooper Carpenter Hunter Mason
    Potter Fisher Farmer Walker Gardner Porter Chase Grant Price Ward Reed Gray Long Ross Ford Bond Wall Mack Moss
    Hale Holt Cain Kirk Bass Horn Burns Powers Sparks Flowers Waters Summers Meadows Spears Weeks Case Best Good
    Little Lucky Guy Joy Hope Dean Miles Walls Rush Hood Cherry Bean Salt Star Sun Power Field Lake Hall Cole
    Jordan Austin Houston Washington Lincoln Jackson Carson Hamilton Franklin Madison Monroe Jefferson Tyler""".split()
)

#: Chinese surnames in Hanyu Pinyin (and the common Cantonese/Wade-Giles spellings), for
#: names written in Latin letters, surname first ("Wang Fang", "Zhang Xiaoming").
PINYIN_SURNAMES = frozenset(
    """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang
    Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Qian Fu
    Fan Jin Shi Tan Liao Jia Xia Cui Zhong Qin Qiu Meng Xiong Bai Kong Mao Hao Wan Gu Lai Wen Kang Dai Yan Yin Tao
    Mo Hou Shao Long Qi Niu Chan Cheung Wong Leung Lam Chow Ng Tsang Kwok Ho Yip Tse Hui Fung Lau Chiu Tsai Hsu Chang""".split()
)
#: One or two Hanyu Pinyin syllables, capitalised: a given name written in Latin letters.
PINYIN_GIVEN = (
    r"^(?:(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un"
    r"|ia|ie|ua|uo|ue|ui|iu|er|a|o|e|i|u|v)){1,2}$"
)

#: Titles that introduce a person's name.
HONORIFICS = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Madam",
    "Rev",
    "Judge",
    # relatives and religious titles used before a given name ("Uncle Rashid", "Granny Pat", "Sheikh Hamad")
    "Uncle",
    "Aunt",
    "Auntie",
    "Granny",
    "Grandma",
    "Grandpa",
    "Sheikh",
    "Imam",
    "Rabbi",
)

#: Words after "Dear" (or alone) that greet no one by name ("Dear Sir or Madam", "Dear Friends and Family").
SALUTATION_WORDS = frozenset(
    """Sir Sirs Madam Madame Friend Friends Family Customer Customers Colleague Colleagues Member Members Team
    All Everyone Everybody Reader Readers Parent Parents Student Students Manager Hiring Valued Applicant Candidate
    Client Clients Partner Partners Neighbour Neighbours Neighbor Neighbors Guest Guests Folks Editor Editors
    Supporter Supporters Subscriber Subscribers User Users Shareholder Shareholders Resident Residents Committee
    Board Sponsor Sponsors Diary Santa Mom Mum Dad Mother Father Grandma Grandpa Brother Sister Son Daughter""".split()
)

#: Capitalised words that end a name candidate: a given name followed by one of
#: these is a place, product, organisation or heading ("Jordan River",
#: "Georgia Tech", "Virginia Beach", "Chase Bank"), not a person.
NOT_NAME_WORDS = frozenset(
    """The A An And Or Of In On At To For From By With Without About After Before Between Is Are Was Were Be Been
    This That These Those It Its He She They We You I My Our Your His Her Their Not No Yes All Any Some Every Each
    Street Avenue Road Boulevard Lane Drive Court Place Way Park Square Bridge River Lake Mountain Mountains Valley
    Beach Bay Island Islands Harbor Harbour Creek Falls Hills Canyon Forest Desert Coast Sea Ocean Gulf Point Station
    City County State States Province Republic Kingdom Empire Union United National International Federal Royal
    University College School Academy Institute Hospital Clinic Center Centre Church Cathedral Museum Library Hall
    Hotel Airport Stadium Arena Theatre Theater Tower Building Plaza Mall Market Memorial Monument Cemetery Zoo
    Company Corporation Corp Inc Ltd LLC Group Holdings Bank Trust Fund Capital Partners Associates Foundation
    Society Association Council Committee Department Ministry Agency Office Bureau Service Services Systems
    Technologies Technology Tech Software Labs Lab Studio Studios Games Media Network Networks Records Press
    News Times Post Journal Magazine Radio Television TV Show Series Season Episode Edition Version Release
    Pro Plus Max Mini Air Ultra Lite Edge Cloud Server Desktop Mobile Phone Watch Pad Book Books Notebook App Apps
    Code Script Framework Library Engine Kit SDK API Platform Browser Player Reader Editor Manager Assistant
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Spring Summer Autumn Fall Winter Christmas Easter Night Week Year
    Northern Southern Eastern Western Central Upper Lower New Old Great Little Big Saint
    Award Awards Prize Cup League Championship Tournament Festival Conference Summit Expo Olympics Games Open
    Act Law Bill Treaty Agreement Declaration Report Review Project Program Programme Initiative Plan Policy
    Avenue Ave St Rd Blvd Ln Dr Ct Pl Hwy Inn Cafe Restaurant Bar Grill Kitchen Pizza Coffee Tea House Home
    Care Health Medical Dental Pharmacy Insurance Energy Power Oil Gas Motors Auto Airlines Air Rail Express
    Tree Flower Rose Garden Gardens Farm Ranch Wine Beer Water Fire Earth Wind Stone Rock Gold Silver Diamond
    God Lord Jesus Christ Bible Gospel Holy Saints Angels Kings Queens Knights Warriors Lions Tigers Bears
    English Chinese French German Spanish American British European African Asian Canadian Australian
    Indian Japanese Korean Russian Italian Mexican Brazilian Dutch Swedish Irish Scottish Welsh Latin
    Street Team Club Band Choir Orchestra Quartet Trio Family Brothers Sisters Sons Daughters Co Bros Follow
    Published Share Posted Updated Read More Says Said Editor Reporter Staff Writer Photo Photos Video Videos
    Comments Reply Like Tweet Email Print Login Sign Subscribe Click Here Home Menu Search Jr
    General Overview Introduction Summary Index Contents Appendix Reference Notes Tutorial Glossary Changelog
    Party Parkway Highway Freeway Expressway Terrace Crescent Circle Carnival Parade Marathon List Disneyland
    Causeway Turnpike Tunnel Motorway Bypass Blvd Mosque Temple Synagogue""".split()
)
