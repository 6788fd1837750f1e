"""Built-in operators. This explicit list is the registry: an operator's YAML
name is its class's ``name`` attribute, its parameters are its ``Params``.

The modules are imported on first use of ``BUILTIN_OPERATORS`` (not when the
package is imported), so a Ray worker that runs one operator imports only
that operator's module and its libraries.
"""

from __future__ import annotations

import importlib
from typing import Any

# (YAML name, module, class) of every built-in operator, in the order `corpusforge ops` lists
# them; the YAML name is also the class's `name` attribute (tests check they agree)
BUILTIN = (
    ("html_extract", "html_extract", "HtmlExtract"),
    ("url_filter", "url_filter", "UrlFilter"),
    ("normalize_text", "normalize", "NormalizeText"),
    ("length_filter", "length", "LengthFilter"),
    ("language_id", "language", "LanguageId"),
    ("quality_classifier", "quality_classifier", "QualityClassifier"),
    ("gopher_quality", "quality_gopher", "GopherQuality"),
    ("gopher_repetition", "quality_gopher", "GopherRepetition"),
    ("c4_quality", "quality_c4", "C4Quality"),
    ("fineweb_quality", "quality_fineweb", "FineWebQuality"),
    ("pii_redact", "pii", "PiiRedact"),
    ("augment_text", "augment", "AugmentText"),
    ("llm_generate", "llm_generate", "LlmGenerate"),
    ("exact_dedup", "dedup_exact", "ExactDedup"),
    ("minhash_dedup", "dedup_minhash", "MinHashDedup"),
    ("decontaminate", "decontaminate", "Decontaminate"),
    ("content_filter", "content_filter", "ContentFilter"),
)


def load_operator(module: str, cls: str) -> type:
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)


def builtin_operators() -> list[type]:
    """The operator classes (imports every module)."""
    return [load_operator(mod, cls) for _, mod, cls in BUILTIN]


def __getattr__(name: str) -> Any:
    if name == "BUILTIN_OPERATORS":
        return builtin_operators()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["BUILTIN_OPERATORS", "builtin_operators"]
