#!/usr/bin/env python3
"""Builds the unigram word-frequency table used by Squeeze.TokenPruning's model-free pruner.

Reads the xz-compressed training corpus (documents separated by lines holding only <|endoftext|>),
splits it into words (a lower-cased run of letters/digits, or a single punctuation character),
counts them and writes the most frequent words to a gzip-compressed TSV:

    #total<TAB><all word occurrences in the corpus, including words not kept>
    #distinct<TAB><distinct words in the corpus>
    word<TAB>count        (most frequent first; ties by word)

Python 3 standard library only. Deterministic: the same corpus gives byte-identical output
(gzip mtime is fixed at 0).

Usage:
    python3 tools/unigram/build_unigram.py [--corpus /work/shared/corpus] [--top 50000]
        [--out src/Squeeze.TokenPruning/Data/unigram.tsv.gz]

By default only the permissively licensed streams are read (train-prose-0*.txt.xz and train-code.txt.xz);
pass --include-restricted to add train-prose-restricted.txt.xz.
"""
import argparse
import collections
import glob
import gzip
import io
import lzma
import os
import re
import sys

# Letters/digits run (\w without underscore), or any single non-space, non-word character, or underscore.
WORD = re.compile(r"[^\W_]+|[^\w\s]|_")
SEPARATOR = "<|endoftext|>"


def count_file(path, counts):
    total = 0
    with lzma.open(path, "rt", encoding="utf-8", errors="replace") as stream:
        for line in stream:
            if line.rstrip("\n") == SEPARATOR:
                continue
            words = WORD.findall(line.lower())
            counts.update(words)
            total += len(words)
    return total


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="/work/shared/corpus")
    parser.add_argument("--top", type=int, default=50000)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--include-restricted", action="store_true")
    parser.add_argument("--out", default=os.path.join(repo, "src", "Squeeze.TokenPruning", "Data", "unigram.tsv.gz"))
    args = parser.parse_args()

    files = sorted(glob.glob(os.path.join(args.corpus, "train-prose-0*.txt.xz")))
    files.append(os.path.join(args.corpus, "train-code.txt.xz"))
    if args.include_restricted:
        files.append(os.path.join(args.corpus, "train-prose-restricted.txt.xz"))

    counts = collections.Counter()
    total = 0
    for path in files:
        n = count_file(path, counts)
        total += n
        print(f"{os.path.basename(path)}: {n:,} words", file=sys.stderr)

    ranked = sorted(((c, w) for w, c in counts.items() if c >= args.min_count and "\t" not in w and "\n" not in w),
                    key=lambda cw: (-cw[0], cw[1]))[: args.top]
    buffer = io.StringIO()
    buffer.write(f"#total\t{total}\n#distinct\t{len(counts)}\n")
    for c, w in ranked:
        buffer.write(f"{w}\t{c}\n")
    data = buffer.getvalue().encode("utf-8")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(data)
    print(f"wrote {len(ranked):,} of {len(counts):,} distinct words ({total:,} total) to {args.out}: "
          f"{os.path.getsize(args.out):,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
