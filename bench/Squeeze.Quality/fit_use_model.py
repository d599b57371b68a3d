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

Dumps made with --code-use also hold the code-use classifier's log-odds (code_use). The script then fits, besides, the term
that the classifier adds to the shipped model (UnitSignals.Logit): CodeUseBias + CodeUseWeight * code_use - CodeUseRelevanceOverlap *
relevance_rank - CodeUsePrivateOverlap * private, with the other signals at their shipped weights (SHIPPED) as a fixed offset.
"""
import collections, csv, sys
import numpy as np

SIGNALS = ["relevance_rank", "best_caller", "fan_in", "proximity", "caller_relevance", "private", "uncalled_private"]
SHIPPED = ([2, 0.6, 0, 2.7, 1.75, 1.35, 2.1], -5.3)  # UnitSignals and CodeCompressionOptions defaults, in SIGNALS order; intercept


def load(path):
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r["named"] == "0"]
    tasks = [r["task"] + "@" + r["ratio"] for r in rows]
    x = np.array([[float(r[s]) for s in SIGNALS] for r in rows])
    y = np.array([float(r["callee"]) for r in rows])
    score = np.array([float(r["score"]) for r in rows])
    use = np.array([float(r.get("code_use") or 0) for r in rows])
    return tasks, x, y, score, use


def use_terms(x, use):
    """the classifier's term's inputs: code_use, relevance_rank, private, 1"""
    return np.stack([use, x[:, 0], x[:, 5], np.ones(len(use))], 1)


def fit_use_term(x, use, y, steps=20000, rate=0.05):
    """the classifier's term, fitted with the shipped model of the other signals as a fixed offset (no regularisation)"""
    offset = x @ np.array(SHIPPED[0]) + SHIPPED[1]
    z = use_terms(x, use)
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(offset + z @ w)))
        w -= rate * (z.T @ (p - y) / len(y))
    return w


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
    for path, tasks, x, y, score, _ in sets:
        now, refit = ranking(tasks, score, y), ranking(tasks, x @ weights + bias, y)
        print(f"{path:40} {now[0]:8.3f} {now[1]:10.3f} {refit[0]:10.3f} {refit[1]:12.3f}")
    if not sets[0][5].any():
        return
    w = fit_use_term(sets[0][2], sets[0][5], sets[0][3])
    print("the code-use classifier's term, fitted on the first file with the other signals at their shipped weights:")
    for name, value in zip(["CodeUseWeight", "-CodeUseRelevanceOverlap", "-CodeUsePrivateOverlap", "CodeUseBias"], w):
        print(f"  {name}".ljust(28), f"{value:8.3f}")
    print(f"{'file':40} {'AUC shipped':>12} {'top-5':>7} {'AUC with term':>14} {'top-5':>7}")
    for path, tasks, x, y, _, use in sets:
        base = x @ np.array(SHIPPED[0]) + SHIPPED[1]
        without, with_term = ranking(tasks, base, y), ranking(tasks, base + use_terms(x, use) @ w, y)
        print(f"{path:40} {without[0]:12.3f} {without[1]:7.3f} {with_term[0]:14.3f} {with_term[1]:7.3f}")


if __name__ == "__main__":
    main()
