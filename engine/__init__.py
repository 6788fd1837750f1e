"""corpusforge engine: config, operator contract, executor, I/O, reports, CLI.

Import the public surface from here, not from the private modules. The names are
loaded on first use (PEP 562): ``corpusforge run`` starts its embedded Ray before it
imports pyarrow, numpy and pydantic through them (engine/cli.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_EXPORTS = {
    "mark_removed": "engine.columns",
    "put_column": "engine.columns",
    **dict.fromkeys(
        (
            "AccountingError",
            "ConfigError",
            "CorpusforgeError",
            "FatalError",
            "FatalOperatorError",
            "InputError",
            "OperatorError",
        ),
        "engine.errors",
    ),
    **dict.fromkeys(
        (
            "Decision",
            "Filter",
            "FilterParams",
            "GlobalStage",
            "Mapper",
            "Operator",
            "OpParams",
            "Resources",
            "RunContext",
            "Signal",
            "StageContext",
        ),
        "engine.operator",
    ),
}

__all__ = [
    "AccountingError",
    "ConfigError",
    "CorpusforgeError",
    "Decision",
    "FatalError",
    "FatalOperatorError",
    "Filter",
    "FilterParams",
    "GlobalStage",
    "InputError",
    "Mapper",
    "OpParams",
    "Operator",
    "OperatorError",
    "Resources",
    "RunContext",
    "Signal",
    "StageContext",
    "mark_removed",
    "put_column",
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    try:  # a submodule used as an attribute (``engine.columns``), as when this file imported it
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:
    from engine.columns import mark_removed, put_column
    from engine.errors import (
        AccountingError,
        ConfigError,
        CorpusforgeError,
        FatalError,
        FatalOperatorError,
        InputError,
        OperatorError,
    )
    from engine.operator import (
        Decision,
        Filter,
        FilterParams,
        GlobalStage,
        Mapper,
        Operator,
        OpParams,
        Resources,
        RunContext,
        Signal,
        StageContext,
    )
