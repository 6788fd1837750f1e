"""Check digits and structure tests for Chinese identifiers and payment cards.

* GB 11643-1999 (citizen identification number): 6-digit administrative
  region (GB/T 2260), 8-digit birth date, 3-digit sequence and an ISO 7064
  MOD 11-2 check character (``0-9`` or ``X``). The 15-digit form issued
  before 1999 has a 6-digit birth date ``YYMMDD`` (19YY) and no check digit.
* Luhn (ISO/IEC 7812-1 Annex B) for bank cards.

Regions are checked at province level (first two digits): the county table
of GB/T 2260 changes every year and is not bundled.
"""

from __future__ import annotations

import datetime as _dt

#: Province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macau, 83
#: Taiwan residence permits).
CN_PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
        "65", "71", "81", "82", "83",
    }
)  # fmt: skip

_GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_GB11643_CHECK = "10X98765432"
_EARLIEST_BIRTH_YEAR = 1900


def gb11643_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _GB11643_WEIGHTS))
    return _GB11643_CHECK[total % 11]


def _valid_date(year: int, month: int, day: int, today: _dt.date) -> bool:
    if year < _EARLIEST_BIRTH_YEAR:
        return False
    try:
        born = _dt.date(year, month, day)
    except ValueError:
        return False
    return born <= today


def cn_id_structure_ok(number: str, today: _dt.date | None = None) -> bool:
    """Region (province) and birth date are plausible; the check digit is not tested.

    Accepts the 18-character form (17 digits + digit or ``X``) and the 15-digit
    legacy form.
    """
    today = today or _dt.date.today()
    if len(number) == 18:
        if not (number[:17].isascii() and number[:17].isdigit() and number[17] in "0123456789Xx"):
            return False
        year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    elif len(number) == 15:
        if not (number.isascii() and number.isdigit()):
            return False
        year, month, day = 1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])
    else:
        return False
    return number[:2] in CN_PROVINCE_CODES and _valid_date(year, month, day, today)


def cn_id_checksum_ok(number: str) -> bool:
    """True when an 18-character ID carries the correct GB 11643 check character."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    return gb11643_check_char(number[:17]) == number[17].upper()


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check over a string of ASCII digits."""
    if not digits or not (digits.isascii() and digits.isdigit()):
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_check_digit(payload: str) -> str:
    """The digit that makes ``payload + digit`` pass the Luhn check."""
    for d in "0123456789":
        if luhn_ok(payload + d):
            return d
    raise ValueError("payload must be ASCII digits")  # pragma: no cover - unreachable for digits


# -- Unified Social Credit Code (统一社会信用代码), GB 32100-2015 ---------------------------

#: The 31 code characters (digits and capitals without I, O, S, V, Z), in value order.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARS)}
#: Weights of positions 1-17: 3^(i-1) mod 31 (GB 32100-2015, 4.3).
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
#: First character: the registering authority (1 institutions, 5 civil affairs, 9 industry and
#: commerce, Y other; A-G, N for the others listed in the standard's annex).
USCC_AUTHORITIES = frozenset("123456789ABCDEFGNY")


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character (MOD 31) for the first 17 characters."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31]


def uscc_ok(code: str) -> bool:
    """An 18-character Unified Social Credit Code with a valid authority, province
    (characters 3-4 of the GB/T 2260 region) and check character."""
    code = code.upper()
    if len(code) != 18 or any(c not in _USCC_VALUE for c in code):
        return False
    if code[0] not in USCC_AUTHORITIES or not code[2:8].isdigit() or code[2:4] not in CN_PROVINCE_CODES:
        return False
    return uscc_check_char(code[:17]) == code[17]


# -- IBAN, ISO 13616-1 --------------------------------------------------------------------


def iban_mod97_ok(iban: str) -> bool:
    """ISO 13616 / ISO 7064 MOD 97-10: the country code and check digits moved to the end,
    letters as 10-35, the number is 1 modulo 97. Case, spaces and hyphens are ignored
    ("gb82 west 1234 5698 7654 32" is as valid as its upper-case form)."""
    code = iban.replace(" ", "").replace("-", "").upper()
    if not (15 <= len(code) <= 34 and code.isascii() and code.isalnum()):
        return False
    if not (code[:2].isalpha() and code[2:4].isdigit()):
        return False
    rearranged = code[4:] + code[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1
