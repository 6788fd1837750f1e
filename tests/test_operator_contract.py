"""The contract every registered operator keeps (see engine/operator.py):
defaults build, unknown keys are rejected, an empty batch works, a hostile
batch does not raise, rows are neither lost nor invented, other columns pass
through untouched."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from pydantic import ValidationError

from engine import columns as C
from engine.config import operator_table
from engine.operator import Filter, GlobalStage, Mapper

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = {
    "quality_classifier": {"model_path": str(ROOT / "data" / "models" / "sample_quality.bin")},
    "llm_generate": {"base_url": "http://127.0.0.1:9/v1", "model": "test", "prompt": "Paraphrase: {{ text }}"},
    "content_filter": {"lexicons": [{"path": str(ROOT / "data" / "safety_sample" / "lexicon_en.txt"), "category": "sample"}]},
    "decontaminate": {"benchmarks": [str(ROOT / "data" / "safety_sample" / "benchmark_en.jsonl")]},
}
OPS = sorted(operator_table().items())
BATCH_OPS = [(n, c) for n, c in OPS if not issubclass(c, GlobalStage) and n != "llm_generate"]

HOSTILE = [
    "",
    " ",
    "a",
    "\n\n\n",
    "中",
    "x" * 20000,
    "word " * 3000,
    "😀" * 50,
    "\x00\x01\x02 control",
    "Ã©Ã¨ mojibake â€™",
    "1234567890 " * 20,
    "<html><script>var a = {b: 1};</script></html>",
    "一二三四五六七八九十" * 100,
    "\u200b\ufeff\u202e rtl override",
    "13800138000 test@example.com 110101199003074578",
    "- item\n- item\n- item\n• bullet\n...",
]


def _batch(texts: list[str]) -> pa.Table:
    n = len(texts)
    table = pa.table(
        {
            "id": pa.array([f"d{i}" for i in range(n)], pa.string()),
            "text": pa.array(texts, pa.string()),
            "extra": pa.array(list(range(n)), pa.int64()),
        }
    )
    return C.add_engine_columns(table, "test.jsonl", 1)


def _build(name, cls, **params):
    return cls(**{**REQUIRED.get(name, {}), **params})


@pytest.mark.parametrize("name,cls", OPS, ids=[n for n, _ in OPS])
def test_defaults_build_and_unknown_key_rejected(name, cls):
    op = _build(name, cls)
    assert op.name == name and cls.summary(), f"{name} needs a docstring"
    with pytest.raises(ValidationError):
        cls.Params(**REQUIRED.get(name, {}), definitely_not_a_param=1)


@pytest.mark.parametrize("name,cls", BATCH_OPS, ids=[n for n, _ in BATCH_OPS])
def test_empty_and_hostile_batches(name, cls):
    op = _build(name, cls)
    op.ensure_setup()
    empty = _batch([]).slice(0, 0)
    for table in (empty, _batch(HOSTILE)):
        if isinstance(op, Filter):
            scored, keep, reasons = op.apply(table)
            assert scored.num_rows == table.num_rows
            if keep is not None and table.num_rows:
                keep = np.asarray(keep, dtype=bool)
                assert keep.shape == (table.num_rows,)
                reasons = list(reasons.to_pylist() if hasattr(reasons, "to_pylist") else reasons)
                assert all((r is None) == k for r, k in zip(reasons, keep)), "a reason for every removed row only"
            out = scored
        else:
            assert isinstance(op, Mapper)
            out = op.transform(table)
            if C.GENERATED in out.column_names:
                originals = out.filter(pa.compute.is_null(out.column(C.GENERATED)))
            else:
                originals = out
            assert originals.num_rows == table.num_rows
            out = originals
        assert sorted(out.column("id").to_pylist()) == sorted(table.column("id").to_pylist())
        got = dict(zip(out.column("id").to_pylist(), out.column("extra").to_pylist()))
        assert got == dict(zip(table.column("id").to_pylist(), table.column("extra").to_pylist()))
        assert out.column("text").type == pa.string()


@pytest.mark.parametrize(
    "name,cls", [(n, c) for n, c in BATCH_OPS if issubclass(c, Filter)], ids=[n for n, c in BATCH_OPS if issubclass(c, Filter)]
)
def test_filters_annotate_mode_removes_nothing(name, cls):
    op = _build(name, cls, mode="annotate")
    op.ensure_setup()
    scored, keep, _ = op.apply(_batch(HOSTILE))
    assert keep is None and scored.num_rows == len(HOSTILE)
    new_cols = set(scored.column_names) - set(_batch(HOSTILE).column_names)
    assert new_cols, f"{name} writes no signal column in annotate mode"


def test_registry_names_match_classes():
    """The registry's YAML names (used before any operator module is imported) are the classes' names."""
    from operators import BUILTIN, load_operator

    for name, module, cls in BUILTIN:
        assert load_operator(module, cls).name == name
    assert len({name for name, _, _ in BUILTIN}) == len(BUILTIN)


@pytest.mark.parametrize("name,cls", OPS, ids=[n for n, _ in OPS])
def test_run_context_binds_and_close_is_idempotent(name, cls, tmp_path):
    """Every operator accepts the executor's RunContext and may be closed twice
    (close() runs at the end of a worker's life, also without setup())."""
    import pyarrow.fs as pafs

    from engine.operator import RunContext

    op = _build(name, cls)
    ctx = RunContext(
        run_id="r1", output_uri=str(tmp_path), output_dir=str(tmp_path), filesystem=pafs.LocalFileSystem()
    ).for_step(f"{name}_0", 0)
    op.bind(ctx)
    assert op.context is ctx and ctx.step_name == f"{name}_0" and ctx.step_index == 0
    assert ctx.product_dir("synthetic_log") == f"{tmp_path}/synthetic_log"
    op.close()
    op.close()
    with pytest.raises(Exception):
        ctx.run_id = "changed"  # frozen: workers all see the same run
