"""Shortcuts in the ADDRESS and PHONE_NUMBER recognizers give what the plain paths give:

* the English address scan's digit gate and RE2 union gate (``_DIGIT``, ``_RARE_GATE``) only skip
  rules that would find nothing: findings equal those with both gates matching everywhere;
* the Chinese address scan looks for division names only in ranges around evidence and address
  words: findings equal those of searching the whole text;
* phonenumbers' parse-and-verify answers shared within a text (``_MemoMatcher``) equal Presidio's
  own loop, which parses every candidate for every region, and the sharing does save calls.
"""

from __future__ import annotations

import random

import phonenumbers
import pytest
import re2
import regex
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

import operators.pii.recognizers_address_en as addr
from operators.pii.recognizers_address_en import EnglishAddressRecognizer
from operators.pii.recognizers_address_zh import ChineseAddressRecognizer
from operators.pii.recognizers_phone import MinDigitsPhoneRecognizer

_EN = [
    "12", "4821", "7", "1998", "Main", "Street", "St.", "Ave", "Avenue", "Road", "Apt", "Apt.", "Suite", "Unit", "#",
    "5B", "PO Box", "P.O. Box", "Box", "Springfield", ",", ", ", "\n", "\n\n", "|", "IL", "CA", "62704", "90210-1234",
    "lives at", "address:", "My address is", "lives on", "Gordon", "Lane", "Rue", "de", "la", "Paix", "rue", "Via",
    "Roma", "Calle", "Mayor", "Chausseestr.", "Strasse", "ulica", "zip code", "postcode", "SW1A 2AA", "the", "in",
    "Chapter", "Python", "Flat", "Floor", "APO AE", "PSC", "USNS", "Unit 2962 Box 5219", "DPO AP", "09012", "Kesk",
    "53", "١٢", "Room 5", "Bldg 3", "\t", " ", "\xa0", "North", "N.", "5th", "corner of", "moved to", "lived",
]  # fmt: skip
_ZH = [
    "家住", "住址", "地址", "居住于", "住在", "现居", "寄往", "户籍", "：", ":", "为", "是", "\n", "浙江省", "杭州市",
    "西湖区", "北京市", "海淀区", "上海市", "浦东新区", "广东省", "深圳市", "南山区", "成都市", "黑龙江省", "哈尔滨",
    "南岗区", "中山路", "123号", "3栋", "2单元", "501室", "阳光小区", "村", "社区", "花园", "的", "在", "他", "我们",
    "今天", "，", "。", " ", "１２号", "甲2号", "12层", "长江路", "人民大道", "88号", "张家界", "石家庄", "大厦",
    "号院", "一直在这里工作和生活，后来又去了很多地方看看",
]  # fmt: skip


def _texts(atoms: list[str], seed: int, n: int, joiner: str) -> list[str]:
    rng = random.Random(seed)
    return [joiner.join(rng.choice(atoms) for _ in range(rng.randint(1, 30))) for _ in range(n)]


def _spans(findings) -> list[tuple]:
    return [(f.entity, f.start, f.end, f.score) for f in findings]


@pytest.mark.parametrize("seed", [0, 1])
def test_english_address_gates_skip_only_empty_rules(monkeypatch, seed):
    rec = EnglishAddressRecognizer()
    texts = _texts(_EN, seed, 2500, " ") + _texts(_EN, seed + 10, 1500, "")
    gated = [_spans(rec.analyze(t)) for t in texts]
    monkeypatch.setattr(addr, "_DIGIT", regex.compile(""))  # both gates match every text
    monkeypatch.setattr(addr, "_RARE_GATE", re2.compile(""))
    plain = [_spans(rec.analyze(t)) for t in texts]
    assert gated == plain
    assert sum(map(bool, plain)) > 500  # the texts do hold addresses


def test_english_address_gates_skip_texts_without_digits_or_rare_words():
    assert addr._DIGIT.search("no numbers here, lives on Gordon Street") is None
    assert addr._RARE_GATE.search("Version 3 of Python 2 was released in 2008.") is None
    for text in ("PO Box 12", "Apt 5", "Rue du Centre 108", "zip code 90210", "971 Kesk 53,", "lives on Oak"):
        assert addr._RARE_GATE.search(text) is not None, text
    assert _spans(EnglishAddressRecognizer().analyze("She lives on Gordon Street.")) == [
        ("ADDRESS", 13, 26, 0.5)
    ]


@pytest.mark.parametrize("seed", [0, 1])
def test_chinese_address_division_search_in_ranges_equals_whole_text(monkeypatch, seed):
    rec = ChineseAddressRecognizer()
    texts = _texts(_ZH, seed, 3000, "")
    ranged = [_spans(rec.analyze(t)) for t in texts]
    monkeypatch.setattr(rec, "_windows", lambda evidence, cues, n: [(0, n)])
    whole = [_spans(rec.analyze(t)) for t in texts]
    assert ranged == whole
    assert sum(map(bool, whole)) > 500


_PHONE_ATOMS = list("0123456789") * 4 + [
    "+", "(", ")", "-", " ", ".", "/", ",", "\n", "\n", "ext. ", "x", "Tel: ", "+1 ", "+44 ", "+86 ", "(555) ",
    "212 555 0123", "020 7946 0958", "030 12345678", "13800138000", "2024-01-15", "上证", "302442.43", "1194.1030.22",
]  # fmt: skip


def _phone(rec, text):
    return sorted((r.start, r.end, r.score) for r in rec.analyze(text, ["PHONE_NUMBER"]))


def test_shared_phone_answers_equal_presidio_loop():
    memo = MinDigitsPhoneRecognizer(supported_language="xx")
    plain = MinDigitsPhoneRecognizer(supported_language="xx")
    plain._matches = lambda piece, nlp, _memo: PhoneRecognizer.analyze(plain, piece, ["PHONE_NUMBER"], nlp)
    rng = random.Random(3)
    with_findings = 0
    for _ in range(1200):
        text = "".join(rng.choice(_PHONE_ATOMS) for _ in range(rng.randint(5, 60)))
        expected = _phone(plain, text)
        with_findings += bool(expected)
        assert _phone(memo, text) == expected, repr(text)
    assert with_findings > 200


def test_shared_phone_answers_save_parse_calls(monkeypatch):
    calls = []
    original = phonenumbers.PhoneNumberMatcher._parse_and_verify

    def counting(self, candidate, offset):
        calls.append(candidate)
        return original(self, candidate, offset)

    monkeypatch.setattr(phonenumbers.PhoneNumberMatcher, "_parse_and_verify", counting)
    table = "\n".join(f"{i}194.{i}030.22135519050137{i}" for i in range(10))
    rec = MinDigitsPhoneRecognizer(supported_language="xx")
    rec.analyze(table, ["PHONE_NUMBER"])
    shared = len(calls)
    calls.clear()
    rec._matches = lambda piece, nlp, _memo: PhoneRecognizer.analyze(rec, piece, ["PHONE_NUMBER"], nlp)
    rec.analyze(table, ["PHONE_NUMBER"])
    assert 0 < shared < len(calls)
