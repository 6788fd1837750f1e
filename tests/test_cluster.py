"""Multi-node runs on ``ray.cluster_utils.Cluster`` (several raylets on this
machine) and object storage on a real S3-compatible server (moto, on loopback).

One subprocess driver (tests/cluster_driver.py) owns its Ray and runs, in
order: the pipeline on a one-node Ray; the same pipeline on a 3-node cluster
(head, worker, accelerator node with ``{accelerator: 1}`` and a GPU slot); a run
in which an operator actor exits mid-run; a run reading and writing ``s3://``;
a run during which the worker node is removed. Each test checks one part.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.fs as pafs
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from make_sample_data import generate

DRIVER = ROOT / "tests" / "cluster_driver.py"

# Five runs (two with a global stage) on up to three raylets share one driver
# process: ~2-3 minutes on an idle 2-core machine, many more on a loaded one.
pytestmark = pytest.mark.timeout(1800)
BUCKET = "corpus"
S3_ENV = {
    "AWS_ACCESS_KEY_ID": "cf-test-key",
    "AWS_SECRET_ACCESS_KEY": "cf-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def _s3(endpoint: str) -> pafs.S3FileSystem:
    return pafs.S3FileSystem(
        endpoint_override=endpoint,
        access_key=S3_ENV["AWS_ACCESS_KEY_ID"],
        secret_key=S3_ENV["AWS_SECRET_ACCESS_KEY"],
        region="us-east-1",
        allow_bucket_creation=True,
    )


def _pipeline(trace: Path, dedup: bool, crash_marker: str | None = None, slow: float = 0.0) -> list[dict]:
    small = {"num_cpus": 0.25}
    steps = [
        {"op": "normalize_text", "resources": {"num_cpus": 0.5}},
        {
            "op": "record_actor",
            "trace_dir": str(trace),
            "seconds": slow,
            "crash_marker": crash_marker,
            "resources": {**small, "concurrency": 2},
        },
        {"op": "length_filter", "min_words": 20, "resources": {"num_cpus": 0.5}},
        {
            "op": "record_node",
            "column": "accel_node",
            "trace_dir": str(trace),
            "resources": {**small, "custom": {"accelerator": 1}},
        },
    ]
    if dedup:
        steps += [
            {
                "op": "record_node",
                "name": "gpu_step",
                "column": "gpu_node",
                "resources": {**small, "num_gpus": 1},
            },
            {"op": "exact_dedup"},
            # the accelerator node's GPU slot is simulated: sign on the CPU whatever torch is installed
            {"op": "minhash_dedup", "device": "cpu"},
        ]
    return steps


def _config(name: str, inp: str, out: str, pipeline: list[dict], **extra) -> dict:
    cfg = {
        "name": name,
        "input": {"paths": [inp], "block_mb": 0.02},
        "output": {"path": out, "overwrite": True},
        "execution": {"progress": False},
        "pipeline": pipeline,
    }
    cfg.update(extra)
    return cfg


@pytest.fixture(scope="module")
def cluster_runs(tmp_path_factory, s3_endpoint):
    base = tmp_path_factory.mktemp("cluster")
    (base / "in").mkdir()
    lines = generate(300, seed=7)
    s3 = _s3(s3_endpoint)
    s3.create_dir(BUCKET)
    for s in range(3):  # multi-file input, locally and on S3
        blob = gzip.compress(b"\n".join(lines[s * 100 : (s + 1) * 100]) + b"\n")
        (base / "in" / f"part-{s}.jsonl.gz").write_bytes(blob)
        # compression=None: pyarrow would otherwise gzip a *.gz path a second time
        with s3.open_output_stream(f"{BUCKET}/in/part-{s}.jsonl.gz", compression=None) as f:
            f.write(blob)
    inp = str(base / "in")

    def run(name, pipeline):
        return {"name": name, "config": _config(name, inp, str(base / name), pipeline)}

    marker = base / "crash.marker"
    plan = {
        "single": run("single", _pipeline(base / "t_single", dedup=True)),
        "runs": [
            run("clean", _pipeline(base / "t_clean", dedup=True)),
            run("actor_crash", _pipeline(base / "t_crash", dedup=False, crash_marker=str(marker))),
            {
                "name": "s3",
                "config": _config(
                    "s3",
                    f"s3://{BUCKET}/in/*.jsonl.gz",
                    f"s3://{BUCKET}/out",
                    _pipeline(base / "t_s3", dedup=False),
                    storage={"endpoint_url": s3_endpoint},
                ),
            },
            {
                "name": "node_loss",
                "config": _config(
                    "node_loss",
                    inp,
                    str(base / "node_loss"),
                    _pipeline(base / "t_loss", dedup=False, slow=0.15),
                ),
                "fault": {"remove_node": "worker", "after_traces": 4, "trace_dir": str(base / "t_loss")},
            },
        ],
    }
    # A private Ray temp dir: the Cluster's head writes ray_current_cluster there,
    # so that no other Ray user on this machine attaches to the test cluster.
    ray_tmp = tempfile.mkdtemp(prefix="cfr", dir="/tmp")
    env = {**os.environ, **S3_ENV, "RAY_TMPDIR": ray_tmp}
    env.pop("RAY_ADDRESS", None)
    proc = subprocess.run(
        [sys.executable, str(DRIVER), json.dumps(plan)],
        check=False,
        capture_output=True,
        text=True,
        timeout=1700,
        env=env,
        start_new_session=True,
    )
    shutil.rmtree(ray_tmp, ignore_errors=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-6000:]
    results, nodes = {}, {}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            _, name, payload = line.split(" ", 2)
            results[name] = json.loads(payload)
        elif line.startswith("NODES "):
            nodes = json.loads(line[len("NODES ") :])
    return {"base": base, "results": results, "nodes": nodes, "marker": marker, "s3": s3}


def _table(path, fs=None) -> pa.Table:
    return pads.dataset(str(path), format="parquet", filesystem=fs).to_table()


def _rows(table: pa.Table) -> list[tuple]:
    return sorted(zip(table.column("id").to_pylist(), table.column("text").to_pylist()))


def _counts(r: dict) -> dict:
    return {
        k: r[k] for k in ("input_docs", "output_docs", "removed_docs", "quarantined", "quarantine_reasons")
    }


def _without_dedup(base: Path) -> tuple[list[tuple], dict]:
    """What the pipeline without the dedup steps keeps: the clean run's output plus
    the documents exact_dedup and minhash_dedup removed (from the removal trace)."""
    data = _table(base / "clean" / "data")
    removed = _table(base / "clean" / "removed")
    dups = removed.filter(pc.is_in(removed.column("removed_by"), pa.array(["exact_dedup", "minhash_dedup"])))
    return sorted(_rows(data) + _rows(dups)), {"dups": dups.num_rows}


def _traces(path: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in path.glob("*.json")]


def test_cluster_output_equals_single_node(cluster_runs):
    base, res = cluster_runs["base"], cluster_runs["results"]
    single, clean = res["single"], res["clean"]
    assert single["accounting_ok"] and clean["accounting_ok"]
    assert _counts(clean) == _counts(single)
    assert [(o["name"], o["docs_in"], o["docs_out"], o["removed"]) for o in clean["ops"]] == [
        (o["name"], o["docs_in"], o["docs_out"], o["removed"]) for o in single["ops"]
    ]
    ops = {o["name"]: o for o in clean["ops"]}
    assert ops["exact_dedup"]["removed"], "the sample has exact duplicates: dedup must remove some"
    assert _rows(_table(base / "clean" / "data")) == _rows(_table(base / "single" / "data"))
    assert clean["input_docs"] == clean["output_docs"] + clean["removed_docs"] + clean["quarantined"]


def test_custom_and_gpu_resources_are_placed_on_the_accelerator_node(cluster_runs):
    base, nodes = cluster_runs["base"], cluster_runs["nodes"]
    data = _table(base / "clean" / "data")
    assert set(data.column("accel_node").to_pylist()) == {nodes["accelerator"]}
    assert set(data.column("gpu_node").to_pylist()) == {nodes["accelerator"]}
    traced = [t for t in _traces(base / "t_clean") if t["op"] == "record_node"]
    assert len(traced) >= 2 and {t["node"] for t in traced} == {nodes["accelerator"]}
    # the other steps did run elsewhere too: the cluster is really used
    assert len({t["node"] for t in _traces(base / "t_clean")}) >= 2


def test_concurrency_gives_that_many_actors(cluster_runs):
    base = cluster_runs["base"]
    # every actor of the pool records its setup (whether or not the scheduler gave it a batch)
    actors = {t["actor"] for t in _traces(base / "t_clean") if t["op"] == "record_actor_setup"}
    assert len(actors) == 2
    assert set(_table(base / "clean" / "data").column("actor_id").to_pylist()) <= actors


def _check_like_clean_without_dedup(cluster_runs, name: str, table: pa.Table) -> None:
    res = cluster_runs["results"]
    expected, extra = _without_dedup(cluster_runs["base"])
    got = _rows(table)
    assert len(got) == len(set(got)), "duplicated output rows"
    assert got == expected
    r, clean = res[name], res["clean"]
    assert r["accounting_ok"]
    assert r["input_docs"] == clean["input_docs"] and r["quarantined"] == clean["quarantined"]
    assert r["output_docs"] == clean["output_docs"] + extra["dups"]
    assert r["input_docs"] == r["output_docs"] + r["removed_docs"] + r["quarantined"]


def test_actor_crash_mid_run_loses_and_duplicates_nothing(cluster_runs):
    marker = cluster_runs["marker"]
    assert marker.exists(), "the actor did not crash: the fault was not injected"
    _check_like_clean_without_dedup(
        cluster_runs, "actor_crash", _table(cluster_runs["base"] / "actor_crash" / "data")
    )
    actors = {t["actor"] for t in _traces(cluster_runs["base"] / "t_crash") if t["op"] == "record_actor"}
    assert len(actors) == 2  # the restarted actor keeps its id; the pool stays at 2


def test_worker_node_loss_mid_run_loses_and_duplicates_nothing(cluster_runs):
    r = cluster_runs["results"]["node_loss"]
    assert r["fault_during_run"], "the node was not removed while the run was in progress"
    _check_like_clean_without_dedup(
        cluster_runs, "node_loss", _table(cluster_runs["base"] / "node_loss" / "data")
    )


def test_s3_input_and_output(cluster_runs):
    from engine.manifest import verify

    s3 = cluster_runs["s3"]
    out = f"{BUCKET}/out"
    assert cluster_runs["results"]["s3"]["input_docs"] == 300
    _check_like_clean_without_dedup(cluster_runs, "s3", _table(f"{out}/data", s3))
    names = {i.base_name for i in s3.get_file_info(pafs.FileSelector(out, recursive=False))}
    assert {"data", "report.json", "manifest.json"} <= names
    assert "_progress" not in names and "_work" not in names
    with s3.open_input_stream(f"{out}/report.json") as f:
        report = json.loads(f.read())
    assert report["accounting_ok"] and report["input_docs"] == 300
    sources = set(pc.unique(_table(f"{out}/quarantine", s3).column("source")).to_pylist())
    assert sources and sources <= {f"s3://{BUCKET}/in/part-{i}.jsonl.gz" for i in range(3)}
    check = verify(s3, out)  # the manifest, written last, covers every other file
    assert check["missing"] == [] and check["altered"] == [] and check["extra"] == [] and check["checked"] > 3
