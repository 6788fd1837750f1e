"""The ``pii_redact`` operator."""

from __future__ import annotations

import gc
import os
import threading
from collections import Counter
from collections.abc import Sequence
from contextlib import contextmanager
from typing import ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from engine.columns import put_column
from engine.errors import OperatorError
from engine.operator import Mapper, OpParams, Resources, RunContext

from .actions import Finding, Redactor, read_key, resolve_overlaps
from .columns import concat_leaves, scanned_columns, split_like, string_leaves, with_string_leaves
from .counts import counts_array, spans_array
from .entities import LANGUAGE, LEXICAL_ENTITIES
from .params import PiiRedactParams
from .width import fold_width
from .zh_variants import to_simplified, traditional_search, translate

#: The script each PERSON/ADDRESS recognizer reads: a document without it gives that recognizer
#: nothing, so it is skipped there (searched over the whole batch in C++, RE2). The recognizers'
#: own ``prescreen`` cues are not used: findings lie outside them (a given name alone, "Alan"; a
#: building, "华侨大厦"), and with them the operator lost findings that whole-document analysis makes.
#: The English recognizers read ASCII-shaped text: full-width letters (ＧＤＰ, Ｚｈａｎｇ in Chinese news
#: set that way) are no cue, so a Chinese document whose only Latin letters are full-width skips them
#: (on the shared corpora: 232 documents, no finding of theirs there).
_CJK_CUE = r"[\x{3400}-\x{9fff}\x{f900}-\x{faff}]"
_LATIN_CUE = r"[^\P{Latin}\x{ff21}-\x{ff3a}\x{ff41}-\x{ff5a}]"


#: Recognizers and analyzers built in this process, by what they are built from (``_shared``).
_BUILT: dict[tuple, object] = {}
_BUILT_LOCK = threading.Lock()
#: Analyzers kept for reuse (each set of detection parameters builds its own; tests build many).
_MAX_ANALYZERS = 4
#: Documents whose whole-text passes the English recognizers read together (``_prepare``): what
#: they hold for them is bounded by this many documents (and their own character budget).
PREPARE_DOCS = 512


def _shared(key: tuple, build):
    """``build()``, once per process for ``key``: the operator's step, the writer's redaction of
    ``removed/`` and ``quarantine/`` (engine/sink_analyze.py) and a worker's preload thread each hold
    a ``pii_redact`` of the same parameters in one Ray worker, and each built the same recognizers
    (the English PERSON recognizer alone ~0.5 CPU-s: its word automata). What is shared answers from
    its construction only: its memos (bounded, per word) give the answers it would compute, and
    nothing here changes it after it is built; the redactor (it reads the hash key from the
    environment) stays per operator. Builds hold a lock, so a second operator waits for the first
    one's build instead of repeating it."""
    with _BUILT_LOCK:
        found = _BUILT.get(key)
        if found is None:
            if key[0] == "analyzer":
                old = [k for k in _BUILT if k[0] == "analyzer"]
                for k in old[: max(0, len(old) - _MAX_ANALYZERS + 1)]:
                    del _BUILT[k]
            found = _BUILT[key] = build()
        return found


def freeze_heap() -> None:
    """Move every object alive now to the garbage collector's permanent generation
    (``gc.freeze()``), which its collections skip. After ``setup`` a worker holds Presidio, spaCy's
    modules and the recognizers' word tables, automata and memos: 110,000+ objects that live as long
    as the process and that every full collection walked again, while analysis allocates (findings,
    windows, Arrow conversions) and so triggers collections all the time. Measured (gc callbacks,
    eight passes over bench_pii's 1,200 en_web and 1,200 zh_news documents in one process): each
    full collection walked them for ~0.15 CPU-s (0.36 s in the first pass), ~0.02 s after the
    freeze. Objects are not changed or freed by this; a reference cycle already garbage at this point
    is never collected (a full collection here found ~10 objects and cost ~0.15 CPU-s, more than it
    frees). ``CORPUSFORGE_SETUP_GC=1`` leaves the collector as it is (to measure it)."""
    if os.environ.get("CORPUSFORGE_SETUP_GC") != "1":
        gc.freeze()


@contextmanager
def collector_paused():
    """The cyclic garbage collector off for the block (``gc.disable()``), back on after it if it was
    on. ``setup`` imports Presidio, spaCy and the recognizers' modules and builds their tables:
    hundreds of thousands of new container objects, whose allocation triggered ~360 young, ~33
    middle and 3 full collections, each full one walking every object alive (measured with gc
    callbacks, thread CPU time: 0.32-0.36 of ~2.0 CPU-s of a fresh process's set-up). What set-up
    builds lives as long as the process and goes to the permanent generation at its end
    (:func:`freeze_heap`), the order Python's documentation of ``gc.freeze`` gives (disable early,
    freeze, enable). Cost: the reference cycles that became garbage during set-up are frozen with the
    rest, never collected (~1,500 objects, against ~10 with the collector on). Another thread's
    garbage meanwhile waits for the next collection after the block. ``CORPUSFORGE_SETUP_GC=1``
    leaves the collector as it is here too."""
    pause = os.environ.get("CORPUSFORGE_SETUP_GC") != "1" and gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if pause:
            gc.enable()


class PiiAnalysisError(OperatorError):
    """Analysis of one document failed; the message names the document, never its text."""


class PiiRedact(Mapper):
    """Finds personal data (Presidio + Chinese recognizers + PERSON/ADDRESS word lists) and replaces,
    masks, hashes, removes or generalizes it.

    Changes ``text`` (``mode: redact``) or only annotates it (``mode: annotate``,
    writing ``pii_spans``); always writes ``pii_counts``. Why: personal data
    in training corpora is a legal risk (PIPL art. 28 treats identity numbers,
    financial accounts and whereabouts as sensitive; GDPR art. 4/9) and models
    memorize and regurgitate it (Carlini et al., 2021, "Extracting Training
    Data from Large Language Models", USENIX Security).

    Detection is Microsoft Presidio's analyzer (pattern recognizers for
    e-mail, phone, credit card, IP, IBAN, URL, US SSN, crypto wallets) plus
    recognizers for Chinese identifiers with their check digits: GB 11643
    resident ID numbers, mobile and landline numbers, Luhn-checked bank cards,
    passports and vehicle plates (``recognizers_zh.py``). Every recognizer runs
    on every document, so an English page quoting a Chinese phone number and a
    Chinese page with an e-mail address are both covered. Context words
    (English and Chinese) raise scores within a character window; record-number
    words (订单号, "order number") veto numeric matches.

    Full-width forms (１３８…, Ｘ, ＠, （）) are read as their ASCII forms (``width.py``).

    ``columns`` (default ``[text]``) adds other columns, or ``all_strings`` every column holding
    text but ``id``, nested list/struct values included (``columns.py``); the same entities and
    actions apply and their findings count in ``pii_counts``.

    Technical text: digit groups joined by dots (versions, build numbers,
    IPs, dates) count as phone numbers only next to a phone context word
    ("Tel.", 电话), so "Build 7.29.106.2801" keeps its number. Linear time in
    the document length for every pattern (docs/pii_linear_time.md).

    Names and addresses (``PERSON``, ``ADDRESS``; on by default) come from
    offline word-list recognizers for Chinese and English (surnames, given
    names, GB/T 2260 divisions, USPS street types, context words;
    ``recognizers_person.py``, ``recognizers_person_zh.py``, ``recognizers_address_en.py``, ``recognizers_address_zh.py``), run on whole
    documents outside Presidio; ``generalize`` keeps a coarser value (城市,
    张某, a year, an age band; ``generalize.py``). Measured precision and
    recall: docs/pii.md.

    Offline by construction: no spaCy model unless one installed is named
    (``ner_model``), tldextract restricted to its bundled suffix list. Speed: a
    batch-level RE2 pre-screen skips documents without candidate characters
    and the analyzer sees only windows around candidates (``prescreen.py``),
    with findings equal to whole-document analysis. Overlapping findings keep
    the higher score, then the longer span, then the more specific entity.
    """

    name: ClassVar[str] = "pii_redact"
    Params: ClassVar[type[OpParams]] = PiiRedactParams
    resources: ClassVar[Resources] = Resources(num_cpus=1, batch_size=1024)
    output_columns: ClassVar[dict[str, str]] = {
        "pii_counts": "map entity type -> number of findings in the document (empty map: none)",
        "pii_spans": (
            "annotate mode: list of {entity, start, end, score}, code-point offsets in text; no values"
        ),
    }
    card_topics: ClassVar[frozenset[str]] = frozenset({"pii"})

    def __init__(self, params: PiiRedactParams | None = None, **kwargs) -> None:
        super().__init__(params, **kwargs)
        p: PiiRedactParams = self.params
        self.entities = p.resolved_entities()
        # PERSON and ADDRESS come from word-list recognizers run on whole documents (and PERSON also
        # from the spaCy model when one is named); everything else from Presidio over windows.
        lexical = set(LEXICAL_ENTITIES) & set(self.entities)
        self._presidio_entities = tuple(
            e for e in self.entities if e not in lexical or (e == "PERSON" and p.ner_model)
        )
        self._lexical_entities = frozenset(lexical)
        self._lexical: list = []
        self._lexical_cues: list[str] = []  # one RE2 pattern per lexical recognizer (its script)
        self._reads_simplified: set[int] = set()
        self._analyzer = None
        self._redactor: Redactor | None = None
        self._prescreen = None  # prescreen.Prescreen, built by setup
        self._no_nlp = None  # without a spaCy model: the NoOp engine's empty artifacts, shared

    def setup(self, ctx: RunContext | None) -> None:
        from .regex_cache import compile_cache

        # (its imports and tables: hundreds of thousands of new objects, ~600 regular expressions)
        with collector_paused(), compile_cache():
            self._setup()
            freeze_heap()

    def _setup(self) -> None:
        # Presidio, spaCy and the recognizers load here, not at import: validating a config needs none
        from .build_cache import cached_build
        from .prescreen import Prescreen, triggers_for
        from .recognizers_address_en import EnglishAddressRecognizer
        from .recognizers_address_zh import ChineseAddressRecognizer
        from .recognizers_person import EnglishPersonRecognizer
        from .recognizers_person_zh import ChinesePersonRecognizer

        p: PiiRedactParams = self.params
        if "hash" in p.actions.values():
            read_key(p.hash_key_env)  # the worker must see the key too
        if self._presidio_entities:
            self._setup_analyzer()
        if p.mode == "redact":
            self._redactor = Redactor(
                p.actions,
                replace_template=p.replace_template,
                mask_char=p.mask_char,
                mask_keep_last=p.mask_keep_last,
                hash_key_env=p.hash_key_env,
                hash_length=p.hash_length,
                generalize_levels=p.generalize,
            )
        if "PERSON" in self._lexical_entities:
            self._lexical += _shared(
                ("PERSON",),
                lambda: [ChinesePersonRecognizer(), cached_build("en_person", EnglishPersonRecognizer)],
            )
        if "ADDRESS" in self._lexical_entities:
            self._lexical += _shared(
                ("ADDRESS",), lambda: [ChineseAddressRecognizer(), EnglishAddressRecognizer()]
            )
        chinese = (ChinesePersonRecognizer, ChineseAddressRecognizer)
        self._lexical_cues = [_CJK_CUE if isinstance(r, chinese) else _LATIN_CUE for r in self._lexical]
        # the Chinese recognizers read traditional text as simplified (same offsets: zh_variants.py)
        self._reads_simplified = {id(r) for r in self._lexical if isinstance(r, chinese)}
        if self._reads_simplified:
            traditional_search()  # (compiled here, not in the first batch)
        if p.prescreen and not p.ner_model:
            triggers = triggers_for(frozenset(self._presidio_entities), min(7, p.phone_min_digits))
            self._prescreen = Prescreen(triggers, p.context_window_before, p.context_window_after)

    def _setup_analyzer(self) -> None:
        """Presidio's analyzer for the pattern entities (Presidio imports spaCy: with PERSON and
        ADDRESS alone, from the word-list recognizers, neither is imported)."""
        from .analyzer import build_analyzer, silence_presidio_logs

        p: PiiRedactParams = self.params
        silence_presidio_logs()
        build = dict(
            id_checksum_policy=p.cn_id_checksum_policy,
            id_legacy_policy=p.cn_id_legacy_policy,
            phone_regions=tuple(p.phone_regions),
            phone_min_digits=p.phone_min_digits,
            context_before=p.context_window_before,
            context_after=p.context_window_after,
            ner_model=p.ner_model,
            entities=tuple(sorted(self._presidio_entities)),  # only their recognizers are built
        )
        self._analyzer = _shared(("analyzer", *sorted(build.items())), lambda: build_analyzer(**build))
        if not p.ner_model:  # NoOpNlpEngine: empty artifacts, the same for every text; built once
            self._no_nlp = self._analyzer.nlp_engine.process_text("", LANGUAGE)

    def _require_setup(self) -> None:
        if not self._ready:  # without setup there are no recognizers: finding nothing would look like no PII
            raise OperatorError("pii_redact used before setup(): call engine.runner.start(op) first")

    # -- detection ------------------------------------------------------------------
    def _analyze(self, text: str, entities) -> list:
        return self._analyzer.analyze(
            text=text,
            language=LANGUAGE,
            entities=list(entities),
            score_threshold=self.params.score_threshold,
            nlp_artifacts=self._no_nlp,
        )

    def _find_lexical(self, text: str, recognizers=None, traditional: bool | None = None) -> list[Finding]:
        """PERSON and ADDRESS findings at or above the score threshold (whole document, linear).
        ``traditional``: whether ``text`` holds a traditional-only character, where the batch
        searched for one (:meth:`_traditional`); None: :func:`to_simplified` looks."""
        threshold = self.params.score_threshold
        recs = self._lexical if recognizers is None else recognizers
        simplified = None
        found: list[Finding] = []
        for rec in recs:
            if id(rec) in self._reads_simplified:
                if simplified is None:
                    if traditional is None:
                        simplified = to_simplified(text)
                    else:
                        simplified = translate(text) if traditional else text
                found += [f for f in rec.analyze(simplified) if f.score >= threshold]
            else:
                found += [f for f in rec.analyze(text) if f.score >= threshold]
        return found

    def find(
        self,
        text: str,
        patterns: bool = True,
        lexical: bool | Sequence = True,
        traditional: bool | None = None,
    ) -> list[Finding]:
        """Non-overlapping findings in one document, sorted by start offset. ``patterns`` False
        skips the Presidio windows, ``lexical`` False the PERSON-ADDRESS recognizers, a sequence
        runs only those recognizers (the batch pre-screen found the script of no other).
        ``traditional``: whether the text holds a traditional-only character, where the batch
        searched for one (None: the Chinese recognizers' input is checked here)."""
        self._require_setup()
        if lexical is True:
            raw: list[Finding] = self._find_lexical(text, None, traditional)
        else:
            raw = self._find_lexical(text, lexical, traditional) if lexical else []
        if not self._presidio_entities or not patterns:
            pass
        elif self._prescreen is None:
            for r in self._analyze(fold_width(text), self._presidio_entities):
                raw.append(Finding(r.entity_type, r.start, r.end, float(r.score)))
        else:
            for start, end, entities in self._prescreen.windows(text):
                for r in self._analyze(fold_width(text[start:end]), sorted(entities)):
                    raw.append(Finding(r.entity_type, start + r.start, start + r.end, float(r.score)))
        return resolve_overlaps(raw)

    def find_full(self, text: str) -> list[Finding]:
        """Reference path: the whole document through the analyzer, no pre-screen."""
        self._require_setup()
        raw = self._find_lexical(text)
        if self._presidio_entities:
            raw += [
                Finding(r.entity_type, r.start, r.end, float(r.score))
                for r in self._analyze(fold_width(text), self._presidio_entities)
            ]
        return resolve_overlaps(raw)

    def candidate_masks(self, texts: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
        """(documents the Presidio analyzer must see, documents the PERSON/ADDRESS
        recognizers must see); all non-null ones where there is no pre-screen."""
        patterns, lexical = self._masks(texts)
        return patterns, lexical.any(axis=0)

    def _masks(self, texts: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
        """(documents the Presidio analyzer must see, one row per PERSON/ADDRESS recognizer:
        the documents holding its script, ``_CJK_CUE`` / ``_LATIN_CUE``)."""
        self._require_setup()
        n = len(texts)
        valid = np.asarray(pc.is_valid(texts).to_numpy(zero_copy_only=False), dtype=bool)
        if not self._presidio_entities:
            patterns = np.zeros(len(texts), dtype=bool)
        elif self._prescreen is None:
            patterns = valid
        else:
            patterns = np.asarray(
                self._prescreen.candidates(texts).to_numpy(zero_copy_only=False), dtype=bool
            )
        if not self._lexical:
            lexical = np.zeros((0, n), dtype=bool)
        elif not self.params.prescreen:
            lexical = np.tile(valid, (len(self._lexical), 1))
        else:
            by_cue = {}
            for cue in dict.fromkeys(self._lexical_cues):  # two scripts: two passes over the batch
                hit = pc.fill_null(pc.match_substring_regex(texts, cue), False)
                if isinstance(hit, pa.ChunkedArray):
                    hit = hit.combine_chunks()
                by_cue[cue] = np.asarray(hit.to_numpy(zero_copy_only=False), dtype=bool)
            lexical = np.vstack([by_cue[cue] for cue in self._lexical_cues])
        return patterns, lexical

    def _traditional(self, texts: pa.Array, lexical: np.ndarray) -> list[bool | None]:
        """Per document, whether it holds a traditional-only character (``zh_variants``), searched
        in the batch's buffer for the documents a Chinese recognizer reads (rows of ``lexical``,
        :meth:`_masks`); False for the others (nothing reads them as simplified). None per document
        where the array's type has no buffer ``_search_each`` reads."""
        from .prescreen import _OFFSET_WIDTH, _search_each

        rows = [k for k, rec in enumerate(self._lexical) if id(rec) in self._reads_simplified]
        if not rows or texts.type not in _OFFSET_WIDTH:
            return [None] * len(texts)
        return _search_each(traditional_search(), texts, lexical[rows].any(axis=0)).tolist()

    def _prepare(self, chunk: list[tuple[int, str]], lexical: np.ndarray) -> None:
        """Let each recognizer that offers ``prepare`` (the English ones: their whole-text passes
        run over all of a chunk's texts back to back, up to twice as cheap as one document at a
        time between the other steps) read the texts of ``chunk`` (row, text) it will analyse
        next, by the rows of ``lexical`` (:meth:`_masks`). Findings do not change: ``analyze``
        takes a prepared text's results once and reads any other text as before. An empty chunk
        drops what was prepared; a ``prepare`` that fails leaves that recognizer unprepared
        (``analyze`` then reads each text itself and names a failing document by its id)."""
        for k, rec in enumerate(self._lexical):
            prepare = getattr(rec, "prepare", None)
            if prepare is None or id(rec) in self._reads_simplified:
                continue
            try:
                prepare([text for i, text in chunk if lexical[k, i]])
            except Exception:  # noqa: BLE001 - analyze reads each text and reports its failure by id
                prepare([])

    def _recognizers_for(self, cues: list[bool]) -> list:
        return [rec for rec, hit in zip(self._lexical, cues) if hit]

    def candidate_mask(self, texts: pa.Array | pa.ChunkedArray) -> np.ndarray:
        """Documents that must be analyzed at all (either mask of :meth:`candidate_masks`)."""
        patterns, lexical = self.candidate_masks(texts)
        return patterns | lexical

    def redact_values(self, texts: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, np.ndarray]:
        """Any string array (text, signal columns, raw input lines) with every
        finding replaced by its entity's action, batched like :meth:`transform`:
        one pre-screen over the array, the analyzer on candidates only. Returns
        the new array and a mask of values whose analysis failed; those are
        left unchanged, so the caller must withhold them. Needs ``mode: redact``."""
        self._require_setup()
        if self._redactor is None:
            raise ValueError("redact_values needs a pii_redact in mode 'redact'")
        if isinstance(texts, pa.ChunkedArray):
            texts = texts.combine_chunks()
        n = len(texts)
        failed = np.zeros(n, dtype=bool)
        if n == 0:
            return texts, failed
        patterns, lexical = self._masks(texts)
        idx = np.flatnonzero(patterns | lexical.any(axis=0))
        cues = lexical.T.tolist()
        traditional = self._traditional(texts, lexical)
        changed = np.zeros(n, dtype=bool)
        new_texts: list[str] = []
        for i, text in zip(idx.tolist(), texts.take(pa.array(idx, pa.int64())).to_pylist()):
            try:
                findings = self.find(text, bool(patterns[i]), self._recognizers_for(cues[i]), traditional[i])
            except Exception:  # noqa: BLE001 - reported through the mask, never with the text
                failed[i] = True
                continue
            if findings:
                new_texts.append(self._redactor.apply(text, findings))
                changed[i] = True
        if changed.any():
            texts = pc.replace_with_mask(texts, pa.array(changed), pa.array(new_texts, texts.type))
        return texts, failed

    # -- the batch ----------------------------------------------------------------------
    def transform(self, table: pa.Table) -> pa.Table:
        self._require_setup()
        p: PiiRedactParams = self.params
        n = table.num_rows
        texts = table.column("text").combine_chunks() if n else pa.array([], pa.string())
        if n:
            patterns, lexical = self._masks(texts)
            idx = np.flatnonzero(patterns | lexical.any(axis=0))
            cues = lexical.T.tolist()
            traditional = self._traditional(texts, lexical)
        else:
            idx = np.array([], dtype=np.int64)
        counts: list[Counter | None] = [None] * n
        spans: list[list | None] = [None] * n
        changed = np.zeros(n, dtype=bool)
        new_texts: list[str] = []
        ids = table.column("id") if "id" in table.column_names else None
        if len(idx):
            todo = texts.take(pa.array(idx)).to_pylist()
            rows = idx.tolist()
            for a in range(0, len(rows), PREPARE_DOCS):
                chunk = list(zip(rows[a : a + PREPARE_DOCS], todo[a : a + PREPARE_DOCS]))
                self._prepare(chunk, lexical)
                for i, text in chunk:
                    try:
                        findings = self.find(
                            text, bool(patterns[i]), self._recognizers_for(cues[i]), traditional[i]
                        )
                        if findings and self._redactor is not None:
                            new_texts.append(self._redactor.apply(text, findings))
                            changed[i] = True
                    except Exception as exc:  # message may quote the document: name it by id only
                        raise _failure(ids, i, exc) from None
                    if findings:
                        counts[i] = Counter(f.entity for f in findings)
                        spans[i] = [(f.entity, f.start, f.end, f.score) for f in findings]
            self._prepare([], lexical)
        if changed.any():
            texts = pc.replace_with_mask(texts, pa.array(changed), pa.array(new_texts, pa.string()))
            table = table.set_column(table.schema.get_field_index("text"), "text", texts)
        if n and p.columns != ["text"]:
            table = self._other_columns(table, counts, ids)
        table = put_column(table, p.counts_column, counts_array(counts))
        if p.mode == "annotate":
            table = put_column(table, p.spans_column, spans_array(spans))
        return table

    def _other_columns(self, table: pa.Table, counts: list[Counter | None], ids) -> pa.Table:
        """The ``columns`` besides ``text``: their string values (nested ones included, ``columns.py``)
        analysed together, one pre-screen over them all, with the same entities and actions; their
        findings count in the row's ``pii_counts``. Annotate mode writes no spans for them.

        Such columns repeat their values (a source, a kind, a language, a site): each distinct value
        is analysed once and its findings and new text go to every row that holds it. Findings
        depend on the value alone, so this is the same as analysing every row."""
        p: PiiRedactParams = self.params
        names = scanned_columns(p.columns, table.schema, skip=(p.counts_column, p.spans_column))
        parts = [(name, string_leaves(table.column(name))) for name in names]
        leaves = [leaf for _, found in parts for leaf, _ in found]
        if not leaves:
            return table
        rows = np.concatenate([r for _, found in parts for _, r in found])
        encoded = pc.dictionary_encode(concat_leaves(leaves))
        distinct, codes = encoded.dictionary, encoded.indices  # a null value has a null code
        code_of = np.asarray(codes.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
        patterns, lexical = self._masks(distinct)
        idx = np.flatnonzero(patterns | lexical.any(axis=0))
        cues = lexical.T.tolist()
        traditional = self._traditional(distinct, lexical)
        changed = np.zeros(len(distinct), dtype=bool)
        new_values: list[str] = []
        found_in: dict[int, Counter] = {}
        for i, value in zip(idx.tolist(), distinct.take(pa.array(idx, pa.int64())).to_pylist()):
            try:
                findings = self.find(value, bool(patterns[i]), self._recognizers_for(cues[i]), traditional[i])
            except Exception as exc:  # noqa: BLE001 - named by the document's id, never the value
                raise _failure(ids, int(rows[np.argmax(code_of == i)]), exc) from None
            if not findings:
                continue
            found_in[i] = Counter(f.entity for f in findings)
            if self._redactor is not None:
                new_values.append(self._redactor.apply(value, findings))
                changed[i] = True
        if not found_in:
            return table
        for k in np.flatnonzero(np.isin(code_of, np.fromiter(found_in, np.int64, len(found_in)))).tolist():
            row = int(rows[k])
            counts[row] = (counts[row] or Counter()) + found_in[int(code_of[k])]
        if not changed.any():
            return table
        distinct = pc.replace_with_mask(distinct, pa.array(changed), pa.array(new_values, pa.string()))
        pieces = iter(split_like(distinct.take(codes), leaves))
        for name, found in parts:
            if found:
                new = with_string_leaves(table.column(name), [next(pieces) for _ in found])
                table = table.set_column(table.schema.get_field_index(name), name, new)
        return table


def _failure(ids, row: int, exc: Exception) -> PiiAnalysisError:
    doc = ids[row].as_py() if ids is not None else f"row {row}"
    return PiiAnalysisError(f"pii_redact failed on document {doc!r}: {type(exc).__name__}")
