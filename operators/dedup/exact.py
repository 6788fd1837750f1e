"""Exact duplicate removal over the whole corpus (a global stage)."""

from __future__ import annotations

import os
import shutil
from typing import Any, ClassVar, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import xxhash
from pydantic import Field, field_validator

from engine.columns import REMOVED_BY
from engine.fault_hooks import kill_point
from engine.operator import GlobalStage, OpParams, StageContext
from operators.dedup.common import (
    BLK,
    DUP_CLUSTER,
    DUP_KEEP,
    GROUP,
    ID,
    KEEP,
    LINE_COL,
    PRIO,
    RID,
    SRC,
    apply_block_updates,
    block_keys,
    block_sums,
    count_live,
    group_sizes_at_least_two,
    live_rows,
    num_partitions,
    pick_keepers,
    priority_columns,
    read_parquet_dir,
    row_ids,
    rows_name,
    run_prepare,
    single_task_bytes,
    single_task_field,
    single_task_memory,
    store_block_updates,
    validate_keep,
    write_atomic,
    write_block_updates,
)
from operators.dedup.index import (
    TARGET_ROWS,
    DropMatched,
    against_root,
    apply_against,
    count_rows,
    index_params,
    output_schema,
    partition_bits,
    write_meta,
    write_partitioned,
)

H1 = "_dd_h1"
H2 = "_dd_h2"
UPDATE_SCHEMA = pa.schema([(GROUP, pa.int64()), (RID, pa.int64()), (KEEP, pa.bool_()), (BLK, pa.int64())])
KEYED_SCHEMA = pa.schema(
    [
        (H1, pa.int64()),
        (H2, pa.int64()),
        (RID, pa.int64()),
        (BLK, pa.int64()),
        (PRIO, pa.float64()),
        (SRC, pa.string()),
        (LINE_COL, pa.int64()),
        (ID, pa.string()),
    ]
)

_WS_RE2 = r"\s+"
_PUNCT_RE2 = r"[\p{P}\p{S}]"
_DIGIT_RE2 = r"\p{Nd}"


class ExactDedupParams(OpParams):
    normalize: Literal["none", "whitespace", "lowercase_punct_digits"] = Field(
        "whitespace",
        description=(
            "text compared: none = bytes as they are; whitespace = trimmed, runs of whitespace as one "
            "space; lowercase_punct_digits = also lower-cased, punctuation/symbols removed, digits as 0"
        ),
    )
    keep: str = Field("first", description="which copy survives: first | longest | max:<column>")
    mode: Literal["filter", "annotate"] = Field(
        "filter", description="filter: remove the copies; annotate: write dup_cluster/dup_keep only"
    )
    against: list[str] | None = Field(
        None,
        description="earlier releases (corpusforge outputs, local or s3://): documents duplicating one "
        "they kept are removed (reason duplicate_of_release:<version>), reading only their index/; "
        "default: the lineage of release.parent; []: none",
    )
    index: bool = Field(
        True, description="write the index of kept documents to OUT/index/<step>/ for later releases"
    )
    single_task_mb: int = single_task_field()

    _check_keep = field_validator("keep")(classmethod(lambda cls, v: validate_keep(v)))


def normalize_texts(texts: pa.Array | pa.ChunkedArray, how: str) -> pa.Array | pa.ChunkedArray:
    """The text that is hashed, per ``normalize`` (vectorized, pyarrow RE2)."""
    texts = texts.fill_null("")
    if how == "none":
        return texts
    if how == "lowercase_punct_digits":
        texts = pc.utf8_lower(texts)
        texts = pc.replace_substring_regex(texts, _PUNCT_RE2, "")
        texts = pc.replace_substring_regex(texts, _DIGIT_RE2, "0")
    texts = pc.replace_substring_regex(texts, _WS_RE2, " ")
    return pc.utf8_trim_whitespace(texts)


def text_hashes(texts: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """128-bit xxh3 of each text's UTF-8 bytes, as two int64 halves."""
    h = xxhash.xxh3_128_intdigest
    vals = [h(t.encode("utf-8")) for t in texts.to_pylist()]
    mask = (1 << 64) - 1
    hi = np.fromiter((v >> 64 for v in vals), dtype=np.uint64, count=len(vals))
    lo = np.fromiter((v & mask for v in vals), dtype=np.uint64, count=len(vals))
    return hi.view(np.int64), lo.view(np.int64)


class ExactDedup(GlobalStage):
    """Removes documents whose normalized text is identical to another's, keeping one.

    Why: exact copies (mirrors, syndicated pages, boilerplate pages) waste
    compute and raise memorization (Lee et al., "Deduplicating Training Data
    Makes Language Models Better", ACL 2022, Sec. 3). The ``lowercase_punct_digits``
    normalization follows CCNet's paragraph normalization (Wenzek et al.,
    LREC 2020, Sec. 3.3: lower case, digits replaced by 0, punctuation removed).

    Plan (no data on the driver): 1) per block, hash the normalized text with
    128-bit xxh3 (collisions ~2^-128), in the engine's pass over the stage input
    (``prepare``); 2) hash-shuffle (hash, row id, keep
    priority) by hash, and in each partition keep the best copy by ``keep``
    (``first`` = earliest source/line; ``longest``; ``max:<column>``; ties by
    id, then provenance) - deterministic; 3) write the group members' verdicts
    as one small file per read block, and mark the non-kept copies removed
    with reason ``exact_duplicate`` in a map over the documents (each block
    reads its own verdicts: the corpus is not shuffled). Removed or quarantined input rows pass through
    untouched and never take part.
    """

    name: ClassVar[str] = "exact_dedup"
    Params: ClassVar[type[OpParams]] = ExactDedupParams
    output_columns: ClassVar[dict[str, str]] = {
        DUP_CLUSTER: "annotate mode: id of the duplicate group (null for unique documents)",
        DUP_KEEP: "annotate mode: false for copies that filter mode would remove",
    }
    card_topics: ClassVar[frozenset[str]] = frozenset({"dedup"})
    REASON: ClassVar[str] = "exact_duplicate"

    def keyed(self, table: pa.Table) -> pa.Table:
        """Live rows as (hash, row id, priority) - the shuffle input."""
        p: ExactDedupParams = self.params
        live = live_rows(table)
        hi, lo = text_hashes(normalize_texts(live.column("text"), p.normalize))
        cols = {H1: pa.array(hi), H2: pa.array(lo), RID: row_ids(live), BLK: block_keys(live)}
        cols.update(priority_columns(live, p.keep))
        return pa.table(cols)

    def groups(self, table: pa.Table) -> pa.Table:
        """One whole partition: members of groups of two or more, with the keeper flagged."""
        if table.num_rows == 0:
            return UPDATE_SCHEMA.empty_table()
        table = table.sort_by([(H1, "ascending"), (H2, "ascending")])
        table = table.filter(pa.array(group_sizes_at_least_two(table, [H1, H2])))
        if table.num_rows == 0:
            return UPDATE_SCHEMA.empty_table()
        picked = pick_keepers(table, [H1, H2], self.params.keep, carry=[BLK])
        return pa.table(
            {
                GROUP: picked.column(H1),
                RID: picked.column(RID),
                KEEP: picked.column(KEEP),
                BLK: picked.column(BLK),
            }
        )

    def prepare(self, ctx: StageContext) -> Any:
        """Phase 1 per block: the live rows' (hash, row id, priority) to ``keyed/``,
        run by the engine in its pass over the stage input (the text is read once;
        with ``against`` the lookup reads these hashes too)."""
        return _KeyBlock(self, os.path.join(ctx.work_dir, "keyed"))

    def run(self, ds: Any, ctx: StageContext) -> Any:
        p: ExactDedupParams = self.params
        rt = ctx.runtime
        schema = ctx.input_schema or ds.schema().base_schema
        schema = output_schema(schema, self, ctx)  # + dup_of_release (annotate against releases)
        nbytes = ctx.input_bytes if ctx.input_bytes is not None else ctx.estimated_input_bytes
        parts = num_partitions(ctx.num_cpus, nbytes)
        root = os.path.join(ctx.work_dir, "verdicts")
        index_dir = ctx.index_dir if p.index else None
        bits = partition_bits(ctx.input_live_rows or ctx.input_rows, TARGET_ROWS)
        keyed_dir = os.path.join(ctx.work_dir, "keyed")
        if ctx.prepared is None:  # not fused into the engine's input pass: phase 1 here
            with rt.phase("hashes"):
                shutil.rmtree(keyed_dir, ignore_errors=True)
                run_prepare(rt, ds, _KeyBlock(self, keyed_dir), "hashes")
        keyed = rt.read_parquet(keyed_dir, KEYED_SCHEMA)
        if ctx.against:  # earlier releases first: their copies are removed (from the hashes), not grouped
            ds = apply_against(ds, self, ctx, key_dir=keyed_dir)
            keyed = keyed.map_batches(
                DropMatched(against_root(ctx.work_dir)), batch_size=None, batch_format="pyarrow"
            )
        single = single_task_bytes(ctx, p.single_task_mb)
        with rt.phase("groups"):
            if single is not None:  # small input: one task, no shuffle (common.SINGLE_TASK_MB)
                drop = against_root(ctx.work_dir) if ctx.against else None
                members, kept = rt.call(
                    groups_in_one_task,
                    self,
                    keyed_dir,
                    drop,
                    root,
                    index_dir,
                    bits,
                    label="groups_local",
                    memory=single_task_memory(single),
                )
            else:
                updates = keyed.repartition(parts, keys=[H1, H2]).map_batches(
                    _GroupsAndIndex(self, index_dir, bits), batch_size=None, batch_format="pyarrow"
                )
                members, kept = store_block_updates(rt, updates, root, parts, ctx.work_dir, UPDATE_SCHEMA)
        kill_point(ctx.step_name, "groups")
        if index_dir:
            exact_dir = os.path.join(index_dir, "exact")
            rows = count_rows(exact_dir) if os.path.isdir(exact_dir) else 0
            write_meta(
                index_dir,
                {
                    "op": self.name,
                    "step": ctx.step_name,
                    "params": index_params(self.name, p),
                    "bits": {"exact": bits},
                    "rows": {"exact": rows},
                    "docs": rows,
                },
            )
            ctx.report["index"] = {"docs": rows, "partitions": 1 << bits}
        live_docs = ctx.input_live_rows
        if live_docs is None:
            live_docs = block_sums(rt, ds, count_live, [REMOVED_BY], label="count_live").get("live", 0)
        ctx.report.update(
            {
                "docs": live_docs,
                "normalize": p.normalize,
                "duplicate_groups": kept,
                "duplicates": members - kept,
                "removed": members - kept if p.mode == "filter" else 0,
                "partitions": parts,
                "path": "single_task" if single is not None else "distributed",
            }
        )
        if members == 0 and p.mode == "filter":
            return ds
        return apply_block_updates(ds, root, schema, ctx.step_name, self.REASON, p.mode == "annotate")


class _KeyBlock:
    """``ExactDedup.prepare``: one block -> its keyed live rows in one file (named by its rows)."""

    def __init__(self, op: ExactDedup, directory: str) -> None:
        self.op = op
        self.directory = directory

    def __call__(self, table: pa.Table) -> dict[str, int]:
        keyed = self.op.keyed(table)
        if keyed.num_rows:
            keyed = keyed.cast(KEYED_SCHEMA)
            write_atomic(keyed, self.directory, rows_name(keyed.column(RID).combine_chunks(), keyed.num_rows))
        return {"keyed": keyed.num_rows}


class _GroupsAndIndex:
    """``groups`` of one shuffle partition, writing the partition's distinct
    hashes (one per kept document) to the release index on the way."""

    def __init__(self, op: ExactDedup, index_dir: str | None, bits: int) -> None:
        self.op = op
        self.index_dir = index_dir
        self.bits = bits

    def __call__(self, table: pa.Table) -> pa.Table:
        if self.index_dir and table.num_rows:
            h = (
                table.select([H1, H2])
                .group_by([H1, H2], use_threads=False)
                .aggregate([])
                .rename_columns(["h1", "h2"])
            )
            write_partitioned(h, "h1", self.bits, os.path.join(self.index_dir, "exact"))
        return self.op.groups(table)


def groups_in_one_task(
    op: ExactDedup, keyed_dir: str, drop_root: str | None, root: str, index_dir: str | None, bits: int
) -> tuple[int, int]:
    """The ``groups`` phase of a small input in one task: every keyed row read with
    pyarrow (less the copies of earlier releases under ``drop_root``), grouped as ONE
    partition (a group never spans partitions, so the verdicts are those of the
    shuffle), the index written and the verdicts stored per block. (members, kept)."""
    table = read_parquet_dir(keyed_dir, KEYED_SCHEMA)
    if table is None:
        return 0, 0
    if drop_root is not None:
        table = DropMatched(drop_root)(table)
    counts = write_block_updates(_GroupsAndIndex(op, index_dir, bits)(table), root)
    return int(counts.column("members")[0].as_py()), int(counts.column("kept")[0].as_py())
