#!/usr/bin/env python3
"""Builds bench/tasks/code.jsonl.gz: callee-retention tasks (LongCodeZip's setting) from the corpus code validation split.

For each source file of 3k-15k o200k tokens (about 10-50 KB) in Go, C#, Java or Python, up to three target functions that call at least
two other functions of the same file are chosen. The validation split holds such files in Go and C# only, so Java and Python files come
from the train split (marked "split": "train"; the squeeze-mini scorer has seen them, the model-free methods are unaffected). A task's context is the file with the target's body removed (signature and closing brace
kept); its question is the target's doc comment and signature; its "callees" are the functions the removed body called, each given by
its body lines (stripped, at least 8 characters), defined outside the target. The harness counts a callee as retained when at least half of its body lines survive.
With --dev it builds code-dev.jsonl.gz instead, a development set for tuning the ranking without touching the benchmark: the
same kind of tasks from the 7th to the 45th such file of each language in both splits (the benchmark takes the first six).
With --train it builds code-train.jsonl.gz, a larger set for fitting the ranking: the 46th to the 400th such file of each language
in the train split, which neither of the other sets uses, with up to eight targets per file instead of three.
Deterministic. Usage: python3 bench/tasks/make_code_tasks.py [--corpus ../shared/corpus] [--out bench/tasks] [--dev | --train]
"""
import argparse, gzip, json, lzma, os, random, re

SIGNATURES = {
    "go": re.compile(r"^()func (?:\([^)]*\) )?(\w+)\(.*\{\s*$"),
    "csharp": re.compile(r"^(\s+)(?:(?:public|private|protected|internal|static|override|virtual|async|sealed|unsafe|new|extern)\s+)+"
                         r"[\w<>\[\],.?() ]+?\s+(\w+)(?:<[^>]*>)?\s*\([^;{]*\)?\s*(?:where [^{]*)?\{?\s*$"),
    "java": re.compile(r"^(\s+)(?:(?:public|private|protected|static|final|synchronized|abstract|native)\s+)+"
                       r"[\w<>\[\],.? ]+?\s+(\w+)\s*\([^;{]*\)?\s*(?:throws [\w., ]+)?\{?\s*$"),
}
PYTHON_DEF = re.compile(r"^(\s*)(?:async )?def (\w+)\(.*:\s*(#.*)?$")
KEYWORDS = {"if", "for", "while", "switch", "catch", "return", "new", "lock", "using", "foreach", "sizeof", "typeof", "nameof"}


def language(doc):
    if re.search(r"^\s*def \w+\(.*:\s*$", doc, re.M) and re.search(r"^(import|from) \w", doc, re.M):
        return "python"
    if re.search(r"^package \w+\s*$", doc, re.M) and "func " in doc:
        return "go"
    if re.search(r"^import java|^package [\w.]+;", doc, re.M):
        return "java"
    if re.search(r"^using System|^namespace [\w.]+", doc, re.M):
        return "csharp"
    return None


def functions(lines, lang):
    """(name, signature line index, first body line, closing line index) of each function whose body can be delimited."""
    found = []
    if lang == "python":
        for i, line in enumerate(lines):
            m = PYTHON_DEF.match(line)
            if not m:
                continue
            indent = len(m.group(1))
            end = i + 1
            while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
                end += 1
            while end > i + 1 and not lines[end - 1].strip():
                end -= 1
            if end > i + 1:
                found.append((m.group(2), i, i + 1, end))
        return found
    pattern = SIGNATURES[lang]
    for i, line in enumerate(lines):
        m = pattern.match(line)
        if not m or m.group(2) in KEYWORDS:
            continue
        indent = m.group(1)
        opening = i if line.rstrip().endswith("{") else (i + 1 if i + 1 < len(lines) and lines[i + 1].strip() == "{" else -1)
        if opening < 0:
            continue
        close = next((j for j in range(opening + 1, len(lines)) if lines[j].rstrip() == indent + "}"), -1)
        if close > opening + 1:
            found.append((m.group(2), i, opening + 1, close))
    return found


def doc_comment(lines, signature, lang):
    if lang == "python":  # the docstring follows the signature
        end = signature + 1
        if end < len(lines) and lines[end].strip().startswith(('"""', "'''")):
            quote = lines[end].strip()[:3]
            while end < len(lines) and not (lines[end].rstrip().endswith(quote) and (end > signature + 1 or lines[end].strip().count(quote) >= 2)):
                end += 1
            return "\n".join(lines[signature:end + 1])
        return lines[signature]
    start = signature
    while start > 0 and re.match(r"^\s*(///?|/\*\*|\*|\*/|\[)", lines[start - 1]):
        start -= 1
    return "\n".join(lines[start:signature + 1])


def body_lines(lines, f):
    return [l.strip() for l in lines[f[2]:f[3]] if len(l.strip()) >= 8]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus"))
    ap.add_argument("--out", default=here)
    ap.add_argument("--dev", action="store_true", help="build the development set code-dev.jsonl.gz instead of the benchmark")
    ap.add_argument("--train", action="store_true", help="build the fitting set code-train.jsonl.gz instead of the benchmark")
    args = ap.parse_args()
    everything = {"go", "csharp", "java", "python"}
    if args.train:
        splits, (first, last), name, per_file = (("train", everything),), (46, 400), "code-train.jsonl.gz", 8
    elif args.dev:
        splits, (first, last), name, per_file = (("valid", everything), ("train", everything)), (7, 45), "code-dev.jsonl.gz", 3
    else:
        splits, (first, last), name, per_file = (("valid", everything), ("train", {"java", "python"})), (1, 6), "code.jsonl.gz", 3
    docs = []
    for split, wanted in splits:
        with lzma.open(os.path.join(args.corpus, f"{split}-code.txt.xz"), "rt", encoding="utf-8") as f:
            files = f.read().split("<|endoftext|>\n")
        seen = {}
        for doc in files:
            lang = language(doc)
            if lang in wanted and 10_000 <= len(doc) <= 50_000:
                seen[lang] = seen.get(lang, 0) + 1
                if first <= seen[lang] <= last:
                    docs.append((split, lang, doc))
    rng = random.Random("squeeze-code")
    tasks = []
    for d, (split, lang, doc) in enumerate(docs):
        lines = doc.split("\n")
        fs = functions(lines, lang)
        names = [f[0] for f in fs]
        unique = {n for n in names if names.count(n) == 1}
        candidates = []
        for f in fs:
            body = "\n".join(lines[f[2]:f[3]])
            callees = [g for g in fs if g[0] in unique and g[0] != f[0] and re.search(r"\b" + re.escape(g[0]) + r"\s*[<(]", body)
                       and body_lines(lines, g)]
            if len(callees) >= 2:
                candidates.append((f, callees))
        rng.shuffle(candidates)
        # A callee defined inside the target (a nested function, or a def in its docstring's example) goes with the removed
        # body, so no method could keep it; it is left out after the shuffle, which keeps the other files' draws as they were.
        candidates = [(f, [g for g in callees if g[3] <= f[1] or g[1] >= f[3]]) for f, callees in candidates]
        for f, callees in [c for c in candidates if len(c[1]) >= 2][:per_file]:
            kept = [" " * (len(lines[f[1]]) - len(lines[f[1]].lstrip()) + 4) + "..."] if lang == "python" else []  # keep Python valid
            context = "\n".join(lines[:f[2]] + kept + lines[f[3]:])
            task_id = f"code-{lang}-{d:02d}-{f[0]}"
            if any(t["id"] == task_id for t in tasks):  # two targets of one name in a file (overloads): the line tells them apart
                task_id += f"-L{f[1] + 1}"
            tasks.append({"id": task_id, "kind": "code", "language": lang, "split": split, "context": context,
                          "question": doc_comment(lines, f[1], lang), "answers": [],
                          "callees": [{"name": g[0], "lines": body_lines(lines, g)} for g in callees]})
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, name)
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for t in tasks:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    by_lang = {}
    for t in tasks:
        by_lang[t["language"]] = by_lang.get(t["language"], 0) + 1
    print(len(tasks), "tasks", by_lang, "->", path)


if __name__ == "__main__":
    main()
