"""The engine's own cost: an identity run (``pipeline: []``, JSONL in, Parquet out)
against single-core pyarrow ``read_json`` + ``write_table`` on the same file, in
one script, measured in CPU seconds so that other load on the machine does not
distort the ratio (wall seconds are printed too).

    python scripts/bench_identity.py --corpus ../shared/corpora/*.jsonl.gz --mb 52 --gzip --workdir /tmp/cfb
    python scripts/bench_identity.py --corpus ../shared/corpora/*.jsonl.gz --mb 1000 --workdir /tmp/cfb

The input is built under ``--workdir`` (never in the project) by repeating the
corpora's documents with unique ids. Ray is started before the measured part
(its start-up is ``scripts/bench.py overhead``'s business). Measured:

* ``engine_cpu_s``: CPU seconds of the driver (this process, all threads) plus
  every Ray process under it (workers, Ray Data's own actors), from ``/proc``,
  over the run; per process name as well, so the engine's work (``ray::IDLE``,
  ``ray::MapBatches...``, ``ray::Write``) shows apart from Ray's bookkeeping;
* ``reference_cpu_s``: the same file through ``pyarrow.json.read_json``
  (``use_threads=False``) and ``pyarrow.parquet.write_table`` (zstd), in this process;
* ``ratio_cpu``: reference CPU / engine CPU, i.e. the engine's MB per CPU-second
  as a fraction of pyarrow's (issue 19's "identity ratio per core": goal >= 0.5);
* ``end_of_run``: the seconds of each end-of-run piece (report ``end_of_run``);
* with ``--repeat N``, a last line with the medians of both CPU figures and their ratio.

With ``--cli`` no Ray is started here: each engine run is ``python -m engine.cli run`` in a
child process, as a user runs it (its own lean head, no Ray Data helper actors:
engine/ray_lean.py), and ``engine_cpu_s`` is the CPU of that child's whole process tree,
sampled every 0.2 s (scripts/bench_incremental.py TreeMeter): imports and Ray's start-up
included.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_input(corpora: list[str], mb: float, path: Path, compress: bool) -> float:
    """About ``mb`` MB (uncompressed) of JSONL: the corpora's documents repeated, unique ids."""
    rows = []
    for p in corpora:
        with gzip.open(p, "rt", encoding="utf-8") if p.endswith(".gz") else open(p, encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    target, written, i = mb * 1e6, 0, 0
    opener = (
        gzip.open(path, "wt", encoding="utf-8", compresslevel=6)
        if compress
        else open(path, "w", encoding="utf-8")
    )
    with opener as out:
        while written < target:
            r = rows[i % len(rows)]
            line = (
                json.dumps({"id": f"d{i}", "text": r["text"], "url": r.get("url")}, ensure_ascii=False) + "\n"
            )
            out.write(line)
            written += len(line.encode("utf-8"))
            i += 1
    return written / 1e6


def _tree_cpu(root: int) -> dict[int, tuple[str, float]]:
    """(name, CPU seconds) of every process under ``root`` (not ``root`` itself)."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stats[int(entry)] = f.read()
            except OSError:
                continue
    for pid, st in stats.items():
        children.setdefault(int(st[st.rindex(")") + 2 :].split()[1]), []).append(pid)
    out, todo = {}, [root]
    while todo:
        for pid in children.get(todo.pop(), []):
            todo.append(pid)
            st = stats[pid]
            fields = st[st.rindex(")") + 2 :].split()
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    name = f.read().split(b"\0")[0].decode(errors="replace")
            except OSError:
                name = "?"
            name = name if name.startswith("ray::") else Path(name).name or "?"
            out[pid] = (name, (int(fields[11]) + int(fields[12])) / tick)
    return out


def run_engine(src: Path, out: Path, cores: int, block_mb: float) -> dict:
    from engine import products
    from engine.executor import run_config

    finished: dict = {}
    original = products.finish

    def finish(*args, **kwargs):
        report = original(*args, **kwargs)
        finished.update(report.get("end_of_run", {}))
        return report

    products.finish = finish
    cfg = {
        "name": "bench-identity",
        "input": {"paths": [str(src)], "format": "jsonl", "block_mb": block_mb},
        "output": {"path": str(out), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": [],
    }
    me = os.getpid()
    before = _tree_cpu(me)
    c0, w0 = time.process_time(), time.perf_counter()
    report = run_config(cfg)
    wall = time.perf_counter() - w0
    driver = time.process_time() - c0
    after = _tree_cpu(me)
    products.finish = original
    by_name: dict[str, float] = {}
    for pid, (name, cpu) in after.items():
        spent = cpu - before.get(pid, (name, 0.0))[1]
        if spent > 0:
            by_name[name] = round(by_name.get(name, 0.0) + spent, 2)
    workers = sum(by_name.values())
    return {
        "wall_s": round(wall, 2),
        "driver_cpu_s": round(driver, 2),
        "ray_processes_cpu_s": round(workers, 2),
        "engine_cpu_s": round(driver + workers, 2),
        "cpu_by_process": dict(sorted(by_name.items(), key=lambda kv: -kv[1])),
        "docs": report["input_docs"],
        "accounting_ok": report["accounting_ok"],
        "end_of_run": finished,
    }


def run_engine_cli(src: Path, out: Path, cores: int, block_mb: float) -> dict:
    """The identity run as a user runs it: ``python -m engine.cli run`` in a child process,
    CPU seconds of its whole process tree (driver, its Ray head, workers)."""
    import subprocess

    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_incremental import TreeMeter

    cfg = {
        "name": "bench-identity",
        "input": {"paths": [str(src)], "format": "jsonl", "block_mb": block_mb},
        "output": {"path": str(out), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "ray": {"num_cpus": cores},
        "pipeline": [],
    }
    cfg_path = out.parent / "bench-identity-cli.json"
    cfg_path.write_text(json.dumps(cfg))
    w0 = time.perf_counter()
    with open(out.parent / "bench-identity-cli.log", "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "engine.cli", "run", str(cfg_path)],
            cwd=str(ROOT),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        meter = TreeMeter(proc.pid)
        meter.start()
        rc = proc.wait()
    wall = time.perf_counter() - w0
    meter.stop.set()
    meter.join()
    if rc != 0:
        raise SystemExit(f"engine.cli run failed (rc {rc}): {out.parent / 'bench-identity-cli.log'}")
    report = json.loads((out / "report.json").read_text())
    return {
        "wall_s": round(wall, 2),
        "engine_cpu_s": round(sum(meter.cpu.values()), 2),
        "peak_rss_mb": meter.rss >> 20,
        "phases": {p["phase"]: p["seconds"] for p in report.get("phases") or []},
        "docs": report["input_docs"],
        "accounting_ok": report["accounting_ok"],
        "end_of_run": report.get("end_of_run", {}),
    }


def run_reference(src: Path, out: Path) -> dict:
    import pyarrow.json as pajson
    import pyarrow.parquet as pq

    c0, w0 = time.process_time(), time.perf_counter()
    if src.suffix == ".gz":
        with gzip.open(src, "rb") as f:
            source = io.BytesIO(f.read())
    else:
        source = str(src)
    table = pajson.read_json(source, read_options=pajson.ReadOptions(use_threads=False))
    pq.write_table(table, str(out), compression="zstd")
    return {"wall_s": round(time.perf_counter() - w0, 2), "cpu_s": round(time.process_time() - c0, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", nargs="+", required=True)
    ap.add_argument("--mb", type=float, default=52.0, help="uncompressed MB of JSONL to build")
    ap.add_argument(
        "--gzip", action="store_true", help="build .jsonl.gz (one read unit) instead of plain .jsonl"
    )
    ap.add_argument("--workdir", required=True, help="where the input and outputs go (outside the project)")
    ap.add_argument("--cpus", type=int, default=os.cpu_count())
    ap.add_argument("--block-mb", type=float, default=32.0)
    ap.add_argument("--repeat", type=int, default=1, help="engine and reference alternately, this many times")
    ap.add_argument(
        "--cli",
        action="store_true",
        help="each engine run as `python -m engine.cli run` in a child process (start-up included)",
    )
    args = ap.parse_args(argv)

    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    src = work / (f"identity-{args.mb:g}mb.jsonl" + (".gz" if args.gzip else ""))
    mb = build_input(args.corpus, args.mb, src, args.gzip) if not src.exists() else args.mb
    import ray

    if not args.cli:
        ray.init(num_cpus=args.cpus, include_dashboard=False, logging_level="ERROR")
    try:
        rows = []
        for _ in range(args.repeat):
            run = run_engine_cli if args.cli else run_engine
            engine = run(src, work / "out", args.cpus, args.block_mb)
            ref = run_reference(src, work / "reference.parquet")
            rows.append(
                {
                    "input_mb": round(mb, 1),
                    "input_file_mb": round(src.stat().st_size / 1e6, 1),
                    "cpus": args.cpus,
                    "engine": engine,
                    "reference": ref,
                    "ratio_cpu": round(ref["cpu_s"] / engine["engine_cpu_s"], 3),
                    "ratio_wall_per_core": round(ref["wall_s"] / (engine["wall_s"] * args.cpus), 3),
                    "load_avg_1m": os.getloadavg()[0],
                    "engine_run": "engine.cli run, child process"
                    if args.cli
                    else "run_config, Ray started here",
                }
            )
            print(json.dumps(rows[-1]), flush=True)
        if len(rows) > 1:  # CPU seconds of the same work swing by a quarter on a loaded machine
            engine_cpu = statistics.median(r["engine"]["engine_cpu_s"] for r in rows)
            reference_cpu = statistics.median(r["reference"]["cpu_s"] for r in rows)
            summary = {
                "runs": len(rows),
                "median_engine_cpu_s": engine_cpu,
                "median_reference_cpu_s": reference_cpu,
                "ratio_of_medians": round(reference_cpu / engine_cpu, 3),
                "ratio_cpu_range": [min(r["ratio_cpu"] for r in rows), max(r["ratio_cpu"] for r in rows)],
            }
            print(json.dumps(summary), flush=True)
    finally:
        ray.shutdown()
        shutil.rmtree(work / "out", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
