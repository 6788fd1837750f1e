"""``url_filter``: removes documents by URL: domain and URL block lists, URL
substrings and regular expressions, with counts per category."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import ClassVar, Literal
from urllib.parse import urlsplit

import numpy as np
import pyarrow as pa
from pydantic import Field

from engine.columns import put_column
from engine.operator import Decision, Filter, FilterParams
from operators._source import SAFETY_FLAGS, SOURCE_KEY, source_keys

#: file names of the public block-list folder layout (UT1 / Shallalist: <folder>/<category>/domains|urls)
_LAYOUT_FILES = {"domains": "domain", "urls": "url"}


class UrlFilterParams(FilterParams):
    blocklists: list[str] = Field(
        default_factory=list,
        description="block-list files (one domain or URL per line, # comments; the category is the file name) or "
        "folders in the public layout <folder>/<category>/domains and <category>/urls (UT1, Shallalist)",
    )
    categories: list[str] | None = Field(
        None, description="use only these categories of the block lists (default: all)"
    )
    domains: list[str] = Field(default_factory=list, description="more blocked domains (category 'config')")
    url_substrings: list[str] = Field(
        default_factory=list, description="remove URLs containing one of these (case-insensitive)"
    )
    url_regexes: list[str] = Field(
        default_factory=list,
        description="remove URLs matching one of these (RE2 syntax: linear time, no backreferences)",
    )
    url_column: str = Field("url", description="column holding the document URL")
    missing_url: Literal["keep", "remove"] = Field(
        "keep", description="documents without a URL: keep, or remove (url_missing)"
    )


@functools.lru_cache(maxsize=1)
def _psl():
    import tldextract

    # the public suffix list snapshot bundled in the wheel; suffix_list_urls=() and no cache: nothing downloads
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registered_domain(host: str) -> str:
    """The registrable domain of a host by the Public Suffix List (``a.b.foo.co.uk`` -> ``foo.co.uk``).
    A name under a suffix the list does not know (``.example``, ``.internal``) counts its last
    label as the suffix; an IP address or a single label is its own domain."""
    r = _psl()(host)
    top = (
        r.top_domain_under_public_suffix
        if hasattr(r, "top_domain_under_public_suffix")
        else r.registered_domain
    )
    if top:
        return top
    if r.ipv4 or ":" in host or "." not in host:
        return host
    return ".".join(host.rsplit(".", 2)[-2:])


def _host_of(url: str) -> tuple[str | None, str]:
    """(host lower case without trailing dot or leading www., URL key host/path for URL-list matching)."""
    target = url.strip()
    if "://" not in target[:16]:
        target = "http://" + target
    try:
        parts = urlsplit(target)
        host = parts.hostname
    except ValueError:
        return None, ""
    if not host:
        return None, ""
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/")
    key = host + path + ("?" + parts.query if parts.query else "")
    return host, key


def _clean_entry(line: str) -> str | None:
    s = line.split("#", 1)[0].strip().lower()
    if not s:
        return None
    if "://" in s[:16]:
        s = s.split("://", 1)[1]
    if s.startswith("www."):
        s = s[4:]
    return s.rstrip("/") or None


class UrlFilter(Filter):
    """Removes documents whose URL is on a block list, contains a blocked substring or matches a blocked pattern.

    Domain lists match the host and every subdomain of a listed domain
    (``example.com`` blocks ``news.example.com``), walking up the host's labels
    no further than its registrable domain by the Public Suffix List (bundled
    with tldextract; nothing downloads), so a listed ``foo.co.uk`` blocks
    ``a.foo.co.uk`` and a stray ``co.uk`` entry cannot block a whole country.
    URL lists match the URL without scheme and ``www.`` and each parent path
    (``example.com/forum`` blocks ``example.com/forum/t/1``). Block lists are
    files (one entry per line) or folders in the public layout used by the
    UT1 (Université Toulouse Capitole) and Shallalist block lists:
    ``<category>/domains`` and ``<category>/urls``. Substrings are matched with
    one Aho-Corasick automaton and regular expressions with one RE2 pattern, so
    the cost per URL is linear in its length (Cox 2007, "Regular Expression
    Matching Can Be Simple And Fast").

    Reasons name the category: ``url_blocklist:<category>``,
    ``url_substring``, ``url_regex``, ``url_missing``; the report counts each.
    Columns: ``url_block_category`` (the category, null when kept),
    ``source_domain`` (the URL's host, when not already set) and
    ``safety_flags`` + ``url:<category>`` for the per-source rollup
    (operators/_source.py).
    """

    name: ClassVar[str] = "url_filter"
    Params: ClassVar[type[FilterParams]] = UrlFilterParams
    output_columns: ClassVar[dict[str, str]] = {
        "url_block_category": "block-list category, 'substring' or 'regex' that matched the URL (null: none)",
        SAFETY_FLAGS: "url:<category> for a blocked URL (and other safety filters' labels)",
        SOURCE_KEY: "source of the document (host of its URL), for the per-source rollup",
    }
    scratch_columns: ClassVar[tuple[str, ...]] = ("_url_filter_reason",)

    def __init__(self, params=None, **kwargs) -> None:
        super().__init__(params, **kwargs)
        p: UrlFilterParams = self.params  # type: ignore[assignment]
        self._domains: dict[str, str] = {}
        self._urls: dict[str, str] = {}
        for path in p.blocklists:
            self._load(Path(path), p.categories)
        for d in p.domains:
            e = _clean_entry(d)
            if e:
                self._domains.setdefault(e, "config")
        self._max_domain = max(map(len, self._domains), default=0)
        self._max_url = max(map(len, self._urls), default=0)
        self._ac = None
        if p.url_substrings:
            import ahocorasick

            ac = ahocorasick.Automaton()
            for s in p.url_substrings:
                if s:
                    ac.add_word(s.lower(), s)
            ac.make_automaton()
            self._ac = ac
        self._re = None
        if p.url_regexes:
            import re2

            try:
                self._re = re2.compile("|".join(f"(?:{r})" for r in p.url_regexes))
            except re2.error as exc:
                raise ValueError(f"url_regexes: not a valid RE2 pattern: {exc}") from None

    def _load(self, path: Path, only: list[str] | None) -> None:
        if not path.exists():
            raise FileNotFoundError(f"blocklists: '{path}' does not exist")
        if path.is_file():
            self._load_file(path, path.stem.split(".")[0], "domain")
            return
        found = False
        for root, _dirs, files in sorted(os.walk(path)):
            for name in sorted(files):
                kind = _LAYOUT_FILES.get(name)
                if kind is None:
                    continue
                category = Path(root).relative_to(path).as_posix() or path.name
                if only is not None and category not in only:
                    continue
                self._load_file(Path(root) / name, category, kind)
                found = True
        if not found:
            raise FileNotFoundError(
                f"blocklists: '{path}' has no <category>/domains or <category>/urls files"
            )

    def _load_file(self, path: Path, category: str, kind: str) -> None:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                e = _clean_entry(line)
                if e is None:
                    continue
                if kind == "domain" and "/" not in e:
                    self._domains.setdefault(e, category)
                else:
                    self._urls.setdefault(e, category)

    # -- matching ------------------------------------------------------------
    def _domain_category(self, host: str) -> str | None:
        # a host name has at most 253 characters (RFC 1035); only suffixes as short as the
        # longest listed domain can match, so the walk is bounded whatever the input
        if not self._domains or len(host) > 253:
            return None
        top = registered_domain(host)
        cand = host
        while len(cand) > self._max_domain and len(cand) > len(top) and "." in cand:
            cand = cand.split(".", 1)[1]
        while True:
            cat = self._domains.get(cand)
            if cat is not None:
                return cat
            if cand == top or "." not in cand or len(cand) <= len(top):
                return None
            cand = cand.split(".", 1)[1]

    def _url_category(self, key: str) -> str | None:
        if not self._urls:
            return None
        cand = key
        if (
            len(cand) > self._max_url
        ):  # no listed URL is longer: start from the longest prefix that could match
            cut = cand.rfind("/", 0, self._max_url + 1)
            cand = cand[:cut] if cut > 0 else ""
        while "/" in cand:
            cat = self._urls.get(cand)
            if cat is not None:
                return cat
            cand = cand.rsplit("/", 1)[0]
        return None

    def category(self, url: str | None) -> tuple[str | None, str | None]:
        """(reason, category) for one URL; (None, None) when it is not blocked."""
        p: UrlFilterParams = self.params  # type: ignore[assignment]
        if url is None or not str(url).strip():
            return ("url_missing", "missing") if p.missing_url == "remove" else (None, None)
        host, key = _host_of(url)
        if host is not None:
            cat = self._domain_category(host) or self._url_category(key)
            if cat is not None:
                return f"url_blocklist:{cat}", cat
        low = url.lower()
        if self._ac is not None:
            for _ in self._ac.iter(low):
                return "url_substring", "substring"
        if self._re is not None and self._re.search(url):
            return "url_regex", "regex"
        return None, None

    def score(self, table: pa.Table) -> pa.Table:
        p: UrlFilterParams = self.params  # type: ignore[assignment]
        n = table.num_rows
        urls = table.column(p.url_column).to_pylist() if p.url_column in table.column_names else [None] * n
        cats: list[str | None] = []
        reasons: list[str | None] = []
        for url in urls:
            reason, cat = self.category(url if isinstance(url, str) else None)
            cats.append(cat)
            reasons.append(reason)
        table = put_column(table, "url_block_category", pa.array(cats, pa.string()))
        table = put_column(table, "_url_filter_reason", pa.array(reasons, pa.string()))
        if SOURCE_KEY not in table.column_names:  # the same key content_filter's source_column writes
            table = put_column(table, SOURCE_KEY, source_keys(table, p.url_column, "domain"))
        flags = table.column(SAFETY_FLAGS).to_pylist() if SAFETY_FLAGS in table.column_names else [None] * n
        merged = [
            (list(f or []) + [f"url:{c}"]) if c is not None and c != "missing" else (list(f) if f else None)
            for f, c in zip(flags, cats)
        ]
        return put_column(table, SAFETY_FLAGS, pa.array(merged, pa.list_(pa.string())))

    def decide(self, scored: pa.Table) -> Decision:
        reasons = scored.column("_url_filter_reason").to_pylist()
        return Decision(keep=np.array([r is None for r in reasons], dtype=bool), reasons=reasons)
