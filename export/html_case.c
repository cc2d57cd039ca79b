/*
 * export/html_case.c - the case header (who made the report, from which
 * case, with which tool and scope) and the page's end
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "export/html_int.h"

struct facts {
    char *examiner, *created, *tool;
};

static int fact(const char *key, const char *value, void *payload)
{
    struct facts *f = payload;
    char **slot = strcmp(key, "examiner") == 0 ? &f->examiner
                : strcmp(key, "created") == 0 ? &f->created
                : strcmp(key, "tool_version") == 0 ? &f->tool : NULL;

    if (slot && value && !*slot)
        *slot = strdup(value);
    return 0;
}

static void dt(struct html *h, int text)
{
    fputs("<dt>", h->out);
    h_put(h, text);
    fputs("</dt><dd>", h->out);
}

static void scope(struct html *h)
{
    size_t i;

    dt(h, T_FILTER);
    if (!h->o->n_persons && !h->o->has_from && !h->o->has_to)
        h_put(h, T_FILTER_NONE);
    for (i = 0; i < h->n_persons; i++) {
        if (i == 0)
            h_say(h, T_FILTER_PERSONS, 0);
        fprintf(h->out, "%s<a href=\"#person-%" PRId64 "\">person-%" PRId64
                "</a>", i ? ", " : " ", h->persons[i], h->persons[i]);
    }
    if (h->o->has_from) {
        fputs(h->n_persons ? "; " : "", h->out);
        h_say(h, T_FILTER_FROM, 0);
        fputc(' ', h->out);
        h_time(h, h->o->from, -1, 0);
    }
    if (h->o->has_to) {
        fputs(h->n_persons || h->o->has_from ? "; " : "", h->out);
        h_say(h, T_FILTER_TO, 0);
        fputc(' ', h->out);
        h_time(h, h->o->to, -1, 0);
    }
    fputs("</dd>\n", h->out);
}

int h_case(struct html *h)
{
    struct facts f = { 0 };
    int rc = tl_rep_case_each(h->st, fact, &f, h->err);

    if (rc)
        return rc;
    h_section(h, "case", T_SEC_CASE);
    fputs("<dl class=\"facts\">\n", h->out);
    dt(h, T_CASE_ID);
    h_esc(h, h->case_id);
    dt(h, T_EXAMINER);
    h_esc(h, f.examiner ? f.examiner : "\xe2\x80\x94");
    dt(h, T_GENERATED);
    h_time(h, tl_time_now(), 0, 1);
    dt(h, T_TOOL);
    fputs("ftl " FTL_VERSION, h->out);
    if (f.tool && strcmp(f.tool, "ftl " FTL_VERSION) != 0) {
        fputs(" (", h->out);
        h_put(h, T_CASE_TOOL);
        fputc(' ', h->out);
        h_esc(h, f.tool);
        fputc(')', h->out);
    }
    dt(h, T_SCHEMA);
    fprintf(h->out, "%d", TL_SCHEMA_VERSION);
    dt(h, T_CASE_FILE);
    fputs("<span class=\"mono\">", h->out);
    h_esc(h, tl_store_path(h->st));
    fputs("</span>", h->out);
    if (f.created) {
        fputs(" &#183; ", h->out);
        h_put(h, T_CASE_CREATED);
        fputc(' ', h->out);
        h_esc(h, f.created);
    }
    dt(h, T_DISPLAY_ZONE);
    h_esc(h, h->tz ? tl_tz_name(h->tz) : "UTC");
    fputs("</dd>\n", h->out);
    scope(h);
    fputs("</dl>\n", h->out);
    h_section_end(h);
    free(f.examiner);
    free(f.created);
    free(f.tool);
    return FTL_OK;
}

void h_tail(struct html *h)
{
    char *id = h_esc_dup(h, h->case_id);

    fputs("</main>\n<footer>", h->out);
    h_say(h, T_CASE, 1, id ? id : "");
    fputs(" &#183; ftl " FTL_VERSION "</footer>\n</body>\n</html>\n",
          h->out);
    free(id);
}
