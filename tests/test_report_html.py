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


def test_end_of_run_pieces_are_timed_in_order_and_the_manifest_is_last(run):
    import json

    on_disk = json.loads((run["out"] / "report.json").read_text(encoding="utf-8"))["end_of_run"]
    assert list(on_disk) == ["shard_schema", "report", "html", "card"]  # measured before report.json
    assert list(run["report"]["end_of_run"]) == [
        "shard_schema",
        "report",
        "html",
        "card",
        "write",
        "manifest",
    ]
    manifest = json.loads((run["out"] / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    assert {"report.json", "report.html", "README.md"} <= listed
    assert not (run["out"] / "_progress").exists()


def test_charts_are_plain_deterministic_svg():
    import xml.dom.minidom

    from engine import svg_plot

    edges = [0.0, 1.0, 10.0, 100.0, 1000.0]
    series = [("all", [0, 3, 9, 4, 1, 0], "#aaa"), ("kept", [0, 1, 7, 4, 0, 0], "#236")]
    charts = [
        svg_plot.histogram(edges, series, "length", "chars", log_x=True, marks=[(50.0, "min=50")]),
        svg_plot.histogram(edges, series, "t", "x", log_x=False, log_y=True),
        svg_plot.hbar(
            [("input", 12.0), ("length_filter", 7.0)], "Documents after each step", "documents", "#236"
        ),
        svg_plot.bars(
            ["en", "zh"], [("all", [5, 3], "#aaa"), ("kept", [4, 3], "#236")], "langs", "documents"
        ),
        svg_plot.shares([("original", 9, "#236"), ("synthetic", 1, "#e0a030")]),
        svg_plot.hbar([], "empty", "documents", "#236"),
        svg_plot.histogram(edges, [("all", [0] * 6, "#aaa")], "no data", "x", log_x=True),
    ]
    for svg in charts:
        doc = xml.dom.minidom.parseString(svg)  # well-formed
        assert doc.documentElement.tagName == "svg" and "nan" not in svg.lower()
    assert 'stroke-dasharray="4 3"' in charts[0] and "min=50" in charts[0]
    assert ">10<" in charts[0] and ">100<" in charts[0]  # log-scale ticks at powers of ten
    assert "all (17)" in charts[0] and "kept (12)" in charts[0]
    assert svg_plot.histogram(edges, series, "length", "chars", True, [(50.0, "min=50")]) == charts[0]
    assert "语言" in svg_plot.hbar([("语言", 1.0)], "t", "x", "#236")  # text stays text


def test_rendering_does_not_import_matplotlib():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    code = (
        "import json, sys; from engine.report_html import render_html; "
        "render_html({'name': 'x', 'ops': [], 'profile': {}}); print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
