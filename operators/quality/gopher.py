"""Gopher quality and repetition filters (Rae et al. 2021, "Scaling Language
Models: Methods, Analysis & Insights from Training Gopher", Appendix A.1.1
"Quality filtering" and A.1.2 / Table A1 "Repetition removal").

Both are language-aware: the row's ``lang`` column (written by
``language_id``, ISO 639-1) or else the ``language`` parameter selects the
word segmenter (``operators/text/segment.py``), the stop-word list
(``operators/text/stopwords.py``) and per-language threshold overrides
(``per_language``). The published thresholds were fitted on English
MassiveText; for Chinese and Japanese, whose words are segmented and much
shorter, the overrides below keep the *intent* of each rule. See
``docs/quality_filters.md`` for the per-language table and its reasoning.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ConfigDict, Field

from engine.columns import put_column
from engine.operator import Decision, Filter, FilterParams, OpParams, Signal
from operators.quality._kernels import (
    SPACE_TABLE,
    char_table,
    gopher_lines_kernel,
    line_para_dups_kernel,
    ngram_fractions_kernel,
    symbol_counts_kernel,
    token_stats_kernel,
    utf8_column,
)
from operators.quality.common import (
    ALL_STOP,
    TokenBatch,
    as_float,
    base_code,
    first_failing,
    resolve_thresholds,
    row_families,
    row_languages,
    tokenize_batch,
)
from operators.text.segment import CJK_FAMILIES
from operators.text.stopwords import STOP_WORDS

# ==========================================================================
# gopher_quality
# ==========================================================================
_GQ_FIELDS = [
    "min_doc_words",
    "max_doc_words",
    "min_avg_word_length",
    "max_avg_word_length",
    "max_symbol_word_ratio",
    "max_bullet_lines_ratio",
    "max_ellipsis_lines_ratio",
    "min_alpha_words_ratio",
    "min_stop_words",
]


class GopherQualityOverride(BaseModel):
    """Thresholds that differ for one language; unset fields use the operator's value."""

    model_config = ConfigDict(extra="forbid")

    min_doc_words: int | None = None
    max_doc_words: int | None = None
    min_avg_word_length: float | None = None
    max_avg_word_length: float | None = None
    max_symbol_word_ratio: float | None = None
    max_bullet_lines_ratio: float | None = None
    max_ellipsis_lines_ratio: float | None = None
    min_alpha_words_ratio: float | None = None
    min_stop_words: int | None = None


def _default_gq_overrides() -> dict[str, GopherQualityOverride]:
    # jieba words of Chinese news average ~1.7 characters (most words are 1-2
    # Han characters, idioms 4); mean length outside [1, 4] means unsegmentable
    # strings (long alphanumeric runs, URLs) or single-symbol noise. Chinese
    # punctuation is a separate token every ~6 words and full-width digits are
    # frequent in news, so the share of tokens with a letter sits at 0.75-0.9
    # on clean text: 0.6 keeps the rule's purpose (remove numeric/symbol
    # tables) without removing news. Japanese script runs are longer (kanji +
    # okurigana), hence [1, 6].
    return {
        "zh": GopherQualityOverride(
            min_avg_word_length=1.0, max_avg_word_length=4.0, min_alpha_words_ratio=0.6
        ),
        "ja": GopherQualityOverride(
            min_avg_word_length=1.0, max_avg_word_length=6.0, min_alpha_words_ratio=0.6
        ),
        "ko": GopherQualityOverride(min_avg_word_length=1.5, max_avg_word_length=8.0),
    }


class GopherQualityParams(FilterParams):
    language: str = Field("en", description="language of rows without a `lang` column value (ISO 639-1)")
    min_doc_words: int | None = Field(50, ge=0, description="remove documents with fewer non-symbol words")
    max_doc_words: int | None = Field(
        100_000, ge=1, description="remove documents with more non-symbol words"
    )
    min_avg_word_length: float | None = Field(3, ge=0, description="minimum mean word length (characters)")
    max_avg_word_length: float | None = Field(10, ge=0, description="maximum mean word length (characters)")
    max_symbol_word_ratio: float | None = Field(
        0.1, ge=0, description="maximum ratio of '#' and of ellipses ('...', '…') to words"
    )
    max_bullet_lines_ratio: float | None = Field(
        0.9, ge=0, le=1, description="maximum fraction of lines starting with a bullet"
    )
    max_ellipsis_lines_ratio: float | None = Field(
        0.3, ge=0, le=1, description="maximum fraction of lines ending with an ellipsis"
    )
    min_alpha_words_ratio: float | None = Field(
        0.8, ge=0, le=1, description="minimum fraction of words containing an alphabetic character"
    )
    min_stop_words: int | None = Field(2, ge=0, description="minimum number of distinct stop words present")
    stop_words: list[str] | None = Field(
        None,
        description="stop-word list for every language (default: per-language lists, Gopher's for English)",
    )
    bullet_chars: str = Field("•-‣◦●▪■◆◇○·*►→★☆※", description="characters that start a bullet line")
    per_language: dict[str, GopherQualityOverride] = Field(
        default_factory=_default_gq_overrides,
        description="threshold overrides keyed by ISO 639-1 code (zh, ja, ko by default)",
    )


class GopherQuality(Filter):
    """Removes documents failing the Gopher quality heuristics (Rae et al. 2021, App. A.1.1).

    Rules, in the published order (the first failing one is the reason):

    1. ``gopher_short_doc`` / ``gopher_long_doc``: fewer than 50 or more than
       100,000 words (words that are not pure punctuation).
    2. ``gopher_mean_word_length_low`` / ``_high``: mean word length outside
       [3, 10] characters.
    3. ``gopher_hash_ratio`` / ``gopher_ellipsis_ratio``: more than 0.1 ``#``
       symbols, or ellipses (``...``/``…``), per word.
    4. ``gopher_bullet_lines``: more than 90% of lines start with a bullet.
    5. ``gopher_ellipsis_lines``: more than 30% of lines end with an ellipsis.
    6. ``gopher_alpha_words``: fewer than 80% of words contain an alphabetic
       character.
    7. ``gopher_stop_words``: fewer than 2 of the language's stop words
       (English: the, be, to, of, and, that, have, with).

    Words are the tokens of ``operators/text/segment.py`` (spaCy conventions for
    space-delimited languages, as in datatrove; jieba for Chinese): word
    counts and mean length use non-punctuation tokens, the symbol and alpha
    ratios use all tokens, as datatrove does. Per-language thresholds
    (``per_language``): zh mean word length [1, 4], alpha ratio 0.6; ja [1, 6],
    0.6; ko [1.5, 8]. The stop-word rule is skipped for languages without a
    list (signal null). Any threshold set to null disables its rule.

    Signal columns: ``gopher_word_count``, ``gopher_mean_word_length``,
    ``gopher_hash_ratio``, ``gopher_ellipsis_ratio``,
    ``gopher_bullet_lines_ratio``, ``gopher_ellipsis_lines_ratio``,
    ``gopher_alpha_words_ratio``, ``gopher_stop_words``.
    """

    name: ClassVar[str] = "gopher_quality"
    Params: ClassVar[type[OpParams]] = GopherQualityParams
    signals: ClassVar[dict[str, Signal]] = {
        "gopher_word_count": Signal(
            "words that are not pure punctuation", ("min_doc_words", "max_doc_words")
        ),
        "gopher_mean_word_length": Signal(
            "mean length of those words (characters)", ("min_avg_word_length", "max_avg_word_length")
        ),
        "gopher_hash_ratio": Signal("'#' characters per token", ("max_symbol_word_ratio",)),
        "gopher_ellipsis_ratio": Signal("ellipses ('...', '…') per token", ("max_symbol_word_ratio",)),
        "gopher_bullet_lines_ratio": Signal(
            "fraction of lines starting with a bullet", ("max_bullet_lines_ratio",)
        ),
        "gopher_ellipsis_lines_ratio": Signal(
            "fraction of lines ending with an ellipsis", ("max_ellipsis_lines_ratio",)
        ),
        "gopher_alpha_words_ratio": Signal(
            "fraction of tokens containing an alphabetic character", ("min_alpha_words_ratio",)
        ),
        "gopher_stop_words": Signal(
            "distinct stop words of the document's language present (null: no list)", ("min_stop_words",)
        ),
    }
    card_topics: ClassVar[frozenset[str]] = frozenset({"heuristic_filters"})
    profile_default: ClassVar[bool] = True

    def __init__(self, params: GopherQualityParams | None = None, **kwargs) -> None:
        super().__init__(params, **kwargs)
        p: GopherQualityParams = self.params
        self._bullets = char_table(p.bullet_chars)
        self._custom_stops = frozenset(p.stop_words) if p.stop_words is not None else None

    def _stop_list(self, lang: str, family: str) -> frozenset[str] | None:
        if self._custom_stops is not None:
            return self._custom_stops
        if family in ("zh", "ja", "ko"):
            return frozenset(STOP_WORDS[family])
        base = base_code(lang)
        return frozenset(STOP_WORDS[base]) if base in STOP_WORDS else None

    def score(self, table: pa.Table) -> pa.Table:
        p: GopherQualityParams = self.params
        texts = table.column("text")
        langs = row_languages(table, p.language)
        fams = row_families(langs)
        n = table.num_rows
        docs = [t or "" for t in texts.to_pylist()]
        tb = tokenize_batch(docs, fams)
        lists: dict[tuple[str, str], int] = {}
        masks: list[np.ndarray] = []
        row_list = np.empty(n, np.int64)
        for i, key in enumerate(zip(langs, fams)):
            j = lists.get(key)
            if j is None:
                sl = self._stop_list(*key)
                j = lists[key] = -1 if sl is None else len(masks)
                if sl is not None:
                    masks.append(np.fromiter((w in sl for w in ALL_STOP), bool, count=len(ALL_STOP)))
            row_list[i] = j
        list_stops = np.stack(masks) if masks else np.zeros((1, len(ALL_STOP)), bool)
        stats = np.zeros((n, 5), np.int64)
        token_stats_kernel(
            tb.offsets, tb.length, tb.nonsym, tb.alpha, tb.stop, row_list, list_stops, len(ALL_STOP), stats
        )
        tokens, word_count, chars, alpha = stats[:, 0], stats[:, 1], stats[:, 2], stats[:, 3]
        stops = pa.array(stats[:, 4], pa.int64(), mask=row_list < 0)
        bullet = np.zeros(n, np.float64)
        ell_lines = np.zeros(n, np.float64)
        data, offsets = utf8_column(texts)
        gopher_lines_kernel(data, offsets, SPACE_TABLE, self._bullets, bullet, ell_lines)
        symbols = np.zeros((n, 2), np.int64)
        symbol_counts_kernel(data, offsets, symbols)
        hashes, ellipses = symbols[:, 0], symbols[:, 1]
        with np.errstate(divide="ignore", invalid="ignore"):
            mean_len = np.where(word_count > 0, chars / np.maximum(word_count, 1), 0.0)
            hash_ratio = np.where(
                tokens > 0, hashes / np.maximum(tokens, 1), np.where(hashes > 0, np.inf, 0.0)
            )
            ell_ratio = np.where(
                tokens > 0, ellipses / np.maximum(tokens, 1), np.where(ellipses > 0, np.inf, 0.0)
            )
            alpha_ratio = np.where(tokens > 0, alpha / np.maximum(tokens, 1), 0.0)
        table = put_column(table, "gopher_word_count", pa.array(word_count))
        table = put_column(table, "gopher_mean_word_length", as_float(mean_len))
        table = put_column(table, "gopher_hash_ratio", as_float(hash_ratio))
        table = put_column(table, "gopher_ellipsis_ratio", as_float(ell_ratio))
        table = put_column(table, "gopher_bullet_lines_ratio", as_float(bullet))
        table = put_column(table, "gopher_ellipsis_lines_ratio", as_float(ell_lines))
        table = put_column(table, "gopher_alpha_words_ratio", as_float(alpha_ratio))
        return put_column(table, "gopher_stop_words", stops)

    def decide(self, scored: pa.Table) -> Decision:
        p: GopherQualityParams = self.params
        langs = row_languages(scored, p.language)
        th = resolve_thresholds(p, p.per_language, langs, _GQ_FIELDS)
        col = lambda name: _np(scored.column(name)).astype(np.float64)  # noqa: E731
        words_ = col("gopher_word_count")
        mean_len = col("gopher_mean_word_length")
        stops = scored.column("gopher_stop_words").to_numpy(zero_copy_only=False)
        stops = np.asarray(stops, dtype=np.float64)  # null -> NaN: rule skipped
        with np.errstate(invalid="ignore"):
            checks = [
                (words_ < th["min_doc_words"], "gopher_short_doc"),
                (words_ > th["max_doc_words"], "gopher_long_doc"),
                (mean_len < th["min_avg_word_length"], "gopher_mean_word_length_low"),
                (mean_len > th["max_avg_word_length"], "gopher_mean_word_length_high"),
                (col("gopher_hash_ratio") > th["max_symbol_word_ratio"], "gopher_hash_ratio"),
                (col("gopher_ellipsis_ratio") > th["max_symbol_word_ratio"], "gopher_ellipsis_ratio"),
                (col("gopher_bullet_lines_ratio") > th["max_bullet_lines_ratio"], "gopher_bullet_lines"),
                (
                    col("gopher_ellipsis_lines_ratio") > th["max_ellipsis_lines_ratio"],
                    "gopher_ellipsis_lines",
                ),
                (col("gopher_alpha_words_ratio") < th["min_alpha_words_ratio"], "gopher_alpha_words"),
                (stops < th["min_stop_words"], "gopher_stop_words"),
            ]
        keep, reasons = first_failing(scored.num_rows, checks)
        return Decision(keep=keep, reasons=reasons)


def _np(arr) -> np.ndarray:
    return np.asarray(arr.to_numpy(zero_copy_only=False))


# ==========================================================================
# gopher_repetition
# ==========================================================================
_TOP_DEFAULT = {2: 0.20, 3: 0.18, 4: 0.16}
_DUP_DEFAULT = {5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.10}
_GR_FIELDS = ["dup_line_frac", "dup_para_frac", "dup_line_char_frac", "dup_para_char_frac"]


class GopherRepetitionOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dup_line_frac: float | None = None
    dup_para_frac: float | None = None
    dup_line_char_frac: float | None = None
    dup_para_char_frac: float | None = None
    top_n_grams: dict[int, float] | None = None
    dup_n_grams: dict[int, float] | None = None


class GopherRepetitionParams(FilterParams):
    language: str = Field("en", description="language of rows without a `lang` column value (ISO 639-1)")
    dup_line_frac: float | None = Field(
        0.30, ge=0, le=1, description="max fraction of lines that are duplicates"
    )
    dup_para_frac: float | None = Field(
        0.30, ge=0, le=1, description="max fraction of paragraphs that are duplicates"
    )
    dup_line_char_frac: float | None = Field(
        0.20, ge=0, le=1, description="max fraction of characters in duplicate lines"
    )
    dup_para_char_frac: float | None = Field(
        0.20, ge=0, le=1, description="max fraction of characters in duplicate paragraphs"
    )
    top_n_grams: dict[int, float] = Field(
        default_factory=lambda: dict(_TOP_DEFAULT),
        description="n -> max fraction of characters in the most frequent word n-gram",
    )
    dup_n_grams: dict[int, float] = Field(
        default_factory=lambda: dict(_DUP_DEFAULT),
        description="n -> max fraction of characters in duplicated word n-grams",
    )
    per_language: dict[str, GopherRepetitionOverride] = Field(
        default_factory=dict, description="threshold overrides keyed by ISO 639-1 code"
    )


def _splitmix64(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        z = x.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


class GopherRepetition(Filter):
    """Removes documents with repeated lines, paragraphs or n-grams (Rae et al. 2021, App. A.1.2, Table A1).

    Rules, in order (the first failing one is the reason):

    * ``gopher_dup_para_frac`` (> 0.30 of paragraphs are duplicates),
      ``gopher_dup_para_char_frac`` (> 0.20 of characters in duplicate
      paragraphs), ``gopher_dup_line_frac`` (> 0.30), ``gopher_dup_line_char_frac``
      (> 0.20). Paragraphs are separated by blank lines, lines by newlines;
      a duplicate is an element equal to an earlier one.
    * ``gopher_top_{n}_gram`` for n = 2, 3, 4: the most frequent word n-gram
      covers more than 0.20 / 0.18 / 0.16 of the characters.
    * ``gopher_dup_{n}_gram`` for n = 5..10: duplicated word n-grams cover more
      than 0.15 / 0.14 / 0.13 / 0.12 / 0.11 / 0.10 of the characters (scanning
      left to right; an occurrence of an n-gram seen before counts its
      characters and the scan jumps past it, so overlapping repeats are not
      counted twice).
    * ``gopher_empty``: empty document.

    Fractions are of the document's characters. Words come from
    ``operators/text/segment.py`` (jieba for Chinese); an n-gram's characters are
    its words' characters plus one space between words in space-delimited
    languages (none for Chinese/Japanese). The thresholds are character-based,
    so they carry over to Chinese unchanged (overridable in ``per_language``).
    N-grams are compared by 64-bit hashes, counted per document by a
    compiled linear-time kernel (``operators/quality/_kernels.py``).

    Signal columns: ``gopher_dup_para_frac``, ``gopher_dup_para_char_frac``,
    ``gopher_dup_line_frac``, ``gopher_dup_line_char_frac``,
    ``gopher_top_{n}_gram_frac``, ``gopher_dup_{n}_gram_frac``.
    """

    name: ClassVar[str] = "gopher_repetition"
    Params: ClassVar[type[OpParams]] = GopherRepetitionParams
    signals: ClassVar[dict[str, Signal]] = {
        "gopher_dup_para_frac": Signal(
            "fraction of paragraphs that repeat an earlier one", ("dup_para_frac",)
        ),
        "gopher_dup_para_char_frac": Signal(
            "fraction of characters in repeated paragraphs", ("dup_para_char_frac",)
        ),
        "gopher_dup_line_frac": Signal("fraction of lines that repeat an earlier one", ("dup_line_frac",)),
        "gopher_dup_line_char_frac": Signal(
            "fraction of characters in repeated lines", ("dup_line_char_frac",)
        ),
        "gopher_top_{n}_gram_frac": Signal(
            "fraction of characters in the most frequent word n-gram (n=2,3,4)", ("top_n_grams[{n}]",)
        ),
        "gopher_dup_{n}_gram_frac": Signal(
            "fraction of characters in duplicated word n-grams (n=5..10)", ("dup_n_grams[{n}]",)
        ),
    }
    card_topics: ClassVar[frozenset[str]] = frozenset({"heuristic_filters"})
    profile_default: ClassVar[bool] = True

    def _ns(self) -> tuple[list[int], list[int]]:
        p: GopherRepetitionParams = self.params
        tops = set(p.top_n_grams)
        dups = set(p.dup_n_grams)
        for ov in p.per_language.values():
            tops |= set(ov.top_n_grams or {})
            dups |= set(ov.dup_n_grams or {})
        return sorted(tops), sorted(dups)

    def score(self, table: pa.Table) -> pa.Table:
        p: GopherRepetitionParams = self.params
        texts = table.column("text").to_pylist()
        langs = row_languages(table, p.language)
        fams = row_families(langs)
        n = table.num_rows
        para_f = np.zeros(n)
        para_c = np.zeros(n)
        line_f = np.zeros(n)
        line_c = np.zeros(n)
        n_chars = np.zeros(n, np.int64)
        texts = [t or "" for t in texts]
        if n:
            data, offsets = utf8_column(table.column("text"))
            line_para_dups_kernel(data, offsets, SPACE_TABLE, para_f, para_c, line_f, line_c, n_chars)
        tb = tokenize_batch(texts, fams)
        sep = np.array([0 if f in CJK_FAMILIES else 1 for f in fams], dtype=np.int64)
        top_ns, dup_ns = self._ns()
        top, dup = _ngram_fractions(tb, n_chars, sep, top_ns, dup_ns)
        table = put_column(table, "gopher_dup_para_frac", as_float(para_f))
        table = put_column(table, "gopher_dup_para_char_frac", as_float(para_c))
        table = put_column(table, "gopher_dup_line_frac", as_float(line_f))
        table = put_column(table, "gopher_dup_line_char_frac", as_float(line_c))
        for k in top_ns:
            table = put_column(table, f"gopher_top_{k}_gram_frac", as_float(top[k]))
        for k in dup_ns:
            table = put_column(table, f"gopher_dup_{k}_gram_frac", as_float(dup[k]))
        return table

    def decide(self, scored: pa.Table) -> Decision:
        p: GopherRepetitionParams = self.params
        langs = row_languages(scored, p.language)
        th = resolve_thresholds(p, p.per_language, langs, _GR_FIELDS)
        col = lambda name: _np(scored.column(name)).astype(np.float64)  # noqa: E731
        texts = scored.column("text")
        empty = _np(pc.utf8_length(texts).fill_null(0)) == 0
        top_ns, dup_ns = self._ns()

        def ngram_th(kind: str, k: int) -> np.ndarray:
            base = getattr(p, kind).get(k)
            arr = np.full(len(langs), np.nan if base is None else base)
            for code, ov in p.per_language.items():
                table_ = getattr(ov, kind)
                if table_ is not None and k in table_:
                    arr[np.array([base_code(x) == code for x in langs], dtype=bool)] = table_[k]
            return arr

        with np.errstate(invalid="ignore"):
            checks = [
                (empty, "gopher_empty"),
                (col("gopher_dup_para_frac") > th["dup_para_frac"], "gopher_dup_para_frac"),
                (col("gopher_dup_para_char_frac") > th["dup_para_char_frac"], "gopher_dup_para_char_frac"),
                (col("gopher_dup_line_frac") > th["dup_line_frac"], "gopher_dup_line_frac"),
                (col("gopher_dup_line_char_frac") > th["dup_line_char_frac"], "gopher_dup_line_char_frac"),
            ]
            for k in top_ns:
                checks.append(
                    (col(f"gopher_top_{k}_gram_frac") > ngram_th("top_n_grams", k), f"gopher_top_{k}_gram")
                )
            for k in dup_ns:
                checks.append(
                    (col(f"gopher_dup_{k}_gram_frac") > ngram_th("dup_n_grams", k), f"gopher_dup_{k}_gram")
                )
        keep, reasons = first_failing(scored.num_rows, checks)
        return Decision(keep=keep, reasons=reasons)


def _ngram_fractions(
    tb: TokenBatch,
    n_chars: np.ndarray,
    sep: np.ndarray,
    top_ns: list[int],
    dup_ns: list[int],
) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray]]:
    """Top-n-gram and duplicated-n-gram character fractions for every document of a batch.

    Token id -> random 64-bit value (splitmix64); the compiled kernel
    (``operators/quality/_kernels.py``) hashes the windows of each document
    and counts them in a per-document hash table: linear time, no sort."""
    n_docs = len(tb.offsets) - 1
    top_arr = np.zeros((len(top_ns), n_docs))
    dup_arr = np.zeros((len(dup_ns), n_docs))
    if int(tb.offsets[-1]) > 0 and (top_ns or dup_ns):
        r = _splitmix64(np.arange(int(tb.ids.max()) + 1, dtype=np.uint64))[tb.ids]
        ngram_fractions_kernel(
            r,
            np.ascontiguousarray(tb.length, np.int64),
            np.ascontiguousarray(tb.offsets, np.int64),
            np.ascontiguousarray(sep, np.int64),
            np.ascontiguousarray(n_chars, np.int64),
            np.asarray(top_ns, np.int64),
            np.asarray(dup_ns, np.int64),
            max(top_ns + dup_ns),
            top_arr,
            dup_arr,
        )
    return {k: top_arr[j] for j, k in enumerate(top_ns)}, {k: dup_arr[j] for j, k in enumerate(dup_ns)}
