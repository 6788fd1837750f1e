"""Faults inside global stages: the driver SIGKILLed at every phase of
exact_dedup and minhash_dedup (materialize, groups / signatures, LSH, graph,
keeper verification, removal) and started again gives exactly the output of an
uninterrupted run; s3:// output with both stages equals local output; a
cluster address with s3:// output and no shared scratch directory is refused.

The kill is deterministic: ``CORPUSFORGE_TEST_KILL_AT=<step>:<phase>``
(engine/fault_hooks.py) makes the driver SIGKILL itself at that phase
boundary; the removal phase (the final write, in the workers) is killed from
outside once the first output shard is in place. The runs are chained: each
killed run is resumed by the next, which is killed at the next phase, and a
last run finishes; every kill must have happened where intended.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as pads
import pytest

from engine.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from make_sample_data import generate  # noqa: E402

DRIVER = ROOT / "tests" / "resume_driver.py"
PHASES = [
    "exact_dedup:materialize",
    "exact_dedup:groups",
    "minhash_dedup:materialize",
    "minhash_dedup:signatures",
    "minhash_dedup:lsh",
    "minhash_dedup:graph",
    "minhash_dedup:verify_keeper",
]


def _corpus(path: Path) -> None:
    path.mkdir(parents=True)
    lines = generate(360, seed=13)
    for s in range(3):
        with gzip.open(path / f"part-{s}.jsonl.gz", "wb") as f:
            f.write(b"\n".join(lines[s * 120 : (s + 1) * 120]) + b"\n")


def _config(inp: Path, out: str, slow: float = 0.3, storage: dict | None = None) -> dict:
    cfg = {
        "name": "faults",
        "input": {"paths": [str(inp)], "block_mb": 0.03},
        "output": {"path": out},
        "ray": {"num_cpus": 2},
        "execution": {"progress": False},
        "report": {"html": False},
        "card": {"enabled": False},
        "pipeline": [
            {"op": "normalize_text"},
            {"op": "exact_dedup"},
            {"op": "minhash_dedup", "threshold": 0.8},
            {"op": "slow_mapper", "seconds": slow},
        ],
    }
    if storage:
        cfg["storage"] = storage
    return cfg


def _start(cfg: dict, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), json.dumps(cfg)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        start_new_session=True,  # its own process group: Ray goes with it
    )


def _finish(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err[-3000:]
    line = [ln for ln in out.splitlines() if ln.startswith("REPORT ")][-1]
    return json.loads(line[len("REPORT ") :])


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=60)
    time.sleep(1.0)


def _rows(dataset) -> list:
    table = dataset.to_table()
    cols = ["id", "text"] if "text" in table.column_names else ["id"]
    return sorted(zip(*[table.column(c).to_pylist() for c in cols]), key=lambda r: (r[0], r[-1] or ""))


def _snapshot(out: str, filesystem=None) -> dict:
    snap = {}
    for sub in ("data", "quarantine", "removed"):
        snap[sub] = _rows(pads.dataset(f"{out}/{sub}", format="parquet", filesystem=filesystem))
    if filesystem is None:
        report = json.loads(Path(out, "report.json").read_text())
    else:
        with filesystem.open_input_stream(f"{out}/report.json") as f:
            report = json.loads(f.read())
    snap["counts"] = {k: report[k] for k in ("input_docs", "output_docs", "removed_docs", "quarantined")}
    ops = []
    for o in report["ops"]:
        # a global stage's own figures too (candidate edges, clusters, keeper verification, ...):
        # leftovers of a killed run in its work directory would change them
        ops.append(
            (o["name"], o["docs_in"], o["docs_out"], o["removed"], json.dumps(o.get("stage"), sort_keys=True))
        )
    snap["ops"] = ops
    return snap


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    base = tmp_path_factory.mktemp("faults")
    _corpus(base / "in")
    report = _finish(_start(_config(base / "in", str(base / "clean"))))
    assert report["accounting_ok"]
    snap = _snapshot(str(base / "clean"))
    removed_by = {o[0]: o[3] for o in snap["ops"]}
    # the corpus exercises both stages
    assert removed_by["exact_dedup"].get("exact_duplicate") and removed_by["minhash_dedup"].get(
        "near_duplicate"
    )
    return base, snap


@pytest.mark.timeout(1500)
def test_driver_killed_at_every_phase_resumes_identically(clean):
    base, expected = clean
    out = base / "killed"
    for phase in PHASES:
        proc = _start(_config(base / "in", str(out)), {"CORPUSFORGE_TEST_KILL_AT": phase})
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == -signal.SIGKILL, (phase, err[-3000:])
        assert f"KILLED_AT {phase}" in err
        assert not (out / "report.json").exists()
        _kill_group(proc)  # the killed driver's raylet and workers
    # removal: the final write of the stage's verdicts, killed from outside after its first shard
    cfg = _config(base / "in", str(out))  # the same config: a changed one would be refused
    proc = _start(cfg)
    markers = out / "_progress" / "blocks"
    deadline = time.time() + 300
    while (
        time.time() < deadline
        and proc.poll() is None
        and not (markers.exists() and any(markers.glob("*.json")))
    ):
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before its removal phase could be killed"
    _kill_group(proc)
    assert not (out / "report.json").exists()
    report = _finish(_start(_config(base / "in", str(out))))
    assert report["resumed"] and report["accounting_ok"]
    assert _snapshot(str(out)) == expected
    assert not (out / "_work").exists() and not (out / "_progress").exists()


S3_ENV = {
    "AWS_ACCESS_KEY_ID": "cf-test-key",
    "AWS_SECRET_ACCESS_KEY": "cf-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.mark.timeout(900)
def test_s3_output_with_both_dedup_stages_equals_local(clean, s3_endpoint):
    import pyarrow.fs as pafs

    base, expected = clean
    fs = pafs.S3FileSystem(
        endpoint_override=s3_endpoint,
        access_key=S3_ENV["AWS_ACCESS_KEY_ID"],
        secret_key=S3_ENV["AWS_SECRET_ACCESS_KEY"],
        region="us-east-1",
        allow_bucket_creation=True,
    )
    fs.create_dir("faults")
    cfg = _config(
        base / "in", "s3://faults/out", storage={"endpoint_url": s3_endpoint, "region": "us-east-1"}
    )
    report = _finish(_start(cfg, S3_ENV))
    assert report["accounting_ok"]
    assert _snapshot("faults/out", fs) == expected
    assert fs.get_file_info("faults/out/_work").type == pafs.FileType.NotFound


def test_cluster_address_with_object_storage_output_needs_scratch_dir(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "x"}\n')
    cfg = _config(tmp_path / "in.jsonl", "s3://bucket/out")
    cfg["pipeline"] = cfg["pipeline"][:3]
    cfg["ray"] = {"address": "auto"}
    with pytest.raises(ConfigError, match=r"storage\.scratch_dir.*every node"):
        load_config(cfg)
    # the CLI refuses it before Ray starts (exit status 2), naming the fix
    (tmp_path / "c.json").write_text(json.dumps(cfg))
    cli = subprocess.run(
        [sys.executable, "-m", "engine.cli", "validate", str(tmp_path / "c.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert cli.returncode == 2 and "storage.scratch_dir" in cli.stderr + cli.stdout
    cfg["storage"] = {"scratch_dir": str(tmp_path / "shared")}
    load_config(cfg)
    # one machine (embedded Ray), or no global stage: a local temporary directory is fine
    cfg.pop("storage")
    cfg["ray"] = {"address": None}
    load_config(cfg)
    cfg["ray"] = {"address": "auto"}
    cfg["pipeline"] = [{"op": "normalize_text"}]
    load_config(cfg)
