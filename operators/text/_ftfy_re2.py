"""ftfy's mojibake detector (``ftfy.badness.BADNESS_RE``) translated to RE2, so
that ``pyarrow.compute`` can run it over a whole batch.

The Python pattern is written in verbose mode with Unicode ``\\s``/``\\w``;
RE2 has no verbose mode and ASCII-only classes, so we strip comments and
insignificant whitespace and spell the Unicode classes out. The translation is
checked against the original on real text and random strings in the tests;
if RE2 rejects it, callers fall back to the Python regex.
"""

from __future__ import annotations

import sys
from functools import lru_cache


def _codepoints(pred) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if pred(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return ranges


def _esc(cp: int) -> str:
    return "\\x{%X}" % cp


def _class_body(ranges: list[tuple[int, int]]) -> str:
    return "".join(_esc(a) if a == b else f"{_esc(a)}-{_esc(b)}" for a, b in ranges)


@lru_cache(maxsize=1)
def _unicode_classes() -> tuple[str, str]:
    """RE2 class bodies of Python's Unicode ``\\s`` and ``\\w``. Scanning every code point costs
    ~1 CPU-s per process; the ranges depend only on Python's Unicode version, so they are cached
    on disk (:func:`~operators.text._disk_cache.cached_json`)."""
    from operators.text._disk_cache import cached_json, unicode_key

    space, word = cached_json(f"unicode-space-word-ranges-{unicode_key()}", _build_unicode_ranges)
    return _class_body([(a, b) for a, b in space]), _class_body([(a, b) for a, b in word])


def _build_unicode_ranges() -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    return _codepoints(str.isspace), _codepoints(lambda c: c.isalnum() or c == "_")


def verbose_to_re2(pattern: str) -> str:
    """Translate a Python VERBOSE pattern with \\s, \\w and \\xNN escapes to RE2."""
    space, word = _unicode_classes()
    out: list[str] = []
    in_class = False
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "s":
                out.append(space if in_class else f"[{space}]")
                i += 2
                continue
            if nxt == "w":
                out.append(word if in_class else f"[{word}]")
                i += 2
                continue
            if nxt == "x":
                out.append(_esc(int(pattern[i + 2 : i + 4], 16)))
                i += 4
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
                out.append(ch)
            elif ch in "[\\":
                out.append("\\" + ch)
            elif ch == "-" or ch == "^":
                out.append(ch)
            else:
                out.append(_esc(ord(ch)))
            i += 1
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
            if i + 1 < n and pattern[i + 1] == "^":
                out.append("^")
                i += 1
            i += 1
            continue
        if ch == "#":
            while i < n and pattern[i] != "\n":
                i += 1
            continue
        if ch.isspace():
            i += 1
            continue
        if ord(ch) > 0x7E or ch == " ":
            out.append(_esc(ord(ch)))
        else:
            out.append(ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=1)
def badness_re2() -> str | None:
    """RE2 text of ftfy's BADNESS_RE, or None when it cannot be translated."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from ftfy import badness

    try:
        pattern = verbose_to_re2(badness.BADNESS_RE.pattern)
        pc.match_substring_regex(pa.array(["probe"]), pattern)
    except (pa.ArrowInvalid, ValueError):
        return None
    return pattern
