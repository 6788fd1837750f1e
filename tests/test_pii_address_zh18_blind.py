"""Chinese ADDRESS blind development set of address_zh18 (#16): tests/data/pii_zh_address18_blind.txt,
written before reading the Chinese address recognizer or its tests (71 traditional lines of Taiwan,
Hong Kong and Macau forms, 60 simplified lines of rural, development-zone, unit-chain, Shanghai-lane
and 附近/对面 forms, 60 look-alikes). Floors are the figures this pass reached; ``python -m
tests.test_pii_address_zh18_blind`` prints each class's figures and misses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from operators.pii import PiiRedact
from tests.pii_marked import score

DATA = Path(__file__).parent / "data" / "pii_zh_address18_blind.txt"
TRADITIONAL = ("tw", "hk", "mo")
SIMPLIFIED = ("rural", "park", "unit", "lane", "near")
# (recall, coverage) floors per class (address_zh18's figures after its rules; before them: hk 0.929/0.852,
# mo 0.824/0.874, tw coverage 0.904, lane 0.950); precision must be 1.0 everywhere.
FLOORS = {
    "tw": (1.0, 0.94),
    "hk": (1.0, 0.94),
    "mo": (1.0, 1.0),
    "rural": (1.0, 0.97),
    "park": (1.0, 0.93),
    "unit": (1.0, 0.99),
    "lane": (1.0, 0.96),
    "near": (1.0, 1.0),
}


def blind_sets() -> dict[str, list[str]]:
    """The set's lines by class ("## <class>" opens one; "#" lines are comments)."""
    sets: dict[str, list[str]] = {}
    cls = None
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            cls = line[3:].strip()
            sets[cls] = []
        elif line.strip() and not line.startswith("#"):
            sets[cls].append(line)
    return sets


@pytest.fixture(scope="module")
def op():
    op = PiiRedact(mode="annotate")
    op.ensure_setup()
    return op


def test_set_sizes():
    sets = blind_sets()
    assert sum(len(sets[c]) for c in TRADITIONAL) == 71
    assert sum(len(sets[c]) for c in SIMPLIFIED) == 60
    assert len(sets["lookalike_tw"]) == len(sets["lookalike_zh"]) == 30
    for cls in TRADITIONAL + SIMPLIFIED:
        assert all("[[A:" in line for line in sets[cls]), cls
    for cls in ("lookalike_tw", "lookalike_zh"):
        assert not any("[[" in line for line in sets[cls]), cls
    every = [line for lines in sets.values() for line in lines]
    assert len(every) == len(set(every))


@pytest.mark.parametrize("cls", TRADITIONAL + SIMPLIFIED)
def test_class(op, cls):
    s = score(op, blind_sets()[cls], "ADDRESS", ("ADDRESS",))
    recall, coverage = FLOORS[cls]
    assert round(s["recall"], 3) >= recall, s["missed"]
    assert round(s["coverage"], 3) >= coverage, s["partial"]
    assert s["precision"] == 1.0, s["false"]


@pytest.mark.parametrize("cls", ["lookalike_tw", "lookalike_zh"])
def test_lookalikes(op, cls):
    s = score(op, blind_sets()[cls], "ADDRESS", ("ADDRESS",))
    assert not s["flagged"], s["flagged"]


if __name__ == "__main__":
    o = PiiRedact(mode="annotate")
    o.ensure_setup()
    sets = blind_sets()
    for title, classes in (("traditional", TRADITIONAL), ("simplified", SIMPLIFIED)):
        look = sets["lookalike_tw" if title == "traditional" else "lookalike_zh"]
        for name, lines in [(title, [x for c in classes for x in sets[c]] + look)] + [
            ("  " + c, sets[c]) for c in classes
        ]:
            s = score(o, lines, "ADDRESS", ("ADDRESS",))
            print(
                f"{name:12} R {s['recall']:.3f} P {s['precision']:.3f} cover {s['coverage']:.3f}"
                f" whole {s['whole']}/{s['gold']} flagged {len(s['flagged'])}"
            )
            for miss in s["missed"]:
                print("    miss", miss[0])
