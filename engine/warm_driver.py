"""A driver kept warm beside the warm local Ray: ``corpusforge run --ray auto`` without the imports.

Why: with ``corpusforge ray up`` a run no longer waits for Ray's start nor (engine/warm_workers.py)
for its workers' boot; what is left before its first block is the driver's own Python start and
imports (Ray, Ray Data, pyarrow, numpy, pydantic, the engine and the operators: ~1 CPU-s, 1.5-2.5 s
of wall on this 2-core machine). ``ray up`` also starts this small server: one Python process that
has imported all of that once and waits on a Unix socket in the instance's state dir. A
``corpusforge run`` that attaches to the warm Ray hands it its arguments, working directory,
environment, start time and its stdin/stdout/stderr (``SCM_RIGHTS``); the server forks a child
that takes them over and runs the command exactly as the command line would
(``engine.cli.main``), then the client exits with the child's exit code. SIGINT and SIGTERM of the
client are passed to the child; if the client dies, the child is sent SIGTERM (a run's Ctrl-C:
progress kept, resumable).

Served only when nothing that is read at import time can differ: the client's Python and
checkout, and every variable of the environment that the imported modules may read as they load
(:func:`_import_env`: ``RAY_*``, ``CORPUSFORGE_*``, ``PYTHON*``, thread counts, ...) must equal
the server's, and the server must hold no thread (a fork copies only the calling thread);
otherwise, or when the server is not up, the command runs in its own process as before.
``CORPUSFORGE_WARM_DRIVER=0`` turns it off (then ``ray up`` starts no server either).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import threading
import time

#: ``CORPUSFORGE_WARM_DRIVER=0``: every run imports the engine in its own process.
ENV = "CORPUSFORGE_WARM_DRIVER"
#: Modules the server imports once: what a run's driver imports before its first block.
PRELOAD = (
    "engine.cli",
    "engine.config",
    "engine.executor",
    "engine.console",
    "engine.ray_lean",
    "ray.data",
    # imported on a run's path (a served run's profile): the end of run, Ray Data's first
    # execution (its issue detectors import Ray's state API: ~0.15 CPU-s), the planner
    "engine.ray_local",
    "engine.shutdown",
    "engine.stats",
    "engine.worker_preload",
    "engine.warm_workers",
    "engine.io_write",
    "engine.report",
    "engine.report_html",
    "engine.card",
    "engine.manifest",
    "engine.release",
    "engine.alerts",
    "engine.shard_schema",
    "engine.sink_sample",
    "pyarrow.dataset",
    "ray.dag",
    "ray.data._internal.issue_detection.detectors",
    "ray.data._internal.planner.planner",
    "ray.data._internal.planner.plan_list_files_op",
    "ray.data._internal.execution.streaming_executor",
    "ray.data._internal.execution.backpressure_policy",
    "ray.data._internal.execution.operators.task_pool_map_operator",
    # Ray's serialization context for the run's job (its first remote call) imports it: ~0.02 CPU-s
    "pydantic.v1.fields",
)
#: Environment variables that modules may read while they are imported: they must be the same in
#: the client as in the server (whose modules were imported under its own values).
_IMPORT_PREFIXES = (
    "RAY_", "CORPUSFORGE_", "PYTHON", "OMP_", "OPENBLAS_", "MKL_", "NUMBA_", "NUMEXPR_",
    "ARROW_", "PYARROW_", "LD_", "TZ", "LANG", "LC_",
    "TQDM_",  # tqdm (imported with Ray Data) reads its TQDM_* defaults as it loads
)  # fmt: skip
#: Variables that may differ: set per instance or per run, read at run time only.
_RUN_ONLY = (
    "CORPUSFORGE_RUN_TOKEN", "CORPUSFORGE_RAY_DIR", "CORPUSFORGE_WARM_DRIVER", "CORPUSFORGE_KEEP_STALE_WORKERS",
)  # fmt: skip
_MAX_REQUEST = 1 << 20
#: How long ``ray up`` waits for the server to listen.
READY_WAIT_S = 20.0


def enabled() -> bool:
    return os.environ.get(ENV, "1") != "0"


def socket_path(state_dir: str) -> str:
    return os.path.join(state_dir, "driver.sock")


def _import_env(env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k.startswith(_IMPORT_PREFIXES) and k not in _RUN_ONLY}


def _identity() -> dict[str, str]:
    """What must match between client and server besides the environment: the interpreter, the
    checkout, and the state of what the server imported (:func:`_sources`)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return {
        "python": os.path.realpath(sys.executable),
        "root": root,
        "version": sys.version,
        "sources": _sources(root),
    }


def _sources(root: str) -> str:
    """A fingerprint of the code a served run would take from the server's memory: every file
    (name, size, modification time) under the checkout's ``engine/`` and ``operators/`` (their
    modules and data files), and the installed packages' folder (a package installed, upgraded
    or removed changes its modification time). A source edited after ``ray up`` changes it, and
    the run then imports in its own process instead of running the server's older code.
    ~2 ms for the ~400 files."""
    import hashlib
    import sysconfig

    digest = hashlib.sha256()
    for top in ("engine", "operators"):
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                try:
                    st = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                digest.update(f"{folder}/{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    for key in ("purelib", "platlib"):
        try:
            digest.update(f"{key}\0{os.stat(sysconfig.get_paths()[key]).st_mtime_ns}\n".encode())
        except (OSError, KeyError):
            pass
    return digest.hexdigest()


# ------------------------------------------------------------------ the client (engine/cli.py)
def delegate(argv: list[str], started: float | None) -> int | None:
    """Run ``corpusforge <argv>`` in the warm driver of this checkout's warm local Ray. Returns
    the exit code, or None when it is not served there (the caller runs it itself)."""
    if not enabled():
        return None
    from engine.ray_local import state_dir

    path = socket_path(state_dir())
    if not _own(path):
        return None
    umask = os.umask(0o077)
    os.umask(umask)
    signals = _ClientSignals()
    try:
        return _delegate(path, argv, started, umask, signals)
    except _GiveUp:  # a second Ctrl-C before the run began: the connection closes, the run stops
        return signals.gave_up()
    finally:
        signals.restore()


class _GiveUp(Exception):
    """Raised by the client's handler at a second Ctrl-C (or SIGTERM) before the served run began."""


class _ClientSignals:
    """The client's handling of the terminal's signals, from before it connects until the served run
    ends. Ctrl-C (SIGINT) and SIGTERM: passed to the served run once its pid is known; one that comes
    before (the server not answered yet) is kept and passed on when the answer comes; a second one
    then, or no answer, gives up: the client closes the connection (the served run, if it began,
    sees it and stops as Ctrl-C would: :func:`_watch_client`), says so in one line and exits with
    the shell's code (130, 143). Never a traceback, never the run started here after a Ctrl-C.
    Ctrl-Z (SIGTSTP): the served run is stopped too (SIGSTOP: the server's session is not the
    terminal's, so it gets no SIGTSTP of its own, and its orphaned process group would ignore one),
    then this process; at ``fg`` or ``bg`` (SIGCONT here) the served run continues. One that comes
    before the pid is known stops this process alone: the served run has not begun then (it waits
    for this client's word that it knows the pid, sent after :meth:`started`)."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.pending: int | None = None
        self.saved = {}
        for signum in (signal.SIGINT, signal.SIGTERM):
            self.saved[signum] = signal.signal(signum, self._interrupt)
        if hasattr(signal, "SIGTSTP"):
            self.saved[signal.SIGTSTP] = signal.signal(signal.SIGTSTP, self._suspend)

    def _interrupt(self, signum, _frame) -> None:
        if self.pid is not None:
            _kill(self.pid, signum)
            return
        if self.pending is not None:
            raise _GiveUp
        self.pending = signum

    def _suspend(self, _signum, _frame) -> None:
        if self.pid is not None:
            _kill(self.pid, signal.SIGSTOP)
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        try:
            os.kill(os.getpid(), signal.SIGTSTP)  # stopped here until SIGCONT
        finally:
            signal.signal(signal.SIGTSTP, self._suspend)
            if self.pid is not None:
                _kill(self.pid, signal.SIGCONT)

    def started(self, pid: int) -> None:
        """The served run's pid: a signal kept until now goes to it."""
        self.pid = pid
        if self.pending is not None:
            _kill(pid, self.pending)

    def gave_up(self) -> int:
        signum = self.pending or signal.SIGINT
        sys.stderr.write("corpusforge: interrupted before the run started\n")
        return 128 + int(signum)

    def restore(self) -> None:
        for signum, handler in self.saved.items():
            signal.signal(signum, handler)


#: The client's word that it knows the served run's pid (:func:`_child` waits for it to begin).
_GO = b"g"


def _kill(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _delegate(
    path: str, argv: list[str], started: float | None, umask: int, signals: _ClientSignals
) -> int | None:
    request = {
        "argv": argv,
        "cwd": os.getcwd(),
        "env": dict(os.environ),
        "umask": umask,
        "process": _process_settings(),
        "started": started,
        "identity": _identity(),
    }
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    reader = None
    try:
        try:
            conn.settimeout(10.0)
            conn.connect(path)
            if _peer_uid(conn) != os.getuid():  # the environment and the terminal go to this user only
                return None if signals.pending is None else signals.gave_up()
            if signals.pending is not None:  # Ctrl-C before anything was handed over
                return signals.gave_up()
            socket.send_fds(conn, [json.dumps(request).encode()], [0, 1, 2])
            reader = conn.makefile(
                "rb"
            )  # one JSON line per message: "ok" (we answer _GO), then the exit code
            reply = _read_line(reader)
        except (OSError, ValueError):
            reply = None
        if not reply or not reply.get("ok"):
            # not served: the caller runs it itself, unless Ctrl-C came meanwhile
            return None if signals.pending is None else signals.gave_up()
        signals.started(int(reply["pid"]))
        try:
            conn.sendall(_GO)  # the served run starts now that Ctrl-C and Ctrl-Z can reach it
            conn.settimeout(None)
            done = _read_line(reader)
        except (OSError, ValueError):
            done = None
    finally:
        if reader is not None:
            reader.close()
        conn.close()
    if done and done.get("signal"):  # the shell would have said so for a process of its own
        name = (
            signal.Signals(done["signal"]).name
            if done["signal"] in signal.valid_signals()
            else done["signal"]
        )
        sys.stderr.write(f"corpusforge: the run was killed by signal {name}\n")
    return int(done["rc"]) if done and "rc" in done else 1


#: Resource limits a served run takes from its client (``ulimit -n``, ``-v``, ...).
_LIMITS = ("RLIMIT_NOFILE", "RLIMIT_AS", "RLIMIT_DATA", "RLIMIT_CORE", "RLIMIT_CPU", "RLIMIT_FSIZE")


def _process_settings() -> dict:
    """What ``nice``, ``taskset`` and ``ulimit`` set on the client: its niceness, the CPUs it may
    run on and its resource limits, for the served run (:func:`_adopt`)."""
    import resource

    settings: dict = {"nice": os.getpriority(os.PRIO_PROCESS, 0), "limits": {}}
    if hasattr(os, "sched_getaffinity"):
        settings["cpus"] = sorted(os.sched_getaffinity(0))
    for name in _LIMITS:
        if hasattr(resource, name):
            settings["limits"][name] = list(resource.getrlimit(getattr(resource, name)))
    return settings


def _adopt(settings: dict) -> None:
    """Take the client's niceness, CPUs and resource limits (:func:`_process_settings`) as far as
    this process may: a lower priority or a lower limit always, a higher one only within what the
    server has (then the server's stays)."""
    import resource

    try:
        if int(settings["nice"]) > os.getpriority(os.PRIO_PROCESS, 0):
            os.setpriority(os.PRIO_PROCESS, 0, int(settings["nice"]))
    except (KeyError, TypeError, ValueError, OSError):
        pass
    try:
        if settings.get("cpus") and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, settings["cpus"])
    except (TypeError, ValueError, OSError):
        pass
    for name, (soft, hard) in (settings.get("limits") or {}).items():
        if name in _LIMITS and hasattr(resource, name):
            try:
                resource.setrlimit(getattr(resource, name), (soft, hard))
            except (ValueError, OSError):
                pass


def _own(path: str) -> bool:
    """Whether ``path`` is a socket of this user in a folder of this user. The state folder's name
    under /tmp is predictable: another local user could have made it first and listen there, for
    the environment (secrets) and the terminal of our runs. (The server's uid, checked once
    connected, is what decides; this saves the connection.)"""
    import stat

    uid = os.getuid()
    try:
        st = os.lstat(path)
        folder = os.stat(os.path.dirname(path) or ".")
    except OSError:
        return False
    return stat.S_ISSOCK(st.st_mode) and st.st_uid == uid and folder.st_uid == uid


def _peer_uid(conn: socket.socket) -> int | None:
    """The uid of the process at the other end of a Unix socket (``SO_PEERCRED``: pid, uid, gid)."""
    import struct

    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (OSError, AttributeError):  # no SO_PEERCRED (not Linux): trust no one
        return None
    return struct.unpack("3i", creds)[1]


def _read_line(reader) -> dict | None:
    """The next message from the warm driver, or None when it closed the connection."""
    line = reader.readline(_MAX_REQUEST)
    if not line.endswith(b"\n"):
        return None
    return json.loads(line)


# ------------------------------------------------------------------ the server (ray up)
def _read_metadata() -> None:
    """Scan the installed distributions' metadata once here (operator entry points, library
    versions: ~0.12 CPU-s per run otherwise, in its validation, report and card); each served
    run inherits the result and uses it while ``sys.path`` and its folders are unchanged
    (engine/config.py ``path_state``; a package installed since also makes the run unserved:
    :func:`_sources`)."""
    try:
        from engine.config import operator_table
        from engine.products import library_versions

        operator_table()
        library_versions()
    except Exception:  # noqa: BLE001 - the run then reads them itself, as before
        pass


def serve(path: str) -> None:
    """The warm driver: import :data:`PRELOAD`, then fork one child per run that connects."""
    import importlib

    initial = dict(os.environ)
    identity = _identity()  # before the imports: a file changed while they ran is a mismatch later
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:  # a Ray version that moved it: the run imports what it needs
            pass
    from operators import BUILTIN

    for _name, module, _cls in BUILTIN:  # the built-in operators' modules (~0.2 CPU-s in all)
        try:
            importlib.import_module(f"operators.{module}")
        except ImportError:  # an optional dependency missing: the run imports (and reports) it
            pass
    # started with ``python -c``: '' (the current folder) leads the module path; in a served run
    # that would be the client's folder, whose stray ``jieba.py`` would shadow the real one
    sys.path[:] = [p if p else identity["root"] for p in sys.path]
    _read_metadata()
    if threading.active_count() != 1:  # a fork copies only this thread: not safe to serve
        sys.stderr.write(f"warm driver: {threading.active_count()} threads after the imports; not serving\n")
        return
    import select

    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o077)  # only this user may hand it a run
    try:
        server.bind(path)
    finally:
        os.umask(old)
    bound = os.stat(path).st_ino
    server.listen(16)
    own_env = _import_env(initial)  # what the modules saw as they were imported
    # what the imports themselves set (Ray: RAY_CLIENT_MODE=0): set again over the client's
    set_by_imports = {k: v for k, v in os.environ.items() if initial.get(k) != v}
    ray_pids = _ray_pids()

    def _leave(*_args) -> None:  # ``ray down``'s SIGTERM, or its Ray gone: no socket left behind
        try:
            if os.stat(path).st_ino == bound:  # not a later server's
                os.unlink(path)
        except OSError:
            pass
        os._exit(0)

    recheck = []
    #: each run's connection, kept until its child is reaped: a child killed by a signal (the
    #: OOM killer) cannot say so itself; :func:`_reap` tells the client
    runs: dict[int, socket.socket] = {}
    signal.signal(signal.SIGTERM, _leave)
    signal.signal(_RECHECK, lambda *_: recheck.append(True))
    while True:
        _reap(runs)
        if recheck:
            recheck.clear()
            if _sources(identity["root"]) != identity["sources"]:
                sys.stderr.write("warm driver: the code changed since its imports; starting again\n")
                _restart(path, bound, initial)
        if not select.select([server], [], [], _WATCH_S)[0]:
            if ray_pids and not _alive(ray_pids):
                # the Ray of this ``ray up`` died: runs cannot use it, and while this process lives
                # ``ray up`` would take the instance for running ("already up")
                sys.stderr.write("warm driver: its Ray is gone; stopping\n")
                _leave()
            continue
        conn, _ = server.accept()
        if _peer_uid(conn) != os.getuid():  # another user (the socket's mode opened by hand): no
            conn.close()
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            rc = 1
            try:
                server.close()
                for other in runs.values():  # other runs' connections: theirs alone
                    other.close()
                signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the server's _leave
                signal.signal(_RECHECK, signal.SIG_DFL)
                rc = _child(conn, identity, own_env, set_by_imports)
            finally:  # whatever happened, this copy of the server never goes on past here
                os._exit(rc)
        runs[pid] = conn


def _reap(runs: dict[int, socket.socket]) -> None:
    """Reap the runs that ended; to the client of one killed by a signal, its exit code as a shell
    gives it (128 + the signal), then close its connection (a run that ended by itself has sent
    its exit code already)."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = runs.pop(pid, None)
        if conn is None:  # a child of the server before a restart
            continue
        if os.WIFSIGNALED(status):
            _send(conn, {"rc": 128 + os.WTERMSIG(status), "signal": os.WTERMSIG(status)})
        conn.close()


def _restart(path: str, bound: int, initial: dict[str, str]) -> None:
    """Start the server again in this process (same pid, so ``ray down`` still finds it by its
    token): the same command line, the environment it started with, fresh imports."""
    try:
        if os.stat(path).st_ino == bound:
            os.unlink(path)
    except OSError:
        pass
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # a child of the old image may still ask for a recheck while the new one imports: ignored (an
    # ignored signal stays ignored across exec) until :func:`serve` listens again; its default
    # action would end the server
    signal.signal(_RECHECK, signal.SIG_IGN)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]], initial)


#: How often the server looks whether its Ray is still there (two ``kill(pid, 0)``).
_WATCH_S = 1.0
#: Sent by a child that refused a run whose only difference was the code's fingerprint: the
#: server compares its own with the checkout's and, when the code changed since it imported it,
#: starts itself again (the same command, a fresh import), so that later runs are served again.
_RECHECK = signal.SIGUSR1


def _ray_pids() -> list[int]:
    """The GCS server and raylet of this server's ``ray up`` instance (their environment carries
    its process token: engine/shutdown.py), or [] when there is none to watch."""
    from engine.shutdown import TOKEN_ENV, processes_with_token

    token = os.environ.get(TOKEN_ENV)
    if not token:
        return []
    pids = []
    for pid in processes_with_token(token):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                program = os.path.basename(f.read().split(b"\0", 1)[0])
        except OSError:
            continue
        if program in (b"gcs_server", b"raylet"):
            pids.append(pid)
    return pids


def _alive(pids: list[int]) -> bool:
    """Whether every process of ``pids`` is still running."""
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
    return True


def _child(
    conn: socket.socket, identity: dict[str, str], own_env: dict[str, str], set_by_imports: dict[str, str]
) -> int:
    """One run in a forked child: take over the client's stdio, directory and environment, run
    the command line's ``main``, send the exit code."""
    fds: list[int] = []
    request: dict = {}
    try:
        msg, fds, _flags, _addr = socket.recv_fds(conn, _MAX_REQUEST, 3)
        request = json.loads(msg)
        ok = len(fds) == 3 and request.get("identity") == identity and _import_env(request["env"]) == own_env
    except (OSError, ValueError, KeyError):
        ok = False
    if not ok:
        for fd in fds:
            os.close(fd)
        _send(conn, {"ok": False})
        theirs = request.get("identity") if isinstance(request, dict) else None
        if isinstance(theirs, dict) and {**theirs, "sources": identity["sources"]} == identity:
            os.kill(os.getppid(), _RECHECK)  # only the code differs: the server may be the stale one
        return 0
    for i, fd in enumerate(fds):
        os.dup2(fd, i)
        os.close(fd)
    # Ctrl-C and SIGTERM forwarded by the client stop the run as in its own process, whatever
    # the server inherited (started from a background job, it ignores SIGINT, and so would we)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.chdir(request["cwd"])
    if isinstance(request.get("umask"), int):  # the run's files get the client's permissions
        os.umask(request["umask"])
    if isinstance(request.get("process"), dict):  # nice, taskset, ulimit of the command
        _adopt(request["process"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ.update(set_by_imports)
    import tempfile

    tempfile.tempdir = None  # asked again under the client's TMPDIR (the server's answer is cached)
    sys.argv = ["corpusforge", *request["argv"]]
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(line_buffering=stream.isatty())
    try:  # from the answer on, a Ctrl-C the client passes on may come: 130 and a line, as in main
        _send(conn, {"ok": True, "pid": os.getpid()})
        # the run begins only once the client knows this pid: a Ctrl-Z that stopped the client
        # before it did would otherwise stop the client alone and let the run go on behind it
        if conn.recv(1) != _GO:
            return 143  # the client went away first: nothing ran (as _watch_client would end it)
        threading.Thread(target=_watch_client, args=(conn,), daemon=True).start()
        from engine.cli import main

        rc = main(request["argv"], started=request.get("started"), delegate=False)
    except SystemExit as exc:  # argparse, sys.exit
        rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:  # Ctrl-C before the run began (the run itself answers 130 or 143)
        sys.stderr.write("corpusforge: interrupted\n")
        rc = 130
    except BaseException:  # noqa: BLE001 - as the interpreter would: the traceback, exit 1
        import traceback

        traceback.print_exc()
        rc = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:  # a reader gone (``| head -1``): nothing more to say there
                stream.flush()
            except (OSError, ValueError):
                pass
    _send(conn, {"rc": rc})
    return rc


def _send(conn: socket.socket, message: dict) -> None:
    try:
        conn.sendall(json.dumps(message).encode() + b"\n")
    except OSError:
        pass


def _watch_client(conn: socket.socket) -> None:
    """The client went away before the run ended (killed): stop the run as Ctrl-C would."""
    try:
        while conn.recv(1):
            pass
    except OSError:
        pass
    os.kill(os.getpid(), signal.SIGTERM)


def start(state_dir_path: str, env: dict[str, str], log_path: str) -> str | None:
    """Start the server for ``corpusforge ray up`` (``env``: the user's environment with the
    instance's process token, so that ``ray down`` stops it). Returns its socket path."""
    if not enabled():
        return None
    import subprocess

    path = socket_path(state_dir_path)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = f"from engine.warm_driver import serve; serve({path!r})"
    try:
        os.unlink(path)  # a socket left by an earlier server: "ready" below must mean this one
    except FileNotFoundError:
        pass
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-c", code],
            env=env,
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    # ``ray up`` returns when the server listens (its imports: ~1-2 s), so that the next run is
    # served; a server that will not serve (it exits) or is slow is not waited for past the bound
    deadline = time.time() + READY_WAIT_S
    while time.time() < deadline and proc.poll() is None and not os.path.exists(path):
        time.sleep(0.05)
    return path


__all__ = ["enabled", "delegate", "serve", "start", "socket_path", "ENV", "PRELOAD"]
