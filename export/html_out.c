/*
 * export/html_out.c - writing the report: escaped evidence, fixed texts
 * with their arguments, numbers, times, links and table heads
 *
 * Every string that comes from the case goes through h_esc() or h_attr()
 * (base/escape.h); the fixed texts of html_i18n.c are the only markup
 * written as it is.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "export/html_int.h"

void h_esc(struct html *h, const char *s)
{
    if (s)
        ftl_esc_html(h->out, s, strlen(s));
}

void h_attr(struct html *h, const char *s)
{
    if (s)
        ftl_esc_html_attr(h->out, s, strlen(s));
}

char *h_esc_dup(struct html *h, const char *s)
{
    ftl_buf_reset(&h->tmp);
    ftl_buf_puts(&h->tmp, "");
    if (s)
        ftl_esc_html_buf(&h->tmp, s, strlen(s));
    return strdup(ftl_buf_str(&h->tmp));
}

void h_put(struct html *h, int text)
{
    fputs(h->t[text], h->out);
}

void h_say(struct html *h, int text, int nargs, ...)
{
    const char *args[9] = { 0 }, *p = h->t[text], *q;
    va_list ap;
    int i;

    va_start(ap, nargs);
    for (i = 0; i < nargs && i < 9; i++)
        args[i] = va_arg(ap, const char *);
    va_end(ap);
    while ((q = strchr(p, '{')) != NULL) {
        fwrite(p, 1, (size_t)(q - p), h->out);
        if (q[1] >= '1' && q[1] <= '9' && q[2] == '}') {
            if (args[q[1] - '1'])
                fputs(args[q[1] - '1'], h->out);
            p = q + 3;
        } else {
            putc('{', h->out);
            p = q + 1;
        }
    }
    fputs(p, h->out);
}

/* Digit groups: "12,345" in English, "12 345" (a narrow no-break space)
 * in French, "12.345" in Dutch and German. */
char *h_num(const struct html *h, int64_t v, char *buf, size_t n)
{
    static const char *const sep[H_N_LANGS] = { ",", "\xe2\x80\xaf", ".",
                                                "." };
    char digits[24];
    size_t len, i, o = 0, sl = strlen(sep[h->lang]);
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

    len = (size_t)snprintf(digits, sizeof(digits), "%" PRIu64, u);
    if (v < 0 && o + 1 < n)
        buf[o++] = '-';
    for (i = 0; i < len && o + sl + 1 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            memcpy(buf + o, sep[h->lang], sl);
            o += sl;
        }
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

void h_time(struct html *h, int64_t ns, int prec, int local)
{
    char a[TL_TIME_BUFSZ], b[TL_TIME_BUFSZ];

    tl_time_format(ns, prec, a);
    fprintf(h->out, "<time datetime=\"%s\">%s</time>", a, a);
    if (local && h->tz)
        fprintf(h->out, "<br><span class=\"local\">%s</span>",
                tl_time_format_tz(ns, prec, h->tz, b));
}

void h_event_links(struct html *h, const char *ids, int max)
{
    const char *p = ids ? ids : "";
    char *end, num[32];
    int64_t id, n = 0, more = 0;

    while (*p) {
        id = strtoll(p, &end, 10);
        if (end == p) {                /* not a number: skip one byte */
            p++;
            continue;
        }
        p = end;
        if (n++ < max)
            fprintf(h->out, "%s<a href=\"#ev-%" PRId64 "\">#%" PRId64 "</a>",
                    n > 1 ? " " : "", id, id);
        else
            more++;
    }
    if (more)
        h_say(h, T_MORE_EVENTS, 1, h_num(h, more, num, sizeof(num)));
    if (n == 0)
        fputs("&#8212;", h->out);
}

void h_word_put(struct html *h, const char *word)
{
    const char *w = word ? h_word(h->lang, word) : NULL;

    if (w)
        fputs(w, h->out);
    else
        h_esc(h, word);
}

void h_table(struct html *h, const char *cls, int caption, ...)
{
    va_list ap;
    int t;

    fprintf(h->out, "<div class=\"scroll\"><table class=\"%s\">\n"
            "<caption>", cls);
    h_put(h, caption);
    fputs("</caption>\n<thead><tr>", h->out);
    va_start(ap, caption);
    while ((t = va_arg(ap, int)) >= 0) {
        fputs("<th scope=\"col\">", h->out);
        h_put(h, t);
        fputs("</th>", h->out);
    }
    va_end(ap);
    fputs("</tr></thead>\n<tbody>\n", h->out);
}

void h_table_end(struct html *h)
{
    fputs("</tbody></table></div>\n", h->out);
}

void h_section(struct html *h, const char *id, int title)
{
    fprintf(h->out, "<section id=\"%s\" aria-labelledby=\"h-%s\">\n"
            "<h2 id=\"h-%s\">", id, id, id);
    h_put(h, title);
    fputs("</h2>\n", h->out);
}

void h_section_end(struct html *h)
{
    fputs("</section>\n", h->out);
}
