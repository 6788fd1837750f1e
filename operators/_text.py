"""Text measurements shared by operators, vectorized over Arrow string arrays.

CJK scripts are not written with spaces, so "words" are counted per script:
each Han ideograph, Hiragana or Katakana character counts as one word unit
(the usual convention for Chinese/Japanese length limits, e.g. in Data-Juicer
and CCNet statistics), while every other maximal run of non-space characters
counts as one word (Latin, Cyrillic, Hangul - Korean separates words by
spaces). Operators that need real words (Gopher rules) segment with jieba
instead; see ``operators/text/segment.py``.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# RE2 (pyarrow) and Python `re` share this syntax for the ranges used.
CJK_CHAR_CLASS = r"\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{3040}-\x{30FF}\x{20000}-\x{2FA1F}"
PY_CJK_CHAR_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\U00020000-\U0002fa1f"
_CJK_RE2 = f"[{CJK_CHAR_CLASS}]"
_NON_CJK_WORD_RE2 = rf"[^\s{CJK_CHAR_CLASS}]+"


def _np(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(arr.to_numpy(zero_copy_only=False))


def char_counts(texts: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Unicode code points per document."""
    return _np(pc.utf8_length(texts).fill_null(0)).astype(np.int64)


def cjk_char_counts(texts: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Han/Kana characters per document."""
    return _np(pc.count_substring_regex(texts, _CJK_RE2).fill_null(0)).astype(np.int64)


def word_counts(texts: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Words per document: whitespace-delimited tokens outside CJK + one per CJK character."""
    other = _np(pc.count_substring_regex(texts, _NON_CJK_WORD_RE2).fill_null(0)).astype(np.int64)
    return other + cjk_char_counts(texts)


def utf8_bytes(texts: pa.Array | pa.ChunkedArray) -> int:
    """Total UTF-8 bytes of a string array (cheap: from the offsets)."""
    return int(pc.sum(pc.binary_length(texts)).as_py() or 0)
