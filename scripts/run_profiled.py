"""Run a config and print where the time went: wall, MB/s per core end to end,
each step's MB/s per core (from the run's own report), and CPU utilisation.

    python scripts/run_profiled.py configs/standard_chain.yaml \
        --set 'input.paths=["../shared/corpora/*.jsonl.gz"]' --set output.path=/tmp/std --cpus 2

CPU utilisation is sampled from ``/proc`` while the run goes (the sampler of
``scripts/cpu_utilisation.py``): the Ray workers' CPU seconds per wall second
("worker cores in use") and each core's machine-wide utilisation, so other load
on the machine shows up in the latter. Input MB are the reader's text bytes
(``report.ops[0].bytes_in``, else the input files' sizes).

``stream`` answers "do the cores stay busy from the first block to the last?" in
figures that other load on the machine changes little: the steps' CPU seconds over
CPUs x the stream's wall time (``utilisation``), and, for each Ray worker that
worked in the stream, the share of 20 Hz samples in which its main thread was
running or waiting for a core (state R) and its idle gaps (state S: no task, or
waiting for a block) of 0.1 s or more, as (seconds into the stream, length).
A worker waiting for a core under load is R, so a busy machine does not make
gaps; a plan that leaves a core without work does.

``--cpu-steps`` instead runs the config's per-document steps in this process,
without Ray, over the input (JSONL / JSONL.gz) in blocks of ``input.block_mb``
of text, and prints each step's CPU seconds (``time.process_time``) and MB/s
per core: other load on a shared machine does not change these figures,
while the report's step seconds above are wall time inside the workers.
Global stages are not run (listed as skipped).
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from cpu_utilisation import Sampler  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("config")
    ap.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY.PATH=VALUE")
    ap.add_argument("--cpus", type=int, default=None, help="ray.num_cpus of the embedded Ray (default: all)")
    ap.add_argument("--cpu-steps", action="store_true", help="per-step CPU time in this process, no Ray")
    ap.add_argument(
        "--warmup",
        type=int,
        default=0,
        metavar="DOCS",
        help="--cpu-steps: first run the steps untimed on the first DOCS documents (imports, models, "
        "compiled kernels), as a long-running worker has them",
    )
    args = ap.parse_args(argv)
    if args.cpu_steps:
        print(json.dumps(cpu_steps(args.config, args.overrides, args.warmup), indent=2, ensure_ascii=False))
        return 0

    import os

    from engine.config import load_config
    from engine.executor import run

    overrides = list(args.overrides) + ["execution.progress=false"]
    if args.cpus:
        overrides.append(f"ray.num_cpus={args.cpus}")
    cfg = load_config(args.config, overrides)
    cpus = args.cpus or os.cpu_count() or 1

    import time

    sampler = Sampler()
    states = StateSampler()
    sampler.start()
    states.start()
    t0 = time.time()
    report = run(cfg, restart=False)
    s = sampler.stop()
    states.stop_event.set()
    states.join()

    ops = report.get("ops", [])
    mb_in = (ops[0].get("bytes_in") or 0) / 1e6 if ops else 0.0
    wall = s["wall_s"]
    util = s["core_util_pct"]
    steps = []
    for op in ops:
        sec = op.get("seconds") or 0.0
        mb = (op.get("bytes_in") or 0) / 1e6
        steps.append(
            {
                "step": op.get("name"),
                "docs_in": op.get("docs_in"),
                "docs_out": op.get("docs_out"),
                "mb_in": round(mb, 2),
                "task_s": round(sec, 2),
                "cpu_s": round(op.get("cpu_seconds") or 0.0, 2),
                "mb_per_s_per_core": round(mb / sec, 2) if sec else None,
            }
        )
    out = {
        "config": args.config,
        "input_docs": report.get("input_docs"),
        "output_docs": report.get("output_docs"),
        "removed_docs": report.get("removed_docs"),
        "quarantined": report.get("quarantined"),
        "accounting_ok": report.get("accounting_ok"),
        "input_text_mb": round(mb_in, 2),
        "wall_s": round(wall, 2),
        "cpus": cpus,
        "mb_per_s_per_core_end_to_end": round(mb_in / wall / cpus, 3) if wall else None,
        "worker_cores_in_use": round(s["worker_cpu_s"] / wall, 2) if wall else None,
        "mean_core_util_pct": round(sum(util.values()) / max(len(util), 1), 1),
        "core_util_pct": util,
        "stream": stream_figures(report, states, t0, cpus),
        "steps": steps,
    }
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


class StateSampler(threading.Thread):
    """Every ``interval`` s: state (R, S, ...) and CPU seconds of each Ray worker under this process."""

    def __init__(self, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.stop_event = threading.Event()
        self.samples: list[tuple[float, dict[int, tuple[str, float]]]] = []

    def run(self) -> None:
        import os
        import time

        from cpu_utilisation import _descendants, ray_worker_stat

        tick = os.sysconf("SC_CLK_TCK")
        me = os.getpid()
        while not self.stop_event.wait(self.interval):
            snap = {}
            for pid in _descendants(me):
                stat = ray_worker_stat(pid, tick)
                if stat is not None:
                    snap[pid] = stat
            self.samples.append((time.time(), snap))


def stream_figures(
    report: dict, states: StateSampler, t0: float, cpus: int, min_gap: float = 0.1, max_gaps: int = 12
) -> dict:
    """The stream phase's core use: the steps' CPU over ``cpus`` x its wall, and per Ray process
    (pid) that used 0.1 CPU-s or more in it, its CPU, runnable share, idle seconds (gaps of at least
    ``min_gap``) and, for a worker that used 0.5 CPU-s or more, its ``max_gaps`` longest gaps
    (module docstring). ``t0``: when ``run`` was called (the report's phases count from there)."""
    phases = {p["phase"]: p for p in report.get("phases") or []}
    if "stream" not in phases:
        return {}
    start = t0 + phases["stream"]["start_s"]
    end = start + phases["stream"]["seconds"]
    win = [(t, snap) for t, snap in states.samples if start <= t <= end]
    step_cpu = sum(op.get("cpu_seconds") or 0.0 for op in report.get("ops") or [])
    workers = {}
    for pid in sorted({p for _, snap in win for p in snap}):
        seen = [(t, snap[pid]) for t, snap in win if pid in snap]
        cpu = seen[-1][1][1] - seen[0][1][1]
        if cpu < 0.1:
            continue
        gaps, since = [], None
        for t, (state, _) in seen + [(end, ("R", 0.0))]:
            if state != "R" and since is None:
                since = t
            elif state == "R" and since is not None:
                if t - since >= min_gap:
                    gaps.append([round(since - start, 2), round(t - since, 2)])
                since = None
        longest = sorted(sorted(gaps, key=lambda g: -g[1])[:max_gaps])
        workers[str(pid)] = {
            "cpu_s": round(cpu, 2),
            "runnable": round(sum(1 for _, (st, _c) in seen if st == "R") / len(win), 3),
            "idle_s": round(sum(g[1] for g in gaps), 2),
            "idle_gaps": longest if cpu >= 0.5 else f"{len(gaps)} gaps (not a worker that ran steps)",
        }
    wall = phases["stream"]["seconds"]
    return {
        "wall_s": round(wall, 2),
        "step_cpu_s": round(step_cpu, 2),
        "utilisation": round(step_cpu / (cpus * wall), 3) if wall else None,
        "workers": workers,
    }


def _blocks(paths: list[str], block_bytes: float):
    """Tables of ``id``/``text`` of about ``block_bytes`` of text each, from JSONL(.gz) files."""
    import glob
    import gzip

    import pyarrow as pa

    files = sorted(f for p in paths for f in (glob.glob(p) or [p]))
    ids: list[str] = []
    texts: list[str] = []
    size = 0
    for path in files:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for k, line in enumerate(fh):
                d = json.loads(line)
                text = d.get("text") or ""
                ids.append(str(d.get("id", f"{path}:{k}")))
                texts.append(text)
                size += len(text.encode("utf-8"))
                if size >= block_bytes:
                    yield pa.table({"id": ids, "text": texts})
                    ids, texts, size = [], [], 0
    if ids:
        yield pa.table({"id": ids, "text": texts})


def _run_steps(steps, table, stats=None):
    """``table`` through the per-document ``steps``; CPU time and counts into ``stats``."""
    import time

    import pyarrow as pa

    from engine.operator import Filter

    for name, op in steps:
        if table.num_rows == 0:
            break
        t0 = time.process_time()
        if isinstance(op, Filter):
            j = op.judge(table, name)
            out = j.scored.filter(pa.array(j.keep, pa.bool_()))
        else:
            out = op.transform(table)
        cpu = time.process_time() - t0
        if stats is not None:
            st = stats[name]
            st["docs_in"] += table.num_rows
            st["mb_in"] += (pa.compute.sum(pa.compute.binary_length(table.column("text"))).as_py() or 0) / 1e6
            st["cpu_s"] += cpu
            st["docs_out"] += out.num_rows
        table = out
    return table


def cpu_steps(config: str, overrides: list[str], warmup: int = 0) -> dict:
    """CPU seconds per step of ``config`` in this process (see the module docstring)."""
    import pyarrow as pa

    from engine.config import load_config
    from engine.operator import Filter, Mapper

    cfg = load_config(config, list(overrides))
    steps = []
    for st in cfg.steps:
        op = st.build()
        if isinstance(op, (Filter, Mapper)):
            op.setup(None)
        steps.append((st.name, op))
    stats = {name: {"docs_in": 0, "docs_out": 0, "mb_in": 0.0, "cpu_s": 0.0} for name, _ in steps}
    skipped = [name for name, op in steps if not isinstance(op, (Filter, Mapper))]
    run = [(name, op) for name, op in steps if name not in skipped]
    mb_total = 0.0
    for k, table in enumerate(_blocks(cfg.input.paths, cfg.input.block_mb * 1e6)):
        if k == 0 and warmup:
            _run_steps(run, table.slice(0, warmup))
            from operators.quality import common

            common.SHARED.clear()  # the timed run finds no token of the warm-up documents
        mb_total += pa.compute.sum(pa.compute.binary_length(table.column("text"))).as_py() / 1e6
        _run_steps(run, table, stats)
    total = sum(s["cpu_s"] for s in stats.values())
    return {
        "config": config,
        "input_text_mb": round(mb_total, 2),
        "steps_cpu_s": round(total, 2),
        "steps_mb_per_s_per_core": round(mb_total / total, 2) if total else None,
        "steps": [
            {
                "step": name,
                **{k: round(v, 2) if isinstance(v, float) else v for k, v in s.items()},
                "mb_per_s_per_core": round(s["mb_in"] / s["cpu_s"], 2) if s["cpu_s"] else None,
            }
            for name, s in stats.items()
            if name not in skipped
        ],
        "skipped_global_stages": skipped,
        "warmup_docs": warmup,
        "note": "CPU time (process_time) in one process, no Ray; without --warmup, first-use costs "
        "(imports, dictionaries, compiled kernels) fall on the step that first needs them",
    }


if __name__ == "__main__":
    sys.exit(main())
