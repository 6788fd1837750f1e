"""The watchdog (engine/deadline.py) never raises inside an import: a first call
that imports a package lazily (numba in the quality kernels) and runs past its
deadline used to be stopped halfway through the import, which left the package's
submodules half-initialised in ``sys.modules``; every later call in that worker
then failed (``module 'numba' has no attribute 'core'``) and the run with it
(scripts/torture_chains.py, standard_chain with doc_timeout_s 0.05)."""

from __future__ import annotations

import sys
import threading
import time

import pytest

from engine.deadline import OperatorTimeout, deadline

PACKAGE = """
import time
from . import slow_part
READY = slow_part.DONE
"""
SLOW_PART = """
import time
for _ in range(30):  # 0.3 s of module code, in pieces (signals and async exceptions land between them)
    time.sleep(0.01)
DONE = True
"""


def _package(tmp_path, name: str) -> str:
    pkg = tmp_path / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text(PACKAGE)
    (pkg / "slow_part.py").write_text(SLOW_PART)
    sys.path.insert(0, str(tmp_path))
    return name


def _import_then_work(name: str) -> None:
    __import__(name)
    while True:  # after the import: the deadline must land here
        time.sleep(0.005)


@pytest.mark.parametrize("where", ["main_thread", "other_thread"])
def test_deadline_waits_for_an_import_then_raises(tmp_path, where):
    name = _package(tmp_path, f"cf_slow_import_{where}")
    result: dict[str, object] = {}

    def body() -> None:
        t0 = time.monotonic()
        try:
            with deadline(0.05):
                _import_then_work(name)
        except OperatorTimeout:
            result["raised_after"] = time.monotonic() - t0

    try:
        if where == "main_thread":
            body()
        else:
            t = threading.Thread(target=body)
            t.start()
            t.join(30)
        assert "raised_after" in result  # the deadline still fires
        module = sys.modules[name]
        assert module.READY is True and sys.modules[f"{name}.slow_part"].DONE is True  # the import completed
    finally:
        sys.path.remove(str(tmp_path))
        for key in [k for k in sys.modules if k.startswith(name)]:
            del sys.modules[key]


def test_deadline_outside_imports_is_unchanged():
    with pytest.raises(OperatorTimeout):
        with deadline(0.05):
            while True:
                time.sleep(0.005)
