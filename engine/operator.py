"""The operator contract: what every pipeline step is, and nothing about Ray.

An operator is one class with:

* ``name`` - its YAML name (``op: normalize_text``);
* ``Params`` - a pydantic model with ``extra="forbid"`` holding its parameters
  and their defaults (a typo in YAML is a config error, not a silent default);
* ``resources`` - default :class:`Resources` (users override per step with a
  ``resources:`` mapping in YAML);
* ``signals`` and ``output_columns`` - the columns it writes, with their
  meaning; a :class:`Signal` also names the parameters that threshold it (the
  report draws them on the signal's histogram, ``explain`` quotes them);
* ``card_topics`` - what the dataset card may say the step did (``language_id``,
  ``dedup``, ``near_dedup``, ``pii``, ``heuristic_filters``: engine/card.py);
* ``profile_default`` - ``corpusforge profile`` runs it when given no config;
* optional ``setup(ctx)`` for expensive state (a model, an analyzer). Operators
  that define ``setup`` run as a Ray actor pool and load it once per actor;
* optional ``teardown()`` to release it (connections, threads): the engine
  calls it once at the end of the operator's life in a worker, also when
  ``setup`` never ran.

``setup(ctx)`` receives the :class:`RunContext`: the run id, the step's name and
index, the device the engine resolved for it (``cpu`` or ``cuda``), a local
scratch folder, and where the run's output is and how to write there, so an
operator can put a product of its own in the output directory
(``augment_text`` and ``llm_generate`` write their technical log to
``OUT/synthetic_log/``). It stays available as ``op.context``; operators used
without the engine (unit tests) have ``context = None``.

Three kinds:

* :class:`Mapper` - ``transform(table) -> table``; may change ``text`` or add
  columns. A mapper that creates new documents (augmentation) marks them with
  the ``_cf_generated`` column so the accounting identity stays exact.
* :class:`Filter` - ``score(table)`` computes signal columns, ``decide()`` turns
  them into a keep mask and a reason per removed row. The base class does the
  rest (:meth:`Filter.process`): it checks the rows, drops the scratch columns
  ``decide`` read, and marks the removed rows; ``mode: annotate`` writes the
  signals and removes nothing.
* :class:`GlobalStage` - a whole-corpus step (deduplication): a small
  multi-phase plan over a ``ray.data.Dataset`` with a work directory.

Operators see only *live* rows (not yet removed or quarantined); the executor
carries removed rows alongside so every input document is accounted for.
engine/runner.py runs one operator on one batch (the Ray adapter, ``profile``
and tests all go through it).
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal

import numpy as np
import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field

from engine.errors import AccountingError, FatalOperatorError  # noqa: F401 - FatalOperatorError: old import path


class Resources(BaseModel):
    """Ray resources for one step. ``concurrency`` is the actor-pool size for
    stateful operators and the maximum number of parallel tasks otherwise.
    ``batch_size`` is rows per call; ``None`` means one whole input block."""

    model_config = ConfigDict(extra="forbid")

    num_cpus: float = Field(1.0, gt=0)
    num_gpus: float = Field(0.0, ge=0)
    concurrency: int | None = Field(None, ge=1)
    batch_size: int | None = Field(None, ge=1)
    custom: dict[str, float] = Field(
        default_factory=dict,
        description="custom Ray resources required per worker, e.g. {accelerator: 1}",
    )


class OpParams(BaseModel):
    """Base of every operator's parameter model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


class FilterParams(OpParams):
    """Parameters common to every filter."""

    mode: Literal["filter", "annotate"] = Field(
        "filter",
        description="filter: remove failing documents; annotate: only write the signal columns",
    )


@dataclass(frozen=True)
class Signal:
    """A signal column an operator writes: what it measures and the parameters
    that threshold it. A column name may hold ``{n}`` (``gopher_top_{n}_gram_frac``),
    and a parameter ``[{n}]`` (``top_n_grams[{n}]``: that key of a mapping parameter)."""

    meaning: str
    thresholds: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunContext:
    """What an operator knows about its run: set by the engine, the same in
    every worker (it is pickled with the step), passed to ``setup(ctx)``.

    ``filesystem`` is the output's pyarrow filesystem (local, or S3 with the
    endpoint and region of ``storage:``; credentials are never pickled, each
    worker takes them from its own environment) and ``output_dir`` the output
    directory's path on it; ``output_uri`` is how the user wrote it (absolute
    path or ``s3://``). ``device`` is what the engine resolved for this step
    (``cpu`` or ``cuda``: an operator with a ``device: auto`` parameter reads it
    here, never probes itself). ``scratch_dir`` is a local folder for temporary
    files (``storage.scratch_dir`` or the system's temporary folder):
    :meth:`step_scratch` gives the step its own folder under it.
    """

    run_id: str
    output_uri: str
    output_dir: str
    filesystem: Any  # pyarrow.fs.FileSystem (Any: no pyarrow.fs import in the contract)
    step_name: str = ""
    step_index: int = -1
    device: str = "cpu"
    scratch_dir: str | None = None

    def for_step(self, step_name: str, step_index: int, device: str = "cpu") -> RunContext:
        """The same run seen from one step."""
        return replace(self, step_name=step_name, step_index=step_index, device=device)

    def product_dir(self, name: str) -> str:
        """Path (on ``filesystem``) of a product directory in the output, e.g. ``synthetic_log``."""
        return posixpath.join(self.output_dir, name)

    def step_scratch(self) -> str:
        """This step's local scratch folder (created; the operator removes what it
        leaves there in ``teardown()``)."""
        import tempfile

        base = self.scratch_dir or tempfile.gettempdir()
        path = os.path.join(base, f"corpusforge-{self.run_id}", self.step_name or "step")
        os.makedirs(path, exist_ok=True)
        return path


class Operator:
    """Base of all operators. Subclasses set ``name``, ``Params`` and docs."""

    name: ClassVar[str] = ""
    kind: ClassVar[str] = ""
    Params: ClassVar[type[OpParams]] = OpParams
    resources: ClassVar[Resources] = Resources()
    #: Signal columns this operator writes: meaning and the parameters that threshold them.
    signals: ClassVar[dict[str, Signal]] = {}
    #: Other columns this operator writes, with a one-line meaning (for the data dictionary).
    output_columns: ClassVar[dict[str, str]] = {}
    #: What the dataset card may say this step did (engine/card.py names the topics).
    card_topics: ClassVar[frozenset[str]] = frozenset()
    #: Run by ``corpusforge profile`` when it is given no config (needs no file of the user's).
    profile_default: ClassVar[bool] = False

    def __init__(self, params: OpParams | None = None, **kwargs: Any) -> None:
        if params is None:
            params = self.Params(**kwargs)
        elif kwargs:
            raise TypeError("pass either a Params instance or keyword parameters, not both")
        self.params = params
        self._ready = False
        #: The run this operator is part of; given to ``setup()`` by the engine.
        self.context: RunContext | None = None

    # -- declarations ----------------------------------------------------------
    @classmethod
    def columns(cls) -> dict[str, str]:
        """Every column this operator writes, with its meaning (signals first)."""
        return {**{c: s.meaning for c, s in cls.signals.items()}, **cls.output_columns}

    @classmethod
    def signal_thresholds(cls) -> dict[str, list[str]]:
        """Signal column -> the parameters that threshold it (only thresholded signals)."""
        return {c: list(s.thresholds) for c, s in cls.signals.items() if s.thresholds}

    # -- lifecycle -----------------------------------------------------------
    @classmethod
    def is_stateful(cls) -> bool:
        """True when the operator has expensive setup and needs an actor pool."""
        return cls.setup is not Operator.setup

    def setup(self, ctx: RunContext | None) -> None:
        """Load expensive state (models). Called once per worker/actor, before any batch;
        ``ctx`` is ``None`` outside the engine (unit tests)."""

    def ensure_setup(self, ctx: RunContext | None = None) -> None:
        """Bind ``ctx`` and run ``setup`` once (the engine's runner calls this; so may tests)."""
        if ctx is not None:
            self.context = ctx
        if not self._ready:
            if _takes_context(type(self).setup):
                self.setup(self.context)
            else:  # an operator written for the earlier contract: setup(self), context in op.context
                self.setup()  # type: ignore[call-arg]
            self._ready = True

    def teardown(self) -> None:
        """Release what ``setup()`` or processing acquired (connections, threads, files).
        Called once at the end of the operator's life in a worker, also without ``setup()``;
        must be idempotent."""

    def close(self) -> None:
        """The old name of :meth:`teardown` (kept for callers of the earlier contract; an
        operator that still overrides ``close`` instead of ``teardown`` is closed through it)."""
        self.teardown()

    def end(self) -> None:
        """What the engine calls at the end of the operator's life: ``teardown()``, or the
        ``close()`` of an operator written for the earlier contract."""
        if type(self).close is not Operator.close:
            self.close()
        else:
            self.teardown()

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


def _takes_context(setup: Any) -> bool:
    """True when ``setup`` accepts the run context (``setup(self, ctx)``)."""
    import inspect

    try:
        return len(inspect.signature(setup).parameters) >= 2
    except (TypeError, ValueError):
        return True


class Mapper(Operator):
    """Changes documents or adds columns; never removes rows."""

    kind: ClassVar[str] = "mapper"

    def transform(self, table: pa.Table) -> pa.Table:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class Decision:
    """A filter's verdict on a batch: ``keep[i]`` and, for removed rows, ``reasons[i]``."""

    keep: Any  # numpy bool array or pa.BooleanArray, one value per row
    reasons: list[str | None] | pa.Array  # reason per row, None where kept
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def first_failing(cls, n: int, checks: list[tuple[Any, str]]) -> Decision:
        """Keep mask and reason per row from ``(failed mask, reason)`` rules: a row's
        reason is its first failing rule in ``checks`` order (``None`` masks are skipped)."""
        reasons = np.full(n, None, dtype=object)
        for failed, reason in reversed(checks):
            if failed is not None:
                reasons[np.asarray(failed, dtype=bool)] = reason
        return cls(keep=np.equal(reasons, None), reasons=list(reasons))

    def keep_mask(self, n: int) -> np.ndarray:
        """``keep`` as a numpy bool array of ``n`` values."""
        keep = self.keep
        if isinstance(keep, (pa.Array, pa.ChunkedArray)):
            keep = keep.to_numpy(zero_copy_only=False)
        keep = np.asarray(keep, dtype=bool)
        if keep.shape != (n,):
            raise AccountingError(f"a filter decided on {keep.shape[0] if keep.ndim else 0} rows of {n}")
        return keep

    def reason_list(self) -> list[str | None]:
        """``reasons`` as a Python list."""
        r = self.reasons
        return r.to_pylist() if isinstance(r, (pa.Array, pa.ChunkedArray)) else list(r)


@dataclass
class Judgement:
    """A filter's scored batch and its decision (also in ``mode: annotate``, where
    nothing is removed): what ``corpusforge profile`` counts as ``would_remove``."""

    scored: pa.Table
    keep: np.ndarray  # bool, one per row
    reasons: list[str | None]  # None where kept


class Filter(Operator):
    """Score first, decide later.

    Subclasses implement :meth:`score` (returns the batch with signal columns
    added, and may also rewrite ``text`` when the published rule does so, as
    C4 line removal does) and :meth:`decide` (keep mask + reason per row).
    Columns that ``score`` writes only for ``decide`` are named in
    ``scratch_columns``; the base drops them. The base owns the rest: the row
    check, annotate mode and marking the removed rows (:meth:`process`).
    """

    kind: ClassVar[str] = "filter"
    Params: ClassVar[type[OpParams]] = FilterParams
    #: Columns ``score`` writes for ``decide`` only: dropped before the batch moves on.
    scratch_columns: ClassVar[tuple[str, ...]] = ()

    def score(self, table: pa.Table) -> pa.Table:  # pragma: no cover - abstract
        raise NotImplementedError

    def decide(self, scored: pa.Table) -> Decision:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def annotate_only(self) -> bool:
        return getattr(self.params, "mode", "filter") == "annotate"

    def _scored(self, table: pa.Table, step: str) -> pa.Table:
        scored = self.score(table)
        if scored.num_rows != table.num_rows:
            raise AccountingError(
                f"step '{step}': filter changed the row count ({table.num_rows} -> {scored.num_rows})"
            )
        return scored

    def _drop_scratch(self, scored: pa.Table) -> pa.Table:
        drop = [c for c in self.scratch_columns if c in scored.column_names]
        return scored.drop_columns(drop) if drop else scored

    def process(self, table: pa.Table, step: str) -> pa.Table:
        """Score, decide and mark: the batch with its signal columns, rows that fail
        marked removed by ``step`` with their reason (none in annotate mode)."""
        from engine.columns import mark_removed

        scored = self._scored(table, step)
        if self.annotate_only or scored.num_rows == 0:
            return self._drop_scratch(scored)
        decision = self.decide(scored)
        return mark_removed(self._drop_scratch(scored), decision.keep, decision.reasons, step)

    def judge(self, table: pa.Table, step: str = "") -> Judgement:
        """Score and decide, removing nothing (also in annotate mode)."""
        scored = self._scored(table, step or self.name)
        n = scored.num_rows
        if n == 0:
            return Judgement(self._drop_scratch(scored), np.ones(0, dtype=bool), [])
        decision = self.decide(scored)
        return Judgement(self._drop_scratch(scored), decision.keep_mask(n), decision.reason_list())


def _stage_runtime() -> Any:
    from engine.stage_runtime import StageRuntime  # Ray is imported there, lazily, and nowhere in operators

    return StageRuntime()


@dataclass
class StageContext:
    """What a global stage gets from the executor.

    ``runtime`` (engine/stage_runtime.py) is the stage's only door to Ray:
    datasets from Parquet or items, executions (counted and timed for the stage
    report), one-task calls and the device policy. ``device`` is the device the
    engine resolved for the stage's ``device`` parameter (``None`` when the stage
    is run without the engine: it then asks ``runtime.device``)."""

    step_name: str
    work_dir: str  # a fresh directory for this stage's intermediates
    num_cpus: float  # CPUs in the cluster, for sizing shuffles
    seed: int = 0
    report: dict[str, Any] = field(default_factory=dict)  # stage-specific figures for the report
    # sizes of the stage input, from the engine's pass over it (None when unknown):
    # stages size their shuffles from these instead of executing the dataset to ask Ray
    input_rows: int | None = None
    input_live_rows: int | None = None
    input_bytes: int | None = None  # in-memory (Arrow) bytes of all rows
    input_blocks: int | None = None  # blocks of the stage input
    input_schema: pa.Schema | None = None  # the input's unified schema (saves an execution to ask Ray)
    # the Parquet files of a materialized input on a local filesystem (None otherwise): a stage's
    # single-task path reads them with pyarrow instead of running an execution over the dataset
    input_paths: list[str] | None = None
    # before that pass: an estimate of input_bytes (from the input files), for what the
    # stage's prepare() must size before the pass
    estimated_input_bytes: int | None = None
    # counters summed over the blocks of the stage's prepare() function when the engine
    # ran it fused with its pass over the input (None: it did not, the stage runs it itself)
    prepared: dict[str, int] | None = None
    device: str | None = None
    runtime: Any = field(default_factory=_stage_runtime)  # engine.stage_runtime.StageRuntime
    # releases (engine/release.py): where a dedup stage writes its index of kept documents
    # (a local directory; None: no index), the earlier releases' indexes it deduplicates
    # against ({path, version, index, meta}), and the storage options to read them
    index_dir: str | None = None
    against: list[dict[str, Any]] = field(default_factory=list)
    storage: Any = None


@dataclass
class StageReport:
    """What a global stage did, for the run report: documents and bytes in and
    out (live documents, UTF-8 text bytes: the report's ``docs_*``/``bytes_*``
    of the step), how its input was obtained
    (``raw``: read from the input files, no copy; ``materialized``: written to
    Parquet once; ``reused``: the copy of an interrupted run), the wall seconds
    of each phase, the Ray executions it ran, and the stage's own figures."""

    docs_in: int = 0
    rows_in: int = 0
    bytes_in: int = 0
    docs_out: int = 0
    bytes_out: int = 0
    input: str = "materialized"
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)
    executions: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The report's ``stage`` entry: the stage's own figures (deterministic: a
        resumed run reports what an uninterrupted one does)."""
        return dict(self.details)

    def execution(self) -> dict[str, Any]:
        """The report's ``execution`` entry: how the input was obtained, wall seconds
        of the stage and of each phase, and its Ray executions (label, seconds)."""
        return {
            "input": self.input,
            "seconds": self.seconds,
            "phases": dict(self.phases),
            "executions": len(self.executions),
            "execution_seconds": [dict(e) for e in self.executions],
        }


class GlobalStage(Operator):
    """A whole-corpus step run as an explicit multi-phase plan.

    ``run`` receives a Ray dataset of the stage input holding *all* rows, live
    and removed, with the engine's ``_cf_*`` columns: the input files read again
    when the stage is the first step (nothing upstream changes them), else the
    output of the upstream steps written once to Parquet by the executor (so they
    never run twice). It returns a dataset with the same rows, where rows it
    removes have ``_cf_removed_by`` set to ``ctx.step_name`` and ``_cf_reason``
    set (use :func:`engine.columns.mark_removed`). It must never collect the
    corpus on the driver, and reaches Ray only through ``ctx.runtime``.

    ``prepare(ctx)`` may return the stage's first phase as a function of one
    block (all rows; the stage selects the live ones) that writes its
    intermediates under ``ctx.work_dir`` and returns a dict of integer
    counters. The executor runs it in the same pass that reads (and, when
    needed, materializes) the input, so the input is read once for both, and
    sets ``ctx.prepared`` to the summed counters; ``run`` must then not run it
    again (when ``ctx.prepared`` is None, ``run`` runs it itself).
    """

    kind: ClassVar[str] = "global"

    def prepare(self, ctx: StageContext) -> Any:
        """The first phase as ``fn(block: pa.Table) -> dict[str, int]`` (picklable), or None."""
        return None

    def copy_small_input(self, estimated_bytes: int | None) -> bool:
        """As the first step, have the engine's pass keep an uncompressed local copy of
        the input (Arrow IPC, read back memory-mapped by ``run`` and the final stream, and
        given to the stage as ``ctx.input_paths``: engine/stages.py) instead of reading the
        input files again. For small inputs where the stage would otherwise read them more
        than once more. After upstream steps, a small materialized input is written so too."""
        return False

    def run(self, ds: Any, ctx: StageContext) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError
