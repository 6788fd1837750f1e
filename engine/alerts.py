"""Drift alerts: ``report.alerts`` checked at the end of a run against
``release.parent`` (issue #15: 实时追踪与波动预警, fluctuation alerts).

Checks (each only when its limit is set):

* ``min_kept_fraction``: output_docs / input_docs of this run (no parent needed);
* ``max_quality_drop``: the parent's quality total minus this run's (points);
* ``max_language_share_change``: the largest |share here - share there| of one
  language among the kept documents (report profile);
* ``max_psi``: the largest population stability index of a numeric signal
  column present in both releases' data (engine/diff.py, streamed).

A violation is listed in ``report.json`` (``alerts``), the card and the
console, and ``corpusforge run`` exits with status ``ALERT_EXIT`` after the
output is completely written, so a scheduler can hold the release back.
"""

from __future__ import annotations

from typing import Any

import pyarrow.fs as pafs

ALERT_EXIT = 3


def check_alerts(
    cfg: Any, report: dict[str, Any], fs: pafs.FileSystem, out_dir: str
) -> dict[str, Any] | None:
    """The ``alerts`` entry of the report, or None when no limit is configured."""
    limits = {k: v for k, v in cfg.report.alerts.model_dump().items() if v is not None}
    if not limits:
        return None
    from engine.diff import Side, language_shares, signal_shift

    checks: list[dict[str, Any]] = []
    notes: list[str] = []

    def check(name: str, value: float | None, limit: float, ok: bool, detail: str) -> None:
        checks.append(
            {
                "check": name,
                "value": None if value is None else round(value, 6),
                "limit": limit,
                "ok": ok,
                "detail": detail,
            }
        )

    if "min_kept_fraction" in limits:
        frac = report.get("output_docs", 0) / max(report.get("input_docs", 0), 1)
        lim = limits["min_kept_fraction"]
        check(
            "min_kept_fraction",
            frac,
            lim,
            frac >= lim,
            f"kept {frac:.4f} of the input documents (minimum {lim})",
        )
    parent = None
    if cfg.release.parent:
        parent = Side(cfg.release.parent, cfg.storage)
    elif set(limits) - {"min_kept_fraction"}:
        notes.append("no release.parent: only min_kept_fraction was checked")
    if parent is not None:
        if "max_quality_drop" in limits:
            before = (parent.report.get("quality") or {}).get("total")
            after = (report.get("quality") or {}).get("total")
            lim = limits["max_quality_drop"]
            if before is None or after is None:
                notes.append("max_quality_drop: a quality total is missing")
            else:
                drop = before - after
                check(
                    "max_quality_drop",
                    drop,
                    lim,
                    drop <= lim,
                    f"quality total {before} -> {after} (drop {drop:.2f})",
                )
        if "max_language_share_change" in limits:
            a, b = language_shares(parent.report), language_shares(report)
            lim = limits["max_language_share_change"]
            change = {k: abs(b.get(k, 0.0) - a.get(k, 0.0)) for k in set(a) | set(b)}
            worst = max(change, key=change.get) if change else None
            v = change[worst] if worst else 0.0
            check(
                "max_language_share_change",
                v,
                lim,
                v <= lim,
                f"largest change: {worst} {a.get(worst, 0.0):.3f} -> {b.get(worst, 0.0):.3f}"
                if worst
                else "no languages",
            )
        if "max_psi" in limits:
            shift = signal_shift(parent, Side(out_dir, fs=fs, root=out_dir))
            lim = limits["max_psi"]
            scored = {c: s["psi"] for c, s in shift.items() if s["psi"] is not None}
            if not scored:
                notes.append("max_psi: no numeric signal column in both releases")
            else:
                worst = max(scored, key=scored.get)
                over = sorted(c for c, v in scored.items() if v > lim)
                check(
                    "max_psi",
                    scored[worst],
                    lim,
                    not over,
                    f"largest PSI: {worst} {scored[worst]:.4f}"
                    + (f"; over the limit: {', '.join(over)}" if over else ""),
                )
    violations = [f"{c['check']}: {c['detail']} (limit {c['limit']})" for c in checks if not c["ok"]]
    return {
        "parent": cfg.release.parent,
        "limits": limits,
        "checks": checks,
        "violations": violations,
        "ok": not violations,
        "notes": notes,
    }
