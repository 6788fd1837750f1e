"""Train the small demo quality classifier used by configs/web_text.yaml.

    python scripts/make_sample_classifier.py [--out data/models/sample_quality.bin]

Positives are the generated articles of the demo corpus, negatives its
boilerplate, junk and spam (see make_sample_data.py), from a different seed
than the bundled sample so the recipe is not scored on its training data. The
model is deliberately tiny (dim 16, 20k buckets): it demonstrates the
operator; train a real one on your own data with `corpusforge train-classifier`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_sample_data import article, boilerplate, junk  # noqa: E402

from operators.quality.classifier import train_classifier  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="data/models/sample_quality.bin")
    ap.add_argument("--n", type=int, default=1500)
    args = ap.parse_args()
    rng = random.Random(1234)
    with tempfile.TemporaryDirectory() as tmp:
        pos, neg = Path(tmp) / "pos.jsonl", Path(tmp) / "neg.jsonl"
        with open(pos, "w", encoding="utf-8") as p, open(neg, "w", encoding="utf-8") as n:
            for _ in range(args.n):
                lang = rng.choice(["en", "zh"])
                p.write(json.dumps({"text": article(rng, lang)}, ensure_ascii=False) + "\n")
                bad = boilerplate(rng, lang) if rng.random() < 0.5 else junk(rng)
                n.write(json.dumps({"text": bad}, ensure_ascii=False) + "\n")
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        report = train_classifier(pos, neg, args.out, dim=16, bucket=20_000, epoch=5, seed=0, threads=1)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
