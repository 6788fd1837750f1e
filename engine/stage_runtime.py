"""The remote-execution helper of global stages: the only door from a stage to Ray.

A global stage (engine/operator.py :class:`GlobalStage`) is a small multi-phase
plan over a dataset of the stage input. It builds lazy datasets with the
methods of the dataset it was given (``map_batches``, ``repartition``,
``union``, ``select_columns``) and asks this helper for everything else:

* new datasets: :meth:`StageRuntime.read_parquet`, :meth:`from_items`, :meth:`from_table`;
* executions, each one counted and timed (the figures go to the stage report):
  :meth:`drain` (run for side effects), :meth:`sum_rows` (add up one small row
  of counters per block), :meth:`persist` (write Parquet, read it back),
  :meth:`call` (one function in one remote task), :meth:`call_beside` (two at once, the
  second waiting for the first's result when it needs it), :meth:`run_items` (a function
  over a list of work items, one task per item, counters summed);
* :meth:`device` (where a ``device: auto|cpu|cuda`` parameter runs: the engine's
  single policy, engine/ray_steps.py) and :meth:`phase` (wall time per phase).

Operators therefore never import Ray, and the same stage code runs on an
embedded Ray, a cluster, or in tests. Only counters, file paths and schemas
reach the driver, never documents.
"""

from __future__ import annotations

import glob
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq


@dataclass
class Execution:
    """One Ray Data execution (or remote task) a stage ran, and its wall seconds."""

    label: str
    seconds: float


@dataclass
class StageRuntime:
    """Runs a stage's remote work; records every execution and phase it times."""

    executions: list[Execution] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)

    # ------------------------------------------------------------------ the cluster
    @staticmethod
    def cluster_cpus() -> float:
        import ray

        return float(ray.cluster_resources().get("CPU", 1))

    @staticmethod
    def cluster_gpus() -> float:
        import ray

        return float(ray.cluster_resources().get("GPU", 0))

    def device(self, requested: str, name: str, cpu_only_reason: str | None = None) -> str:
        """``cpu`` or ``cuda`` for a ``device`` parameter, by the engine's one policy
        (:func:`engine.ray_steps.settle_device`): ``auto`` is ``cuda`` when the cluster
        advertises a GPU and nothing (``cpu_only_reason``) rules it out; ``cuda``
        without a GPU is a config error."""
        from engine.ray_steps import settle_device

        return settle_device(requested, self.cluster_gpus(), "pipeline", name, cpu_only_reason)

    # ------------------------------------------------------------------ datasets (lazy)
    @staticmethod
    def read_parquet(path: str, schema: pa.Schema) -> Any:
        """The Parquet files under ``path`` as a dataset; an empty one with ``schema`` when there are none."""
        import ray

        if not parquet_files(path):
            return ray.data.from_arrow(schema.empty_table())
        # Ray Data's second Parquet datasource (the default since Ray 2.5x) lists files through a
        # pool of up to 32 FooterReader actors per read, each a new worker process: 3 reads of 8
        # small files started 85 worker processes on a 2-CPU Ray, where the first datasource's
        # tasks reuse the pool's workers (6). A stage reads its own few intermediates, whose
        # row-group statistics it never uses: the first datasource.
        context = ray.data.DataContext.get_current()
        v2 = getattr(context, "use_datasource_v2", None)
        if v2 is None:
            return ray.data.read_parquet(path)
        context.use_datasource_v2 = False
        try:
            return ray.data.read_parquet(path)
        finally:
            context.use_datasource_v2 = v2

    @staticmethod
    def from_items(items: list[dict[str, Any]], blocks: int | None = None) -> Any:
        """A dataset of small work items (paths, partition numbers) in ``blocks`` blocks
        (default: one per item)."""
        import ray

        n = blocks if blocks is not None else len(items)
        return ray.data.from_items(items, override_num_blocks=max(1, min(n, len(items) or 1)))

    @staticmethod
    def from_table(table: pa.Table) -> Any:
        import ray

        return ray.data.from_arrow(table)

    # ------------------------------------------------------------------ executions
    @contextmanager
    def _timed(self, label: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.executions.append(Execution(label, round(time.perf_counter() - t0, 3)))

    def drain(self, ds: Any, label: str) -> None:
        """Execute ``ds`` for its side effects (files its tasks write); its rows are dropped."""
        with self._timed(label):
            for _ in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
                pass

    def sum_rows(self, ds: Any, label: str) -> dict[str, int]:
        """Execute ``ds`` (small rows of integer counters, e.g. one per block) and sum them by column."""
        totals: dict[str, int] = {}
        with self._timed(label):
            for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
                for name in batch.column_names:
                    col = batch.column(name)
                    if pa.types.is_integer(col.type) or pa.types.is_boolean(col.type):
                        totals[name] = totals.get(name, 0) + int(pa.compute.sum(col).as_py() or 0)
        return totals

    def take_small(self, ds: Any, label: str) -> list[dict[str, Any]]:
        """Execute ``ds`` and return its rows: for small per-block summaries only (never documents)."""
        with self._timed(label):
            return ds.take_all()

    def persist(self, ds: Any, path: str, schema: pa.Schema, label: str) -> tuple[Any, int]:
        """Write ``ds`` as Parquet under ``path``; return (a dataset reading it back, row count).

        The row count comes from the Parquet footers (no extra pass). An empty
        result reads back as an empty dataset with ``schema``."""
        with self._timed(label):
            ds.write_parquet(path)
        files = parquet_files(path)
        rows = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
        if not rows:
            return self.from_table(schema.empty_table()), 0
        return self.read_parquet(path, schema), rows

    def call(
        self, fn: Callable[..., Any], *args: Any, label: str, num_cpus: float = 1, memory: int | None = None
    ) -> Any:
        """``fn(*args)`` in one remote task (never on the driver); returns its (small) result."""
        import ray

        opts: dict[str, Any] = {"num_cpus": num_cpus}
        if memory:
            opts["memory"] = int(memory)
        with self._timed(label):
            return ray.get(ray.remote(fn).options(**opts).remote(*args))

    def call_beside(
        self,
        fn: Callable[..., Any],
        args: tuple,
        beside: Callable[..., Any],
        beside_args: tuple,
        *,
        label: str,
        num_cpus: float = 1,
        memory: int | None = None,
    ) -> tuple[Any, Any]:
        """``fn(*args)`` and ``beside(*beside_args, result)`` in two remote tasks at once (two
        processes: on a 2-CPU machine the second core works while the first task runs); ``result``
        is a callable that waits for ``fn``'s result and returns it, so ``beside`` does its work
        that does not need that result first. Returns both results; both tasks count as one
        execution. A task blocked in that wait gives its CPU back to Ray, so one CPU is enough."""
        import ray

        opts: dict[str, Any] = {"num_cpus": num_cpus}
        if memory:
            opts["memory"] = int(memory)
        with self._timed(label):
            first = ray.remote(fn).options(**opts).remote(*args)
            second = ray.remote(beside).options(num_cpus=num_cpus).remote(*beside_args, _Awaited([first]))
            try:
                result = ray.get(first)
            except BaseException:
                ray.cancel(second)  # its wait raises as well; no result of it is needed
                raise
            return result, ray.get(second)

    def run_items(
        self,
        items: list[dict[str, Any]],
        fn: Callable[[pa.Table], pa.Table],
        label: str,
        max_blocks: int = 256,
    ) -> dict[str, int]:
        """``fn`` over work items (one batch of one item per call, up to ``max_blocks``
        tasks), returning one small table of integer counters per call; the sums."""
        if not items:
            return {}
        ds = self.from_items(items, blocks=min(len(items), max_blocks))
        return self.sum_rows(ds.map_batches(fn, batch_size=1, batch_format="pyarrow"), label)

    # ------------------------------------------------------------------ phases
    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time a phase of the stage (wall seconds, summed when a phase repeats)."""
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.add_phase(name, time.perf_counter() - t0)

    def add_phase(self, name: str, seconds: float) -> None:
        """Add seconds to a phase: e.g. the phases one remote task (:meth:`call`) timed itself."""
        self.phases[name] = round(self.phases.get(name, 0.0) + seconds, 3)


class _Awaited:
    """A remote task's result, waited for when called (the task's ObjectRef travels inside a
    list, so Ray does not resolve it before the task that holds this one starts)."""

    def __init__(self, refs: list[Any]) -> None:
        self.refs = refs

    def __call__(self) -> Any:
        import ray

        return ray.get(self.refs[0])


#: Suffix of a stage's uncompressed scratch copy of its input: Arrow IPC, which is written as the
#: blocks lie in memory and read back memory-mapped (Parquet without compression costs ~0.09 CPU-s
#: per 100 MB to write and ~0.07 per read, for a file read once or twice and then deleted).
ARROW_SUFFIX = ".arrow"


def write_table_file(table: pa.Table, out: Any) -> None:
    """``table`` as an Arrow IPC file on the stream ``out``."""
    with pa.ipc.new_file(out, table.schema) as writer:
        writer.write_table(table)


def read_table_file(path: str, fs: Any = None) -> pa.Table:
    """A stage's file as a table: Arrow IPC (``.arrow``; memory-mapped when local) or Parquet."""
    import pyarrow.fs as pafs

    local = fs is None or isinstance(fs, pafs.LocalFileSystem)
    if path.endswith(ARROW_SUFFIX):
        if local:
            return pa.ipc.open_file(pa.memory_map(path)).read_all()
        with fs.open_input_file(path) as f:
            return pa.ipc.open_file(f).read_all()
    if local:
        return pq.read_table(path)
    with fs.open_input_file(path) as f:
        return pq.read_table(f)


def parquet_files(path: str) -> list[str]:
    """The Parquet files under a local directory, sorted (none when it does not exist)."""
    return sorted(glob.glob(os.path.join(path, "**", "*.parquet"), recursive=True))


__all__ = [
    "StageRuntime",
    "Execution",
    "parquet_files",
    "read_table_file",
    "write_table_file",
    "ARROW_SUFFIX",
]
