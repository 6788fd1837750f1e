"""Accuracy of ``language_id`` with sampling vs whole-text scoring on a labeled set.

Reads a JSONL(.gz) file with ``text`` and ``truth`` (ISO 639-1), e.g. the
lingua set in ../shared/eval (sentences and 6-sentence documents), and reports
as JSON, per group, the accuracy of the operator as configured (sampled) and
with ``sample_chars: null`` (whole text), their difference and their
agreement. Most labeled documents are shorter than the default sample, so a
third group, ``long``, joins ``--long-join`` documents of the same language
(about 3 KB each) to exercise the sampling itself.

    python scripts/eval_langid.py [--data PATH] [--sample-chars 1000] [--sample-chunks 4]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from operators.text.language import LanguageId

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "langid_lingua_20lang.jsonl.gz"


def read_rows(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predict(op: LanguageId, texts: list[str], batch: int = 512) -> list[str]:
    op.ensure_setup()  # load the model once (the engine does this in a run)
    out: list[str] = []
    for i in range(0, len(texts), batch):
        t = pa.table({"id": [str(j) for j in range(len(texts[i : i + batch]))], "text": texts[i : i + batch]})
        out += op.score(t).column("lang").to_pylist()
    return out


def evaluate(rows: list[dict], sampled: LanguageId, whole: LanguageId) -> dict:
    texts = [r["text"] for r in rows]
    truth = [r["truth"] for r in rows]
    ps, pw = predict(sampled, texts), predict(whole, texts)
    n = len(rows)
    acc_s = sum(a == t for a, t in zip(ps, truth)) / n
    acc_w = sum(a == t for a, t in zip(pw, truth)) / n
    longer = sum(len(t) > (sampled.params.sample_chars or 1 << 62) for t in texts)
    errors = defaultdict(int)
    for a, t in zip(ps, truth):
        if a != t:
            errors[f"{t}->{a}"] += 1
    return {
        "docs": n,
        "docs_longer_than_sample": longer,
        "mean_chars": round(sum(map(len, texts)) / n, 1),
        "accuracy_sampled": round(100 * acc_s, 2),
        "accuracy_whole": round(100 * acc_w, 2),
        "delta_points": round(100 * (acc_s - acc_w), 2),
        "agreement_sampled_vs_whole": round(100 * sum(a == b for a, b in zip(ps, pw)) / n, 2),
        "top_errors_sampled": dict(sorted(errors.items(), key=lambda kv: -kv[1])[:8]),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--model-path", default=None, help="fastText LID model (default: bundled lid.176.ftz)")
    ap.add_argument(
        "--sample-chars", type=int, default=LanguageId.Params.model_fields["sample_chars"].default
    )
    ap.add_argument(
        "--sample-chunks", type=int, default=LanguageId.Params.model_fields["sample_chunks"].default
    )
    ap.add_argument("--long-join", type=int, default=5, help="documents joined per synthetic long document")
    args = ap.parse_args(argv)

    rows = read_rows(args.data)
    sampled = LanguageId(
        model_path=args.model_path, sample_chars=args.sample_chars, sample_chunks=args.sample_chunks
    )
    whole = LanguageId(model_path=args.model_path, sample_chars=None)

    groups: dict[str, list[dict]] = {"all": rows}
    for r in rows:
        groups.setdefault(r.get("kind", "all_kinds"), []).append(r)
    by_lang: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r.get("kind") == "doc":
            by_lang[r["truth"]].append(r["text"])
    k = args.long_join
    groups["long"] = [
        {"text": "\n".join(v[i : i + k]), "truth": lang}
        for lang, v in sorted(by_lang.items())
        for i in range(0, len(v) - k + 1, k)
    ]
    report = {
        "data": str(args.data),
        "model": sampled.model_path,
        "sample_chars": args.sample_chars,
        "sample_chunks": args.sample_chunks,
        "groups": {name: evaluate(g, sampled, whole) for name, g in groups.items() if g},
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
