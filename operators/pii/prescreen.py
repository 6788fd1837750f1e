r"""Cheap candidate search that decides which documents, and which parts of
them, the Presidio analyzer sees.

Every match of every pattern recognizer contains a *trigger*: a run of at
least ``min_digits`` digits (up to six characters other than ASCII letters,
CJK ideographs and line breaks allowed between digits; ``\p{L}`` would be
exact but makes RE2 ten times slower), an ``@`` before an ASCII word
character, an IPv4/IPv6 fragment, an IBAN head, a Bitcoin-like run or a
province abbreviation followed by a plate letter. Triggers are written in the
regex dialect shared by RE2 (``pyarrow.compute``) and the ``regex`` module,
so the same expression

1. pre-screens a whole batch in C++ (``pc.match_substring_regex``): documents
   without a trigger skip the analyzer, and
2. locates triggers inside the remaining documents (RE2 again), each widened by the
   longest stretch a match can extend past its trigger (``PAD`` characters,
   plus the ASCII token around it, e.g. an e-mail's local part) and by the
   context windows, then snapped outwards to whitespace or a CJK character.

Overlapping windows are merged and each is analyzed on its own, for only the
entities its triggers can produce. Because windows end at whitespace/CJK
characters that the recognizers treat like the start or end of a text, and
cover every character a match or its context window can reach, the findings
equal those of analyzing the whole document (tested against it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import re2

#: How far a match may extend beyond its trigger (phone extensions, "EA"
#: passport prefixes, the X of an ID, ``+86 (`` before a mobile number).
PAD = 32
#: Longest ASCII token (an e-mail's local part and domain) followed from a trigger.
TOKEN_CAP = 320

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_D = "[0-9０-９]"
_L = "[A-Za-zＡ-Ｚａ-ｚ]"
_HEX = "[0-9A-Fa-f０-９Ａ-Ｆａ-ｆ]"

_DIGIT_ENTITIES = frozenset(
    {"PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "CN_ID_CARD", "CN_MOBILE", "CN_BANK_CARD", "CN_PASSPORT", "CN_LANDLINE",
     "CN_USCC", "CN_HK_MACAU_PERMIT", "CN_TAIWAN_PERMIT", "DATE_OF_BIRTH"}
)  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    name: str
    pattern: str  # valid for RE2 and the `regex` module
    entities: frozenset[str]


def triggers_for(entities: frozenset[str], min_digits: int) -> list[Trigger]:
    """The triggers needed for ``entities``; ``min_digits`` is the fewest digits
    any digit-based entity can have (7: passports, phones)."""
    reps = max(min_digits - 1, 1)
    # Full-width forms (U+FF01-U+FF5E) are folded to ASCII before analysis (``width.py``), so
    # every ASCII character a trigger needs also matches in its full-width form.
    all_triggers = [
        Trigger("digits", r"\p{Nd}(?:[^A-Za-z%s\p{Nd}\n\r]{0,6}\p{Nd}){%d,}" % (_CJK, reps), _DIGIT_ENTITIES),
        Trigger("email", r"[@＠][A-Za-z0-9_Ａ-Ｚａ-ｚ０-９＿]", frozenset({"EMAIL_ADDRESS"})),
        Trigger(
            "ipv4",
            r"{d}{{1,3}}[.．]{d}{{1,3}}[.．]{d}{{1,3}}[.．]{d}{{1,3}}".format(d=_D),
            frozenset({"IP_ADDRESS"}),
        ),
        Trigger("ipv6", f"{_HEX}[:：]{_HEX}{{0,4}}[:：]|[:：][:：]{_HEX}", frozenset({"IP_ADDRESS"})),
        Trigger(
            "iban", f"{_L}{{2}}{_D}{{2}}[ \\-－]?[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]{{4}}", frozenset({"IBAN_CODE"})
        ),
        Trigger("crypto", r"(?i:(?:bc1|[13])[a-z0-9]{25})", frozenset({"CRYPTO"})),
        Trigger("plate", f"[{_PROVINCES}][A-ZＡ-Ｚ]", frozenset({"CN_LICENSE_PLATE"})),
        Trigger("url", r"(?i:[a-z0-9-]\.[a-z]{2})", frozenset({"URL"})),
        Trigger("qq", r"(?i:qq)|扣扣|[Ｑｑ][Ｑｑ]", frozenset({"CN_QQ"})),
        Trigger("wechat", r"微信|(?i:wechat|weixin|vx|wx)", frozenset({"CN_WECHAT"})),
        Trigger("year", f"(?:[1１][9９]|[2２][0０]){_D}{{2}}", frozenset({"DATE_OF_BIRTH"})),
        Trigger(
            "age",
            f"{_D}(?:周岁|岁)|(?i:{_D}[- ]years?[- ]old|{_D}[- ]year-old|{_D}[- ]yo|aged? ?[:：]? ?{_D})|年龄",
            frozenset({"AGE"}),
        ),
    ]
    out = []
    for t in all_triggers:
        wanted = t.entities & entities
        if wanted:
            out.append(Trigger(t.name, t.pattern, frozenset(wanted)))
    return out


class Prescreen:
    """Batch pre-screen and per-document windows for a set of triggers."""

    def __init__(self, triggers: list[Trigger], context_before: int, context_after: int) -> None:
        self.triggers = triggers
        self.combined = "|".join(f"(?:{t.pattern})" for t in triggers)
        # RE2 per document too: the same engine as the batch pre-screen, 3.5x less CPU than the
        # `regex` module on these patterns (a search per trigger; most documents match one or two)
        self._compiled = [(re2.compile(t.pattern), t.entities) for t in triggers]
        # One RE2::Set pass names the triggers a document holds (a document holds one or two of
        # them, or none): only those are scanned for positions, not every trigger over the whole
        # text (3.8x less CPU for the windows of English web text). The Set reports no trigger
        # also when its DFA runs out of memory; ``_any`` (one ordinary RE2 search, which falls
        # back to the NFA) then decides whether every trigger is scanned.
        self._present = re2.Set.SearchSet()
        for t in triggers:
            self._present.Add(t.pattern)
        if triggers:
            self._present.Compile()
        self._any = re2.compile(self.combined) if triggers else None
        self._args = (triggers, context_before, context_after)
        self.margin_before = PAD + context_before
        self.margin_after = PAD + context_after

    def __getstate__(self):  # an RE2 Set does not pickle: it is rebuilt from the triggers
        return self._args

    def __setstate__(self, state) -> None:
        self.__init__(*state)

    def candidates(self, texts: pa.Array | pa.ChunkedArray) -> pa.Array:
        """Boolean mask: documents holding at least one trigger.

        The compiled ``_any`` (RE2, the engine of ``windows``) searches each document's UTF-8 bytes
        in the array's own data buffer (no copy, no decoding): ``pc.match_substring_regex`` compiles
        the combined pattern and builds its DFA afresh on every call, which cost 2-4 times the
        search itself on a batch. Triggers have no anchors, word boundaries or look-arounds, so a
        search bounded to a document's bytes answers as one over the document alone."""
        if not self.triggers:
            return pa.array([False] * len(texts))
        if isinstance(texts, pa.ChunkedArray):
            texts = texts.combine_chunks() if texts.num_chunks else pa.array([], texts.type)
        if texts.type in _OFFSET_WIDTH:
            return pa.array(_search_each(self._any, texts), pa.bool_())
        mask = pc.match_substring_regex(texts, self.combined)
        if isinstance(mask, pa.ChunkedArray):
            mask = mask.combine_chunks()
        return pc.fill_null(mask, False)

    def windows(self, text: str) -> list[tuple[int, int, frozenset[str]]]:
        """Disjoint ``(start, end, entities)`` windows covering every possible match: the
        matches of each trigger the document holds (``_present``).

        Linear in ``len(text)`` whatever the number of triggers: token extension
        is a bounded C-level match per trigger, and snapping to a boundary never
        rescans text an earlier window already covers (see ``_snap_left``)."""
        n = len(text)
        spans: list[tuple[int, int, frozenset[str]]] = []
        present = self._present.Match(text) if self._compiled else None
        if present is None:  # no trigger, or the Set's DFA gave up: one plain search decides
            if self._any is None or self._any.search(text) is None:
                return []
            present = range(len(self._compiled))
        for i in sorted(present):  # in trigger order, as the spans' stable sort below expects
            compiled, entities = self._compiled[i]
            for m in compiled.finditer(text):
                s, e = m.span()
                lo = max(0, s - TOKEN_CAP)
                s -= _TOKEN_RUN.match(text[s - 1 : lo - 1 if lo else None : -1]).end() if s else 0
                e = _TOKEN_RUN.match(text, e, min(n, e + TOKEN_CAP)).end()
                spans.append((max(0, s - self.margin_before), min(n, e + self.margin_after), entities))
        if not spans:
            return []
        spans.sort(key=lambda x: x[0])
        merged: list[list] = []
        for s, e, ents in spans:
            floor = merged[-1][1] if merged else 0
            if s <= floor and merged:
                s = floor
            else:
                s = _snap_left(text, s, floor)
            if merged and s <= merged[-1][1]:
                if e > merged[-1][1]:
                    merged[-1][1] = _snap_right(text, e)
                merged[-1][2] = merged[-1][2] | ents
            else:
                merged.append([s, _snap_right(text, e), ents])
        return [(s, e, ents) for s, e, ents in merged]


#: Offset width (bytes) of the string types whose data buffer ``_search_each`` reads.
_OFFSET_WIDTH = {pa.string(): 4, pa.large_string(): 8}


def _search_each(compiled, texts: pa.Array, only: np.ndarray | None = None) -> np.ndarray:
    """Whether ``compiled`` (a pattern without anchors or look-arounds) matches in each non-null
    value of a string array: one bounded search per value over the data buffer; with ``only`` (a
    boolean mask), in those values only (False elsewhere)."""
    n = len(texts)
    out = np.zeros(n, dtype=bool)
    if n == 0:
        return out
    validity, offsets, data = texts.buffers()
    width = _OFFSET_WIDTH[texts.type]
    bounds = np.frombuffer(
        offsets, dtype=np.int32 if width == 4 else np.int64, count=n + 1, offset=texts.offset * width
    )
    if data is None:
        return out  # (every value empty or null)
    view = memoryview(data)
    valid = texts.is_valid().to_numpy(zero_copy_only=False) if validity is not None else None
    starts, ends = bounds[:-1].tolist(), bounds[1:].tolist()
    search = compiled.search
    for k in range(n) if only is None else np.flatnonzero(only).tolist():
        if starts[k] < ends[k] and (valid is None or valid[k]):
            out[k] = search(view, starts[k], ends[k]) is not None
    return out


#: A run of ASCII non-space characters (the recognizers' tokens), full-width forms included.
_TOKEN_RUN = re.compile(r"[^\s\x80-\uff00\uff5f-\U0010ffff]*")
#: Whitespace or a CJK character: where a window may start or end.
_BOUNDARY = re.compile(r"[\s\u3400-\u9fff\uf900-\ufaff]")


def _snap_left(text: str, i: int, floor: int = 0) -> int:
    """The nearest ``j <= i`` with ``text[j]`` a boundary, not below ``floor``
    (the end of the previous window: reaching it merges the two)."""
    if i <= floor:
        return floor
    m = _BOUNDARY.search(text[i : floor - 1 if floor else None : -1])
    return i - m.start() if m else floor


def _snap_right(text: str, i: int) -> int:
    """The nearest ``j >= i`` with ``text[j - 1]`` a boundary (or the end)."""
    if i <= 0:
        return 0
    m = _BOUNDARY.search(text, i - 1)
    return m.end() if m else len(text)
