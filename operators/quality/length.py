"""Document length limits in characters and words, CJK-aware."""

from __future__ import annotations

from typing import ClassVar

import pyarrow as pa
from pydantic import Field, model_validator

from engine.columns import put_column
from engine.operator import Decision, Filter, FilterParams, OpParams, Signal
from operators._text import char_counts, word_counts


class LengthParams(FilterParams):
    min_chars: int = Field(1, ge=0, description="remove documents with fewer Unicode characters")
    max_chars: int | None = Field(None, ge=1, description="remove documents with more characters")
    min_words: int = Field(0, ge=0, description="remove documents with fewer words (CJK: one per character)")
    max_words: int | None = Field(None, ge=1, description="remove documents with more words")

    @model_validator(mode="after")
    def _ordered(self):
        if self.max_chars is not None and self.max_chars < self.min_chars:
            raise ValueError("max_chars must be >= min_chars")
        if self.max_words is not None and self.max_words < self.min_words:
            raise ValueError("max_words must be >= min_words")
        return self


class LengthFilter(Filter):
    """Removes documents outside character and word-count limits.

    Writes ``n_chars`` (code points) and ``n_words``. Words are whitespace
    tokens outside CJK scripts plus one per Han/Kana character, so a Chinese
    article is not counted as a handful of "words" (see ``operators/_text.py``).
    Bounds are inclusive: a document with exactly ``min_words`` words is kept.
    """

    name: ClassVar[str] = "length_filter"
    Params: ClassVar[type[OpParams]] = LengthParams
    signals: ClassVar[dict[str, Signal]] = {
        "n_chars": Signal("Unicode code points in text", ("min_chars", "max_chars")),
        "n_words": Signal("words in text (CJK: one per character)", ("min_words", "max_words")),
    }
    profile_default: ClassVar[bool] = True

    def score(self, table: pa.Table) -> pa.Table:
        texts = table.column("text")
        table = put_column(table, "n_chars", pa.array(char_counts(texts)))
        return put_column(table, "n_words", pa.array(word_counts(texts)))

    def decide(self, scored: pa.Table) -> Decision:
        p: LengthParams = self.params
        chars = scored.column("n_chars").to_numpy()
        words = scored.column("n_words").to_numpy()
        checks = [
            (chars < p.min_chars, "too_few_chars"),
            (chars > p.max_chars if p.max_chars is not None else None, "too_many_chars"),
            (words < p.min_words, "too_few_words"),
            (words > p.max_words if p.max_words is not None else None, "too_many_words"),
        ]
        return Decision.first_failing(scored.num_rows, checks)  # the first failing rule wins
