"""Normalised word n-grams hashed to 64 bits: the shared vocabulary of ``decontaminate``.

The benchmark side and the corpus side go through exactly these functions.

Normalisation (per character, so a character offset in the normalised text
maps back to the original for redaction):

1. compatibility decomposition (NFKD): full-width forms become ASCII
   (``ＡＢＣ１２３`` -> ``ABC123``), ligatures are split (``ﬁ`` -> ``fi``);
2. combining marks are dropped (``é`` -> ``e``, decomposed or not, so both
   spellings agree);
3. Unicode case folding (``Straße`` -> ``strasse``);
4. punctuation, symbols, separators and control characters become a space
   (ASCII and CJK punctuation alike: ``，。！“”`` too);
5. tokens: runs of Han/kana characters are segmented (jieba words by rjieba, dictionary
   only, no HMM, so the same run always gives the same words; or one token per
   character with ``cjk_tokens: chars``), every other whitespace-separated
   run is one token. Whitespace runs thus count as one separator.

Hashing: each token is hashed with xxh3-64 (stable across processes, runs and
machines), an n-gram is the polynomial combination of its token hashes
(mod 2^64) passed through the splitmix64 finaliser, so a document's n-grams
are computed with a handful of vectorized numpy operations over the batch.
Two different n-grams collide with probability about 2^-64.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import xxhash

from operators._text import PY_CJK_CHAR_CLASS

CjkTokens = Literal["words", "chars"]

_K = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the polynomial (golden ratio, as in splitmix64)
_TOKEN_RE = re.compile(f"[{PY_CJK_CHAR_CLASS}]+|[^\\s{PY_CJK_CHAR_CLASS}]+")
_CJK_START = re.compile(f"[{PY_CJK_CHAR_CLASS}]")


class _NormTable(dict):
    """``str.translate`` table filled on first sight of each code point (C loop, cached)."""

    def __missing__(self, cp: int) -> str:
        c = chr(cp)
        if unicodedata.category(c)[0] in "PSZC":
            out = " "
        else:
            parts = []
            for x in unicodedata.normalize("NFKD", c):
                cat = unicodedata.category(x)
                if cat[0] == "M":
                    continue
                parts.append(" " if cat[0] in "PSZC" else x.casefold())
            out = "".join(parts)
        self[cp] = out
        return out


_TABLE = _NormTable()


def normalize(text: str) -> str:
    """The normalised text (see module docstring); characters map one-to-many or to nothing."""
    return text.translate(_TABLE)


def char_offsets(text: str) -> np.ndarray:
    """``out[i]`` = offset in ``normalize(text)`` where original character ``i`` starts;
    ``out[len(text)]`` = the normalised length. For mapping spans back (redaction)."""
    lengths = np.fromiter((len(_TABLE[ord(c)]) for c in text), dtype=np.int64, count=len(text))
    return np.concatenate([[0], np.cumsum(lengths)])


def _cjk_words(run: str) -> list[str]:
    """jieba's dictionary segmentation (no HMM) of a Han/kana run, computed by rjieba
    (jieba-rs: the same dictionary and algorithm, ~15x faster; identical tokens)."""
    from rjieba import cut

    return cut(run, False)


_CJK_OR_OTHER = re.compile(f"([{PY_CJK_CHAR_CLASS}]+)|([^\\s{PY_CJK_CHAR_CLASS}]+)")


def tokens(norm: str, cjk: CjkTokens = "words", with_spans: bool = False):
    """Tokens of a normalised text (and their (start, end) offsets in it when ``with_spans``)."""
    if not with_spans:
        if _CJK_START.search(norm) is None:  # no Han/kana: whitespace tokens (C speed)
            return norm.split()
        out: list[str] = []
        for han, other in _CJK_OR_OTHER.findall(norm):
            if other:
                out.append(other)
            else:
                out.extend(han if cjk == "chars" else _cjk_words(han))
        return out
    toks: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _TOKEN_RE.finditer(norm):
        s = m.group()
        if _CJK_START.match(s):
            parts = list(s) if cjk == "chars" else _cjk_words(s)
            if with_spans:
                pos = m.start()
                for w in parts:
                    spans.append((pos, pos + len(w)))
                    pos += len(w)
            toks.extend(parts)
        else:
            toks.append(s)
            if with_spans:
                spans.append(m.span())
    return (toks, spans) if with_spans else toks


def token_hashes(toks: list[str] | pa.Array) -> np.ndarray:
    """xxh3-64 of each token's UTF-8 bytes; each distinct token of the batch is hashed once
    (Arrow dictionary encoding finds them at C speed)."""
    if not isinstance(toks, (pa.Array, pa.ChunkedArray)):
        toks = pa.array(toks, pa.string())
    if len(toks) == 0:
        return np.zeros(0, dtype=np.uint64)
    enc = pc.dictionary_encode(toks)
    h = xxhash.xxh3_64_intdigest
    uniq = np.fromiter(
        (h(t.encode("utf-8", "surrogatepass")) for t in enc.dictionary.to_pylist()),
        dtype=np.uint64,
        count=len(enc.dictionary),
    )
    return uniq[enc.indices.to_numpy(zero_copy_only=False)]


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser (uint64, wrapping)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@dataclass
class BatchNgrams:
    """N-gram hashes of a batch: ``hashes[i]`` belongs to text ``doc[i]`` and
    starts at that text's token ``pos[i]``; ``counts[d]`` = n-grams of text d."""

    hashes: np.ndarray  # uint64
    doc: np.ndarray  # int64
    pos: np.ndarray  # int64
    counts: np.ndarray  # int64


def batch_ngrams(token_lists: list[list[str]], n: int) -> BatchNgrams:
    """All n-gram hashes of many token lists, vectorized over the batch."""
    return _ngrams_of(pa.array(token_lists, pa.list_(pa.string())), n)


def _ngrams_of(lists: pa.Array, n: int) -> BatchNgrams:
    """N-gram hashes of a list<string> array (one token list per text)."""
    lens = np.diff(lists.offsets.to_numpy()).astype(np.int64)
    counts = np.maximum(lens - n + 1, 0)
    th = token_hashes(lists.flatten())
    m = len(th) - n + 1
    if m <= 0 or not counts.any():
        empty = np.zeros(0, np.int64)
        return BatchNgrams(np.zeros(0, np.uint64), empty, empty, counts)
    with np.errstate(over="ignore"):
        h = np.zeros(m, dtype=np.uint64)
        for i in range(n):
            h = h * _K + th[i : i + m]
        h = _mix(h)
    doc_of = np.repeat(np.arange(len(lens)), lens)
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    valid = doc_of[:m] == doc_of[n - 1 : n - 1 + m]
    idx = np.flatnonzero(valid)
    d = doc_of[idx]
    return BatchNgrams(h[idx], d, idx - starts[d], counts)


_CJK_RE2 = f"[{PY_CJK_CHAR_CLASS}]"


def text_ngrams(texts: list[str | None], n: int, cjk: CjkTokens = "words") -> BatchNgrams:
    """Normalise, tokenize and hash the n-grams of a batch of texts.

    Texts without Han/kana are split on whitespace by Arrow (C); the others go
    through :func:`tokens`. Same tokens either way (tested)."""
    norm = pc.utf8_trim_whitespace(pa.array([normalize(t) if t else "" for t in texts], pa.string()))
    has_cjk = np.asarray(pc.match_substring_regex(norm, _CJK_RE2).to_numpy(zero_copy_only=False), dtype=bool)
    empty = np.asarray(pc.equal(norm, "").to_numpy(zero_copy_only=False), dtype=bool)
    plain = np.flatnonzero(~has_cjk & ~empty)
    cjk_rows = np.flatnonzero(has_cjk)
    blank = np.flatnonzero(empty & ~has_cjk)
    typ = pa.list_(pa.string())
    parts = [
        pc.utf8_split_whitespace(norm.take(pa.array(plain, pa.int64()))).cast(typ),
        pa.array([tokens(norm[int(i)].as_py(), cjk) for i in cjk_rows], typ),
        pa.array([[] for _ in blank], typ),
    ]
    order = np.empty(len(texts), dtype=np.int64)
    order[np.concatenate([plain, cjk_rows, blank]).astype(np.int64)] = np.arange(len(texts))
    lists = pa.concat_arrays(parts).take(pa.array(order))
    return _ngrams_of(lists, n)


def distinct_per_doc(ng: BatchNgrams) -> np.ndarray:
    """Distinct n-grams of each text of the batch (one sort of ``doc << 44 | hash >> 20``: two
    n-grams of one text agreeing on 44 hash bits are counted once, probability ~2^-44 per pair)."""
    out = np.zeros(len(ng.counts), dtype=np.int64)
    if len(ng.hashes):
        if len(ng.counts) >= 1 << 20:
            raise ValueError("batch of over 2^20 texts")
        key = sorted_unique((ng.doc.astype(np.uint64) << np.uint64(44)) | (ng.hashes >> np.uint64(20)))
        out += np.bincount((key >> np.uint64(44)).astype(np.int64), minlength=len(out))[: len(out)]
    return out


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting (NumPy 2's hash-based unique is several times slower on uint64)."""
    if len(values) == 0:
        return values
    v = np.sort(values)
    keep = np.ones(len(v), dtype=bool)
    keep[1:] = v[1:] != v[:-1]
    return v[keep]
