#!/usr/bin/env bash
# Device call (GPU machine, repo root): the Python side-by-side baselines (and, with FIXTURE=1, the classifier test fixture).
# Needs .carry/baselines (copy of ../shared/baselines) and .carry/o200k_base.tiktoken (Squeeze.Quality --export-o200k).
# Writes to $OUT: tiny-bert-classifier.tgz, python-results.csv, log.txt.
set -u
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false
LIMIT=${LIMIT:-10}
{
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  python3 -c 'import torch,transformers;print("torch",torch.__version__,"transformers",transformers.__version__)'
  if [ -n "${FIXTURE:-}" ]; then
    echo "=== classifier fixture"
    timeout 120 python3 training/make_classifier_fixture.py --out /tmp/fix/tiny-bert-classifier && tar czf "$OUT/tiny-bert-classifier.tgz" -C /tmp/fix tiny-bert-classifier
  fi
  echo "=== python baselines (limit $LIMIT per kind)"
  timeout ${COMPARE_SECS:-420} python3 bench/python/compare.py --limit "$LIMIT" --ratios 2,4,10 --latency-tokens 10000 --latency-runs ${LATENCY_RUNS:-5} --device cuda \
    --methods py-llmlingua,py-longllmlingua,py-selective-context --out "$OUT/python-results.csv"
  echo "=== done"
} 2>&1 | tee "$OUT/log.txt"
