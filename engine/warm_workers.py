"""Job-less workers kept ready on the warm local Ray of ``corpusforge ray up``.

Why: each run on the warm Ray is a new Ray job, and Ray gives a job only workers that are
its own or belong to no job yet. The raylet starts job-less workers once, when it starts
(one per CPU, ``num_prestart_python_workers``): the first run after ``ray up`` takes them and
its first block is read at once; every later run found none, and its workers booted (Python,
Ray, the preloaded Ray Data and engine: ~1 CPU-s each) on its first block's path. So at the
end of a run on the warm Ray, while its driver is still attached, it asks the raylet for
``num_cpus`` new job-less workers, which boot between runs and wait for the next one.

How: the raylet's own ``NodeManagerService/PrestartWorkers`` call (the one Ray's core worker
makes for its job), sent without a job id, so the workers belong to no job, with no runtime
environment (a run on the warm Ray has none), kept alive :data:`KEEP_ALIVE_S`, then as long as
Ray keeps any idle worker (at most one per free CPU). Ray's Python package has the request's protobuf class
but a minimal install has no gRPC client module, so the call is made here over the raylet's
plain-text HTTP/2 port with the standard library: one unary gRPC request (HPACK literal
headers, no Huffman), read until its reply message or its end. Token authentication is
presented when Ray uses it.

This relies on a Ray internal (a raylet RPC and its message): ``CORPUSFORGE_WARM_WORKERS=0``
turns it off; any failure (a Ray without the call, a changed message, a refused call) is
logged at debug level and changes nothing else: the next run boots its workers as before.
"""

from __future__ import annotations

import logging
import os
import socket
import struct

log = logging.getLogger("corpusforge.warm_workers")

#: ``CORPUSFORGE_WARM_WORKERS=0``: no job-less workers are asked for at the end of a run.
ENV = "CORPUSFORGE_WARM_WORKERS"
#: Seconds the raylet keeps the asked-for workers whatever its idle-worker trimming says: long
#: enough to outlast the ending run's own workers (Ray kills a finished job's workers). After it,
#: Ray's trimming keeps at most as many idle workers as free CPUs, so asking at every run's end
#: never piles workers up.
KEEP_ALIVE_S = 30
METHOD = "/ray.rpc.NodeManagerService/PrestartWorkers"
_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
_DATA, _HEADERS, _RST_STREAM, _SETTINGS, _PING, _GOAWAY = 0x0, 0x1, 0x3, 0x4, 0x6, 0x7
_END_STREAM, _ACK, _END_HEADERS = 0x1, 0x1, 0x4


def enabled() -> bool:
    return os.environ.get(ENV, "1") != "0"


def request_bytes(num_workers: int, keep_alive_s: int = KEEP_ALIVE_S) -> bytes:
    """The serialized ``PrestartWorkersRequest``: Python workers, no job, no runtime env."""
    from ray.core.generated import common_pb2, node_manager_pb2

    req = node_manager_pb2.PrestartWorkersRequest(
        language=common_pb2.Language.Value("PYTHON"),
        keep_alive_duration_secs=int(keep_alive_s),
        num_workers=int(num_workers),
    )
    req.runtime_env_info.serialized_runtime_env = "{}"
    return req.SerializeToString()


def _hpack_int(value: int, prefix_bits: int = 7) -> bytes:
    """An HPACK integer with a ``prefix_bits`` prefix (RFC 7541 5.1), flag bits zero."""
    limit = (1 << prefix_bits) - 1
    if value < limit:
        return bytes([value])
    out = [limit]
    value -= limit
    while value >= 128:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def header_block(headers: list[tuple[str, str]]) -> bytes:
    """HPACK "literal header field without indexing, new name" for each header (RFC 7541 6.2.2),
    strings as plain octets (no Huffman): valid for any decoder, no dynamic table."""
    out = bytearray()
    for name, value in headers:
        out.append(0x00)
        for text in (name.encode(), value.encode()):
            out += _hpack_int(len(text)) + text
    return bytes(out)


def _frame(kind: int, flags: int, stream: int, payload: bytes = b"") -> bytes:
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


def _auth_headers() -> list[tuple[str, str]]:
    """Ray's token (``authorization: Bearer ...``) when token authentication is on."""
    try:
        from ray._raylet import AuthenticationTokenLoader

        loader = AuthenticationTokenLoader.instance()
        if not loader.has_token():
            return []
        return [(k.lower(), v) for k, v in loader.get_token_for_http_header().items()]
    except Exception:  # noqa: BLE001 - a Ray without token authentication
        return []


def grpc_unary(
    host: str,
    port: int,
    method: str,
    message: bytes,
    timeout: float = 5.0,
    auth: list[tuple[str, str]] | None = None,
) -> bytes | None:
    """One unary gRPC call over plain-text HTTP/2: the reply message's bytes, or None when the
    server answered with no message (a gRPC error: its status is in trailers) or closed.
    ``auth``: the authentication headers (default: Ray's token, when it has one)."""
    headers = [
        (":method", "POST"),
        (":scheme", "http"),
        (":path", method),
        (":authority", f"{host}:{port}"),
        ("content-type", "application/grpc"),
        ("te", "trailers"),
        *(_auth_headers() if auth is None else auth),
    ]
    body = b"\x00" + struct.pack(">I", len(message)) + message
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(
            _PREFACE
            + _frame(_SETTINGS, 0, 0)
            + _frame(_HEADERS, _END_HEADERS, 1, header_block(headers))
            + _frame(_DATA, _END_STREAM, 1, body)
        )
        reader = sock.makefile("rb")
        reply = bytearray()
        while True:
            head = reader.read(9)
            if len(head) < 9:
                return None
            length = int.from_bytes(head[:3], "big")
            kind, flags = head[3], head[4]
            stream = int.from_bytes(head[5:9], "big") & 0x7FFFFFFF
            payload = reader.read(length)
            if kind == _SETTINGS and not flags & _ACK:
                sock.sendall(_frame(_SETTINGS, _ACK, 0))
            elif kind == _PING and not flags & _ACK:
                sock.sendall(_frame(_PING, _ACK, 0, payload))
            elif kind == _GOAWAY or (kind == _RST_STREAM and stream == 1):
                return None
            elif kind == _DATA and stream == 1:
                reply += payload
            if stream == 1 and kind in (_DATA, _HEADERS) and flags & _END_STREAM:
                # a reply is one length-prefixed message: present only when the call succeeded
                return bytes(reply[5:]) if len(reply) >= 5 else None


def raylet_address() -> tuple[str, int] | None:
    """This driver's raylet (host, port), or None when not attached."""
    try:
        import ray

        node = ray._private.worker.global_worker.node
        return node.node_ip_address, int(node.node_manager_port)
    except Exception:  # noqa: BLE001 - not attached, or Ray moved these names
        return None


def prestart(
    num_workers: int, keep_alive_s: int = KEEP_ALIVE_S, address: tuple[str, int] | None = None
) -> bool:
    """Ask the raylet at ``address`` (default: this driver's) for ``num_workers`` job-less
    workers for the next run. Returns whether the raylet accepted; never raises."""
    if not enabled() or num_workers < 1:
        return False
    try:
        address = address or raylet_address()
        if address is None:
            return False
        reply = grpc_unary(*address, METHOD, request_bytes(num_workers, keep_alive_s))
    except Exception as exc:  # noqa: BLE001 - the next run boots its own workers, as before
        log.debug("job-less workers not asked for: %s", exc)
        return False
    if reply is None:
        log.debug("job-less workers not asked for: the raylet answered no reply")
        return False
    return True


#: How long the process that sends the request waits for the run's process to exit first.
EXIT_WAIT_S = 10.0
_CHILD_ENV = "CORPUSFORGE_WARM_WORKERS_REQUEST"


def prestart_after_exit(num_workers: int, address: tuple[str, int], keep_alive_s: int = KEEP_ALIVE_S) -> bool:
    """:func:`prestart`, sent by a small process of its own once this one has exited (or after
    :data:`EXIT_WAIT_S`): the workers then boot after the command has ended, not during its
    exit (measured: a driver's exit took 0.3-2 s longer with the raylet starting workers
    meanwhile). Returns whether that process was started; never raises."""
    if not enabled() or num_workers < 1:
        return False
    try:
        import json
        import subprocess
        import sys

        request = {
            "host": address[0],
            "port": int(address[1]),
            "message": request_bytes(num_workers, keep_alive_s).hex(),
            "auth": _auth_headers(),
            "parent": os.getpid(),
        }
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        code = f"import sys; sys.path.insert(0, {root!r}); from engine.warm_workers import _send; _send()"
        subprocess.Popen(
            [sys.executable, "-S", "-c", code],
            env={**os.environ, _CHILD_ENV: json.dumps(request)},  # the token stays out of argv
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except Exception as exc:  # noqa: BLE001 - the next run boots its own workers, as before
        log.debug("job-less workers not asked for: %s", exc)
        return False
    return True


def _send() -> None:
    """The process :func:`prestart_after_exit` starts: wait for the run's process to exit, then
    send the request."""
    import json
    import time

    request = json.loads(os.environ.pop(_CHILD_ENV))
    deadline = time.monotonic() + EXIT_WAIT_S
    while os.getppid() == request["parent"] and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        grpc_unary(
            request["host"], request["port"], METHOD, bytes.fromhex(request["message"]),
            auth=[tuple(h) for h in request["auth"]],
        )  # fmt: skip
    except OSError:
        pass


# ------------------------------------------------------------------ workers older than the code
#: How long :func:`retire_stale` waits for the workers it ended before it kills what is left.
RETIRE_WAIT_S = 2.0
#: ``CORPUSFORGE_KEEP_STALE_WORKERS=1``: :func:`retire_stale` ends nothing (a measurement of the
#: warm path in a checkout that others edit meanwhile; the runs may then run older code).
KEEP_STALE_ENV = "CORPUSFORGE_KEEP_STALE_WORKERS"


def newest_code_change(root: str) -> float:
    """When this checkout's code last changed: the newest modification time of the files under
    ``engine/`` and ``operators/`` (modules and data files) and of the installed packages' folder
    (a package installed, upgraded or removed changes it)."""
    import sysconfig

    newest = 0.0
    for top in ("engine", "operators"):
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in files:
                try:
                    newest = max(newest, os.stat(os.path.join(folder, name)).st_mtime)
                except OSError:
                    continue
    for key in ("purelib", "platlib"):
        try:
            newest = max(newest, os.stat(sysconfig.get_paths()[key]).st_mtime)
        except (OSError, KeyError):
            pass
    return newest


def _started_at(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), from ``/proc``."""
    import time

    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            ticks = int(f.read().rsplit(")", 1)[1].split()[19])  # field 22, starttime
    except (OSError, IndexError, ValueError):
        return None
    boot = time.time() - time.clock_gettime(time.CLOCK_BOOTTIME)
    return boot + ticks / os.sysconf("SC_CLK_TCK")


def _running(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie, ended but not reaped by its raylet yet, does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def stale_idle_workers(token: str, root: str) -> list[int]:
    """The idle workers of the warm local Ray (``ray::IDLE`` processes carrying its process
    token) that started before the newest change to the code (:func:`newest_code_change`)."""
    from engine.shutdown import processes_with_token

    idle = []
    for pid in processes_with_token(token):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if f.read(9) == b"ray::IDLE":
                    idle.append(pid)
        except OSError:
            continue
    if not idle:
        return []
    changed = newest_code_change(root)
    return [pid for pid in idle if (_started_at(pid) or changed) < changed]


def retire_stale(token: str, root: str) -> list[int]:
    """End the warm Ray's idle workers that hold code older than the checkout's, before a run
    attaches. Why: a worker imports the engine as it starts (Ray's ``preload_python_modules``)
    and the workers readied between runs wait for the next one, so the first run after an edit
    of ``engine/`` ran its tasks in workers with the code from before the edit (seen: a run's
    read and write tasks in a worker booted before ``engine/io_write.py`` changed); the raylet
    starts new workers for the run instead. SIGTERM, then SIGKILL after :data:`RETIRE_WAIT_S`.
    Returns the pids ended; never raises."""
    import signal
    import time

    if os.environ.get(KEEP_STALE_ENV) == "1":
        return []
    try:
        pids = stale_idle_workers(token, root)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + RETIRE_WAIT_S
        left = pids
        while left and time.monotonic() < deadline:
            time.sleep(0.02)
            left = [pid for pid in left if _running(pid)]
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if pids:
            log.info("ended %d idle worker(s) older than the code: %s", len(pids), pids)
        return pids
    except Exception as exc:  # noqa: BLE001 - the run goes on as it would have
        log.debug("idle workers not checked against the code: %s", exc)
        return []


__all__ = [
    "retire_stale",
    "stale_idle_workers",
    "newest_code_change",
    "enabled",
    "prestart",
    "prestart_after_exit",
    "grpc_unary",
    "header_block",
    "request_bytes",
    "ENV",
    "KEEP_ALIVE_S",
]
