#!/usr/bin/env bash
# Device call (GPU machine, repo root): the BenchmarkDotNet suites' GPU rows (ScorerBenchmarks, TokenPruningBenchmarks,
# MethodBenchmarks), in process. Needs .carry/publish/squeeze-bench.tar.xz, a self-contained publish of bench/Squeeze.Benchmarks:
#   dotnet publish bench/Squeeze.Benchmarks -c Release -r linux-x64 --self-contained -p:TreatWarningsAsErrors=false -o .publish/bdn
#   (cd .publish/bdn && rm -rf models libonnxruntime.so libcapstone.so libmscordaccore.so libmscordbi.so createdump *.pdb)
#   mkdir -p .carry/publish && tar cJf .carry/publish/squeeze-bench.tar.xz -C .publish/bdn .
# To fit the 64 MiB carry, models/squeeze-mini/surprisal.onnx and surprisal.weights are left behind: the ONNX rows are then
# absent and the model-free methods run on the host's CPU. Writes to $OUT: log.txt and bdn/results/*-report-github.md.
set -u -o pipefail
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT/bdn"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
{
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; nproc; lscpu | grep "Model name"
  mkdir -p /tmp/bdn && tar xJf .carry/publish/squeeze-bench.tar.xz -C /tmp/bdn
  for suite in ${SUITES:-ScorerBenchmarks TokenPruningBenchmarks MethodBenchmarks}; do
    echo "=== $suite"
    timeout ${SUITE_SECS:-240} /tmp/bdn/Squeeze.Benchmarks --filter "*$suite*" --inProcess --warmupCount 3 --iterationCount 10 \
      --exporters GitHub --artifacts "$OUT/bdn" | grep -E "^\||GPU scorer|not loaded|Exception" | head -40
  done
  echo "=== done"
} 2>&1 | tee "$OUT/log.txt"
