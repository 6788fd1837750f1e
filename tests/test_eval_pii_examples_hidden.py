"""scripts/eval_pii.py prints counts, not the texts behind them, unless --show-examples: its
example lists hold the sets' names, addresses and phone numbers."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import eval_pii  # noqa: E402


def test_false_findings_are_counted_not_printed(pii_annotator, tmp_path):
    text = "Dear Ms. Ada Lovelace, thank you. Yesterday Mr. Bartholomew Quincey said hello."
    start = text.index("Ada Lovelace")
    gold = {"type": "PERSON", "start": start, "end": start + 12, "value": "Ada Lovelace"}
    row = {"text": text, "spans": [gold]}
    path = tmp_path / "set.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")
    public = eval_pii.score_public(pii_annotator, str(path))
    shown = json.dumps(public, ensure_ascii=False)
    assert "Quincey" in shown  # the unlabelled name is a false PERSON finding of this set
    hidden = eval_pii.hide_examples({"public": {"set": public}})
    assert "Quincey" not in json.dumps(hidden, ensure_ascii=False)
    assert hidden["public"]["set"]["precision"]["PERSON"]["false_examples"] == 1
    assert (
        hidden["public"]["set"]["precision"]["PERSON"]["predicted"]
        == public["precision"]["PERSON"]["predicted"]
    )
