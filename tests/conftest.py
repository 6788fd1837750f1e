"""Shared fixtures. One local Ray for the whole session (started lazily, only
by tests that need it), sized small so the suite runs on 2 cores."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def ray_session():
    import ray

    if not ray.is_initialized():
        ray.init(
            address="local",  # never attach to a cluster some other process started
            num_cpus=2,
            include_dashboard=False,
            log_to_driver=False,
            runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}},
            object_store_memory=500 * 1024 * 1024,
        )
    yield ray
    ray.shutdown()


@pytest.fixture
def tmp_out(tmp_path):
    return tmp_path / "out"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto in server mode on loopback: a real HTTP S3 endpoint (one per test module)."""
    pytest.importorskip("moto.server", reason="moto[server] is in the test extras")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("moto server did not start")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="session")
def pii_annotator():
    """One ``pii_redact`` in annotate mode with every default entity, set up once for the PII
    held-out and recognizer tests (they only call ``find``)."""
    from operators.pii import PiiRedact

    annotator = PiiRedact(mode="annotate")
    annotator.ensure_setup()
    return annotator


#: Test files that start Ray instances of their own (``corpusforge ray up``, ``ray.cluster_utils.Cluster``,
#: embedded heads whose workers they count) or watch the machine's processes and signals: under
#: pytest-xdist (``-n 2``, pyproject.toml) they run one after another on one test process, beside the
#: other process's tests, never two of them at once.
ONE_AT_A_TIME = frozenset(
    """test_bench_overhead_warm_env test_chain_e2e_tree_cpu test_cluster test_cold_spare_worker
    test_dedup_cluster test_phases_start test_preload test_ray_local test_ray_local_trust
    test_review_warm_driver test_review_warm_ray test_review_warm_stale test_run_cost_prestart
    test_schema_cluster test_schema_conflicts_cluster test_sigterm test_start_agent_stub test_startup
    test_warm_driver_signals test_warm_prestart_skip test_warm_workers""".split()
)

#: The costliest groups first (seconds in one fresh-clone run with two test processes on 2 cores), so
#: the scheduler hands them out before the many short files, which then even out both processes'
#: ends; the rest keep their collection order. A stale figure only changes the order, never a result.
LONGEST_FIRST = (
    "one_at_a_time test_dedup_minhash test_dedup_single_task test_global_stage_faults "
    "test_column_order_resume test_resume test_stage_input test_dedup_chaining test_stage_fusion "
    "test_dedup_exact test_chain_torture"
).split()


def group_of(path: str) -> str:
    """The xdist unit of work a test belongs to, from its node id's file part: its file (so module
    fixtures are built once, on one process), or ``one_at_a_time`` for the ONE_AT_A_TIME files."""
    stem = os.path.splitext(os.path.basename(path.split("::", 1)[0]))[0]
    return "one_at_a_time" if stem in ONE_AT_A_TIME else stem


def pytest_collection_modifyitems(config, items):
    """The longest groups first (see LONGEST_FIRST); xdist keeps this order (--no-loadscope-reorder)."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(group_of(item.nodeid), len(rank)))


def pytest_xdist_make_scheduler(config, log):
    """Hand out whole groups (group_of), not single tests. pytest-xdist's own ``loadgroup`` marks
    tests by rewriting their node ids, which pytest 9.2 no longer allows (the marks were silently
    ignored), so the groups are drawn here from the node ids instead."""
    from xdist.scheduler import LoadScopeScheduling

    class FileGroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

    return FileGroupScheduling(config, log)
