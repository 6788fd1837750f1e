"""``corpusforge run /dev/stdin < config.yaml``: a config from a pipe is read once (the run reads
its config twice: its ``ray`` section before the imports, then the whole)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_config_piped_on_stdin_is_read_once(tmp_path):
    config = (
        "name: piped\n"
        f"input:\n  paths: [{tmp_path / 'in.jsonl'}]\n"
        f"output:\n  path: {tmp_path / 'out'}\n"
        "pipeline:\n  - op: no_such_operator_here\n"
    )
    (tmp_path / "in.jsonl").write_text('{"id": "1", "text": "a few words"}\n')
    tmp = tmp_path / "tmp"  # the command's temp dir: the config's copy must not stay there
    tmp.mkdir()
    env = {**os.environ, "CORPUSFORGE_WARM_DRIVER": "0", "TMPDIR": str(tmp)}
    done = subprocess.run(
        [sys.executable, "-m", "engine.cli", "run", "/dev/stdin", "--no-progress"], input=config, env=env,
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    # the whole config reached the validation (which names the unknown operator); read twice
    # from the pipe, the second read found nothing ("expected a mapping at the top level")
    assert done.returncode == 2, done.stderr
    assert "no_such_operator_here" in done.stderr, done.stderr
    assert [p.name for p in tmp.iterdir() if p.name.startswith("corpusforge-config-")] == []
