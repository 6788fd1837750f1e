"""Throughput of ``language_id``: sampled (operator defaults) vs whole-text fastText.

Both run in this one process on the same documents (``--min-bytes`` ..
``--max-bytes`` UTF-8 bytes, 2-5 KB by default) through the operator's
``score()`` on Arrow batches, so Arrow conversion and the ``lang`` /
``lang_score`` columns are included. MB/s per core = text bytes / CPU seconds
of this single-threaded process (``time.process_time``), the best of
``--repeat`` runs. "whole" is the usual way to run fastText LID (datatrove,
CCNet: newlines to spaces, whole text), so it is the reference. Also reports
how often the two agree on the label.

    python scripts/bench_langid.py [CORPUS.jsonl.gz ...] [--min-bytes 2000 --max-bytes 5000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import sys
import time
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from operators.text.language import LanguageId

CORPORA = ROOT.parent / "shared" / "corpora"
DEFAULT_CORPORA = [CORPORA / "en_web.jsonl.gz", CORPORA / "zh_news.jsonl.gz"]


def load(path: Path, lo: int, hi: int, limit: int | None) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    out: list[str] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text")
            if isinstance(text, str) and lo <= len(text.encode("utf-8")) <= hi:
                out.append(text)
                if limit and len(out) >= limit:
                    break
    return out


def batches(texts: list[str], size: int) -> list[pa.Table]:
    return [
        pa.table(
            {
                "id": [str(j) for j in range(len(texts[i : i + size]))],
                "text": pa.array(texts[i : i + size], pa.string()),
            }
        )
        for i in range(0, len(texts), size)
    ]


def measure(op: LanguageId, tables: list[pa.Table], nbytes: int, repeat: int) -> tuple[dict, list[str]]:
    op.ensure_setup()
    best_cpu = best_wall = float("inf")
    labels: list[str] = []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        out = [op.score(t) for t in tables]
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
        labels = [x for t in out for x in t.column("lang").to_pylist()]
    return {
        "cpu_s": round(best_cpu, 3),
        "mb_per_s_per_core": round(nbytes / best_cpu / 1e6, 2),
        "mb_per_s_wall": round(nbytes / best_wall / 1e6, 2),
    }, labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--min-bytes", type=int, default=2000)
    ap.add_argument("--max-bytes", type=int, default=5000)
    ap.add_argument("--limit", type=int, default=None, help="documents per corpus")
    ap.add_argument("--batch-size", type=int, default=1024)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model-path", default=None)
    ap.add_argument(
        "--sample-chars", type=int, default=LanguageId.Params.model_fields["sample_chars"].default
    )
    ap.add_argument(
        "--sample-chunks", type=int, default=LanguageId.Params.model_fields["sample_chunks"].default
    )
    args = ap.parse_args(argv)

    sampled = LanguageId(
        model_path=args.model_path, sample_chars=args.sample_chars, sample_chunks=args.sample_chunks
    )
    whole = LanguageId(model_path=args.model_path, sample_chars=None)
    results: dict[str, dict] = {}
    all_texts: list[str] = []
    for path in args.corpora:
        texts = load(path, args.min_bytes, args.max_bytes, args.limit)
        if texts:
            all_texts += texts
            results[path.name] = run_one(texts, sampled, whole, args)
    if len(results) > 1:
        results["combined"] = run_one(all_texts, sampled, whole, args)
    report = {
        "operator": "language_id",
        "model": sampled.model_path,
        "sample_chars": args.sample_chars,
        "sample_chunks": args.sample_chunks,
        "doc_bytes": [args.min_bytes, args.max_bytes],
        "python": platform.python_version(),
        "results": results,
    }
    print(json.dumps(report, indent=2))
    return 0


def run_one(texts: list[str], sampled: LanguageId, whole: LanguageId, args) -> dict:
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    tables = batches(texts, args.batch_size)
    ours, lab_s = measure(sampled, tables, nbytes, args.repeat)
    ref, lab_w = measure(whole, tables, nbytes, args.repeat)
    return {
        "docs": len(texts),
        "mb": round(nbytes / 1e6, 3),
        "sampled": ours,
        "whole_text": ref,
        "speedup": round(ours["mb_per_s_per_core"] / ref["mb_per_s_per_core"], 2),
        "label_agreement_pct": round(100 * sum(a == b for a, b in zip(lab_s, lab_w)) / len(texts), 2),
    }


if __name__ == "__main__":
    raise SystemExit(main())
