"""pii_redact on the real Ray executor (actor pool): output text, counts, and
no raw PII in the report."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as pads

from engine.executor import run_config
from operators.pii import total_pii_counts

ID = "11010519491231002X"
DOCS = [
    {"id": "zh1", "text": f"联系人张伟，手机13800138000，身份证号{ID}，邮箱zhang.wei@example.com。"},
    {"id": "en1", "text": "Call my Shanghai number +86 139 1234 5678 or pay with card 4111 1111 1111 1111."},
    {"id": "neg", "text": "订单号：2024010112304512，预计三天内送达。ISBN 978-7-111-54742-6。"},
] + [{"id": f"plain{i}", "text": f"An ordinary sentence number {i} without personal data."} for i in range(20)]


def test_pii_redact_end_to_end(ray_session, tmp_path: Path):
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in DOCS) + "\n", encoding="utf-8")
    cfg = {
        "name": "pii-e2e",
        "input": {"paths": [str(inp)], "format": "jsonl"},
        "output": {"path": str(tmp_path / "out"), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": [
            {
                "op": "pii_redact",
                "actions": {"CN_ID_CARD": "mask", "default": "replace"},
                "resources": {"concurrency": 1, "batch_size": 8},
            }
        ],
    }
    report = run_config(cfg)
    assert report["accounting_ok"] and report["output_docs"] == len(DOCS)
    data = pads.dataset(str(tmp_path / "out" / "data"), format="parquet").to_table()
    texts = dict(zip(data.column("id").to_pylist(), data.column("text").to_pylist()))
    assert texts["zh1"] == "联系人张伟，手机<CN_MOBILE>，身份证号**************002X，邮箱<EMAIL_ADDRESS>。"
    assert texts["en1"] == "Call my Shanghai number <CN_MOBILE> or pay with card <CREDIT_CARD>."
    assert texts["neg"] == DOCS[2]["text"]
    assert total_pii_counts(data.column("pii_counts")) == {
        "CN_ID_CARD": 1,
        "CN_MOBILE": 2,
        "CREDIT_CARD": 1,
        "EMAIL_ADDRESS": 1,
    }
    saved = (tmp_path / "out" / "report.json").read_text(encoding="utf-8")
    for raw in (ID, "13800138000", "zhang.wei@example.com", "4111 1111 1111 1111"):
        assert raw not in saved
