#!/bin/bash
# Issue 13's speed target, measured side by side (paired runs, A B A B …, medians of CPU seconds).
#  1. The function alone: lrplot calling nanoGPT's get_lr (bench/nanogpt_get_lr.py) for steps 0 … 599,999
#     exactly as its simulation calls it (lrplot-snippet-bench, best of 5), against CPython calling the
#     same function 600,000 times (bench/get_lr_cpython.py, best of its own 5). Both print the sum of
#     the values, which must be the same number: the same function, computed the same.
#  2. The whole chart: lrplot drawing get_lr over 600,000 steps with the toy Adam to a PNG (process CPU
#     time, start-up included), against the same CPython loop, and against lrplot's native cosine.
#  3. 10^7 steps to a PNG, with the peak memory (flat: it does not grow with the steps).
# Usage: bench/snippet_vs_cpython.sh LRPLOT SNIPPET_BENCH [RUNS]
set -eu
LRPLOT=$1
KERNEL=$2
RUNS=${3:-3}
HERE=$(dirname "$0")
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{ print $1 + $2 }'; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
fn=""; py=""; draw=""; native=""; lsum=""; psum=""
i=0
while [ $i -lt "$RUNS" ]; do
  l=$("$KERNEL" "$HERE/nanogpt_get_lr.py" get_lr 600000 5)
  p=$(python3 "$HERE/get_lr_cpython.py")
  fn="$fn $(echo "$l" | field best_s)"; lsum=$(echo "$l" | field sum)
  py="$py $(echo "$p" | field best_s)"; psum=$(echo "$p" | field sum)
  draw="$draw $(cpu "$LRPLOT" "$HERE/nanogpt_get_lr.py" --epochs 600000 -o "$OUT/get_lr.png")"
  native="$native $(cpu "$LRPLOT" cosine --t-max 600000 --epochs 600000 -o "$OUT/cosine.png")"
  i=$((i + 1))
done
median() { printf '%s\n' $1 | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
F=$(median "$fn"); P=$(median "$py"); D=$(median "$draw"); N=$(median "$native")
echo "snippet: get_lr alone, 600000 calls: lrplot ${F} s (runs:$fn), CPython ${P} s (runs:$py)"
if [ "$lsum" = "$psum" ]; then echo "snippet: sums identical ($lsum)"; else echo "snippet: SUMS DIFFER: lrplot $lsum, CPython $psum"; fi
awk -v l="$F" -v p="$P" 'BEGIN { r = p / l; printf "snippet: lrplot runs get_lr %.1fx as fast as CPython (target: >= 5x) %s\n", r, (r >= 5 ? "ok" : "MISSED") }'
echo "snippet: drawing get_lr over 600000 steps (Adam + PNG, whole process) ${D} s CPU (runs:$draw); native cosine ${N} s (runs:$native)"
awk -v d="$D" -v p="$P" -v n="$N" 'BEGIN { printf "snippet: the whole chart costs %.2fx the native cosine chart and %.2fx CPython calling get_lr alone\n", d / n, d / p }'
LONG=$(/usr/bin/time -f "%U %S %M" "$LRPLOT" "$HERE/nanogpt_get_lr.py" --epochs 10000000 -o "$OUT/long.png" 2>&1 >/dev/null | tail -1)
echo "$LONG" | awk '{ t = $1 + $2; printf "snippet: 10^7 steps to a PNG %.2f s CPU, peak RSS %.0f MB (target: < 2 s) %s\n", t, $3 / 1024, (t < 2 ? "ok" : "MISSED") }'
