"""Recall, false positives and throughput of decontaminate's matching, beside a plain
Python set-of-n-grams reference, in one run.

Each argument is ``ITEMS:DOCS`` (two JSONL(.gz) corpora with a ``text`` field: passages
of ITEMS become benchmark items, DOCS are the clean documents) or one corpus split in
two disjoint halves (items from the first). Items: ``--items`` in all, 30-60 words, or
60-150 characters for Chinese. Web pages of one site share boilerplate (menus, notices),
so items cut from a web corpus also "contaminate" other pages of that corpus: use a
different corpus for the items, as a real benchmark is. One clean document in four gets
an item inserted at a sentence boundary, in one of three forms: verbatim, lightly edited
(upper case, punctuation changed, one word replaced), or a partial passage (a contiguous
60 % of the item). Contaminated = at least ``--min-overlap`` shared 13-grams.

Reported per corpus: recall on contaminated documents, share of clean documents flagged,
and MB/s per core of the corpus side (normalise, tokenize, hash, look up in the sorted
set; one process) for the operator's kernels and for the reference (lower case, ``\\w+``
tokens or CJK characters, tuples of n tokens in a Python set), each from the same run.

Usage: python scripts/eval_decontaminate.py ITEMS:DOCS [...] [--items 10000] [--docs 2000] [--cjk-tokens chars]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from operators._text import PY_CJK_CHAR_CLASS  # noqa: E402
from operators.safety._ngrams import distinct_per_doc, sorted_unique, text_ngrams  # noqa: E402

CJK = re.compile(f"[{PY_CJK_CHAR_CLASS}]")
REF_TOKEN = re.compile(f"[{PY_CJK_CHAR_CLASS}]|[^\\W{PY_CJK_CHAR_CLASS}]+")


def load(path: str, limit: int) -> list[str]:
    out = []
    with (
        gzip.open(path, "rt", encoding="utf-8")
        if path.endswith(".gz")
        else open(path, encoding="utf-8") as fh
    ):
        for line in fh:
            t = json.loads(line).get("text")
            if t and len(t) > 200:
                out.append(t)
            if len(out) >= limit:
                break
    return out


def passages(texts: list[str], k: int, rng: random.Random, zh: bool) -> list[str]:
    items: list[str] = []
    while len(items) < k:
        t = rng.choice(texts)
        if zh:
            n = rng.randint(60, 150)
            s = rng.randint(0, max(len(t) - n, 0))
            p = t[s : s + n]
        else:
            w = t.split()
            n = rng.randint(30, 60)
            s = rng.randint(0, max(len(w) - n, 0))
            p = " ".join(w[s : s + n])
        if len(p) >= (60 if zh else 150):
            items.append(p)
    return items


def edit(item: str, rng: random.Random, zh: bool) -> str:
    if zh:
        chars = list(item)
        chars[len(chars) // 2] = "某"
        return "".join(chars).replace("，", ",").replace("。", "！")
    w = item.split()
    w[len(w) // 2] = "changed"
    return " ".join(w).upper().replace(",", ";").replace(".", "!")


def partial(item: str, zh: bool) -> str:
    if zh:
        n = int(len(item) * 0.6)
        return item[len(item) // 5 : len(item) // 5 + n]
    w = item.split()
    n = int(len(w) * 0.6)
    return " ".join(w[len(w) // 5 : len(w) // 5 + n])


def insert(doc: str, piece: str, rng: random.Random, zh: bool) -> str:
    cuts = [m.end() for m in re.finditer(r"[.!?。！？]\s*", doc)] or [len(doc)]
    c = rng.choice(cuts)
    sep = "" if zh else " "
    return doc[:c] + sep + piece + sep + doc[c:]


# ------------------------------------------------------------------ reference
def ref_grams(text: str, n: int) -> set[tuple[str, ...]]:
    toks = REF_TOKEN.findall(text.lower())
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpora", nargs="+")
    ap.add_argument(
        "--items", type=int, default=10_000, help="benchmark items in all (split over the corpora)"
    )
    ap.add_argument("--docs", type=int, default=2000, help="documents read per corpus")
    ap.add_argument("--ngram", type=int, default=13)
    ap.add_argument("--min-overlap", type=int, default=1)
    ap.add_argument("--cjk-tokens", default="words", choices=["words", "chars"])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    n = args.ngram
    per = args.items // len(args.corpora)
    data = []
    for spec in args.corpora:
        src, _, path = spec.rpartition(":") if ":" in spec else ("", "", spec)
        texts = load(path, args.docs)
        zh = sum(bool(CJK.search(t[:200])) for t in texts[:50]) > 25
        rng.shuffle(texts)
        if src:  # items from another corpus: no shared site boilerplate between items and clean documents
            items = passages(load(src, args.docs), per, rng, zh)
            clean = texts
        else:
            half = len(texts) // 2
            items = passages(texts[:half], per, rng, zh)
            clean = texts[half:]
        docs, labels = [], []
        for i, d in enumerate(clean):
            if i % 4 == 0:
                item = rng.choice(items)
                form = ("verbatim", "edited", "partial")[(i // 4) % 3]
                piece = (
                    item
                    if form == "verbatim"
                    else edit(item, rng, zh)
                    if form == "edited"
                    else partial(item, zh)
                )
                docs.append(insert(d, piece, rng, zh))
                labels.append(form)
            else:
                docs.append(d)
                labels.append(None)
        data.append(
            (
                (Path(src).name.split(".")[0] + ">" if src else "") + Path(path).name.split(".")[0],
                zh,
                items,
                docs,
                labels,
            )
        )

    all_items = [it for _, _, items, _, _ in data for it in items]
    text_ngrams(["预热 warm-up: rjieba's dictionary loads once per process"], n, args.cjk_tokens)
    t0 = time.perf_counter()
    bench = text_ngrams(all_items, n, args.cjk_tokens)
    bset = sorted_unique(bench.hashes)
    t_bench = time.perf_counter() - t0
    t0 = time.perf_counter()
    ref_set: set[tuple[str, ...]] = set()
    for it in all_items:
        ref_set |= ref_grams(it, n)
    t_ref_bench = time.perf_counter() - t0
    print(
        f"benchmark: {len(all_items)} items, {len(bset)} distinct {n}-grams "
        f"(operator {t_bench:.2f}s, reference {t_ref_bench:.2f}s); cjk_tokens={args.cjk_tokens}"
    )
    print(
        f"{'corpus':28} {'docs':>6} {'contam':>6} {'recall':>7} {'verb':>5} {'edit':>5} {'part':>5} "
        f"{'clean_fp':>8} {'MB/s op':>8} {'MB/s ref':>8} {'ratio':>6} {'ref_recall':>10} {'ref_fp':>7}"
    )
    for name, zh, items, docs, labels in data:
        mb = sum(len(d.encode()) for d in docs) / 1e6
        t0 = time.perf_counter()
        flagged = np.zeros(len(docs), bool)
        step = 256
        for s in range(0, len(docs), step):
            ng = text_ngrams(docs[s : s + step], n, args.cjk_tokens)
            _ = distinct_per_doc(ng)
            pos = np.minimum(np.searchsorted(bset, ng.hashes), len(bset) - 1)
            hit = bset[pos] == ng.hashes
            counts = np.zeros(min(step, len(docs) - s), np.int64)
            if hit.any():  # distinct shared n-grams per document
                key = sorted_unique(
                    (ng.doc[hit].astype(np.uint64) << np.uint64(44)) | (ng.hashes[hit] >> np.uint64(20))
                )
                np.add.at(counts, (key >> np.uint64(44)).astype(np.int64), 1)
            flagged[s : s + step] = counts >= args.min_overlap
        t_op = time.perf_counter() - t0
        t0 = time.perf_counter()
        ref_flag = np.array([len(ref_grams(d, n) & ref_set) >= args.min_overlap for d in docs])
        t_ref = time.perf_counter() - t0
        lab = np.array([x is not None for x in labels])
        rec = flagged[lab].mean()
        by = {
            f: flagged[np.array([x == f for x in labels])].mean() for f in ("verbatim", "edited", "partial")
        }
        fp = flagged[~lab].mean()
        print(
            f"{name:28} {len(docs):6d} {lab.sum():6d} {rec:7.4f} {by['verbatim']:5.3f} {by['edited']:5.3f} "
            f"{by['partial']:5.3f} {fp:8.4%} {mb / t_op:8.2f} {mb / t_ref:8.2f} {t_ref / t_op:6.2f} "
            f"{ref_flag[lab].mean():10.4f} {ref_flag[~lab].mean():7.4%}"
        )


if __name__ == "__main__":
    main()
