/*
 * analyze/reason.c - the sentences that say why a row is there
 *
 * Every exposure_items row says, in one sentence a reader can check
 * against the case, which message or file it is, how it is linked to
 * the person and the category, and what made its confidence; every
 * exposures row says the same in counts (its basis).  Names from
 * evidence (file names, paths, Message-IDs) are quoted as warnings quote
 * them (base/escape.h: controls and invalid UTF-8 as \xNN) and cut at
 * NAME_MAX bytes; their full text is in the rows the ids point to.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "analyze/ex_int.h"
#include "base/escape.h"

#define NAME_MAX_SHOWN 160

static const char *const links[AN_LINKS] = {
    "sha256", "member-sha256", "file-name", "name-mention",
    "subject-mention", "address", "file-sha256", "copy-sha256",
    "copy-member-sha256", "copy-file-name", "copy-name-mention",
    "stored-sha256", "stored-member-sha256", "stored-file-name",
    "stored-name-mention", "stored-subject-mention", "stored-address", NULL
};

/* What the link says, counted in a basis ("2 carried ..."). */
static const char *const link_phrase[AN_LINKS] = {
    "carried a file byte-identical (SHA-256) to an HR document",
    "carried an archive with a member byte-identical (SHA-256) to an HR "
    "document",
    "carried a file with the name of an HR document but other content",
    "carried a file whose name names the person and matches a category "
    "rule",
    "had a subject that names the person and matches a category rule",
    "had the person's register address as sender or recipient",
    "byte-identical (SHA-256) to an HR document",
    "byte-identical to a mail attachment that is an HR document",
    "byte-identical to an archive member that is an HR document",
    "byte-identical to a mail attachment with an HR document's name",
    "byte-identical to a mail attachment whose name names the person "
    "and matches a category rule",
    "holding a stored message that carried a file byte-identical (SHA-256) "
    "to an HR document",
    "holding a stored message that carried an archive with a member "
    "byte-identical (SHA-256) to an HR document",
    "holding a stored message that carried a file with the name of an HR "
    "document but other content",
    "holding a stored message that carried a file whose name names the "
    "person and matches a category rule",
    "holding a stored message whose subject names the person and matches "
    "a category rule",
    "holding a stored message with the person's register address as "
    "sender or recipient",
    "linked otherwise",
};

int an_link_index(const char *link)
{
    int i;

    for (i = 0; link && links[i]; i++)
        if (strcmp(links[i], link) == 0)
            return i;
    return AN_LINKS - 1;
}

static const char *attrib_words(const char *attrib)
{
    if (!attrib)
        return NULL;
    if (strcmp(attrib, "id") == 0)
        return "by employee number or e-mail address";
    if (strcmp(attrib, "name") == 0)
        return "by name";
    return "by surname alone (a candidate, not an attribution)";
}

/* s quoted for a sentence, cut; "?" for none. */
static const char *shown(char *out, size_t n, const char *s)
{
    if (!s)
        return "?";
    return ftl_esc_msg(out, n, s, strlen(s));
}

/* ", which names the person by ... in FIELD ('MATCHED')" */
static int put_attribution(struct ftl_buf *out, const struct tl_ex_best *b)
{
    char m[NAME_MAX_SHOWN];
    const char *words = attrib_words(b->attrib);

    if (!words)
        return FTL_OK;
    return ftl_buf_printf(out, ", which names the person %s in %s ('%s')",
                          words, b->field ? b->field : "?",
                          shown(m, sizeof(m), b->matched));
}

/* How a message or file is linked: the link, its document, its rule. */
static int put_link(struct ftl_buf *out, const struct tl_ex_best *b,
                    const char *link)
{
    char a[NAME_MAX_SHOWN], d[NAME_MAX_SHOWN], al[NAME_MAX_SHOWN];
    const char *att = shown(a, sizeof(a), b->filename);
    const char *doc = shown(d, sizeof(d), b->doc_path);
    const char *alias = shown(al, sizeof(al), b->matched);
    int i = an_link_index(link);

    switch (i) {
    case 0: case 1:
        return ftl_buf_printf(out, "; its %s '%s' is byte-identical "
                              "(SHA-256) to HR document '%s'",
                              i ? "archive member" : "attachment", att, doc);
    case 7: case 8:
        return ftl_buf_printf(out, "; it is byte-identical to %s '%s', "
                              "itself byte-identical (SHA-256) to HR "
                              "document '%s'", i == 8 ? "archive member"
                              : "mail attachment", att, doc);
    case 6:
        return ftl_buf_printf(out, "; it is byte-identical (SHA-256) to HR "
                              "document '%s'", doc);
    case 2: case 9:
        return ftl_buf_printf(out, "; %s '%s'%s has the file name of HR "
                              "document '%s' but other content",
                              i == 9 ? "it is byte-identical to mail "
                              "attachment" : "its attachment", att,
                              i == 9 ? ", which" : "", doc);
    case 3:
        return ftl_buf_printf(out, "; the name of its attachment '%s' names "
                              "the person ('%s', %s) and matches the %s rule "
                              "'%s' (a name, not the content)", att, alias,
                              b->field ? b->field : "?", b->category,
                              b->pattern ? b->pattern : "?");
    case 10:
        return ftl_buf_printf(out, "; it is byte-identical to mail "
                              "attachment '%s', whose name names the person "
                              "('%s', %s) and matches the %s rule '%s' (a "
                              "name, not the content)", att, alias,
                              b->field ? b->field : "?", b->category,
                              b->pattern ? b->pattern : "?");
    case 4:
        return ftl_buf_printf(out, "; its subject names the person ('%s', "
                              "%s) and matches the %s rule '%s' (a name, not "
                              "the content)", alias, b->field ? b->field
                              : "?", b->category, b->pattern ? b->pattern
                              : "?");
    case 5:
        return ftl_buf_printf(out, "; the person's register address '%s' is "
                              "its %s", alias, b->field ? b->field : "?");
    default:
        return ftl_buf_printf(out, "; linked by %s", link);
    }
}

static int put_message(struct ftl_buf *out, const struct tl_ex_best *b)
{
    char mid[NAME_MAX_SHOWN], t[TL_TIME_BUFSZ];
    int rc;

    if (b->message_id)
        rc = ftl_buf_printf(out, "Message <%s> (group %lld)",
                            shown(mid, sizeof(mid), b->message_id),
                            (long long)b->group_id);
    else
        rc = ftl_buf_printf(out, "Message of group %lld",
                            (long long)b->group_id);
    if (!rc && b->has_ts)
        rc = ftl_buf_printf(out, " crossed the gateway at %s",
                            tl_time_format(b->ts, -1, t));
    else if (!rc)
        rc = ftl_buf_puts(out, " crossed the gateway at an unknown time");
    if (!rc)
        rc = put_link(out, b, b->link);
    if (!rc)
        rc = put_attribution(out, b);
    if (!rc && b->why && strstr(b->why, "flagged"))
        rc = ftl_buf_puts(out, "; an indicator matched one of its records");
    if (!rc && b->why && strstr(b->why, "staged"))
        rc = ftl_buf_puts(out, "; a whole copy of it lies in a staging "
                          "place on the appliance");
    if (!rc && b->corrected)
        rc = ftl_buf_puts(out, "; its time was corrected to the trusted "
                          "clock");
    return rc;
}

static int put_file(struct ftl_buf *out, const struct tl_ex_best *b)
{
    char p[NAME_MAX_SHOWN], img[NAME_MAX_SHOWN], pl[NAME_MAX_SHOWN];
    char mid[NAME_MAX_SHOWN];
    const char *link = b->link;
    int rc;

    rc = ftl_buf_printf(out, "File '%s' of image '%s' (files row %lld), "
                        "%s%s", shown(p, sizeof(p), b->file_path),
                        shown(img, sizeof(img), b->image),
                        (long long)b->file_id,
                        b->has_ts ? "there from its " : "with ",
                        b->time_desc ? b->time_desc : "?");
    /* a message of the appliance's store: then its own link */
    if (!rc && strncmp(link, "stored-", 7) == 0) {
        link += 7;
        rc = ftl_buf_printf(out, "; it holds message <%s> (messages row "
                            "%lld)", shown(mid, sizeof(mid), b->message_id),
                            (long long)b->msg_id);
    }
    if (!rc)
        rc = put_link(out, b, link);
    if (!rc)
        rc = put_attribution(out, b);
    if (!rc && b->place)
        rc = ftl_buf_printf(out, "; its path is in a staging place named "
                            "by the indicator pack ('%s')",
                            shown(pl, sizeof(pl), b->place));
    return rc;
}

int an_reason(struct ftl_buf *out, const struct tl_ex_best *b)
{
    int rc;

    ftl_buf_reset(out);
    rc = strcmp(b->kind, "file") == 0 ? put_file(out, b)
                                      : put_message(out, b);
    return rc ? FTL_ENOMEM : FTL_OK;
}

/* ---- the basis of a row -------------------------------------------------- */

static int put_counts(struct ftl_buf *out, const struct tl_exposure *e,
                      const struct an_tally *t)
{
    int mail = strcmp(e->channel, "mail-transit") == 0, i, first = 1, rc;

    rc = ftl_buf_printf(out, "%lld %s", (long long)t->items,
                        mail ? (t->items == 1 ? "message that crossed the "
                                "gateway inside the window"
                                : "messages that crossed the gateway "
                                "inside the window")
                             : (t->items == 1 ? "file on the appliance "
                                "image" : "files on the appliance image"));
    /* How many items of each strength: the row's label is the
     * strongest, the others are not promoted by it. */
    for (i = 2; !rc && i >= 0; i--) {
        static const char *const sn[3] = { "weak", "medium", "strong" };

        if (t->strength[i])
            rc = ftl_buf_printf(out, "%s%lld %s", first ? " (" : ", ",
                                (long long)t->strength[i], sn[i]);
        first = first && !t->strength[i];
    }
    if (!rc && !first)
        rc = ftl_buf_puts(out, ")");
    for (first = 1, i = 0; !rc && i < AN_LINKS; i++) {
        if (!t->link[i])
            continue;
        rc = ftl_buf_printf(out, "%s%lld %s", first ? ": " : "; ",
                            (long long)t->link[i], link_phrase[i]);
        first = 0;
    }
    return rc ? rc : ftl_buf_puts(out, ".");
}

static int put_attributions(struct ftl_buf *out, const struct an_tally *t)
{
    static const char *const words[4] = {
        NULL, "by surname alone, a candidate", "by name",
        "by employee number or e-mail address"
    };
    int i, first = 1, rc = FTL_OK;

    for (i = 3; !rc && i >= 1; i--) {
        if (!t->attrib[i])
            continue;
        rc = ftl_buf_printf(out, "%s%s (%lld)", first ? " The HR documents "
                            "name the person " : ", ", words[i],
                            (long long)t->attrib[i]);
        first = 0;
    }
    if (!rc && !first)
        rc = ftl_buf_puts(out, "; the strength is the weaker of the link "
                          "and this attribution.");
    return rc;
}

static int put_confidence(struct ftl_buf *out, const struct tl_exposure *e,
                          const struct an_tally *t)
{
    int mail = strcmp(e->channel, "mail-transit") == 0;
    const char *c = e->confidence;

    if (mail && t->flagged) {
        int rc = ftl_buf_printf(out, " An indicator matched a record of "
                                "%lld of the messages (the attacker's own "
                                "mail): that does not show the data was "
                                "read, and raises no confidence.",
                                (long long)t->flagged);

        if (rc)
            return rc;
    }
    if (strcmp(c, "observed") == 0 && mail)
        return ftl_buf_printf(out, " Observed: a whole copy lies in a "
                              "staging place on the appliance (%lld).",
                              (long long)t->staged);
    if (strcmp(c, "observed") == 0)
        return ftl_buf_puts(out, " Observed: in a staging place named by "
                            "the indicator pack.");
    if (strcmp(c, "unknown") == 0)
        return ftl_buf_puts(out, mail ? " Unknown: no time through the "
                            "gateway is known." : " Unknown: the file has "
                            "no time; it cannot be placed in the window.");
    if (mail)
        return ftl_buf_puts(out, " Accessible: they passed the gateway "
                            "while it was compromised.");
    return ftl_buf_printf(out, " Accessible: on the appliance while it was "
                          "compromised%s.", t->clamped ? " (those there "
                          "before the window count from its start)" : "");
}

int an_basis(struct ftl_buf *out, const struct tl_exposure *e,
             const struct an_tally *t)
{
    int rc;

    ftl_buf_reset(out);
    rc = put_counts(out, e, t);
    if (!rc)
        rc = put_attributions(out, t);
    /* name-mention, subject-mention and their copies in files */
    if (!rc && (t->link[3] || t->link[4] || t->link[10] || t->link[14] ||
                t->link[15]))
        rc = ftl_buf_puts(out, " Weak: a name and a category word seen "
                          "together, not the content; never counted as "
                          "more.");
    if (!rc)
        rc = put_confidence(out, e, t);
    if (!rc && t->confidence[2] && t->confidence[2] < t->items)
        rc = ftl_buf_printf(out, " The row is observed through %lld of "
                            "its %lld items; the others are %s.",
                            (long long)t->confidence[2],
                            (long long)t->items, t->confidence[1]
                            ? "accessible" : "of unknown time");
    if (!rc && t->corrected && strcmp(e->channel, "mail-transit") != 0)
        rc = ftl_buf_puts(out, " File times moved from the gateway's clock "
                          "onto the trusted clock (each item says from "
                          "what).");
    else if (!rc && t->corrected)
        rc = ftl_buf_puts(out, " Times corrected to the trusted clock (see "
                          "message_groups.note).");
    return rc ? FTL_ENOMEM : FTL_OK;
}
