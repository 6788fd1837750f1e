"""``corpusforge catalog`` over local folders and an s3:// prefix (moto server),
with text, JSON and the HTML index (real Ray executor for the releases)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

S3_ENV = {
    "AWS_ACCESS_KEY_ID": "cf-test-key",
    "AWS_SECRET_ACCESS_KEY": "cf-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="module")
def two_releases(ray_session, tmp_path_factory):
    from engine.executor import run_config

    base = tmp_path_factory.mktemp("catalog")
    rows = [
        {
            "id": f"d{i}",
            "text": (f"文档{i}。" * 4) if i % 4 == 0 else f"document number {i} " * 4,
            "lang": "zh" if i % 4 == 0 else "en",
        }
        for i in range(40)
    ]
    (base / "in").mkdir()
    (base / "in" / "a.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    parent = None
    for version in ("2026.01", "2026.02"):
        out = base / "releases" / "team" / f"v{version}"
        run_config(
            {
                "name": "cat",
                "input": {"paths": [str(base / "in")]},
                "output": {"path": str(out), "overwrite": True},
                "execution": {"progress": False},
                "release": {"version": version, **({"parent": str(parent)} if parent else {})},
                "pipeline": [{"op": "length_filter", "min_words": 5}],
            }
        )
        parent = out
    (base / "releases" / "not_a_release").mkdir()
    return base


def test_catalog_local(two_releases, capsys, tmp_path):
    from engine.catalog import catalog
    from engine.cli import main

    entries = catalog([str(two_releases / "releases")])
    assert [e["version"] for e in entries] == ["2026.01", "2026.02"]
    first, second = entries
    assert second["parent"] == first["path"] and first["parent"] is None
    assert first["documents"] == 40 and first["bytes"] > 0 and first["grade"] in "ABCD"
    assert first["languages"] == {"en": 0.75, "zh": 0.25}
    assert first["report"].endswith("report.html") and first["card"].endswith("README.md")
    assert main(["catalog", str(two_releases / "releases"), "--html", str(tmp_path / "i.html")]) == 0
    text = capsys.readouterr().out
    assert "2026.01" in text and "2026.02" in text
    page = (tmp_path / "i.html").read_text(encoding="utf-8")
    assert page.count("report.html") == 2 and page.count("README.md") == 2
    assert main(["catalog", str(two_releases / "releases"), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_catalog_s3_prefix(two_releases, s3_endpoint, monkeypatch):
    import pyarrow.fs as pafs

    from engine.catalog import catalog
    from engine.config import StorageConfig

    for k, v in S3_ENV.items():
        monkeypatch.setenv(k, v)
    fs = pafs.S3FileSystem(
        endpoint_override=s3_endpoint, scheme="http", region="us-east-1", allow_bucket_creation=True
    )
    fs.create_dir("datasets")
    src = two_releases / "releases" / "team" / "v2026.02"
    pafs.copy_files(
        str(src),
        "datasets/corpora/web/v2",
        source_filesystem=pafs.LocalFileSystem(),
        destination_filesystem=fs,
    )
    entries = catalog(["s3://datasets/corpora"], StorageConfig(endpoint_url=s3_endpoint, region="us-east-1"))
    assert len(entries) == 1
    e = entries[0]
    assert e["path"] == "s3://datasets/corpora/web/v2" and e["version"] == "2026.02"
    assert e["documents"] == 40 and e["report"] == "s3://datasets/corpora/web/v2/report.html"


def test_s3_release_index_and_against_from_s3_parent(tmp_path, s3_endpoint, monkeypatch):
    """A release written to s3:// carries its index (uploaded from the stage's
    scratch directory), and a later local run with that s3:// parent removes
    copies of its documents reading only the index; the catalog lists both."""
    import os

    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    from engine.catalog import catalog
    from engine.config import StorageConfig

    env = {**os.environ, **S3_ENV}
    fs = pafs.S3FileSystem(
        endpoint_override=s3_endpoint,
        scheme="http",
        region="us-east-1",
        access_key=S3_ENV["AWS_ACCESS_KEY_ID"],
        secret_key=S3_ENV["AWS_SECRET_ACCESS_KEY"],
        allow_bucket_creation=True,
    )
    fs.create_dir("rel")
    docs = [{"id": f"o{i}", "text": f"original document number {i} " * 6} for i in range(30)]
    (tmp_path / "in1").mkdir()
    (tmp_path / "in1" / "a.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    new = [{"id": f"n{i}", "text": f"brand new text {i} " * 6} for i in range(10)]
    new += [{"id": f"copy{i}", "text": docs[i]["text"]} for i in range(4)]
    (tmp_path / "in2").mkdir()
    (tmp_path / "in2" / "b.jsonl").write_text("".join(json.dumps(d) + "\n" for d in new))
    storage = {"endpoint_url": s3_endpoint, "region": "us-east-1"}
    cfgs = [
        {
            "input": {"paths": [str(tmp_path / "in1")]},
            "output": {"path": "s3://rel/corpus/v1"},
            "storage": storage,
            "release": {"version": "s3-1"},
            "pipeline": [{"op": "exact_dedup"}],
        },
        {
            "input": {"paths": [str(tmp_path / "in2")]},
            "output": {"path": str(tmp_path / "v2")},
            "storage": storage,
            "release": {"version": "local-2", "parent": "s3://rel/corpus/v1"},
            "pipeline": [{"op": "exact_dedup"}],
        },
    ]
    for i, cfg in enumerate(cfgs):
        cfg.update({"name": "s3rel", "ray": {"num_cpus": 1}, "execution": {"progress": False}})
        (tmp_path / f"c{i}.json").write_text(json.dumps(cfg))
        done = subprocess.run(
            [sys.executable, "-m", "engine.cli", "run", str(tmp_path / f"c{i}.json")],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert fs.get_file_info("rel/corpus/v1/index/exact_dedup/meta.json").type == pafs.FileType.File
    removed = pq.read_table(tmp_path / "v2" / "removed").to_pylist()
    assert {r["id"]: r["removal_reason"] for r in removed} == {
        f"copy{i}": "duplicate_of_release:s3-1" for i in range(4)
    }
    report = json.loads((tmp_path / "v2" / "report.json").read_text())
    assert (
        report["release"]["parent"] == "s3://rel/corpus/v1" and report["release"]["parent_version"] == "s3-1"
    )
    for k, v in S3_ENV.items():
        monkeypatch.setenv(k, v)
    entries = catalog(["s3://rel", str(tmp_path)], StorageConfig(**storage))
    assert sorted(e["version"] for e in entries) == ["local-2", "s3-1"]
