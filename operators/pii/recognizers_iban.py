"""IBAN_CODE in any letter case.

Presidio's ``IbanRecognizer`` matches upper-case country and bank codes only
and rejects a lower-case match's format, so "my iban is gb82west12345698765432"
(chat text, forms typed in lower case) was missed. This recognizer runs the
same pattern case-insensitively and accepts a match when the upper-cased code
passes Presidio's per-country format and the ISO 13616 MOD 97-10 check
(``checksums.iban_mod97_ok``): a random lower-case word-and-digits run passes
the check with odds of 1 in 97 and the country format rarely, so prose words
stay unflagged.
"""

from __future__ import annotations

import regex
from presidio_analyzer.predefined_recognizers import IbanRecognizer

from .checksums import iban_mod97_ok


class AnyCaseIbanRecognizer(IbanRecognizer):
    """Presidio's IBAN recognizer, case-insensitive, validated on the upper-cased code."""

    def __init__(self, **kwargs) -> None:
        super().__init__(regex_flags=regex.DOTALL | regex.MULTILINE | regex.IGNORECASE, **kwargs)

    def validate_result(self, pattern_text: str) -> bool | None:
        if not iban_mod97_ok(pattern_text):
            return False
        return super().validate_result(pattern_text.upper())
