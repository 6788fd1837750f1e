"""The duplicate graph of ``minhash_dedup`` in one task, when it fits.

After the LSH shuffle the candidate edges are on disk and counted. When an
explicit size check says the graph (edges plus the signature and keep
priority of every node that has an edge) fits in ``max_local_mb``, one Ray
task (never the driver) does the rest of the graph work in memory:

1. read and de-duplicate the candidate edges;
2. scan the persisted signatures once, keeping only the rows of graph nodes
   (a columnar read filtered by row id: memory is the nodes, not the corpus);
3. ``verify``: drop edges whose estimated Jaccard is below the test's bound;
4. connected components (a compiled union-find) over the verified edges;
5. pick the keeper of every component by the keep policy;
6. write the verdicts as one small file per read block
   (:func:`._dedup_common.write_block_updates`).

This replaces four hash shuffles of the distributed path (two verify joins,
the member join and the keeper shuffle) by one sequential pass; the results
are identical (tested). Larger graphs take the distributed path.
"""

from __future__ import annotations

import glob
import os

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from operators.dedup.common import (
    BLK,
    GROUP,
    ID,
    KEEP,
    LINE_COL,
    PRIO,
    RID,
    SRC,
    pick_keepers,
    write_block_updates,
)
from operators.dedup.connected_components import U, V, local_labels

_EDGE_BYTES = 64  # two int64 per edge, plus sort and de-duplication copies
_NODE_OVERHEAD = 160  # row id, priority, source path, line, id, block key, label


def local_graph_bytes(n_edges: int, n_docs: int, num_perm: int) -> int:
    """Upper bound of the local task's memory: every edge, and every node that
    can have one (at most ``min(docs, 2 x edges)``) with its signature."""
    nodes = min(n_docs, 2 * n_edges)
    return (64 << 20) + _EDGE_BYTES * n_edges + nodes * (4 * num_perm + _NODE_OVERHEAD)


def _files(path: str) -> list[str]:
    return sorted(glob.glob(os.path.join(path, "**", "*.parquet"), recursive=True))


def _edges(edge_dir: str) -> tuple[np.ndarray, np.ndarray]:
    parts = [pq.read_table(f, columns=[U, V]) for f in _files(edge_dir)]
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    t = pa.concat_tables(parts)
    u, v = t.column(U).to_numpy(), t.column(V).to_numpy()
    pairs = np.unique(np.stack([np.minimum(u, v), np.maximum(u, v)], axis=1), axis=0)
    return pairs[:, 0].copy(), pairs[:, 1].copy()


def _node_rows(sig_dir: str, nodes: np.ndarray, columns: list[str]) -> pa.Table:
    """The signature-file rows of ``nodes`` (sorted by row id)."""
    wanted = pa.array(nodes)
    parts = []
    for f in _files(sig_dir):
        t = pq.read_table(f, columns=columns)
        parts.append(t.filter(pc.is_in(t.column(RID), value_set=wanted)))
    t = pa.concat_tables(parts) if parts else None
    if t is None or t.num_rows == 0:
        raise RuntimeError("minhash_dedup: graph nodes missing from the signatures")
    return t.sort_by([(RID, "ascending")])


def _estimates(sig: np.ndarray, iu: np.ndarray, iv: np.ndarray, chunk: int = 65536) -> np.ndarray:
    out = np.empty(len(iu), np.float64)
    for a in range(0, len(iu), chunk):
        b = a + chunk
        out[a:b] = (sig[iu[a:b]] == sig[iv[a:b]]).mean(axis=1)
    return out


def local_graph(
    edge_dir: str,
    sig_dir: str,
    out_root: str,
    num_perm: int,
    keep: str,
    sig_column: str,
    verify_bound: float | None,
) -> dict[str, int]:
    """Run steps 1-6 above; returns counts for the report."""
    u, v = _edges(edge_dir)
    result = {"candidate_pairs": len(u), "verified_edges": None, "nodes": 0, "clusters": 0, "members": 0}
    if len(u) == 0:
        return result
    nodes = np.unique(np.concatenate([u, v]))
    columns = [RID, PRIO, SRC, LINE_COL, ID, BLK] + ([sig_column] if verify_bound is not None else [])
    rows = _node_rows(sig_dir, nodes, columns)
    rid = rows.column(RID).to_numpy()
    if verify_bound is not None:
        sig = np.frombuffer(
            rows.column(sig_column).combine_chunks().buffers()[1],
            dtype=np.uint32,
            count=rows.num_rows * num_perm,
        ).reshape(rows.num_rows, num_perm)
        iu, iv = np.searchsorted(rid, u), np.searchsorted(rid, v)
        ok = _estimates(sig, iu, iv) >= verify_bound - 1e-12
        u, v = u[ok], v[ok]
        result["verified_edges"] = len(u)
        rows = rows.drop_columns([sig_column])
        del sig
    if len(u) == 0:
        return result
    members, labels = local_labels(u, v)
    member_rows = rows.take(pa.array(np.searchsorted(rid, members)))
    table = member_rows.append_column(GROUP, pa.array(labels, pa.int64()))
    picked = pick_keepers(table, [GROUP], keep, carry=[BLK])
    write_block_updates(picked, out_root)
    kept = int(pc.sum(picked.column(KEEP)).as_py() or 0)
    result.update({"nodes": len(members), "clusters": kept, "members": picked.num_rows})
    return result
