"""Dates of birth and ages (opt-in entities, for the ``generalize`` action).

A date alone is not personal data, a date of birth is (PIPL art. 28 and GDPR
recital 26 list it among the identifiers that single a person out with a
name). So ``DATE_OF_BIRTH`` is a date (2024-01-15, 2024/1/15, 2024年1月15日,
15.01.2024, 01/15/2024, January 15, 1980, 15 January 1980) that counts only
next to a birth context word (出生, 生日, 生于, born, birth, DOB). ``AGE`` is a
person's age written as one: 43岁, 43周岁, "43-year-old", "43 years old",
"aged 43", "age: 43" (0-129).

Both are off by default (``entities`` must name them): they exist so that
``generalize`` can keep the year of a birth date and a 10-year band of an age.
Linear: bounded patterns.
"""

from __future__ import annotations

import datetime as _dt

import regex
from presidio_analyzer import Pattern

from .recognizers_zh import Assessment, CnPatternRecognizer

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)


class DateOfBirthRecognizer(CnPatternRecognizer):
    """Dates next to a birth context word (module docstring)."""

    ENTITY = "DATE_OF_BIRTH"
    FLAGS = 0
    PATTERNS = [
        Pattern("dob_ymd", r"(?<![0-9])(?:19|20)\d{2}(?:[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])|年(?:0?[1-9]|1[0-2])月(?:(?:0?[1-9]|[12]\d|3[01])[日号])?)(?![0-9])", 0.3),  # noqa: E501 - one pattern / one HTML fragment per line reads better than pieces
        Pattern("dob_dmy", r"(?<![0-9])(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)\d{2}(?![0-9])", 0.3),
        Pattern("dob_mdy", r"(?<![0-9])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d{2}(?![0-9])", 0.3),
        Pattern("dob_text", rf"(?<![A-Za-z])(?:(?:{_MONTHS})\.?\s(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s|(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s(?:of\s)?(?:{_MONTHS})\.?,?\s)(?:19|20)\d{{2}}(?![0-9])", 0.3),  # noqa: E501 - one pattern / one HTML fragment per line reads better than pieces
    ]  # fmt: skip
    CONTEXT = [
        "出生", "出生日期", "出生于", "生于", "生日", "出生年月", "诞生", "生辰",
        "born", "birth", "birthday", "date of birth", "dob", "d.o.b", "birthdate",
    ]  # fmt: skip

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        years = regex.findall(r"(?:19|20)\d{2}", candidate)
        if not years or int(years[-1 if pattern.name != "dob_ymd" else 0]) > _dt.date.today().year:
            return None
        return Assessment(0.3, requires_context=True)


class AgeRecognizer(CnPatternRecognizer):
    """A person's age (module docstring)."""

    ENTITY = "AGE"
    FLAGS = regex.IGNORECASE
    PATTERNS = [
        Pattern("age_zh", r"(?<![0-9])(?:1[0-2]\d|[1-9]?\d)(?:周岁|岁)", 0.6),
        Pattern("age_en", r"(?<![0-9])(?:1[0-2]\d|[1-9]?\d)(?:[- ]years?[- ]old|[- ]yo\b|[- ]year-old)", 0.6),
        Pattern("age_aged", r"(?<![A-Za-z])(?:aged|age|年龄)\s?[:：]?\s?(?:1[0-2]\d|[1-9]?\d)(?![0-9])", 0.6),
    ]
    CONTEXT: list[str] = []


def date_recognizers(supported_language: str) -> list[CnPatternRecognizer]:
    return [DateOfBirthRecognizer(supported_language), AgeRecognizer(supported_language)]
