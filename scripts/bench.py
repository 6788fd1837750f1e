"""Benchmarks: MB/s per core for the engine and each operator, beside a
reference measured in the same run. Prints JSON.

    python scripts/bench.py engine --corpus ../shared/corpora/en_web.jsonl.gz --size-mb 1000
    python scripts/bench.py normalize --corpus ../shared/corpora/en_web.jsonl.gz --corpus ../shared/corpora/zh_news.jsonl.gz
    python scripts/bench.py run --config configs/quickstart.yaml
    python scripts/bench.py quality|langid|minhash|pii|extract ...   (forwarded to scripts/bench_<name>.py)
    python scripts/bench.py overhead --config configs/quickstart.yaml   (phase breakdown, bench_overhead.py)
    python scripts/bench.py quality-chain --corpus ... --limit 0   (bench_quality.py --chain: the rule-filter chain vs datatrove)
    python scripts/bench.py quality-chain --corpus ... --scale 8   (the same on 8 copies of the corpus: fixed costs amortised)
    python scripts/bench.py quality-chain --corpus ... --warm   (also on a warm `corpusforge ray up` Ray, cold figure kept)

`engine`: an identity pipeline (JSONL in, Parquet out, no operators) over a
JSONL file of --size-mb built by repeating the corpus (unique ids), against
plain ``pyarrow.json.read_json`` + ``pyarrow.parquet.write_table`` on the
same file (the practical one-core ceiling). Also reports the driver's peak RSS.
`normalize`: ``normalize_text`` vs ``ftfy.fix_text`` on every document, with
a check that both give identical text.
`run`: any config end to end, per-step MB/s per core from the run report.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import runpy
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load_texts(paths: list[str], limit: int | None = None) -> list[dict]:
    rows = []
    for p in paths:
        opener = gzip.open if p.endswith(".gz") else open
        with opener(p, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rows.append(json.loads(line))
                    if limit and len(rows) >= limit:
                        return rows
    return rows


def build_jsonl(corpus: list[str], size_mb: float, path: Path) -> int:
    rows = load_texts(corpus)
    target = int(size_mb * 1e6)
    written = 0
    i = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < target:
            for r in rows:
                rec = {"id": f"d{i}", "text": r["text"], "url": r.get("url")}
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
                i += 1
                if written >= target:
                    break
    return written


def bench_engine(args) -> dict:
    import pyarrow.json as pajson
    import pyarrow.parquet as pq

    from engine.executor import run_config

    tmp = Path(args.workdir or tempfile.mkdtemp(prefix="cf-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    src = tmp / "input.jsonl"
    if not src.exists() or src.stat().st_size < args.size_mb * 1e6 * 0.95:
        build_jsonl(args.corpus, args.size_mb, src)
    size = src.stat().st_size
    mb = size / 1e6

    cores = args.cores or os.cpu_count()
    cfg = {
        "name": "bench-identity",
        "input": {"paths": [str(src)], "format": "jsonl", "block_mb": args.block_mb},
        "output": {"path": str(tmp / "out"), "format": "parquet", "overwrite": True},
        "ray": {"num_cpus": cores},
        "execution": {"progress": False},
        "pipeline": [],
    }
    import ray

    t0 = time.perf_counter()
    ray.init(address="local", num_cpus=cores, include_dashboard=False, logging_level="ERROR")
    ray_start_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    report = run_config(cfg)
    run_s = time.perf_counter() - t1
    ours_s = time.perf_counter() - t0
    ray.shutdown()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the reference loads the file
    t0 = time.perf_counter()
    table = pajson.read_json(str(src), read_options=pajson.ReadOptions(use_threads=False))
    pq.write_table(table, str(tmp / "ref.parquet"), compression="zstd")
    ref_s = time.perf_counter() - t0
    del table

    ours_per_core = mb / ours_s / cores
    ref_per_core = mb / ref_s
    return {
        "bench": "engine_identity",
        "input_mb": round(mb, 1),
        "docs": report["input_docs"],
        "cores": cores,
        "ours_seconds": round(ours_s, 2),
        "ours_mb_s_per_core": round(ours_per_core, 2),
        "ours_mb_s_total": round(mb / ours_s, 2),
        "ray_start_seconds": round(ray_start_s, 2),
        "ours_run_seconds_after_ray_start": round(run_s, 2),
        "ours_mb_s_per_core_after_ray_start": round(mb / run_s / cores, 2),
        "reference": "pyarrow.json.read_json (use_threads=False) + pyarrow.parquet.write_table, 1 core",
        "reference_seconds": round(ref_s, 2),
        "reference_mb_s_per_core": round(ref_per_core, 2),
        "ratio_per_core": round(ours_per_core / ref_per_core, 3),
        "driver_peak_rss_mb": round(rss_mb, 1),
        "accounting_ok": report["accounting_ok"],
        "note": "ours_mb_s_per_core includes Ray start-up, the report, card, HTML and manifest (SHA-256 of every output file)",
    }


def bench_normalize(args) -> dict:
    import ftfy
    import pyarrow as pa

    from operators.text.normalize import NormalizeText

    rows = load_texts(args.corpus, args.limit)
    texts = [r["text"] for r in rows]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    op = NormalizeText(
        ftfy=True,
        unicode_form="NFC",
        remove_control_chars=False,
        strip_trailing_spaces=False,
        max_blank_lines=None,
        strip=False,
    )
    table = pa.table({"id": [str(i) for i in range(len(texts))], "text": texts})
    t0 = time.perf_counter()
    out = op.transform(table)
    ours_s = time.perf_counter() - t0
    cfg = op._ftfy_config
    t0 = time.perf_counter()
    ref = [ftfy.fix_text(t, config=cfg) for t in texts]
    ref_s = time.perf_counter() - t0
    identical = out.column("text").to_pylist() == ref
    full = NormalizeText()
    t0 = time.perf_counter()
    full.transform(table)
    full_s = time.perf_counter() - t0
    return {
        "bench": "normalize_text",
        "docs": len(texts),
        "input_mb": round(mb, 2),
        "ours_ftfy_only_mb_s_per_core": round(mb / ours_s, 2),
        "ours_default_params_mb_s_per_core": round(mb / full_s, 2),
        "reference": "ftfy.fix_text on every document (same ftfy config)",
        "reference_mb_s_per_core": round(mb / ref_s, 2),
        "ratio_per_core": round(ref_s / ours_s, 1),
        "identical_to_fix_text": identical,
    }


def bench_run(args) -> dict:
    from engine.executor import run_config

    t0 = time.perf_counter()
    report = run_config(args.config, args.set, progress=False)
    wall = time.perf_counter() - t0
    cores = args.cores or os.cpu_count()
    mb = report["input_bytes"] / 1e6
    steps = []
    for op in report["ops"]:
        secs = op["seconds"] or 1e-9
        steps.append(
            {
                "step": op["name"],
                "mb_in": round(op["bytes_in"] / 1e6, 2),
                "mb_s_per_core": round(op["bytes_in"] / 1e6 / secs, 2),
                "task_seconds": secs,
            }
        )
    return {
        "bench": "run",
        "config": args.config,
        "input_mb": round(mb, 2),
        "wall_seconds": round(wall, 2),
        "end_to_end_mb_s_per_core": round(mb / wall / cores, 2),
        "cores": cores,
        "steps": steps,
        "accounting_ok": report["accounting_ok"],
    }


def main() -> None:
    if (
        len(sys.argv) > 1 and sys.argv[1] == "quality-chain"
    ):  # the four rule filters vs datatrove's, as a chain
        sys.argv[1:2] = ["quality", "--chain"]
    forwarded = ("quality", "langid", "minhash", "pii", "augment", "extract", "overhead")
    if len(sys.argv) > 1 and sys.argv[1] in forwarded:
        script = ROOT / "scripts" / f"bench_{sys.argv[1]}.py"
        sys.argv = [str(script)] + sys.argv[2:]
        runpy.run_path(str(script), run_name="__main__")
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("engine")
    e.add_argument("--corpus", action="append", required=True)
    e.add_argument("--size-mb", type=float, default=1000)
    e.add_argument("--block-mb", type=float, default=32)
    e.add_argument("--cores", type=int)
    e.add_argument("--workdir")
    n = sub.add_parser("normalize")
    n.add_argument("--corpus", action="append", required=True)
    n.add_argument("--limit", type=int)
    r = sub.add_parser("run")
    r.add_argument("--config", required=True)
    r.add_argument("--set", action="append", default=[])
    r.add_argument("--cores", type=int)
    args = ap.parse_args()
    result = {"engine": bench_engine, "normalize": bench_normalize, "run": bench_run}[args.cmd](args)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
