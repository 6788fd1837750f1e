"""FineWeb custom quality filters (Penedo et al. 2024, "The FineWeb Datasets:
Decanting the Web for the Finest Text Data at Scale", Section 3.4 / Appendix),
with datatrove's ``FineWebQualityFilter`` defaults."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field

from engine.columns import put_column
from engine.operator import Decision, Filter, FilterParams, OpParams, Signal
from operators.quality._kernels import SPACE_TABLE, char_table, fineweb_lines_kernel, utf8_column
from operators.quality.common import (
    as_float,
    first_failing,
    resolve_thresholds,
    row_families,
    row_languages,
    tokenize_batch,
)
from operators.text.segment import CJK_FAMILIES, SENTENCE_FINAL

_CLOSERS = "”’」』）》〉】\"')]"
_CLOSER_TABLE = char_table(_CLOSERS)


class FineWebOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")

    line_punct_thr: float | None = None
    short_line_thr: float | None = None
    short_line_length: int | None = None
    char_duplicates_ratio: float | None = None
    new_line_ratio: float | None = None


def _default_overrides() -> dict[str, FineWebOverride]:
    # A Chinese/Japanese character carries about as much text as 2-3 Latin
    # characters, so FineWeb's "short line" of <= 30 characters becomes 15.
    return {"zh": FineWebOverride(short_line_length=15), "ja": FineWebOverride(short_line_length=15)}


class FineWebQualityParams(FilterParams):
    language: str = Field("en", description="language of rows without a `lang` column value (ISO 639-1)")
    line_punct_thr: float | None = Field(
        0.12,
        ge=0,
        le=1,
        description="remove if fewer than this fraction of lines end in terminal punctuation",
    )
    line_punct_exclude_zero: bool = Field(
        False, description="do not apply the punctuation rule when no line ends in punctuation"
    )
    stop_chars: str | None = Field(
        None, description="terminal punctuation characters (default: Unicode sentence terminals)"
    )
    short_line_thr: float | None = Field(
        0.67, ge=0, le=1, description="remove if more than this fraction of lines are short"
    )
    short_line_length: int = Field(30, ge=0, description="a line of at most this many characters is short")
    char_duplicates_ratio: float | None = Field(
        0.01,
        ge=0,
        le=1,
        description="remove if more than this fraction of characters are in duplicated lines",
    )
    new_line_ratio: float | None = Field(0.3, ge=0, description="remove if newlines per word exceed this")
    per_language: dict[str, FineWebOverride] = Field(default_factory=_default_overrides)


class FineWebQuality(Filter):
    """Removes list-like, boilerplate-heavy and duplicated-line pages with the FineWeb rules (Penedo et al. 2024).

    Over the non-blank lines, in order (the first failing rule is the reason):

    1. ``fineweb_line_punct_ratio``: fewer than 12% of lines end in terminal
       punctuation (Unicode sentence terminals: ``. ! ?`` ``。！？`` ...).
    2. ``fineweb_short_line_ratio``: more than 67% of lines have at most 30
       characters.
    3. ``fineweb_char_dup_ratio``: more than 1% of the characters (newlines
       excluded) are in lines that repeat an earlier line.
    4. ``fineweb_list_ratio``: more than 0.3 newlines per word.
    5. ``fineweb_empty``: no non-blank line.

    Chinese/Japanese: a line also counts as punctuated when its terminal mark
    is followed by closing quotes/brackets (``。”``, ``！」``), the usual CJK
    typography; a short line is at most 15 characters; words are jieba words
    (Chinese) for the newline ratio.

    Signal columns: ``fineweb_line_punct_ratio``, ``fineweb_short_line_ratio``,
    ``fineweb_char_dup_ratio``, ``fineweb_newline_ratio``.
    """

    name: ClassVar[str] = "fineweb_quality"
    Params: ClassVar[type[OpParams]] = FineWebQualityParams
    signals: ClassVar[dict[str, Signal]] = {
        "fineweb_line_punct_ratio": Signal(
            "fraction of non-blank lines ending in terminal punctuation", ("line_punct_thr",)
        ),
        "fineweb_short_line_ratio": Signal(
            "fraction of non-blank lines of at most short_line_length characters", ("short_line_thr",)
        ),
        "fineweb_char_dup_ratio": Signal(
            "fraction of characters in lines repeating an earlier line", ("char_duplicates_ratio",)
        ),
        "fineweb_newline_ratio": Signal("newlines per word", ("new_line_ratio",)),
    }
    card_topics: ClassVar[frozenset[str]] = frozenset({"heuristic_filters"})
    profile_default: ClassVar[bool] = True

    def __init__(self, params: FineWebQualityParams | None = None, **kwargs) -> None:
        super().__init__(params, **kwargs)
        p: FineWebQualityParams = self.params
        self._stop_table = char_table(p.stop_chars if p.stop_chars is not None else SENTENCE_FINAL)

    def score(self, table: pa.Table) -> pa.Table:
        p: FineWebQualityParams = self.params
        texts = [t or "" for t in table.column("text").to_pylist()]
        langs = row_languages(table, p.language)
        fams = row_families(langs)
        short_len = resolve_thresholds(p, p.per_language, langs, ["short_line_length"])["short_line_length"]
        n = len(texts)
        punct = np.empty(n)
        short = np.empty(n)
        dup = np.empty(n)
        data, offsets = utf8_column(table.column("text"))
        cjk = np.fromiter((f in CJK_FAMILIES for f in fams), np.bool_, count=n)
        fineweb_lines_kernel(
            data,
            offsets,
            cjk,
            np.asarray(short_len, np.float64),
            SPACE_TABLE,
            self._stop_table,
            _CLOSER_TABLE,
            punct,
            short,
            dup,
        )
        tb = tokenize_batch(texts, fams)
        n_words = np.diff(tb.offsets)
        newlines = np.fromiter((t.count("\n") for t in texts), np.int64, count=n)
        with np.errstate(divide="ignore", invalid="ignore"):
            nl_ratio = np.where(
                n_words > 0, newlines / np.maximum(n_words, 1), np.where(newlines > 0, np.inf, 0.0)
            )
        table = put_column(table, "fineweb_line_punct_ratio", as_float(punct))
        table = put_column(table, "fineweb_short_line_ratio", as_float(short))
        table = put_column(table, "fineweb_char_dup_ratio", as_float(dup))
        return put_column(table, "fineweb_newline_ratio", as_float(nl_ratio))

    def decide(self, scored: pa.Table) -> Decision:
        p: FineWebQualityParams = self.params
        langs = row_languages(scored, p.language)
        th = resolve_thresholds(
            p,
            p.per_language,
            langs,
            ["line_punct_thr", "short_line_thr", "char_duplicates_ratio", "new_line_ratio"],
        )
        col = lambda name: np.asarray(scored.column(name).to_numpy(zero_copy_only=False), np.float64)  # noqa: E731
        punct = col("fineweb_line_punct_ratio")
        empty = np.isnan(punct)
        with np.errstate(invalid="ignore"):
            punct_fail = punct < th["line_punct_thr"]
            if p.line_punct_exclude_zero:
                punct_fail &= punct != 0
            checks = [
                (empty, "fineweb_empty"),
                (punct_fail, "fineweb_line_punct_ratio"),
                (col("fineweb_short_line_ratio") > th["short_line_thr"], "fineweb_short_line_ratio"),
                (col("fineweb_char_dup_ratio") > th["char_duplicates_ratio"], "fineweb_char_dup_ratio"),
                (col("fineweb_newline_ratio") > th["new_line_ratio"], "fineweb_list_ratio"),
            ]
        keep, reasons = first_failing(scored.num_rows, checks)
        return Decision(keep=keep, reasons=reasons)
