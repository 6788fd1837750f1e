"""CPU seconds of a warm run's whole process tree: the command, the warm driver's child that runs
it, and every process of the warm local Ray (head, raylet, workers), while it runs and after it
until the warm Ray is idle again (the job-less workers readied for the next run boot then).

    python scripts/bench_warm_tree.py configs/quickstart.yaml --runs 3 --cpus 2
    python scripts/bench_warm_tree.py configs/quickstart.yaml --runs 3 --ab CORPUSFORGE_WARM_WORKERS=1 --repeat 2

For each side (``--ab VAR=ON``: one side with ``VAR=ON`` (unset without ``=ON``), the other with
``VAR=0`` (``--off-value``), alternating
first side each pair) it starts a private ``corpusforge ray up`` (own ``CORPUSFORGE_RAY_DIR``, not
timed), runs the config ``--runs`` times with ``--ray auto`` and stops it: the measuring is
``scripts/bench_minhash.py``'s (``_warm_runs``: processes carrying the warm Ray's process token
plus the command's tree, sampled every 0.1 s). Per run it prints wall, ``cpu`` (while the command
ran), ``after`` (from its exit until idle), first block, kept documents; then medians per side of
the later runs (the first run after ``ray up`` finds the workers ``ray up`` prestarted).
CPU figures hold under load; wall figures do not (the load average is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _config(src: str, out: Path) -> Path:
    import yaml

    cfg = yaml.safe_load(Path(src).read_text())
    cfg.setdefault("output", {})["path"] = str(out / "out")
    cfg["output"]["overwrite"] = True
    for part in ("input",):  # relative input paths are read from the checkout (the runs' cwd)
        paths = cfg.get(part, {}).get("paths") or []
        cfg[part]["paths"] = [p if os.path.isabs(p) else str(ROOT / p) for p in paths]
    path = out / "config.json"
    path.write_text(json.dumps(cfg))
    return path


def one_side(config: str, runs: int, cpus: int, work: Path) -> dict:
    from bench_minhash import _warm_runs

    work.mkdir(parents=True, exist_ok=True)
    cfg = _config(config, work)
    res = _warm_runs({"run": cfg}, work, cpus, runs)
    rows = []
    for r in (res.get("run") or {}).get("runs") or []:
        rows.append(
            {
                "run": r["run"],
                "rc": r["rc"],
                "wall_s": r["wall_s"],
                "cpu_s": r["cpu_s"],
                "cpu_after_s": r["cpu_after_s"],
                "first_block_s": r.get("first_block_s"),
                "kept": r.get("kept"),
                "cpu_by_process": r.get("cpu_by_process"),
            }
        )
    return {"ray_up_rc": res.get("ray_up_rc"), "runs": rows, "load_avg_1m": round(os.getloadavg()[0], 2)}


def _median(rows: list[dict], key: str) -> float | None:
    vals = [r[key] for r in rows if r.get(key) is not None and r["rc"] == 0]
    return round(statistics.median(vals), 2) if vals else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("config")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cpus", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--ab", metavar="VAR[=ON]")
    ap.add_argument("--repeat", type=int, default=1, help="pairs of sides with --ab")
    ap.add_argument("--off-value", default="0", help="VAR's value on the other side of --ab (default 0)")
    ap.add_argument("--workdir")
    args = ap.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="warm_tree_"))
    sides: dict[str, list[dict]] = {}
    var, _, on = args.ab.partition("=") if args.ab else ("", "", "")
    before = os.environ.get(var) if var else None
    try:
        for i in range(args.repeat if var else 1):
            order = ("on", "off") if i % 2 == 0 else ("off", "on")
            for side in order if var else ("run",):
                if side == "off":
                    os.environ[var] = args.off_value
                elif side == "on":
                    if on:
                        os.environ[var] = on
                    else:
                        os.environ.pop(var, None)
                res = one_side(args.config, args.runs, args.cpus, work / f"{side}{i}")
                label = (
                    f"{var}={on or 'unset'}"
                    if side == "on"
                    else (f"{var}={args.off_value}" if side == "off" else "run")
                )
                for r in res["runs"]:
                    print(f"{label} pair {i + 1} load {res['load_avg_1m']}: {json.dumps(r)}", file=sys.stderr)
                sides.setdefault(label, []).extend(res["runs"])
    finally:
        if var:
            if before is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = before
    summary = {}
    for label, rows in sides.items():
        later = [r for r in rows if r["run"] > 1]
        summary[label] = {
            "first": {
                k: _median([r for r in rows if r["run"] == 1], k) for k in ("wall_s", "cpu_s", "cpu_after_s")
            },
            "later": {k: _median(later, k) for k in ("wall_s", "cpu_s", "cpu_after_s", "first_block_s")},
            "kept": sorted({r.get("kept") for r in rows}, key=str),
        }
        print(f"{label}: {json.dumps(summary[label])}", file=sys.stderr)
    print(json.dumps({"sides": sides, "summary": summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
