# 'make install' as a tool installs: into DESTDIR=./root with
# PREFIX=/usr, the binary (the one the runner tests), the man page, the
# data copies and the bash completion, with their modes; nothing but
# build products changes in the tree.  The installed ftl says its version
# and revision and records them in the audit table; the completion,
# sourced in bash, completes commands, kinds, formats, options, tables,
# languages and files from the installed binary; 'make uninstall'
# removes what install put there and nothing else.  The revision header
# is "unknown" outside git and rewritten only when the revision changes.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
case $FTL in
"$top/ftl") san= ;;
"$top/build-san/ftl") san=1 ;;
*) skip "FTL=$FTL is not a build of this tree" ;;
esac
command -v bash >/dev/null || skip "no bash"
root=$PWD/root

# make as a user runs it, not as the make of 'make check' (no jobserver)
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u SANITIZE make -s "$@"; }

in_git=
git -C "$top" rev-parse --git-dir >/dev/null 2>&1 && in_git=1
[ -z "$in_git" ] || git -C "$top" status --porcelain > tree.before
mk -C "$top" install DESTDIR="$root" PREFIX=/usr SANITIZE="$san" > make.out
if [ -n "$in_git" ]; then
    git -C "$top" status --porcelain > tree.after
    cmp -s tree.before tree.after || { diff tree.before tree.after >&2;
        die "make install changed the source tree"; }
fi

# what went where, with which mode
mode() { stat -c '%a %F' "$root$1"; }
expect_eq "mode of bin/ftl" "$(mode /usr/bin/ftl)" "755 regular file"
cmp "$FTL" "$root/usr/bin/ftl" || die "the installed ftl is not $FTL"
for f in share/man/man1/ftl.1:docs/ftl.1 \
         share/ftl/iocs/default.csv:data/iocs/default.csv \
         share/ftl/iocs/README.md:data/iocs/README.md \
         share/ftl/rules/default.csv:data/rules/default.csv \
         share/bash-completion/completions/ftl:data/completion/ftl.bash; do
    expect_eq "mode of ${f%%:*}" "$(mode "/usr/${f%%:*}")" \
        "644 regular file"
    cmp "$root/usr/${f%%:*}" "$top/${f#*:}" || die "${f%%:*} is not a copy"
done
find "$root" ! -type d | sed "s|^$root||" | sort > installed.txt
expect_eq "files installed" "$(wc -l < installed.txt)" 6

# the version, the revision of this tree, the same in the audit table
bin=$root/usr/bin/ftl
"$bin" --version > version.txt
expect_grep '^ftl [0-9][0-9.]* (git [A-Za-z0-9._+-]*)$' version.txt
if [ -n "$in_git" ] && rev=$(git -C "$top" describe --always --dirty); then
    expect_eq "revision" "$(cat version.txt)" \
        "ftl $(sed 's/^ftl \([^ ]*\).*/\1/' version.txt) (git $rev)"
fi
"$bin" init -c case.ftl --name T1 2> init.err
expect_eq "audit tool_version" \
    "$(sql case.ftl 'SELECT tool_version FROM audit')" "$(cat version.txt)"

# the listings the completion asks for
expect_rc 2 "$bin" help --list bogus 2> list.err
expect_grep "cannot list 'bogus'" list.err
expect_rc 1 "$bin" -c nosuch.ftl help --list tables 2> list.err
[ ! -e nosuch.ftl ] || die "help --list tables created a case"
"$bin" help --list kinds > kinds.txt
expect_grep '^disk$' kinds.txt
sha_before=$(sha case.ftl)
"$bin" -c case.ftl help --list tables > tables.txt
expect_grep '^events$' tables.txt
expect_eq "case after --list tables" "$(sha case.ftl)" "$sha_before"

# the completion, sourced in bash, on the installed binary
cat > complete.bash <<'SH'
. "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
_ftl
printf '%s\n' "${COMPREPLY[@]}"
SH
comp() {
    bash complete.bash \
        "$root/usr/share/bash-completion/completions/ftl" "$bin" "$@"
}
expect_eq "ftl col<TAB>" "$(comp col)" collect
comp collect "" > c.kinds
cmp c.kinds kinds.txt || die "ftl collect <TAB> is not the kinds"
comp collect di > c.di
expect_eq "ftl collect di<TAB>" "$(cat c.di)" disk
comp export --case=case.ftl csv --table "" > c.tables
cmp c.tables tables.txt || die "--table <TAB> is not the case's tables"
mkdir sub && (cd sub && cp ../case.ftl . &&
    bash ../complete.bash \
        "$root/usr/share/bash-completion/completions/ftl" "$bin" \
        export csv --table exp) > c.exp
expect_grep '^exposures$' c.exp
expect_no_grep '^events$' c.exp
comp export -- > c.export
for o in --table --output --lang --from --record; do
    expect_grep "^$o\$" c.export
done
expect_no_grep '^[^-]' c.export
comp collect disk --of > c.offset
expect_eq "collect disk --of<TAB>" "$(cat c.offset)" --offset
expect_eq "collect maillog --of<TAB>" "$(comp collect maillog --of)" ""
expect_eq "export html --lang <TAB>" "$(comp export html --lang "" |
    tr '\n' ' ')" "en fr nl de "
expect_eq "export csv --for <TAB>" "$(comp export csv --for "" |
    tr '\n' ' ')" "spreadsheet timesketch "
comp export jsonl --b > c.bulk
expect_eq "export jsonl --b<TAB>" "$(cat c.bulk)" --bulk
expect_eq "help export <TAB>" "$(comp help export "" | tr '\n' ' ')" \
    "$("$bin" help --list formats | tr '\n' ' ')"
: > evidence.img
expect_eq "collect disk ev<TAB>" "$(comp collect disk ev)" evidence.img
expect_eq "-c ca<TAB>" "$(comp -c ca)" case.ftl

# uninstall: what install put there, not a file of the examiner's
cp "$top/data/iocs/default.csv" "$root/usr/share/ftl/iocs/mine.csv"
mk -C "$top" uninstall DESTDIR="$root" PREFIX=/usr SANITIZE="$san"
left=$(find "$root" ! -type d | sed "s|^$root||")
expect_eq "left after uninstall" "$left" /usr/share/ftl/iocs/mine.csv
rm "$root/usr/share/ftl/iocs/mine.csv"
mk -C "$top" uninstall DESTDIR="$root" PREFIX=/usr SANITIZE="$san"
[ ! -e "$root/usr/share/ftl" ] || die "uninstall left share/ftl"

# the revision header: "unknown" without git; in git, the revision,
# -dirty after a change, and the file left alone when nothing changed
mkdir tarball
cp "$top/Makefile" tarball/
mk -C tarball build/base/revision.h
expect_grep '"unknown"' tarball/build/base/revision.h
command -v git >/dev/null || exit 0
mkdir repo
cp "$top/Makefile" repo/
(cd repo && git init -q && git add Makefile &&
    git -c user.name=t -c user.email=t@t commit -qm one)
mk -C repo build/base/revision.h
expect_grep "\"$(git -C repo rev-parse --short HEAD)\"" \
    repo/build/base/revision.h
ino=$(stat -c %i repo/build/base/revision.h)
mk -C repo build/base/revision.h
expect_eq "revision.h rewritten" "$(stat -c %i repo/build/base/revision.h)" \
    "$ino"
echo >> repo/Makefile
mk -C repo build/base/revision.h
expect_grep 'dirty"' repo/build/base/revision.h
