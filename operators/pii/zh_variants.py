"""Traditional Chinese text read as simplified, offsets unchanged.

The Chinese PERSON and ADDRESS recognizers hold simplified word lists (surnames,
given-name characters, 省/市/区/路/号 ...). Text from Hong Kong, Macau and Taiwan
is written in traditional characters: 陳大文住在臺北市大安區忠孝東路四段 shares no
surname or address word with those lists. :func:`to_simplified` maps each
traditional-only character to its simplified form, one code point for one (data:
``data/cn_trad_simp.txt``, from OpenCC's character table; ``scripts/build_pii_trad.py``),
so every offset found in the mapped text is the offset in the original. Characters
also used in simplified text (乾, 於, 徵 ...) are not in the map: simplified text comes
back unchanged (the same object, after one scan for a mapped character).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np

#: Texts at least this long are checked through a code-point bitmap (numpy), shorter ones per character.
_BITMAP_FROM = 200


@lru_cache(maxsize=1)
def _table() -> dict[int, int]:
    text = resources.files("operators.pii").joinpath("data/cn_trad_simp.txt").read_text(encoding="utf-8")
    table: dict[int, int] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            table[ord(trad)] = ord(simp)
    return table


@lru_cache(maxsize=1)
def _map() -> tuple[dict[int, int], frozenset[str], np.ndarray]:
    table = _table()
    # membership per character (a set of 4,000 scattered code points: a regular-expression class of
    # them scans ~10x slower); long texts: one bitmap lookup per code point over the UTF-32 encoding
    bitmap = np.zeros(0x110000, dtype=bool)
    bitmap[list(table)] = True
    return table, frozenset(chr(c) for c in table), bitmap


def to_simplified(text: str) -> str:
    """``text`` with traditional-only characters in simplified form; same length, same offsets."""
    if text.isascii():
        return text
    table, mapped, bitmap = _map()
    if len(text) >= _BITMAP_FROM:
        if not bitmap[np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)].any():
            return text
    elif mapped.isdisjoint(text):
        return text
    return text.translate(table)


def translate(text: str) -> str:
    """``text`` with its traditional-only characters in simplified form, for a text known to hold
    one (:func:`to_simplified` without its check)."""
    return text.translate(_table())


@lru_cache(maxsize=1)
def traditional_search():
    """RE2 search for any traditional-only character (a class of the mapped code points, as ranges).
    The operator searches a batch's Chinese documents with it in their Arrow buffer (UTF-8, no
    decoding): a document without a hit reads as itself, one with a hit goes to :func:`translate`.
    Per document in Python, :func:`to_simplified`'s check (its UTF-32 copy and bitmap look-up) cost
    ~8% of pii_redact's CPU on Chinese news, with nothing to map in any of its documents."""
    import re2

    ranges: list[list[int]] = []
    for c in sorted(_table()):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    parts = ("\\x{%x}" % a if a == b else "\\x{%x}-\\x{%x}" % (a, b) for a, b in ranges)
    return re2.compile("[" + "".join(parts) + "]")
