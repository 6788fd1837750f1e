"""Installed distributions' metadata (operator entry points, library versions) is scanned once per
process while ``sys.path`` and its folders are unchanged, and scanned again when they change: a
distribution installed, upgraded or removed is seen by the next look-up. The warm driver scans it
before it forks its runs. Configs read with the C YAML loader mean what the pure-Python one reads."""

from __future__ import annotations

import glob
import importlib.metadata as md
import os
from pathlib import Path

import pytest
import yaml

from engine import config as cfgmod
from engine import products, warm_driver

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fresh_memos(monkeypatch):
    monkeypatch.setattr(cfgmod, "_ENTRY_POINTS_MEMO", None)
    monkeypatch.setattr(products, "_VERSIONS_MEMO", None)


def _counting(monkeypatch, module, name) -> list[int]:
    calls = [0]
    real = getattr(module, name)

    def wrapper(*a, **k):
        calls[0] += 1
        return real(*a, **k)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def _install(site: Path, dist: str, op_name: str) -> Path:
    info = site / f"{dist}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        f"[{cfgmod.ENTRY_POINT_GROUP}]\n{op_name} = {dist}_pkg:Op\n", encoding="utf-8"
    )
    return info


def test_entry_points_scanned_once_while_the_path_is_unchanged(fresh_memos, monkeypatch):
    calls = _counting(monkeypatch, md, "entry_points")
    first = cfgmod.operator_table()
    second = cfgmod.operator_table()
    assert calls[0] == 1
    assert set(first) == set(second) and "gopher_quality" in second


def test_a_distribution_installed_or_removed_later_is_seen(fresh_memos, monkeypatch, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    assert "late_op" not in cfgmod.operator_table()
    info = _install(site, "cf_late_dist", "late_op")
    table = cfgmod.operator_table()
    assert "late_op" in table  # the folder's modification time changed: scanned again
    for f in info.iterdir():
        f.unlink()
    info.rmdir()
    assert "late_op" not in cfgmod.operator_table()


def test_a_folder_put_on_the_path_is_scanned(fresh_memos, monkeypatch, tmp_path):
    site = tmp_path / "site2"
    site.mkdir()
    _install(site, "cf_other_dist", "other_op")
    assert "other_op" not in cfgmod.operator_table()
    monkeypatch.syspath_prepend(str(site))
    assert "other_op" in cfgmod.operator_table()


def test_the_memo_is_a_copy(fresh_memos):
    table = cfgmod._entry_points()
    table["injected"] = "x:y"
    assert "injected" not in cfgmod._entry_points()


def test_library_versions_looked_up_once_while_the_path_is_unchanged(fresh_memos, monkeypatch, tmp_path):
    calls = _counting(monkeypatch, md, "version")
    first = products.library_versions()
    n = calls[0]
    assert n == len(products.LIBRARIES)
    first["ray"] = "0"
    second = products.library_versions()
    assert calls[0] == n and second["ray"] == md.version("ray")
    monkeypatch.syspath_prepend(str(tmp_path))
    products.library_versions()
    assert calls[0] == 2 * n + 1  # the path changed: looked up again (+1: the check above)


def test_report_versions_unchanged(fresh_memos):
    cfg = cfgmod.load_config(
        {"input": {"paths": ["x.jsonl"]}, "output": {"path": "out"}, "pipeline": [{"op": "gopher_quality"}]}
    )
    libs = products.versions(cfg)["libraries"]
    for name in products.LIBRARIES:
        try:
            assert libs[name] == md.version(name)
        except md.PackageNotFoundError:
            assert name not in libs


def test_warm_driver_scans_before_forking(fresh_memos, monkeypatch):
    ep = _counting(monkeypatch, md, "entry_points")
    warm_driver._read_metadata()
    assert cfgmod._ENTRY_POINTS_MEMO is not None and products._VERSIONS_MEMO is not None
    n = ep[0]
    cfgmod.operator_table()  # a served run (a fork of the server) finds it
    products.library_versions()
    assert ep[0] == n == 1


def test_path_state_follows_the_folders(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    before = cfgmod.path_state()
    assert cfgmod.path_state() == before
    (tmp_path / "new.dist-info").mkdir()
    os.utime(tmp_path, ns=(1, before[0][1] + 1_000_000))
    assert cfgmod.path_state() != before


def test_configs_read_alike_with_the_c_loader():
    paths = sorted(glob.glob(str(ROOT / "configs" / "*.yaml")))
    assert paths
    for p in paths:
        text = Path(p).read_text(encoding="utf-8")
        assert yaml.load(text, Loader=cfgmod.YAML_LOADER) == yaml.safe_load(text), p
    tricky = "a: &x {b: 1, c: [yes, no, ~, 0o17, 1e3, '2024-01-01', 2024-01-01]}\nd:\n  <<: *x\n  e: 'é中'\n"
    assert yaml.load(tricky, Loader=cfgmod.YAML_LOADER) == yaml.safe_load(tricky)


def test_invalid_yaml_still_a_config_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("input: {paths: [x\n", encoding="utf-8")
    with pytest.raises(cfgmod.ConfigError, match="invalid YAML"):
        cfgmod.load_config(str(bad))
