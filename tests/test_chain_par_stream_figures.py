"""scripts/run_profiled.py ``stream_figures``: the stream's core use from sampled worker states
(steps' CPU over CPUs x stream wall; per worker: CPU, runnable share, idle gaps)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import run_profiled  # noqa: E402


class _Samples:
    def __init__(self, samples):
        self.samples = samples


def _report(stream_start=1.0, stream_s=2.0, cpu=(1.5, 0.5)):
    return {
        "phases": [
            {"phase": "ray_start", "start_s": 0.0, "seconds": stream_start},
            {"phase": "stream", "start_s": stream_start, "seconds": stream_s},
        ],
        "ops": [{"name": f"s{i}", "cpu_seconds": c} for i, c in enumerate(cpu)],
    }


def test_utilisation_runnable_share_and_gaps():
    t0 = 100.0
    samples = []
    # 20 Hz over the stream (101.0 .. 103.0): worker 1 always running; worker 2 idle from
    # 101.5 to 102.0 (10 samples) and the last 0.25 s; a helper process barely used; samples
    # outside the stream are ignored (worker 2 idle before it)
    for k in range(-10, 50):
        t = 101.0 + k * 0.05
        w2_idle = k < 0 or 10 <= k < 20 or k >= 35
        samples.append(
            (
                t,
                {
                    1: ("R", 0.05 * max(k, 0)),
                    2: ("S" if w2_idle else "R", 0.04 * max(k, 0)),
                    3: ("S", 0.0),
                },
            )
        )
    out = run_profiled.stream_figures(_report(), _Samples(samples), t0, cpus=2)
    assert out["wall_s"] == 2.0 and out["step_cpu_s"] == 2.0
    assert out["utilisation"] == 0.5  # 2.0 CPU-s over 2 cores x 2.0 s
    w1, w2 = out["workers"]["1"], out["workers"]["2"]
    assert "3" not in out["workers"]  # no CPU in the stream: not listed
    assert w1["runnable"] == 1.0 and w1["idle_gaps"] == [] and w1["idle_s"] == 0
    assert w2["idle_gaps"] == [[0.5, 0.5], [1.75, 0.25]]  # the open gap at the end is closed there
    assert w2["idle_s"] == 0.75
    assert abs(w2["runnable"] - 25 / 41) < 0.01  # 41 samples in the stream, 25 running


def test_no_stream_phase_no_figures():
    assert run_profiled.stream_figures({"phases": []}, _Samples([]), 0.0, cpus=2) == {}


def test_bench_quality_stream_core_use():
    sys.path.insert(0, str(ROOT))
    from scripts.bench_quality import stream_core_use

    assert stream_core_use(_report(stream_s=2.0, cpu=(1.5, 0.5)), 2) == 0.5
    assert stream_core_use(_report(stream_s=4.0, cpu=(3.0, 1.0, None)), 2) == 0.5
    assert stream_core_use({"phases": [], "ops": []}, 2) is None
