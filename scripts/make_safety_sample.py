"""Write the synthetic sample for configs/decontaminate.yaml and configs/content_safety.yaml.

Everything is generated and deterministic (same bytes every run):

* ``data/safety_sample/benchmark_en.jsonl`` / ``benchmark_zh.jsonl`` - made-up
  benchmark items (question, choices, answer);
* ``data/safety_sample/lexicon_en.txt`` (one term per line, LDNOOBW layout),
  ``lexicon_zh.txt``, ``lexicon_multi.tsv`` (``term<TAB>category``) and
  ``allow_zh.txt`` - *placeholder* terms (made-up words such as ``zorbix`` and
  ``禁词甲``; no real offensive words are committed: users supply real lexicons
  at run time), with look-alike traps: ``zog`` is a term, ``zogging``,
  ``bizog`` and ``Zogshire`` are harmless words;
* ``data/safety_sample/corpus.jsonl`` - English and Chinese documents: clean,
  contaminated (benchmark items verbatim, lightly edited, partial), flagged
  (placeholder terms) and look-alikes, each with a ``url``.

Usage: ``python scripts/make_safety_sample.py [OUT_DIR]`` (default data/safety_sample).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

EN_WORDS = (
    "river stone market garden window teacher number morning paper story light travel city water friend music "
    "history market evening orange basket village table letter summer winter station bridge forest harbor "
    "question lantern meadow engine silver quiet gentle careful early simple narrow bright"
).split()
EN_VERBS = "walks finds builds reads keeps opens paints carries visits writes".split()
ZH_WORDS = (
    "城市 河流 学校 老师 学生 今天 明天 市场 花园 窗户 故事 音乐 历史 朋友 早晨 晚上 火车 桥梁 森林 港口 "
    "问题 灯笼 草地 发动机 银色 安静 温和 仔细 简单 明亮 研究 发展 文化 经济 社会 技术 公司 工作 生活"
).split()

# placeholder lexicons: made-up terms, categories named like real ones
LEX_EN = {
    "sample_vulgar": ["zorbix", "flimflak", "zog", "grunkle snatch"],
    "sample_violent": ["krazzle", "doomstab"],
}
LEX_ZH = {"sample_vulgar": ["禁词甲", "违规乙"], "sample_violent": ["暴词丙"]}
ALLOW_ZH = ["禁词甲骨文"]  # a harmless compound containing a flagged term
LOOKALIKE_EN = ["zogging", "bizog", "Zogshire", "zorbixes-free", "flimflakery"]


def en_sentence(rng: random.Random, n: int = 10) -> str:
    words = [rng.choice(EN_WORDS) for _ in range(n)]
    words.insert(2, rng.choice(EN_VERBS))
    return " ".join(words).capitalize() + "."


def zh_sentence(rng: random.Random, n: int = 10) -> str:
    return "".join(rng.choice(ZH_WORDS) for _ in range(n)) + "。"


def en_item(rng: random.Random, i: int) -> dict:
    q = " ".join(en_sentence(rng, 8) for _ in range(3))
    return {"id": f"en-{i}", "question": q, "choices": [en_sentence(rng, 4) for _ in range(4)], "answer": "B"}


def zh_item(rng: random.Random, i: int) -> dict:
    q = "".join(zh_sentence(rng, 8) for _ in range(3))
    return {
        "id": f"zh-{i}",
        "question": q,
        "choices": [zh_sentence(rng, 3) for _ in range(4)],
        "answer": "乙",
    }


def item_text(item: dict, zh: bool) -> str:
    sep = "" if zh else " "
    return sep.join([item["question"], *item["choices"]])


def light_edit(text: str, rng: random.Random, zh: bool) -> str:
    """Case, punctuation and one changed word (in the middle)."""
    if zh:
        toks = list(text)
        mid = len(toks) // 2
        toks[mid] = "某"
        return "".join(toks).replace("。", "！", 1)
    words = text.split()
    words[len(words) // 2] = "changed"
    out = " ".join(words).upper().replace(".", ";")
    return out


def main(out: Path) -> None:
    rng = random.Random(20261130)
    out.mkdir(parents=True, exist_ok=True)
    en_items = [en_item(rng, i) for i in range(40)]
    zh_items = [zh_item(rng, i) for i in range(40)]
    for name, items in (("benchmark_en.jsonl", en_items), ("benchmark_zh.jsonl", zh_items)):
        with open(out / name, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(it, ensure_ascii=False) + "\n" for it in items)
    with open(out / "lexicon_en.txt", "w", encoding="utf-8") as f:
        f.write("# placeholder lexicon (made-up terms), LDNOOBW layout: one term per line\n")
        f.writelines(t + "\n" for t in LEX_EN["sample_vulgar"])
    with open(out / "lexicon_zh.txt", "w", encoding="utf-8") as f:
        f.writelines(t + "\n" for t in LEX_ZH["sample_vulgar"])
    with open(out / "lexicon_multi.tsv", "w", encoding="utf-8") as f:
        for cat, terms in (("sample_violent", LEX_EN["sample_violent"] + LEX_ZH["sample_violent"]),):
            f.writelines(f"{t}\t{cat}\n" for t in terms)
    with open(out / "allow_zh.txt", "w", encoding="utf-8") as f:
        f.writelines(t + "\n" for t in ALLOW_ZH)

    docs = []
    hosts = [
        "news.example.com",
        "www.blog.example.org",
        "forum.example.net",
        "shop.example.cn",
        "wiki.example.edu",
    ]

    def add(kind: str, lang: str, text: str, host: str | None = None) -> None:
        h = host or hosts[len(docs) % len(hosts)]
        docs.append(
            {
                "id": f"{kind}-{len(docs):04d}",
                "lang": lang,
                "kind": kind,
                "text": text,
                "url": f"https://{h}/p/{len(docs)}",
            }
        )

    for zh, items in ((False, en_items), (True, zh_items)):
        sent = zh_sentence if zh else en_sentence
        sep = "" if zh else " "
        lang = "zh" if zh else "en"
        body = lambda k: sep.join(sent(rng) for _ in range(k))  # noqa: E731
        for i in range(60):
            add("clean", lang, body(12))
        for i, it in enumerate(items[:30]):
            text = item_text(it, zh)
            kind = ("verbatim", "edited", "partial")[i % 3]
            if kind == "edited":
                text = light_edit(text, rng, zh)
            elif kind == "partial":
                text = it["question"]
            add(f"contaminated_{kind}", lang, body(6) + sep + text + sep + body(6))
        terms = LEX_ZH["sample_vulgar"] if zh else LEX_EN["sample_vulgar"]
        for i in range(20):
            words = body(8).split(" ") if not zh else [body(8)]
            text = sep.join(words) + sep + terms[i % len(terms)] + sep + body(4)
            add("flagged", lang, text, host="forum.example.net")
        looks = ALLOW_ZH if zh else LOOKALIKE_EN
        for i in range(20):
            add("lookalike", lang, body(6) + sep + looks[i % len(looks)] + sep + body(6))
    with open(out / "corpus.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    print(f"wrote {len(docs)} documents, {len(en_items) + len(zh_items)} benchmark items to {out}")


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "data" / "safety_sample"
    )
