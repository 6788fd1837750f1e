"""pii_redact's set-up runs with the cyclic garbage collector paused (its imports and tables are
hundreds of thousands of new objects that would trigger full collections over the whole heap) and
leaves the collector as it found it, also when set-up fails; ``CORPUSFORGE_SETUP_GC=1`` leaves it
on. Findings are the same either way."""

from __future__ import annotations

import gc

import pytest

import operators.pii.analyzer as analyzer_module
from engine.runner import start
from operators.pii import PiiRedact

TEXT = "Write to j.r.whitcombe@example.org or call 555-123-4567 about https://example.org/a."
ENTITIES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "URL"]


def _recording_build(monkeypatch, seen: list, fail: bool = False):
    real = analyzer_module.build_analyzer

    def build(**kwargs):
        seen.append(gc.isenabled())
        if fail:
            raise RuntimeError("build failed")
        return real(**kwargs)

    monkeypatch.setattr(analyzer_module, "build_analyzer", build)


def _found(op) -> list[tuple]:
    return [(f.entity, f.start, f.end, f.score) for f in op.find(TEXT)]


def test_collector_paused_while_building_and_back_after(monkeypatch):
    monkeypatch.delenv("CORPUSFORGE_SETUP_GC", raising=False)
    seen: list[bool] = []
    _recording_build(monkeypatch, seen)
    # parameters no other test uses: the analyzer is built here (built ones are shared in the process)
    op = PiiRedact(mode="annotate", entities=ENTITIES, context_window_after=11)
    assert gc.isenabled()
    start(op)
    assert seen == [False]  # built with the collector off
    assert gc.isenabled()
    monkeypatch.setenv("CORPUSFORGE_SETUP_GC", "1")
    kept = PiiRedact(mode="annotate", entities=ENTITIES, context_window_after=11)
    start(kept)  # the same analyzer, shared: findings as with the collector on
    assert _found(op) == _found(kept)
    assert [f[0] for f in _found(op)] == ["EMAIL_ADDRESS", "PHONE_NUMBER", "URL"]


def test_collector_left_off_when_it_was_off(monkeypatch):
    monkeypatch.delenv("CORPUSFORGE_SETUP_GC", raising=False)
    seen: list[bool] = []
    _recording_build(monkeypatch, seen)
    op = PiiRedact(mode="annotate", entities=ENTITIES, context_window_after=10)
    gc.disable()
    try:
        start(op)
        assert seen == [False]
        assert not gc.isenabled()  # the caller turned it off: set-up does not turn it on
    finally:
        gc.enable()


def test_collector_back_on_after_a_failed_setup(monkeypatch):
    monkeypatch.delenv("CORPUSFORGE_SETUP_GC", raising=False)
    seen: list[bool] = []
    _recording_build(monkeypatch, seen, fail=True)
    op = PiiRedact(mode="annotate", entities=ENTITIES, context_window_after=9)
    with pytest.raises(RuntimeError, match="build failed"):
        start(op)
    assert seen == [False]
    assert gc.isenabled()


def test_the_variable_keeps_the_collector_on(monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_SETUP_GC", "1")
    seen: list[bool] = []
    _recording_build(monkeypatch, seen)
    op = PiiRedact(mode="annotate", entities=ENTITIES, context_window_after=8)
    start(op)
    assert seen == [True]
    assert gc.isenabled()
    assert [f.entity for f in op.find(TEXT)] == ["EMAIL_ADDRESS", "PHONE_NUMBER", "URL"]
