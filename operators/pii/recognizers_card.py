"""Payment cards by issuer number (IIN) and length, complementing Presidio's
CREDIT_CARD regex, which only takes 13-17 digits starting with 1 or 3-6 and
so misses Maestro (12-19 digits), 15-digit JCB (2131/1800), 19-digit Visa
and Mastercard's 2-series. A 12-19 digit number counts when its prefix and
length fit a scheme in the table (ISO/IEC 7812 IIN ranges as published by the
schemes) and it passes Luhn; such a number is rarely anything else, so it
scores 1.0 like Presidio's Luhn-validated match (0.5 when it is also a
plausible 18-digit ID number).
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from .checksums import cn_id_structure_ok, luhn_ok
from .recognizers_zh import NUMBER_NEGATIVE_CONTEXT, Assessment, CnPatternRecognizer

# (prefixes, allowed lengths)
_SCHEMES: list[tuple[tuple[str, ...], range | tuple[int, ...]]] = [
    (("4",), (13, 16, 19)),  # Visa
    (tuple(str(p) for p in range(51, 56)) + tuple(str(p) for p in range(2221, 2721)), (16,)),  # Mastercard
    (("34", "37"), (15,)),  # American Express
    (("6011", "65") + tuple(str(p) for p in range(644, 650)), range(16, 20)),  # Discover
    (tuple(str(p) for p in range(3528, 3590)), range(16, 20)),  # JCB
    (("2131", "1800"), (15,)),  # JCB (15 digits)
    (("300", "301", "302", "303", "304", "305", "36", "38", "39"), range(14, 20)),  # Diners Club
    (("50", "56", "57", "58", "6304", "6390", "6759", "676", "0604"), range(12, 20)),  # Maestro
    (("62",), range(16, 20)),  # UnionPay
]


def iin_matches(digits: str) -> bool:
    n = len(digits)
    return any(n in lengths and digits.startswith(prefixes) for prefixes, lengths in _SCHEMES)


class IinCardRecognizer(CnPatternRecognizer):
    """CREDIT_CARD by IIN table + length + Luhn (see module docstring)."""

    ENTITY = "CREDIT_CARD"
    GATE = r"[0-9]{4}[- ]?[0-9]{2}"  # four digits and a group of at least two
    PATTERNS = [
        Pattern(
            "card_iin",
            r"(?<![0-9A-Za-z])\d{4}(?:[- ]?\d{2,7}){1,4}(?![0-9A-Za-z])",
            1.0,
        ),
    ]
    CONTEXT = ["credit", "card", "visa", "mastercard", "amex", "discover", "jcb", "diners", "maestro",
               "信用卡", "卡号", "银行卡"]  # fmt: skip
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CONTEXT

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        digits = "".join(c for c in candidate if c.isdigit())
        if not 12 <= len(digits) <= 19 or not luhn_ok(digits) or not iin_matches(digits):
            return None
        if len({c for c in candidate if not c.isdigit()}) > 1:
            return None  # mixed separators: not one number
        return Assessment(id_lookalike_score(digits, 1.0))


def id_lookalike_score(digits: str, score: float) -> float:
    """An 18-digit number with a valid ID region and birth date is more likely a
    (mistyped) ID than a card: cap the card score at 0.5 so CN_ID_CARD wins
    when an ID context word is near; alone it is still flagged as a card."""
    return min(score, 0.5) if len(digits) == 18 and cn_id_structure_ok(digits) else score
