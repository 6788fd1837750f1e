"""Language-aware word and sentence segmentation for the heuristic quality filters.

Why these choices
-----------------
The Gopher, C4 and FineWeb rules are stated over *words* and *sentences*.
What a word is decides what the rules measure, so we pin it down per language:

* **Space-delimited languages** (English and every language that is not
  zh/ja/ko): tokens follow the conventions of spaCy's rule-based English
  tokenizer, which is what datatrove (the reference implementation of these
  filters) uses: text is split on whitespace, then punctuation is split off
  as separate tokens (``"Hello,"`` -> ``Hello`` ``,``), clitics are split
  (``don't`` -> ``do`` ``n't``, ``it's`` -> ``it`` ``'s``), while URLs,
  e-mails, numbers (``3.14``, ``1,000``, ``10:30``), abbreviations
  (``U.S.``, ``Mr.``) and intra-word apostrophes (``O'Brien``) stay whole.
  Punctuation tokens matter: Gopher's "80% of words contain an alphabetic
  character" counts them. Whitespace chunks of up to 64 characters get
  exactly spaCy's tokens: :class:`SpacyRules` applies spaCy's own English
  rules (tokenizer exceptions, prefix/suffix/infix expressions, URL match,
  special-case matcher) the way spaCy's tokenizer does, without building
  ``Doc`` objects, memoized per affix step and per chunk (word shapes
  repeat). It gives spaCy's tokens on all 263,074 distinct chunks of
  ``en_docs`` and ``en_web`` plus 30,000 random punctuation strings, and
  the four filters agree with datatrove on 100% of both corpora
  (``scripts/parity_datatrove.py``; the regular-expression approximation
  used before agreed on 93.1% of ``en_docs`` for gopher_quality: code and
  command lines, ``--help``, ``main():``, ``.gitignore``). Longer chunks
  (URLs, blobs, symbol runs: 215 of those 263,074) use one compiled regular
  expression with spaCy's conventions, linear in the chunk by construction
  (no branch can backtrack over what it scanned; see the comment above it
  and ``docs/linear_time.md``), since spaCy's affix loop is quadratic in
  the chunk length.
* **Chinese**: jieba's segmentation (precise mode, HMM on), computed by rjieba
  (jieba-rs, see :func:`words_zh`) for the filters; jieba itself - the most widely used Chinese
  segmenter (MIT, pure Python, ships its dictionary in the wheel so nothing
  downloads, maintained since 2012, and the segmenter spaCy's ``zh`` pipeline
  and datatrove use for Chinese). A private :class:`jieba.Tokenizer` is
  initialized once per process, quietly (its logger is silenced), from the
  packaged dictionary; the dictionary cache goes to the temp directory.
* **Japanese**: no dictionary-based segmenter is a project dependency, so
  Japanese uses script-run segmentation (a kanji run with its trailing
  hiragana okurigana, katakana runs, hiragana runs, Latin words and
  punctuation as tokens). It is a coarse approximation of morphological
  segmentation (particles attach to the previous hiragana run); thresholds
  for ``ja`` are set accordingly (see ``docs/quality_filters.md``).
* **Korean** separates words (eojeol) with spaces, so the space-delimited
  tokenizer applies; punctuation is split off as for English.

Per-process start-up (every Ray worker pays it before its first batch):
spaCy's English rules are read from a JSON copy in the user cache directory
(:func:`english_rules`, written on first use), so a worker compiles four
expressions instead of importing spaCy and building ``spacy.blank("en")``;
rjieba (whose import loads jieba's dictionary) is imported on the first
Chinese text. The cold tokenizer skips searches that cannot match, using the
characters a match must start with or contain, derived from spaCy's own
expressions (:func:`infix_start_chars`, :func:`required_chars`).

Sentences: for space-delimited text we count sentence boundaries the way
spaCy's ``sentencizer`` does (a sentence-final punctuation token followed by
a non-punctuation token); for CJK text, boundaries are runs of ``。！？!?``
(optionally followed by closing quotes/brackets) followed by more text, since
CJK text has no spaces after a full stop.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from typing import Literal

from operators._text import PY_CJK_CHAR_CLASS
from operators.text._disk_cache import cached_json

Family = Literal["default", "zh", "ja", "ko"]

# --------------------------------------------------------------------------
# language -> segmentation family
# --------------------------------------------------------------------------
_ZH_CODES = {"zh", "zho", "chi", "cmn", "yue", "wuu", "gan", "hak", "nan", "lzh", "hsn", "cdo"}
_JA_CODES = {"ja", "jpn"}
_KO_CODES = {"ko", "kor"}


def family_of(lang: str | None, default: Family = "default") -> Family:
    """Map an ISO 639-1/3 code (``en``, ``zh``, ``zh-Hant``, ``zh_TW``, ``jpn``) to a segmentation family."""
    if not lang:
        return default
    base = re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]
    if base in _ZH_CODES:
        return "zh"
    if base in _JA_CODES:
        return "ja"
    if base in _KO_CODES:
        return "ko"
    return "default"


CJK_FAMILIES = frozenset({"zh", "ja"})

# --------------------------------------------------------------------------
# space-delimited languages: spaCy-convention tokenizer, memoized per chunk
# --------------------------------------------------------------------------
_W = r"[^\W_]"  # letter or digit
_L = r"[^\W\d_]"  # letter
_CLITIC = r"(?:[sdmSDM]|re|ve|ll|RE|VE|LL)"
# abbreviations spaCy's English tokenizer exceptions keep with their period
_ABBREVIATIONS = (
    "Mr Mrs Ms Dr St Jr Inc Ltd Co Corp Bros vs v Mt Ft Messrs Rev Prof Gen Col Lt Capt Adm Gov Sen "
    "Rep Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind "
    "Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Va Vt Wash Wis Wyo Dec Jan"
).split()
_UNITS = (
    "km km² km³ m m² m³ dm cm cm² cm³ mm mm² mm³ ha µm nm yd in ft kg g mg µg t lb lbs oz mph kmh hPa Pa "
    "mbar mb MB kb KB gb GB tb TB am pm a.m. p.m."
).split()
_UNIT_RE = "|".join(re.escape(u) for u in sorted(set(_UNITS), key=len, reverse=True))

# Characters between two word characters that spaCy's English infix rules do
# *not* split on (everything else inside a chunk stays in the token):
# a period unless lower.Upper, a comma unless letter,letter, a hyphen unless
# alnum-letter or digit-digit, ':<>=/' unless followed by a letter, '+*^'
# unless digit-digit, apostrophes unless a clitic follows, and any other
# non-space symbol except the ellipsis.
_CONN = (
    rf"(?:(?<![a-z'\"”’])\.|\.(?![A-Z])"
    rf"|(?<!{_L}),|,(?!{_L})"
    rf"|(?<!\d)-(?!{_L}|-)|-(?![\d\-]|{_L})"
    rf"|[:<>=/](?!{_L})"
    r"|(?<!\d)[+*^]|[+*^](?![\d-])"
    rf"|['’](?!{_CLITIC}(?!{_W}))|[‘`´]"
    rf"|[—–~](?!{_L}|[—–~])"
    r"|_|[^\s\w.,\-:<>=/+*^'’‘`´…—–~°©®™])"
)

# Linear time by construction.  ``findall`` tries the alternatives below at
# each token start, in order; Python's ``re`` backtracks, so every
# alternative is written so that the work it does at a start is either
# bounded by a constant or covers characters that no other start rescans:
#
# * URL / www: ``\S*`` runs to the chunk end and backs off over trailing
#   punctuation once; the match then consumes everything but that trailing
#   punctuation (the old lazy ``\S*?(?=[...]*$)`` rescanned the punctuation
#   tail at every character: quadratic on ``http://a.....``).
# * e-mail and n't: each scans one maximal run of its character class, and a
#   lookbehind lets it start only at the first character of that run, so each
#   run is scanned by at most one start (the old e-mail branch rescanned a
#   ``[\w.+-]`` run from every token start inside it: quadratic).
# * number+unit starts only at the first digit of a digit run; a number
#   ``1.2,3`` is then consumed by the word branch (``.`` and ``,`` between
#   digits always connect), so each number is scanned at most twice.
# * abbreviations, initials, clitics, ``cannot``: bounded length.
# * words: ``{_W}++`` and ``(?>{_CONN}+)`` never give back characters.  In the
#   old ``{_W}+(?:{_CONN}+{_W}+)*`` a period (or comma, hyphen, apostrophe)
#   can be matched by two ``_CONN`` branches, so a run of n dots after a word
#   that no letter follows was retried in 2**n ways ("好" + "." * 28: 82 s).
#   Possessive/atomic matching is equivalent here: ``_W`` and ``_CONN`` are
#   disjoint, so giving back characters can never let the next piece match,
#   and the tail after the group cannot fail.  A connector run that ends the
#   word is scanned once by the one word start before it.
# * punctuation runs: consumed whole, or one character.
# Every lookaround looks at most 4 characters away.
_PUNCT_TAIL = r"[^\s.,;:!?)\]'\"’”]"  # not trailing punctuation of a URL
_CHUNK_TOKEN_RE = re.compile(
    rf"(?:https?|ftp)://(?:\S*{_PUNCT_TAIL})?"  # URL (trailing punctuation split off)
    rf"|www\.(?:\S*{_PUNCT_TAIL})?"
    r"|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+"  # e-mail
    r"|@\w+"  # handle
    rf"|(?<![\w.]){_L}{{1,2}}\.(?:{_L}{{1,2}}\.)+"  # U.S. e.g. Ph.D.
    rf"|(?<![\w.])(?:{'|'.join(sorted(set(_ABBREVIATIONS)))})\.(?!\w)"
    r"|(?<![\w.])[A-Z]\.(?!\w)"  # initial: John F. Kennedy
    r"|(?<![\w.])[Cc]an(?=not$|not\W)"  # cannot -> can not
    rf"|(?<!{_W}){_W}+(?=n['’]t(?!{_W}))"  # do|n't, ca|n't
    rf"|n['’]t(?!{_W})|N['’]T(?!{_W})"
    rf"|(?<={_W})['’]{_CLITIC}(?!{_W})"  # it|'s, they|'re
    rf"|(?<!\d)\d+(?:[.,]\d+)*(?=(?:{_UNIT_RE})(?!\w))"  # 800|m, 5|kg, 9|am
    rf"|(?:^[-/]|^\.(?=\d))?\+?{_W}++(?:(?>{_CONN}+){_W}++)*+\+*(?:-$)?"  # words, numbers
    r"|\.{2,}|-{2,}|/+|[^\w\s]|_"  # punctuation: ellipsis, dash runs, one char otherwise
)

_CHUNK_CACHE: dict[str, tuple[str, ...]] = {}
_CHUNK_CACHE_MAX = 500_000
MEMO_MAX_CHARS = 256  # longer chunks (URLs, blobs, megabyte tokens) rarely repeat: not memoized


# whole-chunk special cases of spaCy's English tokenizer exceptions
_SPECIAL: dict[str, tuple[str, ...]] = {
    "cannot": ("can", "not"),
    "Cannot": ("Can", "not"),
    "gonna": ("gon", "na"),
    "Gonna": ("Gon", "na"),
    "gotta": ("got", "ta"),
    "Gotta": ("Got", "ta"),
    "and/or": ("and/or",),
    **{e: (e,) for e in ":) :-) ;) ;-) :( :-( ): (: :D :P :p :-P <3 ^_^ :/ :-/ xD".split()},
}


# Chunks up to this length are tokenized by spaCy's English rules (exact
# datatrove parity, :class:`SpacyRules`); longer ones (URLs, blobs, runs of
# symbols) by the linear-time expression above. spaCy strips affixes one at a
# time and searches the rest again each time, so its cost grows with the
# square of the chunk length (spaCy itself: a 256-character run of ')' takes
# 4.4 ms, 64 characters 0.3-0.6 ms): bounding the length bounds the cost per
# character. On en_docs 142 of 142,197
# distinct chunks are longer than 64 characters, on en_web 73 of 108,497.
SPACY_MAX_CHARS = 64
_SPACY = None
_SPACY_LOCK = threading.RLock()  # spacy_rules() builds the tokenizer while holding it


def spacy_tokenizer():
    """spaCy's blank English pipeline (rule-based tokenizer only, no model), built once per process.

    spaCy is installed with presidio-analyzer (a dependency); its rules ship
    in the package, so nothing downloads."""
    global _SPACY
    if _SPACY is None:
        with _SPACY_LOCK:
            if _SPACY is None:
                import spacy

                _SPACY = spacy.blank("en")
    return _SPACY


_MISSING = object()


_PARSED: dict[tuple[str, int], object] = {}


def _parsed(pat: re.Pattern):
    """``re._parser.parse`` of ``pat``, memoized while :class:`SpacyRules` is built: each of the
    rules' expressions (up to 15 KB) is read by several of the derivations below (shortcut
    tables, start characters, per-character alternations), and parsing one is ~30 ms of a fresh
    worker's start. The trees are only read, never changed; the memo is emptied once the rules
    are built."""
    from re import _parser as sre_parse

    key = (pat.pattern, pat.flags)
    tree = _PARSED.get(key)
    if tree is None:
        tree = sre_parse.parse(pat.pattern, pat.flags)
        _PARSED[key] = tree
    return tree


def _tail_search(search):
    """``search`` for an end-anchored alternation, started where a match can start.

    ``re.search`` tries every position of the string, so spaCy's suffix
    search (82 alternatives, all ending in ``$``) costs time in proportion to
    the string. Every alternative but one matches at most ``width`` characters
    and the remaining one is a run of one character (``\\.\\.+$``), so no
    match can start before ``len(s) - width`` or before that run: searching
    from there (lookbehinds still see the whole string) finds the same
    leftmost match. Any other shape of expression: plain ``search``."""
    from re import _parser as sre_parse

    pat = search.__self__
    try:
        tree = _parsed(pat)
        ((op, (_, branches)),) = tree
        if op != sre_parse.BRANCH:
            return search
        width = 0
        run_chars = []
        for b in branches:
            hi = b.getwidth()[1]
            if hi < 1000:
                width = max(width, hi)
                continue
            items = list(b)
            if (
                len(items) == 3
                and items[0][0] == sre_parse.LITERAL
                and items[1][0] == sre_parse.MAX_REPEAT
                and items[1][1][:2] == (1, sre_parse.MAXREPEAT)
                and list(items[1][1][2]) == [(sre_parse.LITERAL, items[0][1])]  # a SubPattern, not a list
                and items[2] == (sre_parse.AT, sre_parse.AT_END)
            ):
                run_chars.append(chr(items[0][1]))
            else:
                return search
    except (ValueError, TypeError, AttributeError):
        return search
    psearch = pat.search
    by_last = _by_last_char(pat, branches)

    # last character -> search, read from by_last's cache without a call (by_last fills it)
    cached = by_last.cache.get if by_last is not None else None
    missing = _MISSING

    def tail(s: str):
        search = psearch
        if cached is not None and s:
            ch = s[-1]
            if ch != "\n":  # "$" also matches before a final newline
                search = cached(ch, missing)
                if search is missing:
                    search = by_last(ch)
                if search is None:
                    return None
        n = len(s)
        st = n - width
        for c in run_chars:
            if s.endswith(c):
                j = n - len(s.rstrip(c))
                if n - j < st:
                    st = n - j
        return search(s, st if st > 0 else 0)

    return tail


def _lazy_search(pat: re.Pattern):
    """:func:`_tail_search` of ``pat``, built on its first call. The suffix expression's
    search is only needed where its length function cannot answer (a string ending in a
    newline, another shape of expression: ``suffix_length_fn``), and building it costs a
    fresh process ~0.02 CPU-s plus one compiled alternation per last character searched."""
    built: list = []

    def search(s: str):
        if not built:
            built.append(_tail_search(pat.search))
        return built[0](s)

    return search


class _CharRanges(dict):
    """Membership in a character class given as inclusive code-point ranges (a lookbehind's
    class): ``cls[ch]`` is True or False, found by bisection the first time and then a
    dictionary hit (the classes hold up to ~200,000 code points, CJK ranges: a set of
    them would cost ~10 MB per class)."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        super().__init__()
        merged = _merged(ranges)
        self._starts = [lo for lo, _ in merged]
        self._ends = [hi for _, hi in merged]

    def __missing__(self, ch: str) -> bool:
        import bisect

        cp = ord(ch)
        k = bisect.bisect_right(self._starts, cp) - 1
        r = k >= 0 and cp <= self._ends[k]
        if len(self) < 100_000:
            self[ch] = r
        return r


_EXPAND_MAX = 50_000


def _expand_literals(items) -> list[str] | None:
    """Every string a parsed sequence of literals, enumerable classes, alternations and plain
    groups matches (None: another construct, or more than ``_EXPAND_MAX`` strings)."""
    from re import _parser as sre_parse

    out = [""]
    for op, av in items:
        if op == sre_parse.LITERAL:
            alts = [chr(av)]
        elif op == sre_parse.IN:
            ranges = _class_ranges(av)
            if ranges is None or _size(_merged(ranges)) > _EXPAND_MAX:
                return None
            alts = [chr(c) for lo, hi in _merged(ranges) for c in range(lo, hi + 1)]
        elif op == sre_parse.BRANCH:
            alts = []
            for b in av[1]:
                sub = _expand_literals(b)
                if sub is None:
                    return None
                alts.extend(sub)
        elif op == sre_parse.SUBPATTERN and av[1] == 0 and av[2] == 0:  # (?:...) without flags
            alts = _expand_literals(av[-1])
            if alts is None:
                return None
        else:
            return None
        if len(out) * len(alts) > _EXPAND_MAX:
            return None
        out = [a + b for a in out for b in alts]
    return out


def _fixed_classes(items) -> tuple[_CharRanges, ...] | None:
    """A fixed-width lookbehind's body as one character class per position (None: another shape)."""
    from re import _parser as sre_parse

    out = []
    for op, av in items:
        if op == sre_parse.LITERAL:
            out.append(_CharRanges([(av, av)]))
        elif op == sre_parse.IN:
            ranges = _class_ranges(av)
            if ranges is None:
                return None
            out.append(_CharRanges(ranges))
        else:
            return None
    return tuple(out)


def suffix_length_fn(pat: re.Pattern):
    """``len`` of ``pat.search(s)``'s match without a regular-expression search, for spaCy's
    shape of suffix expression; None when ``pat`` has another shape.

    The shape: an alternation whose every alternative ends at ``$`` and is either a run
    of one character (``\\.\\.+$``) or a body of literal strings (literals, enumerable
    classes, alternations of them) after an optional fixed-width lookbehind of literals
    and classes. Every match then ends at the end of the string (the function answers
    for strings not ending in a newline, before which ``$`` also matches: those go to
    the search), so the leftmost match - the one ``search`` returns - is the longest one
    among the alternatives that match there: a body that ends the string and whose
    lookbehind holds before it, or the string's final run of the run character if it is
    at least two long. Bodies are looked up by their last character, longest first.
    Same lengths as the search (``tests/test_quality_speed5_suffix.py`` compares them with
    spaCy's own search on random strings and on every distinct chunk of the tests' texts)."""
    from re import _parser as sre_parse

    if pat.flags & re.IGNORECASE:
        return None
    try:
        tree = _parsed(pat)
    except (re.error, ValueError, TypeError):
        return None
    items = list(tree)
    branches = items[0][1][1] if len(items) == 1 and items[0][0] == sre_parse.BRANCH else [items]
    by_last: dict[str, list[tuple[int, str, tuple]]] = {}
    run_chars: list[str] = []
    for b in branches:
        it = list(b)
        if not it or it[-1] != (sre_parse.AT, sre_parse.AT_END):
            return None
        it = it[:-1]
        behind: tuple = ()
        if it and it[0][0] == sre_parse.ASSERT:
            direction, sub = it[0][1]
            if direction != -1:
                return None
            behind = _fixed_classes(sub)
            if behind is None:
                return None
            it = it[1:]
        if (
            not behind
            and len(it) == 2
            and it[0][0] == sre_parse.LITERAL
            and it[1][0] == sre_parse.MAX_REPEAT
            and it[1][1][:2] == (1, sre_parse.MAXREPEAT)
            and list(it[1][1][2]) == [(sre_parse.LITERAL, it[0][1])]
        ):
            run_chars.append(chr(it[0][1]))
            continue
        bodies = _expand_literals(it)
        if not bodies or any(not x for x in bodies):
            return None
        for body in dict.fromkeys(bodies):
            by_last.setdefault(body[-1], []).append((len(body), body, behind))
    # longest first; an alternative repeated word for word (spaCy lists ``,$`` twice) once
    table = {
        ch: tuple(
            sorted({(k, body, id(bh)): (k, body, bh) for k, body, bh in c}.values(), key=lambda x: -x[0])
        )
        for ch, c in by_last.items()
    }
    runs = frozenset(run_chars)
    search = pat.search
    get = table.get

    def suffix_len(s: str) -> int:
        if not s:
            return 0
        ch = s[-1]
        if ch == "\n":
            m = search(s)
            return m.end() - m.start() if m is not None else 0
        best = 0
        if ch in runs and len(s) > 1 and s[-2] == ch:
            best = len(s) - len(s.rstrip(ch))
        cands = get(ch)
        if cands is not None:
            n = len(s)
            for k, body, behind in cands:
                if k <= best:
                    break
                if k > n or (k > 1 and not s.endswith(body)):
                    continue
                if behind:
                    p = n - k - len(behind)
                    if p < 0:
                        continue
                    ok = True
                    for cls in behind:
                        if not cls[s[p]]:
                            ok = False
                            break
                        p += 1
                    if not ok:
                        continue
                best = k
                break
        return best

    class _Fixed(dict):
        """last character -> the suffix length of every string ending in it, or -1 where
        the characters before it count (:meth:`SpacyRules._build_split` reads it first):
        every alternative ending in ``ch`` is ``ch`` alone, with no lookbehind (1), or none
        ends in it (0); -1 for a run character, a newline, or an alternative with a
        lookbehind or a longer body (the same answer as :func:`suffix_len`'s loop)."""

        def __missing__(self, ch: str) -> int:
            if ch == "\n" or ch in runs:
                v = -1
            else:
                cands = get(ch)
                if cands is None:
                    v = 0
                elif all(k == 1 and not behind for k, _, behind in cands):
                    v = 1
                else:
                    v = -1
            if len(self) < 100_000:
                self[ch] = v
            return v

    suffix_len.fixed = _Fixed()
    return suffix_len


def _class_chars(av) -> set[str] | None:
    """The characters of a parsed character class (None: a negated class or a category)."""
    from re import _parser as sre_parse

    out: set[str] = set()
    for o, a in av:
        if o == sre_parse.LITERAL:
            out.add(chr(a))
        elif o == sre_parse.RANGE:
            out.update(chr(x) for x in range(a[0], a[1] + 1))
        else:  # NEGATE, CATEGORY: not enumerated
            return None
    return out


def _edge_chars(items, last: bool) -> set[str] | None:
    """The characters a match of the parsed ``items`` can start with (or end with, when
    ``last``); None: unknown or possibly empty. Lookarounds and anchors at that edge are
    skipped: they consume nothing."""
    from re import _parser as sre_parse

    items = list(items)
    edge = -1 if last else 0
    while items and items[edge][0] in (sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT):
        items.pop(edge)
    if not items:
        return None
    op, av = items[edge]
    if op == sre_parse.LITERAL:
        return {chr(av)}
    if op == sre_parse.IN:
        return _class_chars(av)
    if op == sre_parse.BRANCH:
        out: set[str] = set()
        for b in av[1]:
            sub = _edge_chars(b, last)
            if sub is None:
                return None
            out |= sub
        return out
    if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and av[0] >= 1:
        return _edge_chars(av[2], last)
    if op == sre_parse.SUBPATTERN:
        return _edge_chars(av[-1], last)
    return None


def _first_chars(items) -> set[str] | None:
    """The characters a match of the parsed ``items`` can start with (None: unknown or empty)."""
    return _edge_chars(items, last=False)


def _last_chars(items) -> set[str] | None:
    """The characters a match of the parsed ``items`` can end with (None: unknown or empty)."""
    return _edge_chars(items, last=True)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inclusive code-point ranges, sorted and merged (overlapping or adjacent ones joined)."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _size(ranges: list[tuple[int, int]]) -> int:
    return sum(hi - lo + 1 for lo, hi in ranges)


def _required_ranges(items) -> list[tuple[int, int]] | None:
    """:func:`_required_chars` as merged code-point ranges: the same choice (the first smallest
    set), without building sets of every character of wide classes (spaCy's URL expression holds
    ``\\u00a1-\\uffff`` several times: ~0.04 CPU-s per process as sets)."""
    from re import _parser as sre_parse

    best: list[tuple[int, int]] | None = None
    best_size = 0
    for op, av in items:
        cand: list[tuple[int, int]] | None = None
        if op == sre_parse.LITERAL:
            cand = [(av, av)]
        elif op == sre_parse.IN:
            cand = []
            for o, a in av:
                if o == sre_parse.LITERAL:
                    cand.append((a, a))
                elif o == sre_parse.RANGE:
                    cand.append((a[0], a[1]))
                else:  # NEGATE, CATEGORY: not enumerated
                    cand = None
                    break
            if cand is not None:
                cand = _merged(cand)
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT) and av[0] >= 1:
            cand = _required_ranges(av[2])
        elif op == sre_parse.SUBPATTERN:
            cand = _required_ranges(av[-1])
        elif op == sre_parse.ATOMIC_GROUP:
            cand = _required_ranges(av)
        elif op == sre_parse.BRANCH:
            cand = []
            for b in av[1]:
                sub = _required_ranges(b)
                if sub is None:
                    cand = None
                    break
                cand.extend(sub)
            if cand is not None:
                cand = _merged(cand)
        if cand is not None:
            size = _size(cand)
            if best is None or size < best_size:
                best, best_size = cand, size
    return best


def _required_chars(items) -> set[str] | None:
    """A set of characters of which every match of the parsed ``items`` contains at
    least one (the smallest found), or None when none can be shown."""
    found = _required_ranges(items)
    return None if found is None else {chr(c) for lo, hi in found for c in range(lo, hi + 1)}


def required_chars(pat: re.Pattern) -> frozenset[str] | None:
    """Characters of which every match of ``pat`` contains one (None: not shown). A
    string with none of them cannot match, so the match can be skipped: spaCy's URL
    expression needs a ``.`` (in the host name or IP address)."""

    if pat.flags & re.IGNORECASE:
        return None
    try:
        found = _required_chars(_parsed(pat))
    except (ValueError, TypeError, AttributeError, re.error):
        return None
    return None if found is None else frozenset(found)


# The end of spaCy's URL expression (``spacy/lang/tokenizer_exceptions.py`` URL_PATTERN): the
# host, then an optional port and an optional path, query or fragment, then the string's end. The
# host's two forms end in its last label: ``(?:label\.)+TLD`` with TLD ``[class]{2,63}`` (group 1),
# or an IPv4 address ending ``\.`` + a decimal octet (``\d``).
_URL_TAIL_RE = re.compile(
    r"\\\.\)\+\(\?:(\[[^\[\]]*\])\{2,63\}\)\)\(\?::\\d\{2,5\}\)\?\(\?:\[/\?#\]\\S\*\)\?\$\Z"
)
_URL_IPV4_END = r"(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[A-Za-z0-9"


def url_end_search(pat: re.Pattern):
    """A ``search`` that finds something in every string ``pat`` (spaCy's URL expression) matches,
    and in few others: a ``.``, a run of the top-level domain's characters or decimal digits, then
    ``:``, ``/``, ``?``, ``#`` or the end. A URL holds one: its host's last dot, the top-level
    domain or the address's last octet, then the port, path, query, fragment or the end (none of
    ``:/?#`` is a domain character). ~0.3 us where the URL expression costs ~3 us, and most chunks
    with a ``.`` (``module.Name``, ``f(a.b)``, ``x.y,``) fail it. None: ``pat`` is not that
    expression's shape (its end, and the IPv4 form's last octet, as read from spaCy 3), and
    every string is matched.

    Linear: the run after a ``.`` holds no ``.``, so each run is scanned once."""
    m = _URL_TAIL_RE.search(pat.pattern)
    if m is None or _URL_IPV4_END not in pat.pattern or pat.flags & re.IGNORECASE:
        return None
    try:
        return re.compile(rf"\.(?:\d|{m.group(1)})+(?:[:/?#]|$)", pat.flags).search
    except re.error:
        return None


def infix_start_chars(pat: re.Pattern) -> frozenset[str] | None:
    """Every character a match of ``pat`` can start with, or None when that cannot be
    enumerated or a match could be empty. A string with none of them has no infix
    match, so ``finditer`` (a search at every position of an alternation of ~100
    expressions) can be skipped; a string not starting with one has no prefix."""
    from re import _parser as sre_parse

    if pat.flags & re.IGNORECASE:
        return None
    try:
        tree = _parsed(pat)
        if tree.getwidth()[0] < 1:
            return None
        items = list(tree)
        if len(items) == 1 and items[0][0] == sre_parse.BRANCH:
            branches = items[0][1][1]
        else:
            branches = [items]
        out: set[str] = set()
        for b in branches:
            sub = _first_chars(b)
            if sub is None:
                return None
            out |= sub
    except (ValueError, TypeError, AttributeError, re.error):
        return None
    return frozenset(out)


def _needs_non_letter(items) -> bool:
    """True when every match of the parsed ``items`` contains a character that is not a
    letter (``str.isalpha``), or a lookaround asserts one: an item that cannot be skipped
    (a literal, a character class, a repeat of at least one, a group, a positive
    lookaround, an alternation whose every branch needs one) matches only non-letters.
    False when that cannot be shown (negated classes and categories are not enumerated)."""
    from re import _parser as sre_parse

    for op, av in items:
        if op == sre_parse.LITERAL:
            if not chr(av).isalpha():
                return True
        elif op == sre_parse.IN:
            chars = _class_ranges(av)
            if chars is not None and not any(chr(c).isalpha() for lo, hi in chars for c in range(lo, hi + 1)):
                return True
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
            if av[0] >= 1 and _needs_non_letter(av[2]):
                return True
        elif op == sre_parse.SUBPATTERN:
            if _needs_non_letter(av[-1]):
                return True
        elif op == sre_parse.ATOMIC_GROUP:
            if _needs_non_letter(av):
                return True
        elif op == sre_parse.ASSERT:  # (?=...) / (?<=...): the characters are in the string searched
            if _needs_non_letter(av[1]):
                return True
        elif op == sre_parse.BRANCH:
            if all(_needs_non_letter(b) for b in av[1]):
                return True
    return False


def _class_ranges(av) -> list[tuple[int, int]] | None:
    """Code-point ranges of a parsed character class (None: negated, or a category)."""
    from re import _parser as sre_parse

    out = []
    for o, a in av:
        if o == sre_parse.LITERAL:
            out.append((a, a))
        elif o == sre_parse.RANGE:
            out.append((a[0], a[1]))
        else:
            return None
    return out


def no_letters_match(pat: re.Pattern) -> bool:
    """True when no string of letters only (``str.isalpha``) holds a match of ``pat``:
    every top-level alternative needs a non-letter (:func:`_needs_non_letter`)."""
    from re import _parser as sre_parse

    if pat.flags & re.IGNORECASE:
        return False
    try:
        tree = _parsed(pat)
        items = list(tree)
        if len(items) == 1 and items[0][0] == sre_parse.BRANCH:
            return all(_needs_non_letter(b) for b in items[0][1][1])
        return _needs_non_letter(items)
    except (ValueError, TypeError, AttributeError, re.error):
        return False


def _top_level_pieces(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (outside groups and character classes)."""
    pieces, depth, start, i, n = [], 0, 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            pieces.append(pattern[start:i])
            start = i + 1
        i += 1
    pieces.append(pattern[start:])
    return pieces


def _by_last_char(pat, branches):
    """For an end-anchored alternation: last character -> the ``search`` of only
    the alternatives that can end with it (in their order, so the leftmost
    match and, at one position, the first alternative are unchanged), or None
    when none can; None overall when the alternatives cannot be enumerated."""
    from re import _parser as sre_parse

    if pat.flags & re.IGNORECASE:
        return None
    pieces = _top_level_pieces(pat.pattern)
    if len(pieces) != len(branches):
        return None
    lasts = []
    for piece, branch in zip(pieces, branches):
        if repr(sre_parse.parse(piece, pat.flags).data) != repr(list(branch)):
            return None
        lasts.append(_last_chars(branch))
    return _per_char(pieces, lasts, pat.flags, "search")


def _per_char(pieces: list[str], chars: list, flags: int, method: str):
    """character -> the ``method`` ("search" or "match") of the alternation of only the ``pieces``
    whose character set (``chars``; None: any character) holds it, in their order; None when
    none does. Compiled once per set of pieces, remembered per character (at most 100,000)."""
    cache: dict[str, object] = {}
    compiled: dict[tuple[int, ...], object] = {}

    def lookup(ch: str):
        r = cache.get(ch, cache)
        if r is cache:
            idx = tuple(k for k, held in enumerate(chars) if held is None or ch in held)
            if not idx:
                r = None
            else:
                r = compiled.get(idx)
                if r is None:
                    r = compiled[idx] = getattr(re.compile("|".join(pieces[k] for k in idx), flags), method)
            if len(cache) < 100_000:
                cache[ch] = r
        return r

    lookup.cache = cache
    return lookup


def _by_first_char(pat: re.Pattern):
    """For an alternation: first character -> the ``match`` of only the alternatives that
    can start with it (in their order, so at a position the first alternative that matches,
    and its match, are unchanged), or None when none can; None overall when the
    alternatives cannot be enumerated. A position whose character no alternative starts
    with (lookarounds at the start consume nothing: :func:`_first_chars` looks past them)
    has no match."""
    from re import _parser as sre_parse

    if pat.flags & re.IGNORECASE:
        return None
    try:
        tree = _parsed(pat)
    except (re.error, ValueError, TypeError):
        return None
    items = list(tree)
    branches = items[0][1][1] if len(items) == 1 and items[0][0] == sre_parse.BRANCH else [items]
    pieces = _top_level_pieces(pat.pattern)
    if len(pieces) != len(branches):
        return None
    firsts = []
    for piece, branch in zip(pieces, branches):
        if repr(sre_parse.parse(piece, pat.flags).data) != repr(list(branch)):
            return None
        firsts.append(_first_chars(branch))
    return _per_char(pieces, firsts, pat.flags, "match")


def rules_from_spacy() -> dict:
    """spaCy's English tokenizer rules as plain data: (pattern, flags) of its prefix,
    suffix, infix, URL and token-match expressions (None where absent) and its
    special cases (tokenizer exceptions) with their tokens' texts."""
    from spacy.attrs import ORTH

    tok = spacy_tokenizer().tokenizer

    def pattern(fn) -> list | None:  # [pattern, flags]: JSON's shape, so a cached copy compares equal
        if fn is None:
            return None
        pat = getattr(fn, "__self__", None)
        if not isinstance(pat, re.Pattern):
            raise TypeError(f"spaCy tokenizer expression is not a bound re.Pattern method: {fn!r}")
        return [pat.pattern, pat.flags]

    return {
        "prefix": pattern(tok.prefix_search),
        "suffix": pattern(tok.suffix_search),
        "infix": pattern(tok.infix_finditer),
        "url": pattern(tok.url_match),
        "token": pattern(tok.token_match),
        # rules hold attribute-id -> value dicts
        "specials": {k: [d.get(ORTH, d.get("ORTH")) for d in v] for k, v in tok.rules.items()},
    }


def english_rules() -> dict:
    """:func:`rules_from_spacy`, cached on disk in the user cache directory (:func:`cached_json`).

    Building ``spacy.blank("en")`` costs ~1 CPU-s per process (importing spaCy,
    compiling its language data), paid by every worker before its first batch;
    the rules it yields depend only on the spaCy version. Later processes
    compile the expressions from the cached file without importing spaCy
    (~0.1 CPU-s). Without spaCy installed the rules cannot be built."""
    import importlib.metadata
    import sys

    version = importlib.metadata.version("spacy")
    py = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return cached_json(f"spacy-en-tokenizer-rules-{version}-py{py}", rules_from_spacy)


_CANDIDATES_MAX = 4


def _candidate_finditer(pat: re.Pattern, starts: frozenset[str]):
    """``pat.finditer`` that tries ``pat`` only where a match can start.

    spaCy's infix expression is an alternation whose branches open with
    lookbehinds, so ``finditer`` gets no first-character shortcut and runs every
    branch at every position (~6 us per chunk). Every match of ``pat`` is non-empty
    and starts with one of ``starts`` (:func:`infix_start_chars`), so the same
    matches, in the same order, come from matching at those positions only, left
    to right, resuming after each match as ``finditer`` does (a lookbehind still
    sees the characters before the position: ``match(s, pos)`` keeps the whole
    string). The positions are found by one character-class scan in C."""

    def char_class(chars) -> re.Pattern:
        ranges = _merged([(ord(c), ord(c)) for c in chars])  # ranges: sre tests literals one by one
        cls = "".join(
            re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
        )
        return re.compile(f"[{cls}]" if cls else "(?!)")

    # an ASCII string can only hold the ASCII starts: a small class sre tests as a bitmap
    # (the whole class, with code points beyond the BMP, is a list of ranges tried in turn)
    # (and a string within the BMP only the BMP starts: a class sre tests as one big bitmap)
    cands_ascii = char_class(c for c in starts if c.isascii()).search
    cands_bmp = char_class(c for c in starts if ord(c) <= 0xFFFF).search
    cands_all = char_class(starts).search
    match = pat.match
    # at a candidate, only the alternatives that can start with its character are tried
    # (:func:`_by_first_char`; spaCy's infix alternatives each start with one or a few)
    by_first = _by_first_char(pat)
    plain = pat.finditer
    most = _CANDIDATES_MAX

    def at(s: str, qs: list[int]) -> list:
        out = []
        pos = 0
        for q in qs:
            if q < pos:
                continue
            if by_first is None:
                m = match(s, q)
            else:
                sub = by_first(s[q])
                if sub is None:
                    continue
                m = sub(s, q)
            if m is not None:
                out.append(m)
                pos = m.end()
        return out

    def finditer(s: str):
        if s.isascii():
            find = cands_ascii
        elif max(s) <= "\uffff":
            find = cands_bmp
        else:
            find = cands_all
        qs = []
        c = find(s)
        while c is not None:
            if len(qs) == most:  # many candidates (a run of dashes): finditer's loop in C costs less
                return plain(s)
            q = c.start()
            qs.append(q)
            c = find(s, q + 1)
        return at(s, qs)

    return finditer


class SpacyRules:
    """spaCy's English tokenizer algorithm (``spacy/tokenizer.pyx``) over one chunk, in Python.

    Same rules as ``spacy.blank("en").tokenizer`` - its special cases
    (tokenizer exceptions), prefix, suffix and infix expressions and URL
    match - applied the way ``Tokenizer._split_affixes``,
    ``_attach_tokens`` and ``_apply_special_cases`` apply them, without
    building a ``Doc`` or ``Lexeme`` objects (most of spaCy's per-chunk
    cost). One affix step depends only on the string it is applied to, so
    the result of every string after a step is memoized: ``"word,"``,
    ``"(word"`` and ``"word."`` cost one prefix and one suffix search once
    ``"word"`` is known. Checked token for token against spaCy on every
    distinct chunk of en_docs and en_web (``scripts/tokenizer_parity.py
    --spacy``)."""

    MEMO_MAX = 1_000_000

    def __init__(self, rules: dict | None = None) -> None:
        rules = rules if rules is not None else english_rules()

        def compiled(name: str):
            pat = rules[name]
            return None if pat is None else re.compile(pat[0], pat[1])

        prefix, suffix, infix, url, token = (
            compiled(k) for k in ("prefix", "suffix", "infix", "url", "token")
        )
        self._prefix = prefix.search if prefix is not None else (lambda s: None)
        # a string starting with none of these characters has no prefix (None: always search)
        self._prefix_start = infix_start_chars(prefix) if prefix is not None else frozenset()
        self._suffix = (lambda s: None) if suffix is None else _lazy_search(suffix)
        # the suffix's length without a search where the expression's shape allows (None: search)
        self._suffix_len = suffix_length_fn(suffix) if suffix is not None else (lambda s: 0)
        if self._suffix_len is None:
            tail = self._suffix

            def searched_len(s: str) -> int:
                m = tail(s)
                return m.end() - m.start() if m is not None else 0

            self._suffix_len = searched_len
        self._infix = infix.finditer if infix is not None else (lambda s: iter(()))
        # a string with none of these characters has no infix (None: always search)
        self._infix_start = infix_start_chars(infix) if infix is not None else frozenset()
        if infix is not None and self._infix_start:
            self._infix = _candidate_finditer(infix, self._infix_start)
        self._url = url.match if url is not None else None
        # a string with none of these characters is no URL (None: always match)
        self._url_req = required_chars(url) if url is not None else None
        # a string without a host's last label before the URL's end is no URL (None: always match)
        self._url_end = url_end_search(url) if url is not None else None
        self._token = token.match if token is not None else None
        # exceptions with their tokens' texts
        self.specials: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in rules["specials"].items()}
        self._memo: dict[str, tuple[str, ...]] = {}
        # no prefix, suffix or infix matches a string of letters only: such a string that is
        # no special case is one token (the URL expression needs a '.', see _url_req; a token
        # expression is not analysed)
        self._letters_alone = (
            token is None
            and self._url_req is not None
            and not any(c.isalpha() for c in self._url_req)
            and all(p is None or no_letters_match(p) for p in (prefix, suffix, infix))
        )
        # special cases that affix splitting would break apart are found again
        # afterwards by spaCy's special matcher: (their tokens without special
        # cases) -> special string
        self._merge: dict[tuple[str, ...], str] = {}
        for k in self.specials:
            if self._find_prefix(k) or self._suffix_len(k) or any(True for _ in self._infix(k)):
                self._merge[self._split(k, False)] = k
        # A one-token merge whose special case is that token again changes nothing: it
        # comes after every longer span (longest first), so it cannot block one either.
        for x, k in list(self._merge.items()):
            if len(x) == 1 and self.specials[k] == x:
                del self._merge[x]
        self._merge_first = frozenset(x[0] for x in self._merge)
        # the first two tokens of every merge: a token pair no merge starts with cannot be merged
        self._merge_pairs = frozenset(x[:2] for x in self._merge if len(x) >= 2)
        self._merge_single = any(len(x) == 1 for x in self._merge)
        # first token -> (length, tokens, special string) of the merges starting with it
        self._merge_by_first: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
        for x, k in self._merge.items():
            self._merge_by_first.setdefault(x[0], []).append((len(x), x, k))
        self._split_sp = self._build_split()
        _PARSED.clear()  # the trees were read by the derivations above

    def _find_prefix(self, s: str) -> int:
        m = self._prefix(s)
        return m.end() - m.start() if m is not None else 0

    def _find_suffix(self, s: str) -> int:
        m = self._suffix(s)
        return m.end() - m.start() if m is not None else 0

    def _split(self, s: str, specials: bool = True) -> tuple[str, ...]:
        """``_split_affixes`` + ``_attach_tokens`` of ``s``, one affix step at a time.

        (The prefix and suffix searches are inlined: this runs once per distinct
        chunk and per affix step, and is most of the cold tokenizer's cost.)

        A string of letters only that is no special case is one token without a
        search (``s.isalpha()``; with special cases only): no affix or infix
        expression of the rules matches one, as :meth:`_letters_alone` checks when
        the rules are loaded (else every string is searched). Such strings are the
        stem of most affix steps (``word,`` -> ``word`` ``,``) and are not memoized."""
        if not s:
            return ()
        if specials:
            if self._letters_alone and s.isalpha() and s not in self.specials:
                return (s,)
            memo = self._memo
            r = memo.get(s)
            if r is not None:
                return r
            sp = self.specials
        else:
            memo = None
            sp = {}
        if s in sp or (self._token is not None and self._token(s)):
            r = self._attach(s, sp)
        else:
            ps = self._prefix_start
            m = self._prefix(s) if ps is None or s[0] in ps else None
            pre = m.end() - m.start() if m is not None else 0
            rest = s[pre:] if pre else s
            if pre and rest and rest in sp:
                r = (s[:pre], *sp[rest])
            else:
                suf = self._suffix_len(rest)
                if suf and s[:-suf] and s[:-suf] in sp:  # the special case keeps this step's prefix
                    r = (*sp[s[:-suf]], s[-suf:])
                elif pre and suf and pre + suf <= len(s):
                    r = (s[:pre], *self._split(s[pre:-suf], specials), s[-suf:])
                elif pre:
                    r = (s[:pre], *self._split(rest, specials))
                elif suf:
                    r = (*self._split(s[:-suf], specials), s[-suf:])
                else:
                    r = self._attach(s, sp)
        if memo is not None:
            if len(memo) >= self.MEMO_MAX:
                memo.clear()
            memo[s] = r
        return r

    def _build_split(self):
        """:meth:`_split` with special cases (``specials=True``) as a closure over the rules:
        the same steps, with every rule and memo a local variable (no attribute look-ups in
        the loop that runs once per distinct chunk and affix step)."""
        memo = self._memo  # cleared in place (never replaced), so the closure always sees it
        memo_get = memo.get
        memo_max = self.MEMO_MAX
        sp = self.specials
        token = self._token
        ps = self._prefix_start
        prefix = self._prefix
        suffix_len = self._suffix_len
        # last character -> its fixed suffix length, or -1: ask suffix_len (no call for most
        # strings: ``,`` ``)`` ``:`` are always one-character suffixes, digits and many letters
        # never one)
        fixed = getattr(suffix_len, "fixed", None)
        if fixed is None:

            class _Ask(dict):
                def __missing__(self, ch: str) -> int:
                    return -1

            fixed = _Ask()
        attach = self._attach
        letters = self._letters_alone
        # split_new's shortcut needs the letters-only answer for the stem and no token expression
        word_and_suffix = letters and token is None and ps is not None

        def step(s: str) -> tuple[str, ...]:
            """The tokens of a non-empty ``s`` from its first affix step on (the memo is not
            consulted for ``s`` itself; the strings left after the step are split with it)."""
            if s in sp or (token is not None and token(s)):
                r = attach(s, sp)
            else:
                m = prefix(s) if ps is None or s[0] in ps else None
                pre = m.end() - m.start() if m is not None else 0
                if pre:
                    rest = s[pre:]
                    if rest and rest in sp:
                        r = (s[:pre], *sp[rest])
                    else:
                        if rest:
                            suf = fixed[rest[-1]]
                            if suf < 0:
                                suf = suffix_len(rest)
                        else:
                            suf = 0
                        if suf and s[:-suf] and s[:-suf] in sp:  # the special case keeps this step's prefix
                            r = (*sp[s[:-suf]], s[-suf:])
                        elif suf and pre + suf <= len(s):
                            r = (s[:pre], *split(s[pre:-suf]), s[-suf:])
                        else:
                            r = (s[:pre], *split(rest))
                else:
                    suf = fixed[s[-1]]
                    if suf < 0:
                        suf = suffix_len(s)
                    if suf:
                        stem = s[:-suf]
                        if stem and stem in sp:
                            r = (*sp[stem], s[-suf:])
                        else:
                            r = (*split(stem), s[-suf:])
                    else:
                        r = attach(s, sp)
            return r

        def split(s: str) -> tuple[str, ...]:
            if letters and s.isalpha() and s not in sp:
                return (s,)
            r = memo_get(s)
            if r is not None:
                return r
            if not s:
                return ()
            r = step(s)
            if len(memo) >= memo_max:
                memo.clear()
            memo[s] = r
            return r

        def split_new(s: str) -> tuple[str, ...]:
            """``split(s)`` for a chunk the caller has not seen before (its own memo missed):
            the memo is neither searched nor filled for ``s`` itself, only for the strings its
            affix steps leave. A new string's look-up is a miss that costs a hash and a probe
            of a large table, and a whole chunk rarely comes back as an affix step's rest."""
            if letters and s.isalpha() and s not in sp:
                return (s,)
            if not s:
                return ()
            if word_and_suffix:  # ``word,`` ``word.`` ``word)``: the step's answer without its calls
                stem = s[:-1]
                if (
                    stem.isalpha()
                    and s[0] not in ps
                    and s not in sp
                    and stem not in sp
                    and (fixed[s[-1]] == 1 or fixed[s[-1]] < 0 and suffix_len(s) == 1)
                ):
                    # no prefix (s[0] starts none), a one-character suffix, a stem of letters
                    # that is no special case: the step gives (*split(stem), s[-1]) = (stem, s[-1])
                    return (stem, s[-1])
            return step(s)

        split.new = split_new
        return split

    def _attach(self, s: str, sp: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        r = sp.get(s)
        if r is not None:
            return r
        if self._token is not None and self._token(s):
            return (s,)
        url_req = self._url_req
        if (
            self._url is not None
            and (url_req is None or not url_req.isdisjoint(s))
            and (self._url_end is None or self._url_end(s) is not None)
            and self._url(s)
        ):
            return (s,)
        if self._infix_start is not None and self._infix_start.isdisjoint(s):
            return (s,)
        out: list[str] = []
        start = 0
        for m in self._infix(s):
            a, b = m.start(), m.end()
            if a == 0:
                continue
            if a != start:
                out.append(s[start:a])
            if a != b:
                out.append(s[a:b])
            start = b
        if s[start:]:
            out.append(s[start:])
        return tuple(out)

    def tokens(self, chunk: str) -> tuple[str, ...]:
        """spaCy's tokens of one whitespace-free chunk."""
        toks = self._split_sp(chunk)
        if len(toks) < 2 or self._merge_first.isdisjoint(toks):
            return toks
        return self._merged(toks)

    def tokens_many(self, chunks: list[str]) -> list[tuple[str, ...]]:
        """:meth:`tokens` of each chunk (chunks not seen before: the memo is not searched
        or filled for the chunk itself, see ``split_new`` in :meth:`_build_split`)."""
        split, first, merged = self._split_sp.new, self._merge_first, self._merged
        pairs = self._merge_pairs.__contains__
        single = self._merge_single
        out = []
        for c in chunks:
            toks = split(c)
            if len(toks) < 2 or first.isdisjoint(toks):
                out.append(toks)
            elif single or any(map(pairs, zip(toks, toks[1:]))):  # some merge may start here
                out.append(merged(toks))
            else:
                out.append(toks)
        return out

    def _merged(self, toks: tuple[str, ...]) -> tuple[str, ...]:
        """``toks`` after spaCy's special matcher."""
        # spaCy's special matcher: every occurrence of a split-up special case,
        # longest first, then earliest; a span is taken unless its first or
        # last token was covered by a span looked at before (taken or not)
        spans = []
        by_first = self._merge_by_first
        for i, t in enumerate(toks):
            cands = by_first.get(t)
            if cands is not None:
                for n, x, k in cands:
                    if toks[i : i + n] == x:
                        spans.append((i, i + n, k))
        if not spans:
            return toks
        spans.sort(key=lambda x: (x[0] - x[1], x[0]))
        seen: set[int] = set()
        taken = []
        for a, b, k in spans:
            if a not in seen and b - 1 not in seen:
                taken.append((a, b, k))
            seen.update(range(a, b))
        taken.sort()
        out: list[str] = []
        i = 0
        for a, b, k in taken:
            out.extend(toks[i:a])
            out.extend(self.specials[k])
            i = b
        out.extend(toks[i:])
        return tuple(out)


_RULES_IMPL: SpacyRules | None = None


def spacy_rules() -> SpacyRules:
    """The process-wide :class:`SpacyRules` (built on first use)."""
    global _RULES_IMPL
    if _RULES_IMPL is None:
        with _SPACY_LOCK:
            if _RULES_IMPL is None:
                _RULES_IMPL = SpacyRules()
    return _RULES_IMPL


# the str.isspace() characters: what str.split() splits at
_PY_SPACE = frozenset(chr(c) for c in range(0x3001) if chr(c).isspace())


def _spacy_chunks(chunks: list[str]) -> list[tuple[str, ...]]:
    """spaCy's tokens of each whitespace-free chunk (whitespace tokens dropped, as datatrove's
    ``strip_strings`` does; a chunk holds whitespace only where Arrow's and Python's
    definitions of whitespace differ: one scan of all chunks together finds out)."""
    rules = spacy_rules()
    if _PY_SPACE.isdisjoint("".join(chunks)):
        return rules.tokens_many(chunks)
    tok = rules.tokens
    out = []
    for c in chunks:
        parts = c.split()  # str.split() splits at exactly the str.isspace() characters
        if parts == [c]:
            out.append(tok(c))
        else:
            out.append(tuple(t for part in parts for t in tok(part)))
    return out


def _fast_single(chunk: str) -> bool:
    """Letters-only or digits-only chunks that no tokenizer exception names: one token in spaCy too."""
    return (chunk.isalpha() or chunk.isdigit()) and chunk not in _spacy_rules()


def _spacy_rules() -> dict[str, tuple[str, ...]]:
    return spacy_rules().specials


def _remember(chunk: str, toks: tuple[str, ...]) -> None:
    if len(chunk) <= MEMO_MAX_CHARS:
        if len(_CHUNK_CACHE) >= _CHUNK_CACHE_MAX:
            _CHUNK_CACHE.clear()
        _CHUNK_CACHE[chunk] = toks


def _tokenize_chunk(chunk: str) -> tuple[str, ...]:
    if _fast_single(chunk):
        toks: tuple[str, ...] = (chunk,)
    elif len(chunk) <= SPACY_MAX_CHARS:
        toks = _spacy_chunks([chunk])[0]
    else:
        toks = tuple(_CHUNK_TOKEN_RE.findall(chunk))
    _remember(chunk, toks)
    return toks


def chunk_tokens(chunk: str) -> tuple[str, ...]:
    """Tokens of one whitespace-free chunk (memoized)."""
    toks = _CHUNK_CACHE.get(chunk)
    return toks if toks is not None else _tokenize_chunk(chunk)


def chunk_tokens_many(chunks: list[str], remember: bool = True) -> list[tuple[str, ...]]:
    """Tokens of many whitespace-free chunks (memoized): letters-only and
    digits-only chunks are one token, chunks up to ``SPACY_MAX_CHARS`` get
    spaCy's rules (:class:`SpacyRules`), longer ones the linear-time
    expression. (:func:`_fast_single` and :func:`_remember` inlined: this loop
    runs once per distinct chunk of every batch.)

    ``remember=False``: the chunk memo is neither read nor written, for a caller
    that keeps its own memo of the same chunks (the quality filters' vocabulary,
    ``operators/quality/common.py``, memoizes each chunk's token ids: a second
    memo of its token strings cost a look-up and an insertion per new chunk)."""
    out: list = [None] * len(chunks)
    todo: list[int] = []
    cache = _CHUNK_CACHE if remember else {}
    get = cache.get
    specials = _spacy_rules()
    memo_max = MEMO_MAX_CHARS
    new: list[int] = []
    for i, c in enumerate(chunks):
        toks = get(c)
        if toks is not None:
            out[i] = toks
        elif (c.isalpha() or c.isdigit()) and c not in specials:
            out[i] = (c,)
            new.append(i)
        elif len(c) <= SPACY_MAX_CHARS:
            todo.append(i)
        else:
            out[i] = tuple(_CHUNK_TOKEN_RE.findall(c))
            new.append(i)
    if todo:
        for i, toks in zip(todo, _spacy_chunks([chunks[i] for i in todo])):
            out[i] = toks
        new.extend(todo)
    if not remember:
        return out
    if len(cache) + len(new) > _CHUNK_CACHE_MAX:
        cache.clear()
    for i in new:
        c = chunks[i]
        if len(c) <= memo_max:
            cache[c] = out[i]
    return out


def words_default(text: str) -> list[str]:
    """Tokens of space-delimited text (spaCy English conventions; punctuation tokens included)."""
    out: list[str] = []
    get = _CHUNK_CACHE.get
    for chunk in text.split():
        toks = get(chunk)
        if toks is None:
            toks = _tokenize_chunk(chunk)
        out.extend(toks)
    return out


# --------------------------------------------------------------------------
# Chinese: jieba, initialized once per process
# --------------------------------------------------------------------------
_JIEBA = None
_JIEBA_LOCK = threading.Lock()


def jieba_tokenizer():
    """The process-wide jieba tokenizer, initialized offline and quietly on first use."""
    global _JIEBA
    if _JIEBA is None:
        with _JIEBA_LOCK:
            if _JIEBA is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                logging.getLogger("jieba").setLevel(logging.WARNING)
                tok = jieba.Tokenizer()  # packaged dict.txt: nothing is downloaded
                tok.tmp_dir = os.environ.get("CORPUSFORGE_JIEBA_CACHE_DIR", tempfile.gettempdir())
                tok.initialize()
                _JIEBA = tok
    return _JIEBA


def words_zh(text: str) -> list[str]:
    """jieba precise-mode words (HMM on), whitespace tokens dropped (punctuation tokens kept).

    Computed by rjieba (jieba-rs: jieba's algorithm - prefix-dictionary DAG,
    maximum-probability path, HMM Viterbi for unknown runs - in Rust, with
    jieba's packaged ``dict.txt`` compiled in, so nothing downloads). Measured
    against jieba 0.42.1 ``lcut`` (``scripts/parity_quality.py --segmenter``):
    100% identical tokens on the first 300 documents of ``zh_news`` and 99.87%
    of tokens (98.8% of documents) on the first 20,000 of ``zh_reviews``, at
    13-19 MB/s per core against jieba's 0.9-1.0 (CPU time). jieba-fast-dat was
    also measured: 13.6 MB/s but only 78% identical tokens (different
    dictionary), so rejected. Linear time: the DAG has at most max-word-length
    edges per position and Viterbi is linear in the run."""
    return [w for w in _rjieba_cut(text, True) if not w.isspace()]


def _rjieba_cut(text: str, hmm: bool) -> list[str]:
    """rjieba's ``cut``, imported on first use: its import loads jieba's dictionary
    (~0.25 CPU-s), which a worker that never sees Chinese text should not pay."""
    global _rjieba_cut
    from rjieba import cut

    _rjieba_cut = cut
    return cut(text, hmm)


def cut_zh(text: str) -> list[str]:
    """:func:`words_zh` with the whitespace tokens left in (they tile ``text``): callers
    that map tokens in bulk drop them there (``operators/quality/common.py``)."""
    return _rjieba_cut(text, True)


def words_zh_jieba(text: str) -> list[str]:
    """The previous implementation (jieba ``lcut``): kept for parity measurements."""
    return [w for w in jieba_tokenizer().lcut(text) if not w.isspace()]


# --------------------------------------------------------------------------
# Japanese: script runs
# --------------------------------------------------------------------------
_JA_TOKEN_RE = re.compile(
    r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff々〆ヵヶ]+[\u3041-\u309f]{0,3}"  # kanji + okurigana
    r"|[\u30a0-\u30ffー\uff66-\uff9f]+"  # katakana
    r"|[\u3041-\u309f]+"  # hiragana
    r"|[^\W_]+|[^\w\s]|_"
)


def words_ja(text: str) -> list[str]:
    """Script-run segmentation of Japanese (see module docstring)."""
    return _JA_TOKEN_RE.findall(text)


def words(text: str, family: Family) -> list[str]:
    """Word tokens of ``text`` for a segmentation family; punctuation tokens included."""
    if family == "zh":
        return words_zh(text)
    if family == "ja":
        return words_ja(text)
    return words_default(text)


# --------------------------------------------------------------------------
# sentences
# --------------------------------------------------------------------------
# spaCy sentencizer's default sentence-final characters (the ones that occur
# outside rare scripts); a sentence starts at the first non-punctuation token
# after one of them.
SENTENCE_FINAL = frozenset("!.?։؟۔܀܁܂߹।॥၊။።፧፨᙮᜵᜶᠃᠉᥄᥅᪨᪩᪪᪫᭚᭛᭞᭟᰻᰼᱾᱿‼‽⁇⁈⁉⸮⸼꓿꘎꘏꛳꛷꡶꡷꣎꣏꤯꧈꧉꩝꩞꩟꫰꫱꯫﹒﹖﹗！．？｡。")
_CJK_SENT_END_RE = re.compile(r"[。！？!?．｡]+[”’」』）》\"')\]]*(?=\S)")
_PUNCT_ONLY_RE = re.compile(r"[^\w\s]+")


def count_sentences_default(tokens: list[str] | tuple[str, ...]) -> int:
    """Sentences in a token sequence, as spaCy's sentencizer splits them."""
    if not tokens:
        return 0
    n = 1
    seen_final = False
    final = SENTENCE_FINAL
    is_punct = _PUNCT_ONLY_RE.fullmatch
    for t in tokens:
        if t in final:
            seen_final = True
        elif seen_final and not is_punct(t):
            n += 1
            seen_final = False
    return n


def count_sentences_cjk(text: str) -> int:
    """Sentences in CJK text: terminal-punctuation runs followed by more text, plus one."""
    if not text.strip():
        return 0
    return 1 + len(_CJK_SENT_END_RE.findall(text.strip()))


def split_sentences(text: str, family: Family) -> list[str]:
    """Sentences of ``text`` (CJK-aware): used by tests and reports; filters only count."""
    text = text.strip()
    if not text:
        return []
    if family in CJK_FAMILIES:
        parts = re.split(r"(?<=[。！？!?．｡])(?![。！？!?．｡”’」』）》\"')\]])", text)
        return [p.strip() for p in parts if p.strip()]
    out, cur, seen_final = [], [], False
    for t in words_default(text):
        if t in SENTENCE_FINAL:
            seen_final = True
        elif seen_final and not _PUNCT_ONLY_RE.fullmatch(t):
            out.append(" ".join(cur))
            cur, seen_final = [], False
        cur.append(t)
    if cur:
        out.append(" ".join(cur))
    return out


CJK_RE = re.compile(f"[{PY_CJK_CHAR_CLASS}]")
