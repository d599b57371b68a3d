"""Fine-tunes squeeze-mini into the code-use classifier: given a code unit and a query (a function's doc comment and signature),
the logit that the query's function calls the unit. Exports models/squeeze-mini/code-use.onnx.

The pair is read as one causal sequence, `unit ids (at most 384) + <|endoftext|> + query ids (at most 128)`, and the logit is a
linear head on the final-normed hidden state of its last token (right padding; attention_mask marks the real tokens). The
network is squeeze-mini's (sqz.SqzLM) plus that head. What is fitted depends on the variant:
  full    every weight (the reference: its own copy of the model, too large to ship next to the language model)
  topK    the top K layers, the final norm and the head
  loraR   a rank-R low-rank update of every projection of every layer (LoRA), the norms and the head
The embedding (and whatever else the variant does not fit) stays squeeze-mini's, so the exported graph reads those weights from
the language model's surprisal.weights: code-use.onnx holds only what was fitted, rounded to fp16 and cast to fp32 when the
session loads (fp32 compute).

Data: the quality harness's `--unit-texts` dumps (one JSON line per ranked unit: t task, q query, u unit text, y callee,
n named), of bench/tasks/code-train.jsonl.gz (fit), code-dev.jsonl.gz and code.jsonl.gz (scored, never fitted); units the
query names are left out of the fit. Usage (device):
  python3 training/train_code_use.py --data DIR --model models/squeeze-mini --out OUT [--variants lora32,top2,full] [--seconds 75]
Each variant trains for --epochs or --seconds, whichever ends first (the schedule is sized from the first 20 steps' time, so
the step count depends on the GPU: the shipped lora32 ran 1,000 steps, 1.6 epochs, on an H100). DIR holds train.jsonl.xz, dev.jsonl.xz, bench.jsonl.xz. OUT gets code-use-VARIANT.onnx (all but full), scores.tsv (split, row,
one logit column per variant, in the dumps' order) and log.json.
"""
import argparse, hashlib, json, lzma, math, os, random, shutil, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sqz import load_model, build_mask, EOT_ID

UNIT_TOKENS, QUERY_TOKENS = 384, 128


class LoraLinear(nn.Module):
    """base(x) + (alpha / r) * B(A(x)); the base stays frozen, B starts at zero."""

    def __init__(self, base, r, alpha=None):
        super().__init__()
        self.base = base
        self.a = nn.Linear(base.in_features, r, bias=False)
        self.b = nn.Linear(r, base.out_features, bias=False)
        nn.init.normal_(self.a.weight, std=1 / math.sqrt(base.in_features))
        nn.init.zeros_(self.b.weight)
        self.scale = (alpha or 2 * r) / r

    def forward(self, x):
        return self.base(x) + self.b(self.a(x)) * self.scale


class CodeUseClassifier(nn.Module):
    def __init__(self, lm):
        super().__init__()
        self.m = lm
        self.head = nn.Linear(lm.c.d, 1)

    def forward(self, input_ids, attention_mask):
        T = input_ids.shape[1]
        pos = torch.arange(T, device=input_ids.device)[None]
        h, _ = self.m.hidden(input_ids, pos, None, build_mask(attention_mask, 0, T))
        last = attention_mask.sum(1) - 1
        pooled = h[torch.arange(h.shape[0], device=h.device), last]
        return self.head(pooled).squeeze(-1)


def build(variant, model_dir):
    """The classifier for a variant, with requires_grad set on what it fits."""
    model = CodeUseClassifier(load_model(model_dir))
    layers = model.m.model.layers
    for p in model.m.parameters():
        p.requires_grad = variant == "full"
    if variant.startswith("top"):
        for layer in layers[len(layers) - int(variant[3:]):]:
            for p in layer.parameters():
                p.requires_grad = True
        model.m.model.norm.weight.requires_grad = True
    elif variant.startswith("lora"):
        r = int(variant[4:])
        for layer in layers:
            for parent, names in ((layer.self_attn, ("q_proj", "k_proj", "v_proj", "o_proj")), (layer.mlp, ("gate_proj", "up_proj", "down_proj"))):
                for n in names:
                    setattr(parent, n, LoraLinear(getattr(parent, n), r))
            layer.input_layernorm.weight.requires_grad = True
            layer.post_attention_layernorm.weight.requires_grad = True
        model.m.model.norm.weight.requires_grad = True
    elif variant != "full":
        raise ValueError(variant)
    return model


def read(path, tok):
    rows = [json.loads(l) for l in lzma.open(path, "rt", encoding="utf-8")]
    texts = sorted({r["u"] for r in rows} | {r["q"] for r in rows})
    ids = dict(zip(texts, (e.ids for e in tok.encode_batch(texts))))
    pairs = [ids[r["u"]][:UNIT_TOKENS] + [EOT_ID] + ids[r["q"]][:QUERY_TOKENS] for r in rows]
    return rows, pairs


def batches(pairs, order, size, device):
    for i in range(0, len(order), size):
        idx = order[i:i + size]
        T = max(len(pairs[j]) for j in idx)
        ids = torch.zeros(len(idx), T, dtype=torch.long)
        am = torch.zeros(len(idx), T, dtype=torch.long)
        for k, j in enumerate(idx):
            ids[k, :len(pairs[j])] = torch.tensor(pairs[j])
            am[k, :len(pairs[j])] = 1
        yield idx, ids.to(device), am.to(device)


def bucketed(fit, pairs, size, rng):
    """one epoch's batch order: shuffled, then sorted by length within windows of 64 batches (less padding), batches shuffled"""
    order = fit[:]
    rng.shuffle(order)
    out = []
    for w in range(0, len(order), size * 64):
        window = sorted(order[w:w + size * 64], key=lambda j: len(pairs[j]))
        out += [window[i:i + size] for i in range(0, len(window), size)]
    rng.shuffle(out)
    return [j for b in out for j in b]


@torch.no_grad()
def score(model, pairs, device):
    model.eval()
    order = sorted(range(len(pairs)), key=lambda j: len(pairs[j]))
    out = np.zeros(len(pairs), dtype=np.float64)
    for idx, ids, am in batches(pairs, order, 256, device):
        out[idx] = model(ids, am).float().cpu().numpy()
    return out


def auc_within_tasks(rows, s):
    """mean over tasks (with both classes) of the AUC among the units the query does not name; and the callee share of each task's top 5"""
    by = {}
    for r, v in zip(rows, s):
        if not r["n"]:
            by.setdefault(r["t"], []).append((v, r["y"]))
    aucs, top = [], []
    for units in by.values():
        pos = [v for v, y in units if y]
        neg = [v for v, y in units if not y]
        if pos and neg:
            aucs.append(np.mean([(p > n) + 0.5 * (p == n) for p in pos for n in neg]))
        units.sort(key=lambda u: -u[0])
        top.append(np.mean([y for _, y in units[:5]]))
    return round(float(np.mean(aucs)), 4), round(float(np.mean(top)), 4)


@torch.no_grad()
def round_fitted_to_fp16(model):
    """the shipped fitted weights are fp16 (the frozen ones already are squeeze-mini's fp16 values)"""
    for p in model.parameters():
        if p.requires_grad:
            p.copy_(p.half().float())
    return model.eval()


def train(model, pairs, fit, y, args, device):
    params = [p for p in model.parameters() if p.requires_grad]
    head = set(id(p) for p in model.head.parameters())
    opt = torch.optim.AdamW([{"params": [p for p in params if id(p) not in head], "lr": args.lr},
                             {"params": [p for p in params if id(p) in head], "lr": args.lr * 5}], weight_decay=0.01)
    per_epoch = math.ceil(len(fit) / args.batch)
    plan = {"steps": args.epochs * per_epoch}  # resized from the measured step time after 20 steps
    warm = 50
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * 0.5 * (1 + math.cos(math.pi * min(s, plan["steps"]) / plan["steps"])))
    positives = float(y[fit].sum())
    pos_weight = torch.tensor(math.sqrt((len(fit) - positives) / positives), device=device)
    rng = random.Random(0)
    step, t0, total = 0, time.time(), 0.0
    model.train()
    while step < plan["steps"]:
        order = bucketed(fit, pairs, args.batch, rng)
        for idx, ids, am in batches(pairs, order, args.batch, device):
            with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
                logit = model(ids, am)
            loss = F.binary_cross_entropy_with_logits(logit.float(), y[idx].to(device), pos_weight=pos_weight)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            total += float(loss)
            step += 1
            if step == 20:
                per_step = (time.time() - t0) / 20
                plan["steps"] = min(plan["steps"], max(100, int(args.seconds / per_step)))
            if step >= plan["steps"]:
                break
    return {"steps": step, "epochs": round(step / per_epoch, 2), "mean_loss": round(total / step, 4), "seconds": round(time.time() - t0, 1),
            "fitted_params": sum(p.numel() for p in params)}


def share_with_language_model(path, model_dir):
    """Points the graph's weights that squeeze-mini's surprisal.weights already holds at that file (by content, or its transpose
    behind a Transpose node); stores the rest in the graph as fp16 + Cast. Returns (bytes shared, bytes stored)."""
    import onnx
    from onnx import helper, numpy_helper, TensorProto
    base = onnx.load(os.path.join(model_dir, "surprisal.onnx"), load_external_data=False)
    blob = open(os.path.join(model_dir, "surprisal.weights"), "rb").read()
    index = {}
    for init in base.graph.initializer:
        ext = {e.key: e.value for e in init.external_data}
        if "location" in ext:
            off, ln = int(ext.get("offset", 0)), int(ext["length"])
            index[hashlib.sha1(blob[off:off + ln]).hexdigest()] = (off, ln)
    g = onnx.load(path)
    inits, nodes, shared, stored = [], [], 0, 0
    for init in g.graph.initializer:
        a = numpy_helper.to_array(init)
        if a.dtype != np.float32 or a.size < 1024:
            inits.append(init)
            continue
        hit = index.get(hashlib.sha1(np.ascontiguousarray(a).tobytes()).hexdigest())
        transposed = None if hit or a.ndim != 2 else index.get(hashlib.sha1(np.ascontiguousarray(a.T).tobytes()).hexdigest())
        if hit or transposed:
            off, ln = hit or transposed
            name = init.name if hit else init.name + "_t"
            t = TensorProto(name=name, data_type=TensorProto.FLOAT, dims=list(a.shape if hit else a.T.shape))
            t.data_location = TensorProto.EXTERNAL
            for k, v in (("location", "surprisal.weights"), ("offset", str(off)), ("length", str(ln))):
                e = t.external_data.add(); e.key = k; e.value = v
            inits.append(t)
            if transposed:
                nodes.append(helper.make_node("Transpose", [name], [init.name], perm=[1, 0], name="transpose_" + init.name))
            shared += a.nbytes
        else:
            inits.append(numpy_helper.from_array(a.astype(np.float16), init.name + "_fp16"))
            nodes.append(helper.make_node("Cast", [init.name + "_fp16"], [init.name], to=TensorProto.FLOAT, name="cast_" + init.name))
            stored += a.nbytes // 2
    del g.graph.initializer[:]
    g.graph.initializer.extend(inits)
    rest = list(g.graph.node)
    del g.graph.node[:]
    g.graph.node.extend(nodes + rest)
    with open(path, "wb") as f:
        f.write(g.SerializeToString())
    onnx.checker.check_model(path)
    return shared, stored


def export_graph(model, path, model_dir):
    """Exports the classifier to `path`, beside which `model_dir`'s surprisal.weights must lie (a link will do), and points the
    weights it shares with the language model at that file. Returns (bytes shared, bytes stored)."""
    ids = torch.randint(1, 100, (2, 9))
    am = torch.tensor([[1] * 9, [1] * 6 + [0] * 3])
    kw = dict(input_names=["input_ids", "attention_mask"], output_names=["logit"], opset_version=17, do_constant_folding=False,
              dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"}, "logit": {0: "batch"}})
    try:
        torch.onnx.export(model, (ids, am), path, dynamo=False, **kw)  # the exporter squeeze-mini's graphs were made with
    except TypeError:  # a torch older than the dynamo exporter
        torch.onnx.export(model, (ids, am), path, **kw)
    return share_with_language_model(path, model_dir)


def export(model, variant, model_dir, out, ref_pairs):
    """code-use-VARIANT.onnx next to a copy of surprisal.weights, checked against PyTorch (one by one and as a padded batch)."""
    folder = "/tmp/code-use-export"
    os.makedirs(folder, exist_ok=True)
    weights = os.path.join(folder, "surprisal.weights")
    if not os.path.exists(weights):  # a copy: the onnx checker refuses external data behind a link
        shutil.copy(os.path.join(model_dir, "surprisal.weights"), weights)
    path = os.path.join(folder, f"code-use-{variant}.onnx")
    shared, stored = export_graph(model, path, model_dir)
    print(f"{variant}: {shared / 1e6:.2f} MB shared with surprisal.weights, {stored / 1e6:.2f} MB stored", flush=True)
    import onnxruntime as ort
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    ref = score(model, ref_pairs, "cpu")
    one = np.array([sess.run(None, {"input_ids": np.array([p], np.int64), "attention_mask": np.ones((1, len(p)), np.int64)})[0][0] for p in ref_pairs])
    T = max(len(p) for p in ref_pairs)
    bi = np.zeros((len(ref_pairs), T), np.int64)
    bm = np.zeros((len(ref_pairs), T), np.int64)
    for k, p in enumerate(ref_pairs):
        bi[k, :len(p)] = p
        bm[k, :len(p)] = 1
    batch = sess.run(None, {"input_ids": bi, "attention_mask": bm})[0]
    shutil.copy(path, os.path.join(out, os.path.basename(path)))
    return {"onnx_bytes": os.path.getsize(path), "shared_bytes": shared, "stored_bytes": stored,
            "onnx_vs_torch_max_abs": float(np.abs(ref - one).max()), "batched_vs_one_max_abs": float(np.abs(batch - one).max())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--variants", default="lora32,top2,full")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=75, help="training time per variant; the schedule shrinks to fit it")
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--batch", type=int, default=128)
    args = ap.parse_args()
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(os.path.join(args.model, "tokenizer.json"))
    device = "cuda" if torch.cuda.is_available() else "cpu"
    t0 = time.time()
    data = {s: read(os.path.join(args.data, f"{s}.jsonl.xz"), tok) for s in ("train", "dev", "bench")}
    train_rows, train_pairs = data["train"]
    fit = [j for j, r in enumerate(train_rows) if not r["n"]]
    y = torch.tensor([float(r["y"]) for r in train_rows])
    os.makedirs(args.out, exist_ok=True)
    log = {"train_units": len(fit), "train_callees": float(y[fit].sum()), "read_seconds": round(time.time() - t0, 1),
           "mean_pair_tokens": round(float(np.mean([len(train_pairs[j]) for j in fit])), 1), "variants": {}}
    print(json.dumps(log), flush=True)
    columns = {}
    for variant in args.variants.split(","):
        torch.manual_seed(0)
        model = build(variant, args.model).to(device)
        entry = train(model, train_pairs, fit, y, args, device)
        model = round_fitted_to_fp16(model)
        for s in ("dev", "bench"):
            columns[(variant, s)] = score(model, data[s][1], device)
            entry[s + "_auc_top5"] = auc_within_tasks(data[s][0], columns[(variant, s)])
        model = model.cpu()
        if variant != "full":
            entry.update(export(model, variant, args.model, args.out, data["dev"][1][:48]))
            entry["reference"] = [{"query": data["dev"][0][j]["q"], "unit": data["dev"][0][j]["u"], "logit": float(columns[(variant, "dev")][j])} for j in range(3)]
        log["variants"][variant] = entry
        print(variant, json.dumps({k: v for k, v in entry.items() if k != "reference"}), flush=True)
        json.dump(log, open(os.path.join(args.out, "log.json"), "w"), indent=1)
        with open(os.path.join(args.out, "scores.tsv"), "w") as f:
            names = sorted({v for v, _ in columns})
            f.write("split\trow\t" + "\t".join(names) + "\n")
            for s in ("dev", "bench"):
                for j in range(len(data[s][1])):
                    f.write(f"{s}\t{j}\t" + "\t".join(f"{columns[(v, s)][j]:.5f}" for v in names) + "\n")
    print(f"{'variant':8} {'fitted':>9} {'epochs':>6} {'sec':>6} {'dev auc/top5':>16} {'bench auc/top5':>16} {'onnx MB':>8} {'diff':>8}")
    for v, e in log["variants"].items():
        print(f"{v:8} {e['fitted_params']:9d} {e['epochs']:6} {e['seconds']:6} {str(e['dev_auc_top5']):>16} {str(e['bench_auc_top5']):>16} "
              f"{e.get('onnx_bytes', 0) / 1e6:8.2f} {e.get('onnx_vs_torch_max_abs', 0):8.1e}")


if __name__ == "__main__":
    main()
