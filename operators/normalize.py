"""Text normalization: mojibake and Unicode repair (ftfy), normalization form,
control-character and whitespace cleanup."""

from __future__ import annotations

import unicodedata
from typing import ClassVar, Literal

import ftfy
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import Field

from engine.operator import Mapper, OpParams, Resources

# Characters that ftfy.fix_text provably leaves alone when a document contains
# nothing else: printable ASCII without '&' (HTML entities), tab and newline,
# CJK ideographs and punctuation, kana, Hangul syllables. None of them takes
# part in ftfy's mojibake patterns (those need Latin-1 / Windows-125x / C1 /
# box-drawing characters), none is a control character, ligature or line
# separator, and none composes under NFC without a combining mark (excluded).
_ALWAYS_SAFE = (
    r"\t\n\x20-\x25\x27-\x7e"
    r"\x{3000}-\x{303F}\x{3040}-\x{30FF}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{AC00}-\x{D7A3}"
    r"\x{2013}\x{2014}\x{2026}"  # en dash, em dash, ellipsis: common in clean EN and ZH text
)
_FULLWIDTH = r"\x{FF01}-\x{FF5E}"  # changed only by fix_character_width
_CURLY_QUOTES = r"\x{2018}\x{2019}\x{201C}\x{201D}"  # changed only by uncurl_quotes

_CONTROL_RE = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x{200B}\x{200E}\x{200F}\x{FEFF}]"


class NormalizeParams(OpParams):
    ftfy: bool = Field(True, description="repair mojibake and broken Unicode with ftfy.fix_text")
    fix_character_width: bool = Field(
        False,
        description="ftfy: fold fullwidth forms to ASCII; off by default because it rewrites "
        "Chinese punctuation (，。！ -> ,.!)",
    )
    uncurl_quotes: bool = Field(
        False,
        description="ftfy: replace curly quotes with straight ones; off by default (“” are "
        "the standard Chinese quotation marks)",
    )
    unicode_form: Literal["NFC", "NFKC", "none"] = Field("NFC", description="Unicode normalization form")
    remove_control_chars: bool = Field(True, description="drop C0 controls (except tab/newline), zero-width chars and BOMs")
    strip_trailing_spaces: bool = Field(True, description="remove spaces and tabs at the end of each line")
    max_blank_lines: int | None = Field(1, ge=0, description="collapse longer runs of blank lines; null keeps them")
    collapse_spaces: bool = Field(False, description="collapse runs of spaces/tabs inside lines to one space (breaks code indentation)")
    strip: bool = Field(True, description="strip whitespace at both ends of the document")


class NormalizeText(Mapper):
    """Repairs encoding errors (ftfy), normalizes Unicode and cleans whitespace and control characters.

    Changes ``text`` only. ftfy (Speer, 2019) runs with its defaults except
    ``fix_character_width`` and ``uncurl_quotes``, which rewrite valid CJK
    punctuation and typography. Documents made only of characters ftfy cannot
    change (see ``_ALWAYS_SAFE``) skip it; the result is identical to calling
    ``ftfy.fix_text`` on every document (tested).
    """

    name: ClassVar[str] = "normalize_text"
    Params: ClassVar[type[OpParams]] = NormalizeParams
    resources: ClassVar[Resources] = Resources()

    def __init__(self, params: NormalizeParams | None = None, **kwargs) -> None:
        super().__init__(params, **kwargs)
        p: NormalizeParams = self.params
        safe = _ALWAYS_SAFE
        if not p.fix_character_width:
            safe += _FULLWIDTH
        if not p.uncurl_quotes:
            safe += _CURLY_QUOTES
        self._needs_ftfy_re = f"[^{safe}]"
        self._ftfy_config = ftfy.TextFixerConfig(
            fix_character_width=p.fix_character_width,
            uncurl_quotes=p.uncurl_quotes,
            normalization="NFC" if p.unicode_form == "NFC" else None,
            explain=False,
        )

    def fix_text(self, text: str) -> str:
        """The per-document reference: what the fast path must equal."""
        return ftfy.fix_text(text, config=self._ftfy_config)

    def transform(self, table: pa.Table) -> pa.Table:
        if table.num_rows == 0:
            return table
        p: NormalizeParams = self.params
        texts = table.column("text").combine_chunks()
        if p.ftfy:
            texts = self._apply_ftfy(texts)
        if p.unicode_form != "none" and not (p.ftfy and p.unicode_form == "NFC"):
            texts = _normalize_form(texts, p.unicode_form)
        if p.remove_control_chars:
            texts = pc.replace_substring_regex(texts, _CONTROL_RE, "")
        texts = pc.replace_substring(texts, "\r\n", "\n")
        texts = pc.replace_substring(texts, "\r", "\n")
        if p.strip_trailing_spaces:
            texts = pc.replace_substring_regex(texts, r"[ \t]+(\n|$)", r"\1")
        if p.collapse_spaces:
            texts = pc.replace_substring_regex(texts, r"[ \t]{2,}", " ")
        if p.max_blank_lines is not None:
            keep = "\n" * (p.max_blank_lines + 1)
            texts = pc.replace_substring_regex(texts, r"\n[ \t]*(\n[ \t]*){%d,}" % (p.max_blank_lines + 1), keep)
        if p.strip:
            texts = pc.utf8_trim_whitespace(texts)
        return table.set_column(table.schema.get_field_index("text"), "text", texts)

    def _apply_ftfy(self, texts: pa.Array) -> pa.Array:
        needs = pc.fill_null(pc.match_substring_regex(texts, self._needs_ftfy_re), False)
        n = pc.sum(needs).as_py() or 0
        if n == 0:
            return texts
        todo = texts.filter(needs).to_pylist()
        fixed = pa.array([self.fix_text(t) for t in todo], pa.string())
        return pc.replace_with_mask(texts, needs, fixed)


def _normalize_form(texts: pa.Array, form: str) -> pa.Array:
    # ASCII is invariant under every normalization form: only touch the rest.
    non_ascii = pc.invert(pc.fill_null(pc.string_is_ascii(texts), True))
    if not pc.any(non_ascii).as_py():
        return texts
    todo = texts.filter(non_ascii).to_pylist()
    done = pa.array([unicodedata.normalize(form, t) for t in todo], pa.string())
    return pc.replace_with_mask(texts, non_ascii, done)
