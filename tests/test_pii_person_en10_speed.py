"""The English name recognizer's whole-text gates (one RE2 set pass) and its lower-case cue scan give
what the checks they replace gave (helper en_person10, issue #16).

``_gates`` answers, in one pass over the UTF-8 copy, four checks ``analyze`` made one scan each: CJK
characters, two initials, a speaker label, a lower-case word at a line's start. ``_lcue_hits`` finds the
lower-case cues "with"/"call"/"calls" apart from the cue pass, only where ``_NEXT_LOWER`` follows.
Each is compared with the check it replaced (written out here) on generated texts built from the
pieces that make each one match, miss or sit at an edge.
"""

from __future__ import annotations

import random

import pytest

from operators.pii import recognizers_person as rp
from operators.pii.recognizers_person import EnglishPersonRecognizer

#: each gate and the check it stands for, on the text
_CHECKS = {
    rp._GATE_CJK: lambda t: rp._HAS_CJK.search(t) is not None,
    rp._GATE_INITIALS: lambda t: rp._INITIALS_ANY.search(t) is not None,
    rp._GATE_SPEAKER: lambda t: rp._FIRST_SPEAKER.match(t) is not None or rp._SPEAKER.search(t) is not None,
    rp._GATE_LINE_LOWER: lambda t: bool(rp._LINE_START_LOWER.findall(t)),
}

_PIECES = [
    "Name:", "name :", "NAME:", "ame", "@", "\n", " ", "\t", "J.", "K.", " R. ", "U.S.", "J.K.", "Anna: ",
    "\nAnna:", "Éva:", '"Hi', "“Yes", "'", "\\", "Tom:", "\n  Ola:", "ok", "\nsamantha", "\nbob ", "\nżółw",
    "中", "文", "(", " (", " who", "who", " aged ", "aged", "year", "-year-old", "x", "é", "1", ":", "Ab",
]  # fmt: skip


def _fuzz(pieces: list[str], count: int, seed: int, longest: int = 24) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def test_gates_answer_the_checks_they_replace():
    texts = _fuzz(_PIECES, 6000, 5) + ["", "\n", "A: B", "Anna: Hi", 'x\nAnna:\t"', "\n" + "a" * 4]
    seen = dict.fromkeys(_CHECKS, 0)
    for text in texts:
        gates = rp._gates(text.encode("utf-8"))
        for gate, check in _CHECKS.items():
            want = check(text)
            if gate == rp._GATE_LINE_LOWER:  # the gate without the lookahead: a word may continue
                assert gate in gates or not want, (gate, text)
            else:
                assert (gate in gates) == want, (gate, text)
            seen[gate] += want
    # every gate both met and missed many times by the pieces
    assert all(200 < k < len(texts) - 200 for k in seen.values()), seen


@pytest.fixture(scope="module")
def recognizer():
    return EnglishPersonRecognizer()


def _hits_reference(r, text: str) -> list:
    """The cue pass over every key (``_cue_scan``), less the lower-case cues ``_NEXT_LOWER`` does not follow
    (``_cue_hit`` does nothing with those)."""
    return [
        (e, v)
        for e, v in r._cue_scan.hits(text)
        if v[0] != rp._LCUE or rp._NEXT_LOWER.match(text, e + 1) is not None
    ]


def _hits_now(r, text: str) -> list:
    hits = r._cue_scan_main.hits(text) + rp._lcue_hits(text)
    return sorted(hits, key=lambda h: (h[0], -h[1][1]))


def test_lower_case_cues_apart_give_the_cue_pass_hits(recognizer):
    pieces = ["with", "call", "calls", "called", "without", "within", " ", "\t", ":", "?", " is", " me", "tracy",
              "višeslav", "the", "anna", "Anna", "x", "é", "_", "1", "-", "'", "ask for", "name", "named", "Dear",
              "written by", "WITH", "recall", "\n", ",", "witness", "member", "with tracy", " call me anna"]  # fmt: skip
    texts = _fuzz(pieces, 5000, 3) + ["with tracy", "call me višeslav", "calls   anna.", "xwith anna"]
    found = 0
    for text in texts:
        want = _hits_reference(recognizer, text)
        assert _hits_now(recognizer, text) == want, text
        found += any(v[0] == rp._LCUE for _, v in want)
    assert found > 1000


def test_lower_case_cue_still_finds_the_name(recognizer):
    # the names after "with"/"call" (lower case, no English word) are still found through the cue
    for text, name in (
        ("please follow up with tracy about it", "tracy"),
        ("just call me višeslav", "višeslav"),
    ):
        spans = [text[f.start : f.end] for f in recognizer.analyze(text)]
        assert name in spans, (text, spans)
