"""Where a run's wall time goes: marks taken on the driver, turned into the
report's ``phases`` (engine/report.py) and printed by ``scripts/bench.py overhead``.

A run is cut into consecutive phases, each from one mark to the next:

* ``imports``: from the command's start (the process's own start time, when
  the run came from the ``corpusforge`` command) to the run's first line;
* ``config``: the input listing, the output-folder checks and resume planning;
* ``ray_start``: an embedded Ray started, or a running one attached to, and the
  statistics actor;
* ``first_block``: from Ray being ready to the first input block read (the
  statistics actor's first report of the read, a worker's clock);
* ``stage:<name>``: each global stage, its own sub-phases beside it;
* ``stream``: the per-document steps and the writing after the last stage;
* ``end_of_run``: shard schema, report, card, HTML and manifest.

Marks are ``time.time()`` (one clock for the driver and the workers of one
machine); offsets in the report are seconds from the command's start.
"""

from __future__ import annotations

import os
import time
from typing import Any

#: Set by the command line (engine/cli.py) at its first line: a run started by
#: ``corpusforge run`` counts its phases from the process's start.
_command_started: float | None = None

#: Parts of a phase measured where they happen (:func:`detail`), shown beside it: phase -> part -> seconds.
_details: dict[str, dict[str, float]] = {}


def detail(phase: str, part: str, seconds: float) -> None:
    """Record that ``part`` of ``phase`` took ``seconds`` (e.g. ``ray_start``'s wait for the
    embedded head, engine/ray_runtime.py); the next run's timeline reports it beside the phase."""
    parts = _details.setdefault(phase, {})
    parts[part] = round(parts.get(part, 0.0) + seconds, 3)


def command_started() -> float:
    """When the command began: the process's start time (Linux ``/proc``), else now."""
    return process_start_time() or time.time()


def mark_command(at: float | None = None) -> None:
    """Record that this process is the ``corpusforge`` command (its phases start at ``at``)."""
    global _command_started
    _command_started = at if at is not None else command_started()


def process_start_time() -> float | None:
    """Wall-clock start of this process from ``/proc`` (None elsewhere).

    ``/proc/<pid>/stat`` gives the start in clock ticks after boot; the boot's wall-clock time
    is taken as now minus the boot clock (``CLOCK_BOOTTIME``, what the kernel counts those ticks
    on), not from ``/proc/stat``'s ``btime``, which is whole seconds: its lost fraction (up to
    a second, the same for every process of one boot) would be added to every run's
    ``imports`` phase and first-block time."""
    try:
        with open(f"/proc/{os.getpid()}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        ticks = int(fields[19])  # field 22 (starttime), counted after the ")" that ends the command name
        boot_clock = getattr(time, "CLOCK_BOOTTIME", time.CLOCK_MONOTONIC)
        alive_for = time.clock_gettime(boot_clock) - ticks / os.sysconf("SC_CLK_TCK")
        return time.time() - max(alive_for, 0.0)
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class Timeline:
    """The marks of one run, in order. ``start`` is the command's start when the
    run came from the command line, else the run's first line."""

    def __init__(self, run_started: float | None = None) -> None:
        global _command_started, _details
        now = run_started if run_started is not None else time.time()
        started, _command_started = _command_started, None  # one command, one run: later runs in
        # this process (a Python driver, tests) count from their own first line
        self.start = started if started is not None and started <= now else now
        self.marks: list[tuple[str, float]] = []
        self.details = _details = {}  # the parts this run records (detail())
        if self.start < now:
            self.marks.append(("imports", now))

    def mark(self, phase: str, at: float | None = None) -> None:
        """``phase`` ended now (or at ``at``: marks are ordered by time, so a
        worker's time, such as the first block's, can be added afterwards)."""
        self.marks.append((phase, at if at is not None else time.time()))

    def phases(self, stages: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """The phases as ``{"phase", "start_s", "seconds"}`` rows (offsets from the
        command's start); a global stage's row carries its own ``phases``."""
        rows = []
        previous = self.start
        for name, at in sorted(self.marks, key=lambda m: m[1]):
            at = max(at, previous)  # a worker's clock may be a hair behind the driver's
            row: dict[str, Any] = {
                "phase": name,
                "start_s": round(previous - self.start, 3),
                "seconds": round(at - previous, 3),
            }
            stage = (stages or {}).get(name.split(":", 1)[1]) if name.startswith("stage:") else None
            sub = getattr(stage, "phases", None) if not isinstance(stage, dict) else stage.get("phases")
            sub = sub or self.details.get(name)
            if sub:  # a StageReport (engine/operator.py) or its dict, or the parts recorded by detail()
                row["phases"] = dict(sub)
            rows.append(row)
            previous = at
        return rows

    def offset(self, at: float | None) -> float | None:
        """Seconds from the command's start to ``at``."""
        return None if at is None else round(at - self.start, 3)


__all__ = ["Timeline", "detail", "mark_command", "process_start_time", "command_started"]
