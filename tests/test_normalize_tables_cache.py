"""normalize_text's code-point tables are cached on disk (operators/text/_disk_cache.py): a fresh
process reads them instead of scanning every code point, and the cached tables equal the built ones."""

from __future__ import annotations

import json

import pyarrow as pa

from operators.text import _ftfy_re2, normalize


def _clear() -> None:
    normalize._safe_ranges.cache_clear()
    normalize._nonstarter_ranges.cache_clear()
    normalize._long_run_patterns.cache_clear()
    _ftfy_re2._unicode_classes.cache_clear()
    _ftfy_re2.badness_re2.cache_clear()


def test_tables_built_once_then_read_from_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(tmp_path))
    _clear()
    try:
        built = {(w, u): normalize._build_safe_ranges(w, u) for w in (False, True) for u in (False, True)}
        first = {key: normalize._safe_ranges(*key) for key in built}
        assert first == built
        names = sorted(p.name for p in tmp_path.iterdir())
        assert len([n for n in names if n.startswith("ftfy-safe-ranges-")]) == 4
        nonstarters = normalize._nonstarter_ranges()
        assert nonstarters == normalize._build_nonstarter_ranges()
        classes = _ftfy_re2._unicode_classes()

        # a later process: every table comes from disk, the builders are not called
        _clear()

        def refuse(*args):
            raise AssertionError("table rebuilt although cached")

        monkeypatch.setattr(normalize, "_build_safe_ranges", refuse)
        monkeypatch.setattr(normalize, "_build_nonstarter_ranges", refuse)
        monkeypatch.setattr(_ftfy_re2, "_build_unicode_ranges", refuse)
        assert {key: normalize._safe_ranges(*key) for key in built} == built
        assert normalize._nonstarter_ranges() == nonstarters
        assert _ftfy_re2._unicode_classes() == classes
        texts = ["cafÃ© â€œokâ€\x9d", "plain", "e" + "\u0301" * 40, "全角，。"]
        out = normalize.NormalizeText().transform(pa.table({"text": texts})).column("text").to_pylist()
        assert out[0] == "café “ok”" and out[1] == "plain" and "\u034f" in out[2] and out[3] == texts[3]
    finally:
        _clear()


def test_unicode_classes_match_python_predicates(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(tmp_path))
    _ftfy_re2._unicode_classes.cache_clear()
    try:
        space, word = _ftfy_re2._unicode_classes()
        assert space == _ftfy_re2._class_body(_ftfy_re2._codepoints(str.isspace))
        (path,) = tmp_path.iterdir()
        stored = json.loads(path.read_text())["value"]
        assert [tuple(r) for r in stored[0]] == _ftfy_re2._codepoints(str.isspace)
        assert word.startswith("\\x{30}-\\x{39}")  # digits first: \w is alnum or "_"
    finally:
        _ftfy_re2._unicode_classes.cache_clear()
