/*
 * export/html_head.c - the page around the sections: the head with its
 * Content-Security-Policy and style, the case header, the end
 *
 * The report loads nothing: no script, no font, no image, no URL.  The
 * policy says so to the browser (default-src 'none'), and allows the one
 * inline style by its SHA-256, so that a <style> that evidence somehow
 * smuggled into the page would not even be applied.  The style holds the
 * print rules: A4 margins, the classification on top of every page, the
 * case id and "page N of M" at its foot (CSS paged media, which Chromium
 * draws when its own header and footer are turned off).
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "export/html_int.h"

static const char css_screen[] =
    ":root{color-scheme:light}"
    "html{font:11pt/1.45 \"DejaVu Serif\",Georgia,\"Times New Roman\","
    "serif;color:#1b1b1b;background:#fff}"
    "body{margin:0 auto;max-width:64rem;padding:1.2rem 2rem 3rem}"
    "header.top{border-bottom:3px double #444;padding-bottom:.6rem;"
    "margin-bottom:1rem}"
    ".kicker{font:600 .78rem/1.4 \"DejaVu Sans\",Arial,sans-serif;"
    "letter-spacing:.14em;text-transform:uppercase;color:#555;margin:0}"
    "h1{font-size:1.65rem;font-weight:normal;margin:.15rem 0 .2rem}"
    "h2{font-size:1.18rem;color:#1f2f4a;border-bottom:1px solid #9aa3b0;"
    "padding-bottom:.15rem;margin:2rem 0 .7rem;break-after:avoid}"
    "h3{font-size:1rem;margin:1.3rem 0 .35rem;break-after:avoid}"
    "p{margin:.35rem 0 .7rem;max-width:50rem}"
    ".banner{border:2px solid #1b1b1b;text-align:center;"
    "font:bold .85rem/1.6 \"DejaVu Sans\",Arial,sans-serif;"
    "letter-spacing:.12em;text-transform:uppercase;padding:.15rem .5rem;"
    "margin:0 0 1rem;max-width:none}"
    "nav{font:.85rem/1.5 \"DejaVu Sans\",Arial,sans-serif;margin:.4rem 0}"
    "nav ol{columns:2;margin:.2rem 0;padding-left:1.4rem}"
    "table{border-collapse:collapse;width:100%;"
    "font:.8rem/1.35 \"DejaVu Sans\",Arial,sans-serif;margin:.3rem 0 1rem}"
    "caption{text-align:left;font-weight:bold;padding:.25rem 0;"
    "font-size:.84rem;color:#333}"
    "th,td{border-bottom:1px solid #d6d6d6;padding:.22rem .4rem;"
    "text-align:left;vertical-align:top}"
    "thead th{border-bottom:1.5px solid #555;background:#f2f2ef}"
    "tbody th[scope=row]{font-weight:normal;white-space:nowrap}"
    "tbody th[scope=rowgroup]{background:#f7f7f4;font-weight:bold;"
    "border-top:1.5px solid #888;padding-top:.4rem}"
    "thead{display:table-header-group}"
    "tr{break-inside:avoid}"
    ".num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}"
    "code,.mono{font-family:\"DejaVu Sans Mono\",monospace;font-size:.9em}"
    ".wrap,.mono{overflow-wrap:anywhere}"
    "time{white-space:nowrap}"
    ".local{color:#555;font-size:.92em;white-space:nowrap}"
    ".mark{display:inline-block;border:1px solid #777;border-radius:2px;"
    "padding:0 .25rem;font-size:.78em;line-height:1.4;margin:0 .2rem .1rem 0;"
    "white-space:nowrap}"
    ".mark.ioc{border-color:#8a1c1c;color:#8a1c1c;font-weight:bold}"
    ".mark.art9{border-color:#5a2d82;color:#5a2d82;font-weight:bold}"
    ".mark.id{border-color:#1f4f7a;color:#1f4f7a;font-weight:bold}"
    ".mark.weak{border-style:dashed}"
    "tr.ioc>th:first-child{box-shadow:inset 3px 0 #8a1c1c}"
    ".scroll{overflow-x:auto}"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;"
    "gap:.1rem 1.2rem;margin:.4rem 0 1rem}"
    "dl.facts dt{font-weight:bold}"
    "dl.facts dd{margin:0;overflow-wrap:anywhere}"
    ".summary p{font-size:1.06rem;line-height:1.55}"
    ".note{color:#444;font-size:.92em;font-weight:normal}"
    /* fixed layouts: the columns a reader expects, and a table of ten
     * thousand rows laid out without measuring each of them */
    "table.timeline,table.exposure{table-layout:fixed}"
    "table.timeline th:nth-child(1){width:6%}"
    "table.timeline th:nth-child(2){width:21%}"
    "table.timeline th:nth-child(3){width:13%}"
    "table.timeline th:nth-child(4){width:34%}"
    "table.timeline th:nth-child(5){width:14%}"
    "table.timeline th:nth-child(6){width:12%}"
    "table.exposure th:nth-child(1){width:10%}"
    "table.exposure th:nth-child(2){width:12%}"
    "table.exposure th:nth-child(3){width:12%}"
    "table.exposure th:nth-child(4){width:7%}"
    "table.exposure th:nth-child(5){width:19%}"
    "table.exposure th:nth-child(6){width:6%}"
    "table.exposure th:nth-child(7){width:11%}"
    "table.exposure th:nth-child(8){width:23%}"
    "table.timeline td,table.exposure td{overflow-wrap:anywhere}"
    /* a time of nanoseconds is wider than its column on paper (A4):
     * there it may break, anywhere, rather than run into the next */
    "table.timeline td time,table.timeline td .local{white-space:normal;"
    "word-break:break-all}"
    "table.timeline .local,table.exposure .local{font-size:.8em}"
    ".art{white-space:nowrap}"
    ".chunk{content-visibility:auto;contain-intrinsic-size:auto 40000px}"
    ".chunk+.chunk caption{position:absolute;width:1px;height:1px;"
    "overflow:hidden;clip-path:inset(50%)}"
    ".chunk+.chunk table{margin-top:0}"
    ".empty{color:#555;font-style:italic}"
    "svg{max-width:100%;height:auto;display:block}"
    "a{color:#1f3a6e}"
    ":target{background:#fff4cc;outline:2px solid #c9a227}"
    "footer{margin-top:2.5rem;border-top:1px solid #999;padding-top:.4rem;"
    "font:.8rem \"DejaVu Sans\",Arial,sans-serif;color:#555}"
    "@media print{"
    "html{font-size:9.5pt}"
    "body{max-width:none;padding:0}"
    ".scroll{overflow:visible}"
    "a{color:inherit;text-decoration:none}"
    "nav ol{columns:3}"
    ".banner,footer{display:none}"
    ".chunk{content-visibility:visible}"
    "}";

/* "text {1} text" -> "text " counter(page) " text": the fixed text's
 * parts as CSS strings, its arguments as the given CSS values. */
static void css_text(struct ftl_buf *b, const char *text,
                     const char *const *vals, int nvals)
{
    const char *p = text, *q;
    int i;

    ftl_buf_putc(b, '"');
    while ((q = strchr(p, '{')) != NULL && q[1] >= '1' && q[1] <= '9' &&
           q[2] == '}') {
        ftl_esc_css_str_buf(b, p, (size_t)(q - p));
        i = q[1] - '1';
        ftl_buf_printf(b, "\" %s \"", i < nvals ? vals[i] : "");
        p = q + 3;
    }
    ftl_esc_css_str_buf(b, p, strlen(p));
    ftl_buf_putc(b, '"');
}

static void css_page(struct html *h, struct ftl_buf *b)
{
    static const char *const pages[] = { "counter(page)",
                                         "counter(pages)" };
    char *id = NULL;
    struct ftl_buf v;
    const char *idv;

    ftl_buf_init(&v, 0);
    ftl_buf_putc(&v, '"');
    ftl_esc_css_str_buf(&v, h->case_id, strlen(h->case_id));
    ftl_buf_putc(&v, '"');
    idv = id = ftl_buf_detach(&v);
    ftl_buf_puts(b, "@page{size:A4;margin:17mm 14mm 19mm 14mm;"
                 "@bottom-left{font:7.5pt \"DejaVu Sans\",Arial,sans-serif;"
                 "color:#444;content:");
    css_text(b, h->t[T_CASE], &idv, 1);
    ftl_buf_puts(b, "}@bottom-right{font:7.5pt \"DejaVu Sans\",Arial,"
                 "sans-serif;color:#444;content:");
    css_text(b, h->t[T_PAGE_OF], pages, 2);
    ftl_buf_puts(b, "}");
    if (h->o->classification) {
        ftl_buf_puts(b, "@top-center{font:bold 8pt \"DejaVu Sans\",Arial,"
                     "sans-serif;letter-spacing:.12em;content:\"");
        ftl_esc_css_str_buf(b, h->o->classification,
                            strlen(h->o->classification));
        ftl_buf_puts(b, "\"}");
    }
    ftl_buf_puts(b, "}");
    free(id);
    ftl_buf_release(&v);
}

static int hexval(char c)
{
    return c <= '9' ? c - '0' : c - 'a' + 10;     /* lower-case hex */
}

/* The SHA-256 of the style, base64, for the policy's 'sha256-...'. */
static int style_hash(const char *css, size_t n, char out[48],
                      struct ftl_err *err)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    struct ftl_digest *d;
    char hex[65];
    unsigned char bin[33] = { 0 };
    int i, o = 0, rc;

    if ((rc = ftl_digest_new(&d, FTL_SHA256, err)))
        return rc;
    ftl_digest_update(d, css, n);
    ftl_digest_final(d, NULL, hex);
    ftl_digest_free(d);
    for (i = 0; i < 32; i++)
        bin[i] = (unsigned char)(hexval(hex[2 * i]) << 4 |
                                 hexval(hex[2 * i + 1]));
    for (i = 0; i < 32; i += 3) {      /* 32 bytes: 10 groups and 2 left */
        unsigned v = (unsigned)bin[i] << 16 |
                     (i + 1 < 32 ? (unsigned)bin[i + 1] << 8 : 0) |
                     (i + 2 < 32 ? bin[i + 2] : 0);

        out[o++] = b64[v >> 18 & 63];
        out[o++] = b64[v >> 12 & 63];
        out[o++] = i + 1 < 32 ? b64[v >> 6 & 63] : '=';
        out[o++] = i + 2 < 32 ? b64[v & 63] : '=';
    }
    out[o] = '\0';
    return FTL_OK;
}

static const struct { const char *id; int title; } toc[] = {
    { "case", T_SEC_CASE }, { "summary", T_SEC_SUMMARY },
    { "window", T_SEC_WINDOW }, { "clocks", T_SEC_CLOCKS },
    { "exposure", T_SEC_EXPOSURE }, { "figures", T_SEC_FIGURES },
    { "evidence", T_SEC_EVIDENCE }, { "timeline", T_SEC_TIMELINE },
    { "chart", T_SEC_CHART }, { "method", T_SEC_METHOD },
};

static void top(struct html *h)
{
    size_t i;

    if (h->o->classification) {
        fputs("<p class=\"banner\" role=\"note\">", h->out);
        h_esc(h, h->o->classification);
        fputs("</p>\n", h->out);
    }
    fputs("<header class=\"top\">\n<p class=\"kicker\">", h->out);
    h_put(h, T_TITLE);
    fputs("</p>\n<h1>", h->out);
    h_esc(h, h->case_id);
    fputs("</h1>\n<nav aria-label=\"", h->out);
    h_put(h, T_NAV);
    fputs("\"><ol>", h->out);
    for (i = 0; i < sizeof(toc) / sizeof(toc[0]); i++) {
        fprintf(h->out, "<li><a href=\"#%s\">", toc[i].id);
        h_put(h, toc[i].title);
        fputs("</a></li>", h->out);
    }
    fputs("</ol></nav>\n</header>\n<main>\n", h->out);
}

int h_head(struct html *h)
{
    struct ftl_buf css;
    char hash[48];
    int rc = FTL_ENOMEM;

    ftl_buf_init(&css, 0);
    ftl_buf_puts(&css, css_screen);
    css_page(h, &css);
    if (!css.p || (rc = style_hash(css.p, css.len, hash, h->err))) {
        ftl_buf_release(&css);
        return rc == FTL_ENOMEM ? ftl_err_set(h->err, rc, "out of memory")
                                : rc;
    }
    fprintf(h->out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
            "<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\""
            "default-src 'none'; style-src 'sha256-%s'; img-src 'none'; "
            "base-uri 'none'; form-action 'none'\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, "
            "initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"ftl " FTL_VERSION "\">\n"
            "<title>", h_lang_codes[h->lang], hash);
    h_put(h, T_TITLE);
    fputs(" &#8212; ", h->out);
    h_esc(h, h->case_id);
    fprintf(h->out, "</title>\n<style>%s</style>\n</head>\n<body>\n",
            css.p);
    ftl_buf_release(&css);
    top(h);
    return FTL_OK;
}
