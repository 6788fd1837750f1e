"""Config mistakes fail fast, naming the key and the valid choices."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from engine.config import ConfigError, apply_overrides, load_config

ROOT = Path(__file__).resolve().parents[1]


def _cfg(tmp_path, pipeline=None, **over):
    data = tmp_path / "in.jsonl"
    data.write_text('{"id": "a", "text": "hello world"}\n')
    cfg = {
        "name": "t",
        "input": {"paths": [str(data)], "format": "jsonl"},
        "output": {"path": str(tmp_path / "out")},
        "pipeline": pipeline or [],
    }
    cfg.update(over)
    return cfg


def test_unknown_operator_suggests(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(_cfg(tmp_path, [{"op": "normalize_text"}, {"op": "lenght_filter"}]))
    assert "pipeline[1].op: unknown operator 'lenght_filter'; did you mean 'length_filter'?" in str(e.value)


def test_unknown_operator_lists_choices(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(_cfg(tmp_path, [{"op": "zzz"}]))
    assert "pipeline[0].op: unknown operator 'zzz'; valid:" in str(e.value)
    assert "normalize_text" in str(e.value)


def test_unknown_parameter_suggests(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(_cfg(tmp_path, [{"op": "length_filter", "min_word": 3}]))
    assert "pipeline[0].min_word: unknown key 'min_word'; did you mean 'min_words'?" in str(e.value)


def test_mistyped_parameter(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(_cfg(tmp_path, [{"op": "length_filter", "min_words": "many"}]))
    assert "pipeline[0].min_words" in str(e.value)


def test_bad_literal_lists_choices(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(_cfg(tmp_path, [{"op": "length_filter", "mode": "drop"}]))
    assert "pipeline[0].mode" in str(e.value) and "'filter'" in str(e.value) and "'annotate'" in str(e.value)


def test_unknown_top_level_and_nested_keys(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(_cfg(tmp_path, outptu={"path": "x"}))
    assert "outptu: unknown key 'outptu'; did you mean 'output'?" in str(e.value)
    cfg = _cfg(tmp_path)
    cfg["input"]["text_feild"] = "body"
    with pytest.raises(ConfigError) as e:
        load_config(cfg)
    assert "input.text_feild: unknown key 'text_feild'; did you mean 'text_field'?" in str(e.value)


def test_bad_resources(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(_cfg(tmp_path, [{"op": "normalize_text", "resources": {"num_cpu": 2}}]))
    assert "pipeline[0].resources.num_cpu" in str(e.value) and "num_cpus" in str(e.value)


def test_missing_input_key(tmp_path):
    cfg = _cfg(tmp_path)
    del cfg["input"]
    with pytest.raises(ConfigError) as e:
        load_config(cfg)
    assert "input: required key is missing" in str(e.value)


def test_missing_input_files_fail_before_ray(tmp_path):
    from engine.executor import run

    cfg = load_config(_cfg(tmp_path, input={"paths": [str(tmp_path / "nope/*.jsonl")]}))
    import ray

    was = ray.is_initialized()
    with pytest.raises(ConfigError) as e:
        run(cfg)
    assert "input.paths[0]: no jsonl files match" in str(e.value)
    assert ray.is_initialized() == was


def test_step_names_unique_and_numbered(tmp_path):
    cfg = load_config(_cfg(tmp_path, [{"op": "length_filter"}, {"op": "length_filter", "min_words": 2}]))
    assert [s.name for s in cfg.steps] == ["length_filter", "length_filter_2"]


def test_resources_defaults_and_override(tmp_path):
    cfg = load_config(
        _cfg(tmp_path, [{"op": "normalize_text", "resources": {"batch_size": 64, "num_cpus": 0.5}}])
    )
    r = cfg.steps[0].resources
    assert r.batch_size == 64 and r.num_cpus == 0.5 and r.num_gpus == 0


def test_overrides():
    raw = {"output": {"path": "a"}, "pipeline": [{"op": "x", "min": 1}]}
    apply_overrides(
        raw, ["output.overwrite=true", "pipeline[0].min=5", "pipeline.0.keep=[en, zh]", "ray.address=auto"]
    )
    assert raw["output"]["overwrite"] is True
    assert raw["pipeline"][0] == {"op": "x", "min": 5, "keep": ["en", "zh"]}
    assert raw["ray"]["address"] == "auto"
    with pytest.raises(ConfigError):
        apply_overrides(raw, ["pipeline[3].min=1"])


def test_empty_pipeline_is_valid(tmp_path):
    cfg = load_config(_cfg(tmp_path, None))
    assert cfg.steps == []


def test_cli_validate_fails_fast_with_exit_code(tmp_path):
    import yaml

    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(_cfg(tmp_path, [{"op": "langid"}])))
    proc = subprocess.run(
        [sys.executable, "-m", "engine.cli", "run", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2
    assert "pipeline[0].op: unknown operator 'langid'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_ops_lists_every_operator():
    import contextlib
    import io

    from engine.cli import main
    from engine.config import operator_table

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["ops"]) == 0
    text = buf.getvalue()
    for name, cls in operator_table().items():
        assert name in text
        for p in cls.Params.model_fields:
            assert p in text
