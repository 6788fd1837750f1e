"""Main-text extraction engines for ``html_extract``: resiliparse, trafilatura and
``auto`` (our combination), on one parsed DOM per page.

``auto`` (designed and measured in ``scripts/bench_extract.py``):

1. **DOM pass** (resiliparse 2.0, lexbor DOM in C): ``extract_plain_text`` with
   ``main_content=True`` drops navigation, headers, footers, sidebars, hidden
   elements; we also ask it to drop comment sections, image alt texts and blog
   post meta data (bylines, dates), which the published benchmarks' gold main
   text does not contain (article body, headings, lists; no navigation, ads or
   comments: ScrapingHub article-extraction-benchmark, Bevendorff et al. 2023
   "An Empirical Comparison of Web Content Extraction Algorithms", SIGIR).
2. **Block pass** (ours, linear in the text): every line of that text is a
   block scored like jusText / boilerpipe's shallow text features (Kohlschütter
   et al. 2010, "Boilerplate Detection using Shallow Text Features"): long
   blocks and blocks ending in sentence punctuation (Latin and CJK: ``。！？``)
   are content (+ words), short boilerplate phrases (share / subscribe /
   copyright / read more; 分享到 / 版权所有 / 上一篇 ...) are strongly negative,
   very short blocks slightly negative. The main region is the maximum-sum run
   of blocks (Kadane, one pass): it trims the leading breadcrumbs / "breaking
   news" bars and the trailing newsletter and footer blocks that step 1 keeps.
   A section heading that ends an article ("Related articles", "12 comments",
   "You may also like", 相关新闻, 猜你喜欢) is never inside the region, and text
   after one counts half. Repeated lines inside the region (image captions
   shown twice) are dropped. A table right after the region stays with it.
3. **Unsure pages**: when the block pass would keep less than
   ``AUTO_MIN_KEPT`` of step 1's text (tables, lists, forms: pages that are not
   running prose), it is not trusted and step 1's text is used as it is; when
   step 1 finds no text at all, trafilatura (the slow, high-quality engine)
   runs on that page only.

Two fixes to resiliparse 2.0's main-content pass: it drops every ``<ul>``
(most are menus), so link-free ``<ul>`` lists become ``<ol>`` first (kept);
and it takes time quadratic in the nesting depth, so pages nested
``MAX_DEPTH`` levels deep get its plain (linear) pass instead.

Measured by ``scripts/bench.py extract`` (README, "Web crawls").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

#: the block pass is trusted only when it keeps at least this fraction of the DOM pass's text
AUTO_MIN_KEPT = 0.5

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?…\"”’»)](?:\s|$)|[。！？；]")
# Boilerplate phrases at the start of a block (English and Chinese web-page chrome).
_BOILERPLATE = re.compile(
    r"(?i)^(?:advertisement|advertising|sponsored|related (?:articles|stories|posts|content)|read more|"
    r"more (?:from|on|stories)|share (?:this|on)|follow us|sign up|subscribe|all rights reserved|copyright|©|"
    r"comments?$|\d+ comments?|leave a (?:comment|reply)|posted (?:by|in|on)|photo:|image \d+ of|caption$|close$|"
    r"tags?:|filed under|click here|previous (?:article|post)|next (?:article|post)|you may also like|"
    r"分享到|责任编辑|版权所有|上一篇|下一篇|相关(?:阅读|新闻|文章|推荐)|热门推荐|返回顶部|打印本页|关闭窗口|扫一扫|"
    r"本文来源|来源：|编辑：|点击|免责声明)"
)


# Cookie-consent and tracking notices, whatever their length (GDPR banners are long prose).
_CONSENT = re.compile(
    r"(?i)^(?:we (?:and our partners )?use cookies|this (?:web)?site uses cookies|by (?:using|continuing|clicking|choosing) "
    r".{0,80}(?:cookies|you (?:agree|consent|accept))|本(?:网)?站使用\s*cookie|我们使用\s*cookie)"
)
_ANY_PUNCT = re.compile(r"[,.;:!?，。；：！？、]")
# Section headings that end an article: comment sections, "related" and "most read" lists.
# A whole (short) line only; the main region never spans one.
_COMMENTS_HEADING = re.compile(
    r"(?i)^(?:\d+\s+)?(?:comments?|responses?|replies|discussion|leave a (?:comment|reply)|join the (?:conversation|discussion)|"
    r"网友评论|评论)\s*[:：]?\s*(?:\(\d+\))?$"
)
_SECTION_END = re.compile(
    r"(?i)^(?:\d+\s+)?(?:comments?|responses?|replies|discussion|related(?: (?:articles|stories|posts|content|news|coverage))?|"
    r"you (?:may|might) also like|recommended(?: for you)?|more stories|more from .{1,40}|most (?:popular|read|viewed)|"
    r"trending(?: now| stories)?|leave a (?:comment|reply)|join the (?:conversation|discussion)|read next|up next|"
    r"相关(?:新闻|阅读|文章|推荐|报道)|热门(?:推荐|文章|新闻)|猜你喜欢|网友评论|评论|精彩推荐|延伸阅读|推荐阅读|上一篇.*|下一篇.*)"
    r"\s*[:：]?\s*(?:\(\d+\))?$"
)
SECTION_END = -1e9


@dataclass(frozen=True)
class ExtractOptions:
    tables: bool = True  # keep table text
    lists: bool = True  # keep list items (one per line, no bullets)
    comments: bool = False  # keep comment sections
    links: bool = False  # keep link targets next to the link text


@dataclass
class Extracted:
    text: str
    title: str | None
    html_lang: str | None
    engine: str  # engine that produced the text: resiliparse, trafilatura, auto, auto_dom, auto_trafilatura


def parse(html: str) -> HTMLTree:
    return HTMLTree.parse(html)


def page_meta(tree: HTMLTree) -> tuple[str | None, str | None]:
    """``<title>`` and the ``<html lang>`` attribute (None when absent)."""
    title = (tree.title or "").strip() or None
    root = tree.body.parent if tree.body is not None else None  # <html>: no selector to compile
    lang = root.getattr("lang") if root is not None else None
    lang = lang.strip() if isinstance(lang, str) and lang.strip() else None
    return title, lang


#: resiliparse's main-content heuristics take time quadratic in the nesting depth (16,000 nested
#: <div>: 2.7 s); deeper pages get its plain pass (linear). Browsers stop laying out at 512 levels.
MAX_DEPTH = 256
_TOO_DEEP = " > ".join(["*"] * MAX_DEPTH)


def too_deep(tree: HTMLTree) -> bool:
    """True when some element is nested ``MAX_DEPTH`` levels deep (one selector match in C)."""
    return tree.document is not None and tree.document.query_selector(_TOO_DEEP) is not None


def keep_content_lists(tree: HTMLTree) -> None:
    """resiliparse 2.0's main-content pass drops every ``<ul>`` (most are menus), which
    loses the bulleted lists of articles that the benchmarks' gold text contains. A
    ``<ul>`` without any link is not a menu: it becomes an ``<ol>``, which is kept."""
    body = tree.body
    if body is None:
        return
    for ul in body.query_selector_all(
        "ul:not(:has(a))"
    ):  # one selector pass in C (per-node queries are 60 us each)
        if ul.parent is None:
            continue
        ol = tree.create_element("ol")
        while ul.first_child is not None:
            ol.append_child(ul.first_child)
        ul.parent.replace_child(ol, ul)


def dom_text(tree: HTMLTree, opts: ExtractOptions, main_content: bool = True) -> str:
    """resiliparse's main-content pass (step 1 of ``auto``, and the ``resiliparse`` engine)."""
    skip = []
    if not opts.tables:
        skip.append("table")
    if not opts.lists:
        skip += ["ul", "ol", "dl"]
    return extract_plain_text(
        tree,
        main_content=main_content,
        comments=opts.comments,
        alt_texts=False,
        post_meta=False,
        links=opts.links,
        list_bullets=False,
        skip_elements=skip or None,
    ).strip()


def trafilatura_text(html: str, opts: ExtractOptions) -> str:
    import trafilatura

    return (
        trafilatura.extract(
            html,
            include_tables=opts.tables,
            include_comments=opts.comments,
            include_links=opts.links,
            deduplicate=False,
        )
        or ""
    ).strip()


def _block_weight(line: str, comments: bool = False) -> float | None:
    s = line.strip()
    if not s:
        return None
    if comments and len(s) <= 60 and _COMMENTS_HEADING.match(s):  # comments wanted: their heading is no end
        return -1.0
    if s.isascii():
        words = float(s.count(" ") + 1)
    else:
        words = float(len(s.split()))
        if len(s) > 12 * words:  # few spaces: CJK text, two characters count as a word
            words += len(_CJK.findall(s)) / 2.0
    if len(s) <= 60 and _SECTION_END.match(s):
        return SECTION_END
    if len(s) <= 80 and _BOILERPLATE.match(
        s
    ):  # chrome is short; "Posted on social media by ..." can be prose
        return -2.0 * max(words, 3.0)
    if _CONSENT.match(s):
        return -2.0 * max(words, 3.0)
    ends = _SENTENCE_END.search(s) is not None
    if words >= 10 and ends:
        return words
    if words >= 25:  # long but unpunctuated: prose has commas; a flattened menu does not
        return words if _ANY_PUNCT.search(s) else -1.0
    if words >= 5 and ends:
        return words * 0.5
    return -1.0 if words <= 3 else -0.1


def select_main(text: str, comments: bool = False) -> tuple[str, float]:
    """Step 2 of ``auto``: the maximum-sum run of blocks (never across a section end such
    as "Related articles"; comment headings too unless ``comments``), repeated lines
    dropped. Returns (text, kept fraction of the input characters)."""
    lines = text.split("\n")
    weights = [_block_weight(ln, comments) for ln in lines]
    after_end = (
        False  # text after a section end (related lists, comments) counts half: it is rarely the article
    )
    for i, w in enumerate(weights):
        if w == SECTION_END:
            after_end = True
        elif after_end and w is not None and w > 0:
            weights[i] = w * 0.5
    best, best_start, best_end = 0.0, 0, -1
    cur, cur_start = 0.0, 0
    for i, w in enumerate(weights):
        if w is None:
            continue
        if cur <= 0:
            cur, cur_start = 0.0, i
        cur += w
        if cur > best:
            best, best_start, best_end = cur, cur_start, i
    if best_end < 0:
        return "", 0.0
    while best_end + 1 < len(lines) and (weights[best_end + 1] is None or "\t" in lines[best_end + 1]):
        best_end += 1  # a table (cells are tab-separated) right after the prose belongs to it
    seen: set[str] = set()
    kept: list[str] = []
    for i in range(best_start, best_end + 1):
        key = lines[i].strip()
        if key:
            w = weights[i]
            if key in seen or (w is not None and w <= -6.0):
                continue
            seen.add(key)
        kept.append(lines[i])
    out = "\n".join(kept).strip()
    return out, len(out) / max(1, len(text))


def extract(html: str, engine: str, opts: ExtractOptions, tree: HTMLTree | None = None) -> Extracted:
    """Main text, title and ``<html lang>`` of one page with ``engine``."""
    tree = tree if tree is not None else parse(html)
    title, lang = page_meta(tree)
    if engine == "trafilatura":
        return Extracted(trafilatura_text(html, opts), title, lang, "trafilatura")
    deep = too_deep(tree)
    if engine == "auto" and opts.lists and not deep:
        keep_content_lists(tree)
    dom = dom_text(tree, opts, main_content=not deep)
    if engine == "resiliparse" or deep:
        return Extracted(dom, title, lang, f"{engine}_flat" if deep else "resiliparse")
    if not dom:
        return Extracted(trafilatura_text(html, opts), title, lang, "auto_trafilatura")
    main, kept = select_main(dom, opts.comments)
    if kept < AUTO_MIN_KEPT:
        return Extracted(dom, title, lang, "auto_dom")
    return Extracted(main, title, lang, "auto")
