"""html_extract on pages that reached the `html` column decoded as Latin-1 (GBK, UTF-8, Big5 pages
read with the wrong charset upstream): the bytes are decoded again; real Latin-1 pages are untouched."""

from __future__ import annotations

import pyarrow as pa
import pytest

from engine import runner
from operators.web.html_extract import HtmlExtract, repair_latin1_html
from tests.pii_linear import best_cpu

ZH = [
    "市图书馆新馆建设方案本周在市民议事会上公开讨论，许多居民到场发表意见。不少家长表示，老馆的阅览室座位太少。",
    "设计单位介绍说，新馆将充分利用自然采光，并设置专门的儿童阅读区。如果预算获得批准，主体工程预计明年春天开工。",
]
HANT = [
    "市圖書館新館建設方案本週在市民議事會上公開討論，許多居民到場發表意見。不少家長表示，老館的閱覽室座位太少。"
]
DE = [
    "Die Stadtverwaltung hat am Dienstag über den Neubau der Bibliothek am Flussufer beraten, schön und groß.",
    "Grüße aus München: Viele Bürger äußerten sich über die Öffnungszeiten und die Größe der Räume.",
]


def page(paras: list[str], meta: str | None) -> str:
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    body = "".join(f"<p>{s}</p>" for s in paras)
    return f"<html><head>{head}<title>t</title></head><body><div class='article'>{body}</div></body></html>"


def misread(html: str, codec: str) -> str:
    """The page's bytes in `codec`, read as Latin-1 (what a wrong upstream decoder hands us)."""
    return html.encode(codec).decode("latin-1")


def extract(htmls: list[str]) -> list[str]:
    t = pa.table({"id": [str(i) for i in range(len(htmls))], "text": [""] * len(htmls), "html": htmls})
    return runner.start(HtmlExtract()).judge(t).scored.column("text").to_pylist()


@pytest.mark.parametrize(
    ("paras", "meta", "codec"),
    [
        (ZH, "gb2312", "gb2312"),
        (ZH, "GBK", "gbk"),
        (ZH, None, "gb18030"),  # undeclared
        (ZH, "utf-8", "utf-8"),
        (ZH, None, "utf-8"),
        (HANT, "big5", "big5"),
    ],
)
def test_misread_cjk_pages_are_decoded_again(paras, meta, codec):
    html = page(paras, meta)
    bad = misread(html, codec)
    assert bad != html
    (text,) = extract([bad])
    for s in paras:
        assert s in text


@pytest.mark.parametrize("meta", [None, "iso-8859-1", "windows-1252"])
def test_real_latin1_pages_are_left_alone(meta):
    html = page(DE, meta)  # every character <= U+00FF: the same string a Latin-1 reading gives
    assert repair_latin1_html(html) == (html, None)
    (text,) = extract([html])
    for s in DE:
        assert s in text


def test_pages_with_characters_above_latin1_are_left_alone():
    html = page(ZH + DE, "gb2312")  # decoded correctly already
    assert repair_latin1_html(html) == (html, None)


def test_tolerance_is_one_percent_of_the_non_ascii_bytes():
    unit = "新馆将充分利用自然采光。"  # 12 characters, 24 GBK bytes
    body = unit * 25  # 600 non-ASCII bytes: 6 bad sequences allowed
    cut = "首".encode("gbk")[:1] + b" "  # a lead byte cut off by a space: one invalid sequence
    for n_bad, repaired in ((6, True), (7, False)):
        raw = page([body], "gbk").encode("gbk").replace(b"<p>", b"<p>" + cut * n_bad, 1)
        html = raw.decode("latin-1")
        high = sum(b >= 0x80 for b in raw)
        assert high // 100 == 6
        fixed, codec = repair_latin1_html(html)
        assert (codec == "gb18030") is repaired
        assert (body in fixed) is repaired


def test_ascii_swallowed_as_trail_bytes_counts_against_the_page():
    # a Latin-1 page of words with one accented letter before an ASCII letter: valid GB18030 pairs,
    # but each eats an ASCII byte, so the page is not GB18030
    html = page(["Caf\u00e9s und B\u00e4ckerei: " * 20], None)
    assert repair_latin1_html(html) == (html, None)


def test_repair_is_linear():
    def cpu(k: int) -> float:
        html = misread(page(ZH * 400 * k, "gbk"), "gbk")
        return best_cpu(lambda: repair_latin1_html(html), 3)

    cpu(1)
    small, big = cpu(1), cpu(4)
    assert big < 8 * max(small, 1e-4)
