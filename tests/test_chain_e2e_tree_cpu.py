"""The quality-chain bench's end-to-end measure (scripts/bench_quality.py ``tree_cpu_run``):
the CPU of a command's whole process tree, children included, sampled from /proc."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

bench_quality = pytest.importorskip("bench_quality")

_BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < {s}: pass\n"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_childs_cpu_counts_and_stdout_comes_back():
    child = _BURN.format(s=0.4)
    parent = (
        "import subprocess, sys\n"
        f"subprocess.run([sys.executable, '-c', {child!r}], check=True)\n"
        "print('kept 7')\n"
    )
    procs: dict[str, float] = {}
    wall, cpu, out = bench_quality.tree_cpu_run([sys.executable, "-c", parent], by_process=procs)
    assert out.strip() == "kept 7"
    assert cpu >= 0.3  # the grandchild's 0.4 CPU-s, less at most one sampling interval
    assert len(procs) >= 2  # the command and its child, each by pid:name
    assert max(procs.values()) >= 0.3
    assert cpu >= sum(procs.values()) - 0.01
    assert wall > 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_failed_command_raises():
    with pytest.raises(RuntimeError, match="exited with 3"):
        bench_quality.tree_cpu_run([sys.executable, "-c", "import sys; sys.exit(3)"])
