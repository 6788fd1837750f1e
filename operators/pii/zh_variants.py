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
def _map() -> tuple[dict[int, int], frozenset[str], np.ndarray]:
    text = resources.files("operators.pii").joinpath("data/cn_trad_simp.txt").read_text(encoding="utf-8")
    table: dict[int, int] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            table[ord(trad)] = ord(simp)
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
