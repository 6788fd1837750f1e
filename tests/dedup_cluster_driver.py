"""Runs minhash_dedup on a small labeled corpus on 1 node or a 3-node
``ray.cluster_utils.Cluster`` and prints the removed ids as JSON (used by
tests/test_dedup_cluster.py in a subprocess: it cannot share the session Ray).
With ``--kill-worker`` a worker node is removed (not gracefully) while the
signatures are being written."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _kill_worker_during_signing(cluster, worker, work_dir: str, state: dict) -> threading.Thread:
    """Remove ``worker`` (not gracefully) as soon as the first signature file is
    written: in the middle of minhash_dedup, with its tasks running on it."""
    sig_dir = os.path.join(work_dir, "signatures")

    def watch() -> None:
        while not state["finished"]:
            if os.path.isdir(sig_dir) and any(f.endswith(".parquet") for f in os.listdir(sig_dir)):
                cluster.remove_node(worker, allow_graceful=False)
                state["killed"] = True
                return
            time.sleep(0.02)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def main(nodes: int, kill_worker: bool = False) -> None:
    import ray

    from engine.operator import StageContext
    from operators.dedup.minhash import MinHashDedup
    from tests.dedup_corpus import labeled_corpus, to_tables

    env = {"env_vars": {"PYTHONPATH": str(ROOT)}}
    cluster = None
    if nodes > 1:
        from ray.cluster_utils import Cluster

        cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
        workers = [cluster.add_node(num_cpus=1) for _ in range(nodes - 1)]
        ray.init(address=cluster.address, runtime_env=env, log_to_driver=False)
    else:
        ray.init(address="local", num_cpus=2, runtime_env=env, log_to_driver=False, include_dashboard=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        rows, _ = labeled_corpus(seed=5, originals=30, negatives=10)
        ds = ray.data.from_arrow(to_tables(rows, parts=4))
        work_dir = tempfile.mkdtemp()
        ctx = StageContext(step_name="near_dedup", work_dir=work_dir, num_cpus=float(nodes), input_blocks=4)
        state = {"finished": False, "killed": False}
        if kill_worker:
            _kill_worker_during_signing(cluster, workers[-1], work_dir, state)
        out = MinHashDedup(verify=True).run(ds, ctx)
        removed = sorted(
            r["id"]
            for b in out.iter_batches(batch_format="pyarrow", batch_size=None)
            for r in b.select(["id", "_cf_removed_by"]).to_pylist()
            if r["_cf_removed_by"]
        )
        state["finished"] = True
        alive = len(ray.nodes())
        alive_now = sum(1 for n in ray.nodes() if n["Alive"])
        result = {
            "nodes": alive,
            "alive": alive_now,
            "killed": state["killed"],
            "removed": removed,
            "report": ctx.report,
        }
        print("RESULT " + json.dumps(result, default=str))
    finally:
        ray.shutdown()
        if cluster is not None:
            cluster.shutdown()


if __name__ == "__main__":
    main(int(sys.argv[1]), kill_worker="--kill-worker" in sys.argv)
