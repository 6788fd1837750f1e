"""configs/common_crawl.yaml end to end on the real Ray executor over the sample
WARC that scripts/make_sample_warc.py generates (data/sample_warc/): WARC ->
html_extract -> url_filter -> language_id -> rule filters -> dedup, with the
reader's record counts, every removal reason, timeliness from the WARC date and
the per-source rollup."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as pads

from engine.config import load_config
from engine.executor import run_config

ROOT = Path(__file__).resolve().parents[1]


def test_sample_warc_is_what_the_script_makes(tmp_path):
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "make_sample_warc.py"),
            "--out",
            str(tmp_path / "w"),
            "--blocklist-out",
            str(tmp_path / "b"),
        ],
        check=True,
        capture_output=True,
    )
    made = (tmp_path / "w" / "sample-00000.warc.gz").read_bytes()
    assert made == (ROOT / "data" / "sample_warc" / "sample-00000.warc.gz").read_bytes()
    for f in (tmp_path / "b").rglob("*"):
        if f.is_file():
            assert (
                f.read_bytes()
                == (ROOT / "data" / "url_blocklist_sample" / f.relative_to(tmp_path / "b")).read_bytes()
            )


def test_common_crawl_recipe_end_to_end(ray_session, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the recipe's paths are relative to the repository
    cfg = load_config(
        ROOT / "configs" / "common_crawl.yaml",
        [
            f"output.path={tmp_path / 'out'}",
            "execution.progress=false",
            "report.html=false",
            "ray.num_cpus=2",
        ],
    )
    report = run_config(cfg._raw)
    assert report["accounting_ok"], report["accounting_mismatches"]
    # 28 pages; every page has a request and a metadata record, plus one warcinfo: 85 records, 57 skipped
    assert (
        report["read"]["records"] == 28
        and report["read"]["lines"] == 85
        and report["read"]["blank_lines"] == 57
    )
    assert report["read"]["skipped_records"] == {"metadata": 28, "request": 28, "warcinfo": 1}
    removed = {op["name"]: op["removed"] for op in report["ops"]}
    assert removed["html_extract"] == {"binary_content": 1, "empty_after_extraction": 1, "not_html": 1}
    assert removed["url_filter"] == {"url_blocklist:gambling": 2, "url_blocklist:adult": 1}
    assert removed["exact_dedup"] == {"exact_duplicate": 1}
    assert report["output_docs"] == 21 and report["quarantined"] == 0
    html_step = next(op for op in report["ops"] if op["name"] == "html_extract")
    assert html_step["bytes_in"] > 1.5 * html_step["bytes_out"] > 0  # HTML bytes in, text bytes out
    q = report["quality"]
    assert "timeliness" not in q["not_measured"] and q["dimensions"]["timeliness"]["score"] == 100.0
    sources = {s["source"]: s for s in report["profile"]["sources"]["top"]}
    assert sources["casino-bonus.example"]["flags"] == {"url:gambling": 2}
    assert sources["casino-bonus.example"]["removed"] == {"url_filter": 2}

    data = pads.dataset(str(tmp_path / "out" / "data"), format="parquet").to_table()
    assert "html" not in data.column_names
    rows = data.to_pylist()
    langs = {r["lang"] for r in rows}
    assert langs == {"en", "zh"}
    gbk = next(r for r in rows if r["url"].endswith("/gbk.html"))
    assert gbk["charset"] == "gb18030" and "图书馆" in gbk["text"] and gbk["html_lang"] == "zh-CN"
    story = next(r for r in rows if r["url"].endswith("/story-3.html"))  # the chunked response
    assert "Riverside news 3" in story["title"] and "Home" not in story["text"].split("\n")[0]
    for r in rows:
        assert "All rights reserved" not in r["text"] and "版权所有" not in r["text"]  # footers
        assert "I think this library will be" not in r["text"]  # comment sections
        assert r["id"].startswith("<urn:uuid:") and r["date"] is not None
    removed_index = json.loads((tmp_path / "out" / "report.json").read_text())["removed_trace"]
    assert removed_index is not None
