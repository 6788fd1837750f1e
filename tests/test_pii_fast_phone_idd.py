"""The international-prefix part of the digit-count pre-check (``recognizers_phone.cannot_be_valid``):
a candidate with a leading 0 whose digits do not begin with the region's international prefix
(or have a 0 right after it) keeps the region's calling code, so it is measured against the
region's shortest number. It must answer "no number" only where phonenumbers' own
parse-and-verify gives none: on phonenumbers' example numbers of every region and type, written
nationally, with each default region's international prefix, and with leading zeros added, and
on random candidates made of zeros, prefixes and separators."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import PhoneMetadata

from operators.pii.recognizers_phone import _idd_prefix, cannot_be_valid
from tests.phone_cases import check_never_rejects_valid, example_numbers, phonenumbers_accepts

REGIONS = ("US", "GB", "DE", "FR", "IL", "IN", "CA", "BR")
_IDDS = ("00", "011", "0011", "010", "001", "0012", "000", "01005", "0013", "0015")


def _example_candidates() -> list[str]:
    out = []
    for ex in example_numbers(sorted(phonenumbers.SUPPORTED_REGIONS)):
        out += [ex.national, ex.e164[1:], "0" + ex.national, "00" + ex.national]
        out += [idd + " " + ex.e164[1:] for idd in _IDDS]
    return out


def test_example_numbers_of_every_region_are_never_rejected_when_valid():
    rejected, accepted = check_never_rejects_valid(_example_candidates(), REGIONS)
    assert rejected > 100 and accepted > 500  # both sides exercised


@pytest.mark.parametrize("seed", [0, 1])
def test_random_leading_zero_candidates(seed):
    rng = random.Random(seed)
    atoms = [
        "0",
        "0",
        "00",
        "011",
        "01",
        "0 ",
        " ",
        "-",
        "/",
        ".",
        "(",
        ")",
        "#",
        ",",
        "1",
        "5",
        "9",
        "44",
        "49",
    ]
    candidates = ["0" + "".join(rng.choice(atoms) for _ in range(rng.randint(0, 9))) for _ in range(4000)]
    rejected, _ = check_never_rejects_valid(candidates, REGIONS, count_accepted=False)
    assert rejected > 5000


@pytest.mark.parametrize(
    "candidate, region",
    [("0", "US"), ("05", "US"), ("0/24", "CA"), ("0 12", "GB"), ("000", "DE"), ("0.5", "IN")],
)
def test_short_leading_zero_figures_are_rejected(candidate, region):
    assert cannot_be_valid(candidate, region)  # (before the prefix was read, every country's minimum: none)


@pytest.mark.parametrize(
    "candidate, region",
    [("00 683 7012", "GB"), ("011 683 7012", "US"), ("00683#7012", "FR"), ("0049 30 1234", "DE")],
)
def test_a_real_international_prefix_keeps_every_country(candidate, region):
    assert not cannot_be_valid(candidate, region)


def test_every_default_region_has_a_plain_prefix():
    for region in REGIONS:
        assert _idd_prefix(region) is not None, PhoneMetadata.metadata_for_region(region).international_prefix


_SHORT_FOREIGN = ["+683 7012", "+290 8999", "+690 3101", "+682 21234", "+49 1689", "+247 6222", "+500 31234"]


def test_short_foreign_numbers_dialled_from_every_region():
    """Each region's own way of dialling short foreign numbers (its international prefix, as
    phonenumbers writes it): a pre-check reading the prefix wrongly would reject these."""
    numbers = [phonenumbers.parse(s) for s in _SHORT_FOREIGN]
    checked = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for number in numbers:
            candidate = phonenumbers.format_out_of_country_calling_number(number, region)
            if candidate.startswith("+") or not phonenumbers_accepts(candidate, region):
                continue
            checked += 1
            assert not cannot_be_valid(candidate, region), (candidate, region)
    assert checked > 500
