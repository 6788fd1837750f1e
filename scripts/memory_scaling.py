"""Peak memory of a corpusforge run at 1x and 4x input, and back-pressure.

Builds inputs of ``--base-mb`` x each factor (uncompressed JSONL, from the
given corpora, ids made unique per repetition) and runs a streaming pipeline
(normalize_text + length_filter) on each, every run in a fresh process with
its own embedded Ray. While it runs, a sampler polls every 0.25 s:

* the driver's RSS;
* every Ray worker process (``ray::*``): its RSS and USS (private memory; RSS
  also counts the object-store pages a worker maps);
* the raylet's RSS (on Linux the object store's shared pages are accounted
  to the workers that map them, so the workers' summed RSS is where object-store
  growth would show).

Streaming means the peaks stay flat when the input grows. The back-pressure
run adds a deliberately slow operator (``--slow-seconds`` per block): reading
is then far faster than processing, and the object store use shows whether
read blocks pile up (they should not: Ray Data stops scheduling reads when
the downstream queue is full).

    python scripts/memory_scaling.py --corpus /work/shared/corpora/en_web.jsonl.gz \
        --corpus /work/shared/corpora/zh_news.jsonl.gz --base-mb 100 --factors 1 4

Prints JSON. Figures are measurements, never asserted in tests.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


# ---------------------------------------------------------------- inputs
def build_input(corpora: list[str], mb: float, out_dir: Path, file_mb: float = 32.0) -> dict:
    """Write ``mb`` MB of JSONL (files of ``file_mb``) cycling over the corpora."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = int(mb * 1e6)
    per_file = int(file_mb * 1e6)
    written = docs = rep = part = 0
    fh = None
    size_in_file = 0
    while written < target:
        for path in corpora:
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rb") as src:
                for line in src:
                    if written >= target:
                        break
                    obj = json.loads(line)
                    obj["id"] = f"{obj.get('id')}-r{rep}"
                    data = (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")
                    if fh is None or size_in_file >= per_file:
                        if fh:
                            fh.close()
                        fh = open(out_dir / f"part-{part:04d}.jsonl", "wb")  # noqa: SIM115 - rotated, closed below
                        part += 1
                        size_in_file = 0
                    fh.write(data)
                    size_in_file += len(data)
                    written += len(data)
                    docs += 1
            if written >= target:
                break
        rep += 1
    if fh:
        fh.close()
    return {"mb": round(written / 1e6, 1), "docs": docs, "files": part}


# ---------------------------------------------------------------- sampling
class Sampler(threading.Thread):
    """Polls the driver and the processes of *this run's* Ray (descendants of
    the driver: the embedded Ray's raylet and its workers), never other Ray
    instances on the machine."""

    def __init__(self, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.stop_event = threading.Event()
        self.driver_peak = 0
        self.worker_rss: dict[int, int] = {}
        self.worker_uss: dict[int, int] = {}
        self.workers_total_peak = 0
        self.raylet_peak = 0

    def run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self.stop_event.wait(self.interval):
            self.driver_peak = max(self.driver_peak, me.memory_info().rss)
            total = 0
            for proc in me.children(recursive=True):
                try:
                    title = " ".join(proc.cmdline())
                    if "raylet/raylet" in title:
                        self.raylet_peak = max(self.raylet_peak, proc.memory_info().rss)
                        continue
                    if not title.startswith("ray::"):
                        continue
                    mem = proc.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                    continue
                self.worker_rss[proc.pid] = max(self.worker_rss.get(proc.pid, 0), mem.rss)
                self.worker_uss[proc.pid] = max(self.worker_uss.get(proc.pid, 0), mem.uss)
                total += mem.rss
            self.workers_total_peak = max(self.workers_total_peak, total)

    def stop(self) -> dict:
        self.stop_event.set()
        self.join(timeout=10)
        mb = 1024 * 1024
        return {
            "driver_peak_rss_mb": round(self.driver_peak / mb, 1),
            "worker_peak_rss_mb": round(max(self.worker_rss.values(), default=0) / mb, 1),
            "worker_peak_uss_mb": round(max(self.worker_uss.values(), default=0) / mb, 1),
            "workers_total_peak_rss_mb": round(self.workers_total_peak / mb, 1),
            "workers_seen": len(self.worker_rss),
            "raylet_peak_rss_mb": round(self.raylet_peak / mb, 1),
        }


# ---------------------------------------------------------------- one run (child process)
def _slow_operator():
    from engine import Mapper, OpParams

    class SlowParams(OpParams):
        seconds: float = 0.5

    class SlowMapper(Mapper):
        """Sleeps per batch, changes nothing: a stand-in for a slow operator (PII, a model)."""

        name: ClassVar[str] = "slow_mapper"
        Params: ClassVar[type[OpParams]] = SlowParams

        def transform(self, table):
            time.sleep(self.params.seconds)
            return table

    return SlowMapper


def measure(args: argparse.Namespace) -> dict:
    from ray import cloudpickle

    import engine.config

    slow = _slow_operator()
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    engine.config.register_operator(slow)
    from engine.executor import run_config

    pipeline = [{"op": "normalize_text"}, {"op": "length_filter", "min_words": 5}]
    if args.slow_seconds:
        pipeline.insert(
            1, {"op": "slow_mapper", "seconds": args.slow_seconds, "resources": {"concurrency": 1}}
        )
    cfg = {
        "name": "memory",
        "input": {"paths": [args.input], "block_mb": args.block_mb},
        "output": {"path": args.output, "overwrite": True, "removed": "none"},
        "ray": {"num_cpus": args.num_cpus, "object_store_mb": args.object_store_mb},
        "execution": {"progress": False},
        "report": {"html": False},
        "card": {"enabled": False},
        "pipeline": pipeline,
    }
    sampler = Sampler()
    sampler.start()
    t0 = time.time()
    report = run_config(cfg)
    seconds = time.time() - t0
    figures = sampler.stop()
    figures.update(
        {
            "seconds": round(seconds, 1),
            "input_docs": report["input_docs"],
            "output_docs": report["output_docs"],
        }
    )
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--corpus", action="append", required=False, help="JSONL(.gz) corpus with id,text (repeatable)"
    )
    ap.add_argument("--base-mb", type=float, default=100.0)
    ap.add_argument("--factors", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--num-cpus", type=int, default=2)
    ap.add_argument("--object-store-mb", type=int, default=1024)
    ap.add_argument("--block-mb", type=float, default=32.0)
    ap.add_argument("--file-mb", type=float, default=32.0, help="size of each generated input file")
    ap.add_argument(
        "--slow-seconds", type=float, default=0.5, help="per-block delay of the back-pressure run"
    )
    ap.add_argument("--no-backpressure", action="store_true")
    ap.add_argument(
        "--work-dir", default=None, help="where inputs/outputs go (default: a temporary directory)"
    )
    # internal: one measured run
    ap.add_argument("--_child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--output", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._child:
        print("FIGURES " + json.dumps(measure(args)), flush=True)
        return
    if not args.corpus:
        ap.error("--corpus is required")
    work = Path(args.work_dir or tempfile.mkdtemp(prefix="cf-memory-"))

    def child(inp: Path, out: Path, slow: float) -> dict:
        cmd = [
            sys.executable, __file__, "--_child", "--input", str(inp), "--output", str(out),
            "--num-cpus", str(args.num_cpus), "--object-store-mb", str(args.object_store_mb),
            "--block-mb", str(args.block_mb), "--slow-seconds", str(slow),
        ]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("FIGURES ")]
        if proc.returncode or not lines:
            raise SystemExit(f"measured run failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
        return json.loads(lines[-1][len("FIGURES ") :])

    result: dict = {
        "block_mb": args.block_mb,
        "num_cpus": args.num_cpus,
        "object_store_mb": args.object_store_mb,
        "runs": {},
    }
    for factor in args.factors:
        inp = work / f"in-{factor}x"
        built = build_input(args.corpus, args.base_mb * factor, inp, args.file_mb)
        figures = child(inp, work / f"out-{factor}x", 0.0)
        result["runs"][f"{factor}x"] = {"input": built, **figures}
    if not args.no_backpressure:
        inp = work / f"in-{args.factors[0]}x"
        figures = child(inp, work / "out-slow", args.slow_seconds)
        result["backpressure"] = {
            "slow_seconds_per_block": args.slow_seconds,
            "input_mb": result["runs"][f"{args.factors[0]}x"]["input"]["mb"],
            **figures,
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
