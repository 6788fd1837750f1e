"""pii_redact's set-up leaves the objects it built (analyzer, recognizers, their tables) in the
garbage collector's permanent generation (``gc.freeze()``), so later collections do not walk them;
``CORPUSFORGE_SETUP_GC=1`` leaves the collector as it was. Findings are the same either way."""

from __future__ import annotations

import gc

from engine.runner import start
from operators.pii import PiiRedact

TEXT = "Write to j.r.whitcombe@example.org or call 555-123-4567 about https://example.org/a."


def _tracked_ids() -> set[int]:
    return {id(o) for o in gc.get_objects()}  # every generation but the permanent one


def _found(op) -> list[tuple]:
    return [(f.entity, f.start, f.end, f.score) for f in op.find(TEXT)]


def test_setup_moves_what_it_built_to_the_permanent_generation(monkeypatch):
    monkeypatch.delenv("CORPUSFORGE_SETUP_GC", raising=False)
    op = PiiRedact(mode="annotate", entities=["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"])
    start(op)
    tracked = _tracked_ids()
    assert id(op._analyzer) not in tracked
    assert id(op._analyzer.registry) not in tracked
    assert all(id(r) not in tracked for r in op._analyzer.registry.recognizers)
    assert gc.get_freeze_count() > 1000
    after = PiiRedact(mode="annotate", entities=["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"])
    start(after)
    assert gc.collect() >= 0  # a full collection after the freeze leaves the analyzer working
    assert _found(after) == _found(op) == [("EMAIL_ADDRESS", 9, 34, 1.0), ("PHONE_NUMBER", 43, 55, 0.75)]


def test_the_variable_keeps_the_collector(monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_SETUP_GC", "1")
    # parameters no other test uses: an analyzer of its own (built ones are shared in the process)
    op = PiiRedact(mode="annotate", entities=["EMAIL_ADDRESS", "URL"], context_window_after=17)
    start(op)
    tracked = _tracked_ids()
    assert id(op._analyzer) in tracked
    assert all(id(r) in tracked for r in op._analyzer.registry.recognizers)
    assert [f.entity for f in op.find(TEXT)] == ["EMAIL_ADDRESS", "URL"]
