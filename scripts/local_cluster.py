"""Start a local multi-node Ray cluster on one machine, for trying cluster runs.

A head node and N worker nodes, each its own raylet with its own resources
(``ray.cluster_utils.Cluster``, the same machinery as the cluster tests).
One worker can advertise the custom resource ``accelerator`` and GPU slots, so
that steps declaring ``resources: {custom: {accelerator: 1}}`` or
``num_gpus`` have somewhere to go (Ray does not check that a GPU exists).

    python scripts/local_cluster.py up --workers 2 --cpus-per-node 1 --accelerator
    # prints the address; in another shell:
    corpusforge run configs/quickstart.yaml --set ray.address=127.0.0.1:PORT
    RAY_ADDRESS=http://127.0.0.1:8265 ray job submit --working-dir . -- corpusforge run configs/quickstart.yaml
    python scripts/local_cluster.py status
    python scripts/local_cluster.py down        # or Ctrl-C in the first shell

``up`` stays in the foreground and owns the cluster; ``down`` asks it to stop
(SIGTERM, via the state file) and it shuts every node down.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

STATE = Path(tempfile.gettempdir()) / "corpusforge-local-cluster.json"


def _read_state() -> dict | None:
    try:
        return json.loads(STATE.read_text())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def up(args: argparse.Namespace) -> int:
    state = _read_state()
    if state and _alive(state["pid"]):
        print(
            f"a local cluster is already running (pid {state['pid']}, address {state['address']})",
            file=sys.stderr,
        )
        return 1
    import ray
    from ray.cluster_utils import Cluster

    store = args.object_store_mb * 1024 * 1024
    head_args = {
        "num_cpus": args.cpus_per_node,
        "object_store_memory": store,
        "include_dashboard": args.dashboard,
    }
    if args.dashboard:
        head_args["dashboard_host"] = "127.0.0.1"
    cluster = Cluster(initialize_head=True, head_node_args=head_args)
    nodes = {"head": cluster.head_node.node_id}
    for i in range(args.workers):
        extra: dict = {}
        if args.accelerator and i == args.workers - 1:
            extra = {"num_gpus": args.gpu_slots, "resources": {"accelerator": 1}}
        node = cluster.add_node(num_cpus=args.cpus_per_node, object_store_memory=store, **extra)
        nodes[f"worker{i + 1}" + ("-accelerator" if extra else "")] = node.node_id
    cluster.wait_for_nodes()
    ray.init(address=cluster.address, log_to_driver=False)
    resources = ray.cluster_resources()
    ray.shutdown()
    info = {
        "pid": os.getpid(),
        "address": cluster.address,
        "dashboard": f"http://{cluster.head_node.address_info.get('webui_url')}" if args.dashboard else None,
        "nodes": nodes,
        "resources": {k: v for k, v in resources.items() if not k.startswith("node:") and "memory" not in k},
    }
    STATE.write_text(json.dumps(info))
    print(json.dumps(info, indent=2))
    print(f"\nray.address: {cluster.address}   (e.g. --set ray.address={cluster.address})", flush=True)
    if args.dashboard:
        print(
            f"job submission: RAY_ADDRESS={info['dashboard']} ray job submit --working-dir . -- corpusforge run CONFIG"
        )
    print("Ctrl-C or `python scripts/local_cluster.py down` stops it.", flush=True)

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        while not stop.wait(1.0):
            pass
    finally:
        print("stopping the local cluster ...", flush=True)
        cluster.shutdown()
        if (_read_state() or {}).get("pid") == os.getpid():
            STATE.unlink(missing_ok=True)
    return 0


def down(_: argparse.Namespace) -> int:
    state = _read_state()
    if not state or not _alive(state["pid"]):
        print("no local cluster is running")
        STATE.unlink(missing_ok=True)
        return 0
    os.kill(state["pid"], signal.SIGTERM)
    for _ in range(120):
        if not _alive(state["pid"]):
            print("stopped")
            return 0
        time.sleep(0.5)
    print(f"pid {state['pid']} did not stop within 60 s", file=sys.stderr)
    return 1


def status(_: argparse.Namespace) -> int:
    state = _read_state()
    if not state or not _alive(state["pid"]):
        print("no local cluster is running")
        return 1
    print(json.dumps(state, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("up", help="start the cluster and keep it running in the foreground")
    p.add_argument("--workers", type=int, default=2, help="worker nodes besides the head (default 2)")
    p.add_argument("--cpus-per-node", type=int, default=1)
    p.add_argument("--object-store-mb", type=int, default=256)
    p.add_argument(
        "--accelerator", action="store_true", help="the last worker advertises {accelerator: 1} and GPU slots"
    )
    p.add_argument("--gpu-slots", type=int, default=1, help="num_gpus advertised by the accelerator node")
    p.add_argument(
        "--dashboard", action="store_true", help="start the dashboard (needed by `ray job submit`)"
    )
    p.set_defaults(fn=up)
    sub.add_parser("down", help="stop a cluster started by `up`").set_defaults(fn=down)
    sub.add_parser("status", help="print the running cluster's address and nodes").set_defaults(fn=status)
    args = parser.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
