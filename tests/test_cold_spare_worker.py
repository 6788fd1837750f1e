"""A small input's embedded head prestarts CPUs - 1 workers (engine/ray_runtime.py
``one_task_input``, ``_prestart_flag``): the run reads it with CPUs - 1 tasks, so Ray's last
prestarted worker only booted on the cores the start-up needs and idled."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine import ray_runtime

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    for var in (ray_runtime.SPARE_WORKER_ENV, "CORPUSFORGE_SMALL_INPUT", "CORPUSFORGE_SMALL_INPUT_MB"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("CORPUSFORGE_STATS", raising=False)
    monkeypatch.delenv("CORPUSFORGE_WORKER_PRELOAD", raising=False)


def _config(tmp_path, files=2, size=1000, pipeline="[{op: normalize_text}]", gz=False, extra="") -> str:
    data = tmp_path / "in"
    data.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        head, tail = f'{{"id": "{i}", "text": "', '"}\n'
        line = (head + "x" * max(1, size - len(head) - len(tail)) + tail).encode()  # size bytes
        if gz:
            (data / f"{i}.jsonl.gz").write_bytes(gzip.compress(line, compresslevel=0))
        else:
            (data / f"{i}.jsonl").write_bytes(line)
    cfg = tmp_path / "c.yaml"
    pattern = str(data / ("*.jsonl.gz" if gz else "*.jsonl"))
    cfg.write_text(
        f"input: {{paths: ['{pattern}'], format: jsonl}}\n"
        f"output: {{path: {tmp_path / 'out'}}}\npipeline: {pipeline}\n{extra}"
    )
    return str(cfg)


def test_two_small_files_spare_a_worker(tmp_path, monkeypatch):
    assert ray_runtime.one_task_input(_config(tmp_path), []) is True
    assert ray_runtime.one_task_input(_config(tmp_path), ["output.path=/x", "ray.num_cpus=2"]) is True
    monkeypatch.chdir(ROOT)  # the quickstart's paths are relative to the working folder
    assert ray_runtime.one_task_input("configs/quickstart.yaml", []) is True


def test_at_the_small_input_limit(tmp_path):
    """Estimated uncompressed bytes against 8 MB (compressed files count four times), as
    engine/read_plan.py ``small_input_tasks`` plans them."""
    limit = 8 << 20
    assert ray_runtime.one_task_input(_config(tmp_path / "a", size=limit // 2), []) is True
    assert ray_runtime.one_task_input(_config(tmp_path / "b", size=limit // 2 + 1), []) is False
    # gzip level 0 is a little larger than its content: 2 x (1 MB + header) x 4 > 8 MB
    assert ray_runtime.one_task_input(_config(tmp_path / "c", size=1 << 20, gz=True), []) is False
    assert ray_runtime.one_task_input(_config(tmp_path / "d", size=900_000, gz=True), []) is True


def test_env_limit_and_switches(tmp_path, monkeypatch):
    cfg = _config(tmp_path, size=3 << 20)
    assert ray_runtime.one_task_input(cfg, []) is True
    monkeypatch.setenv("CORPUSFORGE_SMALL_INPUT_MB", "5")
    assert ray_runtime.one_task_input(cfg, []) is False
    monkeypatch.setenv("CORPUSFORGE_SMALL_INPUT_MB", "7")
    assert ray_runtime.one_task_input(cfg, []) is True
    for var, value in (
        (ray_runtime.SPARE_WORKER_ENV, "0"),
        ("CORPUSFORGE_SMALL_INPUT", "0"),
        ("CORPUSFORGE_STATS", "actor"),
    ):
        monkeypatch.setenv(var, value)
        assert ray_runtime.one_task_input(cfg, []) is False, var
        monkeypatch.delenv(var)


@pytest.mark.parametrize(
    "case",
    [
        "one_file",
        "folder",
        "no_match",
        "remote",
        "text_format",
        "concurrency",
        "gpu",
        "llm",
        "actors",
        "override",
    ],
)
def test_anything_unplain_keeps_every_worker(tmp_path, case):
    files, pipeline, extra, sets = 2, "[{op: normalize_text}]", "", []
    if case == "one_file":
        files = 1
    if case == "concurrency":
        pipeline = "[{op: language_id, concurrency: 1}]"
    if case == "gpu":
        pipeline = "[{op: quality_classifier, device: cuda}]"
    if case == "llm":
        pipeline = "[{op: llm_generate}]"
    if case == "actors":
        extra = "execution: {stateful_steps: actors}\n"
    if case == "override":
        sets = ["input.paths=['x']"]
    cfg = _config(tmp_path, files=files, pipeline=pipeline, extra=extra)
    text = Path(cfg).read_text()
    if case == "folder":
        text = text.replace(str(tmp_path / "in" / "*.jsonl"), str(tmp_path / "in"))
    if case == "no_match":
        text = text.replace("*.jsonl", "*.nothing")
    if case == "remote":
        text = text.replace(str(tmp_path / "in" / "*.jsonl"), "s3://bucket/x/*.jsonl")
    if case == "text_format":
        text = text.replace("format: jsonl", "format: text")
    Path(cfg).write_text(text)
    assert ray_runtime.one_task_input(cfg, sets) is False


def test_unreadable_config_keeps_every_worker(tmp_path):
    assert ray_runtime.one_task_input(str(tmp_path / "missing.yaml"), []) is False
    bad = tmp_path / "bad.yaml"
    bad.write_text("input: [1, 2\n")
    assert ray_runtime.one_task_input(str(bad), []) is False
    bad.write_text("input: 3\n")
    assert ray_runtime.one_task_input(str(bad), []) is False


def test_the_raylet_flag():
    cmd = ["/x/raylet", "--num_prestart_python_workers=4", "--other=4"]
    assert ray_runtime._prestart_flag(cmd) == ["/x/raylet", "--num_prestart_python_workers=3", "--other=4"]
    assert ray_runtime._prestart_flag(["--num_prestart_python_workers=1"]) == [
        "--num_prestart_python_workers=1"
    ]
    assert ray_runtime._prestart_flag(["--num_prestart_python_workers=x"]) == [
        "--num_prestart_python_workers=x"
    ]
    assert ray_runtime._prestart_flag(["/x/raylet"]) == ["/x/raylet"]


PRESTART = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from engine import ray_runtime
from engine.shutdown import processes_with_token, reserve_token
started = ray_runtime.prestart(sys.argv[2], ["ray.num_cpus=2"], None)
token = reserve_token()
ray_runtime._early.join()
def cmdline(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().decode().split("\0")
def environ(pid):
    with open(f"/proc/{pid}/environ", "rb") as f:
        return dict(v.split("=", 1) for v in f.read().decode().split("\0") if "=" in v)
pids = processes_with_token(token)
flags = [a for p in pids for a in cmdline(p) if a.startswith("--num_prestart_python_workers=")]
raylet = [p for p in pids if any(a.startswith("--num_prestart_python_workers=") for a in cmdline(p))]
preload = environ(raylet[0]).get("CORPUSFORGE_WORKER_PRELOAD") if raylet else None
ray_runtime.cancel_prestart()
print(json.dumps({"started": started, "flags": flags, "preload": preload, "left": processes_with_token(token)}))
"""


def test_the_embedded_head_prestarts_one_worker_fewer_for_a_small_input(tmp_path):
    cfg = _config(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-c", PRESTART, str(ROOT), cfg],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["started"] is True
    assert out["flags"] == ["--num_prestart_python_workers=1"]  # Ray's own: 2 (one per CPU)
    assert out["preload"] is None  # the workers' preload stays opt-in (docs/startup.md)
    assert out["left"] == []
