"""Ray Data's helper actors, on a Ray this run owns: none.

Ray Data starts two detached helper actors per cluster, each in a Python worker process of
its own (about 1 CPU-s each to start on a 2-core machine, while the first block is read):

* the *autoscaling coordinator*: it divides the cluster among concurrent executions and asks
  Ray's autoscaler for more nodes. Every execution's resource budget comes from it, so the
  first execution of a fresh Ray schedules nothing until that actor's process is up;
* the *stats actor*: per-execution metrics for the dashboard's Prometheus export.

On the embedded lean head (engine/ray_runtime.py) and the warm local Ray of ``corpusforge
ray up`` (engine/ray_local.py) neither has work: one machine, no autoscaler (no monitor
process) and no dashboard. While such a Ray is in use (:func:`activate`), each execution gets
a :class:`FixedClusterCoordinator` in the driver, which reserves the alive nodes' resources to
it (what Ray Data did before the coordinator existed), and the metrics are dropped.
On a cluster nothing changes. ``CORPUSFORGE_LEAN_RAY=0`` leaves Ray Data as it is.
"""

from __future__ import annotations

import logging
import time
from typing import Any

log = logging.getLogger("corpusforge.executor")

#: Whether the Ray in use is one this process or ``corpusforge ray up`` started (activate()).
_active = False
_installed = False


def activate(owned: bool) -> None:
    """Use the in-driver coordinator and drop Ray Data's metrics while ``owned`` (see the
    module doc); False restores Ray Data's own actors for what follows (a cluster)."""
    global _active
    from engine.ray_runtime import lean_enabled

    _active = bool(owned) and lean_enabled() and _install()


def is_active() -> bool:
    return _active


def prepare() -> None:
    """Put the hooks in place now (it imports Ray Data), so that :func:`activate` costs nothing:
    the driver calls this while an embedded head is still starting (engine/ray_runtime.py)."""
    from engine.ray_runtime import lean_enabled

    if lean_enabled():
        _install()


class FixedClusterCoordinator:
    """Ray Data's autoscaling coordinator for a Ray that cannot grow: the resources of the
    alive nodes with CPUs or GPUs (re-read at most every :attr:`REFRESH_S`, so a lost node
    leaves the budget) are reserved to the execution; requests for more are not sent
    anywhere (there is no autoscaler). Same methods as Ray Data's client-side coordinator."""

    REFRESH_S = 5.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ARG002 - the coordinator's signature
        self._nodes: dict[str, dict[str, float]] = {}
        self._read_at = float("-inf")

    def request_resources(self, *args: Any, **kwargs: Any) -> None:  # noqa: ARG002
        return None

    def cancel_request(self, *args: Any, **kwargs: Any) -> None:  # noqa: ARG002
        return None

    def get_reserved_resources(self) -> dict[str, dict[str, float]]:
        now = time.monotonic()
        if now - self._read_at >= self.REFRESH_S:
            import ray

            self._read_at = now
            self._nodes = {
                n["NodeID"]: dict(n["Resources"])
                for n in ray.nodes()
                if n.get("Alive") and (n["Resources"].get("CPU", 0) or n["Resources"].get("GPU", 0))
            }
        return {k: dict(v) for k, v in self._nodes.items()}


class _Dropped:
    """An actor method whose calls are dropped (``.remote()`` returns None)."""

    def remote(self, *args: Any, **kwargs: Any) -> None:  # noqa: ARG002
        return None


class _MetricsSink:
    """Stands in for Ray Data's stats actor: every method call is dropped. Ray Data sends it
    metrics without waiting (its one blocking call, the legacy dataset ids, falls back to a
    random id when it gets no object back)."""

    def __getattr__(self, name: str) -> _Dropped:
        return _Dropped()


_SINK = _MetricsSink()

#: Modules of Ray Data that build the client-side coordinator by this name.
_COORDINATOR_USERS = (
    "ray.data._internal.cluster_autoscaler.rate_based_cluster_autoscaler",
    "ray.data._internal.cluster_autoscaler.default_cluster_autoscaler_v2",
    "ray.data._internal.cluster_autoscaler.placement_group_cluster_autoscaler",
)


def _install() -> bool:
    """Route Ray Data's coordinator and stats actor through :data:`_active` (once per process).
    False when this Ray version does not have them where expected: Ray Data is left as is."""
    global _installed
    if _installed:
        return True
    try:
        import importlib

        import ray.data._internal.stats as data_stats

        users = [importlib.import_module(name) for name in _COORDINATOR_USERS]
        if not hasattr(data_stats, "get_or_create_stats_actor") or not all(
            hasattr(m, "DefaultAutoscalingCoordinator") for m in users
        ):
            raise AttributeError("Ray Data's coordinator or stats actor moved")
    except (ImportError, AttributeError) as exc:
        log.info("Ray Data's helper actors kept (%s)", exc)
        return False
    for module in users:
        module.DefaultAutoscalingCoordinator = _choose(
            module.DefaultAutoscalingCoordinator, FixedClusterCoordinator
        )
    data_stats.get_or_create_stats_actor = _choose(data_stats.get_or_create_stats_actor, lambda: _SINK)
    _installed = True
    return True


def _choose(original, local):
    """A callable that builds ``local`` while :data:`_active`, else ``original``."""

    def build(*args: Any, **kwargs: Any):
        return (local if _active else original)(*args, **kwargs)

    build.__wrapped__ = original
    return build
