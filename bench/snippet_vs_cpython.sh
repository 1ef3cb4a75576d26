#!/bin/bash
# Issue 13's speed target, measured side by side (paired runs, A B A B …, medians of CPU seconds):
# lrplot drawing nanoGPT's get_lr (bench/nanogpt_get_lr.py) over 600,000 steps with the toy Adam and a CSV,
# against CPython calling the same function 600,000 times (bench/get_lr_cpython.py, best of its own 5).
# Usage: bench/snippet_vs_cpython.sh LRPLOT [RUNS]
set -eu
LRPLOT=$1
RUNS=${2:-3}
HERE=$(dirname "$0")
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{ print $1 + $2 }'; }
lr=""; py=""
i=0
while [ $i -lt "$RUNS" ]; do
  lr="$lr $(cpu "$LRPLOT" "$HERE/nanogpt_get_lr.py" --epochs 600000 -o /dev/null --format csv)"
  py="$py $(python3 "$HERE/get_lr_cpython.py" | sed -n 's/.*best_s=\([0-9.]*\).*/\1/p')"
  i=$((i + 1))
done
median() { printf '%s\n' $1 | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
L=$(median "$lr"); P=$(median "$py")
echo "snippet: lrplot nanoGPT get_lr 600000 steps (Adam + CSV) ${L} s CPU (runs:$lr)"
echo "snippet: CPython 600000 get_lr calls ${P} s (runs:$py)"
awk -v l="$L" -v p="$P" 'BEGIN { r = p / l; printf "snippet: lrplot is %.2fx the speed of CPython (target: >= 5x) %s\n", r, (r >= 5 ? "ok" : "MISSED") }'
LONG=$(cpu "$LRPLOT" "$HERE/nanogpt_get_lr.py" --epochs 10000000 -o /dev/null --format csv)
awk -v t="$LONG" 'BEGIN { printf "snippet: 10^7 steps %.2f s CPU (target: < 2 s) %s\n", t, (t < 2 ? "ok" : "MISSED") }'
