"""Driver for the cluster tests: owns its Ray, so it runs in a subprocess.

``python tests/cluster_driver.py PLAN_JSON`` where the plan is
``{"single": {...} | null, "runs": [{"name", "config", "fault"}], "nodes": [...]}``:

1. ``single``: the config on a one-node embedded Ray (2 CPUs, the same
   ``accelerator`` custom resource and one GPU slot as the accelerator node);
2. ``runs``: each config in turn on one ``ray.cluster_utils.Cluster`` (a head and
   worker raylets on this machine, each with its own resources). ``fault``:
   ``null``, or ``{"remove_node": "worker", "after_traces": k}`` - remove that
   worker node (not gracefully) once the test operators have traced ``k``
   batches, in the middle of the run.

Prints ``NODES {...}`` (node ids by role) and ``RESULT <name> {...}`` per run
(report figures, whether the fault happened while the run was in progress).

Test operators, registered only here:

* ``record_node`` (task): writes ``ray.get_runtime_context().get_node_id()``
  into a column and a trace file per batch;
* ``record_actor`` (actor pool, ``setup``): writes the actor id; with
  ``crash_marker`` set, the first actor to reach ``crash_after`` batches
  creates the marker file and exits the process (``os._exit``), once per run.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyarrow as pa
from ray import cloudpickle

import engine.config
from engine import Mapper, OpParams, put_column


def _trace(trace_dir: str | None, record: dict) -> None:
    if trace_dir:
        os.makedirs(trace_dir, exist_ok=True)
        path = os.path.join(trace_dir, uuid.uuid4().hex + ".json")
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.replace(path + ".tmp", path)


class RecordNodeParams(OpParams):
    column: str = "node_id"
    seconds: float = 0.0
    trace_dir: str | None = None


class RecordNode(Mapper):
    """Test operator: records the Ray node each batch ran on; changes no text."""

    name: ClassVar[str] = "record_node"
    Params: ClassVar[type[OpParams]] = RecordNodeParams

    def transform(self, table: pa.Table) -> pa.Table:
        import ray

        time.sleep(self.params.seconds)
        node = ray.get_runtime_context().get_node_id()
        _trace(self.params.trace_dir, {"op": self.name, "node": node, "rows": table.num_rows})
        return put_column(table, self.params.column, pa.array([node] * table.num_rows, pa.string()))


class RecordActorParams(OpParams):
    column: str = "actor_id"
    seconds: float = 0.0
    trace_dir: str | None = None
    crash_marker: str | None = None
    crash_after: int = 2


class RecordActor(Mapper):
    """Test operator with setup (an actor pool): records the actor of each batch."""

    name: ClassVar[str] = "record_actor"
    Params: ClassVar[type[OpParams]] = RecordActorParams

    def setup(self) -> None:
        import ray

        self.actor = ray.get_runtime_context().get_actor_id()
        self.batches = 0
        node = ray.get_runtime_context().get_node_id()
        _trace(self.params.trace_dir, {"op": "record_actor_setup", "node": node, "actor": self.actor})

    def transform(self, table: pa.Table) -> pa.Table:
        import ray

        p = self.params
        self.batches += 1
        time.sleep(p.seconds)
        if p.crash_marker and self.batches >= p.crash_after:
            try:
                fd = os.open(p.crash_marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass
            else:
                os.write(fd, str(os.getpid()).encode())
                os.close(fd)
                os._exit(1)  # the actor process dies mid-batch
        node = ray.get_runtime_context().get_node_id()
        _trace(p.trace_dir, {"op": self.name, "node": node, "actor": self.actor, "rows": table.num_rows})
        return put_column(table, p.column, pa.array([self.actor] * table.num_rows, pa.string()))


cloudpickle.register_pickle_by_value(sys.modules[__name__])

TEST_OPERATORS = (RecordNode, RecordActor)


def _register() -> None:
    for cls in TEST_OPERATORS:
        engine.config.register_operator(cls)


def _summary(report: dict) -> dict:
    keys = ("input_docs", "output_docs", "removed_docs", "quarantined", "quarantine_reasons", "accounting_ok")
    out = {k: report.get(k) for k in keys}
    out["accounting"] = report.get("accounting")
    out["ops"] = [
        {k: o.get(k) for k in ("name", "docs_in", "docs_out", "removed", "quarantined")}
        for o in report["ops"]
    ]
    return out


def _count(path: str) -> int:
    return len([n for n in os.listdir(path) if n.endswith(".json")]) if os.path.isdir(path) else 0


def _run(run: dict, cluster=None, nodes: dict | None = None) -> dict:
    from engine.executor import run_config

    fault = run.get("fault") or {}
    state = {"fault_at": None, "finished": False}
    watcher = None
    if fault.get("remove_node"):
        trace_dir = fault["trace_dir"]
        victim = nodes[fault["remove_node"]]

        def watch() -> None:
            while not state["finished"]:
                if _count(trace_dir) >= fault["after_traces"]:
                    state["fault_at"] = _count(trace_dir)
                    cluster.remove_node(victim, allow_graceful=False)
                    return
                time.sleep(0.05)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
    t0 = time.time()
    report = run_config(run["config"])
    state["finished"] = True
    if watcher is not None:
        watcher.join(timeout=60)
    out = _summary(report)
    out["seconds"] = round(time.time() - t0, 1)
    out["fault_during_run"] = state["fault_at"] is not None
    out["fault_at_traces"] = state["fault_at"]
    return out


def _emit(kind: str, payload) -> None:
    print(f"{kind} {json.dumps(payload)}", flush=True)


def main(plan: dict) -> None:
    import ray

    _register()
    env = {"env_vars": {"PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}}
    store = 160 * 1024 * 1024
    if plan.get("single"):
        ray.init(
            address="local",
            num_cpus=2,
            num_gpus=1,
            resources={"accelerator": 1},
            object_store_memory=store,
            include_dashboard=False,
            runtime_env=env,
            log_to_driver=False,
        )
        try:
            _emit("RESULT single", _run(plan["single"]))
        finally:
            ray.shutdown()
    if not plan.get("runs"):
        return
    from ray.cluster_utils import Cluster

    cluster = Cluster(
        initialize_head=True,
        head_node_args={"num_cpus": 1, "object_store_memory": store, "include_dashboard": False},
    )
    try:
        # the accelerator node has 2 CPUs: after the worker is removed, a 1-CPU read
        # task must still fit beside the test operators' fractional CPUs
        worker = cluster.add_node(num_cpus=1, object_store_memory=store)
        accel = cluster.add_node(
            num_cpus=2, num_gpus=1, resources={"accelerator": 1}, object_store_memory=store
        )
        cluster.wait_for_nodes()
        ray.init(address=cluster.address, runtime_env=env, log_to_driver=False)
        nodes = {"head": cluster.head_node, "worker": worker, "accelerator": accel}
        ids = {role: n.node_id for role, n in nodes.items()}
        _emit("NODES", ids)
        for run in plan["runs"]:
            _emit(f"RESULT {run['name']}", _run(run, cluster, nodes))
    finally:
        ray.shutdown()
        cluster.shutdown()


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
