/*
 * cli/export.c - 'ftl export FORMAT': write the timeline or a table
 *
 * The formats are the rows of exp_formats[] (export/registry.c); this
 * file knows none of them by name.  It parses the options below, picks
 * the form of the format that the options select, refuses options that
 * form does not take, and runs it into the output.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/escape.h"
#include "cli/cli.h"
#include "export/export.h"

/* What one run of the command collects from its options. */
struct export_args {
    struct exp_opts o;
    struct tl_tz *tz;          /* --tz, or the case's zone; owned */
    const char *path;          /* -c */
    const char *out;           /* -o */
    int record;                /* --record: an audit row in the case */
    unsigned given;            /* enum exp_opt bits seen */
};

/* An option of 'ftl export' that a format may take. */
struct export_option {
    const char *name;
    const char *arg;           /* the value's name, NULL for a flag */
    unsigned bit;              /* enum exp_opt */
    const char *help;
    /* Take the value; 0, or an exit status (message printed). */
    int (*set)(struct export_args *a, const char *arg);
};

static int set_time(const char *arg, int64_t *ns, int *has)
{
    struct ftl_err err = { 0 };

    if (tl_time_parse_arg(arg, ns, &err)) {
        cli_say(err.msg);
        return CLI_EXIT_USAGE;
    }
    *has = 1;
    return 0;
}

static int set_from(struct export_args *a, const char *arg)
{
    return set_time(arg, &a->o.from, &a->o.has_from);
}

static int set_to(struct export_args *a, const char *arg)
{
    return set_time(arg, &a->o.to, &a->o.has_to);
}

static int set_tz(struct export_args *a, const char *arg)
{
    struct ftl_err err = { 0 };

    tl_tz_close(a->tz);
    a->tz = NULL;
    if (tl_tz_open(&a->tz, arg, &err)) {
        cli_say(err.msg);
        return CLI_EXIT_USAGE;
    }
    return 0;
}

static int set_bom(struct export_args *a, const char *arg)
{
    (void)arg;
    a->o.bom = 1;
    return 0;
}

static int set_ioc_only(struct export_args *a, const char *arg)
{
    (void)arg;
    a->o.ioc_only = 1;
    return 0;
}

static int set_table(struct export_args *a, const char *arg)
{
    a->o.table = arg;
    return 0;
}

static int set_raw(struct export_args *a, const char *arg)
{
    (void)arg;
    a->o.raw = 1;
    return 0;
}

static int set_ns(struct export_args *a, const char *arg)
{
    (void)arg;
    a->o.ns = 1;
    return 0;
}

static int set_evidence(struct export_args *a, const char *arg)
{
    char *end;

    a->o.evidence_id = strtoll(arg, &end, 10);
    if (*end || a->o.evidence_id <= 0) {
        cli_say("--evidence takes an evidence id ('ftl info' lists "
                  "them)");
        return CLI_EXIT_USAGE;
    }
    return 0;
}

static int set_person(struct export_args *a, const char *arg)
{
    if (a->o.n_persons == EXP_MAX_PERSONS) {
        cli_cmd_sayf("export", "at most %d --person", EXP_MAX_PERSONS);
        return CLI_EXIT_USAGE;
    }
    a->o.persons[a->o.n_persons++] = arg;
    return 0;
}

static int set_max_events(struct export_args *a, const char *arg)
{
    char *end;

    a->o.max_events = strtoll(arg, &end, 10);
    a->o.has_max_events = 1;
    if (*end || end == arg || a->o.max_events < 0) {
        cli_cmd_sayf("export", "--max-events takes a number >= 0");
        return CLI_EXIT_USAGE;
    }
    return 0;
}

static int set_lang(struct export_args *a, const char *arg)
{
    a->o.lang = arg;           /* the report says which it writes */
    return 0;
}

static int set_classification(struct export_args *a, const char *arg)
{
    a->o.classification = arg;
    return 0;
}

static int set_authority(struct export_args *a, const char *arg)
{
    a->o.authority = arg;
    return 0;
}

static int set_for(struct export_args *a, const char *arg)
{
    if (strcmp(arg, "timesketch") == 0)
        a->o.for_timesketch = 1;
    else if (strcmp(arg, "spreadsheet") == 0)
        a->o.for_timesketch = 0;
    else {
        cli_cmd_sayf("export", "--for takes spreadsheet or timesketch");
        return CLI_EXIT_USAGE;
    }
    return 0;
}

static int set_bulk(struct export_args *a, const char *arg)
{
    char why[128];

    if (!exp_bulk_index_ok(arg, why, sizeof(why))) {
        cli_cmd_sayf("export", "--bulk '%s': %s", arg, why);
        return CLI_EXIT_USAGE;
    }
    a->o.bulk_index = arg;
    return 0;
}

/* N bytes, or N with k, M or G (KiB, MiB, GiB). */
static int set_max_bytes(struct export_args *a, const char *arg)
{
    char *end;
    long long v = strtoll(arg, &end, 10);
    int shift = *end == 'k' || *end == 'K' ? 10 : *end == 'M' ? 20
                : *end == 'G' ? 30 : 0;

    if (shift)
        end++;
    if (end == arg || *end || v < 1 || v > (INT64_MAX >> 30) ||
        (v << shift) < EXP_BULK_MIN_BYTES) {
        cli_cmd_sayf("export", "--max-bytes takes a size of at least %d "
                     "bytes (N, Nk, NM or NG)", EXP_BULK_MIN_BYTES);
        return CLI_EXIT_USAGE;
    }
    a->o.max_bytes = (int64_t)v << shift;
    return 0;
}

/* In the order of enum exp_opt, which is the order of the usage text. */
static const struct export_option options[] = {
    { "from", "T", EXP_O_FROM, "only events at or after T (RFC 3339, a "
      "date, or @epoch; no zone means UTC)", set_from },
    { "to", "T", EXP_O_TO, "only events at or before T", set_to },
    { "tz", "ZONE", EXP_O_TZ, "add a local_time column in this IANA zone "
      "(default: the case's zone, 'ftl init --tz')", set_tz },
    { "bom", NULL, EXP_O_BOM, "start with a UTF-8 byte order mark (Excel)",
      set_bom },
    { "ioc-only", NULL, EXP_O_IOC_ONLY, "only events that an indicator "
      "matched", set_ioc_only },
    { "table", "NAME", EXP_O_TABLE, "one case table instead of the "
      "timeline", set_table },
    { "raw", NULL, EXP_O_RAW, "times as integer nanoseconds", set_raw },
    { "ns", NULL, EXP_O_NS, "times with their nanosecond fraction",
      set_ns },
    { "evidence", "ID", EXP_O_EVIDENCE, "only what this evidence item "
      "holds: its events, or its files for bodyfile ('ftl info' lists the "
      "items)", set_evidence },
    { "person", "P", EXP_O_PERSON, "only this person (id, employee "
      "number, name or e-mail address); may be repeated", set_person },
    { "max-events", "N", EXP_O_MAX_EVENTS, "timeline rows besides those "
      "an indicator matched or the analysis cites (default 10000)",
      set_max_events },
    { "lang", "LANG", EXP_O_LANG, "en, fr, nl or de (default en)",
      set_lang },
    { "classification", "TEXT", EXP_O_CLASSIFICATION, "banner on the "
      "report and each page", set_classification },
    { "authority", "TEXT", EXP_O_AUTHORITY, "whom the regulator figures "
      "are for", set_authority },
    { "for", "TOOL", EXP_O_FOR, "spreadsheet (default: cells that would "
      "run as a formula get a leading ') or timesketch (cells as they are, "
      "a numeric raw_time as @SECONDS so that it stays text)", set_for },
    { "bulk", "INDEX", EXP_O_BULK, "OpenSearch _bulk files for this index, "
      "named after -o PREFIX", set_bulk },
    { "max-bytes", "N", EXP_O_MAX_BYTES, "largest _bulk file (default 10M; "
      "k, M, G: KiB, MiB, GiB)", set_max_bytes },
};

#define N_OPTIONS (sizeof(options) / sizeof(options[0]))

/* ---- help --------------------------------------------------------- */

/* " [--from T] [--to T]": the options of a form; its selecting ones
 * first and without brackets. */
static void synopsis(FILE *out, const struct exp_format *f)
{
    size_t i;
    int col = fprintf(out, "  ftl export %s", f->name);

    for (i = 0; i < N_OPTIONS; i++)
        if (f->selects & options[i].bit)
            col += fprintf(out, " --%s %s", options[i].name,
                           options[i].arg);
    for (i = 0; i < N_OPTIONS; i++) {
        if (!(f->accepts & options[i].bit) || (f->selects & options[i].bit))
            continue;
        if (col > 66)          /* go on under the first option */
            col = fprintf(out, "\n%*s", 13 + (int)strlen(f->name), "") - 1;
        col += fprintf(out, " [--%s%s%s]", options[i].name,
                       options[i].arg ? " " : "",
                       options[i].arg ? options[i].arg : "");
    }
}

/* 1 when some form of format 'name' takes option 'bit'. */
static int format_takes(const char *name, unsigned bit)
{
    const struct exp_format *f;

    for (f = exp_formats; f->name; f++)
        if (strcmp(f->name, name) == 0 && (f->accepts & bit))
            return 1;
    return 0;
}

/* 1 when f is the first form of its format in the table. */
static int first_form(const struct exp_format *f)
{
    const struct exp_format *g;

    for (g = exp_formats; g < f; g++)
        if (strcmp(g->name, f->name) == 0)
            return 0;
    return 1;
}

/* The formats that take option 'bit', as " (csv, jsonl)"; "" when every
 * format does. */
static void takers(unsigned bit, char *buf, size_t n)
{
    const struct exp_format *f;
    size_t len = 0;
    int names = 0, taking = 0;

    buf[0] = '\0';
    for (f = exp_formats; f->name && len < n; f++) {
        if (!first_form(f))
            continue;
        names++;
        if (!format_takes(f->name, bit))
            continue;
        taking++;
        len += (size_t)snprintf(buf + len, n - len, "%s%s",
                                len ? ", " : " (", f->name);
    }
    if (taking == names)
        buf[0] = '\0';
    else if (len < n)
        snprintf(buf + len, n - len, ")");
}

void help_export(FILE *out, const char *topic)
{
    const struct exp_format *f;
    char arg[32], who[128], text[512];
    size_t i;

    if (topic && !exp_format_find(topic, ~0u))
        topic = NULL;          /* not a format: all of them */
    fputs("usage: ftl export FORMAT [-c CASE] [-o FILE] [options]\n\n"
          "Formats:\n", out);
    for (f = exp_formats; f->name; f++) {
        if (topic && strcmp(topic, f->name) != 0)
            continue;
        synopsis(out, f);
        fputs("\n", out);
        cli_wrap(out, 6, 0, f->summary);
    }
    fputs("\nThe case is opened read-only and left as it was.  The SHA-256 "
          "of what\nwas written is printed on standard error.\n"
          "\nOptions:\n"
          "  -c, --case FILE     case file (default ./case.ftl, or "
          "$FTL_CASE)\n"
          "  -o, --output FILE   write here instead of standard output: a "
          "regular file\n"
          "                      (replaced once complete), a character "
          "device or a\n"
          "                      FIFO (written in place); a symbolic link "
          "is refused\n"
          "      --record        add this export to the case's audit table "
          "(needs\n"
          "                      write access to the case)\n", out);
    for (i = 0; i < N_OPTIONS; i++) {
        if (topic && !format_takes(topic, options[i].bit))
            continue;
        snprintf(arg, sizeof(arg), "--%s%s%s", options[i].name,
                 options[i].arg ? " " : "",
                 options[i].arg ? options[i].arg : "");
        takers(options[i].bit, who, sizeof(who));
        snprintf(text, sizeof(text), "%s%s", options[i].help, who);
        fprintf(out, "      %-14s", arg);
        cli_wrap(out, 22, 20, text);
    }
}

/* ---- options ------------------------------------------------------ */

enum { OPT_BASE = 0x100 };     /* getopt value of options[i]: OPT_BASE + i */

enum { OPT_RECORD = 0x80 };

#define N_FIXED 4

static void long_options(struct option *all)
{
    static const struct option fixed[N_FIXED] = {
        { "case", required_argument, NULL, 'c' },
        { "output", required_argument, NULL, 'o' },
        { "record", no_argument, NULL, OPT_RECORD },
        { "help", no_argument, NULL, 'h' },
    };
    size_t i, k = sizeof(fixed) / sizeof(fixed[0]);

    memcpy(all, fixed, sizeof(fixed));
    for (i = 0; i < N_OPTIONS; i++, k++) {
        all[k].name = options[i].name;
        all[k].has_arg = options[i].arg ? required_argument : no_argument;
        all[k].flag = NULL;
        all[k].val = OPT_BASE + (int)i;
    }
    memset(&all[k], 0, sizeof(all[k]));
}

/* --from after --to selects nothing: a mistake, not an empty export. */
static int bounds(const struct export_args *a)
{
    char f[TL_TIME_BUFSZ], t[TL_TIME_BUFSZ];

    if (a->o.has_from && a->o.has_to && a->o.from > a->o.to) {
        cli_cmd_sayf("export", "--from %s is after --to %s; see 'ftl export "
                 "--help'", tl_time_format(a->o.from, -1, f),
                 tl_time_format(a->o.to, -1, t));
        return CLI_EXIT_USAGE;
    }
    return 0;
}

/* 0, -1 after --help, or an exit status. */
static int parse(struct export_args *a, int argc, char **argv)
{
    struct option longopts[N_FIXED + N_OPTIONS + 1];
    int c, rc;

    long_options(longopts);
    optind = 2;
    while ((c = getopt_long(argc, argv, ":c:o:h", longopts, NULL)) != -1) {
        if (c >= OPT_BASE && c < OPT_BASE + (int)N_OPTIONS) {
            a->given |= options[c - OPT_BASE].bit;
            if ((rc = options[c - OPT_BASE].set(a, optarg)))
                return rc;
            continue;
        }
        switch (c) {
        case 'c': a->path = optarg; break;
        case 'o': a->out = optarg; break;
        case OPT_RECORD: a->record = 1; break;
        case 'h': help_export(stdout, NULL); return -1;
        default: return cli_bad_option("export", c, argv, longopts);
        }
    }
    if (optind != argc)
        return cli_bad_argument("export", argv[optind]);
    return bounds(a);
}

/* The first option given that form f does not take, or NULL. */
static const struct export_option *misplaced(const struct exp_format *f,
                                             unsigned given)
{
    size_t i;

    for (i = 0; i < N_OPTIONS; i++)
        if (given & ~f->accepts & options[i].bit)
            return &options[i];
    return NULL;
}

/* The form of the format that the options select; NULL after a usage
 * message. */
static const struct exp_format *pick(const char *name,
                                     const struct export_args *a)
{
    const struct exp_format *f = exp_format_find(name, a->given);
    const struct export_option *bad;
    char form[64] = "";
    size_t i, len = 0;

    if (!f)                    /* no default form: name the first one's */
        f = exp_format_find(name, ~0u);
    for (i = 0; i < N_OPTIONS && len < sizeof(form); i++)
        if (f->selects & options[i].bit)
            len += (size_t)snprintf(form + len, sizeof(form) - len,
                                    " --%s", options[i].name);
    if ((bad = misplaced(f, a->given))) {
        cli_cmd_sayf("export", "--%s does not go with 'export %s%s'; see "
                     "'ftl export --help'", bad->name, name, form);
        return NULL;
    }
    if ((f->flags & EXP_NEEDS_FILE) && (!a->out || !strcmp(a->out, "-"))) {
        if (f->flags & EXP_FILES)
            cli_cmd_sayf("export", "%s%s writes several files: give the "
                         "start of their names with -o PREFIX; see 'ftl "
                         "export --help'", name, form);
        else
            cli_cmd_sayf("export", "%s writes a file: give it with -o "
                         "FILE; see 'ftl export --help'", name);
        return NULL;
    }
    return f;
}

/* ---- the run ------------------------------------------------------ */

/* The case's display zone (ftl init --tz) gives the local time column
 * when --tz does not name another. */
static void case_zone(struct export_args *a, struct tl_store *st)
{
    struct ftl_err err = { 0 };
    char *zone = tl_case_get(st, "tz");

    if (zone && tl_tz_open(&a->tz, zone, &err))
        cli_say(err.msg);
    free(zone);
}

/* "ftl: wrote 12 rows to 'x.csv', sha256 ..."; rows < 0: a file that
 * holds no rows ("ftl: wrote 'x-mapping.json', ..."). */
static void say_written(const struct cli_output *out, int64_t rows)
{
    fputs("ftl: wrote ", stderr);
    if (rows >= 0)
        fprintf(stderr, "%lld row%s to ", (long long)rows,
                rows == 1 ? "" : "s");
    if (out->path) {
        putc('\'', stderr);
        ftl_esc_term(stderr, out->path);
        putc('\'', stderr);
    } else {
        fputs(out->name, stderr);
    }
    fprintf(stderr, ", sha256 %s\n", out->sha256);
}

/* ---- formats that write several files (EXP_FILES) ------------------ */

/* -o PREFIX and each suffix the format names, every file opened and put
 * in place as -o is (cli/output.c): only a regular file is replaced, and
 * only once it is complete. */
struct export_files {
    struct exp_files fs;       /* first: the format is handed &fs */
    const char *prefix, *case_path;
    struct cli_output out;
    char *path;                /* of the file open or last closed */
    int status;                /* of a refused open: 1 or usage */
    int parts;                 /* .ndjson files written */
};

static char *prefixed(const char *prefix, const char *suffix)
{
    char *p = malloc(strlen(prefix) + strlen(suffix) + 1);

    if (p)
        sprintf(p, "%s%s", prefix, suffix);
    return p;
}

static int files_open(struct exp_files *fs, const char *suffix, FILE **f)
{
    struct export_files *x = (struct export_files *)fs;
    int rc;

    free(x->path);
    if (!(x->path = prefixed(x->prefix, suffix))) {
        cli_say("out of memory");
        return x->status = 1;
    }
    if ((rc = cli_output_open(&x->out, x->path, x->case_path)))
        return x->status = rc;
    *f = x->out.f;
    return 0;
}

static int files_close(struct exp_files *fs, FILE *f, int ok, int64_t rows)
{
    struct export_files *x = (struct export_files *)fs;
    size_t n = strlen(x->path);

    (void)f;                   /* it is x->out.f */
    if (cli_output_close(&x->out, ok))
        return x->status = 1;
    if (ok) {
        say_written(&x->out, rows);
        x->parts += n > 7 && strcmp(x->path + n - 7, ".ndjson") == 0;
    }
    return 0;
}

/* A part numbered past the last one written is from an earlier, larger
 * export: loading every PREFIX-*.ndjson would bring it back. */
static void stale_part(struct export_files *x)
{
    char suffix[32], *p;
    struct stat sb;

    snprintf(suffix, sizeof(suffix), "-%04d.ndjson", x->parts + 1);
    if (!(p = prefixed(x->prefix, suffix)))
        return;
    if (lstat(p, &sb) == 0) {
        fputs("ftl: '", stderr);
        ftl_esc_term(stderr, p);
        fputs("' and any later part are from an earlier export, not this "
              "one: remove them before loading the files\n", stderr);
    }
    free(p);
}

/* -o PREFIX must name files, not a folder. */
static int prefix_ok(const char *prefix)
{
    struct stat sb;
    size_t n = strlen(prefix);

    if (n && prefix[n - 1] != '/' &&
        (stat(prefix, &sb) != 0 || !S_ISDIR(sb.st_mode)))
        return 1;
    cli_cmd_sayf("export", "-o names the start of the files' names, not a "
                 "folder: -o out/case writes out/case-0001.ndjson ...");
    return 0;
}

static int write_files(const struct exp_format *f, struct export_args *a,
                       struct cli_case *c, char *counts, size_t n)
{
    struct export_files x;
    struct ftl_err err = { 0 };
    int64_t rows = 0;
    int rc;

    if (!prefix_ok(a->out))
        return CLI_EXIT_USAGE;
    memset(&x, 0, sizeof(x));
    x.fs.open = files_open;
    x.fs.close = files_close;
    x.prefix = a->out;
    x.case_path = c->path;
    a->o.files = &x.fs;
    rc = f->run(c->st, NULL, &a->o, &rows, &err);
    if (rc && err.msg[0])
        cli_say(err.msg);
    if (!rc)
        stale_part(&x);
    free(x.path);
    snprintf(counts, n, "rows=%lld files=%d", (long long)rows, x.parts);
    if (!rc)
        return 0;
    return x.status ? x.status : rc == FTL_EUSAGE ? CLI_EXIT_USAGE : 1;
}

/* Write the export into the output; the exit status. */
static int write_out(const struct exp_format *f, struct export_args *a,
                     struct cli_case *c, char *counts, size_t n)
{
    struct ftl_err err = { 0 };
    struct cli_output out;
    int64_t rows = 0;
    int rc;

    if (f->flags & EXP_FILES)
        return write_files(f, a, c, counts, n);
    if ((rc = cli_output_open(&out, a->out, c->path)))
        return rc;
    rc = f->run(c->st, out.f, &a->o, &rows, &err);
    if (rc && out.werrno)      /* the output refused a write: say why */
        cli_sayf("cannot write '%s': %s", out.name, strerror(out.werrno));
    else if (rc && err.msg[0])
        cli_say(err.msg);
    if (cli_output_close(&out, rc == 0) || rc)
        return rc == FTL_EUSAGE ? CLI_EXIT_USAGE : 1;
    say_written(&out, rows);
    snprintf(counts, n, "rows=%lld sha256=%s", (long long)rows, out.sha256);
    return 0;
}

/* --evidence N must name an item of the case: an unknown one is a
 * mistake, not an empty export. */
static int known_evidence(const struct export_args *a, struct tl_store *st)
{
    char *p;

    if (!a->o.evidence_id)
        return 0;
    if (!(p = tl_evidence_path(st, a->o.evidence_id))) {
        cli_cmd_sayf("export", "no evidence #%lld in the case ('ftl info' lists "
                 "them)", (long long)a->o.evidence_id);
        return CLI_EXIT_USAGE;
    }
    free(p);
    return 0;
}

static int export(const struct exp_format *f, struct export_args *a,
                  int argc, char **argv)
{
    struct cli_case c;
    char counts[160] = "";
    const char *path = cli_case_path(a->path);
    int status;

    if ((a->record ? cli_case_open_recorded : cli_case_open)(&c, "export",
                                                             path, argc,
                                                             argv))
        return 1;
    if ((status = known_evidence(a, c.st)) == 0) {
        if (!a->tz && (f->accepts & EXP_O_TZ))
            case_zone(a, c.st);
        a->o.tz = a->tz;
        status = write_out(f, a, &c, counts, sizeof(counts));
    }
    cli_case_close(&c, status, counts);
    return status;
}

/* The formats, ", "-separated. */
static const char *format_names(char *out, size_t n)
{
    const struct exp_format *f;
    size_t len = 0;

    out[0] = '\0';
    for (f = exp_formats; f->name && len < n; f++)
        if (first_form(f))
            len += (size_t)snprintf(out + len, n - len, "%s%s",
                                    len ? ", " : "", f->name);
    return out;
}

int cmd_export(int argc, char **argv)
{
    const struct exp_format *f;
    struct export_args a;
    char names[256];
    int status;

    if (argc < 2 || cli_wants_help(argc, argv)) {
        help_export(argc < 2 ? stderr : stdout, NULL);
        return argc < 2 ? CLI_EXIT_USAGE : 0;
    }
    if (!exp_format_find(argv[1], ~0u)) {
        cli_cmd_sayf("export", "unknown format '%s' (formats: %s); see 'ftl "
                 "export --help'", argv[1], format_names(names,
                                                         sizeof(names)));
        return CLI_EXIT_USAGE;
    }
    memset(&a, 0, sizeof(a));
    if ((status = parse(&a, argc, argv)) == 0) {
        if (!(f = pick(argv[1], &a)))
            status = CLI_EXIT_USAGE;
        else
            status = export(f, &a, argc, argv);
    }
    tl_tz_close(a.tz);
    return status < 0 ? 0 : status;
}
