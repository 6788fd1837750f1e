"""One small run shared by the report, card, manifest and explain tests
(one Ray run per test session: the first test that asks for it runs it)."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

EN = [
    "The city council approved the new budget for public libraries on Tuesday evening.",
    "Researchers at the university published a detailed study of river pollution.",
    "Local farmers expect a good harvest after a mild and rainy spring season.",
    "The museum will open a new exhibition about the history of printing next month.",
    "Volunteers cleaned the beach and collected more than two hundred bags of plastic.",
    "A new bus line connects the northern suburbs with the central railway station.",
    "Teachers are preparing a reading program for children during the summer holidays.",
    "The weather service warned of strong winds along the coast this weekend.",
]
ZH = [
    "市政府周二晚上批准了公共图书馆的新预算。",
    "大学的研究人员发表了一份关于河流污染的详细研究报告。",
    "在温和多雨的春季之后，当地农民预计今年会有好收成。",
    "博物馆下个月将开放一个关于印刷历史的新展览。",
    "志愿者清理了海滩，收集了两百多袋塑料垃圾。",
    "一条新的公交线路把北部郊区和中央火车站连接起来。",
    "老师们正在为暑假期间的孩子们准备阅读计划。",
    "气象部门警告本周末沿海地区将有大风。",
]
FR = [
    "Le conseil municipal a approuvé mardi soir le nouveau budget des bibliothèques publiques de la ville.",
    "Les agriculteurs attendent une bonne récolte après un printemps doux et pluvieux dans toute la région.",
]

N_DOCS = 240
REFERENCE_DAYS_OLD = (10, 100, 400, 2000)  # document ages used for dates
RUN = {}


def make_input(path: Path) -> dict:
    """Deterministic JSONL input; returns facts the tests check against."""
    rng = random.Random(7)
    path.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    now = time.time()
    for i in range(N_DOCS):
        kind = i % 12
        if kind == 11:
            text = "too short"  # removed by length_filter (min_words 8)
        elif kind == 10:
            text = " ".join(rng.sample(FR, 2))  # removed by language_id (lang_not_kept)
        elif kind % 2 == 0:
            text = " ".join(rng.choice(EN) for _ in range(rng.randint(2, 12)))
        else:
            text = "".join(rng.choice(ZH) for _ in range(rng.randint(2, 12)))
        if i % 37 == 5:
            text = "Caf\ufffd au lait was here. " + " ".join(EN[:3])  # residual encoding damage
        age = REFERENCE_DAYS_OLD[i % 4]
        doc = {
            "id": f"doc-{i:04d}",
            "text": text,
            "date": time.strftime("%Y-%m-%d", time.gmtime(now - age * 86400)) if i % 9 else "unknown",
            "pii_counts": json.dumps({"EMAIL_ADDRESS": 1 + i % 2, "PHONE_NUMBER": 1} if i % 5 == 0 else {}),
            "synthetic": i % 8 == 0,
            "dup_cluster": (i // 3) if i < 30 else None,
            "dup_keep": (i % 3 == 0) if i < 30 else None,
        }
        lines.append(json.dumps(doc, ensure_ascii=False))
    for i in (3, 50):  # exact duplicates of earlier documents with new ids
        dup = json.loads(lines[i])
        dup["id"] = f"copy-{i}"
        lines.append(json.dumps(dup, ensure_ascii=False))
    lines.insert(17, '{"id": "broken-1", "text": "unterminated')
    (path / "part-0.jsonl").write_text("\n".join(lines[:130]) + "\n", encoding="utf-8")
    (path / "part-1.jsonl").write_text("\n".join(lines[130:]) + "\n", encoding="utf-8")
    return {"lines": len(lines)}


def config(inp: Path, out: Path) -> dict:
    return {
        "name": "report-test",
        "input": {"paths": [str(inp)], "format": "jsonl", "block_mb": 0.03},
        "output": {
            "path": str(out),
            "format": "parquet",
            "overwrite": True,
            "removed": "sample",
            "removed_sample": 2,
        },
        "execution": {"progress": False, "seed": 11},
        "report": {"date_field": "date", "target_window_days": 365},
        "card": {
            "languages": ["en", "zh"],
            "license": "cc-by-4.0",
            "task_categories": ["text-generation"],
            "limitations": ["Test data only."],
        },
        "pipeline": [
            {"op": "normalize_text"},
            {"op": "length_filter", "min_words": 8},
            {"op": "language_id", "keep": ["en", "zh"], "min_score": 0.3},
        ],
    }


def shared_run(tmp_path_factory) -> dict:
    """Run the pipeline once per session; returns {report, out, inp, cfg, facts}."""
    if not RUN:
        from engine.executor import run_config

        base = tmp_path_factory.mktemp("report_run")
        inp, out = base / "in", base / "out"
        facts = make_input(inp)
        cfg = config(inp, out)
        report = run_config(cfg)
        RUN.update({"report": report, "out": out, "inp": inp, "cfg": cfg, "facts": facts})
    return RUN
