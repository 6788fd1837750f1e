"""Compiled regular expressions' code cached on disk (``operators/pii/regex_cache.py``): inside
``compile_cache()`` a pattern seen before is built from its cached code without being parsed, and
the pattern object is the one the library builds; ``pii_redact`` finds the same with the cache
filled, empty or off."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from operators.pii import regex_cache as rc

ROOT = Path(__file__).resolve().parents[1]

RE_PATTERNS = [
    (r"(?P<area>\d{3})[- .]?(?P<line>\d{4})", 0),
    (r"[\u3400-\u9fff]{2,4}(?=先生|女士)", 0),
    (r"\bmain\s+street\b", re.IGNORECASE),
    (r"(?x) a+ (b|c)* # verbose", 0),
    (r"(?:foo|bar|baz)++x", re.ASCII),
]
REGEX_PATTERNS = [
    (r"(?P<word>\p{Lu}[\p{L}\p{M}'’.-]*+)[ \t]++(?P<num>\d{1,5}+)", 0),
    (r"(?i)(?<![\w])(?:apt|suite|unit)\.?[ \t]?#?[0-9]{1,5}+", 0),
    (r"\d+(?:\.\d+)?", regex.ASCII),
    (r"(?r)abc", 0),
    (r"(?:张|王|李)\p{Han}{1,2}", regex.IGNORECASE),
]
TEXTS = ["call 555-1234 now", "张伟先生 王芳女士", "12 Main  Street", "aabcbx", "foobarx", "Lodskovvej 28",
         "Apt. 825 and SUITE #9", "version 3.11 or 12", "xxabcxx", "李小龙"]  # fmt: skip


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CORPUSFORGE_PII_BUILD_CACHE", raising=False)
    monkeypatch.setattr(rc, "_loaded_from", None)  # read this directory's file
    return tmp_path


def _compile_all() -> list:
    re.purge()
    regex.purge()
    return [re.compile(p, f) for p, f in RE_PATTERNS] + [regex.compile(p, f) for p, f in REGEX_PATTERNS]


def _behaviour(compiled: list) -> list:
    out = []
    for c in compiled:
        out.append((c.pattern, int(c.flags), c.groups, dict(c.groupindex)))
        for t in TEXTS:
            out.append([(m.span(), m.groups()) for m in c.finditer(t)])
    return out


def test_second_block_compiles_from_the_cache_without_parsing(cache_dir, monkeypatch):
    plain = _behaviour(_compile_all())  # outside any block: the libraries' own compile
    with rc.compile_cache():
        first = _behaviour(_compile_all())
    assert rc.cache_file().is_file()
    assert first == plain
    monkeypatch.setattr(rc, "_loaded_from", None)  # as a fresh process: the file is read again

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed although cached")

    from re import _parser

    import regex._regex_core

    monkeypatch.setattr(_parser, "parse", no_parsing)
    monkeypatch.setattr(regex._main, "_parse_pattern", no_parsing)
    with rc.compile_cache():
        cached = _behaviour(_compile_all())
    assert cached == plain
    monkeypatch.undo()
    with pytest.raises(AssertionError):  # the check above can fail: an uncached pattern is parsed
        monkeypatch.setattr(_parser, "parse", no_parsing)
        with rc.compile_cache():
            re.compile(r"never (seen) before \d+")
    monkeypatch.undo()


def test_cached_code_is_what_the_library_generates(cache_dir, monkeypatch):
    with rc.compile_cache():
        _compile_all()
    stored = rc._read(rc.cache_file())
    assert {k[0] for k in stored} == {"re", "regex"} and len(stored) == len(RE_PATTERNS) + len(REGEX_PATTERNS)
    other = cache_dir / "again"
    monkeypatch.setenv("CORPUSFORGE_CACHE_DIR", str(other))
    monkeypatch.setattr(rc, "_loaded_from", None)
    with rc.compile_cache():
        _compile_all()
    assert rc._read(rc.cache_file()) == stored  # generated again from scratch: the same code


def test_wrappers_only_inside_the_outermost_block(cache_dir):
    from re import _compiler

    from regex import _main

    before = (_compiler.compile, _main._compile)
    with rc.compile_cache():
        inside = (_compiler.compile, _main._compile)
        with rc.compile_cache():
            assert (_compiler.compile, _main._compile) == inside
        assert (_compiler.compile, _main._compile) == inside
    assert inside != before
    assert (_compiler.compile, _main._compile) == before


def test_other_threads_compiles_are_not_stored(cache_dir):
    """Set-up reads no document; another thread of the worker may meanwhile compile a pattern made
    of a document's words, which must not reach the file."""
    import threading

    compiled = {}
    go, done = threading.Event(), threading.Event()

    def other():
        go.wait(30)
        compiled["other"] = re.compile(r"Margaret\s+Olsen\d*"), regex.compile(r"Olsen\p{L}*")
        done.set()

    t = threading.Thread(target=other)
    t.start()
    with rc.compile_cache():
        go.set()
        assert done.wait(30)
        _compile_all()
    t.join()
    stored = rc._read(rc.cache_file())
    assert len(stored) == len(RE_PATTERNS) + len(REGEX_PATTERNS)
    assert not any("Olsen" in key[1] for key in stored)
    assert compiled["other"][0].match("Margaret  Olsen7") and compiled["other"][1].match("Olsens")


def test_stale_entries_are_pruned_when_the_file_is_rewritten(cache_dir, monkeypatch):
    with rc.compile_cache():
        _compile_all()
    path = rc.cache_file()
    stale = {("re", f"old pattern {i}", 0): (0, [1], 0, {}, (None,)) for i in range(40)}
    rc._write(path, {**rc._read(path), **stale})
    monkeypatch.setattr(rc, "_loaded_from", None)
    monkeypatch.setattr(rc, "_used", set())
    with rc.compile_cache():  # nothing new: the file is not rewritten
        _compile_all()
    assert len(rc._read(path)) == 40 + len(RE_PATTERNS) + len(REGEX_PATTERNS)
    monkeypatch.setattr(rc, "_SLACK", 10)
    with rc.compile_cache():  # a new pattern: rewritten, and only what this process compiled kept
        _compile_all()
        re.compile(r"a (new) pattern")
    kept = rc._read(path)
    assert len(kept) == 1 + len(RE_PATTERNS) + len(REGEX_PATTERNS)
    assert not any(k[1].startswith("old pattern") for k in kept)


def test_damaged_file_is_ignored_and_rewritten(cache_dir):
    with rc.compile_cache():
        _compile_all()
    path = rc.cache_file()
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    assert rc._read(path) == {}
    rc._loaded_from = None
    with rc.compile_cache():
        assert _behaviour(_compile_all()) == _behaviour([re.compile(p, f) for p, f in RE_PATTERNS]
                                                        + [regex.compile(p, f) for p, f in REGEX_PATTERNS])  # fmt: skip
    assert len(rc._read(path)) == len(RE_PATTERNS) + len(REGEX_PATTERNS)


def test_off_locale_bytes_and_named_lists_are_not_cached(cache_dir, monkeypatch):
    with rc.compile_cache():
        re.purge()
        regex.purge()
        re.compile(rb"\d+")
        regex.compile(r"\L<words>x", words=["a", "b"])
        regex.compile(r"(?L)\w+")
        re.compile(rb"(?L)\w+")
        assert regex.compile(r"\L<words>x", words=["a", "b"]).search("bx").group() == "bx"
    assert not rc.cache_file().exists() or rc._read(rc.cache_file()) == {}
    monkeypatch.setenv("CORPUSFORGE_PII_BUILD_CACHE", "0")
    with rc.compile_cache():
        _compile_all()
    assert not rc.cache_file().exists() or rc._read(rc.cache_file()) == {}


_FINDINGS = (
    "import json\n"
    "from engine.runner import start\n"
    "from operators.pii import PiiRedact\n"
    "from operators.pii.entities import ALL_ENTITIES, NER_ENTITIES\n"
    "op = PiiRedact(entities=[e for e in ALL_ENTITIES if e not in NER_ENTITIES])\n"
    "start(op)\n"
    "texts = ['Dear Margaret Olsen, call 555-123-4567 or j.r.whitcombe@example.org; 12 Main Street, Springfield.',\n"
    "         'Mail amy@example.org, IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111, http://x.org/a',\n"
    "         '联系人张伟，手机13912345678，身份证11010519491231002X，住址北京市海淀区中关村大街27号。',\n"
    "         'Born 12 March 1961, aged 63. Koepenicker Str. 74, 10179 Berlin. +44 20 7946 0958']\n"
    "print(json.dumps([[(f.entity, f.start, f.end, f.score) for f in op.find(t)] for t in texts]))\n"
)


def test_pii_redact_finds_the_same_with_the_cache_filled_empty_or_off(tmp_path):
    def findings(**env) -> list:
        import os

        out = subprocess.run(
            [sys.executable, "-c", _FINDINGS], cwd=ROOT, capture_output=True, text=True, timeout=600, check=True,
            env={**os.environ, "CORPUSFORGE_CACHE_DIR": str(tmp_path), **env},
        )  # fmt: skip
        return json.loads(out.stdout.strip().splitlines()[-1])

    off = findings(CORPUSFORGE_PII_BUILD_CACHE="0")
    assert not list(tmp_path.glob("pii-regex-code-*"))
    filling = findings(CORPUSFORGE_PII_BUILD_CACHE="1")
    files = list(tmp_path.glob("pii-regex-code-*.marshal"))
    assert len(files) == 1 and len(rc._read(files[0])) > 300  # the recognizers' and Presidio's patterns
    filled = findings(CORPUSFORGE_PII_BUILD_CACHE="1")
    assert off == filling == filled
    assert sum(map(len, off)) >= 10  # the comparison can fail: there are findings
