"""``corpusforge profile INPUT``: the report's signals on raw data, removing nothing.

A quick look before a run: reads the input with the run's readers (so
unreadable lines are counted as the run would quarantine them), runs the
pipeline's mappers and filters in one local process - filters score and
decide, but nothing is removed: each filter's decisions are counted as
``would_remove`` - and writes the same profile, quality score and HTML
report as a run. Global stages (deduplication) need the whole corpus and
are skipped; exact duplicates are still counted by the distinct-text sketch.

Without ``--config`` the default set is every built-in filter that needs no
model file of the user's (those declaring ``profile_default``: today
``length_filter``, ``language_id``, ``gopher_quality``, ``gopher_repetition``,
``fineweb_quality``; those whose module imports), with their published defaults.

The operators run through engine/runner.py's :class:`~engine.runner.LocalRunner`
in dry-run mode, the same code that applies them in a run.

``--sample N`` profiles a uniform sample of N documents: the N readable
documents with the smallest hash of (source file, line, id), kept in a
bounded pool while the input streams by (every line is still read and
parsed, but the operators, which are the expensive part, see only N
documents). The sample is the same on every run.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import sys
import time
from collections import Counter
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import xxhash

from engine import columns as C
from engine.config import ConfigError, RunConfig, load_config
from engine.operator import Filter, GlobalStage
from engine.profiling import merge_all, profile_block
from engine.quality_score import quality_score
from engine.report_summary import StepInfo, expected_languages, summarize
from engine.runner import LocalRunner


def default_filters() -> list[str]:
    """The built-in operators that declare ``profile_default`` (registry order)."""
    from operators import BUILTIN, load_operator

    names = []
    for name, module, cls in BUILTIN:
        try:
            op_cls = load_operator(module, cls)
        except ImportError:  # an optional dependency is not installed
            continue
        if op_cls.profile_default:
            names.append(name)
    return names


def _config(
    inputs: list[str], config: str | None, fmt: str | None, text_field: str | None, id_field: str | None
) -> RunConfig:
    if config:
        overrides = []
        cfg = load_config(config, overrides)
        raw = dict(cfg._raw)
    else:
        raw = {
            "name": "profile",
            "output": {"path": "profile-out"},
            "pipeline": [{"op": name} for name in default_filters()],
        }
        raw["input"] = {"paths": inputs}
    raw = json.loads(json.dumps(raw))
    if inputs:
        raw.setdefault("input", {})["paths"] = inputs
    for key, value in (("format", fmt), ("text_field", text_field), ("id_field", id_field)):
        if value is not None:
            raw["input"][key] = value
    if fmt is None and not config and inputs and all(p.endswith(".parquet") for p in inputs):
        raw["input"]["format"] = "parquet"
    if fmt is None and not config and inputs and all(p.endswith((".warc", ".warc.gz")) for p in inputs):
        raw["input"]["format"] = "warc"
    if fmt is None and not config and inputs and all(p.endswith((".wet", ".wet.gz")) for p in inputs):
        raw["input"]["format"] = "wet"
    if (
        not config and raw["input"].get("format") == "warc"
    ):  # raw HTML: the signals are measured on its main text
        raw["pipeline"].insert(0, {"op": "html_extract"})
    return load_config(raw)


def _row_hash(table: pa.Table) -> np.ndarray:
    h = xxhash.xxh3_64_intdigest
    rows = zip(
        table.column(C.SOURCE).to_pylist(), table.column(C.LINE).to_pylist(), table.column("id").to_pylist()
    )
    return np.fromiter(
        (h(f"{s}\x1f{ln}\x1f{i}".encode("utf-8", "surrogatepass")) for s, ln, i in rows),
        dtype=np.uint64,
        count=table.num_rows,
    )


class _Profiler:
    """The pipeline's per-document steps in a dry-run :class:`LocalRunner`: filters
    score and decide (their decisions counted as ``would_remove``) but remove and
    rewrite nothing; global stages are skipped."""

    def __init__(self, cfg: RunConfig) -> None:
        self.cfg = cfg
        self.steps = []
        self.skipped: dict[str, str] = {}
        ops = []
        for step in cfg.steps:
            if issubclass(step.op_cls, GlobalStage):
                self.skipped[step.name] = "global stage: needs the whole corpus"
                continue
            params = step.params
            if issubclass(step.op_cls, Filter) and "mode" in type(params).model_fields:
                params = params.model_copy(update={"mode": "annotate"})  # score without rewriting or removing
            op = step.op_cls(params)
            self.steps.append((step, op))
            ops.append((step.name, op))
        self.runner = LocalRunner(ops, dry_run=True, measure=_bytes)
        self.profiles: list[dict[str, Any]] = []
        self.out_bytes = 0
        self.options = {
            "required_fields": list(cfg.report.required_fields),
            "date_field": cfg.report.date_field,
        }

    def would_remove(self, step) -> Counter:
        """What a filter step would have removed (nothing for one configured as annotate)."""
        if getattr(step.params, "mode", "filter") != "filter":
            return Counter()
        return self.runner.counts[step.name].removed

    def block(self, live: pa.Table) -> None:
        live = self.runner.run(live)
        self.out_bytes += _bytes(live)
        self.profiles.append(profile_block(live, self.options))


def _bytes(t: pa.Table) -> int:
    return int(pc.sum(pc.binary_length(t.column("text"))).as_py() or 0) if t.num_rows else 0


def profile(
    inputs: list[str],
    sample: int | None = None,
    config: str | None = None,
    fmt: str | None = None,
    text_field: str | None = None,
    id_field: str | None = None,
) -> dict[str, Any]:
    """Profile raw input. Returns a report dict (``kind: profile``)."""
    from engine.io_read import ReadSpec, expand_inputs, plan_units, read_unit

    started = time.time()
    cfg = _config(inputs, config, fmt, text_field, id_field)
    files = expand_inputs(cfg.input, cfg.storage)
    spec = ReadSpec(cfg.input, cfg.storage)
    prof = _Profiler(cfg)
    input_docs = 0
    input_bytes = 0
    quarantined: Counter = Counter()
    pool: pa.Table | None = None
    pool_hash = np.zeros(0, dtype=np.uint64)
    for unit_files, span in plan_units(files, cfg.input):
        for table in read_unit(spec, unit_files, span):
            input_docs += table.num_rows
            live, dead = C.split_live(table)
            if dead is not None:
                for r in dead.column(C.REASON).to_pylist():
                    quarantined[r or "unknown"] += 1
            input_bytes += _bytes(live)
            if live.num_rows == 0:
                continue
            if sample is None:
                prof.block(live)
                continue
            hashes = _row_hash(live)
            pool = live if pool is None else C.concat([pool, live])
            pool_hash = np.concatenate([pool_hash, hashes])
            if pool.num_rows > sample:
                keep = np.argsort(pool_hash, kind="stable")[:sample]
                keep.sort()
                pool = pool.take(pa.array(keep))
                pool_hash = pool_hash[keep]
    if sample is not None and pool is not None:
        block = 8192
        for start in range(0, pool.num_rows, block):
            prof.block(pool.slice(start, block))
    prof.runner.close()
    finished = time.time()
    steps = [StepInfo.from_step(s) for s, _ in prof.steps]
    raw = merge_all(prof.profiles)
    summary = summarize(
        raw,
        steps,
        finished,
        cfg.report.date_field,
        cfg.report.target_window_days,
        expected_languages(cfg.report.languages, steps),
    )
    ops = []
    for step, _op in prof.steps:
        c = prof.runner.counts[step.name]
        entry = {
            "name": step.name,
            "op": step.op_cls.name,
            "kind": step.op_cls.kind,
            "docs_in": c.docs_in,
            "docs_out": c.docs_in,
            "removed": {},
            "would_remove": dict(sorted(prof.would_remove(step).items())),
            "bytes_in": c.bytes_in,
            "bytes_out": c.bytes_out,
            "seconds": round(c.seconds, 3),
            "params": step.params.model_dump(mode="json"),
        }
        if c.errors:
            entry["errors"] = c.errors
        ops.append(entry)
    profiled = summary["kept"]
    report = {
        "kind": "profile",
        "name": f"profile of {', '.join(inputs) if inputs else cfg.name}",
        "config_hash": cfg.config_hash(),
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(finished)),
        "seconds": round(finished - started, 3),
        "input_files": len(files),
        "input_docs": input_docs,
        "input_bytes": input_bytes,
        "sample": sample,
        "profiled_docs": profiled,
        "output_docs": profiled,
        "output_bytes": prof.out_bytes,
        "removed_docs": 0,
        "quarantined": sum(quarantined.values()),
        "quarantine_reasons": dict(sorted(quarantined.items())),
        "ops": ops,
        "skipped_steps": prof.skipped,
        "profile": summary,
        "quality": quality_score(summary, ops, cfg.report.weights.model_dump()),
    }
    return report


def profile_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="corpusforge profile", description=__doc__.splitlines()[0])
    parser.add_argument(
        "inputs", nargs="*", help="files, directories or globs (default: the config's input.paths)"
    )
    parser.add_argument("--config", help="use this config's input settings and pipeline")
    parser.add_argument("--sample", type=int, help="profile a uniform, seeded sample of N documents")
    parser.add_argument("--format", choices=["jsonl", "parquet", "text", "warc", "wet"])
    parser.add_argument("--text-field")
    parser.add_argument("--id-field")
    parser.add_argument("--out", help="write profile.json and profile.html to this directory")
    parser.add_argument("--json", action="store_true", help="print the whole profile as JSON")
    args = parser.parse_args(argv)
    if not args.inputs and not args.config:
        parser.error("give INPUT paths or --config")
    if args.sample is not None and args.sample < 1:
        parser.error("--sample must be at least 1")
    try:
        report = profile(args.inputs, args.sample, args.config, args.format, args.text_field, args.id_field)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    if args.out:
        from engine.config import StorageConfig
        from engine.io_read import filesystem_for
        from engine.products import write_text
        from engine.report_html import render_html

        fs, out_dir = filesystem_for(args.out, StorageConfig())
        fs.create_dir(out_dir, recursive=True)
        write_text(
            fs,
            posixpath.join(out_dir, "profile.json"),
            json.dumps(report, indent=2, ensure_ascii=False, default=str),
        )
        write_text(fs, posixpath.join(out_dir, "profile.html"), render_html(report))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    else:
        print(format_profile(report))
        if args.out:
            print(f"  written: {args.out}/profile.json, {args.out}/profile.html")
    return 0


def format_profile(report: dict[str, Any]) -> str:
    p = report["profile"]
    q = report["quality"]
    lines = [
        f"{report['name']}: {report['input_docs']:,} documents read, {report['quarantined']:,} unreadable, "
        f"{report['profiled_docs']:,} profiled"
        + (f" (sample of {report['sample']:,})" if report.get("sample") else ""),
        f"  quality {q['total']:.1f} ({q['grade']}): "
        + ", ".join(f"{k} {d['score']:.1f}" for k, d in q["dimensions"].items() if d["score"] is not None),
    ]
    langs = p["languages"]["kept"]
    if langs:
        total = sum(langs.values())
        lines.append(
            "  languages: " + ", ".join(f"{k} {100 * v / total:.1f}%" for k, v in list(langs.items())[:8])
        )
    lq = p["length"]["quantiles"]["kept"]
    if lq.get("p50") is not None:
        lines.append(f"  length (chars): p10 {lq['p10']:,.0f}, median {lq['p50']:,.0f}, p90 {lq['p90']:,.0f}")
    lines.append(f"  distinct texts: {p['distinct_texts']:,.0f} of {p['kept']:,}")
    for op in report["ops"]:
        wr = op["would_remove"]
        n = sum(wr.values())
        share = 100 * n / op["docs_in"] if op["docs_in"] else 0.0
        reasons = ", ".join(f"{k}={v:,}" for k, v in sorted(wr.items(), key=lambda kv: -kv[1])[:5])
        lines.append(f"  {op['name']:<20} would remove {n:>8,} ({share:5.1f}%) {reasons}")
    for name, why in report.get("skipped_steps", {}).items():
        lines.append(f"  {name:<20} skipped: {why}")
    if report["quarantine_reasons"]:
        lines.append(
            "  unreadable: " + ", ".join(f"{k}={v:,}" for k, v in report["quarantine_reasons"].items())
        )
    return "\n".join(lines)
