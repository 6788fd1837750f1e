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


def _run(nodes: int) -> dict:
    proc = subprocess.run(
        [sys.executable, str(DRIVER), str(nodes)], capture_output=True, text=True, timeout=1500, check=False
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, proc.stderr[-3000:]
    return json.loads(lines[-1][len("RESULT ") :])


@pytest.mark.timeout(3000)
def test_one_node_and_three_node_cluster_agree():
    single = _run(1)
    multi = _run(3)
    assert multi["nodes"] == 3
    assert single["removed"] and single["removed"] == multi["removed"]
    assert single["report"]["clusters"] == multi["report"]["clusters"]
