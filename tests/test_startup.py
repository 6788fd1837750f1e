"""Where a run's wall time goes: the timeline (engine/phases.py) and the
report's ``phases`` / ``first_block_s`` of a real run."""

from __future__ import annotations

import json
import time

from engine import phases
from engine.phases import Timeline, process_start_time


def test_process_start_time_is_before_now():
    start = process_start_time()
    assert start is not None
    assert start <= time.time()
    assert time.time() - start < 24 * 3600 * 30


def test_timeline_orders_marks_and_nests_stage_phases():
    t = Timeline(run_started=100.0)
    t.start = 90.0  # as when the command began 10 s before the run
    t.marks = [("imports", 100.0)]
    t.mark("config", 100.5)
    t.mark("ray_start", 102.0)
    t.mark("stage:exact_dedup", 110.0)
    t.mark("stream", 112.0)
    t.mark("first_block", 103.0)  # a worker's time, added afterwards
    rows = t.phases({"exact_dedup": {"phases": {"input": 4.0, "groups": 3.0}}})
    assert [r["phase"] for r in rows] == [
        "imports",
        "config",
        "ray_start",
        "first_block",
        "stage:exact_dedup",
        "stream",
    ]
    assert [r["start_s"] for r in rows] == [0.0, 10.0, 10.5, 12.0, 13.0, 20.0]
    assert rows[4]["seconds"] == 7.0 and rows[4]["phases"] == {"input": 4.0, "groups": 3.0}
    assert t.offset(103.0) == 13.0


def test_command_start_only_when_marked(monkeypatch):
    monkeypatch.setattr(phases, "_command_started", None)
    t = Timeline(run_started=500.0)
    assert t.start == 500.0 and t.marks == []
    monkeypatch.setattr(phases, "_command_started", 490.0)
    t = Timeline(run_started=500.0)
    assert t.start == 490.0 and t.marks == [("imports", 500.0)]


def test_a_run_reports_its_phases(ray_session, tmp_path):
    from engine.executor import run_config

    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": str(i), "text": f"document number {i} " * 5}) + "\n" for i in range(50))
    )
    cfg = {
        "name": "phases",
        "input": {"paths": [str(src)]},
        "output": {"path": str(tmp_path / "out")},
        "execution": {"progress": False},
        "pipeline": [{"op": "length_filter", "min_words": 1}, {"op": "exact_dedup"}],
    }
    report = run_config(cfg)
    names = [p["phase"] for p in report["phases"]]
    assert names[:2] == ["config", "ray_start"]
    assert "first_block" in names and names[-2:] == ["stream", "end_of_run"]
    assert names.index("first_block") < names.index("stage:exact_dedup")
    stage = report["phases"][names.index("stage:exact_dedup")]
    assert stage["phases"]  # the stage's own sub-phases
    starts = [p["start_s"] for p in report["phases"]]
    assert starts == sorted(starts) and all(p["seconds"] >= 0 for p in report["phases"])
    assert 0 < report["first_block_s"] <= report["seconds"] + 1
    total = report["phases"][-1]["start_s"] + report["phases"][-1]["seconds"]
    assert abs(total - report["seconds"]) < 0.5  # the phases cover the run
    on_disk = json.loads((tmp_path / "out" / "report.json").read_text())
    assert on_disk["phases"] == report["phases"]


LEAN_DRIVER = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from engine import console
from engine.config import load_config
from engine.ray_runtime import init_ray
from engine.shutdown import guarded_run, processes_with_token
cfg = load_config({"name": "x", "input": {"paths": [sys.argv[2]]}, "output": {"path": sys.argv[3]},
                   "ray": {"num_cpus": 2}, "pipeline": []})
console.enable()
with guarded_run(embedded=True) as token:
    init_ray(cfg, sys.argv[3])
    import ray
    import psutil  # Ray's own copy, on the path once ray is imported

    @ray.remote
    def modules():
        return sorted(m for m in ("ray.data", "engine.read_plan", "engine.io_write") if m in sys.modules)

    preloaded = ray.get(modules.remote())
    children = [" ".join(p.cmdline()) for p in psutil.Process().children(recursive=True)]
    console.release()
    ray.shutdown()
print(json.dumps({"preloaded": preloaded, "children": children, "left": processes_with_token(token)}))
"""


def test_command_line_embedded_ray_is_lean_and_preloads_workers(tmp_path):
    """A command-line run (Ray's output captured) starts no autoscaler monitor, no
    log monitor, no API server (dashboard process) and no real agents, its workers import the engine before taking work, and nothing is
    left when it ends (engine/ray_runtime.py)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "a"}\n')
    proc = subprocess.run(
        [sys.executable, "-c", LEAN_DRIVER, str(root), str(src), str(tmp_path / "out")],
        capture_output=True, text=True, timeout=600, cwd=root,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert any("gcs_server" in c for c in result["children"])
    assert not [c for c in result["children"] if "monitor.py" in c], result["children"]  # also log_monitor.py
    assert not [c for c in result["children"] if "dashboard/dashboard.py" in c]  # no API server
    # the raylet's two agents are the stand-in of engine/ray_agent_stub.py, which imports nothing
    assert not [c for c in result["children"] if "dashboard/agent.py" in c or "runtime_env/agent" in c]
    stubs = [
        c for c in result["children"] if c.split()[1:] == ["-S", "-I", c.split()[-1]] and "agent_stub" in c
    ]
    assert len(stubs) == 2, result["children"]
    assert result["preloaded"] == ["engine.io_write", "engine.read_plan", "ray.data"]
    assert result["left"] == []
    assert (tmp_path / "out" / "_logs" / "ray.log").is_file()


PRESTART_DRIVER = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from engine import ray_runtime
from engine.shutdown import processes_with_token, reserve_token
started = ray_runtime.prestart(sys.argv[2], ["ray.num_cpus=1"], None)
token = reserve_token()  # the token prestart reserved (the same one until released)
address = ray_runtime._early.join() if started else None
running = processes_with_token(token)
ray_runtime.cancel_prestart()
print(json.dumps({"started": started, "address": address, "running": len(running),
                  "left": processes_with_token(token)}))
"""


def test_a_prestarted_head_is_stopped_when_the_run_does_not_use_it(tmp_path):
    """engine/cli.py starts the embedded head while the config loads (engine/ray_runtime.py
    prestart); when the config is then refused, cancel_prestart leaves no process behind."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"input: {{paths: [{tmp_path}]}}\noutput: {{path: {tmp_path / 'o'}}}\npipeline: []\n")
    proc = subprocess.run(
        [sys.executable, "-c", PRESTART_DRIVER, str(root), str(cfg)],
        capture_output=True, text=True, timeout=600, cwd=root,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["started"] and result["address"] and result["running"] >= 2  # GCS, raylet, ...
    assert result["left"] == []


def test_a_config_error_after_the_prestart_leaves_no_process(tmp_path):
    """``corpusforge run`` with an unknown operator: the head prestarted from the config's
    ``ray`` section is stopped, exit 2, and no process of the command is left."""
    import os
    import subprocess
    import sys
    import uuid
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        f"input: {{paths: [{tmp_path}]}}\noutput: {{path: {tmp_path / 'o'}}}\npipeline: [{{op: no_such_op}}]\n"
    )
    marker = uuid.uuid4().hex
    env = {**os.environ, "CORPUSFORGE_TEST_MARK": marker}  # inherited by every process it starts
    proc = subprocess.run(
        [sys.executable, "-m", "engine.cli", "run", str(cfg), "--json"],
        capture_output=True, text=True, timeout=600, cwd=root, env=env,
    )  # fmt: skip
    assert proc.returncode == 2 and "no_such_op" in proc.stderr
    needle = f"CORPUSFORGE_TEST_MARK={marker}".encode()
    left = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/environ", "rb") as f:
                    if needle in f.read().split(b"\0"):
                        left.append(int(name))
            except OSError:
                continue
    assert left == []


def test_the_command_line_imports_no_heavy_module_before_the_prestart():
    """``corpusforge run`` starts its embedded head before pyarrow, numpy, pydantic and Ray are
    imported (engine/cli.py, engine/__init__.py loads its names on first use)."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, engine.cli, engine.ray_runtime, engine.shutdown, engine.phases, engine.console\n"
        "heavy = ('pyarrow', 'numpy', 'pydantic', 'ray', 'pandas', 'operators')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy}))\n"
        "from engine import Mapper, mark_removed, ConfigError\n"  # the public names still resolve
        "import engine; assert engine.columns.mark_removed is mark_removed\n"
    )
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_ray_section_reads_the_ray_keys_alone(tmp_path):
    from engine.ray_runtime import ray_section

    cfg = tmp_path / "c.yaml"
    cfg.write_text("ray: {num_cpus: 2}\npipeline: [{op: whatever}]\n")
    assert ray_section(str(cfg), []) == {"address": None, "num_cpus": 2, "object_store_mb": None}
    assert ray_section(str(cfg), ["ray.object_store_mb=128", "output.path=x"])["object_store_mb"] == 128
    assert ray_section(str(cfg), ["ray.address=auto"])["address"] == "auto"
    # anything RayConfig may not accept: None (the full validation decides, Ray starts as before)
    assert ray_section(str(cfg), ["ray.num_cpus=0"]) is None
    assert ray_section(str(cfg), ["ray.object_store_mb=8"]) is None
    assert ray_section(str(cfg), ["ray.num_cpus=true"]) is None
    assert ray_section(str(cfg), ["ray.unknown=1"]) is None
    assert ray_section(str(tmp_path / "missing.yaml"), []) is None
    (tmp_path / "bad.yaml").write_text("ray: [1, 2\n")
    assert ray_section(str(tmp_path / "bad.yaml"), []) is None
    (tmp_path / "none.yaml").write_text("pipeline: []\n")
    assert ray_section(str(tmp_path / "none.yaml"), []) == {
        "address": None,
        "num_cpus": None,
        "object_store_mb": None,
    }


HELPERS_DRIVER = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import ray
ray.init(address="local", num_cpus=1, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
from engine import ray_lean
ray_lean.activate(sys.argv[2] == "owned")
import ray.data
from ray.data import DataContext
DataContext.get_current().enable_progress_bars = False
rows = ray.data.range(20, override_num_blocks=2).map_batches(lambda b: b).take_all()
named = sorted(a["name"] for a in ray.util.list_named_actors(all_namespaces=True))
print(json.dumps({"rows": len(rows), "named": named, "active": ray_lean.is_active()}))
ray.shutdown()
"""


def _helpers(mode: str) -> dict:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run(
        [sys.executable, "-c", HELPERS_DRIVER, str(root), mode],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_no_ray_data_helper_actors_on_a_ray_we_own():
    """On a Ray this run owns (engine/ray_lean.py), a Ray Data execution schedules its tasks
    with the in-driver coordinator and starts neither of Ray Data's helper actors (each a
    worker process); on any other Ray, Ray Data is left as it is and starts them."""
    owned = _helpers("owned")
    assert owned["active"] and owned["rows"] == 20
    assert owned["named"] == []
    other = _helpers("other")
    assert not other["active"] and other["rows"] == 20
    assert "AutoscalingCoordinator" in other["named"]  # the check above is not vacuous


def test_fixed_cluster_coordinator_reserves_the_alive_nodes(monkeypatch):
    import ray

    from engine.ray_lean import FixedClusterCoordinator

    nodes = [
        {"NodeID": "a", "Alive": True, "Resources": {"CPU": 2.0, "memory": 1e9, "object_store_memory": 5e8}},
        {"NodeID": "b", "Alive": False, "Resources": {"CPU": 4.0}},
        {"NodeID": "c", "Alive": True, "Resources": {"CPU": 0.0, "node:__internal_head__": 1.0}},
        {"NodeID": "d", "Alive": True, "Resources": {"GPU": 1.0}},
    ]
    monkeypatch.setattr(ray, "nodes", lambda: nodes)
    coord = FixedClusterCoordinator(requester_id="x")
    coord.request_resources([{"CPU": 64}], expire_after_s=10)  # nothing to ask: the budget stays
    assert sorted(coord.get_reserved_resources()) == ["a", "d"]
    assert coord.get_reserved_resources()["a"]["CPU"] == 2.0
    nodes[0]["Alive"] = False  # a lost node leaves the budget at the next refresh
    coord._read_at -= FixedClusterCoordinator.REFRESH_S
    assert sorted(coord.get_reserved_resources()) == ["d"]


def test_ray_start_parts_are_reported_beside_the_phase():
    t = Timeline(run_started=10.0)
    phases.detail("ray_start", "head_wait", 1.25)
    phases.detail("ray_start", "attach", 0.5)
    t.mark("ray_start", 12.0)
    rows = t.phases()
    assert rows[0]["phase"] == "ray_start" and rows[0]["phases"] == {"head_wait": 1.25, "attach": 0.5}
    assert Timeline(run_started=20.0).details == {}  # the next run records its own
