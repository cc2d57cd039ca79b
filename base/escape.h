/*
 * base/escape.h - evidence text made safe for each place it is written
 *
 * Every string that comes from evidence (file names, subjects, log lines,
 * register cells) is hostile: it may hold any byte, invalid UTF-8,
 * control characters, markup, formulas, bidirectional overrides.  Each
 * output has one escaper here, so that a CSV cell, a JSON string, an
 * HTML page, a terminal line and a warning escape the same bytes the same
 * way wherever ftl writes them.  In all of them a byte that is not valid
 * UTF-8 (RFC 3629, base/utf8.c) is shown as the text \xNN (two upper-case
 * hex digits), so every output is valid UTF-8 whatever the evidence held.
 *
 * The FILE * writers leave error checking to the caller (ferror() once at
 * the end, as the exporters do); the struct ftl_buf writers return the
 * buffer's code (FTL_OK, FTL_ENOMEM, or FTL_DONE at its cap, the buffer
 * then holding what fitted before it).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef FTL_BASE_ESCAPE_H
#define FTL_BASE_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"

/* ------------------------------------------------------------------ */
/* CSV (RFC 4180)                                                      */
/* ------------------------------------------------------------------ */

/* Flags of ftl_esc_csv(). */
enum {
    /* A cell starting with '=', '+', '-', '@', tab, CR or LF gets an
     * apostrophe in front, so that a spreadsheet shows it as text
     * instead of running it as a formula (OWASP "CSV injection").  A
     * reader that is not a spreadsheet (Timesketch) wants the text as
     * it is: then leave it out. */
    FTL_ESC_CSV_FORMULA = 1
};

/* Write s[0..n) as one CSV cell, without the delimiter: quoted when it
 * holds ',', '"', CR or LF, quotes doubled, invalid UTF-8 as \xNN.  NULL
 * writes nothing (an empty cell). */
void ftl_esc_csv(FILE *out, const char *s, size_t n, unsigned flags);
int ftl_esc_csv_buf(struct ftl_buf *b, const char *s, size_t n,
                    unsigned flags);

/* ------------------------------------------------------------------ */
/* JSON (RFC 8259)                                                     */
/* ------------------------------------------------------------------ */

/* Write s as a JSON string, quotes included; NULL writes null.  '"' and
 * '\' are escaped, LF, CR and tab as \n \r \t, other C0 controls and DEL
 * as \u00xx; an invalid byte becomes the JSON text "\\xNN", which a JSON
 * reader decodes to the four characters \xNN, as the CSV shows it. */
void ftl_esc_json(FILE *out, const char *s);
int ftl_esc_json_buf(struct ftl_buf *b, const char *s);

/* ------------------------------------------------------------------ */
/* HTML                                                                */
/* ------------------------------------------------------------------ */

/*
 * HTML text (between tags) and attribute values (inside double or
 * single quotes).  & < > " ' become character references; C0 controls
 * but tab and LF, DEL, the C1 controls and invalid UTF-8 are shown as
 * the text \xNN, one per byte (a C1 control is two bytes: \xC2\x85), so
 * the reader sees what the evidence held and nothing is left for a
 * browser to interpret.  The characters that change how text around them
 * is displayed without being seen - the bidirectional controls U+200E,
 * U+200F, U+061C, U+202A to U+202E, U+2066 to U+2069, and the zero-width
 * U+200B to U+200D, U+2060, U+FEFF - are never written as they are but
 * named as the text [U+202E]: a file name "invoice\u202Efdp.exe" would
 * otherwise be displayed as "invoiceexe.pdf".  In an attribute tab and
 * LF are written as &#9; and &#10;, which the HTML parser would
 * otherwise turn into spaces.
 */
void ftl_esc_html(FILE *out, const char *s, size_t n);
void ftl_esc_html_attr(FILE *out, const char *s, size_t n);
int ftl_esc_html_buf(struct ftl_buf *b, const char *s, size_t n);
int ftl_esc_html_attr_buf(struct ftl_buf *b, const char *s, size_t n);

/*
 * The content of a CSS string (between its double quotes), for the text
 * the report's print style shows on every page (the case id, the
 * classification).  Letters, digits, space and the punctuation ".,:;-_/
 * ()[]#+=!?@*%" stay; every other ASCII character (quotes, backslash, < >
 * and &, so that no "</style>" can close the element) becomes a CSS
 * escape of six hex digits (\00003C); other characters stay as they
 * are, but for those the HTML escaper names or shows as bytes, which are
 * written as the same visible text ([U+202E], \xNN) in escaped form.
 */
void ftl_esc_css_str(FILE *out, const char *s, size_t n);
int ftl_esc_css_str_buf(struct ftl_buf *b, const char *s, size_t n);

/* ------------------------------------------------------------------ */
/* Terminal and messages                                               */
/* ------------------------------------------------------------------ */

/* Write the NUL-terminated s (NULL: nothing) for a terminal: each C0
 * control, DEL and C1 control becomes '?', so that no escape sequence
 * from evidence reaches the terminal; invalid UTF-8 becomes \xNN. */
void ftl_esc_term(FILE *out, const char *s);

/* Copy s[0..n) into out (outsz bytes, NUL-terminated) for a message or
 * a warning: invalid UTF-8 and the C0 controls and DEL become \xNN.  The
 * text is cut where it no longer fits, never inside a character or an
 * escape.  Returns out. */
char *ftl_esc_msg(char *out, size_t outsz, const char *s, size_t n);

#endif
