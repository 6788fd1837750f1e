"""Rule-based text augmentation (``augment_text``): new documents made from
existing ones by word/character noise, sentence shuffling and span masking.

Methods (one drawn per variant, as in EDA):

* ``word_swap`` - swap two random words, ``n`` times (EDA "random swap");
* ``word_delete`` - delete ``n`` random words, never all (EDA "random deletion");
* ``word_insert`` - insert ``n`` words drawn from the same document at random
  positions (EDA "random insertion", with the document as its own vocabulary
  instead of WordNet synonyms, so nothing is downloaded and any language works);
* ``char_swap`` - swap ``n`` pairs of adjacent letters/digits inside words
  (the "swap" noise of Belinkov & Bisk 2018, *Synthetic and Natural Noise Both
  Break Neural Machine Translation*, section 3.1);
* ``sentence_shuffle`` - permute the sentences (sentence permutation noise of
  BART, Lewis et al. 2020, section 2.2), separators staying in place;
* ``span_mask`` - replace random spans of words (mean length ``mean_span``)
  with ``mask_token`` (T5 span corruption, Raffel et al. 2020, section 3.1.4).

``n = max(1, round(rate * words))`` (EDA's alpha; Wei & Zou 2019, *EDA: Easy
Data Augmentation Techniques for Boosting Performance on Text Classification
Tasks*, section 2, recommend alpha = 0.1).

CJK-aware: words are whitespace tokens outside CJK scripts; Han runs are
segmented with jieba (``cjk_unit: word``, the default) or into characters
(``cjk_unit: char``); runs containing kana (Japanese) use script-run
segmentation. Punctuation-only tokens are never swapped, deleted, inserted or
masked. Separators stay in place, so spacing survives in every script.

Deterministic: each (document, variant) has its own random generator seeded
from ``hash(seed, id, variant)``, so the output is identical across runs and
independent of batch boundaries; only ``created_at`` differs between runs.
A variant that would equal its source or an earlier variant (a one-sentence document shuffled, two
equal words swapped) or a document with fewer than ``min_words`` words yields
no row.
"""

from __future__ import annotations

import random
import re
import time
from typing import Any, ClassVar, Literal

import pyarrow as pa
from pydantic import Field

from engine.operator import Mapper, OpParams, Resources
from operators._text import PY_CJK_CHAR_CLASS
from operators.synthetic import common as S

Method = Literal["word_swap", "word_delete", "word_insert", "char_swap", "sentence_shuffle", "span_mask"]
METHODS: tuple[str, ...] = (
    "word_swap",
    "word_delete",
    "word_insert",
    "char_swap",
    "sentence_shuffle",
    "span_mask",
)
VERSION = "1"

_CJK = PY_CJK_CHAR_CLASS
_UNIT_RE = re.compile(rf"(\s+)|([{_CJK}]+)|([^\s{_CJK}]+)")
_KANA_RE = re.compile(r"[\u3040-\u30ff]")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_CJK_START = re.compile(f"[{_CJK}]")
_WORDISH = re.compile(r"[^\W_]")  # a letter or digit somewhere in the token
_PAIR_RE = re.compile(r"(?=[^\W_][^\W_])")  # positions where two letters/digits follow
_NON_CJK_WORD_RE = re.compile(rf"[^\s{_CJK}]+")
_CJK_CHAR_RE = re.compile(f"[{_CJK}]")
_CLOSERS = "\"'”’」』）》)\\]"
# A sentence: the shortest span up to a terminal-punctuation run.  Linear
# time: the lazy ``.*?`` tries the ending branches at each character, so the
# Latin branch may start only at the first character of a punctuation run
# (lookbehind) and matches it possessively; the old ``[.!?…]+[...]*(?=\s|$)``
# rescanned the rest of a run like "word" + "." * n + "x" from every dot
# (quadratic).  Same sentences: the branch succeeds at a later dot of a run
# exactly when it succeeds at the first one.
_SENT_RE = re.compile(
    rf"\S.*?(?:(?<![.!?…])[.!?…]++[{_CLOSERS}]*+(?=\s|$)|[。！？!?]+[{_CLOSERS}]*|(?=\n)|$)",
    re.DOTALL,
)


class AugmentParams(OpParams):
    methods: list[Method] = Field(
        default_factory=lambda: ["word_swap", "word_delete", "word_insert"],
        min_length=1,
        description="methods to draw from, one per variant: " + ", ".join(METHODS),
    )
    variants: int = Field(1, ge=1, le=100, description="new documents per selected source document")
    fraction: float = Field(
        1.0, ge=0.0, le=1.0, description="share of documents selected (by hash of seed and id)"
    )
    seed: int = Field(0, description="seed of the selection and of every variant")
    rate: float = Field(0.1, gt=0.0, le=0.5, description="share of words changed per variant (EDA alpha)")
    mean_span: float = Field(3.0, ge=1.0, le=20.0, description="span_mask: mean span length in words")
    mask_token: str = Field("[MASK]", min_length=1, description="span_mask: the replacement of each span")
    cjk_unit: Literal["word", "char"] = Field(
        "word", description="Han text: jieba words or single characters"
    )
    min_words: int = Field(3, ge=1, description="documents with fewer words are not augmented")
    log: bool = Field(True, description="write the technical log (one JSON line per synthetic document)")
    log_dir: str | None = Field(
        None, description="technical log directory; null: <output.path>/synthetic_log"
    )


class _Units:
    """A document as word units with the separators that follow them:
    ``prefix + sum(units[i] + seps[i])`` is the text."""

    __slots__ = ("prefix", "seps", "units", "words")

    def __init__(self, prefix: str, units: list[str], seps: list[str]) -> None:
        self.prefix = prefix
        self.units = units
        self.seps = seps
        self.words = [i for i, u in enumerate(units) if _WORDISH.search(u)]

    def text(self, units: list[str] | None = None, seps: list[str] | None = None) -> str:
        units = self.units if units is None else units
        seps = self.seps if seps is None else seps
        return self.prefix + "".join(u + s for u, s in zip(units, seps))


def segment(text: str, cjk_unit: str = "word") -> _Units:
    """Split ``text`` into word units and separators (CJK-aware, lossless)."""
    prefix = ""
    units: list[str] = []
    seps: list[str] = []
    if cjk_unit == "word" and _HAN_RE.search(text) and not _KANA_RE.search(text):
        from operators.text.segment import jieba_tokenizer

        for tok in jieba_tokenizer().lcut(text):
            if tok.isspace():
                if units:
                    seps[-1] += tok
                else:
                    prefix += tok
            else:
                units.append(tok)
                seps.append("")
        return _Units(prefix, units, seps)
    for m in _UNIT_RE.finditer(text):
        space, cjk, other = m.groups()
        if space is not None:
            if units:
                seps[-1] += space
            else:
                prefix += space
        elif cjk is not None:
            if _KANA_RE.search(cjk) and cjk_unit == "word":
                from operators.text.segment import words_ja

                pieces = words_ja(cjk) or list(cjk)
                if "".join(pieces) != cjk:  # never lose characters
                    pieces = list(cjk)
            else:
                pieces = list(cjk)
            units.extend(pieces)
            seps.extend([""] * len(pieces))
        else:
            units.append(other)
            seps.append("")
    return _Units(prefix, units, seps)


def _n_changes(rate: float, n_words: int) -> int:
    return max(1, round(rate * n_words))


def _is_cjk(token: str) -> bool:
    return bool(token) and _CJK_START.match(token) is not None


# ------------------------------------------------------------------ methods
def word_swap(doc: _Units, rng: random.Random, rate: float) -> str | None:
    if len(doc.words) < 2:
        return None
    units = list(doc.units)
    for _ in range(_n_changes(rate, len(doc.words))):
        i, j = rng.sample(doc.words, 2)
        units[i], units[j] = units[j], units[i]
    return doc.text(units)


def word_delete(doc: _Units, rng: random.Random, rate: float) -> str | None:
    n_words = len(doc.words)
    if n_words < 2:
        return None
    drop = set(rng.sample(doc.words, min(_n_changes(rate, n_words), n_words - 1)))
    units: list[str] = []
    seps: list[str] = []
    last = len(doc.units) - 1
    for i, (u, s) in enumerate(zip(doc.units, doc.seps)):
        if i in drop:
            if i == last and seps:  # the last kept unit takes the trailing separator
                seps[-1] = s
            continue
        units.append(u)
        seps.append(s)
    return doc.text(units, seps)


def word_insert(doc: _Units, rng: random.Random, rate: float) -> str | None:
    if not doc.words:
        return None
    units = list(doc.units)
    seps = list(doc.seps)
    for _ in range(_n_changes(rate, len(doc.words))):
        word = doc.units[rng.choice(doc.words)]
        pos = rng.randrange(len(units))  # before an existing unit
        nxt = units[pos]
        sep = "" if _is_cjk(word) and (_is_cjk(nxt) or not _WORDISH.search(nxt)) else " "
        units.insert(pos, word)
        seps.insert(pos, sep)
    return doc.text(units, seps)


def span_mask(doc: _Units, rng: random.Random, rate: float, mean_span: float, mask: str) -> str | None:
    n_words = len(doc.words)
    if n_words < 2:
        return None
    budget = min(_n_changes(rate, n_words), n_words - 1)
    n_spans = max(1, round(budget / mean_span))
    max_len = max(1, round(2 * mean_span - 1))
    starts = sorted(rng.sample(range(n_words), min(n_spans, n_words)))
    units: list[str] = []
    seps: list[str] = []
    masked_until = -1  # unit index after the last masked span
    spans: dict[int, int] = {}  # first unit -> last unit of a span
    used = 0
    for k in starts:
        if used >= budget:
            break
        length = min(rng.randint(1, max_len), budget - used, n_words - k)
        first = doc.words[k]
        if first <= masked_until:  # touches the previous span: skip it
            continue
        last = doc.words[k + length - 1]
        spans[first] = last
        masked_until = last + 1
        used += length
    i = 0
    while i < len(doc.units):
        if i in spans:
            last = spans[i]
            units.append(mask)
            seps.append(doc.seps[last])
            i = last + 1
        else:
            units.append(doc.units[i])
            seps.append(doc.seps[i])
            i += 1
    return doc.text(units, seps)


def char_swap(text: str, rng: random.Random, rate: float, n_words: int) -> str | None:
    n = _n_changes(rate, max(n_words, 1))
    size = len(text)
    chosen: set[int] = set()
    isalnum = str.isalnum
    for _ in range(20 * n):  # rejection sampling: cheap on long texts
        if len(chosen) >= n or size < 2:
            break
        p = rng.randrange(size - 1)
        a, b = text[p], text[p + 1]
        if a != b and isalnum(a) and isalnum(b) and a != "_" and b != "_":
            chosen.add(p)
    if len(chosen) < n:  # short or sparse text: scan every position
        positions = [m.start() for m in _PAIR_RE.finditer(text) if text[m.start()] != text[m.start() + 1]]
        if not positions:
            return None
        chosen = set(rng.sample(positions, min(n, len(positions))))
    chars = list(text)
    last = -2
    for p in sorted(chosen):
        if p <= last + 1:  # overlaps the previous swap
            continue
        chars[p], chars[p + 1] = chars[p + 1], chars[p]
        last = p
    return "".join(chars)


def _cheap_word_count(text: str) -> int:
    """Whitespace tokens outside CJK plus one per CJK character (operators/_text.py convention)."""
    return len(_NON_CJK_WORD_RE.findall(text)) + len(_CJK_CHAR_RE.findall(text))


def sentence_shuffle(text: str, rng: random.Random) -> str | None:
    matches = list(_SENT_RE.finditer(text))
    sentences = [m.group() for m in matches]
    if len(sentences) < 2 or len(set(sentences)) < 2:
        return None
    gaps = [text[matches[i].end() : matches[i + 1].start()] for i in range(len(matches) - 1)]
    gaps.append(text[matches[-1].end() :])
    order = list(range(len(sentences)))
    rng.shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    out = [text[: matches[0].start()]]
    for slot, src in enumerate(order):
        out.append(sentences[src])
        out.append(gaps[slot])
    return "".join(out)


# ------------------------------------------------------------------ operator
class AugmentText(Mapper):
    """Adds ``variants`` rule-based variants of a ``fraction`` of documents as new rows.

    Changes: appends synthetic documents (word swap/deletion/insertion, character
    swap, sentence shuffle, span masking; see the module docstring for each
    method's source) after the batch's rows; the original documents are kept
    unchanged. Every new row has ``synthetic: true``, ``parent_id``,
    ``generator`` (JSON: operator, method, parameters, seed, variant) and
    ``created_at``; originals get ``synthetic: false``. Why: to enlarge scarce
    slices of a corpus (rare domains, low-resource languages) reproducibly, so
    that downstream filters and dedup hold the variants to the same bar.
    Ids of new rows are ``<parent id>#aug-<config hash>-<variant>``.
    """

    name: ClassVar[str] = "augment_text"
    Params: ClassVar[type[OpParams]] = AugmentParams
    resources: ClassVar[Resources] = Resources(num_cpus=1)
    output_columns: ClassVar[dict[str, str]] = dict(S.PROVENANCE_COLUMNS)

    def __init__(self, params: OpParams | None = None, **kwargs: Any) -> None:
        super().__init__(params, **kwargs)
        p: AugmentParams = self.params
        self._methods = list(dict.fromkeys(p.methods))
        spec = {
            "operator": self.name,
            "version": VERSION,
            "params": p.model_dump(mode="json", exclude={"log", "log_dir"}),
        }
        self._config_hash = S.sha256_hex(S.canonical_json(spec))[:8]
        params_json = S.canonical_json(spec["params"])
        # generator JSON per row = fixed prefix + method + variant
        self._gen_prefix = (
            '{"operator":"augment_text","version":"'
            + VERSION
            + '","params":'
            + params_json
            + ',"seed":'
            + str(p.seed)
        )
        self._params_log = spec["params"]
        self._log: S.SyntheticLog | None = None

    def _generator(self, method: str, variant: int) -> str:
        return f'{self._gen_prefix},"method":"{method}","variant":{variant}}}'

    def _logger(self) -> S.SyntheticLog:
        if self._log is None:
            self._log = S.open_log(self.params.log_dir, self)
        return self._log

    def augment_one(
        self, text: str, key: str, variant: int, seg: list | None = None
    ) -> tuple[str, str | None]:
        """(method, new text or None) for one document and variant; pure and deterministic.
        ``seg`` is a one-slot list caching the segmentation across variants of a document."""
        p: AugmentParams = self.params
        rng = random.Random(S.unit_hash(p.seed, key, f"variant{variant}"))
        method = (
            self._methods[rng.randrange(len(self._methods))] if len(self._methods) > 1 else self._methods[0]
        )
        if method == "sentence_shuffle":
            return method, sentence_shuffle(text, rng)
        if method == "char_swap":  # character level: no segmentation needed
            n_words = _cheap_word_count(text)
            return method, char_swap(text, rng, p.rate, n_words) if n_words >= p.min_words else None
        if seg is None:
            seg = [None]
        if seg[0] is None:
            seg[0] = segment(text, p.cjk_unit)
        doc = seg[0]
        if len(doc.words) < p.min_words:
            return method, None
        if method == "word_swap":
            return method, word_swap(doc, rng, p.rate)
        if method == "word_delete":
            return method, word_delete(doc, rng, p.rate)
        if method == "word_insert":
            return method, word_insert(doc, rng, p.rate)
        return method, span_mask(doc, rng, p.rate, p.mean_span, p.mask_token)

    def transform(self, table: pa.Table) -> pa.Table:
        p: AugmentParams = self.params
        table = S.mark_originals(table)
        if table.num_rows == 0:
            return table
        keys = S.doc_keys(table)
        chosen = S.selected(keys, p.seed, p.fraction)
        texts = table.column("text").to_pylist()
        parent_index: list[int] = []
        new_ids: list[str] = []
        new_texts: list[str] = []
        generators: list[str] = []
        records: list[dict[str, Any]] = []
        created_at = S.utc_now()
        for i, (text, key, pick) in enumerate(zip(texts, keys, chosen)):
            if not pick or not text:
                continue
            parent_sha = S.sha256_hex(text) if p.log else ""
            seg: list = [None]
            seen = {text}
            for v in range(p.variants):
                t0 = time.perf_counter()
                method, out = self.augment_one(text, key, v, seg)
                if out is None or out in seen:  # unchanged, or equal to an earlier variant
                    continue
                seen.add(out)
                new_id = f"{key}#aug-{self._config_hash}-{v}"
                gen = self._generator(method, v)
                parent_index.append(i)
                new_ids.append(new_id)
                new_texts.append(out)
                generators.append(gen)
                if p.log:
                    records.append(
                        {
                            "ts": created_at,
                            "operator": self.name,
                            "id": new_id,
                            "parent_id": key,
                            "request_hash": S.sha256_hex(gen + "\x1f" + parent_sha),
                            "model": None,
                            "method": method,
                            "parameters": self._params_log,
                            "seed": p.seed,
                            "variant": v,
                            "prompt_template_version": None,
                            "usage": None,
                            "latency_ms": round((time.perf_counter() - t0) * 1000, 3),
                            "attempts": 1,
                            "outcome": "ok",
                        }
                    )
        if not parent_index:
            return table
        generated = S.build_generated(
            table, parent_index, new_ids, new_texts, generators, created_at, self.name
        )
        if records:
            self._logger().write(records)
        return S.append_generated(table, generated)


__all__ = ["METHODS", "AugmentParams", "AugmentText", "segment"]
