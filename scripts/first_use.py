"""Pay a config's one-time costs before a timed cold run, and say what they were.

The first run of a pipeline after an install (or after an edit of a kernel module) compiles
its numba kernels and writes numba's on-disk cache (``__pycache__/*.nbi``/``*.nbc`` beside the
module), and Python writes the ``.pyc`` of every engine and operator module it imports (an
editable install has none). Every later run on that machine loads both. On this 2-core machine
the quality chain's nine kernels take ~17 CPU-s to compile in each worker that needs them, and
minhash_dedup's seven ~7 CPU-s: a benchmark that timed the first run after a clone would time
the compiler, not the run (docs/startup.md, "First run after an install").

:func:`warm_up` runs ``corpusforge warmup`` with the config (its kernels compiled, the ``.pyc``
written, the stamp that tells ``corpusforge run`` not to start its background compile:
engine/kernel_compile.py), then ``corpusforge run`` once, untimed for the ratio, with the config's
pipeline over a small sample of the benchmark's own input (the other first-use caches: code point
tables, models), and returns their wall seconds and how many numba cache entries they added (0
when every kernel was compiled already: the usual case after the test suite). Benchmarks print it
beside their timed figures (``first_use``); the timed run after it is still a cold start in every
other respect (a fresh command, a fresh Ray, fresh workers that load the kernels from the cache),
and starts no background compile.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def numba_cache_entries() -> int:
    """Index files of numba's on-disk cache (one per cached kernel): under the project, or under
    ``NUMBA_CACHE_DIR`` when that is set."""
    custom = os.environ.get("NUMBA_CACHE_DIR")
    roots = [Path(custom)] if custom else [ROOT / "operators", ROOT / "engine"]
    return sum(1 for root in roots for _ in root.glob("**/*.nbi"))


def warm_up(cfg: dict, sample: list[dict], workdir: Path) -> dict:
    """Run ``cfg``'s pipeline once over ``sample`` (documents with ``id`` and ``text``) in
    ``workdir``; returns ``{"wall_s", "numba_cache_entries_added", "docs", "rc"}``."""
    workdir.mkdir(parents=True, exist_ok=True)
    src = workdir / "sample.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        f.writelines(
            json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n" for d in sample
        )
    run_cfg = dict(cfg)
    run_cfg["input"] = {**cfg.get("input", {}), "paths": [str(src)], "format": "jsonl"}
    run_cfg["output"] = {**cfg.get("output", {}), "path": str(workdir / "out"), "overwrite": True}
    path = workdir / "first_use.json"
    path.write_text(json.dumps(run_cfg))
    before = numba_cache_entries()
    t0 = time.perf_counter()
    warm = subprocess.run(
        [sys.executable, "-m", "engine.cli", "warmup", str(path)], cwd=str(ROOT), capture_output=True
    )
    warmup_s = time.perf_counter() - t0
    proc = subprocess.run(
        [sys.executable, "-m", "engine.cli", "run", str(path), "--quiet"], cwd=str(ROOT), capture_output=True
    )
    return {
        "wall_s": round(time.perf_counter() - t0, 2),
        "warmup_s": round(warmup_s, 2),
        "numba_cache_entries_added": numba_cache_entries() - before,
        "docs": len(sample),
        "rc": proc.returncode or warm.returncode,
    }
