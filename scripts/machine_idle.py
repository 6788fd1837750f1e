"""Wait until the machine is idle before a timed run, so that one run's figure is not the
tail of the previous command (a test suite's or a benchmark's Ray processes still exiting,
a compile, another user's job).

``wait_until_idle`` polls ``/proc/stat`` once a second and returns once the share of all
cores' time spent busy over that second is under ``busy_max`` (default 5 %), or after
``most_s`` seconds; it returns the seconds waited, which benchmarks print beside the figure
they time (``settle_s``). Where ``/proc`` is missing it returns 0 at once.
"""

from __future__ import annotations

import time


def _busy_total() -> tuple[int, int]:
    with open("/proc/stat", encoding="ascii") as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)  # minus idle and iowait


def wait_until_idle(busy_max: float = 0.05, most_s: float = 30.0) -> float:
    t0 = time.perf_counter()
    try:
        busy, total = _busy_total()
    except OSError:
        return 0.0
    while time.perf_counter() - t0 < most_s:
        time.sleep(1.0)
        busy_now, total_now = _busy_total()
        if total_now > total and (busy_now - busy) / (total_now - total) < busy_max:
            break
        busy, total = busy_now, total_now
    return round(time.perf_counter() - t0, 2)
