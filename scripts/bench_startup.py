"""Where the CPU of a run's start goes, process by process: a load-independent
view of ``imports``, ``ray_start`` and ``first_block`` (engine/phases.py).

    python scripts/bench_startup.py configs/quickstart.yaml --set output.path=/tmp/x/q
    python scripts/bench_startup.py configs/quickstart.yaml --warm ...   (against `corpusforge ray up`)

Runs ``corpusforge run CONFIG --json --no-progress`` in a fresh process whose
environment carries a marker variable; every process of the run inherits it
(the driver, the GCS, the raylet, Ray's agents, the workers). It samples
``/proc/<pid>/stat`` of every marked process every ``--interval`` seconds and
prints, per kind of process (from its command line), how many there were and
their CPU seconds up to the first block read (the report's ``first_block_s``)
and in all. With ``--warm`` the warm Ray's own processes do not carry the
marker (they were started before); only the driver is counted, plus its share
of Ray's work is not visible: the table says so.

Why CPU: on a shared machine wall time says more about the neighbours than
about the run; the CPU seconds spent before the first block, divided by the
cores, is what the start costs a quiet machine at least. The wall figures
(from the report) are printed beside with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARK = "CORPUSFORGE_STARTUP_PROBE"
TICK = os.sysconf("SC_CLK_TCK")
#: seconds after a process is first seen during which its kind is read again (see ``probe``)
RECLASSIFY_S = 2.0


def _marked(needle: bytes) -> list[int]:
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                if needle in f.read().split(b"\0"):
                    pids.append(int(name))
        except OSError:
            continue
    return pids


def _cpu(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime (fields 14, 15)
    except (OSError, ValueError, IndexError):
        return None


def _kind(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return "?"
    if not argv:
        return "?"
    if argv[0].startswith("ray::"):
        return "worker"
    if os.path.basename(argv[0]) in ("raylet", "gcs_server"):  # the raylet's flags name default_worker.py
        return os.path.basename(argv[0])
    joined = " ".join(argv)
    for key, label in (
        ("default_worker.py", "worker"),
        ("gcs_server", "gcs_server"),
        ("raylet/raylet", "raylet"),
        ("dashboard/agent.py", "dashboard_agent"),
        ("runtime_env/agent", "runtime_env_agent"),
        ("log_monitor", "log_monitor"),
        ("monitor.py", "autoscaler_monitor"),
        ("dashboard.py", "dashboard"),
        ("engine.cli", "driver"),
    ):
        if key in joined:
            return label
    return os.path.basename(argv[0])


def _worker_title(pid: int) -> str:
    """A worker's proctitle (``ray::IDLE``, ``ray::ReadFn...``): Ray sets it as the cmdline."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b" ".join(f.read().split(b"\0")[:3]).decode(errors="replace")[:120]
    except OSError:
        return "?"


def probe(config: str, sets: list[str], warm: bool, interval: float) -> dict:
    token = uuid.uuid4().hex
    env = dict(os.environ, **{MARK: token})
    cmd = [sys.executable, "-m", "engine.cli", "run", config, "--json", "--no-progress"]
    for s in sets:
        cmd += ["--set", s]
    if warm:
        cmd += ["--ray", "auto"]
    needle = f"{MARK}={token}".encode()
    load0 = os.getloadavg()[0]
    t0 = time.time()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples: dict[int, list[tuple[float, float]]] = defaultdict(list)  # pid -> [(time, cpu)]
    kinds: dict[int, str] = {}
    titles: dict[int, set[str]] = defaultdict(set)
    commands: dict[str, str] = {}
    while proc.poll() is None:
        now = time.time()
        for pid in _marked(needle):
            c = _cpu(pid)
            if c is None:
                continue
            if pid not in kinds or (kinds[pid] != "worker" and now - samples[pid][0][0] < RECLASSIFY_S):
                # a worker is forked by the raylet and reads as one until it execs default_worker.py
                kinds[pid] = _kind(pid)
                if kinds[pid] != "worker":
                    commands.setdefault(kinds[pid], _worker_title(pid))
            if kinds[pid] == "worker" or kinds[pid].startswith("ray::"):
                titles[pid].add(_worker_title(pid))
            samples[pid].append((now, c))
        time.sleep(interval)
    wall = time.time() - t0
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}): {out}\n{err[-3000:]}")
    summary = json.loads(out)
    report = json.loads(Path(summary["report"]).read_text())
    first = report.get("first_block_s")
    started = t0  # the process starts a hair after t0; the report counts from the process's start
    phases = {p["phase"]: p for p in report.get("phases") or []}
    cut = started + first if first is not None else None
    per_kind: dict[str, dict[str, float]] = defaultdict(
        lambda: {"n": 0, "cpu_first_block": 0.0, "cpu_all": 0.0}
    )
    for pid, rows in samples.items():
        kind = kinds[pid]
        if kind.startswith("ray::"):
            kind = "worker"
        k = per_kind[kind]
        k["n"] += 1
        k["cpu_all"] += rows[-1][1]
        if cut is not None:
            before = [c for t, c in rows if t <= cut]
            k["cpu_first_block"] += before[-1] if before else 0.0
    detail = [
        {
            "pid": pid,
            "kind": kinds[pid],
            "seen_s": round(rows[0][0] - started, 2),
            "last_s": round(rows[-1][0] - started, 2),
            "cpu_first_block": round(max([c for t, c in rows if cut is not None and t <= cut] or [0.0]), 2),
            "cpu_all": round(rows[-1][1], 2),
            "titles": sorted(t.split("  ")[0][:70] for t in titles.get(pid, ())),
        }
        for pid, rows in sorted(samples.items(), key=lambda kv: kv[1][0][0])
    ]
    by_phase = phase_cpu(samples, kinds, started, report.get("phases") or [], wall, interval)
    return {
        "detail": detail,
        "by_phase": by_phase,
        "load_avg_1m": round(load0, 2),
        "wall_s": round(wall, 2),
        "first_block_s": first,
        "phases": {k: v["seconds"] for k, v in phases.items()},
        "processes": {k: {kk: round(vv, 2) for kk, vv in v.items()} for k, v in sorted(per_kind.items())},
        "cpu_first_block_total": round(sum(v["cpu_first_block"] for v in per_kind.values()), 2),
        "cpu_all_total": round(sum(v["cpu_all"] for v in per_kind.values()), 2),
        "commands": commands,
        "worker_titles": sorted({t for ts in titles.values() for t in ts}),
    }


def _cpu_at(rows: list[tuple[float, float]], t: float, interval: float) -> float:
    """A process's CPU seconds at time ``t`` from its samples: the last sample at or before ``t``;
    0 before the process was first seen less one sampling interval (it started in that gap, so
    its first sample's CPU belongs there)."""
    if t < rows[0][0] - interval:
        return 0.0
    best = 0.0
    for at, c in rows:
        if at > t:
            break
        best = c
    return best


def phase_cpu(
    samples: dict[int, list[tuple[float, float]]],
    kinds: dict[int, str],
    started: float,
    phases: list[dict],
    wall: float,
    interval: float,
) -> dict:
    """CPU seconds of each process in each of the report's phases (offsets from the command's
    start), plus ``after_report`` (the report's end to the process's exit), and per phase the
    cores' idle time: cores x the phase's wall less the run's CPU in it (negative under load
    means nothing: other processes on the machine are not counted). Processes are named by kind,
    workers numbered in the order they appeared (``worker1``, ``worker2``)."""
    cores = os.cpu_count() or 1
    spans = [(p["phase"], p["start_s"], p["start_s"] + p["seconds"]) for p in phases if "start_s" in p]
    if spans:
        spans.append(("after_report", spans[-1][2], max(wall, spans[-1][2])))
    names: dict[int, str] = {}
    seen: dict[str, int] = defaultdict(int)
    for pid, rows in sorted(samples.items(), key=lambda kv: kv[1][0][0]):
        kind = kinds.get(pid, "?")
        kind = "worker" if kind.startswith("ray::") else kind
        seen[kind] += 1
        names[pid] = kind if kind in ("driver", "gcs_server") else f"{kind}{seen[kind]}"
    table: dict[str, dict[str, float]] = {}
    for pid, rows in samples.items():
        row = table.setdefault(names[pid], {})
        for phase, a, b in spans:
            d = _cpu_at(rows, started + b, interval) - _cpu_at(rows, started + a, interval)
            row[phase] = round(row.get(phase, 0.0) + d, 3)
        row["all"] = round(rows[-1][1], 3)
    idle = {
        phase: round(cores * (b - a) - sum(r.get(phase, 0.0) for r in table.values()), 3)
        for phase, a, b in spans
    }
    return {"cores": cores, "phases": [s[0] for s in spans], "cpu": table, "idle_core_s": idle}


def print_phase_table(by_phase: dict) -> None:
    """The :func:`phase_cpu` table on stderr: a row per process, a column per phase."""
    phases = by_phase["phases"]
    short = [p.replace("stage:", "")[:10] for p in phases]
    print(f"  {'CPU-s by phase':<18}" + "".join(f"{s:>11}" for s in short) + f"{'all':>8}", file=sys.stderr)
    for name, row in sorted(by_phase["cpu"].items(), key=lambda kv: -kv[1]["all"]):
        cells = "".join(f"{row.get(p, 0.0):>11.2f}" for p in phases)
        print(f"  {name:<18}{cells}{row['all']:>8.2f}", file=sys.stderr)
    cells = "".join(f"{by_phase['idle_core_s'][p]:>11.2f}" for p in phases)
    print(f"  {'idle core-s':<18}{cells}", file=sys.stderr)


def ab(args) -> int:
    """Interleaved pairs (``--ab VAR``): each run's wall, first block, CPU of its processes and
    phases, then the medians of each side. One run after the other, the two sides see the same
    load (printed): compare the sides, not the figures with another time's."""
    import statistics

    rows: dict[str, list[dict]] = {"on": [], "off": []}
    var, _, on_value = args.ab.partition("=")
    on_label = on_value or "unset"
    before = os.environ.get(var)
    try:
        for i in range(args.repeat):
            for side in ("on", "off") if i % 2 == 0 else ("off", "on"):
                if side == "off":
                    os.environ[var] = "0"
                elif on_value:
                    os.environ[var] = on_value
                else:
                    os.environ.pop(var, None)
                r = probe(args.config, args.sets, args.warm, args.interval)
                row = {"wall": r["wall_s"], "first_block_s": r["first_block_s"], "cpu": r["cpu_all_total"],
                       "load": r["load_avg_1m"], **{k: round(v, 2) for k, v in r["phases"].items()}}  # fmt: skip
                rows[side].append(row)
                print(f"{var} {on_label if side == 'on' else '0'}: {json.dumps(row)}", file=sys.stderr)
    finally:
        if before is None:
            os.environ.pop(var, None)
        else:
            os.environ[var] = before
    medians = {
        side: {k: round(statistics.median(r.get(k) or 0.0 for r in runs), 2) for k in runs[0]}
        for side, runs in rows.items()
    }
    for side, m in medians.items():
        print(f"median, {var} {on_label if side == 'on' else '0'}: {json.dumps(m)}", file=sys.stderr)
    print(json.dumps({"ab": args.ab, "runs": rows, "medians": medians}))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("config")
    ap.add_argument("--set", dest="sets", action="append", default=[])
    ap.add_argument("--warm", action="store_true", help="run with --ray auto (a `corpusforge ray up` Ray)")
    ap.add_argument("--interval", type=float, default=0.05)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument(
        "--ab",
        metavar="VAR[=ON]",
        help="side by side: --repeat pairs of runs, one with VAR=ON (unset without =ON), one with VAR=0, "
        "in alternating order (e.g. CORPUSFORGE_WORKER_PRELOAD=1, CORPUSFORGE_EARLY_ATTACH with --warm)",
    )
    args = ap.parse_args()
    if args.ab:
        return ab(args)
    for _ in range(args.repeat):
        r = probe(args.config, args.sets, args.warm, args.interval)
        print(json.dumps(r))
        print(
            f"load {r['load_avg_1m']}: wall {r['wall_s']} s, first block at {r['first_block_s']} s; "
            f"CPU before the first block {r['cpu_first_block_total']} s, in all {r['cpu_all_total']} s",
            file=sys.stderr,
        )
        print(f"  {'process':<20} {'n':>3} {'cpu<first':>10} {'cpu all':>8}", file=sys.stderr)
        for kind, v in r["processes"].items():
            print(
                f"  {kind:<20} {v['n']:>3} {v['cpu_first_block']:>10.2f} {v['cpu_all']:>8.2f}",
                file=sys.stderr,
            )
        print_phase_table(r["by_phase"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
