#!/usr/bin/env python3
"""Side-by-side baselines for the Squeeze quality harness (bench/Squeeze.Quality).

Runs the Python `llmlingua` package (LLMLingua, LongLLMLingua; LLMLingua-2 only with --llmlingua2-model pointing at a
local token-classification model), a Selective-Context-style self-information baseline and, on code tasks, LongCodeZip
(py-longcodezip: coarse and fine stage; py-longcodezip-coarse: the function ranking alone) on the same task files, with
the same causal model folder as the C# scorer (models/squeeze-mini, a plain LlamaForCausalLM), and writes the same CSV
schema as the C# harness:

  method,ratio,task,kind,needle_position,input_tokens,budget,output_tokens,answer_retained,needle_retention,latency_ms,callee_retention

Token counts, budgets and the needle metrics follow the C# harness exactly: o200k_base counts (from the ranks file that
`Squeeze.Quality --export-o200k` writes), budget = floor(input_tokens / ratio), answer retained = every answer occurs
case-insensitively, needle retention = share of the needle's lower-cased letter/digit words found among the output's
words, callee retention (code tasks) = share of callees with at least half of their body lines among the output's trimmed
lines. Budget overshoots are counted and reported, not hidden (llmlingua counts its own target in cl100k tokens, LongCodeZip
in the model's tokens: its target is the o200k budget scaled by the context's model-to-o200k token ratio).
Rows of kind "latency" time one 10k-token input (joined task contexts) at 4x after a warm-up call (the median of --latency-runs).

Offline use: see bench/python/README.md (needs /work/shared/baselines copied to .carry/baselines).
"""
import argparse, gzip, json, math, os, re, sys, time

O200K_PAT = "|".join([
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""\p{N}{1,3}""",
    r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
    r"""\s*[\r\n]+""",
    r"""\s+(?!\S)""",
    r"""\s+""",
])
HEADER = "method,ratio,task,kind,needle_position,input_tokens,budget,output_tokens,answer_retained,needle_retention,latency_ms,callee_retention"
DOC_HEADER = re.compile(r"^Document \[\d+\]", re.M)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def o200k(path):
    """o200k_base from a ranks file: tiktoken's "base64 rank" lines, or Microsoft.ML.Tokenizers' embedded form
    ("Capacity: N" then one base64 token per line, the rank being the line number) as --export-o200k writes it."""
    import base64
    import tiktoken
    ranks = {}
    with open(path, "rb") as f:
        lines = f.read().splitlines()
    if lines and lines[0].startswith(b"Capacity:"):
        for rank, line in enumerate(lines[1:]):
            if line.strip():
                ranks[base64.b64decode(line.strip())] = rank
    else:
        for line in lines:
            if line.strip():
                token, rank = line.split()
                ranks[base64.b64decode(token)] = int(rank)
    return tiktoken.Encoding(name="o200k_base", pat_str=O200K_PAT, mergeable_ranks=ranks,
                             special_tokens={"<|endoftext|>": 199999, "<|endofprompt|>": 200018})


def read_tasks(path, limit):
    opener = gzip.open if path.endswith(".gz") else open
    tasks, per_kind = [], {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            t = json.loads(line)
            kind = t.get("kind") or os.path.basename(path).split(".")[0]
            if limit and per_kind.get(kind, 0) >= limit:
                continue
            per_kind[kind] = per_kind.get(kind, 0) + 1
            t["kind"] = kind
            tasks.append(t)
    return tasks


def split_documents(context):
    starts = [m.start() for m in DOC_HEADER.finditer(context)]
    if not starts or starts[0] != 0:
        starts = [0] + starts
    docs = [context[a:b] for a, b in zip(starts, starts[1:] + [len(context)])]
    return [d for d in docs if d.strip()]


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def answer_retained(output, answers):
    low = output.lower()
    return bool(answers) and all(a.lower() in low for a in answers)


def needle_retention(output, needle):
    nw = words(needle or "")
    if not nw:
        return 1.0
    kept = set(words(output))
    return sum(w in kept for w in nw) / len(nw)


def callee_retention(output, callees):
    """As the C# harness: a callee is retained when at least half of its body lines occur (trimmed) among the output's lines."""
    if not callees:
        return ""
    lines = {line.strip() for line in output.split("\n")}
    kept = sum(2 * sum(line in lines for line in c["lines"]) >= len(c["lines"]) for c in callees)
    return f"{kept / len(callees):.4f}"


# LongCodeZip's function splitter knows python, java, go, typescript, cpp and rust; C# takes Java's rules.
LONGCODEZIP_LANGUAGE = {"csharp": "java", "javascript": "typescript", "c": "cpp"}


class SelfInformation:
    """Selective Context method: per-token surprisal from the causal LM summed per sentence; keep the most informative
    sentences that fit the budget (o200k), in document order. Query-agnostic."""

    def __init__(self, model, tokenizer, device, enc, window=1024):
        self.model, self.tok, self.device, self.enc, self.window = model, tokenizer, device, enc, window

    def surprisal(self, text):
        import torch
        encoded = self.tok(text, return_offsets_mapping=True, add_special_tokens=False)
        ids, offsets = encoded["input_ids"], encoded["offset_mapping"]
        bos = self.tok.bos_token_id if self.tok.bos_token_id is not None else 0
        out = [0.0] * len(ids)
        step = self.window - 1
        with torch.no_grad():
            for start in range(0, len(ids), step):
                chunk = [bos] + ids[start:start + step]
                x = torch.tensor([chunk], device=self.device)
                logp = torch.log_softmax(self.model(x).logits[0, :-1].float(), dim=-1)
                s = -logp.gather(1, x[0, 1:].unsqueeze(1)).squeeze(1)
                out[start:start + len(chunk) - 1] = s.tolist()
        return out, offsets

    def compress(self, context, budget):
        bounds, last = [], 0
        for m in SENTENCE_END.finditer(context):
            bounds.append((last, m.end()))
            last = m.end()
        if last < len(context):
            bounds.append((last, len(context)))
        s, offsets = self.surprisal(context)
        info = [0.0] * len(bounds)
        u = 0
        for value, (a, _) in zip(s, offsets):
            while u < len(bounds) - 1 and a >= bounds[u][1]:
                u += 1
            if bounds:
                info[u] += value
        order = sorted(range(len(bounds)), key=lambda i: -info[i])
        keep, used = set(), 0
        for i in order:
            cost = len(self.enc.encode(context[bounds[i][0]:bounds[i][1]], disallowed_special=()))
            if used + cost <= budget:
                keep.add(i)
                used += cost
        def join():
            return "".join(context[a:b] for i, (a, b) in enumerate(bounds) if i in keep)
        out = join()
        for i in reversed(order):
            if len(self.enc.encode(out, disallowed_special=())) <= budget:
                break
            if i in keep:
                keep.discard(i)
                out = join()
        return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tasks", default="bench/tasks/needle.jsonl.gz,bench/tasks/multi.jsonl.gz,bench/tasks/paraphrase.jsonl.gz")
    p.add_argument("--model", default="models/squeeze-mini")
    p.add_argument("--o200k", default=".carry/o200k_base.tiktoken", help="ranks file from `Squeeze.Quality --export-o200k`")
    p.add_argument("--baselines", default=".carry/baselines", help="copy of /work/shared/baselines (llmlingua + offline patches)")
    p.add_argument("--ratios", default="2,4,10")
    p.add_argument("--limit", type=int, default=0, help="tasks per kind (0 = all)")
    p.add_argument("--methods", default="py-llmlingua,py-longllmlingua,py-llmlingua2,py-selective-context")
    p.add_argument("--llmlingua2-model", default="", help="local LLMLingua-2 token-classification model folder; skipped if absent")
    p.add_argument("--fine-ratio", type=float, default=0.5,
                   help="py-longcodezip: share of the selected functions' lines its fine stage keeps; the coarse stage gets budget / this")
    p.add_argument("--latency-tokens", type=int, default=10000)
    p.add_argument("--latency-runs", type=int, default=1, help="timed runs of the latency input (the row keeps their median)")
    p.add_argument("--device", default="cuda")
    p.add_argument("--out", default="bench/python/results.csv")
    a = p.parse_args()

    sys.path.insert(0, os.path.abspath(a.baselines))
    import llmlingua_compat  # noqa: F401  (sys.path, tiktoken cache, nltk stub)
    import torch
    from llmlingua import PromptCompressor

    enc = o200k(a.o200k)
    count = lambda t: len(enc.encode(t, disallowed_special=()))
    ratios = [float(r) for r in a.ratios.split(",")]
    tasks = [t for f in a.tasks.split(",") for t in read_tasks(f, a.limit)]
    methods = a.methods.split(",")
    sync = torch.cuda.synchronize if a.device.startswith("cuda") and torch.cuda.is_available() else (lambda: None)

    runners = {}
    if "py-llmlingua" in methods or "py-longllmlingua" in methods or "py-selective-context" in methods:
        pc = llmlingua_compat.patch(PromptCompressor(model_name=a.model, device_map=a.device))
        if "py-llmlingua" in methods:
            runners["py-llmlingua"] = lambda t, b: pc.compress_prompt(
                split_documents(t["context"]), question=t["question"], target_token=b, rank_method="llmlingua",
                concate_question=False)["compressed_prompt"]
        if "py-longllmlingua" in methods:
            runners["py-longllmlingua"] = lambda t, b: pc.compress_prompt(
                split_documents(t["context"]), question=t["question"], target_token=b, rank_method="longllmlingua",
                condition_in_question="after_condition", reorder_context="sort", dynamic_context_compression_ratio=0.3,
                condition_compare=True, context_budget="+100", concate_question=False)["compressed_prompt"]
        if "py-selective-context" in methods:
            si = SelfInformation(pc.model._m if hasattr(pc.model, "_m") else pc.model, pc.tokenizer, pc.device, enc)
            runners["py-selective-context"] = lambda t, b: si.compress(t["context"], b)
    if "py-longcodezip" in methods or "py-longcodezip-coarse" in methods:
        import longcodezip_compat
        lcz = longcodezip_compat.load(a.model, device=a.device)

        def longcodezip(t, b, rank_only):
            # LongCodeZip counts its target in the model's tokens, and its output often overshoots the target (the fine stage
            # counts lines, not tokens): start from the o200k budget scaled by the context's token ratio and shrink the target
            # by the overshoot, up to five times, so that retention is compared at the same budget.
            total = lcz.get_token_length(t["context"])
            target = b * total / count(t["context"]) / (1 if rank_only else a.fine_ratio)
            for _ in range(5):
                # Below the whole context: LongCodeZip's "everything fits" path returns one value too few.
                out = lcz.compress_code_file(code=t["context"], query=t["question"], instruction="",
                                             target_token=max(1, min(int(target), int(0.98 * total))),
                                             language=LONGCODEZIP_LANGUAGE.get(t.get("language"), t.get("language", "python")),
                                             context_budget="+0", rank_only=rank_only, fine_ratio=a.fine_ratio)["compressed_code"]
                n = count(out)
                if n <= b:
                    break
                target *= 0.97 * b / n
            return out
        if "py-longcodezip" in methods:
            runners["py-longcodezip"] = lambda t, b: longcodezip(t, b, False)
        if "py-longcodezip-coarse" in methods:
            runners["py-longcodezip-coarse"] = lambda t, b: longcodezip(t, b, True)
    if "py-llmlingua2" in methods:
        if a.llmlingua2_model and os.path.isdir(a.llmlingua2_model):
            pc2 = PromptCompressor(model_name=a.llmlingua2_model, use_llmlingua2=True, device_map=a.device)
            # llmlingua cuts the text into 512-token chunks; a smaller model (the test fixture: 64 positions) needs smaller ones.
            pc2.max_seq_len = min(pc2.max_seq_len, pc2.model.config.max_position_embeddings)
            # llmlingua picks how tokens merge into words by the model's name (bert-base-multilingual-cased, tinybert, mobilebert:
            # WordPiece "##"; xlm-roberta-large: "▁"); a local WordPiece folder of another name takes the BERT rule.
            if pc2.model.config.model_type == "bert" and not any(k in pc2.model_name.lower() for k in ("bert-base-multilingual-cased", "tinybert", "mobilebert")):
                pc2.model_name = "bert-base-multilingual-cased:" + pc2.model_name
            runners["py-llmlingua2"] = lambda t, b: pc2.compress_prompt(
                split_documents(t["context"]), target_token=b, use_context_level_filter=True)["compressed_prompt"]
        else:
            print("py-llmlingua2 skipped: no local LLMLingua-2 model (--llmlingua2-model)", file=sys.stderr)

    rows, violations = [], 0

    def run(name, task, ratio):
        nonlocal violations
        inp = count(task["context"])
        budget = max(1, int(inp / ratio))
        sync(); start = time.perf_counter()
        out = runners[name](task, budget)
        sync(); ms = (time.perf_counter() - start) * 1000
        n = count(out)
        if n > budget:
            violations += 1
        pos = f'{task.get("needle_document", 0)}:{task.get("needle_position", "")}'
        rows.append(f'{name},{ratio:g},{task["id"]},{task["kind"]},{pos},{inp},{budget},{n},'
                    f'{int(answer_retained(out, task.get("answers", [])))},{needle_retention(out, task.get("needle", "")):.4f},{ms:.2f},'
                    f'{callee_retention(out, task.get("callees", []))}')

    for name in runners:
        started = time.perf_counter()
        runners[name](tasks[0], count(tasks[0]["context"]) // 4)  # warm-up
        for t in tasks:
            for r in ratios:
                run(name, t, r)
        print(f"{name}: {len(tasks)} tasks x {len(ratios)} ratios in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    if a.latency_tokens > 0 and runners:
        joined = "\n\n".join(t["context"] for t in tasks)
        ids = enc.encode(joined, disallowed_special=())
        while len(ids) < a.latency_tokens:
            joined += "\n\n" + joined
            ids = enc.encode(joined, disallowed_special=())
        text = enc.decode(ids[:a.latency_tokens])
        latency_task = {"id": f"latency-{a.latency_tokens}", "kind": "latency", "context": text,
                        "question": tasks[0]["question"], "answers": [], "needle": "", "needle_document": 0, "needle_position": ""}
        for name in runners:
            runners[name](latency_task, a.latency_tokens // 4)
            timed = []
            for _ in range(max(1, a.latency_runs)):
                run(name, latency_task, 4)
                timed.append(rows.pop())
            timed.sort(key=lambda row: float(row.rsplit(",", 1)[1]))
            rows.append(timed[len(timed) // 2])

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(HEADER + "\n" + "\n".join(rows) + "\n")
    print(f"wrote {a.out}: {len(rows)} rows, {violations} over budget", file=sys.stderr)
    summary = {}
    for line in rows:
        c = line.split(",")
        if c[3] != "latency":
            code = c[3] == "code"
            summary.setdefault((c[0], c[1], code), []).append((float(c[11]) if code else int(c[8]), int(c[7]) / int(c[6])))
    for (m, r, code), v in sorted(summary.items()):
        what = "callee" if code else "answer"
        over = sum(x[1] > 1 for x in v)
        print(f"{m} {r}x {what} retention {100 * sum(x[0] for x in v) / len(v):.1f}% ({len(v)} tasks; output/budget mean "
              f"{sum(x[1] for x in v) / len(v):.2f}, {over} over budget)", file=sys.stderr)
    for line in rows:
        c = line.split(",")
        if c[3] == "latency":
            print(f"{c[0]} latency {c[5]} tokens at 4x: {c[10]} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
