"""IBAN in any letter case: the MOD 97-10 check and the recognizer built on it."""

from __future__ import annotations

import pytest

from operators.pii.checksums import iban_mod97_ok
from operators.pii.recognizers_iban import AnyCaseIbanRecognizer

VALID = "GB82WEST12345698765432"  # the ISO 13616 example
VALID_DE = "DE89370400440532013000"


@pytest.mark.parametrize(
    "code", [VALID, VALID.lower(), "gb82 west 1234 5698 7654 32", VALID_DE, "De89-3704-0044-0532-0130-00"]
)
def test_mod97_accepts_any_case_and_grouping(code):
    assert iban_mod97_ok(code)


@pytest.mark.parametrize(
    "code",
    ["GB83WEST12345698765432", "gb82west12345698765433", "GB82", "82GBWEST123456", "GB82WEST1234569876543Ä"],
)
def test_mod97_rejects_wrong_check_and_shapes(code):
    assert not iban_mod97_ok(code)


def _found(text: str) -> list[str]:
    rec = AnyCaseIbanRecognizer(supported_language="en")
    return [text[r.start : r.end] for r in rec.analyze(text, ["IBAN_CODE"])]


def test_lower_case_iban_is_found():
    assert _found("my iban is gb82west12345698765432 thanks") == ["gb82west12345698765432"]
    assert _found("IBAN: GB82 WEST 1234 5698 7654 32.") == ["GB82 WEST 1234 5698 7654 32"]


def test_lower_case_look_alikes_are_not():
    # a wrong check digit, and a word-and-digits run of IBAN length that is no IBAN
    assert _found("my iban is gb83west12345698765432") == []
    assert _found("build id ab12cdef345678901234567 failed") == []
