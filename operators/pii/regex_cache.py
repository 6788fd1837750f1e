"""Compiled regular expressions' code cached on disk, so a fresh worker does not parse them again.

``pii_redact``'s set-up compiles ~600 regular expressions (the recognizers' word lists and
character classes as patterns, Presidio's and phonenumbers' patterns): ~1.2 of its ~2.7 CPU-s
after Presidio's import, measured in a fresh process (``time.thread_time`` around each compile).
Both ``re`` and ``regex`` parse a pattern and generate its code in Python (``re._parser``,
``re._compiler``, ``regex._regex_core``) and only then hand the code, a list of integers, to their
C engine (``_sre.compile``, ``_regex.compile``). That code is a pure function of the pattern, its
flags and the library's version, so :func:`compile_cache` keeps it: inside the block, a pattern
whose code is in the cache file goes straight to the C engine with it; any other is compiled as
the library compiles it, and its code is added to the file at the end of the block. The compiled
objects are the ones the library builds (same code, flags, groups), so every match is the same.

Only plain cases are cached: ``str`` patterns, no ``DEBUG`` or ``LOCALE`` flag (a locale-dependent
pattern depends on more than its text), and for ``regex`` no named lists (keyword arguments).
The file is keyed by Python's version, ``_sre.MAGIC`` and ``regex``'s version, and carries a
SHA-256 of its content: a file of another version is never read, a damaged one is ignored and
rewritten. Anything unexpected (a library whose internals moved, an unreadable or unwritable
cache) falls back to plain compiling. The cache sits with the other per-process tables
(``build_cache.py``: ``$CORPUSFORGE_CACHE_DIR``, else ``~/.cache/corpusforge``);
``CORPUSFORGE_PII_BUILD_CACHE=0`` turns it off with them. It holds pattern texts of this code and
its libraries (no document text) and the code generated from them, read with ``marshal`` (data
only: nothing in it is executed by Python).

While the block runs, ``re._compiler.compile`` and ``regex._main._compile`` are wrapped for the
whole process, and removed at the end of the outermost block; only the compiles of a thread inside
a block use and fill the cache (set-up reads no document, so no document text can reach the file:
another thread of the worker may meanwhile compile a pattern built from a document's words, and
that one compiles as usual, never stored).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import regex

_FORMAT = 1
#: entries the file may hold beyond twice those one process compiles before it is pruned
_SLACK = 1000
_LOCK = threading.RLock()
_depth = 0
_saved: tuple | None = None
#: the threads inside a block (ident -> depth): only their compiles are cached
_threads: dict[int, int] = {}
#: (library, pattern, flags[, version]) -> the C engine's arguments after the pattern
_entries: dict[tuple, tuple] = {}
#: the keys this process compiled inside a block (kept when the file is pruned)
_used: set[tuple] = set()
_added = 0
_loaded_from: Path | None = None


def _key() -> str:
    import _sre

    text = f"format {_FORMAT} python {sys.version} sre {_sre.MAGIC} {_sre.CODESIZE} regex {regex.__version__}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def cache_file() -> Path:
    from operators.synthetic.common import user_cache_dir

    return user_cache_dir() / f"pii-regex-code-{_key()}.marshal"


def _read(path: Path) -> dict[tuple, tuple]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    digest, body = data[:32], data[32:]
    if hashlib.sha256(body).digest() != digest:
        return {}
    try:
        entries = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _write(path: Path, entries: dict[tuple, tuple]) -> None:
    tmp = None
    try:
        body = marshal.dumps(entries)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(hashlib.sha256(body).digest() + body)
        os.replace(tmp, path)
        tmp = None
        for old in path.parent.glob("pii-regex-code-*.marshal"):  # other versions' files
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


# -- re ---------------------------------------------------------------------------------------


def _re_wrapper(original):
    import _sre
    from re import _compiler, _parser

    def compile(p, flags=0):  # noqa: A001 - re._compiler.compile's name
        if not isinstance(p, str) or flags & (re.DEBUG | re.LOCALE) or threading.get_ident() not in _threads:
            return original(p, flags)
        key = ("re", p, flags)
        args = _entries.get(key)
        _used.add(key)
        if args is None:
            # re._compiler.compile, with its arguments to _sre.compile kept
            parsed = _parser.parse(p, flags)
            code = _compiler._code(parsed, flags)
            groupindex = parsed.state.groupdict
            indexgroup = [None] * parsed.state.groups
            for k, i in groupindex.items():
                indexgroup[i] = k
            args = (
                flags | parsed.state.flags,
                code,
                parsed.state.groups - 1,
                dict(groupindex),
                tuple(indexgroup),
            )
            _remember(key, args)
        return _sre.compile(p, *args)

    return compile


# -- regex ------------------------------------------------------------------------------------


class _Recorder:
    """Stands for the ``_regex`` module inside ``regex._main`` while one pattern compiles: keeps
    the arguments of its ``compile`` call."""

    def __init__(self, module) -> None:
        self._module = module
        self.args: tuple | None = None

    def compile(self, *args):  # noqa: A003
        self.args = args
        return self._module.compile(*args)

    def __getattr__(self, name):
        return getattr(self._module, name)


def _regex_wrapper(original):
    from regex import _main

    c_module = _main._regex

    def _compile(pattern, flags, ignore_unused, kwargs, cache_it):
        if (
            kwargs
            or not isinstance(pattern, str)
            or flags & (regex.DEBUG | regex.LOCALE)
            or threading.get_ident() not in _threads
        ):
            return original(pattern, flags, ignore_unused, kwargs, cache_it)
        key = ("regex", pattern, flags, int(regex.DEFAULT_VERSION))
        args = _entries.get(key)
        _used.add(key)
        if args is not None:
            return c_module.compile(pattern, *args)
        with _LOCK:  # one recorder at a time (the module attribute is shared)
            recorder = _Recorder(c_module)
            _main._regex = recorder
            try:
                compiled = original(pattern, flags, ignore_unused, kwargs, cache_it)
            finally:
                _main._regex = c_module
        recorded = recorder.args
        if recorded is not None and recorded[0] is pattern and not recorded[1] & regex.LOCALE:
            _remember(key, tuple(recorded[1:]))
        return compiled

    return _compile


def _plain(value):
    """``value`` with int subclasses (``re``'s opcodes are named ints) as ints, as marshal stores them."""
    if isinstance(value, bool) or value is None or type(value) in (int, str):
        return value
    if isinstance(value, int):
        return int(value)
    if type(value) in (list, tuple):
        return type(value)(_plain(v) for v in value)
    if type(value) is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    raise ValueError(f"not cached: {type(value).__name__}")


def _remember(key: tuple, args: tuple) -> None:
    global _added
    try:
        key, args = _plain(key), _plain(args)
        marshal.dumps((key, args))
    except ValueError:
        return
    _entries[key] = args
    _added += 1


# -- the block --------------------------------------------------------------------------------


def enabled() -> bool:
    return os.environ.get("CORPUSFORGE_PII_BUILD_CACHE", "1") != "0"


def _install() -> tuple | None:
    from re import _compiler

    from regex import _main

    if not (callable(getattr(_compiler, "compile", None)) and callable(getattr(_main, "_compile", None))):
        return None
    if not hasattr(_main, "_regex") or not hasattr(_compiler, "_code"):
        return None
    saved = (_compiler.compile, _main._compile)
    _compiler.compile = _re_wrapper(saved[0])
    _main._compile = _regex_wrapper(saved[1])
    return saved


def _uninstall(saved: tuple) -> None:
    from re import _compiler

    from regex import _main

    _compiler.compile, _main._compile = saved


@contextmanager
def compile_cache():
    """Inside the block, ``re`` and ``regex`` compile from the cached code (module docstring)."""
    global _depth, _saved, _added, _loaded_from
    if not enabled():
        yield
        return
    me = threading.get_ident()
    with _LOCK:
        _threads[me] = _threads.get(me, 0) + 1
        _depth += 1
        if _depth == 1:
            try:
                path = cache_file()
                if _loaded_from != path:
                    _entries.clear()
                    _entries.update(_read(path))
                    _loaded_from = path
                _added = 0
                _saved = _install()
            except (OSError, AttributeError, ImportError):
                _saved = None
    try:
        yield
    finally:
        with _LOCK:
            _threads[me] -= 1
            if not _threads[me]:
                del _threads[me]
            _depth -= 1
            if _depth == 0:
                if _saved is not None:
                    _uninstall(_saved)
                    _saved = None
                if _added and _loaded_from is not None:
                    merged = _read(_loaded_from)
                    merged.update(_entries)
                    if len(merged) > 2 * len(_used) + _SLACK:
                        # patterns of edited code pile up: keep what this process compiled
                        merged = {k: v for k, v in merged.items() if k in _used}
                    _write(_loaded_from, merged)
                    _added = 0
