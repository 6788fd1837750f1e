"""Run a config and print where the time went: wall, MB/s per core end to end,
each step's MB/s per core (from the run's own report), and CPU utilisation.

    python scripts/run_profiled.py configs/standard_chain.yaml \
        --set 'input.paths=["../shared/corpora/*.jsonl.gz"]' --set output.path=/tmp/std --cpus 2

CPU utilisation is sampled from ``/proc`` while the run goes (the sampler of
``scripts/cpu_utilisation.py``): the Ray workers' CPU seconds per wall second
("worker cores in use") and each core's machine-wide utilisation, so other load
on the machine shows up in the latter. Input MB are the reader's text bytes
(``report.ops[0].bytes_in``, else the input files' sizes).
"""

from __future__ import annotations

import argparse
import json
import sys
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
    args = ap.parse_args(argv)

    import os

    from engine.config import load_config
    from engine.executor import run

    overrides = list(args.overrides) + ["execution.progress=false"]
    if args.cpus:
        overrides.append(f"ray.num_cpus={args.cpus}")
    cfg = load_config(args.config, overrides)
    cpus = args.cpus or os.cpu_count() or 1

    sampler = Sampler()
    sampler.start()
    report = run(cfg, restart=False)
    s = sampler.stop()

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
                "cpu_s": round(sec, 2),
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
        "steps": steps,
    }
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
