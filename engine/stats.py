"""Live run statistics: one small Ray actor that workers report to.

Used for the progress display and for the measured per-step figures that
cannot be derived from the written rows (bytes in/out, seconds, error
counts). These figures are measurements (a retried task is measured twice)
and may be lost with the actor's node. Document counts in the report never
come from here: they come from the reader's unit markers, the steps' own
tally rows and the writer's tallies, which are durable and exact under
retries (engine/accounting.py).
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

import ray


@ray.remote(num_cpus=0)
class StatsActor:
    def __init__(self) -> None:
        self.started = time.time()
        self.steps: dict[str, dict[str, float]] = defaultdict(
            lambda: {"docs_in": 0, "docs_out": 0, "bytes_in": 0, "bytes_out": 0, "seconds": 0.0, "batches": 0}
        )
        self.errors: dict[str, int] = defaultdict(int)
        # wall-clock time of each step's first and latest report: the progress line's phase
        # rates and the report's first-block time (engine/phases.py)
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        # operator calls in progress, for the watchdog (engine/step_runner.py StepRunner): token -> call
        self.calls: dict[str, dict[str, Any]] = {}

    def add(
        self,
        step: str,
        docs_in: int,
        docs_out: int,
        bytes_in: int,
        bytes_out: int,
        seconds: float,
        at: float | None = None,
    ) -> None:
        """Add one batch's figures; ``at``: when the worker finished it (its clock), else now.
        Reports are sent without waiting, so they may arrive late (this actor's process
        comes up while the first blocks are read): the time is the sender's."""
        now = at if at is not None else time.time()
        self.first[step] = min(self.first.get(step, now), now)
        self.last[step] = max(self.last.get(step, now), now)
        s = self.steps[step]
        s["docs_in"] += docs_in
        s["docs_out"] += docs_out
        s["bytes_in"] += bytes_in
        s["bytes_out"] += bytes_out
        s["seconds"] += seconds
        s["batches"] += 1

    def add_errors(self, step: str, n: int) -> int:
        self.errors[step] += n
        return self.errors[step]

    def call_started(self, token: str, call: dict[str, Any]) -> None:
        """An operator call began on the documents described by ``call`` (step, ranges, n, id, kill_after)."""
        self.calls[token] = {**call, "started": time.time()}

    def call_ended(self, token: str) -> None:
        self.calls.pop(token, None)

    def open_calls(self, step: str) -> list[dict[str, Any]]:
        """Calls of ``step`` that began and have not ended: running now, or their worker died.
        ``stuck`` tells whether the call outlived its ``kill_after`` (the watchdog ended it)."""
        now = time.time()
        return [
            {**c, "token": t, "stuck": now - c["started"] >= c.get("kill_after", float("inf"))}
            for t, c in self.calls.items()
            if c["step"] == step
        ]

    def snapshot(self) -> dict[str, Any]:
        now = time.time()
        return {
            "elapsed": now - self.started,
            "started": self.started,
            "now": now,
            "steps": {k: dict(v) for k, v in self.steps.items()},
            "errors": dict(self.errors),
            "first": dict(self.first),
            "last": dict(self.last),
        }
