"""One-pass compiled MinHash kernel: tokenize, hash, shingle and permute.

Per-document Python tokenizing is the wall for MinHash throughput (building
5-gram sets in Python runs at ~10 MB/s per core). This module does the whole
signature computation in one compiled pass over the batch's UTF-8 buffer
(numba): decode code points, lower-case them, split into tokens, hash the
tokens, roll n-gram shingle hashes and apply all permutations, keeping the
per-permutation minimum. Memory per call is the signature matrix
(``docs x num_perm x 4`` bytes) plus one token-hash buffer of the longest
document; callers bound it by the batch size.

Tokenization (Unicode-correct, the same in both hash modes):

* ``words``: a token is a maximal run of alphanumeric code points
  (``str.isalnum``), except that Han and Kana characters, which are written
  without spaces, are one token each. Everything else (spaces, punctuation,
  symbols) separates tokens. Tokens are lower-cased code point by code point
  (single code point mappings of ``str.lower``).
* ``chars``: every alphanumeric code point is one token (lower-cased);
  whitespace and punctuation are skipped. The usual choice for Chinese and
  Japanese, where words are not delimited.

A shingle is ``ngram_size`` consecutive tokens; a document with fewer tokens
has one shingle of all its tokens, and a document with no tokens has no
shingles (its signature is all ``0xFFFFFFFF`` and it never joins a bucket).

Two hash modes:

* ``fast`` (default): tokens hashed with FNV-1a over code points and the
  64-bit MurmurHash3 finalizer, shingles by a polynomial over token hashes,
  then ``a * h + b mod 2**32`` with odd ``a`` (a bijection, the construction of
  datasketch's ``affine32`` scheme).
* ``datasketch``: the shingle's UTF-8 bytes (tokens joined by one space for
  ``words``, concatenated for ``chars``) are hashed exactly as
  ``datasketch.MinHash(num_perm, seed).update(shingle_bytes)`` does (SHA-1,
  first 4 bytes little-endian, 32-bit Murmur finalizer, datasketch's own
  permutation parameters), so signatures are bit-identical to datasketch's for
  cross-checking. It runs the SHA-1 in Python and is for verification, not speed.
"""

from __future__ import annotations

import hashlib
import struct

import numba
import numpy as np
import pyarrow as pa

from operators.quality._numba_start import defer_blas_probe

# The first compiled call in a process (a cache hit too) loads numba's implementation registries,
# one of which imports scipy's linear algebra only to learn whether a BLAS exists (~0.2-0.3 CPU-s
# in each worker that signs; no kernel here uses one): that probe is deferred until numba asks for
# its answer (operators/quality/_numba_start.py; nothing changes when it already ran).
defer_blas_probe()

MAX_HASH = np.uint32(0xFFFFFFFF)
TOKENIZE_WORDS = 0
TOKENIZE_CHARS = 1

_NUM_CODEPOINTS = 0x110000


def _build_tables() -> tuple[np.ndarray, np.ndarray]:
    """Code point class (0 separator, 1 word char, 2 CJK char) and lower-case map."""
    chars = [chr(i) for i in range(_NUM_CODEPOINTS)]
    cls = np.fromiter((c.isalnum() for c in chars), dtype=np.uint8, count=_NUM_CODEPOINTS)
    for lo, hi in (
        (0x3040, 0x30FF),  # Hiragana, Katakana
        (0x3400, 0x4DBF),  # CJK Extension A
        (0x4E00, 0x9FFF),  # CJK Unified Ideographs
        (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
        (0x20000, 0x323AF),  # CJK Extensions B-H
    ):
        seg = cls[lo : hi + 1]
        seg[seg == 1] = 2
    lower = np.arange(_NUM_CODEPOINTS, dtype=np.int32)
    for i, c in enumerate(chars):
        if cls[i]:
            lc = c.lower()
            if len(lc) == 1 and lc != c:
                lower[i] = ord(lc)
    return cls, lower


_TABLES: tuple[np.ndarray, np.ndarray] | None = None


def _tables_cache_paths() -> list[str]:
    """Where the tables are cached: beside numba's cache of this module, else the
    user cache. The name carries the Unicode version the tables come from."""
    import os
    import unicodedata

    name = f"minhash_tables-unicode{unicodedata.unidata_version}.npz"
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__", name)
    user = os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "corpusforge", name
    )
    return [here, user]


def tables() -> tuple[np.ndarray, np.ndarray]:
    """The code point tables: built once (~1 s of Python over all code points),
    then loaded from a disk cache (~10 ms) by every later process."""
    import os

    global _TABLES
    if _TABLES is not None:
        return _TABLES
    paths = _tables_cache_paths()
    for path in paths:
        try:
            with np.load(path) as z:
                cls, lower = z["cls"], z["lower"]
            if cls.shape == (_NUM_CODEPOINTS,) and lower.shape == (_NUM_CODEPOINTS,):
                _TABLES = (cls, lower)
                return _TABLES
        except (OSError, KeyError, ValueError):
            continue
    _TABLES = _build_tables()
    for path in paths:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            tmp = f"{path}.{os.getpid()}.tmp.npz"
            np.savez(tmp, cls=_TABLES[0], lower=_TABLES[1])
            os.replace(tmp, path)
            break
        except OSError:
            continue
    return _TABLES


# --------------------------------------------------------------------------- numba core
_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_SHINGLE_MUL = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)


@numba.njit(inline="always")
def _fmix64(h):
    h ^= h >> _S33
    h *= _M1
    h ^= h >> _S33
    h *= _M2
    h ^= h >> _S33
    return h


@numba.njit(inline="always")
def _decode(data, pos):
    """Decode one UTF-8 code point at ``pos``; returns (code point, next pos)."""
    b0 = np.int32(data[pos])
    if b0 < 0x80:
        return b0, pos + 1
    if b0 < 0xE0:
        return ((b0 & 0x1F) << 6) | (np.int32(data[pos + 1]) & 0x3F), pos + 2
    if b0 < 0xF0:
        return (
            ((b0 & 0x0F) << 12) | ((np.int32(data[pos + 1]) & 0x3F) << 6) | (np.int32(data[pos + 2]) & 0x3F),
            pos + 3,
        )
    return (
        ((b0 & 0x07) << 18)
        | ((np.int32(data[pos + 1]) & 0x3F) << 12)
        | ((np.int32(data[pos + 2]) & 0x3F) << 6)
        | (np.int32(data[pos + 3]) & 0x3F),
        pos + 4,
    )


@numba.njit(cache=True, nogil=True)
def _cjk_majority(data, start, end, cls):
    """True when Han/Kana are at least 30% of the alphanumeric characters."""
    pos = start
    cjk = 0
    word = 0
    while pos < end:
        cp, pos = _decode(data, pos)
        c = cls[cp]
        if c == 2:
            cjk += 1
        elif c == 1:
            word += 1
    return cjk > 0 and 10 * cjk >= 3 * (cjk + word)


@numba.njit(cache=True, nogil=True)
def _token_hashes(data, start, end, mode, cls, lower, buf):
    """Hash the tokens of one document into ``buf`` (room for ``end - start``); returns the count."""
    n = 0
    pos = start
    h = _FNV_OFFSET
    in_tok = False
    while pos < end:
        cp, pos = _decode(data, pos)
        c = cls[cp]
        if c == 1 and mode == 0:
            h = (h ^ np.uint64(lower[cp])) * _FNV_PRIME
            in_tok = True
            continue
        if in_tok:  # close the running word
            buf[n] = _fmix64(h)
            n += 1
            in_tok = False
            h = _FNV_OFFSET
        if c != 0:  # one-character token (chars mode, or Han/Kana in words mode)
            buf[n] = _fmix64((_FNV_OFFSET ^ np.uint64(lower[cp])) * _FNV_PRIME)
            n += 1
    if in_tok:
        buf[n] = _fmix64(h)
        n += 1
    return n


@numba.njit(inline="always")
def _min_affine(xs, a, b, out_row):
    """out_row[k] = min_i (a[k] * xs[i] + b[k]) mod 2**32 (a vectorizable reduction)."""
    for k in range(a.shape[0]):
        ak = a[k]
        bk = b[k]
        m = MAX_HASH
        for i in range(xs.shape[0]):
            # numba widens uint32 arithmetic to 64 bits: truncating is the mod 2**32
            m = min(m, np.uint32(ak * xs[i] + bk))
        out_row[k] = m


@numba.njit(inline="always")
def _doc_shingles(data, start, end, mode, ngram, cls, lower, buf, xs):
    """Shingle hashes of one document into ``xs``; returns (tokens, shingles)."""
    if mode < 0:
        mode = 1 if _cjk_majority(data, start, end, cls) else 0
    n = _token_hashes(data, start, end, mode, cls, lower, buf)
    if n == 0:
        return 0, 0
    width = min(ngram, n)
    m = n - width + 1
    for i in range(m):
        s = np.uint64(0)
        for j in range(width):
            s = s * _SHINGLE_MUL + buf[i + j]
        xs[i] = np.uint32(_fmix64(s) & np.uint64(0xFFFFFFFF))
    return n, m


@numba.njit(cache=True, nogil=True)
def _signatures_fast(data, offsets, modes, ngram, a, b, cls, lower, out, ntok):
    """Fill ``out[d]`` with the MinHash of document d (fast hash)."""
    num_perm = a.shape[0]
    longest = 1
    for d in range(offsets.shape[0] - 1):
        longest = max(longest, offsets[d + 1] - offsets[d])
    buf = np.empty(longest, np.uint64)  # a token takes at least one byte
    xs = np.empty(longest, np.uint32)
    for d in range(offsets.shape[0] - 1):
        n, m = _doc_shingles(data, offsets[d], offsets[d + 1], modes[d], ngram, cls, lower, buf, xs)
        ntok[d] = n
        if n == 0:
            for k in range(num_perm):
                out[d, k] = MAX_HASH
            continue
        _min_affine(xs[:m], a, b, out[d])


@numba.njit(cache=True, nogil=True)
def _shingle_hashes(data, offsets, modes, ngram, cls, lower, xs_out, xs_off, ntok):
    """The fast kernel's 32-bit shingle hashes of every document, concatenated:
    document d owns ``xs_out[xs_off[d]:xs_off[d + 1]]`` (empty when it has no
    token). ``xs_out`` needs room for one hash per input byte."""
    longest = 1
    for d in range(offsets.shape[0] - 1):
        longest = max(longest, offsets[d + 1] - offsets[d])
    buf = np.empty(longest, np.uint64)
    xs_off[0] = 0
    for d in range(offsets.shape[0] - 1):
        pos = xs_off[d]
        n, m = _doc_shingles(data, offsets[d], offsets[d + 1], modes[d], ngram, cls, lower, buf, xs_out[pos:])
        ntok[d] = n
        xs_off[d + 1] = pos + m


def shingle_hashes(
    texts: pa.Array | pa.ChunkedArray, modes: np.ndarray, ngram_size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(shingle hashes uint32, per-document offsets into them, tokens per doc):
    the input of the permutation step, for devices that apply it elsewhere
    (``minhash_torch``). ``min(a * x + b mod 2**32)`` over a document's hashes
    is its fast signature, bit for bit."""
    data, offsets = _utf8_buffers(texts)
    n = len(offsets) - 1
    cls, lower = tables()
    xs = np.empty(max(len(data), 1), np.uint32)
    xs_off = np.zeros(n + 1, np.int64)
    ntok = np.zeros(n, np.int64)
    if n:
        _shingle_hashes(data, offsets, modes.astype(np.int8), int(ngram_size), cls, lower, xs, xs_off, ntok)
    return xs[: xs_off[-1]], xs_off, ntok


@numba.njit(cache=True, nogil=True)
def _tokens_codepoints(data, offsets, modes, cls, lower):
    """Tokens as lower-cased code points: (code points, token offsets, doc token offsets)."""
    ndocs = offsets.shape[0] - 1
    cps = np.empty(max(data.shape[0], 1), np.int32)
    tok_off = np.empty(max(data.shape[0], 1) + 1, np.int64)
    doc_off = np.empty(ndocs + 1, np.int64)
    ncp = 0
    ntok = 0
    tok_off[0] = 0
    doc_off[0] = 0
    for d in range(ndocs):
        start = offsets[d]
        end = offsets[d + 1]
        mode = modes[d]
        if mode < 0:
            mode = 1 if _cjk_majority(data, start, end, cls) else 0
        pos = start
        in_tok = False
        while pos < end:
            cp, pos = _decode(data, pos)
            c = cls[cp]
            if c == 0 or mode == 1 or c == 2:
                if in_tok:
                    ntok += 1
                    tok_off[ntok] = ncp
                    in_tok = False
                if c == 0:
                    continue
                cps[ncp] = lower[cp]
                ncp += 1
                ntok += 1
                tok_off[ntok] = ncp
            else:
                cps[ncp] = lower[cp]
                ncp += 1
                in_tok = True
        if in_tok:
            ntok += 1
            tok_off[ntok] = ncp
        doc_off[d + 1] = ntok
    return cps[:ncp], tok_off[: ntok + 1], doc_off


@numba.njit(cache=True, nogil=True)
def _permute_min(hv, a, b, out_row):
    """datasketch affine32: fmix32(h), then min over a * h + b (uint32)."""
    for k in range(a.shape[0]):
        out_row[k] = MAX_HASH
    for i in range(hv.shape[0]):
        # 32-bit MurmurHash3 finalizer; numba widens uint32 products, so truncate each
        h = np.uint32(hv[i])
        h = np.uint32(h ^ (h >> np.uint32(16)))
        h = np.uint32(h * np.uint32(0x85EBCA6B))
        h = np.uint32(h ^ (h >> np.uint32(13)))
        h = np.uint32(h * np.uint32(0xC2B2AE35))
        h = np.uint32(h ^ (h >> np.uint32(16)))
        for k in range(a.shape[0]):
            out_row[k] = min(out_row[k], np.uint32(a[k] * h + b[k]))


# --------------------------------------------------------------------------- public API
def fast_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Permutation parameters of the fast hash: odd ``a`` and any ``b``, uint32."""
    rng = np.random.Generator(np.random.PCG64(seed))
    a = (rng.integers(0, 1 << 31, num_perm, dtype=np.uint64) * 2 + 1).astype(np.uint32)
    b = rng.integers(0, 1 << 32, num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


def datasketch_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's ``affine32`` permutation parameters for ``MinHash(num_perm, seed)``.

    Reproduces ``MinHash._init_permutations`` (datasketch >= 2.0): a
    ``RandomState(seed)`` draws ``a = 2 * randint(0, 2**31) + 1`` then
    ``b = randint(0, 2**32)``, both uint32.
    """
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a.astype(np.uint32), b.astype(np.uint32)


def _utf8_buffers(texts: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """(bytes, offsets) of a string array, nulls read as empty strings."""
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks() if texts.num_chunks != 1 else texts.chunk(0)
    if texts.null_count:
        texts = texts.fill_null("")
    if pa.types.is_string(texts.type) or not pa.types.is_large_string(texts.type):
        texts = texts.cast(pa.large_string())
    n = len(texts)
    bufs = texts.buffers()
    offsets = np.frombuffer(bufs[1], dtype=np.int64, count=n + 1 + texts.offset)[texts.offset :]
    data = np.frombuffer(bufs[2], dtype=np.uint8) if bufs[2] is not None else np.zeros(0, np.uint8)
    return data, np.ascontiguousarray(offsets)


def token_modes(n: int, tokenizer: str, langs: pa.Array | pa.ChunkedArray | None = None) -> np.ndarray:
    """Per-document tokenizer: 0 words, 1 chars, -1 decide from the text (CJK majority).

    ``auto`` uses ``lang`` when given: ``zh``/``ja`` (any ``zh-*``/``ja-*``,
    ``cmn``, ``yue``, ``jpn``, ``zho``) get chars, other languages words,
    missing values are decided from the text.
    """
    if tokenizer == "words":
        return np.zeros(n, np.int8)
    if tokenizer == "chars":
        return np.ones(n, np.int8)
    modes = np.full(n, -1, np.int8)
    if langs is not None:
        vals = langs.to_pylist()
        for i, v in enumerate(vals):
            if v:
                base = str(v).lower().replace("_", "-").split("-")[0]
                modes[i] = 1 if base in ("zh", "ja", "cmn", "yue", "jpn", "zho", "wuu") else 0
    return modes


def signatures(
    texts: pa.Array | pa.ChunkedArray,
    modes: np.ndarray,
    ngram_size: int,
    a: np.ndarray,
    b: np.ndarray,
    hash_mode: str = "fast",
) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures of a batch: (uint32 [docs, num_perm], tokens per doc)."""
    data, offsets = _utf8_buffers(texts)
    n = len(offsets) - 1
    cls, lower = tables()
    out = np.empty((n, len(a)), np.uint32)
    ntok = np.zeros(n, np.int64)
    if n == 0:
        return out, ntok
    if hash_mode == "fast":
        _signatures_fast(data, offsets, modes.astype(np.int8), int(ngram_size), a, b, cls, lower, out, ntok)
        return out, ntok
    if hash_mode != "datasketch":
        raise ValueError(f"unknown hash mode {hash_mode!r}")
    cps, tok_off, doc_off = _tokens_codepoints(data, offsets, modes.astype(np.int8), cls, lower)
    resolved = _resolved_modes(data, offsets, modes, cls)
    for d in range(n):
        toks = _doc_tokens(cps, tok_off, doc_off[d], doc_off[d + 1])
        ntok[d] = len(toks)
        shingles = shingle_bytes(toks, ngram_size, resolved[d] == TOKENIZE_CHARS)
        hv = np.fromiter(
            (struct.unpack("<I", hashlib.sha1(s).digest()[:4])[0] for s in shingles),
            dtype=np.uint32,
            count=len(shingles),
        )
        _permute_min(hv, a, b, out[d])
    return out, ntok


def _resolved_modes(data, offsets, modes, cls) -> np.ndarray:
    res = modes.astype(np.int8).copy()
    for d in np.nonzero(res < 0)[0]:
        res[d] = 1 if _cjk_majority(data, offsets[d], offsets[d + 1], cls) else 0
    return res


def _doc_tokens(cps: np.ndarray, tok_off: np.ndarray, t0: int, t1: int) -> list[str]:
    if t1 <= t0:
        return []
    lo, hi = tok_off[t0], tok_off[t1]
    s = cps[lo:hi].astype("<u4").tobytes().decode("utf-32-le")
    bounds = tok_off[t0 : t1 + 1] - lo
    return [s[bounds[i] : bounds[i + 1]] for i in range(t1 - t0)]


def shingle_bytes(tokens: list[str], ngram_size: int, chars: bool) -> list[bytes]:
    """The shingles of a token list as UTF-8 bytes (the datasketch-mode input)."""
    if not tokens:
        return []
    sep = "" if chars else " "
    width = min(ngram_size, len(tokens))
    return [sep.join(tokens[i : i + width]).encode("utf-8") for i in range(len(tokens) - width + 1)]


def tokenize(texts: pa.Array | pa.ChunkedArray, modes: np.ndarray) -> list[list[str]]:
    """The tokens the kernel sees, per document (for tests and inspection)."""
    data, offsets = _utf8_buffers(texts)
    cls, lower = tables()
    cps, tok_off, doc_off = _tokens_codepoints(data, offsets, modes.astype(np.int8), cls, lower)
    return [_doc_tokens(cps, tok_off, doc_off[d], doc_off[d + 1]) for d in range(len(offsets) - 1)]


def band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """64-bit bucket key per (document, band): [docs, bands] int64.

    The key hashes the band index and its ``rows`` signature values, so one
    shuffle keyed by this single column groups equal bands of equal index
    (a 64-bit collision merges two buckets with probability ~2^-64 per pair).
    Callers drop documents without tokens (they have no shingles).
    Compiled, one pass over each signature row (``band_keys_numpy`` is the same
    hash in numpy, kept as its reference).
    """
    keys = np.empty((sig.shape[0], bands), np.uint64)
    if sig.shape[0]:
        _band_keys(np.ascontiguousarray(sig, np.uint32), bands, rows, keys)
    return keys.view(np.int64)


@numba.njit(cache=True, nogil=True)
def _band_keys(sig, bands, rows, keys):
    # Each key is a chain of dependent multiplies: four documents' chains are interleaved (the CPU
    # overlaps them), over blocks of 64 documents (their signature rows stay in cache for every
    # band; a band-major pass over the whole matrix re-read it from memory once per band).
    # 3-4x less CPU than one chain at a time, band-major; the same keys.
    n = sig.shape[0]
    for i0 in range(0, n, 64):
        i1 = min(n, i0 + 64)
        for band in range(bands):
            h0 = np.uint64(0x243F6A8885A308D3) ^ (np.uint64(band + 1) * _SHINGLE_MUL)
            lo = band * rows
            hi = lo + rows
            i = i0
            while i + 4 <= i1:
                h1 = h0
                h2 = h0
                h3 = h0
                h4 = h0
                for j in range(lo, hi):
                    h1 = _fmix64((h1 ^ np.uint64(sig[i, j])) * _FNV_PRIME)
                    h2 = _fmix64((h2 ^ np.uint64(sig[i + 1, j])) * _FNV_PRIME)
                    h3 = _fmix64((h3 ^ np.uint64(sig[i + 2, j])) * _FNV_PRIME)
                    h4 = _fmix64((h4 ^ np.uint64(sig[i + 3, j])) * _FNV_PRIME)
                keys[i, band] = h1
                keys[i + 1, band] = h2
                keys[i + 2, band] = h3
                keys[i + 3, band] = h4
                i += 4
            while i < i1:
                h = h0
                for j in range(lo, hi):
                    h = _fmix64((h ^ np.uint64(sig[i, j])) * _FNV_PRIME)
                keys[i, band] = h
                i += 1


def band_keys_numpy(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """:func:`band_keys` in numpy (column by column): the reference the compiled one equals."""
    n = sig.shape[0]
    keys = np.empty((n, bands), np.uint64)
    with np.errstate(over="ignore"):
        for band in range(bands):
            h = np.full(n, np.uint64(0x243F6A8885A308D3) ^ np.uint64(band + 1) * _SHINGLE_MUL, np.uint64)
            for j in range(band * rows, (band + 1) * rows):
                h = _np_fmix64((h ^ sig[:, j].astype(np.uint64)) * _FNV_PRIME)
            keys[:, band] = h
    return keys.view(np.int64)


def _np_fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(33))
    h = h * _M1
    h = h ^ (h >> np.uint64(33))
    h = h * _M2
    return h ^ (h >> np.uint64(33))


# --------------------------------------------------------------------------- connected components
@numba.njit(cache=True, nogil=True)
def _component_roots(a, b, n):
    """Union-find over ``n`` nodes and the edges ``a[i] - b[i]`` (node indices): the smallest
    node index of each node's component. A root is always linked under the smaller root and
    finds halve their paths, so ``parent[x] <= x`` holds throughout and the smallest index of a
    component stays its root; O(edges log nodes) at worst, no recursion."""
    parent = np.arange(n)
    for i in range(a.shape[0]):
        x = a[i]
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        y = b[i]
        while parent[y] != y:
            parent[y] = parent[parent[y]]
            y = parent[y]
        if x < y:
            parent[y] = x
        elif y < x:
            parent[x] = y
    for i in range(n):  # ascending: parent[i] <= i is final already, so one step resolves i
        parent[i] = parent[parent[i]]
    return parent


def component_roots(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """For node indices ``0..n-1`` and edges ``(a[i], b[i])``: the smallest node index of each
    node's connected component (int64)."""
    return _component_roots(np.ascontiguousarray(a, np.int64), np.ascontiguousarray(b, np.int64), int(n))


# --------------------------------------------------------------------------- keeper check (verify_keeper)
@numba.njit(cache=True, nogil=True)
def _unique_sets(xs, off, out, out_off):
    """Each member's shingles sorted and de-duplicated into ``out`` (offsets ``out_off``)."""
    k = 0
    out_off[0] = 0
    for i in range(off.shape[0] - 1):
        s = np.sort(xs[off[i] : off[i + 1]])
        for j in range(s.shape[0]):
            if j == 0 or s[j] != s[j - 1]:
                out[k] = s[j]
                k += 1
        out_off[i + 1] = k


@numba.njit(inline="always")
def _intersection(xs, a0, a1, b0, b1):
    """Size of the intersection of two sorted unique runs of ``xs``."""
    n = 0
    while a0 < a1 and b0 < b1:
        if xs[a0] == xs[b0]:
            n += 1
            a0 += 1
            b0 += 1
        elif xs[a0] < xs[b0]:
            a0 += 1
        else:
            b0 += 1
    return n


@numba.njit(cache=True, nogil=True)
def _peel(us, uoff, starts, ends, threshold, max_rounds, keeper, status, codes):
    """``_verify_keeper.peel`` of every cluster (members ``starts[c]:ends[c]``, in keep
    order), on the sorted unique shingle runs ``us[uoff[i]:uoff[i + 1]]``."""
    first_keeper, confirmed, reassigned, new_keeper, unresolved = codes
    n = keeper.shape[0]
    remaining = np.empty(n, np.int64)
    for c in range(starts.shape[0]):
        a, b = starts[c], ends[c]
        r = 0
        for i in range(a, b):
            remaining[a + r] = i
            r += 1
        rounds = 0
        while r >= 2 and rounds < max_rounds:
            k = remaining[a]
            la = uoff[k + 1] - uoff[k]
            failed = 0
            for j in range(1, r):
                m = remaining[a + j]
                lb = uoff[m + 1] - uoff[m]
                if la == 0 and lb == 0:
                    jac = 1.0
                else:
                    inter = _intersection(us, uoff[k], uoff[k + 1], uoff[m], uoff[m + 1])
                    jac = inter / (la + lb - inter)
                if jac >= threshold:
                    keeper[m] = k
                    status[m] = confirmed if rounds == 0 else reassigned
                else:
                    remaining[a + failed] = m  # compacted in place (failed <= j - 1)
                    failed += 1
            if failed < r - 1:
                keeper[k] = k
                status[k] = first_keeper if rounds == 0 else new_keeper
            r = failed
            rounds += 1
        if r >= 2:
            for j in range(r):
                status[remaining[a + j]] = unresolved


def peel_clusters(
    xs: np.ndarray,
    off: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    threshold: float,
    max_rounds: int,
    codes: tuple[int, ...],
    unique_code: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The keeper check of every cluster in one compiled pass (see ``_verify_keeper``):
    (member index of each member's keeper or -1, status code per member)."""
    n = len(off) - 1
    us = np.empty(max(len(xs), 1), np.uint32)
    uoff = np.zeros(n + 1, np.int64)
    if n:
        _unique_sets(xs, off.astype(np.int64), us, uoff)
    keeper = np.full(n, -1, np.int64)
    status = np.full(n, unique_code, np.int8)
    _peel(
        us,
        uoff,
        np.asarray(starts, np.int64),
        np.asarray(ends, np.int64),
        float(threshold),
        int(max_rounds),
        keeper,
        status,
        tuple(np.int8(c) for c in codes),
    )
    return keeper, status


# --------------------------------------------------------------------------- first compile
def precompile(
    hash: str = "fast",
    ngram_size: int = 5,
    num_perm: int = 128,
    seed: int = 1,
    verify_keeper: bool = True,
    device: str = "cpu",
) -> None:
    """Compile (or load from numba's cache) the kernels ``minhash_dedup`` calls with these
    parameters, through the functions and argument types the stage uses, on two documents
    (English and Chinese): ``corpusforge run`` does it in a low-priority process while the run
    starts, ``corpusforge warmup`` ahead of time (engine/kernel_compile.py). Also builds the
    code point tables' cache (:func:`tables`)."""
    texts = pa.array(
        ["one two three four five six seven eight nine ten", "今天天气很好我们一起去公园散步吧"],
        pa.string(),
    )
    modes = token_modes(len(texts), "auto", pa.array(["en", "zh"]))
    perms = datasketch_permutations if hash == "datasketch" else fast_permutations
    a, b = perms(num_perm, seed)
    sig, _ = signatures(texts, modes, ngram_size, a, b, hash)
    band_keys(sig, 2, max(1, num_perm // 2))
    band_keys(sig, 1, num_perm)
    component_roots(np.array([0], np.int64), np.array([1], np.int64), 2)
    if verify_keeper or device != "cpu":
        xs, off, _ = shingle_hashes(texts, modes, ngram_size)
        if verify_keeper:
            codes = (0, 1, 2, 3, 4)
            peel_clusters(xs, off, np.array([0], np.int64), np.array([2], np.int64), 0.5, 2, codes, 5)


# every cached kernel above compiles under its file lock: once per machine, never two processes
# writing one kernel's cache at once (engine/kernel_compile.py)
from engine.kernel_compile import guard_namespace  # noqa: E402

guard_namespace(globals())
