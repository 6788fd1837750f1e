"""``corpusforge catalog`` over local folders and an s3:// prefix (moto server),
with text, JSON and the HTML index (real Ray executor for the releases)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import pytest

S3_ENV = {"AWS_ACCESS_KEY_ID": "cf-test-key", "AWS_SECRET_ACCESS_KEY": "cf-test-secret", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def two_releases(ray_session, tmp_path_factory):
    from engine.executor import run_config

    base = tmp_path_factory.mktemp("catalog")
    rows = [
        {"id": f"d{i}", "text": (f"文档{i}。" * 4) if i % 4 == 0 else f"document number {i} " * 4, "lang": "zh" if i % 4 == 0 else "en"}
        for i in range(40)
    ]
    (base / "in").mkdir()
    (base / "in" / "a.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
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


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto in server mode on loopback: a real HTTP S3 endpoint."""
    pytest.importorskip("moto.server", reason="moto[server] is in the test extras")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("moto server did not start")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)


def test_catalog_s3_prefix(two_releases, s3_endpoint, monkeypatch):
    import pyarrow.fs as pafs

    from engine.catalog import catalog
    from engine.config import StorageConfig

    for k, v in S3_ENV.items():
        monkeypatch.setenv(k, v)
    fs = pafs.S3FileSystem(endpoint_override=s3_endpoint, scheme="http", region="us-east-1", allow_bucket_creation=True)
    fs.create_dir("datasets")
    src = two_releases / "releases" / "team" / "v2026.02"
    pafs.copy_files(str(src), "datasets/corpora/web/v2", source_filesystem=pafs.LocalFileSystem(), destination_filesystem=fs)
    entries = catalog(["s3://datasets/corpora"], StorageConfig(endpoint_url=s3_endpoint, region="us-east-1"))
    assert len(entries) == 1
    e = entries[0]
    assert e["path"] == "s3://datasets/corpora/web/v2" and e["version"] == "2026.02"
    assert e["documents"] == 40 and e["report"] == "s3://datasets/corpora/web/v2/report.html"
