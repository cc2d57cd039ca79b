/*
 * cli/merge.c - 'ftl merge': several examiners' cases made one
 *
 *   ftl merge [-c TARGET] [-q] CASE...
 *
 * Each CASE is merged into TARGET (created when missing, as 'ftl
 * collect' creates a case) by tl_merge_case() in a transaction of its
 * own, and read only: its SHA-256 is taken before and after and written
 * into the merge's audit row, so the record shows that it is the file
 * the examiner handed over and that the merge left it as it was.  A
 * conflict (the same evidence read with other options) is printed, not
 * merged; the exit status is then 1, after everything else is merged.
 *
 * SPDX-License-Identifier: MIT
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "cli/cli.h"
#include "timeline/timeline.h"

void help_merge(FILE *out, const char *topic)
{
    (void)topic;
    fputs("usage: ftl merge [-c TARGET] [-q] CASE...\n"
          "\n"
          "Merge the cases that examiners collected on other machines "
          "into one.\n"
          "Evidence is its content, as in a collection: an item TARGET "
          "has already\n"
          "adds only the places where it was found; one that it holds "
          "read with\n"
          "other options (or only in part) is a conflict: reported, not "
          "merged,\n"
          "exit 1 after the rest is merged.  Every audit row of each CASE "
          "is kept.\n"
          "Each CASE is opened read-only and merged in one transaction; "
          "it must be\n"
          "of this ftl's case schema.  The analysis of TARGET is emptied: "
          "run\n"
          "'ftl analyze' on the merged case.\n"
          "  -c, --case FILE     the target case (default ./case.ftl, or "
          "$FTL_CASE);\n"
          "                      created when missing\n"
          "  -q, --quiet         no summary lines\n", out);
}

/* "1 item", "2 items" */
static const char *s_(int64_t n)
{
    return n == 1 ? "" : "s";
}

struct merge_ui {
    const char *target;
    int quiet;
};

static void say_quoted(const char *what)
{
    putc('\'', stderr);
    ftl_esc_term(stderr, what ? what : "");
    putc('\'', stderr);
}

static void on_conflict(const struct tl_merge_conflict *c, void *payload)
{
    const struct merge_ui *ui = payload;
    int options = c->source_given && c->target_given &&
                  strcmp(c->source_given, c->target_given) != 0;

    fputs("ftl: conflict: ", stderr);
    say_quoted(c->source);
    fprintf(stderr, " evidence #%lld (%s ", (long long)c->source_id,
            c->kind ? c->kind : "?");
    say_quoted(c->path);
    if (c->inner_path && *c->inner_path) {
        fputs(" at ", stderr);
        say_quoted(c->inner_path);
    }
    fprintf(stderr, ", sha256 %.16s...) is in ", c->sha256 ? c->sha256 : "");
    say_quoted(ui->target);
    fprintf(stderr, " as evidence #%lld ", (long long)c->target_id);
    if (options) {
        fputs("read with ", stderr);
        say_quoted(c->target_given);
        fputs(", in the source with ", stderr);
        say_quoted(c->source_given);
    } else {
        fprintf(stderr, "read %s, in the source %s",
                c->target_status ? c->target_status : "?",
                c->source_status ? c->source_status : "?");
    }
    fputs(": not merged, nor what was found in it\n", stderr);
}

static void summary(const struct merge_ui *ui, const char *source,
                    const struct tl_merge_stats *n)
{
    if (ui->quiet)
        return;
    fputs("ftl: ", stderr);
    ftl_esc_term(stderr, source);
    fprintf(stderr, ": %lld evidence item%s added, %lld already in the "
            "case (%lld new place%s), %lld conflict%s, %lld inside "
            "them not merged; %lld event%s, %lld file%s, %lld message%s, "
            "%lld person%s, %lld document%s; %lld audit row%s kept\n",
            (long long)n->evidence, s_(n->evidence), (long long)n->known,
            (long long)n->places, s_(n->places), (long long)n->conflicts,
            s_(n->conflicts), (long long)n->skipped, (long long)n->events,
            s_(n->events), (long long)n->files, s_(n->files),
            (long long)n->messages, s_(n->messages), (long long)n->persons,
            s_(n->persons), (long long)n->documents, s_(n->documents),
            (long long)n->audit, s_(n->audit));
}

/* The merge's audit note for one source: what it was and what it gave. */
static void note_source(struct cli_case *c, const char *source,
                        const char *before, const char *after,
                        const struct tl_merge_stats *n, int rc)
{
    struct ftl_err err = { 0 };
    char note[768];

    snprintf(note, sizeof(note), "source '%s' sha256 %s%s%s: %s "
             "evidence=%lld known=%lld conflicts=%lld skipped=%lld "
             "places=%lld events=%lld audit=%lld", source, before,
             strcmp(before, after) ? " (after: " : "",
             strcmp(before, after) ? after : "",
             rc ? "failed" : "merged", (long long)n->evidence,
             (long long)n->known, (long long)n->conflicts,
             (long long)n->skipped, (long long)n->places,
             (long long)n->events, (long long)n->audit);
    if (tl_audit_note(c->st, c->audit_id, note, &err))
        cli_say(err.msg);
}

/* Merge one source; 0, or 1 when it failed or had conflicts. */
static int merge_one(struct cli_case *c, struct merge_ui *ui,
                     const char *source, struct tl_merge_stats *total)
{
    struct ftl_err err = { 0 };
    struct tl_merge_stats n;
    char before[65] = "?", after[65] = "?";
    int rc;

    if (ftl_sha256_file(source, before, NULL, &err)) {
        cli_say(err.msg);
        return 1;
    }
    rc = tl_merge_case(c->st, source, on_conflict, ui, &n, &err);
    if (rc)
        cli_say(err.msg);
    if (ftl_sha256_file(source, after, NULL, &err) == 0 &&
        strcmp(before, after) != 0)
        cli_sayf("'%s' changed during the merge (another program wrote "
                 "it)", source);
    note_source(c, source, before, after, &n, rc);
    if (rc)
        return 1;
    summary(ui, source, &n);
    total->evidence += n.evidence;
    total->places += n.places;
    total->records += n.records;
    total->conflicts += n.conflicts;
    total->events += n.events;
    total->audit += n.audit;
    total->analysis_dropped |= n.analysis_dropped;
    return n.conflicts ? 1 : 0;
}

static int parse(int argc, char **argv, const char **path, int *quiet)
{
    static const struct option opts[] = {
        { "case", required_argument, NULL, 'c' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int ch;

    while ((ch = getopt_long(argc, argv, ":c:qh", opts, NULL)) != -1) {
        switch (ch) {
        case 'c': *path = optarg; break;
        case 'q': *quiet = 1; break;
        case 'h': help_merge(stdout, NULL); return -1;
        default: return cli_bad_option("merge", ch, argv, opts);
        }
    }
    if (optind >= argc) {
        cli_cmd_sayf("merge", "no case to merge given; see 'ftl merge "
                     "--help'");
        return CLI_EXIT_USAGE;
    }
    return 0;
}

int cmd_merge(int argc, char **argv)
{
    struct tl_merge_stats total;
    struct merge_ui ui = { NULL, 0 };
    struct cli_case c;
    char counts[256];
    int rc, i, status = 0;

    if ((rc = parse(argc, argv, &ui.target, &ui.quiet)))
        return rc < 0 ? 0 : rc;
    ui.target = cli_case_path(ui.target);
    if (cli_case_open(&c, "merge", ui.target, argc, argv))
        return 1;
    if (c.created && !ui.quiet)
        cli_sayf("created case '%s'", ui.target);
    memset(&total, 0, sizeof(total));
    for (i = optind; i < argc; i++)
        status |= merge_one(&c, &ui, argv[i], &total);
    snprintf(counts, sizeof(counts), "sources=%d evidence=%lld places=%lld "
             "conflicts=%lld events=%lld audit=%lld", argc - optind,
             (long long)total.evidence, (long long)total.places,
             (long long)total.conflicts, (long long)total.events,
             (long long)total.audit);
    if (total.analysis_dropped)
        cli_sayf("the analysis of '%s' was emptied (the case changed): run "
                 "'ftl analyze' again", ui.target);
    else if ((total.evidence || total.places) && !ui.quiet)
        cli_sayf("run 'ftl analyze' on '%s' to analyse the merged case",
                 ui.target);
    if (cli_case_discard_empty(&c))
        cli_sayf("nothing merged: case '%s' removed again", ui.target);
    cli_case_close(&c, status, counts);
    return status;
}
