"""spaCy's English stop words, read without importing spaCy.

The English PERSON and ADDRESS recognizers (``recognizers_person.py``, ``address_parts.py``) use
spaCy's list of English stop words. ``from spacy.lang.en.stop_words import STOP_WORDS`` first
runs ``spacy/__init__.py``: thinc, pydantic schemas, spaCy's command line (typer, rich, jinja2,
requests, weasel), its pipeline registry: 0.7-1.0 CPU-s and ~700 modules in every fresh process,
for one set of strings. ``spacy/lang/en/stop_words.py`` itself imports nothing: here that one file
of the installed spaCy is run on its own (located with ``importlib.util.find_spec``, which does not
import the package), so the set is spaCy's own, of the installed version, and nothing else of
spaCy loads. Where the file cannot be run so (spaCy not installed as plain files), spaCy is
imported as before. ``tests/test_pii_stop_words.py`` checks the set equals spaCy's.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_MODULE = "operators.pii._spacy_en_stop_words"


def _standalone() -> set[str] | None:
    """``STOP_WORDS`` of the installed spaCy's ``lang/en/stop_words.py`` run as a module of its own."""
    try:
        spec = importlib.util.find_spec("spacy")
        if spec is None or not spec.submodule_search_locations:
            return None
        path = Path(next(iter(spec.submodule_search_locations))) / "lang" / "en" / "stop_words.py"
        file_spec = importlib.util.spec_from_file_location(_MODULE, path)
        if file_spec is None or file_spec.loader is None:
            return None
        module = importlib.util.module_from_spec(file_spec)
        file_spec.loader.exec_module(module)
        words = module.STOP_WORDS
    except (ImportError, OSError, SyntaxError, AttributeError, ValueError):
        return None
    return words if isinstance(words, set) and all(isinstance(w, str) for w in words) else None


def _load() -> set[str]:
    words = _standalone()
    if words is None:
        from spacy.lang.en.stop_words import STOP_WORDS as words
    return words


#: spaCy's English stop words (a ``set``, as spaCy has it; not to be changed).
STOP_WORDS: set[str] = _load()
