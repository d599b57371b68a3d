"""Builds the C# test fixture of the code-use classifier: tests/fixtures/models/tiny-llama/code-use.onnx, the random-weight
tiny-llama read as a classifier (train_code_use.py's network, variant lora2, with random low-rank updates and head, seed 7), its
shared weights read from the fixture's surprisal.weights; and code-use-reference.json, PyTorch's logits for a few id rows.
Needs torch, onnx, numpy and safetensors. Usage: python3 training/make_code_use_fixture.py [--folder tests/fixtures/models/tiny-llama]
"""
import argparse, json, os, sys
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_code_use import build, export_graph, round_fitted_to_fp16, score

ROWS = [[5, 17, 300, 0, 42, 43], [999, 12, 7, 7, 7, 8, 0, 11], [64, 0, 1000]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folder", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "models", "tiny-llama"))
    folder = ap.parse_args().folder
    torch.manual_seed(7)
    model = build("lora2", folder)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.requires_grad and p.dim() == 2:
                p.normal_(0, 0.3)
    model = round_fitted_to_fp16(model)
    shared, stored = export_graph(model, os.path.join(folder, "code-use.onnx"), folder)
    logits = score(model, ROWS, "cpu").tolist()
    with open(os.path.join(folder, "code-use-reference.json"), "w") as f:
        json.dump({"model": "tiny-llama as a code-use classifier (random lora2 and head, seed 7)", "rows": ROWS, "logits": logits}, f, indent=1)
    print(f"shared {shared} bytes, stored {stored} bytes, logits {logits}")


if __name__ == "__main__":
    main()
