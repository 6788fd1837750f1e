"""The operator's Presidio calls (``analyzer.WindowAnalyzerEngine``): a window where no recognizer
finds anything returns at once, without Presidio's context, score, duplicate and explanation steps,
and every call gives what Presidio's own ``AnalyzerEngine.analyze`` gives (entity, span, score and
recognition metadata, in its order), with and without context words, record-number vetoes and
results that need a context word."""

from __future__ import annotations

import random

import pytest
from presidio_analyzer import AnalyzerEngine

from operators.pii.analyzer import WindowAnalyzerEngine, build_analyzer
from operators.pii.context import CharWindowContextEnhancer
from operators.pii.entities import LANGUAGE, PATTERN_ENTITIES

_PIECES = [
    "13800138000", "+86 138 0013 8000", "(212) 555-0123", "555.123.4567", "Tel.", "电话", "手机", "订单号",
    "order number", "身份证", "11010519491231002X", "110105194912310021", "4111 1111 1111 1111", "卡号",
    "a.b@example.com", "邮箱", "192.168.0.1", "fe80::1:2", "DE89 3704 0044 0532 0130 00", "京A12345",
    "QQ 123456789", "微信 wxid_abc123", "123-45-6789", "SSN", " ", "\n", "，", "。", "version 7.29.106.2801",
    "2024-01-15", "the", "张三", "1670770906", "1,234,567", "ext. 89", "fax",
]  # fmt: skip


@pytest.fixture(scope="module")
def analyzer():
    return build_analyzer()


def _rows(results):
    return [(r.entity_type, r.start, r.end, r.score, dict(r.recognition_metadata or {})) for r in results]


def _both(analyzer, text, entities):
    kwargs = dict(
        text=text, language=LANGUAGE, entities=entities, score_threshold=0.4, nlp_artifacts=analyzer._no
    )
    return _rows(analyzer.analyze(**kwargs)), _rows(AnalyzerEngine.analyze(analyzer, **kwargs))


def test_builds_the_window_engine(analyzer):
    assert type(analyzer) is WindowAnalyzerEngine


def test_equals_presidio_on_random_texts(analyzer):
    analyzer._no = analyzer.nlp_engine.process_text("", LANGUAGE)
    entities = sorted(PATTERN_ENTITIES)
    rng = random.Random(16)
    found = vetoed = 0
    for _ in range(150):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12)))
        ours, presidio = _both(analyzer, text, entities)
        assert ours == presidio, repr(text)
        found += bool(ours)
    for text in ("订单号13800138000", "order number 555-123-4567", "Tel. 555.123.4567", "555.123.4567"):
        ours, presidio = _both(analyzer, text, entities)
        assert ours == presidio, text
        vetoed += not ours
    assert found > 60 and vetoed >= 2  # (hits, vetoes and context-only results were all exercised)


def test_no_result_skips_the_context_step(analyzer, monkeypatch):
    analyzer._no = analyzer.nlp_engine.process_text("", LANGUAGE)
    calls = []
    real = CharWindowContextEnhancer.enhance_using_context

    def counted(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(CharWindowContextEnhancer, "enhance_using_context", counted)
    entities = sorted(PATTERN_ENTITIES)
    assert _both(analyzer, "version 1.2 of the tool, 12 items", entities) == ([], [])
    assert len(calls) == 1  # Presidio's own call only
    ours, presidio = _both(analyzer, "电话 13800138000", entities)
    assert ours == presidio and ours and len(calls) == 3


def test_other_calls_go_to_presidio(analyzer):
    text = "mail a.b@example.com or call 13800138000"
    plain = _rows(analyzer.analyze(text=text, language=LANGUAGE, entities=["EMAIL_ADDRESS", "CN_MOBILE"]))
    allowed = _rows(
        analyzer.analyze(
            text=text,
            language=LANGUAGE,
            entities=["EMAIL_ADDRESS", "CN_MOBILE"],
            allow_list=["a.b@example.com"],
        )
    )
    assert {r[0] for r in plain} == {"EMAIL_ADDRESS", "CN_MOBILE"}
    assert [r[0] for r in allowed] == ["CN_MOBILE"]
