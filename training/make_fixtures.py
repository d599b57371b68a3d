"""Build the C# test fixtures: tokenizer parity sample, tiny random-weight Llama (+ ONNX graphs, reference
values), sanity paragraph; with --real CKPT also squeeze-mini-reference.json from the shipped model.
Usage: python3 make_fixtures.py --tokenizer TOK_DIR --out tests/fixtures/models [--real CKPT_DIR_OR_MODEL] [--only-real]"""
import argparse, json, math, os, shutil, sys
import numpy as np
import torch
from tokenizers import Tokenizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sqz import Cfg, SqzLM, SurprisalWindows, torch_surprisal, load_model, EOT_ID
from export import (export_surprisal, export_logits, write_squeeze_json, verify, hf_parity, save_hf,
                    check_from_pretrained, TOKENIZER_FILES)
import fixture_texts as FT


def enc(tok, t):
    return tok.encode(t, add_special_tokens=False).ids


def window_surprisal(m, ids, window=512):
    """disjoint windows [0,512), [512,1024), ...; each scored alone, first position of each window = 0."""
    out = []
    for s in range(0, len(ids), window):
        out += torch_surprisal(m, ids[s:s + window])
    return out


def r6(xs):
    return [round(float(x), 6) for x in xs]


def reference(m, tok, texts, batched=True):
    cases = []
    for t in texts:
        ids = [EOT_ID] + enc(tok, t)
        case = {"text": t, "ids": ids, "surprisal": r6(torch_surprisal(m, ids))}
        if len(ids) > 512:
            case["surprisal_windows512"] = r6(window_surprisal(m, ids))
        cases.append(case)
    out = {"notes": ("surprisal[i] = -ln p(ids[i] | ids[:i]) in nats from a single fp32 PyTorch pass with positions "
                     "0..n-1 (surprisal[0] = 0); ids start with bos id 0. surprisal_windows512 (texts > 512 ids): "
                     "ids cut into disjoint windows [0,512), [512,1024), ... each scored alone with positions "
                     "restarting at 0 and the first position of each window = 0. Batched cases: right padding with "
                     "id 0 and attention_mask 0; values at padded positions are don't-care. Conditional cases: "
                     "surprisal of prefix_ids + continuation_ids in one pass; continuation_surprisal = its tail."),
           "cases": cases}
    if batched:
        a = [EOT_ID] + enc(tok, texts[0]); b = [EOT_ID] + enc(tok, texts[1])[:60]
        L = max(len(a), len(b))
        ids = torch.zeros(2, L, dtype=torch.long); am = torch.zeros(2, L, dtype=torch.long)
        for i, x in enumerate((a, b)):
            ids[i, :len(x)] = torch.tensor(x); am[i, :len(x)] = 1
        with torch.no_grad():
            s = SurprisalWindows(m)(ids, am)
        out["batched"] = [{"input_ids": ids.tolist(), "attention_mask": am.tolist(),
                           "surprisal": [r6(row) for row in s.tolist()]}]
    conds = []
    for prefix, cont in [("Question: What is the capital of France?\nAnswer:", " The capital of France is Paris."),
                         (FT.PROSE_2, " The keeper rang the bell every thirty seconds.")]:
        p = [EOT_ID] + enc(tok, prefix); c = enc(tok, cont)
        s = torch_surprisal(m, p + c)
        conds.append({"prefix": prefix, "continuation": cont, "prefix_ids": p, "continuation_ids": c,
                      "surprisal": r6(s), "continuation_surprisal": r6(s[len(p):])})
    out["conditional"] = conds
    return out


def tiny_model(V):
    c = Cfg(vocab=V, d=32, layers=2, heads=2, ffn=64)
    m = SqzLM(c)
    g = torch.Generator().manual_seed(42)
    with torch.no_grad():
        for n, p in m.named_parameters():
            if p.dim() == 1:
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
            else:
                std = 0.5 if "embed" in n else 0.25
                p.copy_(torch.randn(p.shape, generator=g) * std)
    return m.eval()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokenizer", required=True); ap.add_argument("--out", required=True)
    ap.add_argument("--real"); ap.add_argument("--only-real", action="store_true")
    a = ap.parse_args()
    tok = Tokenizer.from_file(os.path.join(a.tokenizer, "tokenizer.json"))
    V = tok.get_vocab_size()
    os.makedirs(a.out, exist_ok=True)
    if not a.only_real:
        with open(os.path.join(a.out, "tokenizer-parity.jsonl"), "w", encoding="utf-8") as f:
            for t in FT.PARITY_STRINGS:
                f.write(json.dumps({"text": t, "ids": enc(tok, t)}, ensure_ascii=False) + "\n")
        with open(os.path.join(a.out, "sanity-paragraph.txt"), "w", encoding="utf-8") as f:
            f.write(FT.SANITY_PARAGRAPH + "\n")
        tdir = os.path.join(a.out, "tiny-llama")
        os.makedirs(tdir, exist_ok=True)
        m = tiny_model(V)
        hf, d = hf_parity(m)
        save_hf(hf, tdir, fp16=False)
        for fn in TOKENIZER_FILES:
            shutil.copy(os.path.join(a.tokenizer, fn), tdir)
        export_surprisal(m, tdir, share=True)
        export_logits(m, tdir)
        write_squeeze_json(m.c, tdir)
        texts = FT.REFERENCE_TEXTS + [FT.long_text(6000)]
        ref = reference(m, tok, texts)
        ref["model"] = "tiny-llama (random weights, seed 42, d=32, 2 layers, 2 heads, ffn 64)"
        json.dump(ref, open(os.path.join(tdir, "reference.json"), "w", encoding="utf-8"), ensure_ascii=False)
        sample = np.array(enc(tok, FT.long_text(12000)) * 2, dtype=np.int64)
        rep = verify(m, tdir, sample, logits_graphs=True)
        rep["hf_parity"] = d
        try:
            rep.update(check_from_pretrained(tdir, m, FT.PARITY_STRINGS))
        except Exception as e:
            import traceback; traceback.print_exc()
            rep["from_pretrained_error"] = repr(e)[:500]
        rep["long_text_ids"] = len(ref["cases"][-1]["ids"])
        json.dump(rep, open("/tmp/tiny_report.json", "w"), indent=2)
        print("tiny:", json.dumps(rep), flush=True)
    if a.real:
        m = load_model(a.real)
        texts = [FT.SANITY_PARAGRAPH, FT.CSHARP, FT.UNICODE, FT.long_text(4800)]
        ref = reference(m, tok, texts)
        ref["model"] = "squeeze-mini (models/squeeze-mini), fp32 PyTorch"
        json.dump(ref, open(os.path.join(a.out, "squeeze-mini-reference.json"), "w", encoding="utf-8"), ensure_ascii=False)
        print("real reference lengths:", [len(c["ids"]) for c in ref["cases"]], flush=True)


if __name__ == "__main__":
    main()
