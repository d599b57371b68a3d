#!/usr/bin/env bash
# Runs on the device machine (repo root), called by the `run` tool:  bash training/device_run.sh STAGE
#   stage1: tokenizer, data cache, C# fixtures (tiny-llama), ONNX CPU speed probe, smoke train + export
#   stage2: train the candidate sizes concurrently, pick the best, export models/squeeze-mini, real reference
# Inputs: .carry/corpus/*.txt.xz (copied from ../shared/corpus). Outputs: $OUT/bundle.tgz(.part-*) + $OUT/log.txt
set -u
STAGE=${1:-stage1}
OUT=${OUT:-/tmp/out}; mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=true
CORPUS=.carry/corpus; CACHE=/tmp/sqz-cache; ST=/tmp/stage; mkdir -p $ST/results
T0=$(date +%s)
step() { local name=$1 lim=$2; shift 2; local s=$(date +%s)
  echo "=== $name (limit ${lim}s) at +$((s-T0))s"; timeout "$lim" "$@"; local rc=$?
  echo "=== $name rc=$rc took $(( $(date +%s)-s ))s"; echo "$name rc=$rc $(( $(date +%s)-s ))s" >> $ST/results/steps.txt; return $rc; }
pack() { echo "=== pack at +$(( $(date +%s)-T0 ))s"; cp "$OUT/log.txt" $ST/results/ 2>/dev/null
  tar czf /tmp/bundle.tgz -C $ST . ; ls -la /tmp/bundle.tgz
  if [ $(stat -c %s /tmp/bundle.tgz) -gt 15000000 ]; then split -b 15000000 /tmp/bundle.tgz "$OUT/bundle.tgz.part-"; else cp /tmp/bundle.tgz "$OUT/"; fi; ls -la "$OUT"; }
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader; python3 -c 'import torch,transformers,onnxruntime,tokenizers;print(torch.__version__,transformers.__version__,onnxruntime.__version__,tokenizers.__version__)'
nproc

if [ "$STAGE" = stage1 ]; then
  step tokenizer 200 python3 training/train_tokenizer.py $CORPUS $ST/tok --vocab 8192
  step prep 150 python3 training/prep_data.py $CORPUS $ST/tok $CACHE && cp $CACHE/meta.json $ST/results/data_meta.json
  step fixtures 150 python3 training/make_fixtures.py --tokenizer $ST/tok --out $ST/fixtures && cp /tmp/tiny_report.json $ST/results/
  step probe 120 python3 training/speed_probe.py /tmp/probe && cp /tmp/probe/speed_plain.json $ST/results/
  PROBE_TAG=taskset step probe_taskset 100 taskset -c 0,1 python3 training/speed_probe.py /tmp/probe --reuse && cp /tmp/probe/speed_taskset.json $ST/results/
  step smoke_train 150 python3 training/train.py --cache $CACHE --out /tmp/smoke --d 256 --layers 4 --heads 4 --ffn 704 --seconds 40 && cp /tmp/smoke/train_result.json $ST/results/smoke_train.json
  step smoke_export 120 python3 training/export.py --ckpt /tmp/smoke --tokenizer $ST/tok --out /tmp/smoke-ship/squeeze-mini --cache $CACHE && cp /tmp/smoke-ship/export_report.json $ST/results/smoke_export.json
  step smoke_realref 60 python3 training/make_fixtures.py --tokenizer $ST/tok --out /tmp/smoke-fix --real /tmp/smoke-ship/squeeze-mini --only-real && ls -la /tmp/smoke-fix
  pack
fi

if [ "$STAGE" = stage2 ]; then
  SECS=${SECS:-330}
  TOK=models/squeeze-mini
  step prep 150 python3 training/prep_data.py $CORPUS $TOK $CACHE && cp $CACHE/meta.json $ST/results/data_meta.json
  mkdir -p $ST/ckpt
  # candidate sizes trained concurrently on the one GPU (each gets a wall-clock budget of SECS seconds)
  IFS=';' read -ra CANDS <<< "${CANDS:-d256-l4:256:4:4:704:2e-3;d256-l6:256:6:4:704:2e-3}"
  pids=()
  for cand in "${CANDS[@]}"; do IFS=: read -r name d l h f lr <<< "$cand"
    timeout $((SECS+150)) python3 training/train.py --cache $CACHE --out /tmp/ckpt/$name --d $d --layers $l --heads $h --ffn $f --lr $lr --seconds $SECS > $ST/results/train_$name.log 2>&1 &
    pids+=($!); done
  for p in "${pids[@]}"; do wait $p; echo "train pid $p rc=$?"; done
  for cand in "${CANDS[@]}"; do name=${cand%%:*}; tail -3 $ST/results/train_$name.log; cp /tmp/ckpt/$name/train_result.json $ST/results/train_$name.json 2>/dev/null; done
  BEST=$(python3 - <<'PY'
import json, glob
rs = [json.load(open(f)) for f in glob.glob('/tmp/ckpt/*/train_result.json')]
rs.sort(key=lambda r: r['valid-prose_bpb'] + r['valid-code_bpb'])
print(rs[0]['name'] if rs else '')
PY
)
  echo "BEST=$BEST"; echo "$BEST" > $ST/results/best.txt
  [ -z "${NOCKPT:-}" ] && for cand in "${CANDS[@]}"; do name=${cand%%:*}
    python3 -c "from safetensors.torch import load_file,save_file;import sys;sd=load_file(sys.argv[1]);save_file({k:v.half() for k,v in sd.items()},sys.argv[2])" /tmp/ckpt/$name/model.safetensors $ST/ckpt/$name.fp16.safetensors; cp /tmp/ckpt/$name/sqz_cfg.json $ST/ckpt/$name.sqz_cfg.json; done
  step export 200 python3 training/export.py --ckpt /tmp/ckpt/$BEST --tokenizer $TOK --out $ST/ship/squeeze-mini --cache $CACHE && mv $ST/ship/export_report.json $ST/results/
  step realref 90 python3 training/make_fixtures.py --tokenizer $TOK --out $ST/fixtures --real $ST/ship/squeeze-mini --only-real
  pack
fi
echo "done at +$(( $(date +%s)-T0 ))s"
