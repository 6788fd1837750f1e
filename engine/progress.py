"""The console progress line of a running job.

It shows the read's totals, the phase running now (the step whose figures
moved last) with its documents and MB per second, and each step's kept ratio:

    [  12.3s] read 42,561 docs, 110.2 MB | now minhash_dedup: 42,561 docs, 9,870 docs/s, 25.6 MB/s | ...

A phase's rate is its documents (and text bytes) in over its own span: from
the moment its input began to arrive (the first report of the step before it;
the statistics actor's start for the read) to its latest report, or to now
while it is running. The whole run's elapsed time is the wrong denominator:
a fast step after a slow start or a global stage read as 0.1 MB/s.
"""

from __future__ import annotations

import threading
import time
from typing import Any, TextIO

from engine import columns as C
from engine.config import RunConfig

#: A phase whose latest report is younger than this is taken as still running.
RUNNING_WITHIN_S = 3.0


class Progress(threading.Thread):
    """Prints the progress line to ``stream`` (the console) while running."""

    def __init__(self, stats, cfg: RunConfig, interval: float = 2.0, stream: TextIO | None = None) -> None:
        super().__init__(daemon=True)
        from engine import console

        self.stats = stats
        self.cfg = cfg
        self.interval = interval
        self._stop_event = threading.Event()
        self.stream = stream or console.err()
        self.tty = self.stream.isatty()

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
            self._write(format_progress(snap, self.cfg), final=False)
        try:  # always end with the final figures
            snap = ray.get(self.stats.snapshot.remote(), timeout=5)
            self._write(format_progress(snap, self.cfg), final=True)
        except Exception:  # noqa: BLE001
            pass

    def _write(self, line: str, final: bool) -> None:
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=10)


def phase_rates(snap: dict[str, Any], order: list[str]) -> dict[str, dict[str, float]]:
    """Per step in ``order`` (the read first): docs, MB, span seconds, docs/s and
    MB/s over the step's own span (see the module docstring)."""
    steps = snap.get("steps", {})
    first = snap.get("first", {})
    last = snap.get("last", {})
    now = snap.get("now") or time.time()
    started = snap.get("started") or (now - snap.get("elapsed", 0.0))
    out: dict[str, dict[str, float]] = {}
    upstream_first = started
    for name in order:
        s = steps.get(name)
        if not s or name not in last:
            continue
        begin = upstream_first
        end = now if now - last[name] < RUNNING_WITHIN_S else last[name]
        span = max(end - begin, 1e-3)
        docs = s.get("docs_in", 0)
        mb = s.get("bytes_in", 0) / 1e6
        out[name] = {
            "docs": docs,
            "mb": mb,
            "seconds": span,
            "docs_s": docs / span,
            "mb_s": mb / span,
            "last": last[name],
        }
        upstream_first = first.get(name, begin)
    return out


def _is_stage(step) -> bool:
    from engine.operator import GlobalStage

    return issubclass(step.op_cls, GlobalStage)


def format_progress(snap: dict[str, Any], cfg: RunConfig) -> str:
    elapsed = snap.get("elapsed", 0.0)
    steps = snap.get("steps", {})
    order = [C.INPUT_STEP] + [s.name for s in cfg.steps]
    rates = phase_rates(snap, order)
    read = steps.get(C.INPUT_STEP, {})
    parts = [
        f"[{elapsed:6.1f}s] read {read.get('docs_in', 0):,} docs, {read.get('bytes_in', 0) / 1e6:,.1f} MB"
    ]
    if rates:
        name, r = max(rates.items(), key=lambda kv: kv[1]["last"])
        label = "read" if name == C.INPUT_STEP else name
        parts.append(f"now {label}: {r['docs']:,} docs, {r['docs_s']:,.0f} docs/s, {r['mb_s']:,.1f} MB/s")
    for step in cfg.steps:
        s = steps.get(step.name)
        if s and s["docs_in"] and (s["docs_out"] or not _is_stage(step)):
            # a global stage reports its output only as the stream after it runs: no "0.0% kept" before
            parts.append(f"{step.name} {100.0 * s['docs_out'] / s['docs_in']:.1f}% kept")
    return " | ".join(parts)
