/*
 * export/html_int.h - the parts of the HTML report (export/html*.c)
 *
 * html.c holds the run (options, the person filter, the citations) and
 * calls one writer per section, in the report's order; html_out.c the
 * writing helpers every section uses; html_i18n.c the fixed texts, one
 * table per language.  Evidence text reaches the page only through the
 * helpers here, which escape it with base/escape.h.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef EXPORT_HTML_INT_H
#define EXPORT_HTML_INT_H

#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "export/export.h"

/* ---- fixed texts (html_i18n.c) ------------------------------------- */

/*
 * Every fixed text of the report.  A text may hold {1} .. {9}: the
 * arguments of h_say(), which are HTML already (escaped evidence, a
 * number, a link), so that each language puts them where its grammar
 * wants them.  Texts are HTML too: they may hold <code> or an entity.
 */
enum h_text {
    T_TITLE, T_NAV, T_PAGE_OF, T_CASE,
    /* case header */
    T_SEC_CASE, T_CASE_ID, T_EXAMINER, T_GENERATED, T_TOOL, T_SCHEMA,
    T_CASE_FILE, T_CASE_CREATED, T_CASE_TOOL, T_DISPLAY_ZONE, T_FILTER,
    T_FILTER_NONE, T_FILTER_PERSONS, T_FILTER_FROM, T_FILTER_TO,
    /* summary */
    T_SEC_SUMMARY, T_SUM_WHO, T_SUM_NOBODY, T_SUM_WHAT, T_SUM_CAT,
    T_SUM_WHEN, T_SUM_CASE, T_SUM_NOT_ANALYSED, T_SUM_PERSON_FILTER,
    /* window */
    T_SEC_WINDOW, T_WIN_CAPTION, T_BOUND, T_BOUND_START, T_BOUND_END,
    T_TIME_UTC, T_ORIGIN, T_REASON, T_PROOF, T_NO_BOUND, T_WARNINGS,
    T_WARN_CAPTION, T_KIND, T_MESSAGE, T_NO_WARNINGS, T_NOT_ANALYSED,
    /* clocks */
    T_SEC_CLOCKS, T_CLK_CAPTION, T_CLK_HOSTS, T_CLK_OFFSET, T_CLK_SPREAD,
    T_CLK_PAIRS, T_CLK_METHOD, T_CLK_APPLIED, T_CLK_NOTE, T_CLK_NONE,
    T_YES, T_NO, T_CLK_AHEAD, T_CLK_GROUPS,
    /* exposure */
    T_SEC_EXPOSURE, T_EXP_INTRO, T_EXP_CAPTION, T_ROW, T_CATEGORY,
    T_CHANNEL, T_STRENGTH, T_FIRST, T_ITEMS, T_EVIDENCE_EV, T_BASIS,
    T_ART9, T_IDDOC, T_EXP_NONE, T_EXP_PERSON_NONE, T_EXP_PERSON_LINE,
    T_MORE_EVENTS, T_CORRECTED,
    /* regulator figures */
    T_SEC_FIGURES, T_FIG_INTRO, T_FIG_CAPTION, T_FIG_SUBJECTS,
    T_FIG_RECORDS, T_FIG_WEAK, T_FIG_TOTAL, T_FIG_NONE, T_FIG_AUTHORITY,
    T_FIG_WHOLE_CASE,
    /* evidence */
    T_SEC_EVIDENCE, T_EVI_CAPTION, T_EVI_ID, T_EVI_KIND, T_EVI_PATH,
    T_EVI_SIZE, T_EVI_SHA256, T_EVI_COLLECTED, T_EVI_PLACES, T_EVI_STATUS,
    T_EVI_INSIDE, T_EVI_ALSO, T_EVI_TOP, T_EVI_COUNTS, T_UNKNOWN,
    T_EVI_VERIFIED, T_EVI_VER_OK, T_EVI_VER_FAILED, T_EVI_VER_COUNTS,
    T_EVI_VER_NONE,
    /* timeline */
    T_SEC_TIMELINE, T_TL_INTRO, T_TL_CAPTION, T_TL_EVENT, T_TL_TIME,
    T_TL_WHAT, T_TL_DESC, T_TL_WHERE, T_TL_MARKS, T_TL_IOC, T_TL_CITED,
    T_TL_WINDOW_CITE, T_TL_LEFT_OUT, T_TL_ALL_SHOWN, T_TL_NONE,
    T_TL_DELETED, T_TL_TZ_ASSUMED, T_TL_YEAR_EST, T_TL_IOC_MSG, T_TL_RAW,
    /* histogram */
    T_SEC_CHART, T_CH_INTRO, T_CH_BIN, T_CH_WINDOW, T_CH_DESC,
    T_CH_TABLE_CAPTION, T_CH_SOURCE, T_CH_EVENTS, T_CH_PEAK, T_CH_NONE,
    T_CH_MAX,
    /* method */
    T_SEC_METHOD, T_ME_INTRO, T_ME_COLLECT, T_ME_COLL_CAPTION,
    T_ME_OPTIONS, T_ME_ZONE, T_ME_YEAR, T_ME_N_TZ, T_ME_N_YEAR, T_ME_N_DST,
    T_ME_ANALYSIS, T_ME_CLOCKS, T_ME_CLOCKS_NONE, T_ME_UNREAD,
    T_ME_UNREAD_NONE, T_ME_WARNCOUNTS, T_ME_WARN_CAPTION, T_ME_COLL_WARN,
    T_ME_AN_WARN, T_COUNT, T_ME_TIMES, T_ME_CAP, T_ME_ESCAPE,
    T_N_TEXTS
};

/* The languages: "en", "fr", "nl", "de". */
#define H_N_LANGS 4
extern const char *const h_lang_codes[H_N_LANGS];
/* The table of language i: h_texts[i][T_...], every entry set. */
extern const char *const *const h_texts[H_N_LANGS];
/* Index of language 'code', -1 when there is none. */
int h_lang_find(const char *code);
/* The words of the case's own vocabulary that the report translates, and
 * how many there are; each language has its word for every one. */
extern const char *const h_vocabulary[];
extern const int h_n_words;
extern const char *const *const h_words[H_N_LANGS];
/* The vocabulary of the analysis (channel, confidence, strength, origin,
 * category names) in language i, or NULL when the word is not known:
 * the report then shows the word as the case holds it, escaped. */
const char *h_word(int lang, const char *word);

/* ---- the run (html.c) ------------------------------------------------ */

/* An event cited by the analysis: by an exposure (exposure_id) or by the
 * window or a warning (exposure_id 0). */
struct h_cite {
    int64_t event_id, exposure_id;
};

struct html {
    FILE *out;
    struct tl_store *st;
    const struct exp_opts *o;
    struct ftl_err *err;
    int lang;
    const char *const *t;      /* h_texts[lang] */
    const struct tl_tz *tz;    /* display zone, NULL: UTC only */
    char *case_id;             /* case_info name, or the file name */
    int analysed;              /* ftl analyze ran */
    struct tl_rep_totals tot;
    int64_t from, to;          /* the timeline's bounds */
    int64_t win[2];            /* the window, where has_win[i] */
    int has_win[2];
    int64_t *persons;          /* --person, resolved to ids, sorted */
    size_t n_persons;
    struct h_cite *cites;      /* sorted by event, then exposure */
    size_t n_cites;
    int64_t shown, left_out;   /* timeline rows written, left out */
    int64_t left_first, left_last;
    struct ftl_buf tmp;        /* scratch for escaped arguments */
};

/* 1 when person 'id' is in the report (no --person: everyone). */
int h_person_wanted(const struct html *h, int64_t id);
/* The citations of event 'id': *n entries from the returned pointer. */
const struct h_cite *h_cites_of(const struct html *h, int64_t id,
                                size_t *n);

/* ---- writing (html_out.c) -------------------------------------------- */

/* Evidence text, escaped (NULL writes nothing). */
void h_esc(struct html *h, const char *s);
void h_attr(struct html *h, const char *s);
/* A fixed text with its arguments ({1}..{9}, HTML). */
void h_say(struct html *h, int text, int nargs, ...);
/* Fixed text without arguments. */
void h_put(struct html *h, int text);
/* A number with the language's digit grouping, into buf. */
char *h_num(const struct html *h, int64_t v, char *buf, size_t n);
/* Escaped evidence text as a malloc'd HTML string (for h_say). */
char *h_esc_dup(struct html *h, const char *s);
/* <time datetime="...">UTC</time>, and the local time in the display
 * zone below it when one is set ('local' 0: UTC only). */
void h_time(struct html *h, int64_t ns, int prec, int local);
/* A space-separated id list as links to #ev-N, at most 'max' of them,
 * then "and N more". */
void h_event_links(struct html *h, const char *ids, int max);
/* A word of the analysis's vocabulary in the report's language. */
void h_word_put(struct html *h, const char *word);
/* Open a table: <table class=...><caption>text</caption><thead><tr> with
 * one <th scope="col"> per header text (T_* ids, ending with -1). */
void h_table(struct html *h, const char *cls, int caption, ...);
void h_table_end(struct html *h);
/* Section start and end: <section id=...><h2>. */
void h_section(struct html *h, const char *id, int title);
void h_section_end(struct html *h);

/* ---- the sections, in the report's order ------------------------------ */

int h_head(struct html *h);                 /* html_head.c */
int h_case(struct html *h);                 /* html_head.c */
int h_summary(struct html *h);              /* html_summary.c */
int h_window(struct html *h);               /* html_window.c */
int h_clocks(struct html *h);               /* html_window.c */
int h_exposure(struct html *h);             /* html_exposure.c */
int h_figures(struct html *h);              /* html_exposure.c */
int h_evidence(struct html *h);             /* html_evidence.c */
int h_timeline(struct html *h);             /* html_timeline.c */
int h_chart(struct html *h);                /* html_chart.c */
int h_method(struct html *h);               /* html_method.c */
void h_tail(struct html *h);                /* html_head.c */

#endif
