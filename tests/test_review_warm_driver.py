"""The warm driver's hand-off (engine/warm_driver.py) as a demanding user meets it, without Ray:
the server runs with a stand-in for the command line's ``main`` that reports what the served
process sees (umask, temp dir, module path, stdin, exit codes), so each property is checked in
a few seconds. Who may hand it a run (the peer's uid), which server a client trusts, a stdout
closed under the run (``| head -1``), and no descriptor or child left behind over 50 runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The server: engine.cli.main replaced by a stand-in, then the real serve().
SERVER = r"""
import json, os, sys, tempfile, time
import engine.cli

def fake(argv, started=None, delegate=True):
    cmd = argv[0]
    if cmd == "probe":
        mask = os.umask(0)
        os.umask(mask)
        import resource
        print(json.dumps({"umask": mask, "tmp": tempfile.gettempdir(), "cwd": os.getcwd(),
                          "nice": os.getpriority(os.PRIO_PROCESS, 0), "cpus": sorted(os.sched_getaffinity(0)),
                          "nofile": resource.getrlimit(resource.RLIMIT_NOFILE)[0],
                          "path": sys.path, "x": os.environ.get("REVIEW_X"), "pid": os.getpid()}), flush=True)
        return 0
    if cmd == "cat":
        sys.stdout.write(sys.stdin.read())
        return 0
    if cmd == "lines":
        for i in range(int(argv[1])):
            print("line", i)
        return 0
    if cmd == "exit":
        return int(argv[1])
    if cmd == "raise":
        raise RuntimeError("a failure in the run")
    if cmd == "die":
        import signal
        os.kill(os.getpid(), int(argv[1]))
        time.sleep(30)
    if cmd == "sleep":
        time.sleep(float(argv[1]))
        return 0
    return 99

engine.cli.main = fake
import engine.warm_driver
engine.warm_driver._sources = lambda root: "fixed"  # other checkouts' edits: not this test's subject
tempfile.gettempdir()  # as a preloaded module that asked for the temp dir would have
from engine.warm_driver import serve
serve(sys.argv[1])
"""

#: A client: 97 when the run was not served (the caller would have run it itself).
CLIENT = (
    "import sys, time\n"
    "from engine import warm_driver\n"
    "from engine.warm_driver import delegate\n"
    "warm_driver._sources = lambda root: 'fixed'\n"
    "rc = delegate(sys.argv[1:], time.time())\n"
    "sys.exit(97 if rc is None else rc)\n"
)
NOT_SERVED = 97


def _env(state_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONPATH"] = str(ROOT)
    env["CORPUSFORGE_RAY_DIR"] = str(state_dir)
    env.pop("CORPUSFORGE_WARM_DRIVER", None)
    return env


def _wait_for(predicate, timeout=30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _state_dir() -> Path:
    """A state folder as ``ray up`` makes one, under /tmp (pytest's own folders are closed to
    other users, which would hide what the permission tests look at)."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix="cfrev", dir="/tmp"))


@pytest.fixture(scope="module")
def server():
    import shutil

    state = _state_dir()
    env = _env(state)
    sock = state / "driver.sock"
    log = open(state / "server.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(sock)], env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    assert _wait_for(lambda: sock.exists() or proc.poll() is not None, 60), "server did not listen"
    assert proc.poll() is None, (state / "server.log").read_text()
    yield proc, env, state
    proc.terminate()
    proc.wait(timeout=30)
    log.close()
    shutil.rmtree(state, ignore_errors=True)


def _client(env, *argv, cwd=None, input=None, preexec=None, stdout=subprocess.PIPE, timeout=60):
    return subprocess.run(
        [sys.executable, "-c", CLIENT, *argv], env=env, cwd=cwd or ROOT, input=input,
        stdout=stdout, stderr=subprocess.PIPE, preexec_fn=preexec, timeout=timeout,
    )  # fmt: skip


def _probe(env, **kw) -> dict:
    done = _client(env, "probe", **kw)
    assert done.returncode == 0, (done.returncode, done.stderr)
    return json.loads(done.stdout)


# ------------------------------------------------------------------ what the served run sees
def test_served_run_has_the_clients_umask(server):
    _, env, _ = server
    # a user who keeps outputs private (umask 077) gets private files, not the server's umask's
    assert _probe(env, preexec=lambda: os.umask(0o077))["umask"] == 0o077
    assert _probe(env, preexec=lambda: os.umask(0o002))["umask"] == 0o002


def test_served_run_has_the_clients_nice_cpus_and_limits(server):
    import resource

    _, env, _ = server
    cpus = sorted(os.sched_getaffinity(0))

    def limited():  # as `nice -n 7 taskset -c <first> ulimit -n 200 corpusforge run ...` would
        os.nice(7)
        os.sched_setaffinity(0, cpus[:1])
        resource.setrlimit(resource.RLIMIT_NOFILE, (200, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))

    seen = _probe(env, preexec=limited)
    assert (seen["nice"], seen["cpus"], seen["nofile"]) == (
        os.getpriority(os.PRIO_PROCESS, 0) + 7,
        cpus[:1],
        200,
    )
    plain = _probe(env)  # the next run is not marked by the last one's settings
    assert (plain["nice"], plain["cpus"]) == (os.getpriority(os.PRIO_PROCESS, 0), cpus)


def test_served_run_has_the_clients_temp_dir(server, tmp_path):
    _, env, _ = server
    mine = tmp_path / "mytmp"
    mine.mkdir()
    assert _probe({**env, "TMPDIR": str(mine)})["tmp"] == str(mine)


def test_served_run_has_the_clients_cwd_env_and_no_cwd_on_the_module_path(server, tmp_path):
    _, env, _ = server
    seen = _probe({**env, "REVIEW_X": "42"}, cwd=tmp_path)
    assert seen["cwd"] == str(tmp_path) and seen["x"] == "42"
    # the server was started with ``python -c`` (its module path begins with ''): in the served
    # run that would be the client's directory, where a stray ``jieba.py`` would shadow the real one
    assert "" not in seen["path"] and str(tmp_path) not in seen["path"]


def test_not_served_when_a_variable_read_at_import_differs(server):
    _, env, _ = server
    # tqdm, imported by the server with Ray Data, took its TQDM_* defaults then
    assert _client({**env, "TQDM_DISABLE": "1"}, "exit", "0").returncode == NOT_SERVED
    assert _client(env, "exit", "0").returncode == 0


def test_stdin_and_exit_codes_pass_through(server):
    _, env, _ = server
    done = _client(env, "cat", input=b"piped\nlines\n")
    assert done.returncode == 0 and done.stdout == b"piped\nlines\n"
    assert _client(env, "exit", "2").returncode == 2
    assert _client(env, "exit", "130").returncode == 130
    failed = _client(env, "raise")
    assert failed.returncode == 1 and b"a failure in the run" in failed.stderr


def test_run_killed_by_a_signal_exits_as_a_shell_would_say(server):
    import signal

    _, env, _ = server
    # the OOM killer or a crash in native code: 128 + the signal, as for a process of its own
    # (was exit 1, and nothing said)
    killed = _client(env, "die", str(int(signal.SIGKILL)))
    assert killed.returncode == 128 + signal.SIGKILL, killed.stderr
    assert b"killed by signal SIGKILL" in killed.stderr
    assert _client(env, "die", str(int(signal.SIGTERM))).returncode == 128 + signal.SIGTERM
    assert _client(env, "exit", "0").returncode == 0


def _children(pid: int) -> list[str]:
    """States of ``pid``'s child processes (Z: a zombie)."""
    states = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            states.append(fields[0])
    return states


def test_closed_stdout_pipe_ends_the_run_and_the_server_serves_on(server):
    proc, env, _ = server
    # ``corpusforge run ... | head -1``: the reader goes away while the run still writes
    client = subprocess.Popen(
        [sys.executable, "-c", CLIENT, "lines", "200000"], env=env, cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    first = client.stdout.readline()
    client.stdout.close()
    _, err = client.communicate(timeout=60)
    assert first == b"line 0\n"
    # as a process of its own: a broken pipe is exit 1 (Python's 120 is a failed flush at exit)
    assert client.returncode in (1, 120), (client.returncode, err)
    assert _wait_for(lambda: _children(proc.pid) == [], 10), _children(proc.pid)
    assert proc.poll() is None
    assert _probe(env)["umask"] is not None  # still serving


def test_no_descriptor_nor_child_left_after_50_runs(server):
    proc, env, _ = server

    def fds() -> int:
        return len(os.listdir(f"/proc/{proc.pid}/fd"))

    _probe(env)
    assert _wait_for(lambda: _children(proc.pid) == [], 10), _children(proc.pid)
    time.sleep(1.5)  # a run's connection is closed when its child is reaped (within a second)
    fds_before = fds()
    for i in range(50):
        assert _client(env, "exit", str(i % 3)).returncode == i % 3
    assert _wait_for(lambda: _children(proc.pid) == [], 10), _children(proc.pid)
    assert _wait_for(lambda: fds() == fds_before, 5), (fds(), fds_before)


# ------------------------------------------------------------------ who may hand a run, to whom
def _nobody() -> tuple[int, int] | None:
    import pwd

    if os.getuid() != 0:
        return None
    try:
        pw = pwd.getpwnam("nobody")
    except KeyError:
        return None
    return pw.pw_uid, pw.pw_gid


def _as(uid_gid):
    def become():
        os.setgroups([])
        os.setgid(uid_gid[1])
        os.setuid(uid_gid[0])

    return become


#: Another user's client: the request a real client would send, with its own stdio, from the
#: system's Python (this checkout's may not be readable by them). 97: refused.
_INTRUDER = r"""
import json, socket, sys
conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
conn.settimeout(20)
try:
    conn.connect(sys.argv[1])
    socket.send_fds(conn, [sys.argv[2].encode()], [0, 1, 2])
    reply = conn.makefile("rb").readline()
except OSError:
    sys.exit(97)
if not reply or not json.loads(reply).get("ok"):
    sys.exit(97)
print("served", flush=True)
"""
SYSTEM_PYTHON = "/usr/bin/python3"


def test_another_user_cannot_hand_the_server_a_run(server, tmp_path, monkeypatch):
    from engine import warm_driver

    proc, env, state = server
    other = _nobody()
    if other is None or not os.access(SYSTEM_PYTHON, os.X_OK):
        pytest.skip("needs root (to act as another user) and a system Python")
    sock = state / "driver.sock"
    assert (sock.stat().st_mode & 0o777) == 0o700  # only its user may connect
    # even where the socket's mode lets them in (a folder or socket opened up by hand), the
    # server serves its own user only (SO_PEERCRED): here with a request a real client would send
    monkeypatch.setattr(warm_driver, "_sources", lambda root: "fixed")
    request = {
        "argv": ["probe"],
        "cwd": "/",
        "env": env,
        "started": None,
        "identity": warm_driver._identity(),
    }
    os.chmod(state, 0o755)
    os.chmod(sock, 0o777)
    try:
        done = subprocess.run(
            [SYSTEM_PYTHON, "-c", _INTRUDER, str(sock), json.dumps(request)], cwd="/",
            capture_output=True, preexec_fn=_as(other), timeout=60,
        )  # fmt: skip
    finally:
        os.chmod(sock, 0o700)
        os.chmod(state, 0o700)
    assert done.returncode == NOT_SERVED, (done.returncode, done.stdout, done.stderr)
    assert b'"umask"' not in done.stdout


_FAKE = r"""
import os, socket, sys
path, seen = sys.argv[1], sys.argv[2]
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
os.chmod(path, 0o777)
srv.listen(1)
open(seen + ".ready", "w").close()
srv.settimeout(5)
conn, _ = srv.accept()
conn.settimeout(5)
got = b""
try:
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            break
        got += chunk
except OSError:
    pass
open(seen, "wb").write(got)
"""


def test_client_does_not_hand_its_run_to_another_users_socket():
    other = _nobody()
    if other is None or not os.access(SYSTEM_PYTHON, os.X_OK):
        pytest.skip("needs root (to act as another user) and a system Python")
    # another user made the state folder first (its name under /tmp is predictable) and listens there
    state = _state_dir()
    os.chown(state, *other)
    os.chmod(state, 0o755)
    seen = state / "seen"
    fake = subprocess.Popen(
        [SYSTEM_PYTHON, "-c", _FAKE, str(state / "driver.sock"), str(seen)], preexec_fn=_as(other)
    )
    try:
        assert _wait_for(lambda: Path(str(seen) + ".ready").exists() or fake.poll() is not None)
        env = {**_env(state), "AWS_SECRET_ACCESS_KEY": "do-not-leak"}
        done = _client(env, "probe", timeout=60)
        assert done.returncode == NOT_SERVED
        fake.wait(timeout=30)
    finally:
        if fake.poll() is None:
            fake.kill()
            fake.wait()
    got = seen.read_bytes() if seen.exists() else b""
    import shutil

    shutil.rmtree(state, ignore_errors=True)
    assert b"do-not-leak" not in got and got == b"", got[:200]


# ------------------------------------------------------------------ code edited after ray up
#: The stand-in server, its fingerprint of the code read from a file the test changes.
SERVER_FP = SERVER.replace(
    'engine.warm_driver._sources = lambda root: "fixed"',
    'engine.warm_driver._sources = lambda root: open(os.environ["REVIEW_FP"]).read()',
)
CLIENT_FP = CLIENT.replace(
    "warm_driver._sources = lambda root: 'fixed'",
    "import os; warm_driver._sources = lambda root: open(os.environ['REVIEW_FP']).read()",
)


def test_server_starts_again_when_the_code_changed_and_serves_the_new_code():
    import shutil

    state = _state_dir()
    fp = state / "fingerprint"
    fp.write_text("before the edit")
    env = {**_env(state), "REVIEW_FP": str(fp)}
    sock = state / "driver.sock"
    log = open(state / "server.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER_FP, str(sock)], env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip

    def client(*argv):
        return subprocess.run([sys.executable, "-c", CLIENT_FP, *argv], env=env, cwd=ROOT,
                              capture_output=True, timeout=60)  # fmt: skip

    try:
        assert _wait_for(lambda: sock.exists() or proc.poll() is not None, 60)
        assert client("exit", "3").returncode == 3  # served
        first = sock.stat().st_ino
        fp.write_text("after the edit")  # a source edited after ray up
        # this run is not served (the server holds the old code) ...
        assert client("exit", "3").returncode == NOT_SERVED
        # ... and the server starts again with the code as it is now: later runs are served;
        # other refused runs asking for a recheck while it imports again do not end it
        import signal

        def back() -> bool:
            if proc.poll() is None and not sock.exists():
                os.kill(proc.pid, signal.SIGUSR1)
            return proc.poll() is not None or (sock.exists() and sock.stat().st_ino != first)

        assert _wait_for(back, 60) and proc.poll() is None, (state / "server.log").read_text()
        assert proc.poll() is None  # the same process (ray down finds it by its token)
        assert client("exit", "4").returncode == 4
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
        shutil.rmtree(state, ignore_errors=True)
