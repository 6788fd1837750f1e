"""The analyzer pii_redact builds returns at once for a text no recognizer matched (no context
enhancement, score filter or duplicate removal over an empty list), and otherwise gives exactly
what Presidio's ``AnalyzerEngine.analyze`` gives: entity, span, score and metadata."""

from __future__ import annotations

import random

import pytest
from presidio_analyzer import AnalyzerEngine

from engine.runner import start
from operators.pii import DEFAULT_ENTITIES, PiiRedact
from operators.pii.analyzer import WindowAnalyzerEngine
from operators.pii.entities import LANGUAGE, LEXICAL_ENTITIES

TEXTS = [
    "Call 555-123-4567 or +44 20 7946 0958, fax (010) 6234 5678.",
    "Order number 555-123-4567 ships today.",
    "Mail amy@example.org, IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111, http://x.org/a",
    "SSN 078-05-1120; server 192.168.1.20 and fe80::1ff:fe23:4567:890a; wallet 1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
    "联系人张伟，手机13912345678，身份证11010519491231002X，银行卡6222021234567890128。",
    "订单号13912345678，快递单号 SF1234567890123",
    "护照E12345678，车牌京A12345，统一社会信用代码91350100M000100Y43，出生日期1990年1月2日",
    "Build 7.29.106.2801 and version 1.2.3.4 on 2024-01-02.",
    "no entity at all here, 12 apples",
    "",
]


@pytest.fixture(scope="module")
def op():
    op = PiiRedact(mode="annotate", entities=[e for e in DEFAULT_ENTITIES if e not in LEXICAL_ENTITIES])
    start(op)
    return op


def _random_texts(n: int) -> list[str]:
    rng = random.Random(7)
    parts = ["tel", "电话", "call", "card", " ", "-", ".", "@", "x", "Mail a@b.cn", "IBAN", "订单号"]
    out = []
    for _ in range(n):
        bits = [rng.choice(parts) if rng.random() < 0.5 else str(rng.randrange(10 ** rng.randrange(1, 19)))]
        bits += [rng.choice(parts) + str(rng.randrange(10**12)) for _ in range(rng.randrange(1, 5))]
        out.append(" ".join(bits))
    return out


def _full(results) -> list[tuple]:
    return [
        (
            r.entity_type,
            r.start,
            r.end,
            r.score,
            sorted(r.recognition_metadata.items()),
            r.analysis_explanation,
        )
        for r in results
    ]


def test_the_operator_builds_the_window_engine(op):
    assert type(op._analyzer) is WindowAnalyzerEngine


def test_results_are_presidios(op):
    entities = list(op._presidio_entities)
    for text in TEXTS + _random_texts(60):
        for threshold in (None, op.params.score_threshold):
            kw = dict(text=text, language=LANGUAGE, entities=entities, score_threshold=threshold)
            ours = op._analyzer.analyze(**kw, nlp_artifacts=op._no_nlp)
            theirs = AnalyzerEngine.analyze(op._analyzer, **kw, nlp_artifacts=op._no_nlp)
            assert _full(ours) == _full(theirs), text


def test_a_text_without_a_match_skips_the_framework(op, monkeypatch):
    def boom(*a, **k):
        raise AssertionError("context enhancement ran on a text without matches")

    monkeypatch.setattr(op._analyzer, "_enhance_using_context", boom)
    entities = list(op._presidio_entities)
    assert op._analyzer.analyze("nothing 12 here", LANGUAGE, entities, nlp_artifacts=op._no_nlp) == []
    with pytest.raises(AssertionError):  # a match still goes through Presidio's steps
        op._analyzer.analyze("mail amy@example.org", LANGUAGE, entities, nlp_artifacts=op._no_nlp)


def test_calls_it_does_not_cover_go_to_presidio(op, monkeypatch):
    calls = []
    original = AnalyzerEngine.analyze

    def spy(self, *a, **k):
        calls.append(k.get("allow_list") if k else a)
        return original(self, *a, **k)

    monkeypatch.setattr(AnalyzerEngine, "analyze", spy)
    text = "mail amy@example.org"
    found = op._analyzer.analyze(
        text, LANGUAGE, list(op._presidio_entities), nlp_artifacts=op._no_nlp, allow_list=["amy@example.org"]
    )
    assert found == [] and len(calls) == 1
