"""Driver for the resume and SIGTERM tests: runs a config (JSON argument) or
the ``corpusforge`` command line (``--cli run CONFIG``) with one extra,
deliberately slow operator, so that a test can kill it in the middle of a run."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ray import cloudpickle  # noqa: E402

import engine.config  # noqa: E402
from engine import Mapper, OpParams  # noqa: E402


class SlowParams(OpParams):
    seconds: float = 0.3


class SlowMapper(Mapper):
    """Test operator: sleeps per batch, changes nothing."""

    name: ClassVar[str] = "slow_mapper"
    Params: ClassVar[type[OpParams]] = SlowParams

    def transform(self, table):
        time.sleep(self.params.seconds)
        return table


cloudpickle.register_pickle_by_value(sys.modules[__name__])

if __name__ == "__main__":
    engine.config.register_operator(SlowMapper)
    if sys.argv[1] == "--cli":  # the command line itself: resume_driver.py --cli run CONFIG [...]
        from engine.cli import main

        sys.exit(main(sys.argv[2:]))
    from engine.executor import run_config

    report = run_config(json.loads(sys.argv[1]), restart="--restart" in sys.argv)
    print(
        "REPORT "
        + json.dumps(
            {
                k: report[k]
                for k in ("input_docs", "output_docs", "removed_docs", "quarantined", "accounting_ok")
            }
            | {"resumed": report.get("resumed", False)}
        )
    )
