"""``OUT/report.html``: the run report as one self-contained page.

Plots are inline SVG written by ``engine/svg_plot.py`` (text kept as text, so
Chinese labels render with the reader's fonts); the page has no script, no
external stylesheet, image or font, and opens offline. Rendering depends only
on ``report.json``, and is byte-for-byte deterministic (no ids, no dates), so
``corpusforge report OUT`` reproduces the same file. A step's removals are read
under one name per kind of report (:func:`removals_key`): ``ops[].removed`` of a
run, ``ops[].would_remove`` of ``corpusforge profile``, never either one.
"""

from __future__ import annotations

import html
import io
import re
import warnings
from typing import Any

from engine import svg_plot

COLORS = {"all": "#b8c4d6", "kept": "#2f5d9e", "removed": "#c8553d", "accent": "#e0a030", "ok": "#3a8f5c"}
GRADE_COLORS = {"A": "#2e8b57", "B": "#6b9e2f", "C": "#d89b1f", "D": "#c0392b"}


# ------------------------------------------------------------------ plotting
# matplotlib figures: engine/diff.py's drift histograms (this page uses engine/svg_plot.py)
def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=96)
    return fig


def _svg(fig) -> str:
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    FigureCanvasSVG(fig)
    buf = io.StringIO()
    with (
        matplotlib.rc_context(
            {
                "svg.fonttype": "none",
                "svg.hashsalt": "corpusforge",
                "font.family": ["DejaVu Sans", "sans-serif"],
            }
        ),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")  # missing CJK glyphs in the measuring font
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    return re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
    ax.set_axisbelow(True)


def _hbar(
    items: list[tuple[str, float]],
    title: str,
    xlabel: str,
    color: str | list[str] = COLORS["kept"],
    annotate: bool = True,
    fmt=lambda v: f"{v:,.0f}",
) -> str:
    return svg_plot.hbar(items, title, xlabel, color, annotate, fmt)


def _histogram(
    edges: list[float],
    series: list[tuple[str, list[int], str]],
    title: str,
    xlabel: str,
    log_x: bool,
    marks: list[tuple[float, str]] = (),
    log_y: bool = False,
) -> str:
    """Step histograms over fixed bins ([under] + bins + [over] counts)."""
    return svg_plot.histogram(
        edges, series, title, xlabel, log_x, marks, log_y, removed_color=COLORS["removed"]
    )


def _bars(
    labels: list[str],
    values: list[float],
    title: str,
    ylabel: str,
    color: str = COLORS["kept"],
    highlight: list[bool] | None = None,
    log_y: bool = False,
) -> str:
    colors = [COLORS["accent"] if h else color for h in highlight] if highlight else color
    return svg_plot.bars(labels, [("", values, colors)], title, ylabel, log_y=log_y)


# ------------------------------------------------------------------ page parts
def _e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _n(x: Any) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.2f}"
    if isinstance(x, int):
        return f"{x:,}"
    return _e(x)


def _mb(b: float | None) -> str:
    if not b:
        return "0 B"
    for unit, div in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if b >= div:
            return f"{b / div:,.2f} {unit}"
    return f"{b:,.0f} B"


def _table(head: list[str], rows: list[list[Any]], cls: str = "") -> str:
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{c if isinstance(c, _Raw) else _n(c)}</td>" for c in r) + "</tr>" for r in rows
    )
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


class _Raw(str):
    """Already-escaped HTML for a table cell."""


def _section(title: str, body: str, anchor: str) -> str:
    return f'<section id="{anchor}"><h2>{_e(title)}</h2>{body}</section>'


def _figure_html(svg: str, caption: str = "") -> str:
    cap = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    return f"<figure>{svg}{cap}</figure>"


CSS = """
body{font-family:-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1f3a60;color:#fff;padding:22px 32px}
header h1{margin:0 0 4px;font-size:24px} header p{margin:2px 0;opacity:.85;font-size:13px}
main{max-width:1180px;margin:0 auto;padding:16px 24px 48px}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:14px 22px;margin:16px 0}
h2{font-size:18px;margin:6px 0 12px;color:#1f3a60}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:12px 18px;min-width:140px}
.card .v{font-size:22px;font-weight:600} .card .k{font-size:12px;color:#5b6475}
.grade{display:inline-block;color:#fff;border-radius:6px;padding:2px 12px;font-weight:700;font-size:22px}
table{border-collapse:collapse;font-size:12.5px;margin:8px 0;width:100%}
th,td{border-bottom:1px solid #e6e8ec;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f1f3f6;font-weight:600}
td:not(:first-child){font-variant-numeric:tabular-nums}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:8px}
figure{margin:6px 0} figure svg{max-width:100%;height:auto} figcaption{font-size:12px;color:#5b6475}
.ok{color:#2e8b57;font-weight:600} .bad{color:#c0392b;font-weight:600} .muted{color:#6b7280;font-size:12.5px}
code{background:#f1f3f6;padding:1px 4px;border-radius:3px;font-size:12px}
nav a{color:#cfe0ff;margin-right:12px;font-size:13px;text-decoration:none}
"""


def render_html(report: dict[str, Any]) -> str:
    """The whole page, from a report dict (``report.json``)."""
    prof = report.get("profile") or {}
    quality = report.get("quality") or {}
    parts: list[str] = []
    parts.append(_overview(report, quality))
    if report.get("alerts"):
        parts.append(_alerts_section(report["alerts"]))
    if quality:
        parts.append(_quality_section(quality))
    parts.append(_funnel_section(report, prof))
    if prof:
        if prof.get("languages", {}).get("all"):
            parts.append(_language_section(prof))
        parts.append(_length_section(prof))
        if prof.get("signals"):
            parts.append(_signals_section(prof))
        parts.append(_duplicates_section(report, prof))
        parts.append(_pii_section(prof))
        parts.append(_synthetic_section(report, prof))
        if prof.get("dates"):
            parts.append(_dates_section(prof))
    parts.append(_quarantine_section(report))
    parts.append(_files_section(report))
    title = f"{report.get('name', 'corpusforge')} · corpusforge report"
    kind = "profile of raw input" if report.get("kind") == "profile" else "run report"
    sub = (
        f"{_e(kind)} · finished {_e(report.get('finished_at', ''))} · {_n(report.get('seconds'))} s · "
        f"config {_e(str(report.get('config_hash', ''))[:12])}"
    )
    nav = "".join(
        f'<a href="#{a}">{t}</a>'
        for a, t in (
            ("quality", "Quality"),
            ("funnel", "Funnel"),
            ("languages", "Languages"),
            ("lengths", "Lengths"),
            ("signals", "Signals"),
            ("duplicates", "Duplicates"),
            ("pii", "PII"),
            ("quarantine", "Quarantine"),
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(title)}</title>'
        f"<style>{CSS}</style></head><body><header><h1>{_e(report.get('name', ''))}</h1><p>{sub}</p><nav>{nav}</nav></header>"
        f"<main>{''.join(parts)}</main></body></html>\n"
    )


def _overview(report: dict[str, Any], quality: dict[str, Any]) -> str:
    cards = [
        ("input documents", _n(report.get("input_docs"))),
        ("output documents", _n(report.get("output_docs"))),
        ("removed", _n(report.get("removed_docs"))),
        ("quarantined", _n(report.get("quarantined"))),
        ("input text", _mb(report.get("input_bytes"))),
        ("output text", _mb(report.get("output_bytes"))),
    ]
    html_cards = "".join(
        f'<div class="card"><div class="v">{v}</div><div class="k">{_e(k)}</div></div>' for k, v in cards
    )
    if quality:
        g = quality.get("grade", "D")
        html_cards += (
            f'<div class="card"><div class="v"><span class="grade" style="background:{GRADE_COLORS.get(g, "#888")}">{_e(g)}</span> '
            f'{quality.get("total", 0):.1f}</div><div class="k">quality score (0-100)</div></div>'
        )
    ok = report.get("accounting_ok")
    acc = (
        f'<p class="{"ok" if ok else "bad"}">{"✓" if ok else "✗"} {_e(report.get("accounting", ""))}</p>'
        if "accounting" in report
        else ""
    )
    return f'<section id="overview"><div class="cards">{html_cards}</div>{acc}</section>'


def _alerts_section(alerts: dict[str, Any]) -> str:
    """Drift alerts against the parent release (engine/alerts.py): every check, violations first."""
    n = len(alerts.get("violations") or [])
    head = (
        f'<p class="bad">{n} drift alert(s): the output is complete, the release is held back (exit 3).</p>'
        if n
        else f'<p class="ok">No drift alert ({len(alerts.get("checks") or [])} checks passed).</p>'
    )
    parent = alerts.get("parent")
    parent = f'<p class="muted">Checked against {_e(parent)}.</p>' if parent else ""
    verdict = {True: _Raw('<span class="ok">ok</span>'), False: _Raw('<span class="bad">ALERT</span>')}
    rows = [
        [
            c["check"],
            _Raw(_e(c.get("value"))),
            _Raw(_e(c.get("limit"))),
            verdict[bool(c["ok"])],
            c.get("detail"),
        ]
        for c in sorted(alerts.get("checks") or [], key=lambda c: c["ok"])
    ]
    table = _table(["check", "value", "limit", "", "detail"], rows) if rows else ""
    notes = "".join(f'<p class="muted">{_e(x)}</p>' for x in alerts.get("notes") or [])
    return _section("Drift alerts", head + parent + table + notes, "alerts")


def _quality_section(q: dict[str, Any]) -> str:
    dims = q.get("dimensions", {})
    items = [(name, d["score"]) for name, d in dims.items() if d.get("score") is not None]
    colors = [GRADE_COLORS[_grade(v)] for _, v in items]
    svg = _hbar(items, "Quality dimensions (0-100)", "score", color=colors, fmt=lambda v: f"{v:.1f}")
    rows = []
    for name, d in dims.items():
        comps = ", ".join(f"{k} {v:.1f}" for k, v in d.get("components", {}).items() if v is not None)
        rows.append(
            [name, d.get("score"), q.get("weights", {}).get(name), comps or "–", d.get("formula", "")]
        )
    for name in q.get("not_measured", []):
        if name not in dims:
            rows.append([name, None, q.get("weights", {}).get(name), "not measured", ""])
    table = _table(["dimension", "score", "weight", "components", "formula"], rows)
    note = f'<p class="muted">Total: {_e(q.get("formula", ""))}</p>'
    return _section("Quality score", _figure_html(svg) + table + note, "quality")


def _grade(v: float) -> str:
    return "A" if v >= 90 else "B" if v >= 80 else "C" if v >= 60 else "D"


def removals_key(report: dict[str, Any]) -> str:
    """Where a step's removal counts by reason are: ``would_remove`` in a profile
    report (nothing was removed), ``removed`` in a run's."""
    return "would_remove" if report.get("kind") == "profile" else "removed"


def _funnel_section(report: dict[str, Any], prof: dict[str, Any]) -> str:
    ops = report.get("ops", [])
    q_input = sum(v for k, v in report.get("quarantine_reasons", {}).items() if ":" not in k)
    stages = [("input", report.get("input_docs", 0))]
    if q_input:
        stages.append(("readable", report.get("input_docs", 0) - q_input))
    for op in ops:
        stages.append((op["name"], op.get("docs_out", 0)))
    body = _figure_html(_hbar(stages, "Documents after each step", "documents"))
    if any(op.get("bytes_out") for op in ops) or report.get("input_bytes"):
        byte_stages = [("input", report.get("input_bytes", 0) / 1e6)] + [
            (op["name"], op.get("bytes_out", 0) / 1e6) for op in ops
        ]
        body += _figure_html(
            _hbar(
                byte_stages,
                "Text after each step (MB, measured)",
                "MB",
                color=COLORS["all"],
                fmt=lambda v: f"{v:,.2f}",
            )
        )
    key = removals_key(report)
    reasons: list[tuple[str, float]] = []
    for op in ops:
        for reason, n in op.get(key, {}).items():
            reasons.append((f"{op['name']}: {reason}", n))
    reasons.sort(key=lambda kv: -kv[1])
    if reasons:
        verb = "would remove" if report.get("kind") == "profile" else "removed"
        body += _figure_html(
            _hbar(reasons, f"Documents {verb} by step and reason", "documents", color=COLORS["removed"])
        )
    rb = prof.get("removed_bytes", {}) if prof else {}
    rows = []
    for op in ops:
        removed = op.get(key, {})
        reasons_txt = ", ".join(
            f"{r} {n:,}"
            + (f" ({_mb(rb.get(op['name'], {}).get(r))})" if rb.get(op["name"], {}).get(r) else "")
            for r, n in sorted(removed.items(), key=lambda kv: -kv[1])
        )
        kept = op["docs_out"] / op["docs_in"] * 100 if op.get("docs_in") else 100.0
        rows.append(
            [
                op["name"],
                op.get("op"),
                op.get("params", {}).get("mode", op.get("kind")),
                op.get("docs_in"),
                op.get("docs_out"),
                f"{kept:.1f} %",
                _mb(op.get("bytes_in")),
                _mb(op.get("bytes_out")),
                op.get("seconds"),
                reasons_txt or "–",
            ]
        )
    body += _table(
        [
            "step",
            "operator",
            "mode",
            "docs in",
            "docs out",
            "kept",
            "text in",
            "text out",
            "seconds",
            "removed by reason",
        ],
        rows,
    )
    return _section("Funnel", body, "funnel")


def _language_section(prof: dict[str, Any]) -> str:
    langs = prof["languages"]
    top = list(langs["all"].items())[:20]
    kept = langs["kept"]
    labels = [k for k, _ in top]
    svg = svg_plot.bars(
        labels,
        [
            ("all", [v for _, v in top], COLORS["all"]),
            ("kept", [kept.get(k, 0) for k in labels], COLORS["kept"]),
        ],
        "Documents per language (lang column)",
        "documents",
    )
    total_k = sum(kept.values()) or 1
    rows = [
        [k, v, kept.get(k, 0), f"{100 * kept.get(k, 0) / total_k:.1f} %"]
        for k, v in list(langs["all"].items())[:30]
    ]
    body = _figure_html(svg) + _table(["language", "all", "kept", "share of kept"], rows)
    lc = prof.get("language_consistency")
    if lc:
        body += f'<p class="muted">Language consistency ({_e(lc["method"])}): {lc["score"]:.1f}</p>'
    return _section("Languages", body, "languages")


def _length_section(prof: dict[str, Any]) -> str:
    ln = prof["length"]
    svg = _histogram(
        ln["edges"],
        [("all", ln["all"], COLORS["all"]), ("kept", ln["kept"], COLORS["kept"])],
        "Document length, before (all) and after (kept)",
        "characters (log scale)",
        log_x=True,
    )
    q = ln["quantiles"]
    rows = [[side, q[side].get("p10"), q[side].get("p50"), q[side].get("p90")] for side in ("all", "kept")]
    note = (
        '<p class="muted">"all": every document that reached the end of the pipeline (kept or removed by a filter), '
        'with its text as last seen; "kept": the output. Quantiles are interpolated from the histogram.</p>'
    )
    return _section(
        "Document lengths", _figure_html(svg) + _table(["", "p10", "median", "p90"], rows) + note, "lengths"
    )


def _signals_section(prof: dict[str, Any]) -> str:
    edges = prof.get("bin_edges", {})
    figs = []
    rows = []
    for name, s in prof["signals"].items():
        marks = [(t["value"], f"{t['param']}={t['value']:g}") for t in s.get("thresholds", [])]
        owner = s.get("written_by") or "input"
        if s.get("bool"):
            share_all = (s["all"]["mean"] or 0) * 100
            share_kept = (s["kept"]["mean"] or 0) * 100
            rows.append(
                [name, owner, s["all"]["n"], f"{share_all:.1f} % true", f"{share_kept:.1f} % true", "–"]
            )
            continue
        svg = _histogram(
            edges[s["bins"]],
            [("all", s["all"]["hist"], COLORS["all"]), ("kept", s["kept"]["hist"], COLORS["kept"])],
            f"{name}  ·  {owner}",
            name + (" (log scale)" if s["bins"] == "log" else ""),
            log_x=s["bins"] == "log",
            marks=marks,
        )
        figs.append(_figure_html(svg))
        thr = ", ".join(f"{t['param']}={t['value']:g}" for t in s.get("thresholds", [])) or "–"
        rows.append([name, owner, s["all"]["n"], s["all"]["mean"], s["kept"]["mean"], thr])
    table = _table(["signal", "written by", "documents", "mean (all)", "mean (kept)", "thresholds"], rows)
    note = '<p class="muted">Dashed lines: the step\'s thresholds (default language; per-language overrides not drawn).</p>'
    return _section("Signals", f'<div class="grid">{"".join(figs)}</div>' + note + table, "signals")


def _duplicates_section(report: dict[str, Any], prof: dict[str, Any]) -> str:
    dup = prof.get("duplicates", {})
    body = ""
    if dup.get("clusters"):
        sizes = dup["cluster_sizes"]
        labels = list(sizes)
        body += _figure_html(
            _bars(
                labels,
                [sizes[k] for k in labels],
                "Duplicate cluster sizes (annotate mode)",
                "clusters",
                log_y=True,
            )
        )
        body += f"<p>{dup['clusters']:,} clusters with {dup['members']:,} documents.</p>"
    rows = []
    for op in report.get("ops", []):
        st = op.get("stage") or {}
        if "duplicates" in st or op.get("op") in ("exact_dedup", "minhash_dedup"):
            groups = st.get("clusters", st.get("duplicate_groups"))
            dups = st.get("duplicates")
            mean = (groups + dups) / groups if groups and dups is not None else None
            rows.append(
                [
                    op["name"],
                    op.get("op"),
                    st.get("docs"),
                    groups,
                    dups,
                    mean,
                    sum(op.get("removed", {}).values()),
                ]
            )
    if rows:
        body += _table(
            [
                "step",
                "operator",
                "documents",
                "duplicate clusters",
                "duplicates",
                "mean cluster size",
                "removed",
            ],
            rows,
        )
    distinct = prof.get("distinct_texts")
    if distinct is not None:
        kind = "exact" if prof.get("distinct_exact") else "estimated (KMV sketch)"
        body += f"<p>Distinct texts in the output: {distinct:,.0f} of {prof.get('kept', 0):,} ({kind}).</p>"
    if not body:
        body = '<p class="muted">No deduplication step in this pipeline.</p>'
    return _section("Duplicates", body, "duplicates")


def _pii_section(prof: dict[str, Any]) -> str:
    pii = prof.get("pii", {})
    if not pii.get("measured"):
        return _section("PII", '<p class="muted">No PII step in this pipeline.</p>', "pii")
    ents = list(pii["entities_all"].items())
    body = ""
    if ents:
        body += _figure_html(_hbar(ents, "PII findings per entity", "findings", color=COLORS["accent"]))
    body += f"<p>{pii['docs_all']:,} documents with at least one finding ({pii['docs_kept']:,} in the output).</p>"
    return _section("PII", body, "pii")


def _synthetic_section(report: dict[str, Any], prof: dict[str, Any]) -> str:
    syn = prof.get("synthetic", {})
    share = syn.get("share_kept", 0.0) * 100
    body = f"<p>Synthetic documents in the output: {syn.get('kept', 0):,} ({share:.2f} %).</p>"
    kept = prof.get("kept", 0)
    if kept:
        n_syn = syn.get("kept", 0)
        parts = [("original", kept - n_syn, COLORS["kept"]), ("synthetic", n_syn, COLORS["accent"])]
        body += _figure_html(svg_plot.shares(parts))
    return _section("Synthetic share", body, "synthetic")


def _dates_section(prof: dict[str, Any]) -> str:
    d = prof["dates"]
    window = d["target_window_days"]
    svg = _bars(
        d["age_bins"],
        d["age_counts"],
        f"Document age on {d['reference_date']} ({d['field']})",
        "documents",
        color=COLORS["kept"],
    )
    pct = 100 * d["within_window"] / d["dated"] if d["dated"] else 0.0
    body = _figure_html(svg) + (
        f"<p>{d['dated']:,} dated documents ({d['first_date']} to {d['last_date']}), {d['undated']:,} without a readable "
        f"date; {d['within_window']:,} ({pct:.1f} %) within the target window of {window:,} days.</p>"
    )
    return _section("Timeliness", body, "timeliness")


def _quarantine_section(report: dict[str, Any]) -> str:
    qr = report.get("quarantine_reasons", {})
    if not qr:
        return _section("Quarantine", '<p class="muted">Nothing was quarantined.</p>', "quarantine")
    rows = [[k, v] for k, v in sorted(qr.items(), key=lambda kv: -kv[1])]
    return _section(
        "Quarantine", _table(["reason (step:reason for operator failures)", "documents"], rows), "quarantine"
    )


def _files_section(report: dict[str, Any]) -> str:
    trace = report.get("removed_trace") or {}
    files = report.get("output_files", [])
    by_dir: dict[str, list[int]] = {}
    for f in files:
        top = f["path"].split("/")[0]
        if f["path"].startswith("removed/index/"):
            top = "removed/index"
        agg = by_dir.setdefault(top, [0, 0])
        agg[0] += 1
        agg[1] += f.get("rows") or 0
    rows = [[d, n, r] for d, (n, r) in sorted(by_dir.items())]
    body = _table(["directory", "files", "rows"], rows) if rows else ""
    if trace:
        body += (
            f'<p class="muted">Removal trace: <code>output.removed: {_e(trace.get("mode"))}</code>'
            + (
                f", {trace.get('sample_per_reason'):,} per step and reason, seed {trace.get('seed')}"
                if trace.get("mode") == "sample"
                else ""
            )
            + ". Ask about one document with <code>corpusforge explain OUT ID</code>.</p>"
        )
    return _section("Output files", body, "files")
