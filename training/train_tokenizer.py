"""Train the squeeze-mini byte-level BPE tokenizer (GPT-2 style) on a random sample of the
prose + code train split.  Usage: python3 train_tokenizer.py CORPUS_DIR OUT_DIR [--vocab 8192] [--sample-mb 48]"""
import argparse, json, os, random, sys, time
from tokenizers import Tokenizer, models, pre_tokenizers, decoders, trainers

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sqz import EOT, read_docs

TRAIN_FILES = ["train-prose-00.txt.xz", "train-prose-01.txt.xz", "train-prose-02.txt.xz", "train-code.txt.xz"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus"); ap.add_argument("out")
    ap.add_argument("--vocab", type=int, default=8192)
    ap.add_argument("--sample-frac", type=float, default=0.35)
    a = ap.parse_args()
    t0 = time.time()
    rng = random.Random(1234)
    sample, nbytes = [], 0
    for f in TRAIN_FILES:
        docs, _ = read_docs(os.path.join(a.corpus, f))
        for d in docs:
            if rng.random() < a.sample_frac:
                sample.append(d); nbytes += len(d.encode("utf-8"))
    rng.shuffle(sample)
    print(f"tokenizer sample: {len(sample)} docs, {nbytes/1e6:.1f} MB (read {time.time()-t0:.1f}s)", flush=True)
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=a.vocab, min_frequency=2, special_tokens=[EOT],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(sample, trainer, length=len(sample))
    assert tok.token_to_id(EOT) == 0, tok.token_to_id(EOT)
    os.makedirs(a.out, exist_ok=True)
    tok.save(os.path.join(a.out, "tokenizer.json"))
    tok.model.save(a.out)  # vocab.json + merges.txt (GPT-2 format)
    vocab = json.load(open(os.path.join(a.out, "vocab.json"), encoding="utf-8"))
    assert vocab[EOT] == 0 and len(vocab) == tok.get_vocab_size(), (vocab.get(EOT), len(vocab), tok.get_vocab_size())
    cfg = {"tokenizer_class": "PreTrainedTokenizerFast", "bos_token": EOT, "eos_token": EOT, "unk_token": EOT,
           "pad_token": EOT, "model_max_length": 1024, "add_bos_token": False, "add_eos_token": False,
           "add_prefix_space": False, "clean_up_tokenization_spaces": False}
    json.dump(cfg, open(os.path.join(a.out, "tokenizer_config.json"), "w"), indent=2)
    json.dump({"bos_token": EOT, "eos_token": EOT, "unk_token": EOT, "pad_token": EOT},
              open(os.path.join(a.out, "special_tokens_map.json"), "w"), indent=2)
    print(f"tokenizer: vocab {tok.get_vocab_size()} trained in {time.time()-t0:.1f}s", flush=True)


if __name__ == "__main__":
    main()
