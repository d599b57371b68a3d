#!/usr/bin/env python3
"""Builds the quality-harness task sets from the corpus validation split (../shared/corpus).

Writes gzip-compressed JSONL files, one task per line: {"id", "kind", "context", "question", "answers", "needle_position"}.
  needle.jsonl      single planted fact in one of 20 documents, at varied document positions
  multi.jsonl       three planted facts in different documents; the question asks for one of them
  paraphrase.jsonl  the question shares few words with the planted fact (NoLiMa-style)
Deterministic (fixed seed). Usage: python3 bench/tasks/make_tasks.py [--corpus ../shared/corpus] [--out bench/tasks]
"""
import argparse, gzip, json, lzma, os, random, re

NOUNS = ["lighthouse", "observatory", "archive", "greenhouse", "foundry", "harbor", "monastery", "laboratory", "orchard", "bridge",
         "granary", "telegraph", "aqueduct", "citadel", "windmill", "printing press", "canal", "railway depot", "vineyard", "quarry"]
ADJS = ["northern", "forgotten", "crimson", "silent", "eastern", "ancient", "hidden", "copper", "marble", "western"]
# Paraphrase pairs: (fact template, question, answer). The question avoids the fact's words.
PARAPHRASES = [
    ("Years ago, {name} painted the garden shed a vivid shade of {answer}.", "What colour was chosen for the little hut out back?", ["teal", "ochre", "violet", "amber", "indigo"]),
    ("{name} finally moved into a flat in {answer} after the wedding.", "Which city did the newly married person relocate to?", ["Lisbon", "Tallinn", "Bergen", "Kraków", "Valparaíso"]),
    ("The violin that {name} inherited was crafted in {answer}.", "When was the stringed instrument passed down in the family made?", ["1742", "1811", "1698", "1765", "1723"]),
    ("Only {name} knew that the spare key was taped beneath the {answer}.", "Where is the extra means of opening the door concealed?", ["mailbox", "birdbath", "doormat", "porch swing", "flowerpot"]),
]
NAMES = ["Yuki", "Amara", "Tobias", "Ingrid", "Mateo", "Priya", "Osman", "Lena", "Kofi", "Sigrid"]


def documents(corpus):
    with lzma.open(os.path.join(corpus, "valid-prose.txt.xz"), "rt", encoding="utf-8") as f:
        text = f.read()
    paragraphs = []
    for doc in text.split("<|endoftext|>\n"):
        for p in re.split(r"\n\s*\n", doc):
            p = p.strip()
            # Plain English prose paragraphs of a useful size only.
            if 400 <= len(p) <= 1400 and p.isascii() and p.count(" ") > 60:
                paragraphs.append(p)
    return paragraphs


def plant(doc, fact, where, rng):
    sentences = re.split(r"(?<=[.!?])\s+", doc)
    index = {"start": 0, "middle": len(sentences) // 2, "end": len(sentences)}[where]
    sentences.insert(index, fact)
    return " ".join(sentences)


def build(kind, rng, paragraphs, n, docs_per_task=20):
    tasks = []
    for t in range(n):
        docs = rng.sample(paragraphs, docs_per_task)
        target = [0, 4, 9, 14, 19][t % 5]
        where = ["start", "middle", "end"][(t // 5) % 3]
        if kind == "paraphrase":
            template, question, options = PARAPHRASES[t % len(PARAPHRASES)]
            answer = rng.choice(options)
            fact = template.format(name=rng.choice(NAMES), answer=answer)
        else:
            noun, adj = rng.choice(NOUNS), rng.choice(ADJS)
            answer = str(rng.randint(10000, 99999))
            fact = f"The registration number of the {adj} {noun} is {answer}."
            question = f"What is the registration number of the {adj} {noun}?"
            if kind == "multi":
                used = {(adj, noun)}
                for other in rng.sample([i for i in range(docs_per_task) if i != target], 2):
                    while True:
                        o_noun, o_adj = rng.choice(NOUNS), rng.choice(ADJS)
                        if (o_adj, o_noun) not in used:
                            break
                    used.add((o_adj, o_noun))
                    docs[other] = plant(docs[other], f"The registration number of the {o_adj} {o_noun} is {rng.randint(10000, 99999)}.", rng.choice(["start", "middle", "end"]), rng)
        docs[target] = plant(docs[target], fact, where, rng)
        context = "\n\n".join(f"Document [{i + 1}]\n{d}" for i, d in enumerate(docs))
        tasks.append({"id": f"{kind}-{t:03d}", "kind": kind, "context": context, "question": question, "answers": [answer],
                      "needle": fact, "needle_document": target + 1, "needle_position": where})
    return tasks


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "..", "shared", "corpus"))
    ap.add_argument("--out", default=here)
    ap.add_argument("--count", type=int, default=30)
    args = ap.parse_args()
    paragraphs = documents(args.corpus)
    for kind in ["needle", "multi", "paraphrase"]:
        rng = random.Random(f"squeeze-{kind}")
        tasks = build(kind, rng, paragraphs, args.count)
        data = "".join(json.dumps(task, ensure_ascii=False) + "\n" for task in tasks).encode("utf-8")
        with open(os.path.join(args.out, f"{kind}.jsonl.gz"), "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
            f.write(data)  # mtime=0: the same corpus gives byte-identical files
        print(kind, len(tasks), "tasks")
    print(len(paragraphs), "paragraphs available")


if __name__ == "__main__":
    main()
