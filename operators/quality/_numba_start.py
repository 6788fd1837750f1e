"""numba at less cost in a fresh process: kernels compiled on first call, the BLAS probe deferred.

:func:`njit` is ``numba.njit`` (same options, same on-disk cache), but numba
is imported and the module's kernels are built on the first call of one of
them, not when the module is imported. The driver imports every operator
module of a config to validate it and never runs a kernel; importing numba
and building the dispatchers costs ~0.2 CPU-s there (and in a worker that
only imports the module).

Why the BLAS deferral: the first compiled call in a process (also a cache hit) loads numba's
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
import threading

_BLAS = "scipy.linalg.cython_blas"
_MISSING = object()
_LOCK = threading.Lock()


class LazyKernel:
    """A ``numba.njit`` kernel built on its first call (from numba's cache when it holds it).

    On the first call of any lazy kernel of a module, every lazy kernel of that
    module becomes a numba dispatcher and replaces the module-level name, so
    kernels calling each other compile (or load) exactly as if decorated with
    ``numba.njit`` at import. Names bound elsewhere (``from m import kernel``)
    keep this object, which calls the dispatcher."""

    def __init__(self, py_func, options: dict) -> None:
        self.py_func = py_func
        self.options = options
        self.dispatcher = None
        self.__name__ = py_func.__name__
        self.__qualname__ = py_func.__qualname__
        self.__doc__ = py_func.__doc__
        self.__module__ = py_func.__module__
        self.__wrapped__ = py_func

    def __call__(self, *args):
        d = self.dispatcher
        if d is None:
            build_module_kernels(self.__module__)
            d = self.dispatcher
        return d(*args)

    def __repr__(self) -> str:
        return f"<LazyKernel {self.__module__}.{self.__qualname__} {'built' if self.dispatcher else 'not built'}>"


def njit(**options):
    """``numba.njit(**options)``, built on first call (see :class:`LazyKernel`)."""

    def wrap(py_func) -> LazyKernel:
        return LazyKernel(py_func, options)

    return wrap


def build_module_kernels(module: str) -> None:
    """Turn every :class:`LazyKernel` defined in ``module`` into a numba dispatcher, which also
    replaces it under its name there (once; thread-safe)."""
    with _LOCK:
        namespace = sys.modules[module].__dict__
        lazy = [(k, v) for k, v in namespace.items() if isinstance(v, LazyKernel) and v.__module__ == module]
        if not lazy:
            return
        import numba

        defer_blas_probe()
        from engine.kernel_compile import guard

        for _, kernel in lazy:
            if kernel.dispatcher is None:
                # a cached kernel compiles under its file lock: once per machine (engine/kernel_compile.py)
                kernel.dispatcher = guard(numba.njit(**kernel.options)(kernel.py_func))
        for name, kernel in lazy:
            namespace[name] = kernel.dispatcher


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


def warm(module: str) -> None:
    """Build ``module``'s kernels and load numba's implementation registries now (~0.3 CPU-s in a
    fresh process: numba's import and first-call set-up), e.g. while a worker waits for its
    first block; each kernel then only loads its compiled code from numba's cache on first call."""
    build_module_kernels(module)
    from numba.core.registry import cpu_target

    cpu_target.target_context.refresh()
