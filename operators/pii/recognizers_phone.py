"""PHONE_NUMBER: Presidio's phonenumbers-based recognizer, bounded, plus the
written formats it misses, and one rule for technical text.

* :class:`MinDigitsPhoneRecognizer` wraps Presidio's ``PhoneRecognizer``
  (Google's libphonenumber port, ``Leniency.VALID``): at least ``min_digits``
  digits, and phonenumbers only ever sees bounded slices of text (linear time
  on digit runs of any length).
* :class:`FormattedPhoneRecognizer` takes numbers by their written shape, as
  people write them whether or not the area code is currently allocated
  ("(555) 123-4567", "+1 555 123 4567", "+86 10746 1491", "555-123-4567 ext.
  89"): a ``+`` country code or a parenthesized area code or the North American
  3-3-4 grouping score 0.4; other digit groups ("699 956 915") 0.3, so they
  count only next to a phone context word. ITU-T E.164: at most 15 digits.
* Dots: digit groups separated by dots are how versions, build numbers, IPv4
  addresses, dates and decimals are written ("Build 7.29.106.2801", "版本
  14.3.118.9268"); a dotted phone number ("Tel. 555.123.4567", "电话
  010.1234.5678") is flagged only when a phone context word is near. Dates
  and times (2024-01-15, 15.01.2024, 2024-01-15 12:30) are never phone numbers.
"""

from __future__ import annotations

import functools
import re
import re._parser
import sys

import phonenumbers
import phonenumbers.phonenumbermatcher as phonenumbermatcher
import phonenumbers.phonenumberutil as phonenumberutil
import re2
import regex
from phonenumbers import Leniency, PhoneMetadata, PhoneNumberMatch, PhoneNumberMatcher, PhoneNumberType
from phonenumbers.phonenumberutil import (
    _MAX_LENGTH_FOR_NSN,
    _VALID_PUNCTUATION,
    COUNTRY_CODE_TO_REGION_CODE,
    COUNTRY_CODES_FOR_NON_GEO_REGIONS,
    SUPPORTED_REGIONS,
    NumberParseException,
    _number_type_helper,
    normalize_digits_only,
)
from phonenumbers.re_util import re_compile
from presidio_analyzer import EntityRecognizer, Pattern
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from .recognizers_zh import (
    NUMBER_NEGATIVE_CONTEXT,
    PHONE_CONTEXT_EXTRA,
    REQUIRES_CONTEXT,
    Assessment,
    CnPatternRecognizer,
)

#: Phone context words (English and Chinese); Presidio's list without "number".
PHONE_CONTEXT = [
    "phone", "telephone", "tel", "cell", "cellphone", "mobile", "call", "fax", "contact", "dial", "hotline",
    "whatsapp", *PHONE_CONTEXT_EXTRA, "电话", "手机", "联系电话", "联系方式", "热线", "传真", "致电", "拨打", "座机", "来电",
]  # fmt: skip

_EXTENSION = regex.compile(r"(?i)\s?(?:x|ext\.?|extension)\s?\d+$")
_DATE_OR_TIME = regex.compile(r"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})(?:\D|$)")


def main_part(span: str) -> str:
    """The number without its extension."""
    return _EXTENSION.sub("", regex.split(r"(?i)\s?(?:ext|x)", span, maxsplit=1)[0])


def dotted(span: str) -> bool:
    """Digit groups separated by a dot (versions, IPs, decimals, dotted phone numbers)."""
    return regex.search(r"\d\.\d", main_part(span)) is not None


def date_like(span: str) -> bool:
    return _DATE_OR_TIME.match(span.lstrip("(+")) is not None


def _scan_punctuation_class() -> str:
    """The characters of phonenumbers' ``[_VALID_PUNCTUATION]`` (a class with ranges, matched
    case-insensitively) other than ASCII letters, listed one by one for RE2: every code point
    tested against the class (~0.1 CPU-s)."""
    rx = re.compile("[" + _VALID_PUNCTUATION + "]", re.IGNORECASE | re.UNICODE)
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    chars = sorted(set(rx.findall(every)) - set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
    return "".join("\\x{%x}" % ord(c) for c in chars)


def _punctuation_class() -> str:
    """:func:`_scan_punctuation_class`, cached on disk (a fresh worker pays a file read, not the scan
    of all code points); it depends only on phonenumbers' version (``_VALID_PUNCTUATION``) and on
    Python's Unicode database (case folding), which the cache name spells out."""
    from operators.text._disk_cache import cached_json, unicode_key

    name = f"phonenumbers-punctuation-{phonenumbers.__version__}-{unicode_key()}"
    return cached_json(name, _scan_punctuation_class)


def possible_phone(min_digits: int) -> re2._Regexp:
    """RE2 pattern that every text holding a phonenumbers match with at least ``min_digits``
    digits before its first ASCII letter must contain (a necessary condition, never sufficient).

    Inside a match of phonenumbers' candidate pattern (``phonenumbermatcher._PATTERN``) digit
    blocks are joined by at most four characters of ``_VALID_PUNCTUATION``, and one extension
    may follow; its label is ASCII ("ext", "x", "int": the counted part ends there) or one of
    ``ｘ # ＃ ~ ～ ｅｘｔ ｉｎｔ доб`` between spaces, tabs and commas, or it is ``[- ]+`` digits ``#``.
    A text without such a chain of ``min_digits`` digits ("October 25, 2012, 5:00", "1,234,567",
    "12:30:45", "３４１．８１") gives the recognizer nothing it keeps, so phonenumbers (eight
    region passes of parsing) is not run on it. Matches and inner matches are substrings of a
    candidate, so a shorter match cannot hide a longer one (``remove_duplicates`` drops only
    results contained in a kept one); tested against running phonenumbers everywhere."""
    block = "(?:[%s]{0,4}\\p{Nd})" % _punctuation_class()
    ext = "(?:[ \\x{a0}\\t,]*(?i:ｅ?ｘｔｎ?|доб|[ｘ#＃~～]|ｉｎｔ)[:.．]?[ \\x{a0}\\t,\\-]*|[\\- ]+)"
    alternatives = ["\\p{Nd}%s{%d,}" % (block, min_digits - 1)]
    for k in range(min_digits - 1):  # k + 1 digits in the number, the rest in the extension
        alternatives.append("\\p{Nd}%s{%d}%s\\p{Nd}{%d,}" % (block, k, ext, min_digits - 1 - k))
    return re2.compile("|".join(alternatives))


_MISS = object()
_PIECE = object()  # memo key tag of a piece's hits (``_matches``)
_LEAD_PATTERN = phonenumbermatcher._LEAD_PATTERN  # phone-number punctuation a candidate may begin with
_NON_DIGIT = re.compile(r"\D")
_LETTER = re.compile(r"[^\W\d_]")
_PLUS = ("+", "\uff0b")  # phonenumbers' plus signs (``_PLUS_CHARS``)


def _shortest(metadata) -> int:
    """The shortest valid national number under ``metadata``: ``is_valid_number`` requires a length in
    ``general_desc.possible_length`` (``_is_number_matching_desc``)."""
    return min(metadata.general_desc.possible_length)


def _added(metadata) -> int:
    """Digits that parsing may add to a number: parsing only removes digits (an extension, a country
    code, an international or national prefix) except for the literal digits of a national-prefix
    transform rule ("9\\1", "1534\\1"), applied at most twice (``_maybe_extract_country_code``,
    then ``parse``)."""
    return 2 * len(_LITERAL_DIGIT.findall(_GROUP_REF.sub("", metadata.national_prefix_transform_rule or "")))


_GROUP_REF = re.compile(r"\\\d|\$\d")
_LITERAL_DIGIT = re.compile(r"\d")


@functools.cache
def _region_min_length(region: str) -> int:
    """The fewest digits a candidate holding no plus sign or international prefix may have to parse
    as a valid number in ``region``: it keeps the region's calling code, is checked against every
    region sharing that code and parsed with the region's own rules."""
    metadata = PhoneMetadata.metadata_for_region(region)
    shortest = min(
        _shortest(PhoneMetadata.metadata_for_region(r))
        for r in COUNTRY_CODE_TO_REGION_CODE[metadata.country_code]
    )
    return shortest - _added(metadata)


def _scan_global_min_length() -> int:
    every = [PhoneMetadata.metadata_for_region(r) for r in SUPPORTED_REGIONS]
    every += [PhoneMetadata.metadata_for_nongeo_region(c) for c in COUNTRY_CODES_FOR_NON_GEO_REGIONS]
    return min(map(_shortest, every)) - max(map(_added, every))


@functools.cache
def _global_min_length() -> int:
    """The same for any calling code (a ``+`` or an international prefix may name any country).
    Reading it needs the metadata of all ~250 regions (a module import each), so it is cached on
    disk under phonenumbers' version, like :func:`_punctuation_class`."""
    from operators.text._disk_cache import cached_json

    return int(
        cached_json(f"phonenumbers-global-min-length-{phonenumbers.__version__}", _scan_global_min_length)
    )


@functools.cache
def _region_max_length(region: str) -> int | None:
    """The most digits a candidate holding no plus sign, international prefix, extension or letter
    may have to parse as a valid number in ``region`` (None: no bound): the longest valid national
    number of the calling code's regions, plus the calling code and twice the longest national
    prefix (stripped once with the calling code, once by ``parse``). Regions whose national prefix
    is rewritten by a transform rule get no bound."""
    metadata = PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix_for_parsing
    if metadata.national_prefix_transform_rule:
        return None
    widest = re._parser.parse(prefix).getwidth()[1] if prefix else 0
    longest = max(
        max(PhoneMetadata.metadata_for_region(r).general_desc.possible_length)
        for r in COUNTRY_CODE_TO_REGION_CODE[metadata.country_code]
    )
    return min(longest, _MAX_LENGTH_FOR_NSN) + len(str(metadata.country_code)) + 2 * widest


@functools.cache
def _idd_starts_with_zero(region: str) -> bool:
    """Whether every international prefix of ``region`` begins with the digit 0 ("011", "00",
    "0(?:0|1(?:05|[2-9]))"): then a number whose first digit is not 0 and that holds no plus sign
    keeps the region's own calling code (``_maybe_strip_i18n_prefix_and_normalize``)."""
    idd = PhoneMetadata.metadata_for_region(region).international_prefix or ""
    return idd.startswith("0") and "|" not in idd.split("(", 1)[0]


def candidate_facts(candidate: str) -> tuple:
    """What :func:`cannot_be_valid` reads of ``candidate`` whatever the region: its digits, their
    number, whether it holds a letter, a plus sign, and none of ``_NO_EXTENSION``'s characters."""
    digits = _NON_DIGIT.sub("", candidate)
    return (
        digits,
        len(digits),
        _LETTER.search(candidate) is not None,
        any(p in candidate for p in _PLUS),
        _NO_EXTENSION.search(candidate) is None,
    )


def cannot_be_valid(candidate: str, region: str, facts: tuple | None = None) -> bool:
    """True only where ``parse`` + ``is_valid_number`` cannot accept ``candidate`` in ``region``: it
    holds no letter (letters may stand for digits), and it has fewer digits than the shortest valid
    national number it could have (``_region_min_length``; a candidate with a plus sign or a leading
    0, an international prefix, is measured against every country's shortest number), or more than
    the longest (``_too_many_digits``), or where it keeps the region's calling code and no suffix of
    its digits is a valid national number there (``_no_valid_suffix``). ``facts``:
    :func:`candidate_facts` of ``candidate``, where
    the caller has them (every region asks about the same candidates)."""
    digits, n, letter, plus, plain = facts or candidate_facts(candidate)
    if n >= _region_min_length(region):
        return _too_many_digits(digits, plain, region) or (
            plain
            and digits.isascii()
            and _keeps_own_code(digits, region)
            and _no_valid_suffix(digits, region, typed=True)
        )
    if letter:
        return False
    if n == 0:
        return True  # (parse raises: no number)
    if plus:
        return n < _global_min_length()
    if int(digits[0]) != 0 and _idd_starts_with_zero(region):
        return n < _region_min_length(region)  # (the common case: no look at the prefix needed)
    idd = _idd_prefix(region)
    if idd is None:
        return n < _global_min_length()
    ascii_digits = digits if digits.isascii() else normalize_digits_only(digits)
    m = idd.match(ascii_digits)
    # not stripped either where a 0 follows the prefix (``_parse_prefix_as_idd``); that reads the digit
    # after the prefix in what phonenumbers parses, the same digit here when nothing may cut an
    # extension off the end (``_NO_EXTENSION``)
    own_code = m is None or (m.end() < n and ascii_digits[m.end()] == "0" and plain)
    return n < (_region_min_length(region) if own_code else _global_min_length())


def _keeps_own_code(digits: str, region: str) -> bool:
    """Whether a candidate of ASCII ``digits`` holding no plus sign or letter keeps ``region``'s own
    calling code: its digits do not begin with the region's international prefix (or a 0 follows it;
    see :func:`cannot_be_valid`)."""
    if digits[:1] != "0" and _idd_starts_with_zero(region):
        return True
    idd = _idd_prefix(region)
    if idd is None:
        return False
    m = idd.match(digits)
    return m is None or (m.end() < len(digits) and digits[m.end()] == "0")


@functools.cache
def _general_descs(region: str) -> tuple | None:
    """(whether a national-prefix transform rule may rewrite the digits ``parse`` strips in
    ``region``, then the possible lengths, compiled national number pattern and metadata of the
    general description of every region sharing ``region``'s calling code); None where a region
    lists no lengths (any length passes there).

    Only the transform rules of the metadata ``parse`` strips a candidate keeping ``region``'s
    calling code with count: ``region``'s own (``_maybe_extract_country_code``, and ``parse`` where
    no calling code was cut off) and that of the calling code's main region (``parse``, once the
    calling code was cut off: ``region_code_for_country_code``). Other regions of the code are read
    only by ``is_valid_number`` through their descriptions: US and CA parse with the rules of US and
    CA, never with the area code that Antigua's rule writes in front of a local number (calling
    code 1), GB never with Jersey's (44). A rule applies only where the national prefix pattern
    matches at the start (``_maybe_strip_national_prefix_carrier_code``), so where nothing may be
    cut off the front (``_front_may_be_cut``) it rewrites nothing either (BR's carrier codes)."""
    code = PhoneMetadata.metadata_for_region(region).country_code
    regions = COUNTRY_CODE_TO_REGION_CODE[code]
    transformed = any(
        PhoneMetadata.metadata_for_region(r).national_prefix_transform_rule for r in {region, regions[0]}
    )
    out = []
    for r in regions:
        metadata = PhoneMetadata.metadata_for_region(r)
        if metadata is None:
            continue  # (is_valid_number_for_region: no metadata, not valid)
        desc = metadata.general_desc
        if desc is None or not desc.national_number_pattern:
            continue  # (_is_number_matching_desc: matches nothing)
        if not desc.possible_length:
            return None
        out.append((frozenset(desc.possible_length), re_compile(desc.national_number_pattern), metadata))
    return transformed, tuple(out)


def _no_valid_suffix(digits: str, region: str, typed: bool = False) -> bool:
    """True where no national number ``parse`` can read from a candidate of ASCII ``digits`` that
    keeps ``region``'s calling code (no plus sign, letter or extension mark; ``_keeps_own_code``)
    passes ``is_valid_number``. Parsing such a candidate only cuts digits off its front (its
    country code without a plus sign, a national prefix, a carrier code; ``_maybe_extract_country_code``
    and ``_maybe_strip_national_prefix_carrier_code`` when no transform rule applies; nothing where
    neither begins the digits), so the national significant number (leading zeros kept) is a suffix of ``digits``; and
    ``is_valid_number`` needs it to be of a known type in a region of that calling code (the one
    ``region_code_for_number`` picks: ``is_valid_number_for_region``), which
    ``_number_type_helper`` tells from the general description (a listed length, then the pattern
    in full) and then the descriptions of each type (fixed line, mobile, toll free ...). No suffix
    is: not valid in ``region``. ``typed`` False reads the general descriptions only; True (the
    pre-check) also the types, phonenumbers' own ``_number_type_helper``, for a suffix that passes
    the general description (a 9-digit figure has the shape of a German number, rarely of any
    German number type)."""
    found = _general_descs(region)
    if found is None:
        return False
    transformed, descs = found
    n = len(digits)
    if not _front_may_be_cut(digits, region):  # the national number is the whole candidate
        return not any(
            n in lengths
            and pattern.fullmatch(digits) is not None
            and (not typed or _known_type(digits, metadata))
            for lengths, pattern, metadata in descs
        )
    if transformed:
        return False  # (a rule may rewrite what is cut: the national number need not be a suffix)
    for lengths, pattern, metadata in descs:
        for k in lengths:
            if (
                k <= n
                and pattern.fullmatch(digits[n - k :]) is not None
                and (not typed or _known_type(digits[n - k :], metadata))
            ):
                return False
    return True


def _known_type(national: str, metadata) -> bool:
    """``is_valid_number_for_region``'s test of a national significant number (``_number_type_helper``)."""
    return _number_type_helper(national, metadata) != PhoneNumberType.UNKNOWN


@functools.cache
def _front_cuts(region: str) -> tuple[str, re.Pattern | None]:
    """``region``'s calling code and its national prefix for parsing, compiled as ``parse`` compiles
    it (``_maybe_strip_national_prefix_carrier_code``: ``re.compile``, then ``match`` at the start)."""
    metadata = PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix_for_parsing
    return str(metadata.country_code), (re.compile(prefix) if prefix else None)


def _front_may_be_cut(digits: str, region: str) -> bool:
    """Whether ``parse`` in ``region`` may cut digits off the front of a candidate of ASCII ``digits``
    that keeps the region's calling code (``_keeps_own_code``; no plus sign, letter or extension mark):
    only the calling code written without a plus sign (``_maybe_extract_country_code`` strips it only
    where the digits begin with it) and a national prefix or carrier code (stripped only where the
    region's ``national_prefix_for_parsing`` matches at the start). Where neither begins the digits,
    the national significant number is the candidate's digits, all of them (a leading 0 kept as an
    Italian leading zero)."""
    code, prefix = _front_cuts(region)
    return digits.startswith(code) or (prefix is not None and prefix.match(digits) is not None)


#: An international prefix pattern of digits, groups, classes and quantifiers only: no anchor, no
#: look-around, no back reference, so it matches a string's prefix only where it matches the string.
_PLAIN_IDD = re.compile(r"[0-9|()?:\[\]\-{},]*")


@functools.cache
def _idd_prefix(region: str) -> re.Pattern | None:
    """``region``'s international prefix as phonenumbers matches it (``_parse_prefix_as_idd``: at
    the start of the normalized digits), or None where the pattern is not plain (``_PLAIN_IDD``).
    A candidate without a plus sign or a letter whose digits do not begin with it keeps the
    region's calling code (``_maybe_strip_i18n_prefix_and_normalize``: the digits phonenumbers
    reads begin with the candidate's first digits; extraction and extensions only cut the end),
    so it is measured against the region's shortest number, not every country's ("0", "05",
    "0/24" in US text: the prefix is 011)."""
    idd = PhoneMetadata.metadata_for_region(region).international_prefix
    if not idd or _PLAIN_IDD.fullmatch(idd) is None:
        return None
    return re.compile(idd)


def _too_many_digits(digits: str, plain: bool, region: str) -> bool:
    """More digits than any valid number of ``region`` (``_region_max_length``) where nothing but a
    national prefix can be stripped: no letter, no extension mark (``#＃~～,;``: phonenumbers'
    extension patterns need one or a letter), no plus sign (``plain``: the candidate holds none of
    ``_NO_EXTENSION``) and a first digit other than 0."""
    longest = _region_max_length(region)
    return (
        longest is not None
        and len(digits) > longest
        and int(digits[0]) != 0
        and _idd_starts_with_zero(region)
        and plain
    )


#: Characters that may start an extension or a country code, or stand for digits.
_NO_EXTENSION = re.compile(r"[#＃~～,;+＋]|[^\W\d_]")


_NOT_ASCII_DIGIT = re.compile(r"[^0-9]")
_normalize_digits_any = phonenumberutil.normalize_digits_only


def normalize_digits_fast(number, keep_non_digits=False):
    """phonenumbers' ``normalize_digits_only`` with an ASCII fast path. phonenumbers looks every
    character up in the Unicode database one by one (``unicodedata.digit``), on every parse (a tenth
    of the phone recognizer's CPU); an ASCII string's digits are ``0``-``9`` and nothing else, so its
    answer is the string itself (``keep_non_digits``) or its ``0``-``9`` characters. Other strings go
    to phonenumbers' own function."""
    if type(number) is str and number.isascii():
        return number if keep_non_digits else _NOT_ASCII_DIGIT.sub("", number)
    return _normalize_digits_any(number, keep_non_digits)


def install_fast_normalize() -> None:
    """Make phonenumbers' parsing and matching call :func:`normalize_digits_fast` (same answers;
    idempotent): the modules that call ``normalize_digits_only`` by their global name."""
    phonenumberutil.normalize_digits_only = normalize_digits_fast
    phonenumbermatcher.normalize_digits_only = normalize_digits_fast


@functools.lru_cache(maxsize=8192)
def _char_test(test, char: str) -> bool:
    """``test(char)`` for one of phonenumbers' per-character tests (pure functions of the character:
    Unicode tables only), kept per character."""
    return test(char)


@functools.lru_cache(maxsize=8192)
def _bad_neighbour(char: str) -> bool:
    """phonenumbers' test of the character right before or after a candidate at ``Leniency.VALID``
    (``PhoneNumberMatcher._parse_and_verify``: an invalid punctuation symbol or a Latin letter there
    rejects it), kept per character (pure functions of the character: Unicode tables only)."""
    return PhoneNumberMatcher._is_invalid_punctuation_symbol(char) or PhoneNumberMatcher._is_latin_letter(
        char
    )


def _neighbours_pass(text: str, candidate: str, offset: int, lead: bool) -> bool:
    """phonenumbers' ``Leniency.VALID`` test of the characters around ``candidate`` at ``offset`` in
    ``text``: the one before it counts only where the candidate does not begin with phone-number
    punctuation (``lead``: ``_LEAD_PATTERN`` matches it)."""
    if offset > 0 and not lead and _bad_neighbour(text[offset - 1]):
        return False
    end = offset + len(candidate)
    return end >= len(text) or not _bad_neighbour(text[end])


def _entry(memo: dict, candidate: str) -> tuple:
    """(facts, begins with phone-number punctuation, per-region memo key or None) of ``candidate``:
    what every region and every call reads of it, kept in the text's ``memo`` under the candidate
    itself (answers are kept under tuples)."""
    entry = memo.get(candidate)
    if entry is None:
        entry = memo[candidate] = (candidate_facts(candidate), _LEAD_PATTERN.match(candidate) is not None, {})
    return entry


def _region_number(memo: dict, candidate: str, entry: tuple, region: str):
    """phonenumbers' ``Leniency.VALID`` parse-and-verify answer (the number, or None) for a candidate
    whose neighbours pass (``_neighbours_pass``). What is left of that step reads only the candidate
    (its brackets, page references) and the region (``parse``, ``_verify``), so the answer is kept
    per candidate and answer region (``_answer_region``: regions of one calling code share it where
    parse reads nothing of the region), and asked of phonenumbers' own matcher over the candidate
    alone (no neighbours to test there). Candidates that cannot be valid in the region
    (``cannot_be_valid``) are not parsed."""
    facts, _, regions = entry
    key = regions.get(region, _MISS)
    if key is _MISS:
        key = regions[region] = (
            None if cannot_be_valid(candidate, region, facts) else (candidate, _answer_region(facts, region))
        )
    if key is None:
        return None  # (stock tables: short figures, years, prices)
    number = memo.get(key, _MISS)
    if number is _MISS:
        match = PhoneNumberMatcher(candidate, region, leniency=Leniency.VALID)._parse_and_verify(candidate, 0)
        number = memo[key] = None if match is None else match.number
    return number


class _MemoMatcher(PhoneNumberMatcher):
    """phonenumbers' matcher whose parse-and-verify step, the costly part (a parse for the
    region, then the validity check), is looked up in ``memo`` first. That step reads only
    the candidate, the region, the leniency and the characters right before and after the
    candidate (``PhoneNumberMatcher._parse_and_verify``). At ``Leniency.VALID`` the characters
    around it are tested here, as phonenumbers tests them (``_neighbours_pass``), and the rest of
    the answer is kept per candidate and region (``_region_number``); at other levels the key is
    all four. The pieces of one text overlap (a table's next line is in the previous line's
    piece) and every region sees the same candidates: a third to a half of the calls repeat on
    tables and technical text."""

    def __init__(self, text: str, region: str, leniency, memo: dict, calls: list | None = None) -> None:
        super().__init__(text, region, leniency=leniency)
        self._memo = memo
        self.calls = calls  # where given, every (candidate, offset) asked, in order

    # The characters around each candidate are tested on every parse-and-verify call (a letter or
    # an invalid punctuation symbol there rejects it): phonenumbers looks a letter's Unicode block up
    # by a scan of its block table (~5 us for a Chinese character, the usual neighbour in Chinese
    # text) and a symbol's category likewise. Both read only the character: answered once per
    # character (``_char_test``, ``_bad_neighbour``).
    @classmethod
    def _is_latin_letter(cls, letter):
        return _char_test(PhoneNumberMatcher._is_latin_letter, letter)

    @classmethod
    def _is_invalid_punctuation_symbol(cls, character):
        return _char_test(PhoneNumberMatcher._is_invalid_punctuation_symbol, character)

    def _parse_and_verify(self, candidate, offset):
        if self.calls is not None:
            self.calls.append((candidate, offset))
        if self.leniency == Leniency.VALID:
            entry = _entry(self._memo, candidate)
            if not _neighbours_pass(self.text, candidate, offset, entry[1]):
                return None
            number = _region_number(self._memo, candidate, entry, self.preferred_region)
            return None if number is None else PhoneNumberMatch(offset, candidate, number)
        end = offset + len(candidate)
        key = (
            candidate,
            self.preferred_region,
            self.text[offset - 1] if offset > 0 else None,
            self.text[end] if end < len(self.text) else None,
        )
        number = self._memo.get(key, _MISS)
        if number is _MISS:
            match = super()._parse_and_verify(candidate, offset)
            number = self._memo[key] = None if match is None else match.number
        return None if number is None else PhoneNumberMatch(offset, candidate, number)


def _answer_region(facts: tuple, region: str) -> str | tuple:
    """What a ``Leniency.VALID`` parse-and-verify answer of a candidate depends on besides the
    candidate and its neighbours: the region, or only its calling code ``("cc", code)`` where the
    candidate holds ASCII digits and no plus sign, letter or extension mark, keeps the region's
    calling code (``_keeps_own_code``) and begins with neither the calling code nor a national prefix
    (``_front_may_be_cut``). Then ``parse`` gives every region of that calling code the same number
    (the calling code, the digits as national number, the same raw input and source; the region's
    own metadata only decides whether to strip a prefix there is none of), and the checks after it
    (``is_valid_number``, the x characters, the national prefix rule) read the number, not the
    region: US and CA (calling code 1) share their answers."""
    digits, _, _, _, plain = facts
    if (
        plain
        and digits.isascii()
        and _keeps_own_code(digits, region)
        and not _front_may_be_cut(digits, region)
    ):
        return ("cc", _front_cuts(region)[0])
    return region


def _none_in(calls: list, text: str, region: str, leniency, memo: dict) -> bool:
    """Whether ``region``'s matcher finds nothing in ``text``, given the parse-and-verify ``calls`` of
    a matcher over the same text that found nothing (another region).

    ``PhoneNumberMatcher`` reads its region only in ``_parse_and_verify`` (``parse(candidate,
    region)``); which candidates it asks next depends on the text, the leniency and whether each
    answer was None (then ``_max_tries`` counts down alike). So every region's matcher asks the
    same ``calls`` for as long as its answers are None: asked each of them, in order, and answering
    None to all, the region finds nothing, with the same parses its own matcher would make (they go
    to ``memo``). False as soon as one answer is a number: that region's matcher is then run as
    usual. The matchers' candidate scan (phonenumbers' candidate pattern, trimming, inner groups)
    runs once per piece instead of once per region."""
    if leniency != Leniency.VALID:
        probe = _MemoMatcher(text, region, leniency, memo)
        return all(probe._parse_and_verify(candidate, offset) is None for candidate, offset in calls)
    return _none_for(_live(calls, text, memo), region, memo)


def _live(calls: list, text: str, memo: dict) -> dict:
    """The candidates of ``Leniency.VALID`` parse-and-verify ``calls`` over ``text`` whose neighbours
    pass (``_neighbours_pass``), once each, with their memo entries (``_entry``): the other calls
    answer None in every region, and what is left of a call's answer reads only the candidate and
    the region (``_region_number``)."""
    live: dict = {}
    for candidate, offset in calls:
        entry = _entry(memo, candidate)
        if candidate not in live and _neighbours_pass(text, candidate, offset, entry[1]):
            live[candidate] = entry
    return live


def _none_for(live: dict, region: str, memo: dict) -> bool:
    """``_none_in`` at ``Leniency.VALID`` over the candidates ``_live`` kept."""
    return all(_region_number(memo, candidate, entry, region) is None for candidate, entry in live.items())


class MinDigitsPhoneRecognizer(PhoneRecognizer):
    """Presidio's phonenumbers-based recognizer, keeping numbers of at least
    ``min_digits`` digits before any extension. With its default regions
    phonenumbers accepts German numbers of 4-6 digits ("16 89"), which in
    running text are nearly always prices, years or counts. A bare run of
    digits ("1670770906") is as often a timestamp or a record number as a
    phone number: it scores ``BARE_SCORE`` (0.3) and needs a context word,
    while written forms ("(212) 555-0123", "+44 20 7946 0958") keep 0.4.
    Dotted numbers need a context word (module docstring); dates are dropped.

    Linear time: phonenumbers parses only slices around runs of at least
    ``min_digits`` digits; a run longer than ``PIECE`` characters is cut into
    overlapping pieces (overlap ``OVERLAP``, longer than any phone number with
    its extension), and findings touching a cut are dropped (the overlapping
    piece holds them whole)."""

    BARE_SCORE = 0.3
    SLICE_BEFORE = 12  # room for "+", "(" and punctuation before the first digit
    SLICE_AFTER = 28  # room for an extension ("extension 1234567")
    PIECE = 1024
    OVERLAP = 80

    def __init__(self, min_digits: int = 7, **kwargs) -> None:
        super().__init__(**kwargs)
        self.min_digits = min_digits
        # phonenumbers compiles its metadata's patterns on every use (re.compile's own cache: a
        # lookup through re._compile per pattern, ~7 per parse-and-verify); its own cache keeps them
        # (the same compiled patterns, bounded by the metadata)
        phonenumbers.enable_pattern_cache()
        install_fast_normalize()  # (the same digits, without a Unicode look-up per ASCII character)
        # A run of >= min_digits digits with up to six non-letter characters
        # between them: phonenumbers' candidates allow at most four.
        self._runs = regex.compile(r"\p{Nd}(?:[^\p{L}\p{Nd}\n\r]{0,6}+\p{Nd}){%d,}+" % (min_digits - 1))
        self._possible = possible_phone(min_digits)

    def _pieces(self, lo: int, hi: int):
        """``(start, end, cut_left, cut_right)`` pieces covering ``[lo, hi)``."""
        if hi - lo <= self.PIECE:
            yield lo, hi, False, False
            return
        start = lo
        while True:
            end = min(hi, start + self.PIECE)
            yield start, end, start > lo, end < hi
            if end >= hi:
                return
            start = end - self.OVERLAP

    def _matches(self, piece: str, nlp_artifacts, memo: dict) -> list:
        """Presidio's ``PhoneRecognizer.analyze`` on ``piece`` (the same loop over regions and
        results), with parse-and-verify answers shared through ``memo`` (``_MemoMatcher``). What the
        regions' matchers find reads only the piece: a piece seen before in the same text (a page's
        repeated markup, a table's repeated row) is answered from ``memo``."""
        if self.leniency > Leniency.VALID:  # stricter levels read the matcher itself: no memo
            return super().analyze(piece, self.supported_entities, nlp_artifacts)
        key = (_PIECE, piece)
        hits = memo.get(key)
        if hits is None:
            hits = memo[key] = self._hits(piece, memo)
        results = [self._get_recognizer_result(m, piece, region, nlp_artifacts) for m, region in hits]
        return EntityRecognizer.remove_duplicates(results)

    def _hits(self, piece: str, memo: dict) -> list:
        """(match, region named in the explanation) of every region's matcher over ``piece``, in
        Presidio's order. A region asked the calls of a region that found nothing, answering None to
        each, finds nothing (``_none_in``) and is skipped."""
        valid = self.leniency == Leniency.VALID
        hits = []
        calls = None  # the calls of a region that found nothing (at VALID: the live candidates)
        for region in self.supported_regions:
            if calls is not None and (
                _none_for(calls, region, memo)
                if valid
                else _none_in(calls, piece, region, self.leniency, memo)
            ):
                continue
            matcher = _MemoMatcher(piece, region, self.leniency, memo, [] if calls is None else None)
            found = False
            for match in matcher:
                found = True
                try:  # the region named in the explanation, as Presidio finds it
                    found_region = phonenumbers.region_code_for_number(
                        phonenumbers.parse(piece[match.start : match.end])
                    )
                except NumberParseException:
                    found_region = region
                hits.append((match, found_region))
            if not found and calls is None:
                calls = _live(matcher.calls, piece, memo) if valid else matcher.calls
        return hits

    def analyze(self, text, entities, nlp_artifacts=None):
        found = []
        memo: dict = {}  # one text's parse-and-verify answers (never kept across texts)
        for m in self._runs.finditer(text):
            lo, hi = max(0, m.start() - self.SLICE_BEFORE), min(len(text), m.end() + self.SLICE_AFTER)
            for a, b, cut_left, cut_right in self._pieces(lo, hi):
                piece = text[a:b]  # re2 encodes the whole string it searches: never pass the document
                if self._possible.search(piece) is None:
                    continue  # nothing phonenumbers could find here would be kept
                for r in self._matches(piece, nlp_artifacts, memo):
                    if (cut_left and r.start == 0) or (cut_right and r.end == b - a):
                        continue
                    r.start += a
                    r.end += a
                    found.append(r)
        keep = []
        for r in EntityRecognizer.remove_duplicates(found):
            span = text[r.start : r.end]
            main = regex.split(r"[A-Za-z]", span, maxsplit=1)[0]
            if sum(c.isdigit() for c in main) < self.min_digits or date_like(span):
                continue
            if span.isdigit():
                r.score = self.BARE_SCORE
            if dotted(span):
                r.recognition_metadata[REQUIRES_CONTEXT] = True
            keep.append(r)
        return keep


class FormattedPhoneRecognizer(CnPatternRecognizer):
    """Phone numbers by written shape (module docstring); 7-15 digits."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = [
        Pattern(
            "phone_formatted",
            r"(?<![\w+.\-/])"
            r"(?:\+\d{1,3}|\+\d{4,8}+(?=[ .\-]\d)|\(\d{1,4}\)|\d{1,5})"  # "+447700 921 916": CC + area code
            r"(?:(?:[ .\-]|(?<=\)))(?:\(\d{1,4}\)|\d{1,6})){1,6}+"  # "99 668472": a six-digit local group
            r"(?:(?i:\ ?(?:x|ext\.?|extension)\ ?)\d{1,6})?"
            r"(?![\w])(?![.\-]\d)",
            0.4,
        )
    ]
    CONTEXT = PHONE_CONTEXT
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CONTEXT
    _NANP = regex.compile(r"^(?:\+?1[ \-])?\d{3}([ \-])\d{3}\1\d{4}$")

    def __init__(self, supported_language: str = "en", min_digits: int = 7) -> None:
        super().__init__(supported_language)
        self.min_digits = min_digits

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        main = main_part(candidate)
        digits = sum(c.isdigit() for c in main)
        if not self.min_digits <= digits <= 15 or date_like(candidate):
            return None
        if dotted(candidate):
            return Assessment(0.4, requires_context=True)
        if main.startswith(("+", "(")) or self._NANP.match(main):
            return Assessment(0.4)
        return Assessment(0.3)
