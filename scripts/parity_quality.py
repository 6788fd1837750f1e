"""Parity of the rule filters with a previous implementation of them (decisions and signals).

Runs gopher_quality, gopher_repetition, c4_quality and fineweb_quality at
their defaults, each on the same documents, once with this tree's code and
once with an older checkout's (``git worktree add /tmp/cf_q_old <commit>``),
each in its own subprocess (both are the package ``operators``), and prints
JSON per filter: the share of identical keep/remove decisions, of identical
reasons, of identical signal values per signal column (floats equal within
1e-9), and for c4_quality of identical rewritten texts. ``--ops`` picks the
operators (also normalize_text, whose rewritten texts are compared,
language_id and length_filter). ``--segmenter``
instead compares the Chinese words of ``segment.words_zh`` (rjieba) with
``words_zh_jieba`` (jieba) on the corpus: identical tokens (by character
span) and identical documents. CPU time per side is reported too
(``time.process_time``; the machine may be shared, so wall time is not).

    python scripts/parity_quality.py --old-root /tmp/cf_q_old \\
        --corpus /work/shared/corpora/en_web.jsonl.gz --language en --limit 2000
    python scripts/parity_quality.py --old-root /tmp/cf_q_old --ops normalize_text,language_id,length_filter \
        --corpus /work/shared/corpora/zh_news.jsonl.gz --language zh --limit 0
    python scripts/parity_quality.py --segmenter --corpus /work/shared/corpora/zh_reviews.jsonl.gz
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILTERS = ["gopher_quality", "gopher_repetition", "c4_quality", "fineweb_quality"]
# --ops may also name these (text steps before the filters); a mapper's rewritten text is compared
OTHER_OPS = ["normalize_text", "language_id", "length_filter"]
TEXT_OPS = ("c4_quality", "normalize_text")


def load(path: str, limit: int | None) -> list[str]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line).get("text") or "" for line in itertools.islice(f, limit)]


def dump(
    root: str, corpus: str, language: str, limit: int | None, batch: int, out: str, ops: list[str]
) -> None:
    """Child process: run each operator with the code under ``root``; pickle decisions and signals."""
    sys.path.insert(0, root)
    import pyarrow as pa

    from operators import BUILTIN, load_operator  # type: ignore

    classes = {name: (mod, cls) for name, mod, cls in BUILTIN}

    docs = load(corpus, limit)
    res = {}
    for name in ops:
        cls = load_operator(*classes[name])
        op = cls(language=language) if "language" in cls.Params.model_fields else cls()
        keep, reasons, cols, text = [], [], {}, []
        t0 = time.process_time()
        for i in range(0, len(docs), batch):
            t = pa.table(
                {"id": [str(j) for j in range(i, min(i + batch, len(docs)))], "text": docs[i : i + batch]}
            )
            if hasattr(op, "transform"):  # a mapper: every row kept, its text compared
                op.ensure_setup()
                scored, k, r = op.transform(t), [True] * t.num_rows, [None] * t.num_rows
            elif hasattr(op, "judge"):  # this tree's contract (engine/runner.py)
                op.ensure_setup()
                j = op.judge(t)
                scored, k, r = j.scored, j.keep, j.reasons
            else:  # a tree from before the runner: (scored, keep, reasons)
                scored, k, r = op.apply(t)
            keep.extend(bool(x) for x in k)
            reasons.extend(r)
            for c in scored.column_names:
                if c not in ("id", "text"):
                    cols.setdefault(c, []).extend(scored.column(c).to_pylist())
            text.extend(scored.column("text").to_pylist())
        res[name] = {
            "keep": keep,
            "reasons": reasons,
            "cols": cols,
            "cpu_s": time.process_time() - t0,
            "text": text if name in TEXT_OPS else None,
        }
    with open(out, "wb") as f:
        pickle.dump(res, f)


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b or abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def compare(old_root: str, corpus: str, language: str, limit: int | None, batch: int, ops: list[str]) -> dict:
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for side, root in (("old", old_root), ("new", str(ROOT))):
            out = f"{tmp}/{side}.pkl"
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--dump",
                    root,
                    out,
                    "--corpus",
                    corpus,
                    "--language",
                    language,
                    "--limit",
                    str(limit or 0),
                    "--batch",
                    str(batch),
                    "--ops",
                    ",".join(ops),
                ],
                check=True,
            )
            with open(out, "rb") as f:
                runs[side] = pickle.load(f)
    out = {"corpus": corpus, "language": language, "docs": None, "filters": {}}
    for name in ops:
        o, n = runs["old"][name], runs["new"][name]
        m = len(o["keep"])
        out["docs"] = m
        differ = [i for i in range(m) if o["keep"][i] != n["keep"][i]]
        sig = {}
        for c, vals in o["cols"].items():
            nv = n["cols"].get(c)
            sig[c] = None if nv is None else round(sum(_same(a, b) for a, b in zip(vals, nv)) / max(m, 1), 5)
        entry = {
            "decisions_identical": round(1 - len(differ) / max(m, 1), 5),
            "reasons_identical": round(
                sum(a == b for a, b in zip(o["reasons"], n["reasons"])) / max(m, 1), 5
            ),
            "kept_old": sum(o["keep"]),
            "kept_new": sum(n["keep"]),
            "signals_identical": sig,
            "cpu_s_old": round(o["cpu_s"], 2),
            "cpu_s_new": round(n["cpu_s"], 2),
            "differing_rows": [(i, o["reasons"][i], n["reasons"][i]) for i in differ[:10]],
        }
        if o["text"] is not None:
            entry["text_identical"] = round(sum(a == b for a, b in zip(o["text"], n["text"])) / max(m, 1), 5)
        out["filters"][name] = entry
    return out


def segmenter(corpus: str, limit: int | None) -> dict:
    sys.path.insert(0, str(ROOT))
    from operators.text.segment import words_zh, words_zh_jieba

    docs = load(corpus, limit)
    mb = sum(len(d.encode()) for d in docs) / 1e6
    words_zh("预热"), words_zh_jieba("预热")
    res = {}
    for name, f in (("jieba", words_zh_jieba), ("rjieba", words_zh)):
        t0 = time.process_time()
        res[name] = [f(d) for d in docs]
        res[name + "_mb_s_cpu"] = round(mb / max(time.process_time() - t0, 1e-9), 2)

    def spans(toks: list[str], text: str) -> set[tuple[int, int]]:
        out, pos = set(), 0
        for t in toks:  # whitespace tokens are dropped: locate each token in the text
            pos = text.index(t, pos)
            out.add((pos, pos + len(t)))
            pos += len(t)
        return out

    tot = agree = same_docs = 0
    for d, a, b in zip(docs, res["jieba"], res["rjieba"]):
        sa, sb = spans(a, d), spans(b, d)
        tot += len(sa)
        agree += len(sa & sb)
        same_docs += a == b
    return {
        "corpus": corpus,
        "docs": len(docs),
        "mb": round(mb, 2),
        "token_agreement": round(agree / max(tot, 1), 5),
        "docs_identical": round(same_docs / max(len(docs), 1), 5),
        "jieba_mb_s_cpu": res["jieba_mb_s_cpu"],
        "rjieba_mb_s_cpu": res["rjieba_mb_s_cpu"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--language", default="en")
    ap.add_argument("--limit", type=int, default=2000, help="documents (0: all)")
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--old-root", help="checkout of the previous implementation")
    ap.add_argument("--segmenter", action="store_true", help="compare rjieba with jieba instead")
    ap.add_argument(
        "--ops",
        default=",".join(FILTERS),
        help=f"operators to compare, comma-separated: {', '.join(FILTERS + OTHER_OPS)}",
    )
    ap.add_argument("--dump", nargs=2, metavar=("ROOT", "OUT"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    limit = a.limit or None
    ops = a.ops.split(",")
    unknown = sorted(set(ops) - set(FILTERS + OTHER_OPS))
    if unknown:
        ap.error(f"unknown --ops: {', '.join(unknown)}")
    if a.dump:
        dump(a.dump[0], a.corpus, a.language, limit, a.batch, a.dump[1], ops)
    elif a.segmenter:
        print(json.dumps(segmenter(a.corpus, limit), indent=1))
    else:
        if not a.old_root:
            ap.error("--old-root is required (git worktree add /tmp/cf_q_old <commit>)")
        print(json.dumps(compare(a.old_root, a.corpus, a.language, limit, a.batch, ops), indent=1))


if __name__ == "__main__":
    main()
