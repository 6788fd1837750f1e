"""The quality score: five dimensions, 0-100 each, a weighted total and a grade.

The dimensions follow the Chinese high-quality dataset evaluation practice
(completeness, accuracy, consistency, timeliness, uniqueness; cf. GB/T
36344-2018 "Information technology - Evaluation indicators for data
quality"). Every figure is computed from the run's profile (see
:mod:`engine.profiling`) over the documents written to ``data/`` ("kept",
``N`` of them), except the filter pass rate, which is about the input:

completeness
    ``100 * mean over required fields f of (kept documents where f is present
    and non-empty) / N``. Required fields: ``report.required_fields``
    (default ``id``, ``text``); empty = null, blank string or empty list.
accuracy
    the mean of the components that can be measured:
    *encoding* ``100 * (1 - documents with residual encoding damage / N)``
    (U+FFFD, C1 controls, UTF-8-read-as-cp1252 sequences);
    *language confidence* ``100 * mean lang_score`` (when ``language_id`` ran);
    *filter pass rate* ``100 * product over filter steps of docs_out /
    docs_in`` (the share of the input that passes every quality rule; in a
    profile, the share each filter would keep).
consistency
    the mean of: *schema* ``100 * documents in blocks where every column has
    its majority type (majority by documents; a column absent or all-null in
    a block does not count against it) / N``; *language*: with expected
    languages (``report.languages``, else the ``keep`` lists of
    ``language_id`` steps) ``100 * documents in an expected language / N``,
    otherwise ``100 * (1 - mean over shards, weighted by documents, of the
    total-variation distance between the shard's and the corpus' language
    distribution)``.
timeliness (only with ``report.date_field``)
    ``100 * documents dated within report.target_window_days before the run
    / documents with a readable date``.
uniqueness
    the mean of: *exact* ``100 * distinct texts / N`` (a K-minimum-values
    sketch, exact up to 4,096 documents, about 2 % error above) and, when an
    annotate-mode dedup wrote ``dup_keep``, *near-duplicate*
    ``100 * (1 - documents flagged dup_keep = false / documents annotated)``.

total
    ``sum(w_d * s_d) / sum(w_d)`` over the dimensions measured, weights
    from ``report.weights`` (default completeness 0.2, accuracy 0.25,
    consistency 0.2, timeliness 0.1, uniqueness 0.25). Grade: A >= 90,
    B >= 80, C >= 60, else D.
"""

from __future__ import annotations

from typing import Any

DIMENSIONS = ("completeness", "accuracy", "consistency", "timeliness", "uniqueness")

FORMULAS = {
    "completeness": "100 * mean over required fields of (kept docs with the field present and non-empty) / kept",
    "accuracy": "mean of: 100*(1 - encoding-damaged/kept); 100*mean lang_score; 100*product of filter pass rates",
    "consistency": "mean of: 100*docs in blocks whose column types all match the majority types/kept; 100*docs in expected languages/kept "
    "(or 100*(1 - mean shard language TV distance))",
    "timeliness": "100 * docs dated within target_window_days / docs with a readable date",
    "uniqueness": "mean of: 100*distinct texts/kept (KMV sketch); 100*(1 - near-dup flagged/annotated)",
    "total": "sum(weight*score)/sum(weight) over measured dimensions; A>=90, B>=80, C>=60, else D",
}


def grade(total: float) -> str:
    if total >= 90:
        return "A"
    if total >= 80:
        return "B"
    if total >= 60:
        return "C"
    return "D"


def _mean(parts: dict[str, float]) -> float | None:
    vals = [v for v in parts.values() if v is not None]
    return sum(vals) / len(vals) if vals else None


def _pct(x: float) -> float:
    return round(max(0.0, min(100.0, 100.0 * x)), 2)


def quality_score(
    summary: dict[str, Any], ops: list[dict[str, Any]], weights: dict[str, float]
) -> dict[str, Any]:
    """Score a summarized profile (``report["profile"]``) and the per-step figures."""
    n = summary.get("kept", 0)
    dims: dict[str, dict[str, Any]] = {}

    required = summary.get("required", {})
    comp = {f"field:{f}": _pct(c / n) if n else 0.0 for f, c in required.items()}
    dims["completeness"] = {"components": comp}

    acc: dict[str, float | None] = {"encoding": _pct(1 - summary.get("encoding_bad", 0) / n) if n else 0.0}
    ls = summary.get("signals", {}).get("lang_score")
    if ls and ls["kept"]["n"]:
        acc["language_confidence"] = _pct(ls["kept"]["mean"])
    rate, any_filter = 1.0, False
    for op in ops:
        if op.get("kind") != "filter":
            continue
        if "would_remove" in op:  # profile: what the filter would remove
            n_in = op["docs_in"]
            rem = sum(op["would_remove"].values())
        elif op.get("params", {}).get("mode", "filter") == "filter":
            n_in = op["docs_in"]
            rem = sum(op.get("removed", {}).values())
        else:
            continue
        if n_in:
            rate *= 1 - rem / n_in
            any_filter = True
    if any_filter:
        acc["filter_pass_rate"] = _pct(rate)
    dims["accuracy"] = {"components": acc}

    cons: dict[str, float | None] = {}
    agreement = summary.get("schema_agreement")
    if n and agreement:
        cons["schema"] = _pct(agreement["documents_agreeing"] / n)
    lang = summary.get("language_consistency")
    if lang is not None:
        cons["language"] = lang["score"]
    dims["consistency"] = {"components": cons}

    dates = summary.get("dates")
    if dates:
        dated = dates["dated"]
        dims["timeliness"] = {
            "components": {"within_window": _pct(dates["within_window"] / dated) if dated else 0.0}
        }

    uniq: dict[str, float | None] = {"exact": _pct(summary.get("distinct_texts", 0) / n) if n else 0.0}
    dup = summary.get("duplicates", {})
    if dup.get("annotated_kept"):
        uniq["near_duplicate"] = _pct(1 - dup["flagged_kept"] / dup["annotated_kept"])
    dims["uniqueness"] = {"components": uniq}

    for name, d in dims.items():
        score = _mean(d["components"])
        d["score"] = round(score, 2) if score is not None else None
        d["formula"] = FORMULAS[name]
    measured = {k: v["score"] for k, v in dims.items() if v["score"] is not None}
    wsum = sum(weights.get(k, 0.0) for k in measured)
    total = sum(weights.get(k, 0.0) * s for k, s in measured.items()) / wsum if wsum else 0.0
    return {
        "total": round(total, 2),
        "grade": grade(total),
        "dimensions": {k: dims[k] for k in DIMENSIONS if k in dims},
        "not_measured": [k for k in DIMENSIONS if k not in measured],
        "weights": {k: weights.get(k, 0.0) for k in DIMENSIONS},
        "formula": FORMULAS["total"],
    }
