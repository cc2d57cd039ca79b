/*
 * collectors/maillog/maillog_int.h - internals shared by the mail-log collector
 *
 * The mail-log collector is split by job: maillog.c (the collector:
 * options, files, rotation sets, streams inside other evidence), scan.c
 * (the first pass: months, dialects, hash), item.c (the second pass: one
 * evidence item stored), line.c (one line: dialect, event or warning),
 * env.c (syslog and exim envelopes, the year-less stamp tracker, field
 * helpers), msg.c (open transactions, message rows, events, indicator
 * checks) and one file per log dialect (postfix.c, sendmail.c, exim.c,
 * barracuda.c).  Only those
 * files and the unit tests include this header.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef COLLECTORS_MAILLOG_INT_H
#define COLLECTORS_MAILLOG_INT_H

#include <stdint.h>
#include <stddef.h>

#include "base/limits.h"
#include "collectors/collectors.h"

/* The caps, and why they are that size: base/limits.h. */
#define ML_LINE_MAX FTL_LIMIT_LOG_LINE       /* longer lines are cut */
#define ML_OPEN_MAX FTL_LIMIT_LOG_OPEN       /* open transactions kept */
#define ML_OPEN_BYTES FTL_LIMIT_LOG_OPEN_BYTES   /* and their memory */
#define ML_SLOTS (1u << 17)      /* hash slots: load at most 1/2 */
#define ML_WARN_BAD FTL_LIMIT_LOG_WARN_LINES /* warned one by one */
#define ML_RCPTS_MAX FTL_LIMIT_LOG_RCPTS     /* recipients kept, bytes */
#define ML_ARENA (5 * ML_LINE_MAX)   /* per-line scratch space */
#define ML_STRAYS_MAX FTL_LIMIT_LOG_STRAYS   /* out-of-sequence lines */
_Static_assert(ML_SLOTS >= 2 * ML_OPEN_MAX,
               "the transaction table must stay at most half full");

/* ASCII classes of a byte of a log line (not the locale's). */
static inline int ml_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static inline int ml_is_alnum(int c)
{
    return ml_is_digit(c) || (c >= 'A' && c <= 'Z') ||
           (c >= 'a' && c <= 'z');
}

/* Log dialects: the --format values, and the parser of a line. */
enum ml_fmt {
    ML_AUTO = 0,                 /* by program name, line by line */
    ML_POSTFIX,
    ML_SENDMAIL,
    ML_EXIM,
    ML_BARRACUDA,
    ML_SYSLOG,                   /* envelope only, no mail parsing */
    ML_FMT_COUNT
};

/* Names of enum ml_fmt, as given to --format. */
extern const char *const col_ml_fmt_names[ML_FMT_COUNT];

/* What kind of time stamp a line starts with. */
enum ml_stamp {
    ML_ST_NONE = 0,              /* no stamp (network syslog without one) */
    ML_ST_BSD,                   /* RFC 3164 "Mmm dd HH:MM:SS": no year */
    ML_ST_FULL,                  /* carries its year (ISO, RFC 5424, exim,
                                    "Mmm dd HH:MM:SS YYYY") */
};

/* Result of col_ml_envelope(). */
enum ml_env {
    ML_ENV_OK = 0,
    ML_ENV_BLANK,                /* empty or white space only */
    ML_ENV_CONT,                 /* starts with white space: continues the
                                    line before (multi-line messages) */
    ML_ENV_BAD,                  /* not a log line: 'why' says what */
};

/* Options of 'ftl collect maillog'. */
struct ml_opts {
    int fmt;                     /* enum ml_fmt, --format */
    int year;                    /* --year, 0 when not given */
    char *host;                  /* --host: host for lines without one */
};

/* One log line split into its envelope.  Pointers go into the line (which
 * the reader NUL-terminates) or into the run's per-line arena. */
struct ml_line {
    const char *text;            /* the whole line, for context */
    size_t len;
    int64_t lineno;
    char loc[32];                /* "line N": the locator */
    int stamp;                   /* enum ml_stamp */
    struct tl_civil civ;         /* the stamp (year 0 for ML_ST_BSD) */
    const char *raw_time;        /* the stamp as written (arena), or NULL */
    int has_ts;                  /* ts below is valid */
    int64_t ts;                  /* ns UTC */
    int prec;                    /* fraction digits of the stamp */
    unsigned flags;              /* TL_F_TZ_ASSUMED, TL_F_YEAR_ESTIMATED */
    const char *host;            /* arena, or NULL: none in the line */
    const char *prog;            /* arena, or NULL */
    const char *pid;             /* arena, or NULL */
    const char *msg;             /* the message text, to the end of line */
    int exim_native;             /* exim main log: no program field */
    int stray;                   /* a year-less line out of sequence */
    const char *why;             /* ML_ENV_BAD: the reason */
};

/* The year of year-less stamps, line after line.  The reference is the
 * latest month seen moving forward.  A month more than one step back
 * means a new year.  Exactly one step back (March after April, December
 * after January) is the backstep that syslog's "last message repeated"
 * reduction and late writers cause: it leaves the reference alone, and a
 * December line after January belongs to the year before. */
struct ml_year {
    int year;                    /* year of the reference month */
    int mon;                     /* reference month 1..12, 0: none yet */
};

/* Give the year of a line of month 'mon' and move the reference. */
int col_ml_year_step(struct ml_year *y, int mon);

/* A growable ';'-separated list with a size cap. */
struct ml_list {
    char *s;
    size_t len, cap;
    int64_t dropped;             /* items not kept past the cap */
};

/* One open transaction: a queue id (postfix, sendmail, exim) or a
 * Barracuda message id, gathering what its lines say until the log says
 * it is over (or the end of the file). */
struct ml_msg {
    struct ml_msg *prev, *next;  /* by last activity, newest at the tail */
    uint64_t hash;
    int64_t id;                  /* its messages row */
    int64_t first_seen, last_seen;
    int64_t size;                /* -1 unknown */
    int64_t nrcpt;               /* recipients announced, -1 unknown */
    int64_t nfinal;              /* final outcomes seen (sendmail) */
    unsigned flags;
    size_t bytes;                /* memory it takes, for the bound */
    char status[48];             /* of the last delivery */
    char *queue_id, *gateway_id, *message_id, *sender, *subject, *client;
    char *host;
    int has_send;                /* a Barracuda SEND line was seen */
    struct ml_list rcpts;        /* lower case */
    char key[];                  /* fam letter ':' id, whole */
};

/* The state of collecting one evidence item. */
struct ml_run {
    struct col_ctx *ctx;
    struct ftl_err *err;
    const struct ml_opts *opts;
    int64_t evid;
    const char *name;            /* the evidence as named in messages */
    const char *tzname;          /* zone of zone-less stamps */
    struct ml_year year;         /* absolute years once anchored */
    const int64_t *strays;       /* lines the first pass found out of */
    size_t nstrays, stray_pos;   /* sequence (ascending), and the next */
    /* per-line scratch space, reset for each line */
    char *arena;
    size_t arena_used;
    /* last converted stamp, reused while the next lines repeat it */
    char st_raw[48];
    int st_year;
    int64_t st_ts;
    unsigned st_flags;
    int st_ok;
    /* open transactions */
    struct ml_msg **slots;
    struct ml_msg *head, *tail;
    size_t nopen;
    size_t open_bytes;           /* sum of their 'bytes' */
    /* the line before, for continuation lines */
    int prev_ok;
    int64_t prev_ts, prev_lineno, prev_msg_id;
    int prev_prec;
    unsigned prev_flags;
    const char *prev_artifact;   /* a string literal */
    /* counts, for the summary and the evidence note */
    int64_t n_lines, n_blank, n_mail, n_other, n_cont, n_bad, n_badtime;
    int64_t n_badutf8, n_cut, n_msgs, n_evicted;
    int64_t bad_first, bad_last; /* line range of the unwarned bad lines */
};

/* ---- envelopes and fields (env.c) ------------------------- */

/* Split 'line' (NUL-terminated, 'len' bytes) into its envelope.  Sets
 * l->stamp and l->civ but does not convert the time (see
 * col_ml_line_time()).  Returns enum ml_env. */
int col_ml_envelope(struct ml_run *r, struct ml_line *l, const char *line,
                    size_t len);

/* Convert the stamp of an ML_ENV_OK line to l->ts, stepping the year
 * tracker for year-less stamps.  Returns FTL_OK, or FTL_EPARSE with
 * l->why set (February 29th in a common year, out of range). */
int col_ml_line_time(struct ml_run *r, struct ml_line *l);

/* Copy n bytes of s into the arena, NUL-terminated; "" when full. */
char *col_ml_dup(struct ml_run *r, const char *s, size_t n);
/* printf into the arena. */
char *col_ml_printf(struct ml_run *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Value of "key=" in s, found at the start or after ' ', ',' or ';'.
 * A value in <angle brackets> is returned without them; otherwise it
 * runs to the first character of 'stop' (or the end).  Returns a copy in
 * the arena, or NULL when the key is absent. */
char *col_ml_kv(struct ml_run *r, const char *s, const char *key,
                const char *stop);

/* First "[address]" in s that is not inside parentheses, and the host
 * name written just before it ("host[ip]", "host [ip]", "host (helo)
 * [ip]").  *host and *ip are arena copies or NULL.  "unknown" hosts are
 * left out.  Returns 1 when an address was found. */
int col_ml_client(struct ml_run *r, const char *s, char **host, char **ip);

/* 1 when s starts with prefix. */
int col_ml_starts(const char *s, const char *prefix);

/* Parse a decimal at s; -1 when there is none or it does not fit
 * int64. */
int64_t col_ml_num(const char *s);

/* ---- transactions, events, indicators (msg.c) ------------- */

/* Allocate and free the run's tables. */
int col_ml_run_init(struct ml_run *r);
void col_ml_run_release(struct ml_run *r);

/* The open transaction 'id' of family 'fam' ('fam' letter keys), created
 * (with its messages row) when absent; NULL with r->err set on a store
 * error.  The line's time is taken into first/last seen. */
struct ml_msg *col_ml_msg(struct ml_run *r, int fam, const char *id,
                          const struct ml_line *l);
/* The open transaction, or NULL; nothing created. */
struct ml_msg *col_ml_msg_find(struct ml_run *r, int fam, const char *id);

/* Write the transaction's row and forget it.  Returns FTL_OK or an
 * error. */
int col_ml_msg_close(struct ml_run *r, struct ml_msg *m);
/* Close every open transaction (end of file). */
int col_ml_msg_close_all(struct ml_run *r);
/* Forget every open transaction without writing (the item is aborted). */
void col_ml_msg_drop_all(struct ml_run *r);

/* Set a string field of m (a malloc'd copy); v NULL or "" is ignored.
 * Returns FTL_OK or FTL_ENOMEM. */
int col_ml_msg_set(struct ml_run *r, struct ml_msg *m, char **field,
                   const char *v);
/* A time of the transaction (ns): first and last seen move to take it
 * in; the year-estimated flag is kept. */
void col_ml_msg_seen(struct ml_msg *m, int64_t ts, unsigned flags);
/* Add a recipient (lower-cased, repeats skipped). */
void col_ml_msg_rcpt(struct ml_run *r, struct ml_msg *m, const char *addr);
/* Link m to 'value' of 'kind' ("queued-as", "message-id", "bounce"):
 * the store keeps one link per (kind, value), the first.  other_fam:
 * the family of the transaction it names, linked too when open; -1
 * none. */
int col_ml_msg_link(struct ml_run *r, struct ml_msg *m, const char *kind,
                    const char *value, int other_fam);

/* Store the event of line l: artifact, the message text, the
 * transaction (may be NULL).  Uses the line's time. */
int col_ml_event(struct ml_run *r, const struct ml_line *l,
                 const char *artifact, struct ml_msg *m, const char *text);
/* Same with an explicit time (Barracuda epochs). */
int col_ml_event_at(struct ml_run *r, const struct ml_line *l,
                    const char *artifact, struct ml_msg *m,
                    const char *text, int64_t ts, int prec,
                    const char *ts_desc, const char *raw, unsigned flags);
/* The event of a continuation line l: the time, artifact, flags and
 * transaction of the event before (which stays the one continued). */
int col_ml_continuation(struct ml_run *r, const struct ml_line *l,
                        const char *text);

/* Indicator checks of one value seen on line l: 'target' enum
 * tl_ioc_target, 'what' in words.  TL_T_SUBJECT and TL_T_NAME values
 * also go through the shell-metacharacter rule.  Hits name the
 * attachment row 'attachment_id' (0 none).  Marks m TL_F_IOC on a
 * hit. */
void col_ml_ioc(struct ml_run *r, const struct ml_line *l,
                struct ml_msg *m, int target, const char *what,
                const char *value, int64_t attachment_id);

/* Values of one line to check against the indicators once its event is
 * stored (a hit flags the events of its line, so they must exist). */
struct ml_checks {
    int n;
    struct {
        int target;              /* enum tl_ioc_target */
        const char *what;        /* "sender", "client IP", ... */
        const char *value;
    } v[24];
};

/* Queue a check (dropped silently past the array's size; values are
 * arena strings of the current line). */
void col_ml_check(struct ml_checks *ck, int target, const char *what,
                  const char *value);
/* Queue checks of a client "host[ip]" found in s (host as TL_T_DOMAIN,
 * address as TL_T_IP); returns the host[ip] text (arena) or NULL. */
char *col_ml_check_client(struct ml_run *r, struct ml_checks *ck,
                          const char *s, const char *what);
/* Run the queued checks for line l. */
void col_ml_checks_run(struct ml_run *r, const struct ml_line *l,
                       struct ml_msg *m, const struct ml_checks *ck);

/* The default event text: "host prog[pid]: message". */
char *col_ml_raw_text(struct ml_run *r, const struct ml_line *l);
/* "host prog[pid]: text": another text with the line's origin. */
char *col_ml_tagged(struct ml_run *r, const struct ml_line *l,
                    const char *text);

/* ---- the two passes over an item (line.c, scan.c, item.c) -------- */

/* One evidence item: a file given on the command line, or a stream from
 * another evidence item. */
struct ml_item {
    const char *path;          /* as given, or the source's name */
    char *set;                 /* rotation set: directory and base name */
    int64_t newness;           /* order inside the set, oldest first */
    int set_order;             /* order of the set on the command line */
    int64_t parent_id;
    const char *inner_path;
    int64_t size, mtime, inner_mtime;
    /* what the first pass learnt */
    int scanned;               /* 1: it could be read */
    struct ml_year start;      /* year tracker before it (relative) */
    struct ml_year end;        /* and after it */
    int has_bsd;               /* it has year-less stamps */
    int first_year;            /* relative year of the first of them */
    int64_t *strays;           /* lines out of sequence (scan.c) */
    size_t nstrays;
    int64_t lines;
    int64_t n_log;             /* lines that look like log lines */
    int64_t n_notlog;          /* and lines that do not (blank aside) */
    int64_t fam_lines[ML_FMT_COUNT];
    char sha[65];              /* SHA-256 seen by the first pass */
};

/* A year roll-over seen by the first pass, waiting for the next dated
 * line to confirm it. */
struct ml_pending {
    int active;
    struct ml_item *it;        /* the item the line is in */
    int64_t lineno;
    int mon;                   /* its month */
    int was_first;             /* it was the item's first dated line */
    struct ml_year before;     /* the tracker before it */
};

/* Years from a Barracuda line's epoch: the most trustworthy anchor. */
struct ml_anchor {
    int have;
    int off;                   /* absolute year - relative year */
    int64_t conflicts;         /* anchors that disagreed */
    int64_t lineno;
    const char *path;
};

/* Which dialect reads line l (--format, else the program name). */
int col_ml_family(const struct ml_run *r, const struct ml_line *l);
/* A UTF-8 byte order mark at the start of the first line is no text:
 * step over it. */
void col_ml_skip_bom(const char **line, size_t *len, int64_t lineno);
/* Record line 'lineno' (len bytes; 'cut': it was longer than
 * ML_LINE_MAX): an event, a blank or continued line, or a warning.
 * Returns FTL_OK or an error that stops the item. */
int col_ml_line(struct ml_run *r, const char *line, size_t len,
                int64_t lineno, int cut);

/* The first pass over one item: months, dialects, whether it looks like
 * a log at all, and with 'hash' its SHA-256 (it->sha).  The year tracker
 * y, the anchor and a pending roll-over carry over to the next item of
 * a rotation set. */
void col_ml_scan(struct ml_run *r, struct col_src *src, struct ml_item *it,
                 struct ml_year *y, struct ml_anchor *an,
                 struct ml_pending *pend, int hash, struct ftl_err *err);
/* Year of the first line of a set: the offset to add to the relative
 * years of the first pass, and where it comes from (for the evidence
 * row).  Returns 0 when no item has year-less stamps. */
int col_ml_year_offset(struct ml_run *r, struct ml_item *items, int n,
                       const struct ml_anchor *an, int *off, char *src,
                       size_t srcsz);

/* Already in the case (same content at the same place)?  Saves the
 * second pass.  FTL_DONE when it is (and said), FTL_OK when not, or a
 * store error. */
int col_ml_item_known(struct ml_run *r, const struct ml_item *it);
/* Collect one item from 'src' (the second pass).  'sha' is the evidence
 * hash when the caller already has it (a spooled stream), else the
 * source's own; 'damage' a read error met before the spool was
 * complete. */
int col_ml_item_collect(struct ml_run *r, struct col_src *src,
                        struct ml_item *it, int have_year, int off,
                        const char *ysrc, const char *sha,
                        const struct ftl_err *damage);

/* A stream inside other evidence (collect_src()) read with options 'o'
 * (the front passes ML_AUTO; the fuzz harness each dialect). */
int col_ml_collect_stream(struct col_ctx *ctx, struct col_src *src,
                          int64_t parent_id, const char *inner_path,
                          const struct ml_opts *o, struct ftl_err *err);

/* ---- dialects ----------------------------------------------------- */

/* Each returns FTL_OK when it recorded the line, FTL_DONE when the line
 * is not of its dialect (the caller records it as a plain line), or an
 * error. */
int col_ml_postfix(struct ml_run *r, struct ml_line *l);
int col_ml_sendmail(struct ml_run *r, struct ml_line *l);
int col_ml_exim(struct ml_run *r, struct ml_line *l);
int col_ml_barracuda(struct ml_run *r, struct ml_line *l);

/* 1 when 'prog' is a process of the Barracuda gateway's mail syslog. */
int col_ml_is_barracuda_prog(const char *prog);
/* 1 when 'name' is a postfix daemon (smtpd, qmgr, smtp, ...), so that
 * "amavis/smtp" or "postfix-out/qmgr" are read as postfix. */
int col_ml_postfix_daemon(const char *name);
/* The start epoch (seconds) of a Barracuda line's message, for anchoring
 * the year of year-less stamps; 0 when msg is not one or has none. */
int64_t col_ml_barracuda_start(const char *msg);

/* Transactions: a parser never holds an ml_msg across a call that may
 * open another one (col_ml_msg may write out the least recently used). */

#endif
