"""``OUT/README.md``: a Hugging Face dataset card, rendered from ``report.json``.

YAML front matter (license, language, size category, task categories,
pretty name, data files) and sections: summary, data dictionary (every
column: type, meaning, writer), statistics, quality score, pipeline,
versions and model hashes, the exact config, known limitations and
intended use. With ``card.languages: [en, zh]`` every heading and every
generated sentence is written in English and Chinese.
"""

from __future__ import annotations

from typing import Any

import yaml

# key -> (English, Chinese)
T: dict[str, tuple[str, str]] = {
    "summary": ("Dataset summary", "数据集概述"),
    "summary_text": (
        (
            "{name} was built by corpusforge {engine} from {input_docs:,} input documents in "
            "{input_files:,} files: "
            "{output_docs:,} documents ({output_mb:,.1f} MB of text) were kept, {removed:,} removed by the "
            "pipeline's "
            "filters and deduplication, {quarantined:,} quarantined (unreadable input, or documents an "
            "operator failed "
            "on)."
        ),
        (
            "{name} 由 corpusforge {engine} 构建，输入 {input_files:,} 个文件共 {input_docs:,} 篇文档："
            "保留 {output_docs:,} 篇（文本 {output_mb:,.1f} MB），经过滤与去重移除 {removed:,} 篇，"
            "{quarantined:,} 篇被隔离（输入无法读取，或算子处理失败）。"
        ),
    ),
    "dictionary": ("Data dictionary", "数据字典"),
    "col_column": ("column", "字段"),
    "col_type": ("type", "类型"),
    "col_meaning": ("meaning", "含义"),
    "col_writer": ("written by", "写入者"),
    "statistics": ("Statistics", "统计"),
    "documents": ("documents", "文档数"),
    "text_bytes": ("text (UTF-8 bytes)", "文本字节数（UTF-8）"),
    "length_median": ("median length (characters)", "长度中位数（字符）"),
    "length_p10_p90": ("length p10-p90 (characters)", "长度 p10-p90（字符）"),
    "languages": ("Languages", "语言分布"),
    "language": ("language", "语言"),
    "share": ("share", "占比"),
    "quality": ("Quality score", "质量评分"),
    "quality_text": (
        (
            "Total {total:.1f} / 100, grade **{grade}** (A ≥ 90, B ≥ 80, C ≥ 60, else D). Formulas: see "
            "report.json "
            "(`quality.dimensions.*.formula`) and docs/report.md."
        ),
        (
            "总分 {total:.1f} / 100，等级 **{grade}**（A ≥ "
            "90，B ≥ 80，C ≥ 60，其余 D）。计算公式见 report.json "
            "（`quality.dimensions.*.formula`）及 docs/report.md。"
        ),
    ),
    "dimension": ("dimension", "维度"),
    "score": ("score", "得分"),
    "weight": ("weight", "权重"),
    "not_measured": ("not measured", "未测量"),
    "dim_completeness": ("completeness", "完整性"),
    "dim_accuracy": ("accuracy", "准确性"),
    "dim_consistency": ("consistency", "一致性"),
    "dim_timeliness": ("timeliness", "时效性"),
    "dim_uniqueness": ("uniqueness", "唯一性"),
    "pipeline": ("Pipeline", "处理流程"),
    "step": ("step", "步骤"),
    "operator": ("operator", "算子"),
    "docs_in": ("in", "输入"),
    "docs_out": ("out", "输出"),
    "removed_by_reason": ("removed (by reason)", "移除（按原因）"),
    "versions": ("Versions and models", "版本与模型"),
    "engine_version": ("engine", "引擎"),
    "model_files": ("Model files", "模型文件"),
    "no_models": ("No model files were used.", "未使用模型文件。"),
    "config": ("Exact configuration", "完整配置"),
    "config_text": (
        "The pipeline configuration exactly as run (config hash `{hash}`):",
        "运行时使用的完整流程配置（配置哈希 `{hash}`）：",
    ),
    "limitations": ("Known limitations", "已知局限"),
    "intended_use": ("Intended use", "预期用途"),
    "intended_default": (
        (
            "Pretraining or continued pretraining of language models, and research on data curation. The "
            "documents "
            "come from the inputs listed in manifest.json; check their licenses and terms before "
            "redistribution. "
            "Not intended for identifying or profiling people."
        ),
        (
            "用于语言模型的预训练或继续预训练，以及数据治理研究。文档来源见 "
            "manifest.json 所列输入；再分发前请核实其许可与条款。"
            "不得用于识别个人或对个人进行画像。"
        ),
    ),
    "files": ("Files", "文件"),
    "files_text": (
        (
            "`data/` holds the dataset ({fmt}); `removed/` the removal trace ({trace}); `quarantine/` the "
            "records "
            "that could not be processed, unreadable input and documents an operator failed on, with the "
            "reason "
            "({quarantine}); `report.json` / `report.html` the quality report; `manifest.json` every file's "
            "SHA-256 (check with `corpusforge verify`)."
        ),
        (
            "`data/` 为数据集（{fmt}）；`removed/` 为移除记录（{trace}）；`quarantine/` 为无法处理的记录"
            "（无法读取的输入与算子处理失败的文档）及原因（{quarantine}）；"
            "`report.json` / `report.html` 为质量报告；`manifest.json` "
            "记录每个文件的 SHA-256（用 `corpusforge verify` 校验）。"
        ),
    ),
    "lim_no_lang": (
        "No language identification step ran; the language metadata above may be missing.",
        "未运行语言识别，上述语言信息可能缺失。",
    ),
    "lim_lang": (
        (
            "Language labels come from a fastText model (lid.176 by default): Simplified and Traditional "
            "Chinese share "
            "the label zh, and a mixed-language document gets its dominant language."
        ),
        "语言标签来自 fastText 模型（默认 lid.176）：简体与繁体中文同为 zh，混合语言文档取主要语言。",
    ),
    "lim_no_dedup": (
        "No deduplication step ran; distinct texts in the output: {distinct:,.0f} of {kept:,}.",
        "未运行去重；输出中不同文本 {distinct:,.0f} 篇（共 {kept:,} 篇）。",
    ),
    "lim_dedup": (
        (
            "Near-duplicate detection (MinHash LSH) is probabilistic: a few near-duplicates remain and a "
            "few distinct "
            "documents above the similarity threshold are removed."
        ),
        "近似去重（MinHash LSH）是概率方法：会残留少量近似重复，也会误删少量相似度高于阈值的不同文档。",
    ),
    "lim_no_pii": (
        "No PII detection ran: the text may contain personal data.",
        "未进行个人信息检测：文本可能含有个人信息。",
    ),
    "lim_pii": (
        (
            "PII detection uses patterns, checksums, word lists and context words, offline (no NER model); "
            "it misses "
            "some personal data (lone first names without a cue word, addresses in forms it does not know) "
            "and flags "
            "some non-personal numbers and names."
        ),
        "个人信息检测基于模式、校验位、词表与上下文词，离线运行（"
        "无命名实体模型），会漏检部分个人信息（无提示词的单独名字、"
        "未知格式的地址），也会误报部分非个人数字与名称。",
    ),
    "lim_heuristics": (
        (
            "Quality filters are heuristics with published defaults tuned on English web text; other "
            "languages use "
            "per-language overrides where the operator has them."
        ),
        "质量过滤为启发式规则，默认阈值基于英文网页文本；其他语言在算子提供时使用按语言的覆盖值。",
    ),
    "lim_sample": (
        (
            "The removal trace keeps the text of {k:,} documents per step and reason (seed {seed}); every "
            "removed "
            "document is indexed without its text."
        ),
        "移除记录对每个步骤与原因保留 {k:,} 篇文档的全文（"
        "随机种子 {seed}）；所有被移除文档均有不含正文的索引。",
    ),
    "lim_side_redacted": (
        (
            "Text written to removed/ and quarantine/ (output.removed: {removed}, output.quarantine_raw: "
            "{quarantine}) went through the same PII redaction as data/ (step {step}); raw input that could "
            "not "
            "be analysed is replaced by its length and SHA-256."
        ),
        (
            "写入 removed/ 与 quarantine/ 的文本（output.removed: "
            "{removed}，output.quarantine_raw: {quarantine}）"
            "与 data/ 一样经过个人信息脱敏（步骤 {step}）；无法分析的原始输入以长度和 SHA-256 代替。"
        ),
    ),
    "lim_side_full": (
        "removed/ and quarantine/ hold unredacted text (output.removed: {removed}, output.quarantine_raw: "
        "{quarantine}).",
        "removed/ 与 quarantine/ 含未脱敏文本（output.removed: "
        "{removed}，output.quarantine_raw: {quarantine}）。",
    ),
    "user_limitations": ("Stated by the dataset's authors:", "数据集作者说明："),
}


def _t(key: str, langs: list[str], **fmt: Any) -> str:
    en, zh = T[key]
    out = []
    for lang in langs:
        s = en if lang == "en" else zh
        out.append(s.format(**fmt) if fmt else s)
    return "\n\n".join(out)


def _h(key: str, langs: list[str]) -> str:
    en, zh = T[key]
    return " · ".join(en if lang == "en" else zh for lang in langs)


def size_category(n: int) -> str:
    bounds = [
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
        (10_000_000, "1M<n<10M"),
        (100_000_000, "10M<n<100M"),
        (1_000_000_000, "100M<n<1B"),
        (10_000_000_000, "1B<n<10B"),
    ]
    for bound, label in bounds:
        if n < bound:
            return label
    return "10B<n<100B"


def _cell(x: Any) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.2f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x).replace("|", "\\|").replace("\n", " ")


def _md_table(head: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def dataset_languages(report: dict[str, Any]) -> list[str]:
    opts = report.get("card_options") or {}
    if opts.get("dataset_languages"):
        return list(opts["dataset_languages"])
    prof = report.get("profile") or {}
    kept = prof.get("languages", {}).get("kept", {})
    total = sum(kept.values())
    langs = [k for k, v in kept.items() if total and v / total >= 0.01 and k != "und"]
    if langs:
        return langs
    lc = prof.get("language_consistency") or {}
    return list(lc.get("expected") or [])


def front_matter(report: dict[str, Any]) -> dict[str, Any]:
    opts = report.get("card_options") or {}
    ext = "parquet" if report.get("output_format", "parquet") == "parquet" else "jsonl.gz"
    fm: dict[str, Any] = {
        "license": opts.get("license", "other"),
        "language": dataset_languages(report),
        "size_categories": [size_category(int(report.get("output_docs", 0)))],
        "task_categories": list(opts.get("task_categories") or []),
        "pretty_name": opts.get("pretty_name") or report.get("name"),
        "configs": [{"config_name": "default", "data_files": [{"split": "train", "path": f"data/*.{ext}"}]}],
        "tags": ["corpusforge"],
    }
    return fm


def render_card(report: dict[str, Any]) -> str:
    opts = report.get("card_options") or {}
    langs = list(opts.get("languages") or ["en"])
    prof = report.get("profile") or {}
    versions = report.get("versions") or {}
    quality = report.get("quality") or {}
    parts = [
        "---",
        yaml.safe_dump(front_matter(report), allow_unicode=True, sort_keys=False).strip(),
        "---",
        "",
    ]
    title = opts.get("pretty_name") or report.get("name", "dataset")
    parts.append(f"# {title}\n")
    if opts.get("description"):
        parts.append(opts["description"].strip() + "\n")

    parts.append(f"## {_h('summary', langs)}\n")
    parts.append(
        _t(
            "summary_text",
            langs,
            name=report.get("name", ""),
            engine=versions.get("engine", ""),
            input_docs=int(report.get("input_docs", 0)),
            input_files=int(report.get("input_files", 0)),
            output_docs=int(report.get("output_docs", 0)),
            output_mb=report.get("output_bytes", 0) / 1e6,
            removed=int(report.get("removed_docs", 0)),
            quarantined=int(report.get("quarantined", 0)),
        )
        + "\n"
    )
    trace = report.get("removed_trace") or {}
    trace_desc = f"output.removed: {trace.get('mode', 'all')}"
    if trace.get("mode") == "sample":
        trace_desc += f", {trace.get('sample_per_reason', 0):,}"
    quarantine_raw = (report.get("output_text") or {}).get("quarantine_raw", "full")
    parts.append(f"### {_h('files', langs)}\n")
    parts.append(
        _t(
            "files_text",
            langs,
            fmt=report.get("output_format", "parquet"),
            trace=trace_desc,
            quarantine=f"output.quarantine_raw: {quarantine_raw}",
        )
        + "\n"
    )

    parts.append(f"## {_h('dictionary', langs)}\n")
    head = [_h(k, langs) for k in ("col_column", "col_type", "col_meaning", "col_writer")]
    rows = [
        [f"`{d['column']}`", f"`{d['type']}`", d["meaning"], d["written_by"]]
        for d in report.get("data_dictionary", [])
    ]
    parts.append(_md_table(head, rows) + "\n")

    parts.append(f"## {_h('statistics', langs)}\n")
    q = prof.get("length", {}).get("quantiles", {}).get("kept", {})
    stat_rows = [
        [_h("documents", langs), int(report.get("output_docs", 0))],
        [_h("text_bytes", langs), int(report.get("output_bytes", 0))],
        [_h("length_median", langs), q.get("p50")],
        [_h("length_p10_p90", langs), f"{_cell(q.get('p10'))} – {_cell(q.get('p90'))}"],
    ]
    parts.append(_md_table(["", ""], stat_rows) + "\n")
    kept_langs = prof.get("languages", {}).get("kept", {})
    if kept_langs:
        total = sum(kept_langs.values()) or 1
        parts.append(f"### {_h('languages', langs)}\n")
        lrows = [[k, v, f"{100 * v / total:.2f} %"] for k, v in list(kept_langs.items())[:20]]
        parts.append(
            _md_table([_h("language", langs), _h("documents", langs), _h("share", langs)], lrows) + "\n"
        )

    if quality:
        parts.append(f"## {_h('quality', langs)}\n")
        parts.append(
            _t("quality_text", langs, total=quality.get("total", 0.0), grade=quality.get("grade", "D")) + "\n"
        )
        qrows = []
        for dim in ("completeness", "accuracy", "consistency", "timeliness", "uniqueness"):
            d = quality.get("dimensions", {}).get(dim)
            score = d.get("score") if d else None
            qrows.append(
                [
                    _h(f"dim_{dim}", langs),
                    score if score is not None else _h("not_measured", langs),
                    quality.get("weights", {}).get(dim),
                ]
            )
        parts.append(
            _md_table([_h("dimension", langs), _h("score", langs), _h("weight", langs)], qrows) + "\n"
        )

    parts.append(f"## {_h('pipeline', langs)}\n")
    prow = []
    for op in report.get("ops", []):
        reasons = ", ".join(
            f"{r}: {n:,}" for r, n in sorted(op.get("removed", {}).items(), key=lambda kv: -kv[1])
        )
        prow.append(
            [f"`{op['name']}`", f"`{op['op']}`", op.get("docs_in"), op.get("docs_out"), reasons or "–"]
        )
    if prow:
        parts.append(
            _md_table(
                [_h(k, langs) for k in ("step", "operator", "docs_in", "docs_out", "removed_by_reason")], prow
            )
            + "\n"
        )

    parts.append(f"## {_h('versions', langs)}\n")
    vrows = [
        [_h("engine_version", langs), f"corpusforge {versions.get('engine', '')}"],
        ["python", versions.get("python", "")],
    ]
    vrows += [[name, v] for name, v in (versions.get("libraries") or {}).items()]
    vrows += [
        [f"`{o['op']}` ({o['step']})", f"{o['class']} · source sha256 {o.get('source_sha256') or '–'}"]
        for o in versions.get("operators", [])
    ]
    parts.append(_md_table(["", ""], vrows) + "\n")
    parts.append(f"### {_h('model_files', langs)}\n")
    models = versions.get("models") or []
    if models:
        mrows = [
            [f"`{m['step']}`", m["param"], f"`{m['file']}`", m["bytes"], f"`{m['sha256']}`"] for m in models
        ]
        parts.append(_md_table(["step", "param", "file", "bytes", "sha256"], mrows) + "\n")
    else:
        parts.append(_t("no_models", langs) + "\n")

    parts += _release_lines(report, langs)
    parts.append(f"## {_h('config', langs)}\n")
    parts.append(_t("config_text", langs, hash=report.get("config_hash", "")) + "\n")
    cfg_yaml = yaml.safe_dump(report.get("config", {}), allow_unicode=True, sort_keys=False)
    parts.append("```yaml\n" + cfg_yaml + "```\n")

    parts.append(f"## {_h('limitations', langs)}\n")
    parts.append("\n".join(f"- {line}" for line in _limitations(report, langs)) + "\n")
    if opts.get("limitations"):
        parts.append(_t("user_limitations", langs) + "\n")
        parts.append("\n".join(f"- {x}" for x in opts["limitations"]) + "\n")

    parts.append(f"## {_h('intended_use', langs)}\n")
    parts.append((opts.get("intended_use") or _t("intended_default", langs)).strip() + "\n")
    if opts.get("citation"):
        parts.append("## Citation\n\n```\n" + opts["citation"].strip() + "\n```\n")
    return "\n".join(parts)


def _release_lines(report: dict[str, Any], langs: list[str]) -> list[str]:
    """Release version, parent and lineage, and drift alerts (engine/release.py, engine/alerts.py)."""
    rel = report.get("release") or {}
    alerts = report.get("alerts") or {}
    if not rel.get("version") and not rel.get("parent") and not alerts:
        return []
    title = "Release / 版本" if "zh" in langs else "Release"
    out = [f"## {title}\n"]
    rows = [
        ["version", rel.get("version") or "-"],
        ["parent", f"{rel.get('parent')} ({rel.get('parent_version')})" if rel.get("parent") else "-"],
        ["parent manifest sha256", rel.get("parent_manifest_sha256") or "-"],
        ["config hash", rel.get("config_hash") or "-"],
        ["input sha256", rel.get("input_sha256") or "-"],
        ["lineage", " <- ".join(str(x.get("version")) for x in rel.get("lineage") or []) or "-"],
    ]
    for step, versions in (rel.get("against") or {}).items():
        rows.append([f"{step} against", ", ".join(map(str, versions))])
    out.append(_md_table(["", ""], rows) + "\n")
    if alerts:
        if alerts.get("violations"):
            out.append(("**Drift alerts / 波动预警:**" if "zh" in langs else "**Drift alerts:**") + "\n")
            out.append("\n".join(f"- {v}" for v in alerts["violations"]) + "\n")
        else:
            out.append(f"Drift alerts: none ({len(alerts.get('checks') or [])} checks passed).\n")
    return out


def card_topics(report: dict[str, Any]) -> set[str]:
    """What the run's steps declare the card may say they did (``Operator.card_topics``:
    ``language_id``, ``dedup``, ``near_dedup``, ``pii``, ``heuristic_filters``)."""
    from engine.config import resolve_operator

    topics: set[str] = set()
    for op in report.get("ops", []):
        cls = resolve_operator(op["op"])
        if cls is not None:
            topics |= set(cls.card_topics)
    return topics


def _limitations(report: dict[str, Any], langs: list[str]) -> list[str]:
    topics = card_topics(report)
    prof = report.get("profile") or {}
    out = []

    def both(key: str, **fmt: Any) -> str:
        return " / ".join(_t(key, [lang], **fmt) for lang in langs)

    out.append(both("lim_lang") if "language_id" in topics else both("lim_no_lang"))
    if "dedup" in topics:
        if "near_dedup" in topics:
            out.append(both("lim_dedup"))
    else:
        out.append(
            both("lim_no_dedup", distinct=prof.get("distinct_texts", 0) or 0, kept=prof.get("kept", 0))
        )
    out.append(both("lim_pii") if "pii" in topics else both("lim_no_pii"))
    text = report.get("output_text") or {}
    if text.get("redaction_step"):
        modes = {"removed": text.get("removed"), "quarantine": text.get("quarantine_raw")}
        full = "full" in modes.values()
        out.append(
            both("lim_side_full" if full else "lim_side_redacted", step=text["redaction_step"], **modes)
        )
    if "heuristic_filters" in topics:
        out.append(both("lim_heuristics"))
    trace = report.get("removed_trace") or {}
    if trace.get("mode") == "sample":
        out.append(both("lim_sample", k=trace.get("sample_per_reason", 0), seed=trace.get("seed", 0)))
    return out
