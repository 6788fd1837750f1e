"""Per-source keys for the safety rollup (which sources produce flagged content).

A safety operator (``content_filter`` now; a URL block-list filter later) that
is given a ``source_column`` writes two columns the writer's profile rolls up
per source (``engine/profiling.py``, ``report.json`` -> ``profile.sources``):

* ``source_domain`` - the row's source key: the host name of a URL (lower
  case, without a leading ``www.``), or the column's value as it is when it is
  not a URL (a dataset name, a domain, a file);
* ``safety_flags`` - the list of ``<kind>:<category>`` labels the row was
  flagged with (``content:sexual``; a URL filter would add ``url:adult``).
  Labels name categories only, never a matched term.

Host names are not reduced to registrable domains (that needs the Public
Suffix List, which is not a dependency): ``news.example.co.uk`` and
``blog.example.co.uk`` are two sources.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

import pyarrow as pa

SOURCE_KEY = "source_domain"
SAFETY_FLAGS = "safety_flags"

KeyMode = Literal["auto", "domain", "value"]


def source_key(value: object, how: KeyMode = "auto") -> str | None:
    """The source key of one value (see module docstring); ``None`` for a missing value."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if how == "value" or (how == "auto" and "://" not in text[:16]):
        return text.lower() if how == "auto" and "." in text and " " not in text else text
    target = text if "://" in text[:16] else "http://" + text
    try:
        host = urlsplit(target).hostname
    except ValueError:  # an unparsable URL (bad port, brackets): keep it whole, it is still a source
        return text[:253]
    if not host:
        return text[:253]
    return host[4:] if host.startswith("www.") else host


def source_keys(table: pa.Table, column: str, how: KeyMode = "auto") -> pa.Array:
    """``source_domain`` for every row (null where the column is missing or null).

    One pass over the column; a value seen before is a dictionary hit.
    """
    if column not in table.column_names:
        return pa.nulls(table.num_rows, pa.string())
    cache: dict[object, str | None] = {}
    out = []
    for v in table.column(column).to_pylist():
        try:
            out.append(cache[v])
        except (KeyError, TypeError):
            k = source_key(v, how)
            try:
                cache[v] = k
            except TypeError:
                pass
            out.append(k)
    return pa.array(out, pa.string())
