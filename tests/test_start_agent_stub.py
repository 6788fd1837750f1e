"""The embedded head's raylet starts stand-ins for its two agents (engine/ray_agent_stub.py,
engine/ray_runtime.py ``with_stub_agents``): processes that import nothing and end with the
raylet. A run on that head is tested in tests/test_startup.py (lean head)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ray_private_utils = pytest.importorskip("ray._private.utils")

from engine import ray_runtime  # noqa: E402

STUB = str(Path(ray_runtime.__file__).with_name("ray_agent_stub.py"))
RAYLET = [
    "/x/raylet",
    "--raylet_socket_name=/tmp/s",
    "--dashboard_agent_command=/py /ray/dashboard/agent.py --node-id=1 --minimal",
    "--runtime_env_agent_command=/py /ray/_private/runtime_env/agent/main.py --node-id=1",
    "--num_prestart_python_workers=2",
]


def test_both_agent_commands_are_replaced_and_nothing_else():
    out = ray_runtime.with_stub_agents(list(RAYLET))
    assert out[0:2] == RAYLET[0:2] and out[4] == RAYLET[4]
    for arg, flag in ((out[2], "--dashboard_agent_command="), (out[3], "--runtime_env_agent_command=")):
        assert arg.startswith(flag)
        cmd = arg[len(flag) :].split()
        assert cmd == [sys.executable, "-S", "-I", STUB]


class _FakeNode:
    def __init__(self, tmp_path):
        self._session_dir, self._node_id = str(tmp_path), "cd" * 28

    def start_raylet(self):
        from ray._private import services

        services.start_ray_process(list(RAYLET), "raylet", fate_share=False)
        services.start_ray_process(["/x/gcs_server"], "gcs_server", fate_share=False)
        return "raylet"


def _started(tmp_path, monkeypatch, minimal=True):
    from ray._private import services

    seen = []
    monkeypatch.setattr(
        services, "start_ray_process", lambda command, kind, **k: seen.append((kind, command))
    )
    monkeypatch.setattr(
        ray_private_utils, "get_dashboard_dependency_error", lambda: "no aiohttp" if minimal else None
    )
    original = services.start_ray_process
    node = ray_runtime._node_class(_FakeNode)(tmp_path)
    assert node.start_raylet() == "raylet"
    assert services.start_ray_process is original  # put back after the raylet's start
    return dict(seen)


def test_the_lean_node_starts_its_raylet_with_stub_agents(tmp_path, monkeypatch):
    monkeypatch.delenv(ray_runtime.AGENTS_ENV, raising=False)
    monkeypatch.delenv(ray_runtime.AGENT_PORTS_ENV, raising=False)
    seen = _started(tmp_path, monkeypatch)
    assert seen["raylet"] == ray_runtime.with_stub_agents(list(RAYLET)) != RAYLET
    assert seen["gcs_server"] == ["/x/gcs_server"]


@pytest.mark.parametrize("case", ["switched_off", "ports_left_to_agent", "full_install"])
def test_real_agents_where_they_may_have_work(tmp_path, monkeypatch, case):
    """``CORPUSFORGE_RAY_AGENTS=1``, or the raylet waiting for a real agent's ports (a full
    install serves them; ``CORPUSFORGE_RAY_AGENT_PORTS=0``): Ray's own agents."""
    monkeypatch.delenv(ray_runtime.AGENTS_ENV, raising=False)
    monkeypatch.delenv(ray_runtime.AGENT_PORTS_ENV, raising=False)
    if case == "switched_off":
        monkeypatch.setenv(ray_runtime.AGENTS_ENV, "1")
    elif case == "ports_left_to_agent":
        monkeypatch.setenv(ray_runtime.AGENT_PORTS_ENV, "0")
    seen = _started(tmp_path, monkeypatch, minimal=case != "full_install")
    assert seen["raylet"] == RAYLET


PARENT = r"""
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-S", "-I", sys.argv[1], "--node-id=1"])
print(child.pid, flush=True)
time.sleep(0.5)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_the_stub_ends_with_its_parent():
    """As Ray's agents do when their raylet is gone: the stand-in's parent exits, the stub follows."""
    proc = subprocess.run([sys.executable, "-c", PARENT, STUB], capture_output=True, text=True, timeout=60)
    pid = int(proc.stdout.split()[0])
    deadline = time.monotonic() + 15
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = _alive(pid)
    if alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive


def test_the_stub_waits_while_its_parent_lives_and_stops_on_sigterm():
    child = subprocess.Popen([sys.executable, "-S", "-I", STUB, "--node-id=1"])
    try:
        time.sleep(1.5)
        assert child.poll() is None  # its parent (this test) is alive
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=10) == 0
    finally:
        if child.poll() is None:
            child.kill()
