"""Every error corpusforge raises on purpose, under one base.

The level of an error says what the engine does with it::

    CorpusforgeError
    ├── ConfigError            the config (or a file it names) is wrong: exit status 2, before Ray starts
    │   ├── OutputDirError         (engine/output_dir.py) the output folder may not be written or replaced
    │   ├── ModelLoadError         (operators/_fasttext.py) a fastText model file is missing or unreadable
    │   ├── MissingModelError      (operators/pii/entities.py) a named NER model is not installed
    │   ├── MissingKeyError        (operators/pii/actions.py) the hash action's key variable is unset
    │   └── InputError             (engine/io_read.py) input.paths name nothing readable (one bad line is
    │                              quarantined, not an error)
    ├── OperatorError          one document failed in an operator: it is quarantined, the run goes on
    │   ├── PiiAnalysisError       (operators/pii/operator.py)
    │   └── WorkerDied             (engine/step_runner.py) the worker process ended during the call
    └── FatalError             the run must stop, with this message
        └── FatalOperatorError     raised by an operator to stop the run (e.g. a rejected API key)
            ├── LlmFatalError          (operators/synthetic/_llm_client.py) the endpoint refuses every request
            ├── OperatorFailed         (engine/step_runner.py) more than execution.max_errors documents failed
            └── AccountingError        (engine/accounting.py) documents were lost or duplicated

``engine.deadline.OperatorTimeout`` is deliberately outside this tree: it is a
``BaseException`` so that an operator's own ``except Exception`` cannot swallow
it; the step runner turns it into a quarantined document.

Each class keeps the built-in base its callers catch (``ConfigError`` is a
``ValueError``, the operator and fatal errors are ``RuntimeError``), and the
old import paths (``engine.config.ConfigError``, ``engine.operator.FatalOperatorError``,
``engine.accounting.AccountingError``, ...) still work.
"""

from __future__ import annotations


class CorpusforgeError(Exception):
    """Base of every error corpusforge raises on purpose."""


class ConfigError(CorpusforgeError, ValueError):
    """A configuration mistake, with the offending key path in the message."""


class InputError(ConfigError):
    """``input.paths`` name nothing readable (no file matches, a prefix cannot be listed)."""


class OperatorError(CorpusforgeError, RuntimeError):
    """An operator failed on a document: the document is quarantined, the run goes on."""


class FatalError(CorpusforgeError, RuntimeError):
    """The run cannot go on; the message says why."""


class FatalOperatorError(FatalError):
    """Raised by an operator to stop the run (e.g. a rejected API key): the
    executor does not isolate it per document, it fails the step."""


class AccountingError(FatalOperatorError):
    """Documents were lost or duplicated: the counts of the reader, a step or
    the writer do not add up. Names the step and the numbers."""


__all__ = [
    "AccountingError",
    "ConfigError",
    "CorpusforgeError",
    "FatalError",
    "FatalOperatorError",
    "InputError",
    "OperatorError",
]
