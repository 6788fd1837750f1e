"""The command line speaks corpusforge only (engine/console.py): Ray's logs go
to ``OUT/_logs/ray.log``; ``--json`` prints one JSON document on stdout,
``--quiet`` nothing at all. Real runs of the ``corpusforge`` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: What Ray prints on a healthy run when nobody stops it (issue 18).
RAY_NOISE = (
    "Token authentication",
    "core_worker",
    "available CPUs",
    "streaming_executor",
    "WARNING",
    " INFO ",
    "(raylet)",
    "Traceback",
    "ray::",
)


def _config(tmp_path: Path, out: str) -> Path:
    src = tmp_path / "in.jsonl"
    if not src.exists():
        lines = [json.dumps({"id": str(i), "text": f"words of document {i} " * 4}) for i in range(200)]
        lines.append("{not json")
        src.write_text("\n".join(lines) + "\n")
    cfg = {
        "name": "quiet",
        "input": {"paths": [str(src)]},
        "output": {"path": str(tmp_path / out)},
        "pipeline": [
            {"op": "normalize_text"},
            {"op": "length_filter", "min_words": 5},
            {"op": "exact_dedup"},
        ],
    }
    path = tmp_path / f"{out}.json"
    path.write_text(json.dumps(cfg))
    return path


def _corpusforge(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=600
    )


def _no_ray_noise(text: str) -> None:
    for noise in RAY_NOISE:
        assert noise not in text, f"Ray's output reached the console: {noise!r} in\n{text}"


@pytest.fixture(scope="module")
def json_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    return tmp, _corpusforge("run", str(_config(tmp, "out")), "--json")


def test_json_is_one_document_on_stdout(json_run):
    tmp, proc = json_run
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)  # the whole of stdout is one JSON document
    assert summary["ok"] and summary["accounting_ok"] and summary["exit_code"] == 0
    assert summary["input_docs"] == 201 and summary["quarantined"] == 1
    assert summary["output_docs"] + summary["removed_docs"] + summary["quarantined"] == 201
    assert [s["name"] for s in summary["steps"]] == ["normalize_text", "length_filter", "exact_dedup"]
    assert summary["first_block_s"] > 0


def test_console_has_progress_and_no_ray_noise(json_run):
    tmp, proc = json_run
    _no_ray_noise(proc.stdout + proc.stderr)
    lines = [line for line in proc.stderr.replace("\r", "\n").splitlines() if line.strip()]
    assert lines, "the progress line is missing"
    assert all(line.startswith("[") and "s] read " in line for line in lines), lines
    assert "read 201 docs" in lines[-1]  # the final figures


def test_ray_log_in_the_output_and_not_in_the_manifest(json_run):
    tmp, _ = json_run
    out = tmp / "out"
    log = out / "_logs" / "ray.log"
    assert log.is_file() and log.stat().st_size > 0  # Ray said something, there and not on the console
    manifest = json.loads((out / "manifest.json").read_text())
    assert not [f for f in manifest["files"] if f["path"].startswith("_logs/")]
    verify = _corpusforge("verify", str(out))
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_quiet_prints_nothing_and_reruns_over_its_own_output(json_run):
    tmp, _ = json_run
    cfg = json.loads((tmp / "out.json").read_text())
    cfg["output"]["overwrite"] = True  # the folder now holds _logs/: still ours to replace
    (tmp / "again.json").write_text(json.dumps(cfg))
    proc = _corpusforge("run", str(tmp / "again.json"), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""
    assert (tmp / "out" / "_logs" / "ray.log").is_file()


def test_a_config_error_with_json(tmp_path):
    cfg = json.loads(_config(tmp_path, "bad").read_text())
    cfg["pipeline"] = [{"op": "length_filter", "min_words": 5}]
    cfg["execution"] = {"max_errors": 0}
    (tmp_path / "in.jsonl").write_text('{"id": "1", "text": "fine words in a document here"}\n')
    (tmp_path / "bad.json").write_text(json.dumps(cfg))
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "not-ours.txt").write_text("x")  # refused before Ray starts: exit 2, no log
    proc = _corpusforge("run", str(tmp_path / "bad.json"), "--json")
    assert proc.returncode == 2
    body = json.loads(proc.stdout)
    assert body["ok"] is False and body["exit_code"] == 2 and "not-ours.txt" in body["error"]
    assert "config error" in proc.stderr
    _no_ray_noise(proc.stderr)
