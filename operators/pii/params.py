"""Parameters of ``pii_redact``, validated when the config is read: unknown
entities (with a suggestion), a ``hash`` action without its key, or an NER
model that is not installed are config errors, before any data is read."""

from __future__ import annotations

import difflib
from typing import Literal

from pydantic import Field, field_validator, model_validator

from engine.operator import OpParams

from .actions import MissingKeyError, read_key
from .entities import ALL_ENTITIES, DEFAULT_ENTITIES, NER_ENTITIES, check_ner_model
from .generalize import GENERALIZABLE, GeneralizeLevels

Action = Literal["replace", "mask", "hash", "redact", "generalize"]
DEFAULT_PHONE_REGIONS = ["US", "GB", "DE", "FR", "IL", "IN", "CA", "BR"]  # Presidio's defaults


def _unknown(name: str, known: tuple[str, ...] | list[str], what: str) -> ValueError:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(known)}"
    return ValueError(f"unknown {what} {name!r}{hint}")


class PiiRedactParams(OpParams):
    mode: Literal["redact", "annotate"] = Field(
        "redact",
        description="redact: rewrite text with each entity's action; annotate: keep text, write spans",
    )
    entities: list[str] | None = Field(
        None,
        description="entity types to detect in every document, whatever its language; "
        "null: all entities except URL, DATE_OF_BIRTH and AGE (plus LOCATION/ORGANIZATION with ner_model)",
    )
    actions: dict[str, Action] = Field(
        default_factory=lambda: {"default": "replace"},
        description="action per entity type, 'default' for the others: replace | mask | hash | redact | generalize",
    )
    generalize: GeneralizeLevels = Field(
        default_factory=GeneralizeLevels,
        description="level of the generalize action per entity (ADDRESS, PERSON, DATE_OF_BIRTH, AGE, CN_ID_CARD)",
    )
    score_threshold: float = Field(
        0.4, ge=0.0, le=1.0, description="minimum Presidio score (after context) to act"
    )
    replace_template: str = Field(
        "<{entity}>", description="replacement of the replace action; {entity} is the type"
    )
    mask_char: str = Field("*", min_length=1, max_length=1, description="character of the mask action")
    mask_keep_last: int = Field(4, ge=0, description="trailing characters the mask action keeps")
    hash_key_env: str | None = Field(
        None, description="environment variable holding the HMAC key of the hash action"
    )
    hash_length: int = Field(
        16, ge=8, le=64, description="hex digits of the HMAC-SHA256 digest kept in hash tokens"
    )
    cn_id_checksum_policy: Literal["strict", "context", "lenient"] = Field(
        "context",
        description="18-digit IDs with valid region and birth date but a wrong check digit: strict never flags, "
        "context flags when an ID context word is near, lenient always flags",
    )
    cn_id_legacy_policy: Literal["context", "always", "never"] = Field(
        "context", description="15-digit legacy IDs (no check digit): flag with context, always or never"
    )
    context_window_before: int = Field(
        40, ge=0, le=400, description="characters before a match searched for context words"
    )
    context_window_after: int = Field(
        12, ge=0, le=400, description="characters after a match searched for context words"
    )
    phone_regions: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PHONE_REGIONS),
        description="phonenumbers regions for PHONE_NUMBER",
    )
    phone_min_digits: int = Field(7, ge=4, le=15, description="PHONE_NUMBER matches need this many digits")
    prescreen: bool = Field(True, description="skip documents and text regions without candidate characters")
    ner_model: str | None = Field(
        None,
        description="installed spaCy model (package name or directory) adding LOCATION/ORGANIZATION and its PERSON "
        "findings to the word-list ones; never downloaded; disables the prescreen",
    )
    columns: list[str] | Literal["all_strings"] = Field(
        "all_strings",
        description="columns scanned with the same entities and actions: all_strings (the default: every "
        "column holding text, nested list/struct values included, except id), or a list that includes "
        "text; with a list, other columns pass through untouched and the run report lists the "
        "unscanned ones",
    )
    counts_column: str = Field(
        "pii_counts", description="output column: map entity -> findings in the document"
    )
    spans_column: str = Field(
        "pii_spans", description="output column (annotate mode): list of {entity,start,end,score}"
    )

    @field_validator("entities")
    @classmethod
    def _known_entities(cls, v):
        if v is None:
            return v
        for e in v:
            if e not in ALL_ENTITIES:
                raise _unknown(e, ALL_ENTITIES, "entity")
        return list(dict.fromkeys(v))

    @field_validator("actions")
    @classmethod
    def _known_action_keys(cls, v):
        for k in v:
            if k != "default" and k not in ALL_ENTITIES:
                raise _unknown(k, ("default",) + ALL_ENTITIES, "entity in actions")
            if k != "default" and v[k] == "generalize" and k not in GENERALIZABLE:
                raise ValueError(
                    f"generalize is defined for {', '.join(GENERALIZABLE)}, not {k}: use replace, mask, hash or redact "
                    "(a 'default: generalize' replaces the others with their tag)"
                )
        return v

    @field_validator("columns")
    @classmethod
    def _columns(cls, v):
        if isinstance(v, str):
            return v
        v = list(dict.fromkeys(v))
        if "text" not in v:
            raise ValueError("columns must include 'text' (or be 'all_strings'); e.g. [text, title]")
        if "id" in v:
            raise ValueError("'id' is never scanned: documents are found again by their id")
        if any(not c or c.startswith("_cf_") for c in v):
            raise ValueError("columns: names of input columns (not empty, not the engine's _cf_ columns)")
        return v

    @field_validator("replace_template")
    @classmethod
    def _template(cls, v):
        try:
            v.format(entity="X")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError("replace_template may only use the {entity} placeholder") from exc
        return v

    @field_validator("phone_regions")
    @classmethod
    def _regions(cls, v):
        import phonenumbers

        for r in v:
            if r not in phonenumbers.SUPPORTED_REGIONS:
                raise ValueError(f"unknown phone region {r!r} (ISO 3166-1 alpha-2, e.g. US, GB, DE)")
        return v

    @model_validator(mode="after")
    def _consistent(self):
        if self.ner_model:
            check_ner_model(self.ner_model)  # MissingModelError is a ValueError
        elif self.entities and set(self.entities) & set(NER_ENTITIES):
            raise ValueError("LOCATION and ORGANIZATION need ner_model (an installed spaCy model)")
        if isinstance(self.columns, list):
            own = {self.counts_column, self.spans_column} & set(self.columns)
            if own:
                raise ValueError(f"columns: {', '.join(sorted(own))} is this step's own output column")
        if "hash" in self.actions.values():
            try:
                read_key(self.hash_key_env)
            except MissingKeyError as exc:
                raise ValueError(str(exc)) from None
        return self

    def resolved_entities(self) -> tuple[str, ...]:
        if self.entities is not None:
            return tuple(self.entities)
        return DEFAULT_ENTITIES + (NER_ENTITIES if self.ner_model else ())
