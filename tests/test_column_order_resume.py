"""A resumed run reaches the same column types and order as an uninterrupted one: input files with
different columns and a column that is ``int64``, ``double`` and ``string`` in different files; the
driver is killed (SIGKILL) after a few shards, started again with the same config, and every shard of
data/, removed/ and quarantine/ must have the clean run's schema (names, order, types; JSONL: keys
and value types) and every document the clean run's values. The shards written before the kill were
written before the later files' types were known: the end of the resumed run takes them in too."""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
from make_sample_data import generate  # noqa: E402
from test_resume import _finish, _kill_group, _markers, _start  # noqa: E402

pytestmark = pytest.mark.timeout(900)

#: each file's pass-through columns, in the record's order (the reader puts id and text first)
COLUMNS = (
    lambda i: {"meta": i, "alpha": f"a{i}"},
    lambda i: {"beta": [i, i + 1], "meta": i + 0.5 if i % 2 else float(i)},
    lambda i: {"meta": f"m{i}", "gamma": {"k": i}, "alpha": f"a{i}"},
)


def _corpus(path: Path) -> None:
    path.mkdir(parents=True)
    lines = generate(600, seed=7)
    for s in range(6):
        out = []
        for i, line in enumerate(lines[s * 100 : (s + 1) * 100]):
            try:
                record = json.loads(line)
            except ValueError:
                out.append(line)  # a bad line: quarantined
                continue
            if not isinstance(record, dict):
                out.append(line)
                continue
            extra = COLUMNS[s % 3](s * 100 + i)
            out.append(json.dumps({**extra, **record}).encode())
        with gzip.open(path / f"part-{s}.jsonl.gz", "wb") as f:
            f.write(b"\n".join(out) + b"\n")


def _config(inp: Path, out: Path, fmt: str, slow: float) -> dict:
    return {
        "name": "resume_schema",
        "input": {"paths": [str(inp)], "block_mb": 0.02},
        "output": {"path": str(out), "format": fmt},
        "ray": {"num_cpus": 2},
        "execution": {"progress": False},
        "pipeline": [
            {"op": "slow_mapper", "seconds": slow},
            {"op": "length_filter", "min_words": 20},
        ],
    }


def _shape(out: Path, fmt: str) -> dict:
    """Per directory: the shards' schemas (Parquet: names and types, in order; JSONL: the keys in
    order and the types of the non-null values by key) and the rows by id."""
    shape = {}
    for sub in ("data", "removed", "quarantine"):
        schemas, rows = set(), {}
        if fmt == "jsonl" and sub == "data":
            types: dict[str, set[str]] = {}
            for p in sorted((out / sub).glob("*.jsonl.gz")):
                for line in gzip.open(p, "rt"):
                    row = json.loads(line)
                    schemas.add(tuple(row))
                    for k, v in row.items():
                        if v is not None:
                            types.setdefault(k, set()).add(type(v).__name__)
                    rows[row["id"]] = row
            shape[sub] = (schemas, types, rows)
            continue
        for p in sorted((out / sub).glob("*.parquet")):
            table = pq.read_table(p)
            schemas.add(tuple((f.name, str(f.type)) for f in table.schema))
            rows.update({r["id"]: r for r in table.to_pylist()})
        shape[sub] = (schemas, rows)
    return shape


#: the input's columns in first-seen order: file 0's (id and text first), then file 1's beta, file 2's gamma
INPUT_ORDER = ["id", "text", "meta", "alpha", "source", "kind", "lang_hint", "beta", "gamma"]


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_resumed_run_has_the_clean_runs_types_and_order(tmp_path, fmt):
    _corpus(tmp_path / "in")
    clean = _finish(_start(_config(tmp_path / "in", tmp_path / "clean", fmt, 0.0)))
    assert clean["accounting_ok"] and not clean["resumed"]
    expected = _shape(tmp_path / "clean", fmt)
    if fmt == "parquet":
        (schema,) = expected["data"][0]  # one schema for every shard
        assert dict(schema)["meta"] == "string"
        names = [n for n, _ in schema]
    else:
        (names,) = expected["data"][0]  # the same keys in every shard
        assert expected["data"][1]["meta"] == {"str"}  # every meta is text
    assert [n for n in names if n in INPUT_ORDER] == INPUT_ORDER
    assert len(expected["removed"][0]) == 1 and len(expected["quarantine"][0]) == 1

    out = tmp_path / "killed"
    cfg = _config(tmp_path / "in", out, fmt, 0.25)
    proc = _start(cfg)
    deadline = time.time() + 180
    while time.time() < deadline and proc.poll() is None and _markers(out) < 3:
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed; slow it down"
    _kill_group(proc)
    assert not (out / "report.json").exists()
    report = _finish(_start(cfg))
    assert report["resumed"] and report["accounting_ok"]
    assert _shape(out, fmt) == expected
