"""A labeled near-duplicate corpus generated from real-looking prose (for the dedup tests).

Families: each original document with its derived copies (exact copies,
1-10% word edits, appended boilerplate, reordered paragraphs). Hard
negatives share a long template (header, footer, layout sentences) but each
has its own content. Truth is the family; true 5-gram Jaccard is computed
from an independent pure-Python tokenizer.
"""

from __future__ import annotations

import random
import re

import pyarrow as pa

from engine.columns import add_engine_columns

_WORDS = [
    "the",
    "city",
    "council",
    "met",
    "on",
    "tuesday",
    "to",
    "discuss",
    "a",
    "new",
    "plan",
    "for",
    "the",
    "river",
    "district",
    "where",
    "residents",
    "have",
    "asked",
    "for",
    "safer",
    "streets",
    "more",
    "parks",
    "and",
    "better",
    "public",
    "transport",
    "after",
    "years",
    "of",
    "delays",
    "the",
    "mayor",
    "said",
    "the",
    "budget",
    "would",
    "cover",
    "repairs",
    "to",
    "the",
    "old",
    "bridge",
    "and",
    "a",
    "bike",
    "lane",
    "along",
    "the",
    "water",
    "critics",
    "argued",
    "that",
    "the",
    "cost",
    "was",
    "too",
    "high",
    "while",
    "supporters",
    "pointed",
    "to",
    "rising",
    "traffic",
    "and",
    "a",
    "growing",
    "population",
    "local",
    "businesses",
    "hope",
    "the",
    "work",
    "will",
    "bring",
    "visitors",
    "back",
    "to",
    "the",
    "market",
    "square",
    "which",
    "has",
    "struggled",
    "since",
    "the",
    "factory",
    "closed",
    "farmers",
    "from",
    "nearby",
    "villages",
    "sell",
    "bread",
    "cheese",
    "apples",
    "honey",
    "and",
    "fresh",
    "fish",
    "every",
    "saturday",
    "morning",
    "teachers",
    "at",
    "the",
    "primary",
    "school",
    "plan",
    "a",
    "science",
    "fair",
    "in",
    "spring",
    "with",
    "projects",
    "on",
    "solar",
    "power",
    "clean",
    "water",
    "and",
    "recycling",
    "the",
    "library",
    "extended",
    "its",
    "opening",
    "hours",
    "and",
    "added",
    "a",
    "reading",
    "room",
    "for",
    "students",
    "preparing",
    "for",
    "exams",
    "doctors",
    "at",
    "the",
    "regional",
    "hospital",
    "warned",
    "about",
    "the",
    "flu",
    "season",
    "and",
    "urged",
    "older",
    "people",
    "to",
    "get",
    "vaccinated",
    "early",
    "researchers",
    "at",
    "the",
    "university",
    "published",
    "a",
    "study",
    "on",
    "soil",
    "quality",
    "and",
    "crop",
    "yields",
    "showing",
    "that",
    "careful",
    "rotation",
    "improves",
    "harvests",
    "over",
    "time",
    "the",
    "weather",
    "service",
    "expects",
    "heavy",
    "rain",
    "next",
    "week",
    "with",
    "strong",
    "winds",
    "along",
    "the",
    "coast",
    "so",
    "drivers",
    "should",
    "take",
    "care",
    "on",
    "mountain",
    "roads",
    "a",
    "new",
    "restaurant",
    "opened",
    "near",
    "the",
    "station",
    "serving",
    "soup",
    "noodles",
    "grilled",
    "vegetables",
    "and",
    "homemade",
    "cakes",
    "volunteers",
    "cleaned",
    "the",
    "beach",
    "collecting",
    "plastic",
    "bottles",
    "nets",
    "and",
    "glass",
    "before",
    "the",
    "summer",
    "festival",
]

_BOILERPLATE = (
    "Subscribe to our newsletter for weekly updates. Follow us on social media and share this article "
    "with your friends. All rights reserved."
)

_TEMPLATE_HEAD = (
    "Product overview and specifications. Thank you for choosing our store. Free shipping on orders over "
    "fifty dollars. Returns are accepted within thirty days of delivery."
)
_TEMPLATE_TAIL = (
    "Customer service is available every day from nine to five. Please read the care instructions before "
    "use. Prices include tax and may change without notice."
)

_WORD_RE = re.compile(r"[^\W_]+")


def shingles(text: str, n: int = 5) -> set[str]:
    """Independent reference: lower-cased alphanumeric word 5-grams."""
    toks = [t.lower() for t in _WORD_RE.findall(text)]
    if not toks:
        return set()
    width = min(n, len(toks))
    return {" ".join(toks[i : i + width]) for i in range(len(toks) - width + 1)}


def jaccard(a: str, b: str, n: int = 5) -> float:
    sa, sb = shingles(a, n), shingles(b, n)
    return len(sa & sb) / max(1, len(sa | sb))


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 18))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 5)))


def prose(rng: random.Random, paragraphs: int | None = None) -> str:
    return "\n\n".join(_paragraph(rng) for _ in range(paragraphs or rng.randint(3, 5)))


def edit_words(rng: random.Random, text: str, rate: float) -> str:
    words = text.split(" ")
    n_edits = max(1, round(rate * len(words)))
    for _ in range(n_edits):
        i = rng.randrange(len(words))
        op = rng.random()
        if op < 0.5:
            words[i] = rng.choice(_WORDS)
        elif op < 0.75 and len(words) > 10:
            del words[i]
        else:
            words.insert(i, rng.choice(_WORDS))
    return " ".join(words)


def labeled_corpus(seed: int = 7, originals: int = 60, negatives: int = 20):
    """Returns (rows, family) where rows are dicts {id, text, kind} and family maps id -> family id."""
    rng = random.Random(seed)
    rows: list[dict] = []
    family: dict[str, str] = {}

    def add(text: str, fam: str, kind: str, origin: str | None = None) -> None:
        doc_id = f"doc{len(rows):04d}"
        rows.append({"id": doc_id, "text": text, "kind": kind, "origin": origin})
        family[doc_id] = fam

    for k in range(originals):
        fam = f"f{k}"
        base = prose(rng)
        add(base, fam, "original")
        orig_id = rows[-1]["id"]
        variant = k % 6
        if variant == 0:
            add(base, fam, "exact", orig_id)
        elif variant in (1, 2, 3):
            add(edit_words(rng, base, rng.uniform(0.01, 0.10)), fam, "near", orig_id)
            if variant == 3:
                add(edit_words(rng, base, rng.uniform(0.01, 0.05)), fam, "near", orig_id)
        elif variant == 4:
            add(base + "\n\n" + _BOILERPLATE, fam, "boilerplate", orig_id)
        else:
            paras = base.split("\n\n")
            rng.shuffle(paras)
            add("\n\n".join(paras), fam, "reordered", orig_id)
    for k in range(negatives):
        body = " ".join(_sentence(rng) for _ in range(6))
        add(f"{_TEMPLATE_HEAD}\n\n{body}\n\n{_TEMPLATE_TAIL}", f"neg{k}", "negative")
    order = list(range(len(rows)))
    rng.shuffle(order)  # copies are not always after their original
    rows = [rows[i] for i in order]
    return rows, family


def to_tables(rows: list[dict], parts: int = 3, source: str = "corpus.jsonl", extra: dict | None = None):
    """Split rows into ``parts`` Arrow tables with engine columns (lines numbered in order)."""
    tables = []
    step = max(1, -(-len(rows) // parts))
    for start in range(0, len(rows), step):
        chunk = rows[start : start + step]
        cols = {"id": [r["id"] for r in chunk], "text": [r["text"] for r in chunk]}
        for name, values in (extra or {}).items():
            cols[name] = values[start : start + step]
        tables.append(add_engine_columns(pa.table(cols), source, start + 1))
    return tables


_ZH_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
    "十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研"
)


def chinese_corpus(seed: int = 11, originals: int = 12):
    """Chinese documents: each original with a near copy (2-6% character edits); all unrelated otherwise."""
    rng = random.Random(seed)
    rows, family = [], {}
    for k in range(originals):
        sents = []
        for _ in range(rng.randint(8, 12)):
            sents.append("".join(rng.choice(_ZH_CHARS) for _ in range(rng.randint(12, 24))) + "。")
        base = "".join(sents)
        chars = list(base)
        for _ in range(max(1, int(len(chars) * rng.uniform(0.02, 0.06) / 4))):
            i = rng.randrange(len(chars))
            chars[i] = rng.choice(_ZH_CHARS)
        for text, kind in ((base, "original"), ("".join(chars), "near")):
            doc_id = f"zh{len(rows):03d}"
            rows.append({"id": doc_id, "text": text, "kind": kind})
            family[doc_id] = f"z{k}"
    return rows, family


def char_jaccard(a: str, b: str, n: int = 5) -> float:
    ca = [c for c in a if c.isalnum()]
    cb = [c for c in b if c.isalnum()]
    sa = {"".join(ca[i : i + n]) for i in range(len(ca) - n + 1)}
    sb = {"".join(cb[i : i + n]) for i in range(len(cb) - n + 1)}
    return len(sa & sb) / max(1, len(sa | sb))
