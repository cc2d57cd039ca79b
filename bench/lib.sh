# bench/lib.sh - helpers for bench/bench_*.sh (sourced)
#
#   measure NAME RUNS CMD...   run CMD RUNS times; set NAME_s (median wall
#                              seconds) and NAME_kb (peak RSS, KiB, max)
#   ratio A B                  A / B with 2 decimals
#   verdict OK_CONDITION TEXT  "met" / "NOT met" line for RESULTS.md
set -eu

measure() {
    _name=$1 _runs=$2
    shift 2
    : > "$_name.times"
    _i=0
    while [ "$_i" -lt "$_runs" ]; do
        /usr/bin/time -f '%e %M' -o "$_name.one" sh -c "$*" >/dev/null 2>&1 ||
            { echo "bench: '$*' failed" >&2; exit 1; }
        cat "$_name.one" >> "$_name.times"
        _i=$((_i + 1))
    done
    eval "${_name}_s=$(sort -n "$_name.times" | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
    eval "${_name}_kb=$(sort -k2 -n "$_name.times" | tail -1 | cut -d' ' -f2)"
}

ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 0.001; printf "%.2f", a / b }'
}

# le A B: 1 when A <= B (floating point)
le() {
    awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'
}

verdict() {
    if [ "$1" = 1 ]; then echo "met"; else echo "**NOT met**"; fi
}
