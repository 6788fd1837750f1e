"""Hand-written held-out PII sentences with gold spans marked in the text ([[A:...]] for an
ADDRESS, [[P:...]] for a PERSON): parsing them and scoring one entity by overlap."""

from __future__ import annotations

import re

_MARK = re.compile(r"\[\[([AP]):(.*?)\]\]")
_ENTITY = {"A": "ADDRESS", "P": "PERSON"}


def parse(line: str) -> tuple[str, list[tuple[str, int, int]]]:
    """A sentence with its gold spans marked [[A:...]] (ADDRESS) or [[P:...]] (PERSON)."""
    parts: list[str] = []
    spans = []
    pos = 0
    for m in _MARK.finditer(line):
        parts.append(line[pos : m.start()])
        start = sum(map(len, parts))
        parts.append(m.group(2))
        spans.append((_ENTITY[m.group(1)], start, start + len(m.group(2))))
        pos = m.end()
    parts.append(line[pos:])
    return "".join(parts), spans


def score(op, lines: list[str], entity: str) -> dict:
    """Recall and precision of one entity by overlap, and the sentences with no gold span that
    got a PERSON or ADDRESS finding (look-alikes)."""
    gold = hit = pred = right = 0
    flagged = []
    for line in lines:
        text, spans = parse(line)
        found = [f for f in op.find(text) if f.entity in ("PERSON", "ADDRESS")]
        mine = [(s, e) for k, s, e in spans if k == entity]
        gold += len(mine)
        hit += sum(any(f.entity == entity and f.start < e and s < f.end for f in found) for s, e in mine)
        ours = [f for f in found if f.entity == entity]
        pred += len(ours)
        right += sum(any(f.start < e and s < f.end for s, e in mine) for f in ours)
        if not spans and found:
            flagged.append(text)
    return {
        "recall": hit / gold if gold else None,
        "precision": right / pred if pred else None,
        "gold": gold,
        "predicted": pred,
        "flagged": flagged,
    }


def print_scores(sets) -> None:
    """``python -m tests.<module>``: each (title, lines, entity) scored with every default entity."""
    from operators.pii import PiiRedact

    op = PiiRedact(mode="annotate")
    op.ensure_setup()
    for title, lines, entity in sets:
        s = score(op, lines, entity)
        print(title, entity, {k: v for k, v in s.items() if k != "flagged"}, "flagged:", s["flagged"])


def check_marked_sets(names: list[str], lookalikes: list[str], min_names: int, min_lookalikes: int) -> None:
    """A held-out set is as large as stated, every name line marks a span, no look-alike does."""
    assert len(names) >= min_names and len(lookalikes) >= min_lookalikes
    assert all(parse(line)[1] for line in names)
    assert not any(parse(line)[1] for line in lookalikes)


def check_recall(op, lines: list[str], entity: str, recall: float, precision: float = 0.95) -> None:
    """Recall and precision of one entity on marked lines at least the floors."""
    s = score(op, lines, entity)
    assert s["recall"] >= recall and s["precision"] >= precision, s


def check_flagged(op, lines: list[str], entity: str, most: int) -> None:
    """At most ``most`` look-alike lines get a PERSON or ADDRESS finding."""
    s = score(op, lines, entity)
    assert len(s["flagged"]) <= most, s["flagged"]
