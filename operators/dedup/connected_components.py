"""Connected components of the duplicate-candidate graph, distributed on Ray Data.

Input: an edge dataset with int64 columns ``u < v`` (row ids). Output: one row
per node that has at least one edge, ``(_dd_rid, _dd_group)`` where the group
is the smallest row id of the node's component (deterministic, independent of
partitioning).

Two paths, chosen by an explicit size check on the edge count:

* **local** (``edges <= max_local_edges``): one Ray task reads the edge
  Parquet and labels it with a compiled union-find (``local_labels``)
  (memory ~40 bytes per edge, so 5M edges stay under ~200 MB). Never the driver.
* **distributed** (otherwise, and whenever ``max_local_edges=0``): the
  alternating *large-star* / *small-star* algorithm of Kiveris et al.,
  "Connected Components in MapReduce and Beyond" (SoCC 2014), which converges
  in O(log^2 n) rounds. Each operation is one hash shuffle keyed by node
  (``repartition(keys=...)``, one block per partition) processed with numpy;
  each round is written to Parquet under the work directory, so memory per
  worker is bounded by the edges of one partition, not by the graph. The
  loop stops when the graph is a forest of stars centred on each component's
  minimum: then no node has both a smaller neighbour and a second neighbour.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from operators.dedup.common import GROUP, RID, block_sums, write_parquet

U = "u"
V = "v"
EDGE_SCHEMA = pa.schema([(U, pa.int64()), (V, pa.int64())])
LABEL_SCHEMA = pa.schema([(RID, pa.int64()), (GROUP, pa.int64())])
_ROUND_SCHEMA = pa.schema([("x", pa.int64()), ("y", pa.int64()), ("kind", pa.int8()), ("bad", pa.int64())])


@dataclass
class ComponentsResult:
    labels: Any  # a dataset of LABEL_SCHEMA
    path: str  # "local" or "distributed"
    rounds: int
    nodes: int
    components: int


# --------------------------------------------------------------------------- local path
def local_labels(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(nodes, min node of their component) for an edge list, in one process: a compiled
    union-find over the sorted nodes (``minhash_kernel.component_roots``), whose roots are the
    smallest index of each component, i.e. its min node. (``scipy.sparse.csgraph`` gave the
    same labels, but importing it cost ~0.3 CPU-s in the task that runs the graph, which had
    not imported scipy: most of a 100 MB single task's graph phase.)"""
    from operators.dedup.minhash_kernel import component_roots

    if len(u) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    nodes, inv = np.unique(np.concatenate([u, v]), return_inverse=True)
    m = len(u)
    return nodes, nodes[component_roots(inv[:m], inv[m:], len(nodes))]


def _local_task(edge_dir: str, out_dir: str) -> tuple[int, int]:
    files = sorted(glob.glob(os.path.join(edge_dir, "**", "*.parquet"), recursive=True))
    if files:
        t = pa.concat_tables([pq.read_table(f, columns=[U, V]) for f in files])
        u, v = t.column(U).to_numpy(), t.column(V).to_numpy()
    else:
        u = v = np.zeros(0, np.int64)
    nodes, labels = local_labels(u, v)
    os.makedirs(out_dir, exist_ok=True)
    write_parquet(
        pa.table({RID: nodes, GROUP: labels}, schema=LABEL_SCHEMA), os.path.join(out_dir, "labels.parquet")
    )
    return len(nodes), len(np.unique(labels))


# --------------------------------------------------------------------------- distributed path
def _both_directions(t: pa.Table) -> pa.Table:
    u, v = t.column(U), t.column(V)
    x = pa.concat_arrays([u.combine_chunks(), v.combine_chunks()]) if t.num_rows else pa.array([], pa.int64())
    y = pa.concat_arrays([v.combine_chunks(), u.combine_chunks()]) if t.num_rows else pa.array([], pa.int64())
    return pa.table({"x": x, "y": y})


def _by_larger(t: pa.Table) -> pa.Table:
    return pa.table({"x": t.column(V), "y": t.column(U)})  # keyed by the larger endpoint


def _grouped(t: pa.Table) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sorted, deduplicated (x, y) without self loops, plus group starts/ids."""
    x = t.column("x").to_numpy()
    y = t.column("y").to_numpy()
    keep = x != y
    x, y = x[keep], y[keep]
    order = np.lexsort((y, x))
    x, y = x[order], y[order]
    if len(x):
        uniq = np.ones(len(x), bool)
        uniq[1:] = (x[1:] != x[:-1]) | (y[1:] != y[:-1])
        x, y = x[uniq], y[uniq]
    start = np.ones(len(x), bool)
    start[1:] = x[1:] != x[:-1]
    gid = np.cumsum(start) - 1
    return x, y, start, gid


def _round_table(ex, ey, nodes, labels, bad) -> pa.Table:
    n_e, n_l = len(ex), len(nodes)
    return pa.table(
        {
            "x": np.concatenate([ex, nodes]).astype(np.int64),
            "y": np.concatenate([ey, labels]).astype(np.int64),
            "kind": np.concatenate([np.zeros(n_e, np.int8), np.ones(n_l, np.int8)]),
            "bad": np.concatenate([np.zeros(n_e, np.int64), bad.astype(np.int64)]),
        },
        schema=_ROUND_SCHEMA,
    )


def large_star(t: pa.Table) -> pa.Table:
    """Per node x (all its neighbours present): link every larger neighbour to
    m(x) = min(N(x) + x). Also emits (x, m(x)) label rows and a ``bad`` flag for
    nodes with a smaller neighbour and degree >= 2 (graph not yet a star forest)."""
    x, y, start, gid = _grouped(t)
    if len(x) == 0:
        return _ROUND_SCHEMA.empty_table()
    nodes = x[start]
    gmin = np.minimum.reduceat(y, np.nonzero(start)[0])
    m = np.minimum(gmin, nodes)
    deg = np.bincount(gid)
    bad = (gmin < nodes) & (deg >= 2)
    sel = y > x
    ex = m[gid][sel]  # (m(x), y): m(x) <= x < y, so u < v
    ey = y[sel]
    return _round_table(ex, ey, nodes, m, bad)


def small_star(t: pa.Table) -> pa.Table:
    """Per node x with its smaller neighbours S: link S + x to m = min(S)."""
    x, y, start, gid = _grouped(t)
    if len(x) == 0:
        return _ROUND_SCHEMA.empty_table()
    nodes = x[start]
    m = np.minimum.reduceat(y, np.nonzero(start)[0])  # y < x for every row here
    mg = m[gid]
    sel = y != mg
    ex = np.concatenate([mg[sel], m])
    ey = np.concatenate([y[sel], nodes])
    empty = np.zeros(0, np.int64)
    return _round_table(ex, ey, empty, empty, empty)


def _edges_of(t: pa.Table) -> pa.Table:
    t = t.filter(pc.equal(t.column("kind"), 0))
    return pa.table({U: t.column("x"), V: t.column("y")}, schema=EDGE_SCHEMA)


def _labels_of(t: pa.Table) -> pa.Table:
    t = t.filter(pc.equal(t.column("kind"), 1))
    return pa.table({RID: t.column("x"), GROUP: t.column("y")}, schema=LABEL_SCHEMA)


def _round_stats(t: pa.Table) -> pa.Table:
    """Per block: nodes not yet in star form, and label rows that are their own root."""
    label = pc.equal(t.column("kind"), 1)
    roots = pc.and_(label, pc.equal(t.column("x"), t.column("y")))
    return pa.table(
        {"bad": [int(pc.sum(t.column("bad")).as_py() or 0)], "roots": [int(pc.sum(roots).as_py() or 0)]}
    )


def connected_components(
    rt: Any,
    edges: Any,
    n_edges: int,
    edge_dir: str,
    work_dir: str,
    partitions: int,
    max_local_edges: int,
    max_rounds: int = 200,
) -> ComponentsResult:
    """Label the nodes of ``edges`` (EDGE_SCHEMA, persisted as Parquet in ``edge_dir``) by
    component; ``rt`` is the stage's runtime (engine/stage_runtime.py)."""
    os.makedirs(work_dir, exist_ok=True)
    if n_edges <= max_local_edges:
        out_dir = os.path.join(work_dir, "labels_local")
        mem = int(64 * 1024 * 1024 + 64 * n_edges)
        nodes, comps = rt.call(_local_task, edge_dir, out_dir, label="components_local", memory=mem)
        if nodes == 0:
            return ComponentsResult(rt.from_table(LABEL_SCHEMA.empty_table()), "local", 0, 0, 0)
        return ComponentsResult(rt.read_parquet(out_dir, LABEL_SCHEMA), "local", 1, nodes, comps)

    current = edges
    for rnd in range(1, max_rounds + 1):
        large = (
            current.map_batches(_both_directions, batch_format="pyarrow")
            .repartition(partitions, keys=["x"])
            .map_batches(large_star, batch_size=None, batch_format="pyarrow")
        )
        large, _ = rt.persist(
            large, os.path.join(work_dir, f"round{rnd:03d}_large"), _ROUND_SCHEMA, "large_star"
        )
        stats = block_sums(rt, large, _round_stats, ["x", "y", "kind", "bad"], label="round_stats")
        if stats.get("bad", 0) == 0:
            labels = large.map_batches(_labels_of, batch_format="pyarrow")
            labels, nodes = rt.persist(labels, os.path.join(work_dir, "labels"), LABEL_SCHEMA, "labels")
            return ComponentsResult(labels, "distributed", rnd, nodes, stats.get("roots", 0))
        small = (
            large.map_batches(_edges_of, batch_format="pyarrow")
            .map_batches(_by_larger, batch_format="pyarrow")
            .repartition(partitions, keys=["x"])
            .map_batches(small_star, batch_size=None, batch_format="pyarrow")
            .map_batches(_edges_of, batch_format="pyarrow")
        )
        current, _ = rt.persist(
            small, os.path.join(work_dir, f"round{rnd:03d}_small"), EDGE_SCHEMA, "small_star"
        )
    raise RuntimeError(f"connected components did not converge in {max_rounds} rounds")
