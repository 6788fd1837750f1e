"""Two consecutive global stages over ONE pass of their input: ``exact_dedup``
directly followed by ``minhash_dedup`` (no per-document step between them, as in
the quickstart and ``configs/standard_chain.yaml``).

Without fusion the second stage re-reads the first stage's output in a pass of
its own (a Ray Data execution: read the first stage's copy, apply its verdicts,
write a second copy, sign), then the final stream reads that second copy. Fused,
the first stage's pass runs both stages' first phases on the same blocks (exact
hashes, MinHash signatures and band rows); once the first stage has decided, the
rows it removed are dropped from the second stage's signature and band files
(per block: each signature file names its block, the band files of a block share
its file name), and the second stage runs its later phases on the first stage's
survivors: the same signatures, the same LSH rows, so the same clusters, keepers
and verdicts as if it had read the first stage's output. The final stream reads
the one copy and applies both stages' verdicts in one map.

Fusion applies when the first stage is ``exact_dedup`` in ``filter`` mode (its
output has its input's columns), neither stage looks up earlier releases
(``against``), and the second stage's first phase runs in the pass (not on a GPU);
``CORPUSFORGE_STAGE_FUSION=0`` turns it off.
"""

from __future__ import annotations

import os
from typing import Any, Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from engine.config import RunConfig, Step

ENV = "CORPUSFORGE_STAGE_FUSION"
FIRST, SECOND = "exact_dedup", "minhash_dedup"
#: Signature files (bytes on disk) up to which the driver drops the removed rows from the
#: second stage's files itself (a few MB: milliseconds, no execution to schedule).
DRIVER_DROP_BYTES = 64 << 20


def fusable(cfg: RunConfig, first: Step, second: Step) -> bool:
    """Whether ``second`` can take its first phase from ``first``'s input pass."""
    if os.environ.get(ENV, "1") == "0":
        return False
    if first.op_cls.name != FIRST or second.op_cls.name != SECOND:
        return False
    against = cfg._against or {}
    if against.get(first.name) or against.get(second.name):
        return False
    return getattr(first.params, "mode", None) == "filter"


class BothPrepares:
    """One block through both stages' ``prepare`` functions; their counters under
    ``0:``/``1:`` prefixes (split again by :func:`split_prepared`)."""

    def __init__(self, first: Callable | None, second: Callable) -> None:
        self.first = first
        self.second = second

    def __call__(self, table: pa.Table) -> dict[str, int]:
        out: dict[str, int] = {}
        for i, fn in enumerate((self.first, self.second)):
            if fn is not None:
                out.update({f"{i}:{k}": int(v) for k, v in (fn(table) or {}).items()})
        return out


def split_prepared(prepared: dict[str, int] | None) -> tuple[dict[str, int], dict[str, int]]:
    """The summed counters of :class:`BothPrepares` -> (first stage's, second stage's)."""
    parts: tuple[dict[str, int], dict[str, int]] = ({}, {})
    for key, v in (prepared or {}).items():
        i, _, name = key.partition(":")
        parts[int(i)][name] = v
    return parts


def removed_rids(verdict_root: str, block_keys: np.ndarray) -> np.ndarray:
    """Row ids the first stage removed (verdict ``keep`` false) in the given blocks, sorted."""
    from operators.dedup.common import KEEP, RID, read_block_verdicts

    verdicts = read_block_verdicts(verdict_root, block_keys)
    if verdicts.num_rows == 0:
        return np.zeros(0, np.int64)
    gone = verdicts.filter(pc.invert(pc.fill_null(verdicts.column(KEEP), True)))
    return np.sort(gone.column(RID).to_numpy())


def _keep_mask(rid: np.ndarray, gone: np.ndarray) -> np.ndarray:
    pos = np.minimum(np.searchsorted(gone, rid), len(gone) - 1)
    return gone[pos] != rid


def _rewrite(path: str, table: pa.Table) -> None:
    """Replace ``path`` by ``table`` (atomically), or remove it when ``table`` is empty."""
    if table.num_rows == 0:
        os.remove(path)
        return
    tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


class DropFromMinhash:
    """Remove the first stage's removed rows from minhash_dedup's prepared files under
    ``work_dir``: for each signature file named in a batch of work items (one read
    block each), its rows in ``signatures/`` and, with the file shuffle, the same
    file name under ``bands/part=<k>/``. Memory: one block's signatures and
    verdicts. Returns one row ``{"files": signature files rewritten, "rows": rows dropped}``."""

    def __init__(self, work_dir: str, verdict_root: str) -> None:
        self.work_dir = work_dir
        self.verdict_root = verdict_root

    def __call__(self, batch: pa.Table) -> pa.Table:
        from operators.dedup.common import BLK, RID

        band_dir = os.path.join(self.work_dir, "bands")
        parts = sorted(os.listdir(band_dir)) if os.path.isdir(band_dir) else []
        files = dropped = 0
        for path in batch.column("path").to_pylist():
            sig = pq.read_table(path)
            gone = removed_rids(self.verdict_root, np.unique(sig.column(BLK).to_numpy()))
            if len(gone) == 0:
                continue
            keep = _keep_mask(sig.column(RID).to_numpy(), gone)
            if keep.all():
                continue
            dropped += int((~keep).sum())
            files += 1
            name = os.path.basename(path)
            _rewrite(path, sig.filter(pa.array(keep)))
            for part in parts:  # the block's band rows: the same file name in each partition
                band_path = os.path.join(band_dir, part, name)
                if os.path.exists(band_path):
                    bands = pq.read_table(band_path)
                    _rewrite(
                        band_path, bands.filter(pa.array(_keep_mask(bands.column(RID).to_numpy(), gone)))
                    )
        return pa.table({"files": [files], "rows": [dropped]})


def drop_first_stage_removals(rt: Any, work_dir: str, verdict_root: str, local: bool) -> dict[str, int]:
    """The first stage's removals out of minhash_dedup's prepared files: on the driver
    when the output is local and the signature files are small (``DRIVER_DROP_BYTES``:
    milliseconds, no execution to schedule), else one task per signature file
    (``rt``: the stage runtime)."""
    from operators.dedup.common import parquet_files

    paths = parquet_files(os.path.join(work_dir, "signatures"))
    if not os.path.isdir(verdict_root) or not paths:
        return {"files": 0, "rows": 0}
    fn = DropFromMinhash(work_dir, verdict_root)
    if local and sum(os.path.getsize(p) for p in paths) <= DRIVER_DROP_BYTES:
        row = fn(pa.table({"path": paths}))
        return {k: int(row.column(k)[0].as_py()) for k in row.column_names}
    return rt.run_items([{"path": p} for p in paths], fn, "drop_first_stage_removals")


__all__ = ["fusable", "BothPrepares", "split_prepared", "DropFromMinhash", "drop_first_stage_removals"]
