"""MinHash dedup benchmark: signatures per core (ours vs datasketch vs rensa) and end to end
(ours on the Ray executor vs datatrove's four-stage MinHash), printed as JSON.

    python scripts/bench_minhash.py --corpus /work/shared/corpora/en_web.jsonl.gz \
        [--sig-mb 8] [--peer-mb 2] [--e2e-mb 20] [--skip-e2e]

Signatures: 2-5 KB documents, num_perm=128, word 5-grams. datasketch and rensa
are timed from the text (Python tokenizing + 5-gram set + update), which is how
they are used; ours is the compiled one-pass kernel on one core.
End to end: both tools get the same JSONL with 5-grams, 14 bands x 8 rows
(ours with its default exact keeper check; ``--keeper-cost`` times ours without it too);
datatrove runs with one worker (per core by construction), ours on a local
Ray with ``--cpus`` CPUs, divided by that count. datatrove and rensa are
benchmark-only installs, never project dependencies.

Peers side by side (issue #19's goal: >= 10x Data-Juicer 1.6, >= 15x datatrove 0.10):

    python scripts/bench_minhash.py --peers [--e2e-mb 100] [--cpus 2] [--ours-dj-params] \
        [--djlib /tmp/djlib] [--dtlib /tmp/dtlib]

``--warm [N]`` also runs ours N times (default 3) on a warm local Ray: ``corpusforge ray up``
(its own state directory, not timed), each run ``corpusforge run --ray auto``, then ``ray down``;
CPU there is that of the warm Ray's processes and the command while it ran (``cpu_s``, also by
process and task: ``cpu_by_process``) and after it until they are idle (``cpu_after_s``: workers
readied for the next run; the next run starts only then); the first run after ``ray up``
and the later ones are reported and compared with the peers apart. The peers run as always
(they have no warm mode). ``--no-cold`` skips ours' cold runs.

builds ``--e2e-mb`` MB of ~2 KB English documents from ../shared/corpora/en_docs
and en_web (10% near copies, see ``make_2kb_corpus``) and runs, one after the
other, each as its own process: ``corpusforge run`` (minhash_dedup 14 x 8,
5-gram words, no verify), Data-Juicer's ``document_minhash_deduplicator`` with
its recipe's 256 permutations and Jaccard 0.7 through its ``process_data`` tool
with ``np`` = ``--cpus`` processes (``--dj-in-process``: one; the shims that make its
process pool work from a ``--target`` install are in ``DJ_SHIMS``; its automatic package
installs are blocked), and datatrove's four MinHash stages (14 x 8) with
``--cpus`` workers. Printed: wall and CPU seconds of each whole run (process
tree, /proc), MB/s per core, peers' wall and CPU over ours, kept documents.
Install the peers with ``pip install --target /tmp/djlib py-data-juicer==1.6.1 aiohttp``
and ``pip install --target /tmp/dtlib datatrove==0.10.1 tokenizers orjson`` (a fresh resolve of
2026-12 left out aiohttp, which Data-Juicer's import needs, and orjson, which datatrove's JsonlReader needs).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_WORD_RE = re.compile(r"[^\W_]+")


def load_docs(path: str, max_mb: float, min_bytes: int, max_bytes: int) -> list[dict]:
    docs, total = [], 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            n = len(row["text"].encode("utf-8"))
            if min_bytes <= n <= max_bytes:
                docs.append({"id": str(row["id"]), "text": row["text"]})
                total += n
                if total >= max_mb * 1e6:
                    break
    return docs


_SENT_RE = re.compile(r"(?<=[.!?])\s+")


def make_2kb_corpus(paths: list[str], mb: float, dup_rate: float = 0.1, seed: int = 0) -> list[dict]:
    """``mb`` MB of ~2 KB English documents for the end-to-end comparison.

    The shared corpora hold ~15 MB of English, less than the issue's 130 MB,
    so documents are recombined from real sentences (each one ~2 KB of
    sentences drawn from all sources: unique at the 5-gram level), and a
    ``dup_rate`` share are near copies of earlier documents with 0.5-3% of
    their words replaced (5-gram Jaccard ~0.7-0.95: what MinHash must find).
    """
    rng = np.random.default_rng(seed)
    sentences: list[str] = []
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                sentences += [s.strip() for s in _SENT_RE.split(text) if 40 <= len(s.strip()) <= 400]
    vocab = sorted({w for s in sentences[:20000] for w in s.split()})  # sorted: the same corpus every run
    docs: list[dict] = []
    total = 0
    while total < mb * 1e6:
        if docs and rng.random() < dup_rate:
            words = docs[int(rng.integers(len(docs)))]["text"].split(" ")
            for i in rng.choice(
                len(words), max(1, int(len(words) * rng.uniform(0.005, 0.03))), replace=False
            ):
                words[i] = vocab[int(rng.integers(len(vocab)))]
            text = " ".join(words)
        else:
            parts, n = [], 0
            while n < 2000:
                s = sentences[int(rng.integers(len(sentences)))]
                parts.append(s)
                n += len(s) + 1
            text = " ".join(parts)
        docs.append({"id": f"d{len(docs)}", "text": text})
        total += len(text.encode("utf-8"))
    return docs


def _shingles(text: str, n: int = 5) -> list[str]:
    toks = [t.lower() for t in _WORD_RE.findall(text)]
    if len(toks) < n:
        return [" ".join(toks)] if toks else []
    return list({" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)})


def bench_signatures(docs: list[dict], peer_docs: list[dict]) -> dict:
    from operators.dedup import minhash_kernel as mk

    out: dict = {}
    texts = [d["text"] for d in docs]
    nbytes = sum(len(t.encode()) for t in texts)
    a, b = mk.fast_permutations(128, 1)
    arr = pa.array(texts)
    modes = np.zeros(len(texts), np.int8)
    mk.signatures(arr[:8], modes[:8], 5, a, b)  # compile / load cache
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for s in range(0, len(texts), 1024):
            mk.signatures(arr[s : s + 1024], modes[s : s + 1024], 5, a, b)
        best = min(best, time.perf_counter() - t0)
    out["ours_mb_s_per_core"] = nbytes / 1e6 / best

    ptexts = [d["text"] for d in peer_docs]
    pbytes = sum(len(t.encode()) for t in ptexts)
    from datasketch import MinHash

    t0 = time.perf_counter()
    for t in ptexts:
        m = MinHash(num_perm=128, seed=1)
        m.update_batch([s.encode("utf-8") for s in _shingles(t)])
    out["datasketch_mb_s_per_core"] = pbytes / 1e6 / (time.perf_counter() - t0)
    try:
        from rensa import RMinHash

        t0 = time.perf_counter()
        for t in ptexts:
            m = RMinHash(num_perm=128, seed=1)
            m.update(_shingles(t))
            m.digest()
        out["rensa_mb_s_per_core"] = pbytes / 1e6 / (time.perf_counter() - t0)
        out["ratio_vs_rensa"] = out["ours_mb_s_per_core"] / out["rensa_mb_s_per_core"]
    except ImportError:
        out["rensa_mb_s_per_core"] = None
    out["ratio_vs_datasketch"] = out["ours_mb_s_per_core"] / out["datasketch_mb_s_per_core"]
    out["docs"], out["mb"], out["peer_mb"] = len(texts), nbytes / 1e6, pbytes / 1e6
    return out


class _PeakRSS:
    """Samples the RSS of the driver (this process, or ``pid``) and of every Ray worker process (psutil)."""

    def __init__(self, pid: int | None = None) -> None:
        self.pid = pid
        self.driver = 0
        self.worker = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        import psutil

        me = psutil.Process(self.pid)
        while not self._stop.is_set():
            try:
                self.driver = max(self.driver, me.memory_info().rss)
                for p in psutil.process_iter(["name", "cmdline"]):
                    cmd = " ".join(p.info.get("cmdline") or [])
                    if cmd.startswith("ray::") or "default_worker.py" in cmd:
                        self.worker = max(self.worker, p.memory_info().rss)
            except Exception:  # noqa: BLE001, S110 - processes come and go
                pass
            time.sleep(0.2)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()


def _shim_datatrove_xxhash() -> None:
    """datatrove 0.10 passes str to xxhash, which xxhash >= 4 rejects: encode first (bench only)."""
    import xxhash
    from datatrove.utils.hashes import xxhash as dt_xx

    dt_xx.xxhash32 = lambda data: xxhash.xxh32_intdigest(data.encode() if isinstance(data, str) else data)
    dt_xx.xxhash64 = lambda data: xxhash.xxh64_intdigest(data.encode() if isinstance(data, str) else data)


def bench_e2e(docs: list[dict], cpus: int, peer: bool = True, verify_keeper: bool = True) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="bench_minhash_"))
    inp = tmp / "in"
    inp.mkdir()
    with open(inp / "docs.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    nbytes = sum(len(d["text"].encode()) for d in docs)
    res: dict = {"docs": len(docs), "mb": nbytes / 1e6, "verify_keeper": verify_keeper}

    cfg = {
        "name": "bench_minhash",
        "input": {"paths": [str(inp)], "format": "jsonl"},
        "output": {"path": str(tmp / "ours"), "format": "parquet", "overwrite": True},
        "ray": {"num_cpus": cpus},
        "execution": {"progress": False},
        "pipeline": [
            {
                "op": "minhash_dedup",
                "num_perm": 112,
                "bands": 14,
                "rows": 8,
                "ngram_size": 5,
                "tokenizer": "words",
                "verify": False,
                "verify_keeper": verify_keeper,
            }
        ],
    }
    # ours runs as its own process (the CLI), so that its driver's memory is measured alone
    import subprocess

    cfg_path = tmp / "ours.json"
    cfg_path.write_text(json.dumps(cfg))
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "engine.cli", "run", str(cfg_path)],
        cwd=str(ROOT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    with _PeakRSS(proc.pid) as mem:
        _, err = proc.communicate()
    dt = time.perf_counter() - t0
    if proc.returncode:
        raise RuntimeError(f"corpusforge run failed: {err.decode(errors='replace')[-2000:]}")
    report = json.loads((tmp / "ours" / "report.json").read_text())
    res["ours_s"] = dt
    res["ours_kept"] = report["output_docs"]
    res["ours_mb_s_per_core"] = nbytes / 1e6 / dt / cpus
    res["ours_peak_rss_driver_mb"] = mem.driver / 1e6
    res["ours_peak_rss_worker_mb"] = mem.worker / 1e6
    res["ours_stage_report"] = report.get("stages", report.get("ops"))
    if not peer:
        return res

    try:
        from datatrove.executor import LocalPipelineExecutor
        from datatrove.pipeline.dedup.minhash import (
            MinhashConfig,
            MinhashDedupBuckets,
            MinhashDedupCluster,
            MinhashDedupFilter,
            MinhashDedupSignature,
        )
        from datatrove.pipeline.readers import JsonlReader
        from datatrove.pipeline.writers import JsonlWriter
    except ImportError as err:
        res["datatrove"] = f"not installed: {err}"
        return res
    _shim_datatrove_xxhash()
    conf = MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1)
    dt_dir = tmp / "datatrove"
    t0 = time.perf_counter()
    stages = [
        [
            JsonlReader(str(inp), text_key="text", id_key="id"),
            MinhashDedupSignature(output_folder=str(dt_dir / "sigs"), config=conf),
        ],
        [
            MinhashDedupBuckets(
                input_folder=str(dt_dir / "sigs"), output_folder=str(dt_dir / "buckets"), config=conf
            )
        ],
        [
            MinhashDedupCluster(
                input_folder=str(dt_dir / "buckets"), output_folder=str(dt_dir / "remove"), config=conf
            )
        ],
        [
            JsonlReader(str(inp), text_key="text", id_key="id"),
            MinhashDedupFilter(input_folder=str(dt_dir / "remove")),
            JsonlWriter(str(dt_dir / "out")),
        ],
    ]
    tasks = [1, conf.num_buckets, 1, 1]
    try:
        for k, (pipe, n) in enumerate(zip(stages, tasks)):
            LocalPipelineExecutor(
                pipeline=pipe, tasks=n, workers=1, logging_dir=str(dt_dir / f"logs{k}")
            ).run()
    except Exception as err:  # noqa: BLE001 - report ours even when the peer cannot run
        res["datatrove"] = f"failed: {type(err).__name__}: {err}"
        return res
    res["datatrove_s"] = time.perf_counter() - t0
    kept = 0
    for f in (dt_dir / "out").glob("*.jsonl*"):
        opener = gzip.open if str(f).endswith(".gz") else open
        with opener(f, "rt") as fh:
            kept += sum(1 for _ in fh)
    res["datatrove_kept"] = kept
    res["datatrove_mb_s_per_core"] = nbytes / 1e6 / res["datatrove_s"]
    res["ratio_per_core"] = res["ours_mb_s_per_core"] / res["datatrove_mb_s_per_core"]
    res["kept_diff_pct"] = 100.0 * abs(res["ours_kept"] - kept) / max(1, kept)
    return res


# --------------------------------------------------------------------------- peers, side by side
# Data-Juicer's shims live in an importable module (``dj_shims.py`` beside the runner): its
# datasets process pool pickles the op with dill, which pickles functions of ``__main__`` BY VALUE,
# with their module's globals. dill also pickles by value every module outside ``sys.prefix``,
# which is where a ``pip install --target`` lands (numpy then fails: "Can't pickle
# numpy._ArrayFunctionDispatcher"); modules of the --target install are pickled by reference, as
# a site-packages install of Data-Juicer would have them.
DJ_SHIMS = """
import os, subprocess
import dill._dill as _dill
from data_juicer.ops import base_op
from data_juicer.utils import lazy_loader

_TARGET = os.path.realpath({djlib!r}) + os.sep
_builtin = _dill._is_builtin_module

def _by_reference(module):
    path = getattr(module, "__file__", None)
    return _builtin(module) or bool(path and os.path.realpath(path).startswith(_TARGET))

_dill._is_builtin_module = _by_reference

def _no_install(*args, **kwargs):  # Data-Juicer installs missing packages on first use: never here
    raise subprocess.CalledProcessError(1, "pip install (blocked by the benchmark)")

lazy_loader.LazyLoader._install_package = classmethod(_no_install)

def _no_free_models(*args, **kwargs):  # no model in this op; it would import (and install) torch
    return None

base_op.free_models = _no_free_models
if {in_process}:  # one process (np processes are the default: the fair comparison)
    base_op.OP.runtime_np = lambda self: None
"""

DJ_RUNNER = """
import sys
sys.path.insert(0, {here!r})
import dj_shims  # noqa: F401
sys.argv = ["process_data", "--config", sys.argv[1]]
from tools.process_data import main
main()
"""

DT_RUNNER = """
import sys, xxhash
from datatrove.utils.hashes import xxhash as dt_xx
# datatrove 0.10 passes str to xxhash, which xxhash >= 4 rejects: encode first (bench only)
dt_xx.xxhash32 = lambda d: xxhash.xxh32_intdigest(d.encode() if isinstance(d, str) else d)
dt_xx.xxhash64 = lambda d: xxhash.xxh64_intdigest(d.encode() if isinstance(d, str) else d)
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
    MinhashDedupFilter, MinhashDedupSignature)
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
inp, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
conf = MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1)
stages = [
    ([JsonlReader(inp, text_key="text", id_key="id"),
      MinhashDedupSignature(output_folder=out + "/sigs", config=conf)], 1),
    ([MinhashDedupBuckets(input_folder=out + "/sigs", output_folder=out + "/buckets", config=conf)],
     conf.num_buckets),
    ([MinhashDedupCluster(input_folder=out + "/buckets", output_folder=out + "/remove", config=conf)], 1),
    ([JsonlReader(inp, text_key="text", id_key="id"), MinhashDedupFilter(input_folder=out + "/remove"),
      JsonlWriter(out + "/out")], 1),
]
for k, (pipe, n) in enumerate(stages):
    LocalPipelineExecutor(pipeline=pipe, tasks=n, workers=min(workers, n),
                          logging_dir=out + f"/logs{k}").run()
"""


def _metered(
    cmd: list[str], env: dict | None = None, cwd: str | None = None, log: Path | None = None
) -> dict:
    """Run ``cmd`` once the machine is idle (scripts/machine_idle.py; ``settle_s``: seconds waited);
    wall seconds, CPU seconds of its whole process tree and peak RSS of one process."""
    import subprocess

    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_incremental import TreeMeter
    from machine_idle import wait_until_idle

    settle_s = wait_until_idle()
    t0 = time.perf_counter()
    with open(log or os.devnull, "w") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        meter = TreeMeter(proc.pid)
        meter.start()
        clock = _CpuClock(meter, t0)
        clock.start()
        rc = proc.wait()
    meter.stop.set()
    meter.join()
    clock.stop.set()
    clock.join()
    return {
        "rc": rc,
        "wall_s": round(time.perf_counter() - t0, 1),
        "cpu_s": round(sum(meter.cpu.values()), 1),
        "peak_rss_mb": meter.rss >> 20,
        "settle_s": settle_s,
        "cpu_samples": clock.samples,
    }


class _CpuClock(threading.Thread):
    """(seconds since ``t0``, CPU seconds of the metered tree so far) every 0.1 s, from the
    tree meter's per-process maxima (its 0.2 s sampling bounds the resolution)."""

    def __init__(self, meter, t0: float) -> None:
        super().__init__(daemon=True)
        self.meter, self.t0, self.stop = meter, t0, threading.Event()
        self.samples: list[tuple[float, float]] = []

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.append((time.perf_counter() - self.t0, sum(list(self.meter.cpu.values()))))
            time.sleep(0.1)


def phase_core_use(phases: list[dict], samples: list[tuple[float, float]], cpus: int) -> dict[str, list]:
    """Per phase of a run's report (``phases``: consecutive, from the command's start): [wall s,
    CPU s of the process tree in it, core use = CPU / (cpus x wall)]. The command's start is taken
    as the bench's launch (a few ms early); CPU comes from 0.2 s samples, so short phases are coarse."""

    def at(t: float) -> float:
        best = 0.0
        for ts, cpu in samples:
            if ts > t:
                break
            best = cpu
        return best

    out, acc = {}, 0.0
    for p in phases:
        a, b = acc, acc + float(p["seconds"])
        cpu = at(b) - at(a)
        out[p["phase"]] = [round(b - a, 2), round(cpu, 2), round(cpu / (cpus * max(b - a, 1e-3)), 2)]
        acc = b
    return out


class _WarmMeter(threading.Thread):
    """CPU seconds and peak RSS of a warm local Ray's processes (those carrying its process token:
    head, workers, the warm driver and the runs it forks) plus the client command's own tree,
    sampled every 0.1 s. A process's CPU counts from :meth:`mark` (its value then, or zero for a
    process started later); a process that ends between two samples loses at most 0.1 s of it."""

    def __init__(self, token: str, client: int | None = None) -> None:
        super().__init__(daemon=True)
        self.token, self.client = token, client
        self.base: dict[int, float] = {}
        self.seen: dict[int, float] = {}
        self.kinds: dict[str, float] = {}
        self.rss = 0
        self.stop = threading.Event()
        self._lock = threading.Lock()

    def _sample(self) -> dict[int, tuple[float, int]]:
        from bench_incremental import _proc_table

        from engine.shutdown import processes_with_token

        table = _proc_table()
        pids = set(processes_with_token(self.token))
        if self.client is not None:
            frontier = [self.client]
            pids.add(self.client)
            while frontier:
                frontier = [p for p, row in table.items() if row[0] in frontier and p not in pids]
                pids.update(frontier)
        return {p: (table[p][1], table[p][2]) for p in pids if p in table}

    def mark(self) -> None:
        """Start counting from now."""
        with self._lock:
            self.base = {p: cpu for p, (cpu, _) in self._sample().items()}
            self.seen = dict(self.base)
            self.kinds = {}
            self.rss = 0

    def cpu(self) -> float:
        """CPU seconds since :meth:`mark` (a last sample taken now)."""
        self._poll()
        with self._lock:
            return sum(v - self.base.get(p, 0.0) for p, v in self.seen.items())

    def by_kind(self) -> dict[str, float]:
        """CPU seconds since :meth:`mark` by what the process was doing when it spent them (each
        sample's increase goes to the title then): a Ray worker's task (e.g.
        ``worker: MapBatches(_ReadFn)->MapBatches(_InputPass)``), ``driver`` (the command, or the
        warm driver's child running it), ``ray`` (Ray's own processes), ``other``."""
        with self._lock:
            return {k: round(v, 2) for k, v in sorted(self.kinds.items(), key=lambda kv: -kv[1]) if v >= 0.01}

    @staticmethod
    def _kind(pid: int) -> str:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            return "other"
        if cmd.startswith("ray::"):
            return "worker: " + cmd.split()[0][5:][:70]
        if "default_worker.py" in cmd or "setup_worker.py" in cmd:
            return "worker: (booting)"
        if "warm_driver" in cmd or "engine.cli" in cmd:
            return "driver"
        if any(k in cmd for k in ("gcs_server", "raylet", "ray/_private", "dashboard", "ray.scripts")):
            return "ray"
        return "other"

    def _poll(self) -> None:
        sample = self._sample()
        kinds = {p: self._kind(p) for p in sample}
        with self._lock:
            for p, (cpu, rss) in sample.items():
                last = self.seen.get(p, self.base.get(p, 0.0))
                if cpu > last:
                    self.kinds[kinds[p]] = self.kinds.get(kinds[p], 0.0) + cpu - last
                self.seen[p] = max(last, cpu)
                self.rss = max(self.rss, rss)

    def run(self) -> None:
        while not self.stop.is_set():
            self._poll()
            time.sleep(0.1)


def _settle(meter: "_WarmMeter", quiet_cpu: float = 0.05, most_s: float = 30.0) -> float:
    """Wait until the warm Ray is idle again (its processes spend under ``quiet_cpu`` CPU seconds
    in one second; at most ``most_s``); returns the seconds waited. Workers readied after a run
    (engine/warm_workers.py) boot here, not in the next run's window."""
    t0 = time.perf_counter()
    last = meter.cpu()
    while time.perf_counter() - t0 < most_s:
        time.sleep(1.0)
        now = meter.cpu()
        if now - last < quiet_cpu:
            break
        last = now
    return time.perf_counter() - t0


def _warm_runs(cfgs: dict[str, Path], tmp: Path, cpus: int, runs: int) -> dict:
    """``corpusforge ray up`` (outside the timed runs), then ``runs`` runs of each config with
    ``--ray auto``, then ``ray down``. Each run: the command's wall seconds; CPU seconds of the
    warm Ray's processes and the command's tree while it ran (``cpu_s``) and until they are idle
    after it (``cpu_after_s``: e.g. the job-less workers readied for the next run,
    engine/warm_workers.py); kept documents; the report's phases. The first run after
    ``ray up`` is reported apart from the later ones (``first`` / ``later``)."""
    import statistics
    import subprocess

    sys.path.insert(0, str(ROOT / "scripts"))
    # a private state directory: never attach to (or stop) another warm Ray on the machine
    env = {**os.environ, "CORPUSFORGE_RAY_DIR": str(tmp / "ray_state")}
    base = [sys.executable, "-m", "engine.cli"]
    t0 = time.perf_counter()
    up = subprocess.run(base + ["ray", "up", "--num-cpus", str(cpus)], env=env, cwd=str(ROOT),
                        capture_output=True, text=True)  # fmt: skip
    out: dict = {"ray_up_s": round(time.perf_counter() - t0, 2), "ray_up_rc": up.returncode}
    if up.returncode != 0:
        out["ray_up_output"] = (up.stdout + up.stderr)[-2000:]
        return out
    token = json.loads((tmp / "ray_state" / "state.json").read_text())["token"]
    boot = _WarmMeter(token)
    boot.mark()
    boot.start()
    out["ray_up_settle_s"] = round(_settle(boot), 1)  # the head's own start-up (workers booting): no run's
    boot.stop.set()
    boot.join()
    try:
        for name, cfg in cfgs.items():
            rows = []
            for i in range(runs):
                meter = _WarmMeter(token)
                meter.mark()
                meter.start()
                t0 = time.perf_counter()
                with open(tmp / f"{name}.warm{i}.log", "w") as log:
                    proc = subprocess.Popen(base + ["run", str(cfg), "--ray", "auto"], env=env,
                                            cwd=str(ROOT), stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
                    meter.client = proc.pid
                    rc = proc.wait()
                wall = time.perf_counter() - t0
                cpu = meter.cpu()
                kinds = meter.by_kind()
                settled = _settle(meter)
                after = meter.cpu() - cpu
                meter.stop.set()
                meter.join()
                row = {"run": i + 1, "rc": rc, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                       "cpu_after_s": round(after, 2), "settle_s": round(settled, 1),
                       "peak_rss_mb": meter.rss >> 20, "cpu_by_process": kinds}  # fmt: skip
                if rc == 0:
                    report = json.loads((Path(json.loads(cfg.read_text())["output"]["path"]) / "report.json")
                                        .read_text())  # fmt: skip
                    row["kept"] = report["output_docs"]
                    row["first_block_s"] = report.get("first_block_s")
                    row["phases"] = {p["phase"]: p["seconds"] for p in report.get("phases") or []}
                    row["stage_phases"] = (report["ops"][0].get("execution") or {}).get("phases")
                rows.append(row)
            later = [r for r in rows[1:] if r["rc"] == 0]
            summary: dict = {"first": rows[0], "runs": rows}
            if later:
                summary["later"] = {
                    "n": len(later),
                    "wall_s_median": round(statistics.median(r["wall_s"] for r in later), 2),
                    "cpu_s_median": round(statistics.median(r["cpu_s"] for r in later), 2),
                    "wall_s_min": min(r["wall_s"] for r in later),
                    "kept": sorted({r.get("kept") for r in later}, key=str),
                }
            out[name] = summary
    finally:
        down = subprocess.run(base + ["ray", "down"], env=env, cwd=str(ROOT), capture_output=True, text=True)
        out["ray_down_rc"] = down.returncode
    return out


def _count_lines(folder: Path, pattern: str = "*.jsonl*") -> int:
    n = 0
    for f in sorted(folder.glob(pattern)):
        opener = gzip.open if str(f).endswith(".gz") else open
        with opener(f, "rt") as fh:
            n += sum(1 for _ in fh)
    return n


def bench_peers(
    docs: list[dict],
    cpus: int,
    djlib: str | None,
    dtlib: str | None,
    dj_in_process: bool = False,
    ours_dj_params: bool = False,
    warm_runs: int = 0,
    cold: bool = True,
    ours_format: str = "jsonl",
) -> dict:
    """corpusforge (its CLI), Data-Juicer's document_minhash_deduplicator (its recipe's
    256 permutations, Jaccard 0.7, 5-gram words) and datatrove's four-stage MinHash
    (14 x 8, 5-grams) on the same JSONL, one after the other in this process: wall and
    CPU seconds of each whole run (imports, start, read, dedup, write), MB/s per core,
    ratios, kept documents. Peers run from their own ``--target`` installs (PYTHONPATH),
    never the project's environment. ``warm_runs``: ours also on a warm local Ray
    (``corpusforge ray up`` before, not timed; ``_warm_runs``), the peers as always;
    ``cold``: False skips ours' cold runs; ``ours_format``: our output format (``jsonl``:
    gzip-compressed JSON lines, as the peers write JSON lines; ``parquet``: the engine's default,
    zstd Parquet, ~1 CPU-s per 100 MB cheaper to write than gzip)."""
    tmp = Path(tempfile.mkdtemp(prefix="bench_minhash_peers_"))
    inp = tmp / "in"
    inp.mkdir()
    with open(inp / "docs.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    nbytes = sum(len(d["text"].encode()) for d in docs)
    mb = nbytes / 1e6
    res: dict = {"docs": len(docs), "mb": round(mb, 1), "cpus": cpus, "load_average_before": os.getloadavg()}
    res["ours_format"] = ours_format
    runs: dict = {}
    # issue #19's configuration (14 x 8, no verify: datatrove's LSH); with ``ours_dj_params`` also
    # Data-Juicer's (256 permutations, Jaccard 0.7, verify and keeper check on)
    sys.path.insert(0, str(ROOT / "scripts"))
    from first_use import warm_up

    ours_cfgs = {"corpusforge_14x8": {"num_perm": 112, "bands": 14, "rows": 8, "verify": False}}
    if ours_dj_params:
        ours_cfgs["corpusforge_256_0.7"] = {"num_perm": 256, "threshold": 0.7}
    cfg_paths: dict[str, Path] = {}
    for name, params in ours_cfgs.items():
        cfg = {
            "name": "bench_minhash",
            "input": {"paths": [str(inp)], "format": "jsonl"},
            "output": {"path": str(tmp / name), "format": ours_format, "overwrite": True},
            "ray": {"num_cpus": cpus},
            "execution": {"progress": False},
            "pipeline": [{"op": "minhash_dedup", "ngram_size": 5, "tokenizer": "words", **params}],
        }
        (tmp / f"{name}.json").write_text(json.dumps(cfg))
        cfg_paths[name] = tmp / f"{name}.json"
        if not cold:
            continue
        # a first run's one-time costs (numba compiling the kernels, .pyc files) paid on a sample
        # and printed beside the timed run, not in it (scripts/first_use.py)
        first_use = warm_up(cfg, docs[:2000], tmp / f"first_use_{name}")
        r = _metered(
            [sys.executable, "-m", "engine.cli", "run", str(tmp / f"{name}.json")],
            cwd=str(ROOT),
            log=tmp / f"{name}.log",
        )
        r["first_use"] = first_use
        if r["rc"] == 0:
            report = json.loads((tmp / name / "report.json").read_text())
            r["kept"] = report["output_docs"]
            # where our wall time went (engine/phases.py): start, first block, the stage's phases, stream
            r["phases"] = {p["phase"]: p["seconds"] for p in report.get("phases") or []}
            # CPU seconds and core use of each phase (where a core idled)
            r["phase_core_use"] = phase_core_use(report.get("phases") or [], r.get("cpu_samples") or [], cpus)
            execution = report["ops"][0].get("execution") or {}
            r["stage_phases"] = execution.get("phases")
            r["stage_executions"] = execution.get("execution_seconds")
        runs[name] = {"params": params, **r}
    if warm_runs:
        res["warm"] = _warm_runs(cfg_paths, tmp, cpus, warm_runs)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1")
    if djlib:
        dj_dir = tmp / "data_juicer"
        dj_dir.mkdir()
        (dj_dir / "dj_shims.py").write_text(DJ_SHIMS.format(djlib=djlib, in_process=dj_in_process))
        (dj_dir / "run_dj.py").write_text(DJ_RUNNER.format(here=str(dj_dir)))
        (dj_dir / "cfg.yaml").write_text(
            f"project_name: bench\ndataset_path: {inp / 'docs.jsonl'}\n"
            f"export_path: {dj_dir / 'out' / 'out.jsonl'}\n"
            f"np: {cpus}\ntext_keys: text\nopen_tracer: false\nprocess:\n  - document_minhash_deduplicator:\n"
            "      tokenization: space\n      window_size: 5\n      lowercase: true\n"
            "      num_permutations: 256\n      jaccard_threshold: 0.7\n"
        )
        r = _metered(
            [sys.executable, "run_dj.py", "cfg.yaml"],
            env={**env, "PYTHONPATH": djlib},
            cwd=str(dj_dir),
            log=dj_dir / "log.txt",
        )
        if r["rc"] == 0:
            r["kept"] = _count_lines(dj_dir / "out", "out.jsonl")
        r["processes"] = 1 if dj_in_process else cpus
        runs["data_juicer"] = {
            "params": {"num_permutations": 256, "jaccard_threshold": 0.7, "window_size": 5},
            **r,
        }
    if dtlib:
        dt_dir = tmp / "datatrove"
        r = _metered(
            [sys.executable, "-c", DT_RUNNER, str(inp), str(dt_dir), str(cpus)],
            env={**env, "PYTHONPATH": dtlib},
            cwd=str(tmp),
            log=tmp / "datatrove.log",
        )
        if r["rc"] == 0:
            r["kept"] = _count_lines(dt_dir / "out")
        runs["datatrove"] = {"params": {"n_grams": 5, "num_buckets": 14, "hashes_per_bucket": 8}, **r}
    for r in runs.values():
        r.pop("cpu_samples", None)  # summed into phase_core_use (ours)
        if r["rc"] == 0:
            r["mb_s_per_core_wall"] = round(mb / r["wall_s"] / cpus, 3)
            r["mb_s_per_cpu_second"] = round(mb / max(r["cpu_s"], 1e-9), 3)
    ratios = {}
    dj_ours = "corpusforge_256_0.7" if "corpusforge_256_0.7" in ours_cfgs else "corpusforge_14x8"
    for ours, peer in ((dj_ours, "data_juicer"), ("corpusforge_14x8", "datatrove")):
        a, b = runs.get(ours, {}), runs.get(peer, {})
        if a.get("rc") == 0 and b.get("rc") == 0:
            ratios[f"{peer}_over_{ours}"] = {
                "wall": round(b["wall_s"] / a["wall_s"], 2),
                "cpu": round(b["cpu_s"] / a["cpu_s"], 2),
                "kept_diff": a["kept"] - b["kept"],
                "kept_diff_pct": round(100 * (a["kept"] - b["kept"]) / max(b["kept"], 1), 2),
            }
    warm = res.get("warm") or {}
    for ours, peer in ((dj_ours, "data_juicer"), ("corpusforge_14x8", "datatrove")):
        b = runs.get(peer, {})
        if ours not in warm or b.get("rc") != 0:
            continue
        first, later = warm[ours]["first"], warm[ours].get("later")
        if first.get("rc") == 0:
            ratios[f"{peer}_over_{ours}_warm_first"] = {
                "wall": round(b["wall_s"] / first["wall_s"], 2),
                "cpu": round(b["cpu_s"] / max(first["cpu_s"], 1e-9), 2),
                "kept_diff": first["kept"] - b["kept"],
            }
        if later:
            ratios[f"{peer}_over_{ours}_warm_later_median"] = {
                "wall": round(b["wall_s"] / later["wall_s_median"], 2),
                "cpu": round(b["cpu_s"] / max(later["cpu_s_median"], 1e-9), 2),
            }
    res.update(runs=runs, ratios=ratios, work_dir=str(tmp), load_average_after=os.getloadavg())
    return res


def _print_summary(result: dict) -> None:
    """One line per run (wall, CPU, kept) and the ratios, to stderr."""
    err = sys.stderr
    print(f"\n{result['mb']} MB, {result['docs']:,} docs, {result['cpus']} CPUs", file=err)
    for name, r in result["runs"].items():
        print(f"  {name:<28} cold  wall {r.get('wall_s')} s  cpu {r.get('cpu_s')} s  kept {r.get('kept')}",
              file=err)  # fmt: skip
        for phase, (wall, cpu, use) in (r.get("phase_core_use") or {}).items():
            print(f"      {phase:<24} {wall:6.2f} s  {cpu:6.2f} CPU-s  core use {use:.2f}", file=err)
    for name, w in (result.get("warm") or {}).items():
        if not isinstance(w, dict):
            continue
        for r in w["runs"]:
            print(f"  {name:<28} warm {r['run']}  wall {r['wall_s']} s  cpu {r['cpu_s']} s "
                  f"(+{r['cpu_after_s']} after)  kept {r.get('kept')}", file=err)  # fmt: skip
    for name, r in result["ratios"].items():
        print(f"  {name}: wall {r['wall']}x, cpu {r['cpu']}x", file=err)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="JSONL.gz of the signature benchmark (required unless --peers)")
    ap.add_argument("--sig-mb", type=float, default=8.0, help="MB of 2-5 KB documents for our kernel")
    ap.add_argument("--peer-mb", type=float, default=2.0, help="MB for datasketch and rensa (slower)")
    ap.add_argument("--e2e-mb", type=float, default=20.0, help="MB for the end-to-end comparison")
    ap.add_argument(
        "--e2e-sources",
        nargs="*",
        default=None,
        help="build the end-to-end corpus as ~2 KB documents recombined from these JSONL.gz files "
        "(10%% near copies) instead of taking --corpus documents as they are",
    )
    ap.add_argument("--skip-datatrove", action="store_true", help="time ours only")
    ap.add_argument("--skip-signatures", action="store_true")
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("--skip-e2e", action="store_true")
    ap.add_argument(
        "--peers",
        action="store_true",
        help="only the side-by-side run: ours (CLI) vs Data-Juicer vs datatrove on --e2e-mb MB built from "
        "--e2e-sources (default ../shared/corpora/en_docs + en_web)",
    )
    ap.add_argument(
        "--ours-dj-params",
        action="store_true",
        help="--peers: also run ours with Data-Juicer's parameters (256 permutations, Jaccard 0.7)",
    )
    ap.add_argument(
        "--djlib", default="/tmp/djlib", help="a pip --target install of py-data-juicer (none: skip)"
    )
    ap.add_argument("--dtlib", default="/tmp/dtlib", help="a pip --target install of datatrove (none: skip)")
    ap.add_argument(
        "--dj-in-process",
        action="store_true",
        help="Data-Juicer in one process (np: 1); default np = --cpus processes, as ours gets --cpus CPUs",
    )
    ap.add_argument(
        "--keeper-cost",
        action="store_true",
        help="also time ours end to end with verify_keeper: false (the cost of the exact keeper check)",
    )
    ap.add_argument(
        "--warm",
        type=int,
        nargs="?",
        const=3,
        default=0,
        metavar="N",
        help="--peers: also N runs (default 3) of ours on a warm local Ray (`corpusforge ray up` first, "
        "outside the timed runs; each run `--ray auto`; the first run after ray up reported apart)",
    )
    ap.add_argument("--no-cold", action="store_true", help="--peers: skip ours' cold runs (with --warm)")
    ap.add_argument(
        "--ours-format",
        choices=("jsonl", "parquet"),
        default="jsonl",
        help="--peers: our output format (jsonl: gzip JSON lines, the default here as the peers write "
        "JSON lines; parquet: the engine's default output)",
    )
    ap.add_argument(
        "--e2e-jsonl",
        help="--peers: take the documents (id, text) from this JSONL (e.g. the docs.jsonl an earlier run "
        "built, left in its work_dir) instead of building the corpus again",
    )
    args = ap.parse_args(argv)
    if not args.peers and not args.corpus:
        ap.error("--corpus is required (or --peers)")
    if args.peers:
        shared = ROOT.parent / "shared" / "corpora"
        sources = args.e2e_sources or [str(shared / "en_docs.jsonl.gz"), str(shared / "en_web.jsonl.gz")]
        if args.e2e_jsonl:
            with open(args.e2e_jsonl, encoding="utf-8") as f:
                docs = [{"id": r["id"], "text": r["text"]} for r in map(json.loads, f)]
        else:
            docs = make_2kb_corpus(sources, args.e2e_mb)
        libs = [None if v in (None, "none") else v for v in (args.djlib, args.dtlib)]
        result = bench_peers(
            docs, args.cpus, libs[0], libs[1], args.dj_in_process, args.ours_dj_params, args.warm,
            not args.no_cold, args.ours_format,
        )  # fmt: skip
        print(json.dumps(result, indent=2, default=str))
        _print_summary(result)
        return 0
    docs = load_docs(args.corpus, args.sig_mb, 2000, 5000)
    peer = docs[: max(1, int(len(docs) * min(1.0, args.peer_mb / max(args.sig_mb, 1e-9))))]
    result = {"corpus": os.path.basename(args.corpus)}
    if not args.skip_signatures:
        result["signatures"] = bench_signatures(docs, peer)
    if not args.skip_e2e:
        if args.e2e_sources:
            e2e_docs = make_2kb_corpus(args.e2e_sources, args.e2e_mb)
        else:
            e2e_docs = load_docs(args.corpus, args.e2e_mb, 1, 10**9)
        result["end_to_end"] = bench_e2e(e2e_docs, args.cpus, peer=not args.skip_datatrove)
        if args.keeper_cost:
            off = bench_e2e(e2e_docs, args.cpus, peer=False, verify_keeper=False)
            on = result["end_to_end"]
            result["keeper_verification_cost"] = {
                "without_s": off["ours_s"],
                "with_s": on["ours_s"],
                "without_mb_s_per_core": off["ours_mb_s_per_core"],
                "with_mb_s_per_core": on["ours_mb_s_per_core"],
                "slowdown": on["ours_s"] / off["ours_s"],
                "kept_without": off["ours_kept"],
                "kept_with": on["ours_kept"],
            }
    print(json.dumps(result, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
