"""engine/runner.py without Ray: the filter base's score -> decide -> mark, the
mapper output check, setup(ctx)/teardown() once, the local chain runner (what
``corpusforge profile`` uses), and the exception tree of engine/errors.py."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from engine import columns as C
from engine import runner
from engine.errors import (
    AccountingError,
    ConfigError,
    CorpusforgeError,
    FatalError,
    FatalOperatorError,
    InputError,
    OperatorError,
)
from engine.operator import Decision, Filter, FilterParams, Mapper, OpParams, RunContext, Signal


class MinLen(Filter):
    """Test filter: removes texts shorter than min_len; writes a scratch column for decide."""

    name: ClassVar[str] = "min_len"

    class Params(FilterParams):
        min_len: int = 3

    signals: ClassVar[dict[str, Signal]] = {"len": Signal("characters", ("min_len",))}
    scratch_columns: ClassVar[tuple[str, ...]] = ("_why",)

    def __init__(self, params=None, **kw) -> None:
        super().__init__(params, **kw)
        self.events: list[str] = []

    def setup(self, ctx: RunContext | None) -> None:
        self.events.append(f"setup:{ctx.step_name if ctx else None}")

    def teardown(self) -> None:
        self.events.append("teardown")

    def score(self, table: pa.Table) -> pa.Table:
        n = pc.utf8_length(table.column("text"))
        table = C.put_column(table, "len", n)
        why = pc.if_else(
            pc.less(n, self.params.min_len), pa.scalar("too_short"), pa.scalar(None, pa.string())
        )
        return C.put_column(table, "_why", why)

    def decide(self, scored: pa.Table) -> Decision:
        reasons = scored.column("_why").to_pylist()
        return Decision(keep=np.array([r is None for r in reasons]), reasons=reasons)


class Upper(Mapper):
    """Test mapper: upper-cases text; with copies=True appends a copy of every row."""

    name: ClassVar[str] = "upper"

    class Params(OpParams):
        copies: bool = False
        mark: bool = True

    def transform(self, table: pa.Table) -> pa.Table:
        out = C.put_column(table, "text", pc.utf8_upper(table.column("text")))
        if not self.params.copies:
            return out
        extra = out
        if self.params.mark:
            extra = C.put_column(extra, C.GENERATED, pa.array(["x"] * extra.num_rows, pa.string()))
            out = C.put_column(out, C.GENERATED, pa.nulls(out.num_rows, pa.string()))
        return C.concat([out, extra])


def _batch(texts: list[str]) -> pa.Table:
    t = pa.table({"id": [f"d{i}" for i in range(len(texts))], "text": pa.array(texts, pa.string())})
    return C.add_engine_columns(t, "t.jsonl", 1)


def test_filter_process_marks_removals_and_drops_scratch_columns():
    op = runner.start(MinLen())
    out = runner.run_operator(op, _batch(["ab", "abcd", "", "xyz"]), "min_len_2")
    assert "_why" not in out.column_names and out.column("len").to_pylist() == [2, 4, 0, 3]
    assert out.column(C.REMOVED_BY).to_pylist() == ["min_len_2", None, "min_len_2", None]
    assert out.column(C.REASON).to_pylist() == ["too_short", None, "too_short", None]
    annotated = runner.run_operator(runner.start(MinLen(mode="annotate")), _batch(["ab", "abcd"]), "m")
    assert annotated.column(C.REMOVED_BY).null_count == 2 and "len" in annotated.column_names
    assert "_why" not in annotated.column_names


def test_judge_decides_in_annotate_mode_and_removes_nothing():
    op = runner.start(MinLen(mode="annotate"))
    j = op.judge(_batch(["ab", "abcd"]))
    assert j.keep.tolist() == [False, True] and j.reasons == ["too_short", None]
    assert j.scored.column(C.REMOVED_BY).null_count == 2 and "_why" not in j.scored.column_names
    empty = op.judge(_batch([]))
    assert empty.keep.shape == (0,) and empty.reasons == []


def test_a_filter_that_changes_the_row_count_is_an_accounting_error():
    class Bad(MinLen):
        def score(self, table):
            return super().score(table).slice(1)

    with pytest.raises(AccountingError, match="filter changed the row count"):
        runner.run_operator(Bad(), _batch(["abc", "abcd"]), "bad")


def test_a_decision_of_the_wrong_length_is_an_accounting_error():
    with pytest.raises(AccountingError):
        Decision(keep=[True], reasons=[None]).keep_mask(2)


def test_first_failing_takes_the_first_rule_and_skips_none():
    d = Decision.first_failing(
        4, [(np.array([0, 1, 1, 0], bool), "a"), (None, "never"), (np.array([1, 1, 0, 0], bool), "b")]
    )
    assert d.keep.tolist() == [False, False, False, True] and d.reasons == ["b", "a", "a", None]


def test_mapper_output_check():
    t = _batch(["a", "b"])
    out = runner.run_operator(Upper(copies=True), t, "upper_2")
    assert out.num_rows == 4 and out.column(C.GENERATED).to_pylist() == [None, None, "upper_2", "upper_2"]
    with pytest.raises(OperatorError, match="without marking them"):
        runner.run_operator(Upper(copies=True, mark=False), t, "upper")
    with pytest.raises(AccountingError, match="documents lost"):
        runner.check_mapper_output("upper", t, t.slice(1))
    with pytest.raises(TypeError, match="neither a Mapper nor a Filter"):
        runner.run_operator(object(), t, "x")  # type: ignore[arg-type]


def test_setup_once_with_the_context_and_teardown_by_the_runner(tmp_path):
    import pyarrow.fs as pafs

    ctx = RunContext("r", str(tmp_path), str(tmp_path), pafs.LocalFileSystem())
    a, b = MinLen(), MinLen(min_len=1)
    with runner.LocalRunner([("first", a), ("second", b)], ctx) as chain:
        assert a.context.step_name == "first" and b.context.step_index == 1
        runner.start(a)  # idempotent
        out = chain.run(_batch(["ab", "abcd", ""]))
    assert a.events == ["setup:first", "teardown"] and b.events == ["setup:second", "teardown"]
    assert out.num_rows == 3 and sorted(out.column(C.REASON).to_pylist(), key=str) == [
        None,
        "too_short",
        "too_short",
    ]
    c = chain.counts
    assert (c["first"].docs_in, c["first"].docs_out, c["second"].docs_in, c["second"].docs_out) == (
        3,
        1,
        1,
        1,
    )
    assert dict(c["first"].removed) == {"too_short": 2} and c["first"].bytes_in == 6


def test_old_contract_operators_still_run():
    """An operator written before setup(ctx)/teardown(): setup(self) and close()."""
    calls = []

    class Old(Upper):
        def setup(self):  # type: ignore[override]
            calls.append("setup")

        def close(self):
            calls.append("close")

    op = runner.start(Old())
    runner.run_operator(op, _batch(["a"]), "old")
    runner.finish(op)
    assert calls == ["setup", "close"]


def test_dry_run_counts_decisions_and_failures_without_removing():
    class Boom(Upper):
        def transform(self, table):
            raise ValueError("no")

    chain = runner.LocalRunner([("len", MinLen()), ("boom", Boom())], dry_run=True)
    out = chain.run(_batch(["ab", "abcd"]))
    assert out.column(C.REMOVED_BY).null_count == 2 and out.column("text").to_pylist() == ["ab", "abcd"]
    assert dict(chain.counts["len"].removed) == {"too_short": 1} and chain.counts["boom"].errors == 2
    with pytest.raises(ValueError):
        runner.LocalRunner([("boom", Boom())]).run(_batch(["a"]))


def test_one_exception_tree_with_the_old_names():
    from engine.accounting import AccountingError as OldAccounting
    from engine.config import ConfigError as OldConfig
    from engine.deadline import OperatorTimeout
    from engine.operator import FatalOperatorError as OldFatal
    from engine.output_dir import OutputDirError
    from engine.step_runner import OperatorFailed, WorkerDied
    from operators._fasttext import ModelLoadError
    from operators.pii.actions import MissingKeyError
    from operators.pii.analyzer import MissingModelError
    from operators.pii.operator import PiiAnalysisError
    from operators.synthetic._llm_client import LlmFatalError

    assert (OldAccounting, OldConfig, OldFatal) == (AccountingError, ConfigError, FatalOperatorError)
    for cls in (OutputDirError, ModelLoadError, MissingKeyError, MissingModelError, InputError):
        assert issubclass(cls, ConfigError) and issubclass(cls, ValueError)
    for cls in (PiiAnalysisError, WorkerDied):
        assert issubclass(cls, OperatorError) and not issubclass(cls, FatalError)
    for cls in (LlmFatalError, OperatorFailed, AccountingError):
        assert issubclass(cls, FatalOperatorError) and issubclass(cls, FatalError)
    for cls in (ConfigError, OperatorError, FatalError):
        assert issubclass(cls, CorpusforgeError)
    assert not issubclass(OperatorTimeout, Exception)  # never swallowed by an operator's except Exception
