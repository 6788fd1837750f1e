"""The phone recognizer's version-keyed tables (``recognizers_phone``) read from the disk cache are
the ones derived from phonenumbers and Python's Unicode database, and a fresh cache is written."""

from __future__ import annotations

import json

from operators.pii import recognizers_phone as rp


def test_punctuation_class_cached_equals_scan(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(tmp_path))
    scanned = rp._scan_punctuation_class()
    assert rp._punctuation_class() == scanned  # built and written
    files = list(tmp_path.glob("phonenumbers-punctuation-*.json"))
    assert len(files) == 1
    assert rp._punctuation_class() == scanned  # read back
    assert "\\x{2010}" in scanned and "\\x{ff0d}" in scanned  # hyphen, full-width hyphen-minus
    assert "\\x{78}" not in scanned  # ASCII letters are left out ("x" is an extension mark)


def test_punctuation_class_stale_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(tmp_path))
    rp._punctuation_class()
    (path,) = tmp_path.glob("phonenumbers-punctuation-*.json")
    path.write_text("{not json", encoding="utf-8")
    assert rp._punctuation_class() == rp._scan_punctuation_class()
    assert json.loads(path.read_text(encoding="utf-8"))["value"] == rp._scan_punctuation_class()


def test_global_min_length_cached_equals_scan(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(tmp_path))
    rp._global_min_length.cache_clear()
    try:
        assert rp._global_min_length() == rp._scan_global_min_length()
        assert list(tmp_path.glob("phonenumbers-global-min-length-*.json"))
    finally:
        rp._global_min_length.cache_clear()
