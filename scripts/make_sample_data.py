"""Generate the bundled demo corpus deterministically.

    python scripts/make_sample_data.py [--out data/sample] [--docs 3000] [--seed 7]

Writes ``part-0000N.jsonl.gz`` files with a mix that exercises every stage:
English and Chinese prose, exact and near duplicates, boilerplate pages,
junk, documents with e-mail addresses and phone numbers, mojibake, and a few
malformed lines (bad JSON, invalid UTF-8, missing/non-string/empty text).
The same arguments always produce byte-identical files.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

EN_SUBJECTS = [
    "The harbor commission",
    "A retired teacher",
    "The county court",
    "Two young architects",
    "The orchestra",
    "A local newspaper",
    "The fire department",
    "Several shop owners",
    "The university press",
    "A cycling club",
    "The city council",
    "A team of researchers",
    "The local library",
    "Our engineering group",
    "The school board",
    "A small bakery",
    "The regional hospital",
    "Volunteers from the neighborhood",
    "The transport authority",
    "A group of students",
    "The museum",
    "Farmers in the valley",
    "The software company",
    "The weather service",
]
EN_VERBS = [
    "questioned",
    "celebrated",
    "documented",
    "funded",
    "delayed",
    "translated",
    "rebuilt",
    "surveyed",
    "announced",
    "published",
    "reviewed",
    "completed",
    "presented",
    "discussed",
    "approved",
    "described",
    "measured",
    "proposed",
    "explained",
    "tested",
]
EN_OBJECTS = [
    "an archive of letters written by early settlers",
    "a cheaper way to repair cracked roads",
    "the rules for parking near the old market",
    "a festival of films made by teenagers",
    "plans for a quieter airport at night",
    "the cost of heating public swimming pools",
    "a map of every tree planted since the flood",
    "a course on first aid for shop workers",
    "a new plan for the public parks",
    "the results of a two-year study on river water quality",
    "an updated schedule for the weekend trains",
    "a program that teaches adults to read",
    "the budget for the coming year",
    "a method to reduce energy use in old buildings",
    "the findings of the annual bird count",
    "a guide for families who move to the area",
    "the design of a safer crossing near the school",
    "a report on the history of the harbor",
]
EN_TAILS = [
    "during a long and lively debate",
    "with help from a national foundation",
    "on the last day of the fair",
    "while the river was still rising",
    "in front of a small but curious crowd",
    "only weeks after the election",
    "after months of careful work",
    "with support from local businesses",
    "in a meeting on Tuesday evening",
    "and invited residents to comment",
    "despite a difficult winter",
    "to the surprise of many observers",
    "as part of a larger effort",
    "before the end of the season",
]
EN_FOLLOW = [
    "A spokesperson declined to say how long the work would take.",
    "Parents at the meeting asked whether children would be safe on the new route.",
    "Some residents remembered a similar idea that failed in the nineties.",
    "The mayor thanked everyone who had written letters about the issue.",
    "Local historians hope the records will answer old questions about the town.",
    "Nobody expected the vote to be this close.",
    "Many people said that the change was long overdue.",
    "Officials expect the first effects to be visible within a year.",
    "The details will be shared with the public in the coming weeks.",
    "Critics argued that the cost was too high for a town of this size.",
    "It is the first time that such a project has been tried in the region.",
    "Several experts have praised the approach as practical and fair.",
    "The next meeting is open to anyone who wants to take part.",
    "Those who worked on it said they learned a great deal from the process.",
]

ZH_SUBJECTS = [
    "港务委员会",
    "一位退休教师",
    "县法院",
    "两位年轻建筑师",
    "市交响乐团",
    "当地报社",
    "消防支队",
    "几位商户",
    "大学出版社",
    "骑行俱乐部",
    "市政府",
    "研究团队",
    "区图书馆",
    "当地学校",
    "交通管理部门",
    "社区志愿者",
    "省气象台",
    "一家小型企业",
    "农业合作社",
    "市博物馆",
]
ZH_VERBS = [
    "质疑了",
    "庆祝了",
    "记录了",
    "资助了",
    "推迟了",
    "翻译了",
    "重建了",
    "调查了",
    "发布了",
    "完成了",
    "讨论了",
    "公布了",
    "提出了",
    "审议了",
    "介绍了",
    "启动了",
]
ZH_OBJECTS = [
    "早期移民书信的档案",
    "修补道路裂缝的低成本办法",
    "老市场附近停车的新规定",
    "青少年电影节",
    "机场夜间降噪的方案",
    "公共游泳池的供暖费用",
    "洪水之后植树情况的地图",
    "面向店员的急救课程",
    "老城区排水管道的改造计划",
    "乡村学校的午餐补助办法",
    "关于城市公园建设的新规划",
    "为期两年的河流水质监测报告",
    "周末列车运行的新时刻表",
    "面向成年人的扫盲项目",
    "下一年度的财政预算",
    "老旧建筑节能改造的方案",
    "年度鸟类调查的结果",
    "为新迁入家庭编写的生活指南",
]
ZH_TAILS = [
    "在一场热烈的讨论中",
    "在全国性基金会的帮助下",
    "在集市的最后一天",
    "趁河水尚未退去",
    "在一小群好奇的市民面前",
    "在选举结束几周后",
    "经过数月的认真准备",
    "在周二晚上的会议上",
    "并邀请居民提出意见",
    "得到了当地企业的支持",
    "作为一项长期计划的一部分",
]
ZH_FOLLOW = [
    "一位发言人没有透露工程需要多长时间。",
    "参加会议的家长询问孩子们走新路线是否安全。",
    "一些居民还记得九十年代有过类似的设想，但最终没有实现。",
    "市长感谢所有为此事写信的市民。",
    "地方史学者希望这些档案能解答关于小城的老问题。",
    "没有人想到投票结果会如此接近。",
    "许多市民表示，这一变化早就应该到来。",
    "有关负责人预计，相关效果将在一年内逐步显现。",
    "具体细节将在未来几周内向社会公开。",
    "也有人认为，对于这样规模的城市来说，成本偏高。",
    "专家认为，这一做法务实而公平，值得推广。",
    "下一次会议将向所有有意参与的人开放。",
    "参与项目的工作人员说，他们在这个过程中学到了很多。",
]
BOILERPLATE_EN = [
    "Home | About | Contact | Privacy Policy | Terms of Use",
    "Click here to subscribe to our newsletter!",
    "This website uses cookies to improve your experience.",
    "Copyright 2024 All rights reserved.",
    "Share on Facebook",
    "Read more",
]
BOILERPLATE_ZH = [
    "首页 | 关于我们 | 联系我们 | 隐私政策",
    "点击这里订阅",
    "版权所有 © 2024",
    "分享到微博",
    "更多精彩内容请点击",
    "广告",
]


class _Deck:
    """Draws phrases without replacement within one document, so that a document
    does not repeat itself (repetition filters would rightly remove it)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.piles: dict[int, list[str]] = {}

    def draw(self, items: list[str]) -> str:
        pile = self.piles.get(id(items))
        if not pile:
            pile = list(items)
            self.rng.shuffle(pile)
            self.piles[id(items)] = pile
        return pile.pop()


def en_paragraph(rng: random.Random, deck: _Deck | None = None) -> str:
    deck = deck or _Deck(rng)
    sents = []
    for _ in range(rng.randint(2, 4)):
        sents.append(
            f"{deck.draw(EN_SUBJECTS)} {deck.draw(EN_VERBS)} {deck.draw(EN_OBJECTS)} {deck.draw(EN_TAILS)}."
        )
        if rng.random() < 0.6:
            sents.append(deck.draw(EN_FOLLOW))
    return " ".join(sents)


def zh_paragraph(rng: random.Random, deck: _Deck | None = None) -> str:
    deck = deck or _Deck(rng)
    sents = []
    for _ in range(rng.randint(2, 4)):
        sents.append(
            f"{deck.draw(ZH_SUBJECTS)}{deck.draw(ZH_TAILS)}，{deck.draw(ZH_VERBS)}{deck.draw(ZH_OBJECTS)}。"
        )
        if rng.random() < 0.6:
            sents.append(deck.draw(ZH_FOLLOW))
    return "".join(sents)


def article(rng: random.Random, lang: str) -> str:
    make = en_paragraph if lang == "en" else zh_paragraph
    deck = _Deck(rng)
    return "\n\n".join(make(rng, deck) for _ in range(rng.randint(1, 3)))


def near_copy(rng: random.Random, text: str, lang: str) -> str:
    if lang == "zh":
        chars = list(text)
        for _ in range(max(1, len(chars) // 60)):
            i = rng.randrange(len(chars))
            chars[i] = rng.choice("的了是在和有也就都")
        return "".join(chars)
    words = text.split(" ")
    for _ in range(max(1, len(words) // 40)):
        i = rng.randrange(len(words))
        words[i] = rng.choice(["very", "also", "still", "quite", "really"])
    return " ".join(words)


def with_pii(rng: random.Random, lang: str) -> str:
    user = rng.choice(["anna.smith", "li.wei", "j.doe", "zhang_san", "m.garcia"])
    email = f"{user}{rng.randint(1, 99)}@example.{rng.choice(['com', 'org', 'cn'])}"
    if lang == "en":
        phone = f"+1 (555) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
        return article(rng, "en") + f"\n\nFor questions, contact {email} or call {phone}."
    phone = f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
    return article(rng, "zh") + f"\n\n如有疑问，请联系 {email} 或致电 {phone}。"


def boilerplate(rng: random.Random, lang: str) -> str:
    lines = BOILERPLATE_EN if lang == "en" else BOILERPLATE_ZH
    return "\n".join(rng.choice(lines) for _ in range(rng.randint(4, 12)))


def junk(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return " ".join("".join(rng.choice("#$%&*@!") for _ in range(rng.randint(1, 4))) for _ in range(30))
    if kind == 1:
        return "buy cheap " * rng.randint(20, 60)
    if kind == 2:
        return "ok"
    return "\n".join(f"- item {i}" for i in range(rng.randint(5, 20)))


MOJIBAKE = "The cafÃ© opened last week, and itâ€™s already popular with students who like its quiet rooms."


def generate(n_docs: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    lines: list[bytes] = []
    originals: list[tuple[str, str]] = []
    for i in range(n_docs):
        r = rng.random()
        lang = "en" if rng.random() < 0.55 else "zh"
        if r < 0.55 or not originals:
            text = article(rng, lang)
            originals.append((text, lang))
            kind = "article"
        elif r < 0.63:
            text, lang = rng.choice(originals)
            kind = "exact_copy"
        elif r < 0.73:
            src, lang = rng.choice(originals)
            text = near_copy(rng, src, lang)
            kind = "near_copy"
        elif r < 0.80:
            text = with_pii(rng, lang)
            kind = "pii"
        elif r < 0.87:
            text = boilerplate(rng, lang)
            kind = "boilerplate"
        elif r < 0.94:
            text = junk(rng)
            kind = "junk"
        elif r < 0.97:
            text = MOJIBAKE + " " + en_paragraph(rng)
            lang, kind = "en", "mojibake"
        else:
            text = article(rng, lang) + "\n\n" + boilerplate(rng, lang)
            kind = "article_with_boilerplate"
        rec = {"id": f"doc-{i:06d}", "text": text, "source": "generated", "kind": kind, "lang_hint": lang}
        lines.append(json.dumps(rec, ensure_ascii=False).encode("utf-8"))
    # a few malformed records, at fixed positions
    bad = [
        b'{"id": "bad-json", "text": "unterminated',
        b'{"id": "bad-utf8", "text": "caf\xc3\x28 latin \xff"}',
        b'{"id": "no-text", "title": "a record without text"}',
        b'{"id": "null-text", "text": null}',
        b'{"id": "num-text", "text": 12345}',
        b'{"id": "empty-text", "text": "   "}',
        b'["not", "an", "object"]',
    ]
    for j, b in enumerate(bad):
        lines.insert((j + 1) * len(lines) // (len(bad) + 1), b)
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="data/sample")
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--shards", type=int, default=4)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    lines = generate(args.docs, args.seed)
    per = (len(lines) + args.shards - 1) // args.shards
    for s in range(args.shards):
        chunk = lines[s * per : (s + 1) * per]
        path = out / f"part-{s:05d}.jsonl.gz"
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            gz.write(b"\n".join(chunk) + b"\n")
        print(f"wrote {path} ({len(chunk)} lines)")


if __name__ == "__main__":
    main()
