#!/bin/bash
# Issue 13's speed target, measured side by side (paired runs, A B A B …, medians of CPU seconds).
#  1. The function alone: lrplot calling nanoGPT's get_lr (bench/nanogpt_get_lr.py) for steps 0 … 599,999
#     exactly as its simulation calls it (lrplot-snippet-bench, best of 5), against CPython calling the
#     same function 600,000 times (bench/get_lr_cpython.py, best of its own 5). Both print the sum of
#     the values, which must be the same number: the same function, computed the same.
#  2. The whole chart: lrplot drawing get_lr over 600,000 steps to a PNG (the whole process, start-up,
#     snippet, simulation and PNG included; CPU seconds and wall seconds to the microsecond, from
#     bench/cpu_seconds.py), against the same CPython loop, and against lrplot's native cosine.
#  3. 10^7 steps to a PNG, with the peak memory (flat: it does not grow with the steps).
# Usage: bench/snippet_vs_cpython.sh LRPLOT SNIPPET_BENCH [RUNS]
set -eu
LRPLOT=$1
KERNEL=$2
RUNS=${3:-3}
HERE=$(dirname "$0")
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# "cpu wall" of one run of a command.
measure() { python3 "$HERE/cpu_seconds.py" "$@"; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
# Both sides take their best of several runs within a pair (CPython's loop its best of 5, each lrplot
# chart its best of 3 processes), and each pair's ratio is taken from runs made seconds apart: on a
# shared machine whose speed drifts, a median of those ratios is steadier than a ratio of medians.
best() { printf '%s\n' "$@" | sort -g | head -1; }
fn=""; py=""; draw=""; drawWall=""; native=""; ratios=""; wallRatios=""; lsum=""; psum=""
i=0
while [ $i -lt "$RUNS" ]; do
  l=$("$KERNEL" "$HERE/nanogpt_get_lr.py" get_lr 600000 5)
  p=$(python3 "$HERE/get_lr_cpython.py")
  fn="$fn $(echo "$l" | field best_s)"; lsum=$(echo "$l" | field sum)
  pb=$(echo "$p" | field best_s); psum=$(echo "$p" | field sum); py="$py $pb"
  dc=""; dw=""; nc=""
  for k in 1 2 3; do
    d=$(measure "$LRPLOT" "$HERE/nanogpt_get_lr.py" --epochs 600000 -o "$OUT/get_lr.png")
    n=$(measure "$LRPLOT" cosine --t-max 600000 --epochs 600000 -o "$OUT/cosine.png")
    dc="$dc ${d% *}"; dw="$dw ${d#* }"; nc="$nc ${n% *}"
  done
  db=$(best $dc); dwb=$(best $dw); nb=$(best $nc)
  draw="$draw $db"; drawWall="$drawWall $dwb"; native="$native $nb"
  ratios="$ratios $(awk -v p="$pb" -v d="$db" 'BEGIN { printf "%.2f", p / d }')"
  wallRatios="$wallRatios $(awk -v p="$pb" -v d="$dwb" 'BEGIN { printf "%.2f", p / d }')"
  i=$((i + 1))
done
median() { printf '%s\n' $1 | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
F=$(median "$fn"); P=$(median "$py"); D=$(median "$draw"); N=$(median "$native"); DW=$(median "$drawWall")
R=$(median "$ratios"); RW=$(median "$wallRatios")
echo "snippet: get_lr alone, 600000 calls: lrplot ${F} s (runs:$fn), CPython ${P} s (runs:$py)"
if [ "$lsum" = "$psum" ]; then echo "snippet: sums identical ($lsum)"; else echo "snippet: SUMS DIFFER: lrplot $lsum, CPython $psum"; fi
awk -v l="$F" -v p="$P" 'BEGIN { r = p / l; printf "snippet: lrplot runs get_lr %.1fx as fast as CPython (target: >= 5x) %s\n", r, (r >= 5 ? "ok" : "MISSED") }'
echo "snippet: drawing get_lr over 600000 steps to a PNG (whole process, best of 3 per pair): ${D} s CPU, ${DW} s wall (CPU:$draw); native cosine ${N} s CPU"
awk -v d="$D" -v n="$N" 'BEGIN { printf "snippet: the whole chart costs %.2fx the native cosine chart\n", d / n }'
echo "snippet: CPython calling get_lr alone against the whole chart, pair by pair: CPU$ratios; wall$wallRatios"
awk -v r="$R" -v w="$RW" 'BEGIN { printf "snippet: CPython calling get_lr alone takes %.1fx the whole chart'"'"'s CPU time and %.1fx its wall time (medians of the pairs; target: >= 5x) %s\n", r, w, (r >= 5 ? "ok" : "MISSED") }'
LONG=$(/usr/bin/time -f "%U %S %M" "$LRPLOT" "$HERE/nanogpt_get_lr.py" --epochs 10000000 -o "$OUT/long.png" 2>&1 >/dev/null | tail -1)
echo "$LONG" | awk '{ t = $1 + $2; printf "snippet: 10^7 steps to a PNG %.2f s CPU, peak RSS %.0f MB (target: < 2 s) %s\n", t, $3 / 1024, (t < 2 ? "ok" : "MISSED") }'
# 4. The same comparison in instructions, which a shared machine's speed does not move (when valgrind
#    is installed): callgrind counts every instruction of the whole lrplot process drawing the chart,
#    and of CPython running the loop, less CPython's own start-up (the loop run for 0 steps).
if command -v valgrind >/dev/null 2>&1; then
  strip --strip-debug -o "$OUT/lrplot" "$LRPLOT"   # valgrind cannot read Swift's DWARF
  PY=$(python3 -c 'import sys; print(sys.executable)')
  instructions() { valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.out" "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
  IL=$(instructions "$OUT/lrplot" "$HERE/nanogpt_get_lr.py" --epochs 600000 -o "$OUT/get_lr.png")
  IP=$(instructions "$PY" "$HERE/get_lr_cpython.py" --calls 600000 --repeat 1 --no-check)
  I0=$(instructions "$PY" "$HERE/get_lr_cpython.py" --calls 0 --repeat 1 --no-check)
  awk -v l="$IL" -v p="$IP" -v z="$I0" 'BEGIN { printf "snippet: instructions (callgrind): the whole chart %.1f M; CPython calling get_lr 600000 times %.1f M (its start-up taken off): %.1fx\n", l / 1e6, (p - z) / 1e6, (p - z) / l }'
else
  echo "snippet: instructions: valgrind is not installed (apt-get install valgrind adds the callgrind comparison)"
fi
