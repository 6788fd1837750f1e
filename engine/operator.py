"""The operator contract: what every pipeline step is, and nothing about Ray.

An operator is one class with:

* ``name`` - its YAML name (``op: normalize_text``);
* ``Params`` - a pydantic model with ``extra="forbid"`` holding its parameters
  and their defaults (a typo in YAML is a config error, not a silent default);
* ``resources`` - default :class:`Resources` (users override per step with a
  ``resources:`` mapping in YAML);
* optional ``setup()`` for expensive state (a model, an analyzer). Operators
  that define ``setup`` run as a Ray actor pool and load it once per actor;
* optional ``close()`` to release it (connections, threads): the executor calls
  it when a pool actor ends (Ray Data drops the actor's callable on graceful
  shutdown) and when a task worker process exits.

Before ``setup()`` the executor binds a :class:`RunContext` (``op.bind(ctx)``,
then ``op.context``): the run id, the step's name and index, and where the
run's output is and how to write there, so an operator can put a product of
its own in the output directory (``augment_text`` and ``llm_generate`` write
their technical log to ``OUT/synthetic_log/``). Operators used without the
engine (unit tests) have ``context = None``.

Three kinds:

* :class:`Mapper` - ``transform(table) -> table``; may change ``text`` or add
  columns. A mapper that creates new documents (augmentation) marks them with
  the ``_cf_generated`` column so the accounting identity stays exact.
* :class:`Filter` - ``score(table)`` computes signal columns, ``decide()`` turns
  them into a keep mask and a reason per removed row. The base class does the
  bookkeeping; ``mode: annotate`` writes the signals and removes nothing.
* :class:`GlobalStage` - a whole-corpus step (deduplication): a small
  multi-phase plan over a ``ray.data.Dataset`` with a work directory.

Operators see only *live* rows (not yet removed or quarantined); the executor
carries removed rows alongside so every input document is accounted for.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field


class FatalOperatorError(RuntimeError):
    """Raised by an operator to stop the run (e.g. a rejected API key): the
    executor does not isolate it per document, it fails the step."""


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


class Operator:
    """Base of all operators. Subclasses set ``name``, ``Params`` and docs."""

    name: ClassVar[str] = ""
    kind: ClassVar[str] = ""
    Params: ClassVar[type[OpParams]] = OpParams
    resources: ClassVar[Resources] = Resources()
    #: Columns this operator writes, with a one-line meaning (for the data dictionary).
    output_columns: ClassVar[dict[str, str]] = {}

    def __init__(self, params: OpParams | None = None, **kwargs: Any) -> None:
        if params is None:
            params = self.Params(**kwargs)
        elif kwargs:
            raise TypeError("pass either a Params instance or keyword parameters, not both")
        self.params = params
        self._ready = False
        #: The run this operator is part of; bound by the executor before ``setup()``.
        self.context: RunContext | None = None

    # -- lifecycle -----------------------------------------------------------
    @classmethod
    def is_stateful(cls) -> bool:
        """True when the operator has expensive setup and needs an actor pool."""
        return cls.setup is not Operator.setup

    def setup(self) -> None:
        """Load expensive state (models). Called once per worker/actor."""

    def ensure_setup(self) -> None:
        if not self._ready:
            self.setup()
            self._ready = True

    def bind(self, context: RunContext) -> None:
        """Tell the operator which run and step it is part of (before ``setup()``)."""
        self.context = context

    def close(self) -> None:
        """Release what ``setup()`` or processing acquired (connections, threads, files).
        Called once at the end of the operator's life in a worker; must be idempotent."""

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


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


class Filter(Operator):
    """Score first, decide later.

    Subclasses implement :meth:`score` (returns the batch with signal columns
    added, and may also rewrite ``text`` when the published rule does so, as
    C4 line removal does) and :meth:`decide` (keep mask + reason per row).
    """

    kind: ClassVar[str] = "filter"
    Params: ClassVar[type[OpParams]] = FilterParams

    def score(self, table: pa.Table) -> pa.Table:  # pragma: no cover - abstract
        raise NotImplementedError

    def decide(self, scored: pa.Table) -> Decision:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def annotate_only(self) -> bool:
        return getattr(self.params, "mode", "filter") == "annotate"

    def apply(self, table: pa.Table) -> tuple[pa.Table, Any, list[str | None] | pa.Array]:
        """Score and decide. Returns (scored table, keep mask, reasons)."""
        scored = self.score(table)
        if self.annotate_only or scored.num_rows == 0:
            return scored, None, []
        decision = self.decide(scored)
        return scored, decision.keep, decision.reasons


@dataclass(frozen=True)
class RunContext:
    """What an operator knows about its run: set by the executor, the same in
    every worker (it is pickled with the step).

    ``filesystem`` is the output's pyarrow filesystem (local, or S3 with the
    endpoint and region of ``storage:``; credentials are never pickled, each
    worker takes them from its own environment) and ``output_dir`` the output
    directory's path on it; ``output_uri`` is how the user wrote it (absolute
    path or ``s3://``).
    """

    run_id: str
    output_uri: str
    output_dir: str
    filesystem: Any  # pyarrow.fs.FileSystem (Any: no pyarrow.fs import in the contract)
    step_name: str = ""
    step_index: int = -1

    def for_step(self, step_name: str, step_index: int) -> RunContext:
        """The same run seen from one step."""
        return replace(self, step_name=step_name, step_index=step_index)

    def product_dir(self, name: str) -> str:
        """Path (on ``filesystem``) of a product directory in the output, e.g. ``synthetic_log``."""
        return posixpath.join(self.output_dir, name)


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
    out (live documents, UTF-8 text bytes), how its input was obtained
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
        """The report entry: the stage's own figures, then the engine's."""
        return {
            **self.details,
            "docs_in": self.docs_in,
            "bytes_in": self.bytes_in,
            "docs_out": self.docs_out,
            "bytes_out": self.bytes_out,
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

    def run(self, ds: Any, ctx: StageContext) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError
