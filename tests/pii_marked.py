"""Hand-written held-out PII sentences with gold spans marked in the text ([[A:...]] for an
ADDRESS, [[P:...]] or a bare [[...]] for a PERSON): parsing them, scoring one entity by overlap,
and the tests and printout of a set split into a development half (even lines) and a held-out half
(odd lines)."""

from __future__ import annotations

import re

import pytest

_MARK = re.compile(r"\[\[(?:([AP]):)?(.+?)\]\]", re.S)
_ENTITY = {"A": "ADDRESS", "P": "PERSON", None: "PERSON"}
#: the findings that flag a look-alike line (a line with no gold span) unless a set names others
PERSON_OR_ADDRESS = ("PERSON", "ADDRESS")


def parse(line: str) -> tuple[str, list[tuple[str, int, int]]]:
    """A sentence with its gold spans marked [[A:...]] (ADDRESS), [[P:...]] or [[...]] (PERSON)."""
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


def halves(lines: list[str]) -> tuple[list[str], list[str]]:
    """The development half (even lines: 0, 2, ...) and the held-out half (odd lines)."""
    return lines[0::2], lines[1::2]


def score(op, lines: list[str], entity: str, flag: tuple[str, ...] = PERSON_OR_ADDRESS) -> dict:
    """Recall and precision of one entity by overlap (a gold span is found when a finding of the
    entity overlaps it; a finding is right when it overlaps a gold span of the entity), the share
    of gold characters the overlapping findings cover, the missed gold spans and the false findings
    (each as (its text, the marked line)), and the sentences with no gold span that got a finding of
    an entity in ``flag`` (look-alikes)."""
    gold = hit = pred = right = 0
    covered = total = whole = 0
    missed, false, flagged, partial = [], [], [], []
    for line in lines:
        text, spans = parse(line)
        found = op.find(text)
        ours = [(f.start, f.end) for f in found if f.entity == entity]
        mine = [(s, e) for k, s, e in spans if k == entity]
        gold += len(mine)
        for s, e in mine:
            over = [(fs, fe) for fs, fe in ours if fs < e and s < fe]
            total += e - s
            cov = len({i for fs, fe in over for i in range(max(s, fs), min(e, fe))})
            covered += cov
            if over:
                hit += 1
            else:
                missed.append((text[s:e], line))
            if cov == e - s:
                whole += 1
            else:
                partial.append((text[s:e], [text[fs:fe] for fs, fe in ours]))
        pred += len(ours)
        for fs, fe in ours:
            if any(fs < e and s < fe for s, e in mine):
                right += 1
            else:
                false.append((text[fs:fe], line))
        if not spans and any(f.entity in flag for f in found):
            flagged.append(text)
    return {
        "recall": hit / gold if gold else None,
        "precision": right / pred if pred else None,
        "coverage": covered / total if total else None,
        "whole": whole,
        "gold": gold,
        "predicted": pred,
        "missed": missed,
        "false": false,
        "flagged": flagged,
        "partial": partial,
    }


def extent(op, lines: list[str]) -> dict:
    """ADDRESS span extent: recall by overlap, character coverage, whole spans (found of gold) and
    precision, rounded to 3 places (floors compare the rounded figures), and the gold spans not
    wholly covered, each with the findings of its line."""
    s = score(op, lines, "ADDRESS")
    return {
        "recall": round(s["recall"], 3),
        "coverage": round(s["coverage"], 3),
        "whole": f"{s['whole']}/{s['gold']}",
        "precision": round(s["precision"], 3) if s["precision"] is not None else None,
        "partial": s["partial"],
    }


def block_lines(block: str) -> list[str]:
    """The non-blank lines of a set written as one block, a written ``\\n`` standing for a line break."""
    return [ln.replace("\\n", "\n") for ln in block.splitlines() if ln.strip()]


def block_half(block: str, odd: bool) -> list[str]:
    """The even (development) or odd (held-out) lines of a block."""
    return [ln for i, ln in enumerate(block_lines(block)) if i % 2 == int(odd)]


def score_names(op, names: list[str], lookalikes: list[str], entity: str = "PERSON") -> dict:
    """A set scored whole: recall and precision of ``entity`` on the marked lines (precision 0.0
    when nothing is found), the share of look-alike lines with no finding of it (``clean``), the
    missed gold spans and false findings (each with its line), and the flagged look-alikes (each as
    (the texts found, the line))."""
    s = score(op, names, entity)
    flagged = []
    for line in lookalikes:
        texts = finding_texts(op, line, entity)
        if texts:
            flagged.append((texts, line))
    return {
        "recall": s["recall"],
        "precision": s["precision"] or 0.0,
        "clean": 1 - len(flagged) / len(lookalikes),
        "gold": s["gold"],
        "missed": s["missed"],
        "false": s["false"],
        "flagged": flagged,
    }


def print_scores(sets) -> None:
    """``python -m tests.<module>``: each (title, lines, entity) scored with every default entity."""
    from operators.pii import PiiRedact

    op = PiiRedact(mode="annotate")
    op.ensure_setup()
    for title, lines, entity in sets:
        s = score(op, lines, entity)
        figures = {k: s[k] for k in ("recall", "precision", "gold", "predicted")}
        print(title, entity, figures, "flagged:", s["flagged"])


def print_halves(names: list[str], lookalikes: list[str], entity: str) -> None:
    """``python -m tests.<module>`` of a set split in halves: both halves of names and look-alikes."""
    dev, held = halves(names)
    dev_lookalikes, held_lookalikes = halves(lookalikes)
    print_scores(
        [
            ("dev names", dev, entity),
            ("held-out names", held, entity),
            ("dev look-alikes", dev_lookalikes, entity),
            ("held-out look-alikes", held_lookalikes, entity),
        ]
    )


def print_address_halves(sets, lookalike_sets) -> None:
    """``python -m tests.<module> [even|odd]`` of ADDRESS sets split in halves: for each half (both
    unless named), each (title, lines) set's figures and each (title, lines) look-alike set's
    flagged count; the development (even) half also lists its misses and flagged lines."""
    import sys

    from operators.pii import PiiRedact

    op = PiiRedact(mode="annotate")
    op.ensure_setup()
    for half in sys.argv[1:] or ["even", "odd"]:
        k = 0 if half == "even" else 1
        for title, lines in sets:
            s = score(op, lines[k::2], "ADDRESS")
            show = {
                key: (round(s[key], 3) if isinstance(s[key], float) else s[key])
                for key in ("recall", "precision", "coverage", "gold")
            }
            print(half, title, show, f"missed {len(s['missed'])}")
            if half == "even":
                for m, _ in s["missed"]:
                    print("   miss:", m)
        for title, lines in lookalike_sets:
            f = score(op, lines[k::2], "ADDRESS", ("ADDRESS",))["flagged"]
            print(half, title, f"{len(f)}/{len(lines[k::2])}")
            if half == "even":
                for t in f:
                    print("   flagged:", t)


def finding_texts(op, text: str, entity: str) -> list[str]:
    """The text of each finding of ``entity`` in ``text``."""
    return [text[f.start : f.end] for f in op.find(text) if f.entity == entity]


def print_names_scores(names: list[str], lookalikes: list[str]) -> None:
    """``python -m tests.<module> [even|odd|all] [-v]``: a PERSON set's score_names figures for the
    even, odd or all items, and with -v its misses, false findings and flagged look-alikes."""
    import sys

    from operators.pii import PiiRedact

    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    cut = {"even": slice(0, None, 2), "odd": slice(1, None, 2), "all": slice(None)}[which]
    op = PiiRedact(mode="annotate")
    op.ensure_setup()
    s = score_names(op, names[cut], lookalikes[cut])
    print(which, {k: round(s[k], 4) for k in ("recall", "precision", "clean")}, "gold", s["gold"])
    if "-v" in sys.argv:
        for k in ("missed", "false", "flagged"):
            print(f"--- {k} ({len(s[k])})")
            for item in s[k]:
                print("  ", item[0], "|", item[1].replace("\n", " / "))


def check_marked_sets(
    names: list[str], lookalikes: list[str], min_names: int, min_lookalikes: int, distinct: bool = False
) -> None:
    """A held-out set is as large as stated, every name line marks a span, no look-alike does (and,
    with ``distinct``, no line stands twice among the names, nor among the look-alikes)."""
    assert len(names) >= min_names and len(lookalikes) >= min_lookalikes
    assert all(parse(line)[1] for line in names)
    assert not any(parse(line)[1] for line in lookalikes)
    if distinct:
        check_distinct(names)
        check_distinct(lookalikes)


def check_distinct(*sets: list[str]) -> None:
    """No line stands twice in these sets taken together."""
    lines = [line for lines in sets for line in lines]
    assert len(set(lines)) == len(lines)


def check_recall(op, lines: list[str], entity: str, recall: float, precision: float = 0.95) -> None:
    """Recall and precision of one entity on marked lines at least the floors."""
    s = score(op, lines, entity)
    assert s["recall"] >= recall and s["precision"] >= precision, s


def check_scores(
    op, names: list[str], lookalikes: list[str], recall: float, clean: float, precision: float | None
) -> None:
    """score_names' recall, share of clean look-alikes and (when given) precision at least these."""
    s = score_names(op, names, lookalikes)
    assert s["recall"] >= recall, (s["recall"], s["missed"])
    if precision is not None:
        assert s["precision"] >= precision, (s["precision"], s["false"])
    assert s["clean"] >= clean, (s["clean"], s["flagged"])


def check_extent(op, lines: list[str], recall: float, coverage: float) -> None:
    """Extent recall and character coverage at least the floors, every ADDRESS finding right."""
    s = extent(op, lines)
    assert s["recall"] >= recall and s["coverage"] >= coverage and s["precision"] == 1.0, s


def check_halves(op, lines: list[str], entity: str, floors: tuple[float, float], precision: float) -> None:
    """Recall of each half (even lines, odd lines) at least its floor, precision at least ``precision``."""
    for half, floor in zip((0, 1), floors):
        s = score(op, lines[half::2], entity)
        assert s["recall"] >= floor and s["precision"] >= precision, (half, s)


def check_flagged(
    op, lines: list[str], entity: str, most: int, flag: tuple[str, ...] = PERSON_OR_ADDRESS
) -> None:
    """At most ``most`` look-alike lines get a finding of an entity in ``flag``."""
    s = score(op, lines, entity, flag)
    assert len(s["flagged"]) <= most, s["flagged"]


def held_out_tests(
    names: list[str],
    lookalikes: list[str],
    entity: str,
    *,
    sizes: tuple[int, int],
    recall: tuple[float, float],
    flagged: tuple[int, int],
    precision: float = 0.95,
    flag: tuple[str, ...] = PERSON_OR_ADDRESS,
):
    """The tests of a set split into a development half and a held-out half, for a test module to
    bind as ``test_set_sizes, test_names, test_lookalikes = held_out_tests(...)``: the set is at
    least ``sizes`` (names, look-alikes) lines; each half's recall of ``entity`` is at least its
    floor in ``recall`` (dev, held) at ``precision``; at most ``flagged`` (dev, held) look-alike
    lines get a finding of an entity in ``flag``."""
    dev, held = halves(names)
    dev_lookalikes, held_lookalikes = halves(lookalikes)

    def test_set_sizes():
        check_marked_sets(names, lookalikes, *sizes)

    @pytest.mark.parametrize("lines, floor", [(dev, recall[0]), (held, recall[1])], ids=["dev", "held"])
    def test_names(pii_annotator, lines, floor):
        check_recall(pii_annotator, lines, entity, floor, precision)

    @pytest.mark.parametrize(
        "lines, most", [(dev_lookalikes, flagged[0]), (held_lookalikes, flagged[1])], ids=["dev", "held"]
    )
    def test_lookalikes(pii_annotator, lines, most):
        check_flagged(pii_annotator, lines, entity, most, flag)

    return test_set_sizes, test_names, test_lookalikes
