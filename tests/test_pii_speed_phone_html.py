"""The phone recognizer on digit-dense text (HTML, CSS, scripts, tables), with findings equal to
Presidio's ``PhoneRecognizer``:

* the characters around a candidate are tested before anything else, and what is left of
  phonenumbers' parse-and-verify answer is kept per candidate and region (``_region_number``), so
  one candidate seen next to different characters is parsed once;
* a piece seen before in the same text is answered from the text's memo (``_matches``);
* the suffix pre-check (``_no_valid_suffix``) counts only the transform rules of the metadata parse
  reads (US and CA are not held back by Antigua's rule, nor GB by Jersey's; BR's rule rewrites
  nothing where no national prefix begins the digits), and asks phonenumbers' type test of a suffix
  that has the shape of a number (``typed``).

Each of them is checked against phonenumbers itself on random candidates and texts."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import Leniency, PhoneNumberMatcher
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from operators.pii import recognizers_phone
from operators.pii.recognizers_phone import (
    MinDigitsPhoneRecognizer,
    _MemoMatcher,
    _no_valid_suffix,
    cannot_be_valid,
)
from tests.phone_cases import (
    check_never_rejects_valid,
    example_numbers,
    ours_and_presidio,
    phonenumbers_accepts,
    spans,
)

REGIONS = PhoneRecognizer.DEFAULT_SUPPORTED_REGIONS


@pytest.fixture(scope="module")
def recognizers():
    return ours_and_presidio(REGIONS)


def test_one_memo_answers_a_candidate_as_phonenumbers_whatever_its_neighbours():
    # the same candidates next to letters, %, currency signs, CJK and punctuation, in one memo per
    # region: an answer kept for one neighbourhood must not leak into another
    rng = random.Random(3)
    numbers = ["2125550123", "(212) 555-0123", "020 7946 0958", "+49 30 1234567", "030 1234567", "0612345678"]
    around = ["", " ", "a", "Z", "é", "%", "$", "€", "中", "(", "+", "-", ".", "x", "1"]
    checked = found = 0
    for region in REGIONS:
        memo: dict = {}
        for _ in range(300):
            number = rng.choice(numbers)
            text = rng.choice(around) + number + rng.choice(around)
            offset = text.index(number)
            ours = _MemoMatcher(text, region, Leniency.VALID, memo)._parse_and_verify(number, offset)
            theirs = PhoneNumberMatcher(text, region, leniency=Leniency.VALID)._parse_and_verify(
                number, offset
            )
            assert (ours is None) == (theirs is None), (region, text)
            if ours is not None:
                assert ours.number == theirs.number and (ours.start, ours.end) == (theirs.start, theirs.end)
                found += 1
            checked += 1
    assert checked == 2400 and found > 200


def _markup(rng: random.Random) -> str:
    atoms = [
        "<td>", "</td>", "<a href=\"/p/", "\">", "margin:0 12px 4px 0;", "width:1234px;", "#12ab56", "0.5em",
        "12.3456789 ", "1,234,567", "2020-01-15", "var x=[1,22,333,4444,55555];", "Tel: ", "(212) 555-0123",
        "+44 20 7946 0958", "030 1234567", "0612345678", "9816843887", "\n", " ", "/", "-", ".", ",", "555 0123",
        "11 9 8765 4321", "(11) 98765-4321", "1-800-555-0199", "+1 800 555 0199", "07911 123456", "中文",
    ]  # fmt: skip
    return "".join(rng.choice(atoms) for _ in range(rng.randint(5, 40)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_markup_as_presidio_finds_it(recognizers, seed):
    ours, plain = recognizers
    rng = random.Random(seed)
    found = 0
    for _ in range(150):
        text = _markup(rng)
        expected = spans(plain.analyze(text, ["PHONE_NUMBER"]))
        assert spans(ours._matches(text, None, {})) == expected, text
        found += len(expected)
    assert found > 100


def test_a_repeated_piece_is_found_once_per_text(recognizers, monkeypatch):
    ours, plain = recognizers
    calls = []
    hits = MinDigitsPhoneRecognizer._hits
    monkeypatch.setattr(
        MinDigitsPhoneRecognizer,
        "_hits",
        lambda self, piece, memo: calls.append(piece) or hits(self, piece, memo),
    )
    row = "<tr><td>Call (212) 555-0123</td><td>12.3456789</td></tr>\n"
    text = "intro " + "".join(
        f"<p>{k}</p>{row}<!-- the same comment after each row -->" for k in "abcdefghij"
    )
    found = ours.analyze(text, ["PHONE_NUMBER"])
    assert len(calls) == 2  # ten identical rows, two pieces each: their hits are read from the memo
    expected = {(r.start, r.end) for r in plain.analyze(text, ["PHONE_NUMBER"]) if r.end - r.start >= 14}
    assert {(r.start, r.end) for r in found} == expected and len(expected) == 10


def test_other_regions_transform_rules_do_not_hold_back_the_suffix_test():
    # Antigua's rule (calling code 1) writes an area code in front of a local number, but US and CA
    # never parse with it: a leading 0 is no NANP number, and the pre-check says so before parsing
    for region in ("US", "CA"):
        assert cannot_be_valid("(0717)5401220", region) and not phonenumbers_accepts("(0717)5401220", region)
    assert _no_valid_suffix("07175401220", "US")
    # BR's rule rewrites only what its national prefix (0, 90 + carrier code) cuts off
    assert cannot_be_valid("123 4567 8901", "BR") and not phonenumbers_accepts("123 4567 8901", "BR")
    assert not _no_valid_suffix("0 21 11 98765 4321", "BR")  # a carrier code: phonenumbers decides


def test_a_figure_shaped_like_a_number_of_no_type_is_rejected_before_parsing():
    # a German-shaped figure that is no German fixed-line, mobile or other number: the general
    # description alone lets it through, the type test does not (and neither does phonenumbers)
    rng = random.Random(5)
    rejected = 0
    for _ in range(2000):
        digits = rng.choice("123456789") + "".join(rng.choice("0123456789") for _ in range(8))
        if digits.startswith("49") or _no_valid_suffix(digits, "DE"):
            continue
        if _no_valid_suffix(digits, "DE", typed=True):
            rejected += 1
            assert cannot_be_valid(digits, "DE") and not phonenumbers_accepts(digits, "DE"), digits
    assert rejected > 100


def _forms(region: str) -> list[str]:
    out = []
    for ex in example_numbers([region]):
        nsn = ex.nsn
        out += [ex.national, nsn, str(ex.number.country_code) + nsn, "0" + nsn, "1" + nsn, "90 21 " + nsn]
    return out


@pytest.mark.parametrize("code", [1, 44, 55, 49, 33, 972, 91])
def test_never_rejects_what_phonenumbers_accepts_for_any_region_of_the_code(code):
    # every region of the calling code gives its example numbers in several forms (trunk prefixes,
    # the calling code without a plus sign, carrier codes), asked in each default region of the code
    rng = random.Random(code)
    candidates = [form for r in COUNTRY_CODE_TO_REGION_CODE[code] for form in _forms(r)]
    candidates += ["".join(rng.choice("0123456789 -") for _ in range(rng.randint(4, 16))) for _ in range(600)]
    regions = [r for r in REGIONS if phonenumbers.country_code_for_region(r) == code]
    rejected, accepted = check_never_rejects_valid(candidates, regions)
    assert rejected > 100 and accepted > 5


def test_same_findings_without_the_type_test(monkeypatch):
    rng = random.Random(11)
    texts = [_markup(rng) for _ in range(200)]
    rec = MinDigitsPhoneRecognizer(supported_language="xx", supported_regions=REGIONS)
    typed = [spans(rec.analyze(t, ["PHONE_NUMBER"])) for t in texts]
    monkeypatch.setattr(recognizers_phone, "_known_type", lambda national, metadata: True)
    assert [spans(rec.analyze(t, ["PHONE_NUMBER"])) for t in texts] == typed
    assert sum(map(len, typed)) > 100
