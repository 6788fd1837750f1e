"""report.html: self-contained (no external reference of any kind), renders in
headless Chromium, and `corpusforge report OUT` reproduces it byte for byte."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from engine.cli import main as cli
from tests._report_run import shared_run


@pytest.fixture(scope="module")
def run(ray_session, tmp_path_factory):
    return shared_run(tmp_path_factory)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if (
                name in ("src", "href", "xlink:href", "srcset", "action", "data", "poster")
                and value is not None
            ):
                self.refs.append((tag, name, value))


def test_html_has_no_external_reference(run):
    page = (run["out"] / "report.html").read_text(encoding="utf-8")
    parser = _Refs()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags and "iframe" not in parser.tags
    assert parser.tags.count("svg") >= 8  # funnel, reasons, languages, lengths, signals, ages, ...
    for tag, name, value in parser.refs:
        assert value.startswith("#"), f"<{tag} {name}={value!r}> is not an in-page reference"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert "@import" not in page
    for needle in (
        "Quality score",
        "Funnel",
        "length_filter: too_few_words",
        "language_id: lang_not_kept",
        "Documents per language",
        "min_words=8",
        "Duplicate cluster sizes",
        "PII findings per entity",
        "Synthetic documents in the output",
        "Document age on",
        "malformed_json",
    ):
        assert needle in page, needle


def test_rerender_is_identical_and_verify_still_passes(run, tmp_path, capsys):
    out = tmp_path / "copy"
    shutil.copytree(run["out"], out)
    before = {p: (out / p).read_bytes() for p in ("report.html", "README.md")}
    (out / "report.html").unlink()
    assert cli(["report", str(out)]) == 0
    assert "matches manifest" in capsys.readouterr().out
    assert {p: (out / p).read_bytes() for p in before} == before
    assert cli(["verify", str(out)]) == 0


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_renders_in_headless_chromium(run, tmp_path):
    from PIL import Image

    shot = tmp_path / "report.png"
    cmd = [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--hide-scrollbars",
        "--window-size=1280,3000",
        f"--screenshot={shot}",
        (run["out"] / "report.html").as_uri(),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    img = Image.open(shot).convert("RGB")
    assert img.size == (1280, 3000)
    colors = img.resize((64, 150)).getcolors(64 * 150)
    assert colors is not None and len(colors) > 20  # charts and text, not a blank page
