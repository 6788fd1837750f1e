"""Throughput of the heuristic quality filters vs datatrove, per core, same corpus, same run.

For each filter (gopher_quality, gopher_repetition, c4_quality,
fineweb_quality) this times our operator (``apply`` over Arrow batches) and
datatrove's equivalent filter (``filter`` per document) on the same
documents in one process (one core), and prints JSON with MB/s (UTF-8
bytes of input text per second), the ratio, and the decision agreement.
Our caches (token vocabulary, chunk tokenizations) start empty.

    python scripts/bench_quality.py --corpus /work/shared/corpora/en_web.jsonl.gz \
        [--zh /work/shared/corpora/zh_news.jsonl.gz] [--limit 800]

``--chain`` (also ``scripts/bench.py quality-chain``; ``--scale N``: N copies of the corpus): the chain
gopher_repetition -> gopher_quality -> c4_quality -> fineweb_quality at
defaults, (1) end to end: ``corpusforge run`` (embedded Ray, ``--cores``
CPUs) against datatrove's ``LocalPipelineExecutor`` (JsonlReader + the same
four filters, ``--dt-tasks`` tasks on ``--cores`` workers) on the same
decompressed JSONL, each timed wall-clock once the machine is idle
(scripts/machine_idle.py), plus the kept-count difference; before ours, one
untimed run of the chain on 300 of the documents pays a first run's one-time
costs (numba compiling the kernels; scripts/first_use.py) and is printed as
``first_use``; (2) CPU time of the same chain in one process on each side
(``time.process_time``; immune to other load on a shared machine),
interleaved ``--repeat`` times, best taken.

    PYTHONPATH=/tmp/dtlib python scripts/bench.py quality-chain \
        --corpus /work/shared/corpora/en_docs.jsonl.gz --cores 2 [--warm]

``--warm`` also times our command on a warm local Ray (``corpusforge ray up`` first, outside the
timed region; two runs with ``--ray auto``) and prints the warm ratios beside the cold one, against
the same datatrove run (datatrove has no such mode: its figure is always a cold start).

datatrove is needed only here (see scripts/parity_datatrove.py for install;
``pip install --target /tmp/dtlib --no-deps datatrove orjson loguru huggingface_hub
dill multiprocess humanize`` keeps it out of the venv).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from operators.quality import common as _quality  # noqa: E402
from operators.quality.c4 import C4Quality  # noqa: E402
from operators.quality.fineweb import FineWebQuality  # noqa: E402
from operators.quality.gopher import GopherQuality, GopherRepetition  # noqa: E402
from operators.text import segment  # noqa: E402
from scripts.first_use import warm_up  # noqa: E402
from scripts.machine_idle import wait_until_idle  # noqa: E402


def _judge(op, table: pa.Table):
    """(scored table, keep mask, reasons) of a filter, as the engine's runner decides."""
    j = op.judge(table)
    return j.scored, j.keep, j.reasons


def load(path: str, limit: int | None) -> list[dict]:
    opener = gzip.open if path.endswith(".gz") else open
    docs = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(docs) >= limit:
                break
            d = json.loads(line)
            docs.append({"id": str(d.get("id", len(docs))), "text": d.get("text") or ""})
    return docs


def bench_corpus(path: str, language: str, limit: int | None, batch_size: int) -> dict:
    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )
    from datatrove.utils.text import split_into_words

    docs = load(path, limit)
    mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    batches = [
        pa.table(
            {
                "id": [d["id"] for d in docs[i : i + batch_size]],
                "text": [d["text"] for d in docs[i : i + batch_size]],
            }
        )
        for i in range(0, len(docs), batch_size)
    ]
    # warm up model/dictionary loading on both sides (not part of throughput)
    split_into_words("warm up", language)
    segment.words("warm up 预热", "zh" if language == "zh" else "default")
    _quality.VOCAB.reset()
    segment._CHUNK_CACHE.clear()

    pairs = [
        ("gopher_quality", GopherQuality(language=language), GopherQualityFilter(language=language)),
        ("gopher_repetition", GopherRepetition(language=language), GopherRepetitionFilter(language=language)),
        ("c4_quality", C4Quality(language=language), C4QualityFilter(language=language)),
        ("fineweb_quality", FineWebQuality(language=language), FineWebQualityFilter(language=language)),
    ]
    out = {
        "corpus": path,
        "language": language,
        "docs": len(docs),
        "mb": round(mb, 3),
        "avg_doc_bytes": round(mb * 1e6 / max(len(docs), 1)),
        "batch_size": batch_size,
        "filters": {},
    }
    for name, ours, theirs in pairs:
        t0 = time.perf_counter()
        our_keep = []
        for b in batches:
            _, keep, _ = _judge(ours, b)
            our_keep.extend(bool(k) for k in keep)
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        their_keep = []
        for d in docs:
            r = theirs.filter(Document(text=d["text"], id=d["id"]))
            their_keep.append(r is True or (isinstance(r, tuple) and bool(r[0])))
        t_theirs = time.perf_counter() - t0
        agree = sum(a == b for a, b in zip(our_keep, their_keep)) / max(len(docs), 1)
        ours_mbs, theirs_mbs = mb / t_ours, mb / t_theirs
        out["filters"][name] = {
            "ours_mb_s_per_core": round(ours_mbs, 3),
            "datatrove_mb_s_per_core": round(theirs_mbs, 3),
            "ratio": round(ours_mbs / theirs_mbs, 2),
            "agreement": round(agree, 4),
        }
        print(f"{name}: ours {ours_mbs:.2f} MB/s, datatrove {theirs_mbs:.2f} MB/s", file=sys.stderr)
    return out


CHAIN = ["gopher_repetition", "gopher_quality", "c4_quality", "fineweb_quality"]


def _dt_filters(language: str) -> list:
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    return [
        GopherRepetitionFilter(language=language),
        GopherQualityFilter(language=language),
        C4QualityFilter(language=language),
        FineWebQualityFilter(language=language),
    ]


def _dt_counter(data, rank: int = 0, world_size: int = 1):
    """Last datatrove step: counts the documents that survive the chain (one file per rank)."""
    import os as _os

    n = 0
    for doc in data:
        n += 1
        yield doc
    with open(_os.path.join(_os.environ["CF_DT_COUNT_DIR"], f"{rank}.count"), "w") as f:
        f.write(str(n))


def _cold_memos() -> None:
    """Every token memo empty (vocabulary, chunk tokens, spaCy-rule affix steps,
    C4 sentencizer chunks, the shared batch tokens); imports and rules stay loaded."""
    from operators.quality import c4 as _c4

    _quality.VOCAB.reset()
    _quality.SHARED.clear()
    segment._CHUNK_CACHE.clear()
    segment.spacy_rules()._memo.clear()
    _c4._SENT_MEMO.clear()


def _chain_cpu(docs: list[dict], language: str, batch_size: int) -> tuple[float, float, int, int]:
    """CPU seconds of the chain in this process: ours (Arrow batches), datatrove (per document)."""
    from datatrove.data import Document

    from operators import BUILTIN, load_operator

    classes = {name: (mod, cls) for name, mod, cls in BUILTIN}
    ours = [load_operator(*classes[n])(language=language) for n in CHAIN]
    theirs = _dt_filters(language)
    _cold_memos()
    t0 = time.process_time()
    kept_ours = 0
    for i in range(0, len(docs), batch_size):
        t = pa.table(
            {
                "id": [d["id"] for d in docs[i : i + batch_size]],
                "text": [d["text"] for d in docs[i : i + batch_size]],
            }
        )
        for op in ours:
            out, keep, _ = _judge(op, t)
            t = out.filter(pa.array(keep, pa.bool_()))
        kept_ours += t.num_rows
    t_ours = time.process_time() - t0
    t0 = time.process_time()
    kept_theirs = 0
    for d in docs:
        doc = Document(text=d["text"], id=d["id"])
        ok = True
        for f in theirs:
            r = f.filter(doc)
            if not (r is True or (isinstance(r, tuple) and bool(r[0]))):
                ok = False
                break
        kept_theirs += ok
    t_theirs = time.process_time() - t0
    return t_ours, t_theirs, kept_ours, kept_theirs


def bench_chain(args) -> dict:
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="cf-qchain-"))
    src_dir = tmp / "in"
    src_dir.mkdir()
    docs = load(args.corpus, args.limit or None)
    if args.scale > 1:  # N copies (ids made unique), so fixed per-run costs are amortised
        docs = [{"id": f"{d['id']}~{k}", "text": d["text"]} for k in range(args.scale) for d in docs]
    files = [open(src_dir / f"part-{k}.jsonl", "w", encoding="utf-8") for k in range(args.dt_tasks)]
    for i, d in enumerate(docs):  # one file per datatrove task (datatrove splits work by file)
        files[i % len(files)].write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
    for f in files:
        f.close()
    mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    lang = args.language
    # (1) end to end, wall clock: each side as a user runs it, in its own process
    cfg = {
        "name": "bench-quality-chain",
        "input": {"paths": [str(src_dir / "*.jsonl")], "format": "jsonl"},
        "output": {"path": str(tmp / "out"), "format": "parquet", "overwrite": True, "removed": "ids"},
        "ray": {"num_cpus": args.cores},
        "execution": {"progress": False},
        "pipeline": [{"op": n, "language": lang} for n in CHAIN],
    }
    # one-time costs of a first run after an install (numba compiling the kernels, .pyc files)
    # paid here on a sample and printed, not timed (scripts/first_use.py)
    first_use = warm_up(cfg, docs[:300], tmp / "first_use")
    # each side starts on an idle machine (scripts/machine_idle.py): not in the tail of whatever
    # ran before (a test suite's or another benchmark's Ray processes still exiting)
    settle_ours = wait_until_idle()
    if args.inprocess:
        ours = _ours_inprocess(cfg, args.cores)
    else:
        ours = _ours_cli(cfg, tmp)
    warm = _ours_warm(cfg, tmp, args.cores) if args.warm else None
    report = ours["report"]
    kept_ours = report["output_docs"] if "output_docs" in report else report.get("kept_docs")
    steps = {
        op["name"]: round(op["bytes_in"] / 1e6 / max(op["seconds"] or 0, 1e-9), 2) for op in report["ops"]
    }
    dt_cmd = [sys.executable, __file__, "--corpus", args.corpus, "--dt-child", str(tmp)]
    dt_cmd += ["--language", lang, "--dt-tasks", str(args.dt_tasks), "--cores", str(args.cores)]
    settle_dt = wait_until_idle()
    dt_wall, dt_cpu, dt_out = tree_cpu_run(dt_cmd)
    kept_dt = int(dt_out.strip().splitlines()[-1])
    # (2) CPU time in one process, interleaved
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)  # the JSONL copies, both outputs and datatrove's logs
    cpu_ours, cpu_dt = [], []
    for _ in range(args.repeat):
        a, b, ko, kt = _chain_cpu(docs, lang, args.batch_size)
        cpu_ours.append(a)
        cpu_dt.append(b)
    return {
        "bench": "quality_chain",
        "corpus": args.corpus,
        "language": lang,
        "docs": len(docs),
        "mb": round(mb, 2),
        "scale": args.scale,
        "cores": args.cores,
        "end_to_end": {
            "how": "in-process run_config after ray.init" if args.inprocess else "subprocesses",
            "ours_wall_s": round(ours["wall"], 2),
            "ours_tree_cpu_s": ours.get("cpu"),
            "ours_phases_s": ours.get("phases"),
            "ours_cpu_by_process": ours.get("procs"),
            "ours_ray_start_s": ours.get("ray_start"),
            "ours_mb_s_per_core": round(mb / ours["wall"] / args.cores, 3),
            "datatrove_wall_s": round(dt_wall, 2),
            "datatrove_tree_cpu_s": dt_cpu,
            "datatrove_tasks": args.dt_tasks,
            "datatrove_mb_s_per_core": round(mb / dt_wall / args.cores, 3),
            "ratio": round(dt_wall / ours["wall"], 2),
            "settle_s_before": {"ours": settle_ours, "datatrove": settle_dt},
            "first_use": first_use,
            "load_average": list(os.getloadavg()),
            "kept_ours": kept_ours,
            "kept_datatrove": kept_dt,
            "kept_difference": None if kept_ours is None else kept_ours - kept_dt,
            "ours_steps_mb_s_per_task_second": steps,
            "ours_stream_core_use": stream_core_use(report, args.cores),
        },
        **(
            {"end_to_end_warm": _warm_row(warm, mb, dt_wall, args.cores, kept_dt, ours["wall"])}
            if warm
            else {}
        ),
        "cpu_one_process": {
            "ours_cpu_s": round(min(cpu_ours), 3),
            "datatrove_cpu_s": round(min(cpu_dt), 3),
            "ours_mb_s_per_core": round(mb / min(cpu_ours), 2),
            "datatrove_mb_s_per_core": round(mb / min(cpu_dt), 3),
            "ratio": round(min(cpu_dt) / min(cpu_ours), 2),
            "kept_ours": ko,
            "kept_datatrove": kt,
        },
        "note": "wall clock on a possibly shared machine (end_to_end: each side a fresh process, "
        "`corpusforge run` and a Python process running datatrove's executor, interpreter start and "
        "imports included; tree CPU sampled from /proc every 0.05 s, a lower bound); "
        "cpu_one_process is CPU time (process_time), best of --repeat, every token memo cold (_cold_memos)",
    }


def stream_core_use(report: dict, cores: int) -> float | None:
    """The steps' CPU seconds (the report's ``cpu_seconds``) over ``cores`` x the stream phase's
    wall: 1.0 when every core filters from the first block to the last; the rest is the read, the
    writer, task switches and cores left idle (scripts/run_profiled.py prints where)."""
    stream = next((p["seconds"] for p in report.get("phases") or [] if p["phase"] == "stream"), None)
    cpu = sum(op.get("cpu_seconds") or 0.0 for op in report.get("ops") or [])
    return round(cpu / (cores * stream), 3) if stream else None


def tree_cpu_run(
    cmd: list[str], env: dict | None = None, interval: float = 0.05, by_process: dict | None = None
) -> tuple[float, float, str]:
    """Run ``cmd`` to its end: (wall seconds, CPU seconds of its process tree, stdout);
    ``by_process`` (if given) gets each process's CPU seconds, keyed ``pid:name``.

    The tree's CPU is sampled from /proc (utime + stime of every process descended from the
    command, kept once seen even if it is re-parented); a process's CPU after its last sample is
    missed, so this is a lower bound, close for runs much longer than ``interval``."""
    import subprocess
    import tempfile as _tf

    tick = os.sysconf("SC_CLK_TCK")
    seen: dict[int, float] = {}
    names: dict[int, str] = {}

    def sample(root: int) -> None:
        parent: dict[int, int] = {}
        cpu: dict[int, float] = {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    head, rest = f.read().rsplit(b")", 1)
                    fields = rest.split()
            except OSError:
                continue
            pid = int(name)
            parent[pid] = int(fields[1])
            cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
            names[pid] = head.split(b"(", 1)[1].decode("utf-8", "replace")
        for pid, c in cpu.items():
            p, hops = pid, 0
            while p not in (0, 1) and p != root and p not in seen and hops < 64:
                p, hops = parent.get(p, 0), hops + 1
            if p == root or p in seen or pid == root:
                seen[pid] = max(seen.get(pid, 0.0), c)

    with _tf.TemporaryFile("w+") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.DEVNULL)
        while proc.poll() is None:
            sample(proc.pid)
            time.sleep(interval)
        wall = time.perf_counter() - t0
        if proc.returncode:
            raise RuntimeError(f"{cmd[:3]} exited with {proc.returncode}")
        out.seek(0)
        if by_process is not None:
            by_process.update({f"{pid}:{names.get(pid, '?')}": round(c, 2) for pid, c in seen.items() if c})
        return wall, round(sum(seen.values()), 2), out.read()


def _ours_cli(cfg: dict, tmp: Path) -> dict:
    """``corpusforge run`` in a fresh process: wall, tree CPU and the run's report."""
    cfg_path = tmp / "chain.yaml"
    cfg_path.write_text(json.dumps(cfg))  # YAML is a superset of JSON
    cli = Path(sys.executable).with_name("corpusforge")
    cmd = [str(cli)] if cli.exists() else [sys.executable, "-m", "engine.cli"]
    procs: dict[str, float] = {}
    wall, cpu, _ = tree_cpu_run(cmd + ["run", str(cfg_path), "--quiet"], by_process=procs)
    report = json.loads((tmp / "out" / "report.json").read_text())
    phases = {row["phase"]: row["seconds"] for row in report.get("phases") or []}
    for row in report.get("phases") or []:
        for part, sec in (row.get("phases") or {}).items():
            if isinstance(sec, (int, float)):
                phases[f"{row['phase']}.{part}"] = round(sec, 3)
    return {"wall": wall, "cpu": cpu, "report": report, "phases": phases or None, "procs": procs}


def _ours_warm(cfg: dict, tmp: Path, cores: int) -> dict:
    """``corpusforge run --ray auto`` on a warm local Ray (``corpusforge ray up``, the documented
    way to keep Ray warm across runs: README, docs/startup.md). ``ray up`` and ``ray down`` are
    outside the timed region; the Ray is this benchmark's own (a private ``CORPUSFORGE_RAY_DIR``,
    so a user's warm Ray is neither used nor stopped). Each timed run is the command in a fresh
    process, as a user types it; its warm driver and workers are not children of the command,
    so ``cpu`` is the client's alone and the report's per-step CPU is given beside it. The first
    run after ``ray up`` and a second one are both reported (the second finds the workers that
    the first one's exit prestarted, engine/warm_workers.py). Each run starts when the machine
    is idle again (scripts/machine_idle.py, seconds in ``settle_s``), as ``bench_minhash.py --warm``
    does: the workers readied after ``ray up`` or after a run boot there, not in the next run."""
    import subprocess

    cli = Path(sys.executable).with_name("corpusforge")
    base = [str(cli)] if cli.exists() else [sys.executable, "-m", "engine.cli"]
    env = {**os.environ, "CORPUSFORGE_RAY_DIR": str(tmp / "ray")}
    (tmp / "chain.yaml").write_text(json.dumps(cfg))  # YAML is a superset of JSON
    t0 = time.perf_counter()
    subprocess.run(base + ["ray", "up", "--num-cpus", str(cores)], env=env, check=True, capture_output=True)
    up_s = time.perf_counter() - t0
    runs = []
    try:
        for _ in range(2):
            settle_s = wait_until_idle()
            wall, cpu, _ = tree_cpu_run(
                base + ["run", str(tmp / "chain.yaml"), "--quiet", "--ray", "auto"], env=env
            )
            report = json.loads((tmp / "out" / "report.json").read_text())
            phases = {row["phase"]: row["seconds"] for row in report.get("phases") or []}
            step_cpu = round(sum(op.get("cpu_seconds") or 0 for op in report["ops"]), 2)
            runs.append(
                {
                    "wall": wall,
                    "client_cpu": cpu,
                    "report": report,
                    "phases": phases,
                    "step_cpu": step_cpu,
                    "settle_s": settle_s,
                }
            )
    finally:
        subprocess.run(base + ["ray", "down"], env=env, capture_output=True)
    return {"ray_up_s": round(up_s, 2), "runs": runs}


def _warm_row(warm: dict, mb: float, dt_wall: float, cores: int, kept_dt: int, cold_wall: float) -> dict:
    """The warm runs beside the cold one and the same datatrove run."""
    first, second = warm["runs"]
    kept = [r["report"].get("output_docs", r["report"].get("kept_docs")) for r in warm["runs"]]
    return {
        "how": "`corpusforge ray up` (untimed), then `corpusforge run --ray auto` twice, each a fresh process",
        "ray_up_s_untimed": warm["ray_up_s"],
        "ours_wall_s": [round(first["wall"], 2), round(second["wall"], 2)],
        "ours_phases_s": [first["phases"], second["phases"]],
        "ours_client_cpu_s": [first["client_cpu"], second["client_cpu"]],
        "ours_step_cpu_s": [first["step_cpu"], second["step_cpu"]],
        "ours_stream_core_use": [stream_core_use(r["report"], cores) for r in warm["runs"]],
        "settle_s_before_each": [first.get("settle_s"), second.get("settle_s")],
        "ours_mb_s_per_core": [round(mb / r["wall"] / cores, 3) for r in warm["runs"]],
        "datatrove_wall_s": round(dt_wall, 2),
        "ratio_cold": round(dt_wall / cold_wall, 2),
        "ratio_warm": [round(dt_wall / r["wall"], 2) for r in warm["runs"]],
        "kept_ours": kept,
        "kept_difference": [None if k is None else k - kept_dt for k in kept],
    }


def _ours_inprocess(cfg: dict, cores: int) -> dict:
    """The earlier measure: ``run_config`` in this process after a plain ``ray.init``
    (no lean head, no head start; this process's imports not counted)."""
    import ray

    from engine.executor import run_config

    t0 = time.perf_counter()
    ray.init(address="local", num_cpus=cores, include_dashboard=False, logging_level="ERROR")
    ray_start = time.perf_counter() - t0
    report = run_config(cfg)
    wall = time.perf_counter() - t0
    ray.shutdown()
    return {"wall": wall, "report": report, "ray_start": round(ray_start, 2)}


def dt_child(src_dir: str, language: str, tasks: int, cores: int) -> None:
    """datatrove's side of the end-to-end chain, in its own process: prints the kept count."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader

    count_dir = Path(src_dir) / "dt_count"
    count_dir.mkdir()
    os.environ["CF_DT_COUNT_DIR"] = str(count_dir)
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(Path(src_dir) / "in"), glob_pattern="*.jsonl", compression=None),
            *_dt_filters(language),
            _dt_counter,
        ],
        tasks=tasks,
        workers=cores,
        logging_dir=str(Path(src_dir) / "dt_logs"),
        start_method="fork",
    ).run()
    print(sum(int(p.read_text()) for p in count_dir.glob("*.count")))


def rss_child(corpus: str, language: str, shared: bool, batch_size: int, limit: int | None) -> None:
    """Peak RSS of the four-filter chain over ``corpus`` in this process, with or without shared tokens."""
    import resource

    from operators import BUILTIN, load_operator

    classes = {name: (mod, cls) for name, mod, cls in BUILTIN}
    ours = [load_operator(*classes[n])(language=language) for n in CHAIN]
    docs = load(corpus, limit)
    tables = [
        pa.table(
            {
                "id": [d["id"] for d in docs[i : i + batch_size]],
                "text": [d["text"] for d in docs[i : i + batch_size]],
            }
        )
        for i in range(0, len(docs), batch_size)
    ]
    del docs
    for op in ours:  # imports, dictionaries, compiled kernels
        _judge(op, tables[0].slice(0, 2))
    _quality.SHARED.enabled = shared
    _quality.SHARED.clear()
    _quality.SHARED.hits = _quality.SHARED.misses = 0
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.process_time()
    for t in tables:
        for op in ours:
            out, keep, _ = _judge(op, t)
            t = out.filter(pa.array(keep, pa.bool_()))
    cpu = time.process_time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "shared_tokens": shared,
                "batch_mb": round(max(t.nbytes for t in tables) / 1e6, 1),
                "rss_before_mb": round(base),
                "peak_rss_mb": round(peak),
                "growth_mb": round(peak - base),
                "cpu_s": round(cpu, 2),
                "hits": _quality.SHARED.hits,
                "misses": _quality.SHARED.misses,
            }
        )
    )


def bench_rss(args) -> dict:
    import subprocess

    out = []
    for shared in (False, True, False, True):  # interleaved
        r = subprocess.run(
            [
                sys.executable,
                __file__,
                "--rss-child",
                "1" if shared else "0",
                "--corpus",
                args.corpus,
                "--language",
                args.language,
                "--batch-size",
                str(args.batch_size),
                "--limit",
                str(args.limit),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        out.append(json.loads(r.stdout.strip().splitlines()[-1]))
    return {
        "bench": "quality_chain_rss",
        "corpus": args.corpus,
        "runs": out,
        "note": "peak RSS (ru_maxrss) of one process running the chain over batches of --batch-size docs",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="English JSONL(.gz) with id/text")
    ap.add_argument("--zh", default=None, help="optional Chinese JSONL(.gz) with id/text")
    ap.add_argument("--limit", type=int, default=800, help="documents per corpus (datatrove is slow)")
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument(
        "--chain", action="store_true", help="the four-filter chain end to end and in one process"
    )
    ap.add_argument("--language", default="en", help="--chain: language of the corpus")
    ap.add_argument("--cores", type=int, default=2, help="--chain: Ray CPUs and datatrove workers")
    ap.add_argument("--dt-tasks", type=int, default=4, help="--chain: datatrove tasks")
    ap.add_argument("--repeat", type=int, default=2, help="--chain: CPU-time repetitions (best taken)")
    ap.add_argument(
        "--scale",
        type=int,
        default=1,
        help="--chain: run on N copies of the corpus (both sides, both measures), so that fixed "
        "per-run costs (imports, Ray start, worker start-up) are amortised. Copies repeat every "
        "text, so memoised tokenizations (ours and spaCy's own cache, on datatrove's side) hit "
        "more often than on N distinct corpora of that size",
    )
    ap.add_argument("--rss", action="store_true", help="peak RSS of the chain with and without shared tokens")
    ap.add_argument("--rss-child", choices=["0", "1"], help=argparse.SUPPRESS)
    ap.add_argument("--dt-child", help=argparse.SUPPRESS)
    ap.add_argument(
        "--inprocess",
        action="store_true",
        help="--chain: time our side as before (run_config in this process after a plain ray.init) "
        "instead of `corpusforge run` in a fresh process",
    )
    ap.add_argument(
        "--warm",
        action="store_true",
        help="--chain: also time our command on a warm local Ray (`corpusforge ray up` before, untimed; "
        "runs with --ray auto) and print the warm ratios beside the cold one, same datatrove run",
    )
    args = ap.parse_args()
    if args.dt_child is not None:
        dt_child(args.dt_child, args.language, args.dt_tasks, args.cores)
        return
    if args.rss_child is not None:
        rss_child(args.corpus, args.language, args.rss_child == "1", args.batch_size, args.limit or None)
        return
    if args.rss:
        print(json.dumps(bench_rss(args), indent=1))
        return
    if args.chain:
        print(json.dumps(bench_chain(args), indent=1))
        return

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    result = {
        "note": "one process, one thread: MB/s per core",
        "runs": [bench_corpus(args.corpus, "en", args.limit, args.batch_size)],
    }
    if args.zh:
        result["runs"].append(bench_corpus(args.zh, "zh", args.limit, args.batch_size))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
