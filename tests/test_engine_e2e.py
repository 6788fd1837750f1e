"""End to end on the real Ray executor: outputs, quarantine, removal trace,
accounting, operator failures and the global-stage contract."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import ClassVar

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from ray import cloudpickle

import engine.config
from engine import GlobalStage, Mapper, OpParams, mark_removed
from engine.config import ConfigError
from engine.executor import run_config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from make_sample_data import generate  # noqa: E402

cloudpickle.register_pickle_by_value(sys.modules[__name__])


def _write_sample(dirpath: Path, n_docs=400, shards=2) -> int:
    dirpath.mkdir(parents=True, exist_ok=True)
    lines = generate(n_docs, seed=3)
    per = (len(lines) + shards - 1) // shards
    for s in range(shards):
        with gzip.open(dirpath / f"part-{s}.jsonl.gz", "wb") as f:
            f.write(b"\n".join(lines[s * per : (s + 1) * per]) + b"\n")
    return len(lines)


def _cfg(inp: Path, out: Path, pipeline, **extra):
    cfg = {
        "name": "e2e",
        "input": {"paths": [str(inp)], "format": "jsonl"},
        "output": {"path": str(out), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": pipeline,
    }
    for k, v in extra.items():
        cfg.setdefault(k, {}).update(v) if isinstance(v, dict) else cfg.__setitem__(k, v)
    return cfg


def _read_dir(path: Path) -> pa.Table:
    return pads.dataset(str(path), format="parquet").to_table()


def test_sample_pipeline_accounts_for_every_document(ray_session, tmp_path):
    n_lines = _write_sample(tmp_path / "in")
    report = run_config(
        _cfg(
            tmp_path / "in",
            tmp_path / "out",
            [{"op": "normalize_text"}, {"op": "length_filter", "min_words": 20}],
        )
    )
    assert report["accounting_ok"]
    assert report["input_docs"] == n_lines
    assert report["input_docs"] == report["output_docs"] + report["removed_docs"] + report["quarantined"]
    assert report["quarantine_reasons"] == {
        "invalid_utf8": 1,
        "malformed_json": 1,
        "not_a_json_object": 1,
        "text_empty": 1,
        "text_missing": 2,
        "text_not_string": 1,
    }
    ops = {o["name"]: o for o in report["ops"]}
    assert ops["normalize_text"]["docs_in"] == n_lines - 7
    lf = ops["length_filter"]
    assert lf["docs_out"] == report["output_docs"]
    assert lf["docs_in"] - lf["docs_out"] == sum(lf["removed"].values()) == report["removed_docs"] > 0
    assert set(lf["removed"]) == {"too_few_words"}
    assert lf["bytes_in"] > 0 and lf["seconds"] >= 0
    data = _read_dir(tmp_path / "out" / "data")
    assert data.num_rows == report["output_docs"]
    ids = data.column("id").to_pylist()
    assert len(set(ids)) == len(ids)
    assert {"id", "text", "source", "kind", "n_words", "n_chars"} <= set(data.column_names)
    assert not [c for c in data.column_names if c.startswith("_cf_")]
    assert min(data.column("n_words").to_pylist()) >= 20
    # mojibake repaired in the output
    texts = data.column("text").to_pylist()
    assert not any("cafÃ©" in t for t in texts) and any("café" in t for t in texts)
    q = _read_dir(tmp_path / "out" / "quarantine")
    assert q.num_rows == 7 and set(q.column_names) == {"id", "source", "line", "step", "reason", "raw"}
    assert set(q.column("step").to_pylist()) == {"input"}
    removed = _read_dir(tmp_path / "out" / "removed")
    assert removed.num_rows == report["removed_docs"]
    assert set(removed.column("removed_by").to_pylist()) == {"length_filter"}
    assert set(removed.column("removal_reason").to_pylist()) == {"too_few_words"}
    assert max(removed.column("n_words").to_pylist()) < 20
    saved = json.loads((tmp_path / "out" / "report.json").read_text())
    assert saved["accounting_ok"] and saved["output_docs"] == report["output_docs"]


def test_empty_pipeline_is_a_faithful_conversion_to_jsonl(ray_session, tmp_path):
    (tmp_path / "in").mkdir()
    rows = [
        {"id": f"r{i}", "text": f"文档 {i} text", "meta": {"n": i}, "tags": ["a", "b"]} for i in range(300)
    ]
    (tmp_path / "in" / "x.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"
    )
    report = run_config(
        _cfg(tmp_path / "in", tmp_path / "out", [], output={"format": "jsonl"}, input={"block_mb": 0.002})
    )
    assert report["accounting_ok"] and report["output_docs"] == 300 and report["ops"] == []
    got = []
    for p in sorted((tmp_path / "out" / "data").glob("*.jsonl.gz")):
        with gzip.open(p, "rt", encoding="utf-8") as f:
            got.extend(json.loads(line) for line in f)
    assert sorted(got, key=lambda r: int(r["id"][1:])) == rows
    assert len(list((tmp_path / "out" / "data").glob("*.jsonl.gz"))) > 1  # sharded output


def test_output_dir_not_empty_is_refused(ray_session, tmp_path):
    _write_sample(tmp_path / "in", n_docs=20, shards=1)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("precious")
    cfg = _cfg(tmp_path / "in", out, [])
    cfg["output"]["overwrite"] = False
    with pytest.raises(ConfigError, match="not empty; set output.overwrite: true"):
        run_config(cfg)
    assert (out / "keep.txt").read_text() == "precious"


def test_annotate_mode_removes_nothing(ray_session, tmp_path):
    _write_sample(tmp_path / "in", n_docs=100, shards=1)
    report = run_config(
        _cfg(
            tmp_path / "in",
            tmp_path / "out",
            [{"op": "length_filter", "min_words": 10_000, "mode": "annotate"}],
        )
    )
    assert (
        report["removed_docs"] == 0 and report["output_docs"] == report["input_docs"] - report["quarantined"]
    )
    assert "n_words" in _read_dir(tmp_path / "out" / "data").column_names


# ---------------------------------------------------------------- failures
class PoisonParams(OpParams):
    poison: str = "POISON"
    fail_all: bool = False


class PoisonMapper(Mapper):
    """Test operator: raises on documents containing the poison word."""

    name: ClassVar[str] = "poison_mapper"
    Params: ClassVar[type[OpParams]] = PoisonParams

    def transform(self, table):
        if self.params.fail_all or any(self.params.poison in t for t in table.column("text").to_pylist()):
            raise ValueError("boom on a document with secret 555-0100 inside")
        return table.append_column("seen", pa.array([True] * table.num_rows))


class DropEveryThird(GlobalStage):
    """Test global stage: removes live documents whose line number is divisible by 3."""

    name: ClassVar[str] = "drop_every_third"

    def run(self, ds, ctx):
        ctx.report["note"] = "test stage"
        step = ctx.step_name

        def mark(batch):
            line = batch.column("_cf_line")
            live = pc.is_null(batch.column("_cf_removed_by"))
            drop = pc.and_(live, pc.equal(pc.subtract(line, pc.multiply(pc.divide(line, 3), 3)), 0))
            keep = pc.invert(drop)
            return mark_removed(batch, keep, pc.if_else(drop, "third_line", None), step)

        return ds.map_batches(mark, batch_format="pyarrow", batch_size=None)


@pytest.fixture
def test_ops():
    for cls in (PoisonMapper, DropEveryThird):
        engine.config.register_operator(cls)
    yield
    for cls in (PoisonMapper, DropEveryThird):
        engine.config.unregister_operator(cls.name)


def _write_plain(path: Path, texts):
    path.mkdir(parents=True, exist_ok=True)
    (path / "p.jsonl").write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts))
    )


def test_poisoned_document_is_quarantined_and_run_goes_on(ray_session, tmp_path, test_ops):
    texts = [f"normal document {i}" for i in range(200)]
    texts[17] = "this one has POISON in it"
    texts[150] = "POISON again"
    _write_plain(tmp_path / "in", texts)
    report = run_config(_cfg(tmp_path / "in", tmp_path / "out", [{"op": "poison_mapper"}]))
    assert report["accounting_ok"] and report["output_docs"] == 198 and report["quarantined"] == 2
    op = report["ops"][0]
    assert op["quarantined"] == {
        "operator_error: ValueError: boom on a document with secret ###-#### inside": 2
    }
    q = _read_dir(tmp_path / "out" / "quarantine")
    assert sorted(q.column("id").to_pylist()) == ["d150", "d17"]
    assert set(q.column("step").to_pylist()) == {"poison_mapper"}
    assert all(_read_dir(tmp_path / "out" / "data").column("seen").to_pylist())


def test_operator_failing_everywhere_stops_the_run(ray_session, tmp_path, test_ops):
    _write_plain(tmp_path / "in", [f"doc {i}" for i in range(100)])
    cfg = _cfg(
        tmp_path / "in",
        tmp_path / "out",
        [{"op": "poison_mapper", "fail_all": True}],
        execution={"max_errors": 5},
    )
    with pytest.raises(Exception) as e:
        run_config(cfg)
    assert "max_errors=5" in str(e.value) and "poison_mapper" in str(e.value)


def test_global_stage_contract(ray_session, tmp_path, test_ops):
    _write_plain(tmp_path / "in", [f"doc number {i}" for i in range(90)] + [""])
    report = run_config(
        _cfg(
            tmp_path / "in",
            tmp_path / "out",
            [{"op": "length_filter", "min_words": 3}, {"op": "drop_every_third"}, {"op": "normalize_text"}],
        )
    )
    assert report["accounting_ok"]
    ops = {o["name"]: o for o in report["ops"]}
    assert ops["drop_every_third"]["removed"] == {"third_line": 30}
    assert ops["drop_every_third"]["stage"] == {"note": "test stage"}
    assert ops["normalize_text"]["docs_in"] == 60
    assert report["output_docs"] == 60 and report["quarantined"] == 1
    assert not (tmp_path / "out" / "_work").exists()


def test_output_shards_share_one_schema(ray_session, tmp_path, monkeypatch):
    """A pass-through column null in one file (Arrow type null there), typed in
    another, and absent from a third: every data shard ends up with the same
    schema, so the output reads as one dataset."""
    # one read task per file, so one shard per file (a small input is otherwise read by one task on
    # 2 CPUs and its blocks may share shards: tests/test_start_small_input.py)
    monkeypatch.setenv("CORPUSFORGE_SMALL_INPUT", "0")
    inp = tmp_path / "in"
    inp.mkdir()
    rows = {
        "a.jsonl": [
            {"id": f"a{i}", "text": f"first file document {i} here", "score": None} for i in range(20)
        ],
        "b.jsonl": [
            {"id": f"b{i}", "text": f"second file document {i} here", "score": i, "tag": "x"}
            for i in range(20)
        ],
        "c.jsonl": [{"id": f"c{i}", "text": f"third file document {i} here"} for i in range(20)],
    }
    for name, docs in rows.items():
        (inp / name).write_text("".join(json.dumps(d) + "\n" for d in docs))
    report = run_config(_cfg(inp, tmp_path / "out", [{"op": "length_filter", "min_words": 1}]))
    files = sorted((tmp_path / "out" / "data").glob("*.parquet"))
    schemas = [pq.read_schema(f) for f in files]
    assert len(files) == 3 and all(s.equals(schemas[0]) for s in schemas)
    assert schemas[0].field("score").type == pa.int64() and schemas[0].field("tag").type == pa.string()
    assert report["shards_unified"] >= 2
    table = pads.dataset(str(tmp_path / "out" / "data"), format="parquet").to_table()
    by_id = dict(zip(table.column("id").to_pylist(), table.column("score").to_pylist()))
    assert table.num_rows == 60 and by_id["b7"] == 7 and by_id["a3"] is None and by_id["c0"] is None
