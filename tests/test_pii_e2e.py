"""pii_redact on the real Ray executor (actor pool): output text, counts, and
no raw PII in the report; Chinese and English personal profiles with names and
addresses, generalized (张某 / initials, city level)."""

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
    {
        "id": "zh_profile",
        "text": "刘建国是一位退休工人，现居住于江苏省南京市鼓楼区中山北路200号3栋501室。刘建国的爱好是书法。",
    },
    {
        "id": "en_profile",
        "text": "Dear Margaret Olsen, your parcel for 12 Main St. Apt 4B, Springfield, IL 62704 has shipped.",
    },
    {"id": "look_alikes", "text": "王者荣耀的玩家周末很高兴；Visual Studio Code runs on Windows Server."},
] + [
    {"id": f"plain{i}", "text": f"An ordinary sentence number {i} without personal data."} for i in range(20)
]


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
                "actions": {
                    "CN_ID_CARD": "mask",
                    "PERSON": "generalize",
                    "ADDRESS": "generalize",
                    "default": "replace",
                },
                "resources": {"concurrency": 1, "batch_size": 8},
            }
        ],
    }
    report = run_config(cfg)
    assert report["accounting_ok"] and report["output_docs"] == len(DOCS)
    data = pads.dataset(str(tmp_path / "out" / "data"), format="parquet").to_table()
    texts = dict(zip(data.column("id").to_pylist(), data.column("text").to_pylist()))
    assert texts["zh1"] == "联系人张某，手机<CN_MOBILE>，身份证号**************002X，邮箱<EMAIL_ADDRESS>。"
    assert texts["zh_profile"] == "刘某是一位退休工人，现居住于江苏省南京市。刘某的爱好是书法。"
    assert texts["en_profile"] == "Dear M. O., your parcel for Springfield, IL has shipped."
    assert texts["look_alikes"] == DOCS[5]["text"]
    assert texts["en1"] == "Call my Shanghai number <CN_MOBILE> or pay with card <CREDIT_CARD>."
    assert texts["neg"] == DOCS[2]["text"]
    assert total_pii_counts(data.column("pii_counts")) == {
        "ADDRESS": 2,
        "CN_ID_CARD": 1,
        "CN_MOBILE": 2,
        "CREDIT_CARD": 1,
        "EMAIL_ADDRESS": 1,
        "PERSON": 4,
    }
    saved = (tmp_path / "out" / "report.json").read_text(encoding="utf-8")
    for raw in (
        ID,
        "13800138000",
        "zhang.wei@example.com",
        "4111 1111 1111 1111",
        "刘建国",
        "中山北路",
        "Olsen",
        "Main St",
    ):
        assert raw not in saved
