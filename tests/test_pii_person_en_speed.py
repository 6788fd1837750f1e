"""The English name recognizer's cheaper scans give what the scans they replace gave.

Each rewritten scan of ``operators/pii/recognizers_person.py`` is compared with its reference form
(the pattern or loop it replaced, written out here) on generated texts built from the pieces that
make each one match, miss or sit at an edge (text start, a word character or a dot before, accented
letters, tabs, overlaps).
"""

from __future__ import annotations

import random
import re

import pytest
import re2

from operators.pii import recognizers_person as rp
from tests.pii_linear import ratio

#: The needles of the who/age scan, each scanned alone (the form ``_age_or_who`` replaced).
_NEEDLES = (" who ", ", who ", " aged ", "-year-old", " years old", " (")


def _age_or_who_per_needle(text: str) -> set[int]:
    out = set()
    for needle in _NEEDLES:
        i = text.find(needle)
        while i >= 0:
            m = None
            for m in rp._AGE_OR_WHO.finditer(text, max(0, i - 12), min(len(text), i + len(needle) + 4)):
                pass
            if m is not None:
                out.add(m.start())
            i = text.find(needle, i + 1)
    return out


def _fuzz(pieces: list[str], count: int, seed: int, longest: int = 30) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def test_age_needles_cover_each_needle_once():
    assert sorted(nd for _, heads in rp._AGE_SCANS for nd, _ in heads) == sorted(_NEEDLES)


def test_age_or_who_positions_as_one_scan_per_needle():
    pieces = [" who ", ", who ", "who", " (", "(", "(3", " (12)", " aged ", "aged 4", "-year-old", " years old",
              "year", " is a 30", " was an 8", ", 34,", "Ann Lee", "Tom", " ", ",", "x", "é", "\n", "1"]  # fmt: skip
    texts = _fuzz(pieces, 4000, 11) + ["", "(", " (", "Ann Lee (34) and Tom Li, who", "x" * 20 + ", 7, who "]
    hits = 0
    for text in texts:
        got = list(rp._age_or_who(text))
        assert set(got) == _age_or_who_per_needle(text), text
        hits += bool(got)
    assert hits > 500  # the pieces make many texts match


_INITIALS_NAME_REF = re.compile(
    r"(?<![\w.])((?:[A-Z]\.[ \t]?){2,3})([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿā-ž'’-]{1,30})(?![\w'’-])"
)
_INITIALS_ANY_REF = re2.compile(r"[A-Z]\.[ \t]?[A-Z]\.")
_GREETING_REF = re2.compile(r"\b(?:Hi|Hello|Hey)[ \t]([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿā-ž]{2,})[,!]")


def test_initials_patterns_as_their_reference_forms():
    pieces = [
        "A.",
        "B. ",
        "C.",
        "J.\t",
        " ",
        "x",
        ".",
        "Smith",
        "é",
        "É.",
        "\t",
        "R. ",
        "_",
        "Ölaf",
        "-",
        "'",
        "T.S.",
    ]
    matched = found = 0
    for text in _fuzz(pieces, 6000, 12):
        ref = [(m.span(), m.span(1), m.span(2)) for m in _INITIALS_NAME_REF.finditer(text)]
        assert [(m.span(), m.span(1), m.span(2)) for m in rp._INITIALS_NAME.finditer(text)] == ref, text
        any_ref = next(rp._finditer(_INITIALS_ANY_REF, text), None) is not None
        assert (rp._INITIALS_ANY.search(text) is not None) == any_ref, text
        matched += bool(ref)
        found += any_ref
    assert matched > 150 and found > 1000


def test_greeting_as_the_re2_pattern():
    pieces = ["Hi", "Hello", "Hey", " ", "\t", "Bob", "Émile", "é", "x", "_", ",", "!", "ÉHi", "1", "A", "Hey,", "ßHi",
              "\n", "Hellooo", "Ölaf"]  # fmt: skip
    matched = 0
    for text in _fuzz(pieces, 6000, 13):
        ref = [(m.span(), m.span(1), m.group(1)) for m in rp._finditer(_GREETING_REF, text)]
        assert [(m.span(), m.span(1), m.group(1)) for m in rp._GREETING.finditer(text)] == ref, text
        matched += bool(ref)
    assert matched > 50


@pytest.mark.parametrize("text", ["", "abc", "名字 Anna", "Zoë 张伟", "naïve", "a" * 3 + "中"])
def test_no_cjk_with_and_without_the_utf8_copy(text):
    assert rp._no_cjk(text) == rp._no_cjk(text, text.encode("utf-8")) == (rp._HAS_CJK.search(text) is None)


def _cue_hits_reference(scan: rp._CueScan, text: str) -> list:
    """``_CueScan.hits`` as it read every match before: the keys alone (no guard before them), the key
    decoded, the parts loop for all."""
    raw = re2.compile("|".join(re.escape(k) for k in sorted(scan.keys, key=lambda k: (-len(k), k))))._regexp
    data = text.encode("utf-8")
    ascii_ = len(data) == len(text)
    nb, n, out, pos, lb, lc = len(data), len(text), [], 0, 0, 0
    while pos < nb:
        bs, be = raw.Match(rp._UNANCHORED, data, pos, nb)[0]
        if bs < 0:
            break
        if ascii_:
            s = bs
        else:
            lc += len(data[lb:bs].decode("utf-8"))
            lb, s = bs, lc
        key = data[bs:be].decode("ascii")
        whole = not ((s > 0 and text[s - 1].isalnum()) or (s + len(key) < n and text[s + len(key)].isalnum()))
        for off, p, value in scan._parts[key]:
            if off and not whole:
                continue
            a, b = s + off, s + off + len(p)
            if (a > 0 and text[a - 1].isalnum()) or (b < n and text[b].isalnum()):
                continue
            out.append((b - 1, value))
        pos = be if whole else bs + 1
    out.sort(key=lambda h: (h[0], -h[1][1]))
    return out


def test_cue_hits_as_the_parts_loop():
    keys = {"NAME": (1, 4), "ASK": (1, 3), "ASK FOR": (1, 7), "FOR": (1, 3), "WRITTEN BY": (1, 10), "BY": (1, 2),
            "with": (2, 4), "name": (1, 4), "named": (1, 5)}  # fmt: skip
    scan = rp._CueScan(keys)
    pieces = list(keys) + [" ", "x", "é", "T", "\n", "Ö", "ed", "S", "3", "_", "ß", "-"]
    hit = 0
    for text in _fuzz(pieces, 5000, 14, longest=20):
        ref = _cue_hits_reference(scan, text)
        assert scan.hits(text) == ref, text
        hit += bool(ref)
    assert hit > 1000


def test_initials_and_open_cues_as_two_passes():
    pieces = [" ", "\t", "A", "B.", "D. ", "Smith", "Émile", "é", "x", "Dear", "dear", "Name is", "name:", "Name?",
              "calls me", "call me", "Signed", ",", ":", "Jo", "_", "1", "中"]  # fmt: skip
    initials = cues = both = 0
    for text in _fuzz(pieces, 6000, 15):
        data = text.encode("utf-8")
        ref = (
            [m.start() for m in rp._finditer(rp._MIDDLE_INITIAL_ANY, text, data)],
            [m.end() - 1 for m in rp._finditer(rp._OPEN_CUE, text, data)],
        )
        assert rp._initials_and_open_cues(text, data) == ref, text
        initials += bool(ref[0])
        cues += bool(ref[1])
        both += bool(ref[0]) and bool(ref[1])
    assert initials > 80 and cues > 300 and both > 10


#: Pathological inputs for the fourth English pass's paths (person frames, a Vietnamese name's fourth
#: part, handles with an underscore, lower-case speaker labels, dishes named after people) and the
#: shapes of issue 16's linear-time checks (a word before 100 dots, one 500 KB token, short lines).
_FOURTH_PASS = {
    "frames": lambda n: (
        "gave Ogasahara his ex-Zombie Sedej was a huge Inessa fan the Ronner novel " * (n // 74)
    ),
    "frame_gates_only": lambda n: " his her ex- fan novel" * (n // 22),
    "vi_four_parts": lambda n: "Nguyen Thi Minh Khai " * (n // 21),
    "handles": lambda n: "@kwame_asante @a_" * (n // 17),
    "lower_speakers": lambda n: "priyanka: hi\n" * (n // 13),
    "dishes": lambda n: "Caesar salad Kim chi Earl Grey " * (n // 31),
    "word_dots": lambda n: ("Ogasahara" + "." * 100 + " ") * (n // 110),
    "one_token": lambda n: "A" + "b" * (n - 1),
    "short_lines": lambda n: "Bo: hi\n" * (n // 7),
}
#: T(8n) / T(n) above this is no linear scan (8 for linear; quadratic is 64).
_MAX_RATIO_8X = 16.0


@pytest.fixture(scope="module")
def english_recognizer():
    return rp.EnglishPersonRecognizer()


@pytest.mark.parametrize("name", sorted(_FOURTH_PASS))
def test_fourth_pass_paths_are_linear(english_recognizer, name):
    """Each new path at 62.5 KB and 500 KB (thread CPU time, best of two near the bound): 8x the input,
    about 8x the time."""
    make = _FOURTH_PASS[name]
    analyze = english_recognizer.analyze
    analyze(make(2_000))  # warm the per-word caches
    r, t1, t8 = ratio(
        analyze, make(62_500), make(500_000), bound=_MAX_RATIO_8X, floor=0.002, reps=3, pause_gc=True
    )
    assert r < _MAX_RATIO_8X, (name, t1, t8)
