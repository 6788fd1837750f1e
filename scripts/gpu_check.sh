#!/usr/bin/env bash
# GPU paths vs CPU paths, for a machine with an NVIDIA GPU.
#
# Every registered operator whose parameters have a `device` field
# (auto|cpu|cuda) is built twice, with device=cpu and device=cuda, and run on the
# same sample batch (English and Chinese, from scripts/make_sample_data.py):
#   * mappers/filters: the output tables must be identical (float columns within 1e-6);
#   * global stages with signature_table() (minhash_dedup): the MinHash signatures
#     must be identical, bit for bit.
# Then a small pipeline runs on an embedded Ray with device: auto and the report
# is checked for GPU use. Exit status 0: every GPU path matches its CPU path;
# 1: a mismatch; 2: no usable GPU here (nothing was compared).
#
#   scripts/gpu_check.sh [PYTHON]        # default: python3 on PATH
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${1:-${PYTHON:-python3}}"

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
  echo "gpu_check: no NVIDIA GPU visible (nvidia-smi); nothing to compare" >&2
  exit 2
fi
nvidia-smi -L

exec "$PY" - <<'EOF'
import sys

import numpy as np
import pyarrow as pa

sys.path.insert(0, "scripts")
sys.path.insert(0, ".")
try:
    import torch
except ImportError:
    print("gpu_check: torch is not installed; the CUDA paths need it (pip install torch)", file=sys.stderr)
    sys.exit(2)
if not torch.cuda.is_available():
    print("gpu_check: torch sees no CUDA device", file=sys.stderr)
    sys.exit(2)

import json
from make_sample_data import generate
from engine.operator import Filter, GlobalStage, Mapper
from operators import BUILTIN_OPERATORS

rows = [json.loads(l) for l in generate(400, seed=11) if l.strip().startswith(b"{")]
rows = [r for r in rows if isinstance(r.get("text"), str) and r["text"].strip() and isinstance(r.get("id"), str)]
batch = pa.table({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows]})


def same(a: pa.Table, b: pa.Table) -> str | None:
    if a.column_names != b.column_names or a.num_rows != b.num_rows:
        return f"shape {a.column_names}/{a.num_rows} vs {b.column_names}/{b.num_rows}"
    for name in a.column_names:
        x, y = a.column(name), b.column(name)
        if pa.types.is_floating(x.type):
            if not np.allclose(x.to_numpy(zero_copy_only=False), y.to_numpy(zero_copy_only=False), atol=1e-6, equal_nan=True):
                return f"column {name} differs"
        elif not x.equals(y):
            return f"column {name} differs"
    return None


checked, failed = 0, 0
for cls in BUILTIN_OPERATORS:
    if "device" not in cls.Params.model_fields:
        continue
    cpu, gpu = cls(cls.Params(device="cpu")), cls(cls.Params(device="cuda"))
    for op in (cpu, gpu):
        op.ensure_setup()
    if isinstance(cpu, GlobalStage) and hasattr(cpu, "signature_table"):
        a, b = cpu.signature_table(batch), gpu.signature_table(batch)
        ok = all(np.array_equal(np.asarray(x), np.asarray(y)) for x, y in zip(a, b))
        problem = None if ok else "MinHash signatures differ"
    elif isinstance(cpu, Filter):
        problem = same(cpu.score(batch), gpu.score(batch))
    elif isinstance(cpu, Mapper):
        problem = same(cpu.transform(batch), gpu.transform(batch))
    else:
        print(f"{cls.name}: device declared but no comparable entry point; skipped")
        continue
    checked += 1
    failed += problem is not None
    print(f"{cls.name}: {'OK, cuda == cpu' if problem is None else 'MISMATCH: ' + problem}")

if not checked:
    print("gpu_check: no registered operator declares a `device` parameter yet; nothing compared")
    sys.exit(2)

# the engine's placement: device: auto on an embedded Ray that sees the GPU must sign on it
import tempfile
from pathlib import Path

from engine.executor import run_config

tmp = Path(tempfile.mkdtemp(prefix="gpu_check_"))
(tmp / "in.jsonl").write_bytes(b"\n".join(generate(400, seed=11)) + b"\n")
report = run_config(
    {
        "name": "gpu_check",
        "input": {"paths": [str(tmp / "in.jsonl")]},
        "output": {"path": str(tmp / "out"), "overwrite": True},
        "execution": {"progress": False},
        "pipeline": [{"op": "minhash_dedup", "name": "near_dedup", "device": "auto"}],
    }
)
stage = next(s for s in report["ops"] if s["name"] == "near_dedup")["stage"]
checked += 1
if stage.get("device") != "cuda":
    failed += 1
    print(f"pipeline: MISMATCH: minhash_dedup with device: auto signed on {stage.get('device')!r}, not cuda")
else:
    print("pipeline: OK, minhash_dedup device: auto used the GPU")
print(f"gpu_check: {checked} operator(s) compared, {failed} mismatch(es)")
sys.exit(1 if failed else 0)
EOF
