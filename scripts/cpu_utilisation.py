"""Are all cores busy? CPU utilisation of a run over one big .gz file vs many small ones.

A .gz (or .zst) file cannot be split on read: it is one read unit, so when the
read was fused with the per-document steps one file meant one core for the
whole chain. This script measures it. It builds, from the given corpora
(JSONL, .gz), about ``--mb`` MB of JSONL, written (a) as one .jsonl.gz file and
(b) split into ``--files`` small .jsonl.gz files, runs the same pipeline over
each on a local Ray of ``--cpus`` CPUs, and samples while the run goes:

* the CPU time of the run's Ray worker processes (``ray::*`` descendants of this
  process, from ``/proc/<pid>/stat``): cores in use = CPU seconds / wall
  seconds, and how many worker processes did real work;
* every core's utilisation from ``/proc/stat`` (or psutil when installed):
  machine-wide, so other work on the machine shows up in it.

It prints, per case, input MB/s, MB/s per core, mean worker cores in use, mean
utilisation per core and the per-core figures. ``--engine-root`` runs another
checkout of the engine (e.g. ``git worktree add /tmp/cf_old <commit>``);
``--fused-read`` runs this checkout with the previous plan (read fused with the
steps), which isolates the change from everything else between two commits.

    python scripts/cpu_utilisation.py /work/shared/corpora/*.jsonl.gz --mb 50 --cpus 2
    python scripts/cpu_utilisation.py /work/shared/corpora/*.jsonl.gz --mb 50 --cpus 2 --fused-read
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

DEFAULT_PIPELINE = [
    {"op": "normalize_text"},
    {"op": "length_filter", "min_words": 5},
    {"op": "gopher_repetition"},
    {"op": "fineweb_quality"},
]


# ------------------------------------------------------------------ input
def build_inputs(corpora: list[str], mb: float, files: int, work: Path) -> tuple[Path, Path, float]:
    """One .jsonl.gz of about ``mb`` MB of JSONL (documents taken round-robin from the
    corpora, so English and Chinese mix) and the same lines split into ``files`` files."""
    readers = [gzip.open(p, "rt", encoding="utf-8") for p in corpora]
    target = int(mb * 1e6)
    lines: list[str] = []
    size = 0
    while size < target and readers:
        for r in list(readers):
            line = r.readline()
            if not line:
                readers.remove(r)
                r.close()
                continue
            if not line.strip():
                continue
            doc = json.loads(line)
            out = (
                json.dumps({"id": f"{len(lines)}", "text": doc.get("text") or ""}, ensure_ascii=False) + "\n"
            )
            lines.append(out)
            size += len(out.encode("utf-8"))
            if size >= target:
                break
    one = work / "one"
    many = work / "many"
    one.mkdir()
    many.mkdir()
    with gzip.open(one / "all.jsonl.gz", "wt", encoding="utf-8", compresslevel=6) as f:
        f.writelines(lines)
    per = max(1, -(-len(lines) // files))
    for i in range(files):
        chunk = lines[i * per : (i + 1) * per]
        if chunk:
            with gzip.open(many / f"part-{i:04d}.jsonl.gz", "wt", encoding="utf-8", compresslevel=6) as f:
                f.writelines(chunk)
    return one, many, size / 1e6


# ------------------------------------------------------------------ sampling
def _proc_stat() -> dict[str, tuple[int, int]]:
    """Per core: (busy ticks, total ticks) from /proc/stat."""
    out = {}
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith("cpu") and line[3].isdigit():
                name, *vals = line.split()
                v = [int(x) for x in vals]
                idle = v[3] + (v[4] if len(v) > 4 else 0)
                total = sum(v[:8])
                out[name] = (total - idle, total)
    return out


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        for c in children.get(pid, []):
            out.append(c)
            todo.append(c)
    return out


def ray_worker_stat(pid: int, tick: float) -> tuple[str, float] | None:
    """State letter and CPU seconds (user + system) of ``pid`` if it is a Ray worker process
    (``ray::...``); None for any other process or one that has gone."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            if not f.read(5).startswith(b"ray::"):
                return None
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return fields[0], (int(fields[11]) + int(fields[12])) / tick


def _worker_cpu(root: int) -> dict[int, float]:
    """CPU seconds (user + system) of every Ray worker process (``ray::...``) under ``root``."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in _descendants(root):
        stat = ray_worker_stat(pid, tick)
        if stat is not None:
            out[pid] = stat[1]
    return out


class Sampler(threading.Thread):
    """Samples core and worker CPU every ``interval`` seconds until stopped."""

    def __init__(self, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.stop_event = threading.Event()
        self.first_cores = self.last_cores = None
        self.worker_start: dict[int, float] = {}
        self.worker_last: dict[int, float] = {}
        self.t0 = self.t1 = 0.0

    def run(self) -> None:
        me = os.getpid()
        self.t0 = time.monotonic()
        self.first_cores = _proc_stat()
        self.worker_start = _worker_cpu(me)
        while not self.stop_event.wait(self.interval):
            for pid, cpu in _worker_cpu(me).items():
                self.worker_last[pid] = cpu
                self.worker_start.setdefault(pid, 0.0)  # started during the run: all its CPU counts
        self.last_cores = _proc_stat()
        self.t1 = time.monotonic()

    def stop(self) -> dict:
        self.stop_event.set()
        self.join()
        wall = self.t1 - self.t0
        cores = {}
        for name, (busy, total) in self.last_cores.items():
            b0, t0 = self.first_cores.get(name, (0, 0))
            cores[name] = round(100.0 * (busy - b0) / max(total - t0, 1), 1)
        per_worker = {
            pid: self.worker_last[pid] - self.worker_start.get(pid, 0.0) for pid in self.worker_last
        }
        busy_workers = sorted((round(v, 2) for v in per_worker.values() if v > 0.5), reverse=True)
        worker_cpu = sum(per_worker.values())
        return {
            "wall_s": wall,
            "core_util_pct": cores,
            "worker_cpu_s": worker_cpu,
            "busy_workers_cpu_s": busy_workers,
        }


# ------------------------------------------------------------------ run
def run_case(label: str, inp: Path, out: Path, mb: float, cpus: int, pipeline: list, block_mb: float) -> dict:
    from engine.executor import run_config

    cfg = {
        "name": f"cpu-{label}",
        "input": {"paths": [str(inp)], "format": "jsonl", "block_mb": block_mb},
        "output": {"path": str(out), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": pipeline,
    }
    sampler = Sampler()
    sampler.start()
    report = run_config(cfg)
    s = sampler.stop()
    util = s["core_util_pct"]
    return {
        "case": label,
        "input_mb": round(mb, 1),
        "docs": report["input_docs"],
        "wall_s": round(s["wall_s"], 2),
        "mb_per_s": round(mb / s["wall_s"], 2),
        "mb_per_s_per_core": round(mb / s["wall_s"] / cpus, 2),
        "worker_cores_in_use": round(s["worker_cpu_s"] / s["wall_s"], 2),
        "busy_worker_processes": len(s["busy_workers_cpu_s"]),
        "busy_workers_cpu_s": s["busy_workers_cpu_s"],
        "mean_core_util_pct": round(sum(util.values()) / max(len(util), 1), 1),
        "core_util_pct": util,
    }


def _fuse_read() -> None:
    """Drop the read tasks' ``memory`` argument (engine.read_plan.build_read) on the driver,
    where the plan is made: the read and the steps then have equal remote args and fuse."""
    import ray.data

    original = ray.data.Dataset.map_batches

    def map_batches(self, fn, *args, **kwargs):
        if type(fn).__name__ == "_ReadFn":
            kwargs.pop("memory", None)
        return original(self, fn, *args, **kwargs)

    ray.data.Dataset.map_batches = map_batches


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="+", help="JSONL .gz corpora to build the input from")
    ap.add_argument("--mb", type=float, default=50.0, help="MB of JSONL (uncompressed) to build")
    ap.add_argument("--files", type=int, default=32, help="small files of case (b)")
    ap.add_argument("--cpus", type=int, default=os.cpu_count() or 1, help="CPUs of the local Ray")
    ap.add_argument("--block-mb", type=float, default=4.0, help="input.block_mb")
    ap.add_argument("--pipeline", help="JSON list of steps (default: normalize, length, repetition, fineweb)")
    ap.add_argument("--engine-root", help="run the engine of another checkout (before/after comparisons)")
    ap.add_argument(
        "--fused-read",
        action="store_true",
        help="the previous plan, same code otherwise: the read declares no memory, so Ray Data fuses it with the steps",
    )
    ap.add_argument("--work", help="directory for inputs and outputs (default: a temporary one, removed)")
    args = ap.parse_args(argv)

    root = os.path.abspath(args.engine_root or Path(__file__).resolve().parents[1])
    sys.path.insert(0, root)
    import ray

    pipeline = json.loads(args.pipeline) if args.pipeline else DEFAULT_PIPELINE
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="cf-cpu-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        one, many, mb = build_inputs(args.corpora, args.mb, args.files, work)
        os.environ["PYTHONPATH"] = root + os.pathsep + os.environ.get("PYTHONPATH", "")
        os.chdir(root)  # Ray puts the driver's working directory on the workers' path too
        import engine

        if args.fused_read:
            _fuse_read()
        print(
            f"engine: {os.path.dirname(engine.__file__)}; {args.cpus} CPUs; {mb:.1f} MB JSONL",
            file=sys.stderr,
        )
        results = []
        for label, inp in (("one_gz_file", one), (f"{args.files}_gz_files", many)):
            # a fresh Ray per case: both start from cold workers (operator imports and models count alike)
            ray.init(address="local", num_cpus=args.cpus, include_dashboard=False, log_to_driver=False)
            try:
                res = run_case(label, inp, work / f"out-{label}", mb, args.cpus, pipeline, args.block_mb)
            finally:
                ray.shutdown()
            results.append(res)
            print(json.dumps(res), flush=True)
        print(
            f"{'case':<16} {'MB/s':>7} {'MB/s/core':>10} {'worker cores':>13} {'busy workers':>13} {'mean core %':>12}"
        )
        for r in results:
            print(
                f"{r['case']:<16} {r['mb_per_s']:>7} {r['mb_per_s_per_core']:>10} {r['worker_cores_in_use']:>13}"
                f" {r['busy_worker_processes']:>13} {r['mean_core_util_pct']:>12}"
            )
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
