"""Decision parity of our heuristic quality filters with datatrove's.

Runs gopher_quality, gopher_repetition, c4_quality and fineweb_quality and
datatrove's GopherQualityFilter, GopherRepetitionFilter, C4QualityFilter and
FineWebQualityFilter with the same (default) thresholds over a JSONL(.gz)
corpus with ``id``/``text``, and prints JSON: per filter the agreement on
keep/remove, the agreement on the reason among documents both remove, the
disagreeing documents (id, our reason, datatrove's reason) and, for C4, how
often the cleaned texts are identical.

datatrove is a measurement tool here, not a dependency:
``pip install --no-deps datatrove loguru huggingface_hub dill multiprocess humanize``
(after checking with ``--dry-run`` that nothing the engine pins changes).

    python scripts/parity_datatrove.py --corpus /work/shared/corpora/en_web.jsonl.gz
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from operators.quality.c4 import C4Quality  # noqa: E402
from operators.quality.fineweb import FineWebQuality  # noqa: E402
from operators.quality.gopher import GopherQuality, GopherRepetition  # noqa: E402

# datatrove reason -> our reason
REASON_MAP = {
    "gopher_short_doc": "gopher_short_doc",
    "gopher_long_doc": "gopher_long_doc",
    "gopher_below_avg_threshold": "gopher_mean_word_length_low",
    "gopher_above_avg_threshold": "gopher_mean_word_length_high",
    "gopher_too_many_hashes": "gopher_hash_ratio",
    "gopher_too_many_ellipsis": "gopher_ellipsis_ratio",
    "gopher_too_many_bullets": "gopher_bullet_lines",
    "gopher_too_many_end_ellipsis": "gopher_ellipsis_lines",
    "gopher_below_alpha_threshold": "gopher_alpha_words",
    "gopher_enough_stop_words": "gopher_stop_words",
    "empty": None,
    "dup_para_frac": "gopher_dup_para_frac",
    "dup_para_char_frac": "gopher_dup_para_char_frac",
    "dup_line_frac": "gopher_dup_line_frac",
    "dup_line_char_frac": "gopher_dup_line_char_frac",
    **{f"top_{n}_gram": f"gopher_top_{n}_gram" for n in (2, 3, 4)},
    **{f"duplicated_{n}_n_grams": f"gopher_dup_{n}_gram" for n in range(5, 11)},
    "lorem_ipsum": "c4_lorem_ipsum",
    "curly_bracket": "c4_curly_bracket",
    "too_few_sentences": "c4_too_few_sentences",
    "line_punct_ratio": "fineweb_line_punct_ratio",
    "short_line_ratio": "fineweb_short_line_ratio",
    "char_dup_ratio": "fineweb_char_dup_ratio",
    "list_ratio": "fineweb_list_ratio",
}


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--language", default="en", help="language for both implementations (en, zh)")
    ap.add_argument("--filters", default="gopher_quality,gopher_repetition,c4_quality,fineweb_quality")
    ap.add_argument("--max-listed", type=int, default=50, help="disagreeing documents listed per filter")
    args = ap.parse_args()

    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    docs = load(args.corpus, args.limit)
    table = pa.table({"id": [d["id"] for d in docs], "text": [d["text"] for d in docs]})
    pairs = {
        "gopher_quality": (
            GopherQuality(language=args.language),
            GopherQualityFilter(language=args.language),
        ),
        "gopher_repetition": (
            GopherRepetition(language=args.language),
            GopherRepetitionFilter(language=args.language),
        ),
        "c4_quality": (C4Quality(language=args.language), C4QualityFilter(language=args.language)),
        "fineweb_quality": (
            FineWebQuality(language=args.language),
            FineWebQualityFilter(language=args.language),
        ),
    }
    out: dict = {"corpus": args.corpus, "docs": len(docs), "language": args.language, "filters": {}}
    for name in args.filters.split(","):
        ours, theirs = pairs[name]
        j = ours.judge(table)  # score and decide (engine/operator.py Filter.judge)
        scored, keep, reasons = j.scored, j.keep, j.reasons
        our_texts = scored.column("text").to_pylist()
        agree = reason_agree = both_removed = same_text = both_kept = 0
        kinds: collections.Counter = collections.Counter()
        listed = []
        for i, d in enumerate(docs):
            doc = Document(text=d["text"], id=d["id"])
            r = theirs.filter(doc)
            their_keep = r is True or (isinstance(r, tuple) and r[0])
            their_reason = None if their_keep else REASON_MAP.get(r[1], r[1])
            our_keep = bool(keep[i])
            if our_keep == their_keep:
                agree += 1
                if not our_keep:
                    both_removed += 1
                    reason_agree += reasons[i] == their_reason or their_reason is None
                elif name == "c4_quality":
                    both_kept += 1
                    same_text += our_texts[i] == doc.text
            else:
                kinds[(reasons[i], their_reason)] += 1
                if len(listed) < args.max_listed:
                    listed.append(
                        {"id": d["id"], "ours": reasons[i] or "keep", "datatrove": their_reason or "keep"}
                    )
        res = {
            "agreement": round(agree / max(len(docs), 1), 5),
            "disagreements": len(docs) - agree,
            "removed_ours": int(sum(1 for k in keep if not k)),
            "reason_agreement_when_both_remove": round(reason_agree / both_removed, 5)
            if both_removed
            else None,
            "disagreement_kinds": [
                {"ours": a or "keep", "datatrove": b or "keep", "docs": c}
                for (a, b), c in kinds.most_common()
            ],
            "disagreeing_docs": listed,
        }
        if name == "c4_quality":
            res["identical_cleaned_text_when_both_keep"] = (
                round(same_text / both_kept, 5) if both_kept else None
            )
        out["filters"][name] = res
        print(f"{name}: agreement {res['agreement']:.4f}", file=sys.stderr)
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
