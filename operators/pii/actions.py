"""What happens to a detected value: overlap resolution and the four actions.

Actions (per entity type, ``default`` for the rest), with the output of
``presidio_anonymizer``'s ``replace`` / ``redact`` / ``mask`` operators and a
keyed hash, applied in one left-to-right pass over the non-overlapping
findings (``AnonymizerEngine.anonymize`` rebuilds the whole text once per
finding, quadratic in a document with many findings):

* ``replace`` - a tag, ``<CN_ID_CARD>`` by default (``replace_template``);
* ``mask`` - every character but the last ``mask_keep_last`` becomes ``mask_char``;
* ``hash`` - ``<ENTITY:hexdigest>``: HMAC-SHA256 keyed with the secret in the
  environment variable named by ``hash_key_env``, over a canonical form of the
  value (full-width forms folded, digits only for numbers, so "138-0013-8000",
  "１３８００１３８０００" and "+86 13800138000" give one token; lower case for e-mail addresses). The same value gets the
  same token across the corpus; without the key nobody can recompute it;
* ``redact`` - the value is removed;
* ``generalize`` - a coarser value: an address to its city or province, a
  person to 张某 or initials, a birth date to its year, an age to a band, an
  ID number to region and birth year (``generalize.py``; levels per entity in
  the ``generalize`` parameter); the ``replace`` tag where there is no rule.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from operator import attrgetter
from typing import NamedTuple

from engine.errors import ConfigError

from .generalize import GeneralizeLevels, generalize
from .width import fold_width

ACTIONS = ("replace", "mask", "hash", "redact", "generalize")

#: Tie-break between overlapping findings of equal score and length: the more
#: specific entity wins (a 62... UnionPay number is CN_BANK_CARD, not CREDIT_CARD).
PRIORITY = (
    "CN_ID_CARD", "CN_USCC", "CN_BANK_CARD", "CN_MOBILE", "CN_LANDLINE", "CN_PASSPORT", "CN_HK_MACAU_PERMIT",
    "CN_TAIWAN_PERMIT", "CN_LICENSE_PLATE", "CREDIT_CARD", "IBAN_CODE", "EMAIL_ADDRESS", "US_SSN", "IP_ADDRESS",
    "CRYPTO", "PHONE_NUMBER", "CN_QQ", "CN_WECHAT", "DATE_OF_BIRTH", "AGE", "URL", "ADDRESS", "PERSON",
    "ORGANIZATION", "LOCATION",
)  # fmt: skip
_RANK = {e: i for i, e in enumerate(PRIORITY)}
_NUMERIC = {
    "CN_ID_CARD",
    "CN_BANK_CARD",
    "CN_MOBILE",
    "CN_LANDLINE",
    "CREDIT_CARD",
    "US_SSN",
    "PHONE_NUMBER",
    "CN_QQ",
}


class Finding(NamedTuple):
    """One finding: entity type, code-point span, score. A named tuple, not a frozen dataclass: the
    recognizers build one per candidate they keep (~15,000 per 6 MB of text), and a frozen
    dataclass's constructor sets each field through ``object.__setattr__`` (about twice the cost)."""

    entity: str
    start: int
    end: int
    score: float


_START = attrgetter("start")


def _without_names_inside_addresses(findings: list[Finding]) -> list[Finding]:
    """``findings`` less each PERSON found inside an ADDRESS (its span within the address's): there
    the "name" is a street, estate or building named after someone (Green Park Enclave, Martin
    Luther King Blvd, 王家庄村), and letting a higher-scored name win would leave the rest of the
    address in the clear. One sweep by start (addresses first among equal starts)."""
    reach = -1  # the furthest end of an address that starts at or before the current finding
    kept = []
    for f in sorted(findings, key=lambda f: (f.start, f.entity != "ADDRESS")):
        if f.entity == "ADDRESS" and f.end > f.start:
            reach = max(reach, f.end)
        elif f.entity == "PERSON" and f.end <= reach:
            continue
        kept.append(f)
    return kept


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep a non-overlapping subset: a PERSON inside an ADDRESS yields to it; otherwise higher
    score first, then longer, then more specific.

    Taken characters are marked in a byte map, so each finding is checked and
    marked in time proportional to its length (linear overall: a character is
    covered by a bounded number of findings, one per recognizer pattern)."""
    if not findings:
        return []
    by_start = sorted(findings, key=_START)
    if all(f.end > f.start for f in by_start) and all(
        a.end <= b.start for a, b in zip(by_start, by_start[1:])
    ):
        return by_start  # (nothing overlaps: every finding is kept, in this order; the common case)
    order = sorted(
        _without_names_inside_addresses(findings),
        key=lambda f: (-f.score, -(f.end - f.start), _RANK.get(f.entity, len(_RANK)), f.start),
    )
    taken = bytearray(max(f.end for f in order))
    kept: list[Finding] = []
    for f in order:
        if f.end > f.start and taken.find(1, f.start, f.end) == -1:
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
            kept.append(f)
    kept.sort(key=lambda f: f.start)
    return kept


def canonical(entity: str, value: str) -> str:
    """The form of a value that is hashed (see module docstring)."""
    value = fold_width(value)  # "１３８…" and "138…" are the same number
    if entity in _NUMERIC:
        out = "".join(c for c in value if c.isdigit() or c in "Xx").upper()
        if entity == "CN_MOBILE" and len(out) > 11:
            out = out[-11:]
        return out
    if entity in ("EMAIL_ADDRESS", "URL", "IP_ADDRESS", "CRYPTO"):
        return value.strip().lower() if entity != "CRYPTO" else value.strip()
    return value.strip()


class MissingKeyError(ConfigError):
    """The ``hash`` action was configured but its key variable is unset or empty."""


def read_key(env_var: str | None) -> bytes:
    if not env_var:
        raise MissingKeyError(
            "the hash action needs hash_key_env: the name of an environment variable holding the key"
        )
    key = os.environ.get(env_var, "")
    if not key:
        raise MissingKeyError(
            f"the hash action needs a key: environment variable {env_var} is not set or empty"
        )
    return key.encode("utf-8")


class Redactor:
    """Applies the configured action of each entity to a document's findings."""

    def __init__(
        self,
        actions: dict[str, str],
        replace_template: str = "<{entity}>",
        mask_char: str = "*",
        mask_keep_last: int = 4,
        hash_key_env: str | None = None,
        hash_template: str = "<{entity}:{digest}>",
        hash_length: int = 16,
        generalize_levels: GeneralizeLevels | None = None,
    ) -> None:
        self.actions = dict(actions)
        self.default = self.actions.pop("default", "replace")
        self.replace_template = replace_template
        self.mask_char = mask_char
        self.mask_keep_last = mask_keep_last
        self.hash_template = hash_template
        self.hash_length = hash_length
        self.generalize_levels = generalize_levels or GeneralizeLevels()
        uses_hash = self.default == "hash" or "hash" in self.actions.values()
        self._key = read_key(hash_key_env) if uses_hash else None

    def action_of(self, entity: str) -> str:
        return self.actions.get(entity, self.default)

    def token(self, entity: str, value: str) -> str:
        """The replacement ``value`` gets under the entity's action."""
        action = self.action_of(entity)
        if action == "replace":
            return self.replace_template.format(entity=entity)
        if action == "redact":
            return ""
        if action == "generalize":
            coarse = generalize(entity, value, self.generalize_levels)
            return coarse if coarse is not None else self.replace_template.format(entity=entity)
        if action == "mask":
            keep = min(self.mask_keep_last, len(value))
            return self.mask_char * (len(value) - keep) + value[len(value) - keep :]
        assert self._key is not None
        digest = hmac.new(self._key, canonical(entity, value).encode("utf-8"), hashlib.sha256).hexdigest()
        return self.hash_template.format(entity=entity, digest=digest[: self.hash_length])

    def apply(self, text: str, findings: list[Finding]) -> str:
        """``text`` with every (non-overlapping) finding replaced by its action's output."""
        if not findings:
            return text
        parts: list[str] = []
        pos = 0
        for f in sorted(findings, key=lambda f: f.start):
            parts.append(text[pos : f.start])
            parts.append(self.token(f.entity, text[f.start : f.end]))
            pos = f.end
        parts.append(text[pos:])
        return "".join(parts)
