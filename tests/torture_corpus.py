"""A generated torture corpus: what web crawls really contain, at any size.

Every generator is deterministic (seeded ``random.Random``, no files from
outside the repository) and grows linearly with its size parameter ``n``
(about ``n`` characters), so tests can time an operator at ``n`` and ``8n``
and check the ratio (a complexity test, not a speed test).

The shapes come from incidents and from what crawls hold: a review
"真的不好" followed by 90 full stops, an 86-character git URL, runs of one
punctuation mark after a word, emoticon floods, URLs with query strings and
fragments, megabyte single tokens and base64 blobs, Zalgo combining-mark
stacks, zero-width and bidi controls, NUL characters, documents of 100,000
lines, unspaced scripts (Thai, Chinese without punctuation), megabytes of
whitespace, markup nested thousands deep, repeated abbreviations, long
number formats, hyphen chains, apostrophe and ``@`` runs.

``pathological(n)`` gives ``(name, text)`` pairs; ``torture_documents``
mixes them into real-looking English and Chinese prose;
``write_torture_corpus`` writes a JSONL.gz file of such documents for
end-to-end runs (plus malformed lines, which the reader must quarantine).
"""

from __future__ import annotations

import base64
import gzip
import json
import random
from collections.abc import Callable
from pathlib import Path

_EN_WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which but have "
    "an they you were her she there been one all we their has would when if so no will more can out about "
    "city river market council report school water energy people family research data model system music "
    "history weather season garden recipe travel hotel museum library station project budget policy health "
    "quickly carefully often rarely today yesterday new old small large public private local national"
).split()
_ZH_WORDS = (
    "我们 今天 这个 产品 质量 非常 不错 但是 物流 太慢 了 客服 态度 很好 价格 便宜 推荐 大家 购买 "
    "北京 上海 经济 发展 政府 公司 市场 技术 研究 学生 老师 学校 城市 天气 新闻 记者 报道 表示 "
    "已经 没有 可以 因为 所以 如果 虽然 还是 一个 一些 问题 时间 工作 生活 朋友 家人 喜欢 希望"
).split()
_THAI = "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำในประโยคเดียวกันทำให้การตัดคำเป็นเรื่องยาก"
_EMOTICONS = ["😂", "🤣", "👍", "❤️", "🙏", "😭", ":)", ":-(", "^_^", "(╯°□°)╯︵ ┻━┻", "¯\\_(ツ)_/¯", "😀😀😀"]
_ZALGO_MARKS = [chr(c) for c in range(0x0300, 0x0370)]


def english_prose(rng: random.Random, n: int) -> str:
    """About ``n`` characters of English-looking sentences and paragraphs."""
    out: list[str] = []
    size = 0
    while size < n:
        k = rng.randint(6, 18)
        words = [rng.choice(_EN_WORDS) for _ in range(k)]
        s = " ".join(words).capitalize() + rng.choice([".", ".", ".", "?", "!"])
        if rng.random() < 0.15:
            s += "\n\n"
        else:
            s += " "
        out.append(s)
        size += len(s)
    return "".join(out)[:n]


def chinese_prose(rng: random.Random, n: int) -> str:
    """About ``n`` characters of Chinese-looking sentences (no spaces)."""
    out: list[str] = []
    size = 0
    while size < n:
        k = rng.randint(4, 12)
        s = "".join(rng.choice(_ZH_WORDS) for _ in range(k)) + rng.choice(["。", "。", "！", "？", "，"])
        if rng.random() < 0.1:
            s += "\n"
        out.append(s)
        size += len(s)
    return "".join(out)[:n]


def _rep(unit: str, n: int) -> str:
    return unit * max(1, n // max(1, len(unit)))


def _nested_markup(n: int) -> str:
    depth = max(1, n // 12)
    return "<div>" * depth + "text" + "</div>" * depth


def _base64(n: int) -> str:
    rng = random.Random(7)
    raw = bytes(rng.getrandbits(8) for _ in range(max(3, n * 3 // 4)))
    return "data:image/png;base64," + base64.b64encode(raw).decode()


def _long_url(n: int) -> str:
    rng = random.Random(11)
    path = "/".join(f"seg{rng.randint(0, 999)}" for _ in range(max(1, n // 24)))
    query = "&".join(f"k{i}={rng.randint(0, 10**6)}" for i in range(max(1, n // 24)))
    return f"see https://example.com/{path}?{query}#frag-{'ab' * max(1, n // 20)}."


def _emoticons(n: int) -> str:
    rng = random.Random(13)
    out, size = [], 0
    while size < n:
        e = rng.choice(_EMOTICONS) * rng.randint(1, 6)
        out.append(e + ("" if rng.random() < 0.5 else " "))
        size += len(out[-1])
    return "太好笑了 lol " + "".join(out)


def _zalgo(n: int) -> str:
    rng = random.Random(17)
    out, size = [], 0
    while size < n:
        c = rng.choice("zalgoZALGO")
        marks = "".join(rng.choice(_ZALGO_MARKS) for _ in range(rng.randint(5, 40)))
        out.append(c + marks)
        size += 1 + len(marks)
    return "He comes " + "".join(out)


def _many_lines(n: int) -> str:
    lines = max(1, n // 10)
    return "\n".join(f"row {i % 997}" for i in range(lines))


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "dots_after_word": lambda n: "word" + "." * n,
    "dots_after_han": lambda n: "好" + "." * n,
    "dots_inside_word": lambda n: "word" + "." * n + "x",
    "bangs_after_word": lambda n: "wow" + "!" * n,
    "interrobang_run": lambda n: "what" + _rep("?!", n),
    "cjk_full_stops": lambda n: "真的不好" + "。" * n,
    "cjk_ellipsis": lambda n: "真的不好" + "…" * n,
    "cjk_bangs": lambda n: "太棒了" + "！" * n,
    "cjk_stop_closer": lambda n: _rep("好。」", n),
    "emoticon_flood": _emoticons,
    "long_url": _long_url,
    "url_dot_tail": lambda n: "http://a" + "." * n,
    "url_dot_run": lambda n: "http://a" + "." * n + "b",
    "git_url_chain": lambda n: _rep("git+https://github.com/o/r.git@v1.2#egg=p&sub=a/b.", n),
    "mega_token": lambda n: _rep("abcdefghij0123456789", n),
    "base64_blob": _base64,
    "zalgo": _zalgo,
    "combining_stack": lambda n: "e" + "\u0301\u0316" * (n // 2),
    "zero_width_bidi": lambda n: _rep("word\u200b\u200c\u200d\u2060\u202e\u2066\u2069\ufeff ", n),
    "nul_chars": lambda n: _rep("a\x00b\x00 \x00", n),
    "many_lines": _many_lines,
    "thai_unspaced": lambda n: _rep(_THAI, n),
    "chinese_unpunctuated": lambda n: _rep("我们今天讨论的这个问题非常重要而且没有任何标点符号", n),
    "whitespace_flood": lambda n: "start" + _rep(" \t\n\u3000\u00a0", n) + "end",
    "nested_markup": _nested_markup,
    "abbreviation_chain": lambda n: _rep("U.S.", n),
    "number_commas": lambda n: "1" + _rep(",000", n) + ".00",
    "dotted_numbers": lambda n: _rep("1.2.3.4.5.", n) + "6",
    "number_units": lambda n: _rep("1,5km9am", n),
    "hyphen_chain": lambda n: _rep("a-", n) + "b",
    "apostrophes": lambda n: "it" + "'" * n,
    "clitic_chain": lambda n: _rep("don't", n),
    "at_signs": lambda n: "@" * n,
    "email_runs": lambda n: _rep("+.", n) + "@x.com",
    "email_no_domain": lambda n: _rep("+.", n) + "@",
    "email_chain": lambda n: _rep("a@b.", n) + "c",
    "connector_mix": lambda n: _rep("a.b,c:d/e'f_g", n),
    "lower_dot_upper": lambda n: _rep("a.A", n),
    "repeated_sentence": lambda n: _rep("The cat sat on the mat. ", n),
    "short_sentences": lambda n: _rep("Hi. ", n),
    "html_entities": lambda n: _rep("&amp;&#1234;&nbsp;&#x;", n),
    "mojibake": lambda n: _rep("CafÃ© naÃ¯ve â€œquotedâ€\x9d ", n),
    "brackets_citations": lambda n: _rep("[12][edit][", n),
    "curly_braces": lambda n: _rep("{{{", n),
    "kana_runs": lambda n: _rep("カタカナひらがな漢字", n),
}


def pathological(n: int) -> list[tuple[str, str]]:
    """Every pathological shape at size ``n`` (about ``n`` characters each)."""
    return [(name, fn(n)) for name, fn in PATHOLOGICAL.items()]


def torture_documents(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """Real-looking documents with each pathological piece embedded.

    For every shape: English prose around it, Chinese prose around it, and the
    bare piece; about ``n`` characters of pathology per document."""
    rng = random.Random(seed)
    docs: list[tuple[str, str]] = []
    for name, piece in pathological(n):
        en = english_prose(rng, 600)
        zh = chinese_prose(rng, 300)
        docs.append((f"{name}/en", en[:300] + " " + piece + " " + en[300:]))
        docs.append((f"{name}/zh", zh[:150] + piece + zh[150:]))
        docs.append((f"{name}/bare", piece))
    return docs


def write_torture_corpus(path: str | Path, n: int = 20_000, seed: int = 0, plain_docs: int = 200) -> int:
    """Write a JSONL.gz torture corpus; return the number of lines written.

    Lines: every document of ``torture_documents(n)``, ``plain_docs`` ordinary
    English/Chinese documents (some exact duplicates, so dedup has work), and
    three malformed lines (broken JSON, a non-string ``text``, a
    whitespace-only ``text``) that the reader must quarantine, never drop silently."""
    rng = random.Random(seed)
    lines: list[bytes] = []
    for i, (name, text) in enumerate(torture_documents(n, seed)):
        lines.append(json.dumps({"id": f"torture-{i:04d}-{name}", "text": text}).encode())
    for i in range(plain_docs):
        text = (
            english_prose(rng, rng.randint(400, 3000))
            if i % 2
            else chinese_prose(rng, rng.randint(200, 1500))
        )
        lines.append(json.dumps({"id": f"plain-{i:04d}", "text": text}, ensure_ascii=False).encode())
        if i % 25 == 0:
            lines.append(json.dumps({"id": f"plain-{i:04d}-dup", "text": text}, ensure_ascii=False).encode())
    lines.append(b'{"id": "broken-json", "text": "unterminated')
    lines.append(json.dumps({"id": "not-a-string", "text": 12345}).encode())
    lines.append(json.dumps({"id": "whitespace-only", "text": " \t\n\u3000 "}).encode())
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wb") as f:
        f.write(b"\n".join(lines) + b"\n")
    return len(lines)
