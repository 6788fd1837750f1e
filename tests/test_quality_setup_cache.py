"""Per-process setup of the rule filters cached on disk (operators/text/segment.py cached_json):
spaCy's tokenizer rules, the punctuation and decimal-digit tables."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np

from operators.quality import _kernels
from operators.quality import common as quality
from operators.text import segment

ROOT = Path(__file__).resolve().parents[1]


def test_cached_json_builds_once_then_reads(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"a": [1, 2], "é": "x"}

    assert segment.cached_json("probe-v1", build) == {"a": [1, 2], "é": "x"}
    assert segment.cached_json("probe-v1", build) == {"a": [1, 2], "é": "x"}
    assert len(calls) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["probe-v1.json"]  # no temporary file left


def test_cached_json_rebuilds_a_corrupt_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(tmp_path))
    (tmp_path / "probe-v1.json").write_text('{"format": 1, "val')
    assert segment.cached_json("probe-v1", lambda: [3]) == [3]
    assert json.loads((tmp_path / "probe-v1.json").read_text())["value"] == [3]


def test_cached_json_unwritable_dir_falls_back(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    assert segment.cached_json("probe-v1", lambda: "v") == "v"


def test_cached_rules_equal_spacy_and_tokenize_alike(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(tmp_path))
    live = segment.rules_from_spacy()
    assert segment.english_rules() == live  # built, written
    cached = segment.english_rules()  # read back from JSON
    assert cached == live
    a, b = segment.SpacyRules(live), segment.SpacyRules(cached)
    nlp = segment.spacy_tokenizer()
    for chunk in [
        "(don't",
        "U.S.",
        "e.g.,",
        "http://a.b/c).",
        "cannot.",
        ":-)",
        "10km",
        "O'Brien's",
        "--help",
    ]:
        ref = tuple(t.text for t in nlp(chunk))
        assert a.tokens(chunk) == b.tokens(chunk) == ref


def test_tables_equal_their_definitions():
    punct = set("$+^=|~<>`´►━∶％～＄＋＝＜＞｜＾＿")
    dec = np.zeros(0x110000, np.uint8)
    for cp in range(0x110000):
        c = chr(cp)
        cat = unicodedata.category(c)
        if cat[0] == "P" or (cat == "Cc" and not c.isspace()):
            punct.add(c)
        if c.isdecimal():
            dec[cp] = 1
    assert quality.PUNCTUATION == frozenset(punct)
    assert np.array_equal(_kernels.DECIMAL_TABLE, dec)


def test_warm_process_does_not_import_spacy_or_rjieba(tmp_path):
    env = {**os.environ, "CORPUSFORGE_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    code = (
        "import sys\n"
        "from operators.quality import common\n"
        "from operators.text import segment\n"
        'print(segment.words_default("Don\'t stop (now)."))\n'
        "print('spacy' in sys.modules, 'rjieba' in sys.modules)\n"
    )
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    toks = "['Do', \"n't\", 'stop', '(', 'now', ')', '.']"
    assert first.stdout.splitlines() == [toks, "True False"]  # the first process builds the cache
    assert second.stdout.splitlines() == [toks, "False False"]
