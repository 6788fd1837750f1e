"""The JSONL reader on records nested far deeper than any real record: pyarrow's JSON reader takes
time growing about as depth^2.7 on nested arrays (8,000 deep: ~40 s) and crashes the process
(segmentation fault) past ~10,000, so such a line must never reach it. Each read runs in a child
process: a crash fails the test instead of killing pytest. A line holding many brackets inside its
text (source code) is an ordinary document and is kept exactly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

READ = r"""
import json, sys
from engine import columns as C
from engine.config import InputConfig, StorageConfig
from engine.io_read import ReadSpec, expand_inputs, plan_units, read_unit
cfg = InputConfig(paths=[sys.argv[1]], format="jsonl", block_mb=1)
spec = ReadSpec(cfg, StorageConfig())
out, counts = [], {}
for files, span in plan_units(expand_inputs(cfg, StorageConfig()), cfg):
    for t in read_unit(spec, files, span, counts):
        for row in t.select(["id", "text", C.REASON]).to_pylist():
            out.append([row["id"], row[C.REASON], len(row["text"] or "")])
print(json.dumps({"rows": out, "counts": counts}))
"""

CODE = "function f() {" + " if (a) { b[i] = {x: [1]}; }" * 2000 + " }"


def _line(doc_id: str, nested: str) -> str:
    return '{"id": "%s", "text": "a document", "meta": %s}' % (doc_id, nested)


def _read(tmp_path: Path, lines: list[str]) -> dict:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    proc = subprocess.run(
        [sys.executable, "-c", READ, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    return json.loads(proc.stdout)


def test_records_nested_beyond_the_limit_are_quarantined_and_the_rest_read(tmp_path):
    lines = [
        json.dumps({"id": "plain", "text": "hello"}),
        _line("arrays-20k", "[" * 20_000 + "]" * 20_000),
        _line("objects-20k", '{"a":' * 20_000 + "1" + "}" * 20_000),
        _line("arrays-250", "[" * 250 + "]" * 250),
        json.dumps({"id": "code", "text": CODE}),
        _line("arrays-150", "[" * 150 + "]" * 150),
        json.dumps({"id": "last", "text": "bye"}),
    ]
    got = _read(tmp_path, lines)
    rows = {r[0]: r for r in got["rows"]}
    assert got["counts"]["lines"] == len(lines) == len(got["rows"])
    for line in (2, 3, 4):  # quarantined records are named by file and line
        assert rows[f"in.jsonl:{line}"][1] == "too_deeply_nested", rows
    for kept in ("plain", "arrays-150", "last"):
        assert rows[kept][1] is None, rows[kept]
    assert rows["code"][1] is None and rows["code"][2] == len(CODE)  # brackets in text: a document


def test_a_block_of_only_bracket_heavy_documents_keeps_them_all(tmp_path):
    lines = [json.dumps({"id": f"code-{i}", "text": CODE, "tags": [[i]]}) for i in range(30)]
    got = _read(tmp_path, lines)
    assert [r[1] for r in got["rows"]] == [None] * 30
    assert sorted(r[0] for r in got["rows"]) == sorted(f"code-{i}" for i in range(30))
