#!/usr/bin/env bash
# Fuzzes one Squeeze parser with AFL++ and SharpFuzz for a fixed time, then prints executions, crashes and hangs.
#
#   fuzz/run-campaign.sh TARGET SECONDS        TARGET: segmenter | markup | unigram | code | model | cli
#
# Needs: the .NET SDK, AFL++ (apt-get install -y afl++) and the SharpFuzz instrumenter
# (dotnet tool install --tool-path /tmp/sharpfuzz SharpFuzz.CommandLine; or set SHARPFUZZ=/path/to/sharpfuzz).
# Work files go to $SQUEEZE_FUZZ_WORK (default /tmp/squeeze-fuzz): the instrumented build in bin/, AFL's output in out-TARGET/.
# Crashing inputs end up in out-TARGET/default/crashes/: replay one with
#   dotnet $SQUEEZE_FUZZ_WORK/bin/Squeeze.Fuzz.dll TARGET --replay DIR
# and, once understood, copy it into fuzz/corpus/TARGET/ so that tests/Squeeze.Fuzz.Tests replays it in CI.
# Runs on one core (AFL++ binds itself to a free one).
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 TARGET SECONDS" >&2
  exit 2
fi
target=$1
seconds=$2
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${SQUEEZE_FUZZ_WORK:-/tmp/squeeze-fuzz}
bin=$work/bin
out=$work/out-$target
sharpfuzz=${SHARPFUZZ:-$(command -v sharpfuzz || echo /tmp/sharpfuzz/sharpfuzz)}
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 2; }
[[ -x $sharpfuzz ]] || { echo "sharpfuzz not found: dotnet tool install --tool-path /tmp/sharpfuzz SharpFuzz.CommandLine" >&2; exit 2; }

# 1. Build (Release) into a fresh folder and instrument the Squeeze assemblies (not the framework, not the targets).
if [[ ! -f $bin/.instrumented ]]; then
  rm -rf "$bin"
  dotnet publish "$repo/fuzz/Squeeze.Fuzz" -c Release -o "$bin" --nologo -v q
  for dll in Squeeze.Abstractions Squeeze Squeeze.Extractive Squeeze.TokenPruning Squeeze.Code Squeeze.Scoring Squeeze.Cli; do
    "$sharpfuzz" "$bin/$dll.dll" >/dev/null
  done
  touch "$bin/.instrumented"
fi

# 2. Fuzz. AFL++ treats an uncaught exception (SharpFuzz turns it into an abort) as a crash, a run over -t ms as a hang.
rm -rf "$out"
mkdir -p "$work/in-$target"
# AFL++ refuses empty seeds; give it the non-empty ones.
find "$repo/fuzz/corpus/$target" -type f -size +0 -exec cp {} "$work/in-$target/" \;
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_QUIET=1
export SQUEEZE_FUZZ_MODEL=${SQUEEZE_FUZZ_MODEL:-$repo/tests/fixtures/models/tiny-llama}
export DOTNET_TieredPGO=0 DOTNET_gcServer=0
afl-fuzz -V "$seconds" -t "${AFL_TIMEOUT_MS:-5000}" -m none -i "$work/in-$target" -o "$out" -- dotnet "$bin/Squeeze.Fuzz.dll" "$target" >"$work/afl-$target.log" 2>&1 || true

# 3. Report.
stats=$out/default/fuzzer_stats
if [[ ! -f $stats ]]; then
  echo "AFL produced no stats; see $work/afl-$target.log" >&2
  tail -20 "$work/afl-$target.log" >&2
  exit 1
fi
get() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo "target=$target seconds=$(get run_time) executions=$(get execs_done) execs_per_sec=$(get execs_per_sec) corpus=$(get corpus_count) edges=$(get edges_found) stability=$(get stability) crashes=$(get saved_crashes) hangs=$(get saved_hangs)"
echo "crashes: $out/default/crashes  hangs: $out/default/hangs  queue: $out/default/queue"
