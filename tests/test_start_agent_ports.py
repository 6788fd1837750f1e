"""The embedded head's raylet does not wait for the dashboard agent to write its port files
(engine/ray_runtime.py ``_agent_ports_known``): on a minimal Ray install they are written
first, with the values the minimal agent itself writes (-1)."""

from __future__ import annotations

import types

import pytest

ray_private_utils = pytest.importorskip("ray._private.utils")

from engine import ray_runtime  # noqa: E402

NAMES = ("metrics_agent_port", "metrics_export_port", "dashboard_agent_listen_port")


def _node(tmp_path):
    return types.SimpleNamespace(_session_dir=str(tmp_path), _node_id="ab" * 28)


def _read(node, name):
    from ray._raylet import wait_for_persisted_port

    return wait_for_persisted_port(node._session_dir, node._node_id, name, timeout_ms=0)


def test_minimal_install_gets_the_agents_minus_ones_up_front(tmp_path, monkeypatch):
    monkeypatch.delenv(ray_runtime.AGENT_PORTS_ENV, raising=False)
    monkeypatch.setattr(ray_private_utils, "get_dashboard_dependency_error", lambda: "no aiohttp")
    node = _node(tmp_path)
    ray_runtime._agent_ports_known(node)
    assert [_read(node, n) for n in NAMES] == [-1, -1, -1]  # read back the way Ray reads them


def test_full_install_or_switch_off_writes_nothing(tmp_path, monkeypatch):
    node = _node(tmp_path)
    monkeypatch.setattr(ray_private_utils, "get_dashboard_dependency_error", lambda: None)
    ray_runtime._agent_ports_known(node)  # a full install: the agent serves real ports
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(ray_private_utils, "get_dashboard_dependency_error", lambda: "no aiohttp")
    monkeypatch.setenv(ray_runtime.AGENT_PORTS_ENV, "0")
    ray_runtime._agent_ports_known(node)
    assert list(tmp_path.iterdir()) == []


def test_the_lean_node_writes_them_before_its_raylet_starts(tmp_path, monkeypatch):
    monkeypatch.delenv(ray_runtime.AGENT_PORTS_ENV, raising=False)
    monkeypatch.setattr(ray_private_utils, "get_dashboard_dependency_error", lambda: "no aiohttp")
    seen = []

    class FakeNode:
        def __init__(self):
            self._session_dir, self._node_id = str(tmp_path), "cd" * 28

        def start_raylet(self, *args, **kwargs):
            seen.append(sorted(p.name for p in tmp_path.iterdir()))
            return "raylet"

    node = ray_runtime._node_class(FakeNode)()
    assert node.start_raylet() == "raylet"
    assert len(seen[0]) == 3 and all(any(n in f for f in seen[0]) for n in NAMES)
