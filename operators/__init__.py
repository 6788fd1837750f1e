"""Built-in operators. This explicit list is the registry: an operator's YAML
name is its class's ``name`` attribute, its parameters are its ``Params``."""

from __future__ import annotations

from engine.operator import Operator

from .length import LengthFilter
from .normalize import NormalizeText

BUILTIN_OPERATORS: list[type[Operator]] = [
    NormalizeText,
    LengthFilter,
]

__all__ = ["BUILTIN_OPERATORS"]
