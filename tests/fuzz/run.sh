#!/bin/sh
# tests/fuzz/run.sh SECONDS [NAME...] - run libFuzzer harnesses
#
# Runs build-fuzz/tests/fuzz/fuzz_NAME (every one built when no NAME is
# given) for SECONDS each, one after the other, on its growing corpus
# build-fuzz/corpus/NAME (kept between runs) and its seeds
# build-fuzz/seeds/NAME (tests/fuzz/seeds.sh makes them), with the
# dictionary tests/fuzz/NAME.dict when there is one.  An input that
# crashes, trips a sanitizer, a property or -timeout (a hang), or passes
# -rss_limit_mb is kept as build-fuzz/crashes/NAME-*, and the run fails.
# Each run appends a line to build-fuzz/logs/summary.tsv: harness, wall
# seconds, executions, CPU seconds, coverage (cov: and ft: of
# libFuzzer's last status line), exit code; docs/FUZZING.md is made from
# those lines.
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift
B=build-fuzz
mkdir -p "$B/logs" "$B/crashes" "$B/tmp"
[ -d "$B/seeds" ] || tests/fuzz/seeds.sh >/dev/null
if [ $# -eq 0 ]; then
    set -- $(ls "$B"/tests/fuzz/ | sed -n 's/^fuzz_\([a-z0-9_]*\)$/\1/p')
fi
fail=0
for name in "$@"; do
    bin=$B/tests/fuzz/fuzz_$name
    [ -x "$bin" ] || { echo "fuzz: no $bin (make fuzz builds it)"; fail=1; continue; }
    mkdir -p "$B/corpus/$name" "$B/seeds/$name"
    log=$B/logs/$name.$(date -u +%Y%m%dT%H%M%S).log
    dict=
    [ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
    start=$(date +%s)
    # The harness's own temporary files (a scratch case, a file for the
    # parsers that take a path) go to a folder of ours.
    TMPDIR=$PWD/$B/tmp /usr/bin/time -f 'cpu %U %S' -o "$log.time" \
        "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$B/crashes/$name-" $dict \
        "$B/corpus/$name" "$B/seeds/$name" >"$log" 2>&1
    rc=$?
    wall=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cpu=$(awk '/^cpu/ { printf "%.0f", $2 + $3 }' "$log.time")
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 |
          awk '{ print $2 "\t" $4 }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$wall" "${execs:-0}" \
        "${cpu:-0}" "${cov:-0	0}" "$rc" >>"$B/logs/summary.tsv"
    if [ $rc -ne 0 ]; then
        echo "fuzz: $name FAILED (exit $rc), see $log:"
        grep -E 'ERROR|SUMMARY|property failed|Test unit written' "$log" | head -5
        fail=1
    else
        echo "fuzz: $name ok: ${execs:-0} runs in ${wall}s, cov ${cov:-?}"
    fi
done
exit $fail
