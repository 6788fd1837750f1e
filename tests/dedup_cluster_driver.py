"""Runs minhash_dedup on a small labeled corpus on 1 node or a 3-node
``ray.cluster_utils.Cluster`` and prints the removed ids as JSON (used by
tests/test_dedup_cluster.py in a subprocess: it cannot share the session Ray)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(nodes: int) -> None:
    import ray

    from engine.operator import StageContext
    from operators.dedup_minhash import MinHashDedup
    from tests.dedup_corpus import labeled_corpus, to_tables

    env = {"env_vars": {"PYTHONPATH": str(ROOT)}}
    cluster = None
    if nodes > 1:
        from ray.cluster_utils import Cluster

        cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
        for _ in range(nodes - 1):
            cluster.add_node(num_cpus=1)
        ray.init(address=cluster.address, runtime_env=env, log_to_driver=False)
    else:
        ray.init(address="local", num_cpus=2, runtime_env=env, log_to_driver=False, include_dashboard=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        rows, _ = labeled_corpus(seed=5, originals=30, negatives=10)
        ds = ray.data.from_arrow(to_tables(rows, parts=4))
        ctx = StageContext(step_name="near_dedup", work_dir=tempfile.mkdtemp(), num_cpus=float(nodes))
        out = MinHashDedup(verify=True).run(ds, ctx)
        removed = sorted(
            r["id"] for b in out.iter_batches(batch_format="pyarrow", batch_size=None)
            for r in b.select(["id", "_cf_removed_by"]).to_pylist() if r["_cf_removed_by"]
        )
        alive = len(ray.nodes())
        print("RESULT " + json.dumps({"nodes": alive, "removed": removed, "report": ctx.report}, default=str))
    finally:
        ray.shutdown()
        if cluster is not None:
            cluster.shutdown()


if __name__ == "__main__":
    main(int(sys.argv[1]))
