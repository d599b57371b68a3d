"""Fine-tunes squeeze-mini into the code-use classifier: given a code unit and a query (a function's doc comment and signature),
the logit that the query's function calls the unit. Exports models/squeeze-mini/code-use.onnx.

The pair is read as one causal sequence, `unit ids (at most 384) + <|endoftext|> + query ids (at most 128)`, and the logit is a
linear head on the final-normed hidden state of its last token (right padding; attention_mask marks the real tokens). The
network is squeeze-mini's (sqz.SqzLM) plus that head; the weights are rounded to fp16 before scoring and export, and the ONNX
file stores them as fp16 initializers cast to fp32 when the session loads (fp32 compute).

Data: the quality harness's `--unit-texts` dumps (one JSON line per ranked unit: t task, q query, u unit text, y callee,
n named), of bench/tasks/code-train.jsonl.gz (fit), code-dev.jsonl.gz and code.jsonl.gz (scored, never fitted); units the
query names are left out of the fit. Usage (device):
  python3 training/train_code_use.py --data DIR --model models/squeeze-mini --out OUT
DIR holds train.jsonl.xz, dev.jsonl.xz, bench.jsonl.xz. OUT gets code-use.onnx, dev.scores, bench.scores (one logit per
line, in the dumps' order) and log.json.
"""
import argparse, json, lzma, math, os, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sqz import load_model, build_mask, EOT_ID

UNIT_TOKENS, QUERY_TOKENS = 384, 128


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


def read(path, tok):
    rows = [json.loads(l) for l in lzma.open(path, "rt", encoding="utf-8")]
    queries = {}
    pairs = []
    for r in rows:
        if r["q"] not in queries:
            queries[r["q"]] = tok.encode(r["q"]).ids[:QUERY_TOKENS]
        pairs.append(tok.encode(r["u"]).ids[:UNIT_TOKENS] + [EOT_ID] + queries[r["q"]])
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
    return float(np.mean(aucs)), float(np.mean(top))


def fp16_storage(path):
    """rewrite the graph's float initializers as fp16 + Cast (fp32 compute, half the file)"""
    import onnx
    from onnx import helper, numpy_helper, TensorProto
    g = onnx.load(path)
    casts, inits = [], []
    for init in g.graph.initializer:
        if init.data_type == TensorProto.FLOAT and np.prod(init.dims) >= 1024:
            a = numpy_helper.to_array(init).astype(np.float16)
            inits.append(numpy_helper.from_array(a, init.name + "_fp16"))
            casts.append(helper.make_node("Cast", [init.name + "_fp16"], [init.name], to=TensorProto.FLOAT, name="cast_" + init.name))
        else:
            inits.append(init)
    del g.graph.initializer[:]
    g.graph.initializer.extend(inits)
    nodes = casts + list(g.graph.node)
    del g.graph.node[:]
    g.graph.node.extend(nodes)
    onnx.checker.check_model(g)
    onnx.save(g, path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--batch", type=int, default=128)
    args = ap.parse_args()
    torch.manual_seed(0)
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(os.path.join(args.model, "tokenizer.json"))
    device = "cuda" if torch.cuda.is_available() else "cpu"
    data = {s: read(os.path.join(args.data, f"{s}.jsonl.xz"), tok) for s in ("train", "dev", "bench")}
    train_rows, train_pairs = data["train"]
    fit = [j for j, r in enumerate(train_rows) if not r["n"]]
    y = torch.tensor([float(r["y"]) for r in train_rows])
    positives = float(y[fit].sum())
    pos_weight = torch.tensor(math.sqrt((len(fit) - positives) / positives), device=device)
    model = CodeUseClassifier(load_model(args.model)).to(device)
    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if not n.startswith("head.")]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": head, "lr": args.lr * 5}], weight_decay=0.01)
    steps = args.epochs * math.ceil(len(fit) / args.batch)
    warm = min(100, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * 0.5 * (1 + math.cos(math.pi * min(s, steps) / steps)))
    log = {"train_units": len(fit), "train_callees": positives, "pos_weight": float(pos_weight), "epochs": []}
    print(f"train {len(fit)} units, {positives:.0f} callees; dev {len(data['dev'][1])}; bench {len(data['bench'][1])}; {steps} steps", flush=True)
    g = torch.Generator().manual_seed(0)
    for epoch in range(args.epochs):
        model.train()
        t0, total = time.time(), 0.0
        order = [fit[i] for i in torch.randperm(len(fit), generator=g).tolist()]
        for idx, ids, am in batches(train_pairs, order, args.batch, device):
            with torch.autocast(device, dtype=torch.bfloat16):
                logit = model(ids, am)
            loss = F.binary_cross_entropy_with_logits(logit.float(), y[idx].to(device), pos_weight=pos_weight)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += float(loss) * len(idx)
        entry = {"epoch": epoch + 1, "loss": total / len(fit), "seconds": round(time.time() - t0, 1)}
        for s in ("dev", "bench"):
            entry[s] = auc_within_tasks(data[s][0], score(model, data[s][1], device))
        log["epochs"].append(entry)
        print(json.dumps(entry), flush=True)
    model = model.half().float().cpu().eval()  # the shipped weights are fp16
    os.makedirs(args.out, exist_ok=True)
    for s in ("dev", "bench"):
        np.savetxt(os.path.join(args.out, f"{s}.scores"), score(model, data[s][1], "cpu"), fmt="%.6f")
    path = os.path.join(args.out, "code-use.onnx")
    ids = torch.randint(1, 100, (2, 9))
    am = torch.tensor([[1] * 9, [1] * 6 + [0] * 3])
    torch.onnx.export(model, (ids, am), path, input_names=["input_ids", "attention_mask"], output_names=["logit"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"}, "logit": {0: "batch"}},
                      opset_version=17, do_constant_folding=False, dynamo=False)
    fp16_storage(path)
    import onnxruntime as ort
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    dev_pairs = data["dev"][1][:64]
    ref = score(model, dev_pairs, "cpu")
    got = np.array([sess.run(None, {"input_ids": np.array([p], dtype=np.int64), "attention_mask": np.ones((1, len(p)), dtype=np.int64)})[0][0] for p in dev_pairs])
    log["onnx_max_abs_diff"] = float(np.abs(ref - got).max())
    log["onnx_bytes"] = os.path.getsize(path)
    log["reference"] = [{"query": data["dev"][0][j]["q"], "unit": data["dev"][0][j]["u"], "logit": float(got[j])} for j in range(3)]
    json.dump(log, open(os.path.join(args.out, "log.json"), "w"), indent=1)
    print(f"onnx max |diff| {log['onnx_max_abs_diff']:.2e}, {log['onnx_bytes'] / 1e6:.1f} MB", flush=True)


if __name__ == "__main__":
    main()
