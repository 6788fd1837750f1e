"""Output folders that are ours: what ``overwrite``/``--restart`` may delete.

A run claims its output folder by writing the ownership marker
``OUT/.corpusforge-run`` (JSON: run id, config hash, created time,
corpusforge version) before it writes anything else. Replacing an earlier
output (``output.overwrite: true`` or ``--restart``) then deletes only

* a folder that carries the marker, and in it
* only the entries corpusforge creates (:data:`OWNED_ENTRIES`, plus the
  temporary names of their atomic writes).

Refused before Ray starts, as configuration errors (exit status 2): a folder
holding anything else (the unknown entries are named), an output path that is
an input file or an ancestor of one, ``/``, the home directory, the working
directory, and a bucket root (``s3://bucket``). An output written before the
marker existed is refused with the way to proceed. Why: a typo in
``output.path`` must never be able to empty a folder of user data (it did:
a folder holding one unrelated file was emptied by ``--restart``).
"""

from __future__ import annotations

import json
import os
import posixpath
import time
import uuid
from typing import Any, Iterable

import pyarrow.fs as pafs

from engine.config import ConfigError

#: The ownership marker, written first by every run.
MARKER = ".corpusforge-run"

#: Every entry a run (or ``corpusforge profile``) creates directly in the output folder.
OWNED_ENTRIES = frozenset(
    {
        MARKER,
        "data",
        "quarantine",
        "removed",
        "index",
        "synthetic_log",
        "_progress",
        "_work",
        "_logs",  # the command line's Ray log (engine/console.py)
        "report.json",
        "report.html",
        "README.md",
        "manifest.json",
        "profile.json",
        "profile.html",
    }
)

#: Entries that only a corpusforge run writes: their presence without the marker
#: means an output of a version from before the marker existed.
_RUN_SIGNATURE = frozenset({"_progress", "report.json", "manifest.json"})


class OutputDirError(ConfigError):
    """The output folder is not one corpusforge may write to or replace."""


def is_owned_entry(name: str) -> bool:
    """True for an entry corpusforge creates, or a temporary name of one of its
    atomic writes (``.NAME.tmp``, ``NAME.tmp``)."""
    if name in OWNED_ENTRIES:
        return True
    for prefix, suffix in ((".", ".tmp"), ("", ".tmp"), (".", ".unify.tmp")):
        if name.startswith(prefix) and name.endswith(suffix):
            core = name[len(prefix) : len(name) - len(suffix)]
            if core in OWNED_ENTRIES:
                return True
    return False


def _scheme(uri: str) -> str:
    return uri.split("://", 1)[0] if "://" in uri and not uri.startswith("file://") else ""


def check_path(output_uri: str, out_fs: pafs.FileSystem, out_dir: str, input_uris: Iterable[str]) -> None:
    """Refuse output paths that no run may own, whatever they contain: ``/``,
    the home directory, the working directory, a bucket root, an input file or
    an ancestor of one. ``input_uris`` as expanded (only those on the output's
    filesystem are compared)."""
    where = f"output.path: '{output_uri}'"
    scheme = _scheme(output_uri)
    same_fs = [u.split("://", 1)[1] if scheme else u for u in input_uris if _scheme(u) == scheme]
    if "://" in output_uri and not output_uri.startswith("file://"):
        scheme, rest = output_uri.split("://", 1)
        if not rest.strip("/") or "/" not in rest.strip("/"):
            raise OutputDirError(
                f"{where} is a bucket root; write to a prefix inside it (e.g. {scheme}://{rest.strip('/') or 'bucket'}/corpusforge/run1)"
            )
    if isinstance(out_fs, pafs.LocalFileSystem):
        path = os.path.realpath(out_dir)
        if path == os.path.realpath(os.sep):
            raise OutputDirError(f"{where} is the root directory; choose a new, dedicated folder")
        home = os.environ.get("HOME") or os.path.expanduser("~")
        if home and path == os.path.realpath(home):
            raise OutputDirError(f"{where} is the home directory; choose a new, dedicated folder")
        if path == os.path.realpath(os.getcwd()):
            raise OutputDirError(
                f"{where} is the working directory; choose a new, dedicated folder (e.g. out/run1)"
            )
        real_inputs = (os.path.realpath(p) for p in same_fs)
    else:
        path = out_dir.rstrip("/")
        real_inputs = (p.rstrip("/") for p in same_fs)
    for inp in real_inputs:
        if inp == path:
            raise OutputDirError(f"{where} is an input file ('{inp}'); choose a new, dedicated folder")
        if inp.startswith(path.rstrip("/") + "/"):
            raise OutputDirError(
                f"{where} contains the input '{inp}'; the output folder must not hold the input, choose a new folder"
            )


def entries(fs: pafs.FileSystem, out_dir: str) -> list[pafs.FileInfo]:
    """The folder's direct entries; empty when it does not exist."""
    info = fs.get_file_info(out_dir)
    if info.type == pafs.FileType.File:
        raise OutputDirError(f"output.path: '{out_dir}' is a file, not a directory")
    if info.type != pafs.FileType.Directory:
        return []
    return fs.get_file_info(pafs.FileSelector(out_dir, recursive=False))


def read_marker(fs: pafs.FileSystem, out_dir: str) -> dict[str, Any] | None:
    path = posixpath.join(out_dir, MARKER)
    if fs.get_file_info(path).type != pafs.FileType.File:
        return None
    try:
        with fs.open_input_stream(path) as f:
            value = json.loads(f.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def check_owned(fs: pafs.FileSystem, out_dir: str, listing: list[pafs.FileInfo] | None = None) -> None:
    """Refuse a non-empty folder that is not ours: no marker, or any entry that
    corpusforge does not create (named in the message)."""
    listing = entries(fs, out_dir) if listing is None else listing
    if not listing:
        return
    names = sorted(i.base_name for i in listing)
    unknown = [n for n in names if not is_owned_entry(n)]
    if unknown:
        shown = ", ".join(unknown[:10]) + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else "")
        raise OutputDirError(
            f"output.path: '{out_dir}' holds entries corpusforge did not create ({shown}); nothing was deleted. "
            f"Choose a new, dedicated output folder, or move those entries away"
        )
    if read_marker(fs, out_dir) is None:
        if _RUN_SIGNATURE & set(names):
            raise OutputDirError(
                f"output.path: '{out_dir}' holds the output of a corpusforge version from before the ownership "
                f"marker ({MARKER}) existed; nothing was deleted. Delete that folder yourself "
                f"(e.g. rm -r '{out_dir}') or choose a new output.path"
            )
        raise OutputDirError(
            f"output.path: '{out_dir}' is not empty and carries no ownership marker ({MARKER}); nothing was deleted. "
            f"Choose a new, dedicated output folder"
        )


def clear(fs: pafs.FileSystem, out_dir: str) -> list[str]:
    """Delete the entries of an earlier run, after :func:`check_owned`. The
    marker itself stays: the folder remains claimed until the new run
    rewrites it. Returns the deleted names."""
    listing = entries(fs, out_dir)
    check_owned(fs, out_dir, listing)
    deleted = []
    for info in listing:
        if info.base_name == MARKER:
            continue
        if info.type == pafs.FileType.Directory:
            fs.delete_dir(info.path)
        else:
            fs.delete_file(info.path)
        deleted.append(info.base_name)
    return sorted(deleted)


def write_marker(fs: pafs.FileSystem, out_dir: str, config_hash: str) -> dict[str, Any]:
    """Claim the folder (created if needed): the first thing a run writes."""
    import engine

    fs.create_dir(out_dir, recursive=True)
    marker = {
        "run_id": uuid.uuid4().hex,
        "config_hash": config_hash,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "corpusforge_version": engine.__version__,
    }
    path = posixpath.join(out_dir, MARKER)
    tmp = posixpath.join(out_dir, "." + MARKER + ".tmp")
    with fs.open_output_stream(tmp) as out:
        out.write(json.dumps(marker, indent=2).encode("utf-8"))
    fs.move(tmp, path)
    return marker


__all__ = [
    "MARKER",
    "OWNED_ENTRIES",
    "OutputDirError",
    "check_owned",
    "check_path",
    "clear",
    "entries",
    "is_owned_entry",
    "read_marker",
    "write_marker",
]
