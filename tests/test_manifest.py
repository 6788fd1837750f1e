"""manifest.json lists every output file; `corpusforge verify` catches
altered, missing and extra files."""

from __future__ import annotations

import hashlib
import json
import shutil

import pyarrow.fs as pafs
import pytest

from engine.cli import main as cli
from engine.manifest import build_manifest, verify
from tests._report_run import shared_run


@pytest.fixture(scope="module")
def run(ray_session, tmp_path_factory):
    return shared_run(tmp_path_factory)


@pytest.fixture
def copy(run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(run["out"], out)
    return out


def test_manifest_lists_every_file_with_hash_and_rows(run):
    out = run["out"]
    manifest = json.loads((out / "manifest.json").read_text())
    on_disk = sorted(
        str(p.relative_to(out))
        for p in out.rglob("*")
        if p.is_file() and p.name != "manifest.json" and not p.name.startswith(".")
    )
    # the ownership marker is the folder's, not the dataset's: present, but not a release file
    assert (out / ".corpusforge-run").is_file()
    assert sorted(e["path"] for e in manifest["files"]) == on_disk
    for e in manifest["files"]:
        blob = (out / e["path"]).read_bytes()
        assert e["bytes"] == len(blob) and e["sha256"] == hashlib.sha256(blob).hexdigest()
    rows = {e["path"]: e.get("rows") for e in manifest["files"]}
    assert sum(r for p, r in rows.items() if p.startswith("data/")) == run["report"]["output_docs"]
    assert manifest["dataset"] == "report-test" and manifest["engine_version"] == "0.1.0"
    assert manifest["config_hash"] == run["report"]["config_hash"]
    inputs = manifest["input"]["files"]
    assert [(f["uri"].rsplit("/", 1)[1], f["bytes"]) for f in inputs] == [
        (p.name, p.stat().st_size) for p in sorted(run["inp"].iterdir())
    ]
    again = build_manifest(pafs.LocalFileSystem(), str(out), run["report"])
    assert again["version_id"] == manifest["version_id"] and len(manifest["version_id"]) == 16


def test_verify_ok(copy, capsys):
    assert cli(["verify", str(copy)]) == 0
    assert "verify: OK" in capsys.readouterr().out


def test_verify_names_altered_missing_and_extra_files(copy, capsys):
    data = sorted((copy / "data").glob("*.parquet"))
    with open(data[0], "r+b") as f:  # same size, one byte changed
        f.seek(100)
        b = f.read(1)
        f.seek(100)
        f.write(bytes([b[0] ^ 0xFF]))
    (copy / "quarantine").joinpath(next((copy / "quarantine").iterdir()).name).unlink()
    (copy / "data" / "stray.parquet").write_bytes(b"not ours")
    (copy / "README.md").write_text("edited", encoding="utf-8")
    result = verify(pafs.LocalFileSystem(), str(copy))
    assert [p.split(" ")[0] for p in result["altered"]] == ["README.md", str(data[0].relative_to(copy))]
    assert len(result["missing"]) == 1 and result["missing"][0].startswith("quarantine/")
    assert result["extra"] == ["data/stray.parquet"]
    assert cli(["verify", str(copy)]) == 1
    printed = capsys.readouterr().out
    assert (
        "altered: README.md" in printed
        and "missing: quarantine/" in printed
        and "extra: data/stray.parquet" in printed
    )


def test_verify_without_manifest(tmp_path, capsys):
    assert cli(["verify", str(tmp_path)]) == 2


def test_known_digests_are_used_only_for_files_of_that_size(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.parquet.txt").write_bytes(b"abc")
    (tmp_path / "data" / "b.txt").write_bytes(b"defg")
    known = {"data/a.parquet.txt": (3, "f" * 64), "data/b.txt": (99, "e" * 64)}  # b: size differs
    files = {e["path"]: e for e in build_manifest(pafs.LocalFileSystem(), str(tmp_path), {}, known)["files"]}
    assert files["data/a.parquet.txt"]["sha256"] == "f" * 64  # taken from the writer, not read again
    assert files["data/b.txt"]["sha256"] == hashlib.sha256(b"defg").hexdigest()
