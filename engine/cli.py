"""The ``corpusforge`` command line."""

from __future__ import annotations

import argparse
import json
import sys
import typing

from engine.accounting import AccountingError
from engine.config import ConfigError, load_config, operator_table
from engine.operator import FatalOperatorError


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
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
    parser = argparse.ArgumentParser(prog="corpusforge", description="Turn raw text corpora into training datasets.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="run a pipeline config")
    p_run.add_argument("config")
    p_run.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY.PATH=VALUE")
    p_run.add_argument("--no-progress", action="store_true")
    p_run.add_argument("--restart", action="store_true", help="discard an unfinished run in the output directory")
    p_val = sub.add_parser("validate", help="validate a config without running it")
    p_val.add_argument("config")
    p_val.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY.PATH=VALUE")
    p_ops = sub.add_parser("ops", help="list operators with their parameters")
    p_ops.add_argument("--json", action="store_true")
    sub.add_parser("train-classifier", help="train a fastText quality classifier (see --help)")
    p_rep = sub.add_parser("report", help="re-render OUT/report.html and OUT/README.md from OUT/report.json")
    p_rep.add_argument("out")
    p_ver = sub.add_parser("verify", help="check OUT against OUT/manifest.json (missing, altered, extra files)")
    p_ver.add_argument("out")
    p_exp = sub.add_parser("explain", help="tell what happened to one document")
    p_exp.add_argument("out")
    p_exp.add_argument("id")
    p_exp.add_argument("--json", action="store_true")
    sub.add_parser("profile", help="profile raw input without removing anything (see --help)")
    sub.add_parser("diff", help="compare two releases: documents, quality, signal drift (see --help)")
    sub.add_parser("catalog", help="list the releases under local folders or s3:// prefixes (see --help)")
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
    try:
        cfg = load_config(args.config, args.overrides)
        if args.command == "validate":
            from engine.io_read import expand_inputs

            files = expand_inputs(cfg.input, cfg.storage)
            _validate_output(cfg, files)
            from engine.config import config_warnings

            for warning in config_warnings(cfg):
                print(f"config warning: {warning}", file=sys.stderr)
            print(f"{args.config}: OK ({len(cfg.steps)} steps, {len(files)} input files)")
            return 0
        from engine.executor import run

        if args.no_progress:
            cfg.execution.progress = False
        report = run(cfg, restart=args.restart)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    except FatalOperatorError as exc:  # AccountingError, OperatorFailed, ...: a clear message, no traceback
        cause = getattr(exc, "cause", None) or exc  # a worker's error arrives as RayTaskError(<its type>)
        print(f"error: {cause}", file=sys.stderr)
        if isinstance(exc, AccountingError):
            print(f"  the report with every difference: {cfg.output.path}/report.json", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (engine/shutdown.py): Ray is already shut down
        from engine.shutdown import Terminated

        print(
            f"\ninterrupted; progress kept in {cfg.output.path}/_progress: run the same command again to resume",
            file=sys.stderr,
        )
        return 143 if isinstance(exc, Terminated) else 130
    _summary(report, cfg.output.path)
    if not report["accounting_ok"]:
        return 1
    alerts = report.get("alerts") or {}
    if alerts.get("violations"):  # drift alerts (engine/alerts.py): the output is complete, but held back
        from engine.alerts import ALERT_EXIT

        for v in alerts["violations"]:
            print(f"ALERT: {v}", file=sys.stderr)
        print(f"  {len(alerts['violations'])} drift alert(s) against {alerts.get('parent')}: exit {ALERT_EXIT}", file=sys.stderr)
        return ALERT_EXIT
    return 0


def _validate_output(cfg, files) -> None:
    """The output folder checks a run makes before Ray starts (engine/output_dir.py):
    a path no run may own, or a non-empty folder that is not corpusforge's."""
    from engine import output_dir
    from engine.io_read import filesystem_for

    fs, out_dir = filesystem_for(cfg.output.path, cfg.storage)
    output_dir.check_path(cfg.output.path, fs, out_dir, [f.uri for f in files])
    output_dir.check_owned(fs, out_dir)


def _summary(report: dict, out: str) -> None:
    print(f"{report['name']}: {report['accounting']}  [{'OK' if report['accounting_ok'] else 'MISMATCH'}]")
    for op in report["ops"]:
        removed = sum(op["removed"].values()) + sum(op["quarantined"].values())
        reasons = ", ".join(f"{k}={v}" for k, v in list(op["removed"].items())[:6])
        print(f"  {op['name']:<22} {op['docs_in']:>9,} -> {op['docs_out']:>9,}  (-{removed:,}) {reasons}")
    if report["quarantine_reasons"]:
        print("  quarantined: " + ", ".join(f"{k}={v}" for k, v in report["quarantine_reasons"].items()))
    print(f"  {report['seconds']:.1f}s; output in {out}/data, report in {out}/report.json")
    q = report.get("quality")
    if q:
        dims = ", ".join(f"{k} {d['score']:.0f}" for k, d in q["dimensions"].items() if d["score"] is not None)
        print(f"  quality {q['total']:.1f} ({q['grade']}): {dims}; see {out}/report.html and {out}/README.md")


def _ops(as_json: bool) -> int:
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
            default = "required" if p["required"] else f"default {json.dumps(p['default'], default=str, ensure_ascii=False)}"
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
        return f"{name}[{args}]" if name not in ("UnionType", "Union") else " | ".join(_type_name(a) for a in typing.get_args(ann))
    return getattr(ann, "__name__", str(ann)).replace("NoneType", "null")


if __name__ == "__main__":
    sys.exit(main())
