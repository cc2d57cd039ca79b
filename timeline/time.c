/*
 * timeline/time.c - reading, converting and writing times
 *
 * Everything in ftl is int64 nanoseconds since the Unix epoch, UTC.  This
 * file turns what evidence writes (RFC 3339, syslog, epoch seconds) into
 * that, resolves zone-less local times in a named IANA zone, and prints
 * times back as RFC 3339.  Calendar math is proleptic Gregorian on int64
 * days; zone rules come from the C library (TZ, tzset, localtime_r).
 *
 * The C library keeps one current zone per process, so the zone functions
 * set TZ to the zone in use and are not thread-safe.
 *
 * SPDX-License-Identifier: MIT
 */
#include <assert.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "timeline/timeline.h"

#define SEC_PER_DAY 86400
#define SEC_PER_HOUR 3600

/* Whole seconds of the int64 ns range: floor(INT64_MIN / 1e9) and
 * floor(INT64_MAX / 1e9).  Local times a little outside are still worth
 * resolving; anything further out cannot fit and is rejected early. */
#define NS_SEC_MIN (-9223372037LL)
#define NS_SEC_MAX 9223372036LL

/* Longest zone name we accept (a path under the zoneinfo directory). */
#define ZONE_NAME_MAX 255

struct tl_tz {
    int utc;               /* 1 for UTC and its aliases: no TZ games */
    int cached;            /* 1 when the cache below holds an entry */
    int64_t cache_hour;    /* naive local seconds / 3600 of the entry */
    int cache_off;         /* offset every time in that hour resolves to */
    unsigned cache_flags;  /* and the TL_F_DST_* flags that go with it */
    char name[];           /* as given to tl_tz_open() */
};

/* The zone the C library was last told about with tzset(). */
static char cur_zone[ZONE_NAME_MAX + 1];
static int cur_zone_set;

/* Names that mean UTC; compared without regard to case. */
static const char *const utc_names[] = {
    "UTC", "Z", "Zulu", "UCT", "Universal", "GMT", "GMT0", "GMT+0",
    "GMT-0", "Greenwich", "Etc/UTC", "Etc/Zulu", "Etc/UCT",
    "Etc/Universal", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0",
    "Etc/Greenwich", NULL
};

static const char *const month_abbr[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* Days before the first of each month in a common year. */
static const int days_before[12] = {
    0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

/* Floor division and its non-negative remainder (b > 0).  C division
 * truncates toward zero, which is wrong for times before 1970. */
static int64_t fdiv(int64_t a, int64_t b)
{
    int64_t q = a / b;

    if (a % b < 0)
        q--;
    return q;
}

static int64_t fmodpos(int64_t a, int64_t b)
{
    int64_t r = a % b;

    return r < 0 ? r + b : r;
}

/* Gregorian rule, also for years before 1582 and below zero (the year
 * before 1 is 0, a leap year, as in ISO 8601). */
static int is_leap(int64_t y)
{
    return fmodpos(y, 4) == 0 && (fmodpos(y, 100) != 0 ||
                                  fmodpos(y, 400) == 0);
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Read exactly 'count' digits at s[*i] into *val and advance *i. */
static int fixed_digits(const char *s, size_t n, size_t *i, int count,
                        int *val)
{
    int v = 0;

    if (*i + (size_t)count > n)
        return 0;
    for (int k = 0; k < count; k++) {
        if (!is_digit(s[*i + k]))
            return 0;
        v = v * 10 + (s[*i + k] - '0');
    }
    *i += (size_t)count;
    *val = v;
    return 1;
}

/* Consume the character 'c' at s[*i] if it is there. */
static int accept_char(const char *s, size_t n, size_t *i, char c)
{
    if (*i < n && s[*i] == c) {
        (*i)++;
        return 1;
    }
    return 0;
}

/* Read a run of fraction digits at s[*i]: the first nine make *nsec (in
 * ns), the rest are skipped.  *prec gets min(digits, 9).  Returns the
 * number of digits read. */
static size_t fraction(const char *s, size_t n, size_t *i, int *nsec,
                       int *prec)
{
    size_t start = *i;
    int v = 0, p = 0;

    while (*i < n && is_digit(s[*i])) {
        if (p < 9) {
            v = v * 10 + (s[*i] - '0');
            p++;
        }
        (*i)++;
    }
    *prec = p;
    for (int k = p; k < 9; k++)
        v *= 10;
    *nsec = v;
    return *i - start;
}

/* Combine whole UTC seconds and a fraction into ns; 0 on overflow.  For
 * negative seconds the fraction is folded in first so that the very
 * bottom of the range (1677-09-21T00:12:43.145224192Z) still fits. */
static int make_ns(int64_t sec, int64_t nsec, int64_t *out)
{
    int64_t r;

    if (sec < 0 && nsec > 0) {
        sec += 1;
        nsec -= TL_NS_PER_SEC;
    }
    /* sec * 1e9 is the only product that can overflow; nsec is small */
    if (__builtin_mul_overflow(sec, TL_NS_PER_SEC, &r) ||
        __builtin_add_overflow(r, nsec, &r))
        return 0;
    *out = r;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Calendar                                                            */
/* ------------------------------------------------------------------ */

/* Leap years in [1, y) counted so that leaps_before(y + 1) -
 * leaps_before(y) == is_leap(y) for every y, negative ones included;
 * only differences of it are meaningful. */
static int64_t leaps_before(int64_t y)
{
    return fdiv(y - 1, 4) - fdiv(y - 1, 100) + fdiv(y - 1, 400);
}

/* Days from 1970-01-01 to January 1st of year y. */
static int64_t days_to_year(int64_t y)
{
    return 365 * (y - 1970) + leaps_before(y) - leaps_before(1970);
}

int64_t tl_days_from_civil(int64_t y, int m, int d)
{
    int64_t days;

    /* months outside 1..12 roll over into the years around */
    y += fdiv((int64_t)m - 1, 12);
    m = (int)fmodpos((int64_t)m - 1, 12) + 1;
    days = days_to_year(y) + days_before[m - 1] + d - 1;
    if (m > 2 && is_leap(y))
        days++;
    return days;
}

/* Exact for any days whose year fits comfortably in int64 (|days| well
 * below 2^62); ftl only ever passes the +-106752 days of int64 ns. */
void tl_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
    /* 400 Gregorian years are exactly 146097 days, so reduce to one such
     * cycle first, estimate the year inside it and settle it by checking
     * January 1st on both sides. */
    int64_t cycle = fdiv(days, 146097);
    int64_t rest = days - cycle * 146097;
    int64_t year = 1970 + cycle * 400 + rest * 400 / 146097;
    int doy, mon;

    while (days_to_year(year) > days)
        year--;
    while (days_to_year(year + 1) <= days)
        year++;
    /* day of the year, then the last month that starts on or before it */
    doy = (int)(days - days_to_year(year));
    for (mon = 12; mon > 1; mon--) {
        int first = days_before[mon - 1] + (mon > 2 && is_leap(year));

        if (doy >= first) {
            doy -= first;
            break;
        }
    }
    *y = year;
    *m = mon;
    *d = doy + 1;
}

/* 0 for a month outside 1..12, so "day > tl_days_in_month()" also
 * rejects a bad month. */
int tl_days_in_month(int64_t y, int m)
{
    static const int len[12] = {
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    };

    if (m < 1 || m > 12)
        return 0;
    return len[m - 1] + (m == 2 && is_leap(y));
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

/* Read HH:MM[:SS[.f]] at s[*i] into c.  'need_sec' makes the seconds
 * mandatory (syslog); 'comma' also allows ',' before the fraction.  A
 * separator not followed by a digit is left unread. */
static int clock_part(const char *s, size_t n, size_t *i,
                      struct tl_civil *c, int need_sec, int comma)
{
    size_t j;

    if (!fixed_digits(s, n, i, 2, &c->hour) || !accept_char(s, n, i, ':') ||
        !fixed_digits(s, n, i, 2, &c->min))
        return 0;
    j = *i;
    if (accept_char(s, n, &j, ':') && fixed_digits(s, n, &j, 2, &c->sec)) {
        *i = j;
        if (*i + 1 < n && (s[*i] == '.' || (comma && s[*i] == ',')) &&
            is_digit(s[*i + 1])) {
            (*i)++;
            fraction(s, n, i, &c->nsec, &c->prec);
        }
    } else if (need_sec) {
        return 0;
    }
    /* :60 is a leap second; tl_civil_to_ns() reads it as :59.999999999 */
    return c->hour < 24 && c->min < 60 && c->sec <= 60;
}

/* Read Z, +HH:MM, +HHMM or +HH at s[*i].  Nothing there that looks like
 * a zone is not an error: has_zone stays 0.  Out-of-range fields are. */
static int zone_part(const char *s, size_t n, size_t *i, struct tl_civil *c)
{
    size_t j = *i;
    int hh, mm = 0, sign;

    if (j < n && (s[j] == 'Z' || s[j] == 'z')) {
        c->has_zone = 1;
        c->off_sec = 0;
        *i = j + 1;
        return 1;
    }
    if (j >= n || (s[j] != '+' && s[j] != '-'))
        return 1;
    sign = s[j] == '-' ? -1 : 1;
    j++;
    if (!fixed_digits(s, n, &j, 2, &hh))
        return 1;
    if (j + 2 < n && s[j] == ':' && is_digit(s[j + 1]) &&
        is_digit(s[j + 2])) {
        j++;
        fixed_digits(s, n, &j, 2, &mm);
    } else {
        /* the +HHMM form; a lone +HH leaves j where it is */
        size_t k = j;

        if (fixed_digits(s, n, &k, 2, &mm))
            j = k;
    }
    /* real offsets stay within +-14:00; the syntax allows up to 23:59 */
    if (hh > 23 || mm > 59)
        return 0;
    c->has_zone = 1;
    c->off_sec = sign * (hh * 3600 + mm * 60);
    *i = j;
    return 1;
}

/* Reads the longest stamp at the start of s: a date, then a time only
 * when "HH:" follows the separator, then a zone only when one follows the
 * time.  Whatever comes after is left for the caller (a log line goes on,
 * tl_time_parse_arg() wants nothing more).  Fields are checked against
 * the calendar here so that callers never see February 30th. */
int tl_time_parse_iso8601(const char *s, size_t n, struct tl_civil *out,
                          size_t *used)
{
    struct tl_civil c = { 0 };
    size_t i = 0;

    assert(out);
    if (!s)
        return FTL_EPARSE;
    if (!fixed_digits(s, n, &i, 4, &c.year) || !accept_char(s, n, &i, '-') ||
        !fixed_digits(s, n, &i, 2, &c.mon) || !accept_char(s, n, &i, '-') ||
        !fixed_digits(s, n, &i, 2, &c.day))
        return FTL_EPARSE;
    if (c.mon < 1 || c.mon > 12 || c.day < 1 ||
        c.day > tl_days_in_month(c.year, c.mon))
        return FTL_EPARSE;

    /* A time follows only when the separator is followed by "HH:"; a
     * date followed by anything else is a bare date. */
    if (i + 3 < n && (s[i] == 'T' || s[i] == 't' || s[i] == ' ') &&
        is_digit(s[i + 1]) && is_digit(s[i + 2]) && s[i + 3] == ':') {
        i++;
        if (!clock_part(s, n, &i, &c, 0, 1) || !zone_part(s, n, &i, &c))
            return FTL_EPARSE;
    }
    *out = c;
    if (used)
        *used = i;
    return FTL_OK;
}

/* BSD syslog (RFC 3164) writes "Mmm dd HH:MM:SS" with the day padded
 * by a space; some relays write "06" or "6" instead.  Month names are the
 * C locale's, case and all, as syslogd prints them. */
int tl_time_parse_syslog(const char *s, size_t n, struct tl_civil *out,
                         size_t *used)
{
    struct tl_civil c = { 0 };
    size_t i = 0;

    assert(out);
    if (!s || n < 4)
        return FTL_EPARSE;
    /* n >= 4 was checked, so three bytes and a space can be read */
    for (int m = 0; m < 12; m++)
        if (memcmp(s, month_abbr[m], 3) == 0)
            c.mon = m + 1;
    if (c.mon == 0 || s[3] != ' ')
        return FTL_EPARSE;
    i = 4;

    /* "Feb  6", "Feb 06" or "Feb 6" */
    if (i + 1 < n && s[i] == ' ' && is_digit(s[i + 1])) {
        c.day = s[i + 1] - '0';
        i += 2;
    } else if (!fixed_digits(s, n, &i, 2, &c.day) &&
               !fixed_digits(s, n, &i, 1, &c.day)) {
        return FTL_EPARSE;
    }
    /* No year: allow Feb 29, it is checked once a year is known. */
    if (c.day < 1 || c.day > tl_days_in_month(2000, c.mon))
        return FTL_EPARSE;
    if (!accept_char(s, n, &i, ' ') || !clock_part(s, n, &i, &c, 1, 0))
        return FTL_EPARSE;
    *out = c;
    if (used)
        *used = i;
    return FTL_OK;
}

/* Seconds are accumulated with overflow checks, so a run of digits of
 * any length fails cleanly instead of wrapping. */
int tl_time_parse_epoch(const char *s, size_t n, int64_t *ns, int *prec,
                        size_t *used)
{
    size_t i = 0;
    int64_t sec = 0, r;
    int nsec = 0, p = 0, neg;

    assert(ns);
    if (!s)
        return FTL_EPARSE;
    /* at least one digit before any fraction: ".5" and "-" are not times */
    neg = accept_char(s, n, &i, '-');
    if (i >= n || !is_digit(s[i]))
        return FTL_EPARSE;
    while (i < n && is_digit(s[i])) {
        if (__builtin_mul_overflow(sec, 10, &sec) ||
            __builtin_add_overflow(sec, s[i] - '0', &sec))
            return FTL_EPARSE;
        i++;
    }
    if (i + 1 < n && s[i] == '.' && is_digit(s[i + 1])) {
        i++;
        fraction(s, n, &i, &nsec, &p);
    }
    /* Build the negative value by subtraction so that INT64_MIN, whose
     * magnitude has no positive int64, still fits. */
    if (__builtin_mul_overflow(sec, TL_NS_PER_SEC, &r))
        return FTL_EPARSE;
    if (neg) {
        r = -r;
        if (__builtin_sub_overflow(r, nsec, &r))
            return FTL_EPARSE;
    } else if (__builtin_add_overflow(r, nsec, &r)) {
        return FTL_EPARSE;
    }
    *ns = r;
    if (prec)
        *prec = p;
    if (used)
        *used = i;
    return FTL_OK;
}

/* ------------------------------------------------------------------ */
/* Zones                                                               */
/* ------------------------------------------------------------------ */

/* 1 when 'name' is a regular file under the zoneinfo directory that
 * starts with the TZif magic.  glibc reads any other TZ value as a POSIX
 * rule string and, failing that, as UTC without a word. */
static int zone_file_ok(const char *name)
{
    const char *dir = getenv("TZDIR");
    char path[PATH_MAX], magic[4];
    struct stat st;
    int fd, ok = 0;

    if (!dir || !*dir)
        dir = "/usr/share/zoneinfo";
    if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
        (int)sizeof(path))
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        read(fd, magic, sizeof(magic)) == (ssize_t)sizeof(magic) &&
        memcmp(magic, "TZif", 4) == 0)
        ok = 1;
    close(fd);
    return ok;
}

/* Checks the name and that the zone exists; the C library is not told
 * about it until it is used.  The name is kept as given ("Z" stays "Z"),
 * since it is what the examiner typed and what the case records. */
int tl_tz_open(struct tl_tz **out, const char *name, struct ftl_err *err)
{
    struct tl_tz *tz;
    size_t len;
    int utc = 0;

    assert(out);
    *out = NULL;
    if (!name || !*name)
        return ftl_err_set(err, FTL_EUSAGE, "empty time zone name");
    /* The name becomes a path under the zoneinfo directory: keep it
     * there.  Absolute paths and ".." could point TZ at any file. */
    len = strlen(name);
    if (len > ZONE_NAME_MAX || name[0] == '/' || strstr(name, ".."))
        return ftl_err_set(err, FTL_EUSAGE,
                           "invalid time zone '%.64s': expected an IANA "
                           "name such as Europe/Brussels or UTC", name);
    for (int k = 0; utc_names[k]; k++)
        if (strcasecmp(name, utc_names[k]) == 0)
            utc = 1;
    if (!utc && !zone_file_ok(name))
        return ftl_err_set(err, FTL_EUSAGE,
                           "unknown time zone '%s': not in the zoneinfo "
                           "database", name);
    /* one allocation: the name lives in the flexible array member */
    tz = calloc(1, sizeof(*tz) + len + 1);
    if (!tz)
        return ftl_err_set(err, FTL_ENOMEM, "out of memory");
    tz->utc = utc;
    memcpy(tz->name, name, len + 1);
    *out = tz;
    return FTL_OK;
}

/* TZ is left as it is: the next zone used sets its own. */
void tl_tz_close(struct tl_tz *tz)
{
    free(tz);
}

/* NULL stands for UTC everywhere, so it is named that way too. */
const char *tl_tz_name(const struct tl_tz *tz)
{
    return tz ? tz->name : "UTC";
}

int tl_tz_is_utc(const struct tl_tz *tz)
{
    return !tz || tz->utc;
}

/* Make 'tz' the C library's current zone.  Checks TZ itself too, in case
 * other code changed it since our last tzset(). */
static void use_name(const char *name)
{
    const char *env = getenv("TZ");

    if (cur_zone_set && strcmp(cur_zone, name) == 0 && env &&
        strcmp(env, name) == 0)
        return;
    if (setenv("TZ", name, 1) != 0)
        return;
    tzset();
    snprintf(cur_zone, sizeof(cur_zone), "%s", name);
    cur_zone_set = 1;
}

static void use_zone(const struct tl_tz *tz)
{
    use_name(tz->name);
}

void tl_tz_use(const struct tl_tz *tz)
{
    use_name(tz && !tz->utc ? tz->name : "UTC");
}

/* tm_gmtoff is a glibc/BSD extension (_DEFAULT_SOURCE) and the only
 * portable-enough way to get the offset without a second gmtime() call.
 * A time localtime_r() cannot represent reads as offset 0. */
int tl_tz_offset_at(const struct tl_tz *tz, int64_t sec)
{
    time_t t = (time_t)sec;
    struct tm tm;

    if (!tz || tz->utc)
        return 0;
    use_zone(tz);
    if (!localtime_r(&t, &tm))
        return 0;
    return (int)tm.tm_gmtoff;
}

/* tm_zone is the same kind of extension as tm_gmtoff.  A zone whose
 * rules name no abbreviation gets glibc's numeric one ("+03"). */
char *tl_tz_abbrev_at(const struct tl_tz *tz, int64_t sec, char *out,
                      size_t n)
{
    time_t t = (time_t)sec;
    struct tm tm;

    snprintf(out, n, "UTC");
    if (!tz || tz->utc)
        return out;
    use_zone(tz);
    if (localtime_r(&t, &tm) && tm.tm_zone && tm.tm_zone[0])
        snprintf(out, n, "%s", tm.tm_zone);
    else
        snprintf(out, n, "%s", tz->name);
    return out;
}

/* Resolve the zone-less local time 'naive' (local fields counted as if
 * they were UTC seconds) to its UTC offset in 'tz'.  A day either side of
 * it gives the offsets in play; an offset is right when it maps back to
 * itself.  Assumes at most one transition in those two days. */
static void resolve(const struct tl_tz *tz, int64_t naive, int *off,
                    unsigned *flags)
{
    int cand[3], valid[3], nvalid = 0;

    cand[0] = tl_tz_offset_at(tz, naive - SEC_PER_DAY);
    cand[1] = tl_tz_offset_at(tz, naive + SEC_PER_DAY);
    cand[2] = tl_tz_offset_at(tz, naive);
    for (int k = 0; k < 3; k++) {
        int dup = 0;

        for (int v = 0; v < nvalid; v++)
            dup |= valid[v] == cand[k];
        if (!dup && tl_tz_offset_at(tz, naive - cand[k]) == cand[k])
            valid[nvalid++] = cand[k];
    }
    *flags = 0;
    if (nvalid == 0) {
        /* in the gap: read it with the offset before, as mktime() does */
        *off = cand[0];
        *flags = TL_F_DST_GAP;
    } else {
        /* the larger offset is the earlier instant */
        *off = valid[0];
        for (int v = 1; v < nvalid; v++) {
            if (valid[v] > *off)
                *off = valid[v];
            *flags = TL_F_DST_AMBIGUOUS;
        }
    }
}

/* resolve() behind a one-hour cache.  Logs are read in order, so the
 * next line is nearly always in the same local hour.  An hour is cached
 * only when its first and last second resolve alike: with a single
 * transition in the hour, all seconds between then resolve alike too,
 * which also holds for zones with half-hour shifts (Australia/Lord_Howe)
 * or odd historical offsets. */
static void resolve_cached(const struct tl_tz *tz, int64_t naive, int *off,
                           unsigned *flags)
{
    /* The cache is no part of the zone's value; tl_tz objects are only
     * made by tl_tz_open() on the heap, never const, so writing is fine. */
    struct tl_tz *mut = (struct tl_tz *)tz;
    int64_t hour = fdiv(naive, SEC_PER_HOUR);
    int off0, off1;
    unsigned fl0, fl1;

    if (tz->cached && tz->cache_hour == hour) {
        *off = tz->cache_off;
        *flags = tz->cache_flags;
        return;
    }
    resolve(tz, hour * SEC_PER_HOUR, &off0, &fl0);
    resolve(tz, hour * SEC_PER_HOUR + SEC_PER_HOUR - 1, &off1, &fl1);
    if (off0 == off1 && fl0 == fl1) {
        mut->cached = 1;
        mut->cache_hour = hour;
        mut->cache_off = off0;
        mut->cache_flags = fl0;
        *off = off0;
        *flags = fl0;
        return;
    }
    resolve(tz, naive, off, flags);
}

/* The civil fields are first counted as if they were UTC ("naive"
 * seconds); the offset then comes from the stamp itself, from nowhere
 * (UTC assumed) or from the zone.  Flags are added to *flags, not stored
 * over it, so a caller can collect TL_F_YEAR_ESTIMATED and the rest in
 * one word; they are only touched on success. */
int tl_civil_to_ns(const struct tl_civil *c, const struct tl_tz *tz,
                   int64_t *ns, unsigned *flags)
{
    int64_t local;
    int sec, nsec, off = 0;
    unsigned fl = 0;

    /* callers may fill a tl_civil by hand: check it like the parser does */
    assert(c && ns);
    sec = c->sec;
    nsec = c->nsec;
    if (c->mon < 1 || c->mon > 12 || c->day < 1 ||
        c->day > tl_days_in_month(c->year, c->mon) || c->hour < 0 ||
        c->hour > 23 || c->min < 0 || c->min > 59 || sec < 0 || sec > 60 ||
        nsec < 0 || nsec >= TL_NS_PER_SEC)
        return FTL_EPARSE;
    if (sec == 60) {
        /* leap second: the last representable instant of the minute */
        sec = 59;
        nsec = TL_NS_PER_SEC - 1;
    }
    /* int year keeps this far from int64 overflow */
    local = tl_days_from_civil(c->year, c->mon, c->day) * SEC_PER_DAY +
            c->hour * 3600 + c->min * 60 + sec;
    if (c->has_zone) {
        off = c->off_sec;
    } else {
        fl = TL_F_TZ_ASSUMED;
        if (!tl_tz_is_utc(tz)) {
            unsigned dst;

            /* keep the C library away from times that cannot fit */
            if (local < NS_SEC_MIN - SEC_PER_DAY ||
                local > NS_SEC_MAX + SEC_PER_DAY)
                return FTL_EPARSE;
            resolve_cached(tz, local, &off, &dst);
            fl |= dst;
        }
    }
    if (!make_ns(local - off, nsec, ns))
        return FTL_EPARSE;
    if (flags)
        *flags |= fl;
    return FTL_OK;
}

/* ------------------------------------------------------------------ */
/* Formatting                                                          */
/* ------------------------------------------------------------------ */

/* Write local seconds 'sec' plus fraction 'frac' as
 * YYYY-MM-DDTHH:MM:SS[.f] into out; returns the length written. */
/* v (0 <= v < 10^n) as exactly n decimal digits, no NUL. */
static void put_digits(char *p, int n, int64_t v)
{
    while (n-- > 0) {
        p[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

static int format_fields(int64_t sec, int64_t frac, int prec,
                         char out[TL_TIME_BUFSZ])
{
    static const int64_t pow10[10] = {
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
        1000000000
    };
    int64_t days = fdiv(sec, SEC_PER_DAY), sod = fmodpos(sec, SEC_PER_DAY);
    int64_t y;
    int m, d, len;

    if (prec > 9)
        prec = 9;
    if (prec < 0) {
        /* shortest of 0, 3, 6, 9 digits that is exact */
        prec = frac == 0 ? 0 : frac % 1000000 == 0 ? 3
               : frac % 1000 == 0 ? 6 : 9;
    }
    tl_civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) {   /* not from int64 ns; kept for safety */
        len = snprintf(out, TL_TIME_BUFSZ, "%04lld-%02d-%02dT%02d:%02d:%02d",
                       (long long)y, m, d, (int)(sod / 3600),
                       (int)(sod / 60 % 60), (int)(sod % 60));
        if (prec > 0 && len > 0 && len < TL_TIME_BUFSZ)
            len += snprintf(out + len, TL_TIME_BUFSZ - (size_t)len,
                            ".%0*lld", prec,
                            (long long)(frac / pow10[9 - prec]));
        return len;
    }
    /* Digits by hand: every exported event is formatted at least once,
     * and snprintf was a tenth of a JSONL export's instructions. */
    put_digits(out, 4, y);
    out[4] = '-';
    put_digits(out + 5, 2, m);
    out[7] = '-';
    put_digits(out + 8, 2, d);
    out[10] = 'T';
    put_digits(out + 11, 2, sod / 3600);
    out[13] = ':';
    put_digits(out + 14, 2, sod / 60 % 60);
    out[16] = ':';
    put_digits(out + 17, 2, sod % 60);
    len = 19;
    /* truncated, never rounded: .9999 at prec 3 is .999, not the next
     * second, which could change every field before it */
    if (prec > 0) {
        out[len++] = '.';
        put_digits(out + len, prec, frac / pow10[9 - prec]);
        len += prec;
    }
    out[len] = '\0';
    return len;
}

/* Years stay within 1677..2262 for int64 ns, so the four-digit year and
 * the buffer size hold for every input. */
char *tl_time_format_epoch(int64_t ns, char out[TL_TIME_BUFSZ])
{
    /* The sign first, then the magnitude: -0.5 s is "-0.500000000",
     * not the "-1.500000000" that floored seconds would give. */
    uint64_t a = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;

    snprintf(out, TL_TIME_BUFSZ, "%s%" PRIu64 ".%09" PRIu64,
             ns < 0 ? "-" : "", (uint64_t)(a / TL_NS_PER_SEC),
             (uint64_t)(a % TL_NS_PER_SEC));
    return out;
}

int tl_time_from_sec(int64_t sec, int64_t nsec, int64_t *ns)
{
    if (nsec < 0 || nsec >= TL_NS_PER_SEC || !make_ns(sec, nsec, ns)) {
        *ns = 0;
        return FTL_EPARSE;
    }
    return FTL_OK;
}

int64_t tl_time_usec(int64_t ns)
{
    return fdiv(ns, 1000);
}

int64_t tl_time_sec(int64_t ns)
{
    return fdiv(ns, TL_NS_PER_SEC);
}

char *tl_time_format(int64_t ns, int prec, char out[TL_TIME_BUFSZ])
{
    int len;

    /* floor split: -1 ns is second -1 plus 999999999 ns */
    len = format_fields(fdiv(ns, TL_NS_PER_SEC), fmodpos(ns, TL_NS_PER_SEC),
                        prec, out);
    if (len > 0 && len < TL_TIME_BUFSZ - 1)
        memcpy(out + len, "Z", 2);
    return out;
}

char *tl_time_format_tz(int64_t ns, int prec, const struct tl_tz *tz,
                        char out[TL_TIME_BUFSZ])
{
    int64_t sec = fdiv(ns, TL_NS_PER_SEC);
    int off, mins, len;

    /* no zone: plain UTC with 'Z'; a UTC zone still prints +00:00 */
    if (!tz)
        return tl_time_format(ns, prec, out);
    /* RFC 3339 offsets have no seconds.  Old local mean time offsets
     * (Brussels was +00:17:30 before 1892) are rounded to the minute and
     * the local time moved with them, so the string is still the exact
     * instant. */
    off = tl_tz_offset_at(tz, sec);
    mins = off >= 0 ? (off + 30) / 60 : -((-off + 30) / 60);
    len = format_fields(sec + (int64_t)mins * 60,
                        fmodpos(ns, TL_NS_PER_SEC), prec, out);
    if (len > 0 && len < TL_TIME_BUFSZ)
        snprintf(out + len, TL_TIME_BUFSZ - (size_t)len, "%c%02d:%02d",
                 mins < 0 ? '-' : '+', abs(mins) / 60, abs(mins) % 60);
    return out;
}

/* ------------------------------------------------------------------ */
/* Command line and clock                                              */
/* ------------------------------------------------------------------ */

/* The whole argument must be one time: trailing text is an error here,
 * unlike in the parsers above.  A stamp that parses but lies outside the
 * int64 ns range gets its own message. */
int tl_time_parse_arg(const char *s, int64_t *ns, struct ftl_err *err)
{
    struct tl_civil c;
    size_t n, used = 0;
    int64_t v;
    int rc;

    /* *ns is only written on success */
    assert(ns);
    if (!s)
        s = "";
    n = strlen(s);
    if (s[0] == '@') {
        rc = tl_time_parse_epoch(s + 1, n - 1, &v, NULL, &used);
        if (rc == FTL_OK && used == n - 1) {
            *ns = v;
            return FTL_OK;
        }
    } else {
        rc = tl_time_parse_iso8601(s, n, &c, &used);
        if (rc == FTL_OK && used == n) {
            /* zone-less means UTC */
            if (tl_civil_to_ns(&c, NULL, &v, NULL) == FTL_OK) {
                *ns = v;
                return FTL_OK;
            }
            return ftl_err_set(err, FTL_EUSAGE,
                               "invalid time '%.100s': out of range "
                               "(1677-09-21 .. 2262-04-11)", s);
        }
    }
    return ftl_err_set(err, FTL_EUSAGE,
                       "invalid time '%.100s': expected RFC 3339 "
                       "(2023-05-20T12:00:00Z), a date or @epoch", s);
}

/* CLOCK_REALTIME is the wall clock, the same epoch as the events; it
 * fits int64 ns until 2262.  0 only if the clock cannot be read. */
int64_t tl_time_now(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return 0;
    return (int64_t)ts.tv_sec * TL_NS_PER_SEC + ts.tv_nsec;
}
