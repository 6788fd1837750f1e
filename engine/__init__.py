"""corpusforge engine: config, operator contract, executor, I/O, reports, CLI.

Import the public surface from here, not from the private modules.
"""

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

__version__ = "0.1.0"

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
