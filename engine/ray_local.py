"""A local Ray kept warm across runs: ``corpusforge ray up | down | status``.

Why: an embedded Ray costs every run its start (GCS, raylet, agents, worker
processes that import Ray: seconds on a small machine, most of a small run).
``corpusforge ray up`` starts one single-machine Ray head that stays up;
``ray.address: auto`` (or ``corpusforge run --ray auto``) then attaches to it.

The head is started with Ray's documented ``ray start`` flags for a lean
single-machine instance: no dashboard, no autoscaler monitor (``--no-monitor``),
no log monitor (worker output stays in the session's log files), no usage
statistics, and a private ``--temp-dir`` so that it never mixes with another
Ray on the machine. Its environment carries

* ``PYTHONPATH`` = this checkout, so its workers import the engine without a
  ``runtime_env`` (which would keep prestarted workers from being used), and
* a process token (engine/shutdown.py), so ``down`` stops exactly the
  processes of this instance and waits until none is left: never
  ``ray stop``, which ends every Ray of the user on the machine.

The state (address, token, checkout, CPUs) is one JSON file in
:func:`state_dir` (``$CORPUSFORGE_RAY_DIR``, default ``/tmp/corpusforge-ray-<uid>``).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from typing import Any

from engine.ray_runtime import embedded_system_config
from engine.shutdown import TOKEN_ENV, processes_with_token, reap
from engine.worker_preload import KV_ENV

#: The checkout whose engine the workers import.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


#: Imported last by every worker of the warm Ray: a job-less one (started ahead of any run) pays
#: the rule filters' first-call costs there, not on a run's first block (operators/quality/_prestart.py).
WARM_PRELOAD = ("operators.quality._prestart",)


def warm_system_config() -> dict[str, Any]:
    """The embedded Ray's system settings (engine/ray_runtime.py) with :data:`WARM_PRELOAD` added
    to the modules its workers import as they start (when it preloads at all)."""
    config = embedded_system_config()
    if config.get("preload_python_modules"):
        config["preload_python_modules"] = [*config["preload_python_modules"], *WARM_PRELOAD]
    return config


class RayLocalError(RuntimeError):
    """The warm local Ray could not be started or reached."""


def state_dir() -> str:
    return os.environ.get("CORPUSFORGE_RAY_DIR") or os.path.join(
        tempfile.gettempdir(), f"corpusforge-ray-{os.getuid()}"
    )


def _state_path() -> str:
    return os.path.join(state_dir(), "state.json")


def untrusted_reason(path: str) -> str | None:
    """Why the state folder ``path`` cannot be trusted, or None: it must be a real folder (not
    a link) owned by this user and writable by no one else. Its default name in the shared
    temporary folder is predictable, so another local user could create it first and plant
    an address that our runs' drivers would attach to."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return "not a folder"
    if st.st_uid != os.getuid():
        return f"owned by uid {st.st_uid}, not by this user ({os.getuid()})"
    if st.st_mode & 0o022:
        return f"writable by group or others (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def _gcs_alive(pids: list[int]) -> bool:
    """Whether one of ``pids`` is Ray's GCS server (the instance is alive, not only its
    leftover dashboard or agents after the GCS and raylet died)."""
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                program = f.read().split(b"\0", 1)[0]
        except OSError:
            continue
        if os.path.basename(program) == b"gcs_server":
            return True
    return False


def read_state() -> dict[str, Any] | None:
    """The running instance's state, or None when none is up: a stale file (its processes
    gone, or its GCS dead while other processes of it linger: those are stopped) is removed;
    a state folder another user could have written is ignored, with a warning."""
    reason = untrusted_reason(state_dir())
    if reason:
        print(
            f"corpusforge: ignoring the warm Ray state in {state_dir()}: {reason}; remove the folder "
            "or set CORPUSFORGE_RAY_DIR to a private one",
            file=sys.stderr,
        )
        return None
    try:
        with open(_state_path(), encoding="utf-8") as f:
            state = json.load(f)
    except (OSError, ValueError):
        return None
    pids = processes_with_token(state.get("token", ""))
    if not pids:
        _remove_state()
        return None
    if not _gcs_alive(pids):
        _stop_token(state["token"], grace=2.0)
        _remove_state()
        return None
    return state


def _remove_state() -> None:
    try:
        os.remove(_state_path())
    except FileNotFoundError:
        pass


def up(
    num_cpus: int | None = None, object_store_mb: int | None = None, timeout: float = 60.0
) -> dict[str, Any]:
    """Start the warm local Ray (or return the running one's state)."""
    running = read_state()
    if running:
        return {**running, "already_running": True}
    base = state_dir()
    os.makedirs(base, mode=0o700, exist_ok=True)
    reason = untrusted_reason(base)
    if reason:
        raise RayLocalError(f"{base}: {reason}; remove it or set CORPUSFORGE_RAY_DIR to a private folder")
    temp_dir = os.path.join(base, "r")  # short: Ray's unix socket paths live under it
    os.makedirs(temp_dir, mode=0o700, exist_ok=True)
    token = uuid.uuid4().hex
    cpus = num_cpus or os.cpu_count() or 1
    env = dict(os.environ)
    env.pop("RAY_ADDRESS", None)
    before = env.get("PYTHONPATH")
    env["PYTHONPATH"] = ROOT + (os.pathsep + before if before else "")
    env[TOKEN_ENV] = token
    env[KV_ENV] = "1"  # a run's workers read its config from Ray's key-value store (engine/worker_preload.py)
    env["RAY_USAGE_STATS_ENABLED"] = "0"
    env.setdefault(
        "RAY_AUTH_MODE", "token"
    )  # Ray's token authentication (~/.ray/auth_token), as ray.init's default
    cmd = [
        sys.executable, "-m", "ray.scripts.scripts", "start", "--head", "--port=0",
        f"--num-cpus={cpus}", "--include-dashboard=false", "--no-monitor",
        "--include-log-monitor=false", "--disable-usage-stats", f"--temp-dir={temp_dir}",
        # every new job (each run is one) gets prestarted workers, not only the first, and they
        # import the engine's worker modules before they take work (engine/ray_runtime.py)
        "--system-config=" + json.dumps({**warm_system_config(), "enable_worker_prestart": True}),
    ]  # fmt: skip
    if object_store_mb:
        cmd.append(f"--object-store-memory={int(object_store_mb) * 1024 * 1024}")
    log_path = os.path.join(base, "up.log")
    with open(log_path, "wb") as log:
        proc = subprocess.run(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=timeout, cwd=ROOT)
    address = _read_address(temp_dir)
    if proc.returncode != 0 or not address:
        _stop_token(token)
        raise RayLocalError(f"ray start failed (exit {proc.returncode}); its output: {log_path}")
    service = _start_stats_service(address, env, log_path, timeout)
    from engine import warm_driver

    # a driver with the engine imported, for runs on this Ray: the user's environment (what
    # runs have), this instance's token (``down`` stops it)
    driver = warm_driver.start(base, {**os.environ, TOKEN_ENV: token}, log_path)
    state = {
        "address": address,
        "stats_service": service,
        "token": token,
        "root": ROOT,
        "num_cpus": cpus,
        "temp_dir": temp_dir,
        "started_at": time.time(),
        "log": log_path,
        "auth_mode": env["RAY_AUTH_MODE"],
        "warm_driver": driver,
    }
    tmp = _state_path() + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(state, f, indent=2)
    os.replace(tmp, _state_path())
    return state


def _start_stats_service(address: str, env: dict[str, str], log_path: str, timeout: float) -> bool:
    """Start the long-lived statistics service (engine/stats.py ``StatsService``) in the new
    instance, from a short driver process: each run then opens its figures there instead of
    starting a statistics actor's process (~1 CPU-s). Its worker carries the instance's token,
    so ``down`` stops it. On failure (logged) runs start their own actor, as before."""
    code = "from engine.ray_local import serve_stats; serve_stats()"
    with open(log_path, "ab") as log:
        try:
            proc = subprocess.run(
                [sys.executable, "-c", code],
                env={**env, "RAY_ADDRESS": address},
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                cwd=ROOT,
            )
        except subprocess.TimeoutExpired:
            return False
    return proc.returncode == 0


def serve_stats() -> None:
    """Create the named, detached statistics service on the Ray at ``RAY_ADDRESS`` and wait
    until it answers (run by :func:`_start_stats_service` in its own process)."""
    import logging

    import ray

    from engine.stats import SERVICE_NAME, SERVICE_NAMESPACE, StatsService

    ray.init(address=os.environ["RAY_ADDRESS"], namespace=SERVICE_NAMESPACE, logging_level=logging.WARNING)
    try:
        service = StatsService.options(
            name=SERVICE_NAME, namespace=SERVICE_NAMESPACE, lifetime="detached", get_if_exists=True
        ).remote()
        ray.get(service.ping.remote(), timeout=60)
        # the service took one of the job-less workers the raylet started with: the first run
        # gets one per CPU again (engine/warm_workers.py)
        from engine import warm_workers

        warm_workers.prestart(int(ray.cluster_resources().get("CPU", 1)))
    finally:
        ray.shutdown()


def _read_address(temp_dir: str) -> str | None:
    """The GCS address ``ray start`` wrote for this instance."""
    try:
        with open(os.path.join(temp_dir, "ray_current_cluster"), encoding="utf-8") as f:
            return f.read().strip() or None
    except OSError:
        return None


def down(grace: float = 10.0) -> dict[str, Any]:
    """Stop the warm local Ray: SIGTERM to each of its processes, SIGKILL to any
    left after ``grace`` seconds. Returns what was stopped."""
    try:
        with open(_state_path(), encoding="utf-8") as f:
            state = json.load(f)
    except (OSError, ValueError):
        return {"stopped": 0, "was_running": False}
    pids = _stop_token(state["token"], grace)
    _remove_state()
    return {"stopped": len(pids), "was_running": bool(pids), "address": state.get("address")}


def _stop_token(token: str, grace: float = 10.0) -> list[int]:
    pids = processes_with_token(token)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            continue
    reap(token, grace=grace)
    return pids


def status() -> dict[str, Any]:
    """The running instance (address, CPUs, processes, uptime), or ``{"up": False}``."""
    state = read_state()
    if not state:
        return {"up": False, "state_dir": state_dir()}
    return {
        "up": True,
        **{k: state[k] for k in ("address", "num_cpus", "root", "temp_dir")},
        "processes": len(processes_with_token(state["token"])),
        "uptime_s": round(time.time() - state["started_at"], 1),
    }


def enable_auth(state: dict[str, Any]) -> None:
    """Make this driver present Ray's authentication token to the warm local Ray
    when it was started with token authentication. (``ray.init`` does this by
    itself only for ``address="auto"`` found through Ray's default temp dir.)"""
    if state.get("auth_mode") != "token" or os.environ.get("RAY_AUTH_MODE"):
        return
    import logging

    from ray._private.authentication import authentication_token_setup as auth

    quiet = logging.getLogger(auth.__name__)
    level = quiet.level
    quiet.setLevel(
        logging.ERROR
    )  # its "token authentication is enabled" notice is for ray.init's own default
    try:
        auth.maybe_enable_token_auth_if_token_available(warn_if_disabled=False)
    finally:
        quiet.setLevel(level)


def resolve_address(address: str | None) -> tuple[str | None, bool]:
    """The address a run attaches to, and whether it is this checkout's warm
    local Ray (whose workers already import the engine: no ``runtime_env``).
    ``auto`` means the warm local Ray when one is up, else Ray's own ``auto``."""
    if address != "auto":
        return address, False
    state = read_state()
    if state and state.get("root") == ROOT:
        enable_auth(state)
        return state["address"], True
    return address, False


def main(argv: list[str]) -> int:
    """``corpusforge ray up [--num-cpus N] [--object-store-mb M] | down | status [--json]``."""
    import argparse

    ap = argparse.ArgumentParser(
        prog="corpusforge ray", description="manage a warm local Ray used by ray.address: auto"
    )
    sub = ap.add_subparsers(dest="action", required=True)
    p_up = sub.add_parser(
        "up", help="start a local Ray that runs with ray.address: auto (or --ray auto) attach to"
    )
    p_up.add_argument("--num-cpus", type=int)
    p_up.add_argument("--object-store-mb", type=int)
    sub.add_parser("down", help="stop it (only its own processes)")
    p_st = sub.add_parser("status", help="is it up, at which address")
    p_st.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.action == "up":
        try:
            state = up(args.num_cpus, args.object_store_mb)
        except (RayLocalError, subprocess.TimeoutExpired) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        word = "already up" if state.get("already_running") else "up"
        print(
            f"local Ray {word} at {state['address']} ({state['num_cpus']} CPUs); "
            f"runs with ray.address: auto (or --ray auto) use it; stop it with: corpusforge ray down"
        )
        return 0
    if args.action == "down":
        result = down()
        print(
            f"local Ray stopped ({result['stopped']} processes)"
            if result["was_running"]
            else "no local Ray was up"
        )
        return 0
    info = status()
    if args.json:
        print(json.dumps(info))
    elif info["up"]:
        print(
            f"local Ray up at {info['address']}: {info['num_cpus']} CPUs, {info['processes']} processes, "
            f"up {info['uptime_s']:.0f}s"
        )
    else:
        print("no local Ray is up (start one with: corpusforge ray up)")
    return 0 if info["up"] else 3


__all__ = ["up", "down", "status", "read_state", "resolve_address", "state_dir", "RayLocalError", "main"]
