"""The ``corpusforge`` command's process ends without the collector's passes over the heap
(engine/cli.py ``skip_exit_collection``); a caller of ``main(argv)`` keeps its collector."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _command(args: list[str], extra: str = "") -> subprocess.CompletedProcess:
    """``main()`` run as the console script runs it (no argv: the process's own command line);
    an ``atexit`` handler registered first (so run last) prints the frozen objects' count."""
    script = textwrap.dedent(
        f"""
        import atexit, gc, sys
        atexit.register(lambda: print("FROZEN", gc.get_freeze_count(), file=sys.stderr))
        sys.path.insert(0, {str(ROOT)!r})
        from engine.cli import main
        sys.argv = ["corpusforge", *{args!r}]
        {extra}
        sys.exit(main())
        """
    )
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)


def _frozen(proc: subprocess.CompletedProcess) -> int:
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("FROZEN ")]
    assert lines, proc.stderr
    return int(lines[-1].split()[1])


def test_command_exit_skips_the_heap_collection():
    proc = _command(["ops", "--json"])
    assert proc.returncode == 0, proc.stderr
    assert '"normalize_text"' in proc.stdout  # the command did its work and printed it all
    assert _frozen(proc) > 10_000  # the imported engine, pydantic, the operators


def test_command_exit_code_kept_on_errors():
    proc = _command(["run", "/nonexistent/config.yaml"])
    assert proc.returncode == 2, proc.stderr
    assert "config error" in proc.stderr
    assert _frozen(proc) > 0


def test_command_exception_still_propagates():
    proc = _command(["ops"], extra="import engine.cli as c; c._ops = lambda *a: 1 / 0")
    assert proc.returncode == 1
    assert "ZeroDivisionError" in proc.stderr
    assert _frozen(proc) > 0


def test_main_with_argv_leaves_the_collector_alone(capsys):
    from engine.cli import main

    before = gc.get_freeze_count()
    assert main(["ops", "--json"]) == 0
    assert '"normalize_text"' in capsys.readouterr().out
    assert gc.get_freeze_count() == before
