"""Tokenize the train (prose + code) and valid splits into int32 .npy arrays and compute the unigram
baseline.  Usage: python3 prep_data.py CORPUS_DIR TOKENIZER_DIR CACHE_DIR"""
import json, math, os, sys, time
import numpy as np
from tokenizers import Tokenizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sqz import read_docs, encode_docs, flat_ids

SPLITS = {"train": ["train-prose-00.txt.xz", "train-prose-01.txt.xz", "train-prose-02.txt.xz", "train-code.txt.xz"],
          "valid-prose": ["valid-prose.txt.xz"], "valid-code": ["valid-code.txt.xz"]}


def main():
    corpus, tokdir, cache = sys.argv[1:4]
    os.makedirs(cache, exist_ok=True)
    tok = Tokenizer.from_file(os.path.join(tokdir, "tokenizer.json"))
    V = tok.get_vocab_size()
    meta = {}
    for name, files in SPLITS.items():
        t0 = time.time()
        lists, nbytes = [], 0
        for f in files:
            docs, nb = read_docs(os.path.join(corpus, f))
            nbytes += nb
            lists += encode_docs(tok, docs)
        arr = flat_ids(lists)
        np.save(os.path.join(cache, name + ".npy"), arr)
        meta[name] = {"tokens": int(arr.size), "bytes": nbytes, "bytes_per_token": nbytes / arr.size}
        print(f"{name}: {arr.size} tokens, {nbytes} bytes, {nbytes/arr.size:.3f} B/tok ({time.time()-t0:.1f}s)", flush=True)
    counts = np.bincount(np.load(os.path.join(cache, "train.npy")), minlength=V).astype(np.float64) + 1.0
    logp = np.log(counts / counts.sum())
    for name in ("valid-prose", "valid-code"):
        ids = np.load(os.path.join(cache, name + ".npy"))
        nats = -logp[ids[1:]].sum()
        meta[name]["unigram_bpb"] = nats / math.log(2) / meta[name]["bytes"]
        print(f"unigram bpb {name}: {meta[name]['unigram_bpb']:.4f}", flush=True)
    json.dump(meta, open(os.path.join(cache, "meta.json"), "w"), indent=2)


if __name__ == "__main__":
    main()
