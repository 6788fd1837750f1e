"""A clean stop: SIGTERM ends a run like Ctrl-C, and no process of the run's
embedded Ray outlives it.

Why: ``timeout 300 corpusforge run x.yaml`` sends SIGTERM to the driver. Its
default action ends the driver at once, without the ``finally`` that shuts
the embedded Ray down; Ray's daemons noticed and went, but a Ray worker busy
in a task (re-parented to init) kept running at 85% CPU for minutes.

* :func:`guarded_run` turns SIGTERM into :class:`Terminated` (a
  ``KeyboardInterrupt``), so the run unwinds exactly as on Ctrl-C: the
  progress markers in ``OUT/_progress/`` stay (the next run resumes) and
  ``ray.shutdown()`` runs. A second SIGTERM during that cleanup is ignored.
* For an embedded Ray it marks the run's processes: the variable
  ``CORPUSFORGE_RUN_TOKEN`` is set in the driver's environment before
  ``ray.init``, so the raylet and every worker it spawns inherit it. After the
  shutdown, any process still carrying the token is killed (SIGKILL) and
  waited for (Linux ``/proc``; elsewhere only ``ray.shutdown()`` applies).
  A run on an existing cluster (``ray.address``) never kills anything.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
import uuid
from typing import Iterator

log = logging.getLogger("corpusforge.shutdown")

#: Environment variable that marks every process of one embedded run.
TOKEN_ENV = "CORPUSFORGE_RUN_TOKEN"


class Terminated(KeyboardInterrupt):
    """The driver received SIGTERM; the run stops as on Ctrl-C."""


@contextlib.contextmanager
def guarded_run(embedded: bool) -> Iterator[str | None]:
    """Run the body with SIGTERM as an interrupt and, when ``embedded``, a
    process token; on exit shut Ray down and reap the token's processes.
    Yields the token (None when not embedded)."""
    global _reserved
    reserved, _reserved = _reserved, None  # a token set ahead of the run (reserve_token): adopted
    if reserved is not None and not embedded:  # a head prestarted for a run that does not embed Ray
        _reserved = reserved
        from engine.ray_runtime import cancel_prestart

        cancel_prestart()
        reserved = None
    previous_env = reserved[1] if reserved is not None else os.environ.get(TOKEN_ENV)
    token = (reserved[0] if reserved is not None else uuid.uuid4().hex) if embedded else None
    if token:
        os.environ[TOKEN_ENV] = token
    with _sigterm_as_interrupt():
        try:
            yield token
        finally:
            if token:
                _shutdown_ray()
                _restore_env(previous_env)
                killed = reap(token)
                if killed:
                    log.warning(
                        "killed %d process(es) of this run left by Ray after shutdown: %s",
                        len(killed),
                        killed,
                    )


#: A token set before the run (:func:`reserve_token`) and the variable's value before it.
_reserved: tuple[str, str | None] | None = None


def reserve_token() -> str:
    """Set the run's token now, before :func:`guarded_run`, for processes started ahead of
    it (engine/ray_runtime.py ``prestart``); the next embedded ``guarded_run`` adopts it."""
    global _reserved
    if _reserved is None:
        _reserved = (uuid.uuid4().hex, os.environ.get(TOKEN_ENV))
        os.environ[TOKEN_ENV] = _reserved[0]
    return _reserved[0]


def release_token() -> list[int]:
    """Give up a reserved token that no run adopted: its processes are reaped."""
    global _reserved
    reserved, _reserved = _reserved, None
    if reserved is None:
        return []
    _restore_env(reserved[1])
    return reap(reserved[0])


def _restore_env(previous: str | None) -> None:
    if previous is None:
        os.environ.pop(TOKEN_ENV, None)
    else:
        os.environ[TOKEN_ENV] = previous


def _on_sigterm(signum, frame):  # noqa: ARG001
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one stop is enough: let the cleanup finish
    raise Terminated(f"received signal {signum} (SIGTERM)")


_active = threading.Event()  # a guarded run is in progress in this process


def rearm() -> None:
    """Install the SIGTERM handler again, after ``ray.init`` (which installs
    its own, ``sys.exit(15)``, and Ray's C++ failure handler, which prints a
    stack and may abort). Call from the main thread right after Ray starts."""
    if _active.is_set() and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    _active.set()
    try:
        yield
    finally:
        _active.clear()
        signal.signal(signal.SIGTERM, previous)


def _shutdown_ray() -> None:
    try:
        import ray

        if ray.is_initialized():
            ray.shutdown()
    except Exception as exc:  # noqa: BLE001 - the reaping below still runs
        log.warning("ray.shutdown() failed: %s", exc)
    from engine.ray_runtime import cancel_prestart, stop_lean_head

    cancel_prestart()  # a head still starting on its thread (a run that failed before attaching)
    stop_lean_head()  # the head a command-line run started itself (engine/ray_runtime.py)


def processes_with_token(token: str) -> list[int]:
    """Pids (other than this process) whose environment carries ``token``."""
    if not os.path.isdir("/proc"):
        return []
    needle = f"{TOKEN_ENV}={token}".encode()
    me = os.getpid()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                env = f.read()
        except OSError:  # gone, or not ours to read
            continue
        if needle in env.split(b"\0"):
            found.append(int(name))
    return found


def reap(token: str, grace: float = 3.0) -> list[int]:
    """Kill every process still carrying ``token``; wait up to ``grace`` seconds
    for Ray's own shutdown to end them first. Returns the pids killed."""
    deadline = time.monotonic() + grace
    pids = processes_with_token(token)
    while pids and time.monotonic() < deadline:
        time.sleep(0.2)
        pids = processes_with_token(token)
    killed = []
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        except (ProcessLookupError, PermissionError):
            continue
    end = time.monotonic() + 5.0
    while killed and processes_with_token(token) and time.monotonic() < end:
        time.sleep(0.1)
    return killed


__all__ = [
    "TOKEN_ENV",
    "Terminated",
    "guarded_run",
    "processes_with_token",
    "reap",
    "rearm",
    "reserve_token",
    "release_token",
]
