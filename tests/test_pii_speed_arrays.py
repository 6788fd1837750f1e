"""Per-document Python the operator no longer does: the ``pii_counts`` / ``pii_spans`` columns are
built from flat columns and offsets (``counts.py``), and ``resolve_overlaps`` returns findings that
do not overlap without its byte map (``actions.py``). Both must give what the straightforward
versions give: the columns Arrow builds from nested Python values, and the byte-map resolution."""

from __future__ import annotations

import random
from collections import Counter

import pyarrow as pa
import pytest

from operators.pii.actions import _RANK, PRIORITY, Finding, resolve_overlaps
from operators.pii.counts import COUNTS_TYPE, SPANS_TYPE, counts_array, spans_array

ENTITIES = list(PRIORITY)


def _reference_resolve(findings: list[Finding]) -> list[Finding]:
    """A PERSON inside an ADDRESS dropped; then higher score first, then longer, then more specific;
    no character taken twice."""
    findings = [
        f
        for f in findings
        if f.entity != "PERSON"
        or not any(
            a.entity == "ADDRESS" and a.start <= f.start and f.end <= a.end and a.end > a.start
            for a in findings
        )
    ]
    order = sorted(findings, key=lambda f: (-f.score, -(f.end - f.start), _RANK.get(f.entity, 99), f.start))
    taken: set[int] = set()
    kept = []
    for f in order:
        span = set(range(f.start, f.end))
        if span and not span & taken:
            taken |= span
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_resolve_overlaps_as_the_reference(seed):
    rng = random.Random(seed)
    fast = 0
    for _ in range(5000):
        findings = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randint(0, 80)
            end = start + rng.choice([0, 1, 3, 8, 15])
            findings.append(Finding(rng.choice(ENTITIES), start, end, rng.choice([0.3, 0.4, 0.85, 1.0])))
        got = resolve_overlaps(findings)
        assert got == _reference_resolve(findings), findings
        fast += bool(findings) and len(got) == len(findings)
    assert fast > 500  # the no-overlap path is exercised, as is the other


def test_resolve_overlaps_cases():
    a, b = Finding("PERSON", 0, 5, 0.85), Finding("ADDRESS", 10, 20, 0.85)
    assert resolve_overlaps([b, a]) == [a, b]  # none overlap: all kept, by start
    assert resolve_overlaps([Finding("PERSON", 3, 3, 1.0), a]) == [a]  # empty spans never kept
    card, bank = Finding("CREDIT_CARD", 0, 16, 1.0), Finding("CN_BANK_CARD", 0, 16, 1.0)
    assert resolve_overlaps([card, bank]) == [bank]  # the more specific entity
    assert resolve_overlaps([a, a]) == [a]  # a duplicate overlaps itself
    # a "name" inside an address (an estate named like a person) yields to the whole address,
    # whatever the scores; a name overlapping an address only in part still competes by score
    address, estate = Finding("ADDRESS", 18, 58, 0.55), Finding("PERSON", 31, 49, 0.6)
    assert resolve_overlaps([estate, address]) == [address]
    assert resolve_overlaps([Finding("PERSON", 18, 30, 0.6), address]) == [address]  # same start
    straddling = Finding("PERSON", 50, 65, 0.6)
    assert resolve_overlaps([straddling, address]) == [straddling]


def _reference_counts(per_doc):
    return pa.array([sorted(c.items()) if c else [] for c in per_doc], type=COUNTS_TYPE)


def _reference_spans(per_doc):
    rows = [
        [{"entity": e, "start": s, "end": t, "score": round(float(x), 4)} for e, s, t, x in spans]
        if spans
        else []
        for spans in per_doc
    ]
    return pa.array(rows, type=SPANS_TYPE)


@pytest.mark.parametrize("seed", [0, 1])
def test_count_and_span_columns_as_arrow_builds_them_from_python(seed):
    rng = random.Random(seed)
    for n in [0, 1, 2, 7, 64, 300]:
        spans = [
            None
            if rng.random() < 0.4
            else [
                (rng.choice(ENTITIES), rng.randint(0, 999), rng.randint(0, 999), rng.random())
                for _ in range(rng.randint(1, 6))
            ]
            for _ in range(n)
        ]
        counts = [Counter(e for e, *_ in s) if s else None for s in spans]
        got, want = counts_array(counts), _reference_counts(counts)
        assert got.type == want.type == COUNTS_TYPE and got.equals(want)
        got, want = spans_array(spans), _reference_spans(spans)
        assert got.type == want.type == SPANS_TYPE and got.equals(want)
        assert got.null_count == 0 and len(got) == n  # documents without findings: empty lists


def test_finding_is_an_immutable_value():
    f = Finding("PERSON", 0, 5, 0.85)
    assert f == Finding("PERSON", 0, 5, 0.85) and hash(f) == hash(Finding("PERSON", 0, 5, 0.85))
    assert (f.entity, f.start, f.end, f.score) == ("PERSON", 0, 5, 0.85)
    with pytest.raises(AttributeError):
        f.start = 1  # type: ignore[misc]
    assert len({f, Finding("PERSON", 0, 5, 0.85), Finding("PERSON", 0, 6, 0.85)}) == 2
