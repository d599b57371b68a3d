"""ONNX export + verification of a trained squeeze-mini checkpoint, and assembly of models/squeeze-mini/.
Usage: python3 export.py --ckpt CKPT_DIR --tokenizer TOK_DIR --out models/squeeze-mini --cache CACHE [--fp16 auto|yes|no]"""
import argparse, hashlib, json, os, shutil, sys, time
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sqz import (Cfg, SqzLM, SurprisalWindows, SurprisalKV, LogitsPlain, LogitsKV, build_mask,
                 surprisal_from_hidden, torch_surprisal, load_model, EOT, EOT_ID, GPT2_REGEX)

TOKENIZER_FILES = ["tokenizer.json", "vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json"]
SHARED_WEIGHTS = "surprisal.weights"


def _export(module, args, path, input_names, output_names, dynamic_axes):
    module.eval()
    try:
        torch.onnx.export(module, args, path, input_names=input_names, output_names=output_names,
                          dynamic_axes=dynamic_axes, opset_version=17, do_constant_folding=False, dynamo=False)
        how = "torchscript"
    except Exception as e:  # legacy exporter missing/broken: use the dynamo exporter
        print(f"legacy export failed ({type(e).__name__}: {str(e)[:300]}); trying dynamo=True", flush=True)
        torch.onnx.export(module, args, path, input_names=input_names, output_names=output_names,
                          dynamic_axes=dynamic_axes, opset_version=18, dynamo=True, external_data=False)
        how = "dynamo"
    import onnx
    onnx.checker.check_model(path)
    return how


def kv_names(L, prefix_in="past_key_values", prefix_out="present"):
    ins, outs = [], []
    for i in range(L):
        ins += [f"{prefix_in}.{i}.key", f"{prefix_in}.{i}.value"]
        outs += [f"{prefix_out}.{i}.key", f"{prefix_out}.{i}.value"]
    return ins, outs


def export_surprisal(m, folder, share=True):
    c = m.c
    m = m.float().eval()
    os.makedirs(folder, exist_ok=True)
    ids = torch.randint(1, c.vocab, (2, 7))
    am = torch.ones(2, 7, dtype=torch.long)
    win = os.path.join(folder, "surprisal.onnx")
    how1 = _export(SurprisalWindows(m), (ids, am), win, ["input_ids", "attention_mask"], ["surprisal"],
                   {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                    "surprisal": {0: "batch", 1: "seq"}})
    pin, pout = kv_names(c.layers)
    past = tuple(torch.randn(2, c.heads, 3, c.head_dim) for _ in pin)
    am2 = torch.ones(2, 10, dtype=torch.long)
    dyn = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "total"},
           "surprisal": {0: "batch", 1: "seq"}}
    for n in pin:
        dyn[n] = {0: "batch", 2: "past"}
    for n in pout:
        dyn[n] = {0: "batch", 2: "total"}
    kv = os.path.join(folder, "surprisal-kv.onnx")
    how2 = _export(SurprisalKV(m), (ids, am2) + past, kv, ["input_ids", "attention_mask"] + pin, ["surprisal"] + pout, dyn)
    if share:
        share_weights([win, kv], SHARED_WEIGHTS)
    return how1, how2


def export_logits(m, folder):
    """Optimum-style plain graphs: model.onnx (logits, no past) and model-kv.onnx (with past)."""
    c = m.c
    ids = torch.randint(1, c.vocab, (2, 7))
    am = torch.ones(2, 7, dtype=torch.long)
    pos = torch.arange(7)[None].repeat(2, 1)
    _export(LogitsPlain(m), (ids, am, pos), os.path.join(folder, "model.onnx"),
            ["input_ids", "attention_mask", "position_ids"], ["logits"],
            {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
             "position_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "seq"}})
    pin, pout = kv_names(c.layers)
    past = tuple(torch.randn(2, c.heads, 3, c.head_dim) for _ in pin)
    am2 = torch.ones(2, 10, dtype=torch.long)
    pos2 = torch.arange(3, 10)[None].repeat(2, 1)
    dyn = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "total"},
           "position_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "seq"}}
    for n in pin:
        dyn[n] = {0: "batch", 2: "past"}
    for n in pout:
        dyn[n] = {0: "batch", 2: "total"}
    _export(LogitsKV(m), (ids, am2, pos2) + past, os.path.join(folder, "model-kv.onnx"),
            ["input_ids", "attention_mask", "position_ids"] + pin, ["logits"] + pout, dyn)


def share_weights(paths, data_name, min_bytes=4096):
    """Move the large initializers of several ONNX files into ONE external-data file (deduplicated by
    content), so that the windows and kv graphs share their weights on disk."""
    import onnx
    from onnx import numpy_helper
    folder = os.path.dirname(paths[0])
    blob = bytearray(); index = {}
    models = [onnx.load(p) for p in paths]
    for mdl in models:
        for init in mdl.graph.initializer:
            arr = numpy_helper.to_array(init)
            if arr.nbytes < min_bytes:
                continue
            raw = np.ascontiguousarray(arr).tobytes()
            key = hashlib.sha1(raw).hexdigest() + str(arr.dtype) + str(arr.shape)
            if key not in index:
                pad = (-len(blob)) % 64
                blob += b"\0" * pad
                index[key] = (len(blob), len(raw))
                blob += raw
            off, ln = index[key]
            for f in ("raw_data", "float_data", "int32_data", "int64_data", "double_data"):
                init.ClearField(f)
            del init.external_data[:]
            init.data_location = onnx.TensorProto.EXTERNAL
            for k, v in (("location", data_name), ("offset", str(off)), ("length", str(ln))):
                e = init.external_data.add(); e.key = k; e.value = v
    with open(os.path.join(folder, data_name), "wb") as f:
        f.write(bytes(blob))
    for mdl, p in zip(models, paths):
        with open(p, "wb") as f:
            f.write(mdl.SerializeToString())
        onnx.checker.check_model(p)
    print(f"shared weights: {len(index)} tensors, {len(blob)/1e6:.2f} MB in {data_name}", flush=True)


def ort_session(path, threads=None):
    import onnxruntime as ort
    so = ort.SessionOptions()
    if threads:
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def ort_kv_feed(sess, c, ids, am, pasts=None):
    feed = {"input_ids": ids.astype(np.int64), "attention_mask": am.astype(np.int64)}
    B = ids.shape[0]
    for i in range(c.layers):
        for kind in ("key", "value"):
            n = f"past_key_values.{i}.{kind}"
            feed[n] = pasts[n] if pasts is not None else np.zeros((B, c.heads, 0, c.head_dim), np.float32)
    outs = sess.run(None, feed)
    names = [o.name for o in sess.get_outputs()]
    d = dict(zip(names, outs))
    pres = {}
    for i in range(c.layers):
        for kind in ("key", "value"):
            pres[f"past_key_values.{i}.{kind}"] = d[f"present.{i}.{kind}"]
    return d["surprisal"], pres


@torch.no_grad()
def verify(m, folder, sample_ids, logits_graphs=False):
    """Compare ORT (CPU, fp32) against PyTorch fp32.  sample_ids: 1-D int array of real tokens (>= 800)."""
    c = m.c
    m = m.float().eval().cpu()
    rep = {}
    sw = ort_session(os.path.join(folder, "surprisal.onnx"))
    skv = ort_session(os.path.join(folder, "surprisal-kv.onnx"))
    ids = np.asarray(sample_ids[:1024], dtype=np.int64).reshape(2, 512)
    am = np.ones_like(ids)
    am[1, 400:] = 0  # right padding on row 1
    tid, tam = torch.from_numpy(ids), torch.from_numpy(am)
    ref = SurprisalWindows(m)(tid, tam).numpy()
    got = sw.run(None, {"input_ids": ids, "attention_mask": am})[0]
    rep["windows_vs_torch_maxdiff"] = float(np.abs(got - ref).max())
    # padded row must match the unpadded short row
    short = SurprisalWindows(m)(tid[1:, :400], tam[1:, :400]).numpy()
    rep["padding_invariance_maxdiff"] = float(np.abs(got[1, :400] - short[0]).max())
    got0, _ = ort_kv_feed(skv, c, ids, am)
    rep["kv_past0_vs_torch_maxdiff"] = float(np.abs(got0 - ref).max())
    # incremental: one-token lag (drop last kv position, re-feed the last token)
    seq = np.asarray(sample_ids[:800], dtype=np.int64)
    full = np.array(torch_surprisal(m, seq.tolist()), dtype=np.float32)
    rep["full800_torch_vs_windows_graph_maxdiff"] = float(np.abs(
        sw.run(None, {"input_ids": seq[None], "attention_mask": np.ones((1, 800), np.int64)})[0][0] - full).max())
    bounds = [0, 300, 301, 303, 560, 800]
    inc = np.zeros(800, np.float32)
    pasts = None; plen = 0
    for a, b in zip(bounds[:-1], bounds[1:]):
        start = a if a == 0 else a - 1  # re-feed the last token of the previous chunk
        chunk = seq[start:b][None]
        am_c = np.ones((1, plen + chunk.shape[1]), np.int64)
        s, pres = ort_kv_feed(skv, c, chunk, am_c, pasts)
        if a == 0:
            inc[0:b] = s[0]
        else:
            inc[a:b] = s[0, 1:]
        pasts = {k: v[:, :, :-1, :] for k, v in pres.items()}  # keep a one-token lag
        plen = pasts["past_key_values.0.key"].shape[2]
    rep["incremental_vs_full_maxdiff"] = float(np.abs(inc - full).max())
    if logits_graphs:
        pl = ort_session(os.path.join(folder, "model.onnx"))
        pos = np.tile(np.arange(512, dtype=np.int64), (2, 1))
        lg = pl.run(None, {"input_ids": ids, "attention_mask": am, "position_ids": pos})[0]
        ref_l = m(tid).numpy()
        rep["logits_plain_vs_torch_maxdiff"] = float(np.abs(lg[0] - ref_l[0]).max())
        pk = ort_session(os.path.join(folder, "model-kv.onnx"))
        feed = {"input_ids": ids[:, :300], "attention_mask": am[:, :300], "position_ids": pos[:, :300]}
        for i in range(c.layers):
            for kind in ("key", "value"):
                feed[f"past_key_values.{i}.{kind}"] = np.zeros((2, c.heads, 0, c.head_dim), np.float32)
        o = pk.run(None, feed)
        names = [x.name for x in pk.get_outputs()]
        d = dict(zip(names, o))
        feed2 = {"input_ids": ids[:, 300:], "attention_mask": am, "position_ids": pos[:, 300:]}
        for i in range(c.layers):
            for kind in ("key", "value"):
                feed2[f"past_key_values.{i}.{kind}"] = d[f"present.{i}.{kind}"]
        lg2 = pk.run(None, feed2)[0]
        rep["logits_kv_vs_torch_maxdiff"] = float(max(np.abs(d["logits"][0] - ref_l[0, :300]).max(),
                                                      np.abs(lg2[0] - ref_l[0, 300:]).max()))
    print("verify:", json.dumps(rep), flush=True)
    return rep


@torch.no_grad()
def hf_parity(m):
    from transformers import LlamaForCausalLM
    c = m.c
    cfg = c.hf_config()
    try:
        cfg._attn_implementation = "eager"
    except Exception:
        pass
    hf = LlamaForCausalLM(cfg).eval()
    missing, unexpected = hf.load_state_dict(m.hf_state_dict(), strict=False)
    assert not unexpected and set(missing) <= {"lm_head.weight"}, (missing, unexpected)
    if hf.lm_head.weight.data_ptr() != hf.model.embed_tokens.weight.data_ptr():
        hf.lm_head.weight = hf.model.embed_tokens.weight
    ids = torch.randint(1, c.vocab, (2, 200))
    d = float((hf(ids).logits - m.float()(ids)).abs().max())
    print(f"hf parity: max abs logits diff {d:.2e}", flush=True)
    return hf, d


def write_squeeze_json(c, folder, shared=True):
    j = {"format": "squeeze-surprisal/1", "graphs": {"windows": "surprisal.onnx", "incremental": "surprisal-kv.onnx"},
         "external_data": SHARED_WEIGHTS if shared else None,
         "bos_token_id": EOT_ID, "eos_token_id": EOT_ID, "pad_token_id": EOT_ID,
         "num_layers": c.layers, "num_heads": c.heads, "head_dim": c.head_dim, "hidden_size": c.d,
         "vocab_size": c.vocab, "max_positions": c.maxpos, "window": 512,
         "surprisal_units": "nats", "dtype": "float32",
         "pre_tokenizer_regex": GPT2_REGEX, "special_tokens": {EOT: EOT_ID}}
    json.dump(j, open(os.path.join(folder, "squeeze.json"), "w"), indent=2)


def save_hf(hf, folder, fp16):
    if fp16:
        hf = hf.half()
    hf.save_pretrained(folder)


@torch.no_grad()
def check_from_pretrained(folder, m, tokdir_texts):
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from tokenizers import Tokenizer
    rep = {}
    hf = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()
    ids = torch.randint(1, m.c.vocab, (1, 100))
    rep["from_pretrained_logits_maxdiff"] = float((hf(ids).logits - m.float()(ids)).abs().max())
    at = AutoTokenizer.from_pretrained(folder)
    tk = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
    bad = 0
    for t in tokdir_texts:
        if at(t, add_special_tokens=False)["input_ids"] != tk.encode(t, add_special_tokens=False).ids:
            bad += 1
    rep["autotokenizer_mismatches"] = bad
    rep["autotokenizer_class"] = type(at).__name__
    print("from_pretrained:", json.dumps(rep), flush=True)
    return rep


def ort_speed(path, c, threads=2, batch=4, seq=512, seconds=6.0, kv=False):
    sess = ort_session(path, threads)
    rng = np.random.default_rng(0)
    ids = rng.integers(1, c.vocab, (batch, seq), dtype=np.int64)
    am = np.ones_like(ids)
    feed = {"input_ids": ids, "attention_mask": am}
    if kv:
        for i in range(c.layers):
            for kind in ("key", "value"):
                feed[f"past_key_values.{i}.{kind}"] = np.zeros((batch, c.heads, 0, c.head_dim), np.float32)
    sess.run(None, feed); sess.run(None, feed)
    n = 0; t0 = time.time()
    while time.time() - t0 < seconds:
        sess.run(None, feed); n += 1
    dt = time.time() - t0
    return n * batch * seq / dt


def folder_size(folder):
    return sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True); ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--out", required=True); ap.add_argument("--cache", required=True)
    ap.add_argument("--fp16", default="auto"); ap.add_argument("--limit-mb", type=float, default=48.0)
    a = ap.parse_args()
    m = load_model(a.ckpt)
    c = m.c
    P = sum(p.numel() for p in m.parameters())
    fp16 = a.fp16 == "yes" or (a.fp16 == "auto" and 8 * P + 1.5e6 > a.limit_mb * 1e6)
    if fp16:  # round weights to fp16 so the fp16 safetensors and the fp32 ONNX are the same model
        with torch.no_grad():
            for p in m.parameters():
                p.copy_(p.half().float())
    os.makedirs(a.out, exist_ok=True)
    hf, d_hf = hf_parity(m)
    save_hf(hf, a.out, fp16)
    for f in TOKENIZER_FILES:
        shutil.copy(os.path.join(a.tokenizer, f), a.out)
    how = export_surprisal(m, a.out, share=True)
    write_squeeze_json(c, a.out)
    sample = np.load(os.path.join(a.cache, "valid-prose.npy"))[5000:7000]
    rep = verify(m, a.out, sample)
    rep["hf_parity_logits_maxdiff"] = d_hf
    rep["exporter"] = how
    rep["safetensors_dtype"] = "float16" if fp16 else "float32"
    texts = ["Hello world", "def f(x):\n    return x * 2\n", "naïve café — 東京 🤖 👨‍👩‍👧", "a  \t b\r\n" + " " * 40 + "z"]
    try:
        rep.update(check_from_pretrained(a.out, m, texts))
    except Exception as e:
        import traceback; traceback.print_exc()
        rep["from_pretrained_error"] = repr(e)[:500]
    rep["ort_tok_s_windows_2threads"] = ort_speed(os.path.join(a.out, "surprisal.onnx"), c)
    rep["ort_tok_s_kv_past0_2threads"] = ort_speed(os.path.join(a.out, "surprisal-kv.onnx"), c, kv=True)
    rep["folder_bytes"] = folder_size(a.out)
    rep["files"] = {f: os.path.getsize(os.path.join(a.out, f)) for f in sorted(os.listdir(a.out))}
    print(json.dumps(rep, indent=1), flush=True)
    json.dump(rep, open(os.path.join(os.path.dirname(a.out.rstrip("/")) or ".", "export_report.json"), "w"), indent=2)


if __name__ == "__main__":
    main()
