"""Train one squeeze-mini size on the tokenized prose + code train split (random windows), time-budgeted.
Usage: python3 train.py --cache CACHE --out DIR --d 256 --layers 4 --heads 4 --ffn 704 --seconds 300"""
import argparse, json, math, os, sys, time
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sqz import Cfg, SqzLM, eval_nats, bpb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", required=True); ap.add_argument("--out", required=True)
    ap.add_argument("--d", type=int, default=256); ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4); ap.add_argument("--ffn", type=int, default=704)
    ap.add_argument("--vocab", type=int, default=8192)
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--batch", type=int, default=128); ap.add_argument("--seq", type=int, default=1024)
    ap.add_argument("--lr", type=float, default=2e-3); ap.add_argument("--min-lr-frac", type=float, default=0.1)
    ap.add_argument("--warmup", type=int, default=200); ap.add_argument("--wd", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0); ap.add_argument("--no-compile", action="store_true")
    a = ap.parse_args()
    t_start = time.time()
    torch.manual_seed(a.seed); np.random.seed(a.seed)
    torch.backends.cuda.matmul.allow_tf32 = True; torch.backends.cudnn.allow_tf32 = True
    dev = "cuda"
    c = Cfg(vocab=a.vocab, d=a.d, layers=a.layers, heads=a.heads, ffn=a.ffn)
    data = torch.from_numpy(np.load(os.path.join(a.cache, "train.npy"))).to(dev)
    meta = json.load(open(os.path.join(a.cache, "meta.json")))
    m = SqzLM(c); m.init_weights(a.seed); m = m.to(dev)
    nparams = sum(p.numel() for p in m.parameters())
    decay = [p for p in m.parameters() if p.dim() >= 2]
    nodecay = [p for p in m.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.wd}, {"params": nodecay, "weight_decay": 0.0}],
                            lr=a.lr, betas=(0.9, 0.95), eps=1e-8, fused=True)
    step_fn = m if a.no_compile else torch.compile(m)
    gen = torch.Generator(device=dev).manual_seed(a.seed)
    N = data.numel(); T = a.seq; B = a.batch
    offs = torch.arange(T + 1, device=dev)

    def batch():
        i = torch.randint(0, N - T - 1, (B,), device=dev, generator=gen)
        w = data[i[:, None] + offs].long()
        return w[:, :-1], w[:, 1:]

    total_steps = None
    step = 0; tokens = 0; t_train0 = time.time(); log = []
    budget_end = t_train0 + a.seconds
    while True:
        if step == 30:
            t_step30 = time.time()
        if step == 60:
            per = (time.time() - t_step30) / 30
            total_steps = max(step + 100, int(step + (budget_end - time.time()) / per))
            print(f"{per*1000:.1f} ms/step, {B*T/per/1e6:.2f} M tok/s -> total_steps {total_steps}", flush=True)
        if total_steps is not None and step >= total_steps:
            break
        if step > 60 and time.time() > budget_end + 20:  # hard stop (estimate was off, e.g. a shared GPU)
            print(f"hard stop at step {step}", flush=True)
            break
        if step < a.warmup:
            lr = a.lr * (step + 1) / a.warmup
        else:
            ts = total_steps if total_steps is not None else 10 ** 9
            p = min(1.0, (step - a.warmup) / max(1, ts - a.warmup))
            lr = a.lr * (a.min_lr_frac + (1 - a.min_lr_frac) * 0.5 * (1 + math.cos(math.pi * p)))
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = batch()
        with torch.autocast("cuda", dtype=torch.bfloat16):
            logits = step_fn(x)
        loss = torch.nn.functional.cross_entropy(logits.float().view(-1, c.vocab), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
        opt.step()
        step += 1; tokens += B * T
        if step % 200 == 0 or step == 1:
            l = float(loss)
            log.append({"step": step, "loss": l, "lr": lr, "t": time.time() - t_train0})
            print(f"step {step} loss {l:.4f} lr {lr:.2e} t {time.time()-t_train0:.0f}s", flush=True)
    torch.cuda.synchronize()
    train_wall = time.time() - t_train0
    m.eval()
    res = {"name": os.path.basename(a.out.rstrip("/")), "cfg": c.to_dict(), "params": nparams,
           "params_non_embedding": nparams - c.vocab * c.d, "steps": step, "tokens": tokens,
           "train_wall_s": train_wall, "tok_per_s": tokens / train_wall, "batch": B, "seq": T, "lr": a.lr,
           "epochs": tokens / N}
    for split in ("valid-prose", "valid-code"):
        ids = np.load(os.path.join(a.cache, split + ".npy"))
        nats, cnt = eval_nats(m, ids, window=512)
        res[split + "_bpb"] = bpb(nats, meta[split]["bytes"])
        res[split + "_nats_per_tok"] = nats / cnt
        res[split + "_unigram_bpb"] = meta[split]["unigram_bpb"]
    res["total_wall_s"] = time.time() - t_start
    res["log"] = log
    print(json.dumps({k: v for k, v in res.items() if k != "log"}), flush=True)
    os.makedirs(a.out, exist_ok=True)
    from safetensors.torch import save_file
    save_file({k: v.float().cpu() for k, v in m.hf_state_dict().items()}, os.path.join(a.out, "model.safetensors"))
    json.dump(c.to_dict(), open(os.path.join(a.out, "sqz_cfg.json"), "w"), indent=2)
    json.dump(res, open(os.path.join(a.out, "train_result.json"), "w"), indent=2)


if __name__ == "__main__":
    main()
