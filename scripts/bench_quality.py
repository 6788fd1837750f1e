"""Throughput of the heuristic quality filters vs datatrove, per core, same corpus, same run.

For each filter (gopher_quality, gopher_repetition, c4_quality,
fineweb_quality) this times our operator (``apply`` over Arrow batches) and
datatrove's equivalent filter (``filter`` per document) on the same
documents in one process (one core), and prints JSON with MB/s (UTF-8
bytes of input text per second), the ratio, and the decision agreement.
Our caches (token vocabulary, chunk tokenizations) start empty.

    python scripts/bench_quality.py --corpus /work/shared/corpora/en_web.jsonl.gz \
        [--zh /work/shared/corpora/zh_news.jsonl.gz] [--limit 800]

datatrove is needed only here (see scripts/parity_datatrove.py for install).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from operators import _quality, segment  # noqa: E402
from operators.quality_c4 import C4Quality  # noqa: E402
from operators.quality_fineweb import FineWebQuality  # noqa: E402
from operators.quality_gopher import GopherQuality, GopherRepetition  # noqa: E402


def load(path: str, limit: int | None) -> list[dict]:
    opener = gzip.open if path.endswith(".gz") else open
    docs = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(docs) >= limit:
                break
            d = json.loads(line)
            docs.append({"id": str(d.get("id", len(docs))), "text": d.get("text") or ""})
    return docs


def bench_corpus(path: str, language: str, limit: int | None, batch_size: int) -> dict:
    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )
    from datatrove.utils.text import split_into_words

    docs = load(path, limit)
    mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    batches = [
        pa.table({"id": [d["id"] for d in docs[i : i + batch_size]], "text": [d["text"] for d in docs[i : i + batch_size]]})
        for i in range(0, len(docs), batch_size)
    ]
    # warm up model/dictionary loading on both sides (not part of throughput)
    split_into_words("warm up", language)
    segment.words("warm up 预热", "zh" if language == "zh" else "default")
    _quality.VOCAB.reset()
    segment._CHUNK_CACHE.clear()

    pairs = [
        ("gopher_quality", GopherQuality(language=language), GopherQualityFilter(language=language)),
        ("gopher_repetition", GopherRepetition(language=language), GopherRepetitionFilter(language=language)),
        ("c4_quality", C4Quality(language=language), C4QualityFilter(language=language)),
        ("fineweb_quality", FineWebQuality(language=language), FineWebQualityFilter(language=language)),
    ]
    out = {"corpus": path, "language": language, "docs": len(docs), "mb": round(mb, 3),
           "avg_doc_bytes": round(mb * 1e6 / max(len(docs), 1)), "batch_size": batch_size, "filters": {}}
    for name, ours, theirs in pairs:
        t0 = time.perf_counter()
        our_keep = []
        for b in batches:
            _, keep, _ = ours.apply(b)
            our_keep.extend(bool(k) for k in keep)
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        their_keep = []
        for d in docs:
            r = theirs.filter(Document(text=d["text"], id=d["id"]))
            their_keep.append(r is True or (isinstance(r, tuple) and bool(r[0])))
        t_theirs = time.perf_counter() - t0
        agree = sum(a == b for a, b in zip(our_keep, their_keep)) / max(len(docs), 1)
        ours_mbs, theirs_mbs = mb / t_ours, mb / t_theirs
        out["filters"][name] = {
            "ours_mb_s_per_core": round(ours_mbs, 3),
            "datatrove_mb_s_per_core": round(theirs_mbs, 3),
            "ratio": round(ours_mbs / theirs_mbs, 2),
            "agreement": round(agree, 4),
        }
        print(f"{name}: ours {ours_mbs:.2f} MB/s, datatrove {theirs_mbs:.2f} MB/s", file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="English JSONL(.gz) with id/text")
    ap.add_argument("--zh", default=None, help="optional Chinese JSONL(.gz) with id/text")
    ap.add_argument("--limit", type=int, default=800, help="documents per corpus (datatrove is slow)")
    ap.add_argument("--batch-size", type=int, default=1000)
    args = ap.parse_args()
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    result = {"note": "one process, one thread: MB/s per core", "runs": [bench_corpus(args.corpus, "en", args.limit, args.batch_size)]}
    if args.zh:
        result["runs"].append(bench_corpus(args.zh, "zh", args.limit, args.batch_size))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
