# The layers keep their arrows: export/ writes no SQL and reads the case
# only through the typed readers of timeline/; no flag is a bare number.
. "$(dirname "$0")/lib.sh"
top=$(cd "$FIXTURES/../.." && pwd)
cd "$top"
bad=$(grep -nE '\b(SELECT|INSERT|UPDATE|DELETE)\b|sqlite3|tl_store_query|tl_store_select|tl_col_|store_int\.h' \
    export/*.c export/*.h || true)
[ -z "$bad" ] || die "SQL in export/: $bad"
bad=$(grep -nE 'flags *& *[0-9]' export/*.c cli/*.c ftl.c || true)
[ -z "$bad" ] || die "a flag as a magic number: $bad"
# evidence text reaches output only through base/escape.h
bad=$(grep -nE 'exp_put_safe|exp_csv_text|json_str' export/*.c cli/*.c ftl.c || true)
[ -z "$bad" ] || die "an escaper outside base/escape.h: $bad"
# base/ uses nothing of ftl; timeline/ knows no collector or exporter
bad=$(grep -n '#include "' base/*.c base/*.h | grep -v '"base/' || true)
[ -z "$bad" ] || die "base/ includes another layer: $bad"
bad=$(grep -nE '#include "(collectors|export|cli|analyze)/' timeline/*.c timeline/*.h || true)
[ -z "$bad" ] || die "timeline/ includes a layer above it: $bad"
bad=$(grep -nE '#include "(collectors|cli)/' export/*.c export/*.h || true)
[ -z "$bad" ] || die "export/ includes collectors/ or cli/: $bad"
