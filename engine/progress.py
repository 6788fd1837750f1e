"""The console progress line of a running job."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

from engine import columns as C
from engine.config import RunConfig

# ------------------------------------------------------------------ progress
class Progress(threading.Thread):
    """Prints docs/s, MB/s and each step's kept ratio to stderr while running."""

    def __init__(self, stats, cfg: RunConfig, interval: float = 2.0) -> None:
        super().__init__(daemon=True)
        self.stats = stats
        self.cfg = cfg
        self.interval = interval
        self._stop_event = threading.Event()
        self.tty = sys.stderr.isatty()

    def run(self) -> None:
        import ray

        last_print = 0.0
        while not self._stop_event.wait(self.interval):
            try:
                snap = ray.get(self.stats.snapshot.remote(), timeout=5)
            except Exception:  # noqa: BLE001 - progress is best effort
                continue
            now = time.time()
            if not self.tty and now - last_print < 10:
                continue
            last_print = now
            sys.stderr.write(("\r" if self.tty else "") + format_progress(snap, self.cfg) + ("" if self.tty else "\n"))
            sys.stderr.flush()
        try:  # always end with the final figures
            snap = ray.get(self.stats.snapshot.remote(), timeout=5)
            sys.stderr.write(("\r" if self.tty else "") + format_progress(snap, self.cfg) + "\n")
        except Exception:  # noqa: BLE001
            pass

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=10)


def format_progress(snap: dict[str, Any], cfg: RunConfig) -> str:
    elapsed = max(snap.get("elapsed", 0.0), 1e-9)
    steps = snap.get("steps", {})
    read = steps.get(C.INPUT_STEP, {})
    docs = read.get("docs_in", 0)
    mb = read.get("bytes_in", 0) / 1e6
    parts = [f"[{elapsed:6.1f}s] read {docs:,} docs ({docs / elapsed:,.0f}/s, {mb / elapsed:,.1f} MB/s)"]
    for step in cfg.steps:
        s = steps.get(step.name)
        if s and s["docs_in"]:
            parts.append(f"{step.name} {100.0 * s['docs_out'] / s['docs_in']:.1f}% kept")
    return " | ".join(parts)
