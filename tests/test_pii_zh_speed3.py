"""Speed gates of zh_fast3 (#16) that must never change a finding.

The phone pre-check's suffix rule (``recognizers_phone._no_valid_suffix``): a candidate without a
plus sign, letter or extension mark that keeps the region's calling code is rejected before
phonenumbers parses it when no suffix of its digits matches the general description of a region of
that code. It must answer "no number" only where phonenumbers' own parse-and-verify gives none: on
the example numbers of every region and type, written nationally, with the calling code and no
plus sign, with a national prefix, inside longer digit runs, and in every region; and the
recognizer must find in Chinese text what Presidio's stock ``PhoneRecognizer`` finds."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from operators.pii.recognizers_phone import (
    MinDigitsPhoneRecognizer,
    _no_valid_suffix,
    _too_many_digits,
    candidate_facts,
    cannot_be_valid,
)
from tests.phone_cases import example_numbers, ours_and_presidio, phonenumbers_accepts

DEFAULT_REGIONS = PhoneRecognizer.DEFAULT_SUPPORTED_REGIONS
_TYPES = (
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.MOBILE,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE,
    PhoneNumberType.VOIP,
    PhoneNumberType.PAGER,
    PhoneNumberType.UAN,
)


def _examples(region: str) -> list[str]:
    out = []
    for ex in example_numbers([region], _TYPES):
        out += [ex.national, ex.e164[1:], ex.nsn, "1" + ex.nsn, "9" + ex.nsn, ex.nsn + "7", "8" + ex.e164[1:]]
    return out


def _check(candidates, regions) -> tuple[int, int]:
    by_suffix = accepted = 0
    for candidate in candidates:
        facts = candidate_facts(candidate)
        for region in regions:
            if cannot_be_valid(candidate, region, facts):
                assert not phonenumbers_accepts(candidate, region), (candidate, region)
                digits, _, _, _, plain = facts
                if not _too_many_digits(digits, plain, region) and _no_valid_suffix(digits, region):
                    by_suffix += 1
            elif phonenumbers_accepts(candidate, region):
                accepted += 1
    return by_suffix, accepted


def test_example_numbers_of_every_region_in_the_default_regions():
    candidates = [c for r in sorted(phonenumbers.SUPPORTED_REGIONS) for c in _examples(r)]
    by_suffix, accepted = _check(candidates, DEFAULT_REGIONS)
    assert by_suffix > 1000 and accepted > 500  # the new rule rejects, and numbers pass it


def test_each_region_on_its_own_and_its_neighbours_numbers():
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    by_suffix = accepted = 0
    for k, region in enumerate(regions):
        near = regions[max(0, k - 2) : k + 3]  # its own numbers and a few other regions'
        s, a = _check([c for r in near for c in _examples(r)], [region])
        by_suffix += s
        accepted += a
    assert by_suffix > 1000 and accepted > 1000


@pytest.mark.parametrize("seed", [0, 1])
def test_random_digit_candidates(seed):
    rng = random.Random(seed)
    atoms = [
        "1",
        "2",
        "3",
        "5",
        "7",
        "9",
        "0",
        "44",
        "49",
        "86",
        "138",
        "555",
        "800",
        " ",
        "-",
        "(",
        ")",
        "/",
    ]
    candidates = []
    for _ in range(1500):
        candidates.append(
            rng.choice("123456789") + "".join(rng.choice(atoms) for _ in range(rng.randint(3, 12)))
        )
    by_suffix, _ = _check(candidates, DEFAULT_REGIONS + ("CN", "JP", "AU", "MX", "AR", "RU", "IT"))
    assert by_suffix > 500


def test_figures_no_region_suffix_matches_are_rejected_before_parsing():
    # an eight-digit figure has no nine-digit suffix, the only French length; a London number in Israel
    for candidate, region in (("87647593", "FR"), ("87647593", "IN"), ("2079460958", "IL")):
        assert _no_valid_suffix(candidate, region)
        assert cannot_be_valid(candidate, region) and not phonenumbers_accepts(candidate, region)
    assert not _no_valid_suffix("2079460958", "GB")  # (London)
    # no suffix of a Chinese mobile is a British number of a known type: rejected before parsing, as
    # phonenumbers itself rejects it in GB
    assert _no_valid_suffix("13812345678", "GB") and not phonenumbers_accepts("13812345678", "GB")


def test_no_rule_where_digits_may_be_rewritten_or_the_code_changes():
    assert not cannot_be_valid("+44 7911 123456", "US")  # a plus sign: any country
    assert not cannot_be_valid("011 44 7911 123456", "US")  # the international prefix
    for region in ("AR", "MX", "BR"):  # national-prefix transform rules (BR: "0" + carrier code)
        number = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
        national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        assert not cannot_be_valid(national, region) or not phonenumbers_accepts(national, region)


def test_phone_numbers_of_every_default_region_in_chinese_text():
    ours, plain = ours_and_presidio(DEFAULT_REGIONS)
    found = 0
    for ex in example_numbers(DEFAULT_REGIONS):
        text = f"请致电{ex.national}或{ex.intl}，订单号20240115{ex.nsn}，手机13812345678，座机0755-5965934。"
        expected = sorted((r.start, r.end, r.score) for r in plain.analyze(text, ["PHONE_NUMBER"]))
        got = sorted((r.start, r.end, r.score) for r in ours._matches(text, None, {}))
        assert got == expected, (ex.region, text)
        found += len(expected)
    assert found > 30


def test_per_character_tests_answer_as_phonenumbers():
    from operators.pii.recognizers_phone import _MemoMatcher

    chars = [chr(c) for c in range(0x20, 0x3000, 7)] + list("中文，。：（）【】￥€$%-‐–—ａＡé")
    chars += [chr(c) for c in range(0x3000, 0x10000, 97)]
    for ch in chars * 2:  # the second round is answered from the per-character memo
        assert _MemoMatcher._is_latin_letter(ch) == PhoneNumberMatcher._is_latin_letter(ch), ch
        assert _MemoMatcher._is_invalid_punctuation_symbol(
            ch
        ) == PhoneNumberMatcher._is_invalid_punctuation_symbol(ch), ch
    assert _MemoMatcher._is_latin_letter("é") and not _MemoMatcher._is_latin_letter("中")
    assert _MemoMatcher._is_invalid_punctuation_symbol("%") and _MemoMatcher._is_invalid_punctuation_symbol(
        "€"
    )


def test_latin_letters_and_symbols_next_to_a_number_still_reject_it():
    ours = MinDigitsPhoneRecognizer(min_digits=7, supported_language="xx", supported_regions=DEFAULT_REGIONS)
    plain = PhoneRecognizer(supported_language="xx", supported_regions=DEFAULT_REGIONS)
    for text in (
        "电话 abc2125550123 结束",
        "电话 2125550123def",
        "价格 2125550123% 上涨",
        "电话：2125550123。",
        "€2125550123",
    ):
        expected = sorted((r.start, r.end) for r in plain.analyze(text, ["PHONE_NUMBER"]))
        assert sorted((r.start, r.end) for r in ours._matches(text, None, {})) == expected, text


# -- the batch pre-screen's per-document search (prescreen.Prescreen.candidates) --------------------


def _prescreen():
    from operators.pii.entities import DEFAULT_ENTITIES
    from operators.pii.prescreen import Prescreen, triggers_for

    return Prescreen(triggers_for(frozenset(DEFAULT_ENTITIES), 7), 40, 12)


def _reference(ps, texts):
    import pyarrow.compute as pc

    return pc.fill_null(pc.match_substring_regex(texts, ps.combined), False).to_pylist()


def test_prescreen_mask_is_arrow_regex_mask_on_every_array_layout():
    import pyarrow as pa

    ps = _prescreen()
    values = [
        "电话13800",  # ends in digits: with the next value's digits a run of seven across the boundary
        "8000，没有别的",
        None,
        "",
        "联系 a@b.cn",
        "纯中文没有触发",
        "IP 10.0.0.1",
        "京A12345",
        "Ｅｍａｉｌ：ａ＠ｂ．ｃｏｍ",
        "年龄３５岁",
        "加微信",
        "12 34 56 7",
        "no trigger here at all",
        "1234567",
    ]
    arr = pa.array(values, pa.string())
    expected = _reference(ps, arr)
    assert expected[0] is False and expected[1] is False  # the boundary case: no trigger in either alone
    assert sum(expected) >= 7
    for layout in (
        arr,
        pa.array(values, pa.large_string()),
        arr.slice(1, 9),
        pa.chunked_array([arr.slice(0, 5), arr.slice(5)]),
        pa.chunked_array([], pa.string()),
    ):
        flat = layout.combine_chunks() if isinstance(layout, pa.ChunkedArray) else layout
        got = ps.candidates(layout).to_pylist()
        assert got == _reference(ps, flat), layout.type


def test_prescreen_mask_on_corpus_like_texts():
    import pyarrow as pa

    rng = random.Random(5)
    atoms = [
        "中文",
        "电话",
        "1",
        "23",
        "456",
        "7890",
        " ",
        "-",
        "@",
        "a",
        "Q",
        "qq",
        "微信",
        "岁",
        "19",
        "20",
        ".",
        "\n",
        "京",
        "B",
    ]
    values = ["".join(rng.choice(atoms) for _ in range(rng.randint(0, 25))) for _ in range(3000)]
    arr = pa.array(values)
    ps = _prescreen()
    expected = _reference(ps, arr)
    assert 300 < sum(expected) < 2900
    assert ps.candidates(arr).to_pylist() == expected
