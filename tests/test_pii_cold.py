"""pii_redact's cold start: the English name recognizer loaded from a content-keyed disk cache
(``operators/pii/build_cache.py``) and the analyzer built only with the recognizers asked for, both
with the findings of a fresh build."""

from __future__ import annotations

import os
import pickle
import threading

import pytest

from operators.pii import PiiRedact, PiiRedactParams
from operators.pii import build_cache as bc
from operators.pii.analyzer import build_analyzer
from operators.pii.entities import LANGUAGE

TEXTS = [
    "Dear Margaret Olsen, thank you for your letter.",
    "Call Dr. Rajesh Kumar at 555-123-4567 or write to j.r.whitcombe@example.org.",
    "J. R. Whitcombe and Evan met Anneliese van der Berg in Geneva.",
    "The Green Party met on Jefferson Parkway; Mad Men is a TV show.",
    "my name is anneliese and this is my friend tom hardy",
    "Mail amy@example.org, IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111, http://x.org/a",
    "联系人张伟，手机13912345678，身份证11010519491231002X，住址北京市海淀区中关村大街27号。",
]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CORPUSFORGE_PII_BUILD_CACHE", raising=False)
    return tmp_path


class _Counting:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_cached_build_builds_once_then_loads(cache_dir):
    build = _Counting({"table": [1, 2, 3]})
    assert bc.cached_build("demo", build) == {"table": [1, 2, 3]} and build.calls == 1
    assert bc.cache_path("demo").exists() and bc.cache_path("demo").parent == cache_dir
    assert bc.cached_build("demo", build) == {"table": [1, 2, 3]} and build.calls == 1  # loaded


def test_cache_off_corrupt_or_unpicklable_falls_back_to_building(cache_dir, monkeypatch):
    build = _Counting(["v"])
    bc.cache_path("demo").write_bytes(b"not a pickle")
    assert bc.cached_build("demo", build) == ["v"] and build.calls == 1
    assert pickle.loads(bc.cache_path("demo").read_bytes()) == ["v"]  # rewritten
    monkeypatch.setenv("CORPUSFORGE_PII_BUILD_CACHE", "0")
    assert bc.cached_build("demo", build) == ["v"] and build.calls == 2
    monkeypatch.delenv("CORPUSFORGE_PII_BUILD_CACHE")
    lock = _Counting(threading.Lock())  # does not pickle: built every time, nothing written
    bc.cached_build("lock", lock)
    bc.cached_build("lock", lock)
    assert lock.calls == 2 and not list(cache_dir.glob("pii-lock-*"))


def test_key_follows_every_source_and_data_file(tmp_path, monkeypatch):
    pkg = tmp_path / "pii"
    (pkg / "data").mkdir(parents=True)
    (pkg / "a.py").write_text("x = 1\n")
    (pkg / "data" / "names.txt").write_text("Alice\n")
    monkeypatch.setattr(bc, "_HERE", pkg)
    keys = []
    for change in (None, ("a.py", "x = 2\n"), ("data/names.txt", "Alicia\n"), ("data/new.txt", "")):
        if change:
            (pkg / change[0]).write_text(change[1])
        bc.source_key.cache_clear()
        keys.append(bc.source_key())
    bc.source_key.cache_clear()
    assert len(set(keys)) == 4


def test_only_the_newest_files_stay(cache_dir):
    for i in range(5):
        old = cache_dir / f"pii-demo-old{i}.pickle"
        old.write_bytes(pickle.dumps(i))
        os.utime(old, (1000 + i, 1000 + i))
    bc.cached_build("demo", lambda: "new")
    left = sorted(p.name for p in cache_dir.glob("pii-demo-*.pickle"))
    assert bc.cache_path("demo").name in left and len(left) == bc._KEEP
    assert {"pii-demo-old4.pickle", "pii-demo-old3.pickle"} <= set(left)


def test_cached_english_person_recognizer_finds_what_a_fresh_one_finds(cache_dir):
    from operators.pii.recognizers_person import EnglishPersonRecognizer

    fresh = EnglishPersonRecognizer()
    bc.cached_build("en_person", EnglishPersonRecognizer)  # built and written
    loaded = bc.cached_build("en_person", lambda: pytest.fail("should load from the cache"))
    assert type(loaded) is EnglishPersonRecognizer and loaded is not fresh
    for text in TEXTS:
        assert loaded.analyze(text) == fresh.analyze(text)
    assert any(fresh.analyze(t) for t in TEXTS)  # the comparison can fail


def test_analyzer_builds_only_the_recognizers_asked_for():
    op = PiiRedact(PiiRedactParams())
    wanted = op._presidio_entities
    assert "URL" not in wanted  # the default: its ~1,500-TLD patterns are not compiled
    lean = build_analyzer(entities=wanted)
    full = build_analyzer()
    assert not any("URL" in r.supported_entities for r in lean.registry.recognizers)
    assert any("URL" in r.supported_entities for r in full.registry.recognizers)
    assert all(set(r.supported_entities) & set(wanted) for r in lean.registry.recognizers)
    for text in TEXTS:
        a = lean.analyze(text=text, language=LANGUAGE, entities=list(wanted))
        b = full.analyze(text=text, language=LANGUAGE, entities=list(wanted))
        key = sorted((r.entity_type, r.start, r.end, r.score) for r in a)
        assert key == sorted((r.entity_type, r.start, r.end, r.score) for r in b)
    with_url = PiiRedact(PiiRedactParams(entities=["URL", "EMAIL_ADDRESS"]))
    with_url.ensure_setup()
    assert [f.entity for f in with_url.find("see http://example.org/a or a@example.org")] == [
        "URL",
        "EMAIL_ADDRESS",
    ]
