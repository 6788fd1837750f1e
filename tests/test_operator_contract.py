"""The contract every registered operator keeps (see engine/operator.py), run
through engine/runner.py: defaults build, unknown keys are rejected, an empty
batch works, a hostile batch does not raise, rows are neither lost nor
invented, other columns pass through untouched, the columns written are
declared, declared thresholds are real parameters, setup(ctx) and teardown()."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from pydantic import ValidationError

from engine import columns as C
from engine import runner
from engine.config import operator_table
from engine.operator import Filter, GlobalStage, Mapper, RunContext, Signal

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = {
    "quality_classifier": {"model_path": str(ROOT / "data" / "models" / "sample_quality.bin")},
    "llm_generate": {
        "base_url": "http://127.0.0.1:9/v1",
        "model": "test",
        "prompt": "Paraphrase: {{ text }}",
    },
    "content_filter": {
        "lexicons": [{"path": str(ROOT / "data" / "safety_sample" / "lexicon_en.txt"), "category": "sample"}]
    },
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


def _removed(out: pa.Table) -> list[str]:
    return [
        i for i, r in zip(out.column("id").to_pylist(), out.column(C.REMOVED_BY).to_pylist()) if r is not None
    ]


@pytest.mark.parametrize("name,cls", BATCH_OPS, ids=[n for n, _ in BATCH_OPS])
def test_empty_and_hostile_batches(name, cls):
    """Through the engine's runner (engine/runner.py): kept + removed = input, a reason
    for every removed row, other columns untouched."""
    op = runner.start(_build(name, cls))
    empty = _batch([]).slice(0, 0)
    for table in (empty, _batch(HOSTILE)):
        out = runner.run_operator(op, table, name)
        if isinstance(op, Filter):
            assert out.num_rows == table.num_rows
            judged = op.judge(table)
            assert judged.keep.shape == (table.num_rows,) and len(judged.reasons) == table.num_rows
            assert all((r is None) == k for r, k in zip(judged.reasons, judged.keep)), (
                "a reason for every removed row"
            )
            reasons = out.column(C.REASON).to_pylist()
            assert all(
                (r is None) == (by is None) for r, by in zip(reasons, out.column(C.REMOVED_BY).to_pylist())
            )
            assert set(_removed(out)) == {
                i for i, k in zip(table.column("id").to_pylist(), judged.keep) if not k
            }
            assert not set(op.scratch_columns) & set(out.column_names), "scratch columns are dropped"
        else:
            assert isinstance(op, Mapper)
            if C.GENERATED in out.column_names:
                out = out.filter(pa.compute.is_null(out.column(C.GENERATED)))
            assert out.num_rows == table.num_rows
        assert sorted(out.column("id").to_pylist()) == sorted(table.column("id").to_pylist())
        got = dict(zip(out.column("id").to_pylist(), out.column("extra").to_pylist()))
        assert got == dict(zip(table.column("id").to_pylist(), table.column("extra").to_pylist()))
        assert out.column("text").type == pa.string()
    runner.finish(op, name)


@pytest.mark.parametrize(
    "name,cls",
    [(n, c) for n, c in BATCH_OPS if issubclass(c, Filter)],
    ids=[n for n, c in BATCH_OPS if issubclass(c, Filter)],
)
def test_filters_annotate_mode_removes_nothing(name, cls):
    op = runner.start(_build(name, cls, mode="annotate"))
    table = _batch(HOSTILE)
    out = runner.run_operator(op, table, name)
    assert out.num_rows == len(HOSTILE) and _removed(out) == []
    new_cols = set(out.column_names) - set(table.column_names)
    assert new_cols, f"{name} writes no signal column in annotate mode"
    declared = op.columns()
    assert all(any(_matches(t, c) for t in declared) for c in new_cols), f"{name}: undeclared columns"


def _matches(template: str, column: str) -> bool:
    from engine.report_summary import _template_match

    return _template_match(template, column) is not None


@pytest.mark.parametrize("name,cls", OPS, ids=[n for n, _ in OPS])
def test_signal_declarations_name_real_parameters(name, cls):
    """Every threshold a signal declares is a parameter of the operator (``[{n}]``: a mapping one)."""
    fields = cls.Params.model_fields
    for column, signal in cls.signals.items():
        assert isinstance(signal, Signal) and signal.meaning, f"{name}.{column}: a signal needs a meaning"
        for param in signal.thresholds:
            assert param.split("[", 1)[0] in fields, f"{name}.{column}: unknown threshold parameter {param}"
    if issubclass(cls, Filter):
        assert cls.columns(), f"{name}: a filter declares the columns it writes"


#: The table engine/report_summary.py hard-coded before operators declared their signals:
#: the declarations must give the report exactly the same thresholds.
OLD_KNOWN_THRESHOLDS = {
    "length_filter": {"n_chars": ["min_chars", "max_chars"], "n_words": ["min_words", "max_words"]},
    "language_id": {"lang_score": ["min_score"]},
    "quality_classifier": {"quality_score": ["min_score"]},
    "gopher_quality": {
        "gopher_word_count": ["min_doc_words", "max_doc_words"],
        "gopher_mean_word_length": ["min_avg_word_length", "max_avg_word_length"],
        "gopher_hash_ratio": ["max_symbol_word_ratio"],
        "gopher_ellipsis_ratio": ["max_symbol_word_ratio"],
        "gopher_bullet_lines_ratio": ["max_bullet_lines_ratio"],
        "gopher_ellipsis_lines_ratio": ["max_ellipsis_lines_ratio"],
        "gopher_alpha_words_ratio": ["min_alpha_words_ratio"],
        "gopher_stop_words": ["min_stop_words"],
    },
    "gopher_repetition": {
        "gopher_dup_line_frac": ["dup_line_frac"],
        "gopher_dup_para_frac": ["dup_para_frac"],
        "gopher_dup_line_char_frac": ["dup_line_char_frac"],
        "gopher_dup_para_char_frac": ["dup_para_char_frac"],
        "gopher_top_{n}_gram_frac": ["top_n_grams[{n}]"],
        "gopher_dup_{n}_gram_frac": ["dup_n_grams[{n}]"],
    },
    "fineweb_quality": {
        "fineweb_line_punct_ratio": ["line_punct_thr"],
        "fineweb_short_line_ratio": ["short_line_thr"],
        "fineweb_char_dup_ratio": ["char_duplicates_ratio"],
        "fineweb_newline_ratio": ["new_line_ratio"],
    },
    "c4_quality": {"c4_sentences": ["min_num_sentences"]},
}


def test_declared_thresholds_equal_the_former_table():
    for name, cls in OPS:
        assert cls.signal_thresholds() == OLD_KNOWN_THRESHOLDS.get(name, {}), name


def test_profile_defaults_and_card_topics_are_declared():
    from engine.profile import default_filters

    assert default_filters() == [
        "length_filter",
        "language_id",
        "gopher_quality",
        "gopher_repetition",
        "fineweb_quality",
    ]
    topics = {name: set(cls.card_topics) for name, cls in OPS if cls.card_topics}
    assert topics == {
        "language_id": {"language_id"},
        "exact_dedup": {"dedup"},
        "minhash_dedup": {"dedup", "near_dedup"},
        "pii_redact": {"pii"},
        "gopher_quality": {"heuristic_filters"},
        "gopher_repetition": {"heuristic_filters"},
        "c4_quality": {"heuristic_filters"},
        "fineweb_quality": {"heuristic_filters"},
    }


def test_registry_names_match_classes():
    """The registry's YAML names (used before any operator module is imported) are the classes' names."""
    from operators import BUILTIN, load_operator

    for name, module, cls in BUILTIN:
        assert load_operator(module, cls).name == name
    assert len({name for name, _, _ in BUILTIN}) == len(BUILTIN)


@pytest.mark.parametrize("name,cls", OPS, ids=[n for n, _ in OPS])
def test_setup_gets_the_run_context_and_teardown_is_idempotent(name, cls, tmp_path):
    """Every operator takes the engine's RunContext in setup(ctx) and may be torn down
    twice (teardown() runs at the end of a worker's life, also without setup())."""
    import pyarrow.fs as pafs

    op = _build(name, cls)
    ctx = RunContext(
        run_id="r1",
        output_uri=str(tmp_path),
        output_dir=str(tmp_path),
        filesystem=pafs.LocalFileSystem(),
        scratch_dir=str(tmp_path / "scratch"),
    ).for_step(f"{name}_0", 0, "cpu")
    runner.finish(op, name)  # before setup: nothing to release
    if not issubclass(cls, GlobalStage):
        runner.start(op, ctx)
        assert op.context is ctx and op._ready
    assert ctx.step_name == f"{name}_0" and ctx.step_index == 0 and ctx.device == "cpu"
    assert ctx.product_dir("synthetic_log") == f"{tmp_path}/synthetic_log"
    assert ctx.step_scratch() == str(tmp_path / "scratch" / "corpusforge-r1" / f"{name}_0")
    runner.finish(op, name)
    runner.finish(op, name)
    with pytest.raises(Exception):
        ctx.run_id = "changed"  # frozen: workers all see the same run
