"""A worker's first Ray Data task imports nothing its boot could have imported (cold_engine13).

Every Ray Data task carries the driver's ``DataContext``; a worker unpickles it with the task.
Its ``issue_detectors_config`` needs ``ray.data._internal.issue_detection``, which imports
``ray.util.state``: 0.11-0.18 CPU-s that py-spy showed in each worker's first task of a cold run,
on the first block's path. The embedded head's workers import it as they boot
(``engine.ray_runtime.WORKER_PRELOAD``); these tests unpickle a driver's ``DataContext`` in a
fresh process that imported only that list, as a prestarted worker has, and look at what the
unpickling imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import json, sys
sys.path.insert(0, {root!r})
for name in json.loads(sys.argv[1]):
    __import__(name)
from ray import cloudpickle
blob = open(sys.argv[2], "rb").read()
before = set(sys.modules)
ctx = cloudpickle.loads(blob)
new = sorted(m for m in set(sys.modules) - before if m.startswith(("ray", "pandas", "pyarrow")))
print(json.dumps({{"type": type(ctx).__name__, "new": new}}))
"""


def _unpickle_after(preload: list[str], tmp_path: Path) -> dict:
    from ray import cloudpickle
    from ray.data.context import DataContext

    blob = tmp_path / "ctx.pkl"
    blob.write_bytes(cloudpickle.dumps(DataContext.get_current()))
    out = subprocess.run(
        [sys.executable, "-c", _CHILD.format(root=str(ROOT)), json.dumps(preload), str(blob)],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(ROOT),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_data_context_unpickles_with_nothing_new_after_the_preload(tmp_path):
    from engine.ray_runtime import WORKER_PRELOAD

    res = _unpickle_after(list(WORKER_PRELOAD), tmp_path)
    assert res["type"] == "DataContext"
    assert res["new"] == [], res["new"]


def test_without_it_the_first_task_imports_the_state_api(tmp_path):
    """The measure can fail: without the issue-detection package in the list, unpickling the
    context imports it and Ray's state API on the task's path."""
    from engine.ray_runtime import WORKER_PRELOAD

    preload = [m for m in WORKER_PRELOAD if not m.startswith("ray.data._internal.issue_detection")]
    res = _unpickle_after(preload, tmp_path)
    assert "ray.data._internal.issue_detection" in res["new"]
    assert "ray.util.state" in res["new"]


def test_the_embedded_head_preloads_the_list(monkeypatch):
    from engine import ray_runtime

    monkeypatch.delenv(ray_runtime.LEAN_ENV, raising=False)
    modules = ray_runtime.embedded_system_config()["preload_python_modules"]
    assert "ray.data._internal.issue_detection" in modules
