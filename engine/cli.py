"""The ``corpusforge`` command line."""

from __future__ import annotations

import argparse
import json
import sys
import typing

# The engine's modules (pyarrow, numpy, pydantic, the operators) are imported where they are
# used: `corpusforge run` starts its embedded Ray first, so that Ray's processes come up while
# they load (engine/ray_runtime.py prestart).


def main(argv: list[str] | None = None, started: float | None = None, delegate: bool = True) -> int:
    """``started``: when the command began (default: this process's start); ``delegate``: a run
    on the warm local Ray may be handed to its warm driver (engine/warm_driver.py). Called
    without ``argv`` (the ``corpusforge`` command, ``python -m engine.cli``), the process ends
    after it: see :func:`skip_exit_collection`."""
    try:
        return _main(argv, started, delegate)
    finally:
        if argv is None:
            skip_exit_collection()


def skip_exit_collection() -> None:
    """Spare the interpreter's exit the garbage collector's passes over everything the run
    imported. As Python ends it clears its modules and collects the whole heap several times
    (``gc_collect_main`` in the interpreter's finalization): with Ray, Ray Data, pyarrow,
    pydantic and the operators loaded that is 160,000+ objects traversed again and again,
    measured at 2-5 s of a cold quickstart's wall time after its last ``atexit`` handler on
    this 2-core machine at load 30 (py-spy: the main thread in ``gc_collect_main`` until the
    process ended). ``gc.freeze()`` moves every object alive now to the collector's permanent
    generation, which collections skip; everything else of the exit is as before (``atexit``
    handlers, Ray's shutdown, threads, flushing, files closed as their objects are freed).
    Only for the command's own process (``main()`` without ``argv``): a caller going on after
    ``main(argv)`` (tests, the warm driver's child) keeps its collector as it was.
    ``CORPUSFORGE_EXIT_GC=1`` keeps the collection (to measure it)."""
    import gc
    import os

    if os.environ.get("CORPUSFORGE_EXIT_GC") != "1":
        gc.freeze()


def _main(argv: list[str] | None, started: float | None, delegate: bool) -> int:
    from engine import phases

    phases.mark_command(started)  # the run's phases count from the command's start (engine/phases.py)
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "ray":  # corpusforge ray up|down|status (engine/ray_local.py)
        from engine.ray_local import main as ray_main

        return ray_main(argv[1:])
    if argv and argv[0] == "train-classifier":  # has its own argument parser
        from operators.quality.classifier import train_classifier_main

        return train_classifier_main(argv[1:])
    if argv and argv[0] == "diff":  # has its own argument parser (engine/diff.py)
        from engine.diff import diff_main

        return diff_main(argv[1:])
    if argv and argv[0] == "catalog":  # has its own argument parser (engine/catalog.py)
        from engine.catalog import catalog_main

        return catalog_main(argv[1:])
    if argv and argv[0] == "profile":  # has its own argument parser
        from engine.profile import profile_main

        return profile_main(argv[1:])
    parser = argparse.ArgumentParser(
        prog="corpusforge", description="Turn raw text corpora into training datasets."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="run a pipeline config")
    p_run.add_argument("config")
    p_run.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY.PATH=VALUE")
    p_run.add_argument("--no-progress", action="store_true")
    p_run.add_argument(
        "--quiet", action="store_true", help="print nothing but errors (no progress, no summary)"
    )
    p_run.add_argument(
        "--json", action="store_true", help="print one JSON summary on stdout (nothing else there)"
    )
    p_run.add_argument(
        "--ray",
        dest="ray_address",
        metavar="ADDRESS",
        help="ray.address for this run: 'auto' (the `corpusforge ray up` Ray, else Ray's auto) or host:port",
    )
    p_run.add_argument(
        "--restart", action="store_true", help="discard an unfinished run in the output directory"
    )
    p_warm = sub.add_parser(
        "warmup", help="compile a config's numba kernels and the engine's .pyc now (for installs, CI images)"
    )
    p_warm.add_argument("config")
    p_warm.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY.PATH=VALUE")
    p_val = sub.add_parser("validate", help="validate a config without running it")
    p_val.add_argument("config")
    p_val.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY.PATH=VALUE")
    p_ops = sub.add_parser("ops", help="list operators with their parameters")
    p_ops.add_argument("--json", action="store_true")
    sub.add_parser("train-classifier", help="train a fastText quality classifier (see --help)")
    p_rep = sub.add_parser("report", help="re-render OUT/report.html and OUT/README.md from OUT/report.json")
    p_rep.add_argument("out")
    p_ver = sub.add_parser(
        "verify", help="check OUT against OUT/manifest.json (missing, altered, extra files)"
    )
    p_ver.add_argument("out")
    p_exp = sub.add_parser("explain", help="tell what happened to one document")
    p_exp.add_argument("out")
    p_exp.add_argument("id")
    p_exp.add_argument("--json", action="store_true")
    sub.add_parser("profile", help="profile raw input without removing anything (see --help)")
    sub.add_parser("diff", help="compare two releases: documents, quality, signal drift (see --help)")
    sub.add_parser("catalog", help="list the releases under local folders or s3:// prefixes (see --help)")
    sub.add_parser("ray", help="a warm local Ray for faster runs: ray up | down | status (see --help)")
    args = parser.parse_args(argv)

    if args.command == "ops":
        return _ops(args.json)
    if args.command == "report":
        from engine.products import rerender_main

        return rerender_main(args.out)
    if args.command == "verify":
        from engine.manifest import verify_main

        return verify_main(args.out)
    if args.command == "explain":
        from engine.explain import explain_main

        return explain_main(args.out, args.id, args.json)
    if args.command == "validate":
        return _validate(args)
    if args.command == "warmup":
        return _warmup(args)
    piped = _config_from_pipe(args)
    if piped:
        argv = [piped if a == args.config_given else a for a in argv]  # for the warm driver
    try:
        if delegate:
            code = _delegate(argv, args)
            if code is not None:
                return code
        return _run(args)
    finally:
        if piped:
            import os

            os.unlink(piped)


def _config_from_pipe(args) -> str | None:
    """``corpusforge run /dev/stdin < config.yaml`` (or ``<(...)``): a config that can be read only
    once is read here into a temporary file that the run reads instead (the run reads its config
    more than once: its ``ray`` section before the engine's imports, then the whole; read twice
    from the pipe, the second read found nothing: "expected a mapping at the top level").
    Returns that file's path (removed when the command ends), or None for a regular file."""
    import os
    import stat
    import tempfile

    args.config_given = args.config
    try:
        if stat.S_ISREG(os.stat(args.config).st_mode):
            return None
        with open(args.config, "rb") as f:
            body = f.read()
    except OSError:  # not there: the run reports it
        return None
    fd, path = tempfile.mkstemp(prefix="corpusforge-config-", suffix=".yaml")
    with os.fdopen(fd, "wb") as f:
        f.write(body)
    args.config = path
    return path


def _delegate(argv: list[str], args) -> int | None:
    """A run on this checkout's warm local Ray (``--ray auto`` or ``ray.address: auto``) goes to
    its warm driver, which has the engine imported (engine/warm_driver.py); None: run it here."""
    from engine import warm_driver
    from engine.ray_runtime import ray_section

    if not warm_driver.enabled():
        return None
    address = args.ray_address
    if address is None:
        section = ray_section(args.config, args.overrides)
        address = section["address"] if section else None
    if address != "auto":
        return None
    from engine.phases import command_started

    return warm_driver.delegate(argv, command_started())


def _warm_local_state(args) -> dict | None:
    """The state of this checkout's warm local Ray when this run attaches to it, else None."""
    from engine.ray_runtime import ray_section

    address = args.ray_address
    if address is None:
        section = ray_section(args.config, args.overrides)
        address = section["address"] if section else None
    if address != "auto":
        return None
    from engine.ray_local import ROOT, read_state

    state = read_state()
    return state if state and state.get("root") == ROOT else None


def _retire_stale_workers(args) -> None:
    """On the warm local Ray: its idle workers that imported the engine before a change to the
    code are ended first, so that the run's tasks run the code of this checkout as it is now
    (engine/warm_workers.py ``retire_stale``)."""
    try:
        state = _warm_local_state(args)
    except Exception:  # noqa: BLE001 - a config error is reported by the run itself
        return
    if state:
        from engine import warm_workers
        from engine.ray_local import ROOT

        warm_workers.retire_stale(state["token"], ROOT)


def _validate(args) -> int:
    from engine.config import ConfigError, load_config

    try:
        cfg = load_config(args.config, args.overrides)
        from engine.io_read import expand_inputs

        files = expand_inputs(cfg.input, cfg.storage)
        _validate_output(cfg, files)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    from engine.config import config_warnings

    for warning in config_warnings(cfg):
        print(f"config warning: {warning}", file=sys.stderr)
    print(f"{args.config}: OK ({len(cfg.steps)} steps, {len(files)} input files)")
    return 0


def _warmup(args) -> int:
    """``corpusforge warmup CONFIG``: what the first run of CONFIG on this machine would compile
    (its numba kernels, the ``.pyc`` of ``engine/`` and ``operators/``), compiled now, so that
    the first ``corpusforge run`` costs what a later one does (engine/kernel_compile.py)."""
    import time

    from engine import kernel_compile
    from engine.config import ConfigError, load_config

    try:
        cfg = load_config(args.config, args.overrides)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    result = kernel_compile.warmup(cfg.steps)
    print(
        f"{args.config}: {result['jobs']} kernel set(s) compiled or cached "
        f"({result['cpu_s']} CPU-s, {time.perf_counter() - t0:.1f} s); "
        f".pyc {'written' if result['pyc'] else 'not written'}"
    )
    return 0


def _run(args) -> int:
    """``corpusforge run``: corpusforge's own messages on the terminal, Ray's in
    ``OUT/_logs/ray.log`` (engine/console.py); ``--json``: one JSON summary on stdout."""
    from engine.ray_runtime import cancel_prestart, prestart

    _retire_stale_workers(args)
    # An embedded Ray starts now, on its own thread, while the engine and the config's operators
    # are imported and validated: its processes come up on the other core instead of after
    # (engine/ray_runtime.py).
    prestart(args.config, args.overrides, args.ray_address)
    from engine import console
    from engine.accounting import AccountingError
    from engine.config import ConfigError, load_config
    from engine.operator import FatalOperatorError

    try:
        cfg = load_config(args.config, args.overrides)
        if args.ray_address:
            cfg.ray.address = args.ray_address
        if args.no_progress or args.quiet:
            cfg.execution.progress = False
    except ConfigError as exc:
        code = _fail(args, 2, f"config error: {exc}")  # said at once; the head is stopped after
        cancel_prestart()
        return code
    except BaseException:
        cancel_prestart()
        raise
    # the config's numba kernels, when not compiled yet on this machine (its first run after an
    # install), compile in a process of their own while Ray starts (engine/kernel_compile.py); not
    # for a remote cluster, whose workers have caches of their own
    from engine import kernel_compile

    if cfg.ray.address in (None, "auto", "local"):
        kernel_compile.start_background(cfg.steps)
    console.enable()
    _log_to_console(console.err(), quiet=args.quiet)
    try:
        from engine.executor import run

        report = run(cfg, restart=args.restart)
    except ConfigError as exc:
        return _fail(args, 2, f"config error: {exc}")
    except FatalOperatorError as exc:  # AccountingError, OperatorFailed, ...: a clear message, no traceback
        cause = getattr(exc, "cause", None) or exc  # a worker's error arrives as RayTaskError(<its type>)
        extra = (
            [f"the report with every difference: {cfg.output.path}/report.json"]
            if isinstance(exc, AccountingError)
            else []
        )
        return _fail(args, 1, f"error: {cause}", extra + _log_hint())
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (engine/shutdown.py): Ray is already shut down
        from engine.shutdown import Terminated

        code = 143 if isinstance(exc, Terminated) else 130
        msg = (
            f"interrupted; progress kept in {cfg.output.path}/_progress: run the same command again to resume"
        )
        return _fail(args, code, "\n" + msg)
    except Exception as exc:  # noqa: BLE001 - an unexpected failure: one line here, the traceback in the log
        import traceback

        if console.log_path():
            sys.stderr.write(traceback.format_exc())  # fd 2 is still the log
            sys.stderr.flush()
            return _fail(args, 1, f"error: {type(exc).__name__}: {exc}", _log_hint())
        raise
    finally:
        cancel_prestart()  # only if the run never attached to it (it failed before Ray's start)
        kernel_compile.stop_background()
        console.release()
    code = 0
    messages: list[str] = []
    alerts = report.get("alerts") or {}
    if not report["accounting_ok"]:
        code = 1
    elif alerts.get("violations"):  # drift alerts (engine/alerts.py): the output is complete, but held back
        from engine.alerts import ALERT_EXIT

        code = ALERT_EXIT
        messages = [f"ALERT: {v}" for v in alerts["violations"]]
        messages.append(
            f"  {len(alerts['violations'])} drift alert(s) against {alerts.get('parent')}: exit {ALERT_EXIT}"
        )
    if args.json:
        print(
            json.dumps(json_summary(report, cfg.output.path, code), ensure_ascii=False),
            file=console.out(),
            flush=True,
        )
    elif not args.quiet:
        _summary(report, cfg.output.path, console.out())
    for m in messages:
        print(m, file=console.err())
    return code


def _log_hint() -> list[str]:
    from engine import console

    return [f"Ray's log: {console.log_path()}"] if console.log_path() else []


def _fail(args, code: int, message: str, extra: list[str] | None = None) -> int:
    """An error: its message on stderr (always), and with ``--json`` the summary on stdout."""
    from engine import console

    err = console.err()
    print(message, file=err)
    for line in extra or []:
        print(f"  {line}", file=err)
    err.flush()
    if getattr(args, "json", False):
        body = {"ok": False, "exit_code": code, "error": message.strip(), "log": console.log_path()}
        print(json.dumps(body, ensure_ascii=False), file=console.out(), flush=True)
    return code


def _log_to_console(stream, quiet: bool) -> None:
    """corpusforge's own warnings (its loggers) on the console, not in Ray's log."""
    import logging

    logger = logging.getLogger("corpusforge")
    for h in list(logger.handlers):
        if getattr(h, "_corpusforge_console", False):
            logger.removeHandler(h)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.setLevel(logging.ERROR if quiet else logging.WARNING)
    handler._corpusforge_console = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.propagate = False


def json_summary(report: dict, out: str, code: int) -> dict:
    """The ``--json`` summary: outcome, counts, time, where everything is."""
    return {
        "ok": code == 0,
        "exit_code": code,
        "name": report["name"],
        "accounting_ok": report["accounting_ok"],
        "input_docs": report["input_docs"],
        "output_docs": report["output_docs"],
        "removed_docs": report["removed_docs"],
        "quarantined": report["quarantined"],
        "generated_docs": report["generated_docs"],
        "seconds": report["seconds"],
        "first_block_s": report.get("first_block_s"),
        "steps": [
            {"name": op["name"], "docs_in": op["docs_in"], "docs_out": op["docs_out"]} for op in report["ops"]
        ],
        "quality": (report.get("quality") or {}).get("total"),
        "alerts": len((report.get("alerts") or {}).get("violations") or []),
        "output": out,
        "report": f"{out}/report.json",
    }


def _validate_output(cfg, files) -> None:
    """The output folder checks a run makes before Ray starts (engine/output_dir.py):
    a path no run may own, or a non-empty folder that is not corpusforge's."""
    from engine import output_dir
    from engine.io_read import filesystem_for

    fs, out_dir = filesystem_for(cfg.output.path, cfg.storage)
    output_dir.check_path(cfg.output.path, fs, out_dir, [f.uri for f in files])
    output_dir.check_owned(fs, out_dir)


def _summary(report: dict, out: str, stream=None) -> None:
    stream = stream or sys.stdout
    print(
        f"{report['name']}: {report['accounting']}  [{'OK' if report['accounting_ok'] else 'MISMATCH'}]",
        file=stream,
    )
    for op in report["ops"]:
        removed = sum(op["removed"].values()) + sum(op["quarantined"].values())
        reasons = ", ".join(f"{k}={v}" for k, v in list(op["removed"].items())[:6])
        print(
            f"  {op['name']:<22} {op['docs_in']:>9,} -> {op['docs_out']:>9,}  (-{removed:,}) {reasons}",
            file=stream,
        )
    if report["quarantine_reasons"]:
        print(
            "  quarantined: " + ", ".join(f"{k}={v}" for k, v in report["quarantine_reasons"].items()),
            file=stream,
        )
    print(f"  {report['seconds']:.1f}s; output in {out}/data, report in {out}/report.json", file=stream)
    q = report.get("quality")
    if q:
        dims = ", ".join(
            f"{k} {d['score']:.0f}" for k, d in q["dimensions"].items() if d["score"] is not None
        )
        print(
            f"  quality {q['total']:.1f} ({q['grade']}): {dims}; see {out}/report.html and {out}/README.md",
            file=stream,
        )


def _ops(as_json: bool) -> int:
    from engine.config import operator_table

    rows = []
    for name, cls in sorted(operator_table().items()):
        params = []
        for pname, field in cls.Params.model_fields.items():
            default = field.default if field.default_factory is None else field.default_factory()
            params.append(
                {
                    "name": pname,
                    "type": _type_name(field.annotation),
                    "default": default,
                    "required": field.is_required(),
                    "description": field.description or "",
                }
            )
        rows.append(
            {
                "op": name,
                "kind": cls.kind,
                "summary": cls.summary(),
                "actor_pool": cls.is_stateful(),
                "resources": cls.resources.model_dump(),
                "params": params,
            }
        )
    if as_json:
        print(json.dumps(rows, indent=2, default=str, ensure_ascii=False))
        return 0
    for row in rows:
        pool = ", actor pool" if row["actor_pool"] else ""
        print(f"{row['op']}  ({row['kind']}{pool})\n    {row['summary']}")
        for p in row["params"]:
            default = (
                "required"
                if p["required"]
                else f"default {json.dumps(p['default'], default=str, ensure_ascii=False)}"
            )
            desc = f" - {p['description']}" if p["description"] else ""
            print(f"    {p['name']}: {p['type']} ({default}){desc}")
        print()
    return 0


def _type_name(ann) -> str:
    origin = typing.get_origin(ann)
    if origin is typing.Literal:
        return "|".join(str(a) for a in typing.get_args(ann))
    if origin is not None:
        args = ", ".join(_type_name(a) for a in typing.get_args(ann))
        name = getattr(origin, "__name__", str(origin))
        return (
            f"{name}[{args}]"
            if name not in ("UnionType", "Union")
            else " | ".join(_type_name(a) for a in typing.get_args(ann))
        )
    return getattr(ann, "__name__", str(ann)).replace("NoneType", "null")


if __name__ == "__main__":
    sys.exit(main())
