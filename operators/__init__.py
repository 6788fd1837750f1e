"""Built-in operators. This explicit list is the registry: an operator's YAML
name is its class's ``name`` attribute, its parameters are its ``Params``."""

from __future__ import annotations

from engine.operator import Operator

from .augment import AugmentText
from .dedup_exact import ExactDedup
from .dedup_minhash import MinHashDedup
from .language import LanguageId
from .length import LengthFilter
from .llm_generate import LlmGenerate
from .normalize import NormalizeText
from .pii import PiiRedact
from .quality_c4 import C4Quality
from .quality_fineweb import FineWebQuality
from .quality_gopher import GopherQuality, GopherRepetition
from .quality_classifier import QualityClassifier

BUILTIN_OPERATORS: list[type[Operator]] = [
    NormalizeText,
    LengthFilter,
    LanguageId,
    QualityClassifier,
    GopherQuality,
    GopherRepetition,
    C4Quality,
    FineWebQuality,
    PiiRedact,
    AugmentText,
    LlmGenerate,
    ExactDedup,
    MinHashDedup,
]

__all__ = ["BUILTIN_OPERATORS"]
