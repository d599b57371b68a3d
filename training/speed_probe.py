"""ONNX Runtime CPU speed proxy for candidate sizes (random weights): surprisal windows graph, batch [4,512],
intra_op_num_threads=2.  Usage: python3 speed_probe.py WORKDIR [--reuse]   (run also under taskset -c 0,1)"""
import json, os, sys
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sqz import Cfg, SqzLM
from export import export_surprisal, ort_speed

CANDIDATES = {
    "d256-l4": dict(d=256, layers=4, heads=4, ffn=704),
    "d256-l6": dict(d=256, layers=6, heads=4, ffn=704),
    "d320-l4": dict(d=320, layers=4, heads=5, ffn=864),
    "d384-l6": dict(d=384, layers=6, heads=6, ffn=1024),
}


def main():
    work = sys.argv[1]; reuse = "--reuse" in sys.argv
    tag = os.environ.get("PROBE_TAG", "plain")
    res = {}
    for name, kw in CANDIDATES.items():
        c = Cfg(vocab=8192, **kw)
        folder = os.path.join(work, name)
        if not reuse:
            torch.manual_seed(0)
            m = SqzLM(c); m.init_weights(0)
            export_surprisal(m, folder, share=False)
        P = sum(p.numel() for p in SqzLM(c).parameters())
        tps = ort_speed(os.path.join(folder, "surprisal.onnx"), c, threads=2, seconds=5.0)
        res[name] = {"params": P, "tok_per_s_2threads": round(tps)}
        print(tag, name, res[name], flush=True)
    json.dump(res, open(os.path.join(work, f"speed_{tag}.json"), "w"), indent=2)


if __name__ == "__main__":
    main()
