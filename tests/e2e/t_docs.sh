# The documentation keeps up with the binary: every command, kind and
# export format that 'ftl --help' lists has its entry in docs/ftl.1 and
# is named in README.md; every option that any 'ftl ... --help' prints
# is an entry (.TP tag or SYNOPSIS) of the man page, a kind's own options
# under that kind; and every option the man page lists as an entry is
# one the binary prints (so a removed or renamed option cannot linger).
# Per command, as 'ftl --help' lists them (so a new command is checked
# too): every option of 'ftl COMMAND --help' (for collect: and of each
# kind) is an entry of that command's part of COMMANDS in docs/ftl.1, or
# of OPTIONS when it is global, and every entry there is one that
# command's help prints.
. "$(dirname "$0")/lib.sh"
top=$(cd "$FIXTURES/../.." && pwd)
ftl=$FTL

"$ftl" --help > main.txt
sed -n '/^Commands:/,/^$/p' main.txt | awk 'NF && !/:$/ {print $1}' \
    > commands.txt
for c in $(cat commands.txt); do
    "$ftl" "$c" --help > "cmd-$c.txt"
done
sed -n '/^Kinds:/,/^$/p' cmd-collect.txt | awk 'NF && !/:$/ {print $1}' \
    > kinds.txt
sed -n 's/^  ftl export \([a-z0-9]*\).*/\1/p' cmd-export.txt | sort -u \
    > formats.txt
[ -s commands.txt ] && [ -s kinds.txt ] && [ -s formats.txt ] ||
    die "no commands, kinds or formats found in the help texts"
for k in $(cat kinds.txt); do
    "$ftl" help collect "$k" > "kind-$k.txt"
done

python3 - "$top/docs/ftl.1" "$top/README.md" <<'PY' || exit 1
import glob, re, sys
man_src, readme = open(sys.argv[1]).read(), open(sys.argv[2]).read()
words = lambda f: open(f).read().split()
commands, kinds, formats = (words(f) for f in
                            ("commands.txt", "kinds.txt", "formats.txt"))

def plain(line):
    """A man source line as the reader sees it: no escapes, no quotes,
    no macro name."""
    line = re.sub(r"\\f[BIRP]|\\&|\\e", "", line).replace("\\-", "-")
    line = re.sub(r"^\.[A-Z]+\s*", "", line)
    return line.replace('"', "")

lines = man_src.splitlines()
# the entries of the man page: the tag line after each .TP, in order
tags = [plain(lines[i + 1]) for i, l in enumerate(lines[:-1])
        if l.startswith(".TP")]
synopsis = " ".join(plain(l) for l in
                    man_src.split(".SH SYNOPSIS")[1].split(".SH ")[0]
                    .splitlines())
OPT = r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])"
def opts(text):
    return set(re.findall(OPT, text))

def help_opts(text):
    """Options a help text offers: its option lines and usage lines."""
    got = set()
    for l in text.splitlines():
        if re.match(r"\s*(usage:|ftl )", l) or re.match(r"\s+-", l):
            # an option line: the options, then two spaces, then prose
            got |= opts(l.strip().split("  ")[0]
                        if re.match(r"\s+-", l) else l)
    return got

bad = []
first = [t.split()[0] if t.split() else "" for t in tags]
for name in commands + kinds + formats:
    if name not in first:
        bad.append("docs/ftl.1 has no entry (.TP) for '%s'" % name)
    if not re.search(r"\b%s\b" % re.escape(name), readme):
        bad.append("README.md does not name '%s'" % name)
for c in commands:
    if "ftl " + c not in readme:
        bad.append("README.md does not show 'ftl %s'" % c)

man_opts = set().union(*(opts(t) for t in tags)) | opts(synopsis)
all_help = set()
for f in sorted(glob.glob("*.txt")):
    if f.endswith(("commands.txt", "kinds.txt", "formats.txt")):
        continue
    all_help |= help_opts(open(f).read())
for o in sorted(all_help - man_opts):
    bad.append("option %s of the help is not an entry of docs/ftl.1" % o)
for o in sorted(man_opts - all_help):
    bad.append("docs/ftl.1 lists %s, which no --help prints" % o)

# a kind's own options (above 'Common options:') are entries under it
pos = {t.split()[0]: i for i, t in enumerate(tags) if t.split()
       and t.split()[0] in kinds}
order = sorted(pos.values())
for k in kinds:
    own = open("kind-%s.txt" % k).read().split("Common options:")[0]
    own = help_opts(own.split("\n", 1)[1] if "\n" in own else "")
    own -= help_opts(open("cmd-collect.txt").read())
    start = pos.get(k)
    if start is None:
        continue
    later = [i for i in order if i > start]
    end = later[0] if later else len(tags)
    there = set().union(set(), *(opts(t) for t in tags[start:end]))
    for o in sorted(own - there):
        bad.append("option %s of 'collect %s' is not under %s in "
                   "docs/ftl.1" % (o, k, k))

def section(name):
    """The lines of a top-level part of the man page (.SH name)."""
    return man_src.split(".SH " + name + "\n")[1].split("\n.SH ")[0] \
        .splitlines()

def entries(lines):
    """The top-level entries of a part: {first word of the tag: the
    options of every tag, nested ones too, up to the next top-level
    entry}."""
    got, depth, cur = {}, 0, None
    for i, l in enumerate(lines):
        if l.startswith(".RS"):
            depth += 1
        elif l.startswith(".RE"):
            depth -= 1
        elif l.startswith(".TP") and i + 1 < len(lines):
            tag = plain(lines[i + 1])
            if depth == 0:
                cur = tag.split()[0] if tag.split() else ""
                got[cur] = set()
            if cur is not None:
                got[cur] |= opts(tag)
    return got

per_command = entries(section("COMMANDS"))
global_opts = set().union(set(), *entries(section("OPTIONS")).values())
for name in sorted(set(per_command) - set(commands)):
    bad.append("docs/ftl.1 has a command '%s' that 'ftl --help' does "
               "not list" % name)
for c in commands:
    text = open("cmd-%s.txt" % c).read()
    if c == "collect":
        text += "".join(open("kind-%s.txt" % k).read() for k in kinds)
    helped, there = help_opts(text), per_command.get(c, set())
    for o in sorted(helped - there - global_opts):
        bad.append("option %s of 'ftl %s --help' is not an entry under "
                   "%s in docs/ftl.1" % (o, c, c))
    for o in sorted(there - helped):
        bad.append("docs/ftl.1 lists %s under %s, which 'ftl %s --help' "
                   "does not print" % (o, c, c))
for b in bad:
    print("FAIL:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# the man page itself is clean markup
if command -v groff >/dev/null 2>&1; then
    groff -man -Tutf8 -ww "$top/docs/ftl.1" > /dev/null 2> groff.err
    [ ! -s groff.err ] || { cat groff.err >&2; die "groff warns on docs/ftl.1"; }
fi
