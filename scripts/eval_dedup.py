"""Near-duplicate removal: precision, recall and groups lost on labeled corpora,
before (connected components only) and after keeper verification.

    python scripts/eval_dedup.py --clough /work/shared/eval/dedup_clough_stevenson.jsonl.gz \
        --en /work/shared/corpora/en_docs.jsonl.gz --zh /work/shared/corpora/zh_news.jsonl.gz \
        [--families 150] [--threshold 0.8] [--cpus 2]

Corpora (each evaluated on its own and all together):

* ``clough``: the Clough & Stevenson answers and their 5 Wikipedia sources as they are;
* ``en`` / ``zh``: synthetic families built from real documents: for a base
  document, near copies with 0.5-8% of the words (en) or characters (zh)
  replaced, chains (each link an edit of the previous: the ends drift apart),
  exact copies of a chain member, appended boilerplate; plus the unrelated
  rest of the sampled documents. Documents are shuffled, so keepers
  (``keep: first``) are not always the originals.

Ground truth: the EXACT Jaccard of the shingle sets at the threshold, with
the stage's own shingling (``minhash_kernel.shingle_hashes``: tokenizer
``auto``, 5-grams), over all pairs of the corpus: candidate pairs come from
prefix filtering (Chaudhuri, Ganti, Kaushik, ICDE 2006: two sets with Jaccard
>= t share an element among the first |x| - ceil(t|x|) + 1 of each in a
global order), so no pair at or above the threshold is missed.

Metrics (removed = documents the stage removes):

* precision: removed documents that have a KEPT document with true Jaccard >= t
  (their content survives) / removed;
* recall: 1 - true pairs (J >= t) of which both documents were kept / true pairs;
* groups lost: connected groups of the true-duplicate graph all of whose
  members were removed (content lost to chaining).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.columns import add_engine_columns  # noqa: E402
from operators.dedup import minhash_kernel as mk  # noqa: E402

_BOILER_EN = (
    "Was this page helpful? Report a bug. Copyright the authors; licensed under the terms shown on the site."
)
_BOILER_ZH = "本文版权归原作者所有，转载请注明出处。欢迎关注我们的公众号获取更多资讯。"


def _read(path: str) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _edit(rng: random.Random, text: str, rate: float, zh: bool) -> str:
    """Replace about ``rate`` of the words (en) or CJK characters (zh) by others of the same text."""
    if zh:
        chars = list(text)
        pos = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
        if not pos:
            return text
        for i in rng.sample(pos, max(1, round(rate * len(pos)))):
            chars[i] = chars[rng.choice(pos)]
        return "".join(chars)
    words = text.split(" ")
    for i in rng.sample(range(len(words)), max(1, round(rate * len(words)))):
        words[i] = words[rng.randrange(len(words))]
    return " ".join(words)


def synthetic(
    path: str, lang: str, families: int, singles: int, seed: int, max_chars: int = 6000
) -> list[dict]:
    rng = random.Random(seed)
    zh = lang == "zh"
    docs = [d["text"][:max_chars] for d in _read(path) if len(d["text"]) >= (200 if zh else 1000)]
    rng.shuffle(docs)
    out: list[dict] = []

    def add(text: str, fam: str) -> None:
        out.append({"id": f"{lang}{len(out):05d}", "text": text, "lang": lang, "family": fam})

    for k, base in enumerate(docs[:families]):
        fam = f"{lang}-f{k}"
        add(base, fam)
        kind = k % 4
        if kind == 0:  # near copies at spread edit rates
            for _ in range(rng.randint(1, 3)):
                add(_edit(rng, base, rng.uniform(0.005, 0.08), zh), fam)
        elif kind == 1:  # a chain: every link an edit of the previous one
            cur = base
            for _ in range(rng.randint(2, 4)):
                cur = _edit(rng, cur, rng.uniform(0.01, 0.04), zh)
                add(cur, fam)
        elif kind == 2:  # a chain whose far end is copied several times (a group of true copies)
            cur = base
            for _ in range(2):
                cur = _edit(rng, cur, rng.uniform(0.02, 0.04), zh)
                add(cur, fam)
            for _ in range(rng.randint(2, 3)):
                add(_edit(rng, cur, 0.003, zh), fam)
        else:  # boilerplate appended, and an exact copy
            add(base + ("\n" if zh else "\n\n") + (_BOILER_ZH if zh else _BOILER_EN), fam)
            add(base, fam)
    for k, base in enumerate(docs[families : families + singles]):
        add(base, f"{lang}-s{k}")
    return out


def clough(path: str) -> list[dict]:
    return [
        {"id": d["id"], "text": d["text"], "lang": "en", "family": d.get("task", "")} for d in _read(path)
    ]


# --------------------------------------------------------------------------- ground truth
def shingle_sets(rows: list[dict], ngram: int) -> list[np.ndarray]:
    texts = pa.array([r["text"] for r in rows])
    modes = mk.token_modes(len(rows), "auto", pa.array([r["lang"] for r in rows]))
    xs, off, _ = mk.shingle_hashes(texts, modes, ngram)
    return [np.unique(xs[off[i] : off[i + 1]]) for i in range(len(rows))]


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / max(1, len(a) + len(b) - inter)


def true_pairs(sets: list[np.ndarray], t: float) -> dict[tuple[int, int], float]:
    """Every pair with exact Jaccard >= t (prefix filtering + length filter + exact check)."""
    toks, docs = [], []
    for i, s in enumerate(sets):
        if len(s) == 0:
            continue
        p = len(s) - int(np.ceil(t * len(s) - 1e-9)) + 1
        toks.append(s[:p])
        docs.append(np.full(p, i, np.int64))
    if not toks:
        return {}
    tok, doc = np.concatenate(toks), np.concatenate(docs)
    order = np.lexsort((doc, tok))
    tok, doc = tok[order], doc[order]
    cuts = np.flatnonzero(np.diff(tok)) + 1
    cand: set[tuple[int, int]] = set()
    for grp in np.split(doc, cuts):
        if len(grp) > 1:
            g = np.unique(grp)
            for x in range(len(g)):
                for y in range(x + 1, len(g)):
                    cand.add((int(g[x]), int(g[y])))
    out = {}
    for a, b in cand:
        la, lb = len(sets[a]), len(sets[b])
        if min(la, lb) < t * max(la, lb):
            continue
        j = _jaccard(sets[a], sets[b])
        if j >= t:
            out[(a, b)] = j
    return out


def metrics(n: int, pairs: dict[tuple[int, int], float], removed: set[int]) -> dict:
    nbrs: dict[int, list[int]] = {}
    for a, b in pairs:
        nbrs.setdefault(a, []).append(b)
        nbrs.setdefault(b, []).append(a)
    good = sum(any(m not in removed for m in nbrs.get(d, [])) for d in removed)
    both_kept = sum(a not in removed and b not in removed for a, b in pairs)
    # groups: components of the true-duplicate graph
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for d in nbrs:
        groups.setdefault(find(d), []).append(d)
    lost = sum(all(d in removed for d in g) for g in groups.values())
    return {
        "docs": n,
        "true_pairs": len(pairs),
        "true_groups": len(groups),
        "removed": len(removed),
        "precision": round(good / max(1, len(removed)), 4),
        "recall": round(1 - both_kept / max(1, len(pairs)), 4),
        "groups_lost": lost,
        "removed_without_kept_near_copy": len(removed) - good,
    }


# --------------------------------------------------------------------------- the stage
def run_stage(ray, rows: list[dict], params: dict, work: str) -> tuple[set[int], dict]:
    from engine.operator import StageContext
    from operators.dedup.minhash import MinHashDedup

    tables = []
    step = max(1, len(rows) // 4 + 1)
    for start in range(0, len(rows), step):
        chunk = rows[start : start + step]
        t = pa.table(
            {
                "id": [r["id"] for r in chunk],
                "text": [r["text"] for r in chunk],
                "lang": [r["lang"] for r in chunk],
            }
        )
        tables.append(add_engine_columns(t, "eval.jsonl", start + 1))
    ds = ray.data.from_arrow(tables)
    ctx = StageContext(step_name="near_dedup", work_dir=work, num_cpus=2, input_blocks=len(tables))
    out = MinHashDedup(**params).run(ds, ctx)
    index = {r["id"]: i for i, r in enumerate(rows)}
    removed = set()
    for b in out.iter_batches(batch_format="pyarrow", batch_size=None):
        for r in b.select(["id", "_cf_removed_by"]).to_pylist():
            if r["_cf_removed_by"]:
                removed.add(index[r["id"]])
    return removed, ctx.report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clough", required=True)
    ap.add_argument("--en", required=True)
    ap.add_argument("--zh", required=True)
    ap.add_argument("--families", type=int, default=150, help="synthetic families per language")
    ap.add_argument("--singles", type=int, default=150, help="unrelated documents per language")
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cpus", type=int, default=2)
    args = ap.parse_args(argv)

    import ray

    corpora = {
        "clough": clough(args.clough),
        "en": synthetic(args.en, "en", args.families, args.singles, args.seed),
        "zh": synthetic(args.zh, "zh", args.families, args.singles, args.seed + 1),
    }
    corpora["all"] = corpora["clough"] + corpora["en"] + corpora["zh"]
    rng = random.Random(args.seed)
    for rows in corpora.values():
        rng.shuffle(rows)
    ray.init(
        address="local",
        num_cpus=args.cpus,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}},
    )
    ray.data.DataContext.get_current().enable_progress_bars = False
    results: dict = {"threshold": args.threshold}
    try:
        for name, rows in corpora.items():
            t0 = time.perf_counter()
            pairs = true_pairs(shingle_sets(rows, 5), args.threshold)
            res = {"truth_s": round(time.perf_counter() - t0, 2)}
            for label, extra in (("before", {"verify_keeper": False}), ("after", {})):
                removed, report = run_stage(
                    ray,
                    rows,
                    {"threshold": args.threshold, **extra},
                    tempfile.mkdtemp(prefix=f"eval_{name}_"),
                )
                res[label] = metrics(len(rows), pairs, removed)
                if "keeper_verification" in report:
                    res[label]["keeper_verification"] = report["keeper_verification"]
            results[name] = res
            print(json.dumps({name: res}), flush=True)
    finally:
        ray.shutdown()
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
