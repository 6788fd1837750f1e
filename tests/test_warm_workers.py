"""Job-less workers for the next run on the warm local Ray (engine/warm_workers.py): the request's
encoding, the raylet's answer, the switch, silent fallbacks, and a second run on ``ray up`` that
starts no worker of its own."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from engine import warm_workers

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------ encoding, no Ray
def test_hpack_integers_as_rfc_7541():
    # RFC 7541 C.1: 10 and 1337 with a 5-bit prefix, 42 with an 8-bit prefix
    assert warm_workers._hpack_int(10, 5) == bytes([10])
    assert warm_workers._hpack_int(1337, 5) == bytes([31, 154, 10])
    assert warm_workers._hpack_int(42, 8) == bytes([42])
    assert warm_workers._hpack_int(127, 7) == bytes([127, 0])


def _decode_literals(block: bytes) -> list[tuple[str, str]]:
    """Decode a block of "literal without indexing, new name" fields (the only kind written)."""
    out, i = [], 0

    def integer(i):
        value = block[i] & 0x7F
        i += 1
        if value < 0x7F:
            return value, i
        shift = 0
        while True:
            byte = block[i]
            i += 1
            value += (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value, i

    while i < len(block):
        assert block[i] == 0x00
        i += 1
        texts = []
        for _ in range(2):
            assert not block[i] & 0x80  # no Huffman
            n, i = integer(i)
            texts.append(block[i : i + n].decode())
            i += n
        out.append((texts[0], texts[1]))
    return out


def test_header_block_round_trips_long_values():
    headers = [(":path", warm_workers.METHOD), ("authorization", "Bearer " + "x" * 300)]
    assert _decode_literals(warm_workers.header_block(headers)) == headers


def test_request_has_no_job_and_no_runtime_env():
    from ray.core.generated import node_manager_pb2

    req = node_manager_pb2.PrestartWorkersRequest.FromString(warm_workers.request_bytes(3, 45))
    assert not req.HasField("job_id")  # job-less: any later job may take them
    assert req.num_workers == 3 and req.keep_alive_duration_secs == 45
    assert req.runtime_env_info.serialized_runtime_env == "{}"


def test_switch_and_unreachable_raylet_fall_back_silently(monkeypatch):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert warm_workers.prestart(2, address=("127.0.0.1", port)) is False
    with monkeypatch.context() as m:  # not attached to any Ray (the suite's own Ray may be up)
        m.setattr(warm_workers, "raylet_address", lambda: None)
        assert warm_workers.prestart(2) is False
    monkeypatch.setenv(warm_workers.ENV, "0")
    assert warm_workers.prestart(2, address=("127.0.0.1", port)) is False
    assert warm_workers.prestart_after_exit(2, ("127.0.0.1", port)) is False


# ------------------------------------------------------------------ a real warm Ray
@pytest.fixture
def warm_ray():
    path = tempfile.mkdtemp(prefix="cfw", dir="/tmp")  # short: Ray's socket paths live under it
    env = {**os.environ, "CORPUSFORGE_RAY_DIR": path}
    env.pop("RAY_ADDRESS", None)
    env.pop(warm_workers.ENV, None)
    up = subprocess.run(
        [sys.executable, "-m", "engine.cli", "ray", "up", "--num-cpus", "2"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert up.returncode == 0, up.stdout + up.stderr
    yield env, json.loads(Path(path, "state.json").read_text())
    subprocess.run([sys.executable, "-m", "engine.cli", "ray", "down"], env=env, cwd=ROOT, timeout=120)
    shutil.rmtree(path, ignore_errors=True)


def _worker_logs(state) -> list[str]:
    logs = Path(state["temp_dir"], "session_latest", "logs")
    return sorted(p.name for p in logs.glob("worker-*.out"))


def _jobless(names: list[str]) -> int:
    return sum(1 for n in names if n.split("-")[2] == "ffffffff")


def _wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


_ASK = """
import json, logging, os, sys, ray
from engine import warm_workers
from engine.ray_local import resolve_address
ray.init(address=resolve_address("auto")[0], logging_level=logging.WARNING)  # with Ray's token
ok = warm_workers.prestart(2, 30)
address = warm_workers.raylet_address()
wrong = warm_workers.grpc_unary(*address, "/ray.rpc.NodeManagerService/NoSuchCall", b"")
print(json.dumps({"ok": ok, "wrong": wrong}))
"""


def test_raylet_starts_jobless_workers_on_request(warm_ray):
    env, state = warm_ray
    before = _jobless(_worker_logs(state))
    proc = subprocess.run(
        [sys.executable, "-c", _ASK], env=env,
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["ok"] is True
    assert answer["wrong"] is None  # an unknown call: the raylet answers with no message
    assert _wait_for(lambda: _jobless(_worker_logs(state)) >= before + 2), _worker_logs(state)


def _run(env, cfg_path, *extra):
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", "run", str(cfg_path), "--ray", "auto", "--json", *extra],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


@pytest.mark.parametrize("switch", ["1", "0"])
def test_next_run_takes_workers_readied_by_the_last(warm_ray, tmp_path, switch):
    env, state = warm_ray
    env = {**env, warm_workers.ENV: switch}
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": str(i), "text": f"some words of document {i}"}) + "\n" for i in range(40))
    )
    cfg = {"name": "warm", "input": {"paths": [str(src)]}, "output": {"path": str(tmp_path / "out")},
           "pipeline": [{"op": "length_filter", "min_words": 3}]}  # fmt: skip
    (tmp_path / "c.json").write_text(json.dumps(cfg))
    first = _run(env, tmp_path / "c.json")
    assert first.returncode == 0, first.stdout + first.stderr
    jobless_after_first = _jobless(_worker_logs(state))
    if switch == "0":  # nothing asked for: no job-less worker appears
        time.sleep(3)
        assert _jobless(_worker_logs(state)) == jobless_after_first
        return
    # asked for by the first run once it exited: two more job-less workers
    assert _wait_for(lambda: _jobless(_worker_logs(state)) >= jobless_after_first + 2)
    time.sleep(2)  # let every worker the request started register
    names_before = set(_worker_logs(state))
    second = _run(env, tmp_path / "c.json", "--restart")
    assert second.returncode == 0, second.stdout + second.stderr
    summary = json.loads(second.stdout)
    assert summary["accounting_ok"] and summary["input_docs"] == 40
    started_for_job = [n for n in set(_worker_logs(state)) - names_before if n.split("-")[2] != "ffffffff"]
    assert started_for_job == [], started_for_job  # the run's workers were ready before it began


# ------------------------------------------------------------------ the warm driver (engine/warm_driver.py)
def _kept(out_dir: Path) -> list[tuple[str, str]]:
    import pyarrow.parquet as pq

    rows = []
    for f in sorted((out_dir / "data").rglob("*.parquet")):  # the kept documents (not removed/, index/)
        t = pq.read_table(f, columns=["id", "text"])
        rows += zip(t.column("id").to_pylist(), t.column("text").to_pylist())
    return sorted(rows)


def test_warm_driver_runs_the_command_with_the_same_result(warm_ray, tmp_path, capfd, monkeypatch):
    from engine import warm_driver

    env, state = warm_ray
    assert state.get("warm_driver") and _wait_for(lambda: os.path.exists(state["warm_driver"]))
    for k in list(os.environ):
        if k not in env:
            monkeypatch.delenv(k)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": str(i), "text": f"some words of document {i % 25} here"}) + "\n"
            for i in range(60)
        )
    )
    cfg = {"name": "warmdriver", "input": {"paths": [str(src)]}, "output": {"path": str(tmp_path / "served")},
           "pipeline": [{"op": "length_filter", "min_words": 3}, {"op": "exact_dedup"}]}  # fmt: skip
    (tmp_path / "c.json").write_text(json.dumps(cfg))
    argv = ["run", str(tmp_path / "c.json"), "--ray", "auto", "--json"]
    capfd.readouterr()
    rc = warm_driver.delegate(argv, time.time())
    out = capfd.readouterr().out
    assert rc == 0, out
    summary = json.loads(out)
    assert summary["accounting_ok"] and summary["input_docs"] == 60

    # the same command in its own process (warm driver off): the same documents kept
    off = {**env, warm_driver.ENV: "0"}
    own = subprocess.run(
        [sys.executable, "-m", "engine.cli", "run", str(tmp_path / "c.json"), "--ray", "auto", "--json",
         "--set", f"output.path={tmp_path / 'own'}"],
        env=off, cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert own.returncode == 0, own.stdout + own.stderr
    assert json.loads(own.stdout)["output_docs"] == summary["output_docs"] == 25
    served = _kept(tmp_path / "served")
    assert len(served) == 25 and served == _kept(tmp_path / "own")

    # the exit code comes back: a config error is exit 2, its message on the client's stderr
    bad = {**cfg, "pipeline": [{"op": "no_such_operator"}]}
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    assert warm_driver.delegate(["run", str(tmp_path / "bad.json"), "--ray", "auto"], None) == 2
    assert "config error" in capfd.readouterr().err

    # not served when an import-time variable differs (the run then imports in its own process)
    monkeypatch.setenv("RAY_CORPUSFORGE_TEST_ONLY", "1")
    assert warm_driver.delegate(argv, None) is None
    monkeypatch.delenv("RAY_CORPUSFORGE_TEST_ONLY")
    # nor when the checkout's code changed since the server imported it
    with monkeypatch.context() as m:
        m.setattr(warm_driver, "_sources", lambda root: "edited since ray up")
        assert warm_driver.delegate(argv, None) is None
    monkeypatch.setenv(warm_driver.ENV, "0")
    assert warm_driver.delegate(argv, None) is None


def test_warm_driver_messages_arriving_together_are_read_one_by_one():
    import io

    from engine import warm_driver

    # a run refused at once: "ok" and its exit code can reach the client in one read
    reader = io.BytesIO(b'{"ok": true, "pid": 7}\n{"rc": 2}\n')
    assert warm_driver._read_line(reader) == {"ok": True, "pid": 7}
    assert warm_driver._read_line(reader) == {"rc": 2}
    assert warm_driver._read_line(reader) is None  # closed
    assert warm_driver._read_line(io.BytesIO(b'{"rc": 0')) is None  # cut off


def test_source_fingerprint_follows_edits_of_engine_and_operators(tmp_path):
    from engine.warm_driver import _sources

    for top in ("engine", "operators/pii/data"):
        (tmp_path / top).mkdir(parents=True)
    (tmp_path / "engine" / "a.py").write_text("x = 1\n")
    data = tmp_path / "operators" / "pii" / "data" / "names.txt"
    data.write_text("Ann\n")
    (tmp_path / "configs").mkdir()
    before = _sources(str(tmp_path))
    assert _sources(str(tmp_path)) == before
    (tmp_path / "configs" / "c.yaml").write_text("name: x\n")  # not code the server holds
    (tmp_path / "engine" / "__pycache__").mkdir()
    (tmp_path / "engine" / "__pycache__" / "a.pyc").write_bytes(b"\0")
    assert _sources(str(tmp_path)) == before
    st = data.stat()
    os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a data file edited
    assert _sources(str(tmp_path)) != before
    edited = _sources(str(tmp_path))
    (tmp_path / "engine" / "b.py").write_text("y = 2\n")  # a module added
    assert _sources(str(tmp_path)) != edited


def test_warm_driver_absent_falls_back(tmp_path, monkeypatch):
    from engine import warm_driver

    monkeypatch.setenv("CORPUSFORGE_RAY_DIR", str(tmp_path))  # no server there
    assert warm_driver.delegate(["run", "x.yaml", "--ray", "auto"], None) is None
    (tmp_path / "driver.sock").write_text("")  # a stale file, nobody listening
    assert warm_driver.delegate(["run", "x.yaml", "--ray", "auto"], None) is None


def test_warm_driver_passes_ctrl_c_on(warm_ray, tmp_path):
    import signal

    env, state = warm_ray
    assert _wait_for(lambda: os.path.exists(state["warm_driver"]))
    src = tmp_path / "in.jsonl"
    with src.open("w") as f:
        for i in range(400_000):
            f.write(json.dumps({"id": str(i), "text": f"a few words of document number {i}"}) + "\n")
    out = tmp_path / "out"
    cfg = {"name": "ctrlc", "input": {"paths": [str(src)], "block_mb": 1}, "output": {"path": str(out)},
           "pipeline": [{"op": "length_filter", "min_words": 3}, {"op": "exact_dedup"}]}  # fmt: skip
    (tmp_path / "c.json").write_text(json.dumps(cfg))
    client = subprocess.Popen(
        [sys.executable, "-m", "engine.cli", "run", str(tmp_path / "c.json"), "--ray", "auto", "--no-progress"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert _wait_for(lambda: (out / "_progress").exists() or client.poll() is not None, timeout=300)
    assert client.poll() is None, "the run ended before it could be interrupted"
    client.send_signal(signal.SIGINT)
    _, err = client.communicate(timeout=300)
    assert client.returncode == 130, err
    assert "interrupted; progress kept" in err
