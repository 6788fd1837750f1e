"""The English PERSON and ADDRESS recognizers' batch pass (``prepare``, issue #16, en_pii_speed).

``prepare(texts)`` reads the whole-text passes of a batch pass by pass (each automaton over every text
while it is in the CPU's caches) and ``analyze`` takes them for those texts. The findings must be the
ones ``analyze`` gives alone, for a prepared text, for one not prepared, for an equal but distinct
string, and for a text an earlier ``prepare`` read (replaced, so read again by ``analyze``).
"""

from __future__ import annotations

import random

import pytest

from operators.pii.build_cache import cached_build
from operators.pii.recognizers_address_en import EnglishAddressRecognizer
from operators.pii.recognizers_person import _RE2_MIN_LEN, EnglishPersonRecognizer
from tests.pii_linear import grown_ratio

_PIECES = [
    "Mr. John Smith", "Dear Anna,", "Hi Manlio,", "Tom: where are you", "mike: ok", "thx Mike!", "cc Priya",
    "Leslie Terry, who", "Ann Lee, 34,", "J. R. Whitcombe", "Faina D. Yefremova", "my name is khasanbek",
    "call me Avtorhan", "Dubois, Etienne", "Brown (2004)", "@kwame_asante", "Nguyen Van An", "SMITH, JOHN",
    "Name: Bo", "First name: Chiamaka  Last name: Eze", "Best,\nTom", "- Tom", "Heather: \"Who are you?\"",
    "123 Main St, Springfield, IL 62704", "Apt 4B", "P.O. Box 12", "live on Elm Street", "the corner of 5th Avenue",
    "address: 12 Rue Haute, 75001 Paris", "Flat 6, Jubilee Court, Station Road, Wokingham", "RG40 1XX",
    "H.No. 14-3-201, Shanti Nagar, Hyderabad 500001", "Suite 600, 1075 West Georgia Street", "ship it to",
    "王小明", "São Paulo", "Zoë", "“Yes”", " and ", ", ", ". ", "\n", "\n\n", " ", "the", "Python", "Road",
    "samantha is a very sympathetic person", "Call John at 5", "Wall Street", "21 Jump Street", "1999",
]  # fmt: skip


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        t = "".join(
            rng.choice(_PIECES) + rng.choice(("", " ", "\n", ", ")) for _ in range(rng.randint(0, 30))
        )
        r = rng.random()
        out.append(t.lower() if r < 0.15 else t.upper() if r < 0.2 else t)
    # long texts: the RE2 path of the initials and open cues (``_RE2_MIN_LEN``)
    out += [" ".join(rng.choice(_PIECES) for _ in range(200)) for _ in range(2)]
    assert any(len(t) >= _RE2_MIN_LEN for t in out)
    return out


@pytest.fixture(scope="module")
def recognizers():
    return [cached_build("en_person", EnglishPersonRecognizer), EnglishAddressRecognizer()]


def _found(rec, text: str) -> list[tuple]:
    return [(f.entity, f.start, f.end, f.score) for f in rec.analyze(text)]


def test_prepared_texts_give_the_findings_of_analyze_alone(recognizers):
    texts = _texts(60, 16)
    for rec in recognizers:
        alone = [_found(rec, t) for t in texts]
        assert sum(map(bool, alone)) > 12  # the texts hold names and addresses to find
        rec.prepare(texts)
        assert [_found(rec, t) for t in texts] == alone
        assert not rec._prepared  # each prepared text taken by its analysis


def test_unprepared_equal_and_replaced_texts_are_read_again(recognizers):
    texts = _texts(40, 17)
    for rec in recognizers:
        alone = [_found(rec, t) for t in texts]
        first, second = texts[:20], texts[20:]
        rec.prepare(first)
        rec.prepare(second)  # replaces the first batch's passes: those texts are read by analyze
        assert not any(id(t) in rec._prepared for t in first)
        assert [_found(rec, t) for t in texts] == alone
        copies = ["".join(list(t)) for t in texts]  # equal strings, other objects (but "" and 1 letter)
        rec.prepare(texts)
        assert [_found(rec, t) for t in copies] == alone
        # none taken by an equal string: only the texts that are the very same object
        assert len(rec._prepared) == len({id(t) for t, c in zip(texts, copies) if t is not c})
        assert [_found(rec, t) for t in texts] == alone
        rec.prepare([])
        assert not rec._prepared


def test_prepare_skips_values_that_are_not_text(recognizers):
    for rec in recognizers:
        rec.prepare(["Mr. John Smith lives at 123 Main St", None])
        assert len(rec._prepared) == 1
        rec.prepare([])


def test_prepare_reads_up_to_its_budget(recognizers, monkeypatch):
    from operators.pii import address_parts

    texts = [t for t in _texts(20, 18) if t]
    monkeypatch.setattr(address_parts, "PREPARE_BUDGET", sum(map(len, texts[:10])))
    for rec in recognizers:
        alone = [_found(rec, t) for t in texts]
        rec.prepare(texts)
        assert set(rec._prepared) == {id(t) for t in texts[:10]}  # the rest is read by analyze
        assert [_found(rec, t) for t in texts] == alone


def _rep(unit: str):
    return lambda n: unit * max(1, n // len(unit))


#: torture shapes (issue 16) read through prepare, then analyze
_SHAPES = {
    "call_lines": _rep("Call John at 5\n"),
    "house_lines": _rep("123 Main St\n"),
    "capitalised": _rep("Alpha Beta John Smith Road "),
    "dots": lambda n: "word" + "." * n,
    "one_token": lambda n: "Abcdefgh" * max(1, n // 8),
    "zalgo": _rep("Ẑ̴̧͓a̸l̵g̶o̷ Mary "),
}


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_linear_time_through_prepare(recognizers, shape):
    for rec in recognizers:

        def run(text, rec=rec):
            rec.prepare([text])
            return rec.analyze(text)

        ratio, n, _, _ = grown_ratio(
            run, _SHAPES[shape], n=1024, max_n=1 << 11, min_seconds=0.003, floor=1e-6, reps=3
        )
        assert ratio < 16, f"{type(rec).__name__} {shape}: T(8n)/T(n) = {ratio:.1f} at n={n}"
