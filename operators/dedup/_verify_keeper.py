"""``minhash_dedup``'s last check: every removed document is a near copy of a KEPT one.

Connected components chain: A~B and B~C put A and C in one cluster although
A and C may differ, so a whole group of true copies can be removed in favour
of a keeper none of them resembles. This step re-checks each cluster against
its keeper with the EXACT Jaccard of the shingle sets (the same tokens,
n-grams and 32-bit shingle hashes the signatures were built from, so it is the
very quantity MinHash estimates), and peels the clusters that fail:

    round 1: keeper K1 = best member by the keep policy; members with
             J(m, K1) >= threshold are removed in favour of K1;
    round r: among the members that failed every earlier keeper, the best by
             the same policy becomes K_r; the rest are checked against it.

This equals a scan in keep-priority order where each member is compared with
the keepers found so far and becomes a keeper itself when it matches none:
deterministic (the order is the keep policy, ties by id, then provenance),
independent of file paths and block order. At most ``max_rounds`` keepers are
tried per cluster (so the work is at most ``max_rounds`` comparisons per
member: linear); members still unmatched then are all kept (nothing is lost,
a little recall is). A keeper nobody matches is a unique document again.
Sub-cluster id: the smallest row id of the sub-cluster.

Plan on Ray Data (nothing on the driver): a map over the stage input reads,
per block, the graph's verdicts of that block (``verdicts/blk=<key>/``) and
emits the live cluster members with their text and token mode; a hash shuffle
keyed by cluster puts whole clusters in one partition, where the shingles are
computed with the signature kernel and the clusters peeled; the new verdicts
are written per block for the removal map. Memory of one task: the texts and
shingle sets of the clusters in its partition, so the largest cluster bounds
it (C members x (text + 4 B per shingle)); partitions are sized from the input
like every other shuffle of the stage.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from operators.dedup import common as _common
from operators.dedup.common import (
    BLK,
    GROUP,
    ID,
    KEEP,
    LINE_COL,
    PRIO,
    RID,
    SRC,
    block_keys,
    block_sums,
    block_verdicts,
    priority_columns,
    priority_sort_keys,
    row_ids,
    write_block_updates,
)

MODE = "_dd_mode"
TEXT = "_dd_text"
STATUS = "_dd_status"
# status of a member after verification
FIRST_KEEPER, CONFIRMED, REASSIGNED, NEW_KEEPER, UNIQUE, UNRESOLVED = range(6)
STATUS_NAMES = {
    CONFIRMED: "confirmed",
    REASSIGNED: "reassigned",
    NEW_KEEPER: "new_keepers",
    UNIQUE: "now_unique",
    UNRESOLVED: "unresolved_kept",
}

MEMBER_SCHEMA = pa.schema(
    [
        (GROUP, pa.int64()),
        (RID, pa.int64()),
        (BLK, pa.int64()),
        (PRIO, pa.float64()),
        (SRC, pa.string()),
        (LINE_COL, pa.int64()),
        (ID, pa.string()),
        (TEXT, pa.large_string()),
        (MODE, pa.int8()),
    ]
)
RESULT_SCHEMA = pa.schema(
    [(GROUP, pa.int64()), (RID, pa.int64()), (KEEP, pa.bool_()), (BLK, pa.int64()), (STATUS, pa.int8())]
)


class MemberTexts:
    """Map over corpus blocks: the live rows that have a verdict under ``root``,
    with their cluster, keep priority, text and token mode."""

    def __init__(self, root: str, keep: str, tokenizer: str, lang_column: str) -> None:
        self.root = root
        self.keep = keep
        self.tokenizer = tokenizer
        self.lang_column = lang_column

    def __call__(self, table: pa.Table) -> pa.Table:
        from operators.dedup.minhash_kernel import token_modes

        verdicts, idx = block_verdicts(table, self.root)
        if idx is None or idx.null_count == len(idx):
            return MEMBER_SCHEMA.empty_table()
        mask = pc.is_valid(idx)
        rows = table.filter(mask)
        group = verdicts.column(GROUP).take(idx.filter(mask))
        langs = rows.column(self.lang_column) if self.lang_column in rows.column_names else None
        cols = {GROUP: group, RID: row_ids(rows), BLK: block_keys(rows)}
        cols.update(priority_columns(rows, self.keep))
        cols[TEXT] = rows.column("text").cast(pa.large_string())
        cols[MODE] = pa.array(token_modes(rows.num_rows, self.tokenizer, langs), pa.int8())
        return pa.table(cols, schema=MEMBER_SCHEMA)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard of two sorted unique hash arrays."""
    if len(a) == 0 and len(b) == 0:
        return 1.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def peel(sets: list[np.ndarray], threshold: float, max_rounds: int) -> tuple[np.ndarray, np.ndarray]:
    """One cluster in keep-priority order -> (index of each member's keeper
    (-1: kept, no sub-cluster), status per member). See the module docstring."""
    n = len(sets)
    keeper = np.full(n, -1, np.int64)
    status = np.full(n, UNIQUE, np.int8)
    remaining = list(range(n))
    rounds = 0
    while len(remaining) >= 2 and rounds < max_rounds:
        k, rest = remaining[0], remaining[1:]
        failed = []
        for m in rest:
            if jaccard(sets[k], sets[m]) >= threshold:
                keeper[m] = k
                status[m] = CONFIRMED if rounds == 0 else REASSIGNED
            else:
                failed.append(m)
        if len(failed) < len(rest):
            keeper[k] = k
            status[k] = FIRST_KEEPER if rounds == 0 else NEW_KEEPER
        remaining = failed
        rounds += 1
    if len(remaining) >= 2:
        status[np.array(remaining)] = UNRESOLVED
    return keeper, status


def peel_all(
    xs: np.ndarray, off: np.ndarray, cluster: np.ndarray, threshold: float, max_rounds: int
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`peel` of every cluster in one compiled pass (``minhash_kernel.peel_clusters``):
    members sorted by cluster (``cluster``: 0, 1, ... non-decreasing) then keep priority,
    their shingles ``xs[off[i]:off[i + 1]]``. The Jaccard is the same integer ratio as
    :func:`jaccard`, so the decisions are identical (tested). Returns the member index of
    each member's keeper (-1: kept, no sub-cluster) and its status."""
    from operators.dedup.minhash_kernel import peel_clusters

    cluster = np.asarray(cluster, np.int64)
    starts = (
        np.flatnonzero(np.concatenate([[True], cluster[1:] != cluster[:-1]])) if len(cluster) else cluster
    )
    ends = np.append(starts[1:], len(cluster)) if len(cluster) else cluster
    codes = (FIRST_KEEPER, CONFIRMED, REASSIGNED, NEW_KEEPER, UNRESOLVED)
    return peel_clusters(xs, off, starts, ends, threshold, max_rounds, codes, UNIQUE)


class PeelClusters:
    """One shuffle partition (whole clusters) -> verified verdict rows."""

    def __init__(self, threshold: float, ngram_size: int, keep: str, max_rounds: int) -> None:
        self.threshold = threshold
        self.ngram_size = ngram_size
        self.keep = keep
        self.max_rounds = max_rounds

    def __call__(self, t: pa.Table) -> pa.Table:
        from operators.dedup.minhash_kernel import shingle_hashes

        if t.num_rows == 0:
            return RESULT_SCHEMA.empty_table()
        t = t.sort_by([(GROUP, "ascending")] + priority_sort_keys(self.keep))
        # a member reported twice (retried task) counts once
        rid = t.column(RID).to_numpy()
        grp = t.column(GROUP).to_numpy()
        first = np.ones(t.num_rows, bool)
        first[1:] = (grp[1:] != grp[:-1]) | (rid[1:] != rid[:-1])
        if not first.all():
            t = t.filter(pa.array(first))
            rid, grp = rid[first], grp[first]
        xs, off, _ = shingle_hashes(t.column(TEXT), t.column(MODE).to_numpy(), self.ngram_size)
        cluster = np.cumsum(np.concatenate([[True], grp[1:] != grp[:-1]])) - 1
        keeper, status = peel_all(xs, off, cluster, self.threshold, self.max_rounds)
        valid = keeper >= 0
        keep = keeper == np.arange(len(grp))
        new_group = np.zeros(len(grp), np.int64)
        if valid.any():  # sub-cluster id: the smallest row id of the sub-cluster
            sub_min = np.full(len(grp), np.iinfo(np.int64).max, np.int64)
            np.minimum.at(sub_min, keeper[valid], rid[valid])
            new_group[valid] = sub_min[keeper[valid]]
        return pa.table(
            {
                GROUP: pa.array(new_group, mask=~valid),
                RID: rid,
                KEEP: keep,
                BLK: t.column(BLK),
                STATUS: status,
            },
            schema=RESULT_SCHEMA,
        )


def write_and_count(root: str):
    def fn(t: pa.Table) -> pa.Table:
        counts = write_block_updates(t.filter(pc.is_valid(t.column(GROUP))), root)
        st = t.column(STATUS).to_numpy()
        extra = {name: [int((st == code).sum())] for code, name in STATUS_NAMES.items()}
        return pa.table(
            {
                "members": counts.column("members"),
                "kept": counts.column("kept"),
                "checked": [len(st)],
                **extra,
            }
        )

    return fn


def verify_keepers(
    rt: Any,
    ds: Any,
    graph_root: str,
    out_root: str,
    work_dir: str,
    partitions: int,
    threshold: float,
    ngram_size: int,
    keep: str,
    tokenizer: str,
    lang_column: str,
    max_rounds: int,
) -> dict[str, int]:
    """Re-check the clusters whose verdicts are under ``graph_root`` and write
    the verified verdicts under ``out_root``. Returns counts for the report:
    ``members``/``kept`` of the verified clusters, ``checked`` members and how
    many were ``confirmed`` (match their first keeper), ``reassigned`` (removed
    in favour of a later keeper), ``new_keepers``, ``now_unique`` (kept, no
    near copy among the kept) and ``unresolved_kept`` (left after ``max_rounds``)."""
    members = ds.map_batches(
        MemberTexts(graph_root, keep, tokenizer, lang_column), batch_size=None, batch_format="pyarrow"
    )
    results = members.repartition(partitions, keys=[GROUP]).map_batches(
        PeelClusters(threshold, ngram_size, keep, max_rounds), batch_size=None, batch_format="pyarrow"
    )
    if (
        partitions > _common.DIRECT_WRITE_MAX_PARTITIONS
    ):  # few files per block: regroup the rows by block first
        results, _ = rt.persist(
            results, os.path.join(work_dir, "verified_rows"), RESULT_SCHEMA, "verified_rows"
        )
        results = results.repartition(partitions, keys=[BLK])
    counts = block_sums(rt, results, write_and_count(out_root), label="verify_keeper")
    return {k: counts.get(k, 0) for k in ("members", "kept", "checked", *STATUS_NAMES.values())}


__all__ = ["verify_keepers", "peel", "peel_all", "jaccard", "MemberTexts", "PeelClusters", "write_and_count"]
