"""Turn a merged profile (:mod:`engine.profiling`) into the report's
``profile`` section: histograms with their bins, signal columns with the
step that wrote them and the thresholds that cut them, duplicate cluster
sizes, PII totals, ages, language consistency and distinct texts.

Everything here runs on the driver over bounded summaries.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine import profiling as P


@dataclass
class StepInfo:
    """What the summary needs to know about a pipeline step."""

    name: str
    op: str
    kind: str
    params: dict[str, Any]
    output_columns: dict[str, str] = field(default_factory=dict)
    # signal column -> the parameters that threshold it; None: read the operator's declaration
    thresholds: dict[str, list[str]] | None = None

    @classmethod
    def from_step(cls, step) -> StepInfo:
        return cls.from_class(step.name, step.op_cls, step.params.model_dump(mode="json"))

    @classmethod
    def from_class(cls, name: str, op_cls: Any, params: dict[str, Any]) -> StepInfo:
        """A step of operator class ``op_cls``, from the class's declarations (``signals``)."""
        return cls(
            name=name,
            op=op_cls.name,
            kind=op_cls.kind,
            params=params,
            output_columns=op_cls.columns(),
            thresholds=op_cls.signal_thresholds(),
        )


def _declared_thresholds(op: str) -> dict[str, list[str]]:
    """The thresholds operator ``op`` declares on its signals ({} when it is unknown here)."""
    from engine.config import resolve_operator

    cls = resolve_operator(op)
    return cls.signal_thresholds() if cls is not None else {}


AGE_BINS = [
    (None, 0, "future"),
    (0, 30, "<30 d"),
    (30, 90, "1-3 mo"),
    (90, 180, "3-6 mo"),
    (180, 365, "6-12 mo"),
    (365, 730, "1-2 y"),
    (730, 1826, "2-5 y"),
    (1826, 3652, "5-10 y"),
    (3652, None, ">10 y"),
]


def _template_match(template: str, column: str) -> str | None:
    """``gopher_top_{n}_gram_frac`` matches ``gopher_top_2_gram_frac`` -> ``"2"``;
    a plain name matches itself -> ``""``."""
    if "{n}" not in template:
        return "" if template == column else None
    rx = "^" + re.escape(template).replace(re.escape("{n}"), r"(\d+)") + "$"
    m = re.match(rx, column)
    return m.group(1) if m else None


def owner_of(column: str, steps: list[StepInfo]) -> StepInfo | None:
    """The last step whose ``output_columns`` name this column."""
    found = None
    for s in steps:
        if any(_template_match(t, column) is not None for t in s.output_columns):
            found = s
    return found


def thresholds_for(column: str, step: StepInfo) -> list[dict[str, Any]]:
    """Parameter values that cut this signal column (for plots), or []."""
    table = step.thresholds if step.thresholds is not None else _declared_thresholds(step.op)
    out = []
    for template, params in table.items():
        n = _template_match(template, column)
        if n is None:
            continue
        for pname in params:
            pname = pname.replace("{n}", n)
            value = _param_value(step.params, pname)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                out.append({"step": step.name, "param": pname, "value": float(value)})
    if not table:  # generic: min_<x>/max_<x> for column <x>, n_<x> or *_<x>
        for pname, value in step.params.items():
            m = re.match(r"^(min|max)_(.+)$", pname)
            if not m or not isinstance(value, (int, float)) or isinstance(value, bool):
                continue
            stem = m.group(2)
            if column in (stem, f"n_{stem}") or column.endswith("_" + stem):
                out.append({"step": step.name, "param": pname, "value": float(value)})
    return out


def _param_value(params: dict[str, Any], name: str) -> Any:
    m = re.match(r"^(\w+)\[(\w+)\]$", name)
    if m:
        d = params.get(m.group(1)) or {}
        return d.get(m.group(2), d.get(int(m.group(2))) if m.group(2).isdigit() else None)
    return params.get(name)


def hist_quantile(counts: list[int], edges: np.ndarray, q: float) -> float | None:
    """Quantile from a fixed-bin histogram ([under] + bins + [over]), interpolated
    geometrically inside a bin (linearly in a bin starting at 0)."""
    c = np.asarray(counts, dtype=np.float64)
    total = c.sum()
    if total == 0:
        return None
    target = q * total
    cum = np.cumsum(c)
    slot = int(np.searchsorted(cum, target, side="left"))
    if slot == 0:
        return float(edges[0])
    if slot >= len(edges):
        return float(edges[-1])
    lo, hi = float(edges[slot - 1]), float(edges[slot])
    prev = cum[slot - 1] if slot > 0 else 0.0
    frac = (target - prev) / c[slot] if c[slot] else 0.0
    if lo <= 0:
        return lo + frac * (hi - lo)
    return float(math.exp(math.log(lo) + frac * (math.log(hi) - math.log(lo))))


def _side(stats: dict[str, Any], bins: str) -> dict[str, Any]:
    return {
        "n": stats["n"],
        "mean": stats["sum"] / stats["n"] if stats["n"] else None,
        "hist": stats[bins],
    }


def summarize(
    raw: dict[str, Any] | None,
    steps: list[StepInfo],
    reference_time: float,
    date_field: str | None = None,
    target_window_days: int = 365,
    expected_languages: list[str] | None = None,
) -> dict[str, Any]:
    raw = raw or P.empty_profile()
    kept = raw["kept"]
    out: dict[str, Any] = {"docs": raw["docs"], "kept": kept}
    out["length"] = {
        "unit": "characters",
        "edges": P.LENGTH_EDGES.tolist(),
        "all": raw["length"]["all"],
        "kept": raw["length"]["kept"],
        "quantiles": {
            side: {
                f"p{int(q * 100)}": hist_quantile(raw["length"][side], P.LENGTH_EDGES, q)
                for q in (0.1, 0.5, 0.9)
            }
            for side in ("all", "kept")
        },
    }
    out["languages"] = {
        side: dict(sorted(raw["lang"][side].items(), key=lambda kv: (-kv[1], kv[0])))
        for side in ("all", "kept")
    }
    signals = {}
    for name, s in sorted(raw["signals"].items()):
        lo, hi = s["all"]["min"], s["all"]["max"]
        bins = "ratio" if lo is not None and lo >= 0 and hi <= 1 else "log"
        owner = owner_of(name, steps)
        signals[name] = {
            "written_by": owner.name if owner else None,
            "op": owner.op if owner else None,
            "bool": s["all"]["bool"],
            "bins": bins,
            "min": lo,
            "max": hi,
            "thresholds": thresholds_for(name, owner) if owner else [],
            "all": _side(s["all"], bins),
            "kept": _side(s["kept"], bins),
        }
    out["signals"] = signals
    out["bin_edges"] = {"ratio": P.RATIO_EDGES.tolist(), "log": P.LOG_EDGES.tolist()}
    out["removed_bytes"] = raw["removed_bytes"]

    clusters = raw["dup"]["clusters"]
    sizes: dict[int, int] = {}
    for n in clusters.values():
        sizes[n] = sizes.get(n, 0) + 1
    out["duplicates"] = {
        "clusters": len(clusters),
        "members": int(sum(clusters.values())),
        "cluster_sizes": {str(k): v for k, v in sorted(sizes.items())},
        "flagged_kept": raw["dup"]["flagged_kept"],
        "annotated_kept": raw["dup"]["annotated_kept"],
    }
    pii = raw["pii"]
    out["pii"] = {
        "entities_all": dict(sorted(pii["all"].items(), key=lambda kv: -kv[1])),
        "entities_kept": dict(sorted(pii["kept"].items(), key=lambda kv: -kv[1])),
        "docs_all": pii["docs_all"],
        "docs_kept": pii["docs_kept"],
        "measured": any("pii_counts" in s.output_columns for s in steps) or pii["docs_all"] > 0,
    }
    out["synthetic"] = {
        "kept": raw["synthetic"]["kept"],
        "all": raw["synthetic"]["all"],
        "share_kept": raw["synthetic"]["kept"] / kept if kept else 0.0,
    }
    out["encoding_bad"] = raw["encoding_bad"]
    out["required"] = raw["required"]
    out["schemas"] = [
        {"columns": sig, "rows": n}
        for sig, n in sorted(raw["schemas"].items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    out["schema_agreement"] = schema_agreement(out["schemas"])
    out["shards"] = len(raw["shards"])
    out["language_consistency"] = _language_consistency(raw, expected_languages)
    out["distinct_texts"] = round(P.distinct_estimate(raw["kmv"], kept), 1)
    out["distinct_exact"] = len(raw["kmv"]) < P.KMV_K
    if raw.get("sources"):
        out["sources"] = source_rollup(raw["sources"])
    if date_field:
        out["dates"] = _dates(raw.get("dates") or {}, date_field, reference_time, target_window_days, kept)
    return out


#: sources listed in the report's per-source safety rollup (most flagged first)
TOP_SOURCES = 50


def source_rollup(sources: dict[str, Any], top: int = TOP_SOURCES) -> dict[str, Any]:
    """The per-source safety rollup (``operators/_source.py``): the sources with the most
    flagged or removed documents, each with its flagged share, flags per label and removals per step."""

    def weight(kv):
        e = kv[1]
        return (-(e["flagged"] + sum(e["removed"].values())), -e["docs"], kv[0])

    ranked = sorted(sources.items(), key=weight)
    return {
        "sources": len(sources),
        "sources_flagged": sum(1 for e in sources.values() if e["flagged"]),
        "top": [
            {
                "source": k,
                "docs": e["docs"],
                "kept": e["kept"],
                "flagged": e["flagged"],
                "flagged_share": round(e["flagged"] / e["docs"], 4) if e["docs"] else 0.0,
                "flags": dict(sorted(e["flags"].items(), key=lambda kv: -kv[1])),
                "removed": e["removed"],
            }
            for k, e in ranked[:top]
        ],
    }


def parse_signature(sig: str) -> dict[str, str]:
    cols = {}
    for part in sig.split("; "):
        if ":" in part:
            name, typ = part.split(":", 1)
            cols[name] = typ
    return cols


def schema_agreement(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    """Type agreement across blocks: each column's majority type (by documents),
    and the documents in blocks where every column has its majority type. A
    column absent or all-null in a block is not a disagreement (that is
    completeness, not consistency)."""
    votes: dict[str, dict[str, int]] = {}
    parsed = [(parse_signature(s["columns"]), s["rows"]) for s in schemas]
    for cols, rows in parsed:
        for name, typ in cols.items():
            votes.setdefault(name, {})
            votes[name][typ] = votes[name].get(typ, 0) + rows
    majority = {name: max(v.items(), key=lambda kv: (kv[1], kv[0]))[0] for name, v in votes.items()}
    agreeing = sum(rows for cols, rows in parsed if all(majority[n] == t for n, t in cols.items()))
    conflicts = {n: v for n, v in votes.items() if len(v) > 1}
    return {"documents_agreeing": agreeing, "columns": majority, "conflicts": conflicts}


def _language_consistency(raw: dict[str, Any], expected: list[str] | None) -> dict[str, Any] | None:
    langs = raw["lang"]["kept"]
    kept = raw["kept"]
    if not langs or not kept:
        return None
    if expected:
        inside = sum(n for lang, n in langs.items() if lang in set(expected))
        return {
            "method": "expected_languages",
            "expected": sorted(expected),
            "score": round(100.0 * inside / kept, 2),
        }
    total = sum(langs.values())
    dist = {k: v / total for k, v in langs.items()}
    weighted, rows = 0.0, 0
    for shard in raw["shards"]:
        sl = shard.get("lang") or {}
        n = sum(sl.values())
        if not n:
            continue
        keys = set(sl) | set(dist)
        tvd = 0.5 * sum(abs(sl.get(k, 0) / n - dist.get(k, 0.0)) for k in keys)
        weighted += tvd * shard["rows"]
        rows += shard["rows"]
    mean_tvd = weighted / rows if rows else 0.0
    return {
        "method": "shard_agreement",
        "mean_tv_distance": round(mean_tvd, 4),
        "score": round(100.0 * (1 - mean_tvd), 2),
    }


def _dates(d: dict[str, Any], field: str, reference_time: float, window: int, kept: int) -> dict[str, Any]:
    ref_day = int(reference_time // 86400)
    days = {int(k): v for k, v in (d.get("days") or {}).items()}
    dated = sum(days.values())
    counts = [0] * len(AGE_BINS)
    within = 0
    for day, n in days.items():
        age = ref_day - day
        if 0 <= age <= window:
            within += n
        for i, (lo, hi, _label) in enumerate(AGE_BINS):
            if (lo is None or age >= lo) and (hi is None or age < hi):
                counts[i] += n
                break
    first = min(days) if days else None
    last = max(days) if days else None

    def iso(x):
        return str(np.datetime64(x, "D")) if x is not None else None

    return {
        "field": field,
        "dated": dated,
        "undated": kept - dated,
        "reference_date": iso(ref_day),
        "target_window_days": window,
        "within_window": within,
        "age_bins": [label for _lo, _hi, label in AGE_BINS],
        "age_counts": counts,
        "first_date": iso(first),
        "last_date": iso(last),
    }


def expected_languages(report_languages: list[str] | None, steps: list[StepInfo]) -> list[str] | None:
    if report_languages:
        return list(report_languages)
    keep: set[str] = set()
    for s in steps:
        if s.op == "language_id" and s.params.get("mode", "filter") == "filter":
            keep.update(s.params.get("keep") or [])
    return sorted(keep) or None
