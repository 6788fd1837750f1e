"""The compiled C4 line rules and Gopher bullet/ellipsis line ratios against
plain-Python references of the rules (str.splitlines, str.strip, str.split,
re.sub of the citation marks, str.lower), at the thresholds and on line
separators, Unicode spaces, digits and case folding."""

from __future__ import annotations

import random
import re

import pyarrow as pa
import pytest

from operators.quality.c4 import C4Quality, _sentences_default
from operators.quality.gopher import GopherQuality

CITATION_RE = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
S = "This is a complete sentence."


def c4_reference(text, min_words=3, max_word=1000, min_sent=5):
    """(lines, removed per rule, sentences, page flag, rewritten text or None)."""
    removed = {"long": 0, "punct": 0, "few": 0, "js": 0, "policy": 0}
    kept, n_lines, sentences, flag = [], 0, 0, None
    for line in text.splitlines():
        n_lines += 1
        line = line.strip()
        words = line.split()
        if len(line) > max_word and any(len(w) > max_word for w in words):
            removed["long"] += 1
            continue
        line = CITATION_RE.sub("", line)
        if not line.endswith((".", "?", "!", '"', "'")) or line.endswith("..."):
            removed["punct"] += 1
            continue
        if len(words) < min_words:
            removed["few"] += 1
            continue
        low = line.lower()
        if "lorem ipsum" in low:
            flag = "lorem_ipsum"
            break
        if "javascript" in low:
            removed["js"] += 1
            continue
        if "{" in line:
            flag = "curly_bracket"
            break
        if any(x in low for x in POLICY):
            removed["policy"] += 1
            continue
        sentences += _sentences_default(line.split())
        kept.append(line)
    new = None if flag or sentences < min_sent else "\n".join(kept).strip()
    return n_lines, removed, sentences, flag, new


def c4_run(texts, **params):
    scored = C4Quality(**params).score(pa.table({"text": texts, "lang": ["en"] * len(texts)}))
    out = []
    for i, text in enumerate(texts):
        row = {c: scored.column(c)[i].as_py() for c in scored.column_names}
        removed = {
            "long": row["c4_lines_long_word"],
            "punct": row["c4_lines_no_terminal_punct"],
            "few": row["c4_lines_too_few_words"],
            "js": row["c4_lines_javascript"],
            "policy": row["c4_lines_policy"],
        }
        flag = row["c4_page_flag"]
        new = None if flag or row["c4_sentences"] < params.get("min_num_sentences", 5) else row["text"]
        out.append((row["c4_lines"], removed, row["c4_sentences"], flag, new))
    return out


CASES = [
    "",
    "\n\n",
    S,
    "\n".join([S] * 5),
    "\r\n".join([S] * 5) + "\r\n",
    "\u2028".join([S] * 5) + "\x85" + "One two.\x0bThree four five.\x1cSix seven eight.\x0c",
    "\n".join([S] * 5) + "\nTwo words.\nThree words here.\n\u3000 Ideographic space padded line. \xa0",
    "\n".join([S] * 5)
    + "\nSee the note [12] here.\nSee also [edit]\nA claim [citation needed]\nArabic [١٢] digits.",
    "\n".join([S] * 5) + "\nA trailing ellipsis...\nA trailing ellipsis..\nQuoted \"end\"\nSingle 'end'",
    "\n".join([S] * 5)
    + "\nEnable JavaScript in your browser.\nRead our PRIVACY POLICY today.\nUse of cooKies here.",
    "\n".join([S] * 5) + "\nLorem Ipsum dolor sit amet.\n" + S,
    "\n".join([S] * 5) + "\nSome code { here } is bad.\n" + S,
    "\n".join([S] * 5) + "\nLorem \u0130psum dolor sit amet.\nJavascr\u0130pt is a word.",
    "\n".join([S] * 5) + "\n" + "x" * 1000 + " fits.\n" + "y" * 1001 + " too long.\n" + "z" * 1001 + ".",
    "\n".join([S] * 5) + "\nBracket [ alone ] stays.\n[[1]] nested mark.\n[1 2] not a mark.\n[]",
]


@pytest.mark.parametrize("text", CASES)
def test_c4_kernel_matches_reference(text):
    assert c4_run([text]) == [c4_reference(text)]


@pytest.mark.parametrize("min_words", [0, 2, 3, 4])
def test_c4_kernel_min_words_boundary(min_words):
    text = "\n".join([S] * 5) + "\nOne.\nOne two.\nOne two three.\nOne two three four."
    got = c4_run([text], min_words_per_line=min_words)
    assert got == [c4_reference(text, min_words=min_words)]


def test_c4_kernel_random_texts_match_reference():
    rng = random.Random(13)
    alphabet = list("ab .?!\"'[]{}0123456789\n\r\t \xa0\u2028\x85…") + [
        "edit",
        "citation needed",
        "lorem ipsum",
    ]
    alphabet += ["javascript", "privacy policy", "K", "\u212a", "\u0130", "١", "word", "Word. ", "..."]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120))) for _ in range(400)]
    got = c4_run(texts, min_num_sentences=0)
    assert got == [c4_reference(t, min_sent=0) for t in texts]


def gopher_reference(text, bullets="•-‣◦●▪■◆◇○·*►→★☆※"):
    lines = text.splitlines()
    if not lines:
        return 0.0, 0.0
    nb = sum(line.lstrip().startswith(tuple(bullets)) for line in lines)
    ne = sum(line.rstrip().endswith(("...", "…")) for line in lines)
    return nb / len(lines), ne / len(lines)


def gopher_run(texts):
    scored = GopherQuality().score(pa.table({"text": texts, "lang": ["en"] * len(texts)}))
    return list(
        zip(
            scored.column("gopher_bullet_lines_ratio").to_pylist(),
            scored.column("gopher_ellipsis_lines_ratio").to_pylist(),
        )
    )


def test_gopher_line_ratios_match_reference():
    texts = [
        "",
        "\n",
        "- a\n- b\n" * 9 + "c",  # 18 of 19 bullet lines
        "\n".join(["• item"] * 9 + ["plain"]),  # exactly 0.9
        "a...\nb…\nc..\nd. . .\n  e...  \n",
        "\u3000* spaced bullet\r\n\x85→ arrow\u2028★ star…\u2029plain",
        "...",
        "…",
    ]
    rng = random.Random(7)
    alphabet = list("-*• .…a\n\r\t\xa0\u2028\x85\x1c\x1f") + ["...", "word"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(400)]
    assert gopher_run(texts) == [gopher_reference(t) for t in texts]
