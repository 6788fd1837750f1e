"""Throughput of ``pii_redact`` beside plain Presidio, per core and per language, at equal findings.

Builds a corpus from real English and Chinese documents (``--en``, ``--zh``:
JSONL.GZ with ``text``), inserts one Faker-generated PII sentence into
``--pii-rate`` of them at a random line (80% in the document's language),
then measures on one core (CPU time of this process, ``time.process_time``),
for each language on its own and for both together:

* ``ours``: ``PiiRedact.transform`` (every default entity unless ``--without``)
  on Arrow batches of that language's documents (pre-screen + windows);
* ``ours_full``: the same analyzer on every whole document, the reference
  for equal findings: ``parity`` compares every (document, entity, start,
  end) of both and must be exact;
* ``presidio_plain``: ``AnalyzerEngine`` with its predefined English
  recognizers, spaCy's blank English tokenizer (no model can be downloaded
  here) and the default lemma context enhancer, on the first
  ``--plain-docs`` whole documents of each language (it is slow), score
  threshold as ours.

``by_language`` gives, per language, ours and plain Presidio in MB/s per core
and their ratio; ``all`` the same over both languages (total MB over total
CPU-seconds of each side). Both sides run in this one process, one after the
other, so they see the same machine load.

Both systems are measured at steady state: before the clock starts each
runs once over ``--warmup-docs`` other documents per language (the first
batch pays one-time costs a long run pays once per worker: pyarrow's lazy
pandas import, phonenumbers' per-region metadata, regex compilation).
``ours_first_pass_cpu_s`` is the unwarmed first pass of ours over the
warm-up documents, for reference.

With ``--repeat N`` each of ours and plain Presidio is timed N times per
language over the same documents and the least CPU time kept (on a loaded
machine CPU time too varies from run to run); all runs are printed.

``--cold N`` measures instead what a fresh worker process pays before and during its first
batch: N fresh Python processes each import ``operators.pii``, build and set up ``pii_redact``
(``setup``: Presidio, the recognizers, their tables) and transform a first and a second batch of
``--docs`` documents per language (at most 200); the medians of each part, in CPU seconds of
the child process, and the cold extra (import + setup + first batch - second batch) are printed.
A run with a fresh user cache (``CORPUSFORGE_CACHE_DIR``) shows the first worker ever; later
workers read the cached tables.

Plain Presidio without a spaCy model finds no PERSON (it has no other PERSON
recognizer) and no ADDRESS; ``--without PERSON,ADDRESS`` measures ours on the
same entity set.

    python scripts/bench_pii.py --en ../shared/corpora/en_web.jsonl.gz --zh ../shared/corpora/zh_news.jsonl.gz
"""

from __future__ import annotations

import os

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = (
    ""  # before tldextract is imported: plain Presidio stays offline
)

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pyarrow as pa  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine.runner import start  # noqa: E402
from operators.pii import PiiRedact  # noqa: E402


def read_texts(path: str, limit: int) -> list[str]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            t = json.loads(line).get("text")
            if t:
                out.append(t)
            if len(out) >= limit:
                break
    return out


def build_corpus(texts: list[str], lang: str, rate: float, seed: int):
    """Documents of one language, ``rate`` of them with one inserted PII sentence (80% in
    ``lang``), in a seeded random order; and the gold spans of the inserted PII."""
    from pii_synth import Generator

    rng = random.Random(f"{seed}-{lang}")
    gen = Generator(seed)
    docs, gold = [], []
    for t in texts:
        spans = []
        if rng.random() < rate:
            s = gen.pii_sentence(lang if rng.random() < 0.8 else ("zh" if lang == "en" else "en"))
            lines = t.split("\n")
            k = rng.randrange(len(lines) + 1)
            prefix = "\n".join(lines[:k]) + ("\n" if k else "")
            t = prefix + s.text + ("\n" if k < len(lines) else "") + "\n".join(lines[k:])
            spans = [(e, a + len(prefix), b + len(prefix)) for e, a, b in s.spans]
        docs.append(t)
        gold.append(spans)
    order = list(range(len(docs)))
    rng.shuffle(order)
    return [docs[i] for i in order], [gold[i] for i in order]


def mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def recall(found: list[list[tuple[str, int, int]]], gold) -> float | None:
    n = hit = 0
    for f, g in zip(found, gold):
        for _, a, b in g:
            n += 1
            hit += any(s < b and a < e for _, s, e in f)
    return round(hit / n, 4) if n else None


def plain_presidio(threshold: float):
    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "blank_en"}])
    engine.nlp = {"en": spacy.blank("en")}
    analyzer = AnalyzerEngine(
        nlp_engine=engine, supported_languages=["en"], default_score_threshold=threshold
    )
    return analyzer


def least_cpu(fn, repeat: int) -> tuple[float, list[float], object]:
    """(least CPU-seconds, every run's, the last result) of ``repeat`` calls of ``fn``."""
    runs, out = [], None
    for _ in range(repeat):
        c0 = time.process_time()
        out = fn()
        runs.append(time.process_time() - c0)
    return min(runs), runs, out


def ours_spans(op, docs: list[str], batch_size: int) -> list[list[tuple[str, int, int]]]:
    spans_col = []
    for i in range(0, len(docs), batch_size):
        chunk = docs[i : i + batch_size]
        batch = pa.table({"id": [str(i + j) for j in range(len(chunk))], "text": chunk})
        spans_col += op.transform(batch).column("pii_spans").to_pylist()
    return [[(s["entity"], s["start"], s["end"]) for s in row or ()] for row in spans_col]


_COLD_CHILD = r"""
import json, sys, time
import pyarrow as pa
sys.path.insert(0, sys.argv[1])
from engine.runner import start
docs = json.loads(sys.stdin.read())
table = pa.table({"id": [str(i) for i in range(len(docs))], "text": docs})
pt = time.process_time
c0 = pt()
from operators.pii import PiiRedact
c1 = pt()
op = PiiRedact(mode="redact")
start(op)
c2 = pt()
op.transform(table)
c3 = pt()
op.transform(table)
c4 = pt()
print(json.dumps({"import": c1 - c0, "setup": c2 - c1, "first_batch": c3 - c2, "second_batch": c4 - c3}))
"""


def cold(args) -> dict:
    """Median CPU seconds of a fresh process's import, setup, first and second batch (``--cold``)."""
    import statistics
    import subprocess

    docs = []
    for path in (args.en, args.zh):
        docs += read_texts(path, min(args.docs, 200))
    root = str(Path(__file__).resolve().parents[1])
    runs = []
    for _ in range(args.cold):
        out = subprocess.run(
            [sys.executable, "-c", _COLD_CHILD, root], input=json.dumps(docs), capture_output=True, text=True
        )
        if out.returncode:
            raise RuntimeError(f"cold child failed: {out.stderr[-2000:]}")
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    parts = {k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]}
    extra = [r["import"] + r["setup"] + r["first_batch"] - r["second_batch"] for r in runs]
    report = {
        "clock": "CPU time of each fresh child process (time.process_time), median of --cold runs",
        "docs": len(docs),
        "mb": round(mb(docs), 3),
        "median_cpu_s": parts,
        "cold_extra_cpu_s": round(statistics.median(extra), 3),
        "runs": [{k: round(v, 3) for k, v in r.items()} for r in runs],
    }
    print(json.dumps(report, indent=1))
    return report


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--en", required=True)
    ap.add_argument("--zh", required=True)
    ap.add_argument("--docs", type=int, default=400, help="documents per language")
    ap.add_argument(
        "--plain-docs", type=int, default=150, help="documents per language for plain Presidio (slow)"
    )
    ap.add_argument(
        "--warmup-docs", type=int, default=50, help="documents per language each system runs before timing"
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="time ours and plain Presidio this many times each and keep the least CPU (loaded machines)",
    )
    ap.add_argument("--pii-rate", type=float, default=0.05)
    ap.add_argument("--batch-size", type=int, default=1024)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--without",
        default="",
        help="comma-separated entities to leave out of the defaults (e.g. PERSON,ADDRESS)",
    )
    ap.add_argument(
        "--cold",
        type=int,
        default=0,
        help="measure N fresh processes' import + setup + first batch instead (CPU seconds; see above)",
    )
    args = ap.parse_args(argv)
    if args.cold:
        return cold(args)

    corpora, warm = {}, []
    for lang, path in (("en", args.en), ("zh", args.zh)):
        texts = read_texts(path, args.docs + args.warmup_docs)
        corpora[lang] = build_corpus(texts[: args.docs], lang, args.pii_rate, args.seed)
        warm += build_corpus(texts[args.docs :], lang, args.pii_rate, args.seed + 1)[0]
    from operators.pii import DEFAULT_ENTITIES

    without = {e for e in args.without.split(",") if e}
    op = PiiRedact(mode="annotate", entities=[e for e in DEFAULT_ENTITIES if e not in without])
    start(op)

    c0 = time.process_time()
    if warm:
        op.transform(pa.table({"id": [str(i) for i in range(len(warm))], "text": warm}))
    first_pass_cpu = time.process_time() - c0
    analyzer = plain_presidio(op.params.score_threshold)
    for t in warm:
        analyzer.analyze(t, language="en")

    by_language, totals = {}, {"mb": 0.0, "cpu": 0.0, "plain_mb": 0.0, "plain_cpu": 0.0}
    for lang, (docs, gold) in corpora.items():
        size = mb(docs)
        ours_cpu, ours_runs, ours = least_cpu(lambda: ours_spans(op, docs, args.batch_size), args.repeat)
        candidates = int(op.candidate_mask(pa.array(docs)).sum())
        c0 = time.process_time()
        full = [[(f.entity, f.start, f.end) for f in op.find_full(t)] for t in docs]
        full_cpu = time.process_time() - c0
        sub = docs[: args.plain_docs]
        plain_cpu, plain_runs, plain = least_cpu(
            lambda: [
                [(r.entity_type, r.start, r.end) for r in analyzer.analyze(t, language="en")] for t in sub
            ],
            args.repeat,
        )
        sub_mb = mb(sub)
        ours_rate, plain_rate = size / ours_cpu, sub_mb / plain_cpu
        totals["mb"] += size
        totals["cpu"] += ours_cpu
        totals["plain_mb"] += sub_mb
        totals["plain_cpu"] += plain_cpu
        by_language[lang] = {
            "docs": len(docs),
            "mb": round(size, 3),
            "docs_with_inserted_pii": sum(bool(g) for g in gold),
            "prescreen_candidates": candidates,
            "ours_mb_s_per_core": round(ours_rate, 3),
            "presidio_plain_mb_s_per_core": round(plain_rate, 3),
            "ratio_vs_presidio_plain": round(ours_rate / plain_rate, 1),
            "presidio_plain_docs": len(sub),
            "presidio_plain_mb": round(sub_mb, 3),
            "cpu_s_runs": {
                "ours": [round(x, 3) for x in ours_runs],
                "presidio_plain": [round(x, 3) for x in plain_runs],
            },
            "ours_full_mb_s_per_core": round(size / full_cpu, 3),
            "parity_docs_mismatched": sum(set(a) != set(b) for a, b in zip(ours, full)),
            "findings_ours": sum(map(len, ours)),
            "findings_full": sum(map(len, full)),
            "inserted_pii_recall": {
                "ours": recall(ours, gold),
                "ours_full": recall(full, gold),
                "ours_on_plain_subset": recall(ours[: len(sub)], gold[: len(sub)]),
                "presidio_plain_on_subset": recall(plain, gold[: len(sub)]),
            },
            "presidio_plain_findings_on_subset": sum(map(len, plain)),
            "ours_findings_on_subset": sum(map(len, ours[: len(sub)])),
        }

    ours_rate = totals["mb"] / totals["cpu"]
    plain_rate = totals["plain_mb"] / totals["plain_cpu"]
    report = {
        "entities": list(op.entities),
        "clock": "CPU time of this process (time.process_time), least of --repeat runs per language",
        "warmup_docs": len(warm),
        "ours_first_pass_cpu_s": round(first_pass_cpu, 3),
        "all": {
            "mb": round(totals["mb"], 3),
            "ours_mb_s_per_core": round(ours_rate, 3),
            "presidio_plain_mb_s_per_core": round(plain_rate, 3),
            "ratio_vs_presidio_plain": round(ours_rate / plain_rate, 1),
        },
        "by_language": by_language,
    }
    print(json.dumps(report, indent=1))
    return report


if __name__ == "__main__":
    main()
