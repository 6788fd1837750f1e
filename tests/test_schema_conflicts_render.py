"""A column that is ``int64`` in one input file, ``double`` in a second and ``string`` in a third is
text in the output, and each value's text must not depend on how Ray Data bundled the blocks: where
the ``int64`` block meets the ``double`` one first, Arrow promotes it to ``double`` before it meets the
text, so ``1`` was written ``1.0`` in one run and ``1`` in another. Numbers are written by their value
(engine/columns.py ``text_value``): an integral float as the integer. Unit tests of every place blocks
meet (no Ray), then whole runs over several bundlings: one read task and one per file, a step
``batch_size`` that joins blocks and none, the files in another order, Parquet and JSONL output."""

from __future__ import annotations

import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine import columns as C
from engine.executor import run_config

TEXT = "an ordinary sentence with enough words in it to be kept by the filter"
INTS = pa.table({"id": ["a0", "a1", "a2"], "meta": [1, 2, 10**15]})
FLOATS = pa.table({"id": ["b0", "b1", "b2"], "meta": [1.5, 2.0, -0.0]})
TEXTS = pa.table({"id": ["c0", "c1"], "meta": ["x", "1.0"]})
EXPECTED = {
    "a0": "1",
    "a1": "2",
    "a2": str(10**15),  # exact as a double too (beyond 2**53 Arrow's promotion rounds)
    "b0": "1.5",
    "b1": "2",
    "b2": "0",
    "c0": "x",
    "c1": "1.0",  # a string stays as it was written
}


def _by_id(table: pa.Table) -> dict[str, str]:
    return dict(zip(table.column("id").to_pylist(), table.column("meta").to_pylist()))


def test_numbers_are_written_by_value_not_by_type():
    assert C.text_value(1) == C.text_value(1.0) == "1"
    assert C.text_value(2.5) == "2.5" and C.text_value(-0.0) == "0" and C.text_value(1e300) == "1e+300"
    assert C.text_value(float("nan")) == "NaN" and C.text_value(True) == "true"
    assert C.text_value([1.0, 2.5, {"k": 3.0}]) == C.text_value([1, 2.5, {"k": 3}]) == '[1, 2.5, {"k": 3}]'
    promoted = pa.array([1, 2, 2**53], pa.int64()).cast(pa.float64())
    assert C.as_text(promoted).to_pylist() == C.as_text(pa.array([1, 2, 2**53])).to_pylist()
    nested = pa.array([[1, 2]], pa.list_(pa.int64()))
    assert C.as_text(nested.cast(pa.list_(pa.float64()))).to_pylist() == C.as_text(nested).to_pylist()


@pytest.mark.parametrize(
    "order",
    [
        [INTS, FLOATS, TEXTS],  # int64 and double meet first: promoted to double, then text
        [TEXTS, INTS, FLOATS],  # each meets the text first
        [FLOATS, TEXTS, INTS],
    ],
)
def test_concat_in_any_order_writes_the_same_text(order):
    pairwise = C.concat([C.concat(order[:2]), order[2]])
    assert _by_id(pairwise) == EXPECTED
    assert _by_id(C.concat(order)) == EXPECTED


def test_ray_concat_in_any_order_writes_the_same_text():
    pytest.importorskip("ray.data")
    from ray.data._internal.arrow_ops import transform_pyarrow

    assert C.install_tolerant_concat()
    concat = transform_pyarrow.concat
    first = concat([concat([INTS, FLOATS], promote_types=True), TEXTS], promote_types=True)
    second = concat([concat([TEXTS, INTS], promote_types=True), FLOATS], promote_types=True)
    assert _by_id(first) == _by_id(second) == EXPECTED


# ------------------------------------------------------------------ whole runs on Ray
def _write_inputs(folder, names: tuple[str, str, str]) -> None:
    """The int, float and text files under ``names`` (their order decides the read order)."""
    folder.mkdir()
    for name, table in zip(names, (INTS, FLOATS, TEXTS)):
        rows = [{"id": r["id"], "text": TEXT, "meta": r["meta"]} for r in table.to_pylist()]
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows))


def _meta_by_id(out, fmt: str) -> dict[str, object]:
    """``meta`` by id over data/ and removed/ (the removal trace, always Parquet)."""
    got = {}
    if (out / "removed").exists() and list((out / "removed").glob("*.parquet")):
        removed = pq.read_table(out / "removed", columns=["id", "meta"])
        assert removed.schema.field("meta").type == pa.string()
        got.update(_by_id(removed))
    if fmt == "parquet":
        data = pq.read_table(out / "data", columns=["id", "meta"])
        assert data.schema.field("meta").type == pa.string()
        return {**got, **_by_id(data)}
    rows = [json.loads(line) for p in (out / "data").glob("*.jsonl.gz") for line in gzip.open(p, "rt")]
    return {**got, **{r["id"]: r["meta"] for r in rows}}


BUNDLINGS = {
    # name: (one read task per file, step batch_size, input file names in read order, a global stage)
    "one_task": (False, None, ("a.jsonl", "b.jsonl", "c.jsonl"), False),
    "per_file_joined": (True, 64, ("a.jsonl", "b.jsonl", "c.jsonl"), False),
    "per_file_apart": (True, None, ("a.jsonl", "b.jsonl", "c.jsonl"), False),
    "text_first_joined": (True, 64, ("c.jsonl", "b.jsonl", "a.jsonl"), False),
    "float_first_one_task": (False, 64, ("b.jsonl", "c.jsonl", "a.jsonl"), False),
    # exact_dedup: every document but one removed (one text), through the stage's materialized input
    "global_stage": (True, None, ("b.jsonl", "a.jsonl", "c.jsonl"), True),
}


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
@pytest.mark.parametrize("bundling", sorted(BUNDLINGS))
def test_text_of_each_value_is_the_same_in_every_bundling(ray_session, tmp_path, monkeypatch, bundling, fmt):
    per_file, batch_size, names, stage = BUNDLINGS[bundling]
    if per_file:
        monkeypatch.setenv("CORPUSFORGE_SMALL_INPUT", "0")
    else:
        monkeypatch.delenv("CORPUSFORGE_SMALL_INPUT", raising=False)
    _write_inputs(tmp_path / "in", names)
    step = {"op": "length_filter", "min_words": 1}
    if batch_size:
        step["resources"] = {"batch_size": batch_size}
    report = run_config(
        {
            "name": "schema_render",
            "input": {"paths": [str(tmp_path / "in")], "format": "jsonl"},
            "output": {"path": str(tmp_path / "out"), "format": fmt, "overwrite": True},
            "execution": {"progress": False},
            "pipeline": [step, {"op": "exact_dedup"}] if stage else [step],
        }
    )
    assert report["output_docs"] + report["removed_docs"] == len(EXPECTED)
    assert report["output_docs"] == (1 if stage else len(EXPECTED))
    assert report["columns_as_text"] == {"meta": ["double", "int64", "string"]}
    assert _meta_by_id(tmp_path / "out", fmt) == EXPECTED
