"""numba start-up of the quality kernels (operators/quality/_numba_start.py): importing the filters
does not import numba; the first kernel call builds the module's kernels; it does not import scipy's
linear algebra, and numba's BLAS answer stays what it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys
import numba
import numpy as np
from operators.quality import _kernels
assert _kernels._table_size(5) == 16  # the first compiled call: numba loads its registries
assert "scipy.linalg" not in sys.modules, "the BLAS probe imported scipy.linalg"
assert sys.modules.get("scipy.linalg.cython_blas", 0) == 0, "the placeholder was left behind"
arraymath = sys.modules["numba.np.arraymath"]
deferred = arraymath._HAVE_BLAS
print(type(deferred).__name__)

@numba.njit
def corr(a, b):
    return np.correlate(a, b)

assert list(corr(np.arange(5.0), np.ones(2))) == [1.0, 3.0, 5.0, 7.0]
print(bool(deferred), arraymath._check_blas())
"""


def test_first_kernel_call_skips_scipy_and_keeps_the_blas_answer():
    r = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, cwd=ROOT, check=False, timeout=600
    )
    assert r.returncode == 0, r.stderr[-3000:]
    kind, asked, real = r.stdout.split()
    assert kind == "DeferredBlasCheck"
    assert asked == real  # the deferred answer is numba's own check


LAZY_CHILD = r"""
import sys
from operators.quality import _kernels, c4, fineweb, gopher
from operators.quality._numba_start import LazyKernel
assert "numba" not in sys.modules, "importing the quality filters imported numba"
lazy = _kernels.ngram_fractions_kernel
assert isinstance(lazy, LazyKernel) and lazy.dispatcher is None
assert _kernels._table_size(100) == 256  # a kernel that another kernel calls
import numba
from numba.core.dispatcher import Dispatcher
assert isinstance(_kernels._table_size, Dispatcher)
assert isinstance(_kernels.ngram_fractions_kernel, Dispatcher)  # the module's names are dispatchers
assert lazy.dispatcher is _kernels.ngram_fractions_kernel  # a name bound before still calls it
print("ok")
"""


def test_importing_the_filters_does_not_import_numba_and_first_call_builds_all():
    r = subprocess.run(
        [sys.executable, "-c", LAZY_CHILD], capture_output=True, text=True, cwd=ROOT, check=False, timeout=600
    )
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.strip() == "ok"


def test_deferred_check_asks_once():
    from operators.quality._numba_start import DeferredBlasCheck

    calls = []
    check = DeferredBlasCheck(lambda: calls.append(1) or True)
    assert "not asked" in repr(check)
    assert check and check and not calls[1:]
    assert len(calls) == 1


def test_install_is_idempotent():
    from operators.quality import _numba_start

    first = _numba_start.defer_blas_probe()
    assert _numba_start.defer_blas_probe() == first


def test_warm_builds_the_kernels():
    from numba.core.dispatcher import Dispatcher

    from operators.quality import _kernels

    _kernels.warm()
    assert isinstance(_kernels.ngram_fractions_kernel, Dispatcher)
    assert _kernels._table_size(9) == 32
