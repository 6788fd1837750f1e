"""The numba kernels' first compile: once per machine, and off the first block's path.

The first run of a pipeline after an install compiles the numba kernels its operators call
(quickstart's minhash_dedup: ~7 CPU-s; web_text's quality kernels: ~17) and writes numba's
on-disk cache; every later run loads it (docs/startup.md, "First run after an install"). Three
things here make that first run cost close to a later one:

* **One compile per kernel and machine** (:func:`guard`). Every cached kernel of ours
  (``operators/dedup/minhash_kernel.py``, ``operators/quality/_kernels.py``) compiles under a
  file lock of its own beside numba's cache (``<cache dir>/<kernel index>.lock``, an
  ``fcntl.flock``: the kernel releases it when its holder dies, so a process killed mid-compile
  never blocks another). A second process that needs the kernel meanwhile waits, then loads
  numba's cache instead of compiling it again. The lock also closes a race of numba's own cache:
  it writes a kernel's index before its data file, and two processes saving two signatures of
  one kernel at once could leave the index naming the other's data file.
* **Compiled while the run starts** (:func:`start_background`). ``corpusforge run`` starts one
  process that compiles the kernels of the config's steps (:func:`plan`) when a stamp says they
  were not compiled yet for this source and numba, so the compile overlaps the driver's imports,
  Ray's start and the first stages instead of waiting for the first batch that needs them. It
  runs in Linux's batch scheduling class (``SCHED_BATCH``: the run's own processes preempt it
  when they wake) at normal priority: at ``nice`` 19 it got ~3 CPU-s in two minutes of a
  quickstart on this machine under other load (load 10-22) and the worker compiled everything
  itself. A worker that needs a kernel this process is compiling waits on the lock only while
  the process makes progress: when it gets less than half of what a normal process gets now
  (``CORPUSFORGE_KERNEL_NICE`` gave it a ``nice`` and other load starves it), the worker stops
  it (SIGTERM) and compiles the kernel itself, so a starved background compile never makes a
  worker's first call slower than it was.
* **Ahead of time** (``corpusforge warmup CONFIG``, :func:`warmup`): the same compile in the
  foreground, plus the ``.pyc`` of ``engine/`` and ``operators/``, for installs and CI images.

``CORPUSFORGE_KERNEL_LOG=PATH`` appends one JSON line per kernel compile or cache load of a
guarded kernel (process, role, kernel, signature, hit or miss, the thread's CPU seconds and
the seconds it waited on the lock) for measurement (``scripts/first_use.py``).
``CORPUSFORGE_KERNEL_PRECOMPILE=0`` turns the background process off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

from engine import deadline

#: This process's part in the lock protocol: ``background`` (the precompiler: may be stopped by
#: a waiting worker) or ``run`` (everything else: never stopped).
ROLE_ENV = "CORPUSFORGE_KERNEL_ROLE"
LOG_ENV = "CORPUSFORGE_KERNEL_LOG"
PRECOMPILE_ENV = "CORPUSFORGE_KERNEL_PRECOMPILE"

#: A waiter samples the background holder's CPU time over windows this long ...
PROGRESS_WINDOW_S = 0.5
#: ... and stops it when it got less than this part of what a process of normal priority gets
#: now (the cores over the runnable processes, at most one core): the waiter would compile the
#: kernel faster itself.
MIN_PROGRESS = 0.5

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PROCESS_LOCK = threading.RLock()  # one compile at a time in a process (numba has the same)
_HELD: dict[str, list] = {}  # lock path -> [fd, depth], under _PROCESS_LOCK
_MISSING = object()


# --------------------------------------------------------------------------- the lock
def _role() -> str:
    return "background" if os.environ.get(ROLE_ENV) == "background" else "run"


def _start_time(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (``/proc/<pid>/stat`` field 22): with
    the pid, it names one process even after the pid is reused."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return int(f.read().rsplit(b")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def _cpu_s(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, ValueError, IndexError):
        return None


def _fair_share() -> float:
    """The part of a core a runnable process of normal priority gets now: the cores over the
    runnable processes (``/proc/loadavg``), at most 1."""
    try:
        with open("/proc/loadavg", "rb") as f:
            running = int(f.read().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return 1.0
    return min(1.0, (os.cpu_count() or 1) / max(1, running))


def _holder(fd: int) -> tuple[int, int, str] | None:
    """(pid, start time, role) the lock's holder wrote into the lock file, or None."""
    try:
        raw = os.pread(fd, 200, 0).decode("ascii", "replace").split()
        return int(raw[0]), int(raw[1]), raw[2]
    except (OSError, ValueError, IndexError):
        return None


def _acquire(fd: int) -> float:
    """Take the lock on ``fd`` (blocking); returns the seconds waited. A holder that is the
    background precompiler and gets less than ``MIN_PROGRESS`` of a core is stopped."""
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return 0.0
    except BlockingIOError:
        pass
    t0 = time.monotonic()
    stopped = False
    window_start = t0
    window_cpu: float | None = None
    holder = None
    sleep = 0.005
    while True:
        time.sleep(sleep)  # a plain sleep: signals (the watchdog's SIGALRM) are handled at once
        sleep = min(sleep * 2, 0.05)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return time.monotonic() - t0
        except BlockingIOError:
            pass
        if stopped or _role() == "background":
            continue
        now = time.monotonic()
        info = _holder(fd)
        if info != holder:  # a new holder: start measuring it
            holder, window_start, window_cpu = info, now, None
        if holder is None or holder[2] != "background":
            continue
        pid, started, _ = holder
        if window_cpu is None:
            window_cpu = _cpu_s(pid)
            window_start = now
            continue
        if now - window_start < PROGRESS_WINDOW_S:
            continue
        cpu = _cpu_s(pid)
        if cpu is not None and (cpu - window_cpu) >= MIN_PROGRESS * _fair_share() * (now - window_start):
            window_start, window_cpu = now, cpu  # it is getting on: wait another window
            continue
        if _start_time(pid) == started:  # the same process, starved: stop it, compile here
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        stopped = True


@contextlib.contextmanager
def kernel_lock(path: str) -> Iterator[float]:
    """Hold the file lock ``path`` (created if missing); yields the seconds waited for it.
    Re-entrant within a process (a kernel compiling calls another guarded kernel); when the
    lock file cannot be opened (a read-only cache folder), nothing is locked."""
    with _PROCESS_LOCK:
        entry = _HELD.get(path)
        if entry is not None:
            entry[1] += 1
            try:
                yield 0.0
            finally:
                entry[1] -= 1
            return
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            yield 0.0
            return
        try:
            waited = _acquire(fd)
            try:
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()} {_start_time(os.getpid()) or 0} {_role()}\n".encode(), 0)
            except OSError:
                pass
            _HELD[path] = [fd, 1]
            try:
                yield waited
            finally:
                del _HELD[path]
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _lock_path(dispatcher) -> str | None:
    cache = getattr(dispatcher, "_cache", None)
    cache_file = getattr(cache, "_cache_file", None)
    folder = getattr(cache, "_cache_path", None)
    index = getattr(cache_file, "_index_name", None)
    if not folder or not index:
        return None  # not cached (numba's NullCache): nothing shared to protect
    return os.path.join(folder, index + ".lock")


def guard(dispatcher):
    """Make ``dispatcher`` (a ``numba.njit(cache=True)`` kernel) compile or load its cache under
    its kernel's file lock; returns it. Uncached dispatchers are returned as they are."""
    path = _lock_path(dispatcher)
    if path is None or getattr(dispatcher, "_corpusforge_guarded", False):
        return dispatcher
    compile_ = dispatcher.compile
    name = f"{getattr(dispatcher.py_func, '__module__', '?')}.{dispatcher.py_func.__qualname__}"

    def compile(sig):
        # not the document's time, and never cut halfway: outside the per-document watchdog
        with deadline.exempt(), kernel_lock(path) as waited:
            misses = sum(dispatcher._cache_misses.values())
            cpu0 = time.thread_time()
            try:
                return compile_(sig)
            finally:
                if os.environ.get(LOG_ENV):
                    miss = sum(dispatcher._cache_misses.values()) > misses
                    _log(name, sig, miss, time.thread_time() - cpu0, waited)

    dispatcher.compile = compile  # the instance attribute: numba's typing of calls goes through it too
    dispatcher._corpusforge_guarded = True
    return dispatcher


def guard_namespace(namespace: dict) -> None:
    """:func:`guard` every cached numba dispatcher defined in a module's namespace."""
    try:
        from numba.core.dispatcher import Dispatcher
    except ImportError:
        return
    module = namespace.get("__name__")
    for value in list(namespace.values()):
        if isinstance(value, Dispatcher) and getattr(value.py_func, "__module__", None) == module:
            guard(value)


def _log(name: str, sig, miss: bool, cpu_s: float, waited: float) -> None:
    row = {
        "pid": os.getpid(),
        "role": _role(),
        "kernel": name,
        "sig": str(sig),
        "compiled": miss,
        "cpu_s": round(cpu_s, 3),
        "wait_s": round(waited, 3),
        "t": round(time.time(), 3),
    }
    with contextlib.suppress(OSError):
        fd = os.open(os.environ[LOG_ENV], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            os.write(fd, (json.dumps(row) + "\n").encode())
        finally:
            os.close(fd)


# --------------------------------------------------------------------------- what a config compiles
#: Global stages: the kernel module, its precompile function and the parameters it takes from
#: the step. The function calls the module's kernels through the same functions and argument
#: types as the stage, on a few documents, so the signatures it compiles are the stage's
#: (tests/test_kernel_compile.py checks that the stage then compiles nothing).
PRECOMPILE: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "minhash_dedup": (
        "operators.dedup.minhash_kernel",
        "precompile",
        ("hash", "ngram_size", "num_perm", "seed", "verify_keeper", "device"),
    ),
}
#: Per-document operators whose calls run compiled kernels (``operators/quality/_kernels.py``):
#: the precompiler runs the step's operator itself, as configured, on a few English and
#: Chinese documents, so its kernels compile with the types of a real batch.
KERNEL_OPERATORS = frozenset({"gopher_quality", "gopher_repetition", "c4_quality", "fineweb_quality"})
_QUALITY_KERNELS = "operators.quality._kernels"
#: The compiled Chinese segmenter those operators' tokenization calls (operators/quality/common.py).
_ZH_KERNELS = "operators.text.jieba_numba"

#: The documents the operators' precompile runs on (kernels compile the same for any text;
#: several lines, a list, a citation and both scripts reach their line and sentence paths).
SAMPLE = (
    (
        "en",
        "The quick brown fox jumps over the lazy dog near the river bank today.\n"
        "It was a sunny day, and the children were playing in the park with their friends...\n"
        "- one item of a list\n- another item of the list [1]\n"
        "Click here to read more. Terms of use and privacy policy apply to this page.",
    ),
    (
        "zh",
        "今天天气很好，我们一起去公园散步吧。\n孩子们在河边玩耍，老人们在树下下棋。\n"
        "这家餐厅的菜很好吃，价格也不贵！\n更多内容请点击这里。",
    ),
)


def plan(steps) -> list[dict]:
    """The precompile jobs of a config's steps (``cfg.steps``), duplicates dropped: a global
    stage's ``{"kind": "call", "module", "function", "params"}``, a per-document operator's
    ``{"kind": "operator", "module", "cls", "params"}``; each with the modules whose source
    its kernels come from (``sources``, for the stamp)."""
    jobs: list[dict] = []
    langs = _sample_langs(steps)
    for step in steps:
        name = step.op_cls.name
        if name in PRECOMPILE:
            module, function, names = PRECOMPILE[name]
            params = {n: getattr(step.params, n) for n in names if hasattr(step.params, n)}
            job = {
                "kind": "call",
                "module": module,
                "function": function,
                "params": params,
                "sources": [module],
            }
        elif name in KERNEL_OPERATORS:
            job = {
                "kind": "operator",
                "module": step.op_cls.__module__,
                "cls": step.op_cls.__name__,
                "params": step.params.model_dump(mode="json"),
                "langs": langs,
                "sources": [step.op_cls.__module__, _QUALITY_KERNELS, _ZH_KERNELS],
            }
        else:
            continue
        if job not in jobs:
            jobs.append(job)
    return jobs


_CJK = ("zh", "ja", "ko", "cmn", "yue", "wuu", "jpn", "zho", "kor")


def _sample_langs(steps) -> list[str]:
    """The sample's languages: English, and Chinese unless a ``language_id`` step before the
    kernels keeps no CJK language (the Chinese paths' kernels would never be called: C4's
    sentence kernel for Chinese alone is ~11 CPU-s)."""
    for step in steps:
        if step.op_cls.name in KERNEL_OPERATORS:
            break
        keep = getattr(step.params, "keep", None) if step.op_cls.name == "language_id" else None
        if keep and not any(str(k).lower().replace("_", "-").split("-")[0] in _CJK for k in keep):
            return ["en"]
    return ["en", "zh"]


def _sample_table(langs: list[str] | tuple[str, ...] = ("en", "zh")):
    import pyarrow as pa

    from engine.columns import add_engine_columns

    docs = [(lang, text) for lang, text in SAMPLE if lang in langs]
    table = pa.table(
        {
            "id": [f"precompile-{i}" for i in range(len(docs))],
            "text": [text for _, text in docs],
            "lang": [lang for lang, _ in docs],
        }
    )
    return add_engine_columns(table, "precompile", 1)


def _run_job(job: dict) -> None:
    import importlib

    module = importlib.import_module(job["module"])
    if job["kind"] == "call":
        getattr(module, job["function"])(**job["params"])
        return
    from engine import runner

    cls = getattr(module, job["cls"])
    op = runner.start(cls(cls.Params(**job["params"])))
    try:
        runner.run_operator(op, _sample_table(job.get("langs", ("en", "zh"))), cls.name)
    finally:
        runner.finish(op, cls.name)


def _module_file(module: str) -> str | None:
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    return spec.origin if spec is not None else None


def _numba_version() -> str:
    try:
        from importlib.metadata import version

        return version("numba")
    except Exception:  # noqa: BLE001 - no numba: no stamp matches, the compile says why
        return "?"


def stamp_path(jobs: list[dict]) -> str | None:
    """Where the stamp of ``jobs`` lives: a file named by a hash of the jobs, their modules'
    source (path, size, modification time), numba's and Python's versions and
    ``NUMBA_CACHE_DIR``, written once every job compiled. In ``NUMBA_CACHE_DIR`` when set, else
    beside the first module's numba cache (its ``__pycache__``)."""
    if not jobs:
        return None
    key = [sys.version, _numba_version(), os.environ.get("NUMBA_CACHE_DIR", "")]
    folder = os.environ.get("NUMBA_CACHE_DIR")
    for job in jobs:
        key.append(job)
        for module in job["sources"]:
            origin = _module_file(module)
            if origin is None:
                return None
            try:
                st = os.stat(origin)
            except OSError:
                return None
            key.append([origin, st.st_size, st.st_mtime_ns])
            folder = folder or os.path.join(os.path.dirname(origin), "__pycache__")
    digest = hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()[:20]
    return os.path.join(folder, f"corpusforge-precompiled-{digest}")


def compiled_already(jobs: list[dict]) -> bool:
    path = stamp_path(jobs)
    return path is None or os.path.exists(path)


def run_jobs(jobs: list[dict], strict: bool = False) -> dict:
    """Compile (or load) every job's kernels in this process; writes the stamp when all did.
    Returns ``{"jobs", "cpu_s", "stamp"}``."""
    cpu0 = time.process_time()
    failed = 0
    for job in jobs:
        try:
            _run_job(job)
        except Exception:  # noqa: BLE001 - the run compiles what this could not, as before
            if strict:
                raise
            failed += 1
    path = stamp_path(jobs) if not failed else None
    if path:
        with contextlib.suppress(OSError):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(jobs, f, default=str)
    return {"jobs": len(jobs), "failed": failed, "cpu_s": round(time.process_time() - cpu0, 2), "stamp": path}


# --------------------------------------------------------------------------- the background process
_BACKGROUND: list = []


def start_background(steps) -> object | None:
    """Start the precompiler for ``steps`` unless their kernels were compiled
    already (the stamp) or ``CORPUSFORGE_KERNEL_PRECOMPILE=0``; returns its ``Popen`` or None.
    It carries the run's process token when one is set (engine/shutdown.py), so it ends with
    the run at the latest."""
    if os.environ.get(PRECOMPILE_ENV) == "0":
        return None
    try:
        jobs = plan(steps)
        if not jobs or compiled_already(jobs):
            return None
        import subprocess

        env = dict(os.environ, **{ROLE_ENV: "background"})
        proc = subprocess.Popen(
            [sys.executable, "-m", "engine.kernel_compile", json.dumps(jobs, default=str)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_lower_priority,
            close_fds=True,
            start_new_session=SESSION,
        )
    except Exception:  # noqa: BLE001 - an optimisation only: the workers compile as before
        return None
    _BACKGROUND.append(proc)
    return proc


#: The precompiler's ``nice`` increment (``CORPUSFORGE_KERNEL_NICE`` sets another).
NICE = 0
#: The precompiler in a session of its own (``CORPUSFORGE_KERNEL_SESSION=0``: the driver's).
#: With Linux's scheduler autogroups (one per session, each given an equal share of a busy
#: machine) it then takes its CPU from no process of the driver's session: the driver shares
#: its session with the terminal's other commands, while Ray's head and workers have one of
#: their own.
SESSION = os.environ.get("CORPUSFORGE_KERNEL_SESSION") != "0"


def _lower_priority() -> None:
    """In the precompiler before it starts: the batch scheduling class, and a ``nice`` if asked."""
    try:
        increment = int(os.environ.get("CORPUSFORGE_KERNEL_NICE", NICE))
    except ValueError:
        increment = NICE
    with contextlib.suppress(OSError, AttributeError):
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
    if increment > 0:
        with contextlib.suppress(OSError):
            os.nice(increment)


def stop_background() -> None:
    """End the precompiler if it still runs (the run is over); what it compiled is cached."""
    while _BACKGROUND:
        proc = _BACKGROUND.pop()
        if proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.terminate()
            with contextlib.suppress(Exception):
                proc.wait(timeout=5)


def warmup(steps, pyc: bool = True) -> dict:
    """``corpusforge warmup``: compile the kernels of ``steps`` now, in this process, and write
    the ``.pyc`` of ``engine/`` and ``operators/`` (unless ``pyc`` is false or Python is told
    not to write bytecode)."""
    result = run_jobs(plan(steps), strict=True)
    result["pyc"] = False
    if pyc and not sys.dont_write_bytecode:
        import compileall
        from pathlib import Path

        root = Path(__file__).resolve().parents[1]
        ok = all(compileall.compile_dir(str(root / d), quiet=1) for d in ("engine", "operators"))
        result["pyc"] = bool(ok)
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # stopped by a waiting worker: end at once
    run_jobs(json.loads(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
