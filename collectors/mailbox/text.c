/*
 * collectors/mailbox/text.c - evidence text made fit to store or to show
 *
 * Header text goes into the case as valid UTF-8 of at most 64 KiB
 * (mbx_clean); text quoted in an event message or a warning is printable
 * and cut between characters (mbx_printable, mbx_long_text).
 *
 * SPDX-License-Identifier: MIT
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "collectors/mailbox/mailbox_int.h"

void mbx_utf8_cut(char *s, size_t len)
{
    size_t i = len;
    unsigned char c;

    s[len] = '\0';
    while (i > 0 && len - i < 3 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
        i--;
    if (i == 0)
        return;
    c = (unsigned char)s[i - 1];
    if (c >= 0xc0 && i - 1 + (c >= 0xf0 ? 4u : c >= 0xe0 ? 3u : 2u) > len)
        s[i - 1] = '\0';
}

/* GMime hands back the raw bytes of a name it could not convert from
 * its declared charset; those become U+FFFD. */
const char *mbx_clean(const char *in, char **buf)
{
    char *v = NULL;

    *buf = NULL;
    if (!in)
        return NULL;
    if (!g_utf8_validate(in, -1, NULL))
        in = v = g_utf8_make_valid(in, -1);
    if (strlen(in) <= MBX_TEXT_MAX) {
        *buf = v;
        return in;
    }
    *buf = g_strndup(in, MBX_TEXT_MAX);
    mbx_utf8_cut(*buf, MBX_TEXT_MAX);
    g_free(v);
    return *buf;
}

void mbx_lower(char *s)
{
    for (; s && *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

void mbx_printable(char *out, size_t n, const char *in)
{
    size_t i;

    if (!in)
        in = "";
    snprintf(out, n, "%s", in);
    if (strlen(in) >= n)
        mbx_utf8_cut(out, n - 1);
    for (i = 0; out[i]; i++)
        if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
            out[i] = '?';
}

void mbx_long_text(char *text)
{
    if (strlen(text) > 1000) {
        mbx_utf8_cut(text, 996);
        strcat(text, "...");
    }
}
