"""The command line's console: corpusforge's own messages on the terminal,
Ray's in a log file.

Ray writes to the driver's standard streams from Python (its loggers, e.g.
the token-authentication notice) and from C++ (``core_worker`` errors about
actor arguments, "the Ray cluster currently does not have any available CPUs"
on a healthy run). None of that is ours to show. While a ``corpusforge run``
has Ray up, file descriptors 1 and 2 of the process point at
``OUT/_logs/ray.log`` (:func:`capture`); the command's progress line, summary
and errors go to copies of the original descriptors (:func:`out`, :func:`err`).
``--json`` thus gets exactly one JSON document on stdout.

Outside a capture (tests, a Python driver) :func:`out` and :func:`err` are
``sys.stdout`` and ``sys.stderr``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from typing import TextIO

#: Folder of the output that holds the run's logs (engine/output_dir.py: ours; not in the manifest).
LOGS_DIR = "_logs"
RAY_LOG = "ray.log"

_enabled = False  # the command line asked for capture (enable())
_saved: dict[int, int] = {}  # fd -> duplicate of the original
_streams: dict[int, TextIO] = {}
_log_path: str | None = None


def enable() -> None:
    """Capture Ray's output into the run's log once Ray starts (the command line calls this)."""
    global _enabled, _log_path
    _enabled = True
    _log_path = None
    for fd, mode in ((1, "w"), (2, "w")):
        if fd not in _saved:
            try:
                _saved[fd] = os.dup(fd)
            except OSError:
                continue
            _streams[fd] = os.fdopen(
                _saved[fd], mode, buffering=1, encoding="utf-8", errors="replace", closefd=False
            )


def out() -> TextIO:
    """Where the command's results go: the original stdout while Ray's output is
    captured (unless ``sys.stdout`` was replaced, as by pytest's capsys)."""
    return _stream(1, sys.stdout, sys.__stdout__)


def err() -> TextIO:
    """Where the command's progress and errors go (the original stderr; as :func:`out`)."""
    return _stream(2, sys.stderr, sys.__stderr__)


def _stream(fd: int, current: TextIO, original: TextIO | None) -> TextIO:
    if _log_path is not None and fd in _streams and current is original:
        return _streams[fd]
    return current


def log_path() -> str | None:
    """The log file of the current (or last) capture."""
    return _log_path


def log_path_for(output_uri: str) -> str:
    """``OUT/_logs/ray.log`` for a local output; a local temp file for object storage."""
    if "://" in output_uri and not output_uri.startswith("file://"):
        name = f"corpusforge-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-ray.log"
        return os.path.join(tempfile.gettempdir(), name)
    local = output_uri[len("file://") :] if output_uri.startswith("file://") else output_uri
    return os.path.join(os.path.abspath(local), LOGS_DIR, RAY_LOG)


def capture(output_uri: str) -> str | None:
    """Point fds 1 and 2 at the run's Ray log (when enabled). Returns its path."""
    global _log_path
    if not _enabled or not _saved:
        return None
    path = log_path_for(output_uri)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        for target in _saved:
            os.dup2(fd, target)
    finally:
        os.close(fd)
    _log_path = path
    return path


def release() -> None:
    """Give fds 1 and 2 back to the terminal (after Ray is shut down) and end the
    capture: a later run in this process (a Python driver) is not captured."""
    global _enabled
    _enabled = False
    sys.stdout.flush()
    sys.stderr.flush()
    for target, saved in _saved.items():
        os.dup2(saved, target)


__all__ = ["LOGS_DIR", "enable", "out", "err", "capture", "release", "log_path", "log_path_for"]
