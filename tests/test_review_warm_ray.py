"""``corpusforge ray up`` and its warm driver with a real warm Ray: two served runs at the same
time keep their outputs and live figures apart and leave no statistics behind; after ``ray
down`` no socket is left; when the Ray dies under it, the warm driver goes too."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: A client that says whether it was served (97: not served, the caller would run it itself).
CLIENT = (
    "import sys, time\n"
    "from engine import warm_driver\n"
    "warm_driver._sources = lambda root: 'fixed'\n"  # other checkouts' edits: not this test's subject
    "rc = warm_driver.delegate(sys.argv[1:], time.time())\n"
    "sys.exit(97 if rc is None else rc)\n"
)
NOT_SERVED = 97


def _cli(env, *argv, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", *argv], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


#: The warm driver as ``ray up`` starts it (engine/warm_driver.start), its fingerprint of the
#: sources fixed as the client's: the checkout may be edited by others while the tests run.
SERVER = (
    "import sys\n"
    "from engine import warm_driver\n"
    "warm_driver._sources = lambda root: 'fixed'\n"
    "warm_driver.serve(sys.argv[1])\n"
)


def _up(path: str) -> tuple[dict, dict]:
    from engine.shutdown import TOKEN_ENV
    from engine.warm_driver import socket_path

    env = {**os.environ, "CORPUSFORGE_RAY_DIR": path, "PYTHONPATH": str(ROOT)}
    for k in ("RAY_ADDRESS", "CORPUSFORGE_WARM_DRIVER", "CORPUSFORGE_WARM_WORKERS"):
        env.pop(k, None)
    up = _cli({**env, "CORPUSFORGE_WARM_DRIVER": "0"}, "ray", "up", "--num-cpus", "2")
    assert up.returncode == 0, up.stdout + up.stderr
    state = json.loads(Path(path, "state.json").read_text())
    state["warm_driver"] = socket_path(path)
    with open(os.path.join(path, "server.log"), "ab") as log:
        subprocess.Popen(
            [sys.executable, "-c", SERVER, state["warm_driver"]], env={**env, TOKEN_ENV: state["token"]},
            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    return env, state


def _wait_for(predicate, timeout=30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _instance():
    path = tempfile.mkdtemp(prefix="cfr", dir="/tmp")  # short: Ray's socket paths live under it
    env, state = _up(path)
    assert _wait_for(lambda: os.path.exists(state["warm_driver"]))
    yield env, state
    _cli(env, "ray", "down", timeout=120)
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def warm():
    """An instance of its own, for a test that kills its Ray."""
    yield from _instance()


@pytest.fixture(scope="module")
def warm_shared():
    """One instance for the tests that use it in turn (a ``ray up``/``ray down`` pair is ~20 s of
    a quiet 2-core machine): each checks only its own runs and that they left nothing behind;
    the ``ray down`` test, after them in this file, ends it (the teardown's ``ray down`` then
    finds nothing up)."""
    yield from _instance()


def _config(tmp_path: Path, name: str, n: int) -> Path:
    src = tmp_path / f"{name}.jsonl"
    src.write_text(
        "".join(json.dumps({"id": f"{name}{i}", "text": f"{name} words of document {i % (n // 2)}"}) + "\n"
                for i in range(n))
    )  # fmt: skip
    cfg = {"name": name, "input": {"paths": [str(src)]}, "output": {"path": str(tmp_path / f"out_{name}")},
           "pipeline": [{"op": "length_filter", "min_words": 3}, {"op": "exact_dedup"}]}  # fmt: skip
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(cfg))
    return path


def _service_runs(env) -> list[str]:
    code = (
        "import json, logging, ray\n"
        "from engine.ray_local import resolve_address\n"
        "from engine.stats import SERVICE_NAME, SERVICE_NAMESPACE, KV_NAMESPACE\n"
        "from ray.experimental import internal_kv\n"
        "ray.init(address=resolve_address('auto')[0], logging_level=logging.WARNING)\n"
        "s = ray.get_actor(SERVICE_NAME, namespace=SERVICE_NAMESPACE)\n"
        "keys = internal_kv._internal_kv_list('', namespace=KV_NAMESPACE)\n"
        "preload = internal_kv._internal_kv_list('preload/', namespace='corpusforge')\n"
        "print(json.dumps({'runs': ray.get(s.runs_held.remote()), 'kv': len(keys), 'preload': len(preload)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_two_served_runs_at_once_keep_apart_and_leave_nothing(warm_shared, tmp_path):
    env, state = warm_shared
    a, b = _config(tmp_path, "aa", 400), _config(tmp_path, "bb", 60)
    clients = [
        subprocess.Popen([sys.executable, "-c", CLIENT, "run", str(c), "--ray", "auto", "--json"],
                         env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in (a, b)
    ]  # fmt: skip
    outs = [c.communicate(timeout=300) for c in clients]
    for c, (out, err) in zip(clients, outs):
        assert c.returncode == 0, (c.returncode, out, err)  # served (97: not served), and succeeded
    sa, sb = (json.loads(out) for out, _ in outs)
    assert (sa["input_docs"], sa["output_docs"]) == (400, 200)
    assert (sb["input_docs"], sb["output_docs"]) == (60, 30)
    for name, n in (("aa", 400), ("bb", 60)):
        report = json.loads((tmp_path / f"out_{name}" / "report.json").read_text())
        ops = {op["name"]: op for op in report["ops"]}
        # the live figures are the run's own: the other run's batches would show here
        assert ops["length_filter"]["docs_in"] == n
    held = _service_runs(env)
    # nothing left in the service, the statistics' KV namespace, nor the runs' published configs
    assert held == {"runs": [], "kv": 0, "preload": 0}, held


_AUTH = """
import json, logging, ray
from engine import warm_workers
from engine.ray_local import resolve_address
ray.init(address=resolve_address("auto")[0], logging_level=logging.WARNING)
address = warm_workers.raylet_address()
message = warm_workers.request_bytes(1, 5)
refused = warm_workers.grpc_unary(*address, warm_workers.METHOD, message, auth=[])
wrong = warm_workers.grpc_unary(*address, warm_workers.METHOD, message, auth=[("authorization", "Bearer nope")])
print(json.dumps({"token": bool(warm_workers._auth_headers()), "refused": refused is None,
                  "wrong": wrong is None, "ok": warm_workers.prestart(1, 5)}))
"""


def test_prestart_presents_rays_token_where_authentication_is_on(warm_shared):
    env, state = warm_shared
    if state.get("auth_mode") != "token" or not (Path.home() / ".ray" / "auth_token").exists():
        pytest.skip("Ray's token authentication is not on here")
    done = subprocess.run([sys.executable, "-c", _AUTH], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # the raylet refuses the call without the token or with a wrong one, takes it with Ray's
    assert seen == {"token": True, "refused": True, "wrong": True, "ok": True}, seen


def test_ray_down_leaves_no_socket_and_the_next_run_runs_itself(warm_shared, tmp_path):
    """Ends the module's shared instance: the last of its users in this file."""
    env, state = warm_shared
    sock = state["warm_driver"]
    assert _cli(env, "ray", "down", timeout=120).returncode == 0
    assert not os.path.exists(sock)
    done = subprocess.run([sys.executable, "-c", CLIENT, "run", str(_config(tmp_path, "cc", 10)), "--ray", "auto"],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == NOT_SERVED, done.stderr


def test_ray_dying_under_the_warm_driver_frees_the_instance(warm):
    env, state = warm
    from engine.shutdown import processes_with_token

    ray_pids = []
    for pid in processes_with_token(state["token"]):
        try:
            program = os.path.basename(Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0", 1)[0])
        except OSError:
            continue
        if program in (b"gcs_server", b"raylet"):
            ray_pids.append(pid)
    assert len(ray_pids) == 2, ray_pids
    for pid in ray_pids:  # the machine's OOM killer, a `ray stop` of another shell, ...
        os.kill(pid, signal.SIGKILL)
    # the warm driver goes with its Ray (no run handed to a driver whose Ray is gone, nor kept as
    # a process of the instance), its socket removed
    assert _wait_for(lambda: not os.path.exists(state["warm_driver"]), 20)
    assert all(
        b"warm_driver" not in Path(f"/proc/{pid}/cmdline").read_bytes()
        for pid in processes_with_token(state["token"])
        if os.path.exists(f"/proc/{pid}/cmdline")
    )
