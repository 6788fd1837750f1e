"""Cluster plumbing that needs no Ray: device resolution and GPU requests,
S3 filesystems (what travels to workers), the storage environment forwarded to
a cluster, and where global stages keep intermediates for S3 output."""

from __future__ import annotations

import logging
import os
import pickle
from typing import ClassVar, Literal

import pyarrow as pa
import pyarrow.fs as pafs
import pytest

from engine import Mapper, OpParams, Resources
from engine.config import ConfigError, Step, StorageConfig, load_config
from engine.executor import _cleanup_work
from engine.io_read import filesystem_for
from engine.ray_runtime import storage_env
from engine.ray_steps import resolve_device
from engine.stages import _SCRATCH, _stage_dir


class DeviceParams(OpParams):
    device: Literal["auto", "cpu", "cuda"] = "auto"


class DeviceOp(Mapper):
    """Test operator that can use an accelerator."""

    name: ClassVar[str] = "device_op"
    Params: ClassVar[type[OpParams]] = DeviceParams

    def transform(self, table: pa.Table) -> pa.Table:
        return table


def _step(device: str, num_gpus: float = 0.0) -> Step:
    return Step(0, "device_op", DeviceOp, DeviceParams(device=device), Resources(num_gpus=num_gpus))


def test_auto_falls_back_to_cpu_without_gpu_and_says_so(caplog):
    with caplog.at_level(logging.WARNING, logger="corpusforge"):
        step, gpus = resolve_device(_step("auto"), cluster_gpus=0)
    assert step.params.device == "cpu" and gpus == 0
    assert step.build().params.device == "cpu"  # what the workers' operator sees
    assert [r.message for r in caplog.records if "device auto -> cpu" in r.message]


def test_auto_uses_cuda_and_requests_gpus_only_when_the_cluster_has_them():
    step, gpus = resolve_device(_step("auto"), cluster_gpus=4)
    assert step.params.device == "cuda" and gpus == 1.0
    step, gpus = resolve_device(_step("auto", num_gpus=0.5), cluster_gpus=4)
    assert gpus == 0.5  # fractional GPU sharing as declared
    step, gpus = resolve_device(_step("cpu", num_gpus=1), cluster_gpus=4)
    assert step.params.device == "cpu" and gpus == 0  # cpu never requests a GPU


def test_cuda_without_gpu_is_a_config_error():
    with pytest.raises(ConfigError, match=r"pipeline\[0\]\.device: cuda requested"):
        resolve_device(_step("cuda"), cluster_gpus=0)


def test_operators_without_device_keep_their_declared_gpus():
    step = load_config(
        {"input": {"paths": ["x"]}, "output": {"path": "y"}, "pipeline": [{"op": "normalize_text"}]}
    ).steps[0]
    assert resolve_device(step, cluster_gpus=0) == (step, step.resources.num_gpus)


def test_s3_filesystem_carries_endpoint_but_never_credentials(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret-example")
    fs, path = filesystem_for(
        "s3://bucket/some/prefix", StorageConfig(endpoint_url="http://127.0.0.1:9", region="eu-west-1")
    )
    assert isinstance(fs, pafs.S3FileSystem) and path == "bucket/some/prefix"
    state = fs.__reduce__()[1][0]
    assert state["endpoint_override"] == "http://127.0.0.1:9" and state["region"] == "eu-west-1"
    assert state["access_key"] is None and state["secret_key"] is None
    blob = pickle.dumps(fs)
    assert b"secret-example" not in blob and b"AKIDEXAMPLE" not in blob
    assert pickle.loads(blob).region == "eu-west-1"


def test_storage_env_forwards_only_aws_variables(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "k")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "s")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.setenv("HOME_SECRET", "x")
    env = storage_env()
    assert env["AWS_ACCESS_KEY_ID"] == "k" and env["AWS_SECRET_ACCESS_KEY"] == "s"
    assert "AWS_SESSION_TOKEN" not in env and "HOME_SECRET" not in env


def test_global_stage_intermediates_stay_local_for_s3_output(tmp_path):
    cfg = load_config(
        {
            "input": {"paths": ["x"]},
            "output": {"path": "s3://b/out"},
            "storage": {"scratch_dir": str(tmp_path)},
        }
    )
    s3 = pafs.S3FileSystem(endpoint_override="http://127.0.0.1:9", region="us-east-1")
    stage = _stage_dir(cfg, s3, "b/out/_work/exact_dedup")
    assert stage.startswith(str(tmp_path)) and os.path.isdir(stage) and stage.endswith("exact_dedup")
    local = pafs.LocalFileSystem()
    out = tmp_path / "out"
    _cleanup_work(local, str(out))  # removes this process's scratch directories
    assert not os.path.exists(stage) and not _SCRATCH
    work = str(out / "_work" / "exact_dedup")
    assert _stage_dir(cfg, local, work) == work + "/stage" and os.path.isdir(work + "/stage")


def test_cluster_runtime_env_merges_with_a_job_env(monkeypatch):
    """Under `ray job submit`, Ray deep-copies the driver's runtime env to merge it
    with the job's: it must hold plain data (directories), not module objects."""
    import copy
    from pathlib import Path

    from ray.runtime_env.runtime_env import _merge_runtime_env

    from engine.ray_runtime import cluster_runtime_env

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key-id")
    root = str(Path(__file__).resolve().parents[1])
    env = cluster_runtime_env(root)
    assert copy.deepcopy(env) == env
    assert all(os.path.isfile(os.path.join(m, "__init__.py")) for m in env["py_modules"])
    assert env["env_vars"]["AWS_ACCESS_KEY_ID"] == "test-key-id"
    merged = _merge_runtime_env({"working_dir": root}, env)
    assert merged["py_modules"] == env["py_modules"] and merged["working_dir"] == root
