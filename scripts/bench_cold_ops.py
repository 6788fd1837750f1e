"""Cold cost of the text and quality operators in a fresh Python process (a new Ray worker's view).

For each operator (and the whole chain), a fresh ``python`` subprocess first
imports what a task worker already holds before it runs a step (numpy,
pyarrow, pydantic, the engine's operator contract and runner) and reads the
documents, then measures, each as CPU seconds (``time.process_time``) and
wall seconds:

* ``import``: importing the operator's module;
* ``setup``: building the operator at its defaults and its ``setup()``;
* ``batch1``: the first batch of ``--batch`` real documents;
* ``batch2``: the next batch (other documents), i.e. the warm cost.

``cold`` is import + setup + (batch1 - batch2): what a fresh worker pays
before it runs at warm speed. Caches on disk (numba's kernel cache, the
tokenizer tables in the user cache dir) are used as a worker finds them; run
once beforehand to fill them. Each operator runs ``--repeat`` times in new
processes and the minimum of each figure is printed (CPU time does not count
other processes' load; wall time does).

    python scripts/bench_cold_ops.py --corpus ../shared/corpora/en_docs.jsonl.gz \
        --corpus ../shared/corpora/zh_news.jsonl.gz [--ops normalize_text,language_id] [--repeat 3]

``--probe`` adds the cost of bare imports a worker may pay (numba, ftfy,
rjieba, fastText's model load). ``--compare-root DIR`` runs every figure also
with the code of another checkout (``git worktree add DIR <commit>``),
alternating the two runs by run, so both see the same machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

OPS = {
    "normalize_text": ("operators.text.normalize", "NormalizeText"),
    "language_id": ("operators.text.language", "LanguageId"),
    "length_filter": ("operators.quality.length", "LengthFilter"),
    "gopher_repetition": ("operators.quality.gopher", "GopherRepetition"),
    "gopher_quality": ("operators.quality.gopher", "GopherQuality"),
    "c4_quality": ("operators.quality.c4", "C4Quality"),
    "fineweb_quality": ("operators.quality.fineweb", "FineWebQuality"),
}
CHAIN = list(OPS)  # the chain: every operator above, in this order, on the same batches

# What runs in the fresh process. argv: corpus, ops (comma-separated), batch size, language.
CHILD = r"""
import gzip, importlib, json, sys, time
import numpy, pyarrow, pyarrow.compute, pydantic  # a worker holds these before its first step
from engine import columns, operator, runner

corpus, names, batch, language = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3]), sys.argv[4]
ops = json.loads(sys.argv[5])
texts = []
with gzip.open(corpus, "rt", encoding="utf-8") as f:
    for line in f:
        t = json.loads(line).get("text") or ""
        if t:
            texts.append(t)
        if len(texts) >= 2 * batch:
            break
tables = [
    columns.add_engine_columns(pyarrow.table({"id": [str(i) for i in range(k * batch, (k + 1) * batch)],
                                              "text": texts[k * batch:(k + 1) * batch]}), "bench", 0)
    for k in range(2)
]

def clock():
    return time.process_time(), time.perf_counter()

def since(t):
    c, w = clock()
    return [round(c - t[0], 4), round(w - t[1], 4)]

out = {}
t = clock()
classes = [getattr(importlib.import_module(ops[n][0]), ops[n][1]) for n in names]
out["import"] = since(t)
t = clock()
built = []
for n, cls in zip(names, classes):
    kw = {"language": language} if "language" in cls.Params.model_fields else {}
    op = cls(cls.Params(**kw))
    runner.start(op, None)
    built.append((n, op))
out["setup"] = since(t)
for k, table in enumerate(tables, 1):
    t = clock()
    for n, op in built:
        table = runner.run_operator(op, table, n)
        table, _ = columns.split_live(table)
    out[f"batch{k}"] = since(t)
    out[f"kept{k}"] = table.num_rows
print(json.dumps(out))
"""

PROBE = r"""
import json, sys, time
def clock():
    return time.process_time(), time.perf_counter()
def since(t):
    c, w = clock()
    return [round(c - t[0], 4), round(w - t[1], 4)]
import numpy, pyarrow
out = {}
for name in sys.argv[1].split(","):
    t = clock()
    if name == "fasttext_load":
        from operators._fasttext import FastTextModel, bundled_lid_model
        FastTextModel(bundled_lid_model())
    else:
        __import__(name)
    out[name] = since(t)
print(json.dumps(out))
"""
PROBES = "numba,ftfy,rjieba,fasttext_load"


def run_child(code: str, args: list[str], root: Path = ROOT) -> dict:
    env = dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=root, check=False
    )
    if r.returncode != 0:
        raise RuntimeError(f"child failed ({r.returncode}): {r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def best(runs: list[dict]) -> dict:
    """Per figure, the run with the least CPU (and its wall)."""
    out = {}
    for key in runs[0]:
        vals = [r[key] for r in runs]
        out[key] = min(vals, key=lambda v: v[0]) if isinstance(vals[0], list) else vals[0]
    cold = out["import"][0] + out["setup"][0] + max(0.0, out["batch1"][0] - out["batch2"][0])
    out["cold_cpu"] = round(cold, 4)
    return out


def language_of(corpus: str) -> str:
    name = Path(corpus).name
    return "zh" if name.startswith("zh") else "ja" if name.startswith("ja") else "en"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", required=True, help="JSONL(.gz) with a text field")
    ap.add_argument(
        "--ops", default=",".join(OPS) + ",chain", help="operators (and 'chain'), comma-separated"
    )
    ap.add_argument("--batch", type=int, default=200, help="documents per batch")
    ap.add_argument("--repeat", type=int, default=3, help="fresh processes per figure (minimum CPU kept)")
    ap.add_argument("--probe", action="store_true", help="also time bare imports: " + PROBES)
    ap.add_argument("--compare-root", help="another checkout: each figure also with its code, interleaved")
    args = ap.parse_args()
    ops = json.dumps(OPS)
    corpora = [str(Path(c).resolve()) for c in args.corpus]
    roots = {"this": ROOT}
    if args.compare_root:
        roots["other"] = Path(args.compare_root).resolve()
    result: dict = {"batch": args.batch, "repeat": args.repeat, "load_avg": os.getloadavg()[0], "corpora": {}}
    for root in roots.values():
        for corpus in corpora:  # fill on-disk caches (numba, tokenizer tables) once
            run_child(CHILD, [corpus, ",".join(CHAIN), "20", language_of(corpus), ops], root)
    for corpus in corpora:
        lang = language_of(corpus)
        per: dict = {side: {} for side in roots}
        for name in args.ops.split(","):
            names = CHAIN if name == "chain" else [name]
            runs: dict = {side: [] for side in roots}
            for _ in range(args.repeat):
                for side, root in roots.items():
                    runs[side].append(
                        run_child(CHILD, [corpus, ",".join(names), str(args.batch), lang, ops], root)
                    )
            for side in roots:
                per[side][name] = best(runs[side])
                print(
                    f"{side:5} {Path(corpus).name:18} {name:18} " + row(per[side][name]),
                    file=sys.stderr,
                    flush=True,
                )
        result["corpora"][Path(corpus).name] = per if args.compare_root else per["this"]
    if args.probe:
        result["probe"] = best_probe([run_child(PROBE, [PROBES]) for _ in range(args.repeat)])
    result["load_avg_end"] = os.getloadavg()[0]
    print(json.dumps(result))


def row(b: dict) -> str:
    """One line of figures: CPU (wall) seconds each."""
    parts = [f"{k} {b[k][0]:.3f} ({b[k][1]:.3f})" for k in ("import", "setup", "batch1", "batch2")]
    return "  ".join(parts) + f"  cold {b['cold_cpu']:.3f} CPU-s  kept {b['kept1']}/{b['kept2']}"


def best_probe(runs: list[dict]) -> dict:
    return {k: min((r[k] for r in runs), key=lambda v: v[0]) for k in runs[0]}


if __name__ == "__main__":
    main()
