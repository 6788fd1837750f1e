"""The `against` lookup's read of an earlier index: probing vs loading (issue #15).

For every partition of a release's index (``exact``, ``bands`` or
``signatures`` of ``OUT/index/<step>/``), a query of new keys is made: a
fraction ``--hit`` of them drawn from the stored keys (the copies of old
documents), the rest random (new documents), ``--new-fraction`` x the
partition's rows in all. Two ways to find the stored rows holding those keys:

* ``load``: read the whole partition and hash-join it with the query (the
  lookup before it probed);
* ``probe``: :func:`operators.dedup.index.probe_index_partition` (only the
  row groups whose key range holds a query key, filtered against the keys).

Each way runs in its own child process; printed: CPU seconds
(``time.process_time``: this machine is shared, wall time is not comparable),
the child's peak RSS, the rows read and found (the two must find the same
rows). With ``--new-fraction 0.1`` every row group holds a query key, so both
read every row; smaller increments show what probing skips.

    python scripts/bench_index_probe.py /tmp/out/v1/index/minhash_dedup bands --new-fraction 0.1
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _queries(index: str, sub: str, fraction: float, hit: float, seed: int) -> dict[int, np.ndarray]:
    from operators.dedup.index import read_index_partition

    rng = np.random.default_rng(seed)
    meta = json.loads(Path(index, "meta.json").read_text())
    bits = meta["bits"]["exact" if sub == "exact" else sub]
    out = {}
    for d in sorted(Path(index, sub).glob("part=*")):
        p = int(d.name.split("=", 1)[1])
        keys = read_index_partition(index, sub, p, None).column(0).to_numpy()
        n = max(1, int(len(keys) * fraction))
        n_hit = int(n * hit)
        old = rng.choice(keys, n_hit, replace=False)
        fresh = rng.integers(0, 2**64 - 1, n - n_hit, dtype=np.uint64, endpoint=True)
        fresh = ((fresh >> np.uint64(bits)) | (np.uint64(p) << np.uint64(64 - bits))).view(np.int64)
        out[p] = np.concatenate([old, fresh])
    return out


def _child(index: str, sub: str, how: str, qfile: str) -> None:
    from operators.dedup.index import probed, read_index_partition

    q = np.load(qfile)
    cols = {"exact": ["h1", "h2"], "bands": ["bkey", "_dd_rid"], "signatures": ["_dd_rid", "sig"]}[sub]
    t0 = time.process_time()
    read = found = 0
    stats: dict[str, int] = {}
    for name in q.files:
        p, keys = int(name[1:]), q[name]
        query = pa.table({cols[0]: keys, "_q": np.arange(len(keys))})
        if how == "load":
            old = read_index_partition(index, sub, p, None, cols)
            read += old.num_rows
        else:
            old = probed(index, sub, p, None, cols, keys, stats)
            if old is None:
                continue
        found += query.join(old, keys=[cols[0]], join_type="inner", use_threads=False).num_rows
    cpu = time.process_time() - t0
    read = read if how == "load" else stats.get("index_rows_read", 0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
    print(
        json.dumps(
            {"how": how, "cpu_s": round(cpu, 3), "peak_rss_mb": rss, "rows_read": read, "found": found}
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index", help="OUT/index/<step> of a release")
    ap.add_argument("sub", choices=["exact", "bands", "signatures"])
    ap.add_argument("--new-fraction", type=float, default=0.1, help="query keys per stored row")
    ap.add_argument("--hit", type=float, default=0.1, help="fraction of query keys that are stored")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--child", choices=["load", "probe"], help=argparse.SUPPRESS)
    ap.add_argument("--queries", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.index, args.sub, args.child, args.queries)
        return
    qs = _queries(args.index, args.sub, args.new_fraction, args.hit, args.seed)
    qfile = f"/tmp/bench_index_probe_{os.getpid()}.npz"
    np.savez(qfile, **{f"p{p}": k for p, k in qs.items()})
    rows = sum(pq.ParquetFile(f).metadata.num_rows for f in Path(args.index, args.sub).rglob("*.parquet"))
    print(
        json.dumps({"index_rows": rows, "partitions": len(qs), "query_keys": int(sum(map(len, qs.values())))})
    )
    try:
        for how in ("load", "probe"):
            cmd = [sys.executable, __file__, args.index, args.sub, "--child", how, "--queries", qfile]
            print(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip())
    finally:
        os.remove(qfile)


if __name__ == "__main__":
    main()
