"""Test hook: SIGKILL this process at a named phase boundary of a global stage.

``CORPUSFORGE_TEST_KILL_AT=<step name>:<phase>`` in the driver's environment
makes :func:`kill_point` with that step and phase kill the driver with SIGKILL
(no cleanup, no ``finally``), after printing ``KILLED_AT <step>:<phase>`` to
stderr. Phases: ``materialize`` (the stage input is on disk; executor), then
the stage's own: ``exact_dedup``: ``groups``; ``minhash_dedup``:
``signatures``, ``lsh``, ``graph``, ``verify_keeper``. Used by
tests/test_global_stage_faults.py to prove that a run killed at any of them
resumes to the output of an uninterrupted run. Unset (always, outside tests),
it does nothing.
"""

from __future__ import annotations

import os
import signal
import sys

ENV = "CORPUSFORGE_TEST_KILL_AT"


def kill_point(step: str, phase: str) -> None:
    """Kill this process when ``CORPUSFORGE_TEST_KILL_AT`` names ``step:phase``."""
    if os.environ.get(ENV) == f"{step}:{phase}":
        sys.stderr.write(f"KILLED_AT {step}:{phase}\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGKILL)
