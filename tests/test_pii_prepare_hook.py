"""pii_redact lets the English recognizers read a batch's texts together (``PiiRedact._prepare``).

The English PERSON and ADDRESS recognizers offer ``prepare(texts)`` (their whole-text passes over a
batch's texts back to back: tests/test_pii_en_speed_prepare.py). ``transform`` calls it per chunk
of ``PREPARE_DOCS`` candidate documents, with the texts each recognizer will analyse. The output must
be the same as without the call, across chunk boundaries, for mixed English/Chinese batches, and when
a ``prepare`` fails (the recognizer then reads each text itself).
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from operators.pii import PiiRedact, PiiRedactParams
from operators.pii import operator as pii_operator

EN = [
    "Dear Anna, please call John Smith at 555-123-4567 about the lease.",
    "Ship it to 123 Main St, Springfield, IL 62704. Thanks, Priya",
    "Mr. Okafor lives at Flat 6, Jubilee Court, Station Road, Wokingham RG40 1XX.",
    "Python 3.12 was released; the Road to 1.0 is long.",
    "",
]
ZH = ["联系人张伟，电话13912345678，住在北京市朝阳区建国路88号3栋2单元501室。", "今天天气很好。"]


def _table(n: int) -> pa.Table:
    texts = [(EN + ZH)[i % (len(EN) + len(ZH))] + f" #{i}" for i in range(n)]
    return pa.table({"id": [f"d{i}" for i in range(n)], "text": texts})


@pytest.fixture(scope="module")
def ops():
    out = {}
    for mode in ("annotate", "redact"):
        op = PiiRedact(PiiRedactParams(mode=mode))
        op.ensure_setup()
        out[mode] = op
    return out


def _without_prepare(op, table, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(type(op), "_prepare", lambda self, chunk, lexical: None)
        return op.transform(table)


@pytest.mark.parametrize("mode", ["annotate", "redact"])
def test_prepared_batch_equals_unprepared(ops, mode, monkeypatch):
    monkeypatch.setattr(pii_operator, "PREPARE_DOCS", 7)  # several chunks and a partial last one
    op = ops[mode]
    table = _table(40)
    assert op.transform(table).equals(_without_prepare(op, table, monkeypatch))


def test_prepare_called_with_each_recognizers_texts(ops, monkeypatch):
    monkeypatch.setattr(pii_operator, "PREPARE_DOCS", 5)
    op = ops["annotate"]
    english = [rec for rec in op._lexical if hasattr(rec, "prepare") and id(rec) not in op._reads_simplified]
    assert len(english) == 2  # the English PERSON and ADDRESS recognizers
    calls: dict[int, list[list[str]]] = {}
    for rec in english:
        real = rec.prepare

        def spy(texts, rec=rec, real=real):
            calls.setdefault(id(rec), []).append(list(texts))
            return real(texts)

        monkeypatch.setattr(rec, "prepare", spy)
    table = _table(12)
    op.transform(table)
    for rec in english:
        seen = calls[id(rec)]
        assert seen[-1] == []  # what was prepared is dropped after the batch
        read = [t for chunk in seen for t in chunk]
        assert read and all(any(ch.isascii() and ch.isalpha() for ch in t) for t in read)
        assert max(len(chunk) for chunk in seen) <= 5
        assert not any(t.startswith("今天") for t in read)  # no Latin script: never given to them


def test_failing_prepare_leaves_findings_unchanged(ops, monkeypatch):
    op = ops["redact"]
    table = _table(20)
    expected = _without_prepare(op, table, monkeypatch)
    for rec in op._lexical:
        if hasattr(rec, "prepare") and id(rec) not in op._reads_simplified:
            real = rec.prepare

            def broken(texts, real=real):
                if texts:
                    raise RuntimeError("prepare failed")
                return real(texts)

            monkeypatch.setattr(rec, "prepare", broken)
    assert op.transform(table).equals(expected)
