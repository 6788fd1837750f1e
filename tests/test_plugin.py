"""Operators from outside ``operators/``: ``op: package.module:ClassName`` in YAML,
the ``corpusforge.operators`` entry-point group, and ``register_operator`` are all
checked the same way as built-ins (parameters, names, kinds), and a plugin runs
from a YAML config through the real executor, its module imported by the Ray
workers from PYTHONPATH (docs/operators.md, "Adding an operator")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from engine.config import ConfigError, load_config, operator_table, register_operator, unregister_operator

ROOT = Path(__file__).resolve().parents[1]

PLUGIN = '''
"""A plugin package for corpusforge (test)."""

from typing import ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from engine import Decision, Filter, FilterParams, Mapper, OpParams, Signal, put_column


class WordParams(FilterParams):
    word: str = "spam"
    max_hits: int = 0


class WordFilter(Filter):
    """Removes documents that use a word more than max_hits times."""

    name: ClassVar[str] = "word_filter"
    Params: ClassVar[type[FilterParams]] = WordParams
    signals: ClassVar[dict[str, Signal]] = {"word_hits": Signal("occurrences of the word", ("max_hits",))}

    def score(self, table: pa.Table) -> pa.Table:
        hits = pc.count_substring(pc.utf8_lower(table.column("text")), self.params.word)
        return put_column(table, "word_hits", pc.fill_null(hits, 0))

    def decide(self, scored: pa.Table) -> Decision:
        over = scored.column("word_hits").to_numpy() > self.params.max_hits
        return Decision.first_failing(scored.num_rows, [(over, "too_many_" + self.params.word)])


class ExclaimParams(OpParams):
    mark: str = "!"
    teardown_dir: str = ""


class CountMarks(Mapper):
    """Counts a punctuation mark per document (with setup: an actor pool; its teardown
    leaves a file naming the step and device it got in setup)."""

    name: ClassVar[str] = "count_marks"
    Params: ClassVar[type[OpParams]] = ExclaimParams
    output_columns: ClassVar[dict[str, str]] = {"marks": "occurrences of the mark"}

    def setup(self, ctx) -> None:
        self.seen = f"{ctx.step_name} {ctx.device}" if ctx is not None else "no context"

    def teardown(self) -> None:
        if self.params.teardown_dir:
            import os

            with open(os.path.join(self.params.teardown_dir, str(os.getpid())), "w") as f:
                f.write(getattr(self, "seen", "no setup"))

    def transform(self, table: pa.Table) -> pa.Table:
        marks = pc.count_substring(table.column("text"), self.params.mark)
        return put_column(table, "marks", pc.fill_null(marks, 0))


NOT_AN_OPERATOR = 42
'''


@pytest.fixture
def plugin_dir(tmp_path, monkeypatch):
    """A package ``cf_plugin_demo`` and an installed distribution declaring its mapper
    in the ``corpusforge.operators`` entry-point group, both on sys.path."""
    pkg = tmp_path / "site" / "cf_plugin_demo"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    dist = tmp_path / "site" / "cf_plugin_demo-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: cf-plugin-demo\nVersion: 0.1\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(
        "[corpusforge.operators]\ncount_marks = cf_plugin_demo:CountMarks\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    yield tmp_path / "site"
    sys.modules.pop("cf_plugin_demo", None)


def _cfg(tmp_path: Path, pipeline: list, **extra) -> dict:
    inp = tmp_path / "in.jsonl"
    if not inp.exists():
        inp.write_text('{"id": "a", "text": "hello"}\n', encoding="utf-8")
    return {
        "input": {"paths": [str(inp)]},
        "output": {"path": str(tmp_path / "out")},
        "pipeline": pipeline,
        **extra,
    }


def test_plugin_by_module_path_is_validated_like_a_builtin(plugin_dir, tmp_path):
    cfg = load_config(_cfg(tmp_path, [{"op": "cf_plugin_demo:WordFilter", "word": "ham", "max_hits": 2}]))
    step = cfg.steps[0]
    assert step.op_cls.__name__ == "WordFilter" and step.name == "word_filter"
    assert step.params.word == "ham" and step.params.mode == "filter"
    with pytest.raises(ConfigError, match=r"pipeline\[0\]\.wrod: unknown key 'wrod'; did you mean 'word'"):
        load_config(_cfg(tmp_path, [{"op": "cf_plugin_demo:WordFilter", "wrod": "x"}]))
    with pytest.raises(ConfigError, match=r"pipeline\[0\]\.max_hits: .*integer"):
        load_config(_cfg(tmp_path, [{"op": "cf_plugin_demo:WordFilter", "max_hits": "many"}]))


@pytest.mark.parametrize(
    "op,message",
    [
        ("cf_no_such_module:X", r"pipeline\[0\]\.op: cannot import module 'cf_no_such_module'.*PYTHONPATH"),
        ("cf_plugin_demo:Missing", r"pipeline\[0\]\.op: module 'cf_plugin_demo' has no attribute 'Missing'"),
        ("cf_plugin_demo:NOT_AN_OPERATOR", r"pipeline\[0\]\.op: 42 is not an operator class"),
        ("cf_plugin_demo:Filter", r"pipeline\[0\]\.op: Filter is a base class"),
        (
            "cf_plugin_demo:",
            r"pipeline\[0\]\.op: 'cf_plugin_demo:' is not of the form package.module:ClassName",
        ),
    ],
)
def test_bad_plugin_references_fail_before_ray_starts(plugin_dir, tmp_path, op, message):
    with pytest.raises(ConfigError, match=message):
        load_config(_cfg(tmp_path, [{"op": op}]))


def test_entry_point_operators_are_listed_and_validated(plugin_dir, tmp_path):
    table = operator_table()
    assert table["count_marks"].__name__ == "CountMarks" and "length_filter" in table
    cfg = load_config(_cfg(tmp_path, [{"op": "count_marks", "mark": "?"}]))
    assert cfg.steps[0].name == "count_marks" and cfg.steps[0].params.mark == "?"
    with pytest.raises(ConfigError, match=r"pipeline\[0\]\.mrak: unknown key 'mrak'"):
        load_config(_cfg(tmp_path, [{"op": "count_marks", "mrak": "?"}]))
    with pytest.raises(
        ConfigError, match=r"pipeline\[0\]\.op: unknown operator 'count_mark'; did you mean 'count_marks'"
    ):
        load_config(_cfg(tmp_path, [{"op": "count_mark"}]))


def test_register_operator_checks_the_class_as_plugins_are(plugin_dir):
    import cf_plugin_demo

    with pytest.raises(ConfigError, match="is not an operator class"):
        register_operator(int)  # type: ignore[arg-type]

    class Nameless(cf_plugin_demo.CountMarks):
        name = "not a name"

    with pytest.raises(ConfigError, match="must be a YAML name"):
        register_operator(Nameless)
    assert register_operator(cf_plugin_demo.WordFilter) is cf_plugin_demo.WordFilter
    try:
        assert operator_table()["word_filter"] is cf_plugin_demo.WordFilter
    finally:
        unregister_operator("word_filter")


def test_report_reads_a_plugins_declared_thresholds(plugin_dir):
    import cf_plugin_demo

    from engine.report_summary import StepInfo, thresholds_for

    info = StepInfo.from_class("word_filter", cf_plugin_demo.WordFilter, {"max_hits": 2, "word": "ham"})
    assert info.output_columns == {"word_hits": "occurrences of the word"}
    assert thresholds_for("word_hits", info) == [{"step": "word_filter", "param": "max_hits", "value": 2.0}]


def test_plugin_runs_from_yaml_through_the_real_executor(plugin_dir, tmp_path):
    """`corpusforge run` in a fresh process: the plugin module and the entry point are
    found through PYTHONPATH, by the driver and by the Ray workers."""
    texts = ["spam spam spam", "a fine day!", "spam once!!", "nothing here"]
    inp = tmp_path / "in.jsonl"
    inp.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8"
    )
    out = tmp_path / "out"
    ended = tmp_path / "ended"
    ended.mkdir()
    cfg = tmp_path / "plugin.yaml"
    cfg.write_text(
        textwrap.dedent(
            f"""
            name: plugin
            input: {{paths: ["{inp}"]}}
            output: {{path: "{out}", format: jsonl}}
            ray: {{num_cpus: 2}}
            execution: {{progress: false}}
            pipeline:
              - op: cf_plugin_demo:WordFilter
                max_hits: 1
              - op: count_marks
                teardown_dir: "{ended}"
            """
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_dir), str(ROOT)])}
    env.pop("RAY_ADDRESS", None)
    proc = subprocess.run(
        [sys.executable, "-m", "engine.cli", "run", str(cfg)],
        cwd=str(tmp_path),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["accounting_ok"] and report["input_docs"] == 4 and report["output_docs"] == 3
    ops = {op["name"]: op for op in report["ops"]}
    assert ops["word_filter"]["removed"] == {"too_many_spam": 1}
    assert ops["count_marks"]["docs_in"] == 3
    import gzip

    rows = [
        json.loads(line) for f in sorted((out / "data").glob("*.jsonl.gz")) for line in gzip.open(f, "rt")
    ]
    assert sorted((r["id"], r["word_hits"], r["marks"]) for r in rows) == [
        ("d1", 0, 1),
        ("d2", 1, 2),
        ("d3", 0, 0),
    ]
    # the pool actor got the run context in setup(ctx), and the engine called its teardown()
    assert [p.read_text() for p in ended.iterdir()] == ["count_marks cpu"]
