"""Benchmark of the synthetic-data operators. Prints JSON.

* ``augment_text``: MB/s of source text per core (one process, one thread),
  per corpus, for the default methods and for each method, with nlpaug's
  random word/char augmenters (the usual Python peer; pip install nlpaug,
  benchmark only) measured on the same documents in the same run.
* ``llm_generate``: requests/s against tests/llm_test_server.py (a real HTTP
  server on loopback, fixed server-side latency) at max_concurrency 1, 8 and
  64, with the ideal ``concurrency / latency`` and the server's own ceiling
  (latency 0, concurrency 64), so scaling can be read against both.

    python scripts/bench_augment.py --corpus /work/shared/corpora/en_web.jsonl.gz \
        --corpus /work/shared/corpora/zh_news.jsonl.gz --mb 4
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from operators.synthetic.augment import METHODS, AugmentText
from operators.synthetic.llm_generate import LlmGenerate


def load(path: str, mb: float) -> pa.Table:
    ids, texts, size = [], [], 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            doc = json.loads(line)
            text = doc.get("text")
            if not isinstance(text, str) or not text:
                continue
            ids.append(str(doc.get("id", i)))
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= mb * 1e6:
                break
    return pa.table({"id": ids, "text": texts})


def _mbps(nbytes: int, seconds: float) -> float:
    return round(nbytes / 1e6 / seconds, 3)


def bench_ours(table: pa.Table, methods: list[str], batch: int = 1000, cjk_unit: str = "word") -> dict:
    op = AugmentText(methods=methods, variants=1, seed=1, log=False, cjk_unit=cjk_unit)
    nbytes = sum(len(t.encode("utf-8")) for t in table.column("text").to_pylist())
    op.transform(table.slice(0, 20))  # warm up (jieba dictionary, regexes)
    t0 = time.perf_counter()
    made = 0
    for start in range(0, table.num_rows, batch):
        out = op.transform(table.slice(start, batch))
        made += out.num_rows - min(batch, table.num_rows - start)
    dt = time.perf_counter() - t0
    return {
        "mb_per_s_per_core": _mbps(nbytes, dt),
        "docs_per_s": round(table.num_rows / dt),
        "variants": made,
    }


def bench_nlpaug(table: pa.Table, action: str, level: str) -> dict | None:
    try:
        import nlpaug.augmenter.char as nac
        import nlpaug.augmenter.word as naw
    except ImportError:
        return None
    aug = naw.RandomWordAug(action=action, aug_p=0.1) if level == "word" else nac.RandomCharAug(action=action)
    texts = table.column("text").to_pylist()
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    t0 = time.perf_counter()
    for t in texts:
        aug.augment(t)
    dt = time.perf_counter() - t0
    return {"mb_per_s_per_core": _mbps(nbytes, dt), "docs_per_s": round(len(texts) / dt)}


# ------------------------------------------------------------------ llm_generate
class _Server:
    def __init__(self, latency_ms: float) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tests" / "llm_test_server.py"),
                "--port",
                "0",
                "--latency-ms",
                str(latency_ms),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        self.port = int(self.proc.stdout.readline().split()[1])

    def config(self, **kw) -> None:
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/config", data=json.dumps(kw).encode(), method="POST"
        )
        urllib.request.urlopen(req, timeout=10).read()
        urllib.request.urlopen(
            urllib.request.Request(f"http://127.0.0.1:{self.port}/reset", data=b"{}", method="POST"),
            timeout=10,
        ).read()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def bench_llm(server: _Server, concurrency: int, n_requests: int, tag: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        op = LlmGenerate(
            base_url=f"http://127.0.0.1:{server.port}/v1",
            model="bench",
            prompt="Paraphrase: {{ text }}",
            max_concurrency=concurrency,
            cache=False,
            log_dir=tmp,
            timeout_s=30,
        )
        op.ensure_setup()
        op.transform(pa.table({"id": ["warm"], "text": ["warm up the connection"]}))
        table = pa.table(
            {
                "id": [f"{tag}{i}" for i in range(n_requests)],
                "text": [f"doc {tag} {i}" for i in range(n_requests)],
            }
        )
        t0 = time.perf_counter()
        out = op.transform(table)
        dt = time.perf_counter() - t0
        op.close()
    failed = sum(1 for r in out.column("_cf_quarantined").to_pylist() if r)
    return {
        "requests": n_requests,
        "seconds": round(dt, 3),
        "requests_per_s": round(n_requests / dt, 1),
        "failed": failed,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", default=[], help="JSONL(.gz) with id,text (repeatable)")
    ap.add_argument("--mb", type=float, default=4.0, help="MB of text per corpus")
    ap.add_argument("--latency-ms", type=float, default=50.0, help="server-side latency of each answer")
    ap.add_argument("--requests", type=int, default=8, help="requests per unit of concurrency (min 40)")
    ap.add_argument("--skip-llm", action="store_true")
    args = ap.parse_args()
    result: dict = {"augment_text": {}, "llm_generate": {}}
    for path in args.corpus:
        table = load(path, args.mb)
        name = Path(path).name.split(".")[0]
        entry = {
            "docs": table.num_rows,
            "mb": round(sum(len(t.encode()) for t in table.column("text").to_pylist()) / 1e6, 2),
        }
        entry["default_methods"] = bench_ours(table, ["word_swap", "word_delete", "word_insert"])
        entry["default_methods_cjk_char"] = bench_ours(
            table, ["word_swap", "word_delete", "word_insert"], cjk_unit="char"
        )["mb_per_s_per_core"]
        entry["per_method"] = {m: bench_ours(table, [m])["mb_per_s_per_core"] for m in METHODS}
        peer = {
            "word_swap": bench_nlpaug(table, "swap", "word"),
            "word_delete": bench_nlpaug(table, "delete", "word"),
            "char_swap": bench_nlpaug(table, "swap", "char"),
        }
        if all(v is not None for v in peer.values()):
            entry["nlpaug"] = {k: v["mb_per_s_per_core"] for k, v in peer.items()}
            entry["ratio_vs_nlpaug"] = {
                k: round(entry["per_method"][k] / v["mb_per_s_per_core"], 2) for k, v in peer.items()
            }
        result["augment_text"][name] = entry
    if not args.skip_llm:
        server = _Server(args.latency_ms)
        try:
            rows = {}
            for c in (1, 8, 64):
                server.config(latency_ms=args.latency_ms)
                r = bench_llm(server, c, max(40, args.requests * c), f"c{c}-")
                r["ideal_requests_per_s"] = round(c * 1000.0 / args.latency_ms, 1)
                r["efficiency"] = round(r["requests_per_s"] / r["ideal_requests_per_s"], 3)
                rows[str(c)] = r
            server.config(latency_ms=0)
            ceiling = bench_llm(server, 64, 64 * args.requests, "ceiling-")
            result["llm_generate"] = {
                "server_latency_ms": args.latency_ms,
                "by_max_concurrency": rows,
                "server_ceiling_requests_per_s (latency 0, concurrency 64)": ceiling["requests_per_s"],
                "scaling_1_to_8": round(rows["8"]["requests_per_s"] / rows["1"]["requests_per_s"], 2),
                "scaling_8_to_64": round(rows["64"]["requests_per_s"] / rows["8"]["requests_per_s"], 2),
            }
        finally:
            server.stop()
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
