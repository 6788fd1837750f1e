"""Ray for a run: start an embedded local Ray or attach to a cluster, the Data
context settings every run uses, and the statistics actor."""

from __future__ import annotations

import logging
import os
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # not imported at run time: prestart() runs before the engine's heavy imports
    from engine.config import RunConfig

log = logging.getLogger("corpusforge.executor")


# ------------------------------------------------------------------ ray setup
def ray_is_initialized() -> bool:
    """``ray.is_initialized()`` without importing Ray when it is not loaded yet."""
    import sys

    # Ray may be half imported: the prestart's thread imports it while the caller goes on
    is_initialized = getattr(sys.modules.get("ray"), "is_initialized", None)
    return is_initialized is not None and is_initialized()


def cluster_runtime_env(root: str) -> dict[str, Any]:
    """Runtime env of a run on an existing cluster: the engine's own code travels
    to the workers, given as directories (not module objects, which Ray cannot
    deep-copy when it merges them with a job's runtime env under `ray job
    submit`), with the driver's object-storage credentials."""
    modules = [os.path.join(root, "engine"), os.path.join(root, "operators")]
    return {"py_modules": modules, "env_vars": storage_env()}


#: Modules every worker imports as it starts, before it takes work (Ray's
#: ``preload_python_modules``): the read, the per-document steps and the sink
#: (with them Ray Data, ~1 s of CPU per worker). Prestarted workers import
#: them while the driver plans the run, instead of on the first block's path. ``pydantic.v1.fields``:
#: Ray's serialization context, made for each job in each worker as its first task arrives, imports
#: it (ray/_common/pydantic_compat.py: ~0.02 CPU-s) on that task's path otherwise.
#: ``ray.data._internal.issue_detection``: every Ray Data task carries the driver's ``DataContext``,
#: whose ``issue_detectors_config`` unpickles only with that package imported, and the package
#: imports ``ray.util.state`` (its hanging detector): 0.11-0.18 CPU-s in each worker's first Ray
#: Data task (py-spy of cold runs: the largest import on a worker's first block), now at boot.
WORKER_PRELOAD = (
    "engine.read_plan", "engine.ray_steps", "engine.io_write", "engine.worker_preload", "pydantic.v1.fields",
    "ray.data._internal.issue_detection",
)  # fmt: skip


#: ``CORPUSFORGE_LEAN_RAY=0`` starts an embedded Ray exactly as ``ray.init`` does by
#: default: no worker preload, every head process (for comparison, or should a Ray
#: version change what :func:`_start_lean_head` relies on).
LEAN_ENV = "CORPUSFORGE_LEAN_RAY"


def lean_enabled() -> bool:
    return os.environ.get(LEAN_ENV, "1") != "0"


def embedded_system_config() -> dict[str, Any]:
    """Ray system settings of an embedded local Ray (and of ``corpusforge ray up``)."""
    return {"preload_python_modules": list(WORKER_PRELOAD)} if lean_enabled() else {}


#: The head node this process started itself (:func:`_start_lean_head`); ended by :func:`stop_lean_head`.
_lean_node = None

#: A lean head being started in the background while the command line loads the config (:func:`prestart`).
_early: "_EarlyHead | None" = None
#: This process attached to the warm local Ray of ``corpusforge ray up`` (its statistics service is used).
_warm_local = False
#: The operators of this process's run (published for the next run's workers on the warm Ray).
_run_ops: list[str] = []
#: Set to let the thread that started the head end (after the head's processes are stopped).
_head_thread_release = None


class _EarlyHead:
    """A lean head started on a thread: its processes (GCS, raylet, agents, workers that
    preload the engine) come up on the other cores while the driver imports the config's
    operators and checks the output folder, instead of after."""

    def __init__(
        self,
        num_cpus: int | None,
        object_store_mb: int | None,
        preload: str | None = None,
        spare_worker: bool = False,
    ) -> None:
        self.num_cpus = num_cpus
        self.object_store_mb = object_store_mb
        self.preload = preload
        self.spare_worker = spare_worker
        self.address: str | None = None
        self.error: BaseException | None = None
        self.started = threading.Event()
        self.thread = threading.Thread(target=self._start, name="corpusforge-ray-head", daemon=True)

    def _start(self) -> None:
        global _head_thread_release
        try:
            self.address = _start_lean_head(
                self.num_cpus,
                self.object_store_mb,
                threaded=True,
                preload=self.preload,
                spare_worker=self.spare_worker,
            )
        except BaseException as exc:  # noqa: BLE001 - reported by join(); ray.init is the fallback
            self.error = exc
        finally:
            if self.address is None:
                self.started.set()
        if self.address is None:
            return
        # Ray starts the head's processes with the kernel's parent-death signal, which Linux
        # sends when the *thread* that started them ends: this thread stays until the head is
        # stopped (stop_lean_head), or the process exits (then the signal is what it is for).
        release = _head_thread_release = threading.Event()
        self.started.set()
        release.wait()

    def join(self) -> str | None:
        self.started.wait()
        return self.address


#: ``CORPUSFORGE_RAY_PRESTART=0``: start the embedded head after the config is loaded, as before
#: (for comparison: ``scripts/bench_startup.py``).
PRESTART_ENV = "CORPUSFORGE_RAY_PRESTART"


def prestart(config_path: str, overrides: list[str], ray_address: str | None) -> bool:
    """Start the embedded lean head of a command-line run now, on a thread, from the config's
    ``ray`` section alone (YAML and ``--set`` overrides; the engine's imports and the full
    validation go on meanwhile in the caller). :func:`init_ray` attaches to it;
    :func:`cancel_prestart` ends it when the config turns out invalid. Nothing is started for a
    run on a cluster or a warm local Ray (``ray.address``), with ``CORPUSFORGE_LEAN_RAY=0``, or
    when the ``ray`` section is not plainly valid (:func:`ray_section`: the full validation
    reports it, and the run starts Ray as it would without this). Returns whether a head is
    being started."""
    global _early
    if _early is not None or ray_is_initialized() or not lean_enabled():
        return False
    if os.environ.get(PRESTART_ENV, "1") == "0":
        return False
    section = ray_section(config_path, overrides)
    if section is None:
        return False
    address = ray_address or section["address"]
    if address == "auto":
        return _attach_early(config_path, overrides)
    if address:
        return False
    from engine.shutdown import reserve_token

    reserve_token()  # the head's processes carry the run's token from their start (engine/shutdown.py)
    from engine import worker_preload

    spare = one_task_input(config_path, overrides)
    # the one worker of a small input sets up the steps behind a stage while the stages run
    spec = worker_preload.prestart_spec(config_path, overrides, one_worker=spare)
    _early = _EarlyHead(section["num_cpus"], section["object_store_mb"], spec, spare_worker=spare)
    _early.thread.start()
    return True


#: ``0``: the embedded head prestarts one worker per CPU even for a small input (:func:`one_task_input`).
SPARE_WORKER_ENV = "CORPUSFORGE_SPARE_WORKER"


def one_task_input(config_path: str, overrides: list[str]) -> bool:
    """Whether the run's input will surely be read as a small input (engine/read_plan.py
    ``small_input_tasks``: CPUs - 1 tasks, the read fused with the steps, global stages as one
    task), judged from the config's YAML and the input files' sizes before the engine's imports.
    Ray prestarts one worker per CPU; such a run uses CPUs - 1 of them, so the last one only
    boots (Python, Ray, Ray Data, the engine's preloaded modules: 1.4-1.6 CPU-s on this 2-core
    machine) on the cores the driver's imports and the first worker's start need, and then
    idles. The head then prestarts one fewer (:func:`_prestart_flag`); Ray starts a worker
    when a task finds none idle, so a run that needs it anyway only waits for it.

    True only when every sign is plain: the ``--set`` overrides touch no key but ``ray.*`` and
    ``output.*``; at least two local input files (globs or files; a folder is not listed here)
    of format ``jsonl`` or ``parquet`` (one read unit each at this size) whose estimated
    uncompressed size (``engine.stages.estimate_input_bytes``: compressed files count four
    times) is at most the small-input limit of any chain (``SMALL_INPUT_BYTES``, or
    ``CORPUSFORGE_SMALL_INPUT_MB``); no step with ``concurrency`` or ``device`` (an actor pool
    or a GPU), no ``llm_generate`` (its ``teardown`` keeps an actor pool), ``stateful_steps``
    not ``actors``; ``CORPUSFORGE_SMALL_INPUT``, ``CORPUSFORGE_STATS`` (an actor takes a
    worker) and :data:`SPARE_WORKER_ENV` not set against it. Anything else: False (every
    worker prestarted, as before)."""
    import glob

    if os.environ.get(SPARE_WORKER_ENV) == "0" or os.environ.get("CORPUSFORGE_SMALL_INPUT") == "0":
        return False
    if os.environ.get("CORPUSFORGE_STATS", "") not in ("", "gcs"):
        return False
    if any(item.partition("=")[0].strip().split(".")[0] not in ("ray", "output") for item in overrides):
        return False
    try:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        with open(config_path, encoding="utf-8") as f:
            raw = yaml.load(f, Loader=loader)
        inp = raw.get("input") or {}
        steps = raw.get("pipeline") or []
        execution = raw.get("execution") or {}
        paths = inp.get("paths")
        paths = [paths] if isinstance(paths, str) else list(paths)
        fmt = inp.get("format", "jsonl")
    except Exception:  # noqa: BLE001 - not plainly readable: the full validation reports it
        return False
    if fmt not in ("jsonl", "parquet") or not isinstance(execution, dict):
        return False
    if execution.get("stateful_steps", "auto") == "actors":
        return False
    for step in steps:
        if not isinstance(step, dict) or step.get("op") == "llm_generate":
            return False
        if step.get("concurrency") is not None or step.get("device") not in (None, "cpu"):
            return False
    found: dict[str, int] = {}
    for pattern in paths:
        if not isinstance(pattern, str) or ("://" in pattern and not pattern.startswith("file://")):
            return False
        pattern = pattern.removeprefix("file://")
        # relative to the working folder, as the reader lists them (engine/io_read.py expand_inputs)
        hits = glob.glob(pattern, recursive=True) if glob.has_magic(pattern) else [pattern]
        for hit in hits:
            if not os.path.isfile(hit):
                return False  # a folder (listed by the reader), or nothing: left to the run
            found[os.path.abspath(hit)] = os.path.getsize(hit)
    estimate = sum(
        size * (4 if p.endswith((".gz", ".zst", ".bz2", ".xz")) else 1) for p, size in found.items()
    )
    return len(found) >= 2 and estimate <= _small_input_limit()


def _small_input_limit() -> float:
    """engine/read_plan.py ``small_input_limit`` for a chain that is not light (not imported
    here: it loads pyarrow)."""
    try:
        mb = float(os.environ.get("CORPUSFORGE_SMALL_INPUT_MB", ""))
    except ValueError:
        mb = -1.0
    return mb * (1 << 20) if mb >= 0 else float(8 << 20)


class _EarlyAttach:
    """The driver attaching to the warm local Ray of ``corpusforge ray up`` on a thread, while
    the command line imports the engine and loads the config: Ray starts the run's workers
    (bound to its job) when the driver registers, so they boot and import the engine on the
    other core meanwhile, instead of after the config is loaded (warm first block)."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.error: BaseException | None = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._attach, name="corpusforge-ray-attach", daemon=True)

    def _attach(self) -> None:
        try:
            import ray

            # quiet as init_ray attaches: Ray's output is captured from the run's start on
            ray.init(address=self.address, logging_level=logging.WARNING, log_to_driver=False)
            from engine import worker_preload

            worker_preload.publish()  # the run's config, for its workers (engine/worker_preload.py)
        except BaseException as exc:  # noqa: BLE001 - reported by join(); init_ray attaches then
            self.error = exc
        finally:
            self.done.set()

    def join(self) -> bool:
        self.done.wait()
        return self.error is None


#: The attach to the warm local Ray begun by :func:`prestart`, if any.
_early_attach: "_EarlyAttach | None" = None


def _attach_early(config_path: str, overrides: list[str]) -> bool:
    """``ray.address: auto`` with this checkout's warm local Ray up: attach now, on a thread
    (:class:`_EarlyAttach`). Nothing when no warm Ray of this checkout is up (Ray's own
    ``auto`` is then for :func:`init_ray`)."""
    global _early_attach
    if os.environ.get(EARLY_ATTACH_ENV, "0") != "1":
        return False
    from engine import worker_preload
    from engine.ray_local import resolve_address

    address, warm_local = resolve_address("auto")
    if not warm_local or not address:
        return False
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # as init_ray: no usage thread
    # the run's config for its workers, or "0": they stop looking (engine/worker_preload.py)
    worker_preload.publish_on_attach(
        worker_preload.spec_for(config_path, overrides) if worker_preload.enabled() else "0"
    )
    _early_attach = _EarlyAttach(address)
    _early_attach.thread.start()
    return True


#: ``CORPUSFORGE_EARLY_ATTACH=1``: attach to the warm local Ray while the config loads (opt-in:
#: 3 interleaved pairs at load 8 gave a later first block with it, median 5.02 vs 3.46 s; the
#: attach thread's Ray import and the job's booting workers compete with the driver's imports
#: on 2 cores; not measured on a quiet machine).
EARLY_ATTACH_ENV = "CORPUSFORGE_EARLY_ATTACH"


def ray_section(config_path: str, overrides: list[str]) -> dict[str, Any] | None:
    """The config's ``ray`` section after ``--set ray.*`` overrides, read with YAML alone (no
    pydantic, no operators: this runs before the engine's imports), or None when it is not
    plainly what ``RayConfig`` accepts (the full validation then reports or accepts it)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # engine/config.py YAML_LOADER (not imported here)
    try:
        with open(config_path, encoding="utf-8") as f:
            raw = yaml.load(f, Loader=loader)
        section = dict((raw or {}).get("ray") or {}) if isinstance(raw, dict) else None
        for item in overrides:
            key, sep, value = item.partition("=")
            parts = key.strip().split(".")
            if not sep or parts[0] != "ray":
                continue
            if len(parts) != 2 or section is None:
                return None
            section[parts[1]] = yaml.load(value, Loader=loader) if value else ""
    except (OSError, yaml.YAMLError, TypeError, ValueError, AttributeError):
        return None
    if section is None or set(section) - {"address", "num_cpus", "object_store_mb"}:
        return None
    address = section.setdefault("address", None)
    num_cpus = section.setdefault("num_cpus", None)
    store = section.setdefault("object_store_mb", None)
    if address is not None and not isinstance(address, str):
        return None
    for value, least in ((num_cpus, 1), (store, 64)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < least):
            return None
    return section


def cancel_prestart() -> None:
    """End a head :func:`prestart` began (the config was invalid): no process is left."""
    global _early, _early_attach
    early, _early = _early, None
    if early is not None:
        early.join()
        stop_lean_head()
    attach, _early_attach = _early_attach, None
    if attach is not None and attach.join():
        import ray

        ray.shutdown()  # a driver's disconnect: the warm Ray stays up
    from engine.shutdown import release_token

    release_token()


def _start_lean_head(
    num_cpus: int | None,
    object_store_mb: int | None,
    threaded: bool = False,
    preload: str | None = None,
    spare_worker: bool = False,
) -> str | None:
    """An embedded head without the processes a command-line run does not use:
    the autoscaler monitor (one machine, nothing to scale) and the log monitor
    (workers' output is not forwarded: it stays in Ray's session logs). Two
    Python processes fewer, ~0.8 s of CPU at every start. ``ray.init`` does not
    offer these switches (``ray start`` does: ``--no-monitor``,
    ``--include-log-monitor``), so the head is started as ``ray.init`` starts
    it, through Ray's node class; on any failure, None (``ray.init`` starts it).
    ``preload`` (engine/worker_preload.py) tells the workers which operators to set up as
    they start. ``spare_worker``: the raylet prestarts one worker fewer than the CPUs
    (:func:`one_task_input`). Returns the GCS address to attach to."""
    global _lean_node
    from engine.worker_preload import PRELOAD_ENV

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    before = os.environ.get("PYTHONPATH")
    before_preload = os.environ.get(PRELOAD_ENV)
    try:
        from ray._private.authentication import authentication_token_setup as auth
        from ray._private.node import Node
        from ray._private.parameter import RayParams

        system_config = embedded_system_config()
        quiet = logging.getLogger(auth.__name__)
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # its notice would reach the terminal before the console capture
        try:
            auth.enable_token_auth_by_default()  # as ray.init does for a new local cluster
            auth.ensure_token_if_auth_enabled(system_config, create_token_if_missing=True)
        finally:
            quiet.setLevel(level)
        metrics_port, agent_port, env_agent_port = _free_ports(3)
        params = RayParams(
            num_cpus=num_cpus,
            object_store_memory=object_store_mb * 1024 * 1024 if object_store_mb else None,
            include_dashboard=False,
            no_monitor=True,
            include_log_monitor=False,
            _system_config=system_config,
            # The agents' ports chosen here: left to the agents (0), the raylet registers with
            # the GCS only once both agent processes (Python, the heaviest of the head) have
            # started and reported theirs (head start 3.35 -> 2.4 s wall on 2 busy cores).
            metrics_agent_port=metrics_port,
            dashboard_agent_listen_port=agent_port,
            runtime_env_agent_port=env_agent_port,
        )
        # Workers find the engine's code through PYTHONPATH, inherited from the raylet
        # (a runtime_env would keep Ray's prestarted workers from being used).
        os.environ["PYTHONPATH"] = root + (os.pathsep + before if before else "")
        if preload:  # inherited by the raylet, and from it by every worker
            os.environ[PRELOAD_ENV] = preload
        # Ray's exit hooks include a SIGTERM handler, which only the main thread may set: on a
        # thread the atexit half is registered here (engine/shutdown.py handles SIGTERM).
        node_cls = _node_class(Node, spare_worker=spare_worker)
        _lean_node = node_cls(params, head=True, shutdown_at_exit=not threaded, spawn_reaper=True)
        if threaded:
            import atexit

            atexit.register(stop_lean_head)
        return _lean_node.address
    except Exception as exc:  # noqa: BLE001 - another Ray version: the documented way
        log.info("lean local Ray not started (%s); using ray.init", exc)
        stop_lean_head()
        return None
    finally:
        if before is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = before
        if preload and before_preload is None:
            os.environ.pop(PRELOAD_ENV, None)
        elif preload:
            os.environ[PRELOAD_ENV] = before_preload


def _free_ports(n: int) -> list[int]:
    """``n`` distinct TCP ports free on this machine now (bound together, then released; the
    agents bind them a moment later, as Ray picks its own other ports)."""
    import socket

    socks = []
    try:
        for _ in range(n):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("", 0))
            socks.append(sock)
        return [sock.getsockname()[1] for sock in socks]
    finally:
        for sock in socks:
            sock.close()


#: ``0``: the raylet of an embedded head waits for the dashboard agent's port files (Ray's own way).
AGENT_PORTS_ENV = "CORPUSFORGE_RAY_AGENT_PORTS"


def _node_class(node_cls, spare_worker: bool = False):
    """Ray's head node without what a command-line run waits for and does not use.

    * No API server: with the dashboard off, Ray still starts a minimal dashboard process for
      job submission, the state API and usage statistics (``Node.start_api_server``): one
      Python process, ~0.5 s of CPU, fewer at every start. Ray runs on without one when it
      fails to start (``include_dashboard=False`` does not raise), which is what this is to it.
      ``CORPUSFORGE_RAY_API_SERVER=1`` keeps it.
    * The raylet does not wait for the dashboard agent (:func:`_agent_ports_known`).
    * The raylet's two agents are stand-ins that import nothing (:func:`with_stub_agents`).
    * ``spare_worker``: the raylet prestarts one worker fewer than the CPUs (:func:`_prestart_flag`).
    """
    api_server = os.environ.get("CORPUSFORGE_RAY_API_SERVER") == "1"
    if api_server and os.environ.get(AGENT_PORTS_ENV) == "0" and not spare_worker:
        return node_cls

    class _LeanNode(node_cls):
        if not api_server:

            def start_api_server(self, *, include_dashboard, raise_on_failure):  # noqa: ARG002
                log.debug("lean local Ray: no API server (dashboard off)")

        def start_raylet(self, *args, **kwargs):
            stubs = _agent_ports_known(self) and stub_agents_enabled()
            if not stubs and not spare_worker:
                return super().start_raylet(*args, **kwargs)
            from ray._private import services

            start_process = services.start_ray_process

            def start(command, process_type, *a, **k):
                if process_type == "raylet":
                    command = with_stub_agents(command) if stubs else command
                    command = _prestart_flag(command) if spare_worker else command
                return start_process(command, process_type, *a, **k)

            services.start_ray_process = start  # only the raylet's command changes
            try:
                return super().start_raylet(*args, **kwargs)
            finally:
                services.start_ray_process = start_process

    return _LeanNode


_PRESTART_FLAG = "--num_prestart_python_workers="


def _prestart_flag(command: list[str]) -> list[str]:
    """The raylet's ``command`` prestarting one Python worker fewer than Ray's one per CPU (at
    least one): for a run whose input :func:`one_task_input` says is read by CPUs - 1 tasks.
    A command without the flag (another Ray version) is left as it is."""
    out = []
    for arg in command:
        if arg.startswith(_PRESTART_FLAG):
            try:
                arg = f"{_PRESTART_FLAG}{max(1, int(arg[len(_PRESTART_FLAG) :]) - 1)}"
            except ValueError:
                pass
        out.append(arg)
    return out


#: ``1``: the embedded head's raylet starts Ray's own agents (engine/ray_agent_stub.py).
AGENTS_ENV = "CORPUSFORGE_RAY_AGENTS"
_AGENT_FLAGS = ("--dashboard_agent_command=", "--runtime_env_agent_command=")


def stub_agents_enabled() -> bool:
    return os.environ.get(AGENTS_ENV) != "1"


def with_stub_agents(command: list[str]) -> list[str]:
    """The raylet's ``command`` with both agents' commands replaced by the stand-in of
    engine/ray_agent_stub.py. Only for an embedded head on a minimal Ray install (its port
    files written by :func:`_agent_ports_known`), whose jobs and tasks have no runtime env:
    there neither agent has work (see that module). Anything else is left as it is."""
    import subprocess
    import sys

    stub = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ray_agent_stub.py")
    line = subprocess.list2cmdline([sys.executable, "-S", "-I", stub])
    out = []
    for arg in command:
        for flag in _AGENT_FLAGS:
            if arg.startswith(flag):
                arg = flag + line
        out.append(arg)
    return out


def _agent_ports_known(node) -> bool:
    """On a minimal Ray install (no ``ray[default]``: the dashboard agent runs ``--minimal``),
    write the dashboard agent's three port files before the raylet starts, with the value
    that agent itself writes in minimal mode: -1, no metrics agent, no metrics export, no
    HTTP server (ray/dashboard/agent.py). The raylet reads these files before it registers
    with the GCS, so without them it waits until the agent process has imported Ray's
    dashboard modules and written them: 1.3-1.8 s of every cold start on this 2-core machine,
    when the -1s are known beforehand. The agent still starts (by default as the stand-in
    of :func:`with_stub_agents`, which writes nothing), is still monitored by the raylet, and
    Ray's own agent writes the same values again. With ``ray[default]`` installed the agent
    serves real ports, so nothing is written and the raylet waits as usual.
    ``CORPUSFORGE_RAY_AGENT_PORTS=0`` turns this off. True when the files were written."""
    if os.environ.get(AGENT_PORTS_ENV) == "0":
        return False
    try:
        from ray._private.utils import get_dashboard_dependency_error
        from ray._raylet import (
            DASHBOARD_AGENT_LISTEN_PORT_NAME,
            METRICS_AGENT_PORT_NAME,
            METRICS_EXPORT_PORT_NAME,
            persist_port,
        )

        if get_dashboard_dependency_error() is None:  # a full install: the agent serves these ports
            return False
        for name in (METRICS_AGENT_PORT_NAME, METRICS_EXPORT_PORT_NAME, DASHBOARD_AGENT_LISTEN_PORT_NAME):
            persist_port(node._session_dir, node._node_id, name, -1)
        return True
    except Exception as exc:  # noqa: BLE001 - another Ray version: the raylet waits for the agent
        log.info("lean local Ray: the agent's port files are left to the agent (%s)", exc)
        return False


def stop_lean_head() -> None:
    """End the head of :func:`_start_lean_head` (after ``ray.shutdown()``)."""
    global _lean_node, _head_thread_release
    node, _lean_node = _lean_node, None
    release, _head_thread_release = _head_thread_release, None
    if node is not None:
        try:
            node.kill_all_processes(check_alive=False, allow_graceful=True)
        except Exception as exc:  # noqa: BLE001 - the run's process token reaps what is left
            log.warning("stopping the local Ray: %s", exc)
    if release is not None:
        release.set()


def init_ray(cfg: RunConfig, output_uri: str | None = None) -> bool:
    """Start an embedded local Ray (or connect to ``ray.address``). Returns True
    when this call started it (and the run should shut it down).

    ``ray.address: auto`` attaches to the warm local Ray of ``corpusforge ray up``
    (engine/ray_local.py) when one is up, else means Ray's own ``auto``. When the
    command line captures Ray's output (engine/console.py), it goes to
    ``OUT/_logs/ray.log`` from here on and workers' output is not forwarded."""
    import logging

    from engine import console

    global _early, _warm_local, _early_attach, _run_ops
    _run_ops = [str(step.get("op")) for step in cfg.pipeline if isinstance(step, dict)]
    early, _early = _early, None
    attach, _early_attach = _early_attach, None
    if attach is not None:
        with _timed("attach_wait"):
            attached = attach.join()
        if attached:
            return _warm_attached(cfg, output_uri)
        log.info("attaching to the warm local Ray early failed (%s); attaching now", attach.error)
    if not ray_is_initialized():
        from engine.ray_local import resolve_address

        address, warm_local = resolve_address(cfg.ray.address)
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # Ray's documented opt-out: no usage thread
        # Ray Data first: a prestarted head comes up meanwhile (its thread waits on its processes)
        with _timed("import_ray_data"):
            import ray
            import ray.data  # noqa: F401

            from engine import ray_lean

            ray_lean.prepare()
        with _timed("head_wait"):
            prestarted = early.join() if early is not None else None  # engine/cli.py: started with the config
        if output_uri is not None:
            with _timed("console"):
                console.capture(output_uri)

        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        kwargs: dict[str, Any] = {
            "logging_level": logging.WARNING,
            "log_to_driver": console.log_path() is None,
        }
        ray_lean.activate(False)
        _warm_local = warm_local
        if warm_local:  # its workers import this checkout already (PYTHONPATH of `corpusforge ray up`)
            with _timed("attach"):
                ray.init(address=address, **kwargs)
            from engine import worker_preload

            # the run's config for its workers, or "0": they stop looking (engine/worker_preload.py)
            worker_preload.publish_on_attach(
                worker_preload.spec_for(raw=cfg._raw) if worker_preload.enabled() else "0"
            )
            worker_preload.publish()
            ray_lean.activate(True)  # one machine, no autoscaler, no dashboard (engine/ray_lean.py)
        elif address:
            kwargs["runtime_env"] = cluster_runtime_env(root)
            ray.init(address=address, **kwargs)
        else:
            # Workers find the engine's code through PYTHONPATH, inherited from the raylet that
            # ray.init spawns from this process's environment. (A runtime_env with env_vars would
            # do the same, but then no worker of Ray's prestarted pool can be used: ~1 s more.)
            before = os.environ.get("PYTHONPATH")
            os.environ["PYTHONPATH"] = root + (os.pathsep + before if before else "")
            try:
                lean = prestarted
                if lean is None and not kwargs["log_to_driver"] and lean_enabled():
                    from engine import worker_preload

                    spec = worker_preload.spec_for(raw=cfg._raw) if worker_preload.enabled() else None
                    lean = _start_lean_head(cfg.ray.num_cpus, cfg.ray.object_store_mb, preload=spec)
                if lean is not None:
                    with _timed("attach"):
                        ray.init(address=lean, **kwargs)
                    with _timed("ray_data_helpers"):
                        ray_lean.activate(True)
                    return _data_context(cfg, True)
                ray.init(
                    # embedded: never attach to a cluster found via /tmp/ray/ray_current_cluster
                    address="local",
                    num_cpus=cfg.ray.num_cpus,
                    object_store_memory=cfg.ray.object_store_mb * 1024 * 1024
                    if cfg.ray.object_store_mb
                    else None,
                    include_dashboard=False,
                    _system_config=embedded_system_config(),
                    **kwargs,
                )
            finally:
                if before is None:
                    os.environ.pop("PYTHONPATH", None)
                else:
                    os.environ["PYTHONPATH"] = before
        started = True
    else:
        from engine import ray_lean

        _warm_local = False
        ray_lean.activate(False)  # a Ray started by someone else: Ray Data as it is
        started = False
    return _data_context(cfg, started)


def attached_warm_local() -> bool:
    """Whether this driver's run is on the warm local Ray of ``corpusforge ray up``."""
    return _warm_local


def _warm_attached(cfg: RunConfig, output_uri: str | None) -> bool:
    """The rest of :func:`init_ray` for a driver :func:`prestart` attached to the warm local Ray."""
    global _warm_local
    from engine import console

    with _timed("import_ray_data"):
        import ray.data  # noqa: F401

        from engine import ray_lean

        ray_lean.prepare()
    if output_uri is not None:
        with _timed("console"):
            console.capture(output_uri)
    _warm_local = True
    ray_lean.activate(True)  # one machine, no autoscaler, no dashboard (engine/ray_lean.py)
    return _data_context(cfg, True)


def _timed(part: str):
    """Time ``part`` of the run's ``ray_start`` phase (engine/phases.py: shown beside it)."""
    import contextlib
    import time

    from engine.phases import detail

    @contextlib.contextmanager
    def timed():
        t0 = time.time()
        try:
            yield
        finally:
            detail("ray_start", part, time.time() - t0)

    return timed()


def _data_context(cfg: RunConfig, started: bool) -> bool:
    from ray.data import DataContext

    ctx = DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.execution_options.preserve_order = False
    # A worker's fatal error (AccountingError, OperatorFailed) reaches the caller as its own type
    # (RayTaskError(AccountingError)), not as an opaque UserCodeException.
    ctx.raise_original_map_exception = True
    # Blocks are what the reader yields: keep Ray from merging them beyond block_mb.
    ctx.target_max_block_size = int(cfg.input.block_mb * 1024 * 1024 * 1.5)
    return started


#: Standard object-store variables forwarded to the workers of a cluster run.
#: The pickled S3 filesystem carries endpoint and region, never credentials:
#: each worker resolves them from its own environment (or instance role).
STORAGE_ENV = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_PROFILE",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
    "AWS_CA_BUNDLE",
)


def storage_env() -> dict[str, str]:
    """The driver's AWS_* variables, for ``runtime_env.env_vars`` of a cluster run."""
    return {k: os.environ[k] for k in STORAGE_ENV if os.environ.get(k)}


def start_stats(actor_cls):
    """The run's live statistics. On the warm local Ray (``corpusforge ray up``): the
    figures of a new run in its long-lived statistics service (engine/stats.py
    ``StatsService``), no process started. Otherwise a statistics actor, pinned
    (soft) to the head node, else the driver's: losing a worker node must not
    lose the run's live figures. (On a ``ray.cluster_utils.Cluster`` several
    raylets share one IP and the driver may attach to a worker's raylet, so the
    driver's node alone is not safe.)"""
    import ray
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    with _timed("stats_actor"):
        if _warm_local:
            handle = _open_service_run(ray)
            if handle is not None:
                return handle
        return _start_stats(actor_cls, ray, NodeAffinitySchedulingStrategy)


def _open_service_run(ray):
    """A :class:`engine.stats.RunStats` in the warm Ray's statistics service, or None
    when it has none (started by an older ``ray up``, or lost: a per-run actor then)."""
    import uuid

    from engine.stats import SERVICE_NAME, SERVICE_NAMESPACE, RunStats

    try:
        service = ray.get_actor(SERVICE_NAME, namespace=SERVICE_NAMESPACE)
        run_id = uuid.uuid4().hex
        ray.get(service.open.remote(run_id), timeout=30)
    except (ValueError, ray.exceptions.RayError) as exc:
        log.info("no statistics service on the local Ray (%s): a statistics actor for this run", exc)
        return None
    return RunStats(service, run_id)


def stop_stats(stats) -> None:
    """End the run's live statistics: its figures dropped from the service, or its actor killed.
    On the warm local Ray, also ask its raylet for job-less workers for the next run."""
    import ray

    from engine.stats import RunStats

    try:
        if isinstance(stats, RunStats):
            from engine import worker_preload

            worker_preload.unpublish()  # the run's config, published for its workers, if it was
            ray.get(stats.service.close.remote(stats.run_id), timeout=30)
        else:
            ray.kill(stats)
    except Exception as exc:  # noqa: BLE001 - never hide the run's own outcome behind this
        log.warning("ending the run's live statistics: %s", exc)
    if _warm_local:
        ready_next_run()


def ready_next_run() -> bool:
    """Have the warm local Ray's raylet start one job-less worker per CPU for the next run, which
    takes them instead of booting its own on its first block's path (engine/warm_workers.py;
    ``CORPUSFORGE_WARM_WORKERS=0`` turns it off). Asked once this process has exited, so that
    the workers' start does not slow the run's own end. Returns whether the request is
    scheduled; never raises."""
    from engine import warm_workers

    if not warm_workers.enabled():
        return False
    from engine import worker_preload

    worker_preload.publish_last_ops(_run_ops)  # what those workers warm (skip_unused_filter_warm_up)
    try:
        import ray

        cpus = int(ray.cluster_resources().get("CPU", 1))
        address = warm_workers.raylet_address()
    except Exception:  # noqa: BLE001 - the next run boots its own workers, as before
        return False
    if address is None:
        return False
    return warm_workers.prestart_after_exit(cpus, address)


def _start_stats(actor_cls, ray, NodeAffinitySchedulingStrategy):
    node = None
    try:
        heads = [
            n["NodeID"]
            for n in ray.nodes()
            if n.get("Alive") and "node:__internal_head__" in n.get("Resources", {})
        ]
        node = heads[0] if heads else ray.get_runtime_context().get_node_id()
    except Exception:  # noqa: BLE001 - Ray Client: no local node
        node = None
    if not node:
        return actor_cls.remote()
    return actor_cls.options(scheduling_strategy=NodeAffinitySchedulingStrategy(node, soft=True)).remote()


def stats_snapshot(stats) -> dict[str, Any]:
    """The live figures; empty when their actor was lost with its node. Counts
    in the report come from the writer's tallies, so only timings are lost."""
    import ray

    try:
        return ray.get(stats.snapshot.remote(), timeout=60)
    except (ray.exceptions.RayActorError, ray.exceptions.GetTimeoutError):
        log.warning("the statistics actor was lost; per-step timings are missing from this report")
        return {"elapsed": 0.0, "steps": {}, "errors": {}, "lost": True}
