#!/bin/sh
# tests/e2e/run.sh - run every end-to-end test of the ftl binary
#
# Each tests/e2e/t_*.sh runs in its own empty directory with FTL (the
# binary), SAMPLES (../shared/samples) and FIXTURES (tests/fixtures) set.
# A test passes when it exits 0 and is skipped when it exits 77 (lib.sh's
# skip).  E2E=name runs only t_name.sh (E2E="a b": t_a.sh and t_b.sh);
# VALGRIND=1 runs ftl under valgrind (see below).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
FTL=$(cd "$top" && readlink -f "${FTL:-./ftl}")
SAMPLES=${SAMPLES:-$top/../shared/samples}
SAMPLES=$(readlink -f "$SAMPLES" || echo "$SAMPLES")
FIXTURES=$top/tests/fixtures
# The test build (base/fault.h) and the EIO shim, beside the binary as
# the Makefile builds them; tests that need them skip when absent.
o=$(dirname "$FTL"); [ "$o" = "$top" ] && o=$top/build
FTL_FAULTS_BIN=$(cd "$top" && readlink -f "${FTL_FAULTS_BIN:-$o/ftl-faults}")
FTL_EIO_SHIM=$(cd "$top" && readlink -f "${FTL_EIO_SHIM:-$o/tests/fault/eio.so}")
export FTL SAMPLES FIXTURES FTL_FAULTS_BIN FTL_EIO_SHIM
[ -x "$FTL" ] || { echo "e2e: no ftl binary at $FTL" >&2; exit 1; }
[ -d "$SAMPLES" ] || { echo "e2e: samples not found at $SAMPLES" >&2; exit 1; }

# Under SANITIZE=1, a sanitizer report must not pass for ftl's own
# "exit 1": ASan and UBSan exit 86 and write their reports to files that
# fail the test they come from.
san=$top/tests/tmp/san
if [ "${SANITIZE:-}" = 1 ]; then
    export ASAN_OPTIONS="exitcode=86:log_path=$san"
    export UBSAN_OPTIONS="halt_on_error=1:exitcode=86:log_path=$san"
fi

# Under VALGRIND=1 every ftl a test runs goes through valgrind (memcheck,
# full leak check, tests/valgrind.supp); a report fails the test even
# where ftl's own exit status was expected to be 1, as the sanitizers'
# do, since its logs land beside theirs.
if [ "${VALGRIND:-}" = 1 ]; then
    command -v valgrind > /dev/null || { echo "e2e: no valgrind" >&2; exit 1; }
    mkdir -p "$top/tests/tmp"
    vg=$top/tests/tmp/valgrind-ftl
    cat > "$vg" <<SH
#!/bin/sh
exec valgrind -q --error-exitcode=1 --leak-check=full \\
    --suppressions="$top/tests/valgrind.supp" --log-file="$san.vg.%p" \\
    "$FTL" "\$@"
SH
    chmod +x "$vg"
    FTL=$vg
fi

# reports: 0 when a sanitizer or valgrind wrote a report (valgrind
# leaves an empty log where it found nothing)
reports() {
    for r in "$san".*; do
        [ -s "$r" ] && return 0
    done
    return 1
}

pass=0 fail=0 skipped=0 failed=
for t in "$top"/tests/e2e/t_*.sh; do
    name=$(basename "$t" .sh)
    name=${name#t_}
    # E2E: one name, or several separated by spaces
    case " ${E2E:-$name} " in *" $name "*) ;; *) continue ;; esac
    dir=$top/tests/tmp/$name
    rm -rf "$dir" "$san".* && mkdir -p "$dir"
    (cd "$dir" && sh "$t") >"$dir.log" 2>&1
    rc=$?
    if [ "$rc" -eq 77 ] && ! reports; then
        skipped=$((skipped + 1))
        echo "e2e: skip $name ($(grep -m1 '^SKIP: ' "$dir.log" | cut -c7-))"
    elif [ "$rc" -eq 0 ] && ! reports; then
        pass=$((pass + 1))
        echo "e2e: ok   $name"
    else
        fail=$((fail + 1))
        failed="$failed $name"
        echo "e2e: FAIL $name (log: tests/tmp/$name.log)"
        tail -n 25 "$dir.log" | sed 's/^/    /'
        for r in "$san".*; do
            [ -s "$r" ] || continue
            echo "    sanitizer report $r:"
            head -n 30 "$r" | sed 's/^/    /'
            mv "$r" "$dir.$(basename "$r")"
        done
    fi
done
echo "e2e: $pass passed, $skipped skipped, $fail failed${failed:+:$failed}"
[ "$fail" -eq 0 ]
