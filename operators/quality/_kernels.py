"""Compiled (numba) kernels for the Gopher repetition n-gram statistics.

Why: the n-gram fractions were computed with one ``argsort`` of 64-bit keys
over all tokens of a batch per n (nine sorts at the defaults, O(T log T)
each) plus a Python scan for documents with overlapping repeats; that was
half of the quality chain's CPU time on ``en_docs``. Here each document is
scanned once per n with an open-addressing hash table sized to the
document: expected linear time in its token count, no sort, no Python loop.

Semantics are datatrove's ``find_top_duplicate`` / ``find_all_duplicate``
(``datatrove/pipeline/filters/gopher_repetition_filter.py``), as the
previous numpy implementation reproduced them: an n-gram is compared by a
64-bit polynomial hash of its tokens' random 64-bit values; the top n-gram
is the most frequent one, ties going to the earliest first occurrence
(``Counter.most_common``); duplicated n-grams are found by a left-to-right
scan that, on an n-gram seen before, counts its characters and jumps past
it. An n-gram's characters are its tokens' characters plus ``sep`` per gap
(one space between words in space-delimited languages, none in CJK).
"""

from __future__ import annotations

import numpy as np

# numba.njit, imported and built on the first kernel call, with numba's BLAS probe deferred (see the module)
from operators.quality._numba_start import njit
from operators.quality._numba_start import warm as _warm


def warm() -> None:
    """Import numba and set it up for these kernels now rather than at the first batch (a worker
    that preloads its operators can call this while it waits)."""
    _warm(__name__)


_P = np.uint64(0x100000001B3)


@njit(cache=True, nogil=True)
def _table_size(n: int) -> int:
    size = 16
    while size < 2 * n:
        size *= 2
    return size


@njit(cache=True, nogil=True)
def ngram_fractions_kernel(r, lens, offsets, sep, n_chars, top_ns, dup_ns, max_n, top_out, dup_out):
    """Fill ``top_out[j, d]`` / ``dup_out[j, d]`` for n = ``top_ns[j]`` / ``dup_ns[j]`` and document ``d``.

    ``r``: uint64 random value per token; ``lens``: characters per token;
    ``offsets``: n_docs + 1 token offsets. Work per document is
    O(max_n * tokens) plus the hash-table size (2-4x its tokens).

    Only windows that can repeat are hashed into a table. An n-gram that occurs
    twice has its (n-1)-gram prefix and suffix occurring twice too, so from the
    smallest n asked on, each level's counts mark the windows whose n-gram repeats
    (``rep``), and at the next level a window is a candidate only when the windows
    of its prefix and suffix were marked. Every other window holds an n-gram that
    occurs once: it counts 1 towards the top n-gram (the earliest window, with count
    1, is the answer when nothing repeats) and is never "seen before" in the
    duplicate scan, so skipping it changes neither fraction. On natural text few
    windows of 5 or more tokens repeat, so the levels 5-10 cost a scan of a boolean
    array instead of a table look-up per window. (Equal n-grams are equal 64-bit
    hashes here as before; the pruning reads equal hashes of an n-gram as equal
    hashes of its prefix and suffix, which holds unless two different (n-1)-grams
    of the document share a 64-bit hash.)"""
    n_docs = offsets.shape[0] - 1
    max_tok = 0
    for d in range(n_docs):
        m = offsets[d + 1] - offsets[d]
        if m > max_tok:
            max_tok = m
    size_max = _table_size(max_tok)
    keys = np.zeros(size_max, np.uint64)
    stamp = np.zeros(size_max, np.int64)  # slot used in the current epoch
    count = np.zeros(size_max, np.int64)
    first = np.zeros(size_max, np.int64)
    h = np.zeros(max_tok, np.uint64)
    cum = np.zeros(max_tok + 1, np.int64)
    rep = np.zeros(max_tok + 1, np.bool_)  # the previous level's window repeats
    cand = np.zeros(max_tok + 1, np.bool_)  # this level's window may repeat
    slot_of = np.zeros(max_tok + 1, np.int64)
    min_n = max_n
    for j in range(top_ns.shape[0]):
        min_n = min(min_n, top_ns[j])
    for j in range(dup_ns.shape[0]):
        min_n = min(min_n, dup_ns[j])
    epoch = 0
    for d in range(n_docs):
        a = offsets[d]
        m = offsets[d + 1] - a
        if m == 0:
            continue
        denom = float(max(n_chars[d], 1))
        size = _table_size(m)
        mask = size - 1
        for i in range(m):
            h[i] = r[a + i]
            cum[i + 1] = cum[i] + lens[a + i]
        rep_known = False
        for k in range(1, max_n + 1):
            if k > m:
                break
            if k > 1:
                for i in range(m - k + 1):
                    h[i] = h[i] * _P + r[a + i + k - 1]
            nwin = m - k + 1
            gap = (k - 1) * sep[d]
            n_cand = nwin
            if rep_known:
                n_cand = 0
                for i in range(nwin):
                    c_ = rep[i] and rep[i + 1]
                    cand[i] = c_
                    if c_:
                        n_cand += 1
            else:
                for i in range(nwin):
                    cand[i] = True
            is_top = False
            for j in range(top_ns.shape[0]):
                if top_ns[j] == k:
                    is_top = True
            need_rep = k >= min_n and k < max_n
            if is_top or need_rep:
                # counts per distinct n-gram among the candidates, earliest first occurrence on ties;
                # every other window's n-gram occurs once: the earliest window (count 1) wins if none repeats
                epoch += 1
                best_c = 1
                best_first = 0
                if n_cand:
                    for i in range(nwin):
                        if not cand[i]:
                            continue
                        key = h[i]
                        s = np.int64(key & np.uint64(mask))
                        while stamp[s] == epoch and keys[s] != key:
                            s = (s + 1) & mask
                        if stamp[s] != epoch:
                            stamp[s] = epoch
                            keys[s] = key
                            count[s] = 0
                            first[s] = i
                        count[s] += 1
                        slot_of[i] = s
                        c = count[s]
                        f = first[s]
                        if c > best_c or (c == best_c and f < best_first):
                            best_c = c
                            best_first = f
                if is_top:
                    chars = cum[best_first + k] - cum[best_first] + gap
                    for j in range(top_ns.shape[0]):
                        if top_ns[j] == k:
                            top_out[j, d] = best_c * chars / denom
                if need_rep:
                    for i in range(nwin):
                        rep[i] = cand[i] and count[slot_of[i]] >= 2
                    rep[nwin] = False
                rep_known = need_rep
            else:
                rep_known = False
            # duplicated n-grams: left-to-right scan, jump past a repeat (a window that is no
            # candidate is not seen before: one step)
            for j in range(dup_ns.shape[0]):
                if dup_ns[j] != k:
                    continue
                epoch += 1
                acc = 0
                i = 0
                if n_cand:
                    while i < nwin:
                        if not cand[i]:
                            i += 1
                            continue
                        key = h[i]
                        s = np.int64(key & np.uint64(mask))
                        while stamp[s] == epoch and keys[s] != key:
                            s = (s + 1) & mask
                        if stamp[s] == epoch:
                            acc += cum[i + k] - cum[i]
                            i += k
                        else:
                            stamp[s] = epoch
                            keys[s] = key
                            i += 1
                dup_out[j, d] = acc / denom
    return top_out, dup_out


# --------------------------------------------------------------------------
# FineWeb line statistics over the UTF-8 bytes of an Arrow string column
# --------------------------------------------------------------------------
def char_table(chars) -> np.ndarray:
    """uint8 lookup table over all code points: 1 for the characters in ``chars``."""
    t = np.zeros(0x110000, np.uint8)
    for c in chars:
        t[ord(c)] = 1
    return t


# str.isspace() code points (what Python's str.strip() removes); all lie below
# U+3001 (the last is U+3000 IDEOGRAPHIC SPACE), so only that range is scanned
SPACE_TABLE = char_table(chr(c) for c in range(0x3001) if chr(c).isspace())


def utf8_column(column) -> tuple[np.ndarray, np.ndarray]:
    """(data bytes, int64 offsets per row) of a string column; null rows as empty strings."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pc.fill_null(column, "")
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks else pa.array([], pa.large_string())
    arr = arr.cast(pa.large_string())
    bufs = arr.buffers()
    offsets = np.frombuffer(bufs[1], np.int64)[arr.offset : arr.offset + len(arr) + 1]
    data = np.frombuffer(bufs[2], np.uint8) if bufs[2] is not None else np.zeros(0, np.uint8)
    return data, np.ascontiguousarray(offsets)


@njit(cache=True, nogil=True, inline="always")
def _decode_back(data, start, end):
    """(code point ending at ``end``, its first byte index); ``end > start``."""
    i = end - 1
    while i > start and (data[i] & 0xC0) == 0x80:
        i -= 1
    b = np.int64(data[i])
    if b < 0x80:
        cp = b
    elif b < 0xE0:
        cp = b & 0x1F
    elif b < 0xF0:
        cp = b & 0x0F
    else:
        cp = b & 0x07
    for j in range(i + 1, end):
        cp = (cp << 6) | (np.int64(data[j]) & 0x3F)
    return cp, i


@njit(cache=True, nogil=True, inline="always")
def _decode_fwd(data, i):
    """(code point starting at ``i``, index after it)."""
    b = np.int64(data[i])
    if b < 0x80:
        return b, i + 1
    if b < 0xE0:
        n, cp = 1, b & 0x1F
    elif b < 0xF0:
        n, cp = 2, b & 0x0F
    else:
        n, cp = 3, b & 0x07
    for j in range(i + 1, i + 1 + n):
        cp = (cp << 6) | (np.int64(data[j]) & 0x3F)
    return cp, i + 1 + n


@njit(cache=True, nogil=True)
def fineweb_lines_kernel(data, offsets, cjk, short_len, space, stop, closer, punct_out, short_out, dup_out):
    """FineWeb's line statistics per document (``quality_fineweb.py``), one pass over its bytes.

    Lines are ``text.split("\\n")``; blank lines (``line.strip() == ""``) are
    dropped; a line ends in punctuation when its last character is in
    ``stop`` (CJK rows: after removing trailing ``closer`` characters);
    short: at most ``short_len`` characters; duplicated: equal (bytes) to an
    earlier kept line, found by a 64-bit FNV-1a hash in an open-addressing
    table and confirmed byte by byte. Rows without a non-blank line get NaN.
    Linear in the bytes of the batch."""
    n_docs = offsets.shape[0] - 1
    max_lines = 1
    for d in range(n_docs):
        c = 1
        for i in range(offsets[d], offsets[d + 1]):
            if data[i] == 10:
                c += 1
        if c > max_lines:
            max_lines = c
    size_max = 16
    while size_max < 2 * max_lines:
        size_max *= 2
    slot_line = np.full(size_max, -1, np.int64)
    slot_hash = np.zeros(size_max, np.uint64)
    slot_stamp = np.zeros(size_max, np.int64)
    line_start = np.zeros(max_lines, np.int64)
    line_end = np.zeros(max_lines, np.int64)
    epoch = 0
    for d in range(n_docs):
        a = offsets[d]
        b = offsets[d + 1]
        # characters and newlines of the whole text
        n_chars = 0
        n_nl = 0
        for i in range(a, b):
            if (data[i] & 0xC0) != 0x80:
                n_chars += 1
            if data[i] == 10:
                n_nl += 1
        size = 16
        while size < 2 * (n_nl + 1):
            size *= 2
        mask = size - 1
        epoch += 1
        kept = 0
        ended = 0
        short = 0
        dch = 0
        s = a
        while s <= b:
            e = s
            while e < b and data[e] != 10:
                e += 1
            # blank?
            blank = True
            i = s
            while i < e:
                cp, i = _decode_fwd(data, i)
                if space[cp] == 0:
                    blank = False
                    break
            if not blank:
                kept += 1
                ln_chars = 0
                for i in range(s, e):
                    if (data[i] & 0xC0) != 0x80:
                        ln_chars += 1
                # terminal punctuation
                end = e
                cp, st = _decode_back(data, s, end)
                if cjk[d]:
                    while closer[cp] != 0 and st > s:
                        end = st
                        cp, st = _decode_back(data, s, end)
                    if closer[cp] != 0:
                        cp = -1  # the whole line was closers
                if cp >= 0 and stop[cp] != 0:
                    ended += 1
                if ln_chars <= short_len[d]:
                    short += 1
                # duplicate line
                h = np.uint64(0xCBF29CE484222325)
                for i in range(s, e):
                    h = (h ^ np.uint64(data[i])) * np.uint64(0x100000001B3)
                slot = np.int64(h & np.uint64(mask))
                found = False
                while slot_stamp[slot] == epoch:
                    if slot_hash[slot] == h:
                        j = slot_line[slot]
                        ls = line_start[j]
                        le = line_end[j]
                        if le - ls == e - s:
                            same = True
                            for q in range(e - s):
                                if data[ls + q] != data[s + q]:
                                    same = False
                                    break
                            if same:
                                found = True
                                break
                    slot = (slot + 1) & mask
                if found:
                    dch += ln_chars
                else:
                    line_start[kept - 1] = s
                    line_end[kept - 1] = e
                    slot_stamp[slot] = epoch
                    slot_hash[slot] = h
                    slot_line[slot] = kept - 1
            s = e + 1
        if kept == 0:
            punct_out[d] = np.nan
            short_out[d] = np.nan
            dup_out[d] = np.nan
        else:
            punct_out[d] = ended / kept
            short_out[d] = short / kept
            denom = n_chars - n_nl
            dup_out[d] = dch / denom if denom else 0.0


# --------------------------------------------------------------------------
# Gopher repetition: duplicate lines and paragraphs over the UTF-8 bytes
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def _dup_segments(data, a, b, min_run, slot_stamp, slot_hash, slot_seg, seg_start, seg_end, epoch):
    """(segments, duplicates, duplicate characters) of ``data[a:b]`` split at
    maximal runs of at least ``min_run`` newlines (``re.split(r"\\n{min_run,}")``;
    shorter runs stay inside a segment). A duplicate is a segment equal to an
    earlier one (64-bit FNV-1a hash, confirmed byte by byte); its characters
    are counted as code points. ``slot_*`` is an open-addressing table of at
    least twice the segments; ``epoch`` marks its live slots."""
    size = slot_stamp.shape[0]
    mask = size - 1
    n_seg = 0
    n_dup = 0
    dup_chars = 0
    s = a
    while True:
        # segment end: the next run of >= min_run newlines, or b
        e = s
        sep_end = b
        while e < b:
            if data[e] == 10:
                r = e
                while r < b and data[r] == 10:
                    r += 1
                if r - e >= min_run:
                    sep_end = r
                    break
                e = r
            else:
                e += 1
        h = np.uint64(0xCBF29CE484222325)
        for i in range(s, e):
            h = (h ^ np.uint64(data[i])) * np.uint64(0x100000001B3)
        slot = np.int64(h & np.uint64(mask))
        found = False
        while slot_stamp[slot] == epoch:
            if slot_hash[slot] == h:
                j = slot_seg[slot]
                ls = seg_start[j]
                le = seg_end[j]
                if le - ls == e - s:
                    same = True
                    for q in range(e - s):
                        if data[ls + q] != data[s + q]:
                            same = False
                            break
                    if same:
                        found = True
                        break
            slot = (slot + 1) & mask
        if found:
            n_dup += 1
            for i in range(s, e):
                if (data[i] & 0xC0) != 0x80:
                    dup_chars += 1
        else:
            seg_start[n_seg] = s
            seg_end[n_seg] = e
            slot_stamp[slot] = epoch
            slot_hash[slot] = h
            slot_seg[slot] = n_seg
        n_seg += 1
        if e >= b:
            break
        s = sep_end
    return n_seg, n_dup, dup_chars


@njit(cache=True, nogil=True)
def line_para_dups_kernel(data, offsets, space, para_f, para_c, line_f, line_c, n_chars_out):
    """Gopher's duplicate line and paragraph statistics per document (Rae et al. 2021, Table A1).

    Paragraphs: ``re.split(r"\\n{2,}", text.strip())``; lines:
    ``re.split(r"\\n+", text)`` (empty first/last lines included). Fractions
    are of the elements and of the document's characters; empty documents
    get 0. ``space``: code-point table of ``str.isspace`` (what ``strip``
    removes). Linear in the bytes of the batch."""
    n_docs = offsets.shape[0] - 1
    max_nl = 1
    for d in range(n_docs):
        c = 1
        for i in range(offsets[d], offsets[d + 1]):
            if data[i] == 10:
                c += 1
        if c > max_nl:
            max_nl = c
    size = 16
    while size < 2 * max_nl:
        size *= 2
    slot_stamp = np.zeros(size, np.int64)
    slot_hash = np.zeros(size, np.uint64)
    slot_seg = np.zeros(size, np.int64)
    seg_start = np.zeros(max_nl, np.int64)
    seg_end = np.zeros(max_nl, np.int64)
    epoch = 0
    for d in range(n_docs):
        a = offsets[d]
        b = offsets[d + 1]
        n_chars = 0
        for i in range(a, b):
            if (data[i] & 0xC0) != 0x80:
                n_chars += 1
        n_chars_out[d] = n_chars
        if n_chars == 0:
            continue
        # text.strip(): code points in ``space`` off both ends
        s = a
        while s < b:
            cp, nxt = _decode_fwd(data, s)
            if cp < space.shape[0] and space[cp] != 0:
                s = nxt
            else:
                break
        e = b
        while e > s:
            cp, st = _decode_back(data, s, e)
            if cp < space.shape[0] and space[cp] != 0:
                e = st
            else:
                break
        epoch += 1
        n, k, ch = _dup_segments(data, s, e, 2, slot_stamp, slot_hash, slot_seg, seg_start, seg_end, epoch)
        para_f[d] = k / n
        para_c[d] = ch / n_chars
        epoch += 1
        n, k, ch = _dup_segments(data, a, b, 1, slot_stamp, slot_hash, slot_seg, seg_start, seg_end, epoch)
        line_f[d] = k / n
        line_c[d] = ch / n_chars


# --------------------------------------------------------------------------
# str.splitlines() over UTF-8 bytes
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True, inline="always")
def _line_end(data, s, b):
    """(end of the line starting at ``s``, start of the next line) under
    ``str.splitlines()``: ``\\n \\r \\r\\n \\v \\f \\x1c \\x1d \\x1e`` and
    U+0085, U+2028, U+2029 end a line. The next start is ``b + 1`` when the
    line is the last one (no terminator)."""
    i = s
    while i < b:
        c = data[i]
        if c == 10 or c == 11 or c == 12 or c == 28 or c == 29 or c == 30:
            return i, i + 1
        if c == 13:
            if i + 1 < b and data[i + 1] == 10:
                return i, i + 2
            return i, i + 1
        if c == 0xC2 and i + 1 < b and data[i + 1] == 0x85:
            return i, i + 2
        if c == 0xE2 and i + 2 < b and data[i + 1] == 0x80 and (data[i + 2] == 0xA8 or data[i + 2] == 0xA9):
            return i, i + 3
        i += 1
    return b, b + 1


@njit(cache=True, nogil=True, inline="always")
def _strip(data, s, e, space):
    """(start, end) of ``data[s:e]`` without leading/trailing ``str.isspace`` characters."""
    while s < e:
        cp, nxt = _decode_fwd(data, s)
        if cp >= space.shape[0] or space[cp] == 0:
            break
        s = nxt
    while e > s:
        cp, st = _decode_back(data, s, e)
        if cp >= space.shape[0] or space[cp] == 0:
            break
        e = st
    return s, e


# --------------------------------------------------------------------------
# Gopher quality: bullet-start and ellipsis-end line ratios
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def gopher_lines_kernel(data, offsets, space, bullet, bullet_out, ellipsis_out):
    """Per document, over ``text.splitlines()``: the fraction of lines whose
    ``lstrip()`` starts with a ``bullet`` character and whose ``rstrip()``
    ends with ``...`` or ``…``; 0 for a text without lines. One pass over
    the bytes."""
    n_docs = offsets.shape[0] - 1
    for d in range(n_docs):
        a = offsets[d]
        b = offsets[d + 1]
        n_lines = 0
        nb = 0
        ne = 0
        s = a
        while s < b:
            e, nxt = _line_end(data, s, b)
            n_lines += 1
            ls, le = _strip(data, s, e, space)
            if ls < le:
                cp, _ = _decode_fwd(data, ls)
                if cp < bullet.shape[0] and bullet[cp] != 0:
                    nb += 1
                cp, _ = _decode_back(data, ls, le)
                if cp == 0x2026 or (
                    le - ls >= 3 and data[le - 1] == 46 and data[le - 2] == 46 and data[le - 3] == 46
                ):
                    ne += 1
            s = nxt
        if n_lines:
            bullet_out[d] = nb / n_lines
            ellipsis_out[d] = ne / n_lines
        else:
            bullet_out[d] = 0.0
            ellipsis_out[d] = 0.0


# --------------------------------------------------------------------------
# C4 line rules (space-delimited languages)
# --------------------------------------------------------------------------
def lower_ascii_table() -> np.ndarray:
    """Code point -> the ASCII letter ``str.lower()`` maps it to (A-Z, a-z, and
    KELVIN SIGN -> k), the character itself for other ASCII, 0 otherwise."""
    t = np.zeros(0x110000, np.uint8)
    for c in range(128):
        t[c] = ord(chr(c).lower())
    t[0x212A] = ord("k")
    return t


def _decimal_chars() -> str:
    """The ``str.isdecimal()`` code points: a pass over every code point (~0.2 CPU-s per
    process), cached on disk per Unicode version (:func:`operators.text.segment.cached_json`)."""
    import unicodedata

    from operators.text.segment import cached_json

    return cached_json(
        f"decimal-unicode-{unicodedata.unidata_version}",
        lambda: "".join(chr(c) for c in range(0x110000) if chr(c).isdecimal()),
    )


DECIMAL_TABLE = char_table(_decimal_chars())
_EDIT = np.frombuffer(b"[edit]", np.uint8).copy()
_CITATION_NEEDED = np.frombuffer(b"[citation needed]", np.uint8).copy()
_LOREM = np.frombuffer(b"lorem ipsum", np.uint8).copy()
_JAVASCRIPT = np.frombuffer(b"javascript", np.uint8).copy()


@njit(cache=True, nogil=True, inline="always")
def _contains(low, n, pat):
    """``pat`` (uint8 ASCII) occurs in ``low[:n]``; ``low`` holds one byte per code point."""
    m = pat.shape[0]
    for i in range(n - m + 1):
        ok = True
        for j in range(m):
            if low[i + j] != pat[j]:
                ok = False
                break
        if ok:
            return True
    return False


@njit(cache=True, nogil=True, inline="always")
def _citation_len(data, i, e, decimal):
    """Bytes of the citation mark ``\\[\\d*\\]|\\[edit\\]|\\[citation needed\\]`` at ``i`` (0: none)."""
    j = i + 1
    while j < e:
        cp, nxt = _decode_fwd(data, j)
        if decimal[cp] == 0:
            break
        j = nxt
    if j < e and data[j] == 93:
        return j + 1 - i
    for pat in (_EDIT, _CITATION_NEEDED):
        m = pat.shape[0]
        if i + m <= e:
            ok = True
            for q in range(m):
                if data[i + q] != pat[q]:
                    ok = False
                    break
            if ok:
                return m
    return 0


@njit(cache=True, nogil=True)
def c4_lines_kernel(
    data,
    offsets,
    rows,
    max_word_length,
    remove_citations,
    terminal_punct,
    min_words,
    lorem,
    javascript,
    curly,
    policy,
    policies,
    space,
    decimal,
    lower,
    out,
    out_offsets,
    counts,
    page_flag,
):
    """TFDS ``clean_page`` / datatrove ``C4QualityFilter`` line rules for the rows
    ``rows`` (space-delimited languages), one pass over each row's bytes.

    Per line of ``text.splitlines()``, stripped: a word (``str.split()``) over
    ``max_word_length`` code points (< 0: off); citation marks deleted; no
    terminal ``. ? ! " '`` or a trailing ``...``; fewer than ``min_words[row]``
    words (counted before citation removal; NaN or <= 0: off); ``lorem ipsum``
    (page flag 1, stop); ``javascript``; ``{`` (page flag 2, stop); a policy
    phrase (``policies``: NUL-separated ASCII). Case folding is ``str.lower()``
    restricted to what can produce the ASCII phrases. Kept lines are written to
    ``out`` (``len(data) + 1`` bytes) joined by ``\\n``, ``out[out_offsets[row, 0]:out_offsets[row, 1]]``;
    ``counts[row]`` = lines seen, long, punct, few, javascript, policy, kept."""
    pol_start = [0]
    for i in range(policies.shape[0]):
        if policies[i] == 0:
            pol_start.append(i + 1)
    n_pol = len(pol_start) - 1
    lorem_p = _LOREM
    js_p = _JAVASCRIPT
    low = np.zeros(16, np.uint8)
    w = 0
    for r in range(rows.shape[0]):
        d = rows[r]
        a = offsets[d]
        b = offsets[d + 1]
        out_offsets[d, 0] = w
        mw = min_words[d]
        s = a
        while s < b:
            e, nxt = _line_end(data, s, b)
            s0 = s
            s = nxt
            counts[d, 0] += 1
            ls, le = _strip(data, s0, e, space)
            # words and the longest word, in code points
            n_words = 0
            longest = 0
            cur = 0
            n_cp = 0
            i = ls
            while i < le:
                cp, i = _decode_fwd(data, i)
                n_cp += 1
                if cp < space.shape[0] and space[cp] != 0:
                    if cur:
                        n_words += 1
                        if cur > longest:
                            longest = cur
                    cur = 0
                else:
                    cur += 1
            if cur:
                n_words += 1
                if cur > longest:
                    longest = cur
            if max_word_length >= 0 and n_cp > max_word_length and longest > max_word_length:
                counts[d, 1] += 1
                continue
            # the line after citation removal, staged at out[w:], lower-cased ASCII view in low
            if low.shape[0] < le - ls + 1:
                low = np.zeros(2 * (le - ls + 1), np.uint8)
            start = w
            n_low = 0
            has_curly = False
            i = ls
            while i < le:
                if remove_citations and data[i] == 91:
                    k = _citation_len(data, i, le, decimal)
                    if k:
                        i += k
                        continue
                cp, nxt = _decode_fwd(data, i)
                for q in range(i, nxt):
                    out[w] = data[q]
                    w += 1
                low[n_low] = lower[cp]
                n_low += 1
                if cp == 123:
                    has_curly = True
                i = nxt
            if terminal_punct:
                ok = False
                if w > start:
                    c = out[w - 1]
                    if c == 46 or c == 63 or c == 33 or c == 34 or c == 39:
                        ok = True
                    if w - start >= 3 and out[w - 1] == 46 and out[w - 2] == 46 and out[w - 3] == 46:
                        ok = False
                if not ok:
                    w = start
                    counts[d, 2] += 1
                    continue
            if mw == mw and mw > 0 and n_words < mw:
                w = start
                counts[d, 3] += 1
                continue
            if lorem and _contains(low, n_low, lorem_p):
                w = start
                page_flag[d] = 1
                break
            if javascript and _contains(low, n_low, js_p):
                w = start
                counts[d, 4] += 1
                continue
            if curly and has_curly:
                w = start
                page_flag[d] = 2
                break
            if policy:
                hit = False
                for k in range(n_pol):
                    if _contains(low, n_low, policies[pol_start[k] : pol_start[k + 1] - 1]):
                        hit = True
                        break
                if hit:
                    w = start
                    counts[d, 5] += 1
                    continue
            counts[d, 6] += 1
            out[w] = 10
            w += 1
        if counts[d, 6]:
            w -= 1  # no separator after the last kept line
        out_offsets[d, 1] = w
    return w


# --------------------------------------------------------------------------
# C4 line rules for Chinese/Japanese rows, words from the shared segmentation
# --------------------------------------------------------------------------
def lower_cp_table() -> np.ndarray:
    """Code point -> what it can match in a lower-cased phrase: its ASCII lower
    case (``lower_ascii_table``) for ASCII and KELVIN SIGN, the code point
    itself where ``str.lower()`` leaves it unchanged (CJK, kana), 0 otherwise
    (a character whose lower case differs cannot occur in the CJK phrases)."""
    t = np.zeros(0x110000, np.int32)
    asc = lower_ascii_table()
    for c in range(0x110000):
        if c < 128 or c == 0x212A:
            t[c] = asc[c]
        elif 0xD800 <= c < 0xE000:
            continue
        elif chr(c).lower() == chr(c):
            t[c] = c
    return t


_LOREM_CP = np.frombuffer(b"lorem ipsum", np.uint8).astype(np.int32)
_JAVASCRIPT_CP = np.frombuffer(b"javascript", np.uint8).astype(np.int32)


def phrases_cp(phrases) -> np.ndarray:
    """Phrases as one int32 array of code points, each followed by 0."""
    out: list[int] = []
    for p in phrases:
        out.extend(ord(c) for c in p)
        out.append(0)
    return np.asarray(out, np.int32)


@njit(cache=True, nogil=True, inline="always")
def _contains_cp(low, n, pats, a, b):
    """``pats[a:b]`` (code points) occurs in ``low[:n]``."""
    m = b - a
    for i in range(n - m + 1):
        ok = True
        for j in range(m):
            if low[i + j] != pats[a + j]:
                ok = False
                break
        if ok:
            return True
    return False


@njit(cache=True, nogil=True)
def _cjk_sentences(cps, n, space, term, closer):
    """``count_sentences_cjk`` of the code points ``cps[:n]``: 0 without a non-space
    character, else 1 + the matches of ``[term]+[closer]*(?=\\S)``. Scanning
    left to right, a greedy run of terminal marks and closers is a match when a
    non-space character follows it or, since the expression gives back one
    character to satisfy the look-ahead, when it is at least two characters
    long. Linear in ``n``."""
    blank = True
    for i in range(n):
        if cps[i] >= space.shape[0] or space[cps[i]] == 0:
            blank = False
            break
    if blank:
        return 0
    count = 1
    i = 0
    while i < n:
        if term[cps[i]] == 0:
            i += 1
            continue
        j = i
        while j < n and term[cps[j]] != 0:
            j += 1
        while j < n and closer[cps[j]] != 0:
            j += 1
        followed = j < n and (cps[j] >= space.shape[0] or space[cps[j]] == 0)
        if followed or j - i >= 2:
            count += 1
        i = j
    return count


@njit(cache=True, nogil=True)
def c4_cjk_lines_kernel(
    data,
    offsets,
    rows,
    have_tokens,
    tok_offsets,
    tok_len,
    tok_word,
    max_word_length,
    remove_citations,
    terminal_punct,
    min_words,
    count_sentences,
    lorem,
    javascript,
    curly,
    policy,
    policies,
    space,
    cjk,
    decimal,
    lower,
    end_punct,
    term,
    closer,
    out,
    out_offsets,
    counts,
    page_flag,
    fallback,
):
    """The C4 line rules of ``C4Quality`` for Chinese/Japanese rows ``rows``, one
    pass over each row's bytes and tokens.

    Lines are ``text.splitlines()``, stripped. Rules in order: a word over
    ``max_word_length`` code points, words being runs of characters that are
    neither space nor ``cjk`` (< 0: off); citation marks deleted; the line
    does not end in an ``end_punct`` character; fewer than ``min_words[row]``
    words that are not pure punctuation (NaN or <= 0: off); ``lorem ipsum``
    (page flag 1, stop); ``javascript``; ``{`` (page flag 2, stop); a policy
    phrase (``policies``: code points, 0-separated, matched against
    ``lower``). Words are the row's segmenter tokens
    (``tok_offsets``/``tok_len``/``tok_word``: characters per token, token is
    not pure punctuation), which tile the row's non-space characters in
    order; a segmenter never joins characters across a space or a line
    break, so the words of a line are the tokens that start in it. A line
    whose citation marks were deleted before its words are counted would
    have to be segmented again, and tokens that do not tile the text are not
    trusted: such rows get ``fallback[row] = 1`` (their outputs are
    meaningless; the caller recomputes them). Without tokens
    (``have_tokens`` false) a row that reaches a word count stops there with
    ``fallback[row] = 2``: the caller segments just those rows and runs them
    again, so rows whose lines all fail earlier rules are never segmented.
    Kept lines are written to
    ``out`` joined by ``\\n``; ``counts[row]`` = lines seen, long, punct,
    few, javascript, policy, kept, sentences in kept lines
    (``count_sentences[row]``: else 0). Linear in the bytes of the rows."""
    pol_start = [0]
    for i in range(policies.shape[0]):
        if policies[i] == 0:
            pol_start.append(i + 1)
    n_pol = len(pol_start) - 1
    low = np.zeros(16, np.int32)
    w = 0
    for r in range(rows.shape[0]):
        d = rows[r]
        a = offsets[d]
        b = offsets[d + 1]
        out_offsets[d, 0] = w
        mw = min_words[d]
        t = tok_offsets[d] - 1  # current token
        t_end = tok_offsets[d + 1]
        rem = 0  # characters of the current token still to come
        bad = False
        s = a
        while s < b:
            e, nxt = _line_end(data, s, b)
            s0 = s
            s = nxt
            counts[d, 0] += 1
            # tokens starting in this line (before stripping: only spaces are stripped)
            n_tok_words = 0
            i = s0 if have_tokens else e
            while i < e:
                cp, i = _decode_fwd(data, i)
                if cp < space.shape[0] and space[cp] != 0:
                    if rem != 0:
                        bad = True
                    continue
                if rem == 0:
                    t += 1
                    if t >= t_end:
                        bad = True
                        break
                    rem = tok_len[t]
                    if tok_word[t]:
                        n_tok_words += 1
                rem -= 1
            if bad:
                break
            ls, le = _strip(data, s0, e, space)
            # longest run of non-space, non-CJK characters
            longest = 0
            cur = 0
            n_cp = 0
            i = ls
            while i < le:
                cp, i = _decode_fwd(data, i)
                n_cp += 1
                if (cp < space.shape[0] and space[cp] != 0) or cjk[cp] != 0:
                    cur = 0
                else:
                    cur += 1
                    if cur > longest:
                        longest = cur
            if max_word_length >= 0 and n_cp > max_word_length and longest > max_word_length:
                counts[d, 1] += 1
                continue
            if low.shape[0] < le - ls + 1:
                low = np.zeros(2 * (le - ls + 1), np.int32)
            start = w
            n_low = 0
            has_curly = False
            cited = False
            last = -1
            i = ls
            while i < le:
                if remove_citations and data[i] == 91:
                    k = _citation_len(data, i, le, decimal)
                    if k:
                        i += k
                        cited = True
                        continue
                cp, nxt = _decode_fwd(data, i)
                for q in range(i, nxt):
                    out[w] = data[q]
                    w += 1
                low[n_low] = cp  # code points for now; lower-cased below if needed
                n_low += 1
                last = cp
                if cp == 123:
                    has_curly = True
                i = nxt
            if terminal_punct and (last < 0 or end_punct[last] == 0):
                w = start
                counts[d, 2] += 1
                continue
            if mw == mw and mw > 0:
                if not have_tokens:
                    fallback[d] = 2
                    bad = True
                    break
                if cited:
                    bad = True
                    break
                if n_tok_words < mw:
                    w = start
                    counts[d, 3] += 1
                    continue
            n_sent = 0
            if count_sentences[d]:
                n_sent = _cjk_sentences(low, n_low, space, term, closer)
            for q in range(n_low):
                low[q] = lower[low[q]]
            if lorem and _contains_cp(low, n_low, _LOREM_CP, 0, _LOREM_CP.shape[0]):
                w = start
                page_flag[d] = 1
                break
            if javascript and _contains_cp(low, n_low, _JAVASCRIPT_CP, 0, _JAVASCRIPT_CP.shape[0]):
                w = start
                counts[d, 4] += 1
                continue
            if curly and has_curly:
                w = start
                page_flag[d] = 2
                break
            if policy:
                hit = False
                for k in range(n_pol):
                    if _contains_cp(low, n_low, policies, pol_start[k], pol_start[k + 1] - 1):
                        hit = True
                        break
                if hit:
                    w = start
                    counts[d, 5] += 1
                    continue
            counts[d, 6] += 1
            counts[d, 7] += n_sent
            out[w] = 10
            w += 1
        if have_tokens and not bad and page_flag[d] == 0 and (rem != 0 or t != t_end - 1):
            bad = True  # tokens left over: they did not tile the text
        if bad:
            if fallback[d] == 0:
                fallback[d] = 1
            w = out_offsets[d, 0]
            out_offsets[d, 1] = w
            continue
        if counts[d, 6]:
            w -= 1  # no separator after the last kept line
        out_offsets[d, 1] = w
    return w


# --------------------------------------------------------------------------
# Gopher quality: per-document token statistics and symbol counts
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def token_stats_kernel(offsets, length, nonsym, alpha, stop, row_list, list_stops, n_stop, out):
    """Per document, over its tokens (``offsets``: n_docs + 1): ``out[d]`` =
    (tokens, non-punctuation tokens, their characters, tokens with a letter,
    distinct stop words). ``stop``: index of the token in the stop-word
    vocabulary or -1; ``row_list[d]``: the document's stop list (a row of
    ``list_stops``, which marks the vocabulary entries it holds) or -1 for
    none. One pass over the tokens; a stamp array per stop word counts each
    one once per document."""
    n_docs = offsets.shape[0] - 1
    seen = np.full(max(n_stop, 1), -1, np.int64)
    for d in range(n_docs):
        a = offsets[d]
        b = offsets[d + 1]
        words = 0
        chars = 0
        letters = 0
        stops = 0
        lst = row_list[d]
        for i in range(a, b):
            if nonsym[i]:
                words += 1
                chars += length[i]
            if alpha[i]:
                letters += 1
            s = stop[i]
            if s >= 0 and lst >= 0 and list_stops[lst, s] and seen[s] != d:
                seen[s] = d
                stops += 1
        out[d, 0] = b - a
        out[d, 1] = words
        out[d, 2] = chars
        out[d, 3] = letters
        out[d, 4] = stops


@njit(cache=True, nogil=True)
def symbol_counts_kernel(data, offsets, out):
    """Per document: ``out[d]`` = (``#`` characters, non-overlapping ``...``
    plus ``…``), as ``str.count`` counts them. One pass over the bytes."""
    n_docs = offsets.shape[0] - 1
    for d in range(n_docs):
        a = offsets[d]
        b = offsets[d + 1]
        hashes = 0
        ell = 0
        i = a
        while i < b:
            c = data[i]
            if c == 35:
                hashes += 1
            elif c == 46 and i + 2 < b and data[i + 1] == 46 and data[i + 2] == 46:
                ell += 1
                i += 3
                continue
            elif c == 0xE2 and i + 2 < b and data[i + 1] == 0x80 and data[i + 2] == 0xA6:
                ell += 1
                i += 3
                continue
            i += 1
        out[d, 0] = hashes
        out[d, 1] = ell


@njit(cache=True, nogil=True)
def sentence_counts_kernel(idx, chunk_offsets, line_offsets, inc, state_out, nonempty, out):
    """Sentences per text as ``c4_quality`` counts them in its kept lines: per line, 1 if it holds a
    chunk plus the sentence starts of its chunks' effects composed from the state "no final token
    seen". Text ``t``'s lines are ``line_offsets[t]:line_offsets[t + 1]``, line ``l``'s chunks
    ``idx[chunk_offsets[l]:chunk_offsets[l + 1]]`` (distinct-chunk numbers); ``inc[u, s]`` /
    ``state_out[u, s]``: distinct chunk ``u``'s sentence starts and exit state from entry state
    ``s``; ``nonempty[u]``: ``u`` is a chunk (an empty string is no chunk and changes nothing).
    Linear in the number of chunks."""
    for t in range(len(line_offsets) - 1):
        total = 0
        for ln in range(line_offsets[t], line_offsets[t + 1]):
            seen = False
            state = 0
            n = 0
            for k in range(chunk_offsets[ln], chunk_offsets[ln + 1]):
                u = idx[k]
                if nonempty[u]:
                    seen = True
                n += inc[u, state]
                state = state_out[u, state]
            if seen:
                total += 1 + n
        out[t] = total


# --------------------------------------------------------------------------
# token ids of a batch: runs of a flat array, concatenated
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def gather_runs_kernel(src, starts, counts, out):
    """``out`` = ``src[starts[j]:starts[j] + counts[j]]`` for every ``j``, concatenated in order
    (``out`` holds ``counts.sum()`` values). One pass, instead of building an index array of
    the output's length (``np.repeat`` of the run starts plus an ``arange``) and gathering."""
    o = 0
    for j in range(starts.shape[0]):
        s = starts[j]
        c = counts[j]
        for q in range(c):
            out[o + q] = src[s + q]
        o += c


# --------------------------------------------------------------------------
# whitespace chunks of a string column (Arrow's utf8_split_whitespace, flattened)
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def split_whitespace_kernel(data, offsets, space, counts_out, chunk_offsets_out, chunk_data_out):
    """The whitespace-free chunks of every row of a UTF-8 string column, in row order, copied
    into ``chunk_data_out`` (chunk k: ``chunk_data_out[chunk_offsets_out[k]:chunk_offsets_out[k
    + 1]]``), and the number of chunks per row in ``counts_out``; returns (chunks, bytes).

    A chunk is a maximal run of code points whose ``space`` entry is 0 (``space`` holds the
    whitespace code points below its length: ``SPACE_TABLE``, ``str.isspace``, which is also
    Arrow's ``utf8_split_whitespace`` set: tests/test_quality_tok12_split.py checks every code
    point), so the chunks are those of ``pyarrow.compute.utf8_split_whitespace`` flattened.
    ``chunk_offsets_out`` holds room for ``(row bytes + 1) // 2`` chunks per row plus one,
    ``chunk_data_out`` for all bytes. One pass over the bytes (each code point is decoded once
    to test it; a chunk's bytes are copied as they are)."""
    n_rows = offsets.shape[0] - 1
    n_space = space.shape[0]
    k = 0
    o = 0
    chunk_offsets_out[0] = 0
    for r in range(n_rows):
        i = offsets[r]
        end = offsets[r + 1]
        in_chunk = False
        c_rows = 0
        while i < end:
            b0 = data[i]
            if b0 < 0x80:
                cp = np.int64(b0)
                w = 1
            elif b0 < 0xE0:
                cp = (np.int64(b0 & 0x1F) << 6) | np.int64(data[i + 1] & 0x3F)
                w = 2
            elif b0 < 0xF0:
                cp = (
                    (np.int64(b0 & 0x0F) << 12)
                    | (np.int64(data[i + 1] & 0x3F) << 6)
                    | np.int64(data[i + 2] & 0x3F)
                )
                w = 3
            else:
                cp = 0x10000  # no whitespace above the BMP
                w = 4
            if cp < n_space and space[cp]:
                if in_chunk:
                    k += 1
                    chunk_offsets_out[k] = o
                    in_chunk = False
            else:
                if not in_chunk:
                    in_chunk = True
                    c_rows += 1
                for q in range(w):
                    chunk_data_out[o + q] = data[i + q]
                o += w
            i += w
        if in_chunk:
            k += 1
            chunk_offsets_out[k] = o
        counts_out[r] = c_rows
    return k, o
