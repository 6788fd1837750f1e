"""OUT/README.md: Hugging Face dataset card front matter and sections."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from operators._fasttext import bundled_lid_model
from tests._report_run import shared_run


@pytest.fixture(scope="module")
def card(ray_session, tmp_path_factory):
    run = shared_run(tmp_path_factory)
    text = (run["out"] / "README.md").read_text(encoding="utf-8")
    return run, text


def test_front_matter(card):
    _run, text = card
    assert text.startswith("---\n")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["license"] == "cc-by-4.0"
    assert sorted(front["language"]) == ["en", "zh"]
    assert front["size_categories"] == ["n<1K"]
    assert front["task_categories"] == ["text-generation"]
    assert front["pretty_name"] == "report-test"
    assert front["configs"][0]["data_files"][0]["path"] == "data/*.parquet"


def test_sections_are_bilingual(card):
    _run, text = card
    for heading in (
        "## Dataset summary · 数据集概述",
        "## Data dictionary · 数据字典",
        "## Statistics · 统计",
        "## Quality score · 质量评分",
        "## Pipeline · 处理流程",
        "## Versions and models · 版本与模型",
        "## Exact configuration · 完整配置",
        "## Known limitations · 已知局限",
        "## Intended use · 预期用途",
    ):
        assert heading in text, heading
    assert "由 corpusforge" in text and "was built by corpusforge" in text
    assert "- Test data only." in text


def test_data_dictionary_names_every_column_and_its_writer(card):
    run, text = card
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| `")}
    assert "`n_words`" in rows and "length_filter (length_filter)" in rows["`n_words`"]
    assert "`lang_score`" in rows and "language_id (language_id)" in rows["`lang_score`"]
    assert "`date`" in rows and "input column" in rows["`date`"]
    assert "`text`" in rows and "normalize_text" in rows["`text`"]
    dictionary = {d["column"] for d in run["report"]["data_dictionary"]}
    import pyarrow.dataset as pads

    assert dictionary == set(pads.dataset(str(run["out"] / "data"), format="parquet").schema.names)


def test_config_versions_and_model_hash(card):
    run, text = card
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert yaml.safe_load(block) == yaml.safe_load(yaml.safe_dump(run["cfg"]))
    model = bundled_lid_model()
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    assert digest in text and model.name in text
    models = run["report"]["versions"]["models"]
    assert [(m["step"], m["sha256"]) for m in models] == [("language_id", digest)]
    assert "corpusforge 0.1.0" in text and "pyarrow" in text
    assert f"{run['report']['quality']['total']:.1f} / 100" in text
