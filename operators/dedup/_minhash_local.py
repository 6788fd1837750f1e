"""``minhash_dedup`` after its input pass, for a small input: the phases in one task.

The engine's pass over the stage input signed every document and wrote its
LSH band rows, one file per partition and block (``bands/part=<k>/``). When
the input is small (``single_task_mb``, operators/dedup/common.py), the rest
of the stage runs in ONE remote task that reads those files with pyarrow, in
the order and with the functions of the distributed path:

1. ``lsh``: per LSH partition, its band rows -> star edges
   (``MinHashDedup.star_edges``), written to ``candidates/``;
2. ``graph``: verify, components and keepers (``local_graph``), when the
   graph fits its explicit bound (``max_local_edges`` / ``max_local_mb``);
   else the task stops here and the stage continues distributed;
3. ``verify_keeper``: the cluster members' texts (read from the
   materialized input files, or from the files one map over the input wrote
   when the input is not materialized), peeled per cluster (``PeelClusters``);
4. ``index``: the release index from the signature files (``MinHashIndexWriter``),
   in a second task beside the first (``index_beside``): it reads the signature
   files and computes and sorts the band rows while the first task decides, and
   writes the rows the final verdicts keep once it has them (the other core of a
   2-CPU machine idled through the single task).

A group or cluster never spans partitions, so one partition gives the
verdicts of the shuffles (tested: kept ids, reasons and index content equal
the distributed path's). What saves the time is no Ray Data execution and no
hash shuffle (each costs seconds however small the data). Memory: the band
rows, edges, signatures of the graph's nodes and the members' texts: a few
times the input at most (``single_task_memory``).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any, Callable

import pyarrow as pa
import pyarrow.parquet as pq

from engine.columns import conform
from engine.stage_runtime import read_table_file
from operators.dedup._local_graph import local_graph, local_graph_bytes
from operators.dedup._verify_keeper import (
    MEMBER_SCHEMA,
    STATUS_NAMES,
    MemberTexts,
    PeelClusters,
    write_and_count,
)
from operators.dedup.common import RID, parquet_files, read_parquet_dir, rows_name, write_atomic
from operators.dedup.connected_components import EDGE_SCHEMA


@dataclass
class LocalJob:
    """Where the phases read and write, and the parameters they need (all from the driver)."""

    band_dir: str
    band_parts: int
    edge_dir: str
    sig_dir: str
    root: str  # the graph's verdicts
    checked_root: str  # the verdicts after keeper verification
    n_docs: int
    verify_bound: float | None
    # verify_keeper (None: not run) and where the members' texts come from
    keeper: dict[str, Any] | None = None
    input_paths: list[str] | None = None  # materialized input files (conformed to input_schema)
    input_schema: pa.Schema | None = None
    member_dir: str | None = None  # or the member rows one map over the input wrote
    # the release index (None: not written)
    index_dir: str | None = None
    band_bits: int = 0
    sig_bits: int = 0


def lsh_edges(op: Any, band_dir: str, band_parts: int, edge_dir: str) -> int:
    """Phase 2b for every LSH partition in turn; the candidate edges to ``edge_dir``."""
    from operators.dedup.minhash import MinHashDedup

    out = []
    for k in range(band_parts):
        part = read_parquet_dir(os.path.join(band_dir, f"part={k}"))
        if part is not None:
            out.append(MinHashDedup.star_edges(part))
    edges = pa.concat_tables(out) if out else EDGE_SCHEMA.empty_table()
    if edges.num_rows:
        write_atomic(edges, edge_dir, rows_name(edges.column(0).combine_chunks(), edges.num_rows))
    return edges.num_rows


def member_rows(job: LocalJob) -> pa.Table:
    """The live cluster members with their texts: from the materialized input files
    (one file at a time, only members kept) or from the member files of the map."""
    if job.input_paths is not None:
        k = job.keeper
        pick = MemberTexts(job.root, k["keep"], k["tokenizer"], k["lang_column"])
        parts = [pick(conform(read_table_file(p), job.input_schema)) for p in job.input_paths]
        return pa.concat_tables(parts) if parts else MEMBER_SCHEMA.empty_table()
    rows = read_parquet_dir(job.member_dir, MEMBER_SCHEMA) if job.member_dir else None
    return rows if rows is not None else MEMBER_SCHEMA.empty_table()


def peel_members(job: LocalJob) -> dict[str, int]:
    """Phase ``verify_keeper`` in this task: every cluster peeled, verdicts to ``checked_root``."""
    k = job.keeper
    peeled = PeelClusters(k["threshold"], k["ngram_size"], k["keep"], k["max_rounds"])(member_rows(job))
    counts = write_and_count(job.checked_root)(peeled).to_pylist()[0]
    return {c: int(counts.get(c, 0)) for c in ("members", "kept", "checked", *STATUS_NAMES.values())}


def write_index(op: Any, job: LocalJob, root: str) -> int:
    """The release index from the signature files (one writer call per file, as the
    distributed map); returns the documents indexed."""
    from operators.dedup.index import MinHashIndexWriter

    writer = MinHashIndexWriter(op, root, job.index_dir, job.band_bits, job.sig_bits)
    return sum(int(writer(pq.read_table(f)).column("docs")[0].as_py()) for f in parquet_files(job.sig_dir))


def index_beside(op: Any, job: LocalJob, result: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
    """The release index in a task of its own beside :func:`run_phases` (``index=False``):
    the signature files read, band keys computed and both tables sorted while the other
    task decides; then ``result()`` waits for that task's figures, and when it reached the
    final verdicts (``index_root``) the rows they keep are written (the files
    :func:`write_index` writes). Returns ``{"indexed": docs, "seconds": wall seconds after
    the wait}``, or None when the other task stopped earlier (the index is written later,
    by the path that continues)."""
    from operators.dedup.index import MinHashIndexWriter, PreparedIndexFile

    writer = MinHashIndexWriter(op, None, job.index_dir, job.band_bits, job.sig_bits)
    files = parquet_files(job.sig_dir)
    prepared, held = [], 0
    for f in files:  # as many files as PREPARED_INDEX_BYTES holds (many tiny documents: few)
        if held > PREPARED_INDEX_BYTES:
            break
        prepared.append(PreparedIndexFile(writer, pq.read_table(f)))
        held += prepared[-1].nbytes
    res = result()
    root = res.get("index_root")
    if root is None:
        return None
    t0 = time.perf_counter()
    indexed = sum(p.write(root) for p in prepared)
    if len(prepared) < len(files):  # the rest as write_index does
        rest = MinHashIndexWriter(op, root, job.index_dir, job.band_bits, job.sig_bits)
        indexed += sum(int(rest(pq.read_table(f)).column("docs")[0].as_py()) for f in files[len(prepared) :])
    return {"indexed": indexed, "seconds": round(time.perf_counter() - t0, 3)}


#: Memory that ``index_beside`` may hold in prepared index rows while it waits (sorted band rows
#: and signatures: ~1.6 KB per document at 256 permutations and 36 bands); the files beyond it
#: are indexed after the wait, one at a time.
PREPARED_INDEX_BYTES = 512 << 20


def run_phases(op: Any, job: LocalJob, start: str = "lsh", index: bool = True) -> dict[str, Any]:
    """The phases from ``start`` (``lsh``, or ``verify_keeper`` when the graph ran in
    an earlier call) as far as this task can take them. Returns the figures, the
    wall seconds per phase, and ``done``: the last phase completed (``lsh``: the
    graph is too big for one task; ``graph``: the keeper check needs the members'
    texts, which this task cannot read; ``index``: all). With ``index`` False the
    release index is left to :func:`index_beside`: ``done`` is ``verdicts`` and
    ``index_root`` names the final verdicts."""
    p = op.params
    res: dict[str, Any] = {"phases": {}}

    def timed(name: str, fn, *args):
        t0 = time.perf_counter()
        out = fn(*args)
        res["phases"][name] = round(time.perf_counter() - t0, 3)
        return out

    if start == "lsh":
        n_candidates = timed("lsh", lsh_edges, op, job.band_dir, job.band_parts, job.edge_dir)
        res.update(candidate_edges=n_candidates, done="lsh")
        local_bytes = local_graph_bytes(n_candidates, job.n_docs, p.num_perm)
        if n_candidates and (n_candidates > p.max_local_edges or local_bytes > p.max_local_mb << 20):
            return res  # the distributed graph takes over
        if n_candidates:
            g = timed(
                "graph",
                local_graph,
                job.edge_dir,
                job.sig_dir,
                job.root,
                p.num_perm,
                p.keep,
                "_dd_sig",
                job.verify_bound,
            )
        else:
            g = {"verified_edges": 0 if job.verify_bound is not None else None, "members": 0, "clusters": 0}
        res.update(verified_edges=g["verified_edges"], members=g["members"], kept=g["clusters"], done="graph")
        if res["members"] and job.keeper is not None and job.input_paths is None and job.member_dir is None:
            return res  # the members' texts come from a map over the input first
    root = job.root
    if job.keeper is not None and (start != "lsh" or res["members"]):
        res["keeper"] = timed("verify_keeper", peel_members, job)
        root = job.checked_root
    if job.index_dir and not index:
        res.update(done="verdicts", index_root=root)
        return res
    if job.index_dir:
        res["indexed"] = timed("index", write_index, op, job, root)
    res["done"] = "index"
    return res


class MemberFiles:
    """Map over the stage input (when it is not materialized): each block's cluster
    members with their texts to one file under ``directory`` (named by its rows)."""

    def __init__(self, root: str, directory: str, keep: str, tokenizer: str, lang_column: str) -> None:
        self.pick = MemberTexts(root, keep, tokenizer, lang_column)
        self.directory = directory

    def __call__(self, table: pa.Table) -> pa.Table:
        rows = self.pick(table)
        if rows.num_rows:
            write_atomic(rows, self.directory, rows_name(rows.column(RID).combine_chunks(), rows.num_rows))
        return pa.table({"members": [rows.num_rows]})


__all__ = ["LocalJob", "run_phases", "index_beside", "lsh_edges", "member_rows", "MemberFiles"]
