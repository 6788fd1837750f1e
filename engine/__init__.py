"""corpusforge engine: config, operator contract, executor, I/O, reports, CLI.

Import the public surface from here, not from the private modules.
"""

from engine.accounting import AccountingError
from engine.columns import mark_removed, put_column
from engine.operator import (
    Decision,
    FatalOperatorError,
    Filter,
    FilterParams,
    GlobalStage,
    Mapper,
    OpParams,
    Operator,
    Resources,
    StageContext,
)

__version__ = "0.1.0"

__all__ = [
    "AccountingError",
    "Decision",
    "FatalOperatorError",
    "Filter",
    "FilterParams",
    "GlobalStage",
    "Mapper",
    "OpParams",
    "Operator",
    "Resources",
    "StageContext",
    "mark_removed",
    "put_column",
    "__version__",
]
