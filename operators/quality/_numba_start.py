"""A cheaper first numba call in a fresh worker: numba's BLAS probe, deferred until a kernel needs it.

Why: the first compiled call in a process (also a cache hit) loads numba's
implementation registries, and one of them (``numba.np.arraymath``) asks at
import whether a BLAS is available by importing ``scipy.linalg.cython_blas``:
~0.15 CPU-s per worker process (scipy's linear-algebra package and its array
API layer), although no kernel of ours uses linear algebra. numba reads the
answer (``arraymath._HAVE_BLAS``) in one place only, when it types
``np.convolve``/``np.correlate``.

What: while the registries load for the first time, that import is made to
fail at once (``sys.modules`` holds ``None`` for the module, so no scipy code
runs), and afterwards ``_HAVE_BLAS`` is replaced by an object that runs
numba's own check (``arraymath._check_blas``) the first time it is asked, so
any code that types ``np.convolve``/``np.correlate`` in this process gets the
same answer as before, only later. Nothing changes when scipy's linear
algebra or numba's array math is already imported, or when numba's internals
are not where this expects them (then numba runs as usual).
"""

from __future__ import annotations

import sys

_BLAS = "scipy.linalg.cython_blas"
_MISSING = object()


class DeferredBlasCheck:
    """Truthy when a BLAS is available: numba's ``_check_blas()``, run on the first question."""

    def __init__(self, check) -> None:
        self._check = check
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = bool(self._check())
        return self._value

    def __repr__(self) -> str:
        return f"DeferredBlasCheck({'not asked yet' if self._value is None else self._value})"


def defer_blas_probe() -> bool:
    """Install the deferral on numba's CPU context (once per process). True when installed."""
    try:
        from numba.core import cpu
    except ImportError:
        return False
    cls = getattr(cpu, "CPUContext", None)
    load = getattr(cls, "load_additional_registries", None)
    if load is None:
        return False
    if getattr(load, "_corpusforge_deferred_blas", False):
        return True
    if "numba.np.arraymath" in sys.modules:  # the probe already ran in this process
        return False

    def load_additional_registries(self):
        if "numba.np.arraymath" in sys.modules or "scipy.linalg" in sys.modules or _BLAS in sys.modules:
            return load(self)
        sys.modules[_BLAS] = None  # ``import`` of it raises ImportError without importing scipy
        try:
            result = load(self)
        finally:
            if sys.modules.get(_BLAS, _MISSING) is None:
                del sys.modules[_BLAS]
        arraymath = sys.modules.get("numba.np.arraymath")
        check = getattr(arraymath, "_check_blas", None)
        if arraymath is not None and callable(check) and getattr(arraymath, "_HAVE_BLAS", None) is False:
            arraymath._HAVE_BLAS = DeferredBlasCheck(check)
        return result

    load_additional_registries._corpusforge_deferred_blas = True
    cls.load_additional_registries = load_additional_registries
    return True
