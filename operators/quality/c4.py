"""C4 heuristic cleaning (Raffel et al. 2020, "Exploring the Limits of Transfer
Learning with a Unified Text-to-Text Transformer", JMLR 21, Section 2.2),
as implemented in TensorFlow Datasets' ``c4_utils.clean_page`` and datatrove's
``C4QualityFilter``: line removal and page removal in one pass.
"""

from __future__ import annotations

import re
from typing import ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ConfigDict, Field

from engine.columns import put_column
from engine.operator import Decision, Filter, FilterParams, OpParams, Signal
from operators._text import PY_CJK_CHAR_CLASS
from operators.quality._kernels import (
    DECIMAL_TABLE,
    SPACE_TABLE,
    c4_cjk_lines_kernel,
    c4_lines_kernel,
    char_table,
    lower_ascii_table,
    lower_cp_table,
    phrases_cp,
    sentence_counts_kernel,
    utf8_column,
)
from operators.quality.common import (
    VOCAB,
    first_failing,
    is_symbol_token,
    resolve_thresholds,
    row_families,
    row_languages,
    share_rewritten,
    tokenize_batch,
)
from operators.text.segment import (
    _PUNCT_ONLY_RE,
    _PY_SPACE,
    CJK_FAMILIES,
    SENTENCE_FINAL,
    chunk_tokens,
    count_sentences_cjk,
    words_ja,
    words_zh,
)

CITATION_RE = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
END_PUNCT_DEFAULT = (".", "?", "!", '"', "'")
# CJK sentence-final marks plus closing quotation marks (the paper's "end quotation mark")
END_PUNCT_CJK = ("。", "！", "？", "!", "?", ".", "．", "｡", "…", "”", "’", "」", "』", '"', "'")
POLICY_DEFAULT = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
POLICY_CJK = POLICY_DEFAULT + (
    "隐私政策",
    "隐私条款",
    "隐私权政策",
    "使用条款",
    "服务条款",
    "用户协议",
    "使用cookie",
    "プライバシーポリシー",
    "利用規約",
)
_CJK_OR_SPACE = re.compile(rf"[\s{PY_CJK_CHAR_CLASS}]+")
_POLICY_BYTES = np.frombuffer("".join(x + "\0" for x in POLICY_DEFAULT).encode("ascii"), np.uint8).copy()
_LOWER = lower_ascii_table()
_POLICY_CJK_CP = phrases_cp(POLICY_CJK)
_CJK_TABLE = np.zeros(0x110000, np.uint8)  # the ranges of PY_CJK_CHAR_CLASS (checked by a test)
for _lo, _hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x3040, 0x30FF), (0x20000, 0x2FA1F)):
    _CJK_TABLE[_lo : _hi + 1] = 1
_END_PUNCT_CJK_TABLE = char_table(END_PUNCT_CJK)
_SENT_TERM_TABLE = char_table("。！？!?．｡")  # segment._CJK_SENT_END_RE
_SENT_CLOSER_TABLE = char_table("”’」』）》\"')]")
_LOWER_CP: list[np.ndarray] = []


def _lower_cp() -> np.ndarray:
    """``lower_cp_table()``, built on first use (a pass over every code point)."""
    if not _LOWER_CP:
        _LOWER_CP.append(lower_cp_table())
    return _LOWER_CP[0]


_SENT_MEMO: dict[str, tuple[tuple[int, bool], tuple[int, bool]]] = {}


def _sentences_default(chunks: list[str]) -> int:
    """``count_sentences_default`` over the tokens of ``chunks``, composed per chunk.

    The sentencizer is a two-state machine (a sentence-final token seen or
    not); each chunk's effect, for either entry state, is memoized as
    (sentence starts, exit state), so a line costs one dictionary lookup per
    chunk instead of a pass over its tokens. Same count as the token pass
    (the first token of a line starts its sentence: counted as 1)."""
    if not chunks:
        return 0
    n = 1
    state = False
    memo = _SENT_MEMO
    for c in chunks:
        eff = memo.get(c)
        if eff is None:
            eff = _chunk_effect(c)
            if len(c) <= 256:
                if len(memo) >= 500_000:
                    memo.clear()
                memo[c] = eff
        inc, state = eff[state]
        n += inc
    return n


_NO_FINAL = SENTENCE_FINAL.isdisjoint
_WORD_CHAR = re.compile(r"\w").search
# the effect of a chunk without a sentence-final character: from either state no sentence starts
# and the state is kept, except after a final token, where its first token with a word character
# starts a sentence (a token of punctuation only does not)
_EFFECT_WORD = ((0, False), (1, False))
_EFFECT_PUNCT = ((0, False), (0, True))
_EFFECT_NONE = ((0, False), (0, True))  # an empty string: no token, the state unchanged


def _chunk_effect(chunk: str) -> tuple[tuple[int, bool], tuple[int, bool]]:
    """(sentence starts, exit state) of ``chunk``'s tokens from either entry state.

    A chunk (no whitespace) without a character of ``SENTENCE_FINAL`` holds no
    sentence-final token, since its tokens are pieces of it (spaCy's exceptions
    spell their chunk out; the long-chunk expression's branches take every
    non-space character): its effect needs no tokens. Its tokens are then all
    punctuation-only (``[^\\w\\s]+``) exactly when it has no word character."""
    if _NO_FINAL(chunk):
        return _EFFECT_WORD if _WORD_CHAR(chunk) else _EFFECT_PUNCT
    # the batch's tokenization (the Gopher filters before this one) memoized its tokens
    toks = VOCAB.known_tokens(chunk)
    if toks is None:
        toks = chunk_tokens(chunk)
    out = []
    for seen_final in (False, True):
        inc = 0
        for t in toks:
            if t in SENTENCE_FINAL:
                seen_final = True
            elif seen_final and not _PUNCT_ONLY_RE.fullmatch(t):
                inc += 1
                seen_final = False
        out.append((inc, seen_final))
    return out[0], out[1]


def _memo_effect(chunk: str) -> tuple[tuple[int, bool], tuple[int, bool]]:
    """:func:`_chunk_effect` of ``chunk``, memoized as in :func:`_sentences_default`."""
    memo = _SENT_MEMO
    eff = memo.get(chunk)
    if eff is None:
        eff = _chunk_effect(chunk)
        if len(chunk) <= 256:
            if len(memo) >= 500_000:
                memo.clear()
            memo[chunk] = eff
    return eff


def _split_effect(chunk: str) -> tuple[tuple[int, bool], tuple[int, bool]]:
    """The composed effect of ``chunk.split()``'s pieces (for a chunk that Arrow's whitespace split left
    holding Python whitespace; none today: their definitions agree, see the tests)."""
    out = []
    for state in (False, True):
        inc = 0
        for piece in chunk.split():
            step, state = _memo_effect(piece)[state]
            inc += step
        out.append((inc, state))
    return out[0], out[1]


def _sentences_batch(texts: list[str]) -> np.ndarray:
    """``sum(_sentences_default(line.split()) for line in text.split("\\n"))`` of each text, for a batch:
    lines and whitespace chunks split by Arrow, each distinct chunk's effect looked up once
    (:func:`_memo_effect`), and the per-chunk composition in :func:`sentence_counts_kernel`
    instead of a dictionary look-up per chunk occurrence in Python."""
    n = len(texts)
    out = np.zeros(n, np.int64)
    if not n:
        return out
    lines = pc.split_pattern(pa.array(texts, pa.large_string()), "\n")
    chunks = pc.utf8_split_whitespace(lines.values)
    line_offsets = np.asarray(lines.offsets.to_numpy(zero_copy_only=False), np.int64)
    chunk_offsets = np.asarray(chunks.offsets.to_numpy(zero_copy_only=False), np.int64)
    enc = pc.dictionary_encode(chunks.values)
    uniq = enc.dictionary.to_pylist()
    idx = np.asarray(enc.indices.to_numpy(zero_copy_only=False), np.int64)
    if _PY_SPACE.isdisjoint("".join(uniq)):
        effects = [_memo_effect(c) if c else _EFFECT_NONE for c in uniq]
    else:
        effects = [
            (_split_effect(c) if c.split() != [c] else _memo_effect(c)) if c else _EFFECT_NONE for c in uniq
        ]
    eff = np.array(effects, np.int64).reshape(len(uniq), 2, 2)
    nonempty = np.fromiter(map(bool, uniq), bool, count=len(uniq))
    sentence_counts_kernel(
        idx, chunk_offsets, line_offsets, np.ascontiguousarray(eff[:, :, 0]), np.ascontiguousarray(eff[:, :, 1]),
        nonempty, out,
    )  # fmt: skip
    return out


class C4Override(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_num_sentences: int | None = None
    min_words_per_line: int | None = None


class C4QualityParams(FilterParams):
    language: str = Field("en", description="language of rows without a `lang` column value (ISO 639-1)")
    remove_lines: bool = Field(
        True, description="rewrite `text` without the removed lines (ignored in annotate mode)"
    )
    remove_citations: bool = Field(
        True, description="delete Wikipedia-style citation marks [1], [edit], [citation needed]"
    )
    filter_no_terminal_punct: bool = Field(
        True, description="remove lines not ending in terminal punctuation"
    )
    min_num_sentences: int | None = Field(
        5, ge=0, description="remove pages with fewer sentences in kept lines"
    )
    min_words_per_line: int | None = Field(3, ge=0, description="remove lines with fewer words")
    max_word_length: int | None = Field(1000, ge=1, description="remove lines containing a longer word")
    filter_lorem_ipsum: bool = Field(True, description="remove pages containing 'lorem ipsum'")
    filter_javascript: bool = Field(True, description="remove lines containing 'javascript'")
    filter_curly_bracket: bool = Field(True, description="remove pages containing '{'")
    filter_policy: bool = Field(True, description="remove lines with terms-of-use / privacy / cookie notices")
    per_language: dict[str, C4Override] = Field(
        default_factory=dict, description="overrides keyed by ISO 639-1 code"
    )


class C4Quality(Filter):
    """Removes boilerplate lines and low-quality pages with the C4 rules (Raffel et al. 2020, §2.2).

    **Changes ``text``**: lines failing a line rule are deleted (unless
    ``remove_lines: false`` or ``mode: annotate``), so the output is the
    cleaned page, as in C4. Line rules, in the order of TFDS ``clean_page``:
    a word longer than 1000 characters; (citation marks are deleted); no
    terminal punctuation (``. ? ! "``, ``'``; a trailing ``...`` does not
    count); fewer than 3 words; contains ``javascript``; contains a
    terms-of-use / privacy / cookie phrase. Page rules (reasons):
    ``c4_lorem_ipsum`` and ``c4_curly_bracket`` (checked on lines that
    survived the earlier line rules, as TFDS and datatrove do), and
    ``c4_too_few_sentences`` (fewer than 5 sentences in the kept lines).

    Chinese/Japanese rows (``lang`` or ``language``): terminal punctuation is
    ``。！？!?．…`` or a closing quotation mark (``”’」』"'``), since CJK
    sentences end without a following space and ``……`` is a normal sentence
    end; words per line are segmenter words that are not punctuation (jieba for
    Chinese);
    the long-word rule ignores CJK characters; sentences are runs of
    ``。！？!?`` followed by more text; policy phrases include 隐私政策,
    使用条款, 服务条款, 用户协议.

    Signal columns: ``c4_lines`` (lines in the input), ``c4_lines_removed``,
    ``c4_sentences`` (in kept lines), ``c4_text_modified`` (the text was
    rewritten), and per line rule ``c4_lines_long_word``,
    ``c4_lines_no_terminal_punct``, ``c4_lines_too_few_words``,
    ``c4_lines_javascript``, ``c4_lines_policy``, ``c4_page_flag``
    (``lorem_ipsum`` / ``curly_bracket`` / null).
    """

    name: ClassVar[str] = "c4_quality"
    Params: ClassVar[type[OpParams]] = C4QualityParams
    signals: ClassVar[dict[str, Signal]] = {
        "c4_lines": Signal("lines in the input text"),
        "c4_lines_removed": Signal("lines removed by the C4 line rules"),
        "c4_sentences": Signal("sentences in the kept lines", ("min_num_sentences",)),
        "c4_lines_long_word": Signal("lines removed: a word over max_word_length characters"),
        "c4_lines_no_terminal_punct": Signal("lines removed: no terminal punctuation"),
        "c4_lines_too_few_words": Signal("lines removed: fewer than min_words_per_line words"),
        "c4_lines_javascript": Signal("lines removed: mention javascript"),
        "c4_lines_policy": Signal("lines removed: terms of use / privacy / cookie notice"),
    }
    output_columns: ClassVar[dict[str, str]] = {
        "c4_text_modified": "text was rewritten (lines or citations removed)",
        "c4_page_flag": "page rule hit: lorem_ipsum or curly_bracket (null: none)",
    }
    card_topics: ClassVar[frozenset[str]] = frozenset({"heuristic_filters"})

    def score(self, table: pa.Table) -> pa.Table:
        p: C4QualityParams = self.params
        texts = table.column("text").to_pylist()
        langs = row_languages(table, p.language)
        fams = row_families(langs)
        th = resolve_thresholds(p, p.per_language, langs, ["min_num_sentences", "min_words_per_line"])
        n = table.num_rows
        cols = {
            k: np.zeros(n, np.int64)
            for k in ("lines", "removed", "sent", "long", "punct", "few", "js", "policy")
        }
        page_fail: list[str | None] = [None] * n
        modified = np.zeros(n, bool)
        new_texts = list(texts)
        rewrite = p.remove_lines and not self.annotate_only
        is_cjk = np.array([f in CJK_FAMILIES for f in fams], bool)
        self._score_kernel(
            table, np.flatnonzero(~is_cjk), th, cols, page_fail, modified, new_texts, texts, rewrite
        )
        cjk_rows = np.flatnonzero(is_cjk)
        if len(cjk_rows):
            fallback = self._score_cjk_kernel(
                table, cjk_rows, fams, th, cols, page_fail, modified, new_texts, texts, rewrite
            )
            for i in fallback.tolist():
                self._score_cjk_row(
                    i, texts[i] or "", fams[i], th, cols, page_fail, modified, new_texts, rewrite
                )
        failed = np.array([f is not None for f in page_fail], dtype=bool)
        if rewrite:
            table = put_column(table, "text", pa.array(new_texts, pa.string()))
            # the next filter's tokens of the rewritten Chinese texts, from the originals' held ones
            changed = [i for i in cjk_rows.tolist() if fams[i] == "zh" and new_texts[i] is not texts[i]]
            if changed:
                share_rewritten([fams[i] for i in changed], [texts[i] for i in changed],
                                [new_texts[i] for i in changed])  # fmt: skip
        table = put_column(table, "c4_lines", pa.array(cols["lines"]))
        table = put_column(table, "c4_lines_removed", pa.array(cols["removed"]))
        table = put_column(table, "c4_sentences", pa.array(cols["sent"]))
        table = put_column(table, "c4_text_modified", pa.array(modified & ~failed))
        table = put_column(table, "c4_lines_long_word", pa.array(cols["long"]))
        table = put_column(table, "c4_lines_no_terminal_punct", pa.array(cols["punct"]))
        table = put_column(table, "c4_lines_too_few_words", pa.array(cols["few"]))
        table = put_column(table, "c4_lines_javascript", pa.array(cols["js"]))
        table = put_column(table, "c4_lines_policy", pa.array(cols["policy"]))
        return put_column(table, "c4_page_flag", pa.array(page_fail, pa.string()))

    def _score_cjk_kernel(
        self, table, rows, fams, th, cols, page_fail, modified, new_texts, texts, rewrite
    ) -> np.ndarray:
        """The line rules of the Chinese/Japanese rows ``rows`` in ``c4_cjk_lines_kernel``.

        A first pass runs without words; the rows that reach a word count are
        then segmented (:func:`tokenize_batch`: the batch's shared segmentation
        when an earlier filter made it) and run again with their words.
        Returns the rows the kernel left to :meth:`_score_cjk_row` (a citation
        mark deleted from a line whose words are counted: that line must be
        segmented again)."""
        p: C4QualityParams = self.params
        data, offsets = utf8_column(table.column("text"))
        n = table.num_rows
        out = np.zeros(data.shape[0] + 1, np.uint8)
        out_offsets = np.zeros((n, 2), np.int64)
        counts = np.zeros((n, 8), np.int64)
        flags = np.zeros(n, np.int8)
        fallback = np.zeros(n, np.int8)
        min_sent = th["min_num_sentences"]
        min_words = np.asarray(th["min_words_per_line"], np.float64)
        fixed = (
            -1 if p.max_word_length is None else p.max_word_length,
            p.remove_citations,
            p.filter_no_terminal_punct,
            min_words,
            min_sent == min_sent,
            p.filter_lorem_ipsum,
            p.filter_javascript,
            p.filter_curly_bracket,
            p.filter_policy,
            _POLICY_CJK_CP,
            SPACE_TABLE,
            _CJK_TABLE,
            DECIMAL_TABLE,
            _lower_cp(),
            _END_PUNCT_CJK_TABLE,
            _SENT_TERM_TABLE,
            _SENT_CLOSER_TABLE,
        )
        no_tokens = np.zeros(n + 1, np.int64)
        empty = np.zeros(0, np.int64)
        c4_cjk_lines_kernel(
            data, offsets, rows.astype(np.int64), False, no_tokens, empty, empty.astype(bool),
            *fixed, out, out_offsets, counts, flags, fallback,
        )  # fmt: skip
        again = rows[fallback[rows] == 2]
        if len(again):
            counts[again] = 0
            flags[again] = 0
            fallback[again] = 0
            tb = tokenize_batch([texts[i] or "" for i in again.tolist()], [fams[i] for i in again.tolist()],
                                share=False)  # fmt: skip
            tok_offsets = np.zeros(n + 1, np.int64)  # row i's tokens: tb.offsets of its place in `again`
            per_row = np.zeros(n, np.int64)
            per_row[again] = np.diff(tb.offsets)
            np.cumsum(per_row, out=tok_offsets[1:])
            # `again` is increasing, so rows keep their order and tb's tokens line up with tok_offsets
            c4_cjk_lines_kernel(
                data, offsets, again.astype(np.int64), True, tok_offsets,
                np.ascontiguousarray(tb.length, np.int64), np.ascontiguousarray(tb.nonsym, np.bool_),
                *fixed, out, out_offsets, counts, flags, fallback,
            )  # fmt: skip
        done = rows[fallback[rows] == 0]
        for name, k in (("lines", 0), ("long", 1), ("punct", 2), ("few", 3), ("js", 4), ("policy", 5)):
            cols[name][done] = counts[done, k]
        cols["removed"][done] = counts[done, 1:6].sum(axis=1)
        cols["sent"][done] = counts[done, 7]
        out_b = out.tobytes()
        for i in done.tolist():
            if flags[i]:  # page rule: text unchanged
                page_fail[i] = "lorem_ipsum" if flags[i] == 1 else "curly_bracket"
                continue
            new = out_b[out_offsets[i, 0] : out_offsets[i, 1]].decode("utf-8").strip()
            if new != (texts[i] or ""):
                modified[i] = True
                if rewrite and not counts[i, 7] < min_sent[i]:
                    new_texts[i] = new
        return rows[fallback[rows] != 0]

    def _score_cjk_row(self, i, text, fam, th, cols, page_fail, modified, new_texts, rewrite) -> None:
        """The line rules of one Chinese/Japanese row in Python, each line segmented on its own."""
        p: C4QualityParams = self.params
        min_words = th["min_words_per_line"][i]
        min_sent = th["min_num_sentences"][i]
        for k in cols:
            cols[k][i] = 0
        kept: list[str] = []
        n_lines = sentences = 0
        for line in text.splitlines():
            n_lines += 1
            line = line.strip()
            if (
                p.max_word_length is not None
                and len(line) > p.max_word_length  # a shorter line cannot hold a longer word
                and any(len(w) > p.max_word_length for w in _CJK_OR_SPACE.split(line))
            ):
                cols["long"][i] += 1
                continue
            if p.remove_citations:
                line = CITATION_RE.sub("", line)
            if p.filter_no_terminal_punct and not line.endswith(END_PUNCT_CJK):
                cols["punct"][i] += 1
                continue
            if min_words == min_words and min_words > 0:  # not NaN
                segment = words_zh if fam == "zh" else words_ja
                if sum(1 for w in segment(line) if not is_symbol_token(w)) < min_words:
                    cols["few"][i] += 1
                    continue
            low = line.lower()
            if p.filter_lorem_ipsum and "lorem ipsum" in low:
                page_fail[i] = "lorem_ipsum"
                break
            if p.filter_javascript and "javascript" in low:
                cols["js"][i] += 1
                continue
            if p.filter_curly_bracket and "{" in line:
                page_fail[i] = "curly_bracket"
                break
            if p.filter_policy and any(x in low for x in POLICY_CJK):
                cols["policy"][i] += 1
                continue
            if min_sent == min_sent:  # rule active
                sentences += count_sentences_cjk(line)
            kept.append(line)
        cols["lines"][i] = n_lines
        cols["sent"][i] = sentences
        cols["removed"][i] = (
            cols["long"][i] + cols["punct"][i] + cols["few"][i] + cols["js"][i] + cols["policy"][i]
        )
        if page_fail[i] is None:
            new = "\n".join(kept).strip()
            if new != text:
                modified[i] = True
                if rewrite and not sentences < min_sent:
                    new_texts[i] = new

    def _score_kernel(self, table, rows, th, cols, page_fail, modified, new_texts, texts, rewrite) -> None:
        """The line rules of the space-delimited rows ``rows`` in ``c4_lines_kernel``;
        sentences of the kept lines and the rewritten text here."""
        if not len(rows):
            return
        p: C4QualityParams = self.params
        data, offsets = utf8_column(table.column("text"))
        n = table.num_rows
        out = np.zeros(data.shape[0] + 1, np.uint8)
        out_offsets = np.zeros((n, 2), np.int64)
        counts = np.zeros((n, 7), np.int64)
        flags = np.zeros(n, np.int8)
        min_words = np.asarray(th["min_words_per_line"], np.float64)
        c4_lines_kernel(
            data,
            offsets,
            rows.astype(np.int64),
            -1 if p.max_word_length is None else p.max_word_length,
            p.remove_citations,
            p.filter_no_terminal_punct,
            min_words,
            p.filter_lorem_ipsum,
            p.filter_javascript,
            p.filter_curly_bracket,
            p.filter_policy,
            _POLICY_BYTES,
            SPACE_TABLE,
            DECIMAL_TABLE,
            _LOWER,
            out,
            out_offsets,
            counts,
            flags,
        )
        for name, k in (("lines", 0), ("long", 1), ("punct", 2), ("few", 3), ("js", 4), ("policy", 5)):
            cols[name][rows] = counts[rows, k]
        cols["removed"][rows] = counts[rows, 1:6].sum(axis=1)
        out_b = out.tobytes()
        min_sent = th["min_num_sentences"]
        row_list = rows.tolist()
        joined_rows = [out_b[out_offsets[i, 0] : out_offsets[i, 1]].decode("utf-8") for i in row_list]
        counted = [k for k, i in enumerate(row_list) if min_sent[i] == min_sent[i] and counts[i, 6]]
        if counted:
            at = np.asarray([row_list[k] for k in counted], np.int64)
            cols["sent"][at] = _sentences_batch([joined_rows[k] for k in counted])
        for i, joined in zip(row_list, joined_rows):
            sentences = cols["sent"][i]
            if flags[i]:  # page rule: sentences of the lines kept before it, text unchanged
                page_fail[i] = "lorem_ipsum" if flags[i] == 1 else "curly_bracket"
                continue
            new = joined.strip()
            if new != (texts[i] or ""):
                modified[i] = True
                if rewrite and not sentences < min_sent[i]:
                    new_texts[i] = new

    def decide(self, scored: pa.Table) -> Decision:
        p: C4QualityParams = self.params
        langs = row_languages(scored, p.language)
        th = resolve_thresholds(p, p.per_language, langs, ["min_num_sentences"])
        flag = scored.column("c4_page_flag").to_pylist()
        sent = np.asarray(scored.column("c4_sentences").to_numpy(zero_copy_only=False), np.float64)
        with np.errstate(invalid="ignore"):
            checks = [
                (np.array([f == "lorem_ipsum" for f in flag], bool), "c4_lorem_ipsum"),
                (np.array([f == "curly_bracket" for f in flag], bool), "c4_curly_bracket"),
                (sent < th["min_num_sentences"], "c4_too_few_sentences"),
            ]
        keep, reasons = first_failing(scored.num_rows, checks)
        return Decision(keep=keep, reasons=reasons)
