"""The ``generalize`` action (替换、泛化: desensitization by generalization, GB/T
35273-2020 3.14 and the de-identification techniques of GB/T 37964-2019 /
ISO/IEC 20889 8.3): a value is replaced by a coarser one that keeps what a
model may learn (a region, a year, an age band) and drops what singles a
person out.

=================  ============================================  =============================
entity             levels (first: default)                       example
=================  ============================================  =============================
ADDRESS            ``city``, ``province``                        浙江省杭州市西湖区文三路826号 -> 浙江省杭州市;
                                                                 12 Main St, Springfield, IL -> Springfield, IL;
                                                                 221B Baker Street, London NW1 6XE -> London
PERSON             ``initials``, ``first_initial``               张伟 -> 张某 (both); Bobby Jackson -> B. J. / B.
DATE_OF_BIRTH      ``year``, ``decade``                          1980年8月27日 -> 1980年 / 1980年代
AGE                ``band10``, ``band5``                         43岁 -> 40-49岁; aged 43 -> aged 40-49
CN_ID_CARD         ``region_year``, ``province_year``, ``year``  330106196012139416 -> 3301061960********
=================  ============================================  =============================

Full-width digits are read as ASCII ones (``width.py``). Where a value cannot be generalized (an English street address without a
city, a county whose city is not known, an entity without a rule) the
``replace`` tag is used instead: generalizing never leaves the value.
"""

from __future__ import annotations

from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from .lexicon import STREET_TYPES, UNIT_WORDS, US_STATES, chinese
from .width import fold_width

GENERALIZABLE = ("ADDRESS", "PERSON", "DATE_OF_BIRTH", "AGE", "CN_ID_CARD")


class GeneralizeLevels(BaseModel):
    """Level of the ``generalize`` action per entity (module docstring)."""

    model_config = ConfigDict(extra="forbid")

    ADDRESS: Literal["city", "province"] = Field(
        "city", description="keep the city (or only the province/state)"
    )
    PERSON: Literal["initials", "first_initial"] = Field(
        "initials", description="Chinese: surname + 某; English: initials (B. J.) or the first initial (B.)"
    )
    DATE_OF_BIRTH: Literal["year", "decade"] = Field("year", description="keep the year or the decade")
    AGE: Literal["band10", "band5"] = Field("band10", description="10-year (40-49) or 5-year (40-44) bands")
    CN_ID_CARD: Literal["region_year", "province_year", "year"] = Field(
        "region_year",
        description="keep the 6-digit region and birth year, the province and year, or the year",
    )


_CJK = regex.compile(r"[\u3400-\u9fff]")
_EN_TAIL = regex.compile(
    r",?\s*(?P<city>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+){0,2}),?\s+(?P<state>"
    + "|".join(sorted(list(US_STATES.values()) + list(US_STATES), key=len, reverse=True))
    + r")(?![\w])(?:,?\s+\d{5}(?:-\d{4})?)?\s*$"
)
_TITLE = regex.compile(r"^(?P<title>(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Madam|Rev|Judge)\.?)\s+")
_NUMBER = regex.compile(r"[0-9]{1,3}")
_YEAR = regex.compile(r"(?:19|20)[0-9]{2}")


_DIVISION_ENDS = tuple("省市区县州盟旗")
_STREET_STARTS = frozenset("路街道巷弄里村镇乡大")


_DIRECTIONS = frozenset("东西南北中")
_RANK = {"province": 0, "prefecture": 1, "county": 2}


def _road_follows(value: str, i: int) -> bool:
    """A road or street name goes on at ``i``: 路/街/道… directly, or after a direction (东路, 西大街)."""
    nxt = value[i : i + 1]
    return nxt in _STREET_STARTS or (nxt in _DIRECTIONS and value[i + 1 : i + 2] in _STREET_STARTS)


def _divisions_prefix(value: str) -> list:
    """The GB/T 2260 divisions written at the start of a Chinese address, in order."""
    lex = chinese()
    out = []
    p = 0
    longest = 12
    while p < len(value):
        for k in range(min(longest, len(value) - p), 1, -1):
            name = value[p : p + k]
            d = lex.divisions.get(name)
            if d is not None and not name.endswith(_DIVISION_ENDS) and _road_follows(value, p + k):
                d = None  # 中山路, 北京东路: a road named after a city
            if d is not None and out and _RANK[d.level] < _RANK[out[-1].level]:
                d = None  # 凯里市北京…: a province never follows a county
            if d is not None:
                out.append(d)
                p += k
                break
        else:
            break
    return out


def _address(value: str, level: str) -> str | None:
    if _CJK.search(value):
        # imported here: recognizers_address_zh imports actions, which imports this module
        from .recognizers_address_zh import TRADITIONAL_TO_SIMPLIFIED

        divs = _divisions_prefix(value.translate(TRADITIONAL_TO_SIMPLIFIED))  # 臺北市大安區 -> 台北市
        if not divs:
            return None
        province = next((d.province for d in divs if d.province), "")
        city = next((d.city for d in divs if d.level == "prefecture"), "") or next(
            (d.city for d in divs if d.level == "county" and d.city), ""
        )
        if level == "province":
            return province or None
        if city and province and city != province:
            return province + city
        return city or province or None
    m = _EN_TAIL.search(value)
    if m is None:
        return None if level == "province" else _last_place(value)
    words = m.group("city").split(" ")
    # after a comma the words are the town's ("..., Fort Worth TX": Fort is also a USPS street type)
    after_comma = "," in value[m.start() : m.start("city")]
    street = -1 if after_comma else max((i for i, w in enumerate(words) if w in _STREETISH), default=-1)
    city = " ".join(words[street + 1 :])  # "500 Oak Rd Austin TX": Austin
    if level == "province" or not city:
        return m.group("state")
    return f"{city}, {m.group('state')}"


_STREETISH = frozenset(STREET_TYPES) | frozenset(UNIT_WORDS)
_NOT_TOWN = frozenset(
    ("Level", "Floor", "Tower", "Block", "Blk", "Room", "Flat", "Unit", "Suite", "Apartment")
)
_PLACE_WORDS = regex.compile(r"\p{Lu}\p{Ll}+(?:[ \-](?:\p{Lu}\p{Ll}+|de|la|le|du|sur|am|an|upon))*")


def _last_place(value: str) -> str | None:
    """An address without a US state: the town of its last line or comma part after the
    first ("221B Baker Street, London NW1 6XE" -> London, "4 Rue de Rivoli, 75004 Paris" ->
    Paris), postcodes dropped; None when no part after the street is a plain place name."""
    parts = [p.strip() for p in regex.split(r"[,\n]|[ \t][-–][ \t]", value)]  # "São Paulo - SP"
    from .address_parts import (
        COUNTRIES,
    )  # here: address_parts imports spaCy's stop words (config checks must not)

    if len(parts) > 2 and parts[-1] in COUNTRIES:
        parts = parts[:-1]  # "Leopoldstraße 28, 80802 München, Germany" -> München, not the country
    for part in reversed(parts[1:]):
        # postcodes and state codes dropped ("Sydney NSW 2000" -> Sydney, "1017 BP Amsterdam" -> Amsterdam)
        words = " ".join(w for w in part.split() if not any(c.isdigit() for c in w) and not w.isupper())
        if _PLACE_WORDS.fullmatch(words) and not any(
            w in _STREETISH or w in _NOT_TOWN for w in words.split()
        ):
            return words
    return None


def _person(value: str, level: str) -> str:
    value = value.strip()
    if _CJK.match(value):
        lex = chinese()
        surname = value[:2] if value[:2] in lex.compound_surnames else value[0]
        return surname + "某"
    title = ""
    m = _TITLE.match(value)
    if m is not None:
        title = m.group("title") + " "
        value = value[m.end() :]
    words = [w for w in regex.split(r"\s+", value) if w and w[0].isalpha()]
    if not words:
        return title.strip() or "X."
    if level == "first_initial" or title:
        return title + (words[-1][0] if title else words[0][0]) + "."
    return " ".join(w[0] + "." for w in words)


def _age(value: str, folded: str, level: str) -> str | None:
    m = _NUMBER.search(folded)
    if m is None:
        return None
    width = 10 if level == "band10" else 5
    lo = int(m.group()) // width * width
    return value[: m.start()] + f"{lo}-{lo + width - 1}" + value[m.end() :]  # "年龄：" stays as written


def _dob(value: str, level: str) -> str | None:
    m = _YEAR.search(value)
    if m is None:
        return None
    year = int(m.group())
    chinese_form = _CJK.search(value) is not None
    if level == "decade":
        return f"{year // 10 * 10}年代" if chinese_form else f"{year // 10 * 10}s"
    return f"{year}年" if chinese_form else str(year)


def _cn_id(value: str, level: str) -> str | None:
    digits = "".join(c for c in value if c.isdigit() or c in "Xx")
    if len(digits) == 18:
        region, year = digits[:6], digits[6:10]
    elif len(digits) == 15:
        region, year = digits[:6], "19" + digits[6:8]
    else:
        return None
    if level == "province_year":
        region = region[:2] + "****"
    elif level == "year":
        region = "******"
    return region + year + "*" * 8


def generalize(entity: str, value: str, levels: GeneralizeLevels) -> str | None:
    """The generalized form of ``value``, or None when there is none (use the replace tag)."""
    level = getattr(levels, entity, None)
    if level is None:
        return None
    value, written = fold_width(value), value  # "１９８５年", "３９岁": the rules read ASCII digits
    if entity == "ADDRESS":
        return _address(value, level)
    if entity == "PERSON":
        return _person(value, level)
    if entity == "AGE":
        return _age(written, value, level)
    if entity == "DATE_OF_BIRTH":
        return _dob(value, level)
    if entity == "CN_ID_CARD":
        return _cn_id(value, level)
    return None
