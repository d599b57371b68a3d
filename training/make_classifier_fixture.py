"""Build the C# test fixture for the LLMLingua-2 style token-classifier scorer: a tiny random-weight
BertForTokenClassification (2 labels: 0 = drop, 1 = keep) with a WordPiece tokenizer, its ONNX graph and
reference keep probabilities from PyTorch.

Usage (on the device, or any machine with torch + transformers + onnx + onnxruntime):
    python3 training/make_classifier_fixture.py --out tests/fixtures/models/tiny-bert-classifier
"""
import argparse, collections, json, os, re

import numpy as np
import torch
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
from transformers import BertConfig, BertForTokenClassification, PreTrainedTokenizerFast

TEXTS = [
    "The lighthouse keeper rang the bell every thirty seconds during the storm of 1898.",
    "Kuwait attained its independence in 1961, when the British protectorate ended.",
    "Don't split e-mail addresses like ops@example.com or numbers like 3.14 and 25%!",
    "Café résumé naïve: accents stay cased; 東京 and 北京 are split per character.",
    "Emoji 😀 and rare symbols ∮ become [UNK], tabs\tand\nnew lines are spaces.",
    "def parse(text): return {k: v for k, v in pairs(text)}  # code is text too",
]
LONG = " ".join(TEXTS * 3)
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
SUFFIXES = ["##s", "##ed", "##ing", "##er", "##ly", "##tion", "##al", "##es", "##en", "##e"]


def build_vocab():
    words = collections.Counter(re.findall(r"[A-Za-z]+", " ".join(TEXTS)))
    chars = sorted({c for t in TEXTS for c in t if not c.isspace() and c not in "😀∮"} | set(map(chr, range(33, 127))))
    vocab = list(SPECIALS) + chars + ["##" + c for c in chars] + SUFFIXES
    vocab += [w for w, n in words.most_common() if len(w) > 1][:120]
    return list(dict.fromkeys(vocab))  # first occurrence wins: "##s" is both a character piece and a suffix


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    vocab = build_vocab()
    vocab_path = os.path.join(args.out, "vocab.txt")
    with open(vocab_path, "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    # Built with the tokenizers library (BERT's normalizer, pre-tokenizer and WordPiece): transformers 5's BertTokenizerFast ignores vocab_file.
    wordpiece = Tokenizer(models.WordPiece(vocab={p: i for i, p in enumerate(vocab)}, unk_token="[UNK]", max_input_chars_per_word=100))
    wordpiece.normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=False)
    wordpiece.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    wordpiece.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
                                                             special_tokens=[("[CLS]", vocab.index("[CLS]")), ("[SEP]", vocab.index("[SEP]"))])
    wordpiece.add_special_tokens(SPECIALS)
    tok = PreTrainedTokenizerFast(tokenizer_object=wordpiece, unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]",
                                  pad_token="[PAD]", mask_token="[MASK]", model_max_length=64)
    assert len(tok) == len(vocab), (len(tok), len(vocab))
    assert tok("The bell")["input_ids"][1] != vocab.index("[UNK]"), "the vocabulary was not loaded"
    tok.save_pretrained(args.out)

    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=64, num_labels=2, type_vocab_size=2,
                     hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0,
                     id2label={0: "drop", 1: "keep"}, label2id={"drop": 0, "keep": 1})
    cfg._attn_implementation = "eager"  # plain matmul/softmax attention: the simplest graph to export
    model = BertForTokenClassification(cfg).eval()
    with torch.no_grad():  # spread the random logits so that keep probabilities differ visibly
        model.classifier.weight.mul_(20.0)
    model.save_pretrained(args.out)

    class Wrapper(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.m(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).logits

    enc = tok(TEXTS[:2], padding=True, return_tensors="pt")
    onnx_path = os.path.join(args.out, "model.onnx")
    types = torch.zeros_like(enc["input_ids"])  # the tokenizer returns no token_type_ids; single texts are all segment 0
    torch.onnx.export(Wrapper(model), (enc["input_ids"], enc["attention_mask"], types), onnx_path,
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                      dynamic_axes={n: {0: "batch", 1: "seq"} for n in ["input_ids", "attention_mask", "token_type_ids", "logits"]},
                      opset_version=17, dynamo=False)
    import onnx, onnxruntime as ort
    onnx.checker.check_model(onnx_path)

    cases = []
    sess = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    max_diff = 0.0
    for text in TEXTS + [LONG]:
        e = tok(text, return_offsets_mapping=True, add_special_tokens=True)
        ids = e["input_ids"]
        case = {"text": text, "ids": ids, "offsets": [list(o) for o in e["offset_mapping"]],
                "word_ids": [(-1 if w is None else w) for w in e.word_ids()]}
        if len(ids) <= cfg.max_position_embeddings:
            t = torch.tensor([ids])
            with torch.no_grad():
                logits = model(input_ids=t, attention_mask=torch.ones_like(t), token_type_ids=torch.zeros_like(t)).logits[0]
            keep = torch.softmax(logits.double(), dim=-1)[:, 1].tolist()
            onnx_logits = sess.run(None, {"input_ids": t.numpy(), "attention_mask": np.ones_like(t.numpy()),
                                          "token_type_ids": np.zeros_like(t.numpy())})[0][0]
            max_diff = max(max_diff, float(np.abs(onnx_logits - logits.numpy()).max()))
            case["keep_probability"] = [round(p, 7) for p in keep]
        cases.append(case)
    ref = {"notes": ("keep_probability[i] = softmax(logits[i])[1] for token i of ids (with [CLS] ... [SEP]) from one fp32 "
                     "PyTorch pass over the whole text; present only for texts of at most max_position_embeddings ids. "
                     "offsets/word_ids are the Hugging Face fast tokenizer's (special tokens: [0,0] / -1)."),
           "onnx_vs_torch_logits_maxdiff": max_diff, "cases": cases}
    with open(os.path.join(args.out, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(ref, f, ensure_ascii=False, indent=1)
    print(json.dumps({"vocab": len(vocab), "onnx_vs_torch_logits_maxdiff": max_diff,
                      "files": sorted(os.listdir(args.out)),
                      "bytes": sum(os.path.getsize(os.path.join(args.out, n)) for n in os.listdir(args.out))}))


if __name__ == "__main__":
    main()
