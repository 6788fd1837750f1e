"""minhash_dedup gives the identical result on 1 node and on a 3-node Ray cluster.

Each run is a separate process (tests/dedup_cluster_driver.py): a
``ray.cluster_utils.Cluster`` cannot share the test session's Ray.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("dedup_cluster_driver.py")


def _run(nodes: int, *extra: str) -> dict:
    proc = subprocess.run(
        [sys.executable, str(DRIVER), str(nodes), *extra],
        capture_output=True,
        text=True,
        timeout=1500,
        check=False,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, proc.stderr[-3000:]
    return json.loads(lines[-1][len("RESULT ") :])


@pytest.fixture(scope="module")
def single():
    return _run(1)


@pytest.mark.timeout(3000)
def test_one_node_and_three_node_cluster_agree(single):
    multi = _run(3)
    assert multi["nodes"] == 3
    assert single["removed"] and single["removed"] == multi["removed"]
    assert single["report"]["clusters"] == multi["report"]["clusters"]


@pytest.mark.timeout(3000)
def test_worker_node_lost_during_minhash_dedup_gives_identical_output(single):
    lost = _run(3, "--kill-worker")
    assert lost["killed"] and lost["alive"] == 2  # the node went while the stage was signing
    assert lost["removed"] == single["removed"]
    for key in (
        "docs",
        "candidate_edges",
        "verified_edges",
        "clusters",
        "duplicates",
        "removed",
        "keeper_verification",
    ):
        assert lost["report"][key] == single["report"][key], key
