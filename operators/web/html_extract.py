"""``html_extract``: raw HTML -> main text, the first step of a web pipeline."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import Field

from engine.columns import put_column
from engine.operator import Decision, Filter, FilterParams, Resources, Signal

NOT_HTML = "not_html"
EMPTY_AFTER_EXTRACTION = "empty_after_extraction"
TOO_LARGE = "too_large"
BINARY_CONTENT = "binary_content"

_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9:-]{0,30}[\s/>]|!--|!doctype)", re.I)
_HTML_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "application/xml",
    "text/xml",
    "application/vnd.wap.xhtml+xml",
)
_BINARY_TYPES = (
    "image/",
    "audio/",
    "video/",
    "font/",
    "model/",
    "application/octet-stream",
    "application/pdf",
    "application/zip",
)


# <meta charset=...> / <meta http-equiv="Content-Type" content="text/html; charset=..."> (bounded: linear)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
#: multi-byte encodings a page may declare; Simplified Chinese labels decode as GB18030, their superset
_MULTIBYTE = {
    "utf8": "utf-8",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "xgbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "shiftjis": "shift_jis",
    "sjis": "shift_jis",
    "xsjis": "shift_jis",
    "windows31j": "cp932",
    "cp932": "cp932",
    "eucjp": "euc_jp",
    "euckr": "cp949",
    "cp949": "cp949",
    "ksc56011987": "cp949",
}
#: undeclared pages: these are tried in order
_UNDECLARED = ("utf-8", "gb18030")


def repair_latin1_html(html: str) -> tuple[str, str | None]:
    """Undo a page decoded as Latin-1 before it reached us (``html`` column of JSONL/Parquet input).

    A GBK/GB2312 (or UTF-8, Big5, Shift_JIS, EUC-KR) page read as Latin-1 is a
    string of characters U+0080-U+00FF only ("Ê×Ò³" for 首页): its Latin-1
    encoding gives the original bytes back. They are decoded with the page's
    ``<meta charset>`` when it names a multi-byte encoding, else as UTF-8, then
    GB18030. The result is accepted only when the bytes fit that encoding:
    invalid sequences at most 1% of the non-ASCII bytes (truncated titles leave
    a few) and, for an undeclared page, ASCII bytes swallowed as trail bytes
    counted with them (a real Latin-1 page with é or ä fails: each isolated
    accented letter is an invalid or ASCII-swallowing sequence; Big5 and
    Shift_JIS use ASCII trail bytes, so they are decoded only when declared). Returns the
    repaired HTML and the encoding, or ``(html, None)`` unchanged. Linear in
    the page (WARC input is decoded from bytes by the reader, see engine/io_warc.py).
    """
    if html.isascii():
        return html, None
    try:
        raw = html.encode("latin-1")
    except UnicodeEncodeError:  # a character above U+00FF: not a Latin-1 reading
        return html, None
    meta = _META_CHARSET.search(raw, 0, 16384)
    if meta is not None:
        label = re.sub(rb"[^a-z0-9]", b"", meta.group(1).lower()).decode("ascii")
        codec = _MULTIBYTE.get(label)
        if codec is None:  # a single-byte charset (latin-1, cp1252, koi8-r ...): the reading may be right
            return html, None
        codecs: tuple[str, ...] = (codec,)
    else:
        codecs = _UNDECLARED
    ascii_in = len(raw.translate(None, _HIGH_BYTES))
    allowed = (len(raw) - ascii_in) // 100
    for codec in codecs:
        text = raw.decode(codec, "replace")
        bad = text.count("\ufffd")
        if meta is None:  # undeclared: GB2312 trail bytes are never ASCII, Latin-1 text's would be
            bad += max(0, ascii_in - len(text.encode("ascii", "ignore")))
        if bad <= allowed:
            return text, codec
    return html, None


_HIGH_BYTES = bytes(range(128, 256))


class HtmlExtractParams(FilterParams):
    engine: Literal["auto", "resiliparse", "trafilatura"] = Field(
        "auto",
        description="auto: resiliparse DOM pass + our block pass, trafilatura only where the DOM pass finds nothing "
        "(operators/web/_html_main.py); resiliparse: its main-content pass; trafilatura: trafilatura.extract",
    )
    tables: bool = Field(True, description="keep the text of tables")
    lists: bool = Field(True, description="keep list items (auto/resiliparse; trafilatura always keeps them)")
    comments: bool = Field(False, description="keep comment sections")
    links: bool = Field(False, description="keep link targets beside the link text")
    keep_html: bool = Field(
        False, description="keep the `html` column (default: dropped, it is 5-10x the text)"
    )
    max_html_bytes: int = Field(
        8_000_000,
        ge=1,
        description="larger pages are removed as too_large (bounds memory and time per document)",
    )
    html_column: str = Field("html", description="column holding the raw HTML")


class HtmlExtract(Filter):
    """Extracts the main text of raw HTML pages into ``text`` (title and ``<html lang>`` as columns).

    Main text as the extraction benchmarks define it (article body, headings,
    lists, tables; no navigation, ads or comments by default: ScrapingHub
    article-extraction-benchmark; Bevendorff et al. 2023, SIGIR). Engines:
    ``resiliparse`` (Bevendorff et al. 2018, lexbor DOM, main-content
    heuristics), ``trafilatura`` (Barbaresi 2021, ACL demo) and ``auto`` (ours:
    resiliparse's DOM pass plus a linear block pass, trafilatura only where the
    DOM pass finds no text; design and measurements in operators/web/_html_main.py
    and scripts/bench_extract.py).

    A page that reached the ``html`` column already decoded as Latin-1 (a
    GBK, UTF-8, Big5, ... page read with the wrong charset upstream: only
    characters up to U+00FF) is decoded again from its bytes with its
    ``<meta charset>`` first (:func:`repair_latin1_html`).

    Pages that yield no text are removed, never passed on empty, with reasons:
    ``binary_content`` (no decoded HTML: an image/PDF/... payload, or NUL
    bytes), ``not_html`` (a non-HTML media type such as text/plain or JSON, or
    no tag in the first 64 KB), ``too_large`` (over ``max_html_bytes``),
    ``empty_after_extraction``. The ``html`` column is dropped from the output
    unless ``keep_html: true``.
    """

    name: ClassVar[str] = "html_extract"
    Params: ClassVar[type[FilterParams]] = HtmlExtractParams
    resources: ClassVar[Resources] = Resources(num_cpus=1)
    signals: ClassVar[dict[str, Signal]] = {
        "html_bytes": Signal("UTF-8 bytes of the page's HTML"),
    }
    output_columns: ClassVar[dict[str, str]] = {
        "title": "the page's <title>",
        "html_lang": "the <html lang> attribute (as the page declares it; language_id measures the text)",
        "extract_engine": "engine that produced the text (auto, auto_dom, auto_trafilatura, resiliparse, trafilatura)",
    }
    scratch_columns: ClassVar[tuple[str, ...]] = ("_html_extract_reason",)

    def score(self, table: pa.Table) -> pa.Table:
        from operators.web._html_main import ExtractOptions, extract

        p: HtmlExtractParams = self.params  # type: ignore[assignment]
        opts = ExtractOptions(tables=p.tables, lists=p.lists, comments=p.comments, links=p.links)
        n = table.num_rows
        has_html = p.html_column in table.column_names
        htmls = table.column(p.html_column).to_pylist() if has_html else [None] * n
        nbytes = (
            pc.fill_null(pc.binary_length(table.column(p.html_column)), 0).to_numpy()
            if has_html
            else np.zeros(n)
        )
        ctypes = (
            table.column("content_type").to_pylist() if "content_type" in table.column_names else [None] * n
        )
        texts = table.column("text").to_pylist() if "text" in table.column_names else [None] * n
        out_text: list[str | None] = []
        titles: list[str | None] = []
        langs: list[str | None] = []
        engines: list[str | None] = []
        sizes = np.zeros(n, dtype=np.int64)
        reasons: list[str | None] = []
        for i, (html, ctype) in enumerate(zip(htmls, ctypes)):
            reason = None
            text = title = lang = engine = None
            if html is None or "\x00" in html[:1024] or (ctype and ctype.startswith(_BINARY_TYPES)):
                reason = BINARY_CONTENT
            else:
                size = sizes[i] = int(nbytes[i])
                if size > p.max_html_bytes:
                    reason = TOO_LARGE
                elif (ctype and not ctype.startswith(_HTML_TYPES)) or _TAG.search(html, 0, 65536) is None:
                    reason = NOT_HTML
                else:
                    html, _ = repair_latin1_html(html)
                    got = extract(html, p.engine, opts)
                    text, title, lang, engine = got.text, got.title, got.html_lang, got.engine
                    if not text.strip():
                        reason = EMPTY_AFTER_EXTRACTION
            out_text.append(text if text is not None else (texts[i] or ""))
            titles.append(title)
            langs.append(lang)
            engines.append(engine)
            reasons.append(reason)
        table = put_column(table, "text", pa.array(out_text, pa.string()))
        table = put_column(table, "title", pa.array(titles, pa.string()))
        table = put_column(table, "html_lang", pa.array(langs, pa.string()))
        table = put_column(table, "html_bytes", pa.array(sizes))
        table = put_column(table, "extract_engine", pa.array(engines, pa.string()))
        table = put_column(table, "_html_extract_reason", pa.array(reasons, pa.string()))
        if not p.keep_html and p.html_column in table.column_names:
            table = table.drop_columns([p.html_column])
        return table

    def decide(self, scored: pa.Table) -> Decision:
        reasons = scored.column("_html_extract_reason").to_pylist()
        keep = np.array([r is None for r in reasons], dtype=bool)
        return Decision(keep=keep, reasons=reasons)
