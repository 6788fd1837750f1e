"""Where a run's wall time goes: the phase breakdown of real ``corpusforge run``
commands, from each run's report (``phases``, engine/phases.py) and the
command's own wall time measured from outside.

    python scripts/bench.py overhead --config configs/quickstart.yaml
    python scripts/bench.py overhead --minhash --corpus ../shared/corpora/en_docs.jsonl.gz --size-mb 110
    python scripts/bench.py overhead --identity --corpus ../shared/corpora/en_web.jsonl.gz --size-mb 1000
    ... --warm      (first `corpusforge ray up`, runs with --ray auto, `ray down` at the end)
    ... --repeat N  (N runs of each; the table shows each)

Each run is the ``corpusforge`` command in a fresh process, so the phases
start at the process's start: ``imports`` (Python and the engine's modules),
``config`` (listing, output checks), ``ray_start``, ``first_block`` (the first
input block read), one row per global stage (with the stage's own phases),
``stream`` (per-document steps and writing after the last stage),
``end_of_run`` (up to the report), and ``after_report`` (HTML, card, manifest,
Ray shutdown, process exit: the command's wall time minus the report's end);
the end of run's pieces (``report["end_of_run"]``, engine/products.py) below.

``--identity`` also runs the reference: single-core ``pyarrow.json.read_json``
+ ``pyarrow.parquet.write_table`` on the same file, and prints MB/s per core
of both (ours over the command's whole wall time and over its cores).
``cpu_s`` is the CPU time of the command and the processes it waited for
(``RUSAGE_CHILDREN``: the driver, and Ray's daemons it reaped); Ray's workers
are not children of the command and are not in it. ``cpu_tree_s`` counts every
process that inherited the command's environment (a marker variable, as
``scripts/bench_startup.py`` does): on a cold run the driver, GCS, raylet,
agents and workers; on a warm one only the command. Prints the table to stderr
and JSON to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def command_env(warm: bool, mark: str, token: str) -> dict[str, str]:
    """The command's environment: on a cold run the marker that tags every process of its tree
    (``cpu_tree_s``). Not on a warm one: the warm driver serves a run only when the variables
    that modules may read as they load equal its own (engine/warm_driver.py ``_import_env``, every
    ``CORPUSFORGE_*``), so a marker there made every ``--warm`` run unserved (the command then
    imported the engine itself); its CPU is the command's alone (``cpu_s``) either way."""
    env = {k: v for k, v in os.environ.items() if k != mark}
    if not warm:
        env[mark] = token
    return env


def run_command(config: Path, sets: list[str], warm: bool) -> dict:
    """One ``corpusforge run`` in a fresh process, once the machine is idle: wall, CPU, the
    report's phases."""
    cmd = [sys.executable, "-m", "engine.cli", "run", str(config), "--json", "--no-progress"]
    for s in sets:
        cmd += ["--set", s]
    if warm:
        cmd += ["--ray", "auto"]
    from bench_startup import MARK, _cpu, _marked
    from machine_idle import wait_until_idle

    settle_s = wait_until_idle()  # not in the tail of what ran before (scripts/machine_idle.py)
    token = uuid.uuid4().hex
    needle = f"{MARK}={token}".encode()
    seen: dict[int, float] = {}  # every process carrying the token: its last CPU seconds seen
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in _marked(needle):
                c = _cpu(pid)
                if c is not None:
                    seen[pid] = max(seen.get(pid, 0.0), c)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    sampler.start()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=command_env(warm, MARK, token))
    wall = time.time() - t0
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}): {proc.stdout}\n{proc.stderr}")
    summary = json.loads(proc.stdout)
    report = json.loads(Path(summary["report"]).read_text())
    phases = list(report.get("phases") or [])
    end = phases[-1]["start_s"] + phases[-1]["seconds"] if phases else 0.0
    # the report's offsets count from the process's start, a hair before t0 is not possible: clamp
    phases.append(
        {"phase": "after_report", "start_s": round(end, 3), "seconds": round(max(wall - end, 0.0), 3)}
    )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall_s": round(wall, 2),
        "settle_s": settle_s,
        "cpu_s": round(cpu, 2),
        # every process that inherited the command's environment (cold: driver, GCS, raylet, agents,
        # workers), sampled every 0.05 s; warm: the command only (the warm Ray's processes and the
        # warm driver's child predate it: scripts/bench_warm_tree.py counts those)
        "cpu_tree_s": round(max(sum(seen.values()), cpu), 2),
        "first_block_s": report.get("first_block_s"),
        "report_seconds": report["seconds"],
        "input_docs": report["input_docs"],
        "input_mb": round(report.get("input_bytes", 0) / 1e6, 2),
        "accounting_ok": report["accounting_ok"],
        "phases": phases,
        "end_of_run_pieces": report.get("end_of_run") or {},  # engine/products.py: seconds of each piece
    }


def print_table(label: str, run: dict) -> None:
    err = sys.stderr
    print(
        f"\n{label}: wall {run['wall_s']:.2f} s, first block at {run['first_block_s']} s, "
        f"cpu {run['cpu_s']:.2f} s (command + reaped children), {run['cpu_tree_s']:.2f} s (process tree), "
        f"{run['input_docs']:,} docs",
        file=err,
    )
    for p in run["phases"]:
        share = 100.0 * p["seconds"] / run["wall_s"] if run["wall_s"] else 0.0
        print(f"  {p['phase']:<28} {p['start_s']:>8.2f} {p['seconds']:>8.2f} s  {share:5.1f}%", file=err)
        for name, secs in (p.get("phases") or {}).items():
            print(f"      {name:<24} {'':>8} {secs:>8.2f} s", file=err)
    pieces = ", ".join(f"{k} {v:.2f}" for k, v in run["end_of_run_pieces"].items())
    if pieces:
        print(f"  end of run, by piece (s): {pieces}", file=err)


def write_config(tmp: Path, name: str, src: Path, pipeline: list, cores: int | None) -> Path:
    cfg = {
        "name": name,
        "input": {"paths": [str(src)], "format": "jsonl"},
        "output": {"path": str(tmp / f"out-{name}"), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": pipeline,
    }
    if cores:
        cfg["ray"] = {"num_cpus": cores}
    path = tmp / f"{name}.json"
    path.write_text(json.dumps(cfg))
    return path


def reference_identity(src: Path, tmp: Path) -> float:
    """Seconds of single-core pyarrow read_json + write_table (zstd) on ``src``."""
    import pyarrow.json as pajson
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    table = pajson.read_json(str(src), read_options=pajson.ReadOptions(use_threads=False))
    pq.write_table(table, str(tmp / "ref.parquet"), compression="zstd")
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="phase breakdown of corpusforge runs (start, first block, stages, end)"
    )
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--config", help="any config, run as is (with --set overrides)")
    what.add_argument("--minhash", action="store_true", help="minhash_dedup (14 bands x 8 rows, no verify)")
    what.add_argument("--identity", action="store_true", help="pipeline: [] vs single-core pyarrow")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--corpus", action="append", help="JSONL(.gz) corpora to build the input from")
    ap.add_argument("--size-mb", type=float, default=110)
    ap.add_argument("--cores", type=int)
    ap.add_argument("--warm", action="store_true", help="run against `corpusforge ray up`")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--workdir")
    args = ap.parse_args(argv)

    tmp = Path(args.workdir or tempfile.mkdtemp(prefix="cf-overhead-"))
    tmp.mkdir(parents=True, exist_ok=True)
    if args.config:
        config, label = Path(args.config).resolve(), Path(args.config).name
    else:
        if not args.corpus:
            ap.error("--minhash and --identity need --corpus")
        from scripts.bench import build_jsonl

        src = tmp / f"input-{int(args.size_mb)}mb.jsonl"
        if not src.exists() or src.stat().st_size < args.size_mb * 1e6 * 0.95:
            build_jsonl(args.corpus, args.size_mb, src)
        if args.minhash:
            pipeline = [{"op": "minhash_dedup", "bands": 14, "rows": 8, "verify": False, "index": False}]
            label = f"minhash {args.size_mb:.0f} MB"
        else:
            pipeline, label = [], f"identity {args.size_mb:.0f} MB"
        config = write_config(tmp, "minhash" if args.minhash else "identity", src, pipeline, args.cores)

    env_dir = None
    if args.warm:
        env_dir = tempfile.mkdtemp(prefix="cfr", dir="/tmp")
        os.environ["CORPUSFORGE_RAY_DIR"] = env_dir
        up_cmd = [sys.executable, "-m", "engine.cli", "ray", "up"] + (
            [f"--num-cpus={args.cores}"] if args.cores else []
        )
        t0 = time.time()
        subprocess.run(up_cmd, cwd=ROOT, check=True, capture_output=True)
        print(f"ray up: {time.time() - t0:.2f} s", file=sys.stderr)
    runs = []
    try:
        for i in range(args.repeat):
            run = run_command(config, args.set, args.warm)
            print_table(f"{label} ({'warm' if args.warm else 'cold'} Ray, run {i + 1})", run)
            runs.append(run)
    finally:
        if env_dir:
            subprocess.run([sys.executable, "-m", "engine.cli", "ray", "down"], cwd=ROOT, capture_output=True)
            shutil.rmtree(env_dir, ignore_errors=True)
    result: dict = {"bench": "overhead", "what": label, "ray": "warm" if args.warm else "cold", "runs": runs,
                    "load_avg_1m": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()}  # fmt: skip
    if args.identity:
        ref_s = reference_identity(src, tmp)
        mb = src.stat().st_size / 1e6
        cores = args.cores or os.cpu_count() or 1
        best = min(r["wall_s"] for r in runs)
        result["reference"] = (
            "pyarrow.json.read_json (use_threads=False) + pyarrow.parquet.write_table, 1 core"
        )
        result["reference_s"] = round(ref_s, 2)
        result["ours_mb_s_per_core"] = round(mb / best / cores, 2)
        result["reference_mb_s_per_core"] = round(mb / ref_s, 2)
        result["ratio_per_core"] = round((mb / best / cores) / (mb / ref_s), 3)
        print(
            f"\nreference {ref_s:.2f} s; per core: ours {result['ours_mb_s_per_core']} MB/s, "
            f"pyarrow {result['reference_mb_s_per_core']} MB/s, ratio {result['ratio_per_core']}",
            file=sys.stderr,
        )
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
