"""``corpusforge diff`` on crafted releases (real Ray executor): known added,
removed and changed counts per language, a shifted signal distribution
(large PSI, tiny KS p-value) beside an unshifted one, text / JSON / HTML."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest


def _rows(ids, rng, shift: float, changed=frozenset()):
    out = []
    for i in ids:
        zh = i % 2 == 1
        text = (f"文档{i}的内容。" * 5) if zh else f"document {i} body text " * 5
        if i in changed:
            text += " (revised)"
        out.append(
            {
                "id": f"d{i}",
                "text": text,
                "lang": "zh" if zh else "en",
                "score": rng.gauss(shift, 1.0),
                "stable": rng.random(),
            }
        )
    return out


def _write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def pair(ray_session, tmp_path_factory):
    from engine.executor import run_config

    base = tmp_path_factory.mktemp("diff")
    rng = random.Random(3)
    _write(base / "old" / "x.jsonl", _rows(range(0, 2000), rng, 0.0))
    # new: d0..d39 gone (40 removed), d2000..d2059 new (60 added), d100..d129 revised (30 changed)
    _write(base / "new" / "x.jsonl", _rows(range(40, 2060), rng, 1.0, changed=frozenset(range(100, 130))))
    for name, version in (("old", "1"), ("new", "2")):
        run_config(
            {
                "name": "diffcase",
                "input": {"paths": [str(base / name)], "format": "jsonl"},
                "output": {"path": str(base / f"r{version}"), "overwrite": True},
                "execution": {"progress": False},
                "release": {"version": version},
                "pipeline": [],
            }
        )
    return base


def test_diff_counts_quality_and_shift(pair):
    from engine.diff import diff

    d = diff(str(pair / "r1"), str(pair / "r2"))
    docs = d["documents"]
    assert (docs["added"], docs["removed"], docs["changed"], docs["unchanged"]) == (60, 40, 30, 1930)
    assert docs["by_language"] == {
        "en": {"added": 30, "removed": 20, "changed": 15},
        "zh": {"added": 30, "removed": 20, "changed": 15},
    }
    assert docs["by_source"] == {"x.jsonl": {"added": 60, "removed": 40, "changed": 30}}
    assert d["old"]["version"] == "1" and d["new"]["version"] == "2"
    assert d["quality"]["old"]["grade"] and d["quality"]["new"]["total"] is not None
    score, stable = d["signals"]["score"], d["signals"]["stable"]
    assert score["psi"] > 0.5 and score["ks_pvalue"] < 1e-10  # mean moved by one standard deviation
    assert stable["psi"] < 0.1 and stable["ks_pvalue"] > 1e-3
    assert (
        score["old_n"] == 2000
        and score["new_n"] == 2020
        and abs(score["new_mean"] - score["old_mean"] - 1) < 0.25
    )


def test_psi_matches_definition():
    from engine.diff import psi

    p, q = np.array([50, 30, 20]), np.array([20, 30, 50])
    want = sum((b - a) * np.log(b / a) for a, b in ((0.5, 0.2), (0.3, 0.3), (0.2, 0.5)))
    assert psi(p, q) == pytest.approx(want) and psi(p, p) == 0


def test_diff_cli_text_json_html(pair, capsys, tmp_path):
    from engine.cli import main

    assert main(["diff", str(pair / "r1"), str(pair / "r2"), "--html", str(tmp_path / "d.html")]) == 0
    text = capsys.readouterr().out
    assert "+60 added, -40 removed, ~30 changed" in text and "score" in text
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 2 and "PSI" in page
    assert main(["diff", str(pair / "r1"), str(pair / "r2"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"]["changed"] == 30
    assert main(["diff", str(pair / "r1"), str(tmp_path / "none")]) == 2
