"""Output folders that are ours (engine/output_dir.py): ``overwrite: true`` and
``--restart`` delete only a folder carrying the ownership marker, and in it only
what corpusforge creates. Each refusal case checks that a precious file survives."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from engine import output_dir
from engine.cli import main as cli_main
from engine.config import ConfigError, load_config
from engine.executor import run_config, run_fingerprint
from engine.io_read import expand_inputs
from engine.output_dir import MARKER, OutputDirError


def _input(path: Path, n: int = 30) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"id": f"d{i}", "text": f"document number {i} with a few words 第{i}号文件"})
        for i in range(n)
    ]
    (path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cfg(inp: Path, out: str | Path, overwrite: bool = False) -> dict:
    return {
        "name": "outdir",
        "input": {"paths": [str(inp)]},
        "output": {"path": str(out), "overwrite": overwrite},
        "execution": {"progress": False},
        "pipeline": [{"op": "length_filter", "min_words": 3}],
    }


def _precious(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / "precious.txt"
    p.write_text("do not delete")
    return p


# ------------------------------------------------------------------ refusals (before Ray starts)
def test_unrelated_file_survives_restart(tmp_path):
    inp = _input(tmp_path / "in")
    out = tmp_path / "out"
    keep = _precious(out)
    (out / "data").mkdir()  # looks like an output, but the folder is not ours
    with pytest.raises(OutputDirError, match="precious.txt"):
        run_config(_cfg(inp, out), restart=True)
    assert keep.read_text() == "do not delete" and (out / "data").is_dir()


def test_unrelated_file_survives_overwrite(tmp_path):
    inp = _input(tmp_path / "in")
    out = tmp_path / "out"
    keep = _precious(out)
    (out / MARKER).write_text(
        json.dumps({"run_id": "x"})
    )  # even with our marker: unknown entries are refused
    with pytest.raises(OutputDirError, match="precious.txt"):
        run_config(_cfg(inp, out, overwrite=True))
    assert keep.read_text() == "do not delete"


def test_unrelated_file_without_overwrite_says_it_is_not_ours(tmp_path):
    inp = _input(tmp_path / "in")
    out = tmp_path / "out"
    keep = _precious(out)
    with pytest.raises(ConfigError, match="not empty.*would not replace it.*precious.txt"):
        run_config(_cfg(inp, out))
    assert keep.exists()


def test_output_equal_to_input_dir_is_refused(tmp_path):
    inp = _input(tmp_path / "in")
    keep = _precious(inp)
    with pytest.raises(OutputDirError, match="contains the input"):
        run_config(_cfg(inp, inp, overwrite=True), restart=True)
    assert keep.exists() and (inp / "in.jsonl").exists()


def test_output_ancestor_of_input_is_refused(tmp_path):
    inp = _input(tmp_path / "corpus" / "deep" / "in")
    keep = _precious(tmp_path / "corpus")
    with pytest.raises(OutputDirError, match="contains the input"):
        run_config(_cfg(inp, tmp_path / "corpus", overwrite=True), restart=True)
    assert keep.exists() and (inp / "in.jsonl").exists()


def test_output_equal_to_input_file_is_refused(tmp_path):
    inp = _input(tmp_path / "in")
    cfg = _cfg(inp / "in.jsonl", inp / "in.jsonl", overwrite=True)
    with pytest.raises(ConfigError):
        run_config(cfg, restart=True)
    assert (inp / "in.jsonl").stat().st_size > 0


def test_output_equal_to_cwd_is_refused(tmp_path, monkeypatch):
    inp = _input(tmp_path / "in")
    work = tmp_path / "work"
    keep = _precious(work)
    monkeypatch.chdir(work)
    with pytest.raises(OutputDirError, match="working directory"):
        run_config(_cfg(inp, ".", overwrite=True), restart=True)
    with pytest.raises(OutputDirError, match="working directory"):
        run_config(_cfg(inp, str(work), overwrite=True), restart=True)
    assert keep.exists()


def test_output_equal_to_home_is_refused(tmp_path, monkeypatch):
    inp = _input(tmp_path / "in")
    home = tmp_path / "home"
    keep = _precious(home)
    monkeypatch.setenv("HOME", str(home))
    with pytest.raises(OutputDirError, match="home directory"):
        run_config(_cfg(inp, home, overwrite=True), restart=True)
    assert keep.exists()


def test_root_is_refused(tmp_path):
    inp = _input(tmp_path / "in")
    with pytest.raises(OutputDirError, match="root directory"):
        run_config(_cfg(inp, "/", overwrite=True), restart=True)
    assert os.path.isdir("/tmp")


@pytest.mark.parametrize("uri", ["s3://bucket", "s3://bucket/"])
def test_bucket_root_is_refused(tmp_path, uri):
    inp = _input(tmp_path / "in")
    cfg = _cfg(inp, uri, overwrite=True)
    cfg["storage"] = {"endpoint_url": "http://127.0.0.1:9", "region": "us-east-1"}  # never contacted
    with pytest.raises(OutputDirError, match="bucket root"):
        run_config(cfg, restart=True)


def test_output_from_before_the_marker_is_refused_with_a_way_forward(tmp_path):
    inp = _input(tmp_path / "in")
    out = tmp_path / "out"
    (out / "data").mkdir(parents=True)
    (out / "data" / "part-00000-0000000001.parquet").write_bytes(b"old")
    (out / "report.json").write_text("{}")
    with pytest.raises(OutputDirError, match=r"before the ownership marker.*rm -r"):
        run_config(_cfg(inp, out, overwrite=True), restart=True)
    assert (out / "report.json").exists() and (out / "data" / "part-00000-0000000001.parquet").exists()


def test_validate_refuses_like_run(tmp_path, capsys):
    inp = _input(tmp_path / "in")
    out = tmp_path / "out"
    keep = _precious(out)
    cfg_path = tmp_path / "c.json"
    cfg_path.write_text(json.dumps(_cfg(inp, out, overwrite=True)))
    assert cli_main(["validate", str(cfg_path)]) == 2
    assert "precious.txt" in capsys.readouterr().err
    assert cli_main(["run", str(cfg_path), "--restart"]) == 2
    assert keep.exists()
    cfg_path.write_text(json.dumps(_cfg(inp, inp, overwrite=True)))
    assert cli_main(["validate", str(cfg_path)]) == 2


def test_owned_entries_and_temporary_names():
    assert output_dir.is_owned_entry("data") and output_dir.is_owned_entry(".report.json.tmp")
    assert output_dir.is_owned_entry("." + MARKER + ".tmp") and output_dir.is_owned_entry("report.json.tmp")
    assert not output_dir.is_owned_entry("precious.txt") and not output_dir.is_owned_entry(".data.tmp.bak")


# ------------------------------------------------------------------ positive case (real Ray executor)
def test_marked_output_is_cleared_rerun_and_resume_work(ray_session, tmp_path):
    inp = _input(tmp_path / "in")
    out = tmp_path / "out"
    first = run_config(_cfg(inp, out))
    marker = json.loads((out / MARKER).read_text())
    assert set(marker) == {"run_id", "config_hash", "created_at", "corpusforge_version"}
    assert first["accounting_ok"] and first["output_docs"] == 30
    (out / "data" / "stale.parquet").write_bytes(b"inside an owned entry: ours to delete")

    second = run_config(_cfg(inp, out, overwrite=True))
    assert second["output_docs"] == 30 and not (out / "data" / "stale.parquet").exists()
    assert json.loads((out / MARKER).read_text())["run_id"] != marker["run_id"]
    third = run_config(_cfg(inp, out), restart=True)
    assert third["output_docs"] == 30

    # an unfinished run of the same config in our folder is resumed, not refused
    cfg = load_config(_cfg(inp, out))
    fingerprint = run_fingerprint(cfg, expand_inputs(cfg.input, cfg.storage))
    for sub in ("units", "blocks"):
        (out / "_progress" / sub).mkdir(parents=True)
    (out / "_progress" / "run.json").write_text(json.dumps({"config_hash": fingerprint}))
    resumed = run_config(_cfg(inp, out))
    assert resumed.get("resumed") and resumed["output_docs"] == 30 and resumed["accounting_ok"]


def test_object_store_paths_compare_only_with_inputs_on_the_same_store(tmp_path):
    import pyarrow.fs as pafs

    remote = pafs.SubTreeFileSystem(
        str(tmp_path), pafs.LocalFileSystem()
    )  # stands in for S3: never listed here
    with pytest.raises(OutputDirError, match="contains the input"):
        output_dir.check_path(
            "s3://bucket/corpus", remote, "bucket/corpus", ["s3://bucket/corpus/raw/a.jsonl.gz"]
        )
    output_dir.check_path("s3://bucket/out", remote, "bucket/out", ["s3://bucket/corpus/raw/a.jsonl.gz"])
    # a local input whose path happens to look like the bucket key is on another filesystem
    output_dir.check_path("s3://bucket/corpus", remote, "bucket/corpus", ["bucket/corpus/a.jsonl"])
    local_out = str(tmp_path / "out")
    output_dir.check_path(local_out, pafs.LocalFileSystem(), local_out, ["s3://x" + local_out + "/a.jsonl"])
