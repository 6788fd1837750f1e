"""The URL pre-check of the English tokenizer (``segment.url_end_search``): every string spaCy's URL
expression matches passes it (on random URL-like strings and shapes), most code-like chunks with a
``.`` do not, another expression gets no pre-check, and it is linear in the string."""

from __future__ import annotations

import random
import re

from operators.text import segment
from tests.pii_linear import best_cpu

RULES = segment.spacy_rules()
URL = re.compile(*segment.english_rules()["url"]).match


def _url_like(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    parts = [
        "http://", "https://", "ftp://", "www.", "a", "B", "z9", "1", "\u0661", "\xe9", "\u4e2d", ".", ".", ".com",
        ".org", ".io", ".Com", ".co.uk", ":8080", ":", "/", "/p?q=1", "?x", "#frag", "@", "user:pw@", "-", "_",
        "192", ".168", ".0", ".1", ".254", ".255", ".256", "10", "\uff46\uff55", ".\u0440\u0444", ".\u4e2d\u56fd",
        "(", ")", ",", "'", "localhost", "xn--p1ai",
    ]  # fmt: skip
    return ["".join(rng.choice(parts) for _ in range(rng.randint(1, 7))) for _ in range(n)]


def test_every_url_passes_the_pre_check():
    search = RULES._url_end
    assert search is not None  # spaCy's URL expression has the shape read
    urls = 0
    for s in _url_like(7, 60000) + [
        "example.com", "www.x.org/", "http://a.b.c/d?e#f", "1.2.3.4", "10.0.0.1:8080", "user@host.io",
        "sub.domain.io/path", "os.path", "3.14", "\u0661.\u0662.\u0663.\u0664", "a.\u0440\u0444", "\uff41.\uff42\uff43",
    ]:  # fmt: skip
        if URL(s):
            urls += 1
            assert search(s) is not None, s
    assert urls > 1000


def test_code_like_chunks_skip_the_url_expression():
    search = RULES._url_end
    for s in ["module.ClassName", "f(a.b)", "x.y,", "obj.attr[0]", "a.b(c)", "self.x=1"]:
        assert search(s) is None and not URL(s), s
    # the tokens are the URL expression's where it matches
    assert RULES.tokens("www.example.com") == ("www.example.com",)
    assert RULES.tokens("os.path") == ("os.path",)


def test_other_expression_gets_no_pre_check():
    assert segment.url_end_search(re.compile(r"^https?://\S+$")) is None


def test_linear_time():
    def cost(n: int) -> float:
        s = "a." * n + "b" * n + "(" + ".1" * n
        return best_cpu(lambda: [RULES._url_end(s) for _ in range(20)], 2)

    cost(1000)
    small, large = cost(20000), cost(80000)
    assert large < 8 * small + 0.05
