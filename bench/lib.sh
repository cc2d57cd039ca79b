# bench/lib.sh - helpers for bench/bench_*.sh (sourced)
#
#   interleaved RUNS NAME=CMD...  run every CMD once per round, RUNS
#                              rounds, so that the commands compared see
#                              the same load on a shared machine; set
#                              NAME_s (median wall seconds), NAME_cpu
#                              (median user + system seconds) and NAME_kb
#                              (peak RSS, KiB, the largest)
#                              NAME_prep, when set, is run before each
#                              run of NAME, untimed (a fresh copy of a
#                              case the command changes)
#   measure NAME RUNS CMD...   the same for one command
#   ratio A B                  A / B with 2 decimals
#   verdict OK_CONDITION TEXT  "met" / "NOT met" line for RESULTS.md
set -eu

# median: the middle line of the numbers on stdin
median() {
    sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

interleaved() {
    _runs=$1
    shift
    for _p in "$@"; do : > "${_p%%=*}.times"; done
    _r=0
    while [ "$_r" -lt "$_runs" ]; do
        for _p in "$@"; do
            _n=${_p%%=*}
            eval "_pre=\${${_n}_prep:-}"
            if [ -n "$_pre" ]; then
                sh -c "$_pre" >/dev/null 2>&1 ||
                    { echo "bench: '$_pre' failed" >&2; exit 1; }
            fi
            /usr/bin/time -f '%e %M %U %S' -o "$_n.one" sh -c "${_p#*=}" \
                >/dev/null 2>&1 ||
                { echo "bench: '${_p#*=}' failed" >&2; exit 1; }
            cat "$_n.one" >> "$_n.times"
        done
        _r=$((_r + 1))
    done
    for _p in "$@"; do
        _n=${_p%%=*}
        eval "${_n}_s=$(cut -d' ' -f1 "$_n.times" | median)"
        eval "${_n}_cpu=$(awk '{print $3 + $4}' "$_n.times" | median)"
        eval "${_n}_kb=$(sort -k2 -n "$_n.times" | tail -1 | cut -d' ' -f2)"
    done
}

measure() {
    _name=$1 _runs=$2
    shift 2
    interleaved "$_runs" "$_name=$*"
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
