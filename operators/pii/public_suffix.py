"""Does an e-mail's domain end in a public suffix with a name before it? tldextract's answer, without
tldextract's tries.

Presidio's e-mail recognizer keeps a match only where ``tldextract.extract(match).fqdn`` is not
empty. A ``TLDExtract`` restricted to the Public Suffix List snapshot tldextract bundles gives that
answer offline, but building it cost ~0.1 CPU-s in every worker (more in a process with a large
heap: 17,000 trie objects, each a dict the garbage collector tracks), and one of its two tries
holds the private-domain rules that an extractor with ``include_psl_private_domains=False`` never
reads. :func:`has_fqdn` answers the same question from the same snapshot with two sets of strings
(~0.01 CPU-s), following tldextract 5's steps: ``lenient_netloc`` (tldextract's own function:
scheme, user info, port, path, root dots), the three non-ASCII full stops read as ".", a bracketed
IPv6 literal is no domain, then ``_PublicSuffixListTLDExtractor.suffix_index`` over the public
rules (exact labels, ``*`` wildcards and ``!`` exceptions, punycode labels decoded) and
``ExtractResult.fqdn`` (a suffix and a label before it). ``tests/test_pii_public_suffix.py`` checks
it against tldextract on every rule of the list (public and private) with variants, and on edge
cases.
"""

from __future__ import annotations

import functools

_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})


@functools.cache
def _rules() -> tuple[frozenset[str], frozenset[str]]:
    """(every label path that is a node of tldextract's public-suffix trie, those that end a rule);
    a path is written in domain order ("co.uk": the node "uk", then "co")."""
    import pkgutil

    from tldextract.suffix_list import extract_tlds_from_suffix_list

    data = pkgutil.get_data("tldextract", ".tld_set_snapshot")
    if data is None:
        raise RuntimeError("tldextract's bundled Public Suffix List snapshot is missing")
    public, _private = extract_tlds_from_suffix_list(data.decode("utf-8"))
    nodes: set[str] = set()
    for rule in public:
        labels = rule.split(".")
        for i in range(len(labels)):
            nodes.add(".".join(labels[i:]))
    return frozenset(nodes), frozenset(public)


def _decode_punycode(label: str) -> str:
    """tldextract's ``_decode_punycode``: lower case, and an ``xn--`` label decoded where IDNA can."""
    lowered = label.lower()
    if lowered.startswith("xn--"):
        import idna

        try:
            return idna.decode(lowered)
        except (UnicodeError, IndexError):
            pass
    return lowered


def suffix_start(labels: list[str]) -> int | None:
    """The index of the first label of the public suffix (``suffix_index`` of tldextract without
    private rules), or None where no rule matches."""
    nodes, ends = _rules()
    n = len(labels)
    suffix_idx = label_idx = n
    node = ""
    for label in reversed(labels):
        decoded = _decode_punycode(label)
        key = f"{decoded}.{node}" if node else decoded
        if key in nodes:
            label_idx -= 1
            node = key
            if key in ends:
                suffix_idx = label_idx
            continue
        if (f"*.{node}" if node else "*") in nodes:
            return label_idx if f"!{key}" in nodes else label_idx - 1
        break
    return None if suffix_idx == n else suffix_idx


def has_fqdn(text: str) -> bool:
    """``TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)(text).fqdn != ""``."""
    from tldextract.remote import lenient_netloc, looks_like_ipv6

    netloc = lenient_netloc(text).translate(_DOTS)
    if len(netloc) >= 4 and netloc[0] == "[" and netloc[-1] == "]" and looks_like_ipv6(netloc[1:-1]):
        return False
    labels = netloc.split(".")
    start = suffix_start(labels)
    return start is not None and start > 0 and labels[start - 1] != "" and start < len(labels)
