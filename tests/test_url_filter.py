"""url_filter on crafted block lists: subdomains, registered domains by the
Public Suffix List, the category-folder layout, URL lists, substrings, RE2
regexes, per-category reasons and the per-source rollup columns."""

from __future__ import annotations

import pyarrow as pa
import pytest

from engine import columns as C
from engine import runner
from operators.web.url_filter import UrlFilter, registered_domain
from tests.pii_linear import best_cpu


@pytest.fixture
def lists(tmp_path):
    root = tmp_path / "blacklists"
    (root / "gambling").mkdir(parents=True)
    (root / "gambling" / "domains").write_text("casino.example\n# a comment\n\nWWW.Poker.Example\n")
    (root / "adult").mkdir()
    (root / "adult" / "domains").write_text("foo.co.uk\n")
    (root / "adult" / "urls").write_text("forum.example.org/adult-board\nhttps://www.pics.example/gallery/\n")
    (root / "README").write_text("not a list")
    single = tmp_path / "malware.txt"
    single.write_text("evil.example.net\n")
    return root, single


def reasons(op: UrlFilter, urls: list) -> list:
    table = pa.table(
        {
            "id": [str(i) for i in range(len(urls))],
            "text": ["t"] * len(urls),
            "url": pa.array(urls, pa.string()),
        }
    )
    return list(runner.start(op).judge(table).reasons)


def test_domains_subdomains_and_psl(lists):
    root, single = lists
    op = UrlFilter(blocklists=[str(root), str(single)])
    urls = [
        "https://casino.example/",
        "http://www.casino.example/page?x=1",
        "https://eu.live.casino.example/",
        "https://notcasino.example/",  # a different registered domain that ends with the same letters
        "https://poker.example/",  # listed with www., matched without
        "https://a.b.foo.co.uk/x",  # subdomain of a listed registered domain under a multi-label suffix
        "https://bar.co.uk/",  # same public suffix, other domain
        "https://evil.example.net/x",  # single-file list: category = file name
        "https://CASINO.EXAMPLE:8443/",  # case and port
        "https://casino.example./",  # trailing dot
    ]
    assert reasons(op, urls) == [
        "url_blocklist:gambling",
        "url_blocklist:gambling",
        "url_blocklist:gambling",
        None,
        "url_blocklist:gambling",
        "url_blocklist:adult",
        None,
        "url_blocklist:malware",
        "url_blocklist:gambling",
        "url_blocklist:gambling",
    ]


def test_public_suffix_entry_blocks_nothing(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_text("co.uk\n")
    op = UrlFilter(blocklists=[str(f)])
    assert reasons(op, ["https://www.bbc.co.uk/news", "https://co.uk/"]) == [None, "url_blocklist:bad"]
    assert registered_domain("a.b.foo.co.uk") == "foo.co.uk"
    assert registered_domain("news.example.com.cn") == "example.com.cn"
    assert registered_domain("127.0.0.1") == "127.0.0.1"


def test_url_lists_match_path_prefixes(lists):
    root, _ = lists
    op = UrlFilter(blocklists=[str(root)], categories=["adult"])
    assert reasons(
        op,
        [
            "https://forum.example.org/adult-board",
            "https://forum.example.org/adult-board/thread/7",
            "https://forum.example.org/adult-boardgames",  # not at a path boundary
            "http://pics.example/gallery/cats.html",
            "https://casino.example/",  # gambling not selected
        ],
    ) == ["url_blocklist:adult", "url_blocklist:adult", None, "url_blocklist:adult", None]


def test_substrings_regexes_missing_and_inline_domains():
    op = UrlFilter(
        domains=["Spam.Example"],
        url_substrings=["/wp-login", "utm_source=spam"],
        url_regexes=[r"/\d{4}/\d{2}/casino-", r"(?i)\.xxx(?:/|$)"],
        missing_url="remove",
    )
    assert reasons(
        op,
        [
            "https://blog.example/wp-login.php",
            "https://blog.example/?UTM_SOURCE=SPAM",  # substrings are case-insensitive
            "https://news.example/2024/05/casino-night",
            "https://site.XXX/",
            "https://m.spam.example/",
            None,
            "",
            "https://fine.example/2024/05/library",
        ],
    ) == [
        "url_substring",
        "url_substring",
        "url_regex",
        "url_regex",
        "url_blocklist:config",
        "url_missing",
        "url_missing",
        None,
    ]


def test_columns_for_the_per_source_rollup():
    op = UrlFilter(domains=["casino.example"])
    table = pa.table(
        {
            "id": ["a", "b", "c"],
            "text": ["t"] * 3,
            "url": ["https://www.casino.example/x", "https://news.example/y", None],
            "safety_flags": pa.array([["content:sexual"], None, None], pa.list_(pa.string())),
        }
    )
    j = runner.start(op).judge(table)
    scored, keep, r = j.scored, j.keep, j.reasons
    rows = scored.to_pylist()
    assert list(keep) == [False, True, True] and r == ["url_blocklist:config", None, None]
    assert [x["url_block_category"] for x in rows] == ["config", None, None]
    assert [x["source_domain"] for x in rows] == ["casino.example", "news.example", None]
    assert rows[0]["safety_flags"] == ["content:sexual", "url:config"] and rows[1]["safety_flags"] is None


def test_annotate_mode_and_config_errors(tmp_path):
    op = UrlFilter(domains=["casino.example"], mode="annotate")
    table = C.add_engine_columns(
        pa.table({"id": ["a"], "text": ["t"], "url": ["https://casino.example"]}), "t.jsonl", 1
    )
    out = runner.run_operator(runner.start(op), table, "url_filter")
    assert (
        out.column(C.REMOVED_BY).null_count == 1 and out.column(C.REASON).null_count == 1
    )  # nothing removed
    assert out.column("url_block_category").to_pylist() == ["config"]
    with pytest.raises(ValueError, match="RE2"):
        UrlFilter(url_regexes=[r"(a)\1"])  # backreferences: not linear, RE2 refuses them
    with pytest.raises(FileNotFoundError):
        UrlFilter(blocklists=[str(tmp_path / "missing")])
    (tmp_path / "empty_dir").mkdir()
    with pytest.raises(FileNotFoundError, match="category"):
        UrlFilter(blocklists=[str(tmp_path / "empty_dir")])


def test_linear_time_on_long_urls():
    op = UrlFilter(domains=["x.example"], url_substrings=["aaab"], url_regexes=[r"(a+)+b"])

    def cpu(url: str) -> float:
        table = pa.table({"id": ["a"], "text": ["t"], "url": [url]})
        return max(best_cpu(lambda: op.judge(table), 3), 0.0005)

    for shape in (
        lambda n: "https://" + "a." * n + "example.com/",
        lambda n: "https://e.com/" + "a" * n,
        lambda n: "https://e.com" + "/a" * n,
    ):
        assert cpu(shape(80_000)) / cpu(shape(10_000)) < 16
