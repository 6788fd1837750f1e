"""The command's start (engine/phases.py ``process_start_time``), from which every run's
``imports`` phase and first-block time count, agrees with an independent reading of the same
kernel figures to ~10 ms: ``/proc/stat``'s ``btime`` is whole seconds, and its lost fraction
(up to a second on a given boot) once inflated every phase offset."""

from __future__ import annotations

import os
import sys
import time

import pytest

from engine.phases import process_start_time

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _start_from_uptime() -> float:
    with open(f"/proc/{os.getpid()}/stat", "rb") as f:
        ticks = int(f.read().rsplit(b")", 1)[1].split()[19])
    with open("/proc/uptime", encoding="ascii") as f:
        uptime = float(f.read().split()[0])  # seconds since boot, 10 ms resolution
    return time.time() - (uptime - ticks / os.sysconf("SC_CLK_TCK"))


def test_start_agrees_with_proc_uptime():
    ours = process_start_time()
    assert ours is not None
    assert abs(ours - _start_from_uptime()) < 0.05
    assert ours <= time.time()
