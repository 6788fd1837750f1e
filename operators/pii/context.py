"""Context words in a character window, for English and Chinese alike.

Presidio's ``LemmaContextAwareEnhancer`` looks at the lemmas of the five
tokens before a match; that needs a tokenizer and a lemmatizer (a spaCy model)
and does not work for Chinese, which is written without spaces. This enhancer
applies the same rule to a window of characters: when one of the
recognizer's context words occurs within ``before`` characters before the
match or ``after`` characters after it, the score rises by ``boost`` (at least
to ``min_score_with_context``), as Presidio does (0.35 / 0.4 by default).

Matching: Chinese context words are plain substrings; ASCII words must stand
as whole words (optionally plural), case-insensitive, so "cell" does not fire
inside "excellent". Two additions:

* ``negative_context`` (a recognizer attribute): words such as 订单号 or
  "order number" that, when nearer to the match than any positive word, mark
  it as a record number: the score drops to 0 and the match is dropped
  (at equal distance the negative word wins: "order number" beats "number").
* results carrying ``cf_requires_context`` (mistyped ID numbers, legacy IDs)
  count only when a positive context word is near; otherwise their score is 0.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

from .recognizers_zh import REQUIRES_CONTEXT

ENHANCED = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY


def _word_regex(words: list[str]) -> re.Pattern | None:
    parts = []
    for w in sorted({w.lower().strip() for w in words if w and w.strip()}, key=len, reverse=True):
        if w.isascii():
            parts.append(r"(?<![a-z0-9])" + re.escape(w) + r"(?:s|es)?(?![a-z0-9])")
        else:
            parts.append(re.escape(w))
    return re.compile("|".join(parts)) if parts else None


class CharWindowContextEnhancer(ContextAwareEnhancer):
    """Context enhancement over a character window (see module docstring)."""

    def __init__(
        self,
        before: int = 40,
        after: int = 12,
        boost: float = 0.35,
        min_score_with_context: float = 0.4,
    ) -> None:
        super().__init__(
            context_similarity_factor=boost,
            min_score_with_context_similarity=min_score_with_context,
            context_prefix_count=before,
            context_suffix_count=after,
        )
        self.before = before
        self.after = after
        self._cache: dict[str, tuple[re.Pattern | None, re.Pattern | None]] = {}

    def _patterns(self, recognizer: EntityRecognizer) -> tuple[re.Pattern | None, re.Pattern | None]:
        cached = self._cache.get(recognizer.id)
        if cached is None:
            cached = (
                _word_regex(list(recognizer.context or [])),
                _word_regex(list(getattr(recognizer, "negative_context", None) or [])),
            )
            self._cache[recognizer.id] = cached
        return cached

    def context_distance(
        self, text: str, start: int, end: int, pattern: re.Pattern | None, suffix: bool
    ) -> int | None:
        """Characters between the match and the nearest context word, or None."""
        if pattern is None:
            return None
        best = None
        prefix = text[max(0, start - self.before) : start].lower()
        for m in pattern.finditer(prefix):
            best = len(prefix) - m.end()  # the last hit is the nearest
        if suffix and self.after > 0:
            m = pattern.search(text[end : end + self.after].lower())
            if m is not None and (best is None or m.start() < best):
                best = m.start()
        return best

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        by_id = {r.id: r for r in recognizers}
        for result in raw_results:
            meta = result.recognition_metadata or {}
            recognizer = by_id.get(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if recognizer is None:
                continue
            positive, negative = self._patterns(recognizer)
            pos = self.context_distance(text, result.start, result.end, positive, suffix=True)
            neg = self.context_distance(text, result.start, result.end, negative, suffix=False)
            if neg is not None and (pos is None or neg <= pos):
                result.score = 0.0
                continue
            if pos is None:
                if meta.get(REQUIRES_CONTEXT):
                    result.score = 0.0
                continue
            if meta.get(ENHANCED):
                continue
            result.score = min(
                ContextAwareEnhancer.MAX_SCORE,
                max(result.score + self.context_similarity_factor, self.min_score_with_context_similarity),
            )
            meta[ENHANCED] = True
            if result.analysis_explanation is not None:
                result.analysis_explanation.set_improved_score(result.score)
        return raw_results
