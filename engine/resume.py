"""Resumable runs: progress markers written beside the output, and the plan
for picking a killed run up where it stopped.

Markers live in ``OUT/_progress/``:

* ``run.json`` - the config hash of the run that owns this directory;
* ``units/u<N>.json`` - written by a read task when it has yielded every block
  of read unit N: the number of rows in each block (``{block: rows}``) and the
  reader's own counts (``lines``, ``blank``, ``rows``, ``quarantined``: the
  reader side of the accounting, engine/accounting.py);
* ``blocks/<shard>.json`` - written by the writer after the shard's files are
  in place (they are written under a temporary name, then renamed): which
  (unit, block) pieces it holds and how many input rows of each, which
  (unit, block) rows the step counts in it cover (``step_pieces``), the files,
  and the shard's tally.

A unit is complete when its unit marker exists and, for every block, the
shard markers account for all its rows and every per-document step's counts
cover them. On restart the executor keeps the shards whose pieces and step
counts all belong to complete units, deletes every other output file (partial
shards, files without a marker), skips the complete units when reading, and
adds the kept shards' tallies to the report. Pipelines with a global stage
(which needs the whole corpus) resume from the stage's materialized input when
it completed (the unit markers are kept: they are the reader's record of that
input), and rewrite the final output.
"""

from __future__ import annotations

import json
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyarrow.fs as pafs

PROGRESS = "_progress"
OUTPUT_DIRS = ("data", "quarantine", "removed")


@dataclass
class ResumeState:
    complete_units: set[int] = field(default_factory=set)
    kept_tallies: list[dict[str, Any]] = field(default_factory=list)
    resumed: bool = False


def progress_dir(out_dir: str) -> str:
    return posixpath.join(out_dir, PROGRESS)


def write_json_atomic(fs: pafs.FileSystem, path: str, obj: Any) -> None:
    tmp = posixpath.join(posixpath.dirname(path), "." + posixpath.basename(path) + ".tmp")
    with fs.open_output_stream(tmp) as out:
        out.write(json.dumps(obj, default=str).encode("utf-8"))
    fs.move(tmp, path)


def read_json(fs: pafs.FileSystem, path: str) -> Any:
    with fs.open_input_stream(path) as f:
        return json.loads(f.read().decode("utf-8"))


def _list(fs: pafs.FileSystem, directory: str) -> list[pafs.FileInfo]:
    if fs.get_file_info(directory).type != pafs.FileType.Directory:
        return []
    return [
        i
        for i in fs.get_file_info(pafs.FileSelector(directory, recursive=False))
        if i.type == pafs.FileType.File
    ]


def _units_of(marker: dict[str, Any]) -> set[int]:
    """Read units a shard marker holds rows or step counts of."""
    units = {p[0] for p in marker["pieces"]}
    units.update(p[0] for p in marker.get("step_pieces", []) if p[0] >= 0)
    return units


def previous_run_hash(fs: pafs.FileSystem, out_dir: str) -> str | None:
    path = posixpath.join(progress_dir(out_dir), "run.json")
    if fs.get_file_info(path).type != pafs.FileType.File:
        return None
    try:
        return read_json(fs, path).get("config_hash")
    except (OSError, ValueError):
        return None


def start_fresh(fs: pafs.FileSystem, out_dir: str, config_hash: str) -> None:
    base = progress_dir(out_dir)
    for sub in ("units", "blocks"):
        fs.create_dir(posixpath.join(base, sub), recursive=True)
    write_json_atomic(fs, posixpath.join(base, "run.json"), {"config_hash": config_hash})


def plan_resume(
    fs: pafs.FileSystem, out_dir: str, has_global_stage: bool, doc_steps: tuple[str, ...] | list[str] = ()
) -> ResumeState:
    """Decide what a restarted run keeps; delete everything else it wrote.

    ``doc_steps``: the per-document steps, whose own counts (tally rows,
    engine/accounting.py) must cover every row of a unit for it to be complete."""
    base = progress_dir(out_dir)
    units: dict[int, dict[int, int]] = {}
    for info in _list(fs, posixpath.join(base, "units")):
        if info.base_name.endswith(".json"):
            try:
                raw = read_json(fs, info.path)
            except (OSError, ValueError):
                continue
            units[int(raw["unit"])] = {int(k): int(v) for k, v in raw["blocks"].items()}
    shards: list[tuple[str, dict[str, Any]]] = []
    for info in _list(fs, posixpath.join(base, "blocks")):
        if info.base_name.endswith(".json") and not info.base_name.startswith("."):
            try:
                shards.append((info.path, read_json(fs, info.path)))
            except (OSError, ValueError):
                fs.delete_file(info.path)

    state = ResumeState(resumed=True)
    if not has_global_stage:
        written: dict[tuple[int, int], int] = defaultdict(int)
        counted: dict[tuple[int, int, str], int] = defaultdict(int)
        for _, marker in shards:
            for unit, block, rows in marker["pieces"]:
                written[(unit, block)] += rows
            for unit, block, step, rows in marker.get("step_pieces", []):
                counted[(unit, block, step)] += rows
        complete = {
            u
            for u, blocks in units.items()
            if all(
                written.get((u, b), 0) == rows and all(counted.get((u, b, s), 0) == rows for s in doc_steps)
                for b, rows in blocks.items()
            )
        }
        # a shard that mixes a complete and an incomplete unit must go; repeat until stable
        changed = True
        while changed:
            changed = False
            for _, marker in shards:
                shard_units = _units_of(marker)
                if shard_units & complete and not shard_units <= complete:
                    complete -= shard_units
                    changed = True
        state.complete_units = complete
    keep_files: set[str] = set()
    for path, marker in shards:
        shard_units = _units_of(marker)
        if shard_units and shard_units <= state.complete_units:
            state.kept_tallies.append(marker["tally"])
            keep_files.update(f["path"] for f in marker["tally"]["files"])
        else:
            fs.delete_file(path)
    if not has_global_stage:  # with a global stage every unit is read again (rewriting its marker) or,
        # when the stage's materialized input is reused, the markers are the reader's record of it
        for unit in set(units) - state.complete_units:
            fs.delete_file(posixpath.join(base, "units", f"u{unit:06d}.json"))
    for sub in OUTPUT_DIRS:
        for info in _list(fs, posixpath.join(out_dir, sub)):
            rel = posixpath.relpath(info.path, out_dir)
            if rel not in keep_files:
                fs.delete_file(info.path)
    return state
