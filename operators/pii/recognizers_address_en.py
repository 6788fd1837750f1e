"""ADDRESS in English and other Latin-script text; Chinese: ``recognizers_address_zh.py``.

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

import itertools
import re

import re2
import regex

from .actions import Finding
from .address_parts import (
    BUILDING_BEFORE,
    CORE_ANY,
    CORE_UP,
    CUES,
    FLOOR_UNIT,
    NAMED_BUILDING_BEFORE,
    NOT_PLACE,
    PIN_DIGITS,
    POSTCODE,
    STRONG_CUE,
    UNIT_ANY,
    UNIT_BEFORE,
    UNIT_BEFORE_WORD,
    UNIT_UP,
    ZIP_CUE,
    core_at,
    cue_ends,
    has_street_word,
    has_town_after,
    lead_start,
    prepared_share,
    space_before,
    tail_end,
    tail_has_evidence,
)
from .lexicon import DATA, STREET_TYPES, UNIT_WORDS, US_STATES, english_given_names, world_given_names

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
#: Types written in capitals, as forms, labels and invoices write whole addresses ("14 OAK STREET"); not the
#: short forms that are codes too (CT, PL, DR: a state, a country, a doctor).
_CAPS_TYPES = tuple(
    "STREET ST ROAD RD AVENUE AVE LANE LN DRIVE BOULEVARD BLVD COURT PLACE WAY CRESCENT CLOSE TERRACE GROVE "
    "HIGHWAY HWY PARKWAY PKWY".split()
)
_TYPES = "|".join(sorted((*STREET_TYPES, *_MORE_TYPES, *_CAPS_TYPES), key=len, reverse=True))
_UNITS = "|".join(UNIT_WORDS)
_STATE_NAMES = "|".join(sorted(US_STATES.values(), key=len, reverse=True))
_STATE_CODES = "|".join(US_STATES)
#: Types that may follow another type word that is part of the name ("Orchard View Road", "Pine Hill
#: Street", "Laurel Green Court").
_MAIN_TYPES = "Street|Road|Avenue|Lane|Drive|Boulevard|Circle|Court|Way|Place|Terrace|Turnpike|Parkway|Highway|Trail|Crescent"
_EN_ADDRESS = regex.compile(
    r"(?=[NSEWU]?\d)(?<![\w#/.,-])(?P<num>(?:[NSEW](?=\d{3})|U(?=\d{1,4}+/\d))?\d{1,6}+(?:[A-Za-z]?/\d{1,5}+(?![\d/]))?[A-Za-z]?(?:-\d{1,4}+)?)\s++"
    r"(?:block\s++of\s++)?(?P<street>(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s++)?"
    r"(?:(?:\p{Lu}[\p{L}'’.-]*+|\d{1,3}+(?:st|nd|rd|th)"
    r"|\d{1,3}+(?=[ \t](?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Trail)\.?[ \t](?:NW|NE|SW|SE)(?![\w])))"
    r"\s++){1,4}?)"
    rf"(?P<type>{_TYPES})(?![\w-])(?:\s(?:{_MAIN_TYPES}|Rd|Ave|Blvd|Ln|Dr|Ct|Pl|Cir|Ter|Trl|Pkwy)(?![\w-]))?(?P<dot>\.)?"
    r"(?:\s(?:N|S|E|W|NE|NW|SE|SW|[A-Z]{1,2}(?=,)|\d{1,4}(?=,)"
    r"|(?:Northwest|Northeast|Southwest|Southeast|North|South|East|West|Central|Upper|Lower)(?![ \t]++\p{Lu}))(?![\w]))?"
    rf"(?P<unit>,?\s++(?:(?:{_UNITS})\.?\s*+#?|#)\s*+[\w-]{{1,8}}+)?"
    rf"(?P<tail>,\s*+(?P<city>\p{{Lu}}\p{{Ll}}++(?:\s\p{{Lu}}\p{{Ll}}++){{0,2}}+),?\s++"
    rf"(?P<state>{_STATE_NAMES}|{_STATE_CODES})(?![\w])(?:,?\s++(?P<zip>\d{{5}}(?:-\d{{4}})?)(?!\d))?)?"
)
_CAPS_TYPE_SET = frozenset(_CAPS_TYPES)
_CAPS_WORD_NEXT = regex.compile(r"[ \t]++(?!(?:APT|SUITE|STE|UNIT|FLAT|NO)(?![\w]))\p{Lu}{2,}(?![\w])")
_ABBREVIATIONS = frozenset(
    "St Ave Av Rd Blvd Ln Dr Ct Pl Ter Pkwy Cir Hwy Sq Trl Cres Aly Plz Expy Fwy Xing Pt Hts Rte Tpke "
    "ST AVE RD BLVD LN PKWY HWY".split()
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
    r"(?:(?i:rue|avenue|av\.|bd|boul\.?|ch\.|rang|boulevard|chemin|allée|impasse|quai|calle|avenida|rua|travessa|estrada|largo|"
    r"viale|piazza|corso|strada|paseo|carrer|camino)|Via|Place|Route|Cours|Passage)[ \t]++"
    r"(?:(?:\p{Lu}[\p{L}'’.-]*+|della|des|dos|das|del|de|du|la|les|le|l'|d'|di|da|do|y|e)[ \t]*+){1,6}+"
)
_NUMBER_FIRST_GATE = re2.compile(
    r"(?i)\d(?:\s?(?:bis|ter)|[a-z])?,?\s(?:rue|avenue|av\.|bd|boul\.?|ch\.|rang|boulevard|place|chemin|allée|impasse|quai|route|cours|passage|calle|avenida|rua|"
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
    r"(?:Street|Road|Avenue|Lane|Boulevard|Drive|Court|Crescent|Terrace|Close|Circle|Place|Way|Grove|Row|Mews)"
    r"(?:[ \t](?:East|West|North|South))?)(?![\w])"
    r"(?![ \t]++\p{Lu})"  # (a stall in Hester Street Fair: a name, not the street)
)
#: First words of no street named alone ("in The Street in ...", "of This Road").
_NOT_STREET_FIRST = frozenset("the this that a an our my his her their your its every each no".split())
#: Type words a street named without a number ends in (``_NAMED_STREET``, ``_NEWS_STREET``).
_ALONE_TYPE_WORDS = frozenset(
    "Street St Road Rd Avenue Ave Lane Boulevard Blvd Drive Dr Court Crescent Terrace Close Circle Place Way Grove "
    "Row Mews".split()
)
#: "on", "in", "along" or "off", then one to three capitalised words, right before a type word.
#: The preposition alone (`re`; a superset: ASCII word characters before it): a window without one is not
#: searched with ``_PREP_BEFORE``.
_PREP_WORD = re.compile(
    r"(?<![A-Za-z0-9_])(?:on|in|along|off|of|to|at|near|outside|behind|opposite|from)[ \t]"
)
_PREP_BEFORE = regex.compile(
    r"(?<![\w])(?P<prep>on|in|along|off|of|to|at|near|outside|behind|opposite|from)[ \t]++"
    r"(?P<name>(?:(?:\p{Lu}[\p{L}'’-]*+|\d{1,3}+(?:st|nd|rd|th))[ \t]++){1,3}+)$"  # ("a store on 5th Avenue")
)
#: A direction written after the street's type word ("Lawrence Avenue East", "Bermondsey Wall East").
_DIRECTION_AFTER = regex.compile(r"[ \t](?:East|West|North|South)(?![\w])")
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
    # written out ("Post Office Box 45")
    r"|Post[ \t]Office[ \t]Box[ \t]\d{1,8}+(?!\d)"
    r"|(?:RR|R\.R\.|Rural[ \t]Route|HC|HCR|Star[ \t]Route)[ \t]?\#?[ \t]?\d{1,4}+(?:,?[ \t]Site[ \t]\d{1,4}+)?,?[ \t](?:Box|Comp)"
    r"[ \t]\d{1,5}+(?!\d)"
    # a rural route alone before a comma and its capitalised town ("RR #2, Smithville, ON L0R 2A0")
    r"|(?-i:(?:RR|R\.R\.|Rural[ \t]Route)[ \t]?\#?[ \t]?\d{1,2}+(?=,[ \t]*+\p{Lu}\p{Ll}))"
    # Australian and New Zealand bags, a Canadian case postale, a private mailbox; a New Zealand rural
    # delivery number and Canada Post's general delivery only before a comma and a capitalised town
    r"|(?:GPO|Locked|Private)[ \t]Bag[ \t]\d{1,6}+(?!\d)|C\.P\.[ \t]?\d{1,6}+(?!\d)|(?:PMB|RMB)[ \t]\d{1,6}+(?!\d)"
    r"|(?-i:POB[ \t]\d{1,6}+(?=,[ \t]*+\p{Lu}\p{Ll}))"
    r"|(?-i:RD[ \t]\d{1,2}+(?=,[ \t]*+(?:\p{Lu}\p{Ll}++[ \t]){1,3}+\d{4}(?![\w]))|General[ \t]Delivery(?=,[ \t]*+\p{Lu})))"
)
#: Where a match of ``_PO_BOX`` may start (RE2, any case; a superset of each alternative's first words).
_PO_BOX_START = re2.compile(
    r"(?i)\b(?:g?p[^\p{L}\p{N}]{0,4}o[^\p{L}\p{N}]{0,4}box|post[ \t]office[ \t]box|rr|r\.r\.|rural[ \t]route|hcr?|star[ \t]route|gpo|locked"
    r"|private|c\.p\.|pmb|rmb|pob|rd|general[ \t]delivery)"
)
#: US military mail: "Unit 2962 Box 5219, DPO AP 36157", "PSC 1234, Box 5678, APO AE 09012",
#: "USNS Björklund, FPO AP 07688".
_MILITARY = regex.compile(
    r"(?<![\w])(?:Unit[ \t]\d{3,5}+[ \t]Box[ \t]\d{1,5}+|PSC[ \t]\d{3,5}+,?[ \t]Box[ \t]\d{1,5}+|"
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
_ZIP_GATE = re2.compile(r"(?i)\b(?:zip|postal|post[ \t]?code|eircode|pin[ \t]?code)")
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
_MILITARY_GATE = re2.compile(r"(?i)[AFD]PO[ \t](?:AA|AE|AP)[ \t]\d{5}")
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
#: An Indian village address: the village, then its post office, tehsil or taluka, police station or district
#: ("Vill. Rampur, P.O. Sohna, Dist. Gurgaon", "Village Khera, Post Office Bawana, Tehsil Narela", "VPO Kheri,
#: Teh. Gohana, Distt. Sonipat"); the state and PIN code after it are read by the widening.
_IN_NAME = r"\p{Lu}[\p{L}.'’-]*+(?:[ \t]++\p{Lu}[\p{L}.'’-]*+){0,3}+"
_IN_VILLAGE = regex.compile(
    rf"(?<![\w])(?:Vill(?:age)?\.?|V\.?P\.?O\.?|Vill(?:age)?\.?[ \t]*+(?:&|and)[ \t]*+P\.?O\.?)[ \t]*+[:-]?[ \t]*+{_IN_NAME}"
    r"(?:[ \t]*+,[ \t]*+(?:P\.?[ \t]?O\.?|Post(?:[ \t]Office)?|Teh(?:sil)?\.?|Tal(?:uka?)?\.?|Dist(?:t|rict)?\.?|P\.?S\.?"
    rf"|Mandal|Thana)[ \t]*+[:-]?[ \t]*+{_IN_NAME}){{1,4}}+"
)
#: A landmark opening an Indian address in place of a house ("Near SBI Bank, Station Road, Jhansi 284001").
_IN_LANDMARK = regex.compile(r"(?<![\w])(?:Near|Nr\.|Opp\.|Opposite|Behind|Beside)[ \t]++(?=\p{Lu})")
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
_HOUSE_WORDS = (
    r"Cottage|Cottages|House|Rectory|Vicarage|Farm|Farmhouse|Lodge|Barn|Mill|Hall|Manor|View|Villa|Grange|"
    r"Croft|Gables|Orchard|Mews|Chambers|Mansions|Court|Tower|Towers|Building|Apartments|Granary|Stables|Forge|Oast|"
    r"Bungalow|Dairy|Chapel|Schoolhouse|Smithy|Coach[ \t]House|Old[ \t]School|Bakery|Brewery|Maltings|Boathouse|"
    r"Post[ \t]Office|Arches|Warehouse"
)
_HOUSE_NAME_BEFORE = regex.compile(
    rf"(?<![\w])(?:The[ \t]++)?(?:\p{{Lu}}[\p{{L}}'’-]*+[ \t]++){{0,3}}?(?:{_HOUSE_WORDS})[ \t]*+(?:,[ \t]*+|\n[ \t]*+)$"
)
#: A house name, a comma and the words of a street named without a number ("Holly Cottage, School Lane").
_HOUSE_STREET = regex.compile(
    rf"(?<![\w])(?:The[ \t]++)?(?:\p{{Lu}}[\p{{L}}'’-]*+[ \t]++){{0,3}}?(?:{_HOUSE_WORDS})[ \t]*+,[ \t]*+"
    r"(?P<name>(?:\p{Lu}[\p{L}'’-]*+[ \t]++){1,3}+)$"
)
#: A house name right after an address cue, before a comma ("Address: Mill Farm, Little Hadham").
_HOUSE_AT = regex.compile(
    rf"(?:The[ \t]++)?(?:\p{{Lu}}[\p{{L}}'’-]*+[ \t]++){{0,3}}?(?:{_HOUSE_WORDS})(?=[ \t]*+,)"
)
#: A house name before a comma, anywhere in a postcode's window (``_street_postcode``): its words bounded.
_HOUSE_NAMED_BEFORE_COMMA = regex.compile(
    rf"(?<![\w#/.,:$€£'’-])(?:The[ \t]++)?(?:\p{{Lu}}[\p{{L}}'’-]{{0,30}}+[ \t]++){{0,3}}?(?:{_HOUSE_WORDS})(?=[ \t]*+,)"
)
#: The house words alone (`re`: a window without one is not searched with ``_HOUSE_NAME_BEFORE``).
_HOUSE_WORD = re.compile(_HOUSE_WORDS)
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
#: A Singapore HDB block whose street has no type word ("Blk 210 Toa Payoh North, #02-15", "Blk 18 Jalan
#: Membina #01-05", "blk 45 bedok north st 1 #03-11"), taken up to its floor-unit (#05-67) or before
#: "Singapore" and its six-digit postcode.
_SG_BLOCK = regex.compile(
    r"(?<![\w])(?i:blk|block)\.?[ \t]?\d{1,4}+[A-Za-z]?[ \t]++(?P<name>(?:\p{L}[\p{L}'’.-]*+|\d{1,3}+)"
    r"(?:[ \t]++(?:\p{L}[\p{L}'’.-]*+|\d{1,3}+)){0,5}+)"
    r"(?:,?[ \t]*+\#\d{2,3}+-\d{2,5}+[A-Za-z]?(?![\w-])|(?=,[ \t]*+Singapore[ \t]\d{6}(?!\d)))"
)
_SG_NOT_NAME = frozenset("of and in on at to for by with".split())  # ("Block 5 of the course covers #12-34")
_SG_GATE = re2.compile(
    r"(?i:blk|block)\.?[ \t]?\p{Nd}[^\n#]*#\p{Nd}|(?i:blk|block)\.?[ \t]?\p{Nd}[^\n]*Singapore[ \t]\p{Nd}{6}"
)
_JP_GATE = re2.compile(rf"\d-\d{{1,3}}(?:-\d{{1,4}})?[ \t]\p{{Lu}}|{_JP_TOWN_GATE.pattern}")
_JP_POSTCODE = regex.compile(r"(?<![\w-])\d{3}-\d{4}(?![\w-])")
#: The 121 UK postcode areas (Royal Mail): an outward code alone ("Leeds LS6", "Hove BN3") ends a street and
#: town in property listings, which leave the inward code out.
_UK_AREAS = (
    "AB|AL|BA|BB|BD|BH|BL|BN|BR|BS|BT|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|EC|EH|EN|EX|FK|FY|GL|GU|"
    "GY|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY|LA|LD|LE|LL|LN|LS|LU|ME|MK|ML|NE|NG|NN|NP|NR|NW|OL|OX|PA|PE|"
    "PH|PL|PO|PR|RG|RH|RM|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|TW|UB|WA|WC|WD|WF|WN|WR|WS|WV|"
    "YO|ZE|B|E|G|L|M|N|S|W"
)
#: A street named without a number, its town and an outward code ("Elm Road, Leeds LS6").
_STREET_OUTWARD = regex.compile(
    rf"(?<![\w#/.,:$€£-])(?:\p{{Lu}}\p{{Ll}}++[ \t]){{1,3}}?(?:{_TYPES}),[ \t]*+(?:\p{{Lu}}\p{{Ll}}++[ \t]){{1,2}}"
    rf"(?:{_UK_AREAS})\d[A-Z\d]?(?![\w])(?![ \t]*+\d[A-Z]{{2}})"
)
_STREET_OUTWARD_GATE = re2.compile(
    rf",[ \t]*\p{{Lu}}\p{{Ll}}+(?:[ \t]\p{{Lu}}\p{{Ll}}+)?[ \t](?:{_UK_AREAS})\d[A-Z\d]?\b"
)
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
            r"(?i:bag|c\.p\.|pmb|rmb|pob)[ \t]?\p{Nd}|RD[ \t]\p{Nd}|General[ \t]Delivery",  # (_PO_BOX)
            r"(?:RR|R\.R\.|Rural[ \t]Route)[ \t]?#?[ \t]?\p{Nd}",  # (_PO_BOX: a rural route alone)
            r"[A-Za-z.][ \t]{1,3}(?:[-–][ \t]{0,3})?[1-9][0-9]{5}\b",  # (a six-digit PIN after a town: _indian)
            r"(?:\p{Nd}|G)/F",  # a Hong Kong floor (_hk_floor)
            _SG_GATE.pattern,
            _STREET_OUTWARD_GATE.pattern,
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


def _windows(text: str, gates, reach: int = POSTAL_REACH, *, line: bool = True, skip_covered: bool = False):
    """(gate match, start of its window) for each match of ``gates`` (postcodes, PIN codes): the window
    is the ``reach`` characters before the match, on its line when ``line``, and after the previous
    match (windows never overlap). ``skip_covered``: a match ending inside the previous one is skipped."""
    done = 0
    for g in gates:
        s = g.start()
        if skip_covered and g.end() <= done:
            continue
        lo = max(done, s - reach)
        if line:  # (the line break looked for inside the window only: linear on one long line)
            lo = max(lo, text.rfind("\n", lo, s) + 1)
        done = g.end()
        yield g, lo


def _data_lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


#: An Irish county after "Co."/"County" (``data/address_en_ie_counties.txt``): the end of an Irish address,
#: which often has no house number and names a townland instead ("Knockroe, Castlerea, Co. Roscommon").
_IE_COUNTY = re2.compile(
    r"\b(?:(?:Co\.?|County)[ \t]+(?:"
    + "|".join(sorted(_data_lines("address_en_ie_counties.txt"), key=len, reverse=True))
    + r")|Dublin[ \t](?:1[0-8]|2[024]|6W|[1-9]))(?:[^\pL\pN'’-]|$)"  # (and Dublin's postal districts)
)
_IE_EIRCODE_AFTER = regex.compile(rf",?[ \t]*+{_EIRCODE}(?![\w])")
#: One part of an Irish address before the county: a townland, a town or a street (maybe with its house
#: number), capitalised words joined by Irish articles ("Ard Na Gréine", "Cill Chiaráin", "Lough Eske").
_IE_UNIT = r"(?:Apartment|Apt\.?|Flat|Unit|Suite|No\.|P\.?[ \t]?O\.?[ \t]Box|Box)[ \t]*+\d{1,5}+[A-Za-z]?"
_IE_PART = regex.compile(
    r"(?:\d{1,4}+[A-Za-z]?[ \t]++)?\p{Lu}[\p{L}'’.-]*+(?:[ \t]++(?:\p{Lu}[\p{L}'’.-]*+|na|an|on|the|of|upon|le|de)){0,4}+"
    # a flat, unit or box opening the address ("Apartment 12, The Elms, Blackrock, Co. Dublin", "PO Box 12,
    # Ballina, Co. Mayo")
    rf"|{_IE_UNIT}"
)
#: The first part, at the end of a sentence's words ("a house in Oranmore"): capitalised words only.
_IE_LAST = regex.compile(
    r"(?<![\p{L}\p{N}'’.-])(?:(?:\d{1,4}+[A-Za-z]?[ \t]++)?\p{Lu}[\p{L}'’.-]*+(?:[ \t]++(?:\p{Lu}[\p{L}'’.-]*+|na|an)){0,3}+"
    rf"|{_IE_UNIT})[ \t]*+$"
)
#: Words before a one-part Irish address ("Oranmore, Co. Galway") that place something there; "from",
#: "born in" or a bracket (a player's club) do not.
_IE_ONE_PART_CUE = regex.compile(
    r"(?i)(?<![\w])(?<!born[ \t])(?:at|in|to|on|near|outside|address|is)[ \t]*+:?[ \t]*+$|:[ \t]*+$"
)
#: Streets written with a house number and no type word (``data/address_en_one_word.txt``: "2230 Broadway",
#: "350 Bowery", "15 Piccadilly"), and Manhattan's numbered streets ("548 West 22nd").
_ONE_WORD_NAMES = "|".join(
    regex.escape(w) for w in sorted(_data_lines("address_en_one_word.txt"), key=len, reverse=True)
)
_ONE_WORD_SET = frozenset(_data_lines("address_en_one_word.txt")) | {"Main"}
_ORDINAL_WORDS = frozenset("First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth".split())
_ONE_WORD = regex.compile(
    rf"(?<![\w#/.,:$€£%-])\d{{1,5}}+[A-Za-z]?[ \t]++(?:(?:(?:[NSEW]|North|South|East|West)\.?[ \t]++)?(?:{_ONE_WORD_NAMES})"
    r"|(?:West|East|W\.?|E\.?)[ \t]++\d{1,3}+(?:st|nd|rd|th))(?![\w'’-])"
    r"(?![ \t]++(?:\p{Lu}|\d|(?i:shows?|musicals?|plays?|productions?|theat(?:re|er)s?|stars?|actors?|hits?|tickets?"
    r"|performances?|credits?|revivals?|houses?|seasons?|series)(?![\w])))"
)
_ONE_WORD_GATE = re2.compile(
    rf"\d[A-Za-z]?[ \t]+(?:(?:[NSEW]|North|South|East|West)\.?[ \t]+)?(?:{_ONE_WORD_NAMES})\b"
    r"|\d[ \t]+(?:West|East|W\.?|E\.?)[ \t]+\d{1,3}(?:st|nd|rd|th)\b"
)
#: Words before the house number of a one-word street that place it ("at 2230 Broadway", "moved to 77
#: Massachusetts", "leaving 740 Park", "Address: 350 Bowery").
_ONE_WORD_CUE = regex.compile(
    r"(?i)(?<![\w])(?:at|to|outside|near|leaving|left|from|opposite|of|address|returned|visit|on)[ \t]*+:?[ \t]*+$|:[ \t]*+$"
)
#: Streets named with no type word and no house number after a place word ("a flat on Deansgate", "lives on
#: Broadway", ``data/address_en_alone.txt``): the word before the place word is a home, premises or event word.
_ALONE_NAMES = "|".join(
    r"[Tt]he[ \t]" + regex.escape(w[4:]) if w.startswith("the ") else regex.escape(w)
    for w in sorted(_data_lines("address_en_alone.txt"), key=len, reverse=True)
)
_ALONE_GATE = re2.compile(rf"\b(?:on|along|off|at|near|outside|opposite)[ \t]+(?:{_ALONE_NAMES})\b")
_ALONE_STREET = regex.compile(
    rf"(?<![\p{{L}}'’-])(?P<before>[\p{{L}}'’-]{{1,20}}+)[ \t]++(?:on|along|off|at|near|outside|opposite)[ \t]++(?P<street>{_ALONE_NAMES})"
    r"(?![\w'’-])(?![ \t]++(?:\p{Lu}|\d|(?i:shows?|musicals?|plays?|productions?|theat(?:re|er)s?|stars?|actors?|hits?"
    r"|tickets?|performances?|credits?|revivals?|debuts?|seasons?|series|line|station|tube|circus)(?![\w])))"
)
#: Words right before the place word that place something on the street: homes, premises, residents and events.
_ALONE_BEFORE = frozenset(
    """flat flats house houses home homes apartment apartments property properties shop shops store stores bar bars
    pub pubs restaurant restaurants cafe cafes café cafés office offices hotel hotels club clubs bakery salon studio
    branch premises building buildings block unit business businesses takeaway boutique gallery bank showroom
    live lives lived living reside resides resided residing based residents neighbours neighbors tenants traders
    shoppers stabbed shot attacked robbed arrested injured killed crash collision blaze fire raid raided incident
    assault brawl fight""".split()
)
#: Films, shows and songs named after a numbered street (``data/address_en_titles.txt``).
_TITLES = frozenset(_data_lines("address_en_titles.txt"))
#: Numbered things before a house number ("Take Exit 14 Boulevard Ramp", "Gate 22 Court Road"): no address.
_NUMBERED_BEFORE = regex.compile(
    r"(?i)(?<![\w])(?:exit|gate|junction|route|platform|pier|terminal|studio|flight|track|episode|season|chapter)[ \t]++$"
)
#: A junction of two streets named with their types ("near Marcy Avenue and Myrtle Avenue", "at Lyndale
#: Avenue and 26th Street"): the second street, after the first street's type word.
_JUNCTION_TYPES = "Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Drive|Dr|Court|Place|Way|Parkway|Crescent|Terrace|Highway"
_JUNCTION_NEXT = regex.compile(
    r"\.?(?:[ \t]++(?:East|West|North|South|NE|NW|SE|SW))?[ \t]++(?:and|&)[ \t]++"
    r"(?:(?:\p{Lu}[\p{L}'’-]*+|\d{1,3}+(?:st|nd|rd|th))[ \t]++){1,3}?"
    rf"(?:{_JUNCTION_TYPES})(?![\w'’-])\.?(?:[ \t]++(?:East|West|North|South|NE|NW|SE|SW)(?![\w]))?"
)
#: The first street of a junction, right after a place word.
_JUNCTION_FIRST = regex.compile(
    r"(?<![\w])(?:at|on|near|of|outside|off|along|[Cc]nr\.?|[Cc]orner)[ \t]++"
    r"(?P<name>(?:(?:\p{Lu}[\p{L}'’-]*+|\d{1,3}+(?:st|nd|rd|th))[ \t]++){1,3}+)$"
)
#: A junction named with its cue and the first street's type; the second street typed, a numbered route or
#: one capitalised name ("the intersection of Elm Street and Route 9", "the junction of London Road and
#: Station Approach", "the corner of King Street and Bathurst"): ``_cued_junctions``.
_JUNCTION_STREET = (
    r"(?:(?:\p{Lu}[\p{L}'’-]{0,30}+|\d{1,3}+(?:st|nd|rd|th))[ \t]++){1,3}?(?:"
    + _JUNCTION_TYPES
    + r")(?![\w'’-])\.?"
)
#: The cue words of ``_JUNCTION_CUED`` (looked up with ``in``: a `re` gate of alternatives read every character).
_JUNCTION_CUES = ("intersection of ", "junction of ", "corner of ", "crossroads of ", "cnr of ")
_JUNCTION_CUED = regex.compile(
    r"(?<![\w])(?:intersection|junction|corner|crossroads|cnr)[ \t]++of[ \t]++(?P<j>"
    + _JUNCTION_STREET
    + r"[ \t]++(?:and|&)[ \t]++(?:(?:State[ \t]++)?(?:Route|Highway|Hwy|Rte|Interstate|US|SR)[ \t]++\d{1,4}+(?![\w])"
    + r"|"
    + _JUNCTION_STREET
    + r"|\p{Lu}[\p{L}'’-]{0,30}+(?:[ \t]++\p{Lu}[\p{L}'’-]{0,30}+)?+(?![\w'’-])(?![ \t]++\p{Lu})))"
)
#: A corner or intersection of two streets named without their types ("on the corner of 5th and Main", "the
#: intersection of Broadway and Houston"): capitalised names or ordinals, not before a capitalised word.
_CORNER_NAME = (
    r"(?:\p{Lu}[\p{L}'’-]*+(?:[ \t]\p{Lu}[\p{L}'’-]*+)?|\d{1,3}+(?:st|nd|rd|th)"
    r"|(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth))"
)
_CORNER = regex.compile(
    rf"(?<![\w])(?:corner|intersection|cnr)[ \t]++of[ \t]++(?P<j>{_CORNER_NAME}[ \t]++(?:and|&)[ \t]++{_CORNER_NAME})"
    r"(?![\w'’-])(?![ \t]++\p{Lu})"
)
#: A junction of a numbered street and a named one, written bare as US news and chat do ("near 63rd and Halsted",
#: "the 7-Eleven at 12th and Pine"), not a down in football ("1st and Goal").
_ORD_JUNCTION = regex.compile(
    r"(?<![\w])(?:at|near|on|of)[ \t]++(?P<j>(?:\d{1,3}+(?:st|nd|rd|th)[ \t]++(?:and|&)[ \t]++\p{Lu}[\p{L}'’-]*+"
    r"|\p{Lu}[\p{L}'’-]*+[ \t]++(?:and|&)[ \t]++\d{1,3}+(?:st|nd|rd|th)))(?![\w'’-])(?![ \t]++\p{Lu})"
)
_ORD_JUNCTION_GATE = re2.compile(
    r"\d(?:st|nd|rd|th)[ \t]+(?:and|&)[ \t]+[A-Z]|[A-Za-z][ \t]+(?:and|&)[ \t]+\d+(?:st|nd|rd|th)\b"
)
_NOT_JUNCTION_NAME = frozenset("Goal Goals Ten Long Short Inches Place Places".split())
#: A numbered road and the place on it, in news ("on the N25 near Killeagh", "on the A34 at Newbury").
_ROAD_NEAR = regex.compile(
    r"(?<![\w])(?:on|along|off)[ \t]++the[ \t]++(?P<road>[NMRAB]\d{1,4}+(?![\w])[ \t]++(?:near|at|outside|between)"
    r"[ \t]++(?!(?:Junction|Exit|Services|Interchange|Roundabout|Toll|The|This|That)(?![\w]))\p{Lu}\p{Ll}++(?:[ \t]\p{Lu}\p{Ll}++)?)"
)
_ROAD_NEAR_GATE = re2.compile(r"the [NMRAB]\d{1,4} (?:near|at|outside|between) [A-Z]")
#: The same with a US numbered road ("a crash on Route 9 in Wappingers Falls", "on Highway 101 near Gilroy");
#: not Route 66 (a song, a film, a byword: ``_FAMOUS``).
_US_ROAD_NEAR = regex.compile(
    r"(?<![\w])(?:on|along|off)[ \t]++(?:the[ \t]++)?(?P<road>(?:Route|Highway|Hwy\.?|Interstate|State[ \t]Route|US"
    r"|U\.S\.|County[ \t]Road)[ \t]\d{1,4}+(?![\w])[ \t]++(?:near|at|outside|between|in)[ \t]++"
    r"(?!(?:Junction|Exit|Services|Interchange|The|This|That|January|February|March|April|May|June|July|August"
    r"|September|October|November|December)(?![\w]))\p{Lu}\p{Ll}++(?:[ \t]\p{Lu}\p{Ll}++)?)"
)
_US_ROAD_GATE = re2.compile(
    r"(?:Route|Highway|Hwy\.?|Interstate|US|U\.S\.|County Road) \d{1,4} (?:near|at|outside|between|in) [A-Z]"
)
#: A box number with no "P.O." before a town and its postcode ("Box 771, Wasilla, AK 99687").
#: A numbered rural route or county road named without a house number ("State Route 9, Cedar Hollow, WV
#: 25071", "County Road 12, Fayette, AL 35555"): an address where its town and postcode follow (``_routes``).
_ROUTE = regex.compile(
    r"(?<![\w])(?:(?:State|County|US|U\.S\.|Farm[ \t-]to[ \t-]Market|Rural|Township|Forest)[ \t])?"
    r"(?:Route|Road|Highway|Hwy|Rte|Rd)[ \t]\d{1,4}+[A-Z]?(?![\w])(?=[ \t]*+,)"
)
_ROUTE_WORDS = frozenset(("Route", "Road", "Highway", "Hwy", "Rte", "Rd"))
_ROUTE_NUMBER = re.compile(r"[ \t]\d{1,4}[A-Z]?,")


def _route_gate(text: str, types: list) -> bool:
    """A route word (among the text's street-type words ``types``), a number and a comma ("Route 9,"): no pass
    over the text of its own."""
    return any(
        t.group() in _ROUTE_WORDS and _ROUTE_NUMBER.match(text, t.end(), t.end() + 8) is not None
        for t in types
    )


def _junction_gate(text: str, types: list) -> bool:
    """A junction's cue ("intersection of ", ``_JUNCTION_CUES``) in the 90 characters before one of the text's
    street-type words ``types`` (windows never overlap: each character read once per cue)."""
    done = 0
    for t in types:
        lo = max(done, t.start() - 90)
        if lo < t.start() and text.find(" of ", lo, t.start()) >= 0:
            window = text[lo : t.start()]
            if any(c in window for c in _JUNCTION_CUES):
                return True
        done = max(done, t.start())
    return False


#: With a Canadian post office's station after it ("Box 318, Station A, Toronto ON M5W 1B2").
_BARE_BOX = regex.compile(
    r"(?<![\w.])Box[ \t]\d{1,6}+(?![\w])(?:[ \t]*+,[ \t]*+(?:Station|Stn\.?|STN|Succ\.?|Succursale)[ \t][A-Z0-9]{1,3}+(?![\w]))?"
    r"(?=[ \t]*+,)"
)
#: A unit in a named business park or estate, with no street ("Unit 3, Kilbarry Industrial Park").
_UNIT_ESTATE = regex.compile(
    r"(?<![\w])(?:Units?|Suite|Block|Building)[ \t]\d{1,4}+[A-Z]?(?:-\d{1,4}+)?[ \t]*+,[ \t]*+"
    r"(?:\p{Lu}[\p{L}'’-]*+[ \t]++){1,3}?(?:Industrial|Business|Retail|Trading|Technology|Enterprise|Office|Science"
    r"|Shopping)[ \t]++(?:Park|Estate|Centre|Center|Campus)(?![\w])"
)
#: Streets in lower case after a place word (complaints, reviews: "the flat at 9b elm court", "outside
#: 41 beechwood close", "the shop at 10 the crescent"): types the plain lower-case rule leaves out.
_LOWER_CUED_TYPES = (
    "close|court|square|grove|gardens|green|mews|row|walk|rise|park|view|way|place|terrace|parade|crescent|hill"
    "|lane|avenue|drive|street|road|st|rd|ave|ln|dr|blvd|boulevard|cres|ct|pl"
)
_LOWER_CUED = regex.compile(
    r"(?<![\w])(?P<prep>at|to|outside|near|from|opposite|on|of|for|is"
    r"|(?:flat|apt|unit|suite|room)[ \t]*+\#?\d{1,4}+[a-z]?,?)[ \t]++"  # (a unit first: "flat 2 8 lansdown place")
    r"(?P<street>\d{1,5}+[a-z]?[ \t]++(?:the[ \t]++(?P<the>crescent|green|close|square|grove|mews|paddocks|parade|drive"
    r"|avenue|terrace|glebe|meadows|orchard|willows|maltings|courtyard)"
    r"|(?P<name>[a-z][a-z'’-]{1,20}+(?:[ \t]++[a-z][a-z'’-]{1,20}+)?)[ \t]++"
    rf"(?:{_LOWER_CUED_TYPES})))(?![\w'’-])"
)
_LOWER_CUED_GATE = (
    r"(?:at|to|outside|near|from|opposite|on|of|for|is|(?:flat|apt|unit|suite|room)[ \t]*\#?\d{1,4}[a-z]?,?)[ \t]+"
    r"\d{1,5}[a-z]?[ \t]+[a-z][a-z'’ \t-]*[ \t]"
    rf"(?:{_LOWER_CUED_TYPES}|paddocks|glebe|meadows|orchard|willows|maltings|courtyard)\b"
)
#: What a lower-case street in a long mixed-case text needs before its place word: someone lives, rents or
#: gets post there ("we live at 14 grange road", "the parcel was delivered to 22 oak lane").
_LOWER_STRONG_BEFORE = regex.compile(
    r"(?i)(?:live[sd]?|living|reside[sd]?|address|house|home|flat|apartment|property|deliver(?:ed|y)?|sent|moved"
    r"|parcel|package|landlord|tenant|rent(?:ed|ing)?|stay(?:ed|ing)?|left|dropped|parked)[ \t]++(?:was[ \t]++)?$"
)
#: Two streets at a junction sharing one plural type ("at the corner of Main and Elm streets").
_PLURAL_JUNCTION = regex.compile(
    r"(?<![\w])(?:of|at|near|on|outside|off|[Cc]nr\.?|[Cc]orner)[ \t]++(?P<j>(?:\p{Lu}[\p{L}'’-]*+|\d{1,3}+(?:st|nd|rd|th))"
    r"(?:[ \t]++\p{Lu}[\p{L}'’-]*+)?[ \t]++(?:and|&)[ \t]++(?:\p{Lu}[\p{L}'’-]*+|\d{1,3}+(?:st|nd|rd|th))"
    r"(?:[ \t]++\p{Lu}[\p{L}'’-]*+)?[ \t]++(?:[Ss]treets|[Aa]venues|[Rr]oads|[Bb]oulevards|[Dd]rives|[Ll]anes))$"
)
_PLURAL_TYPES = (" streets", " avenues", " roads", " boulevards", " drives", " lanes")
_PLURAL_TYPES += tuple(" " + w[1:].capitalize() for w in _PLURAL_TYPES)  # ("Cnr George and King Streets")
_LOWER_CUED_GATE = re2.compile(_LOWER_CUED_GATE)
#: A hundred block of a street named without its type, as US police reports write it ("in the 400 block of
#: Main", "the 2300 block of South Kedzie").
_BLOCK_OF = regex.compile(
    r"(?<![\w])[1-9]\d{0,2}00[ \t]block[ \t]of[ \t]++(?:(?:[NSEW]\.?|North|South|East|West)[ \t]++)?"
    r"\p{Lu}[\p{L}'’.-]*+(?:[ \t]++\p{Lu}[\p{L}'’.-]*+){0,2}+"
)
_BLOCK_OF_GATE = re2.compile(r"\d00 block of ")
#: Lower-case streets named without a number after "on/along/outside/near" (chat, complaints: "the bins on
#: willow grove are never emptied"): the type word, then its name read back.
_LOWER_ALONE_TYPE = re.compile(
    r"\b(?:street|road|avenue|lane|crescent|grove|terrace|boulevard|st|rd|ave)\b(?![.'’]?\w)"
)  # (short texts; "im on king st now", "we live off beech rd")
_LOWER_ALONE = regex.compile(
    r"(?<![\w])(?:on|along|outside|near|off)[ \t]++"
    r"(?P<name>(?:[a-z][a-z'’-]{2,20}+|\d{1,3}+(?:st|nd|rd|th))(?:[ \t]++[a-z][a-z'’-]{2,20}+)?)[ \t]++$"
)
#: Names of lower-case "streets" that are phrases ("memory lane", "easy street", "fast lane", "dirt road").
_NOT_LOWER_ALONE = frozenset(
    "memory easy silk dead rocky long open wrong right toll ring dirt country back side slip private public one "
    "high wall sesame penny fast slow bus cycle bike left middle inside outside passing express carpool turning "
    "inner outer main gravel paved busy quiet same different another dual single yellow brick abbey bumpy "
    "winding narrow steep icy wet muddy new old".split()
)
_PLURAL_GATE = re2.compile(
    r"(?:and|&)[ \t]+[^ \t\n]+(?:[ \t]+[^ \t\n]+)?[ \t]+(?:[Ss]treets|[Aa]venues|[Rr]oads|[Bb]oulevards|[Dd]rives|[Ll]anes)\b"
)
#: A flat in a named block with no street ("Flat 3, Riverside Mews", "Apartment 12, Kings Court"), a
#: flat or block lettered ("Flat B, Elm Court", "Block C, Riverside Estate": council and housing estates)
#: and buildings named "View" ("Flat 7, Harbour View", "Apartment 2, Sea View").
_FLAT_BUILDING = regex.compile(
    r"(?<![\w])(?:Flat|Apartment|Apt\.?|Block)[ \t](?:\d{1,4}+[A-Z]?|[A-Z])[ \t]*+,[ \t]*+"
    r"(?:\p{Lu}[\p{L}'’-]*+[ \t]++){1,3}?"
    r"(?:Court|House|Mews|Lodge|Mansions|Apartments|Towers?|Heights|Residences|Gardens|Buildings|Wharf|Quay|View|"
    r"Estate)(?![\w])"
)
_FLAT_BUILDING_GATE = re2.compile(
    r"(?:Flat|Apartment|Apt\.?|Block)[ \t](?:\p{Nd}{1,4}[A-Z]?|[A-Z])[ \t]*,[ \t]*\p{Lu}"
)
_UNIT_ESTATE_GATE = re2.compile(
    r"(?:Industrial|Business|Retail|Trading|Technology|Enterprise|Office|Science|Shopping)[ \t]+(?:Park|Estate|Centre"
    r"|Center|Campus)\b"
)
#: The rules of Irish addresses, one-word streets, numbered roads, cued lower-case streets, plural junctions,
#: business-park units and hundred blocks (a match of each rule contains a match of one of these).
_NEW_GATE = re2.compile(
    "|".join(
        f"(?:{g.pattern})"
        for g in (
            _IE_COUNTY,
            _ONE_WORD_GATE,
            _ALONE_GATE,
            _ROAD_NEAR_GATE,
            _US_ROAD_GATE,
            _ORD_JUNCTION_GATE,
            _LOWER_CUED_GATE,
            _PLURAL_GATE,
            _UNIT_ESTATE_GATE,
            _FLAT_BUILDING_GATE,
            _BLOCK_OF_GATE,
        )
    )
)
#: A house, flat, plot or floor opening an address written with no postcode, its parts after commas or line
#: breaks ("H.No. 14-3-201, Shanti Nagar, Hyderabad", "45/2, Gandhi Colony, Muzaffarnagar", "Flat 6, Jubilee
#: Court, Station Road, Wokingham", "2nd Floor, Anand Towers, Sector 18, Noida"): ``_house_parts``.
_HOUSE_FIRST = regex.compile(
    r"(?<![\w/.-])(?:(?:(?:House|Flat|Plot|Door|Shop|Quarter|Qtr|Unit|Apartment|Apt|Suite|Office|Room)\.?[ \t]++"
    r"(?:[Nn]o\.?[ \t]*+)?|(?:[HD]\.?[ \t]?)?No\.?[ \t]*+)"
    r"(?:[A-Z]-?\d{1,4}+(?:/\d{1,4}+)?|\d{1,4}+(?:-\d{1,4}+){1,3}+(?:/[A-Z0-9]{1,4}+)?|\d{1,4}+(?:/\d{1,4}+)?[A-Za-z]?)"
    r"|[A-Z]-\d{1,4}+(?:/\d{1,4}+)?|\d{1,3}+/\d{1,4}+[A-Z]?|\d{1,4}+-[A-Z](?![\w])"  # ("12-B, Model Town")
    r"|(?:Ground|First|Second|Third|Top|\d{1,2}+(?:st|nd|rd|th))[ \t]Floor)(?![\w/-])"
)
#: Its gate (RE2, a superset of a house and the separator after it; in the rare gate's union too: a looser
#: gate, any "No. 1" or "UTF-8", made 59 more of 2,000 web and docs texts take the rare rules). Its matches
#: never overlap a second house (a separator holds no house's first character).
_HOUSE_FIRST_GATE = re2.compile(
    r"(?:(?:(?:House|Flat|Plot|Door|Shop|Quarter|Qtr|Unit|Apartment|Apt|Suite|Office|Room)\.?[ \t]+(?:[Nn]o\.?[ \t]*)?"
    r"|No\.?[ \t]*)[A-Z]?-?\p{Nd}[\p{Nd}A-Za-z/-]*|\b[A-Z]-\p{Nd}{1,4}(?:/\p{Nd}{1,4})?"
    r"|\b\p{Nd}{1,3}/\p{Nd}{1,4}[A-Z]?|\b\p{Nd}{1,4}-[A-Z]|(?:Ground|First|Second|Third|Top|st|nd|rd|th)[ \t]Floor)"
    r"[ \t]*(?:,[ \t]*\n?|\n)"
)
_HOUSE_SEP = regex.compile(r"[ \t]*+(?:,[ \t]*+\n?|\n)[ \t]*+")
#: One part: capitalised words, numbers after them ("Sector 18", "Phase II", "5th Main"), ending at a comma,
#: a line or sentence end, a dash or a lower-case word.
_HOUSE_PART = regex.compile(
    r"(?:\p{Lu}[\p{L}'’.-]*+(?:(?<=-)\d{1,4}+[A-Z]?)?|\d{1,2}+(?:st|nd|rd|th))"  # ("Sector-18")
    r"(?:[ \t]++(?:\p{Lu}[\p{L}'’.-]*+|\d{1,4}+[A-Z]?)){0,4}+"
    r"(?=[ \t]*+(?:[,;\n|)(]|[.!?](?:\s|$)|$|[-–—][ \t])|[ \t]++\p{Ll})"
)
#: Locality words one of the parts must hold: Indian (Nagar, Colony, Sector, Layout, Phase...) and street,
#: building and estate words.
_HOUSE_LOCALITY = regex.compile(
    _INDIAN_PARTS.pattern[: -len(r")(?![\w])")]
    + r"|Way|Close|Court|Drive|Avenue|Crescent|Terrace|Place|Square|Gardens|House|Building|Estate|Quay|Walk|Row|Mews"
    r"|Grove|Residences|Town)(?![\w])"
)
#: First words of no address part (pronouns, greetings, months and days: "Flat 5, Monday, Tuesday").
_NOT_PART_FIRST = _NOT_STREET_FIRST | frozenset(
    "i we he she they it you please thanks thank regards dear hi hello but and or so then when if "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_RARE_OPTIONS = re2.Options()
_RARE_OPTIONS.max_mem = (
    64 << 20
)  # (the union's DFA outgrows RE2's default 8 MB budget and falls back to the NFA)
#: The rare rules' gate and this one's in one pass (each RE2 call encodes the text: a second pass over every
#: text cost ~3% of the recognizer); a text through it is read by ``_NEW_GATE`` again.
_RARE_GATE = re2.compile(
    f"{_RARE_GATE.pattern}|{_NEW_GATE.pattern}|(?:{_HOUSE_FIRST_GATE.pattern})", _RARE_OPTIONS
)
#: Name words of a cued lower-case street that make a court, a square or a park no address.
_NOT_LOWER_CUED = frozenset(
    "supreme high tennis squash basketball food district county crown magistrates appeals family federal "
    "circuit small claims juvenile traffic probate royal times theme car trailer skate ball water amusement "
    "national state city town village industrial business retail science office".split()
)
WINDOW_BEFORE = 120  # number + direction + four words before the type word
WINDOW_AFTER = 160  # unit, city, state and ZIP after it


#: Street types of a street named alone in running text (``_news_street``): words that name little else.
_NEWS_TYPES = frozenset(
    "Street Road Avenue Lane Drive Close Crescent Terrace Grove Boulevard St Rd Ave".split()
)
#: Streets whose name stands for an institution, a market, a show or a song more often than a place
#: (``data/address_en_famous.txt``: "Wall Street rallied", "Downing Street said", "Coronation Street").
_FAMOUS = frozenset(_data_lines("address_en_famous.txt"))
#: People and places of a street, written before "of" or at a sentence's start before "on/in" ("Residents
#: of Albert Road", "Neighbours on Elmwood Avenue").
_DWELLERS = frozenset(
    "residents neighbours neighbors tenants homeowners householders occupants homes houses flats properties "
    "shops businesses traders shopkeepers shoppers diners families people police".split()
)
#: Words of movement before the preposition: a route, not a place ("walked on Kings Road", "take a right on
#: Sixth Avenue", "drove along Ocean Drive"), as the Chinese rule leaves out routes (沿着X路往北走).
_ROUTE_BEFORE = frozenset(
    "walk walks walked walking drive drives drove driving ran run runs running ride rides rode riding cycle "
    "cycled cycling travel travelled traveled travelling traveling head heads headed heading go goes went going "
    "turn turns turned turning right left continue continued continuing straight stroll strolled strolling "
    "march marched marching jog jogged jogging sped speeding walkers cyclists drivers motorists traffic".split()
)
#: Prepositions before a street named alone in running text (``_news_street``).
_NEWS_PREPS = frozenset("on in along off of near outside behind opposite".split())
#: Words of a part of a street before "of" ("at the end of Mill Lane", "the top of Elm Road").
_OF_PLACES = frozenset("end top bottom stretch section length side".split())
_CAP_AFTER = regex.compile(r"[ \t]++\p{Lu}|[\p{L}\p{N}'’-]")


def _news_street(text: str, p, kind: str, end: int) -> bool:
    """A street named alone after on/in/along/off in running text ("a flat on Moss Lane", "a water main
    burst on Ormeau Road", "Residents of Albert Road"): the word before the preposition is a lower-case
    word of the sentence (a title capitalises it: "A Nightmare on Elm Street", "Miracle on 34th Street"),
    or a street's residents or shops; not a route ("walked on Kings Road", ``_ROUTE_BEFORE``), a famous
    street (``_FAMOUS``), a street named before a capitalised word ("Hester Street Fair", "Church Street
    Station") or a generic first word."""
    prep, name = p.group("prep"), p.group("name")
    if kind not in _NEWS_TYPES or prep not in _NEWS_PREPS:
        return False
    if name.split()[0].lower() in _NOT_STREET_FIRST or _STREET_NAME_WORDS.match(name) is not None:
        return False
    if " ".join((*name.split(), kind)) in _FAMOUS or _CAP_AFTER.match(text, end) is not None:
        return False
    j = p.start()
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    k = j
    while k > max(0, j - 24) and (text[k - 1].isalpha() or text[k - 1] in "'’-"):
        k -= 1
    before = text[k:j]
    if not before or not before[0].isalpha():
        return False
    if any(w.strip(".,;:!?\"'’()").lower() in _ROUTE_BEFORE for w in text[max(0, j - 32) : j].split()[-3:]):
        return False  # (within three words: "Drive 5 miles along Park Road", "turned left on Elm Street")
    if before.lower() in _DWELLERS:
        return True
    if prep == "of":  # ("at the end of Mill Lane", "the top of Elm Road")
        return before in _OF_PLACES
    return before[0].islower()


def _block_lines(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is an address block: ``start`` opens its line, at most three lines follow, none
    longer than 60 characters (a signature's "C-112, Greater Kailash I" over "New Delhi 110048")."""
    k = text.rfind("\n", max(0, start - 8), start)
    if k < 0 and start > 8:  # (no line break close before: not sliced from the text's start)
        if text[start - 8 : start].strip() or not text[: start - 8].isspace():
            return False
    elif text[k + 1 : start].strip():
        return False
    lines = text[start:end].split("\n")
    return len(lines) <= 4 and max(map(len, lines)) <= 60


class EnglishAddressRecognizer:
    """English street addresses (module docstring)."""

    ENTITY = "ADDRESS"

    def __init__(self) -> None:
        #: id(text) -> (text, whole-text passes read by :meth:`prepare`), each taken by its analysis
        self._prepared: dict[int, tuple] = {}

    def prepare(self, texts) -> None:
        """Read the whole-text RE2 passes of ``texts`` (the documents of a batch that
        :meth:`analyze` will be called on next) pattern by pattern: each automaton runs over every
        text while it is in the CPU's caches. Run once per document between the other recognizers'
        steps, each pass costs two to six times as much (its DFA's states evicted by the rest). The
        passes (digit, rare-rule gate, street-type words, address cues) are the same calls
        :meth:`analyze` makes, so its findings are identical; a text not prepared (or prepared by an
        earlier call) is read as before. Replaces what an earlier call prepared."""
        texts = prepared_share(texts)
        digit = [_DIGIT.search(t) is not None for t in texts]
        rare = [d and _RARE_GATE.search(t) is not None for t, d in zip(texts, digit)]
        types = [list(_TYPE_WORD.finditer(t)) for t in texts]
        cues = [list(CUES.finditer(t)) if d else None for t, d in zip(texts, digit)]
        self._prepared = {id(t): (t, d, r, ty, c) for t, d, r, ty, c in zip(texts, digit, rare, types, cues)}

    def analyze(self, text: str) -> list[Finding]:
        pre = self._prepared.pop(id(text), None) if self._prepared else None
        if pre is not None and pre[0] is not text:
            pre = None
        lower_doc = _UPPER.search(text) is None
        digit = (_DIGIT.search(text) is not None) if pre is None else pre[1]
        if not digit:  # only a street named where someone lives needs no number
            found = self._named_streets(text) if _NAMED_GATE.search(text) is not None else []
            types = list(_TYPE_WORD.finditer(text)) if pre is None else pre[3]
            found += self._event_streets(text, types)
            found += self._junctions(text, types) if " and " in text or "&" in text else []
            if _ROAD_NEAR_GATE.search(text) is not None or _US_ROAD_GATE.search(text) is not None:
                found += self._roads_near(text)
            found += self._plural_junctions(text) if _PLURAL_GATE.search(text) is not None else []
            if (lower_doc or len(text) <= SHORT_TEXT) and " on " in text:
                found += self._named_lower(text)
            if lower_doc or len(text) <= SHORT_TEXT:
                found += self._lower_alone(text)
            found += self._irish(text) if "Co" in text and _IE_COUNTY.search(text) is not None else []
            found += self._alone_streets(text)
            if ("Flat " in text or "Block " in text or "Ap" in text) and _FLAT_BUILDING_GATE.search(
                text
            ) is not None:
                # a lettered flat or block in a named building, no digit in the text ("Block C, Riverside Estate")
                found += [
                    Finding(self.ENTITY, m.start(), m.end(), 0.55) for m in _FLAT_BUILDING.finditer(text)
                ]
            if "corner of" in text or "intersection of" in text or "cnr of" in text:
                found += self._corners(text)
            if _junction_gate(text, types):
                found += self._cued_junctions(text)
            found += self._villages(text) if "Vill" in text or "VPO" in text or "V.P.O" in text else []
            if "ddress" in text or "DDRESS" in text or "live" in text or "resid" in text or "located" in text:
                found += self._houses_at_cues(text)
            return self._kept(text, [self._widened(text, f, lower_doc) for f in found])
        rare = (_RARE_GATE.search(text) is not None) if pre is None else pre[2]
        found: list[Finding] = []
        seen: set[int] = set()
        n = len(text)
        done = 0  # windows never overlap: each character is scanned once
        types = []  # the street-type words (streets named without a number end in one)
        for t in _TYPE_WORD.finditer(text) if pre is None else pre[3]:
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
        found += self._po_boxes(text) if rare else []
        if ("PO " in text or "po " in text) and _MILITARY_GATE.search(text) is not None:  # APO / FPO / DPO
            for m in (_MILITARY if "PO " in text else _MILITARY_ANY_CASE).finditer(text):
                found.append(Finding(self.ENTITY, m.start(), m.end(), 0.75))
        for m in _EU_WORD_AFTER.finditer(text) if rare and _EU_WORD_GATE.search(text) is not None else ():
            found.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
        if rare and _NUMBER_FIRST_GATE.search(text) is not None:
            for m in _NUMBER_FIRST.finditer(text):
                if _NUMBERED_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None:
                    continue  # "Take Exit 14 Boulevard Ramp"
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
        found += self._junctions(text, types) if " and " in text or "&" in text else []
        if "corner of" in text or "intersection of" in text or "cnr of" in text:
            found += self._corners(text)
        if _junction_gate(text, types):
            found += self._cued_junctions(text)
        if rare and _NEW_GATE.search(text) is not None:
            found += self._irish(text) if "Co" in text or "Dublin" in text else []
            found += self._one_word_streets(text) if _ONE_WORD_GATE.search(text) is not None else []
            found += self._alone_streets(text)
            if _ROAD_NEAR_GATE.search(text) is not None or _US_ROAD_GATE.search(text) is not None:
                found += self._roads_near(text)
            if _LOWER_CUED_GATE.search(text) is not None:
                found += self._lower_cued(text, lower_doc or n <= SHORT_TEXT)
            found += self._plural_junctions(text) if _PLURAL_GATE.search(text) is not None else []
            found += self._unit_estates(text) if _UNIT_ESTATE_GATE.search(text) is not None else []
            if _ORD_JUNCTION_GATE.search(text) is not None:
                found += [
                    Finding(self.ENTITY, m.start("j"), m.end("j"), 0.5)
                    for m in _ORD_JUNCTION.finditer(text)
                    if not _NOT_JUNCTION_NAME.intersection(m.group("j").split())
                ]
            if _FLAT_BUILDING_GATE.search(text) is not None:
                found += [
                    Finding(self.ENTITY, m.start(), m.end(), 0.55) for m in _FLAT_BUILDING.finditer(text)
                ]
            if _BLOCK_OF_GATE.search(text) is not None:
                found += [Finding(self.ENTITY, m.start(), m.end(), 0.55) for m in _BLOCK_OF.finditer(text)]
        found += self._bare_boxes(text, lower_doc) if rare and "Box " in text else []
        found += self._routes(text) if _route_gate(text, types) else []
        if rare and ("\n" in text or "|" in text):
            for m in _NUM_NAME_NUM.finditer(text):
                if _UNIT_START.match(text, m.end()) is not None:
                    found.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
        found = [f for f in found if f is not None]
        found += self._number_name_postal(text, found) if rare else []
        found += self._street_postcode(text, found) if rare else []
        if rare and _STREET_OUTWARD_GATE.search(text) is not None:
            found += [Finding(self.ENTITY, m.start(), m.end(), 0.55) for m in _STREET_OUTWARD.finditer(text)]
        found += self._indian(text) if rare else []
        found += self._villages(text) if "Vill" in text or "VPO" in text or "V.P.O" in text else []
        found += self._house_parts(text) if rare and _HOUSE_FIRST_GATE.search(text) is not None else []
        found += self._hk_floor(text) if rare and "/F" in text else []
        if rare and _SG_GATE.search(text) is not None:
            found += [
                Finding(self.ENTITY, m.start(), m.end(), 0.6)
                for m in _SG_BLOCK.finditer(text)
                if not any(w in NOT_PLACE or w in _SG_NOT_NAME for w in m.group("name").lower().split())
            ]
        found += self._japanese(text) if rare and _JP_GATE.search(text) is not None else []
        if rare and _WORLD_PC_GATE.search(text) is not None:  # one pass for both rules (a few texts)
            found += self._world(text) if _WORLD_GATE.search(text) is not None else []
            found += self._name_first_postcode(text, found)
        found += self._street_then_number(text, found, lower_doc, rare, None if pre is None else pre[4])
        if rare:
            found += self._zip_cues(text)
        if (lower_doc or n <= SHORT_TEXT) and _LOWER_GATE.search(
            text
        ) is not None:  # (chat: short or lower case)
            found += self._lower_streets(text)
            found += self._named_lower(text) if " on " in text else []
        if lower_doc or n <= SHORT_TEXT:
            found += self._lower_alone(text)
        # building numbers before a street, and the unit, town, region, postcode and country
        # after it (same line after commas, or the next lines: "... 98| Suite 464| OULU|| Finland 80896")
        return self._kept(text, [self._widened(text, f, lower_doc) for f in found])

    def _kept(self, text: str, found: list[Finding]) -> list[Finding]:
        """The merged findings, less a film's or show's title alone ("21 Jump Street": ``_TITLES``)."""
        return [f for f in _merged(found) if text[f.start : f.end] not in _TITLES]

    def _irish(self, text: str) -> list[Finding]:
        """An Irish address up to its county ("Knockanree, Ballinhassig, Co. Cork", "Lisheen, Ballinamult,
        Co. Tipperary", "22 Seafield Road, Clontarf, Co. Dublin"): townlands, towns and streets as
        comma-separated capitalised parts before "Co."/"County" and a county name (the Eircode after it is
        read as a postcode part). One part alone needs a place word before it ("a house in Oranmore, Co.
        Galway"; not "a man from Thurles, Co. Tipperary" or a club in brackets)."""
        out: list[Finding] = []
        done = 0
        for g in _IE_COUNTY.finditer(text):
            pos = g.start()
            if pos < done:
                continue
            start, parts, whole = pos, 0, True
            while parts < 4 and whole:
                k = pos
                while k > 0 and text[k - 1] in " \t":
                    k -= 1
                if k == 0 or text[k - 1] != ",":
                    break
                c = k - 1
                lo = max(0, c - 60, done)
                cut = max(text.rfind(",", lo, c), text.rfind("\n", lo, c), text.rfind(";", lo, c))
                a = cut + 1 if cut >= 0 else lo
                while a < c and text[a] in " \t":
                    a += 1
                m = _IE_PART.fullmatch(text, a, c) if cut >= 0 or a == 0 else None
                if m is None:  # the first part ends a sentence's words: its capitalised words only
                    whole = False
                    m = _IE_LAST.search(text, a, c)
                    if m is None:
                        break
                    q = m.start()
                    for w in m.group().split():  # ("In Oranmore": the preposition is no part)
                        if w.lower() not in NOT_PLACE:
                            break
                        q = text.index(w, q) + len(w)
                        while q < c and text[q] in " \t":
                            q += 1
                    if q >= c or not text[q].isupper() and not text[q].isdigit():
                        break
                    a = q
                elif cut < 0 or text[cut] != ",":
                    whole = False  # a line's first part
                words = text[a:c].split()
                if (
                    not words
                    or words[0].lower() in NOT_PLACE
                    and not (whole and words[0] == "The" and len(words) > 1)
                ):
                    break  # ("The Elms," a house or estate between commas is a part)
                start, parts, pos = a, parts + 1, a
            if parts == 0:
                continue
            if parts == 1 and _IE_ONE_PART_CUE.search(text, max(0, start - 12), start) is None:
                continue
            end = g.end()
            if end > g.start() and not (text[end - 1].isalpha()):
                end -= 1
            e = _IE_EIRCODE_AFTER.match(text, end, min(len(text), end + 12))
            if e is not None:  # ("Co. Sligo F56 H9P4 by appointment")
                end = e.end()
            out.append(Finding(self.ENTITY, start, end, 0.6))
            done = end
        return out

    def _po_boxes(self, text: str) -> list[Finding]:
        """P.O. boxes, bags and rural routes (``_PO_BOX``), matched only where ``_PO_BOX_START`` finds a
        match's first word (a scan of the whole text with ``_PO_BOX`` cost ~12 ms on a 140 KB page; the same
        findings: every match starts where the gate matches, and matches never overlap)."""
        out: list[Finding] = []
        done, n = 0, len(text)
        for g in _PO_BOX_START.finditer(text):
            s = g.start()
            if s < done:
                continue
            m = _PO_BOX.match(text, s, min(n, s + 256))  # (bounded: a match is far shorter)
            if m is not None:
                out.append(Finding(self.ENTITY, m.start(), m.end(), 0.7))
                done = m.end()
        return out

    def _zip_cues(self, text: str) -> list[Finding]:
        """A postcode after "zip code", "postcode", "Eircode" or an Indian "PIN code" (``ZIP_CUE``), matched
        only at the starts of ``_ZIP_GATE``'s matches (each match starts at its keyword)."""
        out: list[Finding] = []
        done, n = 0, len(text)
        for g in _ZIP_GATE.finditer(text):
            s = g.start()
            if s < done:
                continue
            m = ZIP_CUE.match(text, s, min(n, s + 96))
            if m is None:
                continue
            done = m.end()
            if m.group("pin") is None or PIN_DIGITS.fullmatch(m.group("pc")) is not None:
                out.append(Finding(self.ENTITY, m.start("pc"), m.end("pc"), 0.6))
        return out

    def _alone_streets(self, text: str) -> list[Finding]:
        """A well-known street named with no type word and no number after a place word, a home, premises or
        event word before it ("a flat on Deansgate", "lives on Broadway", ``_ALONE_STREET``)."""
        out: list[Finding] = []
        for g in _ALONE_GATE.finditer(text):
            m = _ALONE_STREET.search(text, max(0, g.start() - 24), min(len(text), g.end() + 24))
            if m is not None and m.end("street") == g.end() and m.group("before").lower() in _ALONE_BEFORE:
                out.append(Finding(self.ENTITY, m.start("street"), m.end("street"), 0.5))
        return out

    def _one_word_streets(self, text: str) -> list[Finding]:
        """A house number and a well-known street named with no type word ("the store at 2230 Broadway",
        "outside 1 Kingsway", "548 West 22nd") after a place word, not before a capitalised word or a
        show ("2 Broadway shows")."""
        out: list[Finding] = []
        for m in _ONE_WORD.finditer(text):
            if _ONE_WORD_CUE.search(text, max(0, m.start() - 12), m.start()) is None:
                continue
            num = m.group().split()[0]
            if (
                len(num) == 4
                and num[:2] in ("19", "20")
                and _YEAR_BEFORE.search(text, max(0, m.start() - 12), m.start())
            ):
                continue
            out.append(Finding(self.ENTITY, m.start(), m.end(), 0.55))
        return out

    def _junctions(self, text: str, types: list) -> list[Finding]:
        """Two streets named with their types at a junction, after a place word ("near Marcy Avenue and
        Myrtle Avenue", "at Lyndale Avenue and 26th Street")."""
        out: list[Finding] = []
        n = len(text)
        for t in types:
            near = text[t.end() : t.end() + 16]
            if " and " not in near and "&" not in near:
                continue
            nxt = _JUNCTION_NEXT.match(text, t.end(), min(n, t.end() + 80))
            if nxt is None:
                continue
            p = _JUNCTION_FIRST.search(text, max(0, t.start() - 60), t.start())
            if p is None or p.group("name").split()[0].lower() in _NOT_STREET_FIRST:
                continue
            out.append(Finding(self.ENTITY, p.start("name"), nxt.end(), 0.5))
        return out

    def _plural_junctions(self, text: str) -> list[Finding]:
        """Two streets sharing a plural type at a junction ("at Main and Elm streets", ``_PLURAL_JUNCTION``)."""
        out: list[Finding] = []
        for word in _PLURAL_TYPES:
            i = text.find(word)
            while i >= 0:
                e = i + len(word)
                if e == len(text) or not text[e].isalnum():
                    m = _PLURAL_JUNCTION.search(text, max(0, i - 80), e)
                    if m is not None:
                        out.append(Finding(self.ENTITY, m.start("j"), m.end("j"), 0.5))
                i = text.find(word, e)
        return out

    def _lower_alone(self, text: str) -> list[Finding]:
        """A lower-case street named without a number after on/along/outside/near (``_LOWER_ALONE``)."""
        out: list[Finding] = []
        for t in _LOWER_ALONE_TYPE.finditer(text):
            m = _LOWER_ALONE.search(text, max(0, t.start() - 48), t.start())
            if m is None:
                continue
            words = m.group("name").split()
            if any(w in _NOT_LOWER_NAME or w in _NOT_LOWER_ALONE for w in words):
                continue
            out.append(Finding(self.ENTITY, m.start("name"), t.end(), 0.5))
        return out

    def _roads_near(self, text: str) -> list[Finding]:
        """A numbered road and the place on it in news ("a collision on the N25 near Killeagh")."""
        out = [Finding(self.ENTITY, m.start("road"), m.end("road"), 0.5) for m in _ROAD_NEAR.finditer(text)]
        if _US_ROAD_GATE.search(text) is not None:
            for m in _US_ROAD_NEAR.finditer(text):
                if " ".join(m.group("road").split()[:2]) not in _FAMOUS:
                    out.append(Finding(self.ENTITY, m.start("road"), m.end("road"), 0.5))
        return out

    def _cued_junctions(self, text: str) -> list[Finding]:
        """Two streets after "intersection of" / "junction of" / "corner of", the first named with its type
        (``_JUNCTION_CUED``: "the intersection of Elm Street and Route 9")."""
        return [Finding(self.ENTITY, m.start("j"), m.end("j"), 0.5) for m in _JUNCTION_CUED.finditer(text)]

    def _corners(self, text: str) -> list[Finding]:
        """A corner or intersection of two streets named without types (``_CORNER``): one of them numbered
        ("5th and Main"), a well-known street (``data/address_en_one_word.txt``) or Main, or a home, premises or
        event word a few words before it ("a retail shop on the corner of Bedford and Brighton"; not "meet at
        the intersection of Oak and Pine": trees as much as streets)."""
        out: list[Finding] = []
        for m in _CORNER.finditer(text):
            names = [w.strip() for w in regex.split(r"[ \t]++(?:and|&)[ \t]++", m.group("j"))]
            known = any(w[0].isdigit() or w in _ORDINAL_WORDS or w in _ONE_WORD_SET for w in names)
            words = text[max(0, m.start() - 40) : m.start()].lower().split()[-5:]
            if known or any(w.strip(".,;:'’\"") in _ALONE_BEFORE for w in words):
                out.append(Finding(self.ENTITY, m.start("j"), m.end("j"), 0.5))
        return out

    @staticmethod
    def _addressee(name: str) -> bool:
        """Two or three capitalised words starting with a listed given name, no street word or connector
        ("Ivo Petrov"): a person's name before a number-first street, not a street or a place's name
        ("Storgarden 52 Trajanka Forks", "Eloise and 226 Thomas Avenue" stay one address)."""
        words = name.split()
        return (
            2 <= len(words) <= 3
            and all(w[:1].isupper() for w in words)
            and (words[0] in english_given_names() or words[0] in world_given_names())
            and not has_street_word(name)
        )

    def _routes(self, text: str) -> list[Finding]:
        """A numbered route or road with no house number, its town and postcode after it (``_ROUTE``)."""
        out: list[Finding] = []
        for m in _ROUTE.finditer(text):
            tail = tail_end(text, m.end(), False)
            if tail > m.end() and POSTCODE.search(text, m.end(), tail) is not None:
                out.append(Finding(self.ENTITY, m.start(), m.end(), 0.55))
        return out

    def _bare_boxes(self, text: str, lower_doc: bool) -> list[Finding]:
        """A box number with no "P.O." when its town and postcode follow ("Box 771, Wasilla, AK 99687")."""
        out: list[Finding] = []
        for m in _BARE_BOX.finditer(text):
            tail = tail_end(text, m.end(), lower_doc)
            if tail > m.end() and POSTCODE.search(text, m.end(), tail) is not None:
                out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
        return out

    def _unit_estates(self, text: str) -> list[Finding]:
        """A unit in a named business park or estate with no street ("Unit 3, Kilbarry Industrial Park")."""
        return [Finding(self.ENTITY, m.start(), m.end(), 0.6) for m in _UNIT_ESTATE.finditer(text)]

    def _lower_cued(self, text: str, short: bool) -> list[Finding]:
        """Streets in lower case after a place word (``_LOWER_CUED``): "at 9b elm court", "at 10 the crescent";
        ``short`` False (a long mixed-case text): only where someone lives, rents or gets post ("we live at 14
        grange road"). After "is" only an address ("my address is 4 oak lane")."""
        out: list[Finding] = []
        matches = (
            m for g in _LOWER_CUED_GATE.finditer(text) for m in _LOWER_CUED.finditer(text, g.start(), g.end())
        )
        for m in matches:  # (read only inside the gate's matches: a scan of a whole long text cost ~5 ms)
            if m.group("prep") == "is":
                before = text[max(0, m.start() - 16) : m.start()].lower()
                if "address" not in before and "addy" not in before:
                    continue
            elif not short and _LOWER_STRONG_BEFORE.search(text, max(0, m.start() - 24), m.start()) is None:
                continue
            name = m.group("name")
            if name is not None:
                words = name.split()
                if any(w in _NOT_LOWER_NAME or w in _NOT_LOWER_CUED for w in words):
                    continue
            if _YEAR.match(m.group("street")):
                continue
            start = (
                m.start()
                if m.group("prep").startswith(("flat", "apt", "unit", "suite", "room"))
                else m.start("street")
            )
            out.append(
                Finding(self.ENTITY, start, m.end("street"), 0.5)
            )  # (a unit first: "flat 2 8 lansdown place")
        return out

    def _number_name_postal(self, text: str, found: list[Finding]) -> list[Finding]:
        """A house number and a street name with no street-type word, then a town and a state or
        province code with its postcode, or a UK postcode ("88 Kingsway, Burnaby, BC V5H 4L8")."""
        out: list[Finding] = []
        inside = None  # a finding covers m.start() when inside[m.start() + 1]: one mask, no scan per match
        for g, lo in _windows(text, _POSTAL_GATE.finditer(text), line=False):
            for m in _NUMBER_NAME_COMMA.finditer(text, lo, g.start()):
                if inside is None:
                    inside = _covered(found, len(text))
                if _YEAR.match(m.group()) or inside[m.start() + 1]:
                    continue
                if _name_words_ok(m.group()) and tail_end(text, m.end(), False) >= g.end():
                    out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
                    break
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
        for g, lo in _windows(text, _BR_CEP.finditer(text), POSTAL_REACH + 20):
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
            lo = max(0, s - POSTAL_REACH)
            lo = max(lo, text.rfind("\n", lo, s) + 1)
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
        pins = list(_INDIAN_PIN.finditer(text))
        listed = {g.end() for g in pins}
        if _INDIAN_PIN_ANY_GATE.search(text) is not None:  # (an unlisted town: a locality word is needed)
            pins = sorted(
                pins + [g for g in _INDIAN_PIN_ANY.finditer(text) if g.end() not in listed],
                key=lambda g: g.end(),
            )
        for g, lo in _windows(text, pins, skip_covered=True, line=False):
            # a house, or else a landmark the address is given by ("Near SBI Bank, Station Road, Jhansi 284001")
            for m in itertools.chain(
                _INDIAN_HOUSE.finditer(text, lo, g.start()), _IN_LANDMARK.finditer(text, lo, g.start())
            ):
                between = text[m.end() : g.start() + 1]
                if (
                    "," in between
                    and _SENTENCE_BREAK.search(between) is None
                    and (g.end() in listed or _INDIAN_PARTS.search(text, m.end(), g.end()) is not None)
                    and ("\n" not in between or _block_lines(text, m.start(), g.end()))
                ):
                    out.append(Finding(self.ENTITY, m.start(), g.end(), 0.6))
                    break
        return out

    def _villages(self, text: str) -> list[Finding]:
        """An Indian village address with its post office, tehsil or district (``_IN_VILLAGE``)."""
        return [
            Finding(self.ENTITY, m.start(), m.end(), 0.55)
            for m in _IN_VILLAGE.finditer(text)
            if m.group().count(",") > 1 or "Post " not in m.group() or "Post Office" in m.group()
        ]  # (a bare "Post" part only with another part: not "Village People, Post Malone")

    def _house_parts(self, text: str) -> list[Finding]:
        """A house, flat, plot or floor, then two to five parts after commas or line breaks, one of them with a
        locality word (``_HOUSE_LOCALITY``), with no postcode: Indian addresses without their PIN code and
        British flats with their building, street and town ("Door No. 9-1-112, Gandhi Road, Vijayawada")."""
        out: list[Finding] = []
        n = len(text)
        done = seen = 0
        # (read only around the gate's matches: ``_HOUSE_FIRST`` over a whole text cost ~20 ms a text)
        houses = (
            h
            for g in _HOUSE_FIRST_GATE.finditer(text)
            for h in _HOUSE_FIRST.finditer(text, max(0, g.start() - 4), g.end())
        )
        for h in houses:
            if h.start() < max(done, seen):
                continue
            seen = h.end()  # (matches never overlap, as in one pass over the text)
            house = h.group()
            if _YEAR.match(house + " ") and house[:4].isdigit():
                continue
            p, parts, local = h.end(), 0, False
            while parts < 5:
                s = _HOUSE_SEP.match(text, p, min(n, p + 24))
                if s is None:
                    break
                m = _HOUSE_PART.match(text, s.end(), min(n, s.end() + 80))
                if m is None or m.group().split()[0].lower() in _NOT_PART_FIRST:
                    break
                parts += 1
                local = local or _HOUSE_LOCALITY.search(m.group()) is not None
                p = m.end()
            if parts >= 2 and local:
                if text[p - 1] == ".":  # ("Sector 18, Noida.": the sentence's full stop)
                    p -= 1
                out.append(Finding(self.ENTITY, h.start(), p, 0.55))
                done = p
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
        inside = None  # characters inside a finding (built once, when the block rule first needs it)
        for g, lo in _windows(text, _UK_CA_POSTCODE.finditer(text)):
            for m in _NAMED_BEFORE_COMMA.finditer(text, lo, g.start()):
                if tail_end(text, m.end(), False) >= g.end():  # (Main Street, Kinsale, ..., P17 X123: an
                    out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))  # address, not a landmark)
                    break
            else:  # an address block: the street on a line of its own, town and postcode lines below
                if inside is None:
                    inside = _covered(found, len(text))
                if inside[g.start()]:
                    continue
                # a house named with no street, then its village or town and the postcode ("Mill Farm,
                # Carrbridge PH23 3AA", "Rose Cottage, Lower Slaughter, Cheltenham GL54 2HP"): no cue needed
                h = next(
                    (
                        h
                        for h in _HOUSE_NAMED_BEFORE_COMMA.finditer(text, lo, g.start())
                        if tail_end(text, h.end(), False) >= g.end()
                    ),
                    None,
                )
                if h is not None:
                    out.append(Finding(self.ENTITY, h.start(), h.end(), 0.55))
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
            lo = max(0, t.start() - 48)
            p = _PREP_BEFORE.search(text, lo, t.start()) if _PREP_WORD.search(text, lo, t.start()) else None
            if p is None:
                h = self._house_street(text, t)
                if h is not None:
                    out.append(h)
                continue
            d = _DIRECTION_AFTER.match(text, t.end(), min(n, t.end() + 8))
            end = t.end() if d is None else d.end()  # ("on Lawrence Avenue East in Scarborough")
            for rule in (
                (_NAMED_STREET, _NEWS_STREET) if p.group("prep") in ("on", "in", "along", "off") else ()
            ):
                m = rule.search(text, max(0, t.start() - 120), min(n, end + 40))
                if (
                    m is not None
                    and m.end("street") in (t.end(), end)
                    and _STREET_NAME_WORDS.search(m.group("street")) is None
                ):
                    out.append(Finding(self.ENTITY, m.start("street"), m.end("street"), 0.5))
                    break
            else:  # "Residents of Carlton Street in Cambridge": a street and its town
                name = p.group("name")
                prep, kind = p.group("prep"), t.group()
                if kind in ("Grove", "Row", "Mews") and prep not in ("on", "off", "along"):
                    continue  # ("at his home in Pine Grove, Schuylkill County": a town)
                if prep in ("to", "at", "near", "outside", "behind", "opposite") and (
                    kind in ("Court", "Place", "Circle", "Row", "Mews")
                    or text[end : end + 1] != ","
                    and (prep in ("to", "at") or not _news_street(text, p, kind, end))
                ):
                    continue  # "called to Glenfield Road, Leicester"; not "at Westminster Magistrate's Court in London"
                if (
                    _TOWN_AFTER.match(text, end, min(n, end + 40)) is not None
                    and (_STREET_NAME_WORDS.match(name) is None or name.startswith(("Main ", "High ")))
                    and name.split()[0].lower() not in _NOT_STREET_FIRST
                ):  # (Main Street or High Street with its town after it: "on Main Street, Castlecomer")
                    out.append(Finding(self.ENTITY, p.start("name"), end, 0.5))
                elif _news_street(text, p, kind, end):
                    out.append(Finding(self.ENTITY, p.start("name"), end, 0.5))
        return out

    def _house_street(self, text: str, t) -> Finding | None:
        """A street named without a number between a house name and its town ("Holly Cottage, School Lane,
        Great Bardfield": British rural addresses), the street's type word ``t``; the house name is taken in
        by the widening."""
        lo = max(0, t.start() - 90)
        if "," not in text[lo : t.start()] or _HOUSE_WORD.search(text, lo, t.start()) is None:
            return None
        if text[t.end() : t.end() + 1] != "," or _TOWN_AFTER.match(text, t.end(), t.end() + 40) is None:
            return None
        m = _HOUSE_STREET.search(text, lo, t.start())
        if m is None or m.group("name").split()[0].lower() in _NOT_STREET_FIRST:
            return None
        return Finding(self.ENTITY, m.start("name"), t.end(), 0.5)

    def _house_at(self, text: str, p: int) -> Finding | None:
        """A house named with no street right after a strong address cue, its town after a comma ("Address:
        Mill Farm, Little Hadham", "lives at Rose Cottage, Ashwell")."""
        h = _HOUSE_AT.match(text, p, min(len(text), p + 60))
        if h is None or tail_end(text, h.end(), False) <= h.end():
            return None
        return Finding(self.ENTITY, h.start(), h.end(), 0.55)

    def _houses_at_cues(self, text: str) -> list[Finding]:
        """``_house_at`` after each strong cue of a text with no digit (the cue rules of ``_street_then_number``
        need a house number and are not run on such texts)."""
        out: list[Finding] = []
        for p in cue_ends(text):
            cue = text[max(0, p - 40) : p]
            if STRONG_CUE.search(cue[cue.rfind("\n", 0, len(cue) - 2) + 1 :]) is not None:
                h = self._house_at(text, p)
                out += [h] if h is not None else []
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
        # (each `regex` search below is tried only where a cheap test finds what its matches need: a space
        # before the position, a house word or a unit word in the window; the searches cost ~60% of a
        # finding in a text of short address lines)
        start = lead_start(text, f.start)
        lead = (
            _UNIT_SLASH_BEFORE.search(text, max(0, start - 12), start) if space_before(text, start) else None
        )
        if lead is not None and _SLASH_NUMBER.match(text, start) is not None:
            start = lead.start()  # "Unit 4/17 Beach Road": the unit word of an Australian number
        if (
            start >= 2
            and (text[start - 2 : start].strip() == "," or text[start - 1] == "\n")
            and _HOUSE_WORD.search(text, max(0, start - 48), start) is not None
        ):
            house = _HOUSE_NAME_BEFORE.search(text, max(0, start - 48), start)
            if house is not None:  # "Rose Cottage, 2 Mill Lane", "Flat 4B, Marlowe Court, 9 Queens Road"
                start = house.start()
        # every unit search below lies in the 84 characters before ``start``
        units = 4 if UNIT_BEFORE_WORD.search(text, max(0, start - 84), start) is not None else 0
        for _ in range(units):  # "Apt. 630 39 Rincon 9082", "Suite 12, Level 4, 88 Phillip Street"
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
        block = _BLOCK_BEFORE.search(text, max(0, start - 8), start) if space_before(text, start) else None
        if block is not None:  # "Blk 123 Ang Mo Kio Avenue 3": a Singapore block
            start = block.start()
        end = tail_end(text, f.end, lower_doc)
        if (start, end) == (f.start, f.end):
            return f
        return Finding(f.entity, start, end, f.score)

    def _street_then_number(
        self, text: str, found: list[Finding], lower_doc: bool, rare: bool = True, cues=None
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
        for p in cue_ends(text, cues):
            if inside(p):
                continue
            cue = text[max(0, p - 40) : p]
            strong = STRONG_CUE.search(cue[cue.rfind("\n", 0, len(cue) - 2) + 1 :]) is not None
            # after "address:" or "lives at" the street's words may be in lower case ("Árpád fejedelem útja 3.")
            m = core_at(text, p, lower_doc or strong)
            if m is None:
                h = self._house_at(text, p) if strong else None
                if h is not None:
                    out.append(h)
                    cover(h.start, h.end)
                continue
            if not (
                strong
                or m.group("lead")
                or has_street_word(m.group("name"))
                or len(m.group("name").split()) >= 2
            ):
                continue  # "is at Gate 12"
            if not m.group("lead") and inside(m.start("num")) and self._addressee(m.group("name")):
                # "Deliver to Ivo Petrov 221 Elm Street": the number starts a street found number-first;
                # the words before it are the addressee, not a street named before its number
                continue
            out.append(Finding(self.ENTITY, m.start(), m.end(), 0.6))
            cover(m.start(), m.end())
        # the units of the text, read once for both unit rules below (each scan of a long text cost ~1 ms)
        units = list((UNIT_ANY if lower_doc else UNIT_UP).finditer(text)) if rare else []
        for u in units:
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
        for u in units:
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
        if (
            space_before(text, m.start())
            and _NUMBERED_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None
        ):
            return None  # "Take Exit 14 Boulevard Ramp"
        if m.group("type") in _CAPS_TYPE_SET and _CAPS_WORD_NEXT.match(text, m.end()) is not None:
            return None  # "10 BEST ROAD TRIPS", "3 NEW WAY TO PAY": a headline in capitals, not a street
        score = 0.85 if m.group("state") else 0.7
        end = m.end()
        if m.group("dot") and end == m.end("dot") and m.group("type") not in _ABBREVIATIONS:
            end -= 1  # "97 Lincoln Street." ends a sentence
        return Finding(self.ENTITY, m.start(), end, score)
