/*
 * export/html_chart.c - events per day by source, as an inline SVG with
 * the compromise window shaded, and the same figures as a table
 *
 * One strip per source, each with its own scale (its busiest bar is
 * full height and the strip says how many that is): a mail log of tens of
 * lines and a file system of a million times are both readable.  A long
 * span is drawn with bars of several days, at most MAX_BARS bars, and the
 * caption says so.  The strips are named in text and the window is
 * hatched and labelled, so nothing is told by colour alone; the table
 * below gives the figures to a reader who cannot see the drawing.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "export/html_int.h"

#define MAX_BARS 120
#define MAX_SOURCES 8          /* more are drawn together as the last */
#define DAY_NS (86400 * TL_NS_PER_SEC)
#define W 960                  /* drawing units */
#define LEFT 150
#define CHART_W 790
#define STRIP_H 44
#define STRIP_GAP 12
#define TOP 24
#define AXIS 28

struct source {
    char name[32];
    int64_t total, peak_day, peak;     /* busiest single day */
    int64_t max;                       /* busiest bar */
    int64_t *bins;
};

struct chart {
    struct html *h;
    int64_t d0, binw, nbins;
    struct source src[MAX_SOURCES];
    int nsrc;
};

static int64_t day_of(int64_t ns)
{
    return ns / DAY_NS - (ns % DAY_NS < 0);
}

static struct source *source(struct chart *c, const char *name)
{
    int i;

    name = name ? name : "";
    for (i = 0; i < c->nsrc; i++)
        if (strncmp(c->src[i].name, name, sizeof(c->src[i].name) - 1) == 0)
            return &c->src[i];
    if (c->nsrc == MAX_SOURCES)
        return &c->src[MAX_SOURCES - 1];        /* "other" */
    i = c->nsrc++;
    snprintf(c->src[i].name, sizeof(c->src[i].name), "%s",
             i == MAX_SOURCES - 1 ? "\xe2\x80\xa6" : name);
    c->src[i].bins = calloc((size_t)c->nbins, sizeof(int64_t));
    return c->src[i].bins ? &c->src[i] : NULL;
}

static int day(int64_t d, const char *name, int64_t n, void *payload)
{
    struct chart *c = payload;
    struct source *s = source(c, name);
    int64_t b = (d - c->d0) / c->binw;

    if (!s)
        return ftl_err_set(c->h->err, FTL_ENOMEM, "out of memory");
    if (b < 0 || b >= c->nbins)
        return 0;
    s->total += n;
    if (n > s->peak) {
        s->peak = n;
        s->peak_day = d;
    }
    s->bins[b] += n;
    if (s->bins[b] > s->max)
        s->max = s->bins[b];
    return 0;
}

static void date(int64_t d, char out[TL_TIME_BUFSZ])
{
    tl_time_format(d * DAY_NS, 0, out);
    out[10] = '\0';
}

/* x of day d (fractional days allowed through ns) */
static double x_of(const struct chart *c, int64_t ns)
{
    double days = (double)(ns - c->d0 * DAY_NS) / (double)DAY_NS;

    return LEFT + days / (double)(c->binw * c->nbins) * CHART_W;
}

static void window(struct html *h, const struct chart *c, int height)
{
    double a, b, lo = LEFT, hi = LEFT + CHART_W;

    if (!h->has_win[0] && !h->has_win[1])
        return;
    a = h->has_win[0] ? x_of(c, h->win[0]) : lo;
    b = h->has_win[1] ? x_of(c, h->win[1]) : hi;
    a = a < lo ? lo : a > hi ? hi : a;
    b = b < lo ? lo : b > hi ? hi : b;
    if (b - a < 2)
        b = a + 2;
    fprintf(h->out, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
            " fill=\"url(#hatch)\" stroke=\"#b08a3e\" stroke-width=\"1\"/>"
            "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"#5b4512\">"
            "%s</text>\n", a, TOP - 6, b - a, height - TOP - AXIS + 6,
            a + 2, TOP - 10, h->t[T_CH_WINDOW]);
}

static void strip(struct html *h, const struct chart *c,
                  const struct source *s, int y)
{
    double bw = (double)CHART_W / (double)c->nbins, bh;
    char num[32], d[TL_TIME_BUFSZ];
    int64_t i;

    fprintf(h->out, "<text x=\"%d\" y=\"%d\" font-size=\"13\" "
            "font-weight=\"bold\" fill=\"#1b1b1b\" text-anchor=\"end\">",
            LEFT - 10, y + STRIP_H / 2);
    h_esc(h, s->name);
    fprintf(h->out, "</text><text x=\"%d\" y=\"%d\" font-size=\"11\" "
            "fill=\"#555\" text-anchor=\"end\">", LEFT - 10,
            y + STRIP_H / 2 + 15);
    h_say(h, T_CH_MAX, 1, h_num(h, s->max, num, sizeof(num)));
    fprintf(h->out, "</text>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
            " stroke=\"#888\" stroke-width=\"1\"/>\n", LEFT, y + STRIP_H,
            LEFT + CHART_W, y + STRIP_H);
    for (i = 0; i < c->nbins; i++) {
        if (!s->bins[i])
            continue;
        bh = (double)s->bins[i] / (double)s->max * (STRIP_H - 4);
        bh = bh < 1.5 ? 1.5 : bh;
        date(c->d0 + i * c->binw, d);
        fprintf(h->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                "height=\"%.1f\" fill=\"#2f4b6e\"><title>%s: %s</title>"
                "</rect>", LEFT + i * bw + bw * 0.1, y + STRIP_H - bh,
                bw * 0.8 > 1 ? bw * 0.8 : 1, bh, d,
                h_num(h, s->bins[i], num, sizeof(num)));
    }
    fputc('\n', h->out);
}

static void axis(struct html *h, const struct chart *c, int y)
{
    char d[TL_TIME_BUFSZ];
    int k, ticks = c->nbins < 6 ? (int)c->nbins : 6;
    int64_t b;

    for (k = 0; k <= ticks; k++) {
        b = c->nbins * k / (ticks ? ticks : 1);
        date(c->d0 + b * c->binw, d);
        fprintf(h->out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                "stroke=\"#888\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\""
                " fill=\"#333\" text-anchor=\"%s\">%s</text>\n",
                LEFT + (double)b / c->nbins * CHART_W, y,
                LEFT + (double)b / c->nbins * CHART_W, y + 4,
                LEFT + (double)b / c->nbins * CHART_W, y + 17,
                k == 0 ? "start" : k == ticks ? "end" : "middle", d);
    }
}

static void draw(struct html *h, const struct chart *c)
{
    int i, height = TOP + c->nsrc * (STRIP_H + STRIP_GAP) + AXIS;
    char a[TL_TIME_BUFSZ], b[TL_TIME_BUFSZ], n[32];

    date(c->d0, a);
    date(c->d0 + c->binw * c->nbins - 1, b);
    fprintf(h->out, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
            "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
            "aria-labelledby=\"chart-title chart-desc\" "
            "font-family=\"DejaVu Sans, Arial, sans-serif\">\n"
            "<title id=\"chart-title\">%s</title>\n<desc id=\"chart-desc\">",
            W, height, W, height, h->t[T_SEC_CHART]);
    h_say(h, T_CH_DESC, 3, a, b, h_num(h, c->binw, n, sizeof(n)));
    fputs("</desc>\n<defs><pattern id=\"hatch\" width=\"7\" height=\"7\" "
          "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
          "<rect width=\"7\" height=\"7\" fill=\"#f7ecd2\"/><line x1=\"0\" "
          "y1=\"0\" x2=\"0\" y2=\"7\" stroke=\"#dcc08a\" stroke-width=\"3\"/>"
          "</pattern></defs>\n", h->out);
    window(h, c, height);
    for (i = 0; i < c->nsrc; i++)
        strip(h, c, &c->src[i], TOP + i * (STRIP_H + STRIP_GAP));
    axis(h, c, height - AXIS + 4);
    fputs("</svg>\n<figcaption class=\"note\">", h->out);
    if (c->binw > 1)
        h_say(h, T_CH_BIN, 1, h_num(h, c->binw, n, sizeof(n)));
    else
        h_put(h, T_CH_INTRO);
    fputs("</figcaption>\n</figure>\n", h->out);
}

static void table(struct html *h, const struct chart *c)
{
    char n[2][32], d[TL_TIME_BUFSZ];
    int i;

    h_table(h, "chart", T_CH_TABLE_CAPTION, T_CH_SOURCE, T_CH_EVENTS,
            T_CH_PEAK, -1);
    for (i = 0; i < c->nsrc; i++) {
        date(c->src[i].peak_day, d);
        fputs("<tr><th scope=\"row\">", h->out);
        h_esc(h, c->src[i].name);
        fprintf(h->out, "</th><td class=\"num\">%s</td><td>%s "
                "(%s)</td></tr>\n",
                h_num(h, c->src[i].total, n[0], 32), d,
                h_num(h, c->src[i].peak, n[1], 32));
    }
    h_table_end(h);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct source *)a)->name,
                  ((const struct source *)b)->name);
}

int h_chart(struct html *h)
{
    struct chart c;
    int64_t a, b, span;
    int i, rc = FTL_OK;

    memset(&c, 0, sizeof(c));
    c.h = h;
    h_section(h, "chart", T_SEC_CHART);
    a = h->from > h->tot.first_ts ? h->from : h->tot.first_ts;
    b = h->to < h->tot.last_ts ? h->to : h->tot.last_ts;
    if (!h->tot.events || a > b) {
        fprintf(h->out, "<p class=\"empty\">%s</p>\n", h->t[T_CH_NONE]);
        h_section_end(h);
        return FTL_OK;
    }
    c.d0 = day_of(a);
    span = day_of(b) - c.d0 + 1;
    c.binw = (span + MAX_BARS - 1) / MAX_BARS;
    c.nbins = (span + c.binw - 1) / c.binw;
    rc = tl_rep_days_each(h->st, a, b, day, &c, h->err);
    if (!rc && c.nsrc > 1)     /* by name, "other" (the last) staying last */
        qsort(c.src, (size_t)(c.nsrc < MAX_SOURCES ? c.nsrc : c.nsrc - 1),
              sizeof(c.src[0]), by_name);
    if (!rc && c.nsrc) {
        draw(h, &c);
        table(h, &c);
    }
    h_section_end(h);
    for (i = 0; i < c.nsrc; i++)
        free(c.src[i].bins);
    return rc;
}
