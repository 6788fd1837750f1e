"""Deadlines for operator calls: the per-document watchdog (``execution.doc_timeout_s``).

Operators are batch-level (vectorized), so the time spent on one document is not
observable directly. The executor runs each operator call on a batch under a
deadline (:func:`deadline`); a call that overruns raises :class:`OperatorTimeout`
and the batch is bisected like a batch that raised, each piece under its own
deadline (:class:`CallBudget`), down to single documents whose budget is exactly
``doc_timeout_s``. A document that alone runs longer is quarantined
(``operator_timeout: <step>``); the rest of its batch goes on.

Interrupting a running call:

* in the main thread (Ray task workers run the function there) a ``SIGALRM``
  from ``signal.setitimer`` raises in the running Python code, including
  ``time.sleep`` and a catastrophic ``re`` match (CPython's regex engine checks
  for signals while it backtracks);
* in any other thread (Ray Data runs actor-pool calls in a thread of the actor)
  a watchdog timer raises the exception in that thread with
  ``PyThreadState_SetAsyncExc``. It takes effect at the next Python bytecode:
  a loop of Python code or of short sleeps is interrupted, one long C call
  (one ``re`` match, one ``time.sleep(3600)``) only when it returns.

Neither raises inside an import (an operator's first call imports lazily:
numba, a model library): a deadline that falls there is retried every
``IMPORT_RETRY_S`` and raises once the import is done, since an import cut
halfway leaves a package that no later import in the worker can repair.

Work that is not the documents' and must not be cut runs in :func:`exempt` (a numba
kernel's compile or cache load, and the wait for another process compiling it:
engine/kernel_compile.py). A deadline that falls inside is moved past it as for an
import, the call's deadline is then extended by the time spent there, and the hard
kill (``kill_after``) waits as long: a kernel's first compile takes 1-11 CPU-s, far
longer on a loaded machine, and was charged to the first document of a fresh
worker (seen: a first web_text run whose Gopher kernel's compile was cut and
restarted 17 times).

No timer ever outlives its ``with`` block (cancelled in ``finally``), and the
previous ``SIGALRM`` handler and timer are restored, so nesting is safe.

A call stuck in C code that holds the GIL (a catastrophic ``re`` match in an
actor thread) cannot be interrupted from inside the process at all: no other
Python thread runs. For that case ``kill_after`` arms :mod:`faulthandler`'s C
watchdog (``dump_traceback_later(exit=True)``), which needs no GIL: the process
prints every thread's stack to its log and exits, Ray restarts the actor (or
reruns the task) and retries the batch, and the executor, which recorded the
call's documents beforehand (engine/step_runner.py, ``StepRunner``), isolates them.
"""

from __future__ import annotations

import ctypes
import faulthandler
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class OperatorTimeout(BaseException):
    """A call ran past its deadline. A ``BaseException`` so that an operator's own
    ``except Exception`` cannot swallow it."""


@contextmanager
def deadline(seconds: float | None, kill_after: float | None = None) -> Iterator[None]:
    """Run the body with a deadline: :class:`OperatorTimeout` is raised inside it
    after ``seconds`` (``None`` or ``<= 0``: no deadline). With ``kill_after``,
    the process exits (status 1, stacks in its log) if the body is still running
    ``kill_after`` seconds after it started: the interrupt was never answered."""
    if not seconds or seconds <= 0:
        yield
        return
    tid = threading.get_ident()
    previous_kill = _kill.get("armed")
    if kill_after:
        faulthandler.dump_traceback_later(kill_after, exit=True)
        _kill["armed"] = (tid, time.monotonic() + kill_after)
    try:
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
            with _alarm(seconds):
                yield
        else:
            with _async_raise(seconds):
                yield
    finally:
        if kill_after:
            faulthandler.cancel_dump_traceback_later()
            _kill["armed"] = previous_kill
            if previous_kill is not None:  # an enclosing call's hard kill: armed again
                faulthandler.dump_traceback_later(max(previous_kill[1] - time.monotonic(), 1e-3), exit=True)


#: Per thread: how deep it is in :func:`exempt` blocks, and the seconds it has spent in them.
_exempt_depth: dict[int, int] = {}
_exempt_spent: dict[int, float] = {}
#: The hard kill armed by :func:`deadline`: (thread, monotonic time it fires), or None.
_kill: dict[str, tuple[int, float] | None] = {"armed": None}


@contextmanager
def exempt() -> Iterator[None]:
    """Run the body outside the calling thread's deadline: a deadline that falls inside it is
    retried once it is done (as inside an import), the seconds it took are added to the call's
    deadline, and a hard kill armed by this thread is held off until it is done and then moved
    as much later. For work that is neither a document's cost nor safe to cut: a numba kernel's
    compile or cache load (engine/kernel_compile.py). Nested blocks count once."""
    tid = threading.get_ident()
    depth = _exempt_depth.get(tid, 0)
    _exempt_depth[tid] = depth + 1
    if depth:
        try:
            yield
        finally:
            _exempt_depth[tid] = depth
        return
    armed = _kill["armed"]
    held = armed is not None and armed[0] == tid
    if held:
        faulthandler.cancel_dump_traceback_later()
    t0 = time.monotonic()
    try:
        yield
    finally:
        spent = time.monotonic() - t0
        _exempt_spent[tid] = _exempt_spent.get(tid, 0.0) + spent
        _exempt_depth[tid] = 0
        if held and _kill["armed"] == armed:
            moved = (tid, armed[1] + spent)
            _kill["armed"] = moved
            faulthandler.dump_traceback_later(max(moved[1] - time.monotonic(), 1e-3), exit=True)


def _deferred(tid: int, frame, state: dict) -> float:
    """Seconds to wait before a deadline that has just fallen may raise in thread ``tid``: retry
    soon inside an import or an :func:`exempt` block; after one, the exempt seconds not yet
    credited to this call; 0: raise now."""
    if _exempt_depth.get(tid, 0) or _importing(frame):
        return IMPORT_RETRY_S
    spent = _exempt_spent.get(tid, 0.0)
    owed = spent - state["credited"]
    if owed > 1e-4:
        state["credited"] = spent
        return owed
    return 0.0


def kill_after(seconds: float) -> float:
    """When a call with deadline ``seconds`` counts as stuck beyond interrupting: as long
    again (at least 2 s) to answer the interrupt, which Python code does within milliseconds."""
    return seconds + max(seconds, 2.0)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    tid = threading.get_ident()
    state = {"done": False, "credited": _exempt_spent.get(tid, 0.0)}

    def on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
        if state["done"]:
            return
        later = _deferred(tid, frame, state)  # inside an import or exempt work, or owed its time
        if later:
            signal.setitimer(signal.ITIMER_REAL, later)
            return
        raise OperatorTimeout(f"call ran past its deadline of {seconds:.3g} s")

    t0 = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, 0)
    delay = min(seconds, previous_delay) if previous_delay > 0 else seconds
    signal.setitimer(signal.ITIMER_REAL, delay)
    try:
        yield
    finally:
        state["done"] = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay > 0:  # an enclosing deadline: give back what is left of it
            left = previous_delay - (time.monotonic() - t0)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), previous_interval)


#: A deadline that falls inside an import is moved this much later, until the import is done.
IMPORT_RETRY_S = 0.05


def _importing(frame) -> bool:
    """Whether the stack of ``frame`` runs an import (``importlib._bootstrap``). An exception raised
    there leaves the package's half-initialised submodules in ``sys.modules``: every later import of
    it in the worker then fails (seen: the watchdog stopping a first call in ``import numba``, after
    which each call raised ``module 'numba' has no attribute 'core'`` and the run failed)."""
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = [ctypes.c_ulong, ctypes.py_object]
_set_async_exc.restype = ctypes.c_int


@contextmanager
def _async_raise(seconds: float) -> Iterator[None]:
    tid = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False, "credited": _exempt_spent.get(tid, 0.0)}

    timers: list[threading.Timer] = []

    def arm(delay: float) -> None:
        timer = threading.Timer(delay, fire)
        timer.daemon = True
        timers.append(timer)
        timer.start()

    def fire() -> None:
        with lock:
            if state["done"]:
                return
            later = _deferred(tid, sys._current_frames().get(tid), state)
            if later:  # inside an import or exempt work, or owed its time: retried later
                arm(later)
                return
            state["fired"] = True
            _set_async_exc(tid, OperatorTimeout)

    arm(seconds)
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        for timer in timers:
            timer.cancel()
        if state["fired"]:  # fired as the body returned: drop the exception if still pending
            _clear_async_exc(tid)


_clear_async_exc_fn = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi)
)


def _clear_async_exc(tid: int) -> None:
    """Cancel an exception set by :func:`_async_raise` that has not been raised yet (NULL clears)."""
    _clear_async_exc_fn(tid, None)


class CallBudget:
    """The deadline of one operator call, from the documents it holds.

    * one document: exactly ``doc_timeout_s`` (the watchdog's promise: a document
      is quarantined only when it alone took longer);
    * several documents: ``floor + SAFETY * estimate``, where the estimate is
      the larger of (seconds per document x documents) and (seconds per text
      byte x bytes), both measured on this step's completed calls in this
      worker (moving up at once on a slower call, down slowly: 0.8 old + 0.2
      new), and ``floor = min(doc_timeout_s, FLOOR_S)`` absorbs scheduling
      jitter;
    * before any measurement, :meth:`probe` says to run the batch's first
      document alone (its budget is ``doc_timeout_s``) to measure the rate.

    Wasted work is bounded: for a stuck document, each bisection level re-runs
    one piece holding it, with budgets halving, so the waste is at most
    ``doc_timeout_s + floor * log2(k) + 2 * SAFETY * estimate(k)`` for a batch
    of k documents. A legitimately slow batch (slower than SAFETY times the
    estimate) is bisected until its pieces fit, each completed piece raising
    the rate; none of its documents is quarantined unless one alone exceeds
    ``doc_timeout_s``, since single documents always get that full budget.
    """

    SAFETY = 4.0
    FLOOR_S = 2.0
    DECAY = 0.8

    def __init__(self, doc_timeout_s: float | None) -> None:
        self.doc_timeout_s = doc_timeout_s if doc_timeout_s and doc_timeout_s > 0 else None
        self.per_doc: float | None = None
        self.per_byte: float | None = None

    @property
    def enabled(self) -> bool:
        return self.doc_timeout_s is not None

    def probe(self, docs: int) -> bool:
        """True when no rate is known yet and a batch of ``docs`` should start with one document alone."""
        return self.enabled and self.per_doc is None and docs > 1

    def seconds(self, docs: int, nbytes: int) -> float | None:
        """The deadline of a call on ``docs`` documents of ``nbytes`` text bytes (None: no deadline)."""
        if self.doc_timeout_s is None:
            return None
        if docs <= 1:
            return self.doc_timeout_s
        floor = min(self.doc_timeout_s, self.FLOOR_S)
        if self.per_doc is None:
            return floor + self.doc_timeout_s
        estimate = max(self.per_doc * docs, (self.per_byte or 0.0) * nbytes)
        return floor + self.SAFETY * estimate

    def observe(self, docs: int, nbytes: int, seconds: float) -> None:
        """Record a completed call (timed-out calls are not rates)."""
        if docs <= 0:
            return
        self.per_doc = self._blend(self.per_doc, seconds / docs)
        self.per_byte = self._blend(self.per_byte, seconds / max(nbytes, 1))

    def _blend(self, old: float | None, new: float) -> float:
        if old is None:
            return new
        return max(new, self.DECAY * old + (1 - self.DECAY) * new)


__all__ = ["CallBudget", "OperatorTimeout", "deadline", "exempt", "kill_after"]
