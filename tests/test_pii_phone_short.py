"""The digit-count pre-check (``recognizers_phone.cannot_be_valid``) answers "no number" only
where phonenumbers' own parse-and-verify step gives none: on random candidates (plus signs,
leading zeros, full-width digits, extensions, letters) and on short numbers that are valid
(German 4-digit numbers, +CC numbers), in every default region; a stock table's figures skip
parsing; and the recognizer's findings are the same with and without the pre-check."""

from __future__ import annotations

import random

import pytest

from operators.pii import recognizers_phone
from operators.pii.recognizers_phone import MinDigitsPhoneRecognizer, cannot_be_valid
from tests.phone_cases import check_never_rejects_valid, phonenumbers_accepts

REGIONS = ("US", "GB", "DE", "FR", "IL", "IN", "CA", "BR")
_ATOMS = list("0123456789") * 4 + list("０１２３４５６７８９") + [
    "+", "＋", "(", ")", "-", " ", ".", "/", ",", "#", "~", "x", "ext ", "．", "／", "—", "0", "00", "011",
    "2025551234", "2079460958", "030123456", "180020", "1", ";", "～",
]  # fmt: skip
#: Valid numbers of four and five digits (Niue, Tristan da Cunha, Tokelau, Cook Islands), in the forms
#: a plus sign or an international prefix gives them, and German ones.
_SHORT_VALID = ["+683 7012", "+290 8999", "+690 3101", "+682 21234", "00683 7012", "011 683 7012", "0049 30 1234",
                "+49 1689", "1689", "+683 ７０１２", "＋683 7012"]  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_never_rejects_what_phonenumbers_accepts(seed):
    rng = random.Random(seed)
    candidates = []
    for k in range(3000):
        candidate = "".join(rng.choice(_ATOMS) for _ in range(rng.randint(1, 12)))
        if k % 3 == 0:  # a short valid number, maybe with more around it
            candidate = rng.choice(_SHORT_VALID) + candidate[: rng.randint(0, 2)]
        candidates.append(candidate)
    rejected, accepted = check_never_rejects_valid(candidates, REGIONS)
    assert rejected > 1000 and accepted > 10  # both sides of the check were exercised


@pytest.mark.parametrize(
    "candidate, region",
    [
        ("1689", "DE"),  # German numbers of four digits are valid: the region's own minimum is 4
        ("030 1234", "DE"),
        ("+49 30 1234", "US"),  # a plus sign: any country's shortest number counts
        ("011 49 30 1234", "US"),  # an international prefix
        ("+1 800 FLOWERS", "US"),  # letters may stand for digits
        ("(0717)5401220", "GB"),  # a leading 0: the region's own shortest number counts
        ("800 555 0123 # 4567", "US"),  # an extension: its digits do not count
        ("+44 20 7946 0958 0000", "US"),
    ],
)
def test_keeps_short_numbers_that_may_be_valid(candidate, region):
    assert not cannot_be_valid(candidate, region)


def test_no_length_bound_where_a_national_prefix_may_be_stripped_twice():
    # GB: the 6-digit national prefix 180020 may be stripped twice, so 15 digits are not too many
    # (the candidate is still no British number: the type pre-check rejects it, as phonenumbers)
    assert not recognizers_phone._too_many_digits("18005550123 4567".replace(" ", ""), True, "GB")
    assert cannot_be_valid("1 800 555 0123 4567", "GB") and not phonenumbers_accepts(
        "1 800 555 0123 4567", "GB"
    )


@pytest.mark.parametrize(
    "candidate",
    [
        "１９９７",
        "４６０８",
        "２．４",
        "12",
        "993",
        "30.5",
    ],
)
def test_stock_table_figures_are_rejected_before_parsing(candidate):
    assert all(cannot_be_valid(candidate, region) for region in ("US", "GB", "FR", "IN", "CA", "BR"))


def test_same_findings_with_and_without_the_precheck(monkeypatch):
    rng = random.Random(7)
    rows = [
        "  ".join(rng.choice(["１９９７", "５６００／６０００", "２．４", "+49 30 1234", "(212) 555-0123", "13800138000",
                             "０１０－８８８８６６６６", "1689", "30.18", "9816843887"]) for _ in range(8))
        for _ in range(300)
    ]  # fmt: skip
    rec = MinDigitsPhoneRecognizer(supported_language="xx", supported_regions=REGIONS)
    with_check = [sorted((r.start, r.end, r.score) for r in rec.analyze(t, ["PHONE_NUMBER"])) for t in rows]
    monkeypatch.setattr(recognizers_phone, "cannot_be_valid", lambda candidate, region, facts=None: False)
    without = [sorted((r.start, r.end, r.score) for r in rec.analyze(t, ["PHONE_NUMBER"])) for t in rows]
    assert with_check == without
    assert sum(map(len, with_check)) > 300


def test_long_figures_are_rejected_where_no_number_is_that_long():
    figures = "３０２４４２．４３２４３４．５６４４６０．２８２３"  # 19 digits
    assert all(cannot_be_valid(figures, region) for region in ("US", "CA", "FR"))
    assert not cannot_be_valid(figures, "GB")  # "180020" may be stripped as a national prefix
    assert not cannot_be_valid(figures, "BR")  # its national prefix is rewritten: no bound
    assert not cannot_be_valid("+" + figures, "US")  # any country
