"""The shortcuts taken for speed give what the plain paths give: pre-screen windows
located with RE2 equal those of the ``regex`` module, the memoized recognizer registry
answers as Presidio's does (also after a recognizer is added), and the shared empty NLP
artifacts give the findings of per-text artifacts."""

from __future__ import annotations

import random

import pyarrow as pa
import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerRegistry

from engine import runner
from operators.pii import PiiRedact
from operators.pii.analyzer import build_analyzer
from operators.pii.entities import LANGUAGE, PATTERN_ENTITIES
from operators.pii.prescreen import Prescreen, triggers_for

_PIECES = [
    "13800138000", "１３８００１３８０００", "a@b.cn", "ｚ＠ｑｑ．ｃｏｍ", "192.168.0.1", "fe80::1", "DE89 3704 0044",
    "京A12345", "京Ａ１２３４５", "QQ", "ｑｑ", "微信", "wx", "1985年", "３９岁", "aged 40", "Age：４２", "http://x.io",
    " ", "\n", "，", "。", "abc", "Ωμέγα", "中文", "-", ":", "：", "2024-01-05", "0x1F", "(010)", "（０１０）",
]  # fmt: skip


def test_windows_with_re2_equal_windows_with_regex():
    fast = Prescreen(triggers_for(frozenset(PATTERN_ENTITIES), 7), 40, 12)
    plain = Prescreen(triggers_for(frozenset(PATTERN_ENTITIES), 7), 40, 12)
    plain._compiled = [(regex.compile(t.pattern), t.entities) for t in plain.triggers]
    rng = random.Random(7)
    with_windows = 0
    for _ in range(3000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60)))
        expected = plain.windows(text)
        with_windows += bool(expected)
        assert fast.windows(text) == expected, repr(text)
    assert with_windows > 1000


def test_memo_registry_answers_as_presidio():
    registry = build_analyzer().registry
    for entities in (["PHONE_NUMBER"], ["CN_ID_CARD", "CN_MOBILE"], list(PATTERN_ENTITIES)):
        for _ in range(2):  # the second answer comes from the memo
            got = registry.get_recognizers(LANGUAGE, entities)
            assert got == RecognizerRegistry.get_recognizers(registry, LANGUAGE, entities)
    extra = PatternRecognizer(
        supported_entity="PHONE_NUMBER",
        patterns=[Pattern("x", r"\bZZ\d{3}\b", 0.9)],
        supported_language=LANGUAGE,
    )
    registry.add_recognizer(extra)
    assert extra in registry.get_recognizers(LANGUAGE, ["PHONE_NUMBER"])


def test_shared_empty_artifacts_give_the_same_findings():
    op = runner.start(PiiRedact(mode="annotate", entities=list(PATTERN_ENTITIES)))
    text = "Tel 13800138000, 身份证11010519491231002X, mail a.b@example.com, 京A12345, aged 43"
    shared = op._analyze(text, op._presidio_entities)
    fresh = op._analyzer.analyze(
        text=text, language=LANGUAGE, entities=list(op._presidio_entities), score_threshold=0.4
    )
    assert sorted((r.entity_type, r.start, r.end, r.score) for r in shared) == sorted(
        (r.entity_type, r.start, r.end, r.score) for r in fresh
    )
    assert len(shared) >= 5


def test_batch_path_equals_whole_document_analysis_for_names_and_addresses():
    """The batch path skips a PERSON/ADDRESS recognizer only on documents without its script;
    the recognizers' own cue patterns miss some of their findings (a given name alone, a
    building name), which the batch path used to lose."""
    op = runner.start(PiiRedact(mode="annotate", entities=["PERSON", "ADDRESS", "CN_MOBILE"]))
    texts = [
        "Alan wrote the patch.",
        "Thanks, Carl",
        "酒店在泰安华侨大厦旁边",
        "张伟住在杭州",
        "no names here at all",
        "订单 12345",
        "Mr. Smith lives at 12 Main Street, Springfield, IL 62704.",
    ]
    out = op.transform(pa.table({"id": [str(i) for i in range(len(texts))], "text": texts}))
    batch = [
        sorted((s["entity"], s["start"], s["end"]) for s in row)
        for row in out.column("pii_spans").to_pylist()
    ]
    whole = [sorted((f.entity, f.start, f.end) for f in op.find_full(t)) for t in texts]
    assert batch == whole
    assert sum(map(len, whole)) >= 4
