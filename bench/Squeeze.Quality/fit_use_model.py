#!/usr/bin/env python3
"""Refits the code compressor's logistic model of use (Squeeze.Code's UnitSignals) from `Squeeze.Quality --unit-signals` dumps.

Fits a logistic regression (numpy, L2 1e-3, standardised signals) of "the unit is a callee" on the units the query does not
name of the first file (the development set), then prints the weights in the units of CodeCompressionOptions (logits per unit
of each signal; the intercept is UnitSignals.UseLogitBias, relevance_rank's weight UnitSignals.RelevanceRankWeight), and for
each file the ranking quality of the score the dump was made with and of the refit: the AUC within a task (callees against the
other units of the same task) and the share of callees among each task's five best-ranked units.

Usage:
  dotnet run -c Release --project bench/Squeeze.Quality -- --tasks bench/tasks/code-dev.jsonl.gz --ratios 4 --unit-signals /tmp/dev4.tsv
  dotnet run -c Release --project bench/Squeeze.Quality -- --tasks bench/tasks/code.jsonl.gz --ratios 4 --unit-signals /tmp/bench4.tsv
  python3 bench/Squeeze.Quality/fit_use_model.py /tmp/dev4.tsv /tmp/bench4.tsv
"""
import collections, csv, sys
import numpy as np

SIGNALS = ["relevance_rank", "best_caller", "fan_in", "proximity", "caller_relevance", "private", "uncalled_private"]


def load(path):
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r["named"] == "0"]
    tasks = [r["task"] + "@" + r["ratio"] for r in rows]
    x = np.array([[float(r[s]) for s in SIGNALS] for r in rows])
    y = np.array([float(r["callee"]) for r in rows])
    score = np.array([float(r["score"]) for r in rows])
    return tasks, x, y, score


def ranking(tasks, score, y):
    by = collections.defaultdict(list)
    for i, t in enumerate(tasks):
        by[t].append(i)
    aucs, top5, callees = [], 0, 0
    for ix in by.values():
        ix = np.array(ix)
        yy, ss = y[ix], score[ix]
        if yy.sum() in (0, len(yy)):
            continue
        pos, neg = ss[yy == 1], ss[yy == 0]
        aucs.append((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())
        order = np.argsort(-ss, kind="stable")
        top5 += yy[order[:5]].sum()
        callees += yy.sum()
    return np.mean(aucs), top5 / callees


def fit(x, y, l2=1e-3, steps=3000, rate=0.5):
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        w -= rate * (z.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0])
    raw = w[:-1] / sd
    return raw, w[-1] - (raw * mu).sum()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sets = [(path, *load(path)) for path in sys.argv[1:]]
    weights, bias = fit(sets[0][2], sets[0][3])
    print(f"fitted on {sets[0][0]}: {len(sets[0][3])} units, {int(sets[0][3].sum())} callees")
    print("  intercept".ljust(20), f"{bias:8.3f}")
    for name, w in zip(SIGNALS, weights):
        print(f"  {name}".ljust(20), f"{w:8.3f}")
    print(f"{'file':40} {'AUC now':>8} {'top-5 now':>10} {'AUC refit':>10} {'top-5 refit':>12}")
    for path, tasks, x, y, score in sets:
        now, refit = ranking(tasks, score, y), ranking(tasks, x @ weights + bias, y)
        print(f"{path:40} {now[0]:8.3f} {now[1]:10.3f} {refit[0]:10.3f} {refit[1]:12.3f}")


if __name__ == "__main__":
    main()
