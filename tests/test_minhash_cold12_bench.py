"""scripts/bench_minhash.py: CPU seconds and core use per phase of a cold run (phase_core_use)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from bench_minhash import phase_core_use  # noqa: E402


def test_phase_core_use():
    phases = [
        {"phase": "imports", "seconds": 1.0},
        {"phase": "stage", "seconds": 2.0},
        {"phase": "end", "seconds": 0.5},
    ]
    # one core busy through imports, two through the stage, none at the end
    samples = [(t / 10, min(t / 10, 1.0) + 2 * max(0.0, min(t / 10, 3.0) - 1.0)) for t in range(0, 36)]
    got = phase_core_use(phases, samples, 2)
    assert got["imports"] == [1.0, 1.0, 0.5]
    assert got["stage"] == [2.0, 4.0, 1.0]
    assert got["end"] == [0.5, 0.0, 0.0]
    assert phase_core_use(phases, [], 2)["stage"] == [2.0, 0.0, 0.0]
