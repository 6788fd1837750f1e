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
    ("html_extract", "web.html_extract", "HtmlExtract"),
    ("url_filter", "web.url_filter", "UrlFilter"),
    ("normalize_text", "text.normalize", "NormalizeText"),
    ("length_filter", "quality.length", "LengthFilter"),
    ("language_id", "text.language", "LanguageId"),
    ("quality_classifier", "quality.classifier", "QualityClassifier"),
    ("gopher_quality", "quality.gopher", "GopherQuality"),
    ("gopher_repetition", "quality.gopher", "GopherRepetition"),
    ("c4_quality", "quality.c4", "C4Quality"),
    ("fineweb_quality", "quality.fineweb", "FineWebQuality"),
    ("pii_redact", "pii", "PiiRedact"),
    ("augment_text", "synthetic.augment", "AugmentText"),
    ("llm_generate", "synthetic.llm_generate", "LlmGenerate"),
    ("exact_dedup", "dedup.exact", "ExactDedup"),
    ("minhash_dedup", "dedup.minhash", "MinHashDedup"),
    ("decontaminate", "safety.decontaminate", "Decontaminate"),
    ("content_filter", "safety.content_filter", "ContentFilter"),
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
