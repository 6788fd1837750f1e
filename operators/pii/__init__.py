"""PII detection and redaction for English and Chinese text (``pii_redact``).

Modules, one job each: ``checksums`` (GB 11643, Luhn, IBAN MOD 97-10), ``width``
(full-width forms folded one-to-one before the pattern recognizers), ``recognizers_zh``
(Chinese recognizers), ``recognizers_card`` (cards by IIN), ``recognizers_phone``
(phone numbers: phonenumbers, written formats, dotted numbers need context),
``recognizers_email`` (Presidio's e-mail pattern in linear time), ``public_suffix``
(its domain check: tldextract's answer from the bundled suffix list), ``context``
(character-window context words),
``recognizers_zh_ids`` (USCC with the GB 32100 check, travel permits, QQ,
WeChat), ``recognizers_dates`` (dates of birth, ages; opt-in),
``recognizers_iban`` (IBANs in any letter case),
``recognizers_person`` / ``recognizers_address_en`` / ``recognizers_address_zh`` / ``address_parts`` (PERSON and
ADDRESS from word lists and cues, Chinese and English), ``lexicon`` (their lists, ``data/``),
``entities`` (entity names, the NER-model check: all that validating a config
imports), ``analyzer`` (offline Presidio engine, imported by ``setup``), ``prescreen`` (RE2 pre-screen and
windows), ``actions`` (overlaps and replace/mask/hash/redact/generalize),
``generalize`` (coarser values per entity), ``counts`` (output columns,
totals), ``params``, ``operator``.
"""

from .actions import MissingKeyError
from .counts import total_pii_counts
from .entities import ALL_ENTITIES, CHINESE_ENTITIES, DEFAULT_ENTITIES, PRESIDIO_ENTITIES, MissingModelError
from .operator import PiiAnalysisError, PiiRedact
from .params import PiiRedactParams

__all__ = [
    "ALL_ENTITIES",
    "CHINESE_ENTITIES",
    "DEFAULT_ENTITIES",
    "PRESIDIO_ENTITIES",
    "MissingKeyError",
    "MissingModelError",
    "PiiAnalysisError",
    "PiiRedact",
    "PiiRedactParams",
    "total_pii_counts",
]
