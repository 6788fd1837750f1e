"""jieba's default segmentation (precise mode, HMM on) compiled with numba, over code points.

What: :func:`segment` cuts texts (a numpy ``uint32`` array of code points, documents given by
offsets) into the tokens of ``jieba.cut(text, HMM=True)`` as computed by rjieba (jieba-rs
0.11, the segmenter the quality filters used so far), as token start offsets; no Python
string is made per token. :class:`TokenIds` maps the tokens to the ids of a Python vocabulary
(``token -> id`` dict) through a compiled hash table keyed by the tokens' code points: only a
token the table has not seen yet becomes a Python string, once.

The algorithm (jieba 0.42.1 ``Tokenizer.__cut_DAG`` and ``finalseg``,
https://github.com/fxsjy/jieba; jieba-rs ``Jieba::cut_dag_hmm`` and ``hmm.rs``,
https://github.com/messense/jieba-rs), step by step:

1. Blocks (jieba's ``re_han_default``; jieba-rs ``is_han_default``): maximal runs of CJK
   ideographs (U+4E00-9FFF and the extension blocks jieba-rs lists), ASCII letters, digits and
   ``+#&._%-``. Every other character is a token of its own, except ``\\r\\n`` (one token).
2. In a block, the DAG of the prefix dictionary (``jieba/dict.txt``: every dictionary word that
   starts at each position), and the route of maximum log-probability from the end backwards:
   ``route[i] = max(log(freq(w)) - log(total) + route[i + len(w)])`` over the words ``w`` at
   ``i`` (a position without one: its character, frequency 1); on equal values the longer word.
3. Along the route, words of two or more characters are tokens; runs of single characters are
   buffered: a run of one character is a token, a run that is itself a dictionary word is cut
   into its characters, any other run goes to the HMM.
4. HMM (``finalseg``, tables ``jieba/finalseg/prob_start.py``, ``prob_trans.py``,
   ``prob_emit.py``): in the run, maximal runs of U+4E00-9FD5 are labelled B/M/E/S by Viterbi
   (ties to the later state, as jieba-rs) and cut at E and S; the other characters are split as
   jieba-rs 0.11 splits them (``HmmSkipSplitter``): ASCII alphanumeric runs joined by single
   ``._-`` between alphanumerics, with a trailing ``%``, and the gaps between them, as tokens.

jieba-rs differs from jieba 0.42.1 (Python) in step 1's extension blocks and step 4's splitter
(jieba: ``[a-zA-Z0-9]+(?:\\.\\d+)?%?``); this module follows jieba-rs, since the project's output
is rjieba's. Tests compare with rjieba (``tests/test_jieba_numba.py``).

Linear time on any input: every position walks the trie at most as deep as the longest
dictionary word (16 characters), Viterbi is linear in its run, the splitter scans each
character a bounded number of times, and a token's hash and comparison cost its length.

The dictionary and the HMM tables are read from the installed jieba package (nothing is
downloaded) and built into arrays once per process (:func:`tables`), cached on disk per jieba
version (:func:`tables` says how long the build takes).
"""

from __future__ import annotations

import os
import tempfile
import threading

import numpy as np

from operators.quality._numba_start import njit

MIN_FLOAT = -3.14e100
_PREV0 = (1, 0, 0, 1)  # B <- E|S, E <- B|M, M <- B|M, S <- E|S (first of each pair)
_PREV1 = (3, 2, 2, 3)
_HMM_LO = 0x4E00
_HMM_HI = 0x9FD5
_FORMAT = 2  # bump when the cached arrays change
_ROOT_SPAN = 0x30000  # the root's children are a direct array over these code points
_STATES = "BEMS"  # jieba-rs's state indices: Begin 0, End 1, Middle 2, Single 3


# --------------------------------------------------------------------------- character classes
@njit(cache=True, nogil=True)
def _is_han_default(c):
    if 0x4E00 <= c <= 0x9FFF:
        return True
    if c < 128:
        return (
            (0x30 <= c <= 0x39)
            or (0x41 <= c <= 0x5A)
            or (0x61 <= c <= 0x7A)
            or c == 0x2B  # +
            or c == 0x23  # #
            or c == 0x26  # &
            or c == 0x2E  # .
            or c == 0x5F  # _
            or c == 0x25  # %
            or c == 0x2D  # -
        )
    return (
        (0x3400 <= c <= 0x4DBF)
        or (0xF900 <= c <= 0xFAFF)
        or (0x20000 <= c <= 0x2A6DF)
        or (0x2A700 <= c <= 0x2B73F)
        or (0x2B740 <= c <= 0x2B81F)
        or (0x2B820 <= c <= 0x2CEAF)
        or (0x2CEB0 <= c <= 0x2EBEF)
        or (0x2F800 <= c <= 0x2FA1F)
    )


@njit(cache=True, nogil=True)
def _is_alnum(c):
    return (0x30 <= c <= 0x39) or (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A)


# --------------------------------------------------------------------------- the trie
@njit(cache=True, nogil=True)
def _slot(keys, mask, key):
    h = np.uint64(key) * np.uint64(0x9E3779B97F4A7C15)
    s = np.int64(h >> np.uint64(40)) & mask
    while keys[s] != -1 and keys[s] != key:
        s = (s + 1) & mask
    return s


@njit(cache=True, nogil=True)
def _child(keys, vals, mask, node, c):
    key = (np.int64(node) << 21) | np.int64(c)
    s = _slot(keys, mask, key)
    if keys[s] == -1:
        return -1
    return vals[s]


@njit(cache=True, nogil=True)
def build_trie_kernel(text, size):
    """The trie of ``dict.txt`` (``text``: its code points): (keys, vals, logfreq, total, max_len).

    ``keys[s]`` = ``parent << 21 | code point`` of the child ``vals[s]`` (open addressing,
    ``size`` slots, -1 empty); node 0 is the root; ``logfreq[node]``: ``log(freq)`` of the word
    ending there (NaN: no word). A line is ``word freq [tag]``; a word listed twice keeps the
    first line's frequency (jieba-rs 0.11 loads the file in reverse without a duplicate check),
    and ``total`` sums every line (both jieba and jieba-rs)."""
    keys = np.full(size, -1, np.int64)
    vals = np.zeros(size, np.int32)
    mask = size - 1
    cap = 1024
    freq = np.full(cap, -1, np.int64)
    n_nodes = 1
    total = 0
    max_len = 0
    n = text.shape[0]
    i = 0
    while i < n:
        # one line: word, space, digits
        j = i
        while j < n and text[j] != 0x20 and text[j] != 0x0A and text[j] != 0x09 and text[j] != 0x0D:
            j += 1
        w_end = j
        f = 0
        while j < n and (text[j] == 0x20 or text[j] == 0x09):
            j += 1
        while j < n and 0x30 <= text[j] <= 0x39:
            f = f * 10 + (text[j] - 0x30)
            j += 1
        while j < n and text[j] != 0x0A:
            j += 1
        if w_end > i:
            node = 0
            for k in range(i, w_end):
                key = (np.int64(node) << 21) | np.int64(text[k])
                s = _slot(keys, mask, key)
                if keys[s] == -1:
                    keys[s] = key
                    vals[s] = n_nodes
                    if n_nodes >= cap:
                        grown = np.full(cap * 2, -1, np.int64)
                        grown[:cap] = freq
                        freq = grown
                        cap *= 2
                    n_nodes += 1
                node = vals[s]
            if freq[node] < 0:
                freq[node] = f
            total += f
            if w_end - i > max_len:
                max_len = w_end - i
        i = j + 1
    logfreq = np.full(n_nodes, np.nan)
    for v in range(n_nodes):
        if freq[v] >= 0:
            logfreq[v] = np.log(np.float64(freq[v]))
    return keys, vals, logfreq, total, max_len


@njit(cache=True, nogil=True)
def rehash_trie_kernel(keys, vals, size):
    """The trie's table with ``size`` slots."""
    k2 = np.full(size, -1, np.int64)
    v2 = np.zeros(size, np.int32)
    mask = size - 1
    for s in range(keys.shape[0]):
        if keys[s] != -1:
            t = _slot(k2, mask, keys[s])
            k2[t] = keys[s]
            v2[t] = vals[s]
    return k2, v2


@njit(cache=True, nogil=True)
def root_children_kernel(keys, vals, span):
    """``root[c]``: the trie node of the one-character prefix ``c`` (-1: none), for ``c < span``."""
    root = np.full(span, -1, np.int32)
    for s in range(keys.shape[0]):
        k = keys[s]
        if k != -1 and (k >> 21) == 0 and (k & 0x1FFFFF) < span:
            root[k & 0x1FFFFF] = vals[s]
    return root


@njit(cache=True, nogil=True)
def _first(root, keys, vals, mask, c):
    if c < root.shape[0]:
        return root[c]
    return _child(keys, vals, mask, 0, c)


# --------------------------------------------------------------------------- segmentation
@njit(cache=True, nogil=True)
def _emit(out, k, start):
    out[k] = start
    return k + 1


@njit(cache=True, nogil=True)
def _in_dict(cps, a, b, root, keys, vals, mask, logfreq, max_len):
    if b - a > max_len:
        return False
    node = _first(root, keys, vals, mask, cps[a])
    if node < 0:
        return False
    for p in range(a + 1, b):
        node = _child(keys, vals, mask, node, cps[p])
        if node < 0:
            return False
    return not np.isnan(logfreq[node])


@njit(cache=True, nogil=True)
def _hmm_skip(cps, a, b, out, k):
    """jieba-rs 0.11 ``HmmSkipSplitter`` over ``cps[a:b]`` (no character of U+4E00-9FD5)."""
    pos = a
    while pos < b:
        cur = pos
        while cur < b and not _is_alnum(cps[cur]):
            cur += 1
        if cur > pos:
            k = _emit(out, k, pos)  # the gap
        if cur == b:
            break
        end = cur
        while True:
            while end < b and _is_alnum(cps[end]):
                end += 1
            c = cps[end] if end < b else 0
            if end + 1 < b and (c == 0x2E or c == 0x5F or c == 0x2D) and _is_alnum(cps[end + 1]):
                end += 1
            else:
                break
        if end < b and cps[end] == 0x25:
            end += 1
        k = _emit(out, k, cur)
        pos = end
    return k


@njit(cache=True, nogil=True)
def _viterbi_cut(cps, a, b, start_p, trans_p, emit_p, prev, vw, out, k):
    """finalseg's Viterbi over ``cps[a:b]`` (two or more characters of U+4E00-9FD5), cut at E/S.

    ``prev``: scratch, the best previous state of each state at each position (then the path
    in column 0); ``vw``: scratch, two rows of four scores."""
    e = emit_p[cps[a] - _HMM_LO]
    for y in range(4):
        vw[0, y] = start_p[y] + e[y]
    r = 0
    for t in range(1, b - a):
        e = emit_p[cps[a + t] - _HMM_LO]
        for y in range(4):
            # the states allowed before y (jieba-rs ALLOWED_PREV_STATUS), ascending: a tie goes
            # to the second, the larger state, as jieba's comparison of (score, state) pairs
            y0 = _PREV0[y]
            y1 = _PREV1[y]
            prob0 = vw[r, y0] + trans_p[y0, y] + e[y]
            prob1 = vw[r, y1] + trans_p[y1, y] + e[y]
            if prob0 > prob1:
                vw[1 - r, y] = prob0
                prev[t, y] = y0
            else:
                vw[1 - r, y] = prob1
                prev[t, y] = y1
        r = 1 - r
    n = b - a
    cur = 1 if vw[r, 1] > vw[r, 3] else 3
    # the path, right to left, into column 0 (prev[t, 0] is read for t only before it is written)
    for t in range(n - 1, 0, -1):
        nxt_state = prev[t, cur]
        prev[t, 0] = cur
        cur = nxt_state
    prev[0, 0] = cur
    begin = a
    nxt = a
    for i in range(n):
        s = prev[i, 0]
        if s == 0:
            begin = a + i
        elif s == 1:
            k = _emit(out, k, begin)
            nxt = a + i + 1
        elif s == 3:
            k = _emit(out, k, a + i)
            nxt = a + i + 1
    if nxt < b:
        k = _emit(out, k, nxt)
    return k


@njit(cache=True, nogil=True)
def _hmm_cut(cps, a, b, start_p, trans_p, emit_p, prev, vw, out, k):
    i = a
    while i < b:
        c = cps[i]
        han = _HMM_LO <= c <= _HMM_HI
        j = i + 1
        while j < b and (_HMM_LO <= cps[j] <= _HMM_HI) == han:
            j += 1
        if han:
            if j - i > 1:
                k = _viterbi_cut(cps, i, j, start_p, trans_p, emit_p, prev, vw, out, k)
            else:
                k = _emit(out, k, i)
        else:
            k = _hmm_skip(cps, i, j, out, k)
        i = j
    return k


@njit(cache=True, nogil=True)
def _unjoined(
    cps, a, b, root, keys, vals, mask, logfreq, max_len, start_p, trans_p, emit_p, prev, vw, out, k
):
    if b - a == 1:
        return _emit(out, k, a)
    if not _in_dict(cps, a, b, root, keys, vals, mask, logfreq, max_len):
        return _hmm_cut(cps, a, b, start_p, trans_p, emit_p, prev, vw, out, k)
    for p in range(a, b):
        k = _emit(out, k, p)
    return k


@njit(cache=True, nogil=True)
def _cut_block(
    cps,
    a,
    b,
    root,
    keys,
    vals,
    mask,
    logfreq,
    logtotal,
    max_len,
    route_p,
    route_e,
    start_p,
    trans_p,
    emit_p,
    prev,
    vw,
    out,
    k,
):
    route_p[b - a] = 0.0
    for i in range(b - 1, a - 1, -1):
        best = 0.0
        best_end = -1
        node = 0
        j = i
        while j < b:
            node = (
                _first(root, keys, vals, mask, cps[j]) if j == i else _child(keys, vals, mask, node, cps[j])
            )
            if node < 0:
                break
            j += 1
            lf = logfreq[node]
            if not np.isnan(lf):
                prob = lf - logtotal + route_p[j - a]
                if best_end < 0 or prob > best or (prob == best and j > best_end):
                    best = prob
                    best_end = j
        if best_end < 0:
            best = (0.0 - logtotal) + route_p[i + 1 - a]
            best_end = i + 1
        route_p[i - a] = best
        route_e[i - a] = best_end
    x = a
    left = -1
    while x < b:
        y = route_e[x - a]
        if y - x == 1:
            if left < 0:
                left = x
        else:
            if left >= 0:
                k = _unjoined(
                    cps,
                    left,
                    x,
                    root,
                    keys,
                    vals,
                    mask,
                    logfreq,
                    max_len,
                    start_p,
                    trans_p,
                    emit_p,
                    prev,
                    vw,
                    out,
                    k,
                )
                left = -1
            k = _emit(out, k, x)
        x = y
    if left >= 0:
        k = _unjoined(
            cps, left, b, root, keys, vals, mask, logfreq, max_len, start_p, trans_p, emit_p, prev, vw, out, k
        )
    return k


@njit(cache=True, nogil=True)
def segment_kernel(
    cps, doc_offsets, root, keys, vals, logfreq, logtotal, max_len, start_p, trans_p, emit_p, out, tok_offsets
):
    """Token starts of every document: document d (``cps[doc_offsets[d]:doc_offsets[d + 1]]``)
    has tokens ``tok_offsets[d]:tok_offsets[d + 1]``, token t spanning ``out[t]:out[t + 1]``
    (``out`` needs ``len(cps) + 1`` entries: a token has at least one character)."""
    mask = keys.shape[0] - 1
    n = cps.shape[0]
    longest = 1
    d = 0
    # scratch sized by the longest block
    i = 0
    while i < n:
        j = i
        while j < n and _is_han_default(cps[j]):
            j += 1
        if j - i > longest:
            longest = j - i
        i = j + 1
    route_p = np.empty(longest + 1)
    route_e = np.empty(longest + 1, np.int64)
    prev = np.empty((longest + 1, 4), np.int8)
    vw = np.empty((2, 4))
    k = 0
    n_docs = doc_offsets.shape[0] - 1
    for d in range(n_docs):
        tok_offsets[d] = k
        i = doc_offsets[d]
        end = doc_offsets[d + 1]
        while i < end:
            c = cps[i]
            if _is_han_default(c):
                j = i + 1
                while j < end and _is_han_default(cps[j]):
                    j += 1
                k = _cut_block(
                    cps,
                    i,
                    j,
                    root,
                    keys,
                    vals,
                    mask,
                    logfreq,
                    logtotal,
                    max_len,
                    route_p,
                    route_e,
                    start_p,
                    trans_p,
                    emit_p,
                    prev,
                    vw,
                    out,
                    k,
                )
                i = j
            elif c == 0x0D and i + 1 < end and cps[i + 1] == 0x0A:
                k = _emit(out, k, i)
                i += 2
            else:
                k = _emit(out, k, i)
                i += 1
    tok_offsets[n_docs] = k
    out[k] = n
    return k


# --------------------------------------------------------------------------- token ids
@njit(cache=True, nogil=True)
def _tok_hash(cps, a, b):
    h = np.uint64(0xCBF29CE484222325) ^ np.uint64(b - a)
    for p in range(a, b):
        h = (h ^ np.uint64(cps[p])) * np.uint64(0x100000001B3)
        h ^= h >> np.uint64(29)
    return h


@njit(cache=True, nogil=True)
def ids_kernel(
    cps,
    starts,
    first,
    n_tok,
    slots,
    hashes,
    ent_start,
    ent_len,
    store,
    ent_id,
    state,
    out,
    new_ent,
    new_tok,
    rehash,
):
    """Ids of tokens ``first..n_tok-1`` (token t: ``cps[starts[t]:starts[t + 1]]``) into ``out``.

    ``rehash``: ``slots`` is new (grown, all -1): the entries are placed in it first (one kernel
    for both, so a first batch compiles nothing more when the table grows).

    A token not in the table is added with the id ``-(j + 1)`` for the j-th new token of the
    call (``new_ent[j]``: its entry, ``new_tok[j]``: its first token); the caller gives those
    their real ids. ``state``:
    (entries, store used, new tokens). Returns the next token to do: less than ``n_tok`` when
    the table or the store is full (the caller grows them and calls again)."""
    mask = slots.shape[0] - 1
    n_ent = state[0]
    used = state[1]
    n_new = state[2]
    if rehash:
        for e in range(n_ent):
            s = np.int64(hashes[e] >> np.uint64(32)) & mask
            while slots[s] >= 0:
                s = (s + 1) & mask
            slots[s] = e
    for t in range(first, n_tok):
        a = starts[t]
        b = starts[t + 1]
        h = _tok_hash(cps, a, b)
        s = np.int64(h >> np.uint64(32)) & mask
        while True:
            e = slots[s]
            if e < 0:
                break
            if hashes[e] == h and ent_len[e] == b - a:
                o = ent_start[e]
                same = True
                for p in range(b - a):
                    if store[o + p] != cps[a + p]:
                        same = False
                        break
                if same:
                    break
            s = (s + 1) & mask
        if e >= 0:
            out[t] = ent_id[e]
            continue
        if 2 * (n_ent + 1) > slots.shape[0] or n_ent >= hashes.shape[0] or used + (b - a) > store.shape[0]:
            state[0] = n_ent
            state[1] = used
            state[2] = n_new
            return t
        slots[s] = n_ent
        hashes[n_ent] = h
        ent_start[n_ent] = used
        ent_len[n_ent] = b - a
        for p in range(b - a):
            store[used + p] = cps[a + p]
        used += b - a
        ent_id[n_ent] = -(n_new + 1)
        new_ent[n_new] = n_ent
        new_tok[n_new] = t
        out[t] = -(n_new + 1)
        n_new += 1
        n_ent += 1
    state[0] = n_ent
    state[1] = used
    state[2] = n_new
    return n_tok


# --------------------------------------------------------------------------- Python side
class Tables:
    """The dictionary trie and the HMM tables as arrays (see :func:`tables`)."""

    __slots__ = ("root", "keys", "vals", "logfreq", "logtotal", "max_len", "start_p", "trans_p", "emit_p")

    def __init__(self, root, keys, vals, logfreq, logtotal, max_len, start_p, trans_p, emit_p) -> None:
        self.root, self.keys, self.vals, self.logfreq = root, keys, vals, logfreq
        self.logtotal, self.max_len = float(logtotal), int(max_len)
        self.start_p, self.trans_p, self.emit_p = start_p, trans_p, emit_p


_TABLES: Tables | None = None
_LOCK = threading.Lock()


def _jieba_dir() -> str:
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise RuntimeError("jieba is not installed: its dictionary is the segmenter's")
    return os.path.dirname(spec.origin)


def _hmm_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from jieba.finalseg.prob_emit import P as emit
    from jieba.finalseg.prob_start import P as start
    from jieba.finalseg.prob_trans import P as trans

    start_p = np.array([start[s] for s in _STATES], np.float64)
    trans_p = np.full((4, 4), MIN_FLOAT)
    for i, a in enumerate(_STATES):
        for j, b in enumerate(_STATES):
            if b in trans[a]:
                trans_p[i, j] = trans[a][b]
    emit_p = np.full((_HMM_HI - _HMM_LO + 1, 4), MIN_FLOAT)
    for j, s in enumerate(_STATES):
        for ch, p in emit[s].items():
            c = ord(ch)
            if _HMM_LO <= c <= _HMM_HI:
                emit_p[c - _HMM_LO, j] = float(f"{p:.6f}")  # jieba-rs's hmm.model: 6 decimals
    return start_p, trans_p, emit_p


def build_tables() -> Tables:
    """Read ``jieba/dict.txt`` and ``jieba/finalseg/prob_*.py`` into :class:`Tables`."""
    path = os.path.join(_jieba_dir(), "dict.txt")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    cps = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    size = 1 << max(10, int(len(cps) * 1.5).bit_length())
    keys, vals, logfreq, total, max_len = build_trie_kernel(cps, size)
    small = 1 << max(10, (2 * len(logfreq)).bit_length())  # load at most 1/2
    keys, vals = rehash_trie_kernel(keys, vals, small)
    root = root_children_kernel(keys, vals, _ROOT_SPAN)
    return Tables(root, keys, vals, logfreq, np.log(np.float64(total)), max_len, *_hmm_arrays())


def _cache_path() -> str:
    from importlib.metadata import version

    from operators.synthetic.common import user_cache_dir

    return str(user_cache_dir() / f"jieba-numba-{version('jieba')}-f{_FORMAT}.npz")


def tables() -> Tables:
    """The process's :class:`Tables`: loaded from the on-disk cache (an ``.npz`` per jieba
    version in the user cache directory, written atomically on first use), else built."""
    global _TABLES
    if _TABLES is not None:
        return _TABLES
    with _LOCK:
        if _TABLES is None:
            _TABLES = _load_or_build()
    return _TABLES


def _load_or_build() -> Tables:
    try:
        path = _cache_path()
    except Exception:  # noqa: BLE001 - no cache location: build
        return build_tables()
    try:
        with np.load(path) as z:
            return Tables(*(z[n] for n in Tables.__slots__))
    except (OSError, ValueError, KeyError):
        pass
    t = build_tables()
    tmp = None
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".npz")
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **{n: np.asarray(getattr(t, n)) for n in Tables.__slots__})
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return t


def code_points(text: str) -> np.ndarray:
    """``text`` as a ``uint32`` array of code points (lone surrogates kept as themselves)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


def segment(cps: np.ndarray, doc_offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(token starts, token offsets per document): see :func:`segment_kernel`. ``starts`` has one
    entry more than there are tokens (the end of the last one)."""
    t = tables()
    out = np.empty(len(cps) + 1, np.int64)
    tok_offsets = np.empty(len(doc_offsets), np.int64)
    k = segment_kernel(
        cps,
        np.ascontiguousarray(doc_offsets, np.int64),
        t.root,
        t.keys,
        t.vals,
        t.logfreq,
        t.logtotal,
        t.max_len,
        t.start_p,
        t.trans_p,
        t.emit_p,
        out,
        tok_offsets,
    )
    return out[: k + 1], tok_offsets


def cut(text: str) -> list[str]:
    """The tokens of ``text`` as strings (for tests and comparisons; the filters use ids)."""
    starts, _ = segment(code_points(text), np.array([0, len(text)], np.int64))
    s = starts.tolist()
    return [text[a:b] for a, b in zip(s, s[1:])]


class TokenIds:
    """Token -> id of a Python vocabulary (``ids``: a dict-like whose ``__getitem__`` gives a new
    token the next id), mirrored in a compiled hash table keyed by code points. :meth:`clear`
    when the vocabulary is reset."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.slots = np.full(1 << 16, -1, np.int64)
        self.hashes = np.zeros(1 << 15, np.uint64)
        self.ent_start = np.zeros(1 << 15, np.int64)
        self.ent_len = np.zeros(1 << 15, np.int64)
        self.ent_id = np.zeros(1 << 15, np.int64)
        self.store = np.zeros(1 << 16, np.uint32)
        self.state = np.zeros(3, np.int64)  # entries, store used, new tokens of the call

    def __len__(self) -> int:
        return int(self.state[0])

    def ids(self, text: str, cps: np.ndarray, starts: np.ndarray, ids) -> np.ndarray:
        """The ids of the tokens ``text[starts[t]:starts[t + 1]]`` (``cps``: ``text``'s code
        points); a token new to the table gets ``ids[token]`` (a Python string made once)."""
        n_tok = len(starts) - 1
        out = np.empty(n_tok, np.int64)
        new_ent = np.empty(n_tok, np.int64)
        new_tok = np.empty(n_tok, np.int64)
        self.state[2] = 0
        t = 0
        rehash = False
        try:
            while True:
                t = ids_kernel(
                    cps, starts, t, n_tok, self.slots, self.hashes, self.ent_start, self.ent_len,
                    self.store, self.ent_id, self.state, out, new_ent, new_tok, rehash,
                )  # fmt: skip
                if t >= n_tok:
                    break
                rehash = self._grow(int(starts[t + 1] - starts[t]))
            n_new = int(self.state[2])
            if n_new:
                # the new tokens' strings, from their first occurrences, given ids in that order
                s_l = starts[new_tok[:n_new]].tolist()
                e_l = starts[new_tok[:n_new] + 1].tolist()
                getitem = ids.__getitem__
                real = np.fromiter((getitem(text[a:b]) for a, b in zip(s_l, e_l)), np.int64, count=n_new)
                self.ent_id[new_ent[:n_new]] = real
                pending = np.flatnonzero(out < 0)
                out[pending] = real[-out[pending] - 1]
        except BaseException:
            self.clear()  # entries without their real ids must not outlive this call
            raise
        return out

    def _grow(self, need_chars: int) -> bool:
        """Room for one more entry of ``need_chars`` code points; True when ``slots`` is new."""
        n_ent, used = int(self.state[0]), int(self.state[1])
        rehash = 2 * (n_ent + 1) > len(self.slots)
        if rehash:
            self.slots = np.full(2 * len(self.slots), -1, np.int64)
        if n_ent >= len(self.hashes):
            cap = 2 * len(self.hashes)
            for name in ("hashes", "ent_start", "ent_len", "ent_id"):
                a = getattr(self, name)
                b = np.zeros(cap, a.dtype)
                b[:n_ent] = a[:n_ent]
                setattr(self, name, b)
        if used + need_chars > len(self.store):
            b = np.zeros(max(2 * len(self.store), used + need_chars), np.uint32)
            b[:used] = self.store[:used]
            self.store = b
        return rehash
