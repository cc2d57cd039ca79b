#!/bin/sh
# tests/fuzz/report.sh - the per-harness totals of every run recorded in
# build-fuzz/logs/summary.tsv (tests/fuzz/run.sh appends to it), as the
# Markdown table of docs/FUZZING.md: runs, wall time and CPU time
# summed, the coverage (cov: edges, ft: features) of the last run, and
# how many runs failed.
set -eu
cd "$(dirname "$0")/../.."
echo '| harness | runs | wall | CPU | executions | cov | ft | failed runs |'
echo '|---|---|---|---|---|---|---|---|'
awk -F '\t' '
    { name = $1; wall[name] += $2; ex[name] += $3; cpu[name] += $4
      cov[name] = $5; ft[name] = $6; runs[name]++; if ($7 != 0) bad[name]++ }
    END {
        for (n in runs)
            printf "| %s | %d | %dm%02ds | %dm%02ds | %d | %s | %s | %d |\n", n, runs[n],
                wall[n] / 60, wall[n] % 60, cpu[n] / 60, cpu[n] % 60, ex[n],
                cov[n], ft[n], bad[n]
    }' build-fuzz/logs/summary.tsv | sort
