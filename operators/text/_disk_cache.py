"""Per-process tables that are costly to derive but depend only on installed versions, cached on disk.

A fresh worker process would otherwise rebuild them before its first batch
(spaCy's tokenizer rules, Unicode character tables scanned over all 1.1M code
points). :func:`cached_json` stores the derived value as JSON in the user
cache directory, under a name that spells out every version it depends on.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import unicodedata

_FORMAT = 1  # bump when the cached layout changes


def unicode_key() -> str:
    """Python's version and its Unicode database version: what ``unicodedata`` and ``str`` predicates
    (``isspace``, ``isalnum``, ``category``, normalization) answer from."""
    return f"py{sys.version_info[0]}.{sys.version_info[1]}-ucd{unicodedata.unidata_version}"


def cached_json(name: str, build):
    """``build()`` (JSON-serialisable), cached on disk as ``<user cache dir>/<name>.json``.

    For per-process setup that is costly to compute but depends only on
    installed package versions, which ``name`` must therefore spell out. The
    file is written on first use atomically (a temporary file renamed into
    place, so concurrent workers never read a partial file); an unreadable or
    unwritable cache falls back to ``build()``."""
    from operators.synthetic.common import user_cache_dir

    path = user_cache_dir() / f"{name}.json"
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if isinstance(data, dict) and data.get("format") == _FORMAT and "value" in data:
            return data["value"]
    except (OSError, ValueError):
        pass
    value = build()
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"format": _FORMAT, "value": value}, f, ensure_ascii=False)
        os.replace(tmp, path)
        tmp = None
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return value
