"""spaCy's English stop words read from the installed spaCy's file without importing spaCy
(``operators/pii/stop_words.py``), and ``pii_redact`` with PERSON and ADDRESS only, which then
imports neither spaCy nor Presidio in its set-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_set_is_spacys():
    spacy_words = pytest.importorskip("spacy.lang.en.stop_words").STOP_WORDS
    from operators.pii import stop_words

    assert stop_words.STOP_WORDS == spacy_words
    assert stop_words._standalone() == spacy_words  # read from the file, not the spaCy import fallback
    assert {"the", "whereupon", "n't", "n’t"} <= stop_words.STOP_WORDS
    assert "margaret" not in stop_words.STOP_WORDS


def test_fallback_imports_spacy_when_the_file_cannot_be_run(monkeypatch):
    pytest.importorskip("spacy")
    from operators.pii import stop_words

    monkeypatch.setattr(stop_words.importlib.util, "find_spec", lambda name: None)
    assert stop_words._standalone() is None
    assert stop_words._load() == pytest.importorskip("spacy.lang.en.stop_words").STOP_WORDS


def test_english_recognizers_import_without_spacy():
    found = _run(
        "import json, sys\n"
        "import operators.pii.recognizers_person, operators.pii.address_parts\n"
        "print(json.dumps({'spacy': 'spacy' in sys.modules}))"
    )
    assert found == {"spacy": False}


def test_person_and_address_only_load_neither_presidio_nor_spacy():
    code = (
        "import json, sys\n"
        "from engine.runner import start\n"
        "from operators.pii import PiiRedact\n"
        "op = PiiRedact(entities=['PERSON', 'ADDRESS'])\n"
        "start(op)\n"
        "text = 'Dear Margaret Olsen, I live at 12 Main Street, Springfield. 联系人张伟，住址北京市海淀区中关村大街27号。'\n"
        "found = [f.entity for f in op.find(text)]\n"
        "loaded = {m: m in sys.modules for m in ('spacy', 'presidio_analyzer')}\n"
        "import spacy\n"  # a user's own import afterwards is spaCy's, unaffected
        "from spacy.lang.en.stop_words import STOP_WORDS\n"
        "from operators.pii.stop_words import STOP_WORDS as ours\n"
        "print(json.dumps({'found': found, 'loaded': loaded, 'same': STOP_WORDS == ours,"
        " 'blank': type(spacy.blank('en')).__name__}))"
    )
    out = _run(code)
    assert out["loaded"] == {"spacy": False, "presidio_analyzer": False}
    assert out["found"] == ["PERSON", "ADDRESS", "PERSON", "ADDRESS"]
    assert out["same"] and out["blank"] == "English"


def test_pattern_entities_still_build_presidio():
    from engine.runner import start
    from operators.pii import PiiRedact

    op = PiiRedact(entities=["EMAIL_ADDRESS", "PERSON"])
    start(op)
    assert op._analyzer is not None
    assert [f.entity for f in op.find("Write to Margaret Olsen at m.olsen@example.org")] == [
        "PERSON",
        "EMAIL_ADDRESS",
    ]
    lexical = PiiRedact(entities=["PERSON"])
    start(lexical)
    assert lexical._analyzer is None and lexical._presidio_entities == ()
    assert [f.entity for f in lexical.find("Write to Margaret Olsen at m.olsen@example.org")] == ["PERSON"]
