"""Helpers shared by the heuristic quality filters (Gopher, C4, FineWeb):
per-row language resolution, per-language threshold overrides, cached
per-token statistics and first-failing-rule decisions."""

from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass
from itertools import chain, repeat
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel

from engine.operator import Decision
from operators.quality._kernels import SPACE_TABLE, gather_runs_kernel, split_whitespace_kernel, utf8_column
from operators.text.segment import (
    MEMO_MAX_CHARS,
    Family,
    cached_json,
    chunk_tokens_many,
    cut_zh,
    family_of,
    spacy_rules,
    words_ja,
)
from operators.text.stopwords import STOP_WORDS


def _build_punctuation() -> frozenset[str]:
    """Unicode punctuation (categories P*), ASCII/fullwidth math and currency
    signs that act as punctuation in web text, and control characters."""
    chars = set("$+^=|~<>`´►━∶％～＄＋＝＜＞｜＾＿")
    for cp in range(0x110000 if sys.maxunicode > 0xFFFF else 0x10000):
        c = chr(cp)
        cat = unicodedata.category(c)
        if cat[0] == "P" or (cat == "Cc" and not c.isspace()):
            chars.add(c)
    return frozenset(chars)


def _punctuation() -> frozenset[str]:
    """:func:`_build_punctuation` (a pass over every code point, ~0.3 CPU-s per process),
    cached on disk per Unicode version (:func:`operators.text.segment.cached_json`)."""
    name = f"punctuation-unicode-{unicodedata.unidata_version}-max{sys.maxunicode:x}"
    return frozenset(cached_json(name, lambda: "".join(sorted(_build_punctuation()))))


PUNCTUATION = _punctuation()


def is_symbol_token(tok: str) -> bool:
    """True when every character of ``tok`` is punctuation (see :data:`PUNCTUATION`)."""
    p = PUNCTUATION
    for c in tok:
        if c not in p:
            return False
    return True


def row_languages(table: pa.Table, default: str) -> list[str]:
    """Language code per row: the ``lang`` column where present and non-null, else ``default``."""
    n = table.num_rows
    if "lang" not in table.column_names:
        return [default] * n
    return [v if v else default for v in table.column("lang").to_pylist()]


def base_code(lang: str) -> str:
    return lang.strip().lower().replace("_", "-").split("-", 1)[0]


def row_families(langs: list[str]) -> list[Family]:
    cache: dict[str, Family] = {}
    out = []
    for lang in langs:
        fam = cache.get(lang)
        if fam is None:
            fam = cache[lang] = family_of(lang)
        out.append(fam)
    return out


def resolve_thresholds(
    params: BaseModel, overrides: dict[str, BaseModel], langs: list[str], fields: list[str]
) -> dict[str, np.ndarray]:
    """Per-row threshold arrays: ``params.<field>`` unless ``overrides[base language]`` sets it.

    ``None`` (rule disabled) becomes NaN in float arrays."""
    n = len(langs)
    out: dict[str, np.ndarray] = {}
    bases = [base_code(x) for x in langs]
    for f in fields:
        base_val = getattr(params, f)
        arr = np.full(n, np.nan if base_val is None else float(base_val), dtype=np.float64)
        for code, ov in overrides.items():
            if f not in ov.model_fields_set:
                continue
            val = getattr(ov, f)
            mask = np.fromiter((b == code for b in bases), dtype=bool, count=n)
            if mask.any():
                arr[mask] = np.nan if val is None else float(val)
        out[f] = arr
    return out


def first_failing(n: int, checks: list[tuple[np.ndarray, str]]) -> tuple[np.ndarray, list[str | None]]:
    """Keep mask and reason per row; the reason is the first failing rule in ``checks`` order
    (:meth:`engine.operator.Decision.first_failing`, as a pair)."""
    decision = Decision.first_failing(n, checks)
    return decision.keep, decision.reasons


# --------------------------------------------------------------------------
# batch tokenization: token ids + per-token properties, vectorized over a batch
# --------------------------------------------------------------------------
ALL_STOP: tuple[str, ...] = tuple(dict.fromkeys(w for ws in STOP_WORDS.values() for w in ws))
_STOP_ID = {w: i for i, w in enumerate(ALL_STOP)}
_STOP_GET = _STOP_ID.get
_PUNCT_SUPERSET = PUNCTUATION.issuperset  # is_symbol_token(tok) == PUNCTUATION.issuperset(tok)


class _Ids(dict):
    """token -> id; a missing token gets the next id (:meth:`_Vocab.token_id`, inlined:
    it runs once per new token of every batch), so ``map(ids.__getitem__, tokens)``
    maps known tokens without a Python call. A new token's properties are computed
    later, for all new tokens of a call together (:meth:`_Vocab._flush`)."""

    __slots__ = ("vocab",)

    def __missing__(self, tok: str) -> int:
        i = self[tok] = len(self)  # ids are 0, 1, ...: the number of tokens before this one
        self.vocab.pending.append(tok)
        return i


class _Vocab:
    """Process-wide token vocabulary with cached properties (reset when large).

    Ids are only meaningful within one :func:`tokenize_batch` call. The properties
    (length, not pure punctuation, has a letter, stop-word index, whitespace) are
    kept in arrays that grow by doubling; tokens added since the last read are
    pending until :meth:`arrays` (or :meth:`space_array`) computes theirs in bulk
    (``map`` over the new tokens in C, a Python step only for tokens that are not
    letters only), so a new token costs a dictionary insertion and an append, and
    reading the arrays costs the new tokens, not the whole vocabulary."""

    MAX = 2_000_000

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.generation = getattr(self, "generation", -1) + 1  # token ids of earlier batches are void
        self.ids: _Ids = _Ids()
        self.ids.vocab = self
        self.pending: list[str] = []  # tokens with an id and no properties yet, in id order
        self.strings: list[str] = []  # id -> token, for the tokens with properties
        self._n = 0  # tokens with properties
        self._props = (
            np.zeros(0, np.int64),  # length
            np.zeros(0, bool),  # nonsym: not pure punctuation (is_symbol_token)
            np.zeros(0, bool),  # alpha: holds a letter
            np.zeros(0, np.int64),  # stop: index into ALL_STOP or -1
            np.zeros(0, bool),  # space: str.isspace (whitespace tokens of segmented text are dropped)
        )
        # the chunk memo: chunk -> k, its token ids being flat[span_start[k]:span_start[k] + span_len[k]]
        # (flat and the spans grow by doubling; a chunk longer than MEMO_MAX_CHARS is not memoized: its
        # span and ids lie past the kept ones and last until the next call, see :meth:`spans`)
        self.chunk_index: dict[str, int] = {}
        self._flat = np.zeros(0, np.int64)
        self._span_start = np.zeros(0, np.int64)
        self._span_len = np.zeros(0, np.int64)
        self._flat_kept = self._flat_used = 0
        self._spans_kept = self._spans_used = 0

    def __len__(self) -> int:
        """Tokens with an id."""
        return len(self.ids)

    def token_id(self, tok: str) -> int:
        """The id of ``tok``, a new one (with its properties recorded) if unseen."""
        return self.ids[tok]

    def spans(self, chunks: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(flat, starts, lens): chunk i's token ids are ``flat[starts[i]:starts[i] + lens[i]]``.

        Chunks not seen before are tokenized together in :meth:`_add`; the look-ups and
        the bookkeeping are ``map`` calls over the chunks in C, no Python step per chunk
        (a cold batch has ~10^5 distinct chunks). ``flat`` is valid until the next call."""
        n = len(chunks)
        self._flat_used, self._spans_used = self._flat_kept, self._spans_kept  # drop the last call's unkept
        ks = np.fromiter(map(self.chunk_index.get, chunks, repeat(-1, n)), np.int64, count=n)
        miss = np.flatnonzero(ks < 0)
        if len(miss):
            ks[miss] = self._add(list(map(chunks.__getitem__, miss.tolist())))
        return self._flat[: self._flat_used], self._span_start[ks], self._span_len[ks]

    def _add(self, chunks: list[str]) -> np.ndarray:
        """Tokenize chunks not in the memo, give their tokens ids, record their spans; their k's.

        A chunk of letters only or digits only that no tokenizer exception names is its one
        token (the rule of :func:`operators.text.segment.chunk_tokens_many`, applied here to
        all chunks at once with ``map``); the others are tokenized together by
        ``chunk_tokens_many``. Token ids are given in the chunks' order, each chunk's tokens in
        order (the order the per-chunk loop gave them). Chunks up to ``MEMO_MAX_CHARS`` are
        memoized; the ids and spans of longer ones are placed after them and dropped by the
        next call."""
        m = len(chunks)
        single = np.fromiter(map(str.isalpha, chunks), bool, count=m)
        single |= np.fromiter(map(str.isdigit, chunks), bool, count=m)
        single &= ~np.fromiter(map(spacy_rules().specials.__contains__, chunks), bool, count=m)
        toks: list = list(zip(chunks))  # 1-tuples: a single-token chunk's tokens
        others = np.flatnonzero(~single).tolist()
        if others:
            for i, t in zip(others, chunk_tokens_many([chunks[i] for i in others], remember=False)):
                toks[i] = t
        lens = np.fromiter(map(len, toks), np.int64, count=m)
        total = int(lens.sum())
        ids = np.fromiter(map(self.ids.__getitem__, chain.from_iterable(toks)), np.int64, count=total)
        starts = np.zeros(m, np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        kept = np.fromiter(map(len, chunks), np.int64, count=m) <= MEMO_MAX_CHARS
        n_kept = int(kept.sum())
        if n_kept != m:  # the memoized chunks' ids first, the others' after them
            order = np.concatenate((np.flatnonzero(kept), np.flatnonzero(~kept)))
            moved = np.empty(total, np.int64)
            gather_runs_kernel(ids, starts[order], lens[order], moved)
            ids, lens = moved, lens[order]
            starts = np.zeros(m, np.int64)
            np.cumsum(lens[:-1], out=starts[1:])
        else:
            order = None
        f0, k0 = self._flat_used, self._spans_used
        self._flat = _fit(self._flat, f0, f0 + total)
        self._span_start = _fit(self._span_start, k0, k0 + m)
        self._span_len = _fit(self._span_len, k0, k0 + m)
        self._flat[f0 : f0 + total] = ids
        self._span_start[k0 : k0 + m] = starts + f0
        self._span_len[k0 : k0 + m] = lens
        ks = np.arange(k0, k0 + m, dtype=np.int64)
        if order is None:
            self.chunk_index.update(zip(chunks, ks.tolist()))
            self._flat_kept = self._flat_used = f0 + total
            self._spans_kept = self._spans_used = k0 + m
            return ks
        self.chunk_index.update(zip(map(chunks.__getitem__, order[:n_kept].tolist()), ks[:n_kept].tolist()))
        self._flat_kept = f0 + int(lens[:n_kept].sum())
        self._spans_kept = k0 + n_kept
        self._flat_used, self._spans_used = f0 + total, k0 + m
        out = np.empty(m, np.int64)
        out[order] = ks
        return out

    def chunk_ids_many(self, chunks: list[str]) -> list[tuple[int, ...]]:
        """Token ids of each chunk (:meth:`spans`, as tuples)."""
        flat, starts, lens = self.spans(chunks)
        return [tuple(flat[a : a + k].tolist()) for a, k in zip(starts.tolist(), lens.tolist())]

    def arrays(self):
        """(length, nonsym, alpha, stop) per token id, as arrays."""
        return self._arrays()[:4]

    def space_array(self) -> np.ndarray:
        """``str.isspace`` per token id."""
        return self._arrays()[4]

    def _arrays(self):
        if self.pending:
            self._flush()
        n = self._n
        return tuple(a[:n] for a in self._props)

    def _flush(self) -> None:
        """The properties of the pending tokens, appended to the arrays (the same values as
        computing them token by token: letters only means no punctuation character, since
        PUNCTUATION holds no letter)."""
        pend = self.pending
        k = len(pend)
        n = self._n
        if n + k > len(self._props[0]):
            cap = max(1024, 2 * (n + k))
            grown = []
            for a in self._props:
                b = np.zeros(cap, a.dtype)
                b[:n] = a[:n]
                grown.append(b)
            self._props = tuple(grown)
        length, nonsym, alpha, stop, space = self._props
        length[n : n + k] = np.fromiter(map(len, pend), np.int64, count=k)
        letters = np.fromiter(map(str.isalpha, pend), bool, count=k)
        nonsym[n : n + k] = letters
        alpha[n : n + k] = letters
        for j in np.flatnonzero(~letters).tolist():
            tok = pend[j]
            nonsym[n + j] = not _PUNCT_SUPERSET(tok)  # is_symbol_token
            alpha[n + j] = any(map(str.isalpha, tok))
        stop[n : n + k] = np.fromiter(map(_STOP_GET, pend, repeat(-1, k)), np.int64, count=k)
        space[n : n + k] = np.fromiter(map(str.isspace, pend), bool, count=k)
        self._n = n + k
        self.strings.extend(pend)
        pend.clear()

    def known_tokens(self, chunk: str) -> tuple[str, ...] | None:
        """The tokens of a chunk this vocabulary memoized (:meth:`spans`), None if it did not."""
        k = self.chunk_index.get(chunk)
        if k is None:
            return None
        if self.pending:
            self._flush()
        a = int(self._span_start[k])
        return tuple(map(self.strings.__getitem__, self._flat[a : a + int(self._span_len[k])].tolist()))


def _fit(a: np.ndarray, used: int, need: int) -> np.ndarray:
    """``a`` (its first ``used`` entries kept) with room for ``need`` entries, grown by doubling."""
    if need <= len(a):
        return a
    b = np.zeros(max(1024, 2 * need), a.dtype)
    b[:used] = a[:used]
    return b


VOCAB = _Vocab()


@dataclass
class TokenBatch:
    """Tokens of a batch of documents, flattened: ``ids[offsets[i]:offsets[i+1]]`` are row i's."""

    ids: np.ndarray  # int64 token ids (valid within this batch)
    offsets: np.ndarray  # int64, n_rows + 1
    length: np.ndarray  # characters per token
    nonsym: np.ndarray  # token is not pure punctuation
    alpha: np.ndarray  # token contains an alphabetic character
    stop: np.ndarray  # index into ALL_STOP or -1

    @property
    def row_of(self) -> np.ndarray:
        n = len(self.offsets) - 1
        return np.repeat(np.arange(n, dtype=np.int64), np.diff(self.offsets))


class _SharedTokens:
    """The last batches' token ids, for the next rule filter in the same worker.

    Consecutive rule filters run fused in one task on the same block (the
    engine's fused ``map_batches`` chain), each on the rows the previous one
    kept, and ``c4_quality`` may rewrite some texts. Reuse is therefore per
    row and keyed to the exact text: a dict ``(family, text) -> row`` per held
    batch (string equality is checked on every hit, so a rewritten or
    different text is always re-tokenized). The last batch is held, and the
    one before it only while the two together stay within 1.25x the larger
    one's size: the engine's first call in a worker processes one document
    alone and then the rest (engine/deadline.py's rate probe), and the next
    filter makes the same two calls, so both must be found. Memory therefore
    stays bounded by ~1.25 blocks of token ids (8 bytes per token; the texts
    are referenced, not copied); a vocabulary reset voids the entries (ids
    change).

    ``derived``: the token ids of texts that ``c4_quality`` rewrote, taken
    from their originals' entries (:func:`share_rewritten`), for the next
    filter; held for the last two rewriting calls (the rate probe's and the
    rest's), so at most the rewritten rows of ~1.25 blocks, apart from
    ``entries`` (a rewriting call's few rows must not push a block out)."""

    SLACK = 1.25

    def __init__(self) -> None:
        self.enabled = True  # False: every call tokenizes afresh (memory/speed comparisons)
        self.entries: list[tuple[dict[tuple[str, str], int], np.ndarray, np.ndarray]] = []
        self.derived: list[tuple[dict[tuple[str, str], int], np.ndarray, np.ndarray]] = []
        self.held = self.entries  # entries, then derived: what find searches (k indexes it)
        self.generation = -1
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        self.entries = []
        self.derived = []
        self.held = self.entries

    def find(self, key: tuple[str, str]) -> tuple[int, int] | None:
        """(k, row) of ``key`` in the most recent entry that holds it, ``self.held[k]``
        (a derived entry only where no block entry holds it)."""
        held = self.held
        for k in range(len(held) - 1, -1, -1):
            r = held[k][0].get(key)
            if r is not None:
                return k, r
        return None

    def derive(self, rows: dict[tuple[str, str], int], ids: np.ndarray, offsets: np.ndarray) -> None:
        """Hold a derived entry (:func:`share_rewritten`), and the previous one."""
        self.derived = self.derived[-1:] + [(rows, ids, offsets)]
        self.held = self.derived + self.entries

    def store(self, rows: dict[tuple[str, str], int], ids: np.ndarray, offsets: np.ndarray) -> None:
        def size(e) -> int:
            return max(len(e[1]), len(e[0]))

        new = (rows, ids, offsets)
        kept = [new]
        if self.entries:
            last = self.entries[-1]
            if size(last) + size(new) <= self.SLACK * max(size(last), size(new)):
                kept = [last, new]
        self.entries = kept
        self.held = self.derived + kept if self.derived else kept
        self.generation = VOCAB.generation


SHARED = _SharedTokens()


def tokenize_batch(texts: list[str], families: list[Family], share: bool = True) -> TokenBatch:
    """Tokens of every document of a batch, computed once per document text.

    Rows whose exact text (and family) a recent call saw reuse its tokens
    (:class:`_SharedTokens`); the others are tokenized by
    :func:`_tokenize_rows`. ``share=False``: this call's tokens are not kept
    for the next filter (a call on a subset of the batch, which must not
    push the whole batch's tokens out)."""
    if len(VOCAB) > _Vocab.MAX or len(VOCAB.chunk_index) > _Vocab.MAX:
        VOCAB.reset()
    n = len(texts)
    if SHARED.generation != VOCAB.generation:
        SHARED.clear()
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    miss = list(range(n))
    if SHARED.enabled and SHARED.entries:
        miss = []
        found: dict[int, tuple[list[int], list[int]]] = {}
        find = SHARED.find
        for i in range(n):
            hit = find((families[i], texts[i]))
            if hit is None:
                miss.append(i)
            else:
                rows, at = found.setdefault(hit[0], ([], []))
                rows.append(i)
                at.append(hit[1])
        for k, (rows, at) in found.items():
            _, e_ids, e_offsets = SHARED.held[k]
            r = np.asarray(at, np.int64)
            parts.append((np.asarray(rows, np.int64), e_ids, e_offsets[r], e_offsets[r + 1]))
    SHARED.hits += n - len(miss)
    SHARED.misses += len(miss)
    if miss:
        m_ids, m_offsets = _tokenize_rows([texts[i] for i in miss], [families[i] for i in miss])
        parts.append((np.asarray(miss, np.int64), m_ids, m_offsets[:-1], m_offsets[1:]))
    ids, offsets = _assemble(n, parts)
    length, nonsym, alpha, stop = VOCAB.arrays()
    tb = TokenBatch(
        ids=ids, offsets=offsets, length=length[ids], nonsym=nonsym[ids], alpha=alpha[ids], stop=stop[ids]
    )
    if SHARED.enabled and share:
        SHARED.store({(families[i], texts[i]): i for i in range(n)}, ids, offsets)
    return tb


def share_rewritten(families: list[Family], originals: list[str], rewritten: list[str]) -> int:
    """Hold the token ids of Chinese texts that ``c4_quality`` rewrote by deleting lines, for
    the next filter (``fineweb_quality`` tokenizes every text it gets), taken from the
    originals' held tokens instead of segmenting the texts again. Returns the number of
    texts held.

    jieba (rjieba) segments each maximal run of Han characters, ASCII letters, digits and
    ``+#&._%-`` on its own and emits every other character as a token of its own, so no
    token crosses whitespace and a line's tokens do not depend on the lines around it:
    the tokens of ``"\\n".join(kept lines)`` are those of the kept lines in the original.
    Per pair: the original's tokens (an entry of :data:`SHARED`: the filters before C4
    tokenized it) are cut at its line ends (``str.splitlines``) by their character lengths
    (the tokens kept, whitespace dropped, tile the non-whitespace characters: checked, and
    each line end must fall between two tokens), then each line of the rewritten text
    (stripped: whitespace only splits tokens) is matched to the next original line with
    the same stripped content (equal lines have equal tokens, whichever is matched). A
    pair whose original is not held, or a rewritten line that matches no later original
    line (a citation mark deleted inside a line, which may join two runs) is left out:
    the next filter segments it. Linear: every line of both texts is stripped and
    compared at most once."""
    if not SHARED.enabled or SHARED.generation != VOCAB.generation or not SHARED.entries:
        return 0
    entries = SHARED.entries
    news: list[str] = []
    lines: list[list[str]] = []
    spans: list[np.ndarray] = []  # the originals' tokens, as slices of their entries
    seen: set[str] = set()
    for fam, orig, new in zip(families, originals, rewritten):
        if fam != "zh" or new in seen:
            continue
        for k in range(len(entries) - 1, -1, -1):
            r = entries[k][0].get((fam, orig))
            if r is not None:
                e_ids, e_offsets = entries[k][1], entries[k][2]
                split = orig.splitlines()
                if split:
                    seen.add(new)
                    news.append(new)
                    lines.append(split)
                    spans.append(e_ids[e_offsets[r] : e_offsets[r + 1]])
                break
    if not news:
        return 0
    m = len(news)
    ids = np.concatenate(spans).astype(np.int64, copy=False)
    tok_at = np.zeros(m + 1, np.int64)  # text d's tokens: ids[tok_at[d]:tok_at[d + 1]]
    np.cumsum(np.fromiter(map(len, spans), np.int64, count=m), out=tok_at[1:])
    ends = np.zeros(len(ids) + 1, np.int64)  # characters before each token, over all texts
    np.cumsum(VOCAB.arrays()[0][ids], out=ends[1:])
    n_lines = np.fromiter(map(len, lines), np.int64, count=m)
    line_at = np.zeros(m + 1, np.int64)  # text d's lines: line_at[d]:line_at[d + 1]
    np.cumsum(n_lines, out=line_at[1:])
    flat = list(chain.from_iterable(lines))
    nonspace = np.fromiter(map(len, map("".join, map(str.split, flat))), np.int64, count=len(flat))
    line_ends = np.cumsum(nonspace)
    # text d's line ends, counted from its first token's start: every one must be a token end
    before = np.concatenate(([0], line_ends))[line_at[:-1]]
    line_ends += np.repeat(ends[tok_at[:-1]] - before, n_lines)
    cut = np.minimum(np.searchsorted(ends, line_ends), len(ends) - 1)
    bad = ends[cut] != line_ends
    # the tokens tile the non-whitespace characters, and no token crosses a line end
    ok = (ends[tok_at[1:]] == line_ends[line_at[1:] - 1]) & ~np.logical_or.reduceat(bad, line_at[:-1])
    keys: dict[tuple[str, str], int] = {}
    starts: list[int] = []
    counts: list[int] = []
    cut_l = cut.tolist()
    line_l = line_at.tolist()
    row_counts: list[int] = []
    for d in np.flatnonzero(ok).tolist():
        orig_lines = lines[d]
        base = line_l[d]
        first = tok_at[d]
        j = 0
        mm = len(orig_lines)
        got = 0
        sel: list[tuple[int, int]] = []
        for line in news[d].splitlines():
            line = line.strip()
            if not line:
                continue
            while j < mm and orig_lines[j].strip() != line:
                j += 1
            if j == mm:
                sel = None
                break
            lo = cut_l[base + j - 1] if j else int(first)
            hi = cut_l[base + j]
            sel.append((lo, hi - lo))
            got += hi - lo
            j += 1
        if sel is None:
            continue  # a line changed inside: segmented again by the next filter
        keys[("zh", news[d])] = len(row_counts)
        row_counts.append(got)
        for lo, c in sel:
            starts.append(lo)
            counts.append(c)
    if not keys:
        return 0
    offsets = np.zeros(len(row_counts) + 1, np.int64)
    np.cumsum(np.asarray(row_counts, np.int64), out=offsets[1:])
    out = np.empty(int(offsets[-1]), np.int64)
    if len(out):
        gather_runs_kernel(ids, np.asarray(starts, np.int64), np.asarray(counts, np.int64), out)
    SHARED.derive(keys, out, offsets)
    return len(keys)


def _assemble(n: int, parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]):
    """(ids, offsets) of ``n`` rows from ``parts``: (rows, flat ids, starts, ends), row
    ``rows[j]``'s tokens being ``flat[starts[j]:ends[j]]``; every row in exactly one part.
    One gather, no loop over rows."""
    if len(parts) == 1:
        rows, flat, st, en = parts[0]
        if len(rows) == n and np.array_equal(rows, np.arange(n)) and np.array_equal(st[1:], en[:-1]):
            offsets = np.zeros(n + 1, np.int64)
            offsets[1:] = en - (st[0] if n else 0)
            return np.ascontiguousarray(flat[(st[0] if n else 0) : (en[-1] if n else 0)], np.int64), offsets
    starts = np.zeros(n, np.int64)
    counts = np.zeros(n, np.int64)
    pieces = []
    base = 0
    for rows, flat, st, en in parts:
        starts[rows] = base + st
        counts[rows] = en - st
        pieces.append(flat)
        base += len(flat)
    offsets = np.zeros(n + 1, np.int64)
    np.cumsum(counts, out=offsets[1:])
    total = int(offsets[-1])
    if not total:
        return np.zeros(0, np.int64), offsets
    flat = np.concatenate(pieces)
    out = np.empty(total, np.int64)
    gather_runs_kernel(np.ascontiguousarray(flat, np.int64), starts, counts, out)
    return out, offsets


def _whitespace_chunks(column: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """(chunks per row, the chunks of all rows in order as one string array): the non-empty
    chunks of ``pyarrow.compute.utf8_split_whitespace``, flattened (null rows have none). Arrow's
    split also yields empty strings (at leading and trailing whitespace, ``["", "", ""]`` for
    two spaces): an empty chunk has no tokens, so the rows' tokens are the same without them.

    One pass of :func:`split_whitespace_kernel` over the column's bytes, copying each chunk's
    bytes once, instead of Arrow's split into a list array (~12 ns per byte: 0.15 CPU-s of the
    12.5 MB of en_docs) and its flattening."""
    data, offsets = utf8_column(column)
    n = len(offsets) - 1
    sizes = np.diff(offsets)
    counts = np.zeros(n, np.int64)
    chunk_offsets = np.empty(int(((sizes + 1) // 2).sum()) + 1, np.int64)
    chunk_data = np.empty(int(sizes.sum()), np.uint8)
    k, nbytes = split_whitespace_kernel(data, offsets, SPACE_TABLE, counts, chunk_offsets, chunk_data)
    flat = pa.LargeStringArray.from_buffers(
        int(k), pa.py_buffer(chunk_offsets[: int(k) + 1]), pa.py_buffer(chunk_data[: int(nbytes)])
    )
    return counts, flat


def _tokenize_rows(texts: list[str], families: list[Family]) -> tuple[np.ndarray, np.ndarray]:
    """(token ids, offsets per document): space-delimited rows via their whitespace
    chunks (each distinct chunk of the batch is tokenized once, memoized across
    batches), CJK rows via their segmenter."""
    n = len(texts)
    parts = []
    default_rows = [i for i, f in enumerate(families) if f not in ("zh", "ja")]
    if default_rows:
        chunk_counts, flat = _whitespace_chunks(pa.array([texts[i] for i in default_rows], pa.large_string()))
        rows = np.asarray(default_rows, np.int64)
        if len(flat):
            enc = pc.dictionary_encode(flat)
            uniq = enc.dictionary.to_pylist()
            occ = np.asarray(enc.indices.to_numpy(zero_copy_only=False), np.int64)
            u_flat, u_start, u_len = VOCAB.spans(uniq)
            occ_len = u_len[occ]
            total = int(occ_len.sum())
            occ_out = np.zeros(len(occ) + 1, np.int64)
            np.cumsum(occ_len, out=occ_out[1:])
            toks_flat = np.empty(total, np.int64)
            gather_runs_kernel(u_flat, u_start[occ], occ_len, toks_flat)
            # tokens per default row
            tok_row_end = occ_out[np.cumsum(chunk_counts)]
            tok_row_start = np.concatenate(([0], tok_row_end[:-1]))
            parts.append((rows, toks_flat, tok_row_start, tok_row_end))
        else:
            zero = np.zeros(len(rows), np.int64)
            parts.append((rows, np.zeros(0, np.int64), zero, zero))
    zh_rows = [i for i, f in enumerate(families) if f == "zh"]
    if zh_rows:
        index = np.asarray(zh_rows, np.int64)
        for rows, flat, st, en in _zh_parts([texts[i] for i in zh_rows]):
            parts.append((index[rows], flat, st, en))
    ja_rows = [i for i, f in enumerate(families) if f == "ja"]
    if ja_rows:
        la = pa.array([words_ja(texts[i]) for i in ja_rows], pa.list_(pa.large_string()))
        offsets = np.asarray(la.offsets.to_numpy(zero_copy_only=False), np.int64)
        flat, spans = _segmented_ids(la.values, np.stack([offsets[:-1], offsets[1:]], axis=1), None)
        parts.append((np.asarray(ja_rows, np.int64), flat, spans[:, 0], spans[:, 1]))
    return _assemble(n, parts)


_DOC_SEP = "\x00"
# characters segmented per call: the rjieba path's Python token strings (~60 bytes each, ~1.5
# characters per token) live until they are mapped, so a group holds ~40 MB of them whatever
# the block size; the compiled path holds ~12 bytes per character (code points, token starts)
_GROUP_CHARS = 1 << 20
#: "numba": :mod:`operators.text.jieba_numba` (the default); "rjieba": one rjieba call per group
#: (the previous path, kept as the reference: ``scripts/compare_zh_segmenter.py``); the
#: environment variable ``CORPUSFORGE_ZH_SEGMENTER`` sets it for a run's workers
ZH_SEGMENTER = os.environ.get("CORPUSFORGE_ZH_SEGMENTER", "numba")


class _ZhIds:
    """The compiled token table of the Chinese path (:class:`operators.text.jieba_numba.TokenIds`),
    cleared when :data:`VOCAB` is reset (its ids change)."""

    def __init__(self) -> None:
        self.table = None
        self.generation = -1

    def get(self):
        if self.table is None:
            from operators.text.jieba_numba import TokenIds

            self.table = TokenIds()
        if self.generation != VOCAB.generation:
            self.table.clear()
            self.generation = VOCAB.generation
        return self.table


_ZH_IDS = _ZhIds()


def _zh_parts(texts: list[str]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Token ids of Chinese documents, :func:`operators.text.segment.words_zh` of each, as
    parts (rows, flat ids, starts, ends) for :func:`_assemble`.

    Consecutive documents (~1M characters) are segmented in one call of the compiled segmenter
    (:mod:`operators.text.jieba_numba`: jieba's algorithm as rjieba computes it, over the
    documents' code points, each document on its own), and its tokens are mapped to ids by a
    compiled table keyed by their code points: a Python string is made only for a token that
    table has not seen since the vocabulary's last reset. Whitespace tokens are dropped by id."""
    if ZH_SEGMENTER == "rjieba":
        return _zh_parts_rjieba(texts)
    parts = []
    group: list[int] = []
    size = 0
    for k, t in enumerate(texts):
        group.append(k)
        size += len(t)
        if size >= _GROUP_CHARS:
            parts.append(_zh_group(texts, group))
            group, size = [], 0
    if group:
        parts.append(_zh_group(texts, group))
    return parts


def _zh_group(texts: list[str], group: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The part of ``texts[k]`` for ``k`` in ``group``: one call of the compiled segmenter over
    the documents' code points (document boundaries passed as offsets, so a NUL inside a
    document is an ordinary character), the tokens' ids from the compiled table."""
    from operators.text.jieba_numba import code_points, segment

    joined = "".join([texts[k] for k in group])
    doc_offsets = np.zeros(len(group) + 1, np.int64)
    np.cumsum(
        np.fromiter(map(len, map(texts.__getitem__, group)), np.int64, count=len(group)), out=doc_offsets[1:]
    )
    cps = code_points(joined)
    starts, tok_offsets = segment(cps, doc_offsets)
    ids = _ZH_IDS.get().ids(joined, cps, starts, VOCAB.ids)
    keep = ~VOCAB.space_array()[ids]
    cum = np.zeros(len(keep) + 1, np.int64)
    np.cumsum(keep, out=cum[1:])
    return np.asarray(group, np.int64), ids[keep], cum[tok_offsets[:-1]], cum[tok_offsets[1:]]


def _zh_parts_rjieba(texts: list[str]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """:func:`_zh_parts` by rjieba (the previous path, the reference of the compiled one).

    jieba's algorithm segments each maximal run of Han characters, Latin
    letters, digits and ``+#&._%-`` on its own and emits every other
    character as a token of its own, so consecutive documents are segmented
    as one text joined by NUL (one rjieba call per ~1M characters instead of
    one per document: the per-call cost dominates short reviews) and cut at
    the NUL tokens. Documents that contain a NUL themselves are segmented
    alone."""
    parts = []
    group: list[int] = []
    size = 0
    for k, t in enumerate(texts):
        if _DOC_SEP in t:
            continue
        group.append(k)
        size += len(t) + 1
        if size >= _GROUP_CHARS:
            parts.append(_zh_group_rjieba(texts, group))
            group, size = [], 0
    if group:
        parts.append(_zh_group_rjieba(texts, group))
    alone = [k for k, t in enumerate(texts) if _DOC_SEP in t]
    if alone:
        la = pa.array([cut_zh(texts[k]) for k in alone], pa.list_(pa.large_string()))
        offsets = np.asarray(la.offsets.to_numpy(zero_copy_only=False), np.int64)
        spans = np.stack([offsets[:-1], offsets[1:]], axis=1)
        flat, spans = _segmented_ids(la.values, spans, np.zeros(len(la.values), bool))
        parts.append((np.asarray(alone, np.int64), flat, spans[:, 0], spans[:, 1]))
    return parts


def _zh_group_rjieba(
    texts: list[str], group: list[int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The part of ``texts[k]`` for ``k`` in ``group`` (none holds a NUL), one rjieba call.

    The tokens are mapped to ids straight from rjieba's list (one dict look-up per token,
    in C through ``map``; each string's hash is computed once, as building an Arrow array
    and dictionary-encoding it did, without copying ~1M strings into Arrow first); the
    NUL separators and whitespace tokens (``str.isspace``, kept per id by the vocabulary)
    are dropped by id."""
    toks = cut_zh(_DOC_SEP.join(texts[k] for k in group))
    ids = np.fromiter(map(VOCAB.ids.__getitem__, toks), np.int64, count=len(toks))
    del toks
    sep_id = VOCAB.ids[_DOC_SEP]
    is_sep = ids == sep_id
    seps = np.flatnonzero(is_sep)
    if len(seps) != len(group) - 1:  # cannot happen (see _zh_parts_rjieba); never trust a misaligned cut
        raise RuntimeError("Chinese segmentation: document separators not segmented alone")
    starts = np.concatenate(([0], seps + 1))
    ends = np.concatenate((seps, [len(ids)]))
    keep = ~(VOCAB.space_array()[ids] | is_sep)
    cum = np.zeros(len(keep) + 1, np.int64)
    np.cumsum(keep, out=cum[1:])
    return np.asarray(group, np.int64), ids[keep], cum[starts], cum[ends]


def _segmented_ids(
    flat: pa.Array, spans: np.ndarray, drop: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Token ids of segmented documents, mapped in bulk: (ids, spans into ids).

    ``flat``: the tokens of all documents, document k's being
    ``flat[spans[k, 0]:spans[k, 1]]``. The tokens are dictionary-encoded, so
    only the batch's distinct tokens pass through the vocabulary in Python
    (one lookup per distinct token instead of one per token: a batch of
    Chinese reviews has ~50 tokens per distinct token). ``drop`` (None: keep
    every token): tokens to leave out besides the whitespace tokens
    (``str.isspace``), which are dropped as
    :func:`operators.text.segment.words_zh` drops them."""
    if not len(flat):
        return np.zeros(0, np.int64), np.zeros((len(spans), 2), np.int64)
    enc = pc.dictionary_encode(flat)
    uniq = enc.dictionary.to_pylist()
    u_ids = np.fromiter(map(VOCAB.ids.__getitem__, uniq), np.int64, count=len(uniq))
    occ = np.asarray(enc.indices.to_numpy(zero_copy_only=False), np.int64)
    ids = u_ids[occ]
    if drop is not None:
        keep = ~(np.fromiter(map(str.isspace, uniq), bool, count=len(uniq))[occ] | drop)
        ids = ids[keep]
        cum = np.zeros(len(keep) + 1, np.int64)
        np.cumsum(keep, out=cum[1:])
        spans = cum[spans]
    return ids, spans


def as_float(values: Any) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.float64))
