"""minhash_dedup's kernels in a fresh worker process: the first compiled call (signatures, as the
stage's input pass makes it) does not import scipy's linear algebra (numba's BLAS probe deferred,
operators/quality/_numba_start.py), and the signatures are those of a process where it ran."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys
import numpy as np
import pyarrow as pa
from operators.dedup import minhash_kernel as mk
a, b = mk.fast_permutations(64, 1)
texts = pa.array(["the quick brown fox jumps over the lazy dog again", "", "one two three", None])
sig, ntok = mk.signatures(texts, np.zeros(4, np.int8), 5, a, b)
xs, off, _ = mk.shingle_hashes(texts, np.zeros(4, np.int8), 5)
assert "scipy.linalg" not in sys.modules, "the first kernel call imported scipy.linalg"
print(sig.tobytes().hex(), ntok.tolist(), xs.tobytes().hex())
"""

REFERENCE = "import scipy.linalg.cython_blas\n" + CHILD.replace(
    'assert "scipy.linalg" not in sys.modules, "the first kernel call imported scipy.linalg"\n', ""
)


def _run(code: str) -> str:
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False, timeout=600
    )
    assert r.returncode == 0, r.stderr[-3000:]
    return r.stdout


def test_first_signatures_call_skips_scipy_linalg_and_signs_the_same():
    assert _run(CHILD) == _run(REFERENCE)
