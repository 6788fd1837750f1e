"""Precision, recall and throughput of content_filter beside a Python ``re`` alternation,
in one run.

Inputs (given at run time, never copied into the project): a directory of lexicons
(e.g. /work/shared/eval/lexicons_ldnoobw with en.txt and zh.txt, one term per line) and
an English and a Chinese corpus for background text (JSONL(.gz) with ``text``).

Generated documents (``--docs`` per language), built from real paragraphs that hold no
lexicon term (English: no term among the paragraph's lower-cased ``\\w+`` tokens or word
sequences; Chinese: no term as a substring):

* positives: a lexicon term inserted at a sentence boundary (English: as a word, random
  case; Chinese: inside the sentence);
* look-alike negatives: a harmless word that contains a term inserted the same way
  (English: corpus words that contain a short term, "class" for "ass", "Sussex" for
  "sex"; Chinese: words of the ``--allow`` list, compounds containing a term);
* plain negatives: the paragraph as it is (its own look-alikes included).

A document is flagged with C4's rule (any hit). Throughput: the same English documents
matched against a ``--terms`` lexicon (the English list plus generated made-up terms to
reach 5,000), MB/s per core (one process) for content_filter's ``apply`` and for one
compiled ``re`` alternation ``\\b(?:t1|t2|...)\\b`` (longest first, IGNORECASE) with
``findall`` per document.

Usage: python scripts/eval_content_filter.py --lexicons DIR --en EN.jsonl.gz --zh ZH.jsonl.gz
       [--allow ALLOW.txt] [--docs 2000] [--terms 5000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import string
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import columns as C  # noqa: E402
from operators.safety._lexicon import normalize_term, read_terms  # noqa: E402
from operators.safety.content_filter import ContentFilter  # noqa: E402


def paragraphs(path: str, limit: int) -> list[str]:
    out = []
    with (
        gzip.open(path, "rt", encoding="utf-8")
        if path.endswith(".gz")
        else open(path, encoding="utf-8") as fh
    ):
        for line in fh:
            for p in (json.loads(line).get("text") or "").split("\n"):
                if len(p) >= 80:
                    out.append(p.strip())
            if len(out) >= limit * 4:
                break
    return out


def clean_en(p: str, terms: set[str], multi: list[str]) -> bool:
    low = p.lower()
    toks = set(re.findall(r"\w+", low))
    return not (toks & terms) and not any(m in low for m in multi)


def insert(p: str, piece: str, rng: random.Random, zh: bool) -> str:
    cuts = [m.end() for m in re.finditer(r"[.!?。！？，,]\s*", p)] or [len(p)]
    c = rng.choice(cuts)
    return p[:c] + piece + p[c:] if zh else p[:c] + " " + piece + " " + p[c:]


def evaluate(op: ContentFilter, docs: list[str], labels: list[bool], lang: str) -> tuple[float, float, int]:
    t = C.add_engine_columns(
        pa.table({"id": [str(i) for i in range(len(docs))], "text": docs, "lang": [lang] * len(docs)}), "x", 1
    )
    keep = op.judge(t).keep  # op is set up by the caller
    flagged = ~np.asarray(keep, bool)
    y = np.asarray(labels, bool)
    tp = int((flagged & y).sum())
    prec = tp / max(int(flagged.sum()), 1)
    rec = tp / max(int(y.sum()), 1)
    return prec, rec, int((flagged & ~y).sum())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lexicons", required=True, help="directory with en.txt and zh.txt")
    ap.add_argument("--en", required=True)
    ap.add_argument("--zh", required=True)
    ap.add_argument("--allow", help="Chinese allow-list (harmless compounds containing terms), one per line")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--terms", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    lex = Path(args.lexicons)
    en_terms = sorted({normalize_term(t) for t in read_terms(lex / "en.txt")})
    zh_terms = sorted({normalize_term(t) for t in read_terms(lex / "zh.txt")})
    en_single = {t for t in en_terms if " " not in t}
    en_multi = [t for t in en_terms if " " in t]

    # ---- English
    paras = [p for p in paragraphs(args.en, args.docs) if clean_en(p, en_single, en_multi)]
    vocab = sorted({w for p in paras for w in re.findall(r"[A-Za-z]+", p)})
    short = [t for t in en_single if t.isalpha() and 3 <= len(t) <= 6]
    lookalikes = sorted(
        {w for w in vocab for t in short if t in w.lower() and w.lower() != t and w.lower() not in en_single}
    )
    docs, labels, kinds = [], [], []
    for i in range(min(args.docs, len(paras))):
        p = paras[i]
        k = i % 3
        if k == 0:
            t = rng.choice(en_terms)
            t = rng.choice([t, t.upper(), t.capitalize()])
            docs.append(insert(p, t, rng, False))
        elif k == 1 and lookalikes:
            docs.append(insert(p, rng.choice(lookalikes), rng, False))
        else:
            docs.append(p)
        labels.append(k == 0)
        kinds.append(k)
    # ---- Chinese
    zparas = [p for p in paragraphs(args.zh, args.docs) if not any(t in p for t in zh_terms)]
    allow = read_terms(args.allow) if args.allow else []
    zdocs, zlabels = [], []
    for i in range(min(args.docs, len(zparas))):
        p = zparas[i]
        k = i % 3
        if k == 0:
            zdocs.append(insert(p, rng.choice(zh_terms), rng, True))
        elif k == 1:  # an allow-list compound, else a term broken by an inserted character
            near = None
            if allow and rng.random() < 0.5:
                near = rng.choice(allow)
            while near is None:  # a split term that contains no other term (its halves may be terms)
                t = rng.choice([x for x in zh_terms if len(x) >= 2])
                cand = t[: len(t) // 2] + "的" + t[len(t) // 2 :]
                near = cand if not any(x in cand for x in zh_terms) else None
            zdocs.append(insert(p, near, rng, True))
        else:
            zdocs.append(p)
        zlabels.append(k == 0)

    with tempfile.TemporaryDirectory() as tmp:
        allow_path = Path(tmp) / "allow.txt"
        allow_path.write_text("\n".join(allow) + "\n", encoding="utf-8")
        op = ContentFilter(
            lexicons=[
                {"path": str(lex / "en.txt"), "category": "ldnoobw", "languages": ["en"]},
                {"path": str(lex / "zh.txt"), "category": "ldnoobw", "languages": ["zh"]},
            ],
            allow=[str(allow_path)] if allow else [],
        )
        op.ensure_setup()
        print(
            f"lexicons: en {len(en_terms)} terms, zh {len(zh_terms)} terms; "
            f"English look-alike words: {len(lookalikes)}"
            f" (e.g. {', '.join(lookalikes[:6])}); Chinese allow-list: {len(allow)}"
        )
        for name, d, y, lang in (("en", docs, labels, "en"), ("zh", zdocs, zlabels, "zh")):
            prec, rec, fp = evaluate(op, d, y, lang)
            print(
                f"{name}: {len(d)} docs, {sum(y)} with a term: precision {prec:.4f}, recall {rec:.4f}, "
                f"false positives {fp}"
            )
        # a plain re alternation on the same English look-alike documents (word boundaries)
        pat = re.compile(
            r"\b(?:" + "|".join(re.escape(t) for t in sorted(en_terms, key=len, reverse=True)) + r")\b", re.I
        )
        rf = np.array([bool(pat.search(x)) for x in docs])
        y = np.array(labels)
        print(
            f"en, re alternation \\b(...)\\b: precision {(rf & y).sum() / max(rf.sum(), 1):.4f}, "
            f"recall {(rf & y).sum() / y.sum():.4f}"
        )

        # ---- throughput with a --terms lexicon
        big = list(en_terms)
        while len(big) < args.terms:
            big.append("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 10))))
        big_path = Path(tmp) / "big.txt"
        big_path.write_text("\n".join(big) + "\n", encoding="utf-8")
        op2 = ContentFilter(lexicons=[{"path": str(big_path), "category": "x"}])
        op2.ensure_setup()
        mb = sum(len(x.encode()) for x in docs) / 1e6
        table = C.add_engine_columns(
            pa.table({"id": [str(i) for i in range(len(docs))], "text": docs}), "x", 1
        )
        t0 = time.perf_counter()
        for s in range(0, len(docs), 1000):
            op2.judge(table.slice(s, 1000))
        t_op = time.perf_counter() - t0
        pat2 = re.compile(
            r"\b(?:" + "|".join(re.escape(t) for t in sorted(big, key=len, reverse=True)) + r")\b", re.I
        )
        t0 = time.perf_counter()
        for x in docs:
            pat2.findall(x)
        t_re = time.perf_counter() - t0
        print(
            f"throughput, {len(big)} terms, {mb:.2f} MB English: content_filter {mb / t_op:.2f} MB/s, "
            f"re alternation {mb / t_re:.2f} MB/s (ratio {t_re / t_op:.1f}x)"
        )


if __name__ == "__main__":
    main()
