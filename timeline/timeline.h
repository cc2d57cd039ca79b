/*
 * timeline/timeline.h - the case file, the time model and the indicators
 *
 * The one public header of timeline/.  Collectors put what they read into
 * the case through these functions and exporters read it back; neither
 * writes SQL.  timeline/ knows no collector and no exporter.
 *
 * Times are int64 nanoseconds since 1970-01-01T00:00:00Z everywhere inside
 * ftl; the raw text and the zone that was assumed travel with each event.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef TIMELINE_H
#define TIMELINE_H

#include <stdint.h>
#include <stddef.h>

#include "base/base.h"

#define TL_NS_PER_SEC 1000000000LL

/* ------------------------------------------------------------------ */
/* Time (timeline/time.c)                                              */
/* ------------------------------------------------------------------ */

/* A calendar time as read from evidence, before it becomes UTC. */
struct tl_civil {
    int year;              /* full year; 0 when the source has none */
    int mon;               /* 1..12 */
    int day;               /* 1..31 */
    int hour;              /* 0..23 */
    int min;               /* 0..59 */
    int sec;               /* 0..60 (60: leap second, kept as :59.999..) */
    int nsec;              /* 0..999999999 */
    int prec;              /* fraction digits the text had, 0..9 */
    int has_zone;          /* 1 when the text carried Z or an offset */
    int off_sec;           /* UTC offset in seconds when has_zone */
};

/* Longest text tl_time_format*() writes, with its NUL. */
#define TL_TIME_BUFSZ 48

/* Parse an RFC 3339 / ISO 8601 stamp at the start of s[0..n):
 * YYYY-MM-DD, optionally followed by 'T', 't' or ' ' and HH:MM[:SS[.f]]
 * (1 to 9 fraction digits; more are read and truncated to ns), optionally
 * followed by 'Z', 'z', +HH:MM, +HHMM or +HH.  On success fills *out,
 * sets *used (may be NULL) to the characters consumed and returns FTL_OK;
 * FTL_EPARSE otherwise (fields out of range included). */
int tl_time_parse_iso8601(const char *s, size_t n, struct tl_civil *out,
                          size_t *used);

/* Parse a classic syslog stamp "Mmm dd HH:MM:SS" (day may be space padded,
 * an optional .fraction is accepted) at the start of s[0..n).  The year is
 * left 0.  Returns FTL_OK or FTL_EPARSE. */
int tl_time_parse_syslog(const char *s, size_t n, struct tl_civil *out,
                         size_t *used);

/* Parse epoch seconds "[-]digits[.digits]" at the start of s[0..n) into
 * *ns, with *prec the fraction digits.  Returns FTL_OK or FTL_EPARSE
 * (also when the value does not fit int64 nanoseconds). */
int tl_time_parse_epoch(const char *s, size_t n, int64_t *ns, int *prec,
                        size_t *used);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t tl_days_from_civil(int64_t y, int m, int d);
void tl_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
int tl_days_in_month(int64_t y, int m);

/* A named IANA time zone (e.g. "Europe/Brussels", "UTC"). */
struct tl_tz;

/* Open zone 'name'.  Unknown names fail with FTL_EUSAGE and a message;
 * they never fall back to UTC silently.  Release with tl_tz_close(). */
int tl_tz_open(struct tl_tz **out, const char *name, struct ftl_err *err);
void tl_tz_close(struct tl_tz *tz);
const char *tl_tz_name(const struct tl_tz *tz);
/* 1 when the zone is UTC (no conversion, nothing assumed beyond it). */
int tl_tz_is_utc(const struct tl_tz *tz);
/* Make 'tz' (NULL: UTC) the C library's local zone, for libraries that
 * read local times through mktime() (libtsk's FAT, libarchive's DOS zip
 * times).  Process-wide: call it before starting other threads. */
void tl_tz_use(const struct tl_tz *tz);
/* UTC offset in seconds in effect at UTC second 'sec'. */
int tl_tz_offset_at(const struct tl_tz *tz, int64_t sec);

/* Event flags (the 'flags' column); also returned by tl_civil_to_ns(). */
enum tl_flag {
    TL_F_DELETED = 1 << 0,        /* file-system entry is deleted */
    TL_F_YEAR_ESTIMATED = 1 << 1, /* year inferred, not in the source */
    TL_F_IOC = 1 << 2,            /* an indicator matched this item */
    TL_F_TZ_ASSUMED = 1 << 3,     /* source had no zone; the given one used */
    TL_F_DST_AMBIGUOUS = 1 << 4,  /* local time occurs twice (DST end);
                                     the earlier instant was taken */
    TL_F_DST_GAP = 1 << 5,        /* local time does not exist (DST start);
                                     read with the offset before the gap */
    TL_F_REALLOC = 1 << 6,        /* name deleted, metadata reallocated */
    TL_F_IOC_MESSAGE = 1 << 7,    /* set by analyze: an indicator matched
                                     another record of this message */
};

/* Convert to UTC nanoseconds.  A stamp with a zone converts exactly.
 * A zone-less one is read in 'tz' (NULL means UTC) and TL_F_TZ_ASSUMED,
 * plus TL_F_DST_* where the local time is ambiguous or does not exist,
 * are OR-ed into *flags (which may be NULL).  c->year must be set.
 * Returns FTL_OK, or FTL_EPARSE when the result does not fit int64
 * nanoseconds. */
int tl_civil_to_ns(const struct tl_civil *c, const struct tl_tz *tz,
                   int64_t *ns, unsigned *flags);

/* Format 'ns' as RFC 3339 UTC with 'Z'.  'prec' is the number of fraction
 * digits (0..9); a negative prec picks the shortest of 0, 3, 6 or 9 digits
 * that shows the value exactly.  Returns 'out'. */
char *tl_time_format(int64_t ns, int prec, char out[TL_TIME_BUFSZ]);

/* Same, as local time in 'tz' with its numeric offset ("+01:00"). */
char *tl_time_format_tz(int64_t ns, int prec, const struct tl_tz *tz,
                        char out[TL_TIME_BUFSZ]);

/* Parse a time given on the command line (--from, --to, --window): RFC
 * 3339 with or without zone (zone-less means UTC), a bare date, or '@'
 * followed by epoch seconds.  Returns FTL_OK or FTL_EUSAGE. */
int tl_time_parse_arg(const char *s, int64_t *ns, struct ftl_err *err);

/* Current wall-clock time in ns. */
int64_t tl_time_now(void);

/* Whole microseconds and whole seconds of 'ns', rounded down (so that a
 * time before 1970 lands on the right one). */
int64_t tl_time_usec(int64_t ns);
int64_t tl_time_sec(int64_t ns);

/* 'ns' as signed epoch seconds with a nine-digit fraction, the way body
 * files and raw_time columns write it: "-0.500000000". */
char *tl_time_format_epoch(int64_t ns, char out[TL_TIME_BUFSZ]);

/* Seconds and nanoseconds (0..999999999) since 1970 as int64 ns.  A time
 * outside 1677..2262, which file systems, archives and headers can hold,
 * gives *ns = 0 ("not set") and FTL_EPARSE. */
int tl_time_from_sec(int64_t sec, int64_t nsec, int64_t *ns);

/* ------------------------------------------------------------------ */
/* The case store (timeline/store.c)                                   */
/* ------------------------------------------------------------------ */

struct tl_store;

/* Current schema version (PRAGMA user_version). */
#define TL_SCHEMA_VERSION 4

enum tl_open_mode {
    TL_OPEN_READ = 0,      /* must exist; read only */
    TL_OPEN_WRITE = 1,     /* must exist; migrated forward if older */
    TL_OPEN_CREATE = 2,    /* created when missing, else as WRITE */
};

/* Open the case file at 'path'.  A file that is not an ftl case, or one
 * of a newer schema, fails with FTL_ESCHEMA and says which.  On success
 * *out is owned by the caller: tl_store_close() it. */
int tl_store_open(struct tl_store **out, const char *path, int mode,
                  struct ftl_err *err);
void tl_store_close(struct tl_store *st);
const char *tl_store_path(const struct tl_store *st);

/* case_info key/value pairs ("name", "examiner", "tz", "created", ...). */
int tl_case_set(struct tl_store *st, const char *key, const char *value,
                struct ftl_err *err);
/* Returns a malloc'd copy (caller frees) or NULL when unset. */
char *tl_case_get(struct tl_store *st, const char *key);

/* One command run, for the audit table. */
struct tl_audit {
    const char *argv;      /* the command line, shell-quoted */
    const char *command;   /* "collect bodyfile", "export csv", ... */
    int64_t started;       /* ns */
};
/* Start an audit row; *id receives its id. */
int tl_audit_begin(struct tl_store *st, const struct tl_audit *a,
                   int64_t *id, struct ftl_err *err);
/* Close it with the exit status and the counts as free text
 * ("events=12 files=3 warnings=0"). */
int tl_audit_end(struct tl_store *st, int64_t id, int status,
                 const char *counts, struct ftl_err *err);

/* Add a note to audit row 'id' (appended after "; " when there is one):
 * what a command did that its counts do not say ("evidence #3 replaced
 * by #7: ..."). */
int tl_audit_note(struct tl_store *st, int64_t id, const char *note,
                  struct ftl_err *err);

/*
 * Evidence is identified by its content: kind and SHA-256 (and, for an
 * item on its own, the part of it that was read: a disk image read from
 * one --offset is its inner_path "sector N").  Every place where that
 * content was found is a row of evidence_places: a path given on the
 * command line, or a parent item and the inner path in it.  The
 * evidence row keeps its first place in its own path, inner_path and
 * parent_id columns.
 */

/* An evidence item: a file given on the command line, or one found inside
 * another (a log inside a disk image: parent_id and inner_path set).
 * The same fields describe a place (tl_place_add). */
struct tl_evidence {
    const char *kind;      /* "bodyfile", "disk", "maillog", ... */
    const char *path;      /* as given on the command line */
    const char *inner_path;/* path inside the parent, or NULL */
    int64_t parent_id;     /* 0 when none */
    int64_t size;          /* bytes, -1 when unknown */
    int64_t mtime;         /* ns, the file's modification time; 0 unknown */
    const char *options;   /* collector options, "tz=UTC year=2023" */
    const char *tz;        /* zone assumed for zone-less times, or NULL */
    int year;              /* year assumed for year-less times, or 0 */
    int64_t audit_id;      /* the command that collected it */
    const char *given;     /* the options given that shape what is read,
                              canonical ("--tz=UTC --year=2023"); NULL
                              none.  Compared when the same content is
                              collected again. */
};

/* Begin collecting an evidence item: opens a savepoint and inserts the
 * row and its first place.  Everything added until tl_evidence_end()
 * (or tl_evidence_finish / tl_evidence_merge) belongs to it. */
int tl_evidence_begin(struct tl_store *st, const struct tl_evidence *ev,
                      int64_t *id, struct ftl_err *err);

/* Evidence outcome, stored in the 'status' column.  A row that another
 * replaced has status 'replaced' (see tl_evidence_retire). */
enum tl_ev_status {
    TL_EV_COMPLETE = 0,    /* read to the end */
    TL_EV_PARTIAL = 1,     /* read with damage; warnings say where */
    TL_EV_FAILED = 2,      /* nothing could be read */
    TL_EV_REPLACED = 3,    /* collected again: see superseded_by */
};

/* Finish evidence 'id': record its digests (sha256 identifies it; md5 may
 * be NULL), its status and counts, and commit.  When the same content of
 * the same kind is already in the case, everything added since
 * tl_evidence_begin() is rolled back, this item's place is recorded as a
 * place of the earlier item (tl_evidence_merge), *dup_of is set to the
 * earlier evidence id and FTL_DONE is returned.  (The collectors' policy
 * of retries and replacements is col_evidence_end()'s, which uses the
 * functions below.) */
int tl_evidence_end(struct tl_store *st, int64_t id, const char *sha256,
                    const char *md5, int status, int64_t *dup_of,
                    struct ftl_err *err);

/* Finish evidence 'id' as a new item (digests, status, counts) and
 * release its savepoint.  FTL_DONE, with the savepoint still open, when
 * the content turned out to be in the case after all (*dup_of). */
int tl_evidence_finish(struct tl_store *st, int64_t id, const char *sha256,
                       const char *md5, int status, int64_t *dup_of,
                       struct ftl_err *err);

/* Throw away everything added since tl_evidence_begin(). */
void tl_evidence_abort(struct tl_store *st, int64_t id);

/* What the case holds for one content: filled by tl_evidence_lookup(),
 * released with tl_known_clear(). */
struct tl_known {
    int64_t id;            /* 0: not in the case */
    int status;            /* enum tl_ev_status */
    int64_t parent_id;     /* its first place is inside #parent_id; 0 on
                              its own */
    int64_t n_events, n_files, n_warnings;
    int64_t audit_id;      /* the command that collected it */
    char *given;           /* the options it was collected with; NULL
                              when not known (a case before schema 4) */
    char *place;           /* its first place, "path" or "path//inner" */
};

/* The evidence of 'kind' holding content 'sha256' ('part': the inner
 * path of an item on its own, NULL or "" for all of it), other than
 * 'self' (0 for none).  k->id = 0 when there is none. */
int tl_evidence_lookup(struct tl_store *st, const char *kind,
                       const char *sha256, const char *part, int64_t self,
                       struct tl_known *k, struct ftl_err *err);
/* The same, for the content evidence 'id' (being collected) has. */
int tl_evidence_lookup_as(struct tl_store *st, int64_t id,
                          const char *sha256, struct tl_known *k,
                          struct ftl_err *err);
void tl_known_clear(struct tl_known *k);

/* Record 'place' (its path, inner_path, parent_id, size, mtime and
 * audit_id) as a place of evidence 'evidence_id'.  *place_id (may be
 * NULL) is the new row, or 0 when that place was already recorded. */
int tl_place_add(struct tl_store *st, int64_t evidence_id,
                 const struct tl_evidence *place, int64_t *place_id,
                 struct ftl_err *err);

/* Evidence 'id' (being collected) is the content of 'known': throw away
 * everything added since tl_evidence_begin() and record its place on
 * 'known' (*place_id as tl_place_add). */
int tl_evidence_merge(struct tl_store *st, int64_t id, int64_t known,
                      int64_t *place_id, struct ftl_err *err);

/* Evidence 'id' (being collected, inside its savepoint) takes the place
 * of evidence 'old': every row 'old' gave (events, files, warnings,
 * messages and their links, attachments, documents and their persons and
 * categories, persons and their aliases, indicator hits) is removed, its
 * places and its children's places move to 'id', and its row stays as a
 * record: status 'replaced', superseded_by = id, 'why' in its note.
 * Undone with the savepoint if 'id' is.  *refs (may be NULL) receives
 * how many document attributions pointed at persons 'old' gave. */
int tl_evidence_retire(struct tl_store *st, int64_t old, int64_t id,
                       const char *why, int64_t *refs, struct ftl_err *err);

/* Call fn for every place of evidence 'id', first place first; the
 * fields of 'place' are valid during the call.  A non-zero return of fn
 * stops the walk and is returned. */
typedef int (*tl_place_fn)(int64_t place_id, const struct tl_evidence *place,
                           void *payload);
int tl_places_each(struct tl_store *st, int64_t id, tl_place_fn fn,
                   void *payload, struct ftl_err *err);

/* The parent of evidence 'id' (its first place), 0 when on its own. */
int64_t tl_evidence_parent(struct tl_store *st, int64_t id);
/* The kind of evidence 'id', malloc'd (caller frees), or NULL. */
char *tl_evidence_kind(struct tl_store *st, int64_t id);

/* The path (as given) of evidence 'id', malloc'd (caller frees), or NULL.
 * A child item's row holds its parent's path with its own inner path. */
char *tl_evidence_path(struct tl_store *st, int64_t id);

/* Rows added so far for evidence 'id' (before tl_evidence_end()). */
struct tl_counts {
    int64_t events, files, warnings, hits;
};
int tl_evidence_counts(struct tl_store *st, int64_t id, struct tl_counts *c,
                       struct ftl_err *err);

/* Count again the events, files and warnings of finished evidence 'id'
 * on its row, after rows were added to it for a place found later. */
int tl_evidence_recount(struct tl_store *st, int64_t id,
                        struct ftl_err *err);

/* Set a free-text note on an evidence row (e.g. "E01 stored MD5 ..."). */
int tl_evidence_note(struct tl_store *st, int64_t id, const char *note,
                     struct ftl_err *err);

/* Look up evidence with this kind and digest (and, when parent_id is 0,
 * this inner path: the part read); *id = 0 when none.  Lets a collector
 * skip a re-read. */
int tl_evidence_find(struct tl_store *st, const char *kind,
                     const char *sha256, int64_t parent_id,
                     const char *inner_path, int64_t *id,
                     struct ftl_err *err);

/* One timestamp.  Strings are borrowed for the call. */
struct tl_event {
    int64_t ts;            /* ns UTC */
    int prec;              /* fraction digits the source gives, 0..9 */
    const char *ts_desc;   /* plaso vocabulary: "Content Modification Time" */
    const char *source;    /* FILE, LOG, MAIL, DOC */
    const char *artifact;  /* fs:file, mail:delivery, doc:meta, ... */
    int64_t evidence_id;
    const char *locator;   /* where: "line 12", "inode 14 /a/b", "@4096" */
    const char *message;   /* one human sentence */
    const char *raw_time;  /* the time as written in the source, or NULL */
    const char *tz;        /* zone assumed when the source had none */
    unsigned flags;        /* enum tl_flag */
    int64_t file_id;       /* links, 0 when none */
    int64_t msg_id;
    int64_t doc_id;
    int64_t person_id;
};

/* Insert an event.  Returns FTL_OK, FTL_DONE when the same (evidence,
 * locator, ts, ts_desc) is already there, or an error.  *id may be NULL. */
int tl_event_add(struct tl_store *st, const struct tl_event *ev,
                 int64_t *id, struct ftl_err *err);

/* One file-system entry, as fls -m sees it. */
struct tl_file {
    int64_t evidence_id;
    int64_t part_offset;   /* byte offset of the file system, -1 none */
    const char *partition; /* e.g. "p2", or NULL for a bare file system */
    int64_t addr;          /* metadata address (inode), -1 unknown */
    const char *inode;     /* TSK inode string, e.g. "64-128-2" */
    const char *path;      /* full path, without any "(deleted)" suffix */
    const char *link;      /* symlink target (fls prints " -> target"),
                              or NULL */
    int name_alloc;        /* 1 allocated, 0 unallocated name */
    int meta_alloc;        /* 1 allocated, 0 unallocated metadata */
    int deleted;           /* 1 when the entry is deleted */
    const char *mode;      /* TSK mode string, e.g. "r/rrw-r--r--" */
    const char *uid;       /* as text: body files may hold anything */
    const char *gid;
    int64_t size;
    int64_t atime, mtime, ctime, crtime, dtime;   /* ns, 0 = not set */
    const char *md5;       /* hex or NULL */
    const char *sha256;    /* hex or NULL */
    const char *hash_note; /* e.g. "deleted: content may be overwritten" */
    const char *locator;   /* unique within the evidence */
};

int tl_file_add(struct tl_store *st, const struct tl_file *f, int64_t *id,
                struct ftl_err *err);

/* Record a warning about an evidence item (0 when about none). */
int tl_warning_add(struct tl_store *st, int64_t evidence_id,
                   const char *locator, const char *message,
                   struct ftl_err *err);

/* Read access for exporters: run 'sql' (a fixed string, never built from
 * evidence) with the given int64 / text parameters and call 'row' for each
 * result row.  The row callback gets the sqlite3_stmt as void*; use the
 * tl_col_* accessors.  Returning non-zero from it stops the walk. */
typedef int (*tl_row_fn)(void *stmt, void *payload);
int tl_store_query(struct tl_store *st, const char *sql, tl_row_fn row,
                   void *payload, struct ftl_err *err);
int64_t tl_col_int(void *stmt, int i);
const char *tl_col_text(void *stmt, int i);   /* NULL for SQL NULL */
int tl_col_bytes(void *stmt, int i);
int tl_col_is_null(void *stmt, int i);
int tl_col_is_int(void *stmt, int i);         /* an SQL INTEGER value */
int tl_col_count(void *stmt);
const char *tl_col_name(void *stmt, int i);
/* 1 when column i is declared as a time (TIME_NS) in the schema. */
int tl_col_is_time(void *stmt, int i);

/* Prepare a read statement with bound parameters: 'types' lists one
 * character per parameter, 'i' (int64_t) or 't' (const char *). */
int tl_store_select(struct tl_store *st, const char *sql, const char *types,
                    tl_row_fn row, void *payload, struct ftl_err *err, ...);

/* 1 when table 'name' exists and may be exported with --table. */
int tl_store_has_table(struct tl_store *st, const char *name);

/* ------------------------------------------------------------------ */
/* Messages and attachments (timeline/mail.c)                          */
/* ------------------------------------------------------------------ */

/* One message: a transaction in a mail log (origin "log": queue id,
 * gateway id) or a message in a mail store (origin "store").  Strings are
 * borrowed for the call; NULL means unknown. */
struct tl_message {
    int64_t evidence_id;
    const char *origin;        /* "log" or "store" */
    const char *queue_id;      /* postfix/sendmail/exim queue id */
    const char *gateway_id;    /* Barracuda message id */
    const char *message_id;    /* Message-ID, without the angle brackets */
    const char *sender;
    const char *recipients;    /* ';'-separated, lower case */
    int64_t size;              /* bytes, -1 unknown */
    const char *subject;       /* decoded to UTF-8 */
    const char *status;        /* of the last delivery attempt */
    int64_t date;              /* Date: header, ns; 0 unknown */
    int64_t first_seen;        /* ns; 0 unknown */
    int64_t last_seen;
    const char *host;          /* the host that logged it */
    const char *client;        /* connecting client, "host[ip]" */
    unsigned flags;            /* enum tl_flag (year estimated, ioc) */
    const char *locator;       /* unique in the evidence: "qid ABC@line 12",
                                  "offset 4096", "cur/1700000000.x" */
};

/* Insert a message; FTL_DONE when its (evidence, locator) is there. */
int tl_message_add(struct tl_store *st, const struct tl_message *m,
                   int64_t *id, struct ftl_err *err);
/* Overwrite every column of message 'id' with m (m->locator ignored). */
int tl_message_update(struct tl_store *st, int64_t id,
                      const struct tl_message *m, struct ftl_err *err);
/* Link a message to a value that identifies it elsewhere, once (the same
 * msg_id, kind and value again adds nothing): kind
 * "queued-as" (value: the next queue id), "message-id", "gateway-id";
 * other_msg_id when the other message is known (else 0). */
int tl_message_link(struct tl_store *st, int64_t evidence_id, int64_t msg_id,
                    const char *kind, const char *value,
                    int64_t other_msg_id, struct ftl_err *err);

/* A MIME leaf part with a file name or non-inline content, or a member of
 * an attached archive (is_member, parent_id = the archive's row). */
struct tl_attachment {
    int64_t evidence_id;
    int64_t msg_id;            /* messages row, 0 unknown */
    const char *message_id;
    int64_t parent_id;         /* archive holding this member, 0 none */
    const char *part_path;     /* "1.2", "1.2/member/path" */
    const char *filename;      /* decoded to UTF-8 */
    const char *content_type;
    int64_t size;              /* decoded bytes */
    const char *md5;
    const char *sha256;
    int is_member;
    const char *note;          /* e.g. "zip bomb bound hit: ..." */
    const char *locator;       /* unique in the evidence */
};

int tl_attachment_add(struct tl_store *st, const struct tl_attachment *a,
                      int64_t *id, struct ftl_err *err);

/* Complete attachment row 'id', added with tl_attachment_add() before
 * its content was read: decoded size (-1 unknown), digests and note
 * (each may be NULL). */
int tl_attachment_finish(struct tl_store *st, int64_t id, int64_t size,
                         const char *md5, const char *sha256,
                         const char *note, struct ftl_err *err);

/* What a place of a stored message needs of it (its delivery to a
 * maildir, its file time): filled by tl_message_only(), strings "" when
 * unknown; release with tl_message_brief_clear(). */
struct tl_message_brief {
    int64_t id;
    unsigned flags;
    char *message_id, *sender, *recipients, *subject;
};
/* The one message of evidence 'evidence_id' (a single stored message):
 * FTL_OK, FTL_DONE when it holds none or more than one, or an error. */
int tl_message_only(struct tl_store *st, int64_t evidence_id,
                    struct tl_message_brief *b, struct ftl_err *err);
void tl_message_brief_clear(struct tl_message_brief *b);
/* Widen message 'msg_id's first_seen .. last_seen to take in 'ts'. */
int tl_message_seen(struct tl_store *st, int64_t msg_id, int64_t ts,
                    struct ftl_err *err);

/* Flag message 'msg_id' and every event linked to it (events of its own
 * evidence) as an indicator hit (TL_F_IOC), for a hit found after they
 * were written. */
int tl_message_flag_ioc(struct tl_store *st, int64_t msg_id,
                        struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Indicators of compromise (timeline/iocs.c)                          */
/* ------------------------------------------------------------------ */

struct tl_iocset;

/* One indicator, as in the pack CSV type,value,family,note,source. */
struct tl_ioc {
    int64_t id;            /* row id in the 'iocs' table once stored */
    const char *type;      /* path, filename, md5, sha256, path_regex,
                              ip, domain, email, subject_regex,
                              name_regex, name_substring */
    const char *value;
    const char *family;
    const char *note;
    const char *source;
};

/* Load the pack shipped inside ftl (built from the public UNC4841
 * indicators, each with its source). */
int tl_iocs_load_default(struct tl_iocset **out, struct ftl_err *err);
/* Load a pack from a CSV file; bad rows fail with the line number. */
int tl_iocs_load_file(struct tl_iocset **out, const char *path,
                      struct ftl_err *err);
void tl_iocs_free(struct tl_iocset *set);
size_t tl_iocs_count(const struct tl_iocset *set);

/* Write the set's indicators into the case ('iocs' table, deduplicated on
 * type+value) and learn their row ids.  Call once before matching. */
int tl_iocs_store(struct tl_store *st, struct tl_iocset *set,
                  struct ftl_err *err);

/* What a value is, for matching. */
enum tl_ioc_target {
    TL_T_PATH,             /* full path inside an image or store */
    TL_T_NAME,             /* a file or attachment name, or archive member */
    TL_T_MD5,
    TL_T_SHA256,
    TL_T_IP,
    TL_T_DOMAIN,           /* host name */
    TL_T_EMAIL,            /* sender or recipient address */
    TL_T_SUBJECT,
};

/* Call 'hit' for every indicator matching 'value' as 'target'.  Path
 * targets are also tested as names (their last component).  Returns the
 * number of matches. */
typedef void (*tl_ioc_hit_fn)(const struct tl_ioc *ioc, void *payload);
int tl_iocs_match(const struct tl_iocset *set, int target,
                  const char *value, tl_ioc_hit_fn hit, void *payload);

/* 1 when a name (attachment, archive member, subject) carries shell
 * metacharacters as in the CVE-2023-2868 exploit: backtick, "$(", ';',
 * '|' or '&'.  'why' (may be NULL) receives a static description. */
int tl_name_is_suspicious(const char *name, const char **why);

/* Rule name of a tl_name_is_suspicious() hit in ioc_hits.rule. */
#define TL_RULE_SHELL_NAME "shell-metacharacters-in-name"

/* A recorded match.  Denormalised on purpose: each row reads on its own. */
struct tl_ioc_hit {
    int64_t evidence_id;
    const struct tl_ioc *ioc; /* NULL for a rule hit (suspicious name) */
    const char *rule;      /* rule name when ioc is NULL */
    const char *why;       /* for a rule hit: what in the value made it
                              ("contains a backtick") */
    const char *target;    /* "path", "filename", "md5", "attachment name",
                              "subject", "log line", ... */
    const char *value;     /* the value that matched */
    const char *context;   /* the file path, message or log line */
    const char *locator;   /* same locator as the events it flags */
    int64_t file_id, msg_id, attachment_id;
};

/* Store a hit and flag every event of the same evidence and locator
 * (TL_F_IOC); events added later with TL_F_IOC set are flagged by the
 * caller.  *id may be NULL. */
int tl_ioc_hit_add(struct tl_store *st, const struct tl_ioc_hit *h,
                   int64_t *id, struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Personnel register and HR documents (timeline/hr.c)                 */
/* ------------------------------------------------------------------ */

/* One person of the personnel register.  Strings are borrowed for the
 * call (tl_person_add) or valid during the callback (tl_persons_each);
 * NULL means unknown. */
struct tl_person {
    int64_t id;                /* person_id; set by the read functions */
    int64_t evidence_id;       /* the register it was read from */
    const char *employee_no;
    const char *name;          /* full name as shown ("Jean Dupont") */
    const char *first_name;
    const char *last_name;
    const char *emails;        /* ';'-separated, lower case */
    const char *department;
    const char *role;
    const char *status;
    const char *extra;         /* other register columns, a JSON object */
    const char *locator;       /* where in the register: "line 12" */
};

/* Insert a person; *id (may be NULL) receives its person_id. */
int tl_person_add(struct tl_store *st, const struct tl_person *p,
                  int64_t *id, struct ftl_err *err);

/* Add a name variant of a person used for matching: 'kind' is one of
 * "employee_no", "email", "name", "reversed", "initials", "unaccented",
 * "formatted", "surname"; 'norm' is the folded form that is matched. */
int tl_person_alias_add(struct tl_store *st, int64_t person_id,
                        const char *alias, const char *kind,
                        const char *norm, struct ftl_err *err);

/* Call fn for every person in the case, in person_id order.  A non-zero
 * return from fn stops the walk and is returned. */
typedef int (*tl_person_fn)(const struct tl_person *p, void *payload);
int tl_persons_each(struct tl_store *st, tl_person_fn fn, void *payload,
                    struct ftl_err *err);

/* Call fn for every alias, ordered by person_id then alias id. */
typedef int (*tl_alias_fn)(int64_t person_id, const char *alias,
                           const char *kind, const char *norm,
                           void *payload);
int tl_person_aliases_each(struct tl_store *st, tl_alias_fn fn,
                           void *payload, struct ftl_err *err);

/* One file of an HR document store.  Strings are borrowed for the call. */
struct tl_document {
    int64_t evidence_id;
    const char *path;          /* store path joined with the file's path */
    int64_t size;              /* bytes, -1 unknown */
    const char *md5;           /* hex, NULL when the file was unreadable */
    const char *sha256;
    const char *type;          /* "docx", "odt", "pdf", "hr-xml", ... */
    const char *title;
    const char *author;
    const char *last_modified_by;
    const char *revision;
    int64_t created;           /* ns from the document's own metadata; */
    int64_t modified;          /* 0 when it has none */
    int64_t printed;
    const char *person_ids;    /* ';'-separated person_id list */
    const char *categories;    /* ';'-separated data categories */
    const char *attribution;   /* how each person and category was found */
    int art9;                  /* 1: a GDPR Art. 9 special category */
    const char *locator;       /* unique in the evidence: relative path */
};

/* Insert a document; FTL_DONE when its (evidence, locator) is there. */
int tl_document_add(struct tl_store *st, const struct tl_document *d,
                    int64_t *id, struct ftl_err *err);

/* Record that person_id was found in document doc_id: 'strength' is "id"
 * (employee number or e-mail), "name" (full name or a name alias) or
 * "surname" (surname alone: a candidate, not an attribution); 'field'
 * says where ("path", "name", "meta:title", "text", ...); 'matched' is
 * the alias that matched. */
int tl_document_person_add(struct tl_store *st, int64_t doc_id,
                           int64_t person_id, const char *strength,
                           const char *field, const char *matched,
                           struct ftl_err *err);

/* Record that a rule put document doc_id in 'category'. */
int tl_document_category_add(struct tl_store *st, int64_t doc_id,
                             const char *category, int art9,
                             const char *field, const char *pattern,
                             const char *matched, struct ftl_err *err);

#endif
