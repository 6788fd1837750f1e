"""Generate the small sample Common Crawl-style WARC used by configs/common_crawl.yaml
and tests/test_common_crawl_e2e.py: synthetic English and Chinese news pages
(navigation, footers, comment sections, share bars around an article), a near
duplicate, pages on block-listed domains, a non-HTML payload, a page whose HTTP
header names the wrong charset, a chunked response, plus request and metadata
records that the reader skips and counts. Deterministic: same bytes every run.

    python scripts/make_sample_warc.py [--out data/sample_warc]

The record builders (``warc_record``, ``http_response``, ``write_warc``) are
also used by the tests to write crafted WARC/WET files.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def record_id(seed: str) -> str:
    h = hashlib.sha1(seed.encode()).hexdigest()
    return f"<urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}>"


def warc_record(
    rec_type: str,
    uri: str | None,
    block: bytes,
    date: str = "2024-03-01T12:00:00Z",
    rid: str | None = None,
    content_type: str | None = None,
    extra: dict[str, str] | None = None,
) -> bytes:
    """One WARC/1.0 record (headers, block, the two CRLFs that end it)."""
    if content_type is None:
        content_type = {
            "response": "application/http; msgtype=response",
            "request": "application/http; msgtype=request",
            "conversion": "text/plain",
            "warcinfo": "application/warc-fields",
            "metadata": "application/warc-fields",
        }.get(rec_type, "application/octet-stream")
    headers = [
        "WARC/1.0",
        f"WARC-Type: {rec_type}",
        f"WARC-Record-ID: {rid or record_id(f'{rec_type}{uri}{date}')}",
        f"WARC-Date: {date}",
    ]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    for k, v in (extra or {}).items():
        headers.append(f"{k}: {v}")
    headers += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(
    body: bytes, content_type: str | None = "text/html; charset=utf-8", chunked: bool = False
) -> bytes:
    """An HTTP/1.1 200 response as a WARC response block (optionally chunked transfer encoding)."""
    head = ["HTTP/1.1 200 OK", "Server: sample"]
    if content_type is not None:
        head.append(f"Content-Type: {content_type}")
    if chunked:
        head.append("Transfer-Encoding: chunked")
        parts = [body[i : i + 700] for i in range(0, len(body), 700)]
        body = b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in parts) + b"0\r\n\r\n"
    else:
        head.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def write_warc(path: Path, records: list[bytes], gzip_mode: str | None = "record") -> None:
    """``gzip_mode``: "record" (one gzip member per record, as Common Crawl),
    "file" (the whole file one gzip stream) or None (uncompressed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if gzip_mode == "record":
        data = b"".join(gzip.compress(r, mtime=0) for r in records)
    elif gzip_mode == "file":
        data = gzip.compress(b"".join(records), mtime=0)
    else:
        data = b"".join(records)
    path.write_bytes(data)


# ------------------------------------------------------------------ synthetic pages
EN_SENTENCES = [
    "The city council met on Tuesday evening to discuss the new library building on the river bank.",
    "Several residents said that the old building had become too small for the number of children who use it.",
    "The architect explained how the design would let daylight reach the reading rooms through the whole year.",
    "Work on the foundations is expected to begin in the spring, if the budget is approved next month.",
    "A local teacher told the meeting that the library is the only quiet place where many of her students can study.",
    "The plan also includes a small garden, a room for community events and a workshop for repairing bicycles.",
    "Critics of the project asked whether the money could be spent on roads and street lights instead.",
    "The mayor answered that the council had already set aside funds for both projects over the next three years.",
    "Volunteers have collected more than two thousand signatures in support of the new building since January.",
    "The final vote on the proposal will take place at the next public meeting of the council.",
    "Farmers in the valley reported that the late rain had helped the apple trees after a very dry summer.",
    "The cooperative will open its new cold store in October, so that fruit can be sold later in the winter.",
    "Prices at the weekly market have stayed stable, according to the traders who spoke to our reporter.",
    "The regional weather service expects a mild autumn with a few early frosts in the higher villages.",
]
ZH_SENTENCES = [
    "市图书馆新馆建设方案本周在市民议事会上公开讨论，许多居民到场发表意见。",
    "不少家长表示，老馆的阅览室座位太少，周末常常一座难求。",
    "设计单位介绍说，新馆将充分利用自然采光，并设置专门的儿童阅读区。",
    "如果预算在下月获得批准，主体工程预计明年春天开工建设。",
    "一位中学教师说，图书馆是许多学生课后唯一能够安静学习的地方。",
    "方案还包括一个社区活动室和一处向公众开放的小花园。",
    "也有代表提出，应当优先把资金用于道路维修和路灯改造。",
    "市长回应称，相关资金已经纳入未来三年的财政安排，两个项目可以同时推进。",
    "志愿者自今年一月以来已经收集了两千多份支持新馆建设的签名。",
    "山区的果农表示，入秋以后的几场雨缓解了夏季的旱情，苹果长势良好。",
    "合作社计划十月启用新的冷库，让鲜果可以在冬季错峰上市。",
    "据市场管理人员介绍，近期蔬菜和水果价格总体保持平稳。",
]
NAV_EN = '<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/contact">Contact us</a></li></ul></nav>'  # noqa: E501 - one pattern / one HTML fragment per line reads better than pieces
FOOTER_EN = '<footer class="site-footer"><p>Copyright 2024 Riverside Gazette. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>'  # noqa: E501 - one pattern / one HTML fragment per line reads better than pieces
COMMENTS_EN = '<div id="comments" class="comments-area"><h3>3 comments</h3><div class="comment">I think this library will be a wonderful thing for the children of our town and I fully support it.</div><div class="comment">Why not repair the roads first? The money should be spent where it is needed most by everyone.</div></div>'  # noqa: E501 - one pattern / one HTML fragment per line reads better than pieces
SHARE = '<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>'
NAV_ZH = '<div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/local">本地</a> | <a href="/about">关于我们</a></div>'  # noqa: E501 - one pattern / one HTML fragment per line reads better than pieces
FOOTER_ZH = '<div class="footer"><p>版权所有 2024 河畔日报 未经许可不得转载</p><p>备案号：示例ICP备00000000号</p></div>'


def page(title: str, paragraphs: list[str], lang: str, charset_meta: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    if lang.startswith("zh"):
        return (
            f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title}</title></head><body>{NAV_ZH}'
            f'<div class="main"><h1>{title}</h1><div class="article-content">{body}</div>{SHARE}</div>{FOOTER_ZH}</body></html>'
        )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title}</title></head><body>{NAV_EN}'
        f"<main><article><h1>{title}</h1>{body}</article>{SHARE}{COMMENTS_EN}</main>{FOOTER_EN}</body></html>"
    )


def _paragraphs(rng: random.Random, sentences: list[str], n_par: int, per: int, joiner: str) -> list[str]:
    """``n_par`` paragraphs of ``per`` sentences, no sentence twice on a page (Gopher repetition rules)."""
    picked = rng.sample(sentences, n_par * per)
    return [joiner.join(picked[i * per : (i + 1) * per]) for i in range(n_par)]


def sample_records() -> list[bytes]:
    rng = random.Random(14)
    recs = [
        warc_record(
            "warcinfo", None, b"software: corpusforge make_sample_warc.py\r\nformat: WARC File Format 1.0\r\n"
        )
    ]
    pages: list[tuple[str, str, bytes, str | None, bool]] = []  # uri, date, body, content type, chunked
    for i in range(12):
        paras = _paragraphs(rng, EN_SENTENCES, 3, 3, " ")
        html = page(f"Riverside news {i}: library plan", paras, "en")
        pages.append(
            (
                f"https://news.riverside-gazette.example/2024/story-{i}.html",
                f"2024-0{1 + i % 9}-1{i % 10}T08:00:00Z",
                html.encode(),
                "text/html; charset=utf-8",
                i == 3,
            )
        )
    for i in range(8):
        paras = _paragraphs(rng, ZH_SENTENCES, 3, 3, "")
        html = page(f"河畔日报 第{i}期 图书馆新馆", paras, "zh-CN")
        pages.append(
            (
                f"https://www.hepan-daily.example.cn/news/{i}.html",
                f"2024-02-2{i}T02:00:00Z",
                html.encode(),
                "text/html; charset=utf-8",
                False,
            )
        )
    # GBK page whose HTTP header wrongly says UTF-8: decoded by its <meta> charset
    paras = _paragraphs(rng, ZH_SENTENCES, 3, 3, "")
    gbk = page("河畔日报 GBK 页面", paras, "zh-CN", charset_meta="gbk").encode("gbk")
    pages.append(
        (
            "https://www.hepan-daily.example.cn/news/gbk.html",
            "2023-11-05T02:00:00Z",
            gbk,
            "text/html; charset=utf-8",
            False,
        )
    )
    # an exact duplicate of story 0 on another URL (exact_dedup removes it)
    pages.append(
        (
            "https://mirror.riverside-gazette.example/copy-0.html",
            "2024-03-01T09:00:00Z",
            pages[0][2],
            "text/html",
            False,
        )
    )
    # block-listed domains (data/url_blocklist_sample)
    for j, host in enumerate(
        ("casino-bonus.example", "www.casino-bonus.example", "shop.adult-sample.example.co.uk")
    ):
        paras = _paragraphs(rng, EN_SENTENCES, 3, 3, " ")
        pages.append(
            (
                f"https://{host}/page-{j}.html",
                "2024-01-15T00:00:00Z",
                page(f"Offer {j}", paras, "en").encode(),
                "text/html",
                False,
            )
        )
    # a non-HTML payload (removed by html_extract as binary_content)
    png = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(600))
    pages.append(
        ("https://news.riverside-gazette.example/logo.png", "2024-01-01T00:00:00Z", png, "image/png", False)
    )
    # a page that is all script (empty after extraction) and a text/plain file (not HTML)
    script = b"<html><head><script>var menu = ['home', 'news'];</script></head><body><script>render(menu);</script></body></html>"
    pages.append(
        (
            "https://news.riverside-gazette.example/app.html",
            "2024-01-01T00:00:00Z",
            script,
            "text/html",
            False,
        )
    )
    pages.append(
        (
            "https://news.riverside-gazette.example/robots.txt",
            "2024-01-01T00:00:00Z",
            b"User-agent: *\nDisallow:\n",
            "text/plain",
            False,
        )
    )
    for uri, date, body, ctype, chunked in pages:
        recs.append(warc_record("request", uri, f"GET {uri} HTTP/1.1\r\nHost: x\r\n\r\n".encode(), date=date))
        recs.append(warc_record("response", uri, http_response(body, ctype, chunked=chunked), date=date))
        recs.append(warc_record("metadata", uri, b"fetchTimeMs: 120\r\n", date=date))
    return recs


BLOCKLIST = {
    "gambling/domains": "casino-bonus.example\n",
    "adult/domains": "adult-sample.example.co.uk\n",
    "adult/urls": "news.riverside-gazette.example/never-listed.html\n",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "data" / "sample_warc"))
    ap.add_argument("--blocklist-out", default=str(ROOT / "data" / "url_blocklist_sample"))
    args = ap.parse_args()
    out = Path(args.out)
    write_warc(out / "sample-00000.warc.gz", sample_records(), gzip_mode="record")
    bl = Path(args.blocklist_out)
    for rel, body in BLOCKLIST.items():
        (bl / rel).parent.mkdir(parents=True, exist_ok=True)
        (bl / rel).write_text(body, encoding="utf-8")
    print(f"wrote {out / 'sample-00000.warc.gz'} and {bl}")


if __name__ == "__main__":
    main()
