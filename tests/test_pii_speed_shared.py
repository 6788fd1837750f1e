"""Operators of the same detection parameters in one process share their built recognizers and
analyzer (``operator._shared``): the step's operator and the writer's redaction of ``removed/``
each built them in every Ray worker. Sharing must not change findings, and what is per operator
(mode, actions, the hash key read from the environment) stays per operator."""

from __future__ import annotations

import threading

import pyarrow as pa

from engine import runner
from operators.pii import PiiRedact
from operators.pii import operator as op_mod

TEXT = "Contact 张伟 at 13800138000 or john.smith@example.com; Mr. John Smith lives at 12 Main Street, Springfield."


def test_same_detection_parameters_share_the_built_parts():
    a = runner.start(PiiRedact(mode="annotate"))
    b = runner.start(PiiRedact(mode="redact"))
    assert a._analyzer is b._analyzer
    assert all(x is y for x, y in zip(a._lexical, b._lexical)) and len(a._lexical) == 4
    assert a._redactor is None and b._redactor is not None
    c = runner.start(PiiRedact(mode="annotate", phone_min_digits=8))
    assert c._analyzer is not a._analyzer  # other detection parameters: their own analyzer
    assert all(x is y for x, y in zip(a._lexical, c._lexical))  # the word lists do not depend on them


def test_shared_parts_give_the_findings_of_fresh_ones(monkeypatch):
    first = runner.start(PiiRedact(mode="annotate"))
    shared = first.find(TEXT)
    monkeypatch.setattr(op_mod, "_BUILT", {})  # a fresh process's build
    fresh = runner.start(PiiRedact(mode="annotate"))
    assert fresh._analyzer is not first._analyzer
    assert fresh.find(TEXT) == shared
    assert {f.entity for f in shared} >= {"PERSON", "CN_MOBILE", "EMAIL_ADDRESS", "ADDRESS"}


def test_hash_key_stays_per_operator(monkeypatch):
    monkeypatch.setenv("PII_TEST_KEY", "first-key")
    params = dict(mode="redact", actions={"CN_MOBILE": "hash"}, hash_key_env="PII_TEST_KEY")
    a = runner.start(PiiRedact(**params))
    monkeypatch.setenv("PII_TEST_KEY", "second-key")
    b = runner.start(PiiRedact(**params))
    table = pa.table({"id": ["1"], "text": ["call 13800138000 now"]})
    out_a = a.transform(table).column("text")[0].as_py()
    out_b = b.transform(table).column("text")[0].as_py()
    assert "13800138000" not in out_a and "13800138000" not in out_b
    assert out_a != out_b


def test_concurrent_setups_build_once(monkeypatch):
    monkeypatch.setattr(op_mod, "_BUILT", {})
    ops = [PiiRedact(mode="annotate") for _ in range(3)]
    threads = [threading.Thread(target=runner.start, args=(o,)) for o in ops]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert ops[0]._analyzer is ops[1]._analyzer is ops[2]._analyzer
    assert all(o._lexical[0] is ops[0]._lexical[0] for o in ops)


def test_analyzers_kept_are_bounded(monkeypatch):
    monkeypatch.setattr(op_mod, "_BUILT", {})
    for digits in range(7, 7 + op_mod._MAX_ANALYZERS + 2):
        runner.start(PiiRedact(mode="annotate", entities=["PHONE_NUMBER"], phone_min_digits=digits))
    assert sum(1 for k in op_mod._BUILT if k[0] == "analyzer") == op_mod._MAX_ANALYZERS
