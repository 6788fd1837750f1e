"""E-mail addresses in linear time, with the matches of Presidio's ``EmailRecognizer``.

Presidio's pattern (``presidio_analyzer/predefined_recognizers/.../email_recognizer.py``)::

    \\b((([C])|([C][C.]{0,}[C]))[@]\\w+(?:-+\\w+)*(?:\\.\\w+(?:-+\\w+)*)+)\\b
    C = [!#$%&'*+\\-/=?^_`{|}~\\w]

run by the backtracking ``regex`` module is quadratic: at every start position
of a long run of local-part characters the engine scans to the end of the run
before failing ("a." * 20000 + "@b" takes seconds; the run is rescanned from
each of its positions). Here each ``@`` is handled once: the local part is
found by a bounded scan to the left (RFC 5321 s. 4.5.3.1.1: at most 64
octets) with Presidio's rules (starts at a word boundary, starts and ends with
a ``C`` character), the domain by an anchored possessive pattern (no
backtracking; the possessive form accepts exactly what the greedy one does,
because every branch ends with a maximal ``\\w`` run) of at most 255
characters (RFC 1035 s. 2.3.4). Work per ``@`` is bounded, so the scan is
linear in the text. Domains are validated against the Public Suffix List
bundled with tldextract, as Presidio does with tldextract (``public_suffix.py``).
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from .public_suffix import has_fqdn

LOCAL_MAX = 64
DOMAIN_MAX = 255
_LOCAL_CHARS = frozenset(
    "!#$%&'*+-/=?^_`{|}~" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)
_DOMAIN = regex.compile(r"\w++(?:-++\w++)*+(?:\.\w++(?:-++\w++)*+)++", regex.ASCII)


def _word(ch: str) -> bool:
    return ch == "_" or ("0" <= ch <= "9") or ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def find_emails(text: str) -> list[tuple[int, int]]:
    """Spans Presidio's e-mail pattern matches (local part capped at 64 characters)."""
    out: list[tuple[int, int]] = []
    last_end = 0
    at = text.find("@")
    while at != -1:
        if at > 0 and text[at - 1] in _LOCAL_CHARS:
            lo = max(last_end, at - LOCAL_MAX)
            run = at
            while run > lo and (text[run - 1] in _LOCAL_CHARS or text[run - 1] == "."):
                run -= 1
            start = None
            for p in range(run, at):
                ch = text[p]
                if ch not in _LOCAL_CHARS:
                    continue
                before = text[p - 1] if p > 0 else ""
                if _word(ch) != (bool(before) and _word(before)):  # \b at p
                    start = p
                    break
            if start is None and run == lo and lo > last_end:
                # a local part longer than the RFC limit: redact its last 64 characters
                start = next((p for p in range(run, at) if text[p] in _LOCAL_CHARS), None)
            m = (
                _DOMAIN.match(text, at + 1, min(len(text), at + 1 + DOMAIN_MAX))
                if start is not None
                else None
            )
            if m is not None:
                out.append((start, m.end()))
                last_end = m.end()
                at = text.find("@", last_end)
                continue
        at = text.find("@", at + 1)
    return out


class LinearEmailRecognizer(EntityRecognizer):
    """EMAIL_ADDRESS by :func:`find_emails`, domains checked against the bundled suffix list."""

    CONTEXT = ["email"]

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=["EMAIL_ADDRESS"],
            name="LinearEmailRecognizer",
            supported_language=supported_language,
            context=list(self.CONTEXT),
        )

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        results = []
        for start, end in find_emails(text):
            if not has_fqdn(text[start:end]):  # tldextract's ``fqdn == ""`` (``public_suffix.py``)
                continue
            results.append(
                RecognizerResult(
                    entity_type="EMAIL_ADDRESS",
                    start=start,
                    end=end,
                    score=EntityRecognizer.MAX_SCORE,
                    analysis_explanation=None,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results
