"""Drift alerts without Ray (engine/alerts.py): the checks against a crafted
parent release, the notes without one, and the alerts section of report.html.
The end-to-end exit status 3 is tested on the real executor in tests/test_releases.py."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from engine.alerts import check_alerts
from engine.config import load_config
from engine.report_html import render_html


def _release(path, report: dict, scores: list[float]) -> None:
    """A finished release as far as alerts read one: manifest, report and data."""
    (path / "data").mkdir(parents=True)
    (path / "manifest.json").write_text(json.dumps({"dataset": "r", "created_at": "2026-11-01", "files": []}))
    (path / "report.json").write_text(json.dumps(report))
    pq.write_table(
        pa.table({"id": [str(i) for i in range(len(scores))], "score": scores}), path / "data" / "p.parquet"
    )


def _cfg(tmp_path, alerts: dict, parent=None):
    (tmp_path / "in.jsonl").write_text('{"id": "1", "text": "x"}\n')
    raw = {
        "input": {"paths": [str(tmp_path / "in.jsonl")]},
        "output": {"path": str(tmp_path / "out")},
        "report": {"alerts": alerts},
        "pipeline": [],
    }
    if parent:
        raw["release"] = {"version": "v2", "parent": str(parent)}
    return load_config(raw)


def _report(total: float, en: float) -> dict:
    return {
        "input_docs": 100,
        "output_docs": 40,
        "quality": {"total": total},
        "profile": {"languages": {"kept": {"en": int(en * 100), "zh": int((1 - en) * 100)}}},
    }


def test_alerts_fire_and_pass_against_a_parent(tmp_path):
    parent = tmp_path / "v1"
    _release(parent, _report(80.0, 0.9), [0.1 * (i % 10) for i in range(500)])
    out = tmp_path / "v2"
    _release(out, _report(70.0, 0.5), [5 + 0.1 * (i % 10) for i in range(500)])  # the signal moved far away
    limits = {
        "max_psi": 0.25,
        "max_quality_drop": 5,
        "min_kept_fraction": 0.3,
        "max_language_share_change": 0.1,
    }
    cfg = _cfg(tmp_path, limits, parent)
    alerts = check_alerts(cfg, _report(70.0, 0.5), pafs.LocalFileSystem(), str(out))
    by = {c["check"]: c for c in alerts["checks"]}
    assert set(by) == set(limits)
    assert by["min_kept_fraction"]["ok"] and by["min_kept_fraction"]["value"] == 0.4
    assert not by["max_quality_drop"]["ok"] and by["max_quality_drop"]["value"] == 10.0
    assert not by["max_psi"]["ok"] and "score" in by["max_psi"]["detail"]
    assert not alerts["ok"] and len(alerts["violations"]) == 3
    lenient = _cfg(tmp_path, {"max_quality_drop": 20, "max_language_share_change": 0.5}, parent)
    assert check_alerts(lenient, _report(70.0, 0.5), pafs.LocalFileSystem(), str(out))["ok"]


def test_without_parent_only_kept_fraction_is_checked(tmp_path):
    cfg = _cfg(tmp_path, {"min_kept_fraction": 0.5, "max_psi": 0.1})
    alerts = check_alerts(cfg, _report(70.0, 0.5), pafs.LocalFileSystem(), str(tmp_path))
    assert [c["check"] for c in alerts["checks"]] == ["min_kept_fraction"] and not alerts["ok"]
    assert alerts["notes"] == ["no release.parent: only min_kept_fraction was checked"]
    assert check_alerts(_cfg(tmp_path, {}), {}, pafs.LocalFileSystem(), str(tmp_path)) is None


def test_report_html_shows_alerts_violations_first():
    alerts = {
        "parent": "/data/v1",
        "checks": [
            {"check": "min_kept_fraction", "value": 0.9, "limit": 0.3, "ok": True, "detail": "kept 0.9"},
            {"check": "max_psi", "value": 0.2549, "limit": 0.25, "ok": False, "detail": "largest PSI: score"},
        ],
        "violations": ["max_psi: largest PSI: score (limit 0.25)"],
        "ok": False,
        "notes": [],
    }
    page = render_html({"name": "x", "alerts": alerts})
    section = page[page.index('<section id="alerts">') :]
    section = section[: section.index("</section>")]
    assert "1 drift alert(s)" in section and "/data/v1" in section and "0.2549" in section
    assert section.index("max_psi") < section.index("min_kept_fraction")
    assert '<section id="alerts">' not in render_html({"name": "x"})
