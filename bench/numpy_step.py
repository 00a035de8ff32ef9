#!/usr/bin/env python3
"""NumPy reference for `repro bench`: one SGD training step of each benchmark case, float32.

The same arithmetic as the DL4J networks (forward, loss gradient, backward, in-place update of W
and b), written the way a careful NumPy user would: no score, in-place updates, preallocated
nothing beyond what NumPy expressions allocate. Prints one JSON object: for every case the
median, 10th and 90th percentile of the per-step time in milliseconds, and steps per second
(from the total time). BLAS threads follow OPENBLAS_NUM_THREADS / OMP_NUM_THREADS, which the
Java harness sets to its own OMP_NUM_THREADS.

Usage: numpy_step.py [--steps N] [--rounds R] [--warmup W]
"""
import argparse
import json
import sys
import time

import numpy as np

F = np.float32


def mlp_case(rng):
    """VU MLP 784-300(sigmoid)-10(softmax), cross-entropy, batch 1, no L2."""
    w1 = (rng.standard_normal((784, 300)) * 0.01).astype(F)
    b1 = np.zeros(300, F)
    w2 = (rng.standard_normal((300, 10)) * 0.01).astype(F)
    b2 = np.zeros(10, F)
    xs = rng.random((64, 784), dtype=F)
    ys = rng.integers(0, 10, 64)
    lr = F(0.01)
    state = {"i": 0}

    def step():
        nonlocal w1, b1, w2, b2  # updated in place (augmented assignment rebinds the same arrays)
        i = state["i"] % 64
        state["i"] += 1
        x = xs[i]
        h = 1.0 / (1.0 + np.exp(-(x @ w1 + b1)))
        z = h @ w2 + b2
        p = np.exp(z - z.max())
        p /= p.sum()
        p[ys[i]] -= 1.0                      # dL/dz for softmax + cross-entropy
        dh = (w2 @ p) * h * (1.0 - h)
        w2 -= lr * np.outer(h, p)
        b2 -= lr * p
        w1 -= lr * np.outer(x, dh)
        b1 -= lr * dh
    return step


def softmax_layer_case(rng, loss):
    """DD2424 3072-10 layer, batch 100, cost = mean loss + lambda * sum(W^2), lambda 0.1."""
    w = (rng.standard_normal((3072, 10)) * 0.01).astype(F)
    b = np.zeros(10, F)
    pool = 8
    xs = rng.standard_normal((pool, 100, 3072), dtype=F)
    ys = rng.integers(0, 10, (pool, 100))
    onehot = np.zeros((pool, 100, 10), F)
    for k in range(pool):
        onehot[k, np.arange(100), ys[k]] = 1.0
    lr, lam, n = F(0.001), F(0.1), 100
    state = {"i": 0}

    def step():
        nonlocal w, b  # updated in place
        k = state["i"] % pool
        state["i"] += 1
        x, y = xs[k], onehot[k]
        s = x @ w + b
        if loss == "ce":
            p = np.exp(s - s.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            g = p - y
        elif loss == "svm":
            margins = s - (s * y).sum(axis=1, keepdims=True) + 1.0
            active = ((margins > 0) & (y == 0)).astype(F)
            g = active - y * active.sum(axis=1, keepdims=True)
        else:  # multiple binary cross-entropy on sigmoid outputs
            g = (1.0 / (1.0 + np.exp(-s)) - y) / F(10)
        gw = x.T @ g
        gw /= n
        gw += (2 * lam) * w
        w -= lr * gw
        b -= lr * (g.sum(axis=0) / n)
    return step


def measure(step, steps, rounds, warmup):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(rounds):
        for _ in range(steps):
            t0 = time.perf_counter_ns()
            step()
            times.append(time.perf_counter_ns() - t0)
    times.sort()
    total = sum(times)
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] / 1e6
    return {"median_ms": pick(0.5), "p10_ms": pick(0.1), "p90_ms": pick(0.9),
            "steps_per_s": len(times) / (total / 1e9)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=200)
    a = ap.parse_args()
    rng = np.random.default_rng(1)
    cases = {
        "vu-mlp-b1": (mlp_case(rng), 1),
        "dd2424-softmax-b100-ce": (softmax_layer_case(rng, "ce"), 5),
        "dd2424-softmax-b100-svm": (softmax_layer_case(rng, "svm"), 5),
        "dd2424-softmax-b100-mbce": (softmax_layer_case(rng, "mbce"), 5),
    }
    out = {"numpy": np.__version__, "python": sys.version.split()[0], "cases": {}}
    for name, (step, cost) in cases.items():
        # Batch-100 steps cost more: fewer of them keep the script's time per case similar.
        out["cases"][name] = measure(step, max(10, a.steps // cost), a.rounds, max(10, a.warmup // cost))
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
