"""Lexicon files and a linear-time, boundary-aware lexicon matcher (used by ``content_filter``).

Lexicon layouts (one file, UTF-8, ``#`` comment lines and blank lines skipped):

* ``lines`` - one term per line: the layout of LDNOOBW ("List of Dirty, Naughty,
  Obscene, and Otherwise Bad Words", the list C4's bad-words rule used) and of
  most public word lists;
* ``csv`` - terms separated by commas (one or many lines), as some lists ship;
* ``tsv`` - ``term<TAB>category`` per line: one file holding several categories;
* ``auto`` (default) - per line: a tab means ``tsv``, a comma means ``csv``, else ``lines``.

Matching (:class:`LexiconMatcher`): every term and every text is normalised the
same way - (texts: UAX #15 stream-safe, a CGJ after 30 combining marks, which
keeps NFKC linear) NFKC (full-width letters and digits become ASCII: ``ＳＥＸ`` ->
``SEX``), Unicode case folding, whitespace runs collapsed to one space - and one
Aho-Corasick automaton (pyahocorasick, C) scans the whole batch joined by
newlines in one pass: time linear in the batch size plus the number of
candidate matches, whatever the lexicon size. Then, vectorized with numpy:

* a term with a CJK character (Han, kana) matches on **jieba word edges**
  (``cjk_words``, the default): Chinese and Japanese do not separate words by
  spaces, so the occurrence must start and end where jieba's precise-mode
  segmentation puts a word boundary - it may span several words (他妈的 =
  他妈 + 的) but not begin or end inside one. This is the CJK form of the
  Scunthorpe rule below: 性 does not fire in 重要性 / 性能 / 可能性, 乳 not in
  牛乳 / 乳业, 逼 not in 逼近, 奶 not in 奶粉, 刚度 not in 刚度系数's 刚 ... (the
  LDNOOBW Chinese list matched as substrings flags about a third of a
  People's Daily sample, almost all through such compounds). Data-Juicer's
  ``flagged_words_filter`` matches jieba words and joined word pairs, the same
  idea. ``cjk_words=False`` matches CJK terms as plain **substrings**;
* any other term matches only at **word boundaries**: the characters before and
  after the occurrence must not be word characters (letters or digits of a
  non-CJK script), so short English terms do not fire inside harmless words
  (the "Scunthorpe problem": ``ass`` in "class" or "assume", ``sex`` in
  "Sussex" or "Essex", ``cock`` in "cocktail", ``rapist`` in "therapist");
* an occurrence inside an occurrence of an **allow-list** term (a known
  harmless compound that contains a flagged term, mostly Chinese) is not a hit;
* an occurrence contained in a longer matched occurrence is counted once (the
  longer one): "two girls one cup" is one hit, not four.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import pyarrow as pa

from operators._text import PY_CJK_CHAR_CLASS

Layout = Literal["auto", "lines", "csv", "tsv"]


def normalize_term(text: str) -> str:
    """NFKC, case fold, whitespace runs as one space, trimmed (terms and texts alike)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def read_lexicon(
    path: str | Path, layout: Layout = "auto", category: str | None = None
) -> list[tuple[str, str]]:
    """(normalized term, category) pairs of one lexicon file, in file order, without duplicates.

    ``category`` names the category of ``lines``/``csv`` terms; ``tsv`` lines
    carry their own (a ``tsv`` line without one takes ``category``). A term
    without a category is an error naming the file and line.
    """
    out: dict[tuple[str, str], None] = {}
    with open(path, encoding="utf-8-sig") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            kind = layout
            if kind == "auto":
                kind = "tsv" if "\t" in line else "csv" if "," in line else "lines"
            if kind == "tsv":
                term, _, cat = line.partition("\t")
                pairs = [(term, cat.strip() or category)]
            elif kind == "csv":
                pairs = [(t, category) for t in line.split(",")]
            else:
                pairs = [(line, category)]
            for term, cat in pairs:
                term = normalize_term(term)
                if not term:
                    continue
                if not cat:
                    raise ValueError(
                        f"{path}:{lineno}: a term without a category (give the lexicon a category)"
                    )
                out[(term, cat)] = None
    return list(out)


def read_terms(path: str | Path) -> list[str]:
    """Normalized terms of a one-term-per-line (or comma-separated) file: the allow-list."""
    return sorted({t for t, _ in read_lexicon(path, "auto", category="allow")})


@lru_cache(maxsize=1)
def _word_char_table() -> np.ndarray:
    """``table[cp]``: the BMP code point is a letter or digit of a non-CJK script."""
    import re

    cjk = re.compile(f"[{PY_CJK_CHAR_CLASS}\u3000-\u303f\uac00-\ud7af]")
    table = np.zeros(0x10000, dtype=bool)
    for cp in range(0x10000):
        c = chr(cp)
        if c.isalnum() and not cjk.match(c):
            table[cp] = True
    return table


_CJK_TERM = None


def has_cjk(term: str) -> bool:
    global _CJK_TERM
    if _CJK_TERM is None:
        import re

        _CJK_TERM = re.compile(f"[{PY_CJK_CHAR_CLASS}]")
    return _CJK_TERM.search(term) is not None


@dataclass
class Hits:
    """Accepted occurrences of one batch: row index and term payload id per occurrence."""

    rows: np.ndarray  # int64
    pids: np.ndarray  # int64, index into LexiconMatcher.terms


class LexiconMatcher:
    """One Aho-Corasick automaton over the distinct normalized terms of all
    lexicons plus the allow-list. ``terms[pid]`` is a term and
    ``owners[pid]`` the lexicon indexes that list it."""

    def __init__(self, lexicons: list[list[str]], allow: Iterable[str] = (), cjk_words: bool = True) -> None:
        import ahocorasick

        self.cjk_words = cjk_words

        index: dict[str, int] = {}
        owners: list[list[int]] = []
        for li, terms in enumerate(lexicons):
            for t in terms:
                pid = index.setdefault(t, len(index))
                if pid == len(owners):
                    owners.append([])
                if li not in owners[pid]:
                    owners[pid].append(li)
        self.n_flagged_terms = len(index)
        for t in allow:
            if t not in index:
                index[t] = len(index)
                owners.append([])
        self.terms = list(index)
        self.owners = owners
        self.allow = np.array([not o for o in owners], dtype=bool)
        self.lengths = np.array([len(t) for t in self.terms], dtype=np.int64)
        self.cjk = np.array([has_cjk(t) for t in self.terms], dtype=bool)
        # pid -> owning lexicons, flattened (for counting per lexicon without a Python loop)
        self.owner_counts = np.array([len(o) for o in owners], dtype=np.int64)
        self.owner_flat = np.array([li for o in owners for li in o], dtype=np.int64)
        self.owner_start = (
            np.concatenate([[0], np.cumsum(self.owner_counts)[:-1]]) if owners else np.zeros(0, np.int64)
        )
        self.n_lexicons = len(lexicons)
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for pid, t in enumerate(self.terms):
            self.automaton.add_word(t, pid)
        self.empty = not self.terms
        if not self.empty:
            self.automaton.make_automaton()
        self.word_chars = _word_char_table()

    def hits(self, texts: list[str | None]) -> Hits:
        """Accepted occurrences in a batch (one automaton pass over the joined batch)."""
        # UAX #15 stream-safe first: NFKC's canonical reordering is quadratic in a run of combining marks
        from operators.text.normalize import stream_safe

        safe = stream_safe(pa.array(texts, pa.string())).to_pylist() if texts else []
        norm = [normalize_term(t) if t else "" for t in safe]
        if self.empty or not norm:
            return Hits(np.zeros(0, np.int64), np.zeros(0, np.int64))
        big = "\n".join(norm)  # a newline never survives normalize_term: a boundary between rows
        found = list(self.automaton.iter(big))
        if not found:
            return Hits(np.zeros(0, np.int64), np.zeros(0, np.int64))
        arr = np.array(found, dtype=np.int64)
        ends, pids = arr[:, 0], arr[:, 1]
        starts = ends - self.lengths[pids] + 1
        cps = np.frombuffer(big.encode("utf-32-le"), dtype=np.uint32)
        word = np.zeros(len(cps) + 2, dtype=bool)  # padded: index 0 = before the text, -1 = after
        bmp = cps < 0x10000
        word[1:-1][bmp] = self.word_chars[cps[bmp]]
        bounded = ~word[starts] & ~word[ends + 2]  # char before start (starts-1+1) and after end (ends+1+1)
        offsets = np.cumsum([0] + [len(s) + 1 for s in norm])
        cjk = self.cjk[pids]
        if self.cjk_words:
            flagged_cjk = cjk & ~self.allow[pids]
            if flagged_cjk.any():
                cjk = cjk & (~flagged_cjk | _on_word_edges(big, cps, starts, ends, flagged_cjk))
        ok = cjk | (~self.cjk[pids] & bounded)
        starts, ends, pids = starts[ok], ends[ok], pids[ok]
        is_allow = self.allow[pids]
        # sort by start ascending, then longer first, allow entries before flagged ones at equal spans
        order = np.lexsort((~is_allow, -ends, starts))
        starts, ends, pids, is_allow = starts[order], ends[order], pids[order], is_allow[order]
        # an occurrence inside an earlier-starting (or equal-start, longer) interval:
        prev_allow_end = _exclusive_prefix_max(np.where(is_allow, ends, -1))
        prev_flag_end = _exclusive_prefix_max(np.where(is_allow, -1, ends))
        inside_allow = prev_allow_end >= ends
        inside_flag = prev_flag_end >= ends
        keep = ~is_allow & ~inside_allow & ~inside_flag
        starts, pids = starts[keep], pids[keep]
        rows = np.searchsorted(offsets, starts, side="right") - 1
        return Hits(rows.astype(np.int64), pids)

    def counts_per_lexicon(self, hits: Hits, n_rows: int) -> np.ndarray:
        """``counts[row, lexicon]``: accepted occurrences of each lexicon's terms in each row."""
        out = np.zeros((n_rows, max(self.n_lexicons, 1)), dtype=np.int64)
        if len(hits.pids) == 0:
            return out[:, : self.n_lexicons]
        reps = self.owner_counts[hits.pids]
        rows = np.repeat(hits.rows, reps)
        starts = np.repeat(self.owner_start[hits.pids], reps)
        within = np.arange(len(rows)) - np.repeat(np.cumsum(reps) - reps, reps)
        lex = self.owner_flat[starts + within]
        np.add.at(out, (rows, lex), 1)
        return out[:, : self.n_lexicons]


def _exclusive_prefix_max(values: np.ndarray) -> np.ndarray:
    """``out[i] = max(values[:i])`` (-1 for i = 0)."""
    if len(values) == 0:
        return values
    inclusive = np.maximum.accumulate(values)
    return np.concatenate([[-1], inclusive[:-1]])


def _on_word_edges(
    big: str, cps: np.ndarray, starts: np.ndarray, ends: np.ndarray, which: np.ndarray
) -> np.ndarray:
    """For the occurrences ``which`` selects: does each start and end on a jieba word boundary?

    jieba (precise mode, ``operators/text/segment.py``) segments each run of "block" characters
    (Han, ASCII letters and digits, ``+#&._%-``) on its own and emits every other character as
    a token of its own, so a position next to a non-block character is always a boundary, and
    the boundaries inside a run depend on that run only. Only the runs holding an occurrence's
    first or last character are segmented (runs here are cut at non-alphanumeric characters,
    a superset of jieba's blocks, which gives the same tokens): linear time, and ordinary
    Chinese text is cut into short clauses by its punctuation. The answer for the other
    occurrences is True.
    """
    from operators.text.segment import cut_zh

    out = np.ones(len(starts), dtype=bool)
    idx = np.flatnonzero(which)
    block = np.ones(len(cps), dtype=bool)  # outside the BMP: treated as block (a superset is safe)
    bmp = cps < 0x10000
    block[bmp] = _block_char_table()[cps[bmp]]
    s, e = starts[idx], ends[idx]
    # runs of block characters: [run_start[k], run_end[k])
    edge = np.flatnonzero(np.diff(np.concatenate([[False], block, [False]]).astype(np.int8)))
    run_start, run_end = edge[0::2], edge[1::2]
    runs = np.unique(
        np.concatenate([np.searchsorted(run_start, pos[block[pos]], side="right") - 1 for pos in (s, e)])
    )
    if not len(runs):
        return out
    token_ends: list[int] = []
    for a, b in zip(run_start[runs].tolist(), run_end[runs].tolist()):
        for t in cut_zh(big[a:b]):
            a += len(t)
            token_ends.append(a)
    sorted_edges = np.sort(np.concatenate([run_start[runs], np.asarray(token_ends, dtype=run_start.dtype)]))
    start_ok = ~block[s] | _member(sorted_edges, s)
    end_ok = ~block[e] | _member(sorted_edges, e + 1)
    out[idx] = start_ok & end_ok
    return out


@lru_cache(maxsize=1)
def _block_char_table() -> np.ndarray:
    """``table[cp]``: the BMP character may be inside a jieba block (letters, digits, ``+#&._%-``)."""
    table = np.zeros(0x10000, dtype=bool)
    for cp in range(0x10000):
        c = chr(cp)
        table[cp] = c.isalnum() or c in "+#&._%-"
    return table


def _member(sorted_values: np.ndarray, x: np.ndarray) -> np.ndarray:
    pos = np.minimum(np.searchsorted(sorted_values, x), len(sorted_values) - 1)
    return sorted_values[pos] == x
