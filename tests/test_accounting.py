"""Independent accounting (engine/accounting.py): the reader, every step and
the writer count from their own side; a run whose counts do not add up fails
with AccountingError naming the step, and report.json says so.

Unit tests feed the reconciliation fabricated or tampered counts (so it is
shown to catch each fault even where the StepRunner would catch it first);
end-to-end tests run the real Ray executor with operators that lose or
duplicate a document."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import ClassVar

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pytest
from ray import cloudpickle

import engine.config
from engine import AccountingError, GlobalStage, Mapper, mark_removed
from engine import columns as C
from engine.accounting import (
    TALLY,
    StageCounter,
    merge_steps,
    reader_totals,
    reconcile,
    split_tallies,
    with_step_tally,
)
from engine.executor import run_config

cloudpickle.register_pickle_by_value(sys.modules[__name__])

STEPS = [("norm", "mapper"), ("short", "filter"), ("dedup", "global")]


def _good():
    """Counts of a consistent run: 12 records read (1 quarantined by the reader),
    'short' removes 2, 'dedup' removes 3 and quarantines 1 -> 5 kept."""
    reader = {"units": 2, "lines": 14, "blank": 2, "rows": 12, "quarantined": 1, "unit_mismatches": []}
    steps = {
        "norm": {"rows": 12, "in": 11, "out": 11, "removed": 0, "quarantined": 0, "generated": 0},
        "short": {"rows": 12, "in": 11, "out": 9, "removed": 2, "quarantined": 0, "generated": 0},
        "dedup": {
            "rows_in": 12,
            "rows": 12,
            "in": 9,
            "out": 5,
            "removed": 3,
            "quarantined": 1,
            "generated": 0,
        },
    }
    writer = {
        "input_docs": 12,
        "output_docs": 5,
        "removed": {"short": {"too_short": 2}, "dedup": {"duplicate": 3}},
        "quarantined": {"input": {"malformed_json": 1}, "dedup": {"operator_error: X": 1}},
        "generated": {},
    }
    return reader, steps, writer


def test_reconcile_accepts_consistent_counts():
    assert reconcile(*_reorder(*_good())) == []


def _reorder(reader, steps, writer):
    return reader, STEPS, steps, writer


def test_reconcile_catches_a_mapper_that_drops_a_row():
    reader, steps, writer = _good()
    steps["norm"]["out"] = 10  # one document in, none out, no reason
    steps["short"]["in"] = 10
    steps["short"]["out"] = 8
    steps["dedup"]["in"] = 8
    steps["dedup"]["out"] = 4
    writer["output_docs"] = 4
    found = reconcile(reader, STEPS, steps, writer)
    assert found and found[0]["step"] == "norm" and found[0]["difference"] == -1
    assert "in + generated = out + removed + quarantined" in found[0]["check"]


def test_reconcile_catches_rows_lost_between_steps():
    reader, steps, writer = _good()
    steps["short"].update({"rows": 11, "in": 10, "out": 8})  # a block lost after 'norm' (counts with it)
    found = reconcile(reader, STEPS, steps, writer)
    assert [m["step"] for m in found][:2] == ["short", "short"]
    assert found[0]["expected"] == 11 and found[0]["actual"] == 10


def test_reconcile_catches_a_global_stage_that_drops_or_duplicates_a_row():
    for delta in (-1, +1):
        reader, steps, writer = _good()
        steps["dedup"]["rows"] += delta
        steps["dedup"]["out"] += delta
        writer["output_docs"] += delta
        writer["input_docs"] += delta
        found = reconcile(reader, STEPS, steps, writer)
        assert found[0]["step"] == "dedup" and found[0]["difference"] == delta
        assert any(m["step"] == "write" for m in found)


def test_reconcile_catches_a_writer_that_loses_removed_rows():
    reader, steps, writer = _good()
    writer["removed"]["short"]["too_short"] = 1
    found = reconcile(reader, STEPS, steps, writer)
    assert found[0]["step"] == "short" and "removed documents written" in found[0]["check"]
    assert found[-1]["step"] == "write"


def test_reader_that_skips_a_record_is_caught_from_tampered_markers(tmp_path):
    units = tmp_path / "_progress" / "units"
    units.mkdir(parents=True)
    good = {
        "unit": 0,
        "blocks": {"0": 7},
        "rows": 7,
        "lines": 8,
        "blank": 1,
        "quarantined": 1,
        "source": "a.jsonl",
    }
    (units / "u000000.json").write_text(json.dumps(good))
    # unit 1: 5 lines, none blank, but only 4 records yielded (a skipped record)
    bad = {
        "unit": 1,
        "blocks": {"0": 4},
        "rows": 4,
        "lines": 5,
        "blank": 0,
        "quarantined": 0,
        "source": "b.jsonl",
    }
    (units / "u000001.json").write_text(json.dumps(bad))
    reader = reader_totals(pafs.LocalFileSystem(), str(tmp_path / "_progress"))
    assert reader["rows"] == 11 and reader["lines"] == 13 and reader["units"] == 2
    steps = {"norm": {"rows": 11, "in": 10, "out": 10}}
    writer = {
        "input_docs": 11,
        "output_docs": 10,
        "removed": {},
        "quarantined": {"input": {"x": 1}},
        "generated": {},
    }
    found = reconcile(reader, [("norm", "mapper")], steps, writer)
    assert len(found) == 1 and found[0]["step"] == "input" and "read unit 1 (b.jsonl)" in found[0]["check"]
    assert found[0]["expected"] == 5 and found[0]["actual"] == 4


def _batch(n_live: int, n_dead: int) -> pa.Table:
    n = n_live + n_dead
    t = pa.table(
        {
            "id": [f"d{i}" for i in range(n)],
            "text": ["some text 文本"] * n,
            C.SOURCE: ["a.jsonl"] * n,
            C.LINE: pa.array(range(1, n + 1), pa.int64()),
            C.REMOVED_BY: pa.array([None] * n_live + ["input"] * n_dead, pa.string()),
            C.REASON: pa.array([None] * n_live + ["malformed_json"] * n_dead, pa.string()),
            C.QUARANTINED: pa.array([None] * n_live + [True] * n_dead, pa.bool_()),
            C.RAW: pa.nulls(n, pa.string()),
            C.GENERATED: pa.nulls(n, pa.string()),
            C.UNIT: pa.array([0] * n, pa.int32()),
            C.BLOCK: pa.array([i % 2 for i in range(n)], pa.int32()),
        }
    )
    return t


def test_step_tally_rows_count_from_the_step_side_and_travel_with_the_rows():
    before = _batch(6, 2)
    keep = pc.invert(pc.equal(before.column("id"), "d0"))
    after = mark_removed(before, keep, ["short"] * before.num_rows, "short")
    out = with_step_tally("short", before, after)
    docs, entries = split_tallies(out)
    assert docs.num_rows == 8 and out.num_rows == 8 + len(entries)
    assert {tuple(e["key"]) for e in entries} == {(0, 0), (0, 1)}  # one per read block
    assert merge_steps(entries)["short"] == {
        "rows": 8,
        "in": 6,
        "out": 5,
        "removed": 1,
        "quarantined": 0,
        "generated": 0,
    }
    # the next step skips earlier tally rows (they are not live, nor input documents)
    again = with_step_tally("next", out, out)
    _, entries2 = split_tallies(again)
    assert merge_steps(entries2)["next"] == {
        "rows": 8,
        "in": 5,
        "out": 5,
        "removed": 0,
        "quarantined": 0,
        "generated": 0,
    }
    assert merge_steps(entries2)["short"]["removed"] == 1  # earlier tallies pass through untouched
    counted = StageCounter("stage")(out)
    assert merge_steps(split_tallies(counted)[1])["stage"]["rows"] == 8
    assert (
        pc.sum(pc.cast(pc.equal(counted.column(C.REMOVED_BY), TALLY), pa.int64())).as_py() == len(entries) + 1
    )


# ------------------------------------------------------------------ real Ray executor
class DropOneMapper(Mapper):
    """Test mapper: silently loses the document with id 'doc-7'."""

    name: ClassVar[str] = "drop_one_mapper"

    def transform(self, table):
        return table.filter(pc.invert(pc.equal(table.column("id"), "doc-7")))


class DropOneStage(GlobalStage):
    """Test global stage: loses the row of document 'doc-7' (no mark, no reason)."""

    name: ClassVar[str] = "drop_one_stage"

    def run(self, ds, ctx):
        return ds.map_batches(
            lambda t: t.filter(pc.invert(pc.fill_null(pc.equal(t.column("id"), "doc-7"), False))),
            batch_format="pyarrow",
            batch_size=None,
        )


class DuplicateOneStage(GlobalStage):
    """Test global stage: returns the row of document 'doc-7' twice."""

    name: ClassVar[str] = "duplicate_one_stage"

    def run(self, ds, ctx):
        def dup(t):
            hit = pc.fill_null(pc.equal(t.column("id"), "doc-7"), False)
            return pa.concat_tables([t, t.filter(hit)])

        return ds.map_batches(dup, batch_format="pyarrow", batch_size=None)


@pytest.fixture
def faulty_ops():
    ops = (DropOneMapper, DropOneStage, DuplicateOneStage)
    for cls in ops:
        engine.config.register_operator(cls)
    yield
    for cls in ops:
        engine.config.unregister_operator(cls.name)


def _input(path: Path) -> int:
    """40 documents (English and Chinese), two blank lines and one malformed line."""
    path.mkdir(parents=True)
    lines = []
    for i in range(40):
        text = (
            f"document {i} tells of rivers and mountains" if i % 2 else f"第{i}篇文章讲述了江河与山川的故事"
        )
        lines.append(json.dumps({"id": f"doc-{i}", "text": text}, ensure_ascii=False))
    lines[10:10] = ["", "{broken json"]
    lines.append("   ")
    (path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 41  # records: 40 documents + 1 malformed


def _cfg(inp: Path, out: Path, pipeline: list) -> dict:
    return {
        "name": "acct",
        "input": {"paths": [str(inp)], "block_mb": 0.001},
        "output": {"path": str(out), "overwrite": True},
        "execution": {"progress": False},
        "pipeline": pipeline,
    }


def test_consistent_run_reconciles_reader_steps_and_writer(ray_session, tmp_path):
    records = _input(tmp_path / "in")
    pipeline = [
        {"op": "normalize_text"},
        {"op": "length_filter", "min_words": 8},
        {"op": "exact_dedup"},
        {"op": "normalize_text", "name": "again"},
    ]
    report = run_config(_cfg(tmp_path / "in", tmp_path / "out", pipeline))
    assert report["accounting_ok"] and report["accounting_mismatches"] == []
    assert report["input_docs"] == records and report["quarantined"] == 1
    assert report["read"] == {"units": 1, "lines": 43, "blank_lines": 2, "records": records}
    ops = {o["name"]: o for o in report["ops"]}
    assert ops["normalize_text"]["docs_in"] == 40 and ops["again"]["docs_out"] == report["output_docs"]


def test_mapper_that_drops_a_row_fails_the_run_naming_it(ray_session, faulty_ops, tmp_path):
    _input(tmp_path / "in")
    pipeline = [{"op": "normalize_text"}, {"op": "drop_one_mapper", "name": "lossy"}]
    with pytest.raises(AccountingError, match="lossy"):
        run_config(_cfg(tmp_path / "in", tmp_path / "out", pipeline))


@pytest.mark.parametrize("op, delta", [("drop_one_stage", -1), ("duplicate_one_stage", +1)])
def test_global_stage_that_loses_or_duplicates_a_row_fails_the_run(
    ray_session, faulty_ops, tmp_path, op, delta
):
    _input(tmp_path / "in")
    pipeline = [
        {"op": "normalize_text"},
        {"op": op, "name": "faulty_stage"},
        {"op": "length_filter", "min_words": 1},
    ]
    with pytest.raises(AccountingError, match="step 'faulty_stage'") as err:
        run_config(_cfg(tmp_path / "in", tmp_path / "out", pipeline))
    assert str(delta if delta < 0 else f"+{delta}") in str(err.value)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["accounting_ok"] is False
    first = report["accounting_mismatches"][0]
    assert first["step"] == "faulty_stage" and first["difference"] == delta


def test_cli_reports_an_accounting_error_without_a_traceback(ray_session, faulty_ops, tmp_path, capsys):
    from engine.cli import main as cli_main

    _input(tmp_path / "in")
    cfg_path = tmp_path / "run.yaml"
    cfg_path.write_text(
        json.dumps(_cfg(tmp_path / "in", tmp_path / "out", [{"op": "drop_one_mapper", "name": "lossy"}]))
    )
    assert cli_main(["run", str(cfg_path), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "error: step 'lossy': mapper returned" in err and "Traceback" not in err
