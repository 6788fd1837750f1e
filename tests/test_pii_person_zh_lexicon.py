"""``scripts/build_pii_lexicon.py`` reproduces the shipped word lists it derives from jieba's
dictionary (``cn_common_words.txt``, ``cn_counties.txt`` less its hand-appended section, and the
Chinese PERSON frame lists) byte for byte, so the data files never drift from the
script that documents them (a surname moved between ``cn_surnames.txt`` and
``cn_surnames_ambiguous.txt`` keeps its words; adding a surname needs the script re-run)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location(
        "build_pii_lexicon", ROOT / "scripts" / "build_pii_lexicon.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def built():
    jieba = pytest.importorskip("jieba")
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    if not os.path.exists(path):
        pytest.skip("jieba's dict.txt is not installed")
    return _script().build(path)


@pytest.mark.parametrize(
    "name",
    [
        "cn_common_words.txt",
        "cn_counties.txt",
        "cn_surname_words.txt",
        "cn_given_chars_jieba.txt",
        "cn_given_char_words.txt",
        "cn_frequent_words.txt",
    ],
)
def test_script_reproduces_the_shipped_file(built, name):
    shipped = (ROOT / "operators" / "pii" / "data" / name).read_text(encoding="utf-8")
    if built[name] != shipped:
        new, old = set(built[name].splitlines()), set(shipped.splitlines())
        pytest.fail(
            f"{name}: {len(new - old)} words only in the script's output, {len(old - new)} only shipped"
        )


def test_every_surname_is_covered(built):
    """A word that begins with a surname of either list is in the word list when jieba has it
    frequent and untagged as a name (高兴, 周末; 向往 from the ambiguous list)."""
    words = set(built["cn_common_words.txt"].splitlines())
    assert {"高兴", "周末", "王者", "黄金", "向往", "时间", "萧条"} <= words
    assert "张伟" not in words
