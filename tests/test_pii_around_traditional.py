"""Traditional characters found per batch: ``pii_redact`` searches the Chinese documents of a batch
for a traditional-only character in their Arrow buffer (RE2, ``zh_variants.traditional_search``)
instead of checking each document in Python (``to_simplified``); a document with one is mapped to
simplified, the others are read as they are. Findings equal the per-document path's."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from engine import runner
from operators.pii import PiiRedact
from operators.pii import operator as operator_module
from operators.pii.zh_variants import _table, to_simplified, traditional_search, translate
from tests.pii_linear import ratio


@pytest.fixture(scope="module")
def op():
    return runner.start(PiiRedact(mode="annotate"))


def test_search_hits_exactly_the_mapped_characters():
    search, table = traditional_search(), _table()
    for c in table:
        assert search.search(chr(c)) is not None, hex(c)
    unmapped = [c for c in range(0x3000, 0xA000) if c not in table]
    assert len(unmapped) > 20000
    for c in unmapped:
        assert search.search(chr(c)) is None, hex(c)
    astral = [c for c in table if c > 0xFFFF]
    assert astral and all(search.search("文" + chr(c)) is not None for c in astral)


def test_translate_equals_to_simplified_on_traditional_text():
    for text in ("陳大文住在臺北市大安區忠孝東路四段", "聯絡人：黃志強，電話 2345 6789", "x" * 300 + "臺灣"):
        assert translate(text) == to_simplified(text) != text


_PIECES = [
    "陳大文", "住在臺北市大安區忠孝東路四段100號", "张伟", "住在北京市海淀区中关村大街1号", "聯絡電話13800138000",
    "手机13800138000", "John Smith lives at 12 Main Street", "，", "。", " ", "\n", "於", "乾", "黃志強先生",
    "王小明", "𠀀", "ｚｈａｎｇ", "李娜说", "發表", "email a@b.cn",
]  # fmt: skip


def test_batch_equals_the_per_document_path(op, monkeypatch):
    rng = random.Random(11)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 14))) for _ in range(150)]
    texts += [None, "", "plain ascii only"]
    expected = [None if t is None else op.find(t) for t in texts]
    assert sum(to_simplified(t) is not t for t in texts if t) > 50  # (both kinds in the batch)

    def unexpected(text):
        raise AssertionError("the batch path checks documents itself")

    monkeypatch.setattr(operator_module, "to_simplified", unexpected)
    for kind in (pa.string(), pa.large_string()):
        table = pa.table({"id": [str(i) for i in range(len(texts))], "text": pa.array(texts, kind)})
        spans = op.transform(table).column("pii_spans").to_pylist()
        got = [
            None if t is None else [(s["entity"], s["start"], s["end"]) for s in row or ()]
            for t, row in zip(texts, spans)
        ]
        assert got == [None if e is None else [(f.entity, f.start, f.end) for f in e] for e in expected]


def test_find_reads_the_batch_verdict(op):
    text = "陳大文住在臺北市大安區忠孝東路四段"
    assert op.find(text, traditional=True) == op.find(text)
    zh = [r for r in op._lexical if id(r) in op._reads_simplified]
    threshold = op.params.score_threshold

    def direct(t):
        return [f for r in zh for f in r.analyze(t) if f.score >= threshold]

    as_is, mapped = op._find_lexical(text, zh, False), op._find_lexical(text, zh, True)
    assert as_is == direct(text) and mapped == direct(to_simplified(text))
    assert as_is != mapped  # (the verdict decides what the recognizers read)


@pytest.mark.parametrize(
    "unit",
    ["陳", "臺北市大安區，", "張" * 30 + "\n", "a 於 b 乾 "],
    ids=["one_char", "place", "lines", "mixed"],
)
def test_linear_time_batch_search(op, unit):
    def run(text):
        return op.transform(pa.table({"id": ["0"], "text": [text]}))

    small = unit * (4000 // len(unit))
    r, _, _ = ratio(run, small, small * 8)
    assert r < 16
