"""The heuristic quality filters on the real Ray executor: English and Chinese
rows in one run, per-reason removal counts, C4 line removal in the output."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as pads
from quality_samples import EN_ARTICLE, ZH_AD_SPAM, ZH_NAV_MENU, ZH_NEWS

from engine.executor import run_config

DOCS = [
    {"id": "en_ok", "text": "Navigation menu\n" + EN_ARTICLE, "lang": "en"},
    {"id": "en_short", "text": "Buy now. Cheap prices.", "lang": "en"},
    {"id": "zh_ok", "text": ZH_NEWS, "lang": "zh"},
    {"id": "zh_menu", "text": ZH_NAV_MENU, "lang": "zh"},
    {"id": "zh_spam", "text": ZH_AD_SPAM, "lang": "zh"},
]


def test_quality_filters_end_to_end(ray_session, tmp_path: Path):
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in DOCS) + "\n", encoding="utf-8")
    res = {"resources": {"concurrency": 1}}
    cfg = {
        "name": "quality-e2e",
        "input": {"paths": [str(inp)], "format": "jsonl"},
        "output": {"path": str(tmp_path / "out"), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": [
            {"op": "gopher_quality", **res},
            {"op": "gopher_repetition", **res},
            {"op": "c4_quality", **res},
            {"op": "fineweb_quality", **res},
        ],
    }
    report = run_config(cfg)
    assert report["accounting_ok"]
    assert report["input_docs"] == 5 and report["output_docs"] == 2
    removed = {op["op"]: op["removed"] for op in report["ops"]}
    assert removed["gopher_quality"] == {"gopher_short_doc": 2}
    assert removed["gopher_repetition"] == {"gopher_dup_line_frac": 1}
    data = pads.dataset(str(tmp_path / "out" / "data"), format="parquet").to_table()
    texts = dict(zip(data.column("id").to_pylist(), data.column("text").to_pylist()))
    assert set(texts) == {"en_ok", "zh_ok"}
    assert texts["zh_ok"] == ZH_NEWS
    assert not texts["en_ok"].startswith("Navigation menu")  # C4 removed the line
    rows = data.to_pylist()
    en = next(r for r in rows if r["id"] == "en_ok")
    assert en["c4_lines_removed"] == 3 and en["c4_text_modified"] is True
