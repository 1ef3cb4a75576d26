#!/usr/bin/env python3
"""CPython calling nanoGPT's get_lr(it) for it = 0 … N-1 (issue 13 item 6: lrplot must draw the same
function over 600,000 steps at least 5x faster than this). Runs the snippet bench/nanogpt_get_lr.py as
plain CPython (no torch), then times the loop `for it in range(N): lr = get_lr(it)` REPEAT times and
prints the best, plus a checksum of the lrs so a port can be checked to compute the same values.

Usage: python3 bench/get_lr_cpython.py [--calls N] [--repeat R] [--snippet PATH] [--no-check]
Output (one line, for `make bench`):
  get_lr_cpython calls=600000 best_s=0.131234 ns_per_call=218.7 sum=... python=3.11.7
"""
import argparse
import os
import platform
import time


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=600_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--snippet", default=os.path.join(here, "nanogpt_get_lr.py"))
    parser.add_argument("--no-check", action="store_true", help="skip the checksum loop (for counting the timed loop's instructions)")
    args = parser.parse_args()
    ns = {"__name__": "snippet"}
    with open(args.snippet, encoding="utf-8") as f:
        exec(compile(f.read(), args.snippet, "exec"), ns)
    get_lr = ns["get_lr"]
    calls = args.calls
    best, total, lr = None, 0.0, None
    for _ in range(args.repeat):
        start = time.perf_counter_ns()
        for it in range(calls):
            lr = get_lr(it)
        elapsed = time.perf_counter_ns() - start
        best = elapsed if best is None else min(best, elapsed)
    del lr
    if not args.no_check:
        for it in range(calls):  # outside the timed loops: the values a port must reproduce
            total += get_lr(it)
    print("get_lr_cpython calls=%d best_s=%.6f ns_per_call=%.1f sum=%r python=%s"
          % (calls, best / 1e9, best / max(calls, 1), total, platform.python_version()))


if __name__ == "__main__":
    main()
