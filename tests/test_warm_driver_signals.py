"""The warm driver's client (engine/warm_driver.py ``delegate``) and the terminal's signals, without Ray:
the server runs with a stand-in for ``main`` that naps (printing its pid first, writing a marker
file if it naps to the end).

* Ctrl-C before the server answered (the server busy: stopped here) is kept and passed to the
  served run once it is known: one line, exit 130, no traceback, the run stopped (was a Python
  traceback from the client's blocking read);
* a second Ctrl-C then gives up: the client exits 130 at once and the run never naps to the end;
* Ctrl-Z stops the served run too, and ``fg`` (SIGCONT) continues it (was: only the client stopped,
  the run went on behind the shell's back);
* a Ctrl-Z before the client knows the served run's pid (the server slow to answer) stops the client,
  and the run does not begin until ``fg`` (was: the run went on while the client was stopped: the
  intermittent failure of the Ctrl-Z test in loaded suites)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SERVER = r"""
import os, sys, time
import engine.cli

def fake(argv, started=None, delegate=True):
    if argv[0] == "nap":
        print(os.getpid(), flush=True)
        time.sleep(float(argv[1]))
        open(argv[2], "w").close()
        return 0
    return 99

engine.cli.main = fake
import engine.warm_driver
engine.warm_driver._sources = lambda root: "fixed"
engine.warm_driver.serve(sys.argv[1])
"""

#: A client that says on stderr when its request is handed over (then waits for the answer).
CLIENT = r"""
import os, socket, sys, time
from engine import warm_driver
warm_driver._sources = lambda root: "fixed"
send = socket.send_fds
def told(*args):
    done = send(*args)
    os.write(2, b"handed over\n")
    return done
socket.send_fds = told
rc = warm_driver.delegate(sys.argv[1:], time.time())
sys.exit(97 if rc is None else rc)
"""


def _wait_for(predicate, timeout=60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def _sigint_pending(pid: int) -> bool:
    """Whether a SIGINT is pending (not yet delivered) for process ``pid``."""
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    masks = [int(line.split()[1], 16) for line in status if line.startswith(("SigPnd:", "ShdPnd:"))]
    return any(mask & (1 << (signal.SIGINT - 1)) for mask in masks)


@pytest.fixture
def server():
    state = Path(tempfile.mkdtemp(prefix="cfsig", dir="/tmp"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(PYTHONPATH=str(ROOT), CORPUSFORGE_RAY_DIR=str(state))
    env.pop("CORPUSFORGE_WARM_DRIVER", None)
    sock = state / "driver.sock"
    with open(state / "server.log", "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(sock)], env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    assert _wait_for(lambda: sock.exists() or proc.poll() is not None), "server did not listen"
    assert proc.poll() is None, (state / "server.log").read_text()
    yield proc, env, state
    os.kill(proc.pid, signal.SIGCONT)
    proc.terminate()
    proc.wait(timeout=30)
    shutil.rmtree(state, ignore_errors=True)


def _client(env, state: Path, *argv) -> subprocess.Popen:
    """The client, its stdout and stderr to files (``state``/out, err): a pipe would stay open in the
    server, which holds the client's descriptors from the hand-over on. In a process group of its own
    whose parent (this test process) is in the same session, as a shell's job is: a group with no such
    parent is orphaned, and the kernel discards SIGTSTP sent to its members (so under pytest-xdist,
    whose worker's own group is orphaned, Ctrl-Z would never stop the client)."""
    with open(state / "out", "wb") as out, open(state / "err", "wb") as err:
        return subprocess.Popen(
            [sys.executable, "-c", CLIENT, *argv], env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
            stdout=out, stderr=err, process_group=0,
        )  # fmt: skip


def _until_handed_over(state: Path) -> None:
    assert _wait_for(lambda: (state / "err").read_bytes().startswith(b"handed over\n"))


def _err(state: Path) -> str:
    return (state / "err").read_bytes().decode().removeprefix("handed over\n")


def test_ctrl_c_before_the_answer_stops_the_served_run(server):
    proc, env, state = server
    marker = state / "napped"
    os.kill(proc.pid, signal.SIGSTOP)  # the server busy: the request waits unanswered
    client = _client(env, state, "nap", "4", str(marker))
    _until_handed_over(state)
    client.send_signal(signal.SIGINT)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGCONT)
    assert client.wait(timeout=60) == 130, _err(state)
    assert "Traceback" not in _err(state) and _err(state).strip() == "corpusforge: interrupted", _err(state)
    out = (state / "out").read_bytes()
    pid = int(out.split()[0]) if out.strip() else None
    time.sleep(5)
    assert not marker.exists()  # the served run stopped, it did not nap to the end
    assert pid is None or _state(pid) in (None, "Z")


def test_second_ctrl_c_gives_up_at_once(server):
    proc, env, state = server
    marker = state / "napped"
    os.kill(proc.pid, signal.SIGSTOP)
    client = _client(env, state, "nap", "3", str(marker))
    _until_handed_over(state)
    client.send_signal(signal.SIGINT)
    assert _wait_for(lambda: not _sigint_pending(client.pid), 20)  # two at once would be one
    time.sleep(1.0)  # the client's handler ran (it waits in a poll that the signal interrupted)
    client.send_signal(signal.SIGINT)
    assert client.wait(timeout=7) == 130  # the server is still stopped: no 10 s answer waited for
    assert _err(state).strip() == "corpusforge: interrupted before the run started", _err(state)
    os.kill(proc.pid, signal.SIGCONT)  # the server takes the request now: its run sees no client
    time.sleep(6)
    assert not marker.exists()


def _ctrl_z_once(env, state, marker, nap: float):
    """One Ctrl-Z during a served nap: (pid, client, napping_since) once both are stopped, or None
    when the stop did not take. The run prints its pid only after the client sent its word that it
    knows the pid, so the Ctrl-Z below always finds the client able to pass it on."""
    for p in (marker, state / "out"):
        p.unlink(missing_ok=True)
    client = _client(env, state, "nap", str(nap), str(marker))
    _until_handed_over(state)
    assert _wait_for(lambda: (state / "out").exists() and (state / "out").read_bytes().endswith(b"\n"))
    napping_since = time.monotonic()  # the run writes its pid, then naps
    pid = int((state / "out").read_bytes())
    client.send_signal(signal.SIGTSTP)
    if not _wait_for(lambda: _state(pid) == "T" and _state(client.pid) == "T", 20):
        client.send_signal(signal.SIGCONT)
        client.wait(timeout=60)
        return None
    return pid, client, napping_since


def test_ctrl_z_stops_the_served_run_and_fg_continues_it(server):
    _, env, state = server
    marker = state / "napped"
    nap = (
        15.0  # long enough for the stop to arrive within it on a loaded machine (a 5 s nap once ended first)
    )
    got = _ctrl_z_once(env, state, marker, nap)
    assert got is not None, "Ctrl-Z did not stop both the served run and the client"
    pid, client, napping_since = got
    assert not marker.exists(), "the nap ended before the stop arrived: the test proves nothing"
    # past the nap's end: a run still going would have written the marker by now
    time.sleep(max(0.0, napping_since + nap + 2.0 - time.monotonic()))
    assert not marker.exists() and _state(pid) == "T"
    client.send_signal(signal.SIGCONT)  # fg
    assert client.wait(timeout=60) == 0
    assert marker.exists()


def test_ctrl_z_before_the_answer_holds_the_run_until_fg(server):
    proc, env, state = server
    marker = state / "napped"
    os.kill(proc.pid, signal.SIGSTOP)  # the server busy: the answer (and the served run's pid) waits
    client = _client(env, state, "nap", "1", str(marker))
    _until_handed_over(state)
    client.send_signal(signal.SIGTSTP)
    assert _wait_for(lambda: _state(client.pid) == "T", 20)  # stopped before it learned the pid
    os.kill(proc.pid, signal.SIGCONT)  # the server answers now, to a stopped client
    time.sleep(4.0)  # four naps' time: a run that began would have napped to the end
    assert not marker.exists() and not (state / "out").read_bytes(), "the run went on behind a stopped client"
    client.send_signal(signal.SIGCONT)  # fg
    assert client.wait(timeout=60) == 0, _err(state)
    assert marker.exists()
