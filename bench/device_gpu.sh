#!/usr/bin/env bash
# Device call (GPU machine, repo root): the GPU scorer's parity, speed and time per operation, the quality sweep with it, and (with
# FIXTURE=1) the classifier fixture. Needs .carry/publish/squeeze-quality.tar.xz, a trimmed self-contained publish of bench/Squeeze.Quality:
#   dotnet publish bench/Squeeze.Quality -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true \
#     -p:EnableConfigurationBindingGenerator=false -p:TreatWarningsAsErrors=false -o .publish/sq
#   (cd .publish/sq && rm -rf models libonnxruntime*.so libSkiaSharp.so libHarfBuzzSharp.so libmscordaccore.so libmscordbi.so createdump *.pdb)
#   mkdir -p .carry/publish && tar cJf .carry/publish/squeeze-quality.tar.xz -C .publish/sq .
# The model comes from models/squeeze-mini in the tree (surprisal.weights, ONNX only, may be left behind to fit the 64 MiB carry).
# Writes to $OUT: log.txt, speed/{scorer-speed,gpu-profile}.csv, gpu/{quality,latency}.csv, gpu/summary.md, tiny-bert-classifier.tgz.
set -u -o pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/speed" "$OUT/gpu"
export PYTHONUNBUFFERED=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
{
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; nproc
  if [ -n "${FIXTURE:-}" ]; then
    echo "=== classifier fixture"
    timeout 120 python3 training/make_classifier_fixture.py --out /tmp/fix/tiny-bert-classifier 2>&1 | grep -v Warning | tail -3 \
      && tar czf "$OUT/tiny-bert-classifier.tgz" -C /tmp/fix tiny-bert-classifier
  fi
  echo "=== unpack"
  mkdir -p /tmp/sq && tar xJf .carry/publish/squeeze-quality.tar.xz -C /tmp/sq && ls /tmp/sq | wc -l
  echo "=== scorer speed (gpu)"
  timeout ${SPEED_SECS:-180} /tmp/sq/Squeeze.Quality --scorer-speed --scorer gpu --out "$OUT/speed"
  echo "=== quality sweep (gpu)"
  timeout ${SWEEP_SECS:-240} /tmp/sq/Squeeze.Quality --scorer gpu --limit 5 --ratios 2,4,10 \
    --methods ${SWEEP_METHODS:-tokens-llmlingua,tokens-longllmlingua,extractive-fused,selective-context,pipeline-auto-model} \
    --latency-sizes 1000,10000 --model-latency-max 10000 --out "$OUT/gpu" --plots /tmp/plots | tail -25
  echo "=== done"
} 2>&1 | tee "$OUT/log.txt"
