"""``scripts/bench_overhead.py --warm`` runs must be servable by the warm driver: the command's
environment carries no variable that the warm driver compares at import time beyond the
caller's own; a cold run carries the process-tree marker."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench_overhead  # noqa: E402
from bench_startup import MARK  # noqa: E402

from engine import warm_driver  # noqa: E402


def test_warm_command_env_matches_what_the_server_compares(monkeypatch):
    monkeypatch.delenv(MARK, raising=False)
    env = bench_overhead.command_env(True, MARK, "tok")
    assert MARK not in env
    assert warm_driver._import_env(env) == warm_driver._import_env(dict(os.environ))


def test_cold_command_env_has_the_marker(monkeypatch):
    monkeypatch.delenv(MARK, raising=False)
    env = bench_overhead.command_env(False, MARK, "tok")
    assert env[MARK] == "tok"
    assert warm_driver._import_env(env) != warm_driver._import_env(
        {k: v for k, v in env.items() if k != MARK}
    )
