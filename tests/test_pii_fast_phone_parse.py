"""Two exact short cuts around phonenumbers' parse in the phone recognizer (``recognizers_phone``):

* ``normalize_digits_fast``: phonenumbers' ``normalize_digits_only`` with an ASCII fast path, installed
  into phonenumbers by the recognizer; the same answer on any string;
* the pre-check's suffix test (``_no_valid_suffix``) reads only the whole candidate where ``parse``
  can cut nothing off its front (no calling code, no national prefix at the start): it never rejects
  what phonenumbers accepts, and rejects long figure runs the suffix test let through."""

from __future__ import annotations

import random

import phonenumbers.phonenumbermatcher as phonenumbermatcher
import phonenumbers.phonenumberutil as phonenumberutil
import pytest
from phonenumbers import Leniency, PhoneNumberMatcher

from operators.pii import recognizers_phone
from operators.pii.recognizers_phone import (
    MinDigitsPhoneRecognizer,
    _front_may_be_cut,
    cannot_be_valid,
    normalize_digits_fast,
)
from tests.phone_cases import check_never_rejects_valid, phonenumbers_accepts

REGIONS = ("US", "GB", "DE", "FR", "IL", "IN", "CA", "BR")
_CHARS = "0123456789" * 6 + "０１２３４５６７８９" + "٠١٢٣٤٥٦٧٨٩" + "²³¹" + " -+().#x/abcXYZ，．" + "中文"


def test_fast_normalize_answers_as_phonenumbers():
    original = recognizers_phone._normalize_digits_any
    assert original.__module__ == "phonenumbers.phonenumberutil"
    rng = random.Random(7)
    texts = ["", "0", "+1 (555) 123-4567", "ext. 89", "１２３", "²", "٣٤"]
    texts += ["".join(rng.choice(_CHARS) for _ in range(rng.randint(1, 20))) for _ in range(5000)]
    for text in texts:
        for keep in (False, True):
            assert normalize_digits_fast(text, keep) == original(text, keep), (text, keep)
    assert normalize_digits_fast("555-0123") == "5550123"


def test_the_recognizer_installs_the_fast_normalize():
    MinDigitsPhoneRecognizer()
    assert phonenumberutil.normalize_digits_only is normalize_digits_fast
    assert phonenumbermatcher.normalize_digits_only is normalize_digits_fast


@pytest.mark.parametrize(
    "digits, region, cut",
    [
        ("4580730215736819", "DE", False),  # neither 49 nor the national prefix 0 begins it
        ("4980730215736819", "DE", True),  # the calling code without a plus sign
        ("0580730215736819", "DE", True),  # the national prefix
        ("2125550123", "US", False),
        ("12125550123", "US", True),  # 1: calling code and national prefix
    ],
)
def test_front_may_be_cut(digits, region, cut):
    assert _front_may_be_cut(digits, region) is cut


def test_long_figures_without_a_prefix_are_rejected_before_parsing():
    # 16 digits: a suffix of them has the length and shape of a German number, so the suffix test
    # let them through to parse; nothing can be cut off their front, and all 16 are no number
    for candidate in ("458 073-0215736819", "4580730215736819"):
        for region in ("DE", "FR", "IL", "IN"):
            assert cannot_be_valid(candidate, region), (candidate, region)
            assert not phonenumbers_accepts(candidate, region)
    assert not cannot_be_valid("0580730215736", "DE")  # a national prefix: its suffixes still count


@pytest.mark.parametrize("seed", [0, 1])
def test_never_rejects_what_phonenumbers_accepts_on_digit_runs(seed):
    rng = random.Random(seed)
    candidates = []
    for k in range(2500):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(7, 17)))
        if k % 4 == 0:  # a calling code or a national prefix in front
            digits = rng.choice(("1", "44", "49", "33", "972", "91", "55", "0")) + digits[1:]
        candidates.append(digits if k % 3 else f"{digits[:3]} {digits[3:6]}-{digits[6:]}")
    rejected, accepted = check_never_rejects_valid(candidates, REGIONS)
    assert rejected > 5000 and accepted > 100  # both sides of the check were exercised


#: Regions that share a calling code (phonenumbers' metadata), the default US and CA among them.
_SHARED_CODE = [("US", "CA", "PR", "JM"), ("GB", "GG", "JE", "IM"), ("RU", "KZ"), ("IT", "VA"), ("FI", "AX")]


def _answer(candidate: str, region: str):
    match = PhoneNumberMatcher(candidate, region, leniency=Leniency.VALID)._parse_and_verify(candidate, 0)
    return None if match is None else match.number


@pytest.mark.parametrize("regions", _SHARED_CODE)
def test_regions_of_one_calling_code_share_answers_only_where_parse_reads_no_region(regions):
    rng = random.Random(len(regions))
    shared = 0
    for k in range(1500):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 13)))
        candidate = digits if k % 2 else f"{digits[:3]} {digits[3:6]}-{digits[6:]}"
        if k % 5 == 0:
            candidate = "+" + candidate  # a plus sign: never shared
        facts = recognizers_phone.candidate_facts(candidate)
        keys = {}
        for region in regions:
            keys.setdefault(recognizers_phone._answer_region(facts, region), []).append(region)
        for key, group in keys.items():
            if isinstance(key, tuple) and len(group) > 1:
                shared += 1
                answers = {str(_answer(candidate, r)) for r in group}
                assert len(answers) == 1, (candidate, group)
    assert shared > 300


def test_us_and_ca_parse_a_number_once():
    """The recognizer parses a 10-digit North American number once for US and CA together."""
    parsed: list[tuple[str, str]] = []
    original = PhoneNumberMatcher._parse_and_verify

    def spy(self, candidate, offset):
        parsed.append((candidate, self.preferred_region))
        return original(self, candidate, offset)

    rec = MinDigitsPhoneRecognizer(supported_regions=REGIONS)
    PhoneNumberMatcher._parse_and_verify = spy
    try:
        found = rec.analyze("Call 212-555-0198 or 303 555 0142 today.", ["PHONE_NUMBER"])
    finally:
        PhoneNumberMatcher._parse_and_verify = original
    assert [(r.start, r.end) for r in found] == [(5, 17), (21, 33)]
    regions = [r for c, r in parsed if c.startswith(("212", "303"))]
    assert "US" in regions and "CA" not in regions
