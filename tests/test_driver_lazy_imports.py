"""The driver imports an operator family's modules only when the run has one of its steps."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CODE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from engine.config import load_config
from engine.sink_redact import check_pii_columns
cfg = load_config({"name": "x", "input": {"paths": [sys.argv[2]]}, "output": {"path": sys.argv[3]},
                   "pipeline": json.loads(sys.argv[4])})
before = "operators.pii.columns" in sys.modules
check_pii_columns(cfg, [object()])  # a listed file: the check is not skipped for an empty input
print(json.dumps({"before": before, "after": "operators.pii.columns" in sys.modules}))
"""


def _run(tmp_path, pipeline):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "a b c"}\n')
    proc = subprocess.run(
        [sys.executable, "-c", CODE, str(ROOT), str(src), str(tmp_path / "out"), json.dumps(pipeline)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_no_pii_step_no_pii_modules(tmp_path):
    assert _run(tmp_path, []) == {"before": False, "after": False}
