"""The warm local Ray's state folder is trusted only when it is private, and a state whose
GCS died is not attached to (engine/ray_local.py ``read_state``, ``up``). No Ray is started."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from engine import ray_local
from engine.shutdown import TOKEN_ENV, processes_with_token


def _state(folder, token="tok"):
    (folder / "state.json").write_text(json.dumps({"address": "10.0.0.9:6379", "token": token, "root": "x"}))


def test_untrusted_reasons(tmp_path):
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    assert ray_local.untrusted_reason(str(private)) is None
    assert ray_local.untrusted_reason(str(tmp_path / "missing")) is None
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    assert "writable by group or others" in ray_local.untrusted_reason(str(shared))
    link = tmp_path / "link"
    link.symlink_to(private)
    assert ray_local.untrusted_reason(str(link)) == "not a folder"
    afile = tmp_path / "file"
    afile.write_text("")
    assert ray_local.untrusted_reason(str(afile)) == "not a folder"


def test_state_in_a_folder_others_can_write_is_ignored(monkeypatch, tmp_path, capsys):
    folder = tmp_path / "ray"
    folder.mkdir()
    os.chmod(folder, 0o777)
    _state(folder)
    monkeypatch.setenv("CORPUSFORGE_RAY_DIR", str(folder))
    assert ray_local.read_state() is None
    assert ray_local.resolve_address("auto") == ("auto", False)
    assert "ignoring the warm Ray state" in capsys.readouterr().err
    assert (folder / "state.json").exists()  # not ours to clean up
    with pytest.raises(ray_local.RayLocalError, match="writable by group or others"):
        ray_local.up(num_cpus=1)


def test_state_whose_gcs_died_is_not_attached_and_its_leftovers_stop(monkeypatch, tmp_path):
    folder = tmp_path / "ray"
    folder.mkdir(mode=0o700)
    token = f"trust-{os.getpid()}-{time.time_ns()}"
    _state(folder, token)
    monkeypatch.setenv("CORPUSFORGE_RAY_DIR", str(folder))
    # a lingering process of the instance (as Ray's dashboard and agents stay after the GCS dies)
    leftover = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], env={**os.environ, TOKEN_ENV: token}
    )
    try:
        deadline = time.monotonic() + 10
        while not processes_with_token(token) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert processes_with_token(token)
        assert ray_local.read_state() is None
        assert not (folder / "state.json").exists()
        assert leftover.wait(timeout=10) is not None
        assert processes_with_token(token) == []
    finally:
        if leftover.poll() is None:
            leftover.kill()
