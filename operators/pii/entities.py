"""The entity names ``pii_redact`` knows and the check of a named NER model:
what validating a config needs, without importing Presidio or spaCy (the
analyzer, ``analyzer.py``, is built in the operator's ``setup``)."""

from __future__ import annotations

from pathlib import Path

from engine.errors import ConfigError

PRESIDIO_ENTITIES = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IP_ADDRESS",
    "IBAN_CODE",
    "URL",
    "US_SSN",
    "CRYPTO",
)
CHINESE_ENTITIES = (
    "CN_ID_CARD",
    "CN_MOBILE",
    "CN_BANK_CARD",
    "CN_PASSPORT",
    "CN_LANDLINE",
    "CN_LICENSE_PLATE",
    "CN_USCC",
    "CN_HK_MACAU_PERMIT",
    "CN_TAIWAN_PERMIT",
    "CN_QQ",
    "CN_WECHAT",
)
#: Opt-in: dates of birth and ages (recognizers_dates.py), for the generalize action.
DATE_ENTITIES = ("DATE_OF_BIRTH", "AGE")
#: Names and addresses from word lists (recognizers_person.py, recognizers_address_en.py, recognizers_address_zh.py),
#: run on whole documents outside Presidio (see operator.py).
LEXICAL_ENTITIES = ("PERSON", "ADDRESS")
#: Only with an installed spaCy model (ner_model), which also adds PERSON findings.
NER_ENTITIES = ("LOCATION", "ORGANIZATION")
PATTERN_ENTITIES = PRESIDIO_ENTITIES + CHINESE_ENTITIES + DATE_ENTITIES
ALL_ENTITIES = PATTERN_ENTITIES + LEXICAL_ENTITIES + NER_ENTITIES
DEFAULT_ENTITIES = tuple(e for e in PATTERN_ENTITIES if e not in ("URL",) + DATE_ENTITIES) + LEXICAL_ENTITIES

LANGUAGE = "xx"  # one Presidio language for all documents: every recognizer runs on every text


class MissingModelError(ConfigError):
    """The NER model named in the config is not installed (nothing is downloaded)."""


def check_ner_model(name: str) -> None:
    """Raise :class:`MissingModelError` unless ``name`` is an installed spaCy package or a model directory."""
    path = Path(name).expanduser()
    if path.is_dir():
        if not (path / "config.cfg").is_file():
            raise MissingModelError(f"ner_model directory {name!r} has no config.cfg: not a spaCy model")
        return
    import spacy.util

    if not spacy.util.is_package(name):
        raise MissingModelError(
            f"ner_model {name!r} is not installed and is never downloaded at run time; "
            f"install it into the environment first (e.g. pip install <wheel of {name}>) "
            "or give the path of a saved spaCy pipeline"
        )
