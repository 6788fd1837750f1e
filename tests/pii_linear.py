"""The linear-time check of the PII tests and of every other complexity test (not a speed test; never a
wall-clock bound).

T(8n) / T(n) of this thread's CPU time must stay below a bound (16 by default: linear is 8, quadratic
64). Each input is measured once; only a ratio that comes near the bound (a loaded machine: a
preempted run, a cold cache) is measured again, as the best of ``reps`` runs of each input, so a linear
recognizer costs one run of each size and a quadratic one still fails (its best ratio stays near 64).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

#: ratios below this share of the bound pass from one measurement; above, the best of ``reps`` decides.
RECHECK_SHARE = 0.7


def best_cpu(
    call: Callable[[], object], reps: int = 1, *, clock: Callable[[], float] = time.thread_time
) -> float:
    """The least CPU time (``clock``: this thread's by default) over ``reps`` runs of ``call()``, the garbage
    collector run before and paused during the runs: a collection walks every object the whole test session
    holds (in a long xdist worker, hundreds of ms at any point), a cost that is not the code's under test."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(reps):
            t0 = clock()
            call()
            best = min(best, clock() - t0)
    finally:
        gc.enable()
    return best


def cpu(fn: Callable[[str], object], text: str, reps: int = 1, *, pause_gc: bool = True) -> float:
    """The least CPU time of this thread over ``reps`` runs of ``fn(text)``; with ``pause_gc`` (the
    default) as :func:`best_cpu`, the collector paused."""
    if pause_gc:
        return best_cpu(lambda: fn(text), reps)
    best = float("inf")
    for _ in range(reps):
        t0 = time.thread_time()
        fn(text)
        best = min(best, time.thread_time() - t0)
    return best


def ratio(
    fn: Callable[[str], object],
    small: str,
    large: str,
    *,
    bound: float = 16.0,
    floor: float = 1e-4,
    reps: int = 3,
    pause_gc: bool = True,
) -> tuple[float, float, float]:
    """(T(large) / T(small), T(small), T(large)): one run of each, and the best of ``reps`` of each
    only when the first ratio is at least ``RECHECK_SHARE`` of ``bound``. ``floor`` is the least
    T(small) divided by (a small input too fast to time)."""
    fn(small[:4096])  # a first call's lazy set-up (word lists, caches) is no part of T(small)
    t, t8 = cpu(fn, small, pause_gc=pause_gc), cpu(fn, large, pause_gc=pause_gc)
    return _recheck(fn, small, large, t, t8, bound=bound, floor=floor, reps=reps, pause_gc=pause_gc)


def _recheck(
    fn: Callable[[str], object],
    small: str,
    large: str,
    t: float,
    t8: float,
    *,
    bound: float,
    floor: float,
    reps: int,
    pause_gc: bool,
) -> tuple[float, float, float]:
    """(T(large) / T(small), T(small), T(large)) from one run of each, ``t`` and ``t8``, and, when that
    ratio is at least ``RECHECK_SHARE`` of ``bound``, the best of ``reps`` more runs of each."""
    if t8 / max(t, floor) >= RECHECK_SHARE * bound:
        t = min(t, cpu(fn, small, reps, pause_gc=pause_gc))
        t8 = min(t8, cpu(fn, large, reps, pause_gc=pause_gc))
    return t8 / max(t, floor), t, t8


def grown_ratio(
    fn: Callable[[str], object],
    make: Callable[[int], str],
    *,
    n: int,
    max_n: int,
    min_seconds: float,
    bound: float = 16.0,
    floor: float = 1e-4,
    reps: int = 2,
    pause_gc: bool = True,
) -> tuple[float, int, float, float]:
    """(T(8n) / T(n), n, T(n), T(8n)) with n doubled from ``n`` until T(n) reaches ``min_seconds`` or n
    reaches ``max_n`` (one run per size while growing), then as :func:`ratio`."""
    fn(make(n))  # a first call's lazy set-up (word lists, caches) is no part of T(n)
    while True:
        t = cpu(fn, make(n), pause_gc=pause_gc)
        if t >= min_seconds or n >= max_n:
            break
        n *= 2
    small, large = make(n), make(8 * n)
    t8 = cpu(fn, large, pause_gc=pause_gc)
    r, t, t8 = _recheck(fn, small, large, t, t8, bound=bound, floor=floor, reps=reps, pause_gc=pause_gc)
    return r, n, t, t8


def check_grown(
    fn: Callable[[str], object],
    make: Callable[[int], str],
    case: str,
    *,
    n: int,
    max_n: int,
    min_seconds: float,
    bound: float = 16.0,
    reps: int = 2,
) -> None:
    """One recognizer's test of one shape: :func:`grown_ratio` with the garbage collector paused and a
    floor of 1 µs (one run per size; the best of ``reps`` of each only for a ratio near the bound, where
    a quadratic one stays near 64) stays below ``bound``."""
    r, n, _, _ = grown_ratio(
        fn, make, n=n, max_n=max_n, min_seconds=min_seconds, bound=bound, floor=1e-6, reps=reps, pause_gc=True
    )
    assert r < bound, f"{case}: T(8n)/T(n) = {r:.1f} at n={n}"


def linear_tests(
    make_recognizer: Callable[[], object],
    cases: dict[str, Callable[[int], str]],
    *,
    n: int,
    max_n: int,
    min_seconds: float,
    bound: float = 16.0,
    reps: int = 2,
):
    """``test_linear = linear_tests(...)`` in a test module: one test per shape of ``cases`` (by its name),
    :func:`check_grown` of one recognizer's ``analyze`` (made by ``make_recognizer`` on the first test)."""
    made = []

    @pytest.mark.parametrize("case", sorted(cases))
    def test_linear(case):
        if not made:
            made.append(make_recognizer())
        check_grown(
            made[0].analyze,
            cases[case],
            case,
            n=n,
            max_n=max_n,
            min_seconds=min_seconds,
            bound=bound,
            reps=reps,
        )

    return test_linear
