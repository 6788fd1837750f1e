"""Recognizer gates (pii_speed3): a pattern found in every match of a recognizer's patterns is
searched first, and a text without it is not run through the patterns. The gates must never
lose a match: every match of every pattern, on random text built from the characters the
patterns read, holds its recognizer's gate."""

from __future__ import annotations

import random

import pytest
import regex

from operators.pii.analyzer import GatedCreditCardRecognizer, GatedUsSsnRecognizer
from operators.pii.recognizers_card import IinCardRecognizer
from operators.pii.recognizers_zh import (
    CnBankCardRecognizer,
    CnIdCardRecognizer,
    CnLandlineRecognizer,
    CnMobileRecognizer,
    CnPassportRecognizer,
    CnPatternRecognizer,
)
from operators.pii.recognizers_zh_ids import (
    CnHkMacauPermitRecognizer,
    CnTaiwanPermitRecognizer,
    CnUsccRecognizer,
)

CN_GATED = [
    CnIdCardRecognizer,
    CnMobileRecognizer,
    CnBankCardRecognizer,
    CnPassportRecognizer,
    CnLandlineRecognizer,
    CnUsccRecognizer,
    CnHkMacauPermitRecognizer,
    CnTaiwanPermitRecognizer,
    IinCardRecognizer,
]

#: digits weighted up, every separator and letter the patterns read, and a Chinese character
_ALPHABET = "0123456789" * 6 + "0123456789" + "- .()+/xX" + "ACDEFGHLMNPQRSTUWXYZ" + "a国 "


def _random_texts(seed: int, count: int, length: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(length)) for _ in range(count)]


def _planted(rng: random.Random) -> str:
    """A digit-heavy text with shapes the patterns look for (groups of 2-18 digits and separators)."""
    parts = []
    for _ in range(rng.randint(2, 6)):
        if rng.random() < 0.3:  # one long run, maybe a mobile prefix: ID, USCC and mobile shapes
            head = rng.choice(["", "1" + rng.choice("3456789"), "86", "9"])
            parts.append(head + "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 18))))
            continue
        head = rng.choice(
            ["", "", "E", "G", "DE", "S", "P", "C", "W", "H", "M", "L", "+86 ", "(010)", "0571-", "9"]
        )
        groups = [
            "".join(rng.choice("0123456789") for _ in range(rng.randint(2, 8)))
            for _ in range(rng.randint(1, 4))
        ]
        parts.append(head + rng.choice(["", " ", "-", "."]).join(groups) + rng.choice(["", "X", "A", "Y"]))
    return rng.choice([" ", "号", ", "]).join(parts)


def _patterns(rec) -> list:
    if isinstance(rec, CnPatternRecognizer):
        return [compiled for _, compiled in rec._compiled]
    return [regex.compile(p.regex, rec.global_regex_flags) for p in rec.patterns]


def _build(cls):
    if cls in (GatedUsSsnRecognizer, GatedCreditCardRecognizer):
        rec = cls(supported_language="xx")
        rec.global_regex_flags |= regex.ASCII  # as presidio_recognizers runs them
        return rec
    return cls("xx")


@pytest.mark.parametrize("cls", CN_GATED + [GatedUsSsnRecognizer, GatedCreditCardRecognizer])
def test_every_match_holds_the_gate(cls):
    rec = _build(cls)
    gate = rec._gate if isinstance(rec, CnPatternRecognizer) else rec.GATE
    assert gate is not None
    rng = random.Random(cls.__name__)
    texts = _random_texts(len(cls.__name__), 80, 120) + [_planted(rng) for _ in range(400)]
    matched = 0
    for text in texts:
        for compiled in _patterns(rec):
            for m in compiled.finditer(text):
                matched += 1
                assert gate.search(m.group()) is not None, (cls.__name__, m.group())
    assert matched >= 10  # the texts do exercise the patterns


def test_a_text_without_the_gate_never_runs_the_patterns():
    class Boom:
        def finditer(self, text):
            raise AssertionError("pattern run on a text without the gate")

    rec = CnIdCardRecognizer("xx")
    rec._compiled = [(p, Boom()) for p, _ in rec._compiled]
    assert rec.analyze("电话 1380013 和 2024-05-06 共 12345678 元", ["CN_ID_CARD"]) == []


def test_gated_recognizers_still_find_their_values():
    found = {
        cls.__name__: [(r.entity_type, r.start, r.end) for r in _build(cls).analyze(text, None)]
        for cls, text in [
            (CnIdCardRecognizer, "身份证号 11010519491231002X 号"),
            (CnMobileRecognizer, "手机 138-0013-8000"),
            (CnBankCardRecognizer, "卡号 6222 0202 0000 0005"),
            (CnPassportRecognizer, "护照 E12345678"),
            (CnLandlineRecognizer, "电话 (010) 8765 4321"),
            (CnUsccRecognizer, "代码 91350100M000100Y43"),
            (CnHkMacauPermitRecognizer, "通行证 C01234567"),
            (CnTaiwanPermitRecognizer, "台胞证 12345678"),
            (IinCardRecognizer, "card 4111 1111 1111 1111"),
            (GatedUsSsnRecognizer, "SSN 536-90-4399"),
            (GatedCreditCardRecognizer, "card 4111 1111 1111 1111"),
        ]
    }
    assert all(found.values()), found


def test_presidio_names_are_kept():
    assert GatedUsSsnRecognizer(supported_language="xx").name == "UsSsnRecognizer"
    assert GatedCreditCardRecognizer(supported_language="xx").name == "CreditCardRecognizer"


@pytest.mark.parametrize("cls", CN_GATED + [GatedUsSsnRecognizer, GatedCreditCardRecognizer])
def test_gates_are_bounded_shapes(cls):
    """Linear time: a gate is a fixed shape of at most 30 characters with no look-around, so a search
    tries a bounded match at each position (a 500 KB digit run, 100k "tel 123" lines alike)."""
    import re._parser

    rec = _build(cls)
    gate = rec._gate if isinstance(rec, CnPatternRecognizer) else rec.GATE
    low, high = re._parser.parse(gate.pattern).getwidth()
    assert 1 <= low <= high <= 30
    assert "(?" not in gate.pattern.replace("(?:", "")
