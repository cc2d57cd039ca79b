#!/bin/sh
# bench/run.sh - speed and memory of ftl against reference tools
#
# Runs every bench/bench_*.sh (BENCH=name runs one) and writes what they
# print, under a header naming the machine and the commit, to
# bench/RESULTS.md.  Each figure is a ratio to a reference measured in
# the same run, because these machines are shared and noisy.  Work files
# go to bench/work/ (not in git).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
FTL=$(cd "$top" && readlink -f "${FTL:-./ftl}")
export FTL
work=$top/bench/work
mkdir -p "$work"
out=$top/bench/RESULTS.md
tmp=$work/RESULTS.md.new
{
    echo "# ftl benchmarks"
    echo
    echo "Written by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%dT%H:%M:%SZ)."
    echo "Commit $(cd "$top" && git rev-parse --short HEAD 2>/dev/null || echo unknown)."
    echo
    echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"
    echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM,"
    echo "Linux $(uname -r), $(sqlite3 --version | cut -d' ' -f1-1 | sed 's/^/sqlite3 /')."
    echo
    echo "Times are wall-clock seconds, the median of the runs shown; RSS is"
    echo "the peak resident set size (GNU time %M).  Each ratio compares two"
    echo "commands measured in the same run."
} > "$tmp"
for b in "$top"/bench/bench_*.sh; do
    [ -e "$b" ] || continue
    name=$(basename "$b" .sh)
    name=${name#bench_}
    [ -n "${BENCH:-}" ] && [ "$BENCH" != "$name" ] && continue
    echo "bench: $name" >&2
    d=$work/$name
    mkdir -p "$d"
    echo >> "$tmp"
    (cd "$d" && sh "$b") >> "$tmp"
done
if [ -n "${BENCH:-}" ]; then
    # one bench: its own file, so that RESULTS.md keeps the whole run
    out=$top/bench/RESULTS-$BENCH.md
    [ -e "$top/bench/bench_$BENCH.sh" ] ||
        { echo "bench: no bench/bench_$BENCH.sh" >&2; exit 2; }
fi
# Commands are shown as a reader would type them at the top of the tree:
# no absolute path of this machine.
sed -e "s|$FTL|ftl|g" -e "s|$top/||g" "$tmp" > "$tmp.2" && rm -f "$tmp"
mv "$tmp.2" "$out"
echo "bench: wrote $out" >&2
