"""Street addresses written the way most of the world writes them, for the
English-text ADDRESS recognizer (``recognizers_address_en.py``).

The US pattern there needs a street-type word after the street name ("12 Main
Street"). Most countries write the street name first and the house number
after it ("Lodskovvej 28", "ul. Narewska 94", "Rákóczi út 13.", "Rua das Pedras
930", "Gosposka ulica 47"), often with a building or flat number before it
("92 Eusebio Dávila 57"), and then unit, town, region, postcode and country on
the same line after commas or on the following lines (Universal Postal Union,
*Postal addressing systems in member countries*). A street name followed by a
number is also how prose names sections, versions and dates ("Chapter 12",
"Python 3", "12 March 2019"), so this form is taken only with evidence that it
is an address:

* an address cue right before it ("address:", "lives at", "located at", "sent
  to", "moved to", "deliver to", "return to", "meet me at", "the corner of"), or
* a unit right after it ("Apt. 825", "Suite 980", "Flat 2"), on the same line
  or the next, with a house number before the street or a street word in it, or
* a line of its own that starts with a house number, with a town, postcode or
  unit line right below it (an envelope-style block).

Every street found (by these rules or the US/European patterns) is then
widened: a building number written before it ("51 101 Montreal Street") and
the parts that follow it, after commas or line breaks (one blank line allowed
before a last postcode line): unit, town or region (capitalised words joined by
"de", "la", "van", "and", ...), two-letter state code, postcode (US ZIP, UK,
Canadian, Dutch, Polish, Brazilian, 4-6 digits) and country. Each part must end
at a comma, line end or sentence end, so a sentence after the address is not
taken in ("... 12 Main Street, Springfield is lovely" ends at "Street").

A postcode after "zip code"/"postcode" is an ADDRESS too ("my zip code is
86786"): with the town it places a person, and HIPAA counts it an identifier.

Linear time: every rule is tried at a bounded set of positions (cue ends, unit
words, line starts), each with a bounded, possessive pattern, and the widening
reads at most ``MAX_PARTS`` parts.
"""

from __future__ import annotations

import re

import re2
import regex

from .stop_words import STOP_WORDS

#: Lower-case words that join the words of a street, town or country name.
CONNECTORS = frozenset(
    "de del della delle dei di da do dos das du des la le les l' d' van der den von vom zu am an im y e i et and "
    "of upon sur sous en nad pod u. ul. al. av. st. str. út útja utca tér ulica rue via calle rua avenida avenue "
    "chemin allée strada strasse straße gasse weg plads vej gade gata gatan tie katu tee plein straat laan gate vei veien "
    "vegen veg stien terrasse plass bakken allé gränd väg rkp. köz sor körút náměstí nábřeží třída ulice námestie "
    "ulica".split()
)
#: Words of prose that never belong to a street or town name (with spaCy's English stop words).
_NOT_PLACE = (STOP_WORDS - CONNECTORS) | {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "chapter", "section", "page",
    "version", "volume", "vol", "part", "step", "figure", "table", "item", "line", "level", "grade", "class",
    "python", "java", "windows", "ios", "android", "release", "rev", "revision", "phase", "stage", "round",
    "season", "episode", "game", "week", "day", "year", "years", "days", "hours", "minutes", "number", "no",
    "thanks", "thank", "regards", "best", "sincerely", "cheers", "yours", "hi", "hello", "dear", "tel", "phone",
    "mobile", "email", "e-mail", "fax", "desk", "office", "cell", "website", "web", "note", "attn",
}  # fmt: skip
NOT_PLACE = _NOT_PLACE
#: Street words that make a name-then-number run a street with no cue ("Koepenicker Str. 74").
STREET_WORDS = regex.compile(
    r"(?i)(?:\p{L}(?:stra(?:ss|ß)e|str\.|gasse|weg|allee|platz|plads|damm|vej|gade|gata|gatan|vägen|veien|straat|"
    r"laan|gracht|plein|kade|katu|tie|utca|ulica)|^(?:stra(?:ss|ß)e|str\.|út|útja|tér|ul\.|u\.|utca|ulica|rue|via|"
    r"viale|piazza|corso|calle|avenida|avenue|paseo|carrer|camino|camiño|plaza|rua|praça|travessa|estrada|largo|"
    r"chemin|boulevard|allée|quai|c/|ctra\.|street|road|lane|drive|vej|gade|gata|plads))$"
)
_W_UP = r"(?:\p{Lu}[\p{L}\p{M}'’.-]*+|C/)"  # a capitalised word (or the Spanish "C/" for calle)
_W_ANY = r"(?:\p{L}[\p{L}\p{M}'’.-]*+|C/|c/)"
_CONN = r"(?:" + "|".join(regex.escape(c) for c in sorted(CONNECTORS, key=len, reverse=True)) + r")"


def _core(word: str) -> regex.Pattern:
    """Optional building numbers, one to five name words, a house number (``12``, ``12a``, ``13.``)."""
    return regex.compile(
        r"(?P<lead>(?:\d{1,6}+[ \t]++){0,2}+)"
        rf"(?P<name>(?:(?:{word}|{_CONN})[ \t]++){{1,5}}?)"
        r"(?P<num>\d{1,5}+(?:bis|ter|[a-zA-Z])?(?:[-/]\d{1,4}+[a-zA-Z]?)?(?![\w-])(?:\.(?=[ \t\n,]|$))?)"
    )


CORE_UP = _core(_W_UP)
CORE_ANY = _core(_W_ANY)
_UNIT = r"(?:Apt|Apartment|Suite|Ste|Unit|Flat|Room|Rm|Floor|Fl|Bldg)\.?[ \t]?#?[0-9]{1,5}+[A-Za-z]?(?![\w])"
UNIT_UP = regex.compile(rf"(?<![\w]){_UNIT}")
UNIT_ANY = regex.compile(rf"(?i)(?<![\w]){_UNIT}")
_POSTCODE = (
    r"(?:\d{5}-\d{4}|\d{5}-\d{3}|\d{4}-\d{3}|\d{2}-\d{3}|\d{3}[ \t]\d{2}|\d{4}[ \t]?[A-Z]{2}(?![\w])|\d{4,6}+"
    r"|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|[A-Z]\d[\dW][ \t]?[A-Z\d]{4}|[A-Z]\d{4}[A-Z]{3})(?![\w])"
)  # the last two: an Irish Eircode (F56 KD92, D6W X285), an Argentine CPA (C1043AAZ)
#: After a town only: a Japanese postcode (Tokyo 105-0011, 〒105-0011), which alone reads like a phone number.
_PLACE_PC = rf"(?:{_POSTCODE}|〒?[ \t]?\d{{3}}-\d{{4}}(?![\w-])|(?<=City[ \t]|County[ \t])\d{{3}}(?:\d{{2}})?(?![\w-])|\d{{7}}(?![\w-]))"
#: An Irish county ("Co. Sligo") and a city's postal district ("Dublin 2", "Dublin 6W") inside a place part.
_COUNTY = r"(?:(?:Co|Col)\.[ \t]++)?"  # also a Mexican colonia ("Col. Juárez")
_DISTRICT = r"(?:[ \t]++\d{1,2}+[A-Z]?(?=[ \t]*+(?:[,;\n|)]|[.!?](?:\s|$)|$)))?"
POSTCODE = regex.compile(_POSTCODE)
#: Where a part must end: a comma, a line end, a sentence end or the text's end.
_PART_END = r"(?:(?=[ \t]*+(?:[,;\n|)]|[.!?](?:\s|$)|$))|(?<=[.!?])(?=\s))"
#: A part with a postcode may also end before a lower-case word ("London SW1A 2AA tomorrow").
_PC_PART_END = r"(?=[ \t]*+(?:[,;\n|)]|[.!?](?:\s|$)|$)|[ \t]++(?:\p{Ll}|[-–—][ \t]))"
#: Before a town only: an Argentine postcode of the old form, a province letter and four digits ("X5000 Córdoba").
_PC_BEFORE_TOWN = rf"(?:{_POSTCODE}|[A-Z]\d{{4}}(?![\w]))"
#: A province written in brackets after its town, as Canada Post's French form has it ("Montréal (Québec)
#: H3B 4W8"): read only before the postcode.
_PROVINCE_BRACKETS = (
    r"(?:[ \t]++\((?:Québec|Quebec|QC|Qc|Ontario|ON|Nouveau-Brunswick|NB|Manitoba|MB)\)(?=[ \t]++[A-Z]\d))?"
)
_PLACE_UP = regex.compile(
    rf"(?:(?P<pc0>{_PC_BEFORE_TOWN})[ \t]++)?{_COUNTY}(?P<words>{_W_UP}(?:[ \t]++(?:{_W_UP}|{_CONN})){{0,4}}?){_DISTRICT}"
    rf"{_PROVINCE_BRACKETS}(?:(?:[ \t]++(?P<pc>{_PLACE_PC}){_PC_PART_END})|{_PART_END})"
)
_PLACE_ANY = regex.compile(
    rf"(?:(?P<pc0>{_POSTCODE})[ \t]++)?{_COUNTY}(?P<words>{_W_ANY}(?:[ \t]++{_W_ANY}){{0,4}}?){_DISTRICT}"
    rf"(?:[ \t]++(?P<pc>{_PLACE_PC}))?{_PART_END}"
)
#: A postcode written before its town may end the address before a lower-case word or a dash
#: ("Hauptstraße 5, 10115 Berlin by Friday", "1165 København K"): the postcode marks the part.
_PLACE_PC_FIRST = regex.compile(
    rf"(?P<pc0>{_POSTCODE})[ \t]++(?P<words>{_W_UP}(?:[ \t]++(?:{_W_UP}|{_CONN})){{0,4}}?)"
    r"(?=[ \t]++(?:\p{Ll}|[-–—][ \t]))"
)
#: Floor, door and flat parts of continental European and Latin American addresses, after the street
#: ("4º izq.", "3ºB", "2. th.", "3. OG", "Piso 5 Dto. B", "depto 1504", "Stiege 2, Top 14", "m. 15",
#: "Scala B, Int. 6", "casa 2", "Hinterhaus"): read as a unit part, so the town and postcode after them
#: are reached.
_WORLD_UNIT_WORD = (
    r"(?:(?i:piso|planta|depto|dpto|dto|departamento|oficina|of|int|interior|interno|apto|apartamento|casa|bureau|app|appartement|"
    r"local|sala|andar|bloco|bloque|portal|puerta|pta|esc|escalera|scala|piano|stiege|stg|top|tür|whg|"
    r"wohnung|etage|bât|bâtiment|escalier|porte|lok|lokal|kv|m)\.?[ \t]*+(?:\d{1,4}+[A-Za-z]?|[A-Z])(?![\w])"
    r"|\d{1,2}+(?:[º°ª](?:[ \t]?+(?:[A-Z](?![\w])|(?i:izq|izda|izquierda|dcha|dch|der|derecha|esq|esquerdo|dto|dir|"
    r"direito|frente|fte|ctro|centro)\.?))?+|\.[ \t]?(?:th|tv|mf|sal|OG|EG|DG|Stock|étage|og|st)\.?)"
    r"|Hinterhaus|Vorderhaus|Seitenflügel|Gartenhaus|Quergebäude"
    r"|\d{1,2}+(?:st|nd|rd|th)[ \t](?i:floor|fl\.)|(?i:floor|fl\.)[ \t]?\d{1,2}+(?![\w]))"
)
_WORLD_UNIT = regex.compile(
    rf"{_WORLD_UNIT_WORD}(?:[ \t]++{_WORLD_UNIT_WORD}){{0,2}}+(?:{_PART_END}|(?=[ \t]++(?:at|in|on|by|and|from)\b))"
)  # ("120 W 45th St, 3rd floor at noon")
#: A staircase or door letter right after the house number ("Aleksanterinkatu 52 A,", "Mannerheimintie
#: 12 B 7,"): Nordic and Finnish addresses.
_STAIR = regex.compile(r"[ \t][A-H](?:[ \t]\d{1,3}+)?(?=[ \t]*+,)")
#: A state or province code, maybe with its postcode (which, as a postcode part, may end before a lower-case
#: word: "Fresno, CA 93747 but it never came").
_STATE_CODE = regex.compile(rf"[A-Z]{{2}}(?:[ \t]++{_POSTCODE}{_PC_PART_END}|{_PART_END})")
_POSTCODE_PART = regex.compile(rf"{_POSTCODE}{_PC_PART_END}")
#: Between parts: a comma (and maybe a line break), or a line break (a quote or bullet may start a line).
_SEP = regex.compile(
    r"[ \t]*+,[ \t]*+(?:\n[^\w\n]{0,4}+[ \t]*+)?|[ \t]*+(?:\n|\|(?!\|))[^\w\n|]{0,4}+[ \t]*+,?[ \t]*+"
)
_BLANK_SEP = regex.compile(r"[ \t]*+(?:\n[^\w\n]{0,4}+\n|\|\|)[^\w\n|]{0,4}+[ \t]*+")
_SPACE_SEP = regex.compile(r"[ \t]++")
#: A town, an Australian state and its postcode after a street with no comma, as Australian addresses are
#: written ("12 Smith St Fitzroy VIC 3065", "PO Box 123 Fortitude Valley QLD 4006"; Australia Post).
_SPACED_AU_TOWN = regex.compile(
    r"(?:\p{Lu}[\p{L}'’-]*+[ \t]++){1,3}?(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)[ \t]++\d{4}(?![\w])"
)
MAX_PARTS = 6
#: Building numbers right before a street ("51 101 Montreal Street", "94 P.O. Box 101").
_LEAD_BEFORE = regex.compile(r"(?<![\w#/.,:-])(?:\d{1,6}+[ \t]){1,2}+$")
#: Cues that name an address outright; after the others ("is at", "sent to") a street of one
#: name word and no building number is not enough ("is at Gate 12").
STRONG_CUE = regex.compile(r"(?i)\b(?:address|addr|lives?|lived|living|resid\w*|located|corner)\b")
#: A unit right before a street ("Apt. 630 39 Rincon 9082", "Suite 600, 1075 West Georgia Street").
UNIT_BEFORE = regex.compile(
    r"(?i)(?<![\w])(?:(?:Apt|Apartment|Suite|Ste|Unit|Flat|Room|Rm|Level|Floor|Shop)\.?[ \t]?#?[0-9]{1,5}+[A-Za-z]?(?:/\d{1,3}+)?"
    r"|(?-i:(?:Flat|Unit|Room|Shop)[ \t][A-Z]\d{0,2}+(?![\w]))"
    r"|(?:Ground|First|Second|Third|Top|Basement|Garden|\d{1,2}(?:st|nd|rd|th))[ \t](?:Floor(?:[ \t]Flat)?|Flat)"
    r"|(?:\d{1,3}|G|LG|UG)/F|\#\d{1,3}-\d{1,5}[A-Z]?"  # (a Singapore floor-unit: "#03-12, 101 Thomson Road")
    r"|(?:Tower|Block|Building|Bldg\.?)[ \t]\d{1,3}[A-Z]?|(?-i:(?:Tower|Block|Building|Wing)[ \t][A-Z](?![\w])))"
    r"[ \t]*+,?[ \t]*+\n?[ \t]*+$"
)
#: A word every match of ``UNIT_BEFORE`` holds (a superset: `re`, any case, no boundaries): a window
#: without one is not searched for a unit (one `re` pass instead of up to three `regex` searches).
UNIT_BEFORE_WORD = re.compile(
    r"(?i)apt|apartment|suite|ste|unit|flat|room|rm|level|floor|shop|/f|tower|block|building|bldg|wing|#\d"
)
#: Address cues (RE2: one linear pass with no backtracking; the `regex` module tried every
#: text position against the alternation and was 10x slower): the address starts right after them.
CUES = re2.compile(
    r"(?i)\b(?:(?:(?:billing|shipping|mailing|home|postal|street|delivery|new|my|his|her|their|our|your)\s)?"
    r"address(?:es)?(?:\s+(?:is|was|with|to|as|of|here))?|addr\.?|"
    r"(?:lives?|lived|living|located|resides?|residing|based|headquartered|stay(?:s|ing)?|arrived|is|are|meet"
    r"(?:\s(?:me|us))?|off|office)\s+(?:at|on)|"
    r"(?:moved?|sent|send|ship(?:ped)?|deliver(?:ed)?|return(?:ed)?|mail(?:ed)?|forward(?:ed)?)"
    r"(?:\s[\w'’]{1,12}){0,3}?\s+to|taxi\s+to|(?:live[sd]?|living)\s+in|"
    r"address\sof\s[^,.:;\n]{1,40}?\sis|"
    r"(?:the\s)?corner\sof)\b"
)
#: What may follow a cue before the address: a colon, a line break, "the corner of".
_CUE_TAIL = regex.compile(r"[ \t]*+[:=-]?[ \t]*+(?:\n[ \t>]*+){0,2}+(?:(?:the[ \t])?corner[ \t]of[ \t])?")
ZIP_CUE = regex.compile(
    rf"(?i)(?<![\w])(?:zip(?:[ \t]?code)?|postal[ \t]code|post[ \t]?code|eircode|(?P<pin>pin[ \t]?code))(?:[ \t]++(?:is|was))?"
    rf"[ \t]*+[:#-]?[ \t]*+(?P<pc>(?-i:{_POSTCODE}))"
)
#: The six digits of an Indian PIN code after "PIN code" ("PIN code: 560011"; a card's PIN is not named so).
PIN_DIGITS = regex.compile(r"[1-8]\d{5}")


def _name_ok(name: str, lower_doc: bool) -> bool:
    """The name words of a street: not prose (stop words, months, "Chapter"), and in a mixed-case
    text at least one capitalised word or street word."""
    words = name.split()
    if not words:
        return False
    if words[0].lower() in _NOT_PLACE or words[-1].lower() in _NOT_PLACE:
        return False
    if any(w.lower() in _NOT_PLACE and w.lower() not in CONNECTORS for w in words):
        return False
    return lower_doc or any(w[0].isupper() for w in words)


#: A building named between a floor and the street (Hong Kong: "12/F, Tower 2, The Harbourside, 1 Austin
#: Road West"), taken only when a floor, tower or block is written right before it.
BUILDING_BEFORE = regex.compile(
    r"(?<![\w])(?:\p{Lu}[\p{L}'’-]*+[ \t]++){0,3}?\p{Lu}[\p{L}'’-]*+[ \t]*+,[ \t]*+$"
)
#: A named building, estate or business park on the line (or comma part) before the street: taken with
#: the unit written before it ("Unit 12, Riverside Business Park\nWandle Way", "Suite 4, Kings Court, ...").
NAMED_BUILDING_BEFORE = regex.compile(
    r"(?<![\w])(?:\p{Lu}[\p{L}'’-]*+[ \t]++){0,3}?(?:Park|Estate|Centre|Center|House|Building|Court|Plaza|Tower|"
    r"Towers|Mill|Works|Yard|Wharf|Complex|Arcade|Mews|Chambers|Residency|Residences|Heights|Apartments|Mansions|"
    r"Enclave|Square)[ \t]*+(?:,[ \t]*+\n?|\n)[ \t]*+$"
)
FLOOR_UNIT = regex.compile(r"(?i)/F|Floor|Tower|Block|Level")


def core_at(text: str, pos: int, lower_doc: bool):
    """A street written name-then-number starting at ``pos`` (with its building numbers), or None."""
    m = (CORE_ANY if lower_doc else CORE_UP).match(text, pos, min(len(text), pos + 120))
    if m is None or not _name_ok(m.group("name"), lower_doc):
        return None
    return m


def has_street_word(name: str) -> bool:
    return any(STREET_WORDS.search(w) is not None for w in name.split())


def space_before(text: str, pos: int) -> bool:
    """A space or tab right before ``pos``, or before a line break that ends ``text[:pos]`` (where `regex`'s
    ``$`` matches too): what a pattern ending in ``[ \t]$`` searched up to ``pos`` needs to match."""
    if pos >= 1 and text[pos - 1] == "\n":
        pos -= 1
    return pos >= 1 and text[pos - 1] in " \t"


def lead_start(text: str, start: int) -> int:
    """``start`` moved back over building numbers written right before it."""
    a = start - 1 if start >= 1 and text[start - 1] == "\n" else start  # (where ``$`` may match)
    if a < 2 or text[a - 1] not in " \t" or not text[a - 2].isdigit():
        return start  # (no digit and space before: the search below finds nothing; per finding it cost ~5%)
    m = _LEAD_BEFORE.search(text, max(0, start - 16), start)
    return m.start() if m is not None else start


#: Plural nouns that follow a count, not a postcode ("2448 Miles", "3500 Pages", "12000 Passengers").
COUNT_WORDS = frozenset(
    "miles acres pages passengers guests fans users people points copies votes runners visitors members students "
    "employees jobs homes words steps units items hours days weeks months years minutes seconds dollars euros pounds "
    "tons tonnes feet metres meters kilometres kilometers km kg views downloads subscribers followers likes calories "
    "degrees percent times tickets seats rooms beds cars vehicles games goals yards wins songs albums books episodes "
    "players teams schools stores shops companies countries cities languages lines cases deaths patients troops "
    "soldiers workers residents households families children adults women men animals species trees spectators "
    "attendees participants volunteers signatures customers orders sales units packages boxes bottles".split()
)


def _place_ok(words: str, lower_doc: bool, pc_first: bool = False) -> bool:
    ws = words.split()
    if pc_first and ws[0].lower() in COUNT_WORDS:
        return False  # "Route 66, 2448 Miles long": a count, not a postcode and a town
    if len(ws) > 1 and len(ws[-1]) == 2 and ws[-1].isupper():
        ws = ws[:-1]  # "Toronto ON M5C 1G6": a province or state code, not the stop word "on"
    if ws[0].lower() in _NOT_PLACE or ws[-1].lower() in _NOT_PLACE:
        return False
    if lower_doc and any(w in _NOT_PLACE and w not in CONNECTORS for w in ws):
        return False
    return True


def _part_at(text: str, p: int, lower_doc: bool, after_unit: bool, loose_pc: bool = True):
    """(end, kind) of one address part at ``p``: unit, postcode, state code or place. ``loose_pc`` False:
    a postcode-first town must end at a comma, line or sentence end (not before a lower-case word)."""
    end = min(len(text), p + 80)  # every match bounded: `regex` scans ahead for a required literal
    unit = UNIT_ANY.match(text, p, end)  # (after a street "apt 4" is a unit in any case: "88 Pine Rd apt 4")
    if unit is not None:
        return unit.end(), "unit"
    unit = _WORLD_UNIT.match(text, p, end)
    if unit is not None:
        return unit.end(), "unit"
    m = _POSTCODE_PART.match(text, p, end)
    if m is not None:
        return m.end(), "postcode"
    m = _STATE_CODE.match(text, p, end)
    if m is not None:
        return m.end(), "state"
    m = (_PLACE_ANY if lower_doc else _PLACE_UP).match(text, p, end)
    if m is not None and _place_ok(m.group("words"), lower_doc, m.group("pc0") is not None):
        return m.end(), "place+postcode" if m.group("pc") or m.group("pc0") else "place"
    if lower_doc:
        return None
    m = _PLACE_PC_FIRST.match(text, p, end) if loose_pc else None
    if m is not None and _place_ok(m.group("words"), lower_doc, True):
        return m.end(), "place+postcode"
    m = _COUNTRY_WORD.match(text, p, end)  # "Lagos, Nigeria before noon": a country ends the address
    if m is not None:
        return m.end(), "place"
    return None


#: A street match that ends in its unit ("#12-01", "Apt 4B").
_ENDS_UNIT = regex.compile(
    r"(?:#|(?<![\w])(?i:apt|apartment|suite|ste|unit|flat|room|rm)\.?[ \t]?#?)[0-9][\w-]{0,7}+$"
)


def tail_end(
    text: str, end: int, lower_doc: bool, unit_follows_ok: bool = True, loose_pc: bool = True
) -> int:
    """The end of an address whose street ends at ``end``: the unit, town, region, state,
    postcode and country parts that follow it (module docstring)."""
    n = len(text)
    p = end
    stair = _STAIR.match(text, p, min(n, p + 8))
    if stair is not None:
        p = stair.end()
    last_kind = "street"
    if not lower_doc and _ENDS_UNIT.search(text, max(0, p - 16), p) is not None:
        # "78 Shenton Way #12-01 Singapore 079120": after a street ending in its unit a town may follow after
        # a space, as after a unit (and a second unit, as after a street)
        last_kind = "street+unit"
    for _ in range(MAX_PARTS):
        if p >= n:
            break
        step = None
        for sep in (_SEP, _SPACE_SEP):
            s = sep.match(text, p, min(n, p + 24))
            if s is None:
                continue
            if sep is _SPACE_SEP and "\n" in text[p : s.end()]:
                continue
            q = s.end()
            part = _part_at(text, q, lower_doc, last_kind == "unit", loose_pc)  # ("street+unit": as a street)
            if sep is _SPACE_SEP and last_kind != "unit" and text[q : q + 1].isupper():
                au = _SPACED_AU_TOWN.match(text, q, min(n, q + 60))
                if au is not None:
                    part = au.end(), "place+postcode"
                    step = part
                    break
            if part is None:
                continue
            # space-separated (no comma or line break): only a unit after the street, or a
            # town after a unit ("Str. 74 Suite 980 Reichenbach")
            if sep is _SPACE_SEP and not (
                (part[1] == "unit" and last_kind in ("street", "street+unit") and unit_follows_ok)
                or (last_kind in ("unit", "street+unit") and part[1] != "unit")
            ):
                continue
            step = part
            break
        if step is None:
            s = _BLANK_SEP.match(
                text, p, min(n, p + 24)
            )  # one blank line, then a last "Country 12345" or postcode line
            if s is not None:
                part = _part_at(text, s.end(), lower_doc, False)
                if part is not None and part[1] in ("postcode", "place+postcode"):
                    p = part[0]
            break
        p, last_kind = step
        if last_kind == "place+postcode" and text[p : p + 1] != ",":
            # "Finland 80896": the country and postcode end the address; "Leeds LS6 2AB" may have
            # its country on the next line
            nxt = _SEP.match(text, p, min(n, p + 24))
            if nxt is not None and "\n" in text[p : nxt.end()]:
                c = _COUNTRY_LINE.match(text, nxt.end(), min(n, nxt.end() + 40))
                if c is not None:
                    p = c.end()
            break
        if last_kind == "postcode" and text[p : p + 1] != ",":
            # a postcode usually ends the address; a country may still follow on the next line
            nxt = _SEP.match(text, p, min(n, p + 24))
            if nxt is None:
                break
            part = _part_at(text, nxt.end(), lower_doc, False)
            if part is not None and part[1] == "place" and "\n" in text[p : nxt.end()]:
                p = part[0]
            break
    return p


#: Country names written on the last line of an address block (after a town and its postcode).
COUNTRIES = (
    "United Kingdom", "UK", "U.K.", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland",
    "Ireland", "United States", "United States of America", "USA", "U.S.A.", "US", "Canada", "Australia",
    "New Zealand", "Singapore", "Japan", "Germany", "France", "Netherlands", "The Netherlands", "Belgium",
    "Luxembourg", "Switzerland", "Austria", "Italy", "Spain", "Portugal", "Sweden", "Norway", "Denmark",
    "Finland", "Iceland", "Poland", "Czech Republic", "Czechia", "Hungary", "Greece", "India", "China",
    "Hong Kong", "Taiwan", "Malaysia", "Philippines", "South Africa", "Mexico", "Brazil", "Argentina",
    "South Korea", "Korea", "Republic of Korea", "Nigeria", "Ghana", "Kenya", "Indonesia", "Israel", "Colombia",
    "Chile", "Peru", "Turkey", "Thailand", "Vietnam", "Pakistan", "Bangladesh", "Sri Lanka", "Egypt", "Morocco",
    "United Arab Emirates", "UAE", "Saudi Arabia", "Qatar", "Romania", "Slovakia", "Slovenia", "Croatia",
    "Estonia", "Latvia", "Lithuania", "Ukraine", "Deutschland", "España", "Italia", "Nederland", "Schweiz",
    "Suisse", "Österreich", "Brasil", "México",
)  # fmt: skip
_COUNTRY_LINE = regex.compile(
    "(?:"
    + "|".join(regex.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True))
    + r")(?![\w])"
    + r"[ \t]*+(?=[\n,.;|]|$)"
)


_COUNTRY_WORD = regex.compile(
    "(?:" + "|".join(regex.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True)) + r")(?![\w])"
    r"(?=[ \t]++\p{Ll}|[ \t]*+[-–—][ \t])"
)


def tail_has_evidence(text: str, end: int, tail: int) -> bool:
    """A tail that places the street: a unit or a postcode in it."""
    chunk = text[end:tail]
    return UNIT_ANY.search(chunk) is not None or POSTCODE.search(chunk) is not None


#: Characters of text one ``prepare`` call reads at most (its passes' results are held until each text is
#: analysed: ~10 bytes a character); the texts past it are read by ``analyze`` as before.
PREPARE_BUDGET = 1 << 22


def prepared_share(texts) -> list[str]:
    """The texts of a batch one ``prepare`` call reads: its strings, in order, up to ``PREPARE_BUDGET``
    characters (the English recognizers' batch passes: ``EnglishAddressRecognizer.prepare``)."""
    out, size = [], 0
    for t in texts:
        if isinstance(t, str):
            size += len(t)
            if size > PREPARE_BUDGET:
                break
            out.append(t)
    return out


def cue_ends(text: str, cues=None):
    """Positions right after each address cue. ``cues``: ``CUES.finditer(text)``'s matches when the
    caller has them (read for a whole batch, pattern by pattern: ``EnglishAddressRecognizer.prepare``)."""
    n = len(text)
    for m in CUES.finditer(text) if cues is None else cues:
        e = m.end()
        yield _CUE_TAIL.match(text, e, min(n, e + 24)).end()


_COMMA = regex.compile(r"[ \t]*+,[ \t]*+")


def has_town_after(text: str, end: int) -> bool:
    """A comma and a capitalised town or region (ending at a comma, line or sentence end) right after ``end``."""
    c = _COMMA.match(text, end, min(len(text), end + 16))
    if c is None:
        return False
    part = _part_at(text, c.end(), False, False)
    return part is not None and part[1] in ("place", "place+postcode", "postcode")
