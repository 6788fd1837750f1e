"""``public_suffix.has_fqdn`` gives tldextract's answer (``fqdn != ""`` of an offline ``TLDExtract`` over
its bundled snapshot) on every rule of the list (exact, wildcard, exception, private), with variants
(subdomains, user info, ports, paths, case, root dots, full-width stops, punycode), IP literals and
e-mail addresses; and the e-mail recognizer keeps the same addresses."""

from __future__ import annotations

import pkgutil

import pytest
import tldextract
from tldextract.suffix_list import extract_tlds_from_suffix_list

from operators.pii.public_suffix import has_fqdn, suffix_start
from operators.pii.recognizers_email import LinearEmailRecognizer


@pytest.fixture(scope="module")
def reference():
    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    return lambda text: extractor(text).fqdn != ""


def _rules() -> list[str]:
    text = pkgutil.get_data("tldextract", ".tld_set_snapshot").decode("utf-8")
    public, private = extract_tlds_from_suffix_list(text)
    return public + private


def _variants(rule: str) -> list[str]:
    r = rule.replace("*", "foo").lstrip("!")
    out = [r, "x." + r, "a.b." + r, "u@x." + r, "U@X." + r.upper(), "x." + r + ".", "x-" + r]
    out += ["http://x." + r + ":8080/p?q#f", "x" + r, "x.." + r, "." + r, "x.www." + r]
    if r.isascii():
        out.append("x\u3002" + r.replace(".", "\uff0e"))
    else:
        try:
            out.append("x." + r.encode("idna").decode("ascii"))
        except UnicodeError:
            pass
    return out


def test_every_rule_with_variants(reference):
    cases = [v for rule in _rules() for v in _variants(rule)]
    assert len(cases) > 100_000
    diff = [v for v in cases if has_fqdn(v) != reference(v)]
    assert diff == []


@pytest.mark.parametrize(
    "text",
    [
        "", "@", "a@b", "a@b.c", "localhost", "1.2.3.4", "a@1.2.3.4", "[::1]", "a@[::1]", "[a.com]",
        "a@example.com", "first.last@mail.example.co.uk", "x@xn--fiqs8s", "x@xn--55qx5d.cn",
        "x@b.xn--55qx5d.cn", "x@xn--zz.com", "www.ck", "a.www.ck", "a.b.ck", "city.kawasaki.jp",
        "a.city.kawasaki.jp", "b.kawasaki.jp", "a@b@c.com", "user:pw@host.org:25", "x@EXAMPLE.COM.",
        "邮箱abc@163.com", "x@appspot.com", "x@a.appspot.com", "x@blogspot.co.uk",
    ],
)  # fmt: skip
def test_edge_cases(reference, text):
    assert has_fqdn(text) == reference(text)


def test_suffix_start():
    assert suffix_start(["mail", "example", "co", "uk"]) == 2
    assert suffix_start(["a", "b", "ck"]) == 1  # *.ck
    assert suffix_start(["a", "www", "ck"]) == 2  # !www.ck
    assert suffix_start(["no", "such-tld"]) is None


def test_email_recognizer_keeps_listed_domains():
    rec = LinearEmailRecognizer(supported_language="xx")
    text = "write to a@example.com, b@host.invalidtld or c@mail.example.co.uk; 邮箱abc@163.com或手机"
    found = [text[r.start : r.end] for r in rec.analyze(text, ["EMAIL_ADDRESS"])]
    assert found == ["a@example.com", "c@mail.example.co.uk", "abc@163.com"]
