"""Incremental release vs full rebuild (issue #15).

v1 is built on the first 90% of the documents of the given corpora; v2 on the
remaining 10% plus injected exact and near copies (one extra token) of v1
documents, deduplicated ``against`` v1 through its index; a full rebuild runs
the same pipeline (exact_dedup + minhash_dedup, keep: first) over v1's and
v2's input in that order. Reports the agreement of v1 ∪ v2 kept with the full
rebuild's kept set (ids), the removals by reason, and wall and CPU time of
each run. CPU time is the sum over the run's process tree (driver and Ray
workers, sampled from /proc every 0.2 s; a process's last < 0.2 s may be
missed), the figure to compare on a shared machine where wall time depends
on other users' load. Peak RSS is the largest single process of the tree.

    python scripts/bench_incremental.py /work/shared/corpora/zh_reviews.jsonl.gz \
        /work/shared/corpora/en_web.jsonl.gz --max-docs 60000 --work /tmp/cf_incr
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _proc_table() -> dict[int, tuple[int, float, int]]:
    """pid -> (ppid, cpu seconds, rss bytes) of every process."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                s = f.read()
        except OSError:
            continue
        rest = s[s.rindex(")") + 2 :].split()
        out[int(d)] = (int(rest[1]), (int(rest[11]) + int(rest[12])) / TICK, int(rest[21]) * PAGE)
    return out


class TreeMeter(threading.Thread):
    """CPU seconds and peak RSS of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.cpu, self.rss, self.stop = pid, {}, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            table = _proc_table()
            tree, frontier = {self.pid}, [self.pid]
            children: dict[int, list[int]] = {}
            for pid, (ppid, _, _) in table.items():
                children.setdefault(ppid, []).append(pid)
            while frontier:
                nxt = [c for p in frontier for c in children.get(p, [])]
                tree.update(nxt)
                frontier = nxt
            for pid in tree:
                if pid in table:
                    self.cpu[pid] = max(self.cpu.get(pid, 0.0), table[pid][1])
                    self.rss = max(self.rss, table[pid][2])
            time.sleep(0.2)


def variant_table(copy: int) -> dict[int, int]:
    """A character map making copy ``copy`` of a corpus a different corpus of the
    same shape: Latin letters rotated by ``copy``, CJK ideographs shifted by
    ``copy`` x 1009 within their block (same lengths, tokens and duplicate
    structure inside the copy, but no exact or near copy of another copy)."""
    table = {}
    for base in (ord("a"), ord("A")):
        table.update({base + i: base + (i + copy) % 26 for i in range(26)})
    lo, n = 0x4E00, 0x9FFF - 0x4E00 + 1
    table.update({lo + i: lo + (i + copy * 1009) % n for i in range(n)})
    return table


class _Shards:
    """JSONL files of ``rows`` rows each, named in write order (the engine reads a
    directory's files in name order: keep: first follows the write order)."""

    def __init__(self, directory: Path, rows: int) -> None:
        directory.mkdir(parents=True)
        self.dir, self.rows, self.n, self.f = directory, rows, 0, None

    def write(self, row: dict) -> None:
        if self.n % self.rows == 0:
            self.close()
            self.f = open(self.dir / f"part-{self.n // self.rows:05d}.jsonl", "w", encoding="utf-8")
        self.f.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.n += 1

    def close(self) -> None:
        if self.f is not None:
            self.f.close()
            self.f = None


def split_corpus(
    corpora: list[Path],
    work: Path,
    scale: int,
    max_docs: int,
    copies: float,
    new_copies: int,
    shard_rows: int = 50_000,
) -> dict[str, int]:
    """Stream ``scale`` copies of the corpora (copy 0 as it is, copy c through
    :func:`variant_table`) into ``work/in_v1`` (90%) and ``work/in_v2`` (10%, or
    10% of the first ``new_copies`` copies only), each row's side drawn at random;
    then append to v2 exact and near copies (one extra token) of v1 documents,
    each ``copies`` x the new documents. Files of ``shard_rows`` rows; memory: the injected rows."""
    rng, pick = random.Random(0), random.Random(1)
    inject_p = 2 * copies * 0.1 / 0.9  # expected injected rows: 2 x copies x new rows
    n_old = n_new = n_read = 0
    picked: list[dict] = []
    shards = {d: _Shards(work / d, shard_rows) for d in ("in_v1", "in_v2")}
    for c in range(scale):
        tr = variant_table(c) if c else None
        for p in corpora:
            with gzip.open(p, "rt", encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    text = r.get("text")
                    if not isinstance(text, str) or not text.strip():
                        continue
                    if max_docs and n_read >= max_docs:
                        break
                    n_read += 1
                    row = {
                        "id": f"{p.name.split('.')[0]}#{c}:{r.get('id', n_read)}",
                        "text": text.translate(tr) if tr else text,
                    }
                    is_new = rng.random() < 0.1 and (not new_copies or c < new_copies)
                    if is_new:
                        shards["in_v2"].write(row)
                        n_new += 1
                    else:
                        shards["in_v1"].write(row)
                        n_old += 1
                        if pick.random() < inject_p:
                            picked.append(row)
    k = len(picked) // 2
    for i, r in enumerate(picked[: 2 * k]):
        if i % 2 == 0:
            shards["in_v2"].write({"id": f"exact_copy:{r['id']}", "text": r["text"]})
        else:
            shards["in_v2"].write({"id": f"near_copy:{r['id']}", "text": r["text"] + " 补充 extra"})
    for sh in shards.values():
        sh.close()
    return {"read": n_read, "v1_input": n_old, "v2_new": n_new, "injected_exact": k, "injected_near": k}


def run_release(cfg: dict, work: Path, name: str) -> dict:
    path = work / f"{name}.json"
    path.write_text(json.dumps(cfg))
    t0 = time.time()
    proc = subprocess.Popen(
        [sys.executable, "-m", "engine.cli", "run", str(path), "--no-progress"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    meter = TreeMeter(proc.pid)
    meter.start()
    out, _ = proc.communicate()
    meter.stop.set()
    meter.join()
    wall = time.time() - t0
    if proc.returncode not in (0, 3):
        print(out)
        raise SystemExit(f"{name}: exit {proc.returncode}")
    report = json.loads((Path(cfg["output"]["path"]) / "report.json").read_text())
    print(
        f"{name}: wall {wall:.1f} s, cpu {sum(meter.cpu.values()):.1f} s, peak rss {meter.rss >> 20} MB, "
        f"load {os.getloadavg()[0]:.1f}",
        file=sys.stderr,
        flush=True,
    )  # partial results survive a later failure
    return {
        "wall_s": round(wall, 1),
        "cpu_s": round(sum(meter.cpu.values()), 1),
        "peak_rss_mb": meter.rss >> 20,
        "report": report,
    }


def config(paths: list[Path], out: Path, version: str, cpus: int, parent: Path | None = None) -> dict:
    return {
        "name": "bench_incremental",
        "input": {"paths": [str(p) for p in paths]},
        "output": {"path": str(out), "overwrite": True},
        "ray": {"num_cpus": cpus},
        "execution": {"progress": False},
        "release": {"version": version, **({"parent": str(parent)} if parent else {})},
        "pipeline": [{"op": "exact_dedup"}, {"op": "minhash_dedup"}],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--max-docs", type=int, default=0, help="documents read in all (0: every document)")
    ap.add_argument(
        "--copies",
        type=float,
        default=0.05,
        help="injected exact and near copies, each as a fraction of the new documents",
    )
    ap.add_argument(
        "--scale",
        type=int,
        default=1,
        help="copies of the corpora (copy c>0 with letters/ideographs shifted)",
    )
    ap.add_argument(
        "--new-copies",
        type=int,
        default=0,
        help="draw the new 10%% from the first K copies only (0: all): the old release grows, the new input does not",
    )
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="keep in_v1, in_v2 (and v1 when finished) of an earlier run in --work (corpora ignored)",
    )
    ap.add_argument("--skip-full", action="store_true", help="skip the full rebuild (and the agreement)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/corpusforge_bench_incremental"))
    ap.add_argument("--num-cpus", type=int, default=2)
    ap.add_argument(
        "--skip-alone", action="store_true", help="skip the v2-input-alone run (the fixed cost of a run)"
    )
    args = ap.parse_args()
    w = args.work
    res = {}
    if args.reuse:  # the inputs and v1 of an earlier run of this script in --work
        sizes = {
            d: sum(sum(1 for _ in open(f, encoding="utf-8")) for f in (w / d).glob("*.jsonl"))
            for d in ("in_v1", "in_v2")
        }
        if (w / "v1" / "report.json").exists():
            res["v1"] = {"report": json.loads((w / "v1" / "report.json").read_text()), "reused": True}
        else:
            res["v1"] = run_release(config([w / "in_v1"], w / "v1", "v1", args.num_cpus), w, "v1")
    else:
        if w.exists():
            shutil.rmtree(w)
        sizes = split_corpus(args.corpora, w, args.scale, args.max_docs, args.copies, args.new_copies)
        res["v1"] = run_release(config([w / "in_v1"], w / "v1", "v1", args.num_cpus), w, "v1")
    res["v2_incremental"] = run_release(
        config([w / "in_v2"], w / "v2", "v2", args.num_cpus, parent=w / "v1"), w, "v2"
    )
    if not args.skip_full:
        res["full_rebuild"] = run_release(
            config([w / "in_v1", w / "in_v2"], w / "full", "full", args.num_cpus), w, "full"
        )
    if not args.skip_alone:  # the same new input without against: the fixed cost of a run on 10% of the data
        res["v2_without_against"] = run_release(
            config([w / "in_v2"], w / "v2_alone", "v2_alone", args.num_cpus), w, "v2_alone"
        )

    def kept(name: str) -> set[str]:
        return set(pq.read_table(w / name / "data", columns=["id"]).column("id").to_pylist())

    summary: dict = {
        "docs": sizes,
        "v2_removed": {o["name"]: o["removed"] for o in res["v2_incremental"]["report"]["ops"]},
        "runs": {
            n: {
                **{k2: v for k2, v in r.items() if k2 != "report"},
                "output_docs": r["report"].get("output_docs"),
                "step_seconds": {o["name"]: o.get("seconds") for o in r["report"]["ops"]},
                "phases": r["report"].get("phases"),
            }
            for n, r in res.items()
        },
    }
    if "full_rebuild" in res:
        inc, full = kept("v1") | kept("v2"), kept("full")
        summary["kept"] = {
            "incremental_union": len(inc),
            "full": len(full),
            "both": len(inc & full),
            "agreement": round(len(inc & full) / max(len(inc | full), 1), 5),
        }
        summary["full_removed"] = {o["name"]: o["removed"] for o in res["full_rebuild"]["report"]["ops"]}
        summary["v2_over_full"] = {
            "wall": round(res["v2_incremental"]["wall_s"] / res["full_rebuild"]["wall_s"], 3),
            "cpu": round(res["v2_incremental"]["cpu_s"] / res["full_rebuild"]["cpu_s"], 3),
        }
    summary["load_average"] = os.getloadavg()

    def stage_figures(o: dict) -> dict:
        stage = o.get("stage") or {}
        details = stage.get("details") or stage  # a typed stage report (engine/operator.py) or the plain dict
        figures = {k2: v for k2, v in details.items() if k2 in ("against", "index")}
        figures.update(
            {
                k2: stage[k2]
                for k2 in ("input", "phases", "executions", "execution_seconds", "seconds")
                if k2 in stage
            }
        )
        return figures

    summary["v2_stage_figures"] = {
        o["name"]: stage_figures(o) for o in res["v2_incremental"]["report"]["ops"]
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
