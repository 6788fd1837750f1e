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
