"""Balanced read units (engine/read_plan.py ``balanced_units``): when a global stage reads the
input, local uncompressed JSONL files are cut into equal line-aligned byte ranges, a multiple of
the CPUs in all, so that every core reads (and, fused, prepares) the same amount. The rows read
are those of the whole file, and a dedup run decides exactly as with the read as planned."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pyarrow.dataset as pads
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from make_sample_data import generate  # noqa: E402


def _write(path: Path, n: int, width: int = 300) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            # uneven line lengths: the cuts must still land on line boundaries
            f.write(json.dumps({"id": f"d{i}", "text": f"doc {i} " + "w" * (width + (i * 37) % 200)}) + "\n")


def _units(paths: list[Path], **cfg):
    from engine.config import InputConfig, StorageConfig
    from engine.io_read import expand_inputs, plan_units

    icfg = InputConfig(paths=[str(p) for p in paths], format="jsonl", **cfg)
    return icfg, plan_units(expand_inputs(icfg, StorageConfig()), icfg)


def _rows(icfg, units) -> list[tuple[str, int]]:
    from engine.config import StorageConfig
    from engine.io_read import ReadSpec, read_unit

    spec = ReadSpec(icfg, StorageConfig())
    out = []
    for files, span in units:
        counts = {"lines": 0, "blank": 0, "quarantined": 0}
        for t in read_unit(spec, files, span, counts):
            out += list(zip(t.column("id").to_pylist(), t.column("_cf_line").to_pylist()))
    return out


def test_one_file_is_cut_in_equal_line_ranges(tmp_path):
    from engine.read_plan import balanced_units

    src = tmp_path / "a.jsonl"
    _write(src, 3000)
    icfg, units = _units([src], block_mb=0.25)
    assert len(units) == 1 and units[0][1] is None  # one unit as planned (below split_mb)
    size = src.stat().st_size
    cut = balanced_units(units, cpus=2, block_mb=0.25, min_bytes=0)
    n = 2 * -(-size // (2 * int(0.25 * 1024 * 1024)))  # a multiple of the CPUs, each at most a block
    assert len(cut) == n
    spans = [span for _, span in cut]
    assert spans[0].start == 0 and spans[-1].end == size
    assert all(a.end == b.start for a, b in zip(spans, spans[1:]))
    data = src.read_bytes()
    assert all(data[s.start - 1 : s.start] == b"\n" for s in spans[1:])  # line-aligned
    lengths = [s.end - s.start for s in spans]
    assert max(lengths) - min(lengths) < 1000  # equal up to a line
    # the same rows, with the same line numbers, as the whole file
    assert _rows(icfg, cut) == _rows(icfg, units)
    assert [s.first_line for s in spans] == [data[: s.start].count(b"\n") + 1 for s in spans]


def test_what_cannot_or_need_not_be_cut_stays(tmp_path, monkeypatch):
    from engine.read_plan import balanced_units

    src = tmp_path / "a.jsonl"
    _write(src, 2000)
    gz = tmp_path / "b.jsonl.gz"
    with gzip.open(gz, "wb") as f:
        f.write(src.read_bytes())
    _, units = _units([src], block_mb=0.25)
    assert balanced_units(units, cpus=1, block_mb=0.25, min_bytes=0) == units  # one core
    assert balanced_units(units, cpus=2, block_mb=0.25) == units  # below BALANCE_MIN_BYTES
    assert balanced_units(units, cpus=2, block_mb=0.25, fmt="parquet", min_bytes=0) == units
    monkeypatch.setenv("CORPUSFORGE_BALANCED_READ", "0")
    assert balanced_units(units, cpus=2, block_mb=0.25, min_bytes=0) == units
    monkeypatch.delenv("CORPUSFORGE_BALANCED_READ")
    _, both = _units([gz, src], block_mb=0.25)
    cut = balanced_units(both, cpus=2, block_mb=0.25, min_bytes=0)
    gz_units = [u for u in cut if u[0][0].path == str(gz)]
    assert gz_units == [u for u in both if u[0][0].path == str(gz)] and gz_units[0][1] is None
    rest = [u for u in cut if u[0][0].path == str(src)]
    assert len(rest) >= 2 and all(span is not None for _, span in rest)  # the plain file: cut


def test_a_file_already_in_ranges_is_cut_again_as_a_whole(tmp_path):
    from engine.read_plan import balanced_units

    src = tmp_path / "a.jsonl"
    _write(src, 4000)
    size = src.stat().st_size
    # split_mb below the file: plan_units cuts it in uneven ranges (e.g. 60% + 40%)
    icfg, units = _units([src], block_mb=0.25, split_mb=0.6 * size / (1 << 20))
    assert len(units) == 2
    cut = balanced_units(units, cpus=2, block_mb=1.0, min_bytes=0)
    lengths = [span.end - span.start for _, span in cut]
    assert len(cut) == 2 and abs(lengths[0] - lengths[1]) < 1000 and sum(lengths) == size
    assert _rows(icfg, cut) == _rows(icfg, units)


def _run(inp: Path, out: Path) -> dict:
    from engine.executor import run_config

    cfg = {
        "name": "balance",
        "input": {"paths": [str(inp)], "block_mb": 0.05},
        "output": {"path": str(out)},
        "ray": {"num_cpus": 2},
        "execution": {"progress": False},
        "report": {"html": False},
        "card": {"enabled": False},
        "pipeline": [{"op": "minhash_dedup", "threshold": 0.8}],
    }
    return run_config(cfg)


def _ids(out: Path, sub: str) -> list[str]:
    t = pads.dataset(str(out / sub), format="parquet").to_table(columns=["id"])
    return sorted(t.column("id").to_pylist())


@pytest.mark.timeout(1200)
def test_a_dedup_run_decides_as_with_the_planned_read(ray_session, tmp_path, monkeypatch):
    import engine.read_plan as rp

    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "docs.jsonl").write_bytes(b"\n".join(generate(400, seed=5)) + b"\n")
    monkeypatch.setenv("CORPUSFORGE_SMALL_INPUT", "0")  # not read as a small input (one task)
    monkeypatch.setattr(rp, "BALANCE_MIN_BYTES", 0)
    seen: list[int] = []
    real = rp.balanced_units

    def spy(units, *args, **kwargs):
        cut = real(units, *args, **kwargs)
        seen.append(len(cut))
        return cut

    monkeypatch.setattr(rp, "balanced_units", spy)
    balanced = _run(inp, tmp_path / "balanced")
    assert seen and seen[0] >= 2 and seen[0] % 2 == 0  # the one file read as several ranges
    monkeypatch.setenv("CORPUSFORGE_BALANCED_READ", "0")
    planned = _run(inp, tmp_path / "planned")
    assert balanced["accounting_ok"] and planned["accounting_ok"]
    assert balanced["input_docs"] == planned["input_docs"] > 0
    assert _ids(tmp_path / "balanced", "data") == _ids(tmp_path / "planned", "data")
    assert _ids(tmp_path / "balanced", "removed") == _ids(tmp_path / "planned", "removed") != []
