"""Main-text extraction: quality (token F1 against gold) and speed (MB of HTML per
second per core) of resiliparse, trafilatura and html_extract's ``auto``, side by
side from one run; optionally the WARC reader alone (FastWARC, as our reader uses
it, beside warcio) and html_extract's step in a real run.

    python scripts/bench.py extract --corpus ../shared/corpora/web_pages_html.jsonl.gz \\
        --gold ../shared/corpora/en_web.jsonl.gz --gold ../shared/corpora/zh_news.jsonl.gz [--warc] [--run]

Pages: JSONL with ``id`` and ``html``; gold: JSONL with the same ``id`` and the
main text in ``text``. Language of a page: ``zh`` when over 30% of its gold
text's letters are CJK, else ``en``.

Token F1 (bag of tokens, as article-extraction-benchmark and Bevendorff et al.
2023 score extraction): tokens are lower-cased word-character runs, each CJK
character its own token; precision and recall from the multiset overlap of
extracted and gold tokens, F1 per page, averaged over the pages of a language.

Speed is CPU time (``time.process_time``) of this process per engine, not wall
time: the machine is shared, CPU time is what the engine costs one core. Each
of ``--repeat`` passes runs every engine over all pages, in an order that rotates
from pass to pass; per page and engine the fastest pass counts, so load that
drifts during the run affects every engine alike.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]|[^\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def tokens(text: str) -> Counter:
    return Counter(t.lower() for t in _TOKEN.findall(text or ""))


def f1(pred: str, gold: str) -> float:
    p, g = tokens(pred), tokens(gold)
    if not p and not g:
        return 1.0
    common = sum((p & g).values())
    if common == 0:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def load(path: str) -> list[dict]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def language(gold: str) -> str:
    letters = sum(1 for ch in gold if ch.isalpha())
    return "zh" if letters and len(_CJK.findall(gold)) / letters > 0.3 else "en"


def engines():
    from operators.web._html_main import ExtractOptions, extract

    opts = ExtractOptions()
    return {
        "resiliparse": lambda html: extract(html, "resiliparse", opts).text,
        "trafilatura": lambda html: extract(html, "trafilatura", opts).text,
        "auto": lambda html: extract(html, "auto", opts).text,
    }


def bench_engines(pages: list[dict], gold: dict[str, str], repeat: int) -> dict:
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    mb = sum(len(p["html"].encode("utf-8")) for p in pages) / 1e6
    direct = {  # the libraries called directly, with their defaults (the reference points)
        "resiliparse_direct": lambda h: extract_plain_text(HTMLTree.parse(h), main_content=True),
        "trafilatura_direct": lambda h: trafilatura.extract(h) or "",
    }
    out: dict = {"pages": len(pages), "html_mb": round(mb, 2), "engines": {}}
    langs = [language(gold[p["id"]]) for p in pages]
    out["pages_per_language"] = dict(Counter(langs))
    used: Counter = Counter()
    fns = {**direct, **engines()}
    # each pass runs every engine over all pages (as a step runs one engine over a block), in an
    # order that rotates from pass to pass; per page and engine the fastest of --repeat passes.
    # Load on the shared machine drifts over minutes: this way it hits every engine alike.
    best = {name: [float("inf")] * len(pages) for name in fns}
    texts: dict[str, list[str]] = {name: [""] * len(pages) for name in fns}
    names = list(fns)
    for r in range(repeat):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            fn = fns[name]
            for i, p in enumerate(pages):
                t0 = time.process_time()
                texts[name][i] = fn(p["html"])
                best[name][i] = min(best[name][i], time.process_time() - t0)
    for name in fns:
        scores: dict[str, list[float]] = {}
        for p, lang, text in zip(pages, langs, texts[name]):
            scores.setdefault(lang, []).append(f1(text, gold[p["id"]]))
        secs = sum(best[name])
        out["engines"][name] = {
            "f1": {k: round(sum(v) / len(v), 4) for k, v in sorted(scores.items())},
            "cpu_seconds": round(secs, 3),
            "mb_s_per_core": round(mb / secs, 2),
        }
    from operators.web._html_main import ExtractOptions, extract

    for p in pages:
        used[extract(p["html"], "auto", ExtractOptions()).engine] += 1
    out["auto_paths"] = dict(
        used
    )  # pages per auto path: auto (block pass), auto_dom (unsure), auto_trafilatura
    e = out["engines"]
    out["auto_vs_trafilatura"] = {
        "speed_ratio": round(e["auto"]["mb_s_per_core"] / e["trafilatura"]["mb_s_per_core"], 2),
        "f1_difference": {
            k: round(e["auto"]["f1"][k] - e["trafilatura"]["f1"][k], 4) for k in e["auto"]["f1"]
        },
    }
    return out


def bench_warc(pages: list[dict], repeat: int) -> dict:
    """The WARC reader alone: our reader (FastWARC + HTTP parsing + decoding) vs warcio's iterator."""
    from make_sample_warc import http_response, warc_record, write_warc

    from engine.io_warc import read_warc_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pages.warc.gz"
        recs = []
        for i, p in enumerate(pages):
            uri = p.get("url") or f"https://example.com/{i}"
            recs.append(warc_record("request", uri, b"GET / HTTP/1.1\r\n\r\n"))
            recs.append(warc_record("response", uri, http_response(p["html"].encode("utf-8"))))
        write_warc(path, recs, gzip_mode="record")
        mb = sum(len(r) for r in recs) / 1e6
        res = {"warc_mb_uncompressed": round(mb, 2), "records": len(recs)}
        best = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            counts = {"lines": 0, "blank": 0}
            with open(path, "rb") as fh:
                rows = sum(t.num_rows for t in read_warc_file(fh, str(path), "p", "warc", 32 << 20, counts))
            best = min(best, time.process_time() - t0)
        res["corpusforge_reader"] = {"rows": rows, "mb_s_per_core": round(mb / best, 2)}
        try:
            from warcio.archiveiterator import ArchiveIterator
        except ImportError:
            return res
        best = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            n = 0
            with open(path, "rb") as fh:
                for rec in ArchiveIterator(fh):
                    if rec.rec_type == "response":
                        rec.content_stream().read()
                        n += 1
            best = min(best, time.process_time() - t0)
        res["warcio_iterator"] = {"rows": n, "mb_s_per_core": round(mb / best, 2)}
        best = float("inf")
        from fastwarc.warc import ArchiveIterator as FastIterator
        from fastwarc.warc import WarcRecordType

        for _ in range(repeat):
            t0 = time.process_time()
            with open(path, "rb") as fh:
                n = sum(
                    1
                    for r in FastIterator(fh, record_types=WarcRecordType.response)
                    if r.reader.read() is not None
                )
            best = min(best, time.process_time() - t0)
        res["fastwarc_iterator"] = {"rows": n, "mb_s_per_core": round(mb / best, 2)}
        return res


def bench_run(pages: list[dict]) -> dict:
    """html_extract as a step of a real run (1 CPU), engine auto and engine trafilatura on the
    same WARC: step seconds and HTML bytes in from each run's report, and their ratio."""
    from make_sample_warc import http_response, warc_record, write_warc

    from engine.executor import run_config

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in" / "pages.warc.gz"
        recs = [
            warc_record("response", p.get("url") or f"https://e.com/{i}", http_response(p["html"].encode()))
            for i, p in enumerate(pages)
        ]
        write_warc(path, recs)
        for engine in ("auto", "trafilatura"):
            cfg = {
                "input": {"paths": [str(path)], "format": "warc"},
                "output": {"path": str(Path(tmp) / f"out-{engine}"), "overwrite": True},
                "ray": {"num_cpus": 1},
                "execution": {"progress": False, "doc_timeout_s": None},
                "report": {"html": False},
                "card": {"enabled": False},
                "pipeline": [{"op": "html_extract", "engine": engine, "resources": {"concurrency": 1}}],
            }
            report = run_config(cfg)
            op = report["ops"][0]
            out[engine] = {
                "html_mb_in": round(op["bytes_in"] / 1e6, 2),
                "step_seconds": round(op["seconds"], 2),
                "mb_s_per_core": round(op["bytes_in"] / 1e6 / max(op["seconds"], 1e-9), 2),
                "accounting_ok": report["accounting_ok"],
            }
    out["speed_ratio"] = round(out["auto"]["mb_s_per_core"] / out["trafilatura"]["mb_s_per_core"], 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, help="JSONL(.gz) pages with id and html")
    ap.add_argument(
        "--gold",
        action="append",
        help="JSONL(.gz) with id and gold text (default: en_web and zh_news beside --corpus)",
    )
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--warc", action="store_true", help="also measure the WARC reader alone")
    ap.add_argument(
        "--run", action="store_true", help="also run html_extract on the real executor (report step seconds)"
    )
    ap.add_argument("--json-out", help="also write the result to this file (Ray logs share stdout)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    gold_paths = args.gold or [
        str(corpus.parent / "en_web.jsonl.gz"),
        str(corpus.parent / "zh_news.jsonl.gz"),
    ]
    gold = {}
    for gp in gold_paths:
        for r in load(gp):
            gold[r["id"]] = r.get("text") or ""
    pages = [p for p in load(str(corpus)) if p.get("html") and p["id"] in gold][: args.limit]
    if not pages:
        sys.exit("no page of --corpus has a gold text in --gold")
    result = {
        "bench": "extract",
        "timing": "CPU seconds of this process (time.process_time), per page best of --repeat rotated passes",
    }
    result.update(bench_engines(pages, gold, args.repeat))
    if args.warc:
        result["warc_reader"] = bench_warc(pages, args.repeat)
    if args.run:
        result["html_extract_step"] = bench_run(pages)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.json_out:
        Path(args.json_out).write_text(
            json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
