# t_html.sh - the report in a real browser: hostile evidence collected by
# the real binary, analysis rows from mkexposure.py, 'ftl export html',
# then headless Chromium with no network: the DOM (sections in order,
# ids, hostile text shown as text, no element injected, nothing run), a
# screenshot, and the PDF's page count and footer.
. "$(dirname "$0")/lib.sh"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "SKIP: chromium is not installed ('make deps' installs it)"
    exit 77
fi
command -v pdftotext >/dev/null || { echo "SKIP: no pdftotext"; exit 77; }

# Every payload would leave a mark in the DOM if it ran: data-pwned on
# <body>, or an element with id "pwned".
cat > hostile.txt <<'EOF'
<script>document.body.setAttribute('data-pwned','script')</script>
"><img src=x onerror="document.body.setAttribute('data-pwned','img')">
</style><b id="pwned">style</b>
javascript:document.body.setAttribute('data-pwned','js')
EOF
bidi=$(printf 'invoice\342\200\256fdp.exe')        # U+202E
zw=$(printf 'zero\342\200\213width')                # U+200B

# A body file whose names are the payloads.
{
    n=100
    while IFS= read -r p; do
        n=$((n + 1))
        echo "0|/var/tmp/$p|$n|r/rrw-r--r--|0|0|12|1684400000|1684400100|1684400200|1684400300"
    done < hostile.txt
    echo "0|/var/tmp/$bidi|200|r/rrw-r--r--|0|0|12|1684400000|1684400100|1684400200|0"
    echo "0|/var/tmp/$zw|201|r/rrw-r--r--|0|0|12|1684400000|1684400100|1684400200|0"
} > hostile.body

# A register whose names are payloads, and an mbox whose subjects and
# attachment names are.
python3 - "$bidi" "$zw" <<'PY'
import email.message, email.policy, email.utils, sys, time
lines = open("hostile.txt", encoding="utf-8").read().splitlines()
bidi, zw = sys.argv[1], sys.argv[2]
with open("register.csv", "w", encoding="utf-8", newline="") as f:
    f.write("employee_no,first_name,last_name,email\n")
    for i, p in enumerate(lines + [bidi, zw]):
        q = p.replace('"', '""')
        f.write('H%03d,"%s","Hostile%d",h%d@agency.example\n' % (i, q, i, i))
with open("hostile.mbox", "w", encoding="utf-8", newline="\n") as f:
    for i, p in enumerate(lines + [bidi, zw]):
        m = email.message.EmailMessage(policy=email.policy.SMTP)
        m["From"] = "attacker@eccentric.duck"
        m["To"] = "h%d@agency.example" % i
        m["Subject"] = p
        m["Message-ID"] = "<hostile-%d@eccentric.duck>" % i
        m["Date"] = email.utils.formatdate(1684400000 + 60 * i)
        m.set_content("see attached")
        m.add_attachment(b"x" * 20, maintype="application",
                         subtype="octet-stream", filename=p + ".tar")
        f.write("From attacker@eccentric.duck %s\n"
                % time.asctime(time.gmtime(1684400000 + 60 * i)))
        f.write(m.as_string(policy=email.policy.SMTP.clone(linesep="\n")))
        f.write("\n")
PY

sh "$FIXTURES/mkappliance.sh" esg.img >/dev/null
case_id='HTML-E2E "7" </style>'
"$FTL" init -c c.ftl --name "$case_id" --examiner 'E2E <examiner>' \
    --tz Europe/Brussels 2>/dev/null
"$FTL" collect staff -c c.ftl -q register.csv
"$FTL" collect bodyfile -c c.ftl -q hostile.body
"$FTL" collect mailbox -c c.ftl -q hostile.mbox
"$FTL" collect disk -c c.ftl -q esg.img
expect_eq persons "$(sql c.ftl 'SELECT count(*) FROM persons')" 6
python3 "$FIXTURES/mkexposure.py" c.ftl --hostile >/dev/null
[ "$(sql c.ftl 'SELECT count(*) FROM exposures')" -gt 0 ] ||
    die "mkexposure.py wrote no exposure"

"$FTL" export html -c c.ftl -o report.html --tz Europe/Brussels \
    --classification 'CONFIDENTIAL' --authority 'APD <GBA>' 2>/dev/null
expect_grep 'Content-Security-Policy' report.html
# no resource from anywhere: the one URL is the SVG namespace's name
urls=$(grep -o 'https\{0,1\}://[^"]*' report.html | sort -u)
expect_eq "urls in the report" "$urls" "http://www.w3.org/2000/svg"

# Chromium with no network: its own namespace where root may make one,
# and every host name resolving to nothing in any case.
run_chromium() {
    if unshare -n true 2>/dev/null; then
        unshare -n "$chromium" --headless --no-sandbox --disable-gpu \
            --host-resolver-rules='MAP * ~NOTFOUND' --no-first-run \
            --user-data-dir="$PWD/profile" "$@" 2>>chromium.log
    else
        "$chromium" --headless --no-sandbox --disable-gpu \
            --host-resolver-rules='MAP * ~NOTFOUND' --no-first-run \
            --user-data-dir="$PWD/profile" "$@" 2>>chromium.log
    fi
}
url="file://$PWD/report.html"
run_chromium --dump-dom "$url" > dom.html
[ -s dom.html ] || { cat chromium.log >&2; die "chromium dumped no DOM"; }

python3 - dom.html "$bidi" "$zw" <<'PY'
import html.parser, sys
dom = open(sys.argv[1], encoding="utf-8").read()
bidi, zw = sys.argv[2], sys.argv[3]
SECTIONS = ["case", "summary", "window", "clocks", "exposure", "figures",
            "evidence", "timeline", "chart", "method"]
fails = []

class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.ids, self.text, self.sections = [], set(), [], []
        self.in_style = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            if a["id"] in self.ids:
                fails.append("duplicate id " + a["id"])
            self.ids.add(a["id"])
        if tag == "section":
            self.sections.append(a.get("id"))
        if tag == "style":
            self.in_style += 1
        for k, v in attrs:
            if k.startswith("on"):
                fails.append("event handler attribute %s on <%s>" % (k, tag))
            if k in ("href", "src", "action", "xlink:href") and v and \
               not v.startswith("#") and v != "http://www.w3.org/2000/svg":
                fails.append("%s=%r on <%s>" % (k, v, tag))
            if k.startswith("data-pwned"):
                fails.append("a payload ran: %s=%s" % (k, v))
    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style -= 1
    def handle_data(self, d):
        if not self.in_style:
            self.text.append(d)

p = P()
p.feed(dom)
text = "".join(p.text)
for bad in ("script", "img", "iframe", "object", "embed", "link", "b",
            "form", "input", "base", "meta-refresh"):
    if bad in p.tags:
        fails.append("element <%s> in the DOM" % bad)
if p.tags.count("style") != 1:
    fails.append("%d <style> elements" % p.tags.count("style"))
if "pwned" in p.ids:
    fails.append("an injected element with id pwned")
if p.sections != SECTIONS:
    fails.append("sections %s, want %s" % (p.sections, SECTIONS))
for want in ["<script>document.body.setAttribute('data-pwned','script')",
             "\"><img src=x onerror=\"document.body.setAttribute(",
             "</style><b id=\"pwned\">style</b>",
             "javascript:document.body.setAttribute('data-pwned','js')",
             "invoice[U+202E]fdp.exe", "zero[U+200B]width",
             "HTML-E2E \"7\" </style>", "E2E <examiner>", "APD <GBA>"]:
    if want not in text:
        fails.append("text not shown as written: %r" % want)
for ch in ("\u202e", "\u200b"):
    if ch in text:
        fails.append("raw U+%04X in the text" % ord(ch))
for prefix in ("ev-", "person-", "evidence-", "exposure-"):
    if not any(i.startswith(prefix) for i in p.ids):
        fails.append("no #%sN id" % prefix)
# every in-page link leads somewhere
import re
for target in set(re.findall(r'href="#([^"]+)"', dom)):
    if target not in p.ids:
        fails.append("link to #%s, which is not in the page" % target)
if fails:
    print("\n".join(fails[:30]))
    sys.exit(1)
print("dom: %d elements, %d ids" % (len(p.tags), len(p.ids)))
PY

run_chromium --screenshot="$PWD/shot.png" --window-size=1280,2000 "$url" \
    >/dev/null
[ "$(head -c 8 shot.png | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] ||
    die "no PNG screenshot"
[ "$(wc -c < shot.png)" -gt 50000 ] || die "screenshot too small: blank?"

run_chromium --no-pdf-header-footer --print-to-pdf="$PWD/report.pdf" \
    "$url" >/dev/null
pages=$(pdfinfo report.pdf | awk '/^Pages:/ { print $2 }')
[ "${pages:-0}" -ge 2 ] || die "report.pdf has ${pages:-no} pages"
pdftotext -layout report.pdf report.txt
i=1
while [ "$i" -le "$pages" ]; do
    # spaces as pdftotext guesses them from the glyphs' places: compare
    # without them
    pdftotext -f "$i" -l "$i" report.pdf - | tr -d ' ' > page.txt
    expect_grep "Page${i}of$pages" page.txt
    grep -qF 'CaseHTML-E2E"7"</style>' page.txt ||
        die "page $i: no case id in the footer"
    expect_grep "CONFIDENTIAL" page.txt
    i=$((i + 1))
done
echo "html: $pages PDF pages"

# the same report in the other languages, and without an analysis
for l in fr nl de; do
    "$FTL" export html -c c.ftl --lang "$l" -o "report.$l.html" 2>/dev/null
    expect_grep "<html lang=\"$l\">" "report.$l.html"
done
expect_grep 'Seite' report.de.html
"$FTL" init -c plain.ftl --name PLAIN 2>/dev/null
"$FTL" collect bodyfile -c plain.ftl -q hostile.body
"$FTL" export html -c plain.ftl -o plain.html 2>/dev/null
expect_grep 'No analysis has been run' plain.html
"$FTL" info -c plain.ftl > info.txt
expect_no_grep 'compromise window' info.txt
"$FTL" info -c c.ftl > info.txt
expect_grep 'compromise window (UTC)' info.txt
expect_grep 'exposure figures' info.txt

# bad options are usage errors
expect_rc 2 "$FTL" export html -c c.ftl -o x.html --lang xx 2>/dev/null
expect_rc 2 "$FTL" export html -c c.ftl -o x.html --person nobody \
    2>/dev/null
expect_rc 2 "$FTL" export html -c c.ftl --max-events -1 2>/dev/null
expect_rc 2 "$FTL" export csv -c c.ftl --lang fr 2>/dev/null
[ ! -e x.html ] || die "a failed export left x.html"
