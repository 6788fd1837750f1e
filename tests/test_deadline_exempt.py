"""The per-document watchdog leaves a numba kernel's compile alone (engine/deadline.py ``exempt``).

A fresh worker compiles (or loads) its kernels inside the first operator call; that time is not
the document's and a compile cut halfway is wasted (a first web_text run cut and restarted its
Gopher kernel's compile 17 times under load). Inside ``exempt`` a deadline waits, the call's
deadline then grows by the exempt seconds, and the hard kill waits as long.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from engine import kernel_compile
from engine.deadline import OperatorTimeout, deadline, exempt

ROOT = Path(__file__).resolve().parents[1]


def _run_in(thread: str, body) -> BaseException | None:
    """Run ``body`` in the main thread (SIGALRM path) or a new thread (async-raise path)."""
    if thread == "main":
        try:
            body()
        except BaseException as exc:  # noqa: BLE001 - returned for the assertion
            return exc
        return None
    box: list[BaseException | None] = [None]

    def target():
        try:
            body()
        except BaseException as exc:  # noqa: BLE001
            box[0] = exc

    t = threading.Thread(target=target)
    t.start()
    t.join(30)
    return box[0]


def _busy(seconds: float) -> None:
    """Python bytecode for ``seconds`` (the async-raise path needs bytecode to take effect)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@pytest.mark.parametrize("thread", ["main", "other"])
def test_exempt_seconds_extend_the_deadline(thread):
    # 0.3 s deadline; 0.6 s exempt + 0.15 s of own work: within 0.3 + 0.6
    def body():
        with deadline(0.3):
            with exempt():
                _busy(0.6)
            _busy(0.15)

    assert _run_in(thread, body) is None


@pytest.mark.parametrize("thread", ["main", "other"])
def test_own_work_past_the_extended_deadline_still_times_out(thread):
    # 0.6 s exempt, then 1.5 s of own work: past 0.3 + 0.6 s
    def body():
        with deadline(0.3):
            with exempt():
                _busy(0.6)
            _busy(1.5)

    assert isinstance(_run_in(thread, body), OperatorTimeout)


@pytest.mark.parametrize("thread", ["main", "other"])
def test_without_exempt_the_same_work_times_out(thread):
    def body():
        with deadline(0.3):
            _busy(0.75)

    assert isinstance(_run_in(thread, body), OperatorTimeout)


def test_a_deadline_never_raises_inside_exempt_work():
    seen = []

    def body():
        with deadline(0.1):
            with exempt():
                _busy(0.5)
                seen.append("exempt work finished")
            _busy(2.0)

    assert isinstance(_run_in("main", body), OperatorTimeout)
    assert seen == ["exempt work finished"]


def test_hard_kill_waits_for_exempt_work(tmp_path):
    # kill_after 0.8 s, exempt work 1.5 s, then own work for 0.3 s: the process must not exit
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from engine.deadline import deadline, exempt
        def busy(s):
            end = time.monotonic() + s
            while time.monotonic() < end:
                pass
        with deadline(0.5, kill_after=0.8):
            with exempt():
                busy(1.5)
            busy(0.3)
        print("survived")
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "survived" in out.stdout


def test_hard_kill_still_fires_for_a_stuck_call_after_exempt_work(tmp_path):
    # the kill is moved by the exempt seconds only: a call stuck afterwards still ends the process
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from engine.deadline import deadline, exempt
        with deadline(30, kill_after=0.8):
            with exempt():
                time.sleep(0.3)
            time.sleep(10)
        print("survived")
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    assert "survived" not in out.stdout


def test_kernel_compile_runs_exempt(monkeypatch):
    """A guarded kernel's compile (and its wait on the lock) runs inside ``exempt``."""
    seen = []

    class FakeCache:
        _cache_path = "/nonexistent-corpusforge-test"
        _index_name = "k.nbi"

    class FakeDispatcher:
        _cache = FakeCache()
        _cache_misses: dict = {}

        def py_func(self):  # only its name and module are read
            pass

        def compile(self, sig):
            from engine import deadline as d

            seen.append(d._exempt_depth.get(threading.get_ident(), 0))
            return sig

    disp = FakeDispatcher()
    disp.py_func = FakeDispatcher.py_func
    monkeypatch.setattr(kernel_compile, "_lock_path", lambda dispatcher: "/nonexistent-dir-cf/k.lock")
    kernel_compile.guard(disp)
    assert disp.compile("sig") == "sig"
    assert seen == [1]
