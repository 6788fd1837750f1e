"""html_extract on crafted pages: boilerplate removed, article kept, options,
Chinese pages, every removal reason, keep_html; the auto engine's block pass;
linear time on pathological HTML."""

from __future__ import annotations

import time

import pyarrow as pa
import pytest

from engine import columns as C
from engine import runner
from operators.web._html_main import AUTO_MIN_KEPT, select_main
from operators.web.html_extract import HtmlExtract
from tests.pii_linear import best_cpu

ART = [
    "The city council met on Tuesday evening to discuss the new library building on the river bank.",
    "Several residents said that the old building had become too small for the number of children who use it.",
    "The architect explained how the design would let daylight reach the reading rooms through the whole year.",
    "Work on the foundations is expected to begin in the spring, if the budget is approved next month.",
]
ZH = [
    "市图书馆新馆建设方案本周在市民议事会上公开讨论，许多居民到场发表意见。不少家长表示，老馆的阅览室座位太少。",
    "设计单位介绍说，新馆将充分利用自然采光，并设置专门的儿童阅读区。如果预算获得批准，主体工程预计明年春天开工。",
    "一位中学教师说，图书馆是许多学生课后唯一能够安静学习的地方。方案还包括一个社区活动室和一处小花园。",
]
COMMENT = "I completely disagree with the council and will vote against this plan at the next election."
TABLE = (
    "<table><tr><th>Floor</th><th>Rooms</th></tr><tr><td>Ground floor cellvalue</td><td>12</td></tr></table>"
)
LIST = "<ul><li>Reading room listitemone</li><li>Children's corner listitemtwo</li></ul>"


def en_page(extra: str = "") -> str:
    body = "".join(f"<p>{s}</p>" for s in ART[:2]) + extra + "".join(f"<p>{s}</p>" for s in ART[2:])
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Library plan | Gazette</title></head><body>'
        '<header><nav><a href="/">Home</a> <a href="/news">NewsMenuItem</a> <a href="/sport">Sport</a></nav></header>'
        f"<main><article><h1>Council debates library</h1>{body}</article>"
        '<div class="share"><a href="#">Share on Facebook</a></div>'
        f'<section id="comments" class="comments"><h3>2 comments</h3><div class="comment"><p>{COMMENT}</p></div></section></main>'
        '<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">SidebarLinkOne headline</a></li></ul></aside>'
        "<footer><p>Copyright 2024 Gazette FooterMark. All rights reserved.</p></footer></body></html>"
    )


def zh_page() -> str:
    body = "".join(f"<p>{s}</p>" for s in ZH)
    return (
        '<html lang="zh-CN"><head><meta charset="utf-8"><title>河畔日报 - 图书馆新馆</title></head><body>'
        '<div class="nav"><a href="/">首页</a> | <a href="/n">新闻中心</a> | <a href="/l">本地导航栏</a></div>'
        f'<div class="main"><h1>图书馆新馆建设方案公开讨论</h1><div class="article-content">{body}</div>'
        '<div class="share">分享到：微信 微博</div></div>'
        '<div class="footer"><p>版权所有 2024 河畔日报 未经许可不得转载</p></div></body></html>'
    )


def run(op: HtmlExtract, htmls: list, ctypes: list | None = None) -> tuple[list[dict], list]:
    cols = {
        "id": [str(i) for i in range(len(htmls))],
        "text": [""] * len(htmls),
        "html": pa.array(htmls, pa.string()),
    }
    if ctypes is not None:
        cols["content_type"] = pa.array(ctypes, pa.string())
    j = runner.start(op).judge(pa.table(cols))
    return j.scored.to_pylist(), list(j.reasons)


@pytest.mark.parametrize("engine", ["auto", "resiliparse", "trafilatura"])
def test_article_kept_boilerplate_removed(engine):
    rows, reasons = run(HtmlExtract(engine=engine), [en_page()])
    assert reasons == [None]
    text = rows[0]["text"]
    for s in ART:
        assert s in text
    for junk in ("NewsMenuItem", "FooterMark", "SidebarLinkOne", COMMENT):
        assert junk not in text, (engine, junk)
    assert rows[0]["title"] == "Library plan | Gazette" and rows[0]["html_lang"] == "en-GB"
    assert "html" not in rows[0]  # dropped unless keep_html
    assert rows[0]["html_bytes"] == len(en_page().encode())


def test_options_tables_lists_comments():
    page = en_page(TABLE + LIST)
    text = run(HtmlExtract(), [page])[0][0]["text"]
    assert "cellvalue" in text and "listitemone" in text and COMMENT not in text
    text = run(HtmlExtract(tables=False, lists=False), [page])[0][0]["text"]
    assert "cellvalue" not in text and "listitemone" not in text and ART[0] in text
    text = run(HtmlExtract(engine="resiliparse", comments=True), [page])[0][0]["text"]
    assert COMMENT in text
    text = run(HtmlExtract(engine="auto", comments=True), [page])[0][0]["text"]
    assert COMMENT in text and ART[3] in text
    text = run(HtmlExtract(engine="trafilatura", tables=False), [page])[0][0]["text"]
    assert "cellvalue" not in text and ART[1] in text


@pytest.mark.parametrize("engine", ["auto", "resiliparse", "trafilatura"])
def test_chinese_page(engine):
    rows, reasons = run(HtmlExtract(engine=engine), [zh_page()])
    assert reasons == [None]
    text = rows[0]["text"]
    for s in ZH:
        assert s in text
    assert "本地导航栏" not in text and "未经许可不得转载" not in text
    assert rows[0]["html_lang"] == "zh-CN" and rows[0]["title"] == "河畔日报 - 图书馆新馆"


def test_removal_reasons():
    op = HtmlExtract(max_html_bytes=20_000)
    htmls = [
        en_page(),
        None,  # the reader's binary payload
        "GIF89a\x00\x01\x02<p>",  # NUL bytes
        "just some plain text without any markup at all",
        '{"json": "<b>not a page</b>"}',
        "<html><body><script>var x = 1;</script><style>p{}</style></body></html>",
        "<html><body>" + "<p>" + "word " * 5000 + "</p></body></html>",
    ]
    ctypes = ["text/html", "image/png", None, None, "application/json", "text/html", "text/html"]
    rows, reasons = run(op, htmls, ctypes)
    assert reasons == [
        None,
        "binary_content",
        "binary_content",
        "not_html",
        "not_html",
        "empty_after_extraction",
        "too_large",
    ]
    assert rows[0]["extract_engine"] in ("auto", "auto_dom")


def test_keep_html_and_annotate():
    rows, _ = run(HtmlExtract(keep_html=True), [en_page()])
    assert rows[0]["html"] == en_page()
    table = C.add_engine_columns(pa.table({"id": ["a"], "text": [""], "html": ["no markup"]}), "t.jsonl", 1)
    out = runner.run_operator(runner.start(HtmlExtract(mode="annotate")), table, "html_extract")
    assert out.num_rows == 1 and out.column(C.REMOVED_BY).null_count == 1  # annotate: nothing removed


def test_block_pass_trims_chrome_and_repeats():
    prose = "\n\n".join(ART)
    text = (
        "Breaking News\nSubscribe to our newsletter\n"
        + prose
        + "\nPhoto: A. Person\n"
        + ART[0]
        + "\nRelated articles\nShare this story\n© 2024 Gazette"
    )
    main, kept = select_main(text)
    assert main.startswith(ART[0]) and main.endswith(ART[-1])
    assert main.count(ART[0]) == 1 and "Related articles" not in main and kept >= AUTO_MIN_KEPT


def test_consent_banners_and_flattened_menus_are_not_prose():
    prose = "\n\n".join(ART)
    consent = (
        "We use cookies and other tracking technologies to improve your browsing experience on our site, show "
        "personalized content and targeted ads, analyze site traffic, and understand where our audience is coming from."
    )
    menu = " ".join(f"Section{i}" for i in range(40))  # a navigation bar flattened into one long line
    main, _ = select_main(menu + "\n\n" + prose + "\n\n" + consent)
    assert main == prose


def test_section_ends_stop_the_main_region():
    prose = "\n\n".join(ART)
    tweets = "\n".join(
        f"Another story about the town council and its budget number {i} was shared today." for i in range(6)
    )
    main, _ = select_main(prose + "\n\nRelated Articles\n\n" + tweets)
    assert main == prose
    main, _ = select_main(prose + "\n\n12 Comments\n\n" + tweets, comments=True)
    assert main.startswith(prose) and tweets.splitlines()[-1] in main
    main, _ = select_main(prose + "\n\n相关新闻：\n\n" + tweets)
    assert main == prose


def test_auto_keeps_tables_where_block_pass_is_unsure():
    rows = "".join(f"<tr><td>{i}</td><td>Driver number {i}</td><td>{100 - i}</td></tr>" for i in range(40))
    page = f"<html><body><main><p>Standings after the final race of the season:</p><table>{rows}</table></main></body></html>"
    out, _ = run(HtmlExtract(), [page])
    assert out[0]["extract_engine"] == "auto_dom" and "Driver number 39" in out[0]["text"]


def _cpu(fn, reps=3) -> float:
    return best_cpu(fn, reps, clock=time.process_time)


def test_deep_nesting_uses_the_linear_pass():
    page = "<html><body>" + "<div>" * 3000 + "<p>Deep text.</p>" + "</div>" * 3000 + "</body></html>"
    rows, reasons = run(HtmlExtract(), [page])
    assert reasons == [None] and rows[0]["text"] == "Deep text." and rows[0]["extract_engine"] == "auto_flat"


@pytest.mark.parametrize(
    "shape",
    [
        lambda n: "<div>" * n + "x" + "</div>" * n,  # deep nesting
        lambda n: "<html><body>" + "<p>short line</p>\n" * n + "</body></html>",  # many blocks
        lambda n: "<html><body><p>" + "a" * (40 * n) + "</p></body></html>",  # one huge word
        lambda n: "<meta charset=" * n,  # unterminated tags
        lambda n: "<html><body>" + "分享到 点击 上一篇\n" * n + "</body></html>",  # boilerplate phrases
    ],
)
def test_linear_time(shape):
    op = HtmlExtract(max_html_bytes=10**9)
    n = 2000
    small = pa.table({"id": ["a"], "text": [""], "html": [shape(n)]})
    big = pa.table({"id": ["a"], "text": [""], "html": [shape(8 * n)]})
    t_small = max(_cpu(lambda: op.judge(small)), 0.002)
    t_big = _cpu(lambda: op.judge(big))
    assert t_big / t_small < 16, (t_small, t_big)
