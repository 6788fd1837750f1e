"""Built PII recognizers cached on disk, so a fresh worker loads them instead of building them.

The English name recognizer derives its tables (two Aho-Corasick automata, name and word sets, the
name-shape model) from the word lists in ``data/`` at construction: ~0.24 CPU-s in every new Ray
worker, before its first batch. :func:`cached_build` pickles the built object once and loads it
(~0.10 CPU-s) afterwards. The file's name carries a SHA-256 over the content of every source file
of this package (``*.py``) and every data file (``data/*``), Python's version and the versions of
the libraries whose objects the tables hold: any edit to the recognizers, their lists or those
libraries gives another name, so a cached object is never stale. The file sits in the user cache
directory with the other per-process tables (``operators/text/_disk_cache.py``:
``$CORPUSFORGE_CACHE_DIR``, else ``~/.cache/corpusforge``); it is written atomically (a
temporary file renamed into place), older files of the same recognizer are removed, and anything
unreadable, unwritable or unpicklable falls back to building. ``CORPUSFORGE_PII_BUILD_CACHE=0``
turns the cache off.

What the key covers is what the cached recognizers read today: this package's files, spaCy's
English stop words (its version) and the libraries above. A recognizer that starts reading a file
outside ``operators/pii/`` must add it to :func:`source_key`.

The cache holds only what the package's own files build (word lists and tables), never document
text; like any pickle it must not come from someone else (it lives in the user's own cache dir).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_FORMAT = 1  # bump when the cached layout changes
_KEEP = 3  # cached files kept per recognizer (this one included)
#: Libraries whose objects (or answers) the cached tables hold.
_LIBRARIES = ("pyahocorasick", "numpy", "spacy", "regex", "google-re2")


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


@lru_cache(maxsize=1)
def source_key() -> str:
    """SHA-256 over the package's source and data files' contents, Python's and the libraries' versions."""
    h = hashlib.sha256(f"format {_FORMAT} python {sys.version}".encode())
    for dist in _LIBRARIES:
        h.update(f"\n{dist} {_version(dist)}".encode())
    files = sorted(_HERE.glob("*.py")) + sorted(p for p in (_HERE / "data").rglob("*") if p.is_file())
    for path in files:
        h.update(b"\n" + str(path.relative_to(_HERE)).encode() + b"\n")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def enabled() -> bool:
    return os.environ.get("CORPUSFORGE_PII_BUILD_CACHE", "1") != "0"


def cache_path(name: str) -> Path:
    from operators.synthetic.common import user_cache_dir

    return user_cache_dir() / f"pii-{name}-{source_key()[:32]}.pickle"


def cached_build(name: str, build):
    """``build()``, loaded from the cache when this exact source built it before (module docstring)."""
    if not enabled():
        return build()
    try:
        path = cache_path(name)
    except OSError:  # a source file could not be read: no key, no cache
        return build()
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    _store(path, name, value)
    return value


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _store(path: Path, name: str, value) -> None:
    tmp = None
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        tmp = None
        # files built from other sources: the newest few stay (two checkouts or versions in use
        # at once would otherwise remove each other's), older ones go
        others = sorted(path.parent.glob(f"pii-{name}-*.pickle"), key=_mtime, reverse=True)
        for old in [p for p in others if p != path][_KEEP - 1 :]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # unwritable cache or an object that does not pickle: build every time
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
