"""Connected components of the MinHash graph without scipy (operators/dedup/connected_components.py
``local_labels``): the same labels as scipy's ``connected_components`` (the reference it replaced),
on shapes that stress a union-find, and no scipy import in the process that runs it."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from operators.dedup.connected_components import local_labels
from tests.pii_linear import best_cpu


def _scipy_labels(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The former implementation: scipy's components, labelled by their min node."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if len(u) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    nodes, inv = np.unique(np.concatenate([u, v]), return_inverse=True)
    m = len(u)
    graph = coo_matrix((np.ones(m, np.int8), (inv[:m], inv[m:])), shape=(len(nodes), len(nodes)))
    _, comp = connected_components(graph, directed=False)
    comp_min = np.full(comp.max() + 1, np.iinfo(np.int64).max, np.int64)
    np.minimum.at(comp_min, comp, nodes)
    return nodes, comp_min[comp]


def _shapes() -> list[tuple[str, np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(7)
    out = []
    for n, m in ((50, 30), (1000, 700), (20_000, 19_000), (5000, 20_000)):
        ids = rng.integers(-(2**62), 2**62, n)  # row ids are hashes: any int64, negative too
        a, b = rng.integers(0, n, m), rng.integers(0, n, m)
        out.append((f"random {n}/{m}", ids[a], ids[b]))
    chain = np.arange(30_000, dtype=np.int64)
    out.append(("ascending chain", chain[:-1], chain[1:]))
    out.append(("descending chain", chain[:0:-1], chain[-2::-1]))
    perm = rng.permutation(30_000).astype(np.int64)
    out.append(("shuffled chain", perm[:-1], perm[1:]))
    hub = np.full(10_000, 5_000, np.int64)
    out.append(("star on a middle node", hub, np.arange(10_000, dtype=np.int64)))  # with a self loop
    out.append(("repeated edges", np.array([3, 3, 1, 9, 9], np.int64), np.array([1, 1, 3, 8, 8], np.int64)))
    out.append(("int64 extremes", np.array([-(2**63), 2**63 - 1], np.int64), np.array([0, 0], np.int64)))
    return out


@pytest.mark.parametrize("name,u,v", _shapes(), ids=[s[0] for s in _shapes()])
def test_labels_equal_scipy(name, u, v):
    got_nodes, got_labels = local_labels(u, v)
    want_nodes, want_labels = _scipy_labels(u, v)
    assert np.array_equal(got_nodes, want_nodes)
    assert np.array_equal(got_labels, want_labels)
    assert got_labels.dtype == np.int64


def test_empty():
    nodes, labels = local_labels(np.zeros(0, np.int64), np.zeros(0, np.int64))
    assert len(nodes) == 0 and len(labels) == 0


def test_long_chains_scale_linearly():
    """A union-find without ranks but with path halving: a 4x longer chain costs about 4x, not 16x
    (generous bound; CPU time, best of 3)."""
    local_labels(np.array([0], np.int64), np.array([1], np.int64))  # compiled or loaded first

    def cost(n: int) -> float:
        ids = np.random.default_rng(n).permutation(n).astype(np.int64)
        return best_cpu(lambda: local_labels(ids[:-1], ids[1:]), 3)

    small, large = cost(200_000), cost(800_000)
    assert large < 12 * max(small, 1e-3)


def test_no_scipy_import():
    """The graph task never imported scipy's sparse or linear-algebra packages before (numba's
    BLAS probe is deferred in the kernel module; numba itself imports only the top ``scipy``
    package); the components must not import them either (~0.3 CPU-s in that task)."""
    code = (
        "import sys, numpy as np\n"
        "from operators.dedup.connected_components import local_labels\n"
        "n, l = local_labels(np.array([5, 7, 9], np.int64), np.array([7, 1, 2], np.int64))\n"
        "assert l.tolist() == [1, 2, 1, 1, 2], l\n"
        "print(sorted(m for m in ('scipy.sparse', 'scipy.linalg') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
