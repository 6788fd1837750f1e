"""Precision and recall of ``pii_redact`` per entity.

1. A synthetic set from Faker (en_US, zh_CN) values in everyday English and
   Chinese sentences, hard negatives (order and tracking numbers, ISBN-13,
   timestamps, IDs with a wrong check digit and no context, cards failing
   Luhn) and mistyped IDs next to an ID context word (see ``pii_synth.py``).
2. Technical decoys (versions, build ids, IPs, dates, order numbers, ISBNs,
   coordinates, timestamps, prices, file sizes, hashes, UUIDs; English and
   Chinese): the share left intact; and recall of phone numbers written in
   varied formats.
3. Recall on the public labeled sets when their paths are given
   (``--eval-dir ../shared/eval`` or one flag per file).

A prediction is correct when it overlaps a gold span of the same entity
(``exact_recall``: the same start and end);
CREDIT_CARD and CN_BANK_CARD count as one (PAYMENT_CARD) and, on public sets,
"phone" means PHONE_NUMBER, CN_MOBILE or CN_LANDLINE. ``any_recall`` counts a
gold span as covered when any finding overlaps it (what redaction needs).

    python scripts/eval_pii.py --per-entity 300 --eval-dir ../shared/eval
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from operators.pii import PiiRedact  # noqa: E402
from operators.pii.checksums import cn_id_checksum_ok, cn_id_structure_ok  # noqa: E402

GROUP = {"CREDIT_CARD": "PAYMENT_CARD", "CN_BANK_CARD": "PAYMENT_CARD"}
PHONE = {"PHONE_NUMBER", "CN_MOBILE", "CN_LANDLINE"}


def group(entity: str) -> str:
    return GROUP.get(entity, entity)


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def score_synthetic(op: PiiRedact, samples) -> dict:
    tp_pred, n_pred, hit_gold, n_gold, any_gold = (defaultdict(int) for _ in range(5))
    by_kind = defaultdict(lambda: [0, 0])  # kind -> [documents with a false finding, documents]

    def by_lang(g: str, lang: str) -> str:  # PERSON and ADDRESS per language
        return f"{g}({lang})" if g in ("PERSON", "ADDRESS") and lang else g

    for s in samples:
        preds = op.find(s.text)
        gold = [(group(e), a, b) for e, a, b in s.spans]
        false_here = False
        for f in preds:
            g = group(f.entity)
            n_pred[by_lang(g, s.lang)] += 1
            if any(gg == g and overlaps(f.start, f.end, a, b) for gg, a, b in gold):
                tp_pred[by_lang(g, s.lang)] += 1
            else:
                false_here = True
        for g, a, b in gold:
            key = by_lang(g, s.lang) if s.kind != "mistyped_id" else "CN_ID_CARD(mistyped, context)"
            n_gold[key] += 1
            hit_gold[key] += any(group(f.entity) == g and overlaps(f.start, f.end, a, b) for f in preds)
            any_gold[key] += any(overlaps(f.start, f.end, a, b) for f in preds)
        by_kind[s.kind][0] += false_here
        by_kind[s.kind][1] += 1
    entities = sorted(set(n_gold) | set(n_pred))
    table = {}
    for e in entities:
        table[e] = {
            "gold": n_gold.get(e, 0),
            "predicted": n_pred.get(e, 0),
            "precision": round(tp_pred[e] / n_pred[e], 4) if n_pred.get(e) else None,
            "recall": round(hit_gold[e] / n_gold[e], 4) if n_gold.get(e) else None,
            "any_recall": round(any_gold[e] / n_gold[e], 4) if n_gold.get(e) else None,
        }
    negatives = by_kind.get("negative", [0, 0])
    return {
        "per_entity": table,
        "hard_negative_docs": negatives[1],
        "hard_negative_docs_flagged": negatives[0],
    }


def score_decoys(op: PiiRedact, gen, per_language: int) -> dict:
    """Technical look-alikes (versions, build ids, IPs, dates, order numbers, ISBNs,
    coordinates, timestamps, prices, file sizes, hashes, UUIDs): a decoy is kept
    when no finding of a not-allowed entity overlaps it."""
    kinds = defaultdict(lambda: [0, 0])  # kind -> [kept, total]
    lost_examples = []
    for lang in ("en", "zh"):
        for _ in range(per_language):
            sample, allowed = gen.decoy(lang)
            _, a, b = sample.spans[0]
            hit = [
                f for f in op.find(sample.text) if f.entity not in allowed and overlaps(f.start, f.end, a, b)
            ]
            key = f"{lang}:{sample.kind.split(':', 1)[1]}"
            kinds[key][1] += 1
            if hit:
                if len(lost_examples) < 20:
                    lost_examples.append([sample.text, [f.entity for f in hit]])
            else:
                kinds[key][0] += 1
    kept = sum(k for k, _ in kinds.values())
    total = sum(t for _, t in kinds.values())
    return {
        "decoys": total,
        "kept_pct": round(100 * kept / total, 2) if total else None,
        "kept_pct_by_kind": {k: round(100 * v[0] / v[1], 1) for k, v in sorted(kinds.items())},
        "lost_examples": lost_examples,
    }


def score_phone_formats(op: PiiRedact, gen, per_language: int) -> dict:
    """Recall of phone numbers in the formats people write ("(555) 123-4567",
    "+44 20 7946 0958", "400-800-8888", "555-123-4567 ext. 89", ...): found when
    a phone-type finding (PHONE_NUMBER, CN_MOBILE, CN_LANDLINE) overlaps the value."""
    found = defaultdict(lambda: [0, 0])
    missed = []
    for lang in ("en", "zh"):
        for _ in range(per_language):
            s = gen.phone_sample(lang)
            _, a, b = s.spans[0]
            ok = any(f.entity in PHONE and overlaps(f.start, f.end, a, b) for f in op.find(s.text))
            found[lang][0] += ok
            found[lang][1] += 1
            if not ok and len(missed) < 20:
                missed.append(s.text)
    return {
        "recall": {k: round(v[0] / v[1], 4) for k, v in sorted(found.items())},
        "numbers": {k: v[1] for k, v in sorted(found.items())},
        "missed_examples": missed,
    }


def score_lookalikes(op: PiiRedact, gen, per_language: int) -> dict:
    """Sentences whose words look like names or addresses (王者, 高兴, 张家界, "Virginia
    Beach", "Visual Studio Code"): the share with no PERSON or ADDRESS finding."""
    kept = defaultdict(lambda: [0, 0])
    flagged = []
    for lang in ("en", "zh"):
        for _ in range(per_language):
            s = gen.lookalike(lang)
            hit = [s.text[f.start : f.end] for f in op.find(s.text) if f.entity in ("PERSON", "ADDRESS")]
            kept[lang][1] += 1
            if hit:
                if len(flagged) < 20 and [s.text, hit] not in flagged:
                    flagged.append([s.text, hit])
            else:
                kept[lang][0] += 1
    return {
        "kept_pct": {k: round(100 * v[0] / v[1], 2) for k, v in sorted(kept.items())},
        "sentences": {k: v[1] for k, v in sorted(kept.items())},
        "flagged_examples": flagged,
    }


def _read(path: str):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


PUBLIC_TYPES = {
    "CREDIT_CARD": {"CREDIT_CARD", "CN_BANK_CARD"},
    "credit_card_number": {"CREDIT_CARD", "CN_BANK_CARD"},
    "PHONE_NUMBER": PHONE,
    "PHONE": PHONE,
    "phone_number": PHONE,
    "EMAIL_ADDRESS": {"EMAIL_ADDRESS"},
    "EMAIL": {"EMAIL_ADDRESS"},
    "email": {"EMAIL_ADDRESS"},
    "US_SSN": {"US_SSN"},
    "ssn": {"US_SSN"},
    "IP_ADDRESS": {"IP_ADDRESS"},
    "ip_address": {"IP_ADDRESS"},
    "IBAN_CODE": {"IBAN_CODE"},
    "CN_ID_CARD": {"CN_ID_CARD"},
    "PERSON": {"PERSON"},
    "name": {"PERSON"},
    "ADDRESS": {"ADDRESS"},
    "STREET_ADDRESS": {"ADDRESS"},
    "address": {"ADDRESS"},
}
_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+", re.I)
#: Entities whose precision is measured on the public sets (their files label every
#: PERSON / address: a prediction overlapping no gold span of its type is false).
PUBLIC_PRECISION = ("PERSON", "ADDRESS")


def score_public(op: PiiRedact, path: str) -> dict:
    """Recall per gold type (overlap and exact span), and precision of PERSON and
    ADDRESS predictions: ``precision`` counts a prediction correct when it overlaps
    a gold span of its type; ``precision_mentions`` also when its text is (part
    of) a gold value of its type in the same document (MultiPriv labels only a
    name's first mention, so "Bobby" three sentences after "Bobby Jackson" is
    unlabelled but right)."""
    n, hit, exact, any_hit = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    p_n, p_ok, p_ok_mentions = defaultdict(int), defaultdict(int), defaultdict(int)
    false_examples = defaultdict(list)
    unexplained = 0
    docs = 0
    labelled = set()
    for row in _read(path):
        docs += 1
        text = row["text"]
        preds = op.find(text)
        spans = [s for s in row["spans"] if s.get("start") is not None]
        for s in spans:
            labelled |= PUBLIC_TYPES.get(s["type"], set())
        for f in preds:
            if not any(overlaps(f.start, f.end, s["start"], s["end"]) for s in spans):
                unexplained += 1
            if f.entity in PUBLIC_PRECISION:
                same = [s for s in spans if f.entity in PUBLIC_TYPES.get(s["type"], ())]
                ok = any(overlaps(f.start, f.end, s["start"], s["end"]) for s in same)
                value = _TITLE.sub(
                    "", text[f.start : f.end]
                )  # "Dr. Donna Martinez": the name is after the title
                unplaced = [
                    u.get("value", "")
                    for u in row.get("not_found_verbatim", [])
                    if f.entity in PUBLIC_TYPES.get(u["type"], ())
                ]
                ok_m = (
                    ok
                    or any(value in s.get("value", "") for s in same)
                    or any(value.lower() in u.lower() for u in unplaced)
                )
                p_n[f.entity] += 1
                p_ok[f.entity] += ok
                p_ok_mentions[f.entity] += ok_m
                if not ok_m and len(false_examples[f.entity]) < 8:
                    false_examples[f.entity].append(value)
        for s in spans:
            wanted = PUBLIC_TYPES.get(s["type"])
            if wanted is None:
                continue
            key = s["type"]
            if "checksum_valid" in s:
                key += "(checksum_valid)" if s["checksum_valid"] else "(checksum_invalid)"
            n[key] += 1
            hit[key] += any(
                f.entity in wanted and overlaps(f.start, f.end, s["start"], s["end"]) for f in preds
            )
            exact[key] += any(
                f.entity in wanted and (f.start, f.end) == (s["start"], s["end"]) for f in preds
            )
            any_hit[key] += any(overlaps(f.start, f.end, s["start"], s["end"]) for f in preds)
    precision = {
        e: {
            "predicted": p_n[e],
            "precision": round(p_ok[e] / p_n[e], 4),
            "precision_mentions": round(p_ok_mentions[e] / p_n[e], 4),
            "false_examples": false_examples[e],
        }
        for e in PUBLIC_PRECISION
        if p_n[e] and e in labelled
    }
    return {
        "docs": docs,
        "recall": {
            k: {
                "gold": n[k],
                "recall": round(hit[k] / n[k], 4),
                "exact_recall": round(exact[k] / n[k], 4),
                "any_recall": round(any_hit[k] / n[k], 4),
            }
            for k in sorted(n)
        },
        "precision": precision,
        "findings_outside_gold_spans": unexplained,
    }


def score_stdnum(path: str) -> dict:
    agree = total = 0
    for row in _read(path):
        if row["call"] != "ric.validate":
            continue
        expected_valid = not row["expected"].startswith("Invalid")
        ours = cn_id_structure_ok(row["input"]) and cn_id_checksum_ok(row["input"])
        total += 1
        agree += ours == expected_valid
    return {"validate_cases": total, "agree": agree}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-entity", type=int, default=200, help="synthetic sentences per entity and language")
    ap.add_argument("--negatives", type=int, default=400, help="hard-negative sentences per language")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--decoys", type=int, default=1000, help="technical decoy sentences per language")
    ap.add_argument("--phones", type=int, default=500, help="phone numbers in varied formats per language")
    ap.add_argument(
        "--lookalikes", type=int, default=300, help="name/address look-alike sentences per language"
    )
    ap.add_argument("--eval-dir", help="directory with the public pii_*.jsonl.gz sets")
    ap.add_argument("--presidio-synth")
    ap.add_argument("--multipriv-zh")
    ap.add_argument("--multipriv-en")
    ap.add_argument("--nemo")
    ap.add_argument("--stdnum")
    ap.add_argument(
        "--show-examples",
        action="store_true",
        help="print the texts behind the figures (misses, false findings, flagged look-alikes); "
        "without it only their counts are printed, since they are personal data",
    )
    args = ap.parse_args(argv)

    from pii_synth import Generator

    op = PiiRedact(mode="annotate")
    op.ensure_setup()
    t0 = time.perf_counter()
    samples = Generator(args.seed).dataset(args.per_entity, args.negatives)
    report: dict = {"synthetic": score_synthetic(op, samples)}
    report["synthetic"]["sentences"] = len(samples)
    report["technical_decoys"] = score_decoys(op, Generator(args.seed + 1), args.decoys)
    report["phone_formats"] = score_phone_formats(op, Generator(args.seed + 2), args.phones)
    report["name_address_lookalikes"] = score_lookalikes(op, Generator(args.seed + 3), args.lookalikes)

    files = {
        "presidio_research_synth": args.presidio_synth or "pii_en_presidio_research_synth.jsonl.gz",
        "multipriv_zh": args.multipriv_zh or "pii_zh_multipriv.jsonl.gz",
        "multipriv_en": args.multipriv_en or "pii_en_multipriv.jsonl.gz",
        "nemo_curator_tests": args.nemo or "pii_en_nemo_curator_tests.jsonl.gz",
    }
    explicit = any([args.presidio_synth, args.multipriv_zh, args.multipriv_en, args.nemo])
    public = {}
    for name, f in files.items():
        path = (
            Path(args.eval_dir) / f
            if args.eval_dir and not Path(f).is_absolute() and not Path(f).exists()
            else Path(f)
        )
        if (args.eval_dir or explicit) and path.exists():
            public[name] = score_public(op, str(path))
    stdnum = args.stdnum or (
        str(Path(args.eval_dir) / "pii_zh_cn_ric_stdnum_cases.jsonl.gz") if args.eval_dir else None
    )
    if stdnum and Path(stdnum).exists():
        public["stdnum_cn_ric"] = score_stdnum(stdnum)
    if public:
        report["public"] = public
    report["seconds"] = round(time.perf_counter() - t0, 2)
    if not args.show_examples:
        report = hide_examples(report)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return report


def hide_examples(node):
    """The report with every ``*_examples`` list (raw names, addresses, phone numbers from the
    sets) replaced by its length: the figures say how many, ``--show-examples`` says which."""
    if isinstance(node, dict):
        return {
            k: (len(v) if k.endswith("_examples") and isinstance(v, list) else hide_examples(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [hide_examples(v) for v in node]
    return node


if __name__ == "__main__":
    main()
