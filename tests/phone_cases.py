"""Phone-number test helpers: what phonenumbers itself accepts, the pre-check's promise (a candidate
``cannot_be_valid`` rejects is one phonenumbers never accepts), and ``pii_redact``'s phone recognizer
beside Presidio's, compared by their findings."""

from __future__ import annotations

from typing import NamedTuple

import phonenumbers
from phonenumbers import Leniency, PhoneNumber, PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType

from operators.pii.recognizers_phone import cannot_be_valid

#: the kinds of number most tests take phonenumbers' example of
FIXED_MOBILE_TOLL_FREE = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE)


class Example(NamedTuple):
    """One of phonenumbers' example numbers and the forms the tests write it in."""

    region: str
    number: PhoneNumber
    national: str
    intl: str
    e164: str
    nsn: str


def example_numbers(regions, kinds=FIXED_MOBILE_TOLL_FREE):
    """phonenumbers' example number of each kind for each region (regions outer, kinds inner),
    where it has one."""
    for region in regions:
        for kind in kinds:
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None:
                yield Example(
                    region,
                    number,
                    phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
                    phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
                    phonenumbers.format_number(number, PhoneNumberFormat.E164),
                    phonenumbers.national_significant_number(number),
                )


def phonenumbers_accepts(candidate: str, region: str) -> bool:
    """phonenumbers' own answer: ``candidate`` parses as a valid number of ``region``."""
    matcher = PhoneNumberMatcher(candidate, region, leniency=Leniency.VALID)
    return matcher._parse_and_verify(candidate, 0) is not None


def check_never_rejects_valid(candidates, regions, count_accepted: bool = True) -> tuple[int, int]:
    """Each candidate in each region that ``cannot_be_valid`` rejects is one phonenumbers does not
    accept. Returns (rejected, accepted): how many pairs were rejected, and (with ``count_accepted``;
    otherwise 0 and the others are not parsed) how many of the others phonenumbers accepts."""
    rejected = accepted = 0
    for candidate in candidates:
        for region in regions:
            if cannot_be_valid(candidate, region):
                rejected += 1
                assert not phonenumbers_accepts(candidate, region), (candidate, region)
            elif count_accepted and phonenumbers_accepts(candidate, region):
                accepted += 1
    return rejected, accepted


def spans(results) -> list[tuple[str, int, int, float]]:
    """Findings as sorted (entity, start, end, score), to compare two recognizers'."""
    return sorted((r.entity_type, r.start, r.end, r.score) for r in results)


def ours_and_presidio(regions):
    """``pii_redact``'s phone recognizer (any length) and Presidio's, for the same regions."""
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    from operators.pii.recognizers_phone import MinDigitsPhoneRecognizer

    ours = MinDigitsPhoneRecognizer(min_digits=1, supported_language="xx", supported_regions=regions)
    return ours, PhoneRecognizer(supported_language="xx", supported_regions=regions)
